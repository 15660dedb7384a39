//! Picking the article block by hand: the page as an inert view whose
//! candidate blocks carry the path the core resolves again, and that path's
//! resolution when the reader extracts from the block a person chose.
//!
//! A path names a node of the page as parsed (before any cleaning), from
//! `body`, one step a level: `body>div:nth-of-type(2)>article:nth-of-type(1)`
//! (the tag and its place among the parent's children of that tag, as in
//! CSS, so a path can also be tried with `querySelector`).

use crate::dom::{Dom, NodeData, NodeId, SHADOW_MARK};
use crate::sanitize::{escape_attr, escape_text, is_dropped};
use html5ever::{local_name, ns, LocalName};

use super::prepare::{is_block, is_hidden};

/// The attribute carrying a block's path in the view.
pub const PATH_ATTR: &str = "data-tidings-path";
/// Most steps a path may have (deeper than the parse's depth limit allows).
const MAX_STEPS: usize = 1024;
/// Longest path accepted, in bytes.
const MAX_PATH_BYTES: usize = 32 * 1024;
/// A block with less text than this (in bytes) is not offered as a choice.
const MIN_BLOCK_TEXT: usize = 24;

/// Elements kept with their own tag in the view (everything else is a block
/// `div`, an unwrapped inline, or dropped).
const VIEW_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "code",
    "em",
    "i",
    "strong",
    "b",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "a",
];

/// Parses one step (`tag:nth-of-type(n)`).
fn parse_step(s: &str) -> Option<(&str, usize)> {
    let (tag, rest) = s.split_once(":nth-of-type(")?;
    let n: usize = rest.strip_suffix(')')?.parse().ok()?;
    let tag_ok = !tag.is_empty()
        && tag
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (tag_ok && n >= 1).then_some((tag, n))
}

/// The node a path names under `body`, if the page still has it.
pub fn resolve(dom: &Dom, body: NodeId, path: &str) -> Option<NodeId> {
    if path.len() > MAX_PATH_BYTES {
        return None;
    }
    let mut steps = path.trim().split('>').map(str::trim);
    if steps.next()? != "body" {
        return None;
    }
    let mut cur = body;
    for (i, s) in steps.enumerate() {
        if i >= MAX_STEPS {
            return None;
        }
        let (tag, n) = parse_step(s)?;
        cur = dom
            .child_elements(cur)
            .filter(|&c| dom.tag(c).is_some_and(|t| &**t == tag))
            .nth(n - 1)?;
    }
    Some(cur)
}

/// Whether an element is offered as a block to pick: a container (a
/// block element that is not a paragraph, heading or list item), a custom
/// element, or a flattened shadow root or frame.
fn is_container(dom: &Dom, id: NodeId) -> bool {
    let Some(tag) = dom.tag(id) else {
        return false;
    };
    match *tag {
        local_name!("p")
        | local_name!("li")
        | local_name!("dt")
        | local_name!("dd")
        | local_name!("hr")
        | local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("pre")
        | local_name!("table")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("dl") => false,
        local_name!("section") | local_name!("center") => true,
        _ => is_block(dom, id) || tag.contains('-') || dom.attr(id, SHADOW_MARK).is_some(),
    }
}

/// Whether the view leaves an element out with everything in it.
fn left_out(dom: &Dom, id: NodeId) -> bool {
    is_dropped(dom, id) || is_hidden(dom, id)
}

/// The page's body as inert HTML for picking a block: no script, no event
/// handler, no style, no link target, no image source (an image is its
/// alternative text in a `data-tidings-img` span, or nothing), nothing that
/// loads; the block structure kept, and each container with text carrying
/// its path in `data-tidings-path`. `None` when the page has no body.
pub fn view(dom: &Dom) -> Option<String> {
    let body = dom.body()?;
    // Text bytes under each node, children before parents (reverse document order).
    let order: Vec<NodeId> = dom.descendants(body).collect();
    let mut text = vec![0usize; dom.len()];
    for &n in order.iter().rev() {
        if dom.element(n).is_some() && left_out(dom, n) {
            continue;
        }
        let own = dom.text(n).map_or(0, |t| t.trim().len());
        let sum = text[n.index()] + own;
        if let Some(p) = dom.parent(n) {
            text[p.index()] += sum;
        }
        text[n.index()] = sum;
    }
    enum Step {
        /// An element or text, with its place among its parent's children of its tag.
        Enter(NodeId, usize),
        /// Leaving an element: the tag written for it, and the path's length before it.
        Leave(Option<&'static str>, usize),
    }
    let mut out = String::with_capacity(order.len() * 16);
    let mut path = String::from("body");
    let mut stack = vec![Step::Enter(body, 0)];
    while let Some(s) = stack.pop() {
        let (id, nth) = match s {
            Step::Leave(tag, len) => {
                if let Some(tag) = tag {
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
                path.truncate(len);
                continue;
            }
            Step::Enter(id, nth) => (id, nth),
        };
        let tag = match &dom.node(id).data {
            NodeData::Text(t) => {
                escape_text(t, &mut out);
                continue;
            }
            NodeData::Element(e) if e.name.ns == ns!(html) && !left_out(dom, id) => &e.name.local,
            _ => continue,
        };
        let before = path.len();
        if id != body {
            path.push('>');
            path.push_str(tag);
            path.push_str(":nth-of-type(");
            path.push_str(&nth.to_string());
            path.push(')');
        }
        let written: Option<&'static str> = if *tag == local_name!("img") {
            if let Some(alt) = dom.attr(id, "alt").map(str::trim).filter(|a| !a.is_empty()) {
                out.push_str("<span data-tidings-img=\"\">");
                escape_text(alt, &mut out);
                out.push_str("</span>");
            }
            path.truncate(before);
            continue;
        } else if id == body || is_container(dom, id) {
            out.push_str("<div");
            if text[id.index()] >= MIN_BLOCK_TEXT {
                for (name, value) in [(PATH_ATTR, path.as_str()), ("data-tidings-tag", &**tag)] {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    escape_attr(value, &mut out);
                    out.push('"');
                }
            }
            Some("div")
        } else {
            VIEW_TAGS
                .iter()
                .copied()
                .find(|t| *t == &**tag)
                .inspect(|t| {
                    out.push('<');
                    out.push_str(t);
                    for a in ["lang", "dir"] {
                        if let Some(v) = dom.attr(id, a) {
                            out.push(' ');
                            out.push_str(a);
                            out.push_str("=\"");
                            escape_attr(v, &mut out);
                            out.push('"');
                        }
                    }
                })
        };
        if written.is_some() {
            out.push('>');
        }
        if matches!(written, Some("br" | "hr")) {
            path.truncate(before);
            continue;
        }
        stack.push(Step::Leave(written, before));
        // Each child's place among its parent's children of the same tag.
        let mut seen: Vec<(&LocalName, usize)> = Vec::new();
        let kids: Vec<(NodeId, usize)> = dom
            .children(id)
            .map(|k| {
                let n = dom
                    .tag(k)
                    .map_or(0, |t| match seen.iter_mut().find(|(s, _)| *s == t) {
                        Some((_, c)) => {
                            *c += 1;
                            *c
                        }
                        None => {
                            seen.push((t, 1));
                            1
                        }
                    });
                (k, n)
            })
            .collect();
        stack.extend(kids.into_iter().rev().map(|(k, n)| Step::Enter(k, n)));
    }
    Some(out)
}

/// The path of `id` (an element under `body`), as [`view`] writes it.
#[cfg(test)]
pub fn path_of(dom: &Dom, body: NodeId, id: NodeId) -> Option<String> {
    let mut steps = Vec::new();
    let mut cur = id;
    while cur != body {
        let parent = dom.parent(cur)?;
        let tag = dom.tag(cur)?;
        let n = dom
            .child_elements(parent)
            .take_while(|&c| c != cur)
            .filter(|&c| dom.tag(c) == Some(tag))
            .count()
            + 1;
        steps.push(format!("{tag}:nth-of-type({n})"));
        cur = parent;
    }
    steps.push("body".to_string());
    steps.reverse();
    Some(steps.join(">"))
}

#[cfg(test)]
mod tests {
    use super::{path_of, resolve, view, PATH_ATTR};
    use crate::dom::{parse, Limits};

    const PAGE: &str = r#"<body><header><nav><a href="/">Home</a> and some more links here</nav></header>
        <div id="a"><p>one</p></div><div><section><article><h1>Title</h1><p>The text of the article, long enough to be a block.</p>
        <img src="x.png" alt="A harbour" onerror="alert(1)"><script>alert(2)</script></article></section></div>
        <x-box><div data-tidings-shadow="open"><p>Shadow text long enough to be offered as a block.</p></div></x-box></body>"#;

    fn dom() -> crate::dom::Dom {
        parse(
            PAGE,
            &Limits {
                max_nodes: 10_000,
                max_depth: 256,
                max_attributes: 100,
            },
        )
        .unwrap()
    }

    #[test]
    fn every_element_path_resolves_to_itself() {
        let dom = dom();
        let body = dom.body().unwrap();
        for n in dom.descendants(body).filter(|&n| dom.element(n).is_some()) {
            let path = path_of(&dom, body, n).unwrap();
            assert_eq!(resolve(&dom, body, &path), Some(n), "{path}");
        }
        assert_eq!(
            path_of(
                &dom,
                body,
                dom.descendants(body)
                    .find(|&n| dom.is(n, &html5ever::local_name!("article")))
                    .unwrap()
            )
            .unwrap(),
            "body>div:nth-of-type(2)>section:nth-of-type(1)>article:nth-of-type(1)"
        );
    }

    #[test]
    fn the_view_is_inert_and_names_the_paths_path_of_gives() {
        let dom = dom();
        let out = view(&dom).unwrap();
        assert!(
            !out.contains("<script")
                && !out.contains("onerror")
                && !out.contains("src=")
                && !out.contains("href="),
            "{out}"
        );
        assert!(
            out.contains(r#"<span data-tidings-img="">A harbour</span>"#),
            "{out}"
        );
        assert!(out.contains(&format!(
            r#"{PATH_ATTR}="body&gt;div:nth-of-type(2)&gt;section:nth-of-type(1)&gt;article:nth-of-type(1)" data-tidings-tag="article""#
        )), "{out}");
        // The flattened shadow root and its host are blocks to pick; the short `div#a` is not offered.
        assert!(
            out.contains(
                r#"body&gt;x-box:nth-of-type(1)&gt;div:nth-of-type(1)" data-tidings-tag="div""#
            ),
            "{out}"
        );
        assert!(!out.contains(r#"body&gt;div:nth-of-type(1)""#), "{out}");
    }

    #[test]
    fn malformed_paths_resolve_to_nothing() {
        let dom = dom();
        let body = dom.body().unwrap();
        for bad in [
            "",
            "html",
            "body>",
            "body>div",
            "body>div:nth-of-type(0)",
            "body>div:nth-of-type(3)",
            "body>DIV:nth-of-type(1)",
            "body>div:nth-of-type(1)x",
        ] {
            assert_eq!(resolve(&dom, body, bad), None, "{bad:?}");
        }
        assert_eq!(resolve(&dom, body, "body"), Some(body));
    }
}
