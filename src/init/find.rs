//! `bump find VERSION`: every mention of a version in the tree, in any of its spellings
//! (`1.2.0-rc.1`, `1.2.0rc1`), and whether the configuration covers the file it is in.
//!
//! A mention is the version standing alone: `11.2.3`, `1.2.30`, `1.2.3.4` and `1.2.3-rc.1` are
//! not mentions of `1.2.3`, while `v1.2.3`, `"1.2.3"` and `==1.2.3` are.

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
    let mut sp = spellings(version);
    sp.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let alternatives: Vec<String> = sp.iter().map(|s| regex::escape(s)).collect();
    let re = Regex::new(&alternatives.join("|")).map_err(|e| Error::Regex {
        pattern: alternatives.join("|"),
        message: e.to_string(),
    })?;
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

fn scan(re: &Regex, b: &[u8], rel: &str, covered: bool) -> Vec<Place> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut counted = 0;
    for m in re.find_iter(b) {
        if !standalone(b, m.start(), m.end()) {
            continue;
        }
        line += b[counted..m.start()]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        counted = m.start();
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

/// Whether `b[s..e]` is a whole version, not part of a longer one.
fn standalone(b: &[u8], s: usize, e: usize) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    if s > 0 {
        let p = b[s - 1];
        let v_prefix = (p == b'v' || p == b'V') && (s < 2 || !word(b[s - 2]));
        if p.is_ascii_digit() || p == b'.' || (word(p) && !v_prefix) {
            return false;
        }
    }
    match b.get(e) {
        None => true,
        Some(&n) if word(n) => false,
        Some(b'.' | b'-' | b'+') => !b.get(e + 1).is_some_and(|&c| c.is_ascii_alphanumeric()),
        Some(_) => true,
    }
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
        assert_eq!(got, vec![(1, 3), (3, 4), (3, 12), (3, 21)]);
    }
}
