//! The dirty-tree check, one repository state per test: `bump`'s verdict (a dry run refuses a
//! dirty tree, listing what git lists) must be `git --no-optional-locks status --porcelain
//! --untracked-files=no`'s in the same repository, and each state's expected verdict is pinned
//! too, so a test fails if bump and git drift apart or if the state is not what it claims.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{fixture, Project};

/// The git-project fixture with more to touch: nested docs, an executable, a symlink, committed.
fn project() -> Project {
    let p = fixture("git-project");
    p.write("docs/guide/intro.md", "# Intro\n");
    p.write("docs/guide/install.md", "# Install\n");
    p.write("bin/run.sh", "#!/bin/sh\necho run\n");
    chmod_x(&p, "bin/run.sh", true);
    std::os::unix::fs::symlink("docs/guide/intro.md", p.path("intro-link")).unwrap();
    p.init_git();
    p
}

fn chmod_x(p: &Project, rel: &str, on: bool) {
    let path = p.path(rel);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    let mode = if on { mode | 0o111 } else { mode & !0o111 };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Move a file's mtime, so that only its content can say whether it changed.
fn touch(p: &Project, rel: &str) {
    let f = std::fs::File::options()
        .write(true)
        .open(p.path(rel))
        .unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    f.set_modified(later).unwrap();
}

/// git's verdict in `dir`: the status lines, trimmed as bump-my-version trims them.
fn git_status(p: &Project, dir: &Path) -> Vec<String> {
    let rel = dir
        .strip_prefix(&p.root)
        .unwrap_or(Path::new(""))
        .to_str()
        .unwrap();
    let mut args = vec!["--no-optional-locks"];
    if !rel.is_empty() {
        args.extend(["-C", rel]);
    }
    args.extend(["status", "--porcelain", "--untracked-files=no"]);
    p.git(&args)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Run `bump patch --dry-run` in `dir` and assert its verdict is git's, and that git says
/// `clean` (the state is what the test means); dirty, the message lists git's lines.
#[track_caller]
fn agrees_in(p: &Project, dir: &Path, clean: bool, what: &str) {
    let before = std::fs::read(p.path(".git/index")).ok();
    let lines = git_status(p, dir);
    let run = p.bump_in(
        dir.strip_prefix(&p.root).unwrap().to_str().unwrap(),
        &["patch", "--dry-run"],
    );
    assert_eq!(lines.is_empty(), clean, "{what}: git status says {lines:?}");
    if clean {
        assert_eq!(
            run.code, 0,
            "{what}: bump refused a clean tree\n{}",
            run.stderr
        );
    } else {
        assert_eq!(
            run.code, 1,
            "{what}: bump accepted a dirty tree\n{}",
            run.stderr
        );
        run.assert_stderr_has("git working directory is not clean");
        for l in &lines {
            run.assert_stderr_has(l);
        }
    }
    if let Some(before) = before {
        assert!(
            std::fs::read(p.path(".git/index")).unwrap() == before,
            "{what}: the check rewrote .git/index"
        );
    }
}

#[track_caller]
fn agrees(p: &Project, clean: bool, what: &str) {
    agrees_in(p, &p.root, clean, what);
}

#[test]
fn clean_tree() {
    let p = project();
    agrees(&p, true, "clean");
    agrees_in(
        &p,
        &p.path("docs/guide"),
        true,
        "clean, from a subdirectory",
    );
}

#[test]
fn content_change() {
    let p = project();
    p.write("docs/guide/intro.md", "# Intro, edited\n");
    agrees(&p, false, "content change");
}

#[test]
fn change_then_revert() {
    let p = project();
    p.write("docs/guide/intro.md", "# Intro, edited\n");
    p.write("docs/guide/intro.md", "# Intro\n");
    touch(&p, "docs/guide/intro.md");
    agrees(&p, true, "changed and reverted");
}

#[test]
fn chmod_x_with_file_mode_true_and_false() {
    let p = project();
    chmod_x(&p, "docs/guide/intro.md", true);
    agrees(&p, false, "chmod +x, core.fileMode true");
    p.git(&["config", "core.fileMode", "false"]);
    agrees(&p, true, "chmod +x, core.fileMode false");
}

#[test]
fn staged_only_change() {
    let p = project();
    p.write("docs/guide/intro.md", "# Intro, staged\n");
    p.git(&["add", "docs/guide/intro.md"]);
    agrees(&p, false, "staged");
    // staged, then the change undone and staged again
    p.write("docs/guide/intro.md", "# Intro\n");
    p.git(&["add", "docs/guide/intro.md"]);
    agrees(&p, true, "staged back");
}

#[test]
fn deleted_file() {
    let p = project();
    std::fs::remove_file(p.path("docs/guide/install.md")).unwrap();
    agrees(&p, false, "deleted");
}

#[test]
fn assume_unchanged_and_skip_worktree() {
    let p = project();
    p.git(&["update-index", "--assume-unchanged", "docs/guide/intro.md"]);
    p.write(
        "docs/guide/intro.md",
        "# Intro, hidden by assume-unchanged\n",
    );
    agrees(&p, true, "assume-unchanged");
    p.git(&["update-index", "--skip-worktree", "docs/guide/install.md"]);
    std::fs::remove_file(p.path("docs/guide/install.md")).unwrap();
    agrees(&p, true, "skip-worktree");
    p.write("src/index.js", "// edited\n");
    agrees(&p, false, "another file edited");
}

#[test]
fn sparse_checkout_cone() {
    let p = project();
    p.git(&["sparse-checkout", "set", "--cone", "src"]);
    assert!(!p.exists("docs/guide/intro.md"));
    agrees(&p, true, "cone");
    p.write("src/index.js", "// edited\n");
    agrees(&p, false, "cone, edited");
}

#[test]
fn sparse_checkout_no_cone() {
    let p = project();
    p.git(&["sparse-checkout", "set", "--no-cone", "/*", "!/docs/"]);
    assert!(!p.exists("docs/guide/intro.md"));
    agrees(&p, true, "no-cone");
    std::fs::remove_file(p.path("bin/run.sh")).unwrap();
    agrees(&p, false, "no-cone, deleted");
}

#[test]
fn sparse_index() {
    let p = project();
    p.git(&["sparse-checkout", "init", "--cone", "--sparse-index"]);
    p.git(&["sparse-checkout", "set", "src"]);
    agrees(&p, true, "sparse index");
    p.write("package.json", p.read("package.json") + "\n");
    agrees(&p, false, "sparse index, edited");
}

#[test]
fn split_index() {
    let p = project();
    p.git(&["update-index", "--split-index"]);
    assert!(p.path(".git").read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("sharedindex.")));
    agrees(&p, true, "split index");
    p.write("docs/guide/intro.md", "# Intro, edited\n");
    agrees(&p, false, "split index, edited");
}

#[test]
fn index_v4() {
    let p = project();
    p.git(&["update-index", "--index-version", "4"]);
    agrees(&p, true, "index v4");
    p.write("docs/guide/install.md", "# INSTALL\n");
    agrees(&p, false, "index v4, same-size edit");
}

#[test]
fn autocrlf_true_on_a_crlf_file() {
    let p = project();
    p.git(&["config", "core.autocrlf", "true"]);
    p.write("docs/windows.txt", "one\r\ntwo\r\n");
    p.commit_all("a CRLF file");
    touch(&p, "docs/windows.txt");
    agrees(&p, true, "autocrlf, CRLF file, touched");
    p.write("docs/windows.txt", "one\r\ntwo\r\nthree\r\n");
    agrees(&p, false, "autocrlf, CRLF file, edited");
}

#[test]
fn clean_filter() {
    let p = project();
    p.git(&["config", "filter.upper.clean", "tr a-z A-Z"]);
    p.git(&["config", "filter.upper.smudge", "cat"]);
    p.write(".gitattributes", "*.up filter=upper\n");
    p.write("shout.up", "hello\n");
    p.commit_all("a filtered file");
    // the work tree says `hello`, the blob `HELLO`: clean through the filter only
    touch(&p, "shout.up");
    agrees(&p, true, "clean filter");
    p.write("shout.up", "HELLO\n");
    agrees(&p, true, "clean filter, same blob");
    p.write("shout.up", "goodbye\n");
    agrees(&p, false, "clean filter, edited");
}

fn with_submodule() -> (Project, Project) {
    let sub = project();
    let p = project();
    p.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        sub.root.to_str().unwrap(),
        "sub",
    ]);
    p.git(&["commit", "-q", "-m", "submodule"]);
    (p, sub)
}

#[test]
fn submodule_with_a_new_commit() {
    let (p, _sub) = with_submodule();
    agrees(&p, true, "submodule");
    p.git(&[
        "-C",
        "sub",
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "new",
    ]);
    agrees(&p, false, "submodule with a new commit");
}

#[test]
fn submodule_with_only_untracked_files() {
    let (p, _sub) = with_submodule();
    p.write("sub/untracked.txt", "new\n");
    agrees(&p, true, "submodule with an untracked file");
}

#[test]
fn retargeted_symlink() {
    let p = project();
    std::fs::remove_file(p.path("intro-link")).unwrap();
    std::os::unix::fs::symlink("docs/guide/install.md", p.path("intro-link")).unwrap();
    agrees(&p, false, "retargeted symlink");
}

#[test]
fn untracked_files_only() {
    let p = project();
    p.write("notes.txt", "untracked\n");
    p.write("docs/guide/draft.md", "untracked too\n");
    agrees(&p, true, "untracked only");
}

#[test]
fn intent_to_add() {
    let p = project();
    p.write("new.txt", "new\n");
    p.git(&["add", "-N", "new.txt"]);
    agrees(&p, false, "git add -N");
}

#[test]
fn linked_worktree() {
    let p = project();
    let wt = p.root.join("linked");
    p.git(&["worktree", "add", "-q", "-b", "side", wt.to_str().unwrap()]);
    agrees_in(&p, &wt, true, "linked worktree");
    std::fs::write(wt.join("src/index.js"), "// changed in the worktree\n").unwrap();
    agrees_in(&p, &wt, false, "linked worktree, edited");
    // the main work tree is not affected (the linked one is untracked there)
    agrees(&p, true, "main worktree");
}

#[test]
fn merge_conflict() {
    let p = project();
    p.git(&["checkout", "-q", "-b", "other"]);
    p.write("docs/guide/intro.md", "# Intro, other\n");
    p.commit_all("other");
    p.git(&["checkout", "-q", "main"]);
    p.write("docs/guide/intro.md", "# Intro, main\n");
    p.commit_all("main");
    let merge = std::process::Command::new("git")
        .args(["merge", "-q", "other"])
        .current_dir(&p.root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(!merge.status.success(), "the merge conflicts");
    agrees(&p, false, "merge conflict");
}

#[test]
fn git_replace_of_head() {
    let p = project();
    let head = p.head_sha();
    p.write("docs/guide/intro.md", "# Intro, elsewhere\n");
    p.commit_all("another tree");
    let other = p.head_sha();
    p.git(&["reset", "-q", "--hard", &head]);
    agrees(&p, true, "before the replace");
    p.git(&["replace", &head, &other]);
    agrees(&p, false, "HEAD replaced by a commit with another tree");
}

/// A pattern that does not compile is a configuration error naming the file and line, not a
/// pattern silently dropped.
#[test]
fn allow_dirty_files_glob_that_does_not_compile_names_the_config_line() {
    let p = project();
    let config = p.read(".bumpversion.toml").replace(
        "[tool.bumpversion]\n",
        "[tool.bumpversion]\nallow_dirty_files = [\"docs/*\", \"src/[ab\"]\n",
    );
    p.write(".bumpversion.toml", &config);
    p.commit_all("a bad pattern");
    let run = p.bump(&["patch", "--dry-run"]);
    run.assert_code(2)
        .assert_stderr_has(".bumpversion.toml:2: `allow_dirty_files`: invalid glob `src/[ab`");
}

/// Allowed files do not make the tree dirty; the others are listed, git's lines as
/// bump-my-version lists them (staged and unstaged, a rename with both paths).
#[test]
fn allow_dirty_files_spare_their_paths_and_the_rest_is_listed() {
    let p = project();
    let config = p.read(".bumpversion.toml").replace(
        "[tool.bumpversion]\n",
        "[tool.bumpversion]\nallow_dirty_files = [\"docs/*\"]\n",
    );
    p.write(".bumpversion.toml", &config);
    p.commit_all("allow docs");
    p.write("docs/guide/intro.md", "# Intro, edited\n");
    p.bump(&["patch", "--dry-run"]).assert_ok();
    p.write("src/index.js", "// staged\n");
    p.git(&["add", "src/index.js"]);
    p.git(&["mv", "bin/run.sh", "bin/start.sh"]);
    let run = p.bump(&["patch", "--dry-run"]);
    run.assert_code(1);
    let listed: Vec<&str> = run
        .stderr
        .split("not clean:\n\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .collect();
    assert_eq!(listed, ["R  bin/run.sh -> bin/start.sh", "M  src/index.js"]);
}
