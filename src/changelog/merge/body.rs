//! A section's body: `### ` subsections and their entries, merged without duplicates and
//! without moving a byte that is already there.

use std::collections::HashSet;

use super::super::render::{Block, Line};
use super::fence::Fences;

/// The text an entry is recognised by: no bullet, bold prefixes, trailing hash or issue
/// parentheses, case or final period.
pub(super) fn key(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut t = first
        .strip_prefix("- ")
        .or_else(|| first.strip_prefix("* "))
        .or_else(|| first.strip_prefix("+ "))
        .unwrap_or(first)
        .trim_start();
    while let Some(rest) = t.strip_prefix("**") {
        match rest.find("**") {
            Some(end) if rest[..end].ends_with(':') => t = rest[end + 2..].trim_start(),
            _ => break,
        }
    }
    let mut t = t.trim_end();
    while t.ends_with(')') {
        let Some(i) = t.rfind(" (") else { break };
        let inner = &t[i + 2..t.len() - 1];
        let hash = inner.len() >= 7 && inner.chars().all(|c| c.is_ascii_hexdigit());
        if !(hash || inner.starts_with('#') || inner.starts_with('[')) {
            break;
        }
        t = t[..i].trim_end();
    }
    t.trim_end_matches('.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(super) fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ")
}

pub(super) fn to_nl(s: &str, nl: &str) -> String {
    if nl == "\n" {
        s.to_string()
    } else {
        s.replace('\n', nl)
    }
}

/// A `### ` subsection of a body.
struct Sub {
    name: String,
    start: usize,
    /// After the last non-blank line (the heading line's end when it has no entries).
    content_end: usize,
    has_entries: bool,
}

/// The subsections of a body, and where its last non-blank line ends.
fn subsections(body: &str) -> (Vec<Sub>, Option<usize>) {
    let mut subs: Vec<Sub> = Vec::new();
    let mut last = None;
    let mut pos = 0;
    let mut fences = Fences::default();
    for l in body.split_inclusive('\n') {
        let c = l.trim_end_matches('\n').trim_end_matches('\r');
        let end = pos + l.len();
        if !fences.code(c) && c.starts_with("### ") {
            subs.push(Sub {
                name: c[4..].trim().to_string(),
                start: pos,
                content_end: end,
                has_entries: false,
            });
            last = Some(end);
        } else if !c.trim().is_empty() {
            if let Some(s) = subs.last_mut() {
                s.content_end = end;
                s.has_entries = true;
            }
            last = Some(end);
        }
        pos = end;
    }
    (subs, last)
}

/// The keys of the entries a body already has.
pub(super) fn known_keys(body: &str) -> HashSet<String> {
    body.lines().filter(|l| is_bullet(l)).map(key).collect()
}

/// Merge generated blocks into a section body (raw, as in the file), leaving every existing
/// byte in place: entries already there (same text or same short hash) are skipped, new ones go
/// after the last entry of their `### ` subsection, a missing subsection is added in section
/// order.
pub fn merge_body(body: &str, blocks: &[Block], order: &[String], nl: &str) -> String {
    let mut out = body.to_string();
    let known = known_keys(body);
    for (name, lines) in blocks {
        let fresh: Vec<&Line> = lines
            .iter()
            .filter(|l| !known.contains(&key(&l.text)))
            .filter(|l| l.hash.is_empty() || !body.contains(l.hash.as_str()))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let mut entries = String::new();
        for l in &fresh {
            entries.push_str(&to_nl(&l.text, nl));
            entries.push_str(nl);
        }
        let entries = Addition {
            name,
            heading: None,
            text: &entries,
            paragraph: false,
        };
        add(&mut out, &entries, order, nl);
    }
    out
}

/// Whole lines to add to the `### ` subsection `name` of a body.
pub(super) struct Addition<'a> {
    pub(super) name: &'a str,
    /// The heading line of a new subsection, line ending included (`### {name}` when `None`).
    pub(super) heading: Option<&'a str>,
    /// Whole lines, the last one with its line ending too.
    pub(super) text: &'a str,
    /// It starts with a paragraph, not a list item: a blank line must separate it from the
    /// entry before, or it would be read as that entry's continuation.
    pub(super) paragraph: bool,
}

/// Put `a` after the last entry of its subsection in `out`, or in a new subsection placed in
/// section order.
pub(super) fn add(out: &mut String, a: &Addition<'_>, order: &[String], nl: &str) {
    let (subs, last) = subsections(out);
    if let Some(s) = subs.iter().find(|s| s.name.eq_ignore_ascii_case(a.name)) {
        let mut ins = String::new();
        if !out[..s.content_end].ends_with('\n') {
            ins.push_str(nl);
        }
        if !s.has_entries || a.paragraph {
            ins.push_str(nl);
        }
        ins.push_str(a.text);
        out.insert_str(s.content_end, &ins);
        return;
    }
    let heading = a
        .heading
        .map_or_else(|| format!("### {}{nl}", a.name), str::to_string);
    let block = format!("{heading}{nl}{}", a.text);
    let rank = |name: &str| {
        order
            .iter()
            .position(|o| o.eq_ignore_ascii_case(name))
            .unwrap_or(usize::MAX)
    };
    let r = rank(a.name);
    if let Some(next) = subs.iter().find(|s| rank(&s.name) > r) {
        out.insert_str(next.start, &format!("{block}{nl}"));
    } else if let Some(end) = last {
        let sep = if out[..end].ends_with('\n') {
            nl.to_string()
        } else {
            format!("{nl}{nl}")
        };
        out.insert_str(end, &format!("{sep}{block}"));
    } else {
        out.insert_str(0, &format!("{nl}{block}"));
    }
}

/// Put paragraphs (whole lines) at the end of the text a body has before its first `### `
/// subsection: after the section's heading when it has none, separated by blank lines.
pub(super) fn add_intro(out: &mut String, text: &str, nl: &str) {
    let (subs, _) = subsections(out);
    let head = &out[..subs.first().map_or(out.len(), |s| s.start)];
    let at = content_end(head);
    let mut ins = String::new();
    if !out[..at].is_empty() && !out[..at].ends_with('\n') {
        ins.push_str(nl);
    }
    ins.push_str(nl);
    ins.push_str(text);
    let rest = &out[at..];
    let next = rest.split_inclusive('\n').next().unwrap_or("");
    if !next.trim().is_empty() {
        ins.push_str(nl);
    }
    out.insert_str(at, &ins);
}

/// Where the last non-blank line of `text` ends (0 without one).
fn content_end(text: &str) -> usize {
    let (mut end, mut pos) = (0, 0);
    for l in text.split_inclusive('\n') {
        pos += l.len();
        if !l.trim().is_empty() {
            end = pos;
        }
    }
    end
}

/// Strip blank lines at both ends (the content of a section body). The lines kept are kept
/// whole: trailing white space (two spaces are a hard line break) and line ending included,
/// on the last line too, when it ends the file without a line ending.
pub(super) fn content(body: &str) -> &str {
    let (mut start, mut end, mut pos) = (None, 0, 0);
    for l in body.split_inclusive('\n') {
        if !l.trim().is_empty() {
            start.get_or_insert(pos);
            end = pos + l.len();
        }
        pos += l.len();
    }
    start.map_or("", |s| &body[s..end])
}

/// `heading` + blank line + content + blank line.
pub(super) fn section_text(heading: &str, body: &str, nl: &str) -> String {
    let c = content(body);
    if c.is_empty() {
        return format!("{heading}{nl}{nl}");
    }
    let end = if c.ends_with('\n') { "" } else { nl };
    format!("{heading}{nl}{nl}{c}{end}{nl}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_decoration() {
        assert_eq!(key("- **Breaking:** **api:** Add X. (abc1234)"), "add x");
        assert_eq!(key("* add   x ([#12](https://x/12)) (abcdef0)"), "add x");
        assert_eq!(key("- add x (see docs)"), "add x (see docs)");
    }

    #[test]
    fn content_keeps_its_lines_whole() {
        assert_eq!(content("\n \n- a  \n  b\t\r\n\n \n"), "- a  \n  b\t\r\n");
        assert_eq!(content("\n- a\n- b  "), "- a\n- b  ");
        assert_eq!(content(" \n\n"), "");
    }
}
