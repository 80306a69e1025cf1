//! A span-tracking JSON scanner: it checks the whole grammar (RFC 8259) and reports every string
//! value with the path of keys and indices leading to it and the byte span of its contents. No
//! value is decoded or copied, so a multi-megabyte lock file costs one pass over its bytes.

use std::path::Path;

use super::syntax;
use crate::error::{Error, Result};

/// One step of the path to a value. Keys are raw (escapes not decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

const MAX_DEPTH: usize = 256;

struct Scanner<'a, F> {
    path: &'a Path,
    text: &'a str,
    b: &'a [u8],
    stack: Vec<Seg<'a>>,
    on_string: F,
}

/// Scan `text`, calling `on_string(path, start, end)` for each string value.
pub(super) fn scan<'a>(
    path: &'a Path,
    text: &'a str,
    on_string: impl FnMut(&[Seg<'a>], usize, usize),
) -> Result<()> {
    let mut s = Scanner {
        path,
        text,
        b: text.as_bytes(),
        stack: Vec::new(),
        on_string,
    };
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let i = s.ws(start);
    let i = s.value(i)?;
    let i = s.ws(i);
    if i != s.b.len() {
        return Err(s.err(i, "unexpected text after the JSON value"));
    }
    Ok(())
}

impl<'a, F: FnMut(&[Seg<'a>], usize, usize)> Scanner<'a, F> {
    fn err(&self, at: usize, what: &str) -> Error {
        syntax(self.path, self.text, at, format!("invalid JSON: {what}"))
    }

    fn ws(&self, mut i: usize) -> usize {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(i) {
            i += 1;
        }
        i
    }

    fn expect(&self, i: usize, c: u8, what: &str) -> Result<usize> {
        if self.b.get(i) == Some(&c) {
            Ok(i + 1)
        } else {
            Err(self.err(i, what))
        }
    }

    fn value(&mut self, i: usize) -> Result<usize> {
        match self.b.get(i) {
            Some(b'{') => self.object(i),
            Some(b'[') => self.array(i),
            Some(b'"') => {
                let (s, e, next) = self.string(i)?;
                (self.on_string)(&self.stack, s, e);
                Ok(next)
            }
            Some(b't') => self.literal(i, "true"),
            Some(b'f') => self.literal(i, "false"),
            Some(b'n') => self.literal(i, "null"),
            Some(b'-' | b'0'..=b'9') => self.number(i),
            Some(_) => Err(self.err(i, "expected a value")),
            None => Err(self.err(i, "unexpected end of file")),
        }
    }

    fn enter(&self, i: usize) -> Result<()> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.err(i, "nested too deeply"));
        }
        Ok(())
    }

    fn object(&mut self, i: usize) -> Result<usize> {
        self.enter(i)?;
        let mut i = self.ws(i + 1);
        if self.b.get(i) == Some(&b'}') {
            return Ok(i + 1);
        }
        loop {
            if self.b.get(i) != Some(&b'"') {
                return Err(self.err(i, "expected a string key"));
            }
            let (ks, ke, next) = self.string(i)?;
            i = self.ws(next);
            i = self.expect(i, b':', "expected `:` after the key")?;
            i = self.ws(i);
            self.stack.push(Seg::Key(&self.text[ks..ke]));
            i = self.value(i)?;
            self.stack.pop();
            i = self.ws(i);
            match self.b.get(i) {
                Some(b',') => i = self.ws(i + 1),
                Some(b'}') => return Ok(i + 1),
                _ => return Err(self.err(i, "expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, i: usize) -> Result<usize> {
        self.enter(i)?;
        let mut i = self.ws(i + 1);
        if self.b.get(i) == Some(&b']') {
            return Ok(i + 1);
        }
        let mut index = 0;
        loop {
            self.stack.push(Seg::Index(index));
            i = self.value(i)?;
            self.stack.pop();
            index += 1;
            i = self.ws(i);
            match self.b.get(i) {
                Some(b',') => i = self.ws(i + 1),
                Some(b']') => return Ok(i + 1),
                _ => return Err(self.err(i, "expected `,` or `]`")),
            }
        }
    }

    /// `(content start, content end, index after the closing quote)`.
    fn string(&self, open: usize) -> Result<(usize, usize, usize)> {
        let mut i = open + 1;
        loop {
            match self.b.get(i) {
                Some(b'"') => return Ok((open + 1, i, i + 1)),
                Some(b'\\') => match self.b.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        let hex = self.b.get(i + 2..i + 6);
                        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                            return Err(self.err(i, "invalid `\\u` escape"));
                        }
                        i += 6;
                    }
                    _ => return Err(self.err(i, "invalid escape")),
                },
                Some(c) if *c < 0x20 => {
                    return Err(self.err(i, "unescaped control character in a string"))
                }
                Some(_) => i += 1,
                None => return Err(self.err(open, "unterminated string")),
            }
        }
    }

    fn literal(&self, i: usize, word: &str) -> Result<usize> {
        if self.b[i..].starts_with(word.as_bytes()) {
            Ok(i + word.len())
        } else {
            Err(self.err(i, "expected a value"))
        }
    }

    fn digits(&self, mut i: usize) -> usize {
        while self.b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    }

    fn number(&self, start: usize) -> Result<usize> {
        let mut i = start;
        if self.b[i] == b'-' {
            i += 1;
        }
        match self.b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = self.digits(i),
            _ => return Err(self.err(start, "invalid number")),
        }
        if self.b.get(i) == Some(&b'.') {
            let j = self.digits(i + 1);
            if j == i + 1 {
                return Err(self.err(start, "invalid number"));
            }
            i = j;
        }
        if let Some(b'e' | b'E') = self.b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = self.b.get(i) {
                i += 1;
            }
            let j = self.digits(i);
            if j == i {
                return Err(self.err(start, "invalid number"));
            }
            i = j;
        }
        Ok(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        scan(Path::new("x.json"), text, |p, s, e| {
            let path: Vec<String> = p
                .iter()
                .map(|s| match s {
                    Seg::Key(k) => k.to_string(),
                    Seg::Index(i) => i.to_string(),
                })
                .collect();
            out.push((path.join("/"), &text[s..e]));
        })
        .unwrap();
        out
    }

    #[test]
    fn paths_and_spans() {
        let t =
            r#"{"a": {"b": ["x", {"c": "y\"z"}]}, "n": -1.5e3, "t": [true, false, null], "": "e"}"#;
        assert_eq!(
            strings(t),
            vec![
                ("a/b/0".to_string(), "x"),
                ("a/b/1/c".to_string(), r#"y\"z"#),
                ("".to_string(), "e"),
            ]
        );
    }

    #[test]
    fn errors_carry_line_and_column() {
        for (t, line, col) in [
            ("{\n  \"a\": 1,\n}", 3, 1),
            ("{\"a\" 1}", 1, 6),
            ("[1, 2", 1, 6),
            ("{\"a\": \"x\n\"}", 1, 9),
            ("{\"a\": 01}", 1, 8),
            ("{} x", 1, 4),
            ("", 1, 1),
        ] {
            match scan(Path::new("x.json"), t, |_, _, _| {}) {
                Err(Error::Syntax {
                    line: l, column: c, ..
                }) => {
                    assert_eq!((l, c), (line, col), "{t:?}")
                }
                other => panic!("{t:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let t = "[".repeat(10_000);
        assert!(scan(Path::new("x.json"), &t, |_, _, _| {}).is_err());
    }
}
