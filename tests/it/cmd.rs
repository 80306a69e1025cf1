//! The CLI's snapshot cases: every `tests/cmd/*.toml` runs the real `bump` binary in a sandbox
//! copied from its input tree (`NAME.in/`, or the shared tree its `fs.base` names) and compares
//! the whole stdout, stderr, exit code and, where `NAME.out/` exists, the tree after, byte for
//! byte. `tests/cmd/README.md` says how to add a case and how to regenerate the expectations.
//!
//! The sandbox is a fresh temp dir outside any repository; the environment is pinned the way
//! `common` pins it (no user git config, no color, no CI tag, no `BUMPVERSION_*` value).

#[test]
fn cli_cases() {
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("bump", std::path::Path::new(env!("CARGO_BIN_EXE_bump")))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2024-03-01T12:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2024-03-01T12:00:00+00:00")
        .env(
            "GIT_CEILING_DIRECTORIES",
            std::env::temp_dir().to_string_lossy(),
        )
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    // a variable can only be added, not removed, for every case: an empty value is no value to
    // bump (and to clap)
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let pinned = name.starts_with("BUMPVERSION_")
            || name.starts_with("BUMP_")
            || name.starts_with("GITHUB_REF")
            || ["CI_COMMIT_TAG", "BITBUCKET_TAG", "CLICOLOR_FORCE"].contains(&&*name);
        if pinned {
            cases.env(name.into_owned(), "");
        }
    }
    cases.case("tests/cmd/*.toml");
}
