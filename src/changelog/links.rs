//! Compare, tag and issue links from a remote URL: GitHub, GitLab and Bitbucket, in their https,
//! ssh (`ssh://`) and scp-like (`git@host:owner/repo.git`) forms.

/// The hosting service a remote points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    GitHub,
    GitLab,
    Bitbucket,
}

/// A remote's web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub host: Host,
    /// `https://github.com/owner/repo`
    pub base: String,
}

/// The web address of a remote URL, when it is on a known host.
pub fn parse_remote(url: &str) -> Option<Remote> {
    let url = url.trim();
    let (host, path, keep_port) = if let Some((scheme, rest)) = url.split_once("://") {
        let rest = rest.split_once('@').map_or(rest, |(_, r)| r);
        let (hostport, path) = rest.split_once('/')?;
        let web = matches!(scheme, "http" | "https");
        (hostport, path, web)
    } else {
        // scp-like: [user@]host:path
        let rest = url.split_once('@').map_or(url, |(_, r)| r);
        let (host, path) = rest.split_once(':')?;
        if host.contains('/') {
            return None;
        }
        (host, path, false)
    };
    let host_only = host.split(':').next().unwrap_or(host);
    let hostname = if keep_port { host } else { host_only };
    let lower = host_only.to_ascii_lowercase();
    let kind = if lower.contains("github") {
        Host::GitHub
    } else if lower.contains("gitlab") {
        Host::GitLab
    } else if lower.contains("bitbucket") {
        Host::Bitbucket
    } else {
        return None;
    };
    let path = path.trim_matches('/');
    let path = path
        .strip_suffix(".git")
        .unwrap_or(path)
        .trim_end_matches('/');
    if path.is_empty() || !path.contains('/') {
        return None;
    }
    Some(Remote {
        host: kind,
        base: format!("https://{hostname}/{path}"),
    })
}

impl Remote {
    /// What changed from `from` to `to` (tags or `HEAD`).
    pub fn compare(&self, from: &str, to: &str) -> String {
        match self.host {
            Host::GitHub => format!("{}/compare/{from}...{to}", self.base),
            Host::GitLab => format!("{}/-/compare/{from}...{to}", self.base),
            Host::Bitbucket => format!("{}/branches/compare/{to}%0D{from}", self.base),
        }
    }

    /// The page of one tag (a first release has nothing to compare with).
    pub fn tag(&self, tag: &str) -> String {
        match self.host {
            Host::GitHub => format!("{}/releases/tag/{tag}", self.base),
            Host::GitLab => format!("{}/-/tags/{tag}", self.base),
            Host::Bitbucket => format!("{}/src/{tag}", self.base),
        }
    }

    /// Issue link template (`{id}` = the number).
    pub fn issues(&self) -> String {
        match self.host {
            Host::GitHub | Host::Bitbucket => format!("{}/issues/{{id}}", self.base),
            Host::GitLab => format!("{}/-/issues/{{id}}", self.base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_url_form_of_the_three_hosts() {
        let cases = [
            (
                "https://github.com/o/r.git",
                Host::GitHub,
                "https://github.com/o/r",
            ),
            (
                "git@github.com:o/r.git",
                Host::GitHub,
                "https://github.com/o/r",
            ),
            (
                "ssh://git@github.com/o/r",
                Host::GitHub,
                "https://github.com/o/r",
            ),
            (
                "https://gitlab.com/g/sub/r.git",
                Host::GitLab,
                "https://gitlab.com/g/sub/r",
            ),
            (
                "git@gitlab.com:g/r.git",
                Host::GitLab,
                "https://gitlab.com/g/r",
            ),
            (
                "ssh://git@gitlab.example.com:2222/g/r.git",
                Host::GitLab,
                "https://gitlab.example.com/g/r",
            ),
            (
                "https://me@bitbucket.org/o/r.git",
                Host::Bitbucket,
                "https://bitbucket.org/o/r",
            ),
            (
                "git@bitbucket.org:o/r.git",
                Host::Bitbucket,
                "https://bitbucket.org/o/r",
            ),
        ];
        for (url, host, base) in cases {
            let r = parse_remote(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((r.host, r.base.as_str()), (host, base), "{url}");
        }
        assert_eq!(parse_remote("/srv/git/r.git"), None);
        assert_eq!(parse_remote("https://example.org/o/r"), None);
    }

    #[test]
    fn compare_links() {
        let gh = parse_remote("git@github.com:o/r.git").unwrap();
        assert_eq!(
            gh.compare("v2.0.0", "v2.1.0"),
            "https://github.com/o/r/compare/v2.0.0...v2.1.0"
        );
        let gl = parse_remote("https://gitlab.com/o/r").unwrap();
        assert_eq!(
            gl.compare("v2.1.0", "HEAD"),
            "https://gitlab.com/o/r/-/compare/v2.1.0...HEAD"
        );
        let bb = parse_remote("git@bitbucket.org:o/r.git").unwrap();
        assert_eq!(
            bb.compare("v1", "v2"),
            "https://bitbucket.org/o/r/branches/compare/v2%0Dv1"
        );
        assert_eq!(
            gh.tag("v1.0.0"),
            "https://github.com/o/r/releases/tag/v1.0.0"
        );
    }
}
