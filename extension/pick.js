// "Not the right text?": the captured page shown cleaned and inert (the core's pickView: block
// structure only, no script, style, link target or image source; sanitized again here and shown
// under the reader's CSP), its blocks outlined under the pointer or the keyboard; the block picked
// becomes the article (the core's extract(…, pick), so clutter rules, metadata and citation still
// apply). The choice is remembered per site (storage.local `picks`: host → {path, at}) and used
// on the site's next page; when that page has no such block, the automatic choice is shown with a
// notice. The Display menu lists the remembered sites, each with Forget.
import { sanitize, el } from './view.js';

const api = globalThis.browser ?? globalThis.chrome;
const KEY = 'picks';
const $ = (id) => document.getElementById(id);

const hostOf = (url) => { try { return new URL(url).host; } catch { return ''; } };

async function picks() {
  try { return (await api.storage.local.get(KEY))[KEY] || {}; } catch { return {}; }
}
async function savePicks(all) {
  await api.storage.local.set({ [KEY]: all });
}

// The article for the snapshot: the site's remembered block when there is one and the page still
// has it, else the core's own choice (with a notice saying the remembered block was not found).
export async function extractArticle(wasm, snapshot, today, t) {
  const host = hostOf(snapshot.url);
  const saved = host && (await picks())[host];
  if (saved && saved.path) {
    try {
      const article = wasm.extract(snapshot.html, snapshot.url, today, false, saved.path);
      notice(t('pickUsed'), t);
      return article;
    } catch (e) {
      if (!e || e.code !== 'pick-not-found') throw e;
      notice(t('pickMissing'), t);
    }
  }
  return wasm.extract(snapshot.html, snapshot.url, today);
}

// A notice above the article about the picked block, with Forget for this site.
function notice(text, t, { forget = true } = {}) {
  const box = $('pick-status');
  if (!box) return;
  const items = [el('span', { text })];
  if (forget) {
    const b = el('button', { type: 'button', id: 'pick-forget-site', text: t('pickForgetSite') });
    b.addEventListener('click', async () => {
      const all = await picks();
      delete all[hostOf(state.snapshot && state.snapshot.url)];
      await savePicks(all);
      box.replaceChildren(el('span', { text: t('pickForgotten') }));
    });
    items.push(' ', b);
  }
  box.replaceChildren(el('p', { class: 'notice pick-notice' }, ...items));
}

const state = { wasm: null, snapshot: null, today: '', t: null, show: null, active: null, onKey: null };

// Wires the toolbar's "Not the right text?" button. `show(article)` renders an article.
export function initPick({ wasm, snapshot, today, t, show }) {
  Object.assign(state, { wasm, snapshot, today, t, show });
  const button = $('pick');
  if (!button || !wasm || !snapshot || !snapshot.html) return;
  button.hidden = false;
  if (!button.dataset.wired) {
    button.dataset.wired = 'true';
    button.addEventListener('click', () => (document.body.classList.contains('picking') ? closePick() : openPick()));
  }
}

function openPick() {
  const { t } = state;
  let html;
  try {
    html = state.wasm.pickView(state.snapshot.html);
  } catch (e) {
    notice(t('pickFailed', [String((e && e.message) || e)]), t, { forget: false });
    return;
  }
  const view = el('div', { class: 'pick-page', role: 'listbox', 'aria-label': t('pickViewLabel'), tabindex: '-1' });
  view.append(sanitize(html));
  const blocks = Array.from(view.querySelectorAll('[data-tidings-path]')).filter((b) => b.textContent.trim());
  for (const b of blocks) {
    b.setAttribute('role', 'option');
    b.setAttribute('tabindex', '-1');
    const text = b.textContent.replace(/\s+/g, ' ').trim();
    b.setAttribute('aria-label', `${b.dataset.tidingsTag || 'div'}: ${text.slice(0, 80)}${text.length > 80 ? '…' : ''}`);
  }
  const message = el('p', { class: 'pick-message', id: 'pick-message', role: 'status', 'aria-live': 'polite' });
  const cancel = el('button', { type: 'button', id: 'pick-cancel', text: t('pickCancel') });
  cancel.addEventListener('click', closePick);
  const bar = el('div', { class: 'pick-bar' },
    el('p', { class: 'pick-help', id: 'pick-help', text: t('pickHelp') }), cancel, message);
  view.setAttribute('aria-describedby', 'pick-help');
  const section = el('section', { id: 'pick-view', class: 'pick-view', 'aria-label': t('pickViewLabel') }, bar, view);
  $('main').append(section);
  document.body.classList.add('picking');
  $('pick').setAttribute('aria-pressed', 'true');

  const setActive = (b, focus = true) => {
    if (!b) return;
    if (state.active) { state.active.classList.remove('pick-active'); state.active.setAttribute('tabindex', '-1'); state.active.removeAttribute('aria-selected'); }
    state.active = b;
    b.classList.add('pick-active');
    b.setAttribute('tabindex', '0');
    b.setAttribute('aria-selected', 'true');
    if (focus) { b.focus({ preventScroll: true }); b.scrollIntoView({ block: 'nearest' }); }
  };
  const choose = (b) => {
    if (!b) return;
    let article;
    try {
      article = state.wasm.extract(state.snapshot.html, state.snapshot.url, state.today, false, b.dataset.tidingsPath);
    } catch (e) {
      message.textContent = t('pickFailed', [String((e && e.message) || e)]);
      message.setAttribute('role', 'alert');
      return;
    }
    const host = hostOf(state.snapshot.url);
    picks().then((all) => {
      if (host) all[host] = { path: b.dataset.tidingsPath, at: Date.now() };
      return savePicks(all);
    }).catch((e) => console.warn('tidings: the pick was not remembered', e));
    closePick();
    notice(t('pickSaved', [host || '']), t);
    state.show(article);
  };
  view.addEventListener('mouseover', (e) => setActive(e.target.closest && e.target.closest('.pick-page [role="option"]'), false));
  view.addEventListener('click', (e) => { e.preventDefault(); choose(e.target.closest && e.target.closest('.pick-page [role="option"]')); });
  state.onKey = (e) => {
    if (!document.body.classList.contains('picking')) return;
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); closePick(); return; }
    if (!view.contains(document.activeElement) && document.activeElement !== view) return;
    const i = blocks.indexOf(state.active);
    let next = null;
    if (e.key === 'ArrowDown') next = blocks[Math.min(blocks.length - 1, i + 1)];
    else if (e.key === 'ArrowUp') next = blocks[Math.max(0, i - 1)];
    else if (e.key === 'ArrowLeft') next = state.active && state.active.parentElement && state.active.parentElement.closest('[role="option"]');
    else if (e.key === 'ArrowRight') next = state.active && state.active.querySelector('[role="option"]');
    else if (e.key === 'Home') next = blocks[0];
    else if (e.key === 'End') next = blocks[blocks.length - 1];
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.stopPropagation(); choose(state.active); return; }
    else return;
    e.preventDefault();
    e.stopPropagation();
    setActive(next || state.active);
  };
  document.addEventListener('keydown', state.onKey, true);
  // Start on the innermost block holding most of the page's text (usually the article's own).
  const total = view.textContent.length;
  const dominant = blocks.filter((b) => b.textContent.length > 0.3 * total)
    .filter((b) => !Array.from(b.querySelectorAll('[role="option"]')).some((c) => c.textContent.length > 0.7 * b.textContent.length));
  setActive(dominant[0] || blocks[0]);
  window.scrollTo(0, 0);
}

function closePick() {
  document.body.classList.remove('picking');
  $('pick-view')?.remove();
  $('pick')?.setAttribute('aria-pressed', 'false');
  if (state.onKey) document.removeEventListener('keydown', state.onKey, true);
  state.onKey = null;
  state.active = null;
  $('pick')?.focus();
}

// The Display menu's list of sites with a remembered block, each with Forget.
export async function renderRemembered(root, t) {
  if (!root) return;
  const all = await picks();
  const hosts = Object.keys(all).sort();
  const box = el('div', { class: 'setting picks-setting', id: 'picks-setting' });
  const heading = el('p', { class: 'picks-heading', id: 'picks-heading', text: hosts.length ? t('pickRemembered') : t('pickNoneRemembered') });
  const list = el('ul', { class: 'picks-list', 'aria-labelledby': 'picks-heading' });
  for (const host of hosts) {
    const forget = el('button', { type: 'button', 'data-host': host, 'aria-label': t('pickForgetHost', [host]), text: t('pickForget') });
    forget.addEventListener('click', async () => {
      const now = await picks();
      delete now[host];
      await savePicks(now);
      await renderRemembered(root, t);
      root.querySelector('#picks-setting button, #picks-heading')?.focus?.();
    });
    list.append(el('li', {}, el('span', { text: host }), ' ', forget));
  }
  box.append(heading, list);
  root.querySelector('#picks-setting')?.remove();
  root.append(box);
}
