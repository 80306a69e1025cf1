//! Built-in version schemes (`scheme = "semver"` or `"pep440"`): the parse pattern, serialize
//! formats and parts every SemVer/PEP 440 project would otherwise write by hand.
//!
//! Parts: `major`, `minor`, `patch`, `pre_l` (`alpha`, `beta`, `rc`, `final`; `final` is optional
//! so it is not written, and a release bump resets to it: `bump patch` on `1.4.0` gives `1.4.1`),
//! `pre_n` (first value 1) and `build` (metadata kept as is). Versions are read in any spelling
//! (`1.4.0-rc.2`, `1.4.0rc2`, `v1.4.0-rc.2`) and held in the canonical SemVer spelling; each file
//! gets its ecosystem's spelling when it is written.

use super::forms::{Form, PreLabel, Semantic};
use super::model::Version;
use super::part::PartSpec;

/// A built-in scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    SemVer,
    Pep440,
}

/// The canonical parse pattern of the schemes.
pub const PARSE: &str = r"(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)(?:-(?P<pre_l>alpha|beta|rc)\.(?P<pre_n>0|[1-9]\d*))?(?:\+(?P<build>[0-9A-Za-z.-]+))?";

/// The value `build` has when there is none (its optional value: never written).
const NO_BUILD: &str = "0";

impl Scheme {
    pub fn parse(name: &str) -> Option<Scheme> {
        match name {
            "semver" => Some(Scheme::SemVer),
            "pep440" => Some(Scheme::Pep440),
            _ => None,
        }
    }

    /// The spelling of `current_version` in the config and of files with no kind.
    pub fn form(self) -> Form {
        match self {
            Scheme::SemVer => Form::SemVer,
            Scheme::Pep440 => Form::Pep440,
        }
    }

    pub fn serialize() -> Vec<String> {
        [
            "{major}.{minor}.{patch}-{pre_l}.{pre_n}+{build}",
            "{major}.{minor}.{patch}-{pre_l}.{pre_n}",
            "{major}.{minor}.{patch}+{build}",
            "{major}.{minor}.{patch}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    pub fn parts() -> Vec<(String, PartSpec)> {
        let numeric = PartSpec::default();
        vec![
            ("major".into(), numeric.clone()),
            ("minor".into(), numeric.clone()),
            ("patch".into(), numeric),
            (
                "pre_l".into(),
                PartSpec {
                    values: Some(vec![
                        "alpha".into(),
                        "beta".into(),
                        "rc".into(),
                        "final".into(),
                    ]),
                    optional_value: Some("final".into()),
                    first_value: Some("final".into()),
                    ..PartSpec::default()
                },
            ),
            (
                "pre_n".into(),
                PartSpec {
                    first_value: Some("1".into()),
                    ..PartSpec::default()
                },
            ),
            (
                "build".into(),
                PartSpec {
                    independent: true,
                    ..PartSpec::default()
                },
            ),
        ]
    }
}

/// Any spelling of a version, in the schemes' canonical (SemVer) spelling; `None` when it is not
/// a version the schemes model (dev releases included: they have no part).
pub fn canonical(s: &str) -> Option<String> {
    let sem = Semantic::parse_any(s)?;
    if sem.dev.is_some() {
        return None;
    }
    Some(sem.render(Form::SemVer))
}

/// The version a scheme version holds, in the shared model.
pub fn semantic(v: &Version) -> Option<Semantic> {
    let num = |name: &str| v.get(name)?.parse::<u64>().ok();
    let pre = match v.get("pre_l")? {
        "final" => None,
        "alpha" => Some((PreLabel::Alpha, num("pre_n")?)),
        "beta" => Some((PreLabel::Beta, num("pre_n")?)),
        "rc" => Some((PreLabel::Rc, num("pre_n")?)),
        _ => return None,
    };
    let build = v
        .get("build")
        .filter(|b| *b != NO_BUILD && !b.is_empty())
        .map(str::to_string);
    Some(Semantic {
        major: num("major")?,
        minor: num("minor")?,
        patch: num("patch")?,
        pre,
        dev: None,
        build,
    })
}

/// `s` respelled in `form`, when it reads as a version; else `s` unchanged.
pub fn respell(s: &str, form: Form) -> String {
    Semantic::parse_any(s).map_or_else(|| s.to_string(), |v| v.render(form))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::{Part, VersionFormat, VersionSpec};
    use std::sync::Arc;

    fn format() -> VersionFormat {
        let parts = Scheme::parts()
            .iter()
            .map(|(n, s)| Part::new(n, s).unwrap())
            .collect();
        VersionFormat::new(
            PARSE,
            Scheme::serialize(),
            Arc::new(VersionSpec::new(parts)),
        )
        .unwrap()
    }

    fn bump(v: &str, part: &str) -> String {
        let f = format();
        let cur = f.parse_whole(&canonical(v).unwrap()).unwrap();
        let next = cur.bump(part).unwrap();
        f.serialize(&next, &crate::template::Context::new())
            .unwrap()
    }

    #[test]
    fn prerelease_flow() {
        assert_eq!(bump("1.4.0-rc.2", "pre_n"), "1.4.0-rc.3");
        assert_eq!(bump("1.4.0rc2", "pre_n"), "1.4.0-rc.3");
        assert_eq!(bump("1.4.0-rc.3", "pre_l"), "1.4.0");
        assert_eq!(bump("1.4.0-alpha.3", "pre_l"), "1.4.0-beta.1");
        assert_eq!(bump("1.4.0", "patch"), "1.4.1");
        assert_eq!(bump("1.4.0+build.7", "minor"), "1.5.0+build.7");
    }

    #[test]
    fn respelling_per_ecosystem() {
        let f = format();
        let v = f.parse_whole("1.4.0-rc.3").unwrap();
        let s = semantic(&v).unwrap();
        assert_eq!(s.render(Form::Pep440), "1.4.0rc3");
        assert_eq!(respell("1.4.0-rc.3", Form::Pep440), "1.4.0rc3");
        assert_eq!(respell("1.4.0", Form::Pep440), "1.4.0");
        assert_eq!(canonical("v1.2.0rc1").as_deref(), Some("1.2.0-rc.1"));
    }
}
