#!/usr/bin/env bash
# The hooks of this repository's own .pre-commit-hooks.yaml, built from source: the real
# pre-commit framework pip-installs a snapshot of the working tree (maturin compiles `bump`,
# as for anyone who points pre-commit at this repository), then bump-check refuses a commit that
# breaks version consistency and passes a consistent one, and bump-check-tag judges pushes at
# the pre-push stage. Needs python3, git and cargo. Prints `pre-commit source install: N s`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=ci/precommit-lib.sh
. "$root/ci/precommit-lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
bash "$root/ci/tools.sh" >/dev/null
export PATH="$tools/bin:$PATH" PRE_COMMIT_HOME="$work/cache"

# pre-commit installs hooks from a commit: snapshot the working tree (uncommitted changes too)
rev=$(snapshot_repo "$root" "$work/hookrepo")
proj=$work/project
fixture_project "$work/hookrepo" "$rev" "$proj"
cd "$proj"
pre-commit install -t pre-commit -t pre-push >/dev/null
start=$(now)
pre-commit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "pre-commit could not build and install the hooks"; }
echo "pre-commit source install: $(since "$start") s (pip builds bump with maturin and cargo)"
check_commits "$proj"
check_pushes "$proj"
summary "pre-commit hook (source)"
