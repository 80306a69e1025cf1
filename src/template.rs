//! Python `str.format` templates, as bump-my-version renders them: `{name}`, `{name:spec}` (the
//! spec applied by `format_spec`), `{{`/`}}` escapes, `{$VAR}` from the environment (read only
//! when a template names it), `{#}` and `{;}` as literal characters.

use std::collections::HashMap;

pub use crate::python::format_spec::parse_python_int;
use crate::python::format_spec::{format_int, format_str, format_time, python_datetime_str};
pub use crate::python::strftime::PyTime;

use crate::error::{Error, Result};

/// A value in a rendering context.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A plain string (formatted with Python's `str.__format__`).
    Str(String),
    /// A version component: formatted as an integer when it parses as one (so `007` renders as
    /// `7`, as bump-my-version does), else as the raw string with the spec ignored.
    Part(String),
    /// A point in time: the spec is a strftime pattern; no spec gives `YYYY-MM-DD HH:MM:SS.ffffff`
    /// (and the offset, for an aware time).
    Time(PyTime),
}

impl Value {
    pub fn str(s: impl Into<String>) -> Self {
        Value::Str(s.into())
    }

    /// The value as `str(value)` would give it in Python.
    pub fn plain(&self) -> String {
        match self {
            Value::Str(s) | Value::Part(s) => s.clone(),
            Value::Time(t) => python_datetime_str(t),
        }
    }
}

/// `value` formatted by `spec`, as Python formats the value it stands for: a part as an
/// integer when it reads as one (else raw, the spec ignored).
fn format_value(value: &Value, spec: &str, out: &mut String) -> std::result::Result<(), String> {
    match value {
        Value::Str(s) => format_str(s, spec, out),
        Value::Part(s) => match parse_python_int(s) {
            Some(n) => format_int(n, spec, out),
            None => {
                out.push_str(s);
                Ok(())
            }
        },
        Value::Time(t) => format_time(t, spec, out),
    }
}

/// Names → values; `$NAME` falls back to the process environment.
#[derive(Debug, Clone, Default)]
pub struct Context {
    map: HashMap<String, Value>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(&mut self, key: impl Into<String>, value: Value) {
        self.map.insert(key.into(), value);
    }

    pub fn set_str(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.map.insert(key.into(), Value::Str(value.into()));
    }

    /// The value set for `key` (not the escapes or the environment), without copying it.
    pub fn get_set(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        if let Some(v) = self.map.get(key) {
            return Some(v.clone());
        }
        match key {
            "#" | ";" => Some(Value::Str(key.to_string())),
            _ => key
                .strip_prefix('$')
                .and_then(|var| std::env::var(var).ok())
                .map(Value::Str),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// A copy whose every value is the given function of its plain string (used to regex-escape
    /// the context for regex search templates, as bump-my-version does).
    pub fn map_plain(
        &self,
        f: impl Fn(&str) -> String,
    ) -> EscapedContext<'_, impl Fn(&str) -> String> {
        EscapedContext { base: self, f }
    }
}

/// A context whose values are transformed on lookup.
pub struct EscapedContext<'a, F> {
    base: &'a Context,
    f: F,
}

/// Anything a template can look names up in.
pub trait Lookup {
    fn lookup(&self, key: &str) -> Option<Value>;

    /// Whether `key` has a value (without copying it).
    fn has(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }
}

impl Lookup for Context {
    fn lookup(&self, key: &str) -> Option<Value> {
        self.get(key)
    }

    fn has(&self, key: &str) -> bool {
        self.map.contains_key(key) || self.contains(key)
    }
}

impl<F: Fn(&str) -> String> Lookup for EscapedContext<'_, F> {
    fn lookup(&self, key: &str) -> Option<Value> {
        self.base.get(key).map(|v| Value::Str((self.f)(&v.plain())))
    }
}

/// Layered lookup: `top` first, then `base`.
pub struct Layered<'a, A: Lookup, B: Lookup> {
    pub top: &'a A,
    pub base: &'a B,
}

impl<A: Lookup, B: Lookup> Lookup for Layered<'_, A, B> {
    fn lookup(&self, key: &str) -> Option<Value> {
        self.top.lookup(key).or_else(|| self.base.lookup(key))
    }

    fn has(&self, key: &str) -> bool {
        self.top.has(key) || self.base.has(key)
    }
}

impl Lookup for HashMap<String, Value> {
    fn lookup(&self, key: &str) -> Option<Value> {
        self.get(key).cloned()
    }

    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Lit(std::borrow::Cow<'a, str>),
    Field {
        name: &'a str,
        conv: Option<char>,
        spec: &'a str,
    },
}

fn parse(template: &str) -> Result<Vec<Piece<'_>>> {
    let err = |m: &str| Error::Template {
        template: template.to_string(),
        message: m.to_string(),
    };
    let mut out = Vec::new();
    let bytes = template.as_bytes();
    let mut lit = String::new();
    let mut i = 0;
    let mut lit_start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                lit.push_str(&template[lit_start..i + 1]);
                i += 2;
                lit_start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                lit.push_str(&template[lit_start..i + 1]);
                i += 2;
                lit_start = i;
            }
            b'}' => return Err(err("single `}`; write `}}` for a literal brace")),
            b'{' => {
                push_lit(&mut out, &mut lit, &template[lit_start..i]);
                // find the matching close brace, allowing one level of nesting in the spec
                let mut depth = 1;
                let mut j = i + 1;
                while j < bytes.len() {
                    match bytes[j] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j >= bytes.len() {
                    return Err(err("unclosed `{`; write `{{` for a literal brace"));
                }
                let inner = &template[i + 1..j];
                // field_name ends at the first '!' or ':' (Python's rule)
                let end = inner.find(['!', ':']).unwrap_or(inner.len());
                let name = &inner[..end];
                let mut rest = &inner[end..];
                let mut conv = None;
                if let Some(r) = rest.strip_prefix('!') {
                    let mut chars = r.chars();
                    conv = chars.next();
                    rest = chars.as_str();
                    match conv {
                        Some('s' | 'r') => {}
                        Some(c) => {
                            return Err(err(&format!(
                                "unknown conversion `!{c}`; use `!s` or `!r`"
                            )))
                        }
                        None => {
                            return Err(err("a conversion needs a letter after `!`: `!s` or `!r`"))
                        }
                    }
                    if !(rest.is_empty() || rest.starts_with(':')) {
                        return Err(err("expected `:` after the conversion"));
                    }
                }
                let spec = rest.strip_prefix(':').unwrap_or("");
                if spec.contains('{') {
                    return Err(err(
                        "nested replacement fields in a format spec are not supported",
                    ));
                }
                if name.is_empty() {
                    return Err(err(
                        "empty replacement field `{}`: name the value to insert",
                    ));
                }
                out.push(Piece::Field { name, conv, spec });
                i = j + 1;
                lit_start = i;
            }
            _ => i += 1,
        }
    }
    push_lit(&mut out, &mut lit, &template[lit_start..]);
    Ok(out)
}

/// End a literal piece: `pending` (text before a `{{`/`}}` escape) then `rest`, borrowed from the
/// template when there was no escape.
fn push_lit<'a>(out: &mut Vec<Piece<'a>>, pending: &mut String, rest: &'a str) {
    if pending.is_empty() {
        if !rest.is_empty() {
            out.push(Piece::Lit(rest.into()));
        }
    } else {
        pending.push_str(rest);
        out.push(Piece::Lit(std::mem::take(pending).into()));
    }
}

/// Whether `template` is well formed (braces, conversions): the check a configuration gets when
/// it is loaded, before any value is known.
pub fn check(template: &str) -> Result<()> {
    parse(template).map(drop)
}

/// The field names a template uses, in order (Python's `string.Formatter().parse`).
pub fn labels(template: &str) -> Result<Vec<String>> {
    Ok(parse(template)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Field { name, .. } => Some(name.to_string()),
            Piece::Lit(_) => None,
        })
        .collect())
}

/// Render `template` with `ctx`, failing on a name the context does not have.
pub fn render(template: &str, ctx: &dyn Lookup) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 16);
    for piece in parse(template)? {
        match piece {
            Piece::Lit(s) => out.push_str(&s),
            Piece::Field { name, conv, spec } => {
                let value = ctx.lookup(name).ok_or_else(|| Error::Template {
                    template: template.to_string(),
                    message: format!("unknown name `{{{name}}}`"),
                })?;
                let value = match conv {
                    Some('r') => Value::Str(format!("'{}'", value.plain())),
                    // `parse` lets no other conversion through
                    Some(_) => Value::Str(value.plain()),
                    None => value,
                };
                format_value(&value, spec, &mut out).map_err(|message| Error::Template {
                    template: template.to_string(),
                    message,
                })?;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        let mut c = Context::new();
        c.set_str("current_version", "1.2.3");
        c.set("major", Value::Part("007".into()));
        c.set("label", Value::Part("rc".into()));
        c
    }

    #[test]
    fn has_agrees_with_lookup() {
        let base = ctx();
        let top: HashMap<String, Value> = [("minor".to_string(), Value::Part("2".into()))].into();
        let layered = Layered {
            top: &top,
            base: &base,
        };
        for key in [
            "minor",
            "major",
            "#",
            ";",
            "$PATH",
            "$BUMPSMITH_UNSET_VAR",
            "missing",
        ] {
            let want = layered.lookup(key).is_some();
            assert_eq!(layered.has(key), want, "{key}");
            assert_eq!(base.has(key), base.lookup(key).is_some(), "{key}");
        }
        assert!(layered.has("minor") && !layered.has("missing"));
    }

    #[test]
    fn literal_pieces_keep_escapes() {
        let c = ctx();
        assert_eq!(
            render("a{{b}}c{current_version}d}}", &c).unwrap(),
            "a{b}c1.2.3d}"
        );
        assert_eq!(render("plain", &c).unwrap(), "plain");
    }

    #[test]
    fn renders_fields_escapes_and_specials() {
        let c = ctx();
        assert_eq!(render("v{current_version}", &c).unwrap(), "v1.2.3");
        assert_eq!(render("{{x}} {major}", &c).unwrap(), "{x} 7");
        assert_eq!(render("{#}{#} [{label}]", &c).unwrap(), "## [rc]");
        assert_eq!(render("{major:03}", &c).unwrap(), "007");
        assert_eq!(render("{current_version:>8}", &c).unwrap(), "   1.2.3");
    }

    #[test]
    fn unknown_names_and_bad_braces_are_errors() {
        let c = ctx();
        assert!(render("{nope}", &c).is_err());
        assert!(render("a}b", &c).is_err());
        assert!(render("{a", &c).is_err());
    }

    #[test]
    fn check_looks_at_the_form_only() {
        for ok in [
            "{#}{#} [{new_version}]",
            "{now:%Y-%m-%d}",
            "{{x}}",
            "{x!r:>5}",
            "{$UNSET}",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("{major}.{minor", "unclosed `{`"),
            ("v}", "single `}`"),
            ("{major!x}", "unknown conversion `!x`"),
            ("{}", "empty replacement field"),
        ] {
            let e = check(bad).unwrap_err().to_string();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn labels_lists_field_names() {
        assert_eq!(
            labels("{major}.{minor}-{$BUILD}{now:%Y}").unwrap(),
            vec!["major", "minor", "$BUILD", "now"]
        );
    }
}
