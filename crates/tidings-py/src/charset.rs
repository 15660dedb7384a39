//! The charset an HTTP `Content-Type` header names.

/// The `charset` parameter of a `Content-Type` value (`text/html; charset="gbk"`),
/// for [`tidings::extract_bytes_with_charset`], which applies it.
pub fn label(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).trim())
    })
}
