//! Reading and writing version strings: the `parse` regex (Python verbose syntax, searched, not
//! anchored, as bump-my-version does) and the `serialize` formats, chosen as it chooses them.

use std::sync::Arc;

use super::model::{Version, VersionSpec};
use crate::error::{Error, Result};
use crate::python::re::{self, Groups};
use crate::template::{self, Context, Layered, Lookup, Value};

/// A parse pattern, serialize formats and the part spec they share.
#[derive(Debug, Clone)]
pub struct VersionFormat {
    pub parse_source: String,
    parse: re::Pattern,
    pub serialize: Vec<String>,
    /// Each serialize format's distinct field names, sorted (`None`: not a valid template, an
    /// error [`serialize`](Self::serialize) reports when it gets to it).
    labels: Vec<Option<Vec<String>>>,
    pub spec: Arc<VersionSpec>,
}

impl VersionFormat {
    pub fn new(parse: &str, serialize: Vec<String>, spec: Arc<VersionSpec>) -> Result<Self> {
        let regex = compile_parse(parse)?;
        let labels = serialize
            .iter()
            .map(|fmt| {
                let mut labels = template::labels(fmt).ok()?;
                labels.sort();
                labels.dedup();
                Some(labels)
            })
            .collect();
        Ok(VersionFormat {
            parse_source: parse.to_string(),
            parse: regex,
            serialize,
            labels,
            spec,
        })
    }

    /// Parse `s` (searching, like `re.search`); `None` when the pattern does not match (or,
    /// for a back-reference or look-around pattern, runs out of its backtracking budget on it).
    pub fn parse(&self, s: &str) -> Option<Version> {
        if s.is_empty() {
            return None;
        }
        let caps = self.parse.captures(s).ok()??;
        let raw = self
            .spec
            .parts()
            .iter()
            .map(|p| caps.named(&p.name).map(str::to_string))
            .collect();
        Some(self.spec.version(raw, Some(s.to_string())))
    }

    /// Parse `s`, requiring the pattern to match all of it.
    pub fn parse_whole(&self, s: &str) -> Result<Version> {
        let m = self
            .parse
            .find(s)
            .ok()
            .flatten()
            .ok_or_else(|| Error::ParseMismatch {
                pattern: self.parse_source.clone(),
                version: s.to_string(),
            })?;
        if m != (0..s.len()) {
            return Err(Error::PartialParse {
                version: s.to_string(),
                pattern: self.parse_source.clone(),
                matched: s[m].to_string(),
            });
        }
        self.parse(s).ok_or_else(|| Error::ParseMismatch {
            pattern: self.parse_source.clone(),
            version: s.to_string(),
        })
    }

    /// Serialize `v`: among the formats whose every placeholder has a value, prefer those that
    /// hold every required part, then the fewest placeholders, then list order.
    pub fn serialize(&self, v: &Version, ctx: &Context) -> Result<String> {
        let parts = part_values(v);
        let local = Layered {
            top: &parts,
            base: ctx,
        };
        template::render(self.format_for(v, &local)?, &local)
    }

    /// The serialize format [`serialize`](Self::serialize) writes `v` with.
    fn format_for(&self, v: &Version, local: &impl Lookup) -> Result<&str> {
        let required = v.required();
        let mut best: Option<(bool, usize, usize, &String)> = None;
        for (order, (fmt, labels)) in self.serialize.iter().zip(&self.labels).enumerate() {
            let Some(labels) = labels else {
                // not a valid template: parsing it again reports why
                template::labels(fmt)?;
                continue;
            };
            if !labels.iter().all(|l| local.has(l)) {
                continue;
            }
            let has_required = required.iter().all(|r| labels.iter().any(|l| l == r));
            let key = (!has_required, labels.len(), order, fmt);
            if best
                .as_ref()
                .is_none_or(|b| (key.0, key.1, key.2) < (b.0, b.1, b.2))
            {
                best = Some(key);
            }
        }
        let (_, _, _, fmt) = best.ok_or_else(|| Error::Serialize {
            formats: self.serialize.clone(),
            version: describe(v),
        })?;
        Ok(fmt)
    }

    /// What a version looks like, for a message about one that does not parse: `v` serialized,
    /// and the format it was written with, its placeholders in capitals (`MAJOR.MINOR.PATCH`;
    /// `None` when two placeholders touch, which reads as one word).
    pub fn looks_like(&self, v: &Version, ctx: &Context) -> Option<(String, Option<String>)> {
        let parts = part_values(v);
        let local = Layered {
            top: &parts,
            base: ctx,
        };
        let fmt = self.format_for(v, &local).ok()?;
        let example = template::render(fmt, &local).ok()?;
        let form = (!fmt.contains("}{"))
            .then(|| {
                let mut names = Context::new();
                for label in template::labels(fmt).ok()? {
                    let upper = label.to_ascii_uppercase();
                    names.set_str(label, upper);
                }
                template::render(fmt, &names).ok()
            })
            .flatten();
        Some((example, form))
    }

    /// Names of the parts in the first serialize format, in order.
    pub fn order(&self) -> Vec<String> {
        self.serialize
            .first()
            .and_then(|f| template::labels(f).ok())
            .unwrap_or_default()
    }
}

fn part_values(v: &Version) -> std::collections::HashMap<String, Value> {
    v.iter()
        .map(|(n, val)| (n.to_string(), Value::Part(val.to_string())))
        .collect()
}

/// Compile a parse pattern as Python's `re.VERBOSE`.
pub fn compile_parse(parse: &str) -> Result<re::Pattern> {
    re::Pattern::new(
        parse,
        re::Flags {
            verbose: true,
            ..re::Flags::default()
        },
    )
}

/// The named groups of a parse pattern, in order. The pattern is compiled (once per process),
/// so that a bad one is refused here, while the config is checked.
pub fn group_names(parse: &str) -> Result<Vec<String>> {
    Ok(compile_parse(parse)?.group_names())
}

/// `major=1, minor=2` for messages.
pub fn describe(v: &Version) -> String {
    v.iter()
        .map(|(n, val)| format!("{n}={val}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::part::{Part, PartSpec};

    fn fmt(parse: &str, ser: &[&str], parts: &[(&str, PartSpec)]) -> VersionFormat {
        let spec = Arc::new(VersionSpec::new(
            parts
                .iter()
                .map(|(n, s)| Part::new(n, s).unwrap())
                .collect(),
        ));
        VersionFormat::new(parse, ser.iter().map(|s| s.to_string()).collect(), spec).unwrap()
    }

    #[test]
    fn serialize_prefers_formats_with_required_parts_then_fewest_labels() {
        let rel = PartSpec {
            values: Some(vec!["dev".into(), "rc".into(), "final".into()]),
            optional_value: Some("final".into()),
            ..PartSpec::default()
        };
        let f = fmt(
            r"(?P<major>\d+)\.(?P<minor>\d+)(\.(?P<patch>\d+))?(-(?P<release>[a-z]+))?",
            &[
                "{major}.{minor}.{patch}-{release}",
                "{major}.{minor}.{patch}",
                "{major}.{minor}",
            ],
            &[
                ("major", PartSpec::default()),
                ("minor", PartSpec::default()),
                ("patch", PartSpec::default()),
                ("release", rel),
            ],
        );
        let ctx = Context::new();
        let v = f.parse("1.2.0-rc").unwrap();
        assert_eq!(f.serialize(&v, &ctx).unwrap(), "1.2.0-rc");
        let v = f.parse("1.2.3").unwrap();
        assert_eq!(f.serialize(&v, &ctx).unwrap(), "1.2.3");
        let v = f.parse("1.2").unwrap();
        assert_eq!(f.serialize(&v, &ctx).unwrap(), "1.2");
    }

    #[test]
    fn an_invalid_serialize_format_is_reported_when_serializing() {
        let f = fmt(
            r"(?P<major>\d+)",
            &["{major}", "{major"],
            &[("major", PartSpec::default())],
        );
        let v = f.parse("1").unwrap();
        let err = f.serialize(&v, &Context::new()).unwrap_err();
        assert!(matches!(err, Error::Template { ref template, .. } if template == "{major"));
    }

    #[test]
    fn parse_whole_refuses_partial_matches() {
        let f = fmt(
            r"(?P<major>\d+)\.(?P<minor>\d+)",
            &["{major}.{minor}"],
            &[
                ("major", PartSpec::default()),
                ("minor", PartSpec::default()),
            ],
        );
        assert!(f.parse_whole("1.2").is_ok());
        assert!(matches!(
            f.parse_whole("1.2-beta"),
            Err(Error::PartialParse { .. })
        ));
        assert!(matches!(
            f.parse_whole("x"),
            Err(Error::ParseMismatch { .. })
        ));
    }
}
