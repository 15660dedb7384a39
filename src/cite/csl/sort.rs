//! `cs:sort`: sort keys of the bibliography and of the cites in a citation (CSL 1.0.2
//! "Sorting"): variables (names as family-first lists, dates as sortable numbers, numbers
//! by value) and macros, ascending or descending, empty keys always last.

use super::citation::CiteCtx;
use super::locale::Locale;
use super::output::{self, Mode, Writer};
use super::render::Renderer;
use super::style::{Node, Style};
use crate::cite::item::Item;
use std::cmp::Ordering;

/// One key's value for one item (None: empty, sorted last).
pub type SortValue = Option<String>;

/// The sort keys of an area (`<bibliography>` or `<citation>`), in order, with their direction.
pub fn keys(area: &Style) -> Vec<(&Node, bool)> {
    area.bibliography
        .child("sort")
        .map(|s| {
            s.children_named("key")
                .map(|k| (k, k.attr("sort") == Some("descending")))
                .collect()
        })
        .unwrap_or_default()
}

/// The values of all keys for one item.
pub fn values(area: &Style, locale: &Locale, item: &Item, ctx: &CiteCtx) -> Vec<SortValue> {
    keys(area)
        .iter()
        .map(|(k, _)| value(area, locale, item, ctx, k))
        .collect()
}

fn value(area: &Style, locale: &Locale, item: &Item, ctx: &CiteCtx, key: &Node) -> SortValue {
    if let Some(var) = key.attr("variable") {
        if var == "citation-number" {
            return Some(format!("{:08}", ctx.citation_number));
        }
        let names = item.names(var);
        if !names.is_empty() {
            let parts: Vec<String> = names
                .iter()
                .map(|n| {
                    if let Some(l) = &n.literal {
                        return l.clone();
                    }
                    [
                        n.non_dropping_particle.as_deref(),
                        n.family.as_deref(),
                        n.dropping_particle.as_deref(),
                        n.given.as_deref(),
                    ]
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
                })
                .collect();
            return Some(normalize(&parts.join(", ")));
        }
        if let Some(d) = item.date(var) {
            return d.start().map(|(y, m, dd)| date_key(y, m, dd));
        }
        let v = item.variable(var)?;
        return Some(number_key(&v).unwrap_or_else(|| normalize(&v)));
    }
    let name = key.attr("macro")?;
    let mac = area.macros.get(name)?;
    let mut r = Renderer::new(area, locale, item);
    r.cite = ctx.clone();
    r.cite.sorting = true;
    let mut kids = Vec::new();
    r.render_children(&mac.children, &mut kids);
    let mut root = output::Blob::group(kids);
    output::purge_empty(&mut root);
    let w = Writer {
        mode: Mode::Text,
        locale,
    };
    let s = w.render(&root);
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(number_key(s).unwrap_or_else(|| normalize(s)))
}

/// A date as a string that sorts chronologically (years offset so that BC sorts first).
pub fn date_key(year: i32, month: u32, day: u32) -> String {
    format!("{:06}{month:02}{day:02}", i64::from(year) + 100_000)
}

/// A plain number padded to sort by value.
fn number_key(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() || t.len() > 12 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{t:0>12}"))
}

/// Case-folded text without markup and leading punctuation.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '[' | ']' | '\'' | ','
            | '.' | ';' | ':' | '!' | '?' | '(' | ')' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_string()
}

/// Compares two items' key values (empty values last whatever the direction).
pub fn compare(a: &[SortValue], b: &[SortValue], dirs: &[bool]) -> Ordering {
    for (i, desc) in dirs.iter().enumerate() {
        let (x, y) = (a.get(i).cloned().flatten(), b.get(i).cloned().flatten());
        let o = match (x, y) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => {
                let o = x.cmp(&y);
                if *desc {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sort_chronologically() {
        assert!(date_key(-50, 0, 0) < date_key(1999, 12, 31));
        assert!(date_key(1999, 12, 31) < date_key(2000, 1, 1));
    }

    #[test]
    fn empty_keys_go_last_in_both_directions() {
        let a = vec![Some("a".to_string())];
        let none = vec![None];
        assert_eq!(compare(&a, &none, &[false]), Ordering::Less);
        assert_eq!(compare(&a, &none, &[true]), Ordering::Less);
    }
}
