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

/// Applies a CSL `text-case` value. `english` gates `title` and `sentence`, which only apply to English items.
pub fn apply(case: &str, s: &str, english: bool) -> String {
    match case {
        "lowercase" => lower(s),
        "uppercase" => upper(s),
        "capitalize-first" => capitalize_first(s),
        "capitalize-all" => s.split(' ').map(upper_first).collect::<Vec<_>>().join(" "),
        "sentence" if english => capitalize_first(s),
        "title" if english => title(s),
        _ => s.to_string(),
    }
}

/// Uppercases the first character of a word.
fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => upper(&c.to_string()) + chars.as_str(),
        None => String::new(),
    }
}

/// Uppercases the first letter of the string when it is lowercase.
fn capitalize_first(s: &str) -> String {
    match s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) if c.is_lowercase() => {
            format!(
                "{}{}{}",
                &s[..i],
                upper(&c.to_string()),
                &s[i + c.len_utf8()..]
            )
        }
        _ => s.to_string(),
    }
}

/// English title case as citeproc-js 2.4 writes it: the text is cut at quotes, dashes,
/// slashes, brackets and punctuation; an all-lowercase word is capitalized when it is not a
/// stop word (and longer than one character), or is the first word, or follows `!?:`; no word
/// is ever lowercased. The last word is capitalized even when it is a stop word. A capital
/// given to the text right after an unmatched quote or apostrophe is undone ("Don't", "l'été").
fn title(s: &str) -> String {
    let (mut strings, tags) = split_at_tags(s);
    let original = strings.clone();
    let mut st = TitleState {
        is_first: true,
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
        if tag.ends_with(['!', '?', ':']) {
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
            if w.encode_utf16().count() > 1 && is_stop_word(&lower(w)) {
                *w = capitalise(w);
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

/// Word state carried across the pieces of a title.
struct TitleState {
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
        let (mut words, seps) = split_words(piece);
        let count = words.len();
        for (j, word) in words.iter_mut().enumerate() {
            if word.is_empty() {
                continue;
            }
            let lcase = lower(word);
            let capitalize = (word.encode_utf16().count() > 1 && !is_stop_word(&lcase))
                || (j + 1 == count && dash_follows)
                || self.is_first
                || self.after_punct;
            if capitalize && *word == lcase {
                *word = capitalise(word);
            }
            self.after_punct = false;
            self.is_first = false;
            self.last_word = Some((index, j));
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
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if matches!(c, '\u{370}'..='\u{3ff}') && chars.as_str().is_empty() => {
            word.to_string()
        }
        Some(c) => upper(&c.to_string()) + chars.as_str(),
        None => String::new(),
    }
}

/// Whether title/sentence case may change an item in this language (English or unspecified).
pub fn is_english(language: Option<&str>) -> bool {
    match language {
        None => true,
        Some(l) => {
            let l = l.trim().to_ascii_lowercase();
            l.is_empty() || l == "en" || l.starts_with("en-") || l.starts_with("en_")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_follows_citeproc() {
        assert_eq!(
            title("the fall of the house of usher: a review"),
            "The Fall of the House of Usher: A Review"
        );
        assert_eq!(
            title("Why NASA's new rocket is a step toward Mars"),
            "Why NASA's New Rocket Is a Step toward Mars"
        );
        assert_eq!(
            title("Café culture in São Paulo: ¿qué pasa?"),
            "Café Culture in São Paulo: ¿qué Pasa?"
        );
        assert_eq!(
            title("Inflation is cooling — and what comes next"),
            "Inflation Is Cooling — and What Comes Next"
        );
        // Nothing is lowercased; a straight-quoted phrase is capitalized, an apostrophe is not.
        assert_eq!(
            title("We Need Geoengineering to Stop Out of Control Warming"),
            "We Need Geoengineering to Stop Out of Control Warming"
        );
        assert_eq!(
            title("Obama admits US gun laws are his 'biggest frustration'"),
            "Obama Admits US Gun Laws Are His 'Biggest Frustration'"
        );
        assert_eq!(
            title("don't panic — it's l'été"),
            "Don't Panic — It's l'été"
        );
        assert_eq!(
            title("The 'best'  policy is honesty"),
            "The 'best'  Policy Is Honesty"
        );
    }
}
