//! Disambiguation of cites (CSL 1.0.2 "Disambiguation"): cites of different items that
//! render alike are widened in order by `disambiguate-add-names`, then
//! `disambiguate-add-givenname`, then `disambiguate-add-year-suffix` (in bibliography
//! order), and what is still ambiguous gets the `disambiguate="true"` condition.

use super::citation::{render_cite, CiteCtx, Position};
use super::output::{self, Mode, Writer};
use super::processor::Processor;
use super::style::Style;
use std::collections::HashMap;

/// Name options a cite's context changes: et-al for subsequent cites, names and given
/// names added by disambiguation, and the family-first order of sort keys.
pub struct NameKnobs<'a> {
    pub form: &'a mut String,
    pub et_al_min: &'a mut usize,
    pub et_al_use_first: &'a mut usize,
    pub initialize: &'a mut bool,
    pub initialize_with: &'a mut Option<String>,
    pub sort_order: &'a mut Option<String>,
}

/// Applies the cite context to the name options of a `cs:name` in `area`.
pub fn adjust_names(ctx: &CiteCtx, area: &Style, k: NameKnobs) {
    if ctx.sorting {
        *k.sort_order = Some("all".into());
        *k.et_al_min = 0;
        return;
    }
    if ctx.position != Position::First {
        let num = |key: &str| area.option(key).and_then(|v| v.parse::<usize>().ok());
        if let Some(m) = num("et-al-subsequent-min") {
            *k.et_al_min = m;
        }
        if let Some(u) = num("et-al-subsequent-use-first") {
            *k.et_al_use_first = u;
        }
    }
    if ctx.names.add_names > 0 {
        *k.et_al_use_first += ctx.names.add_names;
    }
    match ctx.names.given_level {
        0 => {}
        1 if k.initialize_with.is_some() => {
            if k.form == "short" {
                *k.form = "long".into();
            }
        }
        _ => {
            *k.form = "long".into();
            *k.initialize = false;
            *k.initialize_with = None;
        }
    }
}

impl Processor {
    /// Disambiguates the cites of all registered items (first position, no locator).
    pub(crate) fn disambiguate(&mut self) {
        let Some(area) = self.area.as_ref() else {
            return;
        };
        let on = |key: &str| area.option(key) == Some("true");
        let (add_names, add_given, add_suffix) = (
            on("disambiguate-add-names"),
            on("disambiguate-add-givenname"),
            on("disambiguate-add-year-suffix"),
        );
        let mut texts = self.cite_texts(&(0..self.items.len()).collect::<Vec<_>>());
        for group in ambiguous(&texts) {
            let mut open = group;
            if add_names {
                for extra in 1..=MAX_ADDED_NAMES {
                    for i in &open {
                        self.ctx[*i].names.add_names = extra;
                    }
                    let t = self.cite_texts(&open);
                    let before: Vec<String> = open.iter().map(|i| texts[*i].clone()).collect();
                    let grew = t.iter().zip(&before).any(|(a, b)| a != b);
                    for (j, i) in open.iter().enumerate() {
                        texts[*i] = t[j].clone();
                    }
                    if !grew {
                        for i in &open {
                            self.ctx[*i].names.add_names = extra - 1;
                        }
                        break;
                    }
                    if still_ambiguous(&open, &texts).is_empty() {
                        break;
                    }
                }
                open = still_ambiguous(&open, &texts);
                if add_suffix {
                    // Names that did not help are taken back when a year suffix will.
                    self.reset(&open, &mut texts, |c| c.names.add_names = 0);
                }
            }
            if add_given && !open.is_empty() {
                for level in 1..=2 {
                    for i in &open {
                        self.ctx[*i].names.given_level = level;
                    }
                    let t = self.cite_texts(&open);
                    for (j, i) in open.iter().enumerate() {
                        texts[*i] = t[j].clone();
                    }
                    if still_ambiguous(&open, &texts).is_empty() {
                        break;
                    }
                }
                open = still_ambiguous(&open, &texts);
                self.reset(&open, &mut texts, |c| c.names.given_level = 0);
            }
            if open.is_empty() {
                continue;
            }
            if add_suffix {
                let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
                for i in &open {
                    by_text.entry(texts[*i].clone()).or_default().push(*i);
                }
                for (_, mut members) in by_text {
                    members.sort_by_key(|i| self.bib_position(*i));
                    for (n, i) in members.iter().enumerate() {
                        self.ctx[*i].year_suffix = Some(n + 1);
                    }
                }
            } else {
                for i in &open {
                    self.ctx[*i].disambiguate = true;
                }
            }
        }
    }

    /// Undoes a widening for items it did not set apart, and renders them again.
    fn reset(&mut self, which: &[usize], texts: &mut [String], undo: impl Fn(&mut CiteCtx)) {
        for i in which {
            undo(&mut self.ctx[*i]);
        }
        let t = self.cite_texts(which);
        for (j, i) in which.iter().enumerate() {
            texts[*i] = t[j].clone();
        }
    }

    fn bib_position(&self, i: usize) -> usize {
        self.ctx[i].citation_number
    }

    /// Plain-text first cites of the given items with their current contexts.
    fn cite_texts(&self, which: &[usize]) -> Vec<String> {
        let Some(area) = self.area.as_ref() else {
            return vec![String::new(); which.len()];
        };
        let w = Writer {
            mode: Mode::Text,
            locale: &self.locale,
        };
        which
            .iter()
            .map(|i| {
                let mut ctx = self.ctx[*i].clone();
                ctx.position = Position::First;
                match render_cite(area, &self.locale, &self.items[*i], &ctx) {
                    Ok(mut b) => {
                        output::purge_empty(&mut b);
                        w.render(&b)
                    }
                    Err(_) => String::new(),
                }
            })
            .collect()
    }
}

/// Most names added to one list while disambiguating.
const MAX_ADDED_NAMES: usize = 64;

/// Groups of item indices whose cites render alike.
fn ambiguous(texts: &[String]) -> Vec<Vec<usize>> {
    let mut by: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in texts.iter().enumerate() {
        by.entry(t.as_str()).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = by.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}

/// The members of `group` whose text another member shares.
fn still_ambiguous(group: &[usize], texts: &[String]) -> Vec<usize> {
    group
        .iter()
        .copied()
        .filter(|i| group.iter().any(|j| j != i && texts[*j] == texts[*i]))
        .collect()
}
