//! `setup_hooks` and `pre_commit_hooks`: placeholders, the `BVHOOK_*` environment, and hooks
//! with shell syntax refused unless `allow_shell_hooks` is set.

use crate::common::{repo, Project};

const LOG: &str = ".git/hook-log";

fn with_config(p: &Project, from: &str, to: &str, msg: &str) {
    let cfg = p.read(".bumpversion.toml");
    assert!(cfg.contains(from), "config has no {from:?}");
    p.write(".bumpversion.toml", cfg.replace(from, to));
    p.commit_all(msg);
}

#[test]
fn setup_and_pre_commit_hooks_see_the_versions() {
    let p = repo("hooks");
    p.bump(&["minor"]).assert_ok();
    assert_eq!(
        p.read(LOG),
        "setup args=1.1.0\n  current=1.1.0\n  new_version=<unset>\n  new_tag=<unset>\n\
         pre-commit args=1.2.0\n  current=1.1.0\n  new_version=1.2.0\n  new_tag=v1.2.0\n"
    );
    assert_eq!(p.head_subject(), "Bump version: 1.1.0 → 1.2.0");
    assert_eq!(
        p.read("src/about.txt"),
        "shag 1.2.0 -- command-line client\n"
    );
}

#[test]
fn dry_run_runs_no_hooks() {
    let p = repo("hooks");
    let before = p.snapshot();
    p.bump(&["minor", "--dry-run"]).assert_ok();
    assert!(!p.exists(LOG));
    assert!(p.snapshot() == before);
}

#[test]
fn failing_setup_hook_stops_before_any_write() {
    let p = repo("hooks");
    with_config(
        &p,
        "setup_hooks = [\"sh scripts/record-hook.sh setup {current_version}\"]",
        "setup_hooks = [\"git diff --quiet HEAD~1\"]",
        "build: check the previous release",
    );
    let before = p.snapshot();
    let run = p.bump(&["minor"]);
    run.assert_code(1)
        .assert_stderr_has("git diff --quiet HEAD~1")
        .assert_stderr_has("setup hook");
    assert!(p.snapshot() == before);
    assert_eq!(p.commit_count(), 2);
}

#[test]
fn failing_pre_commit_hook_rolls_the_files_back() {
    let p = repo("hooks");
    with_config(
        &p,
        "pre_commit_hooks = [\"sh scripts/record-hook.sh pre-commit {new_version}\"]",
        "pre_commit_hooks = [\"sh scripts/record-hook.sh pre-commit {new_version}\", \"false\"]",
        "build: a failing release check",
    );
    let before = p.snapshot();
    let head = p.head_sha();
    let run = p.bump(&["minor"]);
    assert_ne!(run.code, 0);
    run.assert_stderr_has("pre-commit hook");
    // the first hook ran while the new version was on disk; all of it is undone
    assert!(p.read(LOG).contains("new_version=1.2.0"));
    assert!(p.snapshot() == before);
    assert_eq!(p.head_sha(), head);
    assert!(!p.exists(".git/bumpsmith-journal"));
}

#[test]
fn hook_with_shell_syntax_is_refused_without_allow_shell_hooks() {
    let p = repo("hooks");
    with_config(
        &p,
        "setup_hooks = [\"sh scripts/record-hook.sh setup {current_version}\"]",
        "setup_hooks = [\"echo $BVHOOK_CURRENT_MAJOR > .git/shell-hook\"]",
        "build: a shell hook",
    );
    let before = p.snapshot();
    let run = p.bump(&["minor"]);
    run.assert_code(1)
        .assert_stderr_has("shell syntax")
        .assert_stderr_has("allow_shell_hooks");
    assert!(!p.exists(".git/shell-hook"));
    assert!(p.snapshot() == before);
    assert_eq!(p.commit_count(), 2);
}

#[test]
fn hook_with_shell_syntax_runs_with_allow_shell_hooks() {
    let p = repo("hooks");
    with_config(
        &p,
        "setup_hooks = [\"sh scripts/record-hook.sh setup {current_version}\"]",
        "allow_shell_hooks = true\nsetup_hooks = [\"echo major=$BVHOOK_CURRENT_MAJOR minor=$BVHOOK_CURRENT_MINOR > .git/shell-hook\"]",
        "build: a shell hook",
    );
    p.bump(&["minor"]).assert_ok();
    assert_eq!(p.read(".git/shell-hook"), "major=1 minor=1\n");
    assert_eq!(p.head_subject(), "Bump version: 1.1.0 → 1.2.0");
}

#[test]
fn hook_placeholders_are_filled_and_unknown_ones_kept() {
    // known version placeholders are filled (shell-quoted); other braces stay as written
    let p = repo("hooks");
    with_config(
        &p,
        "pre_commit_hooks = [\"sh scripts/record-hook.sh pre-commit {new_version}\"]",
        "pre_commit_hooks = [\"sh scripts/record-hook.sh pre-commit {new_major} {new_minor} {current_version} {unknown}\"]",
        "build: more placeholders",
    );
    p.bump(&["minor"]).assert_ok();
    assert!(
        p.read(LOG)
            .contains("pre-commit args=1 2 1.1.0 {unknown}\n"),
        "{}",
        p.read(LOG)
    );
}

/// A hook that could not run is refused before the first write: a post-commit hook with shell
/// syntax used to be refused only once the commit and tag existed (and a retry released again),
/// a pre-commit hook naming no program only once the files were rewritten.
#[test]
fn hooks_that_cannot_run_are_refused_before_anything_is_written() {
    for (hooks, says) in [
        (
            "post_commit_hooks = [\"echo done > .git/published\"]",
            "contains shell syntax",
        ),
        (
            "pre_commit_hooks = [\"no-such-release-tool {new_version}\"]",
            "`no-such-release-tool` is not an executable file on PATH",
        ),
        (
            "post_commit_hooks = [\"./scripts/missing.sh\"]",
            "`./scripts/missing.sh` is not an executable file",
        ),
    ] {
        let p = repo("hooks");
        with_config(
            &p,
            "pre_commit_hooks = [\"sh scripts/record-hook.sh pre-commit {new_version}\"]",
            hooks,
            "build: a hook that cannot run",
        );
        let before = p.snapshot();
        let (head, commits) = (p.head_sha(), p.commit_count());
        p.bump(&["minor"]).assert_code(1).assert_stderr_has(says);
        assert!(p.snapshot() == before, "{hooks}: the tree changed");
        assert_eq!(p.head_sha(), head, "{hooks}: a commit was made");
        assert_eq!(p.commit_count(), commits);
        assert!(p.tags().is_empty(), "{hooks}: a tag was made");
        assert!(!p.exists(LOG), "{hooks}: the setup hook ran first");
        assert!(!p.exists(".git/bumpsmith-journal"));
    }
}
