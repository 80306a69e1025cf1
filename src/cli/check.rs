//! `bump check`: version consistency for pre-commit hooks and CI (exit 0 consistent, 1
//! inconsistent, 2 config or usage error).

use std::path::Path;

use bumpsmith::check::{self, Report};
use bumpsmith::config::Overrides;
use bumpsmith::git::Repo;
use bumpsmith::plan::{self, Project};
use bumpsmith::Error;
use serde::Serialize;

use super::args::{CheckArgs, CheckFormat};
use super::printer::Printer;

/// The JSON document `bump check --format json` prints (schema version 1).
#[derive(Serialize)]
struct JsonReport<'a> {
    schema: u32,
    ok: bool,
    tag: Option<&'a str>,
    components: Vec<JsonComponent>,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct JsonComponent {
    name: Option<String>,
    current_version: String,
    tag_name: String,
}

fn projects(a: &CheckArgs, cwd: &Path) -> Result<Vec<Project>, Error> {
    let loaded = plan::load(cwd, a.config_file.clone(), Overrides::default())?;
    let repo = Repo::discover(cwd);
    let mut config = loaded.config;
    let configs = if config.components.is_empty() {
        if let Some(c) = &a.component {
            return Err(Error::usage(format!(
                "--component {c}: this config declares no components"
            )));
        }
        vec![config]
    } else {
        match &a.component {
            Some(name) => vec![plan::select(config, Some(name))?],
            None => std::mem::take(&mut config.components),
        }
    };
    configs
        .into_iter()
        .map(|c| Project::new(c, loaded.warnings.clone(), repo.clone()))
        .collect()
}

fn tag_at_head(cwd: &Path, projects: &[Project]) -> Result<String, Error> {
    let repo = Repo::discover(cwd)
        .ok_or_else(|| Error::usage("--tag-from-head needs a git repository"))?;
    let tags = repo.tags_at_head()?;
    tags.into_iter()
        .find(|t| {
            projects
                .iter()
                .any(|s| check::tag_version(t, &s.config.tag_name).is_some())
        })
        .ok_or_else(|| Error::usage("no release tag points at HEAD"))
}

pub fn run(a: &CheckArgs, cwd: &Path, printer: &Printer) -> Result<i32, Error> {
    let projects = projects(a, cwd)?;
    if let Some(s) = projects.first() {
        for w in &s.warnings {
            printer.warn(&w.0);
        }
    }
    let mut report = Report::default();
    for s in &projects {
        check::check_locations(s, cwd, &mut report)?;
        if a.tag_exists {
            check::check_tag_free(s, &mut report)?;
        }
    }
    let tag = match (&a.tag, a.tag_from_head) {
        (Some(t), _) => Some(t.clone()),
        (None, true) => Some(tag_at_head(cwd, &projects)?),
        (None, false) if !a.no_env_tag => check::tag_from_env(),
        _ => None,
    };
    if let Some(t) = &tag {
        check::check_tag(&projects, t, cwd, &mut report);
    }
    let ok = report.problems.is_empty();
    match a.format {
        CheckFormat::Json => {
            let doc = JsonReport {
                schema: 1,
                ok,
                tag: tag.as_deref(),
                components: projects
                    .iter()
                    .map(|s| JsonComponent {
                        name: s.config.component.clone(),
                        current_version: s.current_version.clone().unwrap_or_default(),
                        tag_name: s.config.tag_name.clone(),
                    })
                    .collect(),
                report: &report,
            };
            printer.out(&serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        CheckFormat::Github => {
            for s in &report.skipped {
                printer.out(&format!(
                    "::warning file={}::{}",
                    s.path,
                    github_escape(&s.message())
                ));
            }
            for p in &report.problems {
                let mut props = Vec::new();
                let (path, line) = p.place();
                if let Some(path) = path {
                    props.push(format!("file={path}"));
                }
                if let Some(line) = line {
                    props.push(format!("line={line}"));
                }
                let msg = github_escape(&p.message());
                printer.out(&format!("::error {}::{msg}", props.join(",")));
            }
        }
        CheckFormat::Human => {
            for s in &report.skipped {
                printer.warn(&s.message());
            }
            if ok {
                printer.success(&summary(&projects, &report, tag.as_deref()));
            } else {
                for p in &report.problems {
                    printer.error(&p.human());
                }
                printer.status(&format!(
                    "{} problem{} found; versions are not consistent",
                    report.problems.len(),
                    if report.problems.len() == 1 { "" } else { "s" }
                ));
            }
        }
    }
    Ok(if ok { 0 } else { 1 })
}

/// A GitHub workflow command's message: `%`, CR and LF escaped.
fn github_escape(msg: &str) -> String {
    msg.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn summary(projects: &[Project], report: &Report, tag: Option<&str>) -> String {
    let parts: Vec<String> = projects
        .iter()
        .map(|s| {
            let n = report
                .found
                .iter()
                .filter(|f| f.component == s.config.component)
                .count();
            let name = s
                .config
                .component
                .as_ref()
                .map_or(String::new(), |c| format!("{c} "));
            format!(
                "{name}{} ({n} location{})",
                s.current_version.as_deref().unwrap_or_default(),
                if n == 1 { "" } else { "s" }
            )
        })
        .collect();
    let mut line = format!("versions consistent: {}", parts.join(", "));
    if let Some(t) = tag {
        line.push_str(&format!("; tag {t} matches"));
    }
    line
}
