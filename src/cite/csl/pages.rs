//! Page ranges (CSL 1.0.2 `page-range-format`, as citeproc-js applies it to `page` and to
//! page locators): a range of two numbers (or two numbers with the same letter prefix, or
//! two roman numerals) gets the locale's range delimiter (an en dash by default) and the
//! style's abbreviation; anything else keeps a plain hyphen. `\-` is a literal hyphen.

/// Formats every range in a page value.
pub fn format(value: &str, range_format: Option<&str>, delimiter: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chunk = String::new();
    for c in value.chars() {
        if c == ',' || c == '&' {
            out.push_str(&range(&chunk, range_format, delimiter));
            out.push(c);
            chunk.clear();
        } else {
            chunk.push(c);
        }
    }
    out.push_str(&range(&chunk, range_format, delimiter));
    out
}

/// Whether a page value names more than one page (for a contextual label plural).
pub fn is_plural(value: &str, and_term: Option<&str>) -> bool {
    if value.contains(',') || value.contains('&') {
        return true;
    }
    if and_term.is_some_and(|a| !a.is_empty() && value.contains(&format!(" {a} "))) {
        return true;
    }
    value.split(['-', '\u{2013}']).count() == 2
        && !value.contains("\\-")
        && split_range(value).is_some_and(|(a, b)| kind(a).is_some() && kind(b).is_some())
}

fn split_range(s: &str) -> Option<(&str, &str)> {
    let i = s.find(['-', '\u{2013}'])?;
    let dash = s[i..].chars().next()?.len_utf8();
    Some((s[..i].trim(), s[i + dash..].trim()))
}

/// A side of a range: its letter prefix and number (`None` for roman numerals).
fn kind(side: &str) -> Option<(&str, Option<&str>)> {
    if !side.is_empty() && side.chars().all(|c| "ivxlcdm".contains(c)) {
        return Some(("", None));
    }
    let digits_at = side.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = side.split_at(digits_at);
    (digits.chars().all(|c| c.is_ascii_digit()) && prefix.chars().all(char::is_alphabetic))
        .then_some((prefix, Some(digits)))
}

fn range(chunk: &str, range_format: Option<&str>, delimiter: &str) -> String {
    if chunk.contains("\\-") {
        return chunk.replace("\\-", "-");
    }
    let lead: String = chunk.chars().take_while(|c| c.is_whitespace()).collect();
    let trail: String = {
        let t: Vec<char> = chunk
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .collect();
        t.into_iter().rev().collect()
    };
    let body = chunk.trim();
    let Some((a, b)) = split_range(body) else {
        return chunk.to_string();
    };
    if b.contains(['-', '\u{2013}']) {
        return chunk.to_string();
    }
    let joined = match (kind(a), kind(b)) {
        (Some(("", None)), Some(("", None))) => format!("{a}{delimiter}{b}"),
        (Some((pa, Some(na))), Some((pb, Some(nb)))) if pa == pb => {
            let nb = abbreviate(na, nb, range_format);
            format!("{pa}{na}{delimiter}{pb}{nb}")
        }
        (Some(_), Some(_)) => format!("{a}-{b}"),
        _ => return chunk.to_string(),
    };
    format!("{lead}{joined}{trail}")
}

/// The second number of a range in a `page-range-format`.
fn abbreviate(first: &str, second: &str, range_format: Option<&str>) -> String {
    let Some(fmt) = range_format else {
        return second.to_string();
    };
    // Expand the second number to full length first ("110-5" is 110–115).
    let full = if second.len() < first.len() {
        format!("{}{second}", &first[..first.len() - second.len()])
    } else {
        second.to_string()
    };
    if full.len() != first.len() {
        return full;
    }
    let common = first
        .chars()
        .zip(full.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let minimal = |keep: usize| -> String {
        let changed = full.len() - common;
        let n = changed.max(keep).min(full.len());
        full[full.len() - n..].to_string()
    };
    match fmt {
        "expanded" => full,
        "minimal" => minimal(1),
        "minimal-two" => {
            if full.len() <= 2 {
                full
            } else {
                minimal(2)
            }
        }
        "chicago" | "chicago-15" | "chicago-16" => {
            let n: u64 = first.parse().unwrap_or(0);
            if n < 100 || n % 100 == 0 {
                full
            } else if n % 100 < 10 {
                minimal(1)
            } else if fmt != "chicago-16" && first.len() == 4 && full.len() - common >= 3 {
                full
            } else {
                minimal(2)
            }
        }
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn ranges_follow_the_format() {
        let en = "\u{2013}";
        assert_eq!(format("42-45", None, en), "42–45");
        assert_eq!(format("110-5", None, en), "110–5");
        assert_eq!(format("101-108", Some("minimal"), en), "101–8");
        assert_eq!(format("321-325", Some("chicago"), en), "321–25");
        assert_eq!(format("100-104", Some("chicago"), en), "100–104");
        assert_eq!(format("1002-1006", Some("chicago"), en), "1002–6");
        assert_eq!(format("110-5", Some("expanded"), en), "110–115");
        assert_eq!(format("N110 - 5", Some("expanded"), en), "N110-5");
        assert_eq!(format("327\\-30", None, en), "327-30");
        assert_eq!(format("3-B", None, en), "3-B");
    }
}
