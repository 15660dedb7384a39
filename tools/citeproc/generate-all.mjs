// Renders every independent official CSL style x the case set of
// tests/fixtures/cite/all-styles/items.json with citeproc-js, in text and HTML, and writes
// tests/fixtures/cite/all-styles/expected.jsonl.xz: a header line (citeproc-js version, style
// and locale archives) then one line per style {style, locale, text: {id: entry}, html: {...}}
// or {style, locale, error}. The ground truth of tests/cite_all_styles.rs.
// ITEMS_DIR=DIR reads DIR/items.json and writes there instead (a held-out set, see
// make-heldout-items.py); SAMPLE=N renders only N styles drawn at random (SEED, default 7).
// FORM=citation writes expected-citation.jsonl.xz instead: each item alone as the first cite
// of a cluster, as makeCitationCluster writes it (the in-text citation, or the first note).
//
// Usage: cd tools/citeproc && npm install && node generate-all.mjs [STYLES.tar.xz LOCALES.tar.xz]
// (default: the pinned archives in ../shared/csl-all; needs `tar` and `xz`). JOBS=N runs N
// worker processes (default 2).
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = process.env.ITEMS_DIR
  ? path.resolve(process.env.ITEMS_DIR)
  : path.join(root, "tests/fixtures/cite/all-styles");
const citation = process.env.FORM === "citation";
const items = JSON.parse(readFileSync(path.join(outDir, "items.json"), "utf8"));

// The styles to render: all, or SAMPLE of them drawn with a seeded shuffle (same on every run).
function sample(files) {
  const n = +(process.env.SAMPLE ?? 0);
  if (!n) return files;
  let seed = +(process.env.SEED ?? 7) >>> 0 || 1;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const out = [...files];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.slice(0, n).sort();
}

// Worker: `node generate-all.mjs --worker DIR I N` renders every N-th style from the I-th
// and prints one JSON line per style.
if (process.argv[2] === "--worker") {
  const [dir, index, count] = [process.argv[3], +process.argv[4], +process.argv[5]];
  const CSL = require("citeproc");
  const byId = new Map(items.map((it) => [it.id, it]));
  const retrieveLocale = (lang) => {
    try {
      return readFileSync(path.join(dir, `locales-${lang}.xml`), "utf8");
    } catch {
      return false;
    }
  };
  const files = sample(readdirSync(dir).filter((f) => f.endsWith(".csl")).sort());
  for (let i = index; i < files.length; i += count) {
    const xml = readFileSync(path.join(dir, files[i]), "utf8");
    const style = files[i].replace(/\.csl$/, "");
    const locale = /default-locale="([^"]+)"/.exec(xml.slice(0, 4000))?.[1] ?? "en-US";
    if (!citation && !/<bibliography[\s>]/.test(xml)) {
      console.log(JSON.stringify({ style, locale, error: "no bibliography" }));
      continue;
    }
    try {
      // One engine per style (the language: the style's default-locale, else en-US); each
      // item rendered alone (updateItems replaces the registry), so a numeric style numbers it [1].
      const engine = new CSL.Engine(
        { retrieveLocale, retrieveItem: (id) => structuredClone(byId.get(id)) },
        xml,
        "en-US",
      );
      const line = { style, locale };
      for (const format of ["text", "html"]) {
        engine.setOutputFormat(format);
        line[format] = {};
        for (const item of items) {
          try {
            engine.updateItems([item.id]);
            line[format][item.id] = citation
              ? engine.makeCitationCluster([{ id: item.id }])
              : engine.makeBibliography()[1].join("").trim();
          } catch {
            line[format][item.id] = null; // citeproc-js failed on this item: not compared
          }
        }
      }
      console.log(JSON.stringify(line));
    } catch (e) {
      console.log(JSON.stringify({ style, locale, error: String(e).slice(0, 200) }));
    }
  }
  process.exit(0);
}

const shared = path.resolve(root, "../shared/csl-all");
const stylesTar = process.argv[2] ?? path.join(shared, "styles-0819c0e0.tar.xz");
const localesTar = process.argv[3] ?? path.join(shared, "locales-938c09c1.tar.xz");
const tmp = mkdtempSync(path.join(os.tmpdir(), "csl-all-"));
execFileSync("tar", ["-xJf", stylesTar, "-C", tmp]);
execFileSync("tar", ["-xJf", localesTar, "-C", tmp]);

const jobs = Math.max(1, +(process.env.JOBS ?? 2));
const started = Date.now();
const outputs = await Promise.all(
  Array.from({ length: jobs }, (_, i) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--worker", tmp, i, jobs], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => (out += d));
    return new Promise((resolve, reject) =>
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${i}: ${code}`)))),
    );
  }),
);
const lines = outputs
  .flatMap((o) => o.split("\n").filter(Boolean))
  .map((l) => [JSON.parse(l).style, l])
  .sort((a, b) => (a[0] < b[0] ? -1 : 1))
  .map(([, l]) => l);
const header = JSON.stringify({
  citeproc: require("citeproc/package.json").version,
  styles: path.basename(stylesTar),
  locales: path.basename(localesTar),
  items: items.length,
  form: citation ? "citation" : "bibliography",
});
const dest = path.join(outDir, citation ? "expected-citation.jsonl.xz" : "expected.jsonl.xz");
writeFileSync(dest, execFileSync("xz", ["-9e", "-c"], { input: [header, ...lines].join("\n") + "\n", maxBuffer: 1 << 30 }));
rmSync(tmp, { recursive: true, force: true });
console.log(`wrote ${lines.length} styles x ${items.length} items x 2 formats to ${dest} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
