//! `bump init` on every fixture that has no config: the config it writes must pass `bump check`
//! and `bump patch --dry-run`, always. A fixture with no version anywhere (a changelog alone) is
//! refused with a message that says where to start instead.

use std::path::{Path, PathBuf};

use crate::common::Project;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Whether `dir` holds a bump config at its root.
fn has_config(dir: &Path) -> bool {
    let holds = |name: &str, table: &str| {
        std::fs::read_to_string(dir.join(name)).is_ok_and(|t| t.contains(table))
    };
    dir.join(".bumpversion.toml").exists()
        || dir.join(".bumpversion.cfg").exists()
        || holds("setup.cfg", "[bumpversion")
        || holds("pyproject.toml", "[tool.bumpversion")
}

/// Every fixture directory: the folders of `tests/fixtures`, and the per-kind folders of
/// `tests/fixtures/kinds`. `recorded/` holds cases recorded from other tools, each with its own
/// config under `before/`.
fn scenarios() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let list = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        v.sort();
        v
    };
    for d in list(&fixtures()) {
        match d.file_name().and_then(|n| n.to_str()) {
            Some("kinds") => out.extend(list(&d)),
            Some("recorded") => {}
            _ => out.push(d),
        }
    }
    out
}

/// Whether every file under `dir` is Markdown (a changelog fixture: no version to find).
fn only_markdown(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().all(|e| {
        let p = e.unwrap().path();
        if p.is_dir() {
            only_markdown(&p)
        } else {
            p.extension().is_some_and(|x| x == "md")
        }
    })
}

#[test]
fn init_then_check_and_patch_dry_run_pass_on_every_fixture_without_config() {
    let mut walked = Vec::new();
    for dir in scenarios().into_iter().filter(|d| !has_config(d)) {
        let name = dir.strip_prefix(fixtures()).unwrap().display().to_string();
        let p = Project::from_dir(&dir);
        p.init_git();
        let mut init = p.bump(&["init"]);
        if only_markdown(&dir) {
            init.assert_code(2)
                .assert_stderr_has("found no version in any file bump knows");
            walked.push(name);
            continue;
        }
        if name == "kinds/ci-env" {
            // only `*_VERSION` keys: other components' versions, until one is named
            init.assert_code(2).assert_stderr_has(
                "found only versions that belong to something else (`.github/workflows/ci.yml:9` env FFI_VERSION = 0.2.0); pass `--current-version VERSION`",
            );
            init = p.bump(&["init", "--current-version", "0.2.0"]);
        }
        assert_eq!(init.code, 0, "{name}: init failed\n{}", init.stderr);
        let config = p.read(".bumpversion.toml");
        let check = p.bump(&["check"]);
        assert_eq!(
            check.code, 0,
            "{name}: check failed\n{}\n{}\nconfig:\n{config}",
            check.stdout, check.stderr
        );
        let dry = p.bump(&["patch", "--dry-run", "--allow-dirty"]);
        assert_eq!(
            dry.code, 0,
            "{name}: patch --dry-run failed\n{}\nconfig:\n{config}",
            dry.stderr
        );
        walked.push(name);
    }
    // the walk reached the fixtures this suite relies on
    for must in [
        "init-monorepo",
        "version-module",
        "helm-only",
        "dev-version",
        "example-fixtures",
    ] {
        assert!(
            walked.iter().any(|w| w == must),
            "{must} not walked: {walked:?}"
        );
    }
}
