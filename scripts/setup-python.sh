#!/usr/bin/env bash
# Installs what the Python side's tests need, skipping what is present: a JRE
# for Spark (Debian's default-jre-headless), libmagic (datatrove's WARC
# reader) and the pinned packages of python/requirements-test.txt in
# target/py-venv. `scripts/setup-python.sh bench` also makes the benchmark's
# venv, target/bench-venv (trafilatura and resiliparse). Each step says how
# long it took.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

missing=()
command -v java >/dev/null || missing+=(default-jre-headless)
compgen -G '/usr/lib/*/libmagic.so.1' >/dev/null || missing+=(libmagic1)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  t=$SECONDS
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  say "… $((SECONDS - t)) s"
fi

# venv_with DIR REQUIREMENTS...: a venv holding exactly these pins; skipped
# when it was made from the same files (their checksum is kept beside it).
venv_with() {
  local dir=$1
  shift
  local sum
  sum="$(cat "$@" | sha256sum | cut -d' ' -f1)"
  if [[ -x "$dir/bin/python" && "$(cat "$dir/.requirements.sha256" 2>/dev/null)" == "$sum" ]]; then
    return
  fi
  say "pip install into ${dir#"$ROOT"/} (${*#"$ROOT"/})"
  local t=$SECONDS args=()
  [[ -x "$dir/bin/python" ]] || python3 -m venv "$dir"
  for f in "$@"; do args+=(-r "$f"); done
  "$dir/bin/pip" install --quiet --disable-pip-version-check "${args[@]}"
  echo "$sum" >"$dir/.requirements.sha256"
  say "… $((SECONDS - t)) s"
}

venv_with "$ROOT/target/py-venv" "$ROOT/python/requirements-test.txt"
if [[ "${1:-}" == bench ]]; then
  venv_with "$ROOT/target/bench-venv" "$ROOT/tools/trafilatura/requirements.txt" \
    "$ROOT/tools/bench-python/requirements.txt"
fi
