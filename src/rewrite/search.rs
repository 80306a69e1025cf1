//! Search and replace for one file entry, with bump-my-version's semantics: the search template
//! is rendered and matched literally (or as a regex with the context escaped), the replacement
//! is rendered and applied as a Python `re.sub` template to every match.

use regex::Regex;

use super::text::{Splice, Text};
use crate::error::Result;
use crate::pyre;
use crate::template::{self, Context};

/// A rendered search pattern and replacement.
#[derive(Debug, Clone)]
pub struct Search {
    /// The search template rendered with the context (what a person would look for).
    pub raw: String,
    pub regex: Regex,
    pub replace: String,
    /// Set when a `regex = true` search failed to compile and the literal text is used instead.
    pub fallback_note: Option<String>,
}

impl Search {
    /// Render `search`/`replace` with `ctx`.
    pub fn new(search: &str, replace: &str, is_regex: bool, ctx: &Context) -> Result<Self> {
        let raw = template::render(search, ctx)?;
        let replace = template::render(replace, ctx)?;
        let literal = |raw: &str| -> Result<Regex> { pyre::compile(&regex::escape(raw), flags()) };
        let mut fallback_note = None;
        let regex = if is_regex {
            let escaped = ctx.map_plain(regex::escape);
            let pattern = template::render(search, &escaped)?;
            match pyre::compile(&pattern, flags()) {
                Ok(r) => r,
                Err(e) => {
                    fallback_note = Some(format!("{e}; searching for the literal text instead"));
                    literal(&raw)?
                }
            }
        } else {
            literal(&raw)?
        };
        Ok(Search {
            raw,
            regex,
            replace,
            fallback_note,
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// Replace every match in `orig`; `None` when nothing matched.
    pub fn apply(&self, orig: &str) -> Result<Option<String>> {
        let text = Text::new(orig);
        let mut splices = Vec::new();
        for caps in self.regex.captures_iter(text.norm()) {
            let m = caps.get(0).expect("group 0 always matches");
            let mut with = String::new();
            pyre::expand(&self.replace, &caps, &mut with)?;
            splices.push(Splice {
                start: m.start(),
                end: m.end(),
                with,
            });
        }
        if splices.is_empty() {
            return Ok(None);
        }
        Ok(Some(text.apply(&splices)))
    }

    /// The line (1-based) most like the first line of the search text, for error messages.
    pub fn closest_line(&self, text: &str) -> Option<(usize, String)> {
        let needle = self.raw.lines().find(|l| !l.trim().is_empty())?.trim();
        let mut best: Option<(f32, usize, &str)> = None;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.len() > 4 * needle.len() + 40 {
                continue;
            }
            let score = similar::TextDiff::from_chars(needle, t).ratio();
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, i + 1, line));
            }
        }
        best.filter(|b| b.0 >= 0.5)
            .map(|(_, n, l)| (n, l.to_string()))
    }
}

fn flags() -> pyre::Flags {
    pyre::Flags {
        verbose: false,
        multiline: true,
        dotall: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        let mut c = Context::new();
        c.set_str("current_version", "1.2.3");
        c.set_str("new_version", "1.2.4");
        c
    }

    #[test]
    fn literal_search_replaces_every_occurrence() {
        let s = Search::new("{current_version}", "{new_version}", false, &ctx()).unwrap();
        assert_eq!(
            s.apply("a 1.2.3 b 1.2.3\n").unwrap().unwrap(),
            "a 1.2.4 b 1.2.4\n"
        );
        assert!(s.apply("nothing").unwrap().is_none());
    }

    #[test]
    fn regex_search_escapes_the_context() {
        let s = Search::new(
            r#"__version__\s*=\s*['"]{current_version}['"]"#,
            r#"__version__ = "{new_version}""#,
            true,
            &ctx(),
        )
        .unwrap();
        assert_eq!(
            s.apply("__version__   =   '1.2.3'\nX = '1x2x3'\n")
                .unwrap()
                .unwrap(),
            "__version__ = \"1.2.4\"\nX = '1x2x3'\n"
        );
    }

    #[test]
    fn closest_line_finds_the_near_miss() {
        let s = Search::new("version = \"{current_version}\"", "x", false, &ctx()).unwrap();
        let (line, text) = s
            .closest_line("name = \"x\"\nversion = \"1.2.2\"\n")
            .unwrap();
        assert_eq!((line, text.as_str()), (2, "version = \"1.2.2\""));
    }
}
