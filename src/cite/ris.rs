//! RIS export: `TY  - NEWS` for newspaper articles, `ELEC` (web page) otherwise.

use super::item::{Date, Item};

/// Renders an item as one RIS record (lines end with `\n`).
pub fn format(item: &Item) -> String {
    let ty = if item.kind == "article-newspaper" {
        "NEWS"
    } else {
        "ELEC"
    };
    let mut lines = vec![format!("TY  - {ty}")];
    for n in &item.author {
        let name = match (&n.literal, &n.family) {
            (Some(l), _) => l.clone(),
            (None, Some(f)) => {
                let family = [n.non_dropping_particle.as_deref(), Some(f.as_str())]
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut s = family;
                if let Some(g) = &n.given {
                    s = format!("{s}, {g}");
                    if let Some(dp) = &n.dropping_particle {
                        s = format!("{s} {dp}");
                    }
                }
                if let Some(suf) = &n.suffix {
                    s = format!("{s}, {suf}");
                }
                s
            }
            _ => continue,
        };
        lines.push(format!("AU  - {name}"));
    }
    let mut push = |tag: &str, v: Option<&String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            lines.push(format!("{tag}  - {}", v.replace(['\r', '\n'], " ")));
        }
    };
    push("TI", item.title.as_ref());
    push("T2", item.container_title.as_ref());
    push("PB", item.publisher.as_ref());
    push("SE", item.section.as_ref());
    if let Some((y, m, d)) = item.issued.as_ref().and_then(Date::start) {
        push("PY", Some(&y.to_string()));
        push("DA", Some(&ris_date(y, m, d)));
    }
    push("UR", item.url.as_ref());
    if let Some((y, m, d)) = item.accessed.as_ref().and_then(Date::start) {
        push("Y2", Some(&ris_date(y, m, d)));
    }
    push("LA", item.language.as_ref());
    push("AB", item.r#abstract.as_ref());
    lines.push("ER  - ".to_string());
    lines.join("\n") + "\n"
}

/// RIS dates are `YYYY/MM/DD` with empty missing parts (`2023/01//`).
fn ris_date(y: i32, m: u32, d: u32) -> String {
    let two = |n: u32| {
        if n == 0 {
            String::new()
        } else {
            format!("{n:02}")
        }
    };
    format!("{y:04}/{}/{}", two(m), two(d))
}
