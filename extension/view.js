// Rendering shared by the extension's reader page and the www demo. No browser-extension APIs here:
// callers pass `t` (strings), `loadCsl` (style files) and `store` (remembered choices).

const DROP = 'script,style,link,meta,iframe,frame,frameset,object,embed,applet,form,input,button,select,textarea,noscript,template,svg script,base';

// Defence in depth for HTML that did not come from the core's sanitizer (restored clutter, the
// whole-page fallback): parse inertly, drop active elements, event handlers, styles and
// script-ish URLs. The page's CSP forbids inline script anyway.
export function sanitize(html, baseUrl) {
  const doc = new DOMParser().parseFromString(String(html || ''), 'text/html');
  for (const el of doc.querySelectorAll(DROP)) el.remove();
  for (const el of doc.body.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'formaction') el.removeAttribute(attr.name);
      else if ((name === 'href' || name === 'src' || name === 'xlink:href' || name === 'action') && /^(javascript|vbscript|data:text\/html)/.test(value.replace(/\s+/g, ''))) el.removeAttribute(attr.name);
      else if ((name === 'href' || name === 'src') && baseUrl) {
        try { el.setAttribute(attr.name, new URL(attr.value, baseUrl).href); } catch { el.removeAttribute(attr.name); }
      }
    }
    if (el.tagName === 'IMG' && el.getAttribute('src') && !/^(https:|data:image\/)/i.test(el.getAttribute('src'))) el.removeAttribute('src');
  }
  const frag = document.createDocumentFragment();
  for (const node of Array.from(doc.body.childNodes)) frag.appendChild(document.importNode(node, true));
  return frag;
}

// "2023-01-10T10:31:00+08:00" → the article's own calendar day, in the reader's locale.
export function formatDate(iso, locale) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  try {
    return new Intl.DateTimeFormat(locale || undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  } catch {
    return m[0];
  }
}

export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}
export { el };

function authorNames(article) {
  const names = (article.authors || []).map((a) => a.literal || [a.given, a.family].filter(Boolean).join(' ')).filter(Boolean);
  return names.length ? names.join(', ') : article.byline || '';
}

// Header (site, title, byline, date, reading time, original link) and the article body.
export function renderArticle(root, article, { t, locale, pageUrl }) {
  root.replaceChildren();
  const meta = [];
  const who = authorNames(article);
  if (who) meta.push(el('span', { class: 'byline', text: who }));
  const date = formatDate(article.publishedTime, locale);
  if (date) meta.push(el('time', { datetime: article.publishedTime, text: date }));
  if (article.readingMinutes) meta.push(el('span', { class: 'reading-time', text: t('readingTime', [String(article.readingMinutes)]) }));
  const header = el('header', { class: 'article-header' },
    (article.siteName || article.publisher) ? el('p', { class: 'site-name', text: article.siteName || article.publisher }) : null,
    el('h1', { class: 'title', text: article.title || '' }),
    meta.length ? el('p', { class: 'meta' }, ...meta.flatMap((m, i) => (i ? [el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }), m] : [m]))) : null,
    article.source && article.source !== who ? el('p', { class: 'source', text: t('sourceLabel', [article.source]) }) : null,
    article.canonicalUrl || pageUrl ? el('p', { class: 'original' }, el('a', { href: article.canonicalUrl || pageUrl, rel: 'noopener noreferrer', text: t('viewOriginal') })) : null,
  );
  const body = el('article', { class: 'article-body', lang: article.lang || null, dir: article.dir || 'auto' });
  // `content` is sanitized by the core; still parsed inertly and re-checked here.
  body.append(sanitize(article.content, article.canonicalUrl || pageUrl || undefined));
  for (const table of body.querySelectorAll('table')) {
    if (!table.parentElement.classList.contains('table-scroll')) table.replaceWith(el('div', { class: 'table-scroll', tabindex: '0' }, table.cloneNode(true)));
  }
  root.append(el('div', { class: 'article-wrap', lang: article.lang || null, dir: article.dir || 'auto' }, header, body));
  return body;
}

// The citation panel: style picker, rendered citation, copy buttons.
export function renderCitation(root, article, { wasm, t, loadCsl, store, onCopied }) {
  const styles = wasm.styles();
  const cslStyles = styles.filter((s) => s.name !== 'bibtex' && s.name !== 'ris' && s.name !== 'csl-json');
  const select = el('select', { id: 'cite-style', 'aria-label': t('citeStyle') },
    ...cslStyles.map((s) => el('option', { value: s.name, text: s.label || s.name })));
  const shown = el('div', { class: 'citation', id: 'citation', 'aria-live': 'polite' });
  const status = el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
  const copy = el('button', { type: 'button', id: 'copy-citation', class: 'primary', text: t('copy') });
  const extra = [];
  for (const name of ['bibtex', 'ris']) {
    if (styles.some((s) => s.name === name)) extra.push(el('button', { type: 'button', id: 'copy-' + name, 'data-style': name, text: t('copy_' + name) }));
  }
  root.replaceChildren(
    el('h2', { id: 'cite-heading', text: t('citeHeading') }),
    el('div', { class: 'cite-controls' }, el('label', { for: 'cite-style', text: t('citeStyle') }), select),
    shown,
    el('div', { class: 'cite-actions' }, copy, ...extra, status),
  );
  let current = { text: '', html: '' };
  const accessed = today();

  async function format(name, fmt) {
    const s = styles.find((x) => x.name === name);
    const [csl, locale] = await Promise.all([s && s.cslFile ? loadCsl(s.cslFile) : undefined, s && s.localeFile ? loadCsl(s.localeFile) : undefined]);
    return wasm.cite(article, name, fmt, accessed, csl, locale);
  }
  async function show(name) {
    try {
      const [html, text] = await Promise.all([format(name, 'html'), format(name, 'text')]);
      current = { text, html };
      shown.replaceChildren(sanitize(html));
      shown.dataset.text = text;
    } catch (e) {
      current = { text: '', html: '' };
      shown.replaceChildren(el('p', { class: 'error', text: t('citeFailed', [String(e && e.message || e)]) }));
    }
  }
  async function flash(msg) {
    status.textContent = msg;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { status.textContent = ''; }, 2500);
    if (onCopied) onCopied(msg);
  }
  select.addEventListener('change', () => { store.set('citeStyle', select.value); show(select.value); });
  copy.addEventListener('click', async () => {
    await copyRich(current.text, current.html);
    flash(t('copied'));
  });
  for (const b of extra) {
    b.addEventListener('click', async () => {
      try {
        await copyRich(await format(b.dataset.style, 'text'));
        flash(t('copiedFormat', [b.textContent.replace(/^\S+\s/, '')]));
      } catch (e) {
        flash(t('citeFailed', [String(e && e.message || e)]));
      }
    });
  }
  return (async () => {
    const remembered = await store.get('citeStyle');
    const initial = cslStyles.find((s) => s.name === remembered) ? remembered : (cslStyles.find((s) => s.name === 'apa') || cslStyles[0] || {}).name;
    if (initial) { select.value = initial; await show(initial); }
    return { citationText: () => current.text, format };
  })();
}

// Both flavours on the clipboard where the browser allows it, plain text otherwise.
export async function copyRich(text, html) {
  if (html && typeof ClipboardItem !== 'undefined' && navigator.clipboard && navigator.clipboard.write) {
    try {
      await navigator.clipboard.write([new ClipboardItem({
        'text/plain': new Blob([text], { type: 'text/plain' }),
        'text/html': new Blob([html], { type: 'text/html' }),
      })]);
      return;
    } catch { /* fall through */ }
  }
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = el('textarea', { class: 'offscreen', readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
}

// The "removed" drawer: clutter the core dropped, each restorable at the end of the article.
export function renderRemoved(root, article, body, { t }) {
  const items = article.removed || [];
  root.replaceChildren();
  root.hidden = items.length === 0;
  if (!items.length) return;
  const list = el('ol', { class: 'removed-list' });
  items.forEach((item, i) => {
    const restore = el('button', { type: 'button', 'data-index': String(i), text: t('restore') });
    restore.addEventListener('click', () => {
      const block = el('section', { class: 'restored', 'aria-label': t('restoredLabel') });
      block.append(sanitize(item.html || '') || item.text);
      if (!block.textContent.trim()) block.textContent = item.text;
      body.append(block);
      restore.disabled = true;
      restore.textContent = t('restored');
    });
    list.append(el('li', {},
      el('p', { class: 'removed-why' }, el('code', { text: item.rule }), ' ', item.reason || ''),
      el('p', { class: 'removed-text', text: (item.text || '').slice(0, 280) }),
      restore));
  });
  root.append(el('details', { class: 'removed' },
    el('summary', { text: t('removedSummary', [String(items.length)]) }), list));
}

// Messages for the core's error codes.
export function errorText(e, t) {
  const code = e && typeof e === 'object' && e.code ? e.code : 'internal';
  return { code, title: t('error_' + code.replace(/-/g, '_')) || t('error_internal'), detail: (e && e.message) || String(e) };
}
