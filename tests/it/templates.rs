//! Template variables in search/replace, tag_name, tag_message and message: version parts,
//! `{$VAR}`, `{now:...}`/`{utcnow:...}` and the `{#}` escape.

use crate::common::{repo, Project, Run};

const ENV: &[(&str, &str)] = &[
    ("REGISTRY", "registry.example.invalid/team"),
    ("RELEASE_TICKET", "OPS-42"),
];

/// Run `bump` and return it with the local date and UTC year seen around the run (a run that
/// straddles midnight may have used either side).
fn bump_dated(p: &Project, args: &[&str]) -> (Run, Vec<String>, Vec<String>) {
    let day = || chrono::Local::now().format("%Y-%m-%d").to_string();
    let year = || chrono::Utc::now().format("%Y").to_string();
    let (d0, y0) = (day(), year());
    let run = p.bump_env(args, ENV);
    (run, vec![d0, day()], vec![y0, year()])
}

#[test]
fn part_variables_fill_search_and_replace() {
    let p = repo("templates");
    let (run, _, _) = bump_dated(&p, &["minor"]);
    run.assert_ok();
    // {current_minor}/{new_minor} etc. locate and rewrite each define; the major is unchanged
    assert_eq!(
        p.read("include/gull_version.h"),
        "#ifndef GULL_VERSION_H\n#define GULL_VERSION_H\n\n#define GULL_VERSION_MAJOR 3\n#define GULL_VERSION_MINOR 2\n#define GULL_VERSION_PATCH 0\n#define GULL_VERSION_STRING \"3.2.0\"\n\n#endif /* GULL_VERSION_H */\n"
    );
}

#[test]
fn major_bump_changes_the_major_define() {
    let p = repo("templates");
    let (run, _, _) = bump_dated(&p, &["major"]);
    run.assert_ok();
    let h = p.read("include/gull_version.h");
    assert!(h.contains("#define GULL_VERSION_MAJOR 4\n#define GULL_VERSION_MINOR 0\n#define GULL_VERSION_PATCH 0\n#define GULL_VERSION_STRING \"4.0.0\"\n"), "{h}");
    assert_eq!(p.tags(), ["release/4.0.x/4.0.0"]);
}

#[test]
fn environment_variables_fill_search_and_replace() {
    let p = repo("templates");
    let (run, _, _) = bump_dated(&p, &["minor"]);
    run.assert_ok();
    // `{$REGISTRY}` matches the gull image only; the sidecar keeps its version
    assert_eq!(
        p.read("deploy/compose.yml"),
        "services:\n  gull:\n    image: registry.example.invalid/team/gull:3.2.0\n    ports:\n      - \"8080:8080\"\n  # the sidecar is versioned separately\n  sidecar:\n    image: registry.example.invalid/team/sidecar:3.1.4\n"
    );
}

#[test]
fn missing_environment_variable_is_an_error_and_changes_nothing() {
    let p = repo("templates");
    let before = p.snapshot();
    let run = p.bump_env(&["minor"], &[("RELEASE_TICKET", "OPS-42")]);
    run.assert_code(2)
        .assert_stderr_has("unknown name `{$REGISTRY}`");
    assert_eq!(p.snapshot(), before);
    assert_eq!(p.head_subject(), "init");
    assert!(p.tags().is_empty());
}

#[test]
fn dates_and_hash_escape_in_a_multiline_replace() {
    let p = repo("templates");
    let (run, days, _) = bump_dated(&p, &["minor"]);
    run.assert_ok();
    let changelog = p.read("CHANGELOG.md");
    let expected = |day: &str| {
        format!("# Changelog\n\n## Unreleased\n\n## 3.2.0 - {day}\n\n- Faster startup.\n\n## 3.1.4 - 2024-02-29\n\n- Leap day fix.\n")
    };
    assert!(
        days.iter().any(|d| changelog == expected(d)),
        "CHANGELOG.md:\n{changelog}"
    );
}

#[test]
fn message_tag_name_and_tag_message_are_rendered() {
    let p = repo("templates");
    let (run, _, years) = bump_dated(&p, &["minor"]);
    run.assert_ok();
    // message: {current_version}, {new_version} and {$RELEASE_TICKET}
    assert_eq!(p.head_subject(), "release: 3.1.4 -> 3.2.0 [OPS-42]");
    // tag_name: {new_major}.{new_minor} and {new_version}
    assert_eq!(p.tags(), ["release/3.2.x/3.2.0"]);
    assert_eq!(p.object_type("release/3.2.x/3.2.0"), "tag");
    // tag_message: {utcnow:%Y}
    let msg = p.tag_message("release/3.2.x/3.2.0");
    assert!(
        years
            .iter()
            .any(|y| msg.trim_end() == format!("Release 3.2.0 ({y}), was 3.1.4")),
        "tag message: {msg:?}"
    );
    assert_eq!(
        p.head_files(),
        [
            ".bumpversion.toml",
            "CHANGELOG.md",
            "deploy/compose.yml",
            "include/gull_version.h"
        ]
    );
    assert_eq!(p.status(), "");
}

#[test]
fn command_line_search_and_replace_templates_use_part_variables() {
    let p = repo("toml-project");
    p.write(
        "CITATION.cff",
        "cff-version: 1.2.0\ntitle: heron\nversion: 1.4.2\nmessage: If you use heron 1.4.2, cite it.\n",
    );
    p.commit_all("docs: add CITATION.cff");

    p.bump(&[
        "--no-configured-files",
        "--search",
        "version: {current_version}",
        "--replace",
        "version: {new_version} # {new_major}.{new_minor} series",
        "patch",
        "CITATION.cff",
    ])
    .assert_ok();

    assert_eq!(
        p.read("CITATION.cff"),
        "cff-version: 1.2.0\ntitle: heron\nversion: 1.4.3 # 1.4 series\nmessage: If you use heron 1.4.2, cite it.\n"
    );
    // --no-configured-files: the configured files keep the old version...
    assert!(p
        .read("src/heron/__init__.py")
        .contains("__version__ = \"1.4.2\""));
    assert!(p.read("README.md").contains("heron==1.4.2"));
    // ...but the config is still written back (bump-my-version skips that when --search is
    // given, leaving a stale current_version; bump deliberately does not)
    assert!(p
        .read(".bumpversion.toml")
        .contains("current_version = \"1.4.3\""));
}

/// `{utcnow:...}` and `{now:...}` are Python's `strftime`: six digits for `%f`, `+0000` and
/// `UTC` for the aware `utcnow`, nothing for the naive `now`'s `%z`/`%Z`, the day and week
/// numbers, `%%`. The shape was recorded with bump-my-version 1.8.1 (`tests/fixtures/strftime`).
#[test]
fn strftime_codes_are_written_as_python_writes_them() {
    let p = repo("strftime");
    let numbers = || chrono::Local::now().format("%j %U %W %y").to_string();
    let before = numbers();
    p.bump(&["minor"]).assert_ok();
    let after = numbers();
    let built = p.read("build_info.py");
    let line = built.lines().nth(1).unwrap();
    let shape = regex::Regex::new(
        r#"^BUILT = "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0000 UTC\|\|(\d{3} \d\d \d\d \d\d) %"$"#,
    )
    .unwrap();
    let caps = shape
        .captures(line)
        .unwrap_or_else(|| panic!("{line:?} is not shaped as Python writes it"));
    // the local day and week numbers, read around the run (a run across midnight has either)
    assert!(
        caps[1] == before || caps[1] == after,
        "{} is neither {before} nor {after}",
        &caps[1]
    );
    assert!(built.starts_with("VERSION = \"0.9.0\"\n"), "{built}");
}
