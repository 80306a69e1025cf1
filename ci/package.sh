#!/usr/bin/env bash
# package.sh TARGET BINARY OUT_DIR: the release archive of one target, as the release workflow
# attaches it and the Action (action/install.sh) and `cargo binstall` (Cargo.toml) fetch it:
#   OUT_DIR/bump-vVERSION-TARGET.tar.gz (.zip for Windows), holding bump-vVERSION-TARGET/ with
#   the binary, README.md and CHANGELOG.md, and OUT_DIR/<archive>.sha256 (`sha256sum` format).
# VERSION is Cargo.toml's. Runs on Linux, macOS and Windows (Git Bash) runners.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: package.sh TARGET BINARY OUT_DIR" >&2; exit 2; }
target=$1 bin=$2 out=$3
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
name=bump-v$version-$target
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/bump-package.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
case "$target" in
  *-windows-*) cp "$bin" "$stage/$name/bump.exe"; archive=$name.zip ;;
  *) cp "$bin" "$stage/$name/bump"; chmod 755 "$stage/$name/bump"; archive=$name.tar.gz ;;
esac
cp "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"
rm -f "$out/$archive"
case "$archive" in
  *.zip)
    if command -v zip >/dev/null; then
      (cd "$stage" && zip -qr "$out/$archive" "$name")
    else
      (cd "$stage" && 7z a -tzip -bso0 "$out/$archive" "$name")
    fi
    ;;
  *) tar -C "$stage" -czf "$out/$archive" "$name" ;;
esac
if command -v sha256sum >/dev/null; then
  sum=$(sha256sum "$out/$archive" | awk '{ print $1 }')
else
  sum=$(shasum -a 256 "$out/$archive" | awk '{ print $1 }')
fi
echo "$sum  $archive" >"$out/$archive.sha256"
echo "$out/$archive"
