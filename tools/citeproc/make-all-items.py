#!/usr/bin/env python3
"""Builds tests/fixtures/cite/all-styles/items.json, the case set of tools/citeproc/generate-all.mjs.

Most items are the CSL-JSON the `tidings` CLI writes for real pages of the shared corpora
(`tidings cite --style csl-json --accessed 2026-12-01 PAGE`, abstract dropped); the rest are
real bibliographic records typed in, or items of tests/fixtures/cite/items.json. The
provenance of each item is in tests/fixtures/cite/all-styles/README.md.
Usage: python3 tools/citeproc/make-all-items.py (needs target/release/tidings and ../shared).
"""
import json, pathlib, subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
TIDINGS = ROOT / "target" / "release" / "tidings"

# (id, page under the corpora, CSL type override or None)
PAGES = [
    ("nyt-sudan", "readability-test-pages/nytimes-1/source.html", None),
    ("guardian-whales", "readability-test-pages/guardian-1/source.html", None),
    ("lemonde-renseignement", "readability-test-pages/lemonde-1/source.html", None),
    ("qq-deepmind", "readability-test-pages/qq/source.html", None),
    ("firefox-blog", "readability-test-pages/firefox-nightly-blog/source.html", "post-weblog"),
    ("bbc-obama", "readability-test-pages/bbc-1/source.html", None),
    ("seattle-halibut", "readability-test-pages/seattletimes-1/source.html", None),
    ("dropbox-atf", "readability-test-pages/dropbox-blog/source.html", "webpage"),
    ("nikkei-ja", "newspaper4k-tests/html/japanese_article.html", None),
    ("bbc-zh", "newspaper4k-tests/html/chinese_article.html", None),
    ("cnn-thanksgiving", "newspaper4k-tests/html/cnn_article.html", None),
    ("time-hansen", "newspaper4k-tests/html/time_001.html", None),
    ("spanish-infanta", "newspaper4k-tests/html/spanish_article.html", None),
]

# Real records typed in from the publications themselves.
TYPED = [
    {
        "id": "numpy-nature", "type": "article-journal",
        "title": "Array programming with NumPy", "container-title": "Nature",
        "container-title-short": "Nature", "volume": "585", "issue": "7825", "page": "357-362",
        "issued": {"date-parts": [[2020, 9, 16]]}, "DOI": "10.1038/s41586-020-2649-2",
        "URL": "https://www.nature.com/articles/s41586-020-2649-2", "language": "en",
        "accessed": {"date-parts": [[2026, 12, 1]]},
        "author": [
            {"family": "Harris", "given": "Charles R."}, {"family": "Millman", "given": "K. Jarrod"},
            {"family": "Walt", "given": "Stéfan J.", "non-dropping-particle": "van der"},
            {"family": "Gommers", "given": "Ralf"}, {"family": "Virtanen", "given": "Pauli"},
            {"family": "Cournapeau", "given": "David"}, {"family": "Wieser", "given": "Eric"},
            {"family": "Taylor", "given": "Julian"}, {"family": "Berg", "given": "Sebastian"},
            {"family": "Smith", "given": "Nathaniel J."}, {"family": "Kern", "given": "Robert"},
            {"family": "Picus", "given": "Matti"}, {"family": "Hoyer", "given": "Stephan"},
            {"family": "Kerkwijk", "given": "Marten H.", "non-dropping-particle": "van"},
            {"family": "Brett", "given": "Matthew"}, {"family": "Haldane", "given": "Allan"},
            {"family": "Río", "given": "Jaime Fernández", "non-dropping-particle": "del"},
            {"family": "Wiebe", "given": "Mark"}, {"family": "Peterson", "given": "Pearu"},
            {"family": "Gérard-Marchant", "given": "Pierre"}, {"family": "Sheppard", "given": "Kevin"},
            {"family": "Reddy", "given": "Tyler"}, {"family": "Weckesser", "given": "Warren"},
            {"family": "Abbasi", "given": "Hameer"}, {"family": "Gohlke", "given": "Christoph"},
            {"family": "Oliphant", "given": "Travis E."},
        ],
    },
    {
        "id": "tolstoy-ru", "type": "book", "title": "Война и мир",
        "author": [{"family": "Толстой", "given": "Лев Николаевич"}],
        "publisher": "Русский вестник", "publisher-place": "Москва",
        "issued": {"date-parts": [[1869]]}, "language": "ru",
    },
    {
        "id": "king-birmingham", "type": "article-magazine",
        "title": "The Negro Is Your Brother", "container-title": "The Atlantic Monthly",
        "author": [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
        "volume": "212", "issue": "2", "page": "78-88", "issued": {"date-parts": [[1963, 8]]},
        "URL": "https://www.theatlantic.com/magazine/archive/1963/08/the-negro-is-your-brother/658583/",
        "accessed": {"date-parts": [[2026, 12, 1]]},
    },
]

# Items of tests/fixtures/cite/items.json (hand-made there), for classes no real page shows.
REUSED = ["shine-xinhua", "suffix-jr", "year-only", "title-dash-stop-word", "title-last-stop-word",
          "no-date-no-author", "particle-van-der", "blog-quotes", "org-and-person", "no-date"]

# Hand-written: a roman-numeral suffix with a particle (no real page in the corpora has one).
HAND = [
    {
        "id": "suffix-iii", "type": "article-newspaper",
        "title": "A family business: three generations at the helm",
        "author": [{"family": "Rockefeller", "given": "John Davison", "suffix": "III"},
                   {"family": "Santos", "given": "Maria", "non-dropping-particle": "dos"}],
        "container-title": "The Boston Globe", "issued": {"date-parts": [[2021, 6, 30]]},
        "URL": "https://www.bostonglobe.com/business/family", "accessed": {"date-parts": [[2026, 12, 1]]},
    },
]


def page_item(cid, page, kind):
    out = subprocess.run([str(TIDINGS), "cite", "--style", "csl-json", "--accessed", "2026-12-01",
                          str(CORPORA / page)], check=True, capture_output=True, text=True).stdout
    item = json.loads(out)
    item.pop("abstract", None)
    item["id"] = cid
    if kind:
        item["type"] = kind
    if cid == "nikkei-ja":
        # The byline is printed in the title ("編集委員 中沢克二"): its author, as the page names him.
        item["author"] = [{"family": "中沢", "given": "克二"}]
    return item


def main():
    items = [page_item(*p) for p in PAGES] + TYPED
    old = {i["id"]: i for i in json.loads((ROOT / "tests/fixtures/cite/items.json").read_text())}
    items += [old[k] for k in REUSED] + HAND
    dest = ROOT / "tests/fixtures/cite/all-styles/items.json"
    dest.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(items)} items to {dest}")


main()
