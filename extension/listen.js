// Read aloud: the Web Speech API (speechSynthesis) reads the article sentence by sentence, in a
// voice for each block's language (the `lang` the core keeps on the article and on its blocks),
// with the sentence being read highlighted and kept in view. No extension APIs: the caller passes
// `t` (strings) and `store` (remembered rate); shared by the reader and the www demo.
//
// One utterance per sentence: the highlight follows exactly, skipping is a new utterance, and
// pausing is a cancel that remembers the sentence (pause()/resume() of the engines are unreliable).

import { el } from './view.js';

// Blocks read one after another (the smallest ones: a <li> holding a <p> reads the <p>).
const BLOCKS = 'p, li, h2, h3, h4, h5, h6, figcaption, blockquote, dd, dt, th, td, pre';
export const RATES = ['0.75', '1', '1.25', '1.5', '1.75', '2'];

// Ends of text that are not the end of a sentence: titles and common abbreviations ("Mr.",
// "Dr.", "e.g.", "No."), and initials ("J.", "U.S."). A sentence split after one is undone.
const ABBREVIATION = /(?:^|[\s(“"'‘])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Mt|Rev|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Fr|vs|etc|approx|ca|cf|al|e\.g|i\.e|No|Nos|Fig|Vol|pp|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|(?:\p{Lu}\.)+)\.?$/u;
// Where the fallback splits: after ., !, ?, … (with closing quotes or brackets) and a space, unless
// the next word starts in lower case or with a digit; after 。！？ (and closers) wherever.
const FALLBACK_END = /([.!?…]+["'”’)\]]*\s+(?=[^\s\p{Ll}\d])|[。！？]+[」』”’）》]*\s*)/u;

/** Splits `text` into sentences: [{ start, end, text }] with offsets into `text`. */
export function splitSentences(text, lang) {
  const raw = [];
  let Seg = null;
  try { Seg = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(lang || undefined, { granularity: 'sentence' }) : null; } catch { Seg = null; }
  if (Seg) {
    for (const s of Seg.segment(text)) raw.push({ start: s.index, end: s.index + s.segment.length });
  } else {
    let at = 0;
    const parts = text.split(FALLBACK_END);
    // split() with a capture group: text, terminator, text, terminator, …
    for (let i = 0; i < parts.length; i += 2) {
      const len = parts[i].length + (parts[i + 1] || '').length;
      if (len) raw.push({ start: at, end: at + len });
      at += len;
    }
  }
  const out = [];
  for (const r of raw) {
    const prev = out[out.length - 1];
    if (prev && ABBREVIATION.test(text.slice(prev.start, prev.end).trimEnd())) prev.end = r.end;
    else out.push({ ...r });
  }
  return out.map(({ start, end }) => {
    const chunk = text.slice(start, end);
    const lead = chunk.length - chunk.trimStart().length;
    const s = start + lead;
    const e = start + chunk.trimEnd().length;
    return { start: s, end: e, text: text.slice(s, e) };
  }).filter((s) => /[\p{L}\p{N}]/u.test(s.text));
}

// Text nodes of a block with their offsets, leaving out note references ("[1]" is not read).
function textNodes(block) {
  const nodes = [];
  let text = '';
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('sup, .fn-ref, [aria-hidden="true"]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n, start: text.length });
    text += n.nodeValue;
  }
  return { nodes, text };
}

function rangeOf(block, start, end) {
  const { nodes } = textNodes(block);
  const at = (off, isEnd) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (off > n.start || (off === n.start && !isEnd) || i === 0) return [n.node, Math.min(Math.max(0, off - n.start), n.node.nodeValue.length)];
    }
    return null;
  };
  const a = at(start, false);
  const b = at(end, true);
  if (!a || !b) return null;
  const r = block.ownerDocument.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r;
}

/** The blocks of the article to read, each with its language and sentences. */
export function readingBlocks(root, fallbackLang) {
  // The title, then the body (not the site name, byline and reading time of the header).
  const title = root.querySelector('.article-header .title');
  const body = root.querySelector('.article-body') || root;
  const all = Array.from(body.querySelectorAll(BLOCKS)).filter((b) => !b.closest('.fn-pop, [hidden]'));
  const leaves = all.filter((b) => !all.some((o) => o !== b && b.contains(o)));
  const out = [];
  for (const block of title ? [title, ...leaves] : leaves) {
    const { text } = textNodes(block);
    const lang = (block.closest('[lang]') && block.closest('[lang]').getAttribute('lang')) || fallbackLang || '';
    const sentences = splitSentences(text, lang);
    if (sentences.length) out.push({ el: block, lang, sentences });
  }
  return out;
}

/** The voice for `lang` among `voices`: same tag, else same language; default and local first. */
export function pickVoice(voices, lang) {
  const norm = (s) => String(s || '').replace(/_/g, '-').toLowerCase();
  const want = norm(lang);
  const primary = want.split('-')[0];
  if (!primary) return null;
  const rank = (v) => (v.default ? 2 : 0) + (v.localService ? 1 : 0);
  const best = (list) => list.sort((a, b) => rank(b) - rank(a))[0] || null;
  return best(voices.filter((v) => norm(v.lang) === want))
    || best(voices.filter((v) => norm(v.lang).split('-')[0] === primary))
    // "zh" for Cantonese and Mandarin voices tagged yue / cmn.
    || (primary === 'zh' ? best(voices.filter((v) => /^(cmn|yue)\b/.test(norm(v.lang)))) : null);
}

// "Chinese" for zh-CN: voices are missing for a language more often than for one region of it.
function languageName(lang, ui) {
  const primary = String(lang).split(/[-_]/)[0];
  try { return new Intl.DisplayNames([ui || 'en'], { type: 'language' }).of(primary) || lang; } catch { return lang; }
}

let current = null;

/**
 * Adds the Listen control to `toolbar` and the player under it; reads `root` (the article with its
 * title). `lang` is the article's language. Returns { stop }.
 */
export function attachListen({ root, toolbar, before, lang, t, store, uiLang }) {
  // A page that shows articles one after another (the www demo) keeps one player: the last.
  if (current) current.abort();
  const life = new AbortController();
  current = life;
  const { signal } = life;
  const doc = root.ownerDocument;
  const synth = () => globalThis.speechSynthesis || null;
  const reduced = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
  const useHighlightApi = typeof Highlight === 'function' && globalThis.CSS && CSS.highlights;

  const listen = el('button', { type: 'button', id: 'listen', 'aria-expanded': 'false', 'aria-controls': 'listen-bar', title: t('listenHint') || 'Read aloud (L)', text: t('listen') || 'Listen' });
  toolbar.insertBefore(listen, before || null);

  const btn = (id, key, symbol) => el('button', { type: 'button', id, class: 'listen-btn', 'aria-label': t(key), title: t(key), text: symbol });
  const play = el('button', { type: 'button', id: 'listen-play', class: 'listen-btn listen-play', text: t('listenPause') || 'Pause' });
  const stopBtn = btn('listen-stop', 'listenStop', '■');
  const prevPara = btn('listen-prev-para', 'listenPrevPara', '◀◀');
  const prevSent = btn('listen-prev', 'listenPrevSentence', '◀');
  const nextSent = btn('listen-next', 'listenNextSentence', '▶');
  const nextPara = btn('listen-next-para', 'listenNextPara', '▶▶');
  const rate = el('select', { id: 'listen-rate' }, ...RATES.map((r) => el('option', { value: r, text: r + '×' })));
  rate.value = '1';
  const status = el('span', { id: 'listen-status', class: 'listen-status', role: 'status', 'aria-live': 'polite' });
  const bar = el('div', { id: 'listen-bar', class: 'listen-bar', role: 'group', 'aria-label': t('listenBar') || 'Read aloud', hidden: true },
    play, stopBtn, prevPara, prevSent, nextSent, nextPara,
    el('label', { for: 'listen-rate', class: 'listen-rate-label', text: t('listenRate') || 'Speed' }), rate, status);
  toolbar.append(bar);
  Promise.resolve(store && store.get('listenRate')).then((r) => { if (RATES.includes(String(r))) rate.value = String(r); }).catch(() => {});

  let blocks = [];
  let b = 0;
  let s = 0;
  let playing = false;
  let token = 0;
  let wrapped = [];

  function say(msg) { status.textContent = msg || ''; }

  function clearHighlight() {
    if (useHighlightApi) CSS.highlights.delete('tidings-reading');
    for (const span of wrapped) if (span.parentNode) span.replaceWith(...span.childNodes);
    wrapped = [];
    for (const n of doc.querySelectorAll('[data-reading]')) n.removeAttribute('data-reading');
  }

  function highlight() {
    clearHighlight();
    const blk = blocks[b];
    if (!blk) return;
    const sent = blk.sentences[s];
    blk.el.setAttribute('data-reading', 'true');
    const range = rangeOf(blk.el, sent.start, sent.end);
    if (!range) return;
    let rect = range.getBoundingClientRect();
    if (useHighlightApi) {
      CSS.highlights.set('tidings-reading', new Highlight(range));
    } else {
      // Without the Highlight API: each text node piece of the sentence in a span.
      const pieces = textNodes(blk.el).nodes.filter(({ node }) => range.intersectsNode(node));
      for (const { node } of pieces) {
        const from = node === range.startContainer ? range.startOffset : 0;
        const to = node === range.endContainer ? range.endOffset : node.nodeValue.length;
        if (to <= from) continue;
        const mid = node.splitText(from);
        mid.splitText(to - from);
        const span = el('span', { class: 'tidings-reading' });
        mid.replaceWith(span);
        span.append(mid);
        wrapped.push(span);
      }
      if (wrapped[0]) rect = wrapped[0].getBoundingClientRect();
    }
    const top = toolbar.getBoundingClientRect().bottom;
    if (rect.top < top || rect.bottom > window.innerHeight) {
      blk.el.scrollIntoView({ block: 'center', behavior: reduced() ? 'instant' : 'smooth' });
    }
  }

  async function voices() {
    const sy = synth();
    if (!sy) return [];
    let list = sy.getVoices() || [];
    if (list.length) return list;
    // Chromium fills the list asynchronously.
    await new Promise((resolve) => {
      const done = () => { sy.removeEventListener?.('voiceschanged', done); resolve(); };
      sy.addEventListener?.('voiceschanged', done);
      setTimeout(done, 800);
    });
    return sy.getVoices() || [];
  }

  let voiceList = [];
  const missing = new Set();
  function voiceNotice(forLang) {
    const name = languageName(forLang, uiLang);
    say(t('listenNoVoice', [name]) || `No ${name} voice in this browser`);
    missing.add(forLang);
  }

  function speak() {
    const sy = synth();
    const blk = blocks[b];
    if (!sy || !blk) return finish();
    const sent = blk.sentences[s];
    const mine = ++token;
    sy.cancel();
    const U = globalThis.SpeechSynthesisUtterance;
    const u = new U(sent.text);
    u.lang = blk.lang || lang || '';
    u.rate = Number(rate.value) || 1;
    const voice = pickVoice(voiceList, u.lang);
    if (voice) u.voice = voice;
    else if (u.lang && !missing.has(u.lang)) voiceNotice(u.lang);
    u.onend = () => { if (mine === token && playing) advance(1, false); };
    u.onerror = (e) => {
      if (mine !== token || !e || e.error === 'interrupted' || e.error === 'canceled') return;
      playing = false;
      syncPlay();
      say(t('listenFailed', [String(e.error || '')]) || 'Read aloud stopped: ' + e.error);
    };
    highlight();
    sy.speak(u);
  }

  function finish() {
    playing = false;
    token++;
    clearHighlight();
    b = 0; s = 0;
    syncPlay();
    say(t('listenDone') || 'Finished');
  }

  function advance(step, byParagraph) {
    if (!blocks.length) return;
    if (byParagraph) {
      // Back a paragraph from inside one restarts it first, as players do.
      if (step < 0 && s > 0) s = 0;
      else { b += step; s = 0; }
    } else {
      s += step;
      if (s >= blocks[b].sentences.length) { b++; s = 0; }
      else if (s < 0) { b--; s = b >= 0 ? blocks[b].sentences.length - 1 : 0; }
    }
    if (b < 0) { b = 0; s = 0; }
    if (b >= blocks.length) return finish();
    if (playing) speak(); else highlight();
  }

  function syncPlay() {
    // The label says what a press does (no aria-pressed: the name already changes).
    play.textContent = playing ? (t('listenPause') || 'Pause') : (t('listenPlay') || 'Play');
  }

  async function start(fromBlock) {
    if (!synth() || typeof globalThis.SpeechSynthesisUtterance !== 'function') {
      openBar();
      for (const c of bar.querySelectorAll('button, select')) c.disabled = true;
      say(t('listenUnavailable') || 'This browser cannot read aloud');
      return;
    }
    openBar();
    blocks = readingBlocks(root, lang);
    if (!blocks.length) { say(t('listenNothing') || 'Nothing to read'); return; }
    voiceList = await voices();
    if (!voiceList.length) voiceNotice(lang || 'und');
    else if (!missing.has(lang)) say('');
    b = Math.max(0, fromBlock == null ? firstVisible() : fromBlock);
    s = 0;
    playing = true;
    syncPlay();
    speak();
  }

  function firstVisible() {
    const top = toolbar.getBoundingClientRect().bottom;
    const i = blocks.findIndex((x) => x.el.getBoundingClientRect().bottom > top);
    return i < 0 ? 0 : i;
  }

  function openBar() {
    bar.hidden = false;
    listen.setAttribute('aria-expanded', 'true');
    syncPlay();
  }

  function toggle() {
    if (bar.hidden || !blocks.length) return start();
    if (playing) {
      playing = false;
      token++;
      synth() && synth().cancel();
      say(t('listenPaused') || 'Paused');
    } else {
      playing = true;
      say('');
      speak();
    }
    syncPlay();
  }

  function stop() {
    playing = false;
    token++;
    if (synth()) synth().cancel();
    clearHighlight();
    blocks = [];
    bar.hidden = true;
    listen.setAttribute('aria-expanded', 'false');
    syncPlay();
  }

  listen.addEventListener('click', () => (bar.hidden ? start() : toggle()));
  play.addEventListener('click', toggle);
  stopBtn.addEventListener('click', () => { stop(); listen.focus(); });
  prevSent.addEventListener('click', () => advance(-1, false));
  nextSent.addEventListener('click', () => advance(1, false));
  prevPara.addEventListener('click', () => advance(-1, true));
  nextPara.addEventListener('click', () => advance(1, true));
  rate.addEventListener('change', () => {
    if (store) Promise.resolve(store.set('listenRate', rate.value)).catch(() => {});
    if (playing) speak();
  });
  // While the player is open, a click on a paragraph reads from there (not on a link, not when
  // the click ends a text selection).
  root.addEventListener('click', (e) => {
    if (bar.hidden || e.target.closest('a, button, select, input, textarea, summary')) return;
    const sel = doc.getSelection();
    if (sel && !sel.isCollapsed) return;
    const i = blocks.findIndex((x) => x.el.contains(e.target));
    if (i < 0) return;
    b = i; s = 0;
    if (!playing) { playing = true; syncPlay(); }
    speak();
  }, { signal });
  // L starts and pauses (documented in the button's title).
  doc.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName || '') || e.target.isContentEditable;
    if (typing || e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'l' && e.key !== 'L')) return;
    e.preventDefault();
    if (bar.hidden) start(); else toggle();
  }, { signal });
  window.addEventListener('pagehide', () => { if (synth()) synth().cancel(); }, { signal });
  signal.addEventListener('abort', () => { stop(); listen.remove(); bar.remove(); });
  return { stop, start };
}
