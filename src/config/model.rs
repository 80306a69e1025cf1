//! The typed configuration, with bump-my-version's defaults.

use std::path::PathBuf;

use super::kind::{Kind, KindOptions};
use crate::error::{Error, Origin};
use crate::version::scheme::Scheme;
use crate::version::{Form, PartSpec};

/// Where the configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// `.bumpversion.toml`, `pyproject.toml` or any `.toml` given with --config-file.
    Toml,
    /// `.bumpversion.cfg`, `setup.cfg` (bump2version's INI).
    Ini,
    /// A file bump-my-version does not read (unknown suffix): defaults are used.
    Unknown,
}

/// The config file a configuration was read from.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    /// Whether the file holds a `current_version` key (else it is not written back).
    pub has_current_version: bool,
    /// The static PEP 621 `[project] version`, when the file is `pyproject.toml`.
    pub pep621_version: Option<String>,
}

/// One `[[tool.bumpversion.files]]` entry with the top-level defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct FileChange {
    pub filename: Option<String>,
    pub glob: Option<String>,
    pub glob_exclude: Vec<String>,
    pub key_path: Option<String>,
    pub parse: String,
    pub serialize: Vec<String>,
    pub search: String,
    pub replace: String,
    pub regex: bool,
    pub ignore_missing_version: bool,
    pub ignore_missing_file: bool,
    pub include_bumps: Option<Vec<String>>,
    pub exclude_bumps: Vec<String>,
    /// A built-in file kind: the version is located structurally, `search`/`replace` unused.
    pub kind: Option<Kind>,
    pub kind_options: KindOptions,
    /// How the version is spelled in this file (`format = "pep440"`, or the kind's ecosystem,
    /// or the scheme's); `None`: as `serialize` gives it.
    pub form: Option<Form>,
    /// Where each of its keys was set (the entry's own line, or the top-level key it inherits).
    pub origins: Origins,
}

impl FileChange {
    /// `e` said of the key of this entry that holds the template, pattern or glob it is about.
    pub fn placed(&self, e: Error) -> Error {
        let key = match &e {
            Error::Glob { glob, .. } => {
                // the error names one `|` alternative
                if self.glob_exclude.iter().any(|x| x.contains(glob.as_str())) {
                    Some("glob_exclude")
                } else {
                    Some("glob")
                }
            }
            e => holder(
                e,
                &self.parse,
                &self.serialize,
                &[
                    ("search", vec![&self.search]),
                    ("replace", vec![&self.replace]),
                ],
            ),
        };
        match key {
            Some(key) => e.at(self.origins.of(key)),
            None => e,
        }
    }
}

/// Which key holds what a template, pattern or serialize error is about: `parse`, `serialize`
/// or one of the other template keys given (each with its templates).
fn holder(
    e: &Error,
    parse: &str,
    serialize: &[String],
    templates: &[(&'static str, Vec<&String>)],
) -> Option<&'static str> {
    match e {
        Error::Regex { pattern, .. } => (pattern == parse).then_some("parse"),
        Error::Serialize { formats, .. } => (formats == serialize).then_some("serialize"),
        Error::Template { template, .. } if serialize.contains(template) => Some("serialize"),
        Error::Template { template, .. } => templates
            .iter()
            .find(|(_, ts)| ts.contains(&template))
            .map(|(key, _)| *key),
        _ => None,
    }
}

/// Where each key of a configuration (or of one file entry) was set; a key that is not here has
/// bump's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins(Vec<(std::sync::Arc<str>, Origin)>);

impl Origins {
    pub fn of(&self, key: &str) -> Option<&Origin> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, o)| o)
    }

    /// Record (or replace) where `key` was set.
    pub fn set(&mut self, key: &str, origin: Origin) {
        match self.0.iter_mut().find(|(k, _)| &**k == key) {
            Some(e) => e.1 = origin,
            None => self.0.push((key.into(), origin)),
        }
    }

    /// `key` has its default again.
    pub fn clear(&mut self, key: &str) {
        self.0.retain(|(k, _)| &**k != key);
    }

    /// An error about the value of `key`, said where it was set (a default: by its name alone).
    pub fn error(&self, key: &str, message: impl std::fmt::Display) -> Error {
        match self.of(key) {
            Some(origin) => origin.error(message),
            None => Error::usage(format!("`{key}`: {message}")),
        }
    }
}

/// The whole configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub current_version: Option<String>,
    pub parse: String,
    pub serialize: Vec<String>,
    pub search: String,
    pub replace: String,
    pub regex: bool,
    pub ignore_missing_version: bool,
    pub ignore_missing_files: bool,
    pub tag: bool,
    pub push_tag: bool,
    pub sign_tags: bool,
    pub tag_name: String,
    pub tag_message: Option<String>,
    pub allow_dirty: bool,
    pub allow_dirty_files: Vec<String>,
    pub commit: bool,
    pub message: String,
    pub commit_args: Option<String>,
    pub moveable_tags: Vec<String>,
    /// Parts in parse-pattern order.
    pub parts: Vec<(String, PartSpec)>,
    pub files: Vec<FileChange>,
    pub setup_hooks: Vec<String>,
    pub pre_commit_hooks: Vec<String>,
    pub post_commit_hooks: Vec<String>,
    pub allow_shell_hooks: bool,
    /// `[tool.bumpversion.changelog]`, kept raw: `changelog::config` checks it.
    pub changelog: Option<crate::config::raw::Table>,
    /// The file this configuration was read from.
    pub source: Option<Source>,
    /// Independently versioned components (`[tool.bumpversion.components.NAME]`), each a full
    /// configuration that inherits the top-level keys.
    pub components: Vec<Config>,
    /// The component's name, when this configuration is one.
    pub component: Option<String>,
    /// A component's `paths` (globs): the commits touching them are its own (default: the
    /// directories of its files).
    pub paths: Vec<String>,
    /// A component's `scopes`: commits whose conventional scope is one of them are its own too.
    pub scopes: Vec<String>,
    /// `scheme = "semver"` / `"pep440"`: the built-in version model.
    pub scheme: Option<Scheme>,
    /// Where each key was set: a line of the config file, or a command-line option.
    pub origins: Origins,
}

pub const DEFAULT_PARSE: &str = r"(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)";
pub const DEFAULT_SERIALIZE: &str = "{major}.{minor}.{patch}";
pub const DEFAULT_SEARCH: &str = "{current_version}";
pub const DEFAULT_REPLACE: &str = "{new_version}";
pub const DEFAULT_TAG_NAME: &str = "v{new_version}";
pub const DEFAULT_MESSAGE: &str = "Bump version: {current_version} → {new_version}";

impl Default for Config {
    fn default() -> Self {
        Config {
            current_version: None,
            parse: DEFAULT_PARSE.into(),
            serialize: vec![DEFAULT_SERIALIZE.into()],
            search: DEFAULT_SEARCH.into(),
            replace: DEFAULT_REPLACE.into(),
            regex: false,
            ignore_missing_version: false,
            ignore_missing_files: false,
            tag: false,
            push_tag: false,
            sign_tags: false,
            tag_name: DEFAULT_TAG_NAME.into(),
            tag_message: Some(DEFAULT_MESSAGE.into()),
            allow_dirty: false,
            allow_dirty_files: Vec::new(),
            commit: false,
            message: DEFAULT_MESSAGE.into(),
            commit_args: None,
            moveable_tags: Vec::new(),
            parts: Vec::new(),
            files: Vec::new(),
            setup_hooks: Vec::new(),
            pre_commit_hooks: Vec::new(),
            post_commit_hooks: Vec::new(),
            allow_shell_hooks: false,
            changelog: None,
            source: None,
            components: Vec::new(),
            component: None,
            paths: Vec::new(),
            scopes: Vec::new(),
            scheme: None,
            origins: Origins::default(),
        }
    }
}

impl Config {
    pub fn part_names(&self) -> Vec<&str> {
        self.parts.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Names of the declared components.
    pub fn component_names(&self) -> Vec<&str> {
        self.components
            .iter()
            .filter_map(|c| c.component.as_deref())
            .collect()
    }

    /// `e` said of the key that holds the template, pattern or formats it is about (`message`,
    /// `tag_name`, `serialize`, ...); errors about anything else are returned as they are.
    pub fn placed(&self, e: Error) -> Error {
        let templates = [
            ("search", vec![&self.search]),
            ("replace", vec![&self.replace]),
            ("message", vec![&self.message]),
            ("tag_name", vec![&self.tag_name]),
            ("tag_message", self.tag_message.iter().collect()),
            ("moveable_tags", self.moveable_tags.iter().collect()),
        ];
        match holder(&e, &self.parse, &self.serialize, &templates) {
            Some(key) => e.at(self.origins.of(key)),
            None => e,
        }
    }

    /// The TOML key path of this configuration's `current_version`.
    pub fn current_version_keys(&self) -> Vec<&str> {
        let mut keys = vec!["tool", "bumpversion"];
        if let Some(name) = &self.component {
            keys.push("components");
            keys.push(name);
        }
        keys.push("current_version");
        keys
    }
}

/// Values given on the command line (or in `BUMPVERSION_*` variables), which win over the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub current_version: Option<String>,
    pub parse: Option<String>,
    pub serialize: Option<Vec<String>>,
    pub search: Option<String>,
    pub replace: Option<String>,
    pub regex: Option<bool>,
    pub ignore_missing_files: Option<bool>,
    pub ignore_missing_version: Option<bool>,
    pub allow_dirty: Option<bool>,
    pub commit: Option<bool>,
    pub tag: Option<bool>,
    pub push_tag: Option<bool>,
    pub sign_tags: Option<bool>,
    pub tag_name: Option<String>,
    pub tag_message: Option<String>,
    pub message: Option<String>,
    pub commit_args: Option<String>,
}
