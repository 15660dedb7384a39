#!/usr/bin/env bash
# The main job on a bundled sample page: sets up, builds the wasm module, the
# extension packages (dist/*.zip) and the demo page, then prints the clean
# article and its APA citation.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SAMPLE="${1:-tests/fixtures/pages/shine-seed/source.html}"
URL="${2:-https://www.shine.cn/news/nation/2301104951/}"

scripts/setup.sh
cargo build --release --quiet --bin tidings
scripts/build-web.sh

printf '\n\033[1m== %s ==\033[0m\n\n' "$SAMPLE"
target/release/tidings extract --format markdown --url "$URL" "$SAMPLE"
printf '\n\033[1m== APA citation ==\033[0m\n\n'
target/release/tidings cite --style apa --url "$URL" "$SAMPLE"
printf '\nExtension packages: %s\nDemo page: www/index.html (serve www/ with any static server)\n' "$(ls dist/*.zip | tr '\n' ' ')"
