//! Applying a plan: the files written under the rollback journal ([`journal`]), then the hooks,
//! commit and tag, all rolled back if a step fails; and recovery from a journal an interrupted
//! run left behind.

pub mod journal;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config;
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::hooks::{self, Stage};
use crate::plan::{journal_for, rel, Done, Prepared};
use crate::plan::{read, FileEdit, Plan};
use journal::{GitState, Journal, Pending, Record, Recovery};

/// Apply a prepared release: files under the journal, then hooks, commit and tag.
pub fn execute(p: &Prepared) -> Result<Done> {
    let lock = p.journal.lock()?;
    lock.share_with_children()?;
    let repo = p.repo.as_ref();
    let head = match (repo, &p.git.commit) {
        (Some(r), Some(_)) => r.head()?,
        _ => None,
    };
    // where each moveable tag stands now, to put it back if the release is rolled back
    let moved = match repo {
        Some(r) => p
            .git
            .moveable_tags
            .iter()
            .map(|m| Ok((m.clone(), r.tag_target(m)?)))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    let git = GitState {
        head,
        staged: repo.is_some() && p.git.commit.is_some(),
        tag: p.git.tag.as_ref().map(|t| t.name.clone()),
        moved,
    };
    let (rec, written) = write_journaled(&p.plan, &p.journal, git)?;
    let mut done = Done {
        written,
        ..Done::default()
    };
    if let Err(e) = git_steps(p, &mut done) {
        let restored = rollback(&p.journal, &rec, repo);
        return Err(match restored {
            Ok(()) => Error::RolledBack {
                message: format!("{e}"),
                source: Box::new(e),
            },
            Err(r) => Error::RollbackFailed {
                message: format!(
                    "{e}\nrolling back also failed: {r}\nthe journal `{}` is kept: `bump recover` finishes the rollback",
                    p.journal.path.display()
                ),
            },
        });
    }
    p.journal.remove()?;
    drop(lock);
    if let (Some(repo), Some(tag)) = (repo, &p.git.tag) {
        if p.git.push_tag && repo.has_remote("origin")? {
            repo.push("origin", &tag.name, false)?;
        }
        for m in &p.git.moveable_tags {
            if repo.has_remote("origin")? {
                repo.delete_remote_tag("origin", m)?;
                repo.push("origin", m, false)?;
            }
        }
    }
    let input = p.hook_input();
    hooks::run(
        Stage::PostCommit,
        &p.config.post_commit_hooks,
        &input,
        p.config.allow_shell_hooks,
    )?;
    Ok(done)
}

fn git_steps(p: &Prepared, done: &mut Done) -> Result<()> {
    let input = p.hook_input();
    hooks::run(
        Stage::PreCommit,
        &p.config.pre_commit_hooks,
        &input,
        p.config.allow_shell_hooks,
    )?;
    let Some(repo) = &p.repo else {
        return Ok(());
    };
    if let Some(c) = &p.git.commit {
        let root = repo
            .root
            .canonicalize()
            .unwrap_or_else(|_| repo.root.clone());
        let inside: Vec<String> = c
            .files
            .iter()
            .filter(|f| {
                let abs = repo.cwd.join(f);
                abs.canonicalize().unwrap_or(abs).starts_with(&root)
            })
            .cloned()
            .collect();
        let created: Vec<String> = p
            .plan
            .changed()
            .filter(|e| e.created)
            .map(|e| rel(&repo.cwd, &e.path))
            .filter(|f| inside.contains(f))
            .collect();
        repo.add(&created)?;
        repo.add_update(&inside)?;
        let mut env = HashMap::new();
        env.insert(
            "BUMPVERSION_CURRENT_VERSION".to_string(),
            p.current_version.clone(),
        );
        env.insert("BUMPVERSION_NEW_VERSION".to_string(), p.new_version.clone());
        repo.commit(&c.message, &c.args, &env)?;
        done.committed = true;
    }
    if let Some(t) = &p.git.tag {
        repo.tag(&t.name, t.sign, t.message.as_deref())?;
        done.tagged = Some(t.name.clone());
        for m in &p.git.moveable_tags {
            repo.tag_force(m)?;
        }
    }
    Ok(())
}

/// Undo everything a journal records: files, the release commit and its tag.
pub fn rollback(journal: &Journal, rec: &Record, repo: Option<&Repo>) -> Result<()> {
    Journal::restore_files(rec)?;
    undo_git(rec, repo)?;
    journal.remove()
}

/// One step of undoing a release's git work.
enum Undo<'a> {
    /// Back to the commit before the release (`None`: HEAD), the files' index entries too.
    Commit(Option<&'a str>),
    DeleteTag(&'a str),
    /// A moveable tag back to the object it named (`None`: it did not exist).
    MoveBack(&'a str, Option<&'a str>),
}

impl Undo<'_> {
    fn describe(&self) -> String {
        match self {
            Undo::Commit(Some(head)) => format!(
                "reset HEAD and the release's files in the index to {}",
                &head[..head.len().min(12)]
            ),
            Undo::Commit(None) => "unstage the release's files".to_string(),
            Undo::DeleteTag(t) => format!("delete the tag {t}"),
            Undo::MoveBack(t, Some(oid)) => {
                format!("move the tag {t} back to {}", &oid[..oid.len().min(12)])
            }
            Undo::MoveBack(t, None) => format!("delete the tag {t}"),
        }
    }

    /// Run the step; one already done (the tag gone, at its object again) is skipped.
    fn run(&self, repo: &Repo, paths: &[String]) -> Result<()> {
        match self {
            Undo::Commit(head) => repo.undo_commit(head.unwrap_or("HEAD"), paths),
            Undo::DeleteTag(t) | Undo::MoveBack(t, None) => match repo.tag_exists(t)? {
                true => repo.delete_tag(t),
                false => Ok(()),
            },
            Undo::MoveBack(t, Some(oid)) => repo.set_tag(t, oid),
        }
    }
}

/// Undo the release commit (the index entries of its files too), its tag and the tags it moved.
/// A step that fails stops the undo with an error saying what is left to do.
fn undo_git(rec: &Record, repo: Option<&Repo>) -> Result<()> {
    let Some(repo) = repo else {
        return Ok(());
    };
    let paths: Vec<String> = rec.files.iter().map(|(p, _)| rel(&repo.cwd, p)).collect();
    let mut steps = Vec::new();
    match &rec.git.head {
        Some(head) => steps.push(Undo::Commit(Some(head))),
        // unstage whatever `git add --update` staged (before a first commit there is no HEAD)
        None if rec.git.staged && !paths.is_empty() && repo.head()?.is_some() => {
            steps.push(Undo::Commit(None))
        }
        None => {}
    }
    steps.extend(rec.git.tag.as_deref().map(Undo::DeleteTag));
    for (name, was) in &rec.git.moved {
        steps.push(Undo::MoveBack(name, was.as_deref()));
    }
    for (i, step) in steps.iter().enumerate() {
        if let Err(e) = step.run(repo, &paths) {
            let left: Vec<String> = steps[i..].iter().map(Undo::describe).collect();
            return Err(Error::UndoFailed {
                left: left.join("; "),
                source: Box::new(e),
            });
        }
    }
    Ok(())
}

/// The journals a run in `cwd` may find: the repository's, or outside git the one beside the
/// config (and in `cwd`).
fn journals(cwd: &Path) -> (Option<Repo>, Vec<Journal>) {
    let repo = Repo::discover(cwd);
    let candidates = match &repo {
        Some(r) => vec![journal_for(Some(r), None, cwd)],
        None => {
            let mut c = vec![journal_for(None, None, cwd)];
            if let Some(cfg) = config::discover::find(cwd) {
                c.push(journal_for(None, Some(&cfg), cwd));
            }
            c
        }
    };
    (repo, candidates)
}

/// A journal an interrupted run left behind (no live process owns it), found without touching
/// anything: for the commands that only read, which report it instead of replaying it.
pub fn pending(cwd: &Path) -> Option<PathBuf> {
    let (_, candidates) = journals(cwd);
    candidates
        .into_iter()
        .find(|j| j.peek() == Some(Pending::Left))
        .map(|j| j.path)
}

/// What recovery from an interrupted run's journal did.
#[derive(Debug)]
pub struct Recovered {
    pub journal: PathBuf,
    pub done: Recovery,
    /// Where the journal was written, when the tree has moved (or been copied) since.
    pub moved_from: Option<PathBuf>,
}

/// If an interrupted run left a journal, roll the tree back (files changed since are left as
/// they are, their originals saved: see `journal::recover`); what was done. A journal its seal
/// does not vouch for is refused ([`Error::JournalRefused`]), never applied.
pub fn recover(cwd: &Path) -> Result<Option<Recovered>> {
    let (repo, candidates) = journals(cwd);
    for j in candidates {
        // nothing to recover, or a live bump owns this journal
        let Some(_lock) = j.claim()? else { continue };
        j.discard_torn();
        let decoded = match j.read()? {
            None => continue,
            Some(Ok(d)) => d,
            Some(Err(why)) => {
                return Err(Error::JournalRefused {
                    path: j.path.clone(),
                    reason: why.to_string(),
                })
            }
        };
        let done = journal::recover(&decoded.rec, &j.root, &j.recovered_dir())?;
        undo_git(&decoded.rec, repo.as_ref()).map_err(|e| Error::RollbackFailed {
            message: format!(
                "{e}\nthe files are restored; the journal `{}` is kept: run `bump recover` again once git can run",
                j.path.display()
            ),
        })?;
        j.remove()?;
        let moved_from = (decoded.written_for != j.root).then_some(decoded.written_for);
        return Ok(Some(Recovered {
            journal: j.path,
            done,
            moved_from,
        }));
    }
    Ok(None)
}

/// Remove an interrupted run's journal without applying it (`bump recover --discard`); its
/// path, when there was one.
pub fn discard(cwd: &Path) -> Result<Option<PathBuf>> {
    let (_, candidates) = journals(cwd);
    for j in candidates {
        let Some(_lock) = j.claim()? else { continue };
        j.discard_torn();
        if j.exists() {
            j.remove()?;
            return Ok(Some(j.path));
        }
    }
    Ok(None)
}

/// Write a plan's changed files under the journal (no git steps).
pub fn apply_plan(plan: &Plan, journal: &Journal) -> Result<Vec<String>> {
    let _lock = journal.lock()?;
    let (_, written) = write_journaled(plan, journal, GitState::default())?;
    journal.remove()?;
    Ok(written)
}

/// Journal the originals of every changed file (a created file as absent), then write the
/// plan's contents; the record (for a rollback) and the paths written, as the user named them.
fn write_journaled(plan: &Plan, journal: &Journal, git: GitState) -> Result<(Record, Vec<String>)> {
    let changed: Vec<&FileEdit> = plan.changed().collect();
    let rec = Record {
        git,
        files: changed
            .iter()
            .map(|e| {
                (
                    e.path.clone(),
                    (!e.created).then(|| e.before.as_bytes().to_vec()),
                )
            })
            .collect(),
        written: None,
    };
    let new: Vec<&[u8]> = changed.iter().map(|e| e.after.as_bytes()).collect();
    let kept: Vec<Option<&std::fs::File>> = changed
        .iter()
        .map(|e| e.handle.as_deref().map(read::Kept::file))
        .collect();
    journal::apply(journal, &rec, &new, &kept)?;
    Ok((rec, changed.iter().map(|e| e.display.clone()).collect()))
}
