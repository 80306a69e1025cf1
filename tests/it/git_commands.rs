//! Git runs only through `src/git/`, and `-vv` shows every git command as it starts.

use std::path::Path;

use crate::common::repo;

/// `-vv` reports each git command, with the directory it runs in, before it runs; without it,
/// none is reported.
#[test]
fn double_verbose_logs_every_git_command_with_its_directory() {
    let p = repo("git-project");
    let root = p.root.to_str().unwrap();
    let run = p.bump(&["patch", "--dry-run", "-vv"]);
    run.assert_ok();
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("git "))
        .collect();
    // the tag name is checked, then looked up, before anything could be written
    let prefix = format!("git -C {root} ");
    for want in [
        "check-ref-format refs/tags/v0.9.9",
        "rev-parse -q --verify refs/tags/v0.9.9",
    ] {
        assert!(
            lines.contains(&format!("{prefix}{want}").as_str()),
            "no `{prefix}{want}` in\n{}",
            run.stderr
        );
    }
    assert!(lines.iter().all(|l| l.starts_with(&prefix)), "{lines:#?}");
    let quiet = p.bump(&["patch", "--dry-run", "-v"]);
    quiet.assert_ok();
    assert!(
        !quiet.stderr.lines().any(|l| l.starts_with("git -C")),
        "{}",
        quiet.stderr
    );
}

/// `bump check -vv --tag-from-head` shows the tag lookup too (a command of its own).
#[test]
fn double_verbose_check_logs_the_tag_lookup() {
    let p = repo("git-project");
    p.git(&["tag", "v0.9.8"]);
    let run = p.bump(&["check", "--tag-from-head", "-vv"]);
    run.assert_ok();
    run.assert_stderr_has(&format!(
        "git -C {} tag --points-at HEAD\n",
        p.root.display()
    ));
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// No code outside `src/git/` starts git itself or hands git an argv: it calls a named `Repo`
/// method (`Repo::run` is private, so only a new `Command` could get around it).
#[test]
fn no_git_argv_is_built_outside_src_git() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("git")))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let rel = f.strip_prefix(&src).unwrap().display().to_string();
            text.lines()
                .enumerate()
                .filter(|(_, l)| {
                    l.contains("\"git\"") || l.contains(".run(&[") || l.contains(".run(&args")
                })
                .map(|(i, l)| format!("src/{rel}:{}: {}", i + 1, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "git argv outside src/git:\n{}",
        offenders.join("\n")
    );
}
