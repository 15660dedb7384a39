"""The PySpark job in local mode over the WARC fixtures, with the wheel shipped
by --py-files; the Parquet read back."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tidings
from conftest import ROOT, WARC

pytest.importorskip("pyspark", reason="pyspark is not installed (scripts/setup.sh installs it)")
pq = pytest.importorskip("pyarrow.parquet")

JOB = ROOT / "python" / "spark" / "tidings_spark.py"


def test_spark_job_writes_articles_by_language(tmp_path):
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java (scripts/setup.sh installs default-jre-headless)")
    wheel = os.environ.get("TIDINGS_WHEEL")
    assert wheel and Path(wheel).is_file(), "set TIDINGS_WHEEL to the built wheel (scripts/test-python.sh does)"
    warcs = [WARC / "sample.warc.gz", WARC / "sample.warc", WARC / "truncated.warc"]
    listing = tmp_path / "warcs.txt"
    listing.write_text("".join(f"{p}\n" for p in warcs))
    out, errors = tmp_path / "articles", tmp_path / "errors"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    spark_submit = Path(sys.executable).parent / "spark-submit"
    run = subprocess.run(
        [
            str(spark_submit), "--master", "local[2]",
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.sql.shuffle.partitions=2",
            "--driver-java-options", "-Dlog4j2.level=warn",
            "--py-files", wheel,
            str(JOB), "--warc-list", str(listing), "--out", str(out), "--errors", str(errors),
        ],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    # The executors used the shipped wheel, not an installed copy.
    assert "executors import tidings from" in run.stdout
    shipped = run.stdout.split("executors import tidings from", 1)[1].split()[0]
    assert "tidings-wheel-" in shipped, shipped

    expected = [r for p in warcs for r in tidings.read_warc(str(p))]
    articles = [r for r in expected if "error" not in r]
    table = pq.read_table(out).to_pylist()
    assert len(table) == len(articles)
    got = {(r["warcFile"], r["warcRecordId"]): r for r in table}
    for p in warcs:
        for r in tidings.read_warc(str(p)):
            if "error" in r:
                continue
            row = got[(str(p), r["warcRecordId"])]
            assert row["text"] == r["text"] and row["title"] == r["title"] and row["url"] == r["url"]
            assert row["lang"] == (r["lang"] or "und")
    # One folder per language, as the pages state them.
    langs = {d.name for d in out.iterdir() if d.is_dir()}
    assert langs == {f"lang={r['lang'] or 'und'}" for r in articles}
    assert {"lang=en", "lang=zh-CN", "lang=ja"} <= langs
    # The truncated file's cut record is an error row.
    bad = pq.read_table(errors).to_pylist()
    assert [(r["warcFile"], r["code"]) for r in bad] == [(str(WARC / "truncated.warc"), "bad-warc")]
