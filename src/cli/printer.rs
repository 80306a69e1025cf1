//! All human output: status and warnings to stderr, data to stdout; quiet/verbose and color
//! (`--color`, `NO_COLOR`, a terminal or not) decided once here.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};

use super::args::ColorChoice;

#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub quiet: bool,
    pub verbose: u8,
    color_err: bool,
    color_out: bool,
}

const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default();
const DIM: Style = Style::new().dimmed();

impl Printer {
    pub fn new(color: ColorChoice, quiet: bool, verbose: u8) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let pick = |tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Printer {
            quiet,
            verbose,
            color_err: pick(std::io::stderr().is_terminal()),
            color_out: pick(std::io::stdout().is_terminal()),
        }
    }

    fn paint(on: bool, style: Style, text: &str) -> String {
        if on {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// A status line (stderr), hidden by `-q`.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{msg}");
        }
    }

    /// A success line (stderr), hidden by `-q`.
    pub fn success(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                Self::paint(self.color_err, GREEN, msg)
            );
        }
    }

    /// Detail shown with `-v`.
    pub fn detail(&self, msg: &str) {
        if self.verbose > 0 && !self.quiet {
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                Self::paint(self.color_err, DIM, msg)
            );
        }
    }

    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            let label = Self::paint(self.color_err, YELLOW, "warning:");
            let _ = writeln!(std::io::stderr(), "{label} {msg}");
        }
    }

    pub fn error(&self, msg: &str) {
        let label = Self::paint(self.color_err, RED, "error:");
        let _ = writeln!(std::io::stderr(), "{label} {msg}");
    }

    /// Data on stdout. A closed pipe is not an error.
    pub fn out(&self, text: &str) {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = o.write_all(b"\n");
        }
    }

    /// A unified diff of one file, colored when stdout is a terminal.
    pub fn diff(&self, path: &str, before: &str, after: &str) {
        let diff = similar::TextDiff::from_lines(before, after);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        if !self.color_out {
            self.out(&text);
            return;
        }
        let mut colored = String::with_capacity(text.len() + 64);
        for line in text.split_inclusive('\n') {
            let style = if line.starts_with("+++") || line.starts_with("---") {
                Style::new().bold()
            } else if line.starts_with('+') {
                AnsiColor::Green.on_default()
            } else if line.starts_with('-') {
                AnsiColor::Red.on_default()
            } else if line.starts_with("@@") {
                AnsiColor::Cyan.on_default()
            } else {
                Style::new()
            };
            colored.push_str(&Self::paint(true, style, line.trim_end_matches('\n')));
            if line.ends_with('\n') {
                colored.push('\n');
            }
        }
        self.out(&colored);
    }
}
