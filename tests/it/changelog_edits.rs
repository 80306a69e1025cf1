//! What `bump <part>` and `bump changelog --write` do to a CHANGELOG.md that needs care: code
//! fences and HTML comments (a heading inside one is no heading; one never closed is refused
//! before anything is written) and the exact bytes of the hand-written entries a release moves.

use crate::common::{repo, Project, Run};

/// 2025-10-15, the release date of every section written here.
const RELEASE_DATE: (&str, &str) = ("SOURCE_DATE_EPOCH", "1760486400");

/// The fixture `name` as a repository released as `v1.0.0`, with a fix committed since.
fn released(name: &str) -> Project {
    let p = repo(name);
    p.git(&["tag", "v1.0.0"]);
    p.git(&[
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "fix: colors on Windows",
    ]);
    p
}

fn bump(p: &Project, args: &[&str]) -> Run {
    p.bump_env(args, &[RELEASE_DATE])
}

#[test]
fn an_unclosed_code_fence_is_refused_before_anything_is_written() {
    let p = released("changelog-unclosed-fence");
    let before = p.snapshot();
    let head = p.head_sha();
    for args in [
        &["patch"][..],
        &["patch", "--dry-run"],
        &["auto"],
        &["changelog", "--write"],
        &["changelog", "--write", "--new-version", "1.1.0"],
        &["changelog", "--unreleased", "--write"],
        &["changelog", "--all", "--write"],
        &["changelog"],
    ] {
        let run = bump(&p, args);
        run.assert_code(2).assert_stderr_has(
            "error: CHANGELOG.md:11:1: code fence ``` is never closed, so the rest of the file is code and bump cannot tell where its sections are; close it with a ``` line where the code ends, then run bump again\n",
        );
        assert!(p.snapshot() == before, "{args:?} changed the work tree");
        assert_eq!(p.head_sha(), head, "{args:?}");
        assert_eq!(p.tags(), ["v1.0.0"], "{args:?}");
        assert_eq!(p.status(), "", "{args:?}");
        assert!(!p.exists(".git/bumpsmith-journal"), "{args:?}");
    }
    // printing every release from history does not read the file
    bump(&p, &["changelog", "--all"]).assert_ok();

    // closed, the same file takes the release
    let fixed = p
        .read("CHANGELOG.md")
        .replace("color = \"auto\"\n", "color = \"auto\"\n```\n");
    p.write("CHANGELOG.md", &fixed);
    p.commit_all("docs: close the fence");
    bump(&p, &["patch"]).assert_ok();
    assert!(
        p.read("CHANGELOG.md").contains(
            "## [Unreleased]\n\n## [1.0.1] - 2025-10-15\n\n### Added\n\n- A `color` setting:\n\n```toml\n"
        ),
        "{}",
        p.read("CHANGELOG.md")
    );
}

#[test]
fn a_fence_is_closed_only_by_its_own_character_at_its_own_length() {
    for args in [&["patch"][..], &["changelog", "--write"]] {
        let p = released("changelog-fenced-code");
        let input = p.read("CHANGELOG.md");
        bump(&p, args).assert_ok();
        // the `## ` and `### ` lines inside the fences are code: the section goes above the
        // real 1.0.0 heading, and the fix gets a `### Fixed` of its own after the fences
        let expected = input
            .replace(
                "## [Unreleased]\n\n",
                "## [Unreleased]\n\n## [1.0.1] - 2025-10-15\n\n",
            )
            .replace("~~~~\n\n", "~~~~\n\n### Fixed\n\n- colors on Windows\n\n");
        assert_eq!(p.read("CHANGELOG.md"), expected, "{args:?}");
    }
}

#[test]
fn headings_inside_html_comments_are_not_sections() {
    // a commented-out template with its own `## [Unreleased]` and release heading
    let template =
        "<!--\n## [Unreleased]\n\n### Added\n\n- a new feature\n\n## [0.0.0] - 2000-01-01\n-->\n\n";
    for args in [&["patch"][..], &["changelog", "--write"]] {
        let p = released("changelog-enabled");
        let input = format!("# Changelog\n\n{template}## [Unreleased]\n\n## [1.0.0] - 2025-01-01\n\n- First release.\n");
        p.write("CHANGELOG.md", &input);
        p.commit_all("docs: a changelog template in a comment");
        bump(&p, args).assert_ok();
        let expected = input.replace(
            "-->\n\n## [Unreleased]\n\n",
            "-->\n\n## [Unreleased]\n\n## [1.0.1] - 2025-10-15\n\n### Fixed\n\n- colors on Windows\n\n",
        );
        assert_eq!(p.read("CHANGELOG.md"), expected, "{args:?}");
    }
    // a comment never closed hides the rest of the file: refused, nothing written
    let p = released("changelog-enabled");
    p.write(
        "CHANGELOG.md",
        "# Changelog\n\n<!-- notes\n\n## [Unreleased]\n\n## [1.0.0] - 2025-01-01\n",
    );
    p.commit_all("docs: an unclosed comment");
    let before = p.snapshot();
    bump(&p, &["patch"]).assert_code(2).assert_stderr_has(
        "error: CHANGELOG.md:3:1: HTML comment <!-- is never closed, so the rest of the file is a comment",
    );
    assert!(p.snapshot() == before);
}

#[test]
fn moved_unreleased_entries_keep_trailing_whitespace_at_the_end_of_the_file() {
    // a first release: Unreleased is the last section, and the editor left no final newline
    let hand = "- Search, with a hard break:  \n  it finds what you type\t \n- Export  ";
    for nl in ["\n", "\r\n"] {
        for args in [&["patch"][..], &["changelog", "--write"]] {
            let p = released("changelog-enabled");
            let input = format!("# Changelog\n\n## [Unreleased]\n\n### Added\n\n{hand}");
            p.write("CHANGELOG.md", input.replace('\n', nl));
            p.commit_all("docs: hand-written notes");
            bump(&p, args).assert_ok();
            let expected = format!("# Changelog\n\n## [Unreleased]\n\n## [1.0.1] - 2025-10-15\n\n### Added\n\n{hand}\n\n### Fixed\n\n- colors on Windows\n");
            crate::common::assert_bytes_eq(
                &p.read_bytes("CHANGELOG.md"),
                expected.replace('\n', nl).as_bytes(),
                &format!("CHANGELOG.md after {args:?} ({nl:?})"),
            );
        }
    }
}

/// `released("changelog-enabled")` with a CHANGELOG.md whose `## [1.0.1]` section is already
/// written (by an earlier `bump changelog --write`), and `unreleased` under `## [Unreleased]`.
fn with_release_section(unreleased: &str) -> Project {
    let p = released("changelog-enabled");
    p.write(
        "CHANGELOG.md",
        format!("# Changelog\n\n## [Unreleased]\n\n{unreleased}\n## [1.0.1] - 2025-10-15\n\n### Fixed\n\n- colors on Windows\n\n"),
    );
    p.commit_all("docs: release notes");
    p
}

/// Both ways of writing 1.0.1 again: the release, and the changelog alone (the fix since
/// v1.0.0 calls for 1.0.1).
const RELEASE_1_0_1: [&[&str]; 2] = [&["patch"], &["changelog", "--write"]];

/// Write 1.0.1 again, both ways, with `unreleased` under `## [Unreleased]`: the section left
/// empty, and `section` the release section after it.
#[track_caller]
fn assert_released_again(unreleased: &str, section: &str) {
    for args in RELEASE_1_0_1 {
        let p = with_release_section(unreleased);
        bump(&p, args).assert_ok();
        assert_eq!(
            p.read("CHANGELOG.md"),
            format!("# Changelog\n\n## [Unreleased]\n\n{section}"),
            "{args:?}"
        );
    }
}

#[test]
fn a_prose_paragraph_in_unreleased_is_kept_when_the_release_section_exists() {
    // a paragraph before the subsections goes after the release heading, before its
    // subsections; one under a `###` heading stays with the entries around it
    let intro = "This release drops Windows 7.\nUpgrade to Windows 10 first.\n";
    let fixed = "- Crash on start.\n\nFound by a user on a 32-bit build.\n";
    assert_released_again(
        &format!("{intro}\n### Fixed\n\n{fixed}"),
        &format!("## [1.0.1] - 2025-10-15\n\n{intro}\n### Fixed\n\n- colors on Windows\n{fixed}"),
    );
}

#[test]
fn a_multi_paragraph_list_item_in_unreleased_is_kept_whole_when_the_release_section_exists() {
    let item = "- A `color` setting.\n\n  It takes `auto`, `always` or `never`:\n\n  ```toml\n  color = \"auto\"\n\n  # the default\n  ```\n\n  - `always` forces it in pipes\n  - `never` turns it off\n";
    assert_released_again(
        &format!("### Added\n\n{item}- Export\n"),
        &format!("## [1.0.1] - 2025-10-15\n\n### Added\n\n{item}- Export\n\n### Fixed\n\n- colors on Windows\n"),
    );
}

#[test]
fn a_mixed_crlf_and_lf_changelog_keeps_its_bytes_when_the_release_section_exists() {
    // CRLF first, so CRLF is the file's line ending; the LF lines, the trailing white space and
    // the tab are a person's and keep their bytes
    let input = concat!(
        "# Changelog\r\n\r\n",
        "## [Unreleased]\n\r\n",
        "Read the notes.  \n\r\n",
        "### Added\n\r\n",
        "- Export\t \n\r\n",
        "### Fixed\r\n\r\n",
        "- Crash on start.  \n",
        "- Slow start\r\n",
        "  on big repos\n\r\n",
        "## [1.0.1] - 2025-10-15\n\r\n",
        "### Fixed\r\n\r\n",
        "- colors on Windows\r\n\r\n",
    );
    // generated: the blank lines after the headings and around the moved paragraph
    let expected = concat!(
        "# Changelog\r\n\r\n",
        "## [Unreleased]\n\r\n",
        "## [1.0.1] - 2025-10-15\n\r\n",
        "Read the notes.  \n\r\n",
        "### Added\n\r\n",
        "- Export\t \n\r\n",
        "### Fixed\r\n\r\n",
        "- colors on Windows\r\n",
        "- Crash on start.  \n",
        "- Slow start\r\n",
        "  on big repos\n",
    );
    for args in RELEASE_1_0_1 {
        let p = released("changelog-enabled");
        p.write("CHANGELOG.md", input);
        p.commit_all("docs: release notes");
        bump(&p, args).assert_ok();
        crate::common::assert_bytes_eq(
            &p.read_bytes("CHANGELOG.md"),
            expected.as_bytes(),
            &format!("CHANGELOG.md after {args:?}"),
        );
    }
}

#[test]
fn notes_written_after_changelog_write_are_kept_by_the_release() {
    let p = released("changelog-enabled");
    p.git(&[
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "fix(cli): exit 2 on a bad flag",
    ]);
    bump(&p, &["changelog", "--write"]).assert_ok();
    let written = p.read("CHANGELOG.md");
    let section = "## [1.0.1] - 2025-10-15\n\n### Fixed\n\n- colors on Windows\n- **cli:** exit 2 on a bad flag\n";
    assert!(
        written.ends_with(&format!("## [Unreleased]\n\n{section}")),
        "{written}"
    );
    p.commit_all("docs: changelog for 1.0.1");

    // notes written by hand before the release: a paragraph, and an entry of two paragraphs
    let notes = "Windows users: update your terminal first.\n\n### Fixed\n\n- Colors in the Windows console.\n\n  Set `NO_COLOR` to turn them off.\n";
    p.write(
        "CHANGELOG.md",
        written.replace(
            "## [Unreleased]\n\n",
            &format!("## [Unreleased]\n\n{notes}\n"),
        ),
    );
    p.commit_all("docs: release notes");
    bump(&p, &["patch"]).assert_ok();

    let out = p.read("CHANGELOG.md");
    assert_eq!(
        out,
        written.replace(
            section,
            "## [1.0.1] - 2025-10-15\n\nWindows users: update your terminal first.\n\n### Fixed\n\n- colors on Windows\n- **cli:** exit 2 on a bad flag\n- Colors in the Windows console.\n\n  Set `NO_COLOR` to turn them off.\n"
        ),
        "{out}"
    );
    assert_eq!(p.tags(), ["v1.0.0", "v1.0.1"]);
    assert_eq!(p.status(), "");
}
