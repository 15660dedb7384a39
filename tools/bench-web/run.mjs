// Browser benchmark: tidings (wasm) vs Readability.js in headless Chromium.
//
//   npm ci --prefix tools/readability && npm ci --prefix tools/bench-web
//   scripts/build-web.sh            # builds www/pkg/tidings.js (or set TIDINGS_WEB_PKG=<pkg dir>)
//   node tools/bench-web/run.mjs [--runs 5] [--warmup 1] [--filter rtp/] [--json out.json] [--verbose]
//
// Starts the static server (server.mjs) on 127.0.0.1, opens bench.html in
// headless Chromium (CHROMIUM, default /usr/bin/chromium) and prints a table.

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ROOT, startServer } from "./server.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = opt("--runs", "5");
const warmup = opt("--warmup", "1");
const filter = opt("--filter", "");
const jsonOut = opt("--json", null);
const verbose = args.includes("--verbose");

const pkg = process.env.TIDINGS_WEB_PKG || join(ROOT, "www/pkg");
if (!existsSync(join(pkg, "tidings.js"))) {
  console.error(`no wasm pkg at ${pkg}: run scripts/build-web.sh (or set TIDINGS_WEB_PKG)`);
  process.exit(2);
}
if (!existsSync(join(ROOT, "tools/readability/node_modules/@mozilla/readability/Readability.js"))) {
  console.error("Readability.js missing: run npm ci --prefix tools/readability");
  process.exit(2);
}

const { server, port, pages } = await startServer({ pkg });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
let result;
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  const q = new URLSearchParams({ runs, warmup, filter });
  await page.goto(`http://127.0.0.1:${port}/bench/bench.html?${q}`);
  console.error(`benchmarking ${pages.length} pages in ${await browser.version()} …`);
  await page.waitForFunction(() => window.__bench && window.__bench.done, null, {
    timeout: 20 * 60 * 1000,
    polling: 1000,
  });
  result = await page.evaluate(() => window.__bench);
} finally {
  await browser.close();
  server.close();
}
if (result.error) {
  console.error(result.error);
  process.exit(1);
}

const { rows, summary: s } = result;
const f = (x, w = 9) => x.toFixed(2).padStart(w);
if (verbose) {
  console.log(`${"page".padEnd(44)} ${"KiB".padStart(8)} ${"tidings".padStart(9)} ${"rjs".padStart(9)} ${"DOMParser".padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(44)} ${f(r.bytes / 1024, 8)} ${f(r.tidings)} ${f(r.readability)} ${f(r.domParser)}`);
  }
  console.log();
}
console.log(`${s.pages} pages, one warm-up pass over all pages, then ${s.warmup} warm-up + ${s.runs} timed runs each, median per page (${s.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}; timer ${s.crossOriginIsolated ? "5 µs" : "100 µs"} steps)`);
console.log(`${"".padEnd(34)} ${"median ms".padStart(9)} ${"p95 ms".padStart(9)} ${"total ms".padStart(9)} ${"articles".padStart(9)}`);
for (const [name, x] of [
  ["tidings (wasm)", s.tidings],
  ["Readability.js (DOMParser+parse)", s.readability],
  ["  of which DOMParser alone", s.domParser],
]) {
  console.log(`${name.padEnd(34)} ${f(x.median)} ${f(x.p95)} ${f(x.total)} ${String(x.articles ?? "-").padStart(9)}`);
}
console.log(`tidings / Readability.js time: ${s.ratioTotal.toFixed(2)} (total), ${s.ratioMedianPerPage.toFixed(2)} (median of per-page ratios); < 1 means tidings is faster`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 1));
