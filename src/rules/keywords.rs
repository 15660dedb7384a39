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

/// A [`Keywords`] table indexed by first byte.
pub struct KeywordSet {
    boundary: Boundary,
    /// `buckets[b]`: the words starting with byte `b`.
    buckets: Vec<Vec<&'static [u8]>>,
}

/// ASCII whitespace as regex-lite's `\s` has it, `_` and `-`.
fn is_sep(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b'_' | b'-')
}

impl KeywordSet {
    pub fn new(k: &Keywords) -> KeywordSet {
        let mut buckets = vec![Vec::new(); 256];
        for w in k.words {
            assert!(
                !w.is_empty() && w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                "keyword {w:?} must be non-empty lower-case ASCII"
            );
            buckets[w.as_bytes()[0] as usize].push(w.as_bytes());
        }
        KeywordSet {
            boundary: k.boundary,
            buckets,
        }
    }

    /// Whether a keyword occurs in `text` (ASCII case-insensitively) under the boundary rule.
    pub fn matches(&self, text: &str) -> bool {
        let t = text.as_bytes();
        for p in 0..t.len() {
            if self.boundary == Boundary::Token && p > 0 && !is_sep(t[p - 1]) {
                continue;
            }
            for w in &self.buckets[t[p].to_ascii_lowercase() as usize] {
                let end = p + w.len();
                if end > t.len() || !t[p..end].eq_ignore_ascii_case(w) {
                    continue;
                }
                if self.boundary == Boundary::Anywhere
                    || end == t.len()
                    || is_sep(t[end])
                    || t[end].is_ascii_digit()
                {
                    return true;
                }
            }
        }
        false
    }
}

/// Builds a lazily indexed keyword set.
macro_rules! keyword_set {
    ($name:ident, $table:expr) => {
        pub static $name: std::sync::LazyLock<$crate::rules::keywords::KeywordSet> =
            std::sync::LazyLock::new(|| $crate::rules::keywords::KeywordSet::new(&$table));
    };
}
pub(crate) use keyword_set;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_boundaries() {
        let k = KeywordSet::new(&Keywords {
            words: &["post", "ad", "com-"],
            boundary: Boundary::Token,
        });
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
            assert!(k.matches(yes), "{yes}");
        }
        for no in ["", "posts", "repost", "bad", "adx", "com-x", "compost"] {
            assert!(!k.matches(no), "{no}");
        }
    }

    #[test]
    fn substrings() {
        let k = KeywordSet::new(&Keywords {
            words: &["-ad-", "menu"],
            boundary: Boundary::Anywhere,
        });
        assert!(k.matches("top-AD-slot"));
        assert!(k.matches("MainMenu"));
        assert!(!k.matches("ad-slot"));
    }
}
