//! Line-based reading of YAML block mappings: each `key: value` line with its indentation and
//! the span of a scalar value (plain, `'single'` or `"double"` quoted, trailing `# comment`
//! allowed). Block scalars (`run: |`) are skipped whole, so a `KEY: 1` line inside a shell
//! script is not a key. No serializer round-trip: the file is never rebuilt.
//!
//! What is checked: tabs in indentation and a quoted value that does not close on its line, or
//! that has text after it, are syntax errors (callers raise the second only for keys they want).
//! Flow collections (`{a: 1}`), multi-line scalars, anchors and tags are not locations.

use std::path::Path;

use super::syntax;
use crate::error::Result;

/// The value on a `key: value` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    /// A scalar written in one piece: the span of its contents (no quotes).
    Scalar(usize, usize),
    /// Nothing, a block scalar, a flow collection, an alias, a tag, an escape...
    NotLiteral,
    /// A quoted value that is malformed on this line, at this offset, with this message.
    Bad(usize, &'static str),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct KeyLine<'a> {
    /// Column of the key (after any `- ` sequence markers).
    pub indent: usize,
    /// Whether the key follows a `- ` sequence marker.
    pub in_sequence: bool,
    pub key: &'a str,
    pub value: Value,
}

/// Call `on` for each `key: value` line of `text`.
pub(super) fn key_lines<'a>(
    path: &Path,
    text: &'a str,
    mut on: impl FnMut(KeyLine<'a>) -> Result<()>,
) -> Result<()> {
    let mut offset = 0;
    // the indentation a block scalar's content must exceed
    let mut block: Option<usize> = None;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[spaces..];
        if let Some(b) = block {
            if rest.trim().is_empty() || spaces > b {
                continue;
            }
            block = None;
        }
        if rest.starts_with('\t') {
            return Err(syntax(
                path,
                text,
                start + spaces,
                "invalid YAML: tab in indentation",
            ));
        }
        if rest.is_empty()
            || rest.starts_with('#')
            || rest.starts_with("---")
            || rest.starts_with("...")
        {
            continue;
        }
        // sequence markers: `- key: value`, `- - key: value`
        let mut col = spaces;
        let mut in_sequence = false;
        let mut r = rest;
        while let Some(after) = r.strip_prefix("- ").or_else(|| (r == "-").then_some("")) {
            let pad = after.len() - after.trim_start_matches(' ').len();
            col += 2 + pad;
            r = &after[pad..];
            in_sequence = true;
        }
        let Some((key, vstart)) = split_key(r) else {
            continue;
        };
        let value_text = &r[vstart..];
        let abs = start + col + vstart;
        let value = scalar(value_text, abs);
        if value == Value::NotLiteral {
            let v = value_text.trim();
            if v.starts_with('|') || v.starts_with('>') {
                block = Some(col);
            }
        }
        on(KeyLine {
            indent: col,
            in_sequence,
            key,
            value,
        })?;
    }
    Ok(())
}

/// `key: rest`: the key (unquoted) and the offset of the text after `:`.
fn split_key(r: &str) -> Option<(&str, usize)> {
    let b = r.as_bytes();
    if let Some(q @ (b'"' | b'\'')) = b.first().copied() {
        let close = r[1..].find(q as char)? + 1;
        let after = &r[close + 1..];
        let colon = after.find(|c: char| c != ' ')?;
        if !after[colon..].starts_with(':') {
            return None;
        }
        let v = close + 1 + colon + 1;
        if !r[v..].is_empty() && !r[v..].starts_with([' ', '\t']) {
            return None;
        }
        return Some((&r[1..close], v));
    }
    if matches!(
        b.first(),
        Some(b'{' | b'[' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>')
    ) {
        return None;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] == b':' && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\t') {
            let key = r[..i].trim_end();
            return (!key.is_empty() && !key.contains(" #")).then_some((key, i + 1));
        }
        if b[i] == b'#' && i > 0 && b[i - 1] == b' ' {
            return None;
        }
        i += 1;
    }
    None
}

/// The scalar in `v` (the text after `key:`), `abs` being the offset of `v` in the file.
fn scalar(v: &str, abs: usize) -> Value {
    let lead = v.len() - v.trim_start().len();
    let s = &v[lead..];
    let at = abs + lead;
    let Some(first) = s.chars().next() else {
        return Value::NotLiteral;
    };
    match first {
        '"' | '\'' => {
            let body = &s[1..];
            let mut close = None;
            let mut escaped = false;
            let mut k = 0;
            let bytes = body.as_bytes();
            while k < bytes.len() {
                let c = bytes[k];
                if first == '"' && c == b'\\' {
                    escaped = true;
                    k += 2;
                    continue;
                }
                if c == first as u8 {
                    if first == '\'' && bytes.get(k + 1) == Some(&b'\'') {
                        escaped = true;
                        k += 2;
                        continue;
                    }
                    close = Some(k);
                    break;
                }
                k += 1;
            }
            let Some(close) = close else {
                return Value::Bad(at, "invalid YAML: quoted value does not close on its line");
            };
            let after = s[close + 2..].trim_start();
            if !after.is_empty() && !after.starts_with('#') {
                return Value::Bad(at + close + 2, "invalid YAML: text after a quoted value");
            }
            if escaped {
                return Value::NotLiteral;
            }
            Value::Scalar(at + 1, at + 1 + close)
        }
        '|' | '>' | '{' | '[' | '&' | '*' | '!' | '#' | '@' | '`' | '%' => Value::NotLiteral,
        _ => {
            let end = s.find(" #").or_else(|| s.find("\t#")).unwrap_or(s.len());
            let plain = s[..end].trim_end();
            Value::Scalar(at, at + plain.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: &str) -> Vec<(usize, String, Option<String>)> {
        let mut out = Vec::new();
        key_lines(Path::new("x.yml"), t, |k| {
            let v = match k.value {
                Value::Scalar(s, e) => Some(t[s..e].to_string()),
                _ => None,
            };
            out.push((k.indent, k.key.to_string(), v));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn scalars_quotes_comments_sequences() {
        let t = "env:\n  A_VERSION: 0.2.0 # pinned\n  B: \"x y\"  # c\n  'C': 'it'\n  - D: e\nurl: http://x#y\n";
        assert_eq!(
            keys(t),
            vec![
                (0, "env".into(), None),
                (2, "A_VERSION".into(), Some("0.2.0".into())),
                (2, "B".into(), Some("x y".into())),
                (2, "C".into(), Some("it".into())),
                (4, "D".into(), Some("e".into())),
                (0, "url".into(), Some("http://x#y".into())),
            ]
        );
    }

    #[test]
    fn block_scalars_are_skipped() {
        let t = "steps:\n  - run: |\n      FFI_VERSION: 9\n      echo\n\n    name: x\n";
        let got = keys(t);
        assert!(got.iter().all(|(_, k, _)| k != "FFI_VERSION"), "{got:?}");
        assert!(got.iter().any(|(i, k, _)| k == "name" && *i == 4));
    }

    #[test]
    fn tabs_are_syntax_errors() {
        let e = key_lines(Path::new("x.yml"), "a:\n\tb: 1\n", |_| Ok(())).unwrap_err();
        assert!(
            matches!(
                e,
                crate::Error::Syntax {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
