//! `bump changelog` (print or write the changelog from conventional commits), `bump next` (the
//! version the commits call for) and `bump auto` (bump by it). Their arguments live here, beside
//! their only user, so that args.rs only names them.

use std::path::Path;

use clap::{Args, ValueEnum};
use serde::Serialize;

use bumpsmith::changelog::{self, ChangelogRequest, Mode, NextRelease, Release};
use bumpsmith::config::{Overrides, Warning};
use bumpsmith::Error;

use super::args::{BumpArgs, ConfigArgs};
use super::printer::Printer;
use super::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Arguments of `bump changelog`.
#[derive(Debug, Args)]
pub struct ChangelogArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Update the changelog file instead of only printing.
    #[arg(long)]
    pub write: bool,
    /// Fill the Unreleased section instead of a release section.
    #[arg(long, conflicts_with = "all")]
    pub unreleased: bool,
    /// A section for every release tag in history (to start a changelog for an existing
    /// project; with --write, sections already in the file are kept as they are).
    #[arg(long)]
    pub all: bool,
    /// Output format: the Markdown, or the parsed commits and their grouping as JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Version of the release section (default: the one the commits call for).
    #[arg(long, value_name = "VERSION", conflicts_with_all = ["unreleased", "all"])]
    pub new_version: Option<String>,
}

/// Arguments of `bump next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The changelog's request for the project the config arguments name.
fn open(cwd: &Path, config: &ConfigArgs, overrides: Overrides) -> changelog::Open {
    changelog::Open {
        cwd: cwd.to_path_buf(),
        config_file: config.config_file.clone(),
        component: config.component.clone(),
        overrides,
    }
}

fn config_overrides(c: &ConfigArgs) -> Overrides {
    Overrides {
        current_version: c.current_version.clone(),
        ..Overrides::default()
    }
}

fn warn(printer: &Printer, warnings: &[Warning]) -> std::io::Result<()> {
    for w in warnings {
        printer.warn(&w.0)?;
    }
    Ok(())
}

/// `12 commit(s) since v1.2.0: 5 entries; skipped 2 merge(s)`.
fn report_range(printer: &Printer, r: &Release) -> std::io::Result<()> {
    let c = &r.grouped.counts;
    let since = r
        .previous_tag
        .as_deref()
        .map_or("in history".to_string(), |t| format!("since {t}"));
    let entries: usize = r.grouped.sections.iter().map(|s| s.entries.len()).sum();
    let mut line = format!(
        "{} commit(s) {since}: {entries} {}",
        c.commits,
        if entries == 1 { "entry" } else { "entries" }
    );
    let mut left = Vec::new();
    if c.non_conventional > 0 {
        left.push(format!("{} non-conventional", c.non_conventional));
    }
    if c.merges > 0 {
        left.push(format!("{} merge(s)", c.merges));
    }
    if c.reverted > 0 {
        left.push(format!("{} reverted", c.reverted));
    }
    if c.hidden > 0 {
        left.push(format!("{} hidden", c.hidden));
    }
    if !left.is_empty() {
        line.push_str(&format!("; skipped {}", left.join(", ")));
    }
    printer.status(&line)
}

#[derive(Serialize)]
struct Report<'a> {
    releases: &'a [Release],
}

fn json(releases: &[Release]) -> String {
    serde_json::to_string_pretty(&Report { releases }).unwrap_or_default()
}

fn request(a: &ChangelogArgs) -> ChangelogRequest {
    let mode = if a.all {
        Mode::All
    } else if a.unreleased {
        Mode::Unreleased
    } else {
        Mode::Next {
            version: a.new_version.clone(),
        }
    };
    ChangelogRequest {
        mode,
        write: a.write,
    }
}

pub fn run(a: &ChangelogArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    if let (true, Some(file)) = (a.write, &a.output) {
        return Err(Error::usage(format!(
            "--output `{}` cannot be used with --write, which updates the changelog file itself (`CHANGELOG.md`, or the changelog `path` the config sets); drop one of them",
            file.display()
        ))
        .into());
    }
    let loaded = changelog::load(&open(cwd, &a.config, config_overrides(&a.config)))?;
    warn(printer, &loaded.warnings)?;
    let plan = loaded.plan(&request(a))?;
    warn(printer, &plan.notes)?;
    if let Some(r) = plan.releases.first() {
        report_range(printer, r)?;
    }
    for d in &plan.details {
        printer.detail(&d.0)?;
    }
    if a.write {
        if loaded.write(&plan)? {
            printer.success(&format!("updated {}", plan.display))?;
        } else {
            printer.status(&format!("{} is up to date", plan.display))?;
        }
        if a.format == Format::Json {
            printer.out(&json(&plan.releases))?;
        }
        return Ok(0);
    }
    let text = match a.format {
        Format::Json => json(&plan.releases),
        Format::Text => plan.text.clone(),
    };
    // freeing a whole history's commits one by one costs more than the process exit does
    std::mem::forget(plan);
    match &a.output {
        Some(file) => {
            let file = cwd.join(file);
            std::fs::write(&file, text).map_err(|e| Error::io("write", &file, e))?;
        }
        None => printer.out(&text)?,
    }
    Ok(0)
}

/// The next release the commits call for, or why there is none.
fn compute_next(
    open: &changelog::Open,
    printer: &Printer,
    auto: bool,
) -> Result<Result<NextRelease, String>, Failure> {
    let loaded = changelog::load(open)?;
    // `bump auto`: the release that follows reports the config warnings (and the near misses,
    // when it writes the changelog)
    if !auto {
        warn(printer, &loaded.warnings)?;
    }
    let next = loaded.next()?;
    if !(auto && loaded.settings.enabled) {
        warn(
            printer,
            &changelog::near_miss_warnings(&next.release.grouped, &loaded.settings),
        )?;
    }
    if next.version().is_some() {
        return Ok(Ok(next));
    }
    let since = next
        .release
        .previous_tag
        .as_deref()
        .map_or("in history".to_string(), |t| format!("since `{t}`"));
    Ok(Err(format!(
        "nothing to release: none of the {} commit(s) {since} is a feature, fix or breaking change",
        next.release.grouped.counts.commits
    )))
}

/// `bump next`.
pub fn run_next(a: &NextArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let open = open(cwd, &a.config, config_overrides(&a.config));
    match compute_next(&open, printer, false)? {
        Ok(next) => {
            if let Some(part) = next.part {
                printer.detail(&format!("{part} bump"))?;
            }
            printer.out(next.version().unwrap_or_default())?;
            Ok(0)
        }
        Err(message) => {
            printer.error(&message)?;
            Ok(1)
        }
    }
}

/// `bump auto [FILES]...`: `bump <part>` with the part the commits call for (and, for a
/// pre-release's final release that bumping the part does not give, its `--new-version`).
pub fn run_auto(a: &BumpArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    super::bump::files_only(super::bump::ChoosesVersion::Auto, a, cwd)?;
    let open = open(cwd, &a.config, super::bump::overrides(a));
    match compute_next(&open, printer, true)? {
        Ok(next) => {
            let version = next.version().unwrap_or_default().to_string();
            let part = next.part.unwrap_or_default();
            printer.status(&format!("the commits call for a {part} bump ({version})"))?;
            let mut args = a.clone();
            args.args.insert(0, part.to_string());
            if !next.by_part {
                args.new_version = Some(version);
            }
            super::bump::run(&args, cwd, printer)
        }
        Err(message) => {
            printer.error(&message)?;
            Ok(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::super::args::{Cli, Command};

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn changelog_flags() {
        let cli = Cli::try_parse_from(["bump", "changelog", "--all", "--write"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Changelog(a)) if a.all && a.write));
        assert!(Cli::try_parse_from(["bump", "changelog", "--all", "--unreleased"]).is_err());
        assert!(
            Cli::try_parse_from(["bump", "changelog", "--all", "--new-version", "1.0.0"]).is_err()
        );
        let cli = Cli::try_parse_from(["bump", "auto", "--dry-run", "extra.txt"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Auto(a)) if a.dry_run && a.args == ["extra.txt"])
        );
    }
}
