# Sourced by ci/pre-commit-hook.sh (this repository's hooks, built from source) and
# ci/pre-commit-mirror.sh (the mirror template, installing the wheel): a fixture project wired
# to a hook repository, and the commit and push checks both routes must pass.
# shellcheck shell=bash disable=SC2154  # root: from ci/lib.sh, sourced first

# snapshot_repo SRC DEST: DEST a new git repository with one commit of the files git lists under
# SRC (tracked, and untracked but not ignored: uncommitted changes count). Prints its HEAD.
snapshot_repo() {
  local src=$1 dest=$2
  mkdir -p "$dest"
  (cd "$src" && git ls-files -z --cached --others --exclude-standard \
     | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
     | xargs -0 cp --parents -t "$dest")
  git -C "$dest" init -q -b main
  git -C "$dest" add -A
  ci_git -C "$dest" commit -qm snapshot
  git -C "$dest" rev-parse HEAD
}

# git with a fixed identity and no signing
ci_git() {
  git -c user.name=ci -c user.email=ci@example.invalid -c commit.gpgsign=false \
    -c tag.gpgsign=false "$@"
}

# fixture_project HOOKREPO REV DEST: tests/fixtures/monorepo (components `platform` 2.0.0, tag
# cli-v{new_version}, and `sdk`) as a git repository whose .pre-commit-config.yaml takes both
# hooks from HOOKREPO at REV, with a bare `origin` beside it to push to.
fixture_project() {
  local hookrepo=$1 rev=$2 proj=$3
  cp -R "$root/tests/fixtures/monorepo" "$proj"
  cat >"$proj/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: bump-check
      - id: bump-check-tag
        args: [-v]
        verbose: true
YAML
  git init -q --bare "$proj.origin.git"
  git -C "$proj" init -q -b main
  git -C "$proj" remote add origin "$proj.origin.git"
  git -C "$proj" add -A
  ci_git -C "$proj" commit -qm init
}

# check_commits PROJECT: with the hooks installed, a consistent commit passes bump-check and one
# that breaks consistency is refused, naming the drift.
check_commits() {
  local proj=$1 out
  out=$(mktemp)
  (cd "$proj"
   echo "# docs" >>README.md && git add README.md
   ci_git commit -qm "docs: readme" >"$out" 2>&1) || { cat "$out"; fail "a consistent commit was rejected"; }
  pass "  consistent commit: accepted"
  (cd "$proj"
   sed -i 's/version = "2.0.0"/version = "1.9.0"/' server/pyproject.toml && git add server/pyproject.toml
   ! ci_git commit -qm "chore: drift" >"$out" 2>&1) || { cat "$out"; fail "a commit breaking version consistency was accepted"; }
  grep -q "server/pyproject.toml:4: expected 2.0.0, found 1.9.0" "$out" \
    || { cat "$out"; fail "the hook's output does not name the drift"; }
  pass "  inconsistent commit: rejected (server/pyproject.toml:4: expected 2.0.0, found 1.9.0)"
  git -C "$proj" checkout -q HEAD -- server/pyproject.toml
  rm -f "$out"
}

# new_commit PROJECT: one more commit (hooks skipped), something new to push
new_commit() {
  echo "note" >>"$1/NOTES"
  git -C "$1" add NOTES
  ci_git -C "$1" commit -q --no-verify -m "docs: notes"
}

# push PROJECT OUT REFS...: `git push origin REFS` (the pre-push hooks run), output to OUT
push() {
  local proj=$1 out=$2
  shift 2
  ci_git -C "$proj" push -q origin "$@" >"$out" 2>&1
}

# check_pushes PROJECT: bump-check-tag at the pre-push stage: an untagged HEAD pushes (saying at
# -v that no release tag points at HEAD), a release tag naming another version is refused, the
# release tag of the package version pushes.
check_pushes() {
  local proj=$1 out
  out=$(mktemp)
  new_commit "$proj"
  push "$proj" "$out" main || { cat "$out"; fail "a push of an untagged HEAD was refused"; }
  grep -q "no release tag points at HEAD" "$out" \
    || { cat "$out"; fail "the pre-push hook did not run, or did not say why it passed"; }
  pass "  push, no release tag at HEAD: accepted"
  new_commit "$proj"
  git -C "$proj" tag cli-v1.0.0
  if push "$proj" "$out" main; then cat "$out"; fail "a push whose release tag names another version was accepted"; fi
  grep -q "doesn't match release tag (1.0.0)" "$out" || { cat "$out"; fail "the pre-push hook does not name the wrong tag"; }
  pass "  push, release tag cli-v1.0.0 at HEAD (package 2.0.0): rejected"
  git -C "$proj" tag -d cli-v1.0.0 >/dev/null
  git -C "$proj" tag cli-v2.0.0
  push "$proj" "$out" main cli-v2.0.0 || { cat "$out"; fail "a push with the right release tag was refused"; }
  grep -q "tag cli-v2.0.0 matches" "$out" || { cat "$out"; fail "the pre-push hook did not check cli-v2.0.0"; }
  pass "  push, release tag cli-v2.0.0 at HEAD: accepted"
  rm -f "$out"
}
