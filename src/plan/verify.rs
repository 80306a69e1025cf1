//! Everything that could refuse a planned release, checked before the first write.

use std::collections::HashSet;
use std::path::Path;

use super::{rel, Prepared};
use crate::error::{Error, Result};
use crate::hooks::{self, Stage};

/// Everything that could refuse the work, checked before the first write.
pub(super) fn verify(p: &Prepared, cwd: &Path, allow_outside: bool) -> Result<()> {
    p.plan.check_writable(allow_outside)?;
    let c = &p.config;
    let input = p.hook_input();
    for (stage, hooks) in [
        (Stage::PreCommit, &c.pre_commit_hooks),
        (Stage::PostCommit, &c.post_commit_hooks),
    ] {
        hooks::validate(stage, hooks, &input, c.allow_shell_hooks)?;
    }
    let Some(repo) = &p.repo else {
        return Ok(());
    };
    if let Some(tag) = &p.git.tag {
        if !repo.valid_tag_name(&tag.name)? {
            return Err(Error::BadTagName(tag.name.clone()));
        }
        if repo.tag_exists(&tag.name)? {
            return Err(Error::TagExists(tag.name.clone()));
        }
        for t in &p.git.moveable_tags {
            if !repo.valid_tag_name(t)? {
                return Err(Error::BadTagName(t.clone()));
            }
        }
    }
    if let Some(commit) = &p.git.commit {
        let files: HashSet<&str> = commit.files.iter().map(String::as_str).collect();
        let changed: Vec<String> = p
            .plan
            .changed()
            .filter(|e| !e.created)
            .map(|e| rel(cwd, &e.path))
            .filter(|f| files.contains(f.as_str()))
            .collect();
        if !changed.is_empty() {
            let untracked = repo.untracked(&changed)?;
            if !untracked.is_empty() {
                return Err(Error::Untracked(untracked));
            }
        }
    }
    Ok(())
}
