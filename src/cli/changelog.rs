//! `bump changelog` (print or write the changelog from conventional commits), `bump next` (the
//! version the commits call for) and `bump auto` (bump by it). Their arguments live here, beside
//! their only user, so that args.rs only names them.

use std::path::Path;

use clap::{Args, ValueEnum};
use serde::Serialize;

use bumpsmith::changelog::{self, merge, Release, Settings, Source};
use bumpsmith::config::{LoadOptions, Overrides, Warning};
use bumpsmith::plan::Plan;
use bumpsmith::plan::{self, Project};
use bumpsmith::{template, Error};

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

/// The loaded project, and whether the current version is known. bump-my-version reads the
/// current version from the latest tag when the config has none (three git processes); the
/// changelog reads the tags itself, so that is skipped here and the previous release's version
/// used instead.
fn open(cwd: &Path, config: &ConfigArgs, overrides: Overrides) -> Result<(Project, bool), Error> {
    let loaded = bumpsmith::config::load(&LoadOptions {
        cwd: cwd.to_path_buf(),
        config_file: config.config_file.clone(),
        overrides,
    })?;
    let c = plan::select(loaded.config, config.component.as_deref())?;
    let repo = bumpsmith::git::Repo::discover(cwd);
    let project = Project::without_tag_version(c, loaded.warnings, repo)?;
    let known = project.current_version.is_some();
    Ok((project, known))
}

fn config_overrides(c: &ConfigArgs) -> Overrides {
    Overrides {
        current_version: c.current_version.clone(),
        ..Overrides::default()
    }
}

fn settings(project: &Project, printer: &Printer) -> Result<Settings, Failure> {
    let mut warnings: Vec<Warning> = project.warnings.clone();
    let s = changelog::settings(&project.config, &mut warnings)?;
    for w in &warnings {
        printer.warn(&w.0)?;
    }
    Ok(s)
}

fn source<'a>(project: &'a Project, s: &'a Settings) -> Result<Source<'a>, Error> {
    let repo = project.repo.as_ref().ok_or_else(|| {
        Error::usage("the changelog is read from git history, but this is not a git repository")
    })?;
    Ok(Source {
        repo,
        config: &project.config,
        format: &project.format,
        settings: s,
    })
}

/// The tag name a version gets.
fn tag_for(project: &Project, version: &str) -> Result<String, Error> {
    let mut ctx = project.context();
    ctx.set_str("new_version", version.to_string());
    template::render(&project.config.tag_name, &ctx)
}

/// The next version the pending release calls for (`None`: nothing releasable). Without a
/// current version in the config, the previous release's is used.
fn next_version(
    project: &Project,
    known: bool,
    s: &Settings,
    pending: &Release,
) -> Result<Option<(String, &'static str)>, Error> {
    let Some(level) = pending.grouped.bump else {
        return Ok(None);
    };
    let current = if known {
        project.current()?
    } else {
        match &pending.previous_version {
            Some(v) => project.format.parse_whole(v)?,
            None => return Err(Error::NoCurrentVersion),
        }
    };
    let zero = current
        .get("major")
        .is_some_and(|m| m.trim_start_matches('0').is_empty());
    let part = changelog::part_for(level, zero, s);
    let next = current.bump(part)?;
    let v = project.format.serialize(&next, &project.context())?;
    Ok(Some((v, part)))
}

fn report_range(printer: &Printer, r: &Release, s: &Settings) -> std::io::Result<()> {
    for w in changelog::near_miss_warnings(&r.grouped, s) {
        printer.warn(&w.0)?;
    }
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

/// Write `text` to the changelog under the journal.
fn write(project: &Project, cwd: &Path, path: &Path, text: String) -> Result<bool, Error> {
    let display = path
        .strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let mut plan = Plan::default();
    plan.edit_or_create(path, &display, |_| Ok(text))?;
    let changed = plan.changed().count() > 0;
    bumpsmith::apply::apply_plan(&plan, &project.journal(cwd))?;
    Ok(changed)
}

fn read(path: &Path) -> Result<Option<String>, Error> {
    match std::fs::read(path) {
        Ok(b) => String::from_utf8(b).map(Some).map_err(|e| Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

/// What a changelog run read: the new text of the file (or what to print) and the ranges.
struct Outcome {
    text: String,
    releases: Vec<Release>,
}

/// `--all`: a section for every release (bootstrap).
fn all(
    a: &ChangelogArgs,
    src: &Source<'_>,
    current: Option<&str>,
    printer: &Printer,
) -> Result<Outcome, Failure> {
    let base = if a.write { current } else { None };
    changelog::check(src, base)?;
    let s = src.settings;
    let look = changelog::Look::new(src, src.remote());
    let all = changelog::all(src, &look)?;
    let mut notes: Vec<merge::NewRelease> = Vec::new();
    let mut unreleased = Vec::new();
    let mut releases = Vec::with_capacity(all.len());
    for (r, blocks) in all {
        if r.version.is_none() {
            report_range(printer, &r, s)?;
            unreleased = blocks;
        } else {
            for w in changelog::near_miss_warnings(&r.grouped, s) {
                printer.detail(&w.0)?;
            }
            notes.push(merge::NewRelease {
                version: r.version.clone().unwrap_or_default(),
                tag: r.tag.clone().unwrap_or_default(),
                prev_tag: r.previous_tag.clone(),
                prev_version: r.previous_version.clone(),
                date: r.date.clone().unwrap_or_default(),
                blocks,
            });
        }
        releases.push(r);
    }
    let text = merge::bootstrap(base, &unreleased, &notes, &look.order, &look.link_options());
    Ok(Outcome { text, releases })
}

/// The next release's section (or, with `--unreleased` or nothing releasable, Unreleased).
fn next_release(
    a: &ChangelogArgs,
    project: &Project,
    known: bool,
    src: &Source<'_>,
    current: Option<&str>,
    printer: &Printer,
) -> Result<Outcome, Failure> {
    changelog::check(src, current)?;
    let s = src.settings;
    let (mut pending, look) = changelog::with_look(src, changelog::pending)?;
    report_range(printer, &pending, s)?;
    let blocks = look.blocks(&pending.grouped, s);
    let version = match (&a.new_version, a.unreleased) {
        (Some(v), _) => Some(v.clone()),
        (None, false) => match next_version(project, known, s, &pending) {
            Ok(next) => next.map(|(v, _)| v),
            // a first release without a version anywhere: the Unreleased section
            Err(Error::NoCurrentVersion) => None,
            Err(e) => return Err(e.into()),
        },
        (None, true) => None,
    };
    let doc = current.map(merge::Doc::parse);
    let text = match version {
        Some(v) => {
            let tag = tag_for(project, &v)?;
            let r = merge::NewRelease {
                version: v.clone(),
                tag: tag.clone(),
                prev_tag: pending.previous_tag.clone(),
                prev_version: pending.previous_version.clone(),
                date: changelog::release_date(),
                blocks,
            };
            pending.version = Some(v);
            pending.tag = Some(tag);
            pending.date = Some(r.date.clone());
            if a.write {
                merge::release(current, &r, &look.order, &look.link_options())
            } else {
                merge::release_section(doc.as_ref(), &r, &look.order)
            }
        }
        None if a.write => merge::fill_unreleased(current, &blocks, &look.order),
        None => merge::unreleased_section(doc.as_ref(), &blocks, &look.order),
    };
    Ok(Outcome {
        text,
        releases: vec![pending],
    })
}

pub fn run(a: &ChangelogArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let (project, known) = open(cwd, &a.config, config_overrides(&a.config))?;
    let s = settings(&project, printer)?;
    let src = source(&project, &s)?;
    let path = changelog::file_path(&project.config, &s, cwd);
    let current = read(&path)?;
    let Outcome { text, releases } = if a.all {
        all(a, &src, current.as_deref(), printer)?
    } else {
        next_release(a, &project, known, &src, current.as_deref(), printer)?
    };
    if a.write {
        let display = path
            .strip_prefix(cwd)
            .unwrap_or(&path)
            .display()
            .to_string();
        if write(&project, cwd, &path, text)? {
            printer.success(&format!("updated {display}"))?;
        } else {
            printer.status(&format!("{display} is up to date"))?;
        }
        if a.format == Format::Json {
            printer.out(&json(&releases))?;
        }
        return Ok(0);
    }
    let text = match a.format {
        Format::Json => json(&releases),
        Format::Text => text,
    };
    // freeing a whole history's commits one by one costs more than the process exit does
    std::mem::forget(releases);
    match &a.output {
        Some(file) => {
            let file = cwd.join(file);
            std::fs::write(&file, text).map_err(|e| Error::io("write", &file, e))?;
        }
        None => printer.out(&text)?,
    }
    Ok(0)
}

/// What the commits since the last release call for: (next version, part), or why nothing.
fn compute_next(
    cwd: &Path,
    config: &ConfigArgs,
    overrides: Overrides,
    printer: &Printer,
    auto: bool,
) -> Result<Result<(String, &'static str), String>, Failure> {
    let (project, known) = open(cwd, config, overrides)?;
    let s = if auto {
        // the release that follows reports the config warnings (and the near misses, when it
        // writes the changelog)
        changelog::settings(&project.config, &mut Vec::new())?
    } else {
        settings(&project, printer)?
    };
    let src = source(&project, &s)?;
    let pending = changelog::pending(&src)?;
    if !(auto && s.enabled) {
        for w in changelog::near_miss_warnings(&pending.grouped, &s) {
            printer.warn(&w.0)?;
        }
    }
    match next_version(&project, known, &s, &pending)? {
        Some(found) => Ok(Ok(found)),
        None => {
            let since = pending
                .previous_tag
                .as_deref()
                .map_or("in history".to_string(), |t| format!("since `{t}`"));
            Ok(Err(format!(
                "nothing to release: none of the {} commit(s) {since} is a feature, fix or breaking change",
                pending.grouped.counts.commits
            )))
        }
    }
}

/// `bump next`.
pub fn run_next(a: &NextArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    match compute_next(cwd, &a.config, config_overrides(&a.config), printer, false)? {
        Ok((version, part)) => {
            printer.detail(&format!("{part} bump"))?;
            printer.out(&version)?;
            Ok(0)
        }
        Err(message) => {
            printer.error(&message)?;
            Ok(1)
        }
    }
}

/// `bump auto [FILES]...`: `bump <part>` with the part the commits call for.
pub fn run_auto(a: &BumpArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    super::bump::files_only(super::bump::ChoosesVersion::Auto, a, cwd)?;
    match compute_next(cwd, &a.config, super::bump::overrides(a), printer, true)? {
        Ok((version, part)) => {
            printer.status(&format!("the commits call for a {part} bump ({version})"))?;
            let mut args = a.clone();
            args.args.insert(0, part.to_string());
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
