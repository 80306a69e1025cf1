//! Errors that say the fix: a mistyped name gets the known one it is closest to (parts, config
//! keys in TOML, `pyproject.toml` and `.cfg`, components, kinds), and a `--new-version` the parse
//! pattern does not read gets what a version looks like, not the pattern; a version not found
//! shows the closest line as the file has it.

use crate::common::{fixture, repo};

#[test]
fn a_mistyped_part_gets_the_closest_one() {
    let p = repo("toml-project");
    let before = p.snapshot();
    let run = p.bump(&["patc"]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        "error: unknown version part `patc`; did you mean `patch`? (the parse pattern defines: major, minor, patch)\n"
    );
    assert!(p.snapshot() == before);

    p.bump(&["show", "--increment", "mnor", "new_version"])
        .assert_code(2)
        .assert_stderr_has("unknown version part `mnor`; did you mean `minor`?");
    // close to a command rather than a part
    p.bump(&["chek"]).assert_code(2).assert_stderr_has(
        "error: unknown version part `chek`; the parse pattern defines: major, minor, patch (or did you mean `bump check`?)\n",
    );
    // nothing close: only the list
    p.bump(&["build"]).assert_code(2).assert_stderr_has(
        "error: unknown version part `build`; the parse pattern defines: major, minor, patch\n",
    );
}

#[test]
fn a_mistyped_config_key_gets_the_closest_one() {
    let p = fixture("toml-project");
    let config = p
        .read(".bumpversion.toml")
        .replace("commit    = false", "comit = false");
    p.write(".bumpversion.toml", config);
    let run = p.bump(&["patch", "--dry-run"]);
    run.assert_ok();
    // the config's path is absolute
    run.assert_stderr_has("warning: unknown key `comit` in the bumpversion table of `/")
        .assert_stderr_has("/.bumpversion.toml:6`; it is ignored (did you mean `commit`?)\n");

    let p = fixture("pyproject");
    let config = p.read("pyproject.toml").replace(
        "[tool.bumpversion]\n",
        "[tool.bumpversion]\nserialise = [\"{major}.{minor}.{patch}\"]\n",
    );
    p.write("pyproject.toml", config);
    p.bump(&["patch", "--dry-run"])
        .assert_ok()
        .assert_stderr_has("unknown key `serialise` in the bumpversion table of `/")
        .assert_stderr_has("it is ignored (did you mean `serialize`?)\n");

    let p = fixture("toml-project");
    p.write(
        ".bumpversion.cfg",
        "[bumpversion]\ncurrent_version = 1.0.0\ntagname = v{new_version}\n\n[bumpversion:file:VERSION]\nserch = 1\n\n[bumpversion:part:patch]\nfirst_valeu = 1\n",
    );
    p.write("VERSION", "1.0.0\n");
    let run = p.bump(&["patch", "--dry-run"]);
    run.assert_ok();
    for line in [
        "unknown key `tagname` in the bumpversion table of `/",
        "/.bumpversion.cfg:3`; it is ignored (did you mean `tag_name`?)\n",
        "unknown key `serch` in file entry 0 of `/",
        "/.bumpversion.cfg:6`; it is ignored (did you mean `search`?)\n",
        "unknown key `first_valeu` in part `patch` of `/",
        "/.bumpversion.cfg:9`; it is ignored (did you mean `first_value`?)\n",
    ] {
        run.assert_stderr_has(line);
    }
    // a key nothing is close to is reported as before
    p.write(
        ".bumpversion.cfg",
        "[bumpversion]\ncurrent_version = 1.0.0\nflavour = mint\n",
    );
    p.bump(&["patch", "--dry-run"])
        .assert_ok()
        .assert_stderr_has("/.bumpversion.cfg:3`; it is ignored\n");
}

#[test]
fn a_mistyped_component_gets_the_closest_one() {
    let p = repo("monorepo");
    p.bump(&["show", "current_version", "--component", "platfrm"])
        .assert_code(2)
        .assert_stderr_has(
            "error: unknown component `platfrm`; did you mean `platform`? (declared: platform, sdk)\n",
        );
    p.bump(&["check", "--component", "web"])
        .assert_code(2)
        .assert_stderr_has("error: unknown component `web`; declared: platform, sdk\n");
}

#[test]
fn a_mistyped_kind_gets_the_closest_one() {
    let p = fixture("toml-project");
    let config = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"pyproject.toml\"\nkind = \"pyprojet\"\n";
    p.write(".bumpversion.toml", config);
    p.bump(&["patch", "--dry-run"])
        .assert_code(2)
        .assert_stderr_has(
            "unknown kind `pyprojet`; did you mean `pyproject`? (known kinds: pyproject, setup-py,",
        );
}

#[test]
fn a_new_version_that_does_not_parse_gets_what_a_version_looks_like() {
    let p = repo("toml-project");
    let before = p.snapshot();
    for (given, says) in [
        (
            "garbage",
            "error: new version `garbage` does not match the parse pattern; expected a version like `1.4.2` (MAJOR.MINOR.PATCH)\n",
        ),
        (
            "v2.0.0",
            "error: new version `v2.0.0` is not matched whole by the parse pattern (it matches only `2.0.0`); drop the leading `v`: `--new-version 2.0.0`\n",
        ),
        (
            "2.0.0-beta",
            "error: new version `2.0.0-beta` is not matched whole by the parse pattern (it matches only `2.0.0`); expected a version like `1.4.2` (MAJOR.MINOR.PATCH)\n",
        ),
    ] {
        let run = p.bump(&["--new-version", given]);
        run.assert_code(2);
        assert_eq!(run.stderr, says);
        let run = p.bump(&["replace", "--new-version", given]);
        run.assert_code(2);
        assert_eq!(run.stderr, says, "replace");
    }
    assert!(p.snapshot() == before);
}

#[test]
fn the_expected_form_comes_from_the_config() {
    // `serialize = ["{major}.{minor}.{patch}+b{build}", ...]`
    let p = fixture("build-metadata");
    p.bump(&["--new-version", "garbage", "--dry-run"])
        .assert_code(2)
        .assert_stderr_has("expected a version like `2.4.1+b17` (MAJOR.MINOR.PATCH+bBUILD)\n");
    // formats whose placeholders touch give the example only
    let p = fixture("pep440");
    p.bump(&["--new-version", "garbage", "--dry-run"])
        .assert_code(2)
        .assert_stderr_has("does not match the parse pattern; expected a version like `2.1.0b1`\n");
    // under a scheme, the scheme's spelling
    let p = fixture("polyglot-rc");
    p.bump(&["--new-version", "garbage", "--dry-run"])
        .assert_code(2)
        .assert_stderr_has("expected a version like `1.4.0-rc.2` (SemVer)\n");
}

#[test]
fn the_closest_line_is_the_files_own_text() {
    let p = repo("polyglot-rc");
    let ci = p
        .read(".github/workflows/ci.yml")
        .replace("FFI_VERSION: \"1.4.0-rc.2\"", "FFI_VERSION: \"1.4.0-rc.1\"");
    p.write(".github/workflows/ci.yml", ci);
    p.commit_all("ci: an older FFI");
    let run = p.bump(&["release"]);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        "error: did not find `env FFI_VERSION = 1.4.0-rc.2` in `.github/workflows/ci.yml`; closest line 4:   FFI_VERSION: \"1.4.0-rc.1\"   # keep in step with the package\n"
    );

    let p = fixture("toml-project");
    p.write(
        "package.json",
        "{\n  \"name\": \"heron\",\n  \"version\": \"1.4.1\"\n}\n",
    );
    let config = p.read(".bumpversion.toml")
        + "\n[[tool.bumpversion.files]]\nfilename = \"package.json\"\nkind = \"package-json\"\n";
    p.write(".bumpversion.toml", config);
    p.bump(&["patch"])
        .assert_code(1)
        .assert_stderr_has("in `package.json`; closest line 3:   \"version\": \"1.4.1\"\n");
}
