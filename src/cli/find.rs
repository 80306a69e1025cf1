//! `bump find VERSION`: every mention of a version, marking those the configuration misses.

use std::path::{Path, PathBuf};

use bumpsmith::config::{self, LoadOptions};
use bumpsmith::init::find;
use bumpsmith::plan::targets::expand_glob;

use super::args::FindArgs;
use super::printer::Printer;

pub fn run(a: &FindArgs, cwd: &Path, printer: &Printer) -> super::Exit {
    let configured = configured_files(cwd, a.config_file.clone(), printer)?;
    let places = find::find(cwd, &a.version, &configured)?;
    let mut out = String::new();
    for p in &places {
        let mark = if p.covered { "" } else { "  [not configured]" };
        let four = if p.four_part {
            "  [four-part .NET form]"
        } else {
            ""
        };
        out.push_str(&format!("{}:{}: {}{mark}{four}\n", p.path, p.line, p.text));
    }
    if !out.is_empty() {
        printer.out(&out)?;
    }
    let missed = places.iter().filter(|p| !p.covered).count();
    if places.is_empty() {
        printer.status(&format!("`{}` is not mentioned anywhere", a.version))?;
        return Ok(1);
    }
    printer.status(&format!(
        "{} mention(s), {missed} in files the configuration does not list",
        places.len()
    ))?;
    Ok(0)
}

/// The files the configuration lists (globs expanded) and the config file holding
/// `current_version`; without a readable configuration, none.
fn configured_files(
    cwd: &Path,
    config_file: Option<PathBuf>,
    printer: &Printer,
) -> std::io::Result<Vec<String>> {
    let loaded = match config::load(&LoadOptions {
        cwd: cwd.to_path_buf(),
        config_file,
        ..LoadOptions::default()
    }) {
        Ok(l) => l,
        Err(e) => {
            printer.warn(&format!("{e}; every mention counts as not configured"))?;
            return Ok(Vec::new());
        }
    };
    let c = loaded.config;
    // the config file covers its own `current_version` (a pyproject.toml without one does not)
    let mut files: Vec<String> = c
        .source
        .iter()
        .filter(|s| s.has_current_version)
        .map(|s| s.path.display().to_string())
        .collect();
    for f in &c.files {
        if let Some(g) = &f.glob {
            files.extend(expand_glob(cwd, g, &f.glob_exclude).unwrap_or_default());
        } else if let Some(name) = &f.filename {
            files.push(name.clone());
        }
    }
    Ok(files
        .into_iter()
        .map(|f| {
            let p = Path::new(&f);
            if p.is_absolute() {
                f
            } else {
                cwd.join(p).display().to_string()
            }
        })
        .collect())
}
