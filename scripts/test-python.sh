#!/usr/bin/env bash
# The Python side: builds the wheel with maturin (target/wheels), installs it
# into the test venv, and runs tests/python with pytest: the wheel against the
# CLI on real pages, WARC input with fastwarc and warcio, the datatrove step,
# the Spark job in local mode, and the wheel alone in an empty venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/target/py-venv"
say() { printf '\033[1mtest-python:\033[0m %s\n' "$*"; }

scripts/setup-python.sh
cargo build --quiet --bin tidings
say "maturin build --release"
t=$SECONDS
rm -f target/wheels/tidings-*.whl
"$VENV/bin/maturin" build --release --quiet -m crates/tidings-py/Cargo.toml \
  --interpreter "$VENV/bin/python" --out target/wheels
WHEEL="$(ls target/wheels/tidings-*.whl)"
say "built ${WHEEL#"$ROOT"/} in $((SECONDS - t)) s"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"
TIDINGS_CLI="$ROOT/target/debug/tidings" TIDINGS_WHEEL="$WHEEL" \
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/python "$@"
