//! CSL `text-case` transformations (following citeproc-js for English titles).

use crate::text::{lower, upper};

/// Words left lowercase inside English titles (citeproc-js `SKIP_WORDS`, single words).
const STOP_WORDS: &[&str] = &[
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

/// English title case: capitalize words except stop words (which are lowercased) in mid-title;
/// words with inner capitals (acronyms, "iPhone") are left alone.
fn title(s: &str) -> String {
    let mut out = Vec::new();
    let mut start_of_sentence = true;
    // citeproc-js capitalizes the last word even when it is a stop word ("… What Comes Next").
    let words: Vec<&str> = s.split(' ').collect();
    let last = words.iter().rposition(|w| !w.is_empty());
    for (i, &word) in words.iter().enumerate() {
        let core: String = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .to_string();
        let lowered = lower(&core);
        let has_inner_caps = core.chars().skip(1).any(char::is_uppercase);
        let rendered = if word.is_empty() {
            String::new()
        } else if !start_of_sentence
            && Some(i) != last
            && STOP_WORDS.contains(&lowered.as_str())
            && !has_inner_caps
        {
            lower(word)
        } else if has_inner_caps {
            word.to_string()
        } else {
            // Hyphenated compounds: every part is capitalized except stop words ("Fact-Check", "Step-by-Step").
            word.split('-')
                .enumerate()
                .map(|(i, part)| {
                    if i > 0 && STOP_WORDS.contains(&lower(part).as_str()) {
                        lower(part)
                    } else {
                        // Double quotes are markup to citeproc-js: the word after them is capitalized
                        // (a leading single quote may be an elision, so it is left alone).
                        let quote_len =
                            part.len() - part.trim_start_matches(['"', '\u{201c}']).len();
                        format!("{}{}", &part[..quote_len], upper_first(&part[quote_len..]))
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        };
        if !word.is_empty() {
            start_of_sentence = word.ends_with([':', '?', '!']);
        }
        out.push(rendered);
    }
    out.join(" ")
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
    }
}
