//! Inline markup inside field text, as citeproc-js reads it: the HTML-like tags `<i>`,
//! `<b>`, `<sup>`, `<sub>`, `<sc>`, `<span style="font-variant:small-caps;">`,
//! `<span class="nocase">` and `<span class="nodecor">`, and quote pairs, which become
//! nested quote blobs: straight quotes and the locale's outer marks alternate outer and inner
//! with their nesting, the locale's inner marks stay inner unless inside inner quotes, and
//! curly marks the locale does not use stay literal text. Other straight apostrophes become
//! typographic ones. Unknown tags stay literal text.

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
    /// Name formatting with no field-text tag (`text-decoration`, `vertical-align`):
    /// written by the names code as private-use characters ([`NAME_TAGS`]).
    Underline,
    NoDecoration,
    Baseline,
}

/// Private-use characters standing for name formatting that field text has no tag for:
/// (open, close, attribute value); the third is `vertical-align="baseline"`.
pub const NAME_TAGS: &[(char, char, &str)] = &[
    ('\u{e010}', '\u{e011}', "underline"),
    ('\u{e012}', '\u{e013}', "none"),
    ('\u{e014}', '\u{e015}', "baseline"),
];

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
    ("\u{e010}", Tag::Underline, true),
    ("\u{e011}", Tag::Underline, false),
    ("\u{e012}", Tag::NoDecoration, true),
    ("\u{e013}", Tag::NoDecoration, false),
    ("\u{e014}", Tag::Baseline, true),
    ("\u{e015}", Tag::Baseline, false),
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
pub fn apply_case(text_case: &str, s: &str, lang: case::CaseLang) -> String {
    let ps = pieces(s);
    if !ps.iter().any(|p| !matches!(p, Piece::Text(_))) {
        return case::apply(text_case, s, lang);
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
    let cased: Vec<char> = case::apply(text_case, &plain, lang).chars().collect();
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
        Tag::Underline => "\u{e010}",
        Tag::NoDecoration => "\u{e012}",
        Tag::Baseline => "\u{e014}",
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
        Tag::Underline => "\u{e011}",
        Tag::NoDecoration => "\u{e013}",
        Tag::Baseline => "\u{e015}",
    }
}

/// The locale's quotation marks (`open-quote`, `close-quote`, `open-inner-quote`,
/// `close-inner-quote`): the curly marks field text may use as quote pairs.
#[derive(Clone, Copy, Debug)]
pub struct QuoteMarks {
    pub outer: (char, char),
    pub inner: (char, char),
}

impl Default for QuoteMarks {
    /// English marks, for text outside a locale (a user's affixes).
    fn default() -> Self {
        QuoteMarks {
            outer: ('\u{201c}', '\u{201d}'),
            inner: ('\u{2018}', '\u{2019}'),
        }
    }
}

/// Where a quote pair sits: at the top, or inside outer or inner quotes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteCtx {
    Top,
    InOuter,
    InInner,
}

/// Inherited formatting while building the blob tree (for flip-flopping nested styles).
#[derive(Clone, Copy)]
struct Ambient {
    italic: bool,
    bold: bool,
    small_caps: bool,
    quotes: QuoteCtx,
    marks: QuoteMarks,
    /// Inside an element with `quotes="false"`: every pair alternates with its nesting,
    /// whatever marks it was typed with (citeproc-js re-levels quotes there).
    relevel: bool,
    /// Tags nested in the same formatting flip it back to normal (field text), or are
    /// written as nested (formatting from style attributes, as in a name list).
    flip: bool,
}

/// Parses markup in `text`. Returns None when there is none (apostrophes in `text` are then
/// made typographic); otherwise the child blobs. `relevel`: see [`Ambient`].
pub fn parse(
    text: &mut String,
    decorations: &[Deco],
    marks: QuoteMarks,
    relevel: bool,
) -> Option<Vec<Blob>> {
    parse_with(text, decorations, marks, relevel, true)
}

/// As [`parse`]; `flip: false` writes a tag nested in the same formatting as is.
pub fn parse_with(
    text: &mut String,
    decorations: &[Deco],
    marks: QuoteMarks,
    relevel: bool,
    flip: bool,
) -> Option<Vec<Blob>> {
    let ambient = Ambient {
        italic: flip && decorations.contains(&Deco::Italic),
        bold: flip && decorations.contains(&Deco::Bold),
        small_caps: flip && decorations.contains(&Deco::SmallCaps),
        quotes: if decorations.contains(&Deco::Quotes) {
            QuoteCtx::InOuter
        } else {
            QuoteCtx::Top
        },
        marks,
        relevel,
        flip,
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
                            italic: amb.flip,
                            ..amb
                        },
                    ),
                    Tag::Bold if amb.bold => {
                        (Some(Deco::NormalWeight), Ambient { bold: false, ..amb })
                    }
                    Tag::Bold => (
                        Some(Deco::Bold),
                        Ambient {
                            bold: amb.flip,
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
                            small_caps: amb.flip,
                            ..amb
                        },
                    ),
                    Tag::Sup => (Some(Deco::Sup), amb),
                    Tag::Sub => (Some(Deco::Sub), amb),
                    Tag::NoCase | Tag::NoDecor => (None, amb),
                    Tag::Underline => (Some(Deco::Underline), amb),
                    Tag::NoDecoration => (Some(Deco::NoDecoration), amb),
                    Tag::Baseline => (Some(Deco::Baseline), amb),
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

/// A quote pair's kind: straight double or single marks, or the locale's outer or inner marks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
    Outer,
    Inner,
}

enum Segment {
    Text(String),
    Quoted(Kind, Vec<Segment>),
}

/// Quote pairs in a plain run.
fn quotes(text: &str, amb: Ambient) -> Vec<Blob> {
    let chars: Vec<char> = text.chars().collect();
    let pairs = match_pairs(&chars, amb.marks);
    let mut pos = 0;
    to_blobs(
        build(&chars, &pairs, &mut pos, chars.len()),
        amb.quotes,
        amb.relevel,
    )
}

/// `pairs[i] = Some((j, kind))` when the quote opening at `i` closes at `j`.
fn match_pairs(chars: &[char], marks: QuoteMarks) -> Vec<Option<(usize, Kind)>> {
    let mut pairs = vec![None; chars.len()];
    let mut stack: Vec<(usize, Kind)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev_open = i == 0
            || chars[i - 1].is_whitespace()
            || matches!(chars[i - 1], '(' | '[' | '"' | '\'')
            || chars[i - 1] == marks.outer.0
            || chars[i - 1] == marks.inner.0;
        let next_close = chars.get(i + 1).is_none_or(|n| {
            n.is_whitespace()
                || n.is_ascii_punctuation()
                || *n == marks.outer.1
                || *n == marks.inner.1
        });
        let top = stack.last().map(|(_, k)| *k);
        // A closing mark that is also an apostrophe (’) closes only before a space or
        // punctuation.
        let closes = |kind: Kind, mark: char| {
            top == Some(kind) && !prev_open && (mark != '\u{2019}' || next_close)
        };
        let closing = (c == '"' && top == Some(Kind::Double) && !prev_open)
            || ((c == '\'' || c == '\u{2019}')
                && top == Some(Kind::Single)
                && next_close
                && !prev_open)
            || (c == marks.outer.1 && closes(Kind::Outer, c))
            || (c == marks.inner.1 && closes(Kind::Inner, c));
        if closing {
            close(&mut stack, &mut pairs, i);
        } else if c == '"' {
            stack.push((i, Kind::Double));
        } else if c == '\'' && prev_open && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            stack.push((i, Kind::Single));
        } else if c == marks.outer.0 {
            stack.push((i, Kind::Outer));
        } else if c == marks.inner.0 {
            stack.push((i, Kind::Inner));
        }
    }
    pairs
}

fn close(stack: &mut Vec<(usize, Kind)>, pairs: &mut [Option<(usize, Kind)>], i: usize) {
    if let Some((open, kind)) = stack.pop() {
        pairs[open] = Some((i, kind));
    }
}

fn build(
    chars: &[char],
    pairs: &[Option<(usize, Kind)>],
    pos: &mut usize,
    end: usize,
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut buf = String::new();
    while *pos < end {
        let i = *pos;
        if let Some((j, kind)) = pairs[i] {
            if !buf.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut buf)));
            }
            *pos = i + 1;
            let inner = build(chars, pairs, pos, j);
            out.push(Segment::Quoted(kind, inner));
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

/// Quote blobs: straight and outer marks are outer quotes unless inside outer quotes; the
/// locale's inner marks are inner quotes unless inside inner quotes (as citeproc-js renders
/// them: "‘Peculiar’" stays single at the top, "“Peculiar”" in a quoted title turns single).
fn to_blobs(segments: Vec<Segment>, ctx: QuoteCtx, relevel: bool) -> Vec<Blob> {
    segments
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => Blob::text(t),
            Segment::Quoted(kind, inner) => {
                let outer = match kind {
                    Kind::Inner if !relevel => ctx == QuoteCtx::InInner,
                    _ => ctx != QuoteCtx::InOuter,
                };
                let next = if outer {
                    QuoteCtx::InOuter
                } else {
                    QuoteCtx::InInner
                };
                let mut b = Blob::group(to_blobs(inner, next, relevel));
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
