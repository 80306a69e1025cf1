//! File kinds inside a real bump: one logical version written in each ecosystem's spelling,
//! dependencies sharing the number left alone, and `bump init` producing a working config.

use crate::common::{repo, Project};

const FILES: &[&str] = &[
    ".bumpversion.toml",
    ".github/workflows/ci.yml",
    "Dockerfile",
    "pyproject.toml",
    "src/lynx/__init__.py",
    "web/package-lock.json",
    "web/package.json",
];

/// Every tracked file equals its original with `from` spellings replaced by `to` ones, and
/// nothing else changed.
fn assert_respelled(
    p: &Project,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    pairs: &[(&str, &str, &str)],
) {
    for (rel, old) in before {
        let mut expected = String::from_utf8(old.clone()).unwrap();
        for (file, from, to) in pairs {
            if rel == file {
                expected = expected.replacen(from, to, 1);
            }
        }
        assert_eq!(p.read(rel), expected, "{rel}");
    }
}

#[test]
fn semver_scheme_rc_then_final_each_file_in_its_form() {
    let p = repo("polyglot-rc");
    p.bump(&["check"]).assert_ok();
    let before = p.snapshot();
    p.bump(&["pre_n"]).assert_ok();
    assert_respelled(
        &p,
        &before,
        &[
            (
                ".bumpversion.toml",
                "current_version = \"1.4.0-rc.2\"",
                "current_version = \"1.4.0-rc.3\"",
            ),
            (
                "pyproject.toml",
                "version = \"1.4.0rc2\"",
                "version = \"1.4.0rc3\"",
            ),
            ("src/lynx/__init__.py", "1.4.0rc2", "1.4.0rc3"),
            (
                "web/package.json",
                "\"version\": \"1.4.0-rc.2\"",
                "\"version\": \"1.4.0-rc.3\"",
            ),
            (
                "Dockerfile",
                "version=\"1.4.0-rc.2\"",
                "version=\"1.4.0-rc.3\"",
            ),
            (
                ".github/workflows/ci.yml",
                "FFI_VERSION: \"1.4.0-rc.2\"",
                "FFI_VERSION: \"1.4.0-rc.3\"",
            ),
            // the root "version", then packages[""].version; not the dependency after them
            (
                "web/package-lock.json",
                "\"version\": \"1.4.0-rc.2\"",
                "\"version\": \"1.4.0-rc.3\"",
            ),
            (
                "web/package-lock.json",
                "\"version\": \"1.4.0-rc.2\"",
                "\"version\": \"1.4.0-rc.3\"",
            ),
        ],
    );
    // the lock file: the root and packages[""] move, the dependency with the same number stays
    let lock = p.read("web/package-lock.json");
    assert_eq!(lock.matches("1.4.0-rc.3").count(), 2, "{lock}");
    assert_eq!(lock.matches("1.4.0-rc.2").count(), 3, "{lock}");
    assert!(p.read("pyproject.toml").contains("lynx-core==1.4.0rc2"));
    assert!(p
        .read("web/package.json")
        .contains("\"lynx-wasm\": \"1.4.0-rc.2\""));
    assert!(p.read("Dockerfile").contains("ARG PYTHON_VERSION=3.12"));
    assert_eq!(p.tags(), ["v1.4.0-rc.3"]);

    p.bump(&["pre_l"]).assert_ok();
    assert!(p
        .read("pyproject.toml")
        .contains("version = \"1.4.0\"   # PEP 440 spelling"));
    assert!(p
        .read("src/lynx/__init__.py")
        .contains("__version__ = \"1.4.0\""));
    assert!(p
        .read("web/package.json")
        .contains("\"version\": \"1.4.0\","));
    assert!(p
        .read(".bumpversion.toml")
        .contains("current_version = \"1.4.0\""));
    assert_eq!(p.tags(), ["v1.4.0", "v1.4.0-rc.3"]);
    p.bump(&["check"]).assert_ok();
    // a final release has no pre-release label left to finalize
    p.bump(&["pre_l"]).assert_code(1);
    for f in FILES {
        assert!(p.exists(f));
    }
}

#[test]
fn current_version_in_pep440_spelling_is_accepted() {
    let p = repo("polyglot-rc");
    let cfg = p.read(".bumpversion.toml").replace(
        "\"1.4.0-rc.2\"\nscheme = \"semver\"",
        "\"1.4.0rc2\"\nscheme = \"pep440\"",
    );
    p.write(".bumpversion.toml", cfg);
    p.commit_all("pep440 scheme");
    p.bump(&["pre_n"]).assert_ok();
    assert!(p
        .read(".bumpversion.toml")
        .contains("current_version = \"1.4.0rc3\""));
    assert!(p
        .read("web/package.json")
        .contains("\"version\": \"1.4.0-rc.3\""));
    assert_eq!(p.tags(), ["v1.4.0rc3"]);
}

#[test]
fn a_kind_location_holding_another_version_is_refused_with_nothing_changed() {
    let p = repo("polyglot-rc");
    let drifted = p.read("web/package.json").replacen(
        "\"version\": \"1.4.0-rc.2\"",
        "\"version\": \"1.3.9\"",
        1,
    );
    p.write("web/package.json", drifted);
    p.commit_all("drift");
    let before = p.snapshot();
    let run = p.bump(&["pre_n"]);
    run.assert_code(1).assert_stderr_has("web/package.json");
    assert_eq!(p.snapshot(), before);
    p.bump(&["check"])
        .assert_code(1)
        .assert_stderr_has("web/package.json:3: expected 1.4.0-rc.2, found 1.3.9");
}

#[test]
fn init_writes_a_config_whose_dry_run_touches_exactly_the_found_files() {
    let p = repo("init-monorepo");
    p.bump(&["init"]).assert_ok();
    assert!(p.exists(".bumpversion.toml"));
    p.commit_all("chore: bump init");
    let run = p.bump(&["patch", "--dry-run"]);
    run.assert_ok();
    let mut touched: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("+++ b/"))
        .collect();
    touched.sort();
    assert_eq!(
        touched,
        [
            ".bumpversion.toml",
            ".github/workflows/ci.yml",
            "Dockerfile",
            "VERSION",
            "pyproject.toml",
            "src/pkg/__init__.py",
            "web/package-lock.json",
            "web/package.json",
        ],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("node_modules"));
    p.bump(&["check"]).assert_ok();
    // refuses to overwrite without --force
    p.bump(&["init"]).assert_code(2);
}
