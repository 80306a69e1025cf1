//! Every configured location, planned: what was looked for, where it was found (or why not),
//! and the edit. A bump applies the edits and refuses when a location failed; `bump check`
//! reports the same [`Spot`]s; the dry run prints them. So spellings, fallbacks, skipped files
//! and missing files are decided here once, for all three.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use super::edits::{Plan, Read};
use super::read::Skip;
use super::targets::Target;
use crate::config::model::DEFAULT_SEARCH;
use crate::config::FileChange;
use crate::error::{Error, Result};
use crate::locate::kinds::Kind;
use crate::locate::search::Search;
use crate::locate::{self, By, Holds, Locator, Lookup};
use crate::python::re;
use crate::template::{self, Context};
use crate::text::{line_at, line_of, universal_newlines};

/// One configured location (a file of a `[[tool.bumpversion.files]]` entry, or a FILES
/// argument) and what planning found there.
#[derive(Debug, Clone)]
pub struct Spot {
    /// The file, as the user named it.
    pub path: String,
    /// What was looked for: the rendered search, or the version and the file's kind.
    pub looked_for: Arc<str>,
    /// The version the location must hold, as the entry spells it (empty when the file could
    /// not be read).
    pub expected: Arc<str>,
    pub verdict: Verdict,
}

/// What planning found at a location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It holds the version: each place (line, the version as written there).
    Found(Vec<(usize, Arc<str>)>),
    /// It does not. `instead`: the places where another version stands where this one belongs
    /// (line, version); `closest`: the line of the file most like what was looked for.
    Missing {
        instead: Vec<(usize, String)>,
        closest: Option<(usize, String)>,
    },
    /// Not found, and `ignore_missing_version` says that is fine.
    Ignored,
    /// The file does not exist; `ignored`: `ignore_missing_files` says that is fine.
    NoFile { ignored: bool },
    /// Not read as text (binary, too large): never edited, a warning.
    Skipped(Skip),
}

impl Spot {
    /// Whether this location stops a bump.
    pub fn fails(&self) -> bool {
        matches!(
            self.verdict,
            Verdict::Missing { .. } | Verdict::NoFile { ignored: false }
        )
    }

    /// The error a bump refuses with at this location, if it fails.
    pub fn error(&self) -> Option<Error> {
        match &self.verdict {
            Verdict::Missing { closest, .. } => Some(Error::VersionNotFound {
                path: PathBuf::from(&self.path),
                search: self.looked_for.to_string(),
                closest: closest.clone(),
            }),
            Verdict::NoFile { ignored: false } => Some(Error::FileNotFound {
                path: PathBuf::from(&self.path),
            }),
            _ => None,
        }
    }
}

/// Plan one target: find its version, record the [`Spot`], edit the file's pending text.
pub(super) fn plan_location(
    plan: &mut Plan,
    locator: &mut Locator<'_>,
    t: &Target,
    path: &Path,
) -> Result<()> {
    let fc = &t.change;
    let spot = |looked_for: Arc<str>, expected: Arc<str>, verdict| Spot {
        path: t.path.clone(),
        looked_for,
        expected,
        verdict,
    };
    match plan.preload(path, &t.path) {
        Read::Text => {}
        Read::Skipped(why) => {
            plan.spots
                .push(spot(Arc::from(""), Arc::from(""), Verdict::Skipped(why)));
            return Ok(());
        }
        Read::Absent => {
            let ignored = fc.ignore_missing_file;
            if ignored {
                plan.notes
                    .push(format!("`{}` not found; ignoring it", t.path));
            }
            let verdict = Verdict::NoFile { ignored };
            plan.spots.push(spot(Arc::from(""), Arc::from(""), verdict));
            return Ok(());
        }
    }
    let lookup = locator.lookup(fc)?;
    let (looked_for, verdict) = match &lookup.by {
        By::Kind(kind) => plan_kind(plan, t, path, *kind, &lookup)?,
        By::Search(search) => {
            if let Some(note) = &search.fallback_note {
                plan.notes.push(format!("`{}`: {note}", t.path));
            }
            let verdict = plan_search(plan, locator, t, path, &lookup, search)?;
            (Arc::clone(&lookup.looked_for), verdict)
        }
    };
    if verdict == Verdict::Ignored {
        plan.notes.push(format!(
            "`{}`: `{looked_for}` not found; ignoring it",
            t.path
        ));
    }
    plan.spots
        .push(spot(looked_for, Arc::clone(&lookup.expected), verdict));
    Ok(())
}

/// A search location: the rendered search, or (the default search only) the current version
/// as the config wrote it when that differs from its serialization (`1.2.007`).
fn plan_search(
    plan: &mut Plan,
    locator: &Locator<'_>,
    t: &Target,
    path: &Path,
    lookup: &Lookup,
    search: &Arc<Search>,
) -> Result<Verdict> {
    let fc = &t.change;
    let original = locator
        .versions()
        .current
        .original
        .as_ref()
        .filter(|og| **og != lookup.cur);
    let ctx = locator.context();
    let ctx_og = original.map(|og| {
        let mut c = ctx.clone();
        c.set_str("current_version", og.clone());
        c
    });
    let fallback = fc.search == DEFAULT_SEARCH;
    let report_only = plan.report_only();
    let mut verdict = Verdict::Ignored;
    plan.edit(path, &t.path, |text| {
        // searched as bump-my-version reads the file (universal newlines), as `apply` does
        let norm = universal_newlines(text);
        let hit = search
            .regex
            .find(&norm)
            .map(|h| (h.start(), Arc::clone(&lookup.expected)));
        let hit = hit.or_else(|| {
            let og = original.filter(|_| fallback)?;
            norm.find(og.as_str())
                .map(|at| (at, Arc::from(og.as_str())))
        });
        let Some((at, version)) = hit else {
            if !fc.ignore_missing_version {
                verdict = Verdict::Missing {
                    instead: probe(fc, ctx, &norm, lookup)?,
                    closest: search.closest_line(text),
                };
            }
            return Ok(None);
        };
        verdict = Verdict::Found(vec![(line_of(&norm, at), version)]);
        if report_only {
            return Ok(None);
        }
        if let Some(out) = search.apply(text)? {
            return Ok(Some(out));
        }
        // the serialized form is absent but the original string is there: replace that
        match &ctx_og {
            Some(c) => Search::new(&fc.search, &fc.replace, fc.regex, c)
                .map_err(|e| fc.placed(e))?
                .apply(text),
            None => Ok(None),
        }
    })?;
    Ok(verdict)
}

/// A structural location: the kind's locator finds the version strings; those holding the
/// current version (in any spelling) get the new one; any other value fails the location
/// unless it is incidental (see [`Holds::Incidental`]).
fn plan_kind(
    plan: &mut Plan,
    t: &Target,
    path: &Path,
    kind: Kind,
    lookup: &Lookup,
) -> Result<(Arc<str>, Verdict)> {
    let fc = &t.change;
    let (cur, new) = (lookup.cur.as_str(), lookup.new.as_str());
    let mut looked_for = Arc::clone(&lookup.looked_for);
    let report_only = plan.report_only();
    let mut verdict = Verdict::Ignored;
    plan.edit(path, &t.path, |text| {
        let judged = locate::judge(kind, Path::new(&t.path), text, &fc.kind_options, cur)?;
        let value = |loc: &locate::kinds::Location| text[loc.start..loc.end].to_string();
        let others: Vec<&locate::Judged> =
            judged.iter().filter(|j| j.holds == Holds::Other).collect();
        if let Some(first) = others.first() {
            looked_for = Arc::from(format!("{} = {cur}", first.loc.what));
            verdict = Verdict::Missing {
                instead: others.iter().map(|j| (j.loc.line, value(&j.loc))).collect(),
                closest: Some((first.loc.line, line_at(text, first.loc.start).to_string())),
            };
            return Ok(None);
        }
        let hits: Vec<&locate::Judged> = judged
            .iter()
            .filter(|j| j.holds == Holds::Current)
            .collect();
        if hits.is_empty() {
            if !fc.ignore_missing_version {
                verdict = Verdict::Missing {
                    instead: Vec::new(),
                    closest: judged
                        .first()
                        .map(|j| (j.loc.line, line_at(text, j.loc.start).to_string())),
                };
            }
            return Ok(None);
        }
        verdict = Verdict::Found(
            hits.iter()
                .map(|j| (j.loc.line, Arc::from(&text[j.loc.start..j.loc.end])))
                .collect(),
        );
        if report_only {
            return Ok(None);
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut last = 0;
        for j in hits {
            out.push_str(&text[last..j.loc.start]);
            out.push_str(new);
            last = j.loc.end;
        }
        out.push_str(&text[last..]);
        Ok(Some(out))
    })?;
    Ok((looked_for, verdict))
}

/// Where the entry's search, with any version the parse pattern reads in the place of
/// `{current_version}`, finds something else than the current version: (line, version).
fn probe(
    fc: &FileChange,
    ctx: &Context,
    text: &str,
    lookup: &Lookup,
) -> Result<Vec<(usize, String)>> {
    let Some(re) = probe_pattern(&fc.search, &fc.parse, fc.regex, ctx)? else {
        return Ok(Vec::new());
    };
    let found = re.captures(text).and_then(|c| {
        let m = c.name("bumpsmith_found")?;
        Some((line_of(text, m.start()), m.as_str().to_string()))
    });
    Ok(found
        .into_iter()
        .filter(|(_, v)| *v != lookup.cur)
        .collect())
}

/// The parse pattern with its groups unnamed, to capture "some version" inside a search.
fn anonymous(parse: &str) -> Result<String> {
    let t = re::translate(parse, true)?;
    static GROUP: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("static regex")
    });
    Ok(GROUP.replace_all(&t, "(?:").into_owned())
}

/// A regex for the search template with `{current_version}` standing for any version.
fn probe_pattern(
    search: &str,
    parse: &str,
    is_regex: bool,
    ctx: &Context,
) -> Result<Option<Regex>> {
    const MARK: &str = "\u{1}BUMPSMITHVERSION\u{1}";
    let mut c = ctx.clone();
    c.set_str("current_version", MARK);
    c.set_str("new_version", MARK);
    let rendered: Cow<'_, str> = if is_regex {
        Cow::Owned(template::render(
            search,
            &c.map_plain(|s| {
                if s == MARK {
                    MARK.to_string()
                } else {
                    regex::escape(s)
                }
            }),
        )?)
    } else {
        Cow::Owned(regex::escape(&template::render(search, &c)?))
    };
    if !rendered.contains(MARK) {
        return Ok(None);
    }
    let pattern = rendered.replace(MARK, &format!("(?P<bumpsmith_found>{})", anonymous(parse)?));
    Ok(re::compile(
        &pattern,
        re::Flags {
            multiline: true,
            dotall: true,
            ..re::Flags::default()
        },
    )
    .ok())
}
