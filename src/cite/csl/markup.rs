//! Quote markup inside field text, as citeproc-js reads it: straight or curly quote pairs
//! become nested quote blobs (rendered with the locale's quote terms, alternating outer and
//! inner), and other straight apostrophes become typographic ones.

use super::output::{Blob, Deco};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

enum Segment {
    Text(String),
    Quoted(Vec<Segment>),
}

/// Parses quote markup. Returns None when the text has no quote pairs (after apostrophes
/// are made typographic, `text` then holds the final string).
pub fn parse_quotes(text: &mut String, outer_quoted: bool) -> Option<Vec<Blob>> {
    let chars: Vec<char> = text.chars().collect();
    let pairs = match_pairs(&chars);
    let mut pos = 0;
    let segments = build(&chars, &pairs, &mut pos, chars.len());
    if pairs.iter().all(Option::is_none) {
        *text = plain(&segments);
        return None;
    }
    Some(to_blobs(segments, !outer_quoted))
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

fn plain(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Quoted(inner) => plain(inner),
        })
        .collect()
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
