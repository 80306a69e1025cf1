//! A release, start to finish: load the config, work out the versions, plan every edit (pure),
//! verify everything that could refuse the work, then apply the plan under the journal and make
//! the commit and tag, rolling all of it back if a later step fails.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::changelog;
use crate::config::{self, writeback, Config, LoadOptions, Overrides, Warning};
use crate::context::{self, ScmInfo};
use crate::error::{Error, Result};
use crate::git::{PendingDirty, Repo};
use crate::hooks::{self, HookInput, Stage};
use crate::rewrite::journal::{self, GitState, Journal, Record};
use crate::rewrite::{self, confine, Plan, Selection, Versions};
use crate::template::{self, Context};
use crate::version::{scheme, Part, Version, VersionFormat, VersionSpec};

/// What to do.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub cwd: PathBuf,
    pub config_file: Option<PathBuf>,
    pub overrides: Overrides,
    /// The part to bump (`None` with `new_version`).
    pub part: Option<String>,
    pub new_version: Option<String>,
    /// `--to VALUE`: set the part instead of incrementing it.
    pub to_value: Option<String>,
    pub files: Vec<String>,
    pub no_configured_files: bool,
    pub dry_run: bool,
    /// The component to release, when the config declares components.
    pub component: Option<String>,
    /// `--allow-outside-repo`: let files outside the repository root be changed.
    pub allow_outside_repo: bool,
}

/// The commit and tag a release makes.
#[derive(Debug, Clone, Default)]
pub struct GitPlan {
    pub commit: Option<Commit>,
    pub tag: Option<Tag>,
    pub moveable_tags: Vec<String>,
    pub push_tag: bool,
    /// The rendered `tag_name`, also when no tag is made: pre- and post-commit hooks get it as
    /// `BVHOOK_NEW_TAG`/`BVHOOK_NEW_VERSION_TAG`, as bump-my-version gives it to them.
    pub hook_tag_name: String,
}

#[derive(Debug, Clone)]
pub struct Commit {
    pub message: String,
    /// Paths to stage, relative to the working directory.
    pub files: Vec<String>,
    pub args: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    /// `None`: a lightweight tag.
    pub message: Option<String>,
    pub sign: bool,
}

/// A fully planned, verified release.
pub struct Prepared {
    pub config: Config,
    pub warnings: Vec<Warning>,
    pub repo: Option<Repo>,
    pub scm: ScmInfo,
    pub current: Version,
    pub new: Version,
    pub current_version: String,
    pub new_version: String,
    pub plan: Plan,
    pub git: GitPlan,
    pub journal: Journal,
}

/// The result of planning.
pub enum Outcome {
    /// The new version equals the current one: nothing to do (exit 0, as bump-my-version).
    Unchanged {
        version: String,
        warnings: Vec<Warning>,
    },
    Planned(Box<Prepared>),
}

/// The loaded pieces every command shares.
pub struct Session {
    pub config: Config,
    pub warnings: Vec<Warning>,
    pub repo: Option<Repo>,
    pub scm: ScmInfo,
    pub spec: Arc<VersionSpec>,
    pub format: VersionFormat,
    pub current_version: String,
}

/// The templates whose values may need git facts.
fn templates(c: &Config) -> Vec<&str> {
    let mut t: Vec<&str> = vec![&c.search, &c.replace, &c.tag_name, &c.message];
    t.extend(c.tag_message.as_deref());
    t.extend(c.serialize.iter().map(String::as_str));
    t.extend(c.moveable_tags.iter().map(String::as_str));
    for f in &c.files {
        t.push(&f.search);
        t.push(&f.replace);
        t.extend(f.serialize.iter().map(String::as_str));
    }
    t
}

/// Load the configuration (every component of it).
pub fn load(
    cwd: &Path,
    config_file: Option<PathBuf>,
    overrides: Overrides,
) -> Result<config::Loaded> {
    config::load(&LoadOptions {
        cwd: cwd.to_path_buf(),
        config_file,
        overrides,
    })
}

/// Load the configuration and resolve the current version; with components declared, the
/// one named by `component` (which is then required).
pub fn open(
    cwd: &Path,
    config_file: Option<PathBuf>,
    overrides: Overrides,
    component: Option<&str>,
) -> Result<Session> {
    let loaded = load(cwd, config_file, overrides)?;
    let config = select(loaded.config, component)?;
    Session::new(config, loaded.warnings, Repo::discover(cwd))
}

/// Pick a component's configuration (or the top level when none are declared).
pub fn select(mut config: Config, component: Option<&str>) -> Result<Config> {
    let names: Vec<String> = config
        .component_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    match component {
        None if names.is_empty() => Ok(config),
        None => Err(Error::usage(format!(
            "this config declares components; choose one with --component: {}",
            names.join(", ")
        ))),
        Some(name) => {
            let idx = config
                .components
                .iter()
                .position(|c| c.component.as_deref() == Some(name))
                .ok_or_else(|| {
                    Error::usage(if names.is_empty() {
                        format!("--component {name}: this config declares no components")
                    } else {
                        format!("unknown component `{name}`; declared: {}", names.join(", "))
                    })
                })?;
            Ok(config.components.swap_remove(idx))
        }
    }
}

impl Session {
    /// Resolve the current version and the version format of one configuration.
    pub fn new(config: Config, warnings: Vec<Warning>, repo: Option<Repo>) -> Result<Session> {
        let needs_tag_version = config.current_version.is_none()
            && config
                .source
                .as_ref()
                .and_then(|s| s.pep621_version.as_ref())
                .is_none();
        let hooks = !(config.setup_hooks.is_empty()
            && config.pre_commit_hooks.is_empty()
            && config.post_commit_hooks.is_empty());
        let scm = if needs_tag_version || hooks || context::needs_scm(templates(&config)) {
            context::scm_info(repo.as_ref(), &config.tag_name, &config.parse)?
        } else {
            ScmInfo {
                tool: repo.as_ref().map(|_| "Git"),
                repository_root: repo.as_ref().map(|r| r.root.clone()),
                ..ScmInfo::default()
            }
        };
        let current_version = config
            .current_version
            .clone()
            .or_else(|| {
                config
                    .source
                    .as_ref()
                    .and_then(|s| s.pep621_version.clone())
            })
            .or_else(|| scm.current_version.clone())
            .ok_or(Error::NoCurrentVersion)?;
        let parts = config
            .parts
            .iter()
            .map(|(n, s)| Part::new(n, s))
            .collect::<Result<Vec<_>>>()?;
        let spec = Arc::new(VersionSpec::new(parts));
        let format =
            VersionFormat::new(&config.parse, config.serialize.clone(), Arc::clone(&spec))?;
        Ok(Session {
            config,
            warnings,
            repo,
            scm,
            spec,
            format,
            current_version,
        })
    }
}

impl Session {
    /// The current version, parsed (any spelling, under a scheme).
    pub fn current(&self) -> Result<Version> {
        let mismatch = || Error::ParseMismatch {
            pattern: self.config.parse.clone(),
            version: self.current_version.clone(),
        };
        match self.config.scheme {
            Some(_) => {
                let canon = scheme::canonical(&self.current_version).ok_or_else(mismatch)?;
                self.format.parse_whole(&canon).map_err(|_| mismatch())
            }
            None => self
                .format
                .parse(&self.current_version)
                .ok_or_else(mismatch),
        }
    }

    /// Parse a version given on the command line, which must match whole.
    pub fn parse_given(&self, s: &str) -> Result<Version> {
        match self.config.scheme {
            Some(_) => match scheme::canonical(s) {
                Some(c) => self.format.parse_whole(&c),
                None => self.format.parse_whole(s),
            },
            None => self.format.parse_whole(s),
        }
    }

    /// A version as the config spells it (the scheme's spelling under a scheme).
    pub fn serialize(&self, v: &Version, ctx: &Context) -> Result<String> {
        let s = self.format.serialize(v, ctx)?;
        Ok(match self.config.scheme {
            Some(sc) => scheme::respell(&s, sc.form()),
            None => s,
        })
    }

    /// The base template context (no part values).
    pub fn context(&self) -> Context {
        context::base(&self.scm, Some(&self.current_version))
    }

    /// Refuse when tracked files are modified (bump-my-version checks this even without commit).
    pub fn assert_clean(&self) -> Result<()> {
        self.start_clean_check()?.finish()
    }

    /// [`Session::assert_clean`] started in the background; its verdict comes from
    /// [`CleanCheck::finish`].
    pub fn start_clean_check(&self) -> Result<CleanCheck> {
        if self.config.allow_dirty {
            return Ok(CleanCheck(None));
        }
        match &self.repo {
            Some(repo) => Ok(CleanCheck(Some(
                repo.start_dirty(&self.config.allow_dirty_files)?,
            ))),
            None => Ok(CleanCheck(None)),
        }
    }

    /// Where the journal lives: in `.git`, else beside the config file.
    pub fn journal(&self, cwd: &Path) -> Journal {
        journal_for(
            self.repo.as_ref(),
            self.config.source.as_ref().map(|s| s.path.as_path()),
            cwd,
        )
    }

    /// The next version for a part bump, `--to` or `--new-version`.
    pub fn next(&self, current: &Version, req: &Request) -> Result<Version> {
        if let Some(nv) = &req.new_version {
            return self.parse_given(nv);
        }
        let part = req.part.as_deref().ok_or_else(|| {
            Error::usage("name a part to bump (e.g. `bump patch`) or pass --new-version")
        })?;
        match &req.to_value {
            Some(v) => current.bump_to(part, v),
            None => current.bump(part),
        }
    }
}

/// A dirty-tree check under way (or none to make).
#[derive(Debug)]
pub struct CleanCheck(Option<PendingDirty>);

impl CleanCheck {
    /// Wait for the verdict: `Error::Dirty` when tracked files are modified. Only the first call
    /// waits; later calls return `Ok`.
    pub fn finish(&mut self) -> Result<()> {
        if let Some(pending) = self.0.take() {
            Self::verdict(pending.finish()?)?;
        }
        Ok(())
    }

    /// [`CleanCheck::finish`], telling the check what the plan read: a file bumped by the last
    /// release was written in the second its index was, and git can vouch for it only by its
    /// content, which the plan holds already.
    pub fn finish_known(&mut self, plan: &Plan, repo: Option<&Repo>) -> Result<()> {
        let (Some(pending), Some(repo)) = (self.0.take(), repo) else {
            return self.finish();
        };
        let known: HashMap<&Path, &[u8]> = plan
            .edits
            .iter()
            .filter(|e| !e.created)
            .filter_map(|e| Some((e.path.strip_prefix(&repo.root).ok()?, e.before.as_bytes())))
            .collect();
        Self::verdict(pending.finish_with(|p| known.get(p).copied())?)
    }

    fn verdict(dirty: Vec<String>) -> Result<()> {
        if dirty.is_empty() {
            Ok(())
        } else {
            Err(Error::Dirty(dirty.join("\n")))
        }
    }
}

/// The journal location for a repository (or a config directory outside git).
pub fn journal_for(repo: Option<&Repo>, config: Option<&Path>, cwd: &Path) -> Journal {
    match repo {
        Some(r) => Journal::new(r.git_dir.join("bumpsmith-journal")),
        None => {
            let dir = config.and_then(Path::parent).unwrap_or(cwd);
            Journal::new(dir.join(".bumpsmith-journal"))
        }
    }
}

fn rel(cwd: &Path, p: &Path) -> String {
    p.strip_prefix(cwd)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// Plan (and verify) a release without changing anything. Runs setup hooks unless `dry_run`.
pub fn prepare(req: &Request) -> Result<Outcome> {
    let session = open(
        &req.cwd,
        req.config_file.clone(),
        req.overrides.clone(),
        req.component.as_deref(),
    )?;
    if let Some(part) = &req.part {
        if !session.config.parts.iter().any(|(n, _)| n == part) {
            return Err(Error::UnknownPart {
                part: part.clone(),
                known: session.config.part_names().join(", "),
            });
        }
    }
    // `git status` stats every tracked file (~45 ms of CPU on 22,000 files): it runs while the
    // release is planned, which writes nothing. Its verdict is awaited before the setup hooks
    // and before returning, and a dirty tree is reported ahead of any planning error, exactly
    // as when the check ran first.
    if !req.dry_run {
        // before any thread exists (see the function)
        let files = &session.config.files;
        let at_most = if files.iter().any(|f| f.glob.is_some()) {
            usize::MAX
        } else {
            // the configured files, those named on the command line, the config, a changelog
            files.len() + req.files.len() + 2
        };
        rewrite::read::reserve_descriptors(at_most);
    }
    let mut clean = session.start_clean_check()?;
    let planned = plan_release(session, req, &mut clean);
    match &planned {
        Ok(Outcome::Planned(p)) => clean.finish_known(&p.plan, p.repo.as_ref())?,
        _ => clean.finish()?,
    }
    planned
}

fn plan_release(session: Session, req: &Request, clean: &mut CleanCheck) -> Result<Outcome> {
    let current = session.current()?;
    if !req.dry_run && !session.config.setup_hooks.is_empty() {
        clean.finish()?;
        let input = HookInput {
            scm: &session.scm,
            current_version: &session.current_version,
            current: &current,
            new: None,
        };
        hooks::run(
            Stage::Setup,
            &session.config.setup_hooks,
            &input,
            session.config.allow_shell_hooks,
        )?;
    }
    let next = session.next(&current, req)?;
    let base = session.context();
    let new_version = session.serialize(&next, &base)?;
    if new_version == session.current_version {
        return Ok(Outcome::Unchanged {
            version: new_version,
            warnings: session.warnings,
        });
    }
    let mut ctx = base;
    context::add_parts(&mut ctx, "current_", &current);
    context::add_parts(&mut ctx, "new_", &next);
    let sel = Selection {
        extra_files: req.files.clone(),
        no_configured_files: req.no_configured_files,
        part: req.part.clone(),
    };
    let targets = confined_targets(&session, &req.cwd, &sel, req.allow_outside_repo)?;
    let versions = Versions {
        current: &current,
        new: Some(&next),
        spec: &session.spec,
    };
    let mut plan = rewrite::plan::plan_with(&targets, &req.cwd, &versions, &ctx, !req.dry_run)?;
    write_back(&session, &req.cwd, &mut plan, &new_version)?;
    ctx.set_str("current_version", session.current_version.clone());
    ctx.set_str("new_version", new_version.clone());
    let root = session.repo.as_ref().map(|r| r.root.as_path());
    let mut commit_files = confine::commit_paths(&targets, &req.cwd, root);
    if let Some(src) = &session.config.source {
        let p = rel(&req.cwd, &src.path);
        if !commit_files.contains(&p) {
            commit_files.push(p);
        }
    }
    let mut warnings = session.warnings.clone();
    let cl = plan_changelog(
        &session,
        &req.cwd,
        &ctx,
        &new_version,
        &mut plan,
        &mut warnings,
    )?;
    if let Some(p) = cl {
        if !commit_files.contains(&p) {
            commit_files.push(p);
        }
    }
    let git = git_plan(&session.config, &ctx, commit_files)?;
    let journal = session.journal(&req.cwd);
    let prepared = Prepared {
        warnings,
        repo: session.repo.clone(),
        scm: session.scm.clone(),
        current,
        new: next,
        current_version: session.current_version.clone(),
        new_version,
        plan,
        git,
        journal,
        config: session.config,
    };
    verify(&prepared, &req.cwd)?;
    Ok(Outcome::Planned(Box::new(prepared)))
}

/// The files to change, refusing (unless `allow_outside`) any that resolve outside the
/// repository: globs before they are expanded, then every file (see `rewrite::confine`).
fn confined_targets(
    session: &Session,
    cwd: &Path,
    sel: &Selection,
    allow_outside: bool,
) -> Result<Vec<rewrite::Target>> {
    let root = session
        .repo
        .as_ref()
        .map(|r| &r.root)
        .filter(|_| !allow_outside);
    if let Some(root) = root {
        confine::check_globs(&session.config, cwd, root)?;
    }
    let targets = rewrite::targets(&session.config, cwd, sel)?;
    if let Some(root) = root {
        confine::check_targets(&targets, cwd, root)?;
    }
    Ok(targets)
}

/// With `[tool.bumpversion.changelog] enabled = true`, the release section of the changelog
/// (the file created when missing); its path, for the release commit.
fn plan_changelog(
    session: &Session,
    cwd: &Path,
    ctx: &Context,
    new_version: &str,
    plan: &mut Plan,
    warnings: &mut Vec<Warning>,
) -> Result<Option<String>> {
    let settings = changelog::settings(&session.config, warnings)?;
    if !settings.enabled {
        return Ok(None);
    }
    let Some(repo) = &session.repo else {
        warnings.push(Warning(
            "the changelog is enabled but this is not a git repository; it is not written".into(),
        ));
        return Ok(None);
    };
    let tag = template::render(&session.config.tag_name, ctx)?;
    let src = changelog::Source {
        repo,
        config: &session.config,
        format: &session.format,
        settings: &settings,
    };
    let path = changelog::file_path(&session.config, &settings, cwd);
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
    Ok(Some(display))
}

/// Add the new `current_version` to the plan's edit of the config file.
fn write_back(session: &Session, cwd: &Path, plan: &mut Plan, new_version: &str) -> Result<()> {
    let Some(src) = &session.config.source else {
        return Ok(());
    };
    if let (Some(repo), true) = (&session.repo, src.path.is_absolute()) {
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
    let old = session.current_version.clone();
    let display = rel(cwd, &src.path);
    let keys = session.config.current_version_keys();
    plan.edit(&src.path, &display, |text| {
        writeback::update(
            Path::new(&display),
            &src.format,
            text,
            &keys,
            &old,
            new_version,
            pep621,
        )
    })?;
    Ok(())
}

fn git_plan(c: &Config, ctx: &Context, files: Vec<String>) -> Result<GitPlan> {
    let commit = if c.commit {
        Some(Commit {
            message: template::render(&c.message, ctx)?,
            files,
            args: match &c.commit_args {
                Some(a) => shlex::split(a).ok_or_else(|| {
                    Error::Config(format!("`commit_args` cannot be split into words: `{a}`"))
                })?,
                None => Vec::new(),
            },
        })
    } else {
        None
    };
    let tag = if c.tag {
        Some(Tag {
            name: template::render(&c.tag_name, ctx)?,
            message: c
                .tag_message
                .as_deref()
                .map(|m| template::render(m, ctx))
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
            .map(|t| template::render(t, ctx))
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

/// Everything that could refuse the work, checked before the first write.
fn verify(p: &Prepared, cwd: &Path) -> Result<()> {
    let Some(repo) = &p.repo else {
        return Ok(());
    };
    if let Some(tag) = &p.git.tag {
        if !repo.valid_tag_name(&tag.name)? {
            return Err(Error::BadTagName(tag.name.clone()));
        }
        if repo.tag_exists(&tag.name)? {
            return Err(Error::TagExists(tag.name.clone()));
        }
        for t in &p.git.moveable_tags {
            if !repo.valid_tag_name(t)? {
                return Err(Error::BadTagName(t.clone()));
            }
        }
    }
    if let Some(commit) = &p.git.commit {
        let files: HashSet<&str> = commit.files.iter().map(String::as_str).collect();
        let changed: Vec<String> = p
            .plan
            .changed()
            .filter(|e| !e.created)
            .map(|e| rel(cwd, &e.path))
            .filter(|f| files.contains(f.as_str()))
            .collect();
        let mut args = vec!["ls-files", "-z", "--others", "--exclude-standard", "--"];
        args.extend(changed.iter().map(String::as_str));
        if !changed.is_empty() {
            let out = repo.run(&args)?;
            let untracked: Vec<&str> = out.split('\0').filter(|s| !s.is_empty()).collect();
            if !untracked.is_empty() {
                return Err(Error::Usage {
                    message: format!(
                        "these files would change but git does not track them, so the release commit would miss them: {}; `git add` them first",
                        untracked.join(", ")
                    ),
                });
            }
        }
    }
    Ok(())
}

/// What a finished release did (for reporting).
#[derive(Debug, Default)]
pub struct Done {
    pub written: Vec<String>,
    pub committed: bool,
    pub tagged: Option<String>,
}

/// Apply a prepared release: files under the journal, then hooks, commit and tag.
pub fn execute(p: &Prepared) -> Result<Done> {
    let lock = p.journal.lock()?;
    let repo = p.repo.as_ref();
    let head = match (repo, &p.git.commit) {
        (Some(r), Some(_)) => r.head()?,
        _ => None,
    };
    let git = GitState {
        head,
        tag: p.git.tag.as_ref().map(|t| t.name.clone()),
    };
    let (rec, written) = write_journaled(&p.plan, &p.journal, git)?;
    let mut done = Done {
        written,
        ..Done::default()
    };
    if let Err(e) = git_steps(p, &mut done) {
        let restored = rollback(&p.journal, &rec, repo);
        return Err(match restored {
            Ok(()) => Error::RolledBack {
                message: format!("{e}"),
                source: Box::new(e),
            },
            Err(r) => Error::RollbackFailed {
                message: format!(
                    "{e}\nrolling back also failed: {r}; the journal `{}` is kept and the next run of bump restores from it",
                    p.journal.path.display()
                ),
            },
        });
    }
    p.journal.remove()?;
    drop(lock);
    if let (Some(repo), Some(tag)) = (repo, &p.git.tag) {
        if p.git.push_tag && repo.has_remote("origin")? {
            repo.push("origin", &tag.name, false)?;
        }
        for m in &p.git.moveable_tags {
            if repo.has_remote("origin")? {
                repo.delete_remote_tag("origin", m)?;
                repo.push("origin", m, false)?;
            }
        }
    }
    let input = HookInput {
        scm: &p.scm,
        current_version: &p.current_version,
        current: &p.current,
        new: Some((&p.new, &p.new_version, &p.git.hook_tag_name)),
    };
    hooks::run(
        Stage::PostCommit,
        &p.config.post_commit_hooks,
        &input,
        p.config.allow_shell_hooks,
    )?;
    Ok(done)
}

fn git_steps(p: &Prepared, done: &mut Done) -> Result<()> {
    let input = HookInput {
        scm: &p.scm,
        current_version: &p.current_version,
        current: &p.current,
        new: Some((&p.new, &p.new_version, &p.git.hook_tag_name)),
    };
    hooks::run(
        Stage::PreCommit,
        &p.config.pre_commit_hooks,
        &input,
        p.config.allow_shell_hooks,
    )?;
    let Some(repo) = &p.repo else {
        return Ok(());
    };
    if let Some(c) = &p.git.commit {
        let root = repo
            .root
            .canonicalize()
            .unwrap_or_else(|_| repo.root.clone());
        let inside: Vec<String> = c
            .files
            .iter()
            .filter(|f| {
                let abs = repo.cwd.join(f);
                abs.canonicalize().unwrap_or(abs).starts_with(&root)
            })
            .cloned()
            .collect();
        let created: Vec<String> = p
            .plan
            .changed()
            .filter(|e| e.created)
            .map(|e| rel(&repo.cwd, &e.path))
            .filter(|f| inside.contains(f))
            .collect();
        repo.add(&created)?;
        repo.add_update(&inside)?;
        let mut env = HashMap::new();
        env.insert(
            "BUMPVERSION_CURRENT_VERSION".to_string(),
            p.current_version.clone(),
        );
        env.insert("BUMPVERSION_NEW_VERSION".to_string(), p.new_version.clone());
        repo.commit(&c.message, &c.args, &env)?;
        done.committed = true;
    }
    if let Some(t) = &p.git.tag {
        repo.tag(&t.name, t.sign, t.message.as_deref())?;
        done.tagged = Some(t.name.clone());
        for m in &p.git.moveable_tags {
            repo.tag_force(m)?;
        }
    }
    Ok(())
}

/// Undo everything a journal records: files, the release commit and its tag.
pub fn rollback(journal: &Journal, rec: &Record, repo: Option<&Repo>) -> Result<()> {
    Journal::restore_files(rec)?;
    if let Some(repo) = repo {
        let paths: Vec<String> = rec.files.iter().map(|(p, _)| rel(&repo.cwd, p)).collect();
        if let Some(head) = &rec.git.head {
            repo.undo_commit(head, &paths)?;
        } else if !paths.is_empty() && repo.head()?.is_some() {
            // unstage whatever `git add --update` staged
            let _ = repo.undo_commit("HEAD", &paths);
        }
        if let Some(tag) = &rec.git.tag {
            if repo.tag_exists(tag)? {
                repo.delete_tag(tag)?;
            }
        }
    }
    journal.remove()
}

/// If an interrupted run left a journal, roll the tree back; returns what was restored.
pub fn recover(cwd: &Path) -> Result<Option<Vec<PathBuf>>> {
    let repo = Repo::discover(cwd);
    let candidates = match &repo {
        Some(r) => vec![journal_for(Some(r), None, cwd)],
        None => {
            let mut c = vec![journal_for(None, None, cwd)];
            if let Some(cfg) = config::discover::find(cwd) {
                c.push(journal_for(None, Some(&cfg), cwd));
            }
            c
        }
    };
    for j in candidates {
        // nothing to recover, or a live bump owns this journal
        let Some(_lock) = j.claim()? else { continue };
        if let Some(rec) = j.read()? {
            rollback(&j, &rec, repo.as_ref())?;
            return Ok(Some(rec.files.into_iter().map(|(p, _)| p).collect()));
        }
        if j.exists() {
            // a journal that does not decode was torn while being written: no file was touched
            j.remove()?;
        }
    }
    Ok(None)
}

/// `bump replace`: the files' versions set to `new_version` (default: the current one), with
/// `search`/`replace` overriding every entry; no config write-back, commit or tag.
pub struct ReplaceRequest {
    pub cwd: PathBuf,
    pub config_file: Option<PathBuf>,
    pub overrides: Overrides,
    pub new_version: Option<String>,
    pub search: Option<String>,
    pub replace: Option<String>,
    pub files: Vec<String>,
    pub no_configured_files: bool,
    pub component: Option<String>,
    /// `--allow-outside-repo`: let files outside the repository root be changed.
    pub allow_outside_repo: bool,
}

/// Plan a `bump replace`.
pub fn plan_replace(req: &ReplaceRequest) -> Result<(Session, Plan)> {
    let session = open(
        &req.cwd,
        req.config_file.clone(),
        req.overrides.clone(),
        req.component.as_deref(),
    )?;
    session.assert_clean()?;
    let current = session.current()?;
    let next = req
        .new_version
        .as_deref()
        .map(|v| session.parse_given(v))
        .transpose()?;
    let mut ctx = session.context();
    context::add_parts(&mut ctx, "current_", &current);
    if let Some(n) = &next {
        context::add_parts(&mut ctx, "new_", n);
    }
    let sel = Selection {
        extra_files: req.files.clone(),
        no_configured_files: req.no_configured_files,
        part: None,
    };
    let mut targets = confined_targets(&session, &req.cwd, &sel, req.allow_outside_repo)?;
    for t in &mut targets {
        if let Some(s) = &req.search {
            std::sync::Arc::make_mut(&mut t.change).search = s.clone();
        }
        if let Some(r) = &req.replace {
            std::sync::Arc::make_mut(&mut t.change).replace = r.clone();
        }
    }
    let versions = Versions {
        current: &current,
        new: next.as_ref(),
        spec: &session.spec,
    };
    let plan = rewrite::plan(&targets, &req.cwd, &versions, &ctx)?;
    Ok((session, plan))
}

/// Write a plan's changed files under the journal (no git steps).
pub fn apply_plan(plan: &Plan, journal: &Journal) -> Result<Vec<String>> {
    let _lock = journal.lock()?;
    let (_, written) = write_journaled(plan, journal, GitState::default())?;
    journal.remove()?;
    Ok(written)
}

/// Journal the originals of every changed file (a created file as absent), then write the
/// plan's contents; the record (for a rollback) and the paths written, as the user named them.
fn write_journaled(plan: &Plan, journal: &Journal, git: GitState) -> Result<(Record, Vec<String>)> {
    let changed: Vec<&rewrite::FileEdit> = plan.changed().collect();
    let rec = Record {
        git,
        files: changed
            .iter()
            .map(|e| {
                (
                    e.path.clone(),
                    (!e.created).then(|| e.before.as_bytes().to_vec()),
                )
            })
            .collect(),
    };
    let new: Vec<&[u8]> = changed.iter().map(|e| e.after.as_bytes()).collect();
    let kept: Vec<Option<&std::fs::File>> = changed
        .iter()
        .map(|e| e.handle.as_deref().map(rewrite::read::Kept::file))
        .collect();
    journal::apply(journal, &rec, &new, &kept)?;
    Ok((rec, changed.iter().map(|e| e.display.clone()).collect()))
}
