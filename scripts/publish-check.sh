#!/usr/bin/env bash
# Checks that both crates, tidings-dom and tidings, would publish: packages
# them (the include lists in their Cargo.toml), builds each package as
# unpacked, against registry versions of its dependencies (tidings against the
# packaged tidings-dom), and prints what each package holds. Uploads nothing.
#
#   scripts/publish-check.sh                # a clean work tree
#   scripts/publish-check.sh --allow-dirty  # with uncommitted changes
#
# Not part of scripts/test.sh: it needs the package registry's index (network)
# and builds both crates again from scratch (about two minutes here).
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! cargo publish --workspace --dry-run "$@" >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
grep -E '^ *(Packaging|Packaged|Verifying)' "$log"
echo "publish-check: both crates package and build"
