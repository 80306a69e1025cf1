//! `bump check`: does every configured location hold its component's current version, and does a
//! release tag name that version? Reads files, writes nothing, runs git only for tag questions.
//! This module holds the request, what a check reports and [`run`]; `locations` (a report over
//! the plan a bump would make) and `tag` ask the two questions.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{Overrides, Warning};
use crate::error::{Error, Result};
use crate::locate;
use crate::plan::{self, Project};
use crate::version::VersionFormat;

mod locations;
mod tag;

pub use locations::check_locations;
pub use tag::{check_tag, check_tag_free, tag_from_env, tag_version};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckRequest {
    pub cwd: PathBuf,
    pub config_file: Option<PathBuf>,
    /// Only this component (default: every component the config declares).
    pub component: Option<String>,
    /// Which release tag must name the package version.
    pub tag: TagSource,
    /// Refuse when the tag for the current version exists already.
    pub tag_exists: bool,
}

/// Where the release tag to check comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TagSource {
    /// No tag.
    #[default]
    None,
    /// This tag (`--tag`).
    Given(String),
    /// The release tag at HEAD, if one points there (`--tag-from-head`, a pre-push hook).
    AtHead,
    /// The tag a CI system says the build is for, if any (GitHub, GitLab, Bitbucket).
    FromEnv,
}

/// A component as checked (for reports).
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub name: Option<String>,
    pub current_version: String,
    pub tag_name: String,
}

/// The outcome of [`run`].
#[derive(Debug, Default)]
pub struct Checked {
    pub report: Report,
    pub components: Vec<Component>,
    /// The release tag checked, if any.
    pub tag: Option<String>,
    pub warnings: Vec<Warning>,
    /// Remarks for `-v` (e.g. no release tag at HEAD, so none was checked).
    pub notes: Vec<String>,
    /// Set when a component's config has no location holding a version (no file entries, or
    /// only missing ones): that check checked nothing. Also one of `warnings`.
    pub checked_nothing: bool,
}

/// `bump check`: every configured location of every component (or of the one asked for), and
/// the release tag, if any.
pub fn run(req: &CheckRequest) -> Result<Checked> {
    let projects = plan::open_all(
        &req.cwd,
        req.config_file.clone(),
        Overrides::default(),
        req.component.as_deref(),
    )?;
    let mut out = Checked {
        warnings: projects
            .first()
            .map(|p| p.warnings.clone())
            .unwrap_or_default(),
        ..Checked::default()
    };
    for p in &projects {
        let before = (out.report.found.len(), out.report.problems.len());
        check_locations(p, &req.cwd, &mut out.report)?;
        // a location that holds another version, or a current version that does not parse,
        // is a problem reported on its own, not "nothing to check"
        if (out.report.found.len(), out.report.problems.len()) == before {
            out.checked_nothing = true;
            out.warnings.push(nothing_checked(p));
        }
        if req.tag_exists {
            check_tag_free(p, &mut out.report)?;
        }
    }
    out.tag = match &req.tag {
        TagSource::None => None,
        TagSource::Given(t) => Some(t.clone()),
        TagSource::FromEnv => tag_from_env(),
        TagSource::AtHead => {
            let found = tag_at_head(&projects)?;
            if found.is_none() {
                out.notes
                    .push("no release tag points at HEAD; no tag to check".to_string());
            }
            found
        }
    };
    if let Some(t) = &out.tag {
        check_tag(&projects, t, &req.cwd, &mut out.report);
    }
    out.components = projects
        .iter()
        .map(|p| Component {
            name: p.config.component.clone(),
            current_version: p.current_version.clone().unwrap_or_default(),
            tag_name: p.config.tag_name.clone(),
        })
        .collect();
    Ok(out)
}

/// The warning for a component with no location holding a version.
fn nothing_checked(p: &Project) -> Warning {
    let config = p.config.source.as_ref().map_or_else(
        || "the defaults".to_string(),
        |s| format!("`{}`", s.path.display()),
    );
    let component = p
        .config
        .component
        .as_ref()
        .map_or(String::new(), |c| format!(" (component {c})"));
    Warning(format!(
        "{config}{component} configures no file that holds a version (no file entries, or only missing ones), so nothing was checked"
    ))
}

/// The first tag at HEAD that one of the projects' tag templates reads as a release.
fn tag_at_head(projects: &[Project]) -> Result<Option<String>> {
    let repo = projects
        .first()
        .and_then(|p| p.repo.as_ref())
        .ok_or_else(|| Error::usage("--tag-from-head needs a git repository"))?;
    Ok(repo
        .tags_at_head()?
        .into_iter()
        .find(|t| projects.iter().any(|p| tag_version(t, p).is_some())))
}

impl Report {
    /// No problem found.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A location that holds the expected version.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub path: String,
    pub line: usize,
    pub version: String,
    pub component: Option<String>,
}

/// Something inconsistent.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// A location holds another version.
    Mismatch {
        path: String,
        line: usize,
        expected: String,
        found: String,
        component: Option<String>,
    },
    /// A location's search finds nothing at all.
    NotFound {
        path: String,
        search: String,
        closest_line: Option<usize>,
        closest: Option<String>,
        component: Option<String>,
    },
    /// A configured file does not exist.
    MissingFile {
        path: String,
        component: Option<String>,
    },
    /// The config's `current_version` does not parse.
    BadCurrentVersion {
        path: Option<String>,
        line: Option<usize>,
        version: String,
        pattern: String,
        component: Option<String>,
        /// What is wrong, told with what a version looks like (not in the JSON: `pattern`
        /// says it there).
        #[serde(skip)]
        reason: String,
    },
    /// The release tag names another version than the package's.
    TagMismatch {
        tag: String,
        tag_version: String,
        package_version: String,
        read_from: Option<String>,
        line: Option<usize>,
        component: Option<String>,
    },
    /// The release tag matches no component's tag template.
    TagUnmatched { tag: String, templates: Vec<String> },
    /// The tag for the current version already exists (`--tag-exists`).
    TagExists {
        tag: String,
        component: Option<String>,
    },
}

fn suffix(component: &Option<String>) -> String {
    component
        .as_ref()
        .map_or(String::new(), |c| format!(" (component {c})"))
}

impl Problem {
    /// Where to point an annotation: (path, line).
    pub fn place(&self) -> (Option<&str>, Option<usize>) {
        match self {
            Problem::Mismatch { path, line, .. } => (Some(path), Some(*line)),
            Problem::NotFound {
                path, closest_line, ..
            } => (Some(path), *closest_line),
            Problem::MissingFile { path, .. } => (Some(path), None),
            Problem::BadCurrentVersion { path, line, .. } => (path.as_deref(), *line),
            Problem::TagMismatch {
                read_from, line, ..
            } => (read_from.as_deref(), *line),
            Problem::TagUnmatched { .. } | Problem::TagExists { .. } => (None, None),
        }
    }

    /// The message without its place.
    pub fn message(&self) -> String {
        match self {
            Problem::Mismatch {
                expected,
                found,
                component,
                ..
            } => {
                format!("expected {expected}, found {found}{}", suffix(component))
            }
            Problem::NotFound {
                search,
                closest,
                component,
                ..
            } => {
                let mut s = format!("`{search}` not found{}", suffix(component));
                if let Some(c) = closest {
                    s.push_str(&format!("; closest line: {}", c.trim()));
                }
                s
            }
            Problem::MissingFile { component, .. } => {
                format!("file not found{}", suffix(component))
            }
            Problem::BadCurrentVersion {
                reason, component, ..
            } => format!("{reason}{}", suffix(component)),
            Problem::TagMismatch {
                tag,
                tag_version,
                package_version,
                component,
                ..
            } => {
                format!(
                "Package version ({package_version}) doesn't match release tag ({tag_version}){}{}",
                if tag != tag_version { format!(" [tag {tag}]") } else { String::new() },
                suffix(component)
            )
            }
            Problem::TagUnmatched { tag, templates } => format!(
                "release tag `{tag}` matches no tag template ({})",
                templates.join(", ")
            ),
            Problem::TagExists { tag, component } => {
                format!("tag `{tag}` already exists{}", suffix(component))
            }
        }
    }

    /// `path:line: message`, as a person reads it.
    pub fn human(&self) -> String {
        if let Problem::TagMismatch {
            read_from: Some(p),
            line,
            ..
        } = self
        {
            let at = line.map_or(String::new(), |l| format!(":{l}"));
            return format!("{} (package version read from {p}{at})", self.message());
        }
        match self.place() {
            (Some(p), Some(l)) => format!("{p}:{l}: {}", self.message()),
            (Some(p), None) => format!("{p}: {}", self.message()),
            _ => self.message(),
        }
    }
}

/// The result of a check.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub found: Vec<Found>,
    pub problems: Vec<Problem>,
    /// Configured files left unchecked, as a bump leaves them unedited (binary, too large).
    pub skipped: Vec<Skipped>,
}

/// A configured file a bump would not edit, so a check does not judge it: a warning, not a
/// problem.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    /// Why, as a bump's warning says it.
    pub reason: String,
    pub component: Option<String>,
}

impl Skipped {
    pub fn message(&self) -> String {
        format!(
            "`{}` is {}; not checked (bump does not change it){}",
            self.path,
            self.reason,
            suffix(&self.component)
        )
    }
}

/// Do two version strings name the same version: equal (a leading `v` aside), or both parsed
/// whole by the format into the same part values.
pub fn same_version(format: &VersionFormat, a: &str, b: &str) -> bool {
    let strip = |s: &'_ str| -> String { s.strip_prefix('v').unwrap_or(s).to_string() };
    let (a, b) = (strip(a), strip(b));
    if locate::same(&a, &b) {
        return true;
    }
    matches!((format.parse_whole(&a), format.parse_whole(&b)), (Ok(x), Ok(y)) if x == y)
}

fn rel(cwd: &Path, p: &Path) -> String {
    p.strip_prefix(cwd)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// The line of the session's `current_version` key in its config file.
pub fn current_version_line(project: &Project) -> Option<usize> {
    let src = project.config.source.as_ref()?;
    let text = std::fs::read_to_string(&src.path).ok()?;
    match src.format {
        crate::config::Format::Toml => {
            let doc = crate::config::toml::parse(&src.path, &text).ok()?;
            let item = doc.item(&project.config.current_version_keys())?;
            Some(crate::text::line_col(&text, item.span()?.start).0)
        }
        _ => text
            .lines()
            .position(|l| l.trim_start().starts_with("current_version"))
            .map(|i| i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_at_a_glance() {
        let p = Problem::TagMismatch {
            tag: "0.1.9".into(),
            tag_version: "0.1.9".into(),
            package_version: "0.2.0".into(),
            read_from: Some("pyproject.toml".into()),
            line: Some(3),
            component: None,
        };
        assert_eq!(
            p.human(),
            "Package version (0.2.0) doesn't match release tag (0.1.9) (package version read from pyproject.toml:3)"
        );
        let m = Problem::Mismatch {
            path: "server/pyproject.toml".into(),
            line: 4,
            expected: "2.0.0".into(),
            found: "1.9.0".into(),
            component: Some("platform".into()),
        };
        assert_eq!(
            m.human(),
            "server/pyproject.toml:4: expected 2.0.0, found 1.9.0 (component platform)"
        );
    }
}
