#!/usr/bin/env bash
# Builds the npm package `tidings` from the SAME wasm as the extension: the
# wasm-bindgen --target web modules and the CSL files that scripts/build-web.sh
# put into extension/pkg/ and extension/csl/ (it is run first when they are
# missing). Stages packages/npm/ with them in target/npm/package/, checks the
# staged package loads in Node, and packs it into dist/tidings-VERSION.tgz.
#
# Environment:
#   TIDINGS_PKG_DIR  take the wasm modules from this wasm-bindgen pkg dir instead
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SRC="$ROOT/packages/npm"
STAGE="$ROOT/target/npm/package"
DIST="$ROOT/dist"
say() { printf '\033[1mbuild-npm:\033[0m %s\n' "$*"; }
die() { printf 'build-npm: error: %s\n' "$*" >&2; exit 1; }
command -v npm >/dev/null || die "npm not found"

PKG="${TIDINGS_PKG_DIR:-$ROOT/extension/pkg}"
if [[ ! -f "$PKG/tidings_cite_bg.wasm" || ! -d "$ROOT/extension/csl" ]]; then
  [[ -z "${TIDINGS_PKG_DIR:-}" ]] || die "TIDINGS_PKG_DIR=$PKG lacks the wasm modules"
  say "no extension build yet: running scripts/build-web.sh"
  scripts/build-web.sh
fi

rm -rf "$STAGE" && mkdir -p "$STAGE/pkg" "$DIST"
cp "$SRC"/{package.json,README.md,index.d.ts,core.js,node.js,browser.js,LICENSE-MIT,LICENSE-APACHE} "$STAGE/"
for name in tidings tidings_cite; do
  cp "$PKG/$name.js" "$PKG/${name}_bg.wasm" "$STAGE/pkg/"
done
# Whatever styles and locales the extension ships (and their licence note), with
# csl/all/: every official style and locale, which cite(), styles() and searchStyles() read.
cp -r "$ROOT/extension/csl" "$STAGE/csl"
for f in index.tsv.zst locales.zst styles-00.zst README.md; do
  [[ -f "$STAGE/csl/all/$f" ]] || die "extension/csl/all/$f missing: the package would lack the official styles (scripts/build-web.sh with csl/all)"
done

# One version: the crate's.
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
node -e '
const fs = require("fs"); const f = process.argv[1];
const p = JSON.parse(fs.readFileSync(f, "utf8")); p.version = process.argv[2];
fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$STAGE/package.json" "$VERSION"

# The staged package must load and answer before it is packed (a glue and
# wrapper that do not match, e.g. a wasm built without an export it calls).
node --input-type=module - "$STAGE" "$ROOT/tests/fixtures/pages/shine-seed/source.html" <<'JS'
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const [stage, page] = process.argv.slice(2);
const t = await import(pathToFileURL(stage + '/node.js'));
const a = t.extract(fs.readFileSync(page, 'utf8'), { url: 'https://www.shine.cn/news/nation/2301104951/' });
if (!a.title) throw new Error('no title');
t.extract('Line one of a dump.\nLine two of it, long enough to be kept as a text.', { input: 'text', force: true });
const s = await t.styles();
await t.cite(a, { style: s.find((x) => x.cslFile).name, accessed: '2025-01-01' });
await t.cite({ type: 'webpage', title: 'T' }, { style: 'bibtex' });
// An official style outside the common ones: the catalog's archives in csl/all/.
if (!(await t.cite(a, { style: 'Nature', accessed: '2025-01-01' })).includes(a.title)) throw new Error('no Nature citation');
JS

rm -f "$DIST"/tidings-*.tgz
json="$(cd "$STAGE" && npm pack --json --pack-destination "$DIST" 2>/dev/null)"
node -e '
const [p] = JSON.parse(process.argv[1]);
console.log(`\x1b[1mbuild-npm:\x1b[0m dist/${p.filename}: ${p.size} bytes packed, ${p.unpackedSize} unpacked, ${p.entryCount} files`);' "$json"
