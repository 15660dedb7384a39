// Tidings www demo: the extension's reader rendering, fed from a textarea instead of a tab.
import * as settings from './lib/settings.js';
import { renderArticle, renderCitation, renderRemoved, errorText, el, today, loadCiteModule } from './lib/view.js';
import { attachFootnotes } from './lib/footnotes.js';
import { attachListen } from './lib/listen.js';

const $ = (id) => document.getElementById(id);
let messages = {};
const t = (key, subs = []) => {
  const m = messages[key] && messages[key].message;
  return m ? m.replace(/\$(\d)/g, (_, i) => subs[i - 1] ?? '') : '';
};
const store = {
  get: async (k) => { try { return JSON.parse(localStorage.getItem('tidings:' + k)); } catch { return undefined; } },
  set: async (k, v) => { try { localStorage.setItem('tidings:' + k, JSON.stringify(v)); } catch { /* private mode */ } },
};
const loadBytes = (file) => fetch('csl/all/' + encodeURIComponent(file)).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(file + ': ' + r.status))));
const csl = new Map();
const loadCsl = (file) => {
  if (!csl.has(file)) csl.set(file, fetch('csl/' + encodeURIComponent(file)).then((r) => (r.ok ? r.text() : Promise.reject(new Error(file + ': ' + r.status)))));
  return csl.get(file);
};

async function main() {
  messages = await fetch('lib/messages.json').then((r) => r.json()).catch(() => ({}));
  await settings.load(store);
  settings.renderControls($('settings'), store, t);
  let wasm;
  try {
    wasm = await import('./pkg/tidings.js');
    await wasm.default();
    $('version').textContent = 'v' + wasm.version();
  } catch (e) {
    $('status').replaceChildren(el('div', { class: 'error-box', role: 'alert' }, el('h1', { text: t('error_wasm') }),
      el('p', { class: 'detail', text: String(e && e.message || e) + ' (run scripts/build-web.sh, then serve this folder)' })));
    return;
  }
  const samples = await fetch('samples/index.json').then((r) => r.json()).catch(() => []);
  for (const s of samples) $('sample').append(el('option', { value: s.slug, 'data-url': s.url, text: s.label }));
  $('sample').addEventListener('change', async () => {
    const opt = $('sample').selectedOptions[0];
    if (!opt.value) return;
    $('html').value = await fetch('samples/' + opt.value + '.html').then((r) => r.text());
    $('url').value = opt.dataset.url;
    run(wasm);
  });
  $('run').addEventListener('click', () => run(wasm));
  if (samples.length) { $('sample').value = samples[0].slug; $('sample').dispatchEvent(new Event('change')); }
}

let demoLife = null; // the shown article's footnotes (aborted when another is shown)

async function run(wasm) {
  $('status').replaceChildren();
  $('reader').replaceChildren();
  $('cite').hidden = true;
  $('removed').hidden = true;
  const started = performance.now();
  let article;
  try {
    article = wasm.extract($('html').value, $('url').value || 'https://example.org/', today());
  } catch (e) {
    const { code, title, detail } = errorText(e, t);
    $('status').replaceChildren(el('div', { class: 'error-box', role: 'alert', 'data-code': code }, el('h1', { text: title }), el('p', { class: 'detail', text: detail })));
    return;
  } finally {
    $('timing').textContent = `extracted in ${Math.round(performance.now() - started)} ms`;
  }
  if (article.readerable === false) {
    $('status').replaceChildren(el('p', { class: 'notice', 'data-code': 'not-article', text: t('notArticleNotice') }));
  }
  const body = renderArticle($('reader'), article, { t, locale: navigator.languages, pageUrl: $('url').value });
  // The previous article's note popover and its listeners go with it.
  if (demoLife) demoLife.abort();
  demoLife = new AbortController();
  attachFootnotes(body, { t, signal: demoLife.signal });
  attachListen({ root: body.closest('.article-wrap') || body, toolbar: document.querySelector('.toolbar'), before: $('settings-menu'), lang: article.lang, t, store, uiLang: document.documentElement.lang });
  $('cite').hidden = false;
  try {
    await renderCitation($('cite'), article, { wasm: await loadCiteModule(), t, loadCsl, store, loadBytes, local: store });
  } catch (e) {
    $('cite').replaceChildren(el('p', { class: 'error', text: t('citeFailed', [String(e && e.message || e)]) }));
  }
  renderRemoved($('removed'), article, body, { t });
}

main();
