//! Cleaning inside the chosen article container: blocks that look like lists
//! of links, related-stories and comment sections, layout tables, clutter
//! lines and credit lines. Each removal is recorded with the rule that made it.

use super::score::{class_weight, Stats};
use crate::dom::{Dom, NodeId};
use crate::rules::candidates::NEGATIVE_BLOCKS;
use crate::rules::clutter::{LINES, MAX_LINE_CHARS};
use crate::rules::credits::{CREDITS, MAX_CREDIT_CHARS};
use crate::rules::Rule;
use html5ever::local_name;

/// Most reporters read from credit lines (a page of "By …" lines names no more).
const MAX_REPORTERS: usize = 16;

/// Why a block was removed: a rule id and its description.
#[derive(Debug, Clone, Copy)]
pub struct Reason {
    pub rule: &'static str,
    pub catches: &'static str,
}

impl From<&'static Rule> for Reason {
    fn from(r: &'static Rule) -> Reason {
        Reason {
            rule: r.id,
            catches: r.catches,
        }
    }
}

/// Reasons that are not line rules.
pub const LINK_BLOCK: Reason = Reason {
    rule: "link-heavy-block",
    catches: "blocks that are mostly links (navigation, tag lists, related stories)",
};
pub const NEGATIVE_CLASS: Reason = Reason {
    rule: "negative-class-block",
    catches: "blocks whose class or id marks them as share bars, ads, author boxes or widgets",
};
pub const IMAGE_GALLERY_STRIP: Reason = Reason {
    rule: "thumbnail-strip",
    catches: "strips of thumbnails with little text",
};
pub const TEASER_LIST: Reason = Reason {
    rule: "teaser-list",
    catches: "lists of other stories: several headings that are all links",
};
pub const FORM_BLOCK: Reason = Reason {
    rule: "form",
    catches: "forms (search, newsletter sign-up, comments)",
};

/// Credits found in the article (who supplied, wrote and edited it).
#[derive(Debug, Default, Clone)]
pub struct Credits {
    pub source: Option<String>,
    pub editor: Option<String>,
    /// Rank of the label the editor was named with (`EDITOR_LABELS`).
    pub editor_rank: u8,
    pub reporters: Vec<String>,
}

/// Collected removals: the node (detached, still in the arena) and why.
pub type Removals = Vec<(NodeId, Reason)>;

/// Removes whole blocks that are not article: link lists, widgets, forms, related sections.
/// `total` is the text weight of the whole article container.
pub fn blocks(dom: &mut Dom, content: NodeId, stats: &Stats, total: f32, removed: &mut Removals) {
    let notes = note_targets(dom, content);
    let mut cur = dom.first_child(content);
    while let Some(id) = cur {
        // A list of notes is mostly links (back links, cited sources) but it is the article's own.
        let verdict = judge_block(dom, id, stats, total)
            .filter(|_| notes.is_empty() || !holds_note_target(dom, id, &notes));
        match verdict {
            Some(reason) => {
                cur = dom.next_skipping_children(content, id);
                dom.detach(id);
                removed.push((id, reason));
            }
            None => {
                if dom.is(id, &local_name!("table")) && !is_data_table(dom, id) {
                    flatten_layout_table(dom, id);
                }
                cur = match dom.first_child(id) {
                    Some(c) => Some(c),
                    None => dom.next_skipping_children(content, id),
                };
            }
        }
    }
}

/// Class or id words of links that are note references (Substack's `footnote-anchor`,
/// markdown-it's `footnote-ref`, kramdown's `footnote`, `fnref`, `noteref`), checked in lower case.
const NOTEREF_HINTS: &[&str] = &["footnote", "fnref", "noteref"];
/// Class words of the links back from a note to its reference (kramdown's `reversefootnote`,
/// `footnote-backref`, `backlink`): they point into the text, not at a note.
const BACKLINK_HINTS: &[&str] = &["back", "reverse", "return"];

/// Whether `a` is a note reference: a fragment link in or around a `<sup>`, marked
/// `role=doc-noteref` (itself or its parent), or with a note-reference class or id.
fn is_noteref(dom: &Dom, a: NodeId) -> bool {
    let words = |n: NodeId| {
        let mut s = dom.attr(n, "class").unwrap_or("").to_ascii_lowercase();
        s.push(' ');
        s.push_str(&dom.attr(n, "id").unwrap_or("").to_ascii_lowercase());
        s
    };
    let own = words(a);
    if dom.attr(a, "role") == Some("doc-backlink") || BACKLINK_HINTS.iter().any(|h| own.contains(h))
    {
        return false;
    }
    let parent = dom.parent(a);
    let up2 = parent.and_then(|p| dom.parent(p));
    [parent, up2]
        .into_iter()
        .flatten()
        .any(|p| dom.is(p, &local_name!("sup")))
        || dom
            .child_elements(a)
            .any(|c| dom.is(c, &local_name!("sup")))
        || [Some(a), parent]
            .into_iter()
            .flatten()
            .any(|n| dom.attr(n, "role") == Some("doc-noteref"))
        || NOTEREF_HINTS.iter().any(|h| own.contains(h))
}

pub const NOTE_TOOLTIP: Reason = Reason {
    rule: "note-tooltip",
    catches:
        "hover copies of a footnote beside its reference (the note stays in the list of notes)",
};

/// Class words of the hover copy of a note that footnote plugins put beside the reference
/// (WordPress "footnotes": `span.footnote_tooltip`): shown on hover only, so read inline it
/// interrupts the sentence.
const TOOLTIP_HINTS: &[&str] = &["tooltip"];
/// Siblings after a reference looked at for its tooltip.
const TOOLTIP_REACH: usize = 3;

/// Notes: removes the hover copies that sit beside their references, and hands the id of a link
/// target the reader would not keep (an empty `<span id="f+1">` anchor inside a note or beside
/// its reference, unwrapped by the sanitizer) to its nearest kept ancestor that has none, so
/// note references and their back links still land.
pub fn notes(dom: &mut Dom, content: NodeId, removed: &mut Removals) {
    note_tooltips(dom, content, removed);
    let targets: std::collections::HashSet<String> = dom
        .descendants(content)
        .filter(|&n| dom.is(n, &local_name!("a")))
        .filter_map(|a| {
            let frag = dom.attr(a, "href")?.trim().strip_prefix('#')?;
            (!frag.is_empty() && frag.len() <= 200).then(|| frag.to_string())
        })
        .collect();
    if targets.is_empty() {
        return;
    }
    let mut moves = Vec::new();
    for n in dom.descendants(content) {
        let Some(tag) = dom.tag(n) else { continue };
        let Some(id) = dom.attr(n, "id").filter(|v| targets.contains(*v)) else {
            continue;
        };
        if crate::sanitize::keeps_tag(tag) {
            continue;
        }
        let heir = dom.ancestors(n).take_while(|&a| a != content).find(|&a| {
            dom.tag(a).is_some_and(crate::sanitize::keeps_tag) && dom.attr(a, "id").is_none()
        });
        if let Some(a) = heir {
            moves.push((a, id.to_string()));
        }
    }
    for (a, id) in moves {
        if dom.attr(a, "id").is_none() {
            dom.set_attr(a, "id", &id);
        }
    }
}

/// Removes the hover copies of notes that sit beside their references.
fn note_tooltips(dom: &mut Dom, content: NodeId, removed: &mut Removals) {
    let refs: Vec<NodeId> = dom
        .descendants(content)
        .filter(|&n| dom.is(n, &local_name!("a")))
        .filter(|&a| {
            dom.attr(a, "href")
                .is_some_and(|h| h.trim().len() > 1 && h.trim().starts_with('#'))
                && is_noteref(dom, a)
        })
        .collect();
    let mut drop = Vec::new();
    for a in refs {
        // The reference is the link, or the <sup> around it.
        let start = match dom.parent(a) {
            Some(p) if dom.is(p, &local_name!("sup")) => p,
            _ => a,
        };
        let mut sib = dom.next_sibling(start);
        for _ in 0..TOOLTIP_REACH {
            let Some(n) = sib else { break };
            let class = dom.attr(n, "class").unwrap_or("").to_ascii_lowercase();
            if TOOLTIP_HINTS.iter().any(|h| class.contains(h)) {
                drop.push(n);
                break;
            }
            sib = dom.next_sibling(n);
        }
    }
    for n in drop {
        if dom.parent(n).is_some() {
            dom.detach(n);
            removed.push((n, NOTE_TOOLTIP));
        }
    }
}

/// The fragments (`fn1` of `href="#fn1"`) that note references in `content` point at.
pub fn note_targets(dom: &Dom, content: NodeId) -> std::collections::HashSet<String> {
    dom.descendants(content)
        .filter(|&n| dom.is(n, &local_name!("a")))
        .filter_map(|a| {
            let frag = dom.attr(a, "href")?.trim().strip_prefix('#')?;
            (!frag.is_empty() && frag.len() <= 200 && is_noteref(dom, a)).then(|| frag.to_string())
        })
        .collect()
}

/// Whether `block` holds the target (by `id`, or an old-style `<a name>`) of a note reference.
fn holds_note_target(dom: &Dom, block: NodeId, notes: &std::collections::HashSet<String>) -> bool {
    dom.descendants(block).any(|n| {
        dom.attr(n, "id").is_some_and(|v| notes.contains(v))
            || dom.is(n, &local_name!("a"))
                && dom.attr(n, "name").is_some_and(|v| notes.contains(v))
    })
}

fn judge_block(dom: &Dom, id: NodeId, stats: &Stats, total: f32) -> Option<Reason> {
    let tag = dom.tag(id)?;
    if matches!(*tag, local_name!("form") | local_name!("fieldset")) {
        if stats.weight[id.index()] < 300.0 {
            return Some(FORM_BLOCK);
        }
        return None;
    }
    // A heading naming a related/comments/newsletter section takes its section with it.
    if matches!(
        *tag,
        local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("p")
            | local_name!("div")
            | local_name!("span")
            | local_name!("strong")
    ) && stats.weight[id.index()] < 400.0
    {
        if let Some(t) = crate::text::normalized_text(dom, id, 79) {
            if let Some(rule) = NEGATIVE_BLOCKS.first_match(&t) {
                return Some(rule.into());
            }
        }
    }
    if !matches!(
        *tag,
        local_name!("div")
            | local_name!("section")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("table")
            | local_name!("aside")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("figure")
            | local_name!("nav")
    ) {
        return None;
    }
    let c = stats.census[id.index()];
    if c.code && !dom.is(id, &local_name!("nav")) {
        return None;
    }
    let weight = stats.weight[id.index()];
    let ld = stats.link_density(id);
    let cw = class_weight(dom, id);
    let is_list = matches!(*tag, local_name!("ul") | local_name!("ol"));
    if dom.is(id, &local_name!("table")) && is_data_table(dom, id) {
        return None;
    }
    if dom.is(id, &local_name!("nav")) {
        return Some(LINK_BLOCK);
    }
    if cw < 0.0 && weight < 1500.0 && !dom.is(id, &local_name!("figure")) {
        return Some(NEGATIVE_CLASS);
    }
    // Teasers: linked headlines with a line or two each, and not most of the article.
    let w = stats.weight[id.index()];
    if c.headings >= 2
        && c.heading_link_weight >= c.heading_weight * 0.7
        && w / (c.headings as f32) < 400.0
        && w < total * 0.5
    {
        return Some(TEASER_LIST);
    }
    if stats.commas[id.index()] >= 10 && ld < 0.5 {
        return None;
    }
    let (p, img, li, inputs, embeds, headings) = (
        c.p as usize,
        c.img as usize,
        c.li as usize,
        c.input as usize,
        c.embed as usize,
        c.heading_weight,
    );
    let heading_density = if weight > 0.0 { headings / weight } else { 0.0 };
    let in_figure = dom.is(id, &local_name!("figure"))
        || dom.ancestors(id).any(|a| dom.is(a, &local_name!("figure")));
    if img > 1 && (p as f32) / (img as f32) < 0.5 && weight < 150.0 && !in_figure {
        return Some(IMAGE_GALLERY_STRIP);
    }
    if inputs > p / 3 + 1 {
        return Some(FORM_BLOCK);
    }
    if !is_list && li > p + 2 && ld > 0.3 {
        return Some(LINK_BLOCK);
    }
    // A list whose items are sentences is content even when they are links
    // (a changelog of bug titles); menus and tag lists have one- or two-word items.
    let sentence_items = is_list && li > 0 && weight / (li as f32) >= SENTENCE_ITEM_WEIGHT;
    if sentence_items && cw >= 0.0 {
        return None;
    }
    if is_list && ld > 0.6 && weight < 600.0 {
        return Some(LINK_BLOCK);
    }
    if !is_list && heading_density < 0.9 && weight < 30.0 && (img == 0 || img > 2) && ld > 0.0 {
        return Some(LINK_BLOCK);
    }
    if weight < 150.0 && ld > 0.35 && cw <= 0.0 {
        return Some(LINK_BLOCK);
    }
    if ld > 0.55 {
        return Some(LINK_BLOCK);
    }
    if embeds > 1 && weight < 75.0 {
        return Some(LINK_BLOCK);
    }
    None
}

/// Data tables have headers, captions or a real grid; layout tables do not.
pub fn is_data_table(dom: &Dom, table: NodeId) -> bool {
    if dom
        .attr(table, "role")
        .is_some_and(|r| r == "presentation" || r == "none")
    {
        return false;
    }
    let mut rows = 0;
    let mut max_cols = 0;
    for d in dom.descendants(table).skip(1) {
        match dom.tag(d) {
            Some(&local_name!("table")) => return false,
            Some(&local_name!("caption"))
            | Some(&local_name!("thead"))
            | Some(&local_name!("th"))
            | Some(&local_name!("tfoot")) => return true,
            Some(&local_name!("tr")) => {
                rows += 1;
                max_cols = max_cols.max(dom.child_elements(d).count());
            }
            _ => {}
        }
    }
    rows >= 10 || max_cols > 4 || (rows > 1 && max_cols > 1 && rows * max_cols > 10)
}

/// A layout table becomes plain blocks: its cells stay, the grid goes.
fn flatten_layout_table(dom: &mut Dom, table: NodeId) {
    let parts: Vec<NodeId> = dom.descendants(table).collect();
    for id in parts {
        if matches!(
            dom.tag(id),
            Some(&local_name!("table"))
                | Some(&local_name!("tbody"))
                | Some(&local_name!("tr"))
                | Some(&local_name!("td"))
                | Some(&local_name!("th"))
                | Some(&local_name!("thead"))
                | Some(&local_name!("tfoot"))
        ) {
            dom.rename(id, local_name!("div"));
        }
    }
}

/// Leaf blocks: blocks with no block inside them. Their text is what the line rules judge.
pub fn leaf_blocks(dom: &Dom, root: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let inside = dom.contains_matching(root, super::prepare::is_block);
    let mut it = dom.descendants(root);
    while let Some(id) = it.next() {
        if id == root || dom.tag(id).is_none() {
            continue;
        }
        if super::prepare::is_block(dom, id) && !inside[id.index()] {
            out.push(id);
            it.skip_children_of(id);
        }
    }
    out
}

/// Removes clutter and credit lines among the leaf blocks; captures credits.
pub fn lines(dom: &mut Dom, content: NodeId, removed: &mut Removals, credits: &mut Credits) {
    let mut notes = None;
    for id in leaf_blocks(dom, content) {
        if dom.is(id, &local_name!("pre"))
            || dom.is(id, &local_name!("td"))
            || dom.is(id, &local_name!("th"))
        {
            continue;
        }
        // Longer blocks are prose: no rule below applies to them.
        let Some(text) =
            crate::text::normalized_text(dom, id, MAX_LINE_CHARS.max(MAX_CREDIT_CHARS))
        else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let chars = text.chars().count();
        let lower = text.to_ascii_lowercase();
        if chars <= MAX_CREDIT_CHARS {
            if let Some(rule) = capture_credit_lower(&text, &lower, credits) {
                dom.detach(id);
                removed.push((id, rule.into()));
                continue;
            }
        }
        if chars <= MAX_LINE_CHARS {
            // A rule that matches only part of a block full of sentences has
            // found a credit inside prose ("© Provided by … Nintendo and Apple
            // shocked the world…"): the paragraph stays.
            let hit = LINES.candidates(&text, &lower).find(|(_, re)| {
                re.find(&text).is_some_and(|m| {
                    let rest = text.len() - m.len();
                    let prose = rest > LEFTOVER_PROSE_BYTES
                        && SENTENCE_ENDS
                            .iter()
                            .any(|e| text[..m.start()].contains(e) || text[m.end()..].contains(e));
                    !prose
                })
            });
            if let Some((rule, _)) = hit {
                dom.detach(id);
                removed.push((id, rule.into()));
                continue;
            }
        }
        // A bare number that a note reference points at is a note's number (Substack's
        // `<a id="footnote-3">3</a>`), not a counter. The targets are found only when needed.
        if !dom.is(id, &local_name!("li"))
            && is_counter(&text)
            && !holds_note_target(
                dom,
                id,
                notes.get_or_insert_with(|| note_targets(dom, content)),
            )
        {
            dom.detach(id);
            removed.push((id, SHARE_COUNTER));
        }
    }
}

pub const REPEATED_LINE: Reason = Reason {
    rule: "repeated-line",
    catches: "short lines repeated three or more times (gallery captions, slide controls, \"Image caption\" labels)",
};

/// How often a short line must appear to be page furniture.
const REPEATS: usize = 3;
/// Longest line (in characters) the repeat rule looks at.
const MAX_REPEATED_CHARS: usize = 100;

/// Removes short lines that appear [`REPEATS`] or more times in the article:
/// prose does not say the same short thing three times, gallery and slide
/// chrome does. Single words ("Next", a link's "link") and lines without
/// letters (`* * *` separators) stay.
pub fn repeated_lines(dom: &mut Dom, content: NodeId, removed: &mut Removals) {
    let lines: Vec<(NodeId, String)> = leaf_blocks(dom, content)
        .into_iter()
        .filter(|&id| {
            !matches!(
                dom.tag(id),
                Some(&local_name!("td")) | Some(&local_name!("th")) | Some(&local_name!("pre"))
            )
        })
        .filter_map(|id| {
            crate::text::normalized_text(dom, id, MAX_REPEATED_CHARS)
                .filter(|t| t.contains(' ') && t.chars().any(char::is_alphabetic))
                .map(|t| (id, t))
        })
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, t) in &lines {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let drop: Vec<NodeId> = lines
        .iter()
        .filter(|(_, t)| counts.get(t.as_str()).is_some_and(|&n| n >= REPEATS))
        .map(|(id, _)| *id)
        .collect();
    for id in drop {
        dom.detach(id);
        removed.push((id, REPEATED_LINE));
    }
}

/// Bytes of text outside a rule's match beyond which a block may be prose.
const LEFTOVER_PROSE_BYTES: usize = 100;
/// Sentence ends, Latin and CJK.
const SENTENCE_ENDS: &[&str] = &[". ", "。", "！", "？", "! ", "? "];

/// Average text weight of a list item that reads as a sentence (about eight words).
pub const SENTENCE_ITEM_WEIGHT: f32 = 48.0;

/// How many clutter lines from outside the article are listed.
const MAX_OUTSIDE_LINES: usize = 40;

/// Records (without removing) the clutter lines under `root`, outside the
/// article, for the reader's "removed" drawer.
pub fn lines_outside(dom: &Dom, root: NodeId, removed: &mut Removals) {
    let start = removed.len();
    for id in leaf_blocks(dom, root) {
        if removed.len() - start >= MAX_OUTSIDE_LINES {
            break;
        }
        let Some(text) = crate::text::normalized_text(dom, id, MAX_LINE_CHARS) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        if let Some(rule) = LINES.first_match(&text) {
            removed.push((id, rule.into()));
        }
    }
}

pub const SHARE_COUNTER: Reason = Reason {
    rule: "share-counter",
    catches: "bare share, like and comment counters",
};

/// "0", "12 comments", "1.2k", "3 条评论" on their own.
fn is_counter(t: &str) -> bool {
    if t.chars().count() > 16 {
        return false;
    }
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .count();
    if digits == 0 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = t[digits..].trim().to_ascii_lowercase();
    matches!(
        rest.as_str(),
        "" | "k"
            | "m"
            | "comments"
            | "comment"
            | "shares"
            | "likes"
            | "views"
            | "reads"
            | "条评论"
            | "评论"
            | "赞"
            | "阅读"
    )
}

/// Matches a credit line and records what it says.
pub fn capture_credit(text: &str, credits: &mut Credits) -> Option<&'static Rule> {
    capture_credit_lower(text, &text.to_ascii_lowercase(), credits)
}

/// [`capture_credit`] with `lower`, the ASCII-lower-cased `text`, already at hand.
fn capture_credit_lower(text: &str, lower: &str, credits: &mut Credits) -> Option<&'static Rule> {
    for (rule, re) in CREDITS.candidates(text, lower) {
        let Some(c) = re.captures(text) else { continue };
        let get = |n: &str| {
            c.name(n)
                .map(|m| m.as_str().trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let (source, editor, reporter) = (get("source"), get("editor"), get("reporter"));
        if source.is_none()
            && editor.is_none()
            && reporter.is_none()
            && c.get(0).is_none_or(|m| m.as_str().is_empty())
        {
            continue;
        }
        if credits.source.is_none() {
            credits.source = source;
        }
        if let Some(ed) = editor {
            // Several roles on one line: keep the best-ranked one.
            let (name, rank) = best_editor(text).unwrap_or((ed, 2));
            if rank >= credits.editor_rank {
                credits.editor = Some(clean_name(&name));
                credits.editor_rank = rank;
            }
        }
        if let Some(r) = reporter {
            // Chinese names part at spaces; Latin ones at commas and "and".
            let latin = r.contains(|c: char| c.is_ascii_alphabetic());
            let names: Vec<&str> = if latin {
                r.split([',', '&'])
                    .flat_map(|p| p.split(" and "))
                    .map(str::trim)
                    .collect()
            } else {
                r.split([' ', '、', '　', '和']).collect()
            };
            for name in names.into_iter().filter(|n| !n.is_empty()) {
                if credits.reporters.len() < MAX_REPORTERS
                    && !credits.reporters.iter().any(|x| x == name)
                {
                    credits.reporters.push(name.to_string());
                }
            }
        }
        return Some(rule);
    }
    None
}

/// The best-ranked (label, name) pair of a Chinese credit line (`EDITOR_LABELS`).
fn best_editor(text: &str) -> Option<(String, u8)> {
    let mut best: Option<(String, u8)> = None;
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let Some(&(label, rank)) = crate::rules::credits::EDITOR_LABELS
            .iter()
            .find(|(l, _)| rest.starts_with(l))
        else {
            continue;
        };
        // "责任编辑" also contains "编辑": only the longest label at a position counts.
        if i >= 2 && text[..i].ends_with(['任', '频', '片', '班']) {
            continue;
        }
        let after = rest[label.len()..].trim_start_matches([' ', '　', ':', '：']);
        let name: String = after
            .chars()
            .take_while(|c| !c.is_whitespace() && !"　)）】]".contains(*c))
            .collect();
        if !name.is_empty() && best.as_ref().is_none_or(|(_, r)| rank > *r) {
            best = Some((name, rank));
        }
    }
    best
}

/// A name without CMS codes: "陈曦_NE0011" → "陈曦", "陈凯 PN052" → "陈凯".
fn clean_name(s: &str) -> String {
    let s = s.trim();
    if s.chars().next().is_some_and(crate::text::is_cjk_letter) {
        s.chars()
            .take_while(|&c| crate::text::is_cjk_letter(c) || c == '·' || c == '、')
            .collect()
    } else {
        s.to_string()
    }
}

/// Removes elements left empty (no text, no image, no media).
pub fn empties(dom: &mut Dom, content: NodeId) {
    let order: Vec<NodeId> = dom.descendants(content).collect();
    for &id in order.iter().rev() {
        if id == content {
            continue;
        }
        let Some(tag) = dom.tag(id) else { continue };
        if matches!(
            *tag,
            local_name!("img")
                | local_name!("br")
                | local_name!("hr")
                | local_name!("video")
                | local_name!("audio")
                | local_name!("source")
                | local_name!("td")
                | local_name!("th")
                | local_name!("picture")
        ) {
            continue;
        }
        let empty = dom.children(id).all(|c| match dom.text(c) {
            Some(t) => t.trim().is_empty(),
            None => dom.element(c).is_none() || dom.is(c, &local_name!("br")),
        });
        if empty {
            dom.detach(id);
        }
    }
}
