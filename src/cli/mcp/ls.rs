//! `openclaw mcp ls`.

use std::io::Write as _;

use serde_json::{Value, json};

use crate::cli::{CmdResult, Ctx, Exit, table};
use crate::mcp::Hub;

/// List MCP servers: transport, state, tool count, restarts and last error.
///
/// One row per server and agent that uses it (`agents.<id>.mcp`, all enabled servers by
/// default), as the running gateway runs them; disabled servers are listed as `disabled`.
/// Without a running gateway the servers are started for the listing (within each one's
/// connectionTimeoutMs) and stopped after, so the state is what a turn would find now.
/// A server that is down says why in LAST ERROR. --json prints an array of
/// {server, agent, transport, state, tools, restarts, lastError, info}.
///
/// Examples:
///   openclaw mcp ls
///   openclaw mcp ls --json | jq -r '.[] | select(.state != "ready") | "\(.server): \(.lastError)"'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Prints one row per (server, agent).
pub fn cmd_ls(ctx: &Ctx, _args: &Args) -> CmdResult {
    // Only looks: with a typo in the file, the servers of the last config that loaded (which a
    // running gateway still uses) are listed, with the error as a warning.
    let config = ctx.load_config_strict_or_last_good()?.config;
    let mut rows: Vec<Value> = match super::super::gateway::Client::find(ctx, &config) {
        Some(client) => {
            ctx.printer.verbose(format!("via the gateway at {} (pid {})", client.url, client.pid));
            client.get("/api/mcp")?["servers"].as_array().cloned().unwrap_or_default()
        }
        None => {
            let rt = super::runtime()?;
            rt.block_on(async {
                let hub = Hub::new(ctx.home.clone(), super::cli_log(ctx));
                hub.apply(&config);
                let status = hub.status(true).await;
                hub.shutdown().await;
                status.iter().map(|s| serde_json::to_value(s).unwrap_or_default()).collect()
            })
        }
    };
    for (name, s) in &config.mcp.servers {
        if !s.enabled {
            rows.push(
                json!({"server": name, "agent": null, "transport": s.transport_name(), "state": "disabled",
                "tools": 0, "restarts": 0, "lastError": null, "info": null}),
            );
        } else if !rows.iter().any(|r| r["server"] == name.as_str()) {
            rows.push(
                json!({"server": name, "agent": null, "transport": s.transport_name(), "state": "unused",
                "tools": 0, "restarts": 0, "lastError": "no agent uses it (agents.<id>.mcp)", "info": null}),
            );
        }
    }
    // Servers in file order, then agents in file order.
    let order =
        |r: &Value| config.mcp.servers.get_index_of(r["server"].as_str().unwrap_or("")).unwrap_or(usize::MAX);
    rows.sort_by_key(order);
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&rows)?;
        return Ok(Exit::Success);
    }
    if rows.is_empty() {
        p.status("no MCP servers configured (add one with `openclaw mcp add <name> -- <command> [args…]`)")?;
        return Ok(Exit::Success);
    }
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                text(&r["server"]),
                text(&r["agent"]),
                text(&r["transport"]),
                text(&r["state"]),
                r["tools"].to_string(),
                r["restarts"].to_string(),
                r["lastError"].as_str().unwrap_or("").to_string(),
            ]
        })
        .collect();
    let mut out = p.stdout();
    out.write_all(
        table(&["SERVER", "AGENT", "TRANSPORT", "STATE", "TOOLS", "RESTARTS", "LAST ERROR"], &table_rows)
            .as_bytes(),
    )?;
    out.flush()?;
    Ok(Exit::Success)
}
