//! The structural locators of `src/kinds/`: every span returned lies inside the text, on char
//! boundaries, in order and without overlap, with the right line number; splicing a new version
//! into the spans changes only those bytes, and the locator run on the result finds the new
//! version at every place it found the old one.
#![no_main]

use std::path::Path;

use bumpsmith::locate::kinds::{self, Kind, KindOptions};
use libfuzzer_sys::fuzz_target;

const NEW: &str = "9.8.7";

/// (kind, file name, options): the four the fuzzing issue names first, then the rest.
fn pick(sel: u8) -> (Kind, &'static str, KindOptions) {
    let env = |v: &[&str]| KindOptions {
        env: v.iter().map(|s| s.to_string()).collect(),
        ..KindOptions::default()
    };
    match sel % 11 {
        0 => (Kind::PackageJson, "package.json", KindOptions::default()),
        1 => (Kind::Pyproject, "pyproject.toml", KindOptions::default()),
        2 => (Kind::Dockerfile, "Dockerfile", KindOptions::default()),
        3 => (
            Kind::Dockerfile,
            "Dockerfile",
            env(&["APP_VERSION", "VERSION"]),
        ),
        4 => (
            Kind::CiEnv,
            ".github/workflows/ci.yml",
            env(&["APP_VERSION", "VERSION"]),
        ),
        5 => (Kind::Python, "__init__.py", KindOptions::default()),
        6 => (Kind::SetupPy, "setup.py", KindOptions::default()),
        7 => (Kind::SetupCfg, "setup.cfg", KindOptions::default()),
        8 => (Kind::Cargo, "Cargo.toml", KindOptions::default()),
        9 => (Kind::NpmLock, "package-lock.json", KindOptions::default()),
        _ => (Kind::HelmChart, "Chart.yaml", KindOptions::default()),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (kind, name, opts) = pick(sel);
    let path = Path::new(name);
    let Ok(found) = kinds::locate(kind, path, text, &opts) else {
        return;
    };
    let mut last = 0;
    for l in &found {
        assert!(
            l.start <= l.end && l.end <= text.len(),
            "{kind}: span {l:?} outside the text"
        );
        assert!(
            text.is_char_boundary(l.start) && text.is_char_boundary(l.end),
            "{kind}: span {l:?} splits a character"
        );
        assert!(
            l.start >= last,
            "{kind}: spans overlap or are out of order: {found:?}"
        );
        assert_eq!(
            l.line,
            line_of(text, l.start),
            "{kind}: wrong line for {l:?}"
        );
        last = l.end;
    }
    // splice the new version into every span: only those bytes change
    let mut out = String::with_capacity(text.len() + found.len() * NEW.len());
    let mut pos = 0;
    let mut spans = Vec::new();
    for l in &found {
        out.push_str(&text[pos..l.start]);
        spans.push((out.len(), out.len() + NEW.len()));
        out.push_str(NEW);
        pos = l.end;
    }
    out.push_str(&text[pos..]);
    let mut o = 0;
    let mut t = 0;
    for (l, (s, e)) in found.iter().zip(&spans) {
        assert_eq!(
            &out[o..*s],
            &text[t..l.start],
            "{kind}: bytes outside the spans changed"
        );
        assert_eq!(&out[*s..*e], NEW);
        o = *e;
        t = l.end;
    }
    assert_eq!(&out[o..], &text[t..]);
    // the edited file is still read the same way: the new version at every old place
    if found.iter().any(|l| l.start == l.end) {
        return; // an empty value: writing into it may turn it into a different token
    }
    let again = kinds::locate(kind, path, &out, &opts)
        .unwrap_or_else(|e| panic!("{kind}: the edited text no longer reads: {e}\n{out:?}"));
    let at: Vec<(usize, usize)> = again.iter().map(|l| (l.start, l.end)).collect();
    for sp in &spans {
        assert!(
            at.contains(sp),
            "{kind}: edited span {sp:?} not located again in {at:?}\n{out:?}"
        );
    }
});
