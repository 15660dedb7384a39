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

import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional, Tuple

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


#: Largest page taken, decoded (the core's input limit, 64 MiB).
MAX_PAGE = 64 << 20


class Page(NamedTuple):
    """What one HTML response record holds, read off either reader's record."""

    url: Optional[str]
    record_id: Optional[str]
    date: Optional[str]
    content_type: Optional[str]
    body: bytes
    #: ``(code, message)`` when the record cannot be extracted (cut short,
    #: an HTTP body that does not decode), else None.
    error: Optional[Tuple[str, str]]


def _looks_html(body: bytes) -> bool:
    head = body[:512].removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\n\r\x0c").lower()
    if head.startswith(b"<!--"):
        return True
    return any(
        head.startswith(sig) and head[len(sig) : len(sig) + 1] in (b" ", b">")
        for sig in HTML_SIGNATURES
    )


def _dechunk(data: bytes) -> Optional[bytes]:
    """A ``Transfer-Encoding: chunked`` body's payload; None when it does not parse."""
    out, pos = [], 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            return None
        try:
            size = int(data[pos:end].split(b";")[0].strip(), 16)
        except ValueError:
            return None
        if size == 0:
            return b"".join(out)
        chunk = data[end + 2 : end + 2 + size]
        if len(chunk) < size or data[end + 2 + size : end + 4 + size] != b"\r\n":
            return None
        out.append(chunk)
        pos = end + 4 + size


def _decompress(body: bytes, encoding: str) -> Tuple[Optional[bytes], Optional[Tuple[str, str]]]:
    """Undoes a ``Content-Encoding`` (gzip or deflate), decoding at most ``MAX_PAGE`` bytes."""
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    else:
        return None, ("unsupported-encoding", f"the body's Content-Encoding {encoding!r} is not supported (gzip and deflate are)")
    try:
        out = inflater.decompress(body, MAX_PAGE + 1)
    except zlib.error as e:
        return None, ("bad-http", f"the {encoding} body does not decode: {e}")
    if len(out) > MAX_PAGE:
        return None, ("too-large", f"the page decompresses to over {MAX_PAGE} bytes, the limit")
    return out, None


def _media_type(value: Optional[str]) -> Optional[str]:
    return value.split(";", 1)[0].strip().lower() if value else None


def _fastwarc_page(record: Any) -> Optional[Page]:
    if str(record.record_type) != "response":
        return None
    record.parse_http()
    http = record.http_headers
    if http is None or http.status_code != 200:
        return None
    headers = record.headers
    fields = (headers.get("WARC-Target-URI"), record.record_id, headers.get("WARC-Date"))
    return _page(fields, http.get, headers.get("WARC-Identified-Payload-Type"), record.content_length, record.reader.read)


def _warcio_page(record: Any) -> Optional[Page]:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    http = record.http_headers
    if http.get_statuscode() != "200":
        return None
    headers = record.rec_headers
    fields = (
        headers.get_header("WARC-Target-URI"),
        headers.get_header("WARC-Record-ID"),
        headers.get_header("WARC-Date"),
    )
    stream = record.raw_stream
    # warcio's body reader counts down the bytes the record declares.
    length = getattr(stream, "limit", None)
    return _page(fields, http.get_header, headers.get_header("WARC-Identified-Payload-Type"), length, stream.read)


def _page(fields, http_header, identified, length, read) -> Optional[Page]:
    """The page of a status-200 response, from its HTTP header lookup and body reader."""
    url, record_id, date = fields
    content_type = http_header("Content-Type")
    first = read(512)
    if content_type or identified:
        if _media_type(content_type or identified) not in HTML_TYPES:
            return None
    elif not _looks_html(first):
        return None
    if length is not None and length > MAX_PAGE:
        return Page(url, record_id, date, content_type, b"", ("too-large", f"the page is {length} bytes; the limit is {MAX_PAGE} bytes"))
    raw = first + read(MAX_PAGE + 1 - len(first))
    if len(raw) > MAX_PAGE:
        return Page(url, record_id, date, content_type, b"", ("too-large", f"the page is over {MAX_PAGE} bytes, the limit"))
    if length is not None and len(raw) < length:
        return Page(url, record_id, date, content_type, b"", ("bad-warc", f"the record is cut short: {len(raw)} of {length} payload bytes"))
    body, error = raw, None
    transfer = (http_header("Transfer-Encoding") or "").lower()
    if "chunked" in transfer:
        body = _dechunk(body)
        if body is None:
            return Page(url, record_id, date, content_type, b"", ("bad-http", "a chunked body that does not parse"))
    encoding = (http_header("Content-Encoding") or "").strip().lower()
    if encoding and encoding != "identity":
        body, error = _decompress(body, encoding)
    return Page(url, record_id, date, content_type, body or b"", error)


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
    if page.error:
        code, message = page.error
        return {**where, "error": {"code": code, "message": message}}
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
            yield Page(None, None, None, None, b"", ("bad-warc", f"the WARC stream cannot be read on: {reason}"))
            return
        page = page_of(record)
        if page is not None:
            yield page


def extract_warc(
    records: Iterable[Any], *, force: bool = False, threads: int = 1
) -> Iterator[dict]:
    """One dict per HTML response record with status 200, in record order.

    Records as fastwarc's or warcio's ``ArchiveIterator`` gives them by
    default (fastwarc's ``auto_decode="none"``): chunked and gzip or deflate
    bodies are undone here, with the page limit as cap, as the CLI does.

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
