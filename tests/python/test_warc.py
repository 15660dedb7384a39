"""WARC input on the fixtures of tests/fixtures/warc (built from real pages):
both readers, every HTML response in order, charsets, encodings, damage."""

import gzip
import io
import subprocess

import pytest
import tidings
from conftest import FIXTURES, REAL, WARC, cli_json

READERS = ["fastwarc", "warcio"]


def records(path, reader):
    if reader == "fastwarc":
        from fastwarc.warc import ArchiveIterator
    else:
        from warcio.archiveiterator import ArchiveIterator
    with open(path, "rb") as f:
        yield from ArchiveIterator(f)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", ["sample.warc.gz", "sample.warc"])
def test_every_html_response_in_order(manifest, name, reader):
    want = [r for r in manifest[name] if r["kind"] == "html"]
    rows = list(tidings.extract_warc(records(WARC / name, reader)))
    assert [(r["url"], r["warcRecordId"], r["warcDate"]) for r in rows] == [
        (w["url"], w["warcRecordId"], w["warcDate"]) for w in want
    ]
    for row, w in zip(rows, want):
        if "error" in row:
            continue
        # The same article as the page's own file gives (at its address).
        source = FIXTURES.parent.parent / w["source"]
        assert row["text"] == tidings.extract(source.read_bytes(), w["url"])["text"], w["source"]
    assert sum("error" not in r for r in rows) >= len(want) - 1


@pytest.mark.parametrize("reader", READERS)
def test_charset_from_the_http_header_and_gzip_bodies(manifest, reader):
    rows = {r["url"]: r for r in tidings.extract_warc(records(WARC / "sample.warc.gz", reader))}
    by_note = {w.get("note", ""): w for w in manifest["sample.warc.gz"]}
    # GBK bytes whose only charset is the HTTP header's.
    gbk = next(w for n, w in by_note.items() if "GBK" in n)
    original = tidings.extract((REAL / "newspaper4k-tests/html/chinese_article_001.html").read_bytes(), gbk["url"])
    assert rows[gbk["url"]]["text"] == original["text"]
    assert rows[gbk["url"]]["title"] == original["title"]
    # A body sent with Content-Encoding: gzip, and one without a Content-Type (sniffed).
    for key in ("Content-Encoding", "no Content-Type"):
        w = next(w for n, w in by_note.items() if key in n)
        assert "error" not in rows[w["url"]] and len(rows[w["url"]]["text"]) > 500, key


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", ["truncated.warc.gz", "truncated.warc"])
def test_a_truncated_file_keeps_what_was_read(manifest, name, reader):
    rows = list(tidings.extract_warc(records(WARC / name, reader)))
    full = [r for r in manifest[name.replace("truncated", "sample")] if r["kind"] == "html"]
    whole = rows[:-1]
    assert [r["url"] for r in whole] == [w["url"] for w in full[: len(whole)]]
    assert len(whole) == 3 and all("error" not in r for r in whole)
    assert rows[-1]["error"]["code"] == "bad-warc"
    assert rows[-1]["url"] == full[3]["url"]


def test_threads_keep_the_order():
    one = list(tidings.read_warc(str(WARC / "sample.warc.gz")))
    assert list(tidings.read_warc(str(WARC / "sample.warc.gz"), threads=3)) == one


@pytest.mark.parametrize("reader", READERS)
def test_a_damaged_stream_ends_with_an_error(manifest, tmp_path, reader):
    # Half the file, then a gzip member that is not a WARC record and junk:
    # both readers raise, and the pages read before stay.
    data = (WARC / "sample.warc.gz").read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[: len(data) // 2] + gzip.compress(b"WARC/1.0\r\nnot a header\r\n\r\n") + b"junk")
    rows = list(tidings.extract_warc(records(bad, reader)))
    want = [w["url"] for w in manifest["sample.warc.gz"] if w["kind"] == "html"]
    assert len(rows) > 5 and [r["url"] for r in rows[:-1]] == want[: len(rows) - 1]
    assert all("error" not in r for r in rows[:-1])
    assert rows[-1]["error"]["code"] == "bad-warc"
    assert rows[-1]["error"]["message"].isprintable() and len(rows[-1]["error"]["message"]) <= 300


def test_same_as_the_cli_warc_command(cli):
    help_text = subprocess.run([str(cli), "extract", "--help"], capture_output=True, text=True).stdout
    if "--warc" not in help_text:
        pytest.skip("this CLI has no --warc yet")
    for name in ("sample.warc.gz", "truncated.warc"):
        path = WARC / name
        cli_rows = cli_json(cli, "--warc", str(path), lines=True)
        py_rows = list(tidings.read_warc(str(path)))
        for row in cli_rows:
            row.pop("file", None)
        assert [r["warcRecordId"] for r in py_rows] == [r["warcRecordId"] for r in cli_rows]
        for a, b in zip(py_rows, cli_rows):
            if "error" in a or "error" in b:
                assert a["error"]["code"] == b["error"]["code"]
            else:
                assert a == b


def _response(writer, url, body, **headers):
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders("200 OK", list(headers.items()), protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


@pytest.mark.parametrize("reader", READERS)
def test_hostile_bodies_are_errors_like_the_cli(cli, tmp_path, reader):
    # No real page in the corpora is a decompression bomb or an unknown
    # encoding: these records are made here, around a real page.
    from warcio.warcwriter import WARCWriter

    page = (REAL / "readability-test-pages" / "tumblr" / "source.html").read_bytes()
    path = tmp_path / "hostile.warc.gz"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        html = {"Content-Type": "text/html; charset=utf-8"}
        _response(w, "http://a.example/bomb", gzip.compress(b" " * (65 << 20)), **html, **{"Content-Encoding": "gzip"})
        _response(w, "http://a.example/br", b"\x1b\x00\x00", **html, **{"Content-Encoding": "br"})
        _response(w, "http://a.example/bad-gzip", b"\x1f\x8b" + b"\x00" * 40, **html, **{"Content-Encoding": "gzip"})
        _response(w, "http://a.example/chunked", b"%x\r\n%s\r\n0\r\n\r\n" % (len(page), page), **html, **{"Transfer-Encoding": "chunked"})
    rows = list(tidings.extract_warc(records(path, reader)))
    codes = [r.get("error", {}).get("code") for r in rows]
    assert codes == ["too-large", "unsupported-encoding", "bad-http", None]
    assert rows[3]["text"] == tidings.extract(page, "http://a.example/chunked")["text"]
    cli_rows = cli_json(cli, "--warc", str(path), lines=True)
    assert [r.get("error", {}).get("code") for r in cli_rows] == codes
