// Every official CSL style in the reader's citation panel, in both browsers with the real
// unpacked extension: the style picker searches all titles as you type (English and Chinese
// titles, ISSNs), a pick formats the citation from the package's own csl/all archives and is
// remembered when the reader opens again, and a user's .csl file is loaded, used and removed.
//
// Launch recipes as in chromium.test.mjs (Debian chromium started headless with the unpacked
// extension, Playwright over CDP, the toolbar click as Extensions.triggerAction) and
// firefox.test.mjs (firefox-esr over WebDriver BiDi with puppeteer-core; the reader opened by
// the background's own message from an extension page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { startServer } from './server.mjs';
import { CHROME_DIR, FIREFOX_DIR, ROOT, SEED, shot, norm } from './common.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const VIEWPORT = { width: 1100, height: 1400 };
const UUID = '7a2e3d4c-5b6f-4071-9b8c-0d1e2f3a4b5c';
const FF_BASE = `moz-extension://${UUID}`;
const DEPENDENT = path.join(ROOT, 'tests/fixtures/csl/berliner-journal-fur-soziologie.csl');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let server, proc, profile, browser, context, extId, cdp, firefox, control;

before(async () => {
  server = await startServer();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-styles-chromium-'));
  proc = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=en-US', '--hide-scrollbars', '--mute-audio',
    '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding',
    `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, `--user-data-dir=${profile}`,
    `--load-extension=${CHROME_DIR}`, `--disable-extensions-except=${CHROME_DIR}`,
    `--proxy-server=http://127.0.0.1:${server.port}`,
    '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const wsEndpoint = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error('chromium did not open its DevTools port: ' + err)), 20000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}): ${err}`)); });
  });
  proc.stderr.resume();
  browser = await chromium.connectOverCDP(wsEndpoint);
  context = browser.contexts()[0];
  cdp = await browser.newBrowserCDPSession();
  extId = Array.from(crypto.createHash('sha256').update(path.resolve(CHROME_DIR)).digest('hex').slice(0, 32),
    (c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  for (const deadline = Date.now() + 10000; ;) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    if (targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extId}/`))) break;
    if (Date.now() > deadline) throw new Error('no service worker for the extension');
    await sleep(50);
  }
  await cdp.send('Browser.grantPermissions', { origin: `chrome-extension://${extId}`,
    permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] });
});

after(async () => {
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    await Promise.race([cdp?.send('Browser.close').catch(() => {}), sleep(3000)]);
    await Promise.race([exited, sleep(5000)]);
  }
  try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
  await Promise.race([browser?.close().catch(() => {}), sleep(2000)]);
  await firefox?.close().catch(() => {});
  await server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

// Opens the seed page in a fresh tab and clicks the toolbar button (again if the reader shows
// an error: activeTab now and then misses a new tab, as chromium.test.mjs explains).
async function openReader() {
  const url = `${server.base}/pages/${SEED.slug}/`;
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORT);
  for (let attempt = 1; ; attempt++) {
    await page.goto(url, { waitUntil: 'load' });
    await page.bringToFront();
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === url);
    await cdp.send('Extensions.triggerAction', { id: extId, targetId: tab.targetId });
    await page.waitForURL(/^chrome-extension:/, { waitUntil: 'commit', timeout: 15000 });
    await page.waitForFunction(() => document.body?.dataset.ready === 'true' || !!document.querySelector('.error-box'), null, { timeout: 20000 });
    const err = await page.evaluate(() => { const e = document.querySelector('.error-box'); return e && e.dataset.code; });
    if (!err) return page;
    if (attempt === 3) throw new Error('the reader showed an error: ' + err);
  }
}

// Waits for `fn(arg)` in the page; on a timeout, says what was awaited and what the panel shows.
async function waitFor(page, what, fn, arg, timeout = 30000) {
  await page.waitForFunction(fn, arg, { timeout }).catch(async (e) => {
    const state = await page.evaluate(() => ({ style: document.querySelector('#cite-style').value,
      hint: document.querySelector('#style-hint').textContent, status: document.querySelector('#copy-status').textContent,
      button: document.querySelector('#copy-intext').textContent, search: document.querySelector('#style-search').value,
      first: (document.querySelector('#style-list [role=option]') || {}).textContent })).catch(() => ({}));
    throw new Error(`${what}: ${e.message} ${JSON.stringify(state)}`);
  });
}

// The picker's listed options: [{value, title}].
const listed = (page) => page.evaluate(() => Array.from(document.querySelectorAll('#style-list [role=option]'),
  (o) => ({ value: o.dataset.value, title: o.querySelector('.style-title').textContent })));
const citation = (page) => page.evaluate(() => document.querySelector('#citation').innerText);

// Types `q` into the picker and waits for options whose first title matches `first`.
async function search(page, q, first) {
  await page.fill('#style-search', '');
  await page.type('#style-search', q);
  await waitFor(page, `search ${q}`, (re) => {
    const o = document.querySelector('#style-list [role=option] .style-title');
    return o && new RegExp(re).test(o.textContent);
  }, first.source);
  return listed(page);
}

// Formats the seed article in every official style, both forms, inside the reader page: the
// package's own citation module and catalog (styles.js) with its csl/all archives, as a pick
// in the picker does. Returns counts and the first failures.
async function everyStyle(page) {
  const html = fs.readFileSync(path.join(ROOT, 'tests/fixtures/pages', SEED.slug, 'source.html'), 'utf8');
  return page.evaluate(async (html) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const core = await import(api.runtime.getURL('pkg/tidings.js'));
    await core.default();
    const article = core.extract(html, 'https://www.shine.cn/news/nation/2301104951/', '2026-12-01');
    const { loadCiteModule } = await import(api.runtime.getURL('view.js'));
    const { createCatalog } = await import(api.runtime.getURL('styles.js'));
    const wasm = await loadCiteModule();
    const catalog = createCatalog(wasm, (f) => fetch(api.runtime.getURL('csl/all/' + f)).then((r) => r.arrayBuffer()));
    await catalog.load();
    const ids = wasm.stylesAll().map((s) => s.id);
    const failed = [];
    let entries = 0, noBibliography = 0;
    const t0 = performance.now();
    for (const id of ids) {
      for (const form of ['bibliography', 'citation']) {
        try {
          const out = await catalog.cite(article, id, 'html', '2026-12-01', undefined, form);
          if (out && out.trim()) entries++;
          else failed.push(`${id} ${form}: empty`);
        } catch (e) {
          if (form === 'bibliography' && e && e.code === 'no-bibliography') noBibliography++;
          else failed.push(`${id} ${form}: ${e && (e.code || e.message) || e}`);
        }
      }
    }
    return { styles: ids.length, entries, noBibliography, failed: failed.length, first: failed.slice(0, 5), ms: Math.round(performance.now() - t0) };
  }, html);
}

// Every style gives both forms, except the bibliography of a citation-only style, which is its
// `no-bibliography` error (the panel then shows the first note). A few styles print nothing
// for a newspaper article (they cite no such type) and are counted as failures here only if
// they throw.
function checkEveryStyle(name, r) {
  console.log(`${name}: ${r.entries} non-empty entries over ${r.styles} styles x 2 forms in ${r.ms} ms; `
    + `${r.noBibliography} citation-only styles; ${r.failed} failed ${JSON.stringify(r.first)}`);
  assert.ok(r.styles >= 10857, `catalog lists ${r.styles} styles`);
  assert.ok(r.noBibliography < 400, `${r.noBibliography} styles without a bibliography`);
  assert.deepEqual(r.first.filter((f) => !/: empty$/.test(f)), [], 'styles that throw');
  assert.ok(r.entries >= 2 * r.styles - r.noBibliography - 60, `${r.entries} entries`);
}

test('Chromium: search "nature", pick it with the keyboard, copy, reopen: the choice is remembered', async () => {
  const page = await openReader();
  const apa = await citation(page);
  assert.equal(await page.$eval('#cite-style', (s) => s.value), 'apa');
  // The second button: APA's in-text citation, as citeproc-js writes it.
  assert.equal(await page.$eval('#copy-intext', (b) => b.textContent), 'Copy in-text citation');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#copy-intext');
  await page.waitForFunction(() => /in-text/.test(document.querySelector('#copy-status').textContent), null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '(Xinhua, 2023)');
  // Focused and empty: the common styles on top.
  await page.focus('#style-search');
  await page.waitForSelector('#style-list:not([hidden])');
  const top = await listed(page);
  assert.ok(top.some((o) => o.value === 'apa'), JSON.stringify(top));
  const hits = await search(page, 'nature', /^Nature$/);
  assert.ok(hits.length > 5, JSON.stringify(hits));
  assert.equal(await page.$eval('#style-search', (i) => i.getAttribute('aria-expanded')), 'true');
  await page.screenshot({ path: shot('styles-chromium-search') });
  // Keyboard: the first option becomes active, Enter picks it.
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval('#style-search', (i) => i.getAttribute('aria-activedescendant')), 'style-opt-0');
  await page.keyboard.press('Enter');
  await page.waitForFunction((old) => document.querySelector('#cite-style').value === 'csl:nature'
    && document.querySelector('#citation').innerText !== old, apa, { timeout: 15000 });
  const nature = await citation(page);
  assert.match(norm(nature), new RegExp('Xinhua\\. ' + SEED.title.replace(/\./g, '\\.') + '\\. Shanghai Daily \\(2023\\)'), nature);
  await page.screenshot({ path: shot('styles-chromium-nature'), fullPage: true });
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#copy-citation');
  await page.waitForFunction(() => /Nature/.test(document.querySelector('#copy-status').textContent), null, { timeout: 5000 });
  assert.equal(norm(await page.evaluate(() => navigator.clipboard.readText())), norm(nature));
  await page.close();

  const again = await openReader();
  await again.waitForFunction(() => document.querySelector('#cite-style').value === 'csl:nature', null, { timeout: 10000 });
  assert.equal(norm(await citation(again)), norm(nature));
  // The last used style is listed first when the picker opens empty.
  await again.focus('#style-search');
  await again.waitForSelector('#style-list:not([hidden])');
  assert.equal((await listed(again))[0].value, 'csl:nature');
  await again.close();
});

test('Chromium: Chinese titles, ISSNs and short names are searched', async () => {
  const page = await openReader();
  let hits = await search(page, '中华医学杂志', /Chinese Medical Journal/);
  assert.equal(hits[0].value, 'csl:chinese-medical-journal');
  hits = await search(page, '物理学报', /物理学报/);
  assert.equal(hits[0].value, 'csl:acta-physica-sinica');
  await page.screenshot({ path: shot('styles-chromium-chinese') });
  hits = await search(page, '0028-0836', /^Nature$/);
  // A note style: the second button copies the first note.
  hits = await search(page, 'Turabian notes', /^Turabian 9th edition \(notes and bibliography\)/);
  await page.keyboard.press('Enter');
  await waitFor(page, 'Turabian picked', () => document.querySelector('#copy-intext').textContent === 'Copy note');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#copy-intext');
  await waitFor(page, 'note copied', () => /note/.test(document.querySelector('#copy-status').textContent));
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Xinhua, “Chinese FM Holds Phone Talks/);
  hits = await search(page, 'DIN 1505-2', /^DIN 1505-2/);
  await page.keyboard.press('Enter');
  await waitFor(page, 'DIN picked', () => document.querySelector('#cite-style').value.startsWith('csl:din-1505-2'));
  assert.match(await citation(page), /Xinhua/);
  await page.close();
});

test('Chromium: a .csl file of the user\'s own is loaded, used, listed under My styles and removed', async () => {
  const page = await openReader();
  await page.setInputFiles('#style-file', DEPENDENT);
  await page.waitForFunction(() => document.querySelector('#cite-style').value === 'file:berliner-journal-fur-soziologie'
    && /Januar/.test(document.querySelector('#citation').innerText), null, { timeout: 15000 })
    .catch(async (e) => {
      throw new Error(e.message + ': ' + JSON.stringify(await page.evaluate(() => [document.querySelector('#cite-style').value,
        document.querySelector('#style-hint').textContent, document.querySelector('#citation').innerText])));
    });
  // A dependent style: its parent's rules (springer-socpsych-author-date) in its own locale.
  assert.match(await citation(page), /\(2023, Januar 10\).*Zugegriffen/s);
  assert.deepEqual(await page.$$eval('#my-styles button.link', (b) => b.map((x) => x.textContent)), ['Berliner Journal für Soziologie (Deutsch)']);
  await page.screenshot({ path: shot('styles-chromium-my-style'), fullPage: true });
  // A broken file: a message, nothing added.
  const bad = path.join(os.tmpdir(), 'tidings-not-a-style.csl');
  fs.writeFileSync(bad, '<html><body>not a style</body></html>');
  await page.setInputFiles('#style-file', bad);
  await page.waitForFunction(() => /cannot be used/.test(document.querySelector('#style-hint').textContent), null, { timeout: 5000 });
  fs.rmSync(bad);
  await page.close();

  const again = await openReader();
  await again.waitForFunction(() => document.querySelector('#cite-style').value === 'file:berliner-journal-fur-soziologie'
    && /Januar/.test(document.querySelector('#citation').innerText), null, { timeout: 15000 });
  await again.click('#my-styles-box summary');
  await again.click('#my-styles .remove-style');
  await again.waitForFunction(() => document.querySelectorAll('#my-styles button.link').length === 0, null, { timeout: 5000 });
  await again.close();
});

// ---------------------------------------------------------------- Firefox
async function poll(what, fn, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await sleep(150);
  }
}

async function firefoxReader() {
  if (!firefox) {
    firefox = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true,
      env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ 'tidings@tidings.dev': UUID }),
        'intl.locale.requested': 'en-US',
        'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': server.port,
        'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': server.port,
      },
      defaultViewport: VIEWPORT,
    });
    // As firefox.test.mjs: a copy whose manifest grants the test server's pages (the click's
    // activeTab grant, which BiDi cannot give).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-styles-firefox-'));
    fs.cpSync(FIREFOX_DIR, dir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.host_permissions = ['http://127.0.0.1/*', 'http://*/*'];
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await firefox.installExtension(dir);
  }
  const page = await firefox.newPage();
  await page.goto(`${server.base}/pages/${SEED.slug}/`, { waitUntil: 'load' });
  if (!control || control.isClosed()) {
    control = await firefox.newPage();
    control.goto(`${FF_BASE}/reader.html`).catch(() => {});
    await poll('control page', () => control.evaluate(() => location.href.startsWith('moz-extension:') && !!document.querySelector('.error-box, #status')));
  }
  const res = await control.evaluate(async () => {
    const api = globalThis.browser;
    const me = await api.tabs.getCurrent();
    const tabs = await api.tabs.query({});
    const target = tabs.filter((t) => t.id !== me.id).sort((a, b) => b.id - a.id)[0];
    return api.runtime.sendMessage({ type: 'open-reader', tabId: target.id });
  });
  assert.ok(res && res.ok, 'background opened the reader: ' + JSON.stringify(res));
  await poll('reader page', () => page.evaluate(() => location.href.startsWith('moz-extension:') && document.body.dataset.ready === 'true'));
  return page;
}

test('Chromium: a style without a reference list shows its first note, and says so', async () => {
  const page = await openReader();
  await search(page, 'agora', /^Agora$/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await waitFor(page, 'Agora note', () => document.querySelector('#cite-style').value === 'csl:agora'
    && document.querySelector('#citation').dataset.form === 'citation');
  const text = await citation(page);
  assert.match(text, /no reference list/);
  assert.match(text, /Chinese FM holds phone talks with S\. Korean counterpart/);
  assert.equal(await page.$eval('#copy-intext', (b) => b.textContent), 'Copy note');
  await page.screenshot({ path: shot('styles-chromium-note-only'), fullPage: true });
  await page.close();
});

test('Firefox: search, pick, reopen remembered; a Chinese title search', async () => {
  const page = await firefoxReader();
  await page.bringToFront();
  await page.type('#style-search', 'nature');
  await poll('Nature listed', () => page.evaluate(() => {
    const o = document.querySelector('#style-list [role=option] .style-title');
    return o && o.textContent === 'Nature';
  }), 10000);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await poll('Nature citation', () => page.evaluate(() => document.querySelector('#cite-style').value === 'csl:nature'
    && /Shanghai Daily \(2023\)/.test(document.querySelector('#citation').innerText)), 15000);
  const nature = await page.evaluate(() => document.querySelector('#citation').innerText);
  await page.screenshot({ path: shot('styles-firefox-nature'), fullPage: true });
  await page.evaluate(() => { const i = document.querySelector('#style-search'); i.value = ''; });
  await page.type('#style-search', '中华医学杂志');
  await poll('Chinese title', () => page.evaluate(() => {
    const o = document.querySelector('#style-list [role=option]');
    return o && o.dataset.value === 'csl:chinese-medical-journal';
  }), 10000);
  await page.screenshot({ path: shot('styles-firefox-chinese') });
  await page.close();

  const again = await firefoxReader();
  await poll('remembered style', () => again.evaluate(() => document.querySelector('#cite-style').value === 'csl:nature'
    && document.querySelector('#citation').innerText.length > 0), 15000);
  assert.equal(norm(await again.evaluate(() => document.querySelector('#citation').innerText)), norm(nature));
  await again.close();
});

test('Chromium: every official style formats the seed article, both forms', async () => {
  const page = await openReader();
  checkEveryStyle('Chromium', await everyStyle(page));
  await page.close();
});

test('Firefox: every official style formats the seed article, both forms', async () => {
  const page = await firefoxReader();
  checkEveryStyle('Firefox', await everyStyle(page));
  await page.close();
});
