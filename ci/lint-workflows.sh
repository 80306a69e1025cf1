#!/usr/bin/env bash
# The GitHub workflows pass actionlint (with shellcheck over their `run:` scripts), and the
# shell scripts CI, the Action and the mirror run pass shellcheck. Prints
# `actionlint: N workflows clean`.
set -euo pipefail
# shellcheck source=ci/lib.sh
. "$(dirname "$0")/lib.sh"
bash "$root/ci/tools.sh" >/dev/null
cd "$root"
export PATH="$tools/bin:$PATH"
command -v shellcheck >/dev/null || fail "shellcheck missing from the tools venv"
workflows=(.github/workflows/*.yml)
actionlint -shellcheck "$(command -v shellcheck)" "${workflows[@]}"
pass "actionlint: ${#workflows[@]} workflows clean ($(actionlint -version | head -1), shellcheck $(shellcheck --version | sed -n 's/^version: //p'))"
scripts=(ci/*.sh action/install.sh pre-commit-mirror/update.sh .ci/run)
shellcheck -x "${scripts[@]}"
pass "shellcheck: ${#scripts[@]} scripts clean"
summary "workflow lint"
