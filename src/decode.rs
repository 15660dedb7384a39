//! Bytes to text the way browsers do it: a byte-order mark wins, then a
//! `<meta charset>` or `http-equiv` declaration in the first 1024 bytes, then
//! UTF-8 if the bytes are valid UTF-8, else windows-1252.

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
    fn bom_wins_and_invalid_bytes_do_not_fail() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), "abc");
        assert!(decode(b"<p>\xff\xfe\x00</p>").contains("<p>"));
    }
}
