//! Tables for finding the next page of an article split over several pages
//! (`extract/pages.rs`). A link is a next page only when it says so (these
//! words, `rel=next`, or its page number) *and* its address is this page's
//! address with a page number: related stories and "next post" links fail
//! the second test, however they are labelled.

/// Link texts (lower-cased, arrows and punctuation stripped) that say "next page".
pub const NEXT_WORDS: &[&str] = &[
    "next",              // English pagers ("Next »", "Next ›")
    "next page",         // English
    "下一页",            // Chinese (simplified)
    "下页",              // Chinese, short form
    "下一頁",            // Chinese (traditional)
    "次へ",              // Japanese
    "次のページ",        // Japanese
    "次のページへ",      // Japanese ("to the next page", ITmedia's pager)
    "次ページ",          // Japanese, short form
    "weiter",            // German
    "nächste seite",     // German
    "suivant",           // French
    "page suivante",     // French
    "siguiente",         // Spanish
    "página siguiente",  // Spanish
    "próxima",           // Portuguese
    "próxima página",    // Portuguese
    "successiva",        // Italian
    "pagina successiva", // Italian
    "volgende",          // Dutch
    "다음",              // Korean
    "다음 페이지",       // Korean
    "следующая",         // Russian
    "далее",             // Russian ("further")
];

/// Characters around a pager word that do not change what it says.
pub const DECORATION: &[char] = &[
    '»', '›', '→', '>', '<', '«', '‹', '←', '…', '.', ':', '|', '-', '—', '(', ')', '[', ']', '⟩',
    '▶', '►', '＞', '》', '〉', '→',
];

/// Query parameters that carry a page number (`?page=2`, WordPress's
/// `?paged=2`, Chinese CMSs' `?pn=2`, forums' `?pg=2`).
pub const PAGE_PARAMS: &[&str] = &[
    "page",
    "p",
    "pg",
    "paged",
    "pn",
    "pagenum",
    "pageno",
    "page_no",
    "pagenumber",
    "pagina",
    "seite",
];

/// Separators between an address's stem and its page number in the last
/// path segment (`news089_2.html`, `story-2.html`).
pub const NUMBER_SEPARATORS: &[char] = &['_', '-'];

/// Path segments that name the page number's segment (`/page/2/`, `/seite/2/`).
pub const PAGE_SEGMENTS: &[&str] = &["page", "seite", "pagina"];

/// Class or id words of the containers whose pagers page through comments,
/// not the article (`comment-page-2`, `?cpage=2` live in them).
pub const COMMENT_WORDS: &[&str] = &["comment", "disqus", "reply", "replies"];

/// Most pages an article is taken to have: larger numbers are ids or dates.
pub const MAX_PAGES: u32 = 500;
