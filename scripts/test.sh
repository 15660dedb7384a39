#!/usr/bin/env bash
# Every test: formatting and lints, the Rust tests (unit, fixtures, CLI,
# citations, robustness), the Python wheel (scripts/test-python.sh), the
# extension in headless Chromium and Firefox ESR, then the npm package
# installed from its packed tarball. Sets up what it needs first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

scripts/setup.sh
say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
say "cargo test"
cargo test --workspace --all-targets
say "doc tests"
cargo test --workspace --doc --quiet
say "Python wheel, WARC records, datatrove step, Spark job"
scripts/test-python.sh
say "wasm, extension and demo build"
scripts/build-web.sh
say "browser tests"
scripts/test-browser.sh
say "npm package"
scripts/test-npm.sh
