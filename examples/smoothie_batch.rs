//! dom_smoothie over files, printing JSON Lines the way `tidings extract FILE...`
//! does (one object per file with `file`; failures as {file, error}), so the
//! two can be timed as whole processes (scripts/bench-cli.sh).
//!
//! ```text
//! cargo build --release --example smoothie_batch
//! target/release/examples/smoothie_batch [--url URL] FILE...
//! ```

use std::io::Write;

use serde_json::json;

fn main() {
    let mut url = "http://fakehost/test/page.html".to_string();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--url" {
            url = args.next().expect("--url needs a value");
        } else {
            files.push(a);
        }
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let mut failed = false;
    for file in &files {
        let line = match std::fs::read(file) {
            Err(e) => {
                failed = true;
                json!({"file": file, "error": {"code": "unreadable", "message": e.to_string()}})
            }
            Ok(bytes) => {
                let html = String::from_utf8_lossy(&bytes);
                let parsed = dom_smoothie::Readability::new(html.as_ref(), Some(&url), None)
                    .and_then(|mut r| r.parse());
                match parsed {
                    Ok(a) => json!({
                        "file": file,
                        "title": a.title,
                        "byline": a.byline,
                        "excerpt": a.excerpt,
                        "siteName": a.site_name,
                        "publishedTime": a.published_time,
                        "lang": a.lang,
                        "dir": a.dir,
                        "content": a.content.as_ref(),
                        "text": a.text_content.as_ref(),
                    }),
                    Err(e) => {
                        failed = true;
                        json!({"file": file, "error": {"code": "no-article", "message": e.to_string()}})
                    }
                }
            }
        };
        writeln!(out, "{line}").expect("stdout");
    }
    out.flush().expect("stdout");
    std::process::exit(if failed { 1 } else { 0 });
}
