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

/// The canonical parse pattern of the schemes: the canonical spelling is SemVer's
/// ([`Form::SemVer`]), with PEP 440's epoch (`1!`) and post-release (`post.N`) where a version has
/// them.
pub const PARSE: &str = r"(?:(?P<epoch>0|[1-9]\d*)!)?(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)(?:-(?:(?P<pre_l>alpha|beta|rc)\.(?P<pre_n>0|[1-9]\d*))?(?:\.?post\.(?P<post>0|[1-9]\d*))?(?:\.?dev\.(?P<dev>0|[1-9]\d*))?)?(?:\+(?P<build>[0-9A-Za-z.-]+))?";

/// What a version of the SemVer scheme looks like, for messages: SemVer 2.0.0 with an
/// `alpha|beta|rc` pre-release and a dev release (PEP 440 spellings of them are read too).
pub const SEMVER_PATTERN: &str = r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:(alpha|beta|rc)\.(0|[1-9]\d*))?(?:\.?dev\.(0|[1-9]\d*))?)?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$";

/// What a version of the PEP 440 scheme looks like, for messages: the specification's pattern
/// (appendix B) for a three-number release.
pub const PEP440_PATTERN: &str = r"^v?(?:([0-9]+)!)?([0-9]+)\.([0-9]+)\.([0-9]+)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:[-_.]?post[-_.]?([0-9]+)?)?(?:[-_.]?dev[-_.]?([0-9]+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$";

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

    /// The pattern a version of this scheme matches, as error messages show it.
    pub fn pattern(self) -> &'static str {
        match self {
            Scheme::SemVer => SEMVER_PATTERN,
            Scheme::Pep440 => PEP440_PATTERN,
        }
    }

    /// The scheme's name in messages.
    pub fn title(self) -> &'static str {
        match self {
            Scheme::SemVer => "SemVer",
            Scheme::Pep440 => "PEP 440",
        }
    }

    /// `s` in the schemes' canonical spelling, when it is a version of this scheme: SemVer has
    /// no epoch, post-release or `_`.
    pub fn canonical(self, s: &str) -> Option<String> {
        let sem = Semantic::parse_pep440(s)?;
        if self == Scheme::SemVer {
            // only a spelling that reads back the same: `1.2.3.DEV` or `1.0.0-alpha` is no
            // SemVer version of the model (it would be written `1.2.3-dev.0`, `1.0.0-alpha.0`)
            let t = s.trim();
            let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
            let faithful = sem.epoch == 0
                && sem.post.is_none()
                && (sem.render(Form::SemVer) == t || sem.render(Form::Pep440) == t);
            if !faithful {
                return None;
            }
        }
        Some(sem.render(Form::SemVer))
    }

    /// The spelling of `current_version` in the config and of files with no kind.
    pub fn form(self) -> Form {
        match self {
            Scheme::SemVer => Form::SemVer,
            Scheme::Pep440 => Form::Pep440,
        }
    }

    /// Every combination of the optional pieces, in the canonical spelling.
    pub fn serialize() -> Vec<String> {
        let mut out = Vec::new();
        for mask in 0u8..32 {
            let has = |bit: u8| mask & (1 << bit) == 0;
            let mut f = String::new();
            if has(4) {
                f.push_str("{epoch}!");
            }
            f.push_str("{major}.{minor}.{patch}");
            let ids: Vec<&str> = [
                (has(0), "{pre_l}.{pre_n}"),
                (has(1), "post.{post}"),
                (has(2), "dev.{dev}"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, id)| *id)
            .collect();
            if !ids.is_empty() {
                f.push('-');
                f.push_str(&ids.join("."));
            }
            if has(3) {
                f.push_str("+{build}");
            }
            out.push(f);
        }
        out
    }

    pub fn parts() -> Vec<(String, PartSpec)> {
        let numeric = PartSpec::default();
        let counter = |start: u64| PartSpec {
            starts_at: Some(start),
            ..PartSpec::default()
        };
        vec![
            (
                "epoch".into(),
                PartSpec {
                    independent: true,
                    ..PartSpec::default()
                },
            ),
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
            // `bump post` on 1.2.0 gives 1.2.0.post1, `bump dev` on 7.0.0 gives 7.0.0.dev0
            ("post".into(), counter(1)),
            ("dev".into(), counter(0)),
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
/// a version the schemes model.
pub fn canonical(s: &str) -> Option<String> {
    Scheme::Pep440.canonical(s)
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
    let counter = |name: &str| -> Option<Option<u64>> {
        match v.get(name)? {
            "" => Some(None),
            n => Some(Some(n.parse().ok()?)),
        }
    };
    let post = counter("post")?;
    let dev = counter("dev")?;
    let build = v
        .get("build")
        .filter(|b| *b != NO_BUILD && !b.is_empty())
        .map(str::to_string);
    Some(Semantic {
        epoch: num("epoch")?,
        major: num("major")?,
        minor: num("minor")?,
        patch: num("patch")?,
        pre,
        post,
        dev,
        build,
    })
}

/// `s` respelled in `form`, when it reads as a version; else `s` unchanged.
pub fn respell(s: &str, form: Form) -> String {
    Semantic::parse_pep440(s).map_or_else(|| s.to_string(), |v| v.render(form))
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

    /// A version read in `scheme` and written back in its spelling.
    fn round_trip(scheme: Scheme, v: &str) -> Option<String> {
        let f = format();
        let cur = f.parse_whole(&scheme.canonical(v)?).ok()?;
        let s = f.serialize(&cur, &crate::template::Context::new()).ok()?;
        Some(respell(&s, scheme.form()))
    }

    #[test]
    fn every_pep440_piece_round_trips() {
        for v in [
            "1.0.0",
            "7.0.0.dev0",
            "0.61.2.dev7",
            "1.2.0a1",
            "1.2.0b2",
            "1.2.0rc3",
            "1.2.0rc1.dev2",
            "1.2.0.post1",
            "1.2.0.post1.dev3",
            "1.2.0rc1.post2",
            "1.2.0rc1.post2.dev3",
            "1!2.0.0",
            "1!2.0.0rc1.post2.dev3+local.7",
            "1.2.0+abc.5",
            "1.2.0.dev1+g1234abc",
        ] {
            assert_eq!(round_trip(Scheme::Pep440, v).as_deref(), Some(v), "{v}");
            // the pattern errors show reads what the scheme reads
            let shown = regex::Regex::new(Scheme::Pep440.pattern()).unwrap();
            assert!(shown.is_match(v), "{v}");
        }
        // other spellings PEP 440 allows come back normalized
        for (v, normal) in [
            ("1.2.0-rc.1", "1.2.0rc1"),
            ("1.2.0alpha1", "1.2.0a1"),
            ("1.2.0-post.1", "1.2.0.post1"),
            ("1.2.0post1", "1.2.0.post1"),
            ("1.2.0.dev", "1.2.0.dev0"),
            ("v1.2.0", "1.2.0"),
        ] {
            assert_eq!(
                round_trip(Scheme::Pep440, v).as_deref(),
                Some(normal),
                "{v}"
            );
        }
        // SemVer has no epoch or post-release
        assert_eq!(Scheme::SemVer.canonical("1!2.0.0"), None);
        assert_eq!(Scheme::SemVer.canonical("1.2.0.post1"), None);
    }

    /// semver.org's own lists of valid and invalid versions (the regex examples linked from the
    /// specification's FAQ).
    #[test]
    fn semver_spec_examples() {
        let modelled = [
            "0.0.4",
            "1.2.3",
            "10.20.30",
            "1.1.2-alpha.1+meta",
            "1.0.0-alpha.1",
            "1.0.0-rc.1+build.1",
            "2.0.0-rc.1+build.123",
            "1.2.3-beta.1",
            "10.2.3-dev.1",
            "1.0.0-alpha.1+beta",
            "1.1.2+meta",
            "1.1.2+meta-valid",
            "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
            "2.0.0+build.1848",
            "1.2.0rc1",
        ];
        let shown = regex::Regex::new(Scheme::SemVer.pattern()).unwrap();
        for v in modelled {
            assert_eq!(shown.is_match(v), !v.contains("rc1"), "{v}");
            let want = respell(v, Form::SemVer);
            assert_eq!(round_trip(Scheme::SemVer, v), Some(want), "{v}");
        }
        // valid SemVer whose pre-release is not `alpha|beta|rc|dev.N`: refused, never respelled
        for v in [
            "1.0.0-alpha",
            "1.0.0-alpha+beta",
            "1.0.0-alpha.beta",
            "1.0.0-alpha.beta.1",
            "1.0.0-alpha0.valid",
            "1.0.0-alpha.0valid",
            "1.0.0-0.3.7",
            "1.0.0-x.7.z.92",
            "1.0.0-x-y-z.--",
            "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
            "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
            "1.2.3----R-S.12.9.1--.12+meta",
            "1.2.3----RC-SNAPSHOT.12.9.1--.12",
            "1.0.0-rc.1+build.1-",
            "99999999999999999999999.999999999999999999.99999999999999999",
        ] {
            assert_eq!(round_trip(Scheme::SemVer, v), None, "{v}");
        }
        let invalid = [
            "1",
            "1.2",
            "1.2.3-0123",
            "1.2.3-0123.0123",
            "1.1.2+.123",
            "+invalid",
            "-invalid",
            "-invalid+invalid",
            "-invalid.01",
            "alpha",
            "alpha.beta",
            "alpha.beta.1",
            "alpha.1",
            "alpha+beta",
            "alpha_beta",
            "alpha.",
            "alpha..",
            "beta",
            "1.0.0-alpha_beta",
            "-alpha.",
            "1.0.0-alpha..",
            "1.0.0-alpha..1",
            "1.0.0-alpha...1",
            "1.0.0-alpha....1",
            "1.0.0-alpha.....1",
            "1.0.0-alpha......1",
            "1.0.0-alpha.......1",
            "01.1.1",
            "1.01.1",
            "1.1.01",
            "1.2",
            "1.2.3.DEV",
            "1.2-SNAPSHOT",
            "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
            "1.2-RC-SNAPSHOT",
            "-1.0.3-gamma+b7718",
            "+justmeta",
            "9.8.7+meta+meta",
            "9.8.7-whatever+meta+meta",
        ];
        for v in invalid {
            assert_eq!(round_trip(Scheme::SemVer, v), None, "{v}");
        }
    }

    #[test]
    fn dev_and_post_releases_bump() {
        assert_eq!(bump("7.0.0.dev0", "patch"), "7.0.1");
        assert_eq!(bump("7.0.0.dev0", "dev"), "7.0.0-dev.1");
        assert_eq!(bump("7.0.0", "dev"), "7.0.0-dev.0");
        assert_eq!(bump("1.2.0", "post"), "1.2.0-post.1");
        assert_eq!(bump("7.0.0.dev0", "minor"), "7.1.0");
        assert_eq!(bump("1.2.0.post1", "post"), "1.2.0-post.2");
        assert_eq!(bump("1.2.0.post1", "patch"), "1.2.1");
        assert_eq!(bump("1!1.2.0", "major"), "1!2.0.0");
        assert_eq!(bump("1.2.0rc1.dev2", "pre_n"), "1.2.0-rc.2");
    }
}
