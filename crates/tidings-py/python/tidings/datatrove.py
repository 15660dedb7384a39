"""A datatrove pipeline step: Tidings as the HTML extractor of a FineWeb-style
pipeline, in place of datatrove's Trafilatura step (needs ``pip install datatrove``).

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from tidings.datatrove import TidingsExtractor

    pipeline = [WarcReader("crawl/"), TidingsExtractor(), JsonlWriter("out/")]

Each document's HTML becomes the article's plain text; its ``url`` metadata is
the page address, and the article's title, language, dates, byline and site
name are added to the metadata (``metadata=False`` leaves it as it was).
Documents with no article are dropped. Unlike the Trafilatura step, pages are
extracted in this process: Tidings bounds its time and memory on every input
(see ``tidings.TidingsError``), so no sandbox process and timeout are needed.
"""

from __future__ import annotations

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

from ._tidings import TidingsError, extract

#: Article fields copied into a document's metadata (when present).
METADATA_FIELDS = ("title", "lang", "publishedTime", "modifiedTime", "byline", "siteName", "kind")


class TidingsExtractor(BaseExtractor):
    """Extracts the article text of each document's HTML with Tidings.

    Args:
        force: answer with the cleaned page even when it holds no article
            (link lists, home pages), instead of dropping the document.
        metadata: add the article's title, language, dates, byline and site
            name to the document's metadata.
        timeout: kept for the extractor interface; Tidings' own limits bound each page.
    """

    name = "📰 Tidings"

    def __init__(self, force: bool = False, metadata: bool = True, timeout: float = 1):
        super().__init__(timeout)
        self.force = force
        self.metadata = metadata

    def extract(self, text: str) -> str:
        """The article's plain text; empty when the page has none."""
        try:
            return extract(text, force=self.force)["text"]
        except TidingsError:
            return ""

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    article = extract(doc.text, doc.metadata.get("url"), force=self.force)
                except TidingsError as e:
                    # One stat per error code: no-article, not-html, too-large, …
                    self.stat_update(e.code)
                    self.stat_update(StatHints.dropped)
                    continue
            self.stat_update("extracted")
            doc.text = article["text"]
            if self.metadata:
                for field in METADATA_FIELDS:
                    if article.get(field) is not None:
                        doc.metadata[field] = article[field]
            if doc.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)
