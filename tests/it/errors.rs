//! Errors: each names what went wrong and where, exits with the documented code (1: refused,
//! 2: usage or configuration), and leaves the work tree, HEAD and tags as they were.

use crate::common::{fixture, repo, Project, Run};

/// Run `bump ARGS` in a fresh repo of `fixture`, assert the exit code and that nothing changed.
fn refused(fixture: &str, args: &[&str], code: i32) -> (Project, Run) {
    let p = repo(fixture);
    let run = refused_in(&p, args, code);
    (p, run)
}

/// Run `bump ARGS` in `p`, assert the exit code and that nothing changed.
fn refused_in(p: &Project, args: &[&str], code: i32) -> Run {
    let before = p.snapshot();
    let head = p.head_sha();
    let run = p.bump(args);
    run.assert_code(code);
    assert!(p.snapshot() == before, "the work tree changed");
    assert_eq!(p.head_sha(), head);
    assert!(p.tags().is_empty());
    assert_eq!(p.status(), "");
    assert!(!p.exists(".git/bumpsmith-journal"));
    run
}

#[test]
fn version_not_found_names_the_file_and_the_closest_line() {
    // VERSION comes first in the config and would be rewritten: it must not be
    let (_, run) = refused("err-version-missing", &["patch"], 1);
    run.assert_stderr_has(
        "error: did not find `version=\"1.2.3\"` in `setup.py`; closest line 5:     version=\"1.2.2\",",
    );
}

#[test]
fn ignore_missing_version_skips_the_stale_file() {
    let p = repo("err-version-missing");
    p.bump(&["patch", "--ignore-missing-version"]).assert_ok();
    assert_eq!(p.read("VERSION"), "1.2.4\n");
    assert!(p.read("setup.py").contains("version=\"1.2.2\","));
}

#[test]
fn parse_pattern_not_matching_the_current_version() {
    let (_, run) = refused("err-parse-mismatch", &["n"], 2);
    // the expected form, not the raw pattern
    run.assert_stderr_has(
        "current version `24.06.2` does not match the parse pattern; expected the form YEAR.MONTH.N",
    );
    assert!(!run.stderr.contains("(?P<"), "{}", run.stderr);
}

#[test]
fn new_version_only_partly_matched_by_parse_is_refused() {
    let (_, run) = refused("toml-project", &["--new-version", "2.0.0-beta"], 2);
    run.assert_stderr_has("new version `2.0.0-beta` is not matched whole")
        .assert_stderr_has("it matches only `2.0.0`");
}

#[test]
fn new_version_the_parse_pattern_cannot_read_back_is_refused() {
    // `pre_n` on a final release serializes `2.1.0final2`, which the pattern reads as `2.1.0`:
    // written, the next `bump pre_n` would give `2.1.0final2` again, forever
    for args in [&["pre_n"][..], &["pre_n", "--dry-run"]] {
        let args = [args, &["--current-version", "2.1.0"]].concat();
        let (_, run) = refused("pep440", &args, 2);
        run.assert_stderr_has(
            "error: new version `2.1.0final2` cannot be read back by the parse pattern `(?x)\n",
        )
        .assert_stderr_has(
            "/.bumpversion.toml`: it reads `pre_n` as `1`, not `2` (it matches only `2.1.0`); the next bump would misread it, so make `parse` match what `serialize` writes",
        );
    }
}

#[test]
fn text_a_serialize_format_adds_around_the_parse_pattern_is_not_refused() {
    // the pattern is searched for, so `v1.2.4` reads back as 1.2.4 (bump-my-version bumps it too)
    let p = repo("single-version");
    p.write(
        ".bumpversion.toml",
        "[tool.bumpversion]\ncurrent_version = \"v1.2.3\"\ncommit = true\nserialize = [\"v{major}.{minor}.{patch}\"]\n\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n",
    );
    p.write("VERSION", "v1.2.3\n");
    p.commit_all("build: v-prefixed versions");
    p.bump(&["patch"]).assert_ok();
    p.bump(&["minor"]).assert_ok();
    assert_eq!(p.read("VERSION"), "v1.3.0\n");
}

#[test]
fn no_config_says_where_it_looked_and_how_to_start() {
    let p = repo("git-project");
    std::fs::remove_file(p.path(".bumpversion.toml")).unwrap();
    p.commit_all("chore: no config");
    for args in [&["patch"][..], &["show", "current_version"], &["check"]] {
        p.bump(args).assert_code(2).assert_stderr_has(
            "error: no configuration file found (looked for .bumpversion.cfg, .bumpversion.toml, setup.cfg [bumpversion] and pyproject.toml [tool.bumpversion]",
        );
    }
    // a config without `current_version` (and no tag) is another matter
    p.write(".bumpversion.toml", "[tool.bumpversion]\n");
    p.bump(&["patch"])
        .assert_code(2)
        .assert_stderr_has("error: unable to determine the current version");
    // a release tag is enough without any config, as in bump-my-version
    p.git(&["tag", "v0.9.8"]);
    std::fs::remove_file(p.path(".bumpversion.toml")).unwrap();
    let shown = p.bump(&["show", "current_version"]);
    shown.assert_ok();
    assert_eq!(shown.stdout.trim(), "0.9.8");
}

#[test]
fn unknown_part_lists_the_known_ones() {
    let (_, run) = refused("toml-project", &["micro"], 2);
    run.assert_stderr_has("unknown version part `micro`")
        .assert_stderr_has("major, minor, patch");
    // a part of another scheme is just as unknown
    let (_, run) = refused("err-parse-mismatch", &["patch"], 2);
    run.assert_stderr_has(
        "unknown version part `patch`; the parse pattern defines: year, month, n",
    );
}

#[test]
fn malformed_toml_reports_file_line_and_column() {
    let (_, run) = refused(
        "err-malformed-toml",
        &["--config-file", ".bumpversion.toml", "patch"],
        2,
    );
    run.assert_stderr_has(".bumpversion.toml:6:20: ");
}

#[test]
fn malformed_toml_found_by_discovery_is_reported() {
    // found by discovery rather than named: the syntax error still points at the file
    let (_, run) = refused("err-malformed-toml", &["patch"], 2);
    run.assert_stderr_has(".bumpversion.toml:6:20: ");
}

#[test]
fn missing_configured_file() {
    let (_, run) = refused("err-missing-file", &["patch"], 2);
    run.assert_stderr_has("file not found: `docs/VERSION.txt`");
}

#[test]
fn ignore_missing_files_skips_it() {
    let p = repo("err-missing-file");
    p.bump(&["patch", "--ignore-missing-files"]).assert_ok();
    assert_eq!(p.read("VERSION"), "7.0.2\n");
    assert!(!p.exists("docs/VERSION.txt"));
}

#[test]
fn changed_file_that_git_does_not_track_is_refused_when_committing() {
    let p = repo("git-project");
    p.git(&["rm", "-q", "--cached", "src/version.js"]);
    p.git(&[
        "commit",
        "-q",
        "-m",
        "chore: stop tracking the generated version file",
    ]);
    let before = p.snapshot();
    let run = p.bump(&["patch"]);
    run.assert_code(1) // a refusal: the tree is not ready to release
        .assert_stderr_has("src/version.js")
        .assert_stderr_has("git add");
    assert!(p.snapshot() == before);
    assert!(p.tags().is_empty());
    assert_eq!(p.status(), "?? src/version.js");
}

#[test]
fn nothing_to_bump_is_a_usage_error() {
    let (_, run) = refused("toml-project", &[], 2);
    run.assert_stderr_has("name a part to bump");
    let (_, run) = refused("toml-project", &["--to", "7"], 2);
    run.assert_stderr_has("--to requires a PART");
}

// Configuration errors name the file and the line of the key involved (or the option that set
// the value), exit 2, and are reported when the config is loaded, before anything runs.

const TOP: &str = "[tool.bumpversion]\ncurrent_version = \"0.2.0\"\n";
const ENTRY: &str = "\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n";

/// A `.bumpversion.toml`: `keys` from line 3, then the VERSION entry (a blank line, its header,
/// `filename`) followed by the entry's own `entry_keys`.
fn toml(keys: &str, entry_keys: &str) -> String {
    format!("{TOP}{keys}{ENTRY}{entry_keys}")
}

/// In a repo whose only config is `name` holding `config` (and VERSION `0.2.0`), each of `runs`
/// exits 2, changes nothing and prints exactly `error: MESSAGE`, where `{cfg}` stands for the
/// config file's path.
fn config_error(name: &str, config: &str, runs: &[&[&str]], message: &str) {
    let p = repo("single-version");
    std::fs::remove_file(p.path(".bumpversion.toml")).unwrap();
    p.write(name, config);
    if !p.status().is_empty() {
        p.commit_all("build: the config under test");
    }
    let want = format!(
        "error: {}\n",
        message.replace("{cfg}", &p.path(name).display().to_string())
    );
    for args in runs {
        let run = refused_in(&p, args, 2);
        assert_eq!(run.stderr, want, "bump {args:?}");
    }
}

/// [`config_error`] for `bump ARGS` with a valid `.bumpversion.toml`: the options are wrong.
fn option_error(args: &[&str], message: &str) {
    config_error(".bumpversion.toml", &toml("", ""), &[args], message);
}

/// [`config_error`] for `bump patch` with `.bumpversion.toml` holding `config`.
fn patch_error(config: &str, message: &str) {
    config_error(".bumpversion.toml", config, &[&["patch"]], message);
}

#[test]
fn broken_serialize_template_names_its_key_and_line() {
    patch_error(
        &toml("serialize = [\"{major}.{minor}.{patch}\", \"{major}.{minor\"]\n", ""),
        "{cfg}:3: `serialize` template `{major}.{minor`: unclosed `{`; write `{{` for a literal brace",
    );
}

#[test]
fn broken_template_in_a_cfg_list_names_the_line_of_its_key() {
    config_error(
        ".bumpversion.cfg",
        "[bumpversion]\ncurrent_version = 0.2.0\nserialize =\n\t{major}.{minor}.{patch}\n\t{major}.{minor\n\n[bumpversion:file:VERSION]\n",
        &[&["patch"]],
        "{cfg}:3: `serialize` template `{major}.{minor`: unclosed `{`; write `{{` for a literal brace",
    );
}

#[test]
fn broken_template_from_the_command_line_names_the_option_not_a_file() {
    option_error(
        &["patch", "--serialize", "{major}.{minor"],
        "--serialize template `{major}.{minor`: unclosed `{`; write `{{` for a literal brace",
    );
    option_error(
        &["patch", "--search", "{nope}"],
        "--search template `{nope}`: unknown name `{nope}`",
    );
}

#[test]
fn broken_file_template_is_reported_before_anything_runs() {
    config_error(
        ".bumpversion.toml",
        &toml("", "search = \"v{current_version}}\"\n"),
        &[&["patch"], &["show", "current_version"], &["check"]],
        "{cfg}:6: `files[0].search` template `v{current_version}}`: single `}`; write `}}` for a literal brace",
    );
}

#[test]
fn unused_tag_name_is_checked_for_its_form_but_not_its_names() {
    patch_error(
        &toml("tag_name = \"v{new_version\"\n", ""),
        "{cfg}:3: `tag_name` template `v{new_version`: unclosed `{`; write `{{` for a literal brace",
    );
    // bump-my-version renders the tag name only when it tags: a name it lacks is no error
    let p = repo("single-version");
    p.write(
        ".bumpversion.toml",
        toml("tag_name = \"v{no_such_name}\"\n", ""),
    );
    p.commit_all("build: a tag name that is never rendered");
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.read("VERSION"), "0.2.1\n");
}

#[test]
fn unknown_name_in_the_commit_message_names_its_key_and_line() {
    patch_error(
        &toml("commit = true\nmessage = \"Bump {curent_version}\"\n", ""),
        "{cfg}:4: `message` template `Bump {curent_version}`: unknown name `{curent_version}`",
    );
}

#[test]
fn serialize_formats_that_cannot_render_the_version_name_their_line() {
    patch_error(
        &toml("serialize = [\"{major}.{minr}\"]\n", ""),
        "{cfg}:3: `serialize`: no serialization format in [\"{major}.{minr}\"] can render version major=0, minor=2, patch=1",
    );
}

#[test]
fn invalid_parse_pattern_names_its_line_or_option() {
    // Python's `re` refuses it too (`re.compile` on Python 3.11)
    let msg = "invalid regular expression `(?P<major>\\d+)(?<=a+)`: look-behind requires fixed-width pattern";
    patch_error(
        &toml("parse = \"(?P<major>\\\\d+)(?<=a+)\"\n", ""),
        &format!("{{cfg}}:3: `parse`: {msg}"),
    );
    // a file entry's own pattern too
    patch_error(
        &toml("", "parse = \"(?P<major>\\\\d+)(?<=a+)\"\n"),
        &format!("{{cfg}}:6: `files[0].parse`: {msg}"),
    );
    option_error(
        &["patch", "--parse", "(?P<major>\\d+)(?<=a+)"],
        &format!("--parse: {msg}"),
    );
}

#[test]
fn wrong_value_type_names_the_line_of_its_key() {
    patch_error(
        &toml("commit = \"maybe\"\n", ""),
        "{cfg}:3: `commit`: expected true or false, found `maybe`",
    );
}

#[test]
fn invalid_glob_names_the_line_of_its_key() {
    let entry = |keys: &str| format!("{TOP}\n[[tool.bumpversion.files]]\n{keys}");
    patch_error(
        &entry("glob = \"src/[a\"\n"),
        "{cfg}:5: `files[0].glob`: invalid glob `src/[a`: unclosed character class; missing ']'",
    );
    patch_error(
        &entry("glob = \"*.txt\"\nglob_exclude = [\"build/[b\"]\n"),
        "{cfg}:6: `files[0].glob_exclude`: invalid glob `build/[b`: unclosed character class; missing ']'",
    );
}

#[test]
fn commit_args_that_cannot_be_split_name_their_line_or_option() {
    let msg =
        "cannot split `--trailer 'x` into words: a quote is not closed, or it ends in a backslash";
    patch_error(
        &toml("commit = true\ncommit_args = \"--trailer 'x\"\n", ""),
        &format!("{{cfg}}:4: `commit_args`: {msg}"),
    );
    option_error(
        &["patch", "--commit", "--commit-args=--trailer 'x"],
        &format!("--commit-args: {msg}"),
    );
}

#[test]
fn repo_root_outside_a_repository_names_the_line_of_its_key() {
    let p = fixture("single-version");
    let cfg = p.path(".bumpversion.toml");
    p.write(
        ".bumpversion.toml",
        format!("{TOP}\n[[tool.bumpversion.files]]\nfilename = \"{{repo_root}}/VERSION\"\n"),
    );
    let before = p.snapshot();
    let run = p.bump(&["patch"]);
    run.assert_code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {}:5: `files[0].filename`: `{{repo_root}}` is used in `{{repo_root}}/VERSION`, but `{}` is not in a git or mercurial repository; use a path relative to the config file\n",
            cfg.display(),
            p.root.display()
        )
    );
    assert!(p.snapshot() == before);
}

#[test]
fn wrong_part_values_are_a_config_error_naming_the_part() {
    patch_error(
        &toml(
            "\n[tool.bumpversion.parts.patch]\nvalues = [\"0\", \"1\"]\noptional_value = \"2\"\n",
            "",
        ),
        "{cfg}:4: `parts.patch`: optional value `2` must be one of [\"0\", \"1\"]",
    );
    patch_error(
        &toml(
            "\n[tool.bumpversion.parts.patch]\ncalver_format = \"{YYYYY}\"\n",
            "",
        ),
        "{cfg}:5: `parts.patch.calver_format` template `{YYYYY}`: unknown name `{YYYYY}`",
    );
}

/// A config with one byte that is not UTF-8 used to be skipped silently: `bump check` passed
/// with 0 locations and `bump patch` bumped what the PEP 621 fallback found. It is the config,
/// and reading it fails naming it.
#[test]
fn a_config_that_cannot_be_read_is_an_error_naming_it() {
    let p = repo("git-project");
    let mut bytes = p.read_bytes(".bumpversion.toml");
    bytes.extend_from_slice(b"# caf\xe9\n");
    p.write(".bumpversion.toml", &bytes);
    p.write(
        "pyproject.toml",
        "[project]\nname = \"x\"\nversion = \"0.9.8\"\n",
    );
    p.commit_all("a latin-1 comment");
    let before = p.snapshot();
    for args in [&["check"][..], &["patch"], &["show", "current_version"]] {
        p.bump(args)
            .assert_code(2)
            .assert_stderr_has("`")
            .assert_stderr_has(".bumpversion.toml` is not valid UTF-8");
    }
    assert!(p.snapshot() == before);
}

/// `--config-file` (or `BUMPVERSION_CONFIG_FILE`) naming a file that is not there is a usage
/// error, not a warning followed by a bump with the defaults.
#[test]
fn a_config_file_option_naming_no_file_is_a_usage_error() {
    let p = repo("git-project");
    let before = p.snapshot();
    p.bump(&["patch", "--config-file", "nope.toml"])
        .assert_code(2)
        .assert_stderr_has("--config-file `")
        .assert_stderr_has("nope.toml`: no such file");
    p.bump_env(&["check"], &[("BUMPVERSION_CONFIG_FILE", "nope.toml")])
        .assert_code(2)
        .assert_stderr_has("no such file");
    assert!(p.snapshot() == before);
}
