//! CSL `text-case` transformations (following citeproc-js for English titles).

use crate::text::{lower, upper};

/// Words left lowercase inside English titles (citeproc-js `SKIP_WORDS`, single words).
pub(super) const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "across",
    "afore",
    "after",
    "against",
    "al",
    "along",
    "alongside",
    "amid",
    "amidst",
    "among",
    "amongst",
    "anenst",
    "apropos",
    "apud",
    "around",
    "as",
    "aside",
    "astride",
    "at",
    "athwart",
    "atop",
    "barring",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "but",
    "by",
    "circa",
    "despite",
    "down",
    "during",
    "et",
    "except",
    "for",
    "forenenst",
    "from",
    "given",
    "in",
    "inside",
    "into",
    "lest",
    "like",
    "modulo",
    "near",
    "next",
    "notwithstanding",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "over",
    "per",
    "plus",
    "pro",
    "qua",
    "sans",
    "since",
    "than",
    "through",
    "thru",
    "throughout",
    "thruout",
    "till",
    "to",
    "toward",
    "towards",
    "under",
    "underneath",
    "until",
    "unto",
    "up",
    "upon",
    "versus",
    "vs.",
    "v.",
    "vs",
    "v",
    "via",
    "vis-à-vis",
    "with",
    "within",
    "without",
    "or",
    "yet",
    "so",
    "and",
    "nor",
    "a",
    "an",
    "the",
    "de",
    "d'",
    "von",
    "van",
    "c",
    "ca",
];

/// The languages a text-case is applied in (citeproc-js: the item's language, else the style's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseLang {
    /// Title case may change title-like variables (the language is English or unspecified).
    pub english: bool,
    /// Turkish or Azerbaijani casing: dotted `i` ⇄ `İ`, dotless `ı` ⇄ `I`.
    pub turkic: bool,
}

impl CaseLang {
    /// The casing for an item's `language` (first) or the style's locale (citeproc-js
    /// `lang_array`).
    pub fn new(item_language: Option<&str>, style_locale: Option<&str>) -> Self {
        let item = item_language.map(str::trim).filter(|l| !l.is_empty());
        let first = item.or(style_locale).unwrap_or("en-US");
        let primary: String = first
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        CaseLang {
            english: is_english(item.or(style_locale)),
            turkic: primary == "tr" || primary == "az",
        }
    }

    /// Upper case in this language.
    pub fn upper(self, s: &str) -> String {
        if self.turkic && s.contains('i') {
            upper(&s.replace('i', "\u{130}"))
        } else {
            upper(s)
        }
    }

    /// Lower case in this language.
    pub fn lower(self, s: &str) -> String {
        if self.turkic && s.contains(['I', '\u{130}']) {
            lower(&s.replace('I', "\u{131}").replace('\u{130}', "i"))
        } else {
            lower(s)
        }
    }
}

/// Applies a CSL `text-case` value as citeproc-js 2.4 does. Title case applies to any text
/// here: the caller leaves title-like variables of non-English items alone.
pub fn apply(case: &str, s: &str, lang: CaseLang) -> String {
    match case {
        "lowercase" => lang.lower(s),
        "uppercase" => lang.upper(s),
        "capitalize-first" => engine(s, Mode::CapitalizeFirst, lang),
        "capitalize-all" => engine(s, Mode::CapitalizeAll, lang),
        "sentence" => engine(s, Mode::Sentence, lang),
        "title" => engine(s, Mode::Title, lang),
        _ => s.to_string(),
    }
}

/// The word-casing rule of a citeproc-js text-case formatter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The first word, when all lowercase, gets a capital.
    CapitalizeFirst,
    /// Every all-lowercase word gets a capital.
    CapitalizeAll,
    /// The first word gets a capital, every other word is lowercased.
    Sentence,
    /// English title case (see [`engine`]).
    Title,
}

/// English title case as citeproc-js 2.4 writes it: the text is cut at quotes, dashes,
/// slashes, brackets and punctuation; an all-lowercase word is capitalized when it is not a
/// stop word (and longer than one character), or is the first word, or follows `!?:`; no word
/// is ever lowercased. The last word is capitalized even when it is a stop word. A capital
/// given to the text right after an unmatched quote or apostrophe is undone ("Don't", "l'été").
/// The other modes share the cutting and the quote handling (citeproc-js `_textcaseEngine`).
fn engine(s: &str, mode: Mode, lang: CaseLang) -> String {
    let (mut strings, tags) = split_at_tags(s);
    let original = strings.clone();
    let mut st = TitleState {
        mode,
        lang,
        is_first: mode != Mode::CapitalizeAll,
        after_punct: false,
        last_word: None,
    };
    if strings.first().is_some_and(|t| !t.trim().is_empty()) {
        // citeproc-js passes the following tag for the first piece only.
        let dash_follows = tags.first().is_some_and(|t| t == "-");
        strings[0] = st.capitalise_words(&strings[0], 0, dash_follows);
    }
    // Open quotes: (expected opener of a nested quote, expected closer, position).
    let mut quotes: Vec<(&str, &str, Option<usize>)> = Vec::new();
    let restore = |strings: &mut Vec<String>, p: usize| {
        if let (Some(first), Some(cur)) = (original[p + 1].chars().next(), strings.get(p + 1)) {
            let rest: String = cur.chars().skip(1).collect();
            strings[p + 1] = format!("{first}{rest}");
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        if mode == Mode::Title && tag.ends_with(['!', '?', ':']) {
            st.after_punct = true;
        }
        let printable = !strings[i + 1].trim().is_empty();
        strings[i + 1] = st.capitalise_words(&strings[i + 1], i + 1, false);
        let key = match tag.as_str() {
            " \"" | " '" => Some(tag.as_str()),
            t => ["\u{2018}", "\u{2019}", "\u{201c}", "\u{201d}", "\"", "'"]
                .into_iter()
                .find(|q| t.starts_with(q)),
        };
        if let Some(key) = key {
            let fix = match key {
                " \"" | " '" | "\u{2018}" | "\u{201c}" => {
                    let (opener, closer) = match key {
                        " \"" => (" '", "\""),
                        " '" => (" \"", "'"),
                        "\u{2018}" => ("\u{2018}", "\u{2019}"),
                        _ => ("\u{201c}", "\u{201d}"),
                    };
                    match quotes.last() {
                        None => {
                            quotes.push((opener, closer, Some(i)));
                            None
                        }
                        Some(top) if top.0 == key => {
                            quotes.push((opener, closer, Some(i)));
                            None
                        }
                        Some(top) => {
                            let prev = top.2;
                            quotes.pop();
                            quotes.push((opener, closer, None));
                            prev
                        }
                    }
                }
                closer => {
                    if quotes.last().is_some_and(|top| top.1 == closer) {
                        quotes.pop();
                        None
                    } else {
                        Some(i)
                    }
                }
            };
            if let Some(p) = fix {
                restore(&mut strings, p);
                st.last_word = None;
            }
        }
        if printable {
            st.is_first = false;
            st.after_punct = false;
        }
    }
    for (_, _, pos) in &quotes {
        if let Some(p) = pos {
            restore(&mut strings, *p);
        }
    }
    if let Some((si, wj)) = st.last_word {
        let (mut words, seps) = split_words(&strings[si]);
        if let Some(w) = words.get_mut(wj) {
            if w.encode_utf16().count() > 1 && is_stop_word(&lang.lower(w)) {
                *w = capitalise(w, lang);
            }
        }
        strings[si] = join_words(&words, &seps);
    }
    let mut out = String::with_capacity(s.len());
    for (i, piece) in strings.iter().enumerate() {
        out.push_str(piece);
        if let Some(t) = tags.get(i) {
            out.push_str(t);
        }
    }
    out
}

/// Word state carried across the pieces of a text.
struct TitleState {
    mode: Mode,
    lang: CaseLang,
    is_first: bool,
    after_punct: bool,
    /// (piece, word) of the last word seen.
    last_word: Option<(usize, usize)>,
}

impl TitleState {
    fn capitalise_words(&mut self, piece: &str, index: usize, dash_follows: bool) -> String {
        if piece.trim().is_empty() {
            return piece.to_string();
        }
        let lang = self.lang;
        if self.mode == Mode::Sentence {
            // citeproc-js splits at plain spaces here.
            let words = piece.split(' ').map(|word| {
                if word.is_empty() {
                    word.to_string()
                } else if std::mem::take(&mut self.is_first) {
                    capitalise(word, lang)
                } else {
                    lang.lower(word)
                }
            });
            return words.collect::<Vec<_>>().join(" ");
        }
        let (mut words, seps) = split_words(piece);
        let count = words.len();
        for (j, word) in words.iter_mut().enumerate() {
            if word.is_empty() {
                continue;
            }
            let lcase = lang.lower(word);
            let capitalize = match self.mode {
                Mode::Title => {
                    (word.encode_utf16().count() > 1 && !is_stop_word(&lcase))
                        || (j + 1 == count && dash_follows)
                        || self.is_first
                        || self.after_punct
                }
                Mode::CapitalizeFirst => self.is_first,
                _ => true,
            };
            if capitalize && *word == lcase {
                *word = capitalise(word, lang);
            }
            if self.mode == Mode::CapitalizeFirst && self.is_first {
                self.is_first = false;
                break;
            }
            self.after_punct = false;
            self.is_first = false;
            if self.mode == Mode::Title {
                self.last_word = Some((index, j));
            }
        }
        join_words(&words, &seps)
    }
}

/// citeproc-js's title-case tags: quotes (a straight quote with the space before it),
/// dashes, slash, punctuation and brackets. Returns the pieces between them and the tags
/// (a tag may be empty).
fn split_at_tags(s: &str) -> (Vec<String>, Vec<String>) {
    let chars: Vec<char> = s.chars().collect();
    let mut strings = vec![String::new()];
    let mut tags: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let len = if c == ' ' && matches!(chars.get(i + 1), Some('"' | '\'')) {
            2
        } else if matches!(
            c,
            '\u{2018}'
                | '\u{2019}'
                | '\u{201c}'
                | '\u{201d}'
                | '"'
                | '\''
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '/'
                | '.'
                | ','
                | ';'
                | '?'
                | '!'
                | ':'
                | '['
                | ']'
                | '('
                | ')'
        ) {
            1
        } else {
            0
        };
        if len == 0 {
            strings.last_mut().expect("non-empty").push(c);
            i += 1;
        } else {
            tags.push(chars[i..i + len].iter().collect());
            strings.push(String::new());
            i += len;
        }
    }
    // A straight apostrophe with text right after it is part of that text.
    for (i, tag) in tags.iter_mut().enumerate() {
        if tag == "'" && !strings[i + 1].is_empty() {
            strings[i + 1].insert(0, '\'');
            tag.clear();
        }
    }
    (strings, tags)
}

/// Splits at runs of spaces (citeproc-js's word separators): words and the runs between them.
fn split_words(s: &str) -> (Vec<String>, Vec<String>) {
    let is_space = |c: char| {
        matches!(
            c,
            ' ' | '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{205f}' | '\u{3000}'
        )
    };
    let mut words = vec![String::new()];
    let mut seps = Vec::new();
    let mut in_sep = false;
    for c in s.chars() {
        if is_space(c) {
            if !in_sep {
                seps.push(String::new());
                in_sep = true;
            }
            seps.last_mut().expect("pushed").push(c);
        } else {
            if in_sep {
                words.push(String::new());
                in_sep = false;
            }
            words.last_mut().expect("non-empty").push(c);
        }
    }
    if in_sep {
        words.push(String::new());
    }
    (words, seps)
}

fn join_words(words: &[String], seps: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        if let Some(sep) = seps.get(i) {
            out.push_str(sep);
        }
    }
    out
}

fn is_stop_word(lcase: &str) -> bool {
    STOP_WORDS.contains(&lcase)
}

/// Uppercases the first character, except a lone Greek letter.
fn capitalise(word: &str, lang: CaseLang) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if matches!(c, '\u{370}'..='\u{3ff}') && chars.as_str().is_empty() => {
            word.to_string()
        }
        Some(c) => lang.upper(&c.to_string()) + chars.as_str(),
        None => String::new(),
    }
}

/// Whether title case may change title-like variables in this language: as citeproc-js, the
/// first two letters are the language ("en-GB", "eng", "English"); unspecified is English.
fn is_english(language: Option<&str>) -> bool {
    match language {
        None => true,
        Some(l) => {
            let l = l.trim().as_bytes();
            l.len() >= 2
                && l[..2].iter().all(u8::is_ascii_alphabetic)
                && l[..2].eq_ignore_ascii_case(b"en")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: CaseLang = CaseLang {
        english: true,
        turkic: false,
    };

    #[test]
    fn title_case_follows_citeproc() {
        assert_eq!(
            engine(
                "the fall of the house of usher: a review",
                Mode::Title,
                ENGLISH
            ),
            "The Fall of the House of Usher: A Review"
        );
        assert_eq!(
            engine(
                "Why NASA's new rocket is a step toward Mars",
                Mode::Title,
                ENGLISH
            ),
            "Why NASA's New Rocket Is a Step toward Mars"
        );
        assert_eq!(
            engine(
                "Café culture in São Paulo: ¿qué pasa?",
                Mode::Title,
                ENGLISH
            ),
            "Café Culture in São Paulo: ¿qué Pasa?"
        );
        assert_eq!(
            engine(
                "Inflation is cooling — and what comes next",
                Mode::Title,
                ENGLISH
            ),
            "Inflation Is Cooling — and What Comes Next"
        );
        // Nothing is lowercased; a straight-quoted phrase is capitalized, an apostrophe is not.
        assert_eq!(
            engine(
                "We Need Geoengineering to Stop Out of Control Warming",
                Mode::Title,
                ENGLISH
            ),
            "We Need Geoengineering to Stop Out of Control Warming"
        );
        assert_eq!(
            engine(
                "Obama admits US gun laws are his 'biggest frustration'",
                Mode::Title,
                ENGLISH
            ),
            "Obama Admits US Gun Laws Are His 'Biggest Frustration'"
        );
        assert_eq!(
            engine("don't panic — it's l'été", Mode::Title, ENGLISH),
            "Don't Panic — It's l'été"
        );
        assert_eq!(
            engine("The 'best'  policy is honesty", Mode::Title, ENGLISH),
            "The 'best'  Policy Is Honesty"
        );
    }

    #[test]
    fn other_cases_follow_citeproc() {
        let turkish = CaseLang::new(None, Some("tr-TR"));
        // Strings from the case-set items.
        assert_eq!(apply("uppercase", "King", turkish), "K\u{130}NG");
        assert_eq!(
            apply(
                "uppercase",
                "King",
                CaseLang::new(Some("en"), Some("tr-TR"))
            ),
            "KING"
        );
        assert_eq!(
            apply("capitalize-all", "a century-old Seattle boat", ENGLISH),
            "A Century-Old Seattle Boat"
        );
        assert_eq!(
            apply("capitalize-all", "iPhone sales", ENGLISH),
            "iPhone Sales"
        );
        assert_eq!(
            apply("sentence", "The Negro Is Your Brother", ENGLISH),
            "The negro is your brother"
        );
        assert_eq!(apply("capitalize-first", "(n.d.)", ENGLISH), "(N.d.)");
        assert_eq!(
            apply("capitalize-first", "1st edition", ENGLISH),
            "1st edition"
        );
        assert_eq!(
            apply("capitalize-first", "eBay sales", ENGLISH),
            "eBay sales"
        );
        // Title case applies to any text; only title-like variables are left alone by the caller.
        assert!(!CaseLang::new(Some("fr"), None).english);
        assert!(CaseLang::new(Some("English"), Some("de-DE")).english);
        assert!(!CaseLang::new(None, Some("de-DE")).english);
    }
}
