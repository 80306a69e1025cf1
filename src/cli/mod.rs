//! The command-line front end: parses arguments, calls the core, reports. One file per command.

pub mod args;
mod bump;
mod changelog;
mod check;
mod find;
mod init;
mod parse;
mod pre;
pub mod printer;
mod recover;
mod replace;
mod sample_config;
mod show;

use std::path::PathBuf;

use args::{Cli, Command};
use bumpsmith::error::Class;
use bumpsmith::Error;
use printer::Printer;

/// `--flag`/`--no-flag`, else a `BUMPVERSION_*` variable (click's boolean words), else unset.
pub fn env_bool_pair(yes: bool, no: bool, var: &str) -> Option<bool> {
    if yes {
        return Some(true);
    }
    if no {
        return Some(false);
    }
    let v = std::env::var(var).ok()?;
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "t" | "yes" | "y" | "on" => Some(true),
        "0" | "false" | "f" | "no" | "n" | "off" | "" => Some(false),
        _ => None,
    }
}

/// `BUMPVERSION_SERIALIZE` holds whitespace-separated formats (click's multiple-value rule).
pub fn serialize_arg(given: &[String]) -> Option<Vec<String>> {
    if !given.is_empty() {
        return Some(given.to_vec());
    }
    let v = std::env::var("BUMPVERSION_SERIALIZE").ok()?;
    let items: Vec<String> = v.split_whitespace().map(str::to_string).collect();
    (!items.is_empty()).then_some(items)
}

/// Why a command stopped short: the core's error, or output that could not be written.
#[derive(Debug)]
pub enum Failure {
    /// Refused work, a usage or a configuration error: the core's message, exit 1 or 2.
    Core(Error),
    /// Writing to stdout or stderr failed: exit 0 for a closed pipe (`bump show | head -1`),
    /// else exit 1.
    Write(std::io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Write(e)
    }
}

/// What a command returns: its exit code, or why it stopped.
pub type Exit = Result<i32, Failure>;

fn cwd() -> Result<PathBuf, Error> {
    std::env::current_dir().map_err(|e| Error::io("read the current directory", ".", e))
}

/// Run the CLI; the process exit code.
pub fn main() -> i32 {
    let cli = parse::parse_args();
    let v = &cli.global.verbosity;
    let printer = Printer::new(cli.global.color, v.quiet, v.verbose);
    if v.verbose >= 2 {
        bumpsmith::git::set_trace(printer::trace);
    }
    exit_code(run(cli, &printer), &printer)
}

/// The exit code of a run, its error reported once (a report that cannot be written changes
/// nothing: the code says what happened).
fn exit_code(outcome: Exit, printer: &Printer) -> i32 {
    match outcome {
        Ok(code) => code,
        Err(Failure::Core(e)) => {
            let _ = printer.error(&render_error(&e));
            match e.class() {
                Class::Refused => 1,
                Class::Usage => 2,
            }
        }
        // whoever closed the pipe has read all they wanted: not an error (as ripgrep does)
        Err(Failure::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(Failure::Write(e)) => {
            let _ = printer.error(&format!("cannot write the output: {e}"));
            1
        }
    }
}

fn render_error(e: &Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(cause) = src {
        let c = cause.to_string();
        if !s.contains(&c) {
            s.push_str(&format!("\n  caused by: {c}"));
        }
        src = cause.source();
    }
    s
}

fn run(cli: Cli, printer: &Printer) -> Exit {
    let cwd = cwd()?;
    match recover::policy(&cli) {
        recover::Policy::Offline => {}
        recover::Policy::Read => {
            if let Some(journal) = bumpsmith::apply::pending(&cwd) {
                printer.warn(&recover::pending_message(&journal, &cwd))?;
            }
        }
        recover::Policy::Recover => {
            if let Some(done) = bumpsmith::apply::recover(&cwd)? {
                printer.warn(&recover::message(&done, &cwd))?;
            }
        }
    }
    match cli.command {
        None => bump::run(&cli.bump, &cwd, printer),
        Some(Command::Bump(a)) => bump::run(&a, &cwd, printer),
        Some(Command::Show(a)) => show::run(&a, &cwd, printer),
        Some(Command::ShowBump(a)) => show::run_show_bump(&a, &cwd, printer),
        Some(Command::Replace(a)) => replace::run(&a, &cwd, printer),
        Some(Command::Check(a)) => check::run(&a, &cwd, printer),
        Some(Command::Pre(a)) => pre::run_pre(&a, &cwd, printer),
        Some(Command::Release(a)) => pre::run_release(&a, &cwd, printer),
        Some(Command::SampleConfig(a)) => sample_config::run(&a, printer),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "bump", &mut out);
            printer.out(&String::from_utf8_lossy(&out))?;
            Ok(0)
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::io("render", "the man page", e))?;
            printer.out(&String::from_utf8_lossy(&out))?;
            Ok(0)
        }
        Some(Command::Init(a)) => init::run(&a, &cwd, printer),
        Some(Command::Recover(a)) => recover::run(&a, &cwd, printer),
        Some(Command::Find(a)) => find::run(&a, &cwd, printer),
        Some(Command::Changelog(a)) => changelog::run(&a, &cwd, printer),
        Some(Command::Next(a)) => changelog::run_next(&a, &cwd, printer),
        Some(Command::Auto(a)) => changelog::run_auto(&a, &cwd, printer),
    }
}
