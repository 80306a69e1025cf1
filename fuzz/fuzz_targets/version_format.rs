//! The version parser and serializer (`version::VersionFormat`) under realistic configurations:
//! a version the parse pattern matches whole serializes to a string that parses back to the
//! same part values, and so does every bump of it. With an arbitrary parse pattern (mode 0),
//! compiling and parsing never panic and a whole match really spans the whole string.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;
use std::sync::OnceLock;

use bumpsmith::config::{schema, toml, Overrides};
use bumpsmith::plan::Project;
use bumpsmith::version::Version;
use libfuzzer_sys::fuzz_target;

/// Configurations from the test fixtures: defaults, a SemVer pre-release train, PEP 440.
const CONFIGS: [&str; 3] = [
    "[tool.bumpversion]\ncurrent_version = \"0.0.0\"\n",
    r#"[tool.bumpversion]
current_version = "1.0.0"
parse = """(?x)
    (?P<major>0|[1-9]\\d*)\\.
    (?P<minor>0|[1-9]\\d*)\\.
    (?P<patch>0|[1-9]\\d*)
    (?:-(?P<pre_l>[a-zA-Z-]+)(?P<pre_n>0|[1-9]\\d*))?
"""
serialize = ["{major}.{minor}.{patch}-{pre_l}{pre_n}", "{major}.{minor}.{patch}"]
[tool.bumpversion.parts.pre_l]
values = ["dev", "rc", "final"]
optional_value = "final"
[tool.bumpversion.parts.pre_n]
first_value = "1"
"#,
    r#"[tool.bumpversion]
current_version = "2.1.0b1"
parse = """(?x)
    (?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)
    (?:(?P<pre_l>a|b|rc)(?P<pre_n>\\d+))?
    (?:\\.dev(?P<dev>\\d+))?
"""
serialize = [
    "{major}.{minor}.{patch}{pre_l}{pre_n}.dev{dev}",
    "{major}.{minor}.{patch}{pre_l}{pre_n}",
    "{major}.{minor}.{patch}.dev{dev}",
    "{major}.{minor}.{patch}",
]
[tool.bumpversion.parts.pre_l]
values = ["a", "b", "rc", "final"]
optional_value = "final"
[tool.bumpversion.parts.pre_n]
first_value = "1"
"#,
];

fn project(text: &str, overrides: &Overrides) -> Option<Project> {
    let path = Path::new(".bumpversion.toml");
    let doc = toml::parse(path, text).ok()?;
    let table = doc.bumpversion();
    let config = schema::build(table.as_ref(), path, overrides, &mut Vec::new()).ok()?;
    Project::new(config, Vec::new(), None).ok()
}

fn projects() -> &'static Vec<Project> {
    static S: OnceLock<Vec<Project>> = OnceLock::new();
    S.get_or_init(|| {
        CONFIGS
            .iter()
            .map(|c| project(c, &Overrides::default()).expect("fixture config loads"))
            .collect()
    })
}

/// Part values, numbers compared as numbers: serializing writes numeric parts as integers
/// (`01.2.3` is written `1.2.3`), as bump-my-version does.
fn values(v: &Version) -> Vec<(String, String)> {
    v.iter()
        .map(|(n, x)| {
            let x = if !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()) {
                let t = x.trim_start_matches('0');
                if t.is_empty() {
                    "0"
                } else {
                    t
                }
            } else {
                x
            };
            (n.to_string(), x.to_string())
        })
        .collect()
}

/// `v` serialized parses back, whole, to the same values. `must_parse: false` allows a
/// serialization the pattern does not read at all (bump-my-version's own behaviour when a
/// dependent part is bumped while its label sits at the optional value: `2.1.0` bumped at
/// `pre_n` is `2.1.0final2`; see docs/reliability.md), but never one it reads differently.
fn round_trip(s: &Project, v: &Version, what: &str, must_parse: bool) {
    let ctx = s.context();
    let Ok(text) = s.format.serialize(v, &ctx) else {
        return;
    };
    let back = match s.format.parse_whole(&text) {
        Ok(b) => b,
        Err(_) if !must_parse => return,
        Err(e) => panic!("{what}: `{text}` does not parse back: {e}"),
    };
    assert_eq!(
        values(&back),
        values(v),
        "{what}: `{text}` reads back differently"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Some(f) = common::fields(rest, 2) else {
        return;
    };
    if sel % 4 == 0 {
        // an arbitrary parse pattern and version
        let overrides = Overrides {
            parse: Some(f[0].to_string()),
            current_version: Some("0".into()),
            ..Overrides::default()
        };
        let Some(s) = project("", &overrides) else {
            return;
        };
        let _ = s.format.parse(f[1]);
        if let Ok(v) = s.format.parse_whole(f[1]) {
            assert_eq!(v.original.as_deref(), Some(f[1]));
            let _ = s.format.serialize(&v, &s.context());
        }
        return;
    }
    let s = &projects()[(sel % 4 - 1) as usize];
    let input = f[0];
    let Ok(v) = s.format.parse_whole(input) else {
        return;
    };
    round_trip(s, &v, "parsed", true);
    let names: Vec<String> = v.iter().map(|(n, _)| n.to_string()).collect();
    for part in &names {
        if let Ok(b) = v.bump(part) {
            round_trip(s, &b, part, false);
        }
    }
});
