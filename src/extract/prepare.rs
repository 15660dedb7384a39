//! First pass over the parsed page: drop what is never content (scripts,
//! styles, hidden nodes, form controls), repair lazy-loaded images, set aside
//! blocks whose class or role says "not the article", and turn text-holding
//! `div`s into paragraphs so they can be scored.

use crate::dom::{Dom, NodeData, NodeId};
use crate::rules::candidates::{MAYBE, POSITIVE, SIGNS, UNLIKELY, UNLIKELY_ROLES};
use crate::rules::keywords::{Boundary, KeywordSet, Keywords};
use html5ever::{local_name, ns, LocalName};
use std::sync::LazyLock;

/// Elements dropped with everything inside them.
const NEVER_CONTENT: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("link"),
    local_name!("meta"),
    local_name!("template"),
    local_name!("object"),
    local_name!("embed"),
    local_name!("applet"),
    local_name!("canvas"),
    local_name!("button"),
    local_name!("input"),
    local_name!("select"),
    local_name!("textarea"),
    local_name!("option"),
    local_name!("dialog"),
    local_name!("head"),
    local_name!("title"),
    local_name!("frameset"),
    local_name!("frame"),
    local_name!("noframes"),
    local_name!("map"),
];

/// Class tokens of visually hidden helpers.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screenreader-only",
    "d-none",
];

/// Fragments of generated class names for screen-reader-only text
/// ("ssrcss-1f39n02-VisuallyHidden"): matched inside a class token.
const HIDDEN_CLASS_PARTS: Keywords = Keywords {
    words: &[
        "visuallyhidden",
        "visually-hidden",
        "screenreaderonly",
        "sr-only",
    ],
    boundary: Boundary::Anywhere,
};

/// [`HIDDEN_CLASS_PARTS`] as a set: one pass over a class attribute (the
/// fragments hold no white space, so none can span two tokens).
static HIDDEN_PARTS: LazyLock<KeywordSet> =
    LazyLock::new(|| KeywordSet::of(&[&HIDDEN_CLASS_PARTS]));

/// Attributes that lazy-loading scripts keep the real image URL in.
const LAZY_SRC: &[&str] = &[
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-actualsrc",
    "data-url",
    "data-hi-res-src",
    "data-original-src",
    "data-echo",
    "data-lazyload",
    "file",
];
const LAZY_SRCSET: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-set"];

/// Hosts whose iframes are embedded videos, kept as links.
const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "player.bilibili.com",
    "v.qq.com",
    "dailymotion.com",
    "player.youku.com",
    "ted.com",
    "tv.sohu.com",
];

/// Whether `id` is a block-level element: a `div` holding none of these is
/// really a paragraph. (A `match`, not a list: asked of every node, up to
/// three times a page.)
pub fn is_block(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id).is_some_and(|t| {
        matches!(
            *t,
            local_name!("address")
                | local_name!("article")
                | local_name!("aside")
                | local_name!("blockquote")
                | local_name!("details")
                | local_name!("div")
                | local_name!("dl")
                | local_name!("fieldset")
                | local_name!("figure")
                | local_name!("footer")
                | local_name!("form")
                | local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6")
                | local_name!("header")
                | local_name!("hr")
                | local_name!("li")
                | local_name!("main")
                | local_name!("nav")
                | local_name!("ol")
                | local_name!("p")
                | local_name!("pre")
                | local_name!("section")
                | local_name!("table")
                | local_name!("ul")
                | local_name!("figcaption")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("tr")
                | local_name!("td")
                | local_name!("th")
                | local_name!("tbody")
                | local_name!("thead")
        )
    })
}

/// A block set aside as unlikely content, with where it was, so it can be put back.
pub struct SetAside {
    node: NodeId,
    parent: NodeId,
    next: Option<NodeId>,
}

impl SetAside {
    /// The block set aside.
    pub fn node(&self) -> NodeId {
        self.node
    }
}

/// Runs the pass over `root`. Returns the blocks set aside as unlikely.
pub fn run(dom: &mut Dom, root: NodeId, base: Option<&url::Url>) -> Vec<SetAside> {
    let mut aside = Vec::new();
    let mut cur = Some(root);
    while let Some(id) = cur {
        match decide(dom, id) {
            Action::Drop => {
                cur = dom.next_skipping_children(root, id);
                dom.detach(id);
            }
            Action::SetAside => {
                cur = dom.next_skipping_children(root, id);
                if let Some(parent) = dom.parent(id) {
                    aside.push(SetAside {
                        node: id,
                        parent,
                        next: dom.next_sibling(id),
                    });
                    dom.detach(id);
                }
            }
            Action::Keep => {
                if dom.is(id, &local_name!("img")) {
                    fix_lazy_image(dom, id);
                } else if dom.is(id, &local_name!("noscript")) {
                    let next = dom.next_skipping_children(root, id);
                    noscript_image(dom, id);
                    cur = next;
                    continue;
                } else if dom.is(id, &local_name!("iframe")) {
                    let next = dom.next_skipping_children(root, id);
                    video_link(dom, id, base);
                    cur = next;
                    continue;
                }
                cur = match dom.first_child(id) {
                    Some(c) => Some(c),
                    None => dom.next_skipping_children(root, id),
                };
            }
        }
    }
    aside
}

/// Puts set-aside blocks back where they were (for the fallback pass).
pub fn restore(dom: &mut Dom, aside: Vec<SetAside>) {
    for s in aside.into_iter().rev() {
        match s.next {
            Some(n) if dom.parent(n) == Some(s.parent) => dom.insert_before(n, s.node),
            _ => dom.append(s.parent, s.node),
        }
    }
}

enum Action {
    Keep,
    Drop,
    SetAside,
}

fn decide(dom: &Dom, id: NodeId) -> Action {
    match &dom.node(id).data {
        NodeData::Comment | NodeData::Doctype => return Action::Drop,
        NodeData::Element(e) if e.name.ns != ns!(html) => {
            // SVG icons and MathML: not kept in this version (see sanitize).
            return Action::Drop;
        }
        NodeData::Element(_) => {}
        _ => return Action::Keep,
    }
    let tag = dom.tag(id).expect("html element");
    if NEVER_CONTENT.contains(tag) {
        return Action::Drop;
    }
    if is_hidden(dom, id) {
        return Action::Drop;
    }
    if matches!(
        *tag,
        local_name!("body")
            | local_name!("html")
            | local_name!("a")
            | local_name!("main")
            | local_name!("article")
    ) {
        return Action::Keep;
    }
    let role = dom.attr_named(id, &local_name!("role")).unwrap_or("");
    if UNLIKELY_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
        return Action::SetAside;
    }
    if matches!(*tag, local_name!("nav") | local_name!("aside")) {
        return Action::SetAside;
    }
    if matches!(*tag, local_name!("footer") | local_name!("header"))
        && !inside(dom, id, &[local_name!("article")])
    {
        return Action::SetAside;
    }
    let (class, ident) = (
        dom.attr_named(id, &local_name!("class")),
        dom.attr_named(id, &local_name!("id")),
    );
    let hits =
        |set: &KeywordSet| class.map_or(0, |v| set.hits(v)) | ident.map_or(0, |v| set.hits(v));
    if hits(&UNLIKELY) != 0
        && hits(&SIGNS) & (MAYBE | POSITIVE) == 0
        && !inside(
            dom,
            id,
            &[
                local_name!("table"),
                local_name!("code"),
                local_name!("pre"),
            ],
        )
    {
        return Action::SetAside;
    }
    Action::Keep
}

fn inside(dom: &Dom, id: NodeId, tags: &[LocalName]) -> bool {
    dom.ancestors(id)
        .any(|a| dom.tag(a).is_some_and(|t| tags.contains(t)))
}

pub(crate) fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr_named(id, &local_name!("hidden")).is_some()
        || dom
            .attr_named(id, &local_name!("aria-hidden"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        // Some sites mark a figure's image aria-hidden; keep images.
        return !dom.is(id, &local_name!("img")) && !dom.is(id, &local_name!("figure"));
    }
    if let Some(style) = dom.attr_named(id, &local_name!("style")) {
        // As CSS reads it here: white space gone, ASCII case folded.
        let s: Vec<u8> = style
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_lowercase())
            .collect();
        if memchr::memmem::find(&s, b"display:none").is_some() {
            return true;
        }
        // Some platforms (WeChat's #js_content) keep the article container
        // `visibility:hidden` until a script shows it: keep content-named containers.
        if memchr::memmem::find(&s, b"visibility:hidden").is_some()
            && !["class", "id"].iter().any(|a| {
                dom.attr(id, a)
                    .is_some_and(|v| SIGNS.hits(v) & POSITIVE != 0)
            })
        {
            return true;
        }
    }
    if let Some(class) = dom.attr_named(id, &local_name!("class")) {
        let hidden_token = |c: &[u8]| {
            HIDDEN_CLASSES
                .iter()
                .any(|h| c.eq_ignore_ascii_case(h.as_bytes()))
        };
        let token_hidden = if class.is_ascii() {
            // The white space `split_whitespace` splits ASCII text at, without decoding it.
            class
                .as_bytes()
                .split(|b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
                .any(hidden_token)
        } else {
            class.split_whitespace().any(|c| hidden_token(c.as_bytes()))
        };
        if token_hidden || HIDDEN_PARTS.hits(class) != 0 {
            return true;
        }
    }
    false
}

/// Parts of a placeholder image's URL (a 1×1 gif, a spinner, a lazy-loading stub).
const PLACEHOLDER_PARTS: Keywords = Keywords {
    words: &[
        "blank.gif",
        "spacer.gif",
        "pixel.gif",
        "placeholder",
        "lazy",
        "loading.gif",
        "grey.gif",
        "1x1",
    ],
    boundary: Boundary::Anywhere,
};

/// [`PLACEHOLDER_PARTS`] as a set: one pass over a URL, which may be a long `data:` URI.
static PLACEHOLDERS: LazyLock<KeywordSet> = LazyLock::new(|| KeywordSet::of(&[&PLACEHOLDER_PARTS]));

/// Whether a `src` is a placeholder (1×1 gif, short data URI, spinner) rather than a real image URL.
fn is_placeholder(src: &str) -> bool {
    let s = src.trim();
    s.is_empty() || (s.starts_with("data:") && s.len() < 200) || PLACEHOLDERS.hits(s) != 0
}

fn fix_lazy_image(dom: &mut Dom, id: NodeId) {
    let mut placeholder = dom.attr(id, "src").is_none_or(is_placeholder);
    if placeholder {
        if let Some(real) = LAZY_SRC
            .iter()
            .find_map(|a| dom.attr(id, a).filter(|v| !is_placeholder(v)))
        {
            let real = real.to_string();
            dom.set_attr(id, "src", &real);
            placeholder = false;
        }
    }
    if dom.attr(id, "srcset").is_none() {
        if let Some(set) = LAZY_SRCSET.iter().find_map(|a| dom.attr(id, a)) {
            let set = set.to_string();
            dom.set_attr(id, "srcset", &set);
        }
    }
    if placeholder {
        // Only a srcset: take its first candidate as src.
        if let Some(first) = dom
            .attr(id, "srcset")
            .and_then(|s| s.split(',').next())
            .and_then(|c| c.split_whitespace().next())
        {
            let first = first.to_string();
            dom.set_attr(id, "src", &first);
        }
    }
}

/// `<noscript><img></noscript>` after a placeholder image: the noscript copy wins.
/// Other noscript content ("please enable JavaScript") is dropped.
fn noscript_image(dom: &mut Dom, id: NodeId) {
    let img = dom
        .descendants(id)
        .find(|&n| dom.is(n, &local_name!("img")));
    match img {
        Some(img) => {
            fix_lazy_image(dom, img);
            let prev = dom.prev_sibling(id).and_then(|p| {
                if dom.is(p, &local_name!("img")) {
                    Some(p)
                } else {
                    dom.descendants(p)
                        .find(|&n| dom.is(n, &local_name!("img")))
                        .filter(|_| dom.text_content(p).trim().is_empty())
                }
            });
            if let Some(p) = prev {
                dom.detach(p);
            }
            dom.insert_before(id, img);
            dom.detach(id);
        }
        None => dom.detach(id),
    }
}

/// An embedded video becomes a link to it; other iframes go.
fn video_link(dom: &mut Dom, id: NodeId, base: Option<&url::Url>) {
    let src = dom
        .attr(id, "src")
        .or_else(|| dom.attr(id, "data-src"))
        .unwrap_or("")
        .to_string();
    let abs = crate::sanitize::absolute(&src, base);
    let host = abs
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string));
    match (abs, host) {
        (Some(abs), Some(host))
            if VIDEO_HOSTS
                .iter()
                .any(|v| host == *v || host.ends_with(&format!(".{v}"))) =>
        {
            let p = dom.create_element(local_name!("p"));
            let a = dom.create_element(local_name!("a"));
            dom.set_attr(a, "href", &abs);
            let label = format!("Video: {}", host.trim_start_matches("www."));
            let t = dom.create_text(&label);
            dom.append(a, t);
            dom.append(p, a);
            dom.insert_before(id, p);
            dom.detach(id);
        }
        _ => dom.detach(id),
    }
}

/// Turns text-holding `div`s into paragraphs and wraps loose inline runs
/// (split at `<br><br>`) into paragraphs, so scoring sees real blocks.
pub fn paragraphs(dom: &mut Dom, root: NodeId) {
    let order: Vec<NodeId> = dom.descendants(root).collect();
    // has_block[i]: the element holds a block element somewhere inside.
    let has_block = dom.contains_matching(root, is_block);
    for &id in &order {
        if dom.is(id, &local_name!("p")) && dom.parent(id).is_some() && has_double_br(dom, id) {
            // Paragraphs separated only by <br><br> inside one <p>.
            dom.rename(id, local_name!("div"));
            wrap_inline_runs(dom, id);
            continue;
        }
        if !matches!(
            dom.tag(id),
            Some(&local_name!("div"))
                | Some(&local_name!("section"))
                | Some(&local_name!("article"))
                | Some(&local_name!("main"))
                | Some(&local_name!("td"))
                | Some(&local_name!("font"))
                | Some(&local_name!("center"))
                | Some(&local_name!("span"))
        ) {
            continue;
        }
        if dom.parent(id).is_none() {
            continue;
        }
        let block_inside = has_block[id.index()];
        let is_div = dom.is(id, &local_name!("div"));
        if is_div && !block_inside {
            if has_double_br(dom, id) {
                wrap_inline_runs(dom, id);
            } else if dom.has_text(id) {
                dom.rename(id, local_name!("p"));
            }
            continue;
        }
        if block_inside && !dom.is(id, &local_name!("span")) {
            wrap_inline_runs(dom, id);
        }
    }
}

/// Whether the element's children hold two `<br>`s with only whitespace between.
fn has_double_br(dom: &Dom, id: NodeId) -> bool {
    let mut last_br = false;
    for c in dom.children(id) {
        if dom.is(c, &local_name!("br")) {
            if last_br {
                return true;
            }
            last_br = true;
        } else if !dom.text(c).is_some_and(|t| t.trim().is_empty()) {
            last_br = false;
        }
    }
    false
}

fn wrap_inline_runs(dom: &mut Dom, id: NodeId) {
    let children: Vec<NodeId> = dom.children(id).collect();
    let mut run: Vec<NodeId> = Vec::new();
    let flush = |dom: &mut Dom, run: &mut Vec<NodeId>| {
        let has_text = run.iter().any(|&n| match dom.text(n) {
            Some(t) => !t.trim().is_empty(),
            None => dom.element(n).is_some() && !dom.is(n, &local_name!("br")),
        });
        if has_text {
            let p = dom.create_element(local_name!("p"));
            dom.insert_before(run[0], p);
            for &n in run.iter() {
                dom.append(p, n);
            }
        }
        run.clear();
    };
    let mut i = 0;
    while i < children.len() {
        let c = children[i];
        if is_block(dom, c) {
            flush(dom, &mut run);
        } else if dom.is(c, &local_name!("br")) {
            // <br><br> (with only whitespace between) ends a paragraph.
            let mut j = i + 1;
            while j < children.len() && dom.text(children[j]).is_some_and(|t| t.trim().is_empty()) {
                j += 1;
            }
            if j < children.len() && dom.is(children[j], &local_name!("br")) {
                flush(dom, &mut run);
                dom.detach(c);
                i = j;
                dom.detach(children[j]);
                i += 1;
                continue;
            }
            run.push(c);
        } else {
            run.push(c);
        }
        i += 1;
    }
    flush(dom, &mut run);
}
