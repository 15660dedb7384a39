//! Keyword sets matched over class and id strings without a regex: ASCII
//! case-insensitive, each keyword tried only where the text holds its first
//! byte. The tables themselves live with the rules that use them
//! (`candidates`).

/// Where a keyword may sit in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// Anywhere (a plain substring).
    Anywhere,
    /// As a name token: at the start or after whitespace, `_` or `-`, and
    /// followed by the end, whitespace, `_`, `-` or a digit. The same as the
    /// regex `(?:^|[\s_-])kw(?:$|[\s_-]|\d)` with ASCII `\s`.
    Token,
}

/// A keyword table: the words (lower-case ASCII) and their boundary rule.
#[derive(Debug)]
pub struct Keywords {
    pub words: &'static [&'static str],
    pub boundary: Boundary,
}

/// One or more [`Keywords`] tables, indexed by first byte and matched in one
/// pass over a text: [`KeywordSet::hits`] says which tables matched.
pub struct KeywordSet {
    /// Every word of every table, ordered by first byte.
    words: Vec<Word>,
    /// `words[start[b]..start[b + 1]]` are the words starting with byte `b`.
    start: [u16; 257],
    /// The first two bytes of every word.
    pairs: super::Pairs,
    /// Every table's bit: once all are found the scan stops.
    all: u32,
}

struct Word {
    bytes: &'static [u8],
    boundary: Boundary,
    /// The bit of the word's table.
    bit: u32,
}

/// ASCII whitespace as regex-lite's `\s` has it, `_` and `-`.
fn is_sep(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b'_' | b'-')
}

impl KeywordSet {
    /// Tables matched together: table `i` sets bit `i` of [`KeywordSet::hits`].
    pub fn of(tables: &[&Keywords]) -> KeywordSet {
        assert!(tables.len() <= 32, "at most 32 tables");
        let mut words = Vec::new();
        for (i, k) in tables.iter().enumerate() {
            for w in k.words {
                assert!(
                    !w.is_empty() && w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                    "keyword {w:?} must be non-empty lower-case ASCII"
                );
                words.push(Word {
                    bytes: w.as_bytes(),
                    boundary: k.boundary,
                    bit: 1 << i,
                });
            }
        }
        let pairs = super::Pairs::of(words.iter().map(|w| w.bytes));
        let (words, start) = super::by_first_byte(words, |w| w.bytes[0]);
        let all = ((1u64 << tables.len()) - 1) as u32;
        KeywordSet {
            words,
            start,
            pairs,
            all,
        }
    }

    /// The bits of the tables with a keyword in `text`.
    pub fn hits(&self, text: &str) -> u32 {
        let t = text.as_bytes();
        let mut bits = 0;
        for p in 0..t.len() {
            if !self.pairs.may_start_at(t, p, true) {
                continue;
            }
            let first = t[p].to_ascii_lowercase();
            let b = usize::from(first);
            let (from, to) = (usize::from(self.start[b]), usize::from(self.start[b + 1]));
            if from == to {
                continue;
            }
            let token_start = p == 0 || is_sep(t[p - 1]);
            for w in &self.words[from..to] {
                if bits & w.bit != 0 || (w.boundary == Boundary::Token && !token_start) {
                    continue;
                }
                let end = p + w.bytes.len();
                if end > t.len() || !t[p..end].eq_ignore_ascii_case(w.bytes) {
                    continue;
                }
                if w.boundary == Boundary::Anywhere
                    || end == t.len()
                    || is_sep(t[end])
                    || t[end].is_ascii_digit()
                {
                    bits |= w.bit;
                    if bits == self.all {
                        return bits;
                    }
                }
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One table: whether it matches.
    fn matches(k: &Keywords, text: &str) -> bool {
        KeywordSet::of(&[k]).hits(text) != 0
    }

    #[test]
    fn token_boundaries() {
        let k = &Keywords {
            words: &["post", "ad", "com-"],
            boundary: Boundary::Token,
        };
        for yes in [
            "post",
            "Post-body",
            "x post",
            "a_post2",
            "AD",
            "top-ad",
            "com--x",
            "x com-1",
        ] {
            assert!(matches(k, yes), "{yes}");
        }
        for no in ["", "posts", "repost", "bad", "adx", "com-x", "compost"] {
            assert!(!matches(k, no), "{no}");
        }
    }

    /// Several tables in one pass: each table's bit, under its own boundary rule.
    #[test]
    fn tables_together() {
        let token = Keywords {
            words: &["ad", "post"],
            boundary: Boundary::Token,
        };
        let anywhere = Keywords {
            words: &["adv", "menu"],
            boundary: Boundary::Anywhere,
        };
        let k = KeywordSet::of(&[&token, &anywhere]);
        assert_eq!(k.hits("top-ad"), 0b01);
        assert_eq!(k.hits("badvert"), 0b10);
        assert_eq!(k.hits("ad MainMenu"), 0b11);
        assert_eq!(k.hits("reposting"), 0);
        for text in ["ad-adv", "posts menu", "x_post-2", "", "ADV"] {
            let one = |t: &Keywords| matches(t, text);
            assert_eq!(
                k.hits(text),
                one(&token) as u32 | (one(&anywhere) as u32) << 1,
                "{text}"
            );
        }
    }

    #[test]
    fn substrings() {
        let k = &Keywords {
            words: &["-ad-", "menu"],
            boundary: Boundary::Anywhere,
        };
        assert!(matches(k, "top-AD-slot"));
        assert!(matches(k, "MainMenu"));
        assert!(!matches(k, "ad-slot"));
    }
}
