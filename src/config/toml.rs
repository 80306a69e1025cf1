//! The TOML schema (`[tool.bumpversion]` in `.bumpversion.toml` or `pyproject.toml`), read with
//! toml_edit so that values keep the spans the write-back and error messages need.
//!
//! The config file's document is kept once read ([`parse_kept`]): writing the new
//! `current_version` back into the unchanged text finds the value's span there ([`string_at`])
//! instead of parsing the file again (~0.15M instructions).

use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;

use toml_edit::{Document, Item, Value};

use super::raw::{Raw, Table};
use crate::error::Result;
use crate::text::toml::syntax_error;
pub use crate::text::toml::{parse, TomlDoc};

/// The last document [`parse_kept`] read, with its text.
static KEPT: Mutex<Option<Document<String>>> = Mutex::new(None);

/// Parse a config file's `text`, let `f` read it, and keep it for [`string_at`].
pub fn parse_kept<R>(path: &Path, text: &str, f: impl FnOnce(&View<'_>) -> R) -> Result<R> {
    let doc = Document::parse(text.to_string()).map_err(|e| syntax_error(path, text, &e))?;
    let out = f(&View::of(&doc));
    if let Ok(mut kept) = KEPT.lock() {
        *kept = Some(doc);
    }
    Ok(out)
}

/// The string at `keys` in `text` and the byte span of its literal (quotes included); `None`
/// when there is no string there. A kept document of the same text is used as it is.
pub fn string_at(path: &Path, text: &str, keys: &[&str]) -> Result<Option<(String, Range<usize>)>> {
    if let Ok(kept) = KEPT.lock() {
        if let Some(doc) = kept.as_ref().filter(|d| d.raw() == text) {
            return Ok(View::of(doc).string_at(keys));
        }
    }
    let doc = parse(path, text)?;
    Ok(doc.view().string_at(keys))
}

/// A parsed document and its text, however the document holds it.
pub struct View<'d> {
    text: &'d str,
    root: &'d Item,
}

impl<'d> View<'d> {
    fn of<S: AsRef<str>>(doc: &'d Document<S>) -> Self {
        View {
            text: doc.raw(),
            root: doc.as_item(),
        }
    }

    /// The item at a dotted path of keys.
    pub fn item(&self, keys: &[&str]) -> Option<&'d Item> {
        let mut cur = self.root;
        for k in keys {
            cur = cur.get(k)?;
        }
        Some(cur)
    }

    /// `[tool.bumpversion]` as a raw table, if present.
    pub fn bumpversion(&self) -> Option<Table> {
        let item = self.item(&["tool", "bumpversion"])?;
        match to_raw(&Lines::new(self.text), item) {
            Raw::Table(t) => Some(t),
            _ => None,
        }
    }

    /// `[project] version` when it is static (not listed in `dynamic`).
    pub fn pep621_version(&self) -> Option<String> {
        let project = self.item(&["project"])?;
        if let Some(dynamic) = project.get("dynamic").and_then(Item::as_array) {
            if dynamic.iter().any(|v| v.as_str() == Some("version")) {
                return None;
            }
        }
        project.get("version")?.as_str().map(str::to_string)
    }

    fn string_at(&self, keys: &[&str]) -> Option<(String, Range<usize>)> {
        let item = self.item(keys)?;
        Some((item.as_str()?.to_string(), item.span()?))
    }
}

impl TomlDoc<'_> {
    fn view(&self) -> View<'_> {
        View {
            text: self.text,
            root: self.doc.as_item(),
        }
    }

    /// `[tool.bumpversion]` as a raw table, if present.
    pub fn bumpversion(&self) -> Option<Table> {
        self.view().bumpversion()
    }

    /// `[project] version` when it is static (not listed in `dynamic`).
    pub fn pep621_version(&self) -> Option<String> {
        self.view().pep621_version()
    }
}

/// Where each line of a text starts, so that every value's line is found without rescanning the
/// text from its start (which made reading a config quadratic in its size).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        let starts = text.match_indices('\n').map(|(i, _)| i + 1);
        Lines(std::iter::once(0).chain(starts).collect())
    }

    /// The 1-based line of a span's start (0 when there is no span), as [`line_col`] gives it.
    fn of(&self, span: Option<std::ops::Range<usize>>) -> usize {
        span.map_or(0, |s| self.0.partition_point(|&start| start <= s.start))
    }
}

fn value_to_raw(text: &Lines, v: &Value) -> Raw {
    match v {
        Value::String(s) => Raw::Str(s.value().clone()),
        Value::Integer(i) => Raw::Int(*i.value()),
        Value::Float(f) => Raw::Float(*f.value()),
        Value::Boolean(b) => Raw::Bool(*b.value()),
        Value::Datetime(d) => Raw::Str(d.value().to_string()),
        Value::Array(a) => Raw::List(a.iter().map(|x| value_to_raw(text, x)).collect()),
        Value::InlineTable(t) => Raw::Table(
            t.iter()
                .map(|(k, x)| (k.to_string(), value_to_raw(text, x), text.of(x.span())))
                .collect(),
        ),
    }
}

fn to_raw(text: &Lines, item: &Item) -> Raw {
    match item {
        Item::None => Raw::None,
        Item::Value(v) => value_to_raw(text, v),
        Item::Table(t) => table_to_raw(text, t),
        Item::ArrayOfTables(a) => Raw::List(a.iter().map(|t| table_to_raw(text, t)).collect()),
    }
}

fn table_to_raw(text: &Lines, t: &toml_edit::Table) -> Raw {
    Raw::Table(
        t.iter()
            .map(|(k, x)| {
                let line = text.of(x.span().or_else(|| t.key(k).and_then(|kk| kk.span())));
                (k.to_string(), to_raw(text, x), line)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::raw::get;

    #[test]
    fn reads_tool_bumpversion_and_pep621() {
        let text = "[project]\nversion = \"1.0.0\"\n[tool.bumpversion]\ncurrent_version = \"1.0.0\"\n[[tool.bumpversion.files]]\nfilename = \"a\"\n";
        let d = parse(Path::new("pyproject.toml"), text).unwrap();
        let t = d.bumpversion().unwrap();
        assert_eq!(get(&t, "current_version"), Some(&Raw::Str("1.0.0".into())));
        assert!(matches!(get(&t, "files"), Some(Raw::List(l)) if l.len() == 1));
        assert_eq!(d.pep621_version().as_deref(), Some("1.0.0"));
    }

    #[test]
    fn lines_agree_with_line_col() {
        let text = "a = 1\n\n[t]\r\nb = 'x'\nc = 2";
        let lines = Lines::new(text);
        for offset in 0..=text.len() {
            assert_eq!(
                lines.of(Some(offset..offset)),
                crate::text::line_col(text, offset).0,
                "{offset}"
            );
        }
        assert_eq!(lines.of(None), 0);
    }

    #[test]
    fn string_at_reads_the_text_it_is_given() {
        let path = Path::new(".bumpversion.toml");
        let a = "[tool.bumpversion]\ncurrent_version = '1.0.0'  # c\n";
        let keys = ["tool", "bumpversion", "current_version"];
        let table = parse_kept(path, a, |d| d.bumpversion()).unwrap().unwrap();
        assert_eq!(table.len(), 1);
        let (v, span) = string_at(path, a, &keys).unwrap().unwrap();
        assert_eq!((v.as_str(), &a[span]), ("1.0.0", "'1.0.0'"));
        // a changed text is read afresh, never answered from the kept document
        let b = a.replace("'1.0.0'", "\"1.0.10\"");
        let (v, span) = string_at(path, &b, &keys).unwrap().unwrap();
        assert_eq!((v.as_str(), &b[span]), ("1.0.10", "\"1.0.10\""));
        assert!(string_at(path, a, &["tool", "x"]).unwrap().is_none());
        assert!(string_at(path, "x = = 1", &keys).is_err());
    }

    #[test]
    fn dynamic_version_is_not_static() {
        let text = "[project]\nversion = \"1\"\ndynamic = [\"version\"]\n";
        let d = parse(Path::new("pyproject.toml"), text).unwrap();
        assert_eq!(d.pep621_version(), None);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse(Path::new("x.toml"), "a = 1\nb = = 2\n")
            .err()
            .unwrap();
        let msg = err.to_string();
        assert!(msg.starts_with("x.toml:2:"), "{msg}");
    }
}
