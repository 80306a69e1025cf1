//! Recovery from a journal an interrupted run left behind: every file the run may have touched
//! goes back to its original bytes, but a file somebody changed after the interruption is not
//! overwritten with them.
//!
//! The journal holds both the original and the written bytes of each file, so a file can be
//! judged by what it holds now:
//! - its original bytes: never written, nothing to do;
//! - what a write of the new bytes over the old ones can leave, finished or not (each byte the
//!   new one, the old one, or zero from a block that never reached the disk; a length between
//!   the two): restored (a file the run created is removed);
//! - anything else, or gone: edited or deleted since. It is left as it is, and its original
//!   bytes are saved under [`Journal::recovered_dir`](super::Journal::recovered_dir) so that
//!   neither version is lost.
//!
//! Recovery writes only inside the tree the journal is in, and only what the release could have
//! written there: an entry outside the root, under `.git`, through a symlinked directory, or at
//! something other than a regular file is left alone (its original saved). It never creates a
//! file, and deletes only one the release created that holds nothing but what it wrote.

use std::path::{Component, Path, PathBuf};

use super::{Disk, Expect, Record, Writer};
use crate::error::{Error, Result};

/// What recovery did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Files put back as they were before the interrupted run (or removed: it created them).
    pub restored: Vec<PathBuf>,
    /// Files left as they are: changed since the interrupted run wrote them.
    pub left: Vec<Left>,
}

/// A file recovery left alone.
#[derive(Debug, PartialEq, Eq)]
pub struct Left {
    pub path: PathBuf,
    /// Where its bytes from before the interrupted run were saved; `None`: it did not exist.
    pub saved: Option<PathBuf>,
    pub why: Why,
}

/// Why recovery left a file alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// It was changed (or deleted) after the interrupted run wrote it.
    Changed,
    /// It is not a file the release could have written in this tree: outside the root, under
    /// `.git`, reached through a symlink, or not a regular file.
    Outside,
}

/// Whether `path` is a regular file (or nothing yet) inside `root`, reached without a symlink
/// and not under `.git`: the only places recovery writes.
fn confined(path: &Path, root: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<_> = rel.components().collect();
    let plain = |c: &Component| matches!(c, Component::Normal(n) if *n != ".git");
    if parts.is_empty() || !parts.iter().all(plain) {
        return false;
    }
    let mut at = root.to_path_buf();
    for (i, c) in parts.iter().enumerate() {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if i + 1 < parts.len() => {
                if !m.is_dir() {
                    return false;
                }
            }
            Ok(m) => return m.is_file(),
            // a directory or file that does not exist: nothing to write there, nothing to leave
            Err(_) => return true,
        }
    }
    true
}

/// A file's state against its journal entry.
#[derive(Debug, PartialEq, Eq)]
enum State {
    /// It holds its original bytes (or, created by the run, still does not exist).
    Original,
    /// It holds what writing the new bytes can leave: restore it.
    Written,
    /// Anything else: changed since.
    Changed,
}

fn state(now: Option<&[u8]>, before: Option<&[u8]>, after: &[u8]) -> State {
    match (now, before) {
        (None, None) => State::Original,
        // the run never deletes a file
        (None, Some(_)) => State::Changed,
        (Some(now), Some(b)) if now == b => State::Original,
        (Some(now), before) if torn(now, before.unwrap_or_default(), after) => State::Written,
        (Some(_), _) => State::Changed,
    }
}

/// Whether `now` is what overwriting `old` in place with `new` can leave, whether or not the
/// write finished or reached the disk.
fn torn(now: &[u8], old: &[u8], new: &[u8]) -> bool {
    let (lo, hi) = (old.len().min(new.len()), old.len().max(new.len()));
    (lo..=hi).contains(&now.len())
        && now
            .iter()
            .enumerate()
            .all(|(i, &c)| c == 0 || old.get(i) == Some(&c) || new.get(i) == Some(&c))
}

/// Put back every file of `rec` that the interrupted run may have written (see the module),
/// saving the original bytes of the others under `save_dir`, at their path relative to `root`
/// (the canonical root of the tree the journal is in).
pub fn recover(rec: &Record, root: &Path, save_dir: &Path) -> Result<Recovery> {
    // only a journal read back holds what was written; nothing else is replayed
    let written = rec
        .written
        .as_deref()
        .filter(|w| w.len() == rec.files.len())
        .ok_or_else(|| Error::usage("only a journal read back from disk can be recovered"))?;
    let mut out = Recovery::default();
    let mut restore = Vec::new();
    for ((path, before), after) in rec.files.iter().zip(written) {
        let leave = |why, out: &mut Recovery| -> Result<()> {
            let saved = match before {
                Some(b) => Some(save(save_dir, root, path, b)?),
                None => None,
            };
            out.left.push(Left {
                path: path.clone(),
                saved,
                why,
            });
            Ok(())
        };
        if !confined(path, root) {
            leave(Why::Outside, &mut out)?;
            continue;
        }
        let now = match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io("read", path, e)),
        };
        match state(now.as_deref(), before.as_deref(), after) {
            State::Original => {}
            State::Written => restore.push((path, before, now)),
            State::Changed => leave(Why::Changed, &mut out)?,
        }
    }
    // the copies are saved before any file is touched: a failure here leaves the journal
    for (path, before, now) in restore {
        let now = now.unwrap_or_default();
        match before {
            // only over the bytes just judged: a file changed meanwhile is not written
            Some(b) => {
                if !Disk
                    .overwrite(path, None, Expect::Bytes(&now), b)
                    .map_err(|e| Error::io("restore", path, e))?
                {
                    out.left.push(Left {
                        path: path.clone(),
                        saved: Some(save(save_dir, root, path, b)?),
                        why: Why::Changed,
                    });
                    continue;
                }
            }
            None => match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io("remove", path, e))
                }
                _ => {}
            },
        }
        out.restored.push(path.clone());
    }
    Ok(out)
}

/// Save `bytes` under `dir` at `path`'s place relative to `base` (or, outside it, at its whole
/// path under `outside/`).
fn save(dir: &Path, base: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let inside = path.strip_prefix(base).ok().filter(|r| {
        r.components()
            .all(|c| matches!(c, Component::Normal(n) if n != ".git"))
    });
    // only plain names below `dir`: a `..` never climbs out of it
    let names = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| matches!(c, Component::Normal(n) if *n != ".."))
            .collect()
    };
    let to = match inside {
        Some(rel) => dir.join(rel),
        None => dir.join("outside").join(names(path)),
    };
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    std::fs::write(&to, bytes).map_err(|e| Error::io("save", &to, e))?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::journal::GitState;

    #[test]
    fn states_of_a_file_against_its_entry() {
        let (old, new): (&[u8], &[u8]) = (b"version = 1.2.3\nend\n", b"version = 1.2.10\nend\n");
        assert_eq!(state(Some(old), Some(old), new), State::Original);
        assert_eq!(state(Some(new), Some(old), new), State::Written);
        // written, not yet truncated (new shorter than old)
        assert_eq!(
            state(Some(b"abcXY"), Some(b"abcXYZ"), b"abc"),
            State::Written
        );
        // half of a longer write; a block that never reached the disk reads as zeros
        let half = [&new[..17], &old[17..]].concat();
        assert_eq!(state(Some(&half), Some(old), new), State::Written);
        assert_eq!(state(Some(&new[..17]), Some(old), new), State::Changed);
        let mut zeros = new.to_vec();
        zeros[18..].fill(0);
        assert_eq!(state(Some(&zeros), Some(old), new), State::Written);
        // an edit made after the crash
        assert_eq!(
            state(Some(b"version = 1.2.10\nend\n# note\n"), Some(old), new),
            State::Changed
        );
        assert_eq!(
            state(Some(b"version = 1.2.9\nend\n"), Some(old), new),
            State::Changed
        );
        assert_eq!(state(None, Some(old), new), State::Changed);
        // a file the run created
        assert_eq!(state(None, None, new), State::Original);
        assert_eq!(state(Some(b""), None, new), State::Written);
        assert_eq!(state(Some(new), None, new), State::Written);
        assert_eq!(state(Some(b"mine"), None, new), State::Changed);
    }

    #[test]
    fn edited_files_are_left_and_their_originals_saved() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("repo");
        std::fs::create_dir_all(root.join("src")).unwrap();
        let (written, edited, untouched, created, mine) = (
            root.join("VERSION"),
            root.join("src/app.py"),
            root.join("setup.py"),
            root.join("CHANGELOG.md"),
            root.join("NOTES.md"),
        );
        std::fs::write(&written, "1.2.4\n").unwrap();
        std::fs::write(&edited, "v = '1.2.4'\n# edited after the crash\n").unwrap();
        std::fs::write(&untouched, "v = '1.2.3'\n").unwrap();
        std::fs::write(&created, "# Changelog\n").unwrap();
        std::fs::write(&mine, "somebody's own file\n").unwrap();
        let rec = Record {
            git: GitState::default(),
            files: vec![
                (written.clone(), Some(b"1.2.3\n".to_vec())),
                (edited.clone(), Some(b"v = '1.2.3'\n".to_vec())),
                (untouched.clone(), Some(b"v = '1.2.3'\n".to_vec())),
                (created.clone(), None),
                (mine.clone(), None),
            ],
            written: Some(vec![
                b"1.2.4\n".to_vec(),
                b"v = '1.2.4'\n".to_vec(),
                b"v = '1.2.4'\n".to_vec(),
                b"# Changelog\n".to_vec(),
                b"# Changelog\n".to_vec(),
            ]),
        };
        let save_dir = root.join(".git/bumpsmith-recovered");
        let r = recover(&rec, &root, &save_dir).unwrap();
        assert_eq!(r.restored, vec![written.clone(), created.clone()]);
        assert_eq!(std::fs::read(&written).unwrap(), b"1.2.3\n");
        assert!(!created.exists());
        assert_eq!(
            std::fs::read(&edited).unwrap(),
            b"v = '1.2.4'\n# edited after the crash\n"
        );
        assert_eq!(std::fs::read(&mine).unwrap(), b"somebody's own file\n");
        let saved = save_dir.join("src/app.py");
        assert_eq!(
            r.left,
            vec![
                Left {
                    path: edited,
                    saved: Some(saved.clone()),
                    why: Why::Changed,
                },
                Left {
                    path: mine,
                    saved: None,
                    why: Why::Changed,
                }
            ]
        );
        assert_eq!(std::fs::read(&saved).unwrap(), b"v = '1.2.3'\n");
        // recovering again changes nothing
        let again = recover(&rec, &root, &save_dir).unwrap();
        assert!(again.restored.is_empty());
        assert_eq!(again.left.len(), 2);
    }

    #[test]
    fn nothing_outside_the_tree_or_through_a_symlink_is_written() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().canonicalize().unwrap();
        let root = base.join("repo");
        let away = base.join("away");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(&away).unwrap();
        std::os::unix::fs::symlink(&away, root.join("linked")).unwrap();
        std::os::unix::fs::symlink(away.join("target"), root.join("link.txt")).unwrap();
        let planted = [
            away.join("target"),
            root.join("../away/target"),
            root.join("linked/target"),
            root.join("link.txt"),
            root.join(".git/config"),
        ];
        for p in &planted {
            if !p.exists() {
                std::fs::write(p, "new").unwrap();
            }
        }
        std::fs::write(away.join("target"), "new").unwrap();
        std::fs::write(root.join(".git/config"), "new").unwrap();
        let rec = Record {
            git: GitState::default(),
            files: planted
                .iter()
                .map(|p| (p.clone(), Some(b"old".to_vec())))
                .chain([(away.join("created"), None)])
                .collect(),
            written: Some(vec![b"new".to_vec(); planted.len() + 1]),
        };
        std::fs::write(away.join("created"), "new").unwrap();
        let save_dir = root.join(".git/bumpsmith-recovered");
        let r = recover(&rec, &root, &save_dir).unwrap();
        assert!(r.restored.is_empty(), "{:?}", r.restored);
        assert!(r.left.iter().all(|l| l.why == Why::Outside));
        assert_eq!(r.left.len(), planted.len() + 1);
        assert_eq!(std::fs::read(away.join("target")).unwrap(), b"new");
        assert_eq!(std::fs::read(root.join(".git/config")).unwrap(), b"new");
        assert!(away.join("created").exists(), "nothing outside is deleted");
        // the originals are saved below the recovered directory, never beside it
        for l in &r.left {
            if let Some(s) = &l.saved {
                assert!(s.starts_with(&save_dir), "{}", s.display());
            }
        }
    }
}
