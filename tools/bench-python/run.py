"""Python benchmark: the tidings wheel against trafilatura 2.3.1 and
resiliparse's main-content extraction, on the shared corpora's real pages, in
one run: pages a second (1, 2 and 4 threads, and per core) and body F1.

    tools/bench-python/run.sh            # set up the venv, build the wheel, run this
    python tools/bench-python/run.py [--corpora DIR] [--repeat N] [--threads 1,2,4]

Each extractor gets the page's bytes and its address. Speed: every page once
per pass, in a thread pool of N threads; the best of --repeat passes (the
machine is shared, so the fastest pass is the least disturbed). "per core" is
pages per CPU-second of the process (all threads), which a busy machine
disturbs less than the wall clock.
Body F1: token F1 of the plain text against the expected text, tokenized as
tidings-eval does (src/bin/tidings-eval/score.rs: lower-cased, punctuation
stripped, one token per CJK character), on the pages whose expected text is
an article (Readability's expected.html and newspaper4k's txt/); a page
where a tool finds nothing scores 0. Mercury's fixtures (no full expected
text) count for speed only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAKEHOST = "http://fakehost/test/page.html"
#: Pages whose expected text is not an article (as in tidings-eval's corpus.rs).
NON_ARTICLES = {("readability-test-pages", "nytimes-5")}
NON_ARTICLE_STEMS = ("_main_site", "sample_rss", "_meta_refresh")
#: A Readability page marked not readerable with fewer expected words is a unit-test snippet.
SNIPPET_WORDS = 10


# ---------------------------------------------------------------- scoring


def is_cjk(c: str) -> bool:
    o = ord(c)
    return (
        0x3040 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
    )


def is_punct(c: str) -> bool:
    o = ord(c)
    return (
        (o < 128 and not c.isalnum() and not c.isspace() and c.isprintable())
        or 0x00A1 <= o <= 0x00BF
        or o in (0xD7, 0xF7, 0x060C, 0x061B, 0x061F, 0x06D4, 0x0964, 0x0965, 0x30FB)
        or 0x055A <= o <= 0x055F
        or 0x066A <= o <= 0x066D
        or 0x2010 <= o <= 0x205E
        or 0x2E00 <= o <= 0x2E7F
        or 0x3001 <= o <= 0x303F
        or 0xFE10 <= o <= 0xFE1F
        or 0xFE30 <= o <= 0xFE6F
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
    )


def tokenize(text: str) -> list[str]:
    out, word = [], []
    for c in text:
        if c.isspace() or c in "\u200b\ufeff":
            if word:
                out.append("".join(word))
                word = []
        elif is_cjk(c):
            if word:
                out.append("".join(word))
                word = []
            out.append(c)
        elif not is_punct(c):
            word.append(c.lower())
    if word:
        out.append("".join(word))
    return out


def f1(got: str, expected: str) -> float:
    g, e = tokenize(got), tokenize(expected)
    if not g and not e:
        return 1.0
    if not g or not e:
        return 0.0
    common = sum((Counter(g) & Counter(e)).values())
    if common == 0:
        return 0.0
    p, r = common / len(g), common / len(e)
    return 2 * p * r / (p + r)


class _Text(HTMLParser):
    """The text of an expected.html, with blocks apart."""

    BLOCKS = {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "blockquote", "pre", "section", "article", "figure", "figcaption", "dd", "dt",
        "header", "footer", "hr", "img",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    return "".join(p.parts)


# ---------------------------------------------------------------- pages


def load_pages(corpora: Path) -> list[dict]:
    """Every page: {name, path, url, expected (text or None)}."""
    pages = []
    moz = corpora / "readability-test-pages"
    for d in sorted(p for p in moz.iterdir() if (p / "source.html").is_file()):
        exp_html = d / "expected.html"
        expected = html_text(exp_html.read_text(encoding="utf-8")) if exp_html.is_file() else ""
        meta = d / "expected-metadata.json"
        readerable = json.loads(meta.read_text()).get("readerable") if meta.is_file() else None
        snippet = readerable is False and len(tokenize(expected)) < SNIPPET_WORDS
        article = expected.strip() and not snippet and ("readability-test-pages", d.name) not in NON_ARTICLES
        pages.append(dict(name=f"readability/{d.name}", path=d / "source.html", url=FAKEHOST, expected=expected if article else None))
    np4k = corpora / "newspaper4k-tests"
    for src in sorted((np4k / "html").glob("*.html")):
        txt = np4k / "txt" / f"{src.stem}.txt"
        meta = np4k / "metadata" / f"{src.stem}.json"
        url = json.loads(meta.read_text()).get("url") if meta.is_file() else None
        expected = txt.read_text(encoding="utf-8") if txt.is_file() else ""
        article = expected.strip() and not any(src.stem.endswith(s) or src.stem == s for s in NON_ARTICLE_STEMS)
        pages.append(dict(name=f"newspaper4k/{src.stem}", path=src, url=url or f"https://example.org/{src.stem}", expected=expected if article else None))
    mercury = corpora / "mercury-parser-fixtures"
    cases = json.loads((mercury / "expected.json").read_text())
    for case in cases if isinstance(cases, list) else cases.values():
        path = mercury / case["fixture"] if "fixture" in case else None
        if path is not None and path.is_file():
            pages.append(dict(name=f"mercury/{path.stem}", path=path, url=case.get("url"), expected=None))
    for p in pages:
        p["bytes"] = p["path"].read_bytes()
    return pages


# ---------------------------------------------------------------- extractors


def tidings_text(data: bytes, url: str | None) -> str:
    import tidings

    try:
        return tidings.extract(data, url)["text"]
    except tidings.TidingsError:
        return ""


def trafilatura_text(data: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(data, url=url) or ""


def trafilatura_meta_text(data: bytes, url: str | None) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    return (doc.text if doc is not None else "") or ""


def resiliparse_text(data: bytes, url: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse_from_bytes(data, detect_encoding(data))
    return extract_plain_text(tree, main_content=True)


def available() -> list[tuple[str, object, str]]:
    """(name, function, version) of each extractor that imports here."""
    out = []
    for name, fn, module in [
        ("tidings", tidings_text, "tidings"),
        ("trafilatura (text)", trafilatura_text, "trafilatura"),
        ("trafilatura (text+metadata)", trafilatura_meta_text, "trafilatura"),
        ("resiliparse (main content)", resiliparse_text, "resiliparse"),
    ]:
        try:
            from importlib.metadata import version

            __import__(module)
            out.append((name, fn, version(module)))
        except ImportError as e:
            print(f"skipping {name}: {e}", file=sys.stderr)
    return out


def timed_pass(fn, pages: list[dict], threads: int) -> tuple[float, float, list[str]]:
    """Wall-clock and CPU seconds (all threads) of one pass, and the texts."""
    def one(p):
        try:
            return fn(p["bytes"], p["url"])
        except Exception:  # a tool's crash on a page scores that page 0
            return ""

    t, cpu = time.perf_counter(), time.process_time()
    if threads == 1:
        texts = [one(p) for p in pages]
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            texts = list(pool.map(one, pages))
    return time.perf_counter() - t, time.process_time() - cpu, texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default=os.environ.get("TIDINGS_CORPORA", str(ROOT.parent / "shared" / "corpora")))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", default="1,2,4")
    ap.add_argument("--tools", help="comma-separated name prefixes to run (default: all)")
    args = ap.parse_args()
    corpora = Path(args.corpora)
    if not corpora.is_dir():
        print(f"skipped: no corpora at {corpora} (set TIDINGS_CORPORA)")
        return 0
    pages = load_pages(corpora)
    scored = [p for p in pages if p["expected"] is not None]
    threads = [int(t) for t in args.threads.split(",")]
    cores = os.cpu_count() or 1
    mb = sum(len(p["bytes"]) for p in pages) / 1e6
    print(f"{len(pages)} pages ({mb:.1f} MB; {len(scored)} with an expected article text), "
          f"{cores} cores, Python {sys.version.split()[0]}, best of {args.repeat} passes\n")
    rows = []
    tools = [t for t in available() if not args.tools or any(t[0].startswith(x) for x in args.tools.split(","))]
    for name, fn, version in tools:
        timed_pass(fn, pages[:10], 1)  # warm-up: imports, caches
        speeds, per_cpu, busy, texts = {}, {}, {}, None
        for n in threads:
            passes = [timed_pass(fn, pages, n) for _ in range(args.repeat)]
            texts = texts or passes[0][2]
            wall, wall_cpu, _ = min(passes, key=lambda p: p[0])
            speeds[n] = len(pages) / wall
            per_cpu[n] = len(pages) / min(p[1] for p in passes)
            busy[n] = wall_cpu / wall
        by_page = {p["name"]: t for p, t in zip(pages, texts)}
        f1s = [f1(by_page[p["name"]], p["expected"]) for p in scored]
        empty = sum(not by_page[p["name"]].strip() for p in scored)
        rows.append((name, version, speeds, per_cpu, busy, statistics.mean(f1s), statistics.median(f1s), empty))

    head = (["extractor", "version"] + [f"p/s {n} thr" for n in threads]
            + [f"p/CPU-s {n} thr" for n in threads] + [f"busy {n} thr" for n in threads]
            + ["body F1 mean", "median", "empty"])
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, version, speeds, per_cpu, busy, mean, median, empty in rows:
        cells = ([name, version] + [f"{speeds[n]:.0f}" for n in threads]
                 + [f"{per_cpu[n]:.0f}" for n in threads] + [f"{busy[n]:.2f}" for n in threads]
                 + [f"{mean:.3f}", f"{median:.3f}", str(empty)])
        print("| " + " | ".join(cells) + " |")
    print("\np/s: pages a second, wall clock; p/CPU-s: pages per CPU-second of all threads (per core);"
          "\nbusy: CPU-seconds per second, the cores the process kept busy (at most min(threads, cores),"
          "\nat most 1 for code that holds the GIL).")
    base = next((r for r in rows if r[0] == "trafilatura (text)"), None)
    ours = next((r for r in rows if r[0] == "tidings"), None)
    if base and ours:
        one, top = threads[0], max(threads)
        print(f"tidings / trafilatura (text): {ours[3][one] / base[3][one]:.1f}× per core ({one} thread), "
              f"{ours[2][top] / base[2][top]:.1f}× wall clock at {top} threads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
