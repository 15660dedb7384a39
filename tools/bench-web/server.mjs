// A tiny static server for the browser benchmark, on 127.0.0.1 only.
//   /bench/*            this folder (bench.html, bench.mjs)
//   /pkg/*              the wasm-bindgen pkg (TIDINGS_WEB_PKG, default <repo>/www/pkg)
//   /readability/*      @mozilla/readability from tools/readability/node_modules
//   /pages.json         [{name, url, src}] for every page below
//   /pages/fixture/<slug>.html, /pages/rtp/<slug>.html   the source.html files
//
// Run alone: node tools/bench-web/server.mjs [port]   (then open /bench/bench.html)

import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "../..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

export function pageList(corpus) {
  const pages = [];
  const fixtures = join(ROOT, "tests/fixtures/pages");
  for (const [dir, kind] of [[fixtures, "fixture"], [corpus, "rtp"]]) {
    if (!existsSync(dir)) continue;
    for (const slug of readdirSync(dir).sort()) {
      const src = join(dir, slug, "source.html");
      if (!existsSync(src)) continue;
      let url = "http://fakehost/test/page.html";
      if (kind === "fixture") {
        try {
          const meta = JSON.parse(readFileSync(join(dir, slug, "meta.json"), "utf8"));
          url = meta.url || meta.canonicalUrl || `https://example.org/${slug}/`;
        } catch {
          url = `https://example.org/${slug}/`;
        }
      }
      pages.push({ name: `${kind}/${slug}`, url, src: `/pages/${kind}/${slug}.html`, file: src });
    }
  }
  return pages;
}

export function startServer({ port = 0, pkg, corpus } = {}) {
  pkg = resolve(pkg || process.env.TIDINGS_WEB_PKG || join(ROOT, "www/pkg"));
  corpus = resolve(
    corpus || process.env.BENCH_CORPUS || join(ROOT, "../shared/corpora/readability-test-pages"),
  );
  const pages = pageList(corpus);
  const byPath = new Map(pages.map((p) => [p.src, p.file]));
  const mounts = [
    ["/bench/", HERE],
    ["/pkg/", pkg],
    ["/readability/", join(ROOT, "tools/readability/node_modules/@mozilla/readability")],
  ];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = null;
    let body = null;
    if (path === "/pages.json") {
      body = JSON.stringify(pages.map(({ name, url, src }) => ({ name, url, src })));
      res.setHeader("content-type", TYPES[".json"]);
    } else if (byPath.has(path)) {
      file = byPath.get(path);
      // Raw bytes: the page decodes them itself (some fixtures are GBK).
      res.setHeader("content-type", "application/octet-stream");
    } else {
      for (const [prefix, dir] of mounts) {
        if (path.startsWith(prefix)) {
          const f = normalize(join(dir, path.slice(prefix.length)));
          if (f.startsWith(dir) && existsSync(f) && statSync(f).isFile()) file = f;
          break;
        }
      }
      if (file) res.setHeader("content-type", TYPES[extname(file)] || "application/octet-stream");
    }
    if (body === null && file === null) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    res.setHeader("cache-control", "no-store");
    // Cross-origin isolation: performance.now() then ticks in 5 µs steps, not
    // 100 µs (small pages take about 0.1 ms).
    res.setHeader("cross-origin-opener-policy", "same-origin");
    res.setHeader("cross-origin-embedder-policy", "require-corp");
    res.end(body ?? readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.on("error", fail);
    server.listen(port, "127.0.0.1", () => ok({ server, port: server.address().port, pkg, pages }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { port, pkg, pages } = await startServer({ port: Number(process.argv[2] || 8765) });
  console.log(`serving ${pages.length} pages and ${pkg} on http://127.0.0.1:${port}/bench/bench.html`);
}
