//! Unix: the calls bump was written with, moved here unchanged.

use std::ffi::{OsStr, OsString};
use std::fs::{File, Metadata, OpenOptions};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Open `path` for reading (and writing with `write`), non-blocking (a FIFO neither blocks the
/// `open` nor its first `read`), without following a final symlink with `nofollow`, and with
/// `O_NOATIME` where the kernel allows it (only the file's owner may ask that).
pub fn open_unrecorded(path: &Path, write: bool, nofollow: bool) -> std::io::Result<File> {
    let flags = if nofollow { libc::O_NOFOLLOW } else { 0 };
    let flags = flags | libc::O_NONBLOCK;
    let with = |flags| {
        OpenOptions::new()
            .read(true)
            .write(write)
            .custom_flags(flags)
            .open(path)
    };
    if NOATIME == 0 {
        return with(flags);
    }
    with(flags | NOATIME).or_else(|e| match e.raw_os_error() {
        Some(libc::EPERM) => with(flags),
        _ => Err(e),
    })
}

/// `O_NOATIME` where the kernel has it (Linux); elsewhere reads are opened as usual.
#[cfg(any(target_os = "linux", target_os = "android"))]
const NOATIME: i32 = libc::O_NOATIME;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const NOATIME: i32 = 0;

/// Whether an `open` with `nofollow` failed because the path is a symlink.
pub fn is_symlink_error(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

/// Open the lock file to ask whether it is held: never blocks (a FIFO planted under its name)
/// and follows no symlink.
pub fn open_probe(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
}

/// Read at `offset` without moving the file's cursor.
pub fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    f.read_at(buf, offset)
}

/// Write all of `buf` at `offset`.
pub fn write_all_at(f: &File, buf: &[u8], offset: u64) -> std::io::Result<()> {
    f.write_all_at(buf, offset)
}

/// The number of hard links to the file.
pub fn nlink(meta: &Metadata) -> u64 {
    meta.nlink()
}

/// Whether the open `file` is the file `path` names now (device and inode).
pub fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether this process may write `path` (`access(W_OK)`).
pub fn may_write(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

/// Whether `meta` names an executable file.
pub fn is_executable(meta: &Metadata) -> bool {
    meta.is_file() && meta.permissions().mode() & 0o111 != 0
}

/// The candidate names of program `prog` in a `PATH` directory.
pub fn program_names(dir: &Path, prog: &str) -> Vec<PathBuf> {
    vec![dir.join(prog)]
}

/// A path's bytes as the journal stores them (the raw bytes).
pub fn path_bytes(p: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    p.as_bytes().into()
}

/// A path from the journal's bytes.
pub fn path_from_bytes(b: Vec<u8>) -> Option<OsString> {
    Some(OsString::from_vec(b))
}

/// Let processes started from now on inherit `file` (clear close-on-exec).
pub fn inherit(file: &File) -> std::io::Result<()> {
    rustix::io::fcntl_setfd(file, rustix::io::FdFlags::empty()).map_err(Into::into)
}

/// The soft limit of open descriptors, if known.
pub fn descriptor_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

/// Grow the descriptor table to `top` entries (one `dup`, closed at once).
pub fn grow_descriptors(top: usize) {
    if let Ok(f) = File::open("/") {
        let _ = rustix::io::fcntl_dupfd_cloexec(&f, i32::try_from(top).unwrap_or(i32::MAX));
    }
}

/// The fallback directory name of the journal key under the temp dir: per user.
pub fn temp_key_dir_name() -> String {
    format!("bumpsmith-{}", rustix::process::getuid().as_raw())
}

/// Whether `meta` belongs to this user and grants nothing to anyone else.
pub fn private(meta: &Metadata) -> bool {
    meta.uid() == rustix::process::getuid().as_raw() && meta.mode() & 0o077 == 0
}

/// Whether directory `meta` is this user's and writable by no one else.
pub fn private_dir(meta: &Metadata) -> bool {
    meta.is_dir() && meta.uid() == rustix::process::getuid().as_raw() && meta.mode() & 0o022 == 0
}

/// Create `dir` (and its parents), mode 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Create the new file `path`, mode 0600.
pub fn create_private_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// 32 random bytes.
pub fn random_key() -> Option<[u8; 32]> {
    use std::io::Read;
    let mut fresh = [0u8; 32];
    File::open("/dev/urandom")
        .and_then(|mut r| r.read_exact(&mut fresh))
        .ok()?;
    Some(fresh)
}
