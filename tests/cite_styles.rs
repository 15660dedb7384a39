//! Every official CSL style (csl/all, the compiled-in catalog): lookup, search, dependent
//! styles resolved to their parent with their own title and locale, and every style
//! formatting an item; the CLI's `--style ID|TITLE|FILE.csl`, `--locale` and `styles --search`.

use std::process::Command;
use tidings::cite::{self, catalog::Library, format_any, format_resolved, Form, Format, Item};

fn item() -> Item {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/cite/items.json")).unwrap();
    cite::parse_item(&items[0].to_string()).unwrap()
}

fn tidings(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_official_style_formats_an_item() {
    let mut lib = Library::bundled().unwrap();
    let item = item();
    let mut entries: Vec<_> = lib.catalog().entries().to_vec();
    assert_eq!(entries.len(), 10_857);
    assert_eq!(
        entries.iter().filter(|e| e.parent.is_empty()).count(),
        2_858
    );
    // Grouped by archive chunk, then parent and locale, so each chunk is decoded and each
    // parent parsed about once.
    let chunk_of = |lib: &Library, e: &cite::catalog::Entry| {
        let p = if e.parent.is_empty() {
            &e.id
        } else {
            &e.parent
        };
        lib.catalog().get(p).and_then(|p| p.chunk)
    };
    entries.sort_by_cached_key(|e| {
        let p = if e.parent.is_empty() {
            e.id.clone()
        } else {
            e.parent.clone()
        };
        (chunk_of(&lib, e), p, e.locale.clone())
    });
    let (mut ok, mut empty, mut note_only) = (0, 0, 0);
    let started = std::time::Instant::now();
    for e in &entries {
        let style = lib
            .resolve_id(&e.id)
            .unwrap_or_else(|err| panic!("{}: {err}", e.id));
        assert_eq!(style.title, e.title);
        let bib = format_resolved(
            &mut lib,
            &item,
            &style,
            None,
            Format::Text,
            Form::Bibliography,
        );
        match bib {
            Ok(out) if !out.trim().is_empty() => ok += 1,
            // A style with citations only (notes without a bibliography) gives its citation.
            _ if !style.xml.contains("<bibliography") => {
                let note =
                    format_resolved(&mut lib, &item, &style, None, Format::Text, Form::Citation)
                        .unwrap_or_else(|err| panic!("{} citation: {err}", e.id));
                if note.trim().is_empty() {
                    empty += 1;
                } else {
                    note_only += 1;
                }
            }
            // A style may print nothing for a type it does not cover (mohr-siebeck-recht and
            // its dependents cite no newspaper articles in their bibliography; nor does
            // catholic-biblical-association in its notes).
            Ok(_) => empty += 1,
            Err(err) => panic!("{} (parent {}): {err}", e.id, style.parent),
        }
    }
    eprintln!(
        "{ok} styles formatted, {empty} empty, {note_only} without a bibliography (citation form), in {:.1?}",
        started.elapsed()
    );
    assert!(ok > 10_000 && empty < 100, "{ok} formatted, {empty} empty");
}

#[test]
fn a_dependent_style_takes_its_parents_rules_with_its_own_title_and_locale() {
    let mut lib = Library::bundled().unwrap();
    let dep = lib.resolve("berliner-journal-fur-soziologie").unwrap();
    assert_eq!(dep.title, "Berliner Journal für Soziologie (Deutsch)");
    assert_eq!(dep.parent, "springer-socpsych-author-date");
    assert_eq!(dep.locale, "de-DE");
    let parent = lib.resolve("springer-socpsych-author-date").unwrap();
    assert_eq!(parent.locale, "en-US");
    assert_eq!(*parent.xml, *dep.xml);
    let item = item();
    let de = format_resolved(
        &mut lib,
        &item,
        &dep,
        None,
        Format::Text,
        Form::Bibliography,
    )
    .unwrap();
    let en = format_resolved(
        &mut lib,
        &item,
        &parent,
        None,
        Format::Text,
        Form::Bibliography,
    )
    .unwrap();
    assert!(
        de.contains("(2023, Januar 10)") && de.contains("Zugegriffen"),
        "{de}"
    );
    assert!(
        en.contains("(2023, January 10)") && en.contains("Accessed"),
        "{en}"
    );
    // --locale overrides the style's default.
    let over = format_resolved(
        &mut lib,
        &item,
        &dep,
        Some("en-US"),
        Format::Text,
        Form::Bibliography,
    )
    .unwrap();
    assert_eq!(over, en);
    // The same dependent style given as a file resolves to the same parent and locale.
    let file = lib
        .resolve_file(include_str!(
            "fixtures/csl/berliner-journal-fur-soziologie.csl"
        ))
        .unwrap();
    assert_eq!(
        (file.id.as_str(), file.locale.as_str()),
        ("berliner-journal-fur-soziologie", "de-DE")
    );
    assert_eq!(
        format_resolved(
            &mut lib,
            &item,
            &file,
            None,
            Format::Text,
            Form::Bibliography
        )
        .unwrap(),
        de
    );
}

#[test]
fn locales_fall_back_through_the_primary_dialect() {
    let item = item();
    // de-AT has its own month name; its other terms come from de-DE.
    let at = format_any(
        &item,
        "apa",
        Some("de-AT"),
        Format::Text,
        Form::Bibliography,
    )
    .unwrap();
    assert!(at.contains("Jänner"), "{at}");
    let de = format_any(&item, "apa", Some("de"), Format::Text, Form::Bibliography).unwrap();
    assert!(de.contains("Januar"), "{de}");
    assert_eq!(
        format_any(
            &item,
            "apa",
            Some("xx-YY"),
            Format::Text,
            Form::Bibliography
        )
        .unwrap_err()
        .code(),
        "unknown-locale"
    );
}

#[test]
fn the_nine_common_styles_render_as_before() {
    let item = item();
    for s in cite::styles() {
        assert_eq!(
            format_any(&item, s.name, None, Format::Html, Form::Bibliography).unwrap(),
            cite::format(&item, s.name, Format::Html).unwrap(),
            "{}",
            s.name
        );
        // And by official id through the catalog, with the same result for the CSL ones.
        if s.csl_file.is_some() {
            let mut lib = Library::bundled().unwrap();
            let r = lib.resolve_id(s.id).unwrap();
            assert_eq!(
                format_resolved(&mut lib, &item, &r, None, Format::Html, Form::Bibliography)
                    .unwrap(),
                cite::format(&item, s.name, Format::Html).unwrap(),
                "{} through the catalog",
                s.id
            );
        }
    }
}

#[test]
fn search_finds_styles_by_title_short_name_chinese_title_and_issn() {
    let lib = Library::bundled().unwrap();
    let first = |q: &str| -> Vec<String> {
        lib.catalog()
            .search(q, 5)
            .iter()
            .map(|e| e.id.clone())
            .collect()
    };
    let cases: &[(&str, &str)] = &[
        ("Nature", "nature"),
        ("nature", "nature"),
        ("Vancouver", "vancouver"),
        ("AMA", "american-medical-association"),
        ("Turabian", "turabian-author-date"),
        ("ABNT", "associacao-brasileira-de-normas-tecnicas"),
        ("DIN 1505-2", "din-1505-2"),
        (
            "Harvard – Anglia Ruskin",
            "harvard-anglia-ruskin-university",
        ),
        ("中华医学杂志", "chinese-medical-journal"),
        ("物理学报", "acta-physica-sinica"),
        (
            "GB/T 7714-2015 numeric",
            "china-national-standard-gb-t-7714-2015-numeric",
        ),
        // Nature's print ISSN, with and without its hyphen.
        ("0028-0836", "nature"),
        ("00280836", "nature"),
        (
            "societe francaise",
            "bulletin-de-la-societe-prehistorique-francaise",
        ),
    ];
    for (q, want) in cases {
        let hits = first(q);
        assert!(
            hits.iter().any(|h| h.starts_with(want)),
            "{q:?} → {hits:?}, wanted {want}"
        );
    }
    assert_eq!(first("Nature")[0], "nature");
    assert!(first("zzzz qqqq").is_empty());
}

#[test]
fn lookup_by_id_title_short_name_and_issn() {
    let lib = Library::bundled().unwrap();
    let find = |k: &str| lib.catalog().find(k).map(|e| e.id.clone());
    assert_eq!(find("mla").as_deref(), Some("modern-language-association"));
    assert_eq!(
        find("chicago-notes").as_deref(),
        Some("chicago-notes-bibliography")
    );
    assert_eq!(find("NATURE").as_deref(), Some("nature"));
    // The official `chicago-notes` (notes without bibliography) is found by its title.
    assert_eq!(
        find("Chicago Manual of Style 18th edition (notes without bibliography)").as_deref(),
        Some("chicago-notes")
    );
    assert_eq!(
        find("anglia ruskin university (author-date/harvard)").as_deref(),
        Some("harvard-anglia-ruskin-university")
    );
    assert_eq!(find("0028-0836").as_deref(), Some("nature"));
    assert_eq!(find("no such style at all"), None);
}

#[test]
fn cli_cites_in_any_style_and_lists_search_hits() {
    let json = std::env::temp_dir().join(format!("tidings-styles-{}.json", std::process::id()));
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/cite/items.json")).unwrap();
    std::fs::write(&json, items[0].to_string()).unwrap();
    let json = json.to_str().unwrap();
    let cite = |style: &str, extra: &[&str]| {
        let mut args = vec!["cite", "--style", style, "--csl-json", json];
        args.extend_from_slice(extra);
        tidings(&args)
    };
    let by_title = cite("Anglia Ruskin University (author-date/Harvard)", &[]);
    let by_id = cite("harvard-anglia-ruskin-university", &[]);
    assert!(by_title.status.success());
    assert_eq!(by_title.stdout, by_id.stdout);
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csl/berliner-journal-fur-soziologie.csl"
    );
    let out = String::from_utf8(cite(file, &[]).stdout).unwrap();
    assert!(out.contains("Januar"), "{out}");
    let out = String::from_utf8(cite(file, &["--locale", "fr-FR"]).stdout).unwrap();
    assert!(out.contains("janvier"), "{out}");
    // An unknown style: one line naming the closest titles, exit 2.
    let o = cite("Natrue", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("\"Nature\" (nature)"), "{err}");
    let o = tidings(&["styles", "--search", "Vancouver"]);
    assert!(o.status.success());
    let list = String::from_utf8(o.stdout).unwrap();
    assert!(list.starts_with("vancouver"), "{list}");
    assert!(
        list.lines().any(|l| l.starts_with("vancouver-nlm ")),
        "{list}"
    );
    let o = tidings(&["styles"]);
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().lines().count(),
        13 + 10_857
    );
}
