//! One commit message → what it means for a changelog: its conventional changes (type, scope,
//! `!`, breaking footers, footers, body), or why it is not conventional (with a near-miss hint
//! when it almost is), the commit it reverts, and a squash-merge split into its bullets.
//!
//! Parsing is git-conventional's; on top of it: types are checked against the configured list
//! (the crate takes any token, `builtin/log: x` included), `breaking-change:` in any case counts
//! (the crate only knows `BREAKING CHANGE` and `BREAKING-CHANGE`), a space after the colon is
//! required (the crate takes `feat:x`), CRLF messages are normalized, and a body the crate
//! refuses (a footer-looking line without a value) does not make the subject non-conventional.

use std::borrow::Cow;

use serde::Serialize;

use super::config::Settings;

/// A `Token: value` or `Token #value` footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Footer {
    pub token: String,
    pub value: String,
}

/// One conventional change (a commit holds one, a split squash-merge several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The type, lowercase.
    #[serde(rename = "type")]
    pub ty: String,
    pub scope: Option<String>,
    pub description: String,
    /// Set when the change breaks compatibility: the footer's explanation, else the description.
    pub breaking: Option<String>,
    pub body: Option<String>,
    pub footers: Vec<Footer>,
}

impl Change {
    /// Values of footers whose token is one of `tokens` (case-insensitive).
    pub fn footer_values<'a>(&'a self, tokens: &'a [&str]) -> impl Iterator<Item = &'a str> {
        self.footers
            .iter()
            .filter(|f| tokens.iter().any(|t| f.token.eq_ignore_ascii_case(t)))
            .map(|f| f.value.as_str())
    }
}

/// What a commit is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Kind {
    Conventional {
        changes: Vec<Change>,
        /// The changes come from the bullets of a squash-merge's body.
        squash: bool,
    },
    NonConventional {
        /// Why it almost is conventional (`feat:x`, `Feat(api) x`, `fix(): x`).
        near_miss: Option<String>,
    },
}

/// A classified commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commit {
    pub hash: String,
    pub subject: String,
    /// More than one parent.
    pub merge: bool,
    #[serde(flatten)]
    pub kind: Kind,
    /// The commit id (maybe abbreviated) this one reverts.
    pub reverts: Option<String>,
}

impl Commit {
    /// The id as entries show it.
    pub fn short(&self) -> &str {
        &self.hash[..self.hash.len().min(7)]
    }

    pub fn changes(&self) -> &[Change] {
        match &self.kind {
            Kind::Conventional { changes, .. } => changes,
            Kind::NonConventional { .. } => &[],
        }
    }
}

/// Words people write for a type that is not one.
const ALIASES: &[(&str, &str)] = &[
    ("feature", "feat"),
    ("features", "feat"),
    ("bugfix", "fix"),
    ("hotfix", "fix"),
    ("fixes", "fix"),
    ("fixed", "fix"),
    ("doc", "docs"),
    ("tests", "test"),
    ("refactoring", "refactor"),
    ("performance", "perf"),
];

/// Classify one commit (`message` as `%B` prints it).
pub fn classify(hash: &str, parents: usize, message: &str, s: &Settings) -> Commit {
    let message: Cow<'_, str> = if message.contains('\r') {
        Cow::Owned(message.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(message)
    };
    let msg = message.trim_start_matches(['\n', ' ']).trim_end();
    let subject = msg.lines().next().unwrap_or("").trim_end();
    let kind = parse_message(msg, subject, s);
    Commit {
        hash: hash.to_string(),
        subject: subject.to_string(),
        merge: parents > 1,
        kind,
        reverts: reverted_id(msg),
    }
}

fn parse_message(msg: &str, subject: &str, s: &Settings) -> Kind {
    match conventional(msg, subject, s) {
        Ok(c) => Kind::Conventional {
            changes: vec![c],
            squash: false,
        },
        Err(near_miss) => {
            if let Some(c) = git_revert(msg, subject, s) {
                return Kind::Conventional {
                    changes: vec![c],
                    squash: false,
                };
            }
            if s.split_squash {
                let bullets = squash_bullets(msg, s);
                if !bullets.is_empty() {
                    return Kind::Conventional {
                        changes: bullets,
                        squash: true,
                    };
                }
            }
            Kind::NonConventional { near_miss }
        }
    }
}

/// Parse a whole message; `Err(near-miss reason)` when it is not conventional.
fn conventional(msg: &str, subject: &str, s: &Settings) -> Result<Change, Option<String>> {
    let (parsed, lenient_body) = match git_conventional::Commit::parse(msg) {
        Ok(c) => (c, false),
        // the body or a footer is malformed: judge the subject alone, keep the body as text
        Err(_) => match git_conventional::Commit::parse(subject) {
            Ok(c) => (c, true),
            Err(_) => return Err(near_miss(subject, s)),
        },
    };
    let desc = parsed.description();
    let offset = desc.as_ptr() as usize - msg.as_ptr() as usize;
    if offset <= msg.len() && !msg[..offset].ends_with(char::is_whitespace) {
        return Err(near_miss(subject, s).or(Some("missing space after `:`".into())));
    }
    let Some(ty) = s.known_type(parsed.type_().as_str()) else {
        return Err(near_miss(subject, s));
    };
    let (body, footers) = if lenient_body {
        lenient_body_and_footers(msg)
    } else {
        (
            parsed.body().map(str::to_string),
            parsed
                .footers()
                .iter()
                .map(|f| Footer {
                    token: f.token().as_str().to_string(),
                    value: f.value().trim().to_string(),
                })
                .collect(),
        )
    };
    // footers in any spelling first (their text explains the break), else `!`
    let breaking = footers
        .iter()
        .find(|f| is_breaking_token(&f.token))
        .map(|f| f.value.clone())
        .or_else(|| parsed.breaking().then(|| desc.trim().to_string()));
    Ok(Change {
        ty: ty.to_string(),
        scope: parsed.scope().map(|sc| sc.as_str().to_string()),
        description: desc.trim().to_string(),
        breaking,
        body,
        footers,
    })
}

fn is_breaking_token(t: &str) -> bool {
    t == "BREAKING CHANGE" || t.eq_ignore_ascii_case("BREAKING-CHANGE")
}

/// The body and trailing footers of a message the crate refused, read leniently: the last
/// paragraph is footers when every line of it looks like `Token: value` / `Token #value`.
fn lenient_body_and_footers(msg: &str) -> (Option<String>, Vec<Footer>) {
    let rest = msg.split_once('\n').map_or("", |(_, r)| r).trim();
    if rest.is_empty() {
        return (None, Vec::new());
    }
    let (body, last) = match rest.rfind("\n\n") {
        Some(i) => (Some(rest[..i].trim()), &rest[i + 2..]),
        None => (None, rest),
    };
    let footers: Option<Vec<Footer>> = last.lines().map(footer_line).collect();
    match footers {
        Some(f) if !f.is_empty() => (body.map(str::to_string), f),
        _ => (Some(rest.to_string()), Vec::new()),
    }
}

fn footer_line(line: &str) -> Option<Footer> {
    let (token, value) = if let Some(v) = line.strip_prefix("BREAKING CHANGE:") {
        ("BREAKING CHANGE", v)
    } else {
        let end = line.find(|c: char| !(c.is_alphanumeric() || c == '-'))?;
        let (t, r) = line.split_at(end);
        let v = r.strip_prefix(':').or_else(|| r.strip_prefix(" #"))?;
        (t, v)
    };
    (!token.is_empty()).then(|| Footer {
        token: token.to_string(),
        value: value.trim().to_string(),
    })
}

/// Why `subject` looks like a conventional commit gone wrong, if it does: a known type (or a
/// common alias of one), any case, followed by `(`, `!` or `:`.
pub fn near_miss(subject: &str, s: &Settings) -> Option<String> {
    let t = subject.trim_start();
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    let (word, rest) = t.split_at(end);
    if word.is_empty() {
        return None;
    }
    let alias = ALIASES
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(word))
        .map(|(_, t)| *t);
    let known = s
        .known_type(word)
        .or(alias.filter(|a| s.known_type(a).is_some()))?;
    let r = rest.trim_start();
    if !r.starts_with(['(', '!', ':']) {
        return None;
    }
    let after_scope = match r.strip_prefix('(') {
        Some(inner) => {
            if inner.starts_with(')') {
                return Some("empty scope `()`".into());
            }
            match inner.find(')') {
                Some(i) => &inner[i + 1..],
                None => return Some("unclosed scope `(`".into()),
            }
        }
        None => r,
    };
    let after_bang = after_scope.strip_prefix('!').unwrap_or(after_scope);
    if s.known_type(word).is_none() {
        return Some(format!(
            "`{word}` is not a commit type; did you mean `{known}`?"
        ));
    }
    if !rest.is_empty() && rest.starts_with(char::is_whitespace) {
        return Some("space before `:`".into());
    }
    match after_bang.strip_prefix(':') {
        None => Some("missing `:` after the type".into()),
        Some(d) if d.trim().is_empty() => Some("empty description".into()),
        Some(d) if !d.starts_with(char::is_whitespace) => Some("missing space after `:`".into()),
        Some(_) => Some("not a conventional commit".into()),
    }
}

/// git's own revert message, `Revert "feat: x"`: a `revert` change.
fn git_revert(msg: &str, subject: &str, s: &Settings) -> Option<Change> {
    let inner = subject.strip_prefix("Revert \"")?.strip_suffix('"')?;
    let ty = s.known_type("revert")?;
    let body = msg
        .split_once('\n')
        .map(|(_, b)| b.trim())
        .filter(|b| !b.is_empty());
    Some(Change {
        ty: ty.to_string(),
        scope: None,
        description: format!("revert \"{inner}\""),
        breaking: None,
        body: body.map(str::to_string),
        footers: Vec::new(),
    })
}

/// The commit `This reverts commit <id>` names (git's revert body), or a `Refs: <id>` footer of
/// a `revert:` commit.
fn reverted_id(msg: &str) -> Option<String> {
    const MARK: &str = "This reverts commit ";
    // both forms say so in the subject; most messages need no search at all
    if !msg
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("revert"))
    {
        return None;
    }
    if let Some(i) = msg.find(MARK) {
        let id: String = msg[i + MARK.len()..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        if id.len() >= 7 {
            return Some(id.to_ascii_lowercase());
        }
    }
    if msg
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("revert:"))
    {
        for line in msg.lines().rev() {
            if let Some(v) = line
                .strip_prefix("Refs:")
                .or_else(|| line.strip_prefix("refs:"))
            {
                let id = v.trim();
                if id.len() >= 7 && id.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Some(id.to_ascii_lowercase());
                }
            }
        }
    }
    None
}

/// The conventional bullets (`* feat: x`, `- fix(a): y`) of a squash-merge's body.
fn squash_bullets(msg: &str, s: &Settings) -> Vec<Change> {
    let Some((_, body)) = msg.split_once('\n') else {
        return Vec::new();
    };
    let shared: Vec<Footer> = lenient_body_and_footers(msg)
        .1
        .into_iter()
        .filter(|f| !is_breaking_token(&f.token))
        .collect();
    body.lines()
        .filter_map(|l| l.strip_prefix("* ").or_else(|| l.strip_prefix("- ")))
        .filter_map(|line| {
            let line = line.trim();
            let mut c = conventional(line, line, s).ok()?;
            c.footers.extend(shared.iter().cloned());
            Some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(msg: &str) -> Commit {
        classify("0123456789abcdef", 1, msg, &Settings::default())
    }

    fn change(msg: &str) -> Change {
        match one(msg).kind {
            Kind::Conventional { mut changes, .. } => changes.remove(0),
            k => panic!("not conventional: {msg:?} -> {k:?}"),
        }
    }

    fn miss(msg: &str) -> Option<String> {
        match one(msg).kind {
            Kind::NonConventional { near_miss } => near_miss,
            k => panic!("conventional: {msg:?} -> {k:?}"),
        }
    }

    #[test]
    fn type_scope_bang_and_description() {
        let c = change("feat(api)!: drop v1\n");
        assert_eq!(c.ty, "feat");
        assert_eq!(c.scope.as_deref(), Some("api"));
        assert_eq!(c.description, "drop v1");
        assert_eq!(c.breaking.as_deref(), Some("drop v1"));
        assert_eq!(change("Fix: typo").ty, "fix", "types are case-insensitive");
    }

    #[test]
    fn breaking_footers_in_every_spelling() {
        for token in [
            "BREAKING CHANGE",
            "BREAKING-CHANGE",
            "breaking-change",
            "Breaking-Change",
        ] {
            let c = change(&format!("feat: x\n\nbody text\n\n{token}: config moved"));
            assert_eq!(c.breaking.as_deref(), Some("config moved"), "{token}");
            assert_eq!(c.body.as_deref(), Some("body text"));
        }
        assert_eq!(change("feat: x\n\nbreaking change: no").breaking, None);
    }

    #[test]
    fn multi_paragraph_bodies_refs_and_crlf() {
        let c = change("fix(db): retry\r\n\r\nFirst para.\r\nline two.\r\n\r\nSecond para.\r\n\r\nRefs: #12\r\nCloses #13\r\n");
        assert_eq!(
            c.body.as_deref(),
            Some("First para.\nline two.\n\nSecond para.")
        );
        assert_eq!(c.footer_values(&["refs"]).collect::<Vec<_>>(), ["#12"]);
        assert_eq!(c.footer_values(&["closes"]).collect::<Vec<_>>(), ["13"]);
    }

    #[test]
    fn a_malformed_footer_does_not_lose_the_subject() {
        let c = change("feat: x\n\nNote:\n");
        assert_eq!(c.description, "x");
    }

    #[test]
    fn unknown_types_are_not_conventional() {
        assert_eq!(miss("builtin/log: x"), None);
        assert_eq!(miss("JIRA-1: x"), None);
        assert_eq!(miss("Update README.md"), None);
        assert_eq!(
            miss("Fix typo in docs"),
            None,
            "plain English is not a near miss"
        );
    }

    #[test]
    fn near_misses_say_what_is_wrong() {
        assert_eq!(miss("feat:x").as_deref(), Some("missing space after `:`"));
        assert_eq!(
            miss("Feat(api) x").as_deref(),
            Some("missing `:` after the type")
        );
        assert_eq!(miss("fix(): x").as_deref(), Some("empty scope `()`"));
        assert_eq!(
            miss("feature: x").as_deref(),
            Some("`feature` is not a commit type; did you mean `feat`?")
        );
    }

    #[test]
    fn reverts_name_their_target() {
        let c = one("Revert \"feat: add x\"\n\nThis reverts commit 89abcdef0123456789abcdef0123456789abcdef.\n");
        assert_eq!(
            c.reverts.as_deref(),
            Some("89abcdef0123456789abcdef0123456789abcdef")
        );
        assert_eq!(c.changes()[0].ty, "revert");
        let c = one("revert: feat: add x\n\nRefs: 89abcdef\n");
        assert_eq!(c.reverts.as_deref(), Some("89abcdef"));
    }

    #[test]
    fn squash_merges_split_into_their_bullets() {
        let c =
            one("Add login (#42)\n\n* feat(auth): add form\n\n* fix: typo\n\n* wip\n\nRefs: #42\n");
        let Kind::Conventional { changes, squash } = &c.kind else {
            panic!("{c:?}")
        };
        assert!(squash);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].scope.as_deref(), Some("auth"));
        assert_eq!(changes[1].footer_values(&["refs"]).next(), Some("#42"));
    }

    #[test]
    fn a_subject_with_a_multibyte_char_after_revert_does_not_panic() {
        // byte 7 is inside `é`: found by the changelog_commits fuzz target
        let c = one("revertéé x");
        assert_eq!(c.reverts, None);
        assert!(matches!(c.kind, Kind::NonConventional { .. }));
    }

    #[test]
    fn merges_are_marked() {
        assert!(classify("abc", 2, "Merge branch 'x'", &Settings::default()).merge);
    }
}
