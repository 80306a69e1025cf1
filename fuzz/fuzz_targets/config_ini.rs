//! `config::ini::read` (both `.bumpversion.cfg` and `setup.cfg` rules) + the schema, and the INI
//! write-back: reading never panics, errors point inside the text, the result is
//! deterministic, and after writing a new `current_version` the file reads back with it.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;

use bumpsmith::config::raw::{get, Raw};
use bumpsmith::config::{ini, schema, Format, Overrides};
use libfuzzer_sys::fuzz_target;

const NEW: &str = "9.8.7";

/// Two values equal as the config means them: a float by its bits (`x = nan` reads as a NaN
/// twice, which `==` says differ).
fn same(a: &Raw, b: &Raw) -> bool {
    match (a, b) {
        (Raw::Float(x), Raw::Float(y)) => x.to_bits() == y.to_bits(),
        (Raw::List(x), Raw::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Raw::Table(x), Raw::Table(y)) => same_table(x, y),
        _ => a == b,
    }
}

fn same_table(a: &[(String, Raw, usize)], b: &[(String, Raw, usize)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va, la), (kb, vb, lb))| ka == kb && la == lb && same(va, vb))
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = Path::new(if sel & 1 == 0 {
        ".bumpversion.cfg"
    } else {
        "setup.cfg"
    });
    let table = match ini::read(path, text, &mut Vec::new()) {
        Ok(t) => t,
        Err(e) => {
            common::assert_placed(text, &e);
            return;
        }
    };
    let again = ini::read(path, text, &mut Vec::new()).expect("deterministic");
    assert!(
        same_table(&table, &again),
        "not deterministic: {table:?} vs {again:?}"
    );
    let (mut w1, mut w2) = (Vec::new(), Vec::new());
    let a = schema::build(Some(&table), path, &Overrides::default(), &mut w1);
    let b = schema::build(Some(&table), path, &Overrides::default(), &mut w2);
    assert_eq!(a.is_ok(), b.is_ok());
    assert_eq!(w1, w2);

    // ConfigParser reads every `[bumpversion...]` section without a `:` as the main one (the
    // last wins), while the write-back edits `[bumpversion]`: bump-my-version's own rule,
    // and a config with two such sections is outside what the property covers
    let roots = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix('[')?.split(']').next())
        .filter(|name| name.starts_with("bumpversion") && !name.contains(':'))
        .count();
    if roots != 1 {
        return;
    }
    let Some(Raw::Str(old)) = get(&table, "current_version") else {
        return;
    };
    if old.is_empty() || old.contains(['\n', '\r', '%']) {
        return;
    }
    let Some(out) = common::write_back(path, &Format::Ini, text, old, NEW) else {
        return;
    };
    let Ok(back) = ini::read(path, &out, &mut Vec::new()) else {
        panic!("the written file does not read back:\n{out:?}");
    };
    assert_eq!(
        get(&back, "current_version"),
        Some(&Raw::Str(NEW.to_string())),
        "current_version does not read back from\n{out:?}"
    );
});
