// Time to the first citation in a style not loaded yet, in headless Chromium, over the demo's
// copy of the package (www/pkg, www/csl/all as scripts/build-web.sh writes them).
//
//   scripts/build-web.sh && node tools/bench-web/styles.mjs [--styles 50] [--seed 1]
//
// For each of N styles drawn at random (seeded) from the catalog, a fresh page: the citation
// module loads and reads the catalog index (timed apart), then one citation is formatted in
// that style: fetching its chunk and the locales, decoding them (ruzstd in wasm), parsing the
// style and rendering. Peer in the same run: one of the nine plain .csl files (APA) handed to
// the older `cite` export, and the browser's own DecompressionStream inflating a gzip copy of
// the same chunk (the zero-wasm-cost decoder the archive format was measured against).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = path.join(ROOT, 'www');
const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : d; };
const N = Number(opt('--styles', '50'));
let seed = Number(opt('--seed', '1'));
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

for (const f of ['pkg/tidings_cite.js', 'csl/all/index.tsv.zst', 'csl/apa.csl']) {
  if (!fs.existsSync(path.join(WWW, f))) { console.error(`www/${f} missing: run scripts/build-web.sh`); process.exit(2); }
}
// The decoded bytes of chunk 00 (by the zstd tool), gzipped, for the DecompressionStream peer.
let gz = Buffer.alloc(0);
try {
  gz = zlib.gzipSync(execFileSync('zstd', ['-d', '-c', path.join(WWW, 'csl/all/styles-00.zst')], { maxBuffer: 64 << 20 }), { level: 9 });
} catch { /* no zstd tool: the peer is skipped */ }

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
const t0 = performance.now();
const m = await import('/pkg/tidings_cite.js');
await m.default();
const bytes = (f) => fetch('/csl/all/' + f).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
m.catalogLoad(await bytes('index.tsv.zst'));
const t1 = performance.now();
window.__ready = { init: t1 - t0 };
window.__m = m; window.__bytes = bytes;
</script>`;
// The article the reader would cite: the seed page as the CLI extracts it.
const article = JSON.parse(execFileSync(path.join(ROOT, 'target/release/tidings'),
  ['extract', '--url', 'https://www.shine.cn/news/nation/2301104951/', path.join(ROOT, 'tests/fixtures/pages/shine-seed/source.html')]));

const server = http.createServer((req, res) => {
  const u = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (u === '/bench.html') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(PAGE); }
  if (u === '/chunk.gz') { res.writeHead(200); return res.end(gz); }
  const f = path.join(WWW, path.normalize(u));
  if (!f.startsWith(WWW) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) { res.writeHead(404); return res.end(); }
  const type = f.endsWith('.js') ? 'text/javascript' : f.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type });
  fs.createReadStream(f).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const p90 = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) * 0.9)] : NaN; };
try {
  const page = await browser.newPage();
  const fresh = async () => {
    await page.goto(base + '/bench.html');
    await page.waitForFunction(() => window.__ready, null, { timeout: 30000 });
    return page.evaluate(() => window.__ready);
  };
  const first = await fresh();
  const ids = await page.evaluate(() => window.__m.stylesAll().map((s) => s.id));
  const picks = Array.from({ length: N }, () => ids[Math.floor(rand() * ids.length)]);
  const rows = [];
  const inits = [first.init];
  for (const id of picks) {
    const r = await fresh();
    inits.push(r.init);
    const t = await page.evaluate(async ([id, article]) => {
      const m = window.__m;
      const t0 = performance.now();
      const need = m.styleNeeds(id);
      const [chunk, locales] = await Promise.all([need.chunk == null ? null : window.__bytes('styles-' + String(need.chunk).padStart(2, '0') + '.zst'), window.__bytes('locales.zst')]);
      const t1 = performance.now();
      if (chunk) m.styleAddChunk(need.chunk, chunk);
      const t2 = performance.now();
      m.styleAddLocales(locales);
      const t3 = performance.now();
      let out = '', err = '';
      try { out = m.citeStyle(article, id, 'html', '2025-01-01'); } catch (e) { err = e.code || String(e); }
      const t4 = performance.now();
      return { total: t4 - t0, fetch: t1 - t0, chunk: t2 - t1, locales: t3 - t2, format: t4 - t3, ok: !!out, err };
    }, [id, article]);
    rows.push({ id, ...t });
  }
  // Peers: a bundled plain .csl through `cite`, and DecompressionStream on a gzip chunk.
  await fresh();
  const peer = await page.evaluate(async (article) => { try {
    const m = window.__m;
    const t0 = performance.now();
    const [csl, loc] = await Promise.all(['/csl/apa.csl', '/csl/locales-en-US.xml'].map((u) => fetch(u).then((r) => r.text())));
    m.cite(article, 'apa', 'html', '2025-01-01', csl, loc);
    const t1 = performance.now();
    const zst = await window.__bytes('styles-00.zst');
    const t2 = performance.now();
    m.styleAddChunk(0, zst);
    const t3 = performance.now();
    const gz = await fetch('/chunk.gz').then((r) => r.arrayBuffer());
    let gzTime = NaN, gzSize = gz.byteLength;
    if (gzSize > 20) {
      const t4 = performance.now();
      const out = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
      gzTime = performance.now() - t4;
      if (!out.byteLength) gzTime = NaN;
    }
    return { apa: t1 - t0, zstDecode: t3 - t2, zstSize: zst.byteLength, gzTime, gzSize };
  } catch (e) { return { error: JSON.stringify(e) }; } }, article);
  if (peer.error) console.error('peer failed: ' + peer.error);
  const ok = rows.filter((r) => r.ok);
  const col = (k) => rows.map((r) => r[k]);
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  console.log(`Chromium ${browser.version()}, ${N} random styles of ${ids.length} (seed ${opt('--seed', '1')}), ms`);
  console.log('| step | median | p90 |');
  console.log('|---|---:|---:|');
  console.log(`| module + catalog index (once per page) | ${f(median(inits))} | ${f(p90(inits))} |`);
  for (const [k, label] of [['total', 'first citation in a new style (all below)'], ['fetch', '  fetch chunk + locales (package files)'],
    ['chunk', '  decode its chunk (ruzstd, wasm)'], ['locales', '  decode the locales (ruzstd, wasm)'], ['format', '  parse style + locale, format']]) {
    console.log(`| ${label} | ${f(median(col(k)))} | ${f(p90(col(k)))} |`);
  }
  console.log(`| peer: APA from its plain .csl (cite export) | ${f(peer.apa)} | |`);
  console.log(`| peer: chunk 00 decode, ruzstd (${peer.zstSize} B) | ${f(peer.zstDecode)} | |`);
  console.log(`| peer: chunk 00 decode, DecompressionStream gzip -9 (${peer.gzSize} B) | ${f(peer.gzTime)} | |`);
  console.log(`${ok.length} of ${rows.length} formatted` + (ok.length < rows.length ? '; failed: ' + rows.filter((r) => !r.ok).map((r) => `${r.id} (${r.err})`).join(', ') : ''));
} finally {
  await browser.close();
  server.close();
}
