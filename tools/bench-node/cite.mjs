// Benchmarks citing with the tidings npm package in Node: the cost of the first
// citation in an official style whose archive is not loaded yet (the package
// reads csl/all/styles-NN.zst, the citation module decodes it and compiles the
// style), against the common styles (their .csl file read and compiled) in the
// same process. Prints a table of medians (wall ms; CPU ms of the process).
//
//   scripts/build-npm.sh && node tools/bench-node/cite.mjs [--pkg DIR] [--styles N]
//
// --pkg DIR: the package (default target/npm/package, as scripts/build-npm.sh stages
// it); --styles N: how many catalog styles, each from an archive not loaded before
// (default 20). The article is the seed page's (tests/fixtures/pages/shine-seed).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const PKG = resolve(opt('--pkg', join(ROOT, 'target', 'npm', 'package')));
const N = Math.max(1, Number(opt('--styles', '20')) || 20);
if (!existsSync(join(PKG, 'node.js'))) {
  console.error(`bench-node cite: no package at ${PKG}: run scripts/build-npm.sh first`);
  process.exit(2);
}
const tidings = await import(pathToFileURL(join(PKG, 'node.js')).href);
// The same module instance the package loaded (one URL, one module): asked only which
// archive a style needs, to pick styles whose archive is not loaded yet.
const wasm = await import(pathToFileURL(join(PKG, 'pkg', 'tidings_cite.js')).href);

const SEED = join(ROOT, 'tests', 'fixtures', 'pages', 'shine-seed', 'source.html');
const article = tidings.extract(readFileSync(SEED, 'utf8'), { url: 'https://www.shine.cn/news/nation/2301104951/' });
const at = { accessed: '2025-01-01' };

/** Runs `f` once: [wall ms, process CPU ms]. */
async function timed(f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];
/** Times `f(x)` for each x once; a row of the medians. */
async function row(label, xs, f) {
  const wall = [];
  const cpu = [];
  for (const x of xs) {
    const [w, c] = await timed(() => f(x));
    wall.push(w);
    cpu.push(c);
  }
  rows.push([label, String(xs.length), median(wall).toFixed(2), median(cpu).toFixed(2), Math.max(...wall).toFixed(2)]);
}

// One-time costs: the citation module (first cite, APA), then the catalog's index.
await row('first cite: citation module + apa', [0], () => tidings.cite(article, { style: 'apa', ...at }));
await row('first searchStyles: catalog index read', [0], () => tidings.searchStyles('nature', 1));
await row('first styles(): the 10,857 entries', [0], () => tidings.styles());
await row('styles() again (copies)', [0], () => tidings.styles());
const all = await tidings.styles();
const common = all.filter((s) => s.common && s.cslFile && s.name !== 'apa');
await row('first cite, common style (its .csl read)', common, (s) => tidings.cite(article, { style: s.name, ...at }));
await row('again, common style', common, (s) => tidings.cite(article, { style: s.name, ...at }));
// Catalog styles outside the common ones, each from an archive not loaded before (the
// locales archive is loaded by the first of them: shown as its own row).
const commonIds = new Set(all.filter((s) => s.common).map((s) => s.id));
const seen = new Set();
const fresh = [];
for (const s of all) {
  if (fresh.length > N || commonIds.has(s.id) || s.parent) continue;
  const chunk = wasm.styleNeeds(s.id).chunk;
  if (chunk === null || chunk === undefined || seen.has(chunk)) continue;
  seen.add(chunk);
  fresh.push(s.id);
}
if (fresh.length <= N) console.error(`bench-node cite: only ${fresh.length - 1} archives not loaded yet`);
await row('first catalog cite (+ locales.zst)', fresh.slice(0, 1), (id) => tidings.cite(article, { style: id, ...at }));
const cold = fresh.slice(1);
await row('first cite, catalog style, archive not loaded', cold, (id) => tidings.cite(article, { style: id, ...at }));
await row('again, same catalog styles (8 archives kept)', cold, (id) => tidings.cite(article, { style: id, ...at }));
await row('again, apa', Array.from({ length: N }, (_, i) => i), () => tidings.cite(article, { style: 'apa', ...at }));
await row('searchStyles(\'journal\', 20)', Array.from({ length: N }, (_, i) => i), () => tidings.searchStyles('journal', 20));

const header = ['step', 'n', 'median wall ms', 'median CPU ms', 'max wall ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => '| ' + r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
console.log(`tidings ${JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).version}, node ${process.version}: citing the seed article`);
console.log(line(header));
console.log('|' + widths.map((w, i) => (i ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|');
for (const r of rows) console.log(line(r));
