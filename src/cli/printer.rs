//! All human output: status and warnings to stderr, data to stdout; quiet/verbose and color
//! decided once here.
//!
//! Every method that writes returns its `io::Result`, and callers pass it on with `?`: `main`
//! turns a closed stdout pipe into a quiet exit 0 and any other write error (a full disk) into
//! one error line and exit 1 (see [`super::Failure`]). Colors follow `--color`, and with `auto`
//! what [`anstream`] reads from the environment (`NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`,
//! `TERM`) and whether the stream is a terminal; colored text goes out through an
//! [`AutoStream`], which also drives a Windows console that does not understand ANSI. Without
//! color nothing is styled, and the text is written byte for byte.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::io::{self, Write};

use anstream::stream::{AsLockedWrite, RawStream};
use anstream::AutoStream;
use anstyle::{AnsiColor, Style};

use super::args::ColorChoice;

#[derive(Debug)]
pub struct Printer {
    pub quiet: bool,
    pub verbose: u8,
    color: ColorChoice,
    /// Whether each stream gets colors, decided at its first write (most runs write to one).
    color_err: OnceCell<bool>,
    color_out: OnceCell<bool>,
}

/// One line of `-vv` tracing (a git command about to run), to stderr as it happens. A write
/// that fails is dropped: tracing must not change what the command does.
pub fn trace(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default();
const DIM: Style = Style::new().dimmed();

/// Whether text written to `raw` gets colors.
fn colored<S: RawStream>(choice: ColorChoice, raw: &S) -> bool {
    let choice = match choice {
        ColorChoice::Always => return true,
        ColorChoice::Never => return false,
        ColorChoice::Auto => AutoStream::choice(raw),
    };
    choice != anstream::ColorChoice::Never
}

/// `text` written whole to `raw`, through an [`AutoStream`] when it holds colors.
fn emit<S: RawStream + AsLockedWrite>(mut raw: S, color: bool, text: &str) -> io::Result<()> {
    if color {
        let mut stream = AutoStream::new(raw, anstream::ColorChoice::Always);
        stream.write_all(text.as_bytes())?;
        stream.flush()
    } else {
        raw.write_all(text.as_bytes())?;
        raw.flush()
    }
}

fn paint(on: bool, style: Style, text: &str) -> Cow<'_, str> {
    if on {
        Cow::Owned(format!("{style}{text}{style:#}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` ending with a newline, which it gets unless it has one.
fn line(text: &str) -> Cow<'_, str> {
    if text.ends_with('\n') {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("{text}\n"))
    }
}

impl Printer {
    pub fn new(color: ColorChoice, quiet: bool, verbose: u8) -> Self {
        Printer {
            quiet,
            verbose,
            color,
            color_err: OnceCell::new(),
            color_out: OnceCell::new(),
        }
    }

    fn color_err(&self) -> bool {
        *self
            .color_err
            .get_or_init(|| colored(self.color, &io::stderr()))
    }

    fn color_out(&self) -> bool {
        *self
            .color_out
            .get_or_init(|| colored(self.color, &io::stdout()))
    }

    /// `msg` and a newline on stderr.
    fn err_line(&self, msg: &str) -> io::Result<()> {
        emit(io::stderr().lock(), self.color_err(), &format!("{msg}\n"))
    }

    /// A status line (stderr), hidden by `-q`.
    pub fn status(&self, msg: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.err_line(msg)
    }

    /// A success line (stderr), hidden by `-q`.
    pub fn success(&self, msg: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.err_line(&paint(self.color_err(), GREEN, msg))
    }

    /// Detail shown with `-v`.
    pub fn detail(&self, msg: &str) -> io::Result<()> {
        if self.verbose == 0 || self.quiet {
            return Ok(());
        }
        self.err_line(&paint(self.color_err(), DIM, msg))
    }

    /// A warning (stderr), hidden by `-q`.
    pub fn warn(&self, msg: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let label = paint(self.color_err(), YELLOW, "warning:");
        self.err_line(&format!("{label} {msg}"))
    }

    /// An error (stderr), shown even with `-q`.
    pub fn error(&self, msg: &str) -> io::Result<()> {
        let label = paint(self.color_err(), RED, "error:");
        self.err_line(&format!("{label} {msg}"))
    }

    /// Data on stdout, ending with a newline.
    pub fn out(&self, text: &str) -> io::Result<()> {
        emit(io::stdout().lock(), self.color_out(), &line(text))
    }

    /// A unified diff of one file (stdout), colored when stdout gets colors.
    pub fn diff(&self, path: &str, before: &str, after: &str) -> io::Result<()> {
        let diff = similar::TextDiff::from_lines(before, after);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        if !self.color_out() {
            return self.out(&text);
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
            colored.push_str(&paint(true, style, line.trim_end_matches('\n')));
            if line.ends_with('\n') {
                colored.push('\n');
            }
        }
        self.out(&colored)
    }
}
