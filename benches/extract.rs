//! Speed and peak heap of tidings against dom_smoothie (a Rust port of
//! Readability.js), plus the HTML parse alone (our tokenizer feeding html5ever's
//! tree builder), over every `source.html` of
//! tests/fixtures/pages and Mozilla's Readability test pages.
//!
//! ```text
//! cargo bench --bench extract                 # 1 warm-up + 5 timed runs per page
//! BENCH_RUNS=9 BENCH_VERBOSE=1 cargo bench --bench extract
//! BENCH_CORPUS=/path/to/readability-test-pages cargo bench --bench extract
//! ```
//!
//! Peak heap is measured by a counting global allocator: the highest number of
//! live bytes during one call, above what was live before it, as a multiple of
//! the page's size in bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live =
                    LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Peak live heap (bytes above the live bytes at the start) while `f` runs.
fn peak_heap<R>(f: impl FnOnce() -> R) -> usize {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    let peak = PEAK.load(Relaxed);
    drop(r);
    peak.saturating_sub(base)
}

struct Page {
    name: String,
    url: String,
    bytes: Vec<u8>,
    /// The page as text for dom_smoothie and the parse-only column (lossy UTF-8).
    text: String,
}

fn load_pages() -> Vec<Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var("BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/corpora/readability-test-pages"));
    let mut pages = Vec::new();
    for (dir, fixtures) in [(root.join("tests/fixtures/pages"), true), (corpus, false)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("bench: {} not found, skipped", dir.display());
            continue;
        };
        let mut slugs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        slugs.sort();
        for p in slugs {
            let Ok(bytes) = std::fs::read(p.join("source.html")) else {
                continue;
            };
            let slug = p.file_name().unwrap().to_string_lossy().into_owned();
            let url = if fixtures {
                std::fs::read_to_string(p.join("meta.json"))
                    .ok()
                    .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
                    .and_then(|m| {
                        m.get("url")
                            .or_else(|| m.get("canonicalUrl"))
                            .and_then(|u| u.as_str().map(str::to_string))
                    })
                    .unwrap_or_else(|| format!("https://example.org/{slug}/"))
            } else {
                "http://fakehost/test/page.html".to_string()
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let prefix = if fixtures { "fixture/" } else { "rtp/" };
            pages.push(Page {
                name: format!("{prefix}{slug}"),
                url,
                bytes,
                text,
            });
        }
    }
    pages
}

/// A column of the table: its name and one call on one page (true: an article).
type Tool = (&'static str, fn(&Page) -> bool);

fn run_tidings(p: &Page) -> bool {
    let options = tidings::Options::default();
    std::hint::black_box(tidings::extract_bytes(
        std::hint::black_box(&p.bytes),
        Some(&p.url),
        &options,
    ))
    .is_ok()
}

fn run_smoothie(p: &Page) -> bool {
    let r = std::panic::catch_unwind(|| {
        let mut r = dom_smoothie::Readability::new(p.text.as_str(), Some(&p.url), None).ok()?;
        r.parse().ok()
    });
    std::hint::black_box(r).ok().flatten().is_some()
}

fn run_parse(p: &Page) -> bool {
    let limits = tidings::Limits::default().for_parse();
    std::hint::black_box(tidings::dom::parse(&p.text, &limits)).is_ok()
}

/// Median of the timed runs of `f` on `p`, in milliseconds.
fn time_page(p: &Page, f: fn(&Page) -> bool, warmup: usize, runs: usize) -> f64 {
    for _ in 0..warmup {
        f(p);
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f(p);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    median(&mut ms)
}

fn median(xs: &mut [f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn percentile(xs: &mut [f64], q: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    let i = ((xs.len() as f64 - 1.0) * q).round() as usize;
    xs[i.min(xs.len() - 1)]
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // special: run a single quick pass then, so the test stays fast.
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let warmup = env_usize("BENCH_WARMUP", if bench_mode { 1 } else { 0 });
    let runs = env_usize("BENCH_RUNS", if bench_mode { 5 } else { 1 }).max(1);
    let verbose = std::env::var_os("BENCH_VERBOSE").is_some();
    let filter = std::env::var("BENCH_FILTER").ok();

    let mut pages = load_pages();
    if let Some(f) = &filter {
        pages.retain(|p| p.name.contains(f.as_str()));
    }
    if pages.is_empty() {
        eprintln!("bench: no pages found");
        return;
    }
    let total_bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    println!(
        "{} pages ({:.1} MiB of HTML), {warmup} warm-up + {runs} timed runs per page, median per page",
        pages.len(),
        total_bytes as f64 / (1 << 20) as f64
    );

    let tools: [Tool; 3] = [
        ("HTML parse", run_parse),
        ("tidings", run_tidings),
        ("dom_smoothie", run_smoothie),
    ];
    // times[tool][page], heap[tool][page], ok[tool]
    let mut times = vec![Vec::new(); tools.len()];
    let mut heap = vec![Vec::new(); tools.len()];
    let mut ok = vec![0usize; tools.len()];
    if verbose {
        println!(
            "{:<44} {:>8} {:>9} {:>9} {:>9} {:>7} {:>7}",
            "page", "KiB", "parse ms", "tidings", "smoothie", "T mem", "S mem"
        );
    }
    // One call each first, so lazily built statics (compiled rule tables) are
    // not counted as the first page's heap.
    for (_, f) in &tools {
        f(&pages[0]);
    }
    for p in &pages {
        let mut row = Vec::new();
        for (t, (_, f)) in tools.iter().enumerate() {
            let mut success = false;
            let peak = peak_heap(|| success = f(p));
            ok[t] += success as usize;
            heap[t].push(peak as f64 / p.bytes.len().max(1) as f64);
            let ms = time_page(p, *f, warmup, runs);
            times[t].push(ms);
            row.push(ms);
        }
        if verbose {
            println!(
                "{:<44} {:>8.1} {:>9.2} {:>9.2} {:>9.2} {:>6.1}x {:>6.1}x",
                p.name,
                p.bytes.len() as f64 / 1024.0,
                row[0],
                row[1],
                row[2],
                heap[1].last().unwrap(),
                heap[2].last().unwrap()
            );
        }
    }

    println!(
        "\n{:<16} {:>9} {:>10} {:>8} {:>10} {:>10}",
        "", "pages/s", "median ms", "p95 ms", "total ms", "articles"
    );
    let mut totals = Vec::new();
    for (t, (name, _)) in tools.iter().enumerate() {
        let total: f64 = times[t].iter().sum();
        totals.push(total);
        let mut v = times[t].clone();
        println!(
            "{:<16} {:>9.1} {:>10.2} {:>8.2} {:>10.1} {:>10}",
            name,
            pages.len() as f64 / (total / 1000.0),
            median(&mut v),
            percentile(&mut v, 0.95),
            total,
            if t == 0 {
                "-".to_string()
            } else {
                format!("{}/{}", ok[t], pages.len())
            }
        );
    }
    let mut per_page: Vec<f64> = times[1].iter().zip(&times[2]).map(|(a, b)| a / b).collect();
    println!(
        "\ntidings / dom_smoothie time: {:.2} (total), {:.2} (median of per-page ratios); < 1 means tidings is faster",
        totals[1] / totals[2],
        median(&mut per_page)
    );
    println!(
        "HTML parse (our tokenizer, html5ever tree builder) share of tidings time: {:.0}%",
        100.0 * totals[0] / totals[1]
    );

    println!(
        "\npeak heap as a multiple of page size: {:>8} {:>8}",
        "median", "max"
    );
    for (t, (name, _)) in tools.iter().enumerate() {
        let mut v = heap[t].clone();
        let med = median(&mut v);
        let max = v.iter().copied().fold(0.0, f64::max);
        println!("{name:<37} {med:>7.1}x {max:>7.1}x");
    }
    let mut mem_ratio: Vec<f64> = heap[1].iter().zip(&heap[2]).map(|(a, b)| a / b).collect();
    println!(
        "tidings / dom_smoothie peak heap: {:.2} (median of per-page ratios)",
        median(&mut mem_ratio)
    );
}
