//! CHANGELOG.md as `## ` sections over the original text (byte offsets), and the edits a release
//! makes to it: the Unreleased section's hand-written entries move into the new release section,
//! generated entries are merged in without duplicates, an empty `## [Unreleased]` stays, the link
//! references at the bottom are updated. Only those spans change: every other byte (earlier
//! sections, hand edits, CRLF line endings, `[YANKED]` headings) is copied as it was.

use std::cmp::Ordering;

use super::links::Remote;
use super::render::{self, Block, Line};

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
fn link_def(line: &str) -> Option<(&str, &str)> {
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

fn vkey(v: &str) -> (Vec<u64>, bool, &str) {
    let (core, pre) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i + 1..]),
        None => (v, ""),
    };
    let nums = core
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0))
        .collect();
    (nums, pre.is_empty(), pre)
}

/// Order versions as releases (a pre-release before its release).
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    vkey(a).cmp(&vkey(b))
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
        let mut fence = false;
        for &(s, e, next) in &lines {
            if s >= links_at {
                break;
            }
            let line = &text[s..e];
            let t = line.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                fence = !fence;
                continue;
            }
            if fence || !(line.starts_with("## ") || line == "##") {
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

    /// The heading style the newest release uses (`{version}`, `{date}`), `[YANKED]` dropped.
    pub fn heading_template(&self) -> String {
        for s in &self.sections {
            let Kind::Release(v) = &s.kind else { continue };
            let mut h = s.heading.trim_end().to_string();
            if let Some(i) = h.to_ascii_lowercase().find("[yanked]") {
                h.replace_range(i..i + "[yanked]".len(), "");
                h = h.trim_end().to_string();
            }
            let mut t = h.replace(v.as_str(), "{version}");
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
    fn links(&self) -> Vec<(&'a str, &'a str, usize, usize)> {
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

/// The text an entry is recognised by: no bullet, bold prefixes, trailing hash or issue
/// parentheses, case or final period.
fn key(text: &str) -> String {
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

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ")
}

fn to_nl(s: &str, nl: &str) -> String {
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
    let mut fence = false;
    for l in body.split_inclusive('\n') {
        let c = l.trim_end_matches('\n').trim_end_matches('\r');
        let end = pos + l.len();
        let t = c.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if !fence && c.starts_with("### ") {
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

/// Merge generated blocks into a section body (raw, as in the file), leaving every existing
/// byte in place: entries already there (same text or same short hash) are skipped, new ones go
/// after the last entry of their `### ` subsection, a missing subsection is added in section
/// order.
pub fn merge_body(body: &str, blocks: &[Block], order: &[String], nl: &str) -> String {
    let mut out = body.to_string();
    let known: std::collections::HashSet<String> =
        body.lines().filter(|l| is_bullet(l)).map(key).collect();
    let rank = |name: &str| {
        order
            .iter()
            .position(|o| o.eq_ignore_ascii_case(name))
            .unwrap_or(usize::MAX)
    };
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
        let (subs, last) = subsections(&out);
        if let Some(s) = subs.iter().find(|s| s.name.eq_ignore_ascii_case(name)) {
            let mut ins = String::new();
            if !out[..s.content_end].ends_with('\n') {
                ins.push_str(nl);
            }
            if !s.has_entries {
                ins.push_str(nl);
            }
            ins.push_str(&entries);
            out.insert_str(s.content_end, &ins);
            continue;
        }
        let block = format!("### {name}{nl}{nl}{entries}");
        let r = rank(name);
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
    out
}

/// Strip blank lines at both ends (the content of a section body).
fn content(body: &str) -> &str {
    let mut start = 0;
    for l in body.split_inclusive('\n') {
        if !l.trim().is_empty() {
            break;
        }
        start += l.len();
    }
    let rest = &body[start..];
    let trimmed = rest.trim_end();
    // keep the line ending of the last line
    let end = rest[trimmed.len()..]
        .find('\n')
        .map_or(trimmed.len(), |i| trimmed.len() + i + 1);
    &rest[..end]
}

/// `heading` + blank line + content + blank line.
fn section_text(heading: &str, body: &str, nl: &str) -> String {
    let c = content(body);
    if c.is_empty() {
        return format!("{heading}{nl}{nl}");
    }
    let end = if c.ends_with('\n') { "" } else { nl };
    format!("{heading}{nl}{nl}{c}{end}{nl}")
}

/// The hand-written entries of a body as blocks (each item with its continuation lines).
fn items(body: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut name = String::from("Changed");
    let mut cur: Option<String> = None;
    let flush = |out: &mut Vec<Block>, name: &str, cur: &mut Option<String>| {
        if let Some(t) = cur.take() {
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, v)) => v.push(Line {
                    text: t,
                    hash: String::new(),
                }),
                None => out.push((
                    name.to_string(),
                    vec![Line {
                        text: t,
                        hash: String::new(),
                    }],
                )),
            }
        }
    };
    for l in body.lines() {
        let l = l.trim_end_matches('\r');
        if let Some(n) = l.strip_prefix("### ") {
            flush(&mut out, &name, &mut cur);
            name = n.trim().to_string();
        } else if is_bullet(l) && !l.starts_with(' ') {
            flush(&mut out, &name, &mut cur);
            cur = Some(l.to_string());
        } else if let (Some(c), false) = (cur.as_mut(), l.trim().is_empty()) {
            c.push('\n');
            c.push_str(l);
        } else if l.trim().is_empty() {
            flush(&mut out, &name, &mut cur);
        }
    }
    flush(&mut out, &name, &mut cur);
    out
}

/// A release to write.
#[derive(Debug, Clone)]
pub struct NewRelease {
    pub version: String,
    pub tag: String,
    /// The tag of the release before (for the compare link).
    pub prev_tag: Option<String>,
    pub date: String,
    pub blocks: Vec<Block>,
}

/// How link references are made.
#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    pub remote: Option<Remote>,
}

/// Text edits at byte offsets of the original, applied back to front.
struct Edits<'a> {
    text: &'a str,
    /// (start, end, replacement)
    list: Vec<(usize, usize, String)>,
}

impl Edits<'_> {
    fn apply(mut self) -> String {
        // stable: insertions at one offset keep their order
        self.list.sort_by_key(|(s, _, _)| *s);
        let mut out = String::with_capacity(self.text.len() + 4096);
        let mut pos = 0;
        for (s, e, r) in &self.list {
            if *s < pos {
                continue;
            }
            out.push_str(&self.text[pos..*s]);
            out.push_str(r);
            pos = *e;
        }
        out.push_str(&self.text[pos..]);
        out
    }
}

/// The section a release would get in this file: its heading in the file's style, the
/// Unreleased section's hand-written entries, the generated ones merged in.
pub fn release_section(doc: Option<&Doc<'_>>, r: &NewRelease, order: &[String]) -> String {
    let nl = doc.map_or("\n", |d| d.nl);
    if let Some(d) = doc {
        if let Some(s) = d.release(&r.version) {
            let mut body = d.body(s).to_string();
            if let Some(u) = d.unreleased() {
                body = merge_body(&body, &items(d.body(u)), order, nl);
            }
            let merged = merge_body(&body, &r.blocks, order, nl);
            return format!("{}{nl}{merged}", s.heading);
        }
    }
    let template = doc.map_or_else(
        || render::DEFAULT_HEADING.to_string(),
        Doc::heading_template,
    );
    let heading = render::heading(&template, &r.version, &r.date);
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
            edits
                .list
                .push((u.start, u.end, format!("{}{nl}{nl}", u.heading)));
        }
    } else if let Some(u) = doc.unreleased() {
        edits
            .list
            .push((u.start, u.end, format!("{}{nl}{nl}{section}", u.heading)));
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

/// (new unreleased URL, the release's URL): derived from the file's own `[unreleased]` link
/// when it compares the previous tag with HEAD, else from the remote.
fn link_urls(
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
fn link_edits(
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
    for r in releases {
        if doc.release(&r.version).is_some() {
            continue;
        }
        let older = doc.sections.iter().find(|s| {
            matches!(&s.kind, Kind::Release(v) if compare_versions(v, &r.version) == Ordering::Less)
        });
        let at = older.map_or(doc.links_at, |s| s.start);
        let heading = render::heading(&template, &r.version, &r.date);
        let body = to_nl(&render::body(&r.blocks), nl);
        let sep = separator(&filled, at, nl);
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
    use super::*;

    const KAC: &str = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Hand-written thing.\n\n## [2.0.0] - 2025-01-01\n\n### Fixed\n\n- old *hand edited*  entry\n\n## [1.0.0] - 2024-01-01 [YANKED]\n\n- first\n\n[unreleased]: https://github.com/o/r/compare/v2.0.0...HEAD\n[2.0.0]: https://github.com/o/r/compare/v1.0.0...v2.0.0\n[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0\n";

    fn line(t: &str, h: &str) -> Line {
        Line {
            text: t.into(),
            hash: h.into(),
        }
    }

    fn order() -> Vec<String> {
        super::super::config::SECTION_ORDER
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn rel(blocks: Vec<Block>) -> NewRelease {
        NewRelease {
            version: "2.1.0".into(),
            tag: "v2.1.0".into(),
            prev_tag: Some("v2.0.0".into()),
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
            remote: super::super::links::parse_remote("git@github.com:o/r.git"),
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
                date: "2025-01-01".into(),
                blocks: vec![("Added".into(), vec![line("- gen", "")])],
            },
            NewRelease {
                version: "1.5.0".into(),
                tag: "v1.5.0".into(),
                prev_tag: Some("v1.0.0".into()),
                date: "2024-06-01".into(),
                blocks: vec![("Fixed".into(), vec![line("- mid", "")])],
            },
        ];
        let links = LinkOptions {
            remote: super::super::links::parse_remote("https://github.com/o/r"),
        };
        let out = bootstrap(Some(KAC), &[], &releases, &order(), &links);
        assert!(out.contains("- old *hand edited*  entry\n\n## [1.5.0] - 2024-06-01\n\n### Fixed\n\n- mid\n\n## [1.0.0]"), "{out}");
        assert!(!out.contains("- gen"));
        assert!(out.contains("[2.0.0]: https://github.com/o/r/compare/v1.0.0...v2.0.0\n[1.5.0]: https://github.com/o/r/compare/v1.0.0...v1.5.0\n[1.0.0]"), "{out}");
    }

    #[test]
    fn keys_ignore_decoration() {
        assert_eq!(key("- **Breaking:** **api:** Add X. (abc1234)"), "add x");
        assert_eq!(key("* add   x ([#12](https://x/12)) (abcdef0)"), "add x");
        assert_eq!(key("- add x (see docs)"), "add x (see docs)");
    }
}
