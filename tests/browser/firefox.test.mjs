// The extension in Firefox (firefox-esr) over WebDriver BiDi with puppeteer-core. The toolbar
// cannot be clicked over BiDi (nor its Alt+Shift+R shortcut pressed), so an extension page sends
// the background the same {type:'open-reader', tabId} message the click handler runs.
//
// Without a click Firefox grants no activeTab, so scripting the page would be refused ("Missing
// host permission for the tab"). The test therefore installs a copy of the Firefox package whose
// manifest adds host_permissions for the test server only, standing in for the click's grant.
// The shipped manifest keeps activeTab alone; everything else is the package as built.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer, proxiedUrl } from './server.mjs';
import { FIREFOX_DIR, SEED, ZH, shot, norm, readerState } from './common.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const UUID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const BASE = `moz-extension://${UUID}`;
let server, browser, control;

before(async () => {
  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ 'tidings@tidings.dev': UUID }),
      'intl.locale.requested': 'en-US',
      // The test server is the HTTP proxy: fixtures at their own addresses, everything else 404
      // at once (127.0.0.1 itself is not proxied).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
    },
    defaultViewport: { width: 1100, height: 1400 },
  });
  await browser.installExtension(testCopy());
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function testCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-firefox-test-'));
  fs.cpSync(FIREFOX_DIR, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.permissions, ['activeTab', 'scripting', 'storage']);
  assert.equal(manifest.host_permissions, undefined);
  // The click's activeTab grant, for the test server's pages (127.0.0.1 and the proxied
  // fixture addresses); clipboardRead so the test can read back what Copy wrote.
  manifest.host_permissions = ['http://127.0.0.1/*', 'http://*/*'];
  manifest.permissions = [...manifest.permissions, 'clipboardRead'];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function poll(what, fn, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// An extension page to talk to the background from. `goto` on moz-extension pages never reports
// "loaded", so it is not awaited; the page's own content is.
async function controlPage() {
  if (control && !control.isClosed()) return control;
  control = await browser.newPage();
  control.goto(`${BASE}/reader.html`).catch(() => {});
  await poll('control page', () => control.evaluate(() => location.href.startsWith('moz-extension:') && !!document.querySelector('.error-box, #status')));
  return control;
}

// Opens `url` in a tab, then asks the background to open the reader for that tab.
async function openReader(url) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ctl = await controlPage();
  const res = await ctl.evaluate(async (u) => {
    const api = globalThis.browser;
    const me = await api.tabs.getCurrent();
    const tabs = await api.tabs.query({});
    // No "tabs" permission: URLs are hidden, so find the tab by elimination (newest other tab).
    const target = tabs.filter((t) => t.id !== me.id).sort((a, b) => b.id - a.id)[0];
    return api.runtime.sendMessage({ type: 'open-reader', tabId: target.id });
  }, url);
  assert.ok(res && res.ok, 'background opened the reader: ' + JSON.stringify(res));
  await poll('reader page', () => page.evaluate(() => location.href.startsWith('moz-extension:') && (document.body.dataset.ready === 'true' || !!document.querySelector('.error-box'))));
  return page;
}

test('seed page opens in the reader view with the article and nothing else', async () => {
  const url = `${server.base}/pages/${SEED.slug}/`;
  const page = await openReader(url);
  let s = await page.evaluate(readerState);
  assert.equal(s.error, null, 'no error shown: ' + JSON.stringify(s.error));
  assert.match(s.url, new RegExp(`^${BASE}/reader\\.html\\?id=`));
  assert.equal(norm(s.title), SEED.title);
  assert.equal(norm(s.firstParagraph), SEED.firstParagraph);
  for (const bad of SEED.absent) assert.ok(!s.pageText.includes(bad), `page text must not contain ${JSON.stringify(bad)}`);
  assert.equal(s.site, SEED.site);
  assert.equal(s.byline, SEED.byline);
  assert.equal(s.date, SEED.date);
  assert.equal(s.readingTime, '2 min read');
  assert.equal(s.wordCount, '282 words');
  assert.equal(s.original, SEED.canonical);
  assert.equal(s.citeStyle, 'apa');
  assert.ok(norm(s.citation).includes(SEED.title));
  await page.bringToFront();
  await page.screenshot({ path: shot('firefox-seed'), fullPage: true });

  // Copy: rich HTML and plain text on the clipboard, and a visible confirmation.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#copy-citation');
  await poll('copy confirmation', () => page.evaluate(() => /^Copied APA/.test(document.querySelector('#copy-status').textContent)), 5000);
  const clip = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const out = {};
    for (const item of items) for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
  });
  assert.equal(norm(clip['text/plain']), norm(s.citation));
  assert.match(clip['text/html'] || '', /<i>Shanghai Daily<\/i>/);
  assert.doesNotMatch(clip['text/html'], /<div/);
  await page.click('#copy-bibtex');
  await poll('BibTeX confirmation', () => page.evaluate(() => /BibTeX/.test(document.querySelector('#copy-status').textContent)), 5000);
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^@\w+\{/);

  // Esc goes back to the page.
  await page.keyboard.press('Escape');
  await poll('original page', async () => (await page.evaluate(() => location.href)) === url);
  await page.close();
});

test('strict-CSP page still opens in the reader', async () => {
  const page = await openReader(`${server.base}/strict/${SEED.slug}/`);
  const s = await page.evaluate(readerState);
  assert.equal(s.error, null);
  assert.equal(norm(s.title), SEED.title);
  assert.equal(norm(s.firstParagraph), SEED.firstParagraph);
  await page.close();
});

test('a page without an article shows a clear message', async () => {
  const page = await openReader(`${server.base}/no-article/`);
  const s = await page.evaluate(readerState);
  assert.ok(s.error);
  assert.equal(s.error.code, 'no-article');
  assert.match(s.error.text, /No article found/);
  await page.bringToFront();
  await page.screenshot({ path: shot('firefox-no-article') });
  await page.close();
});

test('Chinese page at its own address: byline 宋雨桐, CJK counted in characters', async () => {
  const url = proxiedUrl(ZH.slug);
  const page = await openReader(url);
  const s = await page.evaluate(readerState);
  assert.equal(s.error, null, JSON.stringify(s.error));
  assert.equal(norm(s.title), ZH.title);
  assert.equal(s.byline, ZH.byline);
  assert.equal(s.date, ZH.date);
  const count = await page.evaluate(() => +document.querySelector('.word-count').dataset.count);
  assert.ok(count > 700, 'characters, not words: ' + count);
  assert.equal(s.wordCount, `${count} characters`);
  assert.match(await page.evaluate(() => document.querySelector('.article-body').lang), /^zh/i);
  await page.bringToFront();
  await page.screenshot({ path: shot('firefox-zh') });
  await page.close();
});

test('RTL page is laid out right to left', async () => {
  const page = await openReader(`${server.base}/local/rtl-ar/`);
  const d = await page.evaluate(() => ({ dir: document.querySelector('.article-wrap').dir, direction: getComputedStyle(document.querySelector('.article-body p')).direction }));
  assert.deepEqual(d, { dir: 'rtl', direction: 'rtl' });
  await page.bringToFront();
  await page.screenshot({ path: shot('firefox-rtl') });
  await page.close();
});

test('theme: sepia survives a reload', async () => {
  const page = await openReader(`${server.base}/pages/${SEED.slug}/`);
  await page.evaluate(() => {
    const sel = document.querySelector('#set-theme');
    sel.value = 'sepia';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await poll('sepia', () => page.evaluate(() => document.documentElement.dataset.theme === 'sepia'));
  await poll('storage.sync write', () => page.evaluate(async () => ((await browser.storage.sync.get('settings')).settings || {}).theme === 'sepia'));
  await page.evaluate(() => { window.__beforeReload = true; });
  page.reload().catch(() => {});
  await poll('reloaded reader', () => page.evaluate(() => !window.__beforeReload && !!document.querySelector('.article-body') && !!document.querySelector('#set-theme')));
  const s = await page.evaluate(readerState);
  assert.equal(s.theme, 'sepia');
  assert.equal(s.bg, 'rgb(245, 236, 217)');
  await page.bringToFront();
  await page.screenshot({ path: shot('firefox-sepia') });
  await page.evaluate(() => {
    const sel = document.querySelector('#set-theme');
    sel.value = 'system';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.close();
});
