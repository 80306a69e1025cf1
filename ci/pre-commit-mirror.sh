#!/usr/bin/env bash
# The pre-commit mirror without a toolchain: a mirror repository made from pre-commit-mirror/ by
# its update.sh, installed by the real pre-commit framework with the index off (PIP_NO_INDEX=1;
# the wheel from ci/build-wheel.sh and flit_core, the mirror's build backend, from
# PIP_FIND_LINKS) and no cargo on PATH, in under 30 s; then bump-check refuses an inconsistent
# commit and passes a consistent one, and bump-check-tag judges pushes at the pre-push stage.
# Prints `pre-commit mirror install: N s`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=ci/precommit-lib.sh
. "$root/ci/precommit-lib.sh"
whl=$(wheel_in "$wheels")
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-mirror.XXXXXX")
trap 'rm -rf "$work"' EXIT

# everything the offline install needs, fetched while the index is still on
links=$work/find-links
mkdir -p "$links"
cp "$whl" "$links/"
"$tools/bin/pip" download --quiet --disable-pip-version-check --only-binary :all: \
  --dest "$links" "flit_core>=3.9,<4"

mirror=$work/bumpsmith-pre-commit
git init -q -b main "$mirror"
ci_git -C "$mirror" commit -q --allow-empty -m "start"
(export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid GIT_COMMITTER_NAME=ci \
   GIT_COMMITTER_EMAIL=ci@example.invalid
 bash "$root/pre-commit-mirror/update.sh" "$version" "$mirror" >/dev/null)
grep -q "\"bumpsmith==$version\"" "$mirror/pyproject.toml" || fail "the mirror does not pin bumpsmith==$version"

proj=$work/project
fixture_project "$mirror" "v$version" "$proj"
export PRE_COMMIT_HOME=$work/cache PIP_NO_INDEX=1 PIP_FIND_LINKS=$links
PATH="$tools/bin:$(path_without_rust)"
export PATH
command -v cargo >/dev/null && fail "cargo still on PATH"
cd "$proj"
pre-commit install -t pre-commit -t pre-push >/dev/null
start=$(now)
pre-commit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "pre-commit could not install the mirror's hooks offline"; }
secs=$(since "$start")
under "$secs" 30 || fail "the mirror's hooks took $secs s to install (limit 30 s)"
echo "pre-commit mirror install: $secs s (PIP_NO_INDEX=1, wheel + flit_core from PIP_FIND_LINKS, no cargo on PATH)"
check_commits "$proj"
check_pushes "$proj"
summary "pre-commit mirror"
