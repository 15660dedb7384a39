//! XSS vectors against the allow-list serializer (`src/sanitize.rs`).
//!
//! Every vector in `tests/fixtures/xss/vectors.txt` goes through
//! `sanitize_html` on its own and through `extract` inside a realistic article
//! page (standards and quirks mode, in the body and inside a clutter block that
//! ends up in `Removed.html`). Each output is parsed again with html5ever and
//! checked against a deny list of elements, attributes and URL schemes; the
//! raw output is also checked for dangerous tags, and sanitizing must be
//! idempotent.

use html5ever::ns;
use tidings::dom::{Dom, NodeData, NodeId};

const BASE: &str = "https://example.com/a/";

/// Elements that must never come out.
const DENIED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "svg",
    "math",
    "template",
    "noscript",
    "title",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "listing",
    "isindex",
    "keygen",
    "marquee",
    "dialog",
    "canvas",
    "audio",
    "video",
    "source",
    "track",
    "param",
    "area",
    "map",
    "slot",
    "image",
];

/// The only attributes the serializer may write (anything else is a finding).
const ALLOWED_ATTRS: &[&str] = &[
    "lang",
    "dir",
    "title",
    "id",
    "href",
    "src",
    "alt",
    "width",
    "height",
    "srcset",
    "colspan",
    "rowspan",
    "headers",
    "scope",
    "start",
    "reversed",
    "type",
    "value",
    "datetime",
    "cite",
    "open",
    "loading",
    "referrerpolicy",
    "rel",
];

/// Reads the vector table: one per line, `#` comments, `⟦HH⟧` for control characters.
fn vectors() -> Vec<String> {
    let text = include_str!("fixtures/xss/vectors.txt");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(unescape)
        .collect()
}

fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('⟦') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '⟦'.len_utf8()..];
        let end = after.find('⟧').expect("closing ⟧");
        let code = u32::from_str_radix(&after[..end], 16).expect("hex in ⟦⟧");
        out.push(char::from_u32(code).expect("valid char"));
        rest = &after[end + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn parse_fragment(html: &str) -> Dom {
    let doc = format!("<!doctype html><html><head></head><body>{html}</body></html>");
    tidings::dom::parse(&doc, &tidings::Limits::default().for_parse())
        .expect("output parses within limits")
}

fn body(dom: &Dom) -> NodeId {
    dom.descendants(NodeId::DOCUMENT)
        .find(|&n| dom.tag(n).is_some_and(|t| &**t == "body"))
        .expect("body")
}

/// Strips what URL parsers ignore (leading/trailing C0 controls and spaces,
/// tabs and newlines anywhere) and case-folds, the way a browser reads a scheme.
fn normalize_url(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn url_ok(raw: &str, img_src: bool) -> bool {
    let u = normalize_url(raw);
    if u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:") {
        return true;
    }
    if u.starts_with("#t-") {
        return true;
    }
    if img_src {
        return ["png", "jpeg", "jpg", "gif", "webp", "avif"]
            .iter()
            .any(|t| {
                u.strip_prefix("data:image/")
                    .and_then(|r| r.strip_prefix(t))
                    .is_some_and(|r| r.starts_with(';') || r.starts_with(','))
            });
    }
    false
}

/// Every way `html` breaks the output contract; empty when it is safe.
fn findings(html: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let lower = html.to_ascii_lowercase();
    for tag in DENIED_ELEMENTS {
        let open = format!("<{tag}");
        if let Some(i) = lower.find(&open) {
            let next = lower[i + open.len()..].chars().next();
            if next.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-') {
                bad.push(format!("raw <{tag} in output"));
            }
        }
    }
    if lower.contains("<!--") || lower.contains("<![cdata[") || lower.contains("<?") {
        bad.push("comment/CDATA/PI in output".into());
    }
    let dom = parse_fragment(html);
    let root = body(&dom);
    for n in dom.descendants(root).skip(1) {
        match dom.data(n) {
            NodeData::Comment => bad.push("comment node".into()),
            NodeData::Element(e) => {
                let tag = &*e.name.local;
                if e.name.ns != ns!(html) {
                    bad.push(format!("foreign element {tag}"));
                }
                if DENIED_ELEMENTS.contains(&tag) {
                    bad.push(format!("element <{tag}>"));
                }
                for a in &e.attrs {
                    let name = &*a.name.local;
                    let lname = name.to_ascii_lowercase();
                    if a.name.ns != ns!() || a.name.prefix.is_some() || lname.contains(':') {
                        bad.push(format!("namespaced attribute {name} on <{tag}>"));
                    }
                    if lname.starts_with("on") {
                        bad.push(format!("event handler {name} on <{tag}>"));
                    }
                    if matches!(
                        lname.as_str(),
                        "style" | "srcdoc" | "formaction" | "action" | "xlink:href" | "name"
                    ) {
                        bad.push(format!("attribute {name} on <{tag}>"));
                    }
                    if !ALLOWED_ATTRS.contains(&lname.as_str()) {
                        bad.push(format!("attribute {name} not on the allow-list (<{tag}>)"));
                    }
                    let v = &*a.value;
                    match lname.as_str() {
                        "href" | "cite" if !url_ok(v, false) => {
                            bad.push(format!("unsafe {name}={v:?} on <{tag}>"));
                        }
                        "src" if tag != "img" || !url_ok(v, true) => {
                            bad.push(format!("unsafe src={v:?} on <{tag}>"));
                        }
                        "srcset" => {
                            for cand in v.split(',') {
                                let url = cand.split_whitespace().next().unwrap_or("");
                                if !url.is_empty() && !url_ok(url, false) {
                                    bad.push(format!("unsafe srcset candidate {url:?}"));
                                }
                            }
                        }
                        "id" if !v.starts_with("t-") => {
                            bad.push(format!("unprefixed id {v:?}"));
                        }
                        "dir" if !matches!(v, "ltr" | "rtl" | "auto") => {
                            bad.push(format!("odd dir {v:?}"));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    bad
}

/// Long, ordinary paragraphs so the page scores as an article.
const PARA_A: &str = "The city council voted on Tuesday to extend the riverside park by another two kilometres, \
    a plan that residents have discussed for more than a decade and that engineers say can now be built \
    without moving the flood walls. Work is expected to begin in the spring and to take about three years, \
    with the first section opening to walkers and cyclists before the end of next summer.";
const PARA_B: &str = "Opponents of the plan said the money would be better spent on repairing roads in the \
    northern districts, where potholes have become a common complaint, and asked the council to publish \
    the full cost estimates before any contracts are signed. The mayor replied that the estimates would be \
    released next month, together with the results of the environmental survey of the riverbank.";
const PARA_C: &str = "Local businesses along the river welcomed the decision, saying that the existing part of \
    the park already brings visitors to their cafes and shops at weekends, and that a longer path would \
    link the old town with the new housing estates to the east. A public meeting about the design of the \
    bridges and the planting will be held at the library on the first Monday of the month.";

fn page(v: &str, doctype: bool) -> String {
    format!(
        "{}<html><head><title>Park extension approved | Daily</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Park extension approved</h1>\
         <p>{PARA_A}</p>{v}<p>{PARA_B} {v} {PARA_B}</p>\
         <div class=\"related-links share-buttons\">Related: {v}</div>\
         <p>{PARA_C}</p><blockquote>{v}<p>{PARA_A}</p></blockquote>\
         <table><tr><td>{v}</td><td>{PARA_C}</td></tr></table>\
         <p>{PARA_B}</p></article>\
         <footer>Copyright 2024 Daily. All Rights Reserved.</footer></body></html>",
        if doctype { "<!DOCTYPE html>" } else { "" }
    )
}

fn check_vector(v: &str, failures: &mut Vec<String>) {
    let once = tidings::sanitize_html(v, Some(BASE));
    for f in findings(&once) {
        failures.push(format!("sanitize_html({v:?}) -> {once:?}: {f}"));
    }
    let twice = tidings::sanitize_html(&once, Some(BASE));
    if twice != once {
        failures.push(format!(
            "not idempotent for {v:?}:\n  once:  {once:?}\n  twice: {twice:?}"
        ));
    }
    // Without a base URL, relative URLs go and absolute ones are still checked.
    let nobase = tidings::sanitize_html(v, None);
    for f in findings(&nobase) {
        failures.push(format!("sanitize_html({v:?}, None) -> {nobase:?}: {f}"));
    }
    let opts = tidings::Options {
        force: true,
        ..Default::default()
    };
    for doctype in [true, false] {
        let html = page(v, doctype);
        match tidings::extract(&html, Some(BASE), &opts) {
            Ok(a) => {
                for f in findings(&a.content) {
                    failures.push(format!(
                        "extract content for {v:?} (doctype {doctype}): {f}"
                    ));
                }
                for r in &a.removed {
                    for f in findings(&r.html) {
                        failures.push(format!(
                            "removed html ({}) for {v:?} (doctype {doctype}): {f}",
                            r.rule
                        ));
                    }
                }
                for img in a.lead_image.iter() {
                    if !url_ok(img, true) {
                        failures.push(format!("lead image {img:?} for {v:?}"));
                    }
                }
                for u in a.canonical_url.iter() {
                    if !url_ok(u, false) {
                        failures.push(format!("canonical url {u:?} for {v:?}"));
                    }
                }
            }
            Err(e) => failures.push(format!("extract failed for {v:?}: {}", e.code())),
        }
    }
}

#[test]
fn vector_table_is_large_enough() {
    let v = vectors();
    assert!(v.len() >= 120, "only {} vectors", v.len());
}

#[test]
fn xss_vectors_do_not_survive() {
    let mut failures = Vec::new();
    for v in vectors() {
        check_vector(&v, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} findings:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The checker itself must catch what it claims to catch.
#[test]
fn checker_flags_dangerous_markup() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" jav\tascript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<p style=\"x\">x</p>",
        "<svg></svg>",
        "<p id=\"x\">x</p>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<a href=\"#x\">x</a>",
        "<img srcset=\"https://a/x.png 1x, javascript:x 2x\">",
    ] {
        assert!(!findings(bad).is_empty(), "checker missed {bad:?}");
    }
    assert!(findings(
        "<p id=\"t-x\"><a href=\"https://a/\">x</a><img src=\"data:image/png;base64,AA\"></p>"
    )
    .is_empty());
}

/// Output details that the vectors rely on, spelled out.
#[test]
fn specific_outputs() {
    let s = |h: &str| tidings::sanitize_html(h, Some(BASE));
    assert_eq!(
        s("<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
        "<a rel=\"noopener noreferrer\">x</a>"
    );
    assert_eq!(
        s("<img src=x onerror=alert(1)>").matches("onerror").count(),
        0
    );
    assert_eq!(s("<p id=\"location\">x</p>"), "<p id=\"t-location\">x</p>");
    assert_eq!(
        s("<a href=\"#fn1\">1</a>"),
        "<a href=\"#t-fn1\" rel=\"noopener noreferrer\">1</a>"
    );
    // `<img>` breaks out of foreign content (as in browsers): an HTML image, without its handler.
    assert_eq!(
        s("<svg><style><img src=x onerror=alert(1)></style></svg>"),
        "<img src=\"https://example.com/a/x\" loading=\"lazy\" referrerpolicy=\"no-referrer\">"
    );
    assert_eq!(
        s("<svg><style><a title=\"</style><b>x</b>\">y</a></style></svg>"),
        ""
    );
    // Ids already in the `t-` namespace stay as they are (idempotence); others get the prefix.
    assert_eq!(s("<p id=\"t-fn1\">x</p>"), "<p id=\"t-fn1\">x</p>");
    // Nestings the parser would undo are written flat.
    assert_eq!(s("<p><marquee><p>x</p></marquee></p>"), "<p>x</p>\n");
    assert_eq!(s("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
    assert_eq!(
        s("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"),
        ""
    );
    assert_eq!(
        s("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    );
}

/// Inputs found by `scripts/fuzz.sh` (fuzz/), kept as regression cases.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    for entry in std::fs::read_dir(dir).expect("fuzz findings folder") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let html = String::from_utf8_lossy(&bytes);
        let once = tidings::sanitize_html(&html, Some(BASE));
        assert_eq!(
            tidings::sanitize_html(&once, Some(BASE)),
            once,
            "{}",
            path.display()
        );
        assert!(findings(&once).is_empty(), "{}", path.display());
        let opts = tidings::Options {
            force: true,
            ..Default::default()
        };
        if let Ok(a) = tidings::extract_bytes(&bytes, Some(BASE), &opts) {
            assert!(findings(&a.content).is_empty(), "{}", path.display());
        }
    }
}
