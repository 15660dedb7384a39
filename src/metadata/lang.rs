//! The page's language: the declared tag (`<html lang>`, content-language,
//! `og:locale`, JSON-LD `inLanguage`) in BCP 47 form, unless the text's
//! script contradicts it; else detected from the text: the script (Han,
//! kana, hangul, Arabic, Hebrew, Thai, Cyrillic, Greek …), and for Latin
//! script the language whose most common words the text uses.

use std::sync::LazyLock;

use super::sources::Declared;
use crate::text::is_cjk_letter;

/// Scripts that name one language (or its usual one), by code-point range.
/// Han, kana and hangul are told apart in [`cjk`].
const SCRIPTS: &[(u32, u32, &str)] = &[
    (0x0600, 0x06FF, "ar"), // Arabic (Persian and Urdu: see PERSO_ARABIC)
    (0x0590, 0x05FF, "he"), // Hebrew
    (0x0E00, 0x0E7F, "th"), // Thai
    (0x0400, 0x04FF, "ru"), // Cyrillic (Ukrainian: see UKRAINIAN)
    (0x0370, 0x03FF, "el"), // Greek
    (0x0900, 0x097F, "hi"), // Devanagari
    (0x1000, 0x109F, "my"), // Myanmar
    (0x0980, 0x09FF, "bn"), // Bengali
    (0x0B80, 0x0BFF, "ta"), // Tamil
    (0x10A0, 0x10FF, "ka"), // Georgian
    (0x0530, 0x058F, "hy"), // Armenian
    (0x1780, 0x17FF, "km"), // Khmer
];

/// Letters only Persian (پ چ ژ گ) or Urdu (ٹ ڈ ڑ ے) write in Arabic script.
const PERSO_ARABIC: &[(char, &str)] = &[
    ('پ', "fa"),
    ('چ', "fa"),
    ('ژ', "fa"),
    ('گ', "fa"),
    ('ٹ', "ur"),
    ('ڈ', "ur"),
    ('ڑ', "ur"),
    ('ے', "ur"),
];

/// Cyrillic letters Ukrainian writes and Russian does not.
const UKRAINIAN: &[char] = &['і', 'ї', 'є', 'ґ'];

/// The most common short words of Latin-script languages: a text whose words
/// are at least a tenth these is in that language.
const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "with", "as", "it",
            "at", "by", "are", "this", "be", "from",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "de", "que", "y", "en", "los", "del", "las", "por", "un", "una", "con",
            "para", "es", "se", "al",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "et", "en", "du", "un", "une", "est", "que", "pour",
            "dans", "qui", "sur", "au", "pas",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "den", "ist", "nicht", "mit", "von", "sich", "des", "auf",
            "ein", "eine", "dem", "zu", "im", "auch",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "os", "no", "na",
            "com", "não", "dos", "as",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "la", "per", "un", "una", "non", "sono", "del", "della", "gli",
            "le", "ha", "con", "si",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "dat", "is", "niet", "op", "te", "zijn", "met",
            "voor", "ook", "er",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "nie", "na", "się", "z", "że", "do", "to", "jest", "jak", "po", "od", "za",
        ],
    ),
    (
        "cs",
        &[
            "a", "je", "se", "na", "že", "v", "to", "ve", "jsou", "s", "z", "do", "jako", "pro",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
            "inte",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "olan",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan",
            "pada",
        ],
    ),
];

/// Values of language slots that name no language: charsets ("utf-8"),
/// "all", and the undetermined, multiple and no-language codes.
const NOT_LANGUAGES: &[&str] = &["all", "utf", "iso", "gbk", "und", "mul", "zxx"];

/// How many characters and words of the text detection reads.
const SAMPLE_CHARS: usize = 4000;
const SAMPLE_WORDS: usize = 200;

/// The page's language. `cjk`: whether `body` is mostly CJK.
pub fn language(d: &Declared, body: &str, cjk: bool) -> Option<String> {
    let declared = d
        .html_lang
        .clone()
        .or_else(|| {
            d.meta(&[
                "content-language",
                "og:locale",
                "dc.language",
                "citation_language",
            ])
            .map(str::to_string)
        })
        .or_else(|| d.ld_str("inLanguage"))
        .or_else(|| {
            // WebPage and WebSite objects state it too.
            d.jsonld_other
                .iter()
                .find_map(|o| o.get("inLanguage").and_then(super::sources::string_of))
        })
        .and_then(|l| normalize(&l));
    let has_text = body.chars().filter(|c| c.is_alphabetic()).nth(20).is_some();
    if !has_text {
        return declared;
    }
    let script = script_language(body);
    match declared {
        // A CJK text under a non-CJK tag (or the reverse): the text wins.
        Some(l) if cjk && !is_cjk_tag(&l) => Some(cjk_language(body)),
        Some(l)
            if !cjk
                && l.starts_with("zh")
                && body.chars().filter(|&c| is_cjk_letter(c)).count() < 10 =>
        {
            script.or_else(|| latin_language(body))
        }
        // A text wholly in another script than the tag's ("en" on an Arabic page).
        Some(l) if script.as_deref().is_some_and(|s| primary(&l) != primary(s)) && !cjk => {
            if script_of_tag(&l).is_some() || is_latin_tag(&l) {
                script
            } else {
                Some(l)
            }
        }
        // A Latin-script tag the text plainly contradicts (a theme's default
        // lang="en-US" over Spanish prose): the text's language.
        Some(l) if !cjk && script.is_none() => Some(contradicting_latin(body, &l).unwrap_or(l)),
        Some(l) => Some(l),
        None if cjk => Some(cjk_language(body)),
        None => script.or_else(|| latin_language(body)),
    }
}

/// A declared tag in BCP 47 form: `en_US` → `en-US`, `zh-cn` → `zh-CN`,
/// `zh-hans` → `zh-Hans`; `None` for values that are no tag ("utf-8", "all").
pub fn normalize(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    if !(2..=3).contains(&first.len())
        || !first.chars().all(|c| c.is_ascii_alphabetic())
        || NOT_LANGUAGES.contains(&first.to_ascii_lowercase().as_str())
        || tag.rsplit('-').next().is_some_and(|last| last.len() == 1)
    {
        return None;
    }
    let mut out = first.to_ascii_lowercase();
    for p in parts {
        if !(1..=8).contains(&p.len()) || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match p.len() {
            // Region: "US" (a numeric one, "419", stays as written).
            2 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p.to_ascii_uppercase())
            }
            // Script: "Hans", "Latn".
            4 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p[..1].to_ascii_uppercase());
                out.push_str(&p[1..].to_ascii_lowercase());
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Some(out)
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

fn is_cjk_tag(tag: &str) -> bool {
    matches!(primary(tag), "zh" | "ja" | "ko")
}

fn is_latin_tag(tag: &str) -> bool {
    STOP_WORDS.iter().any(|(l, _)| *l == primary(tag))
}

/// The script language a tag names, if it is one of [`SCRIPTS`]' languages.
fn script_of_tag(tag: &str) -> Option<&'static str> {
    let p = primary(tag);
    SCRIPTS
        .iter()
        .map(|(_, _, l)| *l)
        .chain(PERSO_ARABIC.iter().map(|(_, l)| *l))
        .chain(["uk"])
        .find(|l| *l == p)
}

/// The language of a text mostly in one of [`SCRIPTS`] (more than half its letters).
fn script_language(body: &str) -> Option<String> {
    let mut counts = [0usize; SCRIPTS.len()];
    let mut letters = 0usize;
    for c in body
        .chars()
        .take(SAMPLE_CHARS)
        .filter(|c| c.is_alphabetic())
    {
        letters += 1;
        let u = c as u32;
        if let Some(i) = SCRIPTS
            .iter()
            .position(|(lo, hi, _)| (*lo..=*hi).contains(&u))
        {
            counts[i] += 1;
        }
    }
    let (i, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if n * 2 <= letters || n < 20 {
        return None;
    }
    let lang = SCRIPTS[i].2;
    let sample = || body.chars().take(SAMPLE_CHARS);
    let refined = match lang {
        "ar" => PERSO_ARABIC
            .iter()
            .find(|(c, _)| sample().filter(|x| x == c).count() >= 3)
            .map_or("ar", |(_, l)| *l),
        "ru" if sample().filter(|c| UKRAINIAN.contains(c)).count() >= 3 => "uk",
        l => l,
    };
    Some(refined.to_string())
}

/// Chinese, Japanese or Korean: kana means Japanese, hangul Korean.
fn cjk_language(body: &str) -> String {
    let sample = || body.chars().take(SAMPLE_CHARS);
    let kana = sample()
        .filter(|&c| ('\u{3040}'..='\u{30ff}').contains(&c))
        .count();
    let hangul = sample()
        .filter(|&c| ('\u{ac00}'..='\u{d7af}').contains(&c))
        .count();
    if kana > 20 {
        "ja".into()
    } else if hangul > 20 {
        "ko".into()
    } else {
        "zh-CN".into()
    }
}

/// The Latin-script language whose common words make up the most of the
/// text, when they are at least a tenth of its words.
fn latin_language(body: &str) -> Option<String> {
    let scores = latin_scores(body)?;
    let (code, n) = scores.best();
    (n * 10 >= scores.words).then(|| code.to_string())
}

/// The Latin-script language of the text when it plainly is not `tag`'s:
/// a fifth of its words are that language's common words, under a
/// twentieth are the declared language's.
fn contradicting_latin(body: &str, tag: &str) -> Option<String> {
    let scores = latin_scores(body)?;
    let i = STOP_WORDS
        .iter()
        .position(|(code, _)| *code == primary(tag))?;
    let own = scores.hits[i];
    let (code, n) = scores.best();
    (code != primary(tag) && n * 5 >= scores.words && own * 20 < scores.words)
        .then(|| code.to_string())
}

/// How many of the text's first words each [`STOP_WORDS`] language claims.
struct Scores {
    /// Per language of [`STOP_WORDS`], in its order.
    hits: Vec<usize>,
    /// Words read.
    words: usize,
}

impl Scores {
    /// The language with the most hits (the last on a tie, as `max_by_key`).
    fn best(&self) -> (&'static str, usize) {
        let mut best = (STOP_WORDS[0].0, self.hits[0]);
        for (i, &n) in self.hits.iter().enumerate().skip(1) {
            if n >= best.1 {
                best = (STOP_WORDS[i].0, n);
            }
        }
        best
    }
}

/// Every stop word with the languages ([`STOP_WORDS`] indices, as bits)
/// that list it, sorted for binary search: one lookup a word.
static STOP_WORD_INDEX: LazyLock<Vec<(&'static str, u32)>> = LazyLock::new(|| {
    let mut index: Vec<(&'static str, u32)> = Vec::new();
    for (i, (_, list)) in STOP_WORDS.iter().enumerate() {
        for &w in *list {
            match index.iter_mut().find(|(x, _)| *x == w) {
                Some((_, bits)) => *bits |= 1 << i,
                None => index.push((w, 1 << i)),
            }
        }
    }
    index.sort_unstable_by_key(|(w, _)| *w);
    index
});

/// The scores of the text's first [`SAMPLE_WORDS`] words; None under ten words.
fn latin_scores(body: &str) -> Option<Scores> {
    let mut hits = vec![0usize; STOP_WORDS.len()];
    let mut words = 0;
    for w in sample_words(body) {
        words += 1;
        if w.len() > 8 {
            continue;
        }
        // Stop words are at most eight bytes: an ASCII word is lower-cased
        // on the stack, others (rare) through `text::lower`.
        let mut buf = [0u8; 8];
        let lowered;
        let w = if w.is_ascii() {
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..w.len()]).unwrap_or_default()
        } else {
            lowered = crate::text::lower(w);
            lowered.as_str()
        };
        if let Ok(i) = STOP_WORD_INDEX.binary_search_by_key(&w, |(x, _)| x) {
            let bits = STOP_WORD_INDEX[i].1;
            for (lang, n) in hits.iter_mut().enumerate() {
                *n += ((bits >> lang) & 1) as usize;
            }
        }
    }
    (words >= 10).then_some(Scores { hits, words })
}

/// The words detection reads.
fn sample_words(body: &str) -> impl Iterator<Item = &str> {
    body.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_bit_and_every_stop_word_is_found() {
        assert!(STOP_WORDS.len() <= 32);
        for (i, (_, list)) in STOP_WORDS.iter().enumerate() {
            for w in *list {
                let at = STOP_WORD_INDEX.binary_search_by_key(w, |(x, _)| x).unwrap();
                assert!(STOP_WORD_INDEX[at].1 & (1 << i) != 0, "{w}");
            }
        }
    }

    /// Hand-written (no corpus page shows it): Spanish prose under a theme's lang="en-US".
    #[test]
    fn a_plainly_contradicted_latin_tag_yields() {
        let d = Declared {
            html_lang: Some("en-US".into()),
            ..Declared::default()
        };
        let es = "El gobierno anunció el lunes que la reforma de las pensiones será aprobada por el congreso antes del verano, según fuentes del ministerio de economía que pidieron no ser identificadas.";
        assert_eq!(language(&d, es, false).as_deref(), Some("es"));
        let en = "The government said on Monday that the pension reform would pass before the summer, according to ministry sources.";
        assert_eq!(language(&d, en, false).as_deref(), Some("en-US"));
    }

    #[test]
    fn tags_are_normalized() {
        assert_eq!(normalize("en_US").as_deref(), Some("en-US"));
        assert_eq!(normalize("en-us").as_deref(), Some("en-US"));
        assert_eq!(normalize("zh-hans").as_deref(), Some("zh-Hans"));
        assert_eq!(normalize("zh-Hans-CN").as_deref(), Some("zh-Hans-CN"));
        assert_eq!(normalize("es-419").as_deref(), Some("es-419"));
        assert_eq!(normalize("utf-8"), None);
        assert_eq!(normalize("all"), None);
    }

    #[test]
    fn languages_are_detected() {
        // Openings of corpus pages (readability-test-pages la-nacion, newspaper4k).
        assert_eq!(
            latin_language("Abdullah Ocalan, el líder independentista kurdo, desembarcó en Italia en noviembre de 1998 y pidió asilo político. La Justicia italiana le negó el pedido").as_deref(),
            Some("es")
        );
        assert_eq!(
            latin_language("The cat sat on the mat and it was said to be at peace with the world.")
                .as_deref(),
            Some("en")
        );
        assert_eq!(
            latin_language("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore"),
            None
        );
        assert_eq!(
            script_language("معارضون يسيطرون على مخازن للصواريخ بريف دمشق وقتلى في اشتباكات")
                .as_deref(),
            Some("ar")
        );
        assert_eq!(
            script_language("ผล DNA ยืนยัน ศพลอยแม่น้ำโขงเป็นคนสนิท อ.สุรชัย").as_deref(),
            Some("th")
        );
        assert_eq!(cjk_language("トレンドマイクロは3月9日、Wi-Fi利用時の通信を暗号化し保護するスマホ・タブレット向けのセキュリティアプリ"), "ja");
    }
}
