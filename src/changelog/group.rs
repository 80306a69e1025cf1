//! The classified commits of one release range → Keep a Changelog sections, what was left out
//! (merges, reverted pairs, hidden types, non-conventional commits), the near misses, and the
//! version bump the range calls for.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::commits::{Change, Commit, Kind};
use super::config::{NonConventional, Settings};
use crate::error::{Error, Result};

/// How big a release the changes call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Patch,
    Minor,
    Major,
}

/// One changelog line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The commit type (`None` for a kept non-conventional commit).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub scope: Option<String>,
    pub description: String,
    pub breaking: bool,
    /// The breaking-change footer's text, when it says more than the description.
    pub breaking_note: Option<String>,
    pub hash: String,
    /// Issue references from `Refs`/`Closes`/`Fixes` footers (`#12`).
    pub refs: Vec<String>,
    /// CVE ids the change mentions (Security entries only).
    pub cves: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub name: String,
    pub entries: Vec<Entry>,
}

/// What was left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub commits: usize,
    pub merges: usize,
    /// Commits cancelled by a revert in the same range (both counted).
    pub reverted: usize,
    /// Non-conventional commits left out (`non_conventional = "skip"`).
    pub non_conventional: usize,
    /// Changes of hidden types.
    pub hidden: usize,
}

/// A subject that almost is a conventional commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NearMiss {
    pub hash: String,
    pub subject: String,
    pub reason: String,
}

/// One release range, grouped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Grouped {
    pub sections: Vec<Section>,
    pub counts: Counts,
    pub near_misses: Vec<NearMiss>,
    /// The bump the changes call for (`None`: nothing releasable).
    pub bump: Option<Level>,
}

impl Grouped {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }
}

const REF_TOKENS: &[&str] = &[
    "refs", "ref", "closes", "close", "fixes", "fix", "resolves", "resolve",
];

fn cve_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\bCVE-\d{4}-\d{4,}\b").expect("valid regex"))
}

/// An issue reference as entries show it (`#12`, `GH-12`, `JIRA-34`, `owner/repo#5`, a URL);
/// other words are not references.
fn issue_ref(word: &str) -> Option<String> {
    let w = word.trim_end_matches(['.', ')']).trim_start_matches('(');
    if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("#{w}"));
    }
    let numbered = |tail: &str| !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit());
    let ok = w.starts_with("https://")
        || w.starts_with("http://")
        || w.rsplit_once('#').is_some_and(|(_, n)| numbered(n))
        || w.rsplit_once('-').is_some_and(|(p, n)| {
            numbered(n) && !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric())
        });
    ok.then(|| w.to_string())
}

/// The first paragraph of a footer value, on one line.
fn first_paragraph(v: &str) -> String {
    let para = v.split("\n\n").next().unwrap_or(v);
    para.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which commits survive: merges skipped (unless configured), and a revert of a commit in the
/// same range cancels both (newest first, so reverting a revert brings the change back).
fn alive(commits: &[Commit], s: &Settings, counts: &mut Counts) -> Vec<bool> {
    let mut alive: Vec<bool> = commits
        .iter()
        .map(|c| s.include_merges || !c.merge)
        .collect();
    counts.merges = alive.iter().filter(|a| !**a).count();
    for j in (0..commits.len()).rev() {
        let Some(target) = commits[j].reverts.as_deref().filter(|_| alive[j]) else {
            continue;
        };
        let hit =
            (0..commits.len()).find(|&i| i != j && alive[i] && commits[i].hash.starts_with(target));
        if let Some(i) = hit {
            alive[i] = false;
            alive[j] = false;
            counts.reverted += 2;
        }
    }
    alive
}

/// Group the commits of one range (oldest first).
pub fn group(commits: &[Commit], s: &Settings) -> Result<Grouped> {
    let mut g = Grouped {
        counts: Counts {
            commits: commits.len(),
            ..Counts::default()
        },
        ..Grouped::default()
    };
    let alive = alive(commits, s, &mut g.counts);
    let mut by_section: Vec<(String, Vec<Entry>)> = s
        .section_order()
        .into_iter()
        .map(|n| (n, Vec::new()))
        .collect();
    let mut push = |name: &str, e: Entry| match by_section.iter_mut().find(|(n, _)| n == name) {
        Some((_, v)) => v.push(e),
        None => by_section.push((name.to_string(), vec![e])),
    };
    let mut strict: Vec<String> = Vec::new();
    for (c, _) in commits.iter().zip(&alive).filter(|(_, a)| **a) {
        match &c.kind {
            Kind::Conventional { changes, .. } => {
                for ch in changes {
                    let level = add_change(c, ch, s, &mut g.counts, &mut push);
                    g.bump = g.bump.max(level);
                }
            }
            Kind::NonConventional { near_miss } => {
                if let Some(reason) = near_miss {
                    g.near_misses.push(NearMiss {
                        hash: c.hash.clone(),
                        subject: c.subject.clone(),
                        reason: reason.clone(),
                    });
                }
                match s.non_conventional {
                    NonConventional::Skip => g.counts.non_conventional += 1,
                    NonConventional::Strict => {
                        strict.push(format!("  {} {}", c.short(), c.subject))
                    }
                    NonConventional::Keep => push(
                        &s.other_section,
                        Entry {
                            ty: None,
                            scope: None,
                            description: c.subject.clone(),
                            breaking: false,
                            breaking_note: None,
                            hash: c.hash.clone(),
                            refs: Vec::new(),
                            cves: Vec::new(),
                        },
                    ),
                }
            }
        }
    }
    if !strict.is_empty() {
        return Err(Error::NonConventional {
            count: strict.len(),
            list: strict.join("\n"),
        });
    }
    for (name, mut entries) in by_section {
        if entries.is_empty() {
            continue;
        }
        // breaking changes first, then (Security) the ones naming a CVE; otherwise commit order
        entries.sort_by_key(|e| (!e.breaking, e.cves.is_empty()));
        g.sections.push(Section { name, entries });
    }
    Ok(g)
}

/// Add the entries of one change; the bump it calls for.
fn add_change(
    c: &Commit,
    ch: &Change,
    s: &Settings,
    counts: &mut Counts,
    push: &mut impl FnMut(&str, Entry),
) -> Option<Level> {
    // a footer's value runs to the next footer, so it can swallow paragraphs after it: only its
    // first line holds references
    let refs: Vec<String> = ch
        .footer_values(REF_TOKENS)
        .flat_map(|v| v.lines().next().unwrap_or("").split([',', ' ']))
        .map(str::trim)
        .filter_map(issue_ref)
        .collect();
    let entry = |description: &str, section: &str| {
        let cves = if section == "Security" {
            let mut found: Vec<String> = Vec::new();
            let texts = [description, ch.body.as_deref().unwrap_or("")];
            let footers = ch.footers.iter().map(|f| f.value.as_str());
            for t in texts.into_iter().chain(footers) {
                for m in cve_re().find_iter(t) {
                    if !found.iter().any(|f| f == m.as_str()) {
                        found.push(m.as_str().to_string());
                    }
                }
            }
            found
        } else {
            Vec::new()
        };
        Entry {
            ty: Some(ch.ty.clone()),
            scope: ch.scope.clone(),
            description: description.to_string(),
            breaking: false,
            breaking_note: None,
            hash: c.hash.clone(),
            refs: refs.clone(),
            cves,
        }
    };
    let mut level = None;
    if ch.breaking.is_some() || !s.is_hidden(&ch.ty) {
        let security_fix = ch.ty == "fix" && ch.scope.as_deref() == Some("security");
        let section = if security_fix {
            "Security"
        } else {
            s.section_for(&ch.ty)
        };
        let mut e = entry(&ch.description, section);
        if let Some(note) = &ch.breaking {
            e.breaking = true;
            let note = first_paragraph(note);
            if note != ch.description {
                e.breaking_note = Some(note);
            }
        }
        push(section, e);
        level = Some(if ch.breaking.is_some() {
            Level::Major
        } else if ch.ty == "feat" || ch.ty == "deprecate" {
            Level::Minor
        } else {
            Level::Patch
        });
    } else {
        counts.hidden += 1;
    }
    for (token, section, lvl) in [
        ("deprecated", "Deprecated", Level::Minor),
        ("removed", "Removed", Level::Patch),
        ("security", "Security", Level::Patch),
    ] {
        for v in ch.footer_values(&[token]) {
            push(section, entry(&first_paragraph(v), section));
            level = level.max(Some(lvl));
        }
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changelog::commits::classify;

    fn commits(list: &[(&str, &str)]) -> Vec<Commit> {
        let s = Settings::default();
        list.iter()
            .map(|(h, m)| classify(h, usize::from(m.starts_with("Merge")) + 1, m, &s))
            .collect()
    }

    fn names(g: &Grouped) -> Vec<(String, Vec<String>)> {
        g.sections
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.entries.iter().map(|e| e.description.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn every_type_lands_in_its_section_in_order() {
        let cs = commits(&[
            ("a1", "fix: bug"),
            ("a2", "feat: thing"),
            ("a3", "perf: faster"),
            ("a4", "refactor: tidy"),
            ("a5", "deprecate: old api"),
            ("a6", "remove: older api"),
            ("a7", "security: escape names"),
            ("a8", "fix(security): CVE-2025-1234 sanitize"),
            ("a9", "docs: readme"),
            ("b1", "chore: deps"),
            ("b2", "feat: x\n\nDeprecated: the y flag"),
        ]);
        let g = group(&cs, &Settings::default()).unwrap();
        assert_eq!(
            names(&g),
            vec![
                ("Added".into(), vec!["thing".into(), "x".into()]),
                ("Changed".into(), vec!["faster".into(), "tidy".into()]),
                (
                    "Deprecated".into(),
                    vec!["old api".into(), "the y flag".into()]
                ),
                ("Removed".into(), vec!["older api".into()]),
                ("Fixed".into(), vec!["bug".into()]),
                (
                    "Security".into(),
                    vec!["CVE-2025-1234 sanitize".into(), "escape names".into()]
                ),
            ]
        );
        assert_eq!(g.counts.hidden, 2);
        assert_eq!(g.bump, Some(Level::Minor));
    }

    #[test]
    fn breaking_changes_come_first_and_bump_major() {
        let cs = commits(&[
            ("a1", "feat: one"),
            ("a2", "feat(api)!: two"),
            ("a3", "chore!: drop node 16"),
        ]);
        let g = group(&cs, &Settings::default()).unwrap();
        assert_eq!(g.sections[0].entries[0].description, "two");
        assert!(g.sections[0].entries[0].breaking);
        assert_eq!(
            g.sections[1].name, "Changed",
            "a breaking hidden type still shows"
        );
        assert_eq!(g.bump, Some(Level::Major));
    }

    #[test]
    fn reverts_in_range_cancel_both_and_merges_are_skipped() {
        let cs = commits(&[
            ("aaaaaaa1", "feat: kept"),
            ("bbbbbbb2", "feat: gone"),
            ("ccccccc3", "Merge branch 'x'"),
            (
                "ddddddd4",
                "Revert \"feat: gone\"\n\nThis reverts commit bbbbbbb2.\n",
            ),
            (
                "eeeeeee5",
                "Revert \"feat: older\"\n\nThis reverts commit 1234567.\n",
            ),
        ]);
        let g = group(&cs, &Settings::default()).unwrap();
        assert_eq!(
            names(&g),
            vec![
                ("Added".into(), vec!["kept".into()]),
                ("Changed".into(), vec!["revert \"feat: older\"".into()]),
            ]
        );
        assert_eq!(g.counts.reverted, 2);
        assert_eq!(g.counts.merges, 1);
    }

    #[test]
    fn non_conventional_modes() {
        let cs = commits(&[("a1", "feat: x"), ("a2", "Update README"), ("a3", "feat:y")]);
        let mut s = Settings::default();
        let g = group(&cs, &s).unwrap();
        assert_eq!(g.counts.non_conventional, 2);
        assert_eq!(g.near_misses.len(), 1);
        assert_eq!(g.near_misses[0].reason, "missing space after `:`");
        s.non_conventional = NonConventional::Keep;
        let g = group(&cs, &s).unwrap();
        assert_eq!(g.sections[1].name, "Other");
        assert_eq!(g.sections[1].entries.len(), 2);
        s.non_conventional = NonConventional::Strict;
        let err = group(&cs, &s).unwrap_err().to_string();
        assert!(err.contains("a2 Update README"), "{err}");
        assert!(err.contains("a3 feat:y"), "{err}");
    }

    #[test]
    fn footers_that_swallow_later_paragraphs_give_only_their_first_line() {
        let cs = commits(&[(
            "a1",
            "feat: x\n\nFixes #659\n\n* fix(changelog): more text\n\nAnd more.",
        )]);
        let g = group(&cs, &Settings::default()).unwrap();
        assert_eq!(g.sections[0].entries[0].refs, ["#659"]);
        assert_eq!(issue_ref("JIRA-12").as_deref(), Some("JIRA-12"));
        assert_eq!(issue_ref("acme/app#3").as_deref(), Some("acme/app#3"));
        assert_eq!(issue_ref("word"), None);
        assert_eq!(issue_ref("*"), None);
    }

    #[test]
    fn nothing_releasable_has_no_bump() {
        let g = group(
            &commits(&[("a", "docs: x"), ("b", "chore: y")]),
            &Settings::default(),
        )
        .unwrap();
        assert!(g.is_empty());
        assert_eq!(g.bump, None);
    }
}
