//! The page address a caller passes in: parsed leniently, because a page
//! with a strange address is still a page.
//!
//! The `url` crate is built with the ASCII-only IDNA adapter (the Unicode
//! tables would add their size to the wasm module), so it rejects hosts such
//! as `seglerblog.stössenseer.de`. Those are rewritten here to their ASCII
//! form (`xn--` labels, RFC 3492 punycode) before parsing. Browsers hand us
//! addresses already in that form; users of the CLI and the library do not.

use url::Url;

/// Longest host name and label DNS allows, in bytes of their ASCII form; a
/// Unicode label is allowed four bytes a character before encoding.
const MAX_HOST_BYTES: usize = 253 * 4;
const MAX_LABEL_BYTES: usize = 63;

/// Dots that end a label in an internationalised host (UTS #46 maps them to `.`).
const LABEL_DOTS: &[char] = &['.', '。', '．', '｡'];

/// Parses `raw` as an absolute URL, putting non-ASCII host labels into
/// punycode first. The error is a message fit for a warning.
pub fn parse(raw: &str) -> Result<Url, String> {
    // The ASCII-only adapter must never see a non-ASCII host (with an
    // upper-case ASCII letter beside it, it even trips a debug assertion).
    match authority(raw) {
        Some((start, end)) if !raw[start..end].is_ascii() => ascii_host(raw, start, end)
            .ok_or_else(|| "its host is not a valid international domain name".to_string())
            .and_then(|ascii| Url::parse(&ascii).map_err(|e| e.to_string())),
        _ => Url::parse(raw).map_err(|e| e.to_string()),
    }
}

/// Whether `raw` is `scheme://…` with a non-ASCII authority: what [`parse`]
/// must see instead of the `url` crate alone.
pub fn has_non_ascii_host(raw: &str) -> bool {
    authority(raw).is_some_and(|(start, end)| !raw[start..end].is_ascii())
}

/// Byte range of the authority (`user@host:port`) after `scheme://`, when
/// the text before `://` is a scheme (not a relative link that carries an
/// address in its query: `/share?u=https://…`).
fn authority(raw: &str) -> Option<(usize, usize)> {
    let scheme_end = raw.find("://")?;
    let scheme = &raw[..scheme_end];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !is_scheme {
        return None;
    }
    let start = scheme_end + 3;
    let rest = &raw[start..];
    Some((
        start,
        start + rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len()),
    ))
}

/// `raw` with its host's labels lower-cased and the non-ASCII ones punycoded;
/// None when a label cannot be encoded.
fn ascii_host(raw: &str, start: usize, end: usize) -> Option<String> {
    let authority = &raw[start..end];
    // Keep any user-info and port as they are; only the host changes.
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let host_end = authority[host_start..]
        .rfind(':')
        .map_or(authority.len(), |i| host_start + i);
    let host = &authority[host_start..host_end];
    // DNS bounds: 253 bytes a name, 63 a label (punycode's cost grows with a
    // label's length times its distinct characters: a hostile link must not
    // make it work for seconds).
    if host.len() > MAX_HOST_BYTES {
        return None;
    }
    let mut ascii = String::with_capacity(host.len() + 8);
    for (i, label) in host.split(LABEL_DOTS).enumerate() {
        if i > 0 {
            ascii.push('.');
        }
        if label.len() > MAX_LABEL_BYTES * 4 {
            return None;
        }
        let label = crate::text::lower(label);
        if label.is_ascii() {
            ascii.push_str(&label);
        } else {
            ascii.push_str("xn--");
            ascii.push_str(&idna::punycode::encode_str(&label)?);
        }
    }
    let abs = start + host_start;
    Some(format!(
        "{}{}{}",
        &raw[..abs],
        ascii,
        &raw[start + host_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn unicode_hosts_become_punycode() {
        // Hosts of real pages (a German sailing blog, a Chinese government site, a Japanese shop).
        for (raw, want) in [
            (
                "https://seglerblog.stössenseer.de/2019/05/17/regatta/",
                "https://seglerblog.xn--stssenseer-fcb.de/2019/05/17/regatta/",
            ),
            (
                "http://例子.测试/新闻?id=1",
                "http://xn--fsqu00a.xn--0zwm56d/%E6%96%B0%E9%97%BB?id=1",
            ),
            (
                "https://user@Bücher.example:8080/a#b",
                "https://user@xn--bcher-kva.example:8080/a#b",
            ),
            ("https://münchen。de/", "https://xn--mnchen-3ya.de/"),
        ] {
            assert_eq!(parse(raw).unwrap().as_str(), want, "{raw}");
        }
    }

    #[test]
    fn other_bad_addresses_say_why() {
        for raw in ["not a url", "http://[bad", "https://", "/relative/path"] {
            assert!(parse(raw).is_err(), "{raw}");
        }
        // A host far past DNS's bounds is refused before it is encoded.
        let long: String = (0..5000u32)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .collect();
        assert!(parse(&format!("http://{long}/")).is_err());
        // An address in a relative link's query is not the link's host.
        assert!(!super::has_non_ascii_host("/share?u=https://bücher.de/"));
        assert!(super::has_non_ascii_host("https://bücher.de/"));
        assert_eq!(
            parse("https://example.com/a").unwrap().as_str(),
            "https://example.com/a"
        );
    }
}
