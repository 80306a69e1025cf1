//! The environment, configuration and attributes facts that decide whether
//! [`super::quick`] may answer for git at all. Every question here is asked conservatively:
//! reading more files than git would, or misreading an exotic one, can only make the quick
//! check give up and leave the answer to `git status`.

use std::path::{Path, PathBuf};

use super::head::Dirs;

/// Variables that move the repository, its index or its objects, change configuration or
/// attributes behind the files read here, or swap objects: with any of them set, ask git.
const OVERRIDES: [&str; 10] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_COMMON_DIR",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_ATTR_SOURCE",
    "GIT_REPLACE_REF_BASE",
    "GIT_NAMESPACE",
];

/// Whether the environment overrides what the files say.
pub(super) fn env_overrides() -> bool {
    OVERRIDES.iter().any(|v| std::env::var_os(v).is_some())
}

/// What the configuration files say, as far as the quick check cares.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Config {
    /// Something makes the repository unusual: SHA-256 objects, a non-`files` ref store,
    /// `core.worktree`, `core.bare`, too deep includes, a line this scanner cannot read.
    pub unusual: bool,
    /// `core.attributesFile` or an `attr.*` key: attributes may come from files not checked
    /// here, so racily clean files cannot be hashed as plain bytes.
    pub attr_config: bool,
}

impl Config {
    /// Scan every configuration file git could read (system, global, the repository's and the
    /// worktree's, following includes unconditionally): a superset of git's view.
    pub fn scan(dirs: &Dirs) -> Config {
        let mut cfg = Config::default();
        let mut files: Vec<PathBuf> = system_dirs().iter().map(|d| d.join("gitconfig")).collect();
        files.extend(env_path("GIT_CONFIG_SYSTEM"));
        files.extend(env_path("GIT_CONFIG_GLOBAL"));
        files.extend(home().map(|h| h.join(".gitconfig")));
        files.extend(xdg_git_dirs().into_iter().map(|d| d.join("config")));
        files.push(dirs.common.join("config"));
        files.push(dirs.git_dir.join("config.worktree"));
        for f in files {
            cfg.read(&f, 0);
        }
        cfg
    }

    fn read(&mut self, path: &Path, depth: usize) {
        let text = match std::fs::read(path) {
            Ok(t) => t,
            // git skips missing files, and missing includes
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(_) => {
                self.unusual = true;
                return;
            }
        };
        let Ok(text) = std::str::from_utf8(&text) else {
            self.unusual = true;
            return;
        };
        let mut section = String::new();
        for raw in text.lines() {
            let mut line = raw.trim();
            if line.ends_with('\\') {
                // a continued value: rare enough not to parse
                self.unusual = true;
                return;
            }
            if let Some(rest) = line.strip_prefix('[') {
                let Some(close) = rest.find(']') else {
                    self.unusual = true;
                    return;
                };
                let name = &rest[..close];
                let end = name.find([' ', '"']).unwrap_or(name.len());
                section = name[..end].trim().to_ascii_lowercase();
                line = rest[close + 1..].trim();
            }
            if line.is_empty() || line.starts_with(['#', ';']) {
                continue;
            }
            let (key, value) = match line.split_once('=') {
                Some((k, v)) => (k.trim().to_ascii_lowercase(), value_text(v)),
                None => (line.to_ascii_lowercase(), "true".to_string()),
            };
            self.entry(&section, &key, &value, path, depth);
        }
    }

    fn entry(&mut self, section: &str, key: &str, value: &str, file: &Path, depth: usize) {
        match (section, key) {
            ("extensions", "objectformat") => self.unusual |= !value.eq_ignore_ascii_case("sha1"),
            ("extensions", "refstorage") => self.unusual |= !value.eq_ignore_ascii_case("files"),
            ("core", "worktree") => self.unusual = true,
            ("core", "bare") => {
                let v = value.to_ascii_lowercase();
                self.unusual |= !matches!(v.as_str(), "false" | "no" | "off" | "0");
            }
            ("core", "attributesfile") => self.attr_config = true,
            ("attr", _) => self.attr_config = true,
            (s, "path") if s == "include" || s == "includeif" => {
                if depth >= 10 {
                    self.unusual = true;
                    return;
                }
                let target = match value.strip_prefix("~/") {
                    Some(rest) => match home() {
                        Some(h) => h.join(rest),
                        None => {
                            self.unusual = true;
                            return;
                        }
                    },
                    None => file.parent().unwrap_or(Path::new("/")).join(value),
                };
                self.read(&target, depth + 1);
            }
            _ => {}
        }
    }
}

/// A value without surrounding quotes or a trailing comment.
fn value_text(v: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for ch in v.trim().chars() {
        match ch {
            '"' => quoted = !quoted,
            '#' | ';' if !quoted => break,
            _ => out.push(ch),
        }
    }
    out.trim().to_string()
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn home() -> Option<PathBuf> {
    env_path("HOME")
}

/// `$XDG_CONFIG_HOME/git` and `$HOME/.config/git` (git uses the first when set; both are read).
fn xdg_git_dirs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = env_path("XDG_CONFIG_HOME")
        .map(|x| x.join("git"))
        .into_iter()
        .collect();
    out.extend(home().map(|h| h.join(".config/git")));
    out
}

/// Where git's system-wide `gitconfig` and `gitattributes` may be: `/etc`, and `PREFIX/etc`
/// for the `git` found on `PATH` (its directory's parent, symlinks resolved or not).
fn system_dirs() -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("/etc")];
    let path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(git) = std::env::split_paths(&path)
        .map(|d| d.join("git"))
        .find(|g| g.is_file())
    {
        let real = std::fs::canonicalize(&git).ok();
        for exe in std::iter::once(git).chain(real) {
            if let Some(prefix) = exe.parent().and_then(Path::parent) {
                let etc = prefix.join("etc");
                if !out.contains(&etc) {
                    out.push(etc);
                }
            }
        }
    }
    out
}

/// Whether the attributes files outside the work tree (system, global, `info/attributes`)
/// leave every file's content as it is when git hashes it. Asked once per check, and only
/// when a racily clean file has to be hashed.
pub(super) fn outer_attributes_safe(dirs: &Dirs, cfg: &Config) -> bool {
    if cfg.attr_config {
        return false;
    }
    let mut files: Vec<PathBuf> = system_dirs()
        .iter()
        .map(|d| d.join("gitattributes"))
        .collect();
    files.extend(xdg_git_dirs().into_iter().map(|d| d.join("attributes")));
    files.push(dirs.git_dir.join("info/attributes"));
    files.push(dirs.common.join("info/attributes"));
    files.iter().all(|f| attributes_file_safe(f))
}

/// An attributes file that is absent, or a regular file [`attributes_safe`] accepts.
pub(super) fn attributes_file_safe(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        Ok(md) if md.is_file() => std::fs::read(path).is_ok_and(|t| attributes_safe(&t)),
        Ok(_) => false,
    }
}

/// Whether an attributes file sets nothing that makes git convert content on the way in:
/// `text` (other than `text=auto`, which never converts a file whose bytes equal its blob),
/// `eol`, `crlf`, `ident`, `filter`, `working-tree-encoding`, or a macro definition (which
/// could set any of them under another name). Unsetting (`-text`) or unspecifying (`!eol`)
/// is harmless, and so are all other attributes (`diff`, `merge`, `binary`, `linguist-*`...).
/// Every token after a line's first is treated as an attribute, so a quoted pattern with
/// spaces can only make this stricter.
pub fn attributes_safe(text: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(text) else {
        return false;
    };
    text.lines().all(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return true;
        }
        if line.starts_with("[attr]") {
            return false;
        }
        line.split_whitespace().skip(1).all(|attr| {
            if attr.starts_with(['-', '!']) {
                return true;
            }
            let (name, value) = attr.split_once('=').unwrap_or((attr, ""));
            match name {
                "text" => value == "auto",
                "eol" | "crlf" | "ident" | "filter" | "working-tree-encoding" => false,
                _ => true,
            }
        })
    })
}

/// Whether every path is owned by the user running this process, as git requires (its
/// `safe.directory` check) before it agrees to work in a repository. Linux only (the owner
/// of `/proc/self` is the effective user); elsewhere the answer is no.
pub(super) fn owned_by_us(paths: &[&Path]) -> bool {
    use std::os::unix::fs::MetadataExt;
    if !cfg!(target_os = "linux") {
        return false;
    }
    let Ok(me) = std::fs::metadata("/proc/self") else {
        return false;
    };
    paths.iter().all(|p| match std::fs::symlink_metadata(p) {
        Ok(md) => md.uid() == me.uid(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_that_convert_content_are_unsafe() {
        assert!(attributes_safe(
            b"# nothing\n\n*.png binary\n*.md diff=markdown -text\n"
        ));
        assert!(attributes_safe(b"* text=auto\n*.sh !eol\n"));
        for bad in [
            "*.txt text\n",
            "*.bat eol=crlf\n",
            "* crlf\n",
            "*.c ident\n",
            "*.bin filter=lfs diff=lfs\n",
            "*.txt working-tree-encoding=UTF-16\n",
            "[attr]mine text\n",
            "\"a b\" text\n",
        ] {
            assert!(!attributes_safe(bad.as_bytes()), "{bad:?} passed");
        }
        assert!(!attributes_safe(b"\xff\xfe"));
    }

    fn scan_text(text: &str) -> Config {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, text).unwrap();
        let mut cfg = Config::default();
        cfg.read(&path, 0);
        cfg
    }

    #[test]
    fn config_scan_finds_what_matters() {
        let plain = "[core]\n\trepositoryformatversion = 0\n\tbare = false\n[user]\nname = x\n";
        assert_eq!(scan_text(plain), Config::default());
        assert!(scan_text("[extensions]\n\tobjectFormat = sha256\n").unusual);
        assert!(!scan_text("[extensions]\n\tobjectformat = \"SHA1\" # ok\n").unusual);
        assert!(scan_text("[extensions]\nrefStorage = reftable\n").unusual);
        assert!(scan_text("[core]\n\tworktree = ../x\n").unusual);
        assert!(scan_text("[core] bare\n").unusual);
        assert!(scan_text("[core]\nattributesFile = ~/a\n").attr_config);
        assert!(scan_text("[attr]\n\ttree = HEAD\n").attr_config);
        assert!(scan_text("[alias]\n\tx = !echo a \\\n b\n").unusual);
        // section names are case-insensitive; a subsection is (conservatively) not told apart
        assert!(scan_text("[Extensions \"x\"]\nobjectformat = sha256\n").unusual);
    }

    #[test]
    fn includes_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("inc"),
            "[extensions]\nobjectformat = sha256\n",
        )
        .unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, "[includeIf \"gitdir:/nowhere/\"]\n\tpath = inc\n").unwrap();
        let mut cfg = Config::default();
        cfg.read(&path, 0);
        assert!(cfg.unusual);
        // an include of itself ends at the depth limit, unusual
        std::fs::write(&path, "[include]\n\tpath = config\n").unwrap();
        let mut cfg = Config::default();
        cfg.read(&path, 0);
        assert!(cfg.unusual);
    }
}
