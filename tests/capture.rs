//! Capture what the page shows, and pick the block by hand, in the core.
//!
//! The shadow-root and frame pages are the browser tests' hand-written pages
//! (`tests/browser/fixtures/`): no page of the shared corpora puts its article
//! in a shadow root or a frame. The pick tests also run on a real page
//! (`tests/fixtures/real/`).

mod support;

use tidings::{extract, pick_view, ErrorKind, Options};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/browser/fixtures/{name}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const TITLE: &str = "Old grain pier to close for repairs";
const FIRST: &str = "The harbour authority said on Tuesday that the old grain pier will close";

#[test]
fn declarative_open_shadow_root_is_the_hosts_content() {
    let html = fixture("shadow-template");
    let a = extract(
        &html,
        Some("http://127.0.0.1/local/shadow-template/"),
        &Options::default(),
    )
    .expect("the article in the declarative shadow root");
    assert_eq!(a.title, TITLE);
    assert!(a.text.contains(FIRST), "{}", a.text);
    assert!(a.text.contains("DECLARATIVE-SHADOW-MARKER"));
    // The default slot shows the host's light paragraph, in the slot's place.
    assert!(a.text.contains("LIGHT-SLOTTED"));
    // A closed root stays an inert template; the page's chrome stays out.
    assert!(!a.text.contains("CLOSED-DECLARATIVE-SECRET"));
    assert!(!a.text.contains("All Rights Reserved"));
    assert!(!a.text.contains("Weather"));
}

/// What the extension's capture writes for a page whose article is in an
/// open shadow root attached by script, and for a same-origin frame: the
/// marked containers are weighed like any other content.
#[test]
fn captured_shadow_roots_and_frames_are_content() {
    let html = fixture("shadow-template");
    // The live capture writes the attached root as this marked div (capture.js).
    let captured = html.replace(
        r#"<template shadowrootmode="open">"#,
        r#"<div data-tidings-shadow="open">"#,
    );
    let captured = captured.replacen("</template>", "</div>", 1);
    let a = extract(&captured, None, &Options::default()).unwrap();
    assert!(a.text.contains("DECLARATIVE-SHADOW-MARKER"));
    assert!(a.text.starts_with(FIRST), "{}", a.text);

    // A frame's body written in place of the frame.
    let page = fixture("frame-same");
    let inner = fixture("frame-article");
    let body = &inner[inner.find("<body>").unwrap() + 6..inner.find("</body>").unwrap()];
    let flattened = page.replace(
        r#"<iframe id="story" title="Story" width="800" height="900" src="/local/frame-article/"></iframe>"#,
        &format!(r#"<div data-tidings-frame="/local/frame-article/">{body}</div>"#),
    );
    assert_ne!(flattened, page);
    let a = extract(&flattened, None, &Options::default()).unwrap();
    assert!(a.text.contains("SAME-SERVER-FRAME-MARKER"), "{}", a.text);
    assert_eq!(a.title, TITLE);
    // The frame left as a frame (what the core sees without the capture): no article in it.
    let a = extract(
        &page,
        None,
        &Options {
            force: true,
            ..Options::default()
        },
    );
    assert!(a.map_or(true, |a| !a.text.contains("SAME-SERVER-FRAME-MARKER")));
}

/// Every block path the view offers, with its tag.
fn paths(view: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = view;
    while let Some(i) = rest.find("data-tidings-path=\"") {
        rest = &rest[i + 19..];
        let end = rest.find('"').unwrap();
        let path = rest[..end].replace("&gt;", ">");
        rest = &rest[end..];
        let t = rest.find("data-tidings-tag=\"").unwrap() + 18;
        let tag = rest[t..t + rest[t..].find('"').unwrap()].to_string();
        out.push((path, tag));
    }
    out
}

#[test]
fn the_pick_view_is_inert_and_its_paths_resolve() {
    // A real news page (lemonde-1, in tests/fixtures/real).
    let Some(file) = support::corpus_file("readability-test-pages/lemonde-1/source.html") else {
        return;
    };
    let html = std::fs::read_to_string(&file).unwrap();
    let view = pick_view(&html, &Options::default()).unwrap();
    for bad in [
        "<script", "<style", "<img", " src=", " href=", " style=", " onload", " onclick",
        "<iframe", "<svg", " class=", " id=",
    ] {
        assert!(!view.contains(bad), "the view holds {bad:?}");
    }
    let blocks = paths(&view);
    assert!(blocks.len() > 10, "{} blocks", blocks.len());
    assert_eq!(blocks[0].0, "body");
    // Each path the view gives is one the extraction resolves (blocks with text, so an article or an error about length).
    let auto = extract(&html, None, &Options::default()).unwrap();
    let mut differing = 0;
    for (path, _) in blocks.iter().take(60) {
        let picked = extract(
            &html,
            None,
            &Options {
                pick: Some(path.clone()),
                ..Options::default()
            },
        );
        match picked {
            Ok(a) => {
                // Metadata is the page's whatever block is picked.
                assert_eq!(a.title, auto.title, "{path}");
                differing += usize::from(a.text != auto.text);
            }
            Err(e) => assert_eq!(e.kind(), &ErrorKind::NoArticle, "{path}: {e}"),
        }
    }
    assert!(differing > 5);
}

#[test]
fn a_picked_block_is_the_article_with_clutter_removed() {
    let html = fixture("paged-1");
    let view = pick_view(&html, &Options::default()).unwrap();
    let blocks = paths(&view);
    let find = |tag: &str| {
        blocks
            .iter()
            .find(|(_, t)| t == tag)
            .map(|(p, _)| p.clone())
            .unwrap()
    };
    let pick = |p: &str| Options {
        pick: Some(p.to_string()),
        ..Options::default()
    };
    let url = Some("http://127.0.0.1/paged/");
    // The whole `main` (the article, a related-stories box and comments): the clutter rules
    // still take out the box and the comments.
    let a = extract(&html, url, &pick(&find("main"))).unwrap();
    assert!(a.text.contains("PAGE-ONE-MARKER"), "{}", a.text);
    assert!(!a.text.contains("ferry timetable"), "{}", a.text);
    assert_eq!(a.title, "Rebuilding the grain pier");
    // The related-stories box alone is a list of links: no article in it.
    let e = extract(&html, url, &pick(&find("aside"))).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NoArticle);
    let article = find("article");
    let a = extract(&html, url, &pick(&article)).unwrap();
    assert!(a.text.contains("PAGE-ONE-MARKER"));
    // Clutter inside the picked block still goes (the byline is metadata, the pager is not text).
    assert!(!a.text.contains("By Mara Quist"), "{}", a.text);
    assert_eq!(a.byline.as_deref(), Some("Mara Quist"));
    assert_eq!(a.next_page.as_ref().map(|n| n.page), Some(2));
    // A path the page does not have, or not a path at all.
    for bad in [
        "body>div:nth-of-type(9)",
        "html>body",
        "body>div:nth-of-type(0)",
        "body>>p",
        "",
    ] {
        let e = extract(&html, None, &pick(bad)).unwrap_err();
        assert_eq!(e.code(), "pick-not-found", "{bad:?}");
    }
}

/// The CLI: `--format blocks` writes the view, `--pick PATH` takes a block from it, and a path
/// the page does not have ends with exit status 2 and the `pick-not-found` message.
#[test]
fn cli_blocks_and_pick() {
    let bin = env!("CARGO_BIN_EXE_tidings");
    let page = format!(
        "{}/tests/browser/fixtures/paged-1.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let view = run(&["extract", "--format", "blocks", &page]);
    assert!(view.status.success());
    let view = String::from_utf8(view.stdout).unwrap();
    let main = paths(&view)
        .into_iter()
        .find(|(_, t)| t == "main")
        .map(|(p, _)| p)
        .unwrap();
    let out = run(&[
        "extract",
        "--format",
        "text",
        "--url",
        "http://127.0.0.1/paged/",
        "--pick",
        &main,
        &page,
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("PAGE-ONE-MARKER") && !text.contains("ferry timetable"),
        "{text}"
    );
    let bad = run(&["extract", "--pick", "body>div:nth-of-type(7)", &page]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("picked block is not on this page"));
}
