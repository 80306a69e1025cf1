//! The Unreleased section carried into a release section the file already has (the release
//! written once, by `bump changelog --write`, then again by `bump patch`). Nothing a person
//! wrote is lost or changed on the way: each line keeps its bytes, line ending included.
//!
//! The text is read as list items (a `- `, `* ` or `+ ` line with what continues it: the lines
//! that follow, and after blank lines the indented ones, code fences whole) and the paragraphs
//! between them. Under a `### ` heading, items and paragraphs go together, as written, after
//! the last entry of the release's subsection of that name (or in a new one, in section order),
//! leaving out the items the release already has. Before the first `### `, paragraphs go at the
//! top of the release section, before its subsections: where they are when the whole section
//! becomes a new release. Items there go under `### Changed`, as they always have on this path.

use std::collections::HashSet;

use super::body::{add, add_intro, content, is_bullet, key, known_keys, Addition};
use super::fence::Fences;

/// Where items written before the first `### ` heading go.
const UNFILED: &str = "Changed";

/// What a run of lines is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Item,
    Paragraph,
}

/// A run of lines of the Unreleased body, as byte offsets into it.
#[derive(Debug)]
struct Part {
    kind: Kind,
    start: usize,
    /// After its last line that is not blank (or is code).
    end: usize,
    /// After the blank lines that follow it.
    next: usize,
}

/// The parts under one `### ` heading, or before the first.
#[derive(Debug)]
struct Group<'a> {
    /// `None` before the first heading.
    name: Option<&'a str>,
    /// The heading line, line ending included.
    heading: &'a str,
    parts: Vec<Part>,
}

/// Whether a line of the body continues the part before it.
fn continues(last: Option<&Part>, blank_before: bool, line: &str) -> bool {
    match last.map(|p| p.kind) {
        Some(Kind::Item) => !blank_before || line.starts_with([' ', '\t']),
        Some(Kind::Paragraph) => true,
        None => false,
    }
}

/// Add a line to the last part (a paragraph of its own when there is none).
fn extend(parts: &mut Vec<Part>, line: Part) {
    match parts.last_mut() {
        Some(p) => (p.end, p.next) = (line.end, line.next),
        None => parts.push(line),
    }
}

/// The body's parts, grouped by `### ` heading.
fn groups(body: &str) -> Vec<Group<'_>> {
    let mut done = Vec::new();
    let mut group = Group {
        name: None,
        heading: "",
        parts: Vec::new(),
    };
    let mut fences = Fences::default();
    let mut blank_before = false;
    let mut pos = 0;
    for l in body.split_inclusive('\n') {
        let (start, end) = (pos, pos + l.len());
        pos = end;
        let c = l.trim_end_matches('\n').trim_end_matches('\r');
        let was_open = fences.is_open();
        // a line of a fence opened above (its closing line too), blank or not
        let inner = fences.code(c) && was_open;
        let line = Part {
            kind: Kind::Paragraph,
            start,
            end,
            next: end,
        };
        if inner {
            extend(&mut group.parts, line);
        } else if c.trim().is_empty() {
            if let Some(p) = group.parts.last_mut() {
                p.next = end;
            }
            blank_before = true;
            continue;
        } else if let Some(name) = c.strip_prefix("### ") {
            let next = Group {
                name: Some(name.trim()),
                heading: l,
                parts: Vec::new(),
            };
            done.push(std::mem::replace(&mut group, next));
        } else if is_bullet(c) && !c.starts_with(' ') {
            group.parts.push(Part {
                kind: Kind::Item,
                ..line
            });
        } else if continues(group.parts.last(), blank_before, c) {
            extend(&mut group.parts, line);
        } else {
            group.parts.push(line);
        }
        blank_before = false;
    }
    done.push(group);
    done
}

/// Whether the release body already has this item: a one-line item by its key (as generated
/// entries are recognised), a longer one only when all its lines are there, in order.
fn already_there(item: &str, release: &str, known: &HashSet<String>) -> bool {
    let want: Vec<&str> = item.lines().collect();
    if want.len() == 1 {
        return known.contains(&key(item));
    }
    let have: Vec<&str> = release.lines().collect();
    have.windows(want.len()).any(|w| w == want.as_slice())
}

/// The parts' text as written: each with the blank lines after it but the last, and a line
/// ending after the last line when the file has none there.
fn text_of<'p>(body: &str, parts: impl IntoIterator<Item = &'p Part>, nl: &str) -> String {
    let mut text = String::new();
    for p in parts {
        text.push_str(&body[p.start..p.next]);
    }
    let mut text = content(&text).to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(nl);
    }
    text
}

/// The release section body `release` with the Unreleased section body `unreleased` moved in.
pub(super) fn carry(release: &str, unreleased: &str, order: &[String], nl: &str) -> String {
    let known = known_keys(release);
    let groups = groups(unreleased);
    let mut out = release.to_string();
    let intro: Vec<&Part> = groups
        .iter()
        .filter(|g| g.name.is_none())
        .flat_map(|g| &g.parts)
        .filter(|p| p.kind == Kind::Paragraph)
        .collect();
    let intro = text_of(unreleased, intro, nl);
    if !intro.is_empty() {
        add_intro(&mut out, &intro, nl);
    }
    for g in &groups {
        let parts: Vec<&Part> = g
            .parts
            .iter()
            .filter(|p| g.name.is_some() || p.kind == Kind::Item)
            .filter(|p| {
                p.kind == Kind::Paragraph
                    || !already_there(&unreleased[p.start..p.end], release, &known)
            })
            .collect();
        let Some(first) = parts.first() else {
            continue;
        };
        let text = text_of(unreleased, parts.iter().copied(), nl);
        let addition = Addition {
            name: g.name.unwrap_or(UNFILED),
            heading: g.name.map(|_| g.heading),
            text: &text,
            paragraph: first.kind == Kind::Paragraph,
        };
        add(&mut out, &addition, order, nl);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group's name and its parts' kinds and text.
    type Read<'a> = (Option<&'a str>, Vec<(Kind, &'a str)>);

    fn read(body: &str) -> Vec<Read<'_>> {
        groups(body)
            .into_iter()
            .map(|g| {
                let parts = g.parts.iter().map(|p| (p.kind, &body[p.start..p.end]));
                (g.name, parts.collect())
            })
            .collect()
    }

    #[test]
    fn items_keep_their_paragraphs_sub_items_and_code() {
        use Kind::{Item, Paragraph};
        let body = "\nIntro.\r\n\n- a\nlazy\n\n  more\n  - sub\n\n```\n### code\n\n```\n### Fixed\n- b\n  ```\n\n  x\n  ```\n\nAfter.\n";
        assert_eq!(
            read(body),
            [
                (
                    None,
                    vec![
                        (Paragraph, "Intro.\r\n"),
                        (Item, "- a\nlazy\n\n  more\n  - sub\n"),
                        (Paragraph, "```\n### code\n\n```\n"),
                    ]
                ),
                (
                    Some("Fixed"),
                    vec![
                        (Item, "- b\n  ```\n\n  x\n  ```\n"),
                        (Paragraph, "After.\n")
                    ]
                ),
            ]
        );
    }
}
