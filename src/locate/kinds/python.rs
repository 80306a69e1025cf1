//! Python modules: top-level `__version__`, `VERSION` and `version` assignments of a plain string
//! literal (`__version__ = version = "1.2.3"` and annotated `__version__: str = ...` too), and in
//! a Sphinx `conf.py` also `release`. Indented assignments (inside `if`, `try`, functions) and
//! computed values (`f"..."`, `".".join(...)`) are not locations.

use std::path::Path;

use super::pylex::{assignments, tokens};
use super::Location;
use crate::error::Result;

const MODULE_NAMES: &[&str] = &["__version__", "VERSION", "version"];
const SPHINX_NAMES: &[&str] = &["version", "release"];
/// `what` of Sphinx's short `version` (often `X.Y` while `release` is `X.Y.Z`).
pub(super) const SPHINX_VERSION: &str = "Sphinx version";

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let sphinx = path.file_name().is_some_and(|n| n == "conf.py");
    let names = if sphinx { SPHINX_NAMES } else { MODULE_NAMES };
    let toks = tokens(path, text)?;
    Ok(assignments(text, &toks, names)
        .into_iter()
        .map(|(t, s, e)| {
            let name = t.text(text);
            let what = if sphinx {
                format!("Sphinx {name}")
            } else {
                name.to_string()
            };
            Location::new(text, s, e, what)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sphinx_conf_locates_version_and_release() {
        let t = "project = 'x'\nversion = '1.2'\nrelease = '1.2.3'\n__version__ = '9'\n";
        let l = locate(Path::new("docs/conf.py"), t).unwrap();
        let got: Vec<_> = l
            .iter()
            .map(|l| (l.what.as_str(), &t[l.start..l.end]))
            .collect();
        assert_eq!(
            got,
            vec![("Sphinx version", "1.2"), ("Sphinx release", "1.2.3")]
        );
    }

    #[test]
    fn module_locates_dunder_version() {
        let t = "import os\n\n__all__ = ['x']\n__version__ = \"0.5.0\"\n";
        let l = locate(Path::new("pkg/__init__.py"), t).unwrap();
        assert_eq!((l[0].line, l[0].what.as_str()), (4, "__version__"));
    }
}
