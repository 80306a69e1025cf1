//! One thread's share of the comparison: each index entry against its work tree file (its
//! `lstat`, the directories on its path, and for a racily clean entry the attributes that could
//! make git convert it), with buffers and the directories already checked kept from one entry
//! to the next.

use std::fs::Metadata;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::blob::{blob_oid, EMPTY_BLOB};
use super::{os, Context, Racy};
use crate::git::index::Entry;
use crate::git::settings;

/// One thread's state: reused buffers, and the directories already checked.
pub(super) struct Worker<'a> {
    ctx: &'a Context,
    /// The prefix, then the entry's path.
    path: Vec<u8>,
    base: usize,
    /// Scratch for `DIR/.gitattributes`.
    scratch: Vec<u8>,
    /// Directories known to be real directories (not symlinks), with their ancestors.
    real_dirs: Checked,
    /// Directories whose `.gitattributes` (and their ancestors') are known harmless.
    attr_dirs: Checked,
    /// Racily clean regular files, left for [`Racy`] to compare.
    pub(super) racy: Vec<Racy>,
}

impl<'a> Worker<'a> {
    pub(super) fn new(ctx: &'a Context) -> Self {
        let path = ctx.prefix.to_vec();
        Worker {
            ctx,
            base: path.len(),
            path,
            scratch: Vec::new(),
            real_dirs: Checked::default(),
            attr_dirs: Checked::default(),
            racy: Vec::new(),
        }
    }

    pub(super) fn entry_matches(&mut self, e: &Entry) -> bool {
        let rel = self.ctx.index.path(e);
        if !plain_entry(e) || !plain_path(rel) {
            return false;
        }
        self.path.truncate(self.base);
        self.path.extend_from_slice(rel);
        let dir = &rel[..rel.iter().rposition(|&b| b == b'/').unwrap_or(0)];
        let (path, base) = (&self.path, self.base);
        // git treats a path under a symlinked directory as deleted
        if !self.real_dirs.ensure(dir, |d| {
            d.is_empty() || is_real_dir(os(&path[..base + d.len()]))
        }) {
            return false;
        }
        let Ok(md) = std::fs::symlink_metadata(os(&self.path)) else {
            return false;
        };
        if !stat_matches(e, &md) {
            return false;
        }
        // racily clean: written in the index's second, so a later change in the same second
        // may have kept every stat field; only the content can tell
        md.mtime() < self.ctx.index_mtime || self.content_matches(e, &md, dir)
    }

    fn content_matches(&mut self, e: &Entry, md: &Metadata, dir: &[u8]) -> bool {
        let ctx = self.ctx;
        let outer = *ctx
            .outer_attrs
            .get_or_init(|| settings::outer_attributes_safe(&ctx.dirs, &ctx.config));
        let (prefix, scratch) = (&ctx.prefix[..], &mut self.scratch);
        if !outer
            || !self.attr_dirs.ensure(dir, |d| {
                scratch.clear();
                scratch.extend_from_slice(prefix);
                scratch.extend_from_slice(d);
                if !d.is_empty() {
                    scratch.push(b'/');
                }
                scratch.extend_from_slice(b".gitattributes");
                settings::attributes_file_safe(os(scratch))
            })
        {
            return false;
        }
        if !md.file_type().is_symlink() {
            // compared later, by the caller that may hold the content already
            self.racy.push(Racy {
                path: self.path[self.ctx.prefix.len()..].to_vec(),
                oid: e.oid,
                md: md.clone(),
            });
            return true;
        }
        let oid = std::fs::read_link(os(&self.path))
            .ok()
            .filter(|t| t.as_os_str().len() as u64 == md.size())
            .map(|t| blob_oid(&[t.as_os_str().as_bytes()]));
        oid == Some(e.oid)
    }
}

/// An entry this check can vouch for: stage 0, a regular file or symlink, in the work tree,
/// not `git add -N`.
fn plain_entry(e: &Entry) -> bool {
    e.stage() == 0
        && matches!(e.mode, 0o100644 | 0o100755 | 0o120000)
        && !e.skip_worktree()
        && !e.intent_to_add()
}

/// A path that stays inside the work tree and out of `.git`, as git's own entries do.
fn plain_path(path: &[u8]) -> bool {
    !path.starts_with(b"/")
        && path
            .split(|&b| b == b'/')
            .all(|c| !c.is_empty() && c != b"." && c != b".." && !c.eq_ignore_ascii_case(b".git"))
}

/// Whether the work tree file's `lstat` matches what the index recorded: every field git
/// records, compared as git truncates them; the type and executable bit against the mode.
fn stat_matches(e: &Entry, md: &Metadata) -> bool {
    let kind = md.file_type();
    let kind_ok = match e.mode {
        0o100644 => kind.is_file() && md.mode() & 0o100 == 0,
        0o100755 => kind.is_file() && md.mode() & 0o100 != 0,
        0o120000 => kind.is_symlink(),
        _ => false,
    };
    kind_ok
        && e.mtime.sec == md.mtime() as u32
        && e.mtime.nsec == md.mtime_nsec() as u32
        && e.ctime.sec == md.ctime() as u32
        && e.ctime.nsec == md.ctime_nsec() as u32
        && e.ino == md.ino() as u32
        && e.dev == md.dev() as u32
        && e.uid == md.uid()
        && e.gid == md.gid()
        && e.size == md.size() as u32
        && (e.size != 0 || e.oid == EMPTY_BLOB)
}

fn is_real_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

/// The deepest directory whose every ancestor passed a check. Index entries are sorted, so
/// most share it with their predecessor, and each directory is checked about once.
#[derive(Default)]
struct Checked {
    dir: Vec<u8>,
    valid: bool,
}

impl Checked {
    /// Run `check` on every directory from the root (`""`) down to `dir` that is not known to
    /// pass yet; false as soon as one fails.
    fn ensure(&mut self, dir: &[u8], mut check: impl FnMut(&[u8]) -> bool) -> bool {
        if self.valid && self.dir == dir {
            return true;
        }
        let ends = std::iter::once(0)
            .chain(
                dir.iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'/')
                    .map(|(i, _)| i),
            )
            .chain((!dir.is_empty()).then_some(dir.len()));
        for end in ends {
            let d = &dir[..end];
            if self.valid && covers(&self.dir, d) {
                continue;
            }
            if !check(d) {
                self.valid = false;
                return false;
            }
        }
        self.dir.clear();
        self.dir.extend_from_slice(dir);
        self.valid = true;
        true
    }
}

/// Whether `d` is `done` or one of its ancestors.
fn covers(done: &[u8], d: &[u8]) -> bool {
    d.is_empty() || (done.starts_with(d) && done.get(d.len()).is_none_or(|&b| b == b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_visits_each_new_directory_once() {
        let mut c = Checked::default();
        let mut seen: Vec<String> = Vec::new();
        for dir in ["", "a", "a/b", "a/b", "a/c", "ab", "a/b/d"] {
            assert!(c.ensure(dir.as_bytes(), |d| {
                seen.push(String::from_utf8_lossy(d).into_owned());
                true
            }));
        }
        assert_eq!(seen, ["", "a", "a/b", "a/c", "ab", "a", "a/b", "a/b/d"]);
        assert!(!c.ensure(b"x/y", |d| d != b"x"));
        // a failure forgets what was known
        let mut again = Vec::new();
        c.ensure(b"x", |d| {
            again.push(d.to_vec());
            true
        });
        assert_eq!(again, [b"".to_vec(), b"x".to_vec()]);
    }

    #[test]
    fn paths_outside_the_work_tree_are_refused() {
        for bad in [
            &b"../x"[..],
            b"/etc/passwd",
            b"a//b",
            b"a/./b",
            b".git/config",
            b"a/.GIT",
        ] {
            assert!(!plain_path(bad), "{}", String::from_utf8_lossy(bad));
        }
        assert!(plain_path(b"a/.github/x"));
        assert!(plain_path(b"README.md"));
    }
}
