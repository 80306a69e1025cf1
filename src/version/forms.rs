//! One logical version, each ecosystem's spelling: `1.2.0-rc.1` (SemVer, npm, Cargo), `1.2.0rc1`
//! (PEP 440, Python packaging) and `1.2.0-rc.1` as an OCI image tag (no `+`).
//!
//! The model is deliberately small: a release `X.Y.Z`, an optional alpha/beta/rc pre-release
//! with a number, an optional dev number and optional build metadata. Anything outside it
//! (`1.2`, `1.2.3.4`, `.post1`, `-SNAPSHOT`, `-beta.2.exp`) does not parse, so a caller never
//! respells a version it does not understand. The table is in `docs/version-forms.md`.

use std::fmt;

/// A pre-release label. A final release has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PreLabel {
    Alpha,
    Beta,
    Rc,
}

impl PreLabel {
    fn semver(self) -> &'static str {
        match self {
            PreLabel::Alpha => "alpha",
            PreLabel::Beta => "beta",
            PreLabel::Rc => "rc",
        }
    }

    fn pep440(self) -> &'static str {
        match self {
            PreLabel::Alpha => "a",
            PreLabel::Beta => "b",
            PreLabel::Rc => "rc",
        }
    }
}

/// How a version is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// SemVer 2.0: `1.2.0-rc.1`, `1.2.0-rc.1.dev.2`, `1.2.0+build.5`.
    SemVer,
    /// PEP 440, normalized: `1.2.0rc1`, `1.2.0rc1.dev2`, `1.2.0+build.5`.
    Pep440,
    /// An OCI image tag (`[A-Za-z0-9_][A-Za-z0-9_.-]*`): SemVer with `+` spelled `_`.
    Docker,
}

/// A version in the shared model.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Semantic {
    /// PEP 440 epoch (`1!2.0.0`); 0 when none. SemVer has no spelling for it.
    pub epoch: u64,
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Option<(PreLabel, u64)>,
    /// PEP 440 post-release (`1.2.0.post1`). SemVer has no spelling for it.
    pub post: Option<u64>,
    pub dev: Option<u64>,
    /// SemVer build metadata / PEP 440 local version, without the `+`.
    pub build: Option<String>,
}

/// A cursor over the version text.
struct Cur<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// A decimal number without leading zeros (`0` itself is fine).
    fn number(&mut self) -> Option<u64> {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.s[start..self.i];
        if digits.is_empty() || (digits.len() > 1 && digits[0] == b'0') {
            self.i = start;
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    }

    /// An optional separator (`.`, `-`, `_`) followed by one of `words` (case-insensitive,
    /// longest first); the cursor moves only on success.
    fn word<T: Copy>(&mut self, words: &[(&str, T)]) -> Option<T> {
        let start = self.i;
        if matches!(self.peek(), Some(b'.' | b'-' | b'_')) {
            self.i += 1;
        }
        for (w, v) in words {
            let end = self.i + w.len();
            if end <= self.s.len() && self.s[self.i..end].eq_ignore_ascii_case(w.as_bytes()) {
                // the word must end here: `rc1`, `rc.1`, `rc` but not `rcx`
                if !self.s.get(end).is_some_and(u8::is_ascii_alphabetic) {
                    self.i = end;
                    return Some(*v);
                }
            }
        }
        self.i = start;
        None
    }

    /// The number after a label: `rc1`, `rc.1`, `rc-1`, or none (implicitly 0, as PEP 440).
    fn label_number(&mut self) -> Option<u64> {
        let start = self.i;
        if matches!(self.peek(), Some(b'.' | b'-' | b'_')) {
            self.i += 1;
        }
        match self.number() {
            Some(n) => Some(n),
            None if self.peek().is_some_and(|b| b.is_ascii_digit()) => None,
            None => {
                self.i = start;
                Some(0)
            }
        }
    }
}

const PRE_WORDS: &[(&str, PreLabel)] = &[
    ("preview", PreLabel::Rc),
    ("alpha", PreLabel::Alpha),
    ("beta", PreLabel::Beta),
    ("pre", PreLabel::Rc),
    ("rc", PreLabel::Rc),
    ("a", PreLabel::Alpha),
    ("b", PreLabel::Beta),
    ("c", PreLabel::Rc),
];

/// SemVer build identifiers that also have a PEP 440 local-version spelling: dot-separated,
/// alphanumeric pieces joined by single hyphens (`exp-7`), since PEP 440 spells `-` as `.` and
/// has no empty segment (`exp-` or `a--b` would become `exp.` or `a..b`).
fn valid_build(b: &str) -> bool {
    !b.is_empty()
        && b.split(['.', '-'])
            .all(|id| !id.is_empty() && id.bytes().all(|c| c.is_ascii_alphanumeric()))
}

impl Semantic {
    /// Parse any of the spellings this model covers (see `docs/version-forms.md`):
    /// `1.2.0-rc.1`, `1.2.0rc1`, `v1.2.0-rc.1`, `1.2.0-alpha.3`, `1.2.0a3`, `1.2.0b2`,
    /// `1.2.0.dev3`, `1.2.0-dev.3`, `1.2.0rc1.dev2`, `1.2.0+build.5`, `1.2.0_build.5` (an OCI
    /// tag; an `_` that reads as a PEP 440 separator, as in `1.2.0_b1`, is one). Post-releases (`1.2.0.post1`) and other pre-release words return `None`: SemVer
    /// has no spelling for them that sorts the same way.
    pub fn parse_any(s: &str) -> Option<Semantic> {
        Semantic::parse_pep440(s).filter(|v| v.epoch == 0 && v.post.is_none())
    }

    /// [`parse_any`](Self::parse_any), plus what only PEP 440 spells: an epoch (`1!2.0.0`) and a
    /// post-release (`2.0.0.post1`, `2.0.0post1`, `2.0.0-post.1`: the schemes' own spelling).
    pub fn parse_pep440(s: &str) -> Option<Semantic> {
        let s = s.trim();
        let s = s
            .strip_prefix('v')
            .or_else(|| s.strip_prefix('V'))
            .unwrap_or(s);
        let mut c = Cur {
            s: s.as_bytes(),
            i: 0,
        };
        let mut epoch = 0;
        if let Some(bang) = s.find('!') {
            epoch = c.number()?;
            (c.i == bang).then_some(())?;
            c.i += 1;
        }
        let major = c.number()?;
        c.eat(b'.').then_some(())?;
        let minor = c.number()?;
        c.eat(b'.').then_some(())?;
        let patch = c.number()?;
        let pre = match c.word(PRE_WORDS) {
            Some(label) => Some((label, c.label_number()?)),
            None => None,
        };
        let post = match c.word(&[("post", ())]) {
            Some(()) => Some(c.label_number()?),
            None => None,
        };
        let dev = match c.word(&[("dev", ())]) {
            Some(()) => Some(c.label_number()?),
            None => None,
        };
        let plus = c.peek() == Some(b'+');
        let build = match c.peek() {
            None => None,
            Some(b'+' | b'_') => {
                let rest = &s[c.i + 1..];
                valid_build(rest).then_some(())?;
                Some(rest.to_string())
            }
            Some(_) => return None,
        };
        let v = Semantic {
            epoch,
            major,
            minor,
            patch,
            pre,
            post,
            dev,
            build,
        };
        // the OCI-tag spelling (`_` for `+`) must read back as the same version: `+alpha.3`
        // would come back as the pre-release `-alpha.3`, so such build metadata is not modelled
        if plus && Semantic::parse_pep440(&v.render(Form::Docker)).as_ref() != Some(&v) {
            return None;
        }
        Some(v)
    }

    /// Spell this version in `form`.
    pub fn render(&self, form: Form) -> String {
        let mut out = String::new();
        if self.epoch != 0 {
            out.push_str(&format!("{}!", self.epoch));
        }
        out.push_str(&format!("{}.{}.{}", self.major, self.minor, self.patch));
        match form {
            // an epoch or post-release has no SemVer meaning: written as the schemes read them
            Form::SemVer | Form::Docker => {
                let mut ids = Vec::new();
                if let Some((label, n)) = self.pre {
                    ids.push(format!("{}.{n}", label.semver()));
                }
                if let Some(n) = self.post {
                    ids.push(format!("post.{n}"));
                }
                if let Some(n) = self.dev {
                    ids.push(format!("dev.{n}"));
                }
                if !ids.is_empty() {
                    out.push('-');
                    out.push_str(&ids.join("."));
                }
                if let Some(b) = &self.build {
                    out.push(if form == Form::Docker { '_' } else { '+' });
                    out.push_str(b);
                }
            }
            Form::Pep440 => {
                if let Some((label, n)) = self.pre {
                    out.push_str(&format!("{}{n}", label.pep440()));
                }
                if let Some(n) = self.post {
                    out.push_str(&format!(".post{n}"));
                }
                if let Some(n) = self.dev {
                    out.push_str(&format!(".dev{n}"));
                }
                if let Some(b) = &self.build {
                    out.push('+');
                    out.push_str(&b.to_ascii_lowercase().replace('-', "."));
                }
            }
        }
        out
    }

    /// Every distinct spelling of this version, SemVer first.
    pub fn spellings(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(3);
        for f in [Form::SemVer, Form::Pep440, Form::Docker] {
            let s = self.render(f);
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

impl fmt::Display for Semantic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Form::SemVer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Semantic {
        Semantic::parse_any(s).unwrap_or_else(|| panic!("`{s}` should parse"))
    }

    #[test]
    fn rc_spellings_parse_equal() {
        let a = p("1.2.0-rc.1");
        assert_eq!(a, p("1.2.0rc1"));
        assert_eq!(a, p("v1.2.0-rc.1"));
        assert_eq!(a, p("1.2.0-rc1"));
        assert_eq!(a, p("1.2.0.rc1"));
        assert_eq!(a, p("1.2.0RC1"));
        assert_eq!(a, p("1.2.0c1"));
        assert_eq!(a.pre, Some((PreLabel::Rc, 1)));
    }

    #[test]
    fn semver_and_pep440_round_trip() {
        let table = [
            ("1.2.0", "1.2.0", "1.2.0"),
            ("1.2.0-alpha.3", "1.2.0a3", "1.2.0-alpha.3"),
            ("1.2.0-beta.2", "1.2.0b2", "1.2.0-beta.2"),
            ("1.2.0-rc.1", "1.2.0rc1", "1.2.0-rc.1"),
            ("1.2.0-dev.3", "1.2.0.dev3", "1.2.0-dev.3"),
            ("1.2.0-rc.1.dev.2", "1.2.0rc1.dev2", "1.2.0-rc.1.dev.2"),
            ("1.2.0+build.5", "1.2.0+build.5", "1.2.0_build.5"),
            ("10.0.12-beta.0+abc", "10.0.12b0+abc", "10.0.12-beta.0_abc"),
        ];
        for (semver, pep, docker) in table {
            let v = p(semver);
            assert_eq!(v.render(Form::SemVer), semver);
            assert_eq!(v.render(Form::Pep440), pep);
            assert_eq!(v.render(Form::Docker), docker);
            assert_eq!(p(pep), v, "{pep}");
            assert_eq!(p(docker), v, "{docker}");
        }
    }

    #[test]
    fn pep440_alternate_spellings() {
        assert_eq!(p("1.2.0a3"), p("1.2.0-alpha.3"));
        assert_eq!(p("1.2.0alpha3"), p("1.2.0a3"));
        assert_eq!(p("1.2.0b2"), p("1.2.0-beta.2"));
        assert_eq!(p("1.2.0.dev3"), p("1.2.0-dev.3"));
        assert_eq!(p("1.2.0dev3"), p("1.2.0.dev3"));
        assert_eq!(p("1.2.0rc").pre, Some((PreLabel::Rc, 0)));
        assert_eq!(p("1.2.0.dev").dev, Some(0));
    }

    #[test]
    fn pep440_local_version_is_lowercased_and_dotted() {
        let v = p("1.2.0+Build-5");
        assert_eq!(v.render(Form::SemVer), "1.2.0+Build-5");
        assert_eq!(v.render(Form::Pep440), "1.2.0+build.5");
    }

    #[test]
    fn outside_the_model_does_not_parse() {
        for s in [
            "",
            "1.2",
            "1.2.3.4",
            "1.2.0.post1",
            "1.2.0-SNAPSHOT",
            "1.2.0-beta.2.exp",
            "01.2.3",
            "1.2.3-rcx",
            "1.2.3+",
            "1.2.3+a..b",
            "2024.01.05",
            "x1.2.3",
        ] {
            assert_eq!(Semantic::parse_any(s), None, "{s}");
        }
    }

    #[test]
    fn build_metadata_without_a_pep440_spelling_does_not_parse() {
        // found by fuzzing: `+uild.5.0-` is SemVer, but its PEP 440 spelling `+uild.5.0.` is
        // not a version at all, so the model must not accept it
        for s in ["1.2.0+uild.5.0-", "1.2.0+-x", "1.2.0+a--b", "1.2.0+a-.b"] {
            assert_eq!(Semantic::parse_any(s), None, "{s}");
        }
        assert_eq!(
            p("1.2.0+exp-7.a-b-c").render(Form::Pep440),
            "1.2.0+exp.7.a.b.c"
        );
        // and build metadata whose OCI-tag spelling reads as a pre-release or dev label
        for s in ["1.2.0+alpha.3", "1.2.0+dev.1", "1.2.0-rc.1+dev"] {
            assert_eq!(Semantic::parse_any(s), None, "{s}");
        }
        assert_eq!(
            p("1.2.0-rc.1+alpha.3").render(Form::Docker),
            "1.2.0-rc.1_alpha.3"
        );
    }

    #[test]
    fn spellings_are_distinct() {
        assert_eq!(p("1.2.3").spellings(), vec!["1.2.3"]);
        assert_eq!(p("1.2.3rc1").spellings(), vec!["1.2.3-rc.1", "1.2.3rc1"]);
        assert_eq!(p("1.2.3+g1").spellings(), vec!["1.2.3+g1", "1.2.3_g1"]);
    }

    #[test]
    fn underscore_reads_as_a_pep440_separator_before_build() {
        // `_b1` is PEP 440's beta 1, not OCI-tag build metadata `b1`
        assert_eq!(p("1.2.3_b1").pre, Some((PreLabel::Beta, 1)));
        assert_eq!(p("1.2.3_build1").build.as_deref(), Some("build1"));
    }
}
