//! The loaded pieces every command shares: the configuration (one component of it), the
//! repository, the git facts the templates need, the version format and the current version;
//! the dirty-tree check and where the journal lives.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Request;
use crate::apply::journal::Journal;
use crate::config::{self, Config, LoadOptions, Overrides, Warning};
use crate::context::{self, ScmInfo};
use crate::error::{Error, Result, VersionRole};
use crate::git::{PendingDirty, Repo};
use crate::template::Context;
use crate::text::suggest;
use crate::version::{scheme, Part, Version, VersionFormat, VersionSpec};

/// The loaded pieces every command shares.
pub struct Project {
    pub config: Config,
    pub warnings: Vec<Warning>,
    pub repo: Option<Repo>,
    pub scm: ScmInfo,
    pub spec: Arc<VersionSpec>,
    pub format: VersionFormat,
    /// The current version: the config's, else the static `[project] version` of
    /// `pyproject.toml`, else the latest release tag's; `None` when there is none (see
    /// [`Project::version`]).
    pub current_version: Option<String>,
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
) -> Result<Project> {
    let loaded = load(cwd, config_file, overrides)?;
    let config = select(loaded.config, component)?;
    Project::new(config, loaded.warnings, Repo::discover(cwd))
}

/// Load the configuration and resolve the current version of every component it declares (or
/// of the one named by `component`); of the whole config when it declares none.
pub fn open_all(
    cwd: &Path,
    config_file: Option<PathBuf>,
    overrides: Overrides,
    component: Option<&str>,
) -> Result<Vec<Project>> {
    let loaded = load(cwd, config_file, overrides)?;
    let mut config = loaded.config;
    let configs = match component {
        Some(_) => vec![select(config, component)?],
        None if config.components.is_empty() => vec![config],
        None => std::mem::take(&mut config.components),
    };
    let repo = Repo::discover(cwd);
    configs
        .into_iter()
        .map(|c| Project::new(c, loaded.warnings.clone(), repo.clone()))
        .collect()
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
                        let declared = format!("declared: {}", names.join(", "));
                        suggest::unknown(
                            "component",
                            name,
                            names.iter().map(String::as_str),
                            &declared,
                        )
                    })
                })?;
            Ok(config.components.swap_remove(idx))
        }
    }
}

impl Project {
    /// Resolve the current version and the version format of one configuration.
    pub fn new(config: Config, warnings: Vec<Warning>, repo: Option<Repo>) -> Result<Project> {
        Self::with(config, warnings, repo, true)
    }

    /// [`Project::new`] without asking git for the latest release tag's version when the config
    /// has none (the changelog reads the tags itself).
    pub fn without_tag_version(
        config: Config,
        warnings: Vec<Warning>,
        repo: Option<Repo>,
    ) -> Result<Project> {
        Self::with(config, warnings, repo, false)
    }

    fn with(
        config: Config,
        warnings: Vec<Warning>,
        repo: Option<Repo>,
        tag_version: bool,
    ) -> Result<Project> {
        let needs_tag_version = tag_version
            && config.current_version.is_none()
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
            .or_else(|| scm.current_version.clone());
        let parts = config
            .parts
            .iter()
            .map(|(n, s)| Part::new(n, s))
            .collect::<Result<Vec<_>>>()?;
        let spec = Arc::new(VersionSpec::new(parts));
        let format =
            VersionFormat::new(&config.parse, config.serialize.clone(), Arc::clone(&spec))?;
        Ok(Project {
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

impl Project {
    /// The current version as the config (or the tag) spells it; an error naming where it was
    /// looked for when there is none.
    pub fn version(&self) -> Result<&str> {
        match &self.current_version {
            Some(v) => Ok(v),
            None if self.config.source.is_none() => Err(Error::NoConfig),
            None => Err(Error::NoCurrentVersion),
        }
    }

    /// The current version, parsed (any spelling, under a scheme).
    pub fn current(&self) -> Result<Version> {
        let s = self.version()?;
        self.read(s)
            .map_err(|e| self.version_form(VersionRole::Current, s, e))
    }

    /// Parse `s` as the current version is parsed: searched for the parse pattern, as
    /// bump-my-version does (under a scheme: any spelling, matched whole).
    fn read(&self, s: &str) -> Result<Version> {
        // under a scheme the pattern shown is the scheme's own, not its internal one
        let mismatch = || Error::ParseMismatch {
            pattern: match self.config.scheme {
                Some(sc) => sc.pattern().to_string(),
                None => self.config.parse.clone(),
            },
            version: s.to_string(),
        };
        match self.config.scheme {
            Some(sc) => {
                let canon = sc.canonical(s).ok_or_else(mismatch)?;
                self.format.parse_whole(&canon).map_err(|_| mismatch())
            }
            None => self.format.parse(s).ok_or_else(mismatch),
        }
    }

    /// Parse `s` as `current_version` is parsed (`bump show-bump VERSION` reads its version so).
    pub fn parse_current(&self, s: &str) -> Result<Version> {
        self.read(s)
            .map_err(|e| self.version_form(VersionRole::Start, s, e))
    }

    /// The version `req` makes of `current` and how it is written: the one computation behind
    /// `bump PART`, its dry run and `bump show-bump`. A new version the parse pattern would not
    /// read back is refused ([`assert_readable`](Self::assert_readable)); one equal to
    /// `current_version` is returned as it is (the bump then changes nothing).
    pub fn next_serialized(
        &self,
        current: &Version,
        req: &Request,
        ctx: &Context,
    ) -> Result<(Version, String)> {
        let next = self.next(current, req)?;
        let serialized = self.serialize(&next, ctx)?;
        if self.current_version.as_deref() != Some(serialized.as_str()) {
            self.assert_readable(&serialized, &next)?;
        }
        Ok((next, serialized))
    }

    /// Parse a version given on the command line, which must match whole.
    pub fn parse_given(&self, s: &str) -> Result<Version> {
        match self.config.scheme {
            Some(sc) => match sc.canonical(s) {
                Some(c) => self.format.parse_whole(&c),
                None => self.format.parse_whole(s),
            },
            None => self.format.parse_whole(s),
        }
    }

    /// Parse a `--new-version` as [`parse_given`](Self::parse_given) does; when the pattern does
    /// not match it whole, the error says what a version looks like rather than showing the
    /// pattern.
    pub fn parse_new_version(&self, s: &str) -> Result<Version> {
        self.parse_given(s)
            .map_err(|e| self.version_form(VersionRole::New, s, e))
    }

    /// `e`, the parse pattern's failure to read the `role` version `s`, told as what a version
    /// looks like (the current one as the config writes it, or the parts' first values when the
    /// current one does not parse either, if the pattern reads them; and the serialize format)
    /// instead of the pattern. Other errors pass unchanged.
    fn version_form(&self, role: VersionRole, s: &str, e: Error) -> Error {
        let matched = match e {
            Error::PartialParse { matched, .. } => Some(matched),
            Error::ParseMismatch { .. } => None,
            other => return other,
        };
        let sample = self
            .version()
            .ok()
            .and_then(|v| self.read(v).ok())
            .unwrap_or_else(|| self.spec.version(Vec::new(), None));
        let shown = self
            .format
            .looks_like(&sample, &self.context())
            .map(|(example, form)| match self.config.scheme {
                // under a scheme the format is the scheme's own, not the config's
                Some(sc) => (
                    scheme::respell(&example, sc.form()),
                    Some(sc.title().to_string()),
                ),
                None => (example, form),
            });
        let (mut example, form) = shown.unzip();
        // the parts' first values may be no version the pattern reads (`0.0.0` for `\d{4}`)
        if example.as_deref().is_some_and(|e| self.read(e).is_err()) {
            example = None;
        }
        Error::VersionForm {
            role,
            scheme: self.config.scheme.is_some(),
            version: s.to_string(),
            matched,
            example,
            form: form.flatten(),
        }
    }

    /// Refuse a new version the config cannot read back: the next bump reads `serialized` as
    /// the current version, so it must give `version`'s part values. A hand-written PEP 440
    /// config can serialize `2.1.0final2`, which its pattern reads as `2.1.0` (and bumping
    /// `pre_n` again then gives `2.1.0final2` forever). Only the values count, not a whole match:
    /// the pattern is searched for, so a format may add text it leaves out
    /// (`v{major}.{minor}.{patch}` with the default pattern), which bump-my-version bumps fine.
    pub fn assert_readable(&self, serialized: &str, version: &Version) -> Result<()> {
        let reason = match self.read(serialized) {
            Ok(back) if back == *version => return Ok(()),
            Ok(back) => {
                let differ: Vec<String> = version
                    .iter()
                    .zip(back.iter())
                    .filter(|((_, want), (_, got))| want != got)
                    .map(|((name, want), (_, got))| format!("`{name}` as `{got}`, not `{want}`"))
                    .collect();
                let mut reason = format!("it reads {}", differ.join(", "));
                if let Err(Error::PartialParse { matched, .. }) = self.parse_given(serialized) {
                    reason.push_str(&format!(" (it matches only `{matched}`)"));
                }
                reason
            }
            Err(_) => "it does not match".to_string(),
        };
        Err(Error::Unreadable {
            version: serialized.to_string(),
            pattern: self.config.parse.clone(),
            config: self.config.source.as_ref().map(|s| s.path.clone()),
            reason,
        })
    }

    /// A version as the config spells it (the scheme's spelling under a scheme).
    pub fn serialize(&self, v: &Version, ctx: &Context) -> Result<String> {
        let s = self
            .format
            .serialize(v, ctx)
            .map_err(|e| self.config.placed(e))?;
        Ok(match self.config.scheme {
            Some(sc) => scheme::respell(&s, sc.form()),
            None => s,
        })
    }

    /// The base template context (no part values).
    pub fn context(&self) -> Context {
        context::base(&self.scm, self.current_version.as_deref())
    }

    /// Refuse when tracked files are modified (bump-my-version checks this even without commit).
    pub fn assert_clean(&self) -> Result<()> {
        self.start_clean_check()?.finish()
    }

    /// [`Project::assert_clean`] started in the background; its verdict comes from
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
            return self.parse_new_version(nv);
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
        Some(r) => Journal::new(r.git_dir.join("bumpsmith-journal"), &r.root),
        None => {
            let dir = config.and_then(Path::parent).unwrap_or(cwd);
            let dir = if dir.as_os_str().is_empty() { cwd } else { dir };
            Journal::new(dir.join(".bumpsmith-journal"), dir)
        }
    }
}
