//! Components own their commits by path: a CLI+server+SDK monorepo with path-separated commits
//! and per-component tags.

use super::changelog::{stderr, Repo};

const MONOREPO: &str = r#"[tool.bumpversion]
commit = true
tag = true

[tool.bumpversion.changelog]
show_hash = false

[tool.bumpversion.components.platform]
current_version = "2.0.0"
tag_name = "cli-v{new_version}"
scopes = ["api"]

[[tool.bumpversion.components.platform.files]]
filename = "cli/pyproject.toml"

[[tool.bumpversion.components.platform.files]]
filename = "server/pyproject.toml"

[tool.bumpversion.components.sdk]
current_version = "0.3.1"
tag_name = "sdk-v{new_version}"

[[tool.bumpversion.components.sdk.files]]
filename = "sdk/package.json"
"#;

/// Write `files` (creating their directories) and commit them as `message`.
fn change(r: &Repo, files: &[(&str, &str)], message: &str) {
    for (name, text) in files {
        let path = r.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        r.git(&["add", name]);
    }
    r.git(&["commit", "-q", "-m", message]);
}

fn monorepo() -> Repo {
    let r = Repo::new(MONOREPO);
    change(
        &r,
        &[
            ("cli/pyproject.toml", "version = \"2.0.0\"\n"),
            ("server/pyproject.toml", "version = \"2.0.0\"\n"),
            ("sdk/package.json", "{\"version\": \"0.3.1\"}\n"),
        ],
        "feat: the first releases",
    );
    r.git(&["tag", "cli-v2.0.0"]);
    r.git(&["tag", "sdk-v0.3.1"]);
    r
}

fn next(r: &Repo, component: &str) -> String {
    r.ok(&["next", "--component", component]).trim().to_string()
}

#[test]
fn a_feature_touching_only_the_sdk_does_not_move_the_platform() {
    let r = monorepo();
    change(
        &r,
        &[("cli/main.py", "print()\n")],
        "fix(cli): exit 2 on a bad flag",
    );
    change(&r, &[("sdk/index.js", "x\n")], "feat(sdk): a retry option");
    change(&r, &[("server/app.py", "x\n")], "fix: a server crash");
    assert_eq!(next(&r, "platform"), "2.0.1");
    assert_eq!(next(&r, "sdk"), "0.4.0");
    let section = r.ok(&["changelog", "--component", "platform"]);
    assert_eq!(
        section,
        "## [2.0.1] - 2025-10-15\n\n### Fixed\n\n- **cli:** exit 2 on a bad flag\n- a server crash\n\n"
    );
    let sdk = r.ok(&["changelog", "--component", "sdk"]);
    assert!(sdk.contains("- **sdk:** a retry option\n"), "{sdk}");
    assert!(
        !sdk.contains("bad flag") && !sdk.contains("server"),
        "{sdk}"
    );
    // a commit whose scope the component names is its own, wherever it touches
    change(&r, &[("docs/api.md", "x\n")], "feat(api): the v2 endpoints");
    assert_eq!(next(&r, "platform"), "2.1.0");
    assert_eq!(next(&r, "sdk"), "0.4.0");
}

#[test]
fn each_component_releases_from_its_own_tags() {
    let r = monorepo();
    change(&r, &[("cli/main.py", "print()\n")], "fix(cli): the cli fix");
    // the platform's tag on a commit the path filter leaves out is still its release boundary
    change(&r, &[("sdk/index.js", "x\n")], "feat(sdk): a retry option");
    r.git(&["tag", "cli-v2.0.1"]);
    let o = r.bump(&["next", "--component", "platform"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nothing to release: none of the 0 commit(s) since `cli-v2.0.1`"),
        "{}",
        stderr(&o)
    );
    change(&r, &[("sdk/index.js", "y\n")], "fix(sdk): the sdk fix");
    change(&r, &[("server/app.py", "x\n")], "feat: the server feature");
    assert_eq!(next(&r, "platform"), "2.1.0");
    assert_eq!(
        next(&r, "sdk"),
        "0.4.0",
        "the platform's tags are no SDK boundary"
    );
    let all = r.ok(&["changelog", "--all", "--component", "platform"]);
    let headings: Vec<&str> = all.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## [Unreleased]",
            "## [2.0.1] - 2025-01-01",
            "## [2.0.0] - 2025-01-01"
        ],
        "{all}"
    );
    assert!(
        all.contains("### Fixed\n\n- **cli:** the cli fix\n"),
        "{all}"
    );
    assert!(!all.contains("sdk"), "{all}");
    // a bump of the component with its changelog lists its own commits
    let cfg = r
        .read(".bumpversion.toml")
        .replace("show_hash = false\n", "show_hash = false\nenabled = true\n");
    r.write(".bumpversion.toml", &cfg);
    r.git(&["commit", "-qam", "chore: changelog on"]);
    r.ok(&["minor", "--component", "platform"]);
    let file = r.read("CHANGELOG.md");
    assert!(
        file.contains("## [2.1.0] - 2025-10-15\n\n### Added\n\n- the server feature\n"),
        "{file}"
    );
    assert!(!file.contains("the sdk fix"), "{file}");
}
