//! The README's table of deliberate departures from bump-my-version 1.8.1, the rows without a
//! test elsewhere: what bump-my-version did is recorded in each test's comment (run on the same
//! tree, in its own venv), and bump's better outcome is asserted.

use crate::common::repo;

/// bump-my-version 1.8.1 (`bump-my-version bump patch` on `git-project` with
/// `pre_commit_hooks = ["false"]`) exits 2 (`'false' exited with 1.`) and leaves
/// `.bumpversion.toml`, `package.json` and `src/version.js` rewritten, uncommitted; with a
/// hook that cannot start (`no-such-program-xyz`) it exits 1 with a `FileNotFoundError`
/// traceback, the same three files rewritten. bump restores every file and commits nothing.
#[test]
fn a_hook_that_fails_or_cannot_start_rolls_the_whole_bump_back() {
    for (hook, says) in [
        ("false", "hook `false`"),
        ("no-such-program-xyz", "no-such-program-xyz"),
    ] {
        let p = repo("git-project");
        let config = p.read(".bumpversion.toml").replace(
            "[tool.bumpversion]\n",
            &format!("[tool.bumpversion]\npre_commit_hooks = [\"{hook}\"]\n"),
        );
        p.write(".bumpversion.toml", config);
        p.commit_all("ci: a pre-commit hook");
        let (before, head) = (p.snapshot(), p.head_sha());
        p.bump(&["patch"]).assert_code(1).assert_stderr_has(says);
        assert_eq!(p.snapshot(), before, "{hook}: the files are restored");
        assert_eq!(p.head_sha(), head, "{hook}: nothing committed");
        assert!(p.tags().is_empty() && p.status().is_empty(), "{hook}");
    }
}

/// bump-my-version 1.8.1 (`bump-my-version bump patch` on this config) writes `3.0.02+master`
/// into VERSION and the config, a version whose `patch` its own parse reads as `02`.
#[test]
fn a_new_version_the_parse_cannot_read_back_is_refused() {
    let p = repo("single-version");
    let config = r#"[tool.bumpversion]
current_version = "3.0.01+master"
parse = '(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)(\+(?P<branch>\w+))?'
serialize = ["{major}.{minor}.{patch:02}+{branch}", "{major}.{minor}.{patch:02}"]

[tool.bumpversion.parts.branch]
independent = true

[[tool.bumpversion.files]]
filename = "VERSION"
"#;
    p.commit_files(
        &[
            (".bumpversion.toml", config),
            ("VERSION", "3.0.01+master\n"),
        ],
        "build: a zero-padded patch",
    );
    let before = p.snapshot();
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("new version `3.0.02+master` cannot be read back")
        .assert_stderr_has("it reads `patch` as `02`, not `2`");
    assert_eq!(p.snapshot(), before);
}

/// bump-my-version 1.8.1 (`bump-my-version bump patch` on `tests/fixtures/recorded/
/// bmv-1x-features` with `commit = true` and `tag = true`) rewrites the files, runs the hook,
/// then exits 2: ``Failed to run `git add --update src/wren/_build_info.py` `` (the missing file
/// its entry ignores): no commit, no tag. bump commits and tags what exists.
#[test]
fn a_missing_ignored_file_does_not_stop_the_commit() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/recorded/bmv-1x-features/before");
    let p = crate::common::Project::from_dir(&dir);
    let config = p
        .read("pyproject.toml")
        .replace("commit = false", "commit = true")
        .replace("tag = false", "tag = true");
    p.write("pyproject.toml", config);
    p.init_git();
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.tags(), ["built-0.5.0-to-0.5.1", "v0.5.1"]);
    assert_eq!(
        p.head_files(),
        ["docs/version.txt", "pyproject.toml", "src/wren/__init__.py"]
    );
    assert!(p.status().is_empty(), "{}", p.status());
}
