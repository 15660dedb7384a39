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

/** A citation style or export format. */
export interface Style {
  /** Short name, e.g. `apa`. */
  name: string;
  /** Official CSL id, e.g. `modern-language-association`. */
  id: string;
  label: string;
  /** The CSL file under the package's `csl/` (null for BibTeX, RIS, CSL-JSON, Wikipedia). */
  cslFile: string | null;
  localeFile: string | null;
}

/**
 * Stable error codes: those of the CLI and the Rust core, plus `bad-argument`
 * (a wrong argument type or option), `not-initialized` (browsers: `extract`
 * before `await init()`) and `unsupported-form` (`form: 'citation'` where the
 * citation module lacks it).
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
  | 'unsupported-form';

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
  /** A style's name or official id from {@link styles} (default `apa`). */
  style?: string;
  /** `bibliography` (default) or `citation` (`unsupported-form` where the citation module lacks it). */
  form?: 'bibliography' | 'citation';
  /** `text` (default) or `html` (citeproc-js's `<div class="csl-entry">` markup). */
  format?: 'text' | 'html';
  /** Access date, YYYY-MM-DD (default: today in UTC for articles; the item's own for CSL items). */
  accessed?: string;
}

/** Formats a citation; loads the citation module and the style's files on first use. */
export function cite(input: Article | CslItem, options?: CiteOptions): Promise<string>;

/** Every style and export format the citation module offers. */
export function styles(): Promise<Style[]>;
