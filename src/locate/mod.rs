//! Where a configured file's version is: the per-file step a bump's plan and `bump check` share.
//! For each entry, a [`Locator`] gives the versions as that entry spells them (its `parse` and
//! `serialize`, then its `form`) and what finds them in a file's text: the entry's rendered
//! search, or its kind's structural locator ([`judge`] runs it on a text). The plan then edits
//! what is found; the check reports it. Compiled formats and searches are cached: the thousands
//! of files of one glob entry share one of each.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub mod kinds;
pub mod search;

use crate::config::FileChange;
use crate::error::Result;
use crate::template::{Context, Value};
use crate::version::{scheme, Form, Semantic, Version, VersionFormat, VersionSpec};
use kinds::{Kind, KindOptions, Location};
use search::Search;

/// The versions and context a plan renders with.
pub struct Versions<'a> {
    pub current: &'a Version,
    /// `None` for `bump replace` without `--new-version`, and for a check: the current version
    /// stands for the new one.
    pub new: Option<&'a Version>,
    pub spec: &'a Arc<VersionSpec>,
}

/// What one entry looks for in its files.
#[derive(Debug)]
pub struct Lookup {
    /// The current version as the entry spells it.
    pub cur: String,
    /// The new version as the entry spells it (the current one when there is none).
    pub new: String,
    /// The entry's version format (how a version found in its files is read).
    pub format: Arc<VersionFormat>,
    pub by: By,
    /// `cur`, shared by every file of the entry (a plan records it once per location).
    pub expected: Arc<str>,
    /// What a person would look for: the rendered search, or the version and the kind.
    pub looked_for: Arc<str>,
}

/// What finds an entry's version in a text.
#[derive(Debug)]
pub enum By {
    /// The entry's search and replacement, rendered with the versions.
    Search(Arc<Search>),
    /// The kind's structural locator (see [`judge`]).
    Kind(Kind),
}

/// Renders each entry's [`Lookup`], in a context where `current_version` and `new_version`
/// are the versions as the last entry spelled them (as bump-my-version renders one file entry
/// after another).
pub struct Locator<'a> {
    versions: &'a Versions<'a>,
    ctx: Context,
    formats: HashMap<(String, Vec<String>), Arc<VersionFormat>>,
    searches: HashMap<(String, String, bool, String, String), Arc<Search>>,
    /// The previous entry's lookup: the files of one glob entry share their settings, so a hit
    /// skips two serializations and the hashing of every key (~60 % of planning a 2,000-file
    /// glob before this memo).
    last: Option<Memo>,
}

/// One entry's settings and the context they were rendered in, with the result.
struct Memo {
    kind: Option<Kind>,
    parse: String,
    serialize: Vec<String>,
    search: String,
    replace: String,
    regex: bool,
    form: Option<Form>,
    /// `current_version` / `new_version` in the context before rendering (the only context
    /// values a locator changes).
    before: (Option<Value>, Option<Value>),
    lookup: Arc<Lookup>,
}

impl Memo {
    fn matches(&self, fc: &FileChange, before: (Option<&Value>, Option<&Value>)) -> bool {
        self.regex == fc.regex
            && self.kind == fc.kind
            && self.form == fc.form
            && self.parse == fc.parse
            && self.serialize == fc.serialize
            && self.search == fc.search
            && self.replace == fc.replace
            && (self.before.0.as_ref(), self.before.1.as_ref()) == before
    }
}

impl<'a> Locator<'a> {
    pub fn new(versions: &'a Versions<'a>, ctx: &Context) -> Self {
        Locator {
            versions,
            ctx: ctx.clone(),
            formats: HashMap::new(),
            searches: HashMap::new(),
            last: None,
        }
    }

    pub fn versions(&self) -> &'a Versions<'a> {
        self.versions
    }

    /// The context as the last [`Locator::lookup`] left it.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// What `fc` looks for; sets the versions it renders in the context.
    pub fn lookup(&mut self, fc: &FileChange) -> Result<Arc<Lookup>> {
        let set = |k| self.ctx.get_set(k);
        if let Some(m) = self
            .last
            .as_ref()
            .filter(|m| m.matches(fc, (set("current_version"), set("new_version"))))
        {
            // the context already holds what this rendering set, so it is left as it is
            return Ok(Arc::clone(&m.lookup));
        }
        let before = (
            self.ctx.get_set("current_version").cloned(),
            self.ctx.get_set("new_version").cloned(),
        );
        let (format, cur, new) = self.versions_for(fc).map_err(|e| fc.placed(e))?;
        let by = match fc.kind {
            Some(kind) => By::Kind(kind),
            None => By::Search(self.search(fc, &cur, &new).map_err(|e| fc.placed(e))?),
        };
        let looked_for = match &by {
            By::Kind(kind) => Arc::from(format!("{cur} ({} file)", kind.name())),
            By::Search(s) => Arc::from(s.raw.as_str()),
        };
        let lookup = Arc::new(Lookup {
            expected: Arc::from(cur.as_str()),
            looked_for,
            cur,
            new,
            format,
            by,
        });
        self.last = Some(Memo {
            kind: fc.kind,
            parse: fc.parse.clone(),
            serialize: fc.serialize.clone(),
            search: fc.search.clone(),
            replace: fc.replace.clone(),
            regex: fc.regex,
            form: fc.form,
            before,
            lookup: Arc::clone(&lookup),
        });
        Ok(lookup)
    }

    /// Serialize the versions in the entry's format and spelling, and set them in the context.
    fn versions_for(&mut self, fc: &FileChange) -> Result<(Arc<VersionFormat>, String, String)> {
        let v = self.versions;
        let fkey = (fc.parse.clone(), fc.serialize.clone());
        let format = match self.formats.get(&fkey) {
            Some(f) => Arc::clone(f),
            None => {
                let f = Arc::new(VersionFormat::new(
                    &fc.parse,
                    fc.serialize.clone(),
                    Arc::clone(v.spec),
                )?);
                self.formats.insert(fkey, Arc::clone(&f));
                f
            }
        };
        let spell = |s: String| match fc.form {
            Some(form) => scheme::respell(&s, form),
            None => s,
        };
        let cur = spell(format.serialize(v.current, &self.ctx)?);
        let new = match v.new {
            Some(n) => spell(format.serialize(n, &self.ctx)?),
            None => cur.clone(),
        };
        self.ctx.set_str("current_version", cur.clone());
        self.ctx.set_str("new_version", new.clone());
        Ok((format, cur, new))
    }

    /// The entry's search, rendered in the context (which holds `cur` and `new`).
    fn search(&mut self, fc: &FileChange, cur: &str, new: &str) -> Result<Arc<Search>> {
        let key = (
            fc.search.clone(),
            fc.replace.clone(),
            fc.regex,
            cur.to_string(),
            new.to_string(),
        );
        if let Some(s) = self.searches.get(&key) {
            return Ok(Arc::clone(s));
        }
        let s = Arc::new(Search::new(&fc.search, &fc.replace, fc.regex, &self.ctx)?);
        self.searches.insert(key, Arc::clone(&s));
        Ok(s)
    }
}

/// A version string a kind's locator found, and whether it is the current version.
#[derive(Debug)]
pub struct Judged {
    pub loc: Location,
    pub holds: Holds,
}

/// What a located version string holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// The current version, in any spelling.
    Current,
    /// Another version, where the current one belongs.
    Other,
    /// Another version at a location that need not hold the package's (matched by a name
    /// pattern, e.g. `ARG PYTHON_VERSION`): neither changed nor reported.
    Incidental,
}

/// Every version string of a `kind` file (in the order of the text), judged against `cur`.
pub fn judge(
    kind: Kind,
    path: &Path,
    text: &str,
    opts: &KindOptions,
    cur: &str,
) -> Result<Vec<Judged>> {
    let locations = kinds::locate(kind, path, text, opts)?;
    Ok(locations
        .into_iter()
        .map(|loc| {
            let holds = if same(&text[loc.start..loc.end], cur) {
                Holds::Current
            } else if kinds::incidental(kind, opts, &loc) {
                Holds::Incidental
            } else {
                Holds::Other
            };
            Judged { loc, holds }
        })
        .collect())
}

/// Two spellings of one version (`1.2.0-rc.1` and `1.2.0rc1`), or the same string.
pub fn same(a: &str, b: &str) -> bool {
    a == b
        || matches!((Semantic::parse_pep440(a), Semantic::parse_pep440(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::version::part::{Part, PartSpec};

    pub(crate) const PARSE: &str = r"(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)";

    fn spec() -> Arc<VersionSpec> {
        Arc::new(VersionSpec::new(
            ["major", "minor", "patch"]
                .iter()
                .map(|n| Part::new(n, &PartSpec::default()).unwrap())
                .collect(),
        ))
    }

    fn version(spec: &Arc<VersionSpec>, s: &str) -> Version {
        let full = vec!["{major}.{minor}.{patch}".to_string()];
        let format = VersionFormat::new(PARSE, full, Arc::clone(spec)).unwrap();
        format.parse(s).unwrap()
    }

    /// An entry for `path` (shared with the plan's tests).
    pub(crate) fn change(path: &str, serialize: &str, search: &str, replace: &str) -> FileChange {
        FileChange {
            filename: Some(path.to_string()),
            glob: None,
            glob_exclude: Vec::new(),
            key_path: None,
            parse: PARSE.to_string(),
            serialize: vec![serialize.to_string()],
            search: search.to_string(),
            replace: replace.to_string(),
            regex: false,
            ignore_missing_version: false,
            ignore_missing_file: false,
            include_bumps: None,
            exclude_bumps: Vec::new(),
            kind: None,
            kind_options: KindOptions::default(),
            form: None,
            origins: Default::default(),
        }
    }

    fn search(l: &Lookup) -> &Search {
        match &l.by {
            By::Search(s) => s,
            By::Kind(k) => panic!("a {k:?} lookup, not a search"),
        }
    }

    #[test]
    fn without_a_new_version_the_current_one_stands_for_it() {
        let spec = spec();
        let current = version(&spec, "1.2.3");
        let versions = Versions {
            current: &current,
            new: None,
            spec: &spec,
        };
        let mut locator = Locator::new(&versions, &Context::new());
        let l = locator
            .lookup(&change(
                "f",
                "{major}.{minor}",
                "v={current_version}",
                "v={new_version}",
            ))
            .unwrap();
        assert_eq!((l.cur.as_str(), l.new.as_str()), ("1.2", "1.2"));
        assert_eq!(
            (search(&l).raw.as_str(), search(&l).replace.as_str()),
            ("v=1.2", "v=1.2")
        );
        let ctx = locator.context();
        assert_eq!(ctx.get("current_version"), Some(Value::str("1.2")));
        assert_eq!(ctx.get("new_version"), Some(Value::str("1.2")));
    }

    #[test]
    fn an_entrys_files_share_one_lookup_until_the_settings_change() {
        let spec = spec();
        let (current, new) = (version(&spec, "1.2.3"), version(&spec, "1.3.0"));
        let versions = Versions {
            current: &current,
            new: Some(&new),
            spec: &spec,
        };
        let (find, put) = ("v={current_version}", "v={new_version}");
        let full = change("f", "{major}.{minor}.{patch}", find, put);
        let short = change("f", "{major}.{minor}", find, put);
        let kind = FileChange {
            kind: Some(Kind::Plain),
            ..full.clone()
        };
        let mut locator = Locator::new(&versions, &Context::new());
        // the first rendering sets the versions in the context it was rendered in, so the
        // second file renders again (the result could differ); from then on it holds
        let first = locator.lookup(&full).unwrap();
        let second = locator.lookup(&full).unwrap();
        let third = locator.lookup(&full).unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(Arc::ptr_eq(&second, &third));
        assert_eq!(search(&third).raw, "v=1.2.3");
        let s = locator.lookup(&short).unwrap();
        assert_eq!((s.cur.as_str(), s.new.as_str()), ("1.2", "1.3"));
        assert_eq!(
            locator.context().get("new_version"),
            Some(Value::str("1.3"))
        );
        let again = locator.lookup(&full).unwrap();
        assert_eq!(
            (search(&again).raw.as_str(), search(&again).replace.as_str()),
            ("v=1.2.3", "v=1.3.0")
        );
        // the same settings but a kind: located structurally, no search
        let k = locator.lookup(&kind).unwrap();
        assert!(matches!(k.by, By::Kind(Kind::Plain)));
        assert_eq!((k.cur.as_str(), k.new.as_str()), ("1.2.3", "1.3.0"));
    }

    #[test]
    fn judge_tells_the_current_version_from_another_and_an_incidental_one() {
        // `PYTHON_VERSION` is a dependency's pin, never located; `APP_VERSION` is matched by name
        let text = "FROM python:3.12\nARG PYTHON_VERSION=3.12\nARG APP_VERSION=3.12\n\
                    LABEL org.opencontainers.image.version=\"1.2.3\"\nLABEL version=\"1.2.2\"\n";
        let opts = KindOptions::default();
        let judged = judge(
            Kind::Dockerfile,
            Path::new("Dockerfile"),
            text,
            &opts,
            "1.2.3",
        )
        .unwrap();
        let got: Vec<(usize, &str, Holds)> = judged
            .iter()
            .map(|j| (j.loc.line, &text[j.loc.start..j.loc.end], j.holds))
            .collect();
        assert_eq!(
            got,
            [
                (3, "3.12", Holds::Incidental),
                (4, "1.2.3", Holds::Current),
                (5, "1.2.2", Holds::Other),
            ]
        );
    }

    #[test]
    fn spellings_of_one_version_are_the_same() {
        assert!(same("1.2.0-rc.1", "1.2.0rc1"));
        assert!(same("x", "x"));
        assert!(!same("1.2.0", "1.2.1"));
    }
}
