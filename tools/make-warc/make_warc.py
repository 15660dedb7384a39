#!/usr/bin/env python3
"""Builds the WARC test fixtures in tests/fixtures/warc/ from pages in the repository.

    pip install warcio==1.8.1
    python3 tools/make-warc/make_warc.py            # writes tests/fixtures/warc/

Sources: the 24 real pages of tests/fixtures/real/ (their provenance and
licences are in tests/fixtures/real/README.md), the seed page's reconstruction
tests/fixtures/pages/shine-seed/source.html, and the extension's icon and the
seed's metadata JSON as non-HTML bodies. The output is byte-for-byte
reproducible: record ids are UUIDv5 of (URL, record type), dates are fixed,
and the gzip members carry no time stamp.

Written with warcio (an independent WARC implementation), read in the tests
by the Rust `warc` crate: two implementations agree on the format.
"""

import base64
import gzip
import hashlib
import io
import json
import os
import uuid
from datetime import datetime, timedelta, timezone

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
REAL = os.path.join(ROOT, "tests", "fixtures", "real")
OUT = os.path.join(ROOT, "tests", "fixtures", "warc")
NS = uuid.UUID("8f7d1b0e-3c55-4c2e-9a57-5d0f3a1e6b21")
START = datetime(2024, 1, 10, 2, 31, 0, tzinfo=timezone.utc)

MERCURY = "mercury-parser-fixtures/fixtures"
MERCURY_URLS = {  # the pages' real URLs, from the shared corpus's mercury-parser-fixtures/expected.json
    "buzzap.jp": "https://buzzap.jp/news/20190302-reduced-tax-rate-benefit/",
    "epaper.zeit.de": "https://epaper.zeit.de/article/702225a4061dfbf97ab93df8de77e8c54aa3f5fe7a8c2799e8d425953d123acf",
    "phpspot.org": "http://phpspot.org/blog/archives/2019/04/treeviz.html",
    "postlight.com": "https://postlight.com/insights/three-ways-to-be-the-thermostat",
    "sect.iij.ad.jp": "https://sect.iij.ad.jp/d/2019/02/134052.html",
    "timesofindia.indiatimes.com": "https://timesofindia.indiatimes.com/india/china-snubs-imran-says-resolve-jk-bilaterally/articleshow/71496416.cms",
    "www.al.com": "http://www.al.com/news/birmingham/index.ssf/2016/12/two_arrested_in_multi-state_de.html#incart_river_home",
    "www.cbc.ca": "https://www.cbc.ca/news/business/crea-september-numbers-1.6616369",
    "www.gizmodo.jp": "https://www.gizmodo.jp/2019/04/suica-gashapon-bandai.html",
    "www.huffingtonpost.com": "http://www.huffingtonpost.com/entry/donald-trump-obama_us_583c8f01e4b06539a789ddd4",
    "www.lemonde.fr": "https://www.lemonde.fr/economie/article/2019/05/07/dans-ses-previsions-economiques-bruxelles-confirme-la-montee-des-perils_5459325_3234.html",
    "www.macrumors.com": "http://www.macrumors.com/2017/01/18/apple-pencil-2-march-2017/",
    "www.npr.org": "http://www.npr.org/sections/thetwo-way/2016/12/15/505723552/jury-finds-dylann-roof-guilty-in-s-c-church-shooting",
    "www.reuters.com": "http://www.reuters.com/article/us-usa-fed-idUSKBN1430G4",
    "www.tmz.com": "http://www.tmz.com/2016/11/28/prince-wife-estate-will/",
    "www.washingtonpost.com": "https://www.washingtonpost.com/news/opinions/wp/2018/10/29/enough-platitudes-lets-name-names/",
}



def pages():
    """(url, source path relative to the repo, body bytes, charset for the HTTP header) of every HTML page."""
    out = []
    seed = "tests/fixtures/pages/shine-seed/source.html"
    out.append(("https://www.shine.cn/news/nation/2301104951/", seed, read(seed), "utf-8"))
    for slug in ["gmw", "herald-sun-1", "lemonde-1", "mozilla-2", "simplyfound-1", "tumblr"]:
        path = f"tests/fixtures/real/readability-test-pages/{slug}/source.html"
        out.append((f"http://fakehost/test/{slug}/page.html", path, read(path), "utf-8"))
    for name, url in sorted(MERCURY_URLS.items()):
        path = f"tests/fixtures/real/{MERCURY}/{name}.html"
        out.append((url, path, read(path), "utf-8"))
    return out


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def gbk_page():
    """The China Daily Chinese page re-encoded as GBK with its own charset meta removed,
    so only the HTTP header names the charset (what a GBK server sends)."""
    rel = "tests/fixtures/real/newspaper4k-tests/html/chinese_article_001.html"
    text = read(rel).decode("utf-8")
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
    assert meta in text
    text = text.replace(meta, "")
    return ("https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html", rel,
            text.encode("gbk"), "GBK")


class Clock:
    def __init__(self):
        self.t = START

    def next(self):
        self.t += timedelta(seconds=7)
        return self.t.strftime("%Y-%m-%dT%H:%M:%SZ")


def rid(url, kind):
    return f"<urn:uuid:{uuid.uuid5(NS, kind + ' ' + url)}>"


class Archive:
    """One WARC file being written (gzip per record or plain)."""

    def __init__(self, path, gz, version):
        self.buf = io.BytesIO()
        self.writer = WARCWriter(self.buf, gzip=gz, warc_version=version)
        self.path = path
        self.clock = Clock()
        self.manifest = []
        self.offsets = []

    def _write(self, rec):
        self.offsets.append(self.buf.tell())
        self.writer.write_record(rec)

    def warcinfo(self, name):
        info = {
            "software": "tools/make-warc/make_warc.py (warcio 1.8.1)",
            "format": "WARC File Format 1.0" if "1.0" in self.writer.warc_version else "WARC File Format 1.1",
            "description": "Tidings test fixture: real pages from tests/fixtures/real (see its README for provenance and licences) and the seed page's reconstruction",
            "isPartOf": "tidings-test-fixtures",
        }
        rec = self.writer.create_warcinfo_record(name, info)
        self._fix(rec, rid(name, "warcinfo"))
        self._write(rec)

    def _fix(self, rec, record_id, date=None):
        rec.rec_headers.replace_header("WARC-Record-ID", record_id)
        rec.rec_headers.replace_header("WARC-Date", date or self.clock.next())

    def exchange(self, url, status, headers, body, expect, source=None, request=True, metadata=True):
        """A request, its response and a metadata record, as Common Crawl writes them."""
        date = self.clock.next()
        host = url.split("/")[2]
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        if request:
            req_head = StatusAndHeaders(f"GET {path} HTTP/1.1", [
                ("User-Agent", "tidings-fixture-crawler/1.0"),
                ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
                ("Accept-Language", "en-US,en;q=0.5,zh-CN;q=0.3"),
                ("Host", host),
            ], is_http_request=True)
            rec = self.writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req_head)
            self._fix(rec, rid(url, "request"), date)
            self._write(rec)
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        rec = self.writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        self._fix(rec, rid(url, "response"), date)
        rec.rec_headers.add_header("WARC-Identified-Payload-Type", expect.get("payloadType", "text/html"))
        self._write(rec)
        if metadata:
            fields = f"fetchTimeMs: {40 + len(body) % 200}\r\ncharset-detected: {expect.get('charset', 'UTF-8')}\r\n".encode()
            rec = self.writer.create_warc_record(url, "metadata", payload=io.BytesIO(fields),
                                                 warc_content_type="application/warc-fields")
            self._fix(rec, rid(url, "metadata"), date)
            rec.rec_headers.add_header("WARC-Concurrent-To", rid(url, "response"))
            self._write(rec)
        entry = {"url": url, "warcRecordId": rid(url, "response"), "warcDate": date,
                 "status": int(status.split()[0])}
        if source:
            entry["source"] = source
        entry.update(expect)
        self.manifest.append(entry)

    def revisit(self, url, of_date, body, expect):
        """A revisit of an earlier capture (identical payload): headers only, no body."""
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = self.writer.create_revisit_record(
            url, digest="sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode(), refers_to_uri=url, refers_to_date=of_date, http_headers=http)
        date = self.clock.next()
        self._fix(rec, rid(url, "revisit"), date)
        self._write(rec)
        self.manifest.append({"url": url, "warcRecordId": rid(url, "revisit"), "warcDate": date,
                              "status": 200, **expect})

    def save(self):
        data = self.buf.getvalue()
        with open(self.path, "wb") as f:
            f.write(data)
        return data


def html_headers(charset, length=None, extra=()):
    h = [("Date", "Wed, 10 Jan 2024 02:31:00 GMT"), ("Server", "nginx")]
    if charset is not None:
        h.append(("Content-Type", f"text/html; charset={charset}"))
    h.extend(extra)
    return h


NOT_FOUND = (b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>"
             b"<h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>")
# Hand-written: a server's stock 404 body (no real page in the corpora is an error page).


def fill(archive, all_pages, small):
    seed_url, _, seed_body, _ = all_pages[0]
    for i, (url, src, body, cs) in enumerate(all_pages):
        if i == 1:
            # The GBK page second, early in every file.
            gurl, gsrc, gbody, gcs = gbk_page()
            archive.exchange(gurl, "200 OK", html_headers(gcs), gbody,
                             {"kind": "html", "charset": "GBK", "note": "GBK bytes, charset only in the HTTP header"},
                             source=gsrc)
        if i == 3:
            # No Content-Type at all: the body is sniffed as HTML.
            archive.exchange(url, "200 OK", [("Server", "Apache")], body,
                             {"kind": "html", "note": "no Content-Type header (sniffed)"}, source=src)
            continue
        if i == 4:
            # The body as the server sent it, gzip-compressed (as wget and warcprox keep it).
            archive.exchange(url, "200 OK", html_headers(cs, extra=[("Content-Encoding", "gzip")]),
                             gzip.compress(body, mtime=0),
                             {"kind": "html", "note": "HTTP body with Content-Encoding: gzip"}, source=src)
            continue
        archive.exchange(url, "200 OK", html_headers(cs), body, {"kind": "html"}, source=src)
        if small and i >= 5:
            break
    # Non-HTML responses, an error, a redirect and a revisit: all skipped.
    icon = read("extension/icons/icon-16.png")
    archive.exchange("https://www.shine.cn/static/images/icon-16.png", "200 OK",
                     [("Content-Type", "image/png"), ("Content-Length", str(len(icon)))], icon,
                     {"kind": "skip", "why": "not-html", "payloadType": "image/png"}, source="extension/icons/icon-16.png")
    meta = read("tests/fixtures/pages/shine-seed/meta.json")
    archive.exchange("https://www.shine.cn/api/news/2301104951.json", "200 OK",
                     [("Content-Type", "application/json; charset=utf-8")], meta,
                     {"kind": "skip", "why": "not-html", "payloadType": "application/json"},
                     source="tests/fixtures/pages/shine-seed/meta.json")
    archive.exchange("https://www.shine.cn/news/nation/missing/", "404 Not Found", html_headers("utf-8"), NOT_FOUND,
                     {"kind": "skip", "why": "status"})
    archive.exchange("http://www.shine.cn/news/nation/2301104951/", "301 Moved Permanently",
                     [("Location", seed_url), ("Content-Length", "0")], b"",
                     {"kind": "skip", "why": "status"})
    archive.revisit(seed_url, archive.manifest[0]["warcDate"], seed_body, {"kind": "skip", "why": "revisit"})


def main():
    all_pages = pages()
    # The seed + 22 real pages; the 23rd real page, GBK, is added in fill(). (The 24th,
    # newspaper4k's ap_meta_refresh.html, is left out: its address is not known.)
    assert len(all_pages) == 23, len(all_pages)
    big = Archive(os.path.join(OUT, "sample.warc.gz"), True, "WARC/1.0")
    big.warcinfo("sample.warc.gz")
    fill(big, all_pages, small=False)
    gz = big.save()
    small = Archive(os.path.join(OUT, "sample.warc"), False, "WARC/1.1")
    small.warcinfo("sample.warc")
    fill(small, all_pages, small=True)
    plain = small.save()
    # Truncated copies: cut in the middle of the fourth response record (record 11:
    # the warcinfo, then request/response/metadata per exchange).
    cut_gz = big.offsets[11] + (big.offsets[12] - big.offsets[11]) // 2
    with open(os.path.join(OUT, "truncated.warc.gz"), "wb") as f:
        f.write(gz[:cut_gz])
    cut_plain = small.offsets[11] + (small.offsets[12] - small.offsets[11]) // 2
    with open(os.path.join(OUT, "truncated.warc"), "wb") as f:
        f.write(plain[:cut_plain])
    manifest = {
        "sample.warc.gz": big.manifest,
        "sample.warc": small.manifest,
        "truncated.warc.gz": {"bytes": cut_gz, "completeRecords": 11, "completeResponses": big.manifest[:3]},
        "truncated.warc": {"bytes": cut_plain, "completeRecords": 11, "completeResponses": small.manifest[:3]},
    }
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for name in ["sample.warc.gz", "sample.warc", "truncated.warc.gz", "truncated.warc"]:
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
