//! Loading and scoring shared by `tidings-eval` and `tests/corpora.rs`
//! (both include it by `#[path]`, next to `score.rs` and `blocks.rs`).
//!
//! Four layouts of page folders, told apart by what the folder holds:
//! - our fixtures: `<slug>/{source.html, expected.txt, meta.json}`;
//! - Mozilla's test pages: `<slug>/{source.html, expected.html, expected-metadata.json}`;
//! - Mercury's fixtures: `expected.json` + `fixtures/*.html` (cases that name the
//!   same fixture are one page: upstream splits a page's assertions into cases);
//! - newspaper4k's test data: `html/*.html`, `txt/<stem>.txt`, `metadata/<stem>.json`.
//!
//! Body: token precision/recall/F1 against the expected text (`score.rs`),
//! except Mercury, which gives only an article's first words: there the body
//! score is 1 when they are found where our text starts ([`first_words_match`]).
//! A page with no expected body is scored only for refusal: "no article"
//! (an error, or empty text) is wrong on an article page and right on a
//! non-article page ([`NON_ARTICLE_PAGES`] for newspaper4k; an empty
//! expected text for fixtures and Mozilla's pages).

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

use crate::blocks::block_text;
use crate::score::{normalize_ws, parse_stamp, prf, tokenize, Prf, Stamp};

/// The URL Readability's own test suite gives its pages.
pub const FAKEHOST: &str = "http://fakehost/test/page.html";

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Layout {
    Fixtures,
    Mozilla,
    Mercury,
    Newspaper,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Fixtures => "fixtures",
            Layout::Mozilla => "Readability test pages",
            Layout::Mercury => "Mercury fixtures (body: first words)",
            Layout::Newspaper => "newspaper4k test data",
        }
    }
}

/// newspaper4k pages without an expected text that are not articles, so
/// "no article" is the right answer (matched on the file stem; every other
/// page without a text is an article whose refusal counts as wrong).
///
/// | stem pattern       | what the page is                                  |
/// | ------------------ | ------------------------------------------------- |
/// | `*_main_site`      | a site's home page (CNN, Wired, Yahoo)            |
/// | `sample_rss`       | an RSS feed, not an HTML page                     |
/// | `*_meta_refresh`   | a redirect / auto-refreshing news index (AP, Google) |
pub const NON_ARTICLE_PAGES: &[(&str, &str)] = &[
    ("_main_site", "suffix"),
    ("sample_rss", "exact"),
    ("_meta_refresh", "suffix"),
];

/// Pages a reference treats as an article that are not, checked against
/// the page: (corpus folder, page, what the page is).
pub const JUDGED_NON_ARTICLES: &[(&str, &str, &str)] = &[(
    "readability-test-pages",
    "nytimes-5",
    "the New York Times en Español front page: teasers of many stories",
)];

/// Below this many words, a Mozilla page marked `readerable: false` is one
/// of Readability's unit-test snippets ("Test", "abc def ghi"): no main text.
const SNIPPET_WORDS: usize = 10;

fn is_judged_non_article(dir: &Path, slug: &str) -> bool {
    JUDGED_NON_ARTICLES
        .iter()
        .any(|&(d, s, _)| s == slug && dir.ends_with(d))
}

fn is_non_article_stem(stem: &str) -> bool {
    NON_ARTICLE_PAGES.iter().any(|&(p, how)| match how {
        "suffix" => stem.ends_with(p),
        _ => stem == p,
    })
}

/// What a page should give.
#[derive(Default, Debug)]
pub struct Expected {
    /// The expected body text; None when the corpus gives none.
    pub text: Option<String>,
    /// Mercury: the article's first words.
    pub first_words: Option<String>,
    /// An article page: "no article" is wrong. False only for pages known
    /// not to be articles, where "no article" is right.
    pub article: bool,
    pub title: Option<String>,
    /// Names that must all appear in the authors or byline (case-insensitive),
    /// or, for fixtures, the exact author list in display form.
    pub authors: Option<Vec<String>>,
    /// Mozilla pages: the byline (compared by containment either way).
    pub byline: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub site_name: Option<String>,
    pub readerable: Option<bool>,
}

#[derive(Debug)]
pub struct Page {
    pub slug: String,
    pub source: PathBuf,
    pub url: String,
    pub expected: Expected,
}

/// What one extractor gave for a page.
#[derive(Default, Clone, Debug)]
pub struct Got {
    pub error: Option<String>,
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// None for extractors that only give a byline string.
    pub authors: Option<Vec<String>>,
    pub published: Option<String>,
    /// The extractor gives a day only (trafilatura): no timestamp score.
    pub day_only: bool,
    pub lang: Option<String>,
    pub site_name: Option<String>,
    pub readerable: bool,
    pub ms: f64,
}

impl Got {
    /// "No article": an error, or no text.
    pub fn refused(&self) -> bool {
        self.error.is_some() || self.text.trim().is_empty()
    }
}

/// Metadata fields scored; `day` and `time` are the published date.
pub const FIELDS: [&str; 7] = [
    "title",
    "authors",
    "day",
    "time",
    "lang",
    "siteName",
    "readerable",
];

#[derive(Debug, Clone)]
pub struct Scored {
    /// Token scores against the expected text (pages with one).
    pub prf: Option<Prf>,
    /// The body score: F1, or 1/0 for Mercury's first words; None when the
    /// page has no expected body.
    pub body: Option<f64>,
    pub refused: bool,
    /// Per field of [`FIELDS`]: None where no expected value exists.
    pub fields: [Option<bool>; 7],
}

// ------------------------------------------------------------------ loading

/// Reads a corpus folder in whichever layout it has.
pub fn load_dir(dir: &Path) -> Result<(Layout, Vec<Page>), String> {
    if dir.join("expected.json").is_file() {
        return Ok((Layout::Mercury, load_mercury(dir)?));
    }
    if dir.join("html").is_dir() && dir.join("txt").is_dir() {
        return Ok((Layout::Newspaper, load_newspaper(dir)?));
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut slugs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    slugs.sort();
    if slugs.is_empty() {
        return Err(format!(
            "{}: no expected.json, html/ + txt/, or <slug>/source.html folders",
            dir.display()
        ));
    }
    let layout = if slugs.iter().any(|p| p.join("expected.txt").is_file()) {
        Layout::Fixtures
    } else {
        Layout::Mozilla
    };
    let mut pages = Vec::new();
    for p in slugs {
        let slug = p
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let page = match layout {
            Layout::Fixtures => load_fixture(&p, slug),
            _ => load_mozilla(&p, slug),
        };
        match page {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(e) => eprintln!("tidings-eval: skipping {}: {e}", p.display()),
        }
    }
    Ok((layout, pages))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&s).map_err(|e| format!("{}: {e}", path.display()))
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty())
}

fn load_fixture(p: &Path, slug: String) -> Result<Option<Page>, String> {
    if !p.join("expected.txt").is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(p.join("expected.txt")).map_err(|e| e.to_string())?;
    let meta = if p.join("meta.json").is_file() {
        read_json(&p.join("meta.json"))?
    } else {
        Value::Null
    };
    let authors = meta.get("authors").and_then(|a| {
        serde_json::from_value::<Vec<tidings::Author>>(a.clone())
            .ok()
            .map(|v| v.iter().map(tidings::Author::display).collect())
    });
    let url = str_field(&meta, "url")
        .or_else(|| str_field(&meta, "canonicalUrl"))
        .unwrap_or_else(|| format!("https://example.org/{slug}/"));
    let readerable = meta.get("readerable").and_then(Value::as_bool);
    let article = !text.trim().is_empty();
    Ok(Some(Page {
        slug,
        source: p.join("source.html"),
        url,
        expected: Expected {
            text: article.then_some(text),
            article,
            title: str_field(&meta, "title"),
            authors,
            published: str_field(&meta, "publishedTime"),
            lang: str_field(&meta, "lang"),
            site_name: str_field(&meta, "siteName"),
            readerable,
            ..Expected::default()
        },
    }))
}

/// Mozilla's pages: an empty expected.html, a unit-test snippet
/// ([`SNIPPET_WORDS`]) or a page of [`JUDGED_NON_ARTICLES`] is a non-article
/// page; any other is an article, even where `readerable` is false (an
/// article must never be refused).
fn load_mozilla(p: &Path, slug: String) -> Result<Option<Page>, String> {
    if !p.join("expected.html").is_file() {
        return Ok(None);
    }
    let html = std::fs::read_to_string(p.join("expected.html")).map_err(|e| e.to_string())?;
    let meta = if p.join("expected-metadata.json").is_file() {
        read_json(&p.join("expected-metadata.json"))?
    } else {
        Value::Null
    };
    let text = block_text(&html);
    let readerable = meta.get("readerable").and_then(Value::as_bool);
    let snippet = readerable == Some(false) && tokenize(&text).len() < SNIPPET_WORDS;
    let judged = p.parent().is_some_and(|d| is_judged_non_article(d, &slug));
    let article = !text.trim().is_empty() && !snippet && !judged;
    Ok(Some(Page {
        slug,
        source: p.join("source.html"),
        url: FAKEHOST.to_string(),
        expected: Expected {
            text: article.then_some(text),
            article,
            title: str_field(&meta, "title"),
            byline: str_field(&meta, "byline"),
            published: str_field(&meta, "publishedTime"),
            lang: str_field(&meta, "lang"),
            site_name: str_field(&meta, "siteName"),
            readerable,
            ..Expected::default()
        },
    }))
}

/// Mercury's `expected.json`: cases naming the same fixture are merged (the
/// first value of each field wins). Every page is an article.
fn load_mercury(dir: &Path) -> Result<Vec<Page>, String> {
    let cases = read_json(&dir.join("expected.json"))?;
    let cases = cases
        .as_array()
        .ok_or_else(|| format!("{}/expected.json: not a list", dir.display()))?;
    let mut pages: Vec<Page> = Vec::new();
    for case in cases {
        let Some(fixture) = str_field(case, "fixture") else {
            continue;
        };
        let source = dir.join(&fixture);
        let exp = case.get("expected").unwrap_or(&Value::Null);
        let idx = match pages.iter().position(|p| p.source == source) {
            Some(i) => i,
            None => {
                if !source.is_file() {
                    eprintln!("tidings-eval: skipping missing {}", source.display());
                    continue;
                }
                let slug = Path::new(&fixture)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| fixture.clone());
                pages.push(Page {
                    slug,
                    source,
                    url: str_field(case, "url").unwrap_or_else(|| FAKEHOST.into()),
                    expected: Expected {
                        article: true,
                        ..Expected::default()
                    },
                });
                pages.len() - 1
            }
        };
        let e = &mut pages[idx].expected;
        let set = |slot: &mut Option<String>, key: &str| {
            if slot.is_none() {
                *slot = str_field(exp, key);
            }
        };
        set(&mut e.title, "title");
        set(&mut e.published, "date_published");
        if e.first_words.is_none() {
            e.first_words = str_field(exp, "content_first_words")
                .filter(|w| !tokenize(&block_text(w)).is_empty());
        }
        if e.authors.is_none() {
            e.authors = str_field(exp, "author")
                .map(|a| split_names(&a))
                .filter(|v| !v.is_empty());
        }
    }
    Ok(pages)
}

/// Mercury's author string as names: a leading "By " dropped, split on
/// commas, " and " and "&".
fn split_names(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = match s.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => &s[3..],
        _ => s,
    };
    s.replace(" and ", ",")
        .replace(" AND ", ",")
        .replace('&', ",")
        .split(',')
        .map(normalize_ws)
        .filter(|n| !n.is_empty())
        .collect()
}

/// newspaper4k's test data: pages are `html/*.html`; the body is
/// `txt/<stem>.txt`, the metadata `metadata/<stem>.json` (its `url` is the
/// page URL).
fn load_newspaper(dir: &Path) -> Result<Vec<Page>, String> {
    let html = dir.join("html");
    let entries =
        std::fs::read_dir(&html).map_err(|e| format!("cannot read {}: {e}", html.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    files.sort();
    let mut pages = Vec::new();
    for source in files {
        let stem = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(dir.join("txt").join(format!("{stem}.txt")))
            .ok()
            .filter(|t| !t.trim().is_empty());
        let meta_path = dir.join("metadata").join(format!("{stem}.json"));
        let meta = if meta_path.is_file() {
            read_json(&meta_path)?
        } else {
            Value::Null
        };
        let authors = meta.get("authors").and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(normalize_ws)
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        });
        let url = str_field(&meta, "url").unwrap_or_else(|| format!("https://example.org/{stem}"));
        pages.push(Page {
            source,
            url,
            expected: Expected {
                article: text.is_some() || !is_non_article_stem(&stem),
                text,
                title: str_field(&meta, "title"),
                authors: authors.filter(|a| !a.is_empty()),
                published: str_field(&meta, "publish_date"),
                lang: str_field(&meta, "language"),
                ..Expected::default()
            },
            slug: stem,
        });
    }
    Ok(pages)
}

// ------------------------------------------------------------------ tidings

/// Runs the library on a page.
pub fn run_tidings(page: &Page) -> Got {
    let bytes = match std::fs::read(&page.source) {
        Ok(b) => b,
        Err(e) => {
            return Got {
                error: Some(format!("read: {e}")),
                ..Got::default()
            }
        }
    };
    let options = tidings::Options::default();
    let t0 = Instant::now();
    let res =
        std::panic::catch_unwind(|| tidings::extract_bytes(&bytes, Some(&page.url), &options));
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    match res {
        Err(_) => Got {
            error: Some("panic".into()),
            ms,
            ..Got::default()
        },
        Ok(Err(e)) => Got {
            error: Some(e.code().to_string()),
            ms,
            ..Got::default()
        },
        Ok(Ok(a)) => Got {
            error: None,
            title: Some(a.title.clone()),
            byline: a.byline.clone(),
            authors: Some(a.authors.iter().map(tidings::Author::display).collect()),
            published: a.published_time.clone(),
            day_only: false,
            lang: a.lang.clone(),
            site_name: a.site_name.clone(),
            readerable: a.readerable,
            text: a.text,
            ms,
        },
    }
}

// ------------------------------------------------------------------ scoring

/// How far into our text Mercury's first words may begin, in tokens: room
/// for a kicker, a dateline or a caption line above the first paragraph.
pub const FIRST_WORDS_WITHIN: usize = 60;

/// How many of Mercury's first tokens are compared: upstream takes words
/// between spaces, which in Japanese text run to whole paragraphs (captions
/// included); English cases have about a dozen.
pub const FIRST_WORDS_MAX: usize = 24;

/// How many of Mercury's first words must remain when leading ones are
/// dropped (see [`first_words_match`]).
pub const FIRST_WORDS_KEEP: usize = 5;

/// Mercury's first words found at the start of `text`. Rule:
/// - both are tokenized as the body scorer does (`score::tokenize`), the
///   expected words after decoding HTML entities (`&#151;` → "—"):
///   lower-cased, punctuation stripped, CJK one token per character;
/// - only the first [`FIRST_WORDS_MAX`] expected tokens count;
/// - the tokens of each are then joined without separators and compared as
///   character streams, because Mercury's words are the text content of its
///   HTML, where blocks run together without a space ("America.The first
///   lady", "186 cmAvailable Lengths");
/// - the expected stream must occur in ours starting within our first
///   [`FIRST_WORDS_WITHIN`] tokens (so a last word cut short still matches);
/// - failing that, leading expected tokens may be dropped, at most half of
///   them and keeping at least [`FIRST_WORDS_KEEP`]: Mercury's content keeps
///   image captions and credits before the first paragraph ("Photo by Steve
///   Pope/Getty Images After the election, …"), which extractors drop.
pub fn first_words_match(text: &str, first_words: &str) -> bool {
    let mut want = tokenize(&block_text(first_words));
    want.truncate(FIRST_WORDS_MAX);
    if want.is_empty() {
        return false;
    }
    let have = tokenize(text);
    let limit: usize = have.iter().take(FIRST_WORDS_WITHIN).map(String::len).sum();
    let have = have.concat();
    let most_dropped = if want.len() >= FIRST_WORDS_KEEP {
        (want.len() / 2).min(want.len() - FIRST_WORDS_KEEP)
    } else {
        0
    };
    (0..=most_dropped).any(|k| {
        have.find(&want[k..].concat())
            .is_some_and(|at| at < limit.max(1))
    })
}

/// Same calendar day. Rule: when both carry an offset, the same day in UTC
/// or in either's own offset (the page's); when only the expected one does
/// (Mercury's UTC times), our written day must be that instant's day at
/// some offset from −12:00 to +14:00 (the page's zone is unknown); when the
/// expected one has none, the written days must be equal (ours also in UTC).
pub fn same_day(got: &str, want: &str) -> bool {
    let (Some(g), Some(w)) = (parse_stamp(got), parse_stamp(want)) else {
        return got.trim() == want.trim();
    };
    match (g.offset, w.offset) {
        (Some(go), Some(wo)) => {
            g.utc_day() == w.utc_day()
                || g.local_day == Stamp::day_of(w.utc + go)
                || w.local_day == Stamp::day_of(g.utc + wo)
        }
        (None, Some(_)) => {
            Stamp::day_of(w.utc - 12 * 3600) <= g.local_day
                && g.local_day <= Stamp::day_of(w.utc + 14 * 3600)
        }
        (Some(_), None) => g.local_day == w.local_day || g.utc_day() == w.local_day,
        (None, None) => g.local_day == w.local_day,
    }
}

/// Same instant within 60 s; None unless both give a time of day (a time
/// without an offset is read as UTC).
pub fn same_instant(got: &str, want: &str) -> Option<bool> {
    let (g, w) = (parse_stamp(got)?, parse_stamp(want)?);
    (g.has_time && w.has_time).then(|| (g.utc - w.utc).abs() <= 60)
}

/// Scores what an extractor gave against what the page should give.
pub fn score(layout: Layout, exp: &Expected, got: &Got) -> Scored {
    let refused = got.refused();
    let ok = got.error.is_none();
    let prf = exp.text.as_ref().map(|t| {
        if refused {
            Prf::ZERO
        } else {
            prf(&got.text, t)
        }
    });
    let body = match layout {
        Layout::Mercury => exp
            .first_words
            .as_ref()
            .map(|w| f64::from(u8::from(!refused && first_words_match(&got.text, w)))),
        _ => prf.map(|p| p.f1),
    };
    let lower = |s: &str| normalize_ws(s).to_lowercase();
    let title = exp
        .title
        .as_ref()
        .map(|t| ok && got.title.as_deref().is_some_and(|g| same_title(g, t)));
    let authors = match layout {
        Layout::Mozilla => exp.byline.as_ref().map(|want| {
            let (w, g) = (lower(want), lower(got.byline.as_deref().unwrap_or("")));
            ok && !g.is_empty() && (w.contains(&g) || g.contains(&w))
        }),
        Layout::Fixtures => exp.authors.as_ref().map(|want| match (&got.authors, ok) {
            (_, false) => want.is_empty(),
            (Some(have), true) => have == want,
            (None, true) => names_in(want, got),
        }),
        Layout::Mercury | Layout::Newspaper => {
            exp.authors.as_ref().map(|want| ok && names_in(want, got))
        }
    };
    let day = exp
        .published
        .as_ref()
        .map(|want| ok && got.published.as_deref().is_some_and(|g| same_day(g, want)));
    let time = match layout {
        _ if got.day_only => None,
        Layout::Newspaper => None,
        Layout::Fixtures => exp
            .published
            .as_ref()
            .map(|want| ok && got.published.as_deref() == Some(want.as_str())),
        Layout::Mozilla | Layout::Mercury => exp.published.as_ref().and_then(|want| {
            if !ok {
                return parse_stamp(want).filter(|w| w.has_time).map(|_| false);
            }
            same_instant(got.published.as_deref()?, want)
        }),
    };
    let lang = exp.lang.as_ref().map(|want| {
        ok && got.lang.as_deref().is_some_and(|g| match layout {
            // newspaper4k gives the language only ("en"), not the region.
            Layout::Newspaper => primary_subtag(g).eq_ignore_ascii_case(primary_subtag(want)),
            _ => g.trim().eq_ignore_ascii_case(want.trim()),
        })
    });
    let site = exp.site_name.as_ref().map(|want| {
        ok && got
            .site_name
            .as_deref()
            .is_some_and(|g| normalize_ws(g) == normalize_ws(want))
    });
    let readerable = exp.readerable.map(|want| (ok && got.readerable) == want);
    Scored {
        prf,
        body,
        refused,
        fields: [title, authors, day, time, lang, site, readerable],
    }
}

/// Separators between a headline and the site or section name a reference
/// title may keep ("Headline | Site", "标题_科技_腾讯网", "Site - Headline").
const TITLE_AFFIX_SEPARATORS: &[&str] =
    &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", "_", "｜"];

/// The same title, or the reference is ours with a site or section name
/// joined by a separator before or after it: a citation's title drops
/// those, and Readability's and Mercury's references keep them.
pub fn same_title(got: &str, want: &str) -> bool {
    let (g, w) = (normalize_ws(got), normalize_ws(want));
    if g == w {
        return true;
    }
    !g.is_empty()
        && TITLE_AFFIX_SEPARATORS.iter().any(|sep| {
            w.strip_prefix(g.as_str())
                .is_some_and(|rest| rest.starts_with(sep))
                || w.strip_suffix(g.as_str())
                    .is_some_and(|rest| rest.ends_with(sep))
        })
}

fn primary_subtag(s: &str) -> &str {
    s.trim().split(['-', '_']).next().unwrap_or("")
}

/// Every expected name found, case-insensitively, in our authors or byline.
fn names_in(want: &[String], got: &Got) -> bool {
    let mut hay = got.byline.clone().unwrap_or_default();
    for a in got.authors.iter().flatten() {
        hay.push_str(" ; ");
        hay.push_str(a);
    }
    let hay = normalize_ws(&hay).to_lowercase();
    if want.is_empty() {
        return hay.is_empty();
    }
    want.iter()
        .all(|w| hay.contains(&normalize_ws(w).to_lowercase()))
}

// ------------------------------------------------------------------ summary

/// One tool's figures over one corpus.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Mean body score over pages with an expected body, and how many.
    pub body: f64,
    pub body_pages: usize,
    /// Mean precision and recall (pages with an expected text).
    pub precision: f64,
    pub recall: f64,
    /// Article pages refused, by slug, and how many article pages.
    pub refused: Vec<String>,
    pub articles: usize,
    /// Non-article pages refused (the right answer), of how many.
    pub non_article_refused: usize,
    pub non_articles: usize,
    /// Per field of [`FIELDS`]: (right, scored).
    pub fields: [(usize, usize); 7],
    pub median_ms: f64,
}

impl Summary {
    /// Agreement rate of a field, None when nothing was scored.
    pub fn field_rate(&self, name: &str) -> Option<f64> {
        let i = FIELDS.iter().position(|f| *f == name)?;
        let (right, of) = self.fields[i];
        (of > 0).then(|| right as f64 / of as f64)
    }
}

pub fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 {
        0.0
    } else {
        s / n as f64
    }
}

pub fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Sums up one tool's scores over a corpus.
pub fn summarize(pages: &[Page], scored: &[Scored], got: &[Got]) -> Summary {
    let mut s = Summary {
        body: mean(scored.iter().filter_map(|x| x.body)),
        body_pages: scored.iter().filter(|x| x.body.is_some()).count(),
        precision: mean(scored.iter().filter_map(|x| x.prf.map(|p| p.precision))),
        recall: mean(scored.iter().filter_map(|x| x.prf.map(|p| p.recall))),
        median_ms: median(got.iter().map(|g| g.ms).collect()),
        ..Summary::default()
    };
    for (p, x) in pages.iter().zip(scored) {
        if p.expected.article {
            s.articles += 1;
            if x.refused {
                s.refused.push(p.slug.clone());
            }
        } else {
            s.non_articles += 1;
            s.non_article_refused += usize::from(x.refused);
        }
        for (i, f) in x.fields.iter().enumerate() {
            if let Some(ok) = f {
                s.fields[i].0 += usize::from(*ok);
                s.fields[i].1 += 1;
            }
        }
    }
    s
}
