//! The origin page cited end to end: extraction → CSL-JSON item → styles,
//! against citeproc-js's renderings (tests/fixtures/cite/expected.json), and
//! `tidings cite` (page and `--csl-json`) over the whole citation table.

use serde_json::Value;
use std::process::Command;
use tidings::{extract_bytes, item_from_article, Options};

const SEED: &str = "tests/fixtures/pages/shine-seed/source.html";
const SEED_URL: &str = "https://www.shine.cn/news/nation/2301104951/";

fn expected() -> Value {
    serde_json::from_str(include_str!("fixtures/cite/expected.json")).unwrap()
}

fn items() -> Vec<Value> {
    serde_json::from_str(include_str!("fixtures/cite/items.json")).unwrap()
}

#[test]
fn origin_page_item_is_the_one_checked_against_citeproc() {
    let article = extract_bytes(
        &std::fs::read(SEED).unwrap(),
        Some(SEED_URL),
        &Options::default(),
    )
    .unwrap();
    let mut item = serde_json::to_value(item_from_article(&article, "2026-11-25")).unwrap();
    item["id"] = "shine-seed-extracted".into();
    let fixture = items()
        .into_iter()
        .find(|i| i["id"] == "shine-seed-extracted")
        .expect("fixture item");
    assert_eq!(item, fixture);
}

#[test]
fn origin_page_apa_mla_chicago_exactly() {
    let cases = [
        ("apa", "Xinhua. (2023, January 10). Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily. https://www.shine.cn/news/nation/2301104951/"),
        ("mla", "Xinhua. “Chinese FM Holds Phone Talks with S. Korean Counterpart.” Shanghai Daily, 10 Jan. 2023, https://www.shine.cn/news/nation/2301104951/. Nation."),
        ("chicago-notes", "Xinhua. “Chinese FM Holds Phone Talks with S. Korean Counterpart.” Nation. Shanghai Daily, January 10, 2023. https://www.shine.cn/news/nation/2301104951/."),
        ("chicago-author-date", "Xinhua. 2023. “Chinese FM Holds Phone Talks with S. Korean Counterpart.” Nation. Shanghai Daily, January 10. https://www.shine.cn/news/nation/2301104951/."),
    ];
    let expected = expected();
    for (style, want) in cases {
        assert_eq!(
            expected[style]["shine-seed-extracted"]["text"], want,
            "citeproc-js renders {style} so"
        );
        let o = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args([
                "cite",
                "--style",
                style,
                "--accessed",
                "2026-11-25",
                "--url",
                SEED_URL,
                SEED,
            ])
            .output()
            .unwrap();
        assert!(o.status.success());
        assert_eq!(
            String::from_utf8(o.stdout).unwrap().trim_end(),
            want,
            "{style}"
        );
    }
}

/// `tidings cite --csl-json` reproduces every citeproc-js entry, text and HTML.
#[test]
fn cli_formats_the_whole_table() {
    let expected = expected();
    let dir = std::env::temp_dir().join(format!("tidings-cite-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for item in items() {
        let id = item["id"].as_str().unwrap().to_string();
        let path = dir.join(format!("{id}.json"));
        // Alternate between a bare object and an array of one.
        let body = if id.len() % 2 == 0 {
            Value::Array(vec![item.clone()])
        } else {
            item.clone()
        };
        std::fs::write(&path, body.to_string()).unwrap();
        for (style, by_item) in expected.as_object().unwrap() {
            for format in ["text", "html"] {
                let o = Command::new(env!("CARGO_BIN_EXE_tidings"))
                    .args(["cite", "--style", style, "--format", format, "--csl-json"])
                    .arg(&path)
                    .output()
                    .unwrap();
                let got = String::from_utf8_lossy(&o.stdout)
                    .trim_end_matches('\n')
                    .to_string();
                if !o.status.success() || got != by_item[&id][format] {
                    failures.push(format!("{style} {id} {format}: got {got:?}"));
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn cite_errors_are_one_line_and_exit_2() {
    for args in [
        &["cite", "--style", "vancouver", SEED][..],
        &["cite", "--format", "pdf", SEED],
        &["cite", "--accessed", "yesterday", SEED],
        &[
            "cite",
            "--csl-json",
            "tests/fixtures/pages/shine-seed/expected.txt",
        ],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr).lines().count(),
            1,
            "{args:?}"
        );
    }
    let o = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["styles"])
        .output()
        .unwrap();
    let listing = String::from_utf8(o.stdout).unwrap();
    for name in [
        "apa",
        "mla",
        "chicago-notes",
        "chicago-author-date",
        "chicago-notes-17",
        "chicago-author-date-17",
        "harvard",
        "ieee",
        "gb7714",
        "bibtex",
        "ris",
        "csl-json",
        "wikipedia",
    ] {
        assert!(
            listing
                .lines()
                .any(|l| l.split_whitespace().next() == Some(name)),
            "{name} missing from `tidings styles`"
        );
    }
}
