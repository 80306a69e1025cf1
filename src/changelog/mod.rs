//! Changelogs from conventional commits, in the Keep a Changelog format.
//!
//! [`history`] reads the commits of each release range through [`crate::git`] (one streaming
//! `git log`; which tags are releases is [`crate::git::tags`]'), [`commits`] classifies each
//! message, [`group`] turns a range into sections (and the bump it calls for), [`render`] writes
//! entries, [`merge`] edits CHANGELOG.md without touching anything but the Unreleased section,
//! the new section and the link references. [`config`] reads `[tool.bumpversion.changelog]`,
//! [`links`] derives URLs from the remote. [`next`] is the next release (its version and the
//! commits its section lists) for every command that shows or makes one; [`plan`] is what
//! `bump changelog`, `bump next` and `bump auto` ask for, and [`release_text`] the section a
//! release writes ([`crate::plan::prepare`]). Nothing here prints.

pub mod commits;
pub mod config;
pub mod group;
pub mod history;
pub mod links;
pub mod merge;
pub mod next;
pub mod owner;
pub mod plan;
pub mod render;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use config::Settings;
use group::{Grouped, Level};
pub use next::{next_release, NextRelease, Want};
pub use plan::{load, ChangelogPlan, ChangelogRequest, Loaded, Mode, Open};

use crate::config::{Config, Warning};
use crate::error::{Error, Result};
use crate::git::tags::{ReleaseTag, ReleaseTags, TagSurvey};
use crate::git::Repo;
use crate::version::VersionFormat;

/// What a changelog run needs from the loaded configuration.
pub struct Source<'a> {
    pub repo: &'a Repo,
    pub config: &'a Config,
    pub format: &'a VersionFormat,
    pub settings: &'a Settings,
}

/// Read `[tool.bumpversion.changelog]` from a loaded configuration.
pub fn settings(config: &Config, warnings: &mut Vec<Warning>) -> Result<Settings> {
    let path = config
        .source
        .as_ref()
        .map_or_else(|| PathBuf::from("<defaults>"), |s| s.path.clone());
    config::parse(config.changelog.as_ref(), &path, warnings)
}

/// Where the changelog file is: `path` taken from the config file's directory.
pub fn file_path(config: &Config, s: &Settings, cwd: &Path) -> PathBuf {
    let dir = config
        .source
        .as_ref()
        .and_then(|src| src.path.parent())
        .unwrap_or(cwd);
    cwd.join(dir).join(&s.path)
}

impl Source<'_> {
    /// Which tags are releases, and their versions.
    pub fn release_tags(&self) -> ReleaseTags<'_> {
        ReleaseTags::new(&self.config.tag_name, self.format, self.config.scheme)
    }

    /// Every release tag, newest version first.
    pub fn tags(&self) -> Result<Vec<ReleaseTag>> {
        self.release_tags().list(self.repo)
    }

    /// The commits this configuration owns, when it is a component that does not own them all.
    pub fn owner(&self) -> Result<Option<owner::Owner>> {
        owner::Owner::of(self.repo, self.config)
    }

    /// The remote the links point at.
    pub fn remote(&self) -> Option<links::Remote> {
        let url = self.repo.remote_url(&self.settings.remote).ok()??;
        links::parse_remote(&url)
    }
}

/// One release range, classified and grouped.
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    /// `None`: unreleased.
    pub version: Option<String>,
    pub tag: Option<String>,
    pub previous_tag: Option<String>,
    /// The version of `previous_tag`.
    pub previous_version: Option<String>,
    pub date: Option<String>,
    #[serde(flatten)]
    pub grouped: Grouped,
    pub commits: Vec<commits::Commit>,
}

impl Release {
    /// The section to write for this release (one with a version), its entries `blocks`.
    pub fn section(&self, blocks: Vec<render::Block>) -> merge::NewRelease {
        merge::NewRelease {
            version: self.version.clone().unwrap_or_default(),
            tag: self.tag.clone().unwrap_or_default(),
            prev_tag: self.previous_tag.clone(),
            prev_version: self.previous_version.clone(),
            date: self.date.clone().unwrap_or_default(),
            blocks,
        }
    }
}

/// A release and its rendered entries.
pub type Rendered = (Release, Vec<render::Block>);

/// Every release range in history, grouped and rendered with `look`: the unreleased one first,
/// then newest first. Grouping and rendering run while git is still printing the history. A
/// final release's section lists everything since the previous final release: its
/// pre-releases' commits too.
pub fn all(src: &Source<'_>, look: &Look) -> Result<(Vec<Rendered>, Vec<Warning>)> {
    let survey = src.release_tags().survey(src.repo)?;
    let notes = tag_notes(&survey);
    let tags = survey.releases;
    let owner = src.owner()?;
    let finish = |commits: &[commits::Commit]| -> Result<(Grouped, Vec<render::Block>)> {
        let g = match &owner {
            Some(o) => {
                let own: Vec<commits::Commit> =
                    commits.iter().filter(|c| o.owns(c)).cloned().collect();
                group::group(&own, src.settings)?
            }
            None => group::group(commits, src.settings)?,
        };
        let blocks = look.blocks(&g, src.settings);
        Ok((g, blocks))
    };
    let ranges = history::all(src.repo, &tags, src.settings, &finish)?;
    let mut out: Vec<Rendered> = Vec::with_capacity(ranges.len());
    let mut done = Vec::with_capacity(ranges.len());
    for (r, d) in ranges {
        done.push((r, d?));
    }
    for i in 0..done.len() {
        let tag = done[i].0.tag.clone();
        let is_final = tag.as_ref().is_some_and(ReleaseTag::is_final);
        // the release this one follows: for a final release, the previous final one
        let mut j = i + 1;
        while is_final
            && done
                .get(j)
                .is_some_and(|(r, _)| r.tag.as_ref().is_some_and(|t| !t.is_final()))
        {
            j += 1;
        }
        let previous = done
            .get(if is_final { j } else { i + 1 })
            .and_then(|(r, _)| r.tag.clone());
        // a final release above its pre-releases comes first, so each range is taken once
        let (grouped, blocks, commits) = if is_final && j > i + 1 {
            // oldest first: the pre-releases' commits, then the final's own
            let commits: Vec<commits::Commit> = done[i..j]
                .iter()
                .rev()
                .flat_map(|(r, _)| r.commits.iter().cloned())
                .collect();
            let (g, b) = finish(&commits)?;
            (g, b, commits)
        } else {
            let (g, b) = std::mem::take(&mut done[i].1);
            (g, b, std::mem::take(&mut done[i].0.commits))
        };
        let release = Release {
            version: tag.as_ref().map(|t| t.version.clone()),
            previous_version: previous.as_ref().map(|p| p.version.clone()),
            previous_tag: previous.map(|p| p.name),
            tag: tag.as_ref().map(|t| t.name.clone()),
            date: tag.map(|t| t.date),
            grouped,
            commits: owner::Owner::keep(owner.as_ref(), commits),
        };
        out.push((release, blocks));
    }
    Ok((out, notes))
}

/// What `-v` says about the tags that are no release sections of their own.
pub fn tag_notes(survey: &TagSurvey) -> Vec<Warning> {
    let mut notes = Vec::new();
    if !survey.not_releases.is_empty() {
        notes.push(Warning(format!(
            "not release tags (the tag template and the parse pattern do not read them): {}",
            survey.not_releases.join(", ")
        )));
    }
    for (tag, kept) in &survey.shadowed {
        notes.push(Warning(format!(
            "tag `{tag}` names the release of `{kept}`, whose section holds its commits"
        )));
    }
    notes
}

/// The part a level bumps: `major` for breaking changes (`minor` while the major version is 0,
/// unless `zero_breaking = "major"`), `minor` for features and deprecations, `patch` otherwise.
pub fn part_for(level: Level, major_is_zero: bool, s: &Settings) -> &'static str {
    match level {
        Level::Major if major_is_zero && s.zero_breaking == config::ZeroBreaking::Minor => "minor",
        Level::Major => "major",
        Level::Minor => "minor",
        Level::Patch => "patch",
    }
}

/// Today as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` (UTC) for reproducible output.
pub fn release_date() -> String {
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        if let Some(t) = chrono::DateTime::from_timestamp(secs, 0) {
            return t.format("%Y-%m-%d").to_string();
        }
    }
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// How entries look for this repository.
pub struct Look {
    pub issue_url: Option<String>,
    pub remote: Option<links::Remote>,
    pub order: Vec<String>,
}

impl Look {
    pub fn new(src: &Source<'_>, remote: Option<links::Remote>) -> Self {
        Look {
            issue_url: src
                .settings
                .issue_url
                .clone()
                .or_else(|| remote.as_ref().map(links::Remote::issues)),
            remote,
            order: src.settings.section_order(),
        }
    }

    pub fn blocks(&self, g: &Grouped, s: &Settings) -> Vec<render::Block> {
        render::blocks(
            g,
            &render::Style {
                settings: s,
                issue_url: self.issue_url.as_deref(),
            },
        )
    }

    pub fn link_options(&self) -> merge::LinkOptions {
        merge::LinkOptions {
            remote: self.remote.clone(),
        }
    }
}

/// Run `f` while another thread asks git for the remote (one process less on the critical
/// path), then the entry style.
pub fn with_look<T>(
    src: &Source<'_>,
    f: impl FnOnce(&Source<'_>) -> Result<T>,
) -> Result<(T, Look)> {
    std::thread::scope(|scope| {
        let remote = scope.spawn(|| src.remote());
        let out = f(src);
        let remote = remote.join().unwrap_or(None);
        Ok((out?, Look::new(src, remote)))
    })
}

/// Remarks about a range for the user: near misses.
pub fn near_miss_warnings(g: &Grouped, s: &Settings) -> Vec<Warning> {
    let fate = match s.non_conventional {
        config::NonConventional::Keep => format!("it is listed under {}", s.other_section),
        _ => "it is left out of the changelog".to_string(),
    };
    g.near_misses
        .iter()
        .map(|n| {
            Warning(format!(
                "commit {} `{}` looks like a conventional commit but is not ({}); {fate}",
                &n.hash[..n.hash.len().min(7)],
                n.subject,
                n.reason
            ))
        })
        .collect()
}

/// Refuse, before anything is merged or written, current contents of the changelog that bump
/// cannot edit safely: after a code fence (or HTML comment) that is never closed the rest of the
/// file is code (CommonMark), so its headings are none and a section written there would be
/// code too.
pub fn check(src: &Source<'_>, current: Option<&str>) -> Result<()> {
    let Some(open) = current.and_then(merge::unclosed_fence) else {
        return Ok(());
    };
    let cwd = &src.repo.cwd;
    let path = file_path(src.config, src.settings, cwd);
    Err(Error::Syntax {
        path: path.strip_prefix(cwd).unwrap_or(&path).to_path_buf(),
        line: open.line,
        column: open.column,
        message: if open.is_comment() {
            "HTML comment <!-- is never closed, so the rest of the file is a comment and bump cannot tell where its sections are; close it with --> where the comment ends, then run bump again".to_string()
        } else {
            format!(
                "code fence {f} is never closed, so the rest of the file is code and bump cannot tell where its sections are; close it with a {f} line where the code ends, then run bump again",
                f = open.fence
            )
        },
    })
}

/// The new contents of the changelog for a release of `version` tagged `tag`, from the
/// current contents (`None`: no file yet), with the remarks for the user.
pub fn release_text(
    src: &Source<'_>,
    current: Option<&str>,
    version: &str,
    tag: &str,
) -> Result<(String, Vec<Warning>)> {
    check(src, current)?;
    let (next, look) = with_look(src, |src| next_release(src, Want::Given { version, tag }))?;
    let text = merge::release(
        current,
        &next
            .release
            .section(look.blocks(&next.release.grouped, src.settings)),
        &look.order,
        &look.link_options(),
    );
    Ok((
        text,
        near_miss_warnings(&next.release.grouped, src.settings),
    ))
}
