#!/usr/bin/env bash
# The GitHub Action: action.yml parses and has the shape GitHub loads (ci/check-action.py, and
# the vendored GitHub Actions schema of check-jsonschema); then action/install.sh on a rehearsed
# release (archives from ci/package.sh, served from a file:// "server" with a git repository for
# the tag): a release ref, a moving major tag and a tagged commit SHA download and verify the
# release archive, a tampered archive is refused, each runner maps to its archive, and an
# unreleased ref builds from source. Needs target/release/bump. Prints
# `action install (release archive): N s`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
bash "$root/ci/tools.sh" >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-action.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass "$(PATH="$tools/bin:$PATH" "$tools/bin/python" "$root/ci/check-action.py" "$root/action.yml")"
"$tools/bin/check-jsonschema" --builtin-schema vendor.github-actions "$root/action.yml" >/dev/null \
  || fail "action.yml does not match the GitHub Actions schema"
pass "action.yml: matches the GitHub Actions schema (check-jsonschema vendor.github-actions)"

# the functions, one by one
# shellcheck source=action/install.sh
. "$root/action/install.sh"
want="Linux/X64=x86_64-unknown-linux-musl Linux/ARM64=aarch64-unknown-linux-musl
macOS/X64=x86_64-apple-darwin macOS/ARM64=aarch64-apple-darwin
Windows/X64=x86_64-pc-windows-msvc Windows/ARM64=x86_64-pc-windows-msvc Linux/ARM= Windows/X86="
for pair in $want; do
  got=$(release_target "${pair%%/*}" "$(echo "${pair%%=*}" | cut -d/ -f2)")
  [ "$got" = "${pair#*=}" ] || fail "release_target ${pair%%=*}: '$got', expected '${pair#*=}'"
done
[ "$(archive_name 1.2.0 x86_64-pc-windows-msvc)" = bump-v1.2.0-x86_64-pc-windows-msvc.zip ] || fail archive_name
[ "$(action_origin 'D:\a\_actions\acme\bumpsmith\v1.2.0')" = "acme/bumpsmith v1.2.0" ] || fail "action_origin (Windows path)"
[ -z "$(action_origin "$root")" ] || fail "action_origin of a local action"
for ref in v1.2.0 1.2.0 v1 v1.2; do
  [ "$(released_version "$ref" 1.2.0 file:///nowhere)" = 1.2.0 ] || fail "released_version $ref"
done
for ref in main v2 v1.3 v1.2.1; do
  [ -z "$(released_version "$ref" 1.2.0 file:///nowhere)" ] || fail "released_version $ref is no release"
done
[ -z "$(released_version v1 1.2.0-rc.1 file:///nowhere)" ] || fail "a moving tag never names a pre-release"
pass "action/install.sh: 8 runner kinds to 5 release targets, archive names, refs (release, moving tags, branches) as expected"

# a rehearsed release v$version of acme/bumpsmith, served from file://
server=$work/server
repo=$server/acme/bumpsmith
git init -q -b main "$repo"
cp "$root/Cargo.toml" "$repo/"
git -C "$repo" add Cargo.toml
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid commit -qm release
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid tag -a "v$version" -m "v$version"
release_sha=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid commit -q --allow-empty -m later
later_sha=$(git -C "$repo" rev-parse HEAD)
assets=$repo/releases/download/v$version
bash "$root/ci/package.sh" x86_64-unknown-linux-musl "$root/target/release/bump" "$assets" >/dev/null

# install REF [VAR=VALUE...]: run the Action's install step as a Linux x64 runner would, for the
# Action downloaded at REF (RUNNER_WORK/_actions/acme/bumpsmith/REF); output in $work/out
install() {
  local ref=$1
  shift
  local action=$work/runner/_actions/acme/bumpsmith/$ref
  rm -rf "$work/temp" "$action" && mkdir -p "$work/temp" "$action"
  cp "$root/Cargo.toml" "$action/"
  : >"$work/path" && : >"$work/output"
  env GITHUB_SERVER_URL="file://$server" ACTION_PATH="$action" ACTION_REF="$ref" \
    ACTION_REPOSITORY=acme/bumpsmith RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$work/temp" \
    GITHUB_PATH="$work/path" GITHUB_OUTPUT="$work/output" "$@" \
    bash "$root/action/install.sh" >"$work/out" 2>&1
}
# installed: the bump on the PATH the step left reports the version
installed() {
  local dir
  dir=$(head -1 "$work/path")
  [ "$("$dir/bump" --version)" = "bump $version" ] || { cat "$work/out"; fail "$1: the installed bump is not $version"; }
  grep -q "^bump-version=bump $version$" "$work/output" || fail "$1: no bump-version output"
}

start=$(now)
install "v$version" || { cat "$work/out"; fail "install of release v$version"; }
secs=$(since "$start")
installed "v$version"
grep -q "release v$version (x86_64-unknown-linux-musl, SHA-256 verified)" "$work/out" || { cat "$work/out"; fail "not from the release archive"; }
pass "action install (release archive): $secs s (ref v$version, SHA-256 verified)"
install "v${version%%.*}" || { cat "$work/out"; fail "moving tag v${version%%.*}"; }
installed "moving tag"
grep -q "SHA-256 verified" "$work/out" || fail "moving tag: not from the release archive"
install "$release_sha" || { cat "$work/out"; fail "the release commit's SHA"; }
installed "release SHA"
grep -q "SHA-256 verified" "$work/out" || fail "release SHA: not from the release archive"
pass "action install: moving tag v${version%%.*} and the release's commit SHA download v$version too"

cp "$assets/bump-v$version-x86_64-unknown-linux-musl.tar.gz" "$work/good.tar.gz"
echo tampered >>"$assets/bump-v$version-x86_64-unknown-linux-musl.tar.gz"
if install "v$version"; then fail "a tampered archive was installed"; fi
grep -q "does not match the published" "$work/out" || { cat "$work/out"; fail "no checksum error"; }
mv "$work/good.tar.gz" "$assets/bump-v$version-x86_64-unknown-linux-musl.tar.gz"
if install "v$version" RUNNER_OS=macOS RUNNER_ARCH=ARM64; then fail "macOS arm64 found an archive that is not there"; fi
grep -q "bump-v$version-aarch64-apple-darwin.tar.gz" "$work/out" || { cat "$work/out"; fail "macOS arm64 did not ask for its archive"; }
pass "action install: a tampered archive refused; macOS arm64 asks for bump-v$version-aarch64-apple-darwin.tar.gz"

# an unreleased ref (a branch, a commit after the release, a local ./): cargo install of the
# Action's own source (this checkout; CARGO_TARGET_DIR reuses the release build)
for ref in main "$later_sha"; do
  start=$(now)
  rm -rf "$work/temp" && mkdir -p "$work/temp" && : >"$work/path" && : >"$work/output"
  env ACTION_PATH="$root" ACTION_REF="$ref" ACTION_REPOSITORY=acme/bumpsmith \
    GITHUB_SERVER_URL="file://$server" RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$work/temp" \
    GITHUB_PATH="$work/path" GITHUB_OUTPUT="$work/output" CARGO_TARGET_DIR="$root/target" \
    bash "$root/action/install.sh" >"$work/out" 2>&1 || { cat "$work/out"; fail "source build for $ref"; }
  installed "$ref"
  grep -q "built from source" "$work/out" || { cat "$work/out"; fail "$ref: not built from source"; }
done
pass "action install: unreleased refs (a branch, a later commit) build from source ($(since "$start") s with a warm target/)"

pass "$("$tools/bin/python" "$root/ci/check-binstall.py" "$root/Cargo.toml" "$assets")"
summary action
