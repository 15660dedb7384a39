//! The citation form: one cite's context (position, locator, citation number, year suffix,
//! disambiguation state) and the assembly of a cluster of cites under the style's
//! `<citation>` layout (its delimiter, affixes and formatting), as citeproc-js writes it.

use super::locale::Locale;
use super::output::{self, Blob, Content, Mode, Writer};
use super::render::{decorations, Renderer};
use super::style::Style;
use crate::cite::item::Item;
use crate::cite::CiteError;

/// CSL cite positions, in citeproc-js's numbering (0 first … 3 ibid-with-locator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    #[default]
    First,
    Subsequent,
    Ibid,
    IbidWithLocator,
}

impl Position {
    /// citeproc-js's number for a position (0–3); anything else is `first`.
    pub fn from_number(n: i64) -> Position {
        match n {
            1 => Position::Subsequent,
            2 => Position::Ibid,
            3 => Position::IbidWithLocator,
            _ => Position::First,
        }
    }

    /// Whether a `position="…"` test value holds (CSL 1.0.2: ibid-with-locator implies
    /// ibid, and ibid implies subsequent).
    pub fn test(self, value: &str, near_note: bool) -> bool {
        match value {
            "first" => self == Position::First,
            "subsequent" => self != Position::First,
            "ibid" => matches!(self, Position::Ibid | Position::IbidWithLocator),
            "ibid-with-locator" => self == Position::IbidWithLocator,
            "near-note" => self != Position::First && near_note,
            _ => false,
        }
    }
}

/// How a name list is widened to tell items apart (`disambiguate-add-names`,
/// `disambiguate-add-givenname`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameDisambiguation {
    /// Names shown beyond et-al-use-first (0: none added).
    pub add_names: usize,
    /// Given names: 0 as styled, 1 initials (when the style initializes), 2 in full.
    pub given_level: u8,
}

/// The context of one cite: what the CSL citation variables and conditions see.
#[derive(Debug, Clone, Default)]
pub struct CiteCtx {
    pub position: Position,
    pub near_note: bool,
    pub locator: Option<String>,
    /// The locator's label (a locator term such as `page`, `chapter`); `page` when absent.
    pub label: Option<String>,
    pub citation_number: usize,
    /// 1-based year suffix (1 = "a").
    pub year_suffix: Option<usize>,
    /// The `disambiguate="true"` condition holds.
    pub disambiguate: bool,
    pub names: NameDisambiguation,
    pub first_reference_note_number: Option<usize>,
    /// Whether the year suffix needs no implicit placement: the style renders `year-suffix`
    /// itself, or it was already put after the cite's first year.
    pub explicit_year_suffix: bool,
    /// Rendering a sort key (names family first, no et-al).
    pub sorting: bool,
    /// A term rendered before any other text of the cite gets a capital (the first cite of
    /// a note citation, unless a one-word prefix or one not ending a sentence precedes it).
    pub capitalize_first_term: bool,
}

/// One cite of a cluster: the item, its context and the user's prefix and suffix.
#[derive(Debug, Clone)]
pub struct Cite<'a> {
    pub item: &'a Item,
    pub ctx: CiteCtx,
    pub prefix: String,
    pub suffix: String,
}

/// Year suffix letters: 1 → a, 26 → z, 27 → aa (citeproc-js numbering).
pub fn year_suffix_letters(n: usize) -> String {
    let mut n = n.max(1);
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push((b'a' + r as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Renders one cite's layout children (without the layout's affixes) in the citation area.
pub fn render_cite(
    area: &Style,
    locale: &Locale,
    item: &Item,
    ctx: &CiteCtx,
) -> Result<Blob, CiteError> {
    let mut r = Renderer::new(area, locale, item);
    r.cite = ctx.clone();
    let layout = area.bibliography.child("layout");
    let mut kids = Vec::new();
    if let Some(l) = layout {
        r.render_children(&l.children, &mut kids);
    }
    if let Some(e) = r.error.take() {
        return Err(e);
    }
    Ok(Blob::group(kids))
}

/// Renders a cluster of cites with the citation layout's delimiter, affixes and formatting.
pub fn cluster(
    area: &Style,
    locale: &Locale,
    cites: &[Cite],
    mode: Mode,
) -> Result<String, CiteError> {
    let layout = area.bibliography.child("layout");
    let mut blobs = Vec::new();
    for (n, c) in cites.iter().enumerate() {
        let mut ctx = c.ctx.clone();
        ctx.capitalize_first_term = n == 0 && area.is_note() && opens_sentence(&c.prefix);
        let mut b = render_cite(area, locale, c.item, &ctx)?;
        output::purge_empty(&mut b);
        if matches!(&b.content, Content::Blobs(k) if k.is_empty()) {
            continue;
        }
        let mut wrapped = Blob::group(vec![b]);
        wrapped.prefix = cite_prefix(&c.prefix);
        wrapped.suffix = cite_suffix(&c.suffix);
        blobs.push(wrapped);
    }
    if blobs.is_empty() {
        return Ok(String::new());
    }
    let mut root = Blob::group(blobs);
    if let Some(l) = layout {
        // citeproc-js: the layout's formatting wraps its affixes.
        root.delimiter = l.attr("delimiter").unwrap_or("").to_string();
        let mut affixed = Blob::group(vec![root]);
        affixed.prefix = l.attr("prefix").unwrap_or("").to_string();
        affixed.suffix = l.attr("suffix").unwrap_or("").to_string();
        root = Blob::group(vec![affixed]);
        root.decorations = decorations(l);
    }
    output::adjust(&mut root, locale.punctuation_in_quote);
    let w = Writer { mode, locale };
    Ok(w.render(&root))
}

/// A user prefix is followed by a space unless it ends in one (or in an opening bracket).
fn cite_prefix(p: &str) -> String {
    if p.is_empty() || p.ends_with([' ', '(', '[', '\u{a0}']) {
        p.to_string()
    } else {
        format!("{p} ")
    }
}

/// A user suffix is preceded by a space unless it starts with one or with punctuation.
fn cite_suffix(s: &str) -> String {
    if s.is_empty() || s.starts_with([' ', ',', '.', ';', ':', ')', ']', '\u{a0}']) {
        s.to_string()
    } else {
        format!(" {s}")
    }
}

/// Whether text after a cite prefix starts a sentence: no prefix, or one of several words
/// ending in `.`, `!` or `?` (a one-word prefix such as "cf." is an abbreviation).
fn opens_sentence(prefix: &str) -> bool {
    let p = prefix.trim();
    p.is_empty() || (p.ends_with(['.', '!', '?']) && p.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_suffixes_count_like_citeproc() {
        assert_eq!(year_suffix_letters(1), "a");
        assert_eq!(year_suffix_letters(26), "z");
        assert_eq!(year_suffix_letters(27), "aa");
    }

    #[test]
    fn positions_imply_weaker_ones() {
        assert!(Position::IbidWithLocator.test("ibid", false));
        assert!(Position::Ibid.test("subsequent", false));
        assert!(!Position::Ibid.test("ibid-with-locator", false));
        assert!(!Position::First.test("subsequent", false));
    }
}
