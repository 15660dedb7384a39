#!/usr/bin/env bash
# Runs the extension in real browsers, headless: Chromium (Playwright over CDP, with a real
# toolbar click) and Firefox ESR (puppeteer-core over WebDriver BiDi), after linting the Firefox
# package with web-ext. Builds the web parts first when they are missing (or with --build).
# Needs: node ≥ 20, /usr/bin/chromium, /usr/bin/firefox-esr (apt-get install chromium firefox-esr),
# fonts-noto-cjk for readable Chinese in screenshots. Screenshots: tests/browser/artifacts/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="$ROOT/tests/browser"
say() { printf '\033[1mtest-browser:\033[0m %s\n' "$*"; }

for bin in node npm "${CHROMIUM:-/usr/bin/chromium}" "${FIREFOX:-/usr/bin/firefox-esr}"; do
  command -v "$bin" >/dev/null || { echo "test-browser: missing $bin" >&2; exit 1; }
done

cd "$T"
if [[ -f package-lock.json ]]; then
  [[ -d node_modules/puppeteer-core && -d node_modules/web-ext ]] || npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

if [[ "${1:-}" == "--build" || ! -f "$ROOT/dist/tidings-chrome/pkg/tidings_bg.wasm" || ! -f "$ROOT/dist/tidings-firefox/manifest.json" ]]; then
  say "building the web parts"
  "$ROOT/scripts/build-web.sh"
fi

say "web-ext lint (Firefox package)"
lint_json="$(mktemp)"
npx --no-install web-ext lint --source-dir "$ROOT/dist/tidings-firefox" --output json --boring >"$lint_json" || true
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const kind of ["errors", "warnings", "notices"]) {
    for (const m of r[kind] || []) console.log(`  ${kind.slice(0, -1)}: ${m.code} ${m.file || ""} ${m.message}`);
  }
  console.log(`  web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices} notices`);
  process.exit(r.summary.errors ? 1 : 0);
' "$lint_json"
rm -f "$lint_json"

say "browser tests"
mkdir -p artifacts && rm -f artifacts/*.png artifacts/*.json
start=$(date +%s)
node --test --test-concurrency=1 chromium.test.mjs firefox.test.mjs reader-features.test.mjs pick-capture.test.mjs styles.test.mjs
say "browser tests took $(( $(date +%s) - start ))s"
