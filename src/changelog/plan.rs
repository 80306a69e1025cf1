//! What `bump changelog`, `bump next` and `bump auto` ask of the changelog: [`load`] the project
//! and its changelog settings, then [`Loaded::plan`] the new text of CHANGELOG.md (or what to
//! print) and [`Loaded::write`] it under the journal, or [`Loaded::next`] the next release.
//! The CLI translates its arguments into these requests and prints what they return.

use std::path::{Path, PathBuf};

use super::next::{next_release, NextRelease, Want};
use super::{
    check, file_path, merge, near_miss_warnings, with_look, Look, Release, Settings, Source,
};
use crate::config::{Overrides, Warning};
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::plan::{self, Plan, Project};

/// Where the project is and how to read it.
#[derive(Debug, Clone, Default)]
pub struct Open {
    pub cwd: PathBuf,
    pub config_file: Option<PathBuf>,
    pub component: Option<String>,
    pub overrides: Overrides,
}

/// The project and its changelog settings.
pub struct Loaded {
    pub cwd: PathBuf,
    pub project: Project,
    pub settings: Settings,
    /// The configuration's warnings, then the changelog table's.
    pub warnings: Vec<Warning>,
}

/// Load the configuration (one component of it) and `[tool.bumpversion.changelog]`. The current
/// version is the config's, or none: the changelog reads the release tags itself (rather than the
/// three git processes that ask git for the latest one).
pub fn load(open: &Open) -> Result<Loaded> {
    let loaded = plan::load(&open.cwd, open.config_file.clone(), open.overrides.clone())?;
    let config = plan::select(loaded.config, open.component.as_deref())?;
    let project = Project::without_tag_version(config, loaded.warnings, Repo::discover(&open.cwd))?;
    let mut warnings = project.warnings.clone();
    let settings = super::settings(&project.config, &mut warnings)?;
    Ok(Loaded {
        cwd: open.cwd.clone(),
        project,
        settings,
        warnings,
    })
}

/// Which section `bump changelog` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The next release's (`version`, else the one the commits call for; with nothing to
    /// release, the Unreleased section).
    Next { version: Option<String> },
    /// The Unreleased section.
    Unreleased,
    /// A section for every release tag in history (bootstrap).
    All,
}

/// A `bump changelog` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangelogRequest {
    pub mode: Mode,
    /// Edit the changelog file (else: the section alone, or with `All` the whole new file).
    pub write: bool,
}

/// What a `bump changelog` run makes.
#[derive(Debug)]
pub struct ChangelogPlan {
    /// The changelog file, and as the user names it (relative to the working directory).
    pub path: PathBuf,
    pub display: String,
    /// The new contents of the file (`write`), else what to print.
    pub text: String,
    /// The ranges read, the one the run is about first (the next release, or Unreleased).
    pub releases: Vec<Release>,
    /// Near misses in the first range.
    pub notes: Vec<Warning>,
    /// Near misses in the other ranges (`All`).
    pub details: Vec<Warning>,
}

impl Loaded {
    /// The changelog's view of the project; an error outside a git repository.
    pub fn source(&self) -> Result<Source<'_>> {
        let repo = self.project.repo.as_ref().ok_or_else(|| {
            Error::usage("the changelog is read from git history, but this is not a git repository")
        })?;
        Ok(Source {
            repo,
            config: &self.project.config,
            format: &self.project.format,
            settings: &self.settings,
        })
    }

    /// The next release the commits call for (`bump next`, `bump auto`).
    pub fn next(&self) -> Result<NextRelease> {
        next_release(&self.source()?, Want::Computed(&self.project))
    }

    /// Plan a `bump changelog` run: nothing is written.
    pub fn plan(&self, req: &ChangelogRequest) -> Result<ChangelogPlan> {
        let src = self.source()?;
        let path = file_path(&self.project.config, &self.settings, &self.cwd);
        let display = path
            .strip_prefix(&self.cwd)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let current = read(&path)?;
        let current = current.as_deref();
        let (text, releases, details) = match &req.mode {
            Mode::All => self.all(&src, if req.write { current } else { None })?,
            Mode::Next { version } => self.section(&src, Some(version.as_deref()), current, req)?,
            Mode::Unreleased => self.section(&src, None, current, req)?,
        };
        let notes = releases
            .first()
            .map(|r| near_miss_warnings(&r.grouped, &self.settings))
            .unwrap_or_default();
        Ok(ChangelogPlan {
            path,
            display,
            text,
            releases,
            notes,
            details,
        })
    }

    /// Write a planned changelog under the journal; whether that changed the file.
    pub fn write(&self, plan: &ChangelogPlan) -> Result<bool> {
        let mut edits = Plan::default();
        edits.edit_or_create(&plan.path, &plan.display, |_| Ok(plan.text.clone()))?;
        let changed = edits.changed().count() > 0;
        crate::apply::apply_plan(&edits, &self.project.journal(&self.cwd))?;
        Ok(changed)
    }

    /// The next release's section (`version`: `None` for Unreleased, `Some(None)` for the one
    /// the commits call for), or Unreleased when there is nothing to release.
    fn section(
        &self,
        src: &Source<'_>,
        version: Option<Option<&str>>,
        current: Option<&str>,
        req: &ChangelogRequest,
    ) -> Result<(String, Vec<Release>, Vec<Warning>)> {
        check(src, current)?;
        let tag;
        let want = match version {
            Some(Some(v)) => {
                tag = src.release_tags().name(v, &self.project.context())?;
                Want::Given {
                    version: v,
                    tag: &tag,
                }
            }
            Some(None) => Want::Computed(&self.project),
            None => Want::Unreleased,
        };
        let (next, look) = with_look(src, |src| match next_release(src, want) {
            // a first release without a version anywhere: the Unreleased section
            Err(Error::NoCurrentVersion) => next_release(src, Want::Unreleased),
            other => other,
        })?;
        let r = next.release;
        let blocks = look.blocks(&r.grouped, src.settings);
        let doc = current.map(merge::Doc::parse);
        let text = match (r.version.is_some(), req.write) {
            (true, true) => merge::release(
                current,
                &r.section(blocks),
                &look.order,
                &look.link_options(),
            ),
            (true, false) => merge::release_section(doc.as_ref(), &r.section(blocks), &look.order),
            (false, true) => merge::fill_unreleased(current, &blocks, &look.order),
            (false, false) => merge::unreleased_section(doc.as_ref(), &blocks, &look.order),
        };
        Ok((text, vec![r], Vec::new()))
    }

    /// A section for every release (bootstrap), over `base` (the current file, when writing).
    fn all(
        &self,
        src: &Source<'_>,
        base: Option<&str>,
    ) -> Result<(String, Vec<Release>, Vec<Warning>)> {
        check(src, base)?;
        let s = src.settings;
        let look = Look::new(src, src.remote());
        let (all, mut details) = super::all(src, &look)?;
        let mut sections: Vec<merge::NewRelease> = Vec::new();
        let mut unreleased = Vec::new();
        let mut releases = Vec::with_capacity(all.len());
        for (r, blocks) in all {
            if r.version.is_none() {
                unreleased = blocks;
            } else {
                details.extend(near_miss_warnings(&r.grouped, s));
                sections.push(r.section(blocks));
            }
            releases.push(r);
        }
        let text = merge::bootstrap(
            base,
            &unreleased,
            &sections,
            &look.order,
            &look.link_options(),
        );
        Ok((text, releases, details))
    }
}

/// The changelog's current contents (`None`: no file yet).
fn read(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(b) => String::from_utf8(b).map(Some).map_err(|e| Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read", path, e)),
    }
}
