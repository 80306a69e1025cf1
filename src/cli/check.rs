//! `bump check`: version consistency for pre-commit hooks and CI (exit 0 consistent, 1
//! inconsistent, 2 config or usage error).

use std::path::Path;

use bumpsmith::check::{self, CheckRequest, Component, Report, TagSource};
use serde::Serialize;

use super::args::{CheckArgs, CheckFormat};
use super::printer::Printer;

/// The JSON document `bump check --format json` prints (schema version 1).
#[derive(Serialize)]
struct JsonReport<'a> {
    schema: u32,
    ok: bool,
    tag: Option<&'a str>,
    components: &'a [Component],
    #[serde(flatten)]
    report: &'a Report,
}

fn request(a: &CheckArgs, cwd: &Path) -> CheckRequest {
    let tag = match (&a.tag, a.tag_from_head) {
        (Some(t), _) => TagSource::Given(t.clone()),
        (None, true) => TagSource::AtHead,
        (None, false) if !a.no_env_tag => TagSource::FromEnv,
        _ => TagSource::None,
    };
    CheckRequest {
        cwd: cwd.to_path_buf(),
        config_file: a.config_file.clone(),
        component: a.component.clone(),
        tag,
        tag_exists: a.tag_exists,
    }
}

pub fn run(a: &CheckArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let checked = check::run(&request(a, cwd))?;
    for w in &checked.warnings {
        printer.warn(&w.0)?;
    }
    for n in &checked.notes {
        printer.detail(n)?;
    }
    let report = &checked.report;
    let empty = a.strict && checked.checked_nothing;
    let ok = report.ok() && !empty;
    let tag = checked.tag.as_deref();
    match a.format {
        CheckFormat::Json => {
            let doc = JsonReport {
                schema: 1,
                ok,
                tag,
                components: &checked.components,
                report,
            };
            printer.out(&serde_json::to_string_pretty(&doc).unwrap_or_default())?;
        }
        CheckFormat::Github => {
            for s in &report.skipped {
                printer.out(&format!(
                    "::warning file={}::{}",
                    s.path,
                    github_escape(&s.message())
                ))?;
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
                printer.out(&format!("::error {}::{msg}", props.join(",")))?;
            }
        }
        CheckFormat::Human => {
            for s in &report.skipped {
                printer.warn(&s.message())?;
            }
            if empty && report.ok() {
                printer.error("nothing was checked (--strict)")?;
            } else if ok {
                printer.success(&summary(&checked.components, report, tag))?;
            } else {
                for p in &report.problems {
                    printer.error(&p.human())?;
                }
                printer.status(&format!(
                    "{} problem{} found; versions are not consistent",
                    report.problems.len(),
                    if report.problems.len() == 1 { "" } else { "s" }
                ))?;
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

fn summary(components: &[Component], report: &Report, tag: Option<&str>) -> String {
    let parts: Vec<String> = components
        .iter()
        .map(|c| {
            let n = report
                .found
                .iter()
                .filter(|f| f.component == c.name)
                .count();
            let name = c.name.as_ref().map_or(String::new(), |c| format!("{c} "));
            format!(
                "{name}{} ({n} location{})",
                c.current_version,
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
