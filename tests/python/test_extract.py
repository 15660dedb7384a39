"""The wheel's extract/readerable/cite/styles against the CLI, on real pages."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import tidings
from conftest import FIXTURES, REAL, cli_json, corpora

SEED_URL = "https://www.shine.cn/news/nation/2301104951/"
SEED_HTML = FIXTURES / "pages" / "shine-seed" / "source.html"
SEED_TEXT = FIXTURES / "seed" / "000_cb51aec823b6ec93.txt"
#: Chinese licence and registration footer markers of the seed page.
FOOTER_MARKERS = ("ICP", "公网安备", "互联网新闻信息服务许可证", "网络视听许可证", "All Rights Reserved")

#: Real pages (tests/fixtures/real) with the address they were published at.
REAL_PAGES = [
    ("readability-test-pages/gmw/source.html", "http://fakehost/test/page.html"),
    ("readability-test-pages/lemonde-1/source.html", "http://fakehost/test/page.html"),
    ("readability-test-pages/herald-sun-1/source.html", "http://fakehost/test/page.html"),
    ("mercury-parser-fixtures/fixtures/www.reuters.com.html", "https://www.reuters.com/"),
    ("mercury-parser-fixtures/fixtures/buzzap.jp.html", "https://buzzap.jp/"),
    ("mercury-parser-fixtures/fixtures/www.npr.org.html", "https://www.npr.org/"),
    ("newspaper4k-tests/html/chinese_article_001.html", None),
]


def test_seed_text_dump_loses_its_licence_footers():
    article = tidings.extract(SEED_TEXT.read_text(), SEED_URL, input="text")
    assert article["title"] == "Chinese FM holds phone talks with S. Korean counterpart"
    assert article["text"].startswith("Chinese Foreign Minister Qin Gang on Monday held")
    assert "exchanged Spring Festival greetings" in article["text"]
    for marker in FOOTER_MARKERS:
        assert marker not in article["text"], marker


def test_seed_page_metadata_and_footers(cli):
    article = tidings.extract(SEED_HTML.read_bytes(), SEED_URL)
    assert article["source"] == "Xinhua"
    assert article["siteName"] == "Shanghai Daily"
    assert article["publishedTime"] == "2023-01-10T10:31:00+08:00"
    for marker in FOOTER_MARKERS:
        assert marker not in article["text"], marker
    # The footers are reported as removed clutter, with the rule that caught them.
    removed = " ".join(r["text"] for r in article["removed"])
    assert "ICP" in removed
    assert article == cli_json(cli, "--url", SEED_URL, str(SEED_HTML))[0]


@pytest.mark.parametrize("rel,url", REAL_PAGES, ids=[p for p, _ in REAL_PAGES])
def test_same_fields_as_the_cli(cli, rel, url):
    path = REAL / rel
    args = (["--url", url] if url else []) + [str(path)]
    expected = cli_json(cli, *args)[0]
    assert tidings.extract(path.read_bytes(), url) == expected
    # str input gives the same article as bytes for these UTF-8 pages.
    assert tidings.extract(path.read_text(encoding="utf-8"), url) == expected


def test_same_as_the_cli_on_the_shared_corpus(cli):
    root = corpora()
    if root is None:
        pytest.skip("no ../shared/corpora (set TIDINGS_CORPORA)")
    pages = sorted((root / "readability-test-pages").glob("*/source.html"))[:40]
    rows = cli_json(cli, "--url", "http://fakehost/test/page.html", *map(str, pages), lines=True)
    assert len(rows) == len(pages)
    compared = 0
    for page, row in zip(pages, rows):
        assert row.pop("file") == str(page)
        try:
            got = tidings.extract(page.read_bytes(), "http://fakehost/test/page.html")
        except tidings.TidingsError as e:
            assert row["error"]["code"] == e.code
            continue
        assert got == row, page
        compared += 1
    assert compared >= 30


def test_bytes_use_the_header_charset_then_the_page():
    page = REAL / "readability-test-pages" / "gmw" / "source.html"
    html = page.read_text(encoding="utf-8")
    expected = tidings.extract(html)
    assert expected["text"].startswith("翱翔于距地球数千公里的太空中")
    gb = html.encode("gb18030")
    # The page says utf-8 in its <meta>: the HTTP header's charset wins.
    assert tidings.extract(gb, content_type="text/html; charset=GB18030") == expected
    assert tidings.extract(gb)["text"] != expected["text"]
    # A <meta charset> within the first 1024 bytes (where this page has none)
    # names the real charset: no header is needed.
    declared = html.replace("<head>", '<head><meta charset="gb18030">', 1).encode("gb18030")
    assert declared != gb
    assert tidings.extract(declared)["text"] == expected["text"]
    # A stale legacy label on UTF-8 bytes does not garble them.
    assert tidings.extract(html.encode(), content_type="text/html; charset=iso-8859-1") == expected
    assert tidings.readerable(gb) == tidings.readerable(html)


def test_errors_have_the_core_codes():
    home = (REAL / "readability-test-pages" / "tumblr" / "source.html").read_text()
    with pytest.raises(tidings.NoArticleError) as e:
        tidings.extract("<html><body><nav><a href=/a>A</a> <a href=/b>B</a></nav></body></html>")
    assert e.value.code == "no-article" and isinstance(e.value, tidings.TidingsError)
    png = (FIXTURES / "warc").parent.parent.parent / "extension" / "icons"
    binary = next(png.glob("*.png")).read_bytes() if png.is_dir() else bytes(range(256)) * 16
    with pytest.raises(tidings.NotHtmlError) as e:
        tidings.extract(binary)
    assert e.value.code == "not-html"
    # Hostile input (no real page nests 2,000 deep): the depth limit, not a crash.
    with pytest.raises(tidings.TooDeepError) as e:
        tidings.extract("<div>" * 2000 + "x")
    assert e.value.code == "too-deep"
    with pytest.raises(tidings.TooLargeError) as e:
        tidings.extract(home * (65 * 2**20 // len(home) + 1))
    assert e.value.code == "too-large"
    with pytest.raises(TypeError):
        tidings.extract(42)
    with pytest.raises(ValueError):
        tidings.extract(home, input="pdf")
    assert tidings.NoArticleError.code == "no-article"


def test_force_answers_on_a_page_without_an_article():
    nav = "<html><body><ul>" + "".join(f"<li><a href=/{i}>Story {i} headline here</a></li>" for i in range(30)) + "</ul></body></html>"
    with pytest.raises(tidings.NoArticleError):
        tidings.extract(nav)
    assert "Story 3 headline" in tidings.extract(nav, force=True)["text"]


def test_cite_matches_the_cli(cli):
    import subprocess

    article = tidings.extract(SEED_HTML.read_bytes(), SEED_URL)
    for style in ("apa", "mla", "chicago-notes", "gb7714", "bibtex", "wikipedia"):
        want = subprocess.run(
            [str(cli), "cite", "--style", style, "--url", SEED_URL, "--accessed", "2024-03-01", str(SEED_HTML)],
            capture_output=True, text=True, check=True,
        ).stdout.rstrip("\n")
        assert tidings.cite(article, style, accessed="2024-03-01") == want, style
    html = tidings.cite(article, "apa", format="html", accessed="2024-03-01")
    assert "<i>" in html or "<em>" in html or "font-style" in html


def test_cite_a_csl_item_and_errors():
    item = {
        "type": "article-newspaper",
        "title": "Chinese FM holds phone talks with S. Korean counterpart",
        "author": [{"literal": "Xinhua"}],
        "container-title": "Shanghai Daily",
        "issued": {"date-parts": [[2023, 1, 10]]},
        "URL": SEED_URL,
    }
    text = tidings.cite(item, "apa")
    assert text.startswith("Xinhua. (2023, January 10).")
    with pytest.raises(tidings.CiteError) as e:
        tidings.cite(item, "no-such-style")
    assert e.value.code == "unknown-style"
    with pytest.raises(tidings.CiteError) as e:
        tidings.cite({"type": "article", "issued": "yesterday"}, "apa")
    assert e.value.code == "bad-item"
    with pytest.raises(tidings.CiteError) as e:
        tidings.cite({"title": "An article", "authors": "not a list"}, "apa")
    assert e.value.code == "bad-article"
    with pytest.raises(ValueError):
        tidings.cite(item, "apa", accessed="10/01/2023")
    with pytest.raises(ValueError):
        tidings.cite(item, "apa", form="essay")
    assert tidings.cite(item, "apa", form="citation") == "(Xinhua, 2023)"
    # Any official style, by id or title, not only the nine common ones.
    assert tidings.cite(item, "nature") == tidings.cite(item, "Nature")
    names = {s["name"] for s in tidings.styles()}
    assert {"apa", "mla", "bibtex", "ris", "csl-json", "wikipedia"} <= names


def test_threads_give_the_same_articles():
    pages = [(REAL / rel).read_bytes() for rel, _ in REAL_PAGES]
    sequential = [tidings.extract(p) for p in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(tidings.extract, pages * 3)) == sequential * 3


def _spin_rate() -> float:
    """Loop turns a second of this thread alone (the same loop as below)."""
    done, spins = threading.Event(), 0
    end = time.perf_counter() + 0.05
    while not done.is_set():
        spins += 1
        if spins % 1024 == 0 and time.perf_counter() > end:
            break
    return spins / 0.05


def test_the_gil_is_released_while_extracting():
    # One long extraction in a thread. Holding the GIL, it would let this
    # thread run only in the interpreter's switch intervals around the call
    # (5 ms each); releasing it, this thread keeps spinning throughout. The
    # spins are turned into seconds with the loop's own rate and compared
    # with the extraction's time: a ratio, not a speed.
    big = (REAL / "mercury-parser-fixtures" / "fixtures" / "www.tmz.com.html").read_text()
    body = big[big.find("<body") : big.rfind("</body>")]
    page = big.replace("</body>", body * 100 + "</body>", 1)
    rate = _spin_rate()
    started, done, took = threading.Event(), threading.Event(), []

    def work():
        started.set()
        t = time.perf_counter()
        tidings.extract(page, force=True)
        took.append(time.perf_counter() - t)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    spins = 0
    while not done.is_set():
        spins += 1
        if spins % 1024 == 0:
            time.perf_counter()  # the same work per turn as in _spin_rate
    worker.join()
    assert took[0] > 0.1, "the page is too small to tell"
    assert spins / rate > 0.25 * took[0], (spins / rate, took[0])
