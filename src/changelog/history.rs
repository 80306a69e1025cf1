//! Reading history through [`crate::git`]: the commits of each release range (the release tags
//! are [`crate::git::tags`]'), classified while one streaming `git log` prints them.

use std::collections::HashMap;

use super::commits::{classify, Commit};
use super::config::Settings;
use crate::error::Result;
use crate::git::tags::{ReleaseTag, ReleaseTags};
use crate::git::{LogEntry, Repo};

/// The commits of one release (or of the unreleased range, `tag == None`), oldest first.
#[derive(Debug, Clone)]
pub struct Range {
    pub tag: Option<ReleaseTag>,
    pub commits: Vec<Commit>,
}

fn parent_count(parents: &str) -> usize {
    parents.split(' ').filter(|p| !p.is_empty()).count()
}

/// Run `git log`; an empty repository has no commits (not an error).
fn log(repo: &Repo, revs: &[String], boundary: bool, each: impl FnMut(LogEntry<'_>)) -> Result<()> {
    match repo.log_each(revs, boundary, each) {
        Ok(()) => Ok(()),
        Err(e) => match repo.head()? {
            None => Ok(()),
            Some(_) => Err(e),
        },
    }
}

/// The commits no release holds, and the release they follow.
#[derive(Debug, Clone)]
pub struct Unreleased {
    /// Oldest first.
    pub commits: Vec<Commit>,
    /// The newest release tag at the edge of the range (`None`: a first release).
    pub previous: Option<ReleaseTag>,
    /// Whether every commit at the range's edge carries a final release tag: then the range is
    /// also the one since the previous final release, which is `previous_final`.
    pub edges_final: bool,
    /// The newest final release tag at the edge of the range.
    pub previous_final: Option<ReleaseTag>,
}

impl Unreleased {
    /// This range as the one since the previous final release (for a range whose edges are
    /// all final, [`Unreleased::edges_final`]).
    pub fn since_final(self) -> Unreleased {
        Unreleased {
            previous: self.previous_final.clone(),
            ..self
        }
    }
}

/// What [`Unreleased`] learns from the commits at the edge of a range.
#[derive(Default)]
struct Edge {
    previous: Option<ReleaseTag>,
    previous_final: Option<ReleaseTag>,
    edges_final: bool,
}

impl Edge {
    /// Fold in one edge commit's release tags (`compare` orders versions).
    fn commit(&mut self, tags: &[ReleaseTag], order: &ReleaseTags<'_>) {
        let mut has_final = false;
        for t in tags {
            let newer =
                |p: &Option<ReleaseTag>| p.as_ref().is_none_or(|p| order.precedence(t, p).is_gt());
            if newer(&self.previous) {
                self.previous = Some(t.clone());
            }
            if t.is_final() {
                has_final = true;
                if newer(&self.previous_final) {
                    self.previous_final = Some(t.clone());
                }
            }
        }
        self.edges_final &= has_final;
    }

    fn range(self, commits: Vec<Commit>) -> Unreleased {
        Unreleased {
            commits,
            previous: self.previous,
            edges_final: self.edges_final,
            previous_final: self.previous_final,
        }
    }
}

/// HEAD minus every tag of `tags` (newest version first), in one `git log --boundary`: the
/// excluded commits at the range's edge name the previous release.
pub fn unreleased(
    repo: &Repo,
    tags: &[ReleaseTag],
    order: &ReleaseTags<'_>,
    s: &Settings,
) -> Result<Unreleased> {
    let mut revs = vec!["HEAD".to_string()];
    revs.extend(tags.iter().map(|t| format!("^{}", t.commit)));
    let mut commits = Vec::new();
    let mut edge: Vec<String> = Vec::new();
    log(repo, &revs, true, |e| {
        if e.boundary {
            edge.push(e.hash.to_string());
        } else {
            commits.push(classify(e.hash, parent_count(e.parents), e.message, s));
        }
    })?;
    commits.reverse();
    if commits.is_empty() && !tags.is_empty() {
        // HEAD is a release itself
        edge.extend(repo.head()?);
    }
    let mut found = Edge {
        edges_final: true,
        ..Edge::default()
    };
    for commit in &edge {
        let at: Vec<ReleaseTag> = tags
            .iter()
            .filter(|t| &t.commit == commit)
            .cloned()
            .collect();
        if !at.is_empty() {
            found.commit(&at, order);
        }
    }
    Ok(found.range(commits))
}

/// [`unreleased`] over every release tag without listing the tags first (one git process
/// instead of two): `git log --boundary HEAD --not --tags=GLOB`, the previous release read from
/// the ref names of the commits at the edge. Every commit a tag that is no release wrongly
/// excludes puts an edge commit without a release tag on the way from HEAD, so such an edge, an
/// empty range or an error gives `None`, and [`unreleased`] decides.
pub fn unreleased_fast(
    repo: &Repo,
    tags: &ReleaseTags<'_>,
    s: &Settings,
) -> Result<Option<Unreleased>> {
    let Some([glob, toggled]) = tags.template().and_then(|t| t.log_globs()) else {
        return Ok(None);
    };
    let revs = [
        "HEAD".to_string(),
        "--not".to_string(),
        format!("--tags={glob}"),
        format!("--tags={toggled}"),
    ];
    let mut commits = Vec::new();
    let mut trusted = true;
    let mut found = Edge {
        edges_final: true,
        ..Edge::default()
    };
    let read = repo.log_each(&revs, true, |e| {
        if !e.boundary {
            commits.push(classify(e.hash, parent_count(e.parents), e.message, s));
            return;
        }
        let at: Vec<ReleaseTag> = e
            .refs
            .split(", ")
            .filter_map(|r| r.strip_prefix("tag: "))
            .filter_map(|name| {
                Some(ReleaseTag {
                    version: tags.version(name)?.to_string(),
                    name: name.to_string(),
                    commit: e.hash.to_string(),
                    date: String::new(),
                })
            })
            .collect();
        trusted &= !at.is_empty();
        found.commit(&at, tags);
    });
    if read.is_err() || !trusted || commits.is_empty() {
        return Ok(None);
    }
    commits.reverse();
    Ok(Some(found.range(commits)))
}

/// Every release range from one `git log HEAD`: the unreleased range first, then one per tag
/// found in the history, newest first, each with what `finish` makes of its commits (oldest
/// first).
///
/// In a linear history a tag's commit starts its release, so a range is complete as soon as git
/// prints the next tag's commit: it goes to `finish` in a second thread while git is still
/// walking. A merge commit anywhere makes that split unsafe; then, once the walk is done, a
/// commit goes to the oldest release that holds it (tags taken oldest version first, each
/// claiming the ancestors no older tag claimed), so merged branches land in the right release,
/// and only the ranges whose commits that moves are handed to `finish` again.
pub fn all<T: Send>(
    repo: &Repo,
    tags: &[ReleaseTag],
    s: &Settings,
    finish: &(dyn Fn(&[Commit]) -> T + Sync),
) -> Result<Vec<(Range, T)>> {
    // several tags on one commit: the newest release (lowest index) holds the range
    let mut at: HashMap<&str, usize> = HashMap::with_capacity(tags.len());
    for (i, t) in tags.iter().enumerate() {
        at.entry(t.commit.as_str()).or_insert(i + 1);
    }
    let mut seen = vec![false; tags.len()];
    let mut parents = String::new();
    let mut spans: Vec<(u32, u32)> = Vec::new();
    let mut linear = true;
    let (read, done) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<Commit>)>();
        let worker = scope.spawn(move || {
            rx.into_iter()
                .map(|(k, mut commits)| {
                    commits.reverse();
                    let t = finish(&commits);
                    (k, commits, t)
                })
                .collect::<Vec<_>>()
        });
        let mut cur = 0;
        let mut open: Vec<Commit> = Vec::new();
        let read = log(repo, &["HEAD".to_string()], false, |e| {
            let n = parent_count(e.parents);
            linear &= n <= 1;
            if let Some(&k) = at.get(e.hash) {
                seen[k - 1] = true;
                if k > cur {
                    // a send fails only when the worker died; its join says so
                    let _ = tx.send((cur, std::mem::take(&mut open)));
                    cur = k;
                } else {
                    // a newer version below an older one: only the graph can split this
                    linear = false;
                }
            }
            open.push(classify(e.hash, n, e.message, s));
            let start = parents.len() as u32;
            parents.push_str(e.parents);
            spans.push((start, parents.len() as u32));
        });
        let _ = tx.send((cur, open));
        drop(tx);
        (read, worker.join())
    });
    read?;
    let done = done.map_err(|_| crate::error::Error::Bug {
        what: "changelog worker",
    })?;
    let tag_of = |k: usize| (k > 0).then(|| tags[k - 1].clone());
    if linear {
        let mut out: Vec<(Range, T)> = done
            .into_iter()
            .filter(|(k, _, _)| *k == 0 || seen[*k - 1])
            .map(|(k, commits, t)| {
                let tag = tag_of(k);
                (Range { tag, commits }, t)
            })
            .collect();
        if out.first().is_none_or(|(r, _)| r.tag.is_some()) {
            let empty = Range {
                tag: None,
                commits: Vec::new(),
            };
            out.insert(0, (empty, finish(&[])));
        }
        return Ok(out);
    }
    // back to git's order (newest first), then split by the graph; a range the walk order
    // already split the same way keeps what `finish` made of it
    let mut commits: Vec<Commit> = Vec::with_capacity(spans.len());
    let mut walked: Vec<usize> = Vec::with_capacity(spans.len());
    let mut streamed: HashMap<usize, T> = HashMap::new();
    for (k, mut cs, t) in done {
        cs.reverse();
        walked.extend(std::iter::repeat_n(k, cs.len()));
        commits.extend(cs);
        streamed.insert(k, t);
    }
    let parents_of = |i: usize| &parents[spans[i].0 as usize..spans[i].1 as usize];
    let (owner, seen) = owners_graph(&commits, &parents_of, tags);
    let mut moved = vec![false; tags.len() + 1];
    for (w, o) in walked.iter().zip(&owner) {
        if w != o {
            moved[*w] = true;
            moved[*o] = true;
        }
    }
    let mut ranges: Vec<Vec<Commit>> = (0..=tags.len()).map(|_| Vec::new()).collect();
    for (c, o) in commits.into_iter().zip(owner).rev() {
        ranges[o].push(c);
    }
    let mut out: Vec<(usize, Range, T)> = Vec::new();
    let mut redo: Vec<(usize, Vec<Commit>)> = Vec::new();
    for (k, commits) in ranges.into_iter().enumerate() {
        if k > 0 && !seen[k - 1] {
            continue;
        }
        match streamed.remove(&k).filter(|_| !moved[k]) {
            Some(t) => out.push((
                k,
                Range {
                    tag: tag_of(k),
                    commits,
                },
                t,
            )),
            None => redo.push((k, commits)),
        }
    }
    // git is done: both cores are ours, half of the ranges each (alternating, as sizes vary)
    let (evens, odds): (Vec<_>, Vec<_>) =
        redo.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let run = |part: Vec<(usize, (usize, Vec<Commit>))>| -> Vec<(usize, Range, T)> {
        part.into_iter()
            .map(|(_, (k, commits))| {
                let t = finish(&commits);
                let tag = tag_of(k);
                (k, Range { tag, commits }, t)
            })
            .collect()
    };
    let (mine, other) = std::thread::scope(|scope| {
        let h = scope.spawn(|| run(odds));
        (run(evens), h.join())
    });
    out.extend(mine);
    out.extend(other.map_err(|_| crate::error::Error::Bug {
        what: "changelog worker",
    })?);
    out.sort_by_key(|(k, _, _)| *k);
    Ok(out.into_iter().map(|(_, r, t)| (r, t)).collect())
}

/// Range index per commit from the parent graph, and which tags the history holds.
fn owners_graph<'p>(
    commits: &[Commit],
    parents: &dyn Fn(usize) -> &'p str,
    tags: &[ReleaseTag],
) -> (Vec<usize>, Vec<bool>) {
    let index: HashMap<&str, usize> = commits
        .iter()
        .enumerate()
        .map(|(i, c)| (c.hash.as_str(), i))
        .collect();
    let mut owner = vec![0usize; commits.len()];
    let mut seen = vec![false; tags.len()];
    let mut claimed = vec![false; commits.len()];
    let mut stack = Vec::new();
    for (ti, t) in tags.iter().enumerate().rev() {
        let Some(&start) = index.get(t.commit.as_str()) else {
            continue;
        };
        seen[ti] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            if claimed[i] {
                continue;
            }
            claimed[i] = true;
            owner[i] = ti + 1;
            for p in parents(i).split(' ') {
                if let Some(&pi) = index.get(p) {
                    if !claimed[pi] {
                        stack.push(pi);
                    }
                }
            }
        }
    }
    (owner, seen)
}
