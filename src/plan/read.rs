//! Reading the files a plan (or a check) looks at, with as few system calls as the kernel
//! allows: planning a 2,000-file glob is mostly `open`/`read`/`close`, so each one counts.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// Files larger than this are skipped: version files are small, the largest real ones (npm
/// lock files of big monorepos) stay well under it, and the plan, the journal and a dry-run
/// diff each hold a copy.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// A NUL byte this early marks a binary file (git's own test).
const BINARY_PROBE: usize = 8 << 10;

/// Why a configured file is left alone, unread as text (by a bump and by a check alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Over [`MAX_FILE_BYTES`].
    TooLarge,
    /// A NUL byte in its first 8 KiB.
    Binary,
    /// Not a regular file: a FIFO or a device (reading one could wait forever).
    Special,
}

impl Skip {
    /// Why `bytes` (`None`: too large to be read) are not edited as text, if they are not.
    pub fn of(bytes: Option<&[u8]>) -> Option<Skip> {
        match bytes {
            None => Some(Skip::TooLarge),
            Some(b) if b[..b.len().min(BINARY_PROBE)].contains(&0) => Some(Skip::Binary),
            Some(_) => None,
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::TooLarge => write!(f, "larger than {} MiB", MAX_FILE_BYTES >> 20),
            Skip::Binary => write!(f, "a binary file (a NUL byte in its first 8 KiB)"),
            Skip::Special => write!(f, "not a regular file (a FIFO or a device)"),
        }
    }
}

/// Whether a read failed because the file is a FIFO or a device with nothing to read (see
/// [`open_unrecorded`]): not a file bump edits.
pub fn is_special(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock
}

/// Files up to this size are read with one `read` into a reused buffer, without an `fstat`.
const SMALL_READ: usize = 16 << 10;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0u8; SMALL_READ]);
}

/// An open file's bytes; `None` when it is over [`MAX_FILE_BYTES`]. A small file (the usual
/// version file) costs one `read`: a short read of a regular file is its end. A larger one adds
/// an `fstat` for its size. (`read_to_end` would add two `fstat`s, an `lseek` and a final empty
/// `read` per file: a third of the system calls of planning a 2,000-file glob.)
pub fn read_open(f: &mut std::fs::File) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let first = SCRATCH.with(|s| -> std::io::Result<Option<Vec<u8>>> {
        let mut s = s.borrow_mut();
        let k = f.read(&mut s[..])?;
        // nothing at all: an empty file, or a FIFO without a writer (whose non-blocking read
        // ends at once) or `/dev/null`: only those are not regular files
        if k == 0 && !f.metadata()?.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::WouldBlock,
                "not a regular file",
            ));
        }
        Ok((k < SMALL_READ).then(|| s[..k].to_vec()))
    })?;
    if let Some(bytes) = first {
        return Ok(Some(bytes));
    }
    let len = f.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(None);
    }
    // the first SMALL_READ bytes are read again (rare: a large version file); one spare byte:
    // filling it means the file grew since `fstat`
    let len = len as usize;
    let mut buf = vec![0u8; len + 1];
    let mut n = read_into(f, &mut buf, 0, len)?;
    while n == buf.len() {
        if n as u64 > MAX_FILE_BYTES {
            return Ok(None);
        }
        buf.resize(n * 2, 0);
        n += read_into(f, &mut buf[n..], n as u64, 0)?;
    }
    buf.truncate(n);
    Ok(Some(buf))
}

/// Read `f` from offset `from` into `buf` until it is full, the file ends, or a read comes back
/// short once `want` bytes are in (a short read of a regular file is its end: no final empty
/// `read` is needed to know it). The number of bytes read.
pub fn read_into(
    f: &std::fs::File,
    buf: &mut [u8],
    from: u64,
    want: usize,
) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        let k = crate::sys::read_at(f, &mut buf[n..], from + n as u64)?;
        if k == 0 || (n + k >= want && n + k < buf.len()) {
            return Ok(n + k);
        }
        n += k;
    }
    Ok(n)
}

/// The file's bytes (following symlinks); `None` when it is over [`MAX_FILE_BYTES`].
pub fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    read_open(&mut open_unrecorded(path, false, false)?)
}

/// Open `path` for reading (and writing with `write`), with extra `open` flags, asking the
/// kernel not to record the read as an access (`O_NOATIME`): right after a checkout every file
/// is newer than its access time, and recording the first read costs an inode update per file.
/// Only the file's owner may ask that; for anyone else the file is opened the usual way.
///
/// Every file is opened non-blocking: a regular file reads and writes as always, but a FIFO
/// among the configured files neither blocks the `open` nor its first `read`, which fails with
/// `WouldBlock` instead ([`is_special`]).
pub fn open_unrecorded(path: &Path, write: bool, nofollow: bool) -> std::io::Result<std::fs::File> {
    crate::sys::open_unrecorded(path, write, nofollow)
}

/// How many more files may be kept open (see [`Kept`]); `usize::MAX` until first asked.
static KEEP_LEFT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// A file a plan keeps open from reading it to writing it: the write then needs no second
/// `open` (a path lookup, a third of the cost of writing a small file). At most the process's
/// soft descriptor limit minus a margin for everything else (git's pipes, the journal, the
/// lock, directory walks) are kept at once; past that, files are opened again to be written.
#[derive(Debug)]
pub struct Kept(std::fs::File);

/// The most files kept open at once, whatever the descriptor limit.
const KEEP_MAX: usize = 1 << 13;

/// The budget: the soft descriptor limit minus a margin for everything else, at most
/// [`KEEP_MAX`].
fn keep_budget() -> usize {
    const MARGIN: u64 = 256;
    crate::sys::descriptor_limit()
        .unwrap_or(KEEP_MAX as u64)
        .saturating_sub(MARGIN)
        .min(KEEP_MAX as u64) as usize
}

/// Grow the descriptor table now to what kept files may need, while the process is still
/// single-threaded. Grown later, with threads running, the kernel waits for an RCU grace period
/// at each doubling of the table (`expand_files`: milliseconds each on a VM; measured at 20 ms
/// of a 2,000-file bump). The table is never shrunk; this costs one `dup` and two `close`s.
/// `at_most`: how many files the release can keep open at most (its configured files when none
/// is a glob), so a small release does not grow the table for thousands.
pub fn reserve_descriptors(at_most: usize) {
    let top = keep_budget().min(at_most) + 64;
    if top > 64 {
        crate::sys::grow_descriptors(top);
    }
}

impl Kept {
    /// Keep `f` if the budget allows (else it is closed).
    pub fn try_keep(f: std::fs::File) -> Option<Kept> {
        // the limit is asked once (a system call), not per file
        if KEEP_LEFT.load(Ordering::SeqCst) == usize::MAX {
            let _ = KEEP_LEFT.compare_exchange(
                usize::MAX,
                keep_budget(),
                Ordering::SeqCst,
                Ordering::SeqCst,
            );
        }
        KEEP_LEFT
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
            .then_some(Kept(f))
    }

    pub fn file(&self) -> &std::fs::File {
        &self.0
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        KEEP_LEFT.fetch_add(1, Ordering::SeqCst);
    }
}

/// A file's bytes as text; not UTF-8 is an error naming the file as the user wrote it.
pub fn decode(display: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: PathBuf::from(display),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Read many files, on every core when there are enough of them to pay for the threads (the
/// read-only `bump check` of a 2,000-file glob spends most of its time in `open` and `read`).
/// Results in the order of `paths`.
pub fn read_many(paths: &[PathBuf]) -> Vec<std::io::Result<Option<Vec<u8>>>> {
    const PER_THREAD: usize = 256;
    // (asking for the cores reads cgroup files: not for a handful of files)
    let threads = match paths.len() / PER_THREAD {
        0 | 1 => 1,
        n => std::thread::available_parallelism().map_or(1, |c| c.get().min(n)),
    };
    if threads == 1 {
        return paths.iter().map(|p| read_bounded(p)).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|p| read_bounded(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_every_size_read_whole() {
        let d = tempfile::tempdir().unwrap();
        for len in [
            0,
            1,
            171,
            SMALL_READ - 1,
            SMALL_READ,
            SMALL_READ + 1,
            3 * SMALL_READ + 7,
        ] {
            let p = d.path().join(format!("f{len}"));
            let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            std::fs::write(&p, &data).unwrap();
            assert_eq!(read_bounded(&p).unwrap().unwrap(), data, "length {len}");
        }
    }

    #[test]
    fn many_files_read_in_order() {
        let d = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..700).map(|i| d.path().join(format!("f{i}"))).collect();
        for (i, p) in paths.iter().enumerate().skip(1) {
            std::fs::write(p, i.to_string()).unwrap();
        }
        let got = read_many(&paths);
        assert_eq!(got.len(), paths.len());
        assert!(got[0]
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound));
        for (i, r) in got.iter().enumerate().skip(1) {
            assert_eq!(
                r.as_ref().unwrap().as_deref(),
                Some(i.to_string().as_bytes())
            );
        }
    }
}
