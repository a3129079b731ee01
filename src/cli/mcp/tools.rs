//! `openclaw mcp tools`.

use std::io::Write as _;

use serde_json::Value;

use crate::cli::{CmdResult, Ctx, Exit, table, usage};
use crate::mcp::Hub;

/// List the MCP tools an agent is offered: the names and descriptions the model sees.
///
/// Tools are named <server>__<tool> and pass through the agent's tools.allow / tools.deny, so
/// this is exactly what the model is offered in the agent's next turn. A server that is down
/// contributes nothing (`openclaw mcp ls` says why). Asks the running gateway when there is one;
/// otherwise starts the agent's servers for the listing. --json prints an array of
/// {name, server, tool, description, inputSchema}.
///
/// Examples:
///   openclaw mcp tools
///   openclaw mcp tools everything --agent jarvis
///   openclaw mcp tools --json | jq -r '.[].name'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only this server's tools
    pub server: Option<String>,
    /// The agent whose view to show [default: defaultAgent]
    #[arg(long)]
    pub agent: Option<String>,
}

/// Prints one row per tool.
pub fn cmd_tools(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_strict()?.config;
    let agent = args.agent.clone().unwrap_or_else(|| config.default_agent.clone());
    super::super::agent::require_agent(&config, &agent)?;
    if let Some(s) = &args.server
        && !config.mcp.servers.contains_key(s)
    {
        let known: Vec<&str> = config.mcp.servers.keys().map(String::as_str).collect();
        return Err(usage(format!(
            "MCP server \"{s}\" is not in mcp.servers (servers: {})",
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        )));
    }
    let mut tools: Vec<Value> = match super::super::gateway::Client::find(ctx, &config) {
        Some(client) => {
            let path = format!("/api/mcp/tools?agent={}", form_encode(&agent));
            client.get(&path)?["tools"].as_array().cloned().unwrap_or_default()
        }
        None => {
            let rt = super::runtime()?;
            rt.block_on(async {
                let hub = Hub::new(ctx.home.clone(), super::cli_log(ctx));
                let tools = hub.visible_tools(&config, &agent).await;
                hub.shutdown().await;
                tools.map(|t| {
                    t.iter().map(|t| serde_json::to_value(t).unwrap_or_default()).collect::<Vec<_>>()
                })
            })?
        }
    };
    if let Some(s) = &args.server {
        tools.retain(|t| t["server"] == s.as_str());
    }
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&tools)?;
        return Ok(Exit::Success);
    }
    if tools.is_empty() {
        p.status(format!("agent {agent} is offered no MCP tools (see `openclaw mcp ls`)"))?;
        return Ok(Exit::Success);
    }
    let rows: Vec<Vec<String>> = tools
        .iter()
        .map(|t| {
            let desc = t["description"].as_str().unwrap_or("").split('\n').next().unwrap_or("").to_string();
            vec![t["name"].as_str().unwrap_or("").to_string(), desc]
        })
        .collect();
    let mut out = p.stdout();
    out.write_all(table(&["TOOL", "DESCRIPTION"], &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}

/// Percent-encodes a query value.
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
