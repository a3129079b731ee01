//! The one printer: it decides between human text, `--json`, `--quiet`, colour and progress bars,
//! so commands never look at terminals or flags themselves.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// How output is shaped for this run.
#[derive(Debug, Clone)]
pub struct Printer {
    /// `--json`: one JSON document (or JSON Lines) on stdout, nothing else there.
    pub json: bool,
    /// `-q`: only data and errors.
    pub quiet: bool,
    /// `-v` count.
    pub verbose: u8,
    color_out: bool,
    color_err: bool,
    interactive: bool,
    progress: bool,
}

impl Printer {
    /// Builds a printer from the global flags and the terminals we are attached to.
    pub fn new(json: bool, quiet: bool, verbose: u8, color: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let want = |tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let out_tty = io::stdout().is_terminal();
        let err_tty = io::stderr().is_terminal();
        Self {
            json,
            quiet,
            verbose,
            color_out: want(out_tty) && !json,
            color_err: want(err_tty),
            interactive: io::stdin().is_terminal() && err_tty,
            progress: err_tty && !quiet,
        }
    }

    /// Buffered stdout; call `flush()` at the end so a closed pipe is noticed.
    pub fn stdout(&self) -> BufWriter<StdoutLock<'static>> {
        BufWriter::with_capacity(64 * 1024, io::stdout().lock())
    }

    /// Whether stdout gets ANSI colour.
    pub fn color(&self) -> bool {
        self.color_out
    }

    /// Whether prompts may be shown (stdin and stderr are terminals).
    pub fn interactive(&self) -> bool {
        self.interactive
    }

    /// Prints `value` as one pretty JSON document on stdout.
    pub fn json_doc<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut out = self.stdout();
        serde_json::to_writer_pretty(&mut out, value)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Writes `value` as one compact JSON line (for streams, `--json` on grep and show).
    pub fn json_line<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut *out, value)?;
        out.write_all(b"\n")
    }

    /// A human status line on stdout; silent under `--json` and `--quiet`.
    pub fn status(&self, msg: impl AsRef<str>) -> io::Result<()> {
        if self.json || self.quiet {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        writeln!(out, "{}", msg.as_ref())?;
        out.flush()
    }

    /// `warning: …` on stderr, unless `--quiet`.
    pub fn warn(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            let label = self.paint_err("warning", "33;1");
            let _ = writeln!(io::stderr().lock(), "{label}: {}", msg.as_ref());
        }
    }

    /// `hint: …` on stderr (after a warning), unless `--quiet`.
    pub fn hint(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            let label = self.paint_err("hint", "36;1");
            let _ = writeln!(io::stderr().lock(), "{label}: {}", msg.as_ref());
        }
    }

    /// A detail on stderr, only with `-v`.
    pub fn verbose(&self, msg: impl AsRef<str>) {
        if self.verbose > 0 {
            let _ = writeln!(io::stderr().lock(), "{}", msg.as_ref());
        }
    }

    /// `error: …` (and `hint: …`) on stderr.
    pub fn error(&self, msg: &str, hint: Option<&str>) {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{}: {msg}", self.paint_err("error", "31;1"));
        if let Some(hint) = hint {
            let _ = writeln!(err, "{}: {hint}", self.paint_err("hint", "36;1"));
        }
    }

    /// A progress bar on stderr when it is a terminal; hidden (and free) otherwise.
    pub fn progress(&self, len: u64, what: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        bar
    }

    /// Wraps `text` in an SGR colour when stdout is coloured.
    pub fn paint(&self, text: &str, sgr: &str) -> String {
        paint(self.color_out, text, sgr)
    }

    /// Wraps `text` in an SGR colour when stderr is coloured.
    pub fn paint_err(&self, text: &str, sgr: &str) -> String {
        paint(self.color_err, text, sgr)
    }
}

fn paint(on: bool, text: &str, sgr: &str) -> String {
    if on { format!("\x1b[{sgr}m{text}\x1b[0m") } else { text.to_string() }
}

/// A short human size: `512 B`, `3.4 KiB`, `12.0 MiB`.
pub fn human_bytes(n: u64) -> String {
    match n {
        0..1024 => format!("{n} B"),
        1024..1_048_576 => format!("{:.1} KiB", n as f64 / 1024.0),
        _ => format!("{:.1} MiB", n as f64 / 1_048_576.0),
    }
}

/// Renders rows as left-aligned columns separated by two spaces (the last column unpadded).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: &mut dyn Iterator<Item = &str>| {
        let mut line = String::new();
        for (i, cell) in cells.enumerate() {
            if i + 1 < cols {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count() + 2));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_row(&mut header.iter().copied());
    for row in rows {
        push_row(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_aligns_columns() {
        let t = super::table(
            &["KEY", "N"],
            &[vec!["agent:main:main".into(), "3".into()], vec!["a".into(), "10".into()]],
        );
        assert_eq!(t, "KEY              N\nagent:main:main  3\na                10\n");
    }
}
