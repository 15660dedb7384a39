#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/) for a fixed time and prints executions and findings.
# Not part of CI. Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]   (default 300 s; targets extract sanitize tokenizer_diff warc cite_style)
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(extract sanitize tokenizer_diff warc cite_style)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
status=0
for t in "${targets[@]}"; do
  corpus="corpus/$t"
  mkdir -p "$corpus" "artifacts/$t"
  if [ "$t" = cite_style ]; then
    # Seed corpus: the shipped CSL styles.
    for f in ../csl/*.csl; do cp -n "$f" "$corpus/" 2>/dev/null || true; done
  else
    # Seed corpus: the fixture pages (copied at run time, not committed) and the XSS vectors.
    for f in ../tests/fixtures/pages/*/source.html; do
      cp -n "$f" "$corpus/seed-$(basename "$(dirname "$f")").html" 2>/dev/null || true
    done
    # The WARC target starts from the WARC fixtures (whole, truncated, plain and gzip).
    if [ "$t" = warc ]; then
      for f in ../tests/fixtures/warc/*.warc ../tests/fixtures/warc/*.warc.gz; do
        cp -n "$f" "$corpus/seed-$(basename "$f")" 2>/dev/null || true
      done
    fi
    i=0
    while IFS= read -r line; do
      case "$line" in ''|'#'*) continue ;; esac
      i=$((i + 1))
      printf '%s' "$line" > "$corpus/xss-$i.html"
    done < ../tests/fixtures/xss/vectors.txt
  fi
  log="artifacts/$t/run.log"
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run "$t" "$corpus" -- -max_total_time="$secs" -max_len=262144 \
    -rss_limit_mb=4096 -timeout=30 -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(ls "artifacts/$t" | grep -c -E '^(crash|oom|timeout|leak|slow-unit)-' || true)
  echo "   exit $rc, executions ${execs:-?}, findings $crashes (artifacts/$t/)"
  grep -E '^==[0-9]+==|panicked at|SUMMARY' "$log" | head -5
  [ "$rc" -ne 0 ] && status=1
done
exit $status
