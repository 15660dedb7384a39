"""Articles from WARC files with Spark: Tidings in ``mapPartitions``, Parquet out.

    spark-submit --master local[2] --py-files tidings-<version>-cp39-abi3-<platform>.whl \\
        python/spark/tidings_spark.py --warc-list paths.txt --out articles/

reads a text file listing WARC paths (one a line; local paths, or any address
fsspec opens when it is installed on the executors), spreads the files over
the partitions, extracts every HTML response record (fastwarc's reader, else
warcio's) and writes Parquet with the article fields, partitioned by ``lang``
(``und`` when the page states none). Records that give no article are counted
and, with ``--errors DIR``, written there. The executors need fastwarc (or
warcio) and the Tidings wheel: ship the wheel with ``--py-files`` (it is
unpacked on each executor, since a compiled module cannot be imported from a
zip) or ``--archives tidings.zip#tidings_wheel`` (the wheel renamed), or
install it in the executors' Python.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import sys
import tempfile
import zipfile
from typing import Iterable, Iterator

from pyspark.sql import SparkSession
from pyspark.sql import types as T

#: The article fields written, with their Spark types (the CLI's JSON names).
ARTICLE_FIELDS = [
    ("title", T.StringType()),
    ("byline", T.StringType()),
    (
        "authors",
        T.ArrayType(
            T.StructType(
                [
                    T.StructField("family", T.StringType()),
                    T.StructField("given", T.StringType()),
                    T.StructField("literal", T.StringType()),
                ]
            )
        ),
    ),
    ("siteName", T.StringType()),
    ("publisher", T.StringType()),
    ("publishedTime", T.StringType()),
    ("modifiedTime", T.StringType()),
    ("dir", T.StringType()),
    ("excerpt", T.StringType()),
    ("section", T.StringType()),
    ("canonicalUrl", T.StringType()),
    ("leadImage", T.StringType()),
    ("keywords", T.ArrayType(T.StringType())),
    ("source", T.StringType()),
    ("editor", T.StringType()),
    ("license", T.StringType()),
    ("kind", T.StringType()),
    ("content", T.StringType()),
    ("text", T.StringType()),
    ("wordCount", T.LongType()),
    ("readingMinutes", T.LongType()),
    ("readerable", T.BooleanType()),
]

RECORD_FIELDS = [
    ("warcFile", T.StringType()),
    ("url", T.StringType()),
    ("warcRecordId", T.StringType()),
    ("warcDate", T.StringType()),
]

ARTICLES = T.StructType(
    [T.StructField(n, t) for n, t in RECORD_FIELDS + ARTICLE_FIELDS]
    + [T.StructField("lang", T.StringType(), False)]
)
ERRORS = T.StructType(
    [T.StructField(n, t) for n, t in RECORD_FIELDS]
    + [T.StructField("code", T.StringType()), T.StructField("message", T.StringType())]
)

#: The partition value for pages whose language is not known (BCP 47's "undetermined").
UNKNOWN_LANG = "und"


def _unpack_wheel(path: str) -> str:
    """Unpacks a wheel shipped with ``--py-files`` into a folder of its own
    (once per wheel and machine; the rename makes concurrent workers safe)."""
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()[:16]
    target = os.path.join(tempfile.gettempdir(), f"tidings-wheel-{digest}")
    if not os.path.isdir(target):
        scratch = tempfile.mkdtemp(prefix="tidings-wheel-")
        with zipfile.ZipFile(path) as z:
            z.extractall(scratch)
        try:
            os.rename(scratch, target)
        except OSError:
            pass  # another worker unpacked it first
    return target


def _shipped_wheels() -> list[str]:
    """Tidings wheels shipped to this worker: ``--py-files`` puts them in the
    SparkFiles folder (and the driver's ``sys.path``); ``--archives
    tidings.zip#tidings_wheel`` unpacks one into a folder there."""
    found = [p for p in sys.path if os.path.basename(p).startswith("tidings-") and p.endswith(".whl")]
    try:
        from pyspark import SparkFiles

        root = SparkFiles.getRootDirectory()
    except Exception:  # no SparkContext files here (a plain test)
        return found
    found += sorted(glob.glob(os.path.join(root, "tidings-*.whl")))
    archive = os.path.join(root, "tidings_wheel")
    return found + ([archive] if os.path.isdir(archive) else [])


def import_tidings():
    """The ``tidings`` module on an executor: from a shipped wheel when there
    is one, else the one installed."""
    if "tidings" not in sys.modules:
        for wheel in reversed(_shipped_wheels()):
            sys.path.insert(0, wheel if os.path.isdir(wheel) else _unpack_wheel(wheel))
    import tidings

    return tidings


def _open(path: str):
    if "://" in path and not path.startswith("file://"):
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path[len("file://") :] if path.startswith("file://") else path, "rb")


def _archive_iterator():
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError:
        from warcio.archiveiterator import ArchiveIterator
    return ArchiveIterator


def extract_partition(paths: Iterable[str]) -> Iterator[tuple]:
    """One ``(kind, row)`` per HTML response record of the partition's files:
    ``("article", row)`` in ``ARTICLES``' order, or ``("error", row)``."""
    tidings = import_tidings()
    iterator = _archive_iterator()
    for path in paths:
        path = path.strip()
        if not path:
            continue
        try:
            stream = _open(path)
        except OSError as e:
            yield "error", (path, None, None, None, "unreadable", str(e))
            continue
        with stream:
            for r in tidings.extract_warc(iterator(stream)):
                head = (path, r["url"], r["warcRecordId"], r["warcDate"])
                if "error" in r:
                    yield "error", head + (r["error"]["code"], r["error"]["message"])
                else:
                    row = head + tuple(r.get(n) for n, _ in ARTICLE_FIELDS)
                    yield "article", row + (r.get("lang") or UNKNOWN_LANG,)


def where_tidings(_: object) -> str:
    """Where an executor imports Tidings from (printed by the driver)."""
    return import_tidings().__file__


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warc-list", required=True, help="text file: one WARC path a line")
    ap.add_argument("--out", required=True, help="Parquet folder of articles, partitioned by lang")
    ap.add_argument("--errors", help="Parquet folder for records without an article")
    ap.add_argument("--partitions", type=int, help="default: one per file, at most the default parallelism")
    args = ap.parse_args(argv)

    spark = SparkSession.builder.appName("tidings-warc").getOrCreate()
    sc = spark.sparkContext
    paths = [p.strip() for p in sc.textFile(args.warc_list).collect() if p.strip()]
    if not paths:
        print("tidings_spark: the WARC list is empty", file=sys.stderr)
        return 2
    parts = args.partitions or max(1, min(len(paths), sc.defaultParallelism))
    print(f"tidings_spark: executors import tidings from {sc.parallelize([0], 1).map(where_tidings).first()}")

    rows = sc.parallelize(paths, parts).mapPartitions(extract_partition).cache()
    articles = spark.createDataFrame(rows.filter(lambda kr: kr[0] == "article").values(), ARTICLES)
    articles.write.mode("overwrite").partitionBy("lang").parquet(args.out)
    errors = rows.filter(lambda kr: kr[0] == "error").values()
    if args.errors:
        spark.createDataFrame(errors, ERRORS).write.mode("overwrite").parquet(args.errors)
    written = spark.read.parquet(args.out).count()
    print(f"tidings_spark: {len(paths)} WARC files, {written} articles, {errors.count()} records without one")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
