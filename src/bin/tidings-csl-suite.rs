//! Runs the CSL processor test suite (citeproc-js's fixtures, `processor-tests/humans/*.txt`)
//! against our CSL engine and prints pass counts by mode and by feature area (the fixture
//! name's prefix), with the skipped fixtures counted by reason.
//!
//! Usage: `tidings-csl-suite [DIR] [--verbose] [--only PREFIX]`; DIR defaults to
//! `../shared/corpora/csl-test-suite` beside the crate. Locales come from the `csl/`
//! folder and, for other languages, from `../shared/csl-all/locales-*.tar.xz`.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use tidings::cite::{CiteRequest, Format, Item, Registry};

/// One fixture's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// Expected and got.
    Fail(String, String),
    /// Why the fixture is not run.
    Skip(&'static str),
}

/// Counts of one fixture group.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub pass: usize,
    pub fail: usize,
    pub skip: usize,
}

/// The suite's results.
#[derive(Debug, Default)]
pub struct Report {
    pub by_mode: BTreeMap<String, Tally>,
    pub by_area: BTreeMap<String, Tally>,
    pub skips: BTreeMap<&'static str, usize>,
    /// (fixture name, mode, outcome) for every fixture.
    pub results: Vec<(String, String, Outcome)>,
}

impl Report {
    /// Passes over all modes.
    pub fn passes(&self) -> usize {
        self.by_mode.values().map(|t| t.pass).sum()
    }

    /// Passes in one mode.
    pub fn passes_in(&self, mode: &str) -> usize {
        self.by_mode.get(mode).map_or(0, |t| t.pass)
    }
}

/// The fixture folder: `processor-tests/humans` under the suite's root.
pub fn fixtures_dir(root: &Path) -> PathBuf {
    root.join("processor-tests").join("humans")
}

/// Runs every fixture under `root` whose name starts with `only`.
pub fn run(root: &Path, only: Option<&str>) -> Report {
    let locales = Locales::new();
    let mut report = Report::default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir(root))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    for path in files {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if only.is_some_and(|o| !name.starts_with(o)) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let sections = sections(text.trim_start_matches('\u{feff}'));
        let mode = sections.get("MODE").map_or("", |s| s.trim()).to_string();
        let outcome = run_fixture(&sections, &locales);
        let area = name.split('_').next().unwrap_or("").to_string();
        for t in [
            report.by_mode.entry(mode.clone()).or_default(),
            report.by_area.entry(area).or_default(),
        ] {
            match &outcome {
                Outcome::Pass => t.pass += 1,
                Outcome::Fail(..) => t.fail += 1,
                Outcome::Skip(_) => t.skip += 1,
            }
        }
        if let Outcome::Skip(why) = &outcome {
            *report.skips.entry(why).or_default() += 1;
        }
        report.results.push((name, mode, outcome));
    }
    report
}

/// Splits a fixture into its `>>== NAME ==>> … <<== NAME ==<<` sections.
fn sections(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        let t = line.trim();
        let marker = |open: &str, close: &str| {
            t.strip_prefix(open)
                .and_then(|r| r.strip_suffix(close))
                .map(|r| r.trim_matches('=').trim().to_string())
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_uppercase() || c == '-'))
        };
        if let Some(name) = marker(">>", ">>") {
            current = Some((name, String::new()));
        } else if marker("<<", "<<").is_some() {
            if let Some((name, body)) = current.take() {
                out.insert(name, body);
            }
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

fn run_fixture(s: &HashMap<String, String>, locales: &Locales) -> Outcome {
    let mode = s.get("MODE").map_or("", |m| m.trim());
    if mode != "citation" && mode != "bibliography" {
        return Outcome::Skip("mode other than citation or bibliography");
    }
    if s.contains_key("BIBENTRIES") {
        return Outcome::Skip("BIBENTRIES (registry updates)");
    }
    if s.contains_key("BIBSECTION") {
        return Outcome::Skip("BIBSECTION (bibliography filters)");
    }
    let (Some(csl), Some(input), Some(expected)) = (s.get("CSL"), s.get("INPUT"), s.get("RESULT"))
    else {
        return Outcome::Skip("fixture lacks CSL, INPUT or RESULT");
    };
    let Ok(Value::Array(raw_items)) = serde_json::from_str::<Value>(input) else {
        return Outcome::Skip("INPUT is not a JSON array");
    };
    let mut items = Vec::new();
    for v in &raw_items {
        match serde_json::from_value::<Item>(v.clone()) {
            Ok(it) => items.push(it),
            Err(_) => return Outcome::Skip("an INPUT item our model cannot read"),
        }
    }
    if let Some(calls) = s.get("CITATIONS") {
        let got = match citation_calls(calls, csl, &items, mode, locales) {
            Ok(g) => g,
            Err(o) => return o,
        };
        let want = expected.trim();
        return if got.trim() == want {
            Outcome::Pass
        } else {
            Outcome::Fail(want.to_string(), got.trim().to_string())
        };
    }
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let registry = match Registry::new(csl, None, &|lang| locales.get(lang), items) {
        Ok(r) => r,
        Err(e) => return Outcome::Fail(expected.trim().to_string(), format!("ERROR {e}")),
    };
    let got = if mode == "bibliography" {
        Ok(bibliography_html(&registry))
    } else {
        let clusters: Vec<Vec<CiteRequest>> = match s.get("CITATION-ITEMS") {
            Some(ci) => match serde_json::from_str::<Value>(ci) {
                Ok(Value::Array(list)) => list.iter().map(cites_of).collect(),
                _ => return Outcome::Skip("CITATION-ITEMS is not a JSON array"),
            },
            None => vec![ids
                .iter()
                .map(|id| CiteRequest {
                    id: id.clone(),
                    ..CiteRequest::default()
                })
                .collect()],
        };
        clusters
            .iter()
            .map(|c| registry.citation(c, Format::Html))
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.join("\n"))
    };
    let got = got.unwrap_or_else(|e| format!("ERROR {e}"));
    let want = expected.trim();
    if got.trim() == want {
        Outcome::Pass
    } else {
        Outcome::Fail(want.to_string(), got.trim().to_string())
    }
}

/// A citation of a CITATIONS sequence: its cites and note number.
type Citation = (Vec<CiteRequest>, usize);

/// Replays a CITATIONS section (citeproc-js `processCitationCluster` calls: each adds or
/// replaces a citation, with the citations before and after it and their note numbers).
/// Items are registered as they are first cited. The result lists the final document's
/// citations, `>>` marking those the last call changed (new, or rendered differently from
/// before it), `..` the others; in bibliography mode, the bibliography of the cited items.
fn citation_calls(
    calls: &str,
    csl: &str,
    items: &[Item],
    mode: &str,
    locales: &Locales,
) -> Result<String, Outcome> {
    let Ok(Value::Array(calls)) = serde_json::from_str::<Value>(calls) else {
        return Err(Outcome::Skip("CITATIONS is not a JSON array"));
    };
    let mut stored: HashMap<String, Citation> = HashMap::new();
    let mut before: HashMap<String, String> = HashMap::new();
    let mut last: Vec<(String, String)> = Vec::new();
    let mut registry_last = None;
    for (k, call) in calls.iter().enumerate() {
        let (Some(c), Some(pre), Some(post)) = (
            call.get(0),
            call.get(1).and_then(Value::as_array),
            call.get(2).and_then(Value::as_array),
        ) else {
            return Err(Outcome::Skip(
                "a CITATIONS call is not [citation, pre, post]",
            ));
        };
        let id = c
            .get("citationID")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let note = c
            .pointer("/properties/noteIndex")
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize;
        let cites = c.get("citationItems").map(cites_of).unwrap_or_default();
        stored.insert(id.clone(), (cites, note));
        let mut order = Vec::new();
        for (list, is_pre) in [(pre, true), (post, false)] {
            if !is_pre {
                order.push(id.clone());
            }
            for pair in list {
                let pid = pair
                    .get(0)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let pnote = pair.get(1).and_then(Value::as_u64).unwrap_or(0) as usize;
                if let Some(st) = stored.get_mut(&pid) {
                    st.1 = pnote;
                }
                order.push(pid);
            }
        }
        order.retain(|o| stored.contains_key(o));
        // Items registered in the order the document first cites them.
        let mut cited: Vec<Item> = Vec::new();
        for o in &order {
            for cite in &stored[o].0 {
                if !cited.iter().any(|it| it.id == cite.id) {
                    if let Some(it) = items.iter().find(|it| it.id == cite.id) {
                        cited.push(it.clone());
                    }
                }
            }
        }
        let registry = Registry::new(csl, None, &|lang| locales.get(lang), cited)
            .map_err(|e| Outcome::Fail(String::new(), format!("ERROR {e}")))?;
        let cites: Vec<Vec<CiteRequest>> = order.iter().map(|o| stored[o].0.clone()).collect();
        let notes: Vec<usize> = order.iter().map(|o| stored[o].1).collect();
        let texts = registry
            .document(&cites, &notes, Format::Html)
            .map_err(|e| Outcome::Fail(String::new(), format!("ERROR {e}")))?;
        let rendered: Vec<(String, String)> = order.into_iter().zip(texts).collect();
        if k + 1 < calls.len() {
            before = rendered.iter().cloned().collect();
        } else {
            last = rendered;
            registry_last = Some(registry);
        }
    }
    if mode == "bibliography" {
        let Some(r) = registry_last else {
            return Ok(String::new());
        };
        return Ok(bibliography_html(&r));
    }
    let new_id = calls
        .last()
        .and_then(|c| c.pointer("/0/citationID"))
        .and_then(Value::as_str)
        .unwrap_or("");
    Ok(last
        .iter()
        .enumerate()
        .map(|(i, (id, text))| {
            let changed = id == new_id || before.get(id) != Some(text);
            format!("{}[{i}] {text}", if changed { ">>" } else { ".." })
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// A bibliography as citeproc-js writes it in HTML.
fn bibliography_html(registry: &Registry) -> String {
    match registry.bibliography(Format::Html) {
        Ok(entries) => {
            let mut out = String::from("<div class=\"csl-bib-body\">\n");
            for e in entries {
                out.push_str("  ");
                out.push_str(&e);
                out.push('\n');
            }
            out.push_str("</div>");
            out
        }
        Err(e) => format!("ERROR {e}"),
    }
}

/// The cites of one citation from CITATION-ITEMS (a list of cite objects).
fn cites_of(v: &Value) -> Vec<CiteRequest> {
    let Some(list) = v.as_array() else {
        return Vec::new();
    };
    list.iter()
        .map(|c| {
            let text = |k: &str| match c.get(k) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            };
            CiteRequest {
                id: text("id").unwrap_or_default(),
                locator: text("locator"),
                label: text("label"),
                prefix: text("prefix").unwrap_or_default(),
                suffix: text("suffix").unwrap_or_default(),
                position: c.get("position").and_then(Value::as_i64),
                near_note: c.get("near-note").and_then(Value::as_bool).unwrap_or(false),
                first_reference_note_number: c
                    .get("first-reference-note-number")
                    .and_then(Value::as_u64)
                    .map(|n| n as usize),
            }
        })
        .collect()
}

/// Locale files by language tag: the crate's `csl/` and the shared archive of all locales.
struct Locales {
    dirs: Vec<PathBuf>,
}

impl Locales {
    fn new() -> Locales {
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![crate_dir.join("csl")];
        let unpacked = crate_dir.join("target").join("csl-suite-locales");
        let archive = std::fs::read_dir(crate_dir.join("../shared/csl-all"))
            .ok()
            .and_then(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .find(|p| p.to_string_lossy().contains("locales-"))
            });
        if let Some(archive) = archive {
            if !unpacked.join("locales-en-US.xml").exists()
                && std::fs::create_dir_all(&unpacked).is_ok()
            {
                let _ = std::process::Command::new("tar")
                    .arg("-xJf")
                    .arg(&archive)
                    .arg("-C")
                    .arg(&unpacked)
                    .status();
            }
            dirs.push(unpacked);
        }
        Locales { dirs }
    }

    /// The locale XML for a tag (`de` finds `de-DE` through the primary dialects).
    fn get(&self, lang: &str) -> Option<String> {
        let primary = match lang {
            "de" => "de-DE",
            "en" => "en-US",
            "fr" => "fr-FR",
            "es" => "es-ES",
            "it" => "it-IT",
            "ja" => "ja-JP",
            "zh" => "zh-CN",
            "pt" => "pt-PT",
            "nl" => "nl-NL",
            "ru" => "ru-RU",
            other => other,
        };
        self.dirs
            .iter()
            .find_map(|d| std::fs::read_to_string(d.join(format!("locales-{primary}.xml"))).ok())
    }
}

/// Prints the pass counts by mode and area, and the skips by reason.
pub fn print(report: &Report, verbose: bool) {
    if verbose {
        for (name, mode, o) in &report.results {
            if let Outcome::Fail(want, got) = o {
                println!("FAIL {name} ({mode})\n  want: {want:?}\n  got:  {got:?}");
            }
        }
    }
    let row = |k: &str, t: &Tally| {
        let run = t.pass + t.fail;
        println!(
            "{k:<16} {:>5} {:>5} {:>5} {:>6}",
            t.pass,
            run,
            t.skip,
            if run > 0 {
                format!("{:.0}%", 100.0 * t.pass as f64 / run as f64)
            } else {
                "-".into()
            }
        );
    };
    println!(
        "{:<16} {:>5} {:>5} {:>5} {:>6}",
        "mode", "pass", "run", "skip", "rate"
    );
    let mut all = Tally::default();
    for (k, t) in &report.by_mode {
        row(k, t);
        all.pass += t.pass;
        all.fail += t.fail;
        all.skip += t.skip;
    }
    row("all", &all);
    println!();
    println!(
        "{:<16} {:>5} {:>5} {:>5} {:>6}",
        "area", "pass", "run", "skip", "rate"
    );
    for (k, t) in &report.by_area {
        row(k, t);
    }
    println!();
    for (why, n) in &report.skips {
        println!("skipped {n:>4}: {why}");
    }
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--only"))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/csl-test-suite")
        });
    if !fixtures_dir(&dir).is_dir() {
        eprintln!("no CSL test suite at {}", dir.display());
        std::process::exit(2);
    }
    let report = run(&dir, only.as_deref());
    print(&report, verbose);
}
