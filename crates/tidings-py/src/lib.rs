//! The `tidings._tidings` extension module: Tidings' extraction and citation
//! core for Python. The pure-Python package around it (`python/tidings/`)
//! adds WARC input, the datatrove step and the type stubs.
//!
//! Extraction releases the GIL (`Python::detach`), so threads extract pages
//! in parallel; results cross as plain dicts with the CLI's JSON field names.

mod charset;

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use tidings::cite::{self as csl, Format};
use tidings::{Article, InputKind, Options};

create_exception!(
    tidings,
    TidingsError,
    PyException,
    "Base of Tidings' errors; `code` is the stable machine-readable kind."
);
create_exception!(tidings, TooLargeError, TidingsError, "code `too-large`.");
create_exception!(
    tidings,
    TooManyNodesError,
    TidingsError,
    "code `too-many-nodes`."
);
create_exception!(tidings, TooDeepError, TidingsError, "code `too-deep`.");
create_exception!(
    tidings,
    TooManyAttributesError,
    TidingsError,
    "code `too-many-attributes`."
);
create_exception!(tidings, NotHtmlError, TidingsError, "code `not-html`.");
create_exception!(tidings, NoArticleError, TidingsError, "code `no-article`.");
create_exception!(tidings, InternalError, TidingsError, "code `internal`.");
create_exception!(
    tidings,
    CiteError,
    TidingsError,
    "A citation that cannot be formatted: `unknown-style`, `bad-style`, `missing-style`, `missing-locale`, `bad-item`, `bad-article`."
);

/// A Python exception of the class for `code`, with `code` set on the instance.
fn raise(py: Python<'_>, code: &str, message: &str) -> PyErr {
    let err = match code {
        "too-large" => TooLargeError::new_err(message.to_string()),
        "too-many-nodes" => TooManyNodesError::new_err(message.to_string()),
        "too-deep" => TooDeepError::new_err(message.to_string()),
        "too-many-attributes" => TooManyAttributesError::new_err(message.to_string()),
        "not-html" => NotHtmlError::new_err(message.to_string()),
        "no-article" => NoArticleError::new_err(message.to_string()),
        "internal" => InternalError::new_err(message.to_string()),
        _ => CiteError::new_err(message.to_string()),
    };
    // Setting an attribute on a fresh exception instance cannot fail in practice;
    // if it did, the class attribute (set at import) still answers.
    let _ = err.value(py).setattr("code", code);
    err
}

fn extraction_error(py: Python<'_>, e: &tidings::Error) -> PyErr {
    raise(py, e.code(), e.message())
}

/// The page as the core wants it: text, or bytes whose charset is still to be found.
enum Page {
    Text(String),
    Bytes(Vec<u8>),
}

impl Page {
    fn from_py(html: &Bound<'_, PyAny>) -> PyResult<Page> {
        if let Ok(s) = html.cast::<PyString>() {
            Ok(Page::Text(s.to_cow()?.into_owned()))
        } else if let Ok(b) = html.cast::<PyBytes>() {
            Ok(Page::Bytes(b.as_bytes().to_vec()))
        } else if let Ok(v) = html.extract::<Vec<u8>>() {
            // bytearray, memoryview and other buffers.
            Ok(Page::Bytes(v))
        } else {
            Err(PyTypeError::new_err(format!(
                "html must be str or bytes, not {}",
                html.get_type().name()?
            )))
        }
    }
}

/// Runs the core with the GIL released; a panic in it becomes an `internal` error.
fn run_detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, tidings::Error> + Send,
) -> PyResult<T> {
    py.detach(|| {
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
            Err(tidings::Error::internal(
                "the extractor failed on this page (a bug; please report it)",
            ))
        })
    })
    .map_err(|e| extraction_error(py, &e))
}

fn article_dict<'py>(py: Python<'py>, article: &Article) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, article)?)
}

/// Extracts the article from a page: `str`, or `bytes` whose charset is found
/// the way browsers find it (a byte-order mark, then `content_type`'s charset
/// when given, then the page's `<meta charset>`, then UTF-8 or windows-1252).
/// `input="text"` cleans a text dump of a page (one block a line) instead.
/// Returns a dict with the CLI's JSON fields; raises a `TidingsError` subclass.
#[pyfunction]
#[pyo3(signature = (html, url=None, *, force=false, input="html", content_type=None))]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<String>,
    force: bool,
    input: &str,
    content_type: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = match input {
        "html" => InputKind::Html,
        "text" => InputKind::Text,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown input kind {other:?}: use \"html\" or \"text\""
            )))
        }
    };
    let page = Page::from_py(html)?;
    let options = Options {
        force,
        input,
        ..Options::default()
    };
    let article = run_detached(py, move || {
        let url = url.as_deref();
        match page {
            Page::Text(s) => tidings::extract(&s, url, &options),
            Page::Bytes(b) => tidings::extract_bytes_with_charset(
                &b,
                content_type.as_deref().and_then(charset::label),
                url,
                &options,
            ),
        }
    })?;
    article_dict(py, &article)
}

/// Whether the page looks like it holds an article (cheap; the toolbar's test).
#[pyfunction]
fn readerable(py: Python<'_>, html: &Bound<'_, PyAny>) -> PyResult<bool> {
    let page = Page::from_py(html)?;
    run_detached(py, move || {
        Ok(match page {
            Page::Text(s) => tidings::readerable(&s),
            Page::Bytes(b) => tidings::readerable(&tidings::decode_html(&b)),
        })
    })
}

/// Every citation style and export format, in menu order, as
/// `{"name", "id", "label"}` dicts; `name` or `id` is what `cite` takes.
#[pyfunction]
fn styles(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for s in csl::styles() {
        let d = PyDict::new(py);
        d.set_item("name", s.name)?;
        d.set_item("id", s.id)?;
        d.set_item("label", s.label)?;
        list.append(d)?;
    }
    Ok(list)
}

/// `YYYY-MM-DD` with digits in the right places (the CLI's check).
fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Formats a citation of an article (a dict from `extract`) or of a CSL-JSON
/// item (a dict with a `type`). `accessed` (`YYYY-MM-DD`, default today in
/// UTC) is the access date of an article; a CSL item carries its own.
#[pyfunction]
#[pyo3(signature = (item_or_article, style="apa", *, form="bibliography", format="text", accessed=None))]
fn cite<'py>(
    py: Python<'py>,
    item_or_article: &Bound<'py, PyAny>,
    style: &str,
    form: &str,
    format: &str,
    accessed: Option<String>,
) -> PyResult<String> {
    let form = csl::Form::parse(form).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown form {form:?}: use \"bibliography\" or \"citation\""
        ))
    })?;
    let format = match format {
        "text" => Format::Text,
        "html" => Format::Html,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown format {other:?}: use \"text\" or \"html\""
            )))
        }
    };
    let accessed = match accessed {
        Some(d) if valid_date(&d) => d,
        Some(d) => {
            return Err(PyValueError::new_err(format!(
                "accessed wants YYYY-MM-DD, not {d:?}"
            )))
        }
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            tidings::iso_date_from_unix(secs)
        }
    };
    let dict = item_or_article.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err("cite takes a dict: an article from extract() or a CSL-JSON item")
    })?;
    let is_item = dict.contains("type")?;
    let value: serde_json::Value = pythonize::depythonize(dict.as_any()).map_err(|e| {
        let code = if is_item { "bad-item" } else { "bad-article" };
        raise(py, code, &format!("not JSON-like data: {e}"))
    })?;
    let item = if is_item {
        csl::parse_item(&value.to_string()).map_err(|e| raise(py, e.code(), e.message()))?
    } else {
        let article: Article = serde_json::from_value(value)
            .map_err(|e| raise(py, "bad-article", &format!("not an article: {e}")))?;
        tidings::item_from_article(&article, &accessed)
    };
    // Any official style (id, title, short name or ISSN) or export format.
    py.detach(|| csl::format_any(&item, style, None, format, form))
        .map_err(|e| raise(py, e.code(), e.message()))
}

#[pymodule]
fn _tidings(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(readerable, m)?)?;
    m.add_function(wrap_pyfunction!(styles, m)?)?;
    m.add_function(wrap_pyfunction!(cite, m)?)?;
    let errors = [
        ("TidingsError", py.get_type::<TidingsError>(), "internal"),
        ("TooLargeError", py.get_type::<TooLargeError>(), "too-large"),
        (
            "TooManyNodesError",
            py.get_type::<TooManyNodesError>(),
            "too-many-nodes",
        ),
        ("TooDeepError", py.get_type::<TooDeepError>(), "too-deep"),
        (
            "TooManyAttributesError",
            py.get_type::<TooManyAttributesError>(),
            "too-many-attributes",
        ),
        ("NotHtmlError", py.get_type::<NotHtmlError>(), "not-html"),
        (
            "NoArticleError",
            py.get_type::<NoArticleError>(),
            "no-article",
        ),
        ("InternalError", py.get_type::<InternalError>(), "internal"),
        ("CiteError", py.get_type::<CiteError>(), "bad-item"),
    ];
    for (name, ty, code) in errors {
        // The class's own code, so `NoArticleError.code` reads without an instance.
        ty.setattr("code", code)?;
        ty.setattr("__module__", "tidings")?;
        m.add(name, ty)?;
    }
    Ok(())
}
