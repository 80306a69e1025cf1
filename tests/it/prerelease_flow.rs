//! `bump pre` / `bump release` on a `scheme` config: the staging → production flow, each file
//! in its own spelling.

use crate::common::repo;

fn version(p: &crate::common::Project) -> String {
    p.bump(&["show", "current_version"])
        .stdout
        .trim()
        .to_string()
}

#[test]
fn release_candidates_then_final() {
    let p = repo("polyglot-rc");
    // finalize the fixture's rc first: 1.4.0-rc.2 -> 1.4.0
    p.bump(&["release"]).assert_ok();
    assert_eq!(version(&p), "1.4.0");
    p.bump(&["pre"]).assert_ok();
    assert_eq!(version(&p), "1.4.1-rc.1");
    assert!(p.read("pyproject.toml").contains("version = \"1.4.1rc1\""));
    p.bump(&["pre"]).assert_ok();
    assert_eq!(version(&p), "1.4.1-rc.2");
    assert!(p
        .read("src/lynx/__init__.py")
        .contains("__version__ = \"1.4.1rc2\""));
    assert!(p
        .read("web/package.json")
        .contains("\"version\": \"1.4.1-rc.2\""));
    p.bump(&["release"]).assert_ok();
    assert_eq!(version(&p), "1.4.1");
    assert_eq!(p.tags(), ["v1.4.0", "v1.4.1", "v1.4.1-rc.1", "v1.4.1-rc.2"]);
    // nothing left to finalize: refused, nothing changed
    let before = p.snapshot();
    p.bump(&["release"])
        .assert_code(1)
        .assert_stderr_has("not a pre-release");
    assert_eq!(p.snapshot(), before);
}

#[test]
fn level_and_label() {
    let p = repo("polyglot-rc");
    p.bump(&["release"]).assert_ok();
    p.bump(&["pre", "--level", "minor", "--label", "alpha"])
        .assert_ok();
    assert_eq!(version(&p), "1.5.0-alpha.1");
    assert!(p.read("pyproject.toml").contains("version = \"1.5.0a1\""));
    p.bump(&["pre", "--label", "beta"]).assert_ok();
    assert_eq!(version(&p), "1.5.0-beta.1");
    p.bump(&["pre", "--label", "alpha"])
        .assert_code(2)
        .assert_stderr_has("cannot go back");
    p.bump(&["pre", "--dry-run"]).assert_ok();
    assert_eq!(version(&p), "1.5.0-beta.1");
}

#[test]
fn pre_and_release_need_a_scheme() {
    let p = repo("toml-project");
    p.bump(&["pre"]).assert_code(2).assert_stderr_has("scheme");
}

#[test]
fn a_final_release_section_gathers_everything_since_the_previous_final() {
    let p = crate::common::fixture("polyglot-rc");
    let cfg = p.read(".bumpversion.toml").replace(
        "current_version = \"1.4.0-rc.2\"",
        "current_version = \"1.4.0\"",
    ) + "\n[tool.bumpversion.changelog]\nenabled = true\n";
    p.write(".bumpversion.toml", cfg);
    for f in ["pyproject.toml", "src/lynx/__init__.py"] {
        let t = p.read(f).replacen("1.4.0rc2", "1.4.0", 1);
        p.write(f, t);
    }
    for f in [
        "web/package.json",
        "web/package-lock.json",
        "Dockerfile",
        ".github/workflows/ci.yml",
    ] {
        let t = p.read(f);
        let t = t.replacen(
            "\"1.4.0-rc.2\"",
            "\"1.4.0\"",
            if f.ends_with("lock.json") { 2 } else { 1 },
        );
        p.write(f, t);
    }
    p.init_git();
    p.git(&["tag", "v1.4.0"]);
    p.bump(&["check"]).assert_ok();
    let commit = |file: &str, msg: &str| {
        p.write(file, msg);
        p.git(&["add", file]);
        p.git(&["commit", "-qm", msg]);
    };
    commit("a.txt", "feat: alpha feature");
    p.bump(&["pre"]).assert_ok();
    commit("b.txt", "fix: beta fix");
    p.bump(&["pre"]).assert_ok();
    commit("c.txt", "feat: gamma");
    p.bump(&["release"]).assert_ok();
    let log = p.read("CHANGELOG.md");
    let final_section = &log[log.find("## [1.4.1] -").expect("final section")
        ..log.find("## [1.4.1-rc.2]").expect("rc.2 section")];
    for entry in ["alpha feature", "beta fix", "gamma"] {
        assert!(final_section.contains(entry), "{final_section}");
    }
    let rc2 = &log[log.find("## [1.4.1-rc.2]").unwrap()..log.find("## [1.4.1-rc.1]").unwrap()];
    assert!(
        rc2.contains("beta fix") && !rc2.contains("alpha feature"),
        "{rc2}"
    );
}
