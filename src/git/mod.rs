//! The one place that runs `git`: always the executable with an argv (never a shell string), in a
//! given directory, every failure naming the command and the directory. Each command the rest of
//! the code needs is a named [`Repo`] method; with a trace hook set ([`set_trace`], `-vv`), each
//! is reported as it starts.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::error::{Error, Result};

pub mod tags;

/// A git work tree.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The directory git commands run in (where bump was started).
    pub cwd: PathBuf,
    /// The work tree root.
    pub root: PathBuf,
    /// The `.git` directory (resolved for worktrees and submodules).
    pub git_dir: PathBuf,
}

/// Where every git command is reported before it runs; unset, nowhere.
static TRACE: OnceLock<Box<Trace>> = OnceLock::new();

/// What [`set_trace`] is given: called with each command line.
type Trace = dyn Fn(&str) + Send + Sync;

/// Report every git command to `hook` as it starts, one line each: `git -C DIR ARGS...`,
/// shell-quoted for reading (the CLI sets this for `-vv`; nothing here prints). The first hook
/// set stays.
pub fn set_trace(hook: impl Fn(&str) + Send + Sync + 'static) {
    let _ = TRACE.set(Box::new(hook));
}

/// `git -C DIR ARGS...` as a shell would read it: for showing a command, never for running one.
pub fn command_line(dir: &Path, args: &[&str]) -> String {
    let dir = dir.to_string_lossy();
    format!("git -C {} {}", quote(&dir), quoted(args))
}

fn quote(arg: &str) -> std::borrow::Cow<'_, str> {
    shlex::try_quote(arg).unwrap_or(std::borrow::Cow::Borrowed(arg))
}

fn quoted(args: &[&str]) -> String {
    args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
}

/// `git status` of the tracked files, porcelain v2, NUL-separated, without taking the index
/// lock: git then writes nothing (a bump rewrites `.git/index` only when it commits), and
/// re-hashes only the files whose stat data no longer match, as any `git status` does.
const STATUS: [&str; 5] = [
    "--no-optional-locks",
    "status",
    "--porcelain=v2",
    "--untracked-files=no",
    "-z",
];

/// A dirty-tree check under way: `git status`, started by [`Repo::start_dirty`], running while
/// the caller plans. Dropped unfinished, the process is stopped (it takes no lock).
#[derive(Debug)]
pub struct PendingDirty {
    repo: Repo,
    allowed: AllowedDirty,
    child: Option<std::process::Child>,
}

impl PendingDirty {
    /// Wait for git's verdict: the modified tracked files that `allowed` does not match, as
    /// bump-my-version lists them (`git status --porcelain` lines, trimmed).
    pub fn finish(mut self) -> Result<Vec<String>> {
        let Some(child) = self.child.take() else {
            return Ok(Vec::new());
        };
        let out = child
            .wait_with_output()
            .map_err(|e| self.repo.spawn_error(&STATUS, e))?;
        if !out.status.success() {
            return Err(self.repo.fail(&STATUS, &out));
        }
        Ok(status_lines(&out.stdout)
            .into_iter()
            .filter(|(_, paths)| !self.allowed.all(paths.iter().map(String::as_str)))
            .map(|(line, _)| line)
            .collect())
    }
}

impl Drop for PendingDirty {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `git status --porcelain=v2 -z` records as `git status --porcelain` shows them (`XY PATH`,
/// trimmed, or `XY ORIG -> PATH` for a rename), each with its paths. The v2 fields before the
/// path: `1 XY SUB MH MI MW HH HI`, `2 ... HI SCORE` (then the original path as a field of its
/// own), `u XY SUB M1 M2 M3 MW H1 H2 H3`.
fn status_lines(out: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut fields = out.split(|&b| b == 0).map(String::from_utf8_lossy);
    let mut lines = Vec::new();
    while let Some(rec) = fields.next() {
        let before_path = match rec.as_bytes().first() {
            Some(b'1') => 8,
            Some(b'2') => 9,
            Some(b'u') => 10,
            _ => continue,
        };
        let mut parts = rec.splitn(before_path + 1, ' ');
        let xy = parts.nth(1).unwrap_or("").replace('.', " ");
        let path = parts.nth(before_path - 2).unwrap_or("").to_string();
        if rec.starts_with('2') {
            let orig = fields.next().unwrap_or_default().into_owned();
            let line = format!("{xy} {orig} -> {path}");
            lines.push((line.trim().to_string(), vec![orig, path]));
        } else {
            lines.push((format!("{xy} {path}").trim().to_string(), vec![path]));
        }
    }
    lines
}

/// The `allow_dirty_files` patterns, compiled: fnmatch rules, where `*` crosses `/`.
#[derive(Debug, Clone)]
pub struct AllowedDirty(Option<globset::GlobSet>);

impl AllowedDirty {
    /// Compile the patterns; the first one that does not compile is the error (its message
    /// names it).
    pub fn new(patterns: &[String]) -> std::result::Result<AllowedDirty, String> {
        if patterns.is_empty() {
            return Ok(AllowedDirty(None));
        }
        let mut set = globset::GlobSetBuilder::new();
        for p in patterns {
            let glob = globset::GlobBuilder::new(p)
                .literal_separator(false)
                .build()
                .map_err(|e| format!("invalid glob `{p}`: {}", e.kind()))?;
            set.add(glob);
        }
        let set = set.build().map_err(|e| format!("invalid glob: {e}"))?;
        Ok(AllowedDirty(Some(set)))
    }

    /// Whether every one of `paths` (relative to the work tree root) is allowed to be dirty.
    fn all<'p>(&self, mut paths: impl Iterator<Item = &'p str>) -> bool {
        self.0
            .as_ref()
            .is_some_and(|set| paths.all(|p| set.is_match(p)))
    }
}

/// A tag as `git for-each-ref` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRef {
    /// The name without `refs/tags/`.
    pub name: String,
    /// The commit the tag points to (annotated tags peeled).
    pub commit: String,
    /// The tag's date (the tagger's for annotated tags, else the commit's), `YYYY-MM-DD` in the
    /// tagger's time zone.
    pub date: String,
}

/// One commit as [`Repo::log_each`] streams it.
#[derive(Debug, Clone, Copy)]
pub struct LogEntry<'a> {
    pub hash: &'a str,
    /// Space-separated parent ids.
    pub parents: &'a str,
    /// The ref names pointing at it (`%D`: `HEAD -> main, tag: v1.0.0`), with `boundary` only.
    pub refs: &'a str,
    /// The raw message (`%B`).
    pub message: &'a str,
    /// An excluded commit at the edge of the range (`--boundary`).
    pub boundary: bool,
}

/// A NUL-terminated field as text (UTF-8 checked fast; invalid bytes replaced).
fn text(b: &[u8]) -> std::borrow::Cow<'_, str> {
    let b = b.strip_suffix(&[0]).unwrap_or(b);
    match std::str::from_utf8(b) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// What `git describe` says about the latest matching tag.
#[derive(Debug, Clone, Default)]
pub struct Describe {
    pub tag: String,
    pub distance: u64,
    pub commit_sha: String,
    pub dirty: bool,
}

fn ceilings() -> Vec<PathBuf> {
    std::env::var_os("GIT_CEILING_DIRECTORIES")
        .map(|v| {
            std::env::split_paths(&v)
                .filter(|p| p.is_absolute())
                .collect()
        })
        .unwrap_or_default()
}

impl Repo {
    /// Find the repository holding `cwd` without running git (walks up to a `.git`, honouring
    /// `GIT_CEILING_DIRECTORIES`).
    pub fn discover(cwd: &Path) -> Option<Repo> {
        let ceil = ceilings();
        for (i, dir) in cwd.ancestors().enumerate() {
            if i > 0 && ceil.iter().any(|c| c == dir) {
                return None;
            }
            let dotgit = dir.join(".git");
            if dotgit.is_dir() {
                return Some(Repo {
                    cwd: cwd.to_path_buf(),
                    root: dir.to_path_buf(),
                    git_dir: dotgit,
                });
            }
            if dotgit.is_file() {
                let text = std::fs::read_to_string(&dotgit).ok()?;
                let gd = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
                return Some(Repo {
                    cwd: cwd.to_path_buf(),
                    root: dir.to_path_buf(),
                    git_dir: dir.join(gd),
                });
            }
        }
        None
    }

    /// The git command for `args`, reported to the trace hook: every git process starts here.
    fn command(&self, args: &[&str]) -> Command {
        if let Some(hook) = TRACE.get() {
            hook(&command_line(&self.cwd, args));
        }
        let mut c = Command::new("git");
        c.args(args).current_dir(&self.cwd).stdin(Stdio::null());
        c
    }

    fn fail(&self, args: &[&str], output: &std::process::Output) -> Error {
        let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stdout));
        Error::Git {
            command: format!("git {}", quoted(args)),
            dir: self.cwd.clone(),
            output: text,
        }
    }

    fn spawn_error(&self, args: &[&str], e: std::io::Error) -> Error {
        Error::Git {
            command: format!("git {}", args.join(" ")),
            dir: self.cwd.clone(),
            output: format!("cannot run git: {e}"),
        }
    }

    /// Run git; the trimmed stdout on success.
    fn run(&self, args: &[&str]) -> Result<String> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| self.spawn_error(args, e))?;
        if !out.status.success() {
            return Err(self.fail(args, &out));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    }

    /// Run git; `None` when it exits non-zero.
    fn try_run(&self, args: &[&str]) -> Result<Option<String>> {
        let out = self
            .command(args)
            .stderr(Stdio::null())
            .output()
            .map_err(|e| self.spawn_error(args, e))?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim_end().to_string()))
    }

    /// Modified tracked files (`git status --porcelain` without untracked ones), minus those
    /// `allowed` patterns match (fnmatch rules: `*` crosses `/`).
    pub fn dirty(&self, allowed: &[String]) -> Result<Vec<String>> {
        self.start_dirty(allowed)?.finish()
    }

    /// Start [`Repo::dirty`]: `git status` runs while the caller plans (on 22,000 files it
    /// takes about as long as planning the release, on the other core), and
    /// [`PendingDirty::finish`] waits for its verdict.
    pub fn start_dirty(&self, allowed: &[String]) -> Result<PendingDirty> {
        // the config reader already refused patterns that do not compile, naming their line
        let allowed = AllowedDirty::new(allowed)
            .map_err(|e| Error::usage(format!("`allow_dirty_files`: {e}")))?;
        let child = self
            .command(&STATUS)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_error(&STATUS, e))?;
        Ok(PendingDirty {
            repo: self.clone(),
            allowed,
            child: Some(child),
        })
    }

    /// `git describe` of HEAD against tags matching `pattern` (fnmatch).
    pub fn describe(&self, pattern: &str) -> Result<Option<Describe>> {
        let m = format!("--match={pattern}");
        let Some(out) =
            self.try_run(&["describe", "--dirty", "--tags", "--long", "--abbrev=40", &m])?
        else {
            return Ok(None);
        };
        let mut bits: Vec<&str> = out.trim().split('-').collect();
        let dirty = bits.last() == Some(&"dirty");
        if dirty {
            bits.pop();
        }
        let sha = bits.pop().unwrap_or("").trim_start_matches('g').to_string();
        let distance = bits.pop().and_then(|d| d.parse().ok()).unwrap_or(0);
        Ok(Some(Describe {
            tag: bits.join("-"),
            distance,
            commit_sha: sha,
            dirty,
        }))
    }

    /// The current branch, `None` when HEAD is detached.
    pub fn branch(&self) -> Result<Option<String>> {
        self.try_run(&["symbolic-ref", "--short", "HEAD"])
    }

    /// HEAD's commit id, `None` in a repository without commits.
    pub fn head(&self) -> Result<Option<String>> {
        self.try_run(&["rev-parse", "-q", "--verify", "HEAD^{commit}"])
    }

    pub fn tag_exists(&self, name: &str) -> Result<bool> {
        Ok(self
            .try_run(&["rev-parse", "-q", "--verify", &format!("refs/tags/{name}")])?
            .is_some())
    }

    /// Whether git accepts `name` as a tag name.
    pub fn valid_tag_name(&self, name: &str) -> Result<bool> {
        Ok(!name.starts_with('-')
            && self
                .try_run(&["check-ref-format", &format!("refs/tags/{name}")])?
                .is_some())
    }

    /// The paths among `paths` (relative to `cwd`) that git neither tracks nor ignores, as
    /// `git ls-files --others --exclude-standard` lists them.
    pub fn untracked(&self, paths: &[String]) -> Result<Vec<String>> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let mut args = vec!["ls-files", "-z", "--others", "--exclude-standard", "--"];
        args.extend(paths.iter().map(String::as_str));
        let out = self.run(&args)?;
        Ok(out
            .split('\0')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// `git update-index --refresh -q`: record the current stat data of unchanged files, as
    /// bump-my-version does before `git describe` (a failure, e.g. a locked index, is ignored).
    pub fn refresh_index(&self) {
        let _ = self.try_run(&["update-index", "--refresh", "-q"]);
    }

    /// The tags pointing at HEAD (`git tag --points-at HEAD`), in git's order.
    pub fn tags_at_head(&self) -> Result<Vec<String>> {
        Ok(self
            .run(&["tag", "--points-at", "HEAD"])?
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// `git add --update -- PATHS`.
    pub fn add_update(&self, paths: &[String]) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let mut args = vec!["add", "--update", "--"];
        args.extend(paths.iter().map(String::as_str));
        self.run(&args).map(drop)
    }

    /// `git commit -F - EXTRA...` with the message on stdin and extra environment.
    pub fn commit(
        &self,
        message: &str,
        extra: &[String],
        env: &HashMap<String, String>,
    ) -> Result<()> {
        let mut args = vec!["commit", "-F", "-"];
        args.extend(extra.iter().map(String::as_str));
        let mut child = self
            .command(&args)
            .envs(env)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_error(&args, e))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(message.as_bytes());
        }
        let out = child
            .wait_with_output()
            .map_err(|e| self.spawn_error(&args, e))?;
        if !out.status.success() {
            return Err(self.fail(&args, &out));
        }
        Ok(())
    }

    /// `git tag NAME [--sign] [--message MSG]` (no message: a lightweight tag).
    pub fn tag(&self, name: &str, sign: bool, message: Option<&str>) -> Result<()> {
        let mut args = vec!["tag", name];
        if sign {
            args.push("--sign");
        }
        if let Some(m) = message.filter(|m| !m.is_empty()) {
            args.push("--message");
            args.push(m);
        }
        self.run(&args).map(drop)
    }

    /// Move (or create) a lightweight tag to HEAD.
    /// The object a tag names (a commit, or an annotated tag's own object); `None`: no such tag.
    pub fn tag_target(&self, name: &str) -> Result<Option<String>> {
        self.try_run(&["rev-parse", "-q", "--verify", &format!("refs/tags/{name}")])
            .map(|o| o.map(|s| s.trim().to_string()))
    }

    /// Point tag `name` at `oid` again (undoing a move), whatever it names now; nothing to do
    /// when it names `oid` already.
    pub fn set_tag(&self, name: &str, oid: &str) -> Result<()> {
        if self.tag_target(name)?.as_deref() == Some(oid) {
            return Ok(());
        }
        self.run(&["update-ref", &format!("refs/tags/{name}"), oid])
            .map(drop)
    }

    pub fn tag_force(&self, name: &str) -> Result<()> {
        self.run(&["tag", "-f", name]).map(drop)
    }

    pub fn delete_tag(&self, name: &str) -> Result<()> {
        self.run(&["tag", "-d", name]).map(drop)
    }

    pub fn has_remote(&self, name: &str) -> Result<bool> {
        Ok(self.run(&["remote"])?.lines().any(|l| l == name))
    }

    pub fn push(&self, remote: &str, refname: &str, force: bool) -> Result<()> {
        let mut args = vec!["push", remote, refname];
        if force {
            args.push("--force");
        }
        self.run(&args).map(drop)
    }

    /// Delete a tag on a remote; a tag the remote does not have is fine.
    pub fn delete_remote_tag(&self, remote: &str, name: &str) -> Result<()> {
        match self.run(&["push", "--delete", remote, name]) {
            Err(Error::Git { output, .. })
                if output.to_lowercase().contains("remote ref does not exist") =>
            {
                Ok(())
            }
            other => other.map(drop),
        }
    }

    /// Undo a commit: move the branch back to `rev` and reset `paths` in the index to it. The
    /// branch is left alone when it is still at `rev` (the commit failed, perhaps because its
    /// ref was locked, which would make the move fail too).
    pub fn undo_commit(&self, rev: &str, paths: &[String]) -> Result<()> {
        if rev != "HEAD" && self.head()?.as_deref() != Some(rev) {
            self.run(&["reset", "-q", "--soft", rev])?;
        }
        if paths.is_empty() {
            return Ok(());
        }
        // the index holds REV's entries already (nothing was staged): nothing to undo, and no
        // `index.lock` to take
        let mut check = vec!["diff", "--cached", "--quiet", rev, "--"];
        check.extend(paths.iter().map(String::as_str));
        if self.try_run(&check)?.is_some() {
            return Ok(());
        }
        let mut args = vec!["reset", "-q", rev, "--"];
        args.extend(paths.iter().map(String::as_str));
        // `git reset REV -- PATHS` exits 1 when paths stay modified: that is expected here; any
        // other failure (a held `index.lock`, a full disk) leaves the release staged
        self.run_allowing(&args, &[1])?;
        // and the index must hold REV's entries again, whatever git said
        self.run(&check).map(drop)
    }

    /// Run git, accepting the exit codes `ok` besides 0.
    fn run_allowing(&self, args: &[&str], ok: &[i32]) -> Result<String> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| self.spawn_error(args, e))?;
        if !out.status.success() && !out.status.code().is_some_and(|c| ok.contains(&c)) {
            return Err(self.fail(args, &out));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    }

    /// The URL of a remote, if set.
    pub fn remote_url(&self, name: &str) -> Result<Option<String>> {
        self.try_run(&["remote", "get-url", name])
    }

    /// Every tag of a commit (`git for-each-ref refs/tags`), annotated ones peeled to their
    /// commit; tags of trees or blobs are left out.
    pub fn tags(&self) -> Result<Vec<TagRef>> {
        let out = self.run(&[
            "for-each-ref",
            "--format=%(refname:strip=2)%00%(objectname)%00%(objecttype)%00%(*objectname)%00%(*objecttype)%00%(creatordate:short)",
            "refs/tags",
        ])?;
        Ok(out
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\0').collect();
                let [name, object, kind, peeled, peeled_kind, date] = f[..] else {
                    return None;
                };
                let (commit, kind) = if peeled.is_empty() {
                    (object, kind)
                } else {
                    (peeled, peeled_kind)
                };
                (kind == "commit").then(|| TagRef {
                    name: name.to_string(),
                    commit: commit.to_string(),
                    date: date.to_string(),
                })
            })
            .collect())
    }

    /// Stream `git log -z --format=%m%H%x00%P%x00%B [--boundary] REVS --` (newest first):
    /// `each` is called per commit as git prints it, so parsing overlaps git's walk. REVS are
    /// commit ids, `HEAD`, `^id` exclusions or `--not --tags=GLOB`, each one argv element. With
    /// `boundary`, the excluded commits at the edge of the range come last, marked, and every
    /// commit's ref names (`%D`) are given.
    pub fn log_each(
        &self,
        revs: &[String],
        boundary: bool,
        mut each: impl FnMut(LogEntry<'_>),
    ) -> Result<()> {
        // `log.showSignature` would put gpg's output between the records
        let mut args = vec!["log", "-z", "--no-color", "--no-show-signature"];
        if boundary {
            args.extend(["--boundary", "--format=%m%H%x00%P%x00%D%x00%B"]);
        } else {
            args.push("--format=%m%H%x00%P%x00%B");
        }
        args.extend(revs.iter().map(String::as_str));
        args.push("--");
        let mut child = self
            .command(&args)
            // git flushes after every commit into a pipe unless told otherwise: 100k writes,
            // as many wake-ups here
            .env("GIT_FLUSH", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_error(&args, e))?;
        let stdout = child.stdout.take();
        let mut stderr = child.stderr.take();
        let read = stdout.map_or(Ok(()), |out| {
            let mut r = BufReader::with_capacity(1 << 17, out);
            let (mut h, mut p, mut d, mut m) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            loop {
                h.clear();
                if r.read_until(0, &mut h)? == 0 {
                    return Ok(());
                }
                p.clear();
                r.read_until(0, &mut p)?;
                d.clear();
                if boundary {
                    r.read_until(0, &mut d)?;
                }
                m.clear();
                r.read_until(0, &mut m)?;
                let head = text(&h);
                let (mark, hash) = head.split_at_checked(1).unwrap_or(("", ""));
                each(LogEntry {
                    hash,
                    parents: &text(&p),
                    refs: &text(&d),
                    message: &text(&m),
                    boundary: mark == "-",
                });
            }
        });
        let mut err_text = Vec::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_end(&mut err_text);
        }
        let status = child.wait().map_err(|e| self.spawn_error(&args, e))?;
        if let Err(e) = read {
            return Err(self.spawn_error(&args, e));
        }
        if !status.success() {
            return Err(self.fail(
                &args,
                &std::process::Output {
                    status,
                    stdout: Vec::new(),
                    stderr: err_text,
                },
            ));
        }
        Ok(())
    }

    /// The commits reachable from HEAD that touch `pathspecs` (`git log --format=%H HEAD --
    /// PATHSPECS`, globs as `:(glob)`); none in a repository without commits.
    pub fn commits_touching(&self, pathspecs: &[String]) -> Result<Vec<String>> {
        let mut args = vec!["log", "--format=%H", "HEAD", "--"];
        args.extend(pathspecs.iter().map(String::as_str));
        match self.run(&args) {
            Ok(out) => Ok(out.lines().map(str::to_string).collect()),
            Err(e) => match self.head()? {
                None => Ok(Vec::new()),
                Some(_) => Err(e),
            },
        }
    }

    /// `git add -- PATHS` (for files a release creates).
    pub fn add(&self, paths: &[String]) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let mut args = vec!["add", "--"];
        args.extend(paths.iter().map(String::as_str));
        self.run(&args).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_v2_records_read_as_porcelain_lines() {
        let out = b"1 .M N... 100644 100644 100644 aa bb src/a b.txt\0\
2 R. N... 100644 100644 100644 aa aa R100 new.txt\0old.txt\0\
u UU N... 100644 100644 100644 100644 a1 a2 a3 c.txt\0\
1 A. N... 000000 100644 100644 00 cc added.txt\0";
        let lines = status_lines(out);
        let shown: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            shown,
            [
                "M src/a b.txt",
                "R  old.txt -> new.txt",
                "UU c.txt",
                "A  added.txt"
            ]
        );
        assert_eq!(lines[1].1, ["old.txt", "new.txt"]);
        let allowed = AllowedDirty::new(&["*.txt".into()]).unwrap();
        assert!(allowed.all(lines[1].1.iter().map(String::as_str)));
        assert!(!AllowedDirty::new(&[]).unwrap().all(["a"].into_iter()));
        assert!(AllowedDirty::new(&["src/[ab".into()])
            .unwrap_err()
            .contains("`src/[ab`"));
    }

    #[test]
    fn command_lines_are_quoted_for_a_shell_reader() {
        assert_eq!(
            command_line(
                Path::new("/tmp/a b"),
                &["log", "--format=%H x", "--", "it's"]
            ),
            r#"git -C '/tmp/a b' log '--format=%H x' -- "it's""#
        );
        assert_eq!(
            command_line(Path::new("/r"), &["status", "--porcelain"]),
            "git -C /r status --porcelain"
        );
    }
}
