//! `tidings-eval`: measures extraction quality against expected texts and
//! metadata, optionally next to Mozilla Readability.js run on the same pages.
//!
//! ```text
//! cargo run --release --bin tidings-eval -- DIR [DIR...] [--readability] [--json out.json] [--worst N]
//! ```
//!
//! A DIR holds page folders in one of two layouts:
//! - our fixtures: `<slug>/{source.html, expected.txt, meta.json}`;
//! - Mozilla's test pages: `<slug>/{source.html, expected.html, expected-metadata.json}`
//!   (pages with `"readerable": false` count as non-article pages: the right
//!   answer is no article).
//!
//! Body text is scored as bags of tokens (see `score.rs`): precision, recall
//! and F1. An extraction error scores 0, except `no-article` on a non-article
//! page, which is the right answer and scores 1.

#[path = "tidings-eval/blocks.rs"]
mod blocks;
#[path = "tidings-eval/score.rs"]
mod score;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use blocks::block_text;
use score::{normalize_ws, prf, same_time, Prf};
use serde_json::{json, Value};

const USAGE: &str = "\
Usage: tidings-eval DIR [DIR...] [--readability] [--json OUT.json] [--worst N]

Scores tidings (and Readability.js with --readability) on page folders:
  <slug>/source.html + expected.txt + meta.json               (tests/fixtures/pages)
  <slug>/source.html + expected.html + expected-metadata.json (Mozilla's test pages)

  --readability   also run Mozilla Readability.js (node tools/readability/run.mjs;
                  needs `npm ci --prefix tools/readability`, run for you if missing)
  --json FILE     write every page's scores and the means to FILE
  --worst N       how many lowest-F1 pages to list per DIR (default 10)";

/// The URL Readability's own test suite gives its pages.
const FAKEHOST: &str = "http://fakehost/test/page.html";

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Fixtures,
    Mozilla,
}

/// What a page should give.
#[derive(Default)]
struct Expected {
    text: String,
    /// A non-article page: the right answer is "no article".
    empty: bool,
    title: Option<String>,
    /// Fixtures: authors in display form.
    authors: Option<Vec<String>>,
    /// Mozilla pages: the byline.
    byline: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    site_name: Option<String>,
    readerable: Option<bool>,
}

struct Page {
    slug: String,
    source: PathBuf,
    url: String,
    expected: Expected,
}

/// What one extractor gave for a page.
#[derive(Default, Clone)]
struct Got {
    error: Option<String>,
    text: String,
    title: Option<String>,
    byline: Option<String>,
    /// None for extractors that only give a byline string.
    authors: Option<Vec<String>>,
    published: Option<String>,
    lang: Option<String>,
    site_name: Option<String>,
    readerable: bool,
    ms: f64,
}

const FIELDS: [&str; 6] = [
    "title",
    "authors",
    "publishedTime",
    "lang",
    "siteName",
    "readerable",
];

struct Scored {
    prf: Prf,
    /// Per field of [`FIELDS`]: None where no expected value exists.
    fields: [Option<bool>; 6],
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tidings-eval: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let mut dirs = Vec::new();
    let mut readability = false;
    let mut json_out = None;
    let mut worst = 10usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--readability" => readability = true,
            "--json" => json_out = Some(it.next().ok_or("--json needs a file")?.clone()),
            "--worst" => {
                worst = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--worst needs a number")?
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n\n{USAGE}")),
            s => dirs.push(PathBuf::from(s)),
        }
    }
    if dirs.is_empty() {
        return Err(format!("no DIR given\n\n{USAGE}"));
    }

    let mut sets = Vec::new();
    for dir in &dirs {
        let (layout, pages) = load_dir(dir)?;
        sets.push((dir.clone(), layout, pages));
    }

    // Readability.js runs in its own process, alongside ours.
    let rjs = if readability {
        let items: Vec<Value> = sets
            .iter()
            .flat_map(|(_, _, pages)| pages.iter())
            .map(|p| json!({"file": p.source.to_string_lossy(), "url": p.url}))
            .collect();
        Some(spawn_readability(items)?)
    } else {
        None
    };

    let mut ours: Vec<Vec<Got>> = Vec::new();
    for (_, _, pages) in &sets {
        ours.push(pages.iter().map(run_tidings).collect());
    }
    let rjs: Option<HashMap<String, Got>> = match rjs {
        Some(h) => Some(
            h.join()
                .map_err(|_| "Readability.js reader thread panicked")??,
        ),
        None => None,
    };

    let mut report = Vec::new();
    for ((dir, layout, pages), ours) in sets.iter().zip(&ours) {
        let theirs: Option<Vec<Got>> = rjs.as_ref().map(|m| {
            pages
                .iter()
                .map(|p| {
                    m.get(&*p.source.to_string_lossy())
                        .cloned()
                        .unwrap_or_else(|| Got {
                            error: Some("missing from Readability.js output".into()),
                            ..Got::default()
                        })
                })
                .collect()
        });
        report.push(print_dir(
            dir,
            *layout,
            pages,
            ours,
            theirs.as_deref(),
            worst,
        ));
    }

    if let Some(path) = json_out {
        let doc = json!({ "dirs": report });
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        println!("\nwrote {path}");
    }
    Ok(())
}

// ------------------------------------------------------------------ loading

fn load_dir(dir: &Path) -> Result<(Layout, Vec<Page>), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut slugs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    slugs.sort();
    if slugs.is_empty() {
        return Err(format!("{}: no <slug>/source.html folders", dir.display()));
    }
    let layout = if slugs.iter().any(|p| p.join("expected.txt").is_file()) {
        Layout::Fixtures
    } else {
        Layout::Mozilla
    };
    let mut pages = Vec::new();
    for p in slugs {
        let slug = p.file_name().unwrap().to_string_lossy().into_owned();
        let page = match layout {
            Layout::Fixtures => load_fixture(&p, slug),
            Layout::Mozilla => load_mozilla(&p, slug),
        };
        match page {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(e) => eprintln!("tidings-eval: skipping {}: {e}", p.display()),
        }
    }
    Ok((layout, pages))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&s).map_err(|e| format!("{}: {e}", path.display()))
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn load_fixture(p: &Path, slug: String) -> Result<Option<Page>, String> {
    if !p.join("expected.txt").is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(p.join("expected.txt")).map_err(|e| e.to_string())?;
    let meta = if p.join("meta.json").is_file() {
        read_json(&p.join("meta.json"))?
    } else {
        Value::Null
    };
    let authors = meta.get("authors").and_then(|a| {
        serde_json::from_value::<Vec<tidings::Author>>(a.clone())
            .ok()
            .map(|v| v.iter().map(tidings::Author::display).collect())
    });
    let url = str_field(&meta, "url")
        .or_else(|| str_field(&meta, "canonicalUrl"))
        .unwrap_or_else(|| format!("https://example.org/{slug}/"));
    let readerable = meta.get("readerable").and_then(Value::as_bool);
    Ok(Some(Page {
        slug,
        source: p.join("source.html"),
        url,
        expected: Expected {
            empty: text.trim().is_empty() || readerable == Some(false),
            text,
            title: str_field(&meta, "title"),
            authors,
            byline: None,
            published: str_field(&meta, "publishedTime"),
            lang: str_field(&meta, "lang"),
            site_name: str_field(&meta, "siteName"),
            readerable,
        },
    }))
}

fn load_mozilla(p: &Path, slug: String) -> Result<Option<Page>, String> {
    if !p.join("expected.html").is_file() {
        return Ok(None);
    }
    let html = std::fs::read_to_string(p.join("expected.html")).map_err(|e| e.to_string())?;
    let meta = if p.join("expected-metadata.json").is_file() {
        read_json(&p.join("expected-metadata.json"))?
    } else {
        Value::Null
    };
    let readerable = meta.get("readerable").and_then(Value::as_bool);
    let empty = readerable == Some(false);
    Ok(Some(Page {
        slug,
        source: p.join("source.html"),
        url: FAKEHOST.to_string(),
        expected: Expected {
            text: if empty {
                String::new()
            } else {
                block_text(&html)
            },
            empty,
            title: str_field(&meta, "title"),
            authors: None,
            byline: str_field(&meta, "byline").filter(|b| !b.trim().is_empty()),
            published: str_field(&meta, "publishedTime"),
            lang: str_field(&meta, "lang"),
            site_name: str_field(&meta, "siteName"),
            readerable,
        },
    }))
}

// ------------------------------------------------------------------ extractors

fn run_tidings(page: &Page) -> Got {
    let bytes = match std::fs::read(&page.source) {
        Ok(b) => b,
        Err(e) => {
            return Got {
                error: Some(format!("read: {e}")),
                ..Got::default()
            }
        }
    };
    let options = tidings::Options::default();
    let t0 = Instant::now();
    let res =
        std::panic::catch_unwind(|| tidings::extract_bytes(&bytes, Some(&page.url), &options));
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    match res {
        Err(_) => Got {
            error: Some("panic".into()),
            ms,
            ..Got::default()
        },
        Ok(Err(e)) => Got {
            error: Some(e.code().to_string()),
            ms,
            ..Got::default()
        },
        Ok(Ok(a)) => Got {
            error: None,
            title: Some(a.title.clone()),
            byline: a.byline.clone(),
            authors: Some(a.authors.iter().map(tidings::Author::display).collect()),
            published: a.published_time.clone(),
            lang: a.lang.clone(),
            site_name: a.site_name.clone(),
            readerable: a.readerable,
            text: a.text,
            ms,
        },
    }
}

type RjsHandle = std::thread::JoinHandle<Result<HashMap<String, Got>, String>>;

/// Starts `node tools/readability/run.mjs` on all pages; the handle yields its results.
fn spawn_readability(items: Vec<Value>) -> Result<RjsHandle, String> {
    let tool = find_tool_dir()?;
    if !tool.join("node_modules/@mozilla/readability").is_dir()
        || !tool.join("node_modules/jsdom").is_dir()
    {
        eprintln!(
            "tidings-eval: {}/node_modules is missing; running `npm ci --prefix {}`",
            tool.display(),
            tool.display()
        );
        let ok = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tool)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            return Err(format!(
                "npm ci failed: run `npm ci --prefix {}` yourself (Node.js 20.19+ needed)",
                tool.display()
            ));
        }
    }
    let node = std::env::var("TIDINGS_NODE").unwrap_or_else(|_| "node".into());
    let mut child = Command::new(&node)
        .arg(tool.join("run.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {node}: {e} (install Node.js 20.19+)"))?;
    let mut stdin = child.stdin.take().unwrap();
    let input = serde_json::to_vec(&items).unwrap();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let stdout = child.stdout.take().unwrap();
    Ok(std::thread::spawn(move || {
        let mut out = HashMap::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| e.to_string())?;
            let Ok(v) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            let file = str_field(&v, "file").unwrap_or_default();
            let got = Got {
                error: str_field(&v, "error"),
                text: str_field(&v, "text").unwrap_or_default(),
                title: str_field(&v, "title"),
                byline: str_field(&v, "byline"),
                authors: None,
                published: str_field(&v, "publishedTime"),
                lang: str_field(&v, "lang"),
                site_name: str_field(&v, "siteName"),
                readerable: v
                    .get("readerable")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                ms: v.get("ms").and_then(Value::as_f64).unwrap_or(0.0),
            };
            out.insert(file, got);
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("Readability.js runner exited with {status}"));
        }
        Ok(out)
    }))
}

fn find_tool_dir() -> Result<PathBuf, String> {
    let candidates = [
        PathBuf::from("tools/readability"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/readability"),
    ];
    candidates
        .into_iter()
        .find(|p| p.join("run.mjs").is_file())
        .ok_or_else(|| "tools/readability/run.mjs not found (run from the repository root)".into())
}

// ------------------------------------------------------------------ scoring

fn score(layout: Layout, exp: &Expected, got: &Got) -> Scored {
    // "No article" is an error, or an article flagged as not readerable.
    let says_none = got.error.is_some() || !got.readerable;
    let prf = if exp.empty {
        if says_none {
            Prf::ONE
        } else {
            score::prf(&got.text, "")
        }
    } else if got.error.is_some() {
        Prf::ZERO
    } else {
        prf(&got.text, &exp.text)
    };
    let ok = got.error.is_none();
    let lower = |s: &str| normalize_ws(s).to_lowercase();
    let title = exp
        .title
        .as_ref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            ok && got
                .title
                .as_deref()
                .is_some_and(|g| normalize_ws(g) == normalize_ws(t))
        });
    let authors = match layout {
        Layout::Fixtures => exp.authors.as_ref().map(|want| match (&got.authors, ok) {
            (_, false) => want.is_empty(),
            (Some(have), true) => have == want,
            // A byline string only: every expected name in it, or both empty.
            (None, true) => {
                let b = lower(got.byline.as_deref().unwrap_or(""));
                if want.is_empty() {
                    b.is_empty()
                } else {
                    want.iter().all(|w| b.contains(&lower(w)))
                }
            }
        }),
        Layout::Mozilla => exp.byline.as_ref().map(|want| {
            let (w, g) = (lower(want), lower(got.byline.as_deref().unwrap_or("")));
            ok && !g.is_empty() && (w.contains(&g) || g.contains(&w))
        }),
    };
    let published = exp.published.as_ref().map(|want| {
        ok && got.published.as_deref().is_some_and(|g| match layout {
            Layout::Fixtures => g == want,
            Layout::Mozilla => same_time(g, want),
        })
    });
    let lang = exp.lang.as_ref().map(|want| {
        ok && got
            .lang
            .as_deref()
            .is_some_and(|g| g.trim().eq_ignore_ascii_case(want.trim()))
    });
    let site = exp.site_name.as_ref().map(|want| {
        ok && got
            .site_name
            .as_deref()
            .is_some_and(|g| normalize_ws(g) == normalize_ws(want))
    });
    let readerable = exp.readerable.map(|want| (ok && got.readerable) == want);
    Scored {
        prf,
        fields: [title, authors, published, lang, site, readerable],
    }
}

// ------------------------------------------------------------------ report

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 {
        0.0
    } else {
        s / n as f64
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn note(exp: &Expected, got: &Got) -> String {
    let mut n = Vec::new();
    if exp.empty {
        n.push("non-article".to_string());
    }
    if let Some(e) = &got.error {
        n.push(format!("tidings: {e}"));
    } else if !got.readerable {
        n.push("tidings: not readerable".into());
    }
    n.join(", ")
}

fn field_line(scored: &[Scored]) -> (String, Vec<Value>) {
    let mut parts = Vec::new();
    let mut js = Vec::new();
    for (i, name) in FIELDS.iter().enumerate() {
        let vals: Vec<bool> = scored.iter().filter_map(|s| s.fields[i]).collect();
        let right = vals.iter().filter(|&&v| v).count();
        if vals.is_empty() {
            parts.push(format!("{name} –"));
        } else {
            parts.push(format!(
                "{name} {right}/{} ({:.0}%)",
                vals.len(),
                100.0 * right as f64 / vals.len() as f64
            ));
        }
        js.push(json!({"field": name, "right": right, "of": vals.len()}));
    }
    (parts.join("  "), js)
}

fn print_dir(
    dir: &Path,
    layout: Layout,
    pages: &[Page],
    ours: &[Got],
    theirs: Option<&[Got]>,
    worst: usize,
) -> Value {
    let name = dir.display().to_string();
    let ours_s: Vec<Scored> = pages
        .iter()
        .zip(ours)
        .map(|(p, g)| score(layout, &p.expected, g))
        .collect();
    let theirs_s: Option<Vec<Scored>> = theirs.map(|t| {
        pages
            .iter()
            .zip(t)
            .map(|(p, g)| score(layout, &p.expected, g))
            .collect()
    });
    let width = pages
        .iter()
        .map(|p| p.slug.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);

    println!(
        "\n== {name} ({} pages, {}) ==",
        pages.len(),
        match layout {
            Layout::Fixtures => "fixtures",
            Layout::Mozilla => "Readability test pages",
        }
    );
    let mut head = format!(
        "{:<width$}  {:>5} {:>5} {:>5} {:>7}",
        "page", "P", "R", "F1", "ms"
    );
    if theirs.is_some() {
        head += &format!("  | rjs {:>5} {:>5} {:>5} {:>7}", "P", "R", "F1", "ms");
    }
    println!("{head}  note");
    let mut rows = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let (s, g) = (&ours_s[i], &ours[i]);
        let slug: String = p.slug.chars().take(width).collect();
        let mut line = format!(
            "{slug:<width$}  {:>5.3} {:>5.3} {:>5.3} {:>7.1}",
            s.prf.precision, s.prf.recall, s.prf.f1, g.ms
        );
        let mut row = json!({
            "page": p.slug,
            "tidings": {"precision": s.prf.precision, "recall": s.prf.recall, "f1": s.prf.f1,
                        "ms": g.ms, "error": g.error, "fields": s.fields},
        });
        let mut notes = note(&p.expected, g);
        if let (Some(ts), Some(tg)) = (&theirs_s, theirs) {
            let (t, tg) = (&ts[i], &tg[i]);
            line += &format!(
                "  |     {:>5.3} {:>5.3} {:>5.3} {:>7.1}",
                t.prf.precision, t.prf.recall, t.prf.f1, tg.ms
            );
            row["readability"] = json!({"precision": t.prf.precision, "recall": t.prf.recall,
                "f1": t.prf.f1, "ms": tg.ms, "error": tg.error, "fields": t.fields});
            let sep = if notes.is_empty() { "" } else { "; " };
            if let Some(e) = &tg.error {
                notes += &format!("{sep}rjs: {e}");
            } else if !tg.readerable {
                notes += &format!("{sep}rjs: not readerable");
            }
        }
        println!("{line}  {notes}");
        rows.push(row);
    }

    let m = |s: &[Scored], f: fn(&Prf) -> f64| mean(s.iter().map(|x| f(&x.prf)));
    let ours_mean = (
        m(&ours_s, |p| p.precision),
        m(&ours_s, |p| p.recall),
        m(&ours_s, |p| p.f1),
    );
    let ours_ms = median(ours.iter().map(|g| g.ms).collect());
    let mut mean_line = format!(
        "{:<width$}  {:>5.3} {:>5.3} {:>5.3} {:>7.1}",
        "MEAN (ms: median)", ours_mean.0, ours_mean.1, ours_mean.2, ours_ms
    );
    let mut summary = json!({
        "dir": name,
        "pages": pages.len(),
        "tidings": {"precision": ours_mean.0, "recall": ours_mean.1, "f1": ours_mean.2,
                    "medianMs": ours_ms},
    });
    let (ours_fields, ours_fields_js) = field_line(&ours_s);
    summary["tidings"]["fields"] = json!(ours_fields_js);
    let mut their_fields = None;
    if let (Some(ts), Some(tg)) = (&theirs_s, theirs) {
        let tm = (m(ts, |p| p.precision), m(ts, |p| p.recall), m(ts, |p| p.f1));
        let tms = median(tg.iter().map(|g| g.ms).collect());
        mean_line += &format!(
            "  |     {:>5.3} {:>5.3} {:>5.3} {:>7.1}",
            tm.0, tm.1, tm.2, tms
        );
        let (line, js) = field_line(ts);
        their_fields = Some(line);
        summary["readability"] = json!({"precision": tm.0, "recall": tm.1, "f1": tm.2,
            "medianMs": tms, "fields": js});
    }
    println!("{mean_line}");
    println!("metadata, tidings:        {ours_fields}");
    if let Some(l) = their_fields {
        println!("metadata, Readability.js: {l}");
    }

    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| ours_s[a].prf.f1.total_cmp(&ours_s[b].prf.f1));
    println!("pages where we differ most from expected:");
    for &i in order.iter().take(worst) {
        let (s, g) = (&ours_s[i], &ours[i]);
        if s.prf.f1 >= 0.999 {
            break;
        }
        let why = if let Some(e) = &g.error {
            format!("error {e}")
        } else if pages[i].expected.empty {
            "non-article page, but we returned an article".into()
        } else if s.prf.recall < 0.5 && s.prf.precision >= 0.8 {
            "missed much of the body".into()
        } else if s.prf.precision < 0.5 && s.prf.recall >= 0.8 {
            "kept much besides the body".into()
        } else if s.prf.f1 < 0.5 {
            "mostly the wrong text".into()
        } else if s.prf.recall < s.prf.precision {
            "missed some body text".into()
        } else {
            "kept some extra text".into()
        };
        let theirs = theirs_s
            .as_ref()
            .map(|t| format!("  (rjs F1 {:.3})", t[i].prf.f1))
            .unwrap_or_default();
        println!(
            "  {:<width$}  F1 {:.3}  P {:.3}  R {:.3}  {why}{theirs}",
            pages[i].slug, s.prf.f1, s.prf.precision, s.prf.recall
        );
    }
    summary["pageScores"] = json!(rows);
    summary
}
