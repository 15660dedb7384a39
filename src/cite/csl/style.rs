//! Parses a CSL style (or locale) XML file into a small owned element tree.

use super::super::CiteError;
use std::collections::HashMap;

/// Deepest element nesting accepted from a style file.
const MAX_XML_DEPTH: usize = 64;

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

/// Parses XML text into a [`Node`] tree rooted at the document element.
pub fn parse_xml(xml: &str) -> Result<Node, CiteError> {
    let doc =
        roxmltree::Document::parse(xml).map_err(|e| CiteError::bad_style(format!("XML: {e}")))?;
    convert(doc.root_element(), 0)
}

fn convert(el: roxmltree::Node, depth: usize) -> Result<Node, CiteError> {
    if depth > MAX_XML_DEPTH {
        return Err(CiteError::bad_style("elements nested too deeply"));
    }
    let mut node = Node {
        name: el.tag_name().name().to_string(),
        ..Node::default()
    };
    for a in el.attributes() {
        node.attrs
            .push((a.name().to_string(), a.value().to_string()));
    }
    for c in el.children() {
        if c.is_element() {
            node.children.push(convert(c, depth + 1)?);
        } else if c.is_text() {
            node.text.push_str(c.text().unwrap_or(""));
        }
    }
    Ok(node)
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
