"""Tidings: finds the article in a web page, removes the clutter, and cites it.

The extraction runs in Rust with the GIL released, so a thread pool extracts
pages in parallel. ``extract`` returns the same fields as ``tidings extract``'s
JSON; errors are ``TidingsError`` subclasses with the CLI's ``code``.
"""

from ._tidings import (
    CiteError,
    InternalError,
    NoArticleError,
    NotHtmlError,
    TidingsError,
    TooDeepError,
    TooLargeError,
    TooManyAttributesError,
    TooManyNodesError,
    __version__,
    cite,
    extract,
    readerable,
    styles,
)
from .warc import extract_warc, read_warc

__all__ = [
    "CiteError",
    "InternalError",
    "NoArticleError",
    "NotHtmlError",
    "TidingsError",
    "TooDeepError",
    "TooLargeError",
    "TooManyAttributesError",
    "TooManyNodesError",
    "__version__",
    "cite",
    "extract",
    "extract_warc",
    "read_warc",
    "readerable",
    "styles",
]
