//! The charset an HTTP `Content-Type` header names, applied the way browsers
//! apply it: a byte-order mark wins over the header, and the header over the
//! page's own `<meta charset>`.

use encoding_rs::Encoding;

/// The `charset` parameter of a `Content-Type` value (`text/html; charset="gbk"`).
fn label(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).trim())
    })
}

/// The page decoded with the header's charset, or `None` when the core should
/// find the charset itself: no usable label, a byte-order mark, or bytes
/// that are valid UTF-8 with non-ASCII text under a legacy label (the core's
/// rule for pages re-saved as UTF-8; servers' default labels are often stale).
pub fn decode(bytes: &[u8], content_type: &str) -> Option<String> {
    let enc = Encoding::for_label(label(content_type)?.as_bytes())?;
    if Encoding::for_bom(bytes).is_some()
        || (enc != encoding_rs::UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok())
    {
        return None;
    }
    Some(enc.decode_without_bom_handling(bytes).0.into_owned())
}
