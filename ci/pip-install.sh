#!/usr/bin/env bash
# `pip install .` into a fresh venv must put a working `bump` on PATH (maturin, bindings = "bin").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-pip.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$root"
out=$("$work/venv/bin/bump" --version)
want="bump $(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
[ "$out" = "$want" ] || { echo "FAIL: pip-installed bump says '$out', expected '$want'"; exit 1; }
echo "pip install: $out"
