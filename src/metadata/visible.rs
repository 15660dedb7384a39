//! What the reader sees around the headline: the headline itself, the byline,
//! the source agency and the dateline. Pages' structured data is often wrong
//! (a site name as author, local time marked UTC); this is the check.

use crate::date::{self, DateTime};
use crate::dom::{Dom, NodeId};
use crate::metadata::names::agency;
use crate::rules::keywords::{Boundary, KeywordSet, Keywords};
use crate::text::normalize_ws;
use html5ever::local_name;
use std::sync::LazyLock;

/// Headline, byline and dateline as displayed.
#[derive(Debug, Default)]
pub struct Visible {
    pub headline: Option<(NodeId, String)>,
    /// Raw byline text of persons ("Jane Doe and John Roe").
    pub byline: Option<String>,
    /// A wire agency or source named near the headline.
    pub source: Option<String>,
    /// An editor credited near the headline ("每经编辑：高涵").
    pub editor: Option<String>,
    /// The byline came from a "By …"/"作者：" label (stronger than an author-classed element).
    labelled: bool,
    /// A bare "By" was seen: the next unit is the byline.
    expect_byline: bool,
    pub published: Option<DateTime>,
    pub modified: Option<DateTime>,
    /// Dates whose clock and zone came from a `datetime` attribute, not the
    /// text: themes often write local time there with a wrong zone.
    pub attr_clocks: Vec<DateTime>,
    /// A dateline without a year (`10-08 14:35`): month, day, time.
    pub yearless: Option<(u32, u32, (u32, u32, u32))>,
    /// Leaf blocks that held only byline, source, date or counters (removed from the body).
    pub blocks: Vec<NodeId>,
}

/// How many blocks after the headline are searched for a byline and dateline.
const SCAN_BLOCKS: usize = 24;
/// Heavier blocks (about 25 words or 60 CJK characters) are prose, not bylines.
const MAX_BYLINE_WEIGHT: f64 = 150.0;
/// Units longer than this (in characters) are prose without weighing them.
const MAX_UNIT_CHARS: usize = 2000;

/// Finds the headline (the `h1` matching the declared titles best) and reads the blocks after it.
pub fn scan(dom: &Dom, titles: &[&str]) -> Visible {
    let mut v = Visible {
        headline: headline(dom, titles),
        ..Visible::default()
    };
    let Some((h, _)) = v.headline else { return v };
    let has_block = dom.contains_matching(NodeId::DOCUMENT, crate::extract::is_block);
    let mut seen = 0;
    let mut prose = 0;
    let mut cur = dom.next_skipping_children(NodeId::DOCUMENT, h);
    while let Some(id) = cur {
        if seen >= SCAN_BLOCKS {
            break;
        }
        // A unit is a run of inline content: an element with no block inside
        // it, or a text node sitting directly in a block.
        let unit = match &dom.node(id).data {
            crate::dom::NodeData::Element(_) => !has_block[id.index()] && !is_skipped(dom, id),
            crate::dom::NodeData::Text(t) => !t.trim().is_empty(),
            _ => false,
        };
        if unit {
            // Longer than MAX_UNIT_CHARS (None) is prose whatever it weighs.
            let text = crate::text::normalized_text(dom, id, MAX_UNIT_CHARS);
            if text.as_deref() != Some("") {
                seen += 1;
                let byline_sized = text
                    .as_deref()
                    .filter(|t| crate::text::Counts::of(t).weight() <= MAX_BYLINE_WEIGHT);
                if let Some(text) = byline_sized {
                    if read_unit(dom, id, text, &mut v) {
                        v.blocks.push(id);
                    }
                } else {
                    // Prose: the byline region is over, unless this is a
                    // standfirst and nothing was found yet.
                    prose += 1;
                    let found = v.published.is_some() || v.byline.is_some() || v.source.is_some();
                    if found || prose > 2 {
                        break;
                    }
                }
            }
            cur = dom.next_skipping_children(NodeId::DOCUMENT, id);
            continue;
        }
        cur = match dom.first_child(id) {
            Some(c) if !is_skipped(dom, id) => Some(c),
            _ => dom.next_skipping_children(NodeId::DOCUMENT, id),
        };
    }
    v
}

fn is_skipped(dom: &Dom, id: NodeId) -> bool {
    matches!(
        dom.tag(id),
        Some(&local_name!("script"))
            | Some(&local_name!("style"))
            | Some(&local_name!("noscript"))
            | Some(&local_name!("template"))
            | Some(&local_name!("button"))
    )
}

/// The pieces of a unit as a reader tells them apart: each child element's
/// text, each text run, further split at `|` and wide spaces.
fn segments(dom: &Dom, id: NodeId) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    if dom.element(id).is_some() && dom.children(id).any(|c| dom.element(c).is_some()) {
        for c in dom.children(id) {
            raw.push(dom.text_content(c));
        }
    } else {
        raw.push(dom.text_content(id));
    }
    raw.iter()
        .flat_map(|r| {
            r.split(['|', '｜', '　', '\n', '\t'])
                .flat_map(|p| p.split("  "))
                .flat_map(split_at_labels)
                .map(normalize_ws)
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Chinese credit labels that start a new piece of a metadata line
/// ("来源：新京报 作者：李四 责任编辑：王五"), longest first.
const LINE_LABELS: &[&str] = &[
    "责任编辑",
    "文章来源",
    "来源",
    "稿源",
    "作者",
    "记者",
    "责编",
    "编辑",
];

/// `s` cut before each Chinese credit label followed by a colon, so that
/// each label is read with its own value.
fn split_at_labels(s: &str) -> Vec<&str> {
    if !s.contains(['：', ':']) || s.is_ascii() {
        return vec![s];
    }
    let mut cuts = Vec::new();
    let mut skip_to = 0;
    for (i, _) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        let rest = &s[i..];
        if let Some(l) = LINE_LABELS.iter().find(|l| {
            rest.strip_prefix(**l)
                .is_some_and(|r| r.trim_start().starts_with(['：', ':']))
        }) {
            if i > 0 {
                cuts.push(i);
            }
            skip_to = i + l.len();
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        out.push(&s[start..c]);
        start = c;
    }
    out.push(&s[start..]);
    out
}

/// The elements inside the unit marked `rel="author"` / `itemprop="author"`
/// ("<a rel=author>Julia Carrie Wong</a> and <a rel=author>Sam Levin</a>").
fn author_links(dom: &Dom, id: NodeId) -> Vec<NodeId> {
    dom.descendants(id)
        .skip(1)
        .take(24)
        .filter(|&n| {
            ["rel", "itemprop"].iter().any(|a| {
                dom.attr(n, a)
                    .is_some_and(|v| v.eq_ignore_ascii_case("author"))
            })
        })
        .collect()
}

/// Whether the unit or a near ancestor is marked as the author/byline block,
/// or the unit links its authors.
fn author_marked(dom: &Dom, id: NodeId) -> bool {
    !author_links(dom, id).is_empty()
        || [id].into_iter().chain(dom.ancestors(id).take(3)).any(|a| {
            [
                local_name!("class"),
                local_name!("id"),
                local_name!("rel"),
                local_name!("itemprop"),
            ]
            .iter()
            .any(|n| {
                dom.attr_named(a, n)
                    .is_some_and(|v| BYLINE_SIGN_SET.hits(v) != 0)
            })
        })
}

/// Class, id, rel and itemprop fragments of byline elements.
const BYLINE_SIGNS: Keywords = Keywords {
    words: &[
        "author",
        "byline",
        "writer",
        "zuozhe",
        "reporter",
        "contributor",
    ],
    boundary: Boundary::Anywhere,
};

static BYLINE_SIGN_SET: LazyLock<KeywordSet> = LazyLock::new(|| KeywordSet::of(&[&BYLINE_SIGNS]));

/// A class or id fragment of headline blocks that are not `h1`.
const TITLE_SIGNS: Keywords = Keywords {
    words: &["title"],
    boundary: Boundary::Anywhere,
};

/// Short title tokens of Chinese CMS templates (`l_tit`, `art-tit`, `news_bt`).
const TITLE_TOKENS: Keywords = Keywords {
    words: &["tit", "bt", "headline"],
    boundary: Boundary::Token,
};

static TITLE_SIGN_SET: LazyLock<KeywordSet> =
    LazyLock::new(|| KeywordSet::of(&[&TITLE_SIGNS, &TITLE_TOKENS]));

/// Labels before a source name.
const SOURCE_LABELS: &[&str] = &[
    "来源：",
    "来源:",
    "来源 ：",
    "稿源：",
    "文章来源：",
    "Source:",
    "Source(s):",
    "Source :",
    "SOURCE:",
];
/// Labels before a byline.
const BYLINE_LABELS: &[&str] = &[
    "By: ",
    "BY: ",
    "By ",
    "by ",
    "BY ",
    // CNN and others name the kind of piece before the byline.
    "Analysis by ",
    "Opinion by ",
    "Commentary by ",
    "Story by ",
    "Text by ",
    "作者：",
    "作者:",
    "作者 ",
    "记者：",
    "记者:",
    "记者 ",
    "本报记者 ",
    "文／",
    "文/",
    "Written by ",
    "Words by ",
];

/// Reads one short unit; returns whether it held only byline, date, source or counter material.
fn read_unit(dom: &Dom, id: NodeId, text: &str, v: &mut Visible) -> bool {
    let mut used = false;
    let marked = author_marked(dom, id);
    // `<time datetime>`, or any element's `datetime` (`<div class="…timestamp" datetime>`).
    let datetime_attr = dom.descendants(id).find_map(|n| dom.attr(n, "datetime"));
    let segs = segments(dom, id);
    let mut pending_source = false;
    if v.expect_byline {
        v.expect_byline = false;
        if date::parse(text).is_none()
            && text.chars().count() < 120
            && (v.byline.is_none() || !v.labelled)
        {
            v.byline = Some(text.to_string());
            v.labelled = true;
            return true;
        }
    }
    // A label on its own line before the date ("Updated\n 11:22 PM EST, …").
    let mut date_label = String::new();
    for seg in &segs {
        if seg.chars().count() <= 20 && is_date_label(seg) {
            date_label.clone_from(seg);
            used = true;
            continue;
        }
        if pending_source {
            v.source.get_or_insert_with(|| seg.clone());
            pending_source = false;
            used = true;
            continue;
        }
        if let Some(d) = date::parse(seg) {
            // The element's `datetime` attribute completes what is shown: a
            // clock without a zone takes the offset of the same moment, a
            // day without a clock takes the attribute's time on that day.
            let attr = datetime_attr.and_then(date::parse);
            let d = attr
                .and_then(|a| date::at_local_clock(&d, &a))
                .or_else(|| {
                    let a = attr.filter(|a| {
                        !d.has_time()
                            && a.has_time()
                            && (a.year, a.month, a.day) == (d.year, d.month, d.day)
                    })?;
                    v.attr_clocks.push(a);
                    Some(a)
                })
                .unwrap_or(d);
            note_date(v, d, &format!("{date_label} {seg}"));
            date_label.clear();
            used = true;
            // A date segment may also carry "来源：X" after the date.
        } else if let Some(y) = date::parse_yearless(seg) {
            v.yearless.get_or_insert(y);
            used = true;
        }
        // Every source label holds 源 or S: most segments are turned away before the search.
        let may_label = seg.contains(['源', 'S']);
        if let Some((label, rest)) = SOURCE_LABELS
            .iter()
            .filter(|_| may_label)
            .find_map(|l| seg.find(l).map(|i| (l, &seg[i + l.len()..])))
        {
            let _ = label;
            let name = rest.split_whitespace().next().unwrap_or("").trim();
            if in_caption(dom, id) {
                // "Source: Supplied" under a picture credits the picture.
            } else if name.is_empty() {
                pending_source = true;
            } else if v.source.is_none() {
                v.source = Some(name.to_string());
            }
            used = true;
        } else if let Some(rest) = BYLINE_LABELS.iter().find_map(|l| seg.strip_prefix(l)) {
            if (v.byline.is_none() || !v.labelled) && !rest.trim().is_empty() {
                v.byline = Some(rest.trim().to_string());
                v.labelled = true;
                // "By Jane Doe Associated Press": the agency after the names is the source.
                if v.source.is_none() {
                    v.source = crate::rules::bylines::AGENCIES
                        .iter()
                        .filter(|a| a.len() > 3)
                        .find(|a| rest.trim_end().ends_with(*a))
                        .and_then(|a| agency(a))
                        .map(str::to_string);
                }
            }
            used = true;
        } else if is_bare_label(seg) {
            if segs.len() == 1 {
                v.expect_byline = true;
            } else if v.byline.is_none() || !v.labelled {
                // "By <a>Jane Doe</a> and <a>John Roe</a> on <time>…": the
                // segments after the label, up to a date, are the byline.
                let at = segs.iter().position(|s| std::ptr::eq(s, seg)).unwrap_or(0);
                let names: Vec<&str> = segs[at + 1..]
                    .iter()
                    // Up to a date or the next "label:" ("作者： 责任编辑：…").
                    .take_while(|s| date::parse(s).is_none() && !s.contains(['：', ':']))
                    .map(String::as_str)
                    .collect();
                if !names.is_empty() {
                    v.byline = Some(names.join(" "));
                    v.labelled = true;
                }
            }
            used = true;
        } else if matches!(seg.as_str(), "and" | "&") {
            used = true;
        } else if let Some(i) = seg.find("编辑").filter(|_| !seg.contains("责任编辑")) {
            let name: String = seg[i + "编辑".len()..]
                .trim_start_matches([' ', '　', ':', '：'])
                .chars()
                .take_while(|&c| crate::text::is_cjk_letter(c) || c == '·')
                .collect();
            if (2..=4).contains(&name.chars().count()) {
                v.editor.get_or_insert(name);
                used = true;
            }
        } else if let Some((outlet, name)) = outlet_reporter(seg) {
            // "澎湃新闻记者 顾文卿": reporter, and the outlet as source.
            if v.byline.is_none() || !v.labelled {
                v.byline = Some(name);
                v.labelled = true;
            }
            if !outlet.is_empty() && outlet != "本报" {
                v.source.get_or_insert(outlet);
            }
            used = true;
        } else if let Some(a) = agency(seg) {
            v.source.get_or_insert_with(|| a.to_string());
            used = true;
        } else if is_file_name(seg) {
            // A picture's file name shown as its caption ("google.JPG"): clutter.
            used = true;
        } else if is_domain(seg) && !is_link_text(dom, id, seg) {
            // A site named in plain text; a link to a site ("Official links:
            // Minecraft.net") credits nothing.
            v.source.get_or_insert_with(|| seg.clone());
            used = true;
        } else if seg.chars().all(|c| c.is_ascii_digit()) {
            used = true;
        }
    }
    let connector = is_bare_label(text);
    if marked
        && !connector
        && v.byline.is_none()
        && date::parse(text).is_none()
        && text.chars().count() < 120
    {
        // The linked names alone when the unit links them ("<a rel=author>
        // Imogen Clarke</a> Science correspondent"), else its spaced text.
        let links: Vec<String> = author_links(dom, id)
            .into_iter()
            .map(|n| normalize_ws(&dom.text_content(n)))
            .filter(|t| !t.is_empty())
            .collect();
        v.byline = Some(if links.is_empty() {
            spaced_text(dom, id)
        } else {
            links.join(", ")
        });
        used = true;
    }
    if !used {
        if let Some(d) = datetime_attr.and_then(date::parse) {
            v.attr_clocks.push(d);
            note_date(v, d, text);
            used = true;
        }
    }
    used
}

/// Class fragments of picture captions and credits.
const CAPTION_SIGNS: Keywords = Keywords {
    words: &[
        "caption",
        "image-source",
        "photo-credit",
        "image-credit",
        "img-source",
    ],
    boundary: Boundary::Anywhere,
};

static CAPTION_SIGN_SET: LazyLock<KeywordSet> = LazyLock::new(|| KeywordSet::of(&[&CAPTION_SIGNS]));

/// Whether the unit sits in a picture's caption (`figure`, `figcaption`, or a caption-classed block).
fn in_caption(dom: &Dom, id: NodeId) -> bool {
    [id].into_iter().chain(dom.ancestors(id).take(4)).any(|a| {
        matches!(
            dom.tag(a),
            Some(&local_name!("figure")) | Some(&local_name!("figcaption"))
        ) || dom
            .attr_named(a, &local_name!("class"))
            .is_some_and(|v| CAPTION_SIGN_SET.hits(v) != 0)
    })
}

/// A byline label standing alone in its segment ("By", "Analysis by", "作者：").
fn is_bare_label(seg: &str) -> bool {
    let s = seg.trim_end_matches([':', '：', ' ']);
    matches!(
        s,
        "By" | "by" | "BY" | "作者" | "记者" | "Written by" | "Par" | "Por" | "Von" | "Di"
    ) || BYLINE_LABELS
        .iter()
        .any(|l| l.ends_with(" by ") && s == l.trim_end())
}

/// The unit's text with "; " where two elements' texts touch without a space
/// ("<a>Gina Trapani</a><span>CEO</span>" → "Gina Trapani; CEO"), so that a
/// job title or a link label glued to a name stays apart from it.
fn spaced_text(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    let mut last_parent = None;
    for n in dom.descendants(id).take(200) {
        let crate::dom::NodeData::Text(t) = &dom.node(n).data else {
            continue;
        };
        let parent = dom.parent(n);
        let touching = !out.is_empty()
            && !out.ends_with(char::is_whitespace)
            && !t.starts_with(char::is_whitespace);
        if touching && parent != last_parent && !is_bare_label(out.trim()) {
            out.push_str("; ");
        } else if touching {
            out.push(' ');
        }
        out.push_str(t);
        last_parent = parent;
    }
    normalize_ws(&out)
}

/// "澎湃新闻记者 顾文卿" → ("澎湃新闻", "顾文卿"): an outlet's reporter credit.
fn outlet_reporter(seg: &str) -> Option<(String, String)> {
    let i = seg.find("记者")?;
    let mut outlet = seg[..i].trim();
    for title in ["首席", "特约", "实习"] {
        outlet = outlet.trim_end_matches(title);
    }
    let name = seg[i + "记者".len()..]
        .trim_start_matches([' ', '　', ':', '：'])
        .trim();
    let cjk_name = |s: &str| {
        (2..=4).contains(&s.chars().count())
            && s.chars().all(|c| crate::text::is_cjk_letter(c) || c == '·')
    };
    let ok = name
        .split([' ', '、'])
        .filter(|p| !p.is_empty())
        .all(cjk_name)
        && outlet.chars().count() <= 10
        && outlet
            .chars()
            .all(|c| crate::text::is_cjk_letter(c) || c == '·');
    (ok && !name.is_empty()).then(|| (outlet.to_string(), name.to_string()))
}

/// Whether `seg` is the text of a link in or around the unit.
fn is_link_text(dom: &Dom, id: NodeId, seg: &str) -> bool {
    dom.ancestors(id)
        .take(2)
        .any(|a| dom.is(a, &local_name!("a")))
        || dom
            .descendants(id)
            .take(24)
            .any(|n| dom.is(n, &local_name!("a")) && normalize_ws(&dom.text_content(n)) == seg)
}

/// `chinadaily.com.cn`, `www.example.org`: a site credited as the source.
fn is_domain(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    // An image's file name in a caption ("WEB18-Facebook-1160x768.jpg") is no site.
    !is_file_name(s)
        && parts.len() >= 2
        && !s.contains(' ')
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && parts
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A single word ending in a file extension ("google.JPG").
fn is_file_name(s: &str) -> bool {
    !s.contains(' ')
        && s.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && FILE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext))
        })
}

/// File name endings that make a dotted word a file, not a domain.
const FILE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "bmp", "tif", "tiff", "mp4", "mp3", "pdf",
    "html", "htm", "php", "js", "css",
];

/// Words that label a date as a modification.
const UPDATE_WORDS: &[&str] = &["updated", "modified", "更新", "修改"];
/// Words that label a date as the publication.
const PUBLISH_WORDS: &[&str] = &["published", "posted", "发布", "发表", "首发"];

/// A segment that is only a date label ("Updated", "Published:", "更新时间：").
fn is_date_label(seg: &str) -> bool {
    let lower = crate::text::lower(seg);
    UPDATE_WORDS
        .iter()
        .chain(PUBLISH_WORDS)
        .any(|w| lower.contains(w))
        && !seg.chars().any(|c| c.is_ascii_digit())
}

/// Records a date seen near the headline, as published or modified by its label.
fn note_date(v: &mut Visible, d: DateTime, label: &str) {
    let lower = crate::text::lower(label);
    let is_update = UPDATE_WORDS.iter().any(|w| lower.contains(w));
    let is_publish = PUBLISH_WORDS.iter().any(|w| lower.contains(w));
    if is_update && !is_publish {
        v.modified.get_or_insert(d);
        v.published.get_or_insert(d);
    } else if v.published.is_none()
        || (is_publish && v.modified == v.published)
        || (d.has_time()
            && !v.published.is_some_and(|p| p.has_time())
            && same_day(&d, v.published.as_ref()))
    {
        v.published = Some(d);
    }
}

fn same_day(a: &DateTime, b: Option<&DateTime>) -> bool {
    b.is_none_or(|b| a.year == b.year && a.month == b.month && a.day == b.day)
}

/// Normalised comparison key: letters and digits only, lower-case.
pub fn title_key(s: &str) -> String {
    crate::text::alnum_key(s)
}

/// The displayed headline: an `h1` (or a title-classed block) whose text the declared titles contain.
fn headline(dom: &Dom, titles: &[&str]) -> Option<(NodeId, String)> {
    let keys: Vec<String> = titles
        .iter()
        .map(|t| title_key(t))
        .filter(|k| !k.is_empty())
        .collect();
    // The titles without their site suffix ("atg 1700 - Pastebin.com" → "atg 1700").
    let stems: Vec<String> = titles
        .iter()
        .filter_map(|t| super::title::without_suffix(t))
        .map(|t| title_key(&t))
        .filter(|k| !k.is_empty())
        .collect();
    let (tab, others) = match keys.split_last() {
        Some((t, o)) => (Some(t), o),
        None => (None, &keys[..]),
    };
    let mut first_h1 = None;
    let mut fallback = None;
    let mut declared_heading = None;
    let mut tab_h1 = None;
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
        ) && [local_name!("class"), local_name!("id")].iter().any(|a| {
            dom.attr_named(id, a)
                .is_some_and(|v| TITLE_SIGN_SET.hits(v) != 0)
        });
        // A hidden copy of the headline for share widgets is not where the byline sits.
        if (!is_h1 && !titled) || hidden(dom, id) {
            continue;
        }
        let text = normalize_ws(&dom.text_content_capped(id, 1200));
        let n = text.chars().count();
        if !(4..=300).contains(&n) {
            continue;
        }
        let key = title_key(&text);
        // The site's logo or name in a heading ("<h1 class=logo>Mozilla</h1>",
        // a hidden "<h1>The New Republic</h1>"): a small piece of a title, or
        // marked as a logo. Neither headline nor fallback.
        let subheading = matches!(*tag, local_name!("h2") | local_name!("h3"));
        let piece = super::title::is_piece(&keys, &stems, &key, subheading);
        if piece || is_logo(dom, id) {
            continue;
        }
        let shows =
            |k: &String| k.contains(&key) || (key.contains(k.as_str()) && k.len() * 2 > key.len());
        // A heading that matches a declared headline (og:title, JSON-LD) beats
        // an h1 that matches only the tab's title ("Millennial Decorating
        // Mistakes" h1 vs the h2 og:title repeats).
        let strong = others.iter().any(shows);
        let matches = strong || tab.is_some_and(shows);
        if matches && is_h1 && (strong || others.is_empty()) {
            return Some((id, text));
        }
        if strong && subheading && declared_heading.is_none() {
            declared_heading = Some((id, text.clone()));
        }
        if matches && is_h1 {
            // An h1 the tab's title shows: the headline unless a heading
            // repeats a declared one further down.
            tab_h1 = tab_h1.or(Some((id, text)));
        } else if matches && fallback.is_none() {
            fallback = Some((id, text));
        } else if is_h1 && first_h1.is_none() {
            first_h1 = Some((id, text));
        }
    }
    declared_heading.or(tab_h1).or(fallback).or(first_h1)
}

/// Whether a heading is marked as the site's logo (`class="logo"`, `id="website-logo"`).
fn is_logo(dom: &Dom, id: NodeId) -> bool {
    [local_name!("class"), local_name!("id")].iter().any(|a| {
        dom.attr_named(id, a)
            .is_some_and(|v| v.to_ascii_lowercase().contains("logo"))
    })
}

/// Whether the element or one of its four nearest ancestors is hidden
/// (`hidden`, or `display:none` in its inline style).
fn hidden(dom: &Dom, id: NodeId) -> bool {
    [id].into_iter().chain(dom.ancestors(id).take(4)).any(|a| {
        dom.attr(a, "hidden").is_some()
            || dom.attr(a, "style").is_some_and(|st| {
                st.split(';').any(|d| {
                    d.split_once(':').is_some_and(|(k, v)| {
                        k.trim().eq_ignore_ascii_case("display")
                            && v.trim().eq_ignore_ascii_case("none")
                    })
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_unit` searches a segment for source labels only when it holds 源 or S.
    #[test]
    fn metadata_lines_split_at_their_labels() {
        // gmw: "来源： 网易科学人 作者： 责任编辑：肖春芳" (one text run on the page).
        assert_eq!(
            split_at_labels("来源：网易科学人 作者：春春 责任编辑：肖春芳"),
            ["来源：网易科学人 ", "作者：春春 ", "责任编辑：肖春芳"]
        );
        assert_eq!(
            split_at_labels("记者从市交通委获悉"),
            ["记者从市交通委获悉"]
        );
    }

    #[test]
    fn every_source_label_holds_the_prefilter_character() {
        for l in SOURCE_LABELS {
            assert!(l.contains(['源', 'S']), "{l}");
        }
    }
}
