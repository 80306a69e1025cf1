//! The newline layer (`text::Text`) under `locate::search::Search::apply`: an edit
//! changes only the matched spans (checked against an independent model of universal newlines),
//! inserted newlines take the file's own style, and a file written with CRLF keeps only CRLF.
#![no_main]

#[path = "common.rs"]
mod common;

use bumpsmith::python::re;
use bumpsmith::locate::search::{Finder, Search};
use bumpsmith::template::Context;
use libfuzzer_sys::fuzz_target;

/// The text as bump-my-version reads it (`\r\n` and `\r` become `\n`), with, for each byte of
/// it, the offset of the byte it came from (plus one entry for the end).
fn universal(orig: &str) -> (String, Vec<usize>) {
    let mut norm = String::new();
    let mut map = Vec::new();
    let mut it = orig.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\r' {
            if let Some((_, '\n')) = it.peek() {
                it.next();
            }
            norm.push('\n');
            map.push(i);
        } else {
            norm.push(c);
            map.extend(i..i + c.len_utf8());
        }
    }
    map.push(orig.len());
    (norm, map)
}

/// `s` as a Python pattern matching it literally: the signs special to `re` escaped, as
/// `re.escape` does (others, like `<`, stay bare: escaped, the translation could read them as
/// something else).
fn py_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn newline_style(orig: &str) -> &'static str {
    match orig.find(['\r', '\n']) {
        Some(i) if orig[i..].starts_with("\r\n") => "\r\n",
        Some(i) if orig.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Some(f) = common::fields(rest, 3) else {
        return;
    };
    let (search, replace, orig) = (f[0], f[1], f[2]);
    let mut ctx = Context::new();
    ctx.set_str("current_version", "1.2.3");
    ctx.set_str("new_version", "1.3.0");
    let Ok(s) = Search::new(search, replace, mode & 1 == 1, &ctx) else {
        return;
    };
    let out = match s.apply(orig) {
        Ok(o) => o,
        Err(_) => return, // a replacement template that does not expand (bad `\g<...>`)
    };
    let (norm, map) = universal(orig);
    // the model: the search as a pattern (a literal one escaped)
    let flags = re::Flags {
        verbose: false,
        multiline: true,
        dotall: true,
    };
    let model = match &s.regex {
        Finder::Regex(p) => p.clone(),
        Finder::Literal(lit) => re::Pattern::new(&py_escape(lit), flags)
            .expect("an escaped literal is a valid pattern"),
    };
    let nl = newline_style(orig);
    let mut expected = String::new();
    let mut last = 0;
    let mut any = false;
    for caps in model.captures_iter(&norm) {
        // out of its backtracking budget: `apply` refused it too
        let Ok(caps) = caps else { return };
        let m = caps.range();
        let mut with = String::new();
        re::expand(&s.replace, &caps, &mut with).expect("expanded once already");
        let (a, b) = (map[m.start], map[m.end]);
        expected.push_str(&orig[last..a]);
        expected.push_str(&with.replace('\n', nl));
        last = b;
        any = true;
    }
    expected.push_str(&orig[last..]);
    match out {
        None => assert!(!any, "matches exist but nothing was replaced"),
        Some(out) => {
            assert!(any, "replaced without a match");
            assert_eq!(out, expected, "bytes outside the matched spans changed");
            let pure_crlf = orig.contains("\r\n")
                && orig.matches('\r').count() == orig.matches("\r\n").count()
                && orig.matches('\n').count() == orig.matches("\r\n").count();
            if pure_crlf && !s.replace.contains('\r') {
                assert_eq!(
                    out.matches('\n').count(),
                    out.matches("\r\n").count(),
                    "a CRLF file gained a bare LF"
                );
            }
        }
    }
    if mode & 1 == 0 && !s.raw.is_empty() && !s.raw.contains('\r') {
        // a literal search finds exactly the substring occurrences
        let lit: Vec<usize> = norm.match_indices(s.raw.as_str()).map(|(i, _)| i).collect();
        let re: Vec<usize> = model
            .captures_iter(&norm)
            .map(|c| c.expect("a literal runs on the linear engine").range().start)
            .collect();
        assert_eq!(lit, re, "a literal search is not a substring search");
    }
});
