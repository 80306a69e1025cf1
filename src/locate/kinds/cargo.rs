//! `Cargo.toml`: `[package] version` and `[workspace.package] version`. A member that inherits
//! (`version.workspace = true`) holds no version of its own and is not located; dependency
//! requirements never are.

use std::path::Path;

use super::{toml_string, Location};
use crate::error::Result;
use crate::text::toml::parse;

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let doc = parse(path, text)?;
    let mut found = Vec::new();
    if let Some(item) = doc.item(&["package", "version"]) {
        found.extend(toml_string(path, text, item, "[package] version")?);
    }
    if let Some(item) = doc.item(&["workspace", "package", "version"]) {
        found.extend(toml_string(
            path,
            text,
            item,
            "[workspace.package] version",
        )?);
    }
    Ok(found)
}

/// The names a `Cargo.toml` gives its own packages: `[package] name`, and for a workspace the
/// members (glob-expanded, relative to `dir`) that inherit `[workspace.package] version`.
pub(super) fn own_packages(dir: &Path, path: &Path, text: &str) -> Result<Vec<String>> {
    let doc = parse(path, text)?;
    let mut names = Vec::new();
    if let Some(n) = doc.item(&["package", "name"]).and_then(|i| i.as_str()) {
        names.push(n.to_string());
    }
    let members = doc
        .item(&["workspace", "members"])
        .and_then(|i| i.as_array());
    for pattern in members.into_iter().flatten().filter_map(|m| m.as_str()) {
        let member_glob = format!("{}/Cargo.toml", pattern.trim_end_matches('/'));
        let Ok(paths) = crate::glob::glob_files(dir, &member_glob) else {
            continue;
        };
        for member in paths.into_iter().map(|p| dir.join(p)) {
            let Ok(mtext) = std::fs::read_to_string(&member) else {
                continue;
            };
            let Ok(mdoc) = parse(&member, &mtext) else {
                continue;
            };
            let inherits = mdoc
                .item(&["package", "version", "workspace"])
                .and_then(|i| i.as_bool())
                == Some(true);
            if let (true, Some(n)) = (
                inherits,
                mdoc.item(&["package", "name"]).and_then(|i| i.as_str()),
            ) {
                names.push(n.to_string());
            }
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_and_workspace_package() {
        let t = "[workspace]\nmembers = [\"a\"]\n[workspace.package]\nversion = \"0.3.0\"\n[package]\nname = \"x\"\nversion = \"0.3.0\" # own\n[dependencies]\nserde = { version = \"0.3.0\" }\nfoo = \"0.3.0\"\n";
        let l = locate(Path::new("Cargo.toml"), t).unwrap();
        let got: Vec<_> = l
            .iter()
            .map(|l| (&t[l.start..l.end], l.what.as_str(), l.line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("0.3.0", "[package] version", 7),
                ("0.3.0", "[workspace.package] version", 4)
            ]
        );
    }

    #[test]
    fn inherited_version_is_not_located() {
        let t = "[package]\nname = \"x\"\nversion.workspace = true\n";
        assert!(locate(Path::new("Cargo.toml"), t).unwrap().is_empty());
    }
}
