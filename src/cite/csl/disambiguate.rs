//! Disambiguation of cites (CSL 1.0.2 "Disambiguation"): cites of different items that
//! render alike are widened in order by `disambiguate-add-names`, then
//! `disambiguate-add-givenname`, then `disambiguate-add-year-suffix` (in bibliography
//! order), and what is still ambiguous gets the `disambiguate="true"` condition.

use super::citation::{render_cite, CiteCtx, Position};
use super::output::{self, Mode, Writer};
use super::processor::Processor;
use super::style::Style;
use std::collections::HashMap;

/// Name options a cite's context changes: et-al for subsequent cites, names added by
/// disambiguation, and the family-first order of sort keys.
pub struct NameKnobs<'a> {
    pub and: &'a mut Option<String>,
    pub et_al_min: &'a mut usize,
    pub et_al_use_first: &'a mut usize,
    pub sort_order: &'a mut Option<String>,
}

/// Applies the cite context to the name options of a `cs:name` in `area`.
pub fn adjust_names(ctx: &CiteCtx, area: &Style, k: NameKnobs) {
    if ctx.sorting {
        *k.sort_order = Some("all".into());
        *k.and = None;
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
}

/// Widens one name's options to a given-name level: 1 initials (or the full given name when
/// the style does not initialize), 2 the full given name.
pub fn widen(
    level: u8,
    form: &mut String,
    initialize: &mut bool,
    initialize_with: &mut Option<String>,
) {
    *form = "long".into();
    if level >= 2 {
        *initialize = false;
        *initialize_with = None;
    }
}

/// The name variable whose names disambiguation widens: the first one an item has.
fn primary_names(item: &crate::cite::item::Item) -> Vec<crate::cite::item::Name> {
    ["author", "editor", "translator", "composer", "director"]
        .iter()
        .map(|v| item.names(v))
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

/// The given-name level that tells two persons of the same family name apart: 1 when
/// their initials differ, else 2.
fn level_between(a: &str, b: &str) -> u8 {
    let initials = |s: &str| -> String {
        s.split([' ', '-', '.'])
            .filter_map(|w| w.chars().next())
            .collect()
    };
    if initials(a) != initials(b) {
        1
    } else {
        2
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
        let rule = area
            .option("givenname-disambiguation-rule")
            .unwrap_or("by-cite")
            .to_string();
        if add_given && rule != "by-cite" {
            self.widen_generally(&rule);
        }
        let by_cite = add_given && rule == "by-cite";
        let mut texts = self.cite_texts(&(0..self.items.len()).collect::<Vec<_>>());
        for group in ambiguous(&texts) {
            let mut open = group.clone();
            if add_names || by_cite {
                let max = if add_names { MAX_ADDED_NAMES } else { 0 };
                let mut progress_at = 0;
                let mut previous: Vec<String> = open.iter().map(|i| texts[*i].clone()).collect();
                for extra in 0..=max {
                    for i in &open {
                        self.ctx[*i].names.add_names = extra;
                    }
                    if by_cite {
                        self.widen_by_cite(&open);
                    }
                    let t = self.cite_texts(&open);
                    for (j, i) in open.iter().enumerate() {
                        texts[*i] = t[j].clone();
                    }
                    let unique: Vec<usize> = open
                        .iter()
                        .copied()
                        .filter(|i| group.iter().all(|j| j == i || texts[*j] != texts[*i]))
                        .collect();
                    if !unique.is_empty() {
                        progress_at = extra;
                        open.retain(|i| !unique.contains(i));
                    }
                    if open.is_empty() || (extra > 0 && t == previous) {
                        break;
                    }
                    previous = open.iter().map(|i| texts[*i].clone()).collect();
                }
                // Cites no name set apart keep the names of the last step that helped.
                if !open.is_empty() {
                    self.reset(&open, &mut texts, |c| c.names.add_names = progress_at);
                    if progress_at == 0 && by_cite {
                        self.reset(&open, &mut texts, |c| c.names.given_levels.clear());
                    }
                }
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

    /// `by-cite`: among cites that render alike, a name whose family name another cite
    /// shares with a different given name is widened in all of them.
    fn widen_by_cite(&mut self, open: &[usize]) {
        let names: Vec<Vec<crate::cite::item::Name>> = open
            .iter()
            .map(|i| primary_names(&self.items[*i]))
            .collect();
        for (a, i) in open.iter().enumerate() {
            for (p, na) in names[a].iter().enumerate() {
                let mut level = 0;
                for (b, _) in open.iter().enumerate() {
                    if let Some(nb) = names[b].get(p) {
                        if na.literal.is_none() && na.family == nb.family && na.given != nb.given {
                            level = level.max(level_between(
                                na.given.as_deref().unwrap_or(""),
                                nb.given.as_deref().unwrap_or(""),
                            ));
                        }
                    }
                }
                if level > 0 {
                    let levels = &mut self.ctx[*i].names.given_levels;
                    if levels.len() <= p {
                        levels.resize(p + 1, 0);
                    }
                    levels[p] = levels[p].max(level);
                }
            }
        }
    }

    /// `all-names`, `primary-name` (and their `-with-initials` forms): every name (or
    /// every first name) whose family name another person shares is widened everywhere.
    fn widen_generally(&mut self, rule: &str) {
        let primary_only = rule.starts_with("primary-name");
        let cap = if rule.ends_with("with-initials") {
            1
        } else {
            2
        };
        let persons: Vec<crate::cite::item::Name> = self
            .items
            .iter()
            .flat_map(|it| {
                let n = primary_names(it);
                if primary_only {
                    n.into_iter().take(1).collect()
                } else {
                    n
                }
            })
            .filter(|n| n.literal.is_none())
            .collect();
        for i in 0..self.items.len() {
            let names = primary_names(&self.items[i]);
            let mut levels = Vec::new();
            for (p, na) in names.iter().enumerate() {
                if primary_only && p > 0 {
                    break;
                }
                let mut level = 0;
                for nb in &persons {
                    if na.literal.is_none() && na.family == nb.family && na.given != nb.given {
                        level = level.max(level_between(
                            na.given.as_deref().unwrap_or(""),
                            nb.given.as_deref().unwrap_or(""),
                        ));
                    }
                }
                levels.push(level.min(cap));
            }
            self.ctx[i].names.given_levels = levels;
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
