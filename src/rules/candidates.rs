//! Class and id signals for article containers and clutter blocks, in English
//! and in the names Chinese CMSs use.

use super::{compile, Rule};
use regex_lite::Regex;
use std::sync::LazyLock;

/// Class/id tokens of containers that hold the article body.
/// Catches: generic English names, WordPress/Medium/Substack names, and the
/// Chinese CMS names (TRS_Editor, zw/zhengwen = 正文, left_zw, con_text, …).
pub static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:^|[\s_-])(?:article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|richtext|wysiwyg|zw|zhengwen|left_zw|con_text|content_area|cnt_bd|trs_editor|rm_txt_con|post_body|post_content|js_content|rich_media_content|detail|news_txt|all-txt|article-content|article_content|articlebody|storybody|story-body)(?:$|[\s_-]|\d)",
    )
});

/// Class/id tokens of blocks that are rarely article text.
/// Catches: comments, footers, sidebars, share bars, ads, related lists,
/// newsletter boxes, cookie banners, breadcrumbs, author boxes.
pub static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:^|[\s_-])(?:hidden|banner|combx|comment|comments|com-|contact|footer|footnote-ad|foot|masthead|media-share|meta|outbrain|promo|promotion|related|relate|recommend|scroll|share|sharing|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|toolbar|widget|ad|ads|advert|advertisement|breadcrumb|breadcrumbs|nav|navbar|menu|newsletter|subscribe|subscription|signup|cookie|consent|gdpr|popup|modal|byline-box|author-box|authorbox|bio|social|follow|copyright|disclaimer|tuijian|xgxw|xgyd|hot|rank|paging|pagination-nav|jiucuo|qrcode|erweima)(?:$|[\s_-]|\d)",
    )
});

/// Class/id tokens so unlikely to hold the article that the block is dropped
/// before scoring (unless it also carries a positive signal).
pub static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pager|popup|yom-remote|cookie|newsletter|subscribe|share|tuijian|xiangguan|copyright|jiucuo",
    )
});

/// Escapes for [`UNLIKELY`]: names that look unlikely but may wrap the article.
pub static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)and|article|body|column|content|main|mathjax|shadow|story|zw|text|detail")
});

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
        pattern: r"(?i)^(?:related(?: (?:stories|articles|news|content|topics|coverage|reading|posts))?|more (?:on this story|from [\w .'’-]+|stories|news|to explore)|read (?:more|next|also)|you (?:may|might) (?:also )?like|recommended(?: for you| stories)?|most (?:read|popular|viewed)|trending(?: now)?|top stories|explore more on these topics|editor'?s picks|popular (?:now|posts))\s*:?$",
        catches: "headings of related-links and recommendation lists in English",
    },
    Rule {
        id: "related-heading-zh",
        pattern: r"^(?:相关(?:新闻|阅读|报道|文章|链接|推荐)|推荐阅读|热点推荐|热门(?:推荐|文章|新闻)|延伸阅读|猜你喜欢|精彩推荐|热门排行|排行榜|点击排行|今日推荐|更多(?:精彩|新闻)|往期回顾|热点新闻|大家都在看)\s*[:：]?$",
        catches: "headings of related-links and recommendation lists in Chinese",
    },
    Rule {
        id: "comments-heading",
        pattern: r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|thoughts? on .+|leave a (?:reply|comment)|join the (?:conversation|discussion)|网友评论|评论|我要评论|发表评论)\s*(?:\(\d+\))?:?$",
        catches: "headings of comment sections",
    },
    Rule {
        id: "newsletter-heading",
        pattern: r"(?i)^(?:sign up|subscribe|get (?:our|the) .*newsletter|newsletter|订阅|关注我们).{0,60}$",
        catches: "newsletter and subscription boxes",
    },
];

super::table!(NEGATIVE_BLOCKS, NEGATIVE_BLOCK_RULES);
