//! Planning a bump: every edit computed in memory (nothing written), so that a bump, a dry run
//! and a check are three uses of one plan. Several entries for one file apply one after another.
//! This module holds the files' pending texts; what each configured location holds is
//! `locations`'.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::locations::{plan_location, Spot};
use super::read::{decode, is_special, open_unrecorded, read_many, read_open, Kept, Skip};
use super::targets::Target;
use crate::error::{Error, Result};
use crate::locate::{Locator, Versions};
use crate::template::Context;

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
    /// The file could be opened for writing when it was read (a plan about to be applied opens
    /// each file for reading and writing; one that only reports does not ask).
    pub writable: bool,
    /// The file, still open for writing since it was read (see [`Kept`]); `None`: open it again.
    pub handle: Option<Arc<Kept>>,
}

/// Everything a bump would change, and what it found at every configured location.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: Vec<FileEdit>,
    /// One per target, in the order of the targets.
    pub spots: Vec<Spot>,
    /// Remarks for the user (ignored missing files, regex fallbacks...).
    pub notes: Vec<String>,
    /// Files skipped unread, each with why (binary, too large): shown even without `-v`, as
    /// a configured file that is not changed must never pass silently.
    pub warnings: Vec<String>,
    /// Path -> index in `edits`: a glob entry can plan thousands of files, and a linear search
    /// per file made planning quadratic (2,000 files: ~100 ms of `Path` comparisons).
    /// Keyed by the path's bytes: hashing a `Path` walks its components (a tenth of a
    /// 2,000-file check).
    slots: foldhash::HashMap<std::ffi::OsString, usize>,
    /// Files are opened for writing too, and kept open (a plan about to be applied).
    for_write: bool,
    /// Only to report: no edit is made, and of each file only its text is held (in `after`).
    report_only: bool,
    /// The next target's bytes, read ahead (see [`report`]).
    ahead: Option<std::io::Result<Option<Vec<u8>>>>,
    /// Files skipped unread, and why.
    skipped: foldhash::HashMap<std::ffi::OsString, Skip>,
}

/// What reading a target found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    /// Text, now in the plan.
    Text,
    /// Not text: skipped, with a warning.
    Skipped(Skip),
    /// No such file.
    Absent,
}

/// Open `path` for reading without following a final symlink: `Ok(None)` when it is one (the
/// caller edits the link's target). Saves the `lstat` per file that asking first would cost.
/// With `write`, opened for reading and writing when the file allows it (the second value).
fn open_nofollow(path: &Path, write: bool) -> std::io::Result<Option<(std::fs::File, bool)>> {
    let open = |write: bool| open_unrecorded(path, write, true);
    let symlink = |e: &std::io::Error| crate::sys::is_symlink_error(e);
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
    /// Edits that really change bytes (none in a plan made only to report).
    pub fn changed(&self) -> impl Iterator<Item = &FileEdit> {
        let report_only = self.report_only;
        self.edits
            .iter()
            .filter(move |e| !report_only && e.before != e.after)
    }

    /// Whether this plan was made only to report ([`report`]): its edits are not computed.
    pub fn report_only(&self) -> bool {
        self.report_only
    }

    /// Whether applying the plan changes the file at `path` (a symlink is edited at its target).
    pub fn changes(&self, path: &Path) -> bool {
        let changed = |p: &Path| self.changed().any(|e| e.path == p);
        changed(path) || path.canonicalize().is_ok_and(|real| changed(&real))
    }

    fn slot(&mut self, path: &Path, display: &str) -> Result<Option<usize>> {
        if let Some(&i) = self.slots.get(path.as_os_str()) {
            return Ok(Some(i));
        }
        if let Some(read) = self.ahead.take() {
            return self.take(path, display, read, None);
        }
        // a symlink is edited at its target, and one file reached by two names is one edit
        let real;
        let (path, opened) = match open_nofollow(path, self.for_write) {
            Ok(Some(f)) => (path, Ok(f)),
            Ok(None) => {
                real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                if let Some(&i) = self.slots.get(real.as_os_str()) {
                    return Ok(Some(i));
                }
                let opened = match self.for_write {
                    true => open_unrecorded(&real, true, false)
                        .map(|f| (f, true))
                        .or_else(|_| open_unrecorded(&real, false, false).map(|f| (f, false))),
                    false => open_unrecorded(&real, false, false).map(|f| (f, false)),
                };
                (real.as_path(), opened)
            }
            Err(e) => (path, Err(e)),
        };
        let mut handle = None;
        let mut can_write = false;
        let read = opened.and_then(|(mut f, writable)| {
            let bytes = read_open(&mut f)?;
            can_write = writable;
            if writable {
                handle = Kept::try_keep(f).map(Arc::new);
            }
            Ok(bytes)
        });
        let slot = self.take(path, display, read, handle)?;
        if let Some(i) = slot {
            self.edits[i].writable = can_write;
        }
        Ok(slot)
    }

    /// A file's bytes (or why there are none) into the plan: its slot, `None` when it does not
    /// exist or is skipped.
    fn take(
        &mut self,
        path: &Path,
        display: &str,
        read: std::io::Result<Option<Vec<u8>>>,
        handle: Option<Arc<Kept>>,
    ) -> Result<Option<usize>> {
        let bytes = match read {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) if is_special(&e) => {
                self.skip(path, display, Skip::Special);
                return Ok(None);
            }
            Err(e) => return Err(Error::io("read", path, e)),
        };
        if let Some(why) = Skip::of(bytes.as_deref()) {
            self.skip(path, display, why);
            return Ok(None);
        }
        let text = decode(display, bytes.unwrap_or_default())?;
        let i = self.edits.len();
        // a plan made to report holds only each file's text: it is never shown or applied
        let (path_buf, display, before) = if self.report_only {
            (PathBuf::new(), String::new(), String::new())
        } else {
            (path.to_path_buf(), display.to_string(), text.clone())
        };
        self.edits.push(FileEdit {
            path: path_buf,
            display,
            before,
            after: text,
            created: false,
            writable: false,
            handle,
        });
        self.slots.insert(path.as_os_str().to_owned(), i);
        Ok(Some(i))
    }

    /// Read `path` into the plan unless it is there already: one `open` instead of a `stat` and
    /// an `open`. A read error other than "not found" is left for [`Plan::edit`] to report (at
    /// the same point as before) and `Path::exists` decides.
    pub(super) fn preload(&mut self, path: &Path, display: &str) -> Read {
        match self.slot(path, display) {
            Ok(Some(_)) => Read::Text,
            // a skipped (binary, oversized) file exists: its warning says why it is not edited
            Ok(None) => match self.skipped.get(path.as_os_str()) {
                Some(why) => Read::Skipped(*why),
                None if path.exists() => Read::Text,
                None => Read::Absent,
            },
            Err(_) if path.exists() => Read::Text,
            Err(_) => Read::Absent,
        }
    }

    /// Every file the plan changes can be written in place, and writing it changes only it:
    /// checked before the journal is written, so that one read-only (or immutable) file among
    /// thousands does not stop the release half way; and a file with other hard links would be
    /// changed under its other names too, which may lie outside the repository (allowed with
    /// `allow_outside`). A plan opened for writing knows; another asks the kernel.
    pub fn check_writable(&self, allow_outside: bool) -> Result<()> {
        for e in self.changed().filter(|e| !e.created) {
            let writable = e.writable || (!self.for_write && crate::sys::may_write(&e.path));
            if !writable {
                return Err(Error::NotWritable {
                    path: e.display.clone().into(),
                });
            }
            if allow_outside {
                continue;
            }
            let meta = match &e.handle {
                Some(kept) => kept.file().metadata(),
                None => std::fs::metadata(&e.path),
            };
            let links = crate::sys::nlink(&meta.map_err(|err| Error::io("read", &e.path, err))?);
            if links > 1 {
                return Err(Error::HardLinked {
                    path: e.display.clone().into(),
                    links,
                });
            }
        }
        Ok(())
    }

    /// The first location that stops a bump, as the error it refuses with.
    pub fn refusal(&self) -> Option<Error> {
        self.spots.iter().find_map(Spot::error)
    }

    /// `Ok` when every location holds its version (or may be missing).
    pub fn ensure_found(&self) -> Result<()> {
        match self.refusal() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn skip(&mut self, path: &Path, display: &str, why: Skip) {
        self.skipped.insert(path.as_os_str().to_owned(), why);
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
            if !self.report_only {
                self.edits[i].after = new;
            }
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
                    writable: true,
                    handle: None,
                });
            }
        }
        Ok(())
    }
}

/// Plan the edits for `targets` (see [`plan_with`]).
pub fn plan(
    targets: &[Target],
    cwd: &Path,
    versions: &Versions<'_>,
    ctx: &Context,
) -> Result<Plan> {
    plan_with(targets, cwd, versions, ctx, false)
}

/// Plan the edits for `targets`, and record what each location holds in [`Plan::spots`]: a
/// location that does not hold its version is recorded, not an error ([`Plan::refusal`] tells a
/// bump whether to go on). With `for_write`, each file read stays open for writing (a plan about
/// to be applied: the write then needs no second `open`).
pub fn plan_with(
    targets: &[Target],
    cwd: &Path,
    versions: &Versions<'_>,
    ctx: &Context,
    for_write: bool,
) -> Result<Plan> {
    let plan = Plan {
        for_write,
        ..Plan::default()
    };
    run(
        plan,
        targets,
        &joined(targets, cwd),
        versions,
        ctx,
        Vec::new(),
    )
}

/// Find what every location of `targets` holds, as [`plan_with`] does, without computing the
/// edits (`bump check`): the files are read ahead on every core, each text held once.
pub fn report(
    targets: &[Target],
    cwd: &Path,
    versions: &Versions<'_>,
    ctx: &Context,
) -> Result<Plan> {
    let plan = Plan {
        report_only: true,
        ..Plan::default()
    };
    let paths = joined(targets, cwd);
    let ahead = read_many(&paths);
    run(plan, targets, &paths, versions, ctx, ahead)
}

/// Each target's path from the working directory, joined once.
fn joined(targets: &[Target], cwd: &Path) -> Vec<PathBuf> {
    targets.iter().map(|t| cwd.join(&t.path)).collect()
}

/// Plan `targets`, each at its path in `paths`, the bytes read ahead (if any) in `ahead`.
fn run(
    mut plan: Plan,
    targets: &[Target],
    paths: &[PathBuf],
    versions: &Versions<'_>,
    ctx: &Context,
    ahead: Vec<std::io::Result<Option<Vec<u8>>>>,
) -> Result<Plan> {
    let mut ahead = ahead.into_iter();
    plan.spots.reserve(targets.len());
    plan.edits.reserve(targets.len());
    let mut locator = Locator::new(versions, ctx);
    for (t, path) in targets.iter().zip(paths) {
        plan.ahead = ahead.next();
        let planned = plan_location(&mut plan, &mut locator, t, path);
        plan.ahead = None;
        if let Err(e) = planned {
            // a location that failed before it stops a bump first, as it always did
            return Err(plan.refusal().unwrap_or(e));
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locate::tests::PARSE;
    use crate::version::part::{Part, PartSpec};
    use crate::version::{VersionFormat, VersionSpec};

    fn entry(path: &str, serialize: &str, search: &str, replace: &str) -> Target {
        Target {
            path: path.to_string(),
            regular: false,
            plain: false,
            change: Arc::new(crate::locate::tests::change(
                path, serialize, search, replace,
            )),
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
