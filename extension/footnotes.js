// Footnotes in place: a note reference in the article (`<sup><a href="#t-fn1">1</a></sup>`,
// role=doc-noteref, a short marker such as [1], *, 注1 linking into the article) opens its note
// in a popover next to it, on click or Enter; focusing it shows a preview. The note list stays
// at the end of the article. No extension APIs: shared by the reader and the www demo.
//
// The core keeps references, notes and their ids (prefixed `t-`, so a page's ids cannot clobber
// the reader's own) and the DPUB-ARIA note roles.

import { el } from './view.js';

// What a reference's text looks like: a number, letter or symbol, bracketed or not, or a Chinese
// 注 / 注释 marker (e.g. "[1]", "(12)", "†", "a", "注3", "[注释2]").
const MARKER = /^\s*[[(（【〔]?\s*(?:注释?|註)?\s*(?:\d{1,4}[a-z]?|[ivxlc]{1,6}|[a-z]|[*†‡§¶]{1,3})\s*[\])）】〕]?\s*$/i;
// Links from a note back to its reference: text, class or role says so.
const BACKLINK_TEXT = /^\s*(?:[↩↑^⤴]\s*\d{0,4}|\^?\s*[a-z]{1,2}|返回|back)\s*$/i;

const byId = (root, frag) => {
  let id;
  try { id = decodeURIComponent(frag); } catch { id = frag; }
  const node = root.ownerDocument.getElementById(id);
  return node && root.contains(node) ? node : null;
};

// The block holding a note: the target itself when it is a block, else its nearest block
// (a `<a id="_ftn1">` anchor in a paragraph stands for the paragraph).
function noteBlock(target, body) {
  for (let n = target; n && n !== body; n = n.parentElement) {
    // A note in a table (a row of number and text, as WordPress footnote plugins write): the row.
    if (/^(LI|P|DD|DIV|SECTION|ASIDE|TR|BLOCKQUOTE)$/.test(n.tagName)) return n;
  }
  return target;
}

/** The note references in `body`: [{ link, note, parts }] in document order (`note` is where
 * the note sits, `parts` what it shows). */
export function findNoteRefs(body) {
  const out = [];
  for (const a of body.querySelectorAll('a[href^="#"]')) {
    const frag = a.getAttribute('href').slice(1);
    if (!frag || a.closest('[role="doc-backlink"]') || a.getAttribute('role') === 'doc-backlink') continue;
    const target = byId(body, frag);
    if (!target || target.contains(a) || a.contains(target)) continue;
    const marked = a.closest('sup, [role="doc-noteref"]') || a.querySelector('sup');
    if (!marked && !MARKER.test(a.textContent)) continue;
    if (/^H[2-6]$/.test(target.tagName)) continue;
    // A note follows its reference; a link back up the page is a back link.
    if (!(a.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    const note = noteBlock(target, body);
    if (note.contains(a)) continue;
    // A block holding only the note's number (Substack's `<a id="footnote-3">3</a>` before the
    // note's paragraph): the note is what follows it.
    const parts = [note];
    const next = note.nextElementSibling;
    if ((note === target || MARKER.test(note.textContent)) && next && !next.querySelector('[id]') && !next.id) parts.push(next);
    if (!parts.some((p) => p.textContent.trim() && !MARKER.test(p.textContent))) continue;
    out.push({ link: a, note, parts });
  }
  return out;
}

// The note's content without its way back to the reference (the popover has its own).
function noteContent(parts, refs) {
  const frag = document.createDocumentFragment();
  for (const p of parts) frag.append(noteCopy(p, refs));
  for (const p of Array.from(frag.children)) if (!p.textContent.trim() && !p.querySelector('img')) p.remove();
  return frag;
}

function noteCopy(note, refs) {
  let copy = note.cloneNode(true);
  if (copy.tagName === 'TR') {
    // Cells outside their table: their contents, side by side.
    const row = document.createElement('p');
    for (const cell of Array.from(copy.cells)) row.append(...cell.childNodes, ' ');
    copy = row;
  }
  copy.removeAttribute('id');
  for (const n of copy.querySelectorAll('[id]')) n.removeAttribute('id');
  for (const a of copy.querySelectorAll('a[href^="#"]')) {
    const frag = a.getAttribute('href').slice(1);
    const pointsAtRef = refs.some((r) => r.link.id === frag || (r.link.closest('[id]') || {}).id === frag);
    if (pointsAtRef || a.getAttribute('role') === 'doc-backlink' || BACKLINK_TEXT.test(a.textContent)) a.remove();
  }
  // Left empty by that (Wikipedia's "^" in <b>, a <sup> that held the back link).
  for (const n of Array.from(copy.querySelectorAll('b, sup, span, strong')).reverse()) if (!n.textContent.trim() && !n.querySelector('img')) n.remove();
  const first = copy.firstChild;
  if (first && first.nodeType === Node.TEXT_NODE) first.nodeValue = first.nodeValue.replace(/^\s*\^\s*/, '');
  return copy;
}

/**
 * Wires the references in `body`. `t` gives the strings. Returns { refs, close } or null when
 * the article has none.
 */
export function attachFootnotes(body, { t }) {
  const refs = findNoteRefs(body);
  if (!refs.length) return null;
  const doc = body.ownerDocument;
  const hasPopover = typeof HTMLElement.prototype.showPopover === 'function';
  const title = el('h2', { class: 'fn-title', id: 'fn-pop-title' });
  const content = el('div', { class: 'fn-content' });
  const back = el('button', { type: 'button', class: 'fn-back', text: t('noteBack') || 'Back to the text' });
  const jump = el('a', { class: 'fn-jump', href: '#', text: t('noteInList') || 'Show in the notes' });
  const pop = el('div', { id: 'fn-pop', class: 'fn-pop', role: 'dialog', 'aria-labelledby': 'fn-pop-title', tabindex: '-1' },
    title, content, el('p', { class: 'fn-actions' }, back, jump));
  if (hasPopover) pop.setAttribute('popover', 'manual'); else pop.hidden = true;
  // A page that renders articles again (the www demo) gets one popover, the latest.
  const old = doc.getElementById('fn-pop');
  if (old) old.remove();
  doc.body.append(pop);

  let current = null; // { link, note, parts, modal }
  let refocusing = false;
  const isOpen = () => (hasPopover ? pop.matches(':popover-open') : !pop.hidden);

  function place(link) {
    const r = link.getBoundingClientRect();
    const width = Math.min(420, doc.documentElement.clientWidth - 24);
    pop.style.width = width + 'px';
    const left = Math.max(12, Math.min(r.left + window.scrollX - width / 2, window.scrollX + doc.documentElement.clientWidth - width - 12));
    pop.style.left = left + 'px';
    pop.style.top = (r.bottom + window.scrollY + 8) + 'px';
  }

  function open(ref, { modal }) {
    if (current && current.link !== ref.link) current.link.setAttribute('aria-expanded', 'false');
    current = { ...ref, modal };
    title.textContent = t('noteTitle', [ref.link.textContent.replace(/[[\]()（）【】\s]/g, '')]) || 'Note';
    content.replaceChildren(noteContent(ref.parts, refs));
    jump.setAttribute('href', '#' + (ref.note.id || ''));
    jump.hidden = !ref.note.id;
    if (!isOpen()) { if (hasPopover) pop.showPopover(); else pop.hidden = false; }
    place(ref.link);
    ref.link.setAttribute('aria-expanded', 'true');
    if (modal) pop.focus();
  }

  function close({ refocus = true } = {}) {
    if (!current) return;
    const { link, modal } = current;
    current = null;
    if (isOpen()) { if (hasPopover) pop.hidePopover(); else pop.hidden = true; }
    link.setAttribute('aria-expanded', 'false');
    if (refocus && modal) {
      // Back on the reference: no preview for this focus.
      refocusing = true;
      link.focus();
      refocusing = false;
    }
  }

  for (const ref of refs) {
    const { link } = ref;
    link.classList.add('fn-ref');
    link.setAttribute('aria-haspopup', 'dialog');
    link.setAttribute('aria-expanded', 'false');
    link.setAttribute('aria-controls', 'fn-pop');
    link.addEventListener('click', (e) => {
      e.preventDefault();
      if (current && current.link === link && current.modal) return close();
      open(ref, { modal: true });
    });
    // Keyboard focus previews the note (the popover does not take the focus); Enter opens it.
    link.addEventListener('focus', () => { if (!refocusing && (!current || !current.modal)) open(ref, { modal: false }); });
    link.addEventListener('blur', () => {
      setTimeout(() => { if (current && current.link === link && !current.modal && !pop.contains(doc.activeElement)) close({ refocus: false }); }, 0);
    });
  }
  back.addEventListener('click', () => close());
  jump.addEventListener('click', (e) => {
    if (!current) return;
    e.preventDefault();
    const { note } = current;
    close({ refocus: false });
    note.setAttribute('tabindex', '-1');
    note.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    note.focus({ preventScroll: true });
  });
  // Esc closes the note before the reader's own Esc (back to the page) sees it.
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && current) { e.stopImmediatePropagation(); e.preventDefault(); close(); }
  }, true);
  doc.addEventListener('pointerdown', (e) => {
    if (current && !pop.contains(e.target) && !current.link.contains(e.target)) close({ refocus: false });
  });
  pop.addEventListener('focusout', (e) => {
    if (current && current.modal && !pop.contains(e.relatedTarget) && e.relatedTarget !== current.link) close({ refocus: false });
  });
  return { refs, close, popover: pop };
}
