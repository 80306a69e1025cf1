//! `bump pre` and `bump release`: the staging/production pre-release flow.

use std::path::Path;

use bumpsmith::config::Overrides;
use bumpsmith::{plan, prerelease, Error};

use super::args::{BumpArgs, PreArgs};
use super::bump::ChoosesVersion;
use super::printer::Printer;

fn run_to(version: String, a: &BumpArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let mut args = a.clone();
    args.new_version = Some(version);
    super::bump::release(&args, None, a.args.clone(), cwd, printer)
}

fn project(a: &BumpArgs, cwd: &Path) -> Result<plan::Project, Error> {
    plan::open(
        cwd,
        a.config.config_file.clone(),
        Overrides {
            current_version: a.config.current_version.clone(),
            ..Overrides::default()
        },
        a.config.component.as_deref(),
    )
}

/// A config that names a part `pre` or `release` (common in bump2version configs) keeps
/// bump-my-version's meaning: `bump release` bumps that part.
fn as_part_bump(
    part: &str,
    s: &plan::Project,
    a: &BumpArgs,
    cwd: &Path,
    printer: &Printer,
) -> Option<super::Exit> {
    if s.config.scheme.is_some() || !s.config.parts.iter().any(|(n, _)| n == part) {
        return None;
    }
    let mut args = a.clone();
    args.args.insert(0, part.to_string());
    Some(super::bump::run(&args, cwd, printer))
}

pub fn run_pre(p: &PreArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let s = project(&p.bump, cwd)?;
    if let Some(r) = as_part_bump("pre", &s, &p.bump, cwd, printer) {
        return r;
    }
    super::bump::files_only(ChoosesVersion::Pre, &p.bump, cwd)?;
    let current = s.current()?;
    let next = prerelease::next_pre(&s, &current, &p.level, p.label.as_deref())?;
    let v = s.serialize(&next, &s.context())?;
    run_to(v, &p.bump, cwd, printer)
}

pub fn run_release(a: &BumpArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let s = project(a, cwd)?;
    if let Some(r) = as_part_bump("release", &s, a, cwd, printer) {
        return r;
    }
    super::bump::files_only(ChoosesVersion::Release, a, cwd)?;
    let current = s.current()?;
    let next = prerelease::finalize(&s, &current)?;
    let v = s.serialize(&next, &s.context())?;
    run_to(v, a, cwd, printer)
}
