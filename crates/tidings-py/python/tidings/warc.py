"""Articles from the HTML ``response`` records of web archives (WARC files).

``extract_warc`` takes an iterator of records from fastwarc's or warcio's
``ArchiveIterator`` and yields one dict per HTML response with status 200,
like ``tidings extract --warc``: the article's fields plus ``url``
(WARC-Target-URI), ``warcRecordId`` and ``warcDate``, or those three with an
``error`` (``{"code", "message"}``) for that record; the run goes on. A record
cut short (a truncated file) gives a ``bad-warc`` error. ``read_warc`` opens
a file (plain or gzip per record) with fastwarc, or warcio when fastwarc is
not installed.
"""

from __future__ import annotations

import gzip
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

from ._tidings import TidingsError, extract

#: Media types taken as web pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")

#: How the WHATWG MIME sniffing algorithm recognises HTML in a response
#: without a Content-Type: after leading whitespace, one of these (ASCII
#: case-insensitive) followed by a space or ``>``.
HTML_SIGNATURES = (
    b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1", b"<div",
    b"<font", b"<table", b"<a", b"<style", b"<title", b"<b", b"<body", b"<br", b"<p",
)


class Page(NamedTuple):
    """What one HTML response record holds, read off either reader's record."""

    url: Optional[str]
    record_id: Optional[str]
    date: Optional[str]
    content_type: Optional[str]
    body: bytes
    #: Why the record is unusable (``bad-warc``: cut short), else None.
    damage: Optional[str]


def _looks_html(body: bytes) -> bool:
    head = body[:512].lstrip(b" \t\n\r\x0c").lower()
    if head.startswith(b"<!--"):
        return True
    return any(
        head.startswith(sig) and head[len(sig) : len(sig) + 1] in (b" ", b">")
        for sig in HTML_SIGNATURES
    )


def _dechunk(data: bytes) -> bytes:
    """A ``Transfer-Encoding: chunked`` body's payload; the bytes unchanged if they are not chunked."""
    out, pos = [], 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            return data
        try:
            size = int(data[pos:end].split(b";")[0].strip(), 16)
        except ValueError:
            return data
        if size == 0:
            return b"".join(out)
        out.append(data[end + 2 : end + 2 + size])
        pos = end + 2 + size + 2


def _decode_content(body: bytes, encoding: str) -> bytes:
    """Undoes ``Content-Encoding`` gzip or deflate (the bytes unchanged when they are not)."""
    encoding = encoding.strip().lower()
    try:
        if encoding in ("gzip", "x-gzip") and body[:2] == b"\x1f\x8b":
            return gzip.decompress(body)
        if encoding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)
    except (OSError, EOFError, zlib.error):
        pass
    return body


def _fastwarc_page(record: Any) -> Optional[Page]:
    if str(record.record_type) != "response":
        return None
    record.parse_http()
    http = record.http_headers
    if http is None or http.status_code != 200:
        return None
    raw = record.reader.read()
    damage = None
    if len(raw) < record.content_length:
        damage = f"the record is cut short: {len(raw)} of {record.content_length} payload bytes"
    headers = record.headers
    return _page(
        headers.get("WARC-Target-URI"),
        record.record_id,
        headers.get("WARC-Date"),
        http.get("Content-Type"),
        http.get("Content-Encoding"),
        http.get("Transfer-Encoding"),
        raw,
        damage,
    )


def _warcio_page(record: Any) -> Optional[Page]:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    http = record.http_headers
    if http.get_statuscode() != "200":
        return None
    stream = record.raw_stream
    raw = stream.read()
    left = getattr(stream, "limit", 0)
    damage = f"the record is cut short: {left} payload bytes missing" if left else None
    headers = record.rec_headers
    return _page(
        headers.get_header("WARC-Target-URI"),
        headers.get_header("WARC-Record-ID"),
        headers.get_header("WARC-Date"),
        http.get_header("Content-Type"),
        http.get_header("Content-Encoding"),
        http.get_header("Transfer-Encoding"),
        raw,
        damage,
    )


def _page(url, record_id, date, content_type, content_encoding, transfer_encoding, raw, damage):
    body = raw
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        body = _dechunk(body)
    if content_encoding:
        body = _decode_content(body, content_encoding)
    if content_type:
        media = content_type.split(";", 1)[0].strip().lower()
        if media not in HTML_TYPES:
            return None
    elif not _looks_html(body):
        return None
    return Page(url, record_id, date, content_type, body, damage)


def page_of(record: Any) -> Optional[Page]:
    """The HTML page a record holds, or None for any other record (request,
    metadata, revisit, a redirect, an image). Takes fastwarc's and warcio's records."""
    if hasattr(record, "record_type") and hasattr(record, "reader"):
        return _fastwarc_page(record)
    if hasattr(record, "rec_type"):
        return _warcio_page(record)
    raise TypeError(f"not a WARC record of fastwarc or warcio: {type(record).__name__}")


def _result(page: Page, force: bool) -> dict:
    where = {"url": page.url, "warcRecordId": page.record_id, "warcDate": page.date}
    if page.damage:
        return {**where, "error": {"code": "bad-warc", "message": page.damage}}
    try:
        article = extract(page.body, page.url, force=force, content_type=page.content_type)
    except TidingsError as e:
        return {**where, "error": {"code": e.code, "message": str(e)}}
    article.update(where)
    return article


def _pages(records: Iterable[Any]) -> Iterator[Page]:
    """The HTML pages of the records; a reader that fails mid-file ends with a
    ``bad-warc`` page after every page read before it."""
    it = iter(records)
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except Exception as e:  # the reader's own error on a damaged stream
            reason = "".join(c if c.isprintable() else "?" for c in str(e)[:200])
            yield Page(None, None, None, None, b"", f"the WARC stream cannot be read on: {reason}")
            return
        page = page_of(record)
        if page is not None:
            yield page


def extract_warc(
    records: Iterable[Any], *, force: bool = False, threads: int = 1
) -> Iterator[dict]:
    """One dict per HTML response record with status 200, in record order.

    ``threads`` > 1 extracts that many pages at a time (the GIL is released
    while extracting), reading ahead at most ``2 * threads`` records.
    """
    if threads <= 1:
        for page in _pages(records):
            yield _result(page, force)
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        window: deque = deque()
        for page in _pages(records):
            window.append(pool.submit(_result, page, force))
            if len(window) >= 2 * threads:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _archive_iterator() -> Callable[[Any], Iterable[Any]]:
    """fastwarc's ArchiveIterator, else warcio's; ImportError when neither is installed."""
    try:
        from fastwarc.warc import ArchiveIterator

        return ArchiveIterator
    except ImportError:
        pass
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator

        return WarcioIterator
    except ImportError:
        raise ImportError("read_warc needs fastwarc or warcio: pip install fastwarc") from None


def _records(path: str, iterator: Callable[[Any], Iterable[Any]]) -> Iterator[Any]:
    with open(path, "rb") as f:
        yield from iterator(f)


def read_warc(path: str, *, force: bool = False, threads: int = 1) -> Iterator[dict]:
    """``extract_warc`` over a WARC file (plain, or gzip per record), read with
    fastwarc if it is installed, else warcio."""
    return extract_warc(_records(path, _archive_iterator()), force=force, threads=threads)


__all__ = ["extract_warc", "page_of", "read_warc", "Page", "HTML_TYPES", "HTML_SIGNATURES"]
