//! Changelogs of real-shaped histories: pre-release tags in PEP 440 and SemVer spellings, the
//! pre-releases `bump pre` makes, stray and shadowed tags, and the file's last line.

use super::changelog::{config, released, stderr, Repo};

/// The `## ` headings of a changelog, in file order.
fn headings(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("## "))
        .map(str::to_string)
        .collect()
}

/// The entries (`- ` lines) of the section whose heading starts with `## [version]`.
fn entries(text: &str, version: &str) -> Vec<String> {
    let start = format!("## [{version}]");
    text.lines()
        .skip_while(|l| !l.starts_with(&start))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("- "))
        .map(str::to_string)
        .collect()
}

/// A project released as 2.0.0, then one fix before each tag of `tags` (oldest first), then an
/// unreleased feature.
fn prerelease_history(cfg: &str, tags: &[&str]) -> Repo {
    let r = Repo::new(cfg);
    r.git(&["tag", "2.0.0"]);
    for t in tags {
        r.commit(&format!("fix: before {t}"));
        r.git(&["tag", t]);
    }
    r.commit("feat: after the release");
    r
}

/// `bump -v changelog --all` says `needle` on stderr.
#[track_caller]
fn assert_verbose_all_says(r: &Repo, needle: &str) {
    let o = r.bump(&["-v", "changelog", "--all"]);
    assert!(stderr(&o).contains(needle), "{}", stderr(&o));
}

const PEP440_TAGS: &[&str] = &[
    "3.0.0a1", "3.0.0a2", "3.0.0b1", "3.0.0rc1", "3.0.0rc2", "3.0.0rc3", "3.0.0",
];
const SEMVER_TAGS: &[&str] = &[
    "3.0.0-alpha.1",
    "3.0.0-alpha.2",
    "3.0.0-beta.1",
    "3.0.0-rc.1",
    "3.0.0-rc.2",
    "3.0.0-rc.3",
    "3.0.0",
];

/// bump-my-version's way to read PEP 440 pre-releases, without a scheme.
const PEP440_PARSE: &str = r#"parse = "(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)(?:(?P<pre_l>a|b|rc)(?P<pre_n>\\d+))?"
serialize = ["{major}.{minor}.{patch}{pre_l}{pre_n}", "{major}.{minor}.{patch}"]
tag_name = "{new_version}"

[tool.bumpversion.parts.pre_l]
values = ["a", "b", "rc", "final"]
optional_value = "final"
"#;

fn check_prerelease_sections(r: &Repo, tags: &[&str]) {
    let all = r.ok(&["changelog", "--all"]);
    let mut want = vec!["## [Unreleased]".to_string()];
    want.extend(
        tags.iter()
            .rev()
            .chain(&["2.0.0"])
            .map(|t| format!("## [{t}] - 2025-01-01")),
    );
    assert_eq!(headings(&all), want, "{all}");
    // each pre-release holds the commits since the release before it, by precedence
    for t in &tags[..tags.len() - 1] {
        assert_eq!(entries(&all, t), [format!("- before {t}")], "{t}\n{all}");
    }
    // the final release lists everything since the previous final release
    let fin: Vec<String> = tags.iter().map(|t| format!("- before {t}")).collect();
    assert_eq!(entries(&all, "3.0.0"), fin, "{all}");
    assert_eq!(entries(&all, "Unreleased"), ["- after the release"]);
}

#[test]
fn pep440_prerelease_tags_are_releases_in_precedence_order() {
    let cfg = config("3.0.0", "").replace("tag = true\n", PEP440_PARSE);
    let r = prerelease_history(&cfg, PEP440_TAGS);
    check_prerelease_sections(&r, PEP440_TAGS);
    // a scheme reads the same tags
    let cfg = config("3.0.0", "").replace(
        "tag = true\n",
        "scheme = \"pep440\"\ntag_name = \"{new_version}\"\n",
    );
    let r = prerelease_history(&cfg, PEP440_TAGS);
    check_prerelease_sections(&r, PEP440_TAGS);
}

#[test]
fn semver_prerelease_tags_are_releases_in_precedence_order() {
    let cfg = config("3.0.0", "").replace(
        "tag = true\n",
        "scheme = \"semver\"\ntag_name = \"{new_version}\"\n",
    );
    let r = prerelease_history(&cfg, SEMVER_TAGS);
    check_prerelease_sections(&r, SEMVER_TAGS);
}

#[test]
fn tags_spelled_both_ways_are_one_release_each() {
    // PEP 440 and SemVer spellings mixed in one history, a stray second spelling of rc2
    let tags = [
        "3.0.0a1",
        "3.0.0-alpha.2",
        "3.0.0b1",
        "3.0.0-rc.1",
        "3.0.0rc2",
        "3.0.0rc3",
        "3.0.0",
    ];
    let cfg = config("3.0.0", "").replace(
        "tag = true\n",
        "scheme = \"pep440\"\ntag_name = \"{new_version}\"\n",
    );
    let r = prerelease_history(&cfg, &tags);
    r.git(&["tag", "3.0.0-rc.2", "3.0.0rc2"]);
    check_prerelease_sections(&r, &tags);
    assert_verbose_all_says(&r, "tag `3.0.0-rc.2` names the release of `3.0.0rc2`");
}

#[test]
fn prerelease_tags_the_parse_pattern_cannot_read_are_no_releases_and_v_says_so() {
    // bump-my-version's default parse reads no pre-release
    let cfg = config("3.0.0", "").replace("tag = true\n", "tag_name = \"{new_version}\"\n");
    let r = prerelease_history(&cfg, &["3.0.0rc1", "3.0.0"]);
    let all = r.ok(&["changelog", "--all"]);
    assert_eq!(
        headings(&all),
        [
            "## [Unreleased]",
            "## [3.0.0] - 2025-01-01",
            "## [2.0.0] - 2025-01-01"
        ]
    );
    assert_eq!(
        entries(&all, "3.0.0"),
        ["- before 3.0.0rc1", "- before 3.0.0"]
    );
    assert_verbose_all_says(
        &r,
        "not release tags (the tag template and the parse pattern do not read them): 3.0.0rc1",
    );
    let quiet = r.bump(&["changelog", "--all"]);
    assert!(!stderr(&quiet).contains("not release tags"));
}

#[test]
fn pep440_pre_twice_then_release() {
    let r = Repo::new(
        &config("0.1.18", "enabled = true\n")
            .replace("tag = true\n", "tag = true\nscheme = \"pep440\"\n"),
    );
    r.git(&["tag", "v0.1.18"]);
    r.commit("fix: one");
    r.ok(&["pre"]);
    r.commit("fix: two");
    r.ok(&["pre"]);
    assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v0.1.19rc2");
    let file = r.read("CHANGELOG.md");
    assert_eq!(entries(&file, "0.1.19rc2"), ["- two"], "{file}");
    assert_eq!(entries(&file, "0.1.19rc1"), ["- one"], "{file}");
    r.commit("feat: three");
    r.ok(&["release"]);
    assert_eq!(r.git(&["tag", "--points-at", "HEAD"]), "v0.1.19");
    let file = r.read("CHANGELOG.md");
    assert_eq!(
        headings(&file)[1..],
        [
            "## [0.1.19] - 2025-10-15",
            "## [0.1.19rc2] - 2025-10-15",
            "## [0.1.19rc1] - 2025-10-15"
        ]
    );
    assert_eq!(entries(&file, "0.1.19"), ["- three", "- one", "- two"]);
    assert!(
        file.ends_with("- one\n") && !file.ends_with("\n\n"),
        "{file:?}"
    );
    // the bootstrap reads the same releases from the tags
    let all = r.ok(&["changelog", "--all"]);
    for v in ["0.1.19", "0.1.19rc2", "0.1.19rc1"] {
        assert_eq!(entries(&all, v), entries(&file, v), "{v}\n{all}");
    }
    assert!(headings(&all).contains(&"## [0.1.18] - 2025-01-01".to_string()));
}

#[test]
fn a_stray_v_tag_beside_the_release_tag_gives_one_heading() {
    let cfg = config("1.0.1", "").replace("tag = true\n", "tag_name = \"{new_version}\"\n");
    let r = Repo::new(&cfg);
    r.git(&["tag", "1.0.0"]);
    r.commit("fix: the fix");
    r.git(&["tag", "1.0.1"]);
    r.git(&["tag", "v1.0.1"]);
    r.commit("feat: next");
    let all = r.ok(&["changelog", "--all"]);
    assert_eq!(
        headings(&all),
        [
            "## [Unreleased]",
            "## [1.0.1] - 2025-01-01",
            "## [1.0.0] - 2025-01-01"
        ],
        "{all}"
    );
    assert_eq!(entries(&all, "1.0.1"), ["- the fix"]);
    let next = r.first_range(&[]);
    assert_eq!(next["previous_tag"], "1.0.1");
    assert_eq!(next["counts"]["commits"], 1);
    assert_verbose_all_says(&r, "tag `v1.0.1` names the release of `1.0.1`");
}

#[test]
fn a_final_release_on_its_release_candidates_commit_gets_the_section() {
    let cfg = config("1.0.0", "").replace("tag = true\n", "scheme = \"semver\"\n");
    let r = Repo::new(&cfg);
    r.git(&["tag", "v0.9.0"]);
    r.commit("feat: the feature");
    r.git(&["tag", "v1.0.0-rc.1"]);
    r.commit("fix: the fix");
    r.git(&["tag", "v1.0.0-rc.2"]);
    r.git(&["tag", "v1.0.0"]);
    let all = r.ok(&["changelog", "--all"]);
    assert_eq!(
        headings(&all),
        [
            "## [Unreleased]",
            "## [1.0.0] - 2025-01-01",
            "## [1.0.0-rc.1] - 2025-01-01",
            "## [0.9.0] - 2025-01-01"
        ],
        "{all}"
    );
    assert_eq!(
        entries(&all, "1.0.0"),
        ["- the feature", "- the fix"],
        "{all}"
    );
    assert_eq!(entries(&all, "1.0.0-rc.1"), ["- the feature"]);
}

#[test]
fn a_release_with_the_changelog_ends_the_file_with_one_newline() {
    let r = released("1.0.0", "enabled = true\n");
    r.commit("fix: one");
    r.ok(&["patch"]);
    let file = r.read("CHANGELOG.md");
    assert!(file.ends_with("- one\n"), "{file:?}");
    r.commit("fix: two");
    r.ok(&["patch"]);
    let file = r.read("CHANGELOG.md");
    assert_eq!(
        headings(&file)[1..],
        ["## [1.0.2] - 2025-10-15", "## [1.0.1] - 2025-10-15"]
    );
    assert!(file.ends_with("- one\n"), "{file:?}");
    // a file whose end bump does not touch keeps its bytes
    let hand = format!("{file}\n\n");
    r.write("CHANGELOG.md", &hand);
    r.git(&["commit", "-qam", "docs: trailing lines"]);
    r.commit("fix: three");
    r.ok(&["patch"]);
    assert!(r.read("CHANGELOG.md").ends_with("- one\n\n\n"));
}
