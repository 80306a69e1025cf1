//! TOML documents read with toml_edit (spans kept, for edits in place and for error places) and
//! TOML basic strings: the one quoter every writer of TOML text uses.

use std::path::Path;

use toml_edit::{Document, TomlError};

use crate::error::{Error, Result};

/// A parsed TOML document (spans kept).
pub struct TomlDoc<'a> {
    pub text: &'a str,
    pub doc: Document<&'a str>,
}

impl TomlDoc<'_> {
    /// The item at a dotted path of keys.
    pub fn item(&self, keys: &[&str]) -> Option<&toml_edit::Item> {
        let mut cur = self.doc.as_item();
        for k in keys {
            cur = cur.get(k)?;
        }
        Some(cur)
    }
}

/// Parse TOML, naming the file, line and column on error.
pub fn parse<'a>(path: &Path, text: &'a str) -> Result<TomlDoc<'a>> {
    let doc = Document::parse(text).map_err(|e| syntax_error(path, text, &e))?;
    Ok(TomlDoc { text, doc })
}

/// A toml_edit error as a syntax error at its place.
pub fn syntax_error(path: &Path, text: &str, e: &TomlError) -> Error {
    let (line, column) = e.span().map_or((1, 1), |s| super::line_col(text, s.start));
    let message = e
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .to_string();
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: format!("invalid TOML: {message}"),
    }
}

/// A TOML basic string holding `s`: `"` and `\` escaped, the usual control characters by their
/// short escapes, the others as `\uXXXX`.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_strings_are_escaped_and_read_back() {
        for s in ["plain", "a\"b\\c\n", "tab\there", "\u{1}\u{7f}", "é ✓"] {
            let q = basic_string(s);
            let doc = format!("k = {q}\n")
                .parse::<toml_edit::DocumentMut>()
                .unwrap();
            assert_eq!(doc["k"].as_str(), Some(s), "{q}");
        }
        assert_eq!(basic_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse(Path::new("x.toml"), "a = 1\nb = \n").err().unwrap();
        assert!(matches!(err, Error::Syntax { line: 2, .. }), "{err}");
    }
}
