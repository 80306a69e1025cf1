//! A bump changes the version spans and nothing else: CRLF line endings, a UTF-8 BOM, tabs, a
//! missing trailing newline and non-ASCII text all come out byte for byte as they went in.
//! Each expectation is the original bytes with the exact version span replaced.

use crate::common::{assert_bytes_eq, replace_bytes, repo, Project};

/// Bump `odd-bytes` by a minor (1.9.9 → 1.10.0); the project and its files as they were before.
fn bumped() -> (Project, std::collections::BTreeMap<String, Vec<u8>>) {
    let p = repo("odd-bytes");
    let before = p.snapshot();
    p.bump(&["minor"]).assert_ok();
    (p, before)
}

#[test]
fn crlf_file_with_bom_keeps_both() {
    let (p, before) = bumped();
    let orig = &before["Properties/AssemblyInfo.cs"];
    assert!(orig.starts_with(b"\xef\xbb\xbf") && orig.windows(2).any(|w| w == b"\r\n"));
    assert_bytes_eq(
        &p.read_bytes("Properties/AssemblyInfo.cs"),
        &replace_bytes(orig, "Version(\"1.9.9\")", "Version(\"1.10.0\")"),
        "AssemblyInfo.cs",
    );
}

#[test]
fn multiline_replacement_in_a_crlf_file_uses_crlf() {
    let (p, before) = bumped();
    let orig = &before["installer/setup.iss"];
    let expected = replace_bytes(
        orig,
        "#define AppVersion \"1.9.9\"\r\n",
        "#define AppVersion \"1.10.0\"\r\n#define AppVersionPrevious \"1.9.9\"\r\n",
    );
    assert_bytes_eq(&p.read_bytes("installer/setup.iss"), &expected, "setup.iss");
    // no bare LF crept in
    let after = p.read_bytes("installer/setup.iss");
    let bare_lf = after
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || after[i - 1] != b'\r'));
    assert!(!bare_lf, "a bare LF in a CRLF file");
}

#[test]
fn tabs_are_kept() {
    let (p, before) = bumped();
    assert_bytes_eq(
        &p.read_bytes("Makefile"),
        &replace_bytes(
            &before["Makefile"],
            "VERSION\t:= 1.9.9",
            "VERSION\t:= 1.10.0",
        ),
        "Makefile",
    );
    assert!(p
        .read("Makefile")
        .contains("\n\ttar czf grebe-$(VERSION).tar.gz src/\n"));
}

#[test]
fn no_trailing_newline_is_kept() {
    let (p, before) = bumped();
    assert_eq!(before["VERSION"], b"1.9.9");
    assert_eq!(p.read_bytes("VERSION"), b"1.10.0");
}

#[test]
fn non_ascii_text_is_kept() {
    let (p, before) = bumped();
    let expected = replace_bytes(
        &before["CHANGELOG.de.md"],
        "Version 1.9.9",
        "Version 1.10.0",
    );
    assert_bytes_eq(
        &p.read_bytes("CHANGELOG.de.md"),
        &expected,
        "CHANGELOG.de.md",
    );
    assert!(p.read("CHANGELOG.de.md").contains(
        "## Version 1.10.0 — „Kranich“ 🐦\n\n- Änderung: schnellere Synchronisation 🚀\n"
    ));
}

#[test]
fn config_write_back_changes_only_the_value() {
    let (p, before) = bumped();
    assert_bytes_eq(
        &p.read_bytes(".bumpversion.toml"),
        &replace_bytes(
            &before[".bumpversion.toml"],
            "current_version = \"1.9.9\"",
            "current_version = \"1.10.0\"",
        ),
        ".bumpversion.toml",
    );
}

#[test]
fn crlf_config_file_keeps_crlf() {
    let p = repo("cfg-and-toml");
    let cfg = p.read(".bumpversion.cfg").replace('\n', "\r\n");
    p.write(".bumpversion.cfg", &cfg);
    p.write("VERSION", "1.0.0\r\n");
    p.commit_all("chore: check out on Windows");

    p.bump(&["patch"]).assert_ok();
    assert_eq!(
        p.read(".bumpversion.cfg"),
        cfg.replace("current_version = 1.0.0", "current_version = 1.0.1")
    );
    assert_eq!(p.read_bytes("VERSION"), b"1.0.1\r\n");
}

#[test]
fn non_utf8_file_is_refused_and_nothing_changes() {
    let p = repo("odd-bytes");
    // a Latin-1 changelog: `Änderung` with Ä as the single byte 0xC4
    p.write("CHANGELOG.de.md", b"## Version 1.9.9\n\n- \xc4nderung\n");
    p.commit_all("docs: latin-1 changelog");
    let before = p.snapshot();
    let run = p.bump(&["minor"]);
    assert_ne!(run.code, 0);
    run.assert_stderr_has("CHANGELOG.de.md")
        .assert_stderr_has("not valid UTF-8");
    assert!(p.snapshot() == before);
}

/// A search spanning lines is written with `\n` (bump-my-version reads files with universal
/// newlines): it must be found in a CRLF file, and the file must keep its CRLFs.
#[test]
fn multiline_search_is_found_in_a_crlf_file() {
    let p = crate::common::fixture("git-project");
    p.write(
        ".bumpversion.toml",
        concat!(
            "[tool.bumpversion]\ncurrent_version = \"1.2.3\"\n\n",
            "[[tool.bumpversion.files]]\nfilename = \"setup.cfg\"\n",
            "search = \"[metadata]\\nversion = {current_version}\"\n",
            "replace = \"[metadata]\\nversion = {new_version}\"\n",
        ),
    );
    let orig = b"[other]\r\nversion = 1.2.3\r\n\r\n[metadata]\r\nversion = 1.2.3\r\n".to_vec();
    p.write("setup.cfg", &orig);
    p.init_git();
    p.bump(&["patch"]).assert_ok();
    let expected = b"[other]\r\nversion = 1.2.3\r\n\r\n[metadata]\r\nversion = 1.2.4\r\n";
    assert_bytes_eq(&p.read_bytes("setup.cfg"), expected, "setup.cfg");
    p.bump(&["check"]).assert_ok();
}
