//! Declarative shadow DOM: a `<template shadowrootmode="open">` is what a
//! browser's parser turns into its parent's shadow root, so its content is
//! what the page shows there. After the parse, each such template becomes a
//! `<div data-tidings-shadow="open">`, first child of its host, holding the
//! template's content with the host's light children put into their `<slot>`s
//! (the flattened tree a reader sees). The browser extension's capture writes
//! live open shadow roots the same way. Closed roots stay inert templates.

use html5ever::{local_name, ns, Attribute, LocalName, QualName};

use super::{Dom, NodeData, NodeId};

/// The attribute marking an element that holds a flattened shadow root.
pub const SHADOW_MARK: &str = "data-tidings-shadow";

/// Attaches the open declarative shadow roots among `templates` (each
/// `<template>` with its unlinked contents node), outermost first.
pub(crate) fn attach(dom: &mut Dom, mut templates: Vec<(NodeId, NodeId)>) {
    // Creation order is document order: an outer template's slots are filled
    // before a nested one's content is linked in.
    templates.sort_unstable();
    for (template, contents) in templates {
        let Some(host) = dom.parent(template) else {
            continue;
        };
        let open = dom
            .attr(template, "shadowrootmode")
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("open"));
        // Only an element hosts a shadow root, and only one.
        let hostable = dom.element(host).is_some_and(|e| e.name.ns == ns!(html))
            && !dom
                .child_elements(host)
                .any(|c| dom.attr(c, SHADOW_MARK).is_some());
        if !open || !hostable {
            continue;
        }
        while let Some(c) = dom.first_child(contents) {
            dom.append(template, c);
        }
        if let NodeData::Element(e) = &mut dom.nodes[template.index()].data {
            e.name = QualName::new(None, ns!(html), local_name!("div"));
            e.attrs = vec![Attribute {
                name: QualName::new(None, ns!(), LocalName::from(SHADOW_MARK)),
                value: "open".into(),
            }];
        }
        project(dom, host, template);
        if let Some(first) = dom.first_child(host).filter(|&f| f != template) {
            dom.insert_before(first, template);
        }
    }
}

/// Puts the light children of `host` into the slots of its shadow root
/// `root` (named slots take children with a matching `slot` attribute, the
/// default slot the rest); a slot nothing is assigned to shows its own
/// fallback content; light children no slot takes are not shown and go.
fn project(dom: &mut Dom, host: NodeId, root: NodeId) {
    let slots: Vec<NodeId> = dom
        .descendants(root)
        .filter(|&n| dom.is(n, &local_name!("slot")))
        .collect();
    let mut light: Vec<Option<NodeId>> = dom
        .children(host)
        .filter(|&c| c != root)
        .map(Some)
        .collect();
    for slot in slots {
        let name = dom.attr(slot, "name").unwrap_or("").to_string();
        let mut assigned = false;
        for entry in light.iter_mut() {
            let Some(child) = *entry else { continue };
            let wants = match &dom.node(child).data {
                NodeData::Element(_) => dom.attr(child, "slot").unwrap_or(""),
                NodeData::Text(_) => "",
                _ => continue,
            };
            if wants == name {
                dom.insert_before(slot, child);
                *entry = None;
                assigned = true;
            }
        }
        if assigned {
            dom.detach(slot);
        } else {
            dom.unwrap(slot);
        }
    }
    for child in light.into_iter().flatten() {
        dom.detach(child);
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse, Limits};

    fn text_of(html: &str) -> String {
        let limits = Limits {
            max_nodes: 10_000,
            max_depth: 256,
            max_attributes: 100,
        };
        let dom = parse(html, &limits).unwrap();
        let body = dom.body().unwrap();
        dom.text_content(body)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn open_template_content_becomes_the_hosts_content() {
        let html = r#"<body><x-story><template shadowrootmode="open"><h1>Title</h1>
            <p><slot name="lead">fallback lead</slot></p><slot></slot> <slot name="none">shown fallback</slot></template>
            <span slot="lead">Lead text</span> light body <i>kept</i><b slot="nowhere">hidden</b></x-story></body>"#;
        assert_eq!(
            text_of(html),
            "Title Lead text light body kept shown fallback"
        );
    }

    #[test]
    fn closed_and_plain_templates_stay_inert() {
        let html = r#"<body><div><template shadowrootmode="closed"><p>secret</p></template>light</div>
            <template><p>inert</p></template></body>"#;
        assert_eq!(text_of(html), "light");
    }

    #[test]
    fn nested_roots_are_flattened() {
        let html = r#"<body><x-a><template shadowrootmode="open"><x-b><template shadowrootmode="open">
            <p>inner <slot></slot></p></template><slot></slot></x-b></template>outer light</x-a></body>"#;
        assert_eq!(text_of(html), "inner outer light");
    }
}
