//! `bump changelog`, `bump next`, `bump auto` and the changelog written by `bump <part>`: the
//! real binary on real git repositories in temp dirs (fixed identity, dates and release date).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DATE: &str = "2025-01-01T00:00:00+00:00";
/// 2025-10-15, the release date of every section written here.
const RELEASE_EPOCH: &str = "1760486400";

pub(super) struct Repo {
    dir: tempfile::TempDir,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn env(c: &mut Command) -> &mut Command {
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", DATE)
        .env("GIT_COMMITTER_DATE", DATE)
        .env("SOURCE_DATE_EPOCH", RELEASE_EPOCH)
        .env("NO_COLOR", "1")
        .env_remove("BUMPVERSION_CONFIG_FILE")
        .env_remove("BUMPVERSION_CURRENT_VERSION")
}

impl Repo {
    /// A repository with `config` as `.bumpversion.toml`, committed as `chore: init`.
    pub(super) fn new(config: &str) -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        r.git(&["init", "-q", "-b", "main"]);
        for (k, v) in [
            ("user.name", "Test"),
            ("user.email", "test@example.invalid"),
            ("commit.gpgsign", "false"),
            ("tag.gpgsign", "false"),
        ] {
            r.git(&["config", k, v]);
        }
        r.write(".bumpversion.toml", config);
        r.git(&["add", "."]);
        r.commit("chore: init");
        r
    }

    pub(super) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(super) fn git(&self, args: &[&str]) -> String {
        let out = env(Command::new("git").args(args).current_dir(self.path()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end()
            .to_string()
    }

    pub(super) fn commit(&self, message: &str) -> String {
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    pub(super) fn commits(&self, messages: &[&str]) {
        for m in messages {
            self.commit(m);
        }
    }

    pub(super) fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path().join(name), text).unwrap();
    }

    pub(super) fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap()
    }

    pub(super) fn bump(&self, args: &[&str]) -> Output {
        env(Command::new(env!("CARGO_BIN_EXE_bump"))
            .args(args)
            .current_dir(self.path()))
        .output()
        .unwrap()
    }

    /// Run bump, expect exit 0, return stdout.
    pub(super) fn ok(&self, args: &[&str]) -> String {
        let out = self.bump(args);
        assert!(
            out.status.success(),
            "bump {args:?} exited {:?}\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `bump changelog ARGS --format json`: the first range it reads.
    pub(super) fn first_range(&self, args: &[&str]) -> serde_json::Value {
        let args = [&["changelog"], args, &["--format", "json"]].concat();
        let v: serde_json::Value = serde_json::from_str(&self.ok(&args)).unwrap();
        v["releases"][0].clone()
    }

    /// Whether `bump check --tag TAG` passes.
    pub(super) fn tag_checks(&self, tag: &str) -> bool {
        self.bump(&["check", "--tag", tag]).status.success()
    }
}

pub(super) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A config at `version` with the changelog settings `extra` (show_hash off unless set).
pub(super) fn config(version: &str, extra: &str) -> String {
    let hash = if extra.contains("show_hash") {
        ""
    } else {
        "show_hash = false\n"
    };
    format!(
        "[tool.bumpversion]\ncurrent_version = \"{version}\"\ncommit = true\ntag = true\n\n[tool.bumpversion.changelog]\n{hash}{extra}"
    )
}

pub(super) fn released(version: &str, extra: &str) -> Repo {
    let r = Repo::new(&config(version, extra));
    r.git(&["tag", &format!("v{version}")]);
    r
}

#[test]
fn every_type_maps_to_its_section() {
    let r = released("2.0.0", "");
    r.commits(&[
        "feat(api): add search",
        "fix: off-by-one in pagination",
        "perf: cache parsed configs",
        "refactor(core): split the loader",
        "deprecate: the --legacy flag",
        "remove: the v1 endpoints",
        "security: escape user names",
        "fix(security): sanitize uploads\n\nFixes CVE-2025-1234.",
        "docs: explain search",
        "chore: bump deps",
        "ci: cache cargo",
        "test: more cases",
        "build: strip binaries",
        "style: rustfmt",
        "feat: new exporter\n\nDeprecated: the old exporter\nRemoved: the csv writer\nSecurity: exports are signed",
    ]);
    let out = r.ok(&["changelog", "--new-version", "2.1.0"]);
    assert_eq!(
        out,
        "## [2.1.0] - 2025-10-15

### Added

- **api:** add search
- new exporter

### Changed

- cache parsed configs
- **core:** split the loader

### Deprecated

- the --legacy flag
- the old exporter

### Removed

- the v1 endpoints
- the csv writer

### Fixed

- off-by-one in pagination

### Security

- **security:** CVE-2025-1234: sanitize uploads
- escape user names
- exports are signed

"
    );
}

#[test]
fn breaking_changes_by_bang_and_by_footer_come_first() {
    let r = released("2.0.0", "");
    r.commits(&[
        "feat: small thing",
        "feat(api)!: drop the v1 API",
        "fix: parser\n\nBREAKING CHANGE: dates are now UTC",
        "feat: other\n\nbreaking-change: lowercase footer counts too",
        "docs!: the docs site moved",
    ]);
    let out = r.ok(&["changelog", "--new-version", "3.0.0"]);
    assert_eq!(
        out,
        "## [3.0.0] - 2025-10-15

### Added

- **Breaking:** **api:** drop the v1 API
- **Breaking:** other
  lowercase footer counts too
- small thing

### Changed

- **Breaking:** the docs site moved

### Fixed

- **Breaking:** parser
  dates are now UTC

"
    );
    assert_eq!(r.ok(&["next"]), "3.0.0\n");
}

#[test]
fn non_conventional_commits_in_each_mode() {
    let setup = |mode: &str| {
        let r = released(
            "1.0.0",
            &format!("enabled = true\nnon_conventional = \"{mode}\"\n"),
        );
        r.commits(&[
            "feat: real feature",
            "Update README.md",
            "builtin/log: not a type",
            "feat:missing space",
            "Feat(api) no colon",
            "fix(): empty scope",
        ]);
        r
    };
    let r = setup("skip");
    let o = r.bump(&["changelog", "--new-version", "1.1.0"]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("6 commit(s) since v1.0.0: 1 entry; skipped 5 non-conventional"),
        "{err}"
    );
    for (subject, reason) in [
        ("feat:missing space", "missing space after `:`"),
        ("Feat(api) no colon", "missing `:` after the type"),
        ("fix(): empty scope", "empty scope `()`"),
    ] {
        assert!(
            err.contains(&format!("`{subject}` looks like a conventional commit but is not ({reason}); it is left out of the changelog")),
            "{err}"
        );
    }
    assert!(
        !err.contains("Update README"),
        "plain subjects are not near misses: {err}"
    );

    let r = setup("keep");
    let out = r.ok(&["changelog", "--new-version", "1.1.0"]);
    assert!(out.ends_with("### Other\n\n- Update README.md\n- builtin/log: not a type\n- feat:missing space\n- Feat(api) no colon\n- fix(): empty scope\n\n"), "{out}");

    let r = setup("strict");
    let o = r.bump(&["changelog"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("5 commit(s) are not conventional commits"),
        "{err}"
    );
    assert!(err.contains(" Update README.md\n"), "{err}");
    assert!(err.contains(" builtin/log: not a type\n"), "{err}");
    // and a release refuses before writing anything
    let o = r.bump(&["minor"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!r.path().join("CHANGELOG.md").exists());
}

#[test]
fn merges_are_skipped_and_reverts_cancel() {
    let r = released("1.0.0", "");
    r.git(&["checkout", "-q", "-b", "topic"]);
    r.commit("feat: from the branch");
    r.git(&["checkout", "-q", "main"]);
    r.commit("fix: on main");
    r.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'topic'",
        "topic",
    ]);
    r.write("mistake.txt", "oops\n");
    r.git(&["add", "mistake.txt"]);
    r.commit("feat: a mistake");
    r.git(&["revert", "--no-edit", "HEAD"]);
    r.commit("Add login (#42)\n\n* feat(auth): login form\n\n* fix(auth): token refresh\n\n* wip");
    let o = r.bump(&["changelog", "--new-version", "1.1.0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "## [1.1.0] - 2025-10-15

### Added

- from the branch
- **auth:** login form

### Fixed

- on main
- **auth:** token refresh

"
    );
    assert!(
        stderr(&o).contains("1 merge(s), 2 reverted"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn release_moves_hand_written_entries_and_keeps_earlier_sections_byte_for_byte() {
    for crlf in [false, true] {
        let r = released("2.0.0", "enabled = true\n");
        let mut input =
            std::fs::read_to_string(fixture("changelog-handwritten/CHANGELOG.md")).unwrap();
        let mut expected =
            std::fs::read_to_string(fixture("changelog-handwritten/CHANGELOG.expected.md"))
                .unwrap();
        if crlf {
            input = input.replace('\n', "\r\n");
            expected = expected.replace('\n', "\r\n");
        }
        r.write("CHANGELOG.md", &input);
        r.git(&["add", "CHANGELOG.md"]);
        r.commit("docs: changelog");
        r.commits(&[
            "feat(ui): dashboard",
            "fix: crash when the config is empty",
            "perf: cache parsed configs",
        ]);
        let o = r.bump(&["minor"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = r.read("CHANGELOG.md");
        assert_eq!(out, expected, "crlf: {crlf}");
        // everything from the previous release on is the input's bytes
        let tail =
            |s: &str| s[s.find("## [2.0.0]").unwrap()..s.find("[unreleased]").unwrap()].to_string();
        assert_eq!(tail(&out), tail(&input));
        assert_eq!(r.git(&["status", "--porcelain"]), "");
        assert_eq!(
            r.git(&["show", "--name-only", "--format=", "HEAD"]),
            ".bumpversion.toml\nCHANGELOG.md"
        );
        assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v2.1.0");
    }
}

#[test]
fn a_missing_changelog_is_created_committed_and_removed_on_rollback() {
    let r = released("1.0.0", "enabled = true\n");
    r.commit("feat: first feature");
    // a failing pre-commit hook rolls the release back: the created file goes too
    let failing = r.read(".bumpversion.toml").replace(
        "tag = true\n",
        "tag = true\npre_commit_hooks = [\"false\"]\n",
    );
    r.write(".bumpversion.toml", &failing);
    r.git(&["commit", "-qam", "chore: hook"]);
    let o = r.bump(&["minor"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!r.path().join("CHANGELOG.md").exists(), "{}", stderr(&o));
    assert_eq!(r.git(&["status", "--porcelain"]), "");

    let ok = r
        .read(".bumpversion.toml")
        .replace("pre_commit_hooks = [\"false\"]\n", "");
    r.write(".bumpversion.toml", &ok);
    r.git(&["commit", "-qam", "chore: no hook"]);
    // a dry run shows the file it would create, and creates nothing
    let dry = r.ok(&["minor", "--dry-run"]);
    assert!(dry.contains("+++ b/CHANGELOG.md\n@@ -0,0 +1,"), "{dry}");
    assert!(dry.contains("+- first feature\n"), "{dry}");
    assert!(!r.path().join("CHANGELOG.md").exists());
    r.ok(&["minor"]);
    let text = r.read("CHANGELOG.md");
    assert!(
        text.starts_with("# Changelog\n\nAll notable changes"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "## [Unreleased]\n\n## [1.1.0] - 2025-10-15\n\n### Added\n\n- first feature\n"
        ),
        "{text}"
    );
    assert_eq!(
        r.git(&["show", "--name-only", "--format=", "HEAD"]),
        ".bumpversion.toml\nCHANGELOG.md"
    );
}

#[test]
fn link_references_for_github_and_gitlab_remotes() {
    let cases = [
        (
            "https://github.com/acme/app.git",
            "https://github.com/acme/app/compare/v1.0.0...v1.1.0",
            "https://github.com/acme/app/compare/v1.1.0...HEAD",
        ),
        (
            "git@github.com:acme/app.git",
            "https://github.com/acme/app/compare/v1.0.0...v1.1.0",
            "https://github.com/acme/app/compare/v1.1.0...HEAD",
        ),
        (
            "https://gitlab.com/acme/tools/app.git",
            "https://gitlab.com/acme/tools/app/-/compare/v1.0.0...v1.1.0",
            "https://gitlab.com/acme/tools/app/-/compare/v1.1.0...HEAD",
        ),
        (
            "ssh://git@gitlab.com/acme/app.git",
            "https://gitlab.com/acme/app/-/compare/v1.0.0...v1.1.0",
            "https://gitlab.com/acme/app/-/compare/v1.1.0...HEAD",
        ),
    ];
    for (url, version, unreleased) in cases {
        let r = released("1.0.0", "enabled = true\nshow_hash = true\n");
        r.git(&["remote", "add", "origin", url]);
        let id = r.commit("fix: thing\n\nCloses #7");
        r.ok(&["minor"]);
        let text = r.read("CHANGELOG.md");
        let issues = unreleased.replace("compare/v1.1.0...HEAD", "issues/7");
        assert!(
            text.contains(&format!("- thing ([#7]({issues})) ({})\n", &id[..7])),
            "{text}"
        );
        assert!(
            text.ends_with(&format!("[unreleased]: {unreleased}\n[1.1.0]: {version}\n")),
            "{url}: {text}"
        );
    }
}

#[test]
fn first_release_reads_the_whole_history() {
    let r = Repo::new(&config("0.0.0", ""));
    r.git(&["remote", "add", "origin", "git@github.com:acme/app.git"]);
    r.commits(&["feat: everything", "fix: and a fix"]);
    let out = r.ok(&["changelog", "--new-version", "1.0.0", "--write"]);
    assert_eq!(out, "");
    let text = r.read("CHANGELOG.md");
    assert!(
        text.ends_with("## [Unreleased]\n\n## [1.0.0] - 2025-10-15\n\n### Added\n\n- everything\n\n### Fixed\n\n- and a fix\n\n[unreleased]: https://github.com/acme/app/compare/v1.0.0...HEAD\n[1.0.0]: https://github.com/acme/app/releases/tag/v1.0.0\n"),
        "{text}"
    );
}

#[test]
fn next_follows_the_0x_breaking_rule() {
    let r = released("0.3.1", "");
    r.commit("fix: small");
    assert_eq!(r.ok(&["next"]), "0.3.2\n");
    r.commit("feat: bigger");
    assert_eq!(r.ok(&["next"]), "0.4.0\n");
    r.commit("feat!: breaking while major is 0");
    assert_eq!(r.ok(&["next"]), "0.4.0\n");

    let r = released("0.3.1", "zero_breaking = \"major\"\n");
    r.commit("feat!: breaking");
    assert_eq!(r.ok(&["next"]), "1.0.0\n");

    let r = released("1.2.3", "");
    r.commit("feat!: breaking");
    assert_eq!(r.ok(&["next"]), "2.0.0\n");

    let r = released("1.2.3", "");
    r.commits(&["docs: only docs", "chore: and chores"]);
    let o = r.bump(&["next"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nothing to release: none of the 2 commit(s) since `v1.2.3` is a feature, fix or breaking change"),
        "{}",
        stderr(&o)
    );
    assert_eq!(r.bump(&["auto"]).status.code(), Some(1));
}

#[test]
fn auto_bumps_the_part_the_commits_call_for() {
    let r = released("1.2.3", "enabled = true\n");
    r.commits(&["fix: a", "feat: b"]);
    let o = r.bump(&["auto"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("the commits call for a minor bump (1.3.0)"));
    assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v1.3.0");
    assert!(r
        .read("CHANGELOG.md")
        .contains("## [1.3.0] - 2025-10-15\n\n### Added\n\n- b\n\n### Fixed\n\n- a\n"));
    // nothing new since: nothing to release
    assert_eq!(r.bump(&["next"]).status.code(), Some(1));
}

#[test]
fn unreleased_fills_the_unreleased_section_once() {
    let r = released("2.0.0", "");
    r.write(
        "CHANGELOG.md",
        &std::fs::read_to_string(fixture("changelog-handwritten/CHANGELOG.md")).unwrap(),
    );
    r.git(&["add", "."]);
    r.commit("docs: changelog");
    r.commits(&["fix: crash when the config is empty", "feat: export"]);
    let printed = r.ok(&["changelog", "--unreleased"]);
    assert_eq!(
        printed,
        "## [Unreleased]\n\n### Added\n\n- A hand-written note about the new dashboard.\n- export\n\n### Fixed\n\n- Crash when the config is empty.\n\n"
    );
    r.ok(&["changelog", "--unreleased", "--write"]);
    let once = r.read("CHANGELOG.md");
    assert!(once.contains("## [Unreleased]\n\n### Added\n\n- A hand-written note about the new dashboard.\n- export\n\n### Fixed\n\n- Crash when the config is empty.\n\n## [2.0.0]"), "{once}");
    r.ok(&["changelog", "--unreleased", "--write"]);
    assert_eq!(r.read("CHANGELOG.md"), once);
}

#[test]
fn all_bootstraps_every_release_and_keeps_existing_sections() {
    // the `v` is optional before a version the template puts first
    let cfg =
        config("1.2.0", "").replace("tag = true\n", "tag = true\ntag_name = \"{new_version}\"\n");
    let r = Repo::new(&cfg);
    r.git(&["remote", "add", "origin", "https://github.com/acme/app"]);
    r.commit("feat: first");
    r.git(&["tag", "-a", "-m", "1.0.0", "v1.0.0"]);
    r.commits(&["fix: second", "docs: hidden"]);
    r.git(&["tag", "1.1.0"]);
    r.commits(&["feat: third"]);
    r.git(&["tag", "v1.2.0"]);
    r.commits(&["perf: unreleased"]);
    r.git(&["tag", "not-a-release"]);
    let printed = r.ok(&["changelog", "--all"]);
    assert!(
        printed.ends_with("## [Unreleased]\n\n### Changed\n\n- unreleased\n\n## [1.2.0] - 2025-01-01\n\n### Added\n\n- third\n\n## [1.1.0] - 2025-01-01\n\n### Fixed\n\n- second\n\n## [1.0.0] - 2025-01-01\n\n### Added\n\n- first\n\n[unreleased]: https://github.com/acme/app/compare/v1.2.0...HEAD\n[1.2.0]: https://github.com/acme/app/compare/1.1.0...v1.2.0\n[1.1.0]: https://github.com/acme/app/compare/v1.0.0...1.1.0\n[1.0.0]: https://github.com/acme/app/releases/tag/v1.0.0\n"),
        "{printed}"
    );
    let mut input = std::fs::read_to_string(fixture("changelog-bootstrap/CHANGELOG.md")).unwrap();
    r.write("CHANGELOG.md", &input);
    r.ok(&["changelog", "--all", "--write"]);
    let out = r.read("CHANGELOG.md");
    input = input.replace(
        "## Unreleased\n\n",
        "## Unreleased\n\n### Changed\n\n- unreleased\n\n## v1.2.0 (2025-01-01)\n\n### Added\n\n- third\n\n## v1.1.0 (2025-01-01)\n\n### Fixed\n\n- second\n\n",
    );
    assert_eq!(out, input, "the hand-written 1.0.0 section stays as it is");
}

#[test]
fn json_lists_the_parsed_commits_and_the_grouping() {
    let r = released("1.0.0", "");
    r.commits(&["feat(api)!: x\n\nBody.\n\nRefs: #3", "Update README"]);
    let out = r.ok(&["changelog", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rel = &v["releases"][0];
    assert_eq!(rel["version"], "2.0.0");
    assert_eq!(rel["previous_tag"], "v1.0.0");
    assert_eq!(rel["bump"], "major");
    assert_eq!(rel["counts"]["non_conventional"], 1);
    assert_eq!(rel["sections"][0]["name"], "Added");
    assert_eq!(rel["sections"][0]["entries"][0]["refs"][0], "#3");
    let c = &rel["commits"][0];
    assert_eq!(c["status"], "conventional");
    assert_eq!(c["changes"][0]["type"], "feat");
    assert_eq!(c["changes"][0]["scope"], "api");
    assert_eq!(c["changes"][0]["breaking"], "x");
    assert_eq!(c["changes"][0]["body"], "Body.");
    assert_eq!(rel["commits"][1]["status"], "non_conventional");
}

#[test]
fn unknown_changelog_keys_are_reported() {
    let r = released("1.0.0", "enabeld = true\n");
    r.commit("feat: x");
    let o = r.bump(&["changelog"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("unknown key `enabeld` in the changelog table of"),
        "{}",
        stderr(&o)
    );
    let r = released("1.0.0", "non_conventional = \"drop\"\n");
    let o = r.bump(&["changelog"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".bumpversion.toml:8: `changelog.non_conventional`: expected one of `skip`, `keep`, `strict`, found `drop`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn without_a_current_version_the_latest_release_tag_is_used() {
    let r = Repo::new(
        "[tool.bumpversion]\ntag = true\n\n[tool.bumpversion.changelog]\nshow_hash = false\n",
    );
    r.commit("feat: one");
    r.git(&["tag", "v1.2.0"]);
    r.commit("fix: two");
    let out = r.ok(&["changelog"]);
    assert_eq!(out, "## [1.2.1] - 2025-10-15\n\n### Fixed\n\n- two\n\n");
    assert_eq!(r.ok(&["next"]), "1.2.1\n");
}

#[test]
fn all_splits_merged_branches_by_the_graph() {
    let r = Repo::new(&config("1.1.0", ""));
    r.commit("feat: a");
    r.git(&["tag", "v1.0.0"]);
    r.git(&["checkout", "-q", "-b", "topic"]);
    r.commit("feat: b on a branch");
    r.git(&["checkout", "-q", "main"]);
    r.commit("fix: c on main");
    r.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'topic'",
        "topic",
    ]);
    r.git(&["tag", "v1.1.0"]);
    r.commit("perf: d");
    let out = r.ok(&["changelog", "--all"]);
    let body = &out[out.find("## [Unreleased]").unwrap()..];
    assert_eq!(
        body,
        "## [Unreleased]\n\n### Changed\n\n- d\n\n## [1.1.0] - 2025-01-01\n\n### Added\n\n- b on a branch\n\n### Fixed\n\n- c on main\n\n## [1.0.0] - 2025-01-01\n\n### Added\n\n- a\n"
    );
}

#[test]
fn tags_that_are_no_release_do_not_cut_the_range() {
    let r = released("1.0.0", "");
    r.commit("feat: before the docs tag");
    r.git(&["tag", "v-docs-freeze"]); // `v*`, but no version
    r.commit("fix: after it");
    r.git(&["tag", "1.0.0-not-semver-here"]);
    r.commit("perf: last");
    let out = r.ok(&["changelog", "--new-version", "1.1.0"]);
    assert_eq!(
        out,
        "## [1.1.0] - 2025-10-15\n\n### Added\n\n- before the docs tag\n\n### Changed\n\n- last\n\n### Fixed\n\n- after it\n\n"
    );
    let v: serde_json::Value =
        serde_json::from_str(&r.ok(&["changelog", "--format", "json"])).unwrap();
    assert_eq!(v["releases"][0]["previous_tag"], "v1.0.0");
}

#[test]
fn a_changelog_that_is_also_a_files_entry_is_reported() {
    let r = released("1.0.0", "enabled = true\n");
    let cfg = r.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"CHANGELOG.md\"\nsearch = \"## [Unreleased]\"\nreplace = \"## [Unreleased]\"\n";
    r.write(".bumpversion.toml", &cfg);
    r.write("CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n");
    r.git(&["add", "."]);
    r.commit("chore: files entry");
    r.commit("fix: x");
    let o = r.bump(&["patch", "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "`CHANGELOG.md` is both a `[[tool.bumpversion.files]]` entry and the changelog"
        ),
        "{}",
        stderr(&o)
    );
}

/// A `scheme = "semver"` project released as 1.0.0, then a feature, the release candidate
/// `bump pre --level minor` makes (1.1.0-rc.1, tagged, its section written), and a fix.
fn after_a_release_candidate() -> Repo {
    let r = Repo::new(
        "[tool.bumpversion]\ncurrent_version = \"1.0.0\"\nscheme = \"semver\"\ncommit = true\ntag = true\nmessage = \"chore(release): {new_version}\"\n\n[tool.bumpversion.changelog]\nenabled = true\nshow_hash = false\n",
    );
    r.git(&["tag", "v1.0.0"]);
    r.commit("feat: the feature");
    r.ok(&["pre", "--level", "minor"]);
    assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v1.1.0-rc.1");
    r.commit("fix: the fix");
    r
}

/// The final release after a release candidate: everything since 1.0.0.
const FINAL_AFTER_RC: &str =
    "## [1.1.0] - 2025-10-15\n\n### Added\n\n- the feature\n\n### Fixed\n\n- the fix\n\n";

#[test]
fn after_a_release_candidate_the_preview_is_the_release_section() {
    let r = after_a_release_candidate();
    assert_eq!(r.ok(&["next"]), "1.1.0\n");
    assert_eq!(r.ok(&["changelog"]), FINAL_AFTER_RC);
    assert_eq!(
        r.ok(&["changelog", "--new-version", "1.1.0"]),
        FINAL_AFTER_RC
    );
    let next = r.first_range(&[]);
    assert_eq!(next["version"], "1.1.0");
    assert_eq!(next["previous_tag"], "v1.0.0");
    // a further release candidate lists what came since the previous one
    assert_eq!(
        r.ok(&["changelog", "--new-version", "1.1.0-rc.2"]),
        "## [1.1.0-rc.2] - 2025-10-15\n\n### Fixed\n\n- the fix\n\n"
    );
    r.ok(&["release"]);
    assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v1.1.0");
    let written = r.read("CHANGELOG.md");
    assert!(
        written.contains(&format!(
            "{FINAL_AFTER_RC}## [1.1.0-rc.1] - 2025-10-15\n\n### Added\n\n- the feature\n"
        )),
        "{written}"
    );
}

#[test]
fn after_a_release_candidate_auto_makes_the_final_release() {
    let r = after_a_release_candidate();
    let o = r.bump(&["auto"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the commits call for a minor bump (1.1.0)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v1.1.0");
    assert!(r.read("CHANGELOG.md").contains(FINAL_AFTER_RC));
}

#[test]
fn a_breaking_change_after_a_release_candidate_calls_for_the_next_major() {
    let r = after_a_release_candidate();
    r.commit("feat!: the break");
    assert_eq!(r.ok(&["next"]), "2.0.0\n");
    let section = r.ok(&["changelog"]);
    assert!(
        section.starts_with("## [2.0.0] - 2025-10-15\n"),
        "{section}"
    );
    assert!(
        section.contains("- the feature\n") && section.contains("- the fix\n"),
        "{section}"
    );
}

#[test]
fn the_cli_prints_what_the_core_plans() {
    use bumpsmith::changelog::{self, ChangelogRequest, Mode, Open};
    let r = after_a_release_candidate();
    let loaded = changelog::load(&Open {
        cwd: r.path().to_path_buf(),
        ..Open::default()
    })
    .unwrap();
    let plan = loaded
        .plan(&ChangelogRequest {
            mode: Mode::Next { version: None },
            write: false,
        })
        .unwrap();
    let next = loaded.next().unwrap();
    let printed = r.first_range(&[]);
    for release in [&plan.releases[0], &next.release] {
        assert_eq!(release.version.as_deref(), Some("1.1.0"));
        assert_eq!(release.previous_tag.as_deref(), Some("v1.0.0"));
        let hashes: Vec<&str> = release.commits.iter().map(|c| c.hash.as_str()).collect();
        let shown: Vec<&str> = printed["commits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["hash"].as_str().unwrap())
            .collect();
        assert_eq!(hashes, shown);
    }
    assert!(plan.text.starts_with("## [1.1.0] - "), "{}", plan.text);
    // planning writes nothing
    assert!(!r.read("CHANGELOG.md").contains("## [1.1.0] -"));
}

#[test]
fn check_and_the_changelog_take_the_same_release_tags() {
    let r = Repo::new(
        &config("2.0.0", "").replace("tag = true\n", "tag_name = \"cli-v{new_version}\"\n"),
    );
    r.commit("feat: one");
    r.git(&["tag", "cli-v1.0.0"]);
    r.commit("fix: two");
    // the `v` before the version is optional: this tag is the 2.0.0 release, for `check --tag`
    // as for the changelog (which used to ignore it while check accepted it)
    r.git(&["tag", "cli-2.0.0"]);
    r.commit("fix: three");
    let o = r.bump(&["check", "--tag", "cli-2.0.0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(r.tag_checks("cli-v2.0.0"));
    let next = r.first_range(&[]);
    assert_eq!(next["previous_tag"], "cli-2.0.0");
    assert_eq!(next["counts"]["commits"], 1);
    // a tag of another template is no release for either
    r.git(&["tag", "sdk-v2.0.0"]);
    assert!(!r.tag_checks("sdk-v2.0.0"));
    assert_eq!(r.first_range(&[])["previous_tag"], "cli-2.0.0");

    // `v{new_version}` takes `1.1.0`, `{new_version}` takes `v1.1.0`
    let r = released("1.1.0", "");
    r.git(&["tag", "-d", "v1.1.0"]);
    r.git(&["tag", "v1.0.0"]);
    r.commit("fix: two");
    r.git(&["tag", "1.1.0"]);
    r.commit("fix: three");
    assert!(r.tag_checks("1.1.0"));
    assert_eq!(r.first_range(&[])["previous_tag"], "1.1.0");
    let cfg = r
        .read(".bumpversion.toml")
        .replace("tag = true\n", "tag = true\ntag_name = \"{new_version}\"\n");
    r.write(".bumpversion.toml", &cfg);
    assert!(r.tag_checks("v1.1.0"));
    assert_eq!(r.first_range(&[])["previous_tag"], "1.1.0");
}

#[test]
fn under_a_scheme_a_release_tag_may_spell_its_version_any_way() {
    let r = Repo::new(&config("1.1.0-rc.1", "").replace("tag = true\n", "scheme = \"semver\"\n"));
    r.git(&["tag", "v1.0.0"]);
    r.commit("fix: two");
    r.git(&["tag", "v1.1.0rc1"]); // PEP 440
    r.commit("fix: three");
    assert!(r.tag_checks("v1.1.0rc1"));
    let next = r.first_range(&["--new-version", "1.1.0-rc.2"]);
    assert_eq!(next["previous_tag"], "v1.1.0rc1");
    assert_eq!(next["counts"]["commits"], 1);
}
