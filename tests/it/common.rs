//! Shared helpers for the integration tests: copy a fixture project into a temp dir, make it a
//! real git repository, run the real `bump` binary in it, and read back files and git facts.
//!
//! Every git and bump process runs with `GIT_CONFIG_GLOBAL=/dev/null`, `GIT_CONFIG_NOSYSTEM=1`,
//! fixed author/committer dates, no `BUMPVERSION_*` variables and no color, so the results do
//! not depend on the machine running the tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use tempfile::TempDir;

/// The `bump` binary under test.
pub const BUMP: &str = env!("CARGO_BIN_EXE_bump");

const FIXED_DATE: &str = "2024-03-01T12:00:00+00:00";

/// A project copied from `tests/fixtures/<name>` into a fresh temporary directory.
pub struct Project {
    _tmp: TempDir,
    /// The project root (a subdirectory of the temp dir, named after the fixture).
    pub root: PathBuf,
    tmp_root: PathBuf,
}

/// What a `bump` run did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Assert the exit code, showing the output when it differs.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        self.assert_code(0)
    }

    /// Assert stderr contains `needle`.
    #[track_caller]
    pub fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Environment every child process gets: no user or system git config, no `BUMPVERSION_*`, no
/// CI tag variables.
fn isolate(cmd: &mut Command, ceiling: &Path) {
    for (k, _) in std::env::vars_os() {
        let name = k.to_string_lossy();
        // `bump check` reads the release tag of a CI tag build from these
        let ci_tag =
            name.starts_with("GITHUB_REF") || name == "CI_COMMIT_TAG" || name == "BITBUCKET_TAG";
        if name.starts_with("BUMPVERSION_") || ci_tag {
            cmd.env_remove(k);
        }
    }
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", ceiling)
        .env("GIT_AUTHOR_DATE", FIXED_DATE)
        .env("GIT_COMMITTER_DATE", FIXED_DATE)
        .env("NO_COLOR", "1")
        .env_remove("BUMP_COLOR")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::null());
}

/// Copy the fixture `name` into a temp dir (no git repository).
pub fn fixture(name: &str) -> Project {
    Project::from_dir(&fixtures_dir().join(name))
}

impl Project {
    /// Copy the directory `src` (a fixture, a compat case's tree) into a fresh temp dir.
    pub fn from_dir(src: &Path) -> Project {
        assert!(src.is_dir(), "no such directory `{}`", src.display());
        let name = src.file_name().expect("a named directory");
        let tmp = tempfile::Builder::new()
            .prefix("bumpsmith-it-")
            .tempdir()
            .unwrap();
        let tmp_root = tmp.path().canonicalize().unwrap();
        let root = tmp_root.join(name);
        copy_tree(src, &root);
        Project {
            _tmp: tmp,
            root,
            tmp_root,
        }
    }
}

/// Copy the fixture `name` into a temp dir and make it a git repository with one commit.
pub fn repo(name: &str) -> Project {
    let p = fixture(name);
    p.init_git();
    p
}

/// Every file under `dir` (without `.git`), relative path → bytes; a symlink is recorded as
/// `symlink -> TARGET`, not followed.
fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_name() == ".git" {
            continue;
        }
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            walk(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                format!("symlink -> {}", target.display()).into_bytes()
            } else {
                std::fs::read(&path).unwrap()
            };
            out.insert(rel, bytes);
        }
    }
}

impl Project {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, contents).unwrap();
    }

    /// Install an executable git hook (`.git/hooks/NAME`) with a `#!/bin/sh` script body.
    pub fn git_hook(&self, name: &str, body: &str) {
        use std::os::unix::fs::PermissionsExt;
        let path = self.path(&format!(".git/hooks/{name}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Every file of the work tree (without `.git`): compare two of these to prove nothing moved.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        walk(&self.root, &self.root, &mut out);
        out
    }

    /// Run `git ARGS` in the project; panics on failure; trimmed stdout.
    #[track_caller]
    pub fn git(&self, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        cmd.args(args).current_dir(&self.root);
        isolate(&mut cmd, &self.tmp_root);
        let out = cmd.output().expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    /// `git init -q -b main`, fixed identity, no signing, then commit everything as `init`.
    pub fn init_git(&self) {
        self.git(&["init", "-q", "-b", "main"]);
        self.git(&["config", "user.name", "Bump Tests"]);
        self.git(&["config", "user.email", "bump-tests@example.invalid"]);
        self.git(&["config", "commit.gpgsign", "false"]);
        self.git(&["config", "tag.gpgsign", "false"]);
        self.commit_all("init");
    }

    /// Write each `(path, contents)` and commit everything as `msg`.
    pub fn commit_files(&self, files: &[(&str, &str)], msg: &str) {
        for (path, contents) in files {
            self.write(path, contents);
        }
        self.commit_all(msg);
    }

    /// `git add -A && git commit -m MSG`.
    pub fn commit_all(&self, msg: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", msg]);
    }

    /// Sorted tag names.
    pub fn tags(&self) -> Vec<String> {
        let out = self.git(&["tag", "--list"]);
        let mut tags: Vec<String> = out.lines().map(str::to_string).collect();
        tags.sort();
        tags
    }

    pub fn head_subject(&self) -> String {
        self.git(&["log", "-1", "--format=%s"])
    }

    pub fn head_sha(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"]).parse().unwrap()
    }

    /// Files the HEAD commit changed, sorted.
    pub fn head_files(&self) -> Vec<String> {
        let out = self.git(&["show", "--name-only", "--format=", "HEAD"]);
        let mut files: Vec<String> = out.lines().map(str::to_string).collect();
        files.sort();
        files
    }

    /// `git status --porcelain` (untracked files included).
    pub fn status(&self) -> String {
        self.git(&["status", "--porcelain"])
    }

    /// `git cat-file -t REF`: `tag` for an annotated tag, `commit` for a lightweight one.
    pub fn object_type(&self, rev: &str) -> String {
        self.git(&["cat-file", "-t", rev])
    }

    /// The message of an annotated tag.
    pub fn tag_message(&self, tag: &str) -> String {
        self.git(&[
            "for-each-ref",
            "--format=%(contents)",
            &format!("refs/tags/{tag}"),
        ])
    }

    fn command(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(BUMP);
        cmd.args(args).current_dir(dir);
        isolate(&mut cmd, &self.tmp_root);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Run `bump ARGS` in the project root.
    pub fn bump(&self, args: &[&str]) -> Run {
        self.bump_env(args, &[])
    }

    /// Run `bump ARGS` with extra environment variables.
    pub fn bump_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        Run::from(
            self.command(&self.root, args, env)
                .output()
                .expect("bump runs"),
        )
    }

    /// Run `bump ARGS` with its stdout sent to `stdout` (a closed pipe, `/dev/full`); `Run::stdout`
    /// is then empty.
    pub fn bump_to(&self, args: &[&str], env: &[(&str, &str)], stdout: Stdio) -> Run {
        Run::from(
            self.command(&self.root, args, env)
                .stdout(stdout)
                .output()
                .expect("bump runs"),
        )
    }

    /// Start `bump ARGS` in the project root, in its own process group (see [`kill_group`]),
    /// its output discarded.
    pub fn spawn(&self, args: &[&str]) -> Child {
        use std::os::unix::process::CommandExt;
        let mut cmd = self.command(&self.root, args, &[]);
        cmd.stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        cmd.spawn().expect("bump starts")
    }

    /// Replace `find` by `with` in `.bumpversion.toml` and commit it as `message`.
    pub fn edit_config(&self, find: &str, with: &str, message: &str) {
        let config = self.read(".bumpversion.toml");
        assert!(config.contains(find), "the config has no {find:?}");
        self.write(".bumpversion.toml", config.replace(find, with));
        self.commit_all(message);
    }

    /// Start `bump patch` with a pre-commit hook that hangs, and SIGKILL it (with its hook) once
    /// the hook runs: every file written, nothing committed, the journal left behind. The
    /// snapshot from before the bump (the config with the hook, as committed).
    pub fn interrupted_release(&self) -> BTreeMap<String, Vec<u8>> {
        self.edit_config(
            "[tool.bumpversion]\n",
            "[tool.bumpversion]\nallow_shell_hooks = true\npre_commit_hooks = [\"touch .git/hook-ran && sleep 30\"]\n",
            "hang in the pre-commit hook",
        );
        let before = self.snapshot();
        let mut child = self.spawn(&["patch"]);
        let start = std::time::Instant::now();
        while !self.exists(".git/hook-ran") {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "the hook never ran"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        kill_group(&mut child);
        std::fs::remove_file(self.path(".git/hook-ran")).unwrap();
        assert!(
            self.exists(".git/bumpsmith-journal"),
            "killed mid-release, the journal stays"
        );
        before
    }

    /// Run `bump ARGS` in a subdirectory of the project.
    pub fn bump_in(&self, subdir: &str, args: &[&str]) -> Run {
        Run::from(
            self.command(&self.path(subdir), args, &[])
                .output()
                .expect("bump runs"),
        )
    }
}

/// SIGKILL the whole process group of a [`Project::spawn`]ed bump (bump, its hooks and any git
/// it started), then reap bump.
pub fn kill_group(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// `orig` with every occurrence of `old` replaced by `new`, on raw bytes: what a file must look
/// like when only its version spans changed.
pub fn replace_bytes(orig: &[u8], old: &str, new: &str) -> Vec<u8> {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    assert!(!old.is_empty());
    let mut out = Vec::with_capacity(orig.len() + 16);
    let mut i = 0;
    let mut found = false;
    while i < orig.len() {
        if orig[i..].starts_with(old) {
            out.extend_from_slice(new);
            i += old.len();
            found = true;
        } else {
            out.push(orig[i]);
            i += 1;
        }
    }
    assert!(
        found,
        "the original does not contain {:?}",
        String::from_utf8_lossy(old)
    );
    out
}

/// Assert two byte strings are equal, showing them as (lossy) text when they differ.
#[track_caller]
pub fn assert_bytes_eq(actual: &[u8], expected: &[u8], what: &str) {
    assert!(
        actual == expected,
        "{what} differs\n--- actual\n{:?}\n--- expected\n{:?}",
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(expected)
    );
}

/// A small deterministic generator (xorshift64*): seeded, so a failing run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
}
