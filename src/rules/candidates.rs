//! Class and id signals for article containers and clutter blocks, in English
//! and in the names Chinese CMSs use.

use super::keywords::{Boundary, KeywordSet, Keywords};
use super::Rule;

/// Class/id tokens of containers that hold the article body (whole name
/// tokens: `post-body`, `entry2`, but not `postal`).
/// Catches: generic English names, WordPress/Medium/Substack names, and the
/// Chinese CMS names (TRS_Editor, zw/zhengwen = 正文, left_zw, con_text, …).
pub const POSITIVE_WORDS: Keywords = Keywords {
    boundary: Boundary::Token,
    words: &[
        // generic English and blog-engine names
        "article",
        "body",
        "content",
        "entry",
        "hentry",
        "h-entry",
        "main",
        "page",
        "pagination",
        "post",
        "text",
        "blog",
        "story",
        "richtext",
        "wysiwyg",
        "detail",
        // compound names of article bodies (WordPress, news CMSs, WeChat's js_content)
        "post_body",
        "post_content",
        "js_content",
        "rich_media_content",
        "article-content",
        "article_content",
        "articlebody",
        "storybody",
        "story-body",
        "content_area",
        // Chinese CMS names: zw/zhengwen = 正文 (body text), TRS_Editor, People's Daily rm_txt_con
        "zw",
        "zhengwen",
        "left_zw",
        "con_text",
        "cnt_bd",
        "trs_editor",
        "rm_txt_con",
        "news_txt",
        "all-txt",
    ],
};

/// Class/id tokens of blocks that are rarely article text (whole name tokens).
pub const NEGATIVE_WORDS: Keywords = Keywords {
    boundary: Boundary::Token,
    words: &[
        // comments and contact
        "comment",
        "comments",
        "com-",
        "combx",
        "contact",
        "shoutbox",
        // page furniture: footers, mastheads, sidebars, navigation, breadcrumbs, paging
        "hidden",
        "banner",
        "footer",
        "foot",
        "masthead",
        "meta",
        "scroll",
        "sidebar",
        "tool",
        "toolbar",
        "widget",
        "nav",
        "navbar",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "tags",
        "paging",
        "pagination-nav",
        // ads, sponsors and promotions
        "footnote-ad",
        "outbrain",
        "promo",
        "promotion",
        "skyscraper",
        "sponsor",
        "shopping",
        "ad",
        "ads",
        "advert",
        "advertisement",
        // related and recommended lists (tuijian = 推荐, xgxw = 相关新闻, xgyd = 相关阅读, rank lists)
        "related",
        "relate",
        "recommend",
        "tuijian",
        "xgxw",
        "xgyd",
        "hot",
        "rank",
        // share bars and social buttons
        "media-share",
        "share",
        "sharing",
        "social",
        "follow",
        // newsletter boxes, cookie banners and pop-ups
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "cookie",
        "consent",
        "gdpr",
        "popup",
        "modal",
        // author boxes, legal lines; jiucuo = 纠错 (report an error), QR codes (erweima = 二维码)
        "byline-box",
        "author-box",
        "authorbox",
        "bio",
        "copyright",
        "disclaimer",
        "jiucuo",
        "qrcode",
        "erweima",
    ],
};

/// Substrings of class/id names so unlikely to hold the article that the
/// block is dropped before scoring (unless it also carries a [`MAYBE_WORDS`] or
/// [`POSITIVE_WORDS`] signal).
pub const UNLIKELY_WORDS: Keywords = Keywords {
    boundary: Boundary::Anywhere,
    words: &[
        // ads and sponsors
        "-ad-",
        "ad-break",
        "sponsor",
        "skyscraper",
        // comments and community
        "comment",
        "community",
        "disqus",
        "remark",
        "replies",
        "shoutbox",
        "combx",
        // page furniture
        "banner",
        "breadcrumb",
        "footer",
        "header",
        "menu",
        "pager",
        "sidebar",
        "rss",
        "supplemental",
        "extra",
        "legends",
        "cover-wrap",
        "ai2html",
        "yom-remote",
        // related lists (tuijian = 推荐, xiangguan = 相关) and social
        "related",
        "tuijian",
        "xiangguan",
        "social",
        "share",
        // pop-ups, consent and sign-up boxes
        "agegate",
        "popup",
        "cookie",
        "gdpr",
        "newsletter",
        "subscribe",
        // legal lines and error-report links (jiucuo = 纠错)
        "copyright",
        "jiucuo",
    ],
};

/// Escapes for [`UNLIKELY_WORDS`]: substrings of names that look unlikely but may
/// wrap the article (`main-sidebar-and-content`, `story-header`).
pub const MAYBE_WORDS: Keywords = Keywords {
    boundary: Boundary::Anywhere,
    words: &[
        "and", "article", "body", "column", "content", "main", "mathjax", "shadow", "story", "zw",
        "text", "detail",
    ],
};

/// [`UNLIKELY_WORDS`] alone: most names match none of them, and only the
/// names that do are checked against the escapes.
pub static UNLIKELY: std::sync::LazyLock<KeywordSet> =
    std::sync::LazyLock::new(|| KeywordSet::of(&[&UNLIKELY_WORDS]));

/// The other tables matched together: one pass over a class or id gives the
/// [`POSITIVE`], [`NEGATIVE`] and [`MAYBE`] bits.
pub static SIGNS: std::sync::LazyLock<KeywordSet> =
    std::sync::LazyLock::new(|| KeywordSet::of(&[&POSITIVE_WORDS, &NEGATIVE_WORDS, &MAYBE_WORDS]));
pub const POSITIVE: u32 = 1;
pub const NEGATIVE: u32 = 1 << 1;
pub const MAYBE: u32 = 1 << 2;

/// ARIA roles of blocks that are never the article.
pub const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];

/// Blocks whose visible heading or label marks them as clutter lists.
pub const NEGATIVE_BLOCK_RULES: &[Rule] = &[
    Rule {
        id: "related-heading",
        pattern: r"(?i)^(?:related(?: (?:stories|articles|news|content|topics|coverage|reading|posts))?|more (?:on this story|from [\w .'’-]+|stories|news|to explore)|read (?:more|next|also)|you (?:may|might) (?:also )?like|recommended(?: for you| stories)?|most (?:read|popular|viewed)|trending(?: now)?|top stories|explore more on these topics|editor'?s picks|popular (?:now|posts))\s*[:.…]*$",
        catches: "headings of related-links and recommendation lists in English",
        hints: &["^related", "^more ", "^read ", "^you m", "^recommended", "^most ", "^trending", "^top stories", "^explore more ", "^editor", "^popular "],
        examples: &["Related", "Related stories:", "You Might Also Like …", "More from The Guardian", "Read next", "You might also like", "Most popular", "Editor's picks"],
        counter: &["Related reading about climate policy in Europe", "More than 40 people were hurt"],
    },
    Rule {
        id: "related-heading-zh",
        pattern: r"^(?:相关(?:新闻|阅读|报道|文章|链接|推荐)|推荐阅读|热点推荐|热门(?:推荐|文章|新闻)|延伸阅读|猜你喜欢|精彩推荐|热门排行|排行榜|点击排行|今日推荐|更多(?:精彩|新闻)|往期回顾|热点新闻|大家都在看)\s*[:：]?$",
        catches: "headings of related-links and recommendation lists in Chinese",
        hints: &["^相关", "^推荐阅读", "^热点", "^热门", "^延伸阅读", "^猜你喜欢", "^精彩推荐", "^排行榜", "^点击排行", "^今日推荐", "^更多", "^往期回顾", "^大家都在看"],
        examples: &["相关新闻", "推荐阅读：", "热门排行", "大家都在看"],
        counter: &["相关部门表示将加强监管"],
    },
    Rule {
        id: "comments-heading",
        pattern: r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|thoughts? on .+|leave a (?:reply|comment)|join the (?:conversation|discussion)|网友评论|评论|我要评论|发表评论)\s*(?:\(\d+\))?:?$",
        catches: "headings of comment sections",
        hints: &["comment", "response", "replies", "thought", "leave a ", "join the ", "评论"],
        examples: &["Comments", "12 Comments", "Comments (3)", "Leave a Reply", "Thoughts on this story", "发表评论"],
        counter: &["Comments were closed after the vote"],
    },
    Rule {
        id: "newsletter-heading",
        pattern: r"(?i)^(?:sign up|subscribe|get (?:our|the) .*newsletter|newsletter|订阅|关注我们).{0,60}$",
        catches: "newsletter and subscription boxes",
        hints: &["sign up", "subscribe", "newsletter", "订阅", "关注我们"],
        examples: &["Sign up for our newsletter", "Subscribe to Morning Briefing", "Get our daily newsletter", "订阅我们的新闻"],
        counter: &["The newsletter was first published in 1990 by a group of students who wanted to keep in touch"],
    },
];

super::table!(NEGATIVE_BLOCKS, NEGATIVE_BLOCK_RULES);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::keywords::KeywordSet;
    use regex_lite::Regex;

    /// The regex a keyword table stands for (what these tables were before
    /// they became keyword lists): ASCII case-insensitive, with the boundary rule.
    fn as_regex(k: &Keywords) -> Regex {
        let alt = k
            .words
            .iter()
            .map(|w| regex_lite::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&match k.boundary {
            Boundary::Token => format!(r"(?i)(?:^|[\s_-])(?:{alt})(?:$|[\s_-]|\d)"),
            Boundary::Anywhere => format!("(?i){alt}"),
        })
        .unwrap()
    }

    /// The keyword matcher agrees with the regex on every class and id value
    /// of the fixture pages and on some edge cases.
    #[test]
    fn keyword_sets_agree_with_their_regexes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
        let attr = Regex::new(r#"(?i)\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).unwrap();
        let mut values: Vec<String> = [
            "",
            "post",
            "Post-Body2",
            "x\u{b}ad",
            "ad\u{c}",
            "comment_box",
            "com-x",
            "com--",
            "top-ad-slot",
            "main-sidebar-and-content",
            "ÄrticleBody",
            "文章 content",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in std::fs::read_dir(&root).unwrap() {
            let html = std::fs::read(dir.unwrap().path().join("source.html")).unwrap_or_default();
            let html = String::from_utf8_lossy(&html);
            for c in attr.captures_iter(&html) {
                values.push(c.get(1).or(c.get(2)).unwrap().as_str().to_string());
            }
        }
        assert!(
            values.len() > 1000,
            "fixture class/id values: {}",
            values.len()
        );
        for (table, combined, bit) in [
            (&POSITIVE_WORDS, &*SIGNS, POSITIVE),
            (&NEGATIVE_WORDS, &*SIGNS, NEGATIVE),
            (&UNLIKELY_WORDS, &*UNLIKELY, 1),
            (&MAYBE_WORDS, &*SIGNS, MAYBE),
        ] {
            let (set, re) = (KeywordSet::of(&[table]), as_regex(table));
            let mut hits = 0;
            for v in &values {
                assert_eq!(
                    set.hits(v) != 0,
                    re.is_match(v),
                    "{v:?} in {:?}",
                    &table.words[..3]
                );
                // The combined set gives each table's answer in its bit.
                assert_eq!(combined.hits(v) & bit != 0, set.hits(v) != 0, "{v:?}");
                hits += usize::from(set.hits(v) != 0);
            }
            assert!(hits > 0);
        }
    }
}
