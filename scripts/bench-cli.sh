#!/usr/bin/env bash
# Times whole processes: `tidings extract <all pages>` against dom_smoothie's
# `examples/smoothie_batch <all pages>` (both write one JSON line per page),
# over every source.html of tests/fixtures/pages and Mozilla's Readability
# test pages. hyperfine for the time, /usr/bin/time -v for peak RSS.
#
#   scripts/bench-cli.sh                 # builds release binaries first
#   RUNS=20 scripts/bench-cli.sh
#   NO_BUILD=1 CARGO_TARGET_DIR=/work/target-eval scripts/bench-cli.sh
#
# Environment: RUNS (default 10), WARMUP (default 2), CARGO_TARGET_DIR,
# BENCH_CORPUS (default ../shared/corpora/readability-test-pages).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
CORPUS="${BENCH_CORPUS:-$ROOT/../shared/corpora/readability-test-pages}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
die() { echo "bench-cli: $*" >&2; exit 1; }

command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install hyperfine)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"
if [[ -z "${NO_BUILD:-}" ]]; then
  cargo build --release --bin tidings --example smoothie_batch >&2
fi
TIDINGS="$TARGET/release/tidings"
SMOOTHIE="$TARGET/release/examples/smoothie_batch"
[[ -x "$TIDINGS" && -x "$SMOOTHIE" ]] || die "binaries missing under $TARGET/release (unset NO_BUILD)"

files=()
for f in tests/fixtures/pages/*/source.html "$CORPUS"/*/source.html; do
  [[ -f "$f" ]] && files+=("$f")
done
(( ${#files[@]} )) || die "no source.html files found"
bytes=$(cat "${files[@]}" | wc -c)
echo "${#files[@]} pages, $(( bytes / 1024 )) KiB of HTML; $WARMUP warm-up + $RUNS timed runs of each whole batch"

JSON="$(mktemp)"
trap 'rm -f "$JSON"' EXIT
# Both exit 1 when some page has no article: that is not a benchmark failure.
hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" -i --export-json "$JSON" \
  -n tidings "$TIDINGS extract ${files[*]}" \
  -n dom_smoothie "$SMOOTHIE ${files[*]}" >&2

rss() { # peak resident set size in KiB
  { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk -F': ' '/Maximum resident set size/ {print $2}'
}
rss_t=$(rss "$TIDINGS" extract "${files[@]}")
rss_s=$(rss "$SMOOTHIE" "${files[@]}")
articles_t=$("$TIDINGS" extract "${files[@]}" 2>/dev/null | grep -vc '"error":{' || true)
articles_s=$("$SMOOTHIE" "${files[@]}" 2>/dev/null | grep -vc '"error":{' || true)

python3 - "$JSON" "${#files[@]}" "$rss_t" "$rss_s" "$articles_t" "$articles_s" <<'PY'
import json, sys
path, n, rss_t, rss_s, art_t, art_s = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:])
res = {r["command"]: r for r in json.load(open(path))["results"]}
t, s = res["tidings"], res["dom_smoothie"]
print(f"\n{'':14} {'mean s':>8} {'± sd':>7} {'min s':>7} {'pages/s':>8} {'peak RSS MiB':>13} {'articles':>9}")
for name, r, rss, art in (("tidings", t, rss_t, art_t), ("dom_smoothie", s, rss_s, art_s)):
    print(f"{name:14} {r['mean']:8.3f} {r['stddev']:7.3f} {r['min']:7.3f} {n / r['mean']:8.1f} {rss / 1024:13.1f} {art:>5}/{n}")
print(f"\ntidings / dom_smoothie: time {t['mean'] / s['mean']:.2f}, peak RSS {rss_t / rss_s:.2f}  (< 1 means tidings is faster / smaller)")
PY
