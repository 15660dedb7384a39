// Rendering shared by the extension's reader page and the www demo. No browser-extension APIs here:
// callers pass `t` (strings), `loadCsl` (style files) and `store` (remembered choices).
import { createCatalog, renderPicker } from './styles.js';

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
      // In-page links (footnotes and their back links, ids prefixed by the core) stay in the page.
      else if (name === 'href' && /^#./.test(attr.value)) continue;
      else if ((name === 'href' || name === 'src') && baseUrl) {
        try { el.setAttribute(attr.name, new URL(attr.value, baseUrl).href); } catch { el.removeAttribute(attr.name); }
      }
    }
    if (el.tagName === 'IMG' && el.getAttribute('src') && !/^(https:|data:image\/)/i.test(el.getAttribute('src'))) el.removeAttribute('src');
  }
  // An image the reader cannot show (no src, or one the page's CSP would block: plain http) is
  // dropped rather than left as an empty box; a wrapper it leaves empty goes with it.
  for (const img of doc.body.querySelectorAll('img:not([src])')) {
    const parent = img.parentElement;
    img.remove();
    if (parent && parent !== doc.body && /^(P|A|PICTURE|SPAN|DIV)$/.test(parent.tagName) && !parent.textContent.trim() && !parent.querySelector('img,video,table,pre')) parent.remove();
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

// The byline as the core wrote it (names in their own order: "宋雨桐", not "雨桐 宋"); the
// structured authors only when there is no byline.
function authorNames(article) {
  if (article.byline) return article.byline;
  const names = (article.authors || []).map((a) => a.literal || [a.given, a.family].filter(Boolean).join(' ')).filter(Boolean);
  return names.join(', ');
}

// Chinese and Japanese text is counted in characters (the core's wordCount does so), other
// scripts in words.
export function countsCharacters(article) {
  if (/^(zh|ja)\b/i.test(article.lang || '')) return true;
  const sample = String(article.text || '').slice(0, 600).replace(/\s+/g, '');
  const cjk = (sample.match(/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g) || []).length;
  return sample.length > 0 && cjk / sample.length > 0.3;
}

// Header (site, title, byline, date, reading time, original link) and the article body.
export function renderArticle(root, article, { t, locale, pageUrl, favicon }) {
  const scrollLabel = t('tableScroll') || 'Table, scrolls sideways';
  root.replaceChildren();
  const meta = [];
  const who = authorNames(article);
  // dir=auto on each item: in a right-to-left article, "3 min read" still reads left to right.
  if (who) meta.push(el('span', { class: 'byline', dir: 'auto', text: who }));
  const date = formatDate(article.publishedTime, locale);
  if (date) meta.push(el('time', { datetime: article.publishedTime, dir: 'auto', text: date }));
  if (article.readingMinutes) meta.push(el('span', { class: 'reading-time', dir: 'auto', text: t('readingTime', [String(article.readingMinutes)]) }));
  if (article.wordCount) {
    const n = new Intl.NumberFormat(locale || undefined).format(article.wordCount);
    meta.push(el('span', { class: 'word-count', dir: 'auto', 'data-count': String(article.wordCount), text: t(countsCharacters(article) ? 'charCount' : 'wordCount', [n]) }));
  }
  const site = article.siteName || article.publisher;
  // The favicon only when the page carried it inline (a data: URL): fetching it would be a network
  // request from the reader, and the browser's favicon cache needs an extra permission.
  const icon = favicon && /^data:image\/(png|gif|jpeg|webp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]/i.test(favicon)
    ? el('img', { class: 'favicon', src: favicon, alt: '', width: '16', height: '16' }) : null;
  const header = el('header', { class: 'article-header' },
    site ? el('p', { class: 'site-name' }, icon, el('span', { text: site })) : null,
    el('h1', { class: 'title', text: article.title || '' }),
    meta.length ? el('p', { class: 'meta' }, ...meta.flatMap((m, i) => (i ? [el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }), m] : [m]))) : null,
    article.source && article.source !== who ? el('p', { class: 'source', text: t('sourceLabel', [article.source]) }) : null,
    article.canonicalUrl || pageUrl ? el('p', { class: 'original' }, el('a', { href: article.canonicalUrl || pageUrl, rel: 'noopener noreferrer', text: t('viewOriginal') })) : null,
  );
  const body = el('article', { class: 'article-body', lang: article.lang || null, dir: article.dir || 'auto' });
  // `content` is sanitized by the core; still parsed inertly and re-checked here.
  body.append(sanitize(article.content, article.canonicalUrl || pageUrl || undefined));
  // An image that fails to load (offline, blocked, gone) leaves its description, not a broken icon.
  for (const img of body.querySelectorAll('img')) {
    img.addEventListener('error', () => {
      const alt = (img.getAttribute('alt') || '').trim();
      if (alt) img.replaceWith(el('span', { class: 'img-missing', text: alt }));
      else img.remove();
    }, { once: true });
  }
  for (const table of body.querySelectorAll('table')) {
    if (!table.parentElement.classList.contains('table-scroll')) table.replaceWith(el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': scrollLabel }, table.cloneNode(true)));
  }
  root.append(el('div', { class: 'article-wrap', lang: article.lang || null, dir: article.dir || 'auto' }, header, body));
  return body;
}

// citeproc-style HTML ("<div class="csl-entry">…</div>", with csl-left-margin/csl-right-inline
// divs for numeric styles) as inline HTML for the clipboard and for quoting: word processors
// turn each div into a paragraph, which would put "[1]" on a line of its own.
export function inlineCitationHtml(html) {
  const doc = new DOMParser().parseFromString(String(html || ''), 'text/html');
  for (const m of doc.querySelectorAll('.csl-left-margin')) m.replaceWith(...m.childNodes, ' ');
  for (const d of doc.querySelectorAll('.csl-right-inline, .csl-indent, .csl-block')) d.replaceWith(...d.childNodes);
  const entries = Array.from(doc.querySelectorAll('.csl-entry'));
  const parts = entries.length ? entries.map((e) => e.innerHTML.trim().replace(/\s*\n\s*/g, ' ')) : [doc.body.innerHTML.trim()];
  return parts.join('<br>');
}

// Addresses in a citation always run left to right, also inside a right-to-left citation
// (otherwise the trailing "/" of "https://…/" jumps to the front).
function isolateUrls(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/https?:\/\/\S/.test(n.nodeValue)) hits.push(n);
  for (const n of hits) {
    const parts = n.nodeValue.split(/(https?:\/\/[^\s<>"]*[^\s<>".,;:)])/);
    n.replaceWith(...parts.map((p, i) => (i % 2 ? el('bdi', { dir: 'ltr', class: 'url', text: p }) : p)));
  }
}

// The citation module (the CSL engine) is its own wasm module, next to the page at pkg/ in
// both the extension and the demo; loaded once, when the first citation is formatted.
let citeModule = null;
export async function loadCiteModule() {
  if (!citeModule) {
    const m = await import(new URL('pkg/tidings_cite.js', document.baseURI).href);
    await m.default();
    citeModule = m;
  }
  return citeModule;
}

// The citation panel: style picker (every style the core offers), the citation, copy buttons.
export function renderCitation(root, article, { wasm, t, loadCsl, store, onCopied, loadBytes, local }) {
  const styles = wasm.styles();
  const isCsl = (s) => !!(s && s.cslFile);
  const select = el('select', { id: 'cite-style' },
    el('optgroup', { label: t('citeStyles') || 'Styles' }, ...styles.filter(isCsl).map((s) => el('option', { value: s.name, text: s.label || s.name }))),
    el('optgroup', { label: t('citeFormats') || 'Formats' }, ...styles.filter((s) => !isCsl(s)).map((s) => el('option', { value: s.name, text: s.label || s.name }))));
  // dir=auto: a citation of an Arabic or Hebrew article reads in its own direction.
  const shown = el('div', { class: 'citation', id: 'citation', dir: 'auto' });
  const status = el('span', { class: 'copied', id: 'copy-status', role: 'status', 'aria-live': 'polite' });
  const copy = el('button', { type: 'button', id: 'copy-citation', class: 'primary', text: t('copy') });
  // The style's citation: in-text ("(Xinhua, 2023)", "[1]") or the first note, by its class.
  const copyCitation = el('button', { type: 'button', id: 'copy-intext', hidden: true, text: t('copyInText') || 'Copy in-text citation' });
  const extra = [];
  for (const name of ['bibtex', 'ris']) {
    if (styles.some((s) => s.name === name)) extra.push(el('button', { type: 'button', id: 'copy-' + name, 'data-style': name, 'data-label': name === 'bibtex' ? 'BibTeX' : 'RIS', text: t('copy_' + name) }));
  }
  // Every official style: the picker (styles.js) when the package carries csl/all.
  const picker = el('div', { class: 'style-picker' });
  const catalog = loadBytes && wasm.catalogLoad ? createCatalog(wasm, loadBytes) : null;
  const pick = catalog ? renderPicker(picker, { catalog, t, local: local || store, select }) : null;
  const inCatalog = (name) => /^(csl|file):/.test(name);
  root.replaceChildren(
    el('h2', { id: 'cite-heading', text: t('citeHeading') }),
    el('div', { class: 'cite-controls' }, el('label', { for: 'cite-style', text: t('citeStyle') }), select),
    picker,
    shown,
    el('div', { class: 'cite-actions' }, copy, copyCitation, ...extra, status),
  );
  let current = { name: '', text: '', html: '' };
  const accessed = article.accessed || today();

  async function format(name, fmt, form) {
    if (inCatalog(name)) {
      const xml = name.startsWith('file:') ? await pick.xmlOf(name) : undefined;
      if (name.startsWith('file:') && !xml) throw new Error(t('styleGone') || 'this style was removed');
      return catalog.cite(article, name.startsWith('csl:') ? name.slice(4) : '', fmt, accessed, xml, form);
    }
    const s = styles.find((x) => x.name === name);
    if (!isCsl(s)) return wasm.cite(article, name, 'text', accessed);
    const [csl, locale] = await Promise.all([loadCsl(s.cslFile), s.localeFile ? loadCsl(s.localeFile) : undefined]);
    return wasm.cite(article, name, fmt, accessed, csl, locale, form);
  }
  async function show(name) {
    const s = styles.find((x) => x.name === name);
    try {
      if (isCsl(s) || inCatalog(name)) {
        // A style without a reference list (a note style that cites in notes only) shows its
        // first note instead, and says so.
        let form = 'bibliography';
        const [html, text] = await Promise.all([format(name, 'html'), format(name, 'text')]).catch((e) => {
          if (!e || e.code !== 'no-bibliography') throw e;
          form = 'citation';
          return Promise.all([format(name, 'html', form), format(name, 'text', form)]);
        });
        current = { name, text, html: inlineCitationHtml(html) };
        shown.replaceChildren(sanitize(html));
        if (form === 'citation') {
          shown.prepend(el('p', { class: 'notice', text: t('noBibliography') || 'This style has no reference list: its first note is shown.' }));
        }
        shown.dataset.form = form;
        isolateUrls(shown);
      } else {
        const text = await format(name, 'text');
        current = { name, text, html: '' };
        shown.replaceChildren(el('pre', { class: 'citation-code', tabindex: '0', text }));
      }
      shown.dataset.style = name;
      labelCitationButton(name);
    } catch (e) {
      current = { name, text: '', html: '' };
      shown.replaceChildren(el('p', { class: 'error', text: t('citeFailed', [String(e && e.message || e)]) }));
    }
  }
  // The second button names what the style's citation is: a note or an in-text citation.
  async function labelCitationButton(name) {
    const s = styles.find((x) => x.name === name);
    copyCitation.hidden = !(isCsl(s) || inCatalog(name));
    if (copyCitation.hidden) return;
    let cls = s && /^chicago-notes/.test(s.name) ? 'note' : 'in-text';
    if (catalog && name.startsWith('csl:')) cls = ((await catalog.info(name.slice(4)).catch(() => null)) || {}).class || cls;
    if (catalog && name.startsWith('file:')) cls = ((await catalog.fileInfo(await pick.xmlOf(name)).catch(() => null)) || {}).class || cls;
    copyCitation.dataset.form = cls;
    copyCitation.textContent = cls === 'note' ? (t('copyNote') || 'Copy note') : (t('copyInText') || 'Copy in-text citation');
  }
  copyCitation.addEventListener('click', async () => {
    try {
      const name = current.name;
      const [html, text] = await Promise.all([format(name, 'html', 'citation'), format(name, 'text', 'citation')]);
      await copyRich(text, inlineCitationHtml(html));
      flash(copyCitation.dataset.form === 'note' ? (t('copiedNote') || 'Copied the note') : (t('copiedInText') || 'Copied the in-text citation'));
    } catch (e) {
      flash(t('citeFailed', [String(e && e.message || e)]));
    }
  });
  function flash(msg) {
    status.textContent = msg;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { status.textContent = ''; }, 4000);
    if (onCopied) onCopied(msg);
  }
  select.addEventListener('change', () => { store.set('citeStyle', select.value); show(select.value); });
  copy.addEventListener('click', async () => {
    try {
      await copyRich(current.text, current.html);
      flash(t('copiedFormat', [select.selectedOptions[0] ? select.selectedOptions[0].textContent : '']) || t('copied'));
    } catch (e) {
      flash(t('copyFailed') || String(e));
    }
  });
  for (const b of extra) {
    b.addEventListener('click', async () => {
      try {
        await copyRich(await format(b.dataset.style, 'text'));
        flash(t('copiedFormat', [b.dataset.label]));
      } catch (e) {
        flash(t('citeFailed', [String(e && e.message || e)]));
      }
    });
  }
  return (async () => {
    const remembered = await store.get('citeStyle');
    const restored = pick && typeof remembered === 'string' && inCatalog(remembered) && await pick.restore(remembered).catch(() => null);
    const initial = restored || styles.find((s) => s.name === remembered) ? remembered : (styles.find((s) => s.name === 'apa') || styles[0] || {}).name;
    if (initial) { select.value = initial; await show(initial); }
    return {
      // Quoting and saving need a reference-list citation: the plain formats fall back to APA.
      citation: async () => (isCsl(styles.find((s) => s.name === current.name)) || inCatalog(current.name) ? current : { name: 'apa', text: await format('apa', 'text'), html: inlineCitationHtml(await format('apa', 'html')) }),
      citationText: () => current.text,
      styleLabel: () => (styles.find((s) => s.name === current.name) || {}).label || (select.selectedOptions[0] || {}).textContent || '',
      format,
      flash,
    };
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
    const active = document.activeElement;
    const ta = el('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (active && active.focus) active.focus();
    if (!ok) throw new Error('the clipboard refused the text');
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
  root.setAttribute('aria-label', t('removedHeading') || 'Removed');
  root.append(el('details', { class: 'removed' },
    el('summary', { text: t('removedSummary', [String(items.length)]) }), list));
}

// Messages for the core's error codes.
export function errorText(e, t) {
  const code = e && typeof e === 'object' && e.code ? e.code : 'internal';
  return { code, title: t('error_' + code.replace(/-/g, '_')) || t('error_internal'), detail: (e && e.message) || String(e) };
}
