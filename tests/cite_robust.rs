//! Malformed styles and odd items must give an error or an entry, never a panic.

use tidings::cite::{find_style, format, format_with, styles, Format, Item};

fn items() -> Vec<Item> {
    serde_json::from_str(include_str!("fixtures/cite/items.json")).expect("items.json")
}

#[test]
fn truncated_and_mangled_styles_never_panic() {
    let item = &items()[0];
    let apa = find_style("apa").unwrap();
    let ieee = include_str!("../csl/ieee.csl");
    let harvard = include_str!("../csl/harvard-cite-them-right.csl");
    for xml in [ieee, harvard] {
        for cut in (0..xml.len()).step_by(997) {
            let Some(prefix) = xml.get(..cut) else {
                continue;
            };
            let _ = format_with(item, apa, Format::Text, Some(prefix), None);
        }
        // Structural mangling: elements renamed or emptied, attributes dropped.
        for (from, to) in [
            ("<group", "<names"),
            ("<text ", "<date "),
            ("macro=", "variable="),
            (
                "</macro>",
                "</macro><macro name=\"x\"><text macro=\"x\"/></macro>",
            ),
            ("delimiter=", "x="),
        ] {
            let _ = format_with(
                item,
                apa,
                Format::Html,
                Some(&xml.replacen(from, to, 5)),
                None,
            );
        }
    }
}

#[test]
fn odd_items_render_in_every_style() {
    let odd = [
        r#"{"id": "a", "type": "webpage"}"#,
        r#"{"id": "b", "type": "article-newspaper", "title": "", "author": [{}], "issued": {"date-parts": [[]]}}"#,
        r#"{"id": "c", "type": "post-weblog", "title": "x", "author": [{"given": "Only"}], "issued": {"date-parts": [["abc", 13, 40]]}}"#,
        r#"{"id": "d", "type": "webpage", "title": "\"unclosed 'quotes", "issued": {"raw": "not a date"}, "accessed": {"literal": "someday"}}"#,
        r#"{"id": "e", "type": "article-magazine", "title": "x", "issued": {"date-parts": [[-44, 3, 15]]}, "author": [{"family": "Caesar", "given": "-"}]}"#,
    ];
    for json in odd {
        let item = Item::from_json(json).unwrap();
        for s in styles() {
            for f in [Format::Text, Format::Html] {
                assert!(format(&item, s.name, f).is_ok(), "{} {json}", s.name);
            }
        }
    }
}

#[test]
fn origin_page_matches_citeproc_js() {
    let item = items()
        .into_iter()
        .find(|i| i.id == "shine-xinhua")
        .unwrap();
    let cases = [
        ("apa", "Xinhua. (2023, January 10). Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily. https://www.shine.cn/news/nation/2301104951/"),
        ("mla", "Xinhua. “Chinese FM Holds Phone Talks with S. Korean Counterpart.” Shanghai Daily, 10 Jan. 2023, https://www.shine.cn/news/nation/2301104951/."),
        ("chicago-notes", "Xinhua. “Chinese FM Holds Phone Talks with S. Korean Counterpart.” Shanghai Daily, January 10, 2023. https://www.shine.cn/news/nation/2301104951/."),
        ("chicago-author-date", "Xinhua. 2023. “Chinese FM Holds Phone Talks with S. Korean Counterpart.” Shanghai Daily, January 10. https://www.shine.cn/news/nation/2301104951/."),
    ];
    for (style, want) in cases {
        assert_eq!(format(&item, style, Format::Text).unwrap(), want, "{style}");
    }
    assert_eq!(
        format(&item, "apa", Format::Html).unwrap(),
        "<div class=\"csl-entry\">Xinhua. (2023, January 10). Chinese FM holds phone talks with S. Korean counterpart. <i>Shanghai Daily</i>. https://www.shine.cn/news/nation/2301104951/</div>"
    );
}
