// Entry point for Node (≥ 20), Deno and Bun: the wasm files are read from the
// package folder with fs, so `extract` and `readerable` work without `init()`
// (the extraction module is instantiated synchronously on first use).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as extraction from './pkg/tidings.js';
import { setPlatform } from './core.js';

export { TidingsError, init, extract, readerable, cite, styles, searchStyles } from './core.js';

/** A module given to init(): a path or URL is read; bytes or a WebAssembly.Module are used as they are. */
async function source(given, packaged) {
  if (given === undefined) return readFile(new URL(packaged, import.meta.url));
  return typeof given === 'string' || given instanceof URL ? readFile(given) : given;
}

let citeWasm; // init({ citeWasm }): bytes or a WebAssembly.Module instead of the packaged file
let styleBase = new URL('./csl/', import.meta.url);

setPlatform({
  configure(o) {
    if (o.citeWasm !== undefined) citeWasm = o.citeWasm;
    if (o.styleBase !== undefined) styleBase = new URL(String(o.styleBase).replace(/\/?$/, '/'));
  },
  loadExtractionSync() {
    extraction.initSync({ module: readFileSync(new URL('./pkg/tidings_bg.wasm', import.meta.url)) });
    return extraction;
  },
  async loadExtraction(wasm) {
    extraction.initSync({ module: await source(wasm, './pkg/tidings_bg.wasm') });
    return extraction;
  },
  async loadCitation() {
    const m = await import('./pkg/tidings_cite.js');
    m.initSync({ module: await source(citeWasm, './pkg/tidings_cite_bg.wasm') });
    return m;
  },
  readStyleFile(name) {
    return readFile(new URL(name, styleBase), 'utf8');
  },
  readStyleBytes(name) {
    return readFile(new URL(name, styleBase));
  },
});
