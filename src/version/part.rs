//! One version part and how it moves: numeric (the first run of digits increments), a list of
//! values, or a CalVer date format.

use super::calver;
use crate::error::{Error, Result};

/// A part as configured (`[tool.bumpversion.parts.NAME]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartSpec {
    pub values: Option<Vec<String>>,
    pub optional_value: Option<String>,
    pub first_value: Option<String>,
    pub independent: bool,
    pub always_increment: bool,
    pub calver_format: Option<String>,
    pub depends_on: Option<String>,
    /// A number that may be absent (PEP 440's post and dev releases): absent (empty) until
    /// bumped, then this number, then the next; a reset makes it absent again.
    pub starts_at: Option<u64>,
}

/// How a part's value advances.
#[derive(Debug, Clone, PartialEq)]
pub enum PartFunc {
    Numeric {
        first: String,
        optional: String,
    },
    Values {
        values: Vec<String>,
        optional: String,
        first: String,
    },
    CalVer {
        format: String,
        first: String,
    },
    /// See [`PartSpec::starts_at`]; its optional and first value is the empty string.
    Counter {
        start: u64,
    },
}

/// A part's behaviour, resolved from its spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    pub func: PartFunc,
    pub independent: bool,
    pub always_increment: bool,
    pub depends_on: Option<String>,
}

/// The CalVer "optional value": never equal to a real value, so CalVer parts are always required.
const CALVER_NO_OPTIONAL: &str = "There isn't an optional value for CalVer.";

fn first_digits(s: &str) -> Option<(usize, usize)> {
    // bump-my-version: `(?P<prefix>[^-0-9]*)(?P<number>-?\d+)(?P<suffix>.*)` searched anywhere
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut j = i;
        if b[j] == b'-' {
            j += 1;
        }
        let ds = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > ds {
            return Some((start, j));
        }
        i += 1;
    }
    None
}

impl Part {
    pub fn new(name: &str, spec: &PartSpec) -> Result<Self> {
        let err = |m: String| Error::Part {
            part: name.to_string(),
            message: m,
        };
        let func = if let Some(values) = spec.values.as_ref().filter(|v| !v.is_empty()) {
            let optional = spec
                .optional_value
                .clone()
                .unwrap_or_else(|| values[0].clone());
            if !values.contains(&optional) {
                return Err(err(format!(
                    "optional value `{optional}` must be one of {values:?}"
                )));
            }
            let first = match &spec.first_value {
                Some(f) if !f.is_empty() => f.clone(),
                _ => values[0].clone(),
            };
            if !values.contains(&first) {
                return Err(err(format!(
                    "first value `{first}` must be one of {values:?}"
                )));
            }
            PartFunc::Values {
                values: values.clone(),
                optional,
                first,
            }
        } else if let Some(start) = spec.starts_at {
            PartFunc::Counter { start }
        } else if let Some(format) = &spec.calver_format {
            PartFunc::CalVer {
                first: calver::render(format, &calver::now())?,
                format: format.clone(),
            }
        } else {
            // first_value defaults to "0"; optional_value to the first value ("" counts as unset)
            let first = match &spec.first_value {
                Some(f) if !f.is_empty() => f.clone(),
                _ => "0".to_string(),
            };
            if first_digits(&first).is_none() {
                return Err(err(format!(
                    "the first value `{first}` does not contain any digit"
                )));
            }
            let optional = match &spec.optional_value {
                Some(o) if !o.is_empty() => o.clone(),
                _ => first.clone(),
            };
            PartFunc::Numeric { first, optional }
        };
        let always_increment = spec.always_increment || spec.calver_format.is_some();
        Ok(Part {
            name: name.to_string(),
            func,
            independent: spec.independent || always_increment || name.starts_with('$'),
            always_increment,
            depends_on: spec.depends_on.clone(),
        })
    }

    pub fn first_value(&self) -> &str {
        match &self.func {
            PartFunc::Numeric { first, .. }
            | PartFunc::Values { first, .. }
            | PartFunc::CalVer { first, .. } => first,
            PartFunc::Counter { .. } => "",
        }
    }

    pub fn optional_value(&self) -> &str {
        match &self.func {
            PartFunc::Numeric { optional, .. } | PartFunc::Values { optional, .. } => optional,
            PartFunc::CalVer { .. } => CALVER_NO_OPTIONAL,
            PartFunc::Counter { .. } => "",
        }
    }

    /// The value a part has when its raw text is empty or missing.
    pub fn effective<'a>(&'a self, raw: Option<&'a str>) -> &'a str {
        match raw {
            Some(v) if !v.is_empty() => v,
            _ => match &self.func {
                PartFunc::CalVer { first, .. } => first,
                _ => self.optional_value(),
            },
        }
    }

    /// The value after `value`.
    pub fn next(&self, value: &str) -> Result<String> {
        let err = |m: String| Error::Part {
            part: self.name.clone(),
            message: m,
        };
        match &self.func {
            PartFunc::Numeric { first, .. } => {
                let (s, e) = first_digits(value)
                    .ok_or_else(|| err(format!("`{value}` contains no digit")))?;
                let n: i128 = value[s..e]
                    .parse()
                    .map_err(|_| err(format!("`{value}` is too large to increment")))?;
                let (fs, fe) = first_digits(first).unwrap_or((0, 0));
                let floor: i128 = first[fs..fe].parse().unwrap_or(0);
                if n < floor {
                    return Err(err(format!(
                        "`{value}` is lower than the first value `{first}` and cannot be bumped"
                    )));
                }
                Ok(format!("{}{}{}", &value[..s], n + 1, &value[e..]))
            }
            PartFunc::Values { values, .. } => {
                let idx = values.iter().position(|v| v == value);
                match idx {
                    Some(k) if k + 1 < values.len() => Ok(values[k + 1].clone()),
                    Some(_) => Err(err(format!(
                        "it is already at its last value `{value}` of {values:?}"
                    ))),
                    None => Err(err(format!("`{value}` is not one of {values:?}"))),
                }
            }
            PartFunc::CalVer { format, .. } => calver::render(format, &calver::now()),
            PartFunc::Counter { start } if value.is_empty() => Ok(start.to_string()),
            PartFunc::Counter { .. } => value
                .parse::<u64>()
                .ok()
                .and_then(|n| n.checked_add(1))
                .map(|n| n.to_string())
                .ok_or_else(|| err(format!("`{value}` is not a number bump can increment"))),
        }
    }

    /// Check that a part may be set to `value` with `--to`.
    pub fn validate(&self, value: &str) -> Result<()> {
        let err = |m: String| Error::Part {
            part: self.name.clone(),
            message: m,
        };
        match &self.func {
            PartFunc::Numeric { first, .. } => {
                let (s, e) = first_digits(value)
                    .ok_or_else(|| err(format!("`{value}` contains no digit")))?;
                let n: i128 = value[s..e].parse().unwrap_or(i128::MAX);
                let (fs, fe) = first_digits(first).unwrap_or((0, 0));
                if n < first[fs..fe].parse().unwrap_or(0) {
                    return Err(err(format!(
                        "`{value}` is lower than the first value `{first}`"
                    )));
                }
                Ok(())
            }
            PartFunc::Values { values, .. } if !values.iter().any(|v| v == value) => Err(err(
                format!("the value `{value}` must be one of {values:?}"),
            )),
            PartFunc::Values { .. } => Ok(()),
            PartFunc::CalVer { .. } => Err(err(
                "a CalVer part is based on the date and cannot be set to a specific value".into(),
            )),
            PartFunc::Counter { .. }
                if value.is_empty() || value.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(())
            }
            PartFunc::Counter { .. } => Err(err(format!(
                "`{value}` is not a number (or empty, for none)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_increments_first_digit_run() {
        let p = Part::new("build", &PartSpec::default()).unwrap();
        assert_eq!(p.next("r3-001").unwrap(), "r4-001");
        assert_eq!(p.next("9").unwrap(), "10");
        assert!(p.next("rc").is_err());
    }

    #[test]
    fn values_stop_at_the_last_one() {
        let spec = PartSpec {
            values: Some(vec!["dev".into(), "rc".into(), "final".into()]),
            optional_value: Some("final".into()),
            ..PartSpec::default()
        };
        let p = Part::new("release", &spec).unwrap();
        assert_eq!(p.next("dev").unwrap(), "rc");
        assert!(p.next("final").is_err());
        assert_eq!(p.optional_value(), "final");
        assert_eq!(p.first_value(), "dev");
    }

    #[test]
    fn first_value_must_hold_a_digit() {
        let spec = PartSpec {
            first_value: Some("x".into()),
            ..PartSpec::default()
        };
        assert!(Part::new("n", &spec).is_err());
    }
}
