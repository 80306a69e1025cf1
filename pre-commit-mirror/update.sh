#!/usr/bin/env bash
# update.sh VERSION MIRROR_DIR: write this template into a checkout of the pre-commit mirror
# repository for bumpsmith VERSION (X.Y.Z, or a SemVer pre-release such as 1.2.0-rc.1), commit
# it and tag it vVERSION. The release workflow runs it after the wheels are on PyPI, then pushes
# the branch and the tag. Re-running it for a version already there changes nothing.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: update.sh VERSION MIRROR_DIR" >&2; exit 2; }
ver=${1#v}
dest=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ $ver =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || { echo "update.sh: not a version: $ver" >&2; exit 2; }
git -C "$dest" rev-parse --git-dir >/dev/null

cp "$here/.pre-commit-hooks.yaml" "$here/README.md" "$here/bumpsmith_pre_commit.py" "$dest/"
# the wheel's version is the PEP 440 spelling pip compares (1.2.0-rc.1 is 1.2.0rc1)
sed -e "s/^version = \".*\"/version = \"$ver\"/" \
    -e "s/\"bumpsmith==[^\"]*\"/\"bumpsmith==$ver\"/" \
    "$here/pyproject.toml" >"$dest/pyproject.toml"
sed -i "s/rev: v[0-9][0-9A-Za-z.+-]*/rev: v$ver/" "$dest/README.md" "$dest/.pre-commit-hooks.yaml"
grep -q "\"bumpsmith==$ver\"" "$dest/pyproject.toml" || { echo "update.sh: pyproject.toml not updated" >&2; exit 1; }

cd "$dest"
git add pyproject.toml .pre-commit-hooks.yaml README.md bumpsmith_pre_commit.py
if ! git diff --cached --quiet; then
  git commit -q -m "bumpsmith $ver"
fi
if ! git rev-parse -q --verify "refs/tags/v$ver" >/dev/null; then
  git tag -a "v$ver" -m "bumpsmith $ver"
fi
echo "pre-commit mirror at bumpsmith $ver: $(git rev-parse --short HEAD), tag v$ver"
