//! `bump check` is a report over the plan a bump makes, so on every project the two agree:
//! `bump check` passes if and only if `bump PART --dry-run` finds every location. Walked over
//! every fixture of `tests/fixtures/` with a config and every case of the bump-my-version compat
//! corpus (`../shared/compat/cases/*/before`, read in place, never copied into the project).

use std::path::{Path, PathBuf};

use crate::common::Project;

/// Whether a dry run failed at a location (a version or a file not found).
fn location_failed(stderr: &str) -> bool {
    stderr.contains("did not find") || stderr.contains("file not found")
}

/// The comma-separated list after `marker` in a message, up to the end of its line.
fn list_after(stderr: &str, marker: &str) -> Vec<String> {
    let Some((_, rest)) = stderr.split_once(marker) else {
        return Vec::new();
    };
    let line = rest.lines().next().unwrap_or("");
    line.split(", ").map(|s| s.trim().to_string()).collect()
}

/// The parts a config defines, from the "unknown version part" message (which lists them).
fn parts_from(stderr: &str) -> Vec<String> {
    list_after(stderr, "defines: ")
}

/// The components a config declares, from the message that asks for one.
fn components_from(stderr: &str) -> Vec<String> {
    list_after(stderr, "choose one with --component: ")
}

/// `Some(found every location)` of a dry run of one component (or the whole config), `None`
/// when the dry run stops for a reason that says nothing about locations.
fn dry_run_finds_all(p: &Project, component: Option<&str>) -> Option<bool> {
    let mut args = vec!["--dry-run", "--allow-dirty"];
    if let Some(c) = component {
        args.extend(["--component", c]);
    }
    let mut part = "patch".to_string();
    for _ in 0..2 {
        let mut full = vec![part.as_str()];
        full.extend(&args);
        let run = p.bump(&full);
        if run.code == 0 {
            return Some(true);
        }
        if location_failed(&run.stderr) {
            return Some(false);
        }
        // a config without `patch`: its last part (the least significant one)
        match parts_from(&run.stderr).pop() {
            Some(last) if run.stderr.contains("unknown version part") => part = last,
            _ => return None,
        }
    }
    None
}

/// `Some(check passes, dry runs find every location)`, `None` when not comparable.
fn judge(p: &Project) -> Option<(bool, bool)> {
    let check = p.bump(&["check", "--no-env-tag"]);
    if check.code == 2 {
        // a config error: the bump refuses it too, before any location
        let dry = p.bump(&["patch", "--dry-run", "--allow-dirty"]);
        assert_ne!(dry.code, 0, "check refused the config, the bump did not");
        return None;
    }
    let whole = p.bump(&["patch", "--dry-run", "--allow-dirty"]);
    let components = components_from(&whole.stderr);
    let found = if components.is_empty() {
        dry_run_finds_all(p, None)?
    } else {
        let mut all = true;
        for c in &components {
            all &= dry_run_finds_all(p, Some(c))?;
        }
        all
    };
    Some((check.code == 0, found))
}

fn has_config(dir: &Path) -> bool {
    [
        ".bumpversion.toml",
        ".bumpversion.cfg",
        "setup.cfg",
        "pyproject.toml",
    ]
    .iter()
    .any(|f| dir.join(f).is_file())
}

#[test]
fn check_passes_exactly_when_the_dry_run_finds_every_location() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<(String, PathBuf)> = Vec::new();
    for e in std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .flatten()
    {
        if e.path().is_dir() && has_config(&e.path()) {
            dirs.push((
                format!("fixture {}", e.file_name().to_string_lossy()),
                e.path(),
            ));
        }
    }
    let corpus = root.join("../shared/compat/cases");
    let mut cases = 0;
    for e in std::fs::read_dir(&corpus).into_iter().flatten().flatten() {
        let before = e.path().join("before");
        if before.is_dir() {
            cases += 1;
            dirs.push((
                format!("compat {}", e.file_name().to_string_lossy()),
                before,
            ));
        }
    }
    assert!(
        cases >= 60,
        "the compat corpus is beside the project ({cases} cases)"
    );
    let (mut judged, mut passing, mut failing) = (0, 0, 0);
    for (name, dir) in &dirs {
        let p = Project::from_dir(dir);
        p.init_git();
        let Some((check_ok, found_all)) = judge(&p) else {
            continue;
        };
        assert_eq!(
            check_ok,
            found_all,
            "{name}: `bump check` {} but the dry run {} every location",
            if check_ok { "passes" } else { "fails" },
            if found_all { "finds" } else { "does not find" }
        );
        judged += 1;
        if check_ok {
            passing += 1;
        } else {
            failing += 1;
        }
    }
    assert!(
        judged >= 60 && passing >= 40 && failing >= 3,
        "too few projects compared: {judged} ({passing} consistent, {failing} not)"
    );
}
