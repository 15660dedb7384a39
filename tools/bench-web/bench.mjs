// Runs tidings (wasm, `extract(html, url, today, force)`) and Readability.js
// (DOMParser + new Readability(doc).parse()) on the same pages, in this tab,
// and reports the median time per page of each. Results go to the page and to
// `window.__bench` (read by run.mjs).

import init, { extract } from "/pkg/tidings.js";

const params = new URLSearchParams(location.search);
const RUNS = Math.max(1, Number(params.get("runs") || 5));
const WARMUP = Number(params.get("warmup") ?? 1);
const FILTER = params.get("filter") || "";
const status = (s) => (document.getElementById("status").textContent = s);

/** Valid UTF-8 as UTF-8; otherwise the charset the page declares (GBK fixtures). */
function decode(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
    const m = head.match(/charset\s*=\s*["']?([\w-]+)/i);
    try {
      return new TextDecoder(m ? m[1] : "windows-1252").decode(bytes);
    } catch {
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN;
}
function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * 0.95))];
}

function timeIt(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const ms = [];
  let ok = false;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    ok = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), ok };
}

const today = new Date().toISOString().slice(0, 10);

function runTidings(html, url) {
  try {
    return !!extract(html, url, today, false);
  } catch {
    return false; // no-article and the like: still timed
  }
}

function runReadability(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return !!new Readability(doc).parse();
}

function runDomParser(html) {
  return !!new DOMParser().parseFromString(html, "text/html");
}

async function main() {
  await init();
  let pages = await (await fetch("/pages.json")).json();
  if (FILTER) pages = pages.filter((p) => p.name.includes(FILTER));
  // Decode every page first, then run each tool once on every page: both
  // engines' JITs (V8 tiers wasm and JS up to optimised code while they run)
  // reach their steady state before anything is timed.
  const inputs = [];
  for (const [i, p] of pages.entries()) {
    status(`loading ${i + 1}/${pages.length} ${p.name}`);
    const bytes = new Uint8Array(await (await fetch(p.src)).arrayBuffer());
    inputs.push({ p, bytes: bytes.length, html: decode(bytes) });
  }
  for (const [i, { p, html }] of inputs.entries()) {
    status(`warm-up ${i + 1}/${inputs.length} ${p.name}`);
    runTidings(html, p.url);
    runReadability(html);
    if (i % 16 === 15) await new Promise((ok) => setTimeout(ok, 0));
  }
  const rows = [];
  for (const [i, { p, bytes, html }] of inputs.entries()) {
    status(`${i + 1}/${inputs.length} ${p.name}`);
    const t = timeIt(() => runTidings(html, p.url));
    const r = timeIt(() => runReadability(html));
    const d = timeIt(() => runDomParser(html));
    rows.push({ name: p.name, bytes, tidings: t.ms, tidingsOk: t.ok, readability: r.ms, readabilityOk: r.ok, domParser: d.ms });
    // Let the tab breathe (and GC) between pages.
    await new Promise((ok) => setTimeout(ok, 0));
  }
  const col = (k) => rows.map((r) => r[k]);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const stats = (k) => ({ median: median(col(k)), p95: p95(col(k)), total: sum(col(k)) });
  const summary = {
    pages: rows.length,
    runs: RUNS,
    warmup: WARMUP,
    userAgent: navigator.userAgent,
    // true: timers tick in 5 µs steps (the server sends COOP/COEP headers).
    crossOriginIsolated: self.crossOriginIsolated,
    tidings: { ...stats("tidings"), articles: rows.filter((r) => r.tidingsOk).length },
    readability: { ...stats("readability"), articles: rows.filter((r) => r.readabilityOk).length },
    domParser: stats("domParser"),
    ratioTotal: sum(col("tidings")) / sum(col("readability")),
    ratioMedianPerPage: median(rows.map((r) => r.tidings / r.readability)),
  };
  const table = document.getElementById("summary");
  const fmt = (x) => x.toFixed(2);
  table.innerHTML =
    "<tr><th></th><th>median ms</th><th>p95 ms</th><th>total ms</th><th>articles</th></tr>" +
    [["tidings (wasm)", summary.tidings], ["Readability.js (incl. DOMParser)", summary.readability], ["DOMParser alone", summary.domParser]]
      .map(([n, s]) => `<tr><td>${n}</td><td>${fmt(s.median)}</td><td>${fmt(s.p95)}</td><td>${fmt(s.total)}</td><td>${s.articles ?? "-"}</td></tr>`)
      .join("") +
    `<tr><td>tidings / Readability.js</td><td colspan="4">${fmt(summary.ratioTotal)} (total), ${fmt(summary.ratioMedianPerPage)} (median per page)</td></tr>`;
  status(`done: ${rows.length} pages, ${RUNS} runs each`);
  window.__bench = { done: true, rows, summary };
}

main().catch((e) => {
  status(`failed: ${e}`);
  window.__bench = { done: true, error: String(e && e.stack ? e.stack : e) };
});
