//! A registry of items rendered together, as citeproc-js's engine holds them after
//! `updateItems`: the bibliography in the style's sort order, citation numbers, the
//! disambiguation of cites (see `disambiguate.rs`) and clusters of cites.

use super::citation::{self, Cite, CiteCtx, Position};
use super::locale::Locale;
use super::output::{self, Mode, Writer};
use super::sort;
use super::style::{Node, Style};
use crate::cite::item::Item;
use crate::cite::CiteError;

/// One cite of a citation as a caller asks for it.
#[derive(Debug, Clone, Default)]
pub struct CiteRequest {
    /// The item's `id`.
    pub id: String,
    /// The locator (e.g. a page) cited.
    pub locator: Option<String>,
    /// The locator's label (`page`, `chapter`, …).
    pub label: Option<String>,
    /// Text before the cite.
    pub prefix: String,
    /// Text after the cite.
    pub suffix: String,
    /// citeproc-js position number (0 first, 1 subsequent, 2 ibid, 3 ibid-with-locator).
    pub position: Option<i64>,
    /// Whether the previous cite of this item is within `near-note-distance`.
    pub near_note: bool,
    /// The note number where this item was first cited.
    pub first_reference_note_number: Option<usize>,
}

/// Items registered with a style, in registration order.
pub struct Processor {
    pub(crate) style: Style,
    pub(crate) area: Option<Style>,
    pub(crate) locale: Locale,
    pub(crate) items: Vec<Item>,
    /// Item indices in bibliography order.
    bib_order: Vec<usize>,
    /// Per item: its citation number and disambiguation state.
    pub(crate) ctx: Vec<CiteCtx>,
}

impl Processor {
    /// Registers `items` (in citation order) with a parsed style and its locale.
    pub fn new(style: Style, locale: Locale, items: Vec<Item>) -> Processor {
        let area = style.citation_view();
        let n = items.len();
        let explicit_year_suffix = uses_year_suffix(&style.root)
            || uses_year_suffix(&style.bibliography)
            || style.citation.as_ref().is_some_and(uses_year_suffix)
            || style.macros.values().any(uses_year_suffix);
        let mut p = Processor {
            style,
            area,
            locale,
            items,
            bib_order: (0..n).collect(),
            ctx: (0..n)
                .map(|i| CiteCtx {
                    citation_number: i + 1,
                    explicit_year_suffix,
                    ..CiteCtx::default()
                })
                .collect(),
        };
        p.sort_bibliography();
        p.disambiguate();
        p
    }

    /// Sorts the bibliography; unless the sort is by citation number itself, citation
    /// numbers then follow the bibliography order.
    fn sort_bibliography(&mut self) {
        let keys = sort::keys(&self.style);
        if keys.is_empty() {
            return;
        }
        let by_number = keys
            .iter()
            .any(|(k, _)| k.attr("variable") == Some("citation-number"));
        let dirs: Vec<bool> = keys.iter().map(|(_, d)| *d).collect();
        let values: Vec<Vec<sort::SortValue>> = (0..self.items.len())
            .map(|i| sort::values(&self.style, &self.locale, &self.items[i], &self.ctx[i]))
            .collect();
        self.bib_order
            .sort_by(|a, b| sort::compare(&values[*a], &values[*b], &dirs).then(a.cmp(b)));
        if !by_number {
            for (pos, i) in self.bib_order.iter().enumerate() {
                self.ctx[*i].citation_number = pos + 1;
            }
        }
    }

    /// The citation's `near-note-distance` (5 by default).
    pub fn near_note_distance(&self) -> usize {
        self.area
            .as_ref()
            .and_then(|a| a.option("near-note-distance"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(5)
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.id == id)
    }

    /// The bibliography entries in order (HTML entries keep their `csl-entry` wrapper).
    pub fn bibliography(&self, mode: Mode) -> Result<Vec<String>, CiteError> {
        let mut out = Vec::new();
        let substitute = self
            .style
            .bibliography
            .attr("subsequent-author-substitute")
            .map(str::to_string);
        let mut previous_author = String::new();
        for i in &self.bib_order {
            let mut r = super::render::Renderer::new(&self.style, &self.locale, &self.items[*i]);
            r.cite = self.ctx[*i].clone();
            if let Some(sub) = &substitute {
                let author = self.bibliography_author(*i);
                if !author.is_empty() && author == previous_author {
                    r.cite.author_substitute = Some(sub.clone());
                }
                previous_author = author;
            }
            // Names widened to tell cites apart stay in the citations.
            r.cite.disambiguate = false;
            r.cite.names = Default::default();
            let mut root = r.render_entry();
            if let Some(e) = r.error.take() {
                return Err(e);
            }
            output::purge_empty(&mut root);
            output::adjust(&mut root, self.locale.punctuation_in_quote);
            let w = Writer {
                mode,
                locale: &self.locale,
            };
            let s = w.render(&root);
            if s.trim().is_empty() {
                continue;
            }
            out.push(w.entry(&s));
        }
        Ok(out)
    }

    /// The author of an item's bibliography entry (its first `cs:names`), as plain text.
    fn bibliography_author(&self, i: usize) -> String {
        let mut r = super::render::Renderer::new(&self.style, &self.locale, &self.items[i]);
        r.cite = self.ctx[i].clone();
        r.cite.names_only = true;
        let mut root = r.render_entry();
        output::purge_empty(&mut root);
        Writer {
            mode: Mode::Text,
            locale: &self.locale,
        }
        .render(&root)
    }

    /// Renders one citation (a cluster of cites), sorted by the citation's sort keys.
    pub fn citation(&self, cites: &[CiteRequest], mode: Mode) -> Result<String, CiteError> {
        let area = self
            .area
            .as_ref()
            .ok_or_else(|| CiteError::bad_style("style has no <citation> layout"))?;
        let mut list: Vec<Cite> = Vec::new();
        for c in cites {
            let Some(i) = self.index(&c.id) else {
                continue;
            };
            let mut ctx = self.ctx[i].clone();
            ctx.position = Position::from_number(c.position.unwrap_or(0));
            ctx.near_note = c.near_note;
            ctx.locator = c.locator.clone().filter(|l| !l.is_empty());
            ctx.label = c.label.clone();
            ctx.first_reference_note_number = c.first_reference_note_number;
            list.push(Cite {
                item: &self.items[i],
                ctx,
                prefix: c.prefix.clone(),
                suffix: c.suffix.clone(),
            });
        }
        let keys = sort::keys(area);
        if list.len() > 1 && !keys.is_empty() {
            let dirs: Vec<bool> = keys.iter().map(|(_, d)| *d).collect();
            let values: Vec<Vec<sort::SortValue>> = list
                .iter()
                .map(|c| sort::values(area, &self.locale, c.item, &c.ctx))
                .collect();
            let mut order: Vec<usize> = (0..list.len()).collect();
            order.sort_by(|a, b| sort::compare(&values[*a], &values[*b], &dirs).then(a.cmp(b)));
            list = order.into_iter().map(|i| list[i].clone()).collect();
        }
        citation::cluster(area, &self.locale, &list, mode)
    }
}

/// Whether an element or one below it renders the `year-suffix` variable, or the
/// `citation-label` that carries it (the parsed tree is at most 64 deep).
fn uses_year_suffix(node: &Node) -> bool {
    matches!(
        node.attr("variable"),
        Some("year-suffix" | "citation-label")
    ) || node.children.iter().any(uses_year_suffix)
}

/// Sets the position, near-note flag and first note number of every cite of a document's
/// citations, in order (CSL 1.0.2 "Position"): `first` for an item's first cite; `ibid`
/// when the preceding cite (in the same citation, or the whole preceding citation when it
/// has one cite) is of the same item with the same or no locator, `ibid-with-locator` when
/// the locator is new; else `subsequent`. `notes[i]` is citation i's note number (0 in text).
pub fn assign_positions(citations: &mut [Vec<CiteRequest>], notes: &[usize], near_distance: usize) {
    let mut first_note: std::collections::HashMap<String, usize> = Default::default();
    let mut last_note: std::collections::HashMap<String, usize> = Default::default();
    let mut previous: Option<(String, Option<String>, usize)> = None;
    for (ci, cites) in citations.iter_mut().enumerate() {
        let note = notes.get(ci).copied().unwrap_or(0);
        for (j, c) in cites.iter_mut().enumerate() {
            let locator = c.locator.clone().filter(|l| !l.is_empty());
            let position = if !first_note.contains_key(&c.id) {
                0
            } else {
                let same_as_previous = previous
                    .as_ref()
                    .filter(|(_, _, cites_in_prev)| j > 0 || *cites_in_prev == 1)
                    .filter(|(id, _, _)| *id == c.id);
                match (same_as_previous, &locator) {
                    (Some((_, None, _)), None) => 2,
                    (Some((_, Some(_), _)), None) => 1,
                    (Some((_, prev, _)), Some(l)) if prev.as_ref() == Some(l) => 2,
                    (Some(_), Some(_)) => 3,
                    (None, _) => 1,
                }
            };
            if c.position.is_none() {
                c.position = Some(position);
            }
            if let Some(last) = last_note.get(&c.id) {
                c.near_note = note > 0 && note.saturating_sub(*last) <= near_distance;
            }
            if note > 0 {
                c.first_reference_note_number = first_note.get(&c.id).copied().or(Some(note));
            }
            first_note.entry(c.id.clone()).or_insert(note);
            last_note.insert(c.id.clone(), note);
            previous = Some((c.id.clone(), locator, 0));
        }
        // The next citation's first cite compares with this whole citation.
        if let Some(p) = previous.as_mut() {
            p.2 = cites.len();
        }
    }
}
