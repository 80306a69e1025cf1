//! What each command's help says it takes is what it takes: `bump auto`, `bump pre` and
//! `bump release` choose the version and take only FILES.

use crate::common::{fixture, repo};

#[test]
fn auto_pre_and_release_say_they_take_files() {
    let p = fixture("toml-project");
    for command in ["auto", "pre", "release"] {
        let run = p.bump(&[command, "--help"]);
        run.assert_ok();
        let usage = format!("Usage: bump {command} [OPTIONS] [FILES]...\n");
        assert!(run.stdout.contains(&usage), "{}", run.stdout);
        assert!(!run.stdout.contains("PART ["), "{}", run.stdout);
        // the version is theirs to choose
        assert!(!run.stdout.contains("--new-version"), "{}", run.stdout);
        assert!(!run.stdout.contains("--to <VALUE>"), "{}", run.stdout);
    }
    let run = p.bump(&["bump", "--help"]);
    assert!(run
        .stdout
        .contains("Usage: bump bump [OPTIONS] [PART [FILES]]...\n"));
}

#[test]
fn auto_with_a_part_is_a_usage_error_that_names_the_command_to_run() {
    let p = repo("toml-project");
    let before = p.snapshot();
    let run = p.bump(&["auto", "minor"]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        "error: `bump auto` chooses the part from the commits and takes only FILES, but `minor` is a version part, not a file; to bump `minor`, run `bump minor`\n"
    );
    assert!(p.snapshot() == before);
    assert_eq!(p.commit_count(), 1);
}

#[test]
fn auto_with_a_file_named_like_a_part_takes_the_file() {
    let p = repo("toml-project");
    p.write("minor", "1.4.2\n");
    p.commit_all("chore: a file named minor");
    // past the argument check: the commits call for no release
    p.bump(&["auto", "minor"])
        .assert_code(1)
        .assert_stderr_has("nothing to release");
}

#[test]
fn auto_refuses_a_version_it_would_choose() {
    let p = repo("toml-project");
    p.bump(&["auto", "--new-version", "2.0.0"])
        .assert_code(2)
        .assert_stderr_has(
            "`bump auto` computes the version; --new-version and --to are for `bump <part>`",
        );
}

#[test]
fn release_and_pre_take_extra_files() {
    let p = repo("polyglot-rc");
    p.write("VERSION.txt", "1.4.0-rc.2\n");
    p.commit_all("chore: a file the config does not list");
    p.bump(&["release", "VERSION.txt"]).assert_ok();
    assert_eq!(p.read("VERSION.txt"), "1.4.0\n");
    p.bump(&["pre", "VERSION.txt"]).assert_ok();
    assert_eq!(p.read("VERSION.txt"), "1.4.1-rc.1\n");
    assert_eq!(
        p.head_files()
            .iter()
            .filter(|f| *f == "VERSION.txt")
            .count(),
        1
    );
}

#[test]
fn release_and_pre_with_a_part_say_what_to_run() {
    let p = repo("polyglot-rc");
    p.bump(&["release", "minor"])
        .assert_code(2)
        .assert_stderr_has("`bump release` finalizes the pre-release and takes only FILES, but `minor` is a version part, not a file; to bump `minor`, run `bump minor`");
    p.bump(&["pre", "minor"])
        .assert_code(2)
        .assert_stderr_has("run `bump pre --level minor`");
    p.bump(&["release", "--new-version", "2.0.0"])
        .assert_code(2)
        .assert_stderr_has("`bump release` computes the version");
    assert_eq!(p.commit_count(), 1);
}
