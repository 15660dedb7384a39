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

/// How much the context-free bound ([`attributes_anywhere`]) may exceed the
/// count: it also counts "tags" inside scripts and comments, so it is only
/// trusted at this multiple, where parsing really gets slow.
const ANYWHERE_FACTOR: usize = 10;

/// The most attributes html5ever may build for one tag, when that exceeds
/// `limit`, else `None`. The count is the larger of the count over the tags
/// this scan takes for tags, and a tenth of [`attributes_anywhere`]. The
/// first skips raw text (so scripts with `<` do not count) but can be misled
/// about where raw text and comments are (`<svg><title>`, `<select><xmp>`,
/// `<!-->`, `--!>` …); the second cannot. The context-free bound goes first:
/// no tag html5ever builds has more attributes than it counts, so when it is
/// within the limit (nearly every page) the first scan is skipped.
pub fn attributes_over(html: &str, limit: usize) -> Option<usize> {
    let anywhere = attributes_anywhere(html.as_bytes());
    if anywhere <= limit {
        return None;
    }
    let most = tag_attributes(html).max(anywhere / ANYWHERE_FACTOR);
    (most > limit).then_some(most)
}

/// States of the HTML tokenizer from a tag name to the tag's `>`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagState {
    Name,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeValue,
    DoubleQuoted,
    SingleQuoted,
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

const STATES: usize = 10;

const fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// One tokenizer step; `None` when the tag ends. The flag says whether `c` starts a new attribute.
const fn step(state: TagState, c: u8) -> Option<(TagState, bool)> {
    use TagState::*;
    Some(match (state, c) {
        (DoubleQuoted, b'"') | (SingleQuoted, b'\'') => (AfterQuoted, false),
        (DoubleQuoted | SingleQuoted, _) => (state, false),
        (_, b'>') => return None,
        (Name, c) if is_space(c) => (BeforeAttrName, false),
        (Name | AttrName | Unquoted | AfterQuoted | SelfClosing, b'/') => (SelfClosing, false),
        (Name, _) => (Name, false),
        (BeforeAttrName | AfterAttrName, b'/') => (SelfClosing, false),
        (BeforeAttrName | AfterAttrName | BeforeValue | AfterQuoted | Unquoted, c)
            if is_space(c) =>
        {
            (
                if matches!(state, AfterAttrName) {
                    AfterAttrName
                } else if matches!(state, BeforeValue) {
                    BeforeValue
                } else {
                    BeforeAttrName
                },
                false,
            )
        }
        (AttrName, c) if is_space(c) => (AfterAttrName, false),
        (AttrName | AfterAttrName, b'=') => (BeforeValue, false),
        (AttrName, _) => (AttrName, false),
        (BeforeValue, b'"') => (DoubleQuoted, false),
        (BeforeValue, b'\'') => (SingleQuoted, false),
        (BeforeValue, _) | (Unquoted, _) => (Unquoted, false),
        // Anything else starts an attribute (an `=` too, as its name's first character).
        (BeforeAttrName | AfterAttrName | AfterQuoted | SelfClosing, _) => (AttrName, true),
    })
}

/// An upper bound on the attributes of any tag html5ever could tokenize,
/// whatever the context: every `<` followed by a letter (or `/` and a
/// letter) is taken as a possible tag start, inside scripts and comments
/// too, and all of them are followed at once through the tokenizer's tag
/// states (runs in the same state merge, keeping the larger count), so it
/// stays linear.
pub fn attributes_anywhere(b: &[u8]) -> usize {
    // For each state, the largest attribute count of a run now in it (valid
    // where its bit is set in `active`). Text outside any run is skipped to
    // the next `<`, so the pass costs little beyond the tags themselves.
    let mut runs = [0usize; STATES];
    let mut active: u16 = 0;
    let mut most = 0;
    let mut i = 0;
    while i < b.len() {
        if active == 0 {
            match memchr(b'<', &b[i..]) {
                Some(off) => i += off,
                None => break,
            }
        }
        let c = b[i];
        let mut next_active: u16 = 0;
        if active & active.wrapping_sub(1) == 0 {
            // At most one live run (the usual case): update it in place.
            if active != 0 {
                let s = active.trailing_zeros() as usize;
                let t = TRANSITIONS[s][c as usize];
                if t != END {
                    let (ns, new_attr) = (usize::from(t & 0x7f), t >> 7);
                    let n = runs[s] + usize::from(new_attr);
                    most = most.max(n);
                    runs[ns] = n;
                    next_active = 1 << ns;
                }
            }
        } else {
            let mut next = [0usize; STATES];
            let mut todo = active;
            while todo != 0 {
                let s = todo.trailing_zeros() as usize;
                todo &= todo - 1;
                let t = TRANSITIONS[s][c as usize];
                if t != END {
                    let (ns, new_attr) = (usize::from(t & 0x7f), t >> 7);
                    let n = runs[s] + usize::from(new_attr);
                    most = most.max(n);
                    let bit = 1u16 << ns;
                    next[ns] = if next_active & bit == 0 {
                        n
                    } else {
                        next[ns].max(n)
                    };
                    next_active |= bit;
                }
            }
            runs = next;
        }
        if c == b'<' {
            let name_at = if b.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            if b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                // The run starts in the tag name at `name_at`.
                let bit = 1u16 << TagState::Name as usize;
                if next_active & bit == 0 {
                    runs[TagState::Name as usize] = 0;
                    next_active |= bit;
                }
                i = name_at;
            }
        }
        active = next_active;
        i += 1;
        // Skip the bytes on which every live run stays put: inside quoted
        // values all but their quote (and `<`, which may start a new run).
        const DQ: u16 = 1 << TagState::DoubleQuoted as usize;
        const SQ: u16 = 1 << TagState::SingleQuoted as usize;
        if active == DQ {
            i += memchr::memchr2(b'"', b'<', &b[i..]).unwrap_or(b.len() - i);
        } else if active == SQ {
            i += memchr::memchr2(b'\'', b'<', &b[i..]).unwrap_or(b.len() - i);
        } else if active & !LOOPING == 0 {
            i += skip_while(&b[i..], |c| !is_special(c));
        }
    }
    most
}

/// [`step`] as a table: `TRANSITIONS[state][byte]` is the next state, with
/// the high bit set when the byte starts an attribute, or [`END`].
const TRANSITIONS: [[u8; 256]; STATES] = {
    let mut t = [[END; 256]; STATES];
    let mut s = 0;
    while s < STATES {
        let mut c = 0;
        while c < 256 {
            if let Some((ns, new_attr)) = step(state_of(s), c as u8) {
                t[s][c] = ns as u8 | if new_attr { 0x80 } else { 0 };
            }
            c += 1;
        }
        s += 1;
    }
    t
};
const END: u8 = 0xff;

/// States that stay put, with the same count, on any byte outside [`is_special`].
const LOOPING: u16 = 1 << TagState::Name as usize
    | 1 << TagState::AttrName as usize
    | 1 << TagState::Unquoted as usize
    | 1 << TagState::DoubleQuoted as usize
    | 1 << TagState::SingleQuoted as usize;

/// Bytes that can move a run to another state (or start one).
fn is_special(c: u8) -> bool {
    matches!(c, b'<' | b'>' | b'"' | b'\'' | b'/' | b'=') || is_space(c)
}

const fn state_of(i: usize) -> TagState {
    use TagState::*;
    [
        Name,
        BeforeAttrName,
        AttrName,
        AfterAttrName,
        BeforeValue,
        DoubleQuoted,
        SingleQuoted,
        Unquoted,
        AfterQuoted,
        SelfClosing,
    ][i]
}

/// The most attribute-like tokens found inside one start tag.
fn tag_attributes(html: &str) -> usize {
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
        let name = &b[name_start..i];
        let (count, end) = attributes(b, i);
        most = most.max(count);
        i = end;
        if RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            // Skip to the matching end tag.
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
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

/// How many bytes from the start of `hay` satisfy `keep`, tested 16 at a
/// time (the chunk test compiles to vector compares) before byte by byte.
#[inline(always)]
fn skip_while(hay: &[u8], keep: impl Fn(u8) -> bool) -> usize {
    // Most skips inside tags are short: try a few bytes one by one first.
    for (i, &c) in hay.iter().take(8).enumerate() {
        if !keep(c) {
            return i;
        }
    }
    let mut i = hay.len().min(8);
    while let Some(chunk) = hay.get(i..i + 16) {
        let chunk: &[u8; 16] = chunk.try_into().expect("16 bytes");
        if !chunk.iter().fold(true, |all, &c| all & keep(c)) {
            break;
        }
        i += 16;
    }
    i + hay[i..]
        .iter()
        .position(|&c| !keep(c))
        .unwrap_or(hay.len() - i)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

/// The first `pat` at or after `from` (`pat` is not empty).
fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, pat).map(|i| from + i)
}

/// The first `pat` at or after `from`, ASCII case-insensitively (`pat` starts with a non-letter).
fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    find_by(b, from, pat, |w| w.eq_ignore_ascii_case(pat))
}

fn find_by(b: &[u8], from: usize, pat: &[u8], eq: impl Fn(&[u8]) -> bool) -> Option<usize> {
    let mut i = from;
    loop {
        i += memchr(pat[0], b.get(i..)?)?;
        if eq(b.get(i..i + pat.len())?) {
            return Some(i);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::attributes_over;

    /// The count itself (over a limit of 0).
    fn max_attributes(html: &str) -> usize {
        attributes_over(html, 0).unwrap_or(0)
    }

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
        assert_eq!(
            attributes_over(&format!("<p{many}>x</p>"), 4999),
            Some(5000)
        );
        assert_eq!(attributes_over(&format!("<p{many}>x</p>"), 5000), None);
        // A script full of `<a b c …`: over the bound, under the real count.
        let script: String = (0..2000).map(|i| format!("if(x<y a{i}){{}}")).collect();
        assert_eq!(
            attributes_over(&format!("<script>{script}</script>"), 1000),
            None
        );
    }

    /// Tags the first scan misreads: each still counts (at least a tenth).
    #[test]
    fn no_context_hides_a_tag() {
        let n = 20_000;
        let sp: String = (0..n).map(|i| format!(" a{i}")).collect();
        let adjacent: String = (0..n).map(|i| format!("a{i}=\"1\"")).collect();
        let eq_names: String = (0..n).map(|i| format!(" =a{i}=1")).collect();
        for html in [
            format!("<p {adjacent}>x</p>"),
            format!("<p{eq_names}>x</p>"),
            format!("<p>x</p{sp}>"),
            format!("<!--><p{sp}>x</p>"),
            format!("<!---><p{sp}>x</p>"),
            format!("<!-- --!><p{sp}>x</p> -->"),
            format!("<svg><title><p{sp}>x</p></title></svg>"),
            format!("<select><xmp><p{sp}>x</p></xmp></select>"),
            format!("<script><a b=\"</script><p{sp}>\"</script>"),
            format!("<p/{}>", "a/".repeat(n)),
        ] {
            let c = max_attributes(&html);
            assert!(c >= n / 10, "{c} for {}", &html[..40]);
        }
        assert_eq!(super::attributes_anywhere(b"<p a=\"1\"b='2' c=3 d>"), 4);
        assert_eq!(super::attributes_anywhere(b"<p =a =b>"), 1);
        assert_eq!(super::attributes_anywhere(b"if (a < b) { x = y }"), 0);
    }

    /// The straightforward form of [`attributes_anywhere`] (every byte, every
    /// state): the fast one must agree with it.
    fn reference(b: &[u8]) -> usize {
        use super::{state_of, step, TagState, STATES};
        // For each state, the largest attribute count of a run now in it.
        let mut runs: [Option<usize>; STATES] = [None; STATES];
        let mut most = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let mut next: [Option<usize>; STATES] = [None; STATES];
            for (s, count) in runs.iter().enumerate() {
                let Some(count) = *count else { continue };
                if let Some((ns, new_attr)) = step(state_of(s), c) {
                    let n = count + usize::from(new_attr);
                    most = most.max(n);
                    let slot = &mut next[ns as usize];
                    *slot = Some(slot.map_or(n, |m: usize| m.max(n)));
                }
            }
            if c == b'<' {
                let name_at = if b.get(i + 1) == Some(&b'/') {
                    i + 2
                } else {
                    i + 1
                };
                if b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                    // The run starts in the tag name at `name_at`.
                    let slot = &mut next[TagState::Name as usize];
                    *slot = Some(slot.unwrap_or(0));
                    i = name_at;
                }
            }
            runs = next;
            i += 1;
        }
        most
    }

    #[test]
    fn fast_anywhere_scan_agrees_with_the_plain_one() {
        use super::*;
        let mut inputs: Vec<Vec<u8>> = [
            "<p a b c>x</p>",
            "a<b c=\"d>e\" f g>h",
            "<<a x='y' z>",
            "<a/b/c d=e f>",
            "< a b>",
            "</p a b>",
            "<!-- <p a b c> -->",
            "<p a=\"x",
            "<p\ta\nb\rc\x0cd>",
            "<p a= 'b'c d>",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pages");
        for d in std::fs::read_dir(root).unwrap() {
            if let Ok(html) = std::fs::read(d.unwrap().path().join("source.html")) {
                inputs.push(html);
            }
        }
        // Pseudo-random soups of the bytes the tag states care about.
        let alphabet = b"<>/=\"' \tab-!sScCrR";
        let mut x: u32 = 12345;
        for len in [5usize, 20, 200, 2000] {
            for _ in 0..200 {
                let v = (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        alphabet[(x >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                inputs.push(v);
            }
        }
        for b in &inputs {
            for (pat, from) in [(&b"-->"[..], 0), (b"</sCript", 3), (b"<", 1)] {
                let plain = |ci: bool| {
                    b.get(from..).and_then(|r| {
                        r.windows(pat.len())
                            .position(|w| {
                                if ci {
                                    w.eq_ignore_ascii_case(pat)
                                } else {
                                    w == pat
                                }
                            })
                            .map(|p| p + from)
                    })
                };
                assert_eq!(find(b, from, pat), plain(false));
                assert_eq!(find_ci(b, from, pat), plain(true));
            }
            assert_eq!(
                attributes_anywhere(b),
                reference(b),
                "{:?}",
                String::from_utf8_lossy(&b[..b.len().min(80)])
            );
        }
    }
}
