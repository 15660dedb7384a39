//! The bridge from an extracted [`Article`] to a CSL-JSON [`Item`], the one
//! model every citation format is rendered from. `accessed` comes from the
//! caller's clock, so the core stays pure.

use crate::cite::{Date, Item, Name};
use crate::{Article, Author};

/// The CSL-JSON item for an article read on `accessed` (`YYYY-MM-DD`).
pub fn item_from_article(a: &Article, accessed: &str) -> Item {
    let author = a
        .authors
        .iter()
        .map(|au| match au {
            Author::Person { family, given } => Name::person(family, given),
            Author::Literal { literal } => Name::literal(literal),
        })
        .collect();
    let publisher = a
        .publisher
        .clone()
        .filter(|p| a.site_name.as_deref() != Some(p.as_str()));
    Item {
        id: "tidings".to_string(),
        kind: if a.kind.is_empty() {
            "webpage".to_string()
        } else {
            a.kind.clone()
        },
        title: Some(a.title.clone()).filter(|t| !t.is_empty()),
        container_title: a.site_name.clone(),
        publisher,
        author,
        issued: a.published_time.as_deref().and_then(ymd),
        accessed: ymd(accessed),
        url: a.canonical_url.clone(),
        language: a.lang.clone(),
        section: a.section.clone(),
        r#abstract: a.excerpt.clone(),
        ..Item::default()
    }
}

/// The date part of an ISO 8601 string as a CSL date.
fn ymd(iso: &str) -> Option<Date> {
    let d = crate::date::parse(iso)?;
    Some(Date::ymd(d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_fields_citations_use() {
        let a = Article {
            title: "Chinese FM holds phone talks with S. Korean counterpart".into(),
            authors: vec![Author::Literal {
                literal: "Xinhua".into(),
            }],
            site_name: Some("Shanghai Daily".into()),
            publisher: Some("Shanghai Daily".into()),
            published_time: Some("2023-01-10T10:31:00+08:00".into()),
            canonical_url: Some("https://www.shine.cn/news/nation/2301104951/".into()),
            kind: "article-newspaper".into(),
            ..Article::default()
        };
        let item = item_from_article(&a, "2026-11-25");
        assert_eq!(item.kind, "article-newspaper");
        assert_eq!(item.container_title.as_deref(), Some("Shanghai Daily"));
        assert_eq!(
            item.publisher, None,
            "a publisher equal to the site is not repeated"
        );
        assert_eq!(item.author, vec![Name::literal("Xinhua")]);
        assert_eq!(item.issued, Some(Date::ymd(2023, 1, 10)));
        assert_eq!(item.accessed, Some(Date::ymd(2026, 11, 25)));
    }
}
