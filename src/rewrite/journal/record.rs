//! The journal's on-disk format: a magic line, the git state, then each file's path, its
//! original bytes (or `-` for a file that did not exist) and the bytes the release writes, and
//! an end marker that tells a complete journal from a torn one. The written bytes let recovery
//! tell a file the release touched from one somebody edited after the crash (see
//! `journal::recover`). Version 1 journals (no written bytes) still decode.

use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;

const MAGIC: &[u8] = b"BUMPSMITH-JOURNAL 2\n";
/// The first format: no written bytes.
const MAGIC_V1: &[u8] = b"BUMPSMITH-JOURNAL 1\n";
const END: &[u8] = b"END\n";

/// Git state to undo along with the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitState {
    /// HEAD before the release commit.
    pub head: Option<String>,
    /// The tag the release creates.
    pub tag: Option<String>,
    /// The moveable tags the release moves, each with the object it named before (`None`: it
    /// did not exist).
    pub moved: Vec<(String, Option<String>)>,
}

/// What a journal holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub git: GitState,
    /// (absolute path, original bytes); `None`: the file did not exist (rollback deletes it).
    pub files: Vec<(PathBuf, Option<Vec<u8>>)>,
    /// What the release writes to each of `files`, as read back from a journal; `None` in
    /// memory and for a version 1 journal.
    pub written: Option<Vec<Vec<u8>>>,
}

/// The journal of `rec`, whose files the release overwrites with `new` (one per file).
pub(super) fn encode(rec: &Record, new: &[&[u8]]) -> Vec<u8> {
    assert_eq!(rec.files.len(), new.len(), "one new content per file");
    let total: usize = rec
        .files
        .iter()
        .zip(new)
        .map(|((p, c), n)| p.as_os_str().len() + c.as_ref().map_or(0, Vec::len) + n.len() + 48)
        .sum();
    let mut out = Vec::with_capacity(total + 128);
    out.extend_from_slice(MAGIC);
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    out.extend_from_slice(
        format!(
            "head {}\ntag {}\nmoved {}\n",
            opt(&rec.git.head),
            opt(&rec.git.tag),
            rec.git.moved.len()
        )
        .as_bytes(),
    );
    // a tag name holds no space or newline (git-check-ref-format)
    for (name, was) in &rec.git.moved {
        out.extend_from_slice(format!("{name} {}\n", opt(was)).as_bytes());
    }
    out.extend_from_slice(format!("files {}\n", rec.files.len()).as_bytes());
    for ((path, content), new) in rec.files.iter().zip(new) {
        let p = path.as_os_str().as_bytes();
        // an absent file: `-` for its length, no contents
        let old_len = content.as_ref().map_or("-".into(), |c| c.len().to_string());
        out.extend_from_slice(format!("{} {old_len} {}\n", p.len(), new.len()).as_bytes());
        out.extend_from_slice(p);
        out.extend_from_slice(content.as_deref().unwrap_or_default());
        out.extend_from_slice(new);
        out.push(b'\n');
    }
    out.extend_from_slice(END);
    out
}

pub(super) fn decode(data: &[u8]) -> Option<Record> {
    let (mut rest, v1) = match data.strip_prefix(MAGIC) {
        Some(rest) => (rest, false),
        None => (data.strip_prefix(MAGIC_V1)?, true),
    };
    let line = |rest: &mut &[u8]| -> Option<String> {
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let s = String::from_utf8(rest[..nl].to_vec()).ok()?;
        *rest = &rest[nl + 1..];
        Some(s)
    };
    let field = |s: String, name: &str| -> Option<Option<String>> {
        let v = s.strip_prefix(name)?.strip_prefix(' ')?.to_string();
        Some(if v == "-" { None } else { Some(v) })
    };
    let head = field(line(&mut rest)?, "head")?;
    let tag = field(line(&mut rest)?, "tag")?;
    let mut moved = Vec::new();
    if !v1 {
        let k: usize = line(&mut rest)?.strip_prefix("moved ")?.parse().ok()?;
        for _ in 0..k {
            let l = line(&mut rest)?;
            let (name, was) = l.split_once(' ')?;
            moved.push((name.to_string(), (was != "-").then(|| was.to_string())));
        }
    }
    let n: usize = line(&mut rest)?.strip_prefix("files ")?.parse().ok()?;
    // a damaged count must not reserve memory: every entry takes at least four bytes
    let mut files = Vec::with_capacity(n.min(rest.len() / 4));
    let mut written = Vec::with_capacity(if v1 { 0 } else { n.min(rest.len() / 6) });
    for _ in 0..n {
        let hdr = line(&mut rest)?;
        let mut fields = hdr.split(' ');
        let pl: usize = fields.next()?.parse().ok()?;
        let cl: Option<usize> = match fields.next()? {
            "-" => None,
            b => Some(b.parse().ok()?),
        };
        let nl: usize = if v1 { 0 } else { fields.next()?.parse().ok()? };
        if fields.next().is_some() {
            return None;
        }
        let old_end = pl.checked_add(cl.unwrap_or(0))?;
        let end = old_end.checked_add(nl)?;
        if rest.get(end) != Some(&b'\n') {
            return None;
        }
        let path = PathBuf::from(std::ffi::OsString::from_vec(rest[..pl].to_vec()));
        let content = cl.map(|_| rest[pl..old_end].to_vec());
        if !v1 {
            written.push(rest[old_end..end].to_vec());
        }
        rest = &rest[end + 1..];
        files.push((path, content));
    }
    (rest == END).then_some(Record {
        git: GitState { head, tag, moved },
        files,
        written: (!v1).then_some(written),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torn_journals_are_not_trusted() {
        let rec = Record {
            git: GitState::default(),
            files: vec![
                (PathBuf::from("/x"), Some(b"abc".to_vec())),
                (PathBuf::from("/new"), None),
            ],
            written: None,
        };
        let data = encode(&rec, &[b"abd", b"created\n"]);
        let back = decode(&data).unwrap();
        assert_eq!(back.files, rec.files);
        assert_eq!(back.git, rec.git);
        let moved = decode(&sample()).unwrap().git.moved;
        assert_eq!(
            moved,
            [
                ("latest".to_string(), Some("abc122".to_string())),
                ("v1".to_string(), None)
            ]
        );
        assert_eq!(
            back.written,
            Some(vec![b"abd".to_vec(), b"created\n".to_vec()])
        );
        assert!(decode(&data[..data.len() - 2]).is_none());
    }

    fn sample() -> Vec<u8> {
        encode(
            &Record {
                git: GitState {
                    head: Some("abc123".into()),
                    tag: Some("v1.2.4".into()),
                    moved: vec![
                        ("latest".into(), Some("abc122".into())),
                        ("v1".into(), None),
                    ],
                },
                files: vec![
                    (PathBuf::from("/x"), Some(b"abc\n".to_vec())),
                    (PathBuf::from("/new"), None),
                ],
                written: None,
            },
            &[b"abd\n", b""],
        )
    }

    /// A journal left by an earlier bump (format 1: no written bytes) is still recovered.
    #[test]
    fn version_1_journals_decode_without_written_bytes() {
        let data = b"BUMPSMITH-JOURNAL 1\nhead -\ntag v2\nfiles 2\n2 3\n/xabc\n4 -\n/new\nEND\n";
        let rec = decode(data).unwrap();
        assert_eq!(rec.git.tag.as_deref(), Some("v2"));
        assert_eq!(
            rec.files,
            vec![
                (PathBuf::from("/x"), Some(b"abc".to_vec())),
                (PathBuf::from("/new"), None)
            ]
        );
        assert_eq!(rec.written, None);
    }

    /// A damaged journal must be refused, not crash recovery (a panic aborts every later run).
    #[test]
    fn damaged_counts_and_lengths_are_refused_without_panicking() {
        let max = usize::MAX;
        for bad in [
            format!("head -\ntag -\nmoved 0\nfiles {max}\n"),
            format!("head -\ntag -\nmoved {max}\nfiles 0\nEND\n"),
            "head -\ntag -\nmoved 1\nlatest\nfiles 0\nEND\n".to_string(),
            format!("head -\ntag -\nmoved 0\nfiles 1\n{max} 1 0\n/x"),
            format!("head -\ntag -\nmoved 0\nfiles 1\n2 {max} 0\n/x"),
            format!("head -\ntag -\nmoved 0\nfiles 1\n2 1 {max}\n/x"),
            format!(
                "head -\ntag -\nmoved 0\nfiles 1\n{} {} 0\n/x",
                max / 2 + 1,
                max / 2 + 1
            ),
            format!(
                "head -\ntag -\nmoved 0\nfiles 1\n2 {} {}\n/x",
                max / 2,
                max / 2
            ),
            // a field too few, a field too many
            "head -\ntag -\nmoved 0\nfiles 1\n2 3\n/xabc\nEND\n".to_string(),
            "head -\ntag -\nmoved 0\nfiles 1\n2 3 0 0\n/xabc\nEND\n".to_string(),
            // the separator after the contents is not a newline
            "head -\ntag -\nmoved 0\nfiles 1\n2 3 0\n/xabcXEND\n".to_string(),
        ] {
            let data = [MAGIC, bad.as_bytes()].concat();
            assert_eq!(decode(&data), None, "{bad:?}");
        }
    }

    #[test]
    fn every_truncation_and_byte_flip_decodes_or_is_refused() {
        let data = sample();
        assert!(decode(&data).is_some());
        for cut in 0..data.len() {
            assert_eq!(decode(&data[..cut]), None, "cut at {cut}");
        }
        for i in 0..data.len() {
            for b in [b'0', b'9', b'\n', b' ', b'-', 0xff] {
                let mut d = data.clone();
                d[i] = b;
                let _ = decode(&d);
            }
        }
    }
}
