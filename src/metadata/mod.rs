//! Citation metadata: declared sources (JSON-LD, meta tags, microdata) are
//! weighed against what the reader sees (headline, byline, dateline, credit
//! lines). Where they disagree, the visible page wins.

mod lang;
mod names;
mod site;
mod sources;
pub mod title;
mod visible;

pub use names::{agency as agency_name, Author};
pub use sources::{collect, has_type, Declared};
pub use visible::{scan, title_key, Visible};

use crate::date::{self, DateTime};
use crate::extract::clean::Credits;
use crate::text::normalize_ws;
use serde_json::Value;

/// URL path segments that name a kind of page, not a section.
const GENERIC_PATHS: &[&str] = &[
    "blog", "blogs", "news", "article", "articles", "post", "posts", "story", "stories", "p", "a",
    "s", "c", "content", "amp", "en", "zh", "www",
];

/// Query parameters that only track clicks; stripped from canonical URLs.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "spm",
    "from",
    "share_token",
    "ref_src",
    "cmpid",
    "ocid",
    "smid",
    "_ga",
];

/// Everything the metadata resolution needs.
pub struct Inputs<'a> {
    pub declared: &'a Declared,
    pub visible: &'a Visible,
    pub credits: &'a Credits,
    pub url: Option<&'a url::Url>,
    /// Plain text of the article body (for language and excerpt checks).
    pub body_text: &'a str,
    /// [`Counts`](crate::text::Counts) of `body_text`.
    pub body_counts: crate::text::Counts,
    /// First paragraph of the body.
    pub first_paragraph: Option<&'a str>,
    /// A summary paragraph removed from the body as a duplicate of the dek.
    pub dek: Option<&'a str>,
    /// First image of the body.
    pub first_image: Option<&'a str>,
}

/// Adds the body and its measures (`counts` of `text`) to an article whose metadata [`resolve`] filled.
pub fn with_body(
    mut a: crate::Article,
    content: String,
    text: String,
    counts: crate::text::Counts,
    readerable: bool,
    removed: Vec<crate::Removed>,
) -> crate::Article {
    a.word_count = counts.units();
    a.reading_minutes = crate::text::reading_minutes(counts);
    a.content = content;
    a.text = text;
    a.readerable = readerable;
    a.removed = removed;
    a
}

/// The article's metadata (body fields left empty; see [`with_body`]).
pub fn resolve(i: &Inputs) -> crate::Article {
    let d = i.declared;
    // On a publishing platform, the publication or account is the site.
    let site_name = site_name(d, i.url).map(|s| {
        if !crate::rules::bylines::PLATFORMS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&s))
        {
            return s;
        }
        let publisher = d
            .jsonld
            .as_ref()
            .and_then(|v| v.get("publisher"))
            .and_then(sources::string_of);
        publisher
            .filter(|p| !p.eq_ignore_ascii_case(&s))
            .or_else(|| d.account_name.clone())
            .unwrap_or(s)
    });
    let publisher = d
        .jsonld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(sources::string_of)
        .or_else(|| {
            d.meta(&["citation_publisher", "dc.publisher", "dcterms.publisher"])
                .map(str::to_string)
        })
        .or_else(|| site_name.clone());
    let cjk_page = i.body_counts.mostly_cjk();
    let lang = language(d, i.body_text, cjk_page);
    let chinese_outlet = i
        .url
        .and_then(|u| u.host_str())
        .is_some_and(is_chinese_outlet)
        || d.canonical
            .as_deref()
            .and_then(|c| url::Url::parse(c).ok())
            .and_then(|u| u.host_str().map(is_chinese_outlet))
            .unwrap_or(false);

    let title = title::resolve(d, i.visible, site_name.as_deref());
    let (byline, authors, source) = authors(
        i,
        site_name.as_deref(),
        publisher.as_deref(),
        chinese_outlet,
    );
    // Chinese local time is UTC+8; a Japanese or Korean page (also CJK) keeps
    // its times without a zone rather than a guessed one.
    let zh_clock = chinese_outlet
        || lang.as_deref().map_or(cjk_page, |l| {
            let l = l.to_ascii_lowercase();
            l.starts_with("zh") || (cjk_page && !l.starts_with("ja") && !l.starts_with("ko"))
        });
    let (published, modified) = dates(i, zh_clock);

    let excerpt = d
        .meta(&[
            "description",
            "og:description",
            "twitter:description",
            "dc.description",
            "dcterms.abstract",
        ])
        .map(normalize_ws)
        .or_else(|| d.ld_str("description"))
        .or_else(|| i.dek.map(str::to_string))
        .or_else(|| i.first_paragraph.map(|p| truncate_chars(p, 300)));

    // Section: the breadcrumb the reader sees, else the declared section;
    // a declared section is shown in the breadcrumb's spelling when both agree.
    let declared_section = d
        .meta(&[
            "article:section",
            "parsely-section",
            "sailthru.section",
            "section",
            "category",
        ])
        .map(str::to_string)
        .or_else(|| d.ld_str("articleSection"));
    // The site's own spelling of a name it also links to ("travel" → "Travel").
    let spelled = |s: &str| -> String {
        let key = s.replace(['-', '_'], " ");
        d.link_texts
            .iter()
            .find(|t| t.eq_ignore_ascii_case(&key))
            .cloned()
            .unwrap_or_else(|| s.to_string())
    };
    let section = d
        .breadcrumb
        .last()
        .cloned()
        .or_else(|| declared_section.as_deref().map(spelled))
        .or_else(|| {
            // The first path segment of the page's URL, when the site links to it by name.
            let u = d
                .canonical
                .as_deref()
                .and_then(|c| url::Url::parse(c).ok())
                .or_else(|| i.url.cloned())?;
            let seg = u
                .path_segments()?
                .find(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit()))?
                .to_string();
            if GENERIC_PATHS.contains(&seg.to_ascii_lowercase().as_str()) {
                return None;
            }
            let named = spelled(&seg);
            (named != seg).then_some(named)
        })
        .or_else(|| d.title_tag.as_deref().and_then(title::section_from_title));

    let canonical_url = d
        .canonical
        .as_deref()
        .or_else(|| d.meta(&["og:url", "twitter:url"]))
        .and_then(|c| {
            let abs = crate::sanitize::absolute(c, i.url)?;
            // Keep the page's own spelling of an absolute URL (no re-encoding).
            Some(if c.starts_with("http") && url::Url::parse(c).is_ok() {
                c.trim().to_string()
            } else {
                abs
            })
        })
        .or_else(|| i.url.map(|u| u.to_string()))
        .map(|u| strip_tracking(&u));

    let lead_image = d
        .meta(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
            "citation_image",
        ])
        .map(str::to_string)
        .or_else(|| {
            d.jsonld
                .as_ref()
                .and_then(|v| v.get("image"))
                .and_then(sources::string_of)
        })
        .or_else(|| i.first_image.map(str::to_string))
        .and_then(|u| crate::sanitize::absolute(&u, i.url));

    let mut keywords: Vec<String> = Vec::new();
    for k in d
        .meta_all("keywords")
        .chain(d.meta_all("news_keywords"))
        .chain(d.meta_all("article:tag"))
        .chain(d.meta_all("parsely-tags"))
    {
        for w in k.split([',', '，', ';', '、']) {
            let w = w.trim();
            if !w.is_empty() && w.chars().count() < 60 && !keywords.iter().any(|x| x == w) {
                keywords.push(w.to_string());
            }
        }
    }
    keywords.truncate(30);

    let license = d
        .license
        .clone()
        .or_else(|| d.ld_str("license"))
        .or_else(|| {
            d.meta(&[
                "dc.rights",
                "dcterms.license",
                "dcterms.rights",
                "copyright",
            ])
            .filter(|r| r.contains("creativecommons") || r.contains("CC BY"))
            .map(str::to_string)
        });

    let editor = match (&i.credits.editor, &d.responsible_editor) {
        (Some(e), _) if i.credits.editor_rank >= 3 => Some(e.clone()),
        (_, Some(r)) => Some(r.clone()),
        (e, None) => e.clone().or_else(|| i.visible.editor.clone()),
    };
    let kind = kind(d, published.is_some());
    let dir = match d.html_dir.as_deref() {
        Some(v) if v.eq_ignore_ascii_case("rtl") => "rtl",
        _ if lang.as_deref().is_some_and(is_rtl_lang) => "rtl",
        _ => "ltr",
    }
    .to_string();

    crate::Article {
        title,
        byline,
        authors,
        site_name,
        publisher,
        published_time: published,
        modified_time: modified,
        lang,
        dir,
        excerpt,
        section,
        canonical_url,
        lead_image,
        keywords,
        source,
        editor,
        license,
        kind,
        ..crate::Article::default()
    }
}

fn truncate_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn is_rtl_lang(l: &str) -> bool {
    let base = l
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        base.as_str(),
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "ckb" | "dv"
    )
}

/// Site name: see [`site::name`].
fn site_name(d: &Declared, url: Option<&url::Url>) -> Option<String> {
    site::name(d, url)
}

/// Page language: see [`lang::language`].
fn language(d: &Declared, body: &str, cjk: bool) -> Option<String> {
    lang::language(d, body, cjk)
}

/// Byline, authors and source: visible byline first, then declared persons,
/// then credit-line reporters, then the agency as a literal author.
fn authors(
    i: &Inputs,
    site: Option<&str>,
    publisher: Option<&str>,
    chinese_outlet: bool,
) -> (Option<String>, Vec<Author>, Option<String>) {
    let d = i.declared;
    let orgs: Vec<&str> = [
        site,
        publisher,
        d.title_tag.as_deref().and_then(title::site_suffix),
    ]
    .into_iter()
    .flatten()
    .collect();
    let rules = names::NameRules {
        orgs: &orgs,
        pinyin_family_first: chinese_outlet,
        keep_orgs: false,
    };
    let first_lines: String = i.body_text.lines().take(3).collect::<Vec<_>>().join("\n");
    // "来源：网络" names no source: the next candidate may.
    let named = |s: &Option<String>| s.clone().filter(|s| !names::is_placeholder(s));
    let mut source = named(&i.visible.source)
        .or_else(|| named(&i.credits.source))
        .or_else(|| names::dateline_agency(&first_lines))
        .map(|s| names::agency(&s).map(str::to_string).unwrap_or(s));
    let is_org = |name: &str| orgs.iter().any(|o| names::same_org(name, o));

    let mut authors: Vec<Author> = Vec::new();
    // An organisation the visible byline names ("By Global Times", a
    // partner such as "Tech Insider"): the author only if no person is
    // named anywhere else.
    let mut byline_orgs: Vec<Author> = Vec::new();
    if let Some(b) = &i.visible.byline {
        authors = names::parse_byline_with(b, &rules);
        if authors.is_empty() {
            byline_orgs = names::parse_byline_with(
                b,
                &names::NameRules {
                    keep_orgs: true,
                    ..rules
                },
            );
        }
    }
    // Chinese reporters named in the credits or the dateline ("（记者 李四）")
    // beat structured data. A Latin "By Jane Doe" paragraph may be a related
    // story's card inside the body: it comes after declared authors.
    let (latin_reporters, cjk_reporters): (Vec<String>, Vec<String>) = i
        .credits
        .reporters
        .iter()
        .cloned()
        .partition(|r| r.contains(|c: char| c.is_ascii_alphabetic()));
    if authors.is_empty() {
        let mut reporters = cjk_reporters;
        reporters.extend(names::dateline_reporters(&first_lines));
        for r in reporters {
            if let Some(a) = names::parse_name_with(&r, &rules) {
                if !authors.contains(&a) {
                    authors.push(a);
                }
            }
        }
    }
    if authors.is_empty() {
        if let Some(ld) = d
            .jsonld
            .as_ref()
            .and_then(|v| v.get("author").or_else(|| v.get("creator")))
        {
            for (name, is_org) in ld_people(ld) {
                if is_org {
                    if !orgs.iter().any(|o| names::same_org(&name, o)) {
                        authors.push(Author::Literal { literal: name });
                    }
                } else {
                    authors.extend(names::parse_byline_with(&name, &rules));
                }
            }
        }
    }
    if authors.is_empty() {
        // The company holding the copyright is no author ("Condé Nast" as
        // the `author` meta of every page of a magazine).
        let copyright = d.meta(&["copyright", "dc.rights"]).unwrap_or("");
        let itemprops: Vec<&str> = d
            .itemprops
            .iter()
            .filter(|(k, _)| k == "author" || k == "creator")
            .map(|(_, v)| v.as_str())
            .collect();
        // Sources in order of trust; the first that names someone is used
        // alone (microdata also marks related stories' authors).
        let groups: [Vec<&str>; 4] = [
            d.meta_all("citation_author")
                .chain(d.meta_all("dc.creator"))
                .chain(d.meta_all("dc:creator"))
                .chain(d.meta_all("dcterms.creator"))
                .collect(),
            d.meta_all("author").collect(),
            d.meta_all("article:author")
                .chain(d.meta_all("parsely-author"))
                .chain(d.meta_all("sailthru.author"))
                .collect(),
            itemprops,
        ];
        for group in groups {
            for name in group.into_iter().filter(|v| !v.contains("://")) {
                if !copyright.is_empty() && copyright.contains(name) {
                    continue;
                }
                for a in parse_citation_name(name, &rules) {
                    if !authors.contains(&a) {
                        authors.push(a);
                    }
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
        // A `author` meta that names the page's editor is the CMS's account,
        // not the author, also with the account's desk before it ("青网校园崔宁宁").
        // (A one-character "editor" would match half the names.)
        if let Some(ed) = i.credits.editor.as_ref().filter(|e| e.chars().count() >= 2) {
            authors.retain(|a| !a.display().ends_with(ed.as_str()));
        }
    }
    if authors.is_empty() {
        for r in &latin_reporters {
            authors.extend(names::parse_name_with(r, &rules));
        }
    }
    if authors.is_empty() {
        for t in &d.byline_elements {
            authors = names::parse_byline_with(t, &rules);
            // A byline element naming only the site: the site is the author.
            if authors.is_empty() && is_org(t) {
                authors = names::parse_byline_with(
                    t,
                    &names::NameRules {
                        keep_orgs: true,
                        ..rules
                    },
                );
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        // An `article:author` given as a profile URL names the author in its
        // last path segment (".../editors/jon-fingas" → Jon Fingas).
        for u in d.meta_all("article:author") {
            if let Some(name) = profile_slug_name(u) {
                authors.extend(names::parse_name_with(&name, &rules));
            }
        }
    }
    if authors.is_empty() {
        authors = byline_orgs;
    } else if source.is_none() {
        // Persons named elsewhere: the byline's organisation ("By: CNN Wire")
        // supplied the story.
        source = byline_orgs
            .first()
            .map(Author::display)
            .filter(|s| !is_org(s));
    }
    if authors.is_empty() {
        if let Some(s) = source.as_deref().filter(|s| !is_org(s)) {
            authors.push(Author::Literal {
                literal: s.to_string(),
            });
        }
    }
    let mut seen = Vec::new();
    authors.retain(|a| {
        let keep = !seen.contains(a);
        seen.push(a.clone());
        keep
    });
    let byline = if authors.is_empty() {
        None
    } else {
        let names: Vec<String> = authors.iter().map(Author::display).collect();
        Some(match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            _ => format!(
                "{} and {}",
                names[..names.len() - 1].join(", "),
                names[names.len() - 1]
            ),
        })
    };
    (byline, authors, source)
}

/// "https://site/editors/jon-fingas" → "Jon Fingas": a profile URL's last
/// segment when it is two or three hyphenated words (not a social network's
/// account name, which has no hyphen).
fn profile_slug_name(u: &str) -> Option<String> {
    let url = url::Url::parse(u).ok()?;
    let slug = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    let words: Vec<&str> = slug.split('-').collect();
    if !(2..=3).contains(&words.len())
        || !words
            .iter()
            .all(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `citation_author` is often "Family, Given".
fn parse_citation_name(name: &str, rules: &names::NameRules) -> Vec<Author> {
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    if parts.len() == 2
        && !parts[0].contains(' ')
        && !parts[1].is_empty()
        && parts[1].split_whitespace().count() <= 2
        && !name.contains(" and ")
    {
        return vec![Author::Person {
            family: parts[0].to_string(),
            given: parts[1].to_string(),
        }];
    }
    names::parse_byline_with(name, rules)
}

/// Names in a JSON-LD `author` value, each with whether it is an organisation.
fn ld_people(v: &Value) -> Vec<(String, bool)> {
    match v {
        Value::String(s) => vec![(s.clone(), false)],
        Value::Array(a) => a.iter().flat_map(ld_people).collect(),
        Value::Object(o) => {
            let org = matches!(
                o.get("@type").and_then(Value::as_str),
                Some("Organization") | Some("NewsMediaOrganization") | Some("Corporation")
            );
            o.get("name")
                .and_then(sources::string_of)
                .map(|n| (n, org))
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Published and modified dates. The visible dateline wins where it disagrees
/// with declared data (e.g. local time mislabelled as UTC); declared data adds
/// precision (seconds) where it agrees. Chinese pages state local times
/// without a zone, which is UTC+8.
fn dates(i: &Inputs, zh: bool) -> (Option<String>, Option<String>) {
    let d = i.declared;
    let declared_pub_raw: Option<String> = d
        .ld_str("datePublished")
        .or_else(|| first_date_meta(d, crate::rules::dates::PUBLISHED_META_KEYS))
        .or_else(|| d.itemprop("datePublished").map(str::to_string))
        .or_else(|| d.ld_str("dateCreated"))
        .or_else(|| {
            // Script variables: the most precise one (with a time of day).
            d.script_dates
                .iter()
                .max_by_key(|s| date::parse(s).is_some_and(|x| x.has_time()))
                .cloned()
        })
        // Last, an element marked as the publication date anywhere on the page.
        .or_else(|| d.dated_elements.first().cloned());
    let declared_mod_raw: Option<String> = d
        .ld_str("dateModified")
        .or_else(|| first_date_meta(d, crate::rules::dates::MODIFIED_META_KEYS))
        .or_else(|| d.itemprop("dateModified").map(str::to_string));
    let local = |x: DateTime| -> DateTime {
        if zh && x.time.is_some() && x.offset.is_none() {
            DateTime {
                offset: Some(480),
                ..x
            }
        } else {
            x
        }
    };
    let declared_pub = declared_pub_raw.as_deref().and_then(date::parse).map(local);
    let declared_mod = declared_mod_raw.as_deref().and_then(date::parse);
    // A visible date labelled "Updated", or on the declared modification day
    // but not the declared publication day, is no publication date when the
    // page declares one (unless both state the same moment).
    // Near the headline, else an element marked as the publication date
    // anywhere (weaker: only where it adds to a declared date of the same day).
    let shown = i.visible.published.or_else(|| {
        d.dated_elements
            .iter()
            .find_map(|s| date::parse(s))
            .filter(|m| declared_pub.is_none_or(|p| !p.has_time() && same_day(m, &p)))
    });
    let visible_is_update = shown.is_some()
        && (shown == i.visible.modified
            || shown.zip(declared_mod).is_some_and(|(v, m)| {
                same_day(&v, &m) && declared_pub.is_some_and(|p| !same_day(&v, &p))
            }));
    // A clock read from a `datetime` attribute, not shown, is machine data no
    // better than the declared time: when the page declares one, only the
    // day shown counts.
    let shown = shown.map(|v| match declared_pub {
        Some(dp) if i.visible.attr_clocks.contains(&v) && dp.has_time() => DateTime {
            time: None,
            offset: None,
            ..v
        },
        _ => v,
    });
    let visible_pub = shown
        .map(local)
        .filter(|v| !(visible_is_update && declared_pub.is_some_and(|dp| !same_moment(v, &dp))));
    // The date in the page's URL (or its canonical URL's).
    let url_date = i
        .url
        .map(|u| u.path().to_string())
        .into_iter()
        .chain(
            d.canonical
                .as_deref()
                .and_then(|c| url::Url::parse(c).ok())
                .map(|u| u.path().to_string()),
        )
        .find_map(|p| date::from_url_path(&p));
    // The URL's day, when nothing on the page states one.
    let url_day = url_date.and_then(|(year, month, day)| {
        Some(DateTime {
            year,
            month,
            day: day?,
            time: None,
            offset: None,
        })
    });
    let published = match (visible_pub, declared_pub) {
        // A date shown days away from the declared one is another date on the
        // page (a caption, a related story): the declaration stands.
        (Some(v), Some(dp)) if days_apart(&v, &dp) > 1 => Some(dp),
        (Some(v), Some(dp)) => Some(reconcile(v, dp)),
        (v, dp) => v
            .or(dp)
            .or_else(|| yearless(i, url_date, declared_mod).map(local))
            .or(url_day),
    };
    // When the visible clock showed the declared zone to be wrong, the same
    // mistake is in the declared modified time: read it as local time too.
    let zone_fix = match (visible_pub, declared_pub) {
        (Some(v), Some(dp))
            if v.time.is_some()
                && v.time == dp.time
                && v.offset.is_some()
                && v.offset != dp.offset =>
        {
            v.offset
        }
        _ => None,
    };
    let declared_mod = declared_mod.map(|m| match zone_fix {
        Some(off) => DateTime {
            offset: Some(off),
            ..m
        },
        None => local(m),
    });
    let modified = match (i.visible.modified.map(local), declared_mod) {
        (Some(v), Some(dm)) => Some(reconcile(v, dm)),
        (v, dm) => v.or(dm),
    }
    .filter(|m| Some(m.to_iso()) != published.map(|p| p.to_iso()));
    let show = |x: DateTime, declared: Option<DateTime>, raw: Option<&str>| -> String {
        // The declared string verbatim when it is what we chose and already ISO 8601
        // (keeps the page's own spelling: fractional seconds, "+00:00").
        match raw {
            Some(r) if Some(x) == declared && is_iso_with_offset(r) => drop_zero_fraction(r.trim()),
            _ => x.to_iso(),
        }
    };
    (
        published.map(|x| show(x, declared_pub, declared_pub_raw.as_deref())),
        modified.map(|x| show(x, declared_mod, declared_mod_raw.as_deref())),
    )
}

/// A dateline shown without a year (`10-08 14:35`) placed in the year the
/// page states elsewhere: the URL's year when its month is the dateline's,
/// else the declared modification's year when the dateline is not later in
/// that year. Never the clock: without such evidence, nothing.
fn yearless(
    i: &Inputs,
    url_date: Option<(i32, u32, Option<u32>)>,
    modified: Option<DateTime>,
) -> Option<DateTime> {
    let md = i.visible.yearless?;
    let (month, day, _) = md;
    let year = url_date
        .filter(|&(_, m, d)| m == month && d.is_none_or(|d| d == day))
        .map(|(y, _, _)| y)
        .or_else(|| {
            modified
                .filter(|m| (month, day) <= (m.month, m.day))
                .map(|m| m.year)
        })?;
    date::in_year(year, md)
}

/// The first of `keys` whose `<meta>` value reads as a date.
fn first_date_meta(d: &Declared, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| d.meta(&[k]).filter(|v| date::parse(v).is_some()))
        .map(str::to_string)
}

/// Whole days between two dates' calendar days.
fn days_apart(a: &DateTime, b: &DateTime) -> i64 {
    (date::day_number(a) - date::day_number(b)).abs()
}

fn same_day(a: &DateTime, b: &DateTime) -> bool {
    (a.year, a.month, a.day) == (b.year, b.month, b.day)
}

/// Whether two dates state the same moment: the same day when either lacks
/// a time, else the same wall clock or (both with offsets) the same instant, to the minute.
fn same_moment(a: &DateTime, b: &DateTime) -> bool {
    let minutes = |t: Option<(u32, u32, u32)>| t.map(|(h, m, _)| (h, m));
    match (a.time, b.time) {
        (Some(_), Some(_)) => {
            (same_day(a, b) && minutes(a.time) == minutes(b.time))
                || a.offset.zip(b.offset).is_some_and(|(ao, _)| {
                    let at = b.at_offset(ao);
                    same_day(a, &at) && minutes(a.time) == minutes(at.time)
                })
        }
        _ => same_day(a, b),
    }
}

/// `…:44.000Z` → `…:44Z`: a zero fraction says nothing.
fn drop_zero_fraction(s: &str) -> String {
    if let Some(dot) = s.find('.') {
        let digits = s[dot + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        if digits > 0 && s[dot + 1..dot + 1 + digits].chars().all(|c| c == '0') {
            return format!("{}{}", &s[..dot], &s[dot + 1 + digits..]);
        }
    }
    s.to_string()
}

/// `2024-01-10T13:02:45.114Z`, `2024-01-10T21:14:05+01:00`.
fn is_iso_with_offset(s: &str) -> bool {
    let s = s.trim();
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && (s.ends_with('Z')
            || s.len() > 6 && matches!(b[b.len() - 6], b'+' | b'-') && b[b.len() - 3] == b':')
}

/// Visible vs declared. The same wall clock with different zones means the
/// declared zone is wrong (keep the visible one); the same instant shown to
/// the minute means the declared value adds precision (keep it, at the
/// declared offset); a declared time on a visible date-only day adds the time.
fn reconcile(visible: DateTime, declared: DateTime) -> DateTime {
    let minutes = |t: Option<(u32, u32, u32)>| t.map(|(h, m, _)| (h, m));
    match (visible.time, declared.time) {
        (Some(_), Some(_)) => {
            if let (Some(vo), Some(_)) = (visible.offset, declared.offset) {
                // Same instant? Compare at the visible offset, to the minute.
                let at_visible = declared.at_offset(vo);
                if same_day(&at_visible, &visible)
                    && minutes(at_visible.time) == minutes(visible.time)
                {
                    return if declared.offset == Some(vo) {
                        declared
                    } else {
                        at_visible
                    };
                }
            }
            // A local clock without a zone and the same moment declared with
            // an offset: keep the instant, at the page's own offset.
            if let Some(d) = date::at_local_clock(&visible, &declared) {
                return d;
            }
            if same_day(&visible, &declared) && minutes(visible.time) == minutes(declared.time) {
                // Same wall clock: the visible zone is right, the declared seconds are extra precision.
                return DateTime {
                    time: declared.time,
                    offset: visible.offset.or(declared.offset),
                    ..visible
                };
            }
            visible
        }
        (None, Some(_)) if same_day(&visible, &declared) => declared,
        _ => visible,
    }
}

/// CSL item type from declared types and page signals.
fn kind(d: &Declared, dated: bool) -> String {
    let ld = d.ld_type().unwrap_or_default();
    let og = d.meta(&["og:type"]).unwrap_or("").to_ascii_lowercase();
    let generator = d.meta(&["generator"]).unwrap_or("").to_ascii_lowercase();
    let k = if ld.contains("NewsArticle") {
        "article-newspaper"
    } else if ld == "BlogPosting"
        || ld == "SocialMediaPosting"
        || [
            "wordpress",
            "ghost",
            "hugo",
            "jekyll",
            "blogger",
            "substack",
            "medium",
            "hexo",
        ]
        .iter()
        .any(|g| generator.contains(g))
    {
        "post-weblog"
    } else if ld == "Article" || ld.contains("Article") || og == "article" || dated {
        if dated {
            "article-newspaper"
        } else {
            "webpage"
        }
    } else {
        "webpage"
    };
    k.to_string()
}

/// Mainland Chinese outlets: `*.cn` hosts and the listed others.
fn is_chinese_outlet(host: &str) -> bool {
    host.ends_with(".cn")
        || crate::rules::bylines::CHINESE_OUTLET_HOSTS
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// Removes tracking parameters (`utm_*`, `fbclid`, …) and the fragment,
/// leaving the rest of the URL exactly as written.
pub fn strip_tracking(u: &str) -> String {
    let u = u.split('#').next().unwrap_or(u);
    let Some((path, query)) = u.split_once('?') else {
        return u.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && !key.starts_with("utm_") && !TRACKING_PARAMS.contains(&key)
        })
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_urls_name_their_author() {
        // engadget's `article:author`.
        assert_eq!(
            profile_slug_name("https://www.engadget.com/editors/jon-fingas").as_deref(),
            Some("Jon Fingas")
        );
        assert_eq!(profile_slug_name("https://www.facebook.com/CNBC"), None);
        assert_eq!(
            profile_slug_name("https://example.com/2016/12/some-long-story-title"),
            None
        );
    }

    #[test]
    fn strips_tracking_parameters() {
        assert_eq!(
            strip_tracking("https://a.com/x?id=3&utm_source=tw&fbclid=1#top"),
            "https://a.com/x?id=3"
        );
    }

    #[test]
    fn visible_local_time_beats_declared_utc() {
        let v = date::parse("10:31 UTC+8, 2023-01-10").unwrap();
        let d = date::parse("2023-01-10T10:31:00Z").unwrap();
        assert_eq!(reconcile(v, d).to_iso(), "2023-01-10T10:31:00+08:00");
    }
}
