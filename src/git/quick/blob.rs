//! Git's blob ids (SHA-1 of `blob LEN\0` and the content), and the racily clean files whose
//! content, not their stat, settles whether they are clean ([`Racy`]).

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::os;
use crate::git::index::Oid;

/// The empty blob: an entry with recorded size 0 and another id was "smudged" by git (its
/// content differs, whatever its stat says).
pub(super) const EMPTY_BLOB: Oid = [
    0xe6, 0x9d, 0xe2, 0x9b, 0xb2, 0xd1, 0xd6, 0x43, 0x4b, 0x8b, 0x29, 0xae, 0x77, 0x5a, 0xd8, 0xc2,
    0xe4, 0x8c, 0x53, 0x91,
];

/// A racily clean regular file whose content the check still has to compare with its blob:
/// the tree is clean if each of them (and nothing else) does.
#[derive(Debug, Clone)]
pub struct Racy {
    /// Relative to the work tree root, `/`-separated.
    pub(super) path: Vec<u8>,
    pub(super) oid: Oid,
    pub(super) md: Metadata,
}

impl Racy {
    /// The file, relative to the work tree root.
    pub fn path(&self) -> &Path {
        os(&self.path)
    }

    /// Whether `content`, the file's bytes as the caller read them, is the entry's blob.
    /// (`bump` reads the files it bumps anyway; after a release, those are the racy ones.)
    pub fn content_matches(&self, content: &[u8]) -> bool {
        content.len() as u64 == self.md.size() && blob_oid(&[content]) == self.oid
    }

    /// Read the file under `root` and compare it with the entry's blob.
    pub fn file_matches(&self, root: &Path) -> bool {
        file_oid(&root.join(self.path()), &self.md, &mut Vec::new()) == Some(self.oid)
    }
}

/// The blob id of a regular file's content, read in pieces into a reused buffer (one read for
/// a file up to 1 MiB). `None` if it cannot be read, or is no longer the file `md` describes.
fn file_oid(path: &Path, md: &Metadata, buf: &mut Vec<u8>) -> Option<Oid> {
    const PIECE: u64 = 1 << 20;
    let mut f = File::open(path).ok()?;
    let now = f.metadata().ok()?;
    if now.ino() != md.ino() || now.dev() != md.dev() || !now.is_file() {
        return None;
    }
    let size = md.size();
    let want = usize::try_from(size.min(PIECE)).ok()?;
    if buf.len() < want {
        buf.resize(want, 0);
    }
    let mut h = blob_hasher(size);
    let mut left = size;
    while left > 0 {
        let n = usize::try_from(left.min(PIECE)).ok()?;
        f.read_exact(&mut buf[..n]).ok()?;
        h.update(&buf[..n]);
        left -= n as u64;
    }
    Some(h.digest().bytes())
}

/// SHA-1 of `blob LEN\0` then the content (the content given in pieces).
pub(super) fn blob_oid(pieces: &[&[u8]]) -> Oid {
    let len: usize = pieces.iter().map(|p| p.len()).sum();
    let mut h = blob_hasher(len as u64);
    for p in pieces {
        h.update(p);
    }
    h.digest().bytes()
}

fn blob_hasher(len: u64) -> sha1_smol::Sha1 {
    let mut h = sha1_smol::Sha1::new();
    h.update(b"blob ");
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = len;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    h.update(&digits[i..]);
    h.update(&[0]);
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::head;

    #[test]
    fn blob_ids_match_git() {
        // `git hash-object` of "" and of "hello\n"
        assert_eq!(blob_oid(&[]), EMPTY_BLOB);
        assert_eq!(
            head::hex(&EMPTY_BLOB),
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        );
        assert_eq!(
            head::hex(&blob_oid(&[b"hel", b"lo\n"])),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }
}
