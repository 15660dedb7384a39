//! html5ever's `TreeSink`, building our [`Dom`] with a node budget.
//!
//! Nodes go straight into the list the [`Dom`] keeps (no copy at the end);
//! `elem_name` hands out a copy of the name's atoms, so no borrow of that list
//! outlives a call. Once the node budget is spent or the nesting gets deeper than the depth
//! limit, new nodes go to one detached "overflow" node and are dropped, and
//! the tokenizer stops at its next resting state (after the tag at hand, or
//! the run of text; html5ever's own tokenizer, in [`parse_reference`], is fed
//! in chunks and stops between them). The attributes a repeated `<body>` or
//! `<html>` adds to the first are bounded the same way. So a hostile
//! page cannot make the parse use unbounded memory
//! or quadratic time (html5ever scans its open-element stack per tag). The
//! caller gets an error instead of a truncated tree.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use std::collections::HashMap;

use html5ever::interface::tree_builder::{
    ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink,
};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenSink;
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{parse_document, Attribute, LocalName, Namespace, QualName};

use super::{tokenizer, Dom, Element, Node, NodeData, NodeId};

/// Why a parse was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// More than `max_nodes` nodes.
    Nodes,
    /// Elements nested deeper than `max_depth`.
    Depth,
    /// A tag with more than `max_attributes` attributes.
    Attributes,
}

/// What one parse may build before it stops with an [`Overflow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most nodes in the tree.
    pub max_nodes: usize,
    /// Deepest element nesting (html5ever scans its open-element stack per tag).
    pub max_depth: usize,
    /// Most attributes on one tag, start or end (counting duplicates), and
    /// on one element (a repeated `<body>` or `<html>` adds to the first).
    pub max_attributes: usize,
}

/// html5ever's tree-builder options: scripting off, so `<noscript>` content
/// is parsed as markup and its image copies can be used.
fn tree_builder_opts() -> TreeBuilderOpts {
    TreeBuilderOpts {
        scripting_enabled: false,
        ..Default::default()
    }
}

/// Parses a whole document within `limits`: our
/// tokenizer (`tokenizer.rs`) feeding html5ever's tree builder. Pages over
/// 4 GiB are refused as [`Overflow::Nodes`] (text is cut from one buffer with
/// 32-bit offsets).
pub fn parse(html: &str, limits: &Limits) -> Result<Dom, Overflow> {
    if html.len() >= u32::MAX as usize {
        return Err(Overflow::Nodes);
    }
    let stop = Rc::new(Cell::new(None));
    let sink = Sink::new(html.len(), limits, Rc::clone(&stop));
    let builder = TreeBuilder::new(sink, tree_builder_opts());
    let text = match memchr::memchr(b'\r', html.as_bytes()) {
        Some(_) => StrTendril::from(normalize_newlines(html)),
        None => StrTendril::from_slice(html),
    };
    tokenizer::run(text, &builder, limits.max_attributes, &stop);
    if let Some(o) = stop.get() {
        return Err(o);
    }
    builder.end();
    builder.sink.finish().ok_or(Overflow::Nodes)
}

/// The input stream's preprocessing: CR LF and lone CR become LF.
fn normalize_newlines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

/// Input is fed to html5ever's tokenizer in chunks of this many bytes, checking the limits between chunks.
const CHUNK: usize = 64 * 1024;

/// [`parse`] with html5ever's own tokenizer: the reference the tests and the
/// fuzzer compare ours with. It does not enforce `max_attributes`.
pub fn parse_reference(html: &str, limits: &Limits) -> Result<Dom, Overflow> {
    let stop = Rc::new(Cell::new(None));
    let sink = Sink::new(html.len(), limits, Rc::clone(&stop));
    let opts = html5ever::ParseOpts {
        tree_builder: tree_builder_opts(),
        ..Default::default()
    };
    let mut parser = parse_document(sink, opts);
    let mut rest = html;
    while !rest.is_empty() && stop.get().is_none() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
    }
    match stop.get() {
        Some(o) => Err(o),
        None => parser.finish().ok_or(Overflow::Nodes),
    }
}

/// An element's name as `elem_name` hands it out: its own copy of the atoms.
#[derive(Debug)]
pub struct Name {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl From<&QualName> for Name {
    fn from(q: &QualName) -> Name {
        Name {
            ns: q.ns.clone(),
            local: q.local.clone(),
        }
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Nesting depth of each node when it was linked (parallel to `nodes`).
    depth: RefCell<Vec<u32>>,
    /// Each `<template>` and its (unlinked) contents node.
    templates: RefCell<HashMap<NodeId, NodeId>>,
    /// Names of the phantom elements (see [`PHANTOM_BASE`]).
    phantoms: RefCell<Vec<QualName>>,
    max_nodes: usize,
    max_depth: usize,
    /// Most attributes one element may gather (a repeated `<body>` or
    /// `<html>` tag adds its attributes to the first one's).
    max_attributes: usize,
    stop: Rc<Cell<Option<Overflow>>>,
}

/// Node 1: a detached element that swallows everything past the budget.
const OVERFLOW: NodeId = NodeId::from_index(1);

/// Elements created after the parse was stopped get ids from here on: each
/// one distinct and with its real name (html5ever's algorithms compare
/// handles and read names: one shared handle for all of them emptied its
/// open-element stack and panicked), but nothing else is stored or linked.
const PHANTOM_BASE: usize = 1 << 31;

/// Whether `id` is a node that is not kept (the overflow node or a phantom).
fn dead(id: NodeId) -> bool {
    id == OVERFLOW || id.index() >= PHANTOM_BASE
}

/// Nodes reserved up front per byte of markup: about what news pages need
/// (one node per 40 bytes), so the list rarely grows (and copies) mid-parse.
const BYTES_PER_NODE: usize = 40;

impl Sink {
    fn new(html_len: usize, limits: &Limits, stop: Rc<Cell<Option<Overflow>>>) -> Sink {
        let (max_nodes, max_depth) = (limits.max_nodes, limits.max_depth);
        let overflow_name =
            QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div"));
        let reserve = (html_len / BYTES_PER_NODE).min(max_nodes) + 2;
        let mut nodes = Vec::with_capacity(reserve);
        nodes.push(Node::new(NodeData::Document));
        nodes.push(Node::new(NodeData::Element(Element {
            name: overflow_name,
            attrs: Vec::new(),
        })));
        let mut depth = Vec::with_capacity(reserve);
        depth.extend([0, 0]);
        Sink {
            nodes: RefCell::new(nodes),
            depth: RefCell::new(depth),
            templates: RefCell::new(HashMap::new()),
            phantoms: RefCell::new(Vec::new()),
            max_nodes,
            max_depth,
            max_attributes: limits.max_attributes,
            stop,
        }
    }

    fn overflow(&self, why: Overflow) {
        if self.stop.get().is_none() {
            self.stop.set(Some(why));
        }
    }

    fn new_node(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() >= self.max_nodes || self.stop.get().is_some() {
            self.overflow(Overflow::Nodes);
            return OVERFLOW;
        }
        self.depth.borrow_mut().push(0);
        let id = NodeId::from_index(nodes.len());
        nodes.push(Node::new(data));
        id
    }

    /// Links `child` under `parent`, before `before` (or last).
    fn link(&self, parent: NodeId, child: NodeId, before: Option<NodeId>) {
        if dead(parent) || dead(child) {
            return;
        }
        {
            let mut depth = self.depth.borrow_mut();
            let d = depth[parent.index()] + 1;
            depth[child.index()] = d;
            if d as usize > self.max_depth {
                self.overflow(Overflow::Depth);
                return;
            }
        }
        self.unlink(child);
        let mut n = self.nodes.borrow_mut();
        let prev = match before {
            Some(b) => n[b.index()].prev_sibling,
            None => n[parent.index()].last_child,
        };
        {
            let c = &mut n[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = prev;
            c.next_sibling = before;
        }
        match prev {
            Some(p) => n[p.index()].next_sibling = Some(child),
            None => n[parent.index()].first_child = Some(child),
        }
        match before {
            Some(b) => n[b.index()].prev_sibling = Some(child),
            None => n[parent.index()].last_child = Some(child),
        }
    }

    fn unlink(&self, id: NodeId) {
        let mut n = self.nodes.borrow_mut();
        let (parent, prev, next) = {
            let c = &mut n[id.index()];
            (
                c.parent.take(),
                c.prev_sibling.take(),
                c.next_sibling.take(),
            )
        };
        match next {
            Some(x) => n[x.index()].prev_sibling = prev,
            None => {
                if let Some(p) = parent {
                    n[p.index()].last_child = prev;
                }
            }
        }
        match prev {
            Some(x) => n[x.index()].next_sibling = next,
            None => {
                if let Some(p) = parent {
                    n[p.index()].first_child = next;
                }
            }
        }
    }

    /// Whether `id` is an HTML `<style>`: its text (CSS, about a sixth of a
    /// typical page's bytes) is never read, so it is not stored.
    fn is_style_sheet(&self, id: NodeId) -> bool {
        matches!(&self.nodes.borrow()[id.index()].data,
            NodeData::Element(e) if e.name.local == html5ever::local_name!("style")
                && e.name.ns == html5ever::ns!(html))
    }

    /// Appends text to the text node `prev` if it is one; returns whether it did.
    fn merge_text(&self, prev: Option<NodeId>, text: &StrTendril) -> bool {
        let Some(prev) = prev else { return false };
        let mut n = self.nodes.borrow_mut();
        if let NodeData::Text(t) = &mut n[prev.index()].data {
            t.push_tendril(text);
            return true;
        }
        false
    }

    fn insert(&self, parent: NodeId, child: NodeOrText<NodeId>, before: Option<NodeId>) {
        if dead(parent) || before.is_some_and(dead) {
            return;
        }
        let node = match child {
            NodeOrText::AppendNode(n) => n,
            NodeOrText::AppendText(text) => {
                if self.is_style_sheet(parent) {
                    return;
                }
                let prev = match before {
                    Some(b) => self.nodes.borrow()[b.index()].prev_sibling,
                    None => self.nodes.borrow()[parent.index()].last_child,
                };
                if self.merge_text(prev, &text) {
                    return;
                }
                self.new_node(NodeData::Text(text))
            }
        };
        self.link(parent, node, before);
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Option<Dom>;
    type ElemName<'b>
        = Name
    where
        Self: 'b;

    fn finish(self) -> Option<Dom> {
        if self.stop.get().is_some() {
            return None;
        }
        // Template contents are inert and stay unlinked (nothing of them reaches
        // the output), except an open declarative shadow root's: the page shows it.
        let templates: Vec<(NodeId, NodeId)> = self.templates.into_inner().into_iter().collect();
        let mut dom = Dom::from_nodes(self.nodes.into_inner());
        super::shadow::attach(&mut dom, templates);
        Some(dom)
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::DOCUMENT
    }

    fn elem_name<'b>(&'b self, target: &'b NodeId) -> Name {
        if target.index() >= PHANTOM_BASE {
            return Name::from(&self.phantoms.borrow()[target.index() - PHANTOM_BASE]);
        }
        match &self.nodes.borrow()[target.index()].data {
            NodeData::Element(e) => Name::from(&e.name),
            _ => unreachable!("html5ever asks element names of elements only"),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        if self.nodes.borrow().len() >= self.max_nodes || self.stop.get().is_some() {
            self.overflow(Overflow::Nodes);
            let mut phantoms = self.phantoms.borrow_mut();
            if phantoms.len() >= u32::MAX as usize - 1 - PHANTOM_BASE {
                return OVERFLOW;
            }
            phantoms.push(name);
            return NodeId::from_index(PHANTOM_BASE + phantoms.len() - 1);
        }
        let id = self.new_node(NodeData::Element(Element { name, attrs }));
        if flags.template && id != OVERFLOW {
            let contents = self.new_node(NodeData::Document);
            self.templates.borrow_mut().insert(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.insert(*parent, child, None);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if dead(*element) {
            return self.insert(*prev_element, child, None);
        }
        let parent = self.nodes.borrow()[element.index()].parent;
        match parent {
            Some(p) => self.insert(p, child, Some(*element)),
            None => self.insert(*prev_element, child, None),
        }
    }

    fn append_doctype_to_document(&self, _n: StrTendril, _p: StrTendril, _s: StrTendril) {
        let id = self.new_node(NodeData::Doctype);
        self.link(NodeId::DOCUMENT, id, None);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        if dead(*target) {
            return OVERFLOW;
        }
        self.templates
            .borrow()
            .get(target)
            .copied()
            .unwrap_or(OVERFLOW)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        if dead(*sibling) {
            return;
        }
        let parent = self.nodes.borrow()[sibling.index()].parent;
        if let Some(p) = parent {
            self.insert(p, child, Some(*sibling));
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if dead(*target) {
            return;
        }
        let mut n = self.nodes.borrow_mut();
        if let NodeData::Element(e) = &mut n[target.index()].data {
            for a in attrs {
                if !e.attrs.iter().any(|x| x.name == a.name) {
                    // Each check scans the element's attributes: without this
                    // bound, many repeated `<body a1 … a999>` tags took
                    // quadratic time.
                    if e.attrs.len() >= self.max_attributes {
                        drop(n);
                        self.overflow(Overflow::Attributes);
                        return;
                    }
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        if !dead(*target) {
            self.unlink(*target);
        }
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        if dead(*node) {
            return;
        }
        loop {
            let first = self.nodes.borrow()[node.index()].first_child;
            let Some(c) = first else { break };
            if dead(*new_parent) {
                self.unlink(c);
            } else {
                self.link(*new_parent, c, None);
            }
        }
    }
}
