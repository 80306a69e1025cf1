//! Raw table → typed [`Config`]: type coercion as pydantic does it (leniently where it would
//! only crash), unknown keys reported as warnings naming the key, file and line.

use std::path::Path;
use std::sync::Arc;

use super::kind::Kind;
use super::model::{Config, FileChange, Overrides};
use super::raw::{Raw, Table};
use crate::error::{Error, Origin, Result};
use crate::template;
use crate::text::suggest;
use crate::version::scheme::{self, Scheme};
use crate::version::{calver, format::group_names, Form, Part, PartSpec};

/// A non-fatal remark about the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

struct Ctx<'a> {
    path: &'a Path,
    /// `path`, shared by every [`Origin`] this load records.
    shared_path: Arc<Path>,
    warnings: &'a mut Vec<Warning>,
}

impl Ctx<'_> {
    /// `key` on `line` (0: not known) of this config file.
    fn origin(&self, key: &str, line: usize) -> Origin {
        Origin::Key {
            path: Arc::clone(&self.shared_path),
            line,
            key: Arc::from(key),
        }
    }

    fn err(&self, key: &str, line: usize, message: impl std::fmt::Display) -> Error {
        self.origin(key, line).error(message)
    }

    /// Warn about `key`, which is none of `known`.
    fn unknown(&mut self, scope: &str, key: &str, line: usize, known: &[&str]) {
        debug_assert!(!known.contains(&key));
        let at = if line > 0 {
            format!(":{line}")
        } else {
            String::new()
        };
        let close = suggest::suggest(key, known.iter().copied())
            .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
        self.warnings.push(Warning(format!(
            "unknown key `{key}` in {scope} of `{}{at}`; it is ignored{close}",
            self.path.display()
        )));
    }

    fn string(&self, key: &str, line: usize, v: &Raw) -> Result<String> {
        match v {
            Raw::Str(s) => Ok(s.clone()),
            Raw::Int(_) | Raw::Float(_) => Ok(v.python_str().unwrap_or_default()),
            other => Err(self.err(
                key,
                line,
                format!("expected a string, found {}", other.type_name()),
            )),
        }
    }

    fn opt_string(&self, key: &str, line: usize, v: &Raw) -> Result<Option<String>> {
        match v {
            Raw::None => Ok(None),
            other => self.string(key, line, other).map(Some),
        }
    }

    fn boolean(&self, key: &str, line: usize, v: &Raw) -> Result<bool> {
        match v {
            Raw::Bool(b) => Ok(*b),
            Raw::Int(0) => Ok(false),
            Raw::Int(1) => Ok(true),
            Raw::Str(s) => match s.to_ascii_lowercase().as_str() {
                "1" | "on" | "t" | "true" | "y" | "yes" => Ok(true),
                "0" | "off" | "f" | "false" | "n" | "no" => Ok(false),
                _ => Err(self.err(key, line, format!("expected true or false, found `{s}`"))),
            },
            other => Err(self.err(
                key,
                line,
                format!("expected true or false, found {}", other.type_name()),
            )),
        }
    }

    fn strings(&self, key: &str, line: usize, v: &Raw) -> Result<Vec<String>> {
        match v {
            Raw::List(items) => items
                .iter()
                .map(|i| {
                    i.python_str()
                        .ok_or_else(|| self.err(key, line, "expected a list of strings"))
                })
                .collect(),
            Raw::Str(s) => Ok(vec![s.clone()]),
            Raw::None => Ok(Vec::new()),
            other => Err(self.err(
                key,
                line,
                format!("expected a list, found {}", other.type_name()),
            )),
        }
    }
}

/// Keys of the bumpversion table: bump-my-version's, then bump's own.
const TOP_KEYS: &[&str] = &[
    "current_version",
    "parse",
    "serialize",
    "search",
    "replace",
    "regex",
    "ignore_missing_version",
    "ignore_missing_files",
    "tag",
    "push_tag",
    "sign_tags",
    "tag_name",
    "tag_message",
    "allow_dirty",
    "allow_dirty_files",
    "commit",
    "message",
    "commit_args",
    "moveable_tags",
    "parts",
    "files",
    "setup_hooks",
    "pre_commit_hooks",
    "post_commit_hooks",
    "allow_shell_hooks",
    "changelog",
    "scheme",
    "components",
    "paths",
    "scopes",
];

/// Keys of a `[tool.bumpversion.parts.NAME]` table.
const PART_KEYS: &[&str] = &[
    "values",
    "optional_value",
    "first_value",
    "independent",
    "always_increment",
    "calver_format",
    "depends_on",
];

/// Keys of a `[[tool.bumpversion.files]]` entry: bump-my-version's, then bump's own.
const FILE_KEYS: &[&str] = &[
    "filename",
    "glob",
    "glob_exclude",
    "key_path",
    "parse",
    "serialize",
    "search",
    "replace",
    "regex",
    "ignore_missing_version",
    "ignore_missing_file",
    "include_bumps",
    "exclude_bumps",
    "kind",
    "env",
    "keys",
    "package",
    "format",
];

/// Build the typed config from a raw table (`None` = no config file: defaults only).
pub fn build(
    table: Option<&Table>,
    path: &Path,
    overrides: &Overrides,
    warnings: &mut Vec<Warning>,
) -> Result<Config> {
    let mut ctx = Ctx {
        path,
        shared_path: Arc::from(path),
        warnings,
    };
    let mut c = Config::default();
    let empty = Vec::new();
    let table = table.unwrap_or(&empty);
    let mut raw_files: Option<(&Raw, usize)> = None;
    let mut raw_parts: Option<(&Raw, usize)> = None;
    let mut raw_components: Option<(&Raw, usize)> = None;
    for (key, v, line) in table {
        let l = *line;
        c.origins.set(key, ctx.origin(key, l));
        match key.as_str() {
            "current_version" => c.current_version = ctx.opt_string(key, l, v)?,
            "parse" => c.parse = ctx.string(key, l, v)?,
            "serialize" => c.serialize = ctx.strings(key, l, v)?,
            "search" => c.search = ctx.string(key, l, v)?,
            "replace" => c.replace = ctx.string(key, l, v)?,
            "regex" => c.regex = ctx.boolean(key, l, v)?,
            "ignore_missing_version" => c.ignore_missing_version = ctx.boolean(key, l, v)?,
            "ignore_missing_files" => c.ignore_missing_files = ctx.boolean(key, l, v)?,
            "tag" => c.tag = ctx.boolean(key, l, v)?,
            "push_tag" => c.push_tag = ctx.boolean(key, l, v)?,
            "sign_tags" => c.sign_tags = ctx.boolean(key, l, v)?,
            "tag_name" => c.tag_name = ctx.string(key, l, v)?,
            "tag_message" => c.tag_message = ctx.opt_string(key, l, v)?,
            "allow_dirty" => c.allow_dirty = ctx.boolean(key, l, v)?,
            "allow_dirty_files" => {
                c.allow_dirty_files = ctx.strings(key, l, v)?;
                crate::git::AllowedDirty::new(&c.allow_dirty_files)
                    .map_err(|e| ctx.err(key, l, e))?;
            }
            "commit" => c.commit = ctx.boolean(key, l, v)?,
            "message" => c.message = ctx.string(key, l, v)?,
            "commit_args" => c.commit_args = ctx.opt_string(key, l, v)?,
            "moveable_tags" => c.moveable_tags = ctx.strings(key, l, v)?,
            "paths" => c.paths = ctx.strings(key, l, v)?,
            "scopes" => c.scopes = ctx.strings(key, l, v)?,
            "setup_hooks" => c.setup_hooks = ctx.strings(key, l, v)?,
            "pre_commit_hooks" => c.pre_commit_hooks = ctx.strings(key, l, v)?,
            "post_commit_hooks" => c.post_commit_hooks = ctx.strings(key, l, v)?,
            "allow_shell_hooks" => c.allow_shell_hooks = ctx.boolean(key, l, v)?,
            "files" => raw_files = Some((v, l)),
            "parts" => raw_parts = Some((v, l)),
            "components" => raw_components = Some((v, l)),
            "scheme" => {
                let name = ctx.string(key, l, v)?;
                c.scheme = Some(Scheme::parse(&name).ok_or_else(|| {
                    ctx.err(
                        key,
                        l,
                        format!("unknown scheme `{name}`; use \"semver\" or \"pep440\""),
                    )
                })?);
            }
            "changelog" => match v {
                Raw::Table(t) => c.changelog = Some(t.clone()),
                other => {
                    return Err(ctx.err(
                        key,
                        l,
                        format!("expected a table, found {}", other.type_name()),
                    ))
                }
            },
            _ => ctx.unknown("the bumpversion table", key, l, TOP_KEYS),
        }
    }
    if c.scheme.is_some() {
        let given = |k: &str| table.iter().any(|(key, _, _)| key == k);
        if given("parse") || given("serialize") {
            ctx.warnings.push(Warning(format!(
                "`{}`: `scheme` replaces `parse` and `serialize`; those keys are ignored",
                ctx.path.display()
            )));
        }
        c.parse = scheme::PARSE.to_string();
        c.serialize = Scheme::serialize();
        c.origins.clear("parse");
        c.origins.clear("serialize");
    }
    apply_overrides(&mut c, overrides);
    if c.serialize.is_empty() {
        return Err(c.origins.error("serialize", "needs at least one format"));
    }
    check_templates(&c)?;
    let builtin = if c.scheme.is_some() {
        Scheme::parts()
    } else {
        Vec::new()
    };
    c.parts = parts(&mut ctx, &c, raw_parts, builtin)?;
    c.files = files(&mut ctx, &c, raw_files)?;
    if let Some((raw, line)) = raw_components {
        c.components = components(&mut ctx, table, raw, line, overrides)?;
    }
    Ok(c)
}

/// Each component: the top-level keys (less `files` and `components`) overlaid with its own.
fn components(
    ctx: &mut Ctx<'_>,
    top: &Table,
    raw: &Raw,
    line: usize,
    overrides: &Overrides,
) -> Result<Vec<Config>> {
    let Raw::Table(t) = raw else {
        return Err(ctx.err("components", line, "expected a table of components"));
    };
    let mut out = Vec::new();
    for (name, v, l) in t {
        let Raw::Table(own) = v else {
            return Err(ctx.err(&format!("components.{name}"), *l, "expected a table"));
        };
        let mut merged: Table = top
            .iter()
            .filter(|(k, _, _)| k != "files" && k != "components" && k != "current_version")
            .cloned()
            .collect();
        for (k, v, l) in own {
            if k == "components" {
                return Err(ctx.err(
                    &format!("components.{name}.components"),
                    *l,
                    "components cannot nest",
                ));
            }
            match merged.iter_mut().find(|(mk, _, _)| mk == k) {
                Some(e) => {
                    e.1 = v.clone();
                    e.2 = *l;
                }
                None => merged.push((k.clone(), v.clone(), *l)),
            }
        }
        let mut comp = build(Some(&merged), ctx.path, overrides, ctx.warnings)?;
        comp.component = Some(name.clone());
        out.push(comp);
    }
    Ok(out)
}

fn apply_overrides(c: &mut Config, o: &Overrides) {
    macro_rules! take {
        ($($f:ident),*) => {$( if let Some(v) = &o.$f { c.$f = v.clone(); } )*};
    }
    take!(
        regex,
        ignore_missing_files,
        ignore_missing_version,
        allow_dirty,
        commit,
        tag,
        push_tag,
        sign_tags
    );
    // the values an error can be about remember the option that set them
    macro_rules! take_from {
        ($($f:ident: $flag:literal $(as $wrap:ident)?),*) => {$(
            if let Some(v) = &o.$f {
                c.$f = $($wrap)?(v.clone());
                c.origins.set(stringify!($f), Origin::Flag($flag));
            }
        )*};
    }
    take_from!(
        parse: "--parse",
        serialize: "--serialize",
        search: "--search",
        replace: "--replace",
        tag_name: "--tag-name",
        message: "--message",
        current_version: "--current-version" as Some,
        tag_message: "--tag-message" as Some,
        commit_args: "--commit-args" as Some
    );
}

/// Every template of the configuration, parsed once when it is loaded, so that a broken one is
/// reported with its key and line before anything runs. Only the form is checked: whether each
/// name has a value is known when the template is rendered, and a template that is never
/// rendered (a `tag_name` without `tag`) must not fail for a name it lacks.
fn check_templates(c: &Config) -> Result<()> {
    let single = [
        ("search", Some(&c.search)),
        ("replace", Some(&c.replace)),
        ("tag_name", Some(&c.tag_name)),
        ("tag_message", c.tag_message.as_ref()),
        ("message", Some(&c.message)),
    ];
    let lists = [
        ("serialize", &c.serialize),
        ("moveable_tags", &c.moveable_tags),
    ];
    let all = single.into_iter().filter_map(|(k, t)| Some((k, t?))).chain(
        lists
            .into_iter()
            .flat_map(|(k, ts)| ts.iter().map(move |t| (k, t))),
    );
    for (key, t) in all {
        template::check(t).map_err(|e| e.at(c.origins.of(key)))?;
    }
    Ok(())
}

fn parts(
    ctx: &mut Ctx<'_>,
    c: &Config,
    raw: Option<(&Raw, usize)>,
    builtin: Vec<(String, PartSpec)>,
) -> Result<Vec<(String, PartSpec)>> {
    let groups = group_names(&c.parse).map_err(|e| e.at(c.origins.of("parse")))?;
    let mut configured: Vec<(String, PartSpec, usize)> = Vec::new();
    if let Some((raw, line)) = raw {
        let Raw::Table(t) = raw else {
            return Err(ctx.err("parts", line, "expected a table of parts"));
        };
        for (name, v, l) in t {
            configured.push((name.clone(), part_spec(ctx, name, *l, v)?, *l));
        }
    }
    for (name, spec, l) in &configured {
        if groups.contains(name) {
            // its values are checked now, so that a wrong one is named with its line
            Part::new(name, spec).map_err(|e| match e {
                Error::Part { message, .. } => ctx.err(&format!("parts.{name}"), *l, message),
                e => e,
            })?;
        } else {
            let at = if *l > 0 {
                format!(":{l}")
            } else {
                String::new()
            };
            ctx.warnings.push(Warning(format!(
                "part `{name}` in `{}{at}` is not a named group of the parse pattern; it is ignored",
                ctx.path.display()
            )));
        }
    }
    Ok(groups
        .into_iter()
        .map(|g| {
            let spec = configured
                .iter()
                .find(|(n, _, _)| *n == g)
                .map(|(_, s, _)| s.clone())
                .or_else(|| {
                    builtin
                        .iter()
                        .find(|(n, _)| *n == g)
                        .map(|(_, s)| s.clone())
                })
                .unwrap_or_else(|| PartSpec {
                    independent: g.starts_with('$'),
                    ..PartSpec::default()
                });
            (g, spec)
        })
        .collect())
}

fn part_spec(ctx: &mut Ctx<'_>, name: &str, line: usize, v: &Raw) -> Result<PartSpec> {
    let Raw::Table(t) = v else {
        return Err(ctx.err(&format!("parts.{name}"), line, "expected a table"));
    };
    let mut s = PartSpec::default();
    let mut always_set = false;
    for (key, v, l) in t {
        let k = format!("parts.{name}.{key}");
        match key.as_str() {
            "values" => s.values = Some(ctx.strings(&k, *l, v)?),
            "optional_value" => s.optional_value = ctx.opt_string(&k, *l, v)?,
            "first_value" => s.first_value = ctx.opt_string(&k, *l, v)?,
            "independent" => s.independent = ctx.boolean(&k, *l, v)?,
            "always_increment" => {
                s.always_increment = ctx.boolean(&k, *l, v)?;
                always_set = true;
            }
            "calver_format" => {
                s.calver_format = ctx.opt_string(&k, *l, v)?;
                if let Some(t) = &s.calver_format {
                    // rendered now, as the part will be: every name it uses is known already
                    calver::render(t, &calver::now())
                        .map_err(|e| e.at(Some(&ctx.origin(&k, *l))))?;
                }
            }
            "depends_on" => s.depends_on = ctx.opt_string(&k, *l, v)?,
            _ => ctx.unknown(&format!("part `{name}`"), key, *l, PART_KEYS),
        }
    }
    if s.calver_format.is_some() && !always_set {
        s.always_increment = true;
    }
    Ok(s)
}

fn files(ctx: &mut Ctx<'_>, c: &Config, raw: Option<(&Raw, usize)>) -> Result<Vec<FileChange>> {
    let Some((raw, line)) = raw else {
        return Ok(Vec::new());
    };
    let items = match raw {
        Raw::List(items) => items,
        // bump2version's INI key, which the INI reader turns into entries
        Raw::Str(_) => return Err(ctx.err(
            "files",
            line,
            "a space-separated list of file names is bump2version's `.cfg` key `files =`; in TOML write a `[[tool.bumpversion.files]]` table for each file, with `filename = \"...\"`",
        )),
        _ => return Err(ctx.err("files", line, "expected a list of file entries")),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Raw::Table(t) = item else {
            return Err(ctx.err(
                "files",
                line,
                format!("entry {i} must be a table, found {}", item.type_name()),
            ));
        };
        if t.is_empty() {
            continue;
        }
        let mut f = FileChange {
            filename: None,
            glob: None,
            glob_exclude: Vec::new(),
            key_path: None,
            parse: c.parse.clone(),
            serialize: c.serialize.clone(),
            search: c.search.clone(),
            replace: c.replace.clone(),
            regex: c.regex,
            ignore_missing_version: c.ignore_missing_version,
            ignore_missing_file: c.ignore_missing_files,
            include_bumps: Some(c.part_names().iter().map(|s| s.to_string()).collect()),
            exclude_bumps: Vec::new(),
            kind: None,
            kind_options: Default::default(),
            form: None,
            origins: c.origins.clone(),
        };
        let mut form: Option<Form> = None;
        for (key, v, l) in t {
            if matches!(v, Raw::None) {
                continue;
            }
            let k = format!("files[{i}].{key}");
            let l = *l;
            f.origins.set(key, ctx.origin(&k, l));
            match key.as_str() {
                "filename" => f.filename = Some(ctx.string(&k, l, v)?),
                "glob" => f.glob = Some(ctx.string(&k, l, v)?),
                "glob_exclude" => f.glob_exclude = ctx.strings(&k, l, v)?,
                "key_path" => f.key_path = Some(ctx.string(&k, l, v)?),
                "parse" => f.parse = ctx.string(&k, l, v)?,
                "serialize" => f.serialize = ctx.strings(&k, l, v)?,
                "search" => f.search = ctx.string(&k, l, v)?,
                "replace" => f.replace = ctx.string(&k, l, v)?,
                "regex" => f.regex = ctx.boolean(&k, l, v)?,
                "ignore_missing_version" => f.ignore_missing_version = ctx.boolean(&k, l, v)?,
                "ignore_missing_file" => f.ignore_missing_file = ctx.boolean(&k, l, v)?,
                "include_bumps" => f.include_bumps = Some(ctx.strings(&k, l, v)?),
                "exclude_bumps" => f.exclude_bumps = ctx.strings(&k, l, v)?,
                "kind" => {
                    let name = ctx.string(&k, l, v)?;
                    f.kind = Some(Kind::parse(&name).ok_or_else(|| {
                        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                        let known = format!("known kinds: {}", all.join(", "));
                        ctx.err(&k, l, suggest::unknown("kind", &name, all, &known))
                    })?);
                }
                "env" => f.kind_options.env = ctx.strings(&k, l, v)?,
                "keys" => f.kind_options.keys = ctx.strings(&k, l, v)?,
                "package" => f.kind_options.package = Some(ctx.string(&k, l, v)?),
                "format" => {
                    let name = ctx.string(&k, l, v)?;
                    form = Some(match name.as_str() {
                        "semver" => Form::SemVer,
                        "pep440" => Form::Pep440,
                        "docker" | "oci" => Form::Docker,
                        _ => {
                            return Err(ctx.err(
                                &k,
                                l,
                                format!("unknown format `{name}`; use semver, pep440 or docker"),
                            ))
                        }
                    });
                }
                _ => ctx.unknown(&format!("file entry {i}"), key, l, FILE_KEYS),
            }
        }
        f.form = form
            .or_else(|| f.kind.and_then(|k| k.ecosystem().form()))
            .or_else(|| c.scheme.map(Scheme::form));
        if f.filename.is_none() && f.glob.is_none() {
            return Err(ctx.err(
                "files",
                line,
                format!("entry {i} needs `filename` or `glob`"),
            ));
        }
        check_entry(&f)?;
        out.push(f);
    }
    Ok(out)
}

/// A file entry's own templates and parse pattern, as [`check_templates`] checks the top level's
/// (what it inherits was checked there, under the top-level key).
fn check_entry(f: &FileChange) -> Result<()> {
    let templates = [&f.search, &f.replace].into_iter().chain(&f.serialize);
    for t in templates {
        template::check(t).map_err(|e| f.placed(e))?;
    }
    group_names(&f.parse).map_err(|e| e.at(f.origins.of("parse")))?;
    Ok(())
}
