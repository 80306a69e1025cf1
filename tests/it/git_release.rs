//! Commit and tag: annotated and lightweight tags, custom names and messages, `commit_args`,
//! the checks that refuse to start (dirty tree, existing tag), and the rollback when git fails
//! after the files were written.

use crate::common::{repo, Project};

const JOURNAL: &str = ".git/bumpsmith-journal";

/// Assert the release left nothing behind: files, HEAD, tags, index and journal as before.
#[track_caller]
fn assert_untouched(
    p: &Project,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    head: &str,
    tags: &[&str],
) {
    assert!(p.snapshot() == *before, "the work tree changed");
    assert_eq!(p.head_sha(), head, "HEAD moved");
    assert_eq!(p.tags(), tags);
    assert!(!p.exists(JOURNAL), "a journal was left behind");
}

#[test]
fn commit_and_annotated_tag() {
    let p = repo("git-project");
    let run = p.bump(&["minor"]);
    run.assert_ok()
        .assert_stderr_has("0.9.8 → 0.10.0")
        .assert_stderr_has("tagged v0.10.0");

    assert_eq!(p.head_subject(), "chore(release): 0.9.8 → 0.10.0");
    assert_eq!(p.commit_count(), 2);
    assert_eq!(
        p.head_files(),
        [".bumpversion.toml", "package.json", "src/version.js"]
    );
    assert_eq!(p.tags(), ["v0.10.0"]);
    assert_eq!(p.object_type("v0.10.0"), "tag");
    assert_eq!(p.tag_message("v0.10.0").trim_end(), "Release 0.10.0");
    assert_eq!(p.git(&["rev-parse", "v0.10.0^{commit}"]), p.head_sha());
    assert_eq!(p.status(), "");
    // `^0.9.8` is not `"version": "0.9.8"`
    assert!(p.read("package.json").contains("\"left-pad\": \"^0.9.8\""));
    assert!(p
        .read("package.json")
        .contains("\"version\": \"0.10.0\",\n"));
    assert!(!p.exists(JOURNAL));
}

#[test]
fn empty_tag_message_makes_a_lightweight_tag() {
    let p = repo("git-project");
    p.bump(&["patch", "--tag-message", ""]).assert_ok();
    assert_eq!(p.tags(), ["v0.9.9"]);
    assert_eq!(p.object_type("v0.9.9"), "commit");

    // the same from the config file
    let p = repo("git-project");
    let cfg = p.read(".bumpversion.toml").replace(
        "tag_message = \"Release {new_version}\"",
        "tag_message = \"\"",
    );
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: lightweight release tags");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.object_type("v0.9.9"), "commit");
    assert_eq!(p.head_subject(), "chore(release): 0.9.8 → 0.9.9");
}

#[test]
fn tag_name_tag_message_and_message_from_the_command_line() {
    let p = repo("git-project");
    p.bump(&[
        "major",
        "--tag-name",
        "cormorant-{new_version}",
        "--tag-message",
        "cormorant {new_version} (from {current_version})",
        "--message",
        "Release {new_version}\n\nPrevious: {current_version}",
    ])
    .assert_ok();
    assert_eq!(p.tags(), ["cormorant-1.0.0"]);
    assert_eq!(
        p.tag_message("cormorant-1.0.0").trim_end(),
        "cormorant 1.0.0 (from 0.9.8)"
    );
    assert_eq!(
        p.git(&["log", "-1", "--format=%B"]),
        "Release 1.0.0\n\nPrevious: 0.9.8"
    );
}

#[test]
fn no_commit_no_tag_flags_override_the_config() {
    let p = repo("git-project");
    p.bump(&["patch", "--no-commit", "--no-tag"]).assert_ok();
    assert_eq!(p.commit_count(), 1);
    assert!(p.tags().is_empty());
    assert_eq!(
        p.status(),
        " M .bumpversion.toml\n M package.json\n M src/version.js"
    );
}

#[test]
fn commit_args_reach_git_commit() {
    // a pre-commit hook that always fails: only `--no-verify` lets the commit through
    let p = repo("git-project");
    p.git_hook("pre-commit", "echo 'lint failed' >&2\nexit 1");
    p.bump(&["patch", "--commit-args=--no-verify"]).assert_ok();
    assert_eq!(p.head_subject(), "chore(release): 0.9.8 → 0.9.9");
    assert_eq!(p.tags(), ["v0.9.9"]);

    // the same from the config file
    let p = repo("git-project");
    let cfg = p.read(".bumpversion.toml").replace(
        "commit = true\n",
        "commit = true\ncommit_args = \"--no-verify --trailer 'Release-Bot: yes'\"\n",
    );
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: skip hooks on release commits");
    p.git_hook("pre-commit", "exit 1");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(
        p.git(&["log", "-1", "--format=%B"]),
        "chore(release): 0.9.8 → 0.9.9\n\nRelease-Bot: yes"
    );
}

#[test]
fn dirty_tree_is_refused_and_nothing_changes() {
    let p = repo("git-project");
    p.write(
        "src/index.js",
        p.read("src/index.js") + "// work in progress\n",
    );
    let before = p.snapshot();
    let head = p.head_sha();

    let run = p.bump(&["patch"]);
    run.assert_code(1)
        .assert_stderr_has("not clean")
        .assert_stderr_has("src/index.js")
        .assert_stderr_has("--allow-dirty");
    assert_untouched(&p, &before, &head, &[]);
    assert_eq!(p.status(), " M src/index.js");
}

#[test]
fn untracked_files_do_not_make_the_tree_dirty() {
    let p = repo("git-project");
    p.write("notes.txt", "release checklist\n");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.tags(), ["v0.9.9"]);
    assert_eq!(p.status(), "?? notes.txt");
}

/// `git-project` with configured files git does not track: `docs/draft.md` (`draft`), matched
/// by a glob, and `NOTES.txt`, an `ignore_missing_version` entry without a version.
fn with_untracked_entries(draft: &str) -> crate::common::Project {
    let p = repo("git-project");
    let cfg = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nglob = \"docs/*.md\"\nignore_missing_version = true\n"
        + "\n[[tool.bumpversion.files]]\nfilename = \"NOTES.txt\"\nignore_missing_version = true\n";
    p.write(".bumpversion.toml", cfg);
    p.write("docs/install.md", "pip install project==0.9.8\n");
    p.commit_all("docs: install guide");
    p.write("docs/draft.md", draft);
    p.write("NOTES.txt", "release checklist\n");
    p
}

#[test]
fn unchanged_untracked_configured_files_do_not_fail_the_commit() {
    let p = with_untracked_entries("no version here yet\n");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.head_subject(), "chore(release): 0.9.8 → 0.9.9");
    assert_eq!(
        p.head_files(),
        [
            ".bumpversion.toml",
            "docs/install.md",
            "package.json",
            "src/version.js"
        ]
    );
    assert_eq!(p.tags(), ["v0.9.9"]);
    assert_eq!(p.status(), "?? NOTES.txt\n?? docs/draft.md");
}

#[test]
fn untracked_configured_files_the_release_changes_are_refused() {
    let p = with_untracked_entries("pip install project==0.9.8\n");
    let before = p.snapshot();
    let head = p.head_sha();
    p.bump(&["patch"])
        .assert_code(1) // a refusal: the tree is not ready to release
        .assert_stderr_has("git does not track them")
        .assert_stderr_has("docs/draft.md");
    assert_untouched(&p, &before, &head, &[]);
}

#[test]
fn allow_dirty_commits_only_the_release_files() {
    let p = repo("git-project");
    p.write(
        "src/index.js",
        p.read("src/index.js") + "// work in progress\n",
    );
    p.bump(&["patch", "--allow-dirty"]).assert_ok();
    assert_eq!(p.head_subject(), "chore(release): 0.9.8 → 0.9.9");
    assert_eq!(
        p.head_files(),
        [".bumpversion.toml", "package.json", "src/version.js"]
    );
    assert_eq!(p.status(), " M src/index.js");
    assert!(p.read("src/index.js").ends_with("// work in progress\n"));
}

#[test]
fn existing_tag_is_refused_and_nothing_changes() {
    let p = repo("git-project");
    p.git(&["tag", "v0.9.9"]);
    let before = p.snapshot();
    let head = p.head_sha();

    p.bump(&["patch"])
        .assert_code(1)
        .assert_stderr_has("tag `v0.9.9` already exists");
    assert_untouched(&p, &before, &head, &["v0.9.9"]);
    assert_eq!(p.status(), "");
}

#[test]
fn failing_git_commit_hook_rolls_the_files_back() {
    let p = repo("git-project");
    p.git_hook(
        "pre-commit",
        "echo 'refusing release commits today' >&2\nexit 1",
    );
    let before = p.snapshot();
    let head = p.head_sha();

    let run = p.bump(&["minor"]);
    assert_ne!(run.code, 0);
    run.assert_stderr_has("refusing release commits today")
        .assert_stderr_has("restored");
    assert_untouched(&p, &before, &head, &[]);
    assert_eq!(p.commit_count(), 1);
    // nothing is left staged either
    assert_eq!(p.status(), "");
}

#[test]
fn failing_tag_after_the_commit_undoes_the_commit_too() {
    // signing with a gpg program that always fails: the commit is made, then the tag fails
    let p = repo("git-project");
    p.git(&["config", "gpg.program", "false"]);
    let before = p.snapshot();
    let head = p.head_sha();

    let run = p.bump(&["patch", "--sign-tags"]);
    assert_ne!(run.code, 0);
    run.assert_stderr_has("git tag");
    assert_untouched(&p, &before, &head, &[]);
    assert_eq!(p.status(), "");
    assert_eq!(p.head_subject(), "init");
}

#[test]
fn current_version_from_the_latest_tag_when_the_config_has_none() {
    let p = repo("git-project");
    let cfg = p
        .read(".bumpversion.toml")
        .replace("current_version = \"0.9.8\"\n", "");
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: version comes from tags");
    p.git(&["tag", "v0.9.8"]);

    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.tags(), ["v0.9.8", "v0.9.9"]);
    assert!(p.read("src/version.js").contains("VERSION = \"0.9.9\""));
    // no current_version key: the config is not written to
    assert!(!p.read(".bumpversion.toml").contains("current_version ="));
}

/// The git project with `moveable_tags = LIST` committed.
fn with_moveable_tags(list: &str) -> Project {
    let p = repo("git-project");
    let cfg = p.read(".bumpversion.toml").replace(
        "tag = true\n",
        &format!("tag = true\nmoveable_tags = {list}\n"),
    );
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: moveable tags");
    p
}

#[test]
fn moveable_tags_follow_the_release() {
    let p = with_moveable_tags(r#"["v{new_major}", "latest"]"#);
    p.git(&["tag", "latest"]);
    p.git(&["tag", "v0"]);
    p.write("src/index.js", p.read("src/index.js") + "// more\n");
    p.commit_all("feat: more");

    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.tags(), ["latest", "v0", "v0.9.9"]);
    let head = p.head_sha();
    for tag in ["latest", "v0", "v0.9.9"] {
        assert_eq!(
            p.git(&["rev-parse", &format!("{tag}^{{commit}}")]),
            head,
            "{tag}"
        );
    }
    assert_eq!(p.object_type("latest"), "commit");
}

#[test]
fn a_failed_tag_move_puts_every_moveable_tag_back() {
    let p = with_moveable_tags(r#"["latest", "stable", "v{new_major}"]"#);
    // `latest` annotated, `stable` lightweight, both on the first commit
    p.git(&["tag", "-a", "-m", "the latest", "latest", "HEAD~1"]);
    p.git(&["tag", "stable", "HEAD~1"]);
    // `v0` cannot be created while `v0/...` exists: the third move fails
    p.git(&["tag", "v0/keep"]);
    let latest = p.git(&["rev-parse", "refs/tags/latest"]);
    let before = p.snapshot();
    let head = p.head_sha();

    let run = p.bump(&["patch"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("v0"), "{}", run.stderr);
    assert_untouched(&p, &before, &head, &["latest", "stable", "v0/keep"]);
    assert_eq!(
        p.git(&["rev-parse", "refs/tags/latest"]),
        latest,
        "the annotated tag object itself is back"
    );
    assert_eq!(p.object_type("latest"), "tag");
    assert_eq!(
        p.git(&["rev-parse", "stable"]),
        p.git(&["rev-parse", "HEAD~1"])
    );
    assert_eq!(p.status(), "");
}

#[test]
fn release_from_a_subdirectory_and_its_rollback() {
    let p = repo("git-project");
    p.bump_in("src", &["patch"]).assert_ok();
    assert_eq!(
        p.head_files(),
        [".bumpversion.toml", "package.json", "src/version.js"]
    );
    assert_eq!(p.tags(), ["v0.9.9"]);

    p.git_hook("pre-commit", "exit 1");
    let before = p.snapshot();
    let head = p.head_sha();
    let run = p.bump_in("src", &["patch"]);
    assert_ne!(run.code, 0);
    assert_untouched(&p, &before, &head, &["v0.9.9"]);
    assert_eq!(p.status(), "");
}

#[test]
fn push_tag_pushes_the_release_and_moveable_tags_to_origin() {
    let p = repo("git-project");
    let remote = p.path("../origin.git");
    p.git(&["init", "-q", "--bare", remote.to_str().unwrap()]);
    p.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let cfg = p.read(".bumpversion.toml").replace(
        "tag = true\n",
        "tag = true\npush_tag = true\nmoveable_tags = [\"latest\"]\n",
    );
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: push tags");
    p.bump(&["patch"]).assert_ok();
    let pushed = p.git(&["ls-remote", "--tags", "origin"]);
    let head = p.head_sha();
    for tag in ["refs/tags/v0.9.9", "refs/tags/latest"] {
        assert!(pushed.contains(tag), "{tag} not on origin:\n{pushed}");
    }
    assert!(
        pushed.contains(&head),
        "latest must point at the release commit:\n{pushed}"
    );
}

/// The dry run shows every step the release would take: each location (`-v`), the diffs, the
/// hooks with their placeholders filled, the commit, the tag and the tags it would move.
#[test]
fn the_dry_run_shows_every_step_of_the_release() {
    let p = with_moveable_tags("[\"latest\", \"v{new_major}\"]");
    p.edit_config(
        "tag = true\n",
        "tag = true\npre_commit_hooks = [\"echo building {new_version}\"]\npost_commit_hooks = [\"echo published\"]\nsetup_hooks = [\"echo setting up\"]\n",
        "hooks",
    );
    let before = p.snapshot();
    let run = p.bump(&["patch", "--dry-run", "-v"]);
    run.assert_ok();
    for line in [
        "would run setup hook: echo setting up (not run by a dry run)",
        "would run pre-commit hook: echo building 0.9.9",
        "would run post-commit hook: echo published",
        "would tag v0.9.9",
        "would move tag latest to the release commit",
        "would move tag v0 to the release commit",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?}:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stderr.contains("package.json:"),
        "-v lists the locations:\n{}",
        run.stderr
    );
    assert_eq!(p.snapshot(), before, "a dry run changes nothing");
    assert!(p.tags().is_empty());
}
