//! `bump replace`: plan the files' version strings set to a given version, with no config
//! write-back, commit or tag.

use std::path::PathBuf;

use super::edits::{self, Plan};
use super::project::{open, Project};
use super::release::confined_targets;
use super::targets::Selection;
use crate::config::Overrides;
use crate::context;
use crate::error::Result;
use crate::locate::Versions;

/// `bump replace`: the files' versions set to `new_version` (default: the current one), with
/// `search`/`replace` overriding every entry; no config write-back, commit or tag.
pub struct ReplaceRequest {
    pub cwd: PathBuf,
    pub config_file: Option<PathBuf>,
    pub overrides: Overrides,
    pub new_version: Option<String>,
    pub search: Option<String>,
    pub replace: Option<String>,
    pub files: Vec<String>,
    pub no_configured_files: bool,
    pub component: Option<String>,
    /// `--allow-outside-repo`: let files outside the repository root be changed.
    pub allow_outside_repo: bool,
}

/// Plan a `bump replace`.
pub fn plan_replace(req: &ReplaceRequest) -> Result<(Project, Plan)> {
    let project = open(
        &req.cwd,
        req.config_file.clone(),
        req.overrides.clone(),
        req.component.as_deref(),
    )?;
    project.assert_clean()?;
    let current = project.current()?;
    let next = req
        .new_version
        .as_deref()
        .map(|v| project.parse_new_version(v))
        .transpose()?;
    let mut ctx = project.context();
    context::add_parts(&mut ctx, "current_", &current);
    if let Some(n) = &next {
        context::add_parts(&mut ctx, "new_", n);
    }
    let sel = Selection {
        extra_files: req.files.clone(),
        no_configured_files: req.no_configured_files,
        part: None,
    };
    let mut targets = confined_targets(&project, &req.cwd, &sel, req.allow_outside_repo)?;
    for t in &mut targets {
        if let Some(s) = &req.search {
            std::sync::Arc::make_mut(&mut t.change).search = s.clone();
        }
        if let Some(r) = &req.replace {
            std::sync::Arc::make_mut(&mut t.change).replace = r.clone();
        }
    }
    let versions = Versions {
        current: &current,
        new: next.as_ref(),
        spec: &project.spec,
    };
    let plan = edits::plan(&targets, &req.cwd, &versions, &ctx)?;
    plan.ensure_found()?;
    plan.check_writable(req.allow_outside_repo)?;
    Ok((project, plan))
}
