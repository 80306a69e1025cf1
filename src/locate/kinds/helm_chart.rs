//! Helm `Chart.yaml`: the top-level `version` (the chart's) and `appVersion` (the packaged
//! application's), as selected by `keys` (default both). Dependencies' `version`s are nested
//! in a sequence and never located.

use std::path::Path;

use super::yaml::{key_lines, Value};
use super::{lives_elsewhere, syntax, KindOptions, Location};
use crate::error::Result;

const KEYS: &[&str] = &["version", "appVersion"];

pub(super) fn locate(path: &Path, text: &str, opts: &KindOptions) -> Result<Vec<Location>> {
    if let Some(bad) = opts.keys.iter().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(lives_elsewhere(
            path,
            format!("unknown Chart.yaml key `{bad}` in `keys`; use `version` and/or `appVersion`"),
        ));
    }
    let wanted =
        |k: &str| KEYS.contains(&k) && (opts.keys.is_empty() || opts.keys.iter().any(|x| x == k));
    let mut found = Vec::new();
    key_lines(path, text, |k| {
        if k.indent != 0 || k.in_sequence || !wanted(k.key) {
            return Ok(());
        }
        match k.value {
            Value::Scalar(s, e) if s < e => found.push(Location::new(text, s, e, k.key)),
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

    const CHART: &str = "apiVersion: v2\nname: app\nversion: 0.4.0\nappVersion: \"1.2.3\"\ndependencies:\n  - name: redis\n    version: 1.2.3\n";

    #[test]
    fn both_keys_by_default_and_no_dependency() {
        let l = locate(Path::new("Chart.yaml"), CHART, &KindOptions::default()).unwrap();
        let got: Vec<_> = l
            .iter()
            .map(|l| (l.what.as_str(), &CHART[l.start..l.end]))
            .collect();
        assert_eq!(got, vec![("version", "0.4.0"), ("appVersion", "1.2.3")]);
    }

    #[test]
    fn keys_select() {
        let opts = KindOptions {
            keys: vec!["appVersion".into()],
            ..KindOptions::default()
        };
        let l = locate(Path::new("Chart.yaml"), CHART, &opts).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].line, 4);
        let bad = KindOptions {
            keys: vec!["name".into()],
            ..KindOptions::default()
        };
        assert!(locate(Path::new("Chart.yaml"), CHART, &bad).is_err());
    }
}
