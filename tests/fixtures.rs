//! The fixture pages (tests/fixtures/pages/<slug>/: source.html, expected.txt,
//! meta.json) against pinned floors: each page's body F1 may not drop below its
//! floor, and each metadata field that matched when the floor was pinned must
//! still match. `TIDINGS_BLESS=1 cargo test --test fixtures` raises floors and
//! adds newly matching fields; it never lowers a floor (edit the file by hand,
//! where a reviewer sees it).

#[allow(dead_code)]
#[path = "../src/bin/tidings-eval/score.rs"]
mod score;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tidings::{extract_bytes, ErrorKind, Options};

const PAGES: &str = "tests/fixtures/pages";
const BASELINE: &str = "tests/fixtures/pages/baseline.json";
/// Metadata fields compared with meta.json when it has them.
const FIELDS: &[&str] = &[
    "title",
    "authors",
    "publishedTime",
    "siteName",
    "source",
    "editor",
    "section",
    "lang",
    "canonicalUrl",
    "excerpt",
];

struct Case {
    slug: String,
    dir: PathBuf,
    meta: Value,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = std::fs::read_dir(PAGES)
        .expect("fixture folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("source.html").exists())
        .map(|e| {
            let dir = e.path();
            let meta = serde_json::from_str(
                &std::fs::read_to_string(dir.join("meta.json")).expect("meta.json"),
            )
            .expect("meta.json parses");
            Case {
                slug: e.file_name().to_string_lossy().into_owned(),
                dir,
                meta,
            }
        })
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    assert!(
        out.len() >= 25,
        "expected at least 25 fixture pages, found {}",
        out.len()
    );
    out
}

fn url_of(meta: &Value) -> Option<String> {
    meta.get("url")
        .or_else(|| meta.get("canonicalUrl"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn expected_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt")
}

fn run(case: &Case, force: bool) -> Result<tidings::Article, tidings::Error> {
    let bytes = std::fs::read(case.dir.join("source.html")).expect("source.html");
    let options = Options {
        force,
        ..Options::default()
    };
    extract_bytes(&bytes, url_of(&case.meta).as_deref(), &options)
}

/// Which fields of meta.json the article matches.
fn matching_fields(article: &tidings::Article, meta: &Value) -> Vec<String> {
    let got = serde_json::to_value(article).expect("serializes");
    FIELDS
        .iter()
        .filter(|f| meta.get(**f).is_some_and(|want| got.get(**f) == Some(want)))
        .map(|f| f.to_string())
        .collect()
}

#[test]
fn fixtures_meet_pinned_floors() {
    let baseline: BTreeMap<String, Value> = std::fs::read_to_string(BASELINE)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let bless = std::env::var("TIDINGS_BLESS").is_ok();
    let mut next = baseline.clone();
    let mut failures = Vec::new();
    let mut sum = 0.0;
    let cases = cases();
    println!("{:<24} {:>6} {:>6} {:>6}  fields", "page", "P", "R", "F1");
    for case in &cases {
        let readerable = case
            .meta
            .get("readerable")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let (prf, fields) = match run(case, false) {
            Ok(a) => (
                score::prf(&a.text, &expected_text(&case.dir)),
                matching_fields(&a, &case.meta),
            ),
            Err(e) if !readerable && *e.kind() == ErrorKind::NoArticle => {
                (score::Prf::ONE, Vec::new())
            }
            Err(e) => {
                failures.push(format!("{}: extraction failed: {e}", case.slug));
                (score::Prf::ZERO, Vec::new())
            }
        };
        sum += prf.f1;
        println!(
            "{:<24} {:>6.3} {:>6.3} {:>6.3}  {}",
            case.slug,
            prf.precision,
            prf.recall,
            prf.f1,
            fields.join(",")
        );
        let pinned = baseline.get(&case.slug);
        let floor = pinned.and_then(|p| p["f1"].as_f64()).unwrap_or(0.0);
        if prf.f1 + 1e-9 < floor {
            failures.push(format!(
                "{}: F1 {:.3} fell below its floor {floor:.3}",
                case.slug, prf.f1
            ));
        }
        let pinned_fields: Vec<String> = pinned
            .and_then(|p| p["fields"].as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        for f in &pinned_fields {
            if !fields.contains(f) {
                failures.push(format!(
                    "{}: field {f} no longer matches meta.json",
                    case.slug
                ));
            }
        }
        let mut all: Vec<String> = pinned_fields.into_iter().chain(fields).collect();
        all.sort();
        all.dedup();
        let new_floor = (prf.f1 * 1000.0).floor() / 1000.0;
        next.insert(
            case.slug.clone(),
            json!({"f1": floor.max(new_floor), "fields": all}),
        );
    }
    println!(
        "mean F1 over {} pages: {:.4}",
        cases.len(),
        sum / cases.len() as f64
    );
    if bless {
        std::fs::write(
            BASELINE,
            serde_json::to_string_pretty(&next).unwrap() + "\n",
        )
        .unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        !baseline.is_empty() || bless,
        "no baseline: run TIDINGS_BLESS=1 cargo test --test fixtures"
    );
}

/// The origin page: exactly the nine paragraphs and the metadata in shared/seed/README.md.
#[test]
fn origin_page_is_exact() {
    let case = cases()
        .into_iter()
        .find(|c| c.slug == "shine-seed")
        .expect("shine-seed fixture");
    let a = run(&case, false).expect("the origin page is an article");
    let expected: Vec<String> = expected_text(&case.dir)
        .lines()
        .map(str::to_string)
        .collect();
    let got: Vec<String> = a.text.lines().map(str::to_string).collect();
    assert_eq!(got.len(), 9);
    assert_eq!(got, expected);
    assert!(got[0].starts_with("Chinese Foreign Minister Qin Gang on Monday held"));
    assert!(got[8].ends_with("exchanged Spring Festival greetings."));
    assert_eq!(
        a.title,
        "Chinese FM holds phone talks with S. Korean counterpart"
    );
    assert_eq!(a.site_name.as_deref(), Some("Shanghai Daily"));
    assert_eq!(a.section.as_deref(), Some("Nation"));
    assert_eq!(a.source.as_deref(), Some("Xinhua"));
    assert_eq!(a.editor.as_deref(), Some("Zhu Ying"));
    assert_eq!(
        a.published_time.as_deref(),
        Some("2023-01-10T10:31:00+08:00")
    );
    assert_eq!(
        serde_json::to_value(&a.authors).unwrap(),
        json!([{"literal": "Xinhua"}])
    );
    assert_eq!(
        a.excerpt.as_deref(),
        Some("China and South Korea are close neighbors that will always live next to each other and partners that cannot be separated, Qin said.")
    );
    assert_eq!(a.kind, "article-newspaper");
    // The drawer lists the footer's licence and copyright lines, with the rule that caught each.
    for rule in [
        "icp-registration",
        "public-security-registration",
        "copyright-en",
        "footer-link-bar-en",
    ] {
        assert!(
            a.removed.iter().any(|r| r.rule == rule),
            "{rule} not listed as removed"
        );
    }
    assert!(a
        .removed
        .iter()
        .any(|r| r.text.contains("沪ICP备05050403号")));
    for clutter in [
        "ICP",
        "公网安备",
        "许可证",
        "All Rights Reserved",
        "EXPLORE SHINE",
        "Editor: Zhu Ying",
        "Special Reports",
        "Hotline",
        "About Us",
    ] {
        assert!(
            !a.text.contains(clutter) && !a.content.contains(clutter),
            "{clutter} left in the article"
        );
    }
}

/// No Chinese news page keeps a licence, registration or copyright line.
#[test]
fn no_licence_or_copyright_line_survives() {
    const NEEDLES: &[&str] = &[
        "ICP备",
        "ICP证",
        "公网安备",
        "许可证",
        "版权所有",
        "未经授权",
        "举报电话",
        "All Rights Reserved",
        "All rights reserved",
        "Copyright ©",
    ];
    for case in cases() {
        let Ok(a) = run(&case, false) else { continue };
        for n in NEEDLES {
            assert!(
                !a.text.contains(n),
                "{}: {n:?} survived in the article text",
                case.slug
            );
        }
    }
}

/// Pages that are not articles are refused, and `force` still cleans them.
#[test]
fn non_articles_are_refused_unless_forced() {
    let non: Vec<Case> = cases()
        .into_iter()
        .filter(|c| c.meta.get("readerable") == Some(&json!(false)))
        .collect();
    assert!(!non.is_empty(), "a non-article fixture is needed");
    for case in non {
        let err = run(&case, false).expect_err("a front page is not an article");
        assert_eq!(err.code(), "no-article", "{}", case.slug);
        let forced = run(&case, true).expect("force returns the best candidate");
        assert!(!forced.readerable);
        assert!(!forced.text.is_empty());
    }
}

/// Each clutter, credit and section-heading rule is shown at work by a fixture page.
#[test]
fn every_clutter_rule_is_shown_by_a_fixture() {
    let mut fired = std::collections::BTreeSet::new();
    for case in cases() {
        if let Ok(a) = run(&case, false) {
            fired.extend(a.removed.into_iter().map(|r| r.rule));
        }
    }
    let missing: Vec<&str> = tidings::clutter_rules()
        .into_iter()
        .map(|(id, _)| id)
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(missing.is_empty(), "rules no fixture shows: {missing:?}");
}
