#!/usr/bin/env bash
# Benchmark `bump` against bump-my-version and tbump on the shared workloads W1 and W2.
#
#   bench/run.sh [WORKDIR]          (default WORKDIR: /tmp/bumpsmith-bench)
#
#   env SKIP_PEERS=1   measure bump only (no peer install, no ratios)
#   env QUICK=1        fewer runs (smoke test)
#   env N1=10 N2=6     timed pairs on W1 / W2
#   env RESULTS=FILE   where the markdown goes (default bench/results/latest.md)
#   env SKIP_INIT=1 SKIP_CHANGELOG=1   leave out bench/init.sh / bench/changelog.sh (run last)
#
# Uses the shared tools beside the project (../shared/bench: gen_project.py, harness.py,
# report.py); see bench/README.md. Steps: build `bump`, install peers if missing, regenerate
# W1/W2, verify that bump changes exactly what bump-my-version changes, then measure with the
# harness in paired mode (tree restored untimed before every run) and print the goals table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(cd "$ROOT/../shared/bench" && pwd)
WORK=${1:-/tmp/bumpsmith-bench}
QUICK=${QUICK:-0}
SKIP_PEERS=${SKIP_PEERS:-0}
if [[ $QUICK == 1 ]]; then N1=${N1:-3}; N2=${N2:-2}; else N1=${N1:-10}; N2=${N2:-6}; fi
RESULTS=${RESULTS:-$ROOT/bench/results/latest.md}
OUT=$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$WORK" "$OUT/logs" "$(dirname "$RESULTS")"
WORK=$(cd "$WORK" && pwd)

# ---- build ------------------------------------------------------------------------
echo "== build"
(cd "$ROOT" && cargo build --release --quiet)
BUMP=$ROOT/target/release/bump

# ---- peers (pip needs the real HOME, so before the environment below) ---------------
# One venv per peer, as ../shared/bench/install-peers.sh does; the baseline's venvs in
# /tmp/perf are reused when present.
peer() {  # venv-name requirement binary -> path of the binary
  local v
  for v in "$WORK/venv-$1" "/tmp/perf/venv-$1"; do
    if [[ -x $v/bin/$3 ]]; then echo "$v/bin/$3"; return; fi
  done
  v=$WORK/venv-$1
  echo "installing $2 into $v" >&2
  python3 -m venv "$v"
  "$v/bin/pip" install -q --disable-pip-version-check "$2" >&2
  echo "$v/bin/$3"
}
if [[ $SKIP_PEERS != 1 ]]; then
  echo "== peers"
  BMV=$(peer bmv "bump-my-version==1.8.1" bump-my-version)
  TBUMP=$(peer tbump "tbump==6.11.0" tbump)
fi

# ---- a neutral environment for every measured command (as run-peers.sh) -------------
unset RUST_BACKTRACE RUST_LIB_BACKTRACE PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED PYTHONPATH \
      GIT_DIR GIT_WORK_TREE GIT_CONFIG_GLOBAL VIRTUAL_ENV BUMP_COLOR || true
unset "${!BUMPVERSION_@}" || true
export LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1
export HOME=$WORK/home
mkdir -p "$HOME"
git config --global user.name "Bench Bot"
git config --global user.email bench@example.invalid

{
  echo "- date: $(date -u +'%F %T UTC')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- bump: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo ' (+ uncommitted changes)') ($("$BUMP" --version))"
  if [[ $SKIP_PEERS != 1 ]]; then
    echo "- peers: bump-my-version $("$BMV" --version 2>&1 | head -1 | awk '{print $NF}'), tbump $("$TBUMP" --version 2>&1 | head -1 | awk '{print $NF}')"
  fi
  echo "- $(git --version), $(python3 --version 2>&1)"
} > "$OUT/env.md"
cat "$OUT/env.md"

# ---- workloads ------------------------------------------------------------------------
echo "== workloads"
WL=$WORK/wl
rm -rf "$WL"; mkdir -p "$WL"
python3 "$SHARED/gen_project.py" "$WL/w1" >/dev/null
python3 "$SHARED/gen_project.py" "$WL/w2" --modules 2000 --unrelated 20000 >/dev/null
for w in w1 w2; do
  echo "- $w: HEAD $(git -C "$WL/$w" rev-parse --short=8 HEAD), $(git -C "$WL/$w" ls-files | wc -l) tracked files"
done | tee -a "$OUT/env.md"

RESTORE='git reset -q --hard && git clean -qfd'
BUMP_CMD="$BUMP patch --no-commit --no-tag"
BUMP_CHECK="$BUMP check -q"
F1="pyproject.toml src/pkg/__init__.py Dockerfile package.json .github/workflows/ci.yml"
GREP1="grep -lF 1.2.3 $F1"
GREP2="sh -c 'exec grep -lF 1.2.3 $F1 src/pkg/plugins/*/*.py'"
if [[ $SKIP_PEERS != 1 ]]; then
  BMV_CMD="$BMV bump patch --no-commit --no-tag"
  TBUMP_CMD="$TBUMP --non-interactive --only-patch 1.2.4"
  TBUMP_CHECK="$TBUMP --dry-run --only-patch --non-interactive 1.2.4"
fi

# ---- correctness: bump must change what bump-my-version changes, byte for byte --------
echo "== verify"
FAILED=0
fail() { echo "FAIL: $*" | tee -a "$OUT/verify.md"; FAILED=1; }
note() { echo "$*" | tee -a "$OUT/verify.md"; }
run_in() {  # dir tag command... : restore the tree, run, keep the diff
  local d=$1 tag=$2; shift 2
  (cd "$d" && eval "$RESTORE" && "$@" >"$OUT/logs/verify-$tag.log" 2>&1) || return 1
  git -C "$d" diff --stat=200 >"$OUT/$tag.stat"
  git -C "$d" diff --full-index >"$OUT/$tag.diff"   # full ids: the abbreviation length varies
  git -C "$d" diff --name-only | sort >"$OUT/$tag.files"
}
for w in w1 w2; do
  d=$WL/$w
  # shellcheck disable=SC2086
  run_in "$d" "$w-bump" $BUMP_CMD || fail "$w: bump exited non-zero (see $OUT/logs/verify-$w-bump.log)"
  n=$(wc -l <"$OUT/$w-bump.files")
  if [[ $SKIP_PEERS != 1 ]]; then
    # shellcheck disable=SC2086
    run_in "$d" "$w-bmv" $BMV_CMD || fail "$w: bump-my-version exited non-zero"
    # shellcheck disable=SC2086
    run_in "$d" "$w-tbump" $TBUMP_CMD || fail "$w: tbump exited non-zero"
    if cmp -s "$OUT/$w-bump.diff" "$OUT/$w-bmv.diff"; then
      note "- $w: bump and bump-my-version produce the same diff ($n files, $(tail -1 "$OUT/$w-bump.stat" | sed 's/^ *//'))"
    else
      fail "$w: bump's diff differs from bump-my-version's (files only in bump / only in bump-my-version below; full diffs in $OUT)"
      comm -3 "$OUT/$w-bump.files" "$OUT/$w-bmv.files" | head -20 | tee -a "$OUT/verify.md"
    fi
    # tbump has no CHANGELOG entry and writes its own config instead of .bumpversion.toml
    if diff -q <(grep -vxE 'CHANGELOG.md|\.bumpversion\.toml' "$OUT/$w-bmv.files") \
               <(grep -vx 'tbump.toml' "$OUT/$w-tbump.files") >/dev/null; then
      note "- $w: tbump changes the same files except CHANGELOG.md and its own config ($(wc -l <"$OUT/$w-tbump.files") files)"
    else
      fail "$w: tbump changes a different set of files"
    fi
  else
    note "- $w: bump changed $n files"
  fi
  # the read-only check must not write, and must fail on a file that lost its version
  (cd "$d" && eval "$RESTORE")
  # shellcheck disable=SC2086
  (cd "$d" && $BUMP_CHECK >"$OUT/logs/verify-$w-check.log" 2>&1) || fail "$w: the check row (bump check) exited non-zero"
  [[ -z $(git -C "$d" status --porcelain) ]] || fail "$w: the dry run changed the tree"
  sed -i 's/APP_VERSION: "1.2.3"/APP_VERSION: "1.2.2"/' "$d/.github/workflows/ci.yml"
  # shellcheck disable=SC2086
  if (cd "$d" && $BUMP_CHECK >/dev/null 2>&1); then fail "$w: the dry run accepts a file without the version"; fi
  # a modified tracked file must refuse the bump (the dirty check), and nothing may be written
  # shellcheck disable=SC2086
  if (cd "$d" && $BUMP_CMD >/dev/null 2>&1); then fail "$w: bump ran on a dirty tree"; fi
  [[ $(git -C "$d" status --porcelain) == ' M .github/workflows/ci.yml' ]] || fail "$w: a refused bump changed files"
  [[ ! -e $d/.git/bumpsmith-journal ]] || fail "$w: a refused bump left its journal behind"
  note "- $w: the dry run writes nothing and fails on a missing version; a dirty tree refuses the bump"
  (cd "$d" && eval "$RESTORE")
done
if [[ $FAILED == 1 && -z ${ALLOW_MISMATCH:-} ]]; then
  echo "verification failed: not measuring (ALLOW_MISMATCH=1 to measure anyway)"; exit 1
fi

# ---- measurements -----------------------------------------------------------------------
J=$OUT/results.jsonl
m() {  # m GROUP LABEL DIR [harness options...] -- 'COMMAND'
  local g=$1 l=$2 d=$3; shift 3
  local log
  log="$OUT/logs/$(echo "$g-$l" | tr -c 'A-Za-z0-9._-' '_').log"
  python3 "$SHARED/harness.py" --group "$g" --label "$l" --cwd "$d" --jsonl "$J" --log "$log" \
    --timeout 900 "$@" || echo "harness failed: $g $l"
}
echo "== measure (W1: $N1 pairs, W2: $N2 pairs)"
for w in w1 w2; do
  d=$WL/$w; W=${w^^}
  if [[ $w == w1 ]]; then n=$N1; grep_floor=$GREP1; else n=$N2; grep_floor=$GREP2; fi
  if [[ $SKIP_PEERS != 1 ]]; then
    m "$W bump" "bump-my-version / bump" "$d" -n "$n" --prepare "$RESTORE" --vs "$BUMP_CMD" -- "$BMV_CMD"
    m "$W bump" "tbump / bump" "$d" -n "$n" --prepare "$RESTORE" --vs "$BUMP_CMD" -- "$TBUMP_CMD"
    m "$W check" "tbump --dry-run / bump check" "$d" -n "$n" --vs "$BUMP_CHECK" -- "$TBUMP_CHECK"
  else
    m "$W bump" "bump" "$d" -n "$n" --prepare "$RESTORE" -- "$BUMP_CMD"
  fi
  m "$W check" "bump check / grep floor" "$d" -n "$((n * 2))" --vs "$grep_floor" -- "$BUMP_CHECK"
done

echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/env.md"

# ---- the table ---------------------------------------------------------------------------
python3 - "$J" "$OUT/env.md" "$OUT/verify.md" "$SHARED/report.py" >"$OUT/latest.md" <<'PY'
import json, subprocess, sys

jsonl, env, verify, report = sys.argv[1:5]
rows = [json.loads(l) for l in open(jsonl) if l.strip()]
by = {(r["group"], r["label"]): r for r in rows}
GOALS = {"W1": (100, 20, 0.005), "W2": (50, 10, 0.030)}


def ms(x):
    if x is None:
        return "-"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def wall(block):
    return block["wall"]["median"] if block else None


def cpu(block):
    return block["cpu"]["median"] if block else None


def times(r):
    return "-" if r is None else f"{r:.1f}×"


def paired(r):
    return r["ratio_A_over_B"]["median"] if r else None


def div(a, b):
    return a / b if a is not None and b else None


def verdict(value, goal, higher_is_better=True):
    if value is None:
        return "-"
    ok = value >= goal if higher_is_better else value <= goal
    return "met" if ok else "**missed**"


out = ["# bump vs bump-my-version and tbump", ""]
out += [l.rstrip("\n") for l in open(env)]
out += ["", "Medians from `../shared/bench/harness.py` (wall: spawn to reap; cpu: user+sys of the command "
        "and the children it waited for, git included). Ratios are paired: the two commands alternate "
        "and the wall-time ratio is taken pair by pair, its median quoted. Rewriting runs start from an "
        "untimed `git reset -q --hard && git clean -qfd`. When the machine is shared, wall times of "
        "every tool stretch; the cpu ratio shows the work done.", ""]
out += ["## Bump (`patch --no-commit --no-tag`)", "",
        "| workload | bump wall (cpu) | bump-my-version wall (cpu) | tbump wall (cpu) "
        "| bump-my-version / bump, paired (cpu) | goal | tbump / bump, paired (cpu) | goal |",
        "|---|---:|---:|---:|---:|---|---:|---|"]
for w in ("W1", "W2"):
    g1, g2, _ = GOALS[w]
    a = by.get((f"{w} bump", "bump-my-version / bump"))
    b = by.get((f"{w} bump", "tbump / bump"))
    solo = by.get((f"{w} bump", "bump"))
    bump = a["B"] if a else solo["A"] if solo else None
    bmv = a["A"] if a else None
    tb = b["A"] if b else None
    r1, r2 = paired(a), paired(b)
    c1 = div(cpu(bmv), cpu(a["B"]) if a else None)
    c2 = div(cpu(tb), cpu(b["B"]) if b else None)
    out.append(f"| {w} | {ms(wall(bump))} ({ms(cpu(bump))}) | {ms(wall(bmv))} ({ms(cpu(bmv))}) "
               f"| {ms(wall(tb))} ({ms(cpu(tb))}) | {times(r1)} ({times(c1)}) | ≥ {g1}×: {verdict(r1, g1)} "
               f"| {times(r2)} ({times(c2)}) | ≥ {g2}×: {verdict(r2, g2)} |")
out += ["", "bump's figures are from its pairs with bump-my-version; its pairs with tbump are in the "
        "last section.", ""]
out += ["## Read-only check (`bump check`)", "",
        "| workload | bump check wall (cpu) | tbump --dry-run wall (cpu) | grep floor wall (cpu) "
        "| tbump / bump, paired | bump / grep, paired | goal (bump wall median) |",
        "|---|---:|---:|---:|---:|---:|---|"]
for w in ("W1", "W2"):
    goal = GOALS[w][2]
    t = by.get((f"{w} check", "tbump --dry-run / bump check"))
    f = by.get((f"{w} check", "bump check / grep floor"))
    bump = f["A"] if f else None
    out.append(f"| {w} | {ms(wall(bump))} ({ms(cpu(bump))}) | {ms(wall(t['A'] if t else None))} "
               f"({ms(cpu(t['A'] if t else None))}) | {ms(wall(f['B'] if f else None))} "
               f"({ms(cpu(f['B'] if f else None))}) | {times(paired(t))} "
               f"| {'-' if paired(f) is None else f'{paired(f):.2f}×'} "
               f"| ≤ {ms(goal)}: {verdict(wall(bump), goal, False)} |")
out += ["", "## Verification", ""] + [l.rstrip("\n") for l in open(verify)]
out += ["", "## Every row (`../shared/bench/report.py`)", ""]
out += subprocess.run([sys.executable, report, jsonl], capture_output=True, text=True,
                      check=True).stdout.strip("\n").splitlines()
print("\n".join(out))
PY
# the printed table: everything up to the verification section
sed '/^## Verification/,$d' "$OUT/latest.md"
cp "$OUT/latest.md" "$RESULTS"
echo "results: $RESULTS (raw figures and logs: $OUT)"

# ---- the other workloads: init on the 20,000-file tree, changelog on 10k/100k commits ------
# (each its own script, also runnable alone; SKIP_INIT=1 / SKIP_CHANGELOG=1 leave them out)
if [[ -z ${SKIP_INIT:-} ]]; then
  echo "== bump init on W2 (22,011 files)"
  { echo; echo "## bump init --dry-run on W2 (bench/init.sh)"; echo; echo '```'
    bash "$ROOT/bench/init.sh" "$BUMP" 2>&1 | tail -n 20; echo '```'; } | tee -a "$RESULTS"
fi
if [[ -z ${SKIP_CHANGELOG:-} ]]; then
  echo "== changelog on 10k and 100k commits"
  { echo; echo "## changelog on 10k / 100k commits (bench/changelog.sh)"; echo
    WORK=$WORK BUMP=$BUMP bash "$ROOT/bench/changelog.sh" 2>&1 | tail -n 40; } | tee -a "$RESULTS"
fi
