//! `pyproject.toml`: `[project] version` (PEP 621) and `[tool.poetry] version`.
//!
//! A version listed in `[project] dynamic` is not in this file: the error says where the build
//! backend reads it from (hatch's `path`, setuptools' `attr:`/`file:`, setuptools_scm, pdm,
//! flit, maturin), so the user can point bump at that file instead. Poetry 2 projects that keep
//! `[tool.poetry] version` while declaring it dynamic are located there, without an error.

use std::path::Path;

use toml_edit::Item;

use super::{lives_elsewhere, toml_string, Location};
use crate::error::Result;
use crate::text::toml::{parse, TomlDoc};

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let doc = parse(path, text)?;
    let mut found = Vec::new();
    let dynamic = doc
        .item(&["project", "dynamic"])
        .and_then(Item::as_array)
        .is_some_and(|a| a.iter().any(|v| v.as_str() == Some("version")));
    if !dynamic {
        if let Some(item) = doc.item(&["project", "version"]) {
            found.extend(toml_string(path, text, item, "[project] version")?);
        }
    }
    if let Some(item) = doc.item(&["tool", "poetry", "version"]) {
        found.extend(toml_string(path, text, item, "[tool.poetry] version")?);
    }
    if dynamic && found.is_empty() {
        return Err(lives_elsewhere(
            path,
            format!(
                "`version` is listed in `[project] dynamic`, so it is not in this file: {}",
                dynamic_source(&doc)
            ),
        ));
    }
    Ok(found)
}

fn str_at<'a>(doc: &'a TomlDoc<'_>, keys: &[&str]) -> Option<&'a str> {
    doc.item(keys).and_then(Item::as_str)
}

/// The backend's words, or `None`.
fn backend<'a>(doc: &'a TomlDoc<'_>) -> &'a str {
    str_at(doc, &["build-system", "build-backend"]).unwrap_or("")
}

fn requires(doc: &TomlDoc<'_>, needle: &str) -> bool {
    doc.item(&["build-system", "requires"])
        .and_then(Item::as_array)
        .is_some_and(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .any(|r| r.to_ascii_lowercase().replace('-', "_").contains(needle))
        })
}

/// Where a dynamic version really lives, as advice.
fn dynamic_source(doc: &TomlDoc<'_>) -> String {
    if let Some(p) = str_at(doc, &["tool", "hatch", "version", "path"]) {
        return format!(
            "hatch reads it from `{p}` (`[tool.hatch.version] path`); configure that file with kind `python`"
        );
    }
    if str_at(doc, &["tool", "hatch", "version", "source"]) == Some("vcs") {
        return "hatch-vcs derives it from git tags (`[tool.hatch.version] source = \"vcs\"`); bump only needs to tag".into();
    }
    if let Some(v) = doc.item(&["tool", "setuptools", "dynamic", "version"]) {
        if let Some(attr) = v.get("attr").and_then(Item::as_str) {
            return format!(
                "setuptools reads the attribute `{attr}` (`[tool.setuptools.dynamic] version = {{attr = ...}}`); configure that module with kind `python`"
            );
        }
        if let Some(file) = v.get("file") {
            let name = file
                .as_str()
                .map(str::to_string)
                .or_else(|| {
                    file.as_array()
                        .and_then(|a| a.get(0))
                        .and_then(|x| x.as_str())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| "a file".into());
            return format!(
                "setuptools reads it from `{name}` (`[tool.setuptools.dynamic] version = {{file = ...}}`); configure that file with kind `plain`"
            );
        }
    }
    if doc.item(&["tool", "setuptools_scm"]).is_some() || requires(doc, "setuptools_scm") {
        return "setuptools_scm derives it from git tags; bump only needs to tag".into();
    }
    if let Some(pdm) = doc.item(&["tool", "pdm", "version"]) {
        if let Some(p) = pdm.get("path").and_then(Item::as_str) {
            return format!(
                "pdm reads it from `{p}` (`[tool.pdm.version] path`); configure that file with kind `python`"
            );
        }
        return "pdm derives it from git tags (`[tool.pdm.version] source = \"scm\"`); bump only needs to tag".into();
    }
    if doc.item(&["tool", "poetry-dynamic-versioning"]).is_some() {
        return "poetry-dynamic-versioning derives it from git tags; bump only needs to tag".into();
    }
    let be = backend(doc);
    if be.starts_with("flit") {
        return "flit reads `__version__` from the package's `__init__.py`; configure that file with kind `python`".into();
    }
    if be.starts_with("maturin") {
        return "maturin takes it from `Cargo.toml`; configure that file with kind `cargo`".into();
    }
    "the build backend computes it; configure the file it reads the version from".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn spans(text: &str) -> Vec<(&str, String)> {
        locate(Path::new("pyproject.toml"), text)
            .unwrap()
            .into_iter()
            .map(|l| (&text[l.start..l.end], l.what))
            .collect()
    }

    fn err(text: &str) -> String {
        match locate(Path::new("pyproject.toml"), text) {
            Err(e @ Error::ConfigValue { .. }) => e.to_string(),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn pep621_and_poetry() {
        let t = "[project]\nname = \"x\"\nversion = \"1.2.3\"  # here\ndependencies = [\"y==1.2.3\"]\n[tool.poetry]\nversion = '1.2.3'\n";
        assert_eq!(
            spans(t),
            vec![
                ("1.2.3", "[project] version".to_string()),
                ("1.2.3", "[tool.poetry] version".to_string())
            ]
        );
    }

    #[test]
    fn dotted_and_inline_forms() {
        assert_eq!(spans("project.version = \"2.0.0\"\n")[0].0, "2.0.0");
        assert_eq!(spans("project = { version = \"2.0.1\" }\n")[0].0, "2.0.1");
    }

    #[test]
    fn no_version_is_empty() {
        assert!(spans("[tool.ruff]\nline-length = 100\n").is_empty());
    }

    #[test]
    fn dynamic_version_says_where_it_lives() {
        let hatch = "[project]\ndynamic = [\"version\"]\n[tool.hatch.version]\npath = \"src/pkg/__about__.py\"\n";
        let e = err(hatch);
        assert!(e.contains("`src/pkg/__about__.py`"), "{e}");
        assert!(
            e.starts_with("pyproject.toml: `version` is listed in `[project] dynamic`"),
            "{e}"
        );
        let attr = "[project]\ndynamic = [\"version\"]\n[tool.setuptools.dynamic]\nversion = {attr = \"pkg.__version__\"}\n";
        assert!(err(attr).contains("attribute `pkg.__version__`"));
        let scm = "[build-system]\nrequires = [\"setuptools>=64\", \"setuptools-scm>=8\"]\n[project]\ndynamic = [\"version\"]\n";
        assert!(err(scm).contains("setuptools_scm"));
    }

    #[test]
    fn poetry2_dynamic_with_tool_poetry_version_is_located() {
        let t = "[project]\nname = \"x\"\ndynamic = [\"version\"]\n[tool.poetry]\nversion = \"0.4.0\"\n";
        assert_eq!(
            spans(t),
            vec![("0.4.0", "[tool.poetry] version".to_string())]
        );
    }

    #[test]
    fn malformed_toml_is_a_syntax_error() {
        let e = locate(Path::new("pyproject.toml"), "[project]\nversion = \"1.0\n").unwrap_err();
        assert!(matches!(e, Error::Syntax { line: 2, .. }), "{e:?}");
    }
}
