//! Writing the new `current_version` back into the config file it came from, changing nothing
//! else: the value's byte span for TOML (found through toml_edit), a line-preserving regex edit
//! for INI.

use std::path::Path;

use regex::Regex;

use super::model::Format;
use super::toml;
use crate::error::Result;

/// A TOML basic string holding `s`.
pub fn toml_basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

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
    out.push_str(&toml_basic_string(&new));
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
            // the first line of the section that starts with the key (bump-my-version's greedy
            // `[^[]*` would edit the last `current_version = X` anywhere in the section, such
            // as inside a `message`, and leave the key stale)
            let re = Regex::new(&format!(
                r"(\[bumpversion\]\r?\n(?:[^\[]*?\n)??current_version\s*=\s*){}",
                regex::escape(old_version)
            ))
            .expect("escaped pattern compiles");
            if !re.is_match(text) {
                return Ok(None);
            }
            let out = re.replace_all(text, |c: &regex::Captures<'_>| {
                format!("{}{new_version}", &c[1])
            });
            Ok(Some(out.into_owned()))
        }
        Format::Unknown => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &[&str] = &["tool", "bumpversion", "current_version"];

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
        let out = update(
            Path::new(".bumpversion.cfg"),
            &Format::Ini,
            text,
            CV,
            "1.0.0",
            "1.0.1",
            false,
        )
        .unwrap()
        .unwrap();
        assert_eq!(out, text.replacen("1.0.0", "1.0.1", 1));
    }

    #[test]
    fn ini_edits_only_the_bumpversion_section() {
        let text = "[bumpversion]\r\ncurrent_version = 1.0.0\r\n\r\n[bumpversion:file:x]\r\nsearch = current_version = 1.0.0\r\n";
        let out = update(
            Path::new(".bumpversion.cfg"),
            &Format::Ini,
            text,
            CV,
            "1.0.0",
            "1.0.1",
            false,
        )
        .unwrap()
        .unwrap();
        assert_eq!(out, text.replacen("1.0.0", "1.0.1", 1));
    }
}
