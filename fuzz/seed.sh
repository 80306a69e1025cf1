#!/usr/bin/env bash
# seed.sh: fill fuzz/corpus/<target>/ with seeds made from tests/fixtures/ (idempotent).
# Targets that take a selector byte get it prepended (see each target's `pick`/mode byte).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fx=$here/../tests/fixtures
corpus=$here/corpus
mkdir -p "$corpus"/{config_toml,config_ini,version_format,kinds,forms,text_search,changelog_commits,changelog_merge}

n=0
seed() { # seed TARGET NAME PREFIX_BYTES(printf format) [FILE...]: prefix + concatenated files
  local target=$1 name=$2 prefix=$3; shift 3
  { printf "$prefix"; if [ $# -gt 0 ]; then cat "$@"; fi; } > "$corpus/$target/$name"
  n=$((n + 1))
}
seed_text() { # seed_text TARGET NAME TEXT(printf format)
  printf "$3" > "$corpus/$1/$2"
  n=$((n + 1))
}

# config readers: every TOML and INI config in the fixtures
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1)); seed config_toml "fixture-$i" '' "$f"
done < <(find "$fx" -name '*.toml' -print0 | sort -z)
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  seed config_ini "bumpversion-$i" '\000' "$f"
  seed config_ini "setupcfg-$i" '\001' "$f"
done < <(find "$fx" \( -name '*.cfg' \) -print0 | sort -z)

# version parser/serializer: selector 1 defaults, 2 SemVer pre-release, 3 PEP 440, 0 own pattern
for v in 0.0.0 1.2.3 01.2.3 10.20.30; do seed_text version_format "default-$v" "\001$v"; done
for v in 1.0.0 1.0.0-dev1 1.0.0-rc2 1.0.0-final1; do seed_text version_format "semver-$v" "\002$v"; done
for v in 2.1.0 2.1.0b1 2.1.0rc2.dev3 2.1.0.dev4; do seed_text version_format "pep440-$v" "\003$v"; done
seed_text version_format own-1 '\000(?P<major>\\d+)\\.(?P<minor>\\d+)\0001.2'
seed_text version_format own-2 '\000(?x) (?P<major>\\d+) (?:-(?P<build>\\w+))?\0007-abc'

# structural locators: selector byte = the kind (see fuzz_targets/kinds.rs `pick`)
k=$fx/kinds
seed kinds package-json '\000' "$k/package-json/package.json"
seed kinds sdk-package-json '\000' "$fx/monorepo/sdk/package.json"
seed kinds pyproject '\001' "$k/pyproject/pyproject.toml"
seed kinds pyproject-dynamic '\001' "$k/pyproject/dynamic/pyproject.toml"
seed kinds pyproject-monorepo '\001' "$fx/monorepo/cli/pyproject.toml"
seed kinds dockerfile '\002' "$k/dockerfile/Dockerfile"
seed kinds dockerfile-env '\003' "$k/dockerfile/Dockerfile"
seed kinds dockerfile-monorepo '\002' "$fx/monorepo/Dockerfile"
seed kinds ci-env '\004' "$k/ci-env/.github/workflows/ci.yml"
seed kinds ci-env-init '\004' "$fx/init-monorepo/.github/workflows/ci.yml"
seed kinds python '\005' "$k/python/src/acme/__init__.py"
seed kinds python-conf '\005' "$k/python/docs/conf.py"
seed kinds setup-py '\006' "$k/setup-py/setup.py"
seed kinds setup-cfg '\007' "$k/setup-cfg/setup.cfg"
seed kinds cargo '\010' "$k/cargo/Cargo.toml"
seed kinds npm-lock '\011' "$k/npm-lock/package-lock.json"
seed kinds helm-chart '\012' "$k/helm-chart/Chart.yaml"

# SemVer / PEP 440 / OCI spellings
for v in 1.2.3 v1.2.0-rc.1 1.2.0rc1 1.2.0-alpha.3 1.2.0a3 1.2.0b2 1.2.0.dev3 1.2.0-dev.3 \
         1.2.0rc1.dev2 1.2.0+build.5 1.2.0_build.5 1.2.0-rc.1+Exp-7 V0.0.0; do
  seed_text forms "$v" "$v"
done

# search/replace over the newline layer: mode byte (bit 0: regex), search \0 replace \0 text
seed text_search crlf-literal '\000{current_version}\000{new_version}\000' \
  "$fx/odd-bytes/installer/setup.iss"
seed text_search bom-crlf-regex '\001Version\\("{current_version}"\\)\000Version("{new_version}")\000' \
  "$fx/odd-bytes/Properties/AssemblyInfo.cs"
seed text_search multiline '\000## [Unreleased]\000## [Unreleased]\n\n## [{new_version}]\000' \
  "$fx/templates/CHANGELOG.md"
seed text_search groups '\001(?P<k>version)\\s*=\\s*"{current_version}"\000\\g<k> = "{new_version}"\000' \
  "$fx/kinds/pyproject/pyproject.toml"
seed_text text_search lone-cr '\000{current_version}\000{new_version}\n!\000a\r1.2.3\rb 1.2.3'

# changelog: commit messages (mode byte: bits 0-1 non_conventional skip/keep/strict, bit 2
# include_merges, bit 3 no squash split, bits 4-7 which commits are merges; messages split at \0)
seed_text changelog_commits kinds '\000feat(api)!: drop v1\000fix: bug\n\nRefs: #12\000docs: readme\000Update README\000feat:x\000chore!: drop node 16'
seed_text changelog_commits footers '\001feat: x\n\nbody text\n\nBREAKING-CHANGE: config moved\000feat: y\n\nDeprecated: the z flag\nRemoved: old\000fix(security): CVE-2025-1234 sanitize'
seed_text changelog_commits crlf '\000fix(db): retry\r\n\r\nFirst para.\r\nline two.\r\n\r\nRefs: #12\r\nCloses #13\r\n\000feat: x\n\nNote:\n'
seed_text changelog_commits reverts '\000feat: kept\000feat: gone\000Merge branch '"'"'x'"'"'\000Revert "feat: gone"\n\nThis reverts commit 0000001abc.\n\000revert: feat: kept\n\nRefs: 0000000\n'
seed_text changelog_commits squash '\006Add login (#42)\n\n* feat(auth): add form\n\n* fix: typo\n\n* wip\n\nRefs: #42\n\000Merge pull request #3\000feature: x\000Fix(): y'
seed_text changelog_commits strict '\022Update README\000feat: ok\000revertéé x'
# changelog merger: mode byte (bit 0: fill_unreleased instead of release; bits 1-3: which
# generated blocks; bit 4: a previous tag; bit 5: a GitHub remote), then the changelog
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  seed changelog_merge "release-$i" '\026' "$f"
  seed changelog_merge "release-links-$i" '\076' "$f"
  seed changelog_merge "fill-$i" '\007' "$f"
done < <(find "$fx" -path '*changelog*' -name '*.md' -print0 | sort -z)
seed changelog_merge templates '\022' "$fx/templates/CHANGELOG.md"
seed_text changelog_merge heading-style '\002# Log\n\n## Unreleased\n\n- hand\n\n## v1.0.0 (2024-01-01)\n\n- a\n'
seed_text changelog_merge no-unreleased '\064# Changelog\n\n## [1.0.0] - 2024-01-01\n\n- a\n\n[1.0.0]: https://x/y\n'

echo "seeded $n files into $corpus"
