//! The next page of an article split over several pages: a link that says
//! it is the next page (`rel=next`, a pager word, its page number) and whose
//! address is this page's with the page number one higher (`?page=2`,
//! `/2/`, `/page/2/`, `_2.html`). Both tests, always: "next post" links and
//! related stories carry the words but not the address; comment pagers sit
//! in comment containers and are skipped. Nothing is fetched.

use std::sync::LazyLock;

use crate::dom::{Dom, NodeId};
use crate::rules::pages::{
    COMMENT_WORDS, DECORATION, MAX_PAGES, NEXT_WORDS, NUMBER_SEPARATORS, PAGE_PARAMS, PAGE_SEGMENTS,
};
use crate::text::normalize_ws;
use crate::NextPage;
use html5ever::local_name;
use regex_lite::Regex;

/// Longest link text read for a pager word.
const MAX_LINK_TEXT: usize = 48;
/// How far up from a link its pager (and from a link its comment container) is looked for.
const PAGER_LEVELS: usize = 3;
const COMMENT_LEVELS: usize = 12;
/// Most text a pager holds, in bytes (more is a section of the page, not a pager).
const MAX_PAGER_TEXT: usize = 600;

/// "Page 1 of 5", "1/2 ページ", "第1页 共5页", "共5页": the page count, as the pager or title says it.
static COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)page\s*\d{1,3}\s*(?:of|/)\s*(\d{1,3})|\d{1,3}\s*/\s*(\d{1,3})\s*(?:ページ|页|頁)|共\s*(\d{1,3})\s*[页頁]",
    )
    .expect("valid count pattern")
});

/// How a link says it leads on.
#[derive(Clone, Copy, PartialEq)]
enum Signal {
    /// `rel=next` or a pager word.
    Next,
    /// Its text is this page number.
    Number(u32),
}

/// The next page of the page at `page`, links resolved against `base`.
pub fn find(
    dom: &Dom,
    root: NodeId,
    page: Option<&url::Url>,
    base: Option<&url::Url>,
) -> Option<NextPage> {
    let page = page?;
    let base = base.unwrap_or(page);
    let mut best: Option<(NodeId, url::Url, u32)> = None;
    let mut numbered: Option<(NodeId, url::Url, u32)> = None;
    // `<link rel=next>` in the head: no pager around it.
    let head_next = dom.head().and_then(|h| {
        dom.descendants(h)
            .filter(|&n| dom.is(n, &local_name!("link")) && has_rel_next(dom, n))
            .find_map(|n| {
                let url = base.join(dom.attr(n, "href")?.trim()).ok()?;
                let (mine, next) = sequence_number(page, &url)?;
                (next == mine + 1).then_some((n, url, next))
            })
    });
    let mut it = dom.descendants(root);
    while let Some(a) = it.next() {
        if !dom.is(a, &local_name!("a")) {
            continue;
        }
        it.skip_children_of(a);
        let Some(signal) = signal(dom, a) else {
            continue;
        };
        let Some(url) = dom.attr(a, "href").and_then(|h| base.join(h.trim()).ok()) else {
            continue;
        };
        let Some((mine, next)) = sequence_number(page, &url) else {
            continue;
        };
        if next != mine + 1 || in_comments(dom, a) {
            continue;
        }
        match signal {
            Signal::Next if best.is_none() => best = Some((a, url, next)),
            Signal::Number(n) if n == next && numbered.is_none() => numbered = Some((a, url, next)),
            _ => {}
        }
    }
    let (link, url, next) = best.or(numbered).or(head_next)?;
    let pager = pager_of(dom, link);
    let of = pager
        .and_then(|p| stated_count(&dom.text_content_capped(p, MAX_PAGER_TEXT)))
        .or_else(|| title_count(dom))
        .or_else(|| pager.map(|p| last_numbered(dom, p, page, base)))
        .filter(|&of| of >= next);
    Some(NextPage {
        url: url.to_string(),
        page: next,
        of,
    })
}

fn has_rel_next(dom: &Dom, n: NodeId) -> bool {
    dom.attr(n, "rel").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("next"))
    })
}

/// What a link says about where it leads.
fn signal(dom: &Dom, a: NodeId) -> Option<Signal> {
    if has_rel_next(dom, a) {
        return Some(Signal::Next);
    }
    let text = dom.text_content_capped(a, MAX_LINK_TEXT);
    if text.len() > MAX_LINK_TEXT {
        return None;
    }
    // Pager words are compared with ASCII case folded (the table's other scripts have no case).
    let said = |t: &str| {
        let t =
            normalize_ws(t.trim_matches(|c: char| c.is_whitespace() || DECORATION.contains(&c)));
        NEXT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(&t))
    };
    let t = text.trim();
    if said(t)
        || (t.is_empty()
            && ["aria-label", "title"]
                .iter()
                .any(|k| dom.attr(a, k).is_some_and(said)))
    {
        return Some(Signal::Next);
    }
    let digits = t.trim_matches(|c: char| c.is_whitespace() || DECORATION.contains(&c));
    if (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.parse().ok().map(Signal::Number);
    }
    None
}

/// Whether the link sits in a comment section (its pager pages through comments).
fn in_comments(dom: &Dom, a: NodeId) -> bool {
    dom.ancestors(a).take(COMMENT_LEVELS).any(|n| {
        ["class", "id"].iter().any(|k| {
            dom.attr(n, k).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                COMMENT_WORDS.iter().any(|w| v.contains(w))
            })
        })
    })
}

/// The smallest ancestor of the link that holds more than the link: its pager, if short.
fn pager_of(dom: &Dom, link: NodeId) -> Option<NodeId> {
    let own = dom.text_content_capped(link, MAX_PAGER_TEXT).trim().len();
    dom.ancestors(link)
        .take(PAGER_LEVELS)
        .take_while(|&p| dom.text_content_capped(p, MAX_PAGER_TEXT).len() <= MAX_PAGER_TEXT)
        .find(|&p| dom.text_content_capped(p, MAX_PAGER_TEXT).trim().len() > own)
}

/// The page count a text states.
fn stated_count(text: &str) -> Option<u32> {
    let c = COUNT_RE.captures(text)?;
    (1..=3)
        .find_map(|i| c.get(i))
        .and_then(|m| m.as_str().parse().ok())
        .filter(|&n| n <= MAX_PAGES)
}

/// The page count the page's title states ("…（1/2 ページ）").
fn title_count(dom: &Dom) -> Option<u32> {
    let head = dom.head()?;
    let title = dom
        .descendants(head)
        .find(|&n| dom.is(n, &local_name!("title")))?;
    stated_count(&dom.text_content_capped(title, 1024))
}

/// The highest page number a pager links to within this page's sequence.
fn last_numbered(dom: &Dom, pager: NodeId, page: &url::Url, base: &url::Url) -> u32 {
    dom.descendants(pager)
        .filter(|&n| dom.is(n, &local_name!("a")))
        .filter_map(|a| match signal(dom, a)? {
            Signal::Number(k) => {
                let url = base.join(dom.attr(a, "href")?.trim()).ok()?;
                let (_, n) = sequence_number(page, &url)?;
                (n == k).then_some(k)
            }
            Signal::Next => None,
        })
        .max()
        .unwrap_or(0)
}

/// If `other` is `page`'s address with a page number (or `page` itself
/// with none), the page numbers of both: `(page's, other's)`. Same host and
/// port; the page number in a query parameter, a last path segment of its
/// own (after `/page/` or not), or after `_`/`-` at the end of the last
/// segment's stem. An address without a number is page 1.
pub fn sequence_number(page: &url::Url, other: &url::Url) -> Option<(u32, u32)> {
    if page.host_str() != other.host_str()
        || page.port_or_known_default() != other.port_or_known_default()
    {
        return None;
    }
    let ok =
        |(a, b): (u32, u32)| (a <= MAX_PAGES && (2..=MAX_PAGES).contains(&b)).then_some((a, b));
    if page.path() == other.path() {
        return by_query(page, other).and_then(ok);
    }
    if page.query() != other.query() {
        return None;
    }
    by_path(page.path(), other.path()).and_then(ok)
}

/// Page numbers in a query parameter, the rest of the query the same.
fn by_query(page: &url::Url, other: &url::Url) -> Option<(u32, u32)> {
    // Page parameters are plain ASCII: the pairs are compared as written.
    let pairs = |u: &url::Url| -> Vec<(String, String)> {
        u.query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_ascii_lowercase(), v.to_string())
            })
            .collect()
    };
    let (mine, theirs) = (pairs(page), pairs(other));
    PAGE_PARAMS.iter().find_map(|param| {
        let n: u32 = theirs.iter().find(|(k, _)| k == param)?.1.parse().ok()?;
        let m = match mine.iter().find(|(k, _)| k == param) {
            Some((_, v)) => v.parse().ok()?,
            None => 1,
        };
        let rest = |v: &[(String, String)]| {
            v.iter()
                .filter(|(k, _)| k != param)
                .cloned()
                .collect::<Vec<_>>()
        };
        (rest(&mine) == rest(&theirs)).then_some((m, n))
    })
}

/// A number of at most three digits.
fn number(s: &str) -> Option<u32> {
    ((1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Page numbers in the path: `/a/` → `/a/2/`, `/a/page/2/`; `/a/2/` → `/a/3/`; `x.html` → `x_2.html`.
fn by_path(mine: &str, theirs: &str) -> Option<(u32, u32)> {
    let segs = |p: &str| -> Vec<String> {
        p.trim_end_matches('/')
            .split('/')
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (segs(mine), segs(theirs));
    // Whole segments: `/a/` → `/a/2/` or `/a/page/2/`; `/a/2/` → `/a/3/`.
    let strip = |s: &[String]| -> (usize, Option<u32>) {
        match s {
            [.., p, n]
                if PAGE_SEGMENTS.contains(&p.to_ascii_lowercase().as_str())
                    && number(n).is_some() =>
            {
                (s.len() - 2, number(n))
            }
            [.., n] if number(n).is_some() => (s.len() - 1, number(n)),
            _ => (s.len(), None),
        }
    };
    let ((la, na), (lb, nb)) = (strip(&a), strip(&b));
    if let Some(n) = nb {
        if la == lb && a[..la] == b[..lb] && la > 1 {
            return Some((na.unwrap_or(1), n));
        }
    }
    // The last segment's stem: `x.html` → `x_2.html`, `x_2.html` → `x_3.html`.
    if a.len() != b.len() || a[..a.len() - 1] != b[..b.len() - 1] {
        return None;
    }
    let split = |seg: &str| -> (String, Option<u32>, String) {
        let (stem, ext) = match seg.rfind('.') {
            Some(i) => (&seg[..i], &seg[i..]),
            None => (seg, ""),
        };
        if let Some(i) = stem.rfind(NUMBER_SEPARATORS) {
            if let Some(n) = number(&stem[i + 1..]) {
                return (stem[..i].to_string(), Some(n), ext.to_string());
            }
        }
        (stem.to_string(), None, ext.to_string())
    };
    let (sa, na, ea) = split(a.last()?);
    let (sb, nb, eb) = split(b.last()?);
    (sa == sb && ea == eb && !sb.is_empty()).then_some((na.unwrap_or(1), nb?))
}

#[cfg(test)]
mod tests {
    use super::sequence_number;

    fn seq(a: &str, b: &str) -> Option<(u32, u32)> {
        sequence_number(&url::Url::parse(a).unwrap(), &url::Url::parse(b).unwrap())
    }

    #[test]
    fn numbered_addresses_are_pages_of_one_article() {
        // ITmedia's second page (the mercury fixture's pager).
        let it = "https://www.itmedia.co.jp/pcuser/articles/1902/22/news089.html";
        assert_eq!(
            seq(
                it,
                "https://www.itmedia.co.jp/pcuser/articles/1902/22/news089_2.html"
            ),
            Some((1, 2))
        );
        assert_eq!(
            seq(
                "https://x.test/a/news_2.html",
                "https://x.test/a/news_3.html"
            ),
            Some((2, 3))
        );
        assert_eq!(
            seq("https://x.test/story/", "https://x.test/story/2/"),
            Some((1, 2))
        );
        assert_eq!(
            seq("https://x.test/story/2/", "https://x.test/story/3/"),
            Some((2, 3))
        );
        assert_eq!(
            seq("https://x.test/story/", "https://x.test/story/page/2/"),
            Some((1, 2))
        );
        assert_eq!(
            seq("https://x.test/s?id=5", "https://x.test/s?id=5&page=2"),
            Some((1, 2))
        );
        assert_eq!(
            seq(
                "https://x.test/s?id=5&page=2",
                "https://x.test/s?page=3&id=5"
            ),
            Some((2, 3))
        );
    }

    #[test]
    fn other_addresses_are_not() {
        // Next posts, archive pagers, ids and dates, other hosts, comment pages.
        assert_eq!(
            seq(
                "https://x.test/2016/08/a-post/",
                "https://x.test/2016/08/b-post/"
            ),
            None
        );
        assert_eq!(seq("https://x.test/a-post/", "https://x.test/page/2"), None);
        assert_eq!(
            seq("https://x.test/c/12345.htm", "https://x.test/c/12346.htm"),
            None
        );
        assert_eq!(
            seq(
                "https://x.test/d/20190218.html",
                "https://x.test/d/20190219.html"
            ),
            None
        );
        assert_eq!(
            seq("https://x.test/story/", "https://y.test/story/2/"),
            None
        );
        assert_eq!(
            seq(
                "https://x.test/post/",
                "https://x.test/post/comment-page-2/"
            ),
            None
        );
        assert_eq!(
            seq("https://x.test/s?id=5", "https://x.test/s?id=6&page=2"),
            None
        );
        assert_eq!(seq("https://x.test/", "https://x.test/2/"), None);
    }
}
