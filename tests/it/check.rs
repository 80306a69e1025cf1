//! `bump check` on fixture repositories: components in sync, drift named by file and line,
//! release tags that must name the package version, output formats and exit codes.

use crate::common::{fixture, repo, Project, Run};

fn text(r: &Run) -> String {
    format!("{}{}", r.stdout, r.stderr)
}

fn edit(p: &Project, file: &str, from: &str, to: &str) {
    let s = p.read(file);
    assert!(s.contains(from), "{file} lacks {from}");
    p.write(file, s.replacen(from, to, 1));
}

#[test]
fn monorepo_in_sync_passes_with_one_line() {
    let d = repo("monorepo");
    let r = d.bump(&["check"]);
    r.assert_ok();
    let t = text(&r);
    assert_eq!(t.lines().count(), 1, "{t}");
    assert!(
        t.contains("platform 2.0.0 (3 locations)") && t.contains("sdk 0.3.1 (1 location)"),
        "{t}"
    );
    assert!(d.bump(&["check", "-q"]).stderr.is_empty());
}

#[test]
fn drifted_server_fails_naming_file_and_line() {
    let d = repo("monorepo");
    edit(
        &d,
        "server/pyproject.toml",
        "version = \"2.0.0\"",
        "version = \"1.9.0\"",
    );
    d.bump(&["check"]).assert_code(1).assert_stderr_has(
        "server/pyproject.toml:4: expected 2.0.0, found 1.9.0 (component platform)",
    );
    // the SDK, on its own version, is still fine on its own
    d.bump(&["check", "--component", "sdk"]).assert_ok();
}

#[test]
fn missing_location_is_a_failure() {
    let d = repo("monorepo");
    edit(
        &d,
        "Dockerfile",
        "org.opencontainers.image.version=2.0.0",
        "org.opencontainers.image.revision=abc",
    );
    d.bump(&["check"])
        .assert_code(1)
        .assert_stderr_has("Dockerfile")
        .assert_stderr_has("not found (component platform)");
}

#[test]
fn component_tags_are_matched_by_their_template() {
    let d = repo("monorepo");
    d.bump(&["check", "--tag", "cli-v2.0.0"]).assert_ok();
    d.bump(&["check", "--tag", "sdk-v0.3.1"]).assert_ok();
    d.bump(&["check", "--tag", "cli-2.0.0"]).assert_ok();
    d.bump(&["check", "--tag", "cli-v2.0.1"])
        .assert_code(1)
        .assert_stderr_has("Package version (2.0.0) doesn't match release tag (2.0.1)")
        .assert_stderr_has("read from .bumpversion.toml:10");
    d.bump(&["check", "--tag", "web-v1.0.0"])
        .assert_code(1)
        .assert_stderr_has("matches no tag template");
}

#[test]
fn tag_must_equal_package_version() {
    let d = fixture("single-version");
    // the `v` before the version is optional: people push both
    d.bump(&["check", "--tag", "v0.2.0"]).assert_ok();
    d.bump(&["check", "--tag", "0.2.0"]).assert_ok();
    d.bump(&["check", "--tag", "v0.1.9"])
        .assert_code(1)
        .assert_stderr_has("Package version (0.2.0) doesn't match release tag (0.1.9)");
    // a version the parse pattern does not read is still the wrong version, not a stray tag
    d.bump(&["check", "--tag", "v0.2.0-rc.1"])
        .assert_code(1)
        .assert_stderr_has("Package version (0.2.0) doesn't match release tag (0.2.0-rc.1)");
    d.bump(&["check", "--tag", "docs-freeze"])
        .assert_code(1)
        .assert_stderr_has("release tag `docs-freeze` matches no tag template (v{new_version})");
}

#[test]
fn ci_tag_builds_are_detected_from_the_environment() {
    let d = fixture("single-version");
    let run = |k: &str, v: &str| d.bump_env(&["check"], &[(k, v)]).code;
    assert_eq!(run("GITHUB_REF", "refs/tags/v0.1.9"), 1);
    assert_eq!(run("GITHUB_REF", "refs/tags/v0.2.0"), 0);
    assert_eq!(run("GITHUB_REF", "refs/heads/main"), 0);
    assert_eq!(run("CI_COMMIT_TAG", "0.1.9"), 1);
    assert_eq!(run("BITBUCKET_TAG", "v0.2.0"), 0);
}

#[test]
fn pep440_file_against_semver_prerelease_tag() {
    let d = repo("pep440-package");
    d.bump(&["check", "--tag", "v0.2.0-rc.1"]).assert_ok();
    d.bump(&["check", "--tag", "v0.2.0-rc.2"])
        .assert_code(1)
        .assert_stderr_has("Package version (0.2.0rc1) doesn't match release tag (0.2.0-rc.2)");
}

#[test]
fn tag_exists_and_tag_from_head() {
    let d = repo("monorepo");
    d.bump(&["check", "--tag-exists"]).assert_ok();
    d.git(&["tag", "sdk-v0.3.1"]);
    d.bump(&["check", "--tag-exists"])
        .assert_code(1)
        .assert_stderr_has("tag `sdk-v0.3.1` already exists (component sdk)");
    d.bump(&["check", "--tag-from-head"]).assert_ok();
    d.git(&["tag", "cli-v1.0.0"]);
    d.bump(&["check", "--tag-from-head"]).assert_code(1);
}

/// The pre-push hook (`bump check --tag-from-head`) runs on every push: a HEAD that no release
/// tag points at (an ordinary commit, an older release, a tag no `tag_name` template matches)
/// has nothing to check and passes; a release tag at HEAD naming another version fails.
#[test]
fn tag_from_head_passes_an_untagged_head_and_fails_a_wrong_tag() {
    let d = repo("single-version");
    let untagged = d.bump(&["check", "--tag-from-head", "-v"]);
    untagged
        .assert_ok()
        .assert_stderr_has("no release tag points at HEAD; no tag to check");
    assert!(!untagged.stderr.contains("error"), "{}", untagged.stderr);
    assert!(!d
        .bump(&["check", "--tag-from-head"])
        .assert_ok()
        .stderr
        .contains("no release tag"));

    d.git(&["tag", "v0.1.9"]);
    d.write("VERSION", "0.2.0\n# ordinary work after a release\n");
    d.commit_all("docs: a commit after the release");
    d.git(&["tag", "nightly"]);
    d.bump(&["check", "--tag-from-head", "-v"])
        .assert_ok()
        .assert_stderr_has("no release tag points at HEAD");

    d.git(&["tag", "v0.1.8"]);
    d.bump(&["check", "--tag-from-head", "-v"])
        .assert_code(1)
        .assert_stderr_has("Package version (0.2.0) doesn't match release tag (0.1.8)");
    d.git(&["tag", "-d", "v0.1.8"]);
    d.git(&["tag", "v0.2.0"]);
    d.bump(&["check", "--tag-from-head", "-v"])
        .assert_ok()
        .assert_stderr_has("tag v0.2.0 matches");
}

#[test]
fn github_and_json_formats() {
    let d = repo("monorepo");
    edit(
        &d,
        "server/pyproject.toml",
        "version = \"2.0.0\"",
        "version = \"1.9.0\"",
    );
    let r = d.bump(&["check", "--format", "github"]);
    r.assert_code(1);
    assert_eq!(
        r.stdout.trim(),
        "::error file=server/pyproject.toml,line=4::expected 2.0.0, found 1.9.0 (component platform)"
    );
    let r = d.bump(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
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
    let d = fixture("single-version");
    d.write(
        ".bumpversion.toml",
        "[tool.bumpversion]\ncurrent_version = = 1\n",
    );
    d.bump(&["check"])
        .assert_code(2)
        .assert_stderr_has(".bumpversion.toml:2:");
    repo("monorepo")
        .bump(&["check", "--component", "web"])
        .assert_code(2);
}

#[test]
fn bumping_a_component_writes_its_own_table_and_tag() {
    let d = repo("monorepo");
    let before = d.read(".bumpversion.toml");
    d.bump(&["minor"])
        .assert_code(2)
        .assert_stderr_has("platform, sdk");
    d.bump(&["minor", "--component", "sdk"]).assert_ok();
    assert_eq!(
        d.read(".bumpversion.toml"),
        before.replace("current_version = \"0.3.1\"", "current_version = \"0.4.0\"")
    );
    assert!(d
        .read("sdk/package.json")
        .contains("\"version\": \"0.4.0\""));
    assert!(d.read("cli/pyproject.toml").contains("acme-sdk==0.3.1"));
    assert_eq!(d.tags(), ["sdk-v0.4.0"]);
    d.bump(&["check"]).assert_ok();
}

/// Set every file's access time an hour before its modification time: under `relatime` (the
/// usual mount option) the next read of such a file records an access (an inode write each).
fn age_access_times(p: &Project, files: &[&str]) -> Vec<std::time::SystemTime> {
    files
        .iter()
        .map(|f| {
            let file = std::fs::File::options()
                .write(true)
                .open(p.path(f))
                .unwrap();
            let modified = file.metadata().unwrap().modified().unwrap();
            let old = modified - std::time::Duration::from_secs(3600);
            file.set_times(std::fs::FileTimes::new().set_accessed(old))
                .unwrap();
            old
        })
        .collect()
}

#[test]
fn reading_files_does_not_record_an_access() {
    let d = repo("monorepo");
    let files = ["server/pyproject.toml", "Dockerfile"];
    let before = age_access_times(&d, &files);
    d.bump(&["check"]).assert_ok();
    // (the dirty check is left out: git itself reads files that look racily clean)
    d.bump(&[
        "patch",
        "--dry-run",
        "--allow-dirty",
        "--component",
        "platform",
    ])
    .assert_ok();
    for (f, was) in files.iter().zip(before) {
        let now = std::fs::metadata(d.path(f)).unwrap().accessed().unwrap();
        assert_eq!(now, was, "{f}: access time changed by a read");
    }
}

/// The git-project fixture (not yet a repository) with `entries` appended to its config.
fn git_project_with(entries: &str) -> Project {
    let p = fixture("git-project");
    let config = format!("{}\n{entries}", p.read(".bumpversion.toml"));
    p.write(".bumpversion.toml", config);
    p
}

/// A configured file a bump leaves alone (binary, too large) is not judged by the check either:
/// a warning naming it, in every format, and the same verdict as the bump's.
#[test]
fn files_a_bump_skips_are_warned_about_not_failed() {
    let p = git_project_with(
        "[[tool.bumpversion.files]]\nfilename = \"logo.png\"\n\n[[tool.bumpversion.files]]\nfilename = \"big.txt\"\n",
    );
    p.write("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR 0.9.8");
    // sparse: 65 MiB of zeros that take no room
    std::fs::File::create(p.path("big.txt"))
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    p.init_git();

    let r = p.bump(&["check"]);
    r.assert_ok()
        .assert_stderr_has(
            "`logo.png` is a binary file (a NUL byte in its first 8 KiB); not checked",
        )
        .assert_stderr_has("`big.txt` is larger than 64 MiB; not checked");
    assert!(r.stderr.contains("versions consistent"), "{}", r.stderr);

    let json: serde_json::Value =
        serde_json::from_str(&p.bump(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["ok"], true);
    let skipped: Vec<&str> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["logo.png", "big.txt"]);

    let gh = p.bump(&["check", "--format", "github"]);
    gh.assert_ok();
    assert!(
        gh.stdout
            .contains("::warning file=logo.png::`logo.png` is a binary file"),
        "{}",
        gh.stdout
    );

    // the bump agrees: the same two files skipped with a warning, the others bumped
    let b = p.bump(&["patch", "--no-commit", "--no-tag"]);
    b.assert_ok()
        .assert_stderr_has("`logo.png` is a binary file")
        .assert_stderr_has("`big.txt` is larger than 64 MiB");
    assert!(p.read("package.json").contains("0.9.9"));
    assert!(p.read_bytes("logo.png").ends_with(b"0.9.8"));
}

/// Lone CR line endings (classic Mac) are newlines to the check as to the bump
/// (bump-my-version reads with universal newlines): a search spanning lines matches, and
/// lines are counted as an editor counts them.
#[test]
fn lone_cr_files_are_checked_as_they_are_bumped() {
    let p = git_project_with(
        "[[tool.bumpversion.files]]\nfilename = \"setup.cfg\"\nsearch = \"[metadata]\\nversion = {current_version}\"\nreplace = \"[metadata]\\nversion = {new_version}\"\n",
    );
    p.write(
        "setup.cfg",
        "# old\r[metadata]\rversion = 0.9.8\rname = app\r",
    );
    p.init_git();

    let json: serde_json::Value =
        serde_json::from_str(&p.bump(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["ok"], true, "{json}");
    let line = json["found"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "setup.cfg")
        .map(|f| f["line"].clone());
    assert_eq!(line, Some(serde_json::json!(2)));

    // a drifted version is found on its line
    p.write(
        "setup.cfg",
        "# old\r[metadata]\rversion = 0.9.7\rname = app\r",
    );
    p.bump(&["check"])
        .assert_code(1)
        .assert_stderr_has("setup.cfg");
    p.write(
        "setup.cfg",
        "# old\r[metadata]\rversion = 0.9.8\rname = app\r",
    );
    p.bump(&["patch", "--no-commit", "--no-tag"]).assert_ok();
    assert_eq!(
        p.read("setup.cfg"),
        "# old\r[metadata]\rversion = 0.9.9\rname = app\r"
    );
}

/// A project with only `config` and the files given, in a git repository.
fn project_of(config: &str, files: &[(&str, &str)]) -> Project {
    let p = fixture("git-project");
    for f in ["package.json", "src/version.js"] {
        std::fs::remove_file(p.path(f)).unwrap();
    }
    p.write(".bumpversion.toml", config);
    for (name, text) in files {
        p.write(name, text);
    }
    p.init_git();
    p
}

/// `check` used to accept `Release 1.2.0-rc.1` as the same version while the bump searched for
/// the scheme's spelling `Release 1.2.0rc1` and failed: both now give the bump's answer.
#[test]
fn check_and_bump_agree_on_a_scheme_spelling_the_file_lacks() {
    let p = project_of(
        "[tool.bumpversion]\ncurrent_version = \"1.2.0-rc.1\"\nscheme = \"pep440\"\n\n[[tool.bumpversion.files]]\nfilename = \"NOTES.txt\"\nsearch = \"Release {current_version}\"\nreplace = \"Release {new_version}\"\n",
        &[("NOTES.txt", "Release 1.2.0-rc.1\n")],
    );
    let dry = p.bump(&["patch", "--dry-run"]);
    dry.assert_code(1)
        .assert_stderr_has("did not find `Release 1.2.0rc1` in `NOTES.txt`");
    p.bump(&["check"])
        .assert_code(1)
        .assert_stderr_has("NOTES.txt:1: expected 1.2.0rc1, found 1.2.0-rc.1");
}

/// `current_version = "1.2.007"`: the bump finds the version as the config wrote it; `check`
/// used to fail with `expected 1.2.7, found 1.2.007`.
#[test]
fn check_and_bump_agree_on_a_version_written_unlike_its_serialization() {
    let p = project_of(
        "[tool.bumpversion]\ncurrent_version = \"1.2.007\"\n\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n",
        &[("VERSION", "1.2.007\n")],
    );
    p.bump(&["check"])
        .assert_ok()
        .assert_stderr_has("versions consistent: 1.2.007 (1 location)");
    let dry = p.bump(&["patch", "--dry-run"]);
    dry.assert_ok();
    assert!(dry.stdout.contains("+1.2.8"), "{}", dry.stdout);
}

/// A config with no file entries, or only missing ones it is told to ignore, checks nothing:
/// `bump check` says so, naming the config, and `--strict` fails on it.
#[test]
fn a_check_that_checks_nothing_says_so_and_fails_when_strict() {
    for config in [
        "[tool.bumpversion]\ncurrent_version = \"0.2.0\"\ntag = true\n",
        "[tool.bumpversion]\ncurrent_version = \"0.2.0\"\nignore_missing_files = true\n\n[[tool.bumpversion.files]]\nfilename = \"src/generated_version.py\"\n",
    ] {
        let p = repo("single-version");
        p.write(".bumpversion.toml", config);
        p.commit_all("build: the config under test");
        let warning = format!(
            "`{}` configures no file that holds a version (no file entries, or only missing ones), so nothing was checked",
            p.path(".bumpversion.toml").display()
        );
        p.bump(&["check"]).assert_ok().assert_stderr_has(&warning);
        p.bump(&["check", "--strict"])
            .assert_code(1)
            .assert_stderr_has(&warning)
            .assert_stderr_has("nothing was checked (--strict)");
        let json = p.bump(&["check", "--strict", "--format", "json"]);
        json.assert_code(1);
        assert!(json.stdout.contains("\"ok\": false"), "{}", json.stdout);
    }
    // a config that checks its files is not warned about, strict or not
    let p = repo("single-version");
    let run = p.bump(&["check", "--strict"]);
    run.assert_ok();
    assert!(
        !run.stderr.contains("nothing was checked"),
        "{}",
        run.stderr
    );
}
