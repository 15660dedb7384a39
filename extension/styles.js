// Every official CSL style in the citation panel: the catalog (the package's csl/all/ files,
// fetched from the package itself and decoded by the citation wasm module), the style picker
// (a combobox over all 10,857 titles, with the common styles, the last five used and the
// user's own .csl files on top), and "My styles" (files kept in local storage).
import { el } from './view.js';

const RECENT = 5;
const SHOWN = 40;

// The catalog inside the citation module, loaded on first use; archives fetched once each.
export function createCatalog(wasm, loadBytes) {
  const fetched = new Map();
  const bytes = (file) => {
    if (!fetched.has(file)) {
      fetched.set(file, loadBytes(file).then((b) => new Uint8Array(b)).catch((e) => { fetched.delete(file); throw e; }));
    }
    return fetched.get(file);
  };
  let ready = null;
  const load = () => (ready ||= bytes('index.tsv.zst').then((b) => { wasm.catalogLoad(b); }).catch((e) => { ready = null; throw e; }));
  const added = new Map();
  // Hands the chunk holding `key`'s independent style, and the locales, to the module.
  async function prepare(key) {
    await load();
    const need = wasm.styleNeeds(key || '');
    const jobs = [];
    if (need.chunk !== null && need.chunk !== undefined) {
      const name = 'styles-' + String(need.chunk).padStart(2, '0') + '.zst';
      jobs.push(added.get(name) || added.set(name, bytes(name).then((b) => { if (wasm.styleNeeds(key).chunk !== null) wasm.styleAddChunk(need.chunk, b); }).finally(() => added.delete(name))).get(name));
    }
    if (need.locales) {
      jobs.push(added.get('locales') || added.set('locales', bytes('locales.zst').then((b) => { if (wasm.styleNeeds('').locales) wasm.styleAddLocales(b); })).get('locales'));
    }
    await Promise.all(jobs);
  }
  return {
    load,
    search: async (q, n = SHOWN) => { await load(); return wasm.stylesSearch(q, n); },
    info: async (key) => { await load(); return wasm.styleInfo(key); },
    fileInfo: async (xml) => { await load(); return wasm.styleFileInfo(xml); },
    // Cites `article` in catalog style `key`, or in the user's file `xml`; `form`:
    // 'bibliography' (default) or 'citation'.
    async cite(article, key, fmt, accessed, xml, form) {
      await load();
      const target = xml ? wasm.styleFileInfo(xml).parent : key;
      await prepare(target);
      return wasm.citeStyle(article, key || '', fmt, accessed, undefined, xml, form);
    },
  };
}

// The picker: a combobox (input + listbox, ARIA 1.2 pattern) that chooses a style by putting
// it into the panel's <select> (`select`) and firing its change event.
export function renderPicker(root, { catalog, t, local, select }) {
  const input = el('input', {
    id: 'style-search', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'style-list',
    placeholder: t('styleSearchPlaceholder') || 'Title, short name or ISSN',
  });
  const list = el('ul', { id: 'style-list', role: 'listbox', class: 'style-list', 'aria-label': t('styleListLabel') || 'Citation styles', hidden: true });
  const hint = el('span', { id: 'style-hint', class: 'style-hint', role: 'status', 'aria-live': 'polite' });
  // Opened by the button below (the keyboard path); labelled for assistive technology.
  const file = el('input', { id: 'style-file', type: 'file', accept: '.csl,.xml,application/xml,text/xml', class: 'offscreen', tabindex: '-1', 'aria-label': t('styleLoad') || 'Load a .csl file' });
  const load = el('button', { type: 'button', id: 'style-load', text: t('styleLoad') || 'Load a .csl file…' });
  const mine = el('ul', { id: 'my-styles', class: 'my-styles' });
  const mineBox = el('details', { class: 'my-styles-box', id: 'my-styles-box' },
    el('summary', { text: t('myStyles') || 'My styles' }), mine, load, file);
  root.replaceChildren(
    el('div', { class: 'style-find' }, el('label', { for: 'style-search', text: t('styleSearch') || 'Find a style' }), input, list, hint),
    mineBox);

  let options = [];
  let active = -1;
  const common = Array.from(select.querySelectorAll('optgroup:first-child option')).map((o) => ({ value: o.value, title: o.textContent, group: 'common' }));
  const myStyles = async () => (await local.get('myStyles')) || [];
  const recent = async () => (await local.get('citeRecent')) || [];

  function option(o, i) {
    const li = el('li', { role: 'option', id: 'style-opt-' + i, 'data-value': o.value, 'aria-selected': 'false', class: 'style-opt' },
      el('span', { class: 'style-title', text: o.title }),
      o.detail ? el('span', { class: 'style-detail', text: o.detail }) : '');
    li.addEventListener('mousedown', (e) => e.preventDefault());
    li.addEventListener('click', () => pick(o));
    return li;
  }
  function heading(text) { return el('li', { role: 'presentation', class: 'style-group', text }); }
  function setActive(i) {
    active = i;
    list.querySelectorAll('[role=option]').forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    const cur = list.querySelector('#style-opt-' + i);
    if (cur) { input.setAttribute('aria-activedescendant', cur.id); cur.scrollIntoView({ block: 'nearest' }); }
    else input.removeAttribute('aria-activedescendant');
  }
  function open(groups) {
    options = [];
    const items = [];
    for (const [label, entries] of groups) {
      if (!entries.length) continue;
      if (label) items.push(heading(label));
      for (const o of entries) { items.push(option(o, options.length)); options.push(o); }
    }
    list.replaceChildren(...items);
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    setActive(-1);
  }
  function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); }
  const fromEntry = (s) => ({ value: 'csl:' + s.id, title: s.title, detail: [s.short, s.issn || s.eissn, s.class === 'note' ? t('styleNote') || 'note' : ''].filter(Boolean).join(' · ') });

  // Updates run async: only the latest may fill the list; Enter waits for it.
  let seq = 0;
  let pending = Promise.resolve();
  function update() {
    pending = refresh(++seq);
    return pending;
  }
  async function refresh(mine) {
    const q = input.value.trim();
    try {
      if (!q) {
        const mineList = (await myStyles()).map((m) => ({ value: 'file:' + m.key, title: m.title, detail: t('myStyle') || 'my style' }));
        const used = await recent();
        if (mine !== seq) return;
        open([[t('styleRecent') || 'Recently used', used], [t('styleCommon') || 'Common styles', common], [t('myStyles') || 'My styles', mineList]]);
        hint.textContent = '';
        return;
      }
      const hits = await catalog.search(q);
      if (mine !== seq) return;  // typed on meanwhile
      open([[null, hits.map(fromEntry)]]);
      const n = hits.length >= SHOWN ? SHOWN + '+' : String(hits.length);
      hint.textContent = hits.length ? (t('styleHits', [n]) || 'Styles found: ' + n) : (t('styleNone') || 'No style matches');
    } catch (e) {
      hint.textContent = t('citeFailed', [String(e && e.message || e)]);
    }
  }

  // Puts `o` into the <select> (under "More styles") and selects it.
  function ensureOption(o) {
    let opt = Array.from(select.options).find((x) => x.value === o.value);
    if (!opt) {
      let group = select.querySelector('optgroup[data-group=more]');
      if (!group) { group = el('optgroup', { label: t('styleMore') || 'More styles', 'data-group': 'more' }); select.prepend(group); }
      opt = el('option', { value: o.value, text: o.title });
      group.append(opt);
    }
    return opt;
  }
  async function pick(o) {
    ensureOption(o);
    select.value = o.value;
    select.dispatchEvent(new Event('change'));
    input.value = '';
    close();
    const r = (await recent()).filter((x) => x.value !== o.value);
    await local.set('citeRecent', [{ value: o.value, title: o.title }, ...r].slice(0, RECENT));
  }

  input.addEventListener('input', update);
  input.addEventListener('focus', update);
  // Closed a moment after focus leaves (a click on an option lands first), unless it came back.
  input.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== input) close(); }, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) { update(); return; }
      const n = options.length;
      if (n) setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === 'Enter') {
      if (list.hidden) return;
      e.preventDefault();
      pending.then(() => {
        const o = options[active >= 0 ? active : 0];
        if (o && !list.hidden) pick(o);
      });
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault(); e.stopPropagation(); close();
    }
  });

  async function renderMine() {
    const items = await myStyles();
    mine.replaceChildren(...items.map((m) => {
      const use = el('button', { type: 'button', class: 'link', 'data-key': m.key, text: m.title });
      use.addEventListener('click', () => pick({ value: 'file:' + m.key, title: m.title }));
      const remove = el('button', { type: 'button', class: 'remove-style', 'aria-label': (t('styleRemove') || 'Remove') + ' ' + m.title, text: t('styleRemove') || 'Remove' });
      remove.addEventListener('click', async () => {
        await local.set('myStyles', (await myStyles()).filter((x) => x.key !== m.key));
        await local.set('citeRecent', (await recent()).filter((x) => x.value !== 'file:' + m.key));
        renderMine();
      });
      return el('li', {}, use, ' ', remove);
    }));
    if (!items.length) mine.append(el('li', { class: 'empty', text: t('myStylesEmpty') || 'No style of your own yet.' }));
  }
  load.addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    file.value = '';
    if (!f) return;
    try {
      const xml = await f.text();
      const info = await catalog.fileInfo(xml);
      const key = (info.id && info.id !== 'file' ? info.id : f.name.replace(/\.(csl|xml)$/i, '')) || 'style';
      const title = info.title || f.name;
      const items = (await myStyles()).filter((m) => m.key !== key);
      await local.set('myStyles', [...items, { key, title, xml }]);
      await renderMine();
      mineBox.open = true;
      await pick({ value: 'file:' + key, title });
      hint.textContent = t('styleLoaded', [title]) || 'Loaded ' + title;
    } catch (e) {
      hint.textContent = t('styleBadFile', [String(e && e.message || e)]) || 'This file cannot be used: ' + String(e && e.message || e);
    }
  });
  renderMine();

  return {
    ensureOption,
    // The user's CSL file for a `file:` value.
    xmlOf: async (value) => ((await myStyles()).find((m) => 'file:' + m.key === value) || {}).xml,
    // The label of a remembered `csl:`/`file:` value, or null when it is gone.
    async restore(value) {
      if (value.startsWith('file:')) {
        const m = (await myStyles()).find((x) => 'file:' + x.key === value);
        return m ? ensureOption({ value, title: m.title }) : null;
      }
      const s = await catalog.info(value.slice(4)).catch(() => null);
      return s ? ensureOption({ value: 'csl:' + s.id, title: s.title }) : null;
    },
  };
}
