// Benchmarks the tidings npm package against Mozilla's Readability.js on
// jsdom and on linkedom, in one Node process over the shared real-page
// corpora: pages a second, median and 95th-percentile ms a page (parse plus
// extraction: the whole cost a Node caller pays for an HTML string; as the
// process's CPU time, which a loaded machine inflates far less than the wall
// clock, and as wall time), and
// body token F1 against the expected text where the corpus has one (the
// scoring of src/bin/tidings-eval: CJK characters one token each, other
// words lower-cased without punctuation, bag-of-tokens F1; a refusal on an
// article page scores 0).
//
//   scripts/build-npm.sh && (cd tools/bench-node && npm ci) && node tools/bench-node/run.mjs
//
// Options: --pkg DIR (the package to load; default target/npm/package, the
// staged files that scripts/build-npm.sh packs), --corpora DIR (default
// $TIDINGS_CORPORA or ../shared/corpora), --rounds N (each page N times, the
// median kept; default 1).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const PKG = resolve(opt('--pkg', join(ROOT, 'target', 'npm', 'package')));
const CORPORA = resolve(opt('--corpora', process.env.TIDINGS_CORPORA || join(ROOT, '..', 'shared', 'corpora')));
const ROUNDS = Math.max(1, Number(opt('--rounds', '1')) || 1);
const FAKEHOST = 'http://fakehost/test/page.html';

if (!existsSync(join(PKG, 'node.js'))) {
  console.error(`bench-node: no package at ${PKG}: run scripts/build-npm.sh first`);
  process.exit(2);
}
if (!existsSync(CORPORA)) {
  console.log(`bench-node: no corpora at ${CORPORA}: skipped`);
  process.exit(0);
}
const tidings = await import(pathToFileURL(join(PKG, 'node.js')).href);

// ------------------------------------------------------------------ text and scoring

// The block elements of tools/readability/run.mjs and tidings-eval's blocks.rs.
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl',
  'dt', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** One line per block of an HTML fragment (iterative walk; script/style/template dropped). */
function blockText(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const lines = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  // Document order with an exit marker per block element (iterative: no recursion on deep pages).
  const order = [{ node: document.body, exit: false }];
  while (order.length) {
    const { node, exit } = order.pop();
    if (exit) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      cur += node.data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = node.localName;
    if (tag === 'script' || tag === 'style' || tag === 'template') continue;
    const block = BLOCKS.has(tag);
    if (block) {
      flush();
      order.push({ node, exit: true });
    }
    const kids = [...node.childNodes];
    for (let i = kids.length - 1; i >= 0; i--) order.push({ node: kids[i], exit: false });
  }
  flush();
  return lines.join('\n');
}

const isCjk = (cp) =>
  (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
  (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff);
// The punctuation tidings-eval strips from words (score.rs `is_punct`).
const PUNCT = /[\p{ASCII}&&[\p{P}\p{S}]]|[\u00A1-\u00BF\u00D7\u00F7\u055A-\u055F\u060C\u061B\u061F\u066A-\u066D\u06D4\u0964\u0965\u2010-\u205E\u2E00-\u2E7F\u3001-\u303F\u30FB\uFE10-\uFE1F\uFE30-\uFE6F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]/v;

function tokenize(text) {
  const out = [];
  let word = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (/\s/.test(ch) || cp === 0x200b || cp === 0xfeff) {
      if (word) out.push(word), (word = '');
    } else if (isCjk(cp)) {
      if (word) out.push(word), (word = '');
      out.push(ch);
    } else if (!PUNCT.test(ch)) {
      word += ch.toLowerCase();
    }
  }
  if (word) out.push(word);
  return out;
}

function f1(got, want) {
  const g = tokenize(got);
  const w = tokenize(want);
  if (!g.length && !w.length) return 1;
  if (!g.length || !w.length) return 0;
  const bag = new Map();
  for (const t of w) bag.set(t, (bag.get(t) || 0) + 1);
  let common = 0;
  for (const t of g) {
    const n = bag.get(t);
    if (n) bag.set(t, n - 1), common++;
  }
  if (!common) return 0;
  const p = common / g.length;
  const r = common / w.length;
  return (2 * p * r) / (p + r);
}

// ------------------------------------------------------------------ pages

/** Bytes as a string: UTF-8 when valid, else the charset the page declares (windows-1252 failing that). */
function decode(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
    const m = /charset\s*=\s*["']?([\w-]+)/i.exec(head);
    try {
      return new TextDecoder(m ? m[1] : 'windows-1252').decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }
}

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

/** {corpus, slug, file, url, expected (text or null)} for every page of the three corpora present. */
function loadPages() {
  const pages = [];
  const moz = join(CORPORA, 'readability-test-pages');
  if (existsSync(moz)) {
    for (const slug of readdirSync(moz).sort()) {
      const dir = join(moz, slug);
      if (!existsSync(join(dir, 'source.html'))) continue;
      let expected = null;
      if (existsSync(join(dir, 'expected.html'))) {
        const text = blockText(readFileSync(join(dir, 'expected.html'), 'utf8'));
        const meta = existsSync(join(dir, 'expected-metadata.json')) ? readJson(join(dir, 'expected-metadata.json')) : {};
        // As tidings-eval: Readability's unit-test snippets and the one page judged a front page have no body to score.
        const snippet = meta.readerable === false && tokenize(text).length < 10;
        if (text.trim() && !snippet && slug !== 'nytimes-5') expected = text;
      }
      pages.push({ corpus: 'readability', slug, file: join(dir, 'source.html'), url: FAKEHOST, expected });
    }
  } else console.log('bench-node: readability-test-pages absent: skipped');
  const mercury = join(CORPORA, 'mercury-parser-fixtures');
  if (existsSync(join(mercury, 'expected.json'))) {
    const seen = new Set();
    for (const c of readJson(join(mercury, 'expected.json'))) {
      const file = join(mercury, c.fixture);
      if (seen.has(file) || !existsSync(file)) continue;
      seen.add(file);
      pages.push({ corpus: 'mercury', slug: c.fixture, file, url: c.url || FAKEHOST, expected: null });
    }
  } else console.log('bench-node: mercury-parser-fixtures absent: skipped');
  const np = join(CORPORA, 'newspaper4k-tests');
  if (existsSync(join(np, 'html'))) {
    for (const name of readdirSync(join(np, 'html')).filter((n) => n.endsWith('.html')).sort()) {
      const stem = name.slice(0, -5);
      const txt = join(np, 'txt', stem + '.txt');
      const metaPath = join(np, 'metadata', stem + '.json');
      const meta = existsSync(metaPath) ? readJson(metaPath) : {};
      const expected = existsSync(txt) ? readFileSync(txt, 'utf8') : null;
      pages.push({ corpus: 'newspaper4k', slug: stem, file: join(np, 'html', name), url: meta.url || `https://example.org/${stem}`, expected: expected && expected.trim() ? expected : null });
    }
  } else console.log('bench-node: newspaper4k-tests absent: skipped');
  for (const p of pages) p.html = decode(readFileSync(p.file));
  return pages;
}

// ------------------------------------------------------------------ extractors

const quiet = new VirtualConsole();
/** Each returns the article's HTML or text (kind says which), or null for no article; timed whole. */
const EXTRACTORS = [
  {
    name: 'tidings (npm, wasm)',
    run(p) {
      try {
        return { text: tidings.extract(p.html, { url: p.url }).text };
      } catch (e) {
        if (e instanceof tidings.TidingsError) return null;
        throw e;
      }
    },
  },
  {
    name: 'Readability.js + jsdom',
    run(p) {
      const dom = new JSDOM(p.html, { url: p.url, virtualConsole: quiet });
      const r = new Readability(dom.window.document).parse();
      return r && r.content ? { html: r.content, after: () => dom.window.close() } : null;
    },
  },
  {
    name: 'Readability.js + linkedom',
    run(p) {
      const { document } = parseHTML(p.html);
      const r = new Readability(document).parse();
      return r && r.content ? { html: r.content } : null;
    },
  },
];

// ------------------------------------------------------------------ run

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN;
};
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

const pages = loadPages();
if (!pages.length) {
  console.log('bench-node: no pages: skipped');
  process.exit(0);
}
// Warm-up: compile the wasm and let the JIT see every path once.
for (const x of EXTRACTORS) for (const p of pages.slice(0, 5)) {
  try { x.run(p)?.after?.(); } catch { /* counted in the measured run */ }
}

const results = EXTRACTORS.map((x) => ({ x, ms: [], cpu: [], threw: [], f1: { readability: [], newspaper4k: [] }, refused: 0, failed: 0 }));
for (const p of pages) {
  // The extractors take turns on each page, so drift in the machine's load hits all alike.
  for (const r of results) {
    const times = [];
    const cpus = [];
    let out = null;
    let failed = false;
    for (let i = 0; i < ROUNDS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      try {
        out = r.x.run(p);
      } catch (e) {
        if (!failed) r.threw.push(`${p.corpus}/${p.slug}: ${String(e && e.message ? e.message : e).slice(0, 80)}`);
        failed = true;
        out = null;
      }
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
      out?.after?.(); // jsdom's window.close(), not timed
    }
    r.ms.push(median(times));
    r.cpu.push(median(cpus));
    if (failed) r.failed++;
    if (!out) r.refused++;
    if (p.expected !== null) {
      const text = !out ? '' : out.text !== undefined ? out.text : blockText(out.html);
      r.f1[p.corpus].push(text.trim() ? f1(text, p.expected) : 0);
    }
  }
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const counts = {};
for (const p of pages) counts[p.corpus] = (counts[p.corpus] || 0) + 1;
const nF1 = (c) => results[0].f1[c].length;
const pkgVersion = (name) => JSON.parse(readFileSync(join(ROOT, 'tools', 'bench-node', 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;

console.log(`\nbench-node: ${pages.length} pages (${Object.entries(counts).map(([c, n]) => `${c} ${n}`).join(', ')}), ` +
  `${ROUNDS} round(s), Node ${process.version}, tidings ${JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).version}, ` +
  `@mozilla/readability ${pkgVersion('@mozilla/readability')}, jsdom ${pkgVersion('jsdom')}, linkedom ${pkgVersion('linkedom')}\n`);
const header = ['extractor', 'pages/s (CPU)', 'median CPU ms', 'p95 CPU ms', 'pages/s (wall)', 'median wall ms', `F1 readability (${nF1('readability')})`, `F1 newspaper4k (${nF1('newspaper4k')})`, `F1 both (${nF1('readability') + nF1('newspaper4k')})`, 'no article', 'threw'];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const rows = results.map((r) => [
  r.x.name,
  fmt((pages.length * 1000) / sum(r.cpu), 1),
  fmt(median(r.cpu), 2),
  fmt(pct(r.cpu, 0.95), 1),
  fmt((pages.length * 1000) / sum(r.ms), 1),
  fmt(median(r.ms), 2),
  fmt(mean(r.f1.readability), 3),
  fmt(mean(r.f1.newspaper4k), 3),
  fmt(mean([...r.f1.readability, ...r.f1.newspaper4k]), 3),
  String(r.refused - r.failed),
  String(r.failed),
]);
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
for (const r of results) for (const t of r.threw) console.log(`${r.x.name} threw on ${t}`);
console.log(`load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
