//! The site's name as the page names itself: declared names (`og:site_name`,
//! `application-name`, JSON-LD publisher), the name the browser tab shows
//! ("… | The Verge", "…_科技_腾讯网", "Daring Fireball: …"), the masthead's
//! logo, the copyright line; the host name only when the page names itself
//! nowhere. Taglines and legal suffixes are cut ("Raw Story - Celebrating
//! 18 Years of …" → "Raw Story").

use super::names::same_org;
use super::sources::{self, Declared};
use super::title;
use crate::text::{alnum_key, normalize_ws, Counts};
use serde_json::Value;

/// Values found in site-name slots that name no site: hosting and page labels.
const NOT_NAMES: &[&str] = &[
    "home",
    "homepage",
    "hosted",
    "index",
    "untitled",
    "blogger",
    "wordpress",
    "null",
    "none",
    "rss",
    "atom",
    "feed",
];

/// Openings of hosting labels ("Powered by WordPress"); cut from the end of a
/// name too ("Fandom powered by Wikia" → "Fandom").
const HOSTING_LABELS: &[&str] = &["powered by ", "hosted by ", "proudly powered by "];

/// Separators between a name and its tagline ("Yahoo News - Latest News & Headlines").
const TAGLINE_SEPARATORS: &[&str] = &[
    " | ", "｜", " - ", " – ", " — ", " :: ", " · ", ": ", "：", " / ",
];

/// Legal-form endings dropped from a company name used as the site's name.
const LEGAL_SUFFIXES: &[&str] = &[
    ", Inc.",
    ", Inc",
    " Inc.",
    " Inc",
    ", LLC",
    " LLC",
    ", Ltd.",
    " Ltd.",
    " Ltd",
    " L.P.",
    " Co., Ltd.",
    " CO.,LTD.",
    " Corporation",
    " GmbH",
];

/// Endings of feed titles that are not the name ("Silicon Exposed - Atom").
const FEED_WORDS: &[&str] = &[
    " - atom",
    " - rss",
    " rss feed",
    " atom feed",
    " » feed",
    " » comments feed",
    " feed",
    " rss",
];

/// Words of a logo's alt text that are not the name ("NPR logo", "MNT home").
const LOGO_WORDS: &[&str] = &["logo", "home", "homepage", "link to", "go to", "return to"];

/// Host labels that name no site ("www", "m", "amp" …) and are skipped when
/// matching a name against the host.
const HOST_NOISE: &[&str] = &["www", "m", "amp", "mobile", "en", "edition"];

/// The site's name, or the host without `www.` when the page names itself nowhere.
pub fn name(d: &Declared, url: Option<&url::Url>) -> Option<String> {
    let host = url.and_then(|u| u.host_str()).map(str::to_ascii_lowercase);
    let host_keys = host.as_deref().map(host_keys).unwrap_or_default();
    let on_host = |n: &str| matches_host(n, &host_keys);
    let titles: Vec<&str> = title::declared(d);
    let tab = d.title_tag.as_deref().unwrap_or("");

    let publisher = d
        .jsonld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(sources::string_of);
    let website = d
        .jsonld_other
        .iter()
        .find(|o| {
            matches!(
                o.get("@type").and_then(Value::as_str),
                Some("WebSite") | Some("Organization") | Some("NewsMediaOrganization")
            )
        })
        .and_then(|o| o.get("name"))
        .and_then(sources::string_of);
    // Names the site gives itself, strongest first.
    let declared: Vec<String> = [
        d.meta(&["og:site_name"]).map(str::to_string),
        d.meta(&["application-name"]).map(str::to_string),
        d.meta(&["apple-mobile-web-app-title"]).map(str::to_string),
        d.meta(&["twitter:site:name"]).map(str::to_string),
        publisher.clone(),
        website,
        d.meta(&["citation_journal_title", "dc.publisher"])
            .map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .filter_map(|n| clean(&n, &titles, &host_keys))
    .collect();
    let suffix = title::site_suffix(tab).and_then(|s| clean(s, &titles, &host_keys));
    let prefix = title::site_prefix(tab).and_then(|s| clean(s, &titles, &host_keys));
    let brands: Vec<String> = d
        .brand_names
        .iter()
        .filter_map(|b| clean(&strip_logo_words(b), &titles, &host_keys))
        .collect();
    // Feed titles name sections as often as sites: they only confirm.
    let feeds: Vec<String> = d
        .feed_titles
        .iter()
        .filter_map(|f| clean(&strip_feed_words(f), &titles, &host_keys))
        .collect();
    let holder = d
        .copyright
        .as_deref()
        .or_else(|| d.meta(&["copyright"]))
        .and_then(copyright_holder)
        .and_then(|h| clean(&h, &titles, &host_keys));
    // 1. A declared name the tab also shows: the tab's spelling ("The
    //    Guardian" over "the Guardian"), the declared one when the tab shows a
    //    domain or a part of it. A declared name of one or two letters ("al")
    //    is short for the domain the tab shows ("al.com").
    if let Some(tab_name) = &suffix {
        let tiny = |n: &String| {
            let k = alnum_key(n);
            k.chars().count() <= 2 && tab_name.contains('.') && alnum_key(tab_name).starts_with(&k)
        };
        if declared.iter().any(tiny) {
            return Some(tab_name.clone());
        }
        if let Some(n) = declared.iter().find(|n| same_org(n, tab_name)) {
            let key = |s: &str| -> String {
                let k = alnum_key(s);
                k.strip_prefix("the").map(str::to_string).unwrap_or(k)
            };
            let same = key(n) == key(tab_name);
            return Some(if same && !tab_name.contains('.') {
                tab_name.clone()
            } else {
                n.clone()
            });
        }
    }
    // 2. The first declared name, unless it is neither the host's name nor
    //    shown anywhere else while another name the page shows is the host's
    //    ("U.S." in og:site_name, "| Reuters" in the tab). A publisher alone
    //    yields to the tab's name ("Wikimedia Foundation, Inc." vs "… -
    //    Wikipedia").
    if let Some(first) = declared.first() {
        // Names in Han or kana rarely spell a romanised host: they stand.
        let latin = !first.chars().any(crate::text::is_cjk_letter);
        // Confirmed by another name the page shows ("Los Angeles Times" in the
        // tab as well), it stands whatever the host.
        let confirmed = declared[1..]
            .iter()
            .chain(suffix.iter())
            .chain(prefix.iter())
            .chain(brands.iter())
            .any(|n| same_org(n, first));
        // Only a short name is suspect ("U.S.", "Magazine"); a full name
        // stands beside its abbreviated host ("The Wall Street Journal", wsj.com).
        let short = Counts::of(first).words <= 2;
        if latin && short && !confirmed && !host_keys.is_empty() && !on_host(first) {
            let other = declared
                .iter()
                .chain(suffix.iter())
                .chain(prefix.iter())
                .chain(brands.iter())
                .find(|n| on_host(n));
            if let Some(n) = other {
                return Some(n.clone());
            }
        }
        let only_publisher = publisher
            .as_deref()
            .and_then(|p| clean(p, &titles, &host_keys))
            .as_ref()
            == Some(first)
            && declared.len() == 1;
        if only_publisher {
            if let Some(s) = suffix.as_ref().filter(|s| capitalised(s)) {
                return Some(s.clone());
            }
        }
        return Some(first.clone());
    }
    // 3. No declared name: the tab's suffix when it looks like a name; a
    //    prefix ("Daring Fireball: Colophon") only when something else on the
    //    page (logo, feed title, copyright, host) names it too; then the logo,
    //    the copyright holder when it is the host's name.
    let confirmed = |n: &String| {
        on_host(n)
            || brands.iter().chain(feeds.iter()).any(|b| same_org(b, n))
            || holder.as_ref().is_some_and(|h| same_org(h, n))
    };
    if let Some(s) = suffix.as_ref().filter(|s| capitalised(s) || confirmed(s)) {
        return Some(s.clone());
    }
    if let Some(p) = prefix.as_ref().filter(|p| confirmed(p)) {
        return Some(p.clone());
    }
    if let Some(b) = brands.iter().find(|b| on_host(b)).or(brands.first()) {
        return Some(b.clone());
    }
    if let Some(h) = holder.filter(|h| on_host(h) || host_keys.is_empty()) {
        return Some(h);
    }
    host.map(|h| h.trim_start_matches("www.").to_string())
}

/// A candidate name cleaned: tagline, hosting label and legal form cut;
/// `None` when it is no name (a URL, a page label, the page's own title).
fn clean(raw: &str, titles: &[&str], host: &[String]) -> Option<String> {
    let mut s = normalize_ws(raw)
        .trim_matches(|c: char| c.is_whitespace() || "-–—|:·_｜".contains(c))
        .to_string();
    if s.contains("://") || s.starts_with('@') {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if HOSTING_LABELS.iter().any(|h| lower.starts_with(h)) {
        return None;
    }
    if let Some(i) = HOSTING_LABELS.iter().find_map(|h| lower.find(h)) {
        if i > 0 && s.is_char_boundary(i) {
            s = s[..i].trim().to_string();
        }
    }
    s = cut_tagline(&s, host);
    for l in LEGAL_SUFFIXES {
        if s.len() > l.len() + 1
            && s.as_bytes()[s.len() - l.len()..].eq_ignore_ascii_case(l.as_bytes())
        {
            s.truncate(s.len() - l.len());
            s = s.trim_end_matches([',', ' ']).to_string();
            break;
        }
    }
    let key = alnum_key(&s);
    let digits = key.chars().filter(char::is_ascii_digit).count();
    if key.is_empty()
        || NOT_NAMES.contains(&key.as_str())
        || digits * 2 > key.chars().count()
        || lower.contains("copyright")
        || s.contains('©')
    {
        return None;
    }
    // The page's own headline in a name slot (application-name = title).
    if titles
        .iter()
        .any(|t| alnum_key(t) == key && Counts::of(t).units() > 3)
    {
        return None;
    }
    let c = Counts::of(&s);
    (c.words <= 6 && c.cjk <= 30 && s.chars().count() <= 60).then_some(s)
}

/// "Name - tagline" → "Name": the first part when the rest reads as a
/// tagline (longer than the name, or starting in lower case).
fn cut_tagline(s: &str, host: &[String]) -> String {
    for sep in TAGLINE_SEPARATORS {
        if let Some((name, rest)) = s.split_once(sep) {
            let (name, rest) = (name.trim(), rest.trim());
            if name.is_empty() || rest.is_empty() {
                continue;
            }
            // "電子書籍 | BOOK☆WALKER": the part that spells the host.
            if matches_host(rest, host) && !matches_host(name, host) {
                return rest.to_string();
            }
            let (n, r) = (Counts::of(name), Counts::of(rest));
            let lower_rest = rest.chars().next().is_some_and(char::is_lowercase);
            if n.units() <= 4 && (r.units() >= n.units() || lower_rest || r.cjk > 0) {
                return name.to_string();
            }
        }
    }
    s.to_string()
}

/// "WebMD logo" → "WebMD"; "National Geographic Logo - Home" → "National Geographic".
fn strip_logo_words(alt: &str) -> String {
    let mut s = cut_tagline(alt, &[]);
    for _ in 0..3 {
        let lower = s.to_ascii_lowercase();
        let Some(w) = LOGO_WORDS
            .iter()
            .find(|w| lower.ends_with(*w) || lower.starts_with(*w))
        else {
            break;
        };
        s = if lower.ends_with(w) {
            s[..s.len() - w.len()].to_string()
        } else {
            s[w.len()..].to_string()
        };
        s = s
            .trim_matches(|c: char| c.is_whitespace() || "-–|:".contains(c))
            .to_string();
        // "al’s Logo" → "al".
        for poss in ["'s", "’s"] {
            if let Some(t) = s.strip_suffix(poss) {
                s = t.to_string();
            }
        }
    }
    s
}

/// The holder a copyright line names: "© 2002–2015 The Daring Fireball
/// Company LLC." → "The Daring Fireball Company LLC".
fn copyright_holder(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let start = ["©", "copyright", "(c)"]
        .iter()
        .filter_map(|m| lower.find(m).map(|i| i + m.len()))
        .max()?;
    let rest = line.get(start..)?;
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || "©-–—,.()cC".contains(c)
    });
    let rest = rest
        .strip_prefix("by ")
        .or_else(|| rest.strip_prefix("By "))
        .unwrap_or(rest);
    let end = rest
        .find(". ")
        .into_iter()
        .chain(rest.find(" |"))
        .chain(rest.find(" All "))
        .chain(rest.find(" all "))
        .chain(rest.find(" - "))
        .chain(rest.find('。'))
        .chain(rest.find('版'))
        .min()
        .unwrap_or(rest.len());
    let holder = rest[..end].trim().trim_end_matches('.').trim();
    let c = Counts::of(holder);
    // "Pierre-Yves David, Greg Ward, and contributors": people, not a site.
    let list = holder.contains(" and ") || (holder.contains(" & ") && holder.contains(','));
    (!list
        && c.units() >= 1
        && c.words <= 6
        && c.cjk <= 16
        && holder.chars().any(char::is_alphabetic))
    .then(|| holder.to_string())
}

/// Whether a name has a capital, a digit, a dot or a CJK letter (names do;
/// tails of headlines such as "see inside" do not).
fn capitalised(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_uppercase() || c.is_ascii_digit() || c == '.' || crate::text::is_cjk_letter(c)
    })
}

/// "Silicon Exposed - Atom" → "Silicon Exposed".
fn strip_feed_words(t: &str) -> String {
    let lower = t.to_ascii_lowercase();
    FEED_WORDS
        .iter()
        .find(|w| lower.ends_with(*w))
        .map(|w| t[..t.len() - w.len()].trim().to_string())
        .unwrap_or_else(|| t.to_string())
}

/// The labels of a host that can name a site: "www.nationalgeographic.com" →
/// ["nationalgeographic"], "jvndb.jvn.jp" → ["jvndb", "jvn"].
fn host_keys(host: &str) -> Vec<String> {
    let labels: Vec<&str> = host.split('.').collect();
    // Drop the top-level domain and a second-level one ("co.jp", "com.cn").
    let mut n = labels.len().saturating_sub(1);
    if n >= 2
        && matches!(
            labels[n - 1],
            "co" | "com" | "ne" | "or" | "ac" | "go" | "org" | "net"
        )
    {
        n -= 1;
    }
    labels[..n]
        .iter()
        .filter(|l| !HOST_NOISE.contains(l) && l.len() >= 2)
        .map(|l| l.replace('-', ""))
        .collect()
}

/// Whether a name spells one of the host's labels ("Bloomberg.com" and
/// "bloomberg", "The Forward" and "forward", "AFPBB News" and "afpbb").
fn matches_host(name: &str, keys: &[String]) -> bool {
    let k = alnum_key(name);
    k.len() >= 2
        && keys.iter().any(|h| {
            k == *h || (h.len() >= 3 && k.contains(h.as_str())) || (k.len() >= 4 && h.contains(&k))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taglines_and_labels_are_cut() {
        // Values as real pages declare them (readability-test-pages, newspaper4k, Mercury fixtures).
        assert_eq!(
            clean("Aktuálně.cz - Víte, co se právě děje", &[], &[]).unwrap(),
            "Aktuálně.cz"
        );
        assert_eq!(
            clean("SIMPLYFOUND.COM | BY: JOE WEE", &[], &[]).unwrap(),
            "SIMPLYFOUND.COM"
        );
        assert_eq!(
            clean("LinkNaija | Nigeria's popular news platform", &[], &[]).unwrap(),
            "LinkNaija"
        );
        assert_eq!(
            clean("Yahoo News - Latest News & Headlines", &[], &[]).unwrap(),
            "Yahoo News"
        );
        assert_eq!(
            clean("電子書籍 | BOOK☆WALKER", &[], &host_keys("bookwalker.jp")).unwrap(),
            "BOOK☆WALKER"
        );
        assert_eq!(
            clean("Fandom powered by Wikia", &[], &[]).unwrap(),
            "Fandom"
        );
        assert_eq!(clean("Spiceworks Inc", &[], &[]).unwrap(), "Spiceworks");
        assert_eq!(
            clean("Wikimedia Foundation, Inc.", &[], &[]).unwrap(),
            "Wikimedia Foundation"
        );
        assert_eq!(clean("Hosted", &[], &[]), None);
        assert_eq!(clean("http://www.tmz.com", &[], &[]), None);
        assert_eq!(
            clean(
                "This Is Your Brain On Sad Movies; Plus 5 Films To Cry To",
                &["This Is Your Brain On Sad Movies; Plus 5 Films To Cry To"],
                &[]
            ),
            None
        );
    }

    #[test]
    fn logo_alts_and_copyright_lines_give_names() {
        assert_eq!(strip_logo_words("WebMD logo"), "WebMD");
        assert_eq!(
            strip_logo_words("National Geographic Logo - Home"),
            "National Geographic"
        );
        assert_eq!(
            copyright_holder("©2005-2015 WebMD, LLC. All rights reserved.").as_deref(),
            Some("WebMD, LLC")
        );
        assert_eq!(
            copyright_holder("Copyright © 2002–2015 The Daring Fireball Company LLC.").as_deref(),
            Some("The Daring Fireball Company LLC")
        );
        assert_eq!(copyright_holder("© 2016 ").as_deref(), None);
    }

    #[test]
    fn hosts_match_names() {
        let keys = host_keys("www.nationalgeographic.com");
        assert!(matches_host("National Geographic", &keys));
        assert!(!matches_host("Magazine", &keys));
        assert!(matches_host("AFPBB News", &host_keys("www.afpbb.com")));
        assert!(matches_host(
            "O'Reilly Japan",
            &host_keys("www.oreilly.co.jp")
        ));
    }
}
