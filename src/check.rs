//! `bump check`: does every configured location hold its component's current version, and does a
//! release tag name that version? Reads files, writes nothing, runs git only for tag questions.
//! Each location is found as a bump finds it ([`crate::rewrite::locate`]); what is checked here
//! is what else is there when it is not the current version.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Serialize;

use crate::config::FileChange;
use crate::error::{Error, Result};
use crate::kinds::Kind;
use crate::pyre;
use crate::release::Session;
use crate::rewrite::locate::{self, By, Holds, Locator, Lookup};
use crate::rewrite::read;
use crate::rewrite::search::Search;
use crate::rewrite::{self, Selection, Versions};
use crate::template::{self, Context};
use crate::version::{Version, VersionFormat};

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
                version,
                pattern,
                component,
                ..
            } => format!(
                "current_version `{version}` does not match the parse pattern `{pattern}`{}",
                suffix(component)
            ),
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
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The parse pattern with its groups unnamed, to capture "some version" inside a search.
fn anonymous(parse: &str) -> Result<String> {
    let t = pyre::translate(parse, true)?;
    static GROUP: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("static regex")
    });
    Ok(GROUP.replace_all(&t, "(?:").into_owned())
}

/// A regex for the search template with `{current_version}` standing for any version.
fn probe(search: &str, parse: &str, is_regex: bool, ctx: &Context) -> Result<Option<Regex>> {
    const MARK: &str = "\u{1}BUMPSMITHVERSION\u{1}";
    let mut c = ctx.clone();
    c.set_str("current_version", MARK);
    c.set_str("new_version", MARK);
    let rendered = if is_regex {
        template::render(
            search,
            &c.map_plain(|s| {
                if s == MARK {
                    MARK.to_string()
                } else {
                    regex::escape(s)
                }
            }),
        )?
    } else {
        regex::escape(&template::render(search, &c)?)
    };
    if !rendered.contains(MARK) {
        return Ok(None);
    }
    let pattern = rendered.replace(MARK, &format!("(?P<bumpsmith_found>{})", anonymous(parse)?));
    Ok(pyre::compile(
        &pattern,
        pyre::Flags {
            multiline: true,
            dotall: true,
            ..pyre::Flags::default()
        },
    )
    .ok())
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

/// Check every configured location of one session (a component, or the whole config).
pub fn check_locations(session: &Session, cwd: &Path, report: &mut Report) -> Result<()> {
    let component = session.config.component.clone();
    let current: Version = match session.current() {
        Ok(v) => v,
        Err(_) => {
            report.problems.push(Problem::BadCurrentVersion {
                path: session.config.source.as_ref().map(|s| rel(cwd, &s.path)),
                line: current_version_line(session),
                version: session.current_version.clone(),
                pattern: session.config.parse.clone(),
                component,
            });
            return Ok(());
        }
    };
    let mut ctx = session.context();
    crate::context::add_parts(&mut ctx, "current_", &current);
    crate::context::add_parts(&mut ctx, "new_", &current);
    let versions = Versions {
        current: &current,
        new: None,
        spec: &session.spec,
    };
    let mut locator = Locator::new(&versions, &ctx);
    let targets = rewrite::targets(&session.config, cwd, &Selection::default())?;
    let paths: Vec<PathBuf> = targets.iter().map(|t| cwd.join(&t.path)).collect();
    let contents = read::read_many(&paths);
    for ((t, path), read) in targets.iter().zip(&paths).zip(contents) {
        let fc = &t.change;
        let read = read.and_then(|b| b.map_or_else(|| std::fs::read(path), Ok));
        let text = match read {
            Ok(b) => read::decode(&t.path, b)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !fc.ignore_missing_file {
                    report.problems.push(Problem::MissingFile {
                        path: t.path.clone(),
                        component: component.clone(),
                    });
                }
                continue;
            }
            Err(e) => return Err(Error::io("read", path, e)),
        };
        let lookup = locator.lookup(fc)?;
        let at = Place {
            path: &t.path,
            fc,
            component: &component,
        };
        match &lookup.by {
            By::Kind(kind) => check_kind(&at, &text, *kind, &lookup.cur, report)?,
            By::Search(search) => {
                check_search(&at, &text, &lookup, search, locator.context(), report)?
            }
        }
    }
    Ok(())
}

/// The location being checked, for its reports.
struct Place<'a> {
    path: &'a str,
    fc: &'a FileChange,
    component: &'a Option<String>,
}

impl Place<'_> {
    fn found(&self, line: usize, version: String) -> Found {
        Found {
            path: self.path.to_string(),
            line,
            version,
            component: self.component.clone(),
        }
    }

    fn mismatch(&self, line: usize, expected: String, found: String) -> Problem {
        Problem::Mismatch {
            path: self.path.to_string(),
            line,
            expected,
            found,
            component: self.component.clone(),
        }
    }

    fn not_found(&self, search: String, closest: Option<(usize, String)>) -> Problem {
        Problem::NotFound {
            path: self.path.to_string(),
            search,
            closest_line: closest.as_ref().map(|c| c.0),
            closest: closest.map(|c| c.1),
            component: self.component.clone(),
        }
    }
}

/// A search location: the search finds the current version, or its probe (the search with any
/// version in its place) finds which version is there instead.
fn check_search(
    at: &Place<'_>,
    text: &str,
    lookup: &Lookup,
    search: &Search,
    ctx: &Context,
    report: &mut Report,
) -> Result<()> {
    let fc = at.fc;
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    };
    if let Some(m) = search.regex.find(&text) {
        let line = line_of(&text, m.start());
        report.found.push(at.found(line, lookup.cur.clone()));
        return Ok(());
    }
    let probe = probe(&fc.search, &fc.parse, fc.regex, ctx)?;
    match probe.as_ref().and_then(|p| p.captures(&text)) {
        Some(c) => {
            let m = c.name("bumpsmith_found").expect("probe has the group");
            let found = m.as_str().to_string();
            let line = line_of(&text, m.start());
            if same_version(&lookup.format, &found, &lookup.cur) {
                report.found.push(at.found(line, found));
            } else {
                let problem = at.mismatch(line, lookup.cur.clone(), found);
                report.problems.push(problem);
            }
        }
        None if fc.ignore_missing_version => {}
        None => {
            let problem = at.not_found(search.raw.clone(), search.closest_line(&text));
            report.problems.push(problem);
        }
    }
    Ok(())
}

/// A structural location check (file kinds).
fn check_kind(
    at: &Place<'_>,
    text: &str,
    kind: Kind,
    expected: &str,
    report: &mut Report,
) -> Result<()> {
    let fc = at.fc;
    let judged = locate::judge(kind, Path::new(at.path), text, &fc.kind_options, expected)?;
    let mut any = false;
    for j in &judged {
        let (line, value) = (j.loc.line, &text[j.loc.start..j.loc.end]);
        match j.holds {
            Holds::Current => report.found.push(at.found(line, value.to_string())),
            Holds::Other => {
                let problem = at.mismatch(line, expected.to_string(), value.to_string());
                report.problems.push(problem);
            }
            Holds::Incidental => continue,
        }
        any = true;
    }
    if !any && !fc.ignore_missing_version {
        let closest = judged
            .first()
            .map(|j| (j.loc.line, text[j.loc.start..j.loc.end].to_string()));
        let search = format!("{expected} ({} file)", kind.name());
        report.problems.push(at.not_found(search, closest));
    }
    Ok(())
}

fn rel(cwd: &Path, p: &Path) -> String {
    p.strip_prefix(cwd)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// The line of the session's `current_version` key in its config file.
pub fn current_version_line(session: &Session) -> Option<usize> {
    let src = session.config.source.as_ref()?;
    let text = std::fs::read_to_string(&src.path).ok()?;
    match src.format {
        crate::config::Format::Toml => {
            let doc = crate::config::toml::parse(&src.path, &text).ok()?;
            let item = doc.item(&session.config.current_version_keys())?;
            Some(crate::config::toml::line_col(&text, item.span()?.start).0)
        }
        _ => text
            .lines()
            .position(|l| l.trim_start().starts_with("current_version"))
            .map(|i| i + 1),
    }
}

/// The (prefix, suffix) around `{new_version}` in a tag template.
fn tag_affixes(template: &str) -> (String, String) {
    match template.split_once("{new_version}") {
        Some((p, s)) => (p.to_string(), s.to_string()),
        None => (template.to_string(), String::new()),
    }
}

/// The version a tag names under a template (`v` optional), if the tag fits the template.
pub fn tag_version(tag: &str, template: &str) -> Option<(usize, String)> {
    let (prefix, suffix) = tag_affixes(template);
    let mut candidates = vec![prefix.clone()];
    if let Some(p) = prefix.strip_suffix('v') {
        candidates.push(p.to_string());
    } else {
        candidates.push(format!("{prefix}v"));
    }
    candidates
        .into_iter()
        .filter_map(|p| {
            let rest = tag
                .strip_prefix(p.as_str())?
                .strip_suffix(suffix.as_str())?;
            (!rest.is_empty() && rest.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| (p.len() + suffix.len(), rest.to_string()))
        })
        .max_by_key(|(score, _)| *score)
}

/// Check a release tag against the sessions (components).
pub fn check_tag(sessions: &[Session], tag: &str, cwd: &Path, report: &mut Report) {
    let best = sessions
        .iter()
        .filter_map(|s| tag_version(tag, &s.config.tag_name).map(|(score, v)| (score, v, s)))
        .max_by_key(|(score, _, _)| *score);
    let Some((_, version, session)) = best else {
        report.problems.push(Problem::TagUnmatched {
            tag: tag.to_string(),
            templates: sessions.iter().map(|s| s.config.tag_name.clone()).collect(),
        });
        return;
    };
    if same_version(&session.format, &version, &session.current_version) {
        return;
    }
    report.problems.push(Problem::TagMismatch {
        tag: tag.to_string(),
        tag_version: version,
        package_version: session.current_version.clone(),
        read_from: session.config.source.as_ref().map(|s| rel(cwd, &s.path)),
        line: current_version_line(session),
        component: session.config.component.clone(),
    });
}

/// The tag a CI system says this build is for, if any.
pub fn tag_from_env() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if var("GITHUB_REF_TYPE").as_deref() == Some("tag") {
        if let Some(name) = var("GITHUB_REF_NAME") {
            return Some(name);
        }
    }
    if let Some(r) = var("GITHUB_REF") {
        if let Some(t) = r.strip_prefix("refs/tags/") {
            return Some(t.to_string());
        }
    }
    var("CI_COMMIT_TAG").or_else(|| var("BITBUCKET_TAG"))
}

/// `--tag-exists`: refuse when the tag for the current version already exists.
pub fn check_tag_free(session: &Session, report: &mut Report) -> Result<()> {
    let Some(repo) = &session.repo else {
        return Ok(());
    };
    let mut ctx = session.context();
    ctx.set_str("new_version", session.current_version.clone());
    if let Ok(v) = session.current() {
        crate::context::add_parts(&mut ctx, "current_", &v);
        crate::context::add_parts(&mut ctx, "new_", &v);
    }
    let name = template::render(&session.config.tag_name, &ctx)?;
    if repo.tag_exists(&name)? {
        report.problems.push(Problem::TagExists {
            tag: name,
            component: session.config.component.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_versions_with_optional_v_and_prefixes() {
        assert_eq!(tag_version("v0.2.0", "v{new_version}").unwrap().1, "0.2.0");
        assert_eq!(tag_version("0.2.0", "v{new_version}").unwrap().1, "0.2.0");
        assert_eq!(tag_version("v0.2.0", "{new_version}").unwrap().1, "0.2.0");
        assert_eq!(
            tag_version("cli-v2.0.0", "cli-v{new_version}").unwrap().1,
            "2.0.0"
        );
        assert!(tag_version("sdk-v2.0.0", "cli-v{new_version}").is_none());
    }

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
