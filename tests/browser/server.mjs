// A tiny static server for the browser tests (no dependencies), bound to 127.0.0.1.
//   /pages/<slug>/          tests/fixtures/pages/<slug>/source.html, charset from its <meta>
//   /strict/<slug>/         the same page with a CSP that forbids every script and wasm
//   /no-article/            homepage-not-article when that fixture exists, else a generated list page
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAGES = path.resolve(here, '../fixtures/pages');

function sniffCharset(buf) {
  const head = buf.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function listPage() {
  const items = Array.from({ length: 40 }, (_, i) => `<li><a href="/story/${i}">Headline number ${i + 1}</a> <span>2 min</span></li>`).join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Front page | Example News</title></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><h1>Latest</h1><ul>${items}</ul></main><footer>© Example News. All Rights Reserved.</footer></body></html>`;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

export function startServer(port = 0) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let m;
    if ((m = /^\/(pages|strict)\/([a-z0-9-]+)\/$/.exec(url.pathname))) {
      const file = path.join(PAGES, m[2], 'source.html');
      if (!fs.existsSync(file)) return send(res, 404, 'no such fixture');
      const buf = fs.readFileSync(file);
      const charset = sniffCharset(buf);
      const headers = { 'Content-Type': 'text/html' + (charset ? `; charset=${charset}` : '') };
      if (m[1] === 'strict') headers['Content-Security-Policy'] = "default-src 'none'; img-src 'self'";
      return send(res, 200, buf, headers);
    }
    if (url.pathname === '/no-article/') {
      const file = path.join(PAGES, 'homepage-not-article', 'source.html');
      const body = fs.existsSync(file) ? fs.readFileSync(file) : listPage();
      return send(res, 200, body, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({ base, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { base } = await startServer(Number(process.argv[2] || 8765));
  console.log(`serving fixtures at ${base}/pages/<slug>/`);
}
