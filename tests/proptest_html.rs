//! Property tests: HTML-ish strings from a small grammar of tags, attributes,
//! text, entities, comments and stray markup never make `extract`,
//! `sanitize_html` or `readerable` panic, and sanitizing is idempotent.

use proptest::prelude::*;

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "a",
    "b",
    "i",
    "em",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "pre",
    "code",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "br",
    "hr",
    "script",
    "style",
    "noscript",
    "template",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "svg",
    "math",
    "mtext",
    "mglyph",
    "foreignObject",
    "desc",
    "select",
    "option",
    "form",
    "button",
    "marquee",
    "object",
    "details",
    "summary",
    "ruby",
    "rt",
    "rp",
    "caption",
    "section",
    "article",
    "nav",
    "aside",
    "footer",
    "header",
    "main",
    "head",
    "body",
    "html",
    "frameset",
    "plaintext",
];

const ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "id",
    "class",
    "style",
    "onerror",
    "onclick",
    "title",
    "alt",
    "name",
    "xlink:href",
    "cite",
    "width",
    "colspan",
    "dir",
    "lang",
    "hidden",
    "role",
    "data-src",
    "srcdoc",
    "formaction",
    "open",
    "start",
];

const VALUES: &[&str] = &[
    "x",
    "javascript:alert(1)",
    " jav&#x09;ascript:alert(1)",
    "https://example.com/a.png",
    "/rel/path",
    "#frag",
    "t-id",
    "data:image/png;base64,AA",
    "data:text/html,<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "rtl",
    "display:none",
    "12",
    "",
];

const TEXTS: &[&str] = &[
    "Some ordinary words of a sentence in a paragraph of text. ",
    "&amp;",
    "&lt;script&gt;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "&notin;",
    "<",
    ">",
    "\"",
    "\0",
    "\n",
    "\r\n",
    "   ",
    "中文内容，新华社北京电。",
    "<!--",
    "-->",
    "--!>",
    "<![CDATA[",
    "]]>",
    "<!doctype html>",
    "<?xml ?>",
    "</",
    "\u{202e}",
];

fn attr() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ATTRS),
        prop::sample::select(VALUES),
        0..3u8,
    )
        .prop_map(|(n, v, q)| match q {
            0 => format!(" {n}=\"{v}\""),
            1 => format!(" {n}='{v}'"),
            _ => format!(" {n}={}", v.replace(' ', "")),
        })
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(TAGS), prop::collection::vec(attr(), 0..3))
            .prop_map(|(t, a)| format!("<{t}{}>", a.concat())),
        2 => prop::sample::select(TAGS).prop_map(|t| format!("</{t}>")),
        3 => prop::sample::select(TEXTS).prop_map(str::to_string),
        1 => "[a-zA-Z <>/=\"'&#;!-]{0,12}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sanitize_is_idempotent_and_never_panics(html in document()) {
        let once = tidings::sanitize_html(&html, Some("https://example.com/a/"));
        let twice = tidings::sanitize_html(&once, Some("https://example.com/a/"));
        prop_assert_eq!(&twice, &once);
        let lower = once.to_ascii_lowercase();
        for bad in ["<script", "<style", "<svg", "<math", "<iframe", "<!--"] {
            prop_assert!(!lower.contains(bad), "{} in {:?}", bad, once);
        }
    }

    #[test]
    fn extract_and_readerable_never_panic(html in document()) {
        let _ = tidings::readerable(&html);
        let opts = tidings::Options { force: true, ..Default::default() };
        if let Ok(a) = tidings::extract(&html, Some("https://example.com/a/"), &opts) {
            let again = tidings::sanitize_html(&a.content, Some("https://example.com/a/"));
            let lower = again.to_ascii_lowercase();
            prop_assert!(!lower.contains("<script") && !lower.contains("<svg"));
        }
        let _ = tidings::extract_bytes(html.as_bytes(), None, &tidings::Options::default());
    }
}
