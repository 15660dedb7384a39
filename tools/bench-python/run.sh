#!/usr/bin/env bash
# Sets up the benchmark's venv (target/bench-venv: trafilatura 2.3.1,
# resiliparse), builds the wheel, installs it there and runs run.py.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
scripts/setup-python.sh bench
rm -f target/wheels/tidings-*.whl
target/py-venv/bin/maturin build --release --quiet -m crates/tidings-py/Cargo.toml \
  --interpreter target/bench-venv/bin/python --out target/wheels
target/bench-venv/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/tidings-*.whl
exec target/bench-venv/bin/python tools/bench-python/run.py "$@"
