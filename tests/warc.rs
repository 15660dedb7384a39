//! `tidings extract --warc` on the WARC fixtures (tests/fixtures/warc, made by
//! tools/make-warc from the real pages of tests/fixtures/real and the seed
//! page; `manifest.json` lists their records): gzip and plain files, truncated
//! copies, skipped records, the charset from the HTTP header, record ids and
//! dates, damaged and empty input.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const DIR: &str = "tests/fixtures/warc";
const SEED: &str = "tests/fixtures/pages/shine-seed/source.html";
const SEED_URL: &str = "https://www.shine.cn/news/nation/2301104951/";
const GBK_URL: &str = "https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html";

fn tidings(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .output()
        .expect("runs")
}

fn warc(files: &[&str]) -> Output {
    let mut args = vec!["extract", "--warc"];
    args.extend_from_slice(files);
    tidings(&args)
}

/// The run over a whole sample file, made once for all the tests that read it.
fn sample(file: &str) -> &'static Output {
    static GZ: OnceLock<Output> = OnceLock::new();
    static PLAIN: OnceLock<Output> = OnceLock::new();
    let cell = match file {
        "sample.warc.gz" => &GZ,
        "sample.warc" => &PLAIN,
        other => panic!("no sample {other}"),
    };
    cell.get_or_init(|| warc(&[&fixture(file)]))
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// The manifest's records of one file that are to be extracted, in order.
fn expected_pages(file: &str) -> Vec<Value> {
    let m: Value =
        serde_json::from_slice(&std::fs::read(fixture("manifest.json")).unwrap()).unwrap();
    m[file]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "html")
        .cloned()
        .collect()
}

/// Every line an article of the page the manifest lists at that place, with its record's id and date.
fn assert_pages(got: &[Value], want: &[Value]) {
    assert_eq!(got.len(), want.len(), "one line per HTML page");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g["url"], w["url"]);
        assert_eq!(g["warcRecordId"], w["warcRecordId"]);
        assert_eq!(g["warcDate"], w["warcDate"]);
        assert!(g.get("error").is_none(), "{}: {}", w["url"], g["error"]);
        assert!(
            g["title"].as_str().is_some_and(|t| !t.is_empty())
                && g["wordCount"].as_u64().is_some_and(|n| n >= 40),
            "{}: no article",
            w["url"]
        );
    }
}

#[test]
fn gzip_per_record_warc_1_0() {
    let o = sample("sample.warc.gz");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    assert_pages(&lines(o), &expected_pages("sample.warc.gz"));
    assert!(
        stderr(o).contains(
            "86 records; 24 pages (0 failed); skipped 2 not HTML, 2 not status 200, 1 revisits"
        ),
        "{}",
        stderr(o)
    );
}

#[test]
fn plain_warc_1_1() {
    let o = sample("sample.warc");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    assert_pages(&lines(o), &expected_pages("sample.warc"));
    assert!(stderr(o).contains("35 records; 7 pages (0 failed)"));
}

#[test]
fn non_html_non_200_and_revisit_records_give_no_line() {
    let got = lines(sample("sample.warc.gz"));
    for url in [
        "https://www.shine.cn/static/images/icon-16.png",
        "https://www.shine.cn/api/news/2301104951.json",
        "https://www.shine.cn/news/nation/missing/",
        "http://www.shine.cn/news/nation/2301104951/",
    ] {
        assert!(got.iter().all(|l| l["url"] != url), "{url} has a line");
    }
    // The seed's revisit (same URL as its response) adds no second line.
    assert_eq!(got.iter().filter(|l| l["url"] == SEED_URL).count(), 1);
}

#[test]
fn seed_page_is_the_same_article_as_from_the_file_without_its_licence_lines() {
    let from_warc = lines(sample("sample.warc.gz"))
        .into_iter()
        .find(|l| l["url"] == SEED_URL)
        .unwrap();
    let f = tidings(&["extract", "--url", SEED_URL, SEED]);
    let mut from_file: Value = serde_json::from_slice(&f.stdout).unwrap();
    let mut stripped = from_warc.clone();
    for k in ["url", "warcRecordId", "warcDate"] {
        stripped.as_object_mut().unwrap().remove(k);
        from_file.as_object_mut().unwrap().remove(k);
    }
    assert_eq!(stripped, from_file, "the WARC path gives the CLI's article");
    let text = from_warc["text"].as_str().unwrap();
    assert!(text.starts_with("Chinese Foreign Minister Qin Gang on Monday held"));
    for clutter in ["ICP", "许可证", "公网安备", "Copyright"] {
        assert!(!text.contains(clutter), "{clutter} left in the text");
    }
    let rules: Vec<&str> = from_warc["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"icp-registration") && rules.contains(&"public-security-registration"));
}

#[test]
fn charset_from_the_http_header_decodes_a_gbk_page() {
    // The page's bytes are GBK and only the HTTP header says so (its meta was removed).
    for file in ["sample.warc.gz", "sample.warc"] {
        let page = lines(sample(file))
            .into_iter()
            .find(|l| l["url"] == GBK_URL)
            .unwrap();
        assert_eq!(page["title"], "外国专家：中美合作共赢符合国际社会利益");
        let text = page["text"].as_str().unwrap();
        assert!(
            text.contains("中美合作共赢是大势所趋"),
            "{file}: {text:.200}"
        );
        assert!(!text.contains('\u{FFFD}'), "{file}: replacement characters");
        assert_eq!(page["lang"], "zh-CN");
    }
}

#[test]
fn sniffed_and_gzip_encoded_bodies_are_pages() {
    let got = lines(sample("sample.warc"));
    // lemonde-1 has no Content-Type; mozilla-2's body is gzip-encoded.
    let lemonde = got
        .iter()
        .find(|l| l["url"] == "http://fakehost/test/lemonde-1/page.html")
        .unwrap();
    assert!(lemonde["title"]
        .as_str()
        .unwrap()
        .starts_with("Le projet de loi sur le renseignement"));
    let mozilla = got
        .iter()
        .find(|l| l["url"] == "http://fakehost/test/mozilla-2/page.html")
        .unwrap();
    assert_eq!(mozilla["title"], "Welcome to Firefox Developer Edition");
}

#[test]
fn truncated_files_keep_what_was_read_and_end_with_bad_warc() {
    for (file, whole) in [
        ("truncated.warc.gz", "sample.warc.gz"),
        ("truncated.warc", "sample.warc"),
    ] {
        let o = warc(&[&fixture(file)]);
        assert_eq!(o.status.code(), Some(2), "{file}: a damaged file exits 2");
        let got = lines(&o);
        let want = expected_pages(whole);
        // Three whole pages, then the cut fourth as a bad-warc line with its record.
        assert_eq!(got.len(), 4, "{file}");
        assert_pages(&got[..3], &want[..3]);
        let last = &got[3];
        assert_eq!(last["error"]["code"], "bad-warc", "{file}");
        assert_eq!(last["warcRecordId"], want[3]["warcRecordId"]);
        assert_eq!(last["file"], fixture(file));
        let msg = last["error"]["message"].as_str().unwrap();
        assert!(msg.contains("truncated"), "{file}: {msg}");
        assert!(stderr(&o).contains("bad WARC"), "{}", stderr(&o));
    }
}

#[test]
fn garbage_is_a_clear_error() {
    // An HTML page, a PNG and a gzip that is not a WARC, given as WARC files.
    let dir = tempdir("garbage");
    let gz = dir.join("page.html.gz");
    let png = "extension/icons/icon-16.png";
    let page = std::fs::read(SEED).unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&page).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    for file in [SEED, png, gz.to_str().unwrap()] {
        let o = warc(&[file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let got = lines(&o);
        assert_eq!(got.len(), 1, "{file}: one error line");
        assert_eq!(got[0]["error"]["code"], "bad-warc");
        assert_eq!(got[0]["file"], file);
        let msg = got[0]["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("WARC record") && msg.len() < 200,
            "{file}: {msg}"
        );
        let err = stderr(&o);
        assert!(
            err.contains("bad WARC") && !err.contains("panicked"),
            "{err}"
        );
    }
}

#[test]
fn an_empty_file_has_no_records() {
    let dir = tempdir("empty");
    let empty = dir.join("empty.warc");
    std::fs::write(&empty, b"").unwrap();
    let o = warc(&[empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(lines(&o).is_empty());
    assert!(stderr(&o).contains("0 records; 0 pages"));
}

#[test]
fn several_files_and_standard_input_and_an_unreadable_one() {
    let o = warc(&[
        &fixture("sample.warc"),
        "tests/fixtures/warc/no-such.warc.gz",
        &fixture("sample.warc.gz"),
    ]);
    assert_eq!(o.status.code(), Some(2), "an unreadable file exits 2");
    let got = lines(&o);
    assert_eq!(
        got.len(),
        7 + 1 + 24,
        "the run goes on after the missing file"
    );
    assert_eq!(got[7]["error"]["code"], "unreadable");
    assert_eq!(got[7]["file"], "tests/fixtures/warc/no-such.warc.gz");
    assert_pages(&got[8..], &expected_pages("sample.warc.gz"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["extract", "--warc", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(fixture("sample.warc.gz")).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_pages(&lines(&o), &expected_pages("sample.warc.gz"));
}

#[test]
fn a_page_without_an_article_is_an_error_line_and_the_run_goes_on() {
    // A WARC written here with the warc crate: the front page of the hand-written
    // fixtures (no article) between two copies of the seed page.
    let home = std::fs::read("tests/fixtures/pages/homepage-not-article/source.html").unwrap();
    let seed = std::fs::read(SEED).unwrap();
    let mut out = Vec::new();
    {
        let mut w = warc::WarcWriter::new(&mut out);
        for (i, (url, body)) in [
            (SEED_URL, &seed),
            ("https://courier.example/", &home),
            (SEED_URL, &seed),
        ]
        .into_iter()
        .enumerate()
        {
            let mut block =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
            block.extend_from_slice(body);
            let record = warc::RecordBuilder::default()
                .warc_type(warc::RecordType::Response)
                .warc_id(format!("<urn:uuid:00000000-0000-4000-8000-00000000000{i}>"))
                .header(warc::WarcHeader::TargetURI, url)
                .header(
                    warc::WarcHeader::ContentType,
                    "application/http; msgtype=response",
                )
                .body(block)
                .build()
                .unwrap();
            w.write(&record).unwrap();
        }
    }
    let dir = tempdir("noarticle");
    let path = dir.join("mixed.warc");
    std::fs::write(&path, out).unwrap();
    let o = warc(&[path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a failed page exits 1");
    let got = lines(&o);
    assert_eq!(got.len(), 3);
    assert_eq!(got[1]["url"], "https://courier.example/");
    assert_eq!(got[1]["error"]["code"], "no-article");
    assert_eq!(
        got[1]["warcRecordId"],
        "<urn:uuid:00000000-0000-4000-8000-000000000001>"
    );
    assert!(got[1]["warcDate"]
        .as_str()
        .is_some_and(|d| d.ends_with('Z')));
    assert!(got[0].get("error").is_none() && got[2].get("error").is_none());
    assert!(stderr(&o).contains("3 records; 3 pages (1 failed)"));
}

#[test]
fn bad_usage() {
    for args in [
        vec!["extract", "--warc", "--format", "text"],
        vec!["extract", "--warc", "--url", SEED_URL],
        vec!["extract", "--warc", "--input", "text"],
    ] {
        let o = tidings(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--warc"), "{}", stderr(&o));
    }
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("warc-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
