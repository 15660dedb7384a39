// Tidings reader page: fetch the snapshot the background captured, run the core, render.
import * as settings from './settings.js';
import { renderArticle, renderCitation, renderRemoved, errorText, sanitize, copyRich, el, today, loadCiteModule } from './view.js';
import { toMarkdown, toHtml, download, fileStem, quoteWithCitation } from './export.js';
import { attachReaderFeatures } from './reader-features.js';
import { extractArticle, initPick, renderRemembered } from './pick.js';
import { renderNextPage } from './pages.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

const t = (key, subs) => {
  try { return api.i18n.getMessage(key, subs) || ''; } catch { return ''; }
};

const local = {
  get: async (k) => (await api.storage.local.get(k))[k],
  set: (k, v) => api.storage.local.set({ [k]: v }),
};
// Display settings and the citation style follow the reader across devices where sync is
// available (storage.sync; local storage where sync is off or refused).
const synced = {
  get: async (k) => { try { return (await api.storage.sync.get(k))[k]; } catch { return local.get(k); } },
  set: async (k, v) => { try { await api.storage.sync.set({ [k]: v }); } catch { await local.set(k, v); } },
};

function localize() {
  document.documentElement.lang = api.i18n.getUILanguage();
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n) || node.textContent;
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-aria]')) node.setAttribute('aria-label', t(node.dataset.i18nAria));
}

async function getSnapshot(id) {
  if (!id) return null;
  try {
    const key = 'snap:' + id;
    const got = api.storage.session ? (await api.storage.session.get(key))[key] : null;
    if (got) return got;
  } catch { /* no session storage: ask the background */ }
  try {
    return (await api.runtime.sendMessage({ type: 'get-snapshot', id })).snapshot;
  } catch {
    return null;
  }
}

let snapshot = null;

function goBack() {
  const url = snapshot && snapshot.url;
  if (history.length > 1) {
    history.back();
    // If there was nothing to go back to (a reloaded or restored reader tab), navigate instead.
    if (url && /^https?:|^file:/.test(url)) setTimeout(() => location.replace(url), 400);
  } else if (url && /^https?:|^file:/.test(url)) {
    location.replace(url);
  }
}

let wasm = null;

function showError(err, { allowWholePage = false } = {}) {
  const { code, title, detail: coreDetail } = errorText(err, t);
  // The core's message for "no article" only repeats the heading; say what can be done instead.
  const detail = t('error_' + code.replace(/-/g, '_') + '_detail') || coreDetail;
  const box = el('div', { class: 'error-box', role: 'alert', 'data-code': code },
    el('h1', { text: title || t('error_internal') }),
    el('p', { class: 'detail', text: detail }));
  const actions = el('p', { class: 'error-actions' });
  if (allowWholePage && snapshot && snapshot.html) {
    const whole = el('button', { type: 'button', id: 'whole-page', text: t('showWholePage') });
    whole.addEventListener('click', () => showWholePage());
    actions.append(whole);
  }
  const back = el('button', { type: 'button', text: t('backToPage') });
  back.addEventListener('click', goBack);
  actions.append(back);
  box.append(actions);
  $('status').replaceChildren(box);
  document.title = (title || t('error_internal')) + ' — Tidings';
  (box.querySelector('button') || box).focus?.();
}

// No article found: still offer the page, cleaned. The core's forced extraction when it loaded
// (extract(html, url, today, true)); without the core, the page's text stripped of scripts,
// styles and page chrome by the browser's own inert parser.
function showWholePage() {
  $('status').replaceChildren(el('p', { class: 'notice', text: t('wholePageNotice') }));
  if (wasm) {
    try {
      const article = wasm.extract(snapshot.html, snapshot.url, today(), true);
      show(article, { whole: true });
      return;
    } catch (e) {
      console.warn('tidings: forced extraction failed too', e);
    }
  }
  const doc = new DOMParser().parseFromString(snapshot.html, 'text/html');
  for (const node of doc.querySelectorAll('script,style,noscript,nav,header,footer,aside,form,iframe,svg,[hidden],[aria-hidden="true"]')) node.remove();
  const body = el('article', { class: 'article-body whole-page' });
  body.append(sanitize(doc.body ? doc.body.innerHTML : '', snapshot.url));
  $('reader').replaceChildren(el('div', { class: 'article-wrap' }, el('h1', { class: 'title', text: snapshot.title || snapshot.url }), body));
  $('main').focus();
}

async function main() {
  localize();
  await settings.load(synced).catch(() => {});
  settings.renderControls($('settings'), synced, t);
  renderRemembered($('settings'), t).catch(() => {});
  $('back').addEventListener('click', goBack);
  document.addEventListener('keydown', onKey);
  // The sticky toolbar wraps on narrow windows and grows with the player: what sticks or scrolls
  // under it (the pick view's bar, the sentence being read) keeps clear of its height.
  const toolbar = document.querySelector('.toolbar');
  new ResizeObserver(() => document.documentElement.style.setProperty('--toolbar-h', toolbar.offsetHeight + 'px')).observe(toolbar);

  snapshot = await getSnapshot(new URLSearchParams(location.search).get('id'));
  if (!snapshot) return showError({ code: 'expired', message: t('error_expired_detail') });
  if (snapshot.error) return showError({ code: 'cannot-capture', message: snapshot.message });

  try {
    wasm = await import('./pkg/tidings.js');
    await wasm.default();
  } catch (e) {
    console.error('tidings: wasm failed to load', e);
    wasm = null;
    return showError({ code: 'wasm', message: String(e && e.message || e) }, { allowWholePage: true });
  }

  // "Not the right text?" also where the core found no article: the person may know where it is.
  initPick({ wasm, snapshot, today: today(), t, show });
  let article;
  try {
    article = await extractArticle(wasm, snapshot, today(), t);
  } catch (e) {
    // {code, message} from the core; a RuntimeError (the core aborted) is an internal error.
    return showError(e && e.code ? e : { code: 'internal', message: String(e && e.message || e) }, { allowWholePage: true });
  }
  await show(article);
}

async function show(article, { whole = false } = {}) {
  document.title = article.title || snapshot.title || 'Tidings';
  // The core returns the main text of any page that has one; `readerable` says whether the page
  // looks like an article, which only changes the words shown above it.
  if (!whole) {
    $('status').replaceChildren(...(article.readerable === false
      ? [el('p', { class: 'notice', 'data-code': 'not-article', text: t('notArticleNotice') })] : []));
  }
  const body = renderArticle($('reader'), article, { t, locale: navigator.languages, pageUrl: snapshot.url, favicon: snapshot.favicon });
  if (whole) body.classList.add('whole-page');
  renderNextPage(body, article, { t });

  const loadCsl = cached((file) => fetch(api.runtime.getURL('csl/' + file)).then((r) => {
    if (!r.ok) throw new Error(file + ': ' + r.status);
    return r.text();
  }));
  $('cite').hidden = false;
  let cite = null;
  try {
    // csl/all: every official style, read from the package itself (no network).
    const loadBytes = (file) => fetch(api.runtime.getURL('csl/all/' + file)).then((r) => {
      if (!r.ok) throw new Error(file + ': ' + r.status);
      return r.arrayBuffer();
    });
    cite = await renderCitation($('cite'), article, { wasm: await loadCiteModule(), t, loadCsl, store: synced, loadBytes, local });
  } catch (e) {
    // The article stays readable when citations fail.
    console.error('tidings: citation panel', e);
    $('cite').replaceChildren(el('p', { class: 'error', text: t('citeFailed', [String(e && e.message || e)]) }));
  }
  renderRemoved($('removed'), article, body, { t });
  wireTools(article, body, cite);
  await attachReaderFeatures({ article, body, cite, pageUrl: snapshot.url, t, api });
  document.body.dataset.ready = 'true';
}

function cached(fn) {
  const memo = new Map();
  return (key) => {
    if (!memo.has(key)) memo.set(key, fn(key).catch((e) => { memo.delete(key); throw e; }));
    return memo.get(key);
  };
}

let wired = false;
function wireTools(article, body, cite) {
  tools.article = article; tools.body = body; tools.cite = cite;
  $('save-menu').hidden = false;
  if (wired) return;
  wired = true;
  const quote = $('quote');
  document.addEventListener('selectionchange', () => {
    const sel = document.getSelection();
    const inBody = sel && !sel.isCollapsed && tools.body && tools.body.contains(sel.anchorNode) && sel.toString().trim();
    if (inBody) { quote.hidden = false; quote.dataset.text = sel.toString(); }
    else if (document.activeElement !== quote) quote.hidden = true;
  });
  quote.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection
  quote.addEventListener('click', async () => {
    const c = tools.cite ? await tools.cite.citation() : { text: '', html: '' };
    const q = quoteWithCitation(quote.dataset.text || '', tools.article, c.text, c.html, snapshot.url);
    try {
      await copyRich(q.text, q.html);
      quote.textContent = t('copied');
      if (tools.cite) tools.cite.flash(t('copiedQuote'));
    } catch {
      quote.textContent = t('copyFailed');
    }
    setTimeout(() => { quote.textContent = t('copyQuote'); }, 2500);
  });
  const saved = async (kind) => {
    const c = tools.cite ? await tools.cite.citation() : { text: '', html: '' };
    if (kind === 'md') download(fileStem(tools.article) + '.md', toMarkdown(tools.article, tools.body, c.text, snapshot.url), 'text/markdown;charset=utf-8');
    else download(fileStem(tools.article) + '.html', toHtml(tools.article, tools.body, c, snapshot.url), 'text/html;charset=utf-8');
    $('save-menu').open = false;
    if (tools.cite) tools.cite.flash(t(kind === 'md' ? 'savedMarkdown' : 'savedHtml'));
  };
  $('save-md').addEventListener('click', () => saved('md'));
  $('save-html').addEventListener('click', () => saved('html'));
  $('print').addEventListener('click', () => { $('save-menu').open = false; window.print(); });
}
const tools = { article: null, body: null, cite: null };

function onKey(e) {
  const tag = (e.target && e.target.tagName) || '';
  const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(tag) || (e.target && e.target.isContentEditable);
  if (e.key === 'Escape') {
    const open = document.querySelector('details.menu[open]');
    if (open) { open.open = false; open.querySelector('summary').focus(); return; }
    e.preventDefault();
    goBack();
    return;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === '+' || e.key === '=') settings.save(synced, { size: settings.step('size', 1) });
  else if (e.key === '-' || e.key === '_') settings.save(synced, { size: settings.step('size', -1) });
}

main().catch((e) => {
  console.error('tidings:', e);
  showError({ code: 'internal', message: String(e && e.message || e) });
});
