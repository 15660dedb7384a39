#!/usr/bin/env bash
# WARC throughput: `tidings extract --warc` over a WARC of every shared-corpus
# page (Readability's test pages, the Mercury fixtures, newspaper4k's pages)
# repeated REPEAT times, gzip per record and plain, against the same pages as
# files through `tidings extract FILE...` (the batch path), in the same run.
# The WARC is made under target/bench-warc/ (not committed) by
# tools/make-warc/make_bench_warc.py, which needs warcio (pip install warcio).
#
#   scripts/bench-warc.sh                 # RUNS=3 REPEAT=4
#   RUNS=5 REPEAT=8 NO_BUILD=1 scripts/bench-warc.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
CORPORA="${TIDINGS_CORPORA:-$ROOT/../shared/corpora}"
RUNS="${RUNS:-3}"
REPEAT="${REPEAT:-4}"
OUT="$TARGET/bench-warc"
die() { echo "bench-warc: $*" >&2; exit 1; }

[[ -d "$CORPORA" ]] || die "no corpora at $CORPORA (set TIDINGS_CORPORA)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"
python3 -c 'import warcio' 2>/dev/null || die "warcio missing (pip install warcio==1.8.1)"
[[ -n "${NO_BUILD:-}" ]] || cargo build --release --bin tidings >&2
TIDINGS="$TARGET/release/tidings"
if [[ ! -f "$OUT/corpora.warc.gz" || "$(cat "$OUT/repeat" 2>/dev/null)" != "$REPEAT" ]]; then
  python3 tools/make-warc/make_bench_warc.py "$CORPORA" "$OUT" "$REPEAT" >&2
  echo "$REPEAT" > "$OUT/repeat"
fi

python3 - "$TIDINGS" "$OUT" "$RUNS" <<'PY'
import os, resource, statistics, subprocess, sys, time
tidings, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = open(os.path.join(out, "pages.txt")).read().split()
html_bytes = sum(os.path.getsize(p) for p in pages)
plain = os.path.join(out, "corpora.warc")
gz = os.path.join(out, "corpora.warc.gz")
cases = [
    ("--warc corpora.warc.gz", [tidings, "extract", "--warc", gz], os.path.getsize(gz)),
    ("--warc corpora.warc", [tidings, "extract", "--warc", plain], os.path.getsize(plain)),
    ("FILE... (batch)", [tidings, "extract", *pages], html_bytes),
]

def run(cmd):
    """Wall seconds, CPU seconds (user + system), peak RSS in KiB, output lines."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss, r.stdout.count(b"\n")

print(f"{len(pages)} pages ({html_bytes / 2**20:.0f} MiB of HTML); WARC {os.path.getsize(plain) / 2**20:.0f} MiB plain, "
      f"{os.path.getsize(gz) / 2**20:.0f} MiB gzip; median of {runs} runs, interleaved")
results = {name: [] for name, _, _ in cases}
for _ in range(runs):
    for name, cmd, _ in cases:
        results[name].append(run(cmd))
print(f"\n{'input':24} {'wall s':>7} {'CPU s':>7} {'pages/CPU s':>12} {'input MB/CPU s':>15} {'HTML MB/CPU s':>14} {'lines':>6}")
for name, _, size in cases:
    wall = statistics.median(r[0] for r in results[name])
    cpu = statistics.median(r[1] for r in results[name])
    lines = results[name][-1][3]
    print(f"{name:24} {wall:7.2f} {cpu:7.2f} {len(pages) / cpu:12.1f} {size / 1e6 / cpu:15.1f} {html_bytes / 1e6 / cpu:14.1f} {lines:6}")
# Peak RSS separately: RUSAGE_CHILDREN's maximum covers every child so far.
print(f"\n{'input':24} {'peak RSS MiB':>13}")
for name, cmd, _ in cases:
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    print(f"{name:24} {int(r.stderr.strip().splitlines()[-1]) / 1024:13.1f}")
PY
