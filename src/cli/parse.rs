//! Parsing the command line as `Cli::parse()` does, for less.
//!
//! Building clap's command tree for every subcommand costs more than the rest of parsing (~0.35M
//! instructions of a ~2.5M-instruction `bump patch`), yet `bump PART ...` never enters a
//! subcommand. When no argument is a subcommand's name, clap cannot enter one, so the line is
//! parsed with [`TopLevel`]: the same flattened arguments without the subcommands. Anything that
//! is not a plain success there (an error, `--help`) is parsed again with the full [`Cli`], which
//! prints exactly what it always did; `--version` prints the same line from either.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use super::args::{BumpArgs, Cli, Command, Global};

/// `bump` without its subcommands: [`Cli`]'s own arguments, flattened from the same structs.
#[derive(Debug, Parser)]
#[command(name = "bump", version)]
pub struct TopLevel {
    #[command(flatten)]
    pub bump: BumpArgs,

    #[command(flatten)]
    pub global: Global,
}

/// Parse the process's arguments; exits as clap does on an error, `--help` or `--version`.
pub fn parse_args() -> Cli {
    parse_from(std::env::args_os().collect()).unwrap_or_else(|e| e.exit())
}

fn parse_from(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    if !names_a_subcommand(args.get(1..).unwrap_or_default()) {
        if let Some(parsed) = parse_top_level(&args) {
            return parsed;
        }
    }
    // clap's command tree is left to the end of the process instead of being freed: `main`
    // exits right after the run, and freeing the tree cost ~0.15M instructions
    let mut cmd = Cli::command();
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    std::mem::forget(cmd);
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command()))
}

/// Whether any argument could make clap enter a subcommand (`help` included; an argument that
/// is not UTF-8 is not looked at and counts as one).
fn names_a_subcommand(args: &[OsString]) -> bool {
    args.iter().any(|a| {
        a.to_str()
            .is_none_or(|s| s == "help" || Command::has_subcommand(s))
    })
}

/// The line parsed with [`TopLevel`]; `None` when the full command must have its say.
fn parse_top_level(args: &[OsString]) -> Option<Result<Cli, clap::Error>> {
    let mut cmd = TopLevel::command();
    let mut matches = match cmd.try_get_matches_from_mut(args) {
        Ok(m) => m,
        // `bump --version` prints the same line either way
        Err(e) if e.kind() == ErrorKind::DisplayVersion => return Some(Err(e)),
        Err(_) => return None,
    };
    std::mem::forget(cmd);
    let top = TopLevel::from_arg_matches_mut(&mut matches).ok()?;
    Some(Ok(Cli {
        command: None,
        bump: top.bump,
        global: top.global,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn top_level_has_exactly_the_arguments_of_cli() {
        let ids = |c: &clap::Command| -> Vec<String> {
            c.get_arguments().map(|a| a.get_id().to_string()).collect()
        };
        assert_eq!(ids(&TopLevel::command()), ids(&Cli::command()));
        TopLevel::command().debug_assert();
    }

    #[test]
    fn every_subcommand_name_is_recognised() {
        for sc in Cli::command().get_subcommands() {
            for name in std::iter::once(sc.get_name()).chain(sc.get_all_aliases()) {
                assert!(names_a_subcommand(&os(&["--dry-run", name])), "{name}");
            }
        }
        assert!(names_a_subcommand(&os(&["help"])));
        assert!(!names_a_subcommand(&os(&["patch", "--dry-run", "VERSION"])));
    }

    #[test]
    fn the_short_path_parses_as_the_full_command() {
        for args in [
            &["bump", "patch"][..],
            &[
                "bump",
                "patch",
                "--no-commit",
                "--no-tag",
                "--allow-dirty",
                "a.txt",
            ],
            &["bump", "--new-version", "2.0.0", "-v", "--color", "never"],
            &["bump", "-m", "release {new_version}", "minor", "--", "-x"],
            &[
                "bump",
                "--serialize",
                "{major}",
                "--serialize",
                "{minor}",
                "major",
            ],
        ] {
            let short = parse_top_level(&os(args)).expect("parses without subcommands");
            let short = short.unwrap();
            let full = Cli::try_parse_from(args).unwrap();
            assert_eq!(format!("{short:?}"), format!("{full:?}"), "{args:?}");
        }
    }

    #[test]
    fn everything_else_is_left_to_the_full_command() {
        for args in [
            &["bump", "--help"][..],
            &["bump", "--version"],
            &["bump", "patch", "--no-such-flag"],
            &["bump", "--color", "sometimes"],
        ] {
            let short = parse_top_level(&os(args));
            assert!(short.is_none_or(|r| r.is_err()), "{args:?}");
            let full = parse_from(os(args)).unwrap_err();
            let want = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(full.kind(), want.kind(), "{args:?}");
            assert_eq!(full.to_string(), want.to_string(), "{args:?}");
        }
        let cli = parse_from(os(&["bump", "show", "current_version"])).unwrap();
        assert!(matches!(cli.command, Some(Command::Show(_))));
    }
}
