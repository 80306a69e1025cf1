//! `bump init` on fixtures shaped like real repositories: a package whose version lives in
//! `src/pkg/__version__.py`, a project at a dev release, a repository whose example fixtures
//! hold other versions, a Helm chart alone. The config it writes must then bump.

use crate::common::{fixture, Project};

fn init(p: &Project, args: &[&str]) -> String {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    p.bump(&all).assert_ok();
    p.read(".bumpversion.toml")
}

#[test]
fn dev_version_project_bumps_patch_pre_and_release() {
    let p = fixture("dev-version");
    p.init_git();
    let config = init(&p, &[]);
    assert!(
        config.contains("current_version = \"7.0.0.dev0\""),
        "{config}"
    );
    assert!(config.contains("scheme = \"pep440\""), "{config}");
    p.bump(&["check"]).assert_ok();
    for (args, want) in [
        (vec!["patch"], "7.0.1"),
        (vec!["pre"], "7.0.0rc1"),
        (vec!["release"], "7.0.0"),
        (vec!["dev"], "7.0.0.dev1"),
    ] {
        let mut a = args.clone();
        a.extend(["--dry-run", "--allow-dirty"]);
        let run = p.bump(&a);
        run.assert_ok()
            .assert_stderr_has(&format!("7.0.0.dev0 → {want} "));
    }
    // for real: the dependency pinned beside it is not touched
    p.commit_all("build: bump config");
    p.bump(&["release", "--no-commit", "--no-tag"]).assert_ok();
    let py = p.read("pyproject.toml");
    assert!(py.contains("version = \"7.0.0\"\n"), "{py}");
    assert!(py.contains("requests==2.31.0"), "{py}");
    assert!(p
        .read("src/devpkg/__init__.py")
        .contains("__version__ = \"7.0.0\""));
}

#[test]
fn a_bad_current_version_under_a_scheme_is_told_the_schemes_form() {
    let p = fixture("dev-version");
    init(&p, &[]);
    let config = p.read(".bumpversion.toml");
    p.write(
        ".bumpversion.toml",
        config.replace("\"7.0.0.dev0\"", "\"7.0.0.devx\""),
    );
    let run = p.bump(&["check"]);
    run.assert_code(1);
    // the scheme's own form, never the SemVer pattern nor any raw regex
    assert!(run.stderr.contains("(PEP 440)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("current version `7.0.0.devx` does not match the version scheme"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("(?P<"), "{}", run.stderr);
}

#[test]
fn version_module_with_an_annotated_assignment_is_found() {
    let p = fixture("version-module");
    let config = init(&p, &[]);
    assert!(config.contains("current_version = \"3.17.1\""), "{config}");
    assert!(
        config.contains("filename = \"src/pkg/__version__.py\"\nkind = \"python\""),
        "{config}"
    );
    // the README is not a kind: only named with --include
    assert!(!config.contains("README.md"), "{config}");
    p.bump(&["check"]).assert_ok();
    p.bump(&["minor", "--no-commit", "--no-tag", "--allow-dirty"])
        .assert_ok();
    assert_eq!(
        p.read("src/pkg/__version__.py"),
        "__title__ = \"pkg\"\n__version__: str = \"3.18.0\"\n__author__ = \"A. Person\"\n"
    );
}

#[test]
fn root_manifest_wins_over_example_fixtures() {
    let p = fixture("example-fixtures");
    p.init_git();
    let run = p.bump(&["init", "--dry-run"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("current_version = \"1.0.2.dev0\""),
        "{}",
        run.stdout
    );
    // docs/examples and tests/ are left out: no entry, no warning about their broken JSON
    assert!(!run.stdout.contains("docs/examples"), "{}", run.stdout);
    assert!(!run.stdout.contains("tests/data"), "{}", run.stdout);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // --include brings a fixture back in (as a disagreement), --exclude drops a file
    let run = p.bump(&[
        "init",
        "--dry-run",
        "--include",
        "docs/examples/*/VERSION.txt",
        "--exclude",
        "src/**",
    ]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("# docs/examples/advanced/VERSION.txt:1: contents = 1.0.0"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("src/tool"), "{}", run.stdout);
}

#[test]
fn current_version_given_outright() {
    let p = fixture("example-fixtures");
    let run = p.bump(&[
        "init",
        "--dry-run",
        "--include",
        "docs/**",
        "--current-version",
        "1.0.0",
    ]);
    run.assert_ok();
    assert!(
        run.stdout.contains("current_version = \"1.0.0\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("filename = \"docs/examples/basic/VERSION.txt\""),
        "{}",
        run.stdout
    );
    let run = p.bump(&["init", "--dry-run", "--current-version", "4.5.6"]);
    run.assert_code(2).assert_stderr_has(
        "`--current-version 4.5.6`: no file bump knows holds it (found `1.0.2-dev`)",
    );
}

#[test]
fn helm_chart_alone_is_the_projects_version() {
    let p = fixture("helm-only");
    p.init_git();
    let config = init(&p, &[]);
    assert!(config.contains("current_version = \"0.4.2\""), "{config}");
    assert!(
        config.contains("filename = \"Chart.yaml\"\nkind = \"helm-chart\"\nkeys = [\"version\"]"),
        "{config}"
    );
    p.commit_all("build: bump config");
    p.bump(&["patch", "--no-commit", "--no-tag"]).assert_ok();
    let chart = p.read("Chart.yaml");
    assert!(
        chart.contains("version: 0.4.3\nappVersion: \"1.16.0\"\n"),
        "{chart}"
    );
}

/// A Dockerfile whose dependency pins (`NODE_VERSION`, `ESBUILD_VERSION`, `UV_VERSION`) share
/// the project's number: init does not configure them and the bump leaves them, byte for byte.
#[test]
fn dockerfile_dependency_args_are_never_the_projects() {
    let p = fixture("docker-pins");
    p.init_git();
    let config = init(&p, &[]);
    assert!(
        config.contains("# Dockerfile:10: LABEL org.opencontainers.image.version\n# Dockerfile:11: ENV SHOP_VERSION\n[[tool.bumpversion.files]]\nfilename = \"Dockerfile\""),
        "{config}"
    );
    for pin in ["NODE_VERSION", "ESBUILD_VERSION", "UV_VERSION"] {
        assert!(!config.contains(pin), "{pin}: {config}");
    }
    p.commit_all("build: bump config");
    p.bump(&["check"]).assert_ok();
    let before = p.read("Dockerfile");
    p.bump(&["minor", "--no-commit", "--no-tag"]).assert_ok();
    let want = before
        .replace("version=\"2.1.0\"", "version=\"2.2.0\"")
        .replace("SHOP_VERSION=2.1.0", "SHOP_VERSION=2.2.0");
    assert_eq!(p.read("Dockerfile"), want);
    assert!(want.contains("ARG NODE_VERSION=2.1.0") && want.contains("UV_VERSION=2.1.0"));
}

/// `--include README.*` configures the README's badge and install line (a file with no kind:
/// search and replace), and the bump rewrites both.
#[test]
fn readme_badge_and_install_line_when_included() {
    let p = fixture("version-module");
    p.init_git();
    let config = init(&p, &["--include", "README.*"]);
    assert!(
        config.contains("# README.md:3: ![PyPI](https://img.shields.io/badge/pypi-v3.17.1-blue.svg)\n# README.md:5: pip install pkg==3.17.1\n"),
        "{config}"
    );
    assert!(
        config.contains("[[tool.bumpversion.files]]\nfilename = \"README.md\"\n"),
        "{config}"
    );
    p.commit_all("build: bump config");
    p.bump(&["check"]).assert_ok();
    p.bump(&["patch", "--no-commit", "--no-tag"]).assert_ok();
    assert_eq!(
        p.read("README.md"),
        "# pkg\n\n![PyPI](https://img.shields.io/badge/pypi-v3.17.2-blue.svg)\n\n    pip install pkg==3.17.2\n"
    );
}

/// `bump find`: a badge's `v7.0.0-blue.svg`, an archive's `pkg-7.0.0.tar.gz`, a sentence's
/// `7.0.0.`, .NET's four-part `7.0.0.0` (flagged), each line once.
#[test]
fn find_reads_file_names_sentences_and_four_part_versions() {
    let p = fixture("dev-version");
    p.write(
        "docs/install.md",
        "![v](https://img.shields.io/badge/v7.0.0.svg)\nDownload pkg-7.0.0.tar.gz or pkg-7.0.0-py3-none-any.whl.\nThis is 7.0.0.\nNot 7.0.0.1 nor 7.0.0-rc.1 nor 17.0.0.\n",
    );
    p.write(
        "dotnet/App.csproj",
        "<Project>\n  <PropertyGroup>\n    <FileVersion>7.0.0.0</FileVersion>\n  </PropertyGroup>\n</Project>\n",
    );
    let run = p.bump(&["find", "7.0.0"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "docs/install.md:1: ![v](https://img.shields.io/badge/v7.0.0.svg)  [not configured]\n\
         docs/install.md:2: Download pkg-7.0.0.tar.gz or pkg-7.0.0-py3-none-any.whl.  [not configured]\n\
         docs/install.md:3: This is 7.0.0.  [not configured]\n\
         dotnet/App.csproj:3: <FileVersion>7.0.0.0</FileVersion>  [not configured]  [four-part .NET form]\n"
    );
}
