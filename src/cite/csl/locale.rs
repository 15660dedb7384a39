//! Locale data: terms, localized date formats and style options, merged from the
//! locale file and the style's own `<locale>` blocks.

use super::style::{parse_xml, Node, Style};
use crate::cite::CiteError;
use std::collections::HashMap;

/// A term's singular and plural forms.
#[derive(Debug, Clone, Default)]
pub struct Term {
    pub single: String,
    pub multiple: String,
    pub match_rule: Option<String>,
}

/// The merged locale for one rendering.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    terms: HashMap<(String, String), Term>,
    dates: HashMap<String, Node>,
    pub punctuation_in_quote: bool,
    pub limit_day_ordinals_to_day_1: bool,
}

/// citeproc-js's `LANG_BASES`: a language's base dialect, whose style locale blocks apply
/// to its other dialects too (a block `en-US` in an en-GB style).
const LANG_BASES: &[(&str, &str)] = &[
    ("af", "af-ZA"),
    ("ar", "ar"),
    ("bg", "bg-BG"),
    ("ca", "ca-AD"),
    ("cs", "cs-CZ"),
    ("da", "da-DK"),
    ("de", "de-DE"),
    ("el", "el-GR"),
    ("en", "en-US"),
    ("es", "es-ES"),
    ("et", "et-EE"),
    ("eu", "eu"),
    ("fa", "fa-IR"),
    ("fi", "fi-FI"),
    ("fr", "fr-FR"),
    ("he", "he-IL"),
    ("hr", "hr-HR"),
    ("hu", "hu-HU"),
    ("is", "is-IS"),
    ("it", "it-IT"),
    ("ja", "ja-JP"),
    ("km", "km-KH"),
    ("ko", "ko-KR"),
    ("lt", "lt-LT"),
    ("lv", "lv-LV"),
    ("mn", "mn-MN"),
    ("nb", "nb-NO"),
    ("nl", "nl-NL"),
    ("nn", "nn-NO"),
    ("pl", "pl-PL"),
    ("pt", "pt-PT"),
    ("ro", "ro-RO"),
    ("ru", "ru-RU"),
    ("sk", "sk-SK"),
    ("sl", "sl-SI"),
    ("sr", "sr-RS"),
    ("sv", "sv-SE"),
    ("th", "th-TH"),
    ("tr", "tr-TR"),
    ("uk", "uk-UA"),
    ("vi", "vi-VN"),
    ("zh", "zh-CN"),
];

/// The `xml:lang` values of the style's locale blocks that apply to `lang`, lowest priority
/// first (citeproc-js `localeConfigure`): none, the bare language, its base dialect (en-US
/// for an unknown language), the language's best tag (the base dialect for a bare `de`).
fn style_block_order(lang: &str) -> Vec<Option<String>> {
    let parts: Vec<&str> = lang.split(['-', '_']).collect();
    let bare = parts[0];
    let known = LANG_BASES.iter().find(|(l, _)| *l == bare).map(|(_, b)| *b);
    let base = known.unwrap_or("en-US");
    let best = match (known, parts.get(1)) {
        (None, _) => lang.to_string(),
        (Some(_), None | Some(&"x")) => base.to_string(),
        _ => parts[..2].join("-"),
    };
    let mut order = vec![None, Some(bare.to_string())];
    if base != best {
        order.push(Some(base.to_string()));
    }
    order.push(Some(best));
    order
}

impl Locale {
    /// Builds the locale for `lang` from a locale file and the style's locale blocks
    /// (in [`style_block_order`]).
    pub fn build(lang: &str, locale_xml: &str, style: &Style) -> Result<Locale, CiteError> {
        let file = parse_xml(locale_xml)?;
        if file.name != "locale" {
            return Err(CiteError::bad_style("locale file root is not <locale>"));
        }
        let mut loc = Locale::default();
        loc.merge(&file);
        for want in style_block_order(lang) {
            for block in style
                .locales
                .iter()
                .filter(|b| b.attr("lang") == want.as_deref())
            {
                loc.merge(block);
            }
        }
        Ok(loc)
    }

    /// As [`Locale::build`], over several locale files merged in order (CSL's fallback:
    /// en-US, then the primary dialect, then the requested one; later files win).
    pub fn build_chain(lang: &str, files: &[&str], style: &Style) -> Result<Locale, CiteError> {
        let (last, rest) = files
            .split_last()
            .ok_or_else(|| CiteError::bad_style("no locale file"))?;
        let mut loc = Locale::build(lang, last, style)?;
        if rest.is_empty() {
            return Ok(loc);
        }
        let mut merged = Locale::default();
        for xml in rest {
            let file = parse_xml(xml)?;
            merged.merge(&file);
        }
        // The requested file and the style's blocks (already in `loc`) win over the fallbacks.
        merged.terms.extend(std::mem::take(&mut loc.terms));
        merged.dates.extend(std::mem::take(&mut loc.dates));
        loc.terms = merged.terms;
        loc.dates = merged.dates;
        Ok(loc)
    }

    fn merge(&mut self, block: &Node) {
        for child in &block.children {
            match child.name.as_str() {
                "style-options" => {
                    if let Some(v) = child.attr("punctuation-in-quote") {
                        self.punctuation_in_quote = v == "true";
                    }
                    if let Some(v) = child.attr("limit-day-ordinals-to-day-1") {
                        self.limit_day_ordinals_to_day_1 = v == "true";
                    }
                }
                "date" => {
                    if let Some(form) = child.attr("form") {
                        self.dates.insert(form.to_string(), child.clone());
                    }
                }
                "terms" => {
                    for t in child.children_named("term") {
                        let Some(name) = t.attr("name") else { continue };
                        let form = t.attr("form").unwrap_or("long").to_string();
                        let term = match (t.child("single"), t.child("multiple")) {
                            (Some(s), Some(m)) => Term {
                                single: s.text.clone(),
                                multiple: m.text.clone(),
                                match_rule: None,
                            },
                            _ => Term {
                                single: t.text.clone(),
                                multiple: t.text.clone(),
                                match_rule: t.attr("match").map(str::to_string),
                            },
                        };
                        self.terms.insert((name.to_string(), form), term);
                    }
                }
                _ => {}
            }
        }
    }

    /// A term by name and form, falling back verb-short → verb → long, symbol → short → long.
    pub fn term(&self, name: &str, form: &str, plural: bool) -> Option<&str> {
        let chain: &[&str] = match form {
            "short" => &["short", "long"],
            "verb" => &["verb", "long"],
            "verb-short" => &["verb-short", "verb", "long"],
            "symbol" => &["symbol", "short", "long"],
            _ => &["long"],
        };
        chain
            .iter()
            .find_map(|f| self.terms.get(&(name.to_string(), f.to_string())))
            .map(|t| {
                if plural {
                    t.multiple.as_str()
                } else {
                    t.single.as_str()
                }
            })
    }

    /// The quotation marks field text may use as quote pairs: the locale's quote terms
    /// (single characters), English marks where a term is missing or longer.
    pub fn quote_marks(&self) -> super::markup::QuoteMarks {
        let d = super::markup::QuoteMarks::default();
        let mark = |name: &str, fallback: char| {
            let t = self.term(name, "long", false).unwrap_or("").trim();
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => fallback,
            }
        };
        super::markup::QuoteMarks {
            outer: (
                mark("open-quote", d.outer.0),
                mark("close-quote", d.outer.1),
            ),
            inner: (
                mark("open-inner-quote", d.inner.0),
                mark("close-inner-quote", d.inner.1),
            ),
        }
    }

    /// The raw term entry (for ordinal matching rules).
    pub fn term_entry(&self, name: &str) -> Option<&Term> {
        self.terms.get(&(name.to_string(), "long".to_string()))
    }

    /// A localized date format (`text` or `numeric`).
    pub fn date_format(&self, form: &str) -> Option<&Node> {
        self.dates.get(form)
    }

    /// The ordinal suffix for a number (CSL 1.0.1 `ordinal-NN` terms with their `match` rules).
    pub fn ordinal(&self, n: i64) -> String {
        let n = n.abs();
        let matching = |num: i64, default_rule: &str| -> Option<String> {
            let t = self.term_entry(&format!("ordinal-{num:02}"))?;
            let ok = match t.match_rule.as_deref().unwrap_or(default_rule) {
                "whole-number" => n == num,
                "last-two-digits" => n % 100 == num,
                _ => n % 10 == num,
            };
            ok.then(|| t.single.clone())
        };
        matching(n % 100, "last-two-digits")
            .or_else(|| matching(n % 10, "last-digit"))
            .unwrap_or_else(|| {
                self.term("ordinal", "long", false)
                    .unwrap_or("")
                    .to_string()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_blocks_follow_citeproc_js_order() {
        let tags = |l: &str| -> Vec<String> {
            style_block_order(l)
                .into_iter()
                .map(|t| t.unwrap_or_default())
                .collect()
        };
        // An en-GB style takes its `en-US` block too (british-journal-of-cancer's "et al").
        assert_eq!(tags("en-GB"), ["", "en", "en-US", "en-GB"]);
        assert_eq!(tags("de"), ["", "de", "de-DE"]);
        assert_eq!(tags("fr-FR"), ["", "fr", "fr-FR"]);
        // A language citeproc-js has no base for falls back to en-US.
        assert_eq!(tags("gl-ES"), ["", "gl", "en-US", "gl-ES"]);
    }

    #[test]
    fn english_ordinals() {
        let style = Style::parse(include_str!("../../../csl/apa.csl")).unwrap();
        let loc = Locale::build(
            "en-US",
            include_str!("../../../csl/locales-en-US.xml"),
            &style,
        )
        .unwrap();
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .iter()
            .map(|n| format!("{n}{}", loc.ordinal(*n)))
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
