//! The journal's on-disk format (version 3): a magic line, the root the journal was written for,
//! the git state, then each file's path (relative to that root; absolute only for a file outside
//! it, which recovery never writes), its original bytes (or `-` for a file that did not exist)
//! and the bytes the release writes; then the seal (see `journal::seal`) over everything before
//! it, and an end marker. The written bytes let recovery tell a file the release touched from one
//! somebody edited after the crash (see `journal::recover`); the seal lets it tell a journal this
//! user's `bump` wrote from one that arrived with the tree.
//!
//! Journals of versions 1 and 2 carry no seal and are never replayed: [`decode`] names them.

use std::path::{Path, PathBuf};

use super::seal::{self, Unsealed};

const MAGIC: &[u8] = b"BUMPSMITH-JOURNAL 3\n";
/// The unsealed formats of earlier releases.
const OLD_MAGIC: &[(&[u8], u8)] = &[(b"BUMPSMITH-JOURNAL 1\n", 1), (b"BUMPSMITH-JOURNAL 2\n", 2)];
const END: &[u8] = b"END\n";

/// Git state to undo along with the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitState {
    /// HEAD before the release commit.
    pub head: Option<String>,
    /// The release stages its files (it commits): undoing it restores their index entries.
    pub staged: bool,
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
    /// Read back from a journal, the paths are those of the tree the journal is in now.
    pub files: Vec<(PathBuf, Option<Vec<u8>>)>,
    /// What the release writes to each of `files`, as read back from a journal; `None` in
    /// memory.
    pub written: Option<Vec<Vec<u8>>>,
}

/// A journal read back and vouched for by its seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub rec: Record,
    /// The root it was written for (the tree may have moved, or been copied, since).
    pub written_for: PathBuf,
}

/// Why a journal is not replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An unsealed format of an earlier release (1 or 2).
    OldFormat(u8),
    /// Not a journal, or damaged.
    Damaged,
    /// Its seal does not vouch for it.
    Unsealed(Unsealed),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::OldFormat(v) => write!(
                f,
                "it is in the unsealed format {v} of an earlier bumpsmith, which is never replayed"
            ),
            Refusal::Damaged => f.write_str("it is not a complete bumpsmith journal"),
            Refusal::Unsealed(Unsealed::Missing) => f.write_str(
                "it carries no seal (it was written where no journal key could be kept)",
            ),
            Refusal::Unsealed(Unsealed::NoKey) => {
                f.write_str("no journal key is available here to check its seal")
            }
            Refusal::Unsealed(Unsealed::Wrong) => f.write_str(
                "its seal does not match: it was not written by this user's bump on this machine",
            ),
        }
    }
}

/// The path stored for `path`: relative to `root` when inside it (through symlinks too).
fn stored(path: &Path, root: &Path) -> PathBuf {
    if let Ok(rel) = path.strip_prefix(root) {
        return rel.to_path_buf();
    }
    let real = crate::plan::confine::resolve(path);
    match real.strip_prefix(root) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

/// The journal of `rec`, whose files the release overwrites with `new` (one per file), for the
/// tree at `root` (canonical).
pub(super) fn encode(rec: &Record, new: &[&[u8]], root: &Path) -> Vec<u8> {
    assert_eq!(rec.files.len(), new.len(), "one new content per file");
    let total: usize = rec
        .files
        .iter()
        .zip(new)
        .map(|((p, c), n)| p.as_os_str().len() + c.as_ref().map_or(0, Vec::len) + n.len() + 48)
        .sum();
    let mut out = Vec::with_capacity(total + 256);
    out.extend_from_slice(MAGIC);
    let r = crate::sys::path_bytes(root.as_os_str());
    out.extend_from_slice(format!("root {}\n", r.len()).as_bytes());
    out.extend_from_slice(&r);
    out.push(b'\n');
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    out.extend_from_slice(
        format!(
            "head {}\nstaged {}\ntag {}\nmoved {}\n",
            opt(&rec.git.head),
            u8::from(rec.git.staged),
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
        let path = stored(path, root);
        let p = crate::sys::path_bytes(path.as_os_str());
        // an absent file: `-` for its length, no contents
        let old_len = content.as_ref().map_or("-".into(), |c| c.len().to_string());
        out.extend_from_slice(format!("{} {old_len} {}\n", p.len(), new.len()).as_bytes());
        out.extend_from_slice(&p);
        out.extend_from_slice(content.as_deref().unwrap_or_default());
        out.extend_from_slice(new);
        out.push(b'\n');
    }
    match seal::seal(&out) {
        Some(mac) => {
            out.extend_from_slice(b"seal ");
            out.extend_from_slice(hex(&mac).as_bytes());
            out.push(b'\n');
        }
        None => out.extend_from_slice(b"seal -\n"),
    }
    out.extend_from_slice(END);
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; seal::LEN]> {
    let mut out = [0u8; seal::LEN];
    if s.len() != 2 * seal::LEN || !s.is_ascii() {
        return None;
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Read a journal back for the tree at `root` (canonical): relative paths are taken from there.
/// Only a complete journal whose seal this user's key confirms is returned.
pub(super) fn decode(data: &[u8], root: &Path) -> Result<Decoded, Refusal> {
    if let Some((_, v)) = OLD_MAGIC.iter().find(|(m, _)| data.starts_with(m)) {
        return Err(Refusal::OldFormat(*v));
    }
    let (mut d, rest) = body(data).ok_or(Refusal::Damaged)?;
    let sealed = data.len() - rest.len();
    let mac = seal_line(rest).ok_or(Refusal::Damaged)?;
    seal::verify(&data[..sealed], mac.as_ref()).map_err(Refusal::Unsealed)?;
    for (path, _) in &mut d.rec.files {
        if path.is_relative() {
            *path = root.join(&*path);
        }
    }
    Ok(d)
}

/// The seal in what follows the files, when the journal ends there as it should.
fn seal_line(rest: &[u8]) -> Option<Option<[u8; seal::LEN]>> {
    let nl = rest.iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&rest[..nl]).ok()?;
    let mac = match line.strip_prefix("seal ")? {
        "-" => None,
        h => Some(unhex(h)?),
    };
    (&rest[nl + 1..] == END).then_some(mac)
}

/// The journal up to its seal line, and what follows.
fn body(data: &[u8]) -> Option<(Decoded, &[u8])> {
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
    let rl: usize = line(&mut rest)?.strip_prefix("root ")?.parse().ok()?;
    if rest.get(rl) != Some(&b'\n') {
        return None;
    }
    let written_for = PathBuf::from(crate::sys::path_from_bytes(rest[..rl].to_vec())?);
    rest = &rest[rl + 1..];
    let head = field(line(&mut rest)?, "head")?;
    let staged = match line(&mut rest)?.strip_prefix("staged ")? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    let tag = field(line(&mut rest)?, "tag")?;
    let mut moved = Vec::new();
    let k: usize = line(&mut rest)?.strip_prefix("moved ")?.parse().ok()?;
    for _ in 0..k {
        let l = line(&mut rest)?;
        let (name, was) = l.split_once(' ')?;
        moved.push((name.to_string(), (was != "-").then(|| was.to_string())));
    }
    let n: usize = line(&mut rest)?.strip_prefix("files ")?.parse().ok()?;
    // a damaged count must not reserve memory: every entry takes at least six bytes
    let mut files = Vec::with_capacity(n.min(rest.len() / 6));
    let mut written = Vec::with_capacity(n.min(rest.len() / 6));
    for _ in 0..n {
        let hdr = line(&mut rest)?;
        let mut fields = hdr.split(' ');
        let pl: usize = fields.next()?.parse().ok()?;
        let cl: Option<usize> = match fields.next()? {
            "-" => None,
            b => Some(b.parse().ok()?),
        };
        let nl: usize = fields.next()?.parse().ok()?;
        if fields.next().is_some() || pl == 0 {
            return None;
        }
        let old_end = pl.checked_add(cl.unwrap_or(0))?;
        let end = old_end.checked_add(nl)?;
        if rest.get(end) != Some(&b'\n') {
            return None;
        }
        let path = PathBuf::from(crate::sys::path_from_bytes(rest[..pl].to_vec())?);
        let content = cl.map(|_| rest[pl..old_end].to_vec());
        written.push(rest[old_end..end].to_vec());
        rest = &rest[end + 1..];
        files.push((path, content));
    }
    let rec = Record {
        git: GitState {
            head,
            staged,
            tag,
            moved,
        },
        files,
        written: Some(written),
    };
    Some((Decoded { rec, written_for }, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_record() -> Record {
        Record {
            git: GitState {
                head: Some("abc123".into()),
                staged: true,
                tag: Some("v1.2.4".into()),
                moved: vec![
                    ("latest".into(), Some("abc122".into())),
                    ("v1".into(), None),
                ],
            },
            files: vec![
                (PathBuf::from("/repo/x"), Some(b"abc\n".to_vec())),
                (PathBuf::from("/repo/sub/new"), None),
                (PathBuf::from("/elsewhere/y"), Some(b"1".to_vec())),
            ],
            written: None,
        }
    }

    fn sample() -> Vec<u8> {
        encode(&sample_record(), &[b"abd\n", b"", b"2"], Path::new("/repo"))
    }

    #[test]
    fn a_journal_round_trips_for_the_tree_it_is_in() {
        let data = sample();
        assert!(
            !data.windows(7).any(|w| w == b"/repo/x"),
            "paths inside the root are stored relative"
        );
        let back = decode(&data, Path::new("/repo")).unwrap();
        assert_eq!(back.written_for, Path::new("/repo"));
        assert_eq!(back.rec.git, sample_record().git);
        assert_eq!(back.rec.files, sample_record().files);
        assert_eq!(
            back.rec.written,
            Some(vec![b"abd\n".to_vec(), b"".to_vec(), b"2".to_vec()])
        );
        // moved or copied: the same journal speaks of the tree it is in now
        let moved = decode(&data, Path::new("/copy")).unwrap();
        assert_eq!(moved.written_for, Path::new("/repo"));
        assert_eq!(moved.rec.files[0].0, Path::new("/copy/x"));
        assert_eq!(moved.rec.files[1].0, Path::new("/copy/sub/new"));
        assert_eq!(moved.rec.files[2].0, Path::new("/elsewhere/y"));
    }

    #[test]
    fn earlier_formats_are_named_and_never_decoded() {
        let v1 = b"BUMPSMITH-JOURNAL 1\nhead -\ntag v2\nfiles 1\n2 3\n/xabc\nEND\n";
        assert_eq!(decode(v1, Path::new("/")), Err(Refusal::OldFormat(1)));
        let v2 = b"BUMPSMITH-JOURNAL 2\nhead -\ntag -\nmoved 0\nfiles 1\n2 3 0\n/xabc\nEND\n";
        assert_eq!(decode(v2, Path::new("/")), Err(Refusal::OldFormat(2)));
    }

    #[test]
    fn an_altered_or_unsealed_journal_is_refused() {
        let data = sample();
        let root = Path::new("/repo");
        let at = data.windows(4).position(|w| w == b"abc\n").unwrap();
        let mut altered = data.clone();
        altered[at] = b'X';
        assert_eq!(
            decode(&altered, root),
            Err(Refusal::Unsealed(Unsealed::Wrong))
        );
        let seal_at = data.windows(5).position(|w| w == b"seal ").unwrap();
        let unsealed = [&data[..seal_at], b"seal -\nEND\n"].concat();
        assert_eq!(
            decode(&unsealed, root),
            Err(Refusal::Unsealed(Unsealed::Missing))
        );
        // a seal of the right shape made with another key
        let forged = [
            &data[..seal_at],
            b"seal ",
            "ab".repeat(32).as_bytes(),
            b"\nEND\n",
        ]
        .concat();
        assert_eq!(
            decode(&forged, root),
            Err(Refusal::Unsealed(Unsealed::Wrong))
        );
    }

    /// A damaged journal must be refused, not crash recovery (a panic aborts every later run).
    #[test]
    fn damaged_counts_and_lengths_are_refused_without_panicking() {
        let max = usize::MAX;
        for bad in [
            format!("root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles {max}\n"),
            format!("root {max}\n/\nhead -\ntag -\nmoved 0\nfiles 0\nseal -\nEND\n"),
            format!("root 1\n/\nhead -\nstaged 0\ntag -\nmoved {max}\nfiles 0\nseal -\nEND\n"),
            "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 1\nlatest\nfiles 0\nseal -\nEND\n"
                .to_string(),
            format!("root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n{max} 1 0\n/x"),
            format!("root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n2 {max} 0\n/x"),
            format!("root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n2 1 {max}\n/x"),
            format!(
                "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n{} {} 0\n/x",
                max / 2 + 1,
                max / 2 + 1
            ),
            // a field too few, a field too many, an empty path
            "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n2 3\n/xabc\nseal -\nEND\n"
                .to_string(),
            "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n2 3 0 0\n/xabc\nseal -\nEND\n"
                .to_string(),
            "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n0 3 0\nabc\nseal -\nEND\n"
                .to_string(),
            // the separator after the contents is not a newline; a bad seal
            "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 1\n2 3 0\n/xabcXseal -\nEND\n"
                .to_string(),
            "root 1\n/\nhead -\nstaged 0\ntag -\nmoved 0\nfiles 0\nseal zz\nEND\n".to_string(),
        ] {
            let data = [MAGIC, bad.as_bytes()].concat();
            assert_eq!(
                decode(&data, Path::new("/")),
                Err(Refusal::Damaged),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn every_truncation_and_byte_flip_is_refused() {
        let data = sample();
        let root = Path::new("/repo");
        assert!(decode(&data, root).is_ok());
        for cut in 0..data.len() {
            assert!(decode(&data[..cut], root).is_err(), "cut at {cut}");
        }
        for i in 0..data.len() {
            for b in [b'0', b'9', b'\n', b' ', b'-', 0xff] {
                let mut d = data.clone();
                if d[i] != b {
                    d[i] = b;
                    assert!(decode(&d, root).is_err(), "byte {i} set to {b}");
                }
            }
        }
    }
}
