//! What the reader sees around the headline: the headline itself, the byline,
//! the source agency and the dateline. Pages' structured data is often wrong
//! (a site name as author, local time marked UTC); this is the check.

use crate::date::{self, DateTime};
use crate::dom::{Dom, NodeId};
use crate::metadata::names::agency;
use crate::text::normalize_ws;
use html5ever::local_name;

/// Headline, byline and dateline as displayed.
#[derive(Debug, Default)]
pub struct Visible {
    pub headline: Option<(NodeId, String)>,
    /// Raw byline text of persons ("Jane Doe and John Roe").
    pub byline: Option<String>,
    /// A wire agency or source named near the headline.
    pub source: Option<String>,
    pub published: Option<DateTime>,
    pub modified: Option<DateTime>,
    /// Leaf blocks that held only byline, source, date or counters (removed from the body).
    pub blocks: Vec<NodeId>,
}

/// How many blocks after the headline are searched for a byline and dateline.
const SCAN_BLOCKS: usize = 24;
/// Heavier blocks (about 25 words or 60 CJK characters) are prose, not bylines.
const MAX_BYLINE_WEIGHT: f64 = 150.0;

/// Finds the headline (the `h1` matching the declared titles best) and reads the blocks after it.
pub fn scan(dom: &Dom, titles: &[&str]) -> Visible {
    let mut v = Visible {
        headline: headline(dom, titles),
        ..Visible::default()
    };
    let Some((h, _)) = v.headline else { return v };
    let inside = dom.contains_matching(NodeId::DOCUMENT, |d, n| {
        crate::extract::is_block(d, n)
            || d.is(n, &local_name!("span"))
            || d.is(n, &local_name!("time"))
    });
    let mut seen = 0;
    let mut cur = dom.next_skipping_children(NodeId::DOCUMENT, h);
    while let Some(id) = cur {
        if seen >= SCAN_BLOCKS {
            break;
        }
        if is_leaf_block(dom, id, &inside) {
            let text = normalize_ws(&dom.text_content(id));
            if !text.is_empty() {
                seen += 1;
                if crate::text::Counts::of(&text).weight() > MAX_BYLINE_WEIGHT {
                    // Prose: the byline region is over.
                    break;
                } else if read_block(dom, id, &text, &mut v) {
                    v.blocks.push(id);
                }
            }
            cur = dom.next_skipping_children(NodeId::DOCUMENT, id);
            continue;
        }
        cur = match dom.first_child(id) {
            Some(c) => Some(c),
            None => dom.next_skipping_children(NodeId::DOCUMENT, id),
        };
    }
    v
}

fn is_leaf_block(dom: &Dom, id: NodeId, inside: &[bool]) -> bool {
    let Some(tag) = dom.tag(id) else { return false };
    if matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
    ) {
        return false;
    }
    let blockish = crate::extract::is_block(dom, id)
        || matches!(
            *tag,
            local_name!("span")
                | local_name!("time")
                | local_name!("a")
                | local_name!("em")
                | local_name!("strong")
        );
    blockish && !inside[id.index()]
}

/// Reads one short block; returns whether it was byline/date/source material only.
fn read_block(dom: &Dom, id: NodeId, text: &str, v: &mut Visible) -> bool {
    let mut used = false;
    let datetime_attr = if dom.is(id, &local_name!("time")) {
        dom.attr(id, "datetime")
    } else {
        None
    };
    let date = date::parse(text).or_else(|| datetime_attr.and_then(date::parse));
    if let Some(d) = date {
        let lower = text.to_lowercase();
        let is_update = ["updated", "modified", "更新", "修改"]
            .iter()
            .any(|w| lower.contains(w));
        let is_publish = ["published", "posted", "发布", "发表", "首发"]
            .iter()
            .any(|w| lower.contains(w));
        if is_update && !is_publish {
            if v.modified.is_none() {
                v.modified = Some(d);
            }
            if v.published.is_none() {
                v.published = Some(d);
            }
        } else if v.published.is_none()
            || (is_publish && v.modified == v.published)
            || (d.has_time()
                && !v.published.is_some_and(|p| p.has_time())
                && same_day(&d, v.published.as_ref()))
        {
            v.published = Some(d);
        }
        used = true;
    }
    let author_marked = [id].into_iter().chain(dom.ancestors(id).take(3)).any(|a| {
        let sig = format!(
            "{} {} {}",
            dom.class_and_id(a),
            dom.attr(a, "rel").unwrap_or(""),
            dom.attr(a, "itemprop").unwrap_or("")
        )
        .to_ascii_lowercase();
        ["author", "byline", "writer", "zuozhe", "reporter"]
            .iter()
            .any(|k| sig.contains(k))
    });
    for seg in text
        .split(['|', '｜', '　'])
        .flat_map(|s| s.split("  "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if let Some(rest) = strip_any(
            seg,
            &[
                "来源：",
                "来源:",
                "稿源：",
                "Source:",
                "Source(s):",
                "Source :",
            ],
        ) {
            let name = rest.split_whitespace().next().unwrap_or("").trim();
            if !name.is_empty() && v.source.is_none() {
                v.source = Some(name.to_string());
            }
            used = true;
        } else if let Some(rest) = strip_any(
            seg,
            &[
                "By ",
                "by ",
                "BY ",
                "作者：",
                "作者:",
                "记者：",
                "记者 ",
                "本报记者 ",
                "文／",
                "文/",
            ],
        ) {
            if v.byline.is_none() {
                v.byline = Some(rest.to_string());
            }
            used = true;
        } else if let Some(a) = agency(seg) {
            if v.source.is_none() {
                v.source = Some(a.to_string());
            }
            used = true;
        } else if author_marked && date.is_none() && seg.chars().count() < 60 && v.byline.is_none()
        {
            v.byline = Some(seg.to_string());
            used = true;
        }
    }
    used || text
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace())
}

fn same_day(a: &DateTime, b: Option<&DateTime>) -> bool {
    b.is_none_or(|b| a.year == b.year && a.month == b.month && a.day == b.day)
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .map(str::trim)
}

/// Normalised comparison key: letters and digits only, lower-case.
pub fn title_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The displayed headline: an `h1` (or a title-classed block) whose text the declared titles contain.
fn headline(dom: &Dom, titles: &[&str]) -> Option<(NodeId, String)> {
    let keys: Vec<String> = titles
        .iter()
        .map(|t| title_key(t))
        .filter(|k| !k.is_empty())
        .collect();
    let mut first_h1 = None;
    let mut fallback = None;
    for id in dom.descendants(NodeId::DOCUMENT) {
        let Some(tag) = dom.tag(id) else { continue };
        let is_h1 = *tag == local_name!("h1");
        let titled = matches!(
            *tag,
            local_name!("h2")
                | local_name!("div")
                | local_name!("p")
                | local_name!("span")
                | local_name!("h3")
        ) && dom.class_and_id(id).to_ascii_lowercase().contains("title");
        if !is_h1 && !titled {
            continue;
        }
        let text = normalize_ws(&dom.text_content_capped(id, 1200));
        let n = text.chars().count();
        if !(4..=300).contains(&n) {
            continue;
        }
        let key = title_key(&text);
        let matches = keys
            .iter()
            .any(|k| k.contains(&key) || (key.contains(k.as_str()) && k.len() * 2 > key.len()));
        if matches && is_h1 {
            return Some((id, text));
        }
        if matches && fallback.is_none() {
            fallback = Some((id, text));
        } else if is_h1 && first_h1.is_none() {
            first_h1 = Some((id, text));
        }
    }
    fallback.or(first_h1)
}
