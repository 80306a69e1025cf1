//! Planning a bump: every edit computed in memory (nothing written), so that a bump, a dry run
//! and a check are three uses of one plan. Several entries for one file apply one after another.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::resolve::Target;
use super::search::Search;
use crate::config::model::DEFAULT_SEARCH;
use crate::error::{Error, Result};
use crate::template::Context;
use crate::version::{Version, VersionFormat, VersionSpec};

/// One file's change.
#[derive(Debug, Clone)]
pub struct FileEdit {
    /// Absolute path.
    pub path: PathBuf,
    /// The path as the user wrote it (for messages).
    pub display: String,
    pub before: String,
    pub after: String,
    /// The file does not exist yet: applying the plan creates it (rollback deletes it).
    pub created: bool,
}

/// Everything a bump would change.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: Vec<FileEdit>,
    /// Remarks for the user (ignored missing files, regex fallbacks...).
    pub notes: Vec<String>,
}

impl Plan {
    /// Edits that really change bytes.
    pub fn changed(&self) -> impl Iterator<Item = &FileEdit> {
        self.edits.iter().filter(|e| e.before != e.after)
    }

    fn slot(&mut self, path: &Path, display: &str) -> Result<Option<usize>> {
        if let Some(i) = self.edits.iter().position(|e| e.path == path) {
            return Ok(Some(i));
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("read", path, e)),
        };
        let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: PathBuf::from(display),
            offset: e.utf8_error().valid_up_to(),
        })?;
        self.edits.push(FileEdit {
            path: path.to_path_buf(),
            display: display.to_string(),
            before: text.clone(),
            after: text,
            created: false,
        });
        Ok(Some(self.edits.len() - 1))
    }

    /// Apply `f` to the pending contents of `path` (read from disk the first time).
    pub fn edit(
        &mut self,
        path: &Path,
        display: &str,
        f: impl FnOnce(&str) -> Result<Option<String>>,
    ) -> Result<bool> {
        let Some(i) = self.slot(path, display)? else {
            return Ok(false);
        };
        if let Some(new) = f(&self.edits[i].after)? {
            self.edits[i].after = new;
        }
        Ok(true)
    }

    /// Like [`Plan::edit`], but a missing file is created: `f` gets `None` for its contents.
    pub fn edit_or_create(
        &mut self,
        path: &Path,
        display: &str,
        f: impl FnOnce(Option<&str>) -> Result<String>,
    ) -> Result<()> {
        match self.slot(path, display)? {
            Some(i) => self.edits[i].after = f(Some(&self.edits[i].after))?,
            None => {
                let after = f(None)?;
                self.edits.push(FileEdit {
                    path: path.to_path_buf(),
                    display: display.to_string(),
                    before: String::new(),
                    after,
                    created: true,
                });
            }
        }
        Ok(())
    }
}

/// The versions and context a plan renders with.
pub struct Versions<'a> {
    pub current: &'a Version,
    /// `None` for `bump replace` without `--new-version`: the current version is written back.
    pub new: Option<&'a Version>,
    pub spec: &'a Arc<VersionSpec>,
}

/// Caches compiled formats and searches shared by many files.
#[derive(Default)]
struct Caches {
    formats: HashMap<(String, Vec<String>), Arc<VersionFormat>>,
    searches: HashMap<(String, String, bool, String, String), Arc<Search>>,
}

/// Plan the edits for `targets`.
pub fn plan(
    targets: &[Target],
    cwd: &Path,
    versions: &Versions<'_>,
    ctx: &Context,
) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut caches = Caches::default();
    let mut ctx = ctx.clone();
    for t in targets {
        plan_one(&mut plan, &mut caches, t, cwd, versions, &mut ctx)?;
    }
    Ok(plan)
}

fn plan_one(
    plan: &mut Plan,
    caches: &mut Caches,
    t: &Target,
    cwd: &Path,
    v: &Versions<'_>,
    ctx: &mut Context,
) -> Result<()> {
    let fc = &t.change;
    let path = cwd.join(&t.path);
    if !path.exists() {
        if fc.ignore_missing_file {
            plan.notes
                .push(format!("`{}` not found; ignoring it", t.path));
            return Ok(());
        }
        return Err(Error::FileNotFound {
            path: PathBuf::from(&t.path),
        });
    }
    let fkey = (fc.parse.clone(), fc.serialize.clone());
    let format = match caches.formats.get(&fkey) {
        Some(f) => Arc::clone(f),
        None => {
            let f = Arc::new(VersionFormat::new(
                &fc.parse,
                fc.serialize.clone(),
                Arc::clone(v.spec),
            )?);
            caches.formats.insert(fkey, Arc::clone(&f));
            f
        }
    };
    let cur = format.serialize(v.current, ctx)?;
    let new = match v.new {
        Some(n) => format.serialize(n, ctx)?,
        None => cur.clone(),
    };
    ctx.set_str("current_version", cur.clone());
    ctx.set_str("new_version", new.clone());
    let search = cached_search(
        caches,
        fc.search.as_str(),
        fc.replace.as_str(),
        fc.regex,
        &cur,
        &new,
        ctx,
    )?;
    if let Some(note) = &search.fallback_note {
        plan.notes.push(format!("`{}`: {note}", t.path));
    }
    let original = v.current.original.clone();
    let display = t.path.clone();
    let is_default_search = fc.search == DEFAULT_SEARCH;
    let mut ctx_og = None;
    if let Some(og) = &original {
        if *og != cur {
            let mut c = ctx.clone();
            c.set_str("current_version", og.clone());
            ctx_og = Some(c);
        }
    }
    let ignore_missing = fc.ignore_missing_version;
    let mut skipped = false;
    plan.edit(&path, &display, |text| {
        let found = search.is_match(text)
            || (is_default_search
                && original
                    .as_ref()
                    .is_some_and(|og| text.contains(og.as_str())));
        if !found {
            if ignore_missing {
                skipped = true;
                return Ok(None);
            }
            return Err(Error::VersionNotFound {
                path: PathBuf::from(&display),
                search: search.raw.clone(),
                closest: search.closest_line(text),
            });
        }
        if let Some(out) = search.apply(text)? {
            return Ok(Some(out));
        }
        // the serialized form is absent but the original string is there: replace that
        match &ctx_og {
            Some(c) => Search::new(&fc.search, &fc.replace, fc.regex, c)?.apply(text),
            None => Ok(None),
        }
    })?;
    if skipped {
        plan.notes.push(format!(
            "`{}`: `{}` not found; ignoring it",
            t.path, search.raw
        ));
    }
    Ok(())
}

fn cached_search(
    caches: &mut Caches,
    search: &str,
    replace: &str,
    regex: bool,
    cur: &str,
    new: &str,
    ctx: &Context,
) -> Result<Arc<Search>> {
    let key = (
        search.to_string(),
        replace.to_string(),
        regex,
        cur.to_string(),
        new.to_string(),
    );
    if let Some(s) = caches.searches.get(&key) {
        return Ok(Arc::clone(s));
    }
    let s = Arc::new(Search::new(search, replace, regex, ctx)?);
    caches.searches.insert(key, Arc::clone(&s));
    Ok(s)
}
