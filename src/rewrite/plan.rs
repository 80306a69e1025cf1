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
}

/// Everything a bump would change.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: Vec<FileEdit>,
    /// Remarks for the user (ignored missing files, regex fallbacks...).
    pub notes: Vec<String>,
    /// Files skipped unread, each with why (binary, too large): shown even without `-v`, as
    /// a configured file that is not changed must never pass silently.
    pub warnings: Vec<String>,
}

/// Files larger than this are skipped: version files are small, the largest real ones (npm
/// lock files of big monorepos) stay well under it, and the plan, the journal and a dry-run
/// diff each hold a copy.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// A NUL byte this early marks a binary file (git's own test).
const BINARY_PROBE: usize = 8 << 10;

impl Plan {
    /// Edits that really change bytes.
    pub fn changed(&self) -> impl Iterator<Item = &FileEdit> {
        self.edits.iter().filter(|e| e.before != e.after)
    }

    fn slot(&mut self, path: &Path, display: &str) -> Result<Option<usize>> {
        // a symlink is edited at its target, and one file reached by two names is one edit
        let real;
        let path = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                real.as_path()
            }
            _ => path,
        };
        if let Some(i) = self.edits.iter().position(|e| e.path == path) {
            return Ok(Some(i));
        }
        let bytes = match std::fs::metadata(path).map(|m| m.len()) {
            Ok(len) if len > MAX_FILE_BYTES => {
                self.skip(
                    display,
                    &format!("larger than {} MiB", MAX_FILE_BYTES >> 20),
                );
                return Ok(None);
            }
            _ => match std::fs::read(path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(Error::io("read", path, e)),
            },
        };
        if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
            self.skip(display, "a binary file (a NUL byte in its first 8 KiB)");
            return Ok(None);
        }
        let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: PathBuf::from(display),
            offset: e.utf8_error().valid_up_to(),
        })?;
        self.edits.push(FileEdit {
            path: path.to_path_buf(),
            display: display.to_string(),
            before: text.clone(),
            after: text,
        });
        Ok(Some(self.edits.len() - 1))
    }

    fn skip(&mut self, display: &str, why: &str) {
        let w = format!("`{display}` is {why}; skipped, its version is not changed");
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
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
