//! Resolve HEAD to its tree without running git, for [`super::quick`]: `HEAD` (symbolic refs
//! followed), the loose ref or `packed-refs`, then the commit object if it is loose (inflated
//! with `miniz_oxide`, only far enough to read its `tree` line). Anything unusual (an unborn
//! branch, a ref outside `refs/heads|tags|remotes`, a replaced commit, an odd file) answers
//! `None`, and the caller falls back to git.

use std::path::{Path, PathBuf};

use super::index::Oid;

/// The directories a repository's files are split over.
#[derive(Debug, Clone)]
pub(super) struct Dirs {
    /// The per-worktree directory: `HEAD`, `index`, `config.worktree`.
    pub git_dir: PathBuf,
    /// Shared by all worktrees: `objects`, `refs`, `packed-refs`, `config`. The same as
    /// `git_dir` except in a linked worktree (named by its `commondir` file).
    pub common: PathBuf,
}

impl Dirs {
    pub fn new(git_dir: &Path) -> Option<Dirs> {
        let common = match std::fs::read(git_dir.join("commondir")) {
            Ok(text) => {
                let text = std::str::from_utf8(&text)
                    .ok()?
                    .trim_end_matches(['\n', '\r']);
                if text.is_empty() {
                    return None;
                }
                git_dir.join(text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => git_dir.to_path_buf(),
            Err(_) => return None,
        };
        Some(Dirs {
            git_dir: git_dir.to_path_buf(),
            common,
        })
    }
}

/// Where HEAD's tree comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum HeadTree {
    /// Read from the loose commit object.
    Tree(Oid),
    /// HEAD's commit object is not loose (packed, or in an alternate): ask git.
    NotLoose,
}

/// HEAD's tree, or `None` when it cannot be told here (see the module doc).
pub(super) fn head_tree(dirs: &Dirs) -> Option<HeadTree> {
    let commit = head_commit(dirs)?;
    let hex = hex(&commit);
    let (dir, file) = hex.split_at(2);
    let path = dirs.common.join("objects").join(dir).join(file);
    let data = match std::fs::read(&path) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(HeadTree::NotLoose);
        }
        Err(_) => return None,
    };
    // `git replace` swaps a commit for another one everywhere, `git status` included
    if replaced(dirs, &hex) {
        return None;
    }
    commit_tree(&data).map(HeadTree::Tree)
}

/// The commit HEAD names, following symbolic refs.
fn head_commit(dirs: &Dirs) -> Option<Oid> {
    let mut content = read_small(&dirs.git_dir.join("HEAD"))?;
    for _ in 0..5 {
        let text = std::str::from_utf8(&content).ok()?.trim_end();
        let Some(target) = text.strip_prefix("ref:") else {
            return parse_hex(text);
        };
        let target = target.trim();
        if !shared_ref(target) {
            return None;
        }
        content = match std::fs::read(dirs.common.join(target)) {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return packed(dirs, target);
            }
            Err(_) => return None,
        };
    }
    None
}

/// A ref name this reader resolves: one kept in the common directory, with no path tricks.
fn shared_ref(name: &str) -> bool {
    ["refs/heads/", "refs/tags/", "refs/remotes/"]
        .iter()
        .any(|p| name.starts_with(p))
        && name
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
        && !name.contains(['\\', '\0'])
}

/// A ref's id from `packed-refs`; `None` when it is not there (an unborn branch).
fn packed(dirs: &Dirs, name: &str) -> Option<Oid> {
    let data = std::fs::read(dirs.common.join("packed-refs")).ok()?;
    data.split(|&b| b == b'\n').find_map(|line| {
        let (id, refname) = split_ref_line(line)?;
        (refname == name.as_bytes()).then(|| parse_hex(std::str::from_utf8(id).ok()?))?
    })
}

/// A `packed-refs` line `HEX SP REFNAME`; `None` for comments and peeled (`^HEX`) lines.
fn split_ref_line(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let sp = line.iter().position(|&b| b == b' ')?;
    (!line.starts_with(b"#") && !line.starts_with(b"^")).then(|| (&line[..sp], &line[sp + 1..]))
}

/// Whether a replacement for the commit `hex` may exist (`refs/replace/HEX`, loose or packed).
/// Unreadable files count as a yes.
fn replaced(dirs: &Dirs, hex: &str) -> bool {
    let refname = format!("refs/replace/{hex}");
    match std::fs::symlink_metadata(dirs.common.join(&refname)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        _ => return true,
    }
    match std::fs::read(dirs.common.join("packed-refs")) {
        Ok(data) => data
            .split(|&b| b == b'\n')
            .filter_map(split_ref_line)
            .any(|(_, r)| r == refname.as_bytes()),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    }
}

/// The `tree` line of a loose commit object (`zlib("commit LEN\0tree HEX\n...")`).
fn commit_tree(compressed: &[u8]) -> Option<Oid> {
    // the tree line is within the first 64 bytes: inflate no further than that
    let out = match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(compressed, 128) {
        Ok(out) => out,
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => e.output,
        Err(_) => return None,
    };
    let nul = out.iter().position(|&b| b == 0)?;
    let header = std::str::from_utf8(&out[..nul]).ok()?;
    header.strip_prefix("commit ")?.parse::<u64>().ok()?;
    let body = out.get(nul + 1..)?;
    let hex = body.strip_prefix(b"tree ")?.get(..40)?;
    if body.get(45) != Some(&b'\n') {
        return None;
    }
    parse_hex(std::str::from_utf8(hex).ok()?)
}

/// A file of at most a few hundred bytes (HEAD, a loose ref).
fn read_small(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok().filter(|d| d.len() <= 4096)
}

/// 40 lower- or upper-case hex digits.
pub(super) fn parse_hex(s: &str) -> Option<Oid> {
    let s = s.as_bytes();
    if s.len() != 40 {
        return None;
    }
    let mut out = [0u8; 20];
    for (i, pair) in s.chunks_exact(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)?;
        let lo = (pair[1] as char).to_digit(16)?;
        out[i] = (hi * 16 + lo) as u8;
    }
    Some(out)
}

pub(super) fn hex(oid: &Oid) -> String {
    oid.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let oid = parse_hex("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391").unwrap();
        assert_eq!(hex(&oid), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assert!(parse_hex("e69de29bb2d1d6434b8b29ae775ad8c2e48c539").is_none());
        assert!(parse_hex("g69de29bb2d1d6434b8b29ae775ad8c2e48c5391").is_none());
    }

    #[test]
    fn ref_names_are_confined() {
        assert!(shared_ref("refs/heads/main"));
        assert!(shared_ref("refs/heads/feature/x"));
        assert!(!shared_ref("refs/heads/../../config"));
        assert!(!shared_ref("refs/worktree/x"));
        assert!(!shared_ref("refs/heads//x"));
    }

    #[test]
    fn commit_tree_reads_the_tree_line_only() {
        let body = b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent x\n\nmsg\n".repeat(20);
        let mut obj = format!("commit {}\0", body.len()).into_bytes();
        obj.extend_from_slice(&body);
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&obj, 6);
        assert_eq!(
            commit_tree(&z).map(|o| hex(&o)).as_deref(),
            Some("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        );
        let blob = miniz_oxide::deflate::compress_to_vec_zlib(b"blob 3\0abc", 6);
        assert!(commit_tree(&blob).is_none());
        assert!(commit_tree(&z[..10]).is_none());
        assert!(commit_tree(b"garbage").is_none());
    }
}
