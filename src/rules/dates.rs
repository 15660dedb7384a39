//! Date and time formats seen in datelines, meta tags and structured data.
//! Each pattern uses named groups that `crate::date` reads: `y`, `m` (month
//! number) or `mon` (English month name), `d`, `H`, `M`, `S`, `ampm`, `tz`.

use super::Rule;

/// How a match of each date rule starts (its pattern's first atoms), by rule
/// id: `crate::date` tries a rule, anchored, only where the text starts that
/// way, instead of searching the whole text with it.
pub const DATE_STARTS: &[(&str, Start)] = &[
    ("iso-8601", Start::Year),
    ("time-then-iso-date", Start::Time),
    ("chinese-ymd", Start::Year),
    ("time-then-english-date", Start::Time),
    ("english-month-day-year", Start::Month),
    ("english-day-month-year", Start::Day),
    ("us-numeric-with-us-zone", Start::Day),
];

/// The start of a date rule's match.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    /// A year 19xx or 20xx.
    Year,
    /// An hour: one or two digits, then `:` or `.`.
    Time,
    /// A day: one or two digits, then no digit.
    Day,
    /// The first three letters of an English month name, either case.
    Month,
}

impl Start {
    /// Whether a match may start at the beginning of `rest`.
    pub fn admits(self, rest: &[u8]) -> bool {
        let digit = |i: usize| rest.get(i).is_some_and(u8::is_ascii_digit);
        match self {
            Start::Year => {
                matches!(rest, [b'1', b'9', ..] | [b'2', b'0', ..]) && digit(2) && digit(3)
            }
            Start::Time => {
                let at = |i: usize| matches!(rest.get(i), Some(b':' | b'.'));
                digit(0) && (at(1) || (digit(1) && at(2)))
            }
            Start::Day => digit(0) && (!digit(1) || !digit(2)),
            Start::Month => rest.get(..3).is_some_and(|m| {
                MONTH_NAMES
                    .iter()
                    .any(|name| m.eq_ignore_ascii_case(&name.as_bytes()[..3]))
            }),
        }
    }
}

pub const DATE_RULES: &[Rule] = &[
    Rule {
        id: "iso-8601",
        pattern: r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:(?:T|\s+|,\s*)(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2})(?:[.,]\d+)?)?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*(?:\(?(?P<tz>Z|[+-]\d{2}:?\d{2}|[+-]\d{3}\b|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|UTC|GMT|[A-Z]{3,4})\)?)?\b)?)?",
        catches: "2023-01-10T10:31:00+08:00, 2023-01-10 10:31, 2023/01/10 10:31:05, 2024.03.05, an offset missing its leading zero (2018-10-29T10:15-500)",
        hints: &["-", "/", "."],
        examples: &[
            "2023-01-10T10:31:00+08:00",
            "2023-01-10 10:31",
            "2023/01/10 10:31:05",
            "2024.03.05",
            "2018-10-29T10:15-500",
        ],
        counter: &["1999 to 2023"],
    },
    Rule {
        id: "time-then-iso-date",
        pattern: r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<tz>(?:UTC|GMT)\s*[+-]\s*\d{1,2}|UTC|GMT)?,?\s+(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
        catches: "Shanghai Daily datelines: 10:31 UTC+8, 2023-01-10",
        hints: &[":"],
        examples: &["10:31 UTC+8, 2023-01-10"],
        counter: &[],
    },
    Rule {
        id: "chinese-ymd",
        pattern: r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?)?",
        catches: "2023年01月10日 10:31, 2023年1月10日10:31:05",
        hints: &["年"],
        examples: &["2023年01月10日 10:31", "2023年1月10日10:31:05"],
        counter: &[],
    },
    Rule {
        id: "time-then-english-date",
        pattern: r"(?i)(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>[A-Z]{2,4}|(?:UTC|GMT)\s*[+-]\s*\d{1,2})?,?\s+(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})|(?P<d2>\d{1,2})[\s-]+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s-]+(?P<y2>(?:19|20)\d{2}))(?:\s+(?P<tz2>(?-i:[A-Z]{2,4})\b))?",
        catches: "AP and CGTN: 3:04 PM EST, January 10, 2024; 10:31, 10-Jan-2024; the zone after the date: 22:00, 11 July 2021 BST",
        hints: &[":", "."],
        examples: &[
            "3:04 PM EST, January 10, 2024",
            "10:31, 10-Jan-2024",
            "22:00, 11 July 2021 BST",
        ],
        counter: &[],
    },
    Rule {
        id: "english-month-day-year",
        pattern: r"(?i)(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})(?:,?\s+(?:at\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>[A-Z]{2,4}(?:[+-]\d{1,2})?|(?:UTC|GMT)\s*[+-]\s*\d{1,2})?)?",
        catches: "Jan 10, 2024 10:31 PM; January 10, 2024; Sept. 3, 2023 at 9:00 a.m. EDT",
        hints: &[
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
        examples: &[
            "Jan 10, 2024 10:31 PM",
            "January 10, 2024",
            "Sept. 3, 2023 at 9:00 a.m. EDT",
        ],
        counter: &[],
    },
    Rule {
        id: "english-day-month-year",
        pattern: r"(?i)(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]+(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?[\s-]+(?P<y>(?:19|20)\d{2})(?:,?\s+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>[+-]\d{4}|[A-Z]{2,4}|(?:UTC|GMT)\s*[+-]\s*\d{1,2})?)?",
        catches: "10 January 2024; Tue, 10 Jan 2023 10:31:00 +0800 (RFC 2822); 10-Jan-2024; Breitbart's 22 Dec, 2016",
        hints: &[
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
        examples: &[
            "10 January 2024",
            "Tue, 10 Jan 2023 10:31:00 +0800",
            "10-Jan-2024",
            "22 Dec, 2016",
        ],
        counter: &[],
    },
    Rule {
        id: "us-numeric-with-us-zone",
        pattern: r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2}),?\s+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?P<tz>[ECMP][SD]?T)\b",
        catches: "month/day/year only with a time and a US zone, which settle the order (a bare 05/12/2016 may be day first): Politico's 10/17/2022 04:01 PM EDT, TMZ's 11/28/2016 11:00 AM PT",
        hints: &["/"],
        examples: &["10/17/2022 04:01 PM EDT", "11/28/2016 11:00 AM PT"],
        counter: &["05/12/2016", "05/12/2016 10:00"],
    },
];

super::table!(DATES, DATE_RULES);

/// English month names, January first: for parsing, for bylines that run
/// into a date, and for citation templates.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// US zone names without "standard" or "daylight" (ET, CT, MT, PT) and their
/// standard offsets in minutes: `crate::date` adds the hour of daylight saving
/// on dates within US daylight time (second Sunday of March to the first
/// Sunday of November), as the sites that print them mean.
pub const US_GENERIC_ZONES: &[(&str, i32)] =
    &[("ET", -300), ("CT", -360), ("MT", -420), ("PT", -480)];

/// Time-zone abbreviations and their offsets in minutes.
/// Catches the zones news sites print after times; ambiguous ones (CST) are left out.
pub const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("MSK", 180),
    ("IST", 330),
    ("HKT", 480),
    ("SGT", 480),
    ("JST", 540),
    ("KST", 540),
    ("AEST", 600),
    ("AEDT", 660),
];

/// `<meta>` names and properties (lower-case) that declare the publication
/// time, most specific first. A declared publication time always beats a
/// modification time (`MODIFIED_META_KEYS`): pages show both.
pub const PUBLISHED_META_KEYS: &[&str] = &[
    // OpenGraph article namespace, also spelt with the `og:` prefix (Reuters).
    "article:published_time",
    "og:article:published_time",
    // Highwire / Google Scholar.
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    // Dublin Core.
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    // Analytics tags (Parse.ly, Sailthru).
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "firstpublishedtime",
    "og:published_time",
    "datepublished",
    // Bare names some CMSs write (`<meta name="published" content="…Z">`).
    "published",
    "article:published",
    "date",
];

/// `<meta>` names and properties that declare the last modification time.
pub const MODIFIED_META_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "dcterms.modified",
    "lastmod",
    "last-modified",
    "lastmodifiedtime",
    "modified",
    "article:modified",
];

/// Class and id fragments of elements that hold an article's publication
/// date (`<p class="published-date">`, `<h5 class="article__published-at">`,
/// WordPress's `entry-date`): the date of last resort when the page declares
/// none and none shows near the headline.
pub const DATE_ELEMENT_MARKS: super::keywords::Keywords = super::keywords::Keywords {
    words: &[
        "published",
        "pubdate",
        "publish-date",
        "publish_date",
        "post-date",
        "entry-date",
        "article-date",
        "dateline",
        // Chinese CMSs: `<span id="pubtime_baidu">`, `pub_time`.
        "pubtime",
        "pub_time",
    ],
    boundary: super::keywords::Boundary::Anywhere,
};

/// Dates in article URLs, each pattern with named groups `y`, `m` and
/// optionally `d` (a URL with a month only gives no day). Each matches
/// between path separators so that IDs are not read as dates.
pub const URL_DATES: &[(&str, &str)] = &[
    (
        r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)",
        "/2019/05/17/ (WordPress, CNN, Fox)",
    ),
    (
        r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?:/|$)",
        "/2019-05-17/",
    ),
    (
        r"/(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})/(?P<d>\d{2})/",
        "/201905/17/ (China Daily), /2019-05/17/ (Xinhua)",
    ),
    (
        r"[/_-]t?(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:[_./-]|$)",
        "t20190517_ (Chinese government sites), -20190520/ at a slug's end",
    ),
    (
        r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/",
        "/2019/05/ (a month only)",
    ),
];

/// Datelines without a year, as Chinese portals print them for recent news
/// (`10-08 14:35`, `10月08日 14:35`), each with named groups `m`, `d`, `H`,
/// `M`. Matched at the start of a short segment, after an optional label; the
/// year comes from the page's other evidence, never the clock.
pub const YEARLESS_DATES: &[(&str, &str)] = &[
    (
        r"^(?:[^\d]{0,8}[:：]\s*)?(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?$",
        "10-08 14:35, 发布时间：10-08 14:35",
    ),
    (
        r"^(?:[^\d]{0,8}[:：]\s*)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?$",
        "10月08日 14:35",
    ),
];
