//! An in-process answer to "is the tree clean?" that spares the common case a `git status`
//! (a process spawn, and ~45-70 ms of CPU on 22,000 files).
//!
//! [`check`] says [`Verdict::Clean`] only when `git status --porcelain --untracked-files=no`
//! would print nothing; whenever it is not sure it says [`Verdict::Unknown`] and the caller
//! runs `git status`. Clean means:
//! - nothing is staged: the index's cache-tree root is valid and equals HEAD's tree (HEAD read
//!   from the files, see `git/head.rs`; a packed commit asks `git rev-parse`, started early so
//!   it runs alongside the stat phase);
//! - nothing is modified: every entry's `lstat` matches the stat data git recorded (times to
//!   the nanosecond, inode, device, owner, size, type and executable bit: stricter than git),
//!   and no directory on its path is a symlink. Entries modified in the same second as the
//!   index was written ("racily clean", which a stat cannot vouch for) are hashed as git would
//!   hash them, once no attribute could make git convert their content first.
//!
//! Conflicts, submodules, sparse checkouts, `git add -N`, split or sparse indexes, SHA-256,
//! unusual configuration or environment, an unborn HEAD, a repository git would refuse for its
//! owner: all answer Unknown. The work is split over the available cores in contiguous chunks,
//! each with reused buffers, and stops as soon as one chunk finds a difference.

use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use super::head::{self, Dirs, HeadTree};
use super::index::{Entry, Index, Oid};
use super::settings::{self, Config};
use super::Repo;

/// The quick check's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// `git status --porcelain --untracked-files=no` would print nothing.
    Clean,
    /// Not known here: ask git.
    Unknown,
}

/// Entries a thread takes at a time (threads share the work by taking chunks in turn).
const CHUNK: usize = 512;
/// The empty blob: an entry with recorded size 0 and another id was "smudged" by git (its
/// content differs, whatever its stat says).
const EMPTY_BLOB: Oid = [
    0xe6, 0x9d, 0xe2, 0x9b, 0xb2, 0xd1, 0xd6, 0x43, 0x4b, 0x8b, 0x29, 0xae, 0x77, 0x5a, 0xd8, 0xc2,
    0xe4, 0x8c, 0x53, 0x91,
];

/// Tell, without running git when it can, whether the work tree and index match HEAD.
pub fn check(repo: &Repo) -> Verdict {
    match check_deferred(repo) {
        Some(racy) if racy.iter().all(|r| r.file_matches(&repo.root)) => Verdict::Clean,
        _ => Verdict::Unknown,
    }
}

/// A racily clean regular file whose content the check still has to compare with its blob:
/// the tree is clean if each of them (and nothing else) does.
#[derive(Debug, Clone)]
pub struct Racy {
    /// Relative to the work tree root, `/`-separated.
    path: Vec<u8>,
    oid: Oid,
    md: Metadata,
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

/// [`check`], leaving the content of racily clean files to the caller: `Some(racy)` when the
/// tree is clean if every one of `racy` still hashes to its blob (see [`Racy`]); `None` when
/// only git can tell.
pub fn check_deferred(repo: &Repo) -> Option<Vec<Racy>> {
    start(repo).finish()
}

/// A quick check under way (see [`start`]).
#[derive(Debug)]
pub struct Pending {
    repo: Repo,
    state: Arc<State>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What the background thread publishes once it has read the index: the work to share, or
/// `None` (only git can tell).
#[derive(Debug, Default)]
struct State {
    ready: Mutex<Option<Option<Arc<Context>>>>,
    published: Condvar,
}

/// Start [`check_deferred`] on a background thread, so that the caller can plan meanwhile;
/// [`Pending::finish`] then lends the caller's thread to the entries not compared yet (on a
/// 22,000-file tree the comparison takes longer than planning, and a core left idle while
/// waiting would be wasted).
pub fn start(repo: &Repo) -> Pending {
    let state = Arc::new(State::default());
    let (st, r) = (Arc::clone(&state), repo.clone());
    let thread = std::thread::Builder::new()
        .name("bump-clean".into())
        .spawn(move || {
            // should `prepare` panic, the waiting caller still hears "only git can tell"
            let guard = Unpublished(&st);
            let ctx = prepare(&r).map(Arc::new);
            std::mem::forget(guard);
            st.publish(ctx.clone());
            if let Some(ctx) = ctx {
                ctx.work();
            }
        })
        .ok();
    Pending {
        repo: repo.clone(),
        state,
        thread,
    }
}

/// Publishes "only git can tell" when dropped (by a panic) before the real verdict.
struct Unpublished<'a>(&'a State);

impl Drop for Unpublished<'_> {
    fn drop(&mut self) {
        self.0.publish(None);
    }
}

impl State {
    fn publish(&self, ctx: Option<Arc<Context>>) {
        *self.ready.lock().unwrap_or_else(|e| e.into_inner()) = Some(ctx);
        self.published.notify_all();
    }

    fn wait(&self) -> Option<Arc<Context>> {
        let mut ready = self.ready.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(ctx) = ready.as_ref() {
                return ctx.clone();
            }
            ready = self
                .published
                .wait(ready)
                .unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Pending {
    /// Wait for the verdict, comparing the entries left on this thread meanwhile.
    pub fn finish(mut self) -> Option<Vec<Racy>> {
        let ctx = match self.thread.take() {
            Some(t) => {
                let ctx = self.state.wait();
                if let Some(c) = &ctx {
                    c.work();
                }
                // a worker that panicked (it should not) leaves the verdict to git
                t.join().ok()?;
                ctx
            }
            // no thread to be had: all of it here
            None => prepare(&self.repo).map(|c| {
                c.work();
                Arc::new(c)
            }),
        }?;
        ctx.verdict()
    }
}

/// Everything before the work tree is compared: the settings, HEAD's tree, the index.
fn prepare(repo: &Repo) -> Option<Context> {
    if settings::env_overrides() {
        return None;
    }
    let dirs = Dirs::new(&repo.git_dir)?;
    let dotgit = repo.root.join(".git");
    if !settings::owned_by_us(&[&repo.root, &dotgit, &dirs.git_dir, &dirs.common]) {
        return None;
    }
    let config = Config::scan(&dirs);
    if config.unusual {
        return None;
    }
    let head = head::head_tree(&dirs)?;
    let (index, index_mtime) = read_index(&dirs.git_dir)?;
    let tree = index.tree.as_ref()?;
    let root_tree = tree.oid?;
    if usize::try_from(tree.entry_count).ok()? != index.entries.len() {
        return None;
    }
    let rev_parse = match head {
        HeadTree::Tree(t) if t == root_tree => None,
        HeadTree::Tree(_) => return None,
        HeadTree::NotLoose => Some(RevParse::start(repo)?),
    };
    // paths relative to the process's directory when that is the root: the kernel then walks
    // no leading components (it dominates the cost of an lstat). Should the directory change
    // meanwhile, the files found elsewhere cannot have the recorded inodes: Unknown
    let mut prefix = Vec::new();
    if std::env::current_dir().ok().as_ref() != Some(&repo.root) {
        prefix.extend_from_slice(repo.root.as_os_str().as_bytes());
        prefix.push(b'/');
    }
    Some(Context {
        prefix,
        index,
        index_mtime,
        dirs,
        config,
        root_tree,
        rev_parse: Mutex::new(rev_parse),
        outer_attrs: OnceLock::new(),
        stop: AtomicBool::new(false),
        next: AtomicUsize::new(0),
        racy: Mutex::new(Vec::new()),
    })
}

/// The index, parsed, and its file's modification time (seconds): one open, so the two belong
/// to the same file even if git replaces it meanwhile.
fn read_index(git_dir: &Path) -> Option<(Index, i64)> {
    let mut f = File::open(git_dir.join("index")).ok()?;
    let md = f.metadata().ok()?;
    let mut data = Vec::with_capacity(usize::try_from(md.len()).ok()?);
    f.read_to_end(&mut data).ok()?;
    Some((Index::parse(&data).ok()?, md.mtime()))
}

/// `git rev-parse --verify -q HEAD^{tree}`, running while the work tree is compared.
#[derive(Debug)]
struct RevParse(Option<Child>);

impl RevParse {
    fn start(repo: &Repo) -> Option<RevParse> {
        let child = repo
            .command(&["rev-parse", "--verify", "-q", "HEAD^{tree}"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        Some(RevParse(Some(child)))
    }

    fn finish(mut self) -> Option<Oid> {
        let out = self.0.take()?.wait_with_output().ok()?;
        if !out.status.success() {
            return None;
        }
        head::parse_hex(std::str::from_utf8(&out.stdout).ok()?.trim_end())
    }
}

impl Drop for RevParse {
    /// A check that gave up early still reaps its child (its output fits in the pipe).
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.wait();
        }
    }
}

/// What every worker shares.
#[derive(Debug)]
struct Context {
    /// `ROOT/`, or nothing when the process runs in the root.
    prefix: Vec<u8>,
    index: Index,
    index_mtime: i64,
    dirs: Dirs,
    config: Config,
    /// The cache-tree root, which HEAD's tree must equal.
    root_tree: Oid,
    /// When HEAD's commit is packed: `git rev-parse`, running meanwhile.
    rev_parse: Mutex<Option<RevParse>>,
    /// Whether the attributes files outside the work tree are harmless: asked once, lazily.
    outer_attrs: OnceLock<bool>,
    /// Set by the first worker that finds a difference: the others stop.
    stop: AtomicBool,
    /// The next chunk of entries to compare.
    next: AtomicUsize,
    /// Racily clean files found so far.
    racy: Mutex<Vec<Racy>>,
}

impl Context {
    /// Compare chunks of entries with the work tree until none is left (or one differs). Every
    /// thread that calls this takes chunks from the same counter.
    fn work(&self) {
        let entries = &self.index.entries;
        let mut w = Worker::new(self);
        while !self.stop.load(Ordering::Relaxed) {
            let start = self.next.fetch_add(CHUNK, Ordering::Relaxed);
            let Some(chunk) = entries.get(start..entries.len().min(start + CHUNK)) else {
                break;
            };
            if chunk.is_empty() {
                break;
            }
            let ok = chunk
                .iter()
                .all(|e| !self.stop.load(Ordering::Relaxed) && w.entry_matches(e));
            if !ok {
                self.stop.store(true, Ordering::Relaxed);
            }
        }
        let mut racy = self.racy.lock().unwrap_or_else(|e| e.into_inner());
        racy.append(&mut w.racy);
    }

    /// Once every chunk is done: the racy files left to compare, or `None`.
    fn verdict(&self) -> Option<Vec<Racy>> {
        if self.stop.load(Ordering::Relaxed)
            || self.next.load(Ordering::Relaxed) < self.index.entries.len()
        {
            return None;
        }
        let rev_parse = self.rev_parse.lock().ok()?.take();
        if let Some(r) = rev_parse {
            if r.finish()? != self.root_tree {
                return None;
            }
        }
        Some(std::mem::take(&mut *self.racy.lock().ok()?))
    }
}

/// One thread's state: reused buffers, and the directories already checked.
struct Worker<'a> {
    ctx: &'a Context,
    /// The prefix, then the entry's path.
    path: Vec<u8>,
    base: usize,
    /// Scratch for `DIR/.gitattributes`.
    scratch: Vec<u8>,
    /// Directories known to be real directories (not symlinks), with their ancestors.
    real_dirs: Checked,
    /// Directories whose `.gitattributes` (and their ancestors') are known harmless.
    attr_dirs: Checked,
    /// Racily clean regular files, left for [`Racy`] to compare.
    racy: Vec<Racy>,
}

impl<'a> Worker<'a> {
    fn new(ctx: &'a Context) -> Self {
        let path = ctx.prefix.to_vec();
        Worker {
            ctx,
            base: path.len(),
            path,
            scratch: Vec::new(),
            real_dirs: Checked::default(),
            attr_dirs: Checked::default(),
            racy: Vec::new(),
        }
    }

    fn entry_matches(&mut self, e: &Entry) -> bool {
        let rel = self.ctx.index.path(e);
        if !plain_entry(e) || !plain_path(rel) {
            return false;
        }
        self.path.truncate(self.base);
        self.path.extend_from_slice(rel);
        let dir = &rel[..rel.iter().rposition(|&b| b == b'/').unwrap_or(0)];
        let (path, base) = (&self.path, self.base);
        // git treats a path under a symlinked directory as deleted
        if !self.real_dirs.ensure(dir, |d| {
            d.is_empty() || is_real_dir(os(&path[..base + d.len()]))
        }) {
            return false;
        }
        let Ok(md) = std::fs::symlink_metadata(os(&self.path)) else {
            return false;
        };
        if !stat_matches(e, &md) {
            return false;
        }
        // racily clean: written in the index's second, so a later change in the same second
        // may have kept every stat field; only the content can tell
        md.mtime() < self.ctx.index_mtime || self.content_matches(e, &md, dir)
    }

    fn content_matches(&mut self, e: &Entry, md: &Metadata, dir: &[u8]) -> bool {
        let ctx = self.ctx;
        let outer = *ctx
            .outer_attrs
            .get_or_init(|| settings::outer_attributes_safe(&ctx.dirs, &ctx.config));
        let (prefix, scratch) = (&ctx.prefix[..], &mut self.scratch);
        if !outer
            || !self.attr_dirs.ensure(dir, |d| {
                scratch.clear();
                scratch.extend_from_slice(prefix);
                scratch.extend_from_slice(d);
                if !d.is_empty() {
                    scratch.push(b'/');
                }
                scratch.extend_from_slice(b".gitattributes");
                settings::attributes_file_safe(os(scratch))
            })
        {
            return false;
        }
        if !md.file_type().is_symlink() {
            // compared later, by the caller that may hold the content already
            self.racy.push(Racy {
                path: self.path[self.ctx.prefix.len()..].to_vec(),
                oid: e.oid,
                md: md.clone(),
            });
            return true;
        }
        let oid = std::fs::read_link(os(&self.path))
            .ok()
            .filter(|t| t.as_os_str().len() as u64 == md.size())
            .map(|t| blob_oid(&[t.as_os_str().as_bytes()]));
        oid == Some(e.oid)
    }
}

/// An entry this check can vouch for: stage 0, a regular file or symlink, in the work tree,
/// not `git add -N`.
fn plain_entry(e: &Entry) -> bool {
    e.stage() == 0
        && matches!(e.mode, 0o100644 | 0o100755 | 0o120000)
        && !e.skip_worktree()
        && !e.intent_to_add()
}

/// A path that stays inside the work tree and out of `.git`, as git's own entries do.
fn plain_path(path: &[u8]) -> bool {
    !path.starts_with(b"/")
        && path
            .split(|&b| b == b'/')
            .all(|c| !c.is_empty() && c != b"." && c != b".." && !c.eq_ignore_ascii_case(b".git"))
}

/// Whether the work tree file's `lstat` matches what the index recorded: every field git
/// records, compared as git truncates them; the type and executable bit against the mode.
fn stat_matches(e: &Entry, md: &Metadata) -> bool {
    let kind = md.file_type();
    let kind_ok = match e.mode {
        0o100644 => kind.is_file() && md.mode() & 0o100 == 0,
        0o100755 => kind.is_file() && md.mode() & 0o100 != 0,
        0o120000 => kind.is_symlink(),
        _ => false,
    };
    kind_ok
        && e.mtime.sec == md.mtime() as u32
        && e.mtime.nsec == md.mtime_nsec() as u32
        && e.ctime.sec == md.ctime() as u32
        && e.ctime.nsec == md.ctime_nsec() as u32
        && e.ino == md.ino() as u32
        && e.dev == md.dev() as u32
        && e.uid == md.uid()
        && e.gid == md.gid()
        && e.size == md.size() as u32
        && (e.size != 0 || e.oid == EMPTY_BLOB)
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
fn blob_oid(pieces: &[&[u8]]) -> Oid {
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

fn os(bytes: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(bytes))
}

fn is_real_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

/// The deepest directory whose every ancestor passed a check. Index entries are sorted, so
/// most share it with their predecessor, and each directory is checked about once.
#[derive(Default)]
struct Checked {
    dir: Vec<u8>,
    valid: bool,
}

impl Checked {
    /// Run `check` on every directory from the root (`""`) down to `dir` that is not known to
    /// pass yet; false as soon as one fails.
    fn ensure(&mut self, dir: &[u8], mut check: impl FnMut(&[u8]) -> bool) -> bool {
        if self.valid && self.dir == dir {
            return true;
        }
        let ends = std::iter::once(0)
            .chain(
                dir.iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'/')
                    .map(|(i, _)| i),
            )
            .chain((!dir.is_empty()).then_some(dir.len()));
        for end in ends {
            let d = &dir[..end];
            if self.valid && covers(&self.dir, d) {
                continue;
            }
            if !check(d) {
                self.valid = false;
                return false;
            }
        }
        self.dir.clear();
        self.dir.extend_from_slice(dir);
        self.valid = true;
        true
    }
}

/// Whether `d` is `done` or one of its ancestors.
fn covers(done: &[u8], d: &[u8]) -> bool {
    d.is_empty() || (done.starts_with(d) && done.get(d.len()).is_none_or(|&b| b == b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn checked_visits_each_new_directory_once() {
        let mut c = Checked::default();
        let mut seen: Vec<String> = Vec::new();
        for dir in ["", "a", "a/b", "a/b", "a/c", "ab", "a/b/d"] {
            assert!(c.ensure(dir.as_bytes(), |d| {
                seen.push(String::from_utf8_lossy(d).into_owned());
                true
            }));
        }
        assert_eq!(seen, ["", "a", "a/b", "a/c", "ab", "a", "a/b", "a/b/d"]);
        assert!(!c.ensure(b"x/y", |d| d != b"x"));
        // a failure forgets what was known
        let mut again = Vec::new();
        c.ensure(b"x", |d| {
            again.push(d.to_vec());
            true
        });
        assert_eq!(again, [b"".to_vec(), b"x".to_vec()]);
    }

    #[test]
    fn paths_outside_the_work_tree_are_refused() {
        for bad in [
            &b"../x"[..],
            b"/etc/passwd",
            b"a//b",
            b"a/./b",
            b".git/config",
            b"a/.GIT",
        ] {
            assert!(!plain_path(bad), "{}", String::from_utf8_lossy(bad));
        }
        assert!(plain_path(b"a/.github/x"));
        assert!(plain_path(b"README.md"));
    }
}
