//! The output tree ("blobs") and its serialization, mirroring citeproc-js: affixes,
//! delimiters and decorations on nested blobs, then citeproc-js's punctuation
//! adjustment passes (upward, leftward, downward, fix) before flattening to text or HTML.

use super::locale::Locale;

/// Output format of a CSL rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Text,
    Html,
}

/// A formatting decoration on a blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deco {
    Italic,
    Oblique,
    NormalStyle,
    SmallCaps,
    NormalVariant,
    Bold,
    NormalWeight,
    Underline,
    NoDecoration,
    Sup,
    Sub,
    Baseline,
    Quotes,
    InnerQuotes,
    Display(String),
}

impl Deco {
    fn is_font(&self) -> bool {
        !matches!(self, Deco::Quotes | Deco::InnerQuotes | Deco::Display(_))
    }
    fn is_quotes(&self) -> bool {
        matches!(self, Deco::Quotes | Deco::InnerQuotes)
    }
    /// The font property a decoration sets and whether it sets it to "normal" (only the
    /// value "normal" can be an orphan: `baseline` and `none` are always written).
    fn property(&self) -> Option<(u8, bool)> {
        Some(match self {
            Deco::Italic | Deco::Oblique => (0, false),
            Deco::NormalStyle => (0, true),
            Deco::SmallCaps => (1, false),
            Deco::NormalVariant => (1, true),
            Deco::Bold => (2, false),
            Deco::NormalWeight => (2, true),
            _ => return None,
        })
    }
}

/// A node of the output tree: text or children, with affixes, delimiter and decorations.
#[derive(Debug, Clone, Default)]
pub struct Blob {
    pub prefix: String,
    pub suffix: String,
    pub delimiter: String,
    pub decorations: Vec<Deco>,
    pub content: Content,
    /// Rendered from a number (punctuation never migrates into it).
    pub num: bool,
}

/// A blob's content.
#[derive(Debug, Clone)]
pub enum Content {
    Text(String),
    Blobs(Vec<Blob>),
}

impl Default for Content {
    fn default() -> Self {
        Content::Blobs(Vec::new())
    }
}

impl Blob {
    /// A text leaf.
    pub fn text(s: impl Into<String>) -> Blob {
        Blob {
            content: Content::Text(s.into()),
            ..Blob::default()
        }
    }

    /// A group of children.
    pub fn group(children: Vec<Blob>) -> Blob {
        Blob {
            content: Content::Blobs(children),
            ..Blob::default()
        }
    }

    fn children(&self) -> &[Blob] {
        match &self.content {
            Content::Blobs(b) => b,
            Content::Text(_) => &[],
        }
    }

    fn has_decorations(&self, include_quotes: bool) -> bool {
        self.decorations
            .iter()
            .any(|d| d.is_font() || (include_quotes && d.is_quotes()))
    }

    fn is_number(&self) -> bool {
        self.num || matches!(&self.content, Content::Blobs(b) if b.len() == 1 && b[0].num)
    }

    fn ends_in_number(&self) -> bool {
        self.num || self.children().last().is_some_and(Blob::ends_in_number)
    }

    fn has_descendant_quotes(&self) -> bool {
        self.decorations.iter().any(Deco::is_quotes)
            || self
                .children()
                .last()
                .is_some_and(Blob::has_descendant_quotes)
    }

    fn has_descendant_merging_punctuation(&self, parent_char: char) -> bool {
        let mut child_char = last_char(&self.suffix);
        if child_char.is_none() {
            if let Content::Text(t) = &self.content {
                child_char = last_char(t);
            }
        }
        if let Some(c) = child_char {
            if merged(c, parent_char).is_some_and(|m| m.chars().count() == 1) {
                return true;
            }
        }
        self.children()
            .last()
            .is_some_and(|b| b.has_descendant_merging_punctuation(parent_char))
    }

    fn match_last_char(&self, chr: Option<char>) -> bool {
        let Some(chr) = chr.filter(|c| is_punct(*c)) else {
            return false;
        };
        match &self.content {
            Content::Text(t) => last_char(t) == Some(chr),
            Content::Blobs(b) => match b.last() {
                Some(child) => match last_char(&child.suffix) {
                    None => child.match_last_char(Some(chr)),
                    Some(c) => c == chr,
                },
                None => false,
            },
        }
    }
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn drop_first(s: &mut String) {
    if let Some(c) = s.chars().next() {
        s.drain(..c.len_utf8());
    }
}

fn drop_last(s: &mut String) {
    s.pop();
}

fn is_punct(c: char) -> bool {
    matches!(c, '!' | '?' | '.' | ':' | ',' | ';')
}

fn is_punct_or_space(c: char) -> bool {
    is_punct(c) || c == ' ' || c == '\u{a0}'
}

/// citeproc-js's LtoR_MAP: the result of `left` followed by `right`.
fn merged(left: char, right: char) -> Option<&'static str> {
    Some(match (left, right) {
        ('!', '.') => "!",
        ('!', '?') => "!?",
        ('!', ':') => "!",
        ('!', ',') => "!,",
        ('!', ';') => "!;",
        ('?', '!') => "?!",
        ('?', '.') => "?",
        ('?', ':') => "?",
        ('?', ',') => "?,",
        ('?', ';') => "?;",
        ('.', '!') => ".!",
        ('.', '?') => ".?",
        ('.', ':') => ".:",
        ('.', ',') => ".,",
        ('.', ';') => ".;",
        (':', '!') => "!",
        (':', '?') => "?",
        (':', '.') => ":",
        (':', ',') => ":,",
        (':', ';') => ":;",
        (',', '!') => ",!",
        (',', '?') => ",?",
        (',', ':') => ",:",
        (',', '.') => ",.",
        (',', ';') => ",;",
        (';', '!') => "!",
        (';', '?') => "?",
        (';', ':') => ";",
        (';', ',') => ";,",
        (';', '.') => ";",
        _ => return None,
    })
}

/// citeproc-js `mergeChars`: joins the end of `first` with the start of `second`,
/// merging toward the left (default) or the right.
fn merge_chars(first: &mut String, second: &mut String, merge_right: bool) {
    let (Some(fc), Some(sc)) = (last_char(first), first_char(second)) else {
        // Duplicate check and maps need both characters; with one missing only "duplicate" can't apply.
        if merge_right {
            if let Some(fc) = last_char(first) {
                if is_punct(fc) {
                    drop_last(first);
                    second.insert(0, fc);
                }
            }
        } else if let Some(sc) = first_char(second) {
            if is_punct(sc) {
                drop_first(second);
                first.push(sc);
            }
        }
        return;
    };
    if fc == sc {
        if merge_right {
            drop_last(first);
        } else {
            drop_first(second);
        }
        return;
    }
    if merge_right {
        if is_punct(fc) {
            if let Some(m) = merged(fc, sc) {
                drop_last(first);
                drop_first(second);
                second.insert_str(0, m);
            } else {
                second.insert(0, fc);
                drop_last(first);
            }
        }
    } else if is_punct(sc) {
        if let Some(m) = merged(fc, sc) {
            drop_last(first);
            drop_first(second);
            first.push_str(m);
        } else {
            first.push(sc);
            drop_first(second);
        }
    }
}

/// Removes empty leaves and groups (citeproc-js `purgeEmptyBlobs`).
pub fn purge_empty(blob: &mut Blob) {
    if let Content::Blobs(children) = &mut blob.content {
        for c in children.iter_mut() {
            purge_empty(c);
        }
        children.retain(|c| match &c.content {
            Content::Text(t) => !t.is_empty(),
            Content::Blobs(b) => !b.is_empty(),
        });
    }
}

/// Runs citeproc-js's punctuation adjustment passes on an entry.
pub fn adjust(root: &mut Blob, punct_in_quote: bool) {
    upward(root);
    leftward(root);
    downward(root, punct_in_quote);
    fix(root, punct_in_quote);
}

fn upward(parent: &mut Blob) {
    if let Content::Text(t) = &parent.content {
        if first_char(&parent.suffix).is_some_and(is_punct)
            && first_char(&parent.suffix) == last_char(t)
        {
            drop_first(&mut parent.suffix);
        }
        return;
    }
    let parent_decorations = parent.has_decorations(true);
    let n = parent.children().len();
    if n == 0 {
        return;
    }
    for i in (0..n).rev() {
        let Content::Blobs(children) = &mut parent.content else {
            return;
        };
        upward(&mut children[i]);
        let child = &mut children[i];
        if i == 0 {
            if parent.prefix.ends_with(' ') && child.prefix.starts_with(' ') {
                drop_first(&mut child.prefix);
            }
            if let Some(c) = first_char(&child.prefix) {
                if !parent_decorations && is_punct_or_space(c) && parent.prefix.is_empty() {
                    parent.prefix.push(c);
                    drop_first(&mut child.prefix);
                }
            }
        }
        if i == n - 1 && last_char(&child.suffix) == Some(' ') && !parent_decorations {
            if first_char(&parent.suffix) != Some(' ') {
                parent.suffix.insert(0, ' ');
            }
            drop_last(&mut child.suffix);
        }
        if !parent.delimiter.is_empty() && i > 0 {
            let d = last_char(&parent.delimiter);
            if d.is_some_and(is_punct_or_space) && d == first_char(&child.prefix) {
                drop_first(&mut child.prefix);
            }
        }
    }
}

fn leftward(parent: &mut Blob) {
    let delimiter_empty = parent.delimiter.is_empty();
    let Content::Blobs(children) = &mut parent.content else {
        return;
    };
    for i in (0..children.len()).rev() {
        leftward(&mut children[i]);
        if i + 1 < children.len() && delimiter_empty {
            let (left, right) = children.split_at_mut(i + 1);
            let child = &mut left[i];
            let sibling = &mut right[0];
            let sibling_char = first_char(&sibling.prefix);
            let has_decorations = child.has_decorations(false) || sibling.has_decorations(false);
            if !has_decorations && sibling_char.is_some_and(is_punct) {
                let suffix_and_prefix_match = sibling_char == last_char(&child.suffix);
                let suffix_and_field_match = child.suffix.is_empty()
                    && matches!(&child.content, Content::Text(t) if last_char(t) == sibling_char);
                if !suffix_and_prefix_match && !suffix_and_field_match {
                    merge_chars(&mut child.suffix, &mut sibling.prefix, false);
                } else {
                    drop_first(&mut sibling.prefix);
                }
            }
        }
    }
}

fn downward(parent: &mut Blob, punct_in_quote: bool) {
    if let Content::Text(t) = &parent.content {
        if first_char(&parent.suffix).is_some_and(is_punct)
            && first_char(&parent.suffix) == last_char(t)
        {
            drop_first(&mut parent.suffix);
        }
        return;
    }
    if parent.children().is_empty() {
        return;
    }
    if let Some(delim_char) = first_char(&parent.delimiter).filter(|c| is_punct(*c)) {
        let Content::Blobs(children) = &mut parent.content else {
            return;
        };
        let n = children.len();
        for child in children.iter_mut().take(n.saturating_sub(1)) {
            if last_char(&child.suffix) != Some(delim_char) {
                child.suffix.push(delim_char);
            }
        }
        drop_first(&mut parent.delimiter);
    }
    let n = parent.children().len();
    for i in (0..n).rev() {
        let parent_delimiter = parent.delimiter.clone();
        let Content::Blobs(children) = &mut parent.content else {
            return;
        };
        if i == n - 1 {
            let child = &mut children[i];
            let parent_char = first_char(&parent.suffix);
            let mut allow_migration = false;
            if let Some(pc) = parent_char.filter(|c| is_punct(*c)) {
                allow_migration = child.has_descendant_merging_punctuation(pc);
                if !allow_migration && punct_in_quote {
                    allow_migration = child.has_descendant_quotes();
                }
            }
            if allow_migration && !child.ends_in_number() {
                match &mut child.content {
                    Content::Text(t) => merge_chars(t, &mut parent.suffix, false),
                    Content::Blobs(_) => merge_chars(&mut child.suffix, &mut parent.suffix, false),
                }
                if parent.suffix.starts_with('.') {
                    child.suffix.push('.');
                    drop_first(&mut parent.suffix);
                }
            }
            if child.suffix.ends_with(' ') && parent.suffix.starts_with(' ') {
                drop_first(&mut parent.suffix);
            }
            if let Some(c) = first_char(&child.suffix).filter(|c| is_punct_or_space(*c)) {
                if matches!(&child.content, Content::Text(t) if last_char(t) == Some(c)) {
                    drop_first(&mut child.suffix);
                }
                if last_char(&child.suffix).is_some()
                    && last_char(&child.suffix) == first_char(&parent.suffix)
                {
                    drop_last(&mut parent.suffix);
                }
            }
            let suffix_first = first_char(&parent.suffix);
            if parent.match_last_char(suffix_first) {
                drop_first(&mut parent.suffix);
            }
        } else if !parent_delimiter.is_empty() {
            let d = first_char(&parent_delimiter);
            let child = &mut children[i];
            if d.is_some_and(is_punct_or_space) && d == last_char(&child.suffix) {
                drop_last(&mut child.suffix);
            }
        } else {
            let (left, right) = children.split_at_mut(i + 1);
            let child = &mut left[i];
            let sibling = &mut right[0];
            let c = last_char(&child.suffix);
            if !child.is_number()
                && !child.has_decorations(true)
                && c.is_some_and(is_punct_or_space)
                && c == first_char(&sibling.prefix)
            {
                drop_first(&mut sibling.prefix);
            }
        }
        let Content::Blobs(children) = &mut parent.content else {
            return;
        };
        let child = &mut children[i];
        if !child.is_number()
            && !child.has_decorations(true)
            && first_char(&child.suffix).is_some_and(is_punct)
        {
            if let Content::Text(t) = &mut child.content {
                merge_chars(t, &mut child.suffix, false);
            }
        }
        downward(child, punct_in_quote);
    }
}

fn swap_to_the_left(child: &mut Blob) {
    loop {
        let Some(c) = first_char(&child.suffix) else {
            return;
        };
        if !is_punct(c) || c == ';' || c == ':' {
            return;
        }
        let before = child.suffix.len();
        match &mut child.content {
            Content::Text(t) => merge_chars(t, &mut child.suffix, false),
            Content::Blobs(b) => match b.last_mut() {
                Some(last) => merge_chars(&mut last.suffix, &mut child.suffix, false),
                None => return,
            },
        }
        if child.suffix.len() >= before {
            return;
        }
    }
}

fn swap_to_the_right(child: &mut Blob) {
    loop {
        let text = match &mut child.content {
            Content::Text(t) => t,
            Content::Blobs(b) => match b.last_mut() {
                Some(last) => &mut last.suffix,
                None => return,
            },
        };
        let Some(c) = last_char(text) else { return };
        if !is_punct(c) || matches!(c, '.' | '!' | '?') {
            return;
        }
        let before = text.len();
        merge_chars(text, &mut child.suffix, true);
        let after = match &child.content {
            Content::Text(t) => t.len(),
            Content::Blobs(b) => b.last().map_or(0, |l| l.suffix.len()),
        };
        if after >= before {
            return;
        }
    }
}

fn fix(parent: &mut Blob, punct_in_quote: bool) {
    let Content::Blobs(children) = &mut parent.content else {
        return;
    };
    for child in children.iter_mut() {
        if child.decorations.iter().any(Deco::is_quotes) {
            if punct_in_quote {
                swap_to_the_left(child);
            } else {
                swap_to_the_right(child);
            }
        }
        fix(child, punct_in_quote);
    }
}

/// Serializes blobs to the output format.
pub struct Writer<'a> {
    pub mode: Mode,
    pub locale: &'a Locale,
}

impl Writer<'_> {
    /// Escapes text for the output format (citeproc-js `text_escape`).
    pub fn escape(&self, s: &str) -> String {
        match self.mode {
            Mode::Text => s.to_string(),
            Mode::Html => {
                let s = s
                    .replace('&', "&#38;")
                    .replace('<', "&#60;")
                    .replace('>', "&#62;");
                superscripts(&collapse_double_space(&s))
            }
        }
    }

    /// Renders a blob to a string ("" when it has no content).
    pub fn render(&self, blob: &Blob) -> String {
        self.render_within(blob, &mut Vec::new())
    }

    /// `outer` holds the font properties set (not to "normal") by the enclosing blobs: a
    /// "normal" decoration with none to undo is not written (citeproc-js `normalDecorIsOrphan`).
    fn render_within(&self, blob: &Blob, outer: &mut Vec<u8>) -> String {
        let mark = outer.len();
        outer.extend(
            blob.decorations
                .iter()
                .filter_map(Deco::property)
                .filter(|(_, normal)| !normal)
                .map(|(p, _)| p),
        );
        let body = match &blob.content {
            Content::Text(t) => self.escape(t),
            Content::Blobs(children) => {
                let parts: Vec<String> = children
                    .iter()
                    .map(|c| self.render_within(c, outer))
                    .filter(|s| !s.is_empty())
                    .collect();
                parts.join(&self.escape(&blob.delimiter))
            }
        };
        let active = outer.split_off(mark);
        if body.is_empty() {
            return body;
        }
        let mut out = body;
        for d in &blob.decorations {
            let orphan = d
                .property()
                .is_some_and(|(p, normal)| normal && !outer.contains(&p) && !active.contains(&p));
            if !matches!(d, Deco::Display(_)) && !orphan {
                out = self.decorate(d, out);
            }
        }
        out = format!(
            "{}{}{}",
            self.escape(&blob.prefix),
            out,
            self.escape(&blob.suffix)
        );
        for d in &blob.decorations {
            if matches!(d, Deco::Display(_)) {
                out = self.decorate(d, out);
            }
        }
        out
    }

    fn decorate(&self, d: &Deco, s: String) -> String {
        let term = |name: &str| {
            self.locale
                .term(name, "long", false)
                .unwrap_or("")
                .to_string()
        };
        match d {
            Deco::Quotes => format!("{}{}{}", term("open-quote"), s, term("close-quote")),
            Deco::InnerQuotes => format!(
                "{}{}{}",
                term("open-inner-quote"),
                s,
                term("close-inner-quote")
            ),
            _ if self.mode == Mode::Text => match d {
                Deco::Display(kind) if kind == "left-margin" => s + " ",
                Deco::Display(kind) if kind == "block" => format!("\n{s}"),
                Deco::Display(kind) if kind == "indent" => format!("\n    {s}"),
                _ => s,
            },
            Deco::Italic => format!("<i>{s}</i>"),
            Deco::Oblique => format!("<em>{s}</em>"),
            Deco::NormalStyle => format!("<span style=\"font-style:normal;\">{s}</span>"),
            Deco::SmallCaps => format!("<span style=\"font-variant:small-caps;\">{s}</span>"),
            Deco::NormalVariant => format!("<span style=\"font-variant:normal;\">{s}</span>"),
            Deco::Bold => format!("<b>{s}</b>"),
            Deco::NormalWeight => format!("<span style=\"font-weight:normal;\">{s}</span>"),
            Deco::Underline => format!("<span style=\"text-decoration:underline;\">{s}</span>"),
            Deco::NoDecoration => format!("<span style=\"text-decoration:none;\">{s}</span>"),
            Deco::Sup => format!("<sup>{s}</sup>"),
            Deco::Sub => format!("<sub>{s}</sub>"),
            Deco::Baseline => format!("<span style=\"baseline\">{s}</span>"),
            Deco::Display(kind) => match kind.as_str() {
                "block" => format!("\n\n    <div class=\"csl-block\">{s}</div>\n"),
                "left-margin" => format!("\n    <div class=\"csl-left-margin\">{s}</div>"),
                "right-inline" => format!("<div class=\"csl-right-inline\">{s}</div>\n  "),
                "indent" => format!("<div class=\"csl-indent\">{s}</div>\n  "),
                _ => s,
            },
        }
    }

    /// Wraps a finished entry like citeproc-js `@bibliography/entry`, trimmed.
    pub fn entry(&self, s: &str) -> String {
        if s.trim().is_empty() {
            return String::new();
        }
        match self.mode {
            Mode::Text => s.trim().to_string(),
            Mode::Html => format!("<div class=\"csl-entry\">{s}</div>")
                .trim()
                .to_string(),
        }
    }
}

/// citeproc-js HTML escaping turns any two whitespace characters into a no-break space and a space.
fn collapse_double_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() && chars.peek().is_some_and(|n| n.is_whitespace()) {
            chars.next();
            out.push_str("\u{a0} ");
        } else {
            out.push(c);
        }
    }
    out
}

/// citeproc-js writes superscript characters (ordinal indicators such as `º`, modifier
/// letters such as `ᵉ`) in HTML as `<sup>` around the plain character (its SUPERSCRIPTS table).
const SUPERSCRIPTS: &[(char, &str)] = &[
    ('\u{aa}', "\u{61}"),
    ('\u{b2}', "\u{32}"),
    ('\u{b3}', "\u{33}"),
    ('\u{b9}', "\u{31}"),
    ('\u{ba}', "\u{6f}"),
    ('\u{2b0}', "\u{68}"),
    ('\u{2b1}', "\u{266}"),
    ('\u{2b2}', "\u{6a}"),
    ('\u{2b3}', "\u{72}"),
    ('\u{2b4}', "\u{279}"),
    ('\u{2b5}', "\u{27b}"),
    ('\u{2b6}', "\u{281}"),
    ('\u{2b7}', "\u{77}"),
    ('\u{2b8}', "\u{79}"),
    ('\u{2e0}', "\u{263}"),
    ('\u{2e1}', "\u{6c}"),
    ('\u{2e2}', "\u{73}"),
    ('\u{2e3}', "\u{78}"),
    ('\u{2e4}', "\u{295}"),
    ('\u{1d2c}', "\u{41}"),
    ('\u{1d2d}', "\u{c6}"),
    ('\u{1d2e}', "\u{42}"),
    ('\u{1d30}', "\u{44}"),
    ('\u{1d31}', "\u{45}"),
    ('\u{1d32}', "\u{18e}"),
    ('\u{1d33}', "\u{47}"),
    ('\u{1d34}', "\u{48}"),
    ('\u{1d35}', "\u{49}"),
    ('\u{1d36}', "\u{4a}"),
    ('\u{1d37}', "\u{4b}"),
    ('\u{1d38}', "\u{4c}"),
    ('\u{1d39}', "\u{4d}"),
    ('\u{1d3a}', "\u{4e}"),
    ('\u{1d3c}', "\u{4f}"),
    ('\u{1d3d}', "\u{222}"),
    ('\u{1d3e}', "\u{50}"),
    ('\u{1d3f}', "\u{52}"),
    ('\u{1d40}', "\u{54}"),
    ('\u{1d41}', "\u{55}"),
    ('\u{1d42}', "\u{57}"),
    ('\u{1d43}', "\u{61}"),
    ('\u{1d44}', "\u{250}"),
    ('\u{1d45}', "\u{251}"),
    ('\u{1d46}', "\u{1d02}"),
    ('\u{1d47}', "\u{62}"),
    ('\u{1d48}', "\u{64}"),
    ('\u{1d49}', "\u{65}"),
    ('\u{1d4a}', "\u{259}"),
    ('\u{1d4b}', "\u{25b}"),
    ('\u{1d4c}', "\u{25c}"),
    ('\u{1d4d}', "\u{67}"),
    ('\u{1d4f}', "\u{6b}"),
    ('\u{1d50}', "\u{6d}"),
    ('\u{1d51}', "\u{14b}"),
    ('\u{1d52}', "\u{6f}"),
    ('\u{1d53}', "\u{254}"),
    ('\u{1d54}', "\u{1d16}"),
    ('\u{1d55}', "\u{1d17}"),
    ('\u{1d56}', "\u{70}"),
    ('\u{1d57}', "\u{74}"),
    ('\u{1d58}', "\u{75}"),
    ('\u{1d59}', "\u{1d1d}"),
    ('\u{1d5a}', "\u{26f}"),
    ('\u{1d5b}', "\u{76}"),
    ('\u{1d5c}', "\u{1d25}"),
    ('\u{1d5d}', "\u{3b2}"),
    ('\u{1d5e}', "\u{3b3}"),
    ('\u{1d5f}', "\u{3b4}"),
    ('\u{1d60}', "\u{3c6}"),
    ('\u{1d61}', "\u{3c7}"),
    ('\u{2070}', "\u{30}"),
    ('\u{2071}', "\u{69}"),
    ('\u{2074}', "\u{34}"),
    ('\u{2075}', "\u{35}"),
    ('\u{2076}', "\u{36}"),
    ('\u{2077}', "\u{37}"),
    ('\u{2078}', "\u{38}"),
    ('\u{2079}', "\u{39}"),
    ('\u{207a}', "\u{2b}"),
    ('\u{207b}', "\u{2212}"),
    ('\u{207c}', "\u{3d}"),
    ('\u{207d}', "\u{28}"),
    ('\u{207e}', "\u{29}"),
    ('\u{207f}', "\u{6e}"),
    ('\u{2120}', "\u{53}\u{4d}"),
    ('\u{2122}', "\u{54}\u{4d}"),
    ('\u{3192}', "\u{4e00}"),
    ('\u{3193}', "\u{4e8c}"),
    ('\u{3194}', "\u{4e09}"),
    ('\u{3195}', "\u{56db}"),
    ('\u{3196}', "\u{4e0a}"),
    ('\u{3197}', "\u{4e2d}"),
    ('\u{3198}', "\u{4e0b}"),
    ('\u{3199}', "\u{7532}"),
    ('\u{319a}', "\u{4e59}"),
    ('\u{319b}', "\u{4e19}"),
    ('\u{319c}', "\u{4e01}"),
    ('\u{319d}', "\u{5929}"),
    ('\u{319e}', "\u{5730}"),
    ('\u{319f}', "\u{4eba}"),
    ('\u{2c0}', "\u{294}"),
    ('\u{2c1}', "\u{295}"),
    ('\u{6e5}', "\u{648}"),
    ('\u{6e6}', "\u{64a}"),
];

fn superscripts(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match SUPERSCRIPTS.iter().find(|(k, _)| *k == c) {
            Some((_, plain)) => {
                out.push_str("<sup>");
                out.push_str(plain);
                out.push_str("</sup>");
            }
            None => out.push(c),
        }
    }
    out
}
