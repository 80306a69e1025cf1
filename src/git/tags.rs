//! Release tags: which tags name a release under the `tag_name` template, the version each one
//! names, and the tag a version gets. One rule, used by `bump check --tag`, the changelog, the
//! release and the SCM facts (`distance_to_latest_tag`, `current_tag`).
//!
//! The rule: a tag is a release when it is the template's prefix, a version, then its suffix,
//! where the version is what the parse pattern matches whole or, under a `scheme`, a spelling of
//! a version the scheme reads; and a `v` right before the version is optional either way, since
//! people push `v0.2.0` and `0.2.0` for the same release (`v{new_version}` takes `0.2.0`,
//! `{new_version}` takes `v0.2.0`, `cli-v{new_version}` takes `cli-2.0.0`). The current version
//! read from `git describe` when the config has none stays bump-my-version's
//! ([`described_version`]).

use std::cmp::Ordering;

use super::Repo;
use crate::error::Result;
use crate::python::re;
use crate::template::{self, Context};
use crate::version::scheme::{self, Scheme};
use crate::version::{PreLabel, Semantic, VersionFormat};

/// The glob `git describe --match` gets, as bump-my-version makes it: every `{new_version}` as
/// `*`.
pub fn describe_glob(tag_name: &str) -> String {
    tag_name.replace("{new_version}", "*")
}

/// A `tag_name` template split around its (first) `{new_version}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagTemplate {
    prefix: String,
    suffix: String,
}

impl TagTemplate {
    /// `None` when the template has no `{new_version}`: then no tag names a version.
    pub fn new(tag_name: &str) -> Option<TagTemplate> {
        let (prefix, suffix) = tag_name.split_once("{new_version}")?;
        Some(TagTemplate {
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        })
    }

    /// The prefix with its `v` before the version toggled: `v` → ``, `cli-` → `cli-v`.
    fn toggled_prefix(&self) -> String {
        match self.prefix.strip_suffix('v') {
            Some(p) => p.to_string(),
            None => format!("{}v", self.prefix),
        }
    }

    /// What may stand for `{new_version}` in `tag`, most literal first: the text between the
    /// prefix and the suffix, then between the prefix with its `v` toggled and the suffix.
    fn candidates<'t>(&self, tag: &'t str) -> impl Iterator<Item = &'t str> {
        let toggled = self.between(tag, &self.toggled_prefix());
        self.literal(tag)
            .into_iter()
            .chain(toggled.filter(|v| !v.is_empty()))
    }

    /// The text between the prefix as written and the suffix.
    fn literal<'t>(&self, tag: &'t str) -> Option<&'t str> {
        self.between(tag, &self.prefix).filter(|v| !v.is_empty())
    }

    fn between<'t>(&self, tag: &'t str, prefix: &str) -> Option<&'t str> {
        tag.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(self.suffix.as_str()))
    }

    /// How much of a tag the template fixes (its prefix and suffix): among several templates
    /// that take a tag, the one that fixes most is the tag's.
    pub fn specificity(&self) -> usize {
        self.prefix.len() + self.suffix.len()
    }

    /// The `git log --tags=GLOB` patterns that take every tag of the template, with and
    /// without the `v` (`None` when the prefix or suffix hold glob signs or other template
    /// fields, which a glob cannot say).
    pub fn log_globs(&self) -> Option<[String; 2]> {
        let special = |s: &str| s.contains(['*', '?', '[', ']', '\\', '{', '}']);
        if special(&self.prefix) || special(&self.suffix) {
            return None;
        }
        Some([
            format!("{}*{}", self.prefix, self.suffix),
            format!("{}*{}", self.toggled_prefix(), self.suffix),
        ])
    }
}

/// The version bump-my-version reads from the tag `git describe --match` found (the parse
/// pattern, not in verbose mode, searched for after the template's prefix; else the tag without
/// its leading `v`s). Kept byte for byte because it becomes `current_version` when the config has
/// none; for a release tag it is the version [`ReleaseTags::version`] names (a unit test holds
/// the two together).
pub fn described_version(tag_name: &str, tag: &str, parse: &str) -> String {
    search_parse(tag_name, tag, parse).unwrap_or_else(|| tag.trim_start_matches('v').to_string())
}

fn search_parse(tag_name: &str, tag: &str, parse: &str) -> Option<String> {
    let pattern = parse.replace("\\\\", "\\");
    let (flags, body) = match pattern.strip_prefix("(?") {
        Some(rest)
            if rest
                .find(')')
                .is_some_and(|k| k > 0 && rest[..k].chars().all(|c| "aiLmsux".contains(c))) =>
        {
            let k = rest.find(')').unwrap_or(0);
            (format!("(?{})", &rest[..k]), rest[k + 1..].to_string())
        }
        _ => (String::new(), pattern.clone()),
    };
    let prefix = tag_name.split("{new_version}").next().unwrap_or("");
    let full = format!(
        "{flags}{}(?P<current_version>{body})",
        regex::escape(prefix)
    );
    let compiled = re::compile(&full, re::Flags::default()).ok()?;
    let caps = compiled.captures(tag)?;
    caps.name("current_version").map(|m| m.as_str().to_string())
}

/// A tag that marks a release.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReleaseTag {
    pub name: String,
    pub commit: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The version the tag names, as the tag spells it (`v2.1.0` → `2.1.0`).
    pub version: String,
}

impl ReleaseTag {
    /// A final release: no pre-release or dev part.
    pub fn is_final(&self) -> bool {
        is_final(&self.version)
    }
}

/// Whether a version is a final release (no pre-release or dev part), when it reads as one.
pub fn is_final(version: &str) -> bool {
    Semantic::parse_any(version).is_none_or(|v| v.pre.is_none() && v.dev.is_none())
}

/// Order versions as releases, by precedence: a pre-release before its release, in any spelling
/// the version model knows (`3.0.0a1 < 3.0.0-beta.1 < 3.0.0rc3 < 3.0.0`; a PEP 440 dev release
/// before its pre-releases), numerically part by part otherwise.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    vkey(a).cmp(&vkey(b))
}

/// What follows `X.Y.Z` in a version, in precedence order.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tail<'a> {
    /// `1.2.0.dev3`: before every pre-release of 1.2.0 (PEP 440).
    Dev(u64),
    /// `1.2.0rc1`, `1.2.0-rc.1.dev.2` (the dev release before its pre-release).
    /// (label, number, no dev part, dev number): a dev release before its pre-release.
    Pre(PreLabel, u64, bool, u64),
    /// A pre-release the model does not know (`-SNAPSHOT`), by its text.
    Other(&'a str),
    Final,
}

fn vkey(v: &str) -> (Vec<u64>, Tail<'_>) {
    if let Some(s) = Semantic::parse_any(v) {
        let tail = match (s.pre, s.dev) {
            (None, Some(d)) => Tail::Dev(d),
            (Some((l, n)), d) => Tail::Pre(l, n, d.is_none(), d.unwrap_or(0)),
            (None, None) => Tail::Final,
        };
        return (vec![s.major, s.minor, s.patch], tail);
    }
    let v = v.strip_prefix('v').unwrap_or(v);
    let (core, pre) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i + 1..]),
        None => (v, ""),
    };
    let nums = core
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0))
        .collect();
    (
        nums,
        if pre.is_empty() {
            Tail::Final
        } else {
            Tail::Other(pre)
        },
    )
}

/// One release's identity: PEP 440 and SemVer spellings of a version (`1.0.0rc1`,
/// `1.0.0-rc.1`) are the same release.
pub fn same_release(a: &str, b: &str) -> bool {
    match (Semantic::parse_any(a), Semantic::parse_any(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// The tags of a repository as releases: [`ReleaseTags::survey`].
#[derive(Debug, Clone, Default)]
pub struct TagSurvey {
    /// One tag per release, newest version first.
    pub releases: Vec<ReleaseTag>,
    /// Tags of the template's shape whose version the config does not read: no releases.
    pub not_releases: Vec<String>,
    /// (tag, the release tag that stands for it): another spelling of a release, or an older
    /// release on the commit of a newer one.
    pub shadowed: Vec<(String, String)>,
}

/// The release tags of one configuration: its `tag_name` template, read with its parse pattern
/// and scheme.
#[derive(Debug, Clone)]
pub struct ReleaseTags<'a> {
    tag_name: &'a str,
    template: Option<TagTemplate>,
    format: &'a VersionFormat,
    scheme: Option<Scheme>,
}

impl<'a> ReleaseTags<'a> {
    pub fn new(tag_name: &'a str, format: &'a VersionFormat, scheme: Option<Scheme>) -> Self {
        ReleaseTags {
            tag_name,
            template: TagTemplate::new(tag_name),
            format,
            scheme,
        }
    }

    /// The template (`None`: `tag_name` has no `{new_version}`, so no tag is a release).
    pub fn template(&self) -> Option<&TagTemplate> {
        self.template.as_ref()
    }

    /// The version `tag` names, as the tag spells it; `None` when it is no release tag.
    pub fn version<'t>(&self, tag: &'t str) -> Option<&'t str> {
        self.template
            .as_ref()?
            .candidates(tag)
            .find(|v| self.is_version(v))
    }

    /// What stands where the version belongs in a tag of the template's shape that names no
    /// version the config reads (`v0.2.0-rc.1` under an `X.Y.Z` pattern): for a message.
    pub fn unreadable<'t>(&self, tag: &'t str) -> Option<&'t str> {
        self.template
            .as_ref()?
            .candidates(tag)
            .find(|v| v.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// Does the parse pattern read `v` whole (under a scheme: any spelling of it)?
    fn is_version(&self, v: &str) -> bool {
        if self.format.parse_whole(v).is_ok() {
            return true;
        }
        self.scheme.is_some()
            && v.starts_with(|c: char| c.is_ascii_digit())
            && scheme::canonical(v).is_some_and(|c| self.format.parse_whole(&c).is_ok())
    }

    /// The spelling versions are ordered by: the scheme's canonical one, under a scheme.
    fn order_key(&self, v: &str) -> String {
        self.scheme
            .and_then(|_| scheme::canonical(v))
            .unwrap_or_else(|| v.to_string())
    }

    /// Order two versions these tags name as releases.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        compare_versions(&self.order_key(a), &self.order_key(b))
    }

    /// Every release tag of the repository (reachable from HEAD or not), newest version first.
    pub fn list(&self, repo: &Repo) -> Result<Vec<ReleaseTag>> {
        Ok(self.survey(repo)?.releases)
    }

    /// Every tag of the repository, sorted out: the releases (newest version first), one per
    /// release and commit, and the tags that are not releases.
    pub fn survey(&self, repo: &Repo) -> Result<TagSurvey> {
        let mut survey = TagSurvey::default();
        let mut tags: Vec<(String, ReleaseTag)> = Vec::new();
        for t in repo.tags()? {
            let Some(version) = self.version(&t.name).map(str::to_string) else {
                if self.unreadable(&t.name).is_some() {
                    survey.not_releases.push(t.name);
                }
                continue;
            };
            let tag = ReleaseTag {
                name: t.name,
                commit: t.commit,
                date: t.date,
                version,
            };
            tags.push((self.order_key(&tag.version), tag));
        }
        tags.sort_by(|a, b| {
            compare_versions(&b.0, &a.0)
                .then_with(|| self.spelling(&b.1).cmp(&self.spelling(&a.1)))
                .then_with(|| a.1.name.cmp(&b.1.name))
        });
        let mut commits: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (_, t) in tags {
            if let Some(kept) = survey
                .releases
                .last()
                .filter(|k| same_release(&k.version, &t.version))
            {
                survey.shadowed.push((t.name, kept.name.clone()));
            } else if !commits.insert(t.commit.clone()) {
                // several tags on one commit: the newest release holds its commits
                let kept = survey.releases.iter().find(|k| k.commit == t.commit);
                let kept = kept.map(|k| k.name.clone()).unwrap_or_default();
                survey.shadowed.push((t.name, kept));
            } else {
                survey.releases.push(t);
            }
        }
        Ok(survey)
    }

    /// Order two release tags: by version, then (two spellings of one release) the config's
    /// spelling last, i.e. greatest.
    pub fn precedence(&self, a: &ReleaseTag, b: &ReleaseTag) -> Ordering {
        self.compare(&a.version, &b.version)
            .then_with(|| self.spelling(a).cmp(&self.spelling(b)))
            .then_with(|| b.name.cmp(&a.name))
    }

    /// How much a tag spells its release the config's way: the template's prefix as written,
    /// in the scheme's own form, the version as the parse pattern reads it.
    fn spelling(&self, t: &ReleaseTag) -> (bool, bool, bool) {
        let read = self.format.parse_whole(&t.version).is_ok();
        let form = self
            .scheme
            .is_none_or(|s| scheme::respell(&t.version, s.form()) == t.version);
        (self.is_literal(&t.name), form, read)
    }

    /// Whether `tag` spells the template's prefix as written (not with its `v` toggled).
    fn is_literal(&self, tag: &str) -> bool {
        self.template
            .as_ref()
            .and_then(|t| t.literal(tag))
            .is_some_and(|v| self.is_version(v))
    }

    /// The tag `version` gets: the template rendered with `ctx` and `new_version`.
    pub fn name(&self, version: &str, ctx: &Context) -> Result<String> {
        let mut ctx = ctx.clone();
        ctx.set_str("new_version", version);
        template::render(self.tag_name, &ctx)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::version::{Part, PartSpec, VersionSpec};

    const XYZ: &str = r"(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)";

    fn format(parse: &str) -> VersionFormat {
        let parts = ["major", "minor", "patch"]
            .iter()
            .map(|n| Part::new(n, &PartSpec::default()).unwrap())
            .collect();
        let spec = Arc::new(VersionSpec::new(parts));
        VersionFormat::new(parse, vec!["{major}.{minor}.{patch}".into()], spec).unwrap()
    }

    fn version(tag: &str, tag_name: &str) -> Option<String> {
        let f = format(XYZ);
        ReleaseTags::new(tag_name, &f, None)
            .version(tag)
            .map(str::to_string)
    }

    #[test]
    fn the_template_prefix_and_suffix_are_literal() {
        assert_eq!(
            version("v1.2.3", "v{new_version}").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(
            version("cli-v2.0.0", "cli-v{new_version}").as_deref(),
            Some("2.0.0")
        );
        assert_eq!(
            version("rel/1.2.3-final", "rel/{new_version}-final").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(version("sdk-v2.0.0", "cli-v{new_version}"), None);
        assert_eq!(version("pkg-1.2.3", "v{new_version}"), None);
        assert_eq!(version("fixed", "fixed"), None);
    }

    #[test]
    fn a_v_right_before_the_version_is_optional_either_way() {
        assert_eq!(version("v1.2.3", "{new_version}").as_deref(), Some("1.2.3"));
        assert_eq!(version("1.2.3", "{new_version}").as_deref(), Some("1.2.3"));
        assert_eq!(version("1.2.3", "v{new_version}").as_deref(), Some("1.2.3"));
        assert_eq!(
            version("cli-2.0.0", "cli-v{new_version}").as_deref(),
            Some("2.0.0")
        );
        assert_eq!(
            version("rel-v1.2.3", "rel-{new_version}").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(version("vv1.2.3", "{new_version}"), None);
        assert_eq!(version("cli-vv2.0.0", "cli-v{new_version}"), None);
    }

    #[test]
    fn the_version_is_read_whole() {
        assert_eq!(version("v1.2", "v{new_version}"), None);
        assert_eq!(version("v1.2.3-rc.1", "v{new_version}"), None);
        assert_eq!(version("v-docs-freeze", "v{new_version}"), None);
    }

    #[test]
    fn a_scheme_reads_any_spelling() {
        let f = format(scheme::PARSE);
        let semver = ReleaseTags::new("v{new_version}", &f, Some(Scheme::SemVer));
        assert_eq!(semver.version("v1.2.0-rc.1"), Some("1.2.0-rc.1"));
        assert_eq!(semver.version("v1.2.0rc1"), Some("1.2.0rc1"));
        assert_eq!(semver.version("vv1.2.0"), None);
        let plain = ReleaseTags::new("v{new_version}", &f, None);
        assert_eq!(plain.version("v1.2.0rc1"), None);
        assert_eq!(semver.compare("1.2.0rc1", "1.2.0"), Ordering::Less);
        assert_eq!(semver.compare("1.2.0rc2", "1.2.0-rc.1"), Ordering::Greater);
    }

    #[test]
    fn globs_for_describe_and_log() {
        assert_eq!(describe_glob("v{new_version}"), "v*");
        assert_eq!(describe_glob("cli-v{new_version}-x"), "cli-v*-x");
        let t = |s: &str| TagTemplate::new(s).unwrap();
        let globs = |s: &str| t(s).log_globs().map(|g| g.to_vec());
        assert_eq!(globs("v{new_version}"), Some(vec!["v*".into(), "*".into()]));
        assert_eq!(globs("{new_version}"), Some(vec!["*".into(), "v*".into()]));
        assert_eq!(
            globs("r/{new_version}-x"),
            Some(vec!["r/*-x".into(), "r/v*-x".into()])
        );
        assert_eq!(globs("[x]{new_version}"), None);
        assert_eq!(globs("{component}-{new_version}"), None);
        assert_eq!(t("cli-v{new_version}").specificity(), 5);
    }

    #[test]
    fn describe_reads_a_release_tag_as_the_release_rule_does() {
        for (tag, tag_name) in [
            ("v1.4.0", "v{new_version}"),
            ("cli-v2.0.0", "cli-v{new_version}"),
            ("1.4.0", "{new_version}"),
            ("v1.4.0", "{new_version}"),
            ("rel/1.2.3-final", "rel/{new_version}-final"),
        ] {
            let described = described_version(tag_name, tag, XYZ);
            assert_eq!(Some(described), version(tag, tag_name), "{tag}");
        }
        // any other tag the glob takes: bump-my-version's reading
        assert_eq!(
            described_version("v{new_version}", "v1.2.3-rc1", XYZ),
            "1.2.3"
        );
        assert_eq!(described_version("v{new_version}", "v-docs", XYZ), "-docs");
    }

    #[test]
    fn finals_and_order() {
        assert!(is_final("1.2.0") && is_final("1.2.0+build.1"));
        assert!(!is_final("1.2.0-rc.1") && !is_final("1.2.0rc1") && !is_final("1.2.0.dev1"));
        assert_eq!(compare_versions("1.2.0-rc.1", "1.2.0"), Ordering::Less);
        assert_eq!(compare_versions("1.10.0", "1.9.0"), Ordering::Greater);
    }

    #[test]
    fn precedence_knows_both_spellings() {
        let ordered = [
            "3.0.0.dev1",
            "3.0.0a1",
            "3.0.0-alpha.2",
            "3.0.0b1.dev2",
            "3.0.0b1",
            "3.0.0-rc.1",
            "3.0.0rc2",
            "3.0.0-SNAPSHOT",
            "3.0.0",
            "3.0.1a1",
            "3.10.0",
        ];
        for w in ordered.windows(2) {
            assert_eq!(compare_versions(w[0], w[1]), Ordering::Less, "{w:?}");
        }
        assert!(same_release("1.0.0rc1", "1.0.0-rc.1") && same_release("v1.0.0", "1.0.0"));
        assert!(!same_release("1.0.0rc1", "1.0.0rc2"));
    }
}
