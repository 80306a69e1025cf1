//! Writing the new `current_version` back into the config file it came from, changing nothing
//! else: the value's byte span, found through toml_edit for TOML and by ConfigParser's rules for
//! INI.

use std::path::Path;

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

/// The versions a write-back replaces.
#[derive(Debug, Clone, Copy)]
pub struct Versions<'a> {
    /// `current_version` as the config writes it.
    pub old: &'a str,
    /// The current version as the parse/serialize formats write it: what bump-my-version's
    /// default search looks for within a TOML value (`1.2.3` in `1.2.3-beta`, when the parse
    /// pattern reads only `1.2.3`).
    pub old_serialized: &'a str,
    pub new: &'a str,
}

/// A TOML value after the write-back: bump-my-version's default search and replace within it
/// (so that text the parse pattern does not read stays, as it stays in the files), or the new
/// version whole where that search finds nothing (bump-my-version then leaves it stale).
fn moved(value: &str, v: &Versions<'_>) -> String {
    if !v.old_serialized.is_empty() && value.contains(v.old_serialized) {
        value.replace(v.old_serialized, v.new)
    } else {
        v.new.to_string()
    }
}

/// The config text with `current_version` (at `keys` in TOML) set to the new version.
///
/// `pep621` also moves a static `[project] version` of a `pyproject.toml` along, as
/// bump-my-version does (its default search and replace within it).
pub fn update(
    path: &Path,
    format: &Format,
    text: &str,
    keys: &[&str],
    versions: &Versions<'_>,
    pep621: bool,
) -> Result<Option<String>> {
    let (old_version, new_version) = (versions.old, versions.new);
    match format {
        Format::Toml => {
            let mut cur = text.to_string();
            let mut changed = false;
            if let Some(t) = edit_toml_string(path, &cur, keys, |v| moved(v, versions))? {
                cur = t;
                changed = true;
            }
            if pep621 && !old_version.is_empty() {
                if let Some(t) = edit_toml_string(path, &cur, &["project", "version"], |v| match v
                    .contains(versions.old_serialized)
                {
                    true if !versions.old_serialized.is_empty() => {
                        v.replace(versions.old_serialized, new_version)
                    }
                    _ => v.replace(old_version, new_version),
                })? {
                    cur = t;
                    changed = true;
                }
            }
            Ok(changed.then_some(cur))
        }
        Format::Ini => {
            // The `[bumpversion]` section's `current_version` key, found as ConfigParser finds
            // it (bump-my-version's pattern `\[bumpversion]\n[^[]*current_version` misses the
            // key after a `[` in the section, as in a parse pattern, and edits the last
            // `current_version = X` text of the section, as in a `message`, leaving the key
            // stale either way). The value is edited where it starts with the old version, as
            // bump-my-version does, except that a value reading as the old version only once
            // autocast (`1.040` is the float `1.04`) is replaced whole: the prefix edit would
            // write `9.8.70`.
            let Some(span) = ini::current_version_span(text) else {
                return Ok(None);
            };
            let value = &text[span.clone()];
            let shown = value.trim_end_matches([' ', '\t']);
            let cast = !shown.is_empty()
                && shown != old_version
                && ini::current_version_of(shown) == old_version;
            let rest = if cast {
                Some(&value[shown.len()..])
            } else {
                value.strip_prefix(old_version)
            };
            Ok(rest.map(|rest| {
                format!(
                    "{}{new_version}{rest}{}",
                    &text[..span.start],
                    &text[span.end..]
                )
            }))
        }
        Format::Unknown => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &[&str] = &["tool", "bumpversion", "current_version"];

    /// `old` → `new`, `old` serializing as itself.
    fn v<'a>(old: &'a str, new: &'a str) -> Versions<'a> {
        Versions {
            old,
            old_serialized: old,
            new,
        }
    }

    /// The INI write-back of `old` → `new` in `text` (a `.bumpversion.cfg`).
    fn ini(text: &str, old: &str, new: &str) -> Option<String> {
        update(
            Path::new(".bumpversion.cfg"),
            &Format::Ini,
            text,
            CV,
            &v(old, new),
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
            &v("0.9.4", "0.9.5"),
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
            &v("1.0.0", "1.1.0"),
            true,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            out,
            "[project]\nversion = \"1.1.0\"\n\n[tool.bumpversion]\ncurrent_version = \"1.1.0\"\r\n"
        );
    }

    /// Recorded with bump-my-version 1.8.1 (`bump-my-version bump patch` on this config and a
    /// file holding `1.2.3-beta`): the text the default parse does not read stays, in the
    /// config as in the file.
    #[test]
    fn toml_keeps_text_the_parse_pattern_does_not_read() {
        let text = "[tool.bumpversion]\ncurrent_version = \"1.2.3-beta\"\n";
        let versions = Versions {
            old: "1.2.3-beta",
            old_serialized: "1.2.3",
            new: "1.2.4",
        };
        let out = update(
            Path::new("a.toml"),
            &Format::Toml,
            text,
            CV,
            &versions,
            false,
        );
        assert_eq!(
            out.unwrap().as_deref(),
            Some("[tool.bumpversion]\ncurrent_version = \"1.2.4-beta\"\n")
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

    /// bump-my-version's write-back pattern cannot cross a `[` of the section, as in a parse
    /// pattern above the key: the config was left stale while the files were bumped.
    #[test]
    fn ini_finds_the_key_after_a_bracket_in_the_section() {
        let text = "[bumpversion]\nparse = (?P<major>\\d+)(-(?P<release>[a-z]+))?\nserialize =\n\t{major}-{release}\n\t{major}\ncurrent_version = 4 ; as of March\n";
        assert_eq!(
            ini(text, "4", "5-dev"),
            Some(text.replace("current_version = 4", "current_version = 5-dev"))
        );
        let colon = "[bumpversion]\r\ncurrent_version:1.0.0\r\n";
        assert_eq!(
            ini(colon, "1.0.0", "1.1.0").as_deref(),
            Some("[bumpversion]\r\ncurrent_version:1.1.0\r\n")
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
