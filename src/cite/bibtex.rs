//! BibTeX/BibLaTeX export: `@article` for news and magazine items, `@online` otherwise.

use super::item::{Date, Item, Name};

/// Renders an item as one BibTeX entry.
pub fn format(item: &Item) -> String {
    let kind = if is_article(item) {
        "article"
    } else {
        "online"
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !item.author.is_empty() {
        fields.push((
            "author",
            item.author
                .iter()
                .map(author)
                .collect::<Vec<_>>()
                .join(" and "),
        ));
    }
    if let Some(t) = &item.title {
        fields.push(("title", escape(t)));
    }
    match item.kind.as_str() {
        "article-newspaper" => fields.push(("entrysubtype", "newspaper".into())),
        "article-magazine" => fields.push(("entrysubtype", "magazine".into())),
        _ => {}
    }
    let site = item
        .container_title
        .as_deref()
        .or(item.publisher.as_deref());
    if let Some(site) = site {
        if kind == "article" {
            fields.push(("journaltitle", escape(site)));
            fields.push(("journal", escape(site)));
        } else {
            fields.push(("organization", escape(site)));
        }
    }
    if let Some(d) = item.issued.as_ref().and_then(Date::start) {
        fields.push(("date", iso(d)));
        fields.push(("year", d.0.to_string()));
    }
    if let Some(u) = &item.url {
        fields.push(("url", u.clone()));
    }
    if let Some(d) = item.accessed.as_ref().and_then(Date::start) {
        fields.push(("urldate", iso(d)));
    }
    if let Some(l) = &item.language {
        fields.push(("langid", escape(l)));
    }
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("  {k} = {{{v}}}"))
        .collect();
    format!("@{kind}{{{},\n{}\n}}", key(item), body.join(",\n"))
}

fn is_article(item: &Item) -> bool {
    matches!(
        item.kind.as_str(),
        "article-newspaper" | "article-magazine" | "article-journal"
    )
}

/// Citation key: first author's family name (or organisation's first word), year, first
/// significant title word, ASCII lowercase, e.g. `xinhua2023chinese`.
pub fn key(item: &Item) -> String {
    let who = item
        .author
        .first()
        .and_then(|n| {
            n.family.clone().or_else(|| {
                n.literal
                    .as_deref()
                    .and_then(|l| l.split_whitespace().next())
                    .map(str::to_string)
            })
        })
        .unwrap_or_default();
    let year = item
        .issued
        .as_ref()
        .and_then(Date::start)
        .map(|d| d.0.to_string())
        .unwrap_or_default();
    const SKIP: &[&str] = &["a", "an", "the", "on", "of", "in", "and", "to", "for"];
    let word = item
        .title
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(ascii_word)
        .find(|w| !w.is_empty() && !SKIP.contains(&w.as_str()))
        .unwrap_or_default();
    let k = format!("{}{}{}", ascii_word(&who), year, word);
    if k.is_empty() || k.chars().all(|c| c.is_ascii_digit()) {
        format!("ref{k}")
    } else {
        k
    }
}

fn ascii_word(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn author(n: &Name) -> String {
    if let Some(l) = &n.literal {
        return format!("{{{}}}", escape(l));
    }
    let family = [n.non_dropping_particle.as_deref(), n.family.as_deref()]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let given = [n.given.as_deref(), n.dropping_particle.as_deref()]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    match (&n.suffix, given.is_empty()) {
        (Some(s), false) => format!("{}, {}, {}", escape(&family), escape(s), escape(&given)),
        (_, false) => format!("{}, {}", escape(&family), escape(&given)),
        _ => escape(&family),
    }
}

fn iso((y, m, d): (i32, u32, u32)) -> String {
    match (m, d) {
        (0, _) => format!("{y:04}"),
        (m, 0) => format!("{y:04}-{m:02}"),
        (m, d) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// Escapes TeX special characters (braces included).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}
