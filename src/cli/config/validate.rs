//! `openclaw config validate`.

use serde_json::json;

use crate::cli::{CmdResult, Ctx, Exit};
use crate::config::{self, ConfigError};

/// Check gateway.json5 and report the first error and every warning
///
/// Reads the file as every command does (JSON5 syntax, types, `${VAR}` references, agent ids,
/// bindings, time zone, …). Prints `ok` and exits 0 when it loads; otherwise prints the error
/// with file:line:col and exits 1. Unknown keys are warnings on stderr, not errors.
///
/// Examples:
///   openclaw config validate
///   openclaw config validate --json | jq .ok
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Validates the configuration file.
pub fn cmd_validate(ctx: &Ctx, _args: &Args) -> CmdResult {
    ctx.home.require()?;
    let path = ctx.home.config_path();
    match config::load(&path) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                ctx.printer.warn(w);
            }
            if ctx.printer.json {
                ctx.printer.json_doc(&json!({ "ok": true, "path": path, "warnings": loaded.warnings }))?;
            } else {
                let n = loaded.warnings.len();
                match n {
                    0 => ctx.printer.status("ok")?,
                    1 => ctx.printer.status("ok (1 warning)")?,
                    n => ctx.printer.status(format!("ok ({n} warnings)"))?,
                }
            }
            Ok(Exit::Success)
        }
        Err(e) if ctx.printer.json => {
            let error = match &e {
                ConfigError::Invalid { line, col, message, hint, .. } => {
                    json!({ "message": message, "line": line, "col": col, "hint": hint })
                }
                other => json!({ "message": other.to_string(), "hint": other.hint() }),
            };
            ctx.printer.json_doc(&json!({ "ok": false, "path": path, "error": error }))?;
            Ok(Exit::Failure)
        }
        Err(e) => Err(e.into()),
    }
}
