// The public API of the `tidings` package, the same in every runtime. The two
// entry points (node.js, browser.js) hand it a platform: how to instantiate
// the two wasm-bindgen modules (pkg/tidings.js, extraction; pkg/tidings_cite.js,
// the CSL engine) and how to read a file from the package's csl/ folder (the
// common styles' .csl/.xml files, and csl/all/: the catalog of every official
// style as zstd archives the citation module decodes).
// Nothing is instantiated at import: the extraction module on `init()` (or,
// where the platform can, on the first `extract`), the citation module on the
// first `cite`, `styles` or `searchStyles`; the catalog's index on the first
// `styles`, `searchStyles` or `cite` in a style outside the common ones, and
// each archive of styles when a style in it is first used.

/** An error from Tidings, with the stable `code` the CLI and the Rust `Error` use. */
export class TidingsError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'TidingsError';
    this.code = code;
  }
}

let platform = null;
let extraction = null; // the initialised extraction module
let extractionLoading = null;
let citation = null; // Promise of the initialised citation module
let styleList = null;
const styleFiles = new Map(); // file name → Promise<string>
let catalogReady = null; // Promise: the catalog index handed to the citation module
let catalogList = null; // every catalog style, as styles() gives them
const archives = new Map(); // csl/all/ archive name → Promise<Uint8Array>
const archiveBytes = new Map(); // the archives read so far: name → Uint8Array

/** Called once by the entry point. */
export function setPlatform(p) {
  platform = p;
}

/** A wasm-side failure ({code, message}) or a trap as a TidingsError. */
function wrap(e) {
  if (e instanceof TidingsError) return e;
  if (e && typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string') {
    return new TidingsError(e.code, e.message);
  }
  // A trap (a bug in the core: wasm aborts on panic) or an engine error.
  return new TidingsError('internal', `internal error: ${e && e.message ? e.message : String(e)}`, { cause: e });
}

function badArgument(message) {
  return new TidingsError('bad-argument', message);
}

/**
 * Loads the extraction module. Needed once before `extract`/`readerable` where
 * the wasm cannot be read synchronously (browsers); optional in Node, Deno and
 * Bun. `options.wasm` / `options.citeWasm` override where the modules come from
 * (a URL, a Response, bytes or a WebAssembly.Module); `options.styleBase` is
 * the URL of the package's csl/ folder when a bundler serves it elsewhere.
 */
export async function init(options = {}) {
  if (options.styleBase !== undefined || options.citeWasm !== undefined) {
    platform.configure({ styleBase: options.styleBase, citeWasm: options.citeWasm });
  }
  if (extraction) return;
  if (!extractionLoading) {
    extractionLoading = platform.loadExtraction(options.wasm).then(
      (m) => { extraction = m; },
      (e) => { extractionLoading = null; throw wrap(e); },
    );
  }
  await extractionLoading;
}

function extractionModule() {
  if (extraction) return extraction;
  if (platform.loadExtractionSync) {
    try {
      extraction = platform.loadExtractionSync();
    } catch (e) {
      throw wrap(e);
    }
    return extraction;
  }
  throw new TidingsError('not-initialized', 'call `await init()` once before extract() or readerable()');
}

/**
 * The article in a page: the same object as `tidings extract --format json`.
 * `options.input: 'text'` cleans a text dump of a page (one block a line), as
 * the CLI's `--input text` does.
 * Throws a TidingsError: `no-article`, `not-html`, `too-large`,
 * `too-many-nodes`, `too-deep`, `too-many-attributes`, `internal`.
 */
export function extract(html, options = {}) {
  if (typeof html !== 'string') throw badArgument('extract() wants the page as a string');
  const { url, force, input = 'html' } = options ?? {};
  if (url !== undefined && url !== null && typeof url !== 'string' && !(url instanceof URL)) {
    throw badArgument('options.url must be a string or a URL');
  }
  if (input !== 'html' && input !== 'text') throw badArgument('options.input must be "html" or "text"');
  const m = extractionModule();
  const address = url ? String(url) : '';
  let article;
  try {
    article = input === 'text'
      ? m.extractText(html, address, Boolean(force))
      : m.extract(html, address, '', Boolean(force));
  } catch (e) {
    throw wrap(e);
  }
  // The extension's module adds the reader's access date; the CLI's JSON has none.
  delete article.accessed;
  return article;
}

/** Whether the page looks like an article (Readability's test; cheap). */
export function readerable(html) {
  if (typeof html !== 'string') throw badArgument('readerable() wants the page as a string');
  const m = extractionModule();
  try {
    return m.readerable(html);
  } catch (e) {
    throw wrap(e);
  }
}

function citationModule() {
  if (!citation) {
    citation = platform.loadCitation().catch((e) => {
      citation = null;
      throw wrap(e);
    });
  }
  return citation;
}

/**
 * Every citation style and export format: first the common entries the
 * citation module offers (`common: true`; `{ name, id, label, cslFile,
 * localeFile }`, the files null for BibTeX, RIS, CSL-JSON and the Wikipedia
 * template), then every other official CSL style of the catalog (`name` is its
 * id, `label` its title, no files). CSL styles also carry the catalog's
 * `title`, `class` (`in-text`/`note`), `format`, and `short`, `issn`, `eissn`,
 * `parent` (a dependent style's independent one), `locale` when they have them.
 */
export async function styles() {
  const m = await citationModule();
  await catalog(m);
  if (!catalogList) {
    const common = await styleEntries();
    const all = call(() => m.stylesAll());
    // The common CSL entries stand for their catalog entries; the export formats do not
    // (the official CSL style `bibtex` is listed apart from the BibTeX export).
    const ids = new Set(common.filter((s) => s.cslFile).map((s) => s.id));
    catalogList = [...common.map((s) => asStyle(m, s)), ...all.filter((e) => !ids.has(e.id)).map((e) => fromEntry(e, null))];
  }
  return catalogList.map((s) => ({ ...s }));
}

/**
 * Up to `limit` (default 20) official CSL styles matching `query` (words of a
 * title in any script, a short name, an id or an ISSN), best first, shaped as
 * `styles()` gives them.
 */
export async function searchStyles(query, limit = 20) {
  if (typeof query !== 'string') throw badArgument('searchStyles() wants the query as a string');
  if (!Number.isInteger(limit) || limit < 0) throw badArgument('limit must be a whole number ≥ 0');
  const m = await citationModule();
  await catalog(m);
  const common = await styleEntries();
  const hits = call(() => m.stylesSearch(query, Math.min(limit, 0xffffffff)));
  return hits.map((e) => fromEntry(e, common.find((s) => s.cslFile && s.id === e.id) ?? null));
}

/** A catalog entry in the shape of styles(), with the common entry's fields when it is one. */
function fromEntry(e, common) {
  return {
    name: common ? common.name : e.id,
    label: common ? common.label : e.title,
    cslFile: common ? common.cslFile : null,
    localeFile: common ? common.localeFile : null,
    common: Boolean(common),
    ...e,
  };
}

/** A common entry with the catalog's fields for its style (none for the export formats). */
function asStyle(m, s) {
  const e = s.cslFile ? call(() => m.styleInfo(s.id)) : null;
  return e ? fromEntry(e, s) : { ...s, common: true };
}

/** Hands the catalog's index (csl/all/index.tsv.zst) to the citation module, once. */
function catalog(m) {
  if (!catalogReady) {
    catalogReady = archive('index.tsv.zst').then((b) => {
      // Decoded into the module: its bytes are not needed again.
      archives.delete('index.tsv.zst');
      archiveBytes.delete('index.tsv.zst');
      call(() => m.catalogLoad(b));
    });
    catalogReady.catch(() => { catalogReady = null; });
  }
  return catalogReady;
}

/** The bytes of an archive in csl/all/, read once (the module may drop a decoded chunk later). */
function archive(name) {
  if (!archives.has(name)) {
    const p = platform.readStyleBytes('all/' + name).then(
      (b) => {
        const bytes = new Uint8Array(b);
        archiveBytes.set(name, bytes);
        return bytes;
      },
      (e) => {
        archives.delete(name);
        throw new TidingsError('missing-style', `cannot read the package's csl/all/${name}: ${e && e.message ? e.message : e}`, { cause: e });
      },
    );
    archives.set(name, p);
  }
  return archives.get(name);
}

const chunkName = (n) => `styles-${String(n).padStart(2, '0')}.zst`;

/** Reads what `key`'s style needs (its archive of styles, the locales) unless the module has it. */
async function prepare(m, key) {
  await catalog(m);
  // An unknown key needs nothing: citeStyle then names the closest titles.
  if (call(() => m.styleInfo(key)) === null) return;
  const need = call(() => m.styleNeeds(key));
  const jobs = [];
  if (need.chunk !== null && need.chunk !== undefined) jobs.push(archive(chunkName(need.chunk)));
  if (need.locales) jobs.push(archive('locales.zst'));
  await Promise.all(jobs);
}

/**
 * Hands in what `prepare` read, synchronously just before the cite: the module keeps a
 * few archives only, and concurrent cites in styles of other archives may have made it
 * drop this one since.
 */
function handIn(m, key) {
  if (call(() => m.styleInfo(key)) === null) return;
  const need = call(() => m.styleNeeds(key));
  if (need.chunk !== null && need.chunk !== undefined && archiveBytes.has(chunkName(need.chunk))) {
    call(() => m.styleAddChunk(need.chunk, archiveBytes.get(chunkName(need.chunk))));
  }
  if (need.locales && archiveBytes.has('locales.zst')) call(() => m.styleAddLocales(archiveBytes.get('locales.zst')));
}

/** Runs a call into the citation module, its failures as TidingsError. */
function call(f) {
  try {
    return f();
  } catch (e) {
    throw wrap(e);
  }
}

/** The citation module's list, read once (callers of `styles()` get copies). */
async function styleEntries() {
  if (!styleList) {
    const m = await citationModule();
    try {
      styleList = m.styles();
    } catch (e) {
      throw wrap(e);
    }
  }
  return styleList;
}

function styleFile(name) {
  if (!styleFiles.has(name)) {
    const p = platform.readStyleFile(name).catch((e) => {
      styleFiles.delete(name);
      throw new TidingsError('missing-style', `cannot read the package's csl/${name}: ${e && e.message ? e.message : e}`, { cause: e });
    });
    styleFiles.set(name, p);
  }
  return styleFiles.get(name);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today in UTC as YYYY-MM-DD (the CLI's default access date). */
function today() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Formats a citation of an article (as `extract` returns it) or of a CSL-JSON
 * item (an object with a `type`). Options: `style` (default `apa`): a common
 * entry's name or id from `styles()`, or any official CSL style by id, title,
 * short title or ISSN (a dependent style uses its parent's rules); `form`
 * (`bibliography`, the default, or `citation`: the in-text citation or a note
 * style's first note); `format` (`text` or `html`); `locale` (a BCP 47 tag,
 * e.g. `de-AT`: render in it instead of the style's default); `accessed`
 * (YYYY-MM-DD; default today, UTC, for articles, the item's own for items).
 */
export async function cite(input, options = {}) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw badArgument('cite() wants an article (from extract) or a CSL-JSON item object');
  }
  const { style = 'apa', form = 'bibliography', format = 'text', accessed, locale } = options ?? {};
  if (typeof style !== 'string' || !style.trim()) throw badArgument('options.style must be a style name, id, title or ISSN');
  if (format !== 'text' && format !== 'html') throw badArgument(`options.format must be "text" or "html", not ${JSON.stringify(format)}`);
  if (form !== 'bibliography' && form !== 'citation') {
    throw badArgument(`options.form must be "bibliography" or "citation", not ${JSON.stringify(form)}`);
  }
  if (accessed !== undefined && !(typeof accessed === 'string' && DATE.test(accessed))) {
    throw badArgument('options.accessed must be a YYYY-MM-DD date');
  }
  if (locale !== undefined && !(typeof locale === 'string' && locale.trim())) {
    throw badArgument('options.locale must be a locale tag such as "en-GB"');
  }
  const m = await citationModule();
  const isItem = typeof input.type === 'string';
  let item = input;
  if (isItem && accessed) {
    const [y, mo, d] = accessed.split('-').map(Number);
    item = { ...input, accessed: { 'date-parts': [[y, mo, d]] } };
  }
  const key = style.trim().toLowerCase();
  const entry = (await styleEntries()).find((s) => s.name.toLowerCase() === key || s.id.toLowerCase() === key);
  // The common entries with their packaged files, as the CLI does: the export formats
  // always, the CSL ones unless another locale is asked for (or, for an item, the
  // citation form, which the module gives for items through the catalog only); every
  // other style through the catalog.
  if (entry && (!entry.cslFile || (locale === undefined && !(isItem && form === 'citation')))) {
    const [csl, localeXml] = entry.cslFile
      ? await Promise.all([styleFile(entry.cslFile), entry.localeFile ? styleFile(entry.localeFile) : undefined])
      : [undefined, undefined];
    const extra = form === 'citation' ? [form] : [];
    try {
      return isItem
        ? m.citeItem(item, style, format, csl, localeXml)
        : m.cite(input, style, format, accessed ?? today(), csl, localeXml, ...extra);
    } catch (e) {
      throw wrap(e);
    }
  }
  await prepare(m, style);
  handIn(m, style);
  // An item (told by its `type`) keeps its own access date; an article's is given.
  return call(() => m.citeStyle(item, style, format, isItem ? '' : accessed ?? today(), locale, undefined, form));
}
