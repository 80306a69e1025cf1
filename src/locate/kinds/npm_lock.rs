//! `package-lock.json` / `npm-shrinkwrap.json`: the root `"version"` and `packages[""].version`
//! (the project itself in lockfile v2/v3). Dependencies (`packages["node_modules/..."]`, the v1
//! `dependencies` tree) are never located, whatever version they hold.

use std::path::Path;

use super::json::{scan, Seg};
use super::Location;
use crate::error::Result;

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let mut found = Vec::new();
    scan(path, text, |p, s, e| match p {
        [Seg::Key("version")] => found.push(Location::new(text, s, e, "\"version\"")),
        [Seg::Key("packages"), Seg::Key(""), Seg::Key("version")] => {
            found.push(Location::new(text, s, e, "packages[\"\"] \"version\""))
        }
        _ => {}
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_packages_root_only() {
        let t = r#"{
  "name": "web",
  "version": "2.0.0",
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "web", "version": "2.0.0", "dependencies": { "dep": "2.0.0" } },
    "node_modules/dep": { "version": "2.0.0" }
  },
  "dependencies": { "dep": { "version": "2.0.0" } }
}"#;
        let l = locate(Path::new("package-lock.json"), t).unwrap();
        let lines: Vec<usize> = l.iter().map(|l| l.line).collect();
        assert_eq!(lines, vec![3, 6]);
        assert!(l.iter().all(|l| &t[l.start..l.end] == "2.0.0"));
    }
}
