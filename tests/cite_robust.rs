//! Malformed styles and odd items must give an error or an entry, never a panic.

use tidings::cite::{
    find_style, format, format_form_with, format_with, styles, Form, Format, Item,
};

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

/// A style with these macros and this bibliography layout (hand-written: hostile shapes no
/// real style has).
fn hostile_style(macros: &str, layout: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Hostile</title><id>hostile</id></info>
  {macros}
  <citation><layout>{layout}</layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>"#
    )
}

/// Formats the first fixture item with a style file in one form; the error code, or "ok", and
/// the time.
fn code_of(xml: &str, form: Form) -> (String, std::time::Duration) {
    let item = &items()[0];
    let apa = find_style("apa").unwrap();
    let t = std::time::Instant::now();
    let code = match format_form_with(item, apa, Format::Text, form, Some(xml), None) {
        Ok(_) => "ok".to_string(),
        Err(e) => {
            assert!(!e.message().is_empty());
            e.code().to_string()
        }
    };
    (code, t.elapsed())
}

#[test]
fn hostile_styles_end_in_a_coded_error() {
    let fan_out: String = (0..20)
        .map(|i| {
            let calls = format!(r#"<text macro="m{}"/>"#, i + 1).repeat(8);
            format!(r#"<macro name="m{i}"><group>{calls}<text variable="title"/></group></macro>"#)
        })
        .collect::<String>()
        + r#"<macro name="m20"><text value="x"/></macro>"#;
    let chain: String = (0..5000)
        .map(|i| format!(r#"<macro name="c{i}"><text macro="c{}"/></macro>"#, i + 1))
        .collect::<String>()
        + r#"<macro name="c5000"><text variable="title"/></macro>"#;
    let big_value = "x".repeat(100_000);
    let repeat_big = format!(r#"<macro name="big"><text value="{big_value}"/></macro>"#);
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE style [<!ENTITY a \"aaaaaaaaaa\">{}]>{}",
        (1..10)
            .map(|i| format!(
                "<!ENTITY {} \"{}\">",
                (b'a' + i) as char,
                format!("&{};", (b'a' + i - 1) as char).repeat(10)
            ))
            .collect::<String>(),
        hostile_style("", r#"<text value="&j;"/>"#).replacen(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "",
            1
        )
    );
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a macro calling itself",
            hostile_style(
                r#"<macro name="a"><text macro="a"/></macro>"#,
                r#"<text macro="a"/>"#,
            ),
            "bad-style",
        ),
        (
            "mutual macro recursion",
            hostile_style(
                r#"<macro name="a"><group><text macro="b"/></group></macro><macro name="b"><text macro="a"/></macro>"#,
                r#"<text macro="a"/>"#,
            ),
            "bad-style",
        ),
        (
            "20 macros each calling the next 8 times (8^20 calls)",
            hostile_style(&fan_out, r#"<text macro="m0"/>"#),
            "style-too-complex",
        ),
        (
            "a chain of 5,000 macros",
            hostile_style(&chain, r#"<text macro="c0"/>"#),
            "style-too-deep",
        ),
        (
            "groups nested 40,000 deep",
            hostile_style(
                "",
                &format!("{}{}", "<group>".repeat(40_000), "</group>".repeat(40_000)),
            ),
            "style-too-deep",
        ),
        (
            "a 10 MB file",
            hostile_style("", &format!("<text value=\"{}\"/>", "x".repeat(10 << 20))),
            "style-too-large",
        ),
        (
            "300,000 elements",
            hostile_style("", &"<text value=\"x\"/>".repeat(300_000)),
            "style-too-large",
        ),
        (
            "a 100 KB value repeated 50 times",
            hostile_style(&repeat_big, &r#"<text macro="big"/>"#.repeat(50)),
            "style-too-complex",
        ),
        ("entity expansion (billion laughs)", laughs, "bad-style"),
    ];
    for (what, xml, want) in cases {
        for form in [Form::Bibliography, Form::Citation] {
            let (code, took) = code_of(&xml, form);
            eprintln!("{what} ({form:?}): {code} in {took:?}");
            assert_eq!(code, want, "{what} ({form:?})");
        }
    }
}
