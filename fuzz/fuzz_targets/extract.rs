#![no_main]
//! Any bytes: `extract_bytes`, then `extract` and `readerable` on the text; never a panic,
//! and no dangerous element in the article's HTML.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = tidings::Options {
        force: true,
        ..Default::default()
    };
    let _ = tidings::extract_bytes(data, Some("https://example.com/a/b.html"), &opts);
    let text = String::from_utf8_lossy(data);
    let _ = tidings::readerable(&text);
    if let Ok(a) = tidings::extract(&text, None, &opts) {
        let lower = a.content.to_ascii_lowercase();
        assert!(!lower.contains("<script") && !lower.contains("<svg") && !lower.contains("<style"));
        for r in &a.removed {
            assert!(!r.html.to_ascii_lowercase().contains("<script"));
        }
    }
});
