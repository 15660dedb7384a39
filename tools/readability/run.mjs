// Runs Mozilla Readability.js (with jsdom) over HTML files and writes one JSON
// line per file:
//   {file, title, byline, text, publishedTime, lang, siteName, dir, excerpt,
//    readerable, ms, parseMs, error?}
// `text` is the article's block text: the `content` HTML split on block
// elements, one block per line (the same shape as tidings' `text`).
// `readerable` is isProbablyReaderable() on the page, checked before parse().
// `ms` is jsdom parse + Readability.parse(); `parseMs` the jsdom part alone.
//
// Input: file paths as arguments, or JSON on stdin: an array of paths or of
// {file, url} objects. The page URL defaults to http://fakehost/test/page.html
// (the URL Readability's own test suite uses).
//
//   node tools/readability/run.mjs page1.html page2.html
//   echo '[{"file":"a.html","url":"https://example.com/a"}]' | node tools/readability/run.mjs

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability, isProbablyReaderable } from "@mozilla/readability";

const DEFAULT_URL = "http://fakehost/test/page.html";

const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
  "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul",
]);

/** Block text of an element: one line per block, whitespace collapsed except in <pre>. */
export function blockText(root) {
  const lines = [];
  let cur = "";
  const flush = () => {
    const t = cur.replace(/[ \t\r\n\f]+/g, " ").trim();
    if (t) lines.push(t);
    cur = "";
  };
  const walk = (node, inPre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        cur += n.data;
      } else if (n.nodeType === 1) {
        const tag = n.localName;
        if (tag === "script" || tag === "style" || tag === "template") continue;
        if (tag === "pre") {
          flush();
          for (const l of n.textContent.split("\n")) if (l.trim()) lines.push(l.trim());
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block) flush();
        else if (tag === "td" || tag === "th") cur += " ";
        walk(n, inPre);
        if (block) flush();
      }
    }
  };
  walk(root, false);
  flush();
  return lines.join("\n");
}

function readInput() {
  const args = process.argv.slice(2);
  if (args.length) return args.map((file) => ({ file }));
  const raw = readFileSync(0, "utf8").trim();
  if (!raw) return [];
  return JSON.parse(raw).map((x) => (typeof x === "string" ? { file: x } : x));
}

function runOne({ file, url }) {
  const bytes = readFileSync(file);
  const virtualConsole = new VirtualConsole(); // page scripts are not run; CSS errors are noise
  const t0 = performance.now();
  // Valid UTF-8 is read as UTF-8 (as Readability's own test suite reads its
  // pages, some of which declare another charset); anything else goes to jsdom
  // as bytes, which sniffs the charset (BOM, <meta charset>) as a browser does.
  let input = bytes;
  try {
    input = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: let jsdom sniff
  }
  const dom = new JSDOM(input, { url: url || DEFAULT_URL, virtualConsole, contentType: "text/html" });
  const doc = dom.window.document;
  const t1 = performance.now();
  const readerable = isProbablyReaderable(doc);
  const article = new Readability(doc).parse();
  const t2 = performance.now();
  const out = {
    file,
    readerable,
    ms: +(t2 - t1 + (t1 - t0)).toFixed(3),
    parseMs: +(t1 - t0).toFixed(3),
  };
  if (!article) {
    out.error = "no-article";
  } else {
    const frag = JSDOM.fragment(article.content || "");
    Object.assign(out, {
      title: article.title ?? null,
      byline: article.byline ?? null,
      text: blockText(frag),
      publishedTime: article.publishedTime ?? null,
      lang: article.lang ?? null,
      siteName: article.siteName ?? null,
      dir: article.dir ?? null,
      excerpt: article.excerpt ?? null,
    });
  }
  dom.window.close();
  return out;
}

for (const item of readInput()) {
  let line;
  try {
    line = runOne(item);
  } catch (e) {
    line = { file: item.file, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
