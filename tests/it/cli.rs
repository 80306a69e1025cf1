//! The command line: `bump bump` as an alias, dry runs, `show`, `show-bump`, `replace` and
//! `sample-config`.

use crate::common::{fixture, repo};

#[test]
fn bump_bump_patch_is_bump_patch() {
    let a = repo("git-project");
    let b = repo("git-project");
    a.bump(&["patch"]).assert_ok();
    b.bump(&["bump", "patch"]).assert_ok();
    assert!(a.snapshot() == b.snapshot());
    assert_eq!(a.head_subject(), b.head_subject());
    assert_eq!(a.tags(), ["v0.9.9"]);
    assert_eq!(b.tags(), ["v0.9.9"]);
    assert_eq!(b.read("src/version.js"), a.read("src/version.js"));
    assert!(b.read("src/version.js").contains("\"0.9.9\""));
}

#[test]
fn dry_run_prints_the_diff_and_the_git_plan_and_changes_nothing() {
    let p = repo("git-project");
    let before = p.snapshot();
    let head = p.head_sha();

    let run = p.bump(&["minor", "--dry-run"]);
    run.assert_ok();
    let out = &run.stdout;
    for line in [
        "--- a/package.json",
        "+++ b/package.json",
        "-  \"version\": \"0.9.8\",",
        "+  \"version\": \"0.10.0\",",
        "-export const VERSION = \"0.9.8\";",
        "+export const VERSION = \"0.10.0\";",
        "-current_version = \"0.9.8\"",
        "+current_version = \"0.10.0\"",
        "would commit 3 file(s) with message: chore(release): 0.9.8 → 0.10.0",
        "would tag v0.10.0 (annotated: Release 0.10.0)",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "dry run output lacks {line:?}:\n{out}"
        );
    }
    // the unchanged dependency line is context, never a change
    assert!(!out.contains("-    \"left-pad\""));
    assert!(p.snapshot() == before);
    assert_eq!(p.head_sha(), head);
    assert!(p.tags().is_empty());
    assert_eq!(p.status(), "");
}

#[test]
fn dry_run_shows_a_lightweight_tag() {
    let p = repo("git-project");
    let run = p.bump(&["-n", "patch", "--tag-message", ""]);
    run.assert_ok();
    assert!(
        run.stdout.contains("would tag v0.9.9 (lightweight)"),
        "{}",
        run.stdout
    );
    assert!(p.tags().is_empty());
}

#[test]
fn show_single_values() {
    let p = repo("git-project");
    let run = p.bump(&["show", "current_version"]);
    run.assert_ok();
    assert_eq!(run.stdout, "0.9.8\n");

    let run = p.bump(&["show", "--increment", "minor", "new_version"]);
    run.assert_ok();
    assert_eq!(run.stdout, "0.10.0\n");

    let run = p.bump(&["show", "files.0.filename"]);
    assert_eq!(run.stdout, "package.json\n");

    // several values: pprint of a Python dict, then click's newline (recorded from
    // bump-my-version 1.8.1)
    let run = p.bump(&["show", "current_version", "commit", "files.0.filename"]);
    assert_eq!(
        run.stdout,
        "{'commit': True, 'current_version': '0.9.8', 'files.0.filename': 'package.json'}\n\n"
    );
}

#[test]
fn show_format_json() {
    let p = repo("git-project");
    let run = p.bump(&["show", "--format", "json"]);
    run.assert_ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(v["current_version"], "0.9.8");
    assert_eq!(v["commit"], true);
    assert_eq!(v["tag_name"], "v{new_version}");
    assert_eq!(
        v["message"],
        "chore(release): {current_version} → {new_version}"
    );
    assert_eq!(v["files"][0]["filename"], "package.json");
    assert_eq!(
        v["files"][0]["search"],
        "\"version\": \"{current_version}\""
    );
    assert_eq!(v["files"][1]["filename"], "src/version.js");
    assert_eq!(v["scm_info"]["branch_name"], "main");
    assert_eq!(
        v["parts"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["major", "minor", "patch"]
    );

    let run = p.bump(&[
        "show",
        "-f",
        "json",
        "-i",
        "major",
        "current_version",
        "new_version",
    ]);
    assert_eq!(
        run.stdout,
        "{\n  \"current_version\": \"0.9.8\",\n  \"new_version\": \"1.0.0\"\n}\n"
    );
}

#[test]
fn show_scm_info_comes_from_git() {
    let p = repo("git-project");
    p.git(&["tag", "v0.9.8"]);
    let run = p.bump(&[
        "show",
        "scm_info.branch_name",
        "scm_info.current_tag",
        "scm_info.distance_to_latest_tag",
    ]);
    run.assert_ok();
    // recorded from bump-my-version 1.8.1: too wide for one line of pprint
    assert_eq!(
        run.stdout,
        "{'scm_info.branch_name': 'main',\n 'scm_info.current_tag': 'v0.9.8',\n 'scm_info.distance_to_latest_tag': 0}\n\n"
    );
}

#[test]
fn show_bump_draws_every_part() {
    let p = repo("git-project");
    let run = p.bump(&["show-bump"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "0.9.8 ── bump ─┬─ major ─ 1.0.0\n               ├─ minor ─ 0.10.0\n               ╰─ patch ─ 0.9.9\n"
    );
}

#[test]
fn replace_sets_the_version_without_config_commit_or_tag() {
    let p = repo("git-project");
    let config = p.read_bytes(".bumpversion.toml");
    p.bump(&["replace", "--new-version", "1.0.0"]).assert_ok();
    assert!(p.read("package.json").contains("\"version\": \"1.0.0\",\n"));
    assert_eq!(
        p.read("src/version.js"),
        "// Updated by `bump`; do not edit.\nexport const VERSION = \"1.0.0\";\n"
    );
    // replace does not write current_version back, commit or tag, though the config says so
    assert_eq!(p.read_bytes(".bumpversion.toml"), config);
    assert_eq!(p.commit_count(), 1);
    assert!(p.tags().is_empty());
    assert_eq!(p.status(), " M package.json\n M src/version.js");
}

#[test]
fn replace_in_a_file_named_on_the_command_line_only() {
    let p = repo("toml-project");
    p.bump(&[
        "replace",
        "--no-configured-files",
        "--new-version",
        "1.5.0",
        "--search",
        "Heron {current_version}",
        "--replace",
        "Heron {new_version}",
        "README.md",
    ])
    .assert_ok();
    assert!(p.read("README.md").contains("Heron 1.5.0 needs"));
    assert!(p.read("README.md").contains("heron==1.4.2"));
    assert_eq!(p.status(), " M README.md");
}

#[test]
fn sample_config_prints_a_usable_toml() {
    let p = fixture("toml-project");
    let run = p.bump(&["sample-config"]);
    run.assert_ok();
    let doc: toml_edit::DocumentMut = run.stdout.parse().expect("valid TOML");
    let bv = &doc["tool"]["bumpversion"];
    assert_eq!(bv["current_version"].as_str(), Some("0.1.0"));
    assert_eq!(bv["tag_name"].as_str(), Some("v{new_version}"));
    assert_eq!(bv["commit"].as_bool(), Some(false));
}

#[test]
fn sample_config_destination_is_written_once() {
    let p = fixture("toml-project");
    p.bump(&["sample-config", "--destination", "sample.toml"])
        .assert_ok();
    let written = p.read("sample.toml");
    assert!(written.starts_with("[tool.bumpversion]\ncurrent_version = \"0.1.0\"\n"));

    p.write("sample.toml", "# mine\n");
    p.bump(&["sample-config", "--destination", "sample.toml"])
        .assert_code(2)
        .assert_stderr_has("already exists");
    assert_eq!(p.read("sample.toml"), "# mine\n");
}

#[test]
fn version_and_help() {
    let p = fixture("toml-project");
    let run = p.bump(&["--version"]);
    run.assert_ok();
    assert_eq!(run.stdout, format!("bump {}\n", env!("CARGO_PKG_VERSION")));
    let run = p.bump(&["--help"]);
    run.assert_ok();
    assert!(run.stdout.contains("bump show current_version"));
}

#[test]
fn outside_git_bump_edits_files_only() {
    let p = fixture("toml-project");
    p.bump(&["patch", "--commit", "--tag"]).assert_ok();
    assert!(p
        .read("src/heron/__init__.py")
        .contains("__version__ = \"1.4.3\""));
    assert!(!p.exists(".git"));
    assert!(!p.exists(".bumpsmith-journal"));
}
