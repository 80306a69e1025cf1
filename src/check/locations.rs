//! The configured locations, as a report over the plan a bump would make (the current version
//! standing for the new one): what a bump would find, a check finds; what stops a bump is a
//! problem here. No file loop of its own.

use std::path::Path;

use super::{current_version_line, rel, Found, Problem, Report, Skipped};
use crate::error::Result;
use crate::locate::Versions;
use crate::plan::{self, Project, Selection, Verdict};

/// Report every configured location of one project (a component, or the whole config).
pub fn check_locations(project: &Project, cwd: &Path, report: &mut Report) -> Result<()> {
    let component = project.config.component.clone();
    let version = project.version()?.to_string();
    let current = match project.current() {
        Ok(current) => current,
        Err(e) => {
            // the pattern the version was read with (a scheme's own, under a scheme)
            let pattern = match &e {
                crate::Error::ParseMismatch { pattern, .. } => pattern.clone(),
                _ => project.config.parse.clone(),
            };
            report.problems.push(Problem::BadCurrentVersion {
                path: project.config.source.as_ref().map(|s| rel(cwd, &s.path)),
                line: current_version_line(project),
                version,
                pattern,
                component,
                reason: e.to_string(),
            });
            return Ok(());
        }
    };
    let mut ctx = project.context();
    crate::context::add_parts(&mut ctx, "current_", &current);
    crate::context::add_parts(&mut ctx, "new_", &current);
    let versions = Versions {
        current: &current,
        new: None,
        spec: &project.spec,
    };
    let targets = plan::confined_targets(project, cwd, &Selection::default(), false)?;
    let planned = plan::report(&targets, cwd, &versions, &ctx)?;
    report.found.reserve(planned.spots.len());
    for spot in &planned.spots {
        let path = || spot.path.clone();
        match &spot.verdict {
            Verdict::Found(places) => {
                report
                    .found
                    .extend(places.iter().map(|(line, version)| Found {
                        path: path(),
                        line: *line,
                        version: version.to_string(),
                        component: component.clone(),
                    }))
            }
            Verdict::Missing { instead, closest } if instead.is_empty() => {
                report.problems.push(Problem::NotFound {
                    path: path(),
                    search: spot.looked_for.to_string(),
                    closest_line: closest.as_ref().map(|c| c.0),
                    closest: closest.as_ref().map(|c| c.1.clone()),
                    component: component.clone(),
                })
            }
            Verdict::Missing { instead, .. } => {
                report
                    .problems
                    .extend(instead.iter().map(|(line, found)| Problem::Mismatch {
                        path: path(),
                        line: *line,
                        expected: spot.expected.to_string(),
                        found: found.clone(),
                        component: component.clone(),
                    }))
            }
            Verdict::NoFile { ignored: false } => report.problems.push(Problem::MissingFile {
                path: path(),
                component: component.clone(),
            }),
            Verdict::Skipped(why) => {
                if !report.skipped.iter().any(|k| k.path == spot.path) {
                    report.skipped.push(Skipped {
                        path: path(),
                        reason: why.to_string(),
                        component: component.clone(),
                    });
                }
            }
            Verdict::NoFile { ignored: true } | Verdict::Ignored => {}
        }
    }
    Ok(())
}
