//! The configuration as bump-my-version's `Config.model_dump()` holds it (fields in model
//! order, tuples where it has tuples, the `SCMInfo` object), and its dotted-name lookup.

use bumpsmith::config::raw::{self, Raw, Table};
use bumpsmith::config::{self as cfg, Config, FileChange, Format};
use bumpsmith::context::ScmInfo;
use bumpsmith::version::PartSpec;

use bumpsmith::python::repr::Py;

/// bump-my-version's `SCMInfo.as_dict()`, in its order.
fn scm_value(s: &ScmInfo) -> Py {
    Py::Scm(vec![
        ("commit_sha".into(), Py::opt(s.commit_sha.as_deref())),
        (
            "short_commit_sha".into(),
            Py::opt(s.short_commit_sha.as_deref()),
        ),
        (
            "distance_to_latest_tag".into(),
            Py::Int(s.distance_to_latest_tag as i64),
        ),
        (
            "current_version".into(),
            Py::opt(s.current_version.as_deref()),
        ),
        ("current_tag".into(), Py::opt(s.current_tag.as_deref())),
        ("branch_name".into(), Py::opt(s.branch_name.as_deref())),
        (
            "short_branch_name".into(),
            Py::opt(s.short_branch_name.as_deref()),
        ),
        (
            "repository_root".into(),
            s.repository_root
                .as_ref()
                .map_or(Py::None, |p| Py::Path(p.display().to_string())),
        ),
        ("dirty".into(), s.dirty.map_or(Py::None, Py::Bool)),
        // `DefaultSCMTool` prints as `None` but is an object, not `None`
        ("tool".into(), Py::Named(s.tool.unwrap_or("None").into())),
    ])
}

/// A `VersionComponentSpec`, fields in model order. `raw` is the part's table as the config
/// file spells it: bump-my-version keeps integers there as integers (a TOML `1`, or an INI `1`
/// after its autocast), where the typed config holds every value as a string.
fn part_value(p: &PartSpec, raw: Option<&Table>) -> Py {
    let raw_value = |key: &str| raw.and_then(|t| raw::get(t, key));
    let values = p
        .values
        .as_deref()
        .map_or(Py::None, |vs| match raw_value("values") {
            Some(Raw::List(items)) if items.len() == vs.len() => {
                Py::List(items.iter().zip(vs).map(|(r, s)| typed(r, s)).collect())
            }
            _ => Py::list(vs),
        });
    let first_value = match (&p.first_value, raw_value("first_value")) {
        (Some(s), Some(r)) => typed(r, s),
        (s, _) => Py::opt(s.as_deref()),
    };
    Py::Dict(vec![
        ("values".into(), values),
        (
            "optional_value".into(),
            Py::opt(p.optional_value.as_deref()),
        ),
        ("first_value".into(), first_value),
        ("independent".into(), Py::Bool(p.independent)),
        ("always_increment".into(), Py::Bool(p.always_increment)),
        ("calver_format".into(), Py::opt(p.calver_format.as_deref())),
        ("depends_on".into(), Py::opt(p.depends_on.as_deref())),
    ])
}

/// The configured string `s`, as an integer where the file gave that integer.
fn typed(raw: &Raw, s: &str) -> Py {
    match raw {
        Raw::Int(n) if n.to_string() == s => Py::Int(*n),
        _ => Py::str(s),
    }
}

/// `[tool.bumpversion.parts]` (or the INI `bumpversion:part:` sections) as the file has them,
/// for the top-level configuration; `None` where it cannot be read again.
fn raw_parts(c: &Config) -> Option<Table> {
    let source = c.source.as_ref().filter(|_| c.component.is_none())?;
    let text = cfg::read_text(&source.path).ok()?;
    let table = match source.format {
        Format::Toml => cfg::toml::parse_kept(&source.path, &text, |d| d.bumpversion()).ok()??,
        Format::Ini => cfg::ini::read(&source.path, &text, &mut Vec::new()).ok()?,
        Format::Unknown => return None,
    };
    match raw::get(&table, "parts")? {
        Raw::Table(parts) => Some(parts.clone()),
        _ => None,
    }
}

/// The fields `Config` and `FileChange` both start with, in the order both declare them.
fn pattern_fields(
    parse: &str,
    serialize: &[String],
    search: &str,
    replace: &str,
    regex: bool,
    ignore_missing_version: bool,
) -> Vec<(String, Py)> {
    vec![
        ("parse".into(), Py::str(parse)),
        ("serialize".into(), Py::tuple(serialize)),
        ("search".into(), Py::str(search)),
        ("replace".into(), Py::str(replace)),
        ("regex".into(), Py::Bool(regex)),
        (
            "ignore_missing_version".into(),
            Py::Bool(ignore_missing_version),
        ),
    ]
}

/// A `FileChange`, fields in model order.
fn file_value(f: &FileChange) -> Py {
    let mut fields = pattern_fields(
        &f.parse,
        &f.serialize,
        &f.search,
        &f.replace,
        f.regex,
        f.ignore_missing_version,
    );
    let glob_exclude = if f.glob_exclude.is_empty() {
        Py::None
    } else {
        Py::tuple(&f.glob_exclude)
    };
    let include_bumps = f.include_bumps.as_deref().map_or(Py::None, Py::tuple);
    fields.extend([
        (
            "ignore_missing_file".into(),
            Py::Bool(f.ignore_missing_file),
        ),
        ("filename".into(), Py::opt(f.filename.as_deref())),
        ("glob".into(), Py::opt(f.glob.as_deref())),
        ("glob_exclude".into(), glob_exclude),
        ("key_path".into(), Py::opt(f.key_path.as_deref())),
        ("include_bumps".into(), include_bumps),
        ("exclude_bumps".into(), Py::tuple(&f.exclude_bumps)),
    ]);
    Py::Dict(fields)
}

/// The configuration as bump-my-version's `Config.model_dump()` holds it, fields in order.
pub fn config_value(c: &Config, current_version: &str, scm: &ScmInfo) -> Vec<(String, Py)> {
    let pep621 = c.source.as_ref().and_then(|s| s.pep621_version.as_deref());
    let raw_parts = raw_parts(c).unwrap_or_default();
    let raw_part = |name: &str| match raw::get(&raw_parts, name) {
        Some(Raw::Table(t)) => Some(t),
        _ => None,
    };
    let mut fields = vec![("current_version".into(), Py::str(current_version))];
    fields.extend(pattern_fields(
        &c.parse,
        &c.serialize,
        &c.search,
        &c.replace,
        c.regex,
        c.ignore_missing_version,
    ));
    fields.extend([
        (
            "ignore_missing_files".into(),
            Py::Bool(c.ignore_missing_files),
        ),
        ("tag".into(), Py::Bool(c.tag)),
        ("push_tag".into(), Py::Bool(c.push_tag)),
        ("sign_tags".into(), Py::Bool(c.sign_tags)),
        ("tag_name".into(), Py::str(&c.tag_name)),
        ("tag_message".into(), Py::opt(c.tag_message.as_deref())),
        ("allow_dirty".into(), Py::Bool(c.allow_dirty)),
        ("allow_dirty_files".into(), Py::list(&c.allow_dirty_files)),
        ("commit".into(), Py::Bool(c.commit)),
        ("message".into(), Py::str(&c.message)),
        ("commit_args".into(), Py::opt(c.commit_args.as_deref())),
        (
            "pep621_info".into(),
            pep621.map_or(Py::None, |v| Py::Dict(vec![("version".into(), Py::str(v))])),
        ),
        ("scm_info".into(), scm_value(scm)),
        (
            "parts".into(),
            Py::Dict(
                c.parts
                    .iter()
                    .map(|(n, p)| (n.clone(), part_value(p, raw_part(n))))
                    .collect(),
            ),
        ),
        ("moveable_tags".into(), Py::list(&c.moveable_tags)),
        (
            "files".into(),
            Py::List(c.files.iter().map(file_value).collect()),
        ),
        ("setup_hooks".into(), Py::list(&c.setup_hooks)),
        ("pre_commit_hooks".into(), Py::list(&c.pre_commit_hooks)),
        ("post_commit_hooks".into(), Py::list(&c.post_commit_hooks)),
        ("allow_shell_hooks".into(), Py::Bool(c.allow_shell_hooks)),
        ("included_paths".into(), Py::List(Vec::new())),
        ("excluded_paths".into(), Py::List(Vec::new())),
    ]);
    fields
}

/// bump-my-version's `resolve_name`: each dotted bit is a mapping key, an attribute (the
/// fields of `SCMInfo`) or a sequence index (negative counts from the end, as in Python).
pub fn resolve(v: &Py, name: &str) -> Option<Py> {
    name.split('.').try_fold(v.clone(), |cur, bit| match cur {
        Py::Dict(items) | Py::Scm(items) => {
            items.into_iter().find(|(k, _)| k == bit).map(|(_, x)| x)
        }
        Py::List(items) | Py::Tuple(items) => index(items.len(), bit).map(|i| items[i].clone()),
        Py::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            index(chars.len(), bit).map(|i| Py::Str(chars[i].to_string()))
        }
        _ => None,
    })
}

/// A Python index into a sequence of `len` items.
fn index(len: usize, bit: &str) -> Option<usize> {
    let i: i64 = bit.trim().parse().ok()?;
    let i = if i < 0 { i + len as i64 } else { i };
    usize::try_from(i).ok().filter(|&i| i < len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_names_resolve_keys_attributes_and_indexes() {
        let v = Py::Dict(vec![
            (
                "files".into(),
                Py::List(vec![Py::Dict(vec![("filename".into(), Py::str("a"))])]),
            ),
            ("x".into(), Py::Bool(true)),
            ("s".into(), Py::Scm(vec![("dirty".into(), Py::Bool(false))])),
        ]);
        assert_eq!(resolve(&v, "files.0.filename"), Some(Py::str("a")));
        assert_eq!(resolve(&v, "files.-1.filename.0"), Some(Py::str("a")));
        assert_eq!(
            resolve(&v, "s.dirty").map(|x| x.to_str()),
            Some("False".into())
        );
        assert_eq!(resolve(&v, "files.3"), None);
        assert_eq!(resolve(&v, "x.y"), None);
    }
}
