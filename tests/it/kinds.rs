//! Each kind's locator on a fixture that looks like a real project file: it finds exactly the
//! expected version spans (never a dependency that shares the number), and replacing those spans
//! changes only the version bytes.

use std::path::{Path, PathBuf};

use bumpsmith::locate::kinds::{locate, Kind, KindOptions, Location};
use bumpsmith::Error;

fn fixture(rel: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kinds")
        .join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (path, text)
}

/// Locate, check the spans hold `version` at `expected` (line, what), then check a replacement.
fn check(kind: Kind, rel: &str, opts: &KindOptions, version: &str, expected: &[(usize, &str)]) {
    let (path, text) = fixture(rel);
    assert_eq!(Kind::detect(&path), Some(kind), "{rel} detects as {kind}");
    let found = locate(kind, &path, &text, opts).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let got: Vec<(usize, &str)> = found.iter().map(|l| (l.line, l.what.as_str())).collect();
    assert_eq!(got, expected, "{rel}: locations");
    for l in &found {
        assert_eq!(
            &text[l.start..l.end],
            version,
            "{rel}:{}: span text",
            l.line
        );
    }
    replace_changes_only_spans(kind, &path, &text, opts, &found, version);
}

fn splice(text: &str, spans: &[Location], with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for l in spans {
        out.push_str(&text[last..l.start]);
        out.push_str(with);
        last = l.end;
    }
    out.push_str(&text[last..]);
    out
}

fn replace_changes_only_spans(
    kind: Kind,
    path: &Path,
    text: &str,
    opts: &KindOptions,
    found: &[Location],
    version: &str,
) {
    let new_version = "10.20.30";
    let after = splice(text, found, new_version);
    // everything outside the spans is byte-identical
    let mut a = 0;
    let mut b = 0;
    for l in found {
        assert_eq!(&text[a..l.start], &after[b..b + (l.start - a)]);
        b += l.start - a + new_version.len();
        a = l.end;
    }
    assert_eq!(&text[a..], &after[b..]);
    // the old number survives exactly where it was not the project's version
    assert_eq!(
        after.matches(version).count(),
        text.matches(version).count() - found.len(),
    );
    // the file still reads, and the same places now hold the new version
    let again = locate(kind, path, &after, opts).unwrap();
    assert_eq!(again.len(), found.len());
    for (l, old) in again.iter().zip(found) {
        assert_eq!(&after[l.start..l.end], new_version);
        assert_eq!((l.line, &l.what), (old.line, &old.what));
    }
}

fn none() -> KindOptions {
    KindOptions::default()
}

#[test]
fn pyproject_pep621_not_the_pinned_dependency() {
    check(
        Kind::Pyproject,
        "pyproject/pyproject.toml",
        &none(),
        "1.4.0",
        &[(8, "[project] version")],
    );
}

#[test]
fn pyproject_dynamic_version_names_the_hatch_path() {
    let (path, text) = fixture("pyproject/dynamic/pyproject.toml");
    let err = locate(Kind::Pyproject, &path, &text, &none()).unwrap_err();
    assert!(matches!(err, Error::ConfigValue { .. }));
    assert!(
        err.to_string()
            .contains("hatch reads it from `src/acme_dyn/__about__.py`"),
        "{err}"
    );
}

#[test]
fn setup_py_keyword_not_docstring_or_requirements() {
    check(
        Kind::SetupPy,
        "setup-py/setup.py",
        &none(),
        "2.3.1",
        &[(15, "setup(version=...)")],
    );
}

#[test]
fn setup_cfg_with_crlf() {
    let (_, text) = fixture("setup-cfg/setup.cfg");
    assert!(
        text.contains("\r\n"),
        "the fixture keeps its CRLF line endings"
    );
    check(
        Kind::SetupCfg,
        "setup-cfg/setup.cfg",
        &none(),
        "3.0.0rc2",
        &[(3, "[metadata] version")],
    );
}

#[test]
fn python_module_dunder_version_only() {
    check(
        Kind::Python,
        "python/src/acme/__init__.py",
        &none(),
        "0.8.2",
        &[(13, "__version__")],
    );
}

#[test]
fn sphinx_conf_release() {
    let opts = none();
    let (path, text) = fixture("python/docs/conf.py");
    let found = locate(Kind::Python, &path, &text, &opts).unwrap();
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|l| (l.what.as_str(), &text[l.start..l.end]))
        .collect();
    assert_eq!(
        got,
        vec![("Sphinx version", "0.8"), ("Sphinx release", "0.8.2")]
    );
    assert!(bumpsmith::locate::kinds::incidental(
        Kind::Python,
        &opts,
        &found[0]
    ));
    assert!(!bumpsmith::locate::kinds::incidental(
        Kind::Python,
        &opts,
        &found[1]
    ));
}

#[test]
fn package_json_top_level_not_dependency_or_nested() {
    check(
        Kind::PackageJson,
        "package-json/package.json",
        &none(),
        "3.1.4",
        &[(3, "\"version\"")],
    );
}

#[test]
fn npm_lock_root_and_packages_root_not_dependency() {
    check(
        Kind::NpmLock,
        "npm-lock/package-lock.json",
        &none(),
        "3.1.4",
        &[(3, "\"version\""), (9, "packages[\"\"] \"version\"")],
    );
}

#[test]
fn cargo_package_not_dependencies() {
    check(
        Kind::Cargo,
        "cargo/Cargo.toml",
        &none(),
        "0.5.1",
        &[(3, "[package] version")],
    );
}

#[test]
fn cargo_lock_own_package_from_sibling_manifest() {
    check(
        Kind::CargoLock,
        "cargo-lock/Cargo.lock",
        &none(),
        "0.5.1",
        &[(7, "[[package]] `acme-cli` version")],
    );
}

#[test]
fn dockerfile_label_arg_env_not_base_image_versions() {
    let opts = none();
    check(
        Kind::Dockerfile,
        "dockerfile/Dockerfile",
        &KindOptions {
            env: vec!["APP_VERSION".into(), "ACME_VERSION".into()],
            ..none()
        },
        "4.2.0",
        &[
            (4, "ARG APP_VERSION"),
            (15, "LABEL org.opencontainers.image.version"),
            (17, "ENV ACME_VERSION"),
        ],
    );
    // by default only the image's own ARG/ENV (`APP_VERSION`, `ACME_VERSION` after the title
    // label) is located, marked incidental; a dependency's pin never
    let (path, text) = fixture("dockerfile/Dockerfile");
    let all = locate(Kind::Dockerfile, &path, &text, &opts).unwrap();
    let got: Vec<(&str, &str, bool)> = all
        .iter()
        .map(|l| {
            (
                l.what.as_str(),
                &text[l.start..l.end],
                bumpsmith::locate::kinds::incidental(Kind::Dockerfile, &opts, l),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("ARG APP_VERSION", "4.2.0", true),
            ("LABEL org.opencontainers.image.version", "4.2.0", false),
            ("ENV ACME_VERSION", "4.2.0", true),
        ]
    );
}

#[test]
fn ci_env_named_keys_not_block_scalars() {
    check(
        Kind::CiEnv,
        "ci-env/.github/workflows/ci.yml",
        &KindOptions {
            env: vec!["FFI_VERSION".into()],
            ..none()
        },
        "0.2.0",
        &[
            (9, "env FFI_VERSION"),
            (16, "env FFI_VERSION"),
            (25, "env FFI_VERSION"),
        ],
    );
}

#[test]
fn plain_version_file() {
    check(
        Kind::Plain,
        "plain/VERSION",
        &none(),
        "2.0.0-beta.3",
        &[(1, "contents")],
    );
}

#[test]
fn helm_chart_app_version_not_dependency() {
    check(
        Kind::HelmChart,
        "helm-chart/Chart.yaml",
        &KindOptions {
            keys: vec!["appVersion".into()],
            ..none()
        },
        "1.2.3",
        &[(7, "appVersion")],
    );
}

#[test]
fn malformed_files_are_syntax_errors_with_place() {
    let cases: [(Kind, &str, &str, usize); 4] = [
        (
            Kind::PackageJson,
            "package.json",
            "{\n  \"version\": \"1.0.0\",\n}\n",
            3,
        ),
        (
            Kind::Cargo,
            "Cargo.toml",
            "[package]\nversion = \"1.0.0\n",
            2,
        ),
        (
            Kind::HelmChart,
            "Chart.yaml",
            "name: x\nversion: \"1.0\n",
            2,
        ),
        (
            Kind::NpmLock,
            "package-lock.json",
            "{\"version\": \"1\" \"x\"}",
            1,
        ),
    ];
    for (kind, name, text, line) in cases {
        match locate(kind, Path::new(name), text, &none()) {
            Err(Error::Syntax { path, line: l, .. }) => {
                assert_eq!((path.as_path(), l), (Path::new(name), line), "{name}")
            }
            other => panic!("{name}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn large_lock_files_find_only_the_project() {
    let mut lock = String::from(
        "{\n  \"name\": \"big\",\n  \"version\": \"7.0.0\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"name\": \"big\", \"version\": \"7.0.0\" }",
    );
    let mut cargo =
        String::from("version = 4\n\n[[package]]\nname = \"big\"\nversion = \"7.0.0\"\n");
    for i in 0..20_000 {
        lock.push_str(&format!(
            ",\n    \"node_modules/dep{i}\": {{ \"version\": \"7.0.0\", \"resolved\": \"https://registry.example.invalid/dep{i}-7.0.0.tgz\", \"dependencies\": {{ \"x\": \"^1.0.0\" }} }}"
        ));
        cargo.push_str(&format!(
            "\n[[package]]\nname = \"dep{i}\"\nversion = \"7.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"00\"\ndependencies = [\n \"x\",\n]\n"
        ));
    }
    lock.push_str("\n  }\n}\n");
    let t = std::time::Instant::now();
    let found = locate(
        Kind::NpmLock,
        Path::new("package-lock.json"),
        &lock,
        &none(),
    )
    .unwrap();
    eprintln!("npm-lock, {} bytes: {:?}", lock.len(), t.elapsed());
    assert_eq!(found.iter().map(|l| l.line).collect::<Vec<_>>(), vec![3, 6]);
    let opts = KindOptions {
        package: Some("big".into()),
        ..none()
    };
    let t = std::time::Instant::now();
    let found = locate(Kind::CargoLock, Path::new("Cargo.lock"), &cargo, &opts).unwrap();
    eprintln!("cargo-lock, {} bytes: {:?}", cargo.len(), t.elapsed());
    assert_eq!(found.iter().map(|l| l.line).collect::<Vec<_>>(), vec![5]);
}
