#!/usr/bin/env bash
# The dirty-tree check inside `bump patch --no-commit --no-tag`, three ways, in one run (issue #18):
#
#   reader   the in-process reader of .git/index (src/git/quick/)
#   gix      gitoxide's `Repository::is_dirty()` on a thread
#   status   `git --no-optional-locks status --porcelain=v2 --untracked-files=no -z`, started
#            when the check starts, concurrently with planning
#
# on W1, W2 and a 200,000-file tree, each with a fresh index and with every file touched (a stale
# index: `cp -r`, a build, a CI cache restore), next to `git status` alone on the same tree.
#
#   bench/dirty.sh [WORKDIR]          (default WORKDIR: /tmp/bumpsmith-bench/dirty)
#   env N1=20 N2=10 N3=3              timed pairs on W1 / W2 / the 200k tree
#   env SKIP_200K=1                   leave the 200k tree out
#   env BUMP=PATH                     a `bump` built with `--features bench-dirty` (else built)
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
  (cd "$ROOT" && cargo build --release --quiet --features bench-dirty)
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
way() { echo "env BUMP_BENCH_DIRTY=$1 $BUMP patch --no-commit --no-tag"; }
GIT_STATUS="git --no-optional-locks status --porcelain=v2 --untracked-files=no -z"
{
  echo "- date: $(date -u +'%F %T UTC'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- machine: $(nproc) cores, $(uname -sr), $(git --version)"
  echo "- bump: $(git -C "$ROOT" rev-parse --short HEAD) built with --features bench-dirty"
  for t in $TREES; do echo "- $t: $(git -C "$WL/$t" ls-files | wc -l) tracked files"; done
} | tee "$OUT/env.md"

for t in $TREES; do
  d=$WL/$t
  case $t in w1) n=$N1 ;; w2) n=$N2 ;; *) n=$N3 ;; esac
  for state in fresh stale; do
    if [[ $state == fresh ]]; then prep=$FRESH; else prep=$STALE; fi
    echo "== $t $state ($n pairs)"
    m "$t $state" "status / reader" "$d" "$n" "$prep" "$(way reader)" "$(way status)"
    m "$t $state" "gix / reader" "$d" "$n" "$prep" "$(way reader)" "$(way gix)"
    m "$t $state" "status / git status" "$d" "$n" "$prep" "$GIT_STATUS" "$(way status)"
  done
  (cd "$d" && eval "$FRESH")
done
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/env.md"

python3 - "$J" "$OUT/env.md" >"$OUT/dirty.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {(r["group"], r["label"]): r for r in rows}
ms = lambda b: "-" if b is None else f"{b['wall']['median'] * 1000:.1f} ms ({b['cpu']['median'] * 1000:.0f})"
ratio = lambda r: "-" if r is None else f"{r['ratio_A_over_B']['median']:.2f}"
print("# The dirty check three ways: `bump patch --no-commit --no-tag`\n")
print("".join(open(sys.argv[2])))
print("Wall medians (cpu medians in brackets); ratios are paired medians, A / B per pair.\n")
print("| tree | index | reader | gix | git status, concurrent | git status alone "
      "| gix / reader | status / reader | status / git status alone |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for t in ("w1", "w2", "w200k"):
    for s in ("fresh", "stale"):
        g = f"{t} {s}"
        sr, gr, sg = (by.get((g, l)) for l in ("status / reader", "gix / reader", "status / git status"))
        if not (sr or gr or sg):
            continue
        print(f"| {t} | {s} | {ms(sr and sr['B'])} | {ms(gr and gr['A'])} | {ms(sr and sr['A'])} "
              f"| {ms(sg and sg['B'])} | {ratio(gr)} | {ratio(sr)} | {ratio(sg)} |")
PY
cat "$OUT/dirty.md"
cp "$OUT/dirty.md" "$ROOT/bench/results/dirty.md"
echo "results: $ROOT/bench/results/dirty.md (raw: $OUT)"
