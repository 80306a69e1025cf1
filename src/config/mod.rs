//! Configuration: discovery, the TOML and INI schemas, defaults, overrides and the write-back
//! of `current_version`.

pub mod discover;
pub mod ini;
pub mod kind;
pub mod model;
pub mod raw;
pub mod schema;
pub mod toml;
pub mod writeback;

use std::path::{Path, PathBuf};

pub use model::{Config, FileChange, Format, Overrides, Source};
pub use schema::Warning;

use crate::error::{Error, Result};

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The directory bump runs in (absolute).
    pub cwd: PathBuf,
    /// `--config-file`.
    pub config_file: Option<PathBuf>,
    pub overrides: Overrides,
}

/// A loaded configuration and what was noticed while reading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<Warning>,
}

/// The text of a config file; the error names the file.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Find, read and check the configuration.
pub fn load(opts: &LoadOptions) -> Result<Loaded> {
    let mut warnings = Vec::new();
    let (found, parsed) = match &opts.config_file {
        Some(p) => (Some(opts.cwd.join(p)), None),
        None => discover::find_parsed(&opts.cwd).unzip(),
    };
    let parsed = parsed.flatten();
    let mut source = None;
    let mut table = None;
    match &found {
        Some(path) if path.is_file() => {
            let text = read_text(path)?;
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let (format, t, pep621) = match (ext, parsed) {
                ("cfg", _) => {
                    warnings.push(Warning(format!(
                        "the .cfg file format is deprecated; please use .toml instead (`{}`)",
                        path.display()
                    )));
                    (
                        Format::Ini,
                        Some(ini::read(path, &text, &mut warnings)?),
                        None,
                    )
                }
                // discovery already parsed it
                ("toml", Some(p)) => (Format::Toml, p.table, p.pep621_version),
                ("toml", None) => {
                    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
                    toml::parse_kept(path, &text, |d| {
                        let pep = is_pyproject.then(|| d.pep621_version()).flatten();
                        (Format::Toml, d.bumpversion(), pep)
                    })?
                }
                _ => {
                    warnings.push(Warning(format!(
                        "unknown config file suffix `.{ext}` (`{}`); using defaults",
                        path.display()
                    )));
                    (Format::Unknown, None, None)
                }
            };
            let has_cv = t.as_ref().is_some_and(|t| {
                raw::get(t, "current_version").is_some_and(|v| *v != raw::Raw::None)
            });
            source = Some(Source {
                path: path.clone(),
                format,
                has_current_version: has_cv,
                pep621_version: pep621,
            });
            table = t;
        }
        Some(path) if opts.config_file.is_some() => {
            return Err(Error::usage(format!(
                "--config-file `{}`: no such file",
                path.display()
            )))
        }
        Some(path) => warnings.push(Warning(format!(
            "configuration file not found: `{}`",
            path.display()
        ))),
        None => warnings.push(Warning("no configuration file found".into())),
    }
    let label = found.clone().unwrap_or_else(|| PathBuf::from("<defaults>"));
    let mut config = schema::build(table.as_ref(), &label, &opts.overrides, &mut warnings)?;
    let config_dir = source
        .as_ref()
        .and_then(|s| s.path.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| opts.cwd.clone());
    resolve_paths(&mut config.files, &config_dir, &opts.cwd)?;
    for comp in &mut config.components {
        resolve_paths(&mut comp.files, &config_dir, &opts.cwd)?;
        comp.source = source.clone().map(|mut s| {
            let name = comp.component.as_deref().unwrap_or_default();
            s.has_current_version = table
                .as_ref()
                .is_some_and(|t| component_has_current_version(t, name));
            s.pep621_version = None;
            s
        });
    }
    config.source = source;
    Ok(Loaded { config, warnings })
}

fn component_has_current_version(t: &raw::Table, name: &str) -> bool {
    let Some(raw::Raw::Table(comps)) = raw::get(t, "components") else {
        return false;
    };
    matches!(raw::get(comps, name), Some(raw::Raw::Table(c)) if raw::get(c, "current_version").is_some_and(|v| *v != raw::Raw::None))
}

fn glob_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '!') {
            out.push('[');
            out.push(c);
            out.push(']');
        } else {
            out.push(c);
        }
    }
    out
}

/// `{repo_root}` expands to the repository root; other relative paths are taken from the config
/// file's directory when it is not the current one.
fn resolve_paths(files: &mut [FileChange], config_dir: &Path, cwd: &Path) -> Result<()> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let rebase = canon(config_dir) != canon(cwd);
    let root = discover::repo_root(&canon(config_dir));
    let token = "{repo_root}";
    let resolve = |f: &FileChange, key: &str, value: &str, escape: bool| -> Result<String> {
        let (neg, mut v) = match value.strip_prefix('!') {
            Some(rest) if escape => (true, rest.to_string()),
            _ => (false, value.to_string()),
        };
        if v.contains(token) {
            let root = root.as_ref().ok_or_else(|| {
                f.origins.error(
                    key,
                    format!(
                        "`{token}` is used in `{value}`, but `{}` is not in a git or mercurial repository; use a path relative to the config file",
                        config_dir.display()
                    ),
                )
            })?;
            let r = root.to_string_lossy();
            v = v.replace(
                token,
                &if escape {
                    glob_escape(&r)
                } else {
                    r.to_string()
                },
            );
        }
        if rebase && !Path::new(&v).is_absolute() {
            let base = config_dir.to_string_lossy();
            let base = if escape {
                glob_escape(&base)
            } else {
                base.to_string()
            };
            v = format!("{base}/{v}");
        }
        Ok(if neg { format!("!{v}") } else { v })
    };
    for f in files {
        if let Some(name) = &f.filename {
            f.filename = Some(resolve(f, "filename", name, false)?);
        }
        if let Some(g) = &f.glob {
            f.glob = Some(resolve(f, "glob", g, true)?);
            f.glob_exclude = f
                .glob_exclude
                .iter()
                .map(|p| resolve(f, "glob_exclude", p, true))
                .collect::<Result<_>>()?;
        }
    }
    Ok(())
}
