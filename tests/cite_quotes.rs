//! Quotation marks inside titles, as citeproc-js 2.4.63 renders them: straight quotes and the
//! locale's outer marks alternate with their nesting, the locale's inner marks stay inner at
//! the top, curly marks the locale does not use stay literal, and under `quotes="false"`
//! every pair is re-levelled.
//!
//! Titles from real pages: mercury-parser-fixtures `fandom.wikia.com` (curly single quotes),
//! readability-test-pages `bbc-1` (straight single quotes); the third is the curly-quoted
//! blog title of tests/fixtures/cite/items.json. The styles are hand-written one-element
//! layouts (no official style isolates one rule), and every expected string is what
//! citeproc-js 2.4.63 printed for the same style and item, with csl/locales-en-US.xml.

use tidings::cite::{find_style, format_with, Format, Item};

const TITLES: [&str; 3] = [
    "Box Office: It’s Good to Be ‘Peculiar’",
    "Obama admits US gun laws are his 'biggest frustration'",
    "“Move fast” and other bad advice",
];

/// Spanish quotation marks, as an in-style locale block.
const SPANISH: &str = r#"<locale><terms><term name="open-quote">«</term><term name="close-quote">»</term><term name="open-inner-quote">“</term><term name="close-inner-quote">”</term></terms></locale>"#;

fn style(layout: &str, locale: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>T</title><id>t</id></info>{locale}<citation><layout><text variable="title"/></layout></citation><bibliography><layout>{layout}</layout></bibliography></style>"#
    )
}

fn render(layout: &str, locale: &str) -> Vec<String> {
    let xml = style(layout, locale);
    let en = include_str!("../csl/locales-en-US.xml");
    let info = find_style("apa").unwrap();
    TITLES
        .iter()
        .map(|t| {
            let item = Item {
                id: "q".into(),
                kind: "article-newspaper".into(),
                title: Some(t.to_string()),
                ..Item::default()
            };
            format_with(&item, info, Format::Text, Some(&xml), Some(en)).unwrap()
        })
        .collect()
}

#[test]
fn curly_inner_quotes_stay_inner_at_the_top() {
    assert_eq!(
        render(r#"<text variable="title" suffix="."/>"#, ""),
        [
            "Box Office: It’s Good to Be ‘Peculiar.’",
            "Obama admits US gun laws are his “biggest frustration.”",
            "“Move fast” and other bad advice.",
        ]
    );
}

#[test]
fn a_quoted_title_turns_its_quotes_inner() {
    assert_eq!(
        render(r#"<text variable="title" quotes="true" suffix="."/>"#, ""),
        [
            "“Box Office: It’s Good to Be ‘Peculiar.’”",
            "“Obama admits US gun laws are his ‘biggest frustration.’”",
            "“‘Move fast’ and other bad advice.”",
        ]
    );
}

#[test]
fn quotes_false_relevels_every_pair() {
    assert_eq!(
        render(
            r#"<text variable="title" quotes="false" prefix="&quot;" suffix="&quot;."/>"#,
            ""
        ),
        [
            "\"Box Office: It’s Good to Be “Peculiar”\".",
            "\"Obama admits US gun laws are his “biggest frustration”\".",
            "\"“Move fast” and other bad advice\".",
        ]
    );
}

#[test]
fn marks_the_locale_does_not_use_stay_literal() {
    assert_eq!(
        render(r#"<text variable="title" suffix="."/>"#, SPANISH),
        [
            "Box Office: It’s Good to Be ‘Peculiar’.",
            "Obama admits US gun laws are his «biggest frustration.»",
            "“Move fast” and other bad advice.",
        ]
    );
    assert_eq!(
        render(r#"<text variable="title" quotes="true"/>"#, SPANISH),
        [
            "«Box Office: It’s Good to Be ‘Peculiar’»",
            "«Obama admits US gun laws are his “biggest frustration”»",
            "«“Move fast” and other bad advice»",
        ]
    );
}
