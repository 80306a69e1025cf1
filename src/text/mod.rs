//! Text primitives every layer shares, with no dependency on the rest: places in a text (1-based
//! line and column of a byte offset), universal newlines (a file read as Python reads it, with
//! the edits mapped back onto the raw bytes: [`Text`]) and TOML documents and strings
//! ([`toml`]), and the known name closest to a mistyped one ([`suggest`]). A leaf: it imports
//! nothing of the crate but its error type.

pub mod suggest;
pub mod toml;

use std::borrow::Cow;

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        + 1
}

/// The line holding a byte offset, without its line end (`\n`, `\r\n` or a lone `\r`).
pub fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let is_end = |c: char| c == '\n' || c == '\r';
    let start = text[..offset].rfind(is_end).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(is_end)
        .map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// 1-based line and column (in bytes) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
    let col = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(before.len(), |p| before.len() - p - 1)
        + 1;
    (line, col)
}

/// Original text plus its newline-normalised view.
pub struct Text<'a> {
    orig: &'a str,
    norm: Cow<'a, str>,
    /// `map[i]` = byte offset in `orig` of byte `i` of `norm` (present only when `\r` occurs).
    map: Option<Vec<usize>>,
    newline: &'static str,
}

/// One replacement, in normalised coordinates.
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub with: String,
}

impl<'a> Text<'a> {
    pub fn new(orig: &'a str) -> Self {
        if !orig.contains('\r') {
            return Text {
                orig,
                norm: Cow::Borrowed(orig),
                map: None,
                newline: "\n",
            };
        }
        let b = orig.as_bytes();
        let mut norm = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len() + 1);
        let mut newline: Option<&'static str> = None;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\r' => {
                    map.push(i);
                    norm.push('\n');
                    if b.get(i + 1) == Some(&b'\n') {
                        newline.get_or_insert("\r\n");
                        i += 2;
                    } else {
                        newline.get_or_insert("\r");
                        i += 1;
                    }
                }
                _ => {
                    // copy one UTF-8 character
                    let ch_len = utf8_len(b[i]);
                    if b[i] == b'\n' {
                        newline.get_or_insert("\n");
                    }
                    for k in 0..ch_len {
                        map.push(i + k);
                    }
                    norm.push_str(&orig[i..i + ch_len]);
                    i += ch_len;
                }
            }
        }
        map.push(b.len());
        Text {
            orig,
            norm: Cow::Owned(norm),
            map: Some(map),
            newline: newline.unwrap_or("\n"),
        }
    }

    /// The normalised text that searches run on.
    pub fn norm(&self) -> &str {
        &self.norm
    }

    /// Apply splices (sorted, non-overlapping) to the original text; inserted newlines take the
    /// file's own newline style.
    pub fn apply(&self, splices: &[Splice]) -> String {
        let mut out = String::with_capacity(self.orig.len() + 16);
        let mut last = 0;
        for s in splices {
            let (a, b) = match &self.map {
                Some(m) => (m[s.start], m[s.end]),
                None => (s.start, s.end),
            };
            out.push_str(&self.orig[last..a]);
            if self.newline == "\n" {
                out.push_str(&s.with);
            } else {
                out.push_str(&s.with.replace('\n', self.newline));
            }
            last = b;
        }
        out.push_str(&self.orig[last..]);
        out
    }
}

/// `s` with universal newlines, as bump-my-version reads a file: `\r\n` and a lone `\r` become
/// `\n` (what [`Text::norm`] holds, without the offsets back to the original).
pub fn universal_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_at_an_offset() {
        let text = "a: 1\r\nversion: \"1.2.2\"\rz";
        let at = text.find("1.2.2").unwrap();
        assert_eq!(line_at(text, at), "version: \"1.2.2\"");
        assert_eq!(line_at(text, 0), "a: 1");
        assert_eq!(line_at(text, text.len()), "z");
        assert_eq!(line_at("", 0), "");
    }

    #[test]
    fn universal_newlines_read_as_the_normalised_view() {
        for orig in ["a\r\nb\rc\n\r\r\nd", "no cr\n", "\r", "é\rv=1\r\n"] {
            assert_eq!(universal_newlines(orig), Text::new(orig).norm(), "{orig:?}");
        }
    }

    #[test]
    fn crlf_is_kept_outside_and_inside_splices() {
        let t = Text::new("\u{feff}a\r\nv=1.0\r\nz\r\n");
        assert_eq!(t.norm(), "\u{feff}a\nv=1.0\nz\n");
        let start = t.norm().find("v=1.0").unwrap();
        let out = t.apply(&[Splice {
            start,
            end: start + 6,
            with: "v=2.0\n# new\n".into(),
        }]);
        assert_eq!(out, "\u{feff}a\r\nv=2.0\r\n# new\r\nz\r\n");
    }

    #[test]
    fn plain_text_is_borrowed() {
        let t = Text::new("é 1.0\n");
        let out = t.apply(&[Splice {
            start: 3,
            end: 6,
            with: "2.0".into(),
        }]);
        assert_eq!(out, "é 2.0\n");
    }
}
