// A tiny static server for the browser tests (no dependencies), bound to 127.0.0.1.
//   /pages/<slug>/          tests/fixtures/pages/<slug>/source.html, charset from its <meta>
//   /strict/<slug>/         the same page with a CSP that forbids every script and wasm
//   /no-article/            homepage-not-article when that fixture exists, else a generated list page
//   /local/<name>/          tests/browser/fixtures/<name>.html (pages of the browser tests' own)
//   /hostile/               tests/browser/fixtures/hostile.html behind a CSP that stops its scripts
//                           on the original page, so whatever runs can only have run in the reader
//   /www/...                the www demo (as built by scripts/build-web.sh)
//   /paged/, /paged/2/, /paged/3/   tests/browser/fixtures/paged-{1,2,3}.html: a three-page article
//   /throws/                an article with an element of 1200 attributes: extract() throws
//                           {code: 'too-many-attributes'}
//
// It is also the browsers' HTTP proxy: a fixture is served at its own address (meta.json's
// canonicalUrl, over http), so the reader sees the real host, and every other request the
// pages make (images, scripts on the fixtures' real hosts) is answered at once with a 404
// instead of waiting for DNS. HTTPS (CONNECT) is refused at once.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAGES = path.resolve(here, '../fixtures/pages');
export const LOCAL = path.join(here, 'fixtures');
const WWW = path.resolve(here, '../../www');
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.csl': 'application/xml', '.xml': 'application/xml', '.woff2': 'font/woff2', '.png': 'image/png' };

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

function throwsPage() {
  const attrs = Array.from({ length: 1200 }, (_, i) => `data-k${i}="v"`).join(' ');
  const para = '<p>' + 'The quick brown fox jumps over the lazy dog, and the dog does not mind at all. '.repeat(12) + '</p>';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A page the core refuses</title></head>
<body><article><h1>A page the core refuses</h1><div ${attrs}>${para.repeat(6)}</div></article></body></html>`;
}

// http://host/path → slug, from the fixtures' meta.json (canonicalUrl, then url).
export function fixtureAddresses() {
  const map = new Map();
  if (!fs.existsSync(PAGES)) return map;
  for (const slug of fs.readdirSync(PAGES)) {
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(PAGES, slug, 'meta.json'), 'utf8'));
      for (const u of [meta.canonicalUrl, meta.url]) {
        if (!u) continue;
        const url = new URL(u);
        map.set('http://' + url.host + url.pathname + url.search, slug);
      }
    } catch { /* no meta */ }
  }
  return map;
}

// The address a fixture is served at through the proxy (http, the fixture's own host and path).
export function proxiedUrl(slug) {
  for (const [addr, s] of fixtureAddresses()) if (s === slug) return addr;
  return null;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function sendFixture(res, file, extra = {}) {
  if (!fs.existsSync(file)) return send(res, 404, 'no such fixture');
  const buf = fs.readFileSync(file);
  const charset = sniffCharset(buf);
  return send(res, 200, buf, { 'Content-Type': 'text/html' + (charset ? `; charset=${charset}` : ''), ...extra });
}

export function startServer(port = 0) {
  const addresses = fixtureAddresses();
  const server = http.createServer((req, res) => {
    const host = (req.headers.host || '').toLowerCase();
    const url = new URL(req.url, 'http://' + (host || '127.0.0.1'));
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(url.host)) {
      // Proxied request for another host.
      const slug = addresses.get('http://' + url.host + url.pathname + url.search);
      if (slug) return sendFixture(res, path.join(PAGES, slug, 'source.html'));
      return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
    }
    let m;
    if ((m = /^\/(pages|strict)\/([a-z0-9-]+)\/$/.exec(url.pathname))) {
      return sendFixture(res, path.join(PAGES, m[2], 'source.html'),
        m[1] === 'strict' ? { 'Content-Security-Policy': "default-src 'none'; img-src 'self'" } : {});
    }
    if ((m = /^\/local\/([a-z0-9-]+)\/$/.exec(url.pathname))) return sendFixture(res, path.join(LOCAL, m[1] + '.html'));
    if (url.pathname === '/hostile/') {
      return sendFixture(res, path.join(LOCAL, 'hostile.html'), { 'Content-Security-Policy': "script-src 'none'; object-src 'none'; frame-src 'none'" });
    }
    if (url.pathname.startsWith('/www/')) {
      const rel = decodeURIComponent(url.pathname.slice(5)) || 'index.html';
      const file = path.resolve(WWW, rel);
      if (!file.startsWith(WWW + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'not found');
      return send(res, 200, fs.readFileSync(file), { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    }
    if ((m = /^\/paged\/(?:([23])\/)?$/.exec(url.pathname))) return sendFixture(res, path.join(LOCAL, `paged-${m[1] || 1}.html`));
    if (url.pathname === '/throws/') return send(res, 200, throwsPage(), { 'Content-Type': 'text/html; charset=utf-8' });
    if (url.pathname === '/no-article/') {
      const file = path.join(PAGES, 'homepage-not-article', 'source.html');
      const body = fs.existsSync(file) ? fs.readFileSync(file) : listPage();
      return send(res, 200, body, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
  });
  // HTTPS through the proxy: refused at once (no TLS here).
  server.on('connect', (req, socket) => {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({ base, port: server.address().port, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { base } = await startServer(Number(process.argv[2] || 8765));
  console.log(`serving fixtures at ${base}/pages/<slug>/`);
}
