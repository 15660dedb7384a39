//! Wikipedia citation templates: `{{cite news}}` for news, `{{cite web}}` otherwise.

use super::item::{Date, Item};

/// Renders an item as a one-line citation template.
pub fn format(item: &Item) -> String {
    let template = if item.kind == "article-newspaper" {
        "cite news"
    } else {
        "cite web"
    };
    let mut params: Vec<(String, String)> = Vec::new();
    if let Some(t) = &item.title {
        params.push(("title".into(), t.clone()));
    }
    let mut person = 0;
    for n in &item.author {
        if let Some(l) = &n.literal {
            let key = if person == 0 && params.iter().all(|(k, _)| k != "author") {
                "author".to_string()
            } else {
                format!("author{}", person + 1)
            };
            params.push((key, l.clone()));
            person += 1;
            continue;
        }
        person += 1;
        let suffix = if person == 1 {
            String::new()
        } else {
            person.to_string()
        };
        let family = [n.non_dropping_particle.as_deref(), n.family.as_deref()]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let mut given = [n.given.as_deref(), n.dropping_particle.as_deref()]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(s) = &n.suffix {
            given = format!("{given}, {s}");
        }
        params.push((format!("last{suffix}"), family));
        if !given.is_empty() {
            params.push((format!("first{suffix}"), given));
        }
    }
    if let Some(d) = item.issued.as_ref().and_then(Date::start) {
        params.push(("date".into(), wiki_date(d)));
    }
    let site = item
        .container_title
        .clone()
        .or_else(|| item.publisher.clone());
    if let Some(site) = site {
        params.push((
            if template == "cite news" {
                "work"
            } else {
                "website"
            }
            .into(),
            site,
        ));
    }
    if let Some(u) = &item.url {
        params.push(("url".into(), u.clone()));
    }
    if let Some(d) = item.accessed.as_ref().and_then(Date::start) {
        params.push(("access-date".into(), wiki_date(d)));
    }
    if let Some(l) = &item.language {
        params.push(("language".into(), l.clone()));
    }
    let body: String = params
        .iter()
        .map(|(k, v)| format!(" |{k}={}", escape(v)))
        .collect();
    format!("{{{{{template}{body}}}}}")
}

/// ISO dates for full dates; "March 2023" for year-month (ISO year-month is not accepted).
fn wiki_date((y, m, d): (i32, u32, u32)) -> String {
    match (m, d) {
        (0, _) => y.to_string(),
        (m, 0) if (1..=12).contains(&m) => {
            format!("{} {y}", crate::rules::dates::MONTH_NAMES[m as usize - 1])
        }
        (m, 0) => y.to_string() + &format!("-{m:02}"),
        (m, d) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// Pipes and template braces would break the template.
fn escape(s: &str) -> String {
    s.replace('|', "{{!}}")
        .replace("{{", "{{(}}")
        .replace("}}", "{{)}}")
        .replace(['\r', '\n'], " ")
}
