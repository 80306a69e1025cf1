#compdef bump

autoload -U is-at-least

_bump() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--parse=[Regex parsing the version string]:REGEX:_default' \
'*--serialize=[How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)]:FORMAT:_default' \
'--search=[Template for the complete string to search]:SEARCH:_default' \
'--replace=[Template for the complete string to replace]:REPLACE:_default' \
'--tag-name=[Tag name template (used when tagging)]:TAG_NAME:_default' \
'--tag-message=[Tag message (empty\: a lightweight tag)]:TAG_MESSAGE:_default' \
'-m+[Commit message]:COMMIT_MSG:_default' \
'--message=[Commit message]:COMMIT_MSG:_default' \
'--commit-args=[Extra arguments to \`git commit\`]:COMMIT_ARGS:_default' \
'--new-version=[New version that should be in the files]:VERSION:_default' \
'--to=[Set PART to this value instead of incrementing it]:VALUE:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--regex[Treat the search string as a regular expression]' \
'--no-regex[Treat the search string as literal text]' \
'--no-configured-files[Only change files named on the command line]' \
'--ignore-missing-files[Ignore configured files that are missing]' \
'--no-ignore-missing-files[]' \
'--ignore-missing-version[Ignore files where the version is missing]' \
'--no-ignore-missing-version[]' \
'-n[Change nothing; print the diff and the commit/tag that would be made]' \
'--dry-run[Change nothing; print the diff and the commit/tag that would be made]' \
'--commit[Commit to version control]' \
'--no-commit[Do not commit, whatever the config says]' \
'--tag[Create a tag in version control]' \
'--no-tag[Do not tag, whatever the config says]' \
'--push-tag[Push the tag (and moved \`moveable_tags\`) to \`origin\`, when there is such a remote]' \
'--no-push-tag[Do not push the tag, whatever the config says]' \
'--sign-tags[Sign tags if created]' \
'--no-sign-tags[Do not sign tags, whatever the config says]' \
'--allow-dirty[Don'\''t abort if the working directory is dirty]' \
'--no-allow-dirty[Abort if the working directory is dirty, whatever the config says]' \
'--allow-outside-repo[Let files outside the repository root be changed (\`../x\`, absolute paths, symlinks to elsewhere); without it they are refused]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::args -- PART to bump (e.g. `minor`), then extra FILES to modify:_default' \
":: :_bump_commands" \
"*::: :->bump" \
&& ret=0
    case $state in
    (bump)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:bump-command-$line[2]:"
        case $line[2] in
            (bump)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--parse=[Regex parsing the version string]:REGEX:_default' \
'*--serialize=[How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)]:FORMAT:_default' \
'--search=[Template for the complete string to search]:SEARCH:_default' \
'--replace=[Template for the complete string to replace]:REPLACE:_default' \
'--tag-name=[Tag name template (used when tagging)]:TAG_NAME:_default' \
'--tag-message=[Tag message (empty\: a lightweight tag)]:TAG_MESSAGE:_default' \
'-m+[Commit message]:COMMIT_MSG:_default' \
'--message=[Commit message]:COMMIT_MSG:_default' \
'--commit-args=[Extra arguments to \`git commit\`]:COMMIT_ARGS:_default' \
'--new-version=[New version that should be in the files]:VERSION:_default' \
'--to=[Set PART to this value instead of incrementing it]:VALUE:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--regex[Treat the search string as a regular expression]' \
'--no-regex[Treat the search string as literal text]' \
'--no-configured-files[Only change files named on the command line]' \
'--ignore-missing-files[Ignore configured files that are missing]' \
'--no-ignore-missing-files[]' \
'--ignore-missing-version[Ignore files where the version is missing]' \
'--no-ignore-missing-version[]' \
'-n[Change nothing; print the diff and the commit/tag that would be made]' \
'--dry-run[Change nothing; print the diff and the commit/tag that would be made]' \
'--commit[Commit to version control]' \
'--no-commit[Do not commit, whatever the config says]' \
'--tag[Create a tag in version control]' \
'--no-tag[Do not tag, whatever the config says]' \
'--push-tag[Push the tag (and moved \`moveable_tags\`) to \`origin\`, when there is such a remote]' \
'--no-push-tag[Do not push the tag, whatever the config says]' \
'--sign-tags[Sign tags if created]' \
'--no-sign-tags[Do not sign tags, whatever the config says]' \
'--allow-dirty[Don'\''t abort if the working directory is dirty]' \
'--no-allow-dirty[Abort if the working directory is dirty, whatever the config says]' \
'--allow-outside-repo[Let files outside the repository root be changed (\`../x\`, absolute paths, symlinks to elsewhere); without it they are refused]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'*::args -- PART to bump (e.g. `minor`), then extra FILES to modify:_default' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'-f+[Output format]:FORMAT:(default yaml json)' \
'--format=[Output format]:FORMAT:(default yaml json)' \
'-i+[Increment this part and add \`new_version\` to the values]:PART:_default' \
'--increment=[Increment this part and add \`new_version\` to the values]:PART:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'*::args -- Dotted names of values to show (e.g. `current_version`, `files.0.filename`); none or `all`\: every value:_default' \
&& ret=0
;;
(show-bump)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: the one \`bump\` would find)]:FILE:_files' \
'--component=[The component to show, when the config declares components]:NAME:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--ascii[Draw with ASCII characters only]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'::version -- Version to start from (default\: the current version):_default' \
&& ret=0
;;
(replace)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--new-version=[New version that should be in the files (default\: the current version)]:VERSION:_default' \
'--parse=[Regex parsing the version string]:REGEX:_default' \
'*--serialize=[How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)]:FORMAT:_default' \
'--search=[Search template for every file (overrides the configured ones)]:SEARCH:_default' \
'--replace=[Replace template for every file (overrides the configured ones)]:REPLACE:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--regex[Treat the search string as a regular expression]' \
'--no-regex[Treat the search string as literal text]' \
'--no-configured-files[Only change files named on the command line]' \
'--ignore-missing-files[Ignore configured files that are missing]' \
'--ignore-missing-version[Ignore files where the version is missing]' \
'-n[Change nothing; print the diff that would be made]' \
'--dry-run[Change nothing; print the diff that would be made]' \
'--allow-dirty[Don'\''t abort if the working directory is dirty]' \
'--no-allow-dirty[Abort if the working directory is dirty, whatever the config says]' \
'--allow-outside-repo[Let files outside the repository root be changed; without it they are refused]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'*::files -- Extra files to modify:_default' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: the one \`bump\` would find)]:FILE:_files' \
'--component=[Check only this component]:NAME:_default' \
'--tag=[A release tag that must name the package version (\`v\` prefix optional). Without it, the tag of a CI tag build is used (GITHUB_REF_TYPE=tag, GITHUB_REF=refs/tags/..., CI_COMMIT_TAG, BITBUCKET_TAG)]:TAG:_default' \
'--format=[Output format]:FORMAT:((human\:"One line on success, \`path\:line\: expected X, found Y\` per problem"
github\:"GitHub Actions annotations (\`\:\:error file=PATH,line=N\:\:message\`)"
json\:"A JSON document (schema 1; see the README)"))' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'(--tag)--tag-from-head[Check the release tag pointing at HEAD, if one does (an untagged HEAD passes)]' \
'--no-env-tag[Do not read the release tag from CI environment variables]' \
'--tag-exists[Fail when the tag for the current version already exists]' \
'--strict[Fail when the config holds no location to check (no file entries, or only missing ones)]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
':shell -- The shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(pre)
_arguments "${_arguments_options[@]}" : \
'--level=[Which release the pre-release leads to, when starting from a final release]:PART:_default' \
'--label=[Pre-release label\: alpha, beta or rc (default\: rc, or the current label)]:LABEL:_default' \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--parse=[Regex parsing the version string]:REGEX:_default' \
'*--serialize=[How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)]:FORMAT:_default' \
'--search=[Template for the complete string to search]:SEARCH:_default' \
'--replace=[Template for the complete string to replace]:REPLACE:_default' \
'--tag-name=[Tag name template (used when tagging)]:TAG_NAME:_default' \
'--tag-message=[Tag message (empty\: a lightweight tag)]:TAG_MESSAGE:_default' \
'-m+[Commit message]:COMMIT_MSG:_default' \
'--message=[Commit message]:COMMIT_MSG:_default' \
'--commit-args=[Extra arguments to \`git commit\`]:COMMIT_ARGS:_default' \
'--new-version=[New version that should be in the files]:VERSION:_default' \
'--to=[Set PART to this value instead of incrementing it]:VALUE:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--regex[Treat the search string as a regular expression]' \
'--no-regex[Treat the search string as literal text]' \
'--no-configured-files[Only change files named on the command line]' \
'--ignore-missing-files[Ignore configured files that are missing]' \
'--no-ignore-missing-files[]' \
'--ignore-missing-version[Ignore files where the version is missing]' \
'--no-ignore-missing-version[]' \
'-n[Change nothing; print the diff and the commit/tag that would be made]' \
'--dry-run[Change nothing; print the diff and the commit/tag that would be made]' \
'--commit[Commit to version control]' \
'--no-commit[Do not commit, whatever the config says]' \
'--tag[Create a tag in version control]' \
'--no-tag[Do not tag, whatever the config says]' \
'--push-tag[Push the tag (and moved \`moveable_tags\`) to \`origin\`, when there is such a remote]' \
'--no-push-tag[Do not push the tag, whatever the config says]' \
'--sign-tags[Sign tags if created]' \
'--no-sign-tags[Do not sign tags, whatever the config says]' \
'--allow-dirty[Don'\''t abort if the working directory is dirty]' \
'--no-allow-dirty[Abort if the working directory is dirty, whatever the config says]' \
'--allow-outside-repo[Let files outside the repository root be changed (\`../x\`, absolute paths, symlinks to elsewhere); without it they are refused]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'*::args -- Extra files to modify:_default' \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--parse=[Regex parsing the version string]:REGEX:_default' \
'*--serialize=[How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)]:FORMAT:_default' \
'--search=[Template for the complete string to search]:SEARCH:_default' \
'--replace=[Template for the complete string to replace]:REPLACE:_default' \
'--tag-name=[Tag name template (used when tagging)]:TAG_NAME:_default' \
'--tag-message=[Tag message (empty\: a lightweight tag)]:TAG_MESSAGE:_default' \
'-m+[Commit message]:COMMIT_MSG:_default' \
'--message=[Commit message]:COMMIT_MSG:_default' \
'--commit-args=[Extra arguments to \`git commit\`]:COMMIT_ARGS:_default' \
'--new-version=[New version that should be in the files]:VERSION:_default' \
'--to=[Set PART to this value instead of incrementing it]:VALUE:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--regex[Treat the search string as a regular expression]' \
'--no-regex[Treat the search string as literal text]' \
'--no-configured-files[Only change files named on the command line]' \
'--ignore-missing-files[Ignore configured files that are missing]' \
'--no-ignore-missing-files[]' \
'--ignore-missing-version[Ignore files where the version is missing]' \
'--no-ignore-missing-version[]' \
'-n[Change nothing; print the diff and the commit/tag that would be made]' \
'--dry-run[Change nothing; print the diff and the commit/tag that would be made]' \
'--commit[Commit to version control]' \
'--no-commit[Do not commit, whatever the config says]' \
'--tag[Create a tag in version control]' \
'--no-tag[Do not tag, whatever the config says]' \
'--push-tag[Push the tag (and moved \`moveable_tags\`) to \`origin\`, when there is such a remote]' \
'--no-push-tag[Do not push the tag, whatever the config says]' \
'--sign-tags[Sign tags if created]' \
'--no-sign-tags[Do not sign tags, whatever the config says]' \
'--allow-dirty[Don'\''t abort if the working directory is dirty]' \
'--no-allow-dirty[Abort if the working directory is dirty, whatever the config says]' \
'--allow-outside-repo[Let files outside the repository root be changed (\`../x\`, absolute paths, symlinks to elsewhere); without it they are refused]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'*::args -- Extra files to modify:_default' \
&& ret=0
;;
(sample-config)
_arguments "${_arguments_options[@]}" : \
'--destination=[Write the sample here instead of printing it]:FILE:_files' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--no-prompt[Accepted for compatibility; bump never prompts]' \
'--prompt[]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(init)
_arguments "${_arguments_options[@]}" : \
'*--include=[Survey files matching GLOB too, even under tests/, test/, examples/, docs/, fixtures/, vendor/, node_modules/ or third_party/ (skipped by default); a README or other file without a kind is searched for the version. Repeatable]:GLOB:_default' \
'*--exclude=[Never survey files matching GLOB. Repeatable]:GLOB:_default' \
'--current-version=[The project'\''s current version, instead of the one the root manifest (pyproject.toml, setup.cfg, setup.py, package.json, Cargo.toml, Chart.yaml, VERSION) or most files hold]:VERSION:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'-n[Print the configuration instead of writing \`.bumpversion.toml\`]' \
'--dry-run[Print the configuration instead of writing \`.bumpversion.toml\`]' \
'--force[Overwrite an existing \`.bumpversion.toml\`]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(find)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file whose files count as covered (default\: the one \`bump\` would read)]:FILE:_files' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
':version -- The version to look for (`1.2.3`, `1.2.0rc1`, `v2.0.0-beta.1`):_default' \
&& ret=0
;;
(changelog)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--format=[Output format\: the Markdown, or the parsed commits and their grouping as JSON]:FORMAT:(text json)' \
'-o+[Print to FILE instead of standard output]:FILE:_files' \
'--output=[Print to FILE instead of standard output]:FILE:_files' \
'(--unreleased --all)--new-version=[Version of the release section (default\: the one the commits call for)]:VERSION:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--write[Update the changelog file instead of only printing]' \
'(--all)--unreleased[Fill the Unreleased section instead of a release section]' \
'--all[A section for every release tag in history (to start a changelog for an existing project; with --write, sections already in the file are kept as they are)]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(recover)
_arguments "${_arguments_options[@]}" : \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--discard[Remove the journal without applying it (after looking at what it holds)]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(next)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(auto)
_arguments "${_arguments_options[@]}" : \
'--config-file=[Config file to read (default\: search \`.bumpversion.cfg\`, \`.bumpversion.toml\`, \`setup.cfg\`, \`pyproject.toml\` up to the repository root)]:FILE:_files' \
'--current-version=[The current version, instead of the config'\''s \`current_version\`]:VERSION:_default' \
'--component=[The component to act on, when the config declares \`\[tool.bumpversion.components.NAME\]\`]:NAME:_default' \
'--parse=[Regex parsing the version string]:REGEX:_default' \
'*--serialize=[How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)]:FORMAT:_default' \
'--search=[Template for the complete string to search]:SEARCH:_default' \
'--replace=[Template for the complete string to replace]:REPLACE:_default' \
'--tag-name=[Tag name template (used when tagging)]:TAG_NAME:_default' \
'--tag-message=[Tag message (empty\: a lightweight tag)]:TAG_MESSAGE:_default' \
'-m+[Commit message]:COMMIT_MSG:_default' \
'--message=[Commit message]:COMMIT_MSG:_default' \
'--commit-args=[Extra arguments to \`git commit\`]:COMMIT_ARGS:_default' \
'--new-version=[New version that should be in the files]:VERSION:_default' \
'--to=[Set PART to this value instead of incrementing it]:VALUE:_default' \
'--color=[When to color output (auto\: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)]:COLOR:(auto always never)' \
'--regex[Treat the search string as a regular expression]' \
'--no-regex[Treat the search string as literal text]' \
'--no-configured-files[Only change files named on the command line]' \
'--ignore-missing-files[Ignore configured files that are missing]' \
'--no-ignore-missing-files[]' \
'--ignore-missing-version[Ignore files where the version is missing]' \
'--no-ignore-missing-version[]' \
'-n[Change nothing; print the diff and the commit/tag that would be made]' \
'--dry-run[Change nothing; print the diff and the commit/tag that would be made]' \
'--commit[Commit to version control]' \
'--no-commit[Do not commit, whatever the config says]' \
'--tag[Create a tag in version control]' \
'--no-tag[Do not tag, whatever the config says]' \
'--push-tag[Push the tag (and moved \`moveable_tags\`) to \`origin\`, when there is such a remote]' \
'--no-push-tag[Do not push the tag, whatever the config says]' \
'--sign-tags[Sign tags if created]' \
'--no-sign-tags[Do not sign tags, whatever the config says]' \
'--allow-dirty[Don'\''t abort if the working directory is dirty]' \
'--no-allow-dirty[Abort if the working directory is dirty, whatever the config says]' \
'--allow-outside-repo[Let files outside the repository root be changed (\`../x\`, absolute paths, symlinks to elsewhere); without it they are refused]' \
'*-v[More output (repeat for more)]' \
'*--verbose[More output (repeat for more)]' \
'(-v --verbose)-q[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'(-v --verbose)--quiet[Print only errors on stderr (no status or warnings); data on stdout is printed as ever]' \
'-h[Print help]' \
'--help[Print help]' \
'*::args -- Extra files to modify:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_bump__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:bump-help-command-$line[1]:"
        case $line[1] in
            (bump)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show-bump)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(replace)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pre)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(release)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sample-config)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(find)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(changelog)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(recover)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(next)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(auto)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_bump_commands] )) ||
_bump_commands() {
    local commands; commands=(
'bump:Change the version (the default command\: \`bump bump minor\` = \`bump minor\`)' \
'show:Show configuration values\: \`bump show current_version\`, \`bump show files.0.filename\`' \
'show-bump:Show the version each part bump would give' \
'replace:Replace the version in files without bumping, committing or tagging' \
'check:Verify that every configured location holds its version (and that a release tag matches)' \
'completions:Print a shell completion script (bash, zsh, fish, powershell, elvish)' \
'man:Print the man page (roff)' \
'pre:Start or continue a pre-release (needs \`scheme\`)\: \`0.1.18\` → \`0.1.19-rc.1\` → \`0.1.19-rc.2\`' \
'release:Finalize a pre-release (needs \`scheme\`)\: \`0.1.19-rc.3\` → \`0.1.19\`' \
'sample-config:Print a sample \`.bumpversion.toml\`' \
'init:Find the files that hold the version and write a \`.bumpversion.toml\` for them' \
'find:List every mention of VERSION, in any of its spellings, and flag those the config misses' \
'changelog:Print (or --write) the changelog section the next release would get, from conventional commits' \
'recover:Restore the tree an interrupted bump left half-done, from its journal' \
'next:Print the next version the conventional commits since the last release call for' \
'auto:Bump the part the conventional commits since the last release call for' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'bump commands' commands "$@"
}
(( $+functions[_bump__subcmd__auto_commands] )) ||
_bump__subcmd__auto_commands() {
    local commands; commands=()
    _describe -t commands 'bump auto commands' commands "$@"
}
(( $+functions[_bump__subcmd__bump_commands] )) ||
_bump__subcmd__bump_commands() {
    local commands; commands=()
    _describe -t commands 'bump bump commands' commands "$@"
}
(( $+functions[_bump__subcmd__changelog_commands] )) ||
_bump__subcmd__changelog_commands() {
    local commands; commands=()
    _describe -t commands 'bump changelog commands' commands "$@"
}
(( $+functions[_bump__subcmd__check_commands] )) ||
_bump__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'bump check commands' commands "$@"
}
(( $+functions[_bump__subcmd__completions_commands] )) ||
_bump__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'bump completions commands' commands "$@"
}
(( $+functions[_bump__subcmd__find_commands] )) ||
_bump__subcmd__find_commands() {
    local commands; commands=()
    _describe -t commands 'bump find commands' commands "$@"
}
(( $+functions[_bump__subcmd__help_commands] )) ||
_bump__subcmd__help_commands() {
    local commands; commands=(
'bump:Change the version (the default command\: \`bump bump minor\` = \`bump minor\`)' \
'show:Show configuration values\: \`bump show current_version\`, \`bump show files.0.filename\`' \
'show-bump:Show the version each part bump would give' \
'replace:Replace the version in files without bumping, committing or tagging' \
'check:Verify that every configured location holds its version (and that a release tag matches)' \
'completions:Print a shell completion script (bash, zsh, fish, powershell, elvish)' \
'man:Print the man page (roff)' \
'pre:Start or continue a pre-release (needs \`scheme\`)\: \`0.1.18\` → \`0.1.19-rc.1\` → \`0.1.19-rc.2\`' \
'release:Finalize a pre-release (needs \`scheme\`)\: \`0.1.19-rc.3\` → \`0.1.19\`' \
'sample-config:Print a sample \`.bumpversion.toml\`' \
'init:Find the files that hold the version and write a \`.bumpversion.toml\` for them' \
'find:List every mention of VERSION, in any of its spellings, and flag those the config misses' \
'changelog:Print (or --write) the changelog section the next release would get, from conventional commits' \
'recover:Restore the tree an interrupted bump left half-done, from its journal' \
'next:Print the next version the conventional commits since the last release call for' \
'auto:Bump the part the conventional commits since the last release call for' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'bump help commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__auto_commands] )) ||
_bump__subcmd__help__subcmd__auto_commands() {
    local commands; commands=()
    _describe -t commands 'bump help auto commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__bump_commands] )) ||
_bump__subcmd__help__subcmd__bump_commands() {
    local commands; commands=()
    _describe -t commands 'bump help bump commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__changelog_commands] )) ||
_bump__subcmd__help__subcmd__changelog_commands() {
    local commands; commands=()
    _describe -t commands 'bump help changelog commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__check_commands] )) ||
_bump__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'bump help check commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__completions_commands] )) ||
_bump__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'bump help completions commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__find_commands] )) ||
_bump__subcmd__help__subcmd__find_commands() {
    local commands; commands=()
    _describe -t commands 'bump help find commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__help_commands] )) ||
_bump__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'bump help help commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__init_commands] )) ||
_bump__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'bump help init commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__man_commands] )) ||
_bump__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'bump help man commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__next_commands] )) ||
_bump__subcmd__help__subcmd__next_commands() {
    local commands; commands=()
    _describe -t commands 'bump help next commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__pre_commands] )) ||
_bump__subcmd__help__subcmd__pre_commands() {
    local commands; commands=()
    _describe -t commands 'bump help pre commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__recover_commands] )) ||
_bump__subcmd__help__subcmd__recover_commands() {
    local commands; commands=()
    _describe -t commands 'bump help recover commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__release_commands] )) ||
_bump__subcmd__help__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'bump help release commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__replace_commands] )) ||
_bump__subcmd__help__subcmd__replace_commands() {
    local commands; commands=()
    _describe -t commands 'bump help replace commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__sample-config_commands] )) ||
_bump__subcmd__help__subcmd__sample-config_commands() {
    local commands; commands=()
    _describe -t commands 'bump help sample-config commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__show_commands] )) ||
_bump__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'bump help show commands' commands "$@"
}
(( $+functions[_bump__subcmd__help__subcmd__show-bump_commands] )) ||
_bump__subcmd__help__subcmd__show-bump_commands() {
    local commands; commands=()
    _describe -t commands 'bump help show-bump commands' commands "$@"
}
(( $+functions[_bump__subcmd__init_commands] )) ||
_bump__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'bump init commands' commands "$@"
}
(( $+functions[_bump__subcmd__man_commands] )) ||
_bump__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'bump man commands' commands "$@"
}
(( $+functions[_bump__subcmd__next_commands] )) ||
_bump__subcmd__next_commands() {
    local commands; commands=()
    _describe -t commands 'bump next commands' commands "$@"
}
(( $+functions[_bump__subcmd__pre_commands] )) ||
_bump__subcmd__pre_commands() {
    local commands; commands=()
    _describe -t commands 'bump pre commands' commands "$@"
}
(( $+functions[_bump__subcmd__recover_commands] )) ||
_bump__subcmd__recover_commands() {
    local commands; commands=()
    _describe -t commands 'bump recover commands' commands "$@"
}
(( $+functions[_bump__subcmd__release_commands] )) ||
_bump__subcmd__release_commands() {
    local commands; commands=()
    _describe -t commands 'bump release commands' commands "$@"
}
(( $+functions[_bump__subcmd__replace_commands] )) ||
_bump__subcmd__replace_commands() {
    local commands; commands=()
    _describe -t commands 'bump replace commands' commands "$@"
}
(( $+functions[_bump__subcmd__sample-config_commands] )) ||
_bump__subcmd__sample-config_commands() {
    local commands; commands=()
    _describe -t commands 'bump sample-config commands' commands "$@"
}
(( $+functions[_bump__subcmd__show_commands] )) ||
_bump__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'bump show commands' commands "$@"
}
(( $+functions[_bump__subcmd__show-bump_commands] )) ||
_bump__subcmd__show-bump_commands() {
    local commands; commands=()
    _describe -t commands 'bump show-bump commands' commands "$@"
}

if [ "$funcstack[1]" = "_bump" ]; then
    _bump "$@"
else
    compdef _bump bump
fi
