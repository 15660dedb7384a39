// The public API of the `tidings` package, the same in every runtime. The two
// entry points (node.js, browser.js) hand it a platform: how to instantiate
// the two wasm-bindgen modules (pkg/tidings.js, extraction; pkg/tidings_cite.js,
// the CSL engine) and how to read a style file from the package's csl/ folder.
// Nothing is instantiated at import: the extraction module on `init()` (or,
// where the platform can, on the first `extract`), the citation module on the
// first `cite` or `styles`.

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
 * Every citation style and export format the citation module offers:
 * `{ name, id, label, cslFile, localeFile }` (the files are null for BibTeX,
 * RIS, CSL-JSON and the Wikipedia template).
 */
export async function styles() {
  return (await styleEntries()).map((s) => ({ ...s }));
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
 * item (an object with a `type`). Options: `style` (a name or official id from
 * `styles()`, default `apa`), `form` (`bibliography`, the default, or
 * `citation`: `unsupported-form` where the citation module lacks it), `format`
 * (`text` or `html`), `accessed` (YYYY-MM-DD; default today, UTC).
 */
export async function cite(input, options = {}) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw badArgument('cite() wants an article (from extract) or a CSL-JSON item object');
  }
  const { style = 'apa', form = 'bibliography', format = 'text', accessed } = options ?? {};
  if (typeof style !== 'string' || !style) throw badArgument('options.style must be a style name or id');
  if (format !== 'text' && format !== 'html') throw badArgument(`options.format must be "text" or "html", not ${JSON.stringify(format)}`);
  if (form !== 'bibliography' && form !== 'citation') {
    throw badArgument(`options.form must be "bibliography" or "citation", not ${JSON.stringify(form)}`);
  }
  if (accessed !== undefined && !(typeof accessed === 'string' && DATE.test(accessed))) {
    throw badArgument('options.accessed must be a YYYY-MM-DD date');
  }
  const m = await citationModule();
  const isItem = typeof input.type === 'string';
  // A citation module with the citation form takes it as one more, last argument
  // (article cite: 7 parameters; item cite: 6); one without it would ignore it.
  const formArity = isItem ? 6 : 7;
  if (form === 'citation' && (isItem ? m.citeItem : m.cite).length < formArity) {
    throw new TidingsError('unsupported-form', 'this build formats bibliography entries only (form: "bibliography")');
  }
  const extra = form === 'citation' ? [form] : [];
  const key = style.trim().toLowerCase();
  const entry = (await styleEntries()).find((s) => s.name.toLowerCase() === key || s.id.toLowerCase() === key);
  const [csl, locale] = entry && entry.cslFile
    ? await Promise.all([styleFile(entry.cslFile), entry.localeFile ? styleFile(entry.localeFile) : undefined])
    : [undefined, undefined];
  try {
    if (isItem) {
      let item = input;
      if (accessed) {
        const [y, mo, d] = accessed.split('-').map(Number);
        item = { ...input, accessed: { 'date-parts': [[y, mo, d]] } };
      }
      return m.citeItem(item, style, format, csl, locale, ...extra);
    }
    return m.cite(input, style, format, accessed ?? today(), csl, locale, ...extra);
  } catch (e) {
    throw wrap(e);
  }
}
