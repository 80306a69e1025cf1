//! Each config format bump reads, discovery order, and the byte-for-byte write-back of
//! `current_version`.

use crate::common::{assert_bytes_eq, replace_bytes, repo};

#[test]
fn bumpversion_toml_rewrites_files_and_keeps_the_config_comments() {
    let p = repo("toml-project");
    let config = p.read_bytes(".bumpversion.toml");
    let init = p.read("src/heron/__init__.py");
    let readme = p.read("README.md");

    p.bump(&["minor"]).assert_ok();

    // only the value changed: comments, odd spacing and the trailing comment survive
    assert_bytes_eq(
        &p.read_bytes(".bumpversion.toml"),
        &replace_bytes(
            &config,
            r#"current_version = "1.4.2""#,
            r#"current_version = "1.5.0""#,
        ),
        ".bumpversion.toml",
    );
    // the search is `__version__ = "..."`: PROTOCOL = "1.4.2-compat" is not a match
    assert_eq!(
        p.read("src/heron/__init__.py"),
        init.replace(r#"__version__ = "1.4.2""#, r#"__version__ = "1.5.0""#)
    );
    assert!(p
        .read("src/heron/__init__.py")
        .contains(r#"PROTOCOL = "1.4.2-compat""#));
    // only the `heron==` occurrence is the configured search
    assert_eq!(
        p.read("README.md"),
        readme.replace("heron==1.4.2", "heron==1.5.0")
    );
    assert!(p.read("README.md").contains("Heron 1.4.2 needs Python"));
    // commit = false, tag = false
    assert_eq!(p.head_subject(), "init");
    assert!(p.tags().is_empty());
}

#[test]
fn bumpversion_cfg_file_label_glob_and_multiline_sections() {
    let p = repo("cfg-project");
    let before = p.snapshot();

    let run = p.bump(&["build"]);
    run.assert_ok();
    run.assert_stderr_has("deprecated");

    assert_eq!(
        p.read("setup.py"),
        "from setuptools import setup\n\nsetup(\n    name=\"kestrel\",\n    version=\"2.0.3-rc2\",\n    download_url=\"https://example.invalid/kestrel/archive/v2.0.3-rc2.tar.gz\",\n    install_requires=[\"requests>=2\"],\n)\n"
    );
    // `[bumpversion:glob:docs/*.rst]` takes both top-level pages, not the nested guide
    assert_eq!(
        p.read("docs/index.rst"),
        "Kestrel\n=======\n\nThis is the documentation for Kestrel 2.0.3-rc2.\n"
    );
    assert!(p.read("docs/install.rst").ends_with("kestrel==2.0.3-rc2\n"));
    assert_eq!(
        p.read_bytes("docs/guide/usage.rst"),
        before["docs/guide/usage.rst"]
    );
    // multi-line search and replace, with `{#}` standing for `#`
    assert_eq!(
        p.read("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased]\n\n## [2.0.3-rc2]\n\n### Fixed\n\n- The retry loop no longer spins on `EAGAIN`.\n\n## [2.0.2]\n\n### Fixed\n\n- First bugfix.\n"
    );
    assert_bytes_eq(
        &p.read_bytes(".bumpversion.cfg"),
        &replace_bytes(
            &before[".bumpversion.cfg"],
            "current_version = 2.0.3-rc1",
            "current_version = 2.0.3-rc2",
        ),
        ".bumpversion.cfg",
    );
}

#[test]
fn bumpversion_cfg_part_sections_and_serialize_list() {
    // `[bumpversion:part:release]` ends in its optional value: the short serialize format is used
    let p = repo("cfg-project");
    p.bump(&["release"]).assert_ok();
    assert!(p
        .read(".bumpversion.cfg")
        .contains("current_version = 2.0.3\n"));
    assert!(p.read("setup.py").contains("version=\"2.0.3\","));
    assert!(p
        .read("CHANGELOG.md")
        .contains("## [Unreleased]\n\n## [2.0.3]\n\n### Fixed"));

    // a patch bump restarts the label at `dev` and the build at its `first_value = 1`
    let p = repo("cfg-project");
    p.bump(&["patch"]).assert_ok();
    assert!(p
        .read(".bumpversion.cfg")
        .contains("current_version = 2.0.4-dev1\n"));
    assert!(p.read("docs/index.rst").contains("Kestrel 2.0.4-dev1."));
}

#[test]
fn setup_cfg_section_with_percent_escapes() {
    let p = repo("setup-cfg");
    let setup_cfg = p.read_bytes("setup.cfg");

    p.bump(&["minor"]).assert_ok();

    // `%%` in setup.cfg is ConfigParser's escape for `%`
    assert_eq!(
        p.read("src/plover/cli.py"),
        "import argparse\n\nparser = argparse.ArgumentParser(prog=\"plover\")\n# shown by `plover --version`\nparser.add_argument(\"--version\", action=\"version\", version=\"%(prog)s 0.4.0\")\n"
    );
    // the metadata version (a configured file) and current_version both move; the rest of
    // setup.cfg, comments included, is untouched
    let expected = replace_bytes(&setup_cfg, "version = 0.3.1", "version = 0.4.0");
    assert_bytes_eq(&p.read_bytes("setup.cfg"), &expected, "setup.cfg");
    assert!(p.read("setup.cfg").contains("# E203 fights with black\n"));
}

#[test]
fn pyproject_tool_bumpversion_moves_the_pep621_version_along() {
    let p = repo("pyproject");
    let pyproject = p.read_bytes("pyproject.toml");

    p.bump(&["patch"]).assert_ok();

    let expected = replace_bytes(
        &replace_bytes(
            &pyproject,
            "version = \"0.7.0\"   # keep",
            "version = \"0.7.1\"   # keep",
        ),
        "current_version = \"0.7.0\"",
        "current_version = \"0.7.1\"",
    );
    assert_bytes_eq(&p.read_bytes("pyproject.toml"), &expected, "pyproject.toml");
    assert_eq!(
        p.read("src/tern/__init__.py"),
        "\"\"\"Tiny event router.\"\"\"\n__version__ = \"0.7.1\"\n"
    );
}

#[test]
fn config_file_in_a_subdirectory_resolves_files_from_there() {
    let p = repo("tools-config");
    let before = p.snapshot();

    p.bump(&["--config-file", "tools/release/bumpversion.toml", "major"])
        .assert_ok();

    assert_eq!(
        p.read("app/version.go"),
        "package app\n\n// Version is set by the release tooling.\nconst Version = \"6.0.0\"\n"
    );
    assert_bytes_eq(
        &p.read_bytes("tools/release/bumpversion.toml"),
        &replace_bytes(
            &before["tools/release/bumpversion.toml"],
            "\"5.1.0\"",
            "\"6.0.0\"",
        ),
        "tools/release/bumpversion.toml",
    );
    // not configured: the root VERSION stays
    assert_eq!(p.read("VERSION"), "5.1.0\n");
}

#[test]
fn bumpversion_cfg_wins_over_bumpversion_toml() {
    let p = repo("cfg-and-toml");
    let before = p.snapshot();

    p.bump(&["patch"]).assert_ok();

    assert_eq!(p.read("VERSION"), "1.0.1\n");
    assert_eq!(
        p.read(".bumpversion.cfg"),
        "[bumpversion]\ncurrent_version = 1.0.1\n\n[bumpversion:file:VERSION]\n"
    );
    // the .toml is not read: neither it nor its file changed
    assert_eq!(
        p.read_bytes(".bumpversion.toml"),
        before[".bumpversion.toml"]
    );
    assert_eq!(p.read_bytes("package.json"), before["package.json"]);
}

#[test]
fn config_is_found_from_a_subdirectory_of_the_repository() {
    let p = repo("toml-project");
    p.bump_in("src/heron", &["patch"]).assert_ok();
    assert!(p
        .read(".bumpversion.toml")
        .contains("current_version = \"1.4.3\""));
    assert!(p
        .read("src/heron/__init__.py")
        .contains("__version__ = \"1.4.3\""));
    assert!(p.read("README.md").contains("heron==1.4.3"));
}
