//! Dockerfiles: `LABEL org.opencontainers.image.version=...` (also `org.label-schema.version`
//! and a bare `version` label), and the image's own `ARG`/`ENV`: `VERSION`, `APP_VERSION`,
//! `IMAGE_VERSION` and `<TITLE>_VERSION` after the image's `org.opencontainers.image.title` (or
//! `org.label-schema.name`) label, or the names given in `env`. A dependency's pin
//! (`ARG PYTHON_VERSION=3.12`, `ENV POETRY_VERSION=1.8.2`) is never located. All in both `K=V` and the legacy `K V` form, quoted or not, several pairs
//! on one instruction, across `\` continuations (or the `# escape=` character), with comment
//! lines inside continuations skipped as Docker skips them.
//!
//! A value that uses a variable (`$VERSION`) or an escape is not a literal version and is not
//! located; neither is one split across lines.

use std::path::Path;

use super::{KindOptions, Location};
use crate::error::Result;

/// Labels naming the image: `acme` makes `ACME_VERSION` the image's own.
const TITLE_LABELS: &[&str] = &["org.opencontainers.image.title", "org.label-schema.name"];

/// `ARG`/`ENV` names that are the image's own version whatever it is called.
const OWN_NAMES: &[&str] = &["VERSION", "APP_VERSION", "IMAGE_VERSION"];

const LABELS: &[&str] = &[
    "org.opencontainers.image.version",
    "org.label-schema.version",
    "version",
];

/// One logical instruction: its bytes with their offsets in the file.
type Chars = Vec<(u8, usize)>;

pub(super) fn locate(_path: &Path, text: &str, opts: &KindOptions) -> Result<Vec<Location>> {
    let escape = escape_char(text);
    let mut found = Vec::new();
    let mut titles = Vec::new();
    let mut inst: Chars = Vec::new();
    let mut continued = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if continued && (trimmed.starts_with('#') || trimmed.is_empty()) {
            continue;
        }
        if !continued && trimmed.starts_with('#') {
            continue;
        }
        let (body, cont) = match body.trim_end().strip_suffix(escape as char) {
            Some(b) => (b, true),
            None => (body, false),
        };
        inst.extend(body.bytes().enumerate().map(|(i, c)| (c, start + i)));
        if cont {
            continued = true;
            inst.push((b' ', usize::MAX));
            continue;
        }
        continued = false;
        instruction(text, &inst, escape, opts, &mut found, &mut titles);
        inst.clear();
    }
    if !inst.is_empty() {
        instruction(text, &inst, escape, opts, &mut found, &mut titles);
    }
    if opts.env.is_empty() {
        found.retain(|l| {
            let Some(name) = l.what.strip_prefix("ARG ").or(l.what.strip_prefix("ENV ")) else {
                return true;
            };
            own_name(name, &titles)
        });
    }
    Ok(found)
}

/// Whether an `ARG`/`ENV` name is the image's own version, not a dependency's.
fn own_name(name: &str, titles: &[String]) -> bool {
    let upper = name.to_ascii_uppercase();
    OWN_NAMES.contains(&upper.as_str())
        || titles.iter().any(|t| {
            let t: String = t
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            upper == format!("{t}_VERSION")
        })
}

/// The `# escape=` parser directive, if the file starts with one.
fn escape_char(text: &str) -> u8 {
    for line in text.lines() {
        let Some(d) = line.trim().strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = d.split_once('=') else {
            break;
        };
        if k.trim().eq_ignore_ascii_case("escape") && v.trim() == "`" {
            return b'`';
        }
    }
    b'\\'
}

/// A word of an instruction: its text (unescaped, unquoted) and, when it is a literal written
/// in one piece, the span of its contents in the file.
struct Word {
    text: String,
    span: Option<(usize, usize)>,
}

fn instruction(
    text: &str,
    c: &Chars,
    escape: u8,
    opts: &KindOptions,
    found: &mut Vec<Location>,
    titles: &mut Vec<String>,
) {
    let mut i = skip_ws(c, 0);
    let start = i;
    while i < c.len() && !c[i].0.is_ascii_whitespace() {
        i += 1;
    }
    let word: String = c[start..i].iter().map(|&(b, _)| b as char).collect();
    let op = word.to_ascii_uppercase();
    if !matches!(op.as_str(), "LABEL" | "ARG" | "ENV") {
        return;
    }
    let wanted = |key: &str| match op.as_str() {
        "LABEL" => LABELS.contains(&key),
        _ if !opts.env.is_empty() => opts.env.iter().any(|e| e == key),
        _ => key.to_ascii_uppercase().ends_with("VERSION"),
    };
    let mut push = |key: &str, v: &Word| {
        if op == "LABEL" && TITLE_LABELS.contains(&key) {
            titles.push(v.text.clone());
        }
        if let (true, Some((s, e))) = (wanted(key), v.span) {
            if s < e && !v.text.contains('$') {
                found.push(Location::new(text, s, e, format!("{op} {key}")));
            }
        }
    };
    let rest = skip_ws(c, i);
    // legacy `ENV K V` / `LABEL K V`: the first word has no `=`
    let first_end = (rest..c.len())
        .find(|&k| c[k].0.is_ascii_whitespace() || c[k].0 == b'=')
        .unwrap_or(c.len());
    if op != "ARG" && first_end < c.len() && c[first_end].0 != b'=' {
        let key: String = c[rest..first_end].iter().map(|&(b, _)| b as char).collect();
        let vstart = skip_ws(c, first_end);
        let mut vend = c.len();
        while vend > vstart && c[vend - 1].0.is_ascii_whitespace() {
            vend -= 1;
        }
        let v = &c[vstart..vend];
        let word = match v.first().map(|x| x.0) {
            Some(q @ (b'"' | b'\'')) if v.len() >= 2 && v[v.len() - 1].0 == q => {
                literal(&v[1..v.len() - 1], escape)
            }
            _ => literal(v, escape),
        };
        push(&key, &word);
        return;
    }
    let mut i = rest;
    while i < c.len() {
        let (key, next) = read_word(c, i, escape, true);
        i = next;
        if c.get(i).map(|x| x.0) != Some(b'=') {
            i = skip_ws(c, i);
            continue;
        }
        let (value, next) = read_word(c, i + 1, escape, false);
        i = skip_ws(c, next);
        push(&key.text, &value);
    }
}

fn skip_ws(c: &Chars, mut i: usize) -> usize {
    while i < c.len() && c[i].0.is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Chars that are contiguous in the file and hold no escape: their span.
fn literal(v: &[(u8, usize)], escape: u8) -> Word {
    let text: String = v.iter().map(|&(b, _)| b as char).collect();
    // (a joined line continuation stands at offset `usize::MAX`: never contiguous)
    let contiguous = v.windows(2).all(|w| w[0].1.checked_add(1) == Some(w[1].1));
    let span = (contiguous && !v.iter().any(|&(b, _)| b == escape))
        .then(|| v.first().map(|f| (f.1, f.1 + v.len())))
        .flatten();
    Word { text, span }
}

/// Read one shell-like word from `i`: quoted parts, escapes; a key stops at `=`.
fn read_word(c: &Chars, mut i: usize, escape: u8, key: bool) -> (Word, usize) {
    let start = i;
    let mut quoted: Option<(usize, usize)> = None;
    let mut pieces = 0;
    let mut escaped = false;
    while i < c.len() {
        let b = c[i].0;
        if b.is_ascii_whitespace() || (key && b == b'=') {
            break;
        }
        if b == b'"' || b == b'\'' {
            let q = b;
            let open = i + 1;
            i += 1;
            while i < c.len() && c[i].0 != q {
                if c[i].0 == escape && q == b'"' {
                    escaped = true;
                    i += 1;
                }
                i += 1;
            }
            quoted = Some((open, i.min(c.len())));
            i = (i + 1).min(c.len());
            pieces += 1;
            continue;
        }
        if b == escape {
            escaped = true;
            i += 1;
        }
        i += 1;
        pieces += 1;
    }
    let i = i.min(c.len());
    let word = match quoted {
        // exactly one quoted piece: `"1.2.3"`
        Some((s, e)) if pieces == 1 => {
            let mut w = literal(&c[s..e], escape);
            if escaped {
                w.span = None;
            }
            w
        }
        Some(_) => Word {
            text: c[start..i].iter().map(|&(b, _)| b as char).collect(),
            span: None,
        },
        None => {
            let mut w = literal(&c[start..i], escape);
            if escaped {
                w.span = None;
            }
            w
        }
    };
    (word, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(t: &str, opts: &KindOptions) -> Vec<(String, String, usize)> {
        locate(Path::new("Dockerfile"), t, opts)
            .unwrap()
            .into_iter()
            .map(|l| (l.what, t[l.start..l.end].to_string(), l.line))
            .collect()
    }

    /// Found by the fuzz smoke: a quote left open over a line continuation put the joined
    /// continuation (offset `usize::MAX`) inside a word, and the contiguity test overflowed.
    #[test]
    fn a_quote_open_over_a_continuation_does_not_overflow() {
        let t = "LABEL a=\"x\" '\\\n   org.opencontainers.image.version=2.0.0\nCOPY . /app\n";
        let opts = KindOptions::default();
        // no panic; the unterminated quote swallows the version, which is then not found
        let _ = locate(Path::new("Dockerfile"), t, &opts).unwrap();
    }

    fn f(what: &str, v: &str, line: usize) -> (String, String, usize) {
        (what.to_string(), v.to_string(), line)
    }

    #[test]
    fn labels_across_continuations() {
        let t = "FROM python:3.12\nLABEL org.opencontainers.image.title=\"pkg\" \\\n      # a comment inside\n      org.opencontainers.image.version=\"1.2.3\" \\\n      org.opencontainers.image.licenses=MIT\nlabel version=1.2.3 other=x\n";
        assert_eq!(
            found(t, &KindOptions::default()),
            vec![
                f("LABEL org.opencontainers.image.version", "1.2.3", 4),
                f("LABEL version", "1.2.3", 6)
            ]
        );
    }

    #[test]
    fn arg_and_env_in_both_forms() {
        let t = "ARG APP_VERSION=1.2.3\nARG BASE=3\nENV LIB_VERSION 1.2.3\nENV A=1 TOOL_VERSION='1.2.3'\nENV X_VERSION=$APP_VERSION\nARG NO_DEFAULT_VERSION\n";
        assert_eq!(
            found(t, &KindOptions::default()),
            vec![f("ARG APP_VERSION", "1.2.3", 1)]
        );
        // with the image's title, its own name too (a dependency pin never)
        let titled =
            format!("{t}LABEL org.opencontainers.image.title=tool\nARG PYTHON_VERSION=1.2.3\n");
        assert_eq!(
            found(&titled, &KindOptions::default()),
            vec![
                f("ARG APP_VERSION", "1.2.3", 1),
                f("ENV TOOL_VERSION", "1.2.3", 4)
            ]
        );
        let only = KindOptions {
            env: vec!["LIB_VERSION".into()],
            ..KindOptions::default()
        };
        assert_eq!(found(t, &only), vec![f("ENV LIB_VERSION", "1.2.3", 3)]);
    }

    #[test]
    fn backtick_escape_directive_and_crlf() {
        let t = "# escape=`\r\nFROM scratch\r\nLABEL a=b `\r\n  org.opencontainers.image.version=\"2.0.0\"\r\n";
        assert_eq!(
            found(t, &KindOptions::default()),
            vec![f("LABEL org.opencontainers.image.version", "2.0.0", 4)]
        );
    }

    #[test]
    fn escaped_values_are_not_literals() {
        let t = "LABEL version=\"1.2\\.3\"\n";
        assert!(found(t, &KindOptions::default()).is_empty());
    }
}
