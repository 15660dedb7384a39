//! Shared by `tests/tokenizer_diff.rs` and the `tokenizer_diff` fuzz target
//! (`fuzz/fuzz_targets/tokenizer_diff.rs`, through `#[path]`): the tree dump
//! both parsers' results are compared by, and the rewrite that steps around
//! html5ever's known departures from the spec.

use tidings_dom::{Dom, NodeData, NodeId};

const SVG: &str = "http://www.w3.org/2000/svg";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
const HTML: &str = "http://www.w3.org/1999/xhtml";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS: &str = "http://www.w3.org/2000/xmlns/";

// ---------------------------------------------------------------------------
// The dump.
// ---------------------------------------------------------------------------

/// The whole DOM in html5lib-tests "#document" style: one line per node,
/// `| ` plus two spaces per level, `<name>` for HTML elements and `<svg name>` /
/// `<math name>` for foreign ones, attributes sorted on their own lines one level
/// deeper (`xlink href="…"` for namespaced ones), `"text"`, `<!-- -->`,
/// `<!DOCTYPE>`. Unlike html5lib, text and attribute values are written with
/// Rust's `escape_debug`, so CR, NUL and other control characters are visible and
/// every node stays on one line. After the document come the subtrees that are
/// not linked under it, in arena order, each after a `#detached` line.
///
/// Iterative: it follows parent and sibling links, however deep the tree.
pub fn dump(dom: &Dom) -> String {
    let mut out = String::from("#document\n");
    dump_under(dom, NodeId::DOCUMENT, 0, &mut out);
    for i in 1..dom.len() {
        let id = NodeId::from_index(i);
        if dom.parent(id).is_some() {
            continue;
        }
        out.push_str("#detached\n");
        if matches!(dom.data(id), NodeData::Document) {
            dump_under(dom, id, 0, &mut out);
        } else {
            dump_line(dom, id, 0, &mut out);
            dump_under(dom, id, 1, &mut out);
        }
    }
    out
}

/// The strict descendants of `root`, its children at `depth`.
fn dump_under(dom: &Dom, root: NodeId, depth: usize, out: &mut String) {
    let mut depth = depth;
    let mut next = dom.first_child(root);
    while let Some(id) = next {
        dump_line(dom, id, depth, out);
        if let Some(c) = dom.first_child(id) {
            next = Some(c);
            depth += 1;
            continue;
        }
        let mut cur = id;
        next = loop {
            if let Some(s) = dom.next_sibling(cur) {
                break Some(s);
            }
            match dom.parent(cur) {
                Some(p) if p != root => {
                    cur = p;
                    depth -= 1;
                }
                _ => break None,
            }
        };
    }
}

fn indent(depth: usize, out: &mut String) {
    out.push_str("| ");
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// One node (and, for an element, its attributes).
fn dump_line(dom: &Dom, id: NodeId, depth: usize, out: &mut String) {
    indent(depth, out);
    match dom.data(id) {
        NodeData::Document => out.push_str("#document"),
        NodeData::Doctype => out.push_str("<!DOCTYPE>"),
        NodeData::Comment => out.push_str("<!-- -->"),
        NodeData::Text(t) => {
            out.push('"');
            out.extend(t.escape_debug());
            out.push('"');
        }
        NodeData::Element(e) => {
            out.push('<');
            match &*e.name.ns {
                HTML => {}
                SVG => out.push_str("svg "),
                MATHML => out.push_str("math "),
                other => {
                    out.push('{');
                    out.push_str(other);
                    out.push_str("} ");
                }
            }
            out.push_str(&e.name.local);
            out.push('>');
            let mut attrs: Vec<String> = e
                .attrs
                .iter()
                .map(|a| {
                    let prefix = match &*a.name.ns {
                        "" => "",
                        XLINK => "xlink ",
                        XML => "xml ",
                        XMLNS => "xmlns ",
                        _ => "? ",
                    };
                    format!("{prefix}{}=\"{}\"", &*a.name.local, a.value.escape_debug())
                })
                .collect();
            attrs.sort();
            for a in attrs {
                out.push('\n');
                indent(depth + 1, out);
                out.push_str(&a);
            }
        }
    }
    out.push('\n');
}

/// `html` without what sets off the html5ever bugs `tokenizer_diff.rs` lists (`html5ever_bug`): every U+FEFF
/// after the first character becomes U+2060 WORD JOINER (also invisible, also
/// not white space), and a `;` follows every numeric reference to U+000A that
/// lacks one (the same character, without the parse error).
pub fn sidestep_html5ever(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 8);
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = lf_reference_without_semicolon(rest) {
            out.push_str(&rest[..len]);
            out.push(';');
            rest = &rest[len..];
            continue;
        }
        let late_bom = c == '\u{feff}' && rest.len() < html.len();
        out.push(if late_bom { '\u{2060}' } else { c });
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// If `s` starts with a numeric reference to U+000A not ended by `;`, its length.
fn lf_reference_without_semicolon(s: &str) -> Option<usize> {
    let r = s.strip_prefix("&#")?;
    let (radix, digits) = match r.strip_prefix(['x', 'X']) {
        Some(d) => (16, d),
        None => (10, r),
    };
    let len = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let value = digits[..len].trim_start_matches('0');
    let lf = value.len() <= 2 && u32::from_str_radix(value, radix) == Ok(10);
    (lf && !digits[len..].starts_with(';')).then_some(s.len() - digits.len() + len)
}
