//! Inline markup inside field text, as citeproc-js reads it: the HTML-like tags `<i>`,
//! `<b>`, `<sup>`, `<sub>`, `<sc>`, `<span style="font-variant:small-caps;">`,
//! `<span class="nocase">` and `<span class="nodecor">`, and straight or curly quote pairs,
//! which become nested quote blobs (outer and inner quotes alternate). Other straight
//! apostrophes become typographic ones. Unknown tags stay literal text.

use super::case;
use super::output::{Blob, Deco};

/// A recognized inline tag.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Italic,
    Bold,
    Sup,
    Sub,
    SmallCaps,
    NoCase,
    NoDecor,
}

/// A piece of field text: plain text or a recognized opening/closing tag.
enum Piece<'a> {
    Text(&'a str),
    Open(Tag),
    Close(Tag),
}

const TAGS: &[(&str, Tag, bool)] = &[
    ("<i>", Tag::Italic, true),
    ("</i>", Tag::Italic, false),
    ("<b>", Tag::Bold, true),
    ("</b>", Tag::Bold, false),
    ("<sup>", Tag::Sup, true),
    ("</sup>", Tag::Sup, false),
    ("<sub>", Tag::Sub, true),
    ("</sub>", Tag::Sub, false),
    ("<sc>", Tag::SmallCaps, true),
    ("</sc>", Tag::SmallCaps, false),
    (
        "<span style=\"font-variant:small-caps;\">",
        Tag::SmallCaps,
        true,
    ),
    (
        "<span style=\"font-variant: small-caps;\">",
        Tag::SmallCaps,
        true,
    ),
    ("<span class=\"nocase\">", Tag::NoCase, true),
    ("<span class=\"nodecor\">", Tag::NoDecor, true),
];

/// A byte range of the text and, for tags, the tag and whether it opens.
type RawPiece = (usize, usize, Option<(Tag, bool)>);

/// Splits text into plain runs and recognized tags; only properly nested pairs count as tags.
fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut raw: Vec<RawPiece> = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < s.len() {
        let rest = &s[i..];
        let found = TAGS
            .iter()
            .find(|(t, _, _)| rest.starts_with(t))
            .map(|(t, tag, open)| (t.len(), *tag, *open));
        let span_close = rest.starts_with("</span>").then_some(7);
        if let Some((len, tag, open)) = found {
            raw.push((text_start, i, None));
            raw.push((i, i + len, Some((tag, open))));
            i += len;
            text_start = i;
        } else if let Some(len) = span_close {
            raw.push((text_start, i, None));
            raw.push((i, i + len, Some((Tag::NoCase, false))));
            i += len;
            text_start = i;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    raw.push((text_start, s.len(), None));
    // Match pairs; `</span>` closes whichever span-like tag is open.
    let mut stack: Vec<(usize, Tag)> = Vec::new();
    let mut matched = vec![false; raw.len()];
    let mut closes: Vec<Option<Tag>> = vec![None; raw.len()];
    for (k, (_, _, t)) in raw.iter().enumerate() {
        match t {
            Some((tag, true)) => stack.push((k, *tag)),
            Some((tag, false)) => {
                let Some(&(o, open)) = stack.last() else {
                    continue;
                };
                let opened_as_span = s[raw[o].0..raw[o].1].starts_with("<span");
                let fits = if s[raw[k].0..raw[k].1].starts_with("</span>") {
                    opened_as_span
                } else {
                    open == *tag && !opened_as_span
                };
                if fits {
                    stack.pop();
                    matched[o] = true;
                    matched[k] = true;
                    closes[k] = Some(open);
                }
            }
            None => {}
        }
    }
    raw.iter()
        .enumerate()
        .filter_map(|(k, &(a, b, t))| match t {
            Some((tag, true)) if matched[k] => Some(Piece::Open(tag)),
            Some(_) if matched[k] => Some(Piece::Close(closes[k].unwrap_or(Tag::NoCase))),
            _ if a < b => Some(Piece::Text(&s[a..b])),
            _ => None,
        })
        .collect()
}

/// Applies a text-case to field text with markup: tags are transparent, and text inside
/// `nocase` or small-caps spans keeps its case.
pub fn apply_case(text_case: &str, s: &str, english: bool) -> String {
    let ps = pieces(s);
    if !ps.iter().any(|p| !matches!(p, Piece::Text(_))) {
        return case::apply(text_case, s, english);
    }
    let mut plain = String::new();
    let mut protected = Vec::new();
    let mut depth = 0usize;
    for p in &ps {
        match p {
            Piece::Text(t) => {
                plain.push_str(t);
                protected.extend(std::iter::repeat_n(depth > 0, t.chars().count()));
            }
            Piece::Open(Tag::NoCase | Tag::SmallCaps) => depth += 1,
            Piece::Close(Tag::NoCase | Tag::SmallCaps) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let cased: Vec<char> = case::apply(text_case, &plain, english).chars().collect();
    let original: Vec<char> = plain.chars().collect();
    if cased.len() != original.len() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut idx = 0;
    for p in &ps {
        match p {
            Piece::Text(t) => {
                for _ in t.chars() {
                    out.push(if protected[idx] {
                        original[idx]
                    } else {
                        cased[idx]
                    });
                    idx += 1;
                }
            }
            Piece::Open(tag) => out.push_str(open_tag(*tag)),
            Piece::Close(tag) => out.push_str(close_tag(*tag)),
        }
    }
    out
}

fn open_tag(tag: Tag) -> &'static str {
    match tag {
        Tag::Italic => "<i>",
        Tag::Bold => "<b>",
        Tag::Sup => "<sup>",
        Tag::Sub => "<sub>",
        Tag::SmallCaps => "<sc>",
        Tag::NoCase => "<span class=\"nocase\">",
        Tag::NoDecor => "<span class=\"nodecor\">",
    }
}

fn close_tag(tag: Tag) -> &'static str {
    match tag {
        Tag::Italic => "</i>",
        Tag::Bold => "</b>",
        Tag::Sup => "</sup>",
        Tag::Sub => "</sub>",
        Tag::SmallCaps => "</sc>",
        Tag::NoCase | Tag::NoDecor => "</span>",
    }
}

/// Inherited formatting while building the blob tree (for flip-flopping nested styles).
#[derive(Clone, Copy)]
struct Ambient {
    italic: bool,
    bold: bool,
    small_caps: bool,
    /// The next quote level is the outer one.
    outer_quotes: bool,
    /// Tags nest without flipping (name formatting, which citeproc-js applies as
    /// decorations: bold in bold stays bold).
    no_flip: bool,
}

/// Parses markup in `text`. Returns None when there is none (apostrophes in `text` are then
/// made typographic); otherwise the child blobs.
pub fn parse(text: &mut String, decorations: &[Deco]) -> Option<Vec<Blob>> {
    parse_with(text, decorations, false)
}

/// [`parse`] for rendered names, whose formatting tags never flip to "normal".
pub fn parse_names(text: &mut String, decorations: &[Deco]) -> Option<Vec<Blob>> {
    parse_with(text, decorations, true)
}

fn parse_with(text: &mut String, decorations: &[Deco], no_flip: bool) -> Option<Vec<Blob>> {
    let ambient = Ambient {
        italic: decorations.contains(&Deco::Italic) && !no_flip,
        bold: decorations.contains(&Deco::Bold) && !no_flip,
        small_caps: decorations.contains(&Deco::SmallCaps) && !no_flip,
        outer_quotes: !decorations.contains(&Deco::Quotes),
        no_flip,
    };
    let ps = pieces(text);
    let has_tags = ps.iter().any(|p| !matches!(p, Piece::Text(_)));
    let mut pos = 0;
    let blobs = build_tags(&ps, &mut pos, ambient);
    if !has_tags && blobs.len() == 1 && blobs[0].decorations.is_empty() {
        if let super::output::Content::Text(t) = &blobs[0].content {
            *text = t.clone();
            return None;
        }
    }
    if blobs.is_empty() {
        text.clear();
        return None;
    }
    Some(blobs)
}

fn build_tags(ps: &[Piece], pos: &mut usize, amb: Ambient) -> Vec<Blob> {
    let mut out = Vec::new();
    while *pos < ps.len() {
        match &ps[*pos] {
            Piece::Text(t) => {
                *pos += 1;
                out.extend(quotes(t, amb));
            }
            Piece::Open(tag) => {
                *pos += 1;
                let (deco, inner) = match tag {
                    Tag::Italic if amb.italic => (
                        Some(Deco::NormalStyle),
                        Ambient {
                            italic: false,
                            ..amb
                        },
                    ),
                    Tag::Italic => (
                        Some(Deco::Italic),
                        Ambient {
                            italic: !amb.no_flip,
                            ..amb
                        },
                    ),
                    Tag::Bold if amb.bold => {
                        (Some(Deco::NormalWeight), Ambient { bold: false, ..amb })
                    }
                    Tag::Bold => (
                        Some(Deco::Bold),
                        Ambient {
                            bold: !amb.no_flip,
                            ..amb
                        },
                    ),
                    Tag::SmallCaps if amb.small_caps => (
                        Some(Deco::NormalVariant),
                        Ambient {
                            small_caps: false,
                            ..amb
                        },
                    ),
                    Tag::SmallCaps => (
                        Some(Deco::SmallCaps),
                        Ambient {
                            small_caps: !amb.no_flip,
                            ..amb
                        },
                    ),
                    Tag::Sup => (Some(Deco::Sup), amb),
                    Tag::Sub => (Some(Deco::Sub), amb),
                    Tag::NoCase | Tag::NoDecor => (None, amb),
                };
                let children = build_tags(ps, pos, inner);
                let mut b = Blob::group(children);
                b.decorations.extend(deco);
                out.push(b);
            }
            Piece::Close(_) => {
                *pos += 1;
                return out;
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

enum Segment {
    Text(String),
    Quoted(Vec<Segment>),
}

/// Quote pairs in a plain run.
fn quotes(text: &str, amb: Ambient) -> Vec<Blob> {
    let chars: Vec<char> = text.chars().collect();
    let pairs = match_pairs(&chars);
    let mut pos = 0;
    to_blobs(
        build(&chars, &pairs, &mut pos, chars.len()),
        amb.outer_quotes,
    )
}

/// `pairs[i] = Some(j)` when the quote opening at `i` closes at `j`.
fn match_pairs(chars: &[char]) -> Vec<Option<usize>> {
    let mut pairs = vec![None; chars.len()];
    let mut stack: Vec<(usize, Kind)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev_open = i == 0
            || chars[i - 1].is_whitespace()
            || matches!(chars[i - 1], '(' | '[' | '"' | '\'' | '“' | '‘');
        let next_close = chars.get(i + 1).is_none_or(|n| {
            n.is_whitespace() || n.is_ascii_punctuation() || matches!(n, '”' | '’')
        });
        let top = stack.last().map(|(_, k)| *k);
        match c {
            '"' if top == Some(Kind::Double) && !prev_open => close(&mut stack, &mut pairs, i),
            '"' | '“' => stack.push((i, Kind::Double)),
            '”' if top == Some(Kind::Double) => close(&mut stack, &mut pairs, i),
            '\'' | '’' if top == Some(Kind::Single) && next_close && !prev_open => {
                close(&mut stack, &mut pairs, i)
            }
            '\'' if prev_open && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                stack.push((i, Kind::Single))
            }
            '‘' => stack.push((i, Kind::Single)),
            _ => {}
        }
    }
    pairs
}

fn close(stack: &mut Vec<(usize, Kind)>, pairs: &mut [Option<usize>], i: usize) {
    if let Some((open, _)) = stack.pop() {
        pairs[open] = Some(i);
    }
}

fn build(chars: &[char], pairs: &[Option<usize>], pos: &mut usize, end: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut buf = String::new();
    while *pos < end {
        let i = *pos;
        if let Some(j) = pairs[i] {
            if !buf.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut buf)));
            }
            *pos = i + 1;
            let inner = build(chars, pairs, pos, j);
            out.push(Segment::Quoted(inner));
            *pos = j + 1;
            continue;
        }
        buf.push(if chars[i] == '\'' {
            '\u{2019}'
        } else {
            chars[i]
        });
        *pos += 1;
    }
    if !buf.is_empty() {
        out.push(Segment::Text(buf));
    }
    out
}

fn to_blobs(segments: Vec<Segment>, outer: bool) -> Vec<Blob> {
    segments
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => Blob::text(t),
            Segment::Quoted(inner) => {
                let mut b = Blob::group(to_blobs(inner, !outer));
                b.decorations.push(if outer {
                    Deco::Quotes
                } else {
                    Deco::InnerQuotes
                });
                b
            }
        })
        .collect()
}
