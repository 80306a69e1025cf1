//! Versions as a list of part values, and bumping them: the bumped part advances, the parts that
//! depend on it reset to their first value, `always_increment` parts move on every bump.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use super::part::Part;
use crate::error::{Error, Result};

/// The parts of a version, in parse-pattern order, and who depends on whom.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionSpec {
    parts: Vec<Part>,
    dependents: HashMap<String, Vec<String>>,
}

impl VersionSpec {
    pub fn new(parts: Vec<Part>) -> Self {
        let mut dependents: HashMap<String, Vec<String>> = HashMap::new();
        if let Some(first) = parts.first() {
            let mut previous = first.name.clone();
            for part in &parts[1..] {
                if part.independent {
                    continue;
                }
                let parent = part.depends_on.clone().unwrap_or_else(|| previous.clone());
                dependents
                    .entry(parent)
                    .or_default()
                    .push(part.name.clone());
                previous = part.name.clone();
            }
        }
        VersionSpec { parts, dependents }
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.name.as_str())
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.parts.iter().position(|p| p.name == name)
    }

    /// Every part that resets when `name` changes, transitively (bump-my-version's walk).
    pub fn dependents_of(&self, name: &str) -> Vec<String> {
        let cap = self.parts.len().max(1);
        let mut stack: VecDeque<String> = VecDeque::new();
        let push_left = |stack: &mut VecDeque<String>, item: String| {
            if stack.len() == cap {
                stack.pop_back();
            }
            stack.push_front(item);
        };
        for d in self.dependents.get(name).into_iter().flatten() {
            if stack.len() == cap {
                stack.pop_front();
            }
            stack.push_back(d.clone());
        }
        let mut visited: Vec<String> = Vec::new();
        while let Some(e) = stack.pop_back() {
            if !visited.contains(&e) {
                for d in self.dependents.get(&e).into_iter().flatten() {
                    push_left(&mut stack, d.clone());
                }
                visited.push(e);
            }
        }
        visited
    }

    /// A version from raw values (missing or empty values take the part's optional value).
    pub fn version(
        self: &Arc<Self>,
        raw: Vec<Option<String>>,
        original: Option<String>,
    ) -> Version {
        let values = self
            .parts
            .iter()
            .zip(raw.iter().chain(std::iter::repeat(&None)))
            .map(|(p, r)| p.effective(r.as_deref()).to_string())
            .collect();
        Version {
            spec: Arc::clone(self),
            values,
            original,
        }
    }
}

/// A version: one value per part of its spec.
#[derive(Debug, Clone)]
pub struct Version {
    spec: Arc<VersionSpec>,
    values: Vec<String>,
    /// The string this version was parsed from, if any.
    pub original: Option<String>,
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
    }
}

impl Version {
    pub fn spec(&self) -> &VersionSpec {
        &self.spec
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.spec.index(name).map(|i| self.values[i].as_str())
    }

    /// (name, value) for every part, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.spec
            .parts
            .iter()
            .zip(&self.values)
            .map(|(p, v)| (p.name.as_str(), v.as_str()))
    }

    /// Names of the parts whose value is not their optional value.
    pub fn required(&self) -> Vec<&str> {
        self.iter()
            .zip(&self.spec.parts)
            .filter(|((_, v), p)| *v != p.optional_value())
            .map(|((n, _), _)| n)
            .collect()
    }

    /// Increment `part`, resetting its dependents.
    pub fn bump(&self, part: &str) -> Result<Version> {
        self.change(part, |p, v| p.next(v))
    }

    /// Set `part` to `value`, resetting its dependents.
    pub fn bump_to(&self, part: &str, value: &str) -> Result<Version> {
        self.change(part, |p, _| {
            p.validate(value)?;
            Ok(value.to_string())
        })
    }

    fn change(&self, part: &str, f: impl Fn(&Part, &str) -> Result<String>) -> Result<Version> {
        let idx = self.spec.index(part).ok_or_else(|| Error::UnknownPart {
            part: part.to_string(),
            known: self.spec.names().map(str::to_string).collect(),
        })?;
        let mut values = self.values.clone();
        let mut reset: Vec<String> = Vec::new();
        for (i, p) in self.spec.parts.iter().enumerate() {
            if !p.always_increment {
                continue;
            }
            let next = p.next(&self.values[i])?;
            if next != self.values[i] {
                for d in self.spec.dependents_of(&p.name) {
                    if !reset.contains(&d) {
                        reset.push(d);
                    }
                }
            }
            values[i] = next;
        }
        if !reset.iter().any(|r| r == part) {
            values[idx] = f(&self.spec.parts[idx], &self.values[idx])?;
            for d in self.spec.dependents_of(part) {
                if !reset.contains(&d) {
                    reset.push(d);
                }
            }
        }
        for name in &reset {
            if let Some(i) = self.spec.index(name) {
                let p = &self.spec.parts[i];
                if !p.independent {
                    values[i] = p.first_value().to_string();
                }
            }
        }
        Ok(Version {
            spec: Arc::clone(&self.spec),
            values,
            original: self.original.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::part::PartSpec;

    fn spec(names: &[&str]) -> Arc<VersionSpec> {
        Arc::new(VersionSpec::new(
            names
                .iter()
                .map(|n| Part::new(n, &PartSpec::default()).unwrap())
                .collect(),
        ))
    }

    #[test]
    fn bump_resets_following_parts() {
        let s = spec(&["major", "minor", "patch"]);
        let v = s.version(
            vec![Some("1".into()), Some("2".into()), Some("3".into())],
            None,
        );
        let n = v.bump("minor").unwrap();
        assert_eq!(
            n.iter().map(|(_, v)| v).collect::<Vec<_>>(),
            ["1", "3", "0"]
        );
        let n = v.bump("major").unwrap();
        assert_eq!(
            n.iter().map(|(_, v)| v).collect::<Vec<_>>(),
            ["2", "0", "0"]
        );
        assert!(v.bump("nope").is_err());
    }

    #[test]
    fn independent_parts_do_not_reset() {
        let parts = vec![
            Part::new("major", &PartSpec::default()).unwrap(),
            Part::new(
                "build",
                &PartSpec {
                    independent: true,
                    ..PartSpec::default()
                },
            )
            .unwrap(),
            Part::new("minor", &PartSpec::default()).unwrap(),
        ];
        let s = Arc::new(VersionSpec::new(parts));
        let v = s.version(
            vec![Some("1".into()), Some("7".into()), Some("4".into())],
            None,
        );
        let n = v.bump("major").unwrap();
        assert_eq!(n.get("build"), Some("7"));
        assert_eq!(n.get("minor"), Some("0"));
    }
}
