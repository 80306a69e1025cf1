//! Release tags: does the tag a CI build is for name the package's version, and is the tag for
//! the current version still free.

use std::path::Path;

use super::{current_version_line, rel, same_version, Problem, Report};
use crate::error::Result;
use crate::plan::Project;
use crate::template;

/// The (prefix, suffix) around `{new_version}` in a tag template.
fn tag_affixes(template: &str) -> (String, String) {
    match template.split_once("{new_version}") {
        Some((p, s)) => (p.to_string(), s.to_string()),
        None => (template.to_string(), String::new()),
    }
}

/// The version a tag names under a template (`v` optional), if the tag fits the template.
pub fn tag_version(tag: &str, template: &str) -> Option<(usize, String)> {
    let (prefix, suffix) = tag_affixes(template);
    let mut candidates = vec![prefix.clone()];
    if let Some(p) = prefix.strip_suffix('v') {
        candidates.push(p.to_string());
    } else {
        candidates.push(format!("{prefix}v"));
    }
    candidates
        .into_iter()
        .filter_map(|p| {
            let rest = tag
                .strip_prefix(p.as_str())?
                .strip_suffix(suffix.as_str())?;
            (!rest.is_empty() && rest.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| (p.len() + suffix.len(), rest.to_string()))
        })
        .max_by_key(|(score, _)| *score)
}

/// Check a release tag against the projects (components).
pub fn check_tag(projects: &[Project], tag: &str, cwd: &Path, report: &mut Report) {
    let best = projects
        .iter()
        .filter_map(|s| tag_version(tag, &s.config.tag_name).map(|(score, v)| (score, v, s)))
        .max_by_key(|(score, _, _)| *score);
    let Some((_, version, project)) = best else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_versions_with_optional_v_and_prefixes() {
        assert_eq!(tag_version("v0.2.0", "v{new_version}").unwrap().1, "0.2.0");
        assert_eq!(tag_version("0.2.0", "v{new_version}").unwrap().1, "0.2.0");
        assert_eq!(tag_version("v0.2.0", "{new_version}").unwrap().1, "0.2.0");
        assert_eq!(
            tag_version("cli-v2.0.0", "cli-v{new_version}").unwrap().1,
            "2.0.0"
        );
        assert!(tag_version("sdk-v2.0.0", "cli-v{new_version}").is_none());
    }
}
