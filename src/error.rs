//! The one error type of the crate: opaque, with a kind and a stable code for
//! the CLI and the JS side.

use std::fmt;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is larger than [`Limits::max_bytes`](crate::Limits).
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Parsing the input needed more than [`Limits::max_nodes`](crate::Limits) nodes.
    TooManyNodes {
        /// The limit, in nodes.
        limit: usize,
    },
    /// Elements nest deeper than [`Limits::max_depth`](crate::Limits).
    TooDeep {
        /// The limit, in levels of nesting.
        limit: usize,
    },
    /// An element has more than [`Limits::max_attributes`](crate::Limits) attributes.
    TooManyAttributes {
        /// The limit, in attributes.
        limit: usize,
    },
    /// The input is not an HTML document (binary data, empty input).
    NotHtml,
    /// The page holds no article text.
    NoArticle,
    /// The block picked by hand (a path) is not on the page, or holds no text.
    PickNotFound,
    /// A bug in tidings (caught, never a crash).
    Internal,
}

/// An extraction error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// An internal error (a caught panic), for callers that isolate pages.
    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Internal, message)
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// A stable, machine-readable code: `too-large`, `too-many-nodes`, `too-deep`, `too-many-attributes`,
    /// `not-html`, `no-article`, `pick-not-found`, `internal`.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::TooLarge { .. } => "too-large",
            ErrorKind::TooManyNodes { .. } => "too-many-nodes",
            ErrorKind::TooDeep { .. } => "too-deep",
            ErrorKind::TooManyAttributes { .. } => "too-many-attributes",
            ErrorKind::NotHtml => "not-html",
            ErrorKind::NoArticle => "no-article",
            ErrorKind::PickNotFound => "pick-not-found",
            ErrorKind::Internal => "internal",
        }
    }

    /// What went wrong, in words for a person.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
