//! Helpers shared by the tests that read the shared corpora of real pages.
// Each test file that includes this module uses some of its functions.
#![allow(dead_code)]

use std::path::PathBuf;

/// The corpora folder: `$TIDINGS_CORPORA` when set (a checkout elsewhere),
/// else `../shared/corpora` beside the checkout. None, after one line
/// saying so, when it is absent (a fresh clone has no `../shared`): the
/// calling test then skips.
pub fn corpora() -> Option<PathBuf> {
    let dir = std::env::var_os("TIDINGS_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no corpora at {} (set TIDINGS_CORPORA)",
            dir.display()
        );
        None
    }
}

/// A corpus page by its path under the corpora folder: the shared corpora's
/// copy when present, else the copy in `tests/fixtures/real/` (a subset kept
/// in the repository, see its README). None, after one line saying so, when
/// neither has it: the calling test then skips that page.
pub fn corpus_file(rel: &str) -> Option<PathBuf> {
    let shared = std::env::var_os("TIDINGS_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"))
        .join(rel);
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(rel);
    let found = [shared, bundled].into_iter().find(|p| p.is_file());
    if found.is_none() {
        eprintln!("skipped: {rel} is neither in the shared corpora nor in tests/fixtures/real");
    }
    found
}
