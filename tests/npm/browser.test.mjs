// The installed package's browser entry (browser.js: fetch + init, no fs) in
// headless Chromium, loaded as plain ES modules from a local server: the
// `not-initialized` error before `init()`, then the seed page's article, which
// must equal what the Node entry gives, an APA citation (the citation module
// and the style files fetched on demand), a citation in an official style
// outside the common ones (the catalog's archives fetched on demand), a
// Chinese title search, and error codes.
// Skips with one line when Debian's chromium or playwright-core (tests/browser)
// is absent. Run from the folder the tarball was installed into (scripts/test-npm.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extract, cite } from 'tidings';

const ROOT = process.env.TIDINGS_ROOT;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PLAYWRIGHT = join(ROOT, 'tests', 'browser', 'node_modules', 'playwright-core', 'index.mjs');
const PKG = join(process.cwd(), 'node_modules', 'tidings');
const SEED = join(ROOT, 'tests', 'fixtures', 'pages', 'shine-seed', 'source.html');
const SEED_URL = 'https://www.shine.cn/news/nation/2301104951/';
const MIME = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.zst': 'application/zstd', '.csl': 'application/xml', '.xml': 'application/xml', '.html': 'text/html; charset=utf-8' };

const PAGE = `<!doctype html><meta charset="utf-8"><title>tidings in a browser</title>
<script type="module">
import { init, extract, cite, styles, searchStyles, TidingsError } from '/tidings/browser.js';
const out = {};
try { extract('<p>x</p>'); } catch (e) { out.before = e.code; }
await init();
const html = await (await fetch('/seed.html')).text();
out.article = extract(html, { url: ${JSON.stringify(SEED_URL)} });
out.apa = await cite(out.article, { style: 'apa', accessed: '2025-01-01' });
out.styles = (await styles()).map((s) => s.name);
out.nature = await cite(out.article, { style: 'Nature Communications', accessed: '2025-01-01' });
out.note = await cite(out.article, { style: 'mhra-notes', form: 'citation', format: 'html', accessed: '2025-01-01' });
out.search = (await searchStyles('物理学报')).map((s) => s.id);
try { extract(''); } catch (e) { out.error = [e instanceof TidingsError, e.code]; }
try { await cite(out.article, { style: 'Natur Jornal' }); } catch (e) { out.unknown = [e.code, e.message]; }
window.result = out;
</script>`;

test('the browser entry in headless Chromium', async (t) => {
  if (!existsSync(CHROMIUM) || !existsSync(PLAYWRIGHT)) {
    t.skip(`no ${existsSync(CHROMIUM) ? 'playwright-core in tests/browser' : CHROMIUM}: browser entry not tested`);
    return;
  }
  const requested = [];
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requested.push(path);
    // Only the package's own files, the seed page and the test page are served.
    const inPkg = path.startsWith('/tidings/') && !path.includes('..');
    const file = path === '/seed.html' ? SEED : inPkg ? join(PKG, normalize(path.slice('/tidings/'.length))) : null;
    if (path === '/') {
      res.writeHead(200, { 'content-type': MIME['.html'] }).end(PAGE);
    } else if (file && existsSync(file)) {
      res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium } = await import(pathToFileURL(PLAYWRIGHT).href);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.result, null, { timeout: 60000 }).catch(() => {});
    const out = await page.evaluate(() => window.result);
    assert.ok(out, `no result: ${errors.join('; ')}`);
    assert.equal(out.before, 'not-initialized');
    assert.deepStrictEqual(out.article, extract(readFileSync(SEED, 'utf8'), { url: SEED_URL }));
    assert.doesNotMatch(out.article.text, /ICP|许可证/);
    assert.equal(out.apa, 'Xinhua. (2023, January 10). Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily. https://www.shine.cn/news/nation/2301104951/');
    assert.ok(out.styles.includes('apa') && out.styles.includes('bibtex') && out.styles.includes('nature'));
    assert.ok(out.styles.length > 10000, `${out.styles.length} styles`);
    // The same citations as the Node entry gives.
    assert.equal(out.nature, await cite(out.article, { style: 'Nature Communications', accessed: '2025-01-01' }));
    assert.equal(out.nature, '1.  Xinhua. Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily (2023).');
    assert.equal(out.note, await cite(out.article, { style: 'mhra-notes', form: 'citation', format: 'html', accessed: '2025-01-01' }));
    assert.match(out.note, /^Xinhua, ‘Chinese FM Holds Phone Talks with S\. Korean Counterpart’, Nation, <i>Shanghai Daily<\/i>, 10 January 2023 /);
    assert.deepEqual(out.search, ['acta-physica-sinica']);
    assert.deepEqual(out.error, [true, 'not-html']);
    assert.equal(out.unknown[0], 'unknown-style');
    assert.match(out.unknown[1], /closest: .*"Nature" \(nature\)/);
    // Fetched on demand, once each: both wasm modules, the APA style and its locale, the
    // catalog's index, the two archives holding Nature and MHRA (notes), the locales.
    const fetched = requested.filter((p) => p.startsWith('/tidings/csl/') || p.endsWith('.wasm')).sort();
    const chunks = fetched.filter((p) => /^\/tidings\/csl\/all\/styles-\d\d\.zst$/.test(p));
    assert.equal(new Set(chunks).size, 2, fetched.join(' '));
    assert.equal(chunks.length, 2, fetched.join(' '));
    assert.deepEqual(fetched.filter((p) => !chunks.includes(p)), ['/tidings/csl/all/index.tsv.zst', '/tidings/csl/all/locales.zst', '/tidings/csl/apa.csl', '/tidings/csl/locales-en-US.xml', '/tidings/pkg/tidings_bg.wasm', '/tidings/pkg/tidings_cite_bg.wasm']);
  } finally {
    await browser.close();
    server.close();
  }
});
