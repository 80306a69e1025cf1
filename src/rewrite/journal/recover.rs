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

use std::path::{Path, PathBuf};

use super::apply::{restore_one, restore_with};
use super::{Disk, Record};
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
/// saving the original bytes of the others under `save_dir`, at their path relative to `base`.
/// A version 1 journal holds no written bytes to judge by: every file is restored.
pub fn recover(rec: &Record, base: &Path, save_dir: &Path) -> Result<Recovery> {
    let written = match rec.written.as_deref() {
        Some(w) if w.len() == rec.files.len() => w,
        _ => {
            restore_with(&Disk, &rec.files)?;
            return Ok(Recovery {
                restored: rec.files.iter().map(|(p, _)| p.clone()).collect(),
                left: Vec::new(),
            });
        }
    };
    let mut out = Recovery::default();
    let mut restore = Vec::new();
    for ((path, before), after) in rec.files.iter().zip(written) {
        let now = match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io("read", path, e)),
        };
        match state(now.as_deref(), before.as_deref(), after) {
            State::Original => {}
            State::Written => restore.push((path, before)),
            State::Changed => {
                let saved = match before {
                    Some(b) => Some(save(save_dir, base, path, b)?),
                    None => None,
                };
                out.left.push(Left {
                    path: path.clone(),
                    saved,
                });
            }
        }
    }
    // the copies are saved before any file is touched: a failure here leaves the journal
    for (path, before) in restore {
        restore_one(&Disk, path, before.as_deref())?;
        out.restored.push(path.clone());
    }
    Ok(out)
}

/// Save `bytes` under `dir` at `path`'s place relative to `base` (or, outside it, at its whole
/// path under `outside/`).
fn save(dir: &Path, base: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let rel = match path.strip_prefix(base) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => Path::new("outside").join(path.strip_prefix("/").unwrap_or(path)),
    };
    let to = dir.join(rel);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    std::fs::write(&to, bytes).map_err(|e| Error::io("save", &to, e))?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rewrite::journal::GitState;

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
                    saved: Some(saved.clone())
                },
                Left {
                    path: mine,
                    saved: None
                }
            ]
        );
        assert_eq!(std::fs::read(&saved).unwrap(), b"v = '1.2.3'\n");
        // recovering again changes nothing
        let again = recover(&rec, &root, &save_dir).unwrap();
        assert!(again.restored.is_empty());
        assert_eq!(again.left.len(), 2);
    }
}
