//! Every (style, item, form, format) rendered by citeproc-js (tests/fixtures/cite/expected.json,
//! made by tools/citeproc/generate.mjs) must be reproduced character for character: the
//! bibliography entry (`text`, `html`) and the single first citation (`citation_text`,
//! `citation_html`).

use serde_json::Value;
use tidings::cite::{format_form, Form, Format, Item};

/// Cases known not to match yet: (style, item id, field, reason). Keep this short and honest.
const KNOWN_MISMATCHES: &[(&str, &str, &str, &str)] = &[];

#[test]
fn matches_citeproc_js() {
    let items: Vec<Item> =
        serde_json::from_str(include_str!("fixtures/cite/items.json")).expect("items.json");
    let expected: Value =
        serde_json::from_str(include_str!("fixtures/cite/expected.json")).expect("expected.json");
    let mut failures = Vec::new();
    let mut total = 0;
    let mut known = 0;
    for (style, by_item) in expected.as_object().expect("styles") {
        for item in &items {
            for (fmt_name, form, fmt) in [
                ("text", Form::Bibliography, Format::Text),
                ("html", Form::Bibliography, Format::Html),
                ("citation_text", Form::Citation, Format::Text),
                ("citation_html", Form::Citation, Format::Html),
            ] {
                let want = by_item[&item.id][fmt_name]
                    .as_str()
                    .expect("expected string");
                total += 1;
                let got =
                    format_form(item, style, fmt, form).unwrap_or_else(|e| format!("ERROR {e}"));
                let allowed = KNOWN_MISMATCHES
                    .iter()
                    .any(|(s, i, f, _)| *s == style && *i == item.id && *f == fmt_name);
                if got == want {
                    assert!(
                        !allowed,
                        "{style} {} {fmt_name} matches now: remove it from KNOWN_MISMATCHES",
                        item.id
                    );
                } else if allowed {
                    known += 1;
                } else {
                    failures.push(format!(
                        "{style} / {} / {fmt_name}\n  expected: {want}\n  got:      {got}",
                        item.id
                    ));
                }
            }
        }
    }
    eprintln!(
        "{} of {total} match; {known} known mismatches",
        total - failures.len() - known
    );
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
