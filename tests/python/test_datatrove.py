"""datatrove: WarcReader → TidingsExtractor → JsonlWriter on the WARC fixture."""

import gzip
import json

import pytest
import tidings
from conftest import WARC

pytest.importorskip("datatrove", reason="datatrove is not installed (scripts/setup.sh installs it)")


def test_pipeline_warc_reader_tidings_jsonl(tmp_path, manifest):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from tidings.datatrove import TidingsExtractor

    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(WARC), glob_pattern="sample.warc.gz"),
            TidingsExtractor(),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = []
    for part in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        with gzip.open(part, "rt") as f:
            docs += [json.loads(line) for line in f]
    # The same articles as tidings.read_warc, for every page it takes; the
    # reader does not look at the HTTP status, so a non-200 response may come
    # through too (it finds the GBK page's charset by detection, not from the
    # HTTP header, and gets the same text).
    ours = {r["url"]: r for r in tidings.read_warc(str(WARC / "sample.warc.gz")) if "error" not in r}
    by_url = {d["metadata"]["url"]: d for d in docs}
    not_ok = {w["url"] for w in manifest["sample.warc.gz"] if w.get("why") == "status"}
    assert set(ours) <= set(by_url) <= set(ours) | not_ok
    for url, article in ours.items():
        doc = by_url[url]
        assert doc["text"] == article["text"], url
        assert doc["metadata"]["title"] == article["title"]
        assert doc["metadata"].get("lang") == article.get("lang")
    assert "ICP" not in by_url["https://www.shine.cn/news/nation/2301104951/"]["text"]
    stats = json.loads(next((tmp_path / "logs" / "stats").glob("*.json")).read_text())
    extractor = next(s for s in stats if "Tidings" in s["name"])
    assert extractor["stats"]["forwarded"] == len(docs)
