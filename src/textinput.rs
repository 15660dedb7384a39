//! Text dumps of pages (one block a line, as copied from a browser or saved by
//! a crawler), cleaned with the same rule tables as HTML: the article is the
//! longest run of prose lines; the lines before it give title, byline, source
//! and dateline; credit lines after it give the editor.

use crate::date;
use crate::dom::NodeId;
use crate::extract::clean::{capture_credit, Credits};
use crate::metadata::{self, Declared, Inputs, Visible};
use crate::rules::candidates::NEGATIVE_BLOCKS;
use crate::rules::clutter::{LINES, MAX_LINE_CHARS};
use crate::text::{normalize_ws, Counts};
use crate::{Article, Error, ErrorKind, Removed};

/// Least weight of a prose line (about a 60-character sentence or 24 CJK characters).
const MIN_PROSE_WEIGHT: f64 = 60.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    Prose,
    Dateline,
    Agency,
    Clutter(&'static str, &'static str),
    Credit(&'static str, &'static str),
    Other,
}

pub fn run(input: &str, url: Option<&url::Url>) -> Result<Article, Error> {
    let lines: Vec<String> = input
        .lines()
        .map(normalize_ws)
        .filter(|l| !l.is_empty())
        .collect();
    let mut credits = Credits::default();
    let kinds: Vec<Line> = lines
        .iter()
        .map(|l| classify(l, &mut Credits::default()))
        .collect();

    // The body: the run of prose lines with the most weight.
    let mut best: Option<(usize, usize, f64)> = None;
    let mut i = 0;
    while i < lines.len() {
        if kinds[i] != Line::Prose {
            i += 1;
            continue;
        }
        let start = i;
        let mut weight = 0.0;
        while i < lines.len() && kinds[i] == Line::Prose {
            weight += Counts::of(&lines[i]).weight();
            i += 1;
        }
        if best.is_none_or(|(_, _, w)| weight > w) {
            best = Some((start, i, weight));
        }
    }
    let Some((start, end, _)) = best else {
        return Err(Error::new(
            ErrorKind::NoArticle,
            "no article text found in the input",
        ));
    };

    let mut visible = Visible::default();
    let mut removed = Vec::new();
    let mut dek = None;
    let mut section = None;
    for (idx, line) in lines.iter().enumerate().take(start) {
        match kinds[idx] {
            Line::Dateline => {
                if let Some(d) = date::parse(line) {
                    if visible
                        .published
                        .is_none_or(|p| !p.has_time() && d.has_time())
                    {
                        visible.published = Some(d);
                    }
                }
            }
            Line::Agency => {
                visible.source.get_or_insert_with(|| metadata_agency(line));
            }
            Line::Prose => {
                dek.get_or_insert_with(|| line.clone());
            }
            Line::Other
                if visible.headline.is_none()
                    && line.contains(" / ")
                    && line.split(" / ").all(|p| Counts::of(p).units() <= 3) =>
            {
                section = line.rsplit(" / ").next().map(str::to_string);
            }
            Line::Other
                if visible.headline.is_none()
                    && Counts::of(line).units() >= 3
                    && lines[idx + 1..start].iter().take(3).any(|l| {
                        date::parse(l).is_some() || metadata::agency_name(l).is_some()
                    }) =>
            {
                visible.headline = Some((NodeId::DOCUMENT, line.clone()));
            }
            _ => {}
        }
    }
    for (idx, line) in lines.iter().enumerate().skip(end) {
        match classify(line, &mut credits) {
            Line::Credit(rule, catches) | Line::Clutter(rule, catches) => removed.push(Removed {
                rule: rule.to_string(),
                reason: catches.to_string(),
                text: line.clone(),
                html: String::new(),
            }),
            _ if idx > end + 3 => {}
            _ => {}
        }
    }
    let body: Vec<&String> = lines[start..end].iter().collect();
    let text = body
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut content = String::new();
    for p in &body {
        content.push_str("<p>");
        content.push_str(&escape(p));
        content.push_str("</p>\n");
    }
    let declared = Declared::default();
    let counts = Counts::of(&text);
    let mut m = metadata::resolve(&Inputs {
        declared: &declared,
        visible: &visible,
        credits: &credits,
        url,
        body_text: &text,
        body_counts: counts,
        first_paragraph: body.first().map(|s| s.as_str()),
        dek: dek.as_deref(),
        first_image: None,
    });
    let section = section.or(m.section.take());
    let mut article = metadata::with_body(m, content, text, counts, true, removed);
    article.section = section;
    Ok(article)
}

fn metadata_agency(line: &str) -> String {
    metadata::agency_name(line)
        .map(str::to_string)
        .unwrap_or_else(|| line.to_string())
}

fn classify(line: &str, credits: &mut Credits) -> Line {
    let chars = line.chars().count();
    if chars <= crate::rules::credits::MAX_CREDIT_CHARS {
        if let Some(r) = capture_credit(line, credits) {
            return Line::Credit(r.id, r.catches);
        }
    }
    if chars <= MAX_LINE_CHARS {
        if let Some(r) = LINES.first_match(line) {
            return Line::Clutter(r.id, r.catches);
        }
        if let Some(r) = NEGATIVE_BLOCKS.first_match(line) {
            return Line::Clutter(r.id, r.catches);
        }
    }
    if metadata::agency_name(line).is_some() {
        return Line::Agency;
    }
    let weight = Counts::of(line).weight();
    if chars < 120 && date::parse(line).is_some() {
        return Line::Dateline;
    }
    let sentence = line.ends_with(['.', '。', '!', '?', '！', '？', '"', '”', '」', ')', '）']);
    if weight >= MIN_PROSE_WEIGHT && (sentence || weight >= 150.0) {
        return Line::Prose;
    }
    Line::Other
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
