//! Writing one file in place: the [`Expect`]ed contents checked as the file is opened, then
//! written from offset 0 and truncated only when shorter; and the [`Writer`] seam every write of
//! a release goes through, with [`Disk`], the real file system.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// What a file must hold for [`Writer::overwrite`] to write it.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// Anything (restoring from the journal); a missing file is created.
    Any,
    /// Exactly these bytes (what the plan was made from).
    Bytes(&'a [u8]),
    /// Nothing: the file must not exist (the release creates it).
    Absent,
}

/// Overwrite `path` in place with `content` when it holds what `expect` says: write from offset
/// 0, truncate only when shorter. `Ok(false)` (nothing written) when it does not.
pub fn overwrite(path: &Path, expect: Expect<'_>, content: &[u8]) -> std::io::Result<bool> {
    let mut opts = OpenOptions::new();
    opts.write(true);
    match expect {
        Expect::Any => opts.create(true).truncate(false),
        Expect::Bytes(_) => opts.read(true),
        Expect::Absent => opts.create_new(true),
    };
    let f = match opts.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound && matches!(expect, Expect::Bytes(_)) =>
        {
            return Ok(false)
        }
        Err(e) => return Err(e),
    };
    overwrite_open(&f, expect, content)
}

/// [`overwrite`] through a descriptor kept open since the plan read the file (opened for
/// reading and writing). A file since replaced (an editor's "write a copy, rename it over")
/// or deleted has no link left: then `path` is opened again.
pub fn overwrite_kept(
    f: &File,
    path: &Path,
    expect: Expect<'_>,
    content: &[u8],
) -> std::io::Result<bool> {
    if crate::sys::nlink(&f.metadata()?) == 0 {
        return overwrite(path, expect, content);
    }
    overwrite_open(f, expect, content)
}

fn overwrite_open(f: &File, expect: Expect<'_>, content: &[u8]) -> std::io::Result<bool> {
    let old_len = match expect {
        Expect::Any => f.metadata()?.len(),
        Expect::Absent => 0,
        Expect::Bytes(old) => {
            // one spare byte tells a file that grew from one that did not
            let mut buf = vec![0u8; old.len() + 1];
            let n = crate::plan::read::read_into(f, &mut buf, 0, old.len())?;
            if buf[..n] != *old {
                return Ok(false);
            }
            old.len() as u64
        }
    };
    crate::sys::write_all_at(f, content, 0)?;
    if (content.len() as u64) < old_len {
        f.set_len(content.len() as u64)?;
    }
    Ok(true)
}

/// Where the bytes of a release go. The program writes through [`Disk`] only; the trait is the
/// seam through which tests inject write failures (`ENOSPC` at the k-th file, or while
/// restoring).
pub trait Writer: Sync {
    /// Overwrite a file in place if it holds what `expect` says (see [`overwrite`]), through
    /// `kept` when the plan kept the file open (see [`overwrite_kept`]).
    fn overwrite(
        &self,
        path: &Path,
        kept: Option<&File>,
        expect: Expect<'_>,
        content: &[u8],
    ) -> std::io::Result<bool>;
    /// Create or truncate `path`, write `content` and flush it to the disk (the journal).
    fn create_synced(&self, path: &Path, content: &[u8]) -> std::io::Result<()>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Writer for Disk {
    fn overwrite(
        &self,
        path: &Path,
        kept: Option<&File>,
        expect: Expect<'_>,
        content: &[u8],
    ) -> std::io::Result<bool> {
        match kept {
            Some(f) => overwrite_kept(f, path, expect, content),
            None => overwrite(path, expect, content),
        }
    }

    fn create_synced(&self, path: &Path, content: &[u8]) -> std::io::Result<()> {
        let mut f = File::create(path)?;
        f.write_all(content)?;
        f.sync_data()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_descriptor_writes_the_file_unless_it_was_replaced() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("VERSION");
        std::fs::write(&f, "1.2.3\n").unwrap();
        let open = || OpenOptions::new().read(true).write(true).open(&f).unwrap();
        let kept = open();
        assert!(overwrite_kept(&kept, &f, Expect::Bytes(b"1.2.3\n"), b"1.2.4\n").unwrap());
        assert_eq!(std::fs::read(&f).unwrap(), b"1.2.4\n");
        // an editor saved a copy and renamed it over: the kept file is gone, the path decides
        let kept = open();
        let copy = d.path().join("VERSION.tmp");
        std::fs::write(&copy, "9.9.9\n").unwrap();
        std::fs::rename(&copy, &f).unwrap();
        assert!(!overwrite_kept(&kept, &f, Expect::Bytes(b"1.2.4\n"), b"1.2.5\n").unwrap());
        assert_eq!(std::fs::read(&f).unwrap(), b"9.9.9\n");
        // replaced by identical bytes: written, at the path (not the orphaned descriptor)
        let kept = open();
        std::fs::write(&copy, "9.9.9\n").unwrap();
        std::fs::rename(&copy, &f).unwrap();
        assert!(overwrite_kept(&kept, &f, Expect::Bytes(b"9.9.9\n"), b"10.0.0\n").unwrap());
        assert_eq!(std::fs::read(&f).unwrap(), b"10.0.0\n");
        // deleted: nothing is written, nothing created
        let kept = open();
        std::fs::remove_file(&f).unwrap();
        assert!(!overwrite_kept(&kept, &f, Expect::Bytes(b"10.0.0\n"), b"x").unwrap());
        assert!(!f.exists());
    }

    #[test]
    fn overwrite_truncates_only_when_shorter() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a");
        std::fs::write(&f, "1234567").unwrap();
        assert!(overwrite(&f, Expect::Any, b"abc").unwrap());
        assert_eq!(std::fs::read(&f).unwrap(), b"abc");
        assert!(overwrite(&f, Expect::Bytes(b"abc"), b"abcdefghij").unwrap());
        assert_eq!(std::fs::read(&f).unwrap(), b"abcdefghij");
        // a file that no longer holds the expected bytes (shorter, longer, other) is left alone
        for stale in [&b"abcdefghi"[..], b"abcdefghijk", b"abcdefghiX"] {
            assert!(!overwrite(&f, Expect::Bytes(stale), b"new").unwrap());
            assert_eq!(std::fs::read(&f).unwrap(), b"abcdefghij");
        }
        assert!(!overwrite(&f, Expect::Absent, b"new").unwrap());
        let g = d.path().join("missing");
        assert!(!overwrite(&g, Expect::Bytes(b"x"), b"new").unwrap());
        assert!(!g.exists());
        assert!(overwrite(&g, Expect::Absent, b"created").unwrap());
        assert_eq!(std::fs::read(&g).unwrap(), b"created");
    }
}
