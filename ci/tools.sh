#!/usr/bin/env bash
# The tools venv every later CI step uses (target/ci/tools, from ci/tools-requirements.txt,
# binary wheels only). Kept when it already has them all. Prints `tools venv: N s`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
start=$(now)
stamp=$tools/.requirements
if ! cmp -s "$root/ci/tools-requirements.txt" "$stamp" 2>/dev/null; then
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check --only-binary :all: \
    -r "$root/ci/tools-requirements.txt"
  cp "$root/ci/tools-requirements.txt" "$stamp"
fi
echo "tools venv: $(since "$start") s"
