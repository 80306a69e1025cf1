#!/usr/bin/env bash
# release-notes.sh TAG: the body of TAG's GitHub release: the section `bump changelog --all`
# writes for that release (its commits since the previous release tag, grouped as in
# CHANGELOG.md), without its `## [VERSION] - DATE` heading. BUMP names the bump to run (default:
# target/release/bump; the release workflow runs the binary being released). Run in a clone
# with the history and tags (fetch-depth: 0). Fails when the section is missing or empty.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: release-notes.sh TAG" >&2; exit 2; }
tag=$1
root=$(cd "$(dirname "$0")/.." && pwd)
bump=${BUMP:-$root/target/release/bump}
git rev-parse -q --verify "refs/tags/$tag" >/dev/null || { echo "release-notes.sh: no tag $tag" >&2; exit 1; }
ver=${tag#v}
notes=$("$bump" changelog --all -q | awk -v head="## [$ver]" '
  index($0, head) == 1 { on = 1; next }
  on && /^## \[/ { exit }
  on { print }
' | sed -e '/./,$!d')
[ -n "$(printf '%s' "$notes" | tr -d '[:space:]')" ] \
  || { echo "release-notes.sh: bump changelog --all has no section for $ver" >&2; exit 1; }
printf '%s\n' "$notes"
