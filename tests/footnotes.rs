//! Footnotes on real pages: the note references (`<sup><a href="#…">`) and the
//! notes they point at survive extraction and sanitizing, with every id and
//! fragment moved into the reader's `t-` namespace so a page's ids cannot
//! clobber the reader's own, and the list of notes stays at the end of the
//! article (it is mostly links, but it is not a link list to drop).
//!
//! Reads the corpora under `../shared/corpora` (or `TIDINGS_CORPORA`); each
//! test skips with a message when a page is absent.

mod support;
use support::corpus_file;

use std::collections::HashSet;
use tidings::{extract_bytes, Article, Options};

const FAKEHOST: &str = "http://fakehost/test/page.html";

fn extract(rel: &str, url: &str) -> Option<(String, Article)> {
    let path = corpus_file(rel)?;
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let article = extract_bytes(&bytes, Some(url), &Options::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    Some((String::from_utf8_lossy(&bytes).into_owned(), article))
}

fn ids(html: &str) -> HashSet<String> {
    let re = regex_lite::Regex::new(r#"\sid="([^"]+)""#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// The fragments of the links inside `<sup>` elements (the note references).
fn sup_refs(html: &str) -> Vec<String> {
    let re = regex_lite::Regex::new(r##"<sup[^>]*>\s*<a [^>]*href="#([^"]+)""##).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Every note reference of the article whose note the page has points at a
/// note the article kept, under the `t-` prefix. Returns the number checked.
fn references_resolve(rel: &str, url: &str) -> Option<usize> {
    let (source, article) = extract(rel, url)?;
    let source_ids = ids(&source);
    let kept = ids(&article.content);
    let refs = sup_refs(&article.content);
    let mut checked = 0;
    for r in &refs {
        let bare = r
            .strip_prefix("t-")
            .unwrap_or_else(|| panic!("{rel}: unprefixed #{r}"));
        if source_ids.contains(bare) {
            assert!(kept.contains(r), "{rel}: note #{bare} was lost");
            checked += 1;
        }
    }
    Some(checked)
}

#[test]
fn wikipedia_references_keep_their_numbers_and_their_notes() {
    for (page, min) in [
        ("readability-test-pages/wikipedia/source.html", 60),
        ("readability-test-pages/wikipedia-2/source.html", 300),
        ("readability-test-pages/wikipedia-3/source.html", 5),
    ] {
        let Some(n) = references_resolve(page, FAKEHOST) else {
            continue;
        };
        assert!(
            n >= min,
            "{page}: only {n} note references resolve (want ≥ {min})"
        );
    }
    // The reference shows its number as the page did.
    if let Some((_, a)) = extract("readability-test-pages/wikipedia/source.html", FAKEHOST) {
        assert!(
            a.content
                .contains(r##"<sup id="t-cite_ref-1"><a href="#t-cite_note-1""##)
                && a.content.contains(">[1]</a></sup>"),
            "the first reference keeps its [1]"
        );
    }
}

/// Wikipedia's reference list on the Hermitian-matrix page is almost all
/// links (back links and cited books); it used to be dropped as a link list.
#[test]
fn a_list_of_notes_is_not_dropped_as_a_link_list() {
    let Some((_, a)) = extract("readability-test-pages/wikipedia-3/source.html", FAKEHOST) else {
        return;
    };
    assert!(
        a.text.contains("Frankel, Theodore"),
        "the notes list is kept"
    );
    assert!(
        !a.removed
            .iter()
            .any(|r| r.text.contains("Frankel, Theodore")),
        "and not listed as removed clutter"
    );
    // At the end: after the last paragraph of the body text.
    let notes = a.text.find("Frankel, Theodore").unwrap();
    let body = a.text.find("Hermitian").unwrap();
    assert!(notes > body);
}

/// O'Reilly's book markup (`<sup><a data-type="noteref" href="#id-…">`,
/// notes as `<p data-type="footnote" id="id-…">` with a link back).
#[test]
fn book_footnotes_keep_reference_and_back_link() {
    let Some((_, a)) = extract(
        "readability-test-pages/google-sre-book-1/source.html",
        FAKEHOST,
    ) else {
        return;
    };
    let kept = ids(&a.content);
    let refs: Vec<String> = regex_lite::Regex::new(r##"href="#(t-id-[A-Za-z0-9]+)""##)
        .unwrap()
        .captures_iter(&a.content)
        .map(|c| c[1].to_string())
        .collect();
    assert!(refs.len() >= 3, "{refs:?}");
    for r in &refs {
        assert!(kept.contains(r), "note {r} kept");
        assert!(
            kept.contains(&format!("{r}-marker")),
            "reference {r}-marker kept for the way back"
        );
    }
}

/// Every id the article carries and every in-page link is in the reader's
/// namespace, on every page of this file.
#[test]
fn page_ids_cannot_clobber_the_reader() {
    let frag = regex_lite::Regex::new(r##"href="#([^"]*)""##).unwrap();
    for page in [
        "readability-test-pages/wikipedia/source.html",
        "readability-test-pages/wikipedia-4/source.html",
        "readability-test-pages/google-sre-book-1/source.html",
        "mercury-parser-fixtures/fixtures/sect.iij.ad.jp.html",
    ] {
        let Some((_, a)) = extract(page, "https://example.org/article") else {
            continue;
        };
        for id in ids(&a.content) {
            assert!(id.starts_with("t-"), "{page}: id {id}");
        }
        for c in frag.captures_iter(&a.content) {
            assert!(c[1].starts_with("t-"), "{page}: #{}", &c[1]);
        }
    }
}

/// DPUB-ARIA note roles pass the sanitizer, other roles do not; an old-style
/// `<a name>` anchor becomes the id links point at. Hand-written: no page in
/// the corpora uses `role=doc-noteref` or word-processor `_ftn` anchors.
#[test]
fn note_roles_and_named_anchors_pass_the_sanitizer() {
    let html = r##"<p>Text<sup role="doc-noteref"><a href="#fn:1">1</a></sup> and <a href="#_ftn1" name="_ftnref1">[1]</a>.</p>
<div role="doc-endnotes"><ol><li id="fn:1" role="doc-endnote"><p>Note. <a href="#fnref:1" role="doc-backlink">↩</a></p></li></ol></div>
<p><a name="_ftn1" href="#_ftnref1">[1]</a> 注释正文。</p><p role="button">Click</p>"##;
    let out = tidings::sanitize_html(html, Some("https://example.org/a"));
    for want in [
        r##"<sup role="doc-noteref"><a href="#t-fn:1""##,
        r#"<li id="t-fn:1" role="doc-endnote">"#,
        r#"role="doc-backlink""#,
        r##"href="#t-_ftn1""##,
        r#"id="t-_ftnref1""#,
        r#"id="t-_ftn1""#,
    ] {
        assert!(out.contains(want), "{want} in {out}");
    }
    assert!(!out.contains("button"), "{out}");
    assert!(!out.contains("name="), "{out}");
}

/// The WordPress "footnotes" plugin (sect.iij.ad.jp): each reference carries a hover copy of its
/// note (`span.footnote_tooltip`), which read inline broke the sentence; the references point at
/// empty `<span id>` anchors inside the notes table, which the sanitizer unwraps.
#[test]
fn wordpress_plugin_notes_are_read_once_and_references_land() {
    let rel = "mercury-parser-fixtures/fixtures/sect.iij.ad.jp.html";
    let Some((_, a)) = extract(rel, "https://sect.iij.ad.jp/d/2019/02/134052.html") else {
        return;
    };
    let note = "Masscan は GNU General Public License Version 3";
    assert_eq!(
        a.text.matches(note).count(),
        1,
        "the note once, in the notes"
    );
    assert!(a
        .removed
        .iter()
        .any(|r| r.rule == "note-tooltip" && r.text.contains(note)));
    let kept = ids(&a.content);
    let refs: Vec<String> = regex_lite::Regex::new(r##"<a href="#(t-f\+[0-9+]+)"[^>]*><sup"##)
        .unwrap()
        .captures_iter(&a.content)
        .map(|c| c[1].to_string())
        .collect();
    assert!(refs.len() >= 3, "{refs:?}");
    for r in &refs {
        assert!(kept.contains(r), "reference #{r} lands on its note");
    }
}
