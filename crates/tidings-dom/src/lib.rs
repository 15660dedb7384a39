//! Our own arena DOM, filled by html5ever's tree builder through our
//! `TreeSink` (`sink.rs`); the tree builder is fed by our own WHATWG
//! tokenizer over the whole page (`tokenizer.rs`, tested against html5ever's
//! tokenizer in `tests/tokenizer_diff.rs`).
//!
//! Nodes live in one `Vec` and link to each other by index, so the tree can be
//! edited (detach, move) cheaply and every walk is a loop over parent and
//! sibling links: nothing here recurses, however deep the page nests.

#![warn(missing_docs)]

mod entities;
mod shadow;
mod sink;
mod tokenizer;

use std::num::NonZeroU32;

use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, LocalName, QualName};

pub use shadow::SHADOW_MARK;
#[doc(hidden)]
pub use sink::parse_reference;
pub use sink::{parse, Limits, Overflow};

/// Index of a node in its [`Dom`], stored plus one so that an
/// `Option<NodeId>` link takes four bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    /// The document node is always the first one.
    pub const DOCUMENT: NodeId = NodeId::from_index(0);

    /// The id of the node at `index` (below `u32::MAX`).
    pub const fn from_index(index: usize) -> NodeId {
        assert!(index < u32::MAX as usize, "node index out of range");
        match NonZeroU32::new(index as u32 + 1) {
            Some(n) => NodeId(n),
            None => panic!("node index out of range"),
        }
    }

    /// The node's position in the arena.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// One element: its name and attributes.
#[derive(Debug, Clone)]
pub struct Element {
    /// The qualified name (namespace and local name).
    pub name: QualName,
    /// The attributes, in source order.
    pub attrs: Vec<Attribute>,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub enum NodeData {
    /// The document node, the root of every tree.
    Document,
    /// A `<!DOCTYPE>` (its name is not kept).
    Doctype,
    /// A text node and its text.
    Text(StrTendril),
    /// A comment (its text is not kept).
    Comment,
    /// An element.
    Element(Element),
}

/// A node and its links.
#[derive(Debug, Clone)]
pub struct Node {
    /// The parent; `None` for the document and for detached nodes.
    pub parent: Option<NodeId>,
    /// The first child.
    pub first_child: Option<NodeId>,
    /// The last child.
    pub last_child: Option<NodeId>,
    /// The previous sibling.
    pub prev_sibling: Option<NodeId>,
    /// The next sibling.
    pub next_sibling: Option<NodeId>,
    /// What the node holds.
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            data,
        }
    }
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Dom {
    nodes: Vec<Node>,
}

impl Dom {
    fn from_nodes(nodes: Vec<Node>) -> Dom {
        Dom { nodes }
    }

    /// How many nodes the arena holds (detached ones included).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the arena holds no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// A node and its links.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// What a node holds.
    pub fn data(&self, id: NodeId) -> &NodeData {
        &self.nodes[id.index()].data
    }

    /// A node's parent.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    /// The element, when the node is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local name of an HTML element (`None` for other nodes and for SVG/MathML).
    pub fn tag(&self, id: NodeId) -> Option<&LocalName> {
        match &self.node(id).data {
            NodeData::Element(e) if e.name.ns == ns!(html) => Some(&e.name.local),
            _ => None,
        }
    }

    /// Whether the node is the HTML element `name`.
    pub fn is(&self, id: NodeId, name: &LocalName) -> bool {
        self.tag(id) == Some(name)
    }

    /// The text, when the node is a text node.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value of an attribute without a namespace, when the node is an element that has it.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id)?
            .attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// [`Dom::attr`] for a name known as an atom (`local_name!("class")`):
    /// compares atoms, not strings, for the attributes every element is asked about.
    pub fn attr_named(&self, id: NodeId, name: &LocalName) -> Option<&str> {
        self.element(id)?
            .attrs
            .iter()
            .find(|a| a.name.ns == ns!() && a.name.local == *name)
            .map(|a| &*a.value)
    }

    /// Sets (or adds) an attribute without a namespace.
    pub fn set_attr(&mut self, id: NodeId, name: &str, value: &str) {
        if let NodeData::Element(e) = &mut self.nodes[id.index()].data {
            if let Some(a) = e
                .attrs
                .iter_mut()
                .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            {
                a.value = StrTendril::from_slice(value);
            } else {
                e.attrs.push(Attribute {
                    name: QualName::new(None, ns!(), LocalName::from(name)),
                    value: StrTendril::from_slice(value),
                });
            }
        }
    }

    /// A node's first child.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child
    }

    /// A node's next sibling.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).next_sibling
    }

    /// A node's previous sibling.
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).prev_sibling
    }

    /// A node's children, first to last.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// Element children only.
    pub fn child_elements(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(|&c| self.element(c).is_some())
    }

    /// The node and everything under it, in document order (iterative).
    pub fn descendants(&self, root: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root,
            next: Some(root),
        }
    }

    /// The node after `id` in document order, skipping `id`'s subtree, staying under `root`.
    pub fn next_skipping_children(&self, root: NodeId, id: NodeId) -> Option<NodeId> {
        let mut cur = id;
        loop {
            if cur == root {
                return None;
            }
            if let Some(s) = self.node(cur).next_sibling {
                return Some(s);
            }
            cur = self.node(cur).parent?;
        }
    }

    /// Ancestors of `id`, nearest first, not including `id`.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    /// Whether `id` is `anc` or lies under it.
    pub fn is_inside(&self, id: NodeId, anc: NodeId) -> bool {
        id == anc || self.ancestors(id).any(|a| a == anc)
    }

    /// Text of the subtree, stopping once it holds more than `max_bytes` bytes.
    pub fn text_content_capped(&self, id: NodeId, max_bytes: usize) -> String {
        let mut s = String::new();
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                s.push_str(t);
                if s.len() > max_bytes {
                    break;
                }
            }
        }
        s
    }

    /// For every node, whether an element matching `pred` lies strictly inside it.
    /// One post-order walk over the subtree of `root` (children before their
    /// parent), so leaf tests cost O(1); `pred` is not asked about a node
    /// whose parent is already known to hold a match.
    pub fn contains_matching(
        &self,
        root: NodeId,
        pred: impl Fn(&Dom, NodeId) -> bool,
    ) -> Vec<bool> {
        let mut inside = vec![false; self.nodes.len()];
        let deepest_first = |mut id: NodeId| {
            while let Some(c) = self.node(id).first_child {
                id = c;
            }
            id
        };
        let mut cur = deepest_first(root);
        while cur != root {
            let Some(p) = self.node(cur).parent else {
                break;
            };
            if !inside[p.index()] && (inside[cur.index()] || pred(self, cur)) {
                inside[p.index()] = true;
            }
            cur = match self.node(cur).next_sibling {
                Some(s) => deepest_first(s),
                None => p,
            };
        }
        inside
    }

    /// Whether the subtree holds any text other than whitespace.
    pub fn has_text(&self, id: NodeId) -> bool {
        self.descendants(id)
            .any(|d| self.text(d).is_some_and(|t| !t.trim().is_empty()))
    }

    /// Concatenated text of the subtree (no whitespace normalisation).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut s = String::new();
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                s.push_str(t);
            }
        }
        s
    }

    /// The `<html>`, `<head>` and `<body>` elements, where present.
    pub fn html_element(&self) -> Option<NodeId> {
        self.child_elements(NodeId::DOCUMENT)
            .find(|&c| self.is(c, &local_name!("html")))
    }

    /// The `<head>` element.
    pub fn head(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.child_elements(html)
            .find(|&c| self.is(c, &local_name!("head")))
    }

    /// The `<body>` element.
    pub fn body(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.child_elements(html)
            .find(|&c| self.is(c, &local_name!("body")))
    }

    /// Unlinks a node from its parent and siblings (it stays in the arena).
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &mut self.nodes[id.index()];
            (
                n.parent.take(),
                n.prev_sibling.take(),
                n.next_sibling.take(),
            )
        };
        match next {
            Some(nx) => self.nodes[nx.index()].prev_sibling = prev,
            None => {
                if let Some(p) = parent {
                    self.nodes[p.index()].last_child = prev;
                }
            }
        }
        match prev {
            Some(pv) => self.nodes[pv.index()].next_sibling = next,
            None => {
                if let Some(p) = parent {
                    self.nodes[p.index()].first_child = next;
                }
            }
        }
    }

    /// Appends `child` (detaching it first) as the last child of `parent`.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.nodes[parent.index()].last_child;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = last;
        }
        match last {
            Some(l) => self.nodes[l.index()].next_sibling = Some(child),
            None => self.nodes[parent.index()].first_child = Some(child),
        }
        self.nodes[parent.index()].last_child = Some(child);
    }

    /// Inserts `new` (detaching it first) just before `sibling`.
    pub fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        self.detach(new);
        let parent = self.nodes[sibling.index()].parent;
        let prev = self.nodes[sibling.index()].prev_sibling;
        {
            let n = &mut self.nodes[new.index()];
            n.parent = parent;
            n.prev_sibling = prev;
            n.next_sibling = Some(sibling);
        }
        self.nodes[sibling.index()].prev_sibling = Some(new);
        match prev {
            Some(p) => self.nodes[p.index()].next_sibling = Some(new),
            None => {
                if let Some(par) = parent {
                    self.nodes[par.index()].first_child = Some(new);
                }
            }
        }
    }

    /// Replaces an element by its children.
    pub fn unwrap(&mut self, id: NodeId) {
        while let Some(c) = self.first_child(id) {
            self.insert_before(id, c);
        }
        self.detach(id);
    }

    /// Creates a detached element.
    pub fn create_element(&mut self, local: LocalName) -> NodeId {
        self.push(NodeData::Element(Element {
            name: QualName::new(None, ns!(html), local),
            attrs: Vec::new(),
        }))
    }

    /// Creates a detached text node.
    pub fn create_text(&mut self, text: &str) -> NodeId {
        self.push(NodeData::Text(StrTendril::from_slice(text)))
    }

    /// Renames an HTML element in place (e.g. a `div` holding only text becomes a `p`).
    pub fn rename(&mut self, id: NodeId, local: LocalName) {
        if let NodeData::Element(e) = &mut self.nodes[id.index()].data {
            e.name = QualName::new(None, ns!(html), local);
        }
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(Node::new(data));
        id
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.dom.node(cur).next_sibling;
        Some(cur)
    }
}

/// Pre-order iterator over a subtree, driven by links alone (no stack).
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Descendants<'_> {
    /// Skips the children of the node last returned.
    pub fn skip_children_of(&mut self, id: NodeId) {
        self.next = self.dom.next_skipping_children(self.root, id);
    }
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = match self.dom.node(cur).first_child {
            Some(c) => Some(c),
            None => self.dom.next_skipping_children(self.root, cur),
        };
        Some(cur)
    }
}
