//! Citations: render an [`Item`] (CSL-JSON) as a bibliography entry in an official CSL
//! style (matching citeproc-js character for character), or as BibTeX, RIS, CSL-JSON or a
//! Wikipedia citation template.
//!
//! CSL styles and locales come from the Citation Style Language project
//! (<https://citationstyles.org/>, CC BY-SA 3.0; see `csl/README.md`).

mod bibtex;
mod csl;
mod item;
mod ris;
mod wikipedia;

pub use item::{Date, Item, Name};

use csl::locale::Locale;
use csl::output::Mode;
use csl::style::Style;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Output markup for CSL styles, as citeproc-js renders a bibliography entry: `Text`, or
/// `Html` including its `<div class="csl-entry">` wrapper (trimmed). BibTeX, RIS, CSL-JSON
/// and Wikipedia output is plain text whatever is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

/// A citation style or export format the UI can offer.
#[derive(Debug)]
pub struct StyleInfo {
    /// Short name, e.g. `mla`.
    pub name: &'static str,
    /// Official CSL id (file stem), e.g. `modern-language-association`.
    pub id: &'static str,
    /// Human-readable label.
    pub label: &'static str,
    /// CSL style file name under `csl/` (None for non-CSL formats).
    pub csl_file: Option<&'static str>,
    /// Locale file the style renders with by default (None for non-CSL formats).
    pub locale_file: Option<&'static str>,
}

const EN_US: Option<&str> = Some("locales-en-US.xml");

static STYLES: &[StyleInfo] = &[
    StyleInfo {
        name: "apa",
        id: "apa",
        label: "APA (7th edition)",
        csl_file: Some("apa.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "mla",
        id: "modern-language-association",
        label: "MLA (9th edition)",
        csl_file: Some("modern-language-association.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "chicago-notes",
        id: "chicago-notes-bibliography",
        label: "Chicago (18th edition, notes and bibliography)",
        csl_file: Some("chicago-notes-bibliography.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "chicago-author-date",
        id: "chicago-author-date",
        label: "Chicago (18th edition, author-date)",
        csl_file: Some("chicago-author-date.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "chicago-notes-17",
        id: "chicago-notes-bibliography-17th-edition",
        label: "Chicago (17th edition, notes and bibliography)",
        csl_file: Some("chicago-notes-bibliography-17th-edition.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "chicago-author-date-17",
        id: "chicago-author-date-17th-edition",
        label: "Chicago (17th edition, author-date)",
        csl_file: Some("chicago-author-date-17th-edition.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "harvard",
        id: "harvard-cite-them-right",
        label: "Harvard (Cite Them Right)",
        csl_file: Some("harvard-cite-them-right.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "ieee",
        id: "ieee",
        label: "IEEE",
        csl_file: Some("ieee.csl"),
        locale_file: EN_US,
    },
    StyleInfo {
        name: "gb7714",
        id: "china-national-standard-gb-t-7714-2015-numeric",
        label: "GB/T 7714-2015 (numeric)",
        csl_file: Some("china-national-standard-gb-t-7714-2015-numeric.csl"),
        locale_file: Some("locales-zh-CN.xml"),
    },
    StyleInfo {
        name: "bibtex",
        id: "bibtex",
        label: "BibTeX",
        csl_file: None,
        locale_file: None,
    },
    StyleInfo {
        name: "ris",
        id: "ris",
        label: "RIS",
        csl_file: None,
        locale_file: None,
    },
    StyleInfo {
        name: "csl-json",
        id: "csl-json",
        label: "CSL-JSON",
        csl_file: None,
        locale_file: None,
    },
    StyleInfo {
        name: "wikipedia",
        id: "wikipedia",
        label: "Wikipedia citation template",
        csl_file: None,
        locale_file: None,
    },
];

/// All supported styles and formats, in menu order.
pub fn styles() -> &'static [StyleInfo] {
    STYLES
}

/// Looks a style up by short name or official id (case-insensitive).
pub fn find_style(name_or_id: &str) -> Option<&'static StyleInfo> {
    let key = name_or_id.trim();
    STYLES
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(key) || s.id.eq_ignore_ascii_case(key))
}

/// Why a citation could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteError {
    code: &'static str,
    message: String,
}

impl CiteError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        CiteError {
            code,
            message: message.into(),
        }
    }
    pub(crate) fn bad_style(message: impl Into<String>) -> Self {
        CiteError::new("bad-style", message)
    }
    /// A style over one of the engine's limits (`style-too-large`, `style-too-deep`,
    /// `style-too-complex`; see `csl::style`).
    pub(crate) fn style_limit(code: &'static str, message: impl Into<String>) -> Self {
        CiteError::new(code, message)
    }
    /// Machine-readable kind: `unknown-style`, `bad-style` (unparsable or broken CSL/locale XML,
    /// a macro that calls itself), `style-too-large` (file over 4 MiB or 200,000 XML nodes),
    /// `style-too-deep` (elements or macro calls nested too deeply), `style-too-complex` (an
    /// entry needing too much work or output), `missing-style` / `missing-locale` (no XML
    /// given and none bundled), `bad-item`.
    pub fn code(&self) -> &'static str {
        self.code
    }
    /// Human-readable detail.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for CiteError {}

/// Parsed styles kept at once (the bundled ones fit).
const MAX_CACHED_STYLES: usize = 32;

/// A parsed style with its locale, shared between calls.
type Compiled = Arc<(Style, Locale)>;

fn cache() -> &'static Mutex<HashMap<(String, u64), Compiled>> {
    static CACHE: OnceLock<Mutex<HashMap<(String, u64), Compiled>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn compile(id: &str, csl_xml: &str, locale_xml: Option<&str>) -> Result<Compiled, CiteError> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    csl_xml.hash(&mut h);
    locale_xml.hash(&mut h);
    let key = (id.to_string(), h.finish());
    if let Some(c) = cache().lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(c);
    }
    let style = Style::parse(csl_xml)?;
    let lang = style.default_locale().unwrap_or("en-US").to_string();
    let locale_xml = match locale_xml {
        Some(x) => x,
        None => bundled_locale(&lang).ok_or_else(|| {
            CiteError::new("missing-locale", format!("no locale file for {lang}"))
        })?,
    };
    let locale = Locale::build(&lang, locale_xml, &style)?;
    let compiled = Arc::new((style, locale));
    if let Ok(mut m) = cache().lock() {
        // Callers may pass many distinct style files: keep the cache small.
        if m.len() >= MAX_CACHED_STYLES {
            m.clear();
        }
        m.insert(key, compiled.clone());
    }
    Ok(compiled)
}

/// Formats an item in a style. CSL styles use `csl_xml`/`locale_xml` when given (the
/// wasm build passes the files in), else the bundled copies (feature `bundled-styles`).
pub fn format_with(
    item: &Item,
    style: &StyleInfo,
    format: Format,
    csl_xml: Option<&str>,
    locale_xml: Option<&str>,
) -> Result<String, CiteError> {
    match style.id {
        "bibtex" => return Ok(bibtex::format(item)),
        "ris" => return Ok(ris::format(item)),
        "wikipedia" => return Ok(wikipedia::format(item)),
        "csl-json" => {
            return serde_json::to_string_pretty(item)
                .map_err(|e| CiteError::new("bad-item", e.to_string()));
        }
        _ => {}
    }
    let csl_xml = match csl_xml {
        Some(x) => x,
        None => bundled_style(style).ok_or_else(|| {
            CiteError::new("missing-style", format!("no CSL file for {}", style.id))
        })?,
    };
    let compiled = compile(style.id, csl_xml, locale_xml)?;
    let mode = match format {
        Format::Text => Mode::Text,
        Format::Html => Mode::Html,
    };
    csl::bibliography_entry(&compiled.0, &compiled.1, item, mode)
}

/// Formats an item with the bundled style files (`style_name_or_id` as in [`find_style`]).
#[cfg(feature = "bundled-styles")]
pub fn format(item: &Item, style_name_or_id: &str, format: Format) -> Result<String, CiteError> {
    let style = find_style(style_name_or_id).ok_or_else(|| {
        CiteError::new(
            "unknown-style",
            format!("unknown style `{style_name_or_id}`"),
        )
    })?;
    format_with(item, style, format, None, None)
}

/// Parses a CSL-JSON item, mapping errors to `bad-item`.
pub fn parse_item(json: &str) -> Result<Item, CiteError> {
    Item::from_json(json).map_err(|e| CiteError::new("bad-item", e.to_string()))
}

#[cfg(feature = "bundled-styles")]
fn bundled_style(style: &StyleInfo) -> Option<&'static str> {
    Some(match style.csl_file? {
        "apa.csl" => include_str!("../../csl/apa.csl"),
        "modern-language-association.csl" => {
            include_str!("../../csl/modern-language-association.csl")
        }
        "chicago-notes-bibliography.csl" => {
            include_str!("../../csl/chicago-notes-bibliography.csl")
        }
        "chicago-author-date.csl" => include_str!("../../csl/chicago-author-date.csl"),
        "chicago-notes-bibliography-17th-edition.csl" => {
            include_str!("../../csl/chicago-notes-bibliography-17th-edition.csl")
        }
        "chicago-author-date-17th-edition.csl" => {
            include_str!("../../csl/chicago-author-date-17th-edition.csl")
        }
        "harvard-cite-them-right.csl" => include_str!("../../csl/harvard-cite-them-right.csl"),
        "ieee.csl" => include_str!("../../csl/ieee.csl"),
        "china-national-standard-gb-t-7714-2015-numeric.csl" => {
            include_str!("../../csl/china-national-standard-gb-t-7714-2015-numeric.csl")
        }
        _ => return None,
    })
}

#[cfg(not(feature = "bundled-styles"))]
fn bundled_style(_style: &StyleInfo) -> Option<&'static str> {
    None
}

#[cfg(feature = "bundled-styles")]
fn bundled_locale(lang: &str) -> Option<&'static str> {
    match lang {
        "en-US" | "en" => Some(include_str!("../../csl/locales-en-US.xml")),
        "zh-CN" | "zh" => Some(include_str!("../../csl/locales-zh-CN.xml")),
        _ => None,
    }
}

#[cfg(not(feature = "bundled-styles"))]
fn bundled_locale(_lang: &str) -> Option<&'static str> {
    None
}
