//! The in-process clean-tree check (`git::quick`) against real git repositories and the real
//! `git status`: it may say Clean only when `git status --porcelain -uno` prints nothing, must
//! say it in the ordinary clean states, and must give up on every repository kind it does not
//! read. Also the index reader against `git ls-files --debug` for index versions 2, 3 and 4.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common::{fixture, Project, Rng};
use bumpsmith::git::index::Index;
use bumpsmith::git::quick::{self, Verdict};
use bumpsmith::git::Repo;

/// A committed repository with nested directories, an executable, a symlink, an empty file and
/// long shared path prefixes (for index v4's prefix compression).
fn project() -> Project {
    let p = fixture("git-project");
    p.write("docs/guide/intro.md", "# Intro\n");
    p.write("docs/guide/install.md", "# Install\n");
    p.write("docs/guide/installation-on-other-systems.md", "# More\n");
    p.write("empty.txt", "");
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

fn quick_at(dir: &Path) -> Verdict {
    quick::check(&Repo::discover(dir).expect("a repository"))
}

fn quick(p: &Project) -> Verdict {
    quick_at(&p.root)
}

/// `git status --porcelain --untracked-files=no`.
fn status(p: &Project) -> String {
    p.git(&["status", "--porcelain", "--untracked-files=no"])
}

/// The rule: Clean only when git agrees. Returns the verdict.
#[track_caller]
fn assert_sound(p: &Project, what: &str) -> Verdict {
    let v = quick(p);
    let s = status(p);
    assert!(
        v != Verdict::Clean || s.is_empty(),
        "{what}: quick says Clean, git status says\n{s}"
    );
    v
}

/// Rewrite the index with version `v`.
fn index_version(p: &Project, v: u32) {
    p.git(&["update-index", "--index-version", &v.to_string()]);
}

fn read_index(p: &Project) -> Index {
    Index::parse(&std::fs::read(p.path(".git/index")).unwrap()).unwrap()
}

/// `git ls-files -s --debug` as (mode oid stage path, [ctime, mtime, dev, ino, uid, gid, size])
/// lines, in the reader's terms.
fn ls_files_debug(p: &Project) -> Vec<String> {
    let out = p.git(&["ls-files", "-s", "--debug"]);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for l in out.lines() {
        if let Some(rest) = l.strip_prefix("  ") {
            for field in rest.split('\t') {
                let (_, v) = field.split_once(": ").unwrap();
                if !field.starts_with("flags") {
                    cur.push(' ');
                    cur.push_str(v);
                }
            }
        } else {
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            cur = l.replace('\t', " ");
        }
    }
    lines.push(cur);
    lines
}

fn reader_lines(idx: &Index) -> Vec<String> {
    idx.entries
        .iter()
        .map(|e| {
            let oid: String = e.oid.iter().map(|b| format!("{b:02x}")).collect();
            format!(
                "{:06o} {oid} {} {} {}:{} {}:{} {} {} {} {} {}",
                e.mode,
                e.stage(),
                String::from_utf8_lossy(idx.path(e)),
                e.ctime.sec,
                e.ctime.nsec,
                e.mtime.sec,
                e.mtime.nsec,
                e.dev,
                e.ino,
                e.uid,
                e.gid,
                e.size
            )
        })
        .collect()
}

fn head_tree(p: &Project) -> String {
    p.git(&["rev-parse", "HEAD^{tree}"])
}

fn tree_hex(idx: &Index) -> Option<String> {
    let oid = idx.tree.as_ref()?.oid?;
    Some(oid.iter().map(|b| format!("{b:02x}")).collect())
}

#[test]
fn index_versions_2_3_4_read_as_git_lists_them() {
    let p = project();
    for v in [4, 2] {
        index_version(&p, v);
        let idx = read_index(&p);
        assert_eq!(idx.version, v);
        assert_eq!(reader_lines(&idx), ls_files_debug(&p), "index v{v}");
        assert_eq!(tree_hex(&idx), Some(head_tree(&p)), "cache tree, v{v}");
        assert_eq!(quick(&p), Verdict::Clean, "index v{v}");
    }
    // version 3 is only written when an entry needs extended flags
    p.git(&["update-index", "--skip-worktree", "src/index.js"]);
    p.write("new.txt", "new\n");
    p.git(&["add", "-N", "new.txt"]);
    index_version(&p, 3);
    let idx = read_index(&p);
    assert_eq!(idx.version, 3);
    assert_eq!(reader_lines(&idx), ls_files_debug(&p), "index v3");
    let flagged: Vec<(String, bool, bool)> = idx
        .entries
        .iter()
        .filter(|e| e.ext_flags != 0)
        .map(|e| {
            let path = String::from_utf8_lossy(idx.path(e)).into_owned();
            (path, e.skip_worktree(), e.intent_to_add())
        })
        .collect();
    assert_eq!(
        flagged,
        [
            ("new.txt".to_string(), false, true),
            ("src/index.js".to_string(), true, false)
        ]
    );
    // both kinds are beyond the quick check
    assert_eq!(assert_sound(&p, "v3 flags"), Verdict::Unknown);
}

#[test]
fn clean_repository_is_clean_and_untracked_files_do_not_count() {
    let p = project();
    assert_eq!(quick(&p), Verdict::Clean);
    p.write("notes.txt", "untracked\n");
    p.write("docs/guide/draft.md", "untracked too\n");
    assert_eq!(quick(&p), Verdict::Clean);
    assert_eq!(
        quick_at(&p.path("docs/guide")),
        Verdict::Clean,
        "from a subdir"
    );
}

#[test]
fn modified_content_is_not_clean() {
    let p = project();
    p.write("docs/guide/intro.md", "# Intro, longer\n");
    assert_eq!(assert_sound(&p, "modified"), Verdict::Unknown);
    assert_eq!(status(&p), " M docs/guide/intro.md");
}

/// Same size, and the mtime put back to the one the index recorded (`touch -d @SEC.NSEC`):
/// only the ctime (or, when racy, the content) gives it away.
#[test]
fn same_size_edit_with_the_old_mtime_is_not_clean() {
    let p = project();
    let idx = read_index(&p);
    let e = idx
        .entries
        .iter()
        .find(|e| idx.path(e) == b"docs/guide/intro.md")
        .unwrap();
    let stamp = format!("@{}.{:09}", e.mtime.sec, e.mtime.nsec);
    p.write("docs/guide/intro.md", "# INTRO\n");
    let touch = std::process::Command::new("touch")
        .args([
            "-d",
            &stamp,
            p.path("docs/guide/intro.md").to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(touch.success());
    let md = std::fs::symlink_metadata(p.path("docs/guide/intro.md")).unwrap();
    assert_eq!(
        (md.mtime() as u32, md.mtime_nsec() as u32),
        (e.mtime.sec, e.mtime.nsec)
    );
    assert_eq!(assert_sound(&p, "same-size edit"), Verdict::Unknown);
    assert_eq!(status(&p), " M docs/guide/intro.md");
}

/// Overwrite entry `rel`'s stat data in the index file with the file's current `lstat` (the
/// state git leaves when a file changes within the timestamp tick it was indexed in), then
/// date the index back to the file's second so that the entry is racily clean.
fn forge_racy_stat(p: &Project, rel: &str) {
    let index_path = p.path(".git/index");
    let mut data = std::fs::read(&index_path).unwrap();
    let idx = Index::parse(&data).unwrap();
    assert_eq!(idx.version, 2);
    let mut off = 12;
    for e in &idx.entries {
        let path = idx.path(e);
        if path == rel.as_bytes() {
            let md = std::fs::symlink_metadata(p.path(rel)).unwrap();
            let words = [
                md.ctime() as u32,
                md.ctime_nsec() as u32,
                md.mtime() as u32,
                md.mtime_nsec() as u32,
                md.dev() as u32,
                md.ino() as u32,
            ];
            for (i, w) in words.iter().enumerate() {
                data[off + 4 * i..off + 4 * i + 4].copy_from_slice(&w.to_be_bytes());
            }
            data[off + 36..off + 40].copy_from_slice(&(md.size() as u32).to_be_bytes());
            std::fs::write(&index_path, &data).unwrap();
            let when = UNIX_EPOCH + Duration::from_secs(md.mtime() as u64);
            std::fs::File::options()
                .write(true)
                .open(&index_path)
                .unwrap()
                .set_modified(when)
                .unwrap();
            return;
        }
        off += (62 + path.len() + 8) & !7;
    }
    panic!("{rel} not in the index");
}

#[test]
fn racily_clean_entries_are_judged_by_content() {
    let p = project();
    index_version(&p, 2);
    // unchanged content: the hash matches, Clean
    forge_racy_stat(&p, "docs/guide/install.md");
    assert_eq!(assert_sound(&p, "racy, unchanged"), Verdict::Clean);
    // same size, other content, every stat field matching: only the content can tell
    p.write("docs/guide/install.md", "# INSTALL\n");
    forge_racy_stat(&p, "docs/guide/install.md");
    assert_eq!(quick(&p), Verdict::Unknown);
    assert_eq!(status(&p), " M docs/guide/install.md");
}

#[test]
fn racy_symlink_is_judged_by_its_target() {
    let p = project();
    index_version(&p, 2);
    forge_racy_stat(&p, "intro-link");
    assert_eq!(assert_sound(&p, "racy symlink"), Verdict::Clean);
    std::fs::remove_file(p.path("intro-link")).unwrap();
    std::os::unix::fs::symlink("docs/guide/INTRO.md", p.path("intro-link")).unwrap();
    forge_racy_stat(&p, "intro-link");
    assert_eq!(quick(&p), Verdict::Unknown);
    assert_eq!(status(&p), " M intro-link");
}

/// Attributes that convert content on the way in (`text`, `eol`, `filter`...) make a racy
/// file's bytes no proof: the quick check gives up; harmless ones do not stop it.
#[test]
fn converting_attributes_stop_the_racy_hash() {
    let p = project();
    p.write(".gitattributes", "*.png binary\n*.md diff=markdown\n");
    p.commit_all("attributes");
    index_version(&p, 2);
    // `git status` rewrites the index, ending the racy state: forge it before every check
    let racy = |what: &str| {
        forge_racy_stat(&p, "docs/guide/install.md");
        assert_sound(&p, what)
    };
    assert_eq!(racy("harmless attributes"), Verdict::Clean);
    // an untracked .gitattributes counts too (git reads the work tree's)
    p.write("docs/.gitattributes", "*.md text eol=crlf\n");
    assert_eq!(racy("eol attributes"), Verdict::Unknown);
    std::fs::remove_file(p.path("docs/.gitattributes")).unwrap();
    assert_eq!(racy("attributes removed"), Verdict::Clean);
    std::fs::write(p.path(".git/info/attributes"), "* filter=x\n").unwrap();
    assert_eq!(racy("info/attributes"), Verdict::Unknown);
}

#[test]
fn staged_change_is_not_clean() {
    let p = project();
    p.write("docs/guide/intro.md", "# Intro, staged\n");
    p.git(&["add", "docs/guide/intro.md"]);
    assert_eq!(assert_sound(&p, "staged"), Verdict::Unknown);
    assert_eq!(status(&p), "M  docs/guide/intro.md");
    // staged, then the work tree put back and staged again: git says clean
    p.write("docs/guide/intro.md", "# Intro\n");
    p.git(&["add", "docs/guide/intro.md"]);
    assert_sound(&p, "staged back");
    assert_eq!(status(&p), "");
}

#[test]
fn deleted_file_is_not_clean() {
    let p = project();
    std::fs::remove_file(p.path("docs/guide/install.md")).unwrap();
    assert_eq!(assert_sound(&p, "deleted"), Verdict::Unknown);
    std::fs::remove_file(p.path("empty.txt")).unwrap();
    assert_eq!(assert_sound(&p, "deleted empty"), Verdict::Unknown);
}

#[test]
fn executable_bit_change_is_not_clean() {
    let p = project();
    chmod_x(&p, "docs/guide/intro.md", true);
    assert_eq!(assert_sound(&p, "chmod +x"), Verdict::Unknown);
    chmod_x(&p, "docs/guide/intro.md", false);
    chmod_x(&p, "bin/run.sh", false);
    assert_eq!(assert_sound(&p, "chmod -x"), Verdict::Unknown);
}

/// A directory moved away and replaced by a symlink to it: every file's stat still matches,
/// but git sees the paths under the symlink as deleted.
#[test]
fn directory_replaced_by_a_symlink_is_not_clean() {
    let p = project();
    std::fs::rename(p.path("docs/guide"), p.path("guide-moved")).unwrap();
    std::os::unix::fs::symlink("../guide-moved", p.path("docs/guide")).unwrap();
    assert_eq!(assert_sound(&p, "symlinked dir"), Verdict::Unknown);
    assert!(status(&p).contains("D docs/guide/intro.md"));
}

#[test]
fn reset_hard_leaves_a_clean_tree() {
    let p = project();
    for i in 0..20 {
        p.write("docs/guide/intro.md", format!("# changed {i}\n"));
        p.write("src/index.js", format!("// {i}\n"));
        p.git(&["reset", "-q", "--hard"]);
        assert_eq!(quick(&p), Verdict::Clean, "after reset {i}");
    }
}

/// Enough entries for several threads: a difference in any chunk, first or last, is seen.
#[test]
fn many_files_are_checked_in_parallel_chunks() {
    let p = fixture("git-project");
    let names: Vec<String> = (0..2500)
        .map(|i| format!("m/{:02}/f{i:04}.txt", i % 40))
        .collect();
    for n in &names {
        p.write(n, n.as_bytes());
    }
    p.init_git();
    assert_eq!(quick(&p), Verdict::Clean);
    let idx = read_index(&p);
    let first = String::from_utf8_lossy(idx.path(&idx.entries[0])).into_owned();
    let last = String::from_utf8_lossy(idx.path(idx.entries.last().unwrap())).into_owned();
    for victim in [&first, &last, &names[1250]] {
        p.write(victim, "changed, and longer than before\n");
        assert_eq!(assert_sound(&p, victim), Verdict::Unknown, "{victim}");
        p.git(&["reset", "-q", "--hard"]);
        assert_eq!(quick(&p), Verdict::Clean, "after restoring {victim}");
    }
}

#[test]
fn packed_head_is_resolved_through_git() {
    let p = project();
    p.git(&["gc", "-q"]);
    let head = p.head_sha();
    assert!(!p
        .path(&format!(".git/objects/{}/{}", &head[..2], &head[2..]))
        .exists());
    assert!(
        !p.path(".git/refs/heads/main").exists(),
        "the branch is packed"
    );
    assert_eq!(quick(&p), Verdict::Clean);
    p.write("src/index.js", "// staged after gc\n");
    p.git(&["add", "src/index.js"]);
    assert_eq!(assert_sound(&p, "packed, staged"), Verdict::Unknown);
}

#[test]
fn detached_head_is_read_too() {
    let p = project();
    p.git(&["checkout", "-q", "--detach"]);
    assert_eq!(quick(&p), Verdict::Clean);
}

#[test]
fn split_index_is_unknown() {
    let p = project();
    p.git(&["update-index", "--split-index"]);
    assert_eq!(assert_sound(&p, "split index"), Verdict::Unknown);
    assert_eq!(status(&p), "");
}

#[test]
fn submodule_is_unknown() {
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
    assert_eq!(status(&p), "");
    assert_eq!(quick(&p), Verdict::Unknown);
}

#[test]
fn sha256_repository_is_unknown() {
    let p = fixture("git-project");
    p.git(&["init", "-q", "--object-format=sha256", "-b", "main"]);
    p.git(&["config", "user.name", "T"]);
    p.git(&["config", "user.email", "t@example.invalid"]);
    p.commit_all("init");
    assert_eq!(status(&p), "");
    assert_eq!(quick(&p), Verdict::Unknown);
}

#[test]
fn linked_worktree_is_clean_and_checked() {
    let p = project();
    let wt = p.root.parent().unwrap().join("linked");
    p.git(&["worktree", "add", "-q", "-b", "side", wt.to_str().unwrap()]);
    assert_eq!(quick_at(&wt), Verdict::Clean);
    std::fs::write(wt.join("src/index.js"), "// changed in the worktree\n").unwrap();
    assert_eq!(quick_at(&wt), Verdict::Unknown);
    // the main work tree is not affected
    assert_eq!(quick(&p), Verdict::Clean);
}

#[test]
fn unborn_head_is_unknown() {
    let p = fixture("git-project");
    p.git(&["init", "-q", "-b", "main"]);
    p.git(&["add", "-A"]);
    assert_eq!(quick(&p), Verdict::Unknown);
}

#[test]
fn truncated_or_garbage_index_is_unknown() {
    let p = project();
    let path = p.path(".git/index");
    let data = std::fs::read(&path).unwrap();
    for cut in [
        0,
        11,
        12,
        100,
        data.len() / 2,
        data.len() - 21,
        data.len() - 1,
    ] {
        std::fs::write(&path, &data[..cut]).unwrap();
        assert_eq!(quick(&p), Verdict::Unknown, "index cut at {cut}");
    }
    std::fs::write(&path, b"DIRC\0\0\0\x02\xff\xff\xff\xffgarbage").unwrap();
    assert_eq!(quick(&p), Verdict::Unknown);
}

/// Whether the index equals HEAD and every tracked file's content and executable bit equal
/// its index entry, judged by hashing every file (`git hash-object`, never trusting a stat).
fn content_clean(p: &Project) -> bool {
    use std::io::Write;
    if !p.git(&["diff-index", "--cached", "HEAD"]).is_empty() {
        return false;
    }
    let listed = p.git(&["ls-files", "-s"]);
    let entries: Vec<(&str, &str, &str)> = listed
        .lines()
        .map(|l| {
            let (meta, path) = l.split_once('\t').unwrap();
            let mut m = meta.split(' ');
            (m.next().unwrap(), m.next().unwrap(), path)
        })
        .collect();
    for (mode, _, path) in &entries {
        let Ok(md) = std::fs::symlink_metadata(p.path(path)) else {
            return false;
        };
        let exec = md.permissions().mode() & 0o100 != 0;
        if !md.is_file() || exec != (*mode == "100755") {
            return false;
        }
    }
    let mut child = std::process::Command::new("git")
        .args(["hash-object", "--no-filters", "--stdin-paths"])
        .current_dir(&p.root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for (_, _, path) in &entries {
        writeln!(stdin, "{path}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let hashes = String::from_utf8(out.stdout).unwrap();
    hashes.lines().eq(entries.iter().map(|(_, oid, _)| *oid))
}

/// ~200 random edits, same-size edits with the mtime restored, new files, deletions, mode
/// changes, staging, commits and resets on a 50-file repository: after each, a Clean verdict
/// must agree with `git status`; after each commit or hard reset it must be Clean.
#[test]
fn random_mutations_never_fool_the_quick_check() {
    // QUICK_SEED=N replays a failed run
    let seed = std::env::var("QUICK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
        | 1;
    let mut rng = Rng(seed);
    let p = fixture("git-project");
    let names: Vec<String> = (0..50)
        .map(|i| format!("d{}/s{}/f{i}.txt", i % 4, i % 3))
        .collect();
    for (i, n) in names.iter().enumerate() {
        p.write(n, format!("file {i}\n"));
    }
    p.init_git();
    let (mut cleans, mut expected_cleans) = (0, 0);
    // files whose same-size edit or mode change may have fooled git (see below), until a
    // commit or reset
    let mut fooling: Vec<std::path::PathBuf> = Vec::new();
    // an mtime in a second no index entry records (a second of its own per step), so git,
    // which compares whole seconds, sees these files as changed and records them afresh
    let heal = |fooling: &mut Vec<std::path::PathBuf>, step: u64| {
        let never_recorded = UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000 + step);
        for f in fooling.drain(..) {
            if let Ok(file) = std::fs::File::options().write(true).open(f) {
                file.set_modified(never_recorded).unwrap();
            }
        }
    };
    for step in 0..200 {
        let name = &names[rng.below(names.len())];
        let path = p.path(name);
        let exists = path.exists();
        let what = match rng.below(10) {
            0 | 1 if exists => {
                let mut text = std::fs::read(&path).unwrap();
                text.extend_from_slice(b"more\n");
                std::fs::write(&path, text).unwrap();
                "edit"
            }
            2 | 3 if exists => {
                let before = std::fs::metadata(&path).unwrap().modified().unwrap();
                let mut text = std::fs::read(&path).unwrap();
                let at = rng.below(text.len());
                text[at] = if text[at] == b'x' { b'y' } else { b'x' };
                std::fs::write(&path, text).unwrap();
                let f = std::fs::File::options().write(true).open(&path).unwrap();
                f.set_modified(before).unwrap();
                fooling.push(path.clone());
                "same-size edit, mtime restored"
            }
            4 => {
                p.write(name, format!("recreated at {step}\n"));
                "write"
            }
            5 if exists => {
                std::fs::remove_file(&path).unwrap();
                "rm"
            }
            6 if exists => {
                let x = std::fs::metadata(&path).unwrap().permissions().mode() & 0o100 != 0;
                chmod_x(&p, name, !x);
                fooling.push(path.clone());
                "chmod"
            }
            7 => {
                p.git(&["add", "-A"]);
                "stage"
            }
            8 => {
                heal(&mut fooling, step);
                p.git(&["add", "-A"]);
                p.git(&[
                    "commit",
                    "-q",
                    "--allow-empty",
                    "-m",
                    &format!("step {step}"),
                ]);
                "commit"
            }
            _ => {
                heal(&mut fooling, step);
                p.git(&["reset", "-q", "--hard"]);
                "reset"
            }
        };
        let v = quick(&p);
        let s = status(&p);
        assert!(
            v != Verdict::Clean || s.is_empty(),
            "seed {seed}, step {step} ({what} {name}): quick says Clean, git status says\n{s}"
        );
        if v == Verdict::Clean {
            cleans += 1;
        }
        // a same-size edit within the second of the recorded ctime, mtime restored, fools
        // git itself (it compares whole seconds): commits and resets would keep the edit (and
        // Unknown be the right answer), so they first give such files a new mtime; and
        // whether the tree is really clean is judged by content. Likewise a chmod and its
        // undo within that second: git keeps the old ctime, which this check (comparing
        // nanoseconds) would rightly call unknown.
        if (what == "commit" || what == "reset") && content_clean(&p) {
            expected_cleans += 1;
            assert_eq!(v, Verdict::Clean, "seed {seed}, step {step}: after {what}");
        }
    }
    assert!(
        expected_cleans >= 20 && cleans >= expected_cleans,
        "seed {seed}: {cleans} clean verdicts, {expected_cleans} commits and resets"
    );
}

/// Through the binary: a clean tree releases, a staged change (seen only through the index's
/// cache tree) is refused with git's own listing.
#[test]
fn bump_refuses_a_staged_change_and_releases_a_clean_tree() {
    let p = crate::common::repo("git-project");
    p.write("src/index.js", p.read("src/index.js") + "// staged\n");
    p.git(&["add", "src/index.js"]);
    p.bump(&["patch"])
        .assert_code(1)
        .assert_stderr_has("not clean")
        .assert_stderr_has("M  src/index.js");
    p.git(&["reset", "-q", "--hard"]);
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.tags(), ["v0.9.9"]);
}

/// `Repo::dirty` answers from the quick check when clean, and keeps git's listing and the
/// allowed patterns when not.
#[test]
fn repo_dirty_lists_what_git_status_lists() {
    let p = project();
    let repo = Repo::discover(&p.root).unwrap();
    assert_eq!(repo.dirty(&[]).unwrap(), Vec::<String>::new());
    p.write("docs/guide/intro.md", "# Intro, edited\n");
    p.write("src/index.js", "// staged\n");
    p.git(&["add", "src/index.js"]);
    assert_eq!(
        repo.dirty(&[]).unwrap(),
        ["M docs/guide/intro.md", "M  src/index.js"]
    );
    assert_eq!(
        repo.dirty(&["docs/*".to_string()]).unwrap(),
        ["M  src/index.js"]
    );
}

#[test]
fn racy_files_are_judged_by_the_content_the_caller_read() {
    let p = project();
    index_version(&p, 2);
    forge_racy_stat(&p, "docs/guide/install.md");
    let repo = Repo::discover(&p.root).unwrap();
    let racy = quick::check_deferred(&repo).expect("clean but for racy files");
    let paths: Vec<&Path> = racy.iter().map(|r| r.path()).collect();
    assert!(
        paths.contains(&Path::new("docs/guide/install.md")),
        "{paths:?}"
    );
    let r = racy
        .iter()
        .find(|r| r.path() == Path::new("docs/guide/install.md"))
        .unwrap();
    assert!(r.content_matches(b"# Install\n"));
    assert!(!r.content_matches(b"# INSTALL\n"), "same size, other bytes");
    assert!(!r.content_matches(b"# Install\n\n"), "other size");
    // through the pending check: what the caller read decides, the file is not read again
    // (here the disk holds a same-size edit that only its content tells apart)
    p.write("docs/guide/install.md", "# INSTALL\n");
    forge_racy_stat(&p, "docs/guide/install.md");
    let original: &[u8] = b"# Install\n";
    let with_known = repo
        .start_dirty(&[])
        .unwrap()
        .finish_with(|path| (path == Path::new("docs/guide/install.md")).then_some(original))
        .unwrap();
    assert!(with_known.is_empty(), "{with_known:?}");
    let from_disk = repo.start_dirty(&[]).unwrap().finish().unwrap();
    assert_eq!(from_disk, ["M docs/guide/install.md"]);
}
