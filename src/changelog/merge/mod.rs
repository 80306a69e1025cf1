//! CHANGELOG.md and the edits a release makes to it: the Unreleased section's hand-written
//! entries move into the new release section, generated entries are merged in without
//! duplicates, an empty `## [Unreleased]` stays, the link references at the bottom are updated.
//! Only those spans change: every other byte (earlier sections, hand edits, CRLF line endings,
//! `[YANKED]` headings) is copied as it was. `doc` is the file's model, `body` merges a
//! section's entries, `carry` moves the Unreleased text into a release section the file already
//! has, `refs` edits the link references, `fence` tells code from headings.
//! A text that [`unclosed_fence`] finds a fence in is refused before it gets here: after that
//! fence the whole file is code, so there is no place to write a section.

mod body;
mod carry;
mod doc;
mod fence;
mod refs;

use std::cmp::Ordering;

pub use body::merge_body;
use body::{content, section_text, to_nl};
use carry::carry;
pub use doc::{compare_versions, version_of, Doc, Kind, Sec};
pub use fence::{unclosed_fence, Unclosed};
use refs::{link_edits, link_urls};

use super::links::Remote;
use super::render::{self, Block};

/// A release to write.
#[derive(Debug, Clone)]
pub struct NewRelease {
    pub version: String,
    pub tag: String,
    /// The tag of the release before (for the compare link).
    pub prev_tag: Option<String>,
    /// The version of the release before (for headings that name it).
    pub prev_version: Option<String>,
    pub date: String,
    pub blocks: Vec<Block>,
}

/// How link references are made.
#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    pub remote: Option<Remote>,
}

/// Text edits at byte offsets of the original, applied back to front.
pub(super) struct Edits<'a> {
    pub(super) text: &'a str,
    /// (start, end, replacement)
    pub(super) list: Vec<(usize, usize, String)>,
}

impl Edits<'_> {
    fn apply(mut self) -> String {
        // stable: insertions at one offset keep their order
        self.list.sort_by_key(|(s, _, _)| *s);
        let touches_end = self.list.iter().any(|(_, e, _)| *e == self.text.len());
        let mut out = String::with_capacity(self.text.len() + 4096);
        let mut pos = 0;
        for (s, e, r) in &self.list {
            if *s < pos {
                continue;
            }
            out.push_str(&self.text[pos..*s]);
            // an insertion's separator is computed from the original text: after a blank line
            // another insertion wrote there, it is not needed
            let r = if s == e && (out.ends_with("\n\n") || out.ends_with("\n\r\n")) {
                r.trim_start_matches(['\r', '\n'])
            } else {
                r
            };
            out.push_str(r);
            pos = *e;
        }
        out.push_str(&self.text[pos..]);
        if touches_end {
            // text written at the end ends the file with exactly one line ending
            let nl = if out.contains("\r\n") { "\r\n" } else { "\n" };
            let kept = out.trim_end_matches(['\n', '\r']).len();
            if kept > 0 {
                // the last line keeps its own line ending; blank lines after it go
                let own = if out[kept..].starts_with("\r\n") {
                    "\r\n"
                } else if out[kept..].starts_with('\n') {
                    "\n"
                } else {
                    nl
                };
                out.truncate(kept);
                out.push_str(own);
            }
        }
        out
    }
}

/// The section a release would get in this file: its heading in the file's style, the
/// Unreleased section's hand-written text, the generated entries merged in. When the file has
/// the release already, its section is kept and the Unreleased text carried into it.
pub fn release_section(doc: Option<&Doc<'_>>, r: &NewRelease, order: &[String]) -> String {
    let nl = doc.map_or("\n", |d| d.nl);
    if let Some(d) = doc {
        if let Some(s) = d.release(&r.version) {
            let mut body = d.body(s).to_string();
            if let Some(u) = d.unreleased() {
                body = carry(&body, d.body(u), order, nl);
            }
            let merged = merge_body(&body, &r.blocks, order, nl);
            return format!("{}{merged}", d.heading_line(s));
        }
    }
    let template = doc.map_or_else(
        || render::DEFAULT_HEADING.to_string(),
        Doc::heading_template,
    );
    let heading = render::heading(&template, &r.version, &r.date, r.prev_version.as_deref());
    let hand = doc
        .and_then(|d| d.unreleased().map(|u| d.body(u)))
        .unwrap_or("");
    let merged = merge_body(content(hand), &r.blocks, order, nl);
    section_text(&heading, &merged, nl)
}

/// The Unreleased section with the generated entries merged in (for printing).
pub fn unreleased_section(doc: Option<&Doc<'_>>, blocks: &[Block], order: &[String]) -> String {
    let nl = doc.map_or("\n", |d| d.nl);
    let u = doc.and_then(|d| d.unreleased().map(|u| (u.heading, d.body(u))));
    let (heading, hand) = u.unwrap_or(("## [Unreleased]", ""));
    section_text(heading, &merge_body(content(hand), blocks, order, nl), nl)
}

fn new_file(links: &LinkOptions, tag: Option<&str>) -> String {
    let mut s = format!("{}\n## [Unreleased]\n\n", render::HEADER);
    if let (Some(remote), Some(tag)) = (&links.remote, tag) {
        s.push_str(&format!("[unreleased]: {}\n", remote.compare(tag, "HEAD")));
    }
    s
}

/// Write a release into the changelog (`None`: the file does not exist yet).
pub fn release(
    text: Option<&str>,
    r: &NewRelease,
    order: &[String],
    links: &LinkOptions,
) -> String {
    let created;
    let created_here = text.is_none();
    let text = match text {
        Some(t) => t,
        None => {
            created = new_file(links, r.prev_tag.as_deref());
            &created
        }
    };
    let doc = Doc::parse(text);
    let nl = doc.nl;
    let section = release_section(Some(&doc), r, order);
    let mut edits = Edits {
        text,
        list: Vec::new(),
    };
    if let Some(s) = doc.release(&r.version) {
        edits.list.push((s.start, s.end, section));
        if let Some(u) = doc.unreleased() {
            let heading = doc.heading_line(u);
            edits.list.push((u.start, u.end, format!("{heading}{nl}")));
        }
    } else if let Some(u) = doc.unreleased() {
        let heading = doc.heading_line(u);
        edits
            .list
            .push((u.start, u.end, format!("{heading}{nl}{section}")));
    } else {
        let at = doc.sections.first().map_or(doc.links_at, |s| s.start);
        let sep = separator(text, at, nl);
        edits
            .list
            .push((at, at, format!("{sep}## [Unreleased]{nl}{nl}{section}")));
    }
    let version_url = link_urls(&doc, r, links, created_here);
    if let Some((unreleased, url)) = version_url {
        link_edits(
            &doc,
            &mut edits,
            Some(&unreleased),
            &[(r.version.clone(), url)],
        );
    }
    edits.apply()
}

/// What must precede text inserted at `at` so that a blank line separates it.
fn separator(text: &str, at: usize, nl: &str) -> String {
    let before = &text[..at];
    if before.is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n") {
        String::new()
    } else if before.ends_with('\n') {
        nl.to_string()
    } else {
        format!("{nl}{nl}")
    }
}

/// Merge generated entries into the Unreleased section (created when missing).
pub fn fill_unreleased(text: Option<&str>, blocks: &[Block], order: &[String]) -> String {
    let created;
    let text = match text {
        Some(t) => t,
        None => {
            created = new_file(&LinkOptions::default(), None);
            &created
        }
    };
    let doc = Doc::parse(text);
    let nl = doc.nl;
    let mut edits = Edits {
        text,
        list: Vec::new(),
    };
    match doc.unreleased() {
        Some(u) => {
            let merged = merge_body(doc.body(u), blocks, order, nl);
            edits.list.push((u.body.min(u.end), u.end, merged));
        }
        None => {
            let at = doc.sections.first().map_or(doc.links_at, |s| s.start);
            let body = merge_body("", blocks, order, nl);
            let sep = separator(text, at, nl);
            edits.list.push((
                at,
                at,
                format!("{sep}{}", section_text("## [Unreleased]", &body, nl)),
            ));
        }
    }
    edits.apply()
}

/// Bootstrap: a section for every release the file does not have yet (those it has stay as
/// they are), the unreleased entries merged into Unreleased, missing links added.
pub fn bootstrap(
    text: Option<&str>,
    unreleased: &[Block],
    releases: &[NewRelease],
    order: &[String],
    links: &LinkOptions,
) -> String {
    let filled = fill_unreleased(text, unreleased, order);
    let fresh = text.is_none();
    let doc = Doc::parse(&filled);
    let nl = doc.nl;
    let template = doc.heading_template();
    let mut edits = Edits {
        text: &filled,
        list: Vec::new(),
    };
    let mut new_links = Vec::new();
    let mut last_at = None;
    for r in releases {
        if doc.release(&r.version).is_some() {
            continue;
        }
        let older = doc.sections.iter().find(|s| {
            matches!(&s.kind, Kind::Release(v) if compare_versions(v, &r.version) == Ordering::Less)
        });
        let at = older.map_or(doc.links_at, |s| s.start);
        let heading = render::heading(&template, &r.version, &r.date, r.prev_version.as_deref());
        let body = to_nl(&render::body(&r.blocks), nl);
        // a section inserted where another one was ends with its blank line already
        let sep = if last_at == Some(at) {
            String::new()
        } else {
            separator(&filled, at, nl)
        };
        last_at = Some(at);
        edits.list.push((
            at,
            at,
            format!("{sep}{}", section_text(&heading, &body, nl)),
        ));
        if let Some(remote) = &links.remote {
            let url = match &r.prev_tag {
                Some(p) => remote.compare(p, &r.tag),
                None => remote.tag(&r.tag),
            };
            new_links.push((r.version.clone(), url));
        }
    }
    if let Some(remote) = &links.remote {
        let has_links = doc.links_at < filled.len();
        if fresh || has_links {
            let unreleased = releases.first().map(|r| remote.compare(&r.tag, "HEAD"));
            link_edits(&doc, &mut edits, unreleased.as_deref(), &new_links);
        }
    }
    edits.apply()
}

#[cfg(test)]
mod tests {
    use super::render::Line;
    use super::*;

    const KAC: &str = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Hand-written thing.\n\n## [2.0.0] - 2025-01-01\n\n### Fixed\n\n- old *hand edited*  entry\n\n## [1.0.0] - 2024-01-01 [YANKED]\n\n- first\n\n[unreleased]: https://github.com/o/r/compare/v2.0.0...HEAD\n[2.0.0]: https://github.com/o/r/compare/v1.0.0...v2.0.0\n[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0\n";

    fn line(t: &str, h: &str) -> Line {
        Line {
            text: t.into(),
            hash: h.into(),
        }
    }

    fn order() -> Vec<String> {
        crate::changelog::config::SECTION_ORDER
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn rel(blocks: Vec<Block>) -> NewRelease {
        NewRelease {
            version: "2.1.0".into(),
            tag: "v2.1.0".into(),
            prev_tag: Some("v2.0.0".into()),
            prev_version: Some("2.0.0".into()),
            date: "2025-10-15".into(),
            blocks,
        }
    }

    #[test]
    fn parses_sections_and_links() {
        let d = Doc::parse(KAC);
        let kinds: Vec<&Kind> = d.sections.iter().map(|s| &s.kind).collect();
        assert_eq!(
            kinds,
            [
                &Kind::Unreleased,
                &Kind::Release("2.0.0".into()),
                &Kind::Release("1.0.0".into())
            ]
        );
        assert_eq!(&KAC[d.links_at..d.links_at + 13], "[unreleased]:");
        assert_eq!(d.heading_template(), "## [{version}] - {date}");
    }

    #[test]
    fn release_moves_unreleased_merges_and_keeps_the_rest() {
        let blocks = vec![
            (
                "Added".to_string(),
                vec![
                    line("- hand-written thing (abc1234)", "abc1234"),
                    line("- **api:** new (def5678)", "def5678"),
                ],
            ),
            (
                "Fixed".to_string(),
                vec![line("- bug (0000001)", "0000001")],
            ),
        ];
        let out = release(Some(KAC), &rel(blocks), &order(), &LinkOptions::default());
        let expected = "# Changelog\n\n## [Unreleased]\n\n## [2.1.0] - 2025-10-15\n\n### Added\n\n- Hand-written thing.\n- **api:** new (def5678)\n\n### Fixed\n\n- bug (0000001)\n\n## [2.0.0] - 2025-01-01\n\n### Fixed\n\n- old *hand edited*  entry\n\n## [1.0.0] - 2024-01-01 [YANKED]\n\n- first\n\n[unreleased]: https://github.com/o/r/compare/v2.1.0...HEAD\n[2.1.0]: https://github.com/o/r/compare/v2.0.0...v2.1.0\n[2.0.0]: https://github.com/o/r/compare/v1.0.0...v2.0.0\n[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0\n";
        assert_eq!(out, expected);
        // idempotent: the same release again adds nothing
        let again = release(
            Some(&out),
            &rel(vec![(
                "Fixed".into(),
                vec![line("- bug (0000001)", "0000001")],
            )]),
            &order(),
            &LinkOptions::default(),
        );
        assert_eq!(again, out);
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let crlf = KAC.replace('\n', "\r\n");
        let out = release(
            Some(&crlf),
            &rel(vec![("Fixed".into(), vec![line("- bug", "")])]),
            &order(),
            &LinkOptions::default(),
        );
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
        let tail = &crlf[crlf.find("## [2.0.0]").unwrap()..crlf.find("[unreleased]").unwrap()];
        assert!(out.contains(tail));
    }

    #[test]
    fn new_file_gets_header_and_links() {
        let links = LinkOptions {
            remote: crate::changelog::links::parse_remote("git@github.com:o/r.git"),
        };
        let mut r = rel(vec![("Added".into(), vec![line("- x", "")])]);
        r.prev_tag = None;
        let out = release(None, &r, &order(), &links);
        assert!(out.starts_with(render::HEADER));
        assert!(out.ends_with("## [Unreleased]\n\n## [2.1.0] - 2025-10-15\n\n### Added\n\n- x\n\n[unreleased]: https://github.com/o/r/compare/v2.1.0...HEAD\n[2.1.0]: https://github.com/o/r/releases/tag/v2.1.0\n"), "{out}");
    }

    #[test]
    fn heading_style_is_followed() {
        let text = "# Log\n\n## Unreleased\n\n## v1.0.0 (2024-01-01)\n\n- a\n";
        let d = Doc::parse(text);
        assert_eq!(d.heading_template(), "## v{version} ({date})");
        let out = release(Some(text), &rel(vec![]), &order(), &LinkOptions::default());
        assert_eq!(
            out,
            "# Log\n\n## Unreleased\n\n## v2.1.0 (2025-10-15)\n\n## v1.0.0 (2024-01-01)\n\n- a\n"
        );
    }

    #[test]
    fn fill_unreleased_is_idempotent() {
        let b = vec![(
            "Fixed".to_string(),
            vec![line("- bug (0000001)", "0000001")],
        )];
        let once = fill_unreleased(Some(KAC), &b, &order());
        assert!(
            once.contains("- Hand-written thing.\n\n### Fixed\n\n- bug (0000001)\n\n## [2.0.0]"),
            "{once}"
        );
        assert_eq!(fill_unreleased(Some(&once), &b, &order()), once);
    }

    #[test]
    fn bootstrap_adds_only_missing_releases() {
        let releases = vec![
            NewRelease {
                version: "2.0.0".into(),
                tag: "v2.0.0".into(),
                prev_tag: Some("v1.5.0".into()),
                prev_version: Some("1.5.0".into()),
                date: "2025-01-01".into(),
                blocks: vec![("Added".into(), vec![line("- gen", "")])],
            },
            NewRelease {
                version: "1.5.0".into(),
                tag: "v1.5.0".into(),
                prev_tag: Some("v1.0.0".into()),
                prev_version: Some("1.0.0".into()),
                date: "2024-06-01".into(),
                blocks: vec![("Fixed".into(), vec![line("- mid", "")])],
            },
        ];
        let links = LinkOptions {
            remote: crate::changelog::links::parse_remote("https://github.com/o/r"),
        };
        let out = bootstrap(Some(KAC), &[], &releases, &order(), &links);
        assert!(out.contains("- old *hand edited*  entry\n\n## [1.5.0] - 2024-06-01\n\n### Fixed\n\n- mid\n\n## [1.0.0]"), "{out}");
        assert!(!out.contains("- gen"));
        assert!(out.contains("[2.0.0]: https://github.com/o/r/compare/v1.0.0...v2.0.0\n[1.5.0]: https://github.com/o/r/compare/v1.0.0...v1.5.0\n[1.0.0]"), "{out}");
    }
}
