//! Scoring shared by `tidings-eval` and the tests (`#[path = ...] mod score;`):
//! a tokenizer that treats CJK characters as one token each and other text as
//! lower-cased words with punctuation stripped, and precision/recall/F1 over
//! the two token multisets (bag of tokens, order ignored).

use std::collections::HashMap;

/// Precision, recall and F1 of an extracted text against the expected one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub const ZERO: Prf = Prf {
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
    };
    pub const ONE: Prf = Prf {
        precision: 1.0,
        recall: 1.0,
        f1: 1.0,
    };
}

/// Han ideographs, kana and Hangul syllables: one token per character.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}' // extensions B and later
    )
}

/// Punctuation is stripped from words (not a separator): "U.S." → "us".
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00A1}'..='\u{00BF}'     // ¡ « » ¿ · and other Latin-1 marks
            | '\u{00D7}' | '\u{00F7}'
            | '\u{055A}'..='\u{055F}'   // Armenian
            | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}' // Arabic
            | '\u{0964}' | '\u{0965}'   // Devanagari danda
            | '\u{2010}'..='\u{205E}'   // general punctuation: dashes, quotes, …
            | '\u{2E00}'..='\u{2E7F}'
            | '\u{3001}'..='\u{303F}'   // CJK punctuation: 、。「」【】〜
            | '\u{30FB}'                // katakana middle dot
            | '\u{FE10}'..='\u{FE1F}'
            | '\u{FE30}'..='\u{FE6F}'
            | '\u{FF01}'..='\u{FF0F}'   // fullwidth ！＂＃…／
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
        )
}

/// Splits text into tokens: each CJK character alone, other runs between
/// whitespace as lower-cased words without punctuation.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            flush(&mut word, &mut out);
        } else if is_cjk(c) {
            flush(&mut word, &mut out);
            out.push(c.to_string());
        } else if is_punct(c) {
            // stripped
        } else {
            word.extend(c.to_lowercase());
        }
    }
    flush(&mut word, &mut out);
    out
}

fn flush(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() {
        out.push(std::mem::take(word));
    }
}

/// Precision, recall and F1 of `got` against `expected`, as token bags.
/// Both empty is a perfect score; one of them empty scores zero.
pub fn prf(got: &str, expected: &str) -> Prf {
    prf_tokens(&tokenize(got), &tokenize(expected))
}

/// [`prf`] over tokens already split.
pub fn prf_tokens(got: &[String], expected: &[String]) -> Prf {
    if got.is_empty() && expected.is_empty() {
        return Prf::ONE;
    }
    if got.is_empty() || expected.is_empty() {
        return Prf::ZERO;
    }
    let mut bag: HashMap<&str, usize> = HashMap::with_capacity(expected.len());
    for t in expected {
        *bag.entry(t.as_str()).or_insert(0) += 1;
    }
    let mut common = 0usize;
    for t in got {
        if let Some(n) = bag.get_mut(t.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    let precision = common as f64 / got.len() as f64;
    let recall = common as f64 / expected.len() as f64;
    let f1 = if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

/// Collapses runs of whitespace to one space and trims.
pub fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A parsed timestamp or bare date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp {
    /// Seconds since 1970 in UTC (a time without an offset is read as UTC).
    pub utc: i64,
    /// The offset east of UTC in seconds, when one was written.
    pub offset: Option<i64>,
    /// A time of day was written (not a bare date).
    pub has_time: bool,
    /// The day as written (days since 1970-01-01).
    pub local_day: i64,
}

impl Stamp {
    /// The day (days since 1970-01-01) of an instant in seconds.
    pub fn day_of(secs: i64) -> i64 {
        secs.div_euclid(86400)
    }

    /// The day of the instant in UTC.
    pub fn utc_day(&self) -> i64 {
        Self::day_of(self.utc)
    }
}

/// Parses `YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|±HH:MM|±HHMM]` or a bare date.
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&mo) {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    let date_only = Stamp {
        utc: days * 86400,
        offset: None,
        has_time: false,
        local_day: days,
    };
    if b.len() == 10 {
        return Some(date_only);
    }
    if !matches!(b.get(10), Some(b'T') | Some(b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let (h, mi) = (num(11, 2)?, num(14, 2)?);
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    let local = days * 86400 + h * 3600 + mi * 60 + sec;
    let stamp = |offset: Option<i64>| Stamp {
        utc: local - offset.unwrap_or(0),
        offset,
        has_time: true,
        local_day: days,
    };
    let rest = s.get(i..)?;
    if rest.is_empty() {
        return Some(stamp(None));
    }
    if rest == "Z" || rest == "z" {
        return Some(stamp(Some(0)));
    }
    let sign = match rest.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let off = digits[..2].parse::<i64>().ok()? * 3600 + digits[2..].parse::<i64>().ok()? * 60;
    Some(stamp(Some(sign * off)))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize("Hello, World! U.S. 新华社电 2024年"),
            ["hello", "world", "us", "新", "华", "社", "电", "2024", "年"]
        );
    }

    #[test]
    fn scores() {
        let p = prf("a b c d", "a b c e");
        assert!((p.f1 - 0.75).abs() < 1e-9);
        assert_eq!(prf("", ""), Prf::ONE);
        assert_eq!(prf("x", ""), Prf::ZERO);
    }

    #[test]
    fn stamps() {
        let a = parse_stamp("2015-09-17T16:57:43+01:00").unwrap();
        let b = parse_stamp("2015-09-17T15:57:43Z").unwrap();
        assert_eq!(a.utc, b.utc);
        assert_eq!((a.offset, b.offset), (Some(3600), Some(0)));
        let c = parse_stamp("2021-11-01T10:52:50+0100").unwrap();
        assert_eq!(c.utc, parse_stamp("2021-11-01T09:52:50.000Z").unwrap().utc);
        let d = parse_stamp("2024-01-10").unwrap();
        assert!(!d.has_time && d.offset.is_none());
        assert_eq!(
            d.local_day,
            parse_stamp("2024-01-10T23:59:00-05:00").unwrap().local_day
        );
        assert!(parse_stamp("10 January 2024").is_none());
    }
}
