//! The only way HTML leaves the crate: an allow-list serializer. Elements not
//! on the list are unwrapped (their text stays) or, if dangerous, dropped with
//! their content; attributes are allow-listed per element; URLs are made
//! absolute and limited to safe schemes. Output is safe to insert with
//! `innerHTML` into a page that also has a strict CSP.

use crate::dom::{Dom, NodeData, NodeId};
use html5ever::{local_name, ns, LocalName};

/// Elements kept as they are (with their allowed attributes).
const ALLOWED: &[LocalName] = &[
    local_name!("p"),
    local_name!("br"),
    local_name!("hr"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
    local_name!("ul"),
    local_name!("ol"),
    local_name!("li"),
    local_name!("dl"),
    local_name!("dt"),
    local_name!("dd"),
    local_name!("blockquote"),
    local_name!("q"),
    local_name!("cite"),
    local_name!("pre"),
    local_name!("code"),
    local_name!("kbd"),
    local_name!("samp"),
    local_name!("var"),
    local_name!("em"),
    local_name!("i"),
    local_name!("strong"),
    local_name!("b"),
    local_name!("u"),
    local_name!("s"),
    local_name!("del"),
    local_name!("ins"),
    local_name!("mark"),
    local_name!("small"),
    local_name!("sub"),
    local_name!("sup"),
    local_name!("abbr"),
    local_name!("time"),
    local_name!("a"),
    local_name!("img"),
    local_name!("figure"),
    local_name!("figcaption"),
    local_name!("table"),
    local_name!("thead"),
    local_name!("tbody"),
    local_name!("tfoot"),
    local_name!("tr"),
    local_name!("th"),
    local_name!("td"),
    local_name!("caption"),
    local_name!("details"),
    local_name!("summary"),
    local_name!("ruby"),
    local_name!("rt"),
    local_name!("rp"),
    local_name!("bdi"),
    local_name!("wbr"),
    local_name!("section"),
    local_name!("aside"),
];

/// Elements dropped with everything inside (code, embedded documents, forms, metadata).
const DROPPED: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("iframe"),
    local_name!("frame"),
    local_name!("frameset"),
    local_name!("object"),
    local_name!("embed"),
    local_name!("applet"),
    local_name!("form"),
    local_name!("input"),
    local_name!("button"),
    local_name!("select"),
    local_name!("textarea"),
    local_name!("option"),
    local_name!("meta"),
    local_name!("base"),
    local_name!("link"),
    local_name!("template"),
    local_name!("noscript"),
    local_name!("title"),
    local_name!("head"),
    local_name!("svg"),
    local_name!("math"),
    local_name!("canvas"),
    local_name!("audio"),
    local_name!("video"),
    local_name!("source"),
    local_name!("track"),
    local_name!("param"),
    local_name!("dialog"),
    local_name!("xmp"),
    local_name!("plaintext"),
    local_name!("noembed"),
    local_name!("noframes"),
    local_name!("slot"),
];

/// Attributes kept on any allowed element.
/// `id`s are prefixed (`t-…`) so page ids cannot clobber the reader page's own names;
/// fragment links are rewritten to match, so footnotes still work.
const GLOBAL_ATTRS: &[&str] = &["lang", "dir", "title", "id", "role"];

/// `role` values kept (DPUB-ARIA notes: the reader finds footnote references and their notes by
/// them); any other role is dropped, so a page cannot make its text look like the reader's controls.
const ROLES: &[&str] = &[
    "doc-noteref",
    "doc-footnote",
    "doc-endnote",
    "doc-endnotes",
    "doc-backlink",
];

/// Prefix for ids carried over from the page.
pub const ID_PREFIX: &str = "t-";

/// Attributes kept per element; URL attributes are checked separately.
fn element_attrs(tag: &LocalName) -> &'static [&'static str] {
    match *tag {
        local_name!("a") => &["href"],
        local_name!("img") => &["src", "alt", "width", "height", "srcset"],
        local_name!("td") | local_name!("th") => &["colspan", "rowspan", "headers", "scope"],
        local_name!("ol") => &["start", "reversed", "type"],
        local_name!("li") => &["value"],
        local_name!("time") => &["datetime"],
        local_name!("abbr") => &[],
        local_name!("blockquote") | local_name!("q") | local_name!("del") | local_name!("ins") => {
            &["cite"]
        }
        local_name!("details") => &["open"],
        _ => &[],
    }
}

/// Whether an element is dropped with its content.
pub fn is_dropped(dom: &Dom, id: NodeId) -> bool {
    match &dom.node(id).data {
        NodeData::Element(e) => e.name.ns != ns!(html) || DROPPED.contains(&e.name.local),
        NodeData::Comment | NodeData::Doctype => true,
        _ => false,
    }
}

/// An id (or fragment) in the `t-` namespace. Already prefixed ones are left
/// as they are, so sanitizing sanitized HTML (restored blocks) keeps links and
/// targets matching; every id written still starts with the prefix.
fn prefixed_id(id: &str) -> String {
    if id.starts_with(ID_PREFIX) {
        id.to_string()
    } else {
        format!("{ID_PREFIX}{id}")
    }
}

/// Makes a URL absolute against `base` and keeps it only with a safe scheme
/// (http, https, mailto). Fragment-only links stay as they are (footnotes).
pub fn absolute(raw: &str, base: Option<&url::Url>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Some(frag) = raw.strip_prefix('#') {
        return Some(format!("#{}", prefixed_id(frag)));
    }
    if is_plain_web_url(raw) {
        return Some(raw.to_string());
    }
    if let Some(joined) = base.and_then(|b| join_plain_root_path(b, raw)) {
        return Some(joined);
    }
    let parsed = match base {
        // A Unicode host ("http://Bücher.example/"): the url crate's ASCII-only IDNA refuses it.
        _ if crate::pageurl::has_non_ascii_host(raw) => crate::pageurl::parse(raw).ok()?,
        Some(b) => b.join(raw).ok()?,
        None => url::Url::parse(raw).ok()?,
    };
    match parsed.scheme() {
        "http" | "https" | "mailto" => Some(parsed.to_string()),
        _ => None,
    }
}

/// Whether `raw` is an absolute http(s) URL the URL parser would write back
/// unchanged, whatever the base: lower-case scheme and host, no user, port,
/// IP address or punycode, a path, and only characters no part of the URL
/// escapes or rewrites. Most links and image URLs are; they skip the parser.
fn is_plain_web_url(raw: &str) -> bool {
    let Some(rest) = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
    else {
        return false;
    };
    let Some(slash) = rest.find('/') else {
        return false; // the parser adds the root path
    };
    let (host, path) = rest.split_at(slash);
    let host_ok = host
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && host.split('.').all(|label| !label.is_empty() && !label.starts_with("xn--"))
        // A last label that starts with a digit may make the host an IPv4 address.
        && host.rsplit('.').next().is_some_and(|l| l.as_bytes()[0].is_ascii_lowercase());
    host_ok && is_plain_path(path)
}

/// Whether a path (with any query and fragment) starting with `/` reads back
/// unchanged: only characters no part of a URL escapes, no dot segments.
fn is_plain_path(path: &str) -> bool {
    path.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+'
                    | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'%' | b'?' | b'#'
            )
    })
        // Dot segments are resolved, and `%2e` is read as a dot in them.
        && !path.contains("/.")
        && !path.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"%2e"))
}

/// `raw`, a root-relative reference (`/path?query#fragment`) that reads back
/// unchanged, resolved against an http(s) `base`: the base's origin, then
/// `raw` as it is. `None` for anything else.
fn join_plain_root_path(base: &url::Url, raw: &str) -> Option<String> {
    let plain = matches!(base.scheme(), "http" | "https")
        && raw.starts_with('/')
        && !raw.starts_with("//")
        && is_plain_path(raw);
    plain.then(|| format!("{}{raw}", &base[..url::Position::BeforePath]))
}

/// `data:image/…` URLs of raster formats are allowed in `img src` only.
fn safe_data_image(raw: &str) -> bool {
    let b = raw.trim().as_bytes();
    [
        "data:image/png",
        "data:image/jpeg",
        "data:image/jpg",
        "data:image/gif",
        "data:image/webp",
        "data:image/avif",
    ]
    .iter()
    .any(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

pub(crate) fn escape_text(s: &str, out: &mut String) {
    escape(s, out, false);
}

pub(crate) fn escape_attr(s: &str, out: &mut String) {
    escape(s, out, true);
}

/// Bytes that start something to escape: in text (`false`) or attributes (`true`).
const SPECIAL: [[bool; 256]; 2] = {
    let mut t = [[false; 256]; 2];
    let mut k = 0;
    while k < 2 {
        t[k][b'&' as usize] = true;
        t[k][b'<' as usize] = true;
        t[k][b'>' as usize] = true;
        t[k][b'\r' as usize] = true;
        t[k][0] = true;
        k += 1;
    }
    t[0][0xC2] = true; // U+00A0 in text
    t[1][b'"' as usize] = true;
    t
};

/// Writes `s` escaped for text (`attr` false) or a double-quoted attribute
/// value: `&`, `<`, `>` as entities, `"` too in attributes, U+00A0 as
/// `&nbsp;` in text, CR as `&#13;` (a literal CR would be read back as LF),
/// NUL dropped. The runs between those bytes are copied whole.
fn escape(s: &str, out: &mut String, attr: bool) {
    let special = &SPECIAL[usize::from(attr)];
    let b = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        if !special[usize::from(b[i])] {
            i += 1;
            continue;
        }
        let (entity, len) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'\r' => ("&#13;", 1),
            b'"' => ("&quot;", 1),
            0 => ("", 1),
            // 0xC2: U+00A0 or another character of that lead byte.
            _ if b.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        // `i` is at an ASCII byte or a lead byte: a character boundary.
        out.push_str(&s[start..i]);
        out.push_str(entity);
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
}

const VOID: &[LocalName] = &[
    local_name!("br"),
    local_name!("hr"),
    local_name!("img"),
    local_name!("wbr"),
];

/// Kept elements that are phrasing content: the only kept elements that an
/// HTML parser leaves inside a `<p>` (any other one closes the paragraph).
const PHRASING: &[LocalName] = &[
    local_name!("br"),
    local_name!("code"),
    local_name!("kbd"),
    local_name!("samp"),
    local_name!("var"),
    local_name!("em"),
    local_name!("i"),
    local_name!("strong"),
    local_name!("b"),
    local_name!("u"),
    local_name!("s"),
    local_name!("del"),
    local_name!("ins"),
    local_name!("mark"),
    local_name!("small"),
    local_name!("sub"),
    local_name!("sup"),
    local_name!("abbr"),
    local_name!("time"),
    local_name!("a"),
    local_name!("img"),
    local_name!("q"),
    local_name!("cite"),
    local_name!("ruby"),
    local_name!("rt"),
    local_name!("rp"),
    local_name!("bdi"),
    local_name!("wbr"),
];

fn is_heading(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Whether writing `tag` inside the kept elements `open` (outermost first)
/// would be re-parsed into a different tree. A parsed DOM can hold such
/// nestings (through unwrapped elements such as `<marquee>`, scope markers,
/// quirks mode, or our own tree edits), and the serializer drops the
/// elements in between: the inner element is then written without its tag,
/// so the output parses back to what was written (no mutation on re-parse,
/// and sanitizing is idempotent).
fn misnested(open: &[LocalName], tag: &LocalName) -> bool {
    // The nearest open list item of the same family, with no other special element in between.
    let closes_item = |closers: &[LocalName]| {
        for t in open.iter().rev() {
            if closers.contains(t) {
                return true;
            }
            if !PHRASING.contains(t) && *t != local_name!("p") {
                return false;
            }
        }
        false
    };
    match *tag {
        local_name!("a") => open.contains(&local_name!("a")),
        local_name!("li") => closes_item(&[local_name!("li")]),
        local_name!("dt") | local_name!("dd") => {
            closes_item(&[local_name!("dt"), local_name!("dd")])
        }
        local_name!("rt") | local_name!("rp") => open.last() != Some(&local_name!("ruby")),
        _ if is_heading(tag) => open.iter().any(is_heading),
        _ => false,
    }
}

/// Whether a kept `<p>` holds a kept element that is not phrasing content (a
/// block, a list, a table, another `p`): re-parsed, that element would close
/// the paragraph, so the `<p>` is written without its tag. Each node is
/// visited by at most one such scan (a scan stops at the first block it
/// meets), so the cost stays linear.
fn p_holds_block(dom: &Dom, p: NodeId) -> bool {
    let mut it = dom.descendants(p);
    it.next();
    while let Some(n) = it.next() {
        if is_dropped(dom, n) {
            it.skip_children_of(n);
            continue;
        }
        if let Some(tag) = dom.tag(n).and_then(output_tag) {
            if !PHRASING.contains(&tag) {
                return true;
            }
        }
    }
    false
}

/// Serializes the children of `root` (or `root` itself with `include_root`) as sanitized HTML.
pub fn serialize(dom: &Dom, root: NodeId, include_root: bool, base: Option<&url::Url>) -> String {
    enum Step {
        Enter(NodeId),
        /// Leaving an element: the tag written for it, if one was.
        Leave(NodeId, Option<LocalName>),
    }
    let mut out = String::new();
    // Explicit stack so depth costs heap, not call stack.
    let mut stack: Vec<Step> = Vec::new();
    // Tags written and not yet closed, outermost first.
    let mut open: Vec<LocalName> = Vec::new();
    // Where the content of the last `<pre>` written starts.
    let mut pre_opened_at: Option<usize> = None;
    if include_root {
        stack.push(Step::Enter(root));
    } else {
        let kids: Vec<NodeId> = dom.children(root).collect();
        stack.extend(kids.into_iter().rev().map(Step::Enter));
    }
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(id) => match &dom.node(id).data {
                NodeData::Text(t) => {
                    // The parser drops a newline right after `<pre>`: write one more.
                    if t.starts_with('\n') && pre_opened_at == Some(out.len()) {
                        out.push('\n');
                    }
                    escape_text(t, &mut out)
                }
                NodeData::Element(e) => {
                    if is_dropped(dom, id) {
                        continue;
                    }
                    let tag = output_tag(&e.name.local).filter(|t| {
                        !(misnested(&open, t) || *t == local_name!("p") && p_holds_block(dom, id))
                    });
                    if let Some(tag) = &tag {
                        if *tag == local_name!("img") && img_src(dom, id, base).is_none() {
                            continue;
                        }
                        open_tag(dom, id, tag, base, &mut out);
                        if VOID.contains(tag) {
                            continue;
                        }
                        if *tag == local_name!("pre") {
                            pre_opened_at = Some(out.len());
                        }
                        open.push(tag.clone());
                    }
                    stack.push(Step::Leave(id, tag));
                    let kids: Vec<NodeId> = dom.children(id).collect();
                    stack.extend(kids.into_iter().rev().map(Step::Enter));
                }
                _ => {}
            },
            Step::Leave(_, Some(tag)) => {
                open.pop();
                out.push_str("</");
                out.push_str(&tag);
                out.push('>');
            }
            Step::Leave(id, None) => {
                if dom.tag(id).is_some_and(|t| {
                    matches!(
                        *t,
                        local_name!("div")
                            | local_name!("center")
                            | local_name!("main")
                            | local_name!("article")
                            | local_name!("header")
                            | local_name!("footer")
                            | local_name!("p")
                    )
                }) && pre_opened_at != Some(out.len())
                {
                    // (Not as the first thing in a `<pre>`: the parser would drop it.)
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Whether the serializer writes this element's tag (and so its id).
pub fn keeps_tag(local: &LocalName) -> bool {
    output_tag(local).is_some()
}

/// The tag written for an element, if it is kept: `h1` becomes `h2` (the reader shows the title itself).
fn output_tag(local: &LocalName) -> Option<LocalName> {
    if *local == local_name!("h1") {
        return Some(local_name!("h2"));
    }
    ALLOWED.contains(local).then(|| local.clone())
}

fn img_src(dom: &Dom, id: NodeId, base: Option<&url::Url>) -> Option<String> {
    let src = dom.attr(id, "src")?;
    if safe_data_image(src) {
        return Some(src.trim().to_string());
    }
    absolute(src, base).filter(|u| !u.starts_with("mailto:") && !u.starts_with('#'))
}

fn open_tag(dom: &Dom, id: NodeId, tag: &LocalName, base: Option<&url::Url>, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    let allowed = element_attrs(tag);
    let Some(e) = dom.element(id) else { return };
    for a in &e.attrs {
        if a.name.ns != ns!() {
            continue;
        }
        let name = &*a.name.local;
        if !GLOBAL_ATTRS.contains(&name) && !allowed.contains(&name) {
            continue;
        }
        let value: Option<String> = match name {
            "href" | "cite" => absolute(&a.value, base),
            "src" => img_src(dom, id, base),
            "srcset" => srcset(&a.value, base),
            "id" => Some(prefixed_id(&a.value)),
            "role" => ROLES
                .contains(&a.value.trim())
                .then(|| a.value.trim().to_string()),
            "dir" => matches!(
                a.value.to_ascii_lowercase().as_str(),
                "ltr" | "rtl" | "auto"
            )
            .then(|| a.value.to_ascii_lowercase()),
            "width" | "height" | "colspan" | "rowspan" | "start" | "value" => {
                a.value.trim().parse::<u32>().ok().map(|n| n.to_string())
            }
            _ => Some(a.value.to_string()),
        };
        if let Some(v) = value {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_attr(&v, out);
            out.push('"');
        }
    }
    // An old-style anchor (`<a name="_ftn1">`, what word processors export for footnotes) is
    // written as the id it stands for, so links to it keep working.
    if *tag == local_name!("a") && dom.attr(id, "id").is_none() {
        if let Some(name) = dom
            .attr(id, "name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            out.push_str(" id=\"");
            escape_attr(&prefixed_id(name), out);
            out.push('"');
        }
    }
    // Article images load lazily and send no referrer to the page's servers.
    if *tag == local_name!("img") {
        out.push_str(" loading=\"lazy\" referrerpolicy=\"no-referrer\"");
    }
    if *tag == local_name!("a") {
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    out.push('>');
}

/// Each srcset candidate made absolute; unsafe candidates dropped.
fn srcset(v: &str, base: Option<&url::Url>) -> Option<String> {
    let parts: Vec<String> = v
        .split(", ")
        .filter_map(|c| {
            let mut it = c.split_whitespace();
            let mut u = absolute(it.next()?, base)?;
            if !u.starts_with("http") {
                return None;
            }
            // A URL ending in `,` followed by a descriptor would read back as
            // two candidates (the URL parser can leave one: `ja,\u{1a}` → `ja,`).
            while u.ends_with(',') {
                u.pop();
                u.push_str("%2C");
            }
            let d: Vec<&str> = it
                .filter(|d| d.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
                .collect();
            Some(if d.is_empty() {
                u
            } else {
                format!("{u} {}", d.join(" "))
            })
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Sanitizes an HTML fragment: parse it with html5ever, then serialize it through the allow-list.
pub fn sanitize_fragment(html: &str, base: Option<&url::Url>) -> String {
    let wrapped = format!("<!doctype html><html><head></head><body>{html}</body></html>");
    let limits = crate::Limits::default();
    match crate::dom::parse(&wrapped, &limits.for_parse()) {
        Ok(dom) => match dom.body() {
            Some(body) => serialize(&dom, body, false, base),
            None => String::new(),
        },
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{absolute, escape_attr, escape_text, is_plain_web_url, srcset};
    use proptest::prelude::*;

    #[test]
    fn links_to_unicode_hosts_are_kept_in_ascii_form() {
        let base = url::Url::parse("https://example.com/a/").unwrap();
        for b in [None, Some(&base)] {
            assert_eq!(
                absolute("http://Bücher.example/x?q=1", b).as_deref(),
                Some("http://xn--bcher-kva.example/x?q=1")
            );
        }
    }

    /// The URL parser's own reading of an absolute URL.
    fn parsed(s: &str) -> Option<String> {
        url::Url::parse(s).ok().map(|u| u.to_string())
    }

    /// Every URL the shortcut passes through reads back unchanged from the
    /// parser; the shortcut takes the usual article links and image URLs.
    #[test]
    fn plain_web_urls_are_what_the_parser_writes() {
        let taken = [
            "https://www.shine.cn/news/metro/2401105678/",
            "https://img.example-cdn.com/a/b_c~d.jpg?w=640&h=360&fit=crop,smart#x",
            "http://example.com/",
            "https://example.com/%E4%B8%AD?q=%zz",
            "https://a-b.example/@user/post:1;v=2!$()*+",
        ];
        let refused = [
            "https://Example.com/",
            "https://example.com",
            "https://example.com:443/",
            "https://user@example.com/",
            "https://192.168.0.1/",
            "https://example.0x1/",
            "https://xn--fiq228c.com/",
            "https://example.com./",
            "https://exa mple.com/",
            "https://example.com/a/../b",
            "https://example.com/a/%2e%2E/b",
            "https://example.com/a b",
            "https://example.com/a\\b",
            "https://example.com/<x>",
            "https://example.com/\u{e9}",
            "HTTPS://example.com/",
            "javascript://example.com/%0aalert(1)",
        ];
        for s in taken {
            assert!(is_plain_web_url(s), "{s}");
            assert_eq!(parsed(s).as_deref(), Some(s), "{s}");
        }
        for s in refused {
            assert!(!is_plain_web_url(s), "{s}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

        /// Root-relative references joined by the shortcut equal the parser's join.
        #[test]
        fn plain_root_paths_join_as_the_parser_joins(
            base in prop_oneof![
                Just("https://www.example.com/news/2024/story.html?id=1#top"),
                Just("http://user:pw@example.com:8080/a/b/"),
                Just("https://example.com"),
                Just("https://[::1]/x"),
                Just("file:///home/a/b.html"),
            ],
            raw in prop_oneof![
                "/[a-zA-Z0-9/.%?#:@;=&+,!$()*~_-]{0,24}",
                "[a-zA-Z0-9/.%?#:@;=&+,!$'()*~^`{}|\\[\\] \"<>\\\\\t-]{0,24}",
            ],
        ) {
            let base = url::Url::parse(base).unwrap();
            if let Some(joined) = super::join_plain_root_path(&base, &raw) {
                let want = base.join(&raw).ok().map(|u| u.to_string());
                prop_assert_eq!(want.as_deref(), Some(joined.as_str()));
            }
        }

        /// On URLs built from the characters that matter, the shortcut never
        /// passes one the parser would write differently.
        #[test]
        fn plain_web_urls_never_differ_from_the_parser(
            scheme in "(https?|HTTP|ftp)://",
            host in prop_oneof![
                "[a-z0-9.-]{1,14}",
                "[a-zA-Z0-9.:@%_\\[\\]-]{0,14}",
            ],
            path in prop_oneof![
                "/[a-zA-Z0-9/.%?#:@;=&+,!$()*~_-]{0,24}",
                "[a-zA-Z0-9/.%?#:@;=&+,!$'()*~^`{}|\\[\\] \"<>\\\\\t-]{0,24}",
            ],
        ) {
            let s = format!("{scheme}{host}{path}");
            if is_plain_web_url(&s) {
                let back = parsed(&s);
                prop_assert_eq!(back.as_deref(), Some(s.as_str()));
            }
        }
    }

    /// Found by the `sanitize` fuzz target: the URL parser drops trailing
    /// control characters, leaving a URL that ends in `,`; written as is, the
    /// next pass read `…/ja, 2x` as two candidates.
    #[test]
    fn srcset_round_trips_a_url_ending_in_a_comma() {
        let base = url::Url::parse("https://example.com/a/").unwrap();
        let once = srcset("ja,\u{1a}\u{1a}\u{1a} 2x", Some(&base)).unwrap();
        assert_eq!(once, "https://example.com/a/ja%2C 2x");
        assert_eq!(srcset(&once, Some(&base)).as_deref(), Some(once.as_str()));
        let html = "<img src=\"data:image/png,x\" srcset=\"ja,\u{1a}\u{1a} 2x\">";
        let once = crate::sanitize_html(html, Some(base.as_str()));
        assert_eq!(crate::sanitize_html(&once, Some(base.as_str())), once);
    }

    /// Character by character, the plain way.
    fn reference(s: &str, attr: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attr => out.push_str("&quot;"),
                '\u{a0}' if !attr => out.push_str("&nbsp;"),
                '\r' => out.push_str("&#13;"),
                '\0' => {}
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_copies_runs_and_replaces_specials() {
        for s in [
            "",
            "plain",
            "a & b < c > d \"q\" 'x'",
            "\u{a0}lead, mid\u{a0}dle, \u{a0}\u{a0}",
            "x\r\ny\0z",
            "中文&amp;é\u{c2a0}\u{00c2}\u{a0}",
            "data:image/png;base64,iVBORw0KGgo=\"><script>",
        ] {
            let (mut t, mut a) = (String::new(), String::new());
            escape_text(s, &mut t);
            escape_attr(s, &mut a);
            assert_eq!(t, reference(s, false), "{s:?}");
            assert_eq!(a, reference(s, true), "{s:?}");
        }
    }
}
