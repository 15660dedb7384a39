//! Tidings finds the article in a web page, removes the clutter around and
//! inside it (navigation, share bars, related links, copyright and Chinese
//! licence footers), reads its citation metadata and formats citations.
//!
//! The core is pure: input bytes or text, the page URL and "today" come in
//! through [`Options`]; nothing here touches the file system, the network or
//! the clock, which is why the same code runs in the CLI and as WebAssembly.
//!
//! ```
//! let html = r#"<html><head><title>Rain due | Daily</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!   <article><h1>Rain due</h1>
//!   <p>Heavy rain is expected across the region on Friday, forecasters said, with
//!   up to 80 millimetres falling in some places by the evening and more on the
//!   hills, where the ground is already soaked after a wet autumn and rivers are high.</p>
//!   <p>Residents were advised to avoid low-lying roads, and schools said they
//!   would stay open unless the warning level rose further. The council has put
//!   sandbags at the usual places and asked people to check on elderly neighbours.</p></article>
//!   <footer>Copyright 2024 © Daily. All Rights Reserved.</footer></body></html>"#;
//! let article = tidings::extract(html, Some("https://example.com/rain"), &tidings::Options::default()).unwrap();
//! assert_eq!(article.title, "Rain due");
//! assert!(article.text.starts_with("Heavy rain is expected"));
//! assert!(!article.text.contains("Copyright"));
//! ```

#![warn(missing_docs)]

mod citation;
pub mod cite;
mod date;
mod decode;
mod error;
mod extract;
mod metadata;
mod pageurl;
mod render;
mod rules;
mod sanitize;
mod text;
mod textinput;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use citation::item_from_article;
pub use error::{Error, ErrorKind};
pub use metadata::Author;
/// Our arena DOM and the HTML parse into it (the `tidings-dom` crate).
pub use tidings_dom as dom;

use serde::{Deserialize, Serialize};

/// Resource limits for one page. Hostile pages meet these and get an
/// [`Error`], never a truncated article presented as whole.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 64 MiB).
    pub max_bytes: usize,
    /// Most DOM nodes a page may build (default 4 million; a typical news page has 2–20 thousand).
    pub max_nodes: usize,
    /// Deepest element nesting accepted (default 1,024; real pages stay under 100, and
    /// browsers stop nesting at 512). Bounds the parser's per-tag stack scans.
    pub max_depth: usize,
    /// Most attributes on one tag, and on one element (a repeated `<body>` or
    /// `<html>` tag adds its attributes to the first); default 1,000, where
    /// real tags carry a few dozen.
    pub max_attributes: usize,
}

impl Limits {
    /// The part of the limits the HTML parse enforces.
    pub fn for_parse(&self) -> dom::Limits {
        dom::Limits {
            max_nodes: self.max_nodes,
            max_depth: self.max_depth,
            max_attributes: self.max_attributes,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 64 << 20,
            max_nodes: 4_000_000,
            max_depth: 1024,
            max_attributes: 1000,
        }
    }
}

/// What the input is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// An HTML document.
    #[default]
    Html,
    /// A text dump of a page (one block a line), cleaned with the same rule tables.
    Text,
}

/// Options for one extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the input is (HTML by default).
    pub input: InputKind,
    /// Resource limits for the page.
    pub limits: Limits,
    /// Answer even when the page has no main text (home pages, link lists):
    /// the best candidate, or the whole body cleaned (the reader's "show the
    /// whole page cleaned"), instead of [`ErrorKind::NoArticle`]. Without it,
    /// a page with main text is still returned whatever `readerable` says.
    pub force: bool,
    /// The block a person picked as the article: a path as [`pick_view`]
    /// writes it (`body>div:nth-of-type(2)>article:nth-of-type(1)`). The
    /// clutter rules, metadata and citation apply as for a block the core
    /// chose; a path the page no longer has is [`ErrorKind::PickNotFound`].
    pub pick: Option<String>,
}

/// A block removed as clutter, for the reader view's "removed" drawer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Removed {
    /// The rule that removed it (an id from the rule tables).
    pub rule: String,
    /// What the rule catches, in words.
    pub reason: String,
    /// The block's text.
    pub text: String,
    /// The block as sanitized HTML, so it can be restored.
    pub html: String,
}

/// The article found in a page, and its metadata.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Article {
    /// The headline as displayed, without site-name suffixes.
    pub title: String,
    /// The byline as a person would read it ("Jane Doe and John Roe", "Xinhua").
    pub byline: Option<String>,
    /// The authors as CSL-JSON names (people, or organisations written as shown).
    pub authors: Vec<Author>,
    /// The site's name as a reader knows it ("Shanghai Daily", "BBC News").
    pub site_name: Option<String>,
    /// The publisher, when the page names one apart from the site.
    pub publisher: Option<String>,
    /// ISO 8601; with the page's offset when it states one; date-only when it gives only a date.
    pub published_time: Option<String>,
    /// When the page says it was last updated; ISO 8601 as `published_time`.
    pub modified_time: Option<String>,
    /// BCP 47 language tag.
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// The summary (dek or description) the page shows or declares.
    pub excerpt: Option<String>,
    /// The site section ("News / Nation").
    pub section: Option<String>,
    /// The page's canonical address, absolute, without click-tracking parameters.
    pub canonical_url: Option<String>,
    /// The lead image's absolute URL.
    pub lead_image: Option<String>,
    /// The keywords the page declares.
    pub keywords: Vec<String>,
    /// Wire agency or original source ("Xinhua", "新华社").
    pub source: Option<String>,
    /// The responsible editor the page names (责任编辑, "Editor:").
    pub editor: Option<String>,
    /// Licence URL or name (`rel=license`, Creative Commons).
    pub license: Option<String>,
    /// CSL item type: `article-newspaper`, `post-weblog` or `webpage`.
    pub kind: String,
    /// Sanitized, allow-listed HTML of the article body.
    pub content: String,
    /// Plain text of the body, one line per block.
    pub text: String,
    /// Words in Latin-script text plus characters in CJK text.
    pub word_count: usize,
    /// Reading time in minutes, from `word_count`.
    pub reading_minutes: u32,
    /// The Readability-style page test (long link-poor paragraphs, or a long
    /// link-poor body): the toolbar's state, not whether there is an article.
    pub readerable: bool,
    /// Blocks removed as clutter.
    pub removed: Vec<Removed>,
    /// What the extraction could not use and went on without (a bad page URL).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The next page of an article split over several pages, when the page links to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page: Option<NextPage>,
}

/// The next page of a multi-page article.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NextPage {
    /// Its absolute address.
    pub url: String,
    /// Its page number (2 on the first page).
    pub page: u32,
    /// How many pages the article has, when the page says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<u32>,
}

/// Extracts the article from an HTML document (or a text dump, see [`InputKind`]).
pub fn extract(html: &str, url: Option<&str>, options: &Options) -> Result<Article, Error> {
    // A page address that cannot be used costs the links and the canonical
    // URL, never the article: the extraction goes on without it.
    let mut warnings = Vec::new();
    let base = page_url(url, &mut warnings);
    if html.len() > options.limits.max_bytes {
        return Err(too_large(html.len(), options.limits.max_bytes));
    }
    let mut article = match options.input {
        InputKind::Html => match &options.pick {
            Some(path) => extract::run_picked(html, base.as_ref(), options, path),
            None => extract::run(html, base.as_ref(), options),
        },
        InputKind::Text => textinput::run(html, base.as_ref()),
    }?;
    article.warnings = warnings;
    Ok(article)
}

/// The page's body as inert HTML to pick the article block from: block
/// structure only (no script, style, event handler, link target or image
/// source), each block with text carrying its path in `data-tidings-path`
/// for [`Options::pick`]. Not article content: the reader sanitizes it
/// again and shows it under its strict CSP.
pub fn pick_view(html: &str, options: &Options) -> Result<String, Error> {
    if html.len() > options.limits.max_bytes {
        return Err(too_large(html.len(), options.limits.max_bytes));
    }
    extract::pick_view(html, options)
}

/// Like [`pick_view`], from raw bytes (the charset found as for [`extract_bytes`]).
pub fn pick_view_bytes(bytes: &[u8], options: &Options) -> Result<String, Error> {
    if bytes.len() > options.limits.max_bytes {
        return Err(too_large(bytes.len(), options.limits.max_bytes));
    }
    pick_view(&decode::decode(bytes), options)
}

/// The caller's page address, or a warning when it cannot be used.
fn page_url(url: Option<&str>, warnings: &mut Vec<String>) -> Option<url::Url> {
    match url.map(str::trim) {
        Some(u) if !u.is_empty() => pageurl::parse(u)
            .map_err(|e| warnings.push(format!("ignored the page URL {u:?}: {e}")))
            .ok(),
        _ => None,
    }
}

/// Like [`extract`], from raw bytes: the charset is found the way browsers find it.
pub fn extract_bytes(bytes: &[u8], url: Option<&str>, options: &Options) -> Result<Article, Error> {
    extract_bytes_with_charset(bytes, None, url, options)
}

/// Like [`extract_bytes`], for bytes whose transport named a charset (the
/// `charset` parameter of an HTTP `Content-Type`, as in a WARC response
/// record): it comes after a byte-order mark and before the page's own
/// `<meta charset>`, as in browsers, except that a legacy label on valid UTF-8
/// text, or a UTF-8 label on invalid bytes of a page declaring another
/// charset, gives way to what the bytes show. `None` is [`extract_bytes`].
pub fn extract_bytes_with_charset(
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    if bytes.len() > options.limits.max_bytes {
        return Err(too_large(bytes.len(), options.limits.max_bytes));
    }
    if looks_binary(bytes) {
        return Err(Error::new(
            ErrorKind::NotHtml,
            "the input looks like binary data, not a web page",
        ));
    }
    extract(&decode::decode_with_charset(bytes, charset), url, options)
}

/// The article as Markdown, headed by its title and byline.
pub fn to_markdown(article: &Article) -> String {
    render::article_markdown(article)
}

/// Sanitizes an HTML fragment through the same allow-list as article content
/// (used for restoring removed blocks, and by the sanitizer tests).
pub fn sanitize_html(html: &str, base_url: Option<&str>) -> String {
    let base = base_url.and_then(|u| pageurl::parse(u).ok());
    sanitize::sanitize_fragment(html, base.as_ref())
}

/// Every rule that removes a block from an article, as `(id, what it catches)`:
/// clutter lines, credit lines and clutter-section headings. These ids are the
/// `rule` of [`Removed`] entries.
pub fn clutter_rules() -> Vec<(&'static str, &'static str)> {
    rules::clutter::LINE_RULES
        .iter()
        .chain(rules::credits::CREDIT_RULES)
        .chain(rules::candidates::NEGATIVE_BLOCK_RULES)
        .map(|r| (r.id, r.catches))
        .collect()
}

/// The UTC calendar date (`YYYY-MM-DD`) of a Unix timestamp: callers read the
/// clock and pass "today" in; the core never reads it.
pub fn iso_date_from_unix(secs: i64) -> String {
    date::from_unix(secs).to_iso()
}

/// Cheap check for the toolbar badge: does the page look like it holds an article?
pub fn readerable(html: &str) -> bool {
    extract::readerable(html)
}

/// Decodes a page's bytes the way [`extract_bytes`] does (byte-order mark,
/// `<meta charset>`, then UTF-8 or windows-1252), for callers that need the text.
pub fn decode_html(bytes: &[u8]) -> String {
    decode::decode(bytes)
}

fn too_large(len: usize, limit: usize) -> Error {
    Error::new(
        ErrorKind::TooLarge { limit },
        format!("the input is {len} bytes; the limit is {limit} bytes"),
    )
}

/// Binary files have NUL and control bytes early on; HTML and text do not.
/// A UTF-16 page (found by its byte-order mark) is half NUL bytes and is not binary.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let control = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0e..0x20).contains(&b) && b != 0x1b)
        .count();
    !head.is_empty() && control * 20 > head.len()
}
