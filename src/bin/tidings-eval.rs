//! `tidings-eval`: measures extraction quality against expected texts and
//! metadata, optionally next to Mozilla Readability.js and trafilatura run
//! on the same pages in the same command.
//!
//! ```text
//! cargo run --release --bin tidings-eval -- DIR [DIR...] [--readability] [--trafilatura] [--peers] [--json out.json] [--worst N]
//! ```
//!
//! The layouts a DIR may have and how each is scored are described in
//! `tidings-eval/corpus.rs` (shared with `tests/corpora.rs`); the token
//! scorer is `tidings-eval/score.rs`.

#[path = "tidings-eval/blocks.rs"]
mod blocks;
#[path = "tidings-eval/corpus.rs"]
mod corpus;
#[path = "tidings-eval/score.rs"]
mod score;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use corpus::{load_dir, run_tidings, score, summarize, Got, Layout, Page, Scored, Summary, FIELDS};
use serde_json::{json, Value};

const USAGE: &str = "\
Usage: tidings-eval DIR [DIR...] [--readability] [--trafilatura] [--peers]
                    [--json OUT.json] [--worst N]

Scores tidings (and its peers, in the same run) on corpus folders:
  <slug>/source.html + expected.txt + meta.json               (tests/fixtures/pages)
  <slug>/source.html + expected.html + expected-metadata.json (Mozilla's test pages)
  expected.json + fixtures/*.html                             (Mercury's fixtures)
  html/*.html + txt/<stem>.txt + metadata/<stem>.json         (newspaper4k's test data)

Body: token F1 against the expected text; on Mercury's pages, 1 when its
expected first words begin within our first 60 tokens, else 0 (rule in
corpus.rs: first_words_match). Pages with no
expected body count only for refusal (\"no article\": an error or no text).
Metadata: agreement per field (title, authors, published day and time, lang,
siteName, readerable) over the pages that give a value.

  --readability   also run Mozilla Readability.js (node tools/readability/run.mjs;
                  needs `npm ci --prefix tools/readability`, run for you if missing)
  --trafilatura   also run trafilatura (tools/trafilatura/run.py, in a virtualenv
                  at tools/trafilatura/.venv made for you from requirements.txt)
  --peers         both of the above
  --json FILE     write every page's scores for every tool, and the means, to FILE
  --worst N       how many lowest-scoring pages to list per DIR (default 10)";

/// A peer extractor run in its own process.
#[derive(Clone, Copy, PartialEq)]
enum Peer {
    Readability,
    Trafilatura,
}

impl Peer {
    fn name(self) -> &'static str {
        match self {
            Peer::Readability => "Readability.js",
            Peer::Trafilatura => "trafilatura",
        }
    }
    fn short(self) -> &'static str {
        match self {
            Peer::Readability => "rjs",
            Peer::Trafilatura => "traf",
        }
    }
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
    let mut peers = Vec::new();
    let mut json_out = None;
    let mut worst = 10usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--readability" => peers.push(Peer::Readability),
            "--trafilatura" => peers.push(Peer::Trafilatura),
            "--peers" => peers.extend([Peer::Readability, Peer::Trafilatura]),
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
    peers.sort_by_key(|p| *p as u8);
    peers.dedup();

    let mut sets = Vec::new();
    for dir in &dirs {
        let (layout, pages) = load_dir(dir)?;
        sets.push((dir.clone(), layout, pages));
    }

    // Peers run in their own processes, alongside ours.
    let items: Vec<Value> = sets
        .iter()
        .flat_map(|(_, _, pages)| pages.iter())
        .map(|p| json!({"file": p.source.to_string_lossy(), "url": p.url}))
        .collect();
    let mut handles = Vec::new();
    for &peer in &peers {
        handles.push((peer, spawn_peer(peer, &items)?));
    }

    let ours: Vec<Vec<Got>> = sets
        .iter()
        .map(|(_, _, pages)| pages.iter().map(run_tidings).collect())
        .collect();
    let mut peer_out: Vec<(Peer, HashMap<String, Got>)> = Vec::new();
    for (peer, h) in handles {
        let out = h
            .join()
            .map_err(|_| format!("{} reader thread panicked", peer.name()))??;
        peer_out.push((peer, out));
    }

    let mut report = Vec::new();
    for ((dir, layout, pages), ours) in sets.iter().zip(ours) {
        let mut tools = vec![Tool::new("tidings", "tidings", *layout, pages, ours)];
        for (peer, out) in &peer_out {
            let got = pages
                .iter()
                .map(|p| {
                    out.get(&*p.source.to_string_lossy())
                        .cloned()
                        .unwrap_or_else(|| Got {
                            error: Some(format!("missing from {} output", peer.name())),
                            ..Got::default()
                        })
                })
                .collect();
            tools.push(Tool::new(peer.name(), peer.short(), *layout, pages, got));
        }
        report.push(print_dir(dir, *layout, pages, &tools, worst));
    }

    if let Some(path) = json_out {
        let doc = json!({ "dirs": report });
        let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
        println!("\nwrote {path}");
    }
    Ok(())
}

/// One extractor's results and scores over one DIR.
struct Tool {
    name: &'static str,
    short: &'static str,
    got: Vec<Got>,
    scored: Vec<Scored>,
    summary: Summary,
}

impl Tool {
    fn new(
        name: &'static str,
        short: &'static str,
        layout: Layout,
        pages: &[Page],
        got: Vec<Got>,
    ) -> Tool {
        let scored: Vec<Scored> = pages
            .iter()
            .zip(&got)
            .map(|(p, g)| score(layout, &p.expected, g))
            .collect();
        let summary = summarize(pages, &scored, &got);
        Tool {
            name,
            short,
            got,
            scored,
            summary,
        }
    }
}

// ------------------------------------------------------------------ peers

type PeerHandle = std::thread::JoinHandle<Result<HashMap<String, Got>, String>>;

/// Starts a peer's runner on all pages (a JSON list of {file, url} on its
/// stdin, one JSON line per file on its stdout); the handle yields its
/// results by file.
fn spawn_peer(peer: Peer, items: &[Value]) -> Result<PeerHandle, String> {
    let mut cmd = match peer {
        Peer::Readability => readability_command()?,
        Peer::Trafilatura => trafilatura_command()?,
    };
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", peer.name()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let input = serde_json::to_vec(items).map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let stdout = child.stdout.take().ok_or("no stdout")?;
    Ok(std::thread::spawn(move || {
        let mut out = HashMap::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| e.to_string())?;
            let Ok(v) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            let s = |k: &str| {
                v.get(k)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .filter(|s| !s.trim().is_empty())
            };
            let got = match peer {
                Peer::Readability => Got {
                    error: s("error"),
                    text: s("text").unwrap_or_default(),
                    title: s("title"),
                    byline: s("byline"),
                    published: s("publishedTime"),
                    lang: s("lang"),
                    site_name: s("siteName"),
                    readerable: v
                        .get("readerable")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    ms: v.get("ms").and_then(Value::as_f64).unwrap_or(0.0),
                    ..Got::default()
                },
                // trafilatura has no readerable verdict: an article it
                // extracts counts as readerable.
                Peer::Trafilatura => Got {
                    error: s("error"),
                    text: s("text").unwrap_or_default(),
                    title: s("title"),
                    byline: s("author"),
                    published: s("date"),
                    day_only: true,
                    lang: s("language"),
                    site_name: s("sitename"),
                    readerable: v.get("error").is_none_or(Value::is_null),
                    ms: v.get("ms").and_then(Value::as_f64).unwrap_or(0.0),
                    ..Got::default()
                },
            };
            out.insert(s("file").unwrap_or_default(), got);
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("{} runner exited with {status}", peer.name()));
        }
        Ok(out)
    }))
}

/// `node tools/readability/run.mjs`, after `npm ci` when its modules are missing.
fn readability_command() -> Result<Command, String> {
    let tool = find_tool_dir("readability", "run.mjs")?;
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
            .is_ok_and(|s| s.success());
        if !ok {
            return Err(format!(
                "npm ci failed: run `npm ci --prefix {}` yourself (Node.js 20.19+ needed)",
                tool.display()
            ));
        }
    }
    let node = std::env::var("TIDINGS_NODE").unwrap_or_else(|_| "node".into());
    let mut cmd = Command::new(node);
    cmd.arg(tool.join("run.mjs"));
    Ok(cmd)
}

/// `tools/trafilatura/.venv/bin/python run.py`, making the virtualenv from
/// the pinned requirements.txt when it is missing.
fn trafilatura_command() -> Result<Command, String> {
    let tool = find_tool_dir("trafilatura", "run.py")?;
    let venv = tool.join(".venv");
    let python = venv.join("bin/python");
    if !python.is_file() {
        eprintln!(
            "tidings-eval: making {} (pip install -r requirements.txt)",
            venv.display()
        );
        let py = std::env::var("TIDINGS_PYTHON").unwrap_or_else(|_| "python3".into());
        let ok = Command::new(&py)
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "-r"])
                .arg(tool.join("requirements.txt"))
                .status()
                .is_ok_and(|s| s.success());
        if !ok {
            let _ = std::fs::remove_dir_all(&venv);
            return Err(format!(
                "could not make {} ({py} -m venv, then pip install -r requirements.txt)",
                venv.display()
            ));
        }
    }
    let mut cmd = Command::new(python);
    cmd.arg(tool.join("run.py"));
    Ok(cmd)
}

fn find_tool_dir(name: &str, script: &str) -> Result<PathBuf, String> {
    let candidates = [
        Path::new("tools").join(name),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tools")
            .join(name),
    ];
    candidates
        .into_iter()
        .find(|p| p.join(script).is_file())
        .ok_or_else(|| format!("tools/{name}/{script} not found (run from the repository root)"))
}

// ------------------------------------------------------------------ report

fn field_line(s: &Summary) -> (String, Vec<Value>) {
    let mut parts = Vec::new();
    let mut js = Vec::new();
    for (name, &(right, of)) in FIELDS.iter().zip(&s.fields) {
        match s.field_rate(name) {
            None => parts.push(format!("{name} –")),
            Some(r) => parts.push(format!("{name} {right}/{of} ({:.0}%)", 100.0 * r)),
        }
        js.push(json!({"field": name, "right": right, "of": of}));
    }
    (parts.join("  "), js)
}

fn fmt3(x: Option<f64>) -> String {
    x.map_or_else(|| "    -".to_string(), |v| format!("{v:>5.3}"))
}

fn print_dir(dir: &Path, layout: Layout, pages: &[Page], tools: &[Tool], worst: usize) -> Value {
    let name = dir.display().to_string();
    let width = pages
        .iter()
        .map(|p| p.slug.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    let body_name = if layout == Layout::Mercury {
        "first words found"
    } else {
        "token F1"
    };

    println!("\n== {name} ({} pages, {}) ==", pages.len(), layout.name());
    let mut head = format!("{:<width$}", "page");
    for t in tools {
        head += &format!(
            "  | {:<7} {:>5} {:>5} {:>5} {:>7}",
            t.short, "P", "R", "body", "ms"
        );
    }
    println!("{head}  note");
    let mut rows = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let slug: String = p.slug.chars().take(width).collect();
        let mut line = format!("{slug:<width$}");
        let mut row = json!({"page": p.slug, "url": p.url});
        let mut notes = Vec::new();
        if !p.expected.article {
            notes.push("non-article".to_string());
        } else if p.expected.text.is_none() && p.expected.first_words.is_none() {
            notes.push("no expected body".to_string());
        }
        for t in tools {
            let (s, g) = (&t.scored[i], &t.got[i]);
            line += &format!(
                "  | {:<7} {} {} {} {:>7.1}",
                "",
                fmt3(s.prf.map(|p| p.precision)),
                fmt3(s.prf.map(|p| p.recall)),
                fmt3(s.body),
                g.ms
            );
            row[t.short] = json!({
                "precision": s.prf.map(|p| p.precision),
                "recall": s.prf.map(|p| p.recall),
                "body": s.body, "refused": s.refused, "ms": g.ms, "error": g.error,
                "fields": FIELDS.iter().zip(&s.fields)
                    .map(|(f, v)| (f.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
            });
            if let Some(e) = &g.error {
                notes.push(format!("{}: {e}", t.short));
            } else if s.refused {
                notes.push(format!("{}: no text", t.short));
            }
        }
        println!("{line}  {}", notes.join(", "));
        rows.push(row);
    }

    let mut summary = json!({"dir": name, "layout": layout.name(), "pages": pages.len(),
        "body": body_name});
    println!(
        "body ({body_name}), mean over {} pages with an expected body:",
        tools[0].summary.body_pages
    );
    for t in tools {
        let s = &t.summary;
        let pr = if layout == Layout::Mercury {
            String::new()
        } else {
            format!("  (P {:.3}  R {:.3})", s.precision, s.recall)
        };
        println!(
            "  {:<15} {:.3}{pr}  median {:.1} ms",
            t.name, s.body, s.median_ms
        );
    }
    println!("metadata agreement:");
    for t in tools {
        let (line, _) = field_line(&t.summary);
        println!("  {:<15} {line}", t.name);
    }
    println!("refusals (\"no article\" on an article page):");
    for t in tools {
        let s = &t.summary;
        let mut line = format!("  {:<15} {}/{}", t.name, s.refused.len(), s.articles);
        if !s.refused.is_empty() {
            line += &format!(": {}", s.refused.join(", "));
        }
        if s.non_articles > 0 {
            line += &format!(
                "   [non-article pages refused, rightly: {}/{}]",
                s.non_article_refused, s.non_articles
            );
        }
        println!("{line}");
    }
    let mut js_tools = serde_json::Map::new();
    for t in tools {
        let s = &t.summary;
        let (_, fields) = field_line(s);
        js_tools.insert(
            t.short.to_string(),
            json!({"body": s.body, "bodyPages": s.body_pages, "precision": s.precision,
                "recall": s.recall, "medianMs": s.median_ms, "refused": s.refused,
                "articles": s.articles, "nonArticleRefused": s.non_article_refused,
                "nonArticles": s.non_articles, "fields": fields}),
        );
    }
    summary["tools"] = Value::Object(js_tools);

    // Lowest body scores of ours.
    let ours = &tools[0];
    let mut order: Vec<usize> = (0..pages.len())
        .filter(|&i| ours.scored[i].body.is_some_and(|b| b < 0.999))
        .collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (ours.scored[a].body, ours.scored[b].body);
        x.unwrap_or(1.0).total_cmp(&y.unwrap_or(1.0))
    });
    if !order.is_empty() {
        println!("pages where tidings differs most from expected:");
    }
    for &i in order.iter().take(worst) {
        let (s, g) = (&ours.scored[i], &ours.got[i]);
        let why = match s.prf {
            _ if g.error.is_some() => format!("error {}", g.error.as_deref().unwrap_or("")),
            _ if s.refused => "no text".into(),
            None => "first words not at the start".into(),
            Some(p) if p.recall < 0.5 && p.precision >= 0.8 => "missed much of the body".into(),
            Some(p) if p.precision < 0.5 && p.recall >= 0.8 => "kept much besides the body".into(),
            Some(p) if p.f1 < 0.5 => "mostly the wrong text".into(),
            Some(p) if p.recall < p.precision => "missed some body text".into(),
            Some(_) => "kept some extra text".into(),
        };
        let peers: String = tools[1..]
            .iter()
            .map(|t| format!("  ({} {})", t.short, fmt3(t.scored[i].body).trim()))
            .collect();
        println!(
            "  {:<width$}  body {}  {why}{peers}",
            pages[i].slug,
            fmt3(s.body)
        );
    }
    summary["pageScores"] = json!(rows);
    summary
}
