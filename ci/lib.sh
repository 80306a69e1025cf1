# Sourced by the ci/*.sh steps: the repository root, the shared tools venv and the wheel
# directory under target/ci/ (so one .ci/run builds the wheel once and every step reuses it),
# and a stopwatch for the figures each step prints.
# shellcheck shell=bash disable=SC2034  # the variables are for the scripts that source this
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ci_dir=$root/target/ci
tools=$ci_dir/tools          # venv: maturin, ziglang, auditwheel, pre-commit, linters (ci/tools.sh)
wheels=${WHEEL_DIR:-$ci_dir/wheels}
# the version this checkout builds (Cargo.toml [package] version)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
# the runner's git config must not leak into the fixture repositories
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
# this machine's pip reads extra find-links from the environment; every step names its own
unset PIP_FIND_LINKS PIP_NO_INDEX

# seconds since the epoch, with microseconds
now() { printf '%s\n' "${EPOCHREALTIME/,/.}"; }
# seconds since START, one decimal
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# fail unless SECONDS (a decimal) is below LIMIT
under() { awk -v s="$1" -v l="$2" 'BEGIN { exit !(s < l) }'; }

# PATH without any directory holding cargo or rustc: proves an install needs no Rust toolchain
path_without_rust() {
  local out="" dir
  local IFS=:
  for dir in $PATH; do
    [ -n "$dir" ] || continue
    if [ -x "$dir/cargo" ] || [ -x "$dir/rustc" ]; then continue; fi
    out=${out:+$out:}$dir
  done
  printf '%s\n' "$out"
}

fail() { echo "FAIL: $*" >&2; exit 1; }

# pass MESSAGE: one more check passed; summary NAME prints the closing `N passed, 0 failed`
passed=0
pass() { passed=$((passed + 1)); echo "$*"; }
summary() { echo "$1: $passed passed, 0 failed"; }

# wheel_in DIR: this version's manylinux2014 wheel in DIR (fails when there is none)
wheel_in() {
  local w
  for w in "$1"/bumpsmith-"$version"-py3-none-manylinux2014_*.whl; do
    [ -f "$w" ] && { echo "$w"; return; }
  done
  fail "no bumpsmith $version manylinux2014 wheel in $1 (ci/build-wheel.sh makes it)"
}
