//! Tidings: finds the article in a web page, removes the clutter, and cites it.
pub mod cite;
