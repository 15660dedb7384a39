//! The `tidings` binary as outside tooling uses it: formats, stdin, batch
//! JSON Lines, exit codes and one-line errors.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = "tests/fixtures/pages/shine-seed/source.html";
const SEED_URL: &str = "https://www.shine.cn/news/nation/2301104951/";
const HOMEPAGE: &str = "tests/fixtures/pages/homepage-not-article/source.html";
/// The origin page as a text dump, copied from shared/seed so a fresh clone has it.
const SEED_TEXT: &str = "tests/fixtures/seed/000_cb51aec823b6ec93.txt";

fn tidings(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .expect("runs")
}

fn tidings_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn extract_json_has_the_article_fields() {
    let o = tidings(&["extract", "--url", SEED_URL, SEED]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for field in [
        "title",
        "byline",
        "authors",
        "siteName",
        "publishedTime",
        "modifiedTime",
        "lang",
        "dir",
        "excerpt",
        "section",
        "canonicalUrl",
        "leadImage",
        "content",
        "text",
        "wordCount",
        "readingMinutes",
        "readerable",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(
        v["title"],
        "Chinese FM holds phone talks with S. Korean counterpart"
    );
    assert_eq!(v["publishedTime"], "2023-01-10T10:31:00+08:00");
    assert_eq!(v["readerable"], true);
}

#[test]
fn text_html_and_markdown_formats() {
    let text = stdout(&tidings(&["extract", "--format", "text", SEED]));
    assert_eq!(text.lines().count(), 9);
    let html = stdout(&tidings(&["extract", "--format", "html", SEED]));
    assert_eq!(html.matches("<p>").count(), 9);
    assert!(!html.contains("<script") && !html.contains("ICP"));
    let md = stdout(&tidings(&[
        "extract", "--format", "markdown", "--url", SEED_URL, SEED,
    ]));
    assert!(md.starts_with("# Chinese FM holds phone talks with S. Korean counterpart\n"));
    assert!(md.contains("\n\nChinese Foreign Minister Qin Gang on Monday held"));
}

#[test]
fn reads_standard_input() {
    let page = std::fs::read(SEED).unwrap();
    let o = tidings_stdin(&["extract", "--format", "text", "-"], &page);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("Chinese Foreign Minister Qin Gang"));
}

#[test]
fn batch_writes_json_lines_in_order_and_goes_on_after_failures() {
    let o = tidings(&[
        "extract",
        SEED,
        "tests/fixtures/pages/no-such-page.html",
        HOMEPAGE,
        "tests/fixtures/pages/bbc/source.html",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failed file makes the batch exit 1"
    );
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["file"], SEED);
    assert_eq!(
        lines[0]["title"],
        "Chinese FM holds phone talks with S. Korean counterpart"
    );
    assert_eq!(lines[1]["error"]["code"], "unreadable");
    assert_eq!(lines[2]["error"]["code"], "no-article");
    assert!(lines[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no article"));
    assert_eq!(lines[3]["file"], "tests/fixtures/pages/bbc/source.html");
    assert!(lines[3]["text"].as_str().unwrap().len() > 500);
}

#[test]
fn exit_codes_and_one_line_errors() {
    let none = tidings(&["extract", HOMEPAGE]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(stderr(&none).lines().count(), 1);
    assert!(stderr(&none).contains("no article found"));

    let missing = tidings(&["extract", "does-not-exist.html"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).starts_with("tidings: cannot read does-not-exist.html"));

    for bad in [
        &["extract", "--format", "pdf", SEED][..],
        &["extract", "--nope"],
        &["frobnicate"],
        &[],
        &["extract", "--url"],
    ] {
        let o = tidings(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(!stderr(&o).contains("panicked"), "{bad:?}");
    }

    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let o = tidings_stdin(&["extract", "-"], &binary);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).contains("binary"));
}

#[test]
fn a_bad_page_url_is_a_warning_and_the_article_still_comes() {
    let o = tidings(&["extract", "--format", "json", "--url", "not a url", SEED]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).contains("warning: ignored the page URL"));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["text"]
        .as_str()
        .unwrap()
        .starts_with("Chinese Foreign Minister"));
    assert_eq!(v["warnings"].as_array().map(Vec::len), Some(1));

    // A Unicode host is put into punycode, not refused.
    let o = tidings(&[
        "extract",
        "--format",
        "json",
        "--url",
        "https://seglerblog.stössenseer.de/2019/05/17/regatta/",
        SEED,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.get("warnings").is_none());
}

#[test]
fn help_and_version() {
    for args in [&["--help"][..], &["extract", "--help"], &["cite", "--help"]] {
        let o = tidings(args);
        assert!(o.status.success(), "{args:?}");
        assert!(stdout(&o).contains("Usage"), "{args:?}");
    }
    let v = tidings(&["--version"]);
    assert_eq!(
        stdout(&v).trim(),
        format!("tidings {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn text_dump_input_gives_the_nine_paragraphs_and_metadata() {
    let o = tidings(&["extract", "--input", "text", SEED_TEXT]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let text = v["text"].as_str().unwrap();
    let expected = std::fs::read_to_string("tests/fixtures/pages/shine-seed/expected.txt").unwrap();
    assert_eq!(text.trim(), expected.trim());
    assert_eq!(
        v["title"],
        "Chinese FM holds phone talks with S. Korean counterpart"
    );
    assert_eq!(v["source"], "Xinhua");
    assert_eq!(v["editor"], "Zhu Ying");
    assert_eq!(v["publishedTime"], "2023-01-10T10:31:00+08:00");
}
