//! Site name, title, language and Chinese soft boilerplate on real pages from
//! the shared corpora (`../shared/corpora`, see its README). Each test skips
//! with a message when the corpora are absent (a fresh clone has none).

mod support;
use support::corpora;

use std::path::Path;
use tidings::{extract, extract_bytes, Article, Options};

const READABILITY_URL: &str = "http://fakehost/test/page.html";

/// The article of a corpus page (`rel` under the corpora folder), forced.
fn page(root: &Path, rel: &str, url: &str) -> Article {
    let bytes = std::fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let options = Options {
        force: true,
        ..Options::default()
    };
    extract_bytes(&bytes, Some(url), &options).unwrap_or_else(|e| panic!("{rel}: {e:?}"))
}

fn readability(root: &Path, slug: &str) -> Article {
    page(
        root,
        &format!("readability-test-pages/{slug}/source.html"),
        READABILITY_URL,
    )
}

/// A Mercury fixture with the URL its case in expected.json gives.
fn mercury(root: &Path, fixture: &str) -> Article {
    let cases: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root.join("mercury-parser-fixtures/expected.json")).expect("expected.json"),
    )
    .expect("expected.json parses");
    let url = cases
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|c| c["fixture"] == format!("fixtures/{fixture}"))
        })
        .and_then(|c| c["url"].as_str())
        .unwrap_or_else(|| panic!("{fixture} not in expected.json"))
        .to_string();
    page(
        root,
        &format!("mercury-parser-fixtures/fixtures/{fixture}"),
        &url,
    )
}

/// A newspaper4k page with the URL its metadata gives.
fn newspaper(root: &Path, name: &str) -> Article {
    let meta: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root.join(format!("newspaper4k-tests/metadata/{name}.json")))
            .expect("metadata"),
    )
    .expect("metadata parses");
    let url = meta["url"].as_str().expect("url").to_string();
    page(root, &format!("newspaper4k-tests/html/{name}.html"), &url)
}

#[test]
fn site_names_come_from_the_page_not_the_host() {
    let Some(root) = corpora() else { return };
    let cases: [(Article, &str); 6] = [
        // Only the tab names the site: "… － Publickey".
        (mercury(&root, "www.publickey1.jp.html"), "Publickey"),
        // Tab "…国際ニュース：AFPBB News", logo alt and "© AFPBB News".
        (newspaper(&root, "japanese_article2"), "AFPBB News"),
        // Logo alt "WebMD logo", "©2005-2015 WebMD, LLC." (fakehost URL).
        (readability(&root, "webmd-1"), "WebMD"),
        // Tab "Daring Fireball: Colophon", confirmed by the logo's alt text.
        (readability(&root, "daringfireball-1"), "Daring Fireball"),
        // Tab "Silicon Exposed: …", confirmed by the feed link "Silicon Exposed - Atom".
        (readability(&root, "blogger"), "Silicon Exposed"),
        // Tab "… [Archive of Our Own]" and the logo.
        (
            readability(&root, "archive-of-our-own"),
            "Archive of Our Own",
        ),
    ];
    for (a, want) in cases {
        assert_eq!(a.site_name.as_deref(), Some(want), "{}", a.title);
    }
}

#[test]
fn declared_site_names_lose_taglines_and_yield_to_the_hosts_name() {
    let Some(root) = corpora() else { return };
    let cases: [(Article, &str); 8] = [
        // og:site_name "Aktuálně.cz - Víte, co se právě děje".
        (readability(&root, "aktualne"), "Aktuálně.cz"),
        // og:site_name "LinkNaija | Nigeria's popular news platform".
        (newspaper(&root, "article_with_divs"), "LinkNaija"),
        // og:site_name "Raw Story - Celebrating 18 Years of Independent Journalism".
        (mercury(&root, "www.rawstory.com.html"), "Raw Story"),
        // og:site_name "電子書籍 | BOOK☆WALKER" on bookwalker.jp.
        (mercury(&root, "bookwalker.jp.html"), "BOOK☆WALKER"),
        // og:site_name "Fandom powered by Wikia": a hosting label.
        (readability(&root, "wikia"), "Fandom"),
        // og:site_name "U.S." (a section) on reuters.com, tab "… | Reuters".
        (mercury(&root, "www.reuters.com.html"), "Reuters"),
        // og:site_name "Magazine"; logo "National Geographic Logo - Home".
        (
            mercury(&root, "www.nationalgeographic.com.html"),
            "National Geographic",
        ),
        // JSON-LD publisher "Wikimedia Foundation, Inc." only; the tab says "- Wikipedia".
        (readability(&root, "wikipedia-2"), "Wikipedia"),
    ];
    for (a, want) in cases {
        assert_eq!(a.site_name.as_deref(), Some(want), "{}", a.title);
    }
    // og:site_name "al" is short for the "al.com" the tab shows.
    let al = mercury(&root, "www.al.com.html");
    assert_eq!(al.site_name.as_deref(), Some("al.com"));
    // A name in kana and kanji stands although it does not spell the host.
    let asahi = mercury(&root, "www.asahi.com.html");
    assert_eq!(asahi.site_name.as_deref(), Some("朝日新聞デジタル"));
}

#[test]
fn titles_are_headlines_not_site_names() {
    let Some(root) = corpora() else { return };
    let cases: [(Article, &str); 10] = [
        // A short headline before a long site name: "atg 1700 - Pastebin.com".
        (mercury(&root, "pastebin.com.html"), "atg 1700"),
        // The h2 repeating og:title beats an alternative-headline h1 that
        // matches only the tab.
        (
            mercury(&root, "www.popsugar.com.html"),
            "The 5 Biggest Decorating Mistakes Millennials Make — and How to Solve Them",
        ),
        // A hidden <h1>The New Republic</h1> before the headline's h1.
        (
            mercury(&root, "newrepublic.com.html"),
            "Fantastic Beasts: A Nice Place to Visit",
        ),
        // <h1>Salon</h1> masthead; tab "… - Salon.com".
        (
            readability(&root, "salon-1"),
            "The sharing economy is a lie: Uber, Ayn Rand and the truth about tech and libertarians",
        ),
        // <h1 id="website-logo">ประชาไท</h1>.
        (
            newspaper(&root, "thai_article"),
            "ผล DNA ยืนยัน ศพลอยแม่น้ำโขงเป็นคนสนิท อ.สุรชัย",
        ),
        // A hidden <h1>好奇心日报</h1>; tab "…_智能_好奇心日报".
        (
            mercury(&root, "www.qdaily.com.html"),
            "这个约会软件，想用你和对方的相似好恶来帮你找对象",
        ),
        // Tab "…_科技_腾讯网": section and site cut.
        (
            readability(&root, "qq"),
            "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶",
        ),
        // "… @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::": blog and platform cut, the
        // headline's own "_" kept.
        (readability(&root, "pixnet"), "新竹尖石_美樹營地賞楓 (2)"),
        // A headline at the end of og:title ("Prince and the Revolution – Purple Rain").
        (mercury(&root, "genius.com.html"), "Purple Rain"),
        // A blog's name opening the tab in an h1 ("てくろぐ: …").
        (
            mercury(&root, "techlog.iij.ad.jp.html"),
            "2019年のスマホ・DNSフィルタリング・スマホ政策 (IIJmio meeting 23資料公開)",
        ),
    ];
    for (a, want) in cases {
        assert_eq!(a.title, want);
    }
}

#[test]
fn languages_are_declared_tags_in_bcp47_or_detected() {
    let Some(root) = corpora() else { return };
    let cases: [(Article, &str); 6] = [
        // <html lang="en-us">.
        (readability(&root, "ars-1"), "en-US"),
        // No declaration; Spanish text.
        (readability(&root, "la-nacion"), "es"),
        // No declaration; English text.
        (readability(&root, "mercurial"), "en"),
        (newspaper(&root, "thai_article"), "th"),
        (newspaper(&root, "arabic_article"), "ar"),
        (readability(&root, "pixnet"), "zh-TW"),
    ];
    for (a, want) in cases {
        assert_eq!(a.lang.as_deref(), Some(want), "{}", a.title);
    }
    // Lorem ipsum is no language we can name.
    assert_eq!(readability(&root, "base-url").lang, None);
}

#[test]
fn chinese_soft_boilerplate_leaves_the_body() {
    let Some(root) = corpora() else { return };
    let qq = readability(&root, "qq");
    for line in ["转播到腾讯微博", "精彩视频推荐"] {
        assert!(!qq.text.contains(line), "qq keeps {line}");
        assert!(
            qq.removed.iter().any(|r| r.text == line),
            "qq: {line} not listed"
        );
    }
    let qdaily = mercury(&root, "www.qdaily.com.html");
    assert!(!qdaily.text.contains("喜欢这篇文章？"));
    let pixnet = readability(&root, "pixnet");
    assert!(!pixnet.text.contains("粉絲團"));
    // The article text itself stays.
    assert!(qq
        .text
        .contains("DeepMind希望DNC可以推动计算行业实现更多突破"));
}

/// Soft-boilerplate lines exactly as corpus pages carry them (youth,
/// qq, gmw, newspaper4k chinese_article_002, Mercury's qdaily, pixnet), set
/// as paragraphs inside an article of two paragraphs of the youth page (the
/// markup around them is hand-written): the lines go, listed as removed, the
/// paragraphs stay. Runs without the corpora.
#[test]
fn chinese_soft_boilerplate_lines_from_corpus_pages_are_clutter() {
    let paragraphs = [
        "不少学子时刻关注着国内动态，寻找回国发展的契机，而两会正是一个提供最新最全面信息的窗口。“对两会的关注使我能够准确把握国家目前迫切需要解决的难题，从而使我的研究具有更多的社会价值。”",
        "卢宇还认为两会应该增设学子代表，列席旁听两会，拓展留学生参政议政渠道。“我相信优秀留学生的国际化视野必将为家乡建设带来新的思路，增添新的活力。”卢宇恳切地说。",
    ];
    let boilerplate = [
        "扫描二维码进入",
        "返回首页>>",
        "二维码",
        "扫一扫，用手机看新闻！",
        "【纠错】",
        "分享到：",
        "转播到腾讯微博",
        "精彩视频推荐",
        "喜欢这篇文章？去 App 商店搜 好奇心日报 ，每天看点不一样的。",
        "如果您喜歡\"史蒂文的家\"圖文分享 邀請您到 FB 粉絲團 按個\"讚\"!",
    ];
    let p = |t: &str| {
        format!(
            "<p>{}</p>",
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        )
    };
    let html = format!(
        "<html lang=\"zh-CN\"><head><title>海外留学生看两会：出国前后关注点大不同</title></head><body><article><h1>海外留学生看两会：出国前后关注点大不同</h1>{}{}{}</article></body></html>",
        p(paragraphs[0]),
        boilerplate.iter().map(|b| p(b)).collect::<String>(),
        p(paragraphs[1]),
    );
    let a = extract(
        &html,
        Some("http://www.youth.cn/a.html"),
        &Options::default(),
    )
    .expect("article");
    for para in paragraphs {
        assert!(a.text.contains(para), "lost: {para}");
    }
    for line in boilerplate {
        assert!(!a.text.contains(line), "kept: {line}");
        assert!(
            a.removed.iter().any(|r| r.text == line),
            "not listed: {line}"
        );
    }
}
