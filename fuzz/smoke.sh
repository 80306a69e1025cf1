#!/usr/bin/env bash
# smoke.sh [SECONDS_PER_TARGET] [TARGET...]: seed the corpora, build every fuzz target and run
# each for a few seconds (default 5). With SMOKE_RUNS=N each runs N inputs from a fixed seed
# instead: the same inputs on every machine (CI uses this, so a run that passed here passes
# there; start from an empty fuzz/corpus/ to see what CI sees). Needs cargo-fuzz; on a stable
# toolchain it sets RUSTC_BOOTSTRAP=1 so cargo-fuzz can pass its nightly-only flags
# (-Zsanitizer=address).
# Prints one line per target: name, runs, seconds, result. Exits non-zero on the first failure
# (the crashing input is in fuzz/artifacts/<target>/).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
secs=${1:-5}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(config_toml config_ini version_format kinds forms text_search changelog_commits changelog_merge)
fi
command -v cargo-fuzz >/dev/null || { echo "smoke.sh: needs cargo-fuzz (cargo install cargo-fuzz)" >&2; exit 2; }
if ! rustc --version | grep -q nightly; then export RUSTC_BOOTSTRAP=1; fi
./seed.sh >/dev/null
cargo fuzz build >/dev/null
mkdir -p logs
for t in "${targets[@]}"; do
  log=logs/$t.log
  start=$(date +%s)
  if [ -n "${SMOKE_RUNS:-}" ]; then
    limit=(-runs="$SMOKE_RUNS" -seed=1)
  else
    limit=(-max_total_time="$secs")
  fi
  if cargo fuzz run "$t" -- "${limit[@]}" -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
  fi
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  printf '%-17s %10s runs %5ss %s\n' "$t" "${runs:-?}" "$(( $(date +%s) - start ))" "$result"
  if [ "$result" != ok ]; then
    grep -E 'panicked|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
    exit 1
  fi
done
