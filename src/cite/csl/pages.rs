//! Page ranges as citeproc-js writes them: every hyphen becomes the locale's
//! `page-range-delimiter`, and numeric ranges follow the style's `page-range-format`
//! (CSL 1.0.2 appendix "Page Range Formats").

/// Formats a `page` value: each range `A-B` (hyphen or en dash, optional spaces, optional
/// letter prefixes) is expanded ("321-28" is 321–328), then shortened by `format`
/// (`expanded` or none, `minimal`, `minimal-two`, `chicago`/`chicago-15`, `chicago-16`).
pub fn format(value: &str, format: Option<&str>, delimiter: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((range, next)) = range_at(&chars, i) {
            out.push_str(&range.render(format, delimiter));
            i = next;
        } else {
            // Outside ranges a hyphen is still the delimiter (citeproc-js `stringify`).
            if chars[i] == '-' && !(i > 0 && chars[i - 1] == '\\') {
                out.push_str(delimiter);
            } else if chars[i] != '\\' || chars.get(i + 1) != Some(&'-') {
                out.push(chars[i]);
            }
            i += 1;
        }
    }
    out
}

/// One range: letter prefix and digits of each end (digits may carry a lowercase suffix).
struct Range {
    prefix1: String,
    begin: String,
    prefix2: String,
    end: String,
}

impl Range {
    fn render(mut self, format: Option<&str>, delimiter: &str) -> String {
        let same_prefix = self.prefix2.is_empty() || self.prefix1 == self.prefix2;
        let numeric = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if same_prefix && numeric(&self.begin) && numeric(&self.end) {
            if self.end.len() < self.begin.len() {
                self.end = format!(
                    "{}{}",
                    &self.begin[..self.begin.len() - self.end.len()],
                    self.end
                );
            }
            let (b, e) = (
                self.begin.parse::<u64>().unwrap_or(0),
                self.end.parse::<u64>().unwrap_or(0),
            );
            if b < e {
                let end = match format {
                    Some("minimal") => minimize(&self.begin, &self.end, 0),
                    Some("minimal-two") => minimize(&self.begin, &self.end, 2),
                    Some("chicago") | Some("chicago-15") => chicago15(b, e, &self.end),
                    Some("chicago-16") => chicago16(b, e, &self.end),
                    _ => self.end.clone(),
                };
                return format!("{}{}{delimiter}{end}", self.prefix1, self.begin);
            }
        }
        format!(
            "{}{}{delimiter}{}{}",
            self.prefix1, self.begin, self.prefix2, self.end
        )
    }
}

/// A range starting at `i` (at the start of a token), and the index after it.
fn range_at(chars: &[char], i: usize) -> Option<(Range, usize)> {
    if i > 0 && chars[i - 1].is_alphanumeric() {
        return None;
    }
    let (prefix1, begin, mut j) = end_at(chars, i)?;
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    if !matches!(chars.get(j), Some('-') | Some('\u{2013}')) {
        return None;
    }
    j += 1;
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    let (prefix2, end, next) = end_at(chars, j)?;
    Some((
        Range {
            prefix1,
            begin,
            prefix2,
            end,
        },
        next,
    ))
}

/// Optional letters, then digits and optional lowercase letters.
fn end_at(chars: &[char], mut i: usize) -> Option<(String, String, usize)> {
    let start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        i += 1;
    }
    let prefix: String = chars[start..i].iter().collect();
    let digits_start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    while chars.get(i).is_some_and(|c| c.is_ascii_lowercase()) {
        i += 1;
    }
    Some((prefix, chars[digits_start..i].iter().collect(), i))
}

/// Drops the leading digits the end shares with the begin, keeping at least `min` digits.
fn minimize(begin: &str, end: &str, min: usize) -> String {
    if begin.len() != end.len() {
        return end.to_string();
    }
    let shared = begin
        .chars()
        .zip(end.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let keep = (end.len() - shared).max(min.min(end.len()));
    end[end.len() - keep..].to_string()
}

/// Chicago 15th edition: 101–8, 321–28, 498–532, 1087–89, 11564–68.
fn chicago15(b: u64, e: u64, end: &str) -> String {
    if b > 100 && b % 100 != 0 && b / 100 == e / 100 {
        (e % 100).to_string()
    } else if b >= 10000 {
        (e % 1000).to_string()
    } else {
        end.to_string()
    }
}

/// Chicago 16th edition: as 15th, but four-digit ends keep only the changed digits (1496–504).
fn chicago16(b: u64, e: u64, end: &str) -> String {
    if b > 100 && b % 100 != 0 {
        for i in 2..end.len() as u32 {
            let d = 10u64.pow(i);
            if b / d == e / d {
                return (e % d).to_string();
            }
        }
    }
    end.to_string()
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn ranges_follow_the_spec_examples() {
        let f = |v, fmt| format(v, fmt, "\u{2013}");
        assert_eq!(f("357-362", None), "357–362");
        assert_eq!(f("357-62", Some("expanded")), "357–362");
        assert_eq!(f("321-328", Some("minimal")), "321–8");
        assert_eq!(f("321-328", Some("minimal-two")), "321–28");
        assert_eq!(f("1087-1089", Some("chicago")), "1087–89");
        assert_eq!(f("321-328", Some("chicago")), "321–28");
        assert_eq!(f("101-108", Some("chicago")), "101–8");
        assert_eq!(f("100-104", Some("chicago")), "100–104");
        assert_eq!(f("1496-1504", Some("chicago-16")), "1496–504");
        assert_eq!(f("78-88", Some("minimal")), "78–88");
        assert_eq!(f("e1234", None), "e1234");
        assert_eq!(f("S12-S15, 20-5", Some("minimal")), "S12–5, 20–5");
    }
}
