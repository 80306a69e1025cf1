//! bump2version's INI schema (`.bumpversion.cfg`, `setup.cfg`), read exactly as Python's
//! ConfigParser reads it: full-line `#`/`;` comments (also inside multi-line values, hence the
//! `{#}` escape), indented continuation lines, lower-cased keys, `%%` interpolation in `setup.cfg`
//! only; then bump-my-version's autocast (booleans, numbers, comma/newline lists).

use std::path::Path;

use super::raw::{python_float, Raw, Table};
use super::schema::Warning;
use crate::error::{Error, Result};

/// One `key = value` of a section, with the line its key was on.
#[derive(Debug, Clone)]
struct Opt {
    key: String,
    lines: Vec<String>,
    line: usize,
}

#[derive(Debug, Default)]
struct Section {
    name: String,
    opts: Vec<Opt>,
    /// The line of the `[name]` header (0 for DEFAULT).
    line: usize,
}

fn syntax(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        column: 1,
        message: message.into(),
    }
}

fn parse_sections(path: &Path, text: &str) -> Result<(Vec<Section>, Section)> {
    let mut sections: Vec<Section> = Vec::new();
    let mut defaults = Section {
        name: "DEFAULT".into(),
        ..Section::default()
    };
    // index into `sections` (usize::MAX = DEFAULT), and the option being continued
    let mut cur: Option<usize> = None;
    let mut opt: Option<usize> = None;
    let mut indent_level = 0usize;
    for (no, raw_line) in text.split('\n').enumerate() {
        let lineno = no + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let stripped = line.trim();
        let is_comment = stripped.starts_with('#') || stripped.starts_with(';');
        let value = if is_comment { "" } else { stripped };
        if value.is_empty() {
            // empty lines belong to a multi-line value, comment lines vanish
            if !is_comment {
                if let (Some(c), Some(o)) = (cur, opt) {
                    let sec = if c == usize::MAX {
                        &mut defaults
                    } else {
                        &mut sections[c]
                    };
                    sec.opts[o].lines.push(String::new());
                }
            }
            continue;
        }
        let cur_indent = line.len() - line.trim_start().len();
        if let (Some(c), Some(o)) = (cur, opt) {
            if cur_indent > indent_level {
                let sec = if c == usize::MAX {
                    &mut defaults
                } else {
                    &mut sections[c]
                };
                sec.opts[o].lines.push(value.to_string());
                continue;
            }
        }
        indent_level = cur_indent;
        if value.starts_with('[') && value.len() > 2 && value[1..].contains(']') {
            let close = value.rfind(']').unwrap_or(value.len());
            let name = &value[1..close];
            if name.is_empty() {
                return Err(syntax(path, lineno, format!("bad section header: {line}")));
            }
            if name == "DEFAULT" {
                cur = Some(usize::MAX);
            } else if sections.iter().any(|s| s.name == name) {
                return Err(syntax(
                    path,
                    lineno,
                    format!("section `[{name}]` already exists"),
                ));
            } else {
                sections.push(Section {
                    name: name.to_string(),
                    opts: Vec::new(),
                    line: lineno,
                });
                cur = Some(sections.len() - 1);
            }
            opt = None;
            continue;
        }
        let Some(c) = cur else {
            return Err(syntax(
                path,
                lineno,
                format!("file contains no section headers; first line: {line}"),
            ));
        };
        let Some(pos) = value.find(['=', ':']) else {
            return Err(syntax(
                path,
                lineno,
                format!("expected `key = value`, found: {line}"),
            ));
        };
        let key = value[..pos].trim_end().to_lowercase();
        if key.is_empty() {
            return Err(syntax(
                path,
                lineno,
                format!("option without a name: {line}"),
            ));
        }
        let val = value[pos + 1..].trim().to_string();
        let sec = if c == usize::MAX {
            &mut defaults
        } else {
            &mut sections[c]
        };
        if sec.opts.iter().any(|o| o.key == key) {
            return Err(syntax(
                path,
                lineno,
                format!("option `{key}` in section `[{}]` already exists", sec.name),
            ));
        }
        sec.opts.push(Opt {
            key,
            lines: vec![val],
            line: lineno,
        });
        opt = Some(sec.opts.len() - 1);
    }
    Ok((sections, defaults))
}

fn joined(o: &Opt) -> String {
    o.lines.join("\n").trim_end().to_string()
}

/// BasicInterpolation (`setup.cfg` only): `%%` → `%`, `%(name)s` → another option's value.
fn interpolate(
    path: &Path,
    line: usize,
    value: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    depth: usize,
) -> Result<String> {
    if depth > 10 {
        return Err(syntax(path, line, "interpolation too deeply recursive"));
    }
    let mut out = String::new();
    let mut rest = value;
    while let Some(p) = rest.find('%') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        if let Some(t) = tail.strip_prefix("%%") {
            out.push('%');
            rest = t;
        } else if let Some(t) = tail.strip_prefix("%(") {
            let end = t.find(")s").ok_or_else(|| {
                syntax(
                    path,
                    line,
                    format!("bad interpolation variable reference in `{value}`"),
                )
            })?;
            let name = t[..end].to_lowercase();
            let sub = lookup(&name).ok_or_else(|| {
                syntax(
                    path,
                    line,
                    format!("interpolation refers to missing option `{name}`"),
                )
            })?;
            out.push_str(&interpolate(path, line, &sub, lookup, depth + 1)?);
            rest = &t[end + 2..];
        } else {
            return Err(syntax(
                path,
                line,
                format!(
                    "'%' must be followed by '%' or '(' in `{value}` (write `%%` for a literal %)"
                ),
            ));
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn boolify(s: &str) -> Option<bool> {
    match s {
        "True" | "true" => Some(true),
        "False" | "false" => Some(false),
        _ => None,
    }
}

fn python_float_parse(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        return t.parse::<f64>().ok().or(Some(f64::NAN));
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE_".contains(&b))
    {
        return None;
    }
    t.replace('_', "").parse().ok()
}

#[derive(Clone, Copy)]
enum Caster {
    Bool,
    Int,
    Float,
    None,
    Str,
}

fn cast(c: Caster, s: &str) -> Option<Raw> {
    match c {
        Caster::Bool => boolify(s).map(Raw::Bool),
        Caster::Int => crate::template::parse_python_int(s)
            .and_then(|i| i64::try_from(i).ok())
            .map(Raw::Int),
        Caster::Float => python_float_parse(s).map(Raw::Float),
        Caster::None => (s == "None").then_some(Raw::None),
        Caster::Str => Some(Raw::Str(s.to_string())),
    }
}

/// The `current_version` bump-my-version reads from an autocast value: Python's `str` of it
/// (`1.040` is the float `1.04`); `None` for a list (the raw text is taken then).
fn version_string(v: &Raw) -> Option<String> {
    match v {
        Raw::Float(f) => Some(python_float(*f)),
        other => other.python_str(),
    }
}

/// The `current_version` a one-line INI value `s` reads as (as `version_string` reads it).
pub fn current_version_of(s: &str) -> String {
    autocast(Path::new(""), 0, s)
        .ok()
        .and_then(|v| version_string(&v))
        .unwrap_or_else(|| s.to_string())
}

/// The keys bump-my-version's schema holds as lists (of the `[bumpversion]` section, of a file
/// section, of a part section): only their values become lists at a comma or newline.
const LIST_KEYS: &[&str] = &[
    "serialize",
    "allow_dirty_files",
    "moveable_tags",
    "setup_hooks",
    "pre_commit_hooks",
    "post_commit_hooks",
    "included_paths",
    "excluded_paths",
    "glob_exclude",
    "include_bumps",
    "exclude_bumps",
    "values",
];

/// The keys of a file section whose list bump-my-version joins back with newlines.
const JOINED_KEYS: &[&str] = &["search", "replace"];

/// A scalar autocast (boolean, number, `None`), else the text itself.
fn autocast_scalar(s: &str) -> Raw {
    [Caster::Bool, Caster::Int, Caster::Float, Caster::None]
        .into_iter()
        .find_map(|c| cast(c, s))
        .unwrap_or_else(|| Raw::Str(s.to_string()))
}

/// The value of `key` as bump-my-version reads it, where it reads it at all: its autocast makes
/// a list of any value holding a comma or a newline, which its schema then refuses for a string
/// key (`parse`: `unhashable type: 'list'`) — a verbose `parse` whose comments hold commas, a
/// multi-line `search`. bump2version reads those as the strings they are, and so does bump;
/// a list key (`serialize`, `values`...) and a file section's `search`/`replace` (a list of
/// which bump-my-version joins with newlines) are read as bump-my-version reads them.
fn autocast_key(path: &Path, line: usize, key: &str, in_file: bool, s: &str) -> Result<Raw> {
    if key == "message" || LIST_KEYS.contains(&key) || (in_file && JOINED_KEYS.contains(&key)) {
        autocast(path, line, s)
    } else {
        Ok(autocast_scalar(s))
    }
}

/// Where the `[bumpversion]` section's `current_version` value is in `text`, as ConfigParser
/// reads the file: the byte range of the value on its line (after the delimiter and the spaces
/// that follow it, up to the line's end without its `\r`). `None` when the file does not parse
/// or the section has no such key.
pub fn current_version_span(text: &str) -> Option<std::ops::Range<usize>> {
    let (sections, _) = parse_sections(Path::new(""), text).ok()?;
    let line = sections
        .iter()
        .find(|s| s.name == "bumpversion")?
        .opts
        .iter()
        .find(|o| o.key == "current_version")?
        .line;
    let start: usize = text.split('\n').take(line - 1).map(|l| l.len() + 1).sum();
    let raw = text[start..].split('\n').next()?;
    let body = raw.strip_suffix('\r').unwrap_or(raw);
    let delim = body.find(['=', ':'])?;
    let after = &body[delim + 1..];
    let value_at = start + delim + 1 + (after.len() - after.trim_start().len());
    Some(value_at..start + body.len())
}

/// bump-my-version's `autocast_value`.
fn autocast(path: &Path, line: usize, s: &str) -> Result<Raw> {
    if let v @ (Raw::Bool(_) | Raw::Int(_) | Raw::Float(_) | Raw::None) = autocast_scalar(s) {
        return Ok(v);
    }
    let items: Vec<&str> = if s.contains('\n') {
        s.trim().split('\n').collect()
    } else if s.contains(',') {
        s.trim().split(',').collect()
    } else {
        return Ok(Raw::Str(s.to_string()));
    };
    let caster = [Caster::Bool, Caster::Int, Caster::Float, Caster::None]
        .into_iter()
        .find(|c| cast(*c, items[0]).is_some())
        .unwrap_or(Caster::Str);
    items
        .iter()
        .map(|i| cast(caster, i))
        .collect::<Option<Vec<_>>>()
        .map(Raw::List)
        .ok_or_else(|| {
            syntax(
                path,
                line,
                format!("list value must be all of one type (bump-my-version autocasts comma/newline lists): `{s}`"),
            )
        })
}

fn list_to_joined(v: &mut Raw, sep: &str) {
    if let Raw::List(items) = v {
        let s = items
            .iter()
            .map(|i| i.python_str().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(sep);
        *v = Raw::Str(s);
    }
}

fn set(table: &mut Table, key: &str, value: Raw, line: usize) {
    if let Some(e) = table.iter_mut().find(|(k, _, _)| k == key) {
        e.1 = value;
        e.2 = line;
    } else {
        table.push((key.to_string(), value, line));
    }
}

/// bump2version's `files = a b c` in `[bumpversion]`: each name (split at spaces) a file entry
/// that inherits every top-level key (the default search and replace, as bump2version bumps
/// them), after the file sections; with bump2version's deprecation hint.
fn legacy_files(path: &Path, value: &str, line: usize, warnings: &mut Vec<Warning>) -> Vec<Raw> {
    warnings.push(Warning(format!(
        "`{}:{line}`: `files =` is bump2version's deprecated way to list files, each bumped with the default search and replace; please use a [bumpversion:file:NAME] section for each",
        path.display()
    )));
    value
        .split_ascii_whitespace()
        .map(|name| Raw::Table(vec![("filename".into(), Raw::Str(name.into()), line)]))
        .collect()
}

/// Read a bump2version INI file into the common raw tree; `warnings` gets bump2version's
/// deprecation hint for a `files =` key.
pub fn read(path: &Path, text: &str, warnings: &mut Vec<Warning>) -> Result<Table> {
    let interpolating = path.file_name().is_some_and(|n| n == "setup.cfg");
    let (sections, defaults) = parse_sections(path, text)?;
    let mut root: Table = Vec::new();
    let mut files: Vec<Raw> = Vec::new();
    let mut parts: Table = Vec::new();
    let mut legacy: Vec<Raw> = Vec::new();
    for sec in &sections {
        if !sec.name.starts_with("bumpversion") {
            continue;
        }
        let bits: Vec<&str> = sec.name.split(':').collect();
        // options of the section plus DEFAULT's, as ConfigParser.items() gives them
        let mut opts: Vec<&Opt> = sec.opts.iter().collect();
        for d in &defaults.opts {
            if !opts.iter().any(|o| o.key == d.key) {
                opts.push(d);
            }
        }
        let lookup = |name: &str| -> Option<String> {
            sec.opts
                .iter()
                .chain(defaults.opts.iter())
                .find(|o| o.key == name)
                .map(joined)
        };
        let mut table: Table = Vec::new();
        let in_file = bits.len() > 1;
        for o in opts {
            let mut value = joined(o);
            if interpolating {
                value = interpolate(path, o.line, &value, &lookup, 0)?;
            }
            if bits.len() == 1 && o.key == "files" {
                legacy = legacy_files(path, &value, o.line, warnings);
                continue;
            }
            let mut v = autocast_key(path, o.line, &o.key, in_file, &value)?;
            if o.key == "current_version" {
                v = Raw::Str(version_string(&v).unwrap_or(value.clone()));
            }
            table.push((o.key.clone(), v, o.line));
        }
        let line0 = sec.line;
        if bits.len() == 1 {
            for (k, v, l) in table {
                set(&mut root, &k, v, l);
            }
            if let Some(e) = root.iter_mut().find(|(k, _, _)| k == "message") {
                list_to_joined(&mut e.1, ",");
            }
            if let Some(e) = root.iter_mut().find(|(k, _, _)| k == "serialize") {
                if !matches!(e.1, Raw::List(_)) {
                    e.1 = Raw::List(vec![e.1.clone()]);
                }
            }
        } else if bits[1].starts_with("file") || bits[1].starts_with("glob") {
            let key = if bits[1].starts_with("file") {
                "filename"
            } else {
                "glob"
            };
            let Some(target) = bits.get(2) else {
                return Err(syntax(
                    path,
                    line0,
                    format!("section `[{}]` names no path", sec.name),
                ));
            };
            let mut entry: Table = vec![(key.to_string(), Raw::Str(target.to_string()), line0)];
            for (k, v, l) in table {
                set(&mut entry, &k, v, l);
            }
            for k in ["search", "replace"] {
                if let Some(e) = entry.iter_mut().find(|(kk, _, _)| kk == k) {
                    list_to_joined(&mut e.1, "\n");
                }
            }
            files.push(Raw::Table(entry));
        } else if bits[1].starts_with("part") {
            if let Some(name) = bits.get(2) {
                set(&mut parts, name, Raw::Table(table), line0);
            }
        }
    }
    files.extend(legacy);
    root.push(("files".into(), Raw::List(files), 0));
    root.push(("parts".into(), Raw::Table(parts), 0));
    Ok(root)
}

/// Does this INI text hold a bump-my-version section? (its own check: a substring test)
pub fn has_bumpversion(text: &str) -> bool {
    text.contains("bumpversion]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::raw::get;

    #[test]
    fn multiline_values_comments_and_escapes() {
        let text = "[bumpversion]\ncurrent_version = 0.9.0\nserialize =\n\t{major}.{minor}\n\t# dropped\n\t{major}\n\n[bumpversion:file:CHANGELOG.md]\nsearch = {#}{#} [Unreleased]\nreplace = {#}{#} [Unreleased]\n\n\t{#}{#} [{new_version}]\n";
        let t = read(Path::new(".bumpversion.cfg"), text, &mut Vec::new()).unwrap();
        assert_eq!(get(&t, "current_version"), Some(&Raw::Str("0.9.0".into())));
        assert_eq!(
            get(&t, "serialize"),
            Some(&Raw::List(vec![
                Raw::Str("{major}.{minor}".into()),
                Raw::Str("{major}".into())
            ]))
        );
        let Some(Raw::List(files)) = get(&t, "files") else {
            panic!()
        };
        let Raw::Table(f) = &files[0] else { panic!() };
        assert_eq!(get(f, "filename"), Some(&Raw::Str("CHANGELOG.md".into())));
        assert_eq!(
            get(f, "replace"),
            Some(&Raw::Str(
                "{#}{#} [Unreleased]\n\n{#}{#} [{new_version}]".into()
            ))
        );
    }

    #[test]
    fn setup_cfg_interpolates_percent() {
        let text = "[bumpversion]\ncurrent_version = 1.0.0\nmessage = 100%% done\n";
        let t = read(Path::new("setup.cfg"), text, &mut Vec::new()).unwrap();
        assert_eq!(get(&t, "message"), Some(&Raw::Str("100% done".into())));
        let t = read(Path::new(".bumpversion.cfg"), text, &mut Vec::new()).unwrap();
        assert_eq!(get(&t, "message"), Some(&Raw::Str("100%% done".into())));
        assert!(read(
            Path::new("setup.cfg"),
            "[bumpversion]\nmessage = 5% off\n",
            &mut Vec::new()
        )
        .is_err());
    }

    #[test]
    fn autocast_booleans_and_comma_lists() {
        let text = "[bumpversion]\ncommit = True\nmoveable_tags = a, b\n";
        let t = read(Path::new("x.cfg"), text, &mut Vec::new()).unwrap();
        assert_eq!(get(&t, "commit"), Some(&Raw::Bool(true)));
        assert_eq!(
            get(&t, "moveable_tags"),
            Some(&Raw::List(vec![
                Raw::Str("a".into()),
                Raw::Str(" b".into())
            ]))
        );
    }

    /// A string key is the string it holds, commas, newlines and all (bump-my-version makes a
    /// list of it and crashes; bump2version reads the string); a file section's `search` is
    /// still the list bump-my-version joins with newlines.
    #[test]
    fn string_keys_keep_their_commas() {
        let text = "[bumpversion]\nparse = (?P<major>\\d+) # e.g. `1`, `2`\n\t(?P<minor>\\d+)\nsearch = a, b\n\n[bumpversion:file:x]\nsearch = c, d\nparse = 1,2\n";
        let t = read(Path::new("x.cfg"), text, &mut Vec::new()).unwrap();
        assert_eq!(
            get(&t, "parse"),
            Some(&Raw::Str(
                "(?P<major>\\d+) # e.g. `1`, `2`\n(?P<minor>\\d+)".into()
            ))
        );
        assert_eq!(get(&t, "search"), Some(&Raw::Str("a, b".into())));
        let Some(Raw::List(files)) = get(&t, "files") else {
            panic!()
        };
        let Raw::Table(f) = &files[0] else { panic!() };
        assert_eq!(get(f, "search"), Some(&Raw::Str("c\n d".into())));
        assert_eq!(get(f, "parse"), Some(&Raw::Str("1,2".into())));
    }

    #[test]
    fn legacy_files_key_lists_file_entries_after_the_sections() {
        let text = "[bumpversion]\ncurrent_version = 1.0.0\nfiles = VERSION  pkg/__init__.py\n\n[bumpversion:file:setup.py]\n";
        let mut warnings = Vec::new();
        let t = read(Path::new(".bumpversion.cfg"), text, &mut warnings).unwrap();
        let Some(Raw::List(files)) = get(&t, "files") else {
            panic!()
        };
        let names: Vec<_> = files
            .iter()
            .map(|f| match f {
                Raw::Table(f) => get(f, "filename").cloned(),
                _ => None,
            })
            .collect();
        let s = |n: &str| Some(Raw::Str(n.into()));
        assert_eq!(names, [s("setup.py"), s("VERSION"), s("pkg/__init__.py")]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].0.contains(".bumpversion.cfg:3`"),
            "{:?}",
            warnings
        );
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = read(
            Path::new("setup.cfg"),
            "[bumpversion]\nno delimiter here\n",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("setup.cfg:2:"), "{err}");
    }
}
