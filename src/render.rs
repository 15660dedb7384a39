//! Plain text and Markdown renderings of the cleaned article.

use crate::dom::{Dom, NodeData, NodeId};
use crate::sanitize::{absolute, is_dropped};
use crate::text::Normalizer;
use html5ever::local_name;

/// Plain text: one line per block (paragraph, heading, list item, caption,
/// table row with cells joined by " | "); `pre` keeps its lines.
pub fn text(dom: &Dom, root: NodeId) -> String {
    let mut out = Lines::default();
    let mut cur = String::new();
    let mut stack: Vec<(NodeId, bool)> = dom
        .children(root)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|c| (c, true))
        .collect();
    while let Some((id, entering)) = stack.pop() {
        match &dom.node(id).data {
            NodeData::Text(t) => cur.push_str(t),
            NodeData::Element(_) if is_dropped(dom, id) => {}
            NodeData::Element(_) => {
                let tag = dom.tag(id).cloned();
                let block = crate::extract::is_block(dom, id);
                if entering {
                    match tag {
                        Some(local_name!("br")) => out.flush(&mut cur),
                        Some(local_name!("pre")) => {
                            out.flush(&mut cur);
                            let raw = dom.text_content(id);
                            for l in raw.trim_matches('\n').lines() {
                                out.push(l.trim_end());
                            }
                            continue;
                        }
                        Some(local_name!("td")) | Some(local_name!("th"))
                            if !cur.trim().is_empty() =>
                        {
                            cur.push_str(" | ");
                        }
                        Some(local_name!("td")) | Some(local_name!("th")) => {}
                        _ if block => out.flush(&mut cur),
                        _ => {}
                    }
                    stack.push((id, false));
                    let kids: Vec<NodeId> = dom.children(id).collect();
                    stack.extend(kids.into_iter().rev().map(|c| (c, true)));
                } else if block && !matches!(tag, Some(local_name!("td")) | Some(local_name!("th")))
                {
                    out.flush(&mut cur);
                }
            }
            _ => {}
        }
    }
    out.flush(&mut cur);
    out.text
}

/// Plain-text lines joined by `\n`, written straight into one string.
#[derive(Default)]
struct Lines {
    text: String,
    lines: usize,
    /// The line being normalized, reused.
    line: Normalizer,
}

impl Lines {
    fn push(&mut self, line: &str) {
        Self::append(&mut self.text, &mut self.lines, line);
    }

    /// Ends the current line: `cur` with white space collapsed, unless that leaves nothing.
    fn flush(&mut self, cur: &mut String) {
        self.line.clear();
        self.line.push_str(cur);
        cur.clear();
        if !self.line.out.is_empty() {
            Self::append(&mut self.text, &mut self.lines, &self.line.out);
        }
    }

    fn append(text: &mut String, lines: &mut usize, line: &str) {
        if *lines > 0 {
            text.push('\n');
        }
        text.push_str(line);
        *lines += 1;
    }
}

/// Markdown (CommonMark): headings, emphasis, links, images, lists, quotes,
/// fenced code and pipe tables.
pub fn markdown(dom: &Dom, root: NodeId, base: Option<&url::Url>) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeId, bool, usize)> = dom
        .children(root)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|c| (c, true, 0))
        .collect();
    let mut list_depth = 0usize;
    let mut quote_depth = 0usize;
    // Open `pre`, `li` and `thead` elements around the current node (counters, not ancestor walks).
    let (mut in_pre, mut in_li, mut in_thead) = (0usize, 0usize, 0usize);
    let new_block = |out: &mut String, quote: usize| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for _ in 0..quote {
            out.push_str("> ");
        }
    };
    while let Some((id, entering, index)) = stack.pop() {
        match &dom.node(id).data {
            NodeData::Text(t) => {
                if in_pre > 0 {
                    out.push_str(t);
                } else {
                    let collapsed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    if t.starts_with(char::is_whitespace)
                        && !out.ends_with([' ', '\n'])
                        && !out.is_empty()
                    {
                        out.push(' ');
                    }
                    out.push_str(&escape_md(&collapsed));
                    if t.ends_with(char::is_whitespace) && !collapsed.is_empty() {
                        out.push(' ');
                    }
                }
            }
            NodeData::Element(_) if is_dropped(dom, id) => {}
            NodeData::Element(_) => {
                let tag = dom.tag(id).cloned().unwrap_or(local_name!("span"));
                if !entering {
                    match tag {
                        local_name!("pre") => in_pre -= 1,
                        local_name!("li") => in_li -= 1,
                        local_name!("thead") => in_thead -= 1,
                        _ => {}
                    }
                    match tag {
                        local_name!("em") | local_name!("i") => out.push('*'),
                        local_name!("strong") | local_name!("b") => out.push_str("**"),
                        local_name!("code") if in_pre == 0 => out.push('`'),
                        local_name!("a") => {
                            let href = dom
                                .attr(id, "href")
                                .and_then(|h| absolute(h, base))
                                .unwrap_or_default();
                            out.push_str(&format!("]({href})"));
                        }
                        local_name!("pre") => out.push_str("\n```"),
                        local_name!("ul") | local_name!("ol") => {
                            list_depth = list_depth.saturating_sub(1)
                        }
                        local_name!("blockquote") => quote_depth = quote_depth.saturating_sub(1),
                        local_name!("tr") => out.push_str(" |"),
                        local_name!("thead") => {}
                        _ => {}
                    }
                    if tag == local_name!("tr") && (in_thead > 0 || is_first_row(dom, id)) {
                        let cols = dom.child_elements(id).count();
                        out.push('\n');
                        out.push_str(&"| --- ".repeat(cols));
                        out.push('|');
                    }
                    continue;
                }
                match tag {
                    local_name!("h1")
                    | local_name!("h2")
                    | local_name!("h3")
                    | local_name!("h4")
                    | local_name!("h5")
                    | local_name!("h6") => {
                        new_block(&mut out, quote_depth);
                        let level = tag.as_bytes()[1] - b'0';
                        out.push_str(&"#".repeat(level.max(2) as usize));
                        out.push(' ');
                    }
                    local_name!("p")
                    | local_name!("figure")
                    | local_name!("figcaption")
                    | local_name!("table")
                    | local_name!("dl")
                    | local_name!("dt")
                    | local_name!("dd")
                    | local_name!("div")
                    | local_name!("section")
                        if in_li == 0 =>
                    {
                        new_block(&mut out, quote_depth);
                    }
                    local_name!("blockquote") => {
                        quote_depth += 1;
                        new_block(&mut out, quote_depth);
                    }
                    local_name!("ul") | local_name!("ol") => {
                        if list_depth == 0 {
                            new_block(&mut out, quote_depth);
                        }
                        list_depth += 1;
                    }
                    local_name!("li") => {
                        let trimmed = out.trim_end_matches([' ', '\n']).len();
                        out.truncate(trimmed);
                        out.push('\n');
                        out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                        let ordered = dom
                            .parent(id)
                            .is_some_and(|p| dom.is(p, &local_name!("ol")));
                        if ordered {
                            out.push_str(&format!("{}. ", index + 1));
                        } else {
                            out.push_str("- ");
                        }
                    }
                    local_name!("pre") => {
                        new_block(&mut out, quote_depth);
                        out.push_str("```\n");
                    }
                    local_name!("br") => out.push_str("  \n"),
                    local_name!("hr") => {
                        new_block(&mut out, quote_depth);
                        out.push_str("---");
                    }
                    local_name!("em") | local_name!("i") => out.push('*'),
                    local_name!("strong") | local_name!("b") => out.push_str("**"),
                    local_name!("code") if in_pre == 0 => out.push('`'),
                    local_name!("a") => out.push('['),
                    local_name!("img") => {
                        if let Some(src) = dom.attr(id, "src").and_then(|s| absolute(s, base)) {
                            let alt = dom.attr(id, "alt").unwrap_or("");
                            out.push_str(&format!("![{}]({src})", escape_md(alt)));
                        }
                        continue;
                    }
                    local_name!("tr") => {
                        out.push('\n');
                    }
                    local_name!("td") | local_name!("th") => out.push_str("| "),
                    _ => {}
                }
                match tag {
                    local_name!("pre") => in_pre += 1,
                    local_name!("li") => in_li += 1,
                    local_name!("thead") => in_thead += 1,
                    _ => {}
                }
                stack.push((id, false, index));
                let kids: Vec<NodeId> = dom.children(id).collect();
                let mut li_index = kids
                    .iter()
                    .filter(|&&k| dom.is(k, &local_name!("li")))
                    .count();
                for k in kids.into_iter().rev() {
                    if dom.is(k, &local_name!("li")) {
                        li_index -= 1;
                    }
                    stack.push((k, true, li_index));
                }
            }
            _ => {}
        }
    }
    let mut s = out.trim().to_string();
    s.push('\n');
    s
}

fn is_first_row(dom: &Dom, tr: NodeId) -> bool {
    let table = dom
        .ancestors(tr)
        .find(|&a| dom.is(a, &local_name!("table")));
    let has_thead =
        table.is_some_and(|t| dom.descendants(t).any(|d| dom.is(d, &local_name!("thead"))));
    !has_thead
        && table.and_then(|t| dom.descendants(t).find(|&d| dom.is(d, &local_name!("tr"))))
            == Some(tr)
}

fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A whole article as Markdown: title, a byline/source line, then the body.
pub fn article_markdown(a: &crate::Article) -> String {
    let mut out = format!("# {}\n\n", escape_md(&a.title));
    let meta: Vec<String> = [
        a.byline.clone(),
        a.site_name.clone(),
        a.published_time.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        out.push_str(&format!("*{}*\n\n", escape_md(&meta.join(" · "))));
    }
    let wrapped = format!("<!doctype html><html><body>{}</body></html>", a.content);
    let limits = crate::Limits::default();
    if let Ok(dom) = crate::dom::parse(&wrapped, &limits.for_parse()) {
        if let Some(body) = dom.body() {
            out.push_str(&markdown(&dom, body, None));
        }
    }
    if let Some(u) = &a.canonical_url {
        out.push_str(&format!("\n[Original]({u})\n"));
    }
    out
}
