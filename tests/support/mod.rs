//! Helpers shared by the tests that read the shared corpora of real pages.

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
