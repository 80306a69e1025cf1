#!/usr/bin/env bash
# Installs the real pre-commit framework and runs this repository's `bump-check` hook in a temp
# fixture repository: a commit that breaks version consistency must be rejected, a consistent
# one must pass. Called by .ci/run; needs python3, git and cargo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bump-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PATH="$work/venv/bin:$PATH" PRE_COMMIT_HOME="$work/cache"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# pre-commit installs hooks from a commit: snapshot the working tree (uncommitted changes too)
hookrepo="$work/hookrepo"
mkdir -p "$work/snapshot"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
   | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
   | xargs -0 cp --parents -t "$work/snapshot")
mv "$work/snapshot" "$hookrepo"
git -C "$hookrepo" init -q -b main
git -C "$hookrepo" -c user.name=ci -c user.email=ci@example.invalid add -A
git -C "$hookrepo" -c user.name=ci -c user.email=ci@example.invalid -c commit.gpgsign=false commit -qm snapshot
rev=$(git -C "$hookrepo" rev-parse HEAD)

proj="$work/project"
cp -R "$root/tests/fixtures/monorepo" "$proj"
cat > "$proj/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: bump-check
YAML
cd "$proj"
git init -q -b main
git config user.name ci; git config user.email ci@example.invalid; git config commit.gpgsign false
git add -A && git commit -qm init
pre-commit install >/dev/null

echo "consistent commit:"
echo "# docs" >> README.md && git add README.md
git commit -qm "docs: readme" || { echo "FAIL: a consistent commit was rejected"; exit 1; }

echo "inconsistent commit:"
sed -i 's/version = "2.0.0"/version = "1.9.0"/' server/pyproject.toml && git add server/pyproject.toml
if git commit -qm "chore: drift" >"$work/out" 2>&1; then
  cat "$work/out"; echo "FAIL: a commit breaking version consistency was accepted"; exit 1
fi
grep -q "server/pyproject.toml:4: expected 2.0.0, found 1.9.0" "$work/out" || { cat "$work/out"; echo "FAIL: hook output does not name the drift"; exit 1; }
echo "pre-commit hook: 2 passed, 0 failed"
