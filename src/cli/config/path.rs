//! `openclaw config path`.

use std::io::Write;

use crate::cli::{CmdResult, Ctx, Exit};

/// Print the path of gateway.json5
///
/// Works whether or not the file exists yet, so scripts can find it (`$EDITOR "$(openclaw
/// config path)"`). With --json, also says whether it exists.
///
/// Examples:
///   openclaw config path
///   vi "$(openclaw config path)"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Prints the config file's path.
pub fn cmd_path(ctx: &Ctx, _args: &Args) -> CmdResult {
    let path = ctx.home.config_path();
    if ctx.printer.json {
        ctx.printer.json_doc(&serde_json::json!({ "path": path, "exists": path.is_file() }))?;
    } else {
        let mut out = ctx.printer.stdout();
        writeln!(out, "{}", path.display())?;
        out.flush()?;
    }
    Ok(Exit::Success)
}
