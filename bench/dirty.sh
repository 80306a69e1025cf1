#!/usr/bin/env bash
# The dirty-tree check inside `bump patch --no-commit --no-tag` against `git status` alone on the
# same tree (issue #18): W1, W2 and a 202,011-file tree, each with a fresh index and with every
# tracked file touched (a stale index: `cp -r`, a build, a CI cache restore, which make git
# re-hash every file). bump runs `git --no-optional-locks status --porcelain=v2
# --untracked-files=no -z` concurrently with planning, so on a stale index it should cost
# `git status` and little more (goal: at most 20 ms more).
#
#   bench/dirty.sh [WORKDIR]          (default WORKDIR: /tmp/bumpsmith-bench/dirty)
#   env N1=20 N2=10 N3=3              timed pairs on W1 / W2 / the 200k tree
#   env SKIP_200K=1                   leave the 200k tree out
#   env BUMP=PATH                     the `bump` to measure (else built here)
#
# The three ways this choice was made between (the in-process index reader, gix, concurrent
# `git status`) are measured by this script as it was in commit 4bb95eb (`git checkout 4bb95eb
# && bench/dirty.sh`), whose build switch picks the way; its figures are in bench/README.md.
#
# Medians from ../shared/bench/harness.py, paired: the two commands of a row alternate and their
# wall-time ratio is taken pair by pair. Every run starts from an untimed restore of the tree.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(cd "$ROOT/../shared/bench" && pwd)
WORK=${1:-/tmp/bumpsmith-bench/dirty}
N1=${N1:-20}; N2=${N2:-10}; N3=${N3:-3}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
OUT=$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/logs"

if [[ -z ${BUMP:-} ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
  BUMP=$ROOT/target/release/bump
fi

unset RUST_BACKTRACE GIT_DIR GIT_WORK_TREE GIT_CONFIG_GLOBAL BUMP_COLOR "${!BUMPVERSION_@}" || true
export LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 HOME=$WORK/home
mkdir -p "$HOME"
git config --global user.name "Bench Bot"
git config --global user.email bench@example.invalid

WL=$WORK/wl
mkdir -p "$WL"
gen() {  # name args...: generate once (the generator is deterministic)
  local d=$WL/$1; shift
  [[ -d $d/.git ]] || python3 "$SHARED/gen_project.py" "$d" "$@" >/dev/null
}
gen w1
gen w2 --modules 2000 --unrelated 20000
TREES="w1 w2"
if [[ -z ${SKIP_200K:-} ]]; then
  gen w200k --modules 2000 --unrelated 200000
  TREES="$TREES w200k"
fi

# fresh: the restore bench/run.sh uses. stale: the index refreshed first (so that the restore
# rewrites only what the last bump changed), then every tracked file's mtime moved.
FRESH='git reset -q --hard && git clean -qfd'
STALE="git update-index -q --refresh; $FRESH && git ls-files -z | xargs -0 touch"
J=$OUT/results.jsonl
m() {  # group label dir n prepare B -- A
  local g=$1 l=$2 d=$3 n=$4 prep=$5 b=$6 a=$7
  python3 "$SHARED/harness.py" --group "$g" --label "$l" --cwd "$d" --jsonl "$J" -n "$n" \
    --mem-runs 0 --timeout 1800 --prepare "$prep" \
    --log "$OUT/logs/$(echo "$g-$l" | tr -c 'A-Za-z0-9._-' '_').log" --vs "$b" -- "$a" \
    || echo "harness failed: $g $l"
}
BUMP_CMD="$BUMP patch --no-commit --no-tag"
GIT_STATUS="git --no-optional-locks status --porcelain=v2 --untracked-files=no -z"
{
  echo "- date: $(date -u +'%F %T UTC'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- machine: $(nproc) cores, $(uname -sr), $(git --version)"
  echo "- bump: $(git -C "$ROOT" rev-parse --short HEAD) ($("$BUMP" --version))"
  for t in $TREES; do echo "- $t: $(git -C "$WL/$t" ls-files | wc -l) tracked files"; done
} | tee "$OUT/env.md"

for t in $TREES; do
  d=$WL/$t
  case $t in w1) n=$N1 ;; w2) n=$N2 ;; *) n=$N3 ;; esac
  for state in fresh stale; do
    if [[ $state == fresh ]]; then prep=$FRESH; else prep=$STALE; fi
    echo "== $t $state ($n pairs)"
    m "$t $state" "bump / git status" "$d" "$n" "$prep" "$GIT_STATUS" "$BUMP_CMD"
  done
  (cd "$d" && eval "$FRESH")
done
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.md"

python3 - "$J" "$OUT/env.md" >"$OUT/dirty.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {(r["group"], r["label"]): r for r in rows}
med = lambda b, k: b[k]["median"] * 1000
print("# `bump patch --no-commit --no-tag` against `git status` alone\n")
print("".join(open(sys.argv[2])))
print("Wall medians (cpu medians in brackets), ms; the ratio is the paired median.\n")
print("| tree | index | bump | git status alone | bump − git status (medians) | bump / git status, paired |")
print("|---|---|---:|---:|---:|---:|")
for t in ("w1", "w2", "w200k"):
    for s in ("fresh", "stale"):
        r = by.get((f"{t} {s}", "bump / git status"))
        if r is None:
            continue
        a, b = r["A"], r["B"]
        print(f"| {t} | {s} | {med(a, 'wall'):.1f} ({med(a, 'cpu'):.0f}) | {med(b, 'wall'):.1f} ({med(b, 'cpu'):.0f}) "
              f"| {med(a, 'wall') - med(b, 'wall'):+.1f} | {r['ratio_A_over_B']['median']:.2f} |")
PY
cat "$OUT/dirty.md"
cp "$OUT/dirty.md" "$ROOT/bench/results/dirty.md"
echo "results: $ROOT/bench/results/dirty.md (raw: $OUT)"
