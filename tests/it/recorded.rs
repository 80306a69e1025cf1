//! Configs from real projects, each run as the real tool ran it: the expected tree, exit class
//! and git facts of every case were recorded by bump-my-version 1.8.1 or, where that crashes,
//! bump2version 1.0.1 (`tests/fixtures/recorded/`: each case's `tool` and `args` say which tool
//! ran and how, its README what it shows; `record.sh` records it again).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{assert_bytes_eq, Project, Run};

fn case_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/recorded")
        .join(name)
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    Project::from_dir(dir).snapshot()
}

/// Run `bump ARGS` (the case's `args`) on the case's `before/` tree in a fresh repository, and
/// assert what the recorded tool did: the exit class, every file, the tags and HEAD's subject.
#[track_caller]
fn recorded(name: &str) -> (Project, Run) {
    let dir = case_dir(name);
    let p = Project::from_dir(&dir.join("before"));
    p.init_git();
    let args = std::fs::read_to_string(dir.join("args")).unwrap();
    let args: Vec<&str> = args.split_whitespace().collect();
    let run = p.bump(&args);
    let exit = std::fs::read_to_string(dir.join("expected.exit")).unwrap();
    assert_eq!(
        run.code == 0,
        exit.trim() == "0",
        "{name}: exit {} where the recorded tool exited {}\n--- stderr\n{}",
        run.code,
        exit.trim(),
        run.stderr
    );
    let (got, want) = (p.snapshot(), tree(&dir.join("expected")));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{name}: the files"
    );
    for (path, bytes) in &want {
        assert_bytes_eq(&got[path], bytes, &format!("{name}: {path}"));
    }
    let mut facts: Vec<String> = p.tags();
    facts.push(format!("HEAD: {}", p.head_subject()));
    let want_git = std::fs::read_to_string(dir.join("expected.git")).unwrap();
    assert_eq!(facts, want_git.lines().collect::<Vec<_>>(), "{name}: git");
    (p, run)
}

/// bump2version's `files =` key: every listed file bumped with the default search and replace,
/// its deprecation hint printed, and `bump check` then checks those files.
#[test]
fn legacy_files_key_bumps_every_listed_file() {
    let (p, run) = recorded("legacy-files");
    run.assert_stderr_has(".bumpversion.cfg:3`: `files =` is bump2version's deprecated way");
    let check = p.bump(&["check"]);
    check.assert_ok();
    assert!(
        check.stdout.contains("3 locations") || check.stderr.contains("3 locations"),
        "{check:?}"
    );
}

/// The same key in a TOML config is an error naming the replacement, before any write.
#[test]
fn legacy_files_key_in_toml_names_the_replacement() {
    let p = Project::from_dir(&case_dir("legacy-files").join("before"));
    std::fs::remove_file(p.path(".bumpversion.cfg")).unwrap();
    p.write(
        ".bumpversion.toml",
        "[tool.bumpversion]\ncurrent_version = \"40.35.0\"\nfiles = \"VERSION faker/__init__.py\"\n",
    );
    p.init_git();
    let before = p.snapshot();
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has(".bumpversion.toml:3: `files`: a space-separated list")
        .assert_stderr_has("[[tool.bumpversion.files]]");
    assert_eq!(p.snapshot(), before);
}

/// A verbose `parse` whose comments hold commas is one string (bump-my-version crashes on it).
#[test]
fn verbose_parse_with_commas_in_its_comments() {
    recorded("verbose-parse-comments");
}

/// A `[` above `current_version` in the section: the config is written back all the same.
#[test]
fn cfg_write_back_after_a_bracket_in_the_section() {
    let (p, _) = recorded("cfg-bracket-before-version");
    p.bump(&["check"]).assert_ok();
}

/// Text the parse pattern does not read stays, in the files and in the config.
#[test]
fn cfg_version_suffix_is_kept_as_bump_my_version_keeps_it() {
    recorded("cfg-version-suffix-kept");
}

#[test]
fn toml_version_suffix_is_kept_as_bump_my_version_keeps_it() {
    recorded("toml-version-suffix-kept");
}

/// Look-behind, look-ahead and back-references in `search`, as Python's `re` runs them.
#[test]
fn regex_search_with_look_around_and_back_references() {
    recorded("regex-lookaround-backref");
}

/// The PEP 621 `[project] version` fallback, `{repo_root}` in a path, version placeholders in a
/// hook command and `ignore_missing_file` on one entry, as bump-my-version 1.8.1 runs them.
#[test]
fn bump_my_version_1x_features() {
    recorded("bmv-1x-features");
}

/// `allow_dirty_files`: a modified file its globs match does not stop the bump. Recorded with
/// bump-my-version 1.8.1 on this tree (`bump-my-version bump patch`, `docs/notes.md` modified
/// after the commit): exit 0, VERSION `1.0.1`, the release committed, `docs/notes.md` still
/// modified and not in the commit.
#[test]
fn allow_dirty_files_lets_a_matching_modified_file_be() {
    let p = crate::common::repo("single-version");
    let config = "[tool.bumpversion]\ncurrent_version = \"0.2.0\"\ncommit = true\nallow_dirty_files = [\"docs/*\"]\n\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n";
    p.commit_files(
        &[(".bumpversion.toml", config), ("docs/notes.md", "notes\n")],
        "docs: notes",
    );
    p.write("docs/notes.md", "notes\nmore\n");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.read("VERSION").trim(), "0.2.1");
    assert_eq!(p.head_files(), [".bumpversion.toml", "VERSION"]);
    assert_eq!(p.status(), " M docs/notes.md");
}
