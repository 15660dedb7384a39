//! Parses a CSL style (or locale) XML file into a small owned element tree.

use super::super::CiteError;
use std::collections::HashMap;

/// Deepest element nesting accepted from a style file (official styles nest under 20 deep).
const MAX_XML_DEPTH: usize = 64;
/// Largest style or locale file accepted (the largest official style is 246 KB).
pub const MAX_XML_BYTES: usize = 4 << 20;
/// Most XML nodes (elements, attributes' owners, text) in one file (official styles: under 15,000).
const MAX_XML_NODES: u32 = 200_000;

/// One CSL element: its local name, attributes (`xml:lang` is stored as `lang`), children and text.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
}

impl Node {
    /// An attribute's value.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first child element with this name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All child elements with this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Parses XML text into a [`Node`] tree rooted at the document element. A DTD (and so any
/// entity expansion) is refused; size, node count and nesting are bounded.
pub fn parse_xml(xml: &str) -> Result<Node, CiteError> {
    if xml.len() > MAX_XML_BYTES {
        return Err(CiteError::style_limit(
            "style-too-large",
            format!(
                "file of {} bytes (at most {MAX_XML_BYTES} accepted)",
                xml.len()
            ),
        ));
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => CiteError::style_limit(
            "style-too-large",
            format!("more than {MAX_XML_NODES} XML nodes"),
        ),
        e => CiteError::bad_style(format!("XML: {e}")),
    })?;
    convert(doc.root_element(), 0)
}

fn convert(el: roxmltree::Node, depth: usize) -> Result<Node, CiteError> {
    if depth > MAX_XML_DEPTH {
        return Err(CiteError::style_limit(
            "style-too-deep",
            format!("elements nested more than {MAX_XML_DEPTH} deep"),
        ));
    }
    let mut node = Node {
        name: el.tag_name().name().to_string(),
        ..Node::default()
    };
    for a in el.attributes() {
        node.attrs
            .push((a.name().to_string(), decode_again(a.value())));
    }
    for c in el.children() {
        if c.is_element() {
            node.children.push(convert(c, depth + 1)?);
        } else if c.is_text() {
            node.text.push_str(&decode_again(c.text().unwrap_or("")));
        }
    }
    Ok(node)
}

/// citeproc-js reads style files with its own parser, which decodes `&quot;`, `&gt;`, `&lt;`
/// and numeric references after `&amp;`: so `prefix="&amp;#8211; "` is an en dash there.
/// The same second pass over the already decoded text.
fn decode_again(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let s = s
        .replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&lt;", "<");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (hex, digits) = match after.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, after),
        };
        let len = digits
            .find(|c: char| !c.is_ascii_hexdigit() || (!hex && !c.is_ascii_digit()))
            .unwrap_or(digits.len());
        let decoded = (len > 0 && len <= 6 && digits[len..].starts_with(';'))
            .then(|| u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok())
            .flatten()
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &digits[len + 1..];
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A parsed CSL style: the root options, macros, the bibliography and the in-style locale blocks.
/// `bibliography` is the area whose layout and inherited options apply (an empty element when
/// the style has none); [`Style::citation_view`] gives the same style with `<citation>` there.
#[derive(Debug, Clone)]
pub struct Style {
    pub root: Node,
    pub macros: HashMap<String, Node>,
    pub bibliography: Node,
    pub locales: Vec<Node>,
    /// The `<citation>` element, if any.
    pub citation: Option<Node>,
}

impl Style {
    /// Parses a CSL 1.0 style. Fails on malformed XML or a style with neither a bibliography
    /// nor a citation layout.
    pub fn parse(xml: &str) -> Result<Style, CiteError> {
        let mut root = parse_xml(xml)?;
        if root.name != "style" {
            return Err(CiteError::bad_style("root element is not <style>"));
        }
        let mut macros = HashMap::new();
        let mut locales = Vec::new();
        let mut bibliography = None;
        let mut citation = None;
        for child in std::mem::take(&mut root.children) {
            match child.name.as_str() {
                "macro" => {
                    if let Some(name) = child.attr("name") {
                        macros.insert(name.to_string(), child);
                    }
                }
                "locale" => locales.push(child),
                "bibliography" => bibliography = Some(child),
                "citation" => citation = Some(child),
                _ => {}
            }
        }
        let has_layout = |n: &Option<Node>| n.as_ref().is_some_and(|n| n.child("layout").is_some());
        if !has_layout(&bibliography) && !has_layout(&citation) {
            return Err(CiteError::bad_style(
                "style has no <bibliography> or <citation> layout",
            ));
        }
        Ok(Style {
            root,
            macros,
            bibliography: bibliography.unwrap_or_default(),
            locales,
            citation,
        })
    }

    /// The same style with the `<citation>` element as its active area (its layout and
    /// inherited name options), or None when the style has no citation layout.
    pub fn citation_view(&self) -> Option<Style> {
        let citation = self
            .citation
            .clone()
            .filter(|c| c.child("layout").is_some())?;
        Some(Style {
            root: self.root.clone(),
            macros: self.macros.clone(),
            bibliography: citation,
            locales: Vec::new(),
            citation: None,
        })
    }

    /// Whether the style is a note style (`class="note"`).
    pub fn is_note(&self) -> bool {
        self.root.attr("class") == Some("note")
    }

    /// The style's `default-locale`, if any.
    pub fn default_locale(&self) -> Option<&str> {
        self.root.attr("default-locale")
    }

    /// An inheritable option: set on `<bibliography>`, else on `<style>`.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.bibliography.attr(key).or_else(|| self.root.attr(key))
    }
}

#[cfg(test)]
mod tests {
    use super::decode_again;

    #[test]
    fn references_left_by_the_xml_parser_are_decoded_as_citeproc_js_does() {
        assert_eq!(decode_again("&#8211; "), "\u{2013} ");
        assert_eq!(decode_again("&#x2013;&quot;&lt;"), "\u{2013}\"<");
        assert_eq!(
            decode_again("a & b &#; &#99999999;"),
            "a & b &#; &#99999999;"
        );
        assert_eq!(decode_again("&amp;"), "&amp;");
    }
}
