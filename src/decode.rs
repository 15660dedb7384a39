//! Bytes to text the way browsers do it: a byte-order mark wins, then a
//! `<meta charset>` or `http-equiv` declaration in the first 1024 bytes, then
//! UTF-8 if the bytes are valid UTF-8, else windows-1252. A charset named by
//! the transport (an HTTP `Content-Type` header, e.g. from a WARC record)
//! comes between the byte-order mark and the page's own declaration.

use encoding_rs::Encoding;

/// How many leading bytes are searched for a charset declaration (the HTML spec's prescan length).
const PRESCAN_BYTES: usize = 1024;

/// Decodes a page. Invalid sequences become U+FFFD; this never fails.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    let enc = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]).unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    // A page that declares a legacy charset but is valid UTF-8 with non-ASCII text
    // was almost always re-saved as UTF-8: trust the bytes.
    let enc =
        if enc != encoding_rs::UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            enc
        };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Decodes a page whose transport named a charset (`label`, e.g. the `charset`
/// parameter of an HTTP `Content-Type`). The byte-order mark still wins; an
/// unknown or UTF-16 label is ignored (the page is decoded as by [`decode`]).
/// Two repairs for servers that label every page alike: a legacy label on
/// bytes that are valid UTF-8 with non-ASCII text gives UTF-8 (as in
/// [`decode`]), and a UTF-8 label on bytes that are not valid UTF-8 gives way
/// to the page's own `<meta>` declaration when it names another charset.
pub fn decode_with_charset(bytes: &[u8], label: Option<&str>) -> String {
    let named = label
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    let Some(named) = named else {
        return decode(bytes);
    };
    if Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let enc = if named == encoding_rs::UTF_8 && !valid_utf8 {
        prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]).unwrap_or(encoding_rs::UTF_8)
    } else if named != encoding_rs::UTF_8 && valid_utf8 && !bytes.is_ascii() {
        encoding_rs::UTF_8
    } else {
        named
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Finds `charset=…` in a `<meta>` tag of the head's first bytes.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(pos) = rest.find("<meta") {
        rest = &rest[pos + 5..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if let Some(cs) = tag.find("charset") {
            let after = tag[cs + 7..].trim_start();
            if let Some(after) = after.strip_prefix('=') {
                let label: String = after
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                    .collect();
                if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                    // The spec maps UTF-16 declarations in a byte stream to UTF-8.
                    return Some(
                        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else {
                            enc
                        },
                    );
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_meta_charset() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>新华社</p>");
        assert!(decode(&bytes).contains("新华社"));
    }

    #[test]
    fn transport_charset_comes_before_the_page() {
        // GBK bytes whose page says nothing, and whose page wrongly says UTF-8.
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>外国专家：中美合作共赢</p>");
        assert!(decode_with_charset(&gbk, Some("GBK")).contains("外国专家"));
        assert!(!decode(&gbk).contains("外国专家"));
        let mut lying = b"<meta charset=utf-8>".to_vec();
        lying.extend_from_slice(&gbk);
        assert!(decode_with_charset(&lying, Some("gb2312")).contains("中美合作"));
        // A server's blanket UTF-8 label on a GBK page that declares itself.
        let mut declared = b"<meta charset=gbk>".to_vec();
        declared.extend_from_slice(&gbk);
        assert!(decode_with_charset(&declared, Some("utf-8")).contains("中美合作"));
        // A blanket legacy label on a UTF-8 page; an unknown label; the BOM wins.
        let utf8 = "<p>Le Monde — été</p>".as_bytes();
        assert!(decode_with_charset(utf8, Some("iso-8859-1")).contains("été"));
        assert!(decode_with_charset(utf8, Some("x-no-such")).contains("été"));
        assert_eq!(decode_with_charset(b"\xEF\xBB\xBFabc", Some("gbk")), "abc");
    }

    #[test]
    fn bom_wins_and_invalid_bytes_do_not_fail() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), "abc");
        assert!(decode(b"<p>\xff\xfe\x00</p>").contains("<p>"));
    }
}
