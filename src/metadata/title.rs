//! The headline: as displayed on the page, without site names and section
//! suffixes (" | Shanghai Daily", " - BBC News", "_科技_腾讯网").

use super::names::same_org;
use super::sources::Declared;
use super::visible::{title_key, Visible};
use crate::text::normalize_ws;

/// Separators between a headline and the site or section name.
const SEPARATORS: &[&str] = &[
    "--", "——", " | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ", "_", "｜", "|", " -- ",
];

/// How many names [`strip_site`] peels off the end of a title at most.
const MAX_PEELS: usize = 4;

/// The declared titles, best first (for finding the displayed headline).
pub fn declared(d: &Declared) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for t in [
        d.meta(&["citation_title"]),
        d.jsonld
            .as_ref()
            .and_then(|v| v.get("headline"))
            .and_then(|v| v.as_str()),
        d.meta(&["og:title"]),
        d.meta(&["twitter:title"]),
        d.meta(&[
            "dc.title",
            "dcterms.title",
            "parsely-title",
            "sailthru.title",
            "title",
        ]),
        d.itemprop("headline"),
        d.title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Whether a heading's text (`key`, see [`title_key`]) is only a piece of
/// the declared titles `keys` (the title tag last): the site's or a section's
/// name inside them ("Salon" in "… - Salon.com"), not the headline. A
/// headline is two fifths of a title that contains it, or a quarter of a
/// declared title other than the tab's ("Purple Rain" in "Prince and the
/// Revolution – Purple Rain"), or opens the tab's title in an `h2` or `h3`
/// (`subheading`; an `h1` or a title-classed wrapper opening the tab is a
/// blog's name), or is a title without its site suffix (`stems`: "atg 1700"
/// in "atg 1700 - Pastebin.com").
pub fn is_piece(keys: &[String], stems: &[String], key: &str, subheading: bool) -> bool {
    let covers = |whole: &String, n: usize| key.len() * n >= whole.len() * 2;
    let contained: Vec<&String> = keys.iter().filter(|k| k.contains(key)).collect();
    let (tab, others) = match keys.split_last() {
        Some((t, o)) => (Some(t), o),
        None => (None, keys),
    };
    let opens_tab = subheading && tab.is_some_and(|t| t.starts_with(key));
    let headline_sized = contained.iter().any(|k| covers(k, 5))
        || others.iter().any(|k| k.contains(key) && covers(k, 8))
        || stems.iter().any(|s| s == key);
    !contained.is_empty() && !headline_sized && !opens_tab
}

/// The title: the visible headline if there is one, else the best declared title with its suffix cut.
pub fn resolve(d: &Declared, v: &Visible, site: Option<&str>) -> String {
    if let Some((_, h)) = &v.headline {
        let declared = declared(d);
        let hk = title_key(h);
        if declared.iter().any(|t| title_key(t).contains(&hk)) || declared.is_empty() {
            return h.clone();
        }
    }
    let declared = declared(d);
    let best = declared
        .iter()
        .map(|t| strip_site(t, site))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    if best.is_empty() {
        if let Some((_, h)) = &v.headline {
            return h.clone();
        }
    }
    best
}

/// The last segment of a title tag after a separator, when it looks like a name ("… | Shanghai Daily").
pub fn site_suffix(title: &str) -> Option<&str> {
    let last = match SEPARATORS.iter().find(|s| title.contains(**s)) {
        Some(sep) => title.rsplit(sep).next()?.trim(),
        // "标题-新华网": a bare hyphen before a short CJK name.
        None => title
            .rsplit('-')
            .next()
            .filter(|l| {
                !l.is_empty()
                    && l.chars().all(|c| {
                        crate::text::is_cjk(c) || c.is_ascii_alphanumeric() || "()（）.".contains(c)
                    })
                    && l.chars().any(crate::text::is_cjk_letter)
            })?
            .trim(),
    };
    // "澎湃新闻-The Paper": the name in the title's own script.
    let last = match last.split_once('-') {
        Some((zh, _)) if !zh.is_empty() && zh.chars().all(crate::text::is_cjk) => zh.trim(),
        _ => last,
    };
    // "央视网(cctv.com)": the name without its domain.
    let last = match last.find(['(', '（']) {
        Some(i) if i > 0 => last[..i].trim(),
        _ => last,
    };
    let c = crate::text::Counts::of(last);
    let byline = last.to_ascii_lowercase().starts_with("by ");
    let name_sized = c.units() >= 1 && c.words <= 5 && c.cjk <= 12;
    (name_sized && last.len() < title.len() && !byline).then_some(last)
}

/// A title without the site's name it ends with and the section names before
/// it ("atg 1700 - Pastebin.com" → "atg 1700", "标题_新闻频道_央视网(cctv.com)"
/// → "标题"), when it has one.
pub fn without_suffix(title: &str) -> Option<String> {
    let site = site_suffix(title)?;
    let stem = strip_site(title, Some(site));
    (!stem.is_empty() && stem != normalize_ws(title)).then_some(stem)
}

/// The first segment of a title tag when it may be the site's name
/// ("Daring Fireball: Colophon", "高木浩光＠自宅の日記 - 改正NICT法…"): a
/// name-sized part before a separator (or a colon), shorter than the rest.
/// Callers confirm it with another source; a headline may open the same way.
pub fn site_prefix(title: &str) -> Option<&str> {
    let (first, rest) = SEPARATORS
        .iter()
        .chain([": ", "："].iter())
        .filter_map(|sep| title.split_once(sep))
        .min_by_key(|(first, _)| first.len())?;
    let first = first.trim();
    let (c, r) = (
        crate::text::Counts::of(first),
        crate::text::Counts::of(rest),
    );
    (c.units() >= 1 && c.words <= 5 && c.cjk <= 12 && r.units() > c.units()).then_some(first)
}

/// The section a title tag names between headline and site ("…--财经--人民网", "…_科技_腾讯网").
pub fn section_from_title(title: &str) -> Option<String> {
    let sep = SEPARATORS.iter().find(|s| title.contains(**s))?;
    let parts: Vec<&str> = title
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 {
        return None;
    }
    let section = parts[parts.len() - 2];
    let is_byline = section.to_ascii_lowercase().starts_with("by ");
    (crate::text::Counts::of(section).units() <= 4 && !is_byline).then(|| section.to_string())
}

/// Whether a title part is short enough to be a section's name ("Environment",
/// "教育频道", "Dakota Access pipeline").
fn section_sized(part: &str) -> bool {
    let c = crate::text::Counts::of(part);
    c.words <= 3 && c.cjk <= 6 && c.units() >= 1
}

/// Cuts site and section names off a title.
pub fn strip_site(title: &str, site: Option<&str>) -> String {
    let mut title = normalize_ws(title);
    // "Headline @ Blog name :: Platform ::": a blog platform's "@ blog" suffix.
    if let Some(s) = site {
        if let Some(i) = title.rfind(" @ ") {
            let after = crate::text::alnum_key(&title[i..]);
            let sk = crate::text::alnum_key(s);
            if !sk.is_empty() && after.contains(&sk) && i > 0 {
                title.truncate(i);
            }
        }
    }
    // A part names the site when it is the site's name, not a headline that
    // mentions it ("Why Reuters changed its style | Reuters").
    let names_site = |p: &str| {
        site.is_some_and(|s| {
            same_org(p, s)
                && crate::text::alnum_key(p).len() <= crate::text::alnum_key(s).len() * 3 / 2 + 4
        })
    };
    let weight = |p: &str| crate::text::Counts::of(p).units();
    // Peel the site's name and short section names off the ends, each at its
    // own separator ("砥砺奋进——记…_新华网", "…_科技_腾讯网"): the headline
    // keeps the separators inside it.
    let mut rest = title.as_str();
    let mut peeled_site = false;
    for _ in 0..MAX_PEELS {
        let Some((at, sep)) = SEPARATORS
            .iter()
            .filter_map(|sep| rest.rfind(sep).map(|i| (i, *sep)))
            .max_by_key(|(i, sep)| (*i, sep.len()))
        else {
            break;
        };
        let (head, tail) = (rest[..at].trim(), rest[at + sep.len()..].trim());
        if head.is_empty() || weight(head) <= 3 {
            break;
        }
        if names_site(tail) {
            peeled_site = true;
        } else if !(peeled_site && section_sized(tail)) {
            break;
        }
        rest = head;
    }
    if let Some((head, tail)) = SEPARATORS
        .iter()
        .filter_map(|sep| rest.find(sep).map(|i| (&rest[..i], &rest[i + sep.len()..])))
        .min_by_key(|(head, _)| head.len())
    {
        if names_site(head) && weight(tail) > 3 {
            rest = tail.trim();
            peeled_site = true;
        }
    }
    if peeled_site {
        return rest.to_string();
    }
    let Some(sep) = SEPARATORS.iter().find(|s| title.contains(**s)) else {
        return title;
    };
    let parts: Vec<&str> = title
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return title;
    }
    // Drop parts naming the site; then short trailing parts (sections).
    let mut keep: Vec<&str> = parts.iter().copied().filter(|p| !names_site(p)).collect();
    if keep.is_empty() {
        return title;
    }
    while keep.len() > 1 && weight(keep[keep.len() - 1]) <= 3 {
        keep.pop();
    }
    while keep.len() > 1 && weight(keep[0]) <= 2 {
        keep.remove(0);
    }
    // A tight separator ("新竹尖石_美樹營地賞楓", "COVID-19") that cuts off no
    // site or section name is part of the headline.
    if keep.len() == parts.len() && !sep.starts_with(' ') {
        return title;
    }
    if keep.len() == 1 {
        return keep[0].to_string();
    }
    // Several long parts: the headline is the longest, the rest are names.
    keep.iter()
        .max_by_key(|p| weight(p))
        .map(|p| p.to_string())
        .unwrap_or(title)
}

#[cfg(test)]
mod tests {
    use super::strip_site;

    #[test]
    fn stems_lose_site_and_sections() {
        assert_eq!(
            super::without_suffix("atg 1700 - Pastebin.com").as_deref(),
            Some("atg 1700")
        );
        assert_eq!(
            super::without_suffix("神舟十七号发射成功_新闻频道_央视网(cctv.com)").as_deref(),
            Some("神舟十七号发射成功")
        );
    }

    #[test]
    fn strips_site_suffixes() {
        assert_eq!(
            strip_site(
                "Chinese FM holds phone talks with S. Korean counterpart | Shanghai Daily",
                Some("Shanghai Daily")
            ),
            "Chinese FM holds phone talks with S. Korean counterpart"
        );
        assert_eq!(
            strip_site("Storm hits coast - BBC News", Some("BBC News")),
            "Storm hits coast"
        );
        // Separators inside the headline stay when the site is peeled off the end.
        assert_eq!(
            strip_site("砥砺奋进——记新时代的建设者们_新华网", Some("新华网")),
            "砥砺奋进——记新时代的建设者们"
        );
        assert_eq!(
            strip_site(
                "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网",
                Some("腾讯网")
            ),
            "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶"
        );
        assert_eq!(
            strip_site(
                "Obama admits US gun laws are his 'biggest frustration' - BBC News",
                Some("BBC News")
            ),
            "Obama admits US gun laws are his 'biggest frustration'"
        );
        assert_eq!(
            strip_site("芯片产业迎来新机遇_科技_腾讯网", None),
            "芯片产业迎来新机遇"
        );
        assert_eq!(
            strip_site("Rust: a language empowering everyone", None),
            "Rust: a language empowering everyone"
        );
    }
}
