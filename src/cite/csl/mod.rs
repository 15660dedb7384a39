//! A data-driven CSL 1.0.2 processor for bibliography entries and citations: the style
//! and locale XML files are parsed at run time and interpreted; output matches citeproc-js.

mod case;
pub mod citation;
mod dates;
mod disambiguate;
mod label;
pub mod locale;
mod markup;
mod names;
pub mod output;
mod pages;
pub mod processor;
mod render;
mod sort;
pub mod style;

use crate::cite::item::Item;
use crate::cite::CiteError;
use locale::Locale;
use output::{Mode, Writer};
use style::Style;

/// Renders one bibliography entry for `item`.
pub fn bibliography_entry(
    style: &Style,
    locale: &Locale,
    item: &Item,
    mode: Mode,
) -> Result<String, CiteError> {
    let mut r = render::Renderer::new(style, locale, item);
    let mut root = r.render_entry();
    if let Some(e) = r.error.take() {
        return Err(e);
    }
    output::purge_empty(&mut root);
    output::adjust(&mut root, locale.punctuation_in_quote);
    let w = Writer { mode, locale };
    Ok(w.entry(&w.render(&root)))
}

/// Renders the citation for `item` alone, in first position (an in-text citation, or the
/// full first note of a note style). `area` is the style's [`Style::citation_view`].
pub fn citation_entry(
    area: &Style,
    locale: &Locale,
    item: &Item,
    mode: Mode,
) -> Result<String, CiteError> {
    let cite = citation::Cite {
        item,
        ctx: citation::CiteCtx {
            citation_number: 1,
            ..Default::default()
        },
        prefix: String::new(),
        suffix: String::new(),
    };
    citation::cluster(area, locale, &[cite], mode)
}
