//! Publication dates on real pages from the shared corpora (skipped when
//! `../shared/corpora` is absent). Each case is one class of failure: the
//! expected value is what the page itself states, checked by hand.

mod support;
use support::corpus_file;

/// (published, modified) of a page read with its real URL.
fn dates(file: &str, url: &str) -> Option<(Option<String>, Option<String>)> {
    let path = corpus_file(file)?;
    let html = std::fs::read_to_string(&path).expect("corpus page");
    let opts = tidings::Options {
        force: true,
        ..Default::default()
    };
    let a = tidings::extract(&html, Some(url), &opts).expect("article");
    Some((a.published_time, a.modified_time))
}

fn mercury(name: &str, url: &str) -> Option<String> {
    dates(
        &format!("mercury-parser-fixtures/fixtures/{name}.html"),
        url,
    )
    .map(|d| d.0.unwrap_or_default())
}

/// A Japanese page (CJK like Chinese) shows "2019年3月2日09:18" and declares
/// 00:18:32Z: not UTC+8 (the Chinese rule), but the offset the two statements
/// give, +09:00. (Mercury's reference takes the `datetime` attribute's
/// mislabelled "+00:00".)
#[test]
fn japanese_page_gets_its_own_offset_not_chinas() {
    let Some(p) = mercury(
        "buzzap.jp",
        "https://buzzap.jp/news/20190302-tokyo-sound-of-music/",
    ) else {
        return;
    };
    assert_eq!(p, "2019-03-02T09:18:32+09:00");
}

/// "Published: Dec. 22, 2016, 6:47 p.m." with no zone, declared
/// 2016-12-23T00:47:31Z: the same moment, at the page's offset (−06:00).
#[test]
fn local_clock_takes_the_offset_of_the_declared_instant() {
    let Some(p) = mercury(
        "www.al.com",
        "http://www.al.com/news/birmingham/index.ssf/2016/12/x.html",
    ) else {
        return;
    };
    assert_eq!(p, "2016-12-22T18:47:31-06:00");
}

/// "Updated\n 11:22 PM EST, Tue November 29, 2016" under the byline, the
/// publication declared 10:39:35Z: the update is not the publication.
#[test]
fn visible_update_label_on_its_own_line_is_not_the_publication() {
    let Some((p, m)) = dates(
        "mercury-parser-fixtures/fixtures/www.cnn.com.html",
        "http://www.cnn.com/2016/11/29/politics/donald-trump-transition-feuds/index.html",
    ) else {
        return;
    };
    assert_eq!(p.as_deref(), Some("2016-11-29T10:39:35Z"));
    assert_eq!(m.as_deref(), Some("2016-11-29T23:22:24-05:00"));
}

/// The date shown near the headline is the declared modification day
/// (`<time class="updated">December 10, 2021`): the declared publication wins.
#[test]
fn visible_date_on_the_modification_day_is_not_the_publication() {
    let Some(p) = mercury(
        "blisterreview.com",
        "https://blisterreview.com/gear-reviews/x",
    ) else {
        return;
    };
    assert_eq!(p, "2019-04-09T08:00:15-06:00");
}

/// `og:article:published_time` (the OpenGraph key with its `og:` prefix).
#[test]
fn og_prefixed_article_published_time() {
    let Some(p) = mercury(
        "www.reuters.com",
        "http://www.reuters.com/article/us-usa-fed-idUSKBN1430O9",
    ) else {
        return;
    };
    assert_eq!(p, "2016-12-14T06:02:15Z");
}

/// "Posted: Oct 14, 2022 9:27 AM ET": ET in October is daylight time.
#[test]
fn generic_us_zone_follows_daylight_saving() {
    let Some(p) = mercury("www.cbc.ca", "https://www.cbc.ca/news/business/x-1.6617346") else {
        return;
    };
    assert_eq!(p, "2022-10-14T09:27:00-04:00");
}

/// `itemprop="datePublished" content="2018-10-29T10:15-500"`.
#[test]
fn offset_without_leading_zero() {
    let Some(p) = mercury(
        "www.washingtonpost.com",
        "https://www.washingtonpost.com/opinions/x/2018/10/29/y_story.html",
    ) else {
        return;
    };
    assert_eq!(p, "2018-10-29T10:15:00-05:00");
}

/// "Published 22:00, 11 July 2021 BST": the zone after the date.
#[test]
fn zone_after_the_date() {
    let Some(p) = mercury(
        "www.ladbible.com",
        "https://www.ladbible.com/news/x-20210711",
    ) else {
        return;
    };
    assert_eq!(p, "2021-07-11T22:00:00+01:00");
}

/// "2019.04.19 20:00" in `<time datetime="2019-04-19T20:00:00+09:00">`,
/// declared "20:00:00.000Z" (local time mislabelled UTC): the element's own offset.
#[test]
fn zoneless_text_takes_its_datetime_attribute_offset() {
    let Some(p) = mercury("www.gizmodo.jp", "https://www.gizmodo.jp/2019/04/x.html") else {
        return;
    };
    assert_eq!(p, "2019-04-19T20:00:00+09:00");
}

/// No declared date and the headline not found: `<p class="published-date">
/// December 12, 2016 7:00 AM` (no zone: none is guessed).
#[test]
fn element_marked_as_publication_date() {
    let Some(p) = mercury(
        "www.miamiherald.com",
        "http://www.miamiherald.com/news/business/biz-monday/article120275253.html",
    ) else {
        return;
    };
    assert_eq!(p, "2016-12-12T07:00:00");
}

/// A Chinese page declares the day only (`publishdate` 2017-03-10) and shows
/// "发稿时间：<span id="pubtime_baidu">2017-03-10 08:42:00</span>": the time
/// is added, at UTC+8 (the crate's rule for Chinese pages without a zone).
#[test]
fn chinese_pubtime_element_adds_the_time() {
    let Some((p, _)) = dates(
        "readability-test-pages/youth/source.html",
        "http://fakehost/test/page.html",
    ) else {
        return;
    };
    assert_eq!(p.as_deref(), Some("2017-03-10T08:42:00+08:00"));
}

/// Nothing declared and no dateline read near the headline: the day in the
/// URL (`/news/2022/10/17/…`), without a time. Hand-written: every corpus
/// page with a dated URL also declares or shows its date.
#[test]
fn day_in_the_url() {
    let body = "<p>Applications for student debt relief opened on Monday, and the \
        department said millions of borrowers had already filed in the first hours.</p>"
        .repeat(4);
    let html = format!("<html><head><title>Debt relief</title></head><body><article><h1>Debt relief</h1>{body}</article></body></html>");
    let day = |url: &str| {
        let force = tidings::Options {
            force: true,
            ..Default::default()
        };
        tidings::extract(&html, Some(url), &force)
            .unwrap()
            .published_time
    };
    assert_eq!(
        day("https://www.politico.com/news/2022/10/17/student-debt-relief-00062145").as_deref(),
        Some("2022-10-17")
    );
    assert_eq!(
        day("https://example.com/a/t20190517_123.html").as_deref(),
        Some("2019-05-17")
    );
    // A month alone gives no day.
    assert_eq!(day("https://example.com/2019/05/story.html"), None);
}

/// "11/28/2016 11:00 AM PT": month first, which the US zone settles; PT in
/// November 28 is standard time.
#[test]
fn us_numeric_date_with_us_zone() {
    let Some(p) = mercury(
        "www.tmz.com",
        "http://www.tmz.com/2016/11/28/prince-wife-estate-will/",
    ) else {
        return;
    };
    assert_eq!(p, "2016-11-28T11:00:00-08:00");
}

/// `<time datetime="2016-12-15T15:33:00-05:00"><span>December 15, 2016</span>
/// <span>3:33 PM ET</span></time>`: the day shown takes the attribute's time.
#[test]
fn shown_day_takes_the_datetime_attribute_time() {
    let Some(p) = mercury(
        "www.npr.org",
        "http://www.npr.org/sections/thetwo-way/2016/12/15/505723552/jury-finds-dylann-roof-guilty-in-s-c-church-shooting",
    ) else {
        return;
    };
    assert_eq!(p, "2016-12-15T15:33:00-05:00");
}

/// `<time datetime="2016-12-22T10:43:37Z">22 Dec, 2016</time>` (local time
/// marked UTC) against `article:published_time` 10:43:37-08:00: the
/// attribute's clock yields to the declared time.
#[test]
fn attribute_clock_yields_to_declared_time() {
    let Some((p, _)) = dates(
        "readability-test-pages/breitbart/source.html",
        "http://fakehost/test/page.html",
    ) else {
        return;
    };
    assert_eq!(p.as_deref(), Some("2016-12-22T10:43:37-08:00"));
}

/// A script's `"podcast_publish_date":"March 26, 2020 12:00 pm"` is not a
/// `publish_date` variable; the page shows May 20, 2019.
#[test]
fn script_keys_match_whole_names() {
    let Some((p, _)) = dates(
        "readability-test-pages/quanta-1/source.html",
        "http://fakehost/test/page.html",
    ) else {
        return;
    };
    assert_eq!(p.as_deref(), Some("2019-05-20"));
}

/// The date shown near the headline is months from the declared one (TIME
/// page: 2014-03-24 elsewhere on the page, declared 2023-11-02T19:53:52Z).
#[test]
fn shown_date_days_away_yields_to_declared() {
    let Some((p, _)) = dates(
        "newspaper4k-tests/html/time_001.html",
        "https://time.com/6330957/james-hansen-climate-warning-geoengineering-study/",
    ) else {
        return;
    };
    assert_eq!(p.as_deref(), Some("2023-11-02T19:53:52Z"));
}

/// Hand-written (no page in the corpora shows a year-less dateline): a
/// Chinese article whose dateline reads "10-08 14:35". The year comes from
/// the URL's `/202310/08/`; without such evidence no date is given (the
/// clock is never read).
#[test]
fn yearless_dateline_takes_the_year_the_page_states() {
    let body = "<p>".to_string()
        + &"国家统计局今天发布数据，显示经济运行总体平稳，消费需求持续恢复。".repeat(8)
        + "</p>";
    let html = format!(
        "<html lang=\"zh-CN\"><head><title>经济运行总体平稳</title></head><body><article>\
         <h1>经济运行总体平稳</h1><div class=\"info\"><span>10-08 14:35</span><span>来源：新华社</span></div>\
         {body}{body}</article></body></html>"
    );
    let opts = tidings::Options {
        force: true,
        ..Default::default()
    };
    let with_year = tidings::extract(
        &html,
        Some("https://news.example.cn/a/202310/08/WS1.html"),
        &opts,
    )
    .expect("article");
    assert_eq!(
        with_year.published_time.as_deref(),
        Some("2023-10-08T14:35:00+08:00")
    );
    let without = tidings::extract(&html, Some("https://news.example.cn/a/WS1.html"), &opts)
        .expect("article");
    assert_eq!(without.published_time, None);
}
