//! Which commits a component owns: those touching its paths (`paths = [...]` in its table, else
//! the directories of its files; a file at the repository root stands for itself), and those
//! whose conventional scope is one of its `scopes`.
//! Tags are never filtered: the release boundaries stay the component's tags.

use std::collections::HashSet;

use super::commits::Commit;
use crate::config::Config;
use crate::error::Result;
use crate::git::Repo;

/// The commits of one component.
#[derive(Debug, Clone)]
pub struct Owner {
    commits: HashSet<String>,
    scopes: Vec<String>,
}

impl Owner {
    /// The commits `config` (a component) owns; `None` when it owns every commit: no component,
    /// or one whose files the paths cannot say (a glob at the root, `{repo_root}`).
    pub fn of(repo: &Repo, config: &Config) -> Result<Option<Owner>> {
        if config.component.is_none() {
            return Ok(None);
        }
        let files = config
            .files
            .iter()
            .map(|f| f.filename.as_deref().or(f.glob.as_deref()));
        let Some(specs) = pathspecs(&config.paths, files) else {
            return Ok(None);
        };
        let commits = repo.commits_touching(&specs)?.into_iter().collect();
        Ok(Some(Owner {
            commits,
            scopes: config.scopes.clone(),
        }))
    }

    /// Whether the component owns `c`.
    pub fn owns(&self, c: &Commit) -> bool {
        self.commits.contains(&c.hash)
            || c.changes().iter().any(|ch| {
                ch.scope
                    .as_deref()
                    .is_some_and(|s| self.scopes.iter().any(|o| o.eq_ignore_ascii_case(s)))
            })
    }

    /// `commits` without the ones the component does not own.
    pub fn keep(owner: Option<&Owner>, commits: Vec<Commit>) -> Vec<Commit> {
        match owner {
            Some(o) => commits.into_iter().filter(|c| o.owns(c)).collect(),
            None => commits,
        }
    }
}

/// The git pathspecs of a component: its `paths` as globs, else the directories of its files
/// (`None`: a glob at the root or an absolute path, so every commit).
fn pathspecs<'a>(
    paths: &[String],
    files: impl Iterator<Item = Option<&'a str>>,
) -> Option<Vec<String>> {
    if !paths.is_empty() {
        return Some(paths.iter().map(|p| format!(":(glob){p}")).collect());
    }
    let mut dirs: Vec<String> = Vec::new();
    for path in files {
        let path = path?;
        // the literal directories before any glob sign
        let literal = path.split(['*', '?', '[', '{']).next().unwrap_or("");
        let literal = literal.trim_start_matches("./");
        if literal.contains("{repo_root}") || literal.starts_with('/') {
            return None;
        }
        // a file at the root stands for itself, one below it for its directory
        let spec = match literal.rfind('/') {
            Some(i) => format!(":(literal){}", &literal[..i]),
            None if literal == path.trim_start_matches("./") => format!(":(literal){literal}"),
            None => return None,
        };
        if !dirs.contains(&spec) {
            dirs.push(spec);
        }
    }
    (!dirs.is_empty()).then_some(dirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(paths: &[&str], files: &[&str]) -> Option<Vec<String>> {
        let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
        pathspecs(&paths, files.iter().map(|f| Some(*f)))
    }

    #[test]
    fn the_directories_of_the_files_or_the_paths() {
        assert_eq!(
            specs(
                &[],
                &["cli/Cargo.toml", "server/pyproject.toml", "cli/Cargo.lock"]
            ),
            Some(vec![":(literal)cli".into(), ":(literal)server".into()])
        );
        assert_eq!(
            specs(&[], &["sdk/*/version.py"]),
            Some(vec![":(literal)sdk".into()])
        );
        assert_eq!(
            specs(&[], &["cli/x", "./Dockerfile"]),
            Some(vec![":(literal)cli".into(), ":(literal)Dockerfile".into()])
        );
        assert_eq!(
            specs(&[], &["cli/x", "*.txt"]),
            None,
            "a root glob: every commit"
        );
        assert_eq!(
            specs(&["cli/**"], &["VERSION"]),
            Some(vec![":(glob)cli/**".into()])
        );
    }
}
