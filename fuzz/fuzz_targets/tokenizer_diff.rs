#![no_main]
//! Any bytes, as lossy UTF-8: our tokenizer (`dom::parse`) and html5ever's
//! (`dom::parse_reference`) build the same tree, dumped and stepped around
//! html5ever's known bugs by the code the differential tests use.

use libfuzzer_sys::fuzz_target;
use tidings::dom::{parse, parse_reference, Limits};

#[path = "../../crates/tidings-dom/tests/support/tree.rs"]
mod tree;
use tree::{dump, sidestep_html5ever};

fuzz_target!(|data: &[u8]| {
    let html = sidestep_html5ever(&String::from_utf8_lossy(data));
    // No attribute limit: `parse_reference` does not enforce one.
    let limits = Limits {
        max_nodes: 200_000,
        max_depth: 4_000,
        max_attributes: usize::MAX,
    };
    let ours = parse(&html, &limits).map(|d| dump(&d));
    let reference = parse_reference(&html, &limits).map(|d| dump(&d));
    match (&ours, &reference) {
        (Ok(a), Ok(b)) => assert!(
            a == b,
            "trees differ for {html:?}\n--- parse\n{a}\n--- parse_reference\n{b}"
        ),
        // Both stopped at a limit (the reason may differ: `parse_reference` reports
        // any overflow at end of input as Nodes).
        (Err(_), Err(_)) => {}
        _ => panic!(
            "parse {:?}, parse_reference {:?} for {html:?}",
            ours.as_ref().err(),
            reference.as_ref().err()
        ),
    }
});
