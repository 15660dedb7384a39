//! Rules as data. Every table here is a list of entries with an id, a pattern
//! and a `catches` line saying what it is for; the code that applies them
//! lives in `extract`, `clutter` and `metadata`. One home per rule: the
//! readerable check and the extractor read the same tables.
//!
//! Speed: a rule's regex only runs when one of its `hints` (literal,
//! lower-case substrings the pattern cannot match without) occurs in the
//! ASCII-lower-cased text, so most blocks cost a few `str::contains` instead
//! of a PikeVM run per rule. Each rule carries lines it must match
//! (`examples`) and must not (`counter`); the tests check that the pattern and
//! the hints agree on them, and debug builds check on every text the tables
//! see that a skipped regex would not have matched.

pub mod bylines;
pub mod candidates;
pub mod clutter;
pub mod credits;
pub mod dates;
pub mod keywords;
pub mod pages;

use regex_lite::Regex;

/// One pattern rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, shown in the "removed" drawer and used in tests.
    pub id: &'static str,
    /// Regex (regex-lite syntax; no `\p{Han}`, so CJK is spelt as code-point ranges).
    pub pattern: &'static str,
    /// What the rule catches, for people.
    pub catches: &'static str,
    /// Literal prefilter: lower-case substrings of which at least one must occur
    /// in the (ASCII-lower-cased) text for the pattern to be able to match; a
    /// hint written `^text` must start the text (for alternatives anchored
    /// with `^`). Empty: always run the pattern.
    pub hints: &'static [&'static str],
    /// Lines the rule must match (read by the tests; documentation for people).
    #[cfg_attr(not(test), allow(dead_code))]
    pub examples: &'static [&'static str],
    /// Lines the rule must not match.
    #[cfg_attr(not(test), allow(dead_code))]
    pub counter: &'static [&'static str],
}

impl Rule {
    /// Whether the prefilter lets `lower` (the ASCII-lower-cased text) through.
    pub fn may_match(&self, lower: &str) -> bool {
        self.hints.is_empty()
            || self.hints.iter().any(|h| match h.strip_prefix('^') {
                Some(start) => lower.starts_with(start),
                None => lower.contains(h),
            })
    }
}

/// `items` grouped by first byte, keeping their order within a group, and
/// the offsets: `list[start[b]..start[b + 1]]` start with byte `b`. A
/// counting sort, so no general sort is linked into the wasm module for it.
pub(crate) fn by_first_byte<T>(items: Vec<T>, first: impl Fn(&T) -> u8) -> (Vec<T>, [u16; 257]) {
    let mut start = [0u16; 257];
    for it in &items {
        start[usize::from(first(it)) + 1] += 1;
    }
    for b in 0..256 {
        start[b + 1] += start[b];
    }
    let mut next = start;
    let mut slots: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    for it in items {
        let b = usize::from(first(&it));
        slots[usize::from(next[b])] = Some(it);
        next[b] += 1;
    }
    let list = slots
        .into_iter()
        .map(|s| s.expect("every slot filled"))
        .collect();
    (list, start)
}

/// The first two bytes of a set of patterns, as bits `a << 8 | b` (every
/// `b` for a one-byte pattern): one test rules out most text positions
/// before any pattern is compared there.
pub(crate) struct Pairs(Box<[u64; 1024]>);

impl Pairs {
    pub(crate) fn of<'p>(patterns: impl Iterator<Item = &'p [u8]>) -> Pairs {
        let mut bits = Box::new([0u64; 1024]);
        for p in patterns {
            let a = usize::from(p[0]) << 8;
            let seconds = match p.get(1) {
                Some(&b) => usize::from(b)..usize::from(b) + 1,
                None => 0..256,
            };
            for pair in seconds.map(|b| a | b) {
                bits[pair / 64] |= 1 << (pair % 64);
            }
        }
        Pairs(bits)
    }

    /// Whether a pattern may start at `text[i]` (compared as is: callers
    /// pass lower-cased text or lower-case the pair with `fold`). At the last
    /// byte only a one-byte pattern could match; say yes. Always inlined: it
    /// runs once per byte of every text the tables scan.
    #[inline(always)]
    pub(crate) fn may_start_at(&self, text: &[u8], i: usize, fold: bool) -> bool {
        let Some(&b) = text.get(i + 1) else {
            return true;
        };
        let (a, b) = if fold {
            (text[i].to_ascii_lowercase(), b.to_ascii_lowercase())
        } else {
            (text[i], b)
        };
        let pair = usize::from(a) << 8 | usize::from(b);
        self.0[pair / 64] & (1 << (pair % 64)) != 0
    }
}

/// A rule table compiled once per process.
pub struct Compiled {
    pub rules: &'static [Rule],
    pub regexes: Vec<Regex>,
    /// Every hint with the bit of its rule, ordered by first byte.
    hints: Vec<(&'static [u8], u128)>,
    /// The `^` hints (without the `^`), tried at the start of the text only.
    starts: Vec<(&'static [u8], u128)>,
    /// `hints[start[b]..start[b + 1]]` are the hints starting with byte `b`.
    start: [u16; 257],
    /// The first two bytes of every hint.
    pairs: Pairs,
    /// Bits of the rules without hints (their regex always runs).
    always: u128,
}

impl Compiled {
    pub fn new(rules: &'static [Rule]) -> Compiled {
        assert!(rules.len() <= 128, "a rule table holds at most 128 rules");
        let regexes = rules
            .iter()
            .map(|r| Regex::new(r.pattern).unwrap_or_else(|e| panic!("rule {}: {e}", r.id)))
            .collect();
        let (mut hints, mut starts) = (Vec::new(), Vec::new());
        let mut always = 0;
        for (i, r) in rules.iter().enumerate() {
            if r.hints.is_empty() {
                always |= 1 << i;
            }
            for h in r.hints {
                match h.strip_prefix('^') {
                    Some(start) => starts.push((start.as_bytes(), 1u128 << i)),
                    None => hints.push((h.as_bytes(), 1u128 << i)),
                }
            }
        }
        let (hints, start) = by_first_byte(hints, |(h, _)| h[0]);
        let pairs = Pairs::of(hints.iter().map(|(h, _)| *h));
        Compiled {
            rules,
            regexes,
            hints,
            start,
            pairs,
            starts,
            always,
        }
    }

    /// Bits of the rules whose prefilter lets `lower` through: one pass over
    /// the text for all hints of the table, where [`Rule::may_match`] would
    /// search the text once per hint.
    fn hinted(&self, lower: &str) -> u128 {
        let b = lower.as_bytes();
        let mut bits = self.always;
        for (h, bit) in &self.starts {
            if b.starts_with(h) {
                bits |= bit;
            }
        }
        for i in 0..b.len() {
            if !self.pairs.may_start_at(b, i, false) {
                continue;
            }
            let c = usize::from(b[i]);
            let (from, to) = (usize::from(self.start[c]), usize::from(self.start[c + 1]));
            for (h, bit) in &self.hints[from..to] {
                // A byte loop: these hints are short, a memcmp call costs more.
                if bits & bit == 0
                    && b.len() - i >= h.len()
                    && h.iter().zip(&b[i..]).all(|(x, y)| x == y)
                {
                    bits |= bit;
                }
            }
        }
        bits
    }

    /// The first rule that matches `text`.
    pub fn first_match(&self, text: &str) -> Option<&'static Rule> {
        self.first_match_lower(text, &text.to_ascii_lowercase())
    }

    /// [`Compiled::first_match`] for a caller that already holds `lower`, the
    /// ASCII-lower-cased `text`.
    pub fn first_match_lower(&self, text: &str, lower: &str) -> Option<&'static Rule> {
        self.candidates(text, lower)
            .find(|(_, re)| re.is_match(text))
            .map(|(r, _)| r)
    }

    /// The rules whose hints occur in `lower` (the ASCII-lower-cased `text`), in
    /// table order, with their regexes. Debug builds assert that the rules
    /// left out do not match `text`.
    pub fn candidates<'a>(
        &'a self,
        text: &'a str,
        lower: &'a str,
    ) -> impl Iterator<Item = (&'static Rule, &'a Regex)> + 'a {
        debug_assert_eq!(text.len(), lower.len());
        let bits = self.hinted(lower);
        let rules: &'static [Rule] = self.rules;
        rules
            .iter()
            .zip(&self.regexes)
            .enumerate()
            .filter(move |(i, (r, re))| {
                let pass = bits & (1 << i) != 0;
                debug_assert_eq!(pass, r.may_match(lower), "rule {}: prefilter", r.id);
                debug_assert!(
                    pass || !re.is_match(text),
                    "rule {}: hints {:?} miss a line its pattern matches: {text:?}",
                    r.id,
                    r.hints
                );
                pass
            })
            .map(|(_, rr)| rr)
    }
}

/// Builds a lazily compiled table.
macro_rules! table {
    ($name:ident, $rules:expr) => {
        pub static $name: std::sync::LazyLock<$crate::rules::Compiled> =
            std::sync::LazyLock::new(|| $crate::rules::Compiled::new($rules));
    };
}
pub(crate) use table;

#[cfg(test)]
mod tests {
    use super::{Compiled, Rule};

    fn tables() -> Vec<&'static Compiled> {
        vec![
            &*super::clutter::LINES,
            &*super::candidates::NEGATIVE_BLOCKS,
            &*super::credits::CREDITS,
            &*super::dates::DATES,
        ]
    }

    /// Every table compiles and no pattern matches the empty string (which would match everything).
    #[test]
    fn tables_compile_and_are_not_trivial() {
        for t in tables() {
            for (r, re) in t.rules.iter().zip(&t.regexes) {
                assert!(!re.is_match(""), "rule {} matches everything", r.id);
            }
        }
    }

    /// Each rule matches its examples and not its counter-examples, and its
    /// hints let every example through (so the prefilter never hides a match
    /// the pattern was written for). Hints are lower-case, as they are
    /// compared with lower-cased text.
    #[test]
    fn groups_by_first_byte_in_order() {
        let (list, start) =
            super::by_first_byte(vec!["bx", "a1", "by", "a2", "c"], |w| w.as_bytes()[0]);
        assert_eq!(list, ["a1", "a2", "bx", "by", "c"]);
        let group = |b: u8| {
            &list[usize::from(start[usize::from(b)])..usize::from(start[usize::from(b) + 1])]
        };
        assert_eq!(group(b'b'), ["bx", "by"]);
        assert!(group(b'z').is_empty());
    }

    #[test]
    fn rules_match_their_examples_and_hints_agree() {
        for t in tables() {
            for (r, re) in t.rules.iter().zip(&t.regexes) {
                check_rule(r, re);
            }
        }
    }

    fn check_rule(r: &Rule, re: &regex_lite::Regex) {
        assert!(!r.examples.is_empty(), "rule {} has no examples", r.id);
        for h in r.hints {
            assert!(!h.is_empty(), "rule {}: empty hint", r.id);
            assert_eq!(
                *h,
                h.to_ascii_lowercase(),
                "rule {}: hint {h:?} not lower-case",
                r.id
            );
        }
        for e in r.examples {
            assert!(
                re.is_match(e),
                "rule {} does not match its example {e:?}",
                r.id
            );
            assert!(
                r.may_match(&e.to_ascii_lowercase()),
                "rule {}: hints {:?} miss its example {e:?}",
                r.id,
                r.hints
            );
        }
        for c in r.counter {
            assert!(
                !re.is_match(c),
                "rule {} matches its counter-example {c:?}",
                r.id
            );
        }
    }
}
