//! `openclaw config validate`.

use serde_json::json;

use crate::cli::{CmdResult, Ctx, Exit};
use crate::config::{self, ConfigError};
use crate::provider::readiness;

/// Check gateway.json5 and report the first error and every warning
///
/// Reads the file as every command does (JSON5 syntax, types, `${VAR}` references, agent ids,
/// bindings, time zone, …). Prints `ok` and exits 0 when it loads; otherwise prints the error
/// with file:line:col and exits 1. Unknown keys are warnings on stderr, not errors.
/// It also says, per agent, whether a model can answer (without contacting it): no model set,
/// a provider that is neither configured nor built in, a key whose variable is not set. Such an
/// agent is a warning with what to do, and the `ok` line names it; the file itself is valid, so
/// the exit code stays 0 (`--json`: `ready` and `agents`).
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
            let readiness = readiness::check(&loaded.config);
            let notes: Vec<_> = readiness.iter().flat_map(|r| r.notes()).collect();
            for note in &notes {
                ctx.printer.warn(&note.message);
                ctx.printer.hint(&note.hint);
            }
            let unready: Vec<&str> =
                readiness.iter().filter(|r| !r.ready()).map(|r| r.agent.as_str()).collect();
            if ctx.printer.json {
                ctx.printer.json_doc(&json!({
                    "ok": true, "path": path, "warnings": loaded.warnings,
                    "ready": unready.is_empty(), "agents": readiness,
                }))?;
            } else {
                let n = loaded.warnings.len() + notes.len();
                let mut line = match n {
                    0 => "ok".to_string(),
                    1 => "ok (1 warning)".to_string(),
                    n => format!("ok ({n} warnings)"),
                };
                if !unready.is_empty() {
                    let s = if unready.len() == 1 { "" } else { "s" };
                    line.push_str(&format!("; no model can answer for agent{s} {}", unready.join(", ")));
                }
                ctx.printer.status(line)?;
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
