//! Keeping a release inside its repository: a configured file, a glob or a FILES argument that
//! resolves outside the repository root (`../x`, `/etc/x`, a symlink to elsewhere, `..` through
//! a symlinked directory) is refused before anything is read or written, unless the user passes
//! `--allow-outside-repo`. Paths are resolved the way the kernel will resolve them: symlinks of
//! the part that exists are followed, the rest (a file not created yet) is taken lexically.

use foldhash::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::edits::Plan;
use super::targets::Target;
use crate::config::Config;
use crate::error::{Error, Result};

/// `path` with every symlink of its existing part followed and `.`/`..` applied.
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                // `..` after a symlinked directory leaves its target, not the link's parent
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    out
}

/// The canonical repository root.
fn canonical_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

fn outside(display: &str, root: &Path) -> Error {
    Error::OutsideRepo {
        path: PathBuf::from(display),
        root: root.to_path_buf(),
    }
}

/// The literal directory a glob starts from: its components before the first wildcard. A
/// one-character class (`[*]`, how a `{repo_root}` with wildcards in it is escaped) is literal.
fn glob_base(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' if chars.get(i + 2) == Some(&']') => {
                literal.push(chars[i + 1]);
                i += 3;
            }
            '*' | '?' | '[' | '{' => {
                return match literal.rfind('/') {
                    Some(k) => literal[..=k].to_string(),
                    None => String::new(),
                };
            }
            c => {
                literal.push(c);
                i += 1;
            }
        }
    }
    literal
}

/// Refuse globs whose literal base directory lies outside the repository, before they are
/// expanded (so `/**/*` never walks the file system).
pub fn check_globs(config: &Config, cwd: &Path, root: &Path) -> Result<()> {
    let real_root = canonical_root(root);
    for fc in &config.files {
        let Some(glob) = &fc.glob else { continue };
        for alt in glob.split('|') {
            let base = glob_base(alt);
            if !resolve(&cwd.join(&base)).starts_with(&real_root) {
                return Err(outside(glob, root));
            }
        }
    }
    Ok(())
}

/// Refuse every target (configured, glob-expanded or named on the command line) that resolves
/// outside the repository, whether or not the file exists yet.
pub fn check_targets(targets: &[Target], cwd: &Path, root: &Path) -> Result<()> {
    let real_root = canonical_root(root);
    let mut seen: HashSet<&str> = HashSet::default();
    // a glob entry gives thousands of files in a few directories: judge each directory once
    // (keyed by its bytes: hashing a `Path` walks its components), and resolve the file itself
    // only when it is a symlink
    let mut dirs: HashMap<std::ffi::OsString, bool> = HashMap::default();
    let cwd_inside = resolve(cwd).starts_with(&real_root);
    for t in targets {
        // found through real directories below the working directory, itself inside the root
        if (t.plain && cwd_inside) || !seen.insert(&t.path) {
            continue;
        }
        let rel = Path::new(&t.path);
        let plain_file = (t.regular
            || std::fs::symlink_metadata(cwd.join(rel)).is_ok_and(|m| !m.file_type().is_symlink()))
            && !t.path.contains("..")
            && rel.file_name().is_some();
        let inside = match rel.parent().filter(|_| plain_file) {
            Some(parent) => match dirs.get(parent.as_os_str()) {
                Some(&inside) => inside,
                None => {
                    let inside = resolve(&cwd.join(parent)).starts_with(&real_root);
                    dirs.insert(parent.as_os_str().to_owned(), inside);
                    inside
                }
            },
            None => resolve(&cwd.join(rel)).starts_with(&real_root),
        };
        if !inside {
            return Err(outside(&t.path, root));
        }
    }
    Ok(())
}

/// `path` relative to `cwd` when it is under it, else as it is (how the commit names files).
fn rel(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The paths a release commit stages for `targets`: each once, only those `plan` changes (an
/// unchanged file has nothing to stage, and `git add --update` fails on one git does not track,
/// such as a glob match or an `ignore_missing_version` file), without files outside the
/// repository (written only with `--allow-outside-repo`, never committed), and with the target
/// of a symlink, which is where the edit lands.
pub fn commit_paths(
    targets: &[Target],
    plan: &Plan,
    cwd: &Path,
    root: Option<&Path>,
) -> Vec<String> {
    // the plan edits `cwd.join(path)`, or the canonical target of a symlink
    let changed: HashSet<&Path> = plan.changed().map(|e| e.path.as_path()).collect();
    let real_root = root.map(canonical_root);
    let mut seen = HashSet::default();
    let mut out = Vec::new();
    let mut push = |p: String, out: &mut Vec<String>| {
        if seen.insert(p.clone()) {
            out.push(p);
        }
    };
    for t in targets {
        let abs = cwd.join(&t.path);
        let inside = |p: &Path| real_root.as_ref().is_none_or(|r| p.starts_with(r));
        let is_link =
            !t.regular && std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            if !changed.contains(abs.as_path()) {
                continue;
            }
            // a plain relative path below the working directory needs no realpath (the
            // confinement check before planning already followed its directories)
            let plain = Path::new(&t.path).is_relative()
                && !Path::new(&t.path)
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir));
            let cwd_inside = real_root.as_ref().is_some_and(|r| cwd.starts_with(r));
            if real_root.is_none() || (plain && cwd_inside) || inside(&resolve(&abs)) {
                push(t.path.clone(), &mut out);
            }
            continue;
        }
        let real = resolve(&abs);
        if changed.contains(real.as_path()) && inside(&real) {
            push(t.path.clone(), &mut out);
            push(rel(cwd, &real), &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_parent_directories_are_applied() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("a")).unwrap();
        assert_eq!(resolve(&root.join("a/../b/c")), root.join("b/c"));
        assert_eq!(resolve(&root.join("a/./x")), root.join("a/x"));
        assert_eq!(
            resolve(&root.join("../x")),
            root.parent().unwrap().join("x")
        );
    }

    #[test]
    fn symlinked_directories_are_followed_before_parent_steps() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("repo")).unwrap();
        std::fs::create_dir_all(base.join("elsewhere/deep")).unwrap();
        std::os::unix::fs::symlink(base.join("elsewhere/deep"), base.join("repo/link")).unwrap();
        // `link/../x` is `elsewhere/x`, not `repo/x`
        assert_eq!(
            resolve(&base.join("repo/link/../new-file")),
            base.join("elsewhere/new-file")
        );
        assert_eq!(
            resolve(&base.join("repo/link/missing/file")),
            base.join("elsewhere/deep/missing/file")
        );
    }

    #[test]
    fn glob_bases_stop_at_the_first_wildcard() {
        assert_eq!(glob_base("src/**/*.py"), "src/");
        assert_eq!(glob_base("../*.txt"), "../");
        assert_eq!(glob_base("*.txt"), "");
        assert_eq!(glob_base("/etc/pass*"), "/etc/");
        assert_eq!(glob_base("docs/index.rst"), "docs/index.rst");
        assert_eq!(glob_base("/tmp/a[[]1[]]/src/*.py"), "/tmp/a[1]/src/");
    }
}
