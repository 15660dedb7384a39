#!/usr/bin/env bash
# Tests the npm package as a user gets it: packs it (scripts/build-npm.sh),
# installs the tarball into an EMPTY temporary folder with npm, offline, and
# uses it from there: the Node tests (ESM, tests/npm/package.test.mjs, which
# compares it with the CLI on real pages), its browser entry in headless
# Chromium (tests/npm/browser.test.mjs), a CommonJS consumer, and
# `tsc --noEmit` on a TypeScript consumer against the package's types.
# Deno and Bun are tested when their binaries are on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1mtest-npm:\033[0m %s\n' "$*"; }

scripts/build-npm.sh
TGZ="$(ls "$ROOT"/dist/tidings-*.tgz | head -1)"
cargo build --quiet --bin tidings
export TIDINGS_ROOT="$ROOT" TIDINGS_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/tidings"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
say "npm install $(basename "$TGZ") into an empty folder ($WORK)"
npm install --offline --no-audit --no-fund --loglevel=error "$TGZ"
cp "$ROOT"/tests/npm/{package.test.mjs,browser.test.mjs,consumer.cjs,consumer.mts,tsconfig.json} .

say "node --test (ESM in Node; the browser entry in headless Chromium)"
node --test --test-reporter=spec package.test.mjs browser.test.mjs
say "CommonJS consumer"
node consumer.cjs
say "tsc --noEmit on a TypeScript consumer"
"$ROOT/tests/npm/node_modules/.bin/tsc" -p tsconfig.json
say "tsc: the types check"

for rt in deno bun; do
  if command -v "$rt" >/dev/null; then
    say "$rt"
    if [[ $rt == deno ]]; then deno run --allow-read --allow-env consumer.cjs; else bun consumer.cjs; fi
  else
    say "$rt not installed here: skipped"
  fi
done
