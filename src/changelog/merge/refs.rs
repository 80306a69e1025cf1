//! The link references at the bottom: `[unreleased]` moved on, the new release's link added in
//! version order, URLs taken from the file's own `[unreleased]` link or the remote.

use std::cmp::Ordering;

use super::doc::{compare_versions, version_of, Doc};
use super::{separator, Edits, LinkOptions, NewRelease};

/// (new unreleased URL, the release's URL): derived from the file's own `[unreleased]` link
/// when it compares the previous tag with HEAD, else from the remote.
pub(super) fn link_urls(
    doc: &Doc<'_>,
    r: &NewRelease,
    links: &LinkOptions,
    new_file: bool,
) -> Option<(String, String)> {
    let existing = doc
        .links()
        .into_iter()
        .find(|(l, _, _, _)| l.eq_ignore_ascii_case("unreleased"))
        .map(|(_, u, _, _)| u);
    if let (Some(u), Some(prev)) = (existing, r.prev_tag.as_deref()) {
        if let Some(h) = u.rfind("HEAD") {
            if u.contains(prev) {
                let version = format!("{}{}{}", &u[..h], r.tag, &u[h + 4..]);
                return Some((u.replacen(prev, &r.tag, 1), version));
            }
        }
    }
    if existing.is_none() && doc.links_at == doc.text.len() && !new_file {
        // the file keeps no link references: do not start them in a file people wrote
        return None;
    }
    let remote = links.remote.as_ref()?;
    let url = match r.prev_tag.as_deref() {
        Some(p) => remote.compare(p, &r.tag),
        None => remote.tag(&r.tag),
    };
    Some((remote.compare(&r.tag, "HEAD"), url))
}

/// Update the `[unreleased]` link and add missing version links in version order.
pub(super) fn link_edits(
    doc: &Doc<'_>,
    edits: &mut Edits<'_>,
    unreleased: Option<&str>,
    new: &[(String, String)],
) {
    let nl = doc.nl;
    let links = doc.links();
    if links.is_empty() {
        let mut s = separator(doc.text, doc.text.len(), nl);
        if let Some(u) = unreleased {
            s.push_str(&format!("[unreleased]: {u}{nl}"));
        }
        for (label, url) in new {
            s.push_str(&format!("[{label}]: {url}{nl}"));
        }
        edits.list.push((doc.text.len(), doc.text.len(), s));
        return;
    }
    let mut after_unreleased = links[0].2;
    match links
        .iter()
        .find(|(l, _, _, _)| l.eq_ignore_ascii_case("unreleased"))
    {
        Some((label, _, start, next)) => {
            after_unreleased = *next;
            if let Some(u) = unreleased {
                let line = &doc.text[*start..*next];
                let eol = &line[line.trim_end_matches(['\n', '\r']).len()..];
                edits
                    .list
                    .push((*start, *next, format!("[{label}]: {u}{eol}")));
            }
        }
        None => {
            if let Some(u) = unreleased {
                edits
                    .list
                    .push((links[0].2, links[0].2, format!("[unreleased]: {u}{nl}")));
            }
        }
    }
    for (label, url) in new {
        if links
            .iter()
            .any(|(l, _, _, _)| l.eq_ignore_ascii_case(label))
        {
            continue;
        }
        let older = links.iter().find(|(l, _, _, _)| {
            version_of(l).is_some_and(|v| compare_versions(&v, label) == Ordering::Less)
        });
        let at = match older {
            Some((_, _, start, _)) => *start,
            None => {
                let last = links.last().map_or(after_unreleased, |l| l.3);
                last.max(after_unreleased)
            }
        };
        let prefix = if doc.text[..at].ends_with('\n') {
            ""
        } else {
            nl
        };
        edits
            .list
            .push((at, at, format!("{prefix}[{label}]: {url}{nl}")));
    }
}
