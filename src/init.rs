//! `bump init` and `bump find`: survey a tree for the files that hold the project's version.
//!
//! [`survey`] walks the tree once ([`walk`]), reads each file whose name gives its kind
//! ([`Kind::detect`]), locates its versions with the kind's structural locator and groups what
//! it found by version, comparing semantically (`1.2.0rc1` in `pyproject.toml` is
//! `1.2.0-rc.1` in `package.json`). The current version is the one given (`--current-version`),
//! else the one the first package manifest at the root holds ([`ROOT_MANIFESTS`]), else the one
//! most files agree on; files that hold another are disagreements. Directories of tests,
//! examples, docs, fixtures and vendored code are not surveyed ([`DEFAULT_EXCLUDED`]) unless an
//! `--include` glob names them. [`render::config`] turns a survey into a commented
//! `.bumpversion.toml`. [`find::find`] lists every mention of a version in any spelling, and
//! which of them the configuration does not cover. Nothing here prints or writes.

pub mod find;
pub mod render;
pub mod walk;

use std::collections::HashMap;
use std::path::Path;

use globset::GlobSet;

use crate::error::{Error, Result};
use crate::locate::kinds::{self, ci_env, Ecosystem, Kind, KindOptions, Location};
use crate::version::{Form, Semantic};

/// Directories whose files are examples, tests or someone else's code: their versions are not
/// the project's.
pub const DEFAULT_EXCLUDED: &[&str] = &[
    "tests",
    "test",
    "examples",
    "docs",
    "fixtures",
    "vendor",
    "node_modules",
    "third_party",
];

/// Files at the root whose version is the project's own, in the order they decide it.
pub const ROOT_MANIFESTS: &[&str] = &[
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "package.json",
    "Cargo.toml",
    "Chart.yaml",
    "VERSION",
];

/// What the caller asks of a survey.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Globs (relative to the root) of files to survey even under a [`DEFAULT_EXCLUDED`]
    /// directory; a file with no kind that one names is searched for the current version.
    pub include: Vec<String>,
    /// Globs of files never to survey.
    pub exclude: Vec<String>,
    /// The current version, given outright.
    pub current_version: Option<String>,
}

fn globs(patterns: &[String]) -> Result<GlobSet> {
    let relative: Vec<String> = patterns
        .iter()
        .map(|p| p.trim_start_matches("./").to_string())
        .collect();
    crate::plan::targets::matcher(&relative)
}

/// Whether `rel` lies under a [`DEFAULT_EXCLUDED`] directory. A Sphinx `conf.py` directly in
/// `docs/` (or `docs/source/`) is the project's own documentation, so it is kept.
fn excluded_by_default(rel: &str) -> bool {
    if matches!(rel, "docs/conf.py" | "docs/source/conf.py") {
        return false;
    }
    let mut dirs: Vec<&str> = rel.split('/').collect();
    dirs.pop();
    dirs.iter().any(|d| DEFAULT_EXCLUDED.contains(d))
}

/// One version found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Relative to the surveyed root, `/`-separated.
    pub path: String,
    pub kind: Kind,
    pub location: Location,
    /// The version text at the location.
    pub version: String,
    /// `ci-env`: the key holding it.
    pub key: Option<String>,
    /// Matched by a name pattern (`ARG *VERSION`, a CI `*_VERSION` key, a Chart key): a value
    /// that is not the project's version belongs to something else and is no disagreement.
    pub incidental: bool,
}

/// A file whose version could not be located (a dynamic version, a syntax error...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: Kind,
    pub message: String,
}

/// Hits that hold the same version (semantically, or the same text when it is not SemVer/PEP
/// 440-shaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The spelling seen first (in path order).
    pub version: String,
    pub semantic: Option<Semantic>,
    /// Indices into [`Survey::hits`].
    pub hits: Vec<usize>,
    /// Distinct files among the hits that are not incidental.
    pub files: usize,
}

/// How versions bump and are spelled, as `scheme` in the rendered config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    SemVer,
    Pep440,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::SemVer => "semver",
            Scheme::Pep440 => "pep440",
        }
    }

    pub fn form(self) -> Form {
        match self {
            Scheme::SemVer => Form::SemVer,
            Scheme::Pep440 => Form::Pep440,
        }
    }
}

/// What a tree holds.
#[derive(Debug, Clone)]
pub struct Survey {
    /// Sorted by path, then position.
    pub hits: Vec<Hit>,
    /// The current version first (most files), then the others.
    pub groups: Vec<Group>,
    pub problems: Vec<Problem>,
    pub scheme: Scheme,
    /// Files with no kind that `--include` named and that mention the current version.
    pub texts: Vec<TextFile>,
}

impl Survey {
    /// The group most files agree on.
    pub fn current(&self) -> Option<&Group> {
        self.groups.first().filter(|g| g.files > 0)
    }

    /// The current version, spelled for the scheme when it is SemVer/PEP 440-shaped.
    pub fn current_version(&self) -> Option<String> {
        let g = self.current()?;
        Some(match &g.semantic {
            Some(s) => s.render(self.scheme.form()),
            None => g.version.clone(),
        })
    }

    /// How many files hold the current version (incidental places included).
    pub fn current_files(&self) -> usize {
        let Some(g) = self.current() else { return 0 };
        let mut paths: Vec<&str> = g.hits.iter().map(|&i| self.hits[i].path.as_str()).collect();
        paths.dedup();
        paths.len()
    }

    /// Whether hit `i` holds the current version.
    pub fn is_current(&self, i: usize) -> bool {
        self.current().is_some_and(|g| g.hits.contains(&i))
    }

    /// Hits that hold another version than the current one and are not incidental.
    pub fn disagreements(&self) -> impl Iterator<Item = &Hit> {
        self.hits
            .iter()
            .enumerate()
            .filter(|(i, h)| !h.incidental && !self.is_current(*i))
            .map(|(_, h)| h)
    }
}

enum Found {
    Hits(Vec<Hit>),
    Problem(Problem),
    /// A file with no kind that an `--include` glob names.
    Text(String),
}

/// A file with no kind (a README) named by `--include`, and its lines that mention the current
/// version: configured with bump-my-version's search and replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    pub path: String,
    pub mentions: Vec<find::Place>,
}

/// Survey the tree under `root`.
pub fn survey(root: &Path, opts: &Options) -> Result<Survey> {
    let include = globs(&opts.include)?;
    let exclude = globs(&opts.exclude)?;
    let found = walk::walk(root, |e| {
        let included = include.is_match(&e.rel);
        if exclude.is_match(&e.rel) || (!included && excluded_by_default(&e.rel)) {
            return None;
        }
        let Some(kind) = Kind::detect(Path::new(&e.rel)) else {
            return (included && !opts.include.is_empty()).then(|| Found::Text(e.rel.clone()));
        };
        let text = walk::read_text(e.path)?;
        Some(match locate_file(kind, e.path, &e.rel, &text) {
            Ok(hits) if hits.is_empty() => return None,
            Ok(hits) => Found::Hits(hits),
            Err(err) => Found::Problem(Problem {
                path: e.rel.clone(),
                kind,
                message: strip_path(&err.to_string(), e.path),
            }),
        })
    })?;
    let mut hits = Vec::new();
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    for (_, f) in found {
        match f {
            Found::Hits(h) => hits.extend(h),
            Found::Problem(p) => problems.push(p),
            Found::Text(t) => texts.push(t),
        }
    }
    let decided = match &opts.current_version {
        Some(v) => Decided::Given(v.clone()),
        None => root_manifest(&mut hits).map_or(Decided::Majority, Decided::Hit),
    };
    let mut groups = group(&hits);
    match decided {
        Decided::Majority => {}
        Decided::Hit(i) => {
            let g = groups.iter().position(|g| g.hits.contains(&i));
            groups[..=g.expect("every hit is in a group")].rotate_right(1);
        }
        Decided::Given(v) => {
            let key = Semantic::parse_pep440(&v);
            let g = groups.iter().position(|g| match (&key, &g.semantic) {
                (Some(a), Some(b)) => a == b,
                _ => g.version == v.trim(),
            });
            match g {
                Some(g) => groups[..=g].rotate_right(1),
                None => {
                    let found: Vec<String> =
                        groups.iter().map(|g| format!("`{}`", g.version)).collect();
                    return Err(Error::usage(format!(
                        "`--current-version {v}`: no file bump knows holds it (found {})",
                        if found.is_empty() {
                            "no version at all".to_string()
                        } else {
                            found.join(", ")
                        }
                    )));
                }
            }
            groups[0].files = groups[0].files.max(1);
        }
    }
    let scheme = scheme(&hits, groups.first());
    let mut survey = Survey {
        hits,
        groups,
        problems,
        scheme,
        texts: Vec::new(),
    };
    if let Some(v) = survey.current_version() {
        for path in texts {
            let mentions = find::mentions(root, &path, &v)?;
            if !mentions.is_empty() {
                survey.texts.push(TextFile { path, mentions });
            }
        }
    }
    Ok(survey)
}

enum Decided {
    Majority,
    Hit(usize),
    Given(String),
}

/// The hit that holds the project's own version: the first [`ROOT_MANIFESTS`] file at the root
/// that holds one (a Chart's own `version`, which then counts as no incidental place).
fn root_manifest(hits: &mut [Hit]) -> Option<usize> {
    for name in ROOT_MANIFESTS {
        let i = hits.iter().position(|h| {
            h.path == *name
                && (!h.incidental || (h.kind == Kind::HelmChart && h.location.what == "version"))
        });
        if let Some(i) = i {
            hits[i].incidental = false;
            return Some(i);
        }
    }
    None
}

/// Errors name the absolute path; the survey names files relative to the root.
fn strip_path(message: &str, path: &Path) -> String {
    let p = path.display().to_string();
    message
        .strip_prefix(&p)
        .map(|m| m.trim_start_matches(':').trim_start().to_string())
        .unwrap_or_else(|| message.to_string())
}

fn locate_file(kind: Kind, path: &Path, rel: &str, text: &str) -> Result<Vec<Hit>> {
    let hit = |location: Location, key: Option<String>, incidental: bool| Hit {
        path: rel.to_string(),
        kind,
        version: text[location.start..location.end].to_string(),
        location,
        key,
        incidental,
    };
    if kind == Kind::CiEnv {
        return Ok(ci_env::version_keys(path, text)?
            .into_iter()
            .map(|(k, l)| hit(l, Some(k), true))
            .collect());
    }
    let opts = KindOptions::default();
    Ok(kinds::locate(kind, path, text, &opts)?
        .into_iter()
        .map(|l| {
            let inc = kinds::incidental(kind, &opts, &l);
            hit(l, None, inc)
        })
        .collect())
}

#[derive(PartialEq, Eq, Hash)]
enum Key {
    Semantic(Semantic),
    Text(String),
}

fn group(hits: &[Hit]) -> Vec<Group> {
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        let semantic = Semantic::parse_pep440(&h.version);
        let key = match &semantic {
            Some(s) => Key::Semantic(s.clone()),
            None => Key::Text(h.version.clone()),
        };
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                version: h.version.clone(),
                semantic,
                hits: Vec::new(),
                files: 0,
            });
            groups.len() - 1
        });
        groups[g].hits.push(i);
    }
    for g in &mut groups {
        let mut files: Vec<&str> = g
            .hits
            .iter()
            .filter(|&&i| !hits[i].incidental)
            .map(|&i| hits[i].path.as_str())
            .collect();
        files.dedup();
        g.files = files.len();
    }
    // most files first; then most hits; then first seen (stable sort)
    groups.sort_by(|a, b| b.files.cmp(&a.files).then(b.hits.len().cmp(&a.hits.len())));
    groups
}

/// PEP 440 when the files holding the current version are mostly Python packaging files;
/// SemVer otherwise (ties included).
fn scheme(hits: &[Hit], current: Option<&Group>) -> Scheme {
    let Some(g) = current else {
        return Scheme::SemVer;
    };
    let mut files: Vec<(&str, Ecosystem)> = g
        .hits
        .iter()
        .map(|&i| (hits[i].path.as_str(), hits[i].kind.ecosystem()))
        .collect();
    files.dedup();
    let python = files.iter().filter(|f| f.1 == Ecosystem::Python).count();
    let semver = files
        .iter()
        .filter(|f| matches!(f.1, Ecosystem::Npm | Ecosystem::Cargo))
        .count();
    if python > semver {
        Scheme::Pep440
    } else {
        Scheme::SemVer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(path: &str, kind: Kind, version: &str, incidental: bool) -> Hit {
        Hit {
            path: path.into(),
            kind,
            location: Location {
                start: 0,
                end: version.len(),
                line: 1,
                what: "x".into(),
            },
            version: version.into(),
            key: None,
            incidental,
        }
    }

    #[test]
    fn groups_compare_semantically_and_majority_wins() {
        let hits = vec![
            hit("Dockerfile", Kind::Dockerfile, "3.12", true),
            hit("VERSION", Kind::Plain, "1.2.0-rc.1", false),
            hit("package.json", Kind::PackageJson, "1.2.0-rc.1", false),
            hit("pyproject.toml", Kind::Pyproject, "1.2.0rc1", false),
            hit("src/old/__init__.py", Kind::Python, "1.1.0", false),
        ];
        let groups = group(&hits);
        assert_eq!(groups[0].hits, vec![1, 2, 3]);
        assert_eq!(groups[0].files, 3);
        let s = Survey {
            scheme: scheme(&hits, groups.first()),
            hits,
            groups,
            problems: Vec::new(),
            texts: Vec::new(),
        };
        assert_eq!(s.scheme, Scheme::SemVer);
        assert_eq!(s.current_version().as_deref(), Some("1.2.0-rc.1"));
        let d: Vec<&str> = s.disagreements().map(|h| h.path.as_str()).collect();
        assert_eq!(d, vec!["src/old/__init__.py"]);
    }

    #[test]
    fn python_majority_means_pep440() {
        let hits = vec![
            hit("pyproject.toml", Kind::Pyproject, "2.0.0b1", false),
            hit("src/p/__init__.py", Kind::Python, "2.0.0b1", false),
            hit("package.json", Kind::PackageJson, "2.0.0-beta.1", false),
        ];
        let groups = group(&hits);
        assert_eq!(scheme(&hits, groups.first()), Scheme::Pep440);
    }
}
