//! Planning a release (pure apart from the setup hooks): the next version, every file edit, the
//! config write-back, the changelog section, and the commit and tag to make.

use std::path::Path;

use super::edits::{self, Plan};
use super::project::{open, CleanCheck, Project};
use super::targets::{self, Selection, Target};
use super::verify::verify;
use super::{confine, read};
use super::{rel, Commit, GitPlan, Outcome, Prepared, Request, Tag};
use crate::changelog;
use crate::config::{writeback, Config, Warning};
use crate::context;
use crate::error::{Error, Result};
use crate::hooks::{self, HookInput, Stage};
use crate::locate::Versions;
use crate::template::{self, Context};

/// Plan (and verify) a release without changing anything. Runs setup hooks unless `dry_run`.
pub fn prepare(req: &Request) -> Result<Outcome> {
    let project = open(
        &req.cwd,
        req.config_file.clone(),
        req.overrides.clone(),
        req.component.as_deref(),
    )?;
    if let Some(part) = &req.part {
        if !project.config.parts.iter().any(|(n, _)| n == part) {
            return Err(Error::UnknownPart {
                part: part.clone(),
                known: project
                    .config
                    .part_names()
                    .into_iter()
                    .map(String::from)
                    .collect(),
            });
        }
    }
    // `git status` stats every tracked file (~45 ms of CPU on 22,000 files): it runs while the
    // release is planned, which writes nothing. Its verdict is awaited before the setup hooks
    // and before returning, and a dirty tree is reported ahead of any planning error, exactly
    // as when the check ran first.
    if !req.dry_run {
        // before any thread exists (see the function)
        let files = &project.config.files;
        let at_most = if files.iter().any(|f| f.glob.is_some()) {
            usize::MAX
        } else {
            // the configured files, those named on the command line, the config, a changelog
            files.len() + req.files.len() + 2
        };
        read::reserve_descriptors(at_most);
    }
    let mut clean = project.start_clean_check()?;
    let planned = plan_release(project, req, &mut clean);
    clean.finish()?;
    planned
}

fn plan_release(project: Project, req: &Request, clean: &mut CleanCheck) -> Result<Outcome> {
    let current_version = project.version()?.to_string();
    let current = project.current()?;
    if !req.dry_run && !project.config.setup_hooks.is_empty() {
        clean.finish()?;
        let input = HookInput {
            scm: &project.scm,
            current_version: &current_version,
            current: &current,
            new: None,
        };
        // every hook that could not run stops the release before any of them runs (the pre-
        // and post-commit hooks again once their placeholders are known: see `verify`)
        let c = &project.config;
        for (stage, hooks) in [
            (Stage::Setup, &c.setup_hooks),
            (Stage::PreCommit, &c.pre_commit_hooks),
            (Stage::PostCommit, &c.post_commit_hooks),
        ] {
            hooks::validate(stage, hooks, &input, c.allow_shell_hooks)?;
        }
        hooks::run(
            Stage::Setup,
            &project.config.setup_hooks,
            &input,
            project.config.allow_shell_hooks,
        )?;
    }
    let base = project.context();
    let (next, new_version) = project.next_serialized(&current, req, &base)?;
    if new_version == current_version {
        return Ok(Outcome::Unchanged {
            version: new_version,
            warnings: project.warnings,
        });
    }
    // what bump-my-version's default search looks for in a TOML current_version
    let old_serialized = project.serialize(&current, &base)?;
    let mut ctx = base;
    context::add_parts(&mut ctx, "current_", &current);
    context::add_parts(&mut ctx, "new_", &next);
    let sel = Selection {
        extra_files: req.files.clone(),
        no_configured_files: req.no_configured_files,
        part: req.part.clone(),
    };
    let targets = confined_targets(&project, &req.cwd, &sel, req.allow_outside_repo)?;
    let versions = Versions {
        current: &current,
        new: Some(&next),
        spec: &project.spec,
    };
    let mut plan = edits::plan_with(&targets, &req.cwd, &versions, &ctx, !req.dry_run)?;
    plan.ensure_found()?;
    write_back(&project, &req.cwd, &mut plan, &old_serialized, &new_version)?;
    ctx.set_str("current_version", current_version.clone());
    ctx.set_str("new_version", new_version.clone());
    let mut warnings = project.warnings.clone();
    let cl = plan_changelog(
        &project,
        &req.cwd,
        &ctx,
        &new_version,
        &mut plan,
        &mut warnings,
    )?;
    let files = commit_files(&project, &req.cwd, &targets, &plan, cl);
    let git = git_plan(&project.config, &ctx, files)?;
    let journal = project.journal(&req.cwd);
    let prepared = Prepared {
        warnings,
        repo: project.repo.clone(),
        scm: project.scm.clone(),
        current,
        new: next,
        current_version,
        new_version,
        plan,
        git,
        journal,
        config: project.config,
    };
    verify(&prepared, &req.cwd, req.allow_outside_repo)?;
    Ok(Outcome::Planned(Box::new(prepared)))
}

/// The files to change, refusing (unless `allow_outside`) any that resolve outside the
/// repository: globs before they are expanded, then every file (see `rewrite::confine`).
pub fn confined_targets(
    project: &Project,
    cwd: &Path,
    sel: &Selection,
    allow_outside: bool,
) -> Result<Vec<Target>> {
    let root = project
        .repo
        .as_ref()
        .map(|r| &r.root)
        .filter(|_| !allow_outside);
    if let Some(root) = root {
        confine::check_globs(&project.config, cwd, root)?;
    }
    let targets = targets::targets(&project.config, cwd, sel)?;
    if let Some(root) = root {
        confine::check_targets(&targets, cwd, root)?;
    }
    Ok(targets)
}

/// The files the release commit stages, each once: the targets, the config file and the
/// changelog, only those the plan changes (see [`confine::commit_paths`]).
fn commit_files(
    project: &Project,
    cwd: &Path,
    targets: &[Target],
    plan: &Plan,
    changelog: Option<String>,
) -> Vec<String> {
    let root = project.repo.as_ref().map(|r| r.root.as_path());
    let mut files = confine::commit_paths(targets, plan, cwd, root);
    let config = project
        .config
        .source
        .as_ref()
        .filter(|src| plan.changes(&src.path))
        .map(|src| rel(cwd, &src.path));
    for p in config.into_iter().chain(changelog) {
        if !files.contains(&p) {
            files.push(p);
        }
    }
    files
}

/// With `[tool.bumpversion.changelog] enabled = true`, the release section of the changelog
/// (the file created when missing); its path when that changes it, for the release commit.
fn plan_changelog(
    project: &Project,
    cwd: &Path,
    ctx: &Context,
    new_version: &str,
    plan: &mut Plan,
    warnings: &mut Vec<Warning>,
) -> Result<Option<String>> {
    let settings = changelog::settings(&project.config, warnings)?;
    if !settings.enabled {
        return Ok(None);
    }
    let Some(repo) = &project.repo else {
        warnings.push(Warning(
            "the changelog is enabled but this is not a git repository; it is not written".into(),
        ));
        return Ok(None);
    };
    let tag =
        template::render(&project.config.tag_name, ctx).map_err(|e| project.config.placed(e))?;
    let src = changelog::Source {
        repo,
        config: &project.config,
        format: &project.format,
        settings: &settings,
    };
    let path = changelog::file_path(&project.config, &settings, cwd);
    let display = rel(cwd, &path);
    if plan.edits.iter().any(|e| e.path == path) {
        warnings.push(Warning(format!(
            "`{display}` is both a `[[tool.bumpversion.files]]` entry and the changelog: both edits apply; drop the files entry to let the changelog write the release heading"
        )));
    }
    let mut notes = Vec::new();
    plan.edit_or_create(&path, &display, |text| {
        let (out, w) = changelog::release_text(&src, text, new_version, &tag)?;
        notes = w;
        Ok(out)
    })?;
    warnings.extend(notes);
    Ok(plan.changes(&path).then_some(display))
}

/// Add the new `current_version` to the plan's edit of the config file (`old_serialized`: the
/// current version as `serialize` writes it).
fn write_back(
    project: &Project,
    cwd: &Path,
    plan: &mut Plan,
    old_serialized: &str,
    new_version: &str,
) -> Result<()> {
    let Some(src) = &project.config.source else {
        return Ok(());
    };
    if let (Some(repo), true) = (&project.repo, src.path.is_absolute()) {
        let canon = src.path.canonicalize().unwrap_or_else(|_| src.path.clone());
        let root = repo
            .root
            .canonicalize()
            .unwrap_or_else(|_| repo.root.clone());
        if !canon.starts_with(&root) {
            return Ok(());
        }
    }
    let pep621 = src.pep621_version.is_some();
    if !src.has_current_version && !pep621 {
        return Ok(());
    }
    let old = project.version()?.to_string();
    let versions = writeback::Versions {
        old: &old,
        old_serialized,
        new: new_version,
    };
    let display = rel(cwd, &src.path);
    let keys = project.config.current_version_keys();
    plan.edit(&src.path, &display, |text| {
        writeback::update(
            Path::new(&display),
            &src.format,
            text,
            &keys,
            &versions,
            pep621,
        )
    })?;
    Ok(())
}

fn git_plan(c: &Config, ctx: &Context, files: Vec<String>) -> Result<GitPlan> {
    let render = |t: &str| template::render(t, ctx).map_err(|e| c.placed(e));
    let commit = if c.commit {
        Some(Commit {
            message: render(&c.message)?,
            files,
            args: match &c.commit_args {
                Some(a) => shlex::split(a).ok_or_else(|| {
                    c.origins.error(
                        "commit_args",
                        format!("cannot split `{a}` into words: a quote is not closed, or it ends in a backslash"),
                    )
                })?,
                None => Vec::new(),
            },
        })
    } else {
        None
    };
    let tag = if c.tag {
        Some(Tag {
            name: render(&c.tag_name)?,
            message: c
                .tag_message
                .as_deref()
                .map(render)
                .transpose()?
                .filter(|m| !m.is_empty()),
            sign: c.sign_tags,
        })
    } else {
        None
    };
    let moveable_tags = if c.tag {
        c.moveable_tags
            .iter()
            .map(|t| render(t))
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    let hooks = !(c.pre_commit_hooks.is_empty() && c.post_commit_hooks.is_empty());
    let hook_tag_name = match &tag {
        Some(t) => t.name.clone(),
        // no tag is made, so a tag name that cannot be rendered must not stop the release
        None if hooks => template::render(&c.tag_name, ctx).unwrap_or_default(),
        None => String::new(),
    };
    Ok(GitPlan {
        commit,
        tag,
        moveable_tags,
        push_tag: c.push_tag,
        hook_tag_name,
    })
}
