#!/usr/bin/env bash
# The wheel from ci/build-wheel.sh is a manylinux2014 wheel (auditwheel agrees) and installs in
# seconds into a fresh venv with `pip install --no-index`, no cargo or rustc on PATH, giving a
# `bump` that reports this checkout's version. Prints `wheel install: N s`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
whl=$(wheel_in "$wheels")
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$tools/bin/auditwheel" show "$whl" >"$work/audit" 2>&1 || { cat "$work/audit"; fail "auditwheel show rejects $whl"; }
tr -s ' \n' ' ' <"$work/audit" | grep -q 'consistent with the following platform tag: "manylinux_2_17_' \
  || { cat "$work/audit"; fail "auditwheel: not manylinux2014 (manylinux_2_17)"; }
echo "auditwheel: $(basename "$whl") is manylinux_2_17 (manylinux2014)"

python3 -m venv "$work/venv"
nopath=$(path_without_rust)
PATH=$nopath command -v cargo >/dev/null && fail "cargo still on PATH"
start=$(now)
PATH="$work/venv/bin:$nopath" "$work/venv/bin/pip" install --quiet --no-index \
  --disable-pip-version-check "$whl"
secs=$(since "$start")
out=$(PATH="$work/venv/bin:$nopath" bump --version)
[ "$out" = "bump $version" ] || fail "the wheel's bump says '$out', expected 'bump $version'"
under "$secs" 15 || fail "wheel install took $secs s (limit 15 s)"
echo "wheel install: $secs s (pip --no-index, fresh venv, no cargo on PATH): $out"
