//! The one tree walk `bump init` and `bump find` share: parallel, `.gitignore`-aware (also
//! outside a git repository), hidden directories included (`.github`), version-control and
//! vendored/build directories skipped.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::error::{Error, Result};

/// Directories never walked: version control, dependencies vendored by package managers,
/// virtual environments, caches and build output.
pub const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "vendor",
    "target",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    ".eggs",
    "dist",
    "build",
    ".next",
    ".terraform",
];

/// A file the walk reached: its path and its path relative to the root, `/`-separated.
pub struct Entry<'a> {
    pub path: &'a Path,
    pub rel: String,
}

/// Walk `root` on all cores, calling `visit` for each file; `visit` returns what to keep.
/// The results come back sorted by relative path, so output never depends on thread timing.
pub fn walk<T: Send>(
    root: &Path,
    visit: impl Fn(&Entry<'_>) -> Option<T> + Sync,
) -> Result<Vec<(String, T)>> {
    if !root.is_dir() {
        return Err(Error::io(
            "walk",
            root,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
        ));
    }
    let out: Mutex<Vec<(String, T)>> = Mutex::new(Vec::new());
    let root_buf: PathBuf = root.to_path_buf();
    WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .filter_entry(|e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n) || n.ends_with(".egg-info")))
        })
        .build_parallel()
        .run(|| {
            let out = &out;
            let root = &root_buf;
            let visit = &visit;
            Box::new(move |res| {
                let Ok(entry) = res else {
                    return WalkState::Continue;
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return WalkState::Continue;
                }
                let path = entry.path();
                let rel = relative(root, path);
                if let Some(v) = visit(&Entry {
                    path,
                    rel: rel.clone(),
                }) {
                    out.lock().unwrap_or_else(|e| e.into_inner()).push((rel, v));
                }
                WalkState::Continue
            })
        });
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// `path` relative to `root`, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut s = String::new();
    for c in rel.components() {
        if c == std::path::Component::CurDir {
            continue;
        }
        if !s.is_empty() {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    s
}

/// The file's text, or `None` for binaries (a NUL in the first 8 KiB) and non-UTF-8 files.
pub fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return None;
    }
    String::from_utf8(bytes).ok()
}
