//! Planning a bump: every edit computed in memory (nothing written), so that a bump, a dry run
//! and a check are three uses of one plan. Several entries for one file apply one after another.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::read::{decode, open_unrecorded, read_open, Kept, Skip};
use super::targets::Target;
use crate::config::model::DEFAULT_SEARCH;
use crate::error::{Error, Result};
use crate::locate::kinds::Kind;
use crate::locate::search::Search;
use crate::locate::{self, By, Holds, Locator, Lookup, Versions};
use crate::template::Context;
use crate::text::line_at;

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
    /// The file, still open for writing since it was read (see [`Kept`]); `None`: open it again.
    pub handle: Option<Arc<Kept>>,
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
    /// Path -> index in `edits`: a glob entry can plan thousands of files, and a linear search
    /// per file made planning quadratic (2,000 files: ~100 ms of `Path` comparisons).
    slots: foldhash::HashMap<PathBuf, usize>,
    /// Files are opened for writing too, and kept open (a plan about to be applied).
    for_write: bool,
}

/// Open `path` for reading without following a final symlink: `Ok(None)` when it is one (the
/// caller edits the link's target). Saves the `lstat` per file that asking first would cost.
/// With `write`, opened for reading and writing when the file allows it (the second value).
fn open_nofollow(path: &Path, write: bool) -> std::io::Result<Option<(std::fs::File, bool)>> {
    let open = |write: bool| open_unrecorded(path, write, libc::O_NOFOLLOW);
    let symlink = |e: &std::io::Error| e.raw_os_error() == Some(libc::ELOOP);
    let opened = open(write).map(|f| (f, write)).or_else(|e| {
        // not writable (permissions, a read-only mount...): read it anyway
        if write && e.kind() != std::io::ErrorKind::NotFound && !symlink(&e) {
            open(false).map(|f| (f, false))
        } else {
            Err(e)
        }
    });
    match opened {
        Ok(f) => Ok(Some(f)),
        Err(e) if symlink(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

impl Plan {
    /// Edits that really change bytes.
    pub fn changed(&self) -> impl Iterator<Item = &FileEdit> {
        self.edits.iter().filter(|e| e.before != e.after)
    }

    /// Whether applying the plan changes the file at `path` (a symlink is edited at its target).
    pub fn changes(&self, path: &Path) -> bool {
        let changed = |p: &Path| self.changed().any(|e| e.path == p);
        changed(path) || path.canonicalize().is_ok_and(|real| changed(&real))
    }

    fn slot(&mut self, path: &Path, display: &str) -> Result<Option<usize>> {
        if let Some(&i) = self.slots.get(path) {
            return Ok(Some(i));
        }
        // a symlink is edited at its target, and one file reached by two names is one edit
        let real;
        let (path, opened) = match open_nofollow(path, self.for_write) {
            Ok(Some(f)) => (path, Ok(f)),
            Ok(None) => {
                real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                if let Some(&i) = self.slots.get(&real) {
                    return Ok(Some(i));
                }
                (
                    real.as_path(),
                    open_unrecorded(&real, false, 0).map(|f| (f, false)),
                )
            }
            Err(e) => (path, Err(e)),
        };
        let mut handle = None;
        let read = opened.and_then(|(mut f, writable)| {
            let bytes = read_open(&mut f)?;
            if writable {
                handle = Kept::try_keep(f).map(Arc::new);
            }
            Ok(bytes)
        });
        let bytes = match read {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("read", path, e)),
        };
        if let Some(why) = Skip::of(bytes.as_deref()) {
            self.skip(display, why);
            return Ok(None);
        }
        let text = decode(display, bytes.unwrap_or_default())?;
        let i = self.edits.len();
        self.edits.push(FileEdit {
            path: path.to_path_buf(),
            display: display.to_string(),
            before: text.clone(),
            after: text,
            created: false,
            handle,
        });
        self.slots.insert(path.to_path_buf(), i);
        Ok(Some(i))
    }

    /// Whether `path` exists, reading it into the plan when it does: one `open` instead of a
    /// `stat` and an `open`. A read error other than "not found" is left for [`Plan::edit`] to
    /// report (at the same point as before) and `Path::exists` decides.
    fn preload(&mut self, path: &Path, display: &str) -> bool {
        match self.slot(path, display) {
            // a skipped (binary, oversized) file exists: its warning says why it is not edited
            Ok(found) => found.is_some() || path.exists(),
            Err(_) => path.exists(),
        }
    }

    fn skip(&mut self, display: &str, why: Skip) {
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

    /// Like [`Plan::edit`], but a missing file is created: `f` gets `None` for its contents.
    pub fn edit_or_create(
        &mut self,
        path: &Path,
        display: &str,
        f: impl FnOnce(Option<&str>) -> Result<String>,
    ) -> Result<()> {
        match self.slot(path, display)? {
            Some(i) => self.edits[i].after = f(Some(&self.edits[i].after))?,
            // skipped (binary or oversized): never created over
            None if path.exists() => {}
            None => {
                let after = f(None)?;
                self.edits.push(FileEdit {
                    path: path.to_path_buf(),
                    display: display.to_string(),
                    before: String::new(),
                    after,
                    created: true,
                    handle: None,
                });
            }
        }
        Ok(())
    }
}

/// Plan the edits for `targets`.
pub fn plan(
    targets: &[Target],
    cwd: &Path,
    versions: &Versions<'_>,
    ctx: &Context,
) -> Result<Plan> {
    plan_with(targets, cwd, versions, ctx, false)
}

/// [`plan`]; with `for_write`, each file read stays open for writing (a plan about to be
/// applied: the write then needs no second `open`).
pub fn plan_with(
    targets: &[Target],
    cwd: &Path,
    versions: &Versions<'_>,
    ctx: &Context,
    for_write: bool,
) -> Result<Plan> {
    let mut plan = Plan {
        for_write,
        ..Plan::default()
    };
    let mut locator = Locator::new(versions, ctx);
    for t in targets {
        plan_one(&mut plan, &mut locator, t, cwd)?;
    }
    Ok(plan)
}

fn plan_one(plan: &mut Plan, locator: &mut Locator<'_>, t: &Target, cwd: &Path) -> Result<()> {
    let fc = &t.change;
    let path = cwd.join(&t.path);
    if !plan.preload(&path, &t.path) {
        if fc.ignore_missing_file {
            plan.notes
                .push(format!("`{}` not found; ignoring it", t.path));
            return Ok(());
        }
        return Err(Error::FileNotFound {
            path: PathBuf::from(&t.path),
        });
    }
    let lookup = locator.lookup(fc)?;
    let search = match &lookup.by {
        By::Kind(kind) => return plan_kind(plan, t, &path, *kind, &lookup),
        By::Search(search) => search,
    };
    if let Some(note) = &search.fallback_note {
        plan.notes.push(format!("`{}`: {note}", t.path));
    }
    let original = locator.versions().current.original.as_ref();
    let display = t.path.clone();
    let is_default_search = fc.search == DEFAULT_SEARCH;
    let mut ctx_og = None;
    if let Some(og) = original {
        if *og != lookup.cur {
            let mut c = locator.context().clone();
            c.set_str("current_version", og.clone());
            ctx_og = Some(c);
        }
    }
    let ignore_missing = fc.ignore_missing_version;
    let mut skipped = false;
    plan.edit(&path, &display, |text| {
        // searched as bump-my-version reads the file (universal newlines), as `apply` does
        let found = if text.contains('\r') {
            search.is_match(crate::text::Text::new(text).norm())
        } else {
            search.is_match(text)
        } || (is_default_search
            && original.is_some_and(|og| text.contains(og.as_str())));
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

/// A structural edit: the kind's locator finds the version strings; those holding the current
/// version (in any spelling) get the new one; any other value is an error unless the location
/// is incidental (see [`Holds::Incidental`]).
fn plan_kind(plan: &mut Plan, t: &Target, path: &Path, kind: Kind, lookup: &Lookup) -> Result<()> {
    let fc = &t.change;
    let display = t.path.clone();
    let (cur, new) = (lookup.cur.as_str(), lookup.new.as_str());
    let mut missing = false;
    plan.edit(path, &display, |text| {
        let judged = locate::judge(kind, Path::new(&display), text, &fc.kind_options, cur)?;
        let mut hits = Vec::new();
        for j in &judged {
            match j.holds {
                Holds::Current => hits.push(&j.loc),
                Holds::Incidental => {}
                Holds::Other => {
                    let loc = &j.loc;
                    return Err(Error::VersionNotFound {
                        path: PathBuf::from(&display),
                        search: format!("{} = {cur}", loc.what),
                        closest: Some((loc.line, line_at(text, loc.start).to_string())),
                    });
                }
            }
        }
        if hits.is_empty() {
            if fc.ignore_missing_version {
                missing = true;
                return Ok(None);
            }
            return Err(Error::VersionNotFound {
                path: PathBuf::from(&display),
                search: format!("{cur} ({} file)", kind.name()),
                closest: judged
                    .first()
                    .map(|j| (j.loc.line, line_at(text, j.loc.start).to_string())),
            });
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut last = 0;
        for loc in hits {
            out.push_str(&text[last..loc.start]);
            out.push_str(new);
            last = loc.end;
        }
        out.push_str(&text[last..]);
        Ok(Some(out))
    })?;
    if missing {
        plan.notes
            .push(format!("`{}`: {cur} not found; ignoring it", t.path));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::part::{Part, PartSpec};
    use crate::version::{VersionFormat, VersionSpec};
    use locate::tests::PARSE;

    fn entry(path: &str, serialize: &str, search: &str, replace: &str) -> Target {
        Target {
            path: path.to_string(),
            regular: false,
            change: Arc::new(locate::tests::change(path, serialize, search, replace)),
        }
    }

    #[test]
    fn interleaved_entries_each_render_their_own_format() {
        let d = tempfile::tempdir().unwrap();
        for f in ["a", "b", "c", "e"] {
            std::fs::write(d.path().join(f), "v=1.2.3 short=1.2\n").unwrap();
        }
        let spec = Arc::new(VersionSpec::new(
            ["major", "minor", "patch"]
                .iter()
                .map(|n| Part::new(n, &PartSpec::default()).unwrap())
                .collect(),
        ));
        let format = VersionFormat::new(
            PARSE,
            vec!["{major}.{minor}.{patch}".into()],
            Arc::clone(&spec),
        )
        .unwrap();
        let current = format.parse("1.2.3").unwrap();
        let new = current.bump("minor").unwrap();
        let full = "{major}.{minor}.{patch}";
        let short = "{major}.{minor}";
        let targets = [
            entry("a", full, "v={current_version}", "v={new_version}"),
            entry("b", short, "short={current_version}", "short={new_version}"),
            entry("c", full, "v={current_version}", "v={new_version}"),
            entry("e", full, "v={current_version}", "v={new_version}"),
            entry("e", short, "short={current_version}", "short={new_version}"),
        ];
        let versions = Versions {
            current: &current,
            new: Some(&new),
            spec: &spec,
        };
        let plan = plan(&targets, d.path(), &versions, &Context::new()).unwrap();
        let after: Vec<&str> = plan.edits.iter().map(|e| e.after.as_str()).collect();
        assert_eq!(
            after,
            [
                "v=1.3.0 short=1.2\n",
                "v=1.2.3 short=1.3\n",
                "v=1.3.0 short=1.2\n",
                "v=1.3.0 short=1.3\n",
            ]
        );
    }
}
