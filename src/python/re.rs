//! Python `re` syntax on top of the linear-time `regex` crate: verbose-mode stripping (as
//! `re.VERBOSE`), literal `{`/`}` where Python reads them as literals, `\Z`, and `re.sub`
//! replacement templates (`\g<name>`, `\1`, `\n`). A pattern using what `regex` cannot run in
//! linear time — back-references (`\1`, `(?P=name)`) and look-around (`(?=`, `(?!`, `(?<=`,
//! `(?<!`) — is compiled by `fancy-regex` instead ([`Pattern`]), with a bounded backtracking
//! budget, so a hostile pattern is an error, not a hang; every other pattern keeps the linear
//! engine and its guarantee. [`compile`] (a plain `regex::Regex`) refuses them.

mod pattern;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::{Captures, Regex, RegexBuilder};

pub use pattern::Pattern;

use crate::error::{Error, Result};

/// Flags for [`compile`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags {
    pub verbose: bool,
    pub multiline: bool,
    pub dotall: bool,
}

/// Compile a Python-syntax pattern. Compiled patterns are kept for the life of the process:
/// the `parse` pattern is compiled by the config check, the session and the plan, and its
/// Unicode `\d` classes make each compilation ~1.1M instructions (over a third of a small bump).
pub fn compile(pattern: &str, flags: Flags) -> Result<Regex> {
    static COMPILED: Cache<Regex> = OnceLock::new();
    cached(&COMPILED, pattern, flags, compile_uncached)
}

/// A process-wide cache of compiled patterns, keyed by pattern and flags.
pub(crate) type Cache<V> = OnceLock<Mutex<HashMap<(String, Flags), V>>>;

/// `make(pattern, flags)`, or its earlier result from `cache`. A config holds a few dozen
/// patterns; a long-lived caller (the fuzzer, a library user) may compile without end, so the
/// cache is bounded ([`CACHE_LIMIT`]), not a leak.
pub(crate) fn cached<V: Clone>(
    cache: &Cache<V>,
    pattern: &str,
    flags: Flags,
    make: impl FnOnce(&str, Flags) -> Result<V>,
) -> Result<V> {
    let cache = cache.get_or_init(Default::default);
    let key = (pattern.to_string(), flags);
    if let Some(v) = cache.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(v);
    }
    let v = make(pattern, flags)?;
    if let Ok(mut m) = cache.lock() {
        if m.len() >= CACHE_LIMIT {
            m.clear();
        }
        m.insert(key, v.clone());
    }
    Ok(v)
}

/// The most compiled patterns [`compile`] keeps.
const CACHE_LIMIT: usize = 256;

fn compile_uncached(pattern: &str, flags: Flags) -> Result<Regex> {
    let (translated, _, backtracking) = translate_as(pattern, flags.verbose, false)?;
    if let Some(what) = backtracking {
        return Err(unsupported(pattern, what));
    }
    build(&translated, flags).map_err(|e| regex_error(pattern, &e))
}

/// The most heap a compiled pattern may take.
const SIZE_LIMIT: usize = 1 << 24;

/// Compile an already translated pattern.
fn build(translated: &str, flags: Flags) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(translated)
        .multi_line(flags.multiline)
        .dot_matches_new_line(flags.dotall)
        .size_limit(SIZE_LIMIT)
        .build()
}

fn regex_error(pattern: &str, e: &regex::Error) -> Error {
    Error::Regex {
        pattern: pattern.to_string(),
        message: e.to_string(),
    }
}

fn unsupported(pattern: &str, what: &str) -> Error {
    Error::Regex {
        pattern: pattern.to_string(),
        message: format!("{what} is not supported here (a linear-time regex is needed)"),
    }
}

/// Rewrite Python regex syntax into `regex` crate syntax (`fancy-regex` syntax, for a pattern
/// with back-references or look-around).
pub fn translate(pattern: &str, verbose: bool) -> Result<String> {
    translate_as(pattern, verbose, false).map(|(t, _, _)| t)
}

/// What matches the same ASCII characters as the Unicode class escape `\{n}`, written for a
/// bytes regex searching ASCII text, which then needs no UTF-8 automaton (whose tables alone
/// take ~0.1M instructions and 80 page faults to set up).
///
/// Only escapes outside brackets are narrowed: there a class escape and a group are
/// interchangeable atoms, so the narrowed pattern is valid exactly when the original is (inside
/// brackets `[\w-~]` is an error, while `[0-9A-Za-z_-~]` would be a range).
///
/// `\d` gets one byte that ASCII text never holds, 0x80: `regex` turns a class of ten or fewer
/// bytes into literal prefixes and builds a prefilter for them, which for a version string
/// costs more (~0.3M instructions) than the search it speeds up.
fn ascii_class(n: char) -> Option<&'static str> {
    match n {
        'd' => Some(r"(?-u:[0-9\x80])"),
        'D' => Some(r"(?-u:\D)"),
        'w' => Some(r"(?-u:\w)"),
        'W' => Some(r"(?-u:\W)"),
        's' => Some(r"(?-u:\s)"),
        'S' => Some(r"(?-u:\S)"),
        _ => None,
    }
}

/// [`translate`], with `.`, `\d`, `\w`, `\s` and their negations narrowed to ASCII when `ascii`
/// is set: a pattern for a bytes regex that finds the same matches in ASCII text and compiles
/// several times faster. The first flag says whether anything was narrowed; the second names
/// the first feature only a backtracking engine runs (a back-reference, look-around).
pub(crate) fn translate_as(
    pattern: &str,
    verbose: bool,
    ascii: bool,
) -> Result<(String, bool, Option<&'static str>)> {
    let mut narrowed = false;
    let mut backtracking: Option<&'static str> = None;
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&n) = chars.get(i + 1) else {
                return Err(Error::Regex {
                    pattern: pattern.to_string(),
                    message: "bad escape (end of pattern)".into(),
                });
            };
            match n {
                'Z' if !in_class => out.push_str(r"\z"),
                '1'..='9' if !in_class => {
                    backtracking.get_or_insert("a backreference");
                    out.push('\\');
                    out.push(n);
                }
                // literal in Python, but word boundaries (`<`, `>`) or an error (non-ASCII) to
                // regex when escaped: written bare (neither is special to regex)
                '<' | '>' => out.push(n),
                n if !n.is_ascii() => out.push(n),
                // `\ ` and `\#` are literal in Python and kept escaped for regex's benefit
                _ => match ascii_class(n).filter(|_| ascii && !in_class) {
                    Some(class) => {
                        out.push_str(class);
                        narrowed = true;
                    }
                    None => {
                        out.push('\\');
                        out.push(n);
                    }
                },
            }
            i += 2;
            continue;
        }
        if in_class {
            if c == ']' {
                in_class = false;
            } else if c == '[' {
                // a literal '[' inside a class is a set operation in `regex`: escape it
                out.push('\\');
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                // a leading '^' and a leading ']' are literal parts of the class
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str(r"\]");
                    i += 1;
                }
            }
            '(' if chars.get(i + 1) == Some(&'?') => {
                let rest: String = chars[i + 2..].iter().take(3).collect();
                if rest.starts_with("P=") {
                    backtracking.get_or_insert("a named backreference `(?P=...)`");
                }
                if rest.starts_with('=')
                    || rest.starts_with('!')
                    || rest.starts_with("<=")
                    || rest.starts_with("<!")
                {
                    backtracking.get_or_insert("look-around");
                }
                if rest.starts_with('#') {
                    // a comment group: skip to the closing parenthesis
                    while i < chars.len() && chars[i] != ')' {
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                out.push('(');
                i += 1;
            }
            '{' => {
                // a quantifier only when it reads `{m}`, `{m,}`, `{,n}` or `{m,n}`
                let close = chars[i..].iter().position(|&ch| ch == '}');
                let is_quant = close.is_some_and(|k| {
                    let body: String = chars[i + 1..i + k].iter().collect();
                    let mut parts = body.splitn(2, ',');
                    let a = parts.next().unwrap_or("");
                    let b = parts.next();
                    let digits = |s: &str| s.chars().all(|ch| ch.is_ascii_digit());
                    !body.is_empty()
                        && digits(a)
                        && b.is_none_or(digits)
                        && !(a.is_empty() && b == Some(""))
                });
                if is_quant {
                    let k = close.unwrap_or(0);
                    let body: String = chars[i + 1..i + k].iter().collect();
                    // `{,n}` is Python for `{0,n}`
                    if body.starts_with(',') {
                        out.push_str(&format!("{{0{body}}}"));
                    } else {
                        out.push('{');
                        out.push_str(&body);
                        out.push('}');
                    }
                    i += k + 1;
                } else {
                    out.push_str(r"\{");
                    i += 1;
                }
            }
            '}' => {
                out.push_str(r"\}");
                i += 1;
            }
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' if verbose => i += 1,
            '#' if verbose => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            // any character but a newline (or any, with DOTALL), as `.` is in ASCII text
            '.' if ascii => {
                out.push_str("(?-u:.)");
                narrowed = true;
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok((out, narrowed, backtracking))
}

/// The groups of one match, as a replacement template sees them.
pub trait Groups {
    /// How many groups there are, the whole match (group 0) included.
    fn count(&self) -> usize;
    /// Group `i`'s text, if it took part in the match.
    fn group(&self, i: usize) -> Option<&str>;
    /// The named group's text, if there is such a group and it took part in the match.
    fn named(&self, name: &str) -> Option<&str>;
}

impl Groups for Captures<'_> {
    fn count(&self) -> usize {
        self.len()
    }
    fn group(&self, i: usize) -> Option<&str> {
        self.get(i).map(|m| m.as_str())
    }
    fn named(&self, name: &str) -> Option<&str> {
        self.name(name).map(|m| m.as_str())
    }
}

/// A match without groups of its own (what a literal search finds): only group 0.
pub struct Whole<'a>(pub &'a str);

impl Groups for Whole<'_> {
    fn count(&self) -> usize {
        1
    }
    fn group(&self, i: usize) -> Option<&str> {
        (i == 0).then_some(self.0)
    }
    fn named(&self, _: &str) -> Option<&str> {
        None
    }
}

/// Expand a Python `re.sub` replacement template against one match.
pub fn expand<G: Groups + ?Sized>(template: &str, caps: &G, out: &mut String) -> Result<()> {
    let bad = |m: String| Error::Regex {
        pattern: template.to_string(),
        message: m,
    };
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&n) = chars.get(i + 1) else {
            return Err(bad("bad escape (end of replacement)".into()));
        };
        i += 2;
        match n {
            'g' => {
                if chars.get(i) != Some(&'<') {
                    return Err(bad("missing `<` after \\g".into()));
                }
                let end = chars[i..]
                    .iter()
                    .position(|&ch| ch == '>')
                    .ok_or_else(|| bad("missing `>` in \\g<...>".into()))?;
                let name: String = chars[i + 1..i + end].iter().collect();
                i += end + 1;
                let m = match name.parse::<usize>() {
                    Ok(k) => caps.group(k),
                    Err(_) => caps.named(&name),
                };
                if let Some(m) = m {
                    out.push_str(m);
                }
            }
            '0'..='9' => {
                let mut num = n.to_digit(10).unwrap_or(0) as usize;
                if let Some(d) = chars.get(i).and_then(|ch| ch.to_digit(10)) {
                    num = num * 10 + d as usize;
                    i += 1;
                }
                if num >= caps.count() {
                    return Err(bad(format!("invalid group reference {num}")));
                }
                if let Some(m) = caps.group(num) {
                    out.push_str(m);
                }
            }
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            '\\' => out.push('\\'),
            ch if ch.is_ascii_alphabetic() => return Err(bad(format!("bad escape \\{ch}"))),
            ch => {
                out.push('\\');
                out.push(ch);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbose_strips_whitespace_and_comments_outside_classes() {
        let re = compile(
            "(?P<major>\\d+) \\. (?P<minor>\\d+)  # comment\n [ ]?",
            Flags {
                verbose: true,
                ..Flags::default()
            },
        )
        .unwrap();
        assert!(re.is_match("1.2 "));
        assert_eq!(&re.captures("10.20").unwrap()["minor"], "20");
    }

    #[test]
    fn literal_braces_and_quantifiers() {
        let re = compile(r"a{2}\d{1,3}{x}", Flags::default()).unwrap();
        assert!(re.is_match("aa12{x}"));
    }

    /// Found by the fuzz smoke: Python reads `\<` and `\>` as the signs themselves, regex as
    /// word boundaries; `\é` is `é` to Python and an error to regex.
    #[test]
    fn escaped_signs_are_the_signs_themselves() {
        for (pattern, hay) in [
            (r"a\<b\>c", "a<b>c"),
            (r"<\<[\<\>]", "<<>"),
            (r"caf\é", "café"),
            (r"x\@y\ z\!", "x@y z!"),
        ] {
            let re = compile(pattern, Flags::default()).unwrap();
            assert!(re.is_match(hay), "{pattern} on {hay}");
        }
        let re = compile(r"\<b", Flags::default()).unwrap();
        assert!(!re.is_match("b"), "no word boundary");
    }

    /// [`compile`] gives a linear-time regex; [`Pattern`] runs these (`pattern.rs`).
    #[test]
    fn backreferences_are_refused_by_compile() {
        assert!(compile(r"(a)\1", Flags::default()).is_err());
        assert!(compile(r"(?=a)", Flags::default()).is_err());
    }

    #[test]
    fn replacement_templates() {
        let re = Regex::new(r"(?P<k>\w+)=(\d+)").unwrap();
        let caps = re.captures("ver=12").unwrap();
        let mut s = String::new();
        expand(r"\g<k>:\2\n\.", &caps, &mut s).unwrap();
        assert_eq!(s, "ver:12\n\\.");
    }
}
