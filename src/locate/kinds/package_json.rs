//! `package.json`: the top-level `"version"` only. `dependencies`, `engines`, nested workspaces
//! and every other object are never looked into for a version.

use std::path::Path;

use super::json::{scan, Seg};
use super::Location;
use crate::error::Result;

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let mut found = Vec::new();
    scan(path, text, |p, s, e| {
        if let [Seg::Key("version")] = p {
            found.push(Location::new(text, s, e, "\"version\""));
        }
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_version_only() {
        let t = "{\n  \"name\": \"web\",\n  \"dependencies\": { \"version\": \"1.0.0\", \"left-pad\": \"1.0.0\" },\n  \"version\": \"1.0.0\"\n}\n";
        let l = locate(Path::new("package.json"), t).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].line, 4);
        assert_eq!(&t[l[0].start..l[0].end], "1.0.0");
    }

    #[test]
    fn a_non_string_version_is_not_located() {
        assert!(locate(Path::new("package.json"), "{\"version\": 1}")
            .unwrap()
            .is_empty());
    }
}
