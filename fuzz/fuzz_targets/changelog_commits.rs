//! Conventional-commit parsing (`changelog::commits::classify`) and grouping into Keep a
//! Changelog sections (`changelog::group::group`). The input is a mode byte and several commit
//! messages separated by `\0`. Asserts: nothing panics; CRLF and lone-CR messages classify as the
//! LF one does; every commit is accounted for: skipped as a merge, cancelled with a revert, or
//! (alive) each of its changes is one entry or one hidden change, plus one entry per
//! `Deprecated:`/`Removed:`/`Security:` footer, and a non-conventional one is one `Other` entry
//! (keep), one count (skip) or part of the error (strict).
#![no_main]

use bumpsmith::changelog::commits::{classify, Commit, Kind};
use bumpsmith::changelog::config::{NonConventional, Settings};
use bumpsmith::changelog::group::group;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut s = Settings::default();
    s.non_conventional = match mode & 3 {
        0 | 3 => NonConventional::Skip,
        1 => NonConventional::Keep,
        _ => NonConventional::Strict,
    };
    s.include_merges = mode & 4 != 0;
    s.split_squash = mode & 8 == 0;
    let messages: Vec<&str> = text.split('\0').take(64).collect();
    let commits: Vec<Commit> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            // hex ids, so `This reverts commit 0000002` can name a commit of the range
            let hash = format!("{:07x}{:033x}", i, 0xabc);
            let parents = if (mode >> 4) & (1 << (i % 4)) != 0 { 2 } else { 1 };
            let c = classify(&hash, parents, m, &s);
            if !m.contains('\r') {
                let crlf = classify(&hash, parents, &m.replace('\n', "\r\n"), &s);
                assert_eq!(crlf, c, "CRLF classifies differently: {m:?}");
                let cr = classify(&hash, parents, &m.replace('\n', "\r"), &s);
                assert_eq!(cr, c, "lone CR classifies differently: {m:?}");
            }
            assert!(!c.subject.contains(['\n', '\r']), "subject spans lines");
            if let Kind::Conventional { changes, .. } = &c.kind {
                assert!(!changes.is_empty(), "conventional without a change");
            }
            c
        })
        .collect();

    let merges = commits.iter().filter(|c| c.merge && !s.include_merges).count();
    let result = group(&commits, &s);
    let g = match result {
        Ok(g) => g,
        Err(_) => {
            assert_eq!(s.non_conventional, NonConventional::Strict, "error outside strict mode");
            return;
        }
    };
    let c = &g.counts;
    assert_eq!(c.commits, commits.len());
    assert_eq!(c.merges, merges);
    assert_eq!(c.reverted % 2, 0, "reverts cancel in pairs");
    assert!(c.merges + c.reverted <= commits.len());

    // the commits that were neither merges nor cancelled: which ones is not known from the
    // outside, but every revert pair removes two non-merge commits; count what the rest yield
    // per commit and check that some choice of cancelled commits explains the totals
    let entries: usize = g.sections.iter().map(|s| s.entries.len()).sum();
    for sec in &g.sections {
        assert!(!sec.entries.is_empty(), "empty section {}", sec.name);
        for e in &sec.entries {
            let i = commits.iter().position(|c| c.hash == e.hash);
            let i = i.expect("an entry whose hash is no commit's");
            assert!(s.include_merges || !commits[i].merge, "an entry from a skipped merge");
        }
    }
    let names: Vec<&str> = g.sections.iter().map(|s| s.name.as_str()).collect();
    for (k, n) in names.iter().enumerate() {
        assert!(!names[..k].contains(n), "section {n} twice");
    }
    if c.reverted == 0 {
        let alive: Vec<&Commit> = commits
            .iter()
            .filter(|c| s.include_merges || !c.merge)
            .collect();
        let mut expect_entries = 0;
        let mut hidden_max = 0;
        let mut nonconv = 0;
        for cm in &alive {
            match &cm.kind {
                Kind::Conventional { changes, .. } => {
                    for ch in changes {
                        hidden_max += 1;
                        expect_entries += ch
                            .footer_values(&["deprecated", "removed", "security"])
                            .count();
                    }
                }
                Kind::NonConventional { .. } => nonconv += 1,
            }
        }
        // each change: one entry or one hidden count
        assert_eq!(
            entries + c.hidden,
            expect_entries + hidden_max + if s.non_conventional == NonConventional::Keep { nonconv } else { 0 },
            "changes lost: {g:#?}"
        );
        let skipped = if s.non_conventional == NonConventional::Skip { nonconv } else { 0 };
        assert_eq!(c.non_conventional, skipped);
        // every alive commit with a non-hidden change or kept non-conventional has an entry
        for cm in &alive {
            let shown = match &cm.kind {
                Kind::Conventional { changes, .. } => changes
                    .iter()
                    .any(|ch| {
                        // a hidden type still gives its `Deprecated:` (...) footers' entries
                        ch.breaking.is_some()
                            || !s.is_hidden(&ch.ty)
                            || ch
                                .footer_values(&["deprecated", "removed", "security"])
                                .next()
                                .is_some()
                    }),
                Kind::NonConventional { .. } => s.non_conventional == NonConventional::Keep,
            };
            let has = g.sections.iter().flat_map(|s| &s.entries).any(|e| e.hash == cm.hash);
            assert_eq!(shown, has, "commit {:?} shown={shown} has_entry={has}", cm.subject);
        }
    }
    // a bump exactly when a conventional change made an entry
    let typed = g.sections.iter().flat_map(|s| &s.entries).any(|e| e.ty.is_some());
    assert_eq!(g.bump.is_some(), typed, "bump {:?} vs entries {g:#?}", g.bump);
});
