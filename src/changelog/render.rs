//! Grouped entries → Keep a Changelog 1.1.0 Markdown: entry lines (breaking prefix, bold scope,
//! issue links, short hash), `### Section` blocks, release headings. Text uses `\n`; the merge
//! converts to the file's line ending.

use super::config::Settings;
use super::group::{Entry, Grouped};

/// The header of a new CHANGELOG.md.
pub const HEADER: &str = "# Changelog\n\nAll notable changes to this project will be documented in this file.\n\nThe format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\nand this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n";

/// The heading of a new release when the file shows no other style.
pub const DEFAULT_HEADING: &str = "## [{version}] - {date}";

/// One generated entry, ready to merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// `- ...` (may continue on indented lines).
    pub text: String,
    /// The short commit id, to recognise an entry already written by hand with it.
    pub hash: String,
}

/// A section's generated entries.
pub type Block = (String, Vec<Line>);

/// How entries look.
pub struct Style<'a> {
    pub settings: &'a Settings,
    /// Issue link template (`{id}`), from the config or the remote.
    pub issue_url: Option<&'a str>,
}

fn issue_link(r: &str, st: &Style<'_>) -> String {
    match (st.issue_url, r.strip_prefix('#')) {
        (Some(url), Some(id)) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            format!("[{r}]({})", url.replace("{id}", id))
        }
        _ => r.to_string(),
    }
}

/// The Markdown of one entry.
pub fn entry(e: &Entry, st: &Style<'_>) -> String {
    let mut s = String::with_capacity(e.description.len() + 48);
    s.push_str("- ");
    if e.breaking {
        s.push_str("**Breaking:** ");
    }
    if st.settings.show_scope {
        if let Some(scope) = &e.scope {
            s.push_str("**");
            s.push_str(scope);
            s.push_str(":** ");
        }
    }
    let missing: Vec<&str> = e
        .cves
        .iter()
        .map(String::as_str)
        .filter(|c| !e.description.contains(c))
        .collect();
    if !missing.is_empty() {
        s.push_str(&missing.join(", "));
        s.push_str(": ");
    }
    s.push_str(&e.description);
    if !e.refs.is_empty() {
        let refs: Vec<String> = e.refs.iter().map(|r| issue_link(r, st)).collect();
        s.push_str(" (");
        s.push_str(&refs.join(", "));
        s.push(')');
    }
    if st.settings.show_hash {
        s.push_str(" (");
        s.push_str(&e.hash[..e.hash.len().min(7)]);
        s.push(')');
    }
    if let Some(note) = &e.breaking_note {
        s.push_str("\n  ");
        s.push_str(note);
    }
    s
}

/// The generated blocks of a range, in section order.
pub fn blocks(g: &Grouped, st: &Style<'_>) -> Vec<Block> {
    g.sections
        .iter()
        .map(|sec| {
            let lines = sec
                .entries
                .iter()
                .map(|e| Line {
                    text: entry(e, st),
                    hash: e.hash[..e.hash.len().min(7)].to_string(),
                })
                .collect();
            (sec.name.clone(), lines)
        })
        .collect()
}

/// `### Added\n\n- a\n- b\n\n### Fixed\n\n- c\n`.
pub fn body(blocks: &[Block]) -> String {
    let mut s = String::new();
    for (i, (name, lines)) in blocks.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str("### ");
        s.push_str(name);
        s.push_str("\n\n");
        for l in lines {
            s.push_str(&l.text);
            s.push('\n');
        }
    }
    s
}

/// A release heading from a template holding `{version}`, `{date}` and maybe `{previous}` (the
/// default heading when there is no previous release to name).
pub fn heading(template: &str, version: &str, date: &str, previous: Option<&str>) -> String {
    let template = match previous {
        Some(p) => template.replace("{previous}", p),
        None if template.contains("{previous}") => DEFAULT_HEADING.to_string(),
        None => template.to_string(),
    };
    template
        .replace("{version}", version)
        .replace("{date}", date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e() -> Entry {
        Entry {
            ty: Some("feat".into()),
            scope: Some("api".into()),
            description: "add x".into(),
            breaking: true,
            breaking_note: Some("v1 clients must upgrade".into()),
            hash: "0123456789abcdef".into(),
            refs: vec!["#12".into(), "JIRA-3".into()],
            cves: Vec::new(),
        }
    }

    #[test]
    fn entry_format() {
        let s = Settings::default();
        let st = Style {
            settings: &s,
            issue_url: Some("https://github.com/o/r/issues/{id}"),
        };
        assert_eq!(
            entry(&e(), &st),
            "- **Breaking:** **api:** add x ([#12](https://github.com/o/r/issues/12), JIRA-3) (0123456)\n  v1 clients must upgrade"
        );
        let s2 = Settings {
            show_hash: false,
            show_scope: false,
            ..Settings::default()
        };
        let st = Style {
            settings: &s2,
            issue_url: None,
        };
        let mut x = e();
        x.breaking = false;
        x.breaking_note = None;
        x.refs.clear();
        x.cves = vec!["CVE-2025-1".into()];
        assert_eq!(entry(&x, &st), "- CVE-2025-1: add x");
    }
}
