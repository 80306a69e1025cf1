//! The journal's on-disk format: a magic line, the git state, then each file's path and
//! original bytes (or `-` for a file that did not exist), and an end marker that tells a
//! complete journal from a torn one.

use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;

const MAGIC: &[u8] = b"BUMPSMITH-JOURNAL 1\n";
const END: &[u8] = b"END\n";

/// Git state to undo along with the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitState {
    /// HEAD before the release commit.
    pub head: Option<String>,
    /// The tag the release creates.
    pub tag: Option<String>,
}

/// What a journal holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub git: GitState,
    /// (absolute path, original bytes); `None`: the file did not exist (rollback deletes it).
    pub files: Vec<(PathBuf, Option<Vec<u8>>)>,
}

pub(super) fn encode(rec: &Record) -> Vec<u8> {
    let total: usize = rec
        .files
        .iter()
        .map(|(p, c)| p.as_os_str().len() + c.as_ref().map_or(0, Vec::len) + 32)
        .sum();
    let mut out = Vec::with_capacity(total + 128);
    out.extend_from_slice(MAGIC);
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    out.extend_from_slice(
        format!(
            "head {}\ntag {}\nfiles {}\n",
            opt(&rec.git.head),
            opt(&rec.git.tag),
            rec.files.len()
        )
        .as_bytes(),
    );
    for (path, content) in &rec.files {
        let p = path.as_os_str().as_bytes();
        match content {
            Some(c) => {
                out.extend_from_slice(format!("{} {}\n", p.len(), c.len()).as_bytes());
                out.extend_from_slice(p);
                out.extend_from_slice(c);
            }
            // an absent file: `-` for its length, no contents
            None => {
                out.extend_from_slice(format!("{} -\n", p.len()).as_bytes());
                out.extend_from_slice(p);
            }
        }
        out.push(b'\n');
    }
    out.extend_from_slice(END);
    out
}

pub(super) fn decode(data: &[u8]) -> Option<Record> {
    let mut rest = data.strip_prefix(MAGIC)?;
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
    let n: usize = line(&mut rest)?.strip_prefix("files ")?.parse().ok()?;
    // a damaged count must not reserve memory: every entry takes at least four bytes
    let mut files = Vec::with_capacity(n.min(rest.len() / 4));
    for _ in 0..n {
        let hdr = line(&mut rest)?;
        let (a, b) = hdr.split_once(' ')?;
        let pl: usize = a.parse().ok()?;
        let cl: Option<usize> = if b == "-" {
            None
        } else {
            Some(b.parse().ok()?)
        };
        let end = pl.checked_add(cl.unwrap_or(0))?;
        if rest.get(end) != Some(&b'\n') {
            return None;
        }
        let path = PathBuf::from(std::ffi::OsString::from_vec(rest[..pl].to_vec()));
        let content = cl.map(|_| rest[pl..end].to_vec());
        rest = &rest[end + 1..];
        files.push((path, content));
    }
    (rest == END).then_some(Record {
        git: GitState { head, tag },
        files,
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
        };
        let data = encode(&rec);
        assert!(decode(&data).is_some());
        assert!(decode(&data[..data.len() - 2]).is_none());
    }

    fn sample() -> Vec<u8> {
        encode(&Record {
            git: GitState {
                head: Some("abc123".into()),
                tag: Some("v1.2.4".into()),
            },
            files: vec![
                (PathBuf::from("/x"), Some(b"abc\n".to_vec())),
                (PathBuf::from("/new"), None),
            ],
        })
    }

    /// A damaged journal must be refused, not crash recovery (a panic aborts every later run).
    #[test]
    fn damaged_counts_and_lengths_are_refused_without_panicking() {
        let max = usize::MAX;
        for bad in [
            format!("head -\ntag -\nfiles {max}\n"),
            format!("head -\ntag -\nfiles 1\n{max} 1\n/x"),
            format!("head -\ntag -\nfiles 1\n2 {max}\n/x"),
            format!(
                "head -\ntag -\nfiles 1\n{} {}\n/x",
                max / 2 + 1,
                max / 2 + 1
            ),
            // the separator after the contents is not a newline
            "head -\ntag -\nfiles 1\n2 3\n/xabcXEND\n".to_string(),
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
