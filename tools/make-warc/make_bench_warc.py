#!/usr/bin/env python3
"""Builds a larger WARC for the throughput benchmark (scripts/bench-warc.sh), not
committed: every page of the shared corpora (Readability's test pages, the
Mercury fixtures, newspaper4k's pages), repeated, as request/response/metadata
captures, gzip per record and plain.

    python3 tools/make-warc/make_bench_warc.py CORPORA_DIR OUT_DIR [REPEAT]

Writes OUT_DIR/corpora.warc.gz, OUT_DIR/corpora.warc and OUT_DIR/pages.txt (the
same pages, in the same order, as file paths for the batch comparison). The
responses carry `Content-Type: text/html` without a charset, so the WARC path
and the file path find the charset the same way.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_warc import Archive  # noqa: E402


def corpus_pages(corpora):
    pages = []
    rt = os.path.join(corpora, "readability-test-pages")
    for slug in sorted(os.listdir(rt)):
        path = os.path.join(rt, slug, "source.html")
        if os.path.isfile(path):
            pages.append((f"http://fakehost/test/{slug}/page.html", path))
    mp = os.path.join(corpora, "mercury-parser-fixtures")
    seen = set()
    for case in json.load(open(os.path.join(mp, "expected.json"), encoding="utf-8")):
        path = os.path.join(mp, case["fixture"])
        if path not in seen and os.path.isfile(path):
            seen.add(path)
            pages.append((case["url"], path))
    nk = os.path.join(corpora, "newspaper4k-tests")
    for name in sorted(os.listdir(os.path.join(nk, "html"))):
        meta = os.path.join(nk, "metadata", name[: -len(".html")] + ".json")
        url = json.load(open(meta, encoding="utf-8")).get("url") if os.path.exists(meta) else None
        pages.append((url or f"http://newspaper4k.test/{name}", os.path.join(nk, "html", name)))
    return pages


def main():
    corpora, out = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    os.makedirs(out, exist_ok=True)
    pages = corpus_pages(corpora)
    listing = []
    for gz, name, version in [(True, "corpora.warc.gz", "WARC/1.0"), (False, "corpora.warc", "WARC/1.1")]:
        a = Archive(os.path.join(out, name), gz, version)
        a.warcinfo(name)
        for r in range(repeat):
            for url, path in pages:
                with open(path, "rb") as f:
                    body = f.read()
                u = url if r == 0 else f"{url}{'&' if '?' in url else '?'}copy={r}"
                a.exchange(u, "200 OK", [("Content-Type", "text/html")], body, {"kind": "html"})
                if gz:
                    listing.append(path)
        a.save()
    with open(os.path.join(out, "pages.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(listing) + "\n")
    print(f"{len(pages)} pages x {repeat}: {len(listing)} responses")


if __name__ == "__main__":
    main()
