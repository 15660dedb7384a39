//! The `citation-label` variable when the item has none: citeproc-js's "trigraph" label,
//! letters of the first name variable's family names (or of the title) and the year's last
//! two digits ("Gett17", "UnLT15", "HMWG20", "Anti00").

use super::locale::Locale;
use crate::cite::item::Item;

/// Name variables in the order citeproc-js looks for one to build the label from.
const NAME_VARIABLES: &[&str] = &[
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editor-translator",
    "editorial-director",
    "executive-producer",
    "guest",
    "host",
    "illustrator",
    "interviewer",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
    "commenter",
];

/// Letters taken from each name, by the number of names (citeproc-js's default trigraph
/// `Aaaa00:AaAa00:AaAA00:AAAA00`: one name gives 4 letters, two 2+2, three 2+1+1, four
/// or more 1 each); the year gives 2 digits.
const LETTERS: [&[usize]; 4] = [&[4], &[2, 2], &[2, 1, 1], &[1, 1, 1, 1]];
const YEAR_DIGITS: usize = 2;

/// The label citeproc-js makes for an item without a `citation-label`.
pub fn citation_label(item: &Item, locale: &Locale) -> String {
    let mut label = String::new();
    // citeproc-js starts from the "reference" term; a name with neither family nor
    // literal part keeps the previous name's text.
    let mut name_text = capitalized(
        &locale
            .term("reference", "short", false)
            .unwrap_or("reference")
            .replacen('.', "", 1),
        true,
    );
    if let Some(names) = NAME_VARIABLES
        .iter()
        .map(|v| item.names(v))
        .find(|n| !n.is_empty())
    {
        let letters = LETTERS[names.len().clamp(1, LETTERS.len()) - 1];
        for (name, take) in names.iter().zip(letters) {
            if let Some(family) = name.family.as_deref().filter(|f| !f.is_empty()) {
                name_text = strip_lowercase_particles(family).to_string();
            } else if let Some(literal) = name.literal.as_deref().filter(|l| !l.is_empty()) {
                name_text = literal.to_string();
            }
            let lower = name_text.to_lowercase();
            for article in ["a", "the", "an"] {
                let rest = lower.strip_prefix(article);
                if rest.is_some_and(|r| r.starts_with(char::is_whitespace)) {
                    let skip = article.len()
                        + rest
                            .unwrap_or("")
                            .chars()
                            .take_while(|c| c.is_whitespace())
                            .map(char::len_utf8)
                            .sum::<usize>();
                    name_text = name_text.get(skip..).unwrap_or("").to_string();
                    break;
                }
            }
            name_text.retain(is_romanesque);
            if name_text.is_empty() {
                break;
            }
            name_text = name_text.chars().take(*take).collect();
            label.push_str(&capitalized(&name_text, true));
        }
    }
    if label.is_empty() {
        if let Some(title) = item.title.as_deref() {
            let text: String = title
                .split_whitespace()
                .filter(|w| !super::case::STOP_WORDS.contains(w))
                .collect();
            label = capitalized(&text.chars().take(LETTERS[0][0]).collect::<String>(), true);
        }
    }
    let year = item
        .date("issued")
        .and_then(|d| d.start())
        .map(|(y, _, _)| y.to_string())
        .unwrap_or_else(|| "0000".to_string());
    let skip = year.chars().count().saturating_sub(YEAR_DIGITS);
    label.extend(year.chars().skip(skip));
    label
}

/// First character uppercase, the rest lowercase (when `lower_rest`).
fn capitalized(s: &str, lower_rest: bool) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => {
            let rest: String = chars.collect();
            let rest = if lower_rest {
                rest.to_lowercase()
            } else {
                rest
            };
            c.to_uppercase().collect::<String>() + &rest
        }
        None => String::new(),
    }
}

/// A family name without leading lowercase words ("de la Garza" → "Garza").
fn strip_lowercase_particles(family: &str) -> &str {
    // citeproc-js: the longest run of lowercase letters, spaces and apostrophes that ends
    // in whitespace.
    let run = family
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_lowercase() || matches!(c, ' ' | '\'' | '\u{2019}'))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let head = &family[..run];
    match head.rfind(|c: char| c.is_whitespace()) {
        Some(i) => &family[i + 1..],
        None => family,
    }
}

/// citeproc-js's letters for labels: Latin, Latin-1/Extended-A, Greek, Cyrillic, Hebrew,
/// Arabic, Thai and a few format characters (its `ROMANESQUE` class).
fn is_romanesque(c: char) -> bool {
    matches!(c,
        'a'..='z'
        | 'A'..='Z'
        | '\u{e01}'..='\u{e5b}'
        | '\u{c0}'..='\u{17f}'
        | '\u{370}'..='\u{3ff}'
        | '\u{400}'..='\u{52f}'
        | '\u{590}'..='\u{5d4}'
        | '\u{5d6}'..='\u{5ff}'
        | '\u{1f00}'..='\u{1fff}'
        | '\u{600}'..='\u{6ff}'
        | '\u{200c}'
        | '\u{200d}'
        | '\u{200e}'
        | '\u{218}'..='\u{21b}'
        | '\u{202a}'..='\u{202e}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_before_the_family_name_are_dropped() {
        assert_eq!(strip_lowercase_particles("de la Garza"), "Garza");
        assert_eq!(strip_lowercase_particles("van der Berg"), "Berg");
        assert_eq!(strip_lowercase_particles("Gettleman"), "Gettleman");
        assert_eq!(strip_lowercase_particles("garza"), "garza");
    }
}
