//! Structured metadata as pages carry it: `<meta>` tags (OpenGraph, Twitter,
//! Highwire `citation_*`, Dublin Core, Parse.ly, Sailthru), JSON-LD
//! (schema.org, `@graph`, arrays, nested objects), microdata and `<link>`s.
//! Read in one walk, before any cleaning.

use crate::dom::{Dom, NodeId};
use crate::rules::keywords::{Boundary, KeywordSet, Keywords};
use html5ever::{local_name, LocalName};
use serde_json::Value;

/// What the page declares about itself.
#[derive(Debug, Default)]
pub struct Declared {
    pub title_tag: Option<String>,
    /// `<meta>` values by lower-cased name/property, in document order.
    pub meta: Vec<(String, String)>,
    /// The article-like JSON-LD object, if any (the first NewsArticle/Article/BlogPosting…).
    pub jsonld: Option<Value>,
    /// Other JSON-LD objects (WebPage, Organization, BreadcrumbList…).
    pub jsonld_other: Vec<Value>,
    pub html_lang: Option<String>,
    pub html_dir: Option<String>,
    pub canonical: Option<String>,
    pub license: Option<String>,
    pub base_href: Option<String>,
    /// `itemprop` values (`content`/`datetime` attribute or text) by property name.
    pub itemprops: Vec<(String, String)>,
    /// Element carrying `itemprop=articleBody`.
    pub article_body: Option<NodeId>,
    /// Breadcrumb trail items ("News", "Nation"), without "Home".
    pub breadcrumb: Vec<String>,
    /// Publish times found in inline script variables (`SCRIPT_DATE_KEYS`).
    pub script_dates: Vec<String>,
    /// Dates of the first elements marked as publication dates (`DATE_ELEMENT_MARKS`):
    /// the `datetime` attribute, else the text, when it reads as a date.
    pub dated_elements: Vec<String>,
    /// Short link texts (menus, section links), for spelling section names as the site does.
    pub link_texts: Vec<String>,
    /// Texts of the first elements marked as bylines (`rel=author`, `class="byline"`…) anywhere.
    pub byline_elements: Vec<String>,
    /// The responsible editor named anywhere on the page ("责任编辑：张三").
    pub responsible_editor: Option<String>,
    /// The account named on a platform page (WeChat's `#js_name`).
    pub account_name: Option<String>,
    /// The site's name as its masthead shows it: the alt text of logo images
    /// and the text of site-title elements, in document order (at most four).
    pub brand_names: Vec<String>,
    /// Titles of the page's feed links ("Silicon Exposed - Atom"), at most two.
    pub feed_titles: Vec<String>,
    /// The last copyright line outside scripts ("© 2015 WebMD, LLC. All rights reserved.").
    pub copyright: Option<String>,
}

/// Class, id, rel or itemprop fragments of byline elements; comment authors excluded.
const BYLINE_MARKS: Keywords = Keywords {
    words: &["byline", "author", "writer", "dateline-author"],
    boundary: Boundary::Anywhere,
};

/// Class, id, rel or itemprop fragments that make a byline-like element
/// something else (comment authors, avatars).
const NOT_BYLINE_MARKS: Keywords = Keywords {
    words: &["comment", "avatar"],
    boundary: Boundary::Anywhere,
};

/// The element tables above, matched together over each attribute value.
static SIGNS: std::sync::LazyLock<KeywordSet> = std::sync::LazyLock::new(|| {
    KeywordSet::of(&[
        &BYLINE_MARKS,
        &NOT_BYLINE_MARKS,
        &BREADCRUMB_SIGNS,
        &crate::rules::bylines::ACCOUNT_MARKS,
        &BRAND_MARKS,
        &crate::rules::dates::DATE_ELEMENT_MARKS,
    ])
});
const BYLINE: u32 = 1;
const NOT_BYLINE: u32 = 1 << 1;
const BREADCRUMB: u32 = 1 << 2;
const ACCOUNT: u32 = 1 << 3;
const BRAND: u32 = 1 << 4;
const DATED: u32 = 1 << 5;

/// Class or id fragments of a site's masthead: its logo and its title.
const BRAND_MARKS: Keywords = Keywords {
    words: &[
        "logo",
        "brand",
        "masthead",
        "site-title",
        "site-name",
        "sitename",
        "sitetitle",
        "blog-title",
    ],
    boundary: Boundary::Anywhere,
};

/// How many masthead names are kept.
const MAX_BRAND_NAMES: usize = 4;

/// Which [`SIGNS`] tables an element's class, id, rel and itemprop match.
#[derive(Clone, Copy)]
struct Signs {
    class_id: u32,
    rel_itemprop: u32,
}

impl Signs {
    fn of(dom: &Dom, id: NodeId) -> Signs {
        let hits = |a: &LocalName| dom.attr_named(id, a).map_or(0, |v| SIGNS.hits(v));
        Signs {
            class_id: hits(&local_name!("class")) | hits(&local_name!("id")),
            rel_itemprop: hits(&local_name!("rel")) | hits(&local_name!("itemprop")),
        }
    }
}

/// Whether a short text holds the copyright sign or the word "copyright":
/// one two-byte scan (the sign's last byte, the word's `y`) and a check at
/// each hit, cheaper on the many short texts of a page than two substring
/// searches, which pay their set-up on every call.
fn has_copyright_mark(t: &[u8]) -> bool {
    memchr::memchr2_iter(0xA9, b'y', t).any(|i| {
        if t[i] == 0xA9 {
            i > 0 && t[i - 1] == 0xC2
        } else {
            i >= 2 && t[i - 2..].starts_with(b"opyright")
        }
    })
}

/// A searcher for 责, the first character of both editor labels, built once
/// (a one-off `memmem::find` builds one per text node).
static ZE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("责".as_bytes()));

/// How many short link texts are kept.
const MAX_LINK_TEXTS: usize = 600;

/// Class/id fragments of breadcrumb trails (English and Chinese CMS names).
const BREADCRUMB_SIGNS: Keywords = Keywords {
    words: &[
        "breadcrumb",
        "crumb",
        "bread-crumb",
        "daohang",
        "path",
        "weizhi",
    ],
    boundary: Boundary::Anywhere,
};

/// Trail items that are not sections.
const NOT_SECTIONS: &[&str] = &[
    "home",
    "homepage",
    "首页",
    "主页",
    "网站首页",
    "正文",
    "当前位置",
    "您当前的位置",
    "您的位置",
];

/// JSON-LD `@type`s that describe an article, best first.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Article",
    "BlogPosting",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
];

impl Declared {
    /// The first `<meta>` value under any of `keys` (lower-case), non-empty.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }

    /// Every `<meta>` value under `key`.
    pub fn meta_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.meta
            .iter()
            .filter(move |(n, v)| n == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    pub fn itemprop(&self, key: &str) -> Option<&str> {
        self.itemprops
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// A string field of the article JSON-LD.
    pub fn ld_str(&self, key: &str) -> Option<String> {
        self.jsonld.as_ref().and_then(|v| string_of(v.get(key)?))
    }

    /// The article JSON-LD's `@type`.
    pub fn ld_type(&self) -> Option<String> {
        let t = self.jsonld.as_ref()?.get("@type")?;
        match t {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.iter().find_map(|x| x.as_str().map(str::to_string)),
            _ => None,
        }
    }
}

/// A string from a JSON-LD value: a string, the first of an array, or an object's `name`/`@value`/`url`.
pub fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(string_of),
        Value::Object(o) => ["name", "@value", "url", "@id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(string_of)),
        _ => None,
    }
}

/// Reads the document's declared metadata in one walk.
pub fn collect(dom: &Dom) -> Declared {
    let mut d = Declared::default();
    if let Some(html) = dom.html_element() {
        d.html_lang = dom
            .attr(html, "lang")
            .or_else(|| dom.attr(html, "xml:lang"))
            .map(str::to_string);
        d.html_dir = dom.attr(html, "dir").map(str::to_string);
    }
    let mut ld_objects = Vec::new();
    // Marked date elements read (at most 8: their text is parsed).
    let mut dated_tries = 0;
    for id in dom.descendants(NodeId::DOCUMENT) {
        if let Some(t) = dom.text(id) {
            // Both labels start with 责: one search decides most texts. Script
            // text (a large share of a page's bytes) is not read.
            if d.responsible_editor.is_none()
                && !dom
                    .parent(id)
                    .is_some_and(|p| dom.is(p, &local_name!("script")))
                && !t.is_ascii()
                && ZE.find(t.as_bytes()).is_some()
                && (t.contains("责任编辑") || t.contains("责编"))
            {
                d.responsible_editor = responsible_editor(t);
            }
            if t.len() < 300
                && has_copyright_mark(t.as_bytes())
                && !dom.parent(id).is_some_and(|p| {
                    dom.is(p, &local_name!("script")) || dom.is(p, &local_name!("style"))
                })
            {
                d.copyright = Some(crate::text::normalize_ws(t));
            }
            continue;
        }
        let Some(tag) = dom.tag(id) else { continue };
        match *tag {
            local_name!("title") if d.title_tag.is_none() => {
                let t = crate::text::normalize_ws(&dom.text_content(id));
                if !t.is_empty() {
                    d.title_tag = Some(t);
                }
            }
            local_name!("meta") => {
                let key = dom
                    .attr(id, "property")
                    .or_else(|| dom.attr(id, "name"))
                    .or_else(|| dom.attr(id, "itemprop"))
                    .or_else(|| dom.attr(id, "http-equiv"));
                // Pages saved by Mercury (Postlight) Parser, and a few CMSs,
                // write the value in `value` instead of `content`.
                let value = dom.attr(id, "content").or_else(|| dom.attr(id, "value"));
                if let (Some(k), Some(v)) = (key, value) {
                    // A property attribute may list several names ("og:title twitter:title").
                    for k in k.split_whitespace() {
                        d.meta.push((k.to_ascii_lowercase(), meta_text(v)));
                    }
                    if let Some(ip) = dom.attr(id, "itemprop") {
                        d.itemprops.push((ip.to_string(), v.to_string()));
                    }
                }
            }
            local_name!("link") => {
                let rel = dom.attr(id, "rel").unwrap_or("").to_ascii_lowercase();
                let href = dom.attr(id, "href").map(str::to_string);
                if rel.split_whitespace().any(|r| r == "canonical") && d.canonical.is_none() {
                    d.canonical = href;
                } else if rel.split_whitespace().any(|r| r == "license") && d.license.is_none() {
                    d.license = href;
                } else if rel.split_whitespace().any(|r| r == "alternate")
                    && dom
                        .attr(id, "type")
                        .is_some_and(|t| t.contains("rss") || t.contains("atom"))
                    && d.feed_titles.len() < 2
                {
                    if let Some(t) = dom.attr(id, "title") {
                        d.feed_titles.push(crate::text::normalize_ws(t));
                    }
                }
            }
            local_name!("a") => {
                if d.link_texts.len() < MAX_LINK_TEXTS {
                    let t = crate::text::normalize_ws(&dom.text_content_capped(id, 80));
                    if (2..=40).contains(&t.len()) {
                        d.link_texts.push(t);
                    }
                }
                let rel = dom.attr(id, "rel").unwrap_or("");
                if d.license.is_none()
                    && rel
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("license"))
                {
                    d.license = dom.attr(id, "href").map(str::to_string);
                }
            }
            local_name!("base") if d.base_href.is_none() => {
                d.base_href = dom.attr(id, "href").map(str::to_string);
            }
            local_name!("script") => {
                let ty = dom.attr(id, "type").unwrap_or("");
                // Script variables are the last resort for a date: skip them once
                // the page has declared one, and read at most the first 256 KiB.
                let declared = d
                    .meta(&[
                        "article:published_time",
                        "og:published_time",
                        "publishdate",
                        "pubdate",
                        "datepublished",
                    ])
                    .is_some()
                    || ld_objects
                        .iter()
                        .any(|o: &Value| o.get("datePublished").is_some());
                if d.script_dates.len() < 4 && !declared && dom.attr(id, "src").is_none() {
                    match dom.first_child(id).and_then(|c| dom.text(c)) {
                        // The usual script: one text node, read in place.
                        Some(t) if dom.node(id).first_child == dom.node(id).last_child => {
                            script_dates(crate::text::prefix(t, 256 * 1024), &mut d.script_dates)
                        }
                        _ => script_dates(
                            &dom.text_content_capped(id, 256 * 1024),
                            &mut d.script_dates,
                        ),
                    }
                }
                if ty.eq_ignore_ascii_case("application/ld+json") {
                    let raw = dom.text_content(id);
                    if let Ok(v) = serde_json::from_str::<Value>(unwrap_ld(&raw)) {
                        flatten_ld(v, &mut ld_objects);
                    }
                }
            }
            _ => {}
        }
        // The tests below all read attributes.
        if dom.element(id).is_none_or(|e| e.attrs.is_empty()) {
            continue;
        }
        let signs = Signs::of(dom, id);
        if d.account_name.is_none() && is_account_element(dom, id, signs) {
            let t = crate::text::normalize_ws(&dom.text_content_capped(id, 200));
            if (2..=40).contains(&t.chars().count()) {
                d.account_name = Some(t);
            }
        }
        if d.brand_names.len() < MAX_BRAND_NAMES {
            if let Some(name) = brand_name(dom, id, signs) {
                if !d.brand_names.contains(&name) {
                    d.brand_names.push(name);
                }
            }
        }
        if d.byline_elements.len() < 3 && is_byline_element(dom, id, signs) {
            let t = crate::text::normalize_ws(&dom.text_content_capped(id, 300));
            if (3..=100).contains(&t.chars().count()) {
                d.byline_elements.push(t);
            }
        }
        if d.dated_elements.len() < 2 && dated_tries < 8 && signs.class_id & DATED != 0 {
            dated_tries += 1;
            let t = dom
                .attr(id, "datetime")
                .map(str::to_string)
                .unwrap_or_else(|| crate::text::normalize_ws(&dom.text_content_capped(id, 200)));
            if crate::date::parse(&t).is_some() {
                d.dated_elements.push(t);
            }
        }
        if d.breadcrumb.is_empty() && is_breadcrumb(dom, id, signs) {
            d.breadcrumb = breadcrumb_items(dom, id);
        }
        if let Some(prop) = dom.attr(id, "itemprop") {
            if !dom.is(id, &local_name!("meta")) {
                for p in prop.split_whitespace() {
                    if p == "articleBody" && d.article_body.is_none() {
                        d.article_body = Some(id);
                        continue;
                    }
                    let v = dom
                        .attr(id, "content")
                        .or_else(|| dom.attr(id, "datetime"))
                        .map(str::to_string)
                        .unwrap_or_else(|| {
                            if matches!(
                                p,
                                "author"
                                    | "creator"
                                    | "headline"
                                    | "name"
                                    | "datePublished"
                                    | "dateModified"
                                    | "publisher"
                            ) {
                                crate::text::normalize_ws(&dom.text_content(id))
                            } else {
                                String::new()
                            }
                        });
                    // An author inside a figure is the picture's photographer.
                    let photo_credit = matches!(p, "author" | "creator")
                        && dom.ancestors(id).take(4).any(|a| {
                            matches!(
                                dom.tag(a),
                                Some(&local_name!("figure")) | Some(&local_name!("figcaption"))
                            )
                        });
                    if !v.is_empty() && v.len() < 300 && !photo_credit {
                        d.itemprops.push((p.to_string(), v));
                    }
                }
            }
        }
    }
    let best = ARTICLE_TYPES
        .iter()
        .find_map(|t| ld_objects.iter().position(|o| has_type(o, t)));
    if let Some(i) = best {
        d.jsonld = Some(ld_objects.remove(i));
    }
    d.jsonld_other = ld_objects;
    d
}

/// Values of publish-time variables in script text: `key` then `:` or `=`, then a quoted string.
fn script_dates(text: &str, out: &mut Vec<String>) {
    for key in crate::rules::bylines::SCRIPT_DATE_KEYS {
        for pos in memchr::memmem::find_iter(text.as_bytes(), key) {
            // The whole name: not `podcast_publish_date` for `publish_date`.
            if pos > 0
                && matches!(text.as_bytes()[pos - 1], b'_' | b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
            {
                continue;
            }
            let after = &text[pos + key.len()..];
            let rest = after.trim_start_matches(['"', '\'', ' ']);
            let Some(rest) = rest.strip_prefix([':', '=']) else {
                continue;
            };
            let rest = rest.trim_start();
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = rest[1..].find(q) {
                let value = &rest[1..1 + end];
                if (8..=40).contains(&value.len()) && crate::date::parse(value).is_some() {
                    out.push(value.to_string());
                    break;
                }
            }
        }
    }
}

/// The name after "责任编辑：" or "责编：" in a text.
fn responsible_editor(t: &str) -> Option<String> {
    let i = t
        .find("责任编辑")
        .map(|i| i + "责任编辑".len())
        .or_else(|| t.find("责编").map(|i| i + "责编".len()))?;
    let rest = t[i..].trim_start_matches([' ', '　', ':', '：']);
    let name: String = rest
        .chars()
        .take_while(|&c| crate::text::is_cjk_letter(c) || c == '·')
        .collect();
    (2..=4).contains(&name.chars().count()).then_some(name)
}

fn is_byline_element(dom: &Dom, id: NodeId, signs: Signs) -> bool {
    if matches!(
        dom.tag(id),
        Some(&local_name!("meta"))
            | Some(&local_name!("link"))
            | Some(&local_name!("script"))
            | Some(&local_name!("img"))
            | None
    ) {
        return false;
    }
    let all = signs.class_id | signs.rel_itemprop;
    all & BYLINE != 0 && all & NOT_BYLINE == 0
}

/// JSON-LD text without the wrappers some CMSs put around it
/// (`<![CDATA[ … ]]>`, `<!-- … -->`, a trailing `;`).
fn unwrap_ld(raw: &str) -> &str {
    let mut s = raw.trim();
    for (open, close) in [
        ("<![CDATA[", "]]>"),
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s
            .strip_prefix(open)
            .and_then(|r| r.trim_end().strip_suffix(close))
        {
            s = inner.trim();
        }
    }
    s.trim_end_matches(';').trim()
}

/// The site name a masthead element shows: a logo image's alt text (the
/// image or its parent marked as logo or brand), or the text of a
/// site-title element without images.
fn brand_name(dom: &Dom, id: NodeId, signs: Signs) -> Option<String> {
    let marked = |n: NodeId| Signs::of(dom, n).class_id & BRAND != 0;
    let text = if dom.is(id, &local_name!("img")) {
        let alt = dom.attr(id, "alt")?;
        let src = dom.attr(id, "src").unwrap_or("");
        let logo = signs.class_id & BRAND != 0
            || src.to_ascii_lowercase().contains("logo")
            || alt.to_ascii_lowercase().contains("logo")
            || dom.ancestors(id).take(2).any(marked);
        if !logo {
            return None;
        }
        alt.to_string()
    } else if signs.class_id & BRAND != 0
        && matches!(
            dom.tag(id),
            Some(&local_name!("h1"))
                | Some(&local_name!("p"))
                | Some(&local_name!("a"))
                | Some(&local_name!("div"))
                | Some(&local_name!("span"))
        )
        && !dom
            .descendants(id)
            .take(40)
            .any(|n| dom.is(n, &local_name!("img")) || dom.is(n, &local_name!("svg")))
    {
        dom.text_content_capped(id, 120)
    } else {
        return None;
    };
    let t = crate::text::normalize_ws(&text);
    (2..=60).contains(&t.chars().count()).then_some(t)
}

fn is_account_element(dom: &Dom, id: NodeId, signs: Signs) -> bool {
    signs.class_id & ACCOUNT != 0
        && !matches!(
            dom.tag(id),
            Some(&local_name!("script")) | Some(&local_name!("meta")) | None
        )
}

fn is_breadcrumb(dom: &Dom, id: NodeId, signs: Signs) -> bool {
    if !matches!(
        dom.tag(id),
        Some(&local_name!("div"))
            | Some(&local_name!("nav"))
            | Some(&local_name!("ol"))
            | Some(&local_name!("ul"))
            | Some(&local_name!("p"))
            | Some(&local_name!("span"))
    ) {
        return false;
    }
    signs.class_id & BREADCRUMB != 0
        || dom
            .attr(id, "aria-label")
            .is_some_and(|l| l.to_ascii_lowercase().contains("breadcrumb"))
        || dom
            .attr(id, "itemtype")
            .unwrap_or("")
            .contains("BreadcrumbList")
}

/// The trail's items: link texts, or the text split at separators.
fn breadcrumb_items(dom: &Dom, id: NodeId) -> Vec<String> {
    let text = crate::text::normalize_ws(&dom.text_content(id));
    if text.chars().count() > 120 {
        return Vec::new();
    }
    let links: Vec<String> = dom
        .descendants(id)
        .filter(|&n| dom.is(n, &local_name!("a")))
        .map(|n| crate::text::normalize_ws(&dom.text_content(n)))
        .collect();
    let items: Vec<String> = if links.len() >= 2 {
        links
    } else {
        text.split(['/', '>', '»', '›', '＞', '|'])
            .map(|s| s.trim().to_string())
            .collect()
    };
    items
        .into_iter()
        .map(|s| s.trim_end_matches(['：', ':']).trim().to_string())
        .filter(|s| {
            !s.is_empty()
                && s.chars().count() <= 40
                && !NOT_SECTIONS.iter().any(|n| s.eq_ignore_ascii_case(n))
        })
        .collect()
}

/// Whether a JSON-LD object's `@type` is (or lists) `t`.
pub fn has_type(o: &Value, t: &str) -> bool {
    match o.get("@type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    }
}

/// Pulls every typed object out of `@graph`s and arrays (iteratively).
fn flatten_ld(v: Value, out: &mut Vec<Value>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if out.len() > 200 {
            return;
        }
        match v {
            Value::Array(a) => stack.extend(a.into_iter().rev()),
            Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    stack.push(g);
                }
                if o.contains_key("@type") {
                    out.push(Value::Object(o));
                }
            }
            _ => {}
        }
    }
}

/// Meta values sometimes arrive double-escaped (`&amp;#39;`): decode the common entities.
/// A meta value as text: double-encoded entities decoded, and the markup some
/// CMSs (or hostile pages: `<img onerror=…>`) leave in names and titles dropped.
fn meta_text(v: &str) -> String {
    let s = decode_entities(v);
    if s.contains('<') {
        strip_tags(&s)
    } else {
        s
    }
}

/// `s` without its tags (`<` then a letter, `/` or `!`, up to the next `>`),
/// white space collapsed; any other `<` stays.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let tag = tail.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match tail.find('>').filter(|_| tag) {
            Some(end) => rest = &tail[end + 1..],
            None => {
                out.push('<');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    crate::text::normalize_ws(&out)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn copyright_marks_are_found_as_a_substring_search_finds_them() {
        for t in [
            "© 2024 Foo Media",
            "Copyright 2024 Foo",
            "All rights reserved. copyright",
            "版权所有 ©",
            "yyy opyrigh",
            "Jimmy ran",
            "é© ©",
            "",
            "y",
            "\u{a9}x",
        ] {
            let want = t.contains('©') || t.contains("opyright");
            assert_eq!(super::has_copyright_mark(t.as_bytes()), want, "{t:?}");
        }
    }

    use super::meta_text;

    #[test]
    fn meta_values_lose_their_markup() {
        assert_eq!(
            meta_text("<img src=x onerror=&quot;window.__pwned=1&quot;>Bay Gazette"),
            "Bay Gazette"
        );
        assert_eq!(
            meta_text("Why &lt;em&gt;this&lt;/em&gt; matters"),
            "Why this matters"
        );
        assert_eq!(
            meta_text("3 < 5, and a <b>bold</b> claim"),
            "3 < 5, and a bold claim"
        );
        assert_eq!(meta_text("a <unclosed tag"), "a <unclosed tag");
        assert_eq!(meta_text("  plain  title "), "  plain  title ");
    }
}
