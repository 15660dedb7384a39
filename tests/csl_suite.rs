//! The CSL processor test suite (citeproc-js's fixtures in
//! `../shared/corpora/csl-test-suite`): pins floors on the fixtures our engine passes
//! character for character. `cargo run --release --bin tidings-csl-suite` prints the table.

#[allow(dead_code)]
#[path = "../src/bin/tidings-csl-suite.rs"]
mod suite;

use std::path::Path;

/// Passes at the last measurement (raise these as the engine improves).
const MIN_BIBLIOGRAPHY: usize = 168;
const MIN_CITATION: usize = 557;

#[test]
fn csl_test_suite_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/csl-test-suite");
    if !suite::fixtures_dir(&root).is_dir() {
        eprintln!("skipping: no CSL test suite at {}", root.display());
        return;
    }
    let report = suite::run(&root, None);
    suite::print(&report, false);
    let (bib, cit) = (
        report.passes_in("bibliography"),
        report.passes_in("citation"),
    );
    assert!(
        bib >= MIN_BIBLIOGRAPHY,
        "bibliography fixtures passing: {bib} < {MIN_BIBLIOGRAPHY}"
    );
    assert!(
        cit >= MIN_CITATION,
        "citation fixtures passing: {cit} < {MIN_CITATION}"
    );
}
