//! `bump recover`, and which commands replay an interrupted run's journal before they start:
//! those that change files do; those that only read report it and change nothing.

use std::path::Path;

use super::args::{Cli, Command, RecoverArgs};
use super::printer::Printer;
use bumpsmith::apply::journal::Why;
use bumpsmith::apply::Recovered;

/// What a command does with a journal an interrupted run left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Generated text only: no tree is looked at.
    Offline,
    /// It only reads: report the journal, replay nothing.
    Read,
    /// It changes files: recover first (a journal its seal does not vouch for stops it).
    Recover,
}

pub fn policy(cli: &Cli) -> Policy {
    let writes = |dry_run: bool| {
        if dry_run {
            Policy::Read
        } else {
            Policy::Recover
        }
    };
    match &cli.command {
        None => writes(cli.bump.dry_run),
        Some(Command::Bump(a) | Command::Release(a) | Command::Auto(a)) => writes(a.dry_run),
        Some(Command::Pre(a)) => writes(a.bump.dry_run),
        Some(Command::Replace(a)) => writes(a.dry_run),
        Some(Command::Init(a)) => writes(a.dry_run),
        Some(Command::Changelog(a)) => writes(!a.write),
        Some(
            Command::Show(_)
            | Command::ShowBump(_)
            | Command::Check(_)
            | Command::Find(_)
            | Command::Next(_),
        ) => Policy::Read,
        // `bump recover` itself decides what to do with it
        Some(Command::Recover(_)) => Policy::Offline,
        Some(Command::SampleConfig(_) | Command::Completions { .. } | Command::Man) => {
            Policy::Offline
        }
    }
}

fn show(p: &Path, cwd: &Path) -> String {
    p.strip_prefix(cwd).unwrap_or(p).display().to_string()
}

/// The warning of a command that only reads and found a journal.
pub fn pending_message(journal: &Path, cwd: &Path) -> String {
    format!(
        "an interrupted bump left the journal `{}`: files may be half-bumped; this command does not replay it, `bump recover` restores them",
        show(journal, cwd)
    )
}

/// What recovery from an interrupted run's journal did, for the user.
pub fn message(r: &Recovered, cwd: &Path) -> String {
    let done = &r.done;
    let mut msg = format!(
        "an interrupted bump left a journal; restored {} file(s) to their state before it",
        done.restored.len()
    );
    if let Some(from) = &r.moved_from {
        msg.push_str(&format!(
            " (the journal was written at `{}`; it was applied to this tree)",
            from.display()
        ));
    }
    let (changed, outside): (Vec<_>, Vec<_>) =
        done.left.iter().partition(|l| l.why == Why::Changed);
    let list = |msg: &mut String, left: &[&bumpsmith::apply::journal::Left]| {
        for l in left {
            msg.push_str(&match &l.saved {
                Some(s) => format!(
                    "\n  {} (its contents before that bump: {})",
                    show(&l.path, cwd),
                    show(s, cwd)
                ),
                None => format!("\n  {} (that bump created it)", show(&l.path, cwd)),
            });
        }
    };
    if !changed.is_empty() {
        msg.push_str(&format!(
            "\n{} file(s) changed since that bump were left as they are:",
            changed.len()
        ));
        list(&mut msg, &changed);
    }
    if !outside.is_empty() {
        msg.push_str(&format!(
            "\n{} file(s) outside this tree, under .git, or reached through a symlink were not written:",
            outside.len()
        ));
        list(&mut msg, &outside);
    }
    msg
}

pub fn run(a: &RecoverArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    if a.discard {
        match bumpsmith::apply::discard(cwd)? {
            Some(j) => printer.status(&format!(
                "removed the journal `{}` without applying it",
                show(&j, cwd)
            ))?,
            None => printer.status("no journal to discard")?,
        }
        return Ok(0);
    }
    match bumpsmith::apply::recover(cwd)? {
        Some(done) => printer.status(&message(&done, cwd))?,
        None => printer.status("nothing to recover")?,
    }
    Ok(0)
}
