//! The `tidings` command line: the same core as the extension, over files.

use std::io::{Read, Write};
use std::process::ExitCode;

use tidings::{Article, InputKind, Options};

mod warc;

const USAGE: &str = "\
tidings — find the article in a web page, clean it, cite it

Usage:
  tidings extract [--url URL] [--format json|html|text|markdown|blocks] [--input html|text] [--force] [--pick PATH] [FILE|-]...
  tidings extract --warc [--force] [FILE.warc[.gz]|-]...
  tidings cite [--style ID|TITLE|FILE.csl] [--locale TAG] [--format text|html] [--form bibliography|citation] [--url URL] [--accessed YYYY-MM-DD] [FILE|-]
  tidings cite --style STYLE [--locale TAG] [--format text|html] [--form bibliography|citation] --csl-json FILE
  tidings styles [--search WORDS]
  tidings --help | --version

With several FILEs, `extract` writes JSON Lines (one object per file, with a
`file` field; failures as {\"file\", \"error\": {\"code\", \"message\"}}).
Exit status: 0 success, 1 no article found (or any file of a batch, or any
page of a WARC, failed), 2 unreadable or damaged input or bad usage.";

const EXTRACT_HELP: &str = "\
Usage: tidings extract [OPTIONS] [FILE|-]...

Finds the article in each page and prints it.

Options:
  --url URL          the page's address (resolves relative links; canonical URL)
  --format FORMAT    json (default), html, text or markdown; or blocks: the page
                     as inert HTML whose blocks carry their --pick PATH
                     (data-tidings-path)
  --input KIND       html (default) or text (a text dump of a page)
  --force            return the best candidate even if the page is not an article
  --warc             the FILEs are WARC files (plain or gzip per record): one
                     JSON line per HTML response with status 200, with `url`,
                     `warcRecordId` and `warcDate`; other records are skipped
                     and counted on standard error
  --pick PATH        take the block at PATH (as `--format blocks` writes it,
                     e.g. body>div:nth-of-type(2)>article:nth-of-type(1)) as the
                     article; exit 2 (pick-not-found) when the page has no such block
  -h, --help         this help

Reads standard input when no FILE (or `-`) is given. With several FILEs the
output is JSON Lines, one object per file in input order, each with `file`.
With --warc, a record that fails gives {\"url\", \"warcRecordId\", \"warcDate\",
\"error\": {\"code\", \"message\"}} and the run goes on; a damaged or truncated
file ends with {\"file\", \"error\": {\"code\": \"bad-warc\", …}} after all it held
before. Exit status: 0 all pages extracted, 1 some page failed, 2 a file
unreadable or damaged.";

const CITE_HELP: &str = "\
Usage: tidings cite [OPTIONS] [FILE|-]
       tidings cite --style STYLE [--format text|html] --csl-json FILE

Cites a page (or formats a CSL-JSON item) in a citation style.

Options:
  --style STYLE        apa (default), mla, chicago-notes, chicago-author-date,
                       chicago-notes-17, chicago-author-date-17, harvard, ieee,
                       gb7714, bibtex, ris, csl-json, wikipedia; any of the 10,857
                       official CSL styles by id, title or ISSN (see `tidings
                       styles --search WORDS`); or a CSL 1.0 file (FILE.csl; a
                       dependent style's parent comes from the catalog)
  --locale TAG         render in this locale (e.g. de-AT; default: the style's)
  --format FORMAT      text (default) or html
  --form FORM          bibliography (default: the reference-list entry) or
                       citation (the in-text citation, or a note style's
                       first full note)
  --url URL            the page's address
  --accessed DATE      access date YYYY-MM-DD (default: today, UTC)
  --csl-json FILE      format this CSL-JSON item (an object or an array of one)
  -h, --help           this help";

/// A failure of the command: message and exit status.
struct Failure {
    message: String,
    status: u8,
}

fn fail(status: u8, message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        status,
    }
}

fn main() -> ExitCode {
    // A bug must never print a panic trace: one line, exit 2.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        eprintln!("tidings: internal error: {msg}");
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(f) => {
            eprintln!("tidings: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    match args.first().map(String::as_str) {
        None => Err(fail(2, format!("missing command\n\n{USAGE}"))),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some("-V") | Some("--version") => {
            println!("tidings {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Some("extract") => extract_cmd(&args[1..]),
        Some("cite") => cite::cite_cmd(&args[1..]),
        Some("styles") => cite::styles_cmd(&args[1..]),
        Some(other) => Err(fail(2, format!("unknown command {other:?} (try --help)"))),
    }
}

/// Parsed flags: `--name value` pairs, switches and positional arguments.
#[derive(Default)]
struct Flags {
    values: Vec<(String, String)>,
    switches: Vec<String>,
    positional: Vec<String>,
    help: bool,
}

impl Flags {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Flags, Failure> {
        let mut f = Flags::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "-h" || a == "--help" {
                f.help = true;
            } else if a == "-" || !a.starts_with("--") {
                f.positional.push(a.clone());
            } else {
                let (name, inline) = match a.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (a.as_str(), None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| fail(2, format!("{name} needs a value")))?,
                    };
                    f.values.push((name.to_string(), v));
                } else if switches.contains(&name) {
                    f.switches.push(name.to_string());
                } else {
                    return Err(fail(2, format!("unknown option {name} (try --help)")));
                }
            }
        }
        Ok(f)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| fail(2, format!("cannot read standard input: {e}")))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| fail(2, format!("cannot read {path}: {e}")))
    }
}

/// Exit status for an extraction error: 1 when there is no article, 2 when the input is unusable.
fn status_of(e: &tidings::Error) -> u8 {
    match e.kind() {
        tidings::ErrorKind::NoArticle => 1,
        _ => 2,
    }
}

fn extract_one(
    bytes: &[u8],
    url: Option<&str>,
    options: &Options,
) -> Result<Article, tidings::Error> {
    extract_page(bytes, None, url, options)
}

/// One page, with the charset its transport named (a WARC record's HTTP head).
fn extract_page(
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, tidings::Error> {
    // A bug in the core must not end a batch: it becomes an `internal` error for this page.
    match std::panic::catch_unwind(|| {
        tidings::extract_bytes_with_charset(bytes, charset, url, options)
    }) {
        Ok(r) => r.inspect(|a| {
            for w in &a.warnings {
                eprintln!("tidings: warning: {w}");
            }
        }),
        Err(_) => Err(tidings::Error::internal(
            "the extractor failed on this page (a bug; please report it)",
        )),
    }
}

fn extract_cmd(args: &[String]) -> Result<ExitCode, Failure> {
    let flags = Flags::parse(
        args,
        &["--url", "--format", "--input", "--pick"],
        &["--force", "--warc"],
    )?;
    if flags.help {
        println!("{EXTRACT_HELP}");
        return Ok(ExitCode::SUCCESS);
    }
    let format = flags.value("--format").unwrap_or("json");
    if !matches!(format, "json" | "html" | "text" | "markdown" | "blocks") {
        return Err(fail(
            2,
            format!("unknown format {format:?}: use json, html, text, markdown or blocks"),
        ));
    }
    let input = match flags.value("--input").unwrap_or("html") {
        "html" => InputKind::Html,
        "text" => InputKind::Text,
        other => {
            return Err(fail(
                2,
                format!("unknown input kind {other:?}: use html or text"),
            ))
        }
    };
    let options = Options {
        input,
        force: flags.switch("--force"),
        pick: flags.value("--pick").map(str::to_string),
        ..Options::default()
    };
    if flags.switch("--warc") {
        return warc_cmd(&flags, &options);
    }
    let url = flags.value("--url");
    if format == "blocks" {
        if flags.positional.len() > 1 {
            return Err(fail(2, "--format blocks reads one page"));
        }
        let file = flags.positional.first().map_or("-", String::as_str);
        let view = tidings::pick_view_bytes(&read_input(file)?, &options)
            .map_err(|e| fail(status_of(&e), format!("{file}: {e}")))?;
        println!("{view}");
        return Ok(ExitCode::SUCCESS);
    }
    let files: Vec<String> = if flags.positional.is_empty() {
        vec!["-".to_string()]
    } else {
        flags.positional.clone()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if files.len() == 1 {
        let bytes = read_input(&files[0])?;
        let article = extract_one(&bytes, url, &options)
            .map_err(|e| fail(status_of(&e), format!("{}: {}", files[0], e)))?;
        let rendered = match format {
            "json" => serde_json::to_string_pretty(&article).expect("articles serialize"),
            "html" => article.content.clone(),
            "text" => article.text.clone(),
            _ => tidings::to_markdown(&article),
        };
        writeln!(out, "{rendered}").map_err(|e| fail(2, format!("cannot write output: {e}")))?;
        return Ok(ExitCode::SUCCESS);
    }
    if format != "json" {
        return Err(fail(
            2,
            "several files are written as JSON Lines: use --format json",
        ));
    }
    let mut any_failed = false;
    for file in &files {
        let line = match read_input(file)
            .map_err(|f| ("unreadable", f.message))
            .and_then(|bytes| {
                extract_one(&bytes, url, &options).map_err(|e| (e.code(), e.message().to_string()))
            }) {
            Ok(article) => {
                let mut v = serde_json::to_value(&article).expect("articles serialize");
                if let serde_json::Value::Object(m) = &mut v {
                    m.insert("file".into(), serde_json::Value::String(file.clone()));
                }
                v
            }
            Err((code, message)) => {
                any_failed = true;
                serde_json::json!({"file": file, "error": {"code": code, "message": message}})
            }
        };
        writeln!(out, "{line}").map_err(|e| fail(2, format!("cannot write output: {e}")))?;
    }
    Ok(if any_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `extract --warc`: JSON Lines from the HTML responses of WARC files.
fn warc_cmd(flags: &Flags, options: &Options) -> Result<ExitCode, Failure> {
    if flags.value("--format").is_some_and(|f| f != "json") {
        return Err(fail(2, "--warc writes JSON Lines: use --format json"));
    }
    if flags.value("--url").is_some() {
        return Err(fail(
            2,
            "--warc takes each page's URL from its record: drop --url",
        ));
    }
    if options.input != InputKind::Html {
        return Err(fail(2, "--warc reads HTML responses: drop --input text"));
    }
    let files: Vec<String> = if flags.positional.is_empty() {
        vec!["-".to_string()]
    } else {
        flags.positional.clone()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut status = 0u8;
    for file in &files {
        let input: Box<dyn Read> = if file == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(file) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    unreadable(&mut out, file, &e.to_string())?;
                    status = 2;
                    continue;
                }
            }
        };
        let mut extract = |body: &[u8], charset: Option<&str>, url: Option<&str>| {
            extract_page(body, charset, url, options)
        };
        let mut out_failed = false;
        let mut emit =
            |line: serde_json::Value| writeln!(out, "{line}").inspect_err(|_| out_failed = true);
        let max = options.limits.max_bytes;
        match warc::read_warc(file, input, max, &mut extract, &mut emit) {
            Ok(s) => {
                eprintln!(
                    "tidings: {file}: {} records; {} pages ({} failed); skipped {} not HTML, {} not status 200, {} revisits",
                    s.records, s.pages, s.failed, s.not_html, s.not_ok, s.revisits
                );
                if let Some(bad) = &s.bad {
                    eprintln!("tidings: {file}: bad WARC: {bad}");
                    status = 2;
                } else if s.failed > 0 {
                    status = status.max(1);
                }
            }
            Err(e) if out_failed => return Err(fail(2, format!("cannot write output: {e}"))),
            Err(e) => {
                unreadable(&mut out, file, &e.to_string())?;
                status = 2;
            }
        }
    }
    out.flush()
        .map_err(|e| fail(2, format!("cannot write output: {e}")))?;
    Ok(ExitCode::from(status))
}

/// A file that cannot be read: a line on standard error and one in the output.
fn unreadable(out: &mut impl Write, file: &str, why: &str) -> Result<(), Failure> {
    eprintln!("tidings: cannot read {file}: {why}");
    let line = serde_json::json!({"file": file, "error": {"code": "unreadable", "message": why}});
    writeln!(out, "{line}").map_err(|e| fail(2, format!("cannot write output: {e}")))
}

mod cite {
    use super::*;
    use tidings::cite::{self, Form, Format};

    /// Today's date (UTC) for the `accessed` field: the clock is read here, at the edge.
    fn today() -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        tidings::iso_date_from_unix(secs)
    }

    fn valid_date(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && s.chars()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    }

    pub fn cite_cmd(args: &[String]) -> Result<ExitCode, Failure> {
        let flags = Flags::parse(
            args,
            &[
                "--style",
                "--format",
                "--form",
                "--url",
                "--accessed",
                "--csl-json",
                "--locale",
            ],
            &[],
        )?;
        if flags.help {
            println!("{CITE_HELP}");
            return Ok(ExitCode::SUCCESS);
        }
        let name = flags.value("--style").unwrap_or("apa");
        let locale = flags.value("--locale");
        // A style file is read before the page, so a wrong name fails fast.
        let file_style = if name.ends_with(".csl") || name.ends_with(".xml") {
            let xml = String::from_utf8(read_input(name)?)
                .map_err(|_| fail(2, format!("{name}: not UTF-8")))?;
            let mut lib = cite::library().map_err(|e| fail(2, e.message().to_string()))?;
            Some(
                lib.resolve_file(&xml)
                    .map_err(|e| fail(2, format!("{name}: {}", e.message())))?,
            )
        } else {
            if cite::find_style(name).is_none() {
                let lib = cite::library().map_err(|e| fail(2, e.message().to_string()))?;
                if lib.catalog().find(name).is_none() {
                    return Err(fail(2, lib.unknown(name).message().to_string()));
                }
            }
            None
        };
        let format = match flags.value("--format").unwrap_or("text") {
            "text" => Format::Text,
            "html" => Format::Html,
            other => {
                return Err(fail(
                    2,
                    format!("unknown format {other:?}: use text or html"),
                ))
            }
        };
        let form = match flags.value("--form") {
            None => Form::Bibliography,
            Some(f) => Form::parse(f).ok_or_else(|| {
                fail(
                    2,
                    format!("unknown form {f:?}: use bibliography or citation"),
                )
            })?,
        };
        let accessed = match flags.value("--accessed") {
            Some(d) if valid_date(d) => d.to_string(),
            Some(d) => return Err(fail(2, format!("--accessed wants YYYY-MM-DD, not {d:?}"))),
            None => today(),
        };
        let item = match flags.value("--csl-json") {
            Some(path) => {
                if !flags.positional.is_empty() {
                    return Err(fail(2, "give either a page or --csl-json, not both"));
                }
                let bytes = read_input(path)?;
                let json: serde_json::Value = serde_json::from_slice(&bytes)
                    .map_err(|e| fail(2, format!("{path}: not JSON: {e}")))?;
                let one = match json {
                    serde_json::Value::Array(mut a) if a.len() == 1 => a.remove(0),
                    serde_json::Value::Array(a) => {
                        return Err(fail(
                            2,
                            format!("{path}: an array of {} items; give one item", a.len()),
                        ))
                    }
                    v => v,
                };
                cite::parse_item(&one.to_string())
                    .map_err(|e| fail(2, format!("{path}: {}", e.message())))?
            }
            None => {
                let file = match flags.positional.as_slice() {
                    [] => "-",
                    [one] => one.as_str(),
                    _ => return Err(fail(2, "cite takes one page")),
                };
                let bytes = read_input(file)?;
                let article = extract_one(&bytes, flags.value("--url"), &Options::default())
                    .map_err(|e| fail(status_of(&e), format!("{file}: {e}")))?;
                tidings::item_from_article(&article, &accessed)
            }
        };
        let out = match &file_style {
            Some(style) => {
                let mut lib = cite::library().map_err(|e| fail(2, e.message().to_string()))?;
                cite::format_resolved(&mut lib, &item, style, locale, format, form)
            }
            None => cite::format_any(&item, name, locale, format, form),
        }
        .map_err(|e| fail(2, e.message().to_string()))?;
        println!("{out}");
        Ok(ExitCode::SUCCESS)
    }

    /// Lists the short names and export formats, then every official style (id, title,
    /// class), or the styles matching `--search WORDS`, best first.
    pub fn styles_cmd(args: &[String]) -> Result<ExitCode, Failure> {
        let flags = Flags::parse(args, &["--search"], &[])?;
        if flags.help {
            println!("Usage: tidings styles [--search WORDS]");
            return Ok(ExitCode::SUCCESS);
        }
        let lib = cite::library().map_err(|e| fail(2, e.message().to_string()))?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let write = |out: &mut dyn Write, a: &str, b: &str, c: &str| {
            writeln!(out, "{a:<24} {b:<72} {c}")
                .map_err(|e| fail(2, format!("cannot write output: {e}")))
        };
        let words = flags
            .value("--search")
            .map(str::to_string)
            .or_else(|| (!flags.positional.is_empty()).then(|| flags.positional.join(" ")));
        match words {
            Some(q) => {
                let hits = lib.catalog().search(&q, usize::MAX);
                if hits.is_empty() {
                    return Err(fail(1, lib.unknown(&q).message().to_string()));
                }
                for e in hits {
                    write(&mut out, &e.id, &e.title, &e.class)?;
                }
            }
            None => {
                for s in cite::styles() {
                    let class = match s.csl_file {
                        Some(_) => format!("= {}", s.id),
                        None => "export".into(),
                    };
                    write(&mut out, s.name, s.label, &class)?;
                }
                for e in lib.catalog().entries() {
                    write(&mut out, &e.id, &e.title, &e.class)?;
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
