//! `bump init`: survey the tree and write (or print) a `.bumpversion.toml` for what it found.

use std::path::Path;

use bumpsmith::init::{self, render, Survey};
use bumpsmith::Error;

use super::args::InitArgs;
use super::printer::Printer;

const CONFIG: &str = ".bumpversion.toml";

pub fn run(a: &InitArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let target = cwd.join(CONFIG);
    if !a.dry_run && !a.force && target.exists() {
        return Err(Error::usage(format!(
            "`{CONFIG}` already exists; pass --force to overwrite it, or --dry-run to print what would be written"
        ))
        .into());
    }
    let survey = init::survey(
        cwd,
        &init::Options {
            include: a.include.clone(),
            exclude: a.exclude.clone(),
            current_version: a.current_version.clone(),
        },
    )?;
    let text = render::config(&survey)?;
    report(&survey, printer)?;
    if a.dry_run {
        printer.out(&text)?;
        return Ok(0);
    }
    let tmp = cwd.join(format!("{CONFIG}.tmp{}", std::process::id()));
    std::fs::write(&tmp, &text).map_err(|e| Error::io("write", &tmp, e))?;
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("write", &target, e)
    })?;
    printer.success(&format!("wrote {CONFIG}"))?;
    Ok(0)
}

/// What was found, on stderr.
fn report(s: &Survey, printer: &Printer) -> std::io::Result<()> {
    if let Some(v) = s.current_version() {
        printer.status(&format!(
            "found version {v} in {} file(s)",
            s.current_files()
        ))?;
    }
    for h in s.disagreements() {
        printer.warn(&format!(
            "`{}:{}` {} holds `{}`, not the current version",
            h.path, h.location.line, h.location.what, h.version
        ))?;
    }
    for p in &s.problems {
        printer.warn(&format!("`{}` ({}): {}", p.path, p.kind, p.message))?;
    }
    for (i, h) in s.hits.iter().enumerate() {
        if h.incidental && !s.is_current(i) {
            printer.detail(&format!(
                "ignored `{}:{}` {} = {} (another component's version)",
                h.path, h.location.line, h.location.what, h.version
            ))?;
        }
    }
    Ok(())
}
