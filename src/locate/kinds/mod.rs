//! Structural, format-preserving version locators: one per kind of file.
//!
//! A locator reads a file's text the way its ecosystem does (TOML tables, a JSON object's
//! top-level keys, a Dockerfile's `LABEL`s, a Python module's assignments) and returns the byte
//! span of each version string it holds, without the quotes. It never rewrites anything and
//! never looks at the value: a caller replaces `text[start..end]` and checks that what it
//! replaces is the version it expects. A dependency that happens to share the version number is
//! never located, because locators follow structure, not text.
//!
//! Locating nothing is not an error (an empty `Vec`); malformed JSON, TOML or YAML is
//! [`Error::Syntax`]; a version that lives elsewhere (a dynamic `[project] version`,
//! `version = attr: ...` in `setup.cfg`) is [`Error::ConfigValue`] naming where it lives.

mod cargo;
mod cargo_lock;
pub mod ci_env;
mod dockerfile;
mod helm_chart;
mod json;
mod npm_lock;
mod package_json;
mod plain;
mod pylex;
mod pyproject;
mod python;
mod setup_cfg;
mod setup_py;
mod yaml;

use std::path::Path;

use crate::error::{Error, Result};

pub use crate::config::kind::{Ecosystem, Kind, KindOptions};

/// Where one version string sits in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Byte offset of the first byte of the version text (after any quote).
    pub start: usize,
    /// Byte offset just past the version text.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// What holds it, for messages: `[project] version`, `env FFI_VERSION`.
    pub what: String,
}

impl Location {
    pub(crate) fn new(text: &str, start: usize, end: usize, what: impl Into<String>) -> Self {
        Location {
            start,
            end,
            line: line_of(text, start),
            what: what.into(),
        }
    }
}

/// Locate the version strings in `text`, the contents of `path`, read as a file of `kind`.
/// `path` names the file in errors; `cargo-lock` also reads the `Cargo.toml` beside it.
pub fn locate(kind: Kind, path: &Path, text: &str, opts: &KindOptions) -> Result<Vec<Location>> {
    let mut found = match kind {
        Kind::Pyproject => pyproject::locate(path, text)?,
        Kind::SetupPy => setup_py::locate(path, text)?,
        Kind::SetupCfg => setup_cfg::locate(path, text)?,
        Kind::Python => python::locate(path, text)?,
        Kind::PackageJson => package_json::locate(path, text)?,
        Kind::NpmLock => npm_lock::locate(path, text)?,
        Kind::Cargo => cargo::locate(path, text)?,
        Kind::CargoLock => cargo_lock::locate(path, text, opts)?,
        Kind::Dockerfile => dockerfile::locate(path, text, opts)?,
        Kind::CiEnv => ci_env::locate(path, text, opts)?,
        Kind::Plain => plain::locate(path, text)?,
        Kind::HelmChart => helm_chart::locate(path, text, opts)?,
    };
    found.sort_by_key(|l| l.start);
    found.dedup_by_key(|l| l.start);
    Ok(found)
}

/// Whether a located value may belong to something else, because a name pattern matched it
/// rather than the configuration naming it: `ARG PYTHON_VERSION=3.12` under the default
/// `*VERSION` rule, a Chart's `version` or `appVersion` when `keys` is not given, Sphinx's short
/// `version`. A plan leaves such a value alone when it is not the current version; at any other
/// location a different value is a mismatch to report.
pub fn incidental(kind: Kind, opts: &KindOptions, loc: &Location) -> bool {
    match kind {
        Kind::Dockerfile => {
            opts.env.is_empty() && (loc.what.starts_with("ARG ") || loc.what.starts_with("ENV "))
        }
        Kind::HelmChart => opts.keys.is_empty(),
        Kind::Python => loc.what == python::SPHINX_VERSION,
        _ => false,
    }
}

pub(crate) use crate::text::line_of;

/// The location of a TOML string value, inside its quotes; `None` when the item is not a
/// string. A string spelled with escapes cannot be edited in place and is an error.
pub(crate) fn toml_string(
    path: &Path,
    text: &str,
    item: &toml_edit::Item,
    what: &str,
) -> Result<Option<Location>> {
    let (Some(value), Some(span)) = (item.as_str(), item.span()) else {
        return Ok(None);
    };
    let raw = &text[span.clone()];
    let q = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    let (start, end) = (
        span.start + q,
        span.end.saturating_sub(q).max(span.start + q),
    );
    if text.get(start..end) != Some(value) {
        return Err(syntax(
            path,
            text,
            span.start,
            format!("{what} is spelled with escapes or line breaks; write it as a plain string"),
        ));
    }
    Ok(Some(Location::new(text, start, end, what)))
}

/// A syntax error at a byte offset.
pub(crate) fn syntax(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Error {
    let (line, column) = crate::text::line_col(text, offset);
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: message.into(),
    }
}

/// A version that is not in this file: say where it lives.
pub(crate) fn lives_elsewhere(path: &Path, message: impl Into<String>) -> Error {
    Error::ConfigValue {
        path: path.to_path_buf(),
        line: None,
        message: message.into(),
    }
}
