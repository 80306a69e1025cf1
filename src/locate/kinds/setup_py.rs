//! `setup.py`: the `version="..."` keyword argument of the `setup(...)` call, and top-level
//! `VERSION`/`__version__`/`version` assignments that it may pass along (`version=VERSION`).
//! `python_requires`, `install_requires` pins and every other call are not looked at.

use std::path::Path;

use super::pylex::{assignments, tokens, Tok};
use super::Location;
use crate::error::Result;

const NAMES: &[&str] = &["__version__", "VERSION", "version"];

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let toks = tokens(path, text)?;
    let mut found: Vec<Location> = assignments(text, &toks, NAMES)
        .into_iter()
        .map(|(t, s, e)| Location::new(text, s, e, t.text(text)))
        .collect();
    // inside `setup(`: a `version = "..."` argument at the call's own depth
    let mut call: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        match call {
            None => {
                if t.tok == Tok::Name
                    && t.text(text) == "setup"
                    && toks.get(i + 1).is_some_and(|n| n.is_op(b'('))
                {
                    call = Some(t.depth + 1);
                }
            }
            Some(d) => {
                if t.is_op(b')') && t.depth + 1 == d {
                    call = None;
                    continue;
                }
                let is_kwarg = t.depth == d
                    && t.tok == Tok::Name
                    && t.text(text) == "version"
                    && i > 0
                    && (toks[i - 1].is_op(b'(') || toks[i - 1].is_op(b','))
                    && toks.get(i + 1).is_some_and(|n| n.is_op(b'='))
                    && toks
                        .get(i + 3)
                        .is_some_and(|n| n.is_op(b',') || n.is_op(b')'));
                if !is_kwarg {
                    continue;
                }
                if let Some(Tok::Str {
                    start,
                    end,
                    plain: true,
                }) = toks.get(i + 2).map(|v| v.tok)
                {
                    found.push(Location::new(text, start, end, "setup(version=...)"));
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_keyword_and_constant() {
        let t = "from setuptools import setup\n\nVERSION = '3.1.0'\n\nsetup(\n    name='x',\n    version = \"3.1.0\",\n    install_requires=['dep==3.1.0'],\n    extras_require={'version': '3.1.0'},\n    python_requires='>=3.8',\n)\nfoo(version='3.1.0')\n";
        let l = locate(Path::new("setup.py"), t).unwrap();
        let got: Vec<_> = l.iter().map(|l| (l.line, l.what.as_str())).collect();
        assert_eq!(got, vec![(3, "VERSION"), (7, "setup(version=...)")]);
        assert!(l.iter().all(|l| &t[l.start..l.end] == "3.1.0"));
    }

    #[test]
    fn a_name_argument_is_not_a_location() {
        let t = "import setuptools\nsetuptools.setup(version=get_version(), name='x')\n";
        assert!(locate(Path::new("setup.py"), t).unwrap().is_empty());
    }
}
