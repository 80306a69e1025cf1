//! Fenced code blocks and HTML comments, read line by line as CommonMark reads them, so that a
//! `## ` or `### ` line inside one is not taken for a heading, and one that is never closed is
//! found.
//!
//! A fence opens with three or more backticks or tildes (a backtick fence's info string holds
//! no backtick), indented at most three columns past the list item it stands in, and closes
//! with the same character at least as many times, indented at most three columns and followed
//! by nothing but spaces or tabs. An HTML comment block opens with `<!--` where a fence could
//! open and runs to the first line holding `-->` (the same line, for a one-line comment). A line
//! that leaves the list item (not blank, less indented than the item's content) ends the item's
//! block too; a block at the margin runs to the end of the file when nothing closes it. List
//! items are followed by their content column alone: a lazy continuation line ends them here,
//! and block quotes and other HTML blocks are not tracked. None of these can hide a heading that
//! starts at the margin.

/// A fence still open at the end of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// 1-based column of its first backtick or tilde.
    pub column: usize,
    /// The fence itself (three or more backticks or tildes), or `<!--`.
    pub fence: String,
}

impl Unclosed {
    /// An HTML comment rather than a code fence.
    pub fn is_comment(&self) -> bool {
        self.fence == COMMENT_OPEN
    }
}

const COMMENT_OPEN: &str = "<!--";
const COMMENT_CLOSE: &str = "-->";

/// An open fence (or HTML comment: `ch` is `<`).
#[derive(Debug)]
struct Open {
    ch: u8,
    /// The fence's length (0 for a comment).
    len: usize,
    /// The content column of the list item it stands in (0 at the margin).
    container: usize,
    line: usize,
    column: usize,
}

/// Reads lines in order and says which are code.
#[derive(Debug, Default)]
pub(super) struct Fences {
    /// The content columns of the open list items, outermost first.
    items: Vec<usize>,
    open: Option<Open>,
    lines: usize,
}

impl Fences {
    /// Read the next line (without its line ending): whether it is part of a fenced code
    /// block, the fences included.
    pub(super) fn code(&mut self, line: &str) -> bool {
        self.lines += 1;
        let (indent, rest) = skip_blanks(0, line);
        if rest.is_empty() {
            return self.open.is_some();
        }
        if let Some(f) = &self.open {
            if indent >= f.container {
                let closed = if f.ch == b'<' {
                    rest.contains(COMMENT_CLOSE)
                } else {
                    indent - f.container <= 3 && closes(f, rest)
                };
                if closed {
                    self.open = None;
                }
                return true;
            }
            // the line leaves the list item, and the item's fence ends with it
            self.open = None;
        }
        self.items.retain(|&w| w <= indent);
        self.open_at(indent, rest)
    }

    /// Whether a fence is open after the lines read so far: the next line is code.
    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The fence left open by the lines read so far.
    pub(super) fn unclosed(&self) -> Option<Unclosed> {
        self.open.as_ref().map(|f| Unclosed {
            line: f.line,
            column: f.column,
            fence: if f.ch == b'<' {
                COMMENT_OPEN.to_string()
            } else {
                char::from(f.ch).to_string().repeat(f.len)
            },
        })
    }

    /// A line outside any fence, from column `col` where `rest` starts: list item markers
    /// open items, then an opening fence opens a code block.
    fn open_at(&mut self, mut col: usize, mut rest: &str) -> bool {
        loop {
            let base = self.items.last().copied().unwrap_or(0);
            if col - base > 3 {
                // indented code, or a paragraph's continuation: neither opens anything
                return false;
            }
            if let Some(after) = rest.strip_prefix(COMMENT_OPEN) {
                if !after.contains(COMMENT_CLOSE) {
                    self.open = Some(Open {
                        ch: b'<',
                        len: 0,
                        container: base,
                        line: self.lines,
                        column: col + 1,
                    });
                }
                return true;
            }
            if let Some((ch, len)) = opener(rest) {
                self.open = Some(Open {
                    ch,
                    len,
                    container: base,
                    line: self.lines,
                    column: col + 1,
                });
                return true;
            }
            if thematic_break(rest) {
                return false;
            }
            let Some(width) = marker(rest) else {
                return false;
            };
            let (content, after) = skip_blanks(col + width, &rest[width..]);
            // one column after the marker when the item starts blank or with indented code
            let item = if after.is_empty() || content - (col + width) > 4 {
                col + width + 1
            } else {
                content
            };
            self.items.push(item);
            if after.is_empty() {
                return false;
            }
            (col, rest) = (content, after);
        }
    }
}

/// Skip spaces and tabs from column `col`: the column reached and the rest of the line.
fn skip_blanks(mut col: usize, s: &str) -> (usize, &str) {
    for (i, b) in s.bytes().enumerate() {
        match b {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => return (col, &s[i..]),
        }
    }
    (col, "")
}

/// An opening fence at the start of `rest`: (its character, its length).
fn opener(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    let info_ok = ch == b'~' || !rest[len..].contains('`');
    (len >= 3 && info_ok).then_some((ch, len))
}

fn closes(f: &Open, rest: &str) -> bool {
    let len = rest.bytes().take_while(|&b| b == f.ch).count();
    len >= f.len && rest[len..].bytes().all(|b| b == b' ' || b == b'\t')
}

/// `***`, `- - -`, `___`: not a list item.
fn thematic_break(rest: &str) -> bool {
    let ch = rest.as_bytes()[0];
    matches!(ch, b'-' | b'*' | b'_')
        && rest.bytes().filter(|&b| b == ch).count() >= 3
        && rest.bytes().all(|b| b == ch || b == b' ' || b == b'\t')
}

/// The width of a list item marker at the start of `rest` (`-`, `*`, `+`, `1.`, `1)`),
/// followed by a space, a tab or the end of the line.
fn marker(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let width = match b[0] {
        b'-' | b'+' | b'*' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            match b.get(digits) {
                Some(b'.' | b')') if digits <= 9 => digits + 1,
                _ => return None,
            }
        }
        _ => return None,
    };
    matches!(b.get(width), None | Some(b' ' | b'\t')).then_some(width)
}

/// The fence a text leaves open, if any.
pub fn unclosed_fence(text: &str) -> Option<Unclosed> {
    let mut fences = Fences::default();
    for l in text.split_inclusive('\n') {
        fences.code(l.trim_end_matches('\n').trim_end_matches('\r'));
    }
    fences.unclosed()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text, and the (line, column, fence) of the fence it leaves open.
    type Case = (&'static str, Option<(usize, usize, &'static str)>);

    fn check(cases: &[Case]) {
        for &(text, want) in cases {
            let got = unclosed_fence(text);
            let got = got.as_ref().map(|u| (u.line, u.column, u.fence.as_str()));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn closing_fences_follow_commonmark() {
        check(&[
            ("```\n## [1.0.0]\n```\n", None),
            ("```rust\nx\n```\n", None),
            ("```\n", Some((1, 1, "```"))),
            ("a\n\n```\nx", Some((3, 1, "```"))),
            // a longer fence is closed only by one as long or longer, of its own character
            ("````\n```\n## [1.0.0]\n````\n", None),
            ("````\n```\n## [1.0.0]\n", Some((1, 1, "````"))),
            ("```\n`````\n", None),
            ("~~~\n```\n~~~\n", None),
            ("~~~\n```\n", Some((1, 1, "~~~"))),
            ("```\n~~~\n", Some((1, 1, "```"))),
            ("~~~~~\n~~~~\n", Some((1, 1, "~~~~~"))),
            // a closing fence has nothing after it but spaces and tabs
            ("```\n```  \t\n", None),
            ("```\n``` x\n", Some((1, 1, "```"))),
            ("~~~ info with ` and ~\n~~~\n", None),
            // a backtick fence's info string holds no backtick: inline code, not a fence
            ("``` a`b\n## [1.0.0]\n", None),
            // up to three columns of indentation; four make indented code
            ("   ```\n", Some((1, 4, "```"))),
            ("    ```\n", None),
            ("\t```\n", None),
            ("```\n   ```\n", None),
            ("```\n    ```\n", Some((1, 1, "```"))),
            ("```\r\n## [1.0.0]\r\n```\r\n", None),
            ("* * *\n- - -\n```\n", Some((3, 1, "```"))),
        ]);
    }

    #[test]
    fn fences_in_list_items_end_with_the_item() {
        check(&[
            ("- a\n  ```\n  x\n  ```\n", None),
            ("- ```sh\n  x\n  ```\n", None),
            ("1. ```\n   x\n   ```\n", None),
            ("10. ```\n    x\n    ```\n", None),
            ("- a\n  - b\n    ```\n\n    x\n    ```\n", None),
            // the heading leaves the item, and ends its fence
            ("- a\n  ```\n  x\n## [1.0.0]\n", None),
            // ... and a fence at the margin after it is a new one
            ("- a\n  ```\n  x\n```\n## [1.0.0]\n", Some((4, 1, "```"))),
            ("- a\n  ```\n", Some((2, 3, "```"))),
            ("- a\n  ```\n\n", Some((2, 3, "```"))),
            ("- a\n\n```\nx\n", Some((3, 1, "```"))),
            ("-\n  ```\n  x\n  ```\n", None),
        ]);
    }

    #[test]
    fn html_comments_hide_headings_until_they_close() {
        check(&[
            ("<!--\n## [1.0.0]\n-->\n", None),
            ("<!-- one line -->\n## [1.0.0]\n", None),
            ("<!--\n## [1.0.0]\n", Some((1, 1, "<!--"))),
            ("a\n\n   <!-- note\n\n## [1.0.0] x -->\n", None),
            ("   <!--\n", Some((1, 4, "<!--"))),
            // four columns: indented code, not a comment
            ("    <!--\n", None),
            // a fence inside a comment is comment; a comment inside a fence is code
            ("<!--\n```\n-->\n", None),
            ("```\n<!--\n```\n", None),
            ("- a\n  <!--\n## [1.0.0]\n", None),
            ("- a\n  <!--\n", Some((2, 3, "<!--"))),
        ]);
        let mut f = Fences::default();
        let lines = ["# a", "<!--", "## b", "-->", "## c", "<!-- d -->"];
        let code: Vec<bool> = lines.iter().map(|l| f.code(l)).collect();
        assert_eq!(code, [false, true, true, true, false, true]);
        assert!(unclosed_fence("<!--\n").unwrap().is_comment());
        assert!(!unclosed_fence("```\n").unwrap().is_comment());
    }

    #[test]
    fn code_lines_include_the_fences() {
        let mut f = Fences::default();
        let lines = ["# a", "```", "## b", "```", "## c"];
        let code: Vec<bool> = lines.iter().map(|l| f.code(l)).collect();
        assert_eq!(code, [false, true, true, true, false]);
    }
}
