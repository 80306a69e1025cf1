//! `bump find VERSION`: every mention of a version in the tree, in any of its spellings
//! (`1.2.0-rc.1`, `1.2.0rc1`), and whether the configuration covers the file it is in.
//!
//! A mention is the version standing alone: `11.2.3`, `1.2.30`, `1.2.3.4` and `1.2.3-rc.1` are
//! not mentions of `1.2.3`, while `v1.2.3`, `"1.2.3"`, `==1.2.3`, `v1.2.3.svg`,
//! `pkg-1.2.3.tar.gz` and `1.2.3.` at a sentence end are. .NET's four-part spelling `1.2.3.0`
//! is one too, flagged as such. A line is listed once, however many mentions it holds.

use std::collections::HashSet;
use std::path::Path;

use regex::bytes::Regex;

use super::walk::{self, relative};
use crate::error::{Error, Result};
use crate::version::Semantic;

/// One mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Relative to the root, `/`-separated.
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based byte column.
    pub column: usize,
    /// The line, trimmed (and shortened past 200 bytes).
    pub text: String,
    /// The spelling found.
    pub spelling: String,
    /// Whether the file is one the configuration lists.
    pub covered: bool,
    /// The four-part .NET spelling (`1.2.3.0` for `1.2.3`).
    pub four_part: bool,
}

/// The spellings searched for: the version as given, then its SemVer, PEP 440 and OCI-tag
/// forms when it is SemVer/PEP 440-shaped (a leading `v` is dropped).
pub fn spellings(version: &str) -> Vec<String> {
    let v = version.trim();
    let mut out = vec![v.to_string()];
    if let Some(s) = Semantic::parse_pep440(v) {
        for sp in s.spellings() {
            if !out.contains(&sp) {
                out.push(sp);
            }
        }
        if (v.starts_with('v') || v.starts_with('V')) && !out.iter().any(|o| o == &v[1..]) {
            out.push(v[1..].to_string());
        }
    }
    out
}

/// Every mention of `version` under `root`; `configured` lists the configured files (relative
/// to `root` or absolute) that count as covered.
pub fn find(root: &Path, version: &str, configured: &[String]) -> Result<Vec<Place>> {
    if version.trim().is_empty() {
        return Err(Error::usage(
            "give the version to look for, e.g. `bump find 1.2.3`",
        ));
    }
    let re = pattern(version)?;
    let covered: HashSet<String> = configured
        .iter()
        .map(|c| {
            let p = Path::new(c);
            if p.is_absolute() {
                relative(root, p)
            } else {
                relative(Path::new(""), p)
            }
        })
        .collect();
    let found = walk::walk(root, |e| {
        let bytes = std::fs::read(e.path).ok()?;
        if bytes[..bytes.len().min(8192)].contains(&0) {
            return None;
        }
        let places = scan(&re, &bytes, &e.rel, covered.contains(&e.rel));
        (!places.is_empty()).then_some(places)
    })?;
    Ok(found.into_iter().flat_map(|(_, p)| p).collect())
}

/// The mentions of `version` (any spelling) in the one file `rel` under `root`.
pub fn mentions(root: &Path, rel: &str, version: &str) -> Result<Vec<Place>> {
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    Ok(scan(&pattern(version)?, &bytes, rel, true))
}

/// One regex matching every spelling of `version`, longest first.
fn pattern(version: &str) -> Result<Regex> {
    let mut sp = spellings(version);
    sp.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let alternatives: Vec<String> = sp.iter().map(|s| regex::escape(s)).collect();
    Regex::new(&alternatives.join("|")).map_err(|e| Error::Regex {
        pattern: alternatives.join("|"),
        message: e.to_string(),
    })
}

fn scan(re: &Regex, b: &[u8], rel: &str, covered: bool) -> Vec<Place> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut counted = 0;
    for m in re.find_iter(b) {
        let Some(four_part) = standalone(b, m.start(), m.end()) else {
            continue;
        };
        line += b[counted..m.start()]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        counted = m.start();
        if let Some(last) = out.last_mut().filter(|p: &&mut Place| p.line == line) {
            last.four_part |= four_part;
            continue;
        }
        let ls = b[..m.start()]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let le = b[m.end()..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| m.end() + p);
        out.push(Place {
            path: rel.to_string(),
            line,
            column: m.start() - ls + 1,
            text: shorten(String::from_utf8_lossy(&b[ls..le]).trim()),
            spelling: String::from_utf8_lossy(m.as_bytes()).into_owned(),
            covered,
            four_part,
        });
    }
    out
}

fn shorten(s: &str) -> String {
    const MAX: usize = 200;
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Whether `b[s..e]` is a whole version, not part of a longer one: `Some(four_part)` when it
/// is (`four_part` for the .NET spelling `1.2.3.0`), `None` when it is not.
fn standalone(b: &[u8], s: usize, e: usize) -> Option<bool> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    if s > 0 {
        let p = b[s - 1];
        let v_prefix = (p == b'v' || p == b'V') && (s < 2 || !word(b[s - 2]));
        if p.is_ascii_digit() || p == b'.' || (word(p) && !v_prefix) {
            return None;
        }
    }
    let at = |i: usize| b.get(i).copied();
    match at(e) {
        None => Some(false),
        Some(n) if word(n) => None,
        // `1.2.3.0`, not followed by more of a version: .NET's four parts
        Some(b'.') if at(e + 1) == Some(b'0') => {
            let after = at(e + 2);
            let longer = after.is_some_and(|c| {
                word(c) || (c == b'.' && at(e + 3).is_some_and(|d| d.is_ascii_digit()))
            });
            (!longer).then_some(true)
        }
        // `1.2.3.4` is another version; `1.2.3.svg`, `1.2.3.tar.gz` and `1.2.3.` are mentions
        // (`1.2.3.dev0` and `1.2.3.post1` too)
        Some(b'.') => (!pre_release(&b[e + 1..])).then_some(false),
        // `1.2.3-rc.1` and `1.2.3+build` are other versions; `1.2.3-blue.svg` (a badge) and
        // `1.2.3-alpine` (an image tag) are mentions
        Some(b'-') => (!pre_release(&b[e + 1..])).then_some(false),
        Some(b'+') => (!at(e + 1).is_some_and(|c| c.is_ascii_alphanumeric())).then_some(false),
        Some(_) => Some(false),
    }
}

/// Whether `rest` (after a `-`) starts a pre-release: a number, or a pre-release word not
/// followed by a letter.
fn pre_release(rest: &[u8]) -> bool {
    const WORDS: &[&str] = &[
        "alpha", "beta", "rc", "dev", "preview", "pre", "post", "snapshot", "a", "b", "c",
    ];
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    WORDS.iter().any(|w| {
        rest.len() >= w.len()
            && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && !rest.get(w.len()).is_some_and(u8::is_ascii_alphabetic)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_cover_each_form() {
        assert_eq!(spellings("1.2.3"), vec!["1.2.3"]);
        assert_eq!(spellings("1.2.0rc1"), vec!["1.2.0rc1", "1.2.0-rc.1"]);
        assert_eq!(spellings("v1.2.3"), vec!["v1.2.3", "1.2.3"]);
        assert_eq!(spellings("2024.01"), vec!["2024.01"]);
    }

    #[test]
    fn only_standalone_mentions() {
        let re = Regex::new(r"1\.2\.3").unwrap();
        let t = b"a 1.2.3\nb 11.2.3 1.2.30 1.2.3.4 1.2.3-rc.1 0.1.2.3 x1.2.3\nc v1.2.3. \"1.2.3\" ==1.2.3\n";
        let got: Vec<(usize, usize)> = scan(&re, t, "f", false)
            .iter()
            .map(|p| (p.line, p.column))
            .collect();
        assert_eq!(got, vec![(1, 3), (3, 4)]);
    }

    #[test]
    fn file_names_sentence_ends_and_four_parts() {
        let re = Regex::new(r"7\.0\.0").unwrap();
        let t = b"![b](https://img/v7.0.0.svg)\npkg-7.0.0.tar.gz\nreleased 7.0.0.\n<FileVersion>7.0.0.0</FileVersion>\n7.0.0.1 7.0.0.0.1 7.0.0.01 7.0.0-rc.1 7.0.0-b2 7.0.0-SNAPSHOT 7.0.0.dev0 7.0.0.post1\n7.0.0 and 7.0.0\nv7.0.0-blue.svg node:7.0.0-alpine\n";
        let got: Vec<(usize, bool)> = scan(&re, t, "f", false)
            .iter()
            .map(|p| (p.line, p.four_part))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, false),
                (2, false),
                (3, false),
                (4, true),
                (6, false),
                (7, false)
            ]
        );
    }
}
