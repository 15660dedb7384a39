//! A WHATWG HTML tokenizer over a whole, in-memory page, feeding html5ever's
//! tree builder.
//!
//! html5ever's own tokenizer is written for streamed input: it pops one
//! character at a time through a buffer queue, splits text at every line
//! break and builds each name and value by pushing characters. With the whole
//! page in hand, this one scans for the few bytes that matter in each state
//! (`memchr`), hands text and attribute values out as slices of one shared
//! buffer (no copy unless a reference, NUL or upper-case letter needs one),
//! and runs whole constructs (a tag, a comment, a DOCTYPE) as straight-line
//! code. The tokens are the spec's: tests in `tests/tokenizer_diff.rs` check
//! that html5ever's tree builder builds the same tree from them as from
//! html5ever's tokenizer, on a table of edge cases, every fixture page and
//! random input.
//!
//! Differences from html5ever's tokenizer that the tree cannot show: no
//! parse-error tokens, no line numbers, end tags carry no attributes, and
//! text may be split into tokens differently.

use std::cell::Cell;
use std::collections::HashSet;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};
use markup5ever::data::C1_REPLACEMENTS;
use memchr::{memchr, memchr2, memchr3};

use crate::sink::Overflow;

/// The states the tokenizer rests in between tokens (all others are passed
/// through within one call).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Data,
    Rcdata,
    Rawtext,
    ScriptData,
    Plaintext,
}

const REPLACEMENT: &str = "\u{fffd}";

/// Up to this many attributes, a new one is checked for a duplicate name
/// against each; past it, against a hash set.
const LINEAR_DUPLICATE_CHECK: usize = 16;

/// Whether `b` is HTML white space for the tokenizer (tab, LF, FF, space; CR
/// is gone by then).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// Tokenizes `html` (already free of CR) into `sink`, stopping early once
/// `stop` is set, or setting it when a tag has more than `max_attributes`
/// attributes.
pub(crate) fn run<S: TokenSink>(
    html: StrTendril,
    sink: &S,
    max_attributes: usize,
    stop: &Cell<Option<Overflow>>,
) {
    let mut t = Tokenizer {
        bytes: html.as_bytes(),
        buf: &html,
        pos: 0,
        mode: Mode::Data,
        last_start: None,
        sink,
        max_attributes,
        stop,
        scratch: String::new(),
        atoms: std::array::from_fn(|_| None),
    };
    if html.starts_with('\u{feff}') {
        t.pos = 3;
    }
    t.run();
}

struct Tokenizer<'t, S: TokenSink> {
    bytes: &'t [u8],
    /// The same text as `bytes`, shared by the text and value tokens cut from it.
    buf: &'t StrTendril,
    pos: usize,
    mode: Mode,
    /// The name of the last start tag emitted (for the "appropriate end tag" rule).
    last_start: Option<LocalName>,
    sink: &'t S,
    max_attributes: usize,
    stop: &'t Cell<Option<Overflow>>,
    /// Reused buffer for names that need lower-casing.
    scratch: String,
    /// Recent name atoms by a hash of the name: a page uses a few dozen tag
    /// and attribute names, and making an atom hashes the whole name.
    atoms: [Option<LocalName>; ATOM_SLOTS],
}

/// Slots in [`Tokenizer::atoms`] (a power of two).
const ATOM_SLOTS: usize = 128;

/// What a character reference decodes to: up to two characters.
struct Decoded {
    chars: [char; 2],
    len: usize,
}

impl<'t, S: TokenSink> Tokenizer<'t, S> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() && self.stop.get().is_none() {
            match self.mode {
                Mode::Data => self.data(),
                Mode::Rcdata => self.raw_text(true),
                Mode::Rawtext => self.raw_text(false),
                Mode::ScriptData => self.script_data(),
                Mode::Plaintext => {
                    let start = self.pos;
                    self.pos = self.bytes.len();
                    self.emit_replacing_nul(start, self.pos);
                }
            }
        }
        if self.stop.get().is_none() {
            self.emit(Token::EOFToken);
        }
    }

    // ----- emitting -----

    fn emit(&mut self, token: Token) {
        match self.sink.process_token(token, 0) {
            TokenSinkResult::Plaintext => self.mode = Mode::Plaintext,
            TokenSinkResult::RawData(RawKind::Rcdata) => self.mode = Mode::Rcdata,
            TokenSinkResult::RawData(RawKind::Rawtext) => self.mode = Mode::Rawtext,
            TokenSinkResult::RawData(RawKind::ScriptData) => self.mode = Mode::ScriptData,
            // A script ended or a `<meta charset>` was seen: nothing to do.
            // (The tree builder asks for no other raw-text kind.)
            TokenSinkResult::RawData(_)
            | TokenSinkResult::Continue
            | TokenSinkResult::Script(_)
            | TokenSinkResult::EncodingIndicator(_) => {}
        }
    }

    /// A tendril of `bytes[start..end]`, sharing the page's buffer.
    fn slice(&self, start: usize, end: usize) -> StrTendril {
        self.buf.subtendril(start as u32, (end - start) as u32)
    }

    /// Emits `bytes[start..end]` (free of NUL) as text.
    fn emit_text(&mut self, start: usize, end: usize) {
        if end > start {
            let text = self.slice(start, end);
            self.emit(Token::CharacterTokens(text));
        }
    }

    fn emit_str(&mut self, s: &str) {
        self.emit(Token::CharacterTokens(StrTendril::from_slice(s)));
    }

    /// Emits `bytes[start..end]` as text with each NUL replaced by U+FFFD
    /// (the rule in RCDATA, RAWTEXT, script data and PLAINTEXT).
    fn emit_replacing_nul(&mut self, mut start: usize, end: usize) {
        while let Some(i) = memchr(0, &self.bytes[start..end]) {
            self.emit_text(start, start + i);
            self.emit_str(REPLACEMENT);
            start += i + 1;
        }
        self.emit_text(start, end);
    }

    fn emit_decoded(&mut self, d: &Decoded) {
        let mut s = StrTendril::new();
        for c in &d.chars[..d.len] {
            s.push_char(*c);
        }
        self.emit(Token::CharacterTokens(s));
    }

    // ----- the resting states -----

    /// The data state, up to and including the next tag-like construct.
    fn data(&mut self) {
        let b = self.bytes;
        let mut text = self.pos;
        loop {
            let Some(i) = memchr3(b'<', b'&', 0, &b[self.pos..]) else {
                self.pos = b.len();
                self.emit_text(text, b.len());
                return;
            };
            let at = self.pos + i;
            match b[at] {
                b'<' => match b.get(at + 1) {
                    Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?') => {
                        self.emit_text(text, at);
                        self.pos = at + 1;
                        self.tag_open();
                        return;
                    }
                    // Not a tag: the `<` is text.
                    _ => self.pos = at + 1,
                },
                b'&' => match self.char_ref(at, false) {
                    Some((d, end)) => {
                        self.emit_text(text, at);
                        self.emit_decoded(&d);
                        self.pos = end;
                        text = end;
                    }
                    None => self.pos = at + 1,
                },
                _ => {
                    self.emit_text(text, at);
                    self.emit(Token::NullCharacterToken);
                    self.pos = at + 1;
                    text = self.pos;
                }
            }
        }
    }

    /// RCDATA (`<title>`, `<textarea>`: references decoded) or RAWTEXT
    /// (`<style>`, `<xmp>`…): text up to the appropriate end tag.
    fn raw_text(&mut self, rcdata: bool) {
        let b = self.bytes;
        let mut text = self.pos;
        loop {
            let found = if rcdata {
                memchr3(b'<', b'&', 0, &b[self.pos..])
            } else {
                memchr2(b'<', 0, &b[self.pos..])
            };
            let Some(i) = found else {
                self.pos = b.len();
                self.emit_text(text, b.len());
                return;
            };
            let at = self.pos + i;
            match b[at] {
                b'<' => {
                    if let Some(after) = self.appropriate_end_tag(at) {
                        self.emit_text(text, at);
                        self.mode = Mode::Data;
                        self.end_tag_after_name(after);
                        return;
                    }
                    self.pos = at + 1;
                }
                b'&' => match self.char_ref(at, false) {
                    Some((d, end)) => {
                        self.emit_text(text, at);
                        self.emit_decoded(&d);
                        self.pos = end;
                        text = end;
                    }
                    None => self.pos = at + 1,
                },
                _ => {
                    self.emit_text(text, at);
                    self.emit_str(REPLACEMENT);
                    self.pos = at + 1;
                    text = self.pos;
                }
            }
        }
    }

    /// If `bytes[at..]` is `</` + the last start tag's name (any case) +
    /// white space, `/` or `>`, the position after the name.
    fn appropriate_end_tag(&self, at: usize) -> Option<usize> {
        let b = self.bytes;
        let name = self.last_start.as_ref()?;
        let start = at + 2;
        let end = start + name.len();
        if b.get(at + 1) != Some(&b'/') || end >= b.len() {
            return None;
        }
        // The names of raw-text elements are all ASCII letters.
        let matches = b[start..end].eq_ignore_ascii_case(name.as_bytes());
        (matches && (is_space(b[end]) || matches!(b[end], b'/' | b'>'))).then_some(end)
    }

    /// Script data, with its escaped (`<!--`) and double-escaped
    /// (`<!--<script>`) states, up to the end tag that closes it.
    fn script_data(&mut self) {
        #[derive(Clone, Copy, PartialEq)]
        enum St {
            Plain,
            Escaped,
            EscapedDash,
            EscapedDashDash,
            Double,
            DoubleDash,
            DoubleDashDash,
        }
        let b = self.bytes;
        let text = self.pos;
        let mut st = St::Plain;
        let mut p = self.pos;
        while p < b.len() {
            if st == St::Plain {
                let Some(i) = memchr(b'<', &b[p..]) else {
                    break;
                };
                let at = p + i;
                if let Some(after) = self.appropriate_end_tag(at) {
                    self.emit_replacing_nul(text, at);
                    self.mode = Mode::Data;
                    self.end_tag_after_name(after);
                    return;
                }
                p = at + 1;
                // `<!--` opens the escaped state; `<!-` then anything goes back to plain.
                if b.get(p) == Some(&b'!') && b.get(p + 1) == Some(&b'-') {
                    if b.get(p + 2) == Some(&b'-') {
                        st = St::EscapedDashDash;
                        p += 3;
                    } else {
                        p += 2;
                    }
                }
                continue;
            }
            let c = b[p];
            match (st, c) {
                (St::Escaped | St::EscapedDash | St::EscapedDashDash, b'<') => {
                    if let Some(after) = self.appropriate_end_tag(p) {
                        self.emit_replacing_nul(text, p);
                        self.mode = Mode::Data;
                        self.end_tag_after_name(after);
                        return;
                    }
                    p += 1;
                    st = St::Escaped;
                    if b.get(p) == Some(&b'/') {
                        // Not our end tag: `</` and its letters stay text.
                        p += 1;
                    } else if b.get(p).is_some_and(u8::is_ascii_alphabetic) {
                        let (next, script) = self.script_word(p);
                        p = next;
                        if script {
                            st = St::Double;
                        }
                    }
                }
                (St::Double | St::DoubleDash | St::DoubleDashDash, b'<') => {
                    p += 1;
                    st = St::Double;
                    if b.get(p) == Some(&b'/') {
                        let (next, script) = self.script_word(p + 1);
                        p = next;
                        if script {
                            st = St::Escaped;
                        }
                    }
                }
                (St::Escaped, b'-') => {
                    st = St::EscapedDash;
                    p += 1;
                }
                (St::EscapedDash | St::EscapedDashDash, b'-') => {
                    st = St::EscapedDashDash;
                    p += 1;
                }
                (St::Double, b'-') => {
                    st = St::DoubleDash;
                    p += 1;
                }
                (St::DoubleDash | St::DoubleDashDash, b'-') => {
                    st = St::DoubleDashDash;
                    p += 1;
                }
                (St::EscapedDashDash | St::DoubleDashDash, b'>') => {
                    st = St::Plain;
                    p += 1;
                }
                (St::Escaped | St::EscapedDash | St::EscapedDashDash, _) => {
                    st = St::Escaped;
                    p += 1;
                }
                _ => {
                    st = St::Double;
                    p += 1;
                }
            }
        }
        self.pos = b.len();
        self.emit_replacing_nul(text, b.len());
    }

    /// The double-escape test after `<` or `</` in escaped script data: the
    /// ASCII letters at `p`, then white space, `/` or `>` (consumed). Returns
    /// where scanning goes on, and whether the letters spelled "script"
    /// (any case) and were so ended.
    fn script_word(&self, p: usize) -> (usize, bool) {
        let b = self.bytes;
        let end = p + b[p..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        match b.get(end) {
            Some(&c) if is_space(c) || c == b'/' || c == b'>' => {
                (end + 1, b[p..end].eq_ignore_ascii_case(b"script"))
            }
            _ => (end, false),
        }
    }

    // ----- tags -----

    /// After a `<` that is followed by a letter, `/`, `!` or `?`.
    fn tag_open(&mut self) {
        let b = self.bytes;
        match b[self.pos] {
            b'!' => {
                self.pos += 1;
                self.markup_declaration();
            }
            b'/' => {
                self.pos += 1;
                match b.get(self.pos) {
                    Some(c) if c.is_ascii_alphabetic() => self.tag(TagKind::EndTag),
                    // `</>` is dropped.
                    Some(b'>') => self.pos += 1,
                    Some(_) => self.bogus_comment(self.pos),
                    None => self.emit_str("</"),
                }
            }
            b'?' => self.bogus_comment(self.pos),
            _ => self.tag(TagKind::StartTag),
        }
    }

    /// A tag whose name starts at `pos`.
    fn tag(&mut self, kind: TagKind) {
        let b = self.bytes;
        let start = self.pos;
        let len = b[start..]
            .iter()
            .position(|&c| is_space(c) || c == b'/' || c == b'>')
            .unwrap_or(b.len() - start);
        self.pos = start + len;
        if self.pos >= b.len() {
            // EOF in a tag name: the tag is dropped.
            return;
        }
        let name = self.name_atom(start, self.pos);
        self.attributes_and_emit(kind, name);
    }

    /// An end tag in RCDATA, RAWTEXT or script data, whose name (the last
    /// start tag's) ends at `after`.
    fn end_tag_after_name(&mut self, after: usize) {
        self.pos = after;
        let name = self
            .last_start
            .clone()
            .expect("an appropriate end tag has a start tag");
        self.attributes_and_emit(TagKind::EndTag, name);
    }

    /// The name in `bytes[start..end]` as an atom: ASCII upper case lowered,
    /// NUL replaced.
    fn name_atom(&mut self, start: usize, end: usize) -> LocalName {
        let raw = &self.bytes[start..end];
        let buf = self.buf;
        if !raw.iter().any(|c| c.is_ascii_uppercase() || *c == 0) {
            return self.atom(&buf[start..end]);
        }
        let mut name = std::mem::take(&mut self.scratch);
        name.clear();
        if raw.contains(&0) {
            name.push_str(&buf[start..end].replace('\0', REPLACEMENT));
        } else {
            name.push_str(&buf[start..end]);
        }
        name.make_ascii_lowercase();
        let atom = self.atom(&name);
        self.scratch = name;
        atom
    }

    /// `name` as an atom, from [`Tokenizer::atoms`] when it was made recently.
    fn atom(&mut self, name: &str) -> LocalName {
        let b = name.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            return LocalName::from(name);
        };
        let slot =
            ((b.len() * 31) ^ (usize::from(first) * 7) ^ (usize::from(last) << 2)) % ATOM_SLOTS;
        match &self.atoms[slot] {
            Some(a) if &**a == name => a.clone(),
            _ => {
                let a = LocalName::from(name);
                self.atoms[slot] = Some(a.clone());
                a
            }
        }
    }

    /// The rest of a tag after its name: attributes, `/`, `>`. Emits the tag
    /// unless the page ends first.
    fn attributes_and_emit(&mut self, kind: TagKind, name: LocalName) {
        let b = self.bytes;
        let mut attrs: Vec<Attribute> = Vec::new();
        // The names in `attrs`, once there are enough of them that a linear
        // duplicate check would make long tags quadratic.
        let mut names: HashSet<LocalName> = HashSet::new();
        let mut count = 0;
        let mut had_duplicate = false;
        let mut self_closing = false;
        loop {
            // Before attribute name.
            while self.pos < b.len() && is_space(b[self.pos]) {
                self.pos += 1;
            }
            let Some(&c) = b.get(self.pos) else { return };
            match c {
                b'>' => {
                    self.pos += 1;
                    break;
                }
                b'/' => {
                    self.pos += 1;
                    match b.get(self.pos) {
                        Some(b'>') => {
                            self.pos += 1;
                            self_closing = true;
                            break;
                        }
                        Some(_) => continue,
                        None => return,
                    }
                }
                _ => {}
            }
            // Attribute name: a leading `=` is part of it.
            let name_start = self.pos;
            self.pos += 1;
            while let Some(&c) = b.get(self.pos) {
                if is_space(c) || matches!(c, b'/' | b'>' | b'=') {
                    break;
                }
                self.pos += 1;
            }
            let attr_name = self.name_atom(name_start, self.pos);
            // After attribute name.
            while self.pos < b.len() && is_space(b[self.pos]) {
                self.pos += 1;
            }
            let value = if b.get(self.pos) == Some(&b'=') {
                self.pos += 1;
                while self.pos < b.len() && is_space(b[self.pos]) {
                    self.pos += 1;
                }
                match self.attribute_value() {
                    Some(v) => v,
                    None => return,
                }
            } else {
                StrTendril::new()
            };
            if self.pos >= b.len() {
                return;
            }
            count += 1;
            if count > self.max_attributes {
                self.pos = b.len();
                self.stop.set(Some(Overflow::Attributes));
                return;
            }
            if kind == TagKind::EndTag {
                continue;
            }
            let duplicate = if attrs.len() < LINEAR_DUPLICATE_CHECK {
                attrs.iter().any(|a| a.name.local == attr_name)
            } else {
                if names.is_empty() {
                    names.extend(attrs.iter().map(|a| a.name.local.clone()));
                }
                !names.insert(attr_name.clone())
            };
            if duplicate {
                had_duplicate = true;
            } else {
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), attr_name),
                    value,
                });
            }
        }
        if kind == TagKind::StartTag {
            self.last_start = Some(name.clone());
        }
        self.emit(Token::TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes: had_duplicate,
        }));
    }

    /// An attribute value starting at `pos` (after `=` and white space);
    /// `None` if the page ends inside it.
    fn attribute_value(&mut self) -> Option<StrTendril> {
        let b = self.bytes;
        match b.get(self.pos) {
            None => None,
            Some(&q @ (b'"' | b'\'')) => {
                let start = self.pos + 1;
                let Some(i) = memchr(q, &b[start..]) else {
                    self.pos = b.len();
                    return None;
                };
                let end = start + i;
                self.pos = end + 1;
                Some(self.value_text(start, end))
            }
            // A `>` right after `=`: the value is empty and the tag ends.
            Some(b'>') => Some(StrTendril::new()),
            Some(_) => {
                let start = self.pos;
                let len = b[start..]
                    .iter()
                    .position(|&c| is_space(c) || c == b'>')
                    .unwrap_or(b.len() - start);
                self.pos = start + len;
                if self.pos >= b.len() {
                    return None;
                }
                Some(self.value_text(start, self.pos))
            }
        }
    }

    /// The value in `bytes[start..end]` with references decoded and NUL replaced.
    fn value_text(&self, start: usize, end: usize) -> StrTendril {
        let b = &self.bytes[..end];
        if memchr2(b'&', 0, &b[start..]).is_none() {
            return self.slice(start, end);
        }
        let mut out = StrTendril::new();
        let mut run = start;
        let mut p = start;
        while let Some(i) = memchr2(b'&', 0, &b[p..]) {
            let at = p + i;
            if b[at] == 0 {
                out.push_slice(&self.buf[run..at]);
                out.push_slice(REPLACEMENT);
                p = at + 1;
                run = p;
                continue;
            }
            match self.char_ref_within(at, end, true) {
                Some((d, next)) => {
                    out.push_slice(&self.buf[run..at]);
                    for c in &d.chars[..d.len] {
                        out.push_char(*c);
                    }
                    p = next;
                    run = p;
                }
                None => p = at + 1,
            }
        }
        out.push_slice(&self.buf[run..end]);
        out
    }

    // ----- character references -----

    /// The reference at `bytes[at] == '&'`: what it decodes to and where it
    /// ends; `None` if the `&` is just text.
    fn char_ref(&self, at: usize, in_attribute: bool) -> Option<(Decoded, usize)> {
        self.char_ref_within(at, self.bytes.len(), in_attribute)
    }

    /// [`Self::char_ref`], reading no further than `limit`.
    fn char_ref_within(
        &self,
        at: usize,
        limit: usize,
        in_attribute: bool,
    ) -> Option<(Decoded, usize)> {
        let b = &self.bytes[..limit];
        let p = at + 1;
        match b.get(p)? {
            b'#' => numeric_ref(b, p + 1),
            c if c.is_ascii_alphanumeric() => {
                // Longest name in the table that the text starts with.
                let run = b[p..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let with_semicolon = run + usize::from(b.get(p + run) == Some(&b';'));
                let (k, c1, c2) = crate::entities::longest_prefix(&b[p..p + with_semicolon])?;
                let end = p + k;
                if in_attribute
                    && b[end - 1] != b';'
                    && b.get(end)
                        .is_some_and(|c| *c == b'=' || c.is_ascii_alphanumeric())
                {
                    return None;
                }
                let first = char::from_u32(c1)?;
                let second = char::from_u32(c2).unwrap_or('\0');
                Some((
                    Decoded {
                        chars: [first, second],
                        len: if c2 == 0 { 1 } else { 2 },
                    },
                    end,
                ))
            }
            _ => None,
        }
    }

    // ----- comments, DOCTYPE, CDATA -----

    /// After `<!`.
    fn markup_declaration(&mut self) {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"--") {
            self.pos += 2;
            self.comment();
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            self.pos += 7;
            self.doctype();
        } else if rest.starts_with(b"[CDATA[")
            && self
                .sink
                .adjusted_current_node_present_but_not_in_html_namespace()
        {
            self.pos += 7;
            self.cdata();
        } else {
            self.bogus_comment(self.pos);
        }
    }

    /// A bogus comment (`<?…>`, `<!…>`, `</3…>`) whose text starts at `start`.
    fn bogus_comment(&mut self, start: usize) {
        let b = self.bytes;
        let end = memchr(b'>', &b[start..]).map_or(b.len(), |i| start + i);
        self.pos = (end + 1).min(b.len());
        let text = self.replaced_nul(start, end);
        self.emit(Token::CommentToken(text));
    }

    /// `bytes[start..end]` with each NUL replaced by U+FFFD.
    fn replaced_nul(&self, start: usize, end: usize) -> StrTendril {
        if memchr(0, &self.bytes[start..end]).is_none() {
            return self.slice(start, end);
        }
        StrTendril::from_slice(&self.buf[start..end].replace('\0', REPLACEMENT))
    }

    /// A comment after `<!--`: the spec's comment states, byte by byte (the
    /// special bytes are all ASCII, so UTF-8 sequences pass through whole).
    fn comment(&mut self) {
        #[derive(Clone, Copy)]
        enum St {
            Start,
            StartDash,
            Body,
            LessThan,
            LessThanBang,
            LessThanBangDash,
            LessThanBangDashDash,
            EndDash,
            End,
            EndBang,
        }
        let b = self.bytes;
        let mut data: Vec<u8> = Vec::new();
        let mut st = St::Start;
        let mut p = self.pos;
        loop {
            if let St::Body = st {
                // Plain comment text runs up to the next `-`, `<` or NUL.
                let run = memchr3(b'-', b'<', 0, &b[p..]).unwrap_or(b.len() - p);
                data.extend_from_slice(&b[p..p + run]);
                p += run;
            }
            let c = b.get(p).copied();
            // `None` below is the end of the page.
            match (st, c) {
                (St::Start, Some(b'-')) => st = St::StartDash,
                (St::Start, Some(b'>')) | (St::StartDash, Some(b'>')) => {
                    p += 1;
                    break;
                }
                (St::Start, _) => {
                    st = St::Body;
                    continue;
                }
                (St::Body, Some(b'<')) => {
                    data.push(b'<');
                    st = St::LessThan;
                }
                (St::Body, Some(b'-')) => st = St::EndDash,
                (St::Body, Some(0)) => data.extend_from_slice(REPLACEMENT.as_bytes()),
                (St::Body, Some(c)) => data.push(c),
                (St::Body, None) => break,
                (St::LessThan, Some(b'!')) => {
                    data.push(b'!');
                    st = St::LessThanBang;
                }
                (St::LessThan, Some(b'<')) => data.push(b'<'),
                (St::LessThanBang, Some(b'-')) => st = St::LessThanBangDash,
                (St::LessThan | St::LessThanBang, _) => {
                    st = St::Body;
                    continue;
                }
                (St::LessThanBangDash, Some(b'-')) => st = St::LessThanBangDashDash,
                (St::LessThanBangDash, _) => {
                    st = St::EndDash;
                    continue;
                }
                (St::LessThanBangDashDash, _) => {
                    st = St::End;
                    continue;
                }
                // Comment start dash (its `>` is above) and comment end dash.
                (St::StartDash | St::EndDash, Some(b'-')) => st = St::End,
                (St::StartDash | St::EndDash, None) => break,
                (St::StartDash | St::EndDash, Some(_)) => {
                    data.push(b'-');
                    st = St::Body;
                    continue;
                }
                (St::End, Some(b'>')) | (St::EndBang, Some(b'>')) => {
                    p += 1;
                    break;
                }
                (St::End, Some(b'!')) => st = St::EndBang,
                (St::End, Some(b'-')) => data.push(b'-'),
                (St::End, None) | (St::EndBang, None) => break,
                (St::End, Some(_)) => {
                    data.extend_from_slice(b"--");
                    st = St::Body;
                    continue;
                }
                (St::EndBang, Some(b'-')) => {
                    data.extend_from_slice(b"--!");
                    st = St::EndDash;
                }
                (St::EndBang, Some(_)) => {
                    data.extend_from_slice(b"--!");
                    st = St::Body;
                    continue;
                }
            }
            p += 1;
        }
        self.pos = p.min(b.len());
        // Only ASCII bytes and whole UTF-8 sequences of the page were copied.
        let text = String::from_utf8(data).unwrap_or_default();
        self.emit(Token::CommentToken(StrTendril::from(text)));
    }

    /// A DOCTYPE after `<!DOCTYPE`.
    fn doctype(&mut self) {
        let b = self.bytes;
        let mut d = Doctype::default();
        let mut p = self.pos;
        let skip_space = |p: &mut usize| {
            while *p < b.len() && is_space(b[*p]) {
                *p += 1;
            }
        };
        // DOCTYPE state and before DOCTYPE name.
        skip_space(&mut p);
        match b.get(p) {
            None => {
                d.force_quirks = true;
                return self.finish_doctype(d, p);
            }
            Some(b'>') => {
                d.force_quirks = true;
                return self.finish_doctype(d, p + 1);
            }
            Some(_) => {}
        }
        // DOCTYPE name.
        let start = p;
        while p < b.len() && !is_space(b[p]) && b[p] != b'>' {
            p += 1;
        }
        let mut name = self.replaced_nul(start, p);
        if name.bytes().any(|c| c.is_ascii_uppercase()) {
            name = StrTendril::from(name.to_ascii_lowercase());
        }
        d.name = Some(name);
        // After DOCTYPE name.
        skip_space(&mut p);
        match b.get(p) {
            None => {
                d.force_quirks = true;
                return self.finish_doctype(d, p);
            }
            Some(b'>') => return self.finish_doctype(d, p + 1),
            Some(_) => {}
        }
        let keyword = b.get(p..p + 6);
        let public = keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"public"));
        let system = keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"system"));
        if !public && !system {
            d.force_quirks = true;
            return self.bogus_doctype(d, p);
        }
        p += 6;
        // After the keyword, then before the identifier.
        skip_space(&mut p);
        match self.doctype_id(&mut d, &mut p, public) {
            IdEnd::Closed => return self.finish_doctype(d, p),
            IdEnd::Bogus => return self.bogus_doctype(d, p),
            IdEnd::Read => {}
        }
        if public {
            // After the public identifier, then between the identifiers.
            skip_space(&mut p);
            match b.get(p) {
                None => {
                    d.force_quirks = true;
                    return self.finish_doctype(d, p);
                }
                Some(b'>') => return self.finish_doctype(d, p + 1),
                Some(b'"' | b'\'') => match self.doctype_id(&mut d, &mut p, false) {
                    IdEnd::Closed => return self.finish_doctype(d, p),
                    IdEnd::Bogus => return self.bogus_doctype(d, p),
                    IdEnd::Read => {}
                },
                Some(_) => {
                    d.force_quirks = true;
                    return self.bogus_doctype(d, p);
                }
            }
        }
        // After the system identifier: anything but `>` is bogus, without quirks.
        skip_space(&mut p);
        match b.get(p) {
            None => {
                d.force_quirks = true;
                self.finish_doctype(d, p)
            }
            Some(b'>') => self.finish_doctype(d, p + 1),
            Some(_) => self.bogus_doctype(d, p),
        }
    }

    /// A quoted public (`public`) or system identifier at `*p`.
    fn doctype_id(&self, d: &mut Doctype, p: &mut usize, public: bool) -> IdEnd {
        let b = self.bytes;
        let Some(&q) = b.get(*p) else {
            d.force_quirks = true;
            return IdEnd::Closed;
        };
        if q == b'>' {
            d.force_quirks = true;
            *p += 1;
            return IdEnd::Closed;
        }
        if q != b'"' && q != b'\'' {
            d.force_quirks = true;
            return IdEnd::Bogus;
        }
        let start = *p + 1;
        let close = memchr2(q, b'>', &b[start..]).map(|i| start + i);
        let end = close.unwrap_or(b.len());
        let id = self.replaced_nul(start, end);
        if public {
            d.public_id = Some(id);
        } else {
            d.system_id = Some(id);
        }
        match close {
            Some(e) if b[e] == q => {
                *p = e + 1;
                IdEnd::Read
            }
            // `>` inside the quotes ends the DOCTYPE (quirks); so does the page's end.
            Some(e) => {
                d.force_quirks = true;
                *p = e + 1;
                IdEnd::Closed
            }
            None => {
                d.force_quirks = true;
                *p = end;
                IdEnd::Closed
            }
        }
    }

    /// The bogus DOCTYPE state: everything up to `>` is ignored.
    fn bogus_doctype(&mut self, d: Doctype, p: usize) {
        let b = self.bytes;
        let end = memchr(b'>', &b[p..]).map_or(b.len(), |i| p + i + 1);
        self.finish_doctype(d, end);
    }

    fn finish_doctype(&mut self, d: Doctype, end: usize) {
        self.pos = end;
        self.emit(Token::DoctypeToken(d));
    }

    /// A CDATA section in foreign content: its text, up to `]]>`.
    fn cdata(&mut self) {
        let b = self.bytes;
        let start = self.pos;
        let mut p = start;
        let end = loop {
            match memchr(b']', &b[p..]) {
                None => break b.len(),
                Some(i) if b[p + i..].starts_with(b"]]>") => break p + i,
                Some(i) => p += i + 1,
            }
        };
        self.pos = (end + 3).min(b.len());
        // NUL is emitted as itself here (the tree builder replaces it).
        let mut s = start;
        while let Some(i) = memchr(0, &b[s..end]) {
            self.emit_text(s, s + i);
            self.emit(Token::NullCharacterToken);
            s += i + 1;
        }
        self.emit_text(s, end);
    }
}

/// How reading a DOCTYPE identifier ended.
enum IdEnd {
    /// The identifier was read and its closing quote consumed.
    Read,
    /// The DOCTYPE ended (at `>` or the end of the page).
    Closed,
    /// Junk where an identifier should be: the bogus DOCTYPE state follows.
    Bogus,
}

/// A numeric reference whose digits (or `x`) start at `p`.
fn numeric_ref(b: &[u8], p: usize) -> Option<(Decoded, usize)> {
    let hex = matches!(b.get(p), Some(b'x' | b'X'));
    let digits_start = p + usize::from(hex);
    let radix = if hex { 16 } else { 10 };
    let mut n: u32 = 0;
    let mut too_big = false;
    let mut q = digits_start;
    while let Some(d) = b.get(q).and_then(|&c| (c as char).to_digit(radix)) {
        n = n.wrapping_mul(radix).wrapping_add(d);
        if n > 0x10FFFF {
            too_big = true;
        }
        q += 1;
    }
    if q == digits_start {
        return None;
    }
    if b.get(q) == Some(&b';') {
        q += 1;
    }
    let c = match n {
        _ if too_big => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(n - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(n).unwrap_or('\u{fffd}')),
        _ => char::from_u32(n).unwrap_or('\u{fffd}'),
    };
    Some((
        Decoded {
            chars: [c, '\0'],
            len: 1,
        },
        q,
    ))
}
