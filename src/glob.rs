//! Glob expansion as wcmatch's `glob` does it for bump-my-version: `/`-separated components,
//! `*`/`?`/`[...]` within one name, `**` for any number of directories, names starting with `.`
//! matched only by a pattern that starts with `.`. A directory walk that reads each directory
//! once and uses the entry's file type (no `stat` per entry), and skips names that are not UTF-8
//! instead of aborting.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use crate::error::{Error, Result};

enum Comp {
    Literal(String),
    Pattern { matcher: GlobMatcher, dot: bool },
    AnyDirs,
}

fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn compile(pattern: &str) -> Result<Vec<Comp>> {
    pattern
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(|c| {
            if c == "**" {
                Ok(Comp::AnyDirs)
            } else if is_pattern(c) {
                let g = GlobBuilder::new(c)
                    .literal_separator(true)
                    .backslash_escape(true)
                    .build()
                    .map_err(|e| Error::Glob {
                        glob: pattern.to_string(),
                        message: e.kind().to_string(),
                    })?;
                Ok(Comp::Pattern {
                    matcher: g.compile_matcher(),
                    dot: c.starts_with('.'),
                })
            } else {
                Ok(Comp::Literal(c.to_string()))
            }
        })
        .collect()
}

/// Every file matching `pattern` (relative to `cwd` unless absolute), as `pattern` spells its
/// base: relative paths for a relative pattern, absolute for an absolute one. Sorted.
pub fn glob_files(cwd: &Path, pattern: &str) -> Result<Vec<String>> {
    Ok(glob_entries(cwd, pattern)?
        .into_iter()
        .map(|e| e.path)
        .collect())
}

/// One file a glob found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: String,
    /// The directory listing said it is a regular file, not a symlink (so later steps need not
    /// `lstat` it again to find out).
    pub regular: bool,
    /// A regular file reached from the working directory (a relative pattern) through real
    /// directories only: no symlink, no `..`. It is inside whatever the working directory is
    /// inside, so confinement needs no `realpath` for it.
    pub plain: bool,
}

/// [`glob_files`], with what the directory listing said about each file.
pub fn glob_entries(cwd: &Path, pattern: &str) -> Result<Vec<Found>> {
    let comps = compile(pattern)?;
    let (start, prefix) = if pattern.starts_with('/') {
        (PathBuf::from("/"), String::from("/"))
    } else {
        (cwd.to_path_buf(), String::new())
    };
    let mut out = Vec::new();
    walk(&start, &prefix, &comps, !pattern.starts_with('/'), &mut out);
    out.sort();
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() || prefix.ends_with('/') {
        format!("{prefix}{name}")
    } else {
        format!("{prefix}/{name}")
    }
}

fn is_dir(path: &Path, ft: std::fs::FileType) -> bool {
    ft.is_dir() || (ft.is_symlink() && path.is_dir())
}

/// `plain`: `dir` was reached through real directories only (see [`Found::plain`]).
fn walk(dir: &Path, rel: &str, comps: &[Comp], plain: bool, out: &mut Vec<Found>) {
    let Some((first, rest)) = comps.split_first() else {
        return;
    };
    match first {
        Comp::Literal(name) => {
            let next = dir.join(name);
            let next_rel = join(rel, name);
            // one `lstat`; a symlink is followed with a `stat`
            let Ok(lmeta) = std::fs::symlink_metadata(&next) else {
                return;
            };
            let link = lmeta.file_type().is_symlink();
            let meta = if link {
                match std::fs::metadata(&next) {
                    Ok(m) => m,
                    Err(_) => return,
                }
            } else {
                lmeta
            };
            let plain = plain && !link && name != ".." && name != ".";
            if rest.is_empty() {
                if meta.is_file() {
                    out.push(Found {
                        path: next_rel,
                        regular: false,
                        plain,
                    });
                }
            } else if meta.is_dir() {
                walk(&next, &next_rel, rest, plain, out);
            }
        }
        Comp::Pattern { matcher, dot } => {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let name_os = entry.file_name();
                let Some(name) = name_os.to_str() else {
                    continue;
                };
                if (name.starts_with('.') && !dot) || !matcher.is_match(name) {
                    continue;
                }
                let Ok(ft) = entry.file_type() else {
                    continue;
                };
                if rest.is_empty() {
                    if ft.is_file() {
                        out.push(Found {
                            path: join(rel, name),
                            regular: true,
                            plain,
                        });
                    } else if ft.is_symlink() && entry.path().is_file() {
                        out.push(Found {
                            path: join(rel, name),
                            regular: false,
                            plain: false,
                        });
                    }
                } else if is_dir(&entry.path(), ft) {
                    let plain = plain && ft.is_dir();
                    walk(&entry.path(), &join(rel, name), rest, plain, out);
                }
            }
        }
        Comp::AnyDirs => {
            // zero directories...
            walk(dir, rel, rest, plain, out);
            // ...or one more, keeping `**`
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let name_os = entry.file_name();
                let Some(name) = name_os.to_str() else {
                    continue;
                };
                if name.starts_with('.') {
                    continue;
                }
                let Ok(ft) = entry.file_type() else {
                    continue;
                };
                // like wcmatch, `**` does not follow directory symlinks (no cycles)
                if ft.is_dir() {
                    walk(&entry.path(), &join(rel, name), comps, plain, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in files {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        d
    }

    #[test]
    fn components_globstar_and_dotfiles() {
        let d = tree(&[
            "a/x.py",
            "a/b/y.py",
            "a/b/c/z.py",
            "a/.h.py",
            ".hid/q.py",
            "a/x.txt",
        ]);
        assert_eq!(glob_files(d.path(), "a/*.py").unwrap(), ["a/x.py"]);
        assert_eq!(
            glob_files(d.path(), "**/*.py").unwrap(),
            ["a/b/c/z.py", "a/b/y.py", "a/x.py"]
        );
        assert_eq!(glob_files(d.path(), "a/.*.py").unwrap(), ["a/.h.py"]);
        assert_eq!(glob_files(d.path(), "a/*/*.py").unwrap(), ["a/b/y.py"]);
        assert_eq!(
            glob_files(d.path(), "a/[xy].*").unwrap(),
            ["a/x.py", "a/x.txt"]
        );
        assert!(glob_files(d.path(), "nope/*.py").unwrap().is_empty());
    }

    #[test]
    fn non_utf8_names_are_skipped_not_fatal() {
        use std::os::unix::ffi::OsStrExt;
        let d = tree(&["a/x.py"]);
        let bad = std::ffi::OsStr::from_bytes(b"bad\xff.py");
        std::fs::write(d.path().join("a").join(bad), "x").unwrap();
        assert_eq!(glob_files(d.path(), "a/*.py").unwrap(), ["a/x.py"]);
    }
}
