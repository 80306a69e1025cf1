//! The core's typed errors: each carries the file, line and pattern involved, so the one place
//! that reports (the CLI) can say what went wrong and what to do about it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Result alias used across the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a configured value was set, so that an error about it can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `key` of the config file `path` (e.g. `files[2].search`), on `line` (0: not known).
    /// Shared, not owned: every file entry inherits the top level's origins, so a clone must be
    /// cheap (a config load clones them once per file).
    Key {
        path: Arc<Path>,
        line: usize,
        key: Arc<str>,
    },
    /// A command-line option (or the `BUMPVERSION_*` variable standing for it): `--serialize`.
    Flag(&'static str),
}

impl Origin {
    /// An error about the value set here: ``path:line: `key`: message`` for a config key, a usage
    /// error ``--flag: message`` for an option.
    pub fn error(&self, message: impl std::fmt::Display) -> Error {
        self.said(format!(": {message}"))
    }

    /// The key (or option) followed by `rest`, as the error its origin calls for.
    fn said(&self, rest: String) -> Error {
        match self {
            Origin::Key { path, line, key } => Error::ConfigValue {
                path: path.to_path_buf(),
                line: (*line > 0).then_some(*line),
                message: format!("`{key}`{rest}"),
            },
            Origin::Flag(flag) => Error::usage(format!("{flag}{rest}")),
        }
    }
}

/// Which version a [`Error::VersionForm`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionRole {
    /// A version to set (`--new-version`).
    New,
    /// The current version (the config's, `--current-version`).
    Current,
    /// A version to start from (`bump show-bump VERSION`).
    Start,
}

/// How a failure should map to an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The work was refused: the tree or repository is not in a state to bump (exit 1).
    Refused,
    /// The invocation or configuration is wrong (exit 2).
    Usage,
}

/// Every error the core can report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{}` is not valid UTF-8 (byte {offset}); bump edits text files only", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A value of a config file that is wrong: `path:line: message`, where the message names
    /// the key (`line`: that key's line, when known).
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    ConfigValue {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("invalid regular expression `{pattern}`: {message}")]
    Regex { pattern: String, message: String },
    /// A template that cannot be rendered; [`Error::at`] says which key holds it.
    #[error("cannot render template `{template}`: {message}")]
    Template { template: String, message: String },
    /// A glob that does not compile; [`Error::at`] says which key holds it.
    #[error("invalid glob `{glob}`: {message}")]
    Glob { glob: String, message: String },
    #[error("parse pattern `{pattern}` does not match version `{version}`")]
    ParseMismatch { pattern: String, version: String },
    #[error(
        "new version `{version}` is not matched whole by the parse pattern `{pattern}` (it matches only `{matched}`)"
    )]
    PartialParse {
        version: String,
        pattern: String,
        matched: String,
    },
    /// A version the parse pattern does not match (whole, for a version given to set), told
    /// with what a version looks like instead of the pattern.
    #[error("{}", version_form(*role, *scheme, version, matched.as_deref(), example.as_deref(), form.as_deref()))]
    VersionForm {
        /// Which version it is: the new one, the current one, one to start from.
        role: VersionRole,
        /// Read by a built-in scheme (which the user wrote no pattern for), not a parse pattern.
        scheme: bool,
        version: String,
        /// What the pattern matches of it (`None`: nothing).
        matched: Option<String>,
        /// A version the pattern reads: the current one, or the parts' first values (`None`:
        /// neither reads back).
        example: Option<String>,
        /// The serialize format it is written with, placeholders in capitals.
        form: Option<String>,
    },
    #[error(
        "new version `{version}` cannot be read back by the parse pattern `{pattern}` of {}: {reason}; the next bump would misread it, so make `parse` match what `serialize` writes",
        config_place(config)
    )]
    Unreadable {
        version: String,
        pattern: String,
        /// The config file (`None`: the defaults and the command line).
        config: Option<PathBuf>,
        reason: String,
    },
    #[error("{}", unknown_part(part, known))]
    UnknownPart { part: String, known: Vec<String> },
    #[error("cannot bump part `{part}`: {message}")]
    Part { part: String, message: String },
    #[error("no serialization format in {formats:?} can render version {version}")]
    Serialize {
        formats: Vec<String>,
        version: String,
    },
    #[error("unable to determine the current version: set `current_version` in the config, pass --current-version, or tag a release")]
    NoCurrentVersion,
    #[error("no configuration file found (looked for .bumpversion.cfg, .bumpversion.toml, setup.cfg [bumpversion] and pyproject.toml [tool.bumpversion] from here up to the repository root), and no release tag to read the current version from; `bump init` writes one, `bump sample-config` prints a starting point")]
    NoConfig,
    #[error("file not found: `{}`", path.display())]
    FileNotFound { path: PathBuf },
    #[error("no files match glob `{glob}`")]
    GlobNoMatch { glob: String },
    #[error("{}", version_not_found(path, search, closest))]
    VersionNotFound {
        path: PathBuf,
        search: String,
        closest: Option<(usize, String)>,
    },
    #[error("`{}` is outside the repository root `{}`; pass --allow-outside-repo to change it anyway", path.display(), root.display())]
    OutsideRepo { path: PathBuf, root: PathBuf },
    #[error("git working directory is not clean:\n\n{0}\n\nCommit or stash the changes, or pass --allow-dirty.")]
    Dirty(String),
    /// Files the release would change that git does not track: the commit would miss them.
    #[error("these files would change but git does not track them, so the release commit would miss them: {}; `git add` them first", .0.join(", "))]
    Untracked(Vec<String>),
    #[error("tag `{0}` already exists; nothing was changed")]
    TagExists(String),
    #[error("`{0}` is not a valid git tag name")]
    BadTagName(String),
    #[error("`{command}` failed in `{}`{}", dir.display(), fmt_output(output))]
    Git {
        command: String,
        dir: PathBuf,
        output: String,
    },
    #[error("hook `{hook}` {message}")]
    Hook { hook: String, message: String },
    #[error("another bump is running on this repository (lock `{}` is held); wait for it or remove the lock if it is stale", path.display())]
    Locked { path: PathBuf },
    #[error("`{}` cannot be opened for writing (a read-only file or mount, or an immutable file); nothing was changed", path.display())]
    NotWritable { path: PathBuf },
    #[error("`{}` has {links} hard links: writing it in place would change it under its other names too, which may be outside the repository; nothing was changed. Break the link (copy the file over itself: `cp --remove-destination`), or pass --allow-outside-repo", path.display())]
    HardLinked { path: PathBuf, links: u64 },
    #[error("an interrupted bump's git or hook processes still hold the lock `{}`; wait for them to finish, then run `bump recover`", path.display())]
    Orphaned { path: PathBuf },
    #[error("an interrupted bump left the journal `{}`, but {reason}; it was not applied. Look at what it holds, then remove it with `bump recover --discard`", path.display())]
    JournalRefused { path: PathBuf, reason: String },
    #[error("`{}` changed after bump read it (an editor, or another bump?); nothing was written, run bump again", path.display())]
    Changed { path: PathBuf },
    #[error("{message}")]
    Usage { message: String },
    /// A step failed and restoring the files failed too; the journal is kept for the next run.
    #[error("{message}")]
    RollbackFailed { message: String },
    #[error("{count} commit(s) are not conventional commits (`non_conventional = \"strict\"` in the changelog config):\n{list}\nset `non_conventional` to `skip` or `keep` to release them anyway")]
    NonConventional { count: usize, list: String },
    /// Not the user's doing: a worker thread died.
    #[error("the {what} failed (a bug in bump: please report it)")]
    Bug { what: &'static str },
    #[error("{source} (and {more} more file(s) could not be restored)")]
    RestoreIncomplete {
        more: usize,
        #[source]
        source: Box<Error>,
    },
    #[error("could not undo the release's git steps: {source}\nleft to undo: {left}")]
    UndoFailed {
        left: String,
        #[source]
        source: Box<Error>,
    },
    #[error("{message}; the files were restored from the journal")]
    RolledBack {
        message: String,
        #[source]
        source: Box<Error>,
    },
}

fn fmt_output(output: &str) -> String {
    let t = output.trim();
    if t.is_empty() {
        String::new()
    } else {
        format!(":\n{t}")
    }
}

fn version_form(
    role: VersionRole,
    scheme: bool,
    version: &str,
    matched: Option<&str>,
    example: Option<&str>,
    form: Option<&str>,
) -> String {
    let what = match role {
        VersionRole::New => "new version",
        VersionRole::Current => "current version",
        VersionRole::Start => "version",
    };
    let reader = if scheme {
        "the version scheme"
    } else {
        "the parse pattern"
    };
    let mut s = match matched {
        None => format!("{what} `{version}` does not match {reader}"),
        Some(m) => {
            format!("{what} `{version}` is not matched whole by {reader} (it matches only `{m}`)")
        }
    };
    let prefix = matched.and_then(|m| version.strip_suffix(m));
    if let (VersionRole::New, Some(p @ ("v" | "V")), Some(m)) = (role, prefix, matched) {
        s.push_str(&format!("; drop the leading `{p}`: `--new-version {m}`"));
    } else {
        match (example, form) {
            (Some(e), Some(f)) => s.push_str(&format!("; expected a version like `{e}` ({f})")),
            (Some(e), None) => s.push_str(&format!("; expected a version like `{e}`")),
            (None, Some(f)) => s.push_str(&format!("; expected the form {f}")),
            (None, None) => {}
        }
    }
    s
}

fn unknown_part(part: &str, known: &[String]) -> String {
    let list = format!("the parse pattern defines: {}", known.join(", "));
    crate::text::suggest::unknown(
        "version part",
        part,
        known.iter().map(String::as_str),
        &list,
    )
}

fn config_place(config: &Option<PathBuf>) -> String {
    match config {
        Some(path) => format!("`{}`", path.display()),
        None => "the defaults and the command line".to_string(),
    }
}

fn version_not_found(
    path: &std::path::Path,
    search: &str,
    closest: &Option<(usize, String)>,
) -> String {
    let mut s = format!("did not find `{search}` in `{}`", path.display());
    if let Some((line, text)) = closest {
        s.push_str(&format!("; closest line {line}: {}", text.trim_end()));
    }
    s
}

impl Error {
    /// The exit-code class of this error.
    pub fn class(&self) -> Class {
        match self {
            Error::Dirty(_)
            | Error::TagExists(_)
            | Error::Untracked(_)
            | Error::VersionNotFound { .. }
            | Error::Git { .. }
            | Error::Hook { .. }
            | Error::Locked { .. }
            | Error::JournalRefused { .. }
            | Error::Orphaned { .. }
            | Error::NotWritable { .. }
            | Error::HardLinked { .. }
            | Error::Changed { .. }
            | Error::RolledBack { .. }
            | Error::RollbackFailed { .. }
            | Error::UndoFailed { .. }
            | Error::RestoreIncomplete { .. }
            | Error::Part { .. }
            | Error::NonConventional { .. }
            | Error::Io { .. } => Class::Refused,
            _ => Class::Usage,
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// This error, said of the value set at `origin`: a template, glob, pattern or serialize
    /// error then names the key and line (or the option) that holds what failed. Other errors,
    /// and `None` (a default), are returned as they are.
    pub fn at(self, origin: Option<&Origin>) -> Self {
        let Some(origin) = origin else {
            return self;
        };
        match self {
            Error::Template { template, message } => {
                origin.said(format!(" template `{template}`: {message}"))
            }
            e @ (Error::Glob { .. } | Error::Regex { .. } | Error::Serialize { .. }) => {
                origin.error(e)
            }
            e => e,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
        }
    }
}
