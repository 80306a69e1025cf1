//! Crash-safe application of a plan: a rollback journal holding the original bytes of every file
//! about to change is written (and synced) first, then each file is overwritten in place (write
//! from offset 0, truncate only when shorter), and the journal is removed once the whole release
//! (git steps included) is done. Any later run that finds a journal rolls the tree back first, so
//! after a crash the tree is entirely old or entirely new.
//!
//! Why not temp file + rename per file: on ext4 a rename over an existing file forces block
//! allocation (`auto_da_alloc`), ~200 µs a file against ~6 µs for an in-place overwrite, and a
//! crash between two renames still leaves a half-bumped tree; the journal gives the stronger
//! guarantee for the whole tree, not one file.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const MAGIC: &[u8] = b"BUMPSMITH-JOURNAL 1\n";
const END: &[u8] = b"END\n";

/// Git state to undo along with the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitState {
    /// HEAD before the release commit.
    pub head: Option<String>,
    /// The tag the release creates.
    pub tag: Option<String>,
}

/// What a journal holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub git: GitState,
    /// (absolute path, original bytes); `None`: the file did not exist (rollback deletes it).
    pub files: Vec<(PathBuf, Option<Vec<u8>>)>,
}

fn encode(rec: &Record) -> Vec<u8> {
    let total: usize = rec
        .files
        .iter()
        .map(|(p, c)| p.as_os_str().len() + c.as_ref().map_or(0, Vec::len) + 32)
        .sum();
    let mut out = Vec::with_capacity(total + 128);
    out.extend_from_slice(MAGIC);
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    out.extend_from_slice(
        format!(
            "head {}\ntag {}\nfiles {}\n",
            opt(&rec.git.head),
            opt(&rec.git.tag),
            rec.files.len()
        )
        .as_bytes(),
    );
    for (path, content) in &rec.files {
        let p = path.as_os_str().as_bytes();
        match content {
            Some(c) => {
                out.extend_from_slice(format!("{} {}\n", p.len(), c.len()).as_bytes());
                out.extend_from_slice(p);
                out.extend_from_slice(c);
            }
            // an absent file: `-` for its length, no contents
            None => {
                out.extend_from_slice(format!("{} -\n", p.len()).as_bytes());
                out.extend_from_slice(p);
            }
        }
        out.push(b'\n');
    }
    out.extend_from_slice(END);
    out
}

fn decode(data: &[u8]) -> Option<Record> {
    let mut rest = data.strip_prefix(MAGIC)?;
    let line = |rest: &mut &[u8]| -> Option<String> {
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let s = String::from_utf8(rest[..nl].to_vec()).ok()?;
        *rest = &rest[nl + 1..];
        Some(s)
    };
    let field = |s: String, name: &str| -> Option<Option<String>> {
        let v = s.strip_prefix(name)?.strip_prefix(' ')?.to_string();
        Some(if v == "-" { None } else { Some(v) })
    };
    let head = field(line(&mut rest)?, "head")?;
    let tag = field(line(&mut rest)?, "tag")?;
    let n: usize = line(&mut rest)?.strip_prefix("files ")?.parse().ok()?;
    let mut files = Vec::with_capacity(n);
    for _ in 0..n {
        let hdr = line(&mut rest)?;
        let (a, b) = hdr.split_once(' ')?;
        let pl: usize = a.parse().ok()?;
        let cl: Option<usize> = if b == "-" {
            None
        } else {
            Some(b.parse().ok()?)
        };
        let len = cl.unwrap_or(0);
        if rest.len() < pl + len + 1 {
            return None;
        }
        let path = PathBuf::from(std::ffi::OsString::from_vec(rest[..pl].to_vec()));
        let content = cl.map(|cl| rest[pl..pl + cl].to_vec());
        rest = &rest[pl + len + 1..];
        files.push((path, content));
    }
    (rest == END).then_some(Record {
        git: GitState { head, tag },
        files,
    })
}

/// Overwrite `path` in place with `content`: write from offset 0, truncate only when shorter
/// (a missing file is created).
pub fn overwrite(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let old_len = f.metadata()?.len();
    f.write_all(content)?;
    if (content.len() as u64) < old_len {
        f.set_len(content.len() as u64)?;
    }
    Ok(())
}

/// A journal file location.
#[derive(Debug, Clone)]
pub struct Journal {
    pub path: PathBuf,
}

impl Journal {
    pub fn new(path: PathBuf) -> Self {
        Journal { path }
    }

    fn tmp(&self) -> PathBuf {
        let mut p = self.path.clone().into_os_string();
        p.push(".tmp");
        PathBuf::from(p)
    }

    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Write the journal durably; it appears complete or not at all.
    pub fn write(&self, rec: &Record) -> Result<()> {
        let tmp = self.tmp();
        let data = encode(rec);
        let mut f = File::create(&tmp).map_err(|e| Error::io("create journal", &tmp, e))?;
        f.write_all(&data)
            .and_then(|_| f.sync_data())
            .map_err(|e| Error::io("write journal", &tmp, e))?;
        std::fs::rename(&tmp, &self.path)
            .map_err(|e| Error::io("install journal", &self.path, e))?;
        if let Some(dir) = self.path.parent() {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Read the journal, if one is there. A torn journal (crash while writing it) means no file
    /// had been touched yet, so it is simply discarded.
    pub fn read(&self) -> Result<Option<Record>> {
        let _ = std::fs::remove_file(self.tmp());
        let mut data = Vec::new();
        match File::open(&self.path) {
            Ok(mut f) => f
                .read_to_end(&mut data)
                .map_err(|e| Error::io("read journal", &self.path, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("read journal", &self.path, e)),
        };
        Ok(decode(&data))
    }

    /// Put every file back as the journal holds it. Does not remove the journal.
    pub fn restore_files(rec: &Record) -> Result<()> {
        for (path, content) in &rec.files {
            match content {
                Some(c) => overwrite(path, c).map_err(|e| Error::io("restore", path, e))?,
                None => match std::fs::remove_file(path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(Error::io("remove", path, e))
                    }
                    _ => {}
                },
            }
        }
        Ok(())
    }

    pub fn remove(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io("remove journal", &self.path, e)),
        }
    }
}

/// Write the journal, then overwrite every file of `rec` with the matching `new` contents. On a
/// failed write, every file already touched is restored and the journal removed before the error
/// is returned.
pub fn apply(journal: &Journal, rec: &Record, new: &[&[u8]]) -> Result<()> {
    debug_assert_eq!(rec.files.len(), new.len());
    journal.write(rec)?;
    for (i, ((path, _), content)) in rec.files.iter().zip(new).enumerate() {
        if let Err(e) = overwrite(path, content) {
            let partial = Record {
                git: GitState::default(),
                files: rec.files[..=i].to_vec(),
            };
            let restored = Journal::restore_files(&partial);
            let source = Error::io("write", path, e);
            restored?;
            journal.remove()?;
            return Err(Error::RolledBack {
                message: format!("writing `{}` failed", path.display()),
                source: Box::new(source),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_round_trips_and_restores() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.txt");
        std::fs::write(&f, "old contents\r\n").unwrap();
        let j = Journal::new(d.path().join("journal"));
        let rec = Record {
            git: GitState {
                head: Some("abc".into()),
                tag: None,
            },
            files: vec![(f.clone(), Some(std::fs::read(&f).unwrap()))],
        };
        apply(&j, &rec, &[b"new"]).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"new");
        let back = j.read().unwrap().unwrap();
        assert_eq!(back, rec);
        Journal::restore_files(&back).unwrap();
        j.remove().unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"old contents\r\n");
        assert!(!j.exists());
    }

    #[test]
    fn torn_journals_are_not_trusted() {
        let rec = Record {
            git: GitState::default(),
            files: vec![
                (PathBuf::from("/x"), Some(b"abc".to_vec())),
                (PathBuf::from("/new"), None),
            ],
        };
        let data = encode(&rec);
        assert!(decode(&data).is_some());
        assert!(decode(&data[..data.len() - 2]).is_none());
    }

    #[test]
    fn created_files_are_journaled_as_absent_and_removed_on_rollback() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("CHANGELOG.md");
        let j = Journal::new(d.path().join("journal"));
        let rec = Record {
            git: GitState::default(),
            files: vec![(f.clone(), None)],
        };
        apply(&j, &rec, &[b"# Changelog\n"]).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"# Changelog\n");
        let back = j.read().unwrap().unwrap();
        assert_eq!(back, rec);
        Journal::restore_files(&back).unwrap();
        assert!(!f.exists());
    }

    #[test]
    fn overwrite_truncates_only_when_shorter() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a");
        std::fs::write(&f, "1234567").unwrap();
        overwrite(&f, b"abc").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"abc");
        overwrite(&f, b"abcdefghij").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"abcdefghij");
    }
}
