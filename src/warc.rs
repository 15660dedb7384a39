//! `tidings extract --warc`: articles from the HTML `response` records of WARC
//! files (WARC/1.0 and 1.1, plain or gzip per record as Common Crawl writes
//! them), one JSON line per record.
//!
//! The records come from the `warc` crate's streaming reader over flate2's
//! multi-member gzip decoder; this module adds what a crawl archive needs
//! around it: the HTTP response head (status, `Content-Type` and its charset,
//! `Content-Encoding`, chunked bodies), HTML sniffing when the type is
//! missing, and bounds. Memory stays bounded by the largest record read (at
//! most the core's input limit), never by the file: skipped records are
//! streamed past, and a stream that never forms a record stops at
//! [`MAX_WARC_HEAD`] bytes. A damaged or truncated file ends with a
//! `bad-warc` line after everything read before it.

use std::cell::{Cell, RefCell};
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use flate2::read::{GzDecoder, MultiGzDecoder, ZlibDecoder};
use serde_json::{json, Value};
use tidings::{Article, Error};
use warc::{RecordType, WarcHeader, WarcReader};

/// Most bytes a WARC record's header block may take (Common Crawl's take about 1 KB).
const MAX_WARC_HEAD: u64 = 1 << 20;
/// Most bytes an HTTP response head may take.
const MAX_HTTP_HEAD: usize = 64 << 10;
/// Most fields an HTTP response head may have.
const MAX_HTTP_FIELDS: usize = 256;

/// How the WHATWG MIME sniffing algorithm recognises HTML without a
/// `Content-Type`: after leading whitespace, one of these (ASCII
/// case-insensitive) followed by a space or `>`.
const HTML_SIGNATURES: &[&[u8]] = &[
    b"<!DOCTYPE HTML",
    b"<HTML",
    b"<HEAD",
    b"<SCRIPT",
    b"<IFRAME",
    b"<H1",
    b"<DIV",
    b"<FONT",
    b"<TABLE",
    b"<A",
    b"<STYLE",
    b"<TITLE",
    b"<B",
    b"<BODY",
    b"<BR",
    b"<P",
    b"<!--",
];

/// The media types taken as web pages.
const HTML_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];

/// What one WARC file gave.
#[derive(Debug, Default)]
pub struct Summary {
    /// WARC records read (of every type).
    pub records: u64,
    /// `response` records that gave a line: HTML with status 200, or a
    /// record that could not be read as one (a non-UTF-8 header, a bad HTTP head).
    pub pages: u64,
    /// Of those, the ones that gave an error line (no article, too large, …).
    pub failed: u64,
    /// `response` records skipped for their type (images, PDF, JSON, DNS…).
    pub not_html: u64,
    /// `response` records skipped for their status (redirects, 404s…).
    pub not_ok: u64,
    /// `revisit` records (no page of their own).
    pub revisits: u64,
    /// Why the file could not be read to its end, if it could not.
    pub bad: Option<String>,
}

/// Extraction of one page: the body, the charset its HTTP head names, its URL.
pub type Extract<'a> = dyn FnMut(&[u8], Option<&str>, Option<&str>) -> Result<Article, Error> + 'a;

/// Reads one WARC stream and passes `emit` a JSON line for every HTML
/// response with status 200 (the article with `url`, `warcRecordId` and
/// `warcDate`, or those with an `error`) and, when the stream is damaged, a
/// last `bad-warc` line. Errors are those of `emit` (the output) and of the
/// stream's first bytes (an unreadable file); a damaged stream is reported
/// in the summary and in its line, after every record before it.
pub fn read_warc(
    name: &str,
    input: impl Read,
    max_page: usize,
    extract: &mut Extract<'_>,
    emit: &mut dyn FnMut(Value) -> io::Result<()>,
) -> io::Result<Summary> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let gzip = input.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn BufRead + '_> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(input),
        ))
    } else {
        Box::new(input)
    };
    let meter = Meter::new();
    let mut reader = WarcReader::new(Metered {
        inner,
        meter: meter.clone(),
    });
    let mut records = reader.stream_records();
    let mut summary = Summary::default();
    // Where the last whole record ended, in bytes of the (decompressed) stream.
    let mut end = 0u64;
    loop {
        meter.head.borrow_mut().clear();
        meter.keep.set(true);
        let item = records.next_item();
        meter.keep.set(false);
        let mut record = match item {
            None => {
                let taken = meter.taken.get();
                if taken > end {
                    summary.bad = Some(format!(
                        "{} bytes after byte {end} are not a whole WARC record (a truncated or damaged file?)",
                        taken - end
                    ));
                }
                break;
            }
            Some(Err(e)) => {
                summary.bad = Some(describe(&e, &meter, end));
                break;
            }
            Some(Ok(record)) => record,
        };
        summary.records += 1;
        let len = record.content_length();
        meter
            .left
            .set(len.saturating_add(4).saturating_add(MAX_WARC_HEAD));
        end = meter.taken.get().saturating_add(len).saturating_add(4);
        // The crate's header lookup needs UTF-8 values (WARC 1.1 requires them).
        let utf8_head = std::str::from_utf8(&meter.head.borrow()).is_ok();
        let id = record.warc_id().to_string();
        let date = record.date().format("%Y-%m-%dT%H:%M:%S%.fZ").to_string();
        let line = match (record.warc_type(), utf8_head) {
            (RecordType::Revisit, _) => {
                summary.revisits += 1;
                None
            }
            (RecordType::Response, false) => {
                summary.pages += 1;
                summary.failed += 1;
                Some(record_error(
                    None,
                    &id,
                    &date,
                    "bad-warc-header",
                    "a WARC header value is not UTF-8",
                ))
            }
            (RecordType::Response, true) => {
                let url = record
                    .header(WarcHeader::TargetURI)
                    .map(|u| u.trim().trim_matches(['<', '>']).to_string());
                let http = record.header(WarcHeader::ContentType).is_some_and(|t| {
                    t.trim()
                        .to_ascii_lowercase()
                        .starts_with("application/http")
                });
                let identified = record
                    .header(WarcHeader::IdentifiedPayloadType)
                    .map(|t| t.into_owned());
                if !http {
                    summary.not_html += 1;
                    None
                } else {
                    let page = Page {
                        url: url.as_deref(),
                        id: &id,
                        date: &date,
                        identified: identified.as_deref(),
                        len,
                        max_page,
                    };
                    match page.read(&mut record, extract) {
                        Ok(Seen::Skip(Skip::NotHtml)) => {
                            summary.not_html += 1;
                            None
                        }
                        Ok(Seen::Skip(Skip::Status)) => {
                            summary.not_ok += 1;
                            None
                        }
                        Ok(Seen::Line(line, ok)) => {
                            summary.pages += 1;
                            summary.failed += u64::from(!ok);
                            Some(line)
                        }
                        Err(cut) => {
                            summary.bad = Some(cut.clone());
                            emit(json!({"file": name, "url": url, "warcRecordId": id,
                                "warcDate": date, "error": {"code": "bad-warc", "message": cut}}))?;
                            return Ok(summary);
                        }
                    }
                }
            }
            _ => None,
        };
        if let Some(line) = line {
            emit(line)?;
        }
        // Read what is left of the record here, so the next header is all the
        // meter keeps; a body cut short is a truncated file.
        let left = record.content_length();
        if left > 0 {
            match io::copy(&mut record, &mut io::sink()) {
                Ok(n) if n == left => {}
                Ok(n) => {
                    summary.bad = Some(truncated(&id, len - left + n, len));
                    break;
                }
                Err(e) => {
                    summary.bad = Some(format!("record {id}: {e} (a truncated or damaged file)"));
                    break;
                }
            }
        }
    }
    if let Some(bad) = &summary.bad {
        emit(json!({"file": name, "error": {"code": "bad-warc", "message": bad}}))?;
    }
    Ok(summary)
}

/// One WARC response record's identity and limits.
struct Page<'a> {
    url: Option<&'a str>,
    id: &'a str,
    date: &'a str,
    /// `WARC-Identified-Payload-Type`, the crawler's own sniffing.
    identified: Option<&'a str>,
    /// The record block's length (HTTP head and body).
    len: u64,
    max_page: usize,
}

enum Skip {
    NotHtml,
    Status,
}

enum Seen {
    Skip(Skip),
    /// A JSON line, and whether it holds an article.
    Line(Value, bool),
}

impl Page<'_> {
    /// Reads the HTTP response in the record and extracts it when it is an
    /// HTML page with status 200. `Err` is a record cut short (a truncated file).
    fn read(&self, record: &mut impl Read, extract: &mut Extract<'_>) -> Result<Seen, String> {
        let head_len = (MAX_HTTP_HEAD as u64).min(self.len) as usize;
        let mut block = Vec::with_capacity(head_len);
        self.fill(record, &mut block, head_len as u64)?;
        let http = match parse_head(&block) {
            Ok(h) => h,
            Err(msg) => return Ok(self.error("bad-http", &msg)),
        };
        if http.status != 200 {
            return Ok(Seen::Skip(Skip::Status));
        }
        let html = match &http.media_type {
            Some(t) => HTML_TYPES.contains(&t.as_str()),
            None => match self.identified {
                Some(t) => HTML_TYPES.contains(&media_type(t).as_str()),
                None => sniff_html(&block[http.head_len..]),
            },
        };
        if !html {
            return Ok(Seen::Skip(Skip::NotHtml));
        }
        // Checked before the body is read: memory stays within the limit.
        let body_len = self.len - http.head_len as u64;
        let cap = self.max_page as u64;
        if body_len > cap {
            return Ok(self.error(
                "too-large",
                &format!("the page is {body_len} bytes; the limit is {cap} bytes"),
            ));
        }
        block.reserve_exact((self.len as usize).saturating_sub(block.len()));
        self.fill(record, &mut block, self.len)?;
        let mut body = std::borrow::Cow::Borrowed(&block[http.head_len..]);
        if http.chunked {
            body = match dechunk(&body) {
                Some(b) => b.into(),
                None => return Ok(self.error("bad-http", "a chunked body that does not parse")),
            };
        }
        if let Some(enc) = &http.encoding {
            body = match decompress(enc, &body, cap) {
                Ok(b) => b.into(),
                Err((code, msg)) => return Ok(self.error(code, &msg)),
            };
        }
        Ok(match extract(&body, http.charset.as_deref(), self.url) {
            Ok(article) => {
                let mut v = serde_json::to_value(&article).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.insert("url".into(), json!(self.url));
                    m.insert("warcRecordId".into(), json!(self.id));
                    m.insert("warcDate".into(), json!(self.date));
                }
                Seen::Line(v, true)
            }
            Err(e) => self.error(e.code(), e.message()),
        })
    }

    /// Reads the record until `buf` holds `upto` bytes; fewer is a truncated file.
    fn fill(&self, record: &mut impl Read, buf: &mut Vec<u8>, upto: u64) -> Result<(), String> {
        let want = upto.saturating_sub(buf.len() as u64);
        match record.take(want).read_to_end(buf) {
            Ok(n) if n as u64 == want => Ok(()),
            Ok(_) => Err(truncated(self.id, buf.len() as u64, self.len)),
            Err(e) => Err(format!(
                "record {}: {e} (a truncated or damaged file)",
                self.id
            )),
        }
    }

    fn error(&self, code: &str, message: &str) -> Seen {
        Seen::Line(
            record_error(self.url, self.id, self.date, code, message),
            false,
        )
    }
}

fn record_error(url: Option<&str>, id: &str, date: &str, code: &str, message: &str) -> Value {
    json!({"url": url, "warcRecordId": id, "warcDate": date,
        "error": {"code": code, "message": message}})
}

fn truncated(id: &str, got: u64, len: u64) -> String {
    format!("record {id} ends after {got} of its {len} bytes: the file is truncated")
}

/// Says why the WARC reader stopped, without quoting the bytes it stopped at.
fn describe(e: &warc::Error, meter: &Meter, end: u64) -> String {
    match e {
        warc::Error::ReadData(_) if meter.left.get() == 0 => format!(
            "no WARC record header within {MAX_WARC_HEAD} bytes after byte {end} (not a WARC file?)"
        ),
        warc::Error::ReadData(io) => format!("cannot read after byte {end}: {io}"),
        warc::Error::ParseHeaders(_) => {
            format!("no valid WARC record header at byte {end} (not a WARC file, or a damaged one)")
        }
        warc::Error::UnexpectedEOB => {
            format!("the file ends inside the record after byte {end}: it is truncated")
        }
        other => format!("a bad WARC record after byte {end}: {other}"),
    }
}

/// What the HTTP head says about the body.
struct HttpHead {
    status: u16,
    head_len: usize,
    /// The `Content-Type` media type, lower-cased, when there is one.
    media_type: Option<String>,
    charset: Option<String>,
    /// `Content-Encoding`, lower-cased, unless `identity`.
    encoding: Option<String>,
    chunked: bool,
}

/// Parses the HTTP response head at the start of a record block.
fn parse_head(block: &[u8]) -> Result<HttpHead, String> {
    // HTTP/2 and /3 responses are archived with their own version in the
    // status line, which an HTTP/1 parser refuses: read them as 1.1.
    for v in [&b"HTTP/2 "[..], b"HTTP/2.0 ", b"HTTP/3 ", b"HTTP/3.0 "] {
        if let Some(rest) = block.strip_prefix(v) {
            let mut patched = b"HTTP/1.1 ".to_vec();
            patched.extend_from_slice(rest);
            let head = parse_http1(&patched)?;
            return Ok(HttpHead {
                head_len: (head.head_len + v.len()).saturating_sub(9),
                ..head
            });
        }
    }
    parse_http1(block)
}

fn parse_http1(block: &[u8]) -> Result<HttpHead, String> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HTTP_FIELDS];
    let mut res = httparse::Response::new(&mut fields);
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true)
        .parse_response(&mut res, block);
    let head_len = match parsed {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(format!(
                "no end of the HTTP head in the record's first {} bytes",
                block.len()
            ))
        }
        Err(e) => return Err(format!("not an HTTP response head: {e}")),
    };
    let mut head = HttpHead {
        status: res.code.unwrap_or(0),
        head_len,
        media_type: None,
        charset: None,
        encoding: None,
        chunked: false,
    };
    for f in res.headers.iter() {
        let value = String::from_utf8_lossy(f.value);
        if f.name.eq_ignore_ascii_case("content-type") && head.media_type.is_none() {
            head.media_type = Some(media_type(&value));
            head.charset = charset_param(&value);
        } else if f.name.eq_ignore_ascii_case("content-encoding") {
            let enc = value.trim().to_ascii_lowercase();
            if !enc.is_empty() && enc != "identity" {
                head.encoding = Some(enc);
            }
        } else if f.name.eq_ignore_ascii_case("transfer-encoding") {
            head.chunked |= value.to_ascii_lowercase().contains("chunked");
        }
    }
    Ok(head)
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(value: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (name, v) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Does the body start like an HTML document (see [`HTML_SIGNATURES`])?
fn sniff_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
        .unwrap_or(body.len());
    let rest = &body[start..];
    HTML_SIGNATURES.iter().any(|sig| {
        rest.len() > sig.len()
            && rest[..sig.len()].eq_ignore_ascii_case(sig)
            && matches!(rest[sig.len()], b' ' | b'>')
    })
}

/// Joins the chunks of a chunked body; `None` when it does not parse.
/// Each step consumes at least the size line, so the loop ends.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let (skip, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(c)) => c,
            _ => return None,
        };
        body = &body[skip..];
        if size == 0 {
            return Some(out);
        }
        let size = usize::try_from(size).ok().filter(|&s| s <= body.len())?;
        out.extend_from_slice(&body[..size]);
        body = body[size..].strip_prefix(b"\r\n")?;
    }
}

/// Undoes a `Content-Encoding`, with the decoded size capped at `cap` bytes.
fn decompress(enc: &str, body: &[u8], cap: u64) -> Result<Vec<u8>, (&'static str, String)> {
    let mut out = Vec::new();
    let read = match enc {
        "gzip" | "x-gzip" => GzDecoder::new(body).take(cap + 1).read_to_end(&mut out),
        "deflate" => ZlibDecoder::new(body).take(cap + 1).read_to_end(&mut out),
        other => {
            return Err((
                "unsupported-encoding",
                format!(
                    "the body's Content-Encoding {other:?} is not supported (gzip and deflate are)"
                ),
            ))
        }
    };
    match read {
        Ok(_) if out.len() as u64 > cap => Err((
            "too-large",
            format!("the page decompresses to over {cap} bytes, the limit"),
        )),
        Ok(_) => Ok(out),
        Err(e) => Err(("bad-http", format!("the {enc} body does not decode: {e}"))),
    }
}

/// Counts shared between the WARC stream and its reader: bytes still allowed,
/// bytes given out, and the bytes of the current record's header (kept
/// while `keep` is on).
#[derive(Clone)]
struct Meter {
    left: Rc<Cell<u64>>,
    taken: Rc<Cell<u64>>,
    keep: Rc<Cell<bool>>,
    head: Rc<RefCell<Vec<u8>>>,
}

impl Meter {
    fn new() -> Meter {
        Meter {
            left: Rc::new(Cell::new(MAX_WARC_HEAD)),
            taken: Rc::new(Cell::new(0)),
            keep: Rc::new(Cell::new(false)),
            head: Rc::new(RefCell::new(Vec::new())),
        }
    }
}

/// The decompressed WARC stream, giving out at most `meter.left` more bytes
/// (so the WARC reader, which reads a header until its blank line, buffers at
/// most [`MAX_WARC_HEAD`] of a stream that has none) and keeping up to
/// [`MAX_WARC_HEAD`] bytes of what it gives out while `meter.keep` is on.
struct Metered<R> {
    inner: R,
    meter: Meter,
}

impl<R> Metered<R> {
    /// Counts bytes given out, and keeps them while `keep` is on.
    fn account(meter: &Meter, given: &[u8]) {
        if meter.keep.get() {
            let mut head = meter.head.borrow_mut();
            if (head.len() as u64) < MAX_WARC_HEAD {
                head.extend_from_slice(given);
            }
        }
        let n = given.len() as u64;
        meter.left.set(meter.left.get().saturating_sub(n));
        meter.taken.set(meter.taken.get() + n);
    }

    fn allowed(&self, want: usize) -> io::Result<usize> {
        match self.meter.left.get() {
            0 => Err(io::Error::other("no WARC record boundary within the limit")),
            left => Ok(want.min(usize::try_from(left).unwrap_or(usize::MAX))),
        }
    }
}

impl<R: BufRead> Read for Metered<R> {
    /// Reads past the buffer when it is empty and `out` is large (record bodies).
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let max = self.allowed(out.len())?;
        let n = self.inner.read(&mut out[..max])?;
        Self::account(&self.meter, &out[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Metered<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let max = self.allowed(usize::MAX)?;
        let buf = self.inner.fill_buf()?;
        Ok(&buf[..buf.len().min(max)])
    }

    fn consume(&mut self, n: usize) {
        // The bytes consumed are at the start of the buffer `fill_buf` gave out.
        if let Ok(buf) = self.inner.fill_buf() {
            Self::account(&self.meter, &buf[..n.min(buf.len())]);
        }
        self.inner.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written WARC record (these cases, a bad header value or a
    /// chunked HTTP/2 response, are in no fixture).
    fn record(uri: &[u8], block: &[u8]) -> Vec<u8> {
        let mut r = b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
            WARC-Date: 2024-01-10T02:31:00.5Z\r\nContent-Type: application/http; msgtype=response\r\nWARC-Target-URI: "
            .to_vec();
        r.extend_from_slice(uri);
        r.extend_from_slice(format!("\r\nContent-Length: {}\r\n\r\n", block.len()).as_bytes());
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    const PAGE: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>T</title><p>Body.</p>";

    /// Runs the reader with an extractor that answers the body's length.
    fn run(bytes: &[u8], max_page: usize) -> (Vec<Value>, Summary) {
        let mut out = Vec::new();
        let mut extract = |body: &[u8], charset: Option<&str>, _: Option<&str>| {
            Ok(Article {
                title: format!("{} {charset:?}", body.len()),
                ..Article::default()
            })
        };
        let s = read_warc("t.warc", bytes, max_page, &mut extract, &mut |v| {
            out.push(v);
            Ok(())
        })
        .unwrap();
        (out, s)
    }

    #[test]
    fn a_non_utf8_header_value_fails_its_record_only() {
        let mut bytes = record(b"http://example.com/caf\xe9", PAGE);
        bytes.extend(record(b"http://example.com/ok", PAGE));
        let (out, s) = run(&bytes, 1 << 20);
        assert_eq!(out[0]["error"]["code"], "bad-warc-header");
        assert_eq!(out[1]["url"], "http://example.com/ok");
        assert_eq!(out[1]["warcDate"], "2024-01-10T02:31:00.500Z");
        assert_eq!((s.records, s.pages, s.failed), (2, 2, 1));
        assert!(s.bad.is_none());
    }

    #[test]
    fn a_stream_without_record_headers_stops_within_the_bound() {
        let junk = vec![b'x'; 3 << 20];
        let (out, s) = run(&junk, 1 << 20);
        let bad = s.bad.unwrap();
        assert!(
            bad.contains("no WARC record header within 1048576 bytes"),
            "{bad}"
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_page_over_the_limit_is_refused_before_it_is_read() {
        let (out, s) = run(&record(b"http://example.com/", PAGE), 10);
        assert_eq!(out[0]["error"]["code"], "too-large");
        assert_eq!(s.failed, 1);
    }

    #[test]
    fn http2_status_lines_chunked_bodies_and_charsets() {
        let block = b"HTTP/2 200\r\ncontent-type: text/html;charset=\"GBK\"\r\n\
            transfer-encoding: chunked\r\n\r\n5\r\n<p>ab\r\n3;x=y\r\nc</\r\n2\r\np>\r\n0\r\n\r\n";
        let (out, _) = run(&record(b"http://example.com/", block), 1 << 20);
        assert_eq!(out[0]["title"], "10 Some(\"GBK\")");
        assert_eq!(dechunk(b"5\r\nab"), None);
        assert_eq!(
            charset_param("text/html; Charset = utf-8 ; q=1"),
            Some("utf-8".into())
        );
        assert_eq!(charset_param("text/html; charset="), None);
    }

    #[test]
    fn damaged_copies_of_the_fixtures_never_panic() {
        // Bytes flipped, cut and repeated at pseudo-random places in the plain and
        // gzip fixtures: every run ends, with one line per page plus one when damaged.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/warc/");
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for name in ["sample.warc", "sample.warc.gz"] {
            let whole = std::fs::read(format!("{dir}{name}")).unwrap();
            for round in 0..60 {
                let mut bytes = whole.clone();
                match round % 3 {
                    0 => {
                        for _ in 0..4 {
                            let i = next(bytes.len());
                            bytes[i] ^= 1 << next(8);
                        }
                    }
                    1 => bytes.truncate(next(bytes.len())),
                    _ => {
                        let (a, b) = (next(bytes.len()), next(bytes.len()));
                        let piece = bytes[a.min(b)..a.max(b)].to_vec();
                        bytes.splice(a..a, piece);
                    }
                }
                let (out, s) = run(&bytes, 1 << 20);
                assert_eq!(
                    out.len() as u64,
                    s.pages + u64::from(s.bad.is_some()),
                    "{name} round {round}"
                );
            }
        }
    }

    #[test]
    fn sniffing_follows_the_whatwg_html_signatures() {
        assert!(sniff_html(b"\xEF\xBB\xBF\r\n  <!doctype html><html>"));
        assert!(sniff_html(b"<P>text"));
        assert!(!sniff_html(b"<pre>x"));
        assert!(!sniff_html(b"{\"title\": \"<html>\"}"));
        assert!(!sniff_html(b"<?xml version=\"1.0\"?><rss>"));
    }
}
