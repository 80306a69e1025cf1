//! `config::toml::parse` + `bumpversion()` + the schema, and the write-back of
//! `current_version`: parsing never panics, errors point inside the text, every line a value
//! remembers is a line of the file, the schema is deterministic, and writing a new
//! `current_version` changes only that value's bytes and reads back as the new value.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use bumpsmith::config::raw::{get, Raw, Table};
use bumpsmith::config::{schema, toml, Format, Overrides};
use libfuzzer_sys::fuzz_target;

const NEW: &str = "9.8.7-fuzz";
const CV: &[&str] = &["tool", "bumpversion", "current_version"];

fn check_lines(table: &Table, lines: usize) {
    for (_, v, line) in table {
        assert!(*line <= lines, "line {line} beyond {lines}");
        match v {
            Raw::Table(t) => check_lines(t, lines),
            Raw::List(items) => {
                for i in items {
                    if let Raw::Table(t) = i {
                        check_lines(t, lines);
                    }
                }
            }
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("pyproject.toml");
    let doc = match toml::parse(path, text) {
        Ok(d) => d,
        Err(e) => {
            common::assert_placed(text, &e);
            assert!(
                matches!(e, bumpsmith::Error::Syntax { .. }),
                "a TOML parse error is a syntax error: {e}"
            );
            return;
        }
    };
    let _ = doc.pep621_version();
    let Some(table) = doc.bumpversion() else {
        return;
    };
    check_lines(&table, common::line_count(text));
    let (mut w1, mut w2) = (Vec::new(), Vec::new());
    let a = schema::build(Some(&table), path, &Overrides::default(), &mut w1);
    let b = schema::build(Some(&table), path, &Overrides::default(), &mut w2);
    assert_eq!(a.is_ok(), b.is_ok());
    assert_eq!(w1, w2);
    if let (Err(x), Err(y)) = (&a, &b) {
        assert_eq!(x.to_string(), y.to_string());
    }

    // write-back: only the value's bytes change, and it reads back as the new version
    let Some(Raw::Str(old)) = get(&table, "current_version") else {
        return;
    };
    let Some(out) = common::write_back(path, &Format::Toml, text, old, NEW) else {
        return;
    };
    let span = doc
        .item(CV)
        .and_then(|i| i.span())
        .expect("a string value has a span");
    assert_eq!(
        &out[..span.start],
        &text[..span.start],
        "bytes before the value changed"
    );
    let tail = &text[span.end..];
    assert!(out.ends_with(tail), "bytes after the value changed");
    let again = toml::parse(path, &out).expect("the written file parses");
    assert_eq!(
        again.item(CV).and_then(|i| i.as_str()),
        Some(NEW),
        "current_version does not read back"
    );
});
