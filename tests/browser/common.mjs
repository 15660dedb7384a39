// Shared expectations and helpers for the browser tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const ARTIFACTS = path.join(here, 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const CHROME_DIR = path.join(ROOT, 'dist/tidings-chrome');
export const FIREFOX_DIR = path.join(ROOT, 'dist/tidings-firefox');

export const SEED = {
  slug: 'shine-seed',
  title: 'Chinese FM holds phone talks with S. Korean counterpart',
  firstParagraph: 'Chinese Foreign Minister Qin Gang on Monday held a phone conversation with South Korean Foreign Minister Park Jin.',
  absent: ['ICP', '公网安备', 'All Rights Reserved', 'EXPLORE SHINE', 'Editor: Zhu Ying'],
  byline: 'Xinhua',
  site: 'Shanghai Daily',
  date: 'January 10, 2023',
  canonical: 'https://www.shine.cn/news/nation/2301104951/',
};

// The Chinese page (GBK), served at its own address through the test server's proxy.
export const ZH = { slug: 'people-daily', title: '滴灌管铺进麦田 节水增收两不误', byline: '宋雨桐', date: 'March 12, 2024' };

export const shot = (name) => path.join(ARTIFACTS, name + '.png');
export const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim();

for (const dir of [CHROME_DIR, FIREFOX_DIR]) {
  if (!fs.existsSync(path.join(dir, 'manifest.json')) || !fs.existsSync(path.join(dir, 'pkg/tidings_bg.wasm'))) {
    throw new Error(`${dir} is not built: run scripts/build-web.sh first`);
  }
}

// Reads what the reader page shows, in the page (works over CDP and BiDi alike).
export function readerState() {
  const q = (s) => document.querySelector(s);
  const body = q('.article-body');
  const txt = (s) => (q(s) ? q(s).textContent.replace(/\s+/g, ' ').trim() : null);
  return {
    url: location.href,
    docTitle: document.title,
    title: q('.title') && q('.title').textContent,
    firstParagraph: body && body.querySelector('p') && body.querySelector('p').textContent,
    pageText: document.body.innerText,
    site: txt('.site-name'),
    byline: txt('.byline'),
    date: txt('.meta time'),
    readingTime: txt('.reading-time'),
    wordCount: txt('.word-count'),
    original: q('.original a') && q('.original a').href,
    citation: q('#citation') ? q('#citation').innerText : '',
    citeStyle: q('#cite-style') && q('#cite-style').value,
    error: q('.error-box') && { code: q('.error-box').dataset.code, text: q('.error-box').innerText },
    theme: document.documentElement.dataset.theme,
    bg: getComputedStyle(document.body).backgroundColor,
    ready: document.body.dataset.ready === 'true',
  };
}

// WCAG 2 contrast ratios of the reader's text and link colours against what they sit on, in
// the page's current theme. Runs in the page.
export function contrastReport() {
  const parse = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(c);
    return m ? [+m[1], +m[2], +m[3], m[4] == null ? 1 : +m[4]] : null;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // The first opaque background from the element up.
  const bgOf = (el) => {
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0.99) return c;
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor);
  };
  const out = {};
  const pairs = {
    bodyText: '.article-body p',
    link: '.original a',
    meta: '.meta',
    siteName: '.site-name',
    citation: '#citation',
    citeLabel: '.cite-controls label',
    primaryButton: '#copy-citation',
    button: '#back',
    footer: 'footer.about',
    footerLink: 'footer.about a',
  };
  for (const [name, sel] of Object.entries(pairs)) {
    const el = document.querySelector(sel);
    if (!el) continue;
    const fg = parse(getComputedStyle(el).color);
    out[name] = Math.round(ratio(fg, bgOf(el)) * 100) / 100;
  }
  return out;
}
