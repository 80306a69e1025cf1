//! Planning a release without touching anything: load the config and the current version
//! (`project`), expand the configured files (`targets`, confined to the repository by
//! `confine`), read them (`read`) and compute every edit (`edits`), then the versions, the
//! config write-back, the changelog section and the commit and tag (`release`), and check
//! everything that could refuse the work (`verify`). `replace` is `bump replace`'s plan.
//! Applying a plan is [`crate::apply`]'s.

pub mod confine;
pub mod edits;
mod locations;
mod project;
pub mod read;
mod release;
mod replace;
pub mod targets;
mod verify;

use std::path::{Path, PathBuf};

use crate::apply::journal::Journal;
use crate::config::{Config, Overrides, Warning};
use crate::context::ScmInfo;
use crate::git::Repo;
use crate::hooks::HookInput;
use crate::version::Version;

pub use edits::{plan, plan_with, report, FileEdit, Plan};
pub use locations::{Spot, Verdict};
pub use project::{journal_for, load, open, open_all, select, CleanCheck, Project};
pub use release::{confined_targets, prepare};
pub use replace::{plan_replace, ReplaceRequest};
pub use targets::{Selection, Target};

/// What to do.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub cwd: PathBuf,
    pub config_file: Option<PathBuf>,
    pub overrides: Overrides,
    /// The part to bump (`None` with `new_version`).
    pub part: Option<String>,
    pub new_version: Option<String>,
    /// `--to VALUE`: set the part instead of incrementing it.
    pub to_value: Option<String>,
    pub files: Vec<String>,
    pub no_configured_files: bool,
    pub dry_run: bool,
    /// The component to release, when the config declares components.
    pub component: Option<String>,
    /// `--allow-outside-repo`: let files outside the repository root be changed.
    pub allow_outside_repo: bool,
}

/// The commit and tag a release makes.
#[derive(Debug, Clone, Default)]
pub struct GitPlan {
    pub commit: Option<Commit>,
    pub tag: Option<Tag>,
    pub moveable_tags: Vec<String>,
    pub push_tag: bool,
    /// The rendered `tag_name`, also when no tag is made: pre- and post-commit hooks get it as
    /// `BVHOOK_NEW_TAG`/`BVHOOK_NEW_VERSION_TAG`, as bump-my-version gives it to them.
    pub hook_tag_name: String,
}

#[derive(Debug, Clone)]
pub struct Commit {
    pub message: String,
    /// Paths to stage, relative to the working directory.
    pub files: Vec<String>,
    pub args: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    /// `None`: a lightweight tag.
    pub message: Option<String>,
    pub sign: bool,
}

/// A fully planned, verified release.
pub struct Prepared {
    pub config: Config,
    pub warnings: Vec<Warning>,
    pub repo: Option<Repo>,
    pub scm: ScmInfo,
    pub current: Version,
    pub new: Version,
    pub current_version: String,
    pub new_version: String,
    pub plan: Plan,
    pub git: GitPlan,
    pub journal: Journal,
}

impl Prepared {
    /// What the pre- and post-commit hooks are told about the release.
    pub fn hook_input(&self) -> HookInput<'_> {
        HookInput {
            scm: &self.scm,
            current_version: &self.current_version,
            current: &self.current,
            new: Some((&self.new, &self.new_version, &self.git.hook_tag_name)),
        }
    }
}

/// The result of planning.
pub enum Outcome {
    /// The new version equals the current one: nothing to do (exit 0, as bump-my-version).
    Unchanged {
        version: String,
        warnings: Vec<Warning>,
    },
    Planned(Box<Prepared>),
}

/// What a finished release did (for reporting).
#[derive(Debug, Default)]
pub struct Done {
    pub written: Vec<String>,
    pub committed: bool,
    pub tagged: Option<String>,
}

pub(crate) fn rel(cwd: &Path, p: &Path) -> String {
    p.strip_prefix(cwd)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}
