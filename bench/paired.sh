#!/usr/bin/env bash
# Two builds of `bump` on the same workloads, in one run, paired: is a change at least as fast?
#
#   bench/paired.sh OLD_BUMP NEW_BUMP [WORKDIR]    (default WORKDIR: /tmp/bumpsmith-paired)
#
#   env N=15          timed pairs per row
#   env RESULTS=FILE  where the markdown goes (default: bench/results/paired-<date>.md)
#
# W1 and W2 come from ../shared/bench/gen_project.py (as bench/run.sh makes them). Each row runs
# OLD and NEW in turn (A B A B ...) with ../shared/bench/harness.py, the tree restored untimed
# before every run; the ratio NEW/OLD is taken pair by pair and its median quoted (robust to
# the machine's speed drifting). Instruction counts from `valgrind --tool=callgrind`, when
# valgrind is installed, are repeatable whatever else the machine is doing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(cd "$ROOT/../shared/bench" && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "$2")
WORK=${3:-/tmp/bumpsmith-paired}
N=${N:-15}
RESULTS=${RESULTS:-$ROOT/bench/results/paired-$(date -u +%Y%m%d).md}
mkdir -p "$WORK"
export LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 HOME=$WORK/home
mkdir -p "$HOME"
git config --global user.name "Bench Bot"
git config --global user.email bench@example.invalid
unset "${!BUMPVERSION_@}" GIT_DIR GIT_WORK_TREE || true

rm -rf "$WORK/w1" "$WORK/w2"
python3 "$SHARED/gen_project.py" "$WORK/w1" >/dev/null
python3 "$SHARED/gen_project.py" "$WORK/w2" --modules 2000 --unrelated 20000 >/dev/null
RESTORE='git reset -q --hard && git clean -qfd'

instructions() {  # dir command... -> instruction count, or "-"
  command -v valgrind >/dev/null || { echo "-"; return; }
  local d=$1; shift
  (cd "$d" && eval "$RESTORE" && valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1)
}

{
  echo "# $(basename "$NEW") against $(basename "$OLD"), paired"
  echo
  echo "- date: $(date -u +'%F %T UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`bench/paired.sh $1 $2\` (N=$N pairs per row)"
  echo "- old: \`$("$OLD" --version)\` ($OLD), new: \`$("$NEW" --version)\` ($NEW)"
  echo
  echo "| workload | command | old wall | new wall | new/old (median of pairs) | old instructions | new instructions |"
  echo "|---|---|---:|---:|---:|---:|---:|"
} >"$RESULTS"

row() {  # workload args...
  local w=$1; shift
  local d=$WORK/$w line
  line=$(python3 "$SHARED/harness.py" -n "$N" --cwd "$d" --prepare "$RESTORE" \
    --vs "$OLD $*" -- "$NEW $*" 2>&1 | tail -1)
  local new_wall old_wall ratio
  new_wall=$(sed -n 's/.*: n=[0-9]* wall med \([^ ]*\) .*/\1/p' <<<"$line")
  old_wall=$(sed -n 's/.*| B wall med \([^ ]*\) .*/\1/p' <<<"$line")
  ratio=$(sed -n 's/.*A\/B med \([^ ]*\) .*/\1/p' <<<"$line")
  # shellcheck disable=SC2086
  local oi ni
  oi=$(instructions "$d" "$OLD" "$@")
  ni=$(instructions "$d" "$NEW" "$@")
  echo "| $w | \`bump $*\` | $old_wall | $new_wall | $ratio | $oi | $ni |" | tee -a "$RESULTS"
}

row w1 patch --no-commit --no-tag
row w1 check -q
row w2 patch --no-commit --no-tag
row w2 check -q
(cd "$WORK/w2" && eval "$RESTORE")
echo "results: $RESULTS"
