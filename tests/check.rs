//! `bump check` on fixture repositories: components in sync, drift named by file and line,
//! release tags that must name the package version, output formats and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A temp git repository holding a copy of a fixture, committed.
fn repo(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["config", "user.name", "Test"]);
    git(
        dir.path(),
        &["config", "user.email", "test@example.invalid"],
    );
    git(dir.path(), &["config", "commit.gpgsign", "false"]);
    git(dir.path(), &["config", "tag.gpgsign", "false"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "init"]);
    dir
}

fn bump(dir: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bump"));
    c.args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1");
    for (k, _) in std::env::vars() {
        if k.starts_with("BUMPVERSION_")
            || k.starts_with("GITHUB_")
            || k == "CI_COMMIT_TAG"
            || k == "BITBUCKET_TAG"
        {
            c.env_remove(k);
        }
    }
    c.output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{file} lacks {from}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn monorepo_in_sync_passes_with_one_line() {
    let d = repo("monorepo");
    let o = bump(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert_eq!(t.lines().count(), 1, "{t}");
    assert!(
        t.contains("platform 2.0.0 (3 locations)") && t.contains("sdk 0.3.1 (1 location)"),
        "{t}"
    );
    assert!(bump(d.path(), &["check", "-q"]).stderr.is_empty());
}

#[test]
fn drifted_server_fails_naming_file_and_line() {
    let d = repo("monorepo");
    edit(
        d.path(),
        "server/pyproject.toml",
        "version = \"2.0.0\"",
        "version = \"1.9.0\"",
    );
    let o = bump(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o)
            .contains("server/pyproject.toml:4: expected 2.0.0, found 1.9.0 (component platform)"),
        "{}",
        text(&o)
    );
    // the SDK, on its own version, is still fine on its own
    let o = bump(d.path(), &["check", "--component", "sdk"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn missing_location_is_a_failure() {
    let d = repo("monorepo");
    edit(
        d.path(),
        "Dockerfile",
        "org.opencontainers.image.version=2.0.0",
        "org.opencontainers.image.revision=abc",
    );
    let o = bump(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("Dockerfile"), "{}", text(&o));
    assert!(
        text(&o).contains("not found (component platform)"),
        "{}",
        text(&o)
    );
}

#[test]
fn component_tags_are_matched_by_their_template() {
    let d = repo("monorepo");
    assert_eq!(
        bump(d.path(), &["check", "--tag", "cli-v2.0.0"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        bump(d.path(), &["check", "--tag", "sdk-v0.3.1"])
            .status
            .code(),
        Some(0)
    );
    let o = bump(d.path(), &["check", "--tag", "cli-v2.0.1"]);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(
        t.contains("Package version (2.0.0) doesn't match release tag (2.0.1)"),
        "{t}"
    );
    assert!(t.contains("read from .bumpversion.toml:10"), "{t}");
    let o = bump(d.path(), &["check", "--tag", "web-v1.0.0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("matches no tag template"), "{}", text(&o));
}

fn single(version: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join(".bumpversion.toml"),
        format!("[tool.bumpversion]\ncurrent_version = \"{version}\"\n\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n"),
    )
    .unwrap();
    std::fs::write(d.path().join("VERSION"), format!("{version}\n")).unwrap();
    d
}

#[test]
fn tag_must_equal_package_version_v_prefix_optional() {
    let d = single("0.2.0");
    assert_eq!(
        bump(d.path(), &["check", "--tag", "v0.2.0"]).status.code(),
        Some(0)
    );
    assert_eq!(
        bump(d.path(), &["check", "--tag", "0.2.0"]).status.code(),
        Some(0)
    );
    let o = bump(d.path(), &["check", "--tag", "v0.1.9"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("Package version (0.2.0) doesn't match release tag (0.1.9)"),
        "{}",
        text(&o)
    );
}

#[test]
fn ci_tag_builds_are_detected_from_the_environment() {
    let d = single("0.2.0");
    let run = |k: &str, v: &str| {
        Command::new(env!("CARGO_BIN_EXE_bump"))
            .arg("check")
            .current_dir(d.path())
            .env_remove("GITHUB_REF_TYPE")
            .env_remove("GITHUB_REF")
            .env_remove("CI_COMMIT_TAG")
            .env_remove("BITBUCKET_TAG")
            .env(k, v)
            .output()
            .unwrap()
    };
    assert_eq!(run("GITHUB_REF", "refs/tags/v0.1.9").status.code(), Some(1));
    assert_eq!(run("GITHUB_REF", "refs/tags/v0.2.0").status.code(), Some(0));
    assert_eq!(run("GITHUB_REF", "refs/heads/main").status.code(), Some(0));
    assert_eq!(run("CI_COMMIT_TAG", "0.1.9").status.code(), Some(1));
    assert_eq!(run("BITBUCKET_TAG", "v0.2.0").status.code(), Some(0));
}

#[test]
fn pep440_file_against_semver_prerelease_tag() {
    let d = repo("pep440-package");
    let o = bump(d.path(), &["check", "--tag", "v0.2.0-rc.1"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = bump(d.path(), &["check", "--tag", "v0.2.0-rc.2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("Package version (0.2.0rc1) doesn't match release tag (0.2.0-rc.2)"),
        "{}",
        text(&o)
    );
}

#[test]
fn tag_exists_and_tag_from_head() {
    let d = repo("monorepo");
    assert_eq!(
        bump(d.path(), &["check", "--tag-exists"]).status.code(),
        Some(0)
    );
    git(d.path(), &["tag", "sdk-v0.3.1"]);
    let o = bump(d.path(), &["check", "--tag-exists"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("tag `sdk-v0.3.1` already exists (component sdk)"),
        "{}",
        text(&o)
    );
    assert_eq!(
        bump(d.path(), &["check", "--tag-from-head"]).status.code(),
        Some(0)
    );
    git(d.path(), &["tag", "cli-v1.0.0"]);
    let o = bump(d.path(), &["check", "--tag-from-head"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
}

#[test]
fn github_and_json_formats() {
    let d = repo("monorepo");
    edit(
        d.path(),
        "server/pyproject.toml",
        "version = \"2.0.0\"",
        "version = \"1.9.0\"",
    );
    let o = bump(d.path(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "::error file=server/pyproject.toml,line=4::expected 2.0.0, found 1.9.0 (component platform)"
    );
    let o = bump(d.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["ok"], false);
    assert_eq!(v["components"][1]["name"], "sdk");
    assert_eq!(v["problems"][0]["kind"], "mismatch");
    assert_eq!(v["problems"][0]["path"], "server/pyproject.toml");
    assert_eq!(v["problems"][0]["line"], 4);
    assert_eq!(v["found"].as_array().unwrap().len(), 3);
}

#[test]
fn config_and_usage_errors_exit_2() {
    let d = single("0.2.0");
    std::fs::write(
        d.path().join(".bumpversion.toml"),
        "[tool.bumpversion]\ncurrent_version = = 1\n",
    )
    .unwrap();
    let o = bump(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains(".bumpversion.toml:2:"), "{}", text(&o));
    let d = repo("monorepo");
    assert_eq!(
        bump(d.path(), &["check", "--component", "web"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn bumping_a_component_writes_its_own_table_and_tag() {
    let d = repo("monorepo");
    let before = std::fs::read_to_string(d.path().join(".bumpversion.toml")).unwrap();
    let o = bump(d.path(), &["minor"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("platform, sdk"), "{}", text(&o));
    let o = bump(d.path(), &["minor", "--component", "sdk"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let after = std::fs::read_to_string(d.path().join(".bumpversion.toml")).unwrap();
    assert_eq!(
        after,
        before.replace("current_version = \"0.3.1\"", "current_version = \"0.4.0\"")
    );
    assert!(std::fs::read_to_string(d.path().join("sdk/package.json"))
        .unwrap()
        .contains("\"version\": \"0.4.0\""));
    assert!(std::fs::read_to_string(d.path().join("cli/pyproject.toml"))
        .unwrap()
        .contains("acme-sdk==0.3.1"));
    let tags = Command::new("git")
        .args(["tag"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&tags.stdout).trim(), "sdk-v0.4.0");
    assert_eq!(bump(d.path(), &["check"]).status.code(), Some(0));
}
