//! `openclaw node invoke`.

use std::io::Write as _;

use serde_json::{Value, json};

use crate::cli::{CmdResult, Ctx, Exit, hinted, usage};

/// Run one command on a connected node, through the gateway.
///
/// COMMAND is one of system.info, system.run, file.read, file.write, notify; ARGS is a JSON
/// object (system.run: {"command": "uptime"}; file.read: {"path": "notes.txt"}; file.write:
/// {"path", "content"}; notify: {"text", "title"}). The node applies its own policy and may
/// refuse. Prints the node's answer; exits 1 when the node refused or the command failed.
/// Needs the gateway running.
///
/// Examples:
///   openclaw node invoke pi system.info
///   openclaw node invoke pi system.run '{"command": "uptime"}'
///   openclaw node invoke pi notify '{"text": "backup done"}' --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The node's name
    node: String,
    /// What to run, e.g. system.run
    command: String,
    /// Its arguments, a JSON object
    args: Option<String>,
    /// Seconds to wait for the answer
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

/// Sends the request and prints the answer.
pub fn cmd_invoke(ctx: &Ctx, args: &Args) -> CmdResult {
    let node_args: Value = match &args.args {
        None => json!({}),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => return Err(usage("ARGS must be a JSON object, e.g. '{\"command\": \"uptime\"}'")),
            Err(e) => return Err(usage(format!("ARGS is not JSON: {e}"))),
        },
    };
    let loaded = ctx.load_config()?;
    let Some(client) = crate::cli::gateway::Client::find(ctx, &loaded.config) else {
        return Err(hinted(
            "the gateway is not running",
            "node invoke goes through it: openclaw gateway start",
        ));
    };
    let body =
        json!({"node": args.node, "command": args.command, "args": node_args, "timeout": args.timeout});
    let answer = client.post("/api/nodes/invoke", &body, &mut |_| {})?;
    let ok = answer["ok"] == true;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&answer)?;
    } else {
        let content = answer["content"].as_str().unwrap_or("");
        if ok {
            let mut out = p.stdout();
            out.write_all(content.as_bytes())?;
            if !content.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            out.flush()?;
        } else {
            p.error(&format!("node {} refused or failed: {}", args.node, content.trim_end()), None);
        }
    }
    Ok(if ok { Exit::Success } else { Exit::Failure })
}
