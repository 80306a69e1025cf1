//! `bump <PART> [FILES]...` / `bump --new-version X`.

use std::path::Path;

use bumpsmith::config::Overrides;
use bumpsmith::hooks;
use bumpsmith::plan::{self, Outcome, Prepared, Request, Spot, Verdict};
use bumpsmith::text::suggest;
use bumpsmith::Error;

use super::args::BumpArgs;
use super::printer::Printer;

pub fn overrides(a: &BumpArgs) -> Overrides {
    Overrides {
        current_version: a.config.current_version.clone(),
        parse: a.parse.clone(),
        serialize: super::serialize_arg(&a.serialize),
        search: a.search.clone(),
        replace: a.replace.clone(),
        regex: a.regex(),
        ignore_missing_files: a.ignore_missing_files(),
        ignore_missing_version: a.ignore_missing_version(),
        allow_dirty: a.allow_dirty(),
        commit: a.commit(),
        tag: a.tag(),
        push_tag: a.push_tag(),
        sign_tags: a.sign_tags(),
        tag_name: a.tag_name.clone(),
        tag_message: a.tag_message.clone(),
        message: a.message.clone(),
        commit_args: a.commit_args.clone(),
    }
}

/// A command that chooses the new version itself and takes only FILES.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoosesVersion {
    Auto,
    Pre,
    Release,
}

/// Refuse what a command that chooses the version cannot take: --new-version, --to, or a
/// version part among its FILES (`bump auto minor`; an existing file of that name is a file).
pub fn files_only(command: ChoosesVersion, a: &BumpArgs, cwd: &Path) -> Result<(), Error> {
    let name = match command {
        ChoosesVersion::Auto => "auto",
        ChoosesVersion::Pre => "pre",
        ChoosesVersion::Release => "release",
    };
    if a.new_version.is_some() || a.to_value.is_some() {
        return Err(Error::usage(format!(
            "`bump {name}` computes the version; --new-version and --to are for `bump <part>`"
        )));
    }
    let mut missing = a.args.iter().filter(|f| !cwd.join(f).exists()).peekable();
    if missing.peek().is_none() {
        return Ok(());
    }
    // a configuration that does not load is the command's to report
    let Ok(loaded) = plan::load(cwd, a.config.config_file.clone(), Overrides::default()) else {
        return Ok(());
    };
    let Ok(config) = plan::select(loaded.config, a.config.component.as_deref()) else {
        return Ok(());
    };
    let Some(part) = missing.find(|f| config.parts.iter().any(|(n, _)| n == *f)) else {
        return Ok(());
    };
    let (does, fix) = match command {
        ChoosesVersion::Auto => (
            "chooses the part from the commits",
            format!("to bump `{part}`, run `bump {part}`"),
        ),
        ChoosesVersion::Pre => (
            "chooses the pre-release",
            format!("for a pre-release of the next {part} version, run `bump pre --level {part}`"),
        ),
        ChoosesVersion::Release => (
            "finalizes the pre-release",
            format!("to bump `{part}`, run `bump {part}`"),
        ),
    };
    Err(Error::usage(format!(
        "`bump {name}` {does} and takes only FILES, but `{part}` is a version part, not a file; {fix}"
    )))
}

pub fn run(a: &BumpArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let (part, files) = match a.args.split_first() {
        Some((p, rest)) => (Some(p.clone()), rest.to_vec()),
        None => (None, Vec::new()),
    };
    release(a, part, files, cwd, printer)
}

/// The bump `a` asks for, its PART (if any) and extra FILES told apart.
pub fn release(
    a: &BumpArgs,
    part: Option<String>,
    files: Vec<String>,
    cwd: &Path,
    printer: &Printer,
) -> super::Exit {
    if a.to_value.is_some() {
        if a.new_version.is_some() {
            return Err(Error::usage("--to cannot be used with --new-version").into());
        }
        if part.is_none() {
            return Err(Error::usage("--to requires a PART argument").into());
        }
    }
    if part.is_none() && a.new_version.is_none() {
        return Err(Error::usage(
            "name a part to bump (e.g. `bump patch`) or pass --new-version; see `bump --help`",
        )
        .into());
    }
    let req = Request {
        cwd: cwd.to_path_buf(),
        config_file: a.config.config_file.clone(),
        overrides: overrides(a),
        part,
        new_version: a.new_version.clone(),
        to_value: a.to_value.clone(),
        files,
        no_configured_files: a.no_configured_files,
        dry_run: a.dry_run,
        component: a.config.component.clone(),
        allow_outside_repo: a.allow_outside_repo,
    };
    match plan::prepare(&req).map_err(command_hint)? {
        Outcome::Unchanged { version, warnings } => {
            for w in &warnings {
                printer.warn(&w.0)?;
            }
            printer.status(&format!("version is already `{version}`; nothing to do"))?;
            Ok(0)
        }
        Outcome::Planned(p) => {
            for w in &p.warnings {
                printer.warn(&w.0)?;
            }
            for n in &p.plan.notes {
                printer.detail(n)?;
            }
            for w in &p.plan.warnings {
                printer.warn(w)?;
            }
            if a.dry_run {
                show_plan(&p, printer)?;
                return Ok(0);
            }
            let done = bumpsmith::apply::execute(&p)?;
            for f in &done.written {
                printer.detail(&format!("changed {f}"))?;
            }
            let mut line = format!(
                "bumped {} → {} ({} file{})",
                p.current_version,
                p.new_version,
                done.written.len(),
                if done.written.len() == 1 { "" } else { "s" }
            );
            if done.committed {
                line.push_str(", committed");
            }
            if let Some(t) = &done.tagged {
                line.push_str(&format!(", tagged {t}"));
            }
            printer.success(&line)?;
            Ok(0)
        }
    }
}

/// An unknown part that is close to no part but to a command's name (`bump chek`): the error
/// names the command too.
fn command_hint(e: Error) -> Error {
    let Error::UnknownPart { part, known } = &e else {
        return e;
    };
    if suggest::suggest(part, known.iter().map(String::as_str)).is_some() {
        return e;
    }
    let cli = <super::args::Cli as clap::CommandFactory>::command();
    let names = cli.get_subcommands().map(|c| c.get_name());
    match suggest::suggest(part, names) {
        Some(command) => Error::usage(format!("{e} (or did you mean `bump {command}`?)")),
        None => e,
    }
}

/// Every step the release would take, from the plan: the locations (with `-v`), the diffs,
/// the hooks, the commit, the tag, the moved tags and the push.
fn show_plan(p: &Prepared, printer: &Printer) -> std::io::Result<()> {
    printer.status(&format!(
        "dry run: {} → {} (nothing will be changed)",
        p.current_version, p.new_version
    ))?;
    for s in &p.plan.spots {
        printer.detail(&spot_line(s))?;
    }
    for e in p.plan.changed() {
        printer.diff(&e.display, &e.before, &e.after)?;
    }
    let c = &p.config;
    let input = p.hook_input();
    let stages = [
        ("setup", &c.setup_hooks, " (not run by a dry run)"),
        ("pre-commit", &c.pre_commit_hooks, ""),
        ("post-commit", &c.post_commit_hooks, ""),
    ];
    for (stage, hooks, note) in stages {
        for h in hooks::prepare(hooks, &input, c.allow_shell_hooks) {
            printer.out(&format!("would run {stage} hook: {h}{note}"))?;
        }
    }
    if let Some(c) = &p.git.commit {
        let mut s = format!(
            "would commit {} file(s) with message: {}",
            c.files.len(),
            c.message
        );
        if !c.args.is_empty() {
            s.push_str(&format!(" (extra args: {})", c.args.join(" ")));
        }
        printer.out(&s)?;
    }
    if let Some(t) = &p.git.tag {
        printer.out(&match &t.message {
            Some(m) => format!(
                "would tag {} (annotated{}: {m})",
                t.name,
                if t.sign { ", signed" } else { "" }
            ),
            None => format!("would tag {} (lightweight)", t.name),
        })?;
        for m in &p.git.moveable_tags {
            printer.out(&format!("would move tag {m} to the release commit"))?;
        }
        if p.git.push_tag {
            printer.out(&format!("would push tag {} to origin", t.name))?;
        }
    }
    Ok(())
}

/// One location of the plan, as `-v` shows it.
fn spot_line(s: &Spot) -> String {
    match &s.verdict {
        Verdict::Found(places) => {
            let at: Vec<String> = places
                .iter()
                .map(|(line, v)| format!("{}:{line}: {v}", s.path))
                .collect();
            at.join("\n")
        }
        Verdict::Missing { .. } => format!("{}: `{}` not found", s.path, s.looked_for),
        Verdict::Ignored => format!("{}: `{}` not found (ignored)", s.path, s.looked_for),
        Verdict::NoFile { .. } => format!("{}: no such file (ignored)", s.path),
        Verdict::Skipped(why) => format!("{}: {why}; skipped", s.path),
    }
}
