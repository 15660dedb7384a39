//! Multi-page articles on real pages: `nextPage` is set only for a link that
//! says "next page" (rel=next, a pager word, its number) and leads to this
//! page's address with the next page number. Every page of the three corpora
//! runs at its own address; the pages that get a `nextPage` are exactly the
//! ones listed here, each checked by hand against the page. Skips with a
//! line when `../shared/corpora` is absent (the ITmedia page also runs from
//! `tests/fixtures/real/`).

mod support;

use std::path::Path;
use tidings::{extract_bytes, NextPage, Options};

/// The pages that have a next page, as `(corpus path, next page, its number, page count)`,
/// each checked by hand against the page (the reference answers have no such field):
/// - Ars Technica, "The connected renter": page 1 of 3, pager "Page: 1 2 3 Next →";
/// - ITmedia: page 1 of 2 ("（1/2 ページ）" in its title, a pager "1|2" and "次のページへ");
/// - WebMD (both test pages, at the test pages' address): "Next Page >" and a numbered
///   pager, `?page=2` … `?page=5` and `?page=2`, `?page=3`.
const EXPECTED: &[(&str, &str, u32, Option<u32>)] = &[
    (
        "mercury-parser-fixtures/fixtures/arstechnica.com.html",
        "https://arstechnica.com/gadgets/2016/08/the-connected-renter-how-to-make-your-apartment-smarter/2/",
        2,
        Some(3),
    ),
    (
        "mercury-parser-fixtures/fixtures/www.itmedia.co.jp.html",
        "https://www.itmedia.co.jp/pcuser/articles/1902/22/news089_2.html",
        2,
        Some(2),
    ),
    (
        "readability-test-pages/webmd-1/source.html",
        "http://fakehost/test/page.html?page=2",
        2,
        Some(5),
    ),
    (
        "readability-test-pages/webmd-2/source.html",
        "http://fakehost/test/page.html?page=2",
        2,
        Some(3),
    ),
];

/// Pages whose `rel=next` or "Next" links lead elsewhere, which must not be
/// taken for next pages: WordPress's and other blogs' next *post* (`<link
/// rel=next>`, `<a rel=next>`), a novel's next chapter, a diary's next day,
/// a site archive's "Next" under a post, a listing's `?page=1`.
const NOT_NEXT_PAGES: &[&str] = &[
    "readability-test-pages/wordpress/source.html",
    "readability-test-pages/002/source.html",
    "readability-test-pages/ars-1/source.html",
    "readability-test-pages/pixnet/source.html",
    "readability-test-pages/heise/source.html",
    "readability-test-pages/royal-road/source.html",
    "readability-test-pages/mercurial/source.html",
    "readability-test-pages/videos-2/source.html",
    "readability-test-pages/youth/source.html",
    "mercury-parser-fixtures/fixtures/www.westernjournalism.com.html",
    "mercury-parser-fixtures/fixtures/thefederalistpapers.org.html",
    "mercury-parser-fixtures/fixtures/takagi-hiromitsu.jp.html",
    "mercury-parser-fixtures/fixtures/phpspot.org.html",
    "mercury-parser-fixtures/fixtures/www.inquisitr.com.html",
    "mercury-parser-fixtures/fixtures/biorxiv.org.html",
    "newspaper4k-tests/html/chinese_article.html",
];

/// Every corpus page with the address it was saved from.
fn pages(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let fakehost = "http://fakehost/test/page.html".to_string();
    if let Ok(entries) = std::fs::read_dir(dir.join("readability-test-pages")) {
        for e in entries.flatten() {
            let rel = format!(
                "readability-test-pages/{}/source.html",
                e.file_name().to_string_lossy()
            );
            if dir.join(&rel).is_file() {
                out.push((rel, fakehost.clone()));
            }
        }
    }
    let mercury = dir.join("mercury-parser-fixtures/expected.json");
    if let Ok(text) = std::fs::read_to_string(mercury) {
        let cases: serde_json::Value = serde_json::from_str(&text).expect("expected.json");
        for c in cases.as_array().into_iter().flatten() {
            if let (Some(f), Some(u)) = (c["fixture"].as_str(), c["url"].as_str()) {
                out.push((format!("mercury-parser-fixtures/{f}"), u.to_string()));
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("newspaper4k-tests/metadata")) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            let meta: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap_or_default())
                    .unwrap_or_default();
            let url = meta["url"].as_str().unwrap_or("").to_string();
            out.push((format!("newspaper4k-tests/html/{stem}.html"), url));
        }
    }
    out.sort();
    out
}

fn next_page(path: &Path, url: &str) -> Option<NextPage> {
    let bytes = std::fs::read(path).ok()?;
    let options = Options {
        force: true,
        ..Options::default()
    };
    extract_bytes(&bytes, Some(url), &options).ok()?.next_page
}

#[test]
fn itmedia_first_page_links_its_second() {
    let rel = EXPECTED[1].0;
    let Some(file) = support::corpus_file(rel) else {
        return;
    };
    let url = "https://www.itmedia.co.jp/pcuser/articles/1902/22/news089.html";
    let next = next_page(&file, url).expect("a next page");
    assert_eq!(
        next,
        NextPage {
            url: EXPECTED[1].1.to_string(),
            page: 2,
            of: Some(2)
        }
    );
    // Without its address no pattern can be checked, and nothing is claimed.
    let bytes = std::fs::read(&file).unwrap();
    let article = extract_bytes(&bytes, None, &Options::default()).unwrap();
    assert_eq!(article.next_page, None);
    // The JSON field is camelCase and left out when absent.
    let json = serde_json::to_value(&next).unwrap();
    assert_eq!(json["page"], 2);
    assert_eq!(json["of"], 2);
}

#[test]
fn only_real_next_pages_on_all_corpus_pages() {
    let Some(dir) = support::corpora() else {
        return;
    };
    let all = pages(&dir);
    assert!(all.len() > 300, "the corpora hold {} pages", all.len());
    let mut found = Vec::new();
    for (rel, url) in &all {
        if let Some(n) = next_page(&dir.join(rel), url) {
            found.push((rel.clone(), n));
        }
    }
    eprintln!(
        "next pages: {} of {} corpus pages: {:?}",
        found.len(),
        all.len(),
        found
    );
    let expected: Vec<(String, NextPage)> = EXPECTED
        .iter()
        .map(|&(rel, url, page, of)| {
            (
                rel.to_string(),
                NextPage {
                    url: url.to_string(),
                    page,
                    of,
                },
            )
        })
        .collect();
    assert_eq!(found, expected);
    // The pages known to carry next-post links are among those checked (a page without a
    // saved address, such as newspaper4k's chinese_article, runs at none and claims nothing).
    for rel in NOT_NEXT_PAGES {
        assert!(dir.join(rel).is_file(), "{rel} is in the corpora");
    }
    let at_address = NOT_NEXT_PAGES
        .iter()
        .filter(|rel| all.iter().any(|(r, _)| r == *rel))
        .count();
    assert!(
        at_address >= 15,
        "{at_address} of the next-post pages run at their address"
    );
}
