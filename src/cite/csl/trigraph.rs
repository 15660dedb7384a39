//! The `citation-label` variable when the item has none: citeproc-js's trigraph ("Gett17"),
//! built from the first names of the first name variable with names, else from the title.

use super::case::STOP_WORDS;
use crate::cite::item::Item;

/// citeproc-js's name variables, in the order it looks for names (`CSL.NAME_VARIABLES`).
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

/// Letters taken from each name by the count of names (the default trigraph
/// `Aaaa00:AaAa00:AaAA00:AAAA00`: one name gives four letters, four or more one each);
/// every form ends in a two-digit year.
const LETTERS: [&[usize]; 4] = [&[4], &[2, 2], &[2, 1, 1], &[1, 1, 1, 1]];

/// Characters citeproc-js keeps in a name for the label (`ROMANESQUE_NOT_REGEXP` drops the rest).
fn romanesque(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c,
            '\u{e01}'..='\u{e5b}'
            | '\u{c0}'..='\u{17f}'
            | '\u{370}'..='\u{3ff}'
            | '\u{400}'..='\u{52f}'
            | '\u{590}'..='\u{5d4}'
            | '\u{5d6}'..='\u{5ff}'
            | '\u{1f00}'..='\u{1fff}'
            | '\u{600}'..='\u{6ff}'
            | '\u{200c}'..='\u{200e}'
            | '\u{218}'..='\u{21b}'
            | '\u{202a}'..='\u{202e}')
}

/// The first `n` characters, the first uppercased and the rest lowercased.
fn piece(s: &str, n: usize) -> String {
    let mut chars = s.chars().take(n);
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A family name for the label: leading lowercase particle words ("van der ") and an English
/// article go, then everything but letters.
fn family_key(family: &str) -> String {
    let allowed = |c: char| matches!(c, ' ' | '\'' | '\u{2019}' | 'a'..='z');
    let prefix_end = family
        .char_indices()
        .find(|(_, c)| !allowed(*c))
        .map_or(family.len(), |(i, _)| i);
    let mut name = match family[..prefix_end].rfind(' ') {
        Some(space) if space > 0 => &family[space + 1..],
        _ => family,
    };
    let lower = name.to_lowercase();
    for article in ["a ", "the ", "an "] {
        if lower.starts_with(article) && name.is_char_boundary(article.len()) {
            name = &name[article.len()..];
            break;
        }
    }
    name.chars().filter(|c| romanesque(*c)).collect()
}

/// The label citeproc-js makes for an item without a `citation-label`.
pub fn citation_label(item: &Item) -> String {
    let mut label = String::new();
    let mut names_found = false;
    for var in NAME_VARIABLES {
        let names = item.names(var);
        if names.is_empty() {
            continue;
        }
        names_found = true;
        let letters = LETTERS[names.len().clamp(1, LETTERS.len()) - 1];
        for (name, n) in names.iter().zip(letters) {
            let key = match (&name.family, &name.literal) {
                (Some(f), _) if !f.is_empty() => family_key(f),
                (_, Some(l)) => l.chars().filter(|c| romanesque(*c)).collect(),
                _ => String::new(),
            };
            if key.is_empty() {
                break;
            }
            label.push_str(&piece(&key, *n));
        }
        break;
    }
    if !names_found || label.is_empty() {
        if let Some(title) = item.variable("title") {
            let words: String = title
                .split_whitespace()
                .filter(|w| !STOP_WORDS.contains(w))
                .collect();
            label = piece(&words, LETTERS[0][0]);
        }
    }
    let year = item
        .date("issued")
        .and_then(|d| d.start())
        .map_or("0000".to_string(), |(y, _, _)| y.to_string());
    let cut = year.len().saturating_sub(2);
    label + year.get(cut..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> Item {
        serde_json::from_str(json).expect("item")
    }

    #[test]
    fn labels_follow_citeproc() {
        // Items of the case set (tests/fixtures/cite/all-styles/items.json), trimmed.
        let one = item(
            r#"{"id":"a","type":"article-newspaper","author":[{"family":"Gettleman","given":"Jeffrey"}],"issued":{"date-parts":[[2017,1,13]]}}"#,
        );
        assert_eq!(citation_label(&one), "Gett17");
        let particle = item(
            r#"{"id":"b","type":"post-weblog","author":[{"family":"van der Berg","given":"Anna"}],"issued":{"date-parts":[[2019]]}}"#,
        );
        assert_eq!(citation_label(&particle), "Berg19");
        let untitled = item(r#"{"id":"c","type":"webpage","title":"Frequently asked questions"}"#);
        assert_eq!(citation_label(&untitled), "Freq00");
        let three = item(
            r#"{"id":"d","type":"article","author":[{"family":"Untersinger"},{"family":"Leloup"},{"family":"Tual"}],"issued":{"date-parts":[[2015]]}}"#,
        );
        assert_eq!(citation_label(&three), "UnLT15");
    }
}
