//! A compiled Python pattern that is cheap to build when the text it searches is ASCII.
//!
//! Unicode classes make up most of a regex's compile time: `\d` alone is some 60 ranges, each a
//! chain of UTF-8 states, and the default `parse` pattern costs ~1.2M instructions to compile
//! (a quarter of a small bump). In ASCII text `.`, `\d`, `\w`, `\s` and their negations match
//! exactly their ASCII members, so a [`Pattern`] searches ASCII haystacks with a bytes regex
//! that spells them in ASCII (`(?-u:\w)`, ...), and compiles the full Unicode translation only
//! when a haystack holds other characters. The narrowed translation is valid exactly when the
//! full one is (see `ascii_class`); when it fails to compile anyway, the full one is compiled at
//! once, so a bad pattern is refused at the same moment and with the same message as before.
//! (The one difference: a pattern whose Unicode form is over the size limit while its ASCII
//! form is not is accepted, and finds nothing in non-ASCII text.)
//!
//! A pattern with a back-reference or look-around is compiled by `fancy-regex` alone (which hands
//! its plain parts to the same linear engine) with a bounded backtracking budget: a search that
//! exceeds it is an error naming the pattern, never a hang.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::{bytes, Regex};

use super::{build, regex_error, translate_as, Flags, Groups, SIZE_LIMIT};
use crate::error::{Error, Result};

/// The most backtracking steps one search of a back-reference or look-around pattern may take
/// (`fancy-regex`'s own default): far more than any version string or config search needs, and
/// a fraction of a second when a catastrophic pattern meets a large file.
const BACKTRACK_LIMIT: usize = 1_000_000;

/// A Python-syntax pattern, compiled for ASCII haystacks and, on demand, for any haystack.
#[derive(Debug, Clone)]
pub struct Pattern(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    /// The pattern as written, for errors.
    source: String,
    /// Set for a pattern only a backtracking engine runs: then `ascii` and `full` are unused.
    backtracking: Option<fancy_regex::Regex>,
    flags: Flags,
    /// The translation narrowed to ASCII, for ASCII haystacks; `None` when nothing narrows.
    ascii: Option<bytes::Regex>,
    /// The full translation, compiled on first use when `ascii` is set (`None`: it failed to).
    full: OnceLock<Option<Regex>>,
    full_text: String,
}

/// The regex a haystack is searched with.
enum Engine<'p> {
    Ascii(&'p bytes::Regex),
    Full(&'p Regex),
    Backtracking(&'p fancy_regex::Regex),
}

impl Pattern {
    /// Compile `pattern` (Python syntax). Patterns are kept for the life of the process: the
    /// `parse` pattern is needed by the config check, the session and the plan.
    pub fn new(pattern: &str, flags: Flags) -> Result<Pattern> {
        static CACHE: super::Cache<Pattern> = OnceLock::new();
        super::cached(&CACHE, pattern, flags, |pattern, flags| {
            Ok(Pattern(Arc::new(Inner::new(pattern, flags)?)))
        })
    }

    /// The regex to search `hay` with (`None` only if the full Unicode translation, needed for
    /// non-ASCII text, exceeds the size limit that the ASCII one fits in).
    fn engine(&self, hay: &str) -> Option<Engine<'_>> {
        if let Some(r) = &self.0.backtracking {
            return Some(Engine::Backtracking(r));
        }
        match &self.0.ascii {
            Some(r) if hay.is_ascii() => Some(Engine::Ascii(r)),
            _ => self.full().map(Engine::Full),
        }
    }

    fn full(&self) -> Option<&Regex> {
        let inner = &*self.0;
        inner
            .full
            .get_or_init(|| build(&inner.full_text, inner.flags).ok())
            .as_ref()
    }

    /// A search that ran out of its backtracking budget (or failed otherwise), as an error.
    fn failed(&self, e: fancy_regex::Error) -> Error {
        Error::Regex {
            pattern: self.0.source.clone(),
            message: match e {
                fancy_regex::Error::RuntimeError(
                    fancy_regex::RuntimeError::BacktrackLimitExceeded,
                ) => format!(
                    "the search takes more than {BACKTRACK_LIMIT} backtracking steps (a pattern that backtracks catastrophically?); simplify it"
                ),
                e => e.to_string(),
            },
        }
    }

    /// The first match's groups (`re.search`).
    pub fn captures<'h>(&self, hay: &'h str) -> Result<Option<Caps<'h>>> {
        Ok(match self.engine(hay) {
            Some(Engine::Ascii(r)) => r.captures(hay.as_bytes()).map(|c| Caps::Ascii(c, hay)),
            Some(Engine::Full(r)) => r.captures(hay).map(Caps::Full),
            Some(Engine::Backtracking(r)) => r
                .captures(hay)
                .map_err(|e| self.failed(e))?
                .map(Caps::Backtracking),
            None => None,
        })
    }

    /// Where the first match is.
    pub fn find(&self, hay: &str) -> Result<Option<Range<usize>>> {
        Ok(match self.engine(hay) {
            Some(Engine::Ascii(r)) => r.find(hay.as_bytes()).map(|m| m.range()),
            Some(Engine::Full(r)) => r.find(hay).map(|m| m.range()),
            Some(Engine::Backtracking(r)) => {
                r.find(hay).map_err(|e| self.failed(e))?.map(|m| m.range())
            }
            None => None,
        })
    }

    pub fn is_match(&self, hay: &str) -> Result<bool> {
        Ok(match self.engine(hay) {
            Some(Engine::Ascii(r)) => r.is_match(hay.as_bytes()),
            Some(Engine::Full(r)) => r.is_match(hay),
            Some(Engine::Backtracking(r)) => r.is_match(hay).map_err(|e| self.failed(e))?,
            None => false,
        })
    }

    /// Every non-overlapping match's groups, left to right.
    pub fn captures_iter<'p, 'h>(&'p self, hay: &'h str) -> CapsIter<'p, 'h> {
        match self.engine(hay) {
            Some(Engine::Ascii(r)) => CapsIter::Ascii(r.captures_iter(hay.as_bytes()), hay),
            Some(Engine::Full(r)) => CapsIter::Full(r.captures_iter(hay)),
            Some(Engine::Backtracking(r)) => CapsIter::Backtracking(r.captures_iter(hay), self),
            None => CapsIter::Done,
        }
    }

    /// The named groups, in order (narrowing never touches a group).
    pub fn group_names(&self) -> Vec<String> {
        let names = |n: &mut dyn Iterator<Item = Option<&str>>| -> Vec<String> {
            n.flatten().map(str::to_string).collect()
        };
        if let Some(r) = &self.0.backtracking {
            return names(&mut r.capture_names());
        }
        match &self.0.ascii {
            Some(r) => names(&mut r.capture_names()),
            None => self
                .full()
                .map(|r| names(&mut r.capture_names()))
                .unwrap_or_default(),
        }
    }
}

/// The groups of one match.
pub enum Caps<'h> {
    /// From the ASCII regex, with the haystack its byte offsets index.
    Ascii(bytes::Captures<'h>, &'h str),
    Full(regex::Captures<'h>),
    Backtracking(fancy_regex::Captures<'h, str>),
}

impl Caps<'_> {
    /// Where the whole match is.
    pub fn range(&self) -> Range<usize> {
        match self {
            Caps::Ascii(c, _) => c.get_match().range(),
            Caps::Full(c) => c.get_match().range(),
            Caps::Backtracking(c) => c.get(0).map_or(0..0, |m| m.range()),
        }
    }
}

impl Groups for Caps<'_> {
    fn count(&self) -> usize {
        match self {
            Caps::Ascii(c, _) => c.len(),
            Caps::Full(c) => c.len(),
            Caps::Backtracking(c) => c.len(),
        }
    }

    fn group(&self, i: usize) -> Option<&str> {
        match self {
            // every byte offset in ASCII text is a character boundary
            Caps::Ascii(c, hay) => c.get(i).map(|m| &hay[m.range()]),
            Caps::Full(c) => c.group(i),
            Caps::Backtracking(c) => c.get(i).map(|m| m.as_str()),
        }
    }

    fn named(&self, name: &str) -> Option<&str> {
        match self {
            Caps::Ascii(c, hay) => c.name(name).map(|m| &hay[m.range()]),
            Caps::Full(c) => c.named(name),
            Caps::Backtracking(c) => c.name(name).map(|m| m.as_str()),
        }
    }
}

/// [`Pattern::captures_iter`]: each match, or the error that ended the search.
pub enum CapsIter<'p, 'h> {
    Ascii(bytes::CaptureMatches<'p, 'h>, &'h str),
    Full(regex::CaptureMatches<'p, 'h>),
    Backtracking(fancy_regex::CaptureMatches<'p, 'h, str>, &'p Pattern),
    Done,
}

impl<'h> Iterator for CapsIter<'_, 'h> {
    type Item = Result<Caps<'h>>;

    fn next(&mut self) -> Option<Result<Caps<'h>>> {
        match self {
            CapsIter::Ascii(it, hay) => it.next().map(|c| Ok(Caps::Ascii(c, hay))),
            CapsIter::Full(it) => it.next().map(|c| Ok(Caps::Full(c))),
            CapsIter::Backtracking(it, p) => {
                let next = it.next()?.map(Caps::Backtracking).map_err(|e| p.failed(e));
                if next.is_err() {
                    *self = CapsIter::Done;
                }
                Some(next)
            }
            CapsIter::Done => None,
        }
    }
}

impl Inner {
    fn new(pattern: &str, flags: Flags) -> Result<Inner> {
        let (full_text, _, backtracking) = translate_as(pattern, flags.verbose, false)?;
        if backtracking.is_some() {
            let r = fancy_regex::RegexBuilder::new(&full_text)
                .multi_line(flags.multiline)
                .dot_matches_new_line(flags.dotall)
                .backtrack_limit(BACKTRACK_LIMIT)
                .delegate_size_limit(SIZE_LIMIT)
                .build()
                .map_err(|e| Error::Regex {
                    pattern: pattern.to_string(),
                    message: match e.to_string() {
                        // Python's words: its `re` needs a fixed width too
                        m if m.contains("Variable-length lookbehind") => {
                            "look-behind requires fixed-width pattern".to_string()
                        }
                        m => m,
                    },
                })?;
            return Ok(Inner {
                source: pattern.to_string(),
                backtracking: Some(r),
                flags,
                ascii: None,
                full: OnceLock::from(None),
                full_text,
            });
        }
        let (ascii_text, narrowed, _) = translate_as(pattern, flags.verbose, true)?;
        let ascii = narrowed
            .then(|| {
                bytes::RegexBuilder::new(&ascii_text)
                    .multi_line(flags.multiline)
                    .dot_matches_new_line(flags.dotall)
                    .size_limit(SIZE_LIMIT)
                    .build()
                    .ok()
            })
            .flatten();
        let full = match ascii {
            Some(_) => OnceLock::new(),
            None => OnceLock::from(Some(
                build(&full_text, flags).map_err(|e| regex_error(pattern, &e))?,
            )),
        };
        Ok(Inner {
            source: pattern.to_string(),
            backtracking: None,
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
        let (t, _, _) = translate_as(pattern, flags.verbose, false).unwrap();
        build(&t, flags).unwrap()
    }

    /// A match as [`Groups`] sees it: every group's text.
    fn texts(c: &impl Groups) -> Vec<Option<String>> {
        (0..c.count())
            .map(|i| c.group(i).map(str::to_string))
            .collect()
    }

    #[test]
    fn narrowed_patterns_match_ascii_text_exactly_as_the_unicode_ones() {
        let hay: String = (0u8..128)
            .map(char::from)
            .chain("v1.2.3-rc_4 x9y  10.20 __ a-b eF12\n\tz\r\n".chars())
            .collect();
        for dotall in [false, true] {
            let flags = Flags {
                multiline: true,
                dotall,
                ..Flags::default()
            };
            for p in [
                r"\d+",
                r"\D+",
                r"\w+",
                r"\W+",
                r"\s+\S",
                r"[\d.]+\d",
                r"[^\d]+\w",
                r"(?i)[a-f]\d+",
                r"\W\D",
                r"(?P<major>\d+)\.(?P<minor>\d+)(?:[-_](?P<pre>\w+))?",
                r"\b\w\d\b",
                r"x.y|.\n.|^.+$",
                r"(?-u)\d+",
                r"(?s:.)\d",
            ] {
                let pat = Pattern::new(p, flags).unwrap();
                assert!(pat.0.ascii.is_some(), "{p} was not narrowed");
                let full = full_regex(p, flags);
                let want: Vec<_> = full
                    .captures_iter(&hay)
                    .map(|c| (c.get_match().range(), texts(&c)))
                    .collect();
                let got: Vec<_> = pat
                    .captures_iter(&hay)
                    .map(|c| c.unwrap())
                    .map(|c| (c.range(), texts(&c)))
                    .collect();
                assert_eq!(got, want, "{p}");
                assert!(!want.is_empty(), "{p} matched nothing: a vacuous check");
                assert_eq!(
                    pat.find(&hay).unwrap(),
                    full.find(&hay).map(|m| m.range()),
                    "{p}"
                );
                assert_eq!(
                    pat.group_names().len(),
                    full.capture_names().flatten().count()
                );
            }
        }
    }

    #[test]
    fn non_ascii_text_is_searched_with_the_unicode_pattern() {
        let p = Pattern::new(r"(?P<n>\d+)", Flags::default()).unwrap();
        // U+0663 ARABIC-INDIC DIGIT THREE is a Unicode decimal digit, as in Python's `\d`
        let caps = p.captures("v\u{663}2").unwrap().unwrap();
        assert_eq!(caps.named("n"), Some("\u{663}2"));
        assert_eq!(caps.range(), 1..4);
        assert_eq!(p.find("a12").unwrap(), Some(1..3));
        assert!(p.is_match("\u{663}").unwrap() && !p.is_match("é").unwrap());
        assert_eq!(p.group_names(), ["n"]);
    }

    #[test]
    fn syntax_errors_name_the_pattern_as_written() {
        let err = Pattern::new(r"(?P<major>\d+", Flags::default()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(r"(?P<major>\d+"), "{msg}");
        assert!(!msg.contains("(?-u"), "{msg}");
        // invalid as written; narrowing it would make it the valid range `_-~`
        let err = Pattern::new(r"\d[\w-~]", Flags::default()).unwrap_err();
        assert!(err.to_string().contains("invalid range boundary"), "{err}");
    }

    #[test]
    fn patterns_without_unicode_classes_compile_once() {
        let p = Pattern::new(r"v(\.x)+", Flags::default()).unwrap();
        assert!(p.0.ascii.is_none());
        assert!(p.is_match("v.x.x").unwrap());
        assert_eq!(p.captures_iter("v.x v.x.x").count(), 2);
    }

    #[test]
    fn back_references_and_look_around_run_on_the_backtracking_engine() {
        let f = Flags::default();
        let p = Pattern::new(r"(?<=v)(?P<major>\d+)\.(?P<minor>\d+)(?!\d)", f).unwrap();
        assert!(p.0.backtracking.is_some());
        let caps = p.captures("tag v12.3 and 4.5").unwrap().unwrap();
        assert_eq!(
            (caps.named("major"), caps.named("minor")),
            (Some("12"), Some("3"))
        );
        assert_eq!(p.group_names(), ["major", "minor"]);
        assert_eq!(p.find("12.3").unwrap(), None, "no `v` before it");
        let quoted = Pattern::new(r#"(?P<q>["'])1\.0(?P=q)"#, f).unwrap();
        let found: Vec<_> = quoted
            .captures_iter(r#"'1.0" "1.0" '1.0'"#)
            .map(|c| c.unwrap().range())
            .collect();
        assert_eq!(found, [6..11, 12..17]);
        let numbered = Pattern::new(r"(\d+)-\1", f).unwrap();
        assert!(numbered.is_match("7-7").unwrap() && !numbered.is_match("7-8").unwrap());
        let err = Pattern::new(r"(?<=a+)b", f).unwrap_err().to_string();
        assert!(
            err.ends_with("look-behind requires fixed-width pattern"),
            "{err}"
        );
        // and the ordinary pattern stays on the linear engine
        assert!(Pattern::new(r"(?P<major>\d+)", f)
            .unwrap()
            .0
            .backtracking
            .is_none());
    }

    /// A pattern that backtracks catastrophically is an error naming it, after a bounded
    /// number of steps, not a hang.
    #[test]
    fn a_catastrophic_back_reference_pattern_is_an_error_not_a_hang() {
        let p = Pattern::new(r"^(a|aa)+(?=b)\1$", Flags::default()).unwrap();
        let hay = "a".repeat(64);
        let start = std::time::Instant::now();
        let err = p.captures(&hay).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("backtracking steps"), "{err}");
        assert!(err.contains(r"^(a|aa)+(?=b)\1$"), "{err}");
        let err = p
            .captures_iter(&hay)
            .next()
            .unwrap()
            .map(|_| ())
            .unwrap_err();
        assert!(err.to_string().contains("backtracking steps"));
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }
}
