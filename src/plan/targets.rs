//! Which files a bump touches: configured entries with globs expanded (wcmatch's flavour:
//! `**`, `|`-separated alternatives, no dotfiles for `*`, excludes), files named on the command
//! line, `--no-configured-files`, and `include_bumps`/`exclude_bumps`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::config::{Config, FileChange};
use crate::error::{Error, Result};

/// One file and one of the entries that apply to it.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as configured (relative to the current directory, or absolute).
    pub path: String,
    /// Shared by every file of one glob entry (a 2,000-file glob clones nothing per file).
    pub change: Arc<FileChange>,
    /// Known to be a regular file, not a symlink (the glob's directory listing said so).
    pub regular: bool,
    /// Known to be reached from the working directory through real directories only (see
    /// [`crate::glob::Found::plain`]).
    pub plain: bool,
}

/// How the command line narrows or widens the configured files.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// FILES given on the command line.
    pub extra_files: Vec<String>,
    /// `--no-configured-files`.
    pub no_configured_files: bool,
    /// The part being bumped (filters by `include_bumps`/`exclude_bumps`).
    pub part: Option<String>,
}

fn split_top_level(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in pattern.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// One matcher for `patterns` (`/`-separated, `*` within a name), each error naming its glob.
pub fn matcher(patterns: &[String]) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = GlobBuilder::new(p)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| Error::Glob {
                glob: p.clone(),
                message: e.kind().to_string(),
            })?;
        b.add(g);
    }
    b.build().map_err(|e| Error::Glob {
        glob: patterns.join("|"),
        message: e.to_string(),
    })
}

/// Expand one glob (relative to `cwd`), with excludes.
pub fn expand_glob(cwd: &Path, pattern: &str, exclude: &[String]) -> Result<Vec<String>> {
    Ok(expand_glob_entries(cwd, pattern, exclude)?
        .into_iter()
        .map(|f| f.path)
        .collect())
}

/// [`expand_glob`], with what the directory listing said about each file.
pub fn expand_glob_entries(
    cwd: &Path,
    pattern: &str,
    exclude: &[String],
) -> Result<Vec<crate::glob::Found>> {
    let excl: Vec<String> = exclude
        .iter()
        .flat_map(|e| split_top_level(e.strip_prefix('!').unwrap_or(e)))
        .collect();
    let excl = matcher(&excl)?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in split_top_level(pattern) {
        for found in crate::glob::glob_entries(cwd, &p)? {
            if excl.is_match(&found.path) {
                continue;
            }
            if seen.insert(found.path.clone()) {
                out.push(found);
            }
        }
    }
    Ok(out)
}

fn key(cwd: &Path, path: &str) -> PathBuf {
    let p = cwd.join(path);
    p.canonicalize().unwrap_or(p)
}

/// Every (file, entry) pair the bump will process, in order.
pub fn targets(config: &Config, cwd: &Path, sel: &Selection) -> Result<Vec<Target>> {
    // filename -> ((regular, plain), entries), in first-seen order (the index keeps this
    // linear for big globs)
    type Entries = (String, (bool, bool), Vec<Arc<FileChange>>);
    let mut map: Vec<Entries> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut push =
        |map: &mut Vec<Entries>, path: String, found: (bool, bool), fc: &Arc<FileChange>| {
            match index.get(&path) {
                Some(&i) => map[i].2.push(Arc::clone(fc)),
                None => {
                    index.insert(path.clone(), map.len());
                    map.push((path, found, vec![Arc::clone(fc)]));
                }
            }
        };
    for fc in &config.files {
        if let Some(g) = &fc.glob {
            let found = expand_glob_entries(cwd, g, &fc.glob_exclude).map_err(|e| fc.placed(e))?;
            if found.is_empty() && !(fc.ignore_missing_file || sel.no_configured_files) {
                return Err(Error::GlobNoMatch { glob: g.clone() });
            }
            let shared = Arc::new(fc.clone());
            for f in found {
                push(&mut map, f.path, (f.regular, f.plain), &shared);
            }
        } else if let Some(f) = &fc.filename {
            push(&mut map, f.clone(), (false, false), &Arc::new(fc.clone()));
        }
    }
    // Canonical paths only matter when the command line names files or drops the configured
    // ones; canonicalizing costs a readlink per path component, so skip it otherwise.
    let compare = !sel.extra_files.is_empty() || sel.no_configured_files;
    let configured: HashSet<PathBuf> = if compare {
        map.iter().map(|(p, _, _)| key(cwd, p)).collect()
    } else {
        HashSet::new()
    };
    let excluded: HashSet<PathBuf> = if sel.no_configured_files {
        configured.clone()
    } else {
        HashSet::new()
    };
    let included: HashSet<PathBuf> = sel.extra_files.iter().map(|f| key(cwd, f)).collect();
    for name in &sel.extra_files {
        if configured.contains(&key(cwd, name)) {
            continue;
        }
        let fc = FileChange {
            filename: Some(name.clone()),
            glob: None,
            glob_exclude: Vec::new(),
            key_path: None,
            parse: config.parse.clone(),
            serialize: config.serialize.clone(),
            search: config.search.clone(),
            replace: config.replace.clone(),
            regex: config.regex,
            ignore_missing_version: config.ignore_missing_version,
            ignore_missing_file: config.ignore_missing_files,
            include_bumps: Some(config.part_names().iter().map(|s| s.to_string()).collect()),
            exclude_bumps: Vec::new(),
            kind: None,
            kind_options: Default::default(),
            form: config.scheme.map(crate::version::scheme::Scheme::form),
            origins: config.origins.clone(),
        };
        push(&mut map, name.clone(), (false, false), &Arc::new(fc));
    }
    let mut out = Vec::new();
    for (path, (regular, plain), entries) in map {
        if !excluded.is_empty() {
            let k = key(cwd, &path);
            if !included.contains(&k) && excluded.contains(&k) {
                continue;
            }
        }
        for change in entries {
            if let Some(part) = &sel.part {
                let included = change
                    .include_bumps
                    .as_ref()
                    .is_none_or(|b| b.contains(part));
                if !included || change.exclude_bumps.contains(part) {
                    continue;
                }
            }
            out.push(Target {
                path: path.clone(),
                change,
                regular,
                plain,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_alternatives_and_excludes() {
        let d = tempfile::tempdir().unwrap();
        for f in ["a/x.py", "a/y.py", "a/.hidden.py", "b/z.py", "b/skip.py"] {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "1").unwrap();
        }
        let mut got = expand_glob(d.path(), "a/*.py|b/*.py", &["b/skip.py".into()]).unwrap();
        got.sort();
        assert_eq!(got, ["a/x.py", "a/y.py", "b/z.py"]);
        let got = expand_glob(d.path(), "**/z.py", &[]).unwrap();
        assert_eq!(got, ["b/z.py"]);
    }
}
