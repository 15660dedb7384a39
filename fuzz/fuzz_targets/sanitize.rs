#![no_main]
//! Any text: `sanitize_html` never panics, is idempotent, and writes no dangerous element.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let once = tidings::sanitize_html(&html, Some("https://example.com/a/"));
    let twice = tidings::sanitize_html(&once, Some("https://example.com/a/"));
    assert_eq!(once, twice, "not idempotent for {html:?}");
    let lower = once.to_ascii_lowercase();
    for bad in ["<script", "<style", "<svg", "<math", "<iframe", "<!--", "<template", "<noscript"] {
        assert!(!lower.contains(bad), "{bad} in {once:?}");
    }
});
