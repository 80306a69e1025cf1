//! The values templates can use, as bump-my-version defines them: `now`/`utcnow`, the SCM facts
//! (`commit_sha`, `branch_name`, `distance_to_latest_tag`, ...), `current_version`,
//! `current_<part>`/`new_<part>`, `$ENV` (looked up on demand) and the `{#}`/`{;}` escapes.

use std::path::PathBuf;

use chrono::{Local, Utc};

use crate::error::Result;
use crate::git::{tags, Repo};
use crate::template::{self, Context, PyTime, Value};
use crate::version::Version;

/// What the repository says about the latest release tag and the checkout.
#[derive(Debug, Clone, Default)]
pub struct ScmInfo {
    pub tool: Option<&'static str>,
    pub commit_sha: Option<String>,
    pub short_commit_sha: Option<String>,
    pub distance_to_latest_tag: u64,
    /// The version read from the latest matching tag.
    pub current_version: Option<String>,
    pub current_tag: Option<String>,
    pub branch_name: Option<String>,
    pub short_branch_name: Option<String>,
    pub repository_root: Option<PathBuf>,
    pub dirty: Option<bool>,
}

/// Context keys that need git to answer.
pub const SCM_KEYS: &[&str] = &[
    "commit_sha",
    "short_commit_sha",
    "distance_to_latest_tag",
    "current_tag",
    "branch_name",
    "short_branch_name",
    "repository_root",
    "dirty",
    "tool",
];

/// Does any of these templates use an SCM value?
pub fn needs_scm<'a>(templates: impl IntoIterator<Item = &'a str>) -> bool {
    templates.into_iter().any(|t| {
        template::labels(t)
            .map(|ls| ls.iter().any(|l| SCM_KEYS.contains(&l.as_str())))
            .unwrap_or(false)
    })
}

/// Ask git for the SCM facts (two or three git processes).
pub fn scm_info(repo: Option<&Repo>, tag_name: &str, parse: &str) -> Result<ScmInfo> {
    let Some(repo) = repo else {
        return Ok(ScmInfo::default());
    };
    let mut info = ScmInfo {
        tool: Some("Git"),
        repository_root: Some(repo.root.clone()),
        ..ScmInfo::default()
    };
    repo.refresh_index();
    if let Some(d) = repo.describe(&tags::describe_glob(tag_name))? {
        info.dirty = Some(d.dirty);
        info.short_commit_sha = Some(d.commit_sha.chars().take(7).collect());
        info.commit_sha = Some(d.commit_sha);
        info.distance_to_latest_tag = d.distance;
        info.current_version = Some(tags::described_version(tag_name, &d.tag, parse));
        info.current_tag = Some(d.tag);
    }
    match repo.branch()? {
        Some(b) => {
            let short: String = b
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase()
                .chars()
                .take(20)
                .collect();
            info.branch_name = Some(b);
            info.short_branch_name = Some(short);
        }
        None => {
            info.branch_name = Some(String::new());
            info.short_branch_name = Some(String::new());
        }
    }
    Ok(info)
}

fn py_opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "None".into())
}

/// The base context: time, SCM facts and `current_version`.
pub fn base(scm: &ScmInfo, current_version: Option<&str>) -> Context {
    let mut c = Context::new();
    // as bump-my-version makes them: `datetime.now()` (naive), `datetime.now(timezone.utc)`
    c.set(
        "now",
        Value::Time(PyTime {
            at: Local::now().fixed_offset(),
            aware: false,
        }),
    );
    c.set(
        "utcnow",
        Value::Time(PyTime {
            at: Utc::now().fixed_offset(),
            aware: true,
        }),
    );
    c.set_str("commit_sha", py_opt(&scm.commit_sha));
    c.set_str("short_commit_sha", py_opt(&scm.short_commit_sha));
    c.set_str(
        "distance_to_latest_tag",
        scm.distance_to_latest_tag.to_string(),
    );
    c.set_str("current_tag", py_opt(&scm.current_tag));
    c.set_str("branch_name", py_opt(&scm.branch_name));
    c.set_str("short_branch_name", py_opt(&scm.short_branch_name));
    c.set_str(
        "repository_root",
        scm.repository_root
            .as_ref()
            .map_or("None".into(), |p| p.display().to_string()),
    );
    c.set_str(
        "dirty",
        scm.dirty
            .map_or("None", |d| if d { "True" } else { "False" }),
    );
    c.set_str("tool", scm.tool.unwrap_or("None"));
    c.set_str(
        "current_version",
        current_version.map_or("None".into(), str::to_string),
    );
    c
}

/// Add `<prefix><part>` for every part of `v` (e.g. `current_major`, `new_minor`).
pub fn add_parts(c: &mut Context, prefix: &str, v: &Version) {
    for (name, value) in v.iter() {
        c.set(format!("{prefix}{name}"), Value::Part(value.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scm_templates_are_detected() {
        assert!(needs_scm(["{major}.{minor}-{distance_to_latest_tag}"]));
        assert!(!needs_scm(["{major}.{minor}", "v{new_version}"]));
    }
}
