//! Windows: the same operations where Windows has them; where it has no equivalent of a Unix
//! safety check, the safe default (see `docs/reliability.md` and `SECURITY.md`).

use std::ffi::{OsStr, OsString};
use std::fs::{File, Metadata, OpenOptions};
use std::os::windows::fs::FileExt;
use std::path::{Path, PathBuf};

/// Open `path` for reading (and writing with `write`). Windows has no `O_NOATIME` or
/// `O_NONBLOCK` for files (a named pipe is not found under a tree's paths); `nofollow` refuses
/// a final symlink, checked with `symlink_metadata` just before the open.
pub fn open_unrecorded(path: &Path, write: bool, nofollow: bool) -> std::io::Result<File> {
    if nofollow && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(SymlinkRefused));
    }
    OpenOptions::new().read(true).write(write).open(path)
}

/// The error `open_unrecorded` gives for a symlink with `nofollow`.
#[derive(Debug)]
struct SymlinkRefused;

impl std::fmt::Display for SymlinkRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("is a symlink")
    }
}

impl std::error::Error for SymlinkRefused {}

/// Whether an `open` with `nofollow` failed because the path is a symlink.
pub fn is_symlink_error(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|e| e.is::<SymlinkRefused>())
}

/// Open the lock file to ask whether it is held (a symlink is not followed).
pub fn open_probe(path: &Path) -> std::io::Result<File> {
    open_unrecorded(path, false, true)
}

/// Read at `offset` (moves the cursor, which nothing here relies on).
pub fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    f.seek_read(buf, offset)
}

/// Write all of `buf` at `offset`.
pub fn write_all_at(f: &File, mut buf: &[u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match f.seek_write(buf, offset) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                buf = &buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The number of hard links: std has no stable API for it on Windows, so 1 is assumed (see
/// `docs/reliability.md`: the hard-link refusal is Unix-only).
pub fn nlink(_meta: &Metadata) -> u64 {
    1
}

/// Whether the open `file` is the file `path` names now (volume serial and file index, through
/// `same-file`); when either cannot be asked, not the same (the lock then refuses).
pub fn same_file(file: &File, path: &Path) -> bool {
    let open = file.try_clone().and_then(same_file::Handle::from_file);
    match (open, same_file::Handle::from_path(path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether this process may write `path`: not read-only (ACLs are not asked; a denied write
/// still fails before the journal is replayed over it, and is rolled back).
pub fn may_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// Whether `meta` names a file Windows can run (executability is the name's, see
/// [`program_names`]).
pub fn is_executable(meta: &Metadata) -> bool {
    meta.is_file()
}

/// The candidate names of program `prog` in a `PATH` directory: as given, then with each
/// extension of `PATHEXT`.
pub fn program_names(dir: &Path, prog: &str) -> Vec<PathBuf> {
    let exts = std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".into());
    std::iter::once(dir.join(prog))
        .chain(
            exts.split(';')
                .filter(|e| !e.is_empty())
                .map(|e| dir.join(format!("{prog}{e}"))),
        )
        .collect()
}

/// A path's bytes as the journal stores them: UTF-8 (a name with an unpaired surrogate is
/// stored in its WTF-8 form, which [`path_from_bytes`] refuses: the journal is then not
/// replayed).
pub fn path_bytes(p: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    p.as_encoded_bytes().into()
}

/// A path from the journal's bytes; `None` when they are not UTF-8.
pub fn path_from_bytes(b: Vec<u8>) -> Option<OsString> {
    String::from_utf8(b).ok().map(OsString::from)
}

/// Windows handles opened by std are not inherited by child processes, and there is no stable
/// std API to make them so: the lock is released when `bump` exits, even if a git process it
/// started is still running (see `docs/reliability.md`).
pub fn inherit(_file: &File) -> std::io::Result<()> {
    Ok(())
}

/// Unknown on Windows (handles are not a small table): the default budget applies.
pub fn descriptor_limit() -> Option<u64> {
    None
}

/// Nothing to grow on Windows.
pub fn grow_descriptors(_top: usize) {}

/// The fallback directory name of the journal key under the temp dir (itself per user on
/// Windows: `%LOCALAPPDATA%\Temp`).
pub fn temp_key_dir_name() -> String {
    "bumpsmith".into()
}

/// Windows has no uid or mode bits in std: the key's privacy rests on the per-user profile
/// directory it lives in (`%LOCALAPPDATA%`, see `SECURITY.md`). A regular file is accepted.
pub fn private(meta: &Metadata) -> bool {
    meta.is_file()
}

/// A real directory (not a symlink): its privacy is the profile's.
pub fn private_dir(meta: &Metadata) -> bool {
    meta.is_dir()
}

/// Create `dir` (and its parents), with the ACL it inherits from the profile.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Create the new file `path`, with the ACL it inherits from its directory.
pub fn create_private_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// No random source without a new dependency: no key, so journals are written unsealed and a
/// crash leaves one that `bump recover` does not replay on its own (the safe default).
pub fn random_key() -> Option<[u8; 32]> {
    None
}
