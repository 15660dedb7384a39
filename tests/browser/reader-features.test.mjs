// Read aloud, highlights with notes, footnotes in place: the real unpacked extension in Chromium
// (playwright-core over CDP, a real toolbar click) and read aloud and highlights in Firefox ESR
// (puppeteer-core over WebDriver BiDi). The launch recipes are those of chromium.test.mjs and
// firefox.test.mjs.
//
// Headless browsers have no voices, so speech is observed through a test double for
// speechSynthesis installed in the reader page before Listen is pressed: it records each
// utterance (text, lang, rate, voice) and ends one when the test says so.
//
// The article is tests/browser/fixtures/notes.html, served by a server of this file at
// /notes/ in two versions: as written, and (after `version = 2`) with its text changed, to
// see highlights placed again, marked as changed, or listed as not found.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROME_DIR, FIREFOX_DIR, ROOT, SEED, ZH, shot, norm } from './common.mjs';
import { LOCAL, PAGES } from './server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CANONICAL = 'https://margins.example/essays/quiet-footnotes';

// ---------------------------------------------------------------- the article, two versions
let version = 1;
function notesPage() {
  let html = fs.readFileSync(path.join(LOCAL, 'notes.html'), 'utf8');
  if (version === 1) return html.replace(/MARKER_[AB] /g, '');
  // Version 2: whitespace reflowed in one paragraph, a word changed inside a highlighted
  // passage, a highlighted paragraph gone.
  html = html.replace('began as glosses written in the margins', 'began as\n   glosses   written in the\n margins');
  html = html.replace('MARKER_A The historian counts more than four hundred notes in a single chapter', 'The historian counts more than five hundred notes in a single chapter');
  html = html.replace(/<p>MARKER_B[^<]*<\/p>/, '');
  return html;
}
function startNotesServer() {
  const server = http.createServer((req, res) => {
    const host = (req.headers.host || '').toLowerCase();
    if (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) && req.url === '/zh/') {
      // The Chinese fixture page (GB2312, as the paper serves it).
      res.writeHead(200, { 'Content-Type': 'text/html; charset=gb2312', 'Cache-Control': 'no-store' });
      return res.end(fs.readFileSync(path.join(PAGES, ZH.slug, 'source.html')));
    }
    if (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) && req.url.startsWith('/notes/')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(notesPage());
    }
    if (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) && req.url.startsWith('/www/')) {
      // The www demo as built (it has no extension storage: read aloud only, nothing kept).
      const www = path.join(ROOT, 'www');
      const file = path.resolve(www, decodeURIComponent(req.url.slice(5).split('?')[0]) || 'index.html');
      if (file.startsWith(www + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.csl': 'application/xml', '.xml': 'application/xml', '.woff2': 'font/woff2' }[path.extname(file)] || 'application/octet-stream';
        res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
        return res.end(fs.readFileSync(file));
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  server.on('connect', (req, socket) => { socket.on('error', () => {}); socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port,
    url: `http://127.0.0.1:${server.address().port}/notes/`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  })));
}

// ---------------------------------------------------------------- in-page helpers (both browsers)

// The speechSynthesis double: voices as given, utterances recorded, ended on request.
function installSpeech(voices) {
  const spoken = [];
  const fake = {
    current: null,
    cancels: 0,
    speaking: false,
    getVoices: () => voices.map((v) => ({ ...v })),
    speak(u) { spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice ? u.voice.name : null }); this.current = u; this.speaking = true; },
    cancel() { this.cancels++; const u = this.current; this.current = null; this.speaking = false; if (u && u.onerror) u.onerror({ error: 'interrupted' }); },
    pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true, writable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; } };
  window.__tts = { spoken, fake, end() { const u = fake.current; fake.current = null; if (u && u.onend) u.onend({}); } };
  return true;
}

// What read aloud shows: the last utterance, the highlighted sentence, the player.
function ttsState() {
  const h = globalThis.CSS && CSS.highlights && CSS.highlights.get('tidings-reading');
  const range = h ? Array.from(h)[0] : null;
  const span = document.querySelector('.tidings-reading');
  // Plain copies: BiDi serializes an object met twice as a reference (read back as undefined).
  return JSON.parse(JSON.stringify({
    spoken: window.__tts ? window.__tts.spoken.slice() : [],
    last: window.__tts ? window.__tts.spoken[window.__tts.spoken.length - 1] : null,
    highlighted: range ? range.toString() : span ? span.textContent : null,
    block: (document.querySelector('[data-reading]') || {}).textContent || null,
    barHidden: document.querySelector('#listen-bar').hidden,
    play: document.querySelector('#listen-play').textContent,
    status: document.querySelector('#listen-status').textContent,
    cancels: window.__tts ? window.__tts.fake.cancels : 0,
  }));
}

// Selects `phrase` (inside one text node of the article body).
function selectPhrase(phrase) {
  const body = document.querySelector('.article-body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.nodeValue.indexOf(phrase);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + phrase.length);
    const s = getSelection();
    s.removeAllRanges();
    s.addRange(r);
    return true;
  }
  return false;
}

// The highlights shown: marks grouped by highlight, and the panel's lists.
function hlState() {
  const marks = {};
  for (const m of document.querySelectorAll('mark.hl')) {
    (marks[m.dataset.hl] ||= { color: m.dataset.color, text: '', title: m.title }).text += m.textContent;
  }
  const items = (sel) => Array.from(document.querySelectorAll(sel + ' > li')).map((li) => ({
    quote: li.querySelector('.hl-quote').textContent, note: (li.querySelector('.hl-note') || {}).textContent || '',
    changed: !!li.querySelector('.hl-changed'), color: li.dataset.color,
  }));
  return { marks: Object.values(marks), list: items('#hl-list'), lost: items('#hl-lost'), summary: document.querySelector('#hl-summary').textContent };
}

// Captures what the page hands to URL.createObjectURL (the saved files), for Firefox.
function captureBlobs() {
  window.__blobs = [];
  const orig = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (b) => { window.__blobs.push(b); return orig(b); };
  return true;
}

const openPanel = (page) => page.evaluate(() => { document.querySelector('#hl-menu').open = true; });

const GLOSS = 'glosses written in the margins of manuscripts';
const HISTORIAN = 'counts more than four hundred notes in a single chapter';
const JOKES = 'Some writers put their best jokes in the notes';

// ================================================================ Chromium
describe('Chromium', () => {
  const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
  const VIEWPORT = { width: 1100, height: 1400 };
  let notes, proc, profile, browser, context, extId, cdp;

  before(async () => {
    notes = await startNotesServer();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-features-'));
    proc = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=en-US', '--hide-scrollbars', '--mute-audio',
      '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding',
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, `--user-data-dir=${profile}`,
      `--load-extension=${CHROME_DIR}`, `--disable-extensions-except=${CHROME_DIR}`,
      // Every request that is not the test server's gets a 404 at once (no network).
      `--proxy-server=http://127.0.0.1:${notes.port}`,
      '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const ws = await new Promise((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error('chromium did not start: ' + err)), 20000);
      proc.stderr.on('data', (d) => { err += d; const m = /DevTools listening on (ws:\/\/\S+)/.exec(err); if (m) { clearTimeout(timer); resolve(m[1]); } });
      proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}): ${err}`)); });
    });
    proc.stderr.resume();
    browser = await chromium.connectOverCDP(ws);
    context = browser.contexts()[0];
    cdp = await browser.newBrowserCDPSession();
    extId = Array.from(crypto.createHash('sha256').update(path.resolve(CHROME_DIR)).digest('hex').slice(0, 32), (c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    for (const deadline = Date.now() + 10000; ;) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      if (targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extId}/`))) break;
      if (Date.now() > deadline) throw new Error('no service worker');
      await sleep(50);
    }
    await cdp.send('Browser.grantPermissions', { origin: `chrome-extension://${extId}`, permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] });
  });

  after(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      await Promise.race([cdp?.send('Browser.close').catch(() => {}), sleep(3000)]);
      await Promise.race([exited, sleep(5000)]);
    }
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
    await Promise.race([browser?.close().catch(() => {}), sleep(2000)]);
    await notes?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  async function waitReady(page) {
    await page.waitForFunction(() => document.body?.dataset.ready === 'true' || !!document.querySelector('.error-box'), null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => document.querySelector('.error-box') && document.querySelector('.error-box').innerText), null);
  }

  // A tab at `url`, then the toolbar button clicked for it (CDP Extensions.triggerAction).
  async function openReader(url, viewport = VIEWPORT, init = null) {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    if (init) await page.addInitScript(init);
    for (let attempt = 1; ; attempt++) {
      await page.goto(url, { waitUntil: 'load' });
      await page.bringToFront();
      await page.waitForFunction(() => document.visibilityState === 'visible' && document.hasFocus(), null, { timeout: 3000 }).catch(() => {});
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tab = targetInfos.find((t) => t.url === url);
      await cdp.send('Extensions.triggerAction', { id: extId, targetId: tab.targetId });
      await page.waitForURL(/^chrome-extension:/, { waitUntil: 'commit', timeout: 15000 });
      await page.waitForFunction(() => document.body?.dataset.ready === 'true' || !!document.querySelector('.error-box'), null, { timeout: 20000 });
      const err = await page.evaluate(() => (document.querySelector('.error-box') || {}).dataset?.code);
      if (err !== 'cannot-capture' || attempt === 3) break;
    }
    await waitReady(page);
    return page;
  }

  async function downloads(page, click) {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 8000 }), click()]);
    const file = await d.path();
    return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
  }

  test('read aloud: voice by language, sentences split on their own punctuation, highlight follows, skip, rate, pause, click to start', async () => {
    version = 1;
    const page = await openReader(notes.url);
    await page.evaluate(installSpeech, [
      { name: 'Test English', lang: 'en-US', default: true, localService: true },
      { name: 'Test German', lang: 'de-DE', localService: true },
      { name: 'Test Chinese', lang: 'zh-CN', localService: true },
    ]);
    // The control is labelled and documents its key.
    const listen = await page.$eval('#listen', (b) => ({ text: b.textContent, title: b.title, expanded: b.getAttribute('aria-expanded') }));
    assert.equal(listen.text, 'Listen');
    assert.match(listen.title, /\bL\b/);
    assert.equal(listen.expanded, 'false');

    // L starts reading from the top: the title, in the article's language, at rate 1.
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    let s = await page.evaluate(ttsState);
    assert.equal(s.barHidden, false);
    assert.deepEqual(s.last, { text: 'The Quiet Life of Footnotes', lang: 'en', rate: 1, voice: 'Test English' });
    assert.equal(s.highlighted, 'The Quiet Life of Footnotes');
    assert.equal(s.play, 'Pause');

    // Sentence by sentence: "Mr." and "U.S." and "3.5" do not end one; the note reference is not read.
    const texts = [];
    for (let i = 0; i < 4; i++) {
      await page.evaluate(() => window.__tts.end());
      s = await page.evaluate(ttsState);
      texts.push(s.last.text);
      assert.equal(s.highlighted, s.last.text, 'the sentence being read is the one highlighted');
    }
    assert.deepEqual(texts, [
      'Mr. Smith went to the U.S. on Monday.',
      'He paid 3.5 dollars for a printed copy of the essay, and he read every note before the text.',
      'Nobody asked him why!',
      'Footnotes began as glosses written in the margins of manuscripts, where a reader could follow an argument and its sources at the same time.',
    ]);
    await page.screenshot({ path: shot('features-chromium-listen') });

    // Skips: next paragraph, back a sentence (into the previous paragraph), next sentence.
    await page.click('#listen-next-para');
    s = await page.evaluate(ttsState);
    assert.match(s.last.text, /^The historian counts more than four hundred notes/);
    await page.click('#listen-prev');
    s = await page.evaluate(ttsState);
    assert.equal(s.last.text, 'Printers moved them to the foot of the page when type made margins expensive.');
    await page.click('#listen-next');
    s = await page.evaluate(ttsState);
    assert.match(s.last.text, /^The historian/);

    // Rate: the sentence restarts at the new rate, and the rate is remembered.
    await page.selectOption('#listen-rate', '1.5');
    s = await page.evaluate(ttsState);
    assert.equal(s.last.rate, 1.5);
    assert.match(s.last.text, /^The historian/);

    // The Chinese paragraph is read in a Chinese voice, split at 。！？.
    await page.click('#listen-next-para');
    await page.click('#listen-next-para');
    s = await page.evaluate(ttsState);
    assert.deepEqual(s.last, { text: '脚注的历史很长。', lang: 'zh-CN', rate: 1.5, voice: 'Test Chinese' });
    await page.evaluate(() => window.__tts.end());
    await page.evaluate(() => window.__tts.end());
    s = await page.evaluate(ttsState);
    assert.equal(s.last.text, '今天的读者还会读注释吗？', 'the [注1] reference is not read');
    assert.equal(s.highlighted, '今天的读者还会读注释吗？');
    await page.screenshot({ path: shot('features-chromium-listen-zh') });

    // Pause (the key again) and play.
    const before = s.spoken.length;
    await page.keyboard.press('l');
    s = await page.evaluate(ttsState);
    assert.equal(s.play, 'Play');
    assert.equal(s.spoken.length, before);
    assert.ok(s.cancels > 0);
    await page.click('#listen-play');
    s = await page.evaluate(ttsState);
    assert.equal(s.play, 'Pause');
    assert.equal(s.last.text, '今天的读者还会读注释吗？', 'play resumes the paused sentence');

    // A click on a paragraph reads from there.
    await page.click('.article-body p:nth-of-type(7)');
    s = await page.evaluate(ttsState);
    assert.match(s.last.text, /^Others use notes to argue with themselves/);

    // Stop: the player closes, the highlight goes, focus returns to Listen.
    await page.click('#listen-stop');
    s = await page.evaluate(ttsState);
    assert.equal(s.barHidden, true);
    assert.equal(s.highlighted, null);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'listen');
    await page.reload();
    await waitReady(page);
    assert.equal(await page.$eval('#listen-rate', (r) => r.value), '1.5', 'rate remembered');
    await page.close();
  });

  test('read aloud: a Chinese article is read in a Chinese voice, split at 。！？', async () => {
    const page = await openReader(notes.url.replace('/notes/', '/zh/'));
    await page.evaluate(installSpeech, [
      { name: 'Test English', lang: 'en-US', default: true },
      { name: 'Test Chinese', lang: 'zh-CN' },
    ]);
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    let s = await page.evaluate(ttsState);
    assert.equal(s.last.text, ZH.title);
    assert.match(s.last.lang, /^zh/);
    assert.equal(s.last.voice, 'Test Chinese');
    await page.evaluate(() => window.__tts.end());
    s = await page.evaluate(ttsState);
    assert.match(s.last.text, /[。！？][”’」』）]*$/, 'one sentence, ended by its own full stop: ' + s.last.text);
    assert.ok(!/[。！？][”’」』）]*[^”’」』）]/.test(s.last.text), 'no second sentence in it: ' + s.last.text);
    assert.equal(s.highlighted, s.last.text);
    await page.screenshot({ path: shot('features-chromium-listen-zh-article') });
    await page.close();
  });

  test('read aloud says plainly when there is no voice for the language, and when the browser cannot speak', async () => {
    version = 1;
    const page = await openReader(notes.url);
    await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
    await page.click('#listen');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    await page.click('.article-body p[lang="zh-CN"]');
    const s = await page.evaluate(ttsState);
    assert.equal(s.last.lang, 'zh-CN');
    assert.equal(s.last.voice, null, 'no English voice for Chinese text');
    assert.match(s.status, /no Chinese voice/i);
    await page.screenshot({ path: shot('features-chromium-no-voice') });
    await page.click('#listen-stop');
    // No speechSynthesis at all: a message, not a dead button.
    await page.evaluate(() => { Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }); });
    await page.click('#listen');
    assert.match(await page.$eval('#listen-status', (x) => x.textContent), /cannot read aloud/);
    await page.close();
  });

  test('read aloud without the CSS Custom Highlight API: the sentence is wrapped in a span, and unwrapped after', async () => {
    version = 1;
    const page = await openReader(notes.url, VIEWPORT, () => { if (location.protocol === 'chrome-extension:') delete window.Highlight; });
    assert.equal(await page.evaluate(() => typeof window.Highlight), 'undefined');
    const before = await page.$eval('.article-body', (b) => b.textContent);
    await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
    await page.click('#listen');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    await page.evaluate(() => { window.__tts.end(); window.__tts.end(); });
    let s = await page.evaluate(ttsState);
    assert.equal(s.last.text, 'He paid 3.5 dollars for a printed copy of the essay, and he read every note before the text.');
    assert.equal(s.highlighted, s.last.text);
    assert.equal(await page.$$eval('.tidings-reading', (x) => x.length), 1);
    await page.screenshot({ path: shot('features-chromium-listen-fallback') });
    await page.click('#listen-stop');
    assert.equal(await page.$$eval('.tidings-reading', (x) => x.length), 0);
    assert.equal(await page.$eval('.article-body', (b) => b.textContent), before, 'the text is as it was');
    await page.close();
  });

  test('reading highlight respects prefers-reduced-motion: the sentence is brought into view at once', async () => {
    version = 1;
    const page = await openReader(notes.url, { width: 800, height: 500 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
    await page.click('#listen');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    const jump = await page.evaluate(() => {
      const y0 = scrollY;
      for (let i = 0; i < 6; i++) document.querySelector('#listen-next-para').click();
      return { y0, y1: scrollY, transition: getComputedStyle(document.querySelector('#listen-bar button')).transitionDuration };
    });
    assert.ok(jump.y1 > jump.y0 + 200, `scrolled in the same task (instant): ${JSON.stringify(jump)}`);
    // Highlight colours fade in only without the preference.
    const fade = await page.evaluate(() => {
      const m = document.createElement('mark'); m.className = 'hl'; document.querySelector('.article-body p').append(m);
      const d = getComputedStyle(m).transitionDuration; m.remove(); return d;
    });
    assert.equal(fade, '0s');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const fade2 = await page.evaluate(() => {
      const m = document.createElement('mark'); m.className = 'hl'; document.querySelector('.article-body p').append(m);
      const d = getComputedStyle(m).transitionDuration; m.remove(); return d;
    });
    assert.equal(fade2, '0.15s');
    await page.close();
  });

  test('highlights: four colours and a note, kept across a reload, placed again after the text changed, exported with the citation', async () => {
    version = 1;
    let page = await openReader(notes.url);
    // Nothing yet.
    assert.equal((await page.evaluate(hlState)).marks.length, 0);
    assert.equal(await page.$eval('#hl-tools', (x) => x.hidden), true, 'colour buttons only with a selection');

    for (const [phrase, color] of [[GLOSS, 'green'], [HISTORIAN, 'blue']]) {
      assert.ok(await page.evaluate(selectPhrase, phrase));
      await page.waitForSelector('#hl-tools:not([hidden])');
      await page.click(`.hl-color[data-color="${color}"]`);
      await page.waitForFunction((p) => Array.from(document.querySelectorAll('mark.hl')).some((m) => p.startsWith(m.textContent)), phrase);
    }
    // With a note.
    assert.ok(await page.evaluate(selectPhrase, JOKES));
    await page.waitForSelector('#hl-tools:not([hidden])');
    await page.click('#hl-with-note');
    await page.waitForSelector('#hl-note-dialog[open]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'hl-note-text');
    await page.keyboard.type('Best joke: footnote 3.');
    await page.click('#hl-note-save');
    let st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => [m.text, m.color]), [[GLOSS, 'green'], [HISTORIAN, 'blue'], [JOKES, 'yellow']]);
    assert.equal(st.marks[2].title, 'Best joke: footnote 3.');
    assert.equal(st.summary, 'Highlights (3)');
    await openPanel(page);
    await page.screenshot({ path: shot('features-chromium-highlights') });
    st = await page.evaluate(hlState);
    assert.deepEqual(st.list.map((i) => i.quote), [GLOSS, HISTORIAN, JOKES], 'listed in text order');
    assert.equal(st.list[2].note, 'Best joke: footnote 3.');

    // Kept in storage.local under the canonical URL, as Web Annotation selectors.
    const kept = await page.evaluate((k) => chrome.storage.local.get(k).then((r) => r[k]), 'hl:' + CANONICAL);
    assert.equal(kept.items.length, 3);
    const q = kept.items[0].target.selector;
    assert.deepEqual(q.map((x) => x.type), ['TextQuoteSelector', 'TextPositionSelector']);
    assert.equal(q[0].exact, GLOSS);
    assert.ok(q[0].prefix.endsWith('Footnotes began as '), q[0].prefix);
    assert.ok(q[0].suffix.startsWith(', where a reader'), q[0].suffix);

    // Reload: all three placed again.
    await page.reload();
    await waitReady(page);
    st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => m.text), [GLOSS, HISTORIAN, JOKES]);

    // Export: Markdown with the citation in the chosen style on top, quotes, note, text-fragment links.
    await page.selectOption('#cite-style', 'mla');
    await page.waitForFunction(() => document.querySelector('#citation').dataset.style === 'mla');
    const mla = norm(await page.$eval('#citation', (c) => c.innerText));
    await openPanel(page);
    const md = await downloads(page, () => page.click('#hl-save-md'));
    assert.match(md.name, /The Quiet Life of Footnotes — highlights\.md$/);
    assert.ok(md.text.startsWith('# Highlights: The Quiet Life of Footnotes\n\n'), md.text.slice(0, 200));
    assert.ok(norm(md.text.split('> ')[0]).includes(mla), 'MLA citation at the top: ' + mla);
    assert.ok(md.text.includes('> ' + GLOSS));
    assert.ok(md.text.includes('Best joke: footnote 3.'));
    assert.ok(md.text.includes(`(${CANONICAL}#:~:text=Footnotes%20began%20as-,glosses%20written%20in%20the%20margins%20of%20manuscripts,-%2C%20where%20a)`), md.text);
    fs.writeFileSync(path.join(path.dirname(shot('x')), 'features-highlights.md'), md.text);
    const html = await downloads(page, () => page.click('#hl-save-html'));
    assert.match(html.text, /^<!DOCTYPE html>/);
    assert.ok(html.text.includes(`<blockquote cite="${CANONICAL}#:~:text=`));
    assert.ok(html.text.includes('<p class="note">Best joke: footnote 3.</p>'));
    assert.ok(html.text.includes('Margins Quarterly'));
    // Copy: both flavours.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.click('#hl-copy');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#hl-status').textContent));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(clip.includes('> ' + HISTORIAN) && norm(clip).includes(mla), clip);
    await page.close();

    // The page changed: one passage reflowed, one edited, one gone.
    version = 2;
    page = await openReader(notes.url);
    st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => norm(m.text)), [GLOSS, 'counts more than five hundred notes in a single chapter']);
    assert.deepEqual(st.list.map((i) => [i.quote, i.changed]), [[GLOSS, false], [HISTORIAN.replace('four', 'five'), true]]);
    assert.deepEqual(st.lost.map((i) => [i.quote, i.note]), [[JOKES, 'Best joke: footnote 3.']], 'not found, still listed');
    await openPanel(page);
    assert.equal(await page.$eval('.hl-lost-head', (h) => h.textContent), 'Not found in this version');
    await page.screenshot({ path: shot('features-chromium-highlights-changed') });
    // The lost one is still exported, under its own heading.
    const md2 = await downloads(page, () => page.click('#hl-save-md'));
    assert.ok(md2.text.includes('## Not found in this version\n\n> ' + JOKES), md2.text);
    await page.close();
    version = 1;
  });

  test('highlighted articles: a searchable list, export of everything (Markdown, CSL-JSON with notes), delete one, delete all', async () => {
    version = 1;
    // This article with one highlight, and a second article kept earlier.
    const page = await openReader(notes.url);
    await page.evaluate(() => chrome.storage.local.clear());
    await page.evaluate(() => chrome.storage.local.set({ 'hl:https://other.example/post': {
      url: 'https://other.example/post', title: 'Another Post', updated: '2024-01-01T00:00:00Z',
      article: { title: 'Another Post', siteName: 'Other Site', url: 'https://other.example/post', accessed: '2024-06-01', authors: [{ family: 'Okafor', given: 'Margaret' }] },
      items: [{ id: 'x1', color: 'pink', note: 'check this', target: { selector: [{ type: 'TextQuoteSelector', exact: 'a quoted line', prefix: '', suffix: '' }] } }],
    } }));
    await page.reload();
    await waitReady(page);
    assert.ok(await page.evaluate(selectPhrase, GLOSS));
    await page.waitForSelector('#hl-tools:not([hidden])');
    await page.click('.hl-color[data-color="yellow"]');
    await openPanel(page);
    await page.click('#hl-library-open');
    await page.waitForSelector('#hl-library[open]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'hl-search');
    const titles = () => page.$$eval('#hl-articles > li > a', (as) => as.map((a) => a.textContent));
    assert.deepEqual((await titles()).sort(), ['Another Post', 'The Quiet Life of Footnotes']);
    await page.fill('#hl-search', 'check this');
    assert.deepEqual(await titles(), ['Another Post'], 'search reaches notes');
    await page.fill('#hl-search', '');
    await page.screenshot({ path: shot('features-chromium-library') });

    const md = await downloads(page, () => page.click('#hl-export-md'));
    assert.ok(md.text.includes('## Highlights: Another Post') && md.text.includes('## Highlights: The Quiet Life of Footnotes'));
    assert.ok(md.text.includes('Okafor'), 'each article with its citation');
    const csl = await downloads(page, () => page.click('#hl-export-csl'));
    const items = JSON.parse(csl.text);
    assert.equal(items.length, 2);
    const mine = items.find((i) => i.title === 'The Quiet Life of Footnotes');
    assert.equal(mine.URL, CANONICAL);
    assert.ok(mine.note.includes('“' + GLOSS + '”'), mine.note);
    assert.ok(items.find((i) => i.title === 'Another Post').note.includes('— check this'));

    // Delete one, with a confirmation.
    await page.click('#hl-articles li:has-text("Another Post") .hl-article-delete');
    assert.deepEqual((await titles()).sort(), ['Another Post', 'The Quiet Life of Footnotes'], 'nothing gone before confirming');
    await page.click('.hl-confirm');
    assert.deepEqual(await titles(), ['The Quiet Life of Footnotes']);
    // Delete all: confirm, and the marks in the open article go too.
    await page.click('#hl-delete-all');
    await page.click('.hl-confirm');
    await page.waitForFunction(() => !document.querySelector('#hl-articles > li > a'));
    const left = await page.evaluate(() => chrome.storage.local.get(null).then((all) => Object.keys(all).filter((k) => k.startsWith('hl:'))));
    assert.deepEqual(left, []);
    await page.click('#hl-library-close');
    assert.equal((await page.evaluate(hlState)).marks.length, 0);
    await page.close();
  });

  test('footnotes: references keep their numbers and open their note in a popover; Esc and "Back to the text" return focus', async () => {
    version = 1;
    const page = await openReader(notes.url);
    const refs = await page.$$eval('a.fn-ref', (as) => as.map((a) => a.textContent));
    assert.deepEqual(refs, ['1', '[2]', '3', '[注1]']);
    // The notes stay at the end of the article.
    const tail = await page.evaluate(() => document.querySelector('.article-body').innerText.slice(-400));
    assert.match(tail, /Grafton, Anthony \(1997\)[\s\S]*Every reader has lost their place[\s\S]*注释：/);

    const open = (i) => page.evaluate((k) => document.querySelectorAll('a.fn-ref')[k].click(), i);
    const popState = () => page.evaluate(() => ({
      open: document.querySelector('#fn-pop').matches(':popover-open'),
      title: document.querySelector('#fn-pop .fn-title').textContent,
      text: document.querySelector('#fn-pop .fn-content').textContent.replace(/\s+/g, ' ').trim(),
      focus: document.activeElement.id || document.activeElement.textContent,
      reader: location.protocol,
    }));
    await open(0);
    let p = await popState();
    assert.deepEqual(p, { open: true, title: 'Note 1', text: 'He was, by his own account, the only person in the shop who read the notes first.', focus: 'fn-pop', reader: 'chrome-extension:' });
    await page.screenshot({ path: shot('features-chromium-footnote') });
    await page.keyboard.press('Escape');
    p = await popState();
    assert.equal(p.open, false);
    assert.equal(p.focus, '1', 'focus back on the reference');
    assert.equal(p.reader, 'chrome-extension:', 'Esc closed the note, not the reader');

    await open(1);
    p = await popState();
    assert.equal(p.text, 'Grafton, Anthony (1997). The Footnote: A Curious History. Harvard University Press.', 'no "^" back link');
    await page.click('#fn-pop .fn-back');
    p = await popState();
    assert.equal(p.open, false);
    assert.equal(p.focus, '[2]');
    await open(2);
    assert.equal((await popState()).text, 'Every reader has lost their place in a long article this way at least once.');
    await page.keyboard.press('Escape');
    await open(3);
    assert.equal((await popState()).text, '注释：这一段用来测试中文注释的链接。');
    await page.keyboard.press('Escape');

    // Keyboard: focusing a reference shows its note without taking the focus; Enter opens it.
    await page.focus('a.fn-ref >> nth=0');
    p = await popState();
    assert.equal(p.open, true);
    assert.equal(p.focus, '1');
    await page.keyboard.press('Enter');
    assert.equal((await popState()).focus, 'fn-pop');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'fn-back');
    await page.keyboard.press('Enter');
    p = await popState();
    assert.equal(p.open, false);
    assert.equal(p.focus, '1');
    // "Show in the notes" goes to the note in the list.
    await open(0);
    await page.click('#fn-pop .fn-jump');
    assert.equal(await page.evaluate(() => document.activeElement.id), 't-fn:1');
    await page.close();
  });

  test('www demo: read aloud in the demo toolbar, one player however often the article is shown again', async () => {
    const page = await context.newPage();
    await page.setViewportSize(VIEWPORT);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(notes.url.replace('/notes/', '/www/index.html'), { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('.article-body') && document.querySelector('#listen'), null, { timeout: 15000 });
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('.article-body'));
    assert.equal(await page.$$eval('#listen', (x) => x.length), 1);
    await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
    await page.click('#listen');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    const s = await page.evaluate(ttsState);
    assert.equal(s.last.text, SEED.title);
    assert.equal(s.highlighted, SEED.title);
    await page.screenshot({ path: shot('features-chromium-www-listen') });
    // Shown again: the old player stops and goes.
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('#listen-bar') && document.querySelector('#listen-bar').hidden);
    assert.equal(await page.$$eval('#listen, #listen-bar', (x) => x.length), 2);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('accessibility: every new control reachable by keyboard and labelled; contrast AA in every theme', async () => {
    version = 1;
    const page = await openReader(notes.url);
    await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
    await page.click('#listen');
    await page.evaluate(selectPhrase, GLOSS);
    await page.waitForSelector('#hl-tools:not([hidden])');
    const controls = await page.evaluate(() => {
      const name = (c) => c.getAttribute('aria-label') || (c.id && document.querySelector(`label[for="${c.id}"]`) || {}).textContent || c.textContent;
      return Array.from(document.querySelectorAll('#listen, #listen-bar button, #listen-bar select, #hl-tools button, #hl-summary'))
        .map((c) => ({ id: c.id || c.className, name: (name(c) || '').trim(), tab: c.tabIndex }));
    });
    assert.ok(controls.length >= 14, JSON.stringify(controls));
    for (const c of controls) {
      assert.ok(c.name, `${c.id} has a name`);
      assert.ok(c.tab >= 0, `${c.id} is focusable`);
    }
    // Tab from Back reaches Listen, the colours (the selection stays), Highlights, then the player.
    await page.focus('#back');
    const order = [];
    for (let i = 0; i < 24; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute('aria-label') || document.activeElement.textContent));
    }
    for (const want of ['listen', 'Highlight in yellow', 'Highlight in pink', 'hl-with-note', 'hl-summary', 'listen-play', 'listen-rate']) {
      assert.ok(order.includes(want), `${want} in the tab order: ${order.join(' | ')}`);
    }

    // Contrast of what the features draw, in every theme.
    const report = {};
    for (const theme of ['light', 'sepia', 'dark', 'contrast']) {
      await page.evaluate((th) => { document.documentElement.dataset.theme = th; }, theme);
      report[theme] = await page.evaluate(() => {
        const parse = (c) => { const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(c); return m && [+m[1], +m[2], +m[3]]; };
        const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
        const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return Math.round((x + 0.05) / (y + 0.05) * 100) / 100; };
        const host = document.querySelector('.article-body p');
        const out = {};
        for (const color of ['yellow', 'green', 'blue', 'pink']) {
          const m = document.createElement('mark'); m.className = 'hl'; m.dataset.color = color; m.textContent = 'x';
          const a = document.createElement('a'); a.href = '#'; a.textContent = 'y'; m.append(a);
          host.append(m);
          const bg = parse(getComputedStyle(m).backgroundColor);
          out['mark-' + color] = ratio(parse(getComputedStyle(m).color), bg);
          out['mark-link-' + color] = ratio(parse(getComputedStyle(a).color), bg);
          m.remove();
        }
        const r = document.createElement('span'); r.className = 'tidings-reading'; r.textContent = 'x'; host.append(r);
        out.reading = ratio(parse(getComputedStyle(r).color), parse(getComputedStyle(r).backgroundColor));
        r.remove();
        const pageBg = parse(getComputedStyle(document.body).backgroundColor);
        out.listenStatus = ratio(parse(getComputedStyle(document.querySelector('#listen-status')).color), pageBg);
        out.popover = ratio(parse(getComputedStyle(document.querySelector('#fn-pop')).color), parse(getComputedStyle(document.querySelector('#fn-pop')).backgroundColor));
        out.swatchBorder = ratio(parse(getComputedStyle(document.querySelector('.hl-color')).borderTopColor), pageBg);
        return out;
      });
      await page.screenshot({ path: shot('features-chromium-theme-' + theme) });
    }
    fs.writeFileSync(path.join(path.dirname(shot('x')), 'features-contrast.json'), JSON.stringify(report, null, 1));
    for (const [theme, r] of Object.entries(report)) {
      for (const [k, v] of Object.entries(r)) assert.ok(v >= (k === 'swatchBorder' ? 3 : 4.5), `${theme} ${k}: ${v}`);
    }
    await page.close();
  });

  // Both branches' controls in one toolbar: Back, Not the right text?, Listen, the colours,
  // Highlights, Save, Display and the player. At a phone's width and a desktop's, in the dark
  // theme: every control inside the window and not covered by another, and each menu opened
  // fits the window. Screenshots: features-chromium-toolbar-{400,1280}*.png.
  test('toolbar with every control at 400 px and 1280 px (dark): all inside the window, menus fit', async () => {
    version = 1;
    for (const width of [400, 1280]) {
      const page = await openReader(notes.url, { width, height: 900 });
      await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
      await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
      await page.click('#listen');
      await page.evaluate(selectPhrase, GLOSS);
      await page.waitForSelector('#hl-tools:not([hidden])');
      const layout = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const out = [];
        for (const c of document.querySelectorAll('.toolbar button:not([hidden]), .toolbar summary, .toolbar select')) {
          if (!c.getClientRects().length || c.closest('.menu-body')) continue;
          const r = c.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          out.push({ id: c.id || c.getAttribute('aria-label') || c.textContent.trim(), left: Math.round(r.left), right: Math.round(r.right), inside: r.left >= 0 && r.right <= w, onTop: !!hit && (hit === c || c.contains(hit)) });
        }
        // What sticks out sideways, if anything (named in the failure message).
        const wide = Array.from(document.body.querySelectorAll('*')).filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > w + 1)
          .slice(0, 5).map((n) => `${n.tagName.toLowerCase()}#${n.id}.${n.className} ${Math.round(n.getBoundingClientRect().right)}`);
        return { w, scrollW: document.documentElement.scrollWidth, out, wide };
      });
      await page.screenshot({ path: shot(`features-chromium-toolbar-${width}`) });
      assert.ok(layout.out.length >= 12, JSON.stringify(layout.out));
      for (const c of layout.out) {
        assert.ok(c.inside, `${width}px: ${c.id} inside the window: ${JSON.stringify(c)}`);
        assert.ok(c.onTop, `${width}px: ${c.id} not covered: ${JSON.stringify(c)}`);
      }
      assert.ok(layout.scrollW <= layout.w, `${width}px: no sideways scrolling (${layout.scrollW} > ${layout.w}): ${layout.wide.join(', ')}`);
      for (const menu of ['#hl-menu', '#save-menu', '#settings-menu']) {
        await page.evaluate((m) => { for (const d of document.querySelectorAll('details.menu')) d.open = false; document.querySelector(m).open = true; }, menu);
        const box = await page.evaluate((m) => { const r = document.querySelector(m + ' > .menu-body').getBoundingClientRect(); return { left: Math.round(r.left), right: Math.round(r.right), w: document.documentElement.clientWidth }; }, menu);
        if (menu === '#hl-menu') await page.screenshot({ path: shot(`features-chromium-toolbar-${width}-highlights`) });
        assert.ok(box.left >= 0 && box.right <= box.w, `${width}px: ${menu} fits the window: ${JSON.stringify(box)}`);
      }
      await page.close();
    }
  });

  // "Not the right text?" shows another article body: the features follow it (one set of
  // controls, the player stopped, highlights placed in the new text, the notes' popover bound).
  test('after a pick: read aloud, highlights and footnotes work on the picked article, one set of controls', async () => {
    version = 1;
    const page = await openReader(notes.url);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // No highlights or pick left by another test.
    await page.evaluate((k) => chrome.storage.local.remove(['picks', k]), 'hl:' + CANONICAL);
    await page.reload();
    await waitReady(page);
    await page.evaluate(installSpeech, [{ name: 'Test English', lang: 'en-US', default: true }]);
    // A highlight and a playing player on the first body.
    assert.ok(await page.evaluate(selectPhrase, GLOSS));
    await page.waitForSelector('#hl-tools:not([hidden])');
    await page.click('.hl-color[data-color="green"]');
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.__tts.spoken.length === 1);
    await page.evaluate(() => { window.__oldBody = document.querySelector('.article-body'); });

    // The pick view: L does not read the hidden article; Enter picks the block in focus.
    await page.click('#pick');
    await page.waitForSelector('.pick-page .pick-active');
    // The article is hidden: its reading stops, and its tools go until it is back.
    assert.deepEqual(await page.evaluate(() => ({
      speaking: window.__tts.fake.current !== null,
      shown: ['#listen', '#listen-bar', '#hl-menu', '#save-menu'].filter((q) => document.querySelector(q).getClientRects().length),
    })), { speaking: false, shown: [] });
    await page.keyboard.press('l');
    assert.equal(await page.evaluate(() => window.__tts.spoken.length), 1, 'L ignored in the pick view');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !window.__oldBody.isConnected && document.querySelector('.article-body') && !document.body.classList.contains('picking'));
    await page.waitForFunction(() => document.querySelectorAll('mark.hl').length > 0, null, { timeout: 5000 });

    const counts = await page.evaluate(() => Object.fromEntries(['#listen', '#listen-bar', '#listen-play', '#hl-tools', '#hl-menu', '#hl-summary', '#hl-note-dialog', '#fn-pop']
      .map((sel) => [sel, document.querySelectorAll(sel).length])));
    for (const [sel, n] of Object.entries(counts)) assert.equal(n, 1, `one ${sel} after the pick: ${JSON.stringify(counts)}`);
    let s = await page.evaluate(ttsState);
    assert.equal(s.barHidden, true, 'the old player is closed');
    assert.equal(s.highlighted, null, 'no sentence highlighted in the old body');
    assert.equal(await page.evaluate(() => window.__tts.fake.current), null, 'the old speech cancelled');
    let st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => [m.text, m.color]), [[GLOSS, 'green']], 'the highlight placed in the picked text');
    assert.ok(await page.evaluate(() => document.querySelector('.article-body').contains(document.querySelector('mark.hl'))));
    assert.ok((await page.evaluate(() => document.querySelector('#pick-status').innerText)).length > 0, 'the pick notice is shown');

    // Listen reads the picked article: its title, then its first sentence, highlighted in the new body.
    await page.click('#listen');
    await page.waitForFunction(() => window.__tts.spoken.length === 2);
    s = await page.evaluate(ttsState);
    assert.equal(s.last.text, 'The Quiet Life of Footnotes');
    await page.evaluate(() => window.__tts.end());
    s = await page.evaluate(ttsState);
    assert.equal(s.last.text, 'Mr. Smith went to the U.S. on Monday.');
    assert.equal(s.highlighted, s.last.text);
    assert.ok(await page.evaluate(() => {
      const r = Array.from(CSS.highlights.get('tidings-reading'))[0];
      return document.querySelector('.article-body').contains(r.startContainer);
    }), 'the reading highlight is in the picked body');
    // A click on a paragraph of the new body reads from there.
    await page.click('.article-body p:nth-of-type(7)');
    s = await page.evaluate(ttsState);
    assert.match(s.last.text, /^Others use notes to argue with themselves/);
    await page.click('#listen-stop');

    // A new highlight in the picked article, kept with the first.
    assert.ok(await page.evaluate(selectPhrase, HISTORIAN));
    await page.waitForSelector('#hl-tools:not([hidden])');
    await page.click('.hl-color[data-color="blue"]');
    await page.waitForFunction(() => document.querySelectorAll('mark.hl[data-color="blue"]').length > 0);
    st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => [m.text, m.color]), [[GLOSS, 'green'], [HISTORIAN, 'blue']]);
    assert.equal(st.summary, 'Highlights (2)');
    const kept = await page.evaluate((k) => chrome.storage.local.get(k).then((r) => r[k]), 'hl:' + CANONICAL);
    assert.equal(kept.items.length, 2);
    await page.screenshot({ path: shot('features-chromium-after-pick') });

    // The notes' popover is bound to the new references; Esc closes it, not the reader.
    await page.evaluate(() => document.querySelector('.article-body a.fn-ref').click());
    const pop = await page.evaluate(() => ({ open: document.querySelector('#fn-pop').matches(':popover-open'), text: document.querySelector('#fn-pop .fn-content').textContent.trim() }));
    assert.deepEqual(pop, { open: true, text: 'He was, by his own account, the only person in the shop who read the notes first.' });
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.querySelector('#fn-pop').matches(':popover-open')), false);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), '1', 'focus back on the reference');
    assert.equal(await page.evaluate(() => location.protocol), 'chrome-extension:', 'Esc closed the note, not the reader');
    assert.deepEqual(errors, []);
    // The pick and the highlights are this test's only.
    await page.evaluate((k) => chrome.storage.local.remove(['picks', k]), 'hl:' + CANONICAL);
    await page.close();
  });
});

// ================================================================ Firefox
describe('Firefox ESR', () => {
  const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
  const UUID = '7a2e3d4c-5b6f-4071-9b8c-0d1e2f3a4b5c';
  const BASE = `moz-extension://${UUID}`;
  let notes, browser, control, copyDir;

  before(async () => {
    notes = await startNotesServer();
    // The click's activeTab grant, for the test server only (no toolbar click over BiDi), as in
    // firefox.test.mjs; the rest is the package as built.
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-ff-features-'));
    fs.cpSync(FIREFOX_DIR, copyDir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copyDir, 'manifest.json'), 'utf8'));
    manifest.host_permissions = ['http://127.0.0.1/*'];
    fs.writeFileSync(path.join(copyDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true,
      env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ 'tidings@tidings.dev': UUID }),
        'intl.locale.requested': 'en-US',
        'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': notes.port,
        'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': notes.port,
      },
      defaultViewport: { width: 1100, height: 1400 },
    });
    await browser.installExtension(copyDir);
  });

  after(async () => {
    await browser?.close();
    await notes?.close();
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  });

  async function poll(what, fn, timeout = 20000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await fn().catch(() => undefined);
      if (v) return v;
      if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
      await sleep(150);
    }
  }

  async function openReader(url) {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (!control || control.isClosed()) {
      control = await browser.newPage();
      control.goto(`${BASE}/reader.html`).catch(() => {});
      await poll('control page', () => control.evaluate(() => location.href.startsWith('moz-extension:') && !!document.querySelector('.error-box, #status')));
    }
    const res = await control.evaluate(async () => {
      const api = globalThis.browser;
      const me = await api.tabs.getCurrent();
      const tabs = await api.tabs.query({});
      const target = tabs.filter((t) => t.id !== me.id).sort((a, b) => b.id - a.id)[0];
      return api.runtime.sendMessage({ type: 'open-reader', tabId: target.id });
    });
    assert.ok(res && res.ok, JSON.stringify(res));
    await readyAgain(page);
    return page;
  }
  const readyAgain = (page) => poll('reader page', () => page.evaluate(() => location.href.startsWith('moz-extension:') && document.body.dataset.ready === 'true'));

  test('read aloud in Firefox: utterances, languages, voices, rate, the highlighted sentence', async () => {
    version = 1;
    const page = await openReader(notes.url);
    await page.evaluate(installSpeech, [
      { name: 'Test English', lang: 'en-US', default: true, localService: true },
      { name: 'Test Chinese', lang: 'zh-CN', localService: true },
    ]);
    await page.evaluate(() => document.querySelector('#listen').click());
    await poll('first utterance', () => page.evaluate(() => window.__tts.spoken.length === 1));
    let s = await page.evaluate(ttsState);
    assert.deepEqual(s.last, { text: 'The Quiet Life of Footnotes', lang: 'en', rate: 1, voice: 'Test English' });
    await page.evaluate(() => window.__tts.end());
    s = await page.evaluate(ttsState);
    assert.equal(s.last.text, 'Mr. Smith went to the U.S. on Monday.');
    assert.equal(s.highlighted, s.last.text);
    await page.select('#listen-rate', '2');
    s = await page.evaluate(ttsState);
    assert.equal(s.last.rate, 2);
    await page.evaluate(() => document.querySelector('.article-body p[lang="zh-CN"]').click());
    s = await page.evaluate(ttsState);
    assert.deepEqual(s.last, { text: '脚注的历史很长。', lang: 'zh-CN', rate: 2, voice: 'Test Chinese' });
    assert.equal(s.highlighted, '脚注的历史很长。');
    await page.screenshot({ path: shot('features-firefox-listen') });
    await page.evaluate(() => document.querySelector('#listen-stop').click());
    assert.equal((await page.evaluate(ttsState)).barHidden, true);
    await page.close();
  });

  test('highlights in Firefox: add with a note, reload, placed again after the text changed, export', async () => {
    version = 1;
    let page = await openReader(notes.url);
    for (const [phrase, color] of [[GLOSS, 'pink'], [HISTORIAN, 'yellow'], [JOKES, 'blue']]) {
      assert.ok(await page.evaluate(selectPhrase, phrase));
      await poll('colour buttons', () => page.evaluate(() => !document.querySelector('#hl-tools').hidden));
      await page.click(`.hl-color[data-color="${color}"]`);
    }
    await page.evaluate(() => document.querySelector('#hl-list li:nth-child(1) .hl-edit').click());
    await poll('note dialog', () => page.evaluate(() => document.querySelector('#hl-note-dialog').open));
    await page.keyboard.type('Glosses came first.');
    await page.evaluate(() => document.querySelector('#hl-note-save').click());
    let st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => [m.text, m.color]), [[GLOSS, 'pink'], [HISTORIAN, 'yellow'], [JOKES, 'blue']]);
    assert.equal(st.list[0].note, 'Glosses came first.');

    await page.evaluate(() => { window.__old = true; location.reload(); });
    await poll('reloaded reader', () => page.evaluate(() => !window.__old && document.body.dataset.ready === 'true'));
    st = await page.evaluate(hlState);
    assert.deepEqual(st.marks.map((m) => m.text), [GLOSS, HISTORIAN, JOKES], 'kept across a reload');
    await openPanel(page);
    await page.screenshot({ path: shot('features-firefox-highlights') });

    await page.evaluate(captureBlobs);
    await page.evaluate(() => document.querySelector('#hl-save-md').click());
    await poll('saved file', () => page.evaluate(() => window.__blobs.length === 1));
    const md = await page.evaluate(() => window.__blobs[0].text());
    assert.ok(md.startsWith('# Highlights: The Quiet Life of Footnotes'));
    assert.ok(md.includes('Fernsby'), 'citation on top');
    assert.ok(md.includes('Glosses came first.'));
    assert.ok(md.includes(`${CANONICAL}#:~:text=Footnotes%20began%20as-,glosses%20written%20in%20the%20margins%20of%20manuscripts,-%2C%20where%20a`));
    await page.close();

    version = 2;
    page = await openReader(notes.url);
    st = await page.evaluate(hlState);
    assert.deepEqual(st.list.map((i) => [i.quote, i.changed]), [[GLOSS, false], [HISTORIAN.replace('four', 'five'), true]]);
    assert.deepEqual(st.lost.map((i) => i.quote), [JOKES]);
    await openPanel(page);
    await page.screenshot({ path: shot('features-firefox-highlights-changed') });
    await page.close();
    version = 1;
  });

  test('footnotes in Firefox: the popover opens and Esc returns focus', async () => {
    version = 1;
    const page = await openReader(notes.url);
    await page.evaluate(() => document.querySelectorAll('a.fn-ref')[1].click());
    const p = await page.evaluate(() => ({ open: document.querySelector('#fn-pop').matches(':popover-open'), text: document.querySelector('#fn-pop .fn-content').textContent.trim(), focus: document.activeElement.id }));
    assert.deepEqual(p, { open: true, text: 'Grafton, Anthony (1997). The Footnote: A Curious History. Harvard University Press.', focus: 'fn-pop' });
    await page.screenshot({ path: shot('features-firefox-footnote') });
    await page.keyboard.press('Escape');
    const q = await page.evaluate(() => ({ open: document.querySelector('#fn-pop').matches(':popover-open'), focus: document.activeElement.textContent, href: location.protocol }));
    assert.deepEqual(q, { open: false, focus: '[2]', href: 'moz-extension:' });
    await page.close();
  });
});
