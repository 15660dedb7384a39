//! The catalog of every official CSL style (2,858 independent, 7,999 dependent) and the 62
//! locales, read from the vendored archives in `csl/all/` (tools/csl-vendor/vendor.py):
//! lookup by id, title or a user's file, search, and a dependent style resolved to its
//! parent's XML with its own title and default locale.
//!
//! The archives are zstd frames holding records `name\n<byte length>\n<bytes>`. The native
//! library compiles them in (feature `bundled-styles`); the wasm citation module is handed
//! the bytes by the page, which fetches the package's own files (see [`Library::needs`]).

use super::csl::style::{parse_xml, Node};
use super::CiteError;
use std::collections::HashMap;
use std::sync::Arc;

/// Most bytes one archive may decode to (the largest chunk is about 1 MB; locales 1.6 MB).
const MAX_DECODED: usize = 16 << 20;
/// Decoded style chunks kept at once (about 0.9 MB each).
const MAX_CHUNKS: usize = 8;
/// Suggestions given for an unknown style.
const SUGGESTIONS: usize = 3;

/// Decodes one zstd archive, refusing more than [`MAX_DECODED`] bytes.
pub fn decode(bytes: &[u8]) -> Result<Vec<u8>, CiteError> {
    use ruzstd::io::Read;
    let bad = |e: &dyn std::fmt::Display| CiteError::bad_style(format!("style archive: {e}"));
    let mut src = bytes;
    let mut dec = ruzstd::decoding::StreamingDecoder::new(&mut src).map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = dec.read(&mut buf).map_err(|e| bad(&e))?;
        if n == 0 {
            return Ok(out);
        }
        if out.len() + n > MAX_DECODED {
            return Err(bad(&"decodes to more than 16 MiB"));
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// The records of a decoded archive: name → byte range.
fn records(data: &[u8]) -> Result<HashMap<String, (usize, usize)>, CiteError> {
    let bad = || CiteError::bad_style("style archive: malformed record");
    let mut map = HashMap::new();
    let mut at = 0;
    while at < data.len() {
        let line = |from: usize| -> Result<(&[u8], usize), CiteError> {
            let end = memchr::memchr(b'\n', &data[from..]).ok_or_else(bad)? + from;
            Ok((&data[from..end], end + 1))
        };
        let (name, next) = line(at)?;
        let (len, start) = line(next)?;
        let len: usize = std::str::from_utf8(len)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        let end = start.checked_add(len).filter(|e| *e <= data.len());
        let end = end.ok_or_else(bad)?;
        std::str::from_utf8(&data[start..end]).map_err(|_| bad())?;
        map.insert(String::from_utf8_lossy(name).into_owned(), (start, end));
        at = end;
    }
    Ok(map)
}

/// A decoded archive: its text and where each named record lies in it.
struct Archive {
    text: String,
    at: HashMap<String, (usize, usize)>,
}

impl Archive {
    fn new(zst: &[u8]) -> Result<Archive, CiteError> {
        let data = decode(zst)?;
        let at = records(&data)?;
        // Every record was checked to be UTF-8 and records are whole, so the text is.
        let text = String::from_utf8(data)
            .map_err(|_| CiteError::bad_style("style archive: not UTF-8"))?;
        Ok(Archive { text, at })
    }
    fn get(&self, name: &str) -> Option<&str> {
        self.at.get(name).map(|&(s, e)| &self.text[s..e])
    }
}

/// One style of the catalog.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    /// The style's id (its file name without `.csl`).
    pub id: String,
    /// The style's title.
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    /// Its short title, when it has one.
    pub short: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    /// Its print ISSN, when it has one.
    pub issn: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    /// Its electronic ISSN, when it has one.
    pub eissn: String,
    /// The independent style a dependent one uses (empty for an independent style).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub parent: String,
    /// The style's own `default-locale` (empty: the parent's, else en-US).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub locale: String,
    /// `in-text` or `note`.
    pub class: String,
    /// The citation format category: author-date, numeric, note, label or author.
    pub format: String,
    #[serde(skip)]
    /// Its fields (e.g. `medicine`), comma-separated.
    pub fields: String,
    #[serde(skip)]
    /// The archive chunk holding an independent style's XML.
    pub chunk: Option<usize>,
    #[serde(skip)]
    aliases: String,
    /// Folded title, short title, aliases and id, for search.
    #[serde(skip)]
    hay: String,
}

/// Folds text for matching: lower case, Latin diacritics removed, punctuation as spaces
/// (CJK and other letters kept).
pub fn fold(s: &str) -> String {
    /// Accented Latin letters and the letter each folds to.
    const FOLDS: &[(&str, char)] = &[
        ("àáâãäåāăąǎ", 'a'),
        ("çćĉċč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħ", 'h'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏőǒ", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťŧț", 't'),
        ("ùúûüũūŭůűųǔ", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii() {
            c
        } else {
            FOLDS
                .iter()
                .find(|(from, _)| from.contains(c))
                .map_or(c, |&(_, to)| to)
        };
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            c if c.is_alphanumeric() => out.push(c),
            // Dashes, brackets, slashes, the en dash of "Harvard – Anglia Ruskin"…
            _ if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// An ISSN's eight characters, without its hyphen (`X` upper case).
fn issn_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether a character belongs to a script written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ac00}'..='\u{d7af}')
}

/// The catalog: every style, sorted by id.
#[derive(Debug)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// Reads the index (`index.tsv`, decoded).
    pub fn parse(tsv: &str) -> Result<Catalog, CiteError> {
        let mut entries = Vec::new();
        for line in tsv.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let [id, title, short, issn, eissn, parent, locale, class, format, fields, chunk, aliases] =
                f[..]
            else {
                return Err(CiteError::bad_style(
                    "style index: a line without 12 fields",
                ));
            };
            let hay = fold(&format!(
                "{title} | {short} | {aliases} | {}",
                id.replace('-', " ")
            ));
            entries.push(Entry {
                id: id.into(),
                title: title.into(),
                short: short.into(),
                issn: issn.into(),
                eissn: eissn.into(),
                parent: parent.into(),
                locale: locale.into(),
                class: class.into(),
                format: format.into(),
                fields: fields.into(),
                chunk: chunk.parse().ok(),
                aliases: aliases.into(),
                hay,
            });
        }
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Ok(Catalog { entries, by_id })
    }

    /// Every style, by id.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// A style by its exact id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// A style by id, title, short title, other name or ISSN, compared folded (case and
    /// diacritics ignored); the short names of the nine common styles (`apa`, `mla`…) too.
    pub fn find(&self, key: &str) -> Option<&Entry> {
        let key = key.trim();
        if let Some(e) = super::find_style(key).and_then(|s| self.get(s.id)) {
            return Some(e);
        }
        if let Some(e) = self.get(&key.to_ascii_lowercase()) {
            return Some(e);
        }
        let folded = fold(key);
        if folded.is_empty() {
            return None;
        }
        let issn = issn_key(key);
        let is_issn = issn.len() == 8 && key.len() <= 9;
        // An independent style first when a dependent one carries the same title.
        let mut hits = self.entries.iter().filter(|e| {
            fold(&e.title) == folded
                || (!e.short.is_empty() && fold(&e.short) == folded)
                || e.aliases.split(" | ").any(|a| fold(a) == folded)
                || (is_issn && (issn_key(&e.issn) == issn || issn_key(&e.eissn) == issn))
        });
        let first = hits.next()?;
        Some(
            std::iter::once(first)
                .chain(hits)
                .find(|e| e.parent.is_empty())
                .unwrap_or(first),
        )
    }

    /// Styles matching every word of `query` (a word matches the start of a word of the
    /// title, short title, other names or id; a Chinese or Japanese word matches anywhere;
    /// an ISSN matches either ISSN), best first: exact names, then titles starting with the
    /// query, then independent styles, then shorter titles.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Entry> {
        let folded = fold(query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let issn = issn_key(query);
        let is_issn =
            issn.len() == 8 && issn[..7].bytes().all(|b| b.is_ascii_digit()) && query.len() <= 10;
        let mut scored: Vec<(i32, usize, &Entry)> = Vec::new();
        for e in &self.entries {
            let score = if is_issn && (issn_key(&e.issn) == issn || issn_key(&e.eissn) == issn) {
                Some(1000)
            } else {
                self.word_score(e, &folded, &words)
            };
            if let Some(s) = score {
                let s = s + if e.parent.is_empty() { 5 } else { 0 };
                scored.push((-s, e.title.chars().count(), e));
            }
        }
        scored.sort_by(|a, b| (a.0, a.1, &a.2.title).cmp(&(b.0, b.1, &b.2.title)));
        scored.into_iter().take(limit).map(|(_, _, e)| e).collect()
    }

    fn word_score(&self, e: &Entry, folded: &str, words: &[&str]) -> Option<i32> {
        let hay = &e.hay;
        for w in words {
            let hit = if w.chars().any(unspaced) {
                hay.contains(w)
            } else {
                hay.match_indices(w)
                    .any(|(i, _)| i == 0 || hay[..i].ends_with(' '))
            };
            if !hit {
                return None;
            }
        }
        let title = fold(&e.title);
        let exact = title == folded
            || fold(&e.short) == folded
            || e.id == folded.replace(' ', "-")
            || e.aliases.split(" | ").any(|a| fold(a) == folded);
        Some(if exact {
            100
        } else if title.starts_with(folded) {
            50
        } else if fold(&e.short).starts_with(folded) {
            40
        } else {
            10
        })
    }

    /// The closest titles to an unknown key: search hits, else titles sharing the most
    /// letter pairs with it.
    pub fn suggest(&self, key: &str) -> Vec<&Entry> {
        let hits = self.search(key, SUGGESTIONS);
        if !hits.is_empty() {
            return hits;
        }
        let pairs = |s: &str| -> Vec<(char, char)> {
            let c: Vec<char> = s.chars().filter(|c| *c != ' ').collect();
            let mut p: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
            p.sort_unstable();
            p.dedup();
            p
        };
        let want = pairs(&fold(key));
        if want.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, &Entry)> = self
            .entries
            .iter()
            .filter(|e| e.parent.is_empty())
            .map(|e| {
                let have = pairs(&fold(&e.title));
                let common = want
                    .iter()
                    .filter(|p| have.binary_search(p).is_ok())
                    .count();
                // Dice coefficient, scaled.
                (common * 2000 / (want.len() + have.len()).max(1), e)
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
        scored
            .into_iter()
            .take(SUGGESTIONS)
            .map(|(_, e)| e)
            .collect()
    }
}

/// A style ready to format: the independent style's XML and what the chosen style adds.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The chosen style's id (a dependent style's own), or `file` for a user's file.
    pub id: String,
    /// The chosen style's title.
    pub title: String,
    /// `in-text` or `note`.
    pub class: String,
    /// The XML of the independent style that renders it.
    pub xml: Arc<str>,
    /// The id of that independent style (its own id for an independent style).
    pub parent: String,
    /// The locale it renders in unless the caller overrides it.
    pub locale: String,
}

/// A user's style file as [`Library::file_info`] reads it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileStyle {
    /// The id its `<info>` gives (`file` when none).
    pub id: String,
    /// Its title.
    pub title: String,
    /// `in-text` or `note` (a dependent style's parent's).
    pub class: String,
    /// The official style a dependent file uses (empty for an independent one).
    pub parent: String,
    /// Its `default-locale` (empty when none).
    pub locale: String,
}

/// What [`Library::resolve`] still needs before it can answer for a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Needs {
    /// The `styles-NN.zst` chunk to hand to [`Library::add_chunk`].
    pub chunk: Option<usize>,
    /// Whether `locales.zst` must be handed to [`Library::add_locales`].
    pub locales: bool,
}

/// Where a library gets archives it was not handed: the compiled-in data, natively.
type Source = fn(usize) -> Option<&'static [u8]>;

/// The catalog with the decoded archives it has needed so far.
pub struct Library {
    catalog: Catalog,
    chunks: HashMap<usize, Arc<Archive>>,
    locales: Option<Archive>,
    primary: HashMap<String, String>,
    source: Option<(Source, &'static [u8])>,
}

impl Library {
    /// A library from `index.tsv.zst`; chunks and locales are handed in later.
    pub fn new(index_zst: &[u8]) -> Result<Library, CiteError> {
        let tsv = String::from_utf8(decode(index_zst)?)
            .map_err(|_| CiteError::bad_style("style index: not UTF-8"))?;
        Ok(Library {
            catalog: Catalog::parse(&tsv)?,
            chunks: HashMap::new(),
            locales: None,
            primary: HashMap::new(),
            source: None,
        })
    }

    /// The library of the data compiled into the native build.
    #[cfg(feature = "bundled-styles")]
    pub fn bundled() -> Result<Library, CiteError> {
        use super::vendored;
        let mut lib = Library::new(vendored::INDEX)?;
        lib.source = Some((|n| vendored::CHUNKS.get(n).copied(), vendored::LOCALES));
        Ok(lib)
    }

    /// The catalog of every official style and locale.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// What must be handed in before `key` (as for [`Library::resolve`]) can be formatted.
    pub fn needs(&self, key: &str) -> Needs {
        let chunk = self
            .catalog
            .find(key)
            .and_then(|e| self.independent(e))
            .and_then(|p| p.chunk)
            .filter(|n| !self.chunks.contains_key(n));
        Needs {
            chunk,
            locales: self.locales.is_none(),
        }
    }

    fn independent<'a>(&'a self, e: &'a Entry) -> Option<&'a Entry> {
        if e.parent.is_empty() {
            Some(e)
        } else {
            self.catalog.get(&e.parent)
        }
    }

    /// Hands in the decoded-on-demand archive `styles-NN.zst`.
    pub fn add_chunk(&mut self, n: usize, zst: &[u8]) -> Result<(), CiteError> {
        let archive = Archive::new(zst)?;
        if self.chunks.len() >= MAX_CHUNKS {
            self.chunks.clear();
        }
        self.chunks.insert(n, Arc::new(archive));
        Ok(())
    }

    /// Hands in `locales.zst`.
    pub fn add_locales(&mut self, zst: &[u8]) -> Result<(), CiteError> {
        let archive = Archive::new(zst)?;
        #[derive(serde::Deserialize)]
        struct Info {
            #[serde(rename = "primary-dialects")]
            primary: HashMap<String, String>,
        }
        if let Some(info) = archive
            .get("locales.json")
            .and_then(|j| serde_json::from_str::<Info>(j).ok())
        {
            self.primary = info.primary;
        }
        self.locales = Some(archive);
        Ok(())
    }

    fn chunk(&mut self, n: usize) -> Result<Arc<Archive>, CiteError> {
        if !self.chunks.contains_key(&n) {
            let bytes = self.source.and_then(|(src, _)| src(n)).ok_or_else(|| {
                CiteError::new("missing-style", format!("style chunk {n} not loaded"))
            })?;
            self.add_chunk(n, bytes)?;
        }
        self.chunks
            .get(&n)
            .cloned()
            .ok_or_else(|| CiteError::new("missing-style", format!("style chunk {n} not loaded")))
    }

    /// The unknown-style error, naming the closest titles.
    pub fn unknown(&self, key: &str) -> CiteError {
        let near: Vec<String> = self
            .catalog
            .suggest(key)
            .iter()
            .map(|e| format!("\"{}\" ({})", e.title, e.id))
            .collect();
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!("; closest: {}", near.join(", "))
        };
        CiteError::new("unknown-style", format!("unknown style \"{key}\"{hint}"))
    }

    /// A catalog style by id, title, other name, ISSN or short name (`apa`…; the short
    /// names win over the few official ids they equal, e.g. `chicago-notes`).
    pub fn resolve(&mut self, key: &str) -> Result<Resolved, CiteError> {
        let e = self
            .catalog
            .find(key)
            .ok_or_else(|| self.unknown(key))?
            .clone();
        self.resolve_entry(e)
    }

    /// A catalog style by its exact id.
    pub fn resolve_id(&mut self, id: &str) -> Result<Resolved, CiteError> {
        let e = self
            .catalog
            .get(id)
            .ok_or_else(|| self.unknown(id))?
            .clone();
        self.resolve_entry(e)
    }

    fn resolve_entry(&mut self, e: Entry) -> Result<Resolved, CiteError> {
        let parent = self
            .independent(&e)
            .cloned()
            .ok_or_else(|| CiteError::bad_style(format!("{}: parent missing", e.id)))?;
        let n = parent.chunk.ok_or_else(|| {
            CiteError::bad_style(format!("{}: independent style not archived", parent.id))
        })?;
        let archive = self.chunk(n)?;
        let xml = archive.get(&parent.id).ok_or_else(|| {
            CiteError::bad_style(format!("{}: not in its style chunk", parent.id))
        })?;
        let locale = [&e.locale, &parent.locale]
            .into_iter()
            .find(|l| !l.is_empty())
            .cloned()
            .unwrap_or_else(|| "en-US".into());
        Ok(Resolved {
            id: e.id.clone(),
            title: e.title.clone(),
            class: e.class.clone(),
            xml: Arc::from(xml),
            parent: parent.id,
            locale,
        })
    }

    /// What a user's CSL 1.0.x file is: its id, title, class, locale and (a dependent style)
    /// its parent, which must be an official style. Needs no archive.
    pub fn file_info(&self, xml: &str) -> Result<FileStyle, CiteError> {
        let root = parse_xml(xml)?;
        if root.name != "style" {
            return Err(CiteError::bad_style(
                "not a CSL style: the root is not <style>",
            ));
        }
        if let Some(v) = root.attr("version").filter(|v| !v.starts_with("1.0")) {
            return Err(CiteError::bad_style(format!(
                "CSL version {v}; CSL 1.0.x styles are supported"
            )));
        }
        let info = root.child("info");
        let text = |tag: &str| {
            info.and_then(|i| i.child(tag))
                .map(|n| n.text.trim().to_string())
                .unwrap_or_default()
        };
        let last_part = |s: &str| {
            let s = s.trim().trim_end_matches('/');
            s.rsplit('/').next().unwrap_or("").to_string()
        };
        let id = last_part(&text("id"));
        let parent = info
            .into_iter()
            .flat_map(|i| i.children_named("link"))
            .find(|l| l.attr("rel") == Some("independent-parent"))
            .and_then(|l| l.attr("href"))
            .map(last_part);
        let has_layout = |n: &Node| n.child("layout").is_some();
        let renders = root
            .children
            .iter()
            .any(|c| (c.name == "bibliography" || c.name == "citation") && has_layout(c));
        let (parent, class) = match parent {
            Some(p) if !renders => {
                let entry = self.catalog.get(&p).ok_or_else(|| {
                    CiteError::new(
                        "unknown-style",
                        format!("the dependent style's parent \"{p}\" is not an official style"),
                    )
                })?;
                (p, entry.class.clone())
            }
            _ => (
                String::new(),
                root.attr("class").unwrap_or("in-text").to_string(),
            ),
        };
        Ok(FileStyle {
            id: if id.is_empty() { "file".into() } else { id },
            title: text("title"),
            class,
            parent,
            locale: root.attr("default-locale").unwrap_or("").to_string(),
        })
    }

    /// A user's CSL 1.0.x file: an independent style as it is, a dependent one resolved to
    /// its parent in the catalog with the file's own title and default locale.
    pub fn resolve_file(&mut self, xml: &str) -> Result<Resolved, CiteError> {
        let info = self.file_info(xml)?;
        if info.parent.is_empty() {
            return Ok(Resolved {
                id: info.id,
                title: info.title,
                class: info.class,
                xml: Arc::from(xml),
                parent: String::new(),
                locale: if info.locale.is_empty() {
                    "en-US".into()
                } else {
                    info.locale
                },
            });
        }
        let mut r = self.resolve_id(&info.parent)?;
        if !info.locale.is_empty() {
            r.locale = info.locale;
        }
        r.id = info.id;
        r.title = info.title;
        Ok(r)
    }

    /// The locale files for `tag`, lowest priority first, as CSL's fallback goes: en-US,
    /// then the language's primary dialect (de-DE for de-AT), then the tag's own file.
    /// `strict`: an unknown language is an error (else it falls back to en-US).
    pub fn locale_chain(&mut self, tag: &str, strict: bool) -> Result<Vec<Arc<str>>, CiteError> {
        if self.locales.is_none() {
            let bytes = self.source.map(|(_, l)| l).ok_or_else(|| {
                CiteError::new("missing-locale", "the locale archive is not loaded")
            })?;
            self.add_locales(bytes)?;
        }
        let archive = self
            .locales
            .as_ref()
            .ok_or_else(|| CiteError::new("missing-locale", "the locale archive is not loaded"))?;
        let lang = tag.split(['-', '_']).next().unwrap_or(tag);
        let tag = tag.replace('_', "-");
        let mut names = vec!["en-US".to_string()];
        if let Some(p) = self.primary.get(lang) {
            names.push(p.clone());
        }
        names.push(tag.clone());
        names.dedup();
        let mut files: Vec<Arc<str>> = Vec::new();
        let mut seen = Vec::new();
        for n in &names {
            if seen.contains(n) {
                continue;
            }
            seen.push(n.clone());
            if let Some(x) = archive.get(&format!("locales-{n}.xml")) {
                files.push(Arc::from(x));
            }
        }
        if strict && files.len() < 2 && !tag.eq_ignore_ascii_case("en-US") && lang != "en" {
            let mut known: Vec<&str> = archive
                .at
                .keys()
                .filter_map(|k| k.strip_prefix("locales-")?.strip_suffix(".xml"))
                .collect();
            known.sort_unstable();
            return Err(CiteError::new(
                "unknown-locale",
                format!("no locale \"{tag}\"; available: {}", known.join(" ")),
            ));
        }
        Ok(files)
    }
}

#[cfg(all(test, feature = "bundled-styles"))]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_dashes() {
        assert_eq!(
            fold("Harvard – Anglia Ruskin University"),
            "harvard anglia ruskin university"
        );
        assert_eq!(
            fold("Société Française d'Études"),
            "societe francaise d etudes"
        );
        assert_eq!(fold("中华医学杂志英文版"), "中华医学杂志英文版");
    }

    #[test]
    fn locale_fallback_goes_through_the_primary_dialect() {
        let mut lib = Library::bundled().unwrap();
        // de-AT: en-US, de-DE, de-AT.
        let chain = lib.locale_chain("de-AT", true).unwrap();
        assert_eq!(chain.len(), 3);
        assert!(chain[1].contains("xml:lang=\"de-DE\""));
        assert!(chain[2].contains("xml:lang=\"de-AT\""));
        // A bare language: its primary dialect.
        let chain = lib.locale_chain("fr", true).unwrap();
        assert!(chain.last().unwrap().contains("xml:lang=\"fr-FR\""));
        assert_eq!(
            lib.locale_chain("xx-YY", true).unwrap_err().code(),
            "unknown-locale"
        );
        assert_eq!(lib.locale_chain("xx-YY", false).unwrap().len(), 1);
    }
}
