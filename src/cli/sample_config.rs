//! `bump sample-config`: a starting `.bumpversion.toml`.

use bumpsmith::Error;

use super::args::SampleConfigArgs;
use super::printer::Printer;

const SAMPLE: &str = r#"[tool.bumpversion]
current_version = "0.1.0"
parse = "(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)"
serialize = ["{major}.{minor}.{patch}"]
search = "{current_version}"
replace = "{new_version}"
regex = false
ignore_missing_version = false
ignore_missing_files = false
tag = false
sign_tags = false
tag_name = "v{new_version}"
tag_message = "Bump version: {current_version} → {new_version}"
allow_dirty = false
commit = false
message = "Bump version: {current_version} → {new_version}"
moveable_tags = []
commit_args = ""
setup_hooks = []
pre_commit_hooks = []
post_commit_hooks = []

# [[tool.bumpversion.files]]
# filename = "VERSION"
"#;

pub fn run(a: &SampleConfigArgs, printer: &Printer) -> super::Exit {
    match &a.destination {
        Some(path) => {
            if path.exists() {
                return Err(Error::usage(format!(
                    "`{}` already exists; not overwriting it",
                    path.display()
                ))
                .into());
            }
            std::fs::write(path, SAMPLE).map_err(|e| Error::io("write", path, e))?;
            printer.success(&format!("wrote {}", path.display()))?;
        }
        None => printer.out(SAMPLE)?,
    }
    Ok(0)
}
