#!/usr/bin/env bash
# The release body the release workflow publishes (ci/release-notes.sh, from `bump changelog`)
# on a rehearsed release in a clone: v0.0.9 on this checkout's HEAD, two conventional commits,
# then the tag vVERSION. Its notes hold exactly those two commits, grouped, and nothing older.
# Needs target/release/bump. Prints `release notes: N entries`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-notes.XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/clone"
cd "$work/clone"
g() { git -c user.name=ci -c user.email=ci@example.invalid -c commit.gpgsign=false -c tag.gpgsign=false "$@"; }
g tag -a v0.0.9 -m v0.0.9
g commit -q --allow-empty -m "feat(action): a rehearsal feature"
g commit -q --allow-empty -m "fix: a rehearsal fix"
g tag -a "v$version" -m "v$version"
start=$(now)
notes=$(bash "$root/ci/release-notes.sh" "v$version")
secs=$(since "$start")
want=$'### Added\n\n- **action:** a rehearsal feature'
[[ $notes == *"$want"* ]] || { echo "$notes"; fail "the notes lack the feature under Added"; }
[[ $notes == *$'### Fixed\n\n- a rehearsal fix'* ]] || { echo "$notes"; fail "the notes lack the fix under Fixed"; }
entries=$(grep -c '^- ' <<<"$notes")
[ "$entries" -eq 2 ] || { echo "$notes"; fail "the notes hold $entries entries, not the release's 2"; }
if bash "$root/ci/release-notes.sh" v0.0.8 >/dev/null 2>&1; then fail "notes for a tag that does not exist"; fi
pass "release notes: $entries entries for v$version from bump changelog ($secs s)"
summary "release notes"
