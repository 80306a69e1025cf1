//! `bump show` (configuration values by dotted name) and `bump show-bump` (what each bump gives).

mod dump;
mod model;

use std::path::Path;

use bumpsmith::config::Overrides;
use bumpsmith::context;
use bumpsmith::plan::{self, Project};
use bumpsmith::Error;

use super::args::{ShowArgs, ShowBumpArgs, ShowFormat};
use super::printer::Printer;
use bumpsmith::python::repr::Py;
use model::{config_value, resolve};

fn open(
    cwd: &Path,
    config_file: Option<std::path::PathBuf>,
    current: Option<String>,
    component: Option<&str>,
) -> Result<Project, Error> {
    plan::open(
        cwd,
        config_file,
        Overrides {
            current_version: current,
            ..Overrides::default()
        },
        component,
    )
}

pub fn run(a: &ShowArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let s = open(
        cwd,
        a.config.config_file.clone(),
        a.config.current_version.clone(),
        a.config.component.as_deref(),
    )?;
    // `open` asks git only when a template needs it; what `show` prints must be complete
    let wants_scm = a.args.is_empty()
        || a.args
            .iter()
            .any(|x| x == "all" || x.split('.').next() == Some("scm_info"));
    let scm = if wants_scm && s.scm.branch_name.is_none() {
        context::scm_info(s.repo.as_ref(), &s.config.tag_name, &s.config.parse)?
    } else {
        s.scm.clone()
    };
    let mut value = config_value(&s.config, s.version()?, &scm);
    if let Some(part) = &a.increment {
        let next = s.current()?.bump(part)?;
        let nv = s.serialize(&next, &s.context())?;
        value.push(("new_version".into(), Py::Str(nv)));
    }
    let shown = if a.args.is_empty() || a.args.iter().any(|x| x == "all") {
        value
    } else {
        let config = Py::Dict(value);
        let mut items: Vec<(String, Py)> = Vec::new();
        for name in &a.args {
            let found = resolve(&config, name).unwrap_or(Py::None);
            match items.iter_mut().find(|(k, _)| k == name) {
                Some(slot) => slot.1 = found,
                None => items.push((name.clone(), found)),
            }
        }
        items
    };
    // click's `echo` ends each text with a newline; pprint's own ends with one too
    let text = match a.format {
        ShowFormat::Json => format!("{}\n", dump::json(&Py::Dict(shown))),
        ShowFormat::Yaml => format!("{}\n", dump::yaml(&Py::Dict(shown))),
        ShowFormat::Default => match shown.as_slice() {
            // `echo(None)` prints an empty line, not `None`
            [(_, Py::None)] => "\n".to_string(),
            [(_, only)] => format!("{}\n", only.to_str()),
            _ => format!("{}\n\n", Py::Dict(shown).pformat()),
        },
    };
    printer.out(&text)?;
    Ok(0)
}

pub fn run_show_bump(a: &ShowBumpArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let s = open(cwd, a.config_file.clone(), None, a.component.as_deref())?;
    let version_str = a
        .version
        .clone()
        .map_or_else(|| s.version().map(str::to_string), Ok)?;
    let current = s.parse_current(&version_str)?;
    let ctx = s.context();
    let mut rows = Vec::new();
    for (name, _) in &s.config.parts {
        // what `bump NAME` computes
        let req = plan::Request {
            part: Some(name.clone()),
            ..plan::Request::default()
        };
        let result = s
            .next_serialized(&current, &req, &ctx)
            .map(|(_, v)| v)
            .unwrap_or_else(|e| format!("invalid: {e}"));
        rows.push((name.clone(), result));
    }
    let (branch, mid, last, dash, first) = if a.ascii {
        ("+", "+", "+", "-", "+")
    } else {
        ("┬", "├", "╰", "─", "┬")
    };
    let head = format!("{version_str} {dash}{dash} bump {dash}");
    let indent = " ".repeat(head.chars().count());
    let mut out = String::new();
    for (i, (name, result)) in rows.iter().enumerate() {
        let lead = if i == 0 {
            format!("{head}{}", if rows.len() == 1 { dash } else { first })
        } else if i + 1 == rows.len() {
            format!("{indent}{last}")
        } else {
            format!("{indent}{mid}")
        };
        out.push_str(&format!("{lead}{dash} {name} {dash} {result}\n"));
    }
    let _ = branch;
    printer.out(&out)?;
    Ok(0)
}
