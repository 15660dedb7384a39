// Types of the `tidings` package (hand-written; the same in every runtime).

/** A person credited with the article. */
export interface Author {
  /** The name as the page shows it. */
  name: string;
  [key: string]: unknown;
}

/** A block removed as clutter. */
export interface Removed {
  /** The rule that removed it (an id from the rule tables). */
  rule: string;
  /** What the rule catches, in words. */
  reason: string;
  /** The block's text. */
  text: string;
  /** The block as sanitized HTML, so it can be restored. */
  html: string;
}

/** The article found in a page: the object `tidings extract --format json` prints. */
export interface Article {
  /** The headline as displayed, without site-name suffixes. */
  title: string;
  /** The byline as a person would read it ("Jane Doe and John Roe", "Xinhua"). */
  byline: string | null;
  authors: Author[];
  siteName: string | null;
  publisher: string | null;
  /** ISO 8601; with the page's offset when it states one; date-only when it gives only a date. */
  publishedTime: string | null;
  modifiedTime: string | null;
  /** BCP 47 language tag. */
  lang: string | null;
  dir: 'ltr' | 'rtl';
  excerpt: string | null;
  section: string | null;
  canonicalUrl: string | null;
  leadImage: string | null;
  keywords: string[];
  /** Wire agency or original source ("Xinhua", "新华社"). */
  source: string | null;
  editor: string | null;
  /** Licence URL or name (`rel=license`, Creative Commons). */
  license: string | null;
  /** CSL item type: `article-newspaper`, `post-weblog` or `webpage`. */
  kind: string;
  /** Sanitized, allow-listed HTML of the article body. */
  content: string;
  /** Plain text of the body, one line per block. */
  text: string;
  /** Words in Latin-script text plus characters in CJK text. */
  wordCount: number;
  readingMinutes: number;
  /** The Readability-style page test: whether the page looks like an article. */
  readerable: boolean;
  /** Blocks removed as clutter. */
  removed: Removed[];
  /** What the extraction went on without (an unusable page URL); absent when none. */
  warnings?: string[];
}

/** A CSL-JSON item (https://citationstyles.org/): told from an article by its `type`. */
export interface CslItem {
  type: string;
  id?: string | number;
  title?: string;
  [key: string]: unknown;
}

/**
 * A citation style or export format. The common entries (`common: true`) come
 * first with their short name and packaged files; every other official CSL style
 * follows with its id as `name`, its title as `label` and no files.
 */
export interface Style {
  /** Short name, e.g. `apa`; an official style's id otherwise. */
  name: string;
  /** Official CSL id, e.g. `modern-language-association` (`bibtex`… for the export formats). */
  id: string;
  label: string;
  /** The CSL file under the package's `csl/` (null for the export formats and the catalog's styles). */
  cslFile: string | null;
  localeFile: string | null;
  /** One of the common entries the CLI's `tidings styles` lists first. */
  common: boolean;
  /** The style's title, e.g. `Nature` (CSL styles only, as every field below). */
  title?: string;
  /** Its short title, e.g. `MLA`, when it has one. */
  short?: string;
  /** Print ISSN of the journal a journal's style belongs to. */
  issn?: string;
  /** Electronic ISSN. */
  eissn?: string;
  /** A dependent style's independent style (id), whose rules it uses. */
  parent?: string;
  /** The style's own default locale, when it sets one. */
  locale?: string;
  /** `in-text` or `note`. */
  class?: 'in-text' | 'note';
  /** The citation format: `author-date`, `numeric`, `note`, `label` or `author`. */
  format?: string;
}

/**
 * Stable error codes: those of the CLI and the Rust core (`no-bibliography`:
 * the style has no bibliography, only citations or notes; `unknown-style`: its
 * message names the closest titles), plus `bad-argument` (a wrong argument type
 * or option) and `not-initialized` (browsers: `extract` before `await init()`).
 */
export type ErrorCode =
  | 'no-article'
  | 'not-html'
  | 'too-large'
  | 'too-many-nodes'
  | 'too-deep'
  | 'too-many-attributes'
  | 'internal'
  | 'unknown-style'
  | 'bad-style'
  | 'missing-style'
  | 'missing-locale'
  | 'bad-item'
  | 'bad-article'
  | 'bad-argument'
  | 'not-initialized'
  | 'no-bibliography';

export class TidingsError extends Error {
  readonly name: 'TidingsError';
  readonly code: ErrorCode | (string & {});
  constructor(code: string, message: string, options?: { cause?: unknown });
}

/** Where a wasm module comes from: a path or URL, a Response, bytes or a compiled module. */
export type WasmSource = string | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOptions {
  /** The extraction module (default: the package's `pkg/tidings_bg.wasm`). */
  wasm?: WasmSource;
  /** The citation module (default: the package's `pkg/tidings_cite_bg.wasm`). */
  citeWasm?: WasmSource;
  /** URL of the package's `csl/` folder, where a bundler serves it elsewhere. */
  styleBase?: string | URL;
}

/** Loads the extraction module. Required before `extract` in browsers; optional in Node, Deno and Bun. */
export function init(options?: InitOptions): Promise<void>;

export interface ExtractOptions {
  /** The page's address: resolves links and images, and is cited. */
  url?: string | URL | null;
  /** Answer even on pages without a main text (the best candidate, or the whole page cleaned). */
  force?: boolean;
  /** `html` (default), or `text`: a text dump of a page, one block a line (the CLI's `--input text`). */
  input?: 'html' | 'text';
}

/** The article in a page's HTML. Throws a {@link TidingsError}. */
export function extract(html: string, options?: ExtractOptions): Article;

/** Whether the page looks like an article (cheap). */
export function readerable(html: string): boolean;

export interface CiteOptions {
  /**
   * A common entry's name or id from {@link styles} (default `apa`), or any official
   * CSL style by id, title, short title or ISSN (see {@link searchStyles}).
   */
  style?: string;
  /** `bibliography` (default) or `citation` (the in-text citation, or a note style's first note). */
  form?: 'bibliography' | 'citation';
  /** `text` (default) or `html` (citeproc-js's `<div class="csl-entry">` markup). */
  format?: 'text' | 'html';
  /** Render in this locale (BCP 47, e.g. `de-AT`) instead of the style's default. */
  locale?: string;
  /** Access date, YYYY-MM-DD (default: today in UTC for articles; the item's own for CSL items). */
  accessed?: string;
}

/** Formats a citation; loads the citation module and the style's files on first use. */
export function cite(input: Article | CslItem, options?: CiteOptions): Promise<string>;

/**
 * Every style: the common entries and export formats, then every official CSL style
 * (`bibtex` twice: the export, and the CSL style of that id, cited by its title).
 */
export function styles(): Promise<Style[]>;

/**
 * Up to `limit` (default 20) official CSL styles matching `query` (words of a title in
 * any script, a short name, an id or an ISSN), best first.
 */
export function searchStyles(query: string, limit?: number): Promise<Style[]>;
