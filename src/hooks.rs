//! setup / pre-commit / post-commit hooks, run as bump-my-version runs them: split into argv by
//! shell-word rules and executed without a shell, unless `allow_shell_hooks` is set; version
//! placeholders filled in (shell-quoted); `BVHOOK_*` variables in the environment.

use std::collections::HashMap;
use std::process::{Command, Stdio};

use regex::Regex;

use crate::context::ScmInfo;
use crate::error::{Error, Result};
use crate::version::Version;

const PREFIX: &str = "BVHOOK_";

/// Which stage a hook runs at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Setup,
    PreCommit,
    PostCommit,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Setup => "setup",
            Stage::PreCommit => "pre-commit",
            Stage::PostCommit => "post-commit",
        }
    }
}

/// Everything a hook's environment and placeholders are made from.
pub struct HookInput<'a> {
    pub scm: &'a ScmInfo,
    pub current_version: &'a str,
    pub current: &'a Version,
    /// New version, its serialized form and tag (absent for setup hooks).
    pub new: Option<(&'a Version, &'a str, &'a str)>,
}

fn has_shell_syntax(script: &str) -> bool {
    script.chars().any(|c| "|;&`$<>()\n\r".contains(c))
}

/// The `BVHOOK_*` environment for a stage.
pub fn environment(input: &HookInput<'_>) -> HashMap<String, String> {
    let mut env = HashMap::new();
    let mut set = |k: &str, v: String| {
        env.insert(format!("{PREFIX}{k}"), v);
    };
    set(
        "NOW",
        chrono::Local::now()
            .naive_local()
            .format("%Y-%m-%dT%H:%M:%S%.6f")
            .to_string(),
    );
    set(
        "UTCNOW",
        chrono::Utc::now()
            .format("%Y-%m-%dT%H:%M:%S%.6f+00:00")
            .to_string(),
    );
    let s = input.scm;
    set("COMMIT_SHA", s.commit_sha.clone().unwrap_or_default());
    set(
        "SHORT_COMMIT_SHA",
        s.short_commit_sha.clone().unwrap_or_default(),
    );
    set(
        "DISTANCE_TO_LATEST_TAG",
        s.distance_to_latest_tag.to_string(),
    );
    set(
        "IS_DIRTY",
        s.dirty
            .map_or("None", |d| if d { "True" } else { "False" })
            .to_string(),
    );
    set("BRANCH_NAME", s.branch_name.clone().unwrap_or_default());
    set(
        "SHORT_BRANCH_NAME",
        s.short_branch_name.clone().unwrap_or_default(),
    );
    set(
        "CURRENT_VERSION",
        s.current_version.clone().unwrap_or_default(),
    );
    set("CURRENT_TAG", s.current_tag.clone().unwrap_or_default());
    for (name, value) in input.current.iter() {
        set(
            &format!("CURRENT_{}", name.to_uppercase()),
            value.to_string(),
        );
    }
    if let Some((v, new_version, tag)) = input.new {
        for (name, value) in v.iter() {
            set(&format!("NEW_{}", name.to_uppercase()), value.to_string());
        }
        set("NEW_VERSION", new_version.to_string());
        set("NEW_TAG", tag.to_string());
        set("NEW_VERSION_TAG", tag.to_string());
    }
    env
}

fn placeholders(input: &HookInput<'_>) -> HashMap<String, String> {
    let mut ctx = HashMap::new();
    ctx.insert(
        "current_version".to_string(),
        input.current_version.to_string(),
    );
    for (n, v) in input.current.iter() {
        ctx.insert(format!("current_{n}"), v.to_string());
    }
    if let Some((v, new_version, _)) = input.new {
        ctx.insert("new_version".to_string(), new_version.to_string());
        for (n, val) in v.iter() {
            ctx.insert(format!("new_{n}"), val.to_string());
        }
    }
    ctx
}

/// Fill `{known_key}` placeholders with shell-quoted values; other braces stay.
fn fill(hook: &str, ctx: &HashMap<String, String>) -> String {
    static PLACEHOLDER: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"\{(\w+)\}").expect("static regex"));
    PLACEHOLDER
        .replace_all(hook, |c: &regex::Captures<'_>| match ctx.get(&c[1]) {
            Some(v) => shlex::try_quote(v)
                .map(|q| q.into_owned())
                .unwrap_or_else(|_| v.clone()),
            None => c[0].to_string(),
        })
        .into_owned()
}

/// What a run of hooks would do (for dry runs) or did.
pub fn prepare(hooks: &[String], input: &HookInput<'_>, allow_shell: bool) -> Vec<String> {
    if allow_shell {
        return hooks.to_vec();
    }
    let ctx = placeholders(input);
    hooks.iter().map(|h| fill(h, &ctx)).collect()
}

/// Run the hooks of one stage; the first failure stops the bump.
/// The command a hook runs (`None`: an empty hook), or why it cannot run: shell syntax without
/// `allow_shell_hooks`, unbalanced quotes, or a program that is not there.
fn command(stage: Stage, script: &str, allow_shell: bool) -> Result<Option<Command>> {
    let err = |message: String| Error::Hook {
        hook: script.to_string(),
        message,
    };
    if has_shell_syntax(script) {
        if !allow_shell {
            return Err(err(format!(
                "({} hook) contains shell syntax (pipes, redirects, or variable expansion); set `allow_shell_hooks = true` to run it through a shell, or rewrite it as a plain command",
                stage.name()
            )));
        }
        let mut c = Command::new("sh");
        c.arg("-c").arg(script);
        return Ok(Some(c));
    }
    let argv = shlex::split(script)
        .ok_or_else(|| err("cannot be split into words (unbalanced quotes)".into()))?;
    let Some((prog, args)) = argv.split_first() else {
        return Ok(None);
    };
    if !runnable(prog) {
        return Err(err(format!(
            "({} hook) cannot start: `{prog}` is not an executable file{}",
            stage.name(),
            if prog.contains('/') { "" } else { " on PATH" }
        )));
    }
    let mut c = Command::new(prog);
    c.args(args);
    Ok(Some(c))
}

/// Whether `prog` names an executable file: as a path when it holds a `/`, else on `PATH`.
fn runnable(prog: &str) -> bool {
    let exec =
        |p: &std::path::Path| std::fs::metadata(p).is_ok_and(|m| crate::sys::is_executable(&m));
    if prog.contains('/') {
        return exec(std::path::Path::new(prog));
    }
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            crate::sys::program_names(&dir, prog)
                .iter()
                .any(|p| exec(p))
        })
    })
}

/// Refuse, before anything is written, the hooks of `stage` that could not run (see
/// `command`): a release must not stop at a hook after its files, commit or tag exist.
pub fn validate(
    stage: Stage,
    hooks: &[String],
    input: &HookInput<'_>,
    allow_shell: bool,
) -> Result<()> {
    for script in prepare(hooks, input, allow_shell) {
        command(stage, &script, allow_shell)?;
    }
    Ok(())
}

pub fn run(stage: Stage, hooks: &[String], input: &HookInput<'_>, allow_shell: bool) -> Result<()> {
    if hooks.is_empty() {
        return Ok(());
    }
    let env = environment(input);
    for script in prepare(hooks, input, allow_shell) {
        let err = |message: String| Error::Hook {
            hook: script.clone(),
            message,
        };
        let Some(mut cmd) = command(stage, &script, allow_shell)? else {
            continue;
        };
        let out = cmd
            .envs(&env)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| err(format!("could not start: {e}")))?;
        if !out.status.success() {
            let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.push_str(&String::from_utf8_lossy(&out.stderr));
            return Err(err(format!(
                "({} hook) exited with {}{}",
                stage.name(),
                out.status
                    .code()
                    .map_or("a signal".into(), |c| c.to_string()),
                if text.trim().is_empty() {
                    String::new()
                } else {
                    format!(":\n{}", text.trim())
                }
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_quoted_and_unknown_braces_kept() {
        let mut ctx = HashMap::new();
        ctx.insert("new_version".to_string(), "1.0 beta".to_string());
        assert_eq!(
            fill("echo {new_version} {other}", &ctx),
            "echo '1.0 beta' {other}"
        );
    }

    #[test]
    fn shell_syntax_is_detected() {
        assert!(has_shell_syntax("echo $(id)"));
        assert!(has_shell_syntax("a | b"));
        assert!(!has_shell_syntax("make release VERSION=1.2"));
    }
}
