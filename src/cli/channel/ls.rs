//! `openclaw channel ls`.

use std::io::Write as _;

use serde_json::{Value, json};

use crate::channel::kind;
use crate::cli::{CmdResult, Ctx, Exit, table};

/// List channel accounts: kind, health, last error and restarts.
///
/// Every enabled account of gateway.json5 (`channels.<kind>.accounts.<id>`, or a channel-level
/// token as account `default`), with its health as the running gateway reports it: starting,
/// ok, failing (with the error), stopped. Without a running gateway the health is `offline`.
/// Channels this build does not speak are listed as failing. --json prints an array of
/// {channel, account, health, lastError, restarts, maxLen, unit}.
///
/// Examples:
///   openclaw channel ls
///   openclaw channel ls --json | jq -r '.[] | select(.health.state == "failing") | .lastError'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Prints one row per account.
pub fn cmd_ls(ctx: &Ctx, _args: &Args) -> CmdResult {
    let config = ctx.load_config_readonly()?.loaded.config;
    let accounts = kind::accounts(&config.channels);
    let live: Vec<Value> = match super::super::gateway::Client::find(ctx, &config) {
        Some(client) => client.get("/api/channels")?["channels"].as_array().cloned().unwrap_or_default(),
        None => Vec::new(),
    };
    let running = |channel: &str, account: &str| {
        live.iter().find(|s| s["channel"] == channel && s["account"] == account).cloned()
    };
    let mut rows: Vec<Value> = Vec::new();
    for a in &accounts.enabled {
        let status = running(a.kind.name, &a.id);
        rows.push(json!({
            "channel": a.kind.name,
            "account": a.id,
            "health": status.as_ref().map_or(json!({"state": "offline"}), |s| s["health"].clone()),
            "lastError": status.as_ref().and_then(|s| s.get("lastError").cloned()),
            "restarts": status.as_ref().and_then(|s| s["restarts"].as_u64()).unwrap_or(0),
            "maxLen": a.kind.limits.max_len,
            "unit": a.kind.limits.unit,
        }));
    }
    for name in &accounts.unsupported {
        let error = format!("not supported by this build (supported: {})", kind::names().join(", "));
        rows.push(json!({
            "channel": name, "account": "*", "health": {"state": "failing", "error": error},
            "lastError": error, "restarts": 0, "maxLen": null, "unit": null,
        }));
    }
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&rows)?;
        return Ok(Exit::Success);
    }
    if rows.is_empty() {
        p.status("no channel accounts configured (channels.<kind>.accounts.<id> in gateway.json5)")?;
        return Ok(Exit::Success);
    }
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                text(&r["channel"]),
                text(&r["account"]),
                text(&r["health"]["state"]),
                r["restarts"].to_string(),
                text(&r["lastError"]),
            ]
        })
        .collect();
    let mut out = p.stdout();
    out.write_all(
        table(&["CHANNEL", "ACCOUNT", "HEALTH", "RESTARTS", "LAST ERROR"], &table_rows).as_bytes(),
    )?;
    out.flush()?;
    Ok(Exit::Success)
}
