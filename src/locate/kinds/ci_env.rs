//! CI files (GitHub Actions workflows, `.gitlab-ci.yml`): the keys named in `env`, at any
//! nesting level (`env:` of a workflow, a job or a step; GitLab `variables:`), quoted or not,
//! with trailing comments. Read line by line (see the `yaml` module), never re-serialized.

use std::path::Path;

use super::yaml::{key_lines, Value};
use super::{lives_elsewhere, syntax, KindOptions, Location};
use crate::error::Result;

pub(super) fn locate(path: &Path, text: &str, opts: &KindOptions) -> Result<Vec<Location>> {
    if opts.env.is_empty() {
        return Err(lives_elsewhere(
            path,
            "kind `ci-env` needs the keys that hold the version: set `env = [\"APP_VERSION\"]`",
        ));
    }
    keys_where(path, text, |k| opts.env.iter().any(|e| e == k))
}

/// Every key whose name ends in `VERSION` (any case), with its scalar value: what `bump init`
/// offers as `env` candidates.
pub fn version_keys(path: &Path, text: &str) -> Result<Vec<(String, Location)>> {
    let found = keys_where(path, text, |k| k.to_ascii_uppercase().ends_with("VERSION"))?;
    Ok(found
        .into_iter()
        .map(|l| (l.what.trim_start_matches("env ").to_string(), l))
        .collect())
}

fn keys_where(path: &Path, text: &str, wanted: impl Fn(&str) -> bool) -> Result<Vec<Location>> {
    let mut found = Vec::new();
    key_lines(path, text, |k| {
        if !wanted(k.key) {
            return Ok(());
        }
        match k.value {
            Value::Scalar(s, e) if s < e => {
                found.push(Location::new(text, s, e, format!("env {}", k.key)))
            }
            Value::Bad(at, message) => return Err(syntax(path, text, at, message)),
            _ => {}
        }
        Ok(())
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WF: &str = "name: CI\non: [push]\nenv:\n  FFI_VERSION: 0.2.0   # keep in sync\n  PYTHON_VERSION: \"3.12\"\njobs:\n  build:\n    env:\n      FFI_VERSION: '0.2.0'\n    steps:\n      - run: |\n          FFI_VERSION: 1.0.0\n      - env:\n          FFI_VERSION: \"0.2.0\"\n";

    #[test]
    fn named_keys_at_any_level() {
        let opts = KindOptions {
            env: vec!["FFI_VERSION".into()],
            ..KindOptions::default()
        };
        let l = locate(Path::new("ci.yml"), WF, &opts).unwrap();
        let lines: Vec<usize> = l.iter().map(|l| l.line).collect();
        assert_eq!(lines, vec![4, 9, 14]);
        assert!(l.iter().all(|l| &WF[l.start..l.end] == "0.2.0"));
        assert_eq!(l[0].what, "env FFI_VERSION");
    }

    #[test]
    fn version_keys_lists_candidates() {
        let k = version_keys(Path::new("ci.yml"), WF).unwrap();
        let names: Vec<&str> = k.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "FFI_VERSION",
                "PYTHON_VERSION",
                "FFI_VERSION",
                "FFI_VERSION"
            ]
        );
    }

    #[test]
    fn env_is_required() {
        assert!(locate(Path::new("ci.yml"), WF, &KindOptions::default()).is_err());
    }

    #[test]
    fn unterminated_quote_on_a_wanted_key() {
        let opts = KindOptions {
            env: vec!["V".into()],
            ..KindOptions::default()
        };
        let e = locate(Path::new("ci.yml"), "a: 1\nV: \"1.0\n", &opts).unwrap_err();
        assert!(
            matches!(
                e,
                crate::Error::Syntax {
                    line: 2,
                    column: 4,
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
