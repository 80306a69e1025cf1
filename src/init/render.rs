//! A survey as a commented `.bumpversion.toml`: `current_version` and `scheme` at the top, one
//! `[[tool.bumpversion.files]]` entry with `filename` and `kind` per file that holds the current
//! version (`env` for CI files, `keys` for a Chart that holds it in only one key), and as
//! comments the files that disagree and those that could not be read.

use std::fmt::Write;

use super::{Hit, Survey};
use crate::error::{Error, Result};
use crate::locate::kinds::Kind;

use crate::text::toml::basic_string as q;

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One file's hits, split by whether they hold the current version.
struct FileHits<'a> {
    path: &'a str,
    kind: Kind,
    current: Vec<&'a Hit>,
    other: Vec<&'a Hit>,
}

fn by_file(s: &Survey) -> Vec<FileHits<'_>> {
    let mut files: Vec<FileHits<'_>> = Vec::new();
    for (i, h) in s.hits.iter().enumerate() {
        if files.last().is_none_or(|f| f.path != h.path) {
            files.push(FileHits {
                path: &h.path,
                kind: h.kind,
                current: Vec::new(),
                other: Vec::new(),
            });
        }
        let f = files.last_mut().expect("pushed above");
        if s.is_current(i) {
            f.current.push(h);
        } else {
            f.other.push(h);
        }
    }
    files
}

/// Distinct values of `f`, in order.
fn distinct<'a>(hits: &[&'a Hit], f: impl Fn(&'a Hit) -> Option<&'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for h in hits {
        if let Some(v) = f(h) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

fn describe(h: &Hit) -> String {
    format!(
        "{}:{}: {} = {}",
        h.path, h.location.line, h.location.what, h.version
    )
}

/// The entry's option lines (`env`, `keys`), from the hits it is configured for.
fn options(f: &FileHits<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    match f.kind {
        Kind::CiEnv => {
            lines.push(format!(
                "env = {}",
                list(&distinct(&f.current, |h| h.key.as_deref()))
            ));
        }
        Kind::Dockerfile => {
            let names = distinct(&f.current, |h| {
                (h.location.what.starts_with("ARG ") || h.location.what.starts_with("ENV "))
                    .then(|| h.location.what[4..].trim())
            });
            let others = f.other.iter().any(|h| h.incidental);
            if !names.is_empty() && others {
                lines.push(format!("env = {}", list(&names)));
            }
        }
        Kind::HelmChart => {
            let keys = distinct(&f.current, |h| Some(h.location.what.as_str()));
            if !f.other.is_empty() {
                lines.push(format!("keys = {}", list(&keys)));
            }
        }
        _ => {}
    }
    lines
}

/// The rendered configuration. Fails when the tree holds no version at all.
pub fn config(s: &Survey) -> Result<String> {
    let Some(current) = s.current_version() else {
        if let Some(h) = s.hits.first() {
            return Err(Error::usage(format!(
                "found only versions that belong to something else (`{}:{}` {} = {}); pass `--current-version VERSION` to name the project's",
                h.path, h.location.line, h.location.what, h.version
            )));
        }
        return Err(Error::usage(
            "found no version in any file bump knows (pyproject.toml, package.json, Cargo.toml, VERSION, ...); start from `bump sample-config` instead",
        ));
    };
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Written by `bump init` for the {} file(s) below, which hold the current version.",
        s.current_files()
    );
    o.push_str(
        "# Each entry's `kind` says how the file is read, so a dependency that shares the\n",
    );
    o.push_str("# version number is never touched. Review it, then commit it.\n");
    let _ = writeln!(
        o,
        "# Other mentions of the version (README, docs, changelog): `bump find {current}`."
    );
    o.push_str("\n[tool.bumpversion]\n");
    let _ = writeln!(o, "current_version = {}", q(&current));
    o.push_str(
        "# How versions bump, and how files that have no spelling of their own write them:\n",
    );
    o.push_str("# \"semver\" (1.2.0-rc.1) or \"pep440\" (1.2.0rc1). Each kind of file uses its\n");
    o.push_str(
        "# ecosystem's spelling: pyproject.toml PEP 440, package.json and Cargo.toml SemVer.\n",
    );
    let _ = writeln!(o, "scheme = {}", q(s.scheme.name()));
    let files = by_file(s);
    for f in files.iter().filter(|f| !f.current.is_empty()) {
        o.push('\n');
        for h in &f.current {
            let _ = writeln!(o, "# {}:{}: {}", h.path, h.location.line, h.location.what);
        }
        for h in f.other.iter().filter(|h| !h.incidental) {
            let _ = writeln!(o, "# DISAGREES: {}", describe(h));
        }
        o.push_str("[[tool.bumpversion.files]]\n");
        let _ = writeln!(o, "filename = {}", q(f.path));
        let _ = writeln!(o, "kind = {}", q(f.kind.name()));
        for line in options(f) {
            let _ = writeln!(o, "{line}");
        }
    }
    for t in &s.texts {
        o.push('\n');
        for m in &t.mentions {
            let _ = writeln!(o, "# {}:{}: {}", t.path, m.line, m.text);
        }
        o.push_str("# no kind: every mention of the version is replaced (search/replace)\n");
        o.push_str("[[tool.bumpversion.files]]\n");
        let _ = writeln!(o, "filename = {}", q(&t.path));
    }
    let disagreeing: Vec<&FileHits<'_>> = files
        .iter()
        .filter(|f| f.current.is_empty() && f.other.iter().any(|h| !h.incidental))
        .collect();
    if !disagreeing.is_empty() {
        let _ = writeln!(
            o,
            "\n# These files hold another version than {current}; fix them, then uncomment:"
        );
        for f in disagreeing {
            o.push('\n');
            for h in f.other.iter().filter(|h| !h.incidental) {
                let _ = writeln!(o, "# {}", describe(h));
            }
            o.push_str("# [[tool.bumpversion.files]]\n");
            let _ = writeln!(o, "# filename = {}", q(f.path));
            let _ = writeln!(o, "# kind = {}", q(f.kind.name()));
        }
    }
    if !s.problems.is_empty() {
        o.push_str("\n# These files could not be read for a version:\n");
        for p in &s.problems {
            let _ = writeln!(o, "#   {} ({}): {}", p.path, p.kind.name(), p.message);
        }
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(q("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(list(&["A", "B"]), "[\"A\", \"B\"]");
    }

    #[test]
    fn rendered_config_is_valid_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("VERSION"), "0.3.0\n").unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            "{\"name\": \"a\\\"b\", \"version\": \"0.3.0\"}\n",
        )
        .unwrap();
        let s = super::super::survey(dir.path(), &Default::default()).unwrap();
        let text = config(&s).unwrap();
        let doc: toml_edit::DocumentMut = text.parse().unwrap();
        assert_eq!(
            doc["tool"]["bumpversion"]["current_version"].as_str(),
            Some("0.3.0")
        );
        assert_eq!(
            doc["tool"]["bumpversion"]["files"]
                .as_array_of_tables()
                .unwrap()
                .len(),
            2
        );
    }
}
