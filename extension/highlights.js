// Highlights and notes that travel with the citation. Select text in the article, highlight it in
// one of four colours, optionally with a note; kept per article (keyed by its canonical URL) in
// the caller's storage and placed again when the article is opened again, by the W3C Web
// Annotation selectors: TextQuoteSelector (exact, prefix, suffix) first, TextPositionSelector as
// a hint. A highlight that cannot be placed is listed as not found in this version, never dropped.
// Exports (Markdown, HTML, CSL-JSON) are built here and downloaded as Blobs: no network.
//
// No extension APIs: the caller passes `storage` ({get, set, remove, all} or null when nothing
// can be kept, as on the www demo), `t` and the citation of the article.

import { el, copyRich, loadCiteModule, today } from './view.js';
import { download, fileStem } from './export.js';

export const COLORS = ['yellow', 'green', 'blue', 'pink'];
const CONTEXT = 32; // characters of prefix and suffix kept with a quote
const KEY = 'hl:';

// ---------------------------------------------------------------- text model and selectors

/** The article's text nodes and their offsets in its text (textContent of `root`). */
export function textIndex(root) {
  const nodes = [];
  let text = '';
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n, start: text.length });
    text += n.nodeValue;
  }
  return { nodes, text };
}

function offsetOf(index, container, offset) {
  if (container.nodeType === Node.TEXT_NODE) {
    const hit = index.nodes.find((n) => n.node === container);
    return hit ? hit.start + offset : null;
  }
  // An element boundary: the text before the child at `offset`.
  const r = container.ownerDocument.createRange();
  r.setStart(index.nodes.length ? index.nodes[0].node : container, 0);
  try { r.setEnd(container, offset); } catch { return null; }
  return r.toString().length;
}

/** W3C Web Annotation selectors for `range` inside `root`. */
export function describe(root, range) {
  const index = textIndex(root);
  let start = offsetOf(index, range.startContainer, range.startOffset);
  let end = offsetOf(index, range.endContainer, range.endOffset);
  if (start == null || end == null || end <= start) return null;
  // Trim whitespace at the ends of the selection.
  while (start < end && /\s/.test(index.text[start])) start++;
  while (end > start && /\s/.test(index.text[end - 1])) end--;
  if (end <= start) return null;
  return [
    { type: 'TextQuoteSelector', exact: index.text.slice(start, end), prefix: index.text.slice(Math.max(0, start - CONTEXT), start), suffix: index.text.slice(end, end + CONTEXT) },
    { type: 'TextPositionSelector', start, end },
  ];
}

const collapse = (s) => s.replace(/\s+/g, ' ');

// Whitespace runs collapsed to one space, with each character's offset in the original.
function normalized(text) {
  let s = '';
  const map = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      if (!space) { s += ' '; map.push(i); }
      space = true;
    } else {
      s += text[i];
      map.push(i);
      space = false;
    }
  }
  map.push(text.length);
  return { s, map };
}

function occurrences(hay, needle, limit = 200) {
  const out = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0 && out.length < limit; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

// How many characters of `a`'s end agree with `b`'s end (or starts, with `fromStart`).
function agree(a, b, fromStart) {
  let k = 0;
  const n = Math.min(a.length, b.length);
  while (k < n && (fromStart ? a[k] === b[k] : a[a.length - 1 - k] === b[b.length - 1 - k])) k++;
  return k;
}

/**
 * Places `selectors` in `text`: { start, end, how } or null. `how` is 'exact' (the quote with
 * its context, or the one nearest the old position), 'whitespace' (the quote once whitespace is
 * collapsed), or 'context' (the text between the old prefix and suffix, or between the quote's
 * own first and last words: the quote itself changed).
 */
export function anchor(selectors, text) {
  const q = selectors.find((s) => s.type === 'TextQuoteSelector');
  const pos = selectors.find((s) => s.type === 'TextPositionSelector');
  if (!q || !q.exact) return null;
  const hint = pos ? pos.start : 0;
  const best = (cands) => {
    let top = null;
    for (const c of cands) {
      const score = agree(text.slice(Math.max(0, c.start - CONTEXT), c.start), q.prefix || '', false)
        + agree(text.slice(c.end, c.end + CONTEXT), q.suffix || '', true)
        - Math.abs(c.start - hint) / Math.max(1, text.length);
      if (!top || score > top.score) top = { ...c, score };
    }
    return top && { start: top.start, end: top.end, how: top.how };
  };
  const exact = occurrences(text, q.exact).map((i) => ({ start: i, end: i + q.exact.length, how: 'exact' }));
  if (exact.length) return best(exact);

  const n = normalized(text);
  const back = (i, len) => ({ start: n.map[i], end: n.map[i + len - 1] + 1 });
  const ex = collapse(q.exact).trim();
  const ws = occurrences(n.s, ex).map((i) => ({ ...back(i, ex.length), how: 'whitespace' }));
  if (ws.length) return best(ws);

  // The quote changed: what now stands between its old neighbours, if that is about as long.
  const L = ex.length;
  const fits = (len) => len >= Math.max(1, L * 0.5 - 8) && len <= L * 2 + 16;
  const between = (left, right) => {
    const cands = [];
    if (left.length < 8 || right.length < 8) return cands;
    for (const i of occurrences(n.s, left)) {
      const from = i + left.length;
      const j = n.s.indexOf(right, from);
      if (j >= 0 && fits(j - from)) {
        let a = from; let b = j;
        while (a < b && n.s[a] === ' ') a++;
        while (b > a && n.s[b - 1] === ' ') b--;
        if (b > a) cands.push({ start: n.map[a], end: n.map[b - 1] + 1, how: 'context' });
      }
    }
    return cands;
  };
  const pre = collapse(q.prefix || '').slice(-24);
  const suf = collapse(q.suffix || '').slice(0, 24);
  let ctx = between(pre.trimStart(), suf.trimEnd());
  if (ctx.length) return best(ctx);
  // The quote's own first and last words, when the change is inside it.
  const k = Math.min(24, Math.floor(L / 3));
  if (k >= 8) {
    const head = ex.slice(0, k);
    const tail = ex.slice(-k);
    ctx = [];
    for (const i of occurrences(n.s, head)) {
      const j = n.s.indexOf(tail, i + k);
      if (j >= 0 && fits(j + k - i)) ctx.push({ ...back(i, j + k - i), how: 'context' });
    }
    if (ctx.length) return best(ctx);
  }
  return null;
}

function rangeFor(index, start, end) {
  const locate = (off, isEnd) => {
    for (let i = 0; i < index.nodes.length; i++) {
      const { node, start: s } = index.nodes[i];
      const e = s + node.nodeValue.length;
      if (isEnd ? off > s && off <= e : off >= s && off < e) return [node, off - s];
    }
    return null;
  };
  const a = locate(start, false);
  const b = locate(end, true);
  if (!a || !b) return null;
  const r = a[0].ownerDocument.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r;
}

// Wraps the text of [start, end) in <mark> elements (one per text node piece).
function paint(root, item, start, end) {
  const index = textIndex(root);
  const range = rangeFor(index, start, end);
  if (!range) return [];
  const marks = [];
  for (const { node } of index.nodes.filter(({ node }) => range.intersectsNode(node))) {
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.nodeValue.length;
    // Whitespace between blocks is left alone (a mark there would sit between paragraphs).
    if (to <= from || !node.nodeValue.slice(from, to).trim()) continue;
    const mid = from > 0 ? node.splitText(from) : node;
    if (to - from < mid.nodeValue.length) mid.splitText(to - from);
    const mark = el('mark', { class: 'hl', 'data-hl': item.id, 'data-color': item.color, title: item.note || null });
    mid.replaceWith(mark);
    mark.append(mid);
    marks.push(mark);
  }
  return marks;
}

function unpaint(root, id) {
  for (const m of root.querySelectorAll(`mark.hl[data-hl="${CSS.escape(id)}"]`)) m.replaceWith(...m.childNodes);
  root.normalize();
}

// ---------------------------------------------------------------- links and exports

// Text Fragments (https://wicg.github.io/scroll-to-text-fragment/): '-', ',' and '&' escaped.
const frag = (s) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
const words = (s) => collapse(s).trim().split(' ').filter(Boolean);
const cjk = (s) => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(s);

/**
 * A link to the passage on the original page: `url#:~:text=prefix-,start,end,-suffix`, with
 * start and end for long quotes and a few words of context on each side so the passage is found
 * even when its words occur elsewhere.
 */
export function fragmentUrl(url, quote, prefix, suffix) {
  const base = String(url || '').replace(/#.*$/, '');
  const exact = collapse(quote).trim();
  let spec;
  if (cjk(exact)) {
    // No spaces to cut at: characters.
    spec = exact.length <= 40 ? frag(exact) : frag(exact.slice(0, 12)) + ',' + frag(exact.slice(-12));
  } else {
    const w = words(exact);
    spec = w.length <= 10 ? frag(w.join(' ')) : frag(w.slice(0, 4).join(' ')) + ',' + frag(w.slice(-4).join(' '));
  }
  // Whole words of context (a context slice may start or end inside a word: that word goes), kept
  // with their punctuation: the prefix must end right before the passage and the suffix start
  // right after it.
  // A term may not cross into another block: context stops at a line break.
  const ctxWords = (raw, fromEnd) => {
    let str = raw || '';
    const cut = fromEnd ? str.lastIndexOf('\n') : str.indexOf('\n');
    if (cut >= 0) str = fromEnd ? str.slice(cut + 1) : str.slice(0, cut);
    const w = words(str);
    const whole = cut >= 0 || str.length < CONTEXT ? w : (fromEnd ? w.slice(1) : w.slice(0, -1));
    return fromEnd ? whole.slice(-3) : whole.slice(0, 3);
  };
  const block = (raw, fromEnd) => {
    const str = raw || '';
    const cut = fromEnd ? str.lastIndexOf('\n') : str.indexOf('\n');
    return cut < 0 ? str : fromEnd ? str.slice(cut + 1) : str.slice(0, cut);
  };
  const p = cjk(prefix || '') ? collapse(block(prefix, true)).trim().slice(-6) : ctxWords(prefix, true).join(' ');
  const s = cjk(suffix || '') ? collapse(block(suffix, false)).trim().slice(0, 6) : ctxWords(suffix, false).join(' ');
  return base + '#:~:text=' + (p ? frag(p) + '-,' : '') + spec + (s ? ',-' + frag(s) : '');
}

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const mdQuote = (s) => collapse(s).trim().replace(/([\\`*_[\]<>#])/g, '\\$1');

// The quote as the page now reads (a passage that changed), else as it was highlighted.
function quoteOf(item) {
  const q = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
  return item.now ? { ...q, exact: item.now } : q;
}

/** Markdown of one article's highlights, its citation on top. */
export function highlightsMarkdown(entry, citationText, t) {
  const url = entry.url;
  const lines = [`# ${mdQuote(t('hlExportTitle', [entry.title || url]) || 'Highlights: ' + (entry.title || url))}`, ''];
  if (citationText) lines.push(citationText, '');
  lines.push(`<${url}>`, '');
  const found = entry.items.filter((i) => !i.orphan);
  const lost = entry.items.filter((i) => i.orphan);
  for (const i of found) lines.push(...itemMarkdown(i, url), '');
  if (lost.length) {
    lines.push(`## ${t('hlNotFound') || 'Not found in this version'}`, '');
    for (const i of lost) lines.push(...itemMarkdown(i, url), '');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function itemMarkdown(item, url) {
  const q = quoteOf(item);
  const out = [`> ${mdQuote(q.exact)}`];
  if (item.note) out.push('', collapse(item.note).trim().split('\n').join('  \n'));
  out.push('', `[${collapse(q.exact).trim().slice(0, 40).replace(/[[\]]/g, '')}…](${fragmentUrl(url, q.exact, q.prefix, q.suffix)})`);
  return out;
}

/** HTML (a fragment for the clipboard, or a whole document) of one article's highlights. */
export function highlightsHtml(entry, citation, t, { documentWrap = false } = {}) {
  const url = entry.url;
  const item = (i) => {
    const q = quoteOf(i);
    const link = fragmentUrl(url, q.exact, q.prefix, q.suffix);
    return `<blockquote cite="${esc(link)}" data-color="${esc(i.color)}"><p>${esc(collapse(q.exact).trim())}</p></blockquote>\n`
      + (i.note ? `<p class="note">${esc(i.note)}</p>\n` : '')
      + `<p><a href="${esc(link)}">${esc(t('hlPassageLink') || 'Passage on the original page')}</a></p>\n`;
  };
  const found = entry.items.filter((i) => !i.orphan);
  const lost = entry.items.filter((i) => i.orphan);
  const body = `<h1>${esc(t('hlExportTitle', [entry.title || url]) || entry.title)}</h1>\n`
    + (citation && (citation.html || citation.text) ? `<p class="citation">${citation.html || esc(citation.text)}</p>\n` : '')
    + `<p><a href="${esc(url)}">${esc(url)}</a></p>\n`
    + found.map(item).join('')
    + (lost.length ? `<h2>${esc(t('hlNotFound') || 'Not found in this version')}</h2>\n` + lost.map(item).join('') : '');
  if (!documentWrap) return body;
  return `<!DOCTYPE html>\n<html lang="${esc(entry.article && entry.article.lang || 'en')}">\n<head>\n<meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`
    + `<title>${esc(entry.title)}</title>\n<style>body{font:1.1rem/1.6 Georgia,'Noto Serif',serif;max-width:65ch;margin:2rem auto;padding:0 1rem;color:#222}blockquote{margin:1.5em 0 .25em;padding-left:1em;border-left:4px solid #e0c200}blockquote[data-color=green]{border-color:#3a9d4a}blockquote[data-color=blue]{border-color:#3a78c9}blockquote[data-color=pink]{border-color:#d6478f}.note{font-style:italic}.citation{color:#444}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`;
}

// The fields of an article a citation needs (not its text).
function citeFields(article) {
  const keep = {};
  for (const [k, v] of Object.entries(article || {})) {
    if (!['content', 'text', 'removed', 'warnings', 'excerptHtml'].includes(k)) keep[k] = v;
  }
  return keep;
}

// A citation of a stored article in `style` (the cite module and its CSL files, loaded here).
async function citeStored(article, style) {
  const wasm = await loadCiteModule();
  const styles = wasm.styles();
  const s = styles.find((x) => x.name === style && x.cslFile) || styles.find((x) => x.name === 'apa');
  const load = async (file) => {
    const r = await fetch(new URL('csl/' + file, document.baseURI));
    if (!r.ok) throw new Error(file + ': ' + r.status);
    return r.text();
  };
  const [csl, locale] = await Promise.all([load(s.cslFile), s.localeFile ? load(s.localeFile) : undefined]);
  return wasm.cite(article, s.name, 'text', article.accessed || today(), csl, locale);
}

// ---------------------------------------------------------------- the reader's controls

const uid = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 8);

/**
 * Wires highlighting into the reader: `body` (the article body), `toolbar` (where the controls
 * go, before `before`), `article` (from the core), `pageUrl`, `storage`, `t`, and `citation()`
 * (the citation in the chosen style: { name, text, html }).
 */
export async function attachHighlights({ body, toolbar, before, article, pageUrl, storage, t, citation }) {
  const doc = body.ownerDocument;
  const url = String(article.canonicalUrl || pageUrl || '').replace(/#.*$/, '');
  const key = KEY + url;
  const memory = new Map();
  const store = storage || {
    get: async (k) => memory.get(k), set: async (k, v) => { memory.set(k, v); },
    remove: async (k) => { memory.delete(k); }, all: async () => Object.fromEntries(memory),
  };
  let entry = (await store.get(key).catch(() => null)) || { url, title: article.title || '', items: [] };
  entry.title = article.title || entry.title;
  entry.article = citeFields({ ...article, url: article.canonicalUrl || pageUrl, accessed: article.accessed || today() });

  // --- controls: the colours (shown with a selection), the panel, the note dialog, the library
  const colorButtons = COLORS.map((c) => el('button', { type: 'button', class: 'hl-color', 'data-color': c, 'aria-label': t('hlColor_' + c) || c, title: t('hlColor_' + c) || c }));
  const noteButton = el('button', { type: 'button', id: 'hl-with-note', text: t('hlWithNote') || 'Highlight with note…' });
  const tools = el('span', { id: 'hl-tools', class: 'hl-tools', role: 'group', 'aria-label': t('hlToolsLabel') || 'Highlight the selection', hidden: true }, ...colorButtons, noteButton);
  const count = el('span', { class: 'hl-count' });
  const summary = el('summary', { id: 'hl-summary' }, t('hlPanel') || 'Highlights', ' ', count);
  const list = el('ol', { id: 'hl-list', class: 'hl-list' });
  const lostHead = el('h3', { class: 'hl-lost-head', text: t('hlNotFound') || 'Not found in this version', hidden: true });
  const lostList = el('ul', { id: 'hl-lost', class: 'hl-list hl-lost', hidden: true });
  const empty = el('p', { class: 'hl-empty', text: t('hlEmpty') || 'Select text in the article to highlight it.' });
  const status = el('p', { id: 'hl-status', class: 'hl-status', role: 'status', 'aria-live': 'polite' });
  const act = (id, k, fallback) => el('button', { type: 'button', id, text: t(k) || fallback });
  const copyBtn = act('hl-copy', 'hlCopy', 'Copy highlights');
  const saveMd = act('hl-save-md', 'hlSaveMd', 'Save highlights (Markdown)');
  const saveHtml = act('hl-save-html', 'hlSaveHtml', 'Save highlights (HTML)');
  const libraryBtn = act('hl-library-open', 'hlLibrary', 'All highlighted articles…');
  const panel = el('details', { class: 'menu hl-menu', id: 'hl-menu' }, summary,
    el('div', { class: 'menu-body hl-body' },
      storage ? null : el('p', { class: 'hl-note-demo', text: t('hlNotKept') || 'Highlights are not kept on this page.' }),
      empty, list, lostHead, lostList,
      el('div', { class: 'hl-actions' }, copyBtn, saveMd, saveHtml, storage ? libraryBtn : null), status));
  toolbar.insertBefore(tools, before || null);
  toolbar.insertBefore(panel, before || null);

  const noteText = el('textarea', { id: 'hl-note-text', rows: '4' });
  const noteSave = el('button', { type: 'button', class: 'primary', id: 'hl-note-save', text: t('hlNoteSave') || 'Save' });
  const noteCancel = el('button', { type: 'button', id: 'hl-note-cancel', text: t('hlCancel') || 'Cancel' });
  const dialog = el('dialog', { id: 'hl-note-dialog', class: 'hl-dialog', 'aria-labelledby': 'hl-note-title' },
    el('h2', { id: 'hl-note-title', text: t('hlNoteTitle') || 'Note' }),
    el('p', { class: 'hl-dialog-quote', id: 'hl-note-quote' }),
    el('label', { for: 'hl-note-text', text: t('hlNoteLabel') || 'Your note' }), noteText,
    el('p', { class: 'hl-dialog-actions' }, noteSave, noteCancel));
  doc.body.append(dialog);

  let lastRange = null;
  doc.addEventListener('selectionchange', () => {
    const sel = doc.getSelection();
    const ok = sel && sel.rangeCount && !sel.isCollapsed && body.contains(sel.anchorNode) && body.contains(sel.focusNode) && sel.toString().trim();
    if (ok) { lastRange = sel.getRangeAt(0).cloneRange(); tools.hidden = false; }
    else if (!tools.contains(doc.activeElement)) tools.hidden = true;
  });
  for (const b of [...colorButtons, noteButton]) b.addEventListener('mousedown', (e) => e.preventDefault());

  const save = async () => {
    entry.updated = new Date().toISOString();
    try {
      if (entry.items.length) await store.set(key, stored()); else await store.remove(key);
    } catch (e) {
      say(t('hlSaveFailed', [String(e && e.message || e)]) || 'Could not keep the highlights: ' + e);
    }
  };
  function say(msg) {
    status.textContent = msg;
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { status.textContent = ''; }, 5000);
  }

  function add(color, withNote) {
    if (!lastRange) return;
    const selectors = describe(body, lastRange);
    if (!selectors) return;
    const item = { id: uid(), color, note: '', created: new Date().toISOString(), target: { source: url, selector: selectors } };
    const pos = selectors[1];
    item.at = pos.start;
    paint(body, item, pos.start, pos.end);
    entry.items.push(item);
    const fromTools = tools.contains(doc.activeElement);
    doc.getSelection().removeAllRanges();
    lastRange = null;
    tools.hidden = true;
    render();
    save();
    say(t('hlAdded') || 'Highlighted');
    // The colour buttons go away with the selection: keyboard focus moves to the panel's button.
    if (fromTools) summary.focus();
    if (withNote) editNote(item);
  }
  colorButtons.forEach((b) => b.addEventListener('click', () => add(b.dataset.color, false)));
  noteButton.addEventListener('click', () => add('yellow', true));

  let editing = null;
  let returnTo = null;
  function editNote(item) {
    editing = item;
    returnTo = doc.activeElement;
    noteText.value = item.note || '';
    dialog.querySelector('#hl-note-quote').textContent = '“' + collapse(quoteOf(item).exact).trim().slice(0, 200) + '”';
    dialog.showModal();
    noteText.focus();
  }
  noteSave.addEventListener('click', () => {
    if (editing) {
      editing.note = noteText.value.trim();
      for (const m of body.querySelectorAll(`mark.hl[data-hl="${CSS.escape(editing.id)}"]`)) {
        if (editing.note) m.title = editing.note; else m.removeAttribute('title');
      }
      render();
      save();
    }
    dialog.close();
  });
  noteCancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    const back = returnTo;
    editing = null;
    returnTo = null;
    if (back && back.isConnected && back.getClientRects().length) back.focus(); else summary.focus();
  });

  function remove(item) {
    unpaint(body, item.id);
    entry.items = entry.items.filter((i) => i !== item);
    render();
    save();
    summary.focus();
  }

  function goTo(item) {
    const mark = body.querySelector(`mark.hl[data-hl="${CSS.escape(item.id)}"]`);
    if (!mark) return;
    panel.open = false;
    mark.setAttribute('tabindex', '-1');
    mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'smooth' });
    mark.focus({ preventScroll: true });
  }

  const position = (item) => (item.orphan ? Infinity : item.at);
  function render() {
    const found = entry.items.filter((i) => !i.orphan).sort((a, b) => position(a) - position(b));
    const lost = entry.items.filter((i) => i.orphan);
    count.textContent = entry.items.length ? `(${entry.items.length})` : '';
    empty.hidden = entry.items.length > 0;
    const row = (item) => {
      const q = collapse(quoteOf(item).exact).trim();
      const go = el('button', { type: 'button', class: 'hl-go', text: t('hlGoTo') || 'Show', 'aria-label': (t('hlGoTo') || 'Show') + ': ' + q.slice(0, 60) });
      const edit = el('button', { type: 'button', class: 'hl-edit', text: item.note ? (t('hlEditNote') || 'Edit note') : (t('hlAddNote') || 'Add note'), 'aria-label': (t('hlEditNote') || 'Edit note') + ': ' + q.slice(0, 60) });
      const del = el('button', { type: 'button', class: 'hl-delete', text: t('hlDelete') || 'Delete', 'aria-label': (t('hlDelete') || 'Delete') + ': ' + q.slice(0, 60) });
      go.addEventListener('click', () => goTo(item));
      edit.addEventListener('click', () => editNote(item));
      del.addEventListener('click', () => remove(item));
      return el('li', { class: 'hl-item', 'data-color': item.color, 'data-id': item.id },
        el('p', { class: 'hl-quote', dir: 'auto', text: q.length > 240 ? q.slice(0, 240) + '…' : q }),
        item.changed ? el('p', { class: 'hl-changed', text: t('hlChanged') || 'The text here has changed since you highlighted it.' }) : null,
        item.note ? el('p', { class: 'hl-note', dir: 'auto', text: item.note }) : null,
        el('p', { class: 'hl-item-actions' }, item.orphan ? null : go, edit, del));
    };
    list.replaceChildren(...found.map(row));
    lostList.replaceChildren(...lost.map(row));
    lostHead.hidden = lostList.hidden = lost.length === 0;
    for (const b of [copyBtn, saveMd, saveHtml]) b.disabled = entry.items.length === 0;
    doc.body.dataset.highlights = String(found.length);
  }

  // Place what was kept, in text order of the old positions (so overlapping marks nest sensibly).
  const text = textIndex(body).text;
  for (const item of entry.items) {
    const where = anchor(item.target.selector, text);
    item.orphan = !where;
    item.changed = !!where && where.how === 'context';
    item.now = item.changed ? text.slice(where.start, where.end) : undefined;
    item.at = where ? where.start : Infinity;
    if (where) paint(body, item, where.start, where.end);
  }
  render();

  // What is exported (with whether each was found here) and what is kept (the annotation only).
  const entryOut = () => ({ ...entry, items: entry.items.map((i) => ({ ...i })) });
  function stored() {
    return { ...entry, items: entry.items.map(({ orphan, changed, at, now, ...rest }) => rest) };
  }
  copyBtn.addEventListener('click', async () => {
    try {
      const c = await citation().catch(() => null);
      await copyRich(highlightsMarkdown(entryOut(), c && c.text, t), highlightsHtml(entryOut(), c, t));
      say(t('hlCopied') || 'Copied the highlights with the citation');
    } catch {
      say(t('copyFailed') || 'Copying failed');
    }
  });
  const saveAs = async (kind) => {
    const c = await citation().catch(() => null);
    const stem = fileStem(article) + ' — ' + (t('hlFileSuffix') || 'highlights');
    if (kind === 'md') download(stem + '.md', highlightsMarkdown(entryOut(), c && c.text, t), 'text/markdown;charset=utf-8');
    else download(stem + '.html', highlightsHtml(entryOut(), c, t, { documentWrap: true }), 'text/html;charset=utf-8');
    say(t(kind === 'md' ? 'savedMarkdown' : 'savedHtml'));
  };
  saveMd.addEventListener('click', () => saveAs('md'));
  saveHtml.addEventListener('click', () => saveAs('html'));
  if (storage) libraryBtn.addEventListener('click', () => { panel.open = false; openLibrary({ store, t, citation, current: url, onChange: reload }); });

  async function reload() {
    const now = await store.get(key).catch(() => null);
    if (!now) {
      for (const i of entry.items) unpaint(body, i.id);
      entry.items = [];
      render();
    }
  }

  // Esc closes the note dialog (the browser does) before the reader's Esc (back to the page) sees it.
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && doc.querySelector('dialog[open]')) e.stopImmediatePropagation();
  }, true);
  return { entry: () => entryOut(), render };
}

// ---------------------------------------------------------------- all highlighted articles

async function allEntries(store) {
  const all = await store.all();
  return Object.entries(all || {}).filter(([k, v]) => k.startsWith(KEY) && v && Array.isArray(v.items))
    .map(([, v]) => v).sort((a, b) => String(b.updated || '').localeCompare(String(a.updated || '')));
}

/** Markdown of every highlighted article, each with its citation. */
export async function libraryMarkdown(entries, style, t) {
  const parts = [`# ${t('hlLibraryTitle') || 'Highlighted articles'}`, ''];
  for (const e of entries) {
    let c = '';
    try { c = await citeStored(e.article || { title: e.title, url: e.url }, style); } catch { c = ''; }
    parts.push(highlightsMarkdown(e, c, t).replace(/^# /, '## '), '');
  }
  return parts.join('\n');
}

/** CSL-JSON of every highlighted article, each item's highlights and notes in its `note`. */
export async function libraryCslJson(entries) {
  const wasm = await loadCiteModule();
  const items = [];
  for (const e of entries) {
    let item;
    try { item = JSON.parse(wasm.cite(e.article || { title: e.title, url: e.url }, 'csl-json', 'text', (e.article && e.article.accessed) || today())); } catch { item = { type: 'webpage', title: e.title, URL: e.url }; }
    if (Array.isArray(item)) item = item[0];
    const notes = e.items.map((i) => {
      const q = quoteOf(i);
      return '“' + collapse(q.exact).trim() + '”' + (i.note ? ' — ' + collapse(i.note).trim() : '') + ' <' + fragmentUrl(e.url, q.exact, q.prefix, q.suffix) + '>';
    });
    item.note = notes.join('\n');
    items.push(item);
  }
  return JSON.stringify(items, null, 2) + '\n';
}

async function openLibrary({ store, t, citation, current, onChange }) {
  const doc = document;
  let dialog = doc.getElementById('hl-library');
  if (dialog) dialog.remove();
  const search = el('input', { type: 'search', id: 'hl-search', autocomplete: 'off' });
  const list = el('ul', { id: 'hl-articles', class: 'hl-articles' });
  const status = el('p', { class: 'hl-status', id: 'hl-lib-status', role: 'status', 'aria-live': 'polite' });
  const exportMd = el('button', { type: 'button', id: 'hl-export-md', text: t('hlExportAllMd') || 'Export all (Markdown)' });
  const exportCsl = el('button', { type: 'button', id: 'hl-export-csl', text: t('hlExportAllCsl') || 'Export all (CSL-JSON with notes)' });
  const deleteAll = el('button', { type: 'button', id: 'hl-delete-all', class: 'danger', text: t('hlDeleteAll') || 'Delete all…' });
  const close = el('button', { type: 'button', id: 'hl-library-close', text: t('hlClose') || 'Close' });
  dialog = el('dialog', { id: 'hl-library', class: 'hl-dialog hl-library', 'aria-labelledby': 'hl-library-title' },
    el('h2', { id: 'hl-library-title', text: t('hlLibraryTitle') || 'Highlighted articles' }),
    el('p', { class: 'hl-search-row' }, el('label', { for: 'hl-search', text: t('hlSearch') || 'Search' }), search),
    list,
    el('p', { class: 'hl-dialog-actions' }, exportMd, exportCsl, deleteAll, close), status);
  doc.body.append(dialog);
  let entries = await allEntries(store);

  // An inline "are you sure": the button is replaced by a confirm and a cancel button.
  const confirmIn = (holder, label, onYes) => {
    const yes = el('button', { type: 'button', class: 'danger hl-confirm', text: label });
    const no = el('button', { type: 'button', class: 'hl-cancel', text: t('hlCancel') || 'Cancel' });
    const box = el('span', { class: 'hl-confirm-box', role: 'group', 'aria-label': t('hlConfirm') || 'Confirm' }, yes, no);
    const original = holder.replaceWith(box);
    yes.addEventListener('click', async () => { await onYes(); });
    no.addEventListener('click', () => { box.replaceWith(holder); holder.focus(); });
    yes.focus();
    return original;
  };

  function show() {
    const q = search.value.trim().toLowerCase();
    const match = (e) => !q || [e.title, e.url, e.article && e.article.siteName, ...e.items.flatMap((i) => [quoteOf(i).exact, i.note])]
      .some((s) => String(s || '').toLowerCase().includes(q));
    const shown = entries.filter(match);
    list.replaceChildren(...shown.map((e) => {
      const del = el('button', { type: 'button', class: 'hl-article-delete', text: t('hlDelete') || 'Delete', 'aria-label': (t('hlDelete') || 'Delete') + ': ' + (e.title || e.url) });
      del.addEventListener('click', () => confirmIn(del, t('hlDeleteConfirm') || 'Delete its highlights', async () => {
        await store.remove(KEY + e.url);
        entries = entries.filter((x) => x !== e);
        show();
        status.textContent = t('hlDeleted') || 'Deleted';
        if (e.url === current) onChange();
        search.focus();
      }));
      return el('li', { class: 'hl-article' },
        // Only web addresses become links (the URL came from a page).
        el('a', { href: /^https?:\/\//i.test(e.url) ? e.url : null, rel: 'noopener noreferrer', dir: 'auto', text: e.title || e.url }),
        el('span', { class: 'hl-article-meta', text: ' ' + [e.article && e.article.siteName, (e.items.length === 1 ? t('hlCountOne') : t('hlCount', [String(e.items.length)])) || String(e.items.length)].filter(Boolean).join(' · ') + ' ' }),
        del);
    }));
    if (!shown.length) list.append(el('li', { class: 'hl-empty', text: entries.length ? (t('hlNoMatch') || 'No article matches.') : (t('hlNone') || 'No highlights yet.') }));
    for (const b of [exportMd, exportCsl, deleteAll]) b.disabled = entries.length === 0;
  }
  search.addEventListener('input', show);
  exportMd.addEventListener('click', async () => {
    const c = await citation().catch(() => null);
    download('highlights.md', await libraryMarkdown(entries, (c && c.name) || 'apa', t), 'text/markdown;charset=utf-8');
    status.textContent = t('savedMarkdown') || 'Saved';
  });
  exportCsl.addEventListener('click', async () => {
    try {
      download('highlights.csl.json', await libraryCslJson(entries), 'application/vnd.citationstyles.csl+json');
      status.textContent = t('hlSavedCsl') || 'Saved as CSL-JSON';
    } catch (e) {
      status.textContent = t('citeFailed', [String(e && e.message || e)]) || String(e);
    }
  });
  deleteAll.addEventListener('click', () => confirmIn(deleteAll, t('hlDeleteAllConfirm', [String(entries.length)]) || `Delete the highlights of all ${entries.length} articles`, async () => {
    for (const e of entries) await store.remove(KEY + e.url);
    entries = [];
    dialog.querySelector('.hl-confirm-box').replaceWith(deleteAll);
    show();
    status.textContent = t('hlDeletedAll') || 'All highlights deleted';
    onChange();
    close.focus();
  }));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { dialog.remove(); const s = doc.getElementById('hl-summary'); if (s) s.focus(); });
  show();
  dialog.showModal();
  search.focus();
}
