"""Runs trafilatura over HTML files and writes one JSON line per file:

    {file, text, title, author, date, sitename, language, ms, error?}

`text` is the extracted main text, one line per paragraph (trafilatura's
plain-text output, the same shape as tidings' `text`); `date` is a day
(YYYY-MM-DD); `author` joins several names with "; ". `ms` is the time of
bare_extraction() alone. A page where trafilatura finds nothing gets
`error: "no-article"`.

Input: JSON on stdin, a list of {file, url} objects (or of paths). Used by
`tidings-eval --trafilatura`, which runs it in tools/trafilatura/.venv made
from requirements.txt:

    echo '[{"file":"a.html","url":"https://example.com/a"}]' | .venv/bin/python run.py
"""

import json
import sys
import time

import trafilatura


def run_one(item):
    file, url = item.get("file"), item.get("url")
    with open(file, "rb") as f:
        data = f.read()
    t0 = time.perf_counter()
    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    ms = (time.perf_counter() - t0) * 1000
    out = {"file": file, "ms": round(ms, 3)}
    if doc is None:
        out["error"] = "no-article"
        return out
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    out.update(
        text=d.get("text") or "",
        title=d.get("title"),
        author=d.get("author"),
        date=d.get("date"),
        sitename=d.get("sitename"),
        language=d.get("language"),
    )
    return out


def main():
    raw = sys.stdin.read().strip()
    items = json.loads(raw) if raw else []
    for x in items:
        item = {"file": x} if isinstance(x, str) else x
        try:
            line = run_one(item)
        except Exception as e:  # one bad page must not stop the run
            line = {"file": item.get("file"), "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
