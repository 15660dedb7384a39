#!/usr/bin/env bash
# Builds the browser side of Tidings from one source tree:
#   - the two wasm modules, extraction and citation (wasm-bindgen --target web, wasm-opt -Oz),
#     into extension/pkg/ and www/pkg/
#   - CSL styles and locales into extension/csl/ and www/csl/
#   - the optional OpenDyslexic font (OFL, from npm @fontsource/opendyslexic) into */fonts/
#   - the www demo's shared modules and sample pages
#   - dist/tidings-chrome.zip and dist/tidings-firefox.zip (+ unpacked dirs next to them)
# Idempotent: every output is rebuilt from scratch. Fails on the first error.
#
# Environment:
#   TIDINGS_PKG_DIR  use an already built wasm-bindgen pkg dir instead of building the crate
#   TIDINGS_CSL_DIR  where the CSL files come from (default: <repo>/csl)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXT="$ROOT/extension"
WWW="$ROOT/www"
DIST="$ROOT/dist"
say() { printf '\033[1mbuild-web:\033[0m %s\n' "$*"; }
die() { printf 'build-web: error: %s\n' "$*" >&2; exit 1; }

# Loads a pkg's module in Node and runs it: extract() on the seed page for the
# extraction module, styles() and a BibTeX cite() for the citation module.
# Catches a module that wasm-opt broke, or glue and module that do not match.
smoke_test() {
  command -v node >/dev/null || return 0
  node --input-type=module - "$1" "$2" "$3" "$ROOT/tests/fixtures/pages/shine-seed/source.html" <<'JS'
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const [pkg, name, wasm, page] = process.argv.slice(2);
const m = await import(pathToFileURL(pkg + '/' + name + '.js'));
m.initSync({ module: fs.readFileSync(wasm) });
if (m.extract && fs.existsSync(page)) {
  try { m.extract(fs.readFileSync(page, 'utf8'), 'https://www.shine.cn/news/nation/2301104951/', '2025-01-01'); }
  catch (e) { if (!e || !e.code) throw e; }  // a {code, message} answer is a working module
}
if (m.cite) {
  if (!m.styles().length) throw new Error('no styles');
  m.cite({ title: 'T', url: 'https://example.org/', authors: [] }, 'bibtex', 'text', '2025-01-01');
}
console.log('smoke test: ' + name + ' ' + m.version() + ' loads');
JS
}

# ---------------------------------------------------------------- wasm
# Two modules from one crate: `tidings` (extraction, loaded with the reader)
# and `tidings_cite` (the CSL engine, feature cite-module, loaded by the
# citation panel). Each carries only the code its exports reach.
MODULES=(tidings tidings_cite)
PKG="$ROOT/target/web-pkg"
WASM_OPT=""
for cand in "$ROOT/tests/browser/node_modules/.bin/wasm-opt" "$(command -v wasm-opt || true)"; do
  [[ -n "$cand" && -x "$cand" ]] && { WASM_OPT="$cand"; break; }
done

# build_module NAME [CARGO FEATURE FLAGS...]: the crate for wasm32, bindgen, wasm-opt.
build_module() {
  local name="$1"; shift
  say "cargo build (wasm32, profile wasm) for $name"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features "$@"
  local wasm="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/wasm/tidings.wasm"
  [[ -f "$wasm" ]] || die "$wasm was not produced"
  "$WASM_BINDGEN" --target web --out-dir "$PKG" --out-name "$name" "$wasm"
  # binaryen from npm (tests/browser, pinned) first: Debian's wasm-opt 108 turns wasm-bindgen's
  # externref table into one the module cannot initialise ("WebAssembly.Table.set(): Argument 1
  # is invalid for table"). Whatever optimises it, the result must still load (smoke test below).
  if [[ -n "$WASM_OPT" ]]; then
    say "wasm-opt -Oz --low-memory-unused --converge $name ($("$WASM_OPT" --version 2>/dev/null | head -1))"
    # --low-memory-unused: Rust puts the stack first, so the low 1 KiB is
    # never data; with --converge, 1.6 KB gzipped less than -Oz alone.
    "$WASM_OPT" -Oz --low-memory-unused --converge "$PKG/${name}_bg.wasm" -o "$PKG/${name}_bg.opt.wasm"
    if smoke_test "$PKG" "$name" "$PKG/${name}_bg.opt.wasm"; then
      mv "$PKG/${name}_bg.opt.wasm" "$PKG/${name}_bg.wasm"
    else
      rm -f "$PKG/${name}_bg.opt.wasm"
      say "WARNING: the wasm-opt output does not load; shipping the unoptimised $name"
    fi
  else
    say "wasm-opt not found: shipping the unoptimised $name"
  fi
}

if [[ -n "${TIDINGS_PKG_DIR:-}" ]]; then
  [[ -f "$TIDINGS_PKG_DIR/tidings.js" ]] || die "TIDINGS_PKG_DIR=$TIDINGS_PKG_DIR has no tidings.js"
  say "using prebuilt pkg from $TIDINGS_PKG_DIR"
  PKG="$TIDINGS_PKG_DIR"
else
  command -v cargo >/dev/null || die "cargo not found"
  WASM_BINDGEN="$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")"
  [[ -x "$WASM_BINDGEN" ]] || die "wasm-bindgen not found (cargo install wasm-bindgen-cli --version 0.2.130)"
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    || die "rust target wasm32-unknown-unknown missing (rustup target add wasm32-unknown-unknown)"
  rm -rf "$PKG"
  say "wasm-bindgen $("$WASM_BINDGEN" --version | awk '{print $2}')"
  build_module tidings
  build_module tidings_cite --features cite-module
fi
for name in "${MODULES[@]}"; do
  for f in "$name.js" "${name}_bg.wasm"; do [[ -f "$PKG/$f" ]] || die "pkg lacks $f"; done
  command -v node >/dev/null && { smoke_test "$PKG" "$name" "$PKG/${name}_bg.wasm" || die "$name does not load in Node"; }
done

for dest in "$EXT/pkg" "$WWW/pkg"; do
  rm -rf "$dest" && mkdir -p "$dest"
  for name in "${MODULES[@]}"; do
    cp "$PKG/$name.js" "$PKG/${name}_bg.wasm" "$dest/"
    [[ -f "$PKG/$name.d.ts" ]] && cp "$PKG/$name.d.ts" "$dest/"
  done
done

# ---------------------------------------------------------------- CSL styles
CSL="${TIDINGS_CSL_DIR:-$ROOT/csl}"
[[ -d "$CSL" ]] || die "no CSL folder at $CSL (set TIDINGS_CSL_DIR)"
compgen -G "$CSL/*.csl" >/dev/null || die "no .csl files in $CSL"
for dest in "$EXT/csl" "$WWW/csl"; do
  rm -rf "$dest" && mkdir -p "$dest"
  cp "$CSL"/*.csl "$dest/"
  compgen -G "$CSL/*.xml" >/dev/null && cp "$CSL"/*.xml "$dest/"
  [[ -f "$CSL/README.md" ]] && cp "$CSL/README.md" "$dest/"
  # Every official style and locale (csl/all: compressed archives and their licence),
  # fetched by the citation panel from the package itself when a style is first used.
  if [[ -d "$CSL/all" ]]; then
    mkdir -p "$dest/all"
    cp "$CSL"/all/*.zst "$CSL/all/README.md" "$dest/all/"
  fi
done
say "CSL: $(ls "$EXT/csl" | grep -c '\.csl$') styles, $(ls "$EXT/csl" | grep -c '\.xml$') locales, $(ls "$EXT/csl/all" 2>/dev/null | grep -c '\.zst$') archives of all styles"

# ---------------------------------------------------------------- font (optional)
FONT_PKG="$ROOT/tests/browser/node_modules/@fontsource/opendyslexic"
for dest in "$EXT/fonts" "$WWW/fonts"; do
  rm -rf "$dest" && mkdir -p "$dest"
  if [[ -d "$FONT_PKG/files" ]]; then
    cp "$FONT_PKG"/files/opendyslexic-latin-400-normal.woff2 "$FONT_PKG"/files/opendyslexic-latin-700-normal.woff2 "$dest/"
    cp "$FONT_PKG/LICENSE" "$dest/OFL-OpenDyslexic.txt"
    cat > "$dest/fonts.css" <<'CSS'
/* OpenDyslexic (SIL Open Font License 1.1, see OFL-OpenDyslexic.txt), bundled: no network. */
@font-face { font-family: "OpenDyslexic"; font-style: normal; font-weight: 400; font-display: swap; src: url("opendyslexic-latin-400-normal.woff2") format("woff2"); }
@font-face { font-family: "OpenDyslexic"; font-style: normal; font-weight: 700; font-display: swap; src: url("opendyslexic-latin-700-normal.woff2") format("woff2"); }
CSS
  else
    echo '/* OpenDyslexic not bundled in this build (npm ci in tests/browser brings it). */' > "$dest/fonts.css"
  fi
done
[[ -d "$FONT_PKG/files" ]] && say "font: OpenDyslexic bundled" || say "font: OpenDyslexic not installed, skipped"

# ---------------------------------------------------------------- www demo
mkdir -p "$WWW/lib" "$WWW/samples"
rm -rf "$WWW/lib"/* "$WWW/samples"/*
cp "$EXT/view.js" "$EXT/styles.js" "$EXT/settings.js" "$EXT/export.js" "$EXT/footnotes.js" "$EXT/listen.js" "$EXT/early.js" "$EXT/reader.css" "$WWW/lib/"
cp "$EXT/_locales/en/messages.json" "$WWW/lib/messages.json"
samples=()
# The seed page, a Chinese page and an English one when present, else whatever fixtures exist.
for slug in shine-seed people-daily guardian xinhua bbc $(ls tests/fixtures/pages 2>/dev/null || true); do
  [[ " ${samples[*]:-} " == *" $slug "* ]] && continue
  src="tests/fixtures/pages/$slug/source.html"
  [[ -f "$src" ]] || continue
  cp "$src" "$WWW/samples/$slug.html"
  samples+=("$slug")
  (( ${#samples[@]} >= 3 )) && break
done
python3 - "$WWW/samples" "${samples[@]}" <<'PY'
import json, os, re, sys
out, slugs = sys.argv[1], sys.argv[2:]
root = os.path.join(os.path.dirname(out), '..', 'tests', 'fixtures', 'pages')
items = []
for slug in slugs:
    meta, url = {}, ''
    try:
        meta = json.load(open(os.path.join(root, slug, 'meta.json'), encoding='utf-8'))
    except (OSError, ValueError):
        pass
    url = meta.get('canonicalUrl') or meta.get('url') or ''
    if not url:
        m = re.search(rb'<link[^>]+rel=["\']canonical["\'][^>]*href=["\']([^"\']+)', open(os.path.join(out, slug + '.html'), 'rb').read())
        url = m.group(1).decode('utf-8', 'replace') if m else f'https://example.org/{slug}/'
    items.append({'slug': slug, 'label': meta.get('title') or slug, 'url': url})
json.dump(items, open(os.path.join(out, 'index.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
PY
say "www: ${#samples[@]} sample page(s): ${samples[*]:-none}"

# ---------------------------------------------------------------- packages
command -v zip >/dev/null || die "zip not found (apt-get install zip)"
mkdir -p "$DIST"
for browser in chrome firefox; do
  stage="$DIST/tidings-$browser"
  rm -rf "$stage" "$DIST/tidings-$browser.zip"
  mkdir -p "$stage"
  (cd "$EXT" && tar --exclude=.gitignore --exclude='*.d.ts' -cf - .) | (cd "$stage" && tar -xf -)
  python3 - "$stage/manifest.json" "$browser" <<'PY'
import json, sys
path, browser = sys.argv[1], sys.argv[2]
m = json.load(open(path, encoding='utf-8'))
if browser == 'chrome':
    # Chrome reads background.service_worker; the Firefox-only keys are dropped from its package.
    m['background'].pop('scripts', None)
    m.pop('browser_specific_settings', None)
    # The wasm module needs SIMD (Chrome 91+); 116 is the oldest Chrome still supported upstream.
    m['minimum_chrome_version'] = '116'
else:
    # Firefox runs background.scripts as an event page and warns about service_worker.
    m['background'].pop('service_worker', None)
json.dump(m, open(path, 'w', encoding='utf-8'), ensure_ascii=False, indent=2)
PY
  (cd "$stage" && find . -type f | LC_ALL=C sort | TZ=UTC zip -q -X -9 "$DIST/tidings-$browser.zip" -@)
  say "dist/tidings-$browser.zip $(stat -c %s "$DIST/tidings-$browser.zip") bytes"
done

# Size budgets, gzipped: 350,000 bytes for the extraction module (issue 7),
# which must load before the article shows; 300,000 for the citation module,
# which the citation panel loads after the article is on screen (it repeats
# the runtime both need: std, the allocator, serde_json). It measured 256,169
# after session 7 merged the style catalog with its zstd decoder, the citation
# form and processor, and the npm package's citeItem export; 264,037 once the
# citeproc-js rules for all official styles were merged (names with particles,
# title case, page ranges, hostile-style limits), and 285,008 once the four
# branches that took agreement over all styles from 98.3% to 99.7% were merged
# (text case with Turkish casing, citation labels, the no-printed-form error,
# nested braces, name particles and delimiters, quote marks by locale). The
# CSL styles and locales are separate files loaded on demand.
check_size() {
  local file="$EXT/pkg/$1_bg.wasm" budget="$2" raw gz
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  say "wasm size, $1: $raw bytes raw, $gz bytes gzipped ($(( raw / 1024 )) KiB / $(( gz / 1024 )) KiB)"
  (( gz < budget )) || die "the $1 module is $gz bytes gzipped, over the $budget-byte budget"
}
check_size tidings 350000
# 240,000 since issue 15 (was 200,000): every official style. Measured: the module was
# 170,106 bytes before; the zstd decoder (ruzstd, about 18.5 KB on its own), the catalog
# (index reader, search, dependent styles, locale chain) and its exports took it to 227,748,
# and the citation form (issue 15's other half) to about 240,600. The alternative with no
# decoder (deflate, which the browser decodes natively) is 5.4 MB of styles, over the 4 MB
# package budget (tools/csl-vendor/README.md).
check_size tidings_cite 300000
# The modules use 128-bit SIMD (memchr's byte scans in the tokenizer run on
# it): every browser the extension supports has it (Chrome 91+, Firefox 89+;
# the manifests ask for Chrome 116 and Firefox 140).
#
# They are built for size (opt-level "z", Cargo.toml), where LLVM inlines
# almost nothing: small iterator, string and DOM helpers stay calls in every
# hot loop. The inlining threshold in .cargo/config.toml (150) buys speed
# with the room the module split made (BENCHMARKS.md §4).
