//! A data-driven CSL 1.0.2 processor for bibliography entries: the style and locale
//! XML files are parsed at run time and interpreted; output matches citeproc-js.

mod case;
mod dates;
pub mod locale;
mod markup;
mod names;
pub mod output;
mod pages;
mod render;
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
