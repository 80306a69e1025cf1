//! `bump show --format json|yaml`: Python's `json.dumps(sort_keys=True, indent=2)` and
//! bump-my-version's own small YAML dumper (`bumpversion/yaml_dump.py`), quirks included.

use serde_json::{Map, Value};

use bumpsmith::python::repr::{is_space, splitlines, Py};

/// The value as Python's `json` module sees it: tuples are arrays, paths and the SCM tool go
/// through `str()`, `SCMInfo` through `as_dict()`; keys sorted.
fn json_value(v: &Py) -> Value {
    match v {
        Py::None => Value::Null,
        Py::Bool(b) => Value::Bool(*b),
        Py::Int(n) => Value::from(*n),
        Py::Str(s) | Py::Path(s) | Py::Named(s) => Value::String(s.clone()),
        Py::List(items) | Py::Tuple(items) => Value::Array(items.iter().map(json_value).collect()),
        Py::Dict(items) | Py::Scm(items) => {
            let mut sorted: Vec<&(String, Py)> = items.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            let map: Map<String, Value> = sorted
                .into_iter()
                .map(|(k, x)| (k.clone(), json_value(x)))
                .collect();
            Value::Object(map)
        }
    }
}

/// `json.dumps(value, sort_keys=True, indent=2)`, whose `ensure_ascii` writes every character
/// outside printable ASCII as `\uXXXX` (UTF-16 units). Outside strings JSON text is all ASCII,
/// so escaping the finished text is the same as escaping each string.
pub fn json(v: &Py) -> String {
    let text = serde_json::to_string_pretty(&json_value(v)).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut units = [0u16; 2];
    for c in text.chars() {
        if c.is_ascii() && c != '\x7f' {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

const INDENT: &str = "  ";

/// bump-my-version's `yaml_dump.dump`.
pub fn yaml(v: &Py) -> String {
    match v {
        Py::None => "null".into(),
        Py::Bool(b) => if *b { "true" } else { "false" }.into(),
        Py::Int(n) => n.to_string(),
        // strings, and what it has no dumper for (`str()` of a path or the SCM tool)
        Py::Str(s) | Py::Path(s) | Py::Named(s) => {
            format!("\"{}\"", s.replace('\\', "\\\\").replace('\n', "\\n"))
        }
        Py::Dict(items) | Py::Scm(items) => yaml_dict(items),
        Py::List(items) | Py::Tuple(items) => yaml_sequence(items),
    }
}

fn is_container(v: &Py) -> bool {
    matches!(v, Py::Dict(_) | Py::List(_) | Py::Tuple(_) | Py::Scm(_))
}

fn yaml_dict(items: &[(String, Py)]) -> String {
    let mut sorted: Vec<&(String, Py)> = items.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    for (key, value) in sorted {
        let rendered = strip(&yaml(value)).to_string();
        if is_container(value) {
            out.push_str(&format!("{key}:\n{}\n", indent(&rendered)));
        } else {
            out.push_str(&format!("{key}: {rendered}\n"));
        }
    }
    out
}

fn yaml_sequence(items: &[Py]) -> String {
    let mut out = String::new();
    for item in items {
        let mut rendered = strip(&yaml(item)).to_string();
        if matches!(item, Py::Dict(_)) {
            rendered = strip(&indent(&rendered)).to_string();
        }
        if matches!(item, Py::List(_) | Py::Tuple(_)) {
            out.push_str(&format!("-\n{}\n", indent(&rendered)));
        } else {
            out.push_str(&format!("- {rendered}\n"));
        }
    }
    out
}

/// Python's `str.strip()`.
fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `textwrap.indent(text, INDENT)`: every line that is not only white space gets the prefix.
fn indent(text: &str) -> String {
    splitlines(text)
        .into_iter()
        .map(|line| {
            if strip(line).is_empty() {
                line.to_string()
            } else {
                format!("{INDENT}{line}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_like_ensure_ascii() {
        let v = Py::Dict(vec![("m".into(), Py::str("→ 😀\x7f"))]);
        assert_eq!(json(&v), "{\n  \"m\": \"\\u2192 \\ud83d\\ude00\\u007f\"\n}");
    }

    #[test]
    fn yaml_keeps_bump_my_version_quirks() {
        let v = Py::Dict(vec![
            ("s".into(), Py::str("say \"hi\"\n")),
            ("e".into(), Py::Tuple(vec![])),
            ("l".into(), Py::list(&["a".into()])),
        ]);
        assert_eq!(yaml(&v), "e:\n\nl:\n  - \"a\"\ns: \"say \"hi\"\\n\"\n");
    }
}
