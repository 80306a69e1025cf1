//! The next release, computed once for every command that makes or shows one (`bump changelog`,
//! `bump next`, `bump auto`, `bump pre`, `bump release` and a bump with the changelog enabled):
//! its version, its tag, and the commits its section lists (a component's: those it owns,
//! [`super::owner`]).
//!
//! A final release's section lists everything since the previous final release (its release
//! candidates' commits included); a pre-release's, everything since the previous release tag of
//! any kind. The version the commits call for is the current version bumped by the part the
//! commits since the previous release tag call for; from a pre-release under a `scheme` it is
//! the final release those commits make: the previous final release bumped by what the commits
//! since it call for, or the pre-release's own final version when that is higher.

use super::group::{self, Level};
use super::history::{self, Unreleased};
use super::owner::Owner;
use super::{part_for, release_date, Release, Source};
use crate::error::{Error, Result};
use crate::git::tags::{is_final, ReleaseTag};
use crate::plan::Project;
use crate::prerelease;
use crate::version::Version;

/// Which release to compute.
#[derive(Clone, Copy)]
pub enum Want<'a> {
    /// The one the commits call for (none when nothing is releasable).
    Computed(&'a Project),
    /// This version, tagged `tag`.
    Given { version: &'a str, tag: &'a str },
    /// No release: the commits no release tag holds.
    Unreleased,
}

/// The next release. Without a version (nothing releasable, or [`Want::Unreleased`]) `release`
/// is the Unreleased range.
#[derive(Debug, Clone)]
pub struct NextRelease {
    pub release: Release,
    /// For a computed version: the part the commits call for.
    pub part: Option<&'static str>,
    /// Whether bumping `part` gives the version (a pre-release's final release may not be a
    /// part bump away: it is set).
    pub by_part: bool,
}

impl NextRelease {
    pub fn version(&self) -> Option<&str> {
        self.release.version.as_deref()
    }
}

/// Which releases end a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Since {
    /// Any release tag.
    Release,
    /// Final releases only.
    Final,
}

/// The commits since the previous release (`since`): one streaming `git log` when the tags
/// allow it (or `known`, the range since the previous release tag of any kind, when it is also
/// the one asked for), else the tags listed first.
fn range(src: &Source<'_>, since: Since, known: Option<Unreleased>) -> Result<Unreleased> {
    let fast = match known {
        Some(u) => Some(u),
        None => history::unreleased_fast(src.repo, &src.release_tags(), src.settings)?,
    };
    match (fast, since) {
        (Some(u), Since::Release) => return Ok(u),
        (Some(u), Since::Final) if u.edges_final => return Ok(u.since_final()),
        _ => {}
    }
    let mut tags = src.tags()?;
    if since == Since::Final {
        tags.retain(ReleaseTag::is_final);
    }
    history::unreleased(src.repo, &tags, &src.release_tags(), src.settings)
}

/// The range a release of `version` lists.
fn since_for(version: &str) -> Since {
    if is_final(version) {
        Since::Final
    } else {
        Since::Release
    }
}

/// Group a range into the release (no version yet).
fn grouped(src: &Source<'_>, u: Unreleased) -> Result<Release> {
    let commits = Owner::keep(src.owner()?.as_ref(), u.commits);
    let grouped = group::group(&commits, src.settings)?;
    Ok(Release {
        version: None,
        tag: None,
        previous_version: u.previous.as_ref().map(|t| t.version.clone()),
        previous_tag: u.previous.map(|t| t.name),
        date: None,
        grouped,
        commits,
    })
}

/// Name the release `version`, tagged `tag`, dated today.
fn named(mut r: Release, version: String, tag: String) -> Release {
    r.version = Some(version);
    r.tag = Some(tag);
    r.date = Some(release_date());
    r
}

/// Compute the next release.
pub fn next_release(src: &Source<'_>, want: Want<'_>) -> Result<NextRelease> {
    match want {
        Want::Unreleased => Ok(plain(grouped(src, range(src, Since::Release, None)?)?)),
        Want::Given { version, tag } => {
            let r = grouped(src, range(src, since_for(version), None)?)?;
            Ok(plain(named(r, version.to_string(), tag.to_string())))
        }
        Want::Computed(project) => computed(src, project),
    }
}

fn major_is_zero(v: &Version) -> bool {
    v.get("major")
        .is_some_and(|m| m.trim_start_matches('0').is_empty())
}

/// What a level bumps `base` to, and the part.
fn bumped(
    project: &Project,
    src: &Source<'_>,
    base: &Version,
    level: Level,
) -> Result<(String, &'static str)> {
    let part = part_for(level, major_is_zero(base), src.settings);
    let v = project.serialize(&base.bump(part)?, &project.context())?;
    Ok((v, part))
}

fn computed(src: &Source<'_>, project: &Project) -> Result<NextRelease> {
    let pending = range(src, Since::Release, None)?;
    let current_str = match (&project.current_version, &pending.previous) {
        (Some(v), _) => Some(v.clone()),
        (None, Some(t)) => Some(t.version.clone()),
        (None, None) => None,
    };
    let from_pre =
        project.config.scheme.is_some() && current_str.as_deref().is_some_and(|v| !is_final(v));
    // asked for only once the commits call for a release
    let current = || match (&project.current_version, &current_str) {
        (Some(_), _) => project.current(),
        (None, Some(v)) => project.parse_given(v),
        (None, None) => Err(Error::NoCurrentVersion),
    };
    if from_pre {
        // the final release of a pre-release: everything since the previous final one
        let release = grouped(src, range(src, Since::Final, Some(pending.clone()))?)?;
        let Some(level) = release.grouped.bump else {
            return Ok(plain(grouped(src, pending)?));
        };
        let current = current()?;
        let previous = release.previous_version.as_deref();
        let (version, part) = final_of_pre(project, src, &current, previous, level)?;
        return proposal(src, project, &current, release, version, part);
    }
    let (edges_final, previous_final) = (pending.edges_final, pending.previous_final.clone());
    let mut release = grouped(src, pending)?;
    let Some(level) = release.grouped.bump else {
        return Ok(plain(release));
    };
    let current = current()?;
    let (version, part) = bumped(project, src, &current, level)?;
    if is_final(&version) {
        // a final release lists everything since the previous final one
        if edges_final {
            release.previous_version = previous_final.as_ref().map(|t| t.version.clone());
            release.previous_tag = previous_final.map(|t| t.name);
        } else {
            release = grouped(src, range(src, Since::Final, None)?)?;
        }
    }
    proposal(src, project, &current, release, version, part)
}

/// `release` as it is: no version computed (a given one, or none: the Unreleased range).
fn plain(release: Release) -> NextRelease {
    NextRelease {
        release,
        part: None,
        by_part: false,
    }
}

/// The release of `version`, which the commits call for with `part`.
fn proposal(
    src: &Source<'_>,
    project: &Project,
    current: &Version,
    release: Release,
    version: String,
    part: &'static str,
) -> Result<NextRelease> {
    let by_part = project.serialize(&current.bump(part)?, &project.context())? == version;
    let tag = src.release_tags().name(&version, &project.context())?;
    Ok(NextRelease {
        release: named(release, version, tag),
        part: Some(part),
        by_part,
    })
}

/// The final release after the pre-release `current`: the previous final release
/// (`previous_final`) bumped by `level`, or `current`'s own final version when that is higher.
fn final_of_pre(
    project: &Project,
    src: &Source<'_>,
    current: &Version,
    previous_final: Option<&str>,
    level: Level,
) -> Result<(String, &'static str)> {
    let own = project.serialize(&prerelease::finalize(project, current)?, &project.context())?;
    let Some(previous) = previous_final else {
        let part = part_for(level, major_is_zero(current), src.settings);
        return Ok((own, part));
    };
    let (candidate, part) = bumped(project, src, &project.parse_given(previous)?, level)?;
    if src.release_tags().compare(&candidate, &own).is_gt() {
        Ok((candidate, part))
    } else {
        Ok((own, part))
    }
}
