// Entry point for browsers (with a bundler, or as plain ES modules served
// with the package's files): the wasm is fetched next to the glue
// (`new URL('tidings_bg.wasm', import.meta.url)`, which bundlers understand)
// once `await init()` has been called; the citation module and the style
// files (csl/all/ archives included) are fetched on the first `cite`, `styles`
// or `searchStyles` that needs them.
import initExtraction, * as extraction from './pkg/tidings.js';
import { setPlatform } from './core.js';

export { TidingsError, init, extract, readerable, cite, styles, searchStyles } from './core.js';

let citeWasm;
// Computed at run time so bundlers do not try to inline thousands of style files:
// serve the package's csl/ folder and pass its URL as init({ styleBase }) if it moves.
let styleBase = new URL(['.', 'csl', ''].join('/'), import.meta.url);

setPlatform({
  configure(o) {
    if (o.citeWasm !== undefined) citeWasm = o.citeWasm;
    if (o.styleBase !== undefined) styleBase = new URL(String(o.styleBase).replace(/\/?$/, '/'), globalThis.location?.href);
  },
  async loadExtraction(wasm) {
    await initExtraction(wasm === undefined ? undefined : { module_or_path: wasm });
    return extraction;
  },
  async loadCitation() {
    const m = await import('./pkg/tidings_cite.js');
    await m.default(citeWasm === undefined ? undefined : { module_or_path: citeWasm });
    return m;
  },
  async readStyleFile(name) {
    const r = await fetch(new URL(name, styleBase));
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.text();
  },
  async readStyleBytes(name) {
    const r = await fetch(new URL(name, styleBase));
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.arrayBuffer();
  },
});
