//! Rules as data. Every table here is a list of entries with an id, a pattern
//! and a `catches` line saying what it is for; the code that applies them
//! lives in `extract`, `clutter` and `metadata`. One home per rule: the
//! readerable check and the extractor read the same tables.

pub mod bylines;
pub mod candidates;
pub mod clutter;
pub mod credits;
pub mod dates;

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
}

/// A rule table compiled once per process.
pub struct Compiled {
    pub rules: &'static [Rule],
    pub regexes: Vec<Regex>,
}

impl Compiled {
    pub fn new(rules: &'static [Rule]) -> Compiled {
        let regexes = rules
            .iter()
            .map(|r| Regex::new(r.pattern).unwrap_or_else(|e| panic!("rule {}: {e}", r.id)))
            .collect();
        Compiled { rules, regexes }
    }

    /// The first rule that matches `text`.
    pub fn first_match(&self, text: &str) -> Option<&'static Rule> {
        self.regexes
            .iter()
            .position(|re| re.is_match(text))
            .map(|i| &self.rules[i])
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

/// Compiles a built-in pattern (tested by `tables_compile_and_are_not_trivial`).
pub(crate) fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern")
}

#[cfg(test)]
mod tests {
    /// Every table compiles and no pattern matches the empty string (which would match everything).
    #[test]
    fn tables_compile_and_are_not_trivial() {
        for t in [
            &*super::clutter::LINES,
            &*super::candidates::NEGATIVE_BLOCKS,
            &*super::credits::CREDITS,
        ] {
            for (r, re) in t.rules.iter().zip(&t.regexes) {
                assert!(!re.is_match(""), "rule {} matches everything", r.id);
            }
        }
        for re in [
            &*super::candidates::POSITIVE,
            &*super::candidates::NEGATIVE,
            &*super::candidates::UNLIKELY,
            &*super::candidates::MAYBE,
        ] {
            assert!(!re.is_match(""));
        }
    }
}
