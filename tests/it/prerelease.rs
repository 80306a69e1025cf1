//! Pre-release schemes: a `dev`/`rc`/`final` label part with an optional value, `first_value`,
//! an independent build part, PEP 440 serialize lists, `--to` and `--new-version`.

use crate::common::{repo, Project};

/// `bump ARGS` must succeed and move the version from `from` to `to` (config and file).
#[track_caller]
fn step(p: &Project, args: &[&str], from: &str, to: &str) {
    p.bump(args).assert_ok();
    assert!(
        p.read(".bumpversion.toml")
            .contains(&format!("current_version = \"{to}\"")),
        "after `bump {}`:\n{}",
        args.join(" "),
        p.read(".bumpversion.toml")
    );
    assert_eq!(p.head_subject(), format!("Bump {from} → {to}"));
}

#[test]
fn dev_rc_final_cycle() {
    let p = repo("prerelease");
    // patch enters the first label, numbered from first_value = "1"
    step(&p, &["patch"], "1.0.0", "1.0.1-dev1");
    step(&p, &["pre_n"], "1.0.1-dev1", "1.0.1-dev2");
    // bumping the label restarts the number at its first_value
    step(&p, &["pre_l"], "1.0.1-dev2", "1.0.1-rc1");
    // the optional value `final` is left out: the short serialize format takes over
    step(&p, &["pre_l"], "1.0.1-rc1", "1.0.1");
    assert_eq!(
        p.read("charts/petrel/Chart.yaml"),
        "apiVersion: v2\nname: petrel\ndescription: A Helm chart for the petrel API\ntype: application\n\n\
         # chart version and app version move together\nversion: 1.0.1\nappVersion: \"1.0.1\"\n\n\
         dependencies:\n  - name: redis\n    version: 1.0.197\n    repository: https://charts.example.invalid/\n"
    );
    assert_eq!(p.commit_count(), 5);
}

#[test]
fn label_past_its_last_value_is_refused() {
    let p = repo("prerelease");
    step(&p, &["--new-version", "2.0.0"], "1.0.0", "2.0.0");
    let before = p.snapshot();
    let run = p.bump(&["pre_l"]);
    run.assert_code(1)
        .assert_stderr_has("already at its last value `final`");
    assert_eq!(p.snapshot(), before);
    assert_eq!(p.commit_count(), 2);
}

#[test]
fn to_sets_a_part_and_resets_the_ones_after_it() {
    let p = repo("prerelease");
    step(&p, &["minor"], "1.0.0", "1.1.0-dev1");
    step(&p, &["pre_l", "--to", "rc"], "1.1.0-dev1", "1.1.0-rc1");
    step(&p, &["pre_n", "--to", "7"], "1.1.0-rc1", "1.1.0-rc7");
    // going back from a final release to a candidate is allowed
    step(&p, &["pre_l", "--to", "final"], "1.1.0-rc7", "1.1.0");
    step(&p, &["pre_l", "--to", "rc"], "1.1.0", "1.1.0-rc1");
}

#[test]
fn new_version_is_taken_verbatim() {
    let p = repo("prerelease");
    step(&p, &["--new-version", "1.2.0-dev3"], "1.0.0", "1.2.0-dev3");
    let chart = p.read("charts/petrel/Chart.yaml");
    assert!(
        chart.contains("\nversion: 1.2.0-dev3\nappVersion: \"1.2.0-dev3\"\n"),
        "{chart}"
    );
    step(&p, &["pre_n"], "1.2.0-dev3", "1.2.0-dev4");
}

#[test]
fn pep440_pre_releases_dev_releases_and_finalizing() {
    let p = repo("pep440");
    let bump = |args: &[&str], want: &str| {
        let mut all = vec!["--commit"];
        all.extend_from_slice(args);
        p.bump(&all).assert_ok();
        assert!(
            p.read("src/skua/_version.py")
                .contains(&format!("__version__ = \"{want}\"\n")),
            "after `bump {}`: {}",
            args.join(" "),
            p.read("src/skua/_version.py")
        );
        assert!(p
            .read("docs/conf.py")
            .contains(&format!("release = '{want}'\n")));
    };
    bump(&["pre_n"], "2.1.0b2");
    bump(&["pre_l"], "2.1.0rc1");
    bump(&["dev"], "2.1.0rc1.dev1");
    bump(&["dev"], "2.1.0rc1.dev2");
    // finalizing drops the label, its number and the dev part
    bump(&["pre_l"], "2.1.0");
    // a patch bump starts the next alpha
    bump(&["patch"], "2.1.1a1");
    bump(&["--new-version", "3.0.0rc1"], "3.0.0rc1");
    assert_eq!(p.head_subject(), "Bump version: 2.1.1a1 → 3.0.0rc1");
    assert_eq!(
        p.read("src/skua/_version.py"),
        "# file generated at release time; do not edit\n__version__ = \"3.0.0rc1\"\n__all__ = [\"__version__\"]\n"
    );
    assert!(p
        .read(".bumpversion.toml")
        .contains("current_version = \"3.0.0rc1\"\n"));
}

#[test]
fn independent_build_number_survives_release_bumps() {
    let p = repo("build-metadata");
    let bump = |args: &[&str], want: &str| {
        let mut all = vec!["--commit"];
        all.extend_from_slice(args);
        p.bump(&all).assert_ok();
        assert_eq!(p.read("VERSION"), format!("{want}\n"));
        assert_eq!(
            p.read("docs/conf.py"),
            format!("project = \"fulmar\"\nrelease = \"{want}\"\n")
        );
    };
    bump(&["minor"], "2.5.0+b17");
    bump(&["build"], "2.5.0+b18");
    bump(&["major"], "3.0.0+b18");
    bump(&["build", "--to", "40"], "3.0.0+b40");
    assert_eq!(p.commit_count(), 5);
    assert_eq!(p.status(), "");
}

#[test]
fn new_version_equal_to_current_changes_nothing() {
    let p = repo("prerelease");
    let before = p.snapshot();
    p.bump(&["--new-version", "1.0.0"]).assert_ok();
    assert_eq!(p.snapshot(), before);
    assert_eq!(p.commit_count(), 1);
}
