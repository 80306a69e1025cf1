//! The journal's seal: a keyed BLAKE3 hash of its contents under a key only this user's `bump`
//! knows, so that a journal which arrived with a tree (a tarball, an sdist, a `git archive`
//! export, a Docker build context, a `.git` directory copied from elsewhere) is never replayed:
//! whoever wrote it did not have the key.
//!
//! The key is 32 random bytes in `$XDG_STATE_HOME/bumpsmith/journal-key` (else
//! `~/.local/state/bumpsmith/journal-key`, else `$TMPDIR/bumpsmith-<uid>/journal-key`), created
//! on first use with mode 0600 in a directory of mode 0700. A key file that others can read or
//! write, or that belongs to another user, is not used. Without a usable key a journal is
//! written unsealed: the release is still rolled back in-process on failure, but a crash leaves
//! a journal that `bump recover` will not replay on its own.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The length of a seal in bytes.
pub(super) const LEN: usize = 32;

/// This user's key, loaded (or created) once per process.
fn key() -> Option<&'static [u8; 32]> {
    static KEY: OnceLock<Option<[u8; 32]>> = OnceLock::new();
    KEY.get_or_init(|| {
        candidates()
            .into_iter()
            .find_map(|dir| load_or_create(&dir))
    })
    .as_ref()
}

/// The directories the key may live in, in order of preference.
fn candidates() -> Vec<PathBuf> {
    let absolute = |v: Option<std::ffi::OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    let mut dirs = Vec::new();
    if let Some(state) = absolute(std::env::var_os("XDG_STATE_HOME")) {
        dirs.push(state.join("bumpsmith"));
    }
    if let Some(home) = absolute(std::env::var_os("HOME")) {
        dirs.push(home.join(".local/state/bumpsmith"));
    }
    dirs.push(std::env::temp_dir().join(crate::sys::temp_key_dir_name()));
    dirs
}

/// Whether `meta` belongs to this user and grants nothing to anyone else.
fn private(meta: &std::fs::Metadata) -> bool {
    crate::sys::private(meta)
}

fn load_or_create(dir: &Path) -> Option<[u8; 32]> {
    let path = dir.join("journal-key");
    if let Some(k) = load(&path) {
        return Some(k);
    }
    if !dir.exists() {
        crate::sys::create_private_dir(dir).ok()?;
    }
    // a shared directory (the temp fallback) must be ours alone, and not a symlink planted there
    let meta = std::fs::symlink_metadata(dir).ok()?;
    if !crate::sys::private_dir(&meta) {
        return None;
    }
    let fresh = crate::sys::random_key()?;
    // written under a private name, then linked into place: two first runs racing agree on
    // whichever key was linked first
    let tmp = dir.join(format!("journal-key.{}.tmp", std::process::id()));
    let written = crate::sys::create_private_file(&tmp)
        .and_then(|mut f| f.write_all(&fresh).and_then(|_| f.sync_all()));
    let linked = written.and_then(|_| std::fs::hard_link(&tmp, &path));
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Some(fresh),
        Err(_) => load(&path),
    }
}

fn load(path: &Path) -> Option<[u8; 32]> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || !private(&meta) || meta.len() != 32 {
        return None;
    }
    let mut k = [0u8; 32];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut k))
        .ok()?;
    Some(k)
}

/// The seal of `data`; `None` when no key is available.
pub(super) fn seal(data: &[u8]) -> Option<[u8; LEN]> {
    key().map(|k| *blake3::keyed_hash(k, data).as_bytes())
}

/// Why a journal's seal does not vouch for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsealed {
    /// It carries no seal (written where no key was available).
    Missing,
    /// No key is available here to check it with.
    NoKey,
    /// The seal does not match: another user or machine wrote it, or it was altered.
    Wrong,
}

/// Check `mac` against `data` (in constant time).
pub(super) fn verify(data: &[u8], mac: Option<&[u8; LEN]>) -> Result<(), Unsealed> {
    let mac = mac.ok_or(Unsealed::Missing)?;
    let k = key().ok_or(Unsealed::NoKey)?;
    if blake3::keyed_hash(k, data) == blake3::Hash::from_bytes(*mac) {
        Ok(())
    } else {
        Err(Unsealed::Wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_verifies_only_its_own_data() {
        let Some(mac) = seal(b"journal") else {
            return; // no writable key location on this machine
        };
        assert_eq!(verify(b"journal", Some(&mac)), Ok(()));
        assert_eq!(verify(b"journal!", Some(&mac)), Err(Unsealed::Wrong));
        let mut other = mac;
        other[0] ^= 1;
        assert_eq!(verify(b"journal", Some(&other)), Err(Unsealed::Wrong));
        assert_eq!(verify(b"journal", None), Err(Unsealed::Missing));
    }

    #[test]
    #[cfg(unix)]
    fn keys_others_can_read_are_not_used() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("state");
        let k = load_or_create(&dir).expect("a fresh key");
        assert_eq!(load_or_create(&dir), Some(k), "the same key is read back");
        let path = dir.join("journal-key");
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644))
            .unwrap();
        assert_eq!(load(&path), None, "a readable key is no secret");
    }
}
