#!/usr/bin/env bash
# build-wheel.sh [DIR]: a manylinux2014 wheel of the `bump` binary into DIR (default: WHEEL_DIR,
# else target/ci/wheels), with maturin and zig from PyPI (`make wheel` puts it in dist/).
# Needs a Rust toolchain; the wheel it makes does not. Prints `wheel build: N s`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
out=${1:-$wheels}
bash "$root/ci/tools.sh" >/dev/null
start=$(now)
mkdir -p "$out"
rm -f "$out"/bumpsmith-"$version"-*manylinux*.whl
# maturin finds zig as `python -m ziglang` of the python on PATH: the tools venv's
log=$(mktemp "${TMPDIR:-/tmp}/bump-wheel.XXXXXX")
trap 'rm -f "$log"' EXIT
(cd "$root" && PATH="$tools/bin:$PATH" maturin build --release --locked \
  --compatibility manylinux2014 --zig --out "$out") >"$log" 2>&1 || { cat "$log"; fail "maturin build"; }
whl=$(wheel_in "$out")
echo "wheel build: $(since "$start") s ($(basename "$whl"))"
