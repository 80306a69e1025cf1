//! Parsing the command line as `Cli::parse()` does, for less.
//!
//! Building clap's command tree for every subcommand costs more than the rest of parsing (~0.35M
//! instructions of a ~2.5M-instruction `bump patch`), yet `bump PART ...` never enters a
//! subcommand. When no argument is a subcommand's name, clap cannot enter one, so the line is
//! parsed with [`TopLevel`]: the same flattened arguments without the subcommands. Anything that
//! is not a plain success there (an error, `--help`) is parsed again with the full [`Cli`], which
//! prints exactly what it always did; `--version` prints the same line from either.
//!
//! Global options (`-v`, `-q`, `--color`) may come before a subcommand's name: clap enters no
//! subcommand once the top level has taken an argument (`args_conflicts_with_subcommands`, which
//! keeps `bump patch init` a part and a file), global ones included, so those that lead the line
//! are moved after the name first (`bump -v check` is parsed as `bump check -v`).

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

fn parse_from(mut args: Vec<OsString>) -> Result<Cli, clap::Error> {
    move_leading_globals(&mut args);
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

/// How many arguments a global option at the head of `args` takes (itself and its value), or
/// `None` when it is not one.
fn global_option(args: &[OsString]) -> Option<usize> {
    let a = args.first()?.to_str()?;
    if a == "--verbose" || a == "--quiet" || a.starts_with("--color=") {
        return Some(1);
    }
    if a == "--color" {
        return (args.len() > 1).then_some(2);
    }
    // `-v`, `-vv`, `-q`: short flags clustered, each of them global
    let cluster = a.strip_prefix('-')?;
    (!cluster.is_empty() && cluster.chars().all(|c| c == 'v' || c == 'q')).then_some(1)
}

/// `bump -v --color never check ...` as `bump check -v --color never ...`: only global options
/// before a subcommand's name are moved; any other line is left as it is.
fn move_leading_globals(args: &mut [OsString]) {
    let mut i = 1;
    while let Some(n) = args.get(i..).and_then(global_option) {
        i += n;
    }
    let names_one = args
        .get(i)
        .and_then(|a| a.to_str())
        .is_some_and(Command::has_subcommand);
    if i > 1 && names_one {
        // [bump, globals.., name] -> [bump, name, globals..]
        args[1..=i].rotate_right(1);
    }
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
    fn global_options_go_before_or_after_the_subcommand() {
        for args in [
            &["bump", "-v", "check"][..],
            &["bump", "check", "-v"],
            &["bump", "--color", "never", "-v", "check"],
            &["bump", "--color=never", "check", "-v"],
        ] {
            let cli = parse_from(os(args)).unwrap();
            assert!(matches!(cli.command, Some(Command::Check(_))), "{args:?}");
            assert_eq!(cli.global.verbosity.verbose, 1, "{args:?}");
        }
        let cli = parse_from(os(&["bump", "-vv", "show", "current_version"])).unwrap();
        let Some(Command::Show(show)) = cli.command else {
            panic!("`show` is the command")
        };
        assert_eq!(show.args, ["current_version"]);
        assert_eq!(cli.global.verbosity.verbose, 2);
        let cli = parse_from(os(&["bump", "-q", "patch", "init"])).unwrap();
        assert!(cli.command.is_none(), "after a part, `init` is a file");
        assert!(cli.global.verbosity.quiet);
        assert_eq!(cli.bump.args, ["patch", "init"]);
        // a value that names a command is left where it is
        let cli = parse_from(os(&["bump", "-m", "check", "patch"])).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.bump.message.as_deref(), Some("check"));
        let e = parse_from(os(&["bump", "-q", "check", "-v"])).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ArgumentConflict);
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
