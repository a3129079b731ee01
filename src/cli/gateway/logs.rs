//! `openclaw gateway logs`.

use std::io::{Read, Seek, SeekFrom, Write};
use std::time::Duration;

use anyhow::Context as _;

use super::super::{CmdResult, Ctx, Exit};

/// Print the gateway's log (logs/gateway.log).
///
/// Shows the last lines; -f keeps printing new lines as they are written until Ctrl-C. Lines
/// are timestamped (UTC) with a level; message text and secrets are never logged. With --json,
/// each line is one JSON object (JSON Lines): {"time", "level", "message"}; a line not in
/// that form (a panic message, say) has "time" and "level" null and the whole line as
/// "message".
///
/// Examples:
///   openclaw gateway logs
///   openclaw gateway logs -f
///   openclaw gateway logs -n 500 | grep WARN
///   openclaw gateway logs --json | jq -r 'select(.level == "ERROR") | .message'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Keep printing new lines
    #[arg(short, long)]
    pub follow: bool,
    /// How many lines to show first
    #[arg(short = 'n', long, default_value_t = 50)]
    pub lines: usize,
}

/// Prints (and follows) the log.
pub fn cmd_logs(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let path = ctx.home.logs_dir().join("gateway.log");
    let text = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && args.follow => Vec::new(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            anyhow::bail!(
                "no log yet at {} (the gateway logs there when started in the background)",
                path.display()
            )
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let json = ctx.printer.json;
    let mut out = ctx.printer.stdout();
    let all = String::from_utf8_lossy(&text);
    let lines: Vec<&str> = all.lines().collect();
    for l in &lines[lines.len().saturating_sub(args.lines)..] {
        write_line(&mut out, l, json)?;
    }
    out.flush()?;
    if !args.follow {
        return Ok(Exit::Success);
    }
    let mut pos = text.len() as u64;
    // A line written in two pieces is printed once it is whole.
    let mut partial: Vec<u8> = Vec::new();
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let Ok(mut f) = std::fs::File::open(&path) else { continue };
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        if len < pos {
            pos = 0; // rotated or truncated
        }
        if len == pos {
            continue;
        }
        f.seek(SeekFrom::Start(pos))?;
        let mut buf = Vec::new();
        f.take(len - pos).read_to_end(&mut buf)?;
        pos += buf.len() as u64;
        partial.extend_from_slice(&buf);
        let Some(end) = partial.iter().rposition(|b| *b == b'\n') else { continue };
        let whole: Vec<u8> = partial.drain(..=end).collect();
        for l in String::from_utf8_lossy(&whole).lines() {
            write_line(&mut out, l, json)?;
        }
        out.flush()?;
    }
}

/// Writes one log line as it is, or as a JSON object.
fn write_line(out: &mut impl Write, line: &str, json: bool) -> std::io::Result<()> {
    if !json {
        return writeln!(out, "{line}");
    }
    crate::cli::Printer::json_line(out, &parse_line(line))
}

/// `2026-11-24T01:02:03.456Z INFO  message` as `{"time", "level", "message"}` (see
/// [`crate::gateway::log::write`]); any other line as its message alone.
fn parse_line(line: &str) -> serde_json::Value {
    let parsed = line.split_once(' ').and_then(|(time, rest)| {
        time.parse::<jiff::Timestamp>().ok()?;
        let (level, message) = rest.split_once(' ').unwrap_or((rest, ""));
        ["ERROR", "WARN", "INFO", "DEBUG"].contains(&level).then(|| (time, level, message.trim_start()))
    });
    match parsed {
        Some((time, level, message)) => {
            serde_json::json!({ "time": time, "level": level, "message": message })
        }
        None => serde_json::json!({ "time": null, "level": null, "message": line }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn log_lines_become_objects() {
        assert_eq!(
            super::parse_line("2026-11-24T01:02:03.456Z INFO  config reloaded: 2 agents"),
            json!({"time": "2026-11-24T01:02:03.456Z", "level": "INFO", "message": "config reloaded: 2 agents"})
        );
        assert_eq!(
            super::parse_line("2026-11-24T01:02:03.456Z ERROR config not reloaded: x"),
            json!({"time": "2026-11-24T01:02:03.456Z", "level": "ERROR", "message": "config not reloaded: x"})
        );
        assert_eq!(
            super::parse_line("thread 'main' panicked at src/x.rs:1:1"),
            json!({"time": null, "level": null, "message": "thread 'main' panicked at src/x.rs:1:1"})
        );
        assert_eq!(
            super::parse_line("2026-11-24T01:02:03.456Z NOTE x"),
            json!({"time": null, "level": null, "message": "2026-11-24T01:02:03.456Z NOTE x"})
        );
    }
}
