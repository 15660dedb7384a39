// Renders every independent official CSL style x the case set of
// tests/fixtures/cite/all-styles/items.json with citeproc-js, in text and HTML, and writes
// tests/fixtures/cite/all-styles/expected.jsonl.xz: a header line (citeproc-js version, style
// and locale archives) then one line per style {style, locale, text: {id: entry}, html: {...}}
// or {style, error}. The ground truth of tests/cite_all_styles.rs.
//
// Usage: cd tools/citeproc && npm install && node generate-all.mjs [STYLES.tar.xz LOCALES.tar.xz]
// (default: the pinned archives in ../shared/csl-all; needs `tar` and `xz`).
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");
const citeprocVersion = require("citeproc/package.json").version;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const shared = path.resolve(root, "../shared/csl-all");
const stylesTar = process.argv[2] ?? path.join(shared, "styles-0819c0e0.tar.xz");
const localesTar = process.argv[3] ?? path.join(shared, "locales-938c09c1.tar.xz");
const outDir = path.join(root, "tests/fixtures/cite/all-styles");

const tmp = mkdtempSync(path.join(os.tmpdir(), "csl-all-"));
execFileSync("tar", ["-xJf", stylesTar, "-C", tmp]);
execFileSync("tar", ["-xJf", localesTar, "-C", tmp]);

const items = JSON.parse(readFileSync(path.join(outDir, "items.json"), "utf8"));
const byId = new Map(items.map((it) => [it.id, it]));

function retrieveLocale(lang) {
  try {
    return readFileSync(path.join(tmp, `locales-${lang}.xml`), "utf8");
  } catch {
    return false;
  }
}

// One engine per style and format; each item rendered alone (updateItems replaces the
// registry), so a numeric style numbers it [1]. Language: the style's default-locale, else en-US.
function render(styleXml, format) {
  const sys = { retrieveLocale, retrieveItem: (id) => structuredClone(byId.get(id)) };
  const engine = new CSL.Engine(sys, styleXml, "en-US");
  engine.setOutputFormat(format);
  const out = {};
  for (const item of items) {
    try {
      engine.updateItems([item.id]);
      const [, entries] = engine.makeBibliography();
      out[item.id] = entries.join("").trim();
    } catch (e) {
      out[item.id] = null; // citeproc-js failed on this item: not compared
    }
  }
  return out;
}

const files = readdirSync(tmp).filter((f) => f.endsWith(".csl")).sort();
const lines = [
  JSON.stringify({
    citeproc: citeprocVersion,
    styles: path.basename(stylesTar),
    locales: path.basename(localesTar),
    items: items.length,
  }),
];
const started = Date.now();
let done = 0;
for (const f of files) {
  if (process.env.TRACE) writeFileSync(process.env.TRACE, f);
  const xml = readFileSync(path.join(tmp, f), "utf8");
  const style = f.replace(/\.csl$/, "");
  const locale = /default-locale="([^"]+)"/.exec(xml.slice(0, 4000))?.[1] ?? "en-US";
  if (!/<bibliography[\s>]/.test(xml)) {
    lines.push(JSON.stringify({ style, locale, error: "no bibliography" }));
    continue;
  }
  const t0 = Date.now();
  try {
    lines.push(JSON.stringify({ style, locale, text: render(xml, "text"), html: render(xml, "html") }));
    if (Date.now() - t0 > 10000) console.error(`slow: ${style} ${Date.now() - t0} ms`);
  } catch (e) {
    lines.push(JSON.stringify({ style, locale, error: String(e).slice(0, 200) }));
  }
  if (++done % 200 === 0) console.error(`${done} styles, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
const dest = path.join(outDir, "expected.jsonl.xz");
writeFileSync(dest, execFileSync("xz", ["-9e", "-c"], { input: lines.join("\n") + "\n", maxBuffer: 1 << 30 }));
rmSync(tmp, { recursive: true, force: true });
console.log(`wrote ${files.length} styles x ${items.length} items x 2 formats to ${dest}`);
