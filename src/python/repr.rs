//! Python's `repr`, `str` and `pprint` (CPython 3.11) over a small model of the values
//! bump-my-version's `show` prints, so `bump show` gives its output byte for byte.

use std::sync::LazyLock;

use regex::Regex;

/// A Python value as bump-my-version's `Config.model_dump()` holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    None,
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Py>),
    Tuple(Vec<Py>),
    /// A `dict` with string keys, in insertion order.
    Dict(Vec<(String, Py)>),
    /// A `pathlib.PosixPath`.
    Path(String),
    /// An object whose `repr` and `str` are a bare name: the SCM tool (`Git`, or `None` for
    /// bump-my-version's `DefaultSCMTool`).
    Named(String),
    /// bump-my-version's `SCMInfo` (its `as_dict()` fields): its `repr` pprints them.
    Scm(Vec<(String, Py)>),
}

/// `pprint`'s default line width.
const WIDTH: isize = 80;

impl Py {
    pub fn str(s: &str) -> Py {
        Py::Str(s.to_string())
    }

    /// `None` or the string.
    pub fn opt(s: Option<&str>) -> Py {
        s.map_or(Py::None, Py::str)
    }

    /// A tuple of strings.
    pub fn tuple(items: &[String]) -> Py {
        Py::Tuple(items.iter().map(|s| Py::str(s)).collect())
    }

    /// A list of strings.
    pub fn list(items: &[String]) -> Py {
        Py::List(items.iter().map(|s| Py::str(s)).collect())
    }

    /// Python's `str(value)`.
    pub fn to_str(&self) -> String {
        match self {
            Py::Str(s) | Py::Path(s) | Py::Named(s) => s.clone(),
            other => other.repr(false),
        }
    }

    /// Python's `repr(value)`; with `sorted`, dict keys in order, as `pprint` writes them.
    pub fn repr(&self, sorted: bool) -> String {
        match self {
            Py::None => "None".into(),
            Py::Bool(b) => if *b { "True" } else { "False" }.into(),
            Py::Int(n) => n.to_string(),
            Py::Str(s) => str_repr(s),
            Py::List(items) => format!("[{}]", join_reprs(items, sorted)),
            Py::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr(sorted)),
            Py::Tuple(items) => format!("({})", join_reprs(items, sorted)),
            Py::Dict(items) => {
                let items = dict_items(items, sorted);
                let body: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", str_repr(k), v.repr(sorted)))
                    .collect();
                format!("{{{}}}", body.join(", "))
            }
            Py::Path(p) => format!("PosixPath({})", str_repr(p)),
            Py::Named(n) => n.clone(),
            Py::Scm(fields) => Py::Dict(fields.clone()).pformat().trim_end().to_string(),
        }
    }

    /// `pprint.pformat(value, sort_dicts=True)` at the default width of 80.
    pub fn pformat(&self) -> String {
        let mut out = String::new();
        self.format(&mut out, 0, 0, 0);
        out
    }

    /// `PrettyPrinter._format`: the one-line repr when it fits, else the type's own layout.
    fn format(&self, out: &mut String, indent: usize, allowance: usize, level: usize) {
        let rep = self.repr(true);
        let max_width = WIDTH - indent as isize - allowance as isize;
        if chars(&rep) as isize > max_width {
            match self {
                Py::Dict(items) => return pprint_dict(items, out, indent, allowance, level + 1),
                Py::List(items) => {
                    out.push('[');
                    format_items(items, out, indent, allowance + 1, level + 1);
                    out.push(']');
                    return;
                }
                Py::Tuple(items) => {
                    let end = if items.len() == 1 { ",)" } else { ")" };
                    out.push('(');
                    format_items(items, out, indent, allowance + end.len(), level + 1);
                    out.push_str(end);
                    return;
                }
                Py::Str(s) => return pprint_str(s, out, indent, allowance, level + 1),
                _ => {}
            }
        }
        out.push_str(&rep);
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn join_reprs(items: &[Py], sorted: bool) -> String {
    let reprs: Vec<String> = items.iter().map(|x| x.repr(sorted)).collect();
    reprs.join(", ")
}

fn dict_items(items: &[(String, Py)], sorted: bool) -> Vec<&(String, Py)> {
    let mut items: Vec<&(String, Py)> = items.iter().collect();
    if sorted {
        // Python compares str by code point, as Rust compares UTF-8 bytes
        items.sort_by(|a, b| a.0.cmp(&b.0));
    }
    items
}

fn pprint_dict(
    items: &[(String, Py)],
    out: &mut String,
    indent: usize,
    allowance: usize,
    level: usize,
) {
    out.push('{');
    let items = dict_items(items, true);
    let indent = indent + 1;
    let allowance = allowance + 1;
    for (i, (key, value)) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let rep = str_repr(key);
        out.push_str(&rep);
        out.push_str(": ");
        let inner = indent + chars(&rep) + 2;
        value.format(out, inner, if last { allowance } else { 1 }, level);
        if !last {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
        }
    }
    out.push('}');
}

/// `PrettyPrinter._format_items` (not compact): one item a line.
fn format_items(items: &[Py], out: &mut String, indent: usize, allowance: usize, level: usize) {
    let indent = indent + 1;
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        if i > 0 {
            out.push_str(",\n");
            out.push_str(&" ".repeat(indent));
        }
        item.format(out, indent, if last { allowance } else { 1 }, level);
    }
}

/// `PrettyPrinter._pprint_str`: a long string as adjacent literals, split at line ends and then
/// after runs of white space.
fn pprint_str(s: &str, out: &mut String, indent: usize, allowance: usize, level: usize) {
    if s.is_empty() {
        out.push_str(&str_repr(s));
        return;
    }
    let (indent, allowance) = if level == 1 {
        (indent + 1, allowance + 1)
    } else {
        (indent, allowance)
    };
    let max_width = WIDTH - indent as isize;
    let mut max_width1 = max_width;
    let lines = splitlines(s);
    let mut chunks: Vec<String> = Vec::new();
    let mut rep = String::new();
    for (i, line) in lines.iter().enumerate() {
        let last_line = i + 1 == lines.len();
        rep = str_repr(line);
        if last_line {
            max_width1 -= allowance as isize;
        }
        if chars(&rep) as isize <= max_width1 {
            chunks.push(rep.clone());
            continue;
        }
        let parts = word_runs(line);
        let mut max_width2 = max_width;
        let mut current = String::new();
        for (j, part) in parts.iter().enumerate() {
            let candidate = format!("{current}{part}");
            if j + 1 == parts.len() && last_line {
                max_width2 -= allowance as isize;
            }
            if chars(&str_repr(&candidate)) as isize > max_width2 {
                if !current.is_empty() {
                    chunks.push(str_repr(&current));
                }
                current = part.to_string();
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            chunks.push(str_repr(&current));
        }
    }
    if chunks.len() == 1 {
        // CPython writes the last line's repr here, which is the whole string's
        out.push_str(&rep);
        return;
    }
    if level == 1 {
        out.push('(');
    }
    for (i, chunk) in chunks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(chunk);
    }
    if level == 1 {
        out.push(')');
    }
}

/// Python's `str.isspace()` for one character.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `re.findall(r'\S*\s*', line)` without the empty match at the end.
fn word_runs(line: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let word = rest.find(is_space).unwrap_or(rest.len());
        let space = rest[word..]
            .find(|c: char| !is_space(c))
            .map_or(rest.len(), |n| word + n);
        runs.push(&rest[..space]);
        rest = &rest[space..];
    }
    runs
}

/// Python's `str.splitlines(keepends=True)`.
pub fn splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let breaks = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !breaks {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && it.peek().is_some_and(|&(_, n)| n == '\n') {
            it.next();
            end += 1;
        }
        lines.push(&s[start..end]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// Characters `repr` escapes: `str.isprintable()` is false for the categories Cc, Cf, Cs, Co,
/// Cn, Zl, Zp and Zs (but the ASCII space).
static NOT_PRINTABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$").expect("static regex")
});

/// Python's `repr(str)`: single quotes unless the text holds `'` and no `"`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    let mut buf = [0u8; 4];
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_ascii() || !NOT_PRINTABLE.is_match(c.encode_utf8(&mut buf)) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_repr_follows_python() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a'b\""), "'a\\'b\"'");
        assert_eq!(
            str_repr("t\tn\nr\r\\\x01\x7f"),
            "'t\\tn\\nr\\r\\\\\\x01\\x7f'"
        );
        assert_eq!(
            str_repr("→ é\u{a0}\u{200b}\u{2028}"),
            "'→ é\\xa0\\u200b\\u2028'"
        );
    }

    #[test]
    fn splitlines_keeps_ends() {
        assert_eq!(
            splitlines("a\r\nb\rc\n\nd"),
            ["a\r\n", "b\r", "c\n", "\n", "d"]
        );
        assert_eq!(word_runs("ab  cd e "), ["ab  ", "cd ", "e "]);
    }

    #[test]
    fn tuples_and_pprint() {
        assert_eq!(Py::tuple(&[]).repr(false), "()");
        assert_eq!(Py::tuple(&["x".into()]).repr(false), "('x',)");
        let long = Py::Dict(vec![
            ("b".into(), Py::str(&"x".repeat(40))),
            ("a".into(), Py::str(&"y".repeat(40))),
        ]);
        assert_eq!(
            long.pformat(),
            format!("{{'a': '{}',\n 'b': '{}'}}", "y".repeat(40), "x".repeat(40))
        );
    }
}
