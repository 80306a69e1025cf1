//! `[tool.bumpversion.changelog]`: the raw table the config loader keeps, checked and typed here
//! (unknown keys are warnings naming the key, file and line; bad values are errors).

use std::path::Path;

use crate::config::raw::{Raw, Table};
use crate::config::Warning;
use crate::error::{Error, Result};

/// What to do with commits that are not conventional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NonConventional {
    /// Leave them out; the output says how many.
    Skip,
    /// List them under their own section (`other_section`).
    Keep,
    /// Refuse, listing them.
    Strict,
}

/// The part a breaking change bumps while the major version is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZeroBreaking {
    Minor,
    Major,
}

/// The Keep a Changelog sections, in the order they are written.
pub const SECTION_ORDER: &[&str] = &[
    "Added",
    "Changed",
    "Deprecated",
    "Removed",
    "Fixed",
    "Security",
];

/// Commit types accepted as conventional unless `types` says otherwise.
pub const DEFAULT_TYPES: &[&str] = &[
    "feat",
    "fix",
    "perf",
    "refactor",
    "docs",
    "style",
    "test",
    "build",
    "ci",
    "chore",
    "revert",
    "deprecate",
    "remove",
    "security",
];

/// Types left out of the changelog unless `hidden` says otherwise (breaking ones still show).
pub const DEFAULT_HIDDEN: &[&str] = &["docs", "chore", "ci", "test", "build", "style"];

const DEFAULT_SECTIONS: &[(&str, &str)] = &[
    ("feat", "Added"),
    ("fix", "Fixed"),
    ("perf", "Changed"),
    ("refactor", "Changed"),
    ("revert", "Changed"),
    ("deprecate", "Deprecated"),
    ("remove", "Removed"),
    ("security", "Security"),
];

/// The typed changelog settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `bump <part>` writes the changelog as part of the release.
    pub enabled: bool,
    /// The changelog file, relative to the config file's directory.
    pub path: String,
    pub non_conventional: NonConventional,
    /// The section `keep` puts non-conventional commits under.
    pub other_section: String,
    /// Accepted commit types (lowercase).
    pub types: Vec<String>,
    /// Types not listed (unless breaking).
    pub hidden: Vec<String>,
    /// Commit type → section name.
    pub sections: Vec<(String, String)>,
    /// `**scope:**` before the description.
    pub show_scope: bool,
    /// ` (abc1234)` after the entry.
    pub show_hash: bool,
    /// Issue link template with `{id}` (default: derived from the remote for GitHub, GitLab,
    /// Bitbucket).
    pub issue_url: Option<String>,
    /// List merge commits as ordinary commits instead of skipping them.
    pub include_merges: bool,
    /// Split a squash-merge whose subject is not conventional into the conventional bullets
    /// of its body.
    pub split_squash: bool,
    pub zero_breaking: ZeroBreaking,
    /// The remote whose URL the compare and issue links are derived from.
    pub remote: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: false,
            path: "CHANGELOG.md".into(),
            non_conventional: NonConventional::Skip,
            other_section: "Other".into(),
            types: DEFAULT_TYPES.iter().map(|s| s.to_string()).collect(),
            hidden: DEFAULT_HIDDEN.iter().map(|s| s.to_string()).collect(),
            sections: DEFAULT_SECTIONS
                .iter()
                .map(|(t, s)| (t.to_string(), s.to_string()))
                .collect(),
            show_scope: true,
            show_hash: true,
            issue_url: None,
            include_merges: false,
            split_squash: true,
            zero_breaking: ZeroBreaking::Minor,
            remote: "origin".into(),
        }
    }
}

impl Settings {
    /// The accepted type matching `word` (case-insensitive, as the spec asks), lowercase.
    pub fn known_type(&self, word: &str) -> Option<&str> {
        self.types
            .iter()
            .find(|t| t.eq_ignore_ascii_case(word))
            .map(String::as_str)
    }

    pub fn is_hidden(&self, ty: &str) -> bool {
        self.hidden.iter().any(|h| h == ty)
    }

    /// The section a type goes to (`Changed` for an accepted type nobody mapped).
    pub fn section_for(&self, ty: &str) -> &str {
        self.sections
            .iter()
            .find(|(t, _)| t == ty)
            .map_or("Changed", |(_, s)| s.as_str())
    }

    /// Every section name in writing order: the standard six, then mapped custom ones, then the
    /// section for kept non-conventional commits.
    pub fn section_order(&self) -> Vec<String> {
        let mut order: Vec<String> = SECTION_ORDER.iter().map(|s| s.to_string()).collect();
        for (_, s) in &self.sections {
            if !order.iter().any(|o| o == s) {
                order.push(s.clone());
            }
        }
        if !order.contains(&self.other_section) {
            order.push(self.other_section.clone());
        }
        order
    }
}

struct Reader<'a> {
    path: &'a Path,
    warnings: &'a mut Vec<Warning>,
}

impl Reader<'_> {
    fn err(&self, key: &str, line: usize, message: impl std::fmt::Display) -> Error {
        Error::ConfigValue {
            path: self.path.to_path_buf(),
            line: (line > 0).then_some(line),
            message: format!("`changelog.{key}`: {message}"),
        }
    }

    fn boolean(&self, key: &str, line: usize, v: &Raw) -> Result<bool> {
        match v {
            Raw::Bool(b) => Ok(*b),
            other => Err(self.err(
                key,
                line,
                format!("expected true or false, found {}", other.type_name()),
            )),
        }
    }

    fn string(&self, key: &str, line: usize, v: &Raw) -> Result<String> {
        match v {
            Raw::Str(s) => Ok(s.clone()),
            other => Err(self.err(
                key,
                line,
                format!("expected a string, found {}", other.type_name()),
            )),
        }
    }

    fn word<T: Copy>(&self, key: &str, line: usize, v: &Raw, words: &[(&str, T)]) -> Result<T> {
        let s = self.string(key, line, v)?;
        words
            .iter()
            .find(|(w, _)| *w == s)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let names: Vec<String> = words.iter().map(|(w, _)| format!("`{w}`")).collect();
                self.err(
                    key,
                    line,
                    format!("expected one of {}, found `{s}`", names.join(", ")),
                )
            })
    }

    fn types(&self, key: &str, line: usize, v: &Raw) -> Result<Vec<String>> {
        let Raw::List(items) = v else {
            return Err(self.err(
                key,
                line,
                format!("expected a list of commit types, found {}", v.type_name()),
            ));
        };
        items
            .iter()
            .map(|i| match i {
                Raw::Str(s) if is_type_word(s) => Ok(s.to_ascii_lowercase()),
                Raw::Str(s) => Err(self.err(key, line, format!("`{s}` is not a commit type"))),
                other => Err(self.err(
                    key,
                    line,
                    format!("expected strings, found {}", other.type_name()),
                )),
            })
            .collect()
    }
}

fn is_type_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '/')
}

/// Check and type the raw `changelog` table (`None`: the defaults).
pub fn parse(table: Option<&Table>, path: &Path, warnings: &mut Vec<Warning>) -> Result<Settings> {
    let mut s = Settings::default();
    let Some(table) = table else {
        return Ok(s);
    };
    let r = Reader { path, warnings };
    let mut mapped: Vec<(String, String)> = Vec::new();
    let mut types_set = false;
    let mut hidden_set = false;
    for (key, v, l) in table {
        let l = *l;
        match key.as_str() {
            "enabled" => s.enabled = r.boolean(key, l, v)?,
            "path" => s.path = r.string(key, l, v)?,
            "non_conventional" => {
                s.non_conventional = r.word(
                    key,
                    l,
                    v,
                    &[
                        ("skip", NonConventional::Skip),
                        ("keep", NonConventional::Keep),
                        ("strict", NonConventional::Strict),
                    ],
                )?
            }
            "other_section" => s.other_section = r.string(key, l, v)?,
            "types" => {
                s.types = r.types(key, l, v)?;
                types_set = true;
            }
            "hidden" => {
                s.hidden = r.types(key, l, v)?;
                hidden_set = true;
            }
            "sections" => {
                let Raw::Table(t) = v else {
                    return Err(r.err(
                        key,
                        l,
                        format!(
                            "expected a table of type = \"Section\", found {}",
                            v.type_name()
                        ),
                    ));
                };
                for (ty, sec, tl) in t {
                    let name = r.string(&format!("sections.{ty}"), *tl, sec)?;
                    if name.trim().is_empty() {
                        return Err(r.err(&format!("sections.{ty}"), *tl, "empty section name"));
                    }
                    mapped.push((ty.to_ascii_lowercase(), name));
                }
            }
            "show_scope" => s.show_scope = r.boolean(key, l, v)?,
            "show_hash" => s.show_hash = r.boolean(key, l, v)?,
            "issue_url" => {
                let u = r.string(key, l, v)?;
                if !u.contains("{id}") {
                    return Err(r.err(key, l, format!("`{u}` has no `{{id}}` placeholder")));
                }
                s.issue_url = Some(u);
            }
            "include_merges" => s.include_merges = r.boolean(key, l, v)?,
            "split_squash" => s.split_squash = r.boolean(key, l, v)?,
            "zero_breaking" => {
                s.zero_breaking = r.word(
                    key,
                    l,
                    v,
                    &[
                        ("minor", ZeroBreaking::Minor),
                        ("major", ZeroBreaking::Major),
                    ],
                )?
            }
            "remote" => s.remote = r.string(key, l, v)?,
            _ => {
                let at = if l > 0 {
                    format!(":{l}")
                } else {
                    String::new()
                };
                r.warnings.push(Warning(format!(
                    "unknown key `{key}` in the changelog table of `{}{at}`; it is ignored",
                    path.display()
                )));
            }
        }
    }
    for (ty, sec) in mapped {
        if !types_set && s.known_type(&ty).is_none() {
            s.types.push(ty.clone());
        } else if s.known_type(&ty).is_none() {
            r.warnings.push(Warning(format!(
                "`changelog.sections.{ty}` in `{}` maps a type that `changelog.types` does not list; it is ignored",
                path.display()
            )));
        }
        if !hidden_set {
            // mapping a type to a section asks for it to be listed
            s.hidden.retain(|h| *h != ty);
        }
        s.sections.retain(|(t, _)| *t != ty);
        s.sections.push((ty, sec));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(entries: Vec<(&str, Raw)>) -> Table {
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v, 3))
            .collect()
    }

    #[test]
    fn defaults_map_every_visible_type() {
        let s = Settings::default();
        assert_eq!(s.section_for("feat"), "Added");
        assert_eq!(s.section_for("fix"), "Fixed");
        assert_eq!(s.section_for("perf"), "Changed");
        assert_eq!(s.section_for("deprecate"), "Deprecated");
        assert!(s.is_hidden("chore"));
        assert_eq!(s.known_type("FEAT"), Some("feat"));
        assert_eq!(s.known_type("builtin/log"), None);
    }

    #[test]
    fn reads_keys_and_warns_about_unknown_ones() {
        let table = t(vec![
            ("enabled", Raw::Bool(true)),
            ("non_conventional", Raw::Str("keep".into())),
            (
                "sections",
                Raw::Table(vec![("docs".into(), Raw::Str("Documentation".into()), 4)]),
            ),
            ("hidden", Raw::List(vec![Raw::Str("chore".into())])),
            ("colour", Raw::Bool(true)),
        ]);
        let mut w = Vec::new();
        let s = parse(Some(&table), Path::new(".bumpversion.toml"), &mut w).unwrap();
        assert!(s.enabled);
        assert_eq!(s.non_conventional, NonConventional::Keep);
        assert_eq!(s.section_for("docs"), "Documentation");
        assert!(!s.is_hidden("docs"));
        assert_eq!(
            s.section_order().last().map(String::as_str),
            Some("Other"),
            "custom sections come after the standard ones, Other last"
        );
        assert_eq!(w.len(), 1);
        assert!(
            w[0].0
                .contains("unknown key `colour` in the changelog table of `.bumpversion.toml:3`"),
            "{w:?}"
        );
    }

    #[test]
    fn bad_values_name_the_key() {
        let table = t(vec![("non_conventional", Raw::Str("drop".into()))]);
        let err = parse(Some(&table), Path::new("x.toml"), &mut Vec::new())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "x.toml:3: `changelog.non_conventional`: expected one of `skip`, `keep`, `strict`, found `drop`"
        );
    }
}
