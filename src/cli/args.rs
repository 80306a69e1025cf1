//! The command line (clap derive). Its doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Bump version strings, commit and tag: a fast, drop-in replacement for bump-my-version.
///
/// `bump <PART> [FILES]...` bumps a part (`bump minor`); `bump --new-version 2.0.0` sets a
/// version. `bump bump ...` is the same thing, so scripts can swap `bump-my-version` for `bump`.
#[derive(Debug, Parser)]
#[command(
    name = "bump",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_precedence_over_arg = true,
    after_help = "Examples:\n  bump patch                    1.2.3 -> 1.2.4, files rewritten, committed/tagged as configured\n  bump minor --dry-run          show the diff and the commit/tag, change nothing\n  bump --new-version 2.0.0      set an explicit version\n  bump show current_version     print a config value\n  bump show-bump                what each part bump would give"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub bump: BumpArgs,

    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces
    /// it).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, env = "BUMP_COLOR")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub verbosity: Verbosity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Change the version (the default command: `bump bump minor` = `bump minor`).
    Bump(BumpArgs),
    /// Show configuration values: `bump show current_version`, `bump show files.0.filename`.
    #[command(
        after_help = "Examples:\n  bump show current_version\n  bump show --increment minor new_version\n  bump show --format json"
    )]
    Show(ShowArgs),
    /// Show the version each part bump would give.
    #[command(name = "show-bump")]
    #[command(
        after_help = "Examples:\n  bump show-bump           from the current version\n  bump show-bump 2.0.0-rc.1 --ascii"
    )]
    ShowBump(ShowBumpArgs),
    /// Replace the version in files without bumping, committing or tagging.
    #[command(
        after_help = "Example:\n  bump replace --new-version 1.2.4 --no-configured-files VERSION"
    )]
    Replace(ReplaceArgs),
    /// Verify that every configured location holds its version (and that a release tag matches).
    #[command(
        after_help = "Examples:\n  bump check                          pre-commit: all version strings agree\n  bump check --tag \"$GITHUB_REF_NAME\"  CI: the pushed tag names the package version\n  bump check --tag-exists             refuse when the tag for this version exists\n  bump check --format github          workflow annotations\n\nExit codes: 0 consistent, 1 inconsistent, 2 config or usage error."
    )]
    Check(CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Example:\n  bump completions bash > ~/.local/share/bash-completion/completions/bump"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  bump man > ~/.local/share/man/man1/bump.1")]
    Man,
    /// Start or continue a pre-release (needs `scheme`): `0.1.18` → `0.1.19-rc.1` → `0.1.19-rc.2`.
    #[command(
        mut_arg("args", files_only),
        mut_arg("new_version", chosen),
        mut_arg("to_value", chosen)
    )]
    #[command(
        after_help = "Examples:\n  bump pre                      0.1.18 -> 0.1.19-rc.1, then 0.1.19-rc.2\n  bump pre --level minor        0.1.18 -> 0.2.0-rc.1\n  bump pre --label beta         0.2.0-alpha.3 -> 0.2.0-beta.1"
    )]
    Pre(PreArgs),
    /// Finalize a pre-release (needs `scheme`): `0.1.19-rc.3` → `0.1.19`.
    #[command(
        mut_arg("args", files_only),
        mut_arg("new_version", chosen),
        mut_arg("to_value", chosen)
    )]
    #[command(
        after_help = "Examples:\n  bump release             0.1.19-rc.3 -> 0.1.19 (files, commit, tag as configured)\n  bump release --dry-run   show the diff first"
    )]
    Release(BumpArgs),
    /// Print a sample `.bumpversion.toml`.
    #[command(name = "sample-config")]
    #[command(
        after_help = "Examples:\n  bump sample-config > .bumpversion.toml\n  bump sample-config --destination .bumpversion.toml"
    )]
    SampleConfig(SampleConfigArgs),
    /// Find the files that hold the version and write a `.bumpversion.toml` for them.
    #[command(
        after_help = "Reads pyproject.toml, setup.py/setup.cfg, __init__.py/_version.py, package.json and its lock, Cargo.toml/Cargo.lock, Dockerfiles, CI workflows, VERSION and Chart.yaml by their structure, skipping .gitignored and vendored directories.\n\nExamples:\n  bump init --dry-run     print the config, write nothing\n  bump init --force       replace an existing .bumpversion.toml"
    )]
    Init(InitArgs),
    /// List every mention of VERSION, in any of its spellings, and flag those the config misses.
    #[command(
        after_help = "Each line is `path:line: text`; `[not configured]` marks files the configuration does not list. Exits 1 when the version is mentioned nowhere.\n\nExample:\n  bump find 1.2.0rc1      also finds 1.2.0-rc.1"
    )]
    Find(FindArgs),
    /// Print (or --write) the changelog section the next release would get, from conventional commits.
    #[command(
        after_help = "Examples:\n  bump changelog                 the next release's section, printed\n  bump changelog --write         update CHANGELOG.md\n  bump changelog --unreleased --write   fill the Unreleased section\n  bump changelog --all --write   add a section for every release tag (bootstrap)\n  bump changelog --format json   the parsed commits and their grouping"
    )]
    Changelog(super::changelog::ChangelogArgs),
    /// Restore the tree an interrupted bump left half-done, from its journal.
    #[command(
        after_help = "Commands that change files recover on their own before they start; those that only read (show, check, find, changelog without --write, --dry-run) report a journal and leave it.\n\nExamples:\n  bump recover             restore the files (and undo the commit and tag) of an interrupted bump\n  bump recover --discard   remove a journal without applying it (one bump refused to replay)"
    )]
    Recover(RecoverArgs),
    /// Print the next version the conventional commits since the last release call for.
    #[command(
        after_help = "Examples:\n  bump next                1.4.2 with a `feat:` since v1.4.1 -> 1.5.0 (exit 1: nothing to release)\n  bump next --component sdk"
    )]
    Next(super::changelog::NextArgs),
    /// Bump the part the conventional commits since the last release call for.
    #[command(
        mut_arg("args", files_only),
        mut_arg("new_version", chosen),
        mut_arg("to_value", chosen)
    )]
    #[command(
        after_help = "Examples:\n  bump auto                bump the part the commits call for\n  bump auto --dry-run"
    )]
    Auto(BumpArgs),
}

/// The positional arguments of a command that chooses the part itself (`auto`, `pre`,
/// `release`): extra files only.
fn files_only(arg: clap::Arg) -> clap::Arg {
    arg.value_name("FILES").help("Extra files to modify")
}

/// `--new-version` and `--to` in a command that chooses the version: not in its help, and
/// refused with a reason when given.
fn chosen(arg: clap::Arg) -> clap::Arg {
    arg.hide(true)
}

/// Options shared by commands that read the configuration.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root).
    #[arg(long, value_name = "FILE", env = "BUMPVERSION_CONFIG_FILE")]
    pub config_file: Option<PathBuf>,
    /// The current version, instead of the config's `current_version`.
    #[arg(long, value_name = "VERSION", env = "BUMPVERSION_CURRENT_VERSION")]
    pub current_version: Option<String>,
    /// The component to act on, when the config declares `[tool.bumpversion.components.NAME]`.
    #[arg(long, value_name = "NAME", env = "BUMP_COMPONENT")]
    pub component: Option<String>,
}

/// Output verbosity, taken before or after the command's name (`bump -v check`, `bump check -v`).
#[derive(Debug, Args, Clone, Default)]
pub struct Verbosity {
    /// More output (repeat for more).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Print only errors on stderr (no status or warnings); data on stdout is printed as ever.
    #[arg(short, long, conflicts_with = "verbose", global = true)]
    pub quiet: bool,
}

/// `--flag/--no-flag` pair, also settable by a `BUMPVERSION_*` variable.
macro_rules! flag_pair {
    ($name:ident, $no:ident) => {
        pub fn $name(&self) -> Option<bool> {
            crate::cli::env_bool_pair(
                self.$name,
                self.$no,
                &format!("BUMPVERSION_{}", stringify!($name).to_uppercase()),
            )
        }
    };
}

/// Arguments of `bump` / `bump bump`.
#[derive(Debug, Args, Clone, Default)]
pub struct BumpArgs {
    #[command(flatten)]
    pub config: ConfigArgs,

    /// Regex parsing the version string.
    #[arg(long, value_name = "REGEX", env = "BUMPVERSION_PARSE")]
    pub parse: Option<String>,
    /// How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE,
    /// formats separated by spaces).
    #[arg(long, value_name = "FORMAT")]
    pub serialize: Vec<String>,
    /// Template for the complete string to search.
    #[arg(long, value_name = "SEARCH", env = "BUMPVERSION_SEARCH")]
    pub search: Option<String>,
    /// Template for the complete string to replace.
    #[arg(long, value_name = "REPLACE", env = "BUMPVERSION_REPLACE")]
    pub replace: Option<String>,
    /// Treat the search string as a regular expression.
    #[arg(long, overrides_with = "no_regex")]
    pub regex: bool,
    /// Treat the search string as literal text.
    #[arg(long, overrides_with = "regex")]
    pub no_regex: bool,
    /// Only change files named on the command line.
    #[arg(long)]
    pub no_configured_files: bool,
    /// Ignore configured files that are missing.
    #[arg(long, overrides_with = "no_ignore_missing_files")]
    pub ignore_missing_files: bool,
    #[arg(long, hide = true, overrides_with = "ignore_missing_files")]
    pub no_ignore_missing_files: bool,
    /// Ignore files where the version is missing.
    #[arg(long, overrides_with = "no_ignore_missing_version")]
    pub ignore_missing_version: bool,
    #[arg(long, hide = true, overrides_with = "ignore_missing_version")]
    pub no_ignore_missing_version: bool,
    /// Change nothing; print the diff and the commit/tag that would be made.
    #[arg(short = 'n', long)]
    pub dry_run: bool,
    /// Commit to version control.
    #[arg(long, overrides_with = "no_commit")]
    pub commit: bool,
    /// Do not commit, whatever the config says.
    #[arg(long, overrides_with = "commit")]
    pub no_commit: bool,
    /// Create a tag in version control.
    #[arg(long, overrides_with = "no_tag")]
    pub tag: bool,
    /// Do not tag, whatever the config says.
    #[arg(long, overrides_with = "tag")]
    pub no_tag: bool,
    /// Push the tag (and moved `moveable_tags`) to `origin`, when there is such a remote.
    #[arg(long, overrides_with = "no_push_tag")]
    pub push_tag: bool,
    /// Do not push the tag, whatever the config says.
    #[arg(long, overrides_with = "push_tag")]
    pub no_push_tag: bool,
    /// Sign tags if created.
    #[arg(long, overrides_with = "no_sign_tags")]
    pub sign_tags: bool,
    /// Do not sign tags, whatever the config says.
    #[arg(long, overrides_with = "sign_tags")]
    pub no_sign_tags: bool,
    /// Tag name template (used when tagging).
    #[arg(long, value_name = "TAG_NAME", env = "BUMPVERSION_TAG_NAME")]
    pub tag_name: Option<String>,
    /// Tag message (empty: a lightweight tag).
    #[arg(long, value_name = "TAG_MESSAGE", env = "BUMPVERSION_TAG_MESSAGE")]
    pub tag_message: Option<String>,
    /// Commit message.
    #[arg(short, long, value_name = "COMMIT_MSG", env = "BUMPVERSION_MESSAGE")]
    pub message: Option<String>,
    /// Extra arguments to `git commit`.
    #[arg(
        long,
        value_name = "COMMIT_ARGS",
        env = "BUMPVERSION_COMMIT_ARGS",
        allow_hyphen_values = true
    )]
    pub commit_args: Option<String>,
    /// Don't abort if the working directory is dirty.
    #[arg(long, overrides_with = "no_allow_dirty")]
    pub allow_dirty: bool,
    /// Abort if the working directory is dirty, whatever the config says.
    #[arg(long, overrides_with = "allow_dirty")]
    pub no_allow_dirty: bool,
    /// Let files outside the repository root be changed (`../x`, absolute paths, symlinks to
    /// elsewhere); without it they are refused.
    #[arg(long)]
    pub allow_outside_repo: bool,

    // last: `auto`, `pre` and `release` change these three (`mut_arg`), which moves every
    // argument after them
    /// New version that should be in the files.
    #[arg(long, value_name = "VERSION", env = "BUMPVERSION_NEW_VERSION")]
    pub new_version: Option<String>,
    /// Set PART to this value instead of incrementing it.
    #[arg(long = "to", value_name = "VALUE", env = "BUMPVERSION_TO")]
    pub to_value: Option<String>,
    /// PART to bump (e.g. `minor`), then extra FILES to modify.
    #[arg(value_name = "PART [FILES]")]
    pub args: Vec<String>,
}

impl BumpArgs {
    flag_pair!(regex, no_regex);
    flag_pair!(ignore_missing_files, no_ignore_missing_files);
    flag_pair!(ignore_missing_version, no_ignore_missing_version);
    flag_pair!(commit, no_commit);
    flag_pair!(tag, no_tag);
    flag_pair!(push_tag, no_push_tag);
    flag_pair!(sign_tags, no_sign_tags);
    flag_pair!(allow_dirty, no_allow_dirty);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Default,
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Dotted names of values to show (e.g. `current_version`, `files.0.filename`); none or
    /// `all`: every value.
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ShowFormat::Default, env = "BUMPVERSION_FORMAT")]
    pub format: ShowFormat,
    /// Increment this part and add `new_version` to the values.
    #[arg(short, long, value_name = "PART", env = "BUMPVERSION_INCREMENT")]
    pub increment: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowBumpArgs {
    /// Version to start from (default: the current version).
    pub version: Option<String>,
    /// Config file to read (default: the one `bump` would find).
    #[arg(long, value_name = "FILE", env = "BUMPVERSION_CONFIG_FILE")]
    pub config_file: Option<PathBuf>,
    /// The component to show, when the config declares components.
    #[arg(long, value_name = "NAME")]
    pub component: Option<String>,
    /// Draw with ASCII characters only.
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Args)]
pub struct ReplaceArgs {
    /// Extra files to modify.
    pub files: Vec<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// New version that should be in the files (default: the current version).
    #[arg(long, value_name = "VERSION", env = "BUMPVERSION_NEW_VERSION")]
    pub new_version: Option<String>,
    /// Regex parsing the version string.
    #[arg(long, value_name = "REGEX", env = "BUMPVERSION_PARSE")]
    pub parse: Option<String>,
    /// How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE,
    /// formats separated by spaces).
    #[arg(long, value_name = "FORMAT")]
    pub serialize: Vec<String>,
    /// Search template for every file (overrides the configured ones).
    #[arg(long, value_name = "SEARCH", env = "BUMPVERSION_SEARCH")]
    pub search: Option<String>,
    /// Replace template for every file (overrides the configured ones).
    #[arg(long, value_name = "REPLACE", env = "BUMPVERSION_REPLACE")]
    pub replace: Option<String>,
    /// Treat the search string as a regular expression.
    #[arg(long, overrides_with = "no_regex")]
    pub regex: bool,
    /// Treat the search string as literal text.
    #[arg(long, overrides_with = "regex")]
    pub no_regex: bool,
    /// Only change files named on the command line.
    #[arg(long)]
    pub no_configured_files: bool,
    /// Ignore configured files that are missing.
    #[arg(long)]
    pub ignore_missing_files: bool,
    /// Ignore files where the version is missing.
    #[arg(long)]
    pub ignore_missing_version: bool,
    /// Change nothing; print the diff that would be made.
    #[arg(short = 'n', long)]
    pub dry_run: bool,
    /// Don't abort if the working directory is dirty.
    #[arg(long, overrides_with = "no_allow_dirty")]
    pub allow_dirty: bool,
    /// Abort if the working directory is dirty, whatever the config says.
    #[arg(long, overrides_with = "allow_dirty")]
    pub no_allow_dirty: bool,
    /// Let files outside the repository root be changed; without it they are refused.
    #[arg(long)]
    pub allow_outside_repo: bool,
}

impl ReplaceArgs {
    flag_pair!(regex, no_regex);
    flag_pair!(allow_dirty, no_allow_dirty);
}

#[derive(Debug, Args)]
pub struct SampleConfigArgs {
    /// Write the sample here instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub destination: Option<PathBuf>,
    /// Accepted for compatibility; bump never prompts.
    #[arg(long, hide = true)]
    pub no_prompt: bool,
    #[arg(long, hide = true)]
    pub prompt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line on success, `path:line: expected X, found Y` per problem.
    Human,
    /// GitHub Actions annotations (`::error file=PATH,line=N::message`).
    Github,
    /// A JSON document (schema 1; see the README).
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Config file to read (default: the one `bump` would find).
    #[arg(long, value_name = "FILE", env = "BUMPVERSION_CONFIG_FILE")]
    pub config_file: Option<PathBuf>,
    /// Check only this component.
    #[arg(long, value_name = "NAME")]
    pub component: Option<String>,
    /// A release tag that must name the package version (`v` prefix optional). Without it, the
    /// tag of a CI tag build is used (GITHUB_REF_TYPE=tag, GITHUB_REF=refs/tags/..., CI_COMMIT_TAG, BITBUCKET_TAG).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Check the release tag pointing at HEAD, if one does (an untagged HEAD passes).
    #[arg(long, conflicts_with = "tag")]
    pub tag_from_head: bool,
    /// Do not read the release tag from CI environment variables.
    #[arg(long)]
    pub no_env_tag: bool,
    /// Fail when the tag for the current version already exists.
    #[arg(long)]
    pub tag_exists: bool,
    /// Fail when the config holds no location to check (no file entries, or only missing ones).
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Print the configuration instead of writing `.bumpversion.toml`.
    #[arg(short = 'n', long)]
    pub dry_run: bool,
    /// Overwrite an existing `.bumpversion.toml`.
    #[arg(long)]
    pub force: bool,
    /// Survey files matching GLOB too, even under tests/, test/, examples/, docs/, fixtures/,
    /// vendor/, node_modules/ or third_party/ (skipped by default); a README or other file
    /// without a kind is searched for the version. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Never survey files matching GLOB. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// The project's current version, instead of the one the root manifest (pyproject.toml,
    /// setup.cfg, setup.py, package.json, Cargo.toml, Chart.yaml, VERSION) or most files hold.
    #[arg(long, value_name = "VERSION")]
    pub current_version: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Remove the journal without applying it (after looking at what it holds).
    #[arg(long)]
    pub discard: bool,
}

#[derive(Debug, Args)]
pub struct FindArgs {
    /// The version to look for (`1.2.3`, `1.2.0rc1`, `v2.0.0-beta.1`).
    pub version: String,
    /// Config file whose files count as covered (default: the one `bump` would read).
    #[arg(long, value_name = "FILE", env = "BUMPVERSION_CONFIG_FILE")]
    pub config_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PreArgs {
    /// Which release the pre-release leads to, when starting from a final release.
    #[arg(long, value_name = "PART", default_value = "patch")]
    pub level: String,
    /// Pre-release label: alpha, beta or rc (default: rc, or the current label).
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
    #[command(flatten)]
    pub bump: BumpArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_shown_argument_says_what_it_does() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if !arg.is_hide_set() && arg.get_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sc in cmd.get_subcommands() {
                walk(sc, &format!("{path} {}", sc.get_name()), missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "bump", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }

    #[test]
    fn bump_and_bump_bump_parse_alike() {
        let a = Cli::try_parse_from(["bump", "patch", "--dry-run"]).unwrap();
        assert!(a.command.is_none());
        assert_eq!(a.bump.args, ["patch"]);
        assert!(a.bump.dry_run);
        let b = Cli::try_parse_from(["bump", "bump", "--dry-run", "patch"]).unwrap();
        let Some(Command::Bump(b)) = b.command else {
            panic!("expected the bump subcommand")
        };
        assert_eq!(b.args, ["patch"]);
        assert!(b.dry_run);
    }
}
