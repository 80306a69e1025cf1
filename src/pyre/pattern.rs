//! A compiled Python pattern that is cheap to build when the text it searches is ASCII.
//!
//! Unicode classes make up most of a regex's compile time: `\d` alone is some 60 ranges, each a
//! chain of UTF-8 states, and the default `parse` pattern costs ~1.2M instructions to compile
//! (a quarter of a small bump). In ASCII text `\d`, `\w`, `\D` and `\W` match exactly their ASCII
//! members, so a [`Pattern`] searches ASCII haystacks with a translation that spells them
//! `[0-9]`, `[0-9A-Za-z_]`, ..., and compiles the full Unicode translation only when a haystack
//! holds other characters. The narrowed translation is valid exactly when the full one is (see
//! `ascii_class`); when it fails to compile anyway, the full one is compiled at once, so a bad
//! pattern is refused at the same moment and with the same message as before. (The one
//! difference: a pattern whose Unicode form is over the size limit while its ASCII form is not
//! is accepted, and finds nothing in non-ASCII text.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::{CaptureMatches, Captures, Match, Regex};

use super::{build, regex_error, translate_as, Flags, SIZE_LIMIT};
use crate::error::Result;

/// A Python-syntax pattern, compiled for ASCII haystacks and, on demand, for any haystack.
#[derive(Debug, Clone)]
pub struct Pattern(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    flags: Flags,
    /// The translation with its Unicode classes narrowed to ASCII; `None` when it has none.
    ascii: Option<Regex>,
    /// The full translation, compiled on first use when `ascii` is set (`None`: it failed to).
    full: OnceLock<Option<Regex>>,
    full_text: String,
}

impl Pattern {
    /// Compile `pattern` (Python syntax). Patterns are kept for the life of the process: the
    /// `parse` pattern is needed by the config check, the session and the plan.
    pub fn new(pattern: &str, flags: Flags) -> Result<Pattern> {
        static CACHE: OnceLock<Mutex<HashMap<(String, Flags), Pattern>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let key = (pattern.to_string(), flags);
        if let Some(p) = cache.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(p);
        }
        let p = Pattern(Arc::new(Inner::new(pattern, flags)?));
        if let Ok(mut m) = cache.lock() {
            m.insert(key, p.clone());
        }
        Ok(p)
    }

    /// The compiled regex to search `hay` with (`None` only if the full Unicode translation,
    /// needed for non-ASCII text, exceeds the size limit that the ASCII one fits in).
    fn regex_for(&self, hay: &str) -> Option<&Regex> {
        match &self.0.ascii {
            Some(r) if hay.is_ascii() => Some(r),
            _ => self.full(),
        }
    }

    fn full(&self) -> Option<&Regex> {
        let inner = &*self.0;
        inner
            .full
            .get_or_init(|| build(&inner.full_text, inner.flags, SIZE_LIMIT).ok())
            .as_ref()
    }

    /// The first match's groups (`re.search`).
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.regex_for(hay)?.captures(hay)
    }

    /// The first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.regex_for(hay)?.find(hay)
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.regex_for(hay).is_some_and(|r| r.is_match(hay))
    }

    /// Every non-overlapping match's groups, left to right.
    pub fn captures_iter<'p, 'h>(
        &'p self,
        hay: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'p, 'h>>> {
        self.regex_for(hay)
            .map(|r| r.captures_iter(hay))
            .into_iter()
            .flatten()
    }

    /// The named groups, in order (narrowing never touches a group).
    pub fn group_names(&self) -> Vec<String> {
        self.0
            .ascii
            .as_ref()
            .or_else(|| self.full())
            .map(|r| r.capture_names().flatten().map(str::to_string).collect())
            .unwrap_or_default()
    }
}

impl Inner {
    fn new(pattern: &str, flags: Flags) -> Result<Inner> {
        let (full_text, _) = translate_as(pattern, flags.verbose, false)?;
        let (ascii_text, narrowed) = translate_as(pattern, flags.verbose, true)?;
        let ascii = narrowed
            .then(|| build(&ascii_text, flags, SIZE_LIMIT).ok())
            .flatten();
        let full = match ascii {
            Some(_) => OnceLock::new(),
            None => OnceLock::from(Some(
                build(&full_text, flags, SIZE_LIMIT).map_err(|e| regex_error(pattern, &e))?,
            )),
        };
        Ok(Inner {
            flags,
            ascii,
            full,
            full_text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_regex(pattern: &str, flags: Flags) -> Regex {
        let (t, _) = translate_as(pattern, flags.verbose, false).unwrap();
        build(&t, flags, SIZE_LIMIT).unwrap()
    }

    /// Every match span and group in `hay`, as the pattern reports them.
    fn spans(caps: impl Iterator<Item = Captures<'static>>) -> Vec<Vec<Option<(usize, usize)>>> {
        caps.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    #[test]
    fn narrowed_patterns_match_ascii_text_exactly_as_the_unicode_ones() {
        let hay: &'static str = Box::leak(
            (0u8..128)
                .map(char::from)
                .chain("v1.2.3-rc_4 x9y  10.20 __ a-b eF12\n".chars())
                .collect::<String>()
                .into_boxed_str(),
        );
        let flags = Flags {
            multiline: true,
            dotall: true,
            ..Flags::default()
        };
        for p in [
            r"\d+",
            r"\D+",
            r"\w+",
            r"\W+",
            r"[\d.]+\d",
            r"[^\d]+\w",
            r"(?i)[a-f]\d+",
            r"\W\D",
            r"(?P<major>\d+)\.(?P<minor>\d+)(?:[-_](?P<pre>\w+))?",
            r"\b\w\d\b",
        ] {
            let pat = Pattern::new(p, flags).unwrap();
            assert!(pat.0.ascii.is_some(), "{p} was not narrowed");
            let want = spans(full_regex(p, flags).captures_iter(hay));
            assert_eq!(spans(pat.captures_iter(hay)), want, "{p}");
            assert!(!want.is_empty(), "{p} matched nothing: a vacuous check");
        }
    }

    #[test]
    fn non_ascii_text_is_searched_with_the_unicode_pattern() {
        let p = Pattern::new(r"(?P<n>\d+)", Flags::default()).unwrap();
        // U+0663 ARABIC-INDIC DIGIT THREE is a Unicode decimal digit, as in Python's `\d`
        let caps = p.captures("v\u{663}2").unwrap();
        assert_eq!(&caps["n"], "\u{663}2");
        assert_eq!(p.find("12").map(|m| m.as_str()), Some("12"));
        assert_eq!(p.group_names(), ["n"]);
    }

    #[test]
    fn syntax_errors_name_the_pattern_as_written() {
        let err = Pattern::new(r"(?P<major>\d+", Flags::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(r"(?P<major>\d+"), "{msg}");
        assert!(!msg.contains("[0-9]"), "{msg}");
        // invalid as written; narrowing it would make it the valid range `_-~`
        let err = Pattern::new(r"\d[\w-~]", Flags::default()).unwrap_err();
        assert!(err.to_string().contains("invalid range boundary"), "{err}");
        // narrowed `\d` cannot be ASCII-only under `(?-u)`: the full pattern is used
        let p = Pattern::new(r"(?-u)\d+", Flags::default()).unwrap();
        assert!(p.0.ascii.is_none());
        assert_eq!(p.find("ab12").map(|m| m.range()), Some(2..4));
    }

    #[test]
    fn patterns_without_unicode_classes_compile_once() {
        let p = Pattern::new(r"v(\.x)+", Flags::default()).unwrap();
        assert!(p.0.ascii.is_none());
        assert!(p.is_match("v.x.x"));
    }
}
