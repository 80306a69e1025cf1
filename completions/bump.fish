# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_bump_global_optspecs
    string join \n config-file= current-version= component= parse= serialize= search= replace= regex no-regex no-configured-files ignore-missing-files no-ignore-missing-files ignore-missing-version no-ignore-missing-version n/dry-run commit no-commit tag no-tag push-tag no-push-tag sign-tags no-sign-tags tag-name= tag-message= m/message= commit-args= allow-dirty no-allow-dirty allow-outside-repo new-version= to= color= v/verbose q/quiet h/help V/version
end

function __fish_bump_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_bump_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_bump_using_subcommand
    set -l cmd (__fish_bump_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c bump -n "__fish_bump_needs_command" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_needs_command" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_needs_command" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_needs_command" -l parse -d 'Regex parsing the version string' -r
complete -c bump -n "__fish_bump_needs_command" -l serialize -d 'How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)' -r
complete -c bump -n "__fish_bump_needs_command" -l search -d 'Template for the complete string to search' -r
complete -c bump -n "__fish_bump_needs_command" -l replace -d 'Template for the complete string to replace' -r
complete -c bump -n "__fish_bump_needs_command" -l tag-name -d 'Tag name template (used when tagging)' -r
complete -c bump -n "__fish_bump_needs_command" -l tag-message -d 'Tag message (empty: a lightweight tag)' -r
complete -c bump -n "__fish_bump_needs_command" -s m -l message -d 'Commit message' -r
complete -c bump -n "__fish_bump_needs_command" -l commit-args -d 'Extra arguments to `git commit`' -r
complete -c bump -n "__fish_bump_needs_command" -l new-version -d 'New version that should be in the files' -r
complete -c bump -n "__fish_bump_needs_command" -l to -d 'Set PART to this value instead of incrementing it' -r
complete -c bump -n "__fish_bump_needs_command" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_needs_command" -l regex -d 'Treat the search string as a regular expression'
complete -c bump -n "__fish_bump_needs_command" -l no-regex -d 'Treat the search string as literal text'
complete -c bump -n "__fish_bump_needs_command" -l no-configured-files -d 'Only change files named on the command line'
complete -c bump -n "__fish_bump_needs_command" -l ignore-missing-files -d 'Ignore configured files that are missing'
complete -c bump -n "__fish_bump_needs_command" -l no-ignore-missing-files
complete -c bump -n "__fish_bump_needs_command" -l ignore-missing-version -d 'Ignore files where the version is missing'
complete -c bump -n "__fish_bump_needs_command" -l no-ignore-missing-version
complete -c bump -n "__fish_bump_needs_command" -s n -l dry-run -d 'Change nothing; print the diff and the commit/tag that would be made'
complete -c bump -n "__fish_bump_needs_command" -l commit -d 'Commit to version control'
complete -c bump -n "__fish_bump_needs_command" -l no-commit -d 'Do not commit, whatever the config says'
complete -c bump -n "__fish_bump_needs_command" -l tag -d 'Create a tag in version control'
complete -c bump -n "__fish_bump_needs_command" -l no-tag -d 'Do not tag, whatever the config says'
complete -c bump -n "__fish_bump_needs_command" -l push-tag -d 'Push the tag (and moved `moveable_tags`) to `origin`, when there is such a remote'
complete -c bump -n "__fish_bump_needs_command" -l no-push-tag -d 'Do not push the tag, whatever the config says'
complete -c bump -n "__fish_bump_needs_command" -l sign-tags -d 'Sign tags if created'
complete -c bump -n "__fish_bump_needs_command" -l no-sign-tags -d 'Do not sign tags, whatever the config says'
complete -c bump -n "__fish_bump_needs_command" -l allow-dirty -d 'Don\'t abort if the working directory is dirty'
complete -c bump -n "__fish_bump_needs_command" -l no-allow-dirty -d 'Abort if the working directory is dirty, whatever the config says'
complete -c bump -n "__fish_bump_needs_command" -l allow-outside-repo -d 'Let files outside the repository root be changed (`../x`, absolute paths, symlinks to elsewhere); without it they are refused'
complete -c bump -n "__fish_bump_needs_command" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_needs_command" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bump -n "__fish_bump_needs_command" -s V -l version -d 'Print version'
complete -c bump -n "__fish_bump_needs_command" -a "bump" -d 'Change the version (the default command: `bump bump minor` = `bump minor`)'
complete -c bump -n "__fish_bump_needs_command" -a "show" -d 'Show configuration values: `bump show current_version`, `bump show files.0.filename`'
complete -c bump -n "__fish_bump_needs_command" -a "show-bump" -d 'Show the version each part bump would give'
complete -c bump -n "__fish_bump_needs_command" -a "replace" -d 'Replace the version in files without bumping, committing or tagging'
complete -c bump -n "__fish_bump_needs_command" -a "check" -d 'Verify that every configured location holds its version (and that a release tag matches)'
complete -c bump -n "__fish_bump_needs_command" -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c bump -n "__fish_bump_needs_command" -a "man" -d 'Print the man page (roff)'
complete -c bump -n "__fish_bump_needs_command" -a "pre" -d 'Start or continue a pre-release (needs `scheme`): `0.1.18` → `0.1.19-rc.1` → `0.1.19-rc.2`'
complete -c bump -n "__fish_bump_needs_command" -a "release" -d 'Finalize a pre-release (needs `scheme`): `0.1.19-rc.3` → `0.1.19`'
complete -c bump -n "__fish_bump_needs_command" -a "sample-config" -d 'Print a sample `.bumpversion.toml`'
complete -c bump -n "__fish_bump_needs_command" -a "init" -d 'Find the files that hold the version and write a `.bumpversion.toml` for them'
complete -c bump -n "__fish_bump_needs_command" -a "find" -d 'List every mention of VERSION, in any of its spellings, and flag those the config misses'
complete -c bump -n "__fish_bump_needs_command" -a "changelog" -d 'Print (or --write) the changelog section the next release would get, from conventional commits'
complete -c bump -n "__fish_bump_needs_command" -a "recover" -d 'Restore the tree an interrupted bump left half-done, from its journal'
complete -c bump -n "__fish_bump_needs_command" -a "next" -d 'Print the next version the conventional commits since the last release call for'
complete -c bump -n "__fish_bump_needs_command" -a "auto" -d 'Bump the part the conventional commits since the last release call for'
complete -c bump -n "__fish_bump_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c bump -n "__fish_bump_using_subcommand bump" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand bump" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l parse -d 'Regex parsing the version string' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l serialize -d 'How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l search -d 'Template for the complete string to search' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l replace -d 'Template for the complete string to replace' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l tag-name -d 'Tag name template (used when tagging)' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l tag-message -d 'Tag message (empty: a lightweight tag)' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -s m -l message -d 'Commit message' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l commit-args -d 'Extra arguments to `git commit`' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l new-version -d 'New version that should be in the files' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l to -d 'Set PART to this value instead of incrementing it' -r
complete -c bump -n "__fish_bump_using_subcommand bump" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand bump" -l regex -d 'Treat the search string as a regular expression'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-regex -d 'Treat the search string as literal text'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-configured-files -d 'Only change files named on the command line'
complete -c bump -n "__fish_bump_using_subcommand bump" -l ignore-missing-files -d 'Ignore configured files that are missing'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-ignore-missing-files
complete -c bump -n "__fish_bump_using_subcommand bump" -l ignore-missing-version -d 'Ignore files where the version is missing'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-ignore-missing-version
complete -c bump -n "__fish_bump_using_subcommand bump" -s n -l dry-run -d 'Change nothing; print the diff and the commit/tag that would be made'
complete -c bump -n "__fish_bump_using_subcommand bump" -l commit -d 'Commit to version control'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-commit -d 'Do not commit, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand bump" -l tag -d 'Create a tag in version control'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-tag -d 'Do not tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand bump" -l push-tag -d 'Push the tag (and moved `moveable_tags`) to `origin`, when there is such a remote'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-push-tag -d 'Do not push the tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand bump" -l sign-tags -d 'Sign tags if created'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-sign-tags -d 'Do not sign tags, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand bump" -l allow-dirty -d 'Don\'t abort if the working directory is dirty'
complete -c bump -n "__fish_bump_using_subcommand bump" -l no-allow-dirty -d 'Abort if the working directory is dirty, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand bump" -l allow-outside-repo -d 'Let files outside the repository root be changed (`../x`, absolute paths, symlinks to elsewhere); without it they are refused'
complete -c bump -n "__fish_bump_using_subcommand bump" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand bump" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand bump" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand show" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand show" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand show" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand show" -s f -l format -d 'Output format' -r -f -a "default\t''
yaml\t''
json\t''"
complete -c bump -n "__fish_bump_using_subcommand show" -s i -l increment -d 'Increment this part and add `new_version` to the values' -r
complete -c bump -n "__fish_bump_using_subcommand show" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand show" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand show" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand show" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand show-bump" -l config-file -d 'Config file to read (default: the one `bump` would find)' -r -F
complete -c bump -n "__fish_bump_using_subcommand show-bump" -l component -d 'The component to show, when the config declares components' -r
complete -c bump -n "__fish_bump_using_subcommand show-bump" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand show-bump" -l ascii -d 'Draw with ASCII characters only'
complete -c bump -n "__fish_bump_using_subcommand show-bump" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand show-bump" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand show-bump" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand replace" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand replace" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l new-version -d 'New version that should be in the files (default: the current version)' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l parse -d 'Regex parsing the version string' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l serialize -d 'How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l search -d 'Search template for every file (overrides the configured ones)' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l replace -d 'Replace template for every file (overrides the configured ones)' -r
complete -c bump -n "__fish_bump_using_subcommand replace" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand replace" -l regex -d 'Treat the search string as a regular expression'
complete -c bump -n "__fish_bump_using_subcommand replace" -l no-regex -d 'Treat the search string as literal text'
complete -c bump -n "__fish_bump_using_subcommand replace" -l no-configured-files -d 'Only change files named on the command line'
complete -c bump -n "__fish_bump_using_subcommand replace" -l ignore-missing-files -d 'Ignore configured files that are missing'
complete -c bump -n "__fish_bump_using_subcommand replace" -l ignore-missing-version -d 'Ignore files where the version is missing'
complete -c bump -n "__fish_bump_using_subcommand replace" -s n -l dry-run -d 'Change nothing; print the diff that would be made'
complete -c bump -n "__fish_bump_using_subcommand replace" -l allow-dirty -d 'Don\'t abort if the working directory is dirty'
complete -c bump -n "__fish_bump_using_subcommand replace" -l no-allow-dirty -d 'Abort if the working directory is dirty, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand replace" -l allow-outside-repo -d 'Let files outside the repository root be changed; without it they are refused'
complete -c bump -n "__fish_bump_using_subcommand replace" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand replace" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand replace" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand check" -l config-file -d 'Config file to read (default: the one `bump` would find)' -r -F
complete -c bump -n "__fish_bump_using_subcommand check" -l component -d 'Check only this component' -r
complete -c bump -n "__fish_bump_using_subcommand check" -l tag -d 'A release tag that must name the package version (`v` prefix optional). Without it, the tag of a CI tag build is used (GITHUB_REF_TYPE=tag, GITHUB_REF=refs/tags/..., CI_COMMIT_TAG, BITBUCKET_TAG)' -r
complete -c bump -n "__fish_bump_using_subcommand check" -l format -d 'Output format' -r -f -a "human\t'One line on success, `path:line: expected X, found Y` per problem'
github\t'GitHub Actions annotations (`::error file=PATH,line=N::message`)'
json\t'A JSON document (schema 1; see the README)'"
complete -c bump -n "__fish_bump_using_subcommand check" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand check" -l tag-from-head -d 'Check the release tag pointing at HEAD, if one does (an untagged HEAD passes)'
complete -c bump -n "__fish_bump_using_subcommand check" -l no-env-tag -d 'Do not read the release tag from CI environment variables'
complete -c bump -n "__fish_bump_using_subcommand check" -l tag-exists -d 'Fail when the tag for the current version already exists'
complete -c bump -n "__fish_bump_using_subcommand check" -l strict -d 'Fail when the config holds no location to check (no file entries, or only missing ones)'
complete -c bump -n "__fish_bump_using_subcommand check" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand check" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c bump -n "__fish_bump_using_subcommand completions" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand completions" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand completions" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand completions" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand man" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand man" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand man" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand man" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand pre" -l level -d 'Which release the pre-release leads to, when starting from a final release' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l label -d 'Pre-release label: alpha, beta or rc (default: rc, or the current label)' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand pre" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l parse -d 'Regex parsing the version string' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l serialize -d 'How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l search -d 'Template for the complete string to search' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l replace -d 'Template for the complete string to replace' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l tag-name -d 'Tag name template (used when tagging)' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l tag-message -d 'Tag message (empty: a lightweight tag)' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -s m -l message -d 'Commit message' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l commit-args -d 'Extra arguments to `git commit`' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l new-version -d 'New version that should be in the files' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l to -d 'Set PART to this value instead of incrementing it' -r
complete -c bump -n "__fish_bump_using_subcommand pre" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand pre" -l regex -d 'Treat the search string as a regular expression'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-regex -d 'Treat the search string as literal text'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-configured-files -d 'Only change files named on the command line'
complete -c bump -n "__fish_bump_using_subcommand pre" -l ignore-missing-files -d 'Ignore configured files that are missing'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-ignore-missing-files
complete -c bump -n "__fish_bump_using_subcommand pre" -l ignore-missing-version -d 'Ignore files where the version is missing'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-ignore-missing-version
complete -c bump -n "__fish_bump_using_subcommand pre" -s n -l dry-run -d 'Change nothing; print the diff and the commit/tag that would be made'
complete -c bump -n "__fish_bump_using_subcommand pre" -l commit -d 'Commit to version control'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-commit -d 'Do not commit, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand pre" -l tag -d 'Create a tag in version control'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-tag -d 'Do not tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand pre" -l push-tag -d 'Push the tag (and moved `moveable_tags`) to `origin`, when there is such a remote'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-push-tag -d 'Do not push the tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand pre" -l sign-tags -d 'Sign tags if created'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-sign-tags -d 'Do not sign tags, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand pre" -l allow-dirty -d 'Don\'t abort if the working directory is dirty'
complete -c bump -n "__fish_bump_using_subcommand pre" -l no-allow-dirty -d 'Abort if the working directory is dirty, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand pre" -l allow-outside-repo -d 'Let files outside the repository root be changed (`../x`, absolute paths, symlinks to elsewhere); without it they are refused'
complete -c bump -n "__fish_bump_using_subcommand pre" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand pre" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand pre" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand release" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand release" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l parse -d 'Regex parsing the version string' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l serialize -d 'How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l search -d 'Template for the complete string to search' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l replace -d 'Template for the complete string to replace' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l tag-name -d 'Tag name template (used when tagging)' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l tag-message -d 'Tag message (empty: a lightweight tag)' -r
complete -c bump -n "__fish_bump_using_subcommand release" -s m -l message -d 'Commit message' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l commit-args -d 'Extra arguments to `git commit`' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l new-version -d 'New version that should be in the files' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l to -d 'Set PART to this value instead of incrementing it' -r
complete -c bump -n "__fish_bump_using_subcommand release" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand release" -l regex -d 'Treat the search string as a regular expression'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-regex -d 'Treat the search string as literal text'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-configured-files -d 'Only change files named on the command line'
complete -c bump -n "__fish_bump_using_subcommand release" -l ignore-missing-files -d 'Ignore configured files that are missing'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-ignore-missing-files
complete -c bump -n "__fish_bump_using_subcommand release" -l ignore-missing-version -d 'Ignore files where the version is missing'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-ignore-missing-version
complete -c bump -n "__fish_bump_using_subcommand release" -s n -l dry-run -d 'Change nothing; print the diff and the commit/tag that would be made'
complete -c bump -n "__fish_bump_using_subcommand release" -l commit -d 'Commit to version control'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-commit -d 'Do not commit, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand release" -l tag -d 'Create a tag in version control'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-tag -d 'Do not tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand release" -l push-tag -d 'Push the tag (and moved `moveable_tags`) to `origin`, when there is such a remote'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-push-tag -d 'Do not push the tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand release" -l sign-tags -d 'Sign tags if created'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-sign-tags -d 'Do not sign tags, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand release" -l allow-dirty -d 'Don\'t abort if the working directory is dirty'
complete -c bump -n "__fish_bump_using_subcommand release" -l no-allow-dirty -d 'Abort if the working directory is dirty, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand release" -l allow-outside-repo -d 'Let files outside the repository root be changed (`../x`, absolute paths, symlinks to elsewhere); without it they are refused'
complete -c bump -n "__fish_bump_using_subcommand release" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand release" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand release" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand sample-config" -l destination -d 'Write the sample here instead of printing it' -r -F
complete -c bump -n "__fish_bump_using_subcommand sample-config" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand sample-config" -l no-prompt -d 'Accepted for compatibility; bump never prompts'
complete -c bump -n "__fish_bump_using_subcommand sample-config" -l prompt
complete -c bump -n "__fish_bump_using_subcommand sample-config" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand sample-config" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand sample-config" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand init" -l include -d 'Survey files matching GLOB too, even under tests/, test/, examples/, docs/, fixtures/, vendor/, node_modules/ or third_party/ (skipped by default); a README or other file without a kind is searched for the version. Repeatable' -r
complete -c bump -n "__fish_bump_using_subcommand init" -l exclude -d 'Never survey files matching GLOB. Repeatable' -r
complete -c bump -n "__fish_bump_using_subcommand init" -l current-version -d 'The project\'s current version, instead of the one the root manifest (pyproject.toml, setup.cfg, setup.py, package.json, Cargo.toml, Chart.yaml, VERSION) or most files hold' -r
complete -c bump -n "__fish_bump_using_subcommand init" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand init" -s n -l dry-run -d 'Print the configuration instead of writing `.bumpversion.toml`'
complete -c bump -n "__fish_bump_using_subcommand init" -l force -d 'Overwrite an existing `.bumpversion.toml`'
complete -c bump -n "__fish_bump_using_subcommand init" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand init" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand init" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand find" -l config-file -d 'Config file whose files count as covered (default: the one `bump` would read)' -r -F
complete -c bump -n "__fish_bump_using_subcommand find" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand find" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand find" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand find" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand changelog" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand changelog" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand changelog" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand changelog" -l format -d 'Output format: the Markdown, or the parsed commits and their grouping as JSON' -r -f -a "text\t''
json\t''"
complete -c bump -n "__fish_bump_using_subcommand changelog" -s o -l output -d 'Print to FILE instead of standard output' -r -F
complete -c bump -n "__fish_bump_using_subcommand changelog" -l new-version -d 'Version of the release section (default: the one the commits call for)' -r
complete -c bump -n "__fish_bump_using_subcommand changelog" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand changelog" -l write -d 'Update the changelog file instead of only printing'
complete -c bump -n "__fish_bump_using_subcommand changelog" -l unreleased -d 'Fill the Unreleased section instead of a release section'
complete -c bump -n "__fish_bump_using_subcommand changelog" -l all -d 'A section for every release tag in history (to start a changelog for an existing project; with --write, sections already in the file are kept as they are)'
complete -c bump -n "__fish_bump_using_subcommand changelog" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand changelog" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand changelog" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand recover" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand recover" -l discard -d 'Remove the journal without applying it (after looking at what it holds)'
complete -c bump -n "__fish_bump_using_subcommand recover" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand recover" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand recover" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand next" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand next" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand next" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand next" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand next" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand next" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand next" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand auto" -l config-file -d 'Config file to read (default: search `.bumpversion.cfg`, `.bumpversion.toml`, `setup.cfg`, `pyproject.toml` up to the repository root)' -r -F
complete -c bump -n "__fish_bump_using_subcommand auto" -l current-version -d 'The current version, instead of the config\'s `current_version`' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l component -d 'The component to act on, when the config declares `[tool.bumpversion.components.NAME]`' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l parse -d 'Regex parsing the version string' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l serialize -d 'How to format what is parsed back to a version (repeatable; or BUMPVERSION_SERIALIZE, formats separated by spaces)' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l search -d 'Template for the complete string to search' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l replace -d 'Template for the complete string to replace' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l tag-name -d 'Tag name template (used when tagging)' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l tag-message -d 'Tag message (empty: a lightweight tag)' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -s m -l message -d 'Commit message' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l commit-args -d 'Extra arguments to `git commit`' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l new-version -d 'New version that should be in the files' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l to -d 'Set PART to this value instead of incrementing it' -r
complete -c bump -n "__fish_bump_using_subcommand auto" -l color -d 'When to color output (auto: on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c bump -n "__fish_bump_using_subcommand auto" -l regex -d 'Treat the search string as a regular expression'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-regex -d 'Treat the search string as literal text'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-configured-files -d 'Only change files named on the command line'
complete -c bump -n "__fish_bump_using_subcommand auto" -l ignore-missing-files -d 'Ignore configured files that are missing'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-ignore-missing-files
complete -c bump -n "__fish_bump_using_subcommand auto" -l ignore-missing-version -d 'Ignore files where the version is missing'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-ignore-missing-version
complete -c bump -n "__fish_bump_using_subcommand auto" -s n -l dry-run -d 'Change nothing; print the diff and the commit/tag that would be made'
complete -c bump -n "__fish_bump_using_subcommand auto" -l commit -d 'Commit to version control'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-commit -d 'Do not commit, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand auto" -l tag -d 'Create a tag in version control'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-tag -d 'Do not tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand auto" -l push-tag -d 'Push the tag (and moved `moveable_tags`) to `origin`, when there is such a remote'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-push-tag -d 'Do not push the tag, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand auto" -l sign-tags -d 'Sign tags if created'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-sign-tags -d 'Do not sign tags, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand auto" -l allow-dirty -d 'Don\'t abort if the working directory is dirty'
complete -c bump -n "__fish_bump_using_subcommand auto" -l no-allow-dirty -d 'Abort if the working directory is dirty, whatever the config says'
complete -c bump -n "__fish_bump_using_subcommand auto" -l allow-outside-repo -d 'Let files outside the repository root be changed (`../x`, absolute paths, symlinks to elsewhere); without it they are refused'
complete -c bump -n "__fish_bump_using_subcommand auto" -s v -l verbose -d 'More output (repeat for more)'
complete -c bump -n "__fish_bump_using_subcommand auto" -s q -l quiet -d 'Print only errors on stderr (no status or warnings); data on stdout is printed as ever'
complete -c bump -n "__fish_bump_using_subcommand auto" -s h -l help -d 'Print help'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "bump" -d 'Change the version (the default command: `bump bump minor` = `bump minor`)'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "show" -d 'Show configuration values: `bump show current_version`, `bump show files.0.filename`'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "show-bump" -d 'Show the version each part bump would give'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "replace" -d 'Replace the version in files without bumping, committing or tagging'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "check" -d 'Verify that every configured location holds its version (and that a release tag matches)'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "man" -d 'Print the man page (roff)'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "pre" -d 'Start or continue a pre-release (needs `scheme`): `0.1.18` → `0.1.19-rc.1` → `0.1.19-rc.2`'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "release" -d 'Finalize a pre-release (needs `scheme`): `0.1.19-rc.3` → `0.1.19`'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "sample-config" -d 'Print a sample `.bumpversion.toml`'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "init" -d 'Find the files that hold the version and write a `.bumpversion.toml` for them'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "find" -d 'List every mention of VERSION, in any of its spellings, and flag those the config misses'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "changelog" -d 'Print (or --write) the changelog section the next release would get, from conventional commits'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "recover" -d 'Restore the tree an interrupted bump left half-done, from its journal'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "next" -d 'Print the next version the conventional commits since the last release call for'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "auto" -d 'Bump the part the conventional commits since the last release call for'
complete -c bump -n "__fish_bump_using_subcommand help; and not __fish_seen_subcommand_from bump show show-bump replace check completions man pre release sample-config init find changelog recover next auto help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
