//! The citation form: one cite's context (position, locator, citation number, year suffix,
//! disambiguation state) and the assembly of a cluster of cites under the style's
//! `<citation>` layout (its delimiter, affixes and formatting), as citeproc-js writes it.

use super::locale::Locale;
use super::markup;
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
    /// Per name (by position in the list): 0 as styled, 1 initials (when the style
    /// initializes), 2 the full given name.
    pub given_levels: Vec<u8>,
}

impl NameDisambiguation {
    /// The given-name level of the name at `index`.
    pub fn level(&self, index: usize) -> u8 {
        self.given_levels.get(index).copied().unwrap_or(0)
    }
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
    /// Rendering in the citation area (not the bibliography).
    pub in_citation: bool,
    /// Render only the author (the first `cs:names`), for grouping cites.
    pub names_only: bool,
    /// Render without the author (a collapsed cite, or `suppress-author`).
    pub suppress_names: bool,
    /// `subsequent-author-substitute`: this text replaces the author.
    pub author_substitute: Option<String>,
    /// The running depth of the cluster's nested-brace check (see [`NestedBrace`]); None
    /// when affixes are kept as written.
    pub nested_brace: Option<NestedBrace>,
}

/// citeproc-js's nested-brace check, on in the citations of a note style: the affixes of
/// the layout, of groups and macro calls, of dates and of the user's cite prefix and
/// suffix pass in rendering order through one counter of open parentheses per cluster; a
/// `(` opened at an odd depth becomes `[` and a `)` closing at an even depth (so also one
/// whose `(` came from text, not an affix) becomes `]`. Clones share the counter.
#[derive(Debug, Clone, Default)]
pub struct NestedBrace(std::rc::Rc<std::cell::Cell<i32>>);

impl NestedBrace {
    /// One affix through the counter.
    pub fn update(&self, affix: &str) -> String {
        if !affix.contains(['(', ')']) {
            return affix.to_string();
        }
        let mut depth = self.0.get();
        let out = affix
            .chars()
            .map(|c| match c {
                '(' => {
                    depth += 1;
                    if (depth - 1) % 2 == 1 {
                        '['
                    } else {
                        '('
                    }
                }
                ')' => {
                    depth -= 1;
                    if (depth + 1) % 2 == 0 {
                        ']'
                    } else {
                        ')'
                    }
                }
                c => c,
            })
            .collect();
        self.0.set(depth);
        out
    }
}

impl Renderer<'_> {
    /// An element's affix through the cluster's nested-brace check, when it is on.
    pub fn nested_affix(&self, node: &super::style::Node, key: &str) -> Option<String> {
        let check = self.cite.nested_brace.as_ref()?;
        Some(check.update(node.attr(key).unwrap_or("")))
    }
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
    r.cite.in_citation = true;
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

/// What citeproc-js prints, inside the layout's affixes and formatting, in place of a
/// citation's first cite when that cite renders nothing (later empty cites are dropped).
pub const NO_PRINTED_FORM: &str = "[CSL STYLE ERROR: reference with no printed form.]";

/// Renders a cluster of cites with the citation layout's delimiter, affixes and formatting,
/// collapsing cites as the layout's `collapse` asks (same author, year suffixes, number ranges).
pub fn cluster(
    area: &Style,
    locale: &Locale,
    cites: &[Cite],
    mode: Mode,
) -> Result<String, CiteError> {
    let layout = area.bibliography.child("layout");
    let delimiter = layout
        .and_then(|l| l.attr("delimiter"))
        .unwrap_or("")
        .to_string();
    let check = area.is_note().then(NestedBrace::default);
    let affixes = LayoutAffixes::new(layout, check.as_ref());
    let mut ctxs: Vec<CiteCtx> = cites.iter().map(|c| c.ctx.clone()).collect();
    for (n, (c, ctx)) in cites.iter().zip(ctxs.iter_mut()).enumerate() {
        ctx.capitalize_first_term = n == 0 && area.is_note() && opens_sentence(&c.prefix);
        ctx.nested_brace = check.clone();
    }
    let units = match area.bibliography.attr("collapse") {
        Some("citation-number") => number_units(area, locale, cites, &ctxs, &delimiter)?,
        Some(kind @ ("year" | "year-suffix" | "year-suffix-ranged")) => {
            author_units(area, locale, cites, &ctxs, &delimiter, kind)?
        }
        _ if area.bibliography.attr("cite-group-delimiter").is_some() => {
            author_units(area, locale, cites, &ctxs, &delimiter, "none")?
        }
        _ => {
            let mut units: Vec<(Blob, bool)> = Vec::new();
            let mut previous_suffix = "";
            for (n, (c, ctx)) in cites.iter().zip(&ctxs).enumerate() {
                let rendered = match cite_blob(area, locale, c, ctx)? {
                    None if n == 0 && cites.len() == 1 => {
                        return Ok(no_printed_form(layout, locale, mode));
                    }
                    None if n == 0 => Some(Blob::text(NO_PRINTED_FORM)),
                    b => b,
                };
                if let Some(mut b) = rendered {
                    // citeproc-js: a prefix starting with a comma replaces the delimiter,
                    // and a suffix ending in punctuation keeps only its space.
                    if !units.is_empty() {
                        let d = if c.prefix.starts_with(',') {
                            String::new()
                        } else if previous_suffix.trim_end().ends_with([',', ';', '.']) {
                            delimiter.trim_start_matches([',', ';', '.']).to_string()
                        } else {
                            delimiter.clone()
                        };
                        b = Blob {
                            prefix: d,
                            ..Blob::group(vec![b])
                        };
                    }
                    units.push((b, false));
                    previous_suffix = &c.suffix;
                }
            }
            // The delimiters are in place already.
            return finish(area, locale, units, String::new(), mode, layout, &affixes);
        }
    };
    if units.is_empty() && !cites.is_empty() {
        return Ok(no_printed_form(layout, locale, mode));
    }
    finish(area, locale, units, delimiter, mode, layout, &affixes)
}

/// The layout's prefix and suffix as citeproc-js writes them around a cluster: the prefix
/// and then (after the cites) the suffix pass the nested-brace check, and a suffix
/// starting with `:`, `.`, `;`, `!` or `?` keeps only that character.
struct LayoutAffixes {
    prefix: String,
    suffix: String,
    check: Option<NestedBrace>,
}

impl LayoutAffixes {
    /// The prefix, checked now (before the cites render); the suffix is checked by
    /// [`LayoutAffixes::suffix`] after them.
    fn new(layout: Option<&super::style::Node>, check: Option<&NestedBrace>) -> LayoutAffixes {
        let attr = |k: &str| layout.and_then(|l| l.attr(k)).unwrap_or("").to_string();
        let prefix = attr("prefix");
        let mut suffix = attr("suffix");
        if suffix.starts_with([':', '.', ';', '!', '?']) {
            suffix.truncate(1);
        }
        LayoutAffixes {
            prefix: check.map_or(prefix.clone(), |c| c.update(&prefix)),
            suffix,
            check: check.cloned(),
        }
    }

    /// The suffix, checked now (after the cites).
    fn suffix(&self) -> String {
        match &self.check {
            Some(c) => c.update(&self.suffix),
            None => self.suffix.clone(),
        }
    }
}

/// A citation whose only cite renders nothing: citeproc-js's error text between the
/// layout's affixes as written, under the layout's formatting.
fn no_printed_form(layout: Option<&super::style::Node>, locale: &Locale, mode: Mode) -> String {
    let attr = |k: &str| layout.and_then(|l| l.attr(k)).unwrap_or("").to_string();
    let mut b = Blob::text(format!(
        "{}{NO_PRINTED_FORM}{}",
        attr("prefix"),
        attr("suffix")
    ));
    if let Some(l) = layout {
        b.decorations = decorations(l);
    }
    Writer { mode, locale }.render(&b)
}

/// Joins a cluster's units with the delimiter (the after-collapse delimiter after a
/// collapsed unit) under the layout's affixes and formatting, and writes it out.
fn finish(
    area: &Style,
    locale: &Locale,
    units: Vec<(Blob, bool)>,
    delimiter: String,
    mode: Mode,
    layout: Option<&super::style::Node>,
    affixes: &LayoutAffixes,
) -> Result<String, CiteError> {
    if units.is_empty() {
        return Ok(String::new());
    }
    let after_collapse = area
        .bibliography
        .attr("after-collapse-delimiter")
        .unwrap_or(&delimiter)
        .to_string();
    let mut kids = Vec::new();
    let mut previous_collapsed = false;
    for (n, (mut b, collapsed)) in units.into_iter().enumerate() {
        if n > 0 && (!delimiter.is_empty() || previous_collapsed) {
            let d = if previous_collapsed {
                &after_collapse
            } else {
                &delimiter
            };
            b = Blob {
                prefix: d.clone(),
                ..Blob::group(vec![b])
            };
        }
        previous_collapsed = collapsed;
        kids.push(b);
    }
    let mut root = Blob::group(kids);
    if let Some(l) = layout {
        // citeproc-js: the layout's formatting wraps its affixes.
        let mut affixed = Blob::group(vec![root]);
        affixed.prefix = affixes.prefix.clone();
        affixed.suffix = affixes.suffix();
        root = Blob::group(vec![affixed]);
        root.decorations = decorations(l);
    }
    output::adjust(&mut root, locale.punctuation_in_quote);
    let w = Writer { mode, locale };
    Ok(w.render(&root))
}

/// One cite's blob with the user's prefix and suffix (None when it renders nothing).
fn cite_blob(
    area: &Style,
    locale: &Locale,
    c: &Cite,
    ctx: &CiteCtx,
) -> Result<Option<Blob>, CiteError> {
    let checked = |s: String| match &ctx.nested_brace {
        Some(check) => check.update(&s),
        None => s,
    };
    let prefix = checked(cite_prefix(&c.prefix));
    let mut b = render_cite(area, locale, c.item, ctx)?;
    let suffix = checked(cite_suffix(&c.suffix));
    output::purge_empty(&mut b);
    if matches!(&b.content, Content::Blobs(k) if k.is_empty()) {
        return Ok(None);
    }
    let mut kids = Vec::new();
    if !prefix.is_empty() {
        kids.push(affix_blob(prefix));
    }
    kids.push(b);
    if !suffix.is_empty() {
        kids.push(affix_blob(suffix));
    }
    Ok(Some(Blob::group(kids)))
}

/// A user's prefix or suffix with its inline markup (`<i>`, quotes) read as in fields.
fn affix_blob(mut text: String) -> Blob {
    match markup::parse(&mut text, &[], markup::QuoteMarks::default(), false) {
        Some(children) => Blob::group(children),
        None => Blob::text(text),
    }
}

/// A cite's author as rendered (plain text), the key cites are grouped by.
fn author_key(area: &Style, locale: &Locale, c: &Cite, ctx: &CiteCtx) -> String {
    let mut ctx = ctx.clone();
    ctx.names_only = true;
    ctx.nested_brace = None;
    match render_cite(area, locale, c.item, &ctx) {
        Ok(mut b) => {
            output::purge_empty(&mut b);
            Writer {
                mode: Mode::Text,
                locale,
            }
            .render(&b)
        }
        Err(_) => String::new(),
    }
}

/// Units of a cluster (blob, whether it is a collapsed group) for `collapse="year…"`:
/// cites by the same author are gathered after the first; the later ones drop the author,
/// and with `year-suffix` a cite of the same year shows only its suffix.
fn author_units(
    area: &Style,
    locale: &Locale,
    cites: &[Cite],
    ctxs: &[CiteCtx],
    delimiter: &str,
    kind: &str,
) -> Result<Vec<(Blob, bool)>, CiteError> {
    let keys: Vec<String> = cites
        .iter()
        .zip(ctxs)
        .map(|(c, x)| author_key(area, locale, c, x))
        .collect();
    // Cites by the same author form a group: neighbours, or all of them when the
    // citation is sorted (the group takes the place of its first cite).
    let gather = area.bibliography.child("sort").is_some();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let found = if gather {
            groups
                .iter_mut()
                .find(|g| !k.is_empty() && keys[g[0]] == *k)
        } else {
            groups
                .last_mut()
                .filter(|g| !k.is_empty() && keys[g[0]] == *k)
        };
        match found {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let opt = |key: &str, default: &str| area.bibliography.attr(key).unwrap_or(default).to_string();
    // citeproc-js: cites of a sorted citation's group default to ", ", others to the
    // layout delimiter; after a run of suffixes comes the layout delimiter.
    let group_delimiter = opt(
        "cite-group-delimiter",
        if gather { ", " } else { delimiter },
    );
    let after_suffix_run = delimiter.to_string();
    let suffix_delimiter = opt(
        "year-suffix-delimiter",
        area.bibliography
            .attr("cite-group-delimiter")
            .unwrap_or(delimiter),
    );
    let after_collapse = opt("after-collapse-delimiter", delimiter);
    let year = |i: usize| {
        cites[i]
            .item
            .date("issued")
            .and_then(|d| d.start())
            .map(|d| d.0)
    };
    let mut units = Vec::new();
    for g in groups {
        let mut parts: Vec<Blob> = Vec::new();
        // The suffix of the last full cite, and the suffixes shown alone after it.
        let mut anchor: Option<usize> = None;
        let mut run: Vec<usize> = Vec::new();
        let flush = |anchor: Option<usize>, run: &mut Vec<usize>, parts: &mut Vec<Blob>| {
            if run.is_empty() {
                return;
            }
            let ranged = kind == "year-suffix-ranged";
            let mut list: Vec<usize> = anchor.into_iter().collect();
            let skip = list.len();
            list.append(run);
            let mut j = 0;
            while j < list.len() {
                let mut k = j;
                while ranged && k + 1 < list.len() && list[k + 1] == list[k] + 1 {
                    k += 1;
                }
                if k < j + 2 {
                    k = j;
                }
                if k > j {
                    // A range of three or more: "a–e" (after the full cite: "–e").
                    let text = if j < skip {
                        format!("\u{2013}{}", year_suffix_letters(list[k]))
                    } else {
                        format!(
                            "{}{}\u{2013}{}",
                            suffix_delimiter,
                            year_suffix_letters(list[j]),
                            year_suffix_letters(list[k])
                        )
                    };
                    parts.push(Blob::text(text));
                } else if j >= skip {
                    let mut b = Blob::text(year_suffix_letters(list[j]));
                    b.prefix = suffix_delimiter.clone();
                    parts.push(b);
                }
                j = k + 1;
            }
        };
        for (n, &i) in g.iter().enumerate() {
            let c = &cites[i];
            if n > 0 && kind.starts_with("year-suffix") {
                let prev = g[n - 1];
                let same_year = year(i).is_some() && year(i) == year(prev);
                let plain = c.ctx.locator.is_none()
                    && cites[prev].ctx.locator.is_none()
                    && c.prefix.is_empty()
                    && c.suffix.is_empty();
                if let (true, true, Some(s), Some(_)) = (
                    same_year,
                    plain,
                    ctxs[i].year_suffix,
                    ctxs[prev].year_suffix,
                ) {
                    run.push(s);
                    continue;
                }
            }
            let after_suffixes = !run.is_empty();
            flush(anchor, &mut run, &mut parts);
            let mut ctx = ctxs[i].clone();
            ctx.suppress_names = n > 0 && kind != "none";
            if let Some(mut b) = cite_blob(area, locale, c, &ctx)? {
                if n > 0 {
                    // After a cite with a locator the groups' own delimiter is used.
                    let d = if after_suffixes {
                        &after_suffix_run
                    } else if cites[g[n - 1]].ctx.locator.is_some() {
                        &after_collapse
                    } else {
                        &group_delimiter
                    };
                    b.prefix = format!("{d}{}", b.prefix);
                }
                parts.push(b);
            }
            anchor = ctxs[i].year_suffix;
        }
        flush(anchor, &mut run, &mut parts);
        if !parts.is_empty() {
            // citeproc-js puts the after-collapse delimiter after every group.
            units.push((Blob::group(parts), true));
        }
    }
    Ok(units)
}

/// Units for `collapse="citation-number"`: three or more consecutive numbers become a range.
fn number_units(
    area: &Style,
    locale: &Locale,
    cites: &[Cite],
    ctxs: &[CiteCtx],
    _delimiter: &str,
) -> Result<Vec<(Blob, bool)>, CiteError> {
    let plain = |i: usize| {
        cites[i].ctx.locator.is_none() && cites[i].prefix.is_empty() && cites[i].suffix.is_empty()
    };
    let mut units = Vec::new();
    let mut i = 0;
    while i < cites.len() {
        let mut k = i;
        while plain(i)
            && k + 1 < cites.len()
            && plain(k + 1)
            && ctxs[k + 1].citation_number == ctxs[k].citation_number + 1
        {
            k += 1;
        }
        if k >= i + 2 {
            let first = cite_blob(area, locale, &cites[i], &ctxs[i])?;
            let last = cite_blob(area, locale, &cites[k], &ctxs[k])?;
            if let (Some(a), Some(mut b)) = (first, last) {
                b.prefix = format!("\u{2013}{}", b.prefix);
                units.push((Blob::group(vec![a, b]), true));
            }
            i = k + 1;
            continue;
        }
        if let Some(b) = cite_blob(area, locale, &cites[i], &ctxs[i])? {
            units.push((b, false));
        }
        i += 1;
    }
    Ok(units)
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
    fn nested_parentheses_in_affixes_alternate_with_brackets() {
        // A date's suffix ")" whose "(" was a text value (not counted) closes at depth 0.
        assert_eq!(NestedBrace::default().update(")"), "]");
        // A group "(…)" inside a layout "(…)": the inner pair becomes brackets.
        let check = NestedBrace::default();
        assert_eq!(check.update("("), "(");
        assert_eq!(check.update(" ("), " [");
        assert_eq!(check.update(")"), "]");
        assert_eq!(check.update(")"), ")");
        assert_eq!(check.update(", "), ", ");
    }

    #[test]
    fn positions_imply_weaker_ones() {
        assert!(Position::IbidWithLocator.test("ibid", false));
        assert!(Position::Ibid.test("subsequent", false));
        assert!(!Position::Ibid.test("ibid-with-locator", false));
        assert!(!Position::First.test("subsequent", false));
    }
}
