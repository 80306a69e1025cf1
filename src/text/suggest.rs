//! "did you mean": the known name closest to a mistyped one (an unknown part, config key,
//! component or kind).

/// The candidate closest to `name`, when it is close enough to be the one meant: at most one
/// edit (a letter added, dropped or changed, or two neighbours swapped) for every three letters
/// of `name`, and at least one; letter case is not counted. Ties go to the first candidate.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let wanted = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (distance(&wanted, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The message for a `name` that is none of `candidates`, `known` listing them:
/// ``unknown kind `pyprojet`; did you mean `pyproject`? (known kinds: ...)``, or without a close
/// candidate ``unknown kind `toml`; known kinds: ...``.
pub fn unknown<'a>(
    what: &str,
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    known: &str,
) -> String {
    match suggest(name, candidates) {
        Some(close) => format!("unknown {what} `{name}`; did you mean `{close}`? ({known})"),
        None => format!("unknown {what} `{name}`; {known}"),
    }
}

/// The edits from `a` to `b` (optimal string alignment: inserting, deleting or changing a
/// letter, or swapping two neighbours, each counts one).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows i-2, i-1 and i of the table of distances between prefixes
    let mut two = vec![0; b.len() + 1];
    let mut one: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (one[j] + 1).min(row[j - 1] + 1).min(one[j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(two[j - 2] + 1);
            }
        }
        std::mem::swap(&mut two, &mut one);
        std::mem::swap(&mut one, &mut row);
    }
    one[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("patc", "patch"), 1);
        assert_eq!(distance("pacth", "patch"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("tagname", "tag_name"), 1);
    }

    #[test]
    fn close_names_are_suggested_far_ones_not() {
        let parts = ["major", "minor", "patch"];
        assert_eq!(suggest("patc", parts), Some("patch"));
        assert_eq!(suggest("Patch", parts), Some("patch"));
        assert_eq!(suggest("mnor", parts), Some("minor"));
        assert_eq!(suggest("mjaor", parts), Some("major"));
        assert_eq!(suggest("build", parts), None);
        assert_eq!(
            suggest("patch", parts),
            None,
            "an exact name is not unknown"
        );
        let keys = ["current_version", "serialize", "tag_name"];
        assert_eq!(suggest("serialise", keys), Some("serialize"));
        assert_eq!(suggest("curent_versoin", keys), Some("current_version"));
        assert_eq!(suggest("x", keys), None);
    }
}
