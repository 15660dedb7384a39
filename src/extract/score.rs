//! Scoring: every paragraph-like block gives points to its ancestors for its
//! length and commas; containers are weighted by tag and by class/id signals,
//! then discounted by link density. Text is measured script-fairly (CJK in
//! characters, Latin scripts in words; see `crate::text::Counts`).

use crate::dom::{Dom, NodeData, NodeId};
use crate::rules::candidates::{NEGATIVE, POSITIVE, SIGNS};
use crate::text::Counts;
use html5ever::local_name;

/// Counts of elements strictly inside a node, for the block judgements in
/// `clean`. One per node, so kept small: counts saturate at `u16::MAX`, far
/// beyond any threshold they are compared with.
#[derive(Debug, Default, Clone, Copy)]
pub struct Census {
    pub p: u16,
    pub img: u16,
    pub li: u16,
    pub input: u16,
    /// `video` and `audio`.
    pub embed: u16,
    /// Headings (`h1`–`h6`) and the text weight inside them, and inside links within them.
    pub headings: u16,
    pub heading_weight: f32,
    pub heading_link_weight: f32,
    /// Holds `pre` or `code`.
    pub code: bool,
}

/// Text measures of every node's subtree, indexed by node.
pub struct Stats {
    /// Script-fair text weight (see `Counts::weight`).
    pub weight: Vec<f32>,
    /// Weight of the text inside links.
    pub link_weight: Vec<f32>,
    pub commas: Vec<u32>,
    pub census: Vec<Census>,
    /// Weight of the link-poor paragraphs inside (prose, as opposed to
    /// menus, captions and link lists).
    pub prose: Vec<f32>,
}

impl Stats {
    /// Measures the subtree of `root` in one pass (pre-order list, then a reverse sweep).
    pub fn compute(dom: &Dom, root: NodeId) -> Stats {
        let n = dom.len();
        let mut s = Stats {
            weight: vec![0.0; n],
            link_weight: vec![0.0; n],
            commas: vec![0; n],
            census: vec![Census::default(); n],
            prose: vec![0.0; n],
        };
        let order: Vec<NodeId> = dom.descendants(root).collect();
        let mut in_link = vec![false; n];
        for &id in &order {
            if let Some(p) = dom.parent(id) {
                in_link[id.index()] = in_link[p.index()] || dom.is(p, &local_name!("a"));
            }
            if let NodeData::Text(t) = &dom.node(id).data {
                let (counts, commas) = Counts::with_commas(t);
                let w = counts.weight() as f32;
                s.weight[id.index()] = w;
                s.commas[id.index()] = commas as u32;
                if in_link[id.index()] {
                    s.link_weight[id.index()] = w;
                }
            }
        }
        for &id in order.iter().rev() {
            if id == root {
                continue;
            }
            if let Some(p) = dom.parent(id) {
                let (i, pi) = (id.index(), p.index());
                if dom.is(id, &local_name!("p")) && s.link_weight[i] < s.weight[i] * PROSE_MAX_LINKS
                {
                    s.prose[i] = s.weight[i];
                }
                s.prose[pi] += s.prose[i];
                s.weight[pi] += s.weight[i];
                s.link_weight[pi] += s.link_weight[i];
                s.commas[pi] += s.commas[i];
                let mut c = s.census[i];
                match dom.tag(id) {
                    Some(&local_name!("p")) => c.p = c.p.saturating_add(1),
                    Some(&local_name!("img")) => c.img = c.img.saturating_add(1),
                    Some(&local_name!("li")) => c.li = c.li.saturating_add(1),
                    Some(&local_name!("input")) => c.input = c.input.saturating_add(1),
                    Some(&local_name!("video")) | Some(&local_name!("audio")) => {
                        c.embed = c.embed.saturating_add(1)
                    }
                    Some(&local_name!("pre")) | Some(&local_name!("code")) => c.code = true,
                    Some(&local_name!("h1"))
                    | Some(&local_name!("h2"))
                    | Some(&local_name!("h3"))
                    | Some(&local_name!("h4"))
                    | Some(&local_name!("h5"))
                    | Some(&local_name!("h6")) => {
                        c.headings = c.headings.saturating_add(1);
                        c.heading_weight = s.weight[i];
                        c.heading_link_weight = s.link_weight[i];
                    }
                    _ => {}
                }
                let pc = &mut s.census[pi];
                pc.p = pc.p.saturating_add(c.p);
                pc.img = pc.img.saturating_add(c.img);
                pc.li = pc.li.saturating_add(c.li);
                pc.input = pc.input.saturating_add(c.input);
                pc.embed = pc.embed.saturating_add(c.embed);
                pc.headings = pc.headings.saturating_add(c.headings);
                pc.heading_weight += c.heading_weight;
                pc.heading_link_weight += c.heading_link_weight;
                pc.code |= c.code;
            }
        }
        s
    }

    pub fn link_density(&self, id: NodeId) -> f32 {
        let w = self.weight[id.index()];
        if w <= 0.0 {
            0.0
        } else {
            (self.link_weight[id.index()] / w).min(1.0)
        }
    }
}

/// Most link text a paragraph may hold and still count as prose.
const PROSE_MAX_LINKS: f32 = 0.3;

/// Class/id weight: +25 for article-ish names, −25 for clutter names.
pub fn class_weight(dom: &Dom, id: NodeId) -> f32 {
    let mut w = 0.0;
    for attr in [local_name!("class"), local_name!("id")] {
        if let Some(v) = dom.attr_named(id, &attr) {
            let signs = SIGNS.hits(v);
            if signs & NEGATIVE != 0 {
                w -= 25.0;
            }
            if signs & POSITIVE != 0 {
                w += 25.0;
            }
        }
    }
    if dom
        .attr(id, "itemprop")
        .is_some_and(|v| v.contains("articleBody"))
    {
        w += 50.0;
    }
    w
}

fn tag_weight(dom: &Dom, id: NodeId) -> f32 {
    match dom.tag(id) {
        Some(&local_name!("div"))
        | Some(&local_name!("article"))
        | Some(&local_name!("section"))
        | Some(&local_name!("main")) => 5.0,
        Some(&local_name!("pre")) | Some(&local_name!("td")) | Some(&local_name!("blockquote")) => {
            3.0
        }
        Some(&local_name!("address"))
        | Some(&local_name!("ol"))
        | Some(&local_name!("ul"))
        | Some(&local_name!("dl"))
        | Some(&local_name!("dd"))
        | Some(&local_name!("dt"))
        | Some(&local_name!("li"))
        | Some(&local_name!("form")) => -3.0,
        Some(&local_name!("h1"))
        | Some(&local_name!("h2"))
        | Some(&local_name!("h3"))
        | Some(&local_name!("h4"))
        | Some(&local_name!("h5"))
        | Some(&local_name!("h6"))
        | Some(&local_name!("th")) => -5.0,
        _ => 0.0,
    }
}

/// Blocks that carry prose and give points to their ancestors.
fn scores_itself(dom: &Dom, id: NodeId) -> bool {
    matches!(
        dom.tag(id),
        Some(&local_name!("p"))
            | Some(&local_name!("pre"))
            | Some(&local_name!("td"))
            | Some(&local_name!("h2"))
            | Some(&local_name!("h3"))
            | Some(&local_name!("h4"))
            | Some(&local_name!("blockquote"))
    )
}

/// Least weight for a block to count (about 25 Latin characters or 10 CJK characters).
const MIN_BLOCK_WEIGHT: f32 = 24.0;

/// Content scores of candidate containers, already discounted by link density.
pub fn candidates(dom: &Dom, root: NodeId, stats: &Stats) -> Vec<(NodeId, f32)> {
    let mut score: Vec<f32> = vec![f32::NAN; dom.len()];
    let mut touched = Vec::new();
    for id in dom.descendants(root) {
        if !scores_itself(dom, id) {
            continue;
        }
        let w = stats.weight[id.index()];
        if w < MIN_BLOCK_WEIGHT {
            continue;
        }
        let points = 1.0 + stats.commas[id.index()] as f32 + (w / 100.0).floor().min(3.0);
        for (level, anc) in dom.ancestors(id).take(5).enumerate() {
            if dom.element(anc).is_none() {
                break;
            }
            let i = anc.index();
            if score[i].is_nan() {
                score[i] = tag_weight(dom, anc) + class_weight(dom, anc);
                touched.push(anc);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[i] += points / divider;
        }
    }
    touched
        .into_iter()
        .map(|id| (id, score[id.index()] * (1.0 - stats.link_density(id))))
        .collect()
}

/// How many levels the prose climb in [`top_candidate`] may go up.
const MAX_PROSE_CLIMB: usize = 6;
/// Least prose an ancestor must add for the climb to take it (about 100 words).
const PROSE_CLIMB_GAIN: f32 = 600.0;

/// Least share of prose in what the climb adds (the rest: captions, headings).
const PROSE_CLIMB_SHARE: f32 = 0.7;

/// Picks the container of the article from scored candidates.
pub fn top_candidate(
    dom: &Dom,
    root: NodeId,
    stats: &Stats,
    scored: &[(NodeId, f32)],
    unlikely: &[NodeId],
) -> Option<NodeId> {
    // The five best, best first, ties in document order (no sort linked in).
    let mut ranked: Vec<(NodeId, f32)> = Vec::with_capacity(6);
    for &c in scored {
        let at = ranked
            .iter()
            .position(|r| c.1.total_cmp(&r.1).is_gt())
            .unwrap_or(ranked.len());
        if at < 5 {
            ranked.insert(at, c);
            ranked.truncate(5);
        }
    }
    let &(mut top, top_score) = ranked.first()?;
    let score_of = |id: NodeId| scored.iter().find(|(n, _)| *n == id).map(|(_, s)| *s);

    // Several strong candidates under one ancestor: the article is split; take the ancestor.
    let strong: Vec<NodeId> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(n, _)| *n)
        .collect();
    if strong.len() >= 2 {
        for anc in dom.ancestors(top) {
            if anc == root || dom.is(anc, &local_name!("body")) {
                break;
            }
            let holds = strong.iter().filter(|&&s| dom.is_inside(s, anc)).count();
            if holds >= 2 {
                top = anc;
                break;
            }
        }
    }

    // Walk up while a parent scores better (its text is more of the article).
    let mut last = score_of(top).unwrap_or(top_score);
    let threshold = last / 3.0;
    let mut cur = top;
    while let Some(p) = dom.parent(cur) {
        if p == root || dom.is(p, &local_name!("body")) || dom.element(p).is_none() {
            break;
        }
        let Some(ps) = score_of(p) else {
            cur = p;
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        cur = p;
    }

    // The article split into sibling containers (sections between figures,
    // CJK text in several boxes): go up while an ancestor holds much more
    // prose and is not mostly links.
    let mut up = top;
    let mut clutter = 0.0_f32;
    // Each set-aside unlikely node with the lowest node of the climb's path
    // (`top`, then its ancestors) it lies under: one walk up per node, so a
    // page of many such nodes costs their number times the depth, once.
    let path: Vec<NodeId> = std::iter::once(top)
        .chain(dom.ancestors(top))
        .take(MAX_PROSE_CLIMB + 1)
        .collect();
    let unlikely_at: Vec<(usize, NodeId)> = unlikely
        .iter()
        .filter_map(|&n| {
            std::iter::once(n)
                .chain(dom.ancestors(n))
                .find_map(|a| path.iter().position(|&q| q == a))
                .map(|level| (level, n))
        })
        .collect();
    for level in 1..=MAX_PROSE_CLIMB {
        let Some(p) = dom.parent(up) else { break };
        if p == root || dom.is(p, &local_name!("body")) || dom.element(p).is_none() {
            break;
        }
        let (mine, theirs) = (stats.prose[top.index()], stats.prose[p.index()]);
        // Prose in blocks named as clutter (comments, related) does not count.
        clutter += dom
            .child_elements(p)
            .filter(|&c| c != up && class_weight(dom, c) < 0.0)
            // Inside `p` (path[level]) and not inside `up` (path[level - 1]).
            .chain(
                unlikely_at
                    .iter()
                    .filter(|&&(l, _)| l == level)
                    .map(|&(_, n)| n),
            )
            .map(|c| stats.prose[c.index()])
            .sum::<f32>();
        let gain = theirs - mine - clutter;
        let added = stats.weight[p.index()] - stats.weight[top.index()] - clutter;
        if gain >= mine * 0.3
            && gain >= PROSE_CLIMB_GAIN
            && gain >= added * PROSE_CLIMB_SHARE
            && stats.link_density(p) < 0.3
        {
            top = p;
        }
        up = p;
    }

    // A lone child holds nothing its parent doesn't: go up.
    while let Some(p) = dom.parent(top) {
        if p == root || dom.is(p, &local_name!("body")) || dom.element(p).is_none() {
            break;
        }
        if dom.child_elements(p).count() != 1
            || stats.weight[p.index()] > stats.weight[top.index()] * 1.05
        {
            break;
        }
        top = p;
    }
    Some(top)
}
