#![no_main]
//! Any bytes as a WARC stream (gzip when they start with its magic bytes), through
//! the CLI's WARC reader and the extractor: never a panic, never unbounded memory.

use libfuzzer_sys::fuzz_target;

#[path = "../../src/warc.rs"]
mod warc_input;

fuzz_target!(|data: &[u8]| {
    let opts = tidings::Options::default();
    let mut extract = |body: &[u8], charset: Option<&str>, url: Option<&str>| {
        tidings::extract_bytes_with_charset(body, charset, url, &opts)
    };
    let mut lines = 0usize;
    let summary = warc_input::read_warc("fuzz", data, 1 << 20, &mut extract, &mut |_| {
        lines += 1;
        Ok(())
    });
    if let Ok(s) = summary {
        // One line per page, plus one for a damaged stream.
        assert_eq!(lines as u64, s.pages + u64::from(s.bad.is_some()));
    }
});
