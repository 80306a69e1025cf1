#!/usr/bin/env bash
# bench/init.sh [BUMP_BINARY]
#
# Times `bump init --dry-run` (goal: median < 0.5 s on 2 cores) and `bump find 1.2.3` on the
# W2 tree of the shared benchmark: 2,000 plugin modules and 20,000 unrelated files, generated
# by ../shared/bench/gen_project.py and timed by ../shared/bench/harness.py (both used in
# place, never copied). Env: SHARED (default ../shared beside the repo), RUNS (default 10),
# JSONL (append results there too).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${SHARED:-$repo/../shared}
bump=${1:-$repo/target/release/bump}
runs=${RUNS:-10}

[ -f "$shared/bench/gen_project.py" ] || { echo "init.sh: no $shared/bench/gen_project.py (set SHARED)" >&2; exit 2; }
[ -x "$bump" ] || { echo "init.sh: no binary $bump (cargo build --release)" >&2; exit 2; }
bump=$(cd "$(dirname "$bump")" && pwd)/$(basename "$bump")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=$work/w2
python3 "$shared/bench/gen_project.py" "$tree" --modules 2000 --unrelated 20000
echo "tree: $(git -C "$tree" ls-files | wc -l) files" >&2

extra=()
[ -n "${JSONL:-}" ] && extra=(--jsonl "$JSONL")
python3 "$shared/bench/harness.py" -n "$runs" --warmup 2 --cwd "$tree" \
  --label "bump init --dry-run" --group "init W2" "${extra[@]}" -- "$bump init --dry-run"
python3 "$shared/bench/harness.py" -n "$runs" --warmup 2 --cwd "$tree" \
  --label "bump find 1.2.3" --group "init W2" "${extra[@]}" -- "$bump find 1.2.3"
