//! `setup.cfg`: `version` in `[metadata]` (setuptools' declarative config). A version read from
//! elsewhere (`version = attr: pkg.__version__`, `version = file: VERSION`) is an error that
//! names that place.

use std::path::Path;

use super::{lives_elsewhere, Location};
use crate::error::Result;

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let mut found = Vec::new();
    let mut in_metadata = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let l = line.trim_end();
        if l.starts_with('[') {
            in_metadata = l.trim() == "[metadata]";
            continue;
        }
        if !in_metadata || l.starts_with([' ', '\t', '#', ';']) {
            continue;
        }
        let Some(sep) = l.find(['=', ':']) else {
            continue;
        };
        if !l[..sep].trim().eq_ignore_ascii_case("version") {
            continue;
        }
        let rest = &l[sep + 1..];
        let value = rest.trim();
        if value.is_empty() {
            continue;
        }
        for (prefix, advice) in [
            ("attr:", "configure that module with kind `python`"),
            ("file:", "configure that file with kind `plain`"),
        ] {
            if let Some(target) = value.strip_prefix(prefix) {
                return Err(lives_elsewhere(
                    path,
                    format!(
                        "`[metadata] version` is read from `{prefix} {}`, not written here; {advice}",
                        target.trim()
                    ),
                ));
            }
        }
        let vstart = start + sep + 1 + (rest.len() - rest.trim_start().len());
        found.push(Location::new(
            text,
            vstart,
            vstart + value.len(),
            "[metadata] version",
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_version_only() {
        let t = "[bumpversion]\ncurrent_version = 1.0.0\n\n[metadata]\nname = x\nversion  =  1.0.0  \n\n[options]\nversion = 1.0.0\n";
        let l = locate(Path::new("setup.cfg"), t).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!((l[0].line, &t[l[0].start..l[0].end]), (6, "1.0.0"));
    }

    #[test]
    fn attr_is_an_error_naming_it() {
        let t = "[metadata]\nversion = attr: pkg.__version__\n";
        let e = locate(Path::new("setup.cfg"), t).unwrap_err().to_string();
        assert!(e.contains("`attr: pkg.__version__`"), "{e}");
    }
}
