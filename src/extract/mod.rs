//! The extraction pipeline: parse once, read declared metadata and the visible
//! byline, prepare, score, choose the article container and its siblings,
//! clean inside it, then render and resolve metadata.

pub mod clean;
mod pages;
pub mod pick;
mod prepare;
mod score;

pub use prepare::is_block;

use crate::dom::{self, Dom, NodeId};
use crate::metadata::{self, title::declared as declared_titles, Inputs};
use crate::text::{normalize_ws, Counts};
use crate::{render, sanitize, Article, Error, ErrorKind, Options, Removed};
use clean::{Credits, Reason, Removals};
use html5ever::local_name;
use score::Stats;

/// A body shorter than this (in text weight, about characters of Latin text)
/// makes the extractor try again with the set-aside blocks put back.
const RETRY_BELOW_WEIGHT: f32 = 500.0;

/// Readability-style page test: paragraphs longer than this weight count.
const READERABLE_MIN_BLOCK: f32 = 140.0;
const READERABLE_MIN_SCORE: f32 = 20.0;
/// A chosen body this heavy (about 330 words or 800 CJK characters) with few links is an article.
const LONG_BODY_WEIGHT: f32 = 2000.0;

pub const HEADLINE: Reason = Reason {
    rule: "headline",
    catches: "the headline repeated inside the article body",
};
pub const BYLINE: Reason = Reason {
    rule: "byline-block",
    catches: "byline, dateline and share-count blocks (kept as metadata)",
};
pub const DEK: Reason = Reason {
    rule: "duplicate-summary",
    catches: "the summary (dek) shown above a repeated byline block, kept once as the excerpt",
};

pub fn run(html: &str, url: Option<&url::Url>, options: &Options) -> Result<Article, Error> {
    extract(html, url, options, Mode::Chosen, None)
}

/// The article from the block at `path` (a path [`pick::view`] wrote), with
/// the same cleaning, metadata and citation as a chosen one.
pub fn run_picked(
    html: &str,
    url: Option<&url::Url>,
    options: &Options,
    path: &str,
) -> Result<Article, Error> {
    extract(html, url, options, Mode::Chosen, Some(path))
}

/// The page's body as an inert view for picking a block (see [`pick::view`]).
pub fn pick_view(html: &str, options: &Options) -> Result<String, Error> {
    let dom = parse(html, options)?;
    pick::view(&dom).ok_or_else(|| Error::new(ErrorKind::NotHtml, "the page has no body"))
}

/// What the pipeline takes as the article.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The chosen blocks (the usual run).
    Chosen,
    /// The whole cleaned body (the forced answer when cleaning left nothing
    /// of the chosen blocks).
    Whole,
    /// The comment thread of a post with too little text of its own.
    Thread,
}

/// The pipeline.
fn extract(
    html: &str,
    url: Option<&url::Url>,
    options: &Options,
    mode: Mode,
    pick: Option<&str>,
) -> Result<Article, Error> {
    let whole = mode == Mode::Whole;
    let mut dom = parse(html, options)?;
    let declared = metadata::collect(&dom);
    let base_owned = match (&declared.base_href, url) {
        (Some(b), Some(u)) => u.join(b).ok(),
        (Some(b), None) => url::Url::parse(b).ok(),
        (None, u) => u.cloned(),
    };
    let base = base_owned.as_ref().or(url);
    let titles = declared_titles(&declared);
    let visible = metadata::scan(&dom, &titles);

    let root = dom.body().unwrap_or(NodeId::DOCUMENT);
    let picked = match pick {
        Some(p) => Some(pick::resolve(&dom, root, p).ok_or_else(pick_gone)?),
        None => None,
    };
    let next_page = pages::find(&dom, root, url, base);
    let mut aside = prepare::run(&mut dom, root, base);
    // A picked block the clutter rules set aside is put back: the reader chose it.
    if picked.is_some_and(|p| !dom.is_inside(p, root)) {
        prepare::restore(&mut dom, std::mem::take(&mut aside));
    }
    if picked.is_some_and(|p| !dom.is_inside(p, root)) {
        return Err(pick_gone());
    }
    let aside_nodes: Vec<NodeId> = aside.iter().map(prepare::SetAside::node).collect();
    prepare::paragraphs(&mut dom, root);
    let mut stats = Stats::compute(&dom, root);
    let mut readerable = readerable_score(&dom, root, &stats) > READERABLE_MIN_SCORE;
    let mut chosen = match picked {
        Some(p) => Some(vec![p]),
        None => choose(&dom, root, &stats, &[]),
    };
    let weight = |c: &Option<Vec<NodeId>>, s: &Stats| {
        c.as_ref()
            .map_or(0.0, |c| c.iter().map(|n| s.weight[n.index()]).sum::<f32>())
    };
    let too_short = weight(&chosen, &stats) < RETRY_BELOW_WEIGHT;
    let first_main = |dom: &Dom, stats: &Stats, chosen: &Option<Vec<NodeId>>| {
        picked.is_some()
            || chosen
                .as_deref()
                .is_some_and(|c| has_main_text(dom, root, c, stats, &declared, &visible))
    };
    // A thread's comments are set aside as unlikely: its pass puts them back.
    if picked.is_none()
        && (too_short || !readerable || mode == Mode::Thread || !first_main(&dom, &stats, &chosen))
        && !aside.is_empty()
    {
        // Fallback pass: put the set-aside blocks back and measure again.
        // The old measures no longer describe the tree, so they are replaced.
        prepare::restore(&mut dom, aside);
        prepare::paragraphs(&mut dom, root);
        let first_weight = weight(&chosen, &stats);
        drop(stats);
        stats = Stats::compute(&dom, root);
        readerable = readerable || readerable_score(&dom, root, &stats) > READERABLE_MIN_SCORE;
        let again = choose(&dom, root, &stats, &aside_nodes);
        if weight(&again, &stats) > first_weight * 1.3 {
            chosen = again;
        }
    }
    // A long, link-poor body is an article even when its paragraphs are
    // short lines (poems, `<br>`-separated CJK blogs).
    let shape = chosen.as_deref().map(|c| Body::measure(c, &stats));
    if !readerable {
        readerable =
            shape.is_some_and(|b| b.weight >= LONG_BODY_WEIGHT && b.links < b.weight * 0.2);
    }
    // `readerable` only names the page; whether there is an article is the
    // chosen body's own test.
    let page_weight = stats.weight[root.index()];
    let found = first_main(&dom, &stats, &chosen);
    // A post whose own text is too short, above a thread of comments.
    let thread_page = mode == Mode::Chosen
        && picked.is_none()
        && !options.force
        && one_post(&dom, &declared, &visible, url);
    let chosen = match mode {
        Mode::Thread => Some(vec![thread(&dom, root, &stats).ok_or_else(no_article)?]),
        _ => chosen,
    };
    let found = found || mode == Mode::Thread;
    // A page that declares one item whose chosen body is not main text: the
    // story may be a smaller block beside a link-heavy page, a list of
    // outbound links with prose (a shopping list, a link roundup), or only
    // the item's own short description (a video's).
    let mut described = false;
    let (chosen, found) = match chosen {
        Some(_) if !found && !whole && single_item(&declared, url) => {
            match rescue(&dom, root, &stats, base, page_weight) {
                Some(r) => (Some(r), true),
                None => match shown_description(&dom, root, &stats, &declared) {
                    Some(d) => {
                        described = true;
                        (Some(vec![d]), true)
                    }
                    None => (chosen, false),
                },
            }
        }
        c => (c, found),
    };
    if !found && thread_page {
        return extract(html, url, options, Mode::Thread, None);
    }
    let chosen = match chosen {
        _ if whole => vec![root],
        Some(c) if found || options.force => c,
        // Forced, with no candidate: the whole body, cleaned.
        None if options.force && page_weight > 0.0 => vec![root],
        _ => return Err(no_article()),
    };
    // Comments carry the class names cleaning removes: a thread is kept whole.
    let whole_body = chosen == [root] || mode == Mode::Thread;

    // Credit lines often sit just after the body container ("Source: … Editor: …").
    let after = chosen
        .last()
        .and_then(|&l| dom.next_skipping_children(root, l));
    // Gather the chosen blocks into one container.
    let container = dom.create_element(local_name!("div"));
    for n in chosen {
        dom.append(container, n);
    }

    let mut removed: Removals = Vec::new();
    let mut credits = Credits::default();
    let dek = strip_head(&mut dom, container, &visible, &mut removed);
    let total: f32 = dom
        .children(container)
        .map(|c| stats.weight[c.index()])
        .sum();
    if !whole_body {
        clean::blocks(&mut dom, container, &stats, total, &mut removed);
    }
    clean::notes(&mut dom, container, &mut removed);
    // The measures are not needed past here: free them before the output is built.
    drop(stats);
    clean::lines(&mut dom, container, &mut removed, &mut credits);
    clean::repeated_lines(&mut dom, container, &mut removed);
    clean::empties(&mut dom, container);
    if let Some(after) = after {
        trailing_credits(&dom, root, after, &mut credits);
    }
    // The drawer also lists the clutter lines of the blocks set aside as not
    // the article (footers, headers, menus: where licence, registration and
    // copyright lines live), without walking the rest of the body again.
    for r in aside_nodes.into_iter().filter(|&n| dom.parent(n).is_none()) {
        clean::lines_outside(&dom, r, &mut removed);
    }

    let text = render::text(&dom, container);
    let counts = Counts::of(&text);
    // What cleaning left may be too little to be a story ("Posted by … Archived").
    let left = counts.weight() as f32;
    if !options.force
        && !described
        && picked.is_none()
        && left < STORY_MIN_WEIGHT
        && left < page_weight * 0.5
    {
        if thread_page {
            return extract(html, url, options, Mode::Thread, None);
        }
        return Err(no_article());
    }
    if counts.units() == 0 {
        if options.force && !whole_body && page_weight > 0.0 {
            // Cleaning left nothing of the chosen blocks: answer with the whole body.
            return extract(html, url, options, Mode::Whole, None);
        }
        return Err(no_article());
    }
    let content = sanitize::serialize(&dom, container, false, base);
    let first_paragraph = text
        .lines()
        .find(|l| l.chars().count() > 40)
        .map(str::to_string);
    let first_image = dom
        .descendants(container)
        .find(|&n| dom.is(n, &local_name!("img")))
        .and_then(|n| dom.attr(n, "src"))
        .map(str::to_string);
    let m = metadata::resolve(&Inputs {
        declared: &declared,
        visible: &visible,
        credits: &credits,
        url,
        body_text: &text,
        body_counts: counts,
        first_paragraph: first_paragraph.as_deref(),
        dek: dek.as_deref(),
        first_image: first_image.as_deref(),
    });
    let removed = removed
        .into_iter()
        .map(|(id, reason)| Removed {
            rule: reason.rule.to_string(),
            reason: reason.catches.to_string(),
            text: normalize_ws(&dom.text_content(id)),
            html: sanitize::serialize(&dom, id, true, base),
        })
        .collect();
    let mut article = metadata::with_body(m, content, text, counts, readerable, removed);
    article.next_page = next_page;
    Ok(article)
}

/// Parses the page within the limits.
fn parse(html: &str, options: &Options) -> Result<Dom, Error> {
    if html.trim().is_empty() {
        return Err(Error::new(ErrorKind::NotHtml, "the input is empty"));
    }
    let limits = options.limits;
    dom::parse(html, &limits.for_parse()).map_err(|o| match o {
        dom::Overflow::Nodes => Error::new(
            ErrorKind::TooManyNodes {
                limit: limits.max_nodes,
            },
            format!("the page needs more than {} HTML nodes", limits.max_nodes),
        ),
        dom::Overflow::Depth => Error::new(
            ErrorKind::TooDeep {
                limit: limits.max_depth,
            },
            format!(
                "the page nests elements more than {} deep",
                limits.max_depth
            ),
        ),
        dom::Overflow::Attributes => Error::new(
            ErrorKind::TooManyAttributes {
                limit: limits.max_attributes,
            },
            format!("a tag has more than {} attributes", limits.max_attributes),
        ),
    })
}

fn pick_gone() -> Error {
    Error::new(
        ErrorKind::PickNotFound,
        "the picked block is not on this page (or holds nothing to read)",
    )
}

/// The chosen body's measures, for the "has main text" test.
#[derive(Clone, Copy)]
struct Body {
    weight: f32,
    links: f32,
    headings: u32,
    heading_weight: f32,
    heading_link_weight: f32,
}

/// A body at least this heavy (about 80 words, 200 CJK characters) is main
/// text on its own; a lighter one must be most of the page or on a page that
/// declares itself an article.
const SHORT_BODY_WEIGHT: f32 = 500.0;
/// Least weight of a short story on a page declared an article or under its
/// headline (about 20 words, 40 CJK characters): less is a caption or a
/// "posted by" line.
const STORY_MIN_WEIGHT: f32 = 100.0;
/// A body with more of its text in links than this is a link list (home
/// pages, section fronts, search results).
const MAX_MAIN_LINK_DENSITY: f32 = 0.5;
/// Teaser lists: linked headings with this little text each.
const TEASER_WEIGHT_PER_HEADING: f32 = 400.0;

impl Body {
    fn measure(chosen: &[NodeId], stats: &Stats) -> Body {
        let mut b = Body {
            weight: 0.0,
            links: 0.0,
            headings: 0,
            heading_weight: 0.0,
            heading_link_weight: 0.0,
        };
        for n in chosen {
            let (i, c) = (n.index(), &stats.census[n.index()]);
            b.weight += stats.weight[i];
            b.links += stats.link_weight[i];
            b.headings += u32::from(c.headings);
            b.heading_weight += c.heading_weight;
            b.heading_link_weight += c.heading_link_weight;
        }
        b
    }

    /// Whether the body is a page's main text rather than a list of links or
    /// teasers: link-poor, not headed by a run of linked headlines, and
    /// either long, most of the page's text, or a short story on a page
    /// that declares itself an article (`story_signal`: `og:type` article,
    /// article JSON-LD, or the body sits under the page's own `h1` headline).
    ///
    /// `teasers` gives the weight of the body's teaser items (asked only of
    /// a body headed by many linked headlines).
    fn is_main_text(
        &self,
        page_weight: f32,
        story_signal: bool,
        teasers: impl FnOnce() -> f32,
    ) -> bool {
        let w = self.weight;
        if w <= 0.0 || self.links > w * MAX_MAIN_LINK_DENSITY {
            return false;
        }
        // Many linked headlines with little text each, most of it in list
        // items or `article`s that each hold one: a teaser list. (A link
        // roundup's headlines run in the text, between its paragraphs.)
        let linked_headings = self.headings >= 3
            && self.heading_link_weight >= self.heading_weight * 0.7
            && w / (self.headings as f32) < TEASER_WEIGHT_PER_HEADING;
        if linked_headings && teasers() >= w * 0.5 {
            return false;
        }
        w >= SHORT_BODY_WEIGHT
            || (story_signal && w >= STORY_MIN_WEIGHT)
            || (w >= page_weight * 0.5 && self.links < w * 0.3)
    }
}

/// The body test of `chosen`, with the page's story signals.
fn has_main_text(
    dom: &Dom,
    root: NodeId,
    chosen: &[NodeId],
    stats: &Stats,
    declared: &metadata::Declared,
    visible: &metadata::Visible,
) -> bool {
    Body::measure(chosen, stats).is_main_text(
        stats.weight[root.index()],
        declares_article(declared) || under_headline(dom, chosen, visible),
        || teaser_items_weight(dom, chosen, stats),
    )
}

/// Class or id words that mark one comment of a thread.
const COMMENT_MARKS: &[&str] = &["comment"];
/// Least comments with text that make a thread.
const MIN_THREAD_COMMENTS: usize = 3;

/// The page is one post: its own `h1` headline, an address below the
/// site's root (when known), not a declared collection.
fn one_post(
    dom: &Dom,
    declared: &metadata::Declared,
    visible: &metadata::Visible,
    url: Option<&url::Url>,
) -> bool {
    visible
        .headline
        .as_ref()
        .is_some_and(|(h, _)| dom.is(*h, &local_name!("h1")))
        && !url.is_some_and(|u| u.path().trim_matches('/').is_empty())
        && !declared
            .jsonld_other
            .iter()
            .any(|o| COLLECTION_LD_TYPES.iter().any(|t| metadata::has_type(o, t)))
}

/// The smallest block holding every comment (an element whose class or id
/// has a word of `COMMENT_MARKS`) that has text of its own, when there are
/// a few.
fn thread(dom: &Dom, root: NodeId, stats: &Stats) -> Option<NodeId> {
    let marked = |n: NodeId| {
        [local_name!("class"), local_name!("id")].iter().any(|a| {
            dom.attr_named(n, a).is_some_and(|v| {
                v.split_whitespace()
                    .any(|w| COMMENT_MARKS.iter().any(|m| w.eq_ignore_ascii_case(m)))
            })
        })
    };
    let comments: Vec<NodeId> = dom
        .descendants(root)
        .filter(|&n| {
            stats.weight[n.index()] >= STORY_MIN_WEIGHT * 0.5
                && stats.link_density(n) < MAX_MAIN_LINK_DENSITY
                && marked(n)
        })
        .collect();
    if comments.len() < MIN_THREAD_COMMENTS {
        return None;
    }
    // The lowest ancestor of the first comment that holds them all: each
    // other comment walks up to the first comment's chain once (a map from
    // node to its place in the chain), so the cost is comments × depth.
    let chain: Vec<NodeId> = dom
        .ancestors(comments[0])
        .take_while(|&a| a != root)
        .collect();
    let place: std::collections::HashMap<NodeId, usize> =
        chain.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let mut lowest = 0;
    for &c in &comments[1..] {
        let i = std::iter::once(c)
            .chain(dom.ancestors(c))
            .take_while(|&a| a != root)
            .find_map(|a| place.get(&a).copied())?;
        lowest = lowest.max(i);
    }
    chain.get(lowest).copied()
}

/// Weight of the list items and `article`s under `chosen` whose headings are links (teasers).
fn teaser_items_weight(dom: &Dom, chosen: &[NodeId], stats: &Stats) -> f32 {
    let mut sum = 0.0;
    for &top in chosen {
        let mut it = dom.descendants(top);
        while let Some(n) = it.next() {
            if !matches!(
                dom.tag(n),
                Some(&local_name!("li")) | Some(&local_name!("article"))
            ) {
                continue;
            }
            let c = &stats.census[n.index()];
            if c.headings >= 1 && c.heading_link_weight >= c.heading_weight * 0.7 {
                sum += stats.weight[n.index()];
                it.skip_children_of(n);
            }
        }
    }
    sum
}

/// How far up from a chosen block the page's headline may sit.
const HEADLINE_LEVELS: usize = 3;

/// The chosen body sits with the page's own headline (the visible `h1` that
/// repeats the declared title): a short story, not a stray box. (Section
/// fronts name their sections in lower headings.)
fn under_headline(dom: &Dom, chosen: &[NodeId], visible: &metadata::Visible) -> bool {
    let Some((h, _)) = visible
        .headline
        .as_ref()
        .filter(|(h, _)| dom.is(*h, &local_name!("h1")))
    else {
        return false;
    };
    chosen.iter().any(|&c| {
        dom.ancestors(c)
            .take(HEADLINE_LEVELS)
            .any(|a| dom.is_inside(*h, a))
    })
}

/// The page says it is an article: `og:type` article or an article-typed JSON-LD object.
fn declares_article(declared: &metadata::Declared) -> bool {
    declared.jsonld.is_some()
        || declared
            .meta(&["og:type"])
            .is_some_and(|t| t.eq_ignore_ascii_case("article"))
}

/// `og:type` values (or their `type.` prefix) by which a page declares one item.
const SINGLE_ITEM_OG_TYPES: &[&str] = &["article", "video", "product", "recipe", "book"];
/// JSON-LD types of one item besides the article types (those are `declared.jsonld`).
const SINGLE_ITEM_LD_TYPES: &[&str] = &[
    "VideoObject",
    "Product",
    "Recipe",
    "DiscussionForumPosting",
    "QAPage",
    "Review",
];
/// JSON-LD types of pages that list items (a front page may still say `og:type` article).
const COLLECTION_LD_TYPES: &[&str] = &["CollectionPage", "SearchResultsPage"];

/// The page declares that it is one item (an article, a video, a product, a
/// recipe, a forum post), not a collection, and its address (when known)
/// names something below the site's root.
fn single_item(declared: &metadata::Declared, url: Option<&url::Url>) -> bool {
    let ld_is = |types: &[&str]| {
        declared
            .jsonld_other
            .iter()
            .any(|o| types.iter().any(|t| metadata::has_type(o, t)))
    };
    if ld_is(COLLECTION_LD_TYPES) || url.is_some_and(|u| u.path().trim_matches('/').is_empty()) {
        return false;
    }
    let og = declared.meta(&["og:type"]).is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        SINGLE_ITEM_OG_TYPES
            .iter()
            .any(|k| t == *k || t.strip_prefix(k).is_some_and(|r| r.starts_with('.')))
    });
    og || declared.jsonld.is_some() || ld_is(SINGLE_ITEM_LD_TYPES)
}

/// Least weight of a declared description taken as the item's text (about two words).
const MIN_DESCRIPTION_WEIGHT: f32 = 12.0;

/// The element that shows, as its whole text, the description the page
/// declares of itself (`og:description`, `itemprop=description`): on a
/// page of one item with no longer text (a video), that is its text.
fn shown_description(
    dom: &Dom,
    root: NodeId,
    stats: &Stats,
    declared: &metadata::Declared,
) -> Option<NodeId> {
    let said = declared
        .meta(&["og:description", "twitter:description", "description"])
        .or_else(|| declared.itemprop("description"))?;
    let said = normalize_ws(said);
    let weight = Counts::of(&said).weight() as f32;
    if weight < MIN_DESCRIPTION_WEIGHT {
        return None;
    }
    // The weight is compared first, so only a few texts are built.
    dom.descendants(root).find(|&n| {
        dom.element(n).is_some()
            && (stats.weight[n.index()] - weight).abs() < 0.5
            && stats.link_weight[n.index()] == 0.0
            && normalize_ws(&dom.text_content_capped(n, said.len() * 16 + 4096)) == said
    })
}

/// How many of the best-scored candidates the rescue tries.
const RESCUE_CANDIDATES: usize = 8;
/// Most link density of a rescued short story (links counted after outbound
/// list items are taken as text).
const RESCUE_MAX_LINKS: f32 = 0.3;

/// On a page that declares one item, the best of the top-scored candidates
/// that is main text, with links that leave the site and read as sentences
/// counted as text: the items of a shopping list or a link roundup (a front
/// page's teasers link inside the site).
fn rescue(
    dom: &Dom,
    root: NodeId,
    stats: &Stats,
    base: Option<&url::Url>,
    page_weight: f32,
) -> Option<Vec<NodeId>> {
    let mut scored = score::candidates(dom, root, stats);
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let site = base.and_then(url::Url::host_str).map(site_of);
    scored
        .iter()
        .take(RESCUE_CANDIDATES)
        .map(|&(n, _)| n)
        .find(|&n| {
            let mut b = Body::measure(&[n], stats);
            b.links -= outbound_sentence_links(dom, n, stats, base, site);
            b.links < b.weight * RESCUE_MAX_LINKS
                && b.is_main_text(page_weight, true, || teaser_items_weight(dom, &[n], stats))
        })
        .map(|n| vec![n])
}

/// Second-level labels under which country domains register names
/// (`bbc.co.uk`, `abc.net.au`, `asahi.co.jp`).
const SHARED_SECOND_LEVELS: &[&str] = &["co", "com", "net", "org", "gov", "edu", "ac", "ne", "or"];

/// The registrable part of a host, roughly: its last two labels, or three
/// under a country code's shared second level.
fn site_of(host: &str) -> &str {
    let host = host.trim_end_matches('.');
    let labels: Vec<&str> = host.rsplitn(4, '.').collect();
    let keep = match labels.as_slice() {
        [tld, sld, _, ..] if tld.len() == 2 && SHARED_SECOND_LEVELS.contains(sld) => 3,
        _ => 2,
    };
    let cut: usize = labels.iter().take(keep).map(|l| l.len() + 1).sum();
    &host[host.len().saturating_sub(cut - 1)..]
}

/// Weight of the sentence-long link texts under `n` that lead to other sites.
fn outbound_sentence_links(
    dom: &Dom,
    n: NodeId,
    stats: &Stats,
    base: Option<&url::Url>,
    site: Option<&str>,
) -> f32 {
    let (Some(base), Some(site)) = (base, site) else {
        return 0.0;
    };
    let mut sum = 0.0;
    let mut it = dom.descendants(n);
    while let Some(a) = it.next() {
        if !dom.is(a, &local_name!("a")) {
            continue;
        }
        it.skip_children_of(a);
        let w = stats.weight[a.index()];
        if w < clean::SENTENCE_ITEM_WEIGHT {
            continue;
        }
        let away = dom
            .attr(a, "href")
            .and_then(|h| base.join(h).ok())
            .is_some_and(|u| u.host_str().is_some_and(|h| site_of(h) != site));
        if away {
            sum += w;
        }
    }
    sum
}

fn no_article() -> Error {
    Error::new(ErrorKind::NoArticle, "no article found on this page")
}

/// The page test alone: parse, prepare, measure.
pub fn readerable(html: &str) -> bool {
    let limits = crate::Limits::default();
    let Ok(mut dom) = dom::parse(html, &limits.for_parse()) else {
        return false;
    };
    let root = dom.body().unwrap_or(NodeId::DOCUMENT);
    prepare::run(&mut dom, root, None);
    prepare::paragraphs(&mut dom, root);
    let stats = Stats::compute(&dom, root);
    readerable_score(&dom, root, &stats) > READERABLE_MIN_SCORE
}

/// Sum over long, link-poor paragraphs of √(weight − 140).
fn readerable_score(dom: &Dom, root: NodeId, stats: &Stats) -> f32 {
    let mut score = 0.0;
    // Like Readability, a lone `article` element counts as a whole; a page of
    // many `article`s is a list of teasers, where only paragraphs count.
    let articles: Vec<NodeId> = dom
        .descendants(root)
        .filter(|&n| dom.is(n, &local_name!("article")))
        .take(3)
        .collect();
    if articles.len() == 1 {
        let a = articles[0];
        let w = stats.weight[a.index()];
        if w >= READERABLE_MIN_BLOCK && stats.link_density(a) < 0.3 {
            score += (w - READERABLE_MIN_BLOCK).sqrt();
        }
    }
    for id in dom.descendants(root) {
        // Like Readability: paragraphs, and `article` elements as a whole.
        if !matches!(
            dom.tag(id),
            Some(&local_name!("p")) | Some(&local_name!("pre"))
        ) {
            continue;
        }
        let w = stats.weight[id.index()];
        if w < READERABLE_MIN_BLOCK || stats.link_density(id) > 0.5 {
            continue;
        }
        score += (w - READERABLE_MIN_BLOCK).sqrt();
        if score > READERABLE_MIN_SCORE * 2.0 {
            break;
        }
    }
    score
}

/// The top candidate and the siblings that belong with it, in document order.
/// `unlikely`: blocks set aside as not the article and put back for this pass.
fn choose(dom: &Dom, root: NodeId, stats: &Stats, unlikely: &[NodeId]) -> Option<Vec<NodeId>> {
    let scored = score::candidates(dom, root, stats);
    let top = score::top_candidate(dom, root, stats, &scored, unlikely)?;
    let score_of = |id: NodeId| scored.iter().find(|(n, _)| *n == id).map(|(_, s)| *s);
    let top_score = score_of(top).unwrap_or(0.0);
    let Some(parent) = dom.parent(top) else {
        return Some(vec![top]);
    };
    if parent == NodeId::DOCUMENT {
        return Some(vec![top]);
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut out = Vec::new();
    for sib in dom.child_elements(parent) {
        if sib == top {
            out.push(sib);
            continue;
        }
        let bonus = if !top_class.is_empty() && dom.attr(sib, "class") == Some(top_class) {
            top_score * 0.2
        } else {
            0.0
        };
        if score_of(sib).is_some_and(|s| s + bonus >= threshold) {
            out.push(sib);
            continue;
        }
        if dom.is(sib, &local_name!("p")) {
            let w = stats.weight[sib.index()];
            let ld = stats.link_density(sib);
            let sentence = || {
                let text = normalize_ws(&dom.text_content(sib));
                text.ends_with(['.', '。', '!', '?', '！', '？', '"', '”'])
            };
            if (w >= 80.0 && ld < 0.25) || (w > 0.0 && w < 80.0 && ld == 0.0 && sentence()) {
                out.push(sib);
            }
        }
    }
    Some(out)
}

/// How many blocks after the article are searched for credit lines.
const TRAILING_CREDIT_BLOCKS: usize = 6;

/// Reads credit lines in the few blocks after the article (outside it, so nothing to remove).
fn trailing_credits(dom: &Dom, root: NodeId, start: NodeId, credits: &mut Credits) {
    let mut seen = 0;
    let mut cur = Some(start);
    while let Some(id) = cur {
        if seen >= TRAILING_CREDIT_BLOCKS {
            break;
        }
        if is_block(dom, id) && !dom.descendants(id).skip(1).any(|d| is_block(dom, d)) {
            match crate::text::normalized_text(dom, id, crate::rules::credits::MAX_CREDIT_CHARS) {
                Some(text) if text.is_empty() => {}
                Some(text) => {
                    seen += 1;
                    clean::capture_credit(&text, credits);
                }
                // Too long for a credit line, but a block all the same.
                None => seen += 1,
            }
            cur = dom.next_skipping_children(root, id);
        } else {
            cur = dom
                .first_child(id)
                .or_else(|| dom.next_skipping_children(root, id));
        }
    }
}

/// Removes the repeated headline, the byline/dateline blocks and a summary
/// shown above a repeated byline block; returns that summary (the dek).
fn strip_head(
    dom: &mut Dom,
    container: NodeId,
    visible: &metadata::Visible,
    removed: &mut Removals,
) -> Option<String> {
    if let Some((h, _)) = &visible.headline {
        if dom.is_inside(*h, container) {
            dom.detach(*h);
            removed.push((*h, HEADLINE));
        }
    }
    let leaves = clean::leaf_blocks(dom, container);
    let head: Vec<NodeId> = leaves.into_iter().take(12).collect();
    let flags: Vec<bool> = head
        .iter()
        .map(|&n| {
            visible
                .blocks
                .iter()
                .any(|&b| dom.is_inside(b, n) || dom.is_inside(n, b))
        })
        .collect();
    let last_byline = flags.iter().rposition(|&f| f);
    let mut dek = None;
    if let Some(last) = last_byline {
        for (i, &n) in head.iter().enumerate().take(last + 1) {
            if flags[i] {
                // Name the credit rule when one describes the line ("澎湃新闻记者 顾文卿").
                let text = normalize_ws(&dom.text_content(n));
                let reason = clean::capture_credit(&text, &mut Credits::default())
                    .map_or(BYLINE, Reason::from);
                dom.detach(n);
                removed.push((n, reason));
            } else if flags[..i].iter().any(|&f| f)
                && flags[i + 1..(i + 3).min(flags.len())].iter().any(|&f| f)
            {
                let t = normalize_ws(&dom.text_content(n));
                if !t.is_empty() && t.chars().count() < 600 {
                    dek.get_or_insert(t);
                    dom.detach(n);
                    removed.push((n, DEK));
                }
            }
        }
    }
    // Any other block that repeats the headline.
    if let Some((_, h)) = &visible.headline {
        let key = metadata::title_key(h);
        // Lower-casing never merges characters, so a block with more letters
        // and digits than the key has cannot repeat it (and most paragraphs
        // are turned away without building their key).
        let key_chars = key.chars().count();
        let may_repeat = |t: &str| {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .nth(key_chars)
                .is_none()
        };
        for n in clean::leaf_blocks(dom, container).into_iter().take(6) {
            if matches!(
                dom.tag(n),
                Some(&local_name!("h1")) | Some(&local_name!("h2")) | Some(&local_name!("p"))
            ) && {
                let text = dom.text_content(n);
                may_repeat(&text) && metadata::title_key(&text) == key
            } {
                dom.detach(n);
                removed.push((n, HEADLINE));
            }
        }
    }
    dek
}

#[cfg(test)]
mod tests {
    use super::site_of;

    #[test]
    fn site_of_keeps_the_registrable_name() {
        assert_eq!(site_of("www.mentalfloss.com"), "mentalfloss.com");
        assert_eq!(site_of("edition.cnn.com"), "cnn.com");
        assert_eq!(site_of("www.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(site_of("amazon.com"), "amazon.com");
        assert_eq!(site_of("localhost"), "localhost");
        assert_eq!(site_of("news.yahoo.co.jp"), "yahoo.co.jp");
    }
}
