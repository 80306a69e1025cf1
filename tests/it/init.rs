//! `bump init` and `bump find` on a monorepo fixture, through the real binary: a Python package,
//! a web front end with its lock file, a Dockerfile, a CI workflow, a VERSION file, a stale
//! Sphinx config, a vendored `node_modules` and a `.gitignore`d directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The monorepo in a temp dir, plus an ignored `generated/VERSION` that must not be read.
fn monorepo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("init-monorepo"), dir.path());
    std::fs::create_dir(dir.path().join("generated")).unwrap();
    std::fs::write(dir.path().join("generated/VERSION"), "9.9.9\n").unwrap();
    dir
}

fn bump(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bump"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("BUMPVERSION_CONFIG_FILE")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap()
}

#[test]
fn init_dry_run_prints_the_config_and_writes_nothing() {
    let dir = monorepo();
    let out = bump(dir.path(), &["init", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected("init-monorepo.dry-run.toml"));
    let err = text(&out.stderr);
    assert!(err.contains("found version 2.1.0 in 7 file(s)"), "{err}");
    assert!(
        err.contains("`docs/conf.py:4` Sphinx release holds `2.0.0`"),
        "{err}"
    );
    assert!(!dir.path().join(".bumpversion.toml").exists());
}

#[test]
fn init_writes_once_and_needs_force_to_overwrite() {
    let dir = monorepo();
    let out = bump(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join(".bumpversion.toml")).unwrap();
    assert_eq!(written, expected("init-monorepo.dry-run.toml"));

    let again = bump(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr)
        .contains("`.bumpversion.toml` already exists; pass --force to overwrite it"));

    std::fs::write(dir.path().join(".bumpversion.toml"), "# mine\n").unwrap();
    let forced = bump(dir.path(), &["init", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let written = std::fs::read_to_string(dir.path().join(".bumpversion.toml")).unwrap();
    assert!(written.contains("current_version = \"2.1.0\""));
}

#[test]
fn find_lists_every_mention_and_flags_unconfigured_files() {
    let dir = monorepo();
    let before = bump(dir.path(), &["find", "2.1.0"]);
    assert_eq!(before.status.code(), Some(0), "{}", text(&before.stderr));
    let lines = text(&before.stdout);
    assert!(
        lines.lines().all(|l| l.ends_with("[not configured]")),
        "{lines}"
    );
    assert!(!lines.contains("node_modules"), "{lines}");
    assert!(!lines.contains("generated/"), "{lines}");

    assert_eq!(bump(dir.path(), &["init"]).status.code(), Some(0));
    let after = bump(dir.path(), &["find", "2.1.0"]);
    assert_eq!(text(&after.stdout), expected("init-monorepo.find.txt"));
    assert!(text(&after.stderr).contains("2 in files the configuration does not list"));
}

#[test]
fn find_matches_other_spellings_and_exits_1_when_absent() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nversion = \"1.2.0rc1\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        "{\"version\": \"1.2.0-rc.1\"}\n",
    )
    .unwrap();
    let out = bump(dir.path(), &["find", "v1.2.0-rc.1"]);
    assert_eq!(
        text(&out.stdout),
        "package.json:1: {\"version\": \"1.2.0-rc.1\"}  [not configured]\npyproject.toml:2: version = \"1.2.0rc1\"  [not configured]\n"
    );
    let none = bump(dir.path(), &["find", "3.0.0"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(text(&none.stdout), "");
}
