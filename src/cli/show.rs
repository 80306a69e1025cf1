//! `bump show` (configuration values by dotted name) and `bump show-bump` (what each bump gives).

use std::path::Path;

use bumpsmith::config::{Config, Overrides};
use bumpsmith::context::{self, ScmInfo};
use bumpsmith::release::{self, Session};
use bumpsmith::Error;
use serde_json::{json, Map, Value};

use super::args::{ShowArgs, ShowBumpArgs, ShowFormat};
use super::printer::Printer;

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |v| json!(v))
}

fn scm_value(s: &ScmInfo) -> Value {
    json!({
        "branch_name": opt(&s.branch_name),
        "commit_sha": opt(&s.commit_sha),
        "current_tag": opt(&s.current_tag),
        "current_version": opt(&s.current_version),
        "dirty": s.dirty,
        "distance_to_latest_tag": s.distance_to_latest_tag,
        "repository_root": s.repository_root.as_ref().map(|p| p.display().to_string()),
        "short_branch_name": opt(&s.short_branch_name),
        "short_commit_sha": opt(&s.short_commit_sha),
        "tool": s.tool,
    })
}

/// The configuration as bump-my-version's `model_dump` shows it.
fn config_value(c: &Config, current_version: &str, scm: &ScmInfo) -> Value {
    let parts: Map<String, Value> = c
        .parts
        .iter()
        .map(|(n, p)| {
            (
                n.clone(),
                json!({
                    "values": p.values,
                    "optional_value": p.optional_value,
                    "first_value": p.first_value,
                    "independent": p.independent,
                    "always_increment": p.always_increment,
                    "calver_format": p.calver_format,
                    "depends_on": p.depends_on,
                }),
            )
        })
        .collect();
    let files: Vec<Value> = c
        .files
        .iter()
        .map(|f| {
            json!({
                "parse": f.parse, "serialize": f.serialize, "search": f.search, "replace": f.replace,
                "regex": f.regex, "ignore_missing_version": f.ignore_missing_version,
                "ignore_missing_file": f.ignore_missing_file, "filename": f.filename, "glob": f.glob,
                "glob_exclude": if f.glob_exclude.is_empty() { Value::Null } else { json!(f.glob_exclude) },
                "key_path": f.key_path, "include_bumps": f.include_bumps, "exclude_bumps": f.exclude_bumps,
            })
        })
        .collect();
    json!({
        "current_version": current_version,
        "parse": c.parse,
        "serialize": c.serialize,
        "search": c.search,
        "replace": c.replace,
        "regex": c.regex,
        "ignore_missing_version": c.ignore_missing_version,
        "ignore_missing_files": c.ignore_missing_files,
        "tag": c.tag,
        "push_tag": c.push_tag,
        "sign_tags": c.sign_tags,
        "tag_name": c.tag_name,
        "tag_message": c.tag_message,
        "allow_dirty": c.allow_dirty,
        "allow_dirty_files": c.allow_dirty_files,
        "commit": c.commit,
        "message": c.message,
        "commit_args": c.commit_args,
        "pep621_info": c.source.as_ref().and_then(|s| s.pep621_version.clone()).map(|v| json!({"version": v})),
        "scm_info": scm_value(scm),
        "parts": parts,
        "moveable_tags": c.moveable_tags,
        "files": files,
        "setup_hooks": c.setup_hooks,
        "pre_commit_hooks": c.pre_commit_hooks,
        "post_commit_hooks": c.post_commit_hooks,
        "allow_shell_hooks": c.allow_shell_hooks,
        "included_paths": [],
        "excluded_paths": [],
    })
}

/// Resolve a dotted name: mapping key, then list index.
fn resolve<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    name.split('.').try_fold(v, |cur, bit| match cur {
        Value::Object(m) => m.get(bit),
        Value::Array(a) => bit.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Python's `str()` of a value (what bump-my-version prints for a single item).
fn python_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => python_repr(other),
    }
}

fn python_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(python_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            format!(
                "{{{}}}",
                keys.iter()
                    .map(|k| format!("'{k}': {}", python_repr(&m[*k])))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&m[k])))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

fn yaml(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                match x {
                    Value::Object(mm) if !mm.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(x, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(x, indent + 2, out);
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", yaml_scalar(x))),
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for x in a {
                match x {
                    Value::Object(_) | Value::Array(_) => {
                        out.push_str(&format!("{pad}-\n"));
                        yaml(x, indent + 2, out);
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", yaml_scalar(x))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", yaml_scalar(other))),
    }
}

fn yaml_scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

fn open(
    cwd: &Path,
    config_file: Option<std::path::PathBuf>,
    current: Option<String>,
    component: Option<&str>,
) -> Result<Session, Error> {
    release::open(
        cwd,
        config_file,
        Overrides {
            current_version: current,
            ..Overrides::default()
        },
        component,
    )
}

pub fn run(a: &ShowArgs, cwd: &Path, printer: &Printer) -> Result<i32, Error> {
    let s = open(
        cwd,
        a.config.config_file.clone(),
        a.config.current_version.clone(),
        a.config.component.as_deref(),
    )?;
    // `open` asks git only when a template needs it; what `show` prints must be complete
    let wants_scm = a.args.is_empty()
        || a.args
            .iter()
            .any(|x| x == "all" || x.split('.').next() == Some("scm_info"));
    let scm = if wants_scm && s.scm.branch_name.is_none() {
        context::scm_info(s.repo.as_ref(), &s.config.tag_name, &s.config.parse)?
    } else {
        s.scm.clone()
    };
    let mut value = config_value(&s.config, &s.current_version, &scm);
    if let Some(part) = &a.increment {
        let next = s.current()?.bump(part)?;
        let nv = s.serialize(&next, &s.context())?;
        value["new_version"] = json!(nv);
    }
    let shown: Value = if a.args.is_empty() || a.args.iter().any(|x| x == "all") {
        value
    } else {
        let mut m = Map::new();
        for name in &a.args {
            m.insert(
                name.clone(),
                resolve(&value, name).cloned().unwrap_or(Value::Null),
            );
        }
        Value::Object(m)
    };
    let text = match a.format {
        ShowFormat::Json => serde_json::to_string_pretty(&sorted(&shown)).unwrap_or_default(),
        ShowFormat::Yaml => {
            let mut out = String::new();
            yaml(&sorted(&shown), 0, &mut out);
            out
        }
        ShowFormat::Default => match &shown {
            Value::Object(m) if m.len() == 1 => {
                python_str(m.values().next().unwrap_or(&Value::Null))
            }
            other => python_repr(&sorted(other)),
        },
    };
    printer.out(&text);
    Ok(0)
}

pub fn run_show_bump(a: &ShowBumpArgs, cwd: &Path, printer: &Printer) -> Result<i32, Error> {
    let s = open(cwd, a.config_file.clone(), None, a.component.as_deref())?;
    let version_str = a
        .version
        .clone()
        .unwrap_or_else(|| s.current_version.clone());
    let current = s
        .format
        .parse(&version_str)
        .ok_or_else(|| Error::ParseMismatch {
            pattern: s.config.parse.clone(),
            version: version_str.clone(),
        })?;
    let ctx = s.context();
    let mut rows = Vec::new();
    for (name, _) in &s.config.parts {
        let result = current
            .bump(name)
            .and_then(|v| s.serialize(&v, &ctx))
            .unwrap_or_else(|e| format!("invalid: {e}"));
        rows.push((name.clone(), result));
    }
    let (branch, mid, last, dash, first) = if a.ascii {
        ("+", "+", "`", "-", "+")
    } else {
        ("┬", "├", "╰", "─", "┬")
    };
    let head = format!("{version_str} {dash}{dash} bump {dash}");
    let indent = " ".repeat(head.chars().count());
    let mut out = String::new();
    for (i, (name, result)) in rows.iter().enumerate() {
        let lead = if i == 0 {
            format!("{head}{}", if rows.len() == 1 { dash } else { first })
        } else if i + 1 == rows.len() {
            format!("{indent}{last}")
        } else {
            format!("{indent}{mid}")
        };
        out.push_str(&format!("{lead}{dash} {name} {dash} {result}\n"));
    }
    let _ = branch;
    printer.out(&out);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_names_resolve_keys_and_indexes() {
        let v = json!({"files": [{"filename": "a"}], "x": true});
        assert_eq!(resolve(&v, "files.0.filename"), Some(&json!("a")));
        assert_eq!(python_str(resolve(&v, "x").unwrap()), "True");
        assert_eq!(resolve(&v, "files.3"), None);
    }
}
