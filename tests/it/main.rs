//! The integration tests: one binary (each test file a module), so the library and its
//! dependencies are linked once. Every test runs the real `bump` binary in a temp dir, real git
//! included (see `common`).

mod arguments;
mod bytes_preserved;
mod changelog;
mod changelog_components;
mod changelog_edits;
mod changelog_history;
mod check;
mod clean_states;
mod cli;
mod cmd;
mod common;
mod completions;
mod config_formats;
mod departures;
mod errors;
mod exit_codes;
mod faults;
mod git_commands;
mod git_release;
mod hooks;
mod hostile;
mod init;
mod init_fixtures;
mod init_layouts;
mod invariant;
mod kinds;
mod locations;
mod output;
mod planted_journal;
mod prerelease;
mod prerelease_flow;
mod recorded;
mod show;
mod suggestions;
mod templates;
