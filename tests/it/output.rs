//! Where output goes and what a failed write does: data on stdout, status on stderr; a closed
//! pipe ends the run quietly with exit 0, any other write error is reported once with exit 1;
//! colors follow `--color`, `BUMP_COLOR`, `NO_COLOR` and `CLICOLOR_FORCE`.

use std::process::Stdio;

use crate::common::{fixture, repo};

/// A pipe whose read end is already closed: every write to it fails with `EPIPE`.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

fn dev_full() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full opens")
        .into()
}

#[test]
fn sample_config_to_a_full_disk_exits_1_with_one_error_line() {
    let p = fixture("toml-project");
    let run = p.bump_to(&["sample-config"], &[], dev_full());
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        "error: cannot write the output: No space left on device (os error 28)\n"
    );
}

#[test]
fn show_to_a_full_disk_exits_1() {
    let p = fixture("toml-project");
    let run = p.bump_to(&["show", "current_version"], &[], dev_full());
    run.assert_code(1);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    run.assert_stderr_has("cannot write the output");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_exit_0() {
    let p = fixture("toml-project");
    for args in [
        &["show", "current_version"][..],
        &["sample-config"],
        &["show", "--format", "json"],
        &["completions", "bash"],
    ] {
        let run = p.bump_to(args, &[], closed_pipe());
        run.assert_ok();
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn a_dry_run_into_a_closed_pipe_changes_nothing_and_exits_0() {
    let p = repo("git-project");
    let before = p.snapshot();
    let run = p.bump_to(&["minor", "--dry-run"], &[], closed_pipe());
    run.assert_ok();
    // the status line went to stderr before the diff failed to reach stdout
    assert_eq!(
        run.stderr,
        "dry run: 0.9.8 → 0.10.0 (nothing will be changed)\n"
    );
    assert!(p.snapshot() == before);
    assert!(p.tags().is_empty());
}

#[test]
fn data_goes_to_stdout_and_status_to_stderr() {
    let p = repo("git-project");
    let run = p.bump(&["minor", "--dry-run"]);
    run.assert_ok();
    assert!(
        run.stdout.starts_with("--- a/package.json\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        "dry run: 0.9.8 → 0.10.0 (nothing will be changed)\n"
    );
}

const RED_ERROR: &str = "\x1b[1m\x1b[31merror:\x1b[0m ";

#[test]
fn errors_are_red_when_color_is_forced_and_plain_otherwise() {
    let p = fixture("toml-project");
    let args = ["patch", "--config-file", "missing.toml"];
    let colored = |env: &[(&str, &str)], extra: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend_from_slice(extra);
        let run = p.bump_env(&all, env);
        run.assert_code(2);
        run.stderr.starts_with(RED_ERROR)
    };
    // the tests' environment sets NO_COLOR=1; empty, it is unset as far as color goes
    assert!(colored(&[], &["--color", "always"]));
    assert!(colored(&[("BUMP_COLOR", "always")], &[]));
    assert!(colored(&[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")], &[]));
    assert!(!colored(&[("NO_COLOR", "")], &[]), "not a terminal");
    assert!(!colored(&[("CLICOLOR_FORCE", "1")], &[]), "NO_COLOR wins");
    assert!(!colored(
        &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")],
        &["--color", "never"]
    ));
}

#[test]
fn without_color_the_diff_is_plain_text() {
    let p = repo("git-project");
    let plain = p.bump(&["minor", "--dry-run", "--color", "never"]);
    plain.assert_ok();
    assert!(!plain.stdout.contains('\x1b'), "{}", plain.stdout);
    let colored = p.bump(&["minor", "--dry-run", "--color", "always"]);
    colored.assert_ok();
    assert!(
        colored
            .stdout
            .contains("\x1b[32m+  \"version\": \"0.10.0\",\x1b[0m\n"),
        "{}",
        colored.stdout
    );
}

#[test]
fn verbosity_goes_before_or_after_the_command() {
    for args in [
        &["-q", "check"][..],
        &["check", "-q"],
        &["--quiet", "check"],
    ] {
        let p = fixture("toml-project");
        let run = p.bump(args);
        run.assert_ok();
        assert_eq!(run.stderr, "", "{args:?}");
    }
    let p = fixture("toml-project");
    let run = p.bump(&["check"]);
    run.assert_ok();
    assert_eq!(run.stderr, "versions consistent: 1.4.2 (2 locations)\n");

    for args in [
        &["-v", "patch"][..],
        &["patch", "-v"],
        &["bump", "patch", "-v"],
    ] {
        let p = fixture("toml-project");
        let run = p.bump(args);
        run.assert_ok();
        run.assert_stderr_has("changed src/heron/__init__.py\n");
        run.assert_stderr_has("bumped 1.4.2 → 1.4.3");
    }
    let p = fixture("toml-project");
    let run = p.bump(&["-q", "patch"]);
    run.assert_ok();
    assert_eq!(run.stderr, "");
    assert!(p.read("README.md").contains("heron==1.4.3"));

    fixture("toml-project")
        .bump(&["-q", "check", "-v"])
        .assert_code(2)
        .assert_stderr_has("'--quiet' cannot be used with '--verbose");
}
