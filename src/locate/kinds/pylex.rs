//! Just enough of a Python tokenizer to find assignments and keyword arguments: names, string
//! literals (with the span of their contents), brackets, `=`, and logical line ends. Comments,
//! docstrings and strings are skipped whole, so `version = "1.0"` inside a docstring is not code.

use std::path::Path;

use super::syntax;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    Name,
    /// A string literal; `plain` when its contents are its value (no escapes, no `f`/`b`).
    Str {
        start: usize,
        end: usize,
        plain: bool,
    },
    /// A single-byte operator or bracket (`=` only when it is not part of `==`, `+=`, ...).
    Op(u8),
    /// The end of a logical line.
    Newline,
    /// Numbers and multi-byte operators.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    /// Bracket depth; an opening bracket and its closer carry the depth outside them.
    pub depth: usize,
    /// Column (bytes) of the token in its physical line.
    pub col: usize,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    pub fn is_op(&self, c: u8) -> bool {
        self.tok == Tok::Op(c)
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Tokenize `text`; an unterminated string is a syntax error.
pub(super) fn tokens(path: &Path, text: &str) -> Result<Vec<Token>> {
    let b = text.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = 0;
    let push = |out: &mut Vec<Token>, tok, start, end, depth, line_start: usize| {
        out.push(Token {
            tok,
            start,
            end,
            depth,
            col: start - line_start,
        })
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                if depth == 0 && out.last().is_some_and(|t| t.tok != Tok::Newline) {
                    push(&mut out, Tok::Newline, i, i + 1, 0, line_start);
                }
                i += 1;
                line_start = i;
            }
            b' ' | b'\t' | b'\r' | b'\x0c' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\\' => {
                // line continuation
                i += 1;
                if b.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                    line_start = i;
                }
            }
            b'"' | b'\'' => {
                let (tok, end) = string(path, text, i, i)?;
                push(&mut out, tok, i, end, depth, line_start);
                line_start = text[..end].rfind('\n').map_or(line_start, |p| p + 1);
                i = end;
            }
            b'(' | b'[' | b'{' => {
                push(&mut out, Tok::Op(c), i, i + 1, depth, line_start);
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                push(&mut out, Tok::Op(c), i, i + 1, depth, line_start);
                i += 1;
            }
            _ if is_name_byte(c) && !c.is_ascii_digit() => {
                let start = i;
                while i < b.len() && is_name_byte(b[i]) {
                    i += 1;
                }
                // a string prefix: r"", b'', f"", rb"", ...
                if matches!(b.get(i), Some(b'"' | b'\''))
                    && i - start <= 2
                    && text[start..i].bytes().all(|p| b"rRbBuUfF".contains(&p))
                {
                    let (tok, end) = string(path, text, start, i)?;
                    push(&mut out, tok, start, end, depth, line_start);
                    line_start = text[..end].rfind('\n').map_or(line_start, |p| p + 1);
                    i = end;
                } else {
                    push(&mut out, Tok::Name, start, i, depth, line_start);
                }
            }
            _ if c.is_ascii_digit() => {
                let start = i;
                while i < b.len() && (is_name_byte(b[i]) || b[i] == b'.') {
                    i += 1;
                }
                push(&mut out, Tok::Other, start, i, depth, line_start);
            }
            _ => {
                let start = i;
                let two = b.get(i + 1) == Some(&b'=') && b"=<>!+-*/%&|^@:".contains(&c);
                let arrow = c == b'-' && b.get(i + 1) == Some(&b'>');
                if two || arrow {
                    i += 2;
                    push(&mut out, Tok::Other, start, i, depth, line_start);
                } else {
                    i += 1;
                    push(&mut out, Tok::Op(c), start, i, depth, line_start);
                }
            }
        }
    }
    if out.last().is_some_and(|t| t.tok != Tok::Newline) {
        push(&mut out, Tok::Newline, b.len(), b.len(), 0, line_start);
    }
    Ok(out)
}

/// A string literal starting at `start` (its prefix) with the quote at `q`.
fn string(path: &Path, text: &str, start: usize, q: usize) -> Result<(Tok, usize)> {
    let b = text.as_bytes();
    let quote = b[q];
    let triple = b.get(q + 1) == Some(&quote) && b.get(q + 2) == Some(&quote);
    let open = if triple { 3 } else { 1 };
    let prefix = &text[start..q];
    let raw = prefix.contains(['r', 'R']);
    let mut plain = !prefix.contains(['f', 'F', 'b', 'B']);
    let mut i = q + open;
    loop {
        match b.get(i) {
            None => {
                return Err(syntax(
                    path,
                    text,
                    start,
                    "invalid Python: unterminated string",
                ));
            }
            Some(b'\\') => {
                if !raw {
                    plain = false;
                }
                i += 2;
            }
            Some(b'\n') if !triple => {
                return Err(syntax(
                    path,
                    text,
                    start,
                    "invalid Python: unterminated string",
                ));
            }
            Some(&c) if c == quote => {
                if !triple {
                    return Ok((
                        Tok::Str {
                            start: q + 1,
                            end: i,
                            plain,
                        },
                        i + 1,
                    ));
                }
                if b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote) {
                    return Ok((
                        Tok::Str {
                            start: q + 3,
                            end: i,
                            plain: false,
                        },
                        i + 3,
                    ));
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    }
}

/// A top-level assignment `NAME [: annotation] = [NAME =]... "string"` at column 0, where one of
/// the assigned names is in `names`: the first such name and the string's span.
pub(super) fn assignments<'t>(
    text: &str,
    toks: &'t [Token],
    names: &[&str],
) -> Vec<(&'t Token, usize, usize)> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.tok != Tok::Newline {
            continue;
        }
        let line = &toks[line_start..i];
        line_start = i + 1;
        if let Some(hit) = assignment(text, line, names) {
            found.push(hit);
        }
    }
    found
}

fn assignment<'t>(
    text: &str,
    line: &'t [Token],
    names: &[&str],
) -> Option<(&'t Token, usize, usize)> {
    let first = line.first()?;
    if first.tok != Tok::Name || first.col != 0 {
        return None;
    }
    // the value: the last token, a plain string, after an `=` (a `;` may follow)
    let end = line
        .iter()
        .position(|t| t.is_op(b';'))
        .unwrap_or(line.len());
    let line = &line[..end];
    let (value, targets) = line.split_last()?;
    let Tok::Str { start, end, plain } = value.tok else {
        return None;
    };
    if !plain || !targets.last()?.is_op(b'=') {
        return None;
    }
    // targets: NAME [: annotation] = (NAME =)*
    let mut hit = None;
    let mut k = 0;
    while k < targets.len() {
        let t = &targets[k];
        if t.tok != Tok::Name {
            return None;
        }
        if hit.is_none() && names.contains(&t.text(text)) {
            hit = Some(t);
        }
        k += 1;
        if k == 1 && targets.get(k).is_some_and(|t| t.is_op(b':')) {
            // an annotation runs to the `=`
            k = targets[k..].iter().position(|t| t.is_op(b'='))? + k;
        }
        if !targets.get(k)?.is_op(b'=') {
            return None;
        }
        k += 1;
    }
    hit.map(|t| (t, start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assigned(text: &str, names: &[&str]) -> Vec<(String, String)> {
        let toks = tokens(Path::new("m.py"), text).unwrap();
        assignments(text, &toks, names)
            .into_iter()
            .map(|(t, s, e)| (t.text(text).to_string(), text[s..e].to_string()))
            .collect()
    }

    #[test]
    fn finds_top_level_assignments() {
        let t = "\"\"\"Docs.\nversion = \"0.0.1\"\n\"\"\"\n__version__ = '1.0.0'  # x\n__version__: str = \"1.0.1\"\n__version__ = version = '1.0.2'\nif x:\n    __version__ = \"9\"\n__version__ = f\"{a}\"\n__version__ == \"3\"\nVERSION = (\n  \"4\"\n)\n";
        assert_eq!(
            assigned(t, &["__version__", "version"]),
            vec![
                ("__version__".to_string(), "1.0.0".to_string()),
                ("__version__".to_string(), "1.0.1".to_string()),
                ("__version__".to_string(), "1.0.2".to_string()),
            ]
        );
    }

    #[test]
    fn unterminated_string_is_a_syntax_error() {
        let e = tokens(Path::new("m.py"), "x = 1\ny = 'abc\n").unwrap_err();
        assert!(
            matches!(
                e,
                crate::Error::Syntax {
                    line: 2,
                    column: 5,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn continuation_lines_and_crlf() {
        let t = "__version__ = \\\r\n    \"2.0.0\"\r\n";
        assert_eq!(assigned(t, &["__version__"])[0].1, "2.0.0");
    }
}
