#!/usr/bin/env bash
# Installs what building and testing Tidings needs, skipping what is present:
# the wasm32 target, wasm-bindgen-cli pinned to the crate's wasm-bindgen,
# Debian's chromium, firefox-esr and CJK fonts for
# screenshots, and the npm dev tools of the browser tests (including
# binaryen's wasm-opt: Debian's version 108 breaks the module), of the npm
# package's test and of its Node benchmark.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen version the crate pins (Cargo.toml: wasm-bindgen = "=X").
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")"
[[ -n "$WB_VERSION" ]] || { echo "setup: cannot read the wasm-bindgen pin from Cargo.toml" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force --quiet
fi

missing=()
for pair in chromium:/usr/bin/chromium firefox-esr:/usr/bin/firefox-esr \
            fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; do
  pkg="${pair%%:*}" path="${pair#*:}"
  [[ -e "$path" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# tests/npm: TypeScript for the npm package's type check; tools/bench-node: the Node benchmark's peers.
for dir in tests/browser tests/npm tools/bench-node; do
  if [[ ! -d "$ROOT/$dir/node_modules" ]]; then
    say "npm ci in $dir"
    (cd "$ROOT/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
# The Python wheel's tests: a JRE for Spark, libmagic, the pinned test venv.
"$ROOT/scripts/setup-python.sh"
say "ready"
