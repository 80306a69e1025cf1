//! Hostile and odd inputs: paths that leave the repository, symlinks, binary, huge and
//! non-UTF-8 files, a catastrophic regex, templates full of shell syntax, tag names git
//! rejects, and environment variables that must not leak. Each ends with nothing lost and
//! nothing outside the repository touched.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::common::{repo, Project};

const JOURNAL: &str = ".git/bumpsmith-journal";

/// The git-project fixture with more file entries appended to its config, committed.
fn project_with(extra: &str) -> Project {
    let p = repo("git-project");
    let cfg = p.read(".bumpversion.toml") + extra;
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: more files");
    p
}

/// A file beside the project (outside the repository), with `contents`; its absolute path.
fn outside_file(p: &Project, name: &str, contents: &str) -> std::path::PathBuf {
    let path = p.root.parent().unwrap().join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[track_caller]
fn assert_nothing_changed(p: &Project, before: &BTreeMap<String, Vec<u8>>, head: &str) {
    assert!(p.snapshot() == *before, "the work tree changed");
    assert_eq!(p.head_sha(), head, "HEAD moved");
    assert!(p.tags().is_empty(), "a tag was made");
    assert!(!p.exists(JOURNAL));
}

// ---- paths that leave the repository ----

#[test]
fn a_parent_directory_path_is_refused_unless_allowed() {
    let p = project_with("\n[[tool.bumpversion.files]]\nfilename = \"../shared-version.txt\"\n");
    let outside = outside_file(&p, "shared-version.txt", "0.9.8\n");
    let (before, head) = (p.snapshot(), p.head_sha());

    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("`../shared-version.txt` is outside the repository root")
        .assert_stderr_has("--allow-outside-repo");
    assert_nothing_changed(&p, &before, &head);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.8\n");

    // the explicit flag lets it through; the file is written but not committed
    p.bump(&["patch", "--allow-outside-repo"]).assert_ok();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.9\n");
    assert_eq!(
        p.head_files(),
        [".bumpversion.toml", "package.json", "src/version.js"]
    );
}

#[test]
fn a_parent_directory_path_that_does_not_exist_yet_is_refused() {
    // canonicalizing fails for a missing file: the check must not wave it through
    let p = project_with(
        "\n[[tool.bumpversion.files]]\nfilename = \"src/../../nope/VERSION\"\nignore_missing_file = true\n",
    );
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("is outside the repository root");
    assert_nothing_changed(&p, &before, &head);
}

#[test]
fn an_absolute_path_outside_is_refused() {
    let p = repo("git-project");
    let outside = outside_file(&p, "abs-version.txt", "0.9.8\n");
    let cfg = p.read(".bumpversion.toml")
        + &format!(
            "\n[[tool.bumpversion.files]]\nfilename = \"{}\"\n",
            outside.display()
        );
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: absolute path");
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("is outside the repository root");
    assert_nothing_changed(&p, &before, &head);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.8\n");
}

#[test]
fn an_absolute_path_inside_is_fine() {
    // `{repo_root}` expands to an absolute path: inside the repository, so allowed
    let p = project_with("\n[[tool.bumpversion.files]]\nfilename = \"{repo_root}/VERSION\"\n");
    p.write("VERSION", "0.9.8\n");
    p.commit_all("build: VERSION");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.read("VERSION"), "0.9.9\n");
}

#[test]
fn a_symlink_to_a_file_outside_is_refused() {
    let p = repo("git-project");
    let outside = outside_file(&p, "linked-version.txt", "0.9.8\n");
    std::os::unix::fs::symlink(&outside, p.path("VERSION")).unwrap();
    let cfg =
        p.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: linked VERSION");
    let head = p.head_sha();
    let before = p.snapshot();
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("`VERSION` is outside the repository root");
    assert_nothing_changed(&p, &before, &head);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.8\n");
}

#[test]
fn parent_steps_through_a_symlinked_directory_are_resolved_physically() {
    // `vendor/link/../x` is `<outside>/x`: the link's target's parent, not `vendor/x`
    let p = repo("git-project");
    let elsewhere = p.root.parent().unwrap().join("elsewhere/deep");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.parent().unwrap().join("VERSION"), "0.9.8\n").unwrap();
    std::fs::create_dir_all(p.path("vendor")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, p.path("vendor/link")).unwrap();
    p.write("vendor/VERSION", "0.9.8\n");
    let cfg = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"vendor/link/../VERSION\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: vendored");
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("is outside the repository root");
    assert_nothing_changed(&p, &before, &head);
}

#[test]
fn a_glob_reaching_outside_is_refused_before_it_is_expanded() {
    for glob in ["../*.txt", "/etc/host*", "src/../../*.txt"] {
        let p = project_with(&format!(
            "\n[[tool.bumpversion.files]]\nglob = \"{glob}\"\n"
        ));
        outside_file(&p, "x.txt", "0.9.8\n");
        let (before, head) = (p.snapshot(), p.head_sha());
        p.bump(&["patch"])
            .assert_code(2)
            .assert_stderr_has(&format!("`{glob}` is outside the repository root"));
        assert_nothing_changed(&p, &before, &head);
    }
}

#[test]
fn a_glob_matching_a_symlink_that_leaves_is_refused() {
    let p = repo("git-project");
    let outside = outside_file(&p, "secret.txt", "0.9.8\n");
    std::fs::create_dir_all(p.path("docs")).unwrap();
    p.write("docs/a.txt", "0.9.8\n");
    std::os::unix::fs::symlink(&outside, p.path("docs/b.txt")).unwrap();
    let cfg = p.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nglob = \"docs/*.txt\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: docs");
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("`docs/b.txt` is outside the repository root");
    assert_nothing_changed(&p, &before, &head);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.8\n");
}

/// A glob walk that passes through a symlinked directory (matched by a wildcard or named
/// literally) or climbs out with `..` after a wildcard finds files outside: all refused, by the
/// bump and by `bump check` alike.
#[test]
fn a_glob_through_a_symlinked_directory_or_parent_steps_is_refused() {
    for glob in [
        "pkg/*/VERSION",
        "pkg/out/VERSION",
        "pkg/*/../../../elsewhere/VERSION",
    ] {
        let p = repo("git-project");
        std::fs::create_dir_all(p.root.parent().unwrap().join("elsewhere")).unwrap();
        let outside = outside_file(&p, "elsewhere/VERSION", "0.9.8\n");
        std::fs::create_dir_all(p.path("pkg/in")).unwrap();
        p.write("pkg/in/VERSION", "0.9.8\n");
        std::os::unix::fs::symlink(outside.parent().unwrap(), p.path("pkg/out")).unwrap();
        let cfg = p.read(".bumpversion.toml")
            + &format!("\n[[tool.bumpversion.files]]\nglob = \"{glob}\"\n");
        p.write(".bumpversion.toml", cfg);
        p.commit_all("build: pkg");
        let (before, head) = (p.snapshot(), p.head_sha());
        p.bump(&["patch"])
            .assert_code(2)
            .assert_stderr_has("is outside the repository root");
        p.bump(&["check"])
            .assert_code(2)
            .assert_stderr_has("is outside the repository root");
        assert_nothing_changed(&p, &before, &head);
        assert_eq!(
            std::fs::read_to_string(&outside).unwrap(),
            "0.9.8\n",
            "{glob}"
        );
    }
}

#[test]
fn files_named_on_the_command_line_are_confined_too() {
    let p = repo("git-project");
    let outside = outside_file(&p, "cli-version.txt", "0.9.8\n");
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch", "../cli-version.txt"])
        .assert_code(2)
        .assert_stderr_has("is outside the repository root");
    assert_nothing_changed(&p, &before, &head);

    // and `bump replace`, which writes files too
    p.bump(&["replace", "--new-version", "0.9.9", "../cli-version.txt"])
        .assert_code(2)
        .assert_stderr_has("is outside the repository root");
    assert!(p.snapshot() == before);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.8\n");
    p.bump(&[
        "replace",
        "--new-version",
        "0.9.9",
        "--no-configured-files",
        "--allow-outside-repo",
        "../cli-version.txt",
    ])
    .assert_ok();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.9\n");
}

#[test]
fn a_symlink_inside_the_repository_is_edited_at_its_target() {
    let p = repo("git-project");
    p.write("real/VERSION", "0.9.8\n");
    std::os::unix::fs::symlink("real/VERSION", p.path("VERSION")).unwrap();
    let cfg =
        p.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: VERSION link");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.read("real/VERSION"), "0.9.9\n");
    let meta = std::fs::symlink_metadata(p.path("VERSION")).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        std::fs::read_link(p.path("VERSION")).unwrap(),
        std::path::Path::new("real/VERSION")
    );
    // the target is committed along with the link's entry
    assert_eq!(p.status(), "", "the target was left uncommitted");
}

#[test]
fn one_file_reached_through_a_link_and_its_own_name_gets_both_edits() {
    // two entries for one file under two names must not overwrite each other's edit
    let p = repo("git-project");
    p.write("real/about.txt", "version 0.9.8\nbuild 0.9.8-final\n");
    std::os::unix::fs::symlink("real/about.txt", p.path("about.txt")).unwrap();
    let cfg = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"about.txt\"\nsearch = \"version {current_version}\"\nreplace = \"version {new_version}\"\n"
        + "\n[[tool.bumpversion.files]]\nfilename = \"real/about.txt\"\nsearch = \"build {current_version}-final\"\nreplace = \"build {new_version}-final\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: about");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(
        p.read("real/about.txt"),
        "version 0.9.9\nbuild 0.9.9-final\n"
    );
    assert_eq!(p.status(), "");
}

#[test]
fn a_failed_release_through_a_symlink_restores_the_target_and_the_index() {
    let p = repo("git-project");
    p.write("real/VERSION", "0.9.8\n");
    std::os::unix::fs::symlink("real/VERSION", p.path("VERSION")).unwrap();
    let cfg =
        p.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: VERSION link");
    p.git_hook("pre-commit", "exit 1");
    let (before, head) = (p.snapshot(), p.head_sha());
    let index = p.git(&["ls-files", "-s"]);
    assert_ne!(p.bump(&["patch"]).code, 0);
    assert_nothing_changed(&p, &before, &head);
    assert_eq!(
        p.git(&["ls-files", "-s"]),
        index,
        "the index was not restored"
    );
    assert_eq!(p.status(), "");
}

// ---- binary, huge and non-UTF-8 files ----

#[test]
fn a_binary_file_is_skipped_with_a_warning_not_edited() {
    let p = repo("git-project");
    let mut blob = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR version 0.9.8 ".to_vec();
    blob.extend((0..=255u8).cycle().take(4096));
    p.write("assets/logo.png", &blob);
    p.write("assets/VERSION.txt", "0.9.8\n");
    let cfg = p.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nglob = \"assets/*\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: assets");

    let run = p.bump(&["patch"]);
    run.assert_ok().assert_stderr_has(
        "warning: `assets/logo.png` is a binary file (a NUL byte in its first 8 KiB); skipped",
    );
    assert_eq!(p.read_bytes("assets/logo.png"), blob);
    assert_eq!(p.read("assets/VERSION.txt"), "0.9.9\n");
    assert!(!p.head_files().contains(&"assets/logo.png".to_string()));

    // the dry run says so too, and `-q` still prints nothing but errors
    let p2 = repo("git-project");
    p2.write("logo.png", &blob);
    let cfg =
        p2.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nfilename = \"logo.png\"\n";
    p2.write(".bumpversion.toml", cfg);
    p2.commit_all("build: logo");
    p2.bump(&["patch", "--dry-run"])
        .assert_ok()
        .assert_stderr_has("`logo.png` is a binary file");
    assert_eq!(p2.bump(&["patch", "--dry-run", "-q"]).stderr, "");
}

#[test]
fn a_file_over_the_size_limit_is_skipped_unread() {
    let p = repo("git-project");
    // sparse: 65 MiB of length costs no disk and, since it is skipped unread, no time
    let f = std::fs::File::create(p.path("huge.log")).unwrap();
    f.set_len(65 << 20).unwrap();
    drop(f);
    let cfg = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"huge.log\"\nsearch = \"0.9.8\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: huge");
    let t = Instant::now();
    p.bump(&["patch"])
        .assert_ok()
        .assert_stderr_has("`huge.log` is larger than 64 MiB; skipped");
    assert!(t.elapsed() < Duration::from_secs(10));
    assert_eq!(
        std::fs::metadata(p.path("huge.log")).unwrap().len(),
        65 << 20
    );
    assert_eq!(p.tags(), ["v0.9.9"]);
}

#[test]
fn a_latin1_file_is_refused_and_nothing_changes() {
    let p = repo("git-project");
    // "Versión 0.9.8" in Latin-1: 0xF3 is not UTF-8
    p.write("NOTES.txt", b"Versi\xf3n 0.9.8\n");
    let cfg =
        p.read(".bumpversion.toml") + "\n[[tool.bumpversion.files]]\nfilename = \"NOTES.txt\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: notes");
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("`NOTES.txt` is not valid UTF-8 (byte 5); bump edits text files only");
    assert_nothing_changed(&p, &before, &head);
}

// ---- a regex that would explode a backtracking engine ----

#[test]
fn a_catastrophic_regex_finishes_fast() {
    // `(a+)+$` against `aaaa...b` takes exponential time in a backtracking engine; the
    // `regex` crate is linear in the input
    let p = repo("git-project");
    let line = "a".repeat(50_000) + "b";
    p.write("big.txt", format!("{line}\nversion 0.9.8\n{line}\n"));
    let cfg = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"big.txt\"\nregex = true\nsearch = \"(a+)+$|version {current_version}\"\nreplace = \"version {new_version}\"\n";
    p.write(".bumpversion.toml", cfg);
    p.commit_all("build: big");
    let t = Instant::now();
    p.bump(&["patch"]).assert_ok();
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(
        p.read("big.txt"),
        format!("{line}\nversion 0.9.9\n{line}\n")
    );

    // and the parse pattern: `(a+)+$` over a long non-matching version
    let p = repo("git-project");
    let t = Instant::now();
    let run = p.bump(&[
        "patch",
        "--parse",
        "(?P<major>(a+)+)$",
        "--current-version",
        &("a".repeat(50_000) + "b"),
    ]);
    assert_ne!(run.code, 0);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
}

// ---- templates that look like shell ----

#[test]
fn shell_syntax_in_messages_and_tags_reaches_git_as_literal_text() {
    let p = repo("git-project");
    let message = "release {new_version}; $(touch pwned) `touch pwned2` && rm -rf . | cat > pwned3\n\n'single' \"double\" \\ back\\slash $HOME %s %n";
    let tag_message = "tag $(touch pwned4)\n`id` > pwned5; echo \"x\" 'y'";
    let tag_name = "v{new_version}-$(touch_pwned)";
    p.bump(&[
        "patch",
        "--message",
        message,
        "--tag-message",
        tag_message,
        "--tag-name",
        tag_name,
    ])
    .assert_ok();
    assert_eq!(
        p.git(&["log", "-1", "--format=%B"]),
        "release 0.9.9; $(touch pwned) `touch pwned2` && rm -rf . | cat > pwned3\n\n'single' \"double\" \\ back\\slash $HOME %s %n"
    );
    assert_eq!(p.tags(), ["v0.9.9-$(touch_pwned)"]);
    assert_eq!(
        p.tag_message("v0.9.9-$(touch_pwned)").trim_end(),
        "tag $(touch pwned4)\n`id` > pwned5; echo \"x\" 'y'"
    );
    for f in ["pwned", "pwned2", "pwned3", "pwned4", "pwned5"] {
        assert!(!p.exists(f), "{f} was created: a shell ran");
        assert!(!p.root.parent().unwrap().join(f).exists(), "{f}");
    }
    assert!(p.exists("package.json"), "the tree is intact");
    assert_eq!(p.status(), "");
}

#[test]
fn commit_args_are_split_into_words_not_run_by_a_shell() {
    let p = repo("git-project");
    p.bump(&["patch", "--commit-args=--trailer 'Note: $(touch pwned)'"])
        .assert_ok();
    assert!(p
        .git(&["log", "-1", "--format=%B"])
        .ends_with("Note: $(touch pwned)"));
    assert!(!p.exists("pwned"));
}

// ---- tag names git would reject ----

#[test]
fn tag_names_git_rejects_are_refused_before_any_write() {
    for name in [
        "v1..2",
        "has space",
        "-x",
        "v{new_version}.lock",
        "a~b",
        "x@{{y",
    ] {
        let p = repo("git-project");
        let (before, head) = (p.snapshot(), p.head_sha());
        p.bump(&["patch", &format!("--tag-name={name}")])
            .assert_code(2)
            .assert_stderr_has("is not a valid git tag name");
        assert_nothing_changed(&p, &before, &head);
    }
}

// ---- environment variables ----

#[test]
fn environment_variables_reach_messages_only_when_referenced() {
    let p = repo("git-project");
    let secret = "hunter2-do-not-leak";
    p.bump_env(
        &[
            "patch",
            "--message",
            "release {new_version} by {$RELEASER}",
            "--tag-message",
            "{new_version} ({$RELEASER})",
        ],
        &[
            ("RELEASER", "ci-bot"),
            ("BUMP_TEST_SECRET", secret),
            ("AWS_SECRET_ACCESS_KEY", secret),
            ("GITHUB_TOKEN", secret),
        ],
    )
    .assert_ok();
    assert_eq!(
        p.git(&["log", "-1", "--format=%B"]),
        "release 0.9.9 by ci-bot"
    );
    assert_eq!(p.tag_message("v0.9.9").trim_end(), "0.9.9 (ci-bot)");
    let commit = p.git(&["cat-file", "-p", "HEAD"]);
    let tag = p.git(&["cat-file", "-p", "v0.9.9"]);
    let files: String = p
        .snapshot()
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    for (what, text) in [("commit", &commit), ("tag", &tag), ("files", &files)] {
        assert!(!text.contains(secret), "the secret leaked into the {what}");
    }
}

#[test]
fn an_unset_variable_is_an_error_not_an_empty_string() {
    let p = repo("git-project");
    let (before, head) = (p.snapshot(), p.head_sha());
    let run = p.bump(&["patch", "--message", "release {$BUMP_TEST_UNSET_VARIABLE}"]);
    assert_ne!(run.code, 0);
    assert_nothing_changed(&p, &before, &head);
}

/// A configured file hard-linked to a file outside the repository: an in-place write would
/// change the outside name too. Refused (exit 1, nothing changed), unless --allow-outside-repo.
#[test]
fn a_file_hard_linked_outside_the_repository_is_refused() {
    let p = project_with("[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n");
    let outside = outside_file(&p, "shared-version.txt", "0.9.8\n");
    std::fs::hard_link(&outside, p.path("VERSION")).unwrap();
    p.commit_all("build: VERSION");
    let (before, head) = (p.snapshot(), p.head_sha());
    p.bump(&["patch"])
        .assert_code(1)
        .assert_stderr_has("`VERSION` has 2 hard links");
    assert_nothing_changed(&p, &before, &head);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.8\n");
    // reading is harmless: the check judges it as usual
    p.bump(&["check"]).assert_ok();
    p.bump(&["patch", "--allow-outside-repo"]).assert_ok();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "0.9.9\n");
}

/// A FIFO among the configured files used to hang `bump check`, the dry run and the bump
/// forever: only regular files are read; a FIFO is skipped with a warning, as a binary file is.
#[test]
fn a_fifo_among_the_configured_files_hangs_nothing() {
    let p = project_with("[[tool.bumpversion.files]]\nfilename = \"pipe\"\n");
    let made = std::process::Command::new("mkfifo")
        .arg(p.path("pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    for args in [
        &["check"][..],
        &["patch", "--dry-run"],
        &["patch", "--allow-dirty"],
    ] {
        let start = Instant::now();
        let run = p.bump(args);
        assert!(start.elapsed() < Duration::from_secs(10), "{args:?} hung");
        run.assert_ok()
            .assert_stderr_has("`pipe` is not a regular file (a FIFO or a device)");
    }
}
