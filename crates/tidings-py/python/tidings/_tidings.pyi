"""Type stubs of the Rust extension module (see the package docstring)."""

from typing import Any, ClassVar, Literal, Optional, TypedDict, Union

__version__: str

class Author(TypedDict, total=False):
    family: str
    given: str
    literal: str

class Removed(TypedDict):
    rule: str
    reason: str
    text: str
    html: str

class _ArticleBase(TypedDict):
    title: str
    byline: Optional[str]
    authors: list[Author]
    siteName: Optional[str]
    publisher: Optional[str]
    publishedTime: Optional[str]
    modifiedTime: Optional[str]
    lang: Optional[str]
    dir: str
    excerpt: Optional[str]
    section: Optional[str]
    canonicalUrl: Optional[str]
    leadImage: Optional[str]
    keywords: list[str]
    source: Optional[str]
    editor: Optional[str]
    license: Optional[str]
    kind: str
    content: str
    text: str
    wordCount: int
    readingMinutes: int
    readerable: bool
    removed: list[Removed]

class Article(_ArticleBase, total=False):
    """The CLI's JSON object; ``warnings`` only when there are some."""

    warnings: list[str]

class StyleInfo(TypedDict):
    name: str
    id: str
    label: str

class TidingsError(Exception):
    """Base of Tidings' errors; ``code`` is the stable machine-readable kind."""

    code: str

class TooLargeError(TidingsError):
    code: ClassVar[str]

class TooManyNodesError(TidingsError):
    code: ClassVar[str]

class TooDeepError(TidingsError):
    code: ClassVar[str]

class TooManyAttributesError(TidingsError):
    code: ClassVar[str]

class NotHtmlError(TidingsError):
    code: ClassVar[str]

class NoArticleError(TidingsError):
    code: ClassVar[str]

class InternalError(TidingsError):
    code: ClassVar[str]

class CiteError(TidingsError):
    """``unknown-style``, ``bad-style``, ``missing-style``, ``missing-locale``, ``bad-item``, ``bad-article``."""

    code: str

def extract(
    html: Union[str, bytes, bytearray, memoryview],
    url: Optional[str] = None,
    *,
    force: bool = False,
    input: Literal["html", "text"] = "html",
    content_type: Optional[str] = None,
) -> Article: ...
def readerable(html: Union[str, bytes, bytearray, memoryview]) -> bool: ...
def styles() -> list[StyleInfo]: ...
def cite(
    item_or_article: Union[Article, dict[str, Any]],
    style: str = "apa",
    *,
    form: Literal["bibliography"] = "bibliography",
    format: Literal["text", "html"] = "text",
    accessed: Optional[str] = None,
) -> str: ...
