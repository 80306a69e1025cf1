//! Release tags: does the tag a CI build is for name the package's version, and is the tag for
//! the current version still free.

use std::path::Path;

use super::{current_version_line, rel, same_version, Problem, Report};
use crate::error::Result;
use crate::git::tags::ReleaseTags;
use crate::plan::Project;
use crate::template;

/// The version a tag names under a project's tag template (see [`crate::git::tags`]), with how
/// much of the tag the template fixes (the most specific template wins).
pub fn tag_version(tag: &str, project: &Project) -> Option<(usize, String)> {
    let c = &project.config;
    let tags = ReleaseTags::new(&c.tag_name, &project.format, c.scheme);
    let version = tags.version(tag)?.to_string();
    Some((tags.template()?.specificity(), version))
}

/// Check a release tag against the projects (components).
pub fn check_tag(projects: &[Project], tag: &str, cwd: &Path, report: &mut Report) {
    let best = projects
        .iter()
        .filter_map(|s| tag_version(tag, s).map(|(score, v)| (score, v, s)))
        .max_by_key(|(score, _, _)| *score);
    // a tag of a template's shape naming a version its parse pattern does not read is still
    // that component's tag, and not its version
    let shaped = || {
        projects.iter().find_map(|p| {
            let c = &p.config;
            let text = ReleaseTags::new(&c.tag_name, &p.format, c.scheme).unreadable(tag)?;
            Some((0, text.to_string(), p))
        })
    };
    let Some((_, version, project)) = best.or_else(shaped) else {
        report.problems.push(Problem::TagUnmatched {
            tag: tag.to_string(),
            templates: projects.iter().map(|s| s.config.tag_name.clone()).collect(),
        });
        return;
    };
    let package_version = project.current_version.clone().unwrap_or_default();
    if same_version(&project.format, &version, &package_version) {
        return;
    }
    report.problems.push(Problem::TagMismatch {
        tag: tag.to_string(),
        tag_version: version,
        package_version,
        read_from: project.config.source.as_ref().map(|s| rel(cwd, &s.path)),
        line: current_version_line(project),
        component: project.config.component.clone(),
    });
}

/// The tag a CI system says this build is for, if any.
pub fn tag_from_env() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if var("GITHUB_REF_TYPE").as_deref() == Some("tag") {
        if let Some(name) = var("GITHUB_REF_NAME") {
            return Some(name);
        }
    }
    if let Some(r) = var("GITHUB_REF") {
        if let Some(t) = r.strip_prefix("refs/tags/") {
            return Some(t.to_string());
        }
    }
    var("CI_COMMIT_TAG").or_else(|| var("BITBUCKET_TAG"))
}

/// `--tag-exists`: refuse when the tag for the current version already exists.
pub fn check_tag_free(project: &Project, report: &mut Report) -> Result<()> {
    let Some(repo) = &project.repo else {
        return Ok(());
    };
    let mut ctx = project.context();
    ctx.set_str("new_version", project.version()?.to_string());
    if let Ok(v) = project.current() {
        crate::context::add_parts(&mut ctx, "current_", &v);
        crate::context::add_parts(&mut ctx, "new_", &v);
    }
    let name =
        template::render(&project.config.tag_name, &ctx).map_err(|e| project.config.placed(e))?;
    if repo.tag_exists(&name)? {
        report.problems.push(Problem::TagExists {
            tag: name,
            component: project.config.component.clone(),
        });
    }
    Ok(())
}
