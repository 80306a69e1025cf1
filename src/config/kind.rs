//! The kinds of file bump knows the structure of: their config names (`kind = "dockerfile"`),
//! how a file's name tells its kind, whose version spelling each uses, and the options a kind
//! takes. The locators themselves are `locate::kinds`'.

use std::path::Path;

use crate::version::Form;

/// A kind of file bump knows the structure of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Pyproject,
    SetupPy,
    SetupCfg,
    Python,
    PackageJson,
    NpmLock,
    Cargo,
    CargoLock,
    Dockerfile,
    CiEnv,
    Plain,
    HelmChart,
}

/// Whose version spelling a kind of file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecosystem {
    Python,
    Npm,
    Cargo,
    Docker,
    Other,
}

impl Ecosystem {
    /// The spelling this ecosystem expects; `None` for [`Ecosystem::Other`], whose files take
    /// the version as the configuration spells it.
    pub fn form(self) -> Option<Form> {
        match self {
            Ecosystem::Python => Some(Form::Pep440),
            Ecosystem::Npm | Ecosystem::Cargo => Some(Form::SemVer),
            Ecosystem::Docker => Some(Form::Docker),
            Ecosystem::Other => None,
        }
    }
}

const NAMES: [(Kind, &str); 12] = [
    (Kind::Pyproject, "pyproject"),
    (Kind::SetupPy, "setup-py"),
    (Kind::SetupCfg, "setup-cfg"),
    (Kind::Python, "python"),
    (Kind::PackageJson, "package-json"),
    (Kind::NpmLock, "npm-lock"),
    (Kind::Cargo, "cargo"),
    (Kind::CargoLock, "cargo-lock"),
    (Kind::Dockerfile, "dockerfile"),
    (Kind::CiEnv, "ci-env"),
    (Kind::Plain, "plain"),
    (Kind::HelmChart, "helm-chart"),
];

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 12] = [
        Kind::Pyproject,
        Kind::SetupPy,
        Kind::SetupCfg,
        Kind::Python,
        Kind::PackageJson,
        Kind::NpmLock,
        Kind::Cargo,
        Kind::CargoLock,
        Kind::Dockerfile,
        Kind::CiEnv,
        Kind::Plain,
        Kind::HelmChart,
    ];

    /// The kind named `name` in a config (`"package-json"`), exactly as [`Kind::name`] spells it.
    pub fn parse(name: &str) -> Option<Kind> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }

    /// The config name of this kind.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, n)| n)
    }

    /// The kind of a file, judged by its name (and, for CI files, its directory).
    pub fn detect(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?;
        let kind = match name {
            "pyproject.toml" => Kind::Pyproject,
            "setup.py" => Kind::SetupPy,
            "setup.cfg" => Kind::SetupCfg,
            "__init__.py" | "_version.py" | "__version__.py" | "__about__.py"
            | "__metadata__.py" | "version.py" | "conf.py" => Kind::Python,
            "package.json" => Kind::PackageJson,
            "package-lock.json" | "npm-shrinkwrap.json" => Kind::NpmLock,
            "Cargo.toml" => Kind::Cargo,
            "Cargo.lock" => Kind::CargoLock,
            "Dockerfile" | "Containerfile" => Kind::Dockerfile,
            ".gitlab-ci.yml" => Kind::CiEnv,
            "VERSION" | "version.txt" | "VERSION.txt" => Kind::Plain,
            "Chart.yaml" => Kind::HelmChart,
            _ if is_dockerfile_name(name) => Kind::Dockerfile,
            _ if is_workflow(path, name) => Kind::CiEnv,
            _ => return None,
        };
        Some(kind)
    }

    /// The ecosystem whose version spelling files of this kind use.
    pub fn ecosystem(self) -> Ecosystem {
        match self {
            Kind::Pyproject | Kind::SetupPy | Kind::SetupCfg | Kind::Python => Ecosystem::Python,
            Kind::PackageJson | Kind::NpmLock => Ecosystem::Npm,
            Kind::Cargo | Kind::CargoLock => Ecosystem::Cargo,
            Kind::Dockerfile => Ecosystem::Docker,
            Kind::CiEnv | Kind::Plain | Kind::HelmChart => Ecosystem::Other,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `*.dockerfile`, `Dockerfile.<variant>`, `Containerfile.<variant>`.
fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".dockerfile") && lower.len() > ".dockerfile".len())
        || ((name.starts_with("Dockerfile.") || name.starts_with("Containerfile."))
            && !lower.ends_with(".dockerignore"))
}

/// `.github/workflows/*.yml` or `*.yaml`.
fn is_workflow(path: &Path, name: &str) -> bool {
    if !(name.ends_with(".yml") || name.ends_with(".yaml")) {
        return false;
    }
    let mut dirs = path.parent().into_iter().flat_map(Path::components).rev();
    let dir = dirs.next().and_then(|c| c.as_os_str().to_str());
    let parent = dirs.next().and_then(|c| c.as_os_str().to_str());
    dir == Some("workflows") && parent == Some(".github")
}

/// What a locator may be told beyond the kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindOptions {
    /// `ci-env`: the keys holding the version (required). `dockerfile`: when given, the `ARG`
    /// and `ENV` names to locate instead of every name ending in `VERSION`.
    pub env: Vec<String>,
    /// `helm-chart`: which of `version` and `appVersion` to locate (default both).
    pub keys: Vec<String>,
    /// `cargo-lock`: the package whose entry holds the version (default: the package and
    /// workspace members named by the `Cargo.toml` beside the lock file).
    pub package: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.name()), Some(k));
        }
        assert_eq!(Kind::parse("Pyproject"), None);
        assert_eq!(Kind::parse("npm"), None);
    }

    #[test]
    fn detect_by_file_name() {
        let cases = [
            ("pyproject.toml", Some(Kind::Pyproject)),
            ("a/setup.py", Some(Kind::SetupPy)),
            ("setup.cfg", Some(Kind::SetupCfg)),
            ("src/pkg/__init__.py", Some(Kind::Python)),
            ("src/pkg/_version.py", Some(Kind::Python)),
            ("src/pkg/__about__.py", Some(Kind::Python)),
            ("src/pkg/__version__.py", Some(Kind::Python)),
            ("src/pkg/__metadata__.py", Some(Kind::Python)),
            ("docs/conf.py", Some(Kind::Python)),
            ("src/pkg/core.py", None),
            ("web/package.json", Some(Kind::PackageJson)),
            ("package-lock.json", Some(Kind::NpmLock)),
            ("npm-shrinkwrap.json", Some(Kind::NpmLock)),
            ("crates/x/Cargo.toml", Some(Kind::Cargo)),
            ("Cargo.lock", Some(Kind::CargoLock)),
            ("Dockerfile", Some(Kind::Dockerfile)),
            ("Containerfile", Some(Kind::Dockerfile)),
            ("docker/api.dockerfile", Some(Kind::Dockerfile)),
            ("Dockerfile.prod", Some(Kind::Dockerfile)),
            ("Dockerfile.dockerignore", None),
            (".dockerfile", None),
            (".github/workflows/ci.yml", Some(Kind::CiEnv)),
            (".github/workflows/release.yaml", Some(Kind::CiEnv)),
            (".github/dependabot.yml", None),
            ("workflows/ci.yml", None),
            (".gitlab-ci.yml", Some(Kind::CiEnv)),
            ("VERSION", Some(Kind::Plain)),
            ("version.txt", Some(Kind::Plain)),
            ("charts/app/Chart.yaml", Some(Kind::HelmChart)),
            ("values.yaml", None),
        ];
        for (p, k) in cases {
            assert_eq!(Kind::detect(Path::new(p)), k, "{p}");
        }
    }

    #[test]
    fn ecosystems_pick_forms() {
        assert_eq!(Kind::Pyproject.ecosystem().form(), Some(Form::Pep440));
        assert_eq!(Kind::NpmLock.ecosystem().form(), Some(Form::SemVer));
        assert_eq!(Kind::Dockerfile.ecosystem().form(), Some(Form::Docker));
        assert_eq!(Kind::Plain.ecosystem().form(), None);
    }
}
