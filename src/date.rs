//! Dates as news pages state them, normalised to ISO 8601. A date without a
//! time stays date-only; a time without a stated zone gets the page's local
//! offset only when the caller knows it (e.g. UTC+8 for Chinese sites).

use crate::rules::dates::{
    Start, DATES, DATE_STARTS, URL_DATES, US_GENERIC_ZONES, YEARLESS_DATES, ZONES,
};
use regex_lite::{Captures, Regex};
use std::sync::LazyLock;

/// Anchored tries of one date rule before it searches the text instead.
const MAX_ANCHORED_TRIES: usize = 8;

/// The [`DATES`] patterns anchored (`^(?:…)`), in table order, each with what
/// its matches start with.
static ANCHORED: LazyLock<Vec<(Regex, Start)>> = LazyLock::new(|| {
    DATES
        .rules
        .iter()
        .map(|r| {
            let (_, start) = DATE_STARTS
                .iter()
                .find(|(id, _)| *id == r.id)
                .unwrap_or_else(|| panic!("date rule {} has no entry in DATE_STARTS", r.id));
            let re = Regex::new(&format!("^(?:{})", r.pattern)).expect("built-in pattern");
            (re, *start)
        })
        .collect()
});

/// A calendar date with an optional time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Hour, minute, second.
    pub time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes.
    pub offset: Option<i32>,
}

impl DateTime {
    /// ISO 8601: `2023-01-10`, `2023-01-10T10:31:00`, `2023-01-10T10:31:00+08:00`.
    pub fn to_iso(self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((h, m, sec)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}:{sec:02}"));
            if let Some(off) = self.offset {
                if off == 0 {
                    s.push('Z');
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.abs();
                    s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
                }
            }
        }
        s
    }

    /// The same instant expressed at another offset (only when time and offset are known).
    pub fn at_offset(&self, offset: i32) -> DateTime {
        let (Some((h, m, s)), Some(cur)) = (self.time, self.offset) else {
            return *self;
        };
        let mut minutes = h as i64 * 60 + m as i64 + (offset - cur) as i64;
        let mut days = days_from_civil(self.year, self.month, self.day);
        days += minutes.div_euclid(1440);
        minutes = minutes.rem_euclid(1440);
        let (y, mo, d) = civil_from_days(days);
        DateTime {
            year: y,
            month: mo,
            day: d,
            time: Some(((minutes / 60) as u32, (minutes % 60) as u32, s)),
            offset: Some(offset),
        }
    }

    pub fn has_time(&self) -> bool {
        self.time.is_some()
    }
}

/// `instant` (a time with an offset) at the offset that shows `local`'s wall
/// clock (a time without a zone), to the minute, when that offset is a whole
/// number of quarter hours from −12 h to +14 h, not zero: the page stated one
/// moment twice, and the difference is its own offset. Seconds come from
/// `instant`. (The same clock marked UTC is as often local time mislabelled:
/// no answer.)
pub fn at_local_clock(local: &DateTime, instant: &DateTime) -> Option<DateTime> {
    let wall = |d: &DateTime| {
        let (h, m, _) = d.time?;
        Some(days_from_civil(d.year, d.month, d.day) * 1440 + i64::from(h * 60 + m))
    };
    instant.offset?;
    if local.offset.is_some() {
        return None;
    }
    let diff = wall(local)? - wall(&instant.at_offset(0))?;
    (diff != 0 && diff % 15 == 0 && (-12 * 60..=14 * 60).contains(&diff))
        .then(|| instant.at_offset(diff as i32))
}

/// Days since 1970-01-01 of a date's calendar day (its offset not applied).
pub fn day_number(d: &DateTime) -> i64 {
    days_from_civil(d.year, d.month, d.day)
}

/// [`URL_DATES`] compiled, in table order.
static URL_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    URL_DATES
        .iter()
        .map(|(p, _)| Regex::new(p).expect("built-in pattern"))
        .collect()
});

/// The date in an article URL's path: `(year, month, day)`, the day `None`
/// when the URL names a month only (`/2019/05/`). The first pattern of
/// [`URL_DATES`] that gives a valid date wins.
pub fn from_url_path(path: &str) -> Option<(i32, u32, Option<u32>)> {
    if !has_year(path) {
        return None;
    }
    URL_PATTERNS.iter().find_map(|re| {
        let c = re.captures(path)?;
        let year = num(&c, &["y"])? as i32;
        let month = num(&c, &["m"]).filter(|m| (1..=12).contains(m))?;
        match num(&c, &["d"]) {
            Some(d) if d >= 1 && d <= days_in_month(year, month) => Some((year, month, Some(d))),
            Some(_) => None,
            None => Some((year, month, None)),
        }
    })
}

/// [`YEARLESS_DATES`] compiled, in table order.
static YEARLESS_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    YEARLESS_DATES
        .iter()
        .map(|(p, _)| Regex::new(p).expect("built-in pattern"))
        .collect()
});

/// A dateline without a year (`10-08 14:35`): month, day and time, to be
/// placed in a year the page states elsewhere ([`in_year`]).
pub fn parse_yearless(s: &str) -> Option<(u32, u32, (u32, u32, u32))> {
    let s = s.trim();
    if s.len() > 40 || !s.contains(':') {
        return None;
    }
    YEARLESS_PATTERNS.iter().find_map(|re| {
        let c = re.captures(s)?;
        let (m, d, h, min) = (
            num(&c, &["m"])?,
            num(&c, &["d"])?,
            num(&c, &["H"])?,
            num(&c, &["M"])?,
        );
        ((1..=12).contains(&m) && (1..=31).contains(&d) && h < 24 && min < 60).then_some((
            m,
            d,
            (h, min, 0),
        ))
    })
}

/// A year-less dateline placed in `year`, if that year has the day.
pub fn in_year(year: i32, (month, day, time): (u32, u32, (u32, u32, u32))) -> Option<DateTime> {
    (day <= days_in_month(year, month)).then_some(DateTime {
        year,
        month,
        day,
        time: Some(time),
        offset: None,
    })
}

/// The UTC date of a Unix timestamp (date only).
pub fn from_unix(secs: i64) -> DateTime {
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    DateTime {
        year,
        month,
        day,
        time: None,
        offset: None,
    }
}

/// Parses the first date found in `s`, trying each pattern of the table.
pub fn parse(s: &str) -> Option<DateTime> {
    let s = s.trim();
    if s.is_empty() || s.len() > 400 {
        return None;
    }
    iso_exact(s).or_else(|| by_rules(s))
}

/// The first date the [`DATES`] table finds in `s` (trimmed, not empty): the
/// earliest match, one with a time before one without.
fn by_rules(s: &str) -> Option<DateTime> {
    // Every pattern needs a year 19xx or 20xx: most texts are turned away here.
    if !has_year(s) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let b = s.as_bytes();
    DATES
        .candidates(s, &lower)
        .filter_map(|(rule, search)| {
            let i = DATES.rules.iter().position(|r| std::ptr::eq(r, rule))?;
            let (re, start) = &ANCHORED[i];
            // A rule's leftmost match starts at the first position where its
            // anchored pattern matches: a search tries every position at
            // once, which costs far more on a sentence than these few tries.
            // (`is_match` first: it tracks no capture groups.) A text with
            // many possible starts ("janjanjan…") gets the one search, so
            // no text costs more than a few tries and a search.
            let mut starts = (0..b.len()).filter(|&p| start.admits(&b[p..]));
            let mut at = None;
            for p in starts.by_ref().take(MAX_ANCHORED_TRIES) {
                if re.is_match(&s[p..]) {
                    at = Some(p);
                    break;
                }
            }
            if at.is_none() && starts.next().is_some() {
                let c = search.captures(s)?;
                return from_captures(&c).map(|d| (c.get(0).map_or(0, |m| m.start()), d));
            }
            let at = at?;
            let c = re.captures(&s[at..])?;
            from_captures(&c).map(|d| (at, d))
        })
        .min_by_key(|(start, d)| (*start, !d.has_time()))
        .map(|(_, d)| d)
}

/// `s` when it is exactly a valid machine date, as `<meta>` tags and JSON-LD
/// write them: `2024-01-10`, `2024-01-10T22:31`, `2024-01-10 22:31:05`,
/// `2024-01-10T06:12:44.000Z`, `…+08:00`, `…-0800`. The `iso-8601` rule reads
/// these the same way, and no other rule can match at their start; this reads
/// them without running the table's regexes. Anything else (one-digit fields,
/// other separators, out-of-range values, text around) is `None`: the table decides.
fn iso_exact(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<u32> {
        match (b.get(i), b.get(i + 1)) {
            (Some(x @ b'0'..=b'9'), Some(y @ b'0'..=b'9')) => {
                Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
            }
            _ => None,
        }
    };
    let (century, yy) = (two(0)?, two(2)?);
    if !matches!(century, 19 | 20) || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = (century * 100 + yy) as i32;
    let (month, day) = (two(5)?, two(8)?);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let date = DateTime {
        year,
        month,
        day,
        time: None,
        offset: None,
    };
    if b.len() == 10 {
        return Some(date);
    }
    if !matches!(b[10], b'T' | b' ') || b.get(13) != Some(&b':') {
        return None;
    }
    let (h, m) = (two(11)?, two(14)?);
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = two(i + 1)?;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    if h >= 24 || m >= 60 || sec >= 60 {
        return None;
    }
    let zone = &s[i..];
    let offset = match zone.as_bytes() {
        [] => None,
        [b'Z'] => Some(0),
        [b'+' | b'-', h1, h2, b':', m1, m2] | [b'+' | b'-', h1, h2, m1, m2]
            if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            Some(zone_offset(zone)?)
        }
        _ => return None,
    };
    Some(DateTime {
        time: Some((h, m, sec)),
        offset,
        ..date
    })
}

/// Whether `s` holds four ASCII digits starting with 19 or 20 (the `(?:19|20)\d{2}` every date rule needs).
fn has_year(s: &str) -> bool {
    s.as_bytes().windows(4).any(|w| {
        matches!((w[0], w[1]), (b'1', b'9') | (b'2', b'0'))
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

fn num(c: &Captures, names: &[&str]) -> Option<u32> {
    names
        .iter()
        .find_map(|n| c.name(n))
        .and_then(|m| m.as_str().parse().ok())
}

fn from_captures(c: &Captures) -> Option<DateTime> {
    let year = num(c, &["y", "y2"])? as i32;
    let month = match num(c, &["m"]) {
        Some(m) => m,
        None => month_number(c.name("mon").or_else(|| c.name("mon2"))?.as_str())?,
    };
    let day = num(c, &["d", "d2"])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let mut time = None;
    if let (Some(mut h), Some(m)) = (num(c, &["H"]), num(c, &["M"])) {
        let s = num(c, &["S"]).unwrap_or(0);
        if let Some(ap) = c.name("ampm") {
            let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
            if h == 12 {
                h = 0;
            }
            if pm {
                h += 12;
            }
        }
        if h < 24 && m < 60 && s < 61 {
            time = Some((h, m, s.min(59)));
        }
    }
    let offset = if time.is_some() {
        c.name("tz").or_else(|| c.name("tz2")).and_then(|z| {
            zone_offset(z.as_str()).or_else(|| us_generic_zone(z.as_str(), year, month, day))
        })
    } else {
        None
    };
    Some(DateTime {
        year,
        month,
        day,
        time,
        offset,
    })
}

/// `Z`, `+08:00`, `+0800`, `UTC+8`, `GMT-5`, `EST`…
pub fn zone_offset(z: &str) -> Option<i32> {
    let z: String = z
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .collect();
    let upper = z.to_ascii_uppercase();
    if let Some(&(_, off)) = ZONES.iter().find(|(n, _)| *n == upper) {
        return Some(off);
    }
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper);
    let (sign, digits) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' => (-1, &rest[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| c.is_ascii_digit()).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

/// The offset of a US zone named without standard/daylight (`ET`, `PT`) on a
/// date: daylight time from the second Sunday of March to the first Sunday
/// of November (from 2007; the first Sunday of April to the last Sunday of
/// October before).
fn us_generic_zone(z: &str, year: i32, month: u32, day: u32) -> Option<i32> {
    let name = z.trim().to_ascii_uppercase();
    let &(_, standard) = US_GENERIC_ZONES.iter().find(|(n, _)| *n == name)?;
    // The day of the month of the `nth` Sunday of a month (nth 0 = the last).
    let sunday = |m: u32, nth: u32| -> u32 {
        let first = (days_from_civil(year, m, 1) + 4).rem_euclid(7) as u32; // 0 = Sunday
        let first_sunday = 1 + (7 - first) % 7;
        if nth == 0 {
            let last = days_in_month(year, m);
            first_sunday + (last - first_sunday) / 7 * 7
        } else {
            first_sunday + 7 * (nth - 1)
        }
    };
    let (start, end) = if year >= 2007 {
        ((3, sunday(3, 2)), (11, sunday(11, 1)))
    } else {
        ((4, sunday(4, 1)), (10, sunday(10, 0)))
    };
    let daylight = (month, day) >= start && (month, day) < end;
    Some(standard + if daylight { 60 } else { 0 })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    crate::rules::dates::MONTH_NAMES
        .iter()
        .position(|m| lower.starts_with(&m[..3].to_ascii_lowercase()))
        .map(|i| i as u32 + 1)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (H. Hinnant's civil calendar algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s).map(|d| d.to_iso())
    }

    #[test]
    fn formats_news_sites_print() {
        let cases = [
            ("2023-01-10T10:31:00+08:00", "2023-01-10T10:31:00+08:00"),
            ("2023-01-10T02:31:00Z", "2023-01-10T02:31:00Z"),
            ("10:31 UTC+8, 2023-01-10", "2023-01-10T10:31:00+08:00"),
            ("Xinhua | Updated: 2023-01-10 10:31", "2023-01-10T10:31:00"),
            ("2023年01月10日 10:31 来源：新华社", "2023-01-10T10:31:00"),
            ("Published: Jan 10, 2024 10:31 PM", "2024-01-10T22:31:00"),
            (
                "Updated 3:04 PM EST, January 10, 2024",
                "2024-01-10T15:04:00-05:00",
            ),
            ("10:31, 10-Jan-2024", "2024-01-10T10:31:00"),
            (
                "Tue, 10 Jan 2023 10:31:00 +0800",
                "2023-01-10T10:31:00+08:00",
            ),
            ("May 5, 2021", "2021-05-05"),
            // CBC: "ET" in October is daylight time.
            (
                "Posted: Oct 14, 2022 9:27 AM ET",
                "2022-10-14T09:27:00-04:00",
            ),
            ("Jan 10, 2024 9:27 AM ET", "2024-01-10T09:27:00-05:00"),
            ("Nov 1, 2006 9:27 AM PT", "2006-11-01T09:27:00-08:00"),
            // The Washington Post's itemprop: an offset without its leading zero.
            ("2018-10-29T10:15-500", "2018-10-29T10:15:00-05:00"),
            // LADbible: the zone after the date.
            ("22:00, 11 July 2021 BST", "2021-07-11T22:00:00+01:00"),
            // Politico and TMZ: month first, settled by the US zone.
            ("10/17/2022 04:01 PM EDT", "2022-10-17T16:01:00-04:00"),
            ("11/28/2016 11:00 AM PT", "2016-11-28T11:00:00-08:00"),
            ("05/12/2016 10:00", ""),
            ("2024-02-30", ""),
        ];
        for (input, want) in cases {
            assert_eq!(iso(input).unwrap_or_default(), want, "{input}");
        }
    }

    /// The shortcut for machine dates reads every string it accepts as the
    /// rule table does, and accepts the usual machine forms. The inputs mix
    /// valid and out-of-range fields, separators, fractions and zones.
    #[test]
    fn exact_iso_agrees_with_the_rules() {
        let dates = [
            "2024-01-10",
            "1999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-01-00",
            "2024-1-10",
            "2124-01-10",
            "2024/01/10",
        ];
        let seps = ["T", " ", "t", "  ", ", "];
        let times = [
            "22:31",
            "00:00:00",
            "23:59:59",
            "24:00",
            "12:60",
            "10:31:60",
            "10:31:61",
            "7:05",
            "10:31:05.123",
            "10:31:05,5",
            "10:31:05.",
            "10:31.5",
        ];
        let zones = [
            "", "Z", "+08:00", "-0800", "+15:00", "+0830", "-05:00", "+08", "z", " Z", "UTC",
            "+08:0a", " EST", " PM", "Zulu",
        ];
        let (mut inputs, mut fast) = (Vec::new(), 0);
        for d in dates {
            inputs.push(d.to_string());
            for sep in seps {
                for t in times {
                    for z in zones {
                        inputs.push(format!("{d}{sep}{t}{z}"));
                    }
                }
            }
        }
        for s in &inputs {
            if let Some(d) = iso_exact(s) {
                fast += 1;
                assert_eq!(Some(d), by_rules(s), "{s}");
            }
        }
        // The 3 valid dates alone, and with `T` or a space, one of the 5
        // valid times and one of the 6 zones read (none, Z, four offsets).
        assert_eq!(fast, 3 * (1 + 2 * 5 * 6));
    }

    /// [`by_rules`] as a plain search with each rule's own pattern: the
    /// leftmost match of every rule whose hints pass.
    fn by_searching(s: &str) -> Option<DateTime> {
        if !has_year(s) {
            return None;
        }
        let lower = s.to_ascii_lowercase();
        DATES
            .candidates(s, &lower)
            .filter_map(|(_, re)| {
                let c = re.captures(s)?;
                from_captures(&c).map(|d| (c.get(0).map_or(0, |m| m.start()), d))
            })
            .min_by_key(|(start, d)| (*start, !d.has_time()))
            .map(|(_, d)| d)
    }

    /// Anchored tries at the positions a rule can start at find what a search
    /// finds, on datelines as sites print them and on combinations of their parts.
    #[test]
    fn anchored_tries_agree_with_searching() {
        let mut inputs: Vec<String> = [
            "Updated 3:04 PM EST, January 10, 2024",
            "Ice-fishing shanties sit near Saginaw Bay, Mich., on Tuesday, Jan. 9, 2024. (AP Photo/Carlos Osorio)",
            "Published Jan. 10, 2024Updated Jan. 10, 2024, 9:22 a.m. ET",
            "Last modified on Wed 10 Jan 2024 17.12 GMT",
            "4:12 AM EST, Wed January 10, 2024",
            "发布时间：2024-10-18 09:40",
            "2024年03月12日08:21",
            "2024-05-20-16:32:05",
            "05\\/08\\/2014 07:01:00",
            "Monday, February 29, 2016 @ 11:10 PM UTC",
            "Sarah Gooding March 9, 2017 13",
            "Oct 18, 2019 · 8 min read",
            "The form emerged in the early 1900s and again in 2023.",
            "123:45 2024-01-10",
            "10:31 UTC+8, 2023-01-10",
            "Thu 3 Jan 2019 02.00 EST",
            "JAN. 13, 2017",
            "May 5, 2021 and June 6, 2022",
            // More possible starts than the anchored tries: the search decides.
            "1 2 3 4 5 6 7 8 9 10 11 Jan 2024",
            "1:2 3:4 5:6 7:8 9:10 11:12 13:14 15:16 17:18 10:31, 10-Jan-2024",
            "jan feb mar apr may jun jul aug sep oct nov dec Jan 10, 2024",
            "janjanjanjanjanjanjanjanjanjanjan 10, 2024",
        ]
        .map(String::from)
        .to_vec();
        let lead = [
            "",
            "Updated ",
            "By Jane Doe | ",
            "12 ",
            "on Tuesday, ",
            "10:31, ",
            "09:15 ",
            "7:05, ",
            "2019 ",
        ];
        let dates = [
            "Jan 10, 2024",
            "10 January 2024",
            "2024-01-10",
            "2024/1/9",
            "2024年1月10日",
            "10-Jan-2024",
            "Jan 32, 2024",
            "Sept. 3rd, 2021",
            "2024.13.01",
            "10/17/2022",
        ];
        let tail = [
            "",
            " 10:31",
            " 3:04 PM EST",
            " 16.00 GMT",
            ", 9:22 a.m. ET",
            " (AP) 2023",
            "T08:00:00+08:00",
            " 04:01 PM EDT",
        ];
        for l in lead {
            for d in dates {
                for t in tail {
                    inputs.push(format!("{l}{d}{t}"));
                }
            }
        }
        for s in &inputs {
            assert_eq!(by_rules(s), by_searching(s), "{s:?}");
        }
    }

    /// URLs of real pages in the corpora (newspaper4k, Mercury, Readability).
    #[test]
    fn reads_dates_in_urls() {
        let cases = [
            (
                "/2023/11/06/politics/alito-prelogar-supreme-court-analysis/index.html",
                Some((2023, 11, Some(6))),
            ),
            (
                "/a/202311/17/WS65571297a310d5acd876f404.html",
                Some((2023, 11, Some(17))),
            ),
            (
                "/fortune/2023-11/17/c_1129981476.htm",
                Some((2023, 11, Some(17))),
            ),
            (
                "/hidden-heroines-of-chaos-ellen-fetter-and-margaret-hamilton-20190520/",
                Some((2019, 5, Some(20))),
            ),
            (
                "/zhengce/content/2019-05/17/content_5392489.htm",
                Some((2019, 5, Some(17))),
            ),
            ("/xxgk/t20190517_123.html", Some((2019, 5, Some(17)))),
            (
                "/2018/10/nollywood-actress-kate-henshaw-is.html",
                Some((2018, 10, None)),
            ),
            ("/journal/2019/01/80642", Some((2019, 1, None))),
            (
                "/6330957/james-hansen-climate-warning-geoengineering-study/",
                None,
            ),
            ("/view/AEN20190820002300325", None),
            ("/2019/13/40/", None),
        ];
        for (path, want) in cases {
            assert_eq!(from_url_path(path), want, "{path}");
        }
    }

    /// Year-less datelines (hand-written: no page in the corpora shows one).
    #[test]
    fn reads_yearless_datelines() {
        assert_eq!(parse_yearless("10-08 14:35"), Some((10, 8, (14, 35, 0))));
        assert_eq!(
            parse_yearless("发布时间：10-08 14:35"),
            Some((10, 8, (14, 35, 0)))
        );
        assert_eq!(parse_yearless("10月08日 14:35"), Some((10, 8, (14, 35, 0))));
        assert_eq!(parse_yearless("比分 10-08 14:35 结束"), None);
        assert_eq!(parse_yearless("13-08 14:35"), None);
        assert_eq!(in_year(2023, (2, 29, (1, 0, 0))), None);
    }

    #[test]
    fn converts_between_offsets() {
        let d = parse("2023-01-09T23:31:00-05:00").unwrap().at_offset(480);
        assert_eq!(d.to_iso(), "2023-01-10T12:31:00+08:00");
    }
}
