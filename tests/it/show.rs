//! `bump show` prints what `bump-my-version show` prints, byte for byte: Python's `str()` for
//! one value, `pprint` (sorted keys, width 80) for several, `json.dumps(sort_keys=True, indent=2)`
//! and bump-my-version's own YAML dumper.
//!
//! Every expected output below was recorded from bump-my-version 1.8.1 on the same project
//! (a temp dir's path substituted where `repository_root` shows it).

use crate::common::{fixture, Project};

/// Parts with `values` and `first_value`, a glob with `glob_exclude`, multi-line search and
/// replace, quotes and a tab.
const CONFIG_A: &str = r#"[tool.bumpversion]
current_version = "1.2.3-rc1"
parse = "(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)(-(?P<release>[a-z]+)(?P<build>\\d+))?"
serialize = ["{major}.{minor}.{patch}-{release}{build}", "{major}.{minor}.{patch}"]
tag_message = "It's \"{new_version}\"\tdone\\"
message = "Release {new_version}: a commit message long enough that pprint has to wrap it"
allow_dirty_files = ["*.lock"]

[tool.bumpversion.parts.release]
values = ["rc", "final"]
optional_value = "final"

[tool.bumpversion.parts.build]
first_value = 1

[[tool.bumpversion.files]]
filename = "VERSION"
search = "it's {current_version}"
replace = "it's {new_version}"

[[tool.bumpversion.files]]
glob = "docs/*.md"
glob_exclude = ["docs/skip.md"]
search = "version:\n{current_version}"
replace = "version:\n{new_version}"
exclude_bumps = ["build"]
"#;

/// One part and one file, so the whole configuration stays short.
const CONFIG_B: &str = r#"[tool.bumpversion]
current_version = "7"
parse = "(?P<major>\\d+)"
serialize = ["{major}"]
message = "Bump {current_version} → {new_version}"
tag_message = "it's\t{new_version}"
moveable_tags = ["latest"]

[[tool.bumpversion.files]]
filename = "VERSION"
search = "v=\"{current_version}\"\n"
replace = "v=\"{new_version}\"\n"
"#;

/// A project with `config` as `.bumpversion.toml` (no git repository).
fn project(config: &str) -> Project {
    let p = fixture("single-version");
    p.write(".bumpversion.toml", config);
    p
}

/// `bump show ARGS` stdout, asserting success.
#[track_caller]
fn show(p: &Project, args: &[&str]) -> String {
    let mut argv = vec!["show"];
    argv.extend_from_slice(args);
    let run = p.bump(&argv);
    run.assert_ok();
    run.stdout
}

#[test]
fn one_dict_keeps_the_model_field_order() {
    let p = project(CONFIG_A);
    // recorded from bump-my-version 1.8.1
    assert_eq!(
        show(&p, &["parts.release"]),
        "{'values': ['rc', 'final'], 'optional_value': 'final', 'first_value': None, 'independent': False, 'always_increment': False, 'calver_format': None, 'depends_on': None}\n"
    );
    // a TOML integer stays an integer
    assert_eq!(
        show(&p, &["parts.build"]),
        "{'values': None, 'optional_value': None, 'first_value': 1, 'independent': False, 'always_increment': False, 'calver_format': None, 'depends_on': None}\n"
    );
}

#[test]
fn tuples_print_as_python_tuples() {
    let p = project(CONFIG_A);
    // recorded from bump-my-version 1.8.1
    assert_eq!(
        show(&p, &["serialize"]),
        "('{major}.{minor}.{patch}-{release}{build}', '{major}.{minor}.{patch}')\n"
    );
    assert_eq!(
        show(&p, &["files.1"]),
        "{'parse': '(?P<major>\\\\d+)\\\\.(?P<minor>\\\\d+)\\\\.(?P<patch>\\\\d+)(-(?P<release>[a-z]+)(?P<build>\\\\d+))?', 'serialize': ('{major}.{minor}.{patch}-{release}{build}', '{major}.{minor}.{patch}'), 'search': 'version:\\n{current_version}', 'replace': 'version:\\n{new_version}', 'regex': False, 'ignore_missing_version': False, 'ignore_missing_file': False, 'filename': None, 'glob': 'docs/*.md', 'glob_exclude': ('docs/skip.md',), 'key_path': None, 'include_bumps': ('major', 'minor', 'patch', 'release', 'build'), 'exclude_bumps': ('build',)}\n"
    );
    let p = project(CONFIG_B);
    assert_eq!(show(&p, &["files.0.exclude_bumps"]), "()\n");
    assert_eq!(show(&p, &["files.0.include_bumps"]), "('major',)\n");
}

#[test]
fn strings_inside_values_use_python_repr() {
    let p = project(CONFIG_A);
    // recorded from bump-my-version 1.8.1: `"` around a text with `'`, `\n` for a newline
    assert_eq!(
        show(&p, &["files.0.search", "files.1.search"]),
        "{'files.0.search': \"it's {current_version}\",\n 'files.1.search': 'version:\\n{current_version}'}\n\n"
    );
    // a single string prints as it is (its own newline included)
    assert_eq!(
        show(&p, &["files.1.search"]),
        "version:\n{current_version}\n"
    );
    assert_eq!(
        show(&p, &["tag_message"]),
        "It's \"{new_version}\"\tdone\\\n"
    );

    let p = project(CONFIG_E);
    // recorded from bump-my-version 1.8.1
    assert_eq!(
        show(&p, &["search", "replace", "tag_message", "message"]),
        "{'message': 'both \\' and \"',\n 'replace': 'say \"hi\" and it\\'s',\n 'search': 'tab\\there\\xa0nbsp\\u200bzwsp é \\x01 back\\\\slash\\r',\n 'tag_message': \"it's\"}\n\n"
    );
}

/// Escapes: a tab, a no-break space, a zero-width space, a control character, a backslash, a
/// carriage return; quotes of both kinds.
const CONFIG_E: &str = r#"[tool.bumpversion]
current_version = "1.0.0"
search = "tab\there\u00a0nbsp\u200bzwsp é \u0001 back\\slash\r"
replace = "say \"hi\" and it's"
tag_message = "it's"
message = "both ' and \""
"#;

#[test]
fn several_names_are_pprinted_sorted_and_wrapped() {
    let p = project(CONFIG_A);
    // recorded from bump-my-version 1.8.1: pprint's own newline, then click's
    assert_eq!(
        show(&p, &["current_version", "new_version"]),
        "{'current_version': '1.2.3-rc1', 'new_version': None}\n\n"
    );
    assert_eq!(
        show(&p, &["-i", "build", "current_version", "new_version", "message"]),
        "{'current_version': '1.2.3-rc1',\n 'message': 'Release {new_version}: a commit message long enough that pprint '\n            'has to wrap it',\n 'new_version': '1.2.3-rc2'}\n\n"
    );
    // negative indexes and indexes into a string, as Python resolves them
    assert_eq!(
        show(&p, &["files.-1.search.8", "serialize.0"]),
        "{'files.-1.search.8': '\\n',\n 'serialize.0': '{major}.{minor}.{patch}-{release}{build}'}\n\n"
    );
}

#[test]
fn a_missing_value_prints_an_empty_line() {
    let p = project(CONFIG_A);
    // recorded from bump-my-version 1.8.1 (click's `echo(None)`)
    assert_eq!(show(&p, &["new_version"]), "\n");
    assert_eq!(show(&p, &["no_such_name"]), "\n");
}

#[test]
fn everything_as_pprint() {
    let p = project(CONFIG_B);
    // recorded from bump-my-version 1.8.1, outside any repository
    let expected = r#"{'allow_dirty': False,
 'allow_dirty_files': [],
 'allow_shell_hooks': False,
 'commit': False,
 'commit_args': None,
 'current_version': '7',
 'excluded_paths': [],
 'files': [{'exclude_bumps': (),
            'filename': 'VERSION',
            'glob': None,
            'glob_exclude': None,
            'ignore_missing_file': False,
            'ignore_missing_version': False,
            'include_bumps': ('major',),
            'key_path': None,
            'parse': '(?P<major>\\d+)',
            'regex': False,
            'replace': 'v="{new_version}"\n',
            'search': 'v="{current_version}"\n',
            'serialize': ('{major}',)}],
 'ignore_missing_files': False,
 'ignore_missing_version': False,
 'included_paths': [],
 'message': 'Bump {current_version} → {new_version}',
 'moveable_tags': ['latest'],
 'parse': '(?P<major>\\d+)',
 'parts': {'major': {'always_increment': False,
                     'calver_format': None,
                     'depends_on': None,
                     'first_value': None,
                     'independent': False,
                     'optional_value': None,
                     'values': None}},
 'pep621_info': None,
 'post_commit_hooks': [],
 'pre_commit_hooks': [],
 'push_tag': False,
 'regex': False,
 'replace': '{new_version}',
 'scm_info': {'branch_name': None,
 'commit_sha': None,
 'current_tag': None,
 'current_version': None,
 'dirty': None,
 'distance_to_latest_tag': 0,
 'repository_root': None,
 'short_branch_name': None,
 'short_commit_sha': None,
 'tool': None},
 'search': '{current_version}',
 'serialize': ('{major}',),
 'setup_hooks': [],
 'sign_tags': False,
 'tag': False,
 'tag_message': "it's\t{new_version}",
 'tag_name': 'v{new_version}'}

"#;
    assert_eq!(show(&p, &[]), expected);
    assert_eq!(show(&p, &["all"]), expected);
}

#[test]
fn everything_as_json() {
    let p = project(CONFIG_B);
    // recorded from bump-my-version 1.8.1: non-ASCII as `\uXXXX`, the SCM tool as a string
    let expected = r#"{
  "allow_dirty": false,
  "allow_dirty_files": [],
  "allow_shell_hooks": false,
  "commit": false,
  "commit_args": null,
  "current_version": "7",
  "excluded_paths": [],
  "files": [
    {
      "exclude_bumps": [],
      "filename": "VERSION",
      "glob": null,
      "glob_exclude": null,
      "ignore_missing_file": false,
      "ignore_missing_version": false,
      "include_bumps": [
        "major"
      ],
      "key_path": null,
      "parse": "(?P<major>\\d+)",
      "regex": false,
      "replace": "v=\"{new_version}\"\n",
      "search": "v=\"{current_version}\"\n",
      "serialize": [
        "{major}"
      ]
    }
  ],
  "ignore_missing_files": false,
  "ignore_missing_version": false,
  "included_paths": [],
  "message": "Bump {current_version} \u2192 {new_version}",
  "moveable_tags": [
    "latest"
  ],
  "parse": "(?P<major>\\d+)",
  "parts": {
    "major": {
      "always_increment": false,
      "calver_format": null,
      "depends_on": null,
      "first_value": null,
      "independent": false,
      "optional_value": null,
      "values": null
    }
  },
  "pep621_info": null,
  "post_commit_hooks": [],
  "pre_commit_hooks": [],
  "push_tag": false,
  "regex": false,
  "replace": "{new_version}",
  "scm_info": {
    "branch_name": null,
    "commit_sha": null,
    "current_tag": null,
    "current_version": null,
    "dirty": null,
    "distance_to_latest_tag": 0,
    "repository_root": null,
    "short_branch_name": null,
    "short_commit_sha": null,
    "tool": "None"
  },
  "search": "{current_version}",
  "serialize": [
    "{major}"
  ],
  "setup_hooks": [],
  "sign_tags": false,
  "tag": false,
  "tag_message": "it's\t{new_version}",
  "tag_name": "v{new_version}"
}
"#;
    assert_eq!(show(&p, &["--format", "json"]), expected);
}

#[test]
fn everything_as_yaml() {
    let p = project(CONFIG_B);
    // recorded from bump-my-version 1.8.1, its dumper's quirks included: an empty list is an
    // empty line, quotes inside strings are not escaped, a tab stays a tab
    let expected = r#"allow_dirty: false
allow_dirty_files:

allow_shell_hooks: false
commit: false
commit_args: null
current_version: "7"
excluded_paths:

files:
  - exclude_bumps:

    filename: "VERSION"
    glob: null
    glob_exclude: null
    ignore_missing_file: false
    ignore_missing_version: false
    include_bumps:
      - "major"
    key_path: null
    parse: "(?P<major>\\d+)"
    regex: false
    replace: "v="{new_version}"\n"
    search: "v="{current_version}"\n"
    serialize:
      - "{major}"
ignore_missing_files: false
ignore_missing_version: false
included_paths:

message: "Bump {current_version} → {new_version}"
moveable_tags:
  - "latest"
parse: "(?P<major>\\d+)"
parts:
  major:
    always_increment: false
    calver_format: null
    depends_on: null
    first_value: null
    independent: false
    optional_value: null
    values: null
pep621_info: null
post_commit_hooks:

pre_commit_hooks:

push_tag: false
regex: false
replace: "{new_version}"
scm_info:
  branch_name: null
  commit_sha: null
  current_tag: null
  current_version: null
  dirty: null
  distance_to_latest_tag: 0
  repository_root: null
  short_branch_name: null
  short_commit_sha: null
  tool: "None"
search: "{current_version}"
serialize:
  - "{major}"
setup_hooks:

sign_tags: false
tag: false
tag_message: "it's<TAB>{new_version}"
tag_name: "v{new_version}"

"#
    .replace("<TAB>", "\t");
    assert_eq!(show(&p, &["--format", "yaml"]), expected);
}

/// `scm_info` in a repository: one commit past the `v7` tag, with a modified file.
fn tagged_repo() -> Project {
    let p = project(CONFIG_B);
    p.init_git();
    p.git(&["tag", "v7"]);
    p.write("NOTES", "x\n");
    p.commit_all("two");
    p.write("VERSION", "8\n");
    p
}

#[test]
fn scm_info_prints_its_multi_line_repr() {
    let p = tagged_repo();
    let root = p.root.display().to_string();
    // recorded from bump-my-version 1.8.1
    let fields = format!(
        "{{'branch_name': 'main',\n 'commit_sha': '364957b02075f67a4ea37724bfc66b2a150683cf',\n 'current_tag': 'v7',\n 'current_version': '7',\n 'dirty': True,\n 'distance_to_latest_tag': 1,\n 'repository_root': PosixPath('{root}'),\n 'short_branch_name': 'main',\n 'short_commit_sha': '364957b',\n 'tool': Git}}"
    );
    assert_eq!(show(&p, &["scm_info"]), format!("{fields}\n"));
    // inside pprint its lines are not indented again
    assert_eq!(
        show(&p, &["scm_info", "current_version"]),
        format!("{{'current_version': '7',\n 'scm_info': {fields}}}\n\n")
    );
    assert_eq!(
        show(&p, &["scm_info.repository_root", "scm_info.tool", "scm_info.dirty"]),
        format!("{{'scm_info.dirty': True,\n 'scm_info.repository_root': PosixPath('{root}'),\n 'scm_info.tool': Git}}\n\n")
    );
    assert_eq!(show(&p, &["scm_info.repository_root"]), format!("{root}\n"));
}

#[test]
fn scm_info_as_json_and_yaml() {
    let p = tagged_repo();
    let root = p.root.display().to_string();
    // recorded from bump-my-version 1.8.1
    assert_eq!(
        show(&p, &["-f", "json", "scm_info"]),
        format!("{{\n  \"scm_info\": {{\n    \"branch_name\": \"main\",\n    \"commit_sha\": \"364957b02075f67a4ea37724bfc66b2a150683cf\",\n    \"current_tag\": \"v7\",\n    \"current_version\": \"7\",\n    \"dirty\": true,\n    \"distance_to_latest_tag\": 1,\n    \"repository_root\": \"{root}\",\n    \"short_branch_name\": \"main\",\n    \"short_commit_sha\": \"364957b\",\n    \"tool\": \"Git\"\n  }}\n}}\n")
    );
    assert_eq!(
        show(&p, &["-f", "yaml", "scm_info"]),
        format!("scm_info:\n  branch_name: \"main\"\n  commit_sha: \"364957b02075f67a4ea37724bfc66b2a150683cf\"\n  current_tag: \"v7\"\n  current_version: \"7\"\n  dirty: true\n  distance_to_latest_tag: 1\n  repository_root: \"{root}\"\n  short_branch_name: \"main\"\n  short_commit_sha: \"364957b\"\n  tool: \"Git\"\n\n")
    );
}

/// An INI config: bump-my-version's autocast makes numeric part values integers.
const CONFIG_INI: &str = r#"[bumpversion]
current_version = 1.0.0-1
parse = (?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)-(?P<num>\d+)
serialize = {major}.{minor}.{patch}-{num}

[bumpversion:part:num]
first_value = 1
values =
	1
	2
	3

[bumpversion:file:VERSION]
search =
	version
	{current_version}
"#;

#[test]
fn ini_numbers_are_integers() {
    for (file, head) in [
        (".bumpversion.cfg", ""),
        ("setup.cfg", "[metadata]\nname = demo\n\n"),
    ] {
        let p = fixture("single-version");
        std::fs::remove_file(p.path(".bumpversion.toml")).unwrap();
        p.write(file, format!("{head}{CONFIG_INI}"));
        // recorded from bump-my-version 1.8.1
        assert_eq!(
            show(&p, &["parts.num"]),
            "{'values': [1, 2, 3], 'optional_value': None, 'first_value': 1, 'independent': False, 'always_increment': False, 'calver_format': None, 'depends_on': None}\n",
            "{file}"
        );
        assert_eq!(
            show(&p, &["serialize", "current_version", "parts.num.values"]),
            "{'current_version': '1.0.0-1',\n 'parts.num.values': [1, 2, 3],\n 'serialize': ('{major}.{minor}.{patch}-{num}',)}\n\n",
            "{file}"
        );
        assert_eq!(
            show(&p, &["files.0.search", "files.0.serialize"]),
            "{'files.0.search': 'version\\n{current_version}',\n 'files.0.serialize': ('{major}.{minor}.{patch}-{num}',)}\n\n",
            "{file}"
        );
        assert_eq!(
            show(&p, &["-f", "yaml", "parts.num"]),
            "parts.num:\n  always_increment: false\n  calver_format: null\n  depends_on: null\n  first_value: 1\n  independent: false\n  optional_value: null\n  values:\n    - 1\n    - 2\n    - 3\n\n",
            "{file}"
        );
    }
}

/// Each `show-bump` row is what `bump PART --dry-run` computes (one computation, in the core):
/// the version, or the refusal.
fn show_bump_agrees_with_the_dry_run(p: &crate::common::Project) -> Vec<(String, String)> {
    let run = p.bump(&["show-bump", "--ascii"]);
    run.assert_ok();
    let rows: Vec<(String, String)> = run
        .stdout
        .lines()
        .map(|l| {
            // `1.2.0 -- bump -+- major - 2.0.0`, then `|- minor - 1.3.0`...
            let (left, result) = l.split_once(" - ").unwrap_or_else(|| panic!("{l:?}"));
            let part = left.split_whitespace().last().unwrap_or_default();
            (part.to_string(), result.to_string())
        })
        .collect();
    assert!(!rows.is_empty(), "{}", run.stdout);
    for (part, result) in &rows {
        let dry = p.bump(&[part, "--dry-run"]);
        let said = format!("{}{}", dry.stdout, dry.stderr);
        match result.strip_prefix("invalid: ") {
            Some(why) => {
                assert_ne!(dry.code, 0, "{part}: {said}");
                assert!(said.contains(why), "{part}: {said}");
            }
            None => {
                dry.assert_ok();
                assert!(said.contains(&format!("→ {result} ")), "{part}: {said}");
            }
        }
    }
    rows
}

/// The scheme is bump's own (bump-my-version has none): the rows are what `bump PART
/// --dry-run` gives, which `show-bump` once contradicted (`pre_n ─ 1.2.0-final.2`, `pre_l`
/// invalid).
#[test]
fn show_bump_under_a_scheme_is_what_the_bump_gives() {
    let p = crate::common::repo("single-version");
    let config = "[tool.bumpversion]\ncurrent_version = \"1.2.0rc1\"\nscheme = \"pep440\"\n\n[[tool.bumpversion.files]]\nfilename = \"VERSION\"\n";
    p.commit_files(
        &[(".bumpversion.toml", config), ("VERSION", "1.2.0rc1\n")],
        "build: a release candidate",
    );
    let rows = show_bump_agrees_with_the_dry_run(&p);
    let got: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        got,
        [
            // PEP 440's epoch, post and dev releases are parts too (an epoch starts a new
            // numbering, so the release resets)
            ("epoch", "1!0.0.0"),
            ("major", "2.0.0"),
            ("minor", "1.3.0"),
            ("patch", "1.2.1"),
            ("pre_l", "1.2.0"),
            ("pre_n", "1.2.0rc2"),
            ("post", "1.2.0rc1.post1"),
            ("dev", "1.2.0rc1.dev0"),
            ("build", "1.2.0rc1+1"),
        ]
    );
}

/// Recorded with bump-my-version 1.8.1 (`bump-my-version show-bump --ascii` on the fixture):
///
/// ```text
/// 0.2.0rc1 -- bump -+- major - 1.0.0
///                   +- minor - 0.3.0
///                   +- patch - 0.2.1
///                   +- pre_l - invalid: The given value rc does not contain any digit
///                   +- pre_n - 0.2.0rc2
/// ```
///
/// (bump words the refusal its own way).
#[test]
fn show_bump_with_parse_and_serialize_is_what_the_bump_gives() {
    let p = crate::common::repo("pep440-package");
    let rows = show_bump_agrees_with_the_dry_run(&p);
    let out = p.bump(&["show-bump", "--ascii"]).stdout;
    let recorded = [
        "0.2.0rc1 -- bump -+- major - 1.0.0",
        "                  +- minor - 0.3.0",
        "                  +- patch - 0.2.1",
        "                  +- pre_l - invalid: ",
        "                  +- pre_n - 0.2.0rc2",
    ];
    for (line, want) in out.lines().zip(recorded) {
        assert!(line.starts_with(want), "{line:?} is not {want:?}\n{out}");
    }
    assert_eq!(rows.len(), recorded.len());
}
