// The extension in Chromium: a real toolbar click (CDP Extensions.triggerAction), the reader view,
// the citation on the clipboard, a page whose CSP forbids scripts, a page without an article,
// Esc back to the page, and a theme that survives a reload.
//
// puppeteer-core drives Debian's chromium: Playwright's persistent context loads the unpacked
// extension, but its toolbar click did not grant activeTab there (scripting was refused), while
// puppeteer's installExtension + triggerAction behaves like a person's click.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { startServer, PAGES } from './server.mjs';
import { CHROME_DIR, SEED, shot, norm, readerState } from './common.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let server, browser, extId, cdp;

before(async () => {
  server = await startServer();
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--lang=en-US'],
    defaultViewport: { width: 1100, height: 1400 },
  });
  extId = await browser.installExtension(CHROME_DIR);
  cdp = await browser.target().createCDPSession();
  await browser.defaultBrowserContext().overridePermissions(`chrome-extension://${extId}`,
    ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Opens `url` in a fresh tab and clicks the toolbar button for that tab, as a person would.
async function openAndClick(url) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // activeTab is granted to the active tab of the focused window, as for a person's click.
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible' && document.hasFocus(), { timeout: 5000 }).catch(() => {});
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === url);
  assert.ok(tab, `tab for ${url} among ${targetInfos.map((t) => t.url)}`);
  await cdp.send('Extensions.triggerAction', { id: extId, targetId: tab.targetId });
  // Poll from here: a waitForFunction in the page can be lost across the navigation.
  const deadline = Date.now() + 20000;
  while (!page.url().startsWith('chrome-extension:')) {
    if (Date.now() > deadline) throw new Error('reader did not open, tab is at ' + page.url());
    await new Promise((r) => setTimeout(r, 100));
  }
  for (;;) {
    const found = await page.evaluate(() => !!document.querySelector('.article-body, .error-box')).catch(() => false);
    if (found) break;
    if (Date.now() > deadline) {
      await page.screenshot({ path: shot('chromium-timeout') }).catch(() => {});
      throw new Error('reader showed nothing: ' + (await page.evaluate(() => document.body.innerText).catch((e) => e.message)));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return page;
}

async function checkSeed(page, name) {
  let s = await page.evaluate(readerState);
  assert.equal(s.error, null, 'no error shown');
  assert.match(s.url, new RegExp(`^chrome-extension://${extId}/reader\\.html\\?id=`));
  assert.equal(norm(s.title), SEED.title);
  assert.equal(norm(s.firstParagraph), SEED.firstParagraph);
  for (const bad of SEED.absent) assert.ok(!s.pageText.includes(bad), `page text must not contain ${JSON.stringify(bad)}`);
  await page.screenshot({ path: shot(name), fullPage: true });
  await page.waitForFunction(() => document.querySelector('#citation') && document.querySelector('#citation').innerText.trim(), { timeout: 10000 })
    .catch(() => assert.fail('no citation shown: ' + s.pageText.slice(-300)));
  s = await page.evaluate(readerState);
  assert.equal(s.citeStyle, 'apa');
  await page.screenshot({ path: shot(name), fullPage: true });
  return s;
}

test('seed page: toolbar click opens the reader view with the article and nothing else', async () => {
  const url = `${server.base}/pages/${SEED.slug}/`;
  const page = await openAndClick(url);
  const s = await checkSeed(page, 'chromium-seed');

  // Copy puts the APA citation shown on the clipboard (text/plain), with a visible confirmation.
  await page.bringToFront();
  await page.click('#copy-citation');
  await page.waitForFunction(() => document.querySelector('.copied').textContent.trim() !== '', { timeout: 5000 });
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(norm(clip), norm(s.citation));
  assert.ok(norm(clip).includes(SEED.title), 'citation names the article');
  const html = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const item = items.find((i) => i.types.includes('text/html'));
    return item ? (await item.getType('text/html')).text() : null;
  });
  assert.ok(html && html.includes(SEED.title.split(' ')[0]), 'text/html flavour on the clipboard');
  await page.screenshot({ path: shot('chromium-copied') });

  // Esc returns to the original page.
  await page.keyboard.press('Escape');
  await page.waitForFunction((u) => location.href === u, { timeout: 10000 }, url);
  await page.close();
});

test('strict-CSP page (no scripts, no wasm allowed on the page) still opens in the reader', async () => {
  const page = await openAndClick(`${server.base}/strict/${SEED.slug}/`);
  await checkSeed(page, 'chromium-strict-csp');
  await page.close();
});

test('a page without an article shows a clear message and a way out', async () => {
  const page = await openAndClick(`${server.base}/no-article/`);
  const s = await page.evaluate(readerState);
  assert.ok(s.error, 'an error box is shown');
  assert.equal(s.error.code, 'no-article');
  assert.match(s.error.text, /No article found/);
  assert.ok(await page.$('#whole-page'), 'offers the whole page, cleaned');
  await page.screenshot({ path: shot('chromium-no-article') });
  await page.click('#whole-page');
  await page.waitForSelector('.whole-page');
  await page.close();
});

test('theme: dark survives a reload, applied before first paint', async () => {
  const page = await openAndClick(`${server.base}/pages/${SEED.slug}/`);
  await page.click('#settings-menu summary');
  await page.select('#set-theme', 'dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.reload({ waitUntil: 'domcontentloaded' });
  const early = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.equal(early, 'dark');
  await page.waitForSelector('.article-body');
  const s = await page.evaluate(readerState);
  assert.equal(s.theme, 'dark');
  assert.equal(s.bg, 'rgb(24, 25, 27)');
  await page.screenshot({ path: shot('chromium-dark') });
  // Back to the default for other runs in this profile.
  await page.click('#settings-menu summary');
  await page.select('#set-theme', 'system');
  await page.close();
});

test('reader tools: BibTeX, quote with citation, removed drawer, Markdown download', async () => {
  const page = await openAndClick(`${server.base}/pages/${SEED.slug}/`);
  await page.waitForFunction(() => document.querySelector('#citation').innerText.trim(), { timeout: 20000 });
  await page.bringToFront();
  const clip = () => page.evaluate(() => navigator.clipboard.readText());

  if (await page.$('#copy-bibtex')) {
    await page.click('#copy-bibtex');
    await page.waitForFunction(() => /BibTeX/.test(document.querySelector('.copied').textContent));
    assert.match(await clip(), /^@\w+\{/);
  }

  // Select the first paragraph: the quote button appears and copies quote, citation and a text-fragment link.
  await page.evaluate(() => {
    const p = document.querySelector('.article-body p');
    const r = document.createRange();
    r.selectNodeContents(p);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  });
  await page.waitForSelector('#quote:not([hidden])');
  await page.click('#quote');
  await page.waitForFunction(() => document.querySelector('#quote').textContent === 'Copied');
  const quoted = await clip();
  assert.ok(quoted.startsWith('\u201c' + SEED.firstParagraph), quoted);
  assert.match(quoted, /#:~:text=Chinese%20Foreign%20Minister%20Qin%20Gang,/);

  // The removed drawer lists the clutter; Restore puts a block back at the end of the article.
  const removed = await page.$$eval('.removed-list li', (li) => li.length);
  if (removed) {
    await page.click('.removed summary');
    await page.click('.removed-list li button');
    await page.waitForSelector('.article-body .restored');
    assert.equal(await page.$eval('.removed-list li button', (b) => b.disabled), true);
    await page.screenshot({ path: shot('chromium-restored'), fullPage: true });
  }

  // Save as Markdown downloads a file that starts with the title.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-dl-'));
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
  await page.click('#save-menu summary');
  await page.click('#save-md');
  const deadline = Date.now() + 10000;
  let files = [];
  while (!(files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'))).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(files.length, 1, 'one markdown file downloaded');
  const md = fs.readFileSync(path.join(dir, files[0]), 'utf8');
  assert.ok(md.startsWith('# ' + SEED.title), md.slice(0, 200));
  assert.ok(md.includes(SEED.firstParagraph));
  await page.close();
});

test('a Chinese page renders with lang set on the article (screenshot)', async (t) => {
  const slug = ['people-daily', 'xinhua', 'sina'].find((s) => fs.existsSync(path.join(PAGES, s, 'source.html')));
  if (!slug) return t.skip('no Chinese fixture page');
  const meta = JSON.parse(fs.readFileSync(path.join(PAGES, slug, 'meta.json'), 'utf8'));
  const page = await openAndClick(`${server.base}/pages/${slug}/`);
  const s = await page.evaluate(readerState);
  assert.equal(s.error, null, JSON.stringify(s.error));
  assert.ok(norm(s.title).length > 0);
  const lang = await page.$eval('.article-body', (a) => a.lang);
  assert.match(lang, /^zh/i, `article lang (meta says ${meta.lang})`);
  await page.screenshot({ path: shot('chromium-zh') });
  await page.close();
});
