//! Writing the new `current_version` back into the config file it came from, changing nothing
//! else: the value's byte span for TOML (found through toml_edit), a line-preserving regex edit
//! for INI.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::ini;
use super::model::Format;
use super::toml;
use crate::error::Result;

use crate::text::toml::basic_string;

/// Replace the value at `keys` (a string) using `f` on its current value; returns the new text,
/// or `None` when the key is missing or not a string.
fn edit_toml_string(
    path: &Path,
    text: &str,
    keys: &[&str],
    f: impl FnOnce(&str) -> String,
) -> Result<Option<String>> {
    let Some((value, span)) = toml::string_at(path, text, keys)? else {
        return Ok(None);
    };
    let new = f(&value);
    if new == value {
        return Ok(None);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..span.start]);
    out.push_str(&basic_string(&new));
    out.push_str(&text[span.end..]);
    Ok(Some(out))
}

/// The config text with `current_version` (at `keys` in TOML) set to `new_version`.
///
/// `pep621` also moves a static `[project] version` of a `pyproject.toml` along, as
/// bump-my-version does (replacing `old_version` within it).
pub fn update(
    path: &Path,
    format: &Format,
    text: &str,
    keys: &[&str],
    old_version: &str,
    new_version: &str,
    pep621: bool,
) -> Result<Option<String>> {
    match format {
        Format::Toml => {
            let mut cur = text.to_string();
            let mut changed = false;
            if let Some(t) = edit_toml_string(path, &cur, keys, |_| new_version.to_string())? {
                cur = t;
                changed = true;
            }
            if pep621 && !old_version.is_empty() {
                if let Some(t) = edit_toml_string(path, &cur, &["project", "version"], |v| {
                    v.replace(old_version, new_version)
                })? {
                    cur = t;
                    changed = true;
                }
            }
            Ok(changed.then_some(cur))
        }
        Format::Ini => {
            // The first line of the section that starts with the key (bump-my-version's greedy
            // `[^[]*` would edit the last `current_version = X` anywhere in the section, such
            // as inside a `message`, and leave the key stale); the section header starts its
            // line, as ConfigParser reads it (`[x[bumpversion]` is section `x[bumpversion`).
            // The value is edited where it starts with the old version, as bump-my-version
            // does, except that a value reading as the old version only once autocast (`1.040`
            // is the float `1.04`) is replaced whole: the prefix edit would write `9.8.70`.
            static KEY: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r"(?m)(^\[bumpversion\]\r?\n(?:[^\[]*?\n)??current_version\s*=\s*)([^\r\n]*)",
                )
                .expect("static pattern")
            });
            let mut changed = false;
            let out = KEY.replace_all(text, |c: &regex::Captures<'_>| {
                let (head, value) = (&c[1], &c[2]);
                let shown = value.trim_end_matches([' ', '\t']);
                let cast = !shown.is_empty()
                    && shown != old_version
                    && ini::current_version_of(shown) == old_version;
                let rest = if cast {
                    Some(&value[shown.len()..])
                } else {
                    value.strip_prefix(old_version)
                };
                match rest {
                    Some(rest) => {
                        changed = true;
                        format!("{head}{new_version}{rest}")
                    }
                    None => c[0].to_string(),
                }
            });
            Ok(changed.then(|| out.into_owned()))
        }
        Format::Unknown => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &[&str] = &["tool", "bumpversion", "current_version"];

    /// The INI write-back of `old` → `new` in `text` (a `.bumpversion.cfg`).
    fn ini(text: &str, old: &str, new: &str) -> Option<String> {
        update(
            Path::new(".bumpversion.cfg"),
            &Format::Ini,
            text,
            CV,
            old,
            new,
            false,
        )
        .unwrap()
    }

    #[test]
    fn toml_keeps_comments_and_switches_to_basic_quotes() {
        let text = "# c\n[tool.bumpversion]\ncurrent_version = '0.9.4'  # keep\ncommit = false\n";
        let out = update(
            Path::new("a.toml"),
            &Format::Toml,
            text,
            CV,
            "0.9.4",
            "0.9.5",
            false,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            out,
            "# c\n[tool.bumpversion]\ncurrent_version = \"0.9.5\"  # keep\ncommit = false\n"
        );
    }

    #[test]
    fn pyproject_moves_pep621_version() {
        let text =
            "[project]\nversion = \"1.0.0\"\n\n[tool.bumpversion]\ncurrent_version = \"1.0.0\"\r\n";
        let out = update(
            Path::new("pyproject.toml"),
            &Format::Toml,
            text,
            CV,
            "1.0.0",
            "1.1.0",
            true,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            out,
            "[project]\nversion = \"1.1.0\"\n\n[tool.bumpversion]\ncurrent_version = \"1.1.0\"\r\n"
        );
    }

    #[test]
    fn ini_edits_the_key_not_a_value_that_mentions_it() {
        // found by fuzzing the INI write-back: the greedy pattern edited the message instead
        let text = "[bumpversion]\ncurrent_version = 1.0.0\nmessage = bump current_version = 1.0.0 to {new_version}\n";
        assert_eq!(
            ini(text, "1.0.0", "1.0.1"),
            Some(text.replacen("1.0.0", "1.0.1", 1))
        );
    }

    /// Found by fuzzing the INI write-back: `1.040` reads as the float `1.04` (bump-my-version's
    /// autocast), and editing that prefix wrote `9.8.70` for `9.8.7`.
    #[test]
    fn ini_replaces_a_value_that_reads_as_the_old_version_whole() {
        let ini = |text: &str, old: &str| ini(text, old, "9.8.7");
        assert_eq!(
            ini("[bumpversion]\ncurrent_version = 1.040  \n", "1.04").as_deref(),
            Some("[bumpversion]\ncurrent_version = 9.8.7  \n")
        );
        // the usual case, unchanged: the old version replaced where it starts the value
        assert_eq!(
            ini("[bumpversion]\ncurrent_version = 1.0.0\r\n", "1.0.0").as_deref(),
            Some("[bumpversion]\ncurrent_version = 9.8.7\r\n")
        );
        // `[x[bumpversion]` is section `x[bumpversion` to ConfigParser: not edited
        let two =
            "[x[bumpversion]\ncurrent_version = 1.0.0\n[bumpversion]\ncurrent_version = 1.0.0\n";
        assert_eq!(
            ini(two, "1.0.0").as_deref(),
            Some("[x[bumpversion]\ncurrent_version = 1.0.0\n[bumpversion]\ncurrent_version = 9.8.7\n")
        );
        assert_eq!(
            ini("[bumpversion]\ncurrent_version = 2.0.0\n", "1.0.0"),
            None
        );
    }

    #[test]
    fn ini_edits_only_the_bumpversion_section() {
        let text = "[bumpversion]\r\ncurrent_version = 1.0.0\r\n\r\n[bumpversion:file:x]\r\nsearch = current_version = 1.0.0\r\n";
        assert_eq!(
            ini(text, "1.0.0", "1.0.1"),
            Some(text.replacen("1.0.0", "1.0.1", 1))
        );
    }
}
