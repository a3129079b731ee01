//! `openclaw gateway logs`.

use std::io::{Read, Seek, SeekFrom, Write};
use std::time::Duration;

use anyhow::Context as _;

use super::super::{CmdResult, Ctx, Exit};

/// Print the gateway's log (logs/gateway.log).
///
/// Shows the last lines; -f keeps printing new lines as they are written until Ctrl-C. Lines
/// are timestamped (UTC) with a level; message text and secrets are never logged.
///
/// Examples:
///   openclaw gateway logs
///   openclaw gateway logs -f
///   openclaw gateway logs -n 500 | grep WARN
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
    let mut out = ctx.printer.stdout();
    let all = String::from_utf8_lossy(&text);
    let lines: Vec<&str> = all.lines().collect();
    for l in &lines[lines.len().saturating_sub(args.lines)..] {
        writeln!(out, "{l}")?;
    }
    out.flush()?;
    if !args.follow {
        return Ok(Exit::Success);
    }
    let mut pos = text.len() as u64;
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
        out.write_all(&buf)?;
        out.flush()?;
    }
}
