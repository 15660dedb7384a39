//! Every independent official CSL style × the case set of
//! `tests/fixtures/cite/all-styles/items.json` × both forms (bibliography entry; first
//! citation: in-text, or the first note) × text and HTML, against citeproc-js
//! (`tests/fixtures/cite/all-styles/expected.jsonl.xz` and `expected-citation.jsonl.xz`, made
//! by `tools/citeproc/generate-all.mjs`). Prints the agreement per form and format, the
//! distribution over styles and the differences grouped into classes; pins a floor.
//!
//! The style and locale files come from [`csl_sources`] (today the pinned archives in
//! `../shared/csl-all`, unpacked with `tar`; the test skips with a line when they are absent).
//! `CITE_ALL_REPORT=N` prints N samples per class (default 1) and the worst styles;
//! `CITE_ALL_STYLE=WORD` limits the run to styles whose id contains WORD;
//! `CITE_ALL_FORM=bibliography|citation` to one form; `CITE_ALL_DIR=DIR` compares another
//! case set (DIR/items.json and its expected files, e.g. a held-out set made by
//! `tools/citeproc/make-heldout-items.py`; no floor then).
//!
//! Reproduce: `CITE_ALL_REPORT=3 cargo test --release --test cite_all_styles -- --nocapture`.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use tidings::cite::{format_form_with, Form, Format, Item, StyleInfo};

/// Entries (style × item × form × format) that must agree with citeproc-js, in per mille
/// (measured at 996.9: 302,755 of 303,710; 982.7 when both forms were first compared, and
/// the bibliography alone was 77.4% before this work).
const FLOOR_PER_MILLE: usize = 996;

/// The CSL files to test with: style id → XML of every independent style, and locale file
/// name (`locales-xx-XX.xml`) → XML. The only function that knows where they come from:
/// switching to the archive vendored in the repository is a change here. None (after one
/// line saying so) when they are absent.
fn csl_sources() -> Option<(BTreeMap<String, String>, HashMap<String, String>)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/csl-all");
    let archives = [
        shared.join("styles-0819c0e0.tar.xz"),
        shared.join("locales-938c09c1.tar.xz"),
    ];
    if !archives.iter().all(|a| a.is_file()) {
        eprintln!("skipped: no CSL archives in {}", shared.display());
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("csl-all");
    if !dir.join("locales-en-US.xml").is_file() {
        std::fs::create_dir_all(&dir).ok()?;
        for a in &archives {
            let ok = Command::new("tar")
                .arg("-xJf")
                .arg(a)
                .arg("-C")
                .arg(&dir)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                eprintln!("skipped: could not unpack {} with tar", a.display());
                return None;
            }
        }
    }
    let mut styles = BTreeMap::new();
    let mut locales = HashMap::new();
    for e in std::fs::read_dir(&dir).ok()?.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if let Some(id) = name.strip_suffix(".csl") {
            styles.insert(id.to_string(), std::fs::read_to_string(e.path()).ok()?);
        } else if name.starts_with("locales-") && name.ends_with(".xml") {
            locales.insert(name, std::fs::read_to_string(e.path()).ok()?);
        }
    }
    Some((styles, locales))
}

/// The locale file for a language tag as citeproc-js picks it: the exact file, else the
/// language's primary dialect, else en-US.
fn locale_file<'a>(lang: &str, locales: &'a HashMap<String, String>) -> &'a str {
    let exact = format!("locales-{lang}.xml");
    let base = lang.split('-').next().unwrap_or(lang);
    // citeproc-js asks for nothing but the exact tag (then en-US) when the language is not
    // among its `LANG_BASES` (a style in "id" gets en-US terms).
    let known = CITEPROC_LANG_BASES.contains(&base);
    let candidates = [
        Some(exact),
        PRIMARY_DIALECTS
            .iter()
            .find(|(l, _)| *l == base && known)
            .map(|(_, d)| format!("locales-{d}.xml")),
        known.then(|| format!("locales-{base}.xml")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|f| locales.get(&f))
        .or_else(|| locales.get("locales-en-US.xml"))
        .map(String::as_str)
        .unwrap_or("")
}

/// The languages citeproc-js 2.4 knows a base locale for (`CSL.LANG_BASES`).
const CITEPROC_LANG_BASES: &[&str] = &[
    "af", "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "he",
    "hr", "hu", "is", "it", "ja", "km", "ko", "lt", "lv", "mn", "nb", "nl", "nn", "pl", "pt", "ro",
    "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh",
];

/// A language's primary dialect, from the locales repository's `locales.json`.
const PRIMARY_DIALECTS: &[(&str, &str)] = &[
    ("af", "af-ZA"),
    ("bal", "bal-PK"),
    ("bg", "bg-BG"),
    ("brh", "brh-PK"),
    ("ca", "ca-AD"),
    ("cs", "cs-CZ"),
    ("cy", "cy-GB"),
    ("da", "da-DK"),
    ("de", "de-DE"),
    ("el", "el-GR"),
    ("en", "en-US"),
    ("es", "es-ES"),
    ("et", "et-EE"),
    ("fa", "fa-IR"),
    ("fi", "fi-FI"),
    ("fr", "fr-FR"),
    ("gl", "gl-ES"),
    ("he", "he-IL"),
    ("hi", "hi-IN"),
    ("hr", "hr-HR"),
    ("hu", "hu-HU"),
    ("hy", "hy-AM"),
    ("id", "id-ID"),
    ("is", "is-IS"),
    ("it", "it-IT"),
    ("ja", "ja-JP"),
    ("km", "km-KH"),
    ("ko", "ko-KR"),
    ("lij", "lij-IT"),
    ("lt", "lt-LT"),
    ("lv", "lv-LV"),
    ("mn", "mn-MN"),
    ("ms", "ms-MY"),
    ("nb", "nb-NO"),
    ("nl", "nl-NL"),
    ("nn", "nn-NO"),
    ("pa", "pa-PK"),
    ("pl", "pl-PL"),
    ("pt", "pt-PT"),
    ("ro", "ro-RO"),
    ("ru", "ru-RU"),
    ("sk", "sk-SK"),
    ("sl", "sl-SI"),
    ("sr", "sr-Latn-RS"),
    ("sv", "sv-SE"),
    ("th", "th-TH"),
    ("tr", "tr-TR"),
    ("uk", "uk-UA"),
    ("vi", "vi-VN"),
    ("zh", "zh-CN"),
];

/// The case set's directory: `CITE_ALL_DIR`, else the committed one.
fn case_dir() -> PathBuf {
    std::env::var_os("CITE_ALL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cite/all-styles")
        })
}

/// The expected entries of one form's file, one JSON object per style, and the header line.
fn expected_lines(file: &str) -> (Value, Vec<Value>) {
    let path = case_dir().join(file);
    let bytes = if path.extension().is_some_and(|e| e == "xz") {
        let out = Command::new("xz")
            .arg("-dc")
            .arg(&path)
            .output()
            .expect("xz -dc");
        assert!(out.status.success(), "xz failed on {}", path.display());
        out.stdout
    } else {
        std::fs::read(&path).expect("expected file")
    };
    let (header, lines): (Vec<Value>, Vec<Value>) = String::from_utf8(bytes)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json line"))
        .partition(|v| v.get("style").is_none());
    (header.into_iter().next().unwrap_or_default(), lines)
}

/// A difference's class: what kind of change turns citeproc-js's entry into ours.
fn classify(want: &str, got: &str) -> (String, String) {
    if got.starts_with("ERROR ") {
        let code = got.split([':', ' ']).nth(1).unwrap_or("").to_string();
        return (format!("error {code}"), got.chars().take(100).collect());
    }
    let w: Vec<char> = want.chars().collect();
    let g: Vec<char> = got.chars().collect();
    let pre = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let post = w[pre..]
        .iter()
        .rev()
        .zip(g[pre..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let wd: String = w[pre..w.len() - post].iter().collect();
    let gd: String = g[pre..g.len() - post].iter().collect();
    let is_punct = |s: &str| {
        s.chars()
            .all(|c| !c.is_alphanumeric() || c == '\u{202f}' || c == '\u{a0}')
    };
    let kind = if want.to_lowercase() == got.to_lowercase() {
        "case"
    } else if wd.chars().any(|c| "\"'“”‘’«»„‚‹›「」".contains(c))
        || gd.chars().any(|c| "\"'“”‘’«»„‚‹›「」".contains(c))
    {
        "quotes"
    } else if gd.is_empty() {
        if is_punct(&wd) {
            "missing punctuation"
        } else {
            "missing text"
        }
    } else if wd.is_empty() {
        if is_punct(&gd) {
            "extra punctuation"
        } else {
            "extra text"
        }
    } else if is_punct(&wd) && is_punct(&gd) {
        "other punctuation"
    } else {
        "changed text"
    };
    let short = |s: &str| s.chars().take(40).collect::<String>();
    (
        kind.to_string(),
        format!("`{}` → `{}`", short(&wd), short(&gd)),
    )
}

#[test]
fn all_styles_agree_with_citeproc_js() {
    let Some((styles, locales)) = csl_sources() else {
        return;
    };
    let started = std::time::Instant::now();
    let samples: usize = std::env::var("CITE_ALL_REPORT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let only = std::env::var("CITE_ALL_STYLE").unwrap_or_default();
    let items: Vec<Item> = serde_json::from_str(
        &std::fs::read_to_string(case_dir().join("items.json")).expect("items.json"),
    )
    .expect("items.json");
    let only_form = std::env::var("CITE_ALL_FORM").unwrap_or_default();
    let forms = [
        ("bibliography", Form::Bibliography, "expected.jsonl.xz"),
        ("citation", Form::Citation, "expected-citation.jsonl.xz"),
    ];
    // Counts per (form, format): bibliography text, html, citation text, html.
    let (mut total, mut agree) = ([0usize; 4], [0usize; 4]);
    let mut per_style: Vec<(String, usize, usize)> = Vec::new();
    let mut skipped = Vec::new();
    let mut classes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut patterns: HashMap<String, usize> = HashMap::new();
    for (form_i, (form_name, form, file)) in forms.into_iter().enumerate() {
        if !form_name.contains(&only_form) {
            continue;
        }
        let (header, lines) = expected_lines(file);
        eprintln!("expected: {header}");
        for line in &lines {
            let id = line["style"].as_str().expect("style id");
            if !id.contains(&only) {
                continue;
            }
            if line.get("error").is_some() {
                skipped.push(format!("{id} {form_name} ({})", line["error"]));
                continue;
            }
            let Some(xml) = styles.get(id) else {
                skipped.push(format!("{id} (no file)"));
                continue;
            };
            let lang = line["locale"].as_str().unwrap_or("en-US");
            let locale = locale_file(lang, &locales);
            let info = StyleInfo {
                name: "all-styles",
                id: "all-styles",
                label: "",
                csl_file: None,
                locale_file: None,
            };
            let (mut s_total, mut s_agree) = (0, 0);
            for (fi, (fname, fmt)) in [("text", Format::Text), ("html", Format::Html)]
                .into_iter()
                .enumerate()
            {
                for item in &items {
                    let Some(want) = line[fname][&item.id].as_str() else {
                        continue;
                    };
                    let got = format_form_with(item, &info, fmt, form, Some(xml), Some(locale))
                        .unwrap_or_else(|e| format!("ERROR {e}"));
                    let slot = form_i * 2 + fi;
                    total[slot] += 1;
                    s_total += 1;
                    if got == want {
                        agree[slot] += 1;
                        s_agree += 1;
                    } else {
                        let (kind, pattern) = classify(want, &got);
                        *patterns.entry(format!("{kind}: {pattern}")).or_default() += 1;
                        classes.entry(kind).or_default().push(format!(
                        "{id} / {} / {form_name} {fname} [{pattern}]\n      want: {want}\n      got:  {got}",
                        item.id
                    ));
                    }
                }
            }
            per_style.push((format!("{id} ({form_name})"), s_agree, s_total));
        }
    }
    let all_total: usize = total.iter().sum();
    let all_agree: usize = agree.iter().sum();
    let pct = |a: usize, t: usize| 100.0 * a as f64 / t.max(1) as f64;
    eprintln!("\nclasses of difference (entries; {samples} sample(s) each):");
    let mut by_size: Vec<_> = classes.iter().collect();
    by_size.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    for (kind, cases) in by_size {
        eprintln!("  {kind}: {}", cases.len());
        for c in cases
            .iter()
            .step_by((cases.len() / samples.max(1)).max(1))
            .take(samples)
        {
            eprintln!("    {c}");
        }
    }
    let mut top: Vec<_> = patterns.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    eprintln!("\nmost frequent changes:");
    for (p, n) in top.iter().take(25 + samples * 5) {
        eprintln!("  {n:6}  {p}");
    }
    per_style.sort_by(|a, b| (a.1 * b.2).cmp(&(b.1 * a.2)).then(a.0.cmp(&b.0)));
    eprintln!("\nworst styles:");
    for (id, a, t) in per_style.iter().take(10 + samples * 5) {
        eprintln!("  {a:3}/{t:3}  {id}");
    }
    let buckets = [100.0, 99.0, 95.0, 90.0, 80.0, 50.0, 0.0];
    let mut dist = vec![0usize; buckets.len()];
    for (_, a, t) in &per_style {
        let p = pct(*a, *t);
        let b = buckets.iter().position(|b| p >= *b).unwrap_or(0);
        dist[b] += 1;
    }
    eprintln!("\nstyles by agreement:");
    for (b, n) in buckets.iter().zip(&dist) {
        eprintln!("  >= {b:5.1}%: {n}");
    }
    eprintln!(
        "\n{} style × form pairs compared ({} skipped: no bibliography or citeproc-js error, e.g. {})",
        per_style.len(),
        skipped.len(),
        skipped.first().map(String::as_str).unwrap_or("-")
    );
    for (i, label) in [
        "bibliography text",
        "bibliography html",
        "citation text",
        "citation html",
    ]
    .iter()
    .enumerate()
    {
        eprintln!(
            "{label}: {}/{} ({:.2}%)",
            agree[i],
            total[i],
            pct(agree[i], total[i])
        );
    }
    eprintln!(
        "overall: {all_agree}/{all_total} ({:.2}%) in {:.1} s",
        pct(all_agree, all_total),
        started.elapsed().as_secs_f64()
    );
    if only.is_empty() && only_form.is_empty() && std::env::var_os("CITE_ALL_DIR").is_none() {
        assert!(
            all_agree * 1000 >= FLOOR_PER_MILLE * all_total,
            "agreement {all_agree}/{all_total} fell below {FLOOR_PER_MILLE}‰"
        );
    }
}
