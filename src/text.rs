//! Text measures that treat Chinese, Japanese and Korean fairly next to Latin
//! scripts: CJK text is counted in characters, other text in words.

use crate::dom::{Dom, NodeId};

/// Whether `c` is a CJK ideograph, kana, hangul or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x2FA1F)
}

/// Whether `c` is a CJK ideograph, kana or hangul (not punctuation).
pub fn is_cjk_letter(c: char) -> bool {
    is_cjk(c)
        && !matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// [`Counts::with_commas`]' classes of ASCII bytes: letters and digits make
/// words, `'` and `-` join them ("don't", "well-known"), `,` is counted,
/// anything else ends a word.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const JOINER: u8 = 2;
const COMMA: u8 = 3;
const ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        b += 1;
    }
    t[b'\'' as usize] = JOINER;
    t[b'-' as usize] = JOINER;
    t[b',' as usize] = COMMA;
    t
};

/// Counts of a text: CJK letters and Latin-script (non-CJK) words.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub cjk: usize,
    pub words: usize,
}

impl Counts {
    /// Whether the text counted is mostly CJK.
    pub fn mostly_cjk(self) -> bool {
        self.cjk > self.words * 2
    }

    pub fn of(text: &str) -> Counts {
        Counts::with_commas(text).0
    }

    /// The counts and, in the same pass, the commas and clause marks (Latin
    /// and CJK: `,` `，` `、` `；` `。`), a sign of real prose.
    pub fn with_commas(text: &str) -> (Counts, usize) {
        let mut c = Counts::default();
        let mut commas = 0;
        let mut in_word = false;
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Eight ASCII bytes without a joiner at once: each letter or
            // digit after something else starts a word.
            if let Some(chunk) = b.get(i..i + 8) {
                let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if w & swar::HIGH == 0 && swar::equal(w, b'\'') | swar::equal(w, b'-') == 0 {
                    let letters = swar::alphanumeric(w);
                    let before = (letters << 8) | if in_word { 0x80 } else { 0 };
                    c.words += (letters & !before).count_ones() as usize;
                    commas += swar::equal(w, b',').count_ones() as usize;
                    in_word = letters >> 63 != 0;
                    i += 8;
                    continue;
                }
            }
            let x = b[i];
            if x.is_ascii() {
                // ASCII byte by byte through a class table: the common case
                // in every script's markup-free text.
                let class = ASCII_CLASS[usize::from(x)];
                let letter = class == ALNUM;
                c.words += usize::from(letter & !in_word);
                in_word = letter | (in_word & (class == JOINER));
                commas += usize::from(class == COMMA);
                i += 1;
                continue;
            }
            let ch = text[i..].chars().next().expect("char boundary");
            i += ch.len_utf8();
            if is_cjk_letter(ch) {
                c.cjk += 1;
                in_word = false;
            } else if !is_general_punctuation(ch) && ch.is_alphanumeric() {
                c.words += usize::from(!in_word);
                in_word = true;
            } else if ch != '’' {
                in_word = false;
                commas += usize::from(matches!(ch, '，' | '、' | '；' | '。'));
            }
        }
        (c, commas)
    }

    /// Reading units: one per word, one per CJK character.
    pub fn units(self) -> usize {
        self.cjk + self.words
    }

    /// A length comparable across scripts: a CJK character weighs like a
    /// short word (about 2.5 Latin characters), a word like six characters.
    pub fn weight(self) -> f64 {
        self.cjk as f64 * 2.5 + self.words as f64 * 6.0
    }
}

/// U+2000–U+206F: spaces, dashes, quotes, bullets; none alphanumeric, and
/// common enough in prose (curly quotes) to answer without Unicode's tables.
fn is_general_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}')
}

/// Estimated reading time in minutes: about 230 words or 400 CJK characters a minute.
pub fn reading_minutes(c: Counts) -> u32 {
    let minutes = c.words as f64 / 230.0 + c.cjk as f64 / 400.0;
    if c.units() == 0 {
        0
    } else {
        minutes.ceil().max(1.0) as u32
    }
}

/// Whether `c` is ASCII or has no case at all, so ASCII case mapping is the
/// whole of its Unicode case mapping: CJK ideographs, kana, hangul, CJK and
/// general punctuation (Chinese text is all of these).
fn caseless_beyond_ascii(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32,
            0x2000..=0x206F       // general punctuation: dashes, quotes, spaces
            | 0x3000..=0x303F     // CJK symbols and punctuation
            | 0x3040..=0x30FF     // hiragana, katakana
            | 0x3400..=0x4DBF     // CJK extension A
            | 0x4E00..=0x9FFF     // CJK unified ideographs
            | 0xAC00..=0xD7AF     // hangul syllables
            | 0xF900..=0xFAFF     // CJK compatibility ideographs
            | 0xFF01..=0xFF20     // full-width punctuation and digits (not the letters)
            | 0x20000..=0x2FA1F)
}

/// Unicode lower case (full mapping, as `str::to_lowercase`). For text
/// beyond ASCII the wasm build asks the browser (`String.prototype.toLowerCase`,
/// the same Unicode data), so the module does not carry Rust's case tables
/// (about 30 KB); ASCII text, most calls, stays in Rust (a call out to JS and
/// back costs more than the work).
pub fn lower(s: &str) -> String {
    if s.chars().all(caseless_beyond_ascii) {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(s).to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    return s.to_lowercase();
}

/// Unicode upper case (full mapping, as `str::to_uppercase`); see [`lower`].
pub fn upper(s: &str) -> String {
    if s.chars().all(caseless_beyond_ascii) {
        return s.to_ascii_uppercase();
    }
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(s).to_upper_case());
    #[cfg(not(target_arch = "wasm32"))]
    return s.to_uppercase();
}

/// Lower-case letters and digits of `s`, nothing else: a key for comparing names.
pub fn alnum_key(s: &str) -> String {
    lower(
        &s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>(),
    )
}

/// The longest prefix of `s` of at most `max_bytes` bytes that ends on a character boundary.
pub fn prefix(s: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Collapses runs of whitespace to one space and trims.
pub fn normalize_ws(s: &str) -> String {
    let mut n = Normalizer::with_capacity(s.len());
    n.push_str(s);
    n.out
}

/// Text of the subtree at `id` with whitespace collapsed (as [`normalize_ws`]
/// of [`Dom::text_content`]), or `None` as soon as it is longer than
/// `max_chars` characters: short-line tests skip paragraphs without building them.
pub fn normalized_text(dom: &Dom, id: NodeId, max_chars: usize) -> Option<String> {
    let mut n = Normalizer::default();
    for d in dom.descendants(id) {
        if let Some(t) = dom.text(d) {
            n.push_str_capped(t, max_chars);
            if n.chars > max_chars {
                return None;
            }
        }
    }
    Some(n.out)
}

/// [`normalize_ws`] fed piece by piece (e.g. text node after text node),
/// counting the characters written so a caller can stop early.
#[derive(Default)]
pub struct Normalizer {
    pub out: String,
    /// Characters in `out`.
    pub chars: usize,
    pending: bool,
}

fn is_ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// What a byte says about white space where a character starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Not white space: any other ASCII byte, continuation bytes, and lead
    /// bytes no white space character starts with.
    Kept,
    /// U+0020.
    Space,
    /// ASCII white space other than U+0020: tab, LF, VT, FF, CR.
    OtherWs,
    /// The lead byte of U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000 or
    /// U+FEFF: the character must be decoded.
    MaybeWs,
}

const CLASS: [Class; 256] = {
    let mut t = [Class::Kept; 256];
    t[b' ' as usize] = Class::Space;
    let ws = [b'\t', b'\n', 0x0b, 0x0c, b'\r'];
    let mut k = 0;
    while k < ws.len() {
        t[ws[k] as usize] = Class::OtherWs;
        k += 1;
    }
    let leads = [0xC2, 0xE1, 0xE2, 0xE3, 0xEF];
    k = 0;
    while k < leads.len() {
        t[leads[k] as usize] = Class::MaybeWs;
        k += 1;
    }
    t
};

/// The character at byte `i` of `s` (a character boundary).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().expect("char boundary")
}

/// Bytes at the start of `s` that normalizing keeps as they are: characters
/// other than white space, and single spaces between two of them, so a
/// plain sentence is one run. The scan stops early (on a character boundary)
/// once the run surely holds more than `max_chars` characters.
fn kept_len(s: &str, max_chars: usize) -> usize {
    let b = s.as_bytes();
    // Past `stop` bytes the run holds more than `max_chars` characters: one
    // byte each while it is ASCII, at most four each after that.
    let mut stop = max_chars;
    let mut i = 0;
    while i < b.len() {
        if i > stop && s.is_char_boundary(i) {
            return i;
        }
        // Eight bytes at once while they are plain ASCII text: no control or
        // white space byte but single spaces, a last space followed by a kept byte.
        if i > 0 && i + 8 < b.len() && b[i - 1] != b' ' {
            let w = u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
            if plain_ascii8(w) && (b[i + 7] != b' ' || CLASS[usize::from(b[i + 8])] == Class::Kept)
            {
                i += 8;
                continue;
            }
        }
        match CLASS[usize::from(b[i])] {
            Class::Kept => {
                if b[i] >= 0x80 {
                    stop = max_chars.saturating_mul(4).saturating_add(3);
                }
                i += 1
            }
            Class::Space
                if i > 0
                    && b.get(i + 1)
                        .is_some_and(|&c| CLASS[usize::from(c)] == Class::Kept) =>
            {
                i += 2
            }
            Class::MaybeWs => match char_at(s, i) {
                c if is_ws(c) => return i,
                c => {
                    stop = max_chars.saturating_mul(4).saturating_add(3);
                    i += c.len_utf8()
                }
            },
            _ => return i,
        }
    }
    b.len()
}

/// Whether eight bytes (little-endian in `w`) are ASCII, none below U+0020,
/// and no two spaces are neighbours: bytes `kept_len` keeps whatever follows,
/// but for a last space.
fn plain_ascii8(w: u64) -> bool {
    let spaces = swar::equal(w, b' ');
    w & swar::HIGH == 0 && swar::at_least(w, 0x20) == swar::HIGH && spaces & (spaces >> 8) == 0
}

/// Tests on eight bytes at once, packed little-endian in a `u64`: each answer
/// has the high bit of every byte that passes, and only those.
mod swar {
    pub const ONES: u64 = 0x0101_0101_0101_0101;
    pub const HIGH: u64 = 0x8080_8080_8080_8080;

    /// Bytes `>= c`; every byte of `w` must be ASCII.
    pub fn at_least(w: u64, c: u8) -> u64 {
        debug_assert!(w & HIGH == 0 && c <= 0x80);
        w.wrapping_add(u64::from(0x80 - c) * ONES) & HIGH
    }

    /// Bytes equal to `c`.
    pub fn equal(w: u64, c: u8) -> u64 {
        let x = w ^ (u64::from(c) * ONES);
        !(((x & !HIGH) + !HIGH) | x) & HIGH
    }

    /// ASCII letters and digits; every byte of `w` must be ASCII.
    pub fn alphanumeric(w: u64) -> u64 {
        let folded = w | (0x20 * ONES);
        (at_least(w, b'0') & !at_least(w, b'9' + 1))
            | (at_least(folded, b'a') & !at_least(folded, b'z' + 1))
    }
}

/// Bytes of white space at the start of `s`.
fn ws_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match CLASS[usize::from(b[i])] {
            Class::Space | Class::OtherWs => i += 1,
            Class::MaybeWs => match char_at(s, i) {
                c if is_ws(c) => i += c.len_utf8(),
                _ => return i,
            },
            Class::Kept => return i,
        }
    }
    b.len()
}

impl Normalizer {
    pub fn with_capacity(n: usize) -> Normalizer {
        Normalizer {
            out: String::with_capacity(n),
            ..Normalizer::default()
        }
    }

    /// Empties the normalizer for the next text, keeping its buffer.
    pub fn clear(&mut self) {
        self.out.clear();
        self.chars = 0;
        self.pending = false;
    }

    pub fn push_str(&mut self, s: &str) {
        self.push_str_capped(s, usize::MAX);
    }

    /// Appends `s`, stopping once `out` would hold more than `max_chars`
    /// characters (`chars` then says so and `out` is cut short).
    pub fn push_str_capped(&mut self, s: &str, max_chars: usize) {
        let mut rest = s;
        while !rest.is_empty() && self.chars <= max_chars {
            // A run of characters kept as they are…
            let pending = usize::from(self.pending);
            let room = max_chars.saturating_sub(self.chars + pending);
            let word = kept_len(rest, room);
            if word > 0 {
                let w = &rest[..word];
                let n = if w.is_ascii() {
                    w.len()
                } else {
                    w.chars().count()
                };
                if n > room {
                    self.chars = max_chars.saturating_add(1);
                    return;
                }
                if self.pending {
                    self.out.push(' ');
                    self.pending = false;
                }
                self.out.push_str(w);
                self.chars += pending + n;
                rest = &rest[word..];
            }
            // …then a run of white space, which becomes one space before the next word.
            let space = ws_len(rest);
            if space > 0 {
                self.pending = !self.out.is_empty();
                rest = &rest[space..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters taken as caseless map to themselves in full Unicode case
    /// mapping, both ways.
    #[test]
    fn general_punctuation_is_not_alphanumeric() {
        for c in ('\u{2000}'..='\u{206F}').filter(|&c| is_general_punctuation(c)) {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert!(!is_general_punctuation('\u{1FFF}') && !is_general_punctuation('\u{2070}'));
    }

    #[test]
    fn caseless_characters_have_no_case() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if caseless_beyond_ascii(c) && !c.is_ascii() {
                let s = c.to_string();
                assert_eq!(s.to_lowercase(), s, "{c:?}");
                assert_eq!(s.to_uppercase(), s, "{c:?}");
            }
        }
        assert_eq!(lower("新华社 Xinhua“北京”"), "新华社 xinhua“北京”");
        assert_eq!(lower("ＡＢＣ"), "ａｂｃ");
    }

    /// [`Counts::with_commas`] character by character, the plain way.
    fn reference(text: &str) -> (Counts, usize) {
        let (mut c, mut commas, mut in_word) = (Counts::default(), 0, false);
        for ch in text.chars() {
            if is_cjk_letter(ch) {
                c.cjk += 1;
                in_word = false;
            } else if ch.is_alphanumeric() {
                c.words += usize::from(!in_word);
                in_word = true;
            } else if !matches!(ch, '\'' | '-' | '’') {
                in_word = false;
                commas += usize::from(matches!(ch, ',' | '，' | '、' | '；' | '。'));
            }
        }
        (c, commas)
    }

    /// The class-table count agrees with counting character by character.
    #[test]
    fn counts_match_a_char_by_char_count() {
        let pieces = [
            "a", "Z9", " ", ",", "'", "-", "’", "中", "，", "。", "é", "\n", "x-", "--", "'s", "、",
        ];
        // Every string of up to four pieces.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
        }
        for t in &texts {
            assert_eq!(Counts::with_commas(t), reference(t), "{t:?}");
        }
    }

    /// [`kept_len`] read character by character: a run ends at white space,
    /// except a space after the start whose next character is kept as bytes
    /// (not one of the leads `kept_len` decodes).
    fn kept_len_by_chars(s: &str) -> usize {
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_ws(c) {
                continue;
            }
            let next_plain = chars
                .peek()
                .is_some_and(|&(j, _)| CLASS[usize::from(s.as_bytes()[j])] == Class::Kept);
            if c != ' ' || i == 0 || !next_plain {
                return i;
            }
            chars.next();
        }
        s.len()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]

        /// Counting eight bytes at a time agrees with counting character by character.
        #[test]
        fn counts_in_steps_match_a_char_by_char_count(
            s in "[a-zA-Z09 ,.'\\-@\\[`{/:\\x7f中，é’]{0,48}",
        ) {
            proptest::prop_assert_eq!(Counts::with_commas(&s), reference(&s));
        }

        /// The eight-byte steps end runs where a character-by-character reading does.
        #[test]
        fn kept_runs_match_a_bytewise_scan(
            s in "[a-z.,'!~\\x7f\\x01 \t\n\u{a0}\u{2018}中é]{0,40}",
        ) {
            proptest::prop_assert_eq!(kept_len(&s, usize::MAX), kept_len_by_chars(&s));
            let pieces: Vec<&str> = s.split(is_ws).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(normalize_ws(&s), pieces.join(" "));
        }
    }

    /// The byte classes agree with `is_ws` on every character.
    #[test]
    fn white_space_runs_agree_with_is_ws() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            let (kept, ws) = if is_ws(c) { (0, s.len()) } else { (s.len(), 0) };
            assert_eq!(kept_len(&s, usize::MAX), kept, "{c:?}");
            assert_eq!(ws_len(&s), ws, "{c:?}");
            // Between two letters, only a plain space stays in the run.
            let between = format!("a{c}b");
            let expect = if c == ' ' || !is_ws(c) {
                between.len()
            } else {
                1
            };
            assert_eq!(kept_len(&between, usize::MAX), expect, "{c:?}");
        }
    }

    /// Normalizing matches splitting on white space and joining with one space.
    #[test]
    fn normalizing_matches_split_and_join() {
        let samples = [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "a  b",
            " a b c ",
            "a \u{a0}b",
            "a\u{3000}b 中文 字",
            "x\u{200b}y",
            "end. Next  one\n\tthree",
            "a b\u{feff}",
            "é è\u{2003}ü",
            "a\u{85}b",
        ];
        for s in samples {
            let reference: Vec<&str> = s.split(is_ws).filter(|w| !w.is_empty()).collect();
            assert_eq!(normalize_ws(s), reference.join(" "), "{s:?}");
            let mut n = Normalizer::default();
            for piece in s.split_inclusive(' ') {
                n.push_str(piece);
            }
            assert_eq!(n.out, reference.join(" "), "pieces of {s:?}");
        }
    }

    #[test]
    fn counts_commas_in_the_same_pass() {
        let (c, commas) = Counts::with_commas("Yes, she said, 中方，愿意、合作；好。 don't-stop");
        assert_eq!(
            c,
            Counts::of("Yes, she said, 中方，愿意、合作；好。 don't-stop")
        );
        assert_eq!(commas, 6);
        assert_eq!((c.words, c.cjk), (4, 7));
    }

    #[test]
    fn counts_mixed_scripts() {
        let c = Counts::of("新华社北京1月10日电 Qin Gang said, 中方愿意。");
        assert_eq!(c.cjk, 12);
        assert_eq!(c.words, 5); // 1, 10, Qin, Gang, said
    }

    #[test]
    fn normalizes_whitespace() {
        assert_eq!(normalize_ws("  a \n\t b\u{200b}c  "), "a b c");
    }

    /// Piecewise and capped normalisation agree with `normalize_ws` of the whole.
    #[test]
    fn normalizer_pieces_and_caps() {
        let pieces = [
            "  新华社\u{3000}北京 ",
            "",
            "\u{feff}电 a",
            "b \u{b} ",
            "\n ĉu\u{a0}x\u{85}y\u{1c}z\u{2028}",
            "  ",
            // Long runs, where the scan stops early: ASCII, CJK, then mixed.
            "a plain sentence that runs on",
            "长长的一段中文没有空格",
            "dé jà-vu 𝒳y plus",
        ];
        let whole = normalize_ws(&pieces.concat());
        let plain = pieces
            .concat()
            .split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(whole, plain);
        let mut n = Normalizer::default();
        for p in pieces {
            n.push_str(p);
        }
        assert_eq!(n.out, whole);
        assert_eq!(n.chars, whole.chars().count());
        for cap in 0..whole.chars().count() + 2 {
            let mut n = Normalizer::default();
            for p in pieces {
                n.push_str_capped(p, cap);
            }
            assert_eq!(n.chars > cap, whole.chars().count() > cap, "cap {cap}");
            if n.chars <= cap {
                assert_eq!(n.out, whole);
            }
        }
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(Counts { cjk: 0, words: 231 }), 2);
        assert_eq!(reading_minutes(Counts { cjk: 300, words: 0 }), 1);
        assert_eq!(reading_minutes(Counts::default()), 0);
    }
}
