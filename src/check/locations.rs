//! The configured locations: each is found as a bump finds it ([`crate::locate`]);
//! what is checked here is what else is there when it is not the current version.

use std::path::{Path, PathBuf};

use regex::Regex;

use super::{current_version_line, rel, same_version, Found, Problem, Report, Skipped};
use crate::config::FileChange;
use crate::error::{Error, Result};
use crate::locate::kinds::Kind;
use crate::locate::search::Search;
use crate::locate::Versions;
use crate::locate::{self, By, Holds, Locator, Lookup};
use crate::plan::read;
use crate::plan::targets::{self, Selection};
use crate::plan::Project;
use crate::python::re;
use crate::template::{self, Context};
use crate::text::{line_of, universal_newlines};
use crate::version::Version;

/// Check every configured location of one session (a component, or the whole config).
pub fn check_locations(project: &Project, cwd: &Path, report: &mut Report) -> Result<()> {
    let component = project.config.component.clone();
    let version = project.version()?.to_string();
    let current: Version = match project.current() {
        Ok(v) => v,
        Err(_) => {
            report.problems.push(Problem::BadCurrentVersion {
                path: project.config.source.as_ref().map(|s| rel(cwd, &s.path)),
                line: current_version_line(project),
                version,
                pattern: project.config.parse.clone(),
                component,
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
    let mut locator = Locator::new(&versions, &ctx);
    let targets = targets::targets(&project.config, cwd, &Selection::default())?;
    let paths: Vec<PathBuf> = targets.iter().map(|t| cwd.join(&t.path)).collect();
    let contents = read::read_many(&paths);
    for ((t, path), read) in targets.iter().zip(&paths).zip(contents) {
        let fc = &t.change;
        let text = match read {
            Ok(b) => {
                if let Some(why) = read::Skip::of(b.as_deref()) {
                    let s = Skipped {
                        path: t.path.clone(),
                        reason: why.to_string(),
                        component: component.clone(),
                    };
                    if !report.skipped.iter().any(|k| k.path == s.path) {
                        report.skipped.push(s);
                    }
                    continue;
                }
                read::decode(&t.path, b.unwrap_or_default())?
            }
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
    // searched as the bump searches: universal newlines
    let text = universal_newlines(text);
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

/// The parse pattern with its groups unnamed, to capture "some version" inside a search.
fn anonymous(parse: &str) -> Result<String> {
    let t = re::translate(parse, true)?;
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
    Ok(re::compile(
        &pattern,
        re::Flags {
            multiline: true,
            dotall: true,
            ..re::Flags::default()
        },
    )
    .ok())
}
