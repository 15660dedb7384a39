//! Authors, source and reporters on real pages nobody here wrote
//! (`../shared/corpora`, see its README). Each test names the class of
//! failure it guards against. Skipped, with a message, when the corpora are
//! absent (a fresh clone has no `../shared`).

mod support;
use support::corpus_file;

use tidings::{extract_bytes, Article, Options};

const READABILITY_URL: &str = "http://fakehost/test/page.html";

/// Extracts a corpus page (`path` under the corpora folder) as if served from `url`.
fn page(path: &str, url: &str) -> Option<Article> {
    let file = corpus_file(path)?;
    let html = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let options = Options {
        force: true,
        ..Options::default()
    };
    Some(extract_bytes(&html, Some(url), &options).expect("the page extracts"))
}

fn mercury(fixture: &str, url: &str) -> Option<Article> {
    page(
        &format!("mercury-parser-fixtures/fixtures/{fixture}.html"),
        url,
    )
}

fn readability(slug: &str) -> Option<Article> {
    page(
        &format!("readability-test-pages/{slug}/source.html"),
        READABILITY_URL,
    )
}

fn n4k(name: &str, url: &str) -> Option<Article> {
    page(&format!("newspaper4k-tests/html/{name}.html"), url)
}

fn names(a: &Article) -> Vec<String> {
    a.authors.iter().map(|x| x.display()).collect()
}

#[test]
fn job_titles_and_links_glued_after_a_name_are_not_part_of_it() {
    // <span>Gina Trapani</span><span>CEO</span>
    if let Some(a) = mercury("postlight.com", "https://postlight.com/insights/x") {
        assert_eq!(names(&a), ["Gina Trapani"]);
    }
    // <a>Howard Blume</a><span>Staff Writer</span>
    if let Some(a) = mercury("www.latimes.com", "https://www.latimes.com/local/x") {
        assert_eq!(names(&a), ["Howard Blume"]);
    }
    // "Saibal Dasgupta / TNN / Updated: Oct 9, 2019"
    if let Some(a) = mercury(
        "timesofindia.indiatimes.com",
        "https://timesofindia.indiatimes.com/india/x/articleshow/71496416.cms",
    ) {
        assert_eq!(names(&a), ["Saibal Dasgupta"]);
    }
    // "By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU …"
    if let Some(a) = readability("aclu") {
        assert_eq!(names(&a), ["Daniel Kahn Gillmor"]);
    }
}

#[test]
fn a_weekday_after_the_name_is_the_date() {
    // "Joe Wee  Monday, February 29, 2016"
    if let Some(a) = readability("simplyfound-1") {
        assert_eq!(names(&a), ["Joe Wee"]);
    }
    // "<time>Wednesday January 18, 2017</time> by <a>Juli Clover</a>"
    if let Some(a) = mercury(
        "www.macrumors.com",
        "https://www.macrumors.com/2017/01/18/x/",
    ) {
        assert_eq!(names(&a), ["Juli Clover"]);
    }
}

#[test]
fn labels_and_desks_are_not_authors() {
    // "Last Updated: January 7, 2025" in an author-classed block.
    if let Some(a) = readability("spiceworks") {
        assert!(a.authors.is_empty(), "{:?}", a.authors);
    }
    // "Our Foreign Staff"
    if let Some(a) = readability("telegraph") {
        assert!(a.authors.is_empty(), "{:?}", a.authors);
    }
    // "投稿者 Masafumi Negishi": a Japanese label before a Latin name.
    if let Some(a) = mercury(
        "sect.iij.ad.jp",
        "https://sect.iij.ad.jp/blog/2019/02/security-diary-38-mal-spam/",
    ) {
        assert_eq!(names(&a), ["Masafumi Negishi"]);
    }
    // "Follow Author" is a button (Readability's reference takes it).
    if let Some(a) = readability("royal-road") {
        assert!(!names(&a).iter().any(|n| n.contains("Follow")));
    }
}

#[test]
fn a_job_description_is_not_a_co_author() {
    // "Analysis by Joan Biskupic, CNN Senior Supreme Court Analyst"
    if let Some(a) = n4k(
        "cnn_001",
        "https://www.cnn.com/2023/11/06/politics/alito-prelogar-supreme-court-analysis/index.html",
    ) {
        assert_eq!(names(&a), ["Joan Biskupic"]);
    }
    // "Sam Stein" then "Senior Politics Editor, The Huffington Post"
    if let Some(a) = mercury(
        "www.huffingtonpost.com",
        "http://www.huffingtonpost.com/entry/x_us_583c8b9ae4b01ba68ac4fe1e",
    ) {
        assert_eq!(names(&a), ["Sam Stein"]);
    }
}

#[test]
fn photographers_and_places_are_not_authors() {
    // "Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)"
    if let Some(a) = readability("guardian-1") {
        assert_eq!(names(&a), ["Eleanor Ainge Roy"]);
    }
    // itemprop="author" inside a figcaption is the picture's credit.
    if let Some(a) = mercury("www.si.com", "https://www.si.com/nfl/2017/01/12/x") {
        assert_eq!(names(&a), ["Austin Murphy"]);
    }
    // "Par Cécile Ducourtieux(Bruxelles, bureau européen)"
    if let Some(a) = mercury(
        "www.lemonde.fr",
        "https://www.lemonde.fr/europe/article/x.html",
    ) {
        assert_eq!(names(&a), ["Cécile Ducourtieux"]);
    }
}

#[test]
fn the_copyright_holder_and_related_stories_are_not_authors() {
    // <meta name="author" value="Condé Nast">, and microdata authors of related cards.
    if let Some(a) = mercury(
        "www.wired.com",
        "https://www.wired.com/2016/09/ode-rosetta-spacecraft-going-die-comet/",
    ) {
        assert_eq!(names(&a), ["Emma Grey Ellis"]);
    }
}

#[test]
fn every_author_linked_in_the_byline_is_kept() {
    // <a rel=author>Julia Carrie Wong</a> and <a rel=author>Sam Levin</a>
    if let Some(a) = mercury(
        "www.theguardian.com",
        "https://www.theguardian.com/technology/2016/nov/29/x",
    ) {
        assert_eq!(names(&a), ["Julia Carrie Wong", "Sam Levin"]);
    }
}

#[test]
fn meta_tags_written_with_a_value_attribute_are_read() {
    // Mercury's saved pages write <meta name="author" value="…">.
    if let Some(a) = mercury(
        "deadline.com",
        "https://deadline.com/2019/04/donald-trump-boeing-max-737-rebrand-advice-twitter-1202595880/",
    ) {
        assert_eq!(names(&a), ["Lisa de Moraes"]);
    }
}

#[test]
fn the_credited_source_is_kept_when_it_differs_from_the_site() {
    // "来源：<a>人民日报海外版</a>" on 中国青年网, under a `l_tit` headline.
    if let Some(a) = readability("youth") {
        assert_eq!(a.source.as_deref(), Some("人民日报海外版"));
        // The `author` meta "青网校园崔宁宁" is the editor's CMS account.
        assert_eq!(a.editor.as_deref(), Some("崔宁宁"));
        assert!(!names(&a).iter().any(|n| n.contains("崔宁宁")));
    }
    // "来源： 网易科学人" on 光明网
    if let Some(a) = readability("gmw") {
        assert_eq!(a.source.as_deref(), Some("网易科学人"));
    }
    // A hidden share-widget copy of the headline comes first in the page.
    if let Some(a) = n4k(
        "chinese_article_001",
        "https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html",
    ) {
        assert_eq!(a.source.as_deref(), Some("中国日报网"));
    }
}

#[test]
fn an_image_file_name_is_not_a_source() {
    // "WEB18-Facebook-1160x768.jpg" in a caption.
    if let Some(a) = readability("aclu") {
        assert_eq!(a.source, None);
    }
}

#[test]
fn reporters_named_in_the_body_s_first_or_last_line() {
    // The story ends "作者︱春春" (the 责任编辑 肖春芳 is the editor, not the author).
    if let Some(a) = readability("gmw") {
        assert_eq!(names(&a), ["春春"]);
        assert_eq!(a.editor.as_deref(), Some("肖春芳"));
        assert!(!a.text.contains("作者︱春春"));
    }
    // The body opens "By LYNNE O'DONNELL".
    if let Some(a) = n4k("ap_meta_refresh", "https://apnews.com/x") {
        assert_eq!(names(&a), ["Lynne O'Donnell"]);
        assert!(!a.text.contains("By LYNNE"));
    }
}

#[test]
fn a_byline_organisation_yields_to_a_person_and_becomes_the_source() {
    // "Tech Insider" (the partner) in the byline block, itemprop="author" Alex Perry.
    if let Some(a) = readability("msn") {
        assert_eq!(names(&a), ["Alex Perry"]);
        assert_eq!(a.source.as_deref(), Some("Tech Insider"));
    }
    // "By: CNN Wire" above a body that opens "By Leigh Ann Caldwell CNN".
    if let Some(a) = n4k(
        "fox13now_001",
        "https://www.fox13now.com/2013/12/30/new-year-new-laws-obamacare-pot-guns-and-drones",
    ) {
        assert_eq!(names(&a), ["Leigh Ann Caldwell"]);
        assert_eq!(a.source.as_deref(), Some("CNN Wire"));
    }
    // "Kelli Miller WebMD Health News"
    if let Some(a) = readability("webmd-2") {
        assert_eq!(names(&a), ["Kelli Miller"]);
    }
}

#[test]
fn a_section_before_the_names_is_not_an_author() {
    // "Politik · Jochen Bittner, Tina Hildebrandt"
    if let Some(a) = mercury("epaper.zeit.de", "https://epaper.zeit.de/article/x") {
        assert_eq!(names(&a), ["Jochen Bittner", "Tina Hildebrandt"]);
    }
}

#[test]
fn a_profile_url_names_the_author_when_nothing_else_does() {
    // <meta name="article:author" value="https://www.engadget.com/editors/jon-fingas">
    if let Some(a) = mercury(
        "www.engadget.com",
        "https://www.engadget.com/2016/10/09/more-galaxy-note-7-replacement-fires/",
    ) {
        assert_eq!(names(&a), ["Jon Fingas"]);
    }
}

#[test]
fn a_linked_domain_is_not_a_source() {
    // "Official links: <a>Minecraft.net</a>" under the post.
    if let Some(a) = readability("tumblr") {
        assert_eq!(a.source, None);
        assert!(a.authors.is_empty(), "{:?}", a.authors);
    }
    // "Source: Supplied" in a picture caption.
    if let Some(a) = readability("herald-sun-1") {
        assert_eq!(a.source, None);
        assert_eq!(names(&a), ["Laurie Oakes"]);
    }
}

#[test]
fn co_authors_credited_in_brackets_are_kept() {
    // "Martin Untersinger (avec Damien Leloup et Morgane Tual)"
    if let Some(a) = readability("lemonde-1") {
        assert_eq!(
            names(&a),
            ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]
        );
    }
}
