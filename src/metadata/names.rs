//! Author names: people as family/given, organisations as literals.

use crate::rules::bylines::{
    AGENCIES, BYLINE_STOPS, COMPOUND_SURNAMES, DATELINE_AGENCY, DATELINE_REPORTERS, DEGREES,
    NAME_TAILS, NOT_AUTHOR_ROLES, NOT_NAMES, NOT_NAME_FRAGMENTS, NOT_NAME_STARTS, ORG_WORDS,
    PARTICLES, PINYIN_SURNAMES,
};
use regex_lite::Regex;
use std::sync::LazyLock;

static REPORTERS_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DATELINE_REPORTERS).expect("built-in pattern"));
static AGENCY_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DATELINE_AGENCY).expect("built-in pattern"));

/// Reporters credited in a wire dateline ("新华社北京4月15日电（记者陆一鸣、许安琪）").
pub fn dateline_reporters(text: &str) -> Vec<String> {
    // The pattern needs 记者 or 通讯员: a substring search rules most texts
    // out before the (much slower) regex runs.
    if !(text.contains("记者") || text.contains("通讯员")) {
        return Vec::new();
    }
    let Some(c) = REPORTERS_RE.captures(text) else {
        return Vec::new();
    };
    c.name("reporter")
        .map(|m| {
            m.as_str()
                .split(['、', ' ', '　', '和', ',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The agency named in a wire dateline ("SHANGHAI, Jan 10 (Reuters) -").
pub fn dateline_agency(text: &str) -> Option<String> {
    let first = text.lines().next()?;
    // The agency sits in parentheses: no `(`, no regex.
    if !first.contains('(') {
        return None;
    }
    AGENCY_RE
        .captures(first)?
        .name("agency")
        .map(|m| m.as_str().to_string())
}
use crate::text::{is_cjk_letter, normalize_ws};
use serde::{Deserialize, Serialize};

/// An author as CSL-JSON names one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Author {
    /// A person. Chinese names keep the family name first and whole.
    Person {
        /// The family name.
        family: String,
        /// The given names.
        given: String,
    },
    /// An organisation or agency, cited as written.
    Literal {
        /// The name as written.
        literal: String,
    },
}

impl Author {
    /// The name as a reader sees it.
    pub fn display(&self) -> String {
        match self {
            Author::Person { family, given } if is_cjk_name(family) => format!("{family}{given}"),
            Author::Person { family, given } if given.is_empty() => family.clone(),
            Author::Person { family, given } => format!("{given} {family}"),
            Author::Literal { literal } => literal.clone(),
        }
    }
}

fn is_cjk_name(s: &str) -> bool {
    s.chars().any(is_cjk_letter)
}

/// Whether `name` is a wire agency (Xinhua, Reuters, 新华社…).
pub fn agency(name: &str) -> Option<&'static str> {
    let n = name.trim().trim_end_matches(['.', ',']);
    let a = AGENCIES
        .iter()
        .copied()
        .find(|a| a.eq_ignore_ascii_case(n))?;
    // One spelling per agency.
    Some(match a {
        "AP" | "The Associated Press" => "Associated Press",
        "Xinhua News Agency" => "Xinhua",
        other => other,
    })
}

/// What name parsing needs to know about the page.
pub struct NameRules<'a> {
    /// The site and publisher names: never authors.
    pub orgs: &'a [&'a str],
    /// The page is from a Chinese outlet, whose English bylines write pinyin
    /// names family first ("By Zhou Jingyi").
    pub pinyin_family_first: bool,
    /// Keep an organisation named in the byline as a literal author instead of dropping it.
    pub keep_orgs: bool,
}

/// Splits a byline into authors, with no page context.
#[cfg(test)]
pub fn parse_byline(byline: &str, orgs: &[&str]) -> Vec<Author> {
    parse_byline_with(
        byline,
        &NameRules {
            orgs,
            pinyin_family_first: false,
            keep_orgs: false,
        },
    )
}

/// Splits a byline ("By Jane Doe and John Roe", "记者 李四 王五") into authors.
pub fn parse_byline_with(byline: &str, rules: &NameRules) -> Vec<Author> {
    // A byline is a line: a longer text (a hostile meta value) names nobody,
    // and the name rules below would cost its length squared.
    if byline.len() > MAX_BYLINE_BYTES {
        return Vec::new();
    }
    let mut s = normalize_ws(byline);
    // Leading separators left by the layout ("| BY: Jane Doe").
    s = s
        .trim_start_matches(['|', '｜', '/', '／', '-', '—', '·', ' '])
        .to_string();
    for prefix in [
        "By: ",
        "by: ",
        "BY: ",
        "By:",
        "BY:",
        "By ",
        "by ",
        "BY ",
        "Written by ",
        "Words by ",
        "Posted by ",
        // French, German, Spanish and Italian "By".
        "Par ",
        "par ",
        "Von ",
        "von ",
        "Por ",
        "por ",
        "Di ",
        "作者：",
        "作者:",
        "作者 ",
        "记者：",
        "记者:",
        "记者 ",
        "文／",
        "文/",
        "文｜",
        "文 | ",
        // Japanese blog labels.
        "投稿者 ",
        "投稿者：",
        "著者 ",
        "著者：",
        "執筆者 ",
        "執筆者：",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            // One label: "By Di Wu" keeps "Di Wu".
            s = rest.trim().to_string();
            break;
        }
    }
    // A one-word section before a middle dot ("Politik · Jochen Bittner, Tina Hildebrandt").
    if let Some((section, rest)) = s.split_once(" · ") {
        if !section.trim().contains(' ') && rest.contains(' ') {
            s = rest.trim().to_string();
        }
    }
    for stop in BYLINE_STOPS {
        if let Some(i) = s.find(stop) {
            if i > 0 {
                s.truncate(i);
            }
        }
    }
    // A date after the names ends the byline ("Nathan Willis March 25, 2015").
    if let Some(i) = date_start(&s) {
        s.truncate(i);
        s = s.trim_end_matches([',', ' ', '-', '—', '|']).to_string();
    }
    // A place or handle in brackets is not part of the names
    // ("Cécile Ducourtieux(Bruxelles)", "Bruno (Henrique Zecchin) Rodrigues");
    // a bracketed role that is not writing drops the name before it
    // ("Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)").
    for role in NOT_AUTHOR_ROLES {
        while let Some(i) = s.find(&format!("({role})")) {
            // From the separator before the name (kept out of the names).
            let start = s[..i]
                .rfind([',', ';'])
                .max(s[..i].rfind(" and "))
                .unwrap_or(0);
            s.replace_range(start..i + role.len() + 2, "");
        }
    }
    s = without_brackets(&s);
    let mut out = Vec::new();
    // CJK names split at spaces; a Latin name after a CJK label does not.
    let cjk = s.chars().filter(|&c| is_cjk_letter(c)).count()
        > s.chars().filter(char::is_ascii_alphabetic).count();
    let parts: Vec<String> = if cjk {
        s.split([' ', '、', '，', ',', '　', '和'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        s.replace(" and ", ",")
            .replace(" & ", ",")
            .replace(';', ",")
            .split([',', '，', '、'])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    for p in parts {
        if DEGREES.contains(&p.as_str()) {
            continue;
        }
        if let Some(a) = parse_name_with(&p, rules) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// `s` without bracketed parts; an unclosed bracket ends it. Brackets that
/// credit co-authors ("(avec Damien Leloup et Morgane Tual)", "(with Jane
/// Doe)") give their names as further authors.
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inner = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let t = inner.trim();
                    if let Some(rest) = CO_AUTHOR_WORDS.iter().find_map(|w| t.strip_prefix(w)) {
                        out.push_str(", ");
                        out.push_str(&rest.replace(" et ", ", ").replace(" und ", ", "));
                    }
                    inner.clear();
                }
            }
            _ if depth == 0 => out.push(c),
            _ => inner.push(c),
        }
    }
    normalize_ws(&out)
}

/// Words opening a bracket that credits co-authors ("avec", "with", "mit", "con").
const CO_AUTHOR_WORDS: &[&str] = &["avec ", "with ", "With ", "mit ", "con "];

/// Abbreviated month names that start a date after a byline (the full names
/// come from `rules::dates::MONTH_NAMES`).
const MONTH_ABBREVIATIONS: &[&str] = &["Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

/// Where a date begins in a byline: a month name followed by a digit, or a 4-digit year.
fn date_start(s: &str) -> Option<usize> {
    let by_month = crate::rules::dates::MONTH_NAMES
        .iter()
        .chain(MONTH_ABBREVIATIONS)
        .filter_map(|m| {
            let i = s.find(&format!(" {m} "))?;
            s[i + m.len() + 2..]
                .starts_with(|c: char| c.is_ascii_digit())
                .then_some(i)
        });
    let by_year = s
        .char_indices()
        .find(|&(i, _)| {
            let b = s.as_bytes();
            i + 4 <= b.len()
                && b[i..i + 4].iter().all(u8::is_ascii_digit)
                && (i == 0 || b[i - 1] == b' ')
        })
        .map(|(i, _)| i);
    by_month.chain(by_year).filter(|&i| i > 0).min()
}

/// Longest byline read for names (a few names with their labels fit many times over).
const MAX_BYLINE_BYTES: usize = 1000;
/// Longest text read as one name before its tails are cut.
const MAX_NAME_BYTES: usize = 200;

/// One name: an agency, a Chinese name, or a Western name.
pub fn parse_name_with(raw: &str, rules: &NameRules) -> Option<Author> {
    let orgs = rules.orgs;
    let name = raw
        .trim()
        .trim_matches([',', ';', ':', '：', '—', '–', '-', '|', '/', '／', ' ']);
    if name.len() > MAX_NAME_BYTES {
        return None;
    }
    let name = strip_org_suffix(strip_tails(name), rules.orgs);
    if name.is_empty()
        || name.len() > 80
        || name.contains('@')
        || name.contains("://")
        || !name.chars().any(char::is_alphabetic)
        || name.chars().any(|c| c.is_ascii_digit())
        || is_placeholder(name)
        || NOT_NAME_FRAGMENTS.iter().any(|f| has_fragment(name, f))
        || name
            .split_whitespace()
            .next()
            .is_some_and(|w| NOT_NAME_STARTS.contains(&w))
    {
        return None;
    }
    // A personal site is named after its author: a person's name equal to the
    // site's is still the author ("Haki Benita" on hakibenita.com).
    let person_like = {
        let w: Vec<&str> = name.split_whitespace().collect();
        (2..=3).contains(&w.len())
            && w[0] != "The"
            && w.iter().all(|x| {
                x.chars().next().is_some_and(char::is_uppercase)
                    && x.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
            })
            && !w.iter().any(|x| ORG_WORDS.contains(x))
    };
    if orgs.iter().any(|o| same_org(name, o)) && !person_like {
        return rules.keep_orgs.then(|| Author::Literal {
            literal: name.to_string(),
        });
    }
    if let Some(a) = agency(name) {
        return Some(Author::Literal {
            literal: a.to_string(),
        });
    }
    if name.chars().all(|c| is_cjk_letter(c) || c == '·') {
        let n = name.chars().count();
        if !(2..=4).contains(&n) || name.contains('·') {
            return Some(Author::Literal {
                literal: name.to_string(),
            });
        }
        let split = if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) && n > 2 {
            2
        } else {
            1
        };
        let cut = name
            .char_indices()
            .nth(split)
            .map_or(name.len(), |(i, _)| i);
        return Some(Author::Person {
            family: name[..cut].to_string(),
            given: name[cut..].to_string(),
        });
    }
    // NAMES IN CAPITALS (AP style) are written as names.
    let recased;
    let name = if name.contains(' ')
        && name.chars().any(|c| c.is_alphabetic())
        && !name.chars().any(|c| c.is_lowercase())
    {
        recased = name
            .split_whitespace()
            .map(|w| {
                // Each part after an apostrophe or hyphen is capitalised too
                // ("O'DONNELL" → "O'Donnell", "JEAN-PIERRE" → "Jean-Pierre").
                let mut out = String::with_capacity(w.len());
                let mut start = true;
                for c in w.chars() {
                    if start {
                        out.push_str(&crate::text::upper(c.encode_utf8(&mut [0; 4])));
                    } else {
                        out.push_str(&crate::text::lower(c.encode_utf8(&mut [0; 4])));
                    }
                    start = matches!(c, '\'' | '’' | '-');
                }
                out
            })
            .collect::<Vec<_>>()
            .join(" ");
        recased.as_str()
    } else {
        name
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 5
        || words
            .iter()
            .any(|w| w.chars().next().is_some_and(|c| c.is_lowercase()) && !PARTICLES.contains(w))
    {
        return None;
    }
    if words
        .iter()
        .any(|w| ORG_WORDS.contains(&w.trim_end_matches(['.', ','])))
    {
        return rules.keep_orgs.then(|| Author::Literal {
            literal: name.to_string(),
        });
    }
    if words.len() == 1 {
        return Some(Author::Literal {
            literal: name.to_string(),
        });
    }
    if rules.pinyin_family_first && words.len() == 2 && PINYIN_SURNAMES.contains(&words[0]) {
        return Some(Author::Person {
            family: words[0].to_string(),
            given: words[1].to_string(),
        });
    }
    // Family name: the last word and any lower-case particles before it.
    let mut start = words.len() - 1;
    while start > 1 && PARTICLES.contains(&words[start - 1]) {
        start -= 1;
    }
    Some(Author::Person {
        family: words[start..].join(" "),
        given: words[..start].join(" "),
    })
}

/// Whether `s` is a role, label or placeholder (`NOT_NAMES`), not a name.
pub fn is_placeholder(s: &str) -> bool {
    let s = s.trim();
    NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(s))
}

/// `name` cut before the first job title, social link or weekday the layout
/// glued after it ("Gina Trapani CEO", "Sam Stein Senior Politics Editor" →
/// the name); empty when fewer than two words come before it ("CNN Senior
/// Supreme Court Analyst", "CEO").
fn strip_tails(name: &str) -> &str {
    let mut words = name.split_whitespace().enumerate();
    let Some((n, w)) =
        words.find(|(_, w)| NAME_TAILS.contains(&w.trim_end_matches([',', '.', ';'])))
    else {
        return name;
    };
    if n < 2 {
        return "";
    }
    // The word's own place in `name` (a search could hit an earlier word
    // that contains it: "Seniorita Jones Senior").
    let i = w.as_ptr() as usize - name.as_ptr() as usize;
    name[..i].trim_end_matches([' ', ',', ';'])
}

/// `name` without the site, an organisation or an agency named after it
/// ("Kelli Miller WebMD Health News", "Jane Doe Associated Press"), when at
/// least two words come before.
fn strip_org_suffix<'a>(name: &'a str, orgs: &[&str]) -> &'a str {
    let starts: Vec<usize> = name
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i > 0)
        .map(|(i, _)| i + 1)
        .collect();
    if name.starts_with("The ") {
        return name;
    }
    for &i in starts.iter().skip(1) {
        let tail = &name[i..];
        let key = crate::text::alnum_key(tail);
        let names_org = orgs.iter().any(|o| {
            let k = crate::text::alnum_key(o);
            !k.is_empty() && key.contains(&k)
        }) || (tail
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
            && tail.split_whitespace().any(|w| ORG_WORDS.contains(&w)));
        let head = name[..i].trim_end();
        let person_like = !head
            .split_whitespace()
            .any(|w| ORG_WORDS.contains(&w) || DEGREES.contains(&w));
        if person_like && (agency(tail).is_some() || names_org) {
            return head;
        }
    }
    name
}

/// Whether `name` holds `fragment`: CJK fragments anywhere, Latin ones as
/// whole words, case-insensitively ("Follow us" but not "Followell").
fn has_fragment(name: &str, fragment: &str) -> bool {
    if !fragment.is_ascii() {
        return name.contains(fragment);
    }
    let lower = name.to_ascii_lowercase();
    let frag = fragment.to_ascii_lowercase();
    lower.match_indices(&frag).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + frag.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether two organisation names are the same ("Shanghai Daily", "shanghaidaily").
pub fn same_org(a: &str, b: &str) -> bool {
    let (ka, kb) = (crate::text::alnum_key(a), crate::text::alnum_key(b));
    !ka.is_empty()
        && (ka == kb || (ka.len() > 4 && kb.contains(&ka)) || (kb.len() > 4 && ka.contains(&kb)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(given: &str, family: &str) -> Author {
        Author::Person {
            given: given.into(),
            family: family.into(),
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("By Jane Doe and John Roe | Updated: 2023-01-10", &[]),
            vec![person("Jane", "Doe"), person("John", "Roe")]
        );
        assert_eq!(
            parse_byline("Ludwig van Beethoven", &[]),
            vec![person("Ludwig", "van Beethoven")]
        );
        assert_eq!(
            parse_byline("记者 李四 欧阳明", &[]),
            vec![person("四", "李"), person("明", "欧阳")]
        );
        assert_eq!(
            parse_byline("Xinhua", &[]),
            vec![Author::Literal {
                literal: "Xinhua".into()
            }]
        );
        assert!(parse_byline("By Shanghai Daily", &["Shanghai Daily"]).is_empty());
        assert!(parse_byline("admin", &[]).is_empty());
    }

    /// Byline strings seen on held-out pages (hand-copied, their pages are
    /// not in the corpora): calls to action, labels and placeholders.
    #[test]
    fn calls_to_action_labels_and_placeholders_are_not_names() {
        for s in [
            "微信扫一扫赞赏作者",
            "我已授权",
            "Follow",
            "| BY:",
            "／",
            "name, email@gmail.com",
            "网络",
            "互联网",
            "Last Updated: January 7, 2025",
            "Our Foreign Staff",
        ] {
            assert!(parse_byline(s, &[]).is_empty(), "{s}");
        }
        assert_eq!(
            parse_byline("| BY: Jane Doe", &[]),
            vec![person("Jane", "Doe")]
        );
        assert_eq!(
            parse_byline("Malcolm Owen Monday", &[]),
            vec![person("Malcolm", "Owen")]
        );
        assert_eq!(
            parse_byline("By Follower Smith", &[]),
            vec![person("Follower", "Smith")]
        );
    }

    /// Hand-written (no corpus page shows them): roles and places between
    /// the names of Chinese credits.
    #[test]
    fn chinese_credit_roles_are_not_names() {
        assert_eq!(
            parse_byline("记者 李四 通讯员 王五", &[]),
            vec![person("四", "李"), person("五", "王")]
        );
        assert_eq!(
            parse_byline("本报记者 张三 北京报道", &[]),
            vec![person("三", "张")]
        );
        assert_eq!(
            dateline_reporters("新京报讯（记者 李四 通讯员 王五）昨日"),
            ["李四", "通讯员", "王五"]
        );
    }

    /// Hand-written (no corpus page shows it): a section after the names.
    #[test]
    fn a_section_is_not_a_co_author() {
        assert_eq!(
            parse_byline("By Jane Doe, CNN Business", &["CNN"]),
            vec![person("Jane", "Doe")]
        );
    }

    #[test]
    fn titles_and_bracketed_roles_are_cut() {
        assert_eq!(
            parse_byline("Gina Trapani; CEO", &[]),
            vec![person("Gina", "Trapani")]
        );
        assert!(parse_byline("CNN Senior Supreme Court Analyst", &[]).is_empty());
        // lemonde-1
        assert_eq!(
            parse_byline(
                "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
                &[]
            ),
            vec![
                person("Martin", "Untersinger"),
                person("Damien", "Leloup"),
                person("Morgane", "Tual")
            ]
        );
        // epaper.zeit.de
        assert_eq!(
            parse_byline("Politik · Jochen Bittner, Tina Hildebrandt", &[]),
            vec![person("Jochen", "Bittner"), person("Tina", "Hildebrandt")]
        );
        assert_eq!(
            parse_byline(
                "Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)",
                &[]
            ),
            vec![person("Eleanor Ainge", "Roy")]
        );
        assert_eq!(
            parse_byline("By LYNNE O'DONNELL", &[]),
            vec![person("Lynne", "O'Donnell")]
        );
    }
}
