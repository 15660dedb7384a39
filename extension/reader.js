// Tidings reader page: fetch the snapshot the background captured, run the core, render.
import * as settings from './settings.js';
import { renderArticle, renderCitation, renderRemoved, errorText, sanitize, copyRich, el, today } from './view.js';
import { toMarkdown, toHtml, download, fileStem, quoteWithCitation } from './export.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

const t = (key, subs) => {
  try { return api.i18n.getMessage(key, subs) || ''; } catch { return ''; }
};

const local = {
  get: async (k) => (await api.storage.local.get(k))[k],
  set: (k, v) => api.storage.local.set({ [k]: v }),
};
// The citation style follows the reader across devices where sync is available.
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

function showError(err, { allowWholePage = false } = {}) {
  const { code, title, detail } = errorText(err, t);
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
  document.title = title + ' — Tidings';
}

// No article found: still offer the page's text, stripped of scripts, styles and page chrome.
function showWholePage() {
  const doc = new DOMParser().parseFromString(snapshot.html, 'text/html');
  for (const node of doc.querySelectorAll('script,style,noscript,nav,header,footer,aside,form,iframe,svg,[hidden],[aria-hidden="true"]')) node.remove();
  const body = el('article', { class: 'article-body whole-page' });
  body.append(sanitize(doc.body ? doc.body.innerHTML : '', snapshot.url));
  $('status').replaceChildren(el('p', { class: 'notice', text: t('wholePageNotice') }));
  $('reader').replaceChildren(el('div', { class: 'article-wrap' }, el('h1', { class: 'title', text: snapshot.title || snapshot.url }), body));
}

async function main() {
  localize();
  await settings.load(local).catch(() => {});
  settings.renderControls($('settings'), local, t);
  $('back').addEventListener('click', goBack);
  document.addEventListener('keydown', onKey);

  snapshot = await getSnapshot(new URLSearchParams(location.search).get('id'));
  if (!snapshot) return showError({ code: 'expired', message: t('error_expired_detail') });
  if (snapshot.error) return showError({ code: 'cannot-capture', message: snapshot.message });

  let wasm;
  try {
    wasm = await import('./pkg/tidings.js');
    await wasm.default();
  } catch (e) {
    console.error('tidings: wasm failed to load', e);
    return showError({ code: 'wasm', message: String(e && e.message || e) }, { allowWholePage: true });
  }

  let article;
  try {
    article = wasm.extract(snapshot.html, snapshot.url, today());
  } catch (e) {
    return showError(e, { allowWholePage: true });
  }
  document.title = article.title || snapshot.title || 'Tidings';
  $('status').replaceChildren();
  const body = renderArticle($('reader'), article, { t, locale: navigator.languages, pageUrl: snapshot.url });

  const loadCsl = cached((file) => fetch(api.runtime.getURL('csl/' + file)).then((r) => {
    if (!r.ok) throw new Error(file + ': ' + r.status);
    return r.text();
  }));
  $('cite').hidden = false;
  let cite = { citationText: () => '' };
  try {
    cite = await renderCitation($('cite'), article, { wasm, t, loadCsl, store: synced });
  } catch (e) {
    // The article stays readable when citations fail (or this core build has none).
    console.error('tidings: citation panel', e);
    $('cite').replaceChildren(el('p', { class: 'error', text: t('citeFailed', [String(e && e.message || e)]) }));
  }
  renderRemoved($('removed'), article, body, { t });
  wireTools(article, body, cite);
}

function cached(fn) {
  const memo = new Map();
  return (key) => {
    if (!memo.has(key)) memo.set(key, fn(key).catch((e) => { memo.delete(key); throw e; }));
    return memo.get(key);
  };
}

function wireTools(article, body, cite) {
  const quote = $('quote');
  document.addEventListener('selectionchange', () => {
    const sel = document.getSelection();
    quote.hidden = !(sel && !sel.isCollapsed && body.contains(sel.anchorNode) && sel.toString().trim());
    if (!quote.hidden) quote.dataset.text = sel.toString();
  });
  quote.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection
  quote.addEventListener('click', async () => {
    const html = document.getElementById('citation').innerHTML;
    const q = quoteWithCitation(quote.dataset.text || '', article, cite.citationText(), html, snapshot.url);
    await copyRich(q.text, q.html);
    quote.textContent = t('copied');
    setTimeout(() => { quote.textContent = t('copyQuote'); }, 2000);
  });
  $('save-md').addEventListener('click', () => download(fileStem(article) + '.md', toMarkdown(article, body, cite.citationText()), 'text/markdown;charset=utf-8'));
  $('save-html').addEventListener('click', () => download(fileStem(article) + '.html', toHtml(article, body, $('citation').innerHTML), 'text/html;charset=utf-8'));
  $('print').addEventListener('click', () => window.print());
  $('save-menu').hidden = false;
}

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
  if (e.key === '+' || e.key === '=') settings.save(local, { size: settings.step('size', 1) });
  else if (e.key === '-' || e.key === '_') settings.save(local, { size: settings.step('size', -1) });
}

main().catch((e) => {
  console.error('tidings:', e);
  showError({ code: 'internal', message: String(e && e.message || e) });
});
