//! The named character reference table of vendor/web_atoms (a sorted table
//! of the full names, see vendor/web_atoms/README.md) against the upstream
//! prefix-expanded map it replaces, and html5ever's decoding through it.

use std::collections::HashMap;

use html5ever::data::NAMED_ENTITIES;
use tidings::dom::{Dom, NodeId};

/// The map upstream web_atoms builds, built the same way from the unchanged
/// WHATWG list: every name (without `&`) to its code points, every proper
/// prefix of a name and the empty string to `(0, 0)`.
fn upstream_map() -> HashMap<String, (u32, u32)> {
    let mut map: HashMap<String, (u32, u32)> = web_atoms::ENTITY_LIST
        .iter()
        .map(|&(name, cp1, cp2)| {
            let name = name.strip_prefix('&').expect("names start with &");
            (name.to_string(), (cp1, cp2))
        })
        .collect();
    for (name, _, _) in web_atoms::ENTITY_LIST {
        let name = &name[1..];
        for n in 1..name.len() {
            map.entry(name[..n].to_string()).or_insert((0, 0));
        }
    }
    map.insert(String::new(), (0, 0));
    map
}

/// The answer by brute force over the list: no map, no order.
fn brute_force(key: &str) -> Option<(u32, u32)> {
    let names = web_atoms::ENTITY_LIST
        .iter()
        .map(|(n, a, b)| (&n[1..], (*a, *b)));
    let mut prefix = false;
    for (name, value) in names {
        if name == key {
            return Some(value);
        }
        prefix |= name.starts_with(key);
    }
    prefix.then_some((0, 0))
}

/// Deterministic pseudo-random numbers (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Strings that are neither names nor prefixes of names, or may be by chance.
fn other_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for (name, _, _) in web_atoms::ENTITY_LIST {
        let name = &name[1..];
        // One more character: a longer name, a prefix of one, or nothing.
        for c in ['x', ';', 'A', 'z', '0', '\n', '\0', '&', 'é', '\u{7f}', '~'] {
            keys.push(format!("{name}{c}"));
        }
        // The last character changed.
        let stem = &name[..name.len() - 1];
        for c in ['a', 'Z', ';', '1', '\n', 'ÿ'] {
            keys.push(format!("{stem}{c}"));
        }
        // Upper and lower case.
        keys.push(name.to_ascii_uppercase());
        keys.push(name.to_ascii_lowercase());
    }
    let alphabet: Vec<char> = "aAbBcdeEfgGhiIlLmnNoOpqrRsStTuUvwxyzZ019;&#\n é∉"
        .chars()
        .collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..5000 {
        let len = rng.below(14);
        keys.push(
            (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect(),
        );
    }
    keys.extend(
        [
            "", ";", "\n", "&", "&amp;", "{", "\u{0}", "zz", "zwnj;x", "AMP", "Ω", "€",
        ]
        .map(String::from),
    );
    keys
}

#[test]
fn html5ever_uses_the_vendored_table() {
    // The patch applies to html5ever's copy too: one static, not two crates' worth.
    assert!(std::ptr::eq(&NAMED_ENTITIES, &web_atoms::NAMED_ENTITIES));
    assert_eq!(web_atoms::ENTITY_LIST.len(), 2231);
    assert_eq!(NAMED_ENTITIES.len(), 2231);
    assert!(!NAMED_ENTITIES.is_empty());
}

#[test]
fn table_holds_the_list_sorted() {
    let mut list: Vec<(&str, (u32, u32))> = web_atoms::ENTITY_LIST
        .iter()
        .map(|(n, a, b)| (&n[1..], (*a, *b)))
        .collect();
    list.sort_unstable();
    let table: Vec<(String, (u32, u32))> = NAMED_ENTITIES.entries().map(|(n, v)| (n, *v)).collect();
    let list: Vec<(String, (u32, u32))> =
        list.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
    assert_eq!(table, list);
}

#[test]
fn every_name_and_prefix_answers_as_the_upstream_map() {
    let map = upstream_map();
    // The upstream map's size: 2,231 names plus their distinct proper prefixes and "".
    assert_eq!(map.len(), 9854);
    for (key, value) in &map {
        assert_eq!(NAMED_ENTITIES.get(key), Some(value), "key {key:?}");
        assert_eq!(brute_force(key), Some(*value), "key {key:?}");
    }
}

#[test]
fn other_strings_answer_as_the_upstream_map() {
    let map = upstream_map();
    let keys = other_keys();
    let mut misses = 0;
    for key in &keys {
        let expected = map.get(key.as_str()).copied();
        assert_eq!(NAMED_ENTITIES.get(key).copied(), expected, "key {key:?}");
        misses += usize::from(expected.is_none());
    }
    // Most of them are not names nor prefixes: the None side is exercised.
    assert!(misses > keys.len() / 2, "{misses} of {}", keys.len());
    // Spot checks of the three kinds of answer against the brute force too.
    for key in keys.iter().step_by(7) {
        assert_eq!(
            NAMED_ENTITIES.get(key).copied(),
            brute_force(key),
            "key {key:?}"
        );
    }
}

#[test]
fn known_answers() {
    let get = |k: &str| NAMED_ENTITIES.get(k).copied();
    assert_eq!(get("amp;"), Some((38, 0)));
    assert_eq!(get("amp"), Some((38, 0)));
    assert_eq!(get("am"), Some((0, 0)));
    assert_eq!(get(""), Some((0, 0)));
    assert_eq!(get("ampx"), None);
    assert_eq!(get("acE;"), Some((0x223E, 0x0333)));
    assert_eq!(get("NotNestedGreaterGreater;"), Some((0x2AA2, 0x0338)));
    assert_eq!(get("NotNestedGreaterGreater"), Some((0, 0)));
    assert_eq!(get("AElig"), Some((198, 0)));
    assert_eq!(get("Aacute;"), Some((193, 0)));
    assert_eq!(get("A"), Some((0, 0)));
    assert_eq!(get("zwnj;"), Some((0x200C, 0)));
    assert_eq!(get("zwnj;;"), None);
    assert_eq!(get("zz"), None);
    assert_eq!(get("{"), None);
    assert_eq!(get("\n"), None);
}

// ---------------------------------------------------------------- through the parser

fn parse(html: &str) -> Dom {
    tidings::dom::parse(html, &tidings::Limits::default().for_parse())
        .expect("parses within limits")
}

fn by_id(dom: &Dom, id: &str) -> NodeId {
    dom.descendants(NodeId::DOCUMENT)
        .find(|&n| dom.attr(n, "id") == Some(id))
        .unwrap_or_else(|| panic!("no element #{id}"))
}

fn text_of(html: &str, id: &str) -> String {
    let dom = parse(html);
    dom.text_content(by_id(&dom, id))
}

fn title_of(html: &str, id: &str) -> String {
    let dom = parse(html);
    dom.attr(by_id(&dom, id), "title")
        .expect("title attribute")
        .to_string()
}

#[test]
fn text_character_references_decode_as_the_spec_says() {
    let cases: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&AMP;", "&"),
        ("&AMP", "&"),
        // A legacy name without `;` matches in text, what follows stays.
        ("&ampx", "&x"),
        ("&amp", "&"),
        ("&notin;", "\u{2209}"),
        // Longest match: `not` (legacy, no `;`), then `it;` as text.
        ("&notit;", "\u{AC}it;"),
        ("&notin", "\u{AC}in"),
        // Two code points.
        ("&acE;", "\u{223E}\u{0333}"),
        ("&NotNestedGreaterGreater;", "\u{2AA2}\u{0338}"),
        // A long prefix that completes nothing: no legacy name along the way.
        ("&NotNestedGreaterGreate;", "&NotNestedGreaterGreate;"),
        ("a &lt b", "a < b"),
        ("a &lt;b", "a <b"),
        ("&unknown;", "&unknown;"),
        ("&;", "&;"),
        ("& x", "& x"),
        ("&zwnj;", "\u{200C}"),
        ("&Aacute;&aacute&AElig", "\u{C1}\u{E1}\u{C6}"),
        ("&copy2024", "\u{A9}2024"),
        // Numeric references and the C1 replacement table, also in web_atoms.
        ("&#x80;&#128;&#x2014;&#38;", "\u{20AC}\u{20AC}\u{2014}&"),
    ];
    for (raw, decoded) in cases {
        let html = format!("<!doctype html><title>t</title><p id=t>{raw}</p><p>after</p>");
        assert_eq!(text_of(&html, "t"), *decoded, "text {raw:?}");
    }
}

#[test]
fn references_at_the_end_of_input() {
    let cases: &[(&str, &str)] = &[
        ("x &", "x &"),
        ("x &amp", "x &"),
        ("x &am", "x &am"),
        ("x &noti", "x \u{AC}i"),
        ("x &NotNestedGreaterGreater", "x &NotNestedGreaterGreater"),
    ];
    for (raw, decoded) in cases {
        let html = format!("<!doctype html><title>t</title><p id=t>{raw}");
        assert_eq!(text_of(&html, "t"), *decoded, "end of input after {raw:?}");
    }
}

#[test]
fn attribute_character_references_follow_the_legacy_rule() {
    let cases: &[(&str, &str)] = &[
        ("x&amp;y", "x&y"),
        // A legacy name without `;` followed by `=` or an alphanumeric stays as written.
        ("x&amp=y", "x&amp=y"),
        ("&ampx", "&ampx"),
        ("&notin", "&notin"),
        ("&amp", "&"),
        ("a&lt b", "a< b"),
        ("&notit;", "&notit;"),
        ("&notin;", "\u{2209}"),
        ("&acE;", "\u{223E}\u{0333}"),
        ("&unknown;", "&unknown;"),
        ("q?a=1&copy=2", "q?a=1&copy=2"),
    ];
    for (raw, decoded) in cases {
        let html = format!("<!doctype html><p id=t title=\"{raw}\">x</p>");
        assert_eq!(title_of(&html, "t"), *decoded, "attribute {raw:?}");
        let unquoted = format!("<!doctype html><p id=t title={raw} >x</p>");
        if !raw.contains(' ') {
            assert_eq!(
                title_of(&unquoted, "t"),
                *decoded,
                "unquoted attribute {raw:?}"
            );
        }
    }
}

#[test]
fn sanitized_output_keeps_the_decoded_characters() {
    let out = tidings::sanitize_html(
        "<p>a &lt b &notit; &acE; &NotNestedGreaterGreater; &unknown; &ampx</p>",
        None,
    );
    // Serialization escapes `&` and `<` again; everything else comes out decoded.
    assert!(
        out.contains("a &lt; b \u{AC}it; \u{223E}\u{0333} \u{2AA2}\u{0338} &amp;unknown; &amp;x"),
        "{out}"
    );
}
