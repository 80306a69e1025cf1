//! A file that holds only the version (`VERSION`, `version.txt`): its trimmed contents. A file
//! with more than one line of text is not a plain version file and is an error.

use std::path::Path;

use super::{lives_elsewhere, Location};
use crate::error::Result;

pub(super) fn locate(path: &Path, text: &str) -> Result<Vec<Location>> {
    let body = text.trim_start_matches('\u{feff}');
    let lead = text.len() - body.len() + (body.len() - body.trim_start().len());
    let v = body.trim();
    if v.is_empty() {
        return Ok(Vec::new());
    }
    if v.contains(['\n', '\r']) {
        return Err(lives_elsewhere(
            path,
            "kind `plain` expects a file holding only the version, but it has several lines",
        ));
    }
    Ok(vec![Location::new(text, lead, lead + v.len(), "contents")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_contents() {
        let t = "\n  1.2.3 \r\n";
        let l = locate(Path::new("VERSION"), t).unwrap();
        assert_eq!((&t[l[0].start..l[0].end], l[0].line), ("1.2.3", 2));
        assert!(locate(Path::new("VERSION"), " \n").unwrap().is_empty());
        assert!(locate(Path::new("VERSION"), "1\n2\n").is_err());
    }
}
