#!/usr/bin/env python3
"""Builds a held-out case set for tests/cite_all_styles.rs: CSL-JSON items of real pages that
the committed case set does not use, picked at random, as the product makes them
(`tidings cite --style csl-json --url URL --accessed 2026-12-01 PAGE`, abstract dropped).

Kept OUT of the repository on purpose (write it under target/ or /tmp): engine work is tuned on
tests/fixtures/cite/all-styles; this set measures whether the rules hold on items nobody
looked at. Then generate citeproc-js's answers for a random sample of styles and compare:

  python3 tools/citeproc/make-heldout-items.py target/heldout --seed 7 --count 20
  cd tools/citeproc && ITEMS_DIR=../../target/heldout SAMPLE=400 SEED=7 node generate-all.mjs
  FORM=citation ITEMS_DIR=../../target/heldout SAMPLE=400 SEED=7 node generate-all.mjs
  cd ../.. && CITE_ALL_DIR=target/heldout cargo test --release --test cite_all_styles -- --nocapture

Needs target/release/tidings and ../shared/corpora (mercury-parser-fixtures and
readability-test-pages).
"""
import argparse, json, pathlib, random, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
TIDINGS = ROOT / "target" / "release" / "tidings"
# Pages the committed case set already uses (tools/citeproc/make-all-items.py).
USED = {"nytimes-1", "guardian-1", "lemonde-1", "qq", "firefox-nightly-blog", "bbc-1",
        "seattletimes-1", "dropbox-blog"}


def candidates():
    """(name, page path, url) for every mercury fixture and readability test page not used."""
    out = []
    mercury = CORPORA / "mercury-parser-fixtures"
    for case in json.loads((mercury / "expected.json").read_text()):
        path = mercury / case["fixture"] if "fixture" in case else None
        if path and path.is_file():
            out.append((path.stem, path, case.get("url")))
    for d in sorted((CORPORA / "readability-test-pages").iterdir()):
        if d.name not in USED and (d / "source.html").is_file():
            out.append((d.name, d / "source.html", None))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=20)
    a = ap.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"no corpora at {CORPORA}")
    pool = candidates()
    random.Random(a.seed).shuffle(pool)
    items = []
    for name, path, url in pool:
        if len(items) >= a.count:
            break
        cmd = [str(TIDINGS), "cite", "--style", "csl-json", "--accessed", "2026-12-01"]
        if url:
            cmd += ["--url", url]
        run = subprocess.run(cmd + [str(path)], capture_output=True, text=True)
        if run.returncode != 0:
            continue
        item = json.loads(run.stdout)
        item.pop("abstract", None)
        item["id"] = f"heldout-{len(items)}-{name}"[:60]
        items.append(item)
    out = pathlib.Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "items.json").write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(items)} held-out items to {out / 'items.json'}")


main()
