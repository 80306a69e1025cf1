//! `bump replace`: set the version in files without bumping, committing or tagging.

use std::path::Path;

use bumpsmith::config::Overrides;
use bumpsmith::plan::{self, ReplaceRequest};

use super::args::ReplaceArgs;
use super::printer::Printer;

pub fn run(a: &ReplaceArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let req = ReplaceRequest {
        cwd: cwd.to_path_buf(),
        config_file: a.config.config_file.clone(),
        overrides: Overrides {
            current_version: a.config.current_version.clone(),
            parse: a.parse.clone(),
            serialize: super::serialize_arg(&a.serialize),
            regex: a.regex(),
            allow_dirty: a.allow_dirty(),
            ignore_missing_files: a.ignore_missing_files.then_some(true),
            ignore_missing_version: a.ignore_missing_version.then_some(true),
            commit: Some(false),
            tag: Some(false),
            ..Overrides::default()
        },
        new_version: a.new_version.clone(),
        search: a.search.clone(),
        replace: a.replace.clone(),
        files: a.files.clone(),
        no_configured_files: a.no_configured_files,
        component: a.config.component.clone(),
        allow_outside_repo: a.allow_outside_repo,
    };
    let (session, plan) = plan::plan_replace(&req)?;
    for w in &session.warnings {
        printer.warn(&w.0)?;
    }
    for n in &plan.notes {
        printer.detail(n)?;
    }
    for w in &plan.warnings {
        printer.warn(w)?;
    }
    if a.dry_run {
        for e in plan.changed() {
            printer.diff(&e.display, &e.before, &e.after)?;
        }
        return Ok(0);
    }
    let written = bumpsmith::apply::apply_plan(&plan, &session.journal(cwd))?;
    printer.success(&format!(
        "replaced the version in {} file(s)",
        written.len()
    ))?;
    Ok(0)
}
