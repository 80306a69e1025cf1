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
//!
//! Here: the public API, the background thread and what the threads share. `worker` compares
//! one thread's entries with the work tree; `blob` hashes content as git does, for the racily
//! clean files ([`Racy`]).

mod blob;
mod worker;

use std::ffi::OsStr;
use std::fs::File;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

pub use blob::Racy;
use worker::Worker;

use super::head::{self, Dirs, HeadTree};
use super::index::{Index, Oid};
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

/// Tell, without running git when it can, whether the work tree and index match HEAD.
pub fn check(repo: &Repo) -> Verdict {
    match check_deferred(repo) {
        Some(racy) if racy.iter().all(|r| r.file_matches(&repo.root)) => Verdict::Clean,
        _ => Verdict::Unknown,
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

fn os(bytes: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(bytes))
}
