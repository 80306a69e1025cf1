//! Finding the config file as bump-my-version does: in each directory from the current one up
//! to the repository root, `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml`;
//! the first that holds a bumpversion section wins; a `pyproject.toml` with a static PEP 621
//! version is the last resort.

use std::path::{Path, PathBuf};

use super::{ini, toml};

/// The names searched in each directory, in order.
pub const SEARCH_ORDER: &[&str] = &[
    ".bumpversion.cfg",
    ".bumpversion.toml",
    "setup.cfg",
    "pyproject.toml",
];

/// The nearest ancestor of `start` (inclusive) holding `.git` or `.hg`.
pub fn repo_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(".git").exists() || d.join(".hg").exists())
        .map(Path::to_path_buf)
}

fn holds_bumpversion(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    if path.extension().is_some_and(|e| e == "toml") {
        // a cheap pre-test before parsing
        text.contains("bumpversion")
            && match toml::parse(path, &text) {
                Ok(d) => d
                    .item(&["tool", "bumpversion"])
                    .is_some_and(|i| i.is_table() || i.is_inline_table()),
                // bump-my-version skips a file it cannot parse and then reports "unable to
                // determine the current version"; picking the file instead lets loading it
                // report the syntax error with its line and column
                Err(_) => text.contains("tool.bumpversion"),
            }
    } else {
        ini::has_bumpversion(&text)
    }
}

fn static_pep621(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "pyproject.toml")
        && std::fs::read_to_string(path)
            .ok()
            .is_some_and(|t| toml::parse(path, &t).is_ok_and(|d| d.pep621_version().is_some()))
}

/// Find the config file for `cwd` (absolute).
pub fn find(cwd: &Path) -> Option<PathBuf> {
    let dirs: Vec<&Path> = match repo_root(cwd) {
        Some(root) => cwd
            .ancestors()
            .take_while(|d| d.starts_with(&root))
            .collect(),
        None => vec![cwd],
    };
    let existing: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| SEARCH_ORDER.iter().map(move |n| d.join(n)))
        .filter(|p| p.is_file())
        .collect();
    existing
        .iter()
        .find(|p| holds_bumpversion(p))
        .or_else(|| existing.iter().find(|p| static_pep621(p)))
        .cloned()
}
