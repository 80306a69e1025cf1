//! Helpers shared by the fuzz targets (each target includes this file with `#[path]`).

#![allow(dead_code)]

use bumpsmith::Error;

/// Number of lines a 1-based line number may point at (a trailing line without `\n` counts).
pub fn line_count(text: &str) -> usize {
    text.matches('\n').count() + 1
}

/// A parse error must point inside the text: line in `1..=lines`, column at least 1.
#[track_caller]
pub fn assert_placed(text: &str, e: &Error) {
    if let Error::Syntax { line, column, .. } = e {
        assert!(
            *line >= 1 && *line <= line_count(text),
            "line {line} outside 1..={}",
            line_count(text)
        );
        assert!(*column >= 1, "column {column}");
    }
}

/// Split fuzz input into `n` text fields at `\0` bytes (missing fields are empty).
pub fn fields(data: &[u8], n: usize) -> Option<Vec<&str>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut out: Vec<&str> = text.splitn(n, '\0').collect();
    out.resize(n, "");
    Some(out)
}

/// The config `text` with its `current_version` (now `old`) written back as `new`, as a bump
/// writes it; `None` when the write-back refuses or finds nothing to change.
pub fn write_back(
    path: &std::path::Path,
    format: &bumpsmith::config::Format,
    text: &str,
    old: &str,
    new: &str,
) -> Option<String> {
    let versions = bumpsmith::config::writeback::Versions {
        old,
        old_serialized: old,
        new,
    };
    let key: &[&str] = &["tool", "bumpversion", "current_version"];
    bumpsmith::config::writeback::update(path, format, text, key, &versions, false)
        .ok()
        .flatten()
}
