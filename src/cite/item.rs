//! The CSL-JSON item model (the input of every citation format).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One bibliographic item in CSL-JSON form. Unknown fields are kept in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Item {
    /// The item's id (a number in the input becomes its text).
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: String,
    /// CSL item type, e.g. `article-newspaper`, `post-weblog`, `webpage`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The site, newspaper or journal the item is part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    /// The publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where the publisher is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    /// The authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    /// The editors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    /// When the item was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    /// When the item was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    /// The item's address (`URL`).
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The item's DOI (`DOI`).
    #[serde(rename = "DOI", default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// The item's language, a BCP 47 tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where the item comes from (a wire agency, a database).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The section of the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The item's genre ("Blog post").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The item's medium ("Online").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// A free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The summary (`abstract`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#abstract: Option<String>,
    /// Any other CSL-JSON field (tolerated, kept, and visible to styles when it is text or a number).
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A CSL-JSON name: a person (family/given with particles) or a literal (organisation) name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Name {
    /// The family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The given names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// The whole name of an organisation, or a name not to be split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// A particle sorted with the family name ("de" in "de Vries").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_dropping_particle: Option<String>,
    /// A particle dropped when sorting ("van" in some styles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropping_particle: Option<String>,
    /// A suffix ("Jr.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Whether a comma comes before the suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comma_suffix: Option<Value>,
}

/// A CSL-JSON date: `date-parts` (`[[year, month, day]]`, a second entry for ranges), or `raw`/`literal`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Date {
    /// `[[year, month, day]]`, with a second entry for a range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_parts: Vec<Vec<Value>>,
    /// A date as text, to be parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// A date as text, printed as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// Whether the date is approximate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circa: Option<Value>,
    /// A season (1–4, or a name) instead of a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Value>,
}

impl Name {
    /// A literal (organisation) name.
    pub fn literal(name: &str) -> Self {
        Name {
            literal: Some(name.to_string()),
            ..Name::default()
        }
    }

    /// A person's name.
    pub fn person(family: &str, given: &str) -> Self {
        Name {
            family: Some(family.to_string()),
            given: Some(given.to_string()),
            ..Name::default()
        }
    }
}

impl Date {
    /// A date from year, month and day (0 = absent).
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        let mut parts = vec![Value::from(year)];
        if month > 0 {
            parts.push(Value::from(month));
            if day > 0 {
                parts.push(Value::from(day));
            }
        }
        Date {
            date_parts: vec![parts],
            ..Date::default()
        }
    }

    /// The start date as (year, month, day); 0 means absent. Falls back to an ISO-like `raw`.
    pub fn start(&self) -> Option<(i32, u32, u32)> {
        if let Some(first) = self.date_parts.first() {
            let num = |i: usize| -> Option<i64> {
                match first.get(i)? {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                }
            };
            let year = num(0)?;
            let month = num(1).filter(|m| (1..=24).contains(m)).unwrap_or(0);
            let day = if month > 0 {
                num(2).filter(|d| (1..=31).contains(d)).unwrap_or(0)
            } else {
                0
            };
            return Some((year as i32, month as u32, day as u32));
        }
        let raw = self.raw.as_deref()?;
        let mut it = raw
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        let year: i32 = it.next()?.parse().ok()?;
        let month: u32 = it
            .next()
            .and_then(|s| s.parse().ok())
            .filter(|m| (1..=12).contains(m))
            .unwrap_or(0);
        let day: u32 = if month > 0 {
            it.next()
                .and_then(|s| s.parse().ok())
                .filter(|d| (1..=31).contains(d))
                .unwrap_or(0)
        } else {
            0
        };
        Some((year, month, day))
    }
}

impl Item {
    /// Parses one CSL-JSON object.
    pub fn from_json(json: &str) -> Result<Item, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The value of a CSL text/number variable (by its CSL name), if present and non-empty.
    pub fn variable(&self, name: &str) -> Option<String> {
        let v = match name {
            "title" => self.title.clone(),
            "container-title" => self.container_title.clone(),
            "publisher" => self.publisher.clone(),
            "publisher-place" => self.publisher_place.clone(),
            "URL" => self.url.clone(),
            "DOI" => self.doi.clone(),
            "language" => self.language.clone(),
            "source" => self.source.clone(),
            "section" => self.section.clone(),
            "genre" => self.genre.clone(),
            "medium" => self.medium.clone(),
            "note" => self.note.clone(),
            "abstract" => self.r#abstract.clone(),
            "id" => Some(self.id.clone()),
            _ => match self.extra.get(name) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            },
        };
        v.filter(|s| !s.trim().is_empty())
    }

    /// The names of a CSL name variable (`author`, `editor`, or any other from `extra`).
    pub fn names(&self, name: &str) -> Vec<Name> {
        match name {
            "author" => self.author.clone(),
            "editor" => self.editor.clone(),
            _ => self
                .extra
                .get(name)
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default(),
        }
    }

    /// The value of a CSL date variable.
    pub fn date(&self, name: &str) -> Option<Date> {
        match name {
            "issued" => self.issued.clone(),
            "accessed" => self.accessed.clone(),
            _ => self
                .extra
                .get(name)
                .and_then(|v| serde_json::from_value(v.clone()).ok()),
        }
        .filter(|d| d.start().is_some() || d.literal.is_some())
    }
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Null => Ok(String::new()),
        _ => Err(serde::de::Error::custom("id must be a string or a number")),
    }
}
