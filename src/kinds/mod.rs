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
use crate::version::Form;

/// A kind of file bump knows the structure of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Pyproject,
    SetupPy,
    SetupCfg,
    Python,
    PackageJson,
    NpmLock,
    Cargo,
    CargoLock,
    Dockerfile,
    CiEnv,
    Plain,
    HelmChart,
}

/// Whose version spelling a kind of file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecosystem {
    Python,
    Npm,
    Cargo,
    Docker,
    Other,
}

impl Ecosystem {
    /// The spelling this ecosystem expects; `None` for [`Ecosystem::Other`], whose files take
    /// the version as the configuration spells it.
    pub fn form(self) -> Option<Form> {
        match self {
            Ecosystem::Python => Some(Form::Pep440),
            Ecosystem::Npm | Ecosystem::Cargo => Some(Form::SemVer),
            Ecosystem::Docker => Some(Form::Docker),
            Ecosystem::Other => None,
        }
    }
}

const NAMES: [(Kind, &str); 12] = [
    (Kind::Pyproject, "pyproject"),
    (Kind::SetupPy, "setup-py"),
    (Kind::SetupCfg, "setup-cfg"),
    (Kind::Python, "python"),
    (Kind::PackageJson, "package-json"),
    (Kind::NpmLock, "npm-lock"),
    (Kind::Cargo, "cargo"),
    (Kind::CargoLock, "cargo-lock"),
    (Kind::Dockerfile, "dockerfile"),
    (Kind::CiEnv, "ci-env"),
    (Kind::Plain, "plain"),
    (Kind::HelmChart, "helm-chart"),
];

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 12] = [
        Kind::Pyproject,
        Kind::SetupPy,
        Kind::SetupCfg,
        Kind::Python,
        Kind::PackageJson,
        Kind::NpmLock,
        Kind::Cargo,
        Kind::CargoLock,
        Kind::Dockerfile,
        Kind::CiEnv,
        Kind::Plain,
        Kind::HelmChart,
    ];

    /// The kind named `name` in a config (`"package-json"`), exactly as [`Kind::name`] spells it.
    pub fn parse(name: &str) -> Option<Kind> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }

    /// The config name of this kind.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, n)| n)
    }

    /// The kind of a file, judged by its name (and, for CI files, its directory).
    pub fn detect(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?;
        let kind = match name {
            "pyproject.toml" => Kind::Pyproject,
            "setup.py" => Kind::SetupPy,
            "setup.cfg" => Kind::SetupCfg,
            "__init__.py" | "_version.py" | "__about__.py" | "version.py" | "conf.py" => {
                Kind::Python
            }
            "package.json" => Kind::PackageJson,
            "package-lock.json" | "npm-shrinkwrap.json" => Kind::NpmLock,
            "Cargo.toml" => Kind::Cargo,
            "Cargo.lock" => Kind::CargoLock,
            "Dockerfile" | "Containerfile" => Kind::Dockerfile,
            ".gitlab-ci.yml" => Kind::CiEnv,
            "VERSION" | "version.txt" | "VERSION.txt" => Kind::Plain,
            "Chart.yaml" => Kind::HelmChart,
            _ if is_dockerfile_name(name) => Kind::Dockerfile,
            _ if is_workflow(path, name) => Kind::CiEnv,
            _ => return None,
        };
        Some(kind)
    }

    /// The ecosystem whose version spelling files of this kind use.
    pub fn ecosystem(self) -> Ecosystem {
        match self {
            Kind::Pyproject | Kind::SetupPy | Kind::SetupCfg | Kind::Python => Ecosystem::Python,
            Kind::PackageJson | Kind::NpmLock => Ecosystem::Npm,
            Kind::Cargo | Kind::CargoLock => Ecosystem::Cargo,
            Kind::Dockerfile => Ecosystem::Docker,
            Kind::CiEnv | Kind::Plain | Kind::HelmChart => Ecosystem::Other,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `*.dockerfile`, `Dockerfile.<variant>`, `Containerfile.<variant>`.
fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".dockerfile") && lower.len() > ".dockerfile".len())
        || ((name.starts_with("Dockerfile.") || name.starts_with("Containerfile."))
            && !lower.ends_with(".dockerignore"))
}

/// `.github/workflows/*.yml` or `*.yaml`.
fn is_workflow(path: &Path, name: &str) -> bool {
    if !(name.ends_with(".yml") || name.ends_with(".yaml")) {
        return false;
    }
    let mut dirs = path.parent().into_iter().flat_map(Path::components).rev();
    let dir = dirs.next().and_then(|c| c.as_os_str().to_str());
    let parent = dirs.next().and_then(|c| c.as_os_str().to_str());
    dir == Some("workflows") && parent == Some(".github")
}

/// What a locator may be told beyond the kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindOptions {
    /// `ci-env`: the keys holding the version (required). `dockerfile`: when given, the `ARG`
    /// and `ENV` names to locate instead of every name ending in `VERSION`.
    pub env: Vec<String>,
    /// `helm-chart`: which of `version` and `appVersion` to locate (default both).
    pub keys: Vec<String>,
    /// `cargo-lock`: the package whose entry holds the version (default: the package and
    /// workspace members named by the `Cargo.toml` beside the lock file).
    pub package: Option<String>,
}

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

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        + 1
}

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
    let (line, column) = crate::config::toml::line_col(text, offset);
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
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.name()), Some(k));
        }
        assert_eq!(Kind::parse("Pyproject"), None);
        assert_eq!(Kind::parse("npm"), None);
    }

    #[test]
    fn detect_by_file_name() {
        let cases = [
            ("pyproject.toml", Some(Kind::Pyproject)),
            ("a/setup.py", Some(Kind::SetupPy)),
            ("setup.cfg", Some(Kind::SetupCfg)),
            ("src/pkg/__init__.py", Some(Kind::Python)),
            ("src/pkg/_version.py", Some(Kind::Python)),
            ("src/pkg/__about__.py", Some(Kind::Python)),
            ("docs/conf.py", Some(Kind::Python)),
            ("src/pkg/core.py", None),
            ("web/package.json", Some(Kind::PackageJson)),
            ("package-lock.json", Some(Kind::NpmLock)),
            ("npm-shrinkwrap.json", Some(Kind::NpmLock)),
            ("crates/x/Cargo.toml", Some(Kind::Cargo)),
            ("Cargo.lock", Some(Kind::CargoLock)),
            ("Dockerfile", Some(Kind::Dockerfile)),
            ("Containerfile", Some(Kind::Dockerfile)),
            ("docker/api.dockerfile", Some(Kind::Dockerfile)),
            ("Dockerfile.prod", Some(Kind::Dockerfile)),
            ("Dockerfile.dockerignore", None),
            (".dockerfile", None),
            (".github/workflows/ci.yml", Some(Kind::CiEnv)),
            (".github/workflows/release.yaml", Some(Kind::CiEnv)),
            (".github/dependabot.yml", None),
            ("workflows/ci.yml", None),
            (".gitlab-ci.yml", Some(Kind::CiEnv)),
            ("VERSION", Some(Kind::Plain)),
            ("version.txt", Some(Kind::Plain)),
            ("charts/app/Chart.yaml", Some(Kind::HelmChart)),
            ("values.yaml", None),
        ];
        for (p, k) in cases {
            assert_eq!(Kind::detect(Path::new(p)), k, "{p}");
        }
    }

    #[test]
    fn ecosystems_pick_forms() {
        assert_eq!(Kind::Pyproject.ecosystem().form(), Some(Form::Pep440));
        assert_eq!(Kind::NpmLock.ecosystem().form(), Some(Form::SemVer));
        assert_eq!(Kind::Dockerfile.ecosystem().form(), Some(Form::Docker));
        assert_eq!(Kind::Plain.ecosystem().form(), None);
    }
}
