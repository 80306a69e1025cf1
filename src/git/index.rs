//! A reader for git's index file (`.git/index`, <https://git-scm.com/docs/index-format>),
//! versions 2, 3 and 4, for the in-process clean-tree check in [`super::quick`].
//!
//! It reads what that check needs: every entry's stat data, mode, object id, flags and path, and
//! the root of the `TREE` (cache-tree) extension. Required extensions it does not understand
//! (split index `link`, sparse index `sdir`, ...) make the index unsupported. Every length and
//! offset is bounds-checked: a truncated or garbage file gives an error, never a panic.
//!
//! The trailing checksum is not verified, as git itself does not verify it when it reads the
//! index (only `git fsck` does), and verifying would cost a SHA-1 over the whole file (2 MB for
//! 22,000 entries). A corrupted index can only turn a stat match into a mismatch, which makes
//! the caller fall back to `git status`.

use std::fmt;

/// An object id (SHA-1; SHA-256 repositories are rejected before the index is read).
pub type Oid = [u8; 20];

const SIG: &[u8; 4] = b"DIRC";
const HASH_LEN: usize = 20;
/// Bytes of an entry before its path: 10 stat/mode words, the object id, 16 bits of flags.
const ENTRY_FIXED: usize = 40 + HASH_LEN + 2;

/// Why an index could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// The data ends inside a header, an entry or an extension.
    Truncated,
    /// Not an index: bad signature, a zero-length path, a missing NUL.
    Corrupt(&'static str),
    /// An index version other than 2, 3 or 4.
    Version(u32),
    /// A required extension this reader does not understand (e.g. `link`, `sdir`).
    Unsupported([u8; 4]),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Truncated => f.write_str("index truncated"),
            IndexError::Corrupt(what) => write!(f, "index corrupt: {what}"),
            IndexError::Version(v) => write!(f, "index version {v} not supported"),
            IndexError::Unsupported(sig) => write!(
                f,
                "index extension {:?} not supported",
                String::from_utf8_lossy(sig)
            ),
        }
    }
}

impl std::error::Error for IndexError {}

/// A timestamp as the index stores it (seconds truncated to 32 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Time {
    pub sec: u32,
    pub nsec: u32,
}

/// One index entry. The path lives in the [`Index`]: see [`Index::path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub ctime: Time,
    pub mtime: Time,
    /// `st_dev`, `st_ino`, `st_size`: truncated to 32 bits, as git stores them.
    pub dev: u32,
    pub ino: u32,
    /// Object type and permissions: `0o100644`, `0o100755`, `0o120000` (symlink), `0o160000`
    /// (gitlink: a submodule).
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
    pub oid: Oid,
    /// assume-valid (bit 15), extended (14), stage (13-12), name length (11-0).
    pub flags: u16,
    /// Version 3+ extended flags: skip-worktree (bit 14), intent-to-add (13); else 0.
    pub ext_flags: u16,
    path: (u32, u32),
}

impl Entry {
    /// The merge stage: 0 normally, 1-3 for the sides of a conflict.
    pub fn stage(&self) -> u8 {
        ((self.flags >> 12) & 3) as u8
    }

    /// `git update-index --assume-unchanged`.
    pub fn assume_valid(&self) -> bool {
        self.flags & 0x8000 != 0
    }

    /// Outside a sparse checkout: not in the work tree by design.
    pub fn skip_worktree(&self) -> bool {
        self.ext_flags & 0x4000 != 0
    }

    /// `git add -N`: tracked, but with no content staged yet.
    pub fn intent_to_add(&self) -> bool {
        self.ext_flags & 0x2000 != 0
    }
}

/// The root of the cache tree: the tree the index would write, if still valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRoot {
    /// Entries the root tree covers; -1 when invalidated (something was staged since).
    pub entry_count: i64,
    /// The tree's id; `None` when invalid.
    pub oid: Option<Oid>,
}

/// A parsed index.
#[derive(Debug, Clone)]
pub struct Index {
    pub version: u32,
    pub entries: Vec<Entry>,
    /// The `TREE` extension's root, `None` when the index has no cache tree.
    pub tree: Option<TreeRoot>,
    /// Every entry's path, back to back (v4 paths have to be rebuilt, so all are copied here).
    paths: Vec<u8>,
}

/// A bounds-checked reader over the index bytes.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.pos.checked_add(n).ok_or(IndexError::Truncated)?;
        let bytes = self.data.get(self.pos..end).ok_or(IndexError::Truncated)?;
        self.pos = end;
        Ok(bytes)
    }

    fn u32(&mut self) -> Result<u32, IndexError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u16(&mut self) -> Result<u16, IndexError> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn time(&mut self) -> Result<Time, IndexError> {
        Ok(Time {
            sec: self.u32()?,
            nsec: self.u32()?,
        })
    }

    fn oid(&mut self) -> Result<Oid, IndexError> {
        let mut oid = [0; HASH_LEN];
        oid.copy_from_slice(self.take(HASH_LEN)?);
        Ok(oid)
    }

    /// The bytes up to the next NUL, which is consumed too.
    fn until_nul(&mut self) -> Result<&'a [u8], IndexError> {
        let rest = self.data.get(self.pos..).ok_or(IndexError::Truncated)?;
        let n = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(IndexError::Truncated)?;
        self.pos += n + 1;
        Ok(&rest[..n])
    }

    /// Git's offset varint (index v4 path prefix lengths): 7 bits a byte, high bit = more, each
    /// continuation adding one before the shift.
    fn varint(&mut self) -> Result<usize, IndexError> {
        let mut b = self.take(1)?[0];
        let mut val = usize::from(b & 0x7f);
        while b & 0x80 != 0 {
            val = val
                .checked_add(1)
                .and_then(|v| v.checked_mul(128))
                .ok_or(IndexError::Corrupt("varint overflow"))?;
            b = self.take(1)?[0];
            val |= usize::from(b & 0x7f);
        }
        Ok(val)
    }
}

impl Index {
    /// The path of `e` (relative to the work tree root, `/`-separated, as git stores it).
    pub fn path(&self, e: &Entry) -> &[u8] {
        let (start, end) = e.path;
        self.paths.get(start as usize..end as usize).unwrap_or(&[])
    }

    /// Parse an index file's bytes.
    pub fn parse(data: &[u8]) -> Result<Index, IndexError> {
        let mut c = Cursor { data, pos: 0 };
        if c.take(4)? != SIG {
            return Err(IndexError::Corrupt("signature"));
        }
        let version = c.u32()?;
        if !(2..=4).contains(&version) {
            return Err(IndexError::Version(version));
        }
        let count = c.u32()? as usize;
        // each entry takes at least ENTRY_FIXED + 1 bytes: a count the file cannot hold is
        // garbage, and must not size an allocation
        if count > data.len() / (ENTRY_FIXED + 1) {
            return Err(IndexError::Truncated);
        }
        let mut entries = Vec::with_capacity(count);
        let mut paths = Vec::with_capacity(count * 32);
        let mut prev: (usize, usize) = (0, 0);
        for _ in 0..count {
            let start = c.pos;
            let ctime = c.time()?;
            let mtime = c.time()?;
            let [dev, ino, mode, uid, gid, size] =
                [c.u32()?, c.u32()?, c.u32()?, c.u32()?, c.u32()?, c.u32()?];
            let oid = c.oid()?;
            let flags = c.u16()?;
            let extended = flags & 0x4000 != 0;
            let ext_flags = match (extended, version) {
                (false, _) => 0,
                (true, 2) => return Err(IndexError::Corrupt("extended flags in version 2")),
                (true, _) => c.u16()?,
            };
            let name_len = usize::from(flags & 0xfff);
            let path_start = paths.len();
            if version == 4 {
                let strip = c.varint()?;
                let prev_path = paths.get(prev.0..prev.1).ok_or(IndexError::Truncated)?;
                let keep = prev_path
                    .len()
                    .checked_sub(strip)
                    .ok_or(IndexError::Corrupt(
                        "v4 prefix longer than the previous path",
                    ))?;
                let suffix = c.until_nul()?;
                if name_len < 0xfff && keep + suffix.len() != name_len {
                    return Err(IndexError::Corrupt("path length"));
                }
                paths.extend_from_within(prev.0..prev.0 + keep);
                paths.extend_from_slice(suffix);
            } else {
                let path = if name_len < 0xfff {
                    let p = c.take(name_len)?;
                    if c.take(1)? != [0] {
                        return Err(IndexError::Corrupt("path not NUL-terminated"));
                    }
                    p
                } else {
                    c.until_nul()?
                };
                paths.extend_from_slice(path);
                // entries are NUL-padded to a multiple of 8 bytes (1 to 8 NULs after the path)
                let fixed = ENTRY_FIXED + if extended { 2 } else { 0 };
                let padded = (fixed + path.len() + 8) & !7;
                let used = c.pos - start;
                let pad = c.take(padded - used)?;
                if pad.iter().any(|&b| b != 0) {
                    return Err(IndexError::Corrupt("entry padding"));
                }
            }
            if paths.len() == path_start || paths.len() > u32::MAX as usize {
                return Err(IndexError::Corrupt("path length"));
            }
            prev = (path_start, paths.len());
            entries.push(Entry {
                ctime,
                mtime,
                dev,
                ino,
                mode,
                uid,
                gid,
                size,
                oid,
                flags,
                ext_flags,
                path: (path_start as u32, paths.len() as u32),
            });
        }
        let tree = extensions(&mut c)?;
        Ok(Index {
            version,
            entries,
            tree,
            paths,
        })
    }
}

/// Walk the extensions after the entries (up to the trailing checksum); the cache-tree root.
fn extensions(c: &mut Cursor<'_>) -> Result<Option<TreeRoot>, IndexError> {
    let mut tree = None;
    while c.data.len().saturating_sub(c.pos) >= 8 + HASH_LEN {
        let sig = c.take(4)?;
        let size = c.u32()? as usize;
        let body = c.take(size)?;
        match sig {
            b"TREE" => tree = tree_root(body),
            // upper-case first letter: optional, safe to ignore (REUC, UNTR, FSMN, EOIE, IEOT)
            [b'A'..=b'Z', ..] => {}
            _ => return Err(IndexError::Unsupported([sig[0], sig[1], sig[2], sig[3]])),
        }
    }
    if c.data.len() - c.pos != HASH_LEN {
        return Err(IndexError::Corrupt("trailing bytes"));
    }
    Ok(tree)
}

/// The root entry of a `TREE` extension: `\0` (empty path), `ENTRY_COUNT SP SUBTREES \n`, and
/// the tree id when `ENTRY_COUNT` is not -1. `None` when it cannot be read (git then drops its
/// cache tree too).
fn tree_root(body: &[u8]) -> Option<TreeRoot> {
    let mut c = Cursor { data: body, pos: 0 };
    if !c.until_nul().ok()?.is_empty() {
        return None;
    }
    let rest = body.get(c.pos..)?;
    let nl = rest.iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&rest[..nl]).ok()?;
    let (count, subtrees) = line.split_once(' ')?;
    let entry_count: i64 = count.parse().ok()?;
    subtrees.parse::<u32>().ok()?;
    c.pos += nl + 1;
    let oid = if entry_count >= 0 {
        Some(c.oid().ok()?)
    } else {
        None
    };
    Some(TreeRoot { entry_count, oid })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-built v2 index with the given (path, flags) entries and extension bytes.
    fn build(version: u32, paths: &[&str], ext: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(SIG);
        out.extend_from_slice(&version.to_be_bytes());
        out.extend_from_slice(&(paths.len() as u32).to_be_bytes());
        for (i, p) in paths.iter().enumerate() {
            let start = out.len();
            for w in [1u32, 2, 3, 4, 5, i as u32 + 6, 0o100644, 7, 8, 9] {
                out.extend_from_slice(&w.to_be_bytes());
            }
            out.extend_from_slice(&[i as u8; 20]);
            out.extend_from_slice(&(p.len() as u16).to_be_bytes());
            out.extend_from_slice(p.as_bytes());
            let padded = (ENTRY_FIXED + p.len() + 8) & !7;
            out.resize(start + padded, 0);
        }
        out.extend_from_slice(ext);
        out.extend_from_slice(&[0xaa; 20]);
        out
    }

    fn tree_ext(line: &str, oid: Option<[u8; 20]>) -> Vec<u8> {
        let mut body = vec![0];
        body.extend_from_slice(line.as_bytes());
        if let Some(o) = oid {
            body.extend_from_slice(&o);
        }
        let mut ext = b"TREE".to_vec();
        ext.extend_from_slice(&(body.len() as u32).to_be_bytes());
        ext.extend_from_slice(&body);
        ext
    }

    #[test]
    fn reads_entries_and_the_cache_tree_root() {
        let data = build(2, &["a.txt", "dir/b"], &tree_ext("2 1\n", Some([7; 20])));
        let idx = Index::parse(&data).unwrap();
        assert_eq!(idx.entries.len(), 2);
        assert_eq!(idx.path(&idx.entries[1]), b"dir/b");
        let e = &idx.entries[1];
        assert_eq!((e.ctime.sec, e.mtime.nsec, e.ino, e.size), (1, 4, 7, 9));
        assert_eq!(e.mode, 0o100644);
        assert_eq!(e.oid, [1; 20]);
        assert_eq!(
            idx.tree,
            Some(TreeRoot {
                entry_count: 2,
                oid: Some([7; 20])
            })
        );
    }

    #[test]
    fn invalid_cache_tree_has_no_oid() {
        let data = build(2, &["a"], &tree_ext("-1 0\n", None));
        let idx = Index::parse(&data).unwrap();
        assert_eq!(
            idx.tree,
            Some(TreeRoot {
                entry_count: -1,
                oid: None
            })
        );
    }

    #[test]
    fn required_unknown_extension_is_unsupported() {
        let mut ext = b"link".to_vec();
        ext.extend_from_slice(&4u32.to_be_bytes());
        ext.extend_from_slice(&[0; 4]);
        let err = Index::parse(&build(2, &["a"], &ext)).unwrap_err();
        assert_eq!(err, IndexError::Unsupported(*b"link"));
        let mut optional = b"UNTR".to_vec();
        optional.extend_from_slice(&2u32.to_be_bytes());
        optional.extend_from_slice(&[1, 2]);
        assert!(Index::parse(&build(2, &["a"], &optional)).is_ok());
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let data = build(2, &["a.txt", "dir/b"], &tree_ext("2 1\n", Some([7; 20])));
        assert!(Index::parse(&data).unwrap().tree.is_some());
        // a cut that leaves 20 bytes after the entries reads as "no extensions" (the checksum
        // is not verified, as in git), but can never yield the cut cache tree
        for n in 0..data.len() {
            if let Ok(idx) = Index::parse(&data[..n]) {
                assert_eq!(idx.tree, None, "prefix of {n} bytes has a cache tree");
                assert_eq!(n, data.len() - tree_ext("2 1\n", Some([7; 20])).len());
            }
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let data = build(4, &["a"], &[]);
        // flip every byte in turn: must never panic, whatever it parses as
        for i in 0..data.len() {
            let mut d = data.clone();
            d[i] ^= 0xff;
            let _ = Index::parse(&d);
        }
        let mut huge = build(2, &[], &[]);
        huge[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(Index::parse(&huge).unwrap_err(), IndexError::Truncated);
        assert_eq!(
            Index::parse(&build(5, &[], &[])).unwrap_err(),
            IndexError::Version(5)
        );
    }

    #[test]
    fn varint_matches_git() {
        // git's encode_varint: 127 -> [0x7f], 128 -> [0x80, 0x00], 16511 -> [0xff, 0x7f]
        for (bytes, want) in [
            (&[0x7f][..], 127),
            (&[0x80, 0x00][..], 128),
            (&[0xff, 0x7f][..], 16511),
        ] {
            let mut c = Cursor {
                data: bytes,
                pos: 0,
            };
            assert_eq!(c.varint().unwrap(), want);
        }
    }
}
