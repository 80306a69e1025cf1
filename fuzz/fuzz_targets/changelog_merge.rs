//! The CHANGELOG.md merger: `changelog::merge::release` (mode bit 0 clear) and
//! `merge::fill_unreleased` (set) over an arbitrary existing changelog (the input after the mode
//! byte, UTF-8 only), with a generated release whose entries, previous tag and remote the mode
//! byte picks. Asserts: every non-blank line of the input (trailing whitespace aside) is still
//! a line of the output, as often as it was (lines moved from Unreleased into the new section count; the rewritten
//! `[unreleased]:` link reference does not); a release's `## [version]` heading appears exactly
//! once (fill_unreleased adds none); merging into the CRLF copy of an LF file gives the LF result
//! with CRLF line endings (so the untouched lines keep CRLF and no bare LF appears).
#![no_main]

use std::collections::HashMap;

use bumpsmith::changelog::links::parse_remote;
use bumpsmith::changelog::merge::{self, Doc, LinkOptions, NewRelease};
use bumpsmith::changelog::render::{self, Block, Line};
use libfuzzer_sys::fuzz_target;

const VERSION: &str = "9.8.7";

fn blocks(mode: u8) -> Vec<Block> {
    let line = |t: &str, h: &str| Line {
        text: t.into(),
        hash: h.into(),
    };
    let mut b = Vec::new();
    if mode & 2 != 0 {
        b.push((
            "Added".to_string(),
            vec![line("- **api:** fuzzed feature (abc1234)", "abc1234"), line("- second", "")],
        ));
    }
    if mode & 4 != 0 {
        b.push(("Fixed".to_string(), vec![line("- a bug (0000001)", "0000001")]));
    }
    if mode & 8 != 0 {
        b.push(("Other".to_string(), vec![line("- Update README", "")]));
    }
    b
}

/// Non-blank lines (content without line ending) → how many times.
fn lines(text: &str) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for l in text.split('\n') {
        // trailing whitespace is not compared: the entries moved out of Unreleased are
        // trimmed at the end (`merge::body::content`)
        let l = l.trim_end();
        let t = l.trim_start_matches(' ').to_ascii_lowercase();
        if l.trim().is_empty() || t.starts_with("[unreleased]:") {
            continue;
        }
        *m.entry(l).or_insert(0) += 1;
    }
    m
}

fn run(text: &str, mode: u8) -> String {
    let order: Vec<String> = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if mode & 1 != 0 {
        return merge::fill_unreleased(Some(text), &blocks(mode), &order);
    }
    let r = NewRelease {
        version: VERSION.into(),
        tag: format!("v{VERSION}"),
        prev_tag: (mode & 16 != 0).then(|| "v1.0.0".to_string()),
        prev_version: (mode & 16 != 0).then(|| "1.0.0".to_string()),
        date: "2025-10-15".into(),
        blocks: blocks(mode),
    };
    let links = LinkOptions {
        remote: (mode & 32 != 0)
            .then(|| parse_remote("https://github.com/o/r"))
            .flatten(),
    };
    merge::release(Some(text), &r, &order, &links)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if text.contains(VERSION) {
        return; // the release is already there: a different path (its section is merged into)
    }
    let out = run(text, mode);
    let have = lines(&out);
    for (l, n) in lines(text) {
        let m = have.get(l).copied().unwrap_or(0);
        assert!(m >= n, "line {l:?} was {n} times in the input, {m} in the output:\n{out}");
    }
    // the heading as the file's style writes it (counted as lines, not through `Doc::parse`:
    // after an unclosed code fence the file has no headings at all)
    let template = Doc::parse(text).heading_template();
    let prev = (mode & 16 != 0).then_some("1.0.0");
    let heading = render::heading(&template, VERSION, "2025-10-15", prev);
    let headings = out
        .split('\n')
        .filter(|l| l.trim_end_matches('\r') == heading)
        .count();
    let want = if mode & 1 != 0 { 0 } else { 1 };
    assert_eq!(headings, want, "{headings} `{heading}` headings in:\n{out}");
    if mode & 1 != 0 {
        assert!(!out.contains(VERSION), "fill_unreleased wrote a release");
    }
    if !text.contains('\r') && text.contains('\n') {
        let crlf = text.replace('\n', "\r\n");
        let out_crlf = run(&crlf, mode);
        assert_eq!(out_crlf, out.replace('\n', "\r\n"), "CRLF result differs from LF result");
    }
});
