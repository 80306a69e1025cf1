//! `bump pre` / `bump release` on a `scheme` config: the staging → production flow, each file
//! in its own spelling.

mod common;

use common::repo;

fn version(p: &common::Project) -> String {
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
