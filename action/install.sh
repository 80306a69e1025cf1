#!/usr/bin/env bash
# Installs `bump` for the GitHub Action (../action.yml) on Linux, macOS and Windows runners: the
# released binary for the runner's OS and architecture, of the release the Action's own ref
# names, verified against its SHA-256; for a ref that is no release (a branch, a local `./`,
# an unreleased commit), a build of the Action's own source with cargo.
#
# Environment (action.yml sets these from the runner and the github context):
#   ACTION_PATH        the Action's files ($GITHUB_ACTION_PATH): Cargo.toml names its version
#   ACTION_REF         the ref the workflow used: v0.1.0, v0 / v0.1 (moving tags), a commit SHA,
#                      a branch; empty for a local action (`uses: ./`)
#   ACTION_REPOSITORY  owner/name of the Action
#   BUMP_VERSION       optional: install this release instead (e.g. 0.1.0)
#   GITHUB_SERVER_URL  https://github.com, or a GitHub Enterprise server
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH   set by the runner
# Release assets (.github/workflows/release.yml, ci/package.sh):
#   bump-vVERSION-TARGET.tar.gz (.zip on Windows) and bump-vVERSION-TARGET.tar.gz.sha256
set -euo pipefail

# release_target OS ARCH: the Rust target of the release archive for a runner (RUNNER_OS,
# RUNNER_ARCH), or nothing when no archive fits it.
release_target() {
  case "$1/$2" in
    Linux/X64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-musl ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    # Windows on Arm runs x64 binaries
    Windows/X64 | Windows/ARM64) echo x86_64-pc-windows-msvc ;;
    *) ;;
  esac
}

# archive_name VERSION TARGET
archive_name() {
  case "$2" in
    *-windows-*) echo "bump-v$1-$2.zip" ;;
    *) echo "bump-v$1-$2.tar.gz" ;;
  esac
}

# source_version DIR: the version in DIR/Cargo.toml
source_version() {
  sed -n 's/^version = "\(.*\)"/\1/p' "$1/Cargo.toml" | head -1
}

# released_version REF VERSION REPO_URL: VERSION when REF names its release (vVERSION, VERSION,
# a moving major/minor tag vX or vX.Y of it, or the commit SHA the tag vVERSION points at), else
# nothing.
released_version() {
  local ref=$1 ver=$2 url=$3 sha
  case "$ref" in
    "v$ver" | "$ver") echo "$ver"; return ;;
  esac
  if [[ $ref =~ ^v?[0-9]+(\.[0-9]+)?$ && $ver == "${ref#v}".* && $ver != *-* ]]; then
    echo "$ver"
    return
  fi
  if [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
    # the commit the release tag points at (peeled, for an annotated tag)
    sha=$(git ls-remote "$url" "refs/tags/v$ver" "refs/tags/v$ver^{}" 2>/dev/null \
      | awk '{ print $1 }' | tail -1) || sha=""
    if [ "$sha" = "$ref" ]; then echo "$ver"; fi
  fi
}

# sha256_of FILE
sha256_of() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | awk '{ print $1 }'
  else
    shasum -a 256 "$1" | awk '{ print $1 }'
  fi
}

# download_release URL_BASE VERSION TARGET DEST: fetch, verify and unpack the release archive;
# prints the directory holding `bump`.
download_release() {
  local base=$1 ver=$2 target=$3 dest=$4 name want got
  name=$(archive_name "$ver" "$target")
  mkdir -p "$dest"
  curl -fsSL --retry 3 -o "$dest/$name" "$base/v$ver/$name" \
    || { echo "::error::cannot download $base/v$ver/$name" >&2; return 1; }
  curl -fsSL --retry 3 -o "$dest/$name.sha256" "$base/v$ver/$name.sha256" \
    || { echo "::error::cannot download $base/v$ver/$name.sha256" >&2; return 1; }
  want=$(awk '{ print $1; exit }' "$dest/$name.sha256")
  got=$(sha256_of "$dest/$name")
  if [ -z "$want" ] || [ "$want" != "$got" ]; then
    echo "::error::$name: SHA-256 $got does not match the published $want" >&2
    return 1
  fi
  case "$name" in
    *.zip)
      if command -v unzip >/dev/null; then
        (cd "$dest" && unzip -q -o "$name")
      else
        (cd "$dest" && 7z x -y -bso0 "$name")
      fi
      ;;
    *) tar -xzf "$dest/$name" -C "$dest" ;;
  esac
  echo "$dest/bump-v$ver-$target"
}

# build_from_source ACTION_PATH DEST: cargo install into DEST; prints the directory holding `bump`
build_from_source() {
  command -v cargo >/dev/null \
    || { echo "::error::no release to download for this ref, and no cargo to build one (add a Rust toolchain)" >&2; return 1; }
  cargo install --locked --quiet --path "$1" --root "$2" >&2
  echo "$2/bin"
}

# action_origin PATH: "OWNER/NAME REF" of an action the runner downloaded, from where it put it
# (RUNNER_WORK/_actions/OWNER/NAME/REF); nothing for another path (a local `./` action). The
# github.action_ref and action_repository contexts are not promised for composite actions
# (actions/runner#2473) and name the outer action when nested; the path is always this one's.
action_origin() {
  local p=${1//\\//}
  p=${p%/}
  if [[ $p == */_actions/*/*/* ]]; then
    p=${p##*/_actions/}
    local owner=${p%%/*} rest=${p#*/}
    echo "$owner/${rest%%/*} ${rest#*/}"
  fi
}

main() {
  local ver release target dir repo ref origin server dest how
  server=${GITHUB_SERVER_URL:-https://github.com}
  origin=$(action_origin "$ACTION_PATH")
  if [ -n "$origin" ]; then
    repo=${origin% *} ref=${origin#* }
  else
    repo=${ACTION_REPOSITORY:-} ref=${ACTION_REF:-}
  fi
  ver=$(source_version "$ACTION_PATH")
  if [ -n "${BUMP_VERSION:-}" ]; then
    release=${BUMP_VERSION#v}
  elif [ -n "$repo" ] && [ -n "$ref" ]; then
    release=$(released_version "$ref" "$ver" "$server/$repo")
  else
    release=""
  fi
  target=$(release_target "${RUNNER_OS:-}" "${RUNNER_ARCH:-}")
  dest=${RUNNER_TEMP:?}/bumpsmith
  if [ -n "$release" ] && [ -n "$target" ]; then
    dir=$(download_release "$server/$repo/releases/download" "$release" "$target" "$dest")
    how="release v$release ($target, SHA-256 verified)"
  else
    if [ -n "$release" ]; then
      how="built from source (no release archive for a ${RUNNER_OS:-?}/${RUNNER_ARCH:-?} runner)"
    else
      how="built from source (${ref:-a local action} is no release of $ver)"
    fi
    dir=$(build_from_source "$ACTION_PATH" "$dest")
  fi
  echo "bump: $("$dir/bump" --version), $how"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "bump-version=$("$dir/bump" --version)" >>"$GITHUB_OUTPUT"
  fi
  # GITHUB_PATH takes a native path (C:\... on Windows)
  if command -v cygpath >/dev/null; then dir=$(cygpath -w "$dir"); fi
  echo "$dir" >>"${GITHUB_PATH:?}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi
