//! A linear pass over the raw markup that finds the largest number of
//! attributes on one tag. html5ever checks each new attribute against the
//! tag's earlier ones (quadratic in the count), so a tag with a million
//! attributes would take hours; such input is refused before parsing.

/// Elements whose content is raw text: their `<` are not tags.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"plaintext",
];

/// The most attribute-like tokens found inside one start tag.
pub fn max_attributes(html: &str) -> usize {
    let b = html.as_bytes();
    let mut i = 0;
    let mut most = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = b[name_start..i].to_ascii_lowercase();
        let (count, end) = attributes(b, i);
        most = most.max(count);
        i = end;
        if RAW_TEXT.contains(&name.as_slice()) {
            // Skip to the matching end tag.
            let mut close = b"</".to_vec();
            close.extend_from_slice(&name);
            i = find_ci(b, i, &close).unwrap_or(b.len());
        }
    }
    most
}

/// Counts the attributes of a tag starting at `i` (after its name); returns the count and the end.
fn attributes(b: &[u8], mut i: usize) -> (usize, usize) {
    let mut count = 0;
    let mut in_token = false;
    let mut after_eq = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b'>' => return (count, i + 1),
            b'"' | b'\'' if after_eq => {
                i = memchr(c, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                after_eq = false;
                in_token = true;
            }
            b'=' => after_eq = true,
            c if c.is_ascii_whitespace() || c == b'/' => {
                in_token = false;
            }
            _ => {
                if !in_token && !after_eq {
                    count += 1;
                }
                in_token = true;
                after_eq = false;
            }
        }
        i += 1;
    }
    (count, b.len())
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::max_attributes;

    #[test]
    fn counts_attributes_of_the_busiest_tag() {
        assert_eq!(
            max_attributes(r#"<p class="a b c" id=x hidden>t</p><img src="a>b" alt='x y'>"#),
            3
        );
        assert_eq!(
            max_attributes("<script>if (a<b c d e f) {}</script><p a b>"),
            2
        );
        assert_eq!(max_attributes("<!-- <p a b c d e> --><br>"), 0);
        let many: String = (0..5000).map(|i| format!(" a{i}=\"{i}\"")).collect();
        assert_eq!(max_attributes(&format!("<p{many}>x</p>")), 5000);
    }
}
