//! One test per row of the README's exit-code table: refusals exit 1, usage and configuration
//! errors exit 2, and nothing is changed in either case.

use crate::common::{repo, Project, Run};

/// `bump ARGS` in `p` exits `code` and leaves every file as it was.
#[track_caller]
fn exits(p: &Project, args: &[&str], code: i32) -> Run {
    let before = p.snapshot();
    let run = p.bump(args);
    run.assert_code(code);
    assert_eq!(p.snapshot(), before, "bump {args:?} changed files");
    run
}

#[test]
fn success_exits_0() {
    let p = repo("git-project");
    p.bump(&["patch"]).assert_ok();
    p.bump(&["check"]).assert_ok();
}

#[test]
fn dirty_tree_exits_1() {
    let p = repo("git-project");
    p.write("package.json", p.read("package.json") + "\n");
    exits(&p, &["patch"], 1).assert_stderr_has("not clean");
}

#[test]
fn existing_tag_exits_1() {
    let p = repo("git-project");
    p.git(&["tag", "v0.9.9"]);
    exits(&p, &["patch"], 1).assert_stderr_has("tag `v0.9.9` already exists");
}

#[test]
fn version_not_found_exits_1() {
    let p = repo("git-project");
    p.write("src/version.js", "export const VERSION = \"0.9.7\";\n");
    p.commit_all("chore: an older version");
    exits(&p, &["patch"], 1).assert_stderr_has("did not find");
}

#[test]
fn untracked_file_that_would_change_exits_1() {
    let p = repo("git-project");
    p.git(&["rm", "-q", "--cached", "src/version.js"]);
    p.git(&[
        "commit",
        "-q",
        "-m",
        "chore: stop tracking the version file",
    ]);
    exits(&p, &["patch"], 1).assert_stderr_has("git does not track them");
}

#[test]
fn inconsistent_versions_exit_1() {
    let p = repo("git-project");
    p.write("src/version.js", "export const VERSION = \"0.9.7\";\n");
    p.commit_all("chore: drift");
    exits(&p, &["check"], 1).assert_stderr_has("versions are not consistent");
}

#[test]
fn failing_hook_exits_1() {
    let p = repo("git-project");
    let config = p.read(".bumpversion.toml").replace(
        "[tool.bumpversion]\n",
        "[tool.bumpversion]\npre_commit_hooks = [\"false\"]\n",
    );
    p.write(".bumpversion.toml", config);
    p.commit_all("ci: a hook that fails");
    exits(&p, &["patch"], 1).assert_stderr_has("hook `false`");
}

#[test]
fn unknown_part_or_option_exits_2() {
    let p = repo("git-project");
    exits(&p, &["patchh"], 2);
    exits(&p, &["patch", "--no-such-option"], 2);
}

#[test]
fn malformed_config_exits_2() {
    let p = repo("git-project");
    p.write(
        ".bumpversion.toml",
        p.read(".bumpversion.toml")
            .replace("commit = true", "commit = \"maybe\""),
    );
    p.commit_all("build: a wrong value");
    exits(&p, &["patch"], 2).assert_stderr_has(".bumpversion.toml:3: `commit`");
}
