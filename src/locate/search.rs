//! Search and replace for one file entry, with bump-my-version's semantics: the search template
//! is rendered and matched literally (or as a regex with the context escaped), the replacement
//! is rendered and applied as a Python `re.sub` template to every match.
//!
//! A literal search (the default, `{current_version}`, and any `regex = false` entry) is found
//! with `str::match_indices`: the same non-overlapping, left-to-right matches as the escaped regex
//! bump-my-version compiles, without compiling one (~50k instructions per entry).

use crate::error::Result;
use crate::python::re::{self, Pattern, Whole};
use crate::template::{self, Context};
use crate::text::{Splice, Text};

/// A rendered search pattern and replacement.
#[derive(Debug, Clone)]
pub struct Search {
    /// The search template rendered with the context (what a person would look for).
    pub raw: String,
    /// What finds the matches (the field keeps the name it had when it always was a regex).
    pub regex: Finder,
    pub replace: String,
    /// Set when a `regex = true` search failed to compile and the literal text is used instead.
    pub fallback_note: Option<String>,
}

/// How a search finds its matches.
#[derive(Debug, Clone)]
pub enum Finder {
    /// The text itself (never empty: an empty search is left to the regex engine, whose empty
    /// matches fall between characters).
    Literal(String),
    Regex(Pattern),
}

/// Where a match is, in the haystack's byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    start: usize,
    end: usize,
}

impl Hit {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
}

impl Finder {
    /// The first match in `hay` (none, for a search out of its backtracking budget: `apply`
    /// reports that).
    pub fn find(&self, hay: &str) -> Option<Hit> {
        match self {
            Finder::Literal(lit) => hay.find(lit.as_str()).map(|start| Hit {
                start,
                end: start + lit.len(),
            }),
            Finder::Regex(re) => re.find(hay).ok().flatten().map(|m| Hit {
                start: m.start,
                end: m.end,
            }),
        }
    }

    pub fn is_match(&self, hay: &str) -> bool {
        match self {
            Finder::Literal(lit) => hay.contains(lit.as_str()),
            Finder::Regex(re) => re.is_match(hay).unwrap_or(false),
        }
    }
}

impl Search {
    /// Render `search`/`replace` with `ctx`.
    pub fn new(search: &str, replace: &str, is_regex: bool, ctx: &Context) -> Result<Self> {
        let raw = template::render(search, ctx)?;
        let replace = template::render(replace, ctx)?;
        let literal = |raw: &str| -> Result<Finder> {
            if raw.is_empty() {
                return Ok(Finder::Regex(Pattern::new("", flags())?));
            }
            Ok(Finder::Literal(raw.to_string()))
        };
        let mut fallback_note = None;
        let finder = if is_regex {
            let escaped = ctx.map_plain(regex::escape);
            let pattern = template::render(search, &escaped)?;
            match Pattern::new(&pattern, flags()) {
                Ok(r) => Finder::Regex(r),
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
            regex: finder,
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
        match &self.regex {
            Finder::Literal(lit) => {
                let mut found = text.norm().match_indices(lit.as_str()).peekable();
                if let Some(&(_, m)) = found.peek() {
                    // every match is the same text, so the replacement is expanded once
                    let mut with = String::new();
                    re::expand(&self.replace, &Whole(m), &mut with)?;
                    splices.extend(found.map(|(start, m)| Splice {
                        start,
                        end: start + m.len(),
                        with: with.clone(),
                    }));
                }
            }
            Finder::Regex(re) => {
                for caps in re.captures_iter(text.norm()) {
                    let caps = caps?;
                    let m = caps.range();
                    let mut with = String::new();
                    re::expand(&self.replace, &caps, &mut with)?;
                    splices.push(Splice {
                        start: m.start,
                        end: m.end,
                        with,
                    });
                }
            }
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

fn flags() -> re::Flags {
    re::Flags {
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
    fn literal_search_matches_as_the_escaped_regex_would() {
        let mut c = ctx();
        c.set_str("current_version", "1.1");
        let lit = Search::new("v{current_version}.*", r"[\g<0>|\0|\g<x>]", false, &c).unwrap();
        assert!(matches!(lit.regex, Finder::Literal(_)));
        let escaped = Pattern::new(&regex::escape(&lit.raw), flags()).unwrap();
        let re = Search {
            regex: Finder::Regex(escaped),
            ..lit.clone()
        };
        for text in [
            "v1.1.* v1.1.1.* v1.1.*v1.1.*\r\nx",
            "é v1.1.*\rv1.1.*\r",
            "v1.1 v1x1.*",
        ] {
            assert_eq!(
                lit.apply(text).unwrap(),
                re.apply(text).unwrap(),
                "{text:?}"
            );
            assert_eq!(lit.is_match(text), re.is_match(text), "{text:?}");
            assert_eq!(lit.regex.find(text), re.regex.find(text), "{text:?}");
        }
        assert_eq!(
            lit.apply("v1.1.*v1.1.*").unwrap().unwrap(),
            "[v1.1.*|v1.1.*|][v1.1.*|v1.1.*|]"
        );
        // a group the literal does not have is an error, as it is for the regex
        let bad = Search::new("{current_version}", r"\1", false, &c).unwrap();
        assert!(bad.apply("1.1").is_err());
        assert!(bad.apply("nothing").unwrap().is_none());
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
