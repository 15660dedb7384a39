// Renders every fixture item with citeproc-js in every shipped CSL style and
// writes tests/fixtures/cite/expected.json, the ground truth for tests/cite_table.rs:
// for each style and item, the bibliography entry (`text`, `html`) and the citation
// (`citation_text`, `citation_html`): a single cite in first position, as
// makeCitationCluster writes it (the in-text citation, or the full first note in a note style).
//
// Usage: cd tools/citeproc && npm install && node generate.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cslDir = path.join(root, "csl");
const fixtures = path.join(root, "tests/fixtures/cite");

// Short name -> style file, in the order of the Rust style registry.
const STYLES = [
  ["apa", "apa"],
  ["mla", "modern-language-association"],
  ["chicago-notes", "chicago-notes-bibliography"],
  ["chicago-author-date", "chicago-author-date"],
  ["chicago-notes-17", "chicago-notes-bibliography-17th-edition"],
  ["chicago-author-date-17", "chicago-author-date-17th-edition"],
  ["harvard", "harvard-cite-them-right"],
  ["ieee", "ieee"],
  ["gb7714", "china-national-standard-gb-t-7714-2015-numeric"],
];
// The engine language when a style has no default-locale (same rule as the Rust engine).
const LANG = "en-US";

const items = JSON.parse(readFileSync(path.join(fixtures, "items.json"), "utf8"));
const byId = new Map(items.map((it) => [it.id, it]));

function retrieveLocale(lang) {
  try {
    return readFileSync(path.join(cslDir, `locales-${lang}.xml`), "utf8");
  } catch {
    return false;
  }
}

// One engine per style and format; each item is rendered alone (updateItems replaces the
// registry), so a numeric style numbers it [1]. `form` is "bibliography" or "citation".
function renderAll(styleXml, format, form) {
  const sys = {
    retrieveLocale,
    retrieveItem: (id) => structuredClone(byId.get(id)),
  };
  const engine = new CSL.Engine(sys, styleXml, LANG);
  engine.setOutputFormat(format);
  const out = {};
  for (const item of items) {
    engine.updateItems([item.id]);
    if (form === "citation") {
      out[item.id] = engine.makeCitationCluster([{ id: item.id }]);
    } else {
      const [, entries] = engine.makeBibliography();
      out[item.id] = entries.join("").trim();
    }
  }
  return out;
}

const expected = {};
for (const [name, file] of STYLES) {
  const styleXml = readFileSync(path.join(cslDir, `${file}.csl`), "utf8");
  const text = renderAll(styleXml, "text", "bibliography");
  const html = renderAll(styleXml, "html", "bibliography");
  const citeText = renderAll(styleXml, "text", "citation");
  const citeHtml = renderAll(styleXml, "html", "citation");
  expected[name] = {};
  for (const item of items) {
    expected[name][item.id] = {
      text: text[item.id],
      html: html[item.id],
      citation_text: citeText[item.id],
      citation_html: citeHtml[item.id],
    };
  }
}
writeFileSync(path.join(fixtures, "expected.json"), JSON.stringify(expected, null, 2) + "\n");
console.log(`wrote ${STYLES.length} styles x ${items.length} items x 2 formats x 2 forms`);
