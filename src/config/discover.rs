//! Finding the config file as bump-my-version does: in each directory from the current one up
//! to the repository root, `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml`;
//! the first that holds a bumpversion section wins; a `pyproject.toml` with a static PEP 621
//! version is the last resort.
//!
//! Deciding on a TOML file means parsing it; [`find_parsed`] hands that parse on, so loading the
//! file does not do it again (a quarter of a million instructions for a small config).

use std::path::{Path, PathBuf};

use super::raw::Table;
use super::{ini, toml};

/// What deciding on a TOML config file learned from it: all that loading it needs.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `[tool.bumpversion]` as a raw table.
    pub table: Option<Table>,
    /// A static `[project] version`, for a `pyproject.toml`.
    pub pep621_version: Option<String>,
}

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

/// Whether `path` holds a bumpversion section: `None` if not, else what parsing it learned
/// (nothing for an INI file or a TOML file that does not parse).
fn holds_bumpversion(path: &Path) -> Option<Option<Parsed>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        // a config that is there but cannot be read is picked, so that loading it says why
        // (skipping it would bump with the next config found, or with none)
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Some(None),
        Err(_) => return None,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let named = |n: &str| path.file_name().is_some_and(|f| f == n);
            let bumpsmith_file = named(".bumpversion.toml") || named(".bumpversion.cfg");
            let mentions = e.as_bytes().windows(11).any(|w| w == b"bumpversion");
            return (bumpsmith_file || mentions).then_some(None);
        }
    };
    if path.extension().is_none_or(|e| e != "toml") {
        return ini::has_bumpversion(&text).then_some(None);
    }
    // a cheap pre-test before parsing
    if !text.contains("bumpversion") {
        return None;
    }
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let read = toml::parse_kept(path, &text, |d| {
        let holds = d
            .item(&["tool", "bumpversion"])
            .is_some_and(|i| i.is_table() || i.is_inline_table());
        holds.then(|| Parsed {
            table: d.bumpversion(),
            pep621_version: is_pyproject.then(|| d.pep621_version()).flatten(),
        })
    });
    match read {
        Ok(parsed) => parsed.map(Some),
        // bump-my-version skips a file it cannot parse and then reports "unable to determine
        // the current version"; picking the file instead lets loading it report the syntax
        // error with its line and column
        Err(_) => text.contains("tool.bumpversion").then_some(None),
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
    find_parsed(cwd).map(|(path, _)| path)
}

/// [`find`], with the parse of the file when deciding on it needed one.
pub fn find_parsed(cwd: &Path) -> Option<(PathBuf, Option<Parsed>)> {
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
        .find_map(|p| holds_bumpversion(p).map(|parsed| (p.clone(), parsed)))
        .or_else(|| {
            let p = existing.iter().find(|p| static_pep621(p))?;
            Some((p.clone(), None))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::raw::{get, Raw};

    #[test]
    fn the_parse_that_picked_a_toml_file_is_handed_on() {
        let d = tempfile::tempdir().unwrap();
        let w = |name: &str, text: &str| std::fs::write(d.path().join(name), text).unwrap();
        w(
            "pyproject.toml",
            "[project]\nversion = \"2.0\"\n[tool.bumpversion]\ncurrent_version = \"2.0\"\n",
        );
        let (path, parsed) = find_parsed(d.path()).unwrap();
        assert_eq!(path, d.path().join("pyproject.toml"));
        let parsed = parsed.unwrap();
        let table = parsed.table.unwrap();
        assert_eq!(
            get(&table, "current_version"),
            Some(&Raw::Str("2.0".into()))
        );
        assert_eq!(parsed.pep621_version.as_deref(), Some("2.0"));

        // a file that does not parse is still picked, with no parse to hand on
        w(
            ".bumpversion.toml",
            "[tool.bumpversion]\ncurrent_version = = 1\n",
        );
        let (path, parsed) = find_parsed(d.path()).unwrap();
        assert_eq!(path, d.path().join(".bumpversion.toml"));
        assert!(parsed.is_none());
        assert_eq!(find(d.path()), Some(path));
    }
}
