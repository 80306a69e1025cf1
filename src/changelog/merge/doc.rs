//! The CHANGELOG.md model: `## ` sections over the original text (byte offsets), their kind
//! (Unreleased, a release and its version, other), the trailing link-reference block, and the
//! heading style the file uses.

use super::super::render;
use super::fence::Fences;
pub use crate::git::tags::compare_versions;

/// What a `## ` heading introduces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Unreleased,
    Release(String),
    Other,
}

/// One `## ` section.
#[derive(Debug, Clone)]
pub struct Sec<'a> {
    pub start: usize,
    /// The first byte after the heading line.
    pub body: usize,
    pub end: usize,
    /// The heading line, without its line ending.
    pub heading: &'a str,
    pub kind: Kind,
}

/// A parsed changelog.
#[derive(Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    /// The file's line ending.
    pub nl: &'static str,
    pub sections: Vec<Sec<'a>>,
    /// Where the trailing block of link references starts (`text.len()` without one).
    pub links_at: usize,
}

/// `[label]: url` → (label, url).
pub(super) fn link_def(line: &str) -> Option<(&str, &str)> {
    let t = line
        .strip_prefix("   ")
        .or(line.strip_prefix("  "))
        .or(line.strip_prefix(' '))
        .unwrap_or(line);
    let rest = t.strip_prefix('[')?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    let url = rest[close + 2..].trim();
    (!label.is_empty() && !label.contains('[') && !url.is_empty()).then_some((label, url))
}

/// The version a heading names (`[1.2.0] - date`, `v1.2.0`, `1.2.0 (date)`).
pub fn version_of(title: &str) -> Option<String> {
    let t = title.trim().trim_start_matches('[');
    let t = match t.strip_prefix(['v', 'V']) {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => r,
        _ => t,
    };
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = t
        .find(|c: char| c == ']' || c == '(' || c.is_whitespace())
        .unwrap_or(t.len());
    Some(t[..end].to_string())
}

impl<'a> Doc<'a> {
    pub fn parse(text: &'a str) -> Self {
        let nl = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        // (start, end of content, start of the next line)
        let mut lines = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            let c = l.trim_end_matches('\n').trim_end_matches('\r');
            lines.push((pos, pos + c.len(), pos + l.len()));
            pos += l.len();
        }
        let mut links_at = text.len();
        for &(s, e, _) in lines.iter().rev() {
            let line = &text[s..e];
            if line.trim().is_empty() {
                continue;
            }
            if link_def(line).is_none() {
                break;
            }
            links_at = s;
        }
        let mut sections: Vec<Sec<'a>> = Vec::new();
        let mut fences = Fences::default();
        for &(s, e, next) in &lines {
            if s >= links_at {
                break;
            }
            let line = &text[s..e];
            if fences.code(line) || !(line.starts_with("## ") || line == "##") {
                continue;
            }
            if let Some(last) = sections.last_mut() {
                last.end = s;
            }
            let title = line.get(3..).unwrap_or("");
            let kind = if title.to_ascii_lowercase().contains("unreleased") {
                Kind::Unreleased
            } else if let Some(v) = version_of(title) {
                Kind::Release(v)
            } else {
                Kind::Other
            };
            sections.push(Sec {
                start: s,
                body: next,
                end: links_at,
                heading: line,
                kind,
            });
        }
        Doc {
            text,
            nl,
            sections,
            links_at,
        }
    }

    pub fn unreleased(&self) -> Option<&Sec<'a>> {
        self.sections.iter().find(|s| s.kind == Kind::Unreleased)
    }

    pub fn release(&self, version: &str) -> Option<&Sec<'a>> {
        self.sections
            .iter()
            .find(|s| matches!(&s.kind, Kind::Release(v) if v == version))
    }

    pub fn body(&self, s: &Sec<'_>) -> &'a str {
        &self.text[s.body.min(s.end)..s.end]
    }

    /// A section's heading line as written, with its own line ending (the file's when it ends
    /// the file without one).
    pub fn heading_line(&self, s: &Sec<'_>) -> String {
        let line = &self.text[s.start..s.body];
        if line.ends_with('\n') {
            line.to_string()
        } else {
            format!("{line}{}", self.nl)
        }
    }

    /// The heading style the newest release uses (`{version}`, `{date}`, and `{previous}` when
    /// it names the release before, as a compare link does), `[YANKED]` dropped.
    pub fn heading_template(&self) -> String {
        let releases: Vec<(&Sec<'_>, &str)> = self
            .sections
            .iter()
            .filter_map(|s| match &s.kind {
                Kind::Release(v) => Some((s, v.as_str())),
                _ => None,
            })
            .collect();
        for (i, (s, v)) in releases.iter().enumerate() {
            let mut h = s.heading.trim_end().to_string();
            if let Some(i) = h.to_ascii_lowercase().find("[yanked]") {
                h.replace_range(i..i + "[yanked]".len(), "");
                h = h.trim_end().to_string();
            }
            let mut t = replace_version(&h, v, "{version}");
            if let Some((_, prev)) = releases.get(i + 1) {
                t = replace_version(&t, prev, "{previous}");
            }
            if let Some(i) = find_date(&t) {
                t.replace_range(i..i + 10, "{date}");
            }
            if t.contains("{version}") {
                return t;
            }
        }
        render::DEFAULT_HEADING.to_string()
    }

    /// Link references: (label, url, start of line, start of the next line).
    pub(super) fn links(&self) -> Vec<(&'a str, &'a str, usize, usize)> {
        let mut out = Vec::new();
        let mut pos = self.links_at;
        for l in self.text[self.links_at..].split_inclusive('\n') {
            let c = l.trim_end_matches('\n').trim_end_matches('\r');
            if let Some((label, url)) = link_def(c) {
                out.push((label, url, pos, pos + l.len()));
            }
            pos += l.len();
        }
        out
    }
}

/// `text` with every `version` that is not part of a longer number replaced.
fn replace_version(text: &str, version: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(version) {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + version.len()..];
        let longer = after.starts_with(|c: char| c.is_ascii_digit())
            || after
                .strip_prefix('.')
                .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()));
        let whole = !before.is_some_and(|c| c.is_ascii_digit() || c == '.') && !longer;
        out.push_str(&rest[..i]);
        out.push_str(if whole { with } else { version });
        rest = &rest[i + version.len()..];
    }
    out.push_str(rest);
    out
}

fn find_date(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find(|&i| {
        let w = &b[i..i + 10];
        w[4] == b'-'
            && w[7] == b'-'
            && w.iter()
                .enumerate()
                .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_templates_name_the_previous_release_of_compare_links() {
        let text = "## [2.13.1](https://x/compare/v2.13.0..v2.13.1) - 2026-04-26\n\n## [2.13.0](https://x/compare/v2.12.0..v2.13.0) - 2026-04-20\n";
        assert_eq!(
            Doc::parse(text).heading_template(),
            "## [{version}](https://x/compare/v{previous}..v{version}) - {date}"
        );
        assert_eq!(
            replace_version("v1.0.0 v11.0.0 1.0.0.1", "1.0.0", "X"),
            "vX v11.0.0 1.0.0.1"
        );
    }
}
