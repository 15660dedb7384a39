//! The non-CSL formats (BibTeX, RIS, Wikipedia, CSL-JSON), the style registry and errors.

use tidings::cite::{find_style, format, format_with, styles, Date, Format, Item, Name};

fn shine() -> Item {
    Item {
        id: "shine".into(),
        kind: "article-newspaper".into(),
        title: Some("Chinese FM holds phone talks with S. Korean counterpart".into()),
        author: vec![Name::literal("Xinhua")],
        container_title: Some("Shanghai Daily".into()),
        issued: Some(Date::ymd(2023, 1, 10)),
        accessed: Some(Date::ymd(2026, 11, 25)),
        url: Some("https://www.shine.cn/news/nation/2301104951/".into()),
        ..Item::default()
    }
}

fn blog() -> Item {
    Item {
        id: "blog".into(),
        kind: "post-weblog".into(),
        title: Some("Sets {and} maps: 100% of the time".into()),
        author: vec![Name::person("Qin", "Lei"), Name::person("Berg", "Anna")],
        container_title: Some("Engineering Blog".into()),
        issued: Some(Date::ymd(2023, 3, 0)),
        accessed: Some(Date::ymd(2026, 11, 25)),
        url: Some("https://eng.example.com/sets".into()),
        ..Item::default()
    }
}

#[test]
fn bibtex_news_is_an_article_with_the_site_as_journal() {
    let out = format(&shine(), "bibtex", Format::Text).unwrap();
    assert!(out.starts_with("@article{xinhua2023chinese,\n"), "{out}");
    assert!(out.contains("  author = {{Xinhua}},\n"), "{out}");
    assert!(
        out.contains("  title = {Chinese FM holds phone talks with S. Korean counterpart},\n  entrysubtype = {newspaper},\n"),
        "{out}"
    );
    assert!(
        out.contains("  journaltitle = {Shanghai Daily},\n  journal = {Shanghai Daily},\n"),
        "{out}"
    );
    assert!(
        out.contains("  date = {2023-01-10},\n  year = {2023},\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  url = {https://www.shine.cn/news/nation/2301104951/},\n  urldate = {2026-11-25}\n}"
        ),
        "{out}"
    );
}

#[test]
fn bibtex_blog_is_online_with_escaped_braces() {
    let out = format(&blog(), "bibtex", Format::Text).unwrap();
    assert!(out.starts_with("@online{qin2023sets,\n"), "{out}");
    assert!(
        out.contains("  author = {Qin, Lei and Berg, Anna},\n"),
        "{out}"
    );
    assert!(
        out.contains("  title = {Sets \\{and\\} maps: 100\\% of the time},\n"),
        "{out}"
    );
    assert!(
        out.contains("  organization = {Engineering Blog},\n"),
        "{out}"
    );
    assert!(out.contains("  date = {2023-03},\n"), "{out}");
}

#[test]
fn ris_records() {
    let news = format(&shine(), "ris", Format::Text).unwrap();
    assert_eq!(
        news,
        "TY  - NEWS\nAU  - Xinhua\nTI  - Chinese FM holds phone talks with S. Korean counterpart\nT2  - Shanghai Daily\n\
         PY  - 2023\nDA  - 2023/01/10\nUR  - https://www.shine.cn/news/nation/2301104951/\nY2  - 2026/11/25\nER  - \n"
    );
    let web = format(&blog(), "ris", Format::Text).unwrap();
    assert!(
        web.starts_with("TY  - ELEC\nAU  - Qin, Lei\nAU  - Berg, Anna\n"),
        "{web}"
    );
    assert!(web.contains("DA  - 2023/03/\n"), "{web}");
    assert!(web.ends_with("ER  - \n"));
}

#[test]
fn wikipedia_templates() {
    assert_eq!(
        format(&shine(), "wikipedia", Format::Text).unwrap(),
        "{{cite news |title=Chinese FM holds phone talks with S. Korean counterpart |author=Xinhua |date=2023-01-10 \
         |work=Shanghai Daily |url=https://www.shine.cn/news/nation/2301104951/ |access-date=2026-11-25}}"
    );
    let web = format(&blog(), "wikipedia", Format::Text).unwrap();
    assert!(web.starts_with("{{cite web |title=Sets {and} maps: 100% of the time |last=Qin |first=Lei |last2=Berg |first2=Anna |date=March 2023 |website=Engineering Blog"), "{web}");
}

#[test]
fn csl_json_round_trips() {
    let json = format(&shine(), "csl-json", Format::Text).unwrap();
    assert!(
        json.contains("\"container-title\": \"Shanghai Daily\""),
        "{json}"
    );
    assert!(
        json.contains("\"URL\": \"https://www.shine.cn/news/nation/2301104951/\""),
        "{json}"
    );
    let back: Item = serde_json::from_str(&json).unwrap();
    assert_eq!(back, shine());
}

#[test]
fn unknown_fields_are_tolerated() {
    let item = Item::from_json(
        r#"{"id": 7, "type": "webpage", "title": "T", "custom-field": {"a": 1}, "number": "12"}"#,
    )
    .unwrap();
    assert_eq!(item.id, "7");
    assert_eq!(item.variable("number").as_deref(), Some("12"));
}

#[test]
fn registry_knows_names_and_ids() {
    assert_eq!(styles().len(), 13);
    assert_eq!(find_style("mla").unwrap().id, "modern-language-association");
    assert_eq!(
        find_style("chicago-notes-bibliography-17th-edition")
            .unwrap()
            .name,
        "chicago-notes-17"
    );
    assert_eq!(
        find_style("gb7714").unwrap().locale_file,
        Some("locales-zh-CN.xml")
    );
    assert!(find_style("vancouver").is_none());
}

#[test]
fn errors_have_codes() {
    assert_eq!(
        format(&shine(), "vancouver", Format::Text)
            .unwrap_err()
            .code(),
        "unknown-style"
    );
    let apa = find_style("apa").unwrap();
    let german = r#"<style xmlns="http://purl.org/net/xbiblio/csl" default-locale="de-DE">
        <bibliography><layout><text variable="title"/></layout></bibliography></style>"#;
    let err = format_with(&shine(), apa, Format::Text, Some(german), None).unwrap_err();
    assert_eq!(err.code(), "missing-locale");
    for bad in [
        "",
        "<style",
        "<notastyle/>",
        "<style xmlns=\"http://purl.org/net/xbiblio/csl\"><citation/></style>",
    ] {
        assert_eq!(
            format_with(&shine(), apa, Format::Text, Some(bad), None)
                .unwrap_err()
                .code(),
            "bad-style",
            "{bad}"
        );
    }
    let cycle = r#"<style xmlns="http://purl.org/net/xbiblio/csl"><macro name="a"><text macro="b"/></macro>
        <macro name="b"><text macro="a"/></macro><bibliography><layout><text macro="a"/></layout></bibliography></style>"#;
    assert_eq!(
        format_with(&shine(), apa, Format::Text, Some(cycle), None)
            .unwrap_err()
            .code(),
        "bad-style"
    );
}

#[test]
fn caller_supplied_style_is_interpreted() {
    let csl = r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><bibliography><layout suffix=".">
        <group delimiter=", "><names variable="author"/><text variable="title" font-style="italic"/>
        <date variable="issued" form="text"/></group></layout></bibliography></style>"#;
    let out = format_with(
        &shine(),
        find_style("apa").unwrap(),
        Format::Html,
        Some(csl),
        None,
    )
    .unwrap();
    assert_eq!(
        out,
        "<div class=\"csl-entry\">Xinhua, <i>Chinese FM holds phone talks with S. Korean counterpart</i>, January 10, 2023.</div>"
    );
}
