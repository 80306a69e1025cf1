//! The two-tier pre-release flow on a built-in `scheme`: `bump pre` starts or continues a
//! release candidate (`0.1.18` → `0.1.19-rc.1` → `0.1.19-rc.2`), `bump release` finalizes it
//! (`0.1.19-rc.3` → `0.1.19`).

use crate::error::{Error, Result};
use crate::plan::Project;
use crate::version::Version;

const LABELS: &[&str] = &["alpha", "beta", "rc"];

fn require_scheme(project: &Project, what: &str) -> Result<()> {
    if project.config.scheme.is_none() {
        return Err(Error::usage(format!(
            "`bump {what}` needs a built-in version scheme: add `scheme = \"semver\"` (or \"pep440\") to the config"
        )));
    }
    Ok(())
}

/// The next pre-release: from a final release, bump `level` and start `label`.1; from a
/// pre-release with the same (or no) label, the next number; with a later label, that label's
/// first number.
pub fn next_pre(
    project: &Project,
    current: &Version,
    level: &str,
    label: Option<&str>,
) -> Result<Version> {
    require_scheme(project, "pre")?;
    if let Some(l) = label {
        if !LABELS.contains(&l) {
            return Err(Error::usage(format!(
                "unknown pre-release label `{l}`; use alpha, beta or rc"
            )));
        }
    }
    if !["major", "minor", "patch"].contains(&level) {
        return Err(Error::usage(format!(
            "--level must be major, minor or patch, not `{level}`"
        )));
    }
    let cur_label = current.get("pre_l").unwrap_or("final");
    let dev = current.get("dev").is_some_and(|d| !d.is_empty());
    // a dev release comes before its pre-release (`7.0.0.dev0` < `7.0.0rc1` < `7.0.0rc1`'s
    // successors), so `pre` leaves the dev release for the one it leads to
    if dev && cur_label == "final" {
        return current.bump_to("pre_l", label.unwrap_or("rc"));
    }
    if dev && label.is_none_or(|l| l == cur_label) {
        return current.bump_to("dev", "");
    }
    if cur_label == "final" {
        let released = current.bump(level)?;
        return released.bump_to("pre_l", label.unwrap_or("rc"));
    }
    match label {
        None => current.bump("pre_n"),
        Some(l) if l == cur_label => current.bump("pre_n"),
        Some(l) => {
            let rank = |x: &str| LABELS.iter().position(|y| *y == x);
            if rank(l) < rank(cur_label) {
                return Err(Error::usage(format!(
                    "cannot go back from `{cur_label}` to `{l}`; finish this pre-release with `bump release` first"
                )));
            }
            current.bump_to("pre_l", l)
        }
    }
}

/// The final release of the current pre-release or dev release.
pub fn finalize(project: &Project, current: &Version) -> Result<Version> {
    require_scheme(project, "release")?;
    let dev = current.get("dev").is_some_and(|d| !d.is_empty());
    if current.get("pre_l").unwrap_or("final") == "final" && !dev {
        return Err(Error::Part {
            part: "pre_l".into(),
            message: format!(
                "`{}` is not a pre-release; nothing to finalize",
                project.version()?
            ),
        });
    }
    current.bump_to("pre_l", "final")
}
