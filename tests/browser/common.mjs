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
};

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
  return {
    url: location.href,
    title: q('.title') && q('.title').textContent,
    firstParagraph: body && body.querySelector('p') && body.querySelector('p').textContent,
    pageText: document.body.innerText,
    citation: q('#citation') ? q('#citation').innerText : '',
    citeStyle: q('#cite-style') && q('#cite-style').value,
    error: q('.error-box') && { code: q('.error-box').dataset.code, text: q('.error-box').innerText },
    theme: document.documentElement.dataset.theme,
    bg: getComputedStyle(document.body).backgroundColor,
  };
}
