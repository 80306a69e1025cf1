//! What `bump <part>` and `bump changelog --write` do to a CHANGELOG.md that needs care: code
//! fences (a heading inside one is code; a fence never closed is refused before anything is
//! written) and the exact bytes of the hand-written entries a release moves.

mod common;

use common::{repo, Project, Run};

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
            let expected = format!("# Changelog\n\n## [Unreleased]\n\n## [1.0.1] - 2025-10-15\n\n### Added\n\n{hand}\n\n### Fixed\n\n- colors on Windows\n\n");
            common::assert_bytes_eq(
                &p.read_bytes("CHANGELOG.md"),
                expected.replace('\n', nl).as_bytes(),
                &format!("CHANGELOG.md after {args:?} ({nl:?})"),
            );
        }
    }
}
