//! `openclaw mcp probe`.

use serde_json::json;

use crate::cli::{CmdResult, Ctx, Exit, hinted, usage};
use crate::config::McpServerConfig;
use crate::mcp::{Client, ServerSpec};

/// Connect to one MCP server now and report the handshake, or exactly why it failed.
///
/// Starts the server (stdio: in the agent's workspace, with the clean environment turns use) or
/// connects to its URL, runs the MCP handshake and lists its tools, then stops it. Prints the
/// server's name and version, the protocol version agreed, its capabilities and its tool count;
/// exits 1 with the reason when it cannot connect. Independent of any running gateway.
///
/// Examples:
///   openclaw mcp probe files
///   openclaw mcp probe remote --json | jq .capabilities
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The server (mcp.servers.<name>)
    pub name: String,
    /// Run it in this agent's workspace [default: defaultAgent]
    #[arg(long)]
    pub agent: Option<String>,
}

/// What a probe found.
pub(crate) struct Probe {
    pub info: crate::mcp::ServerInfo,
    pub tools: Vec<crate::mcp::RemoteTool>,
    pub ms: u128,
}

/// Connects, lists tools and disconnects.
pub(crate) fn probe(ctx: &Ctx, name: &str, cfg: &McpServerConfig, agent: &str) -> anyhow::Result<Probe> {
    let spec =
        ServerSpec { name: name.to_string(), config: cfg.clone(), workspace: ctx.home.workspace(agent) };
    let log = super::cli_log(ctx);
    let sink: crate::mcp::StderrSink =
        std::sync::Arc::new(move |s, l| log(crate::mcp::LogKind::Stderr, s, l));
    let rt = super::runtime()?;
    let started = std::time::Instant::now();
    rt.block_on(async {
        let (client, _notices) = Client::connect(&spec, sink).await.map_err(|e| {
            hinted(format!("MCP server \"{name}\" ({}): {e}", cfg.transport_name()), hint(cfg))
        })?;
        let tools = client.list_tools().await;
        client.shutdown().await;
        let tools = tools.map_err(|e| anyhow::anyhow!("MCP server \"{name}\": tools/list failed: {e}"))?;
        Ok(Probe { info: client.info.clone(), tools, ms: started.elapsed().as_millis() })
    })
}

fn hint(cfg: &McpServerConfig) -> String {
    match &cfg.command {
        Some(c) => format!(
            "run it by hand to see what it says: `{c}{}`; servers get a clean environment (only mcp.servers.<name>.env)",
            cfg.args.iter().map(|a| format!(" {a}")).collect::<String>()
        ),
        None => "check the URL, the transport (streamable-http or sse) and the headers".into(),
    }
}

/// Probes and prints.
pub fn cmd_probe(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_strict()?.config;
    let Some(cfg) = config.mcp.servers.get(&args.name) else {
        let known: Vec<&str> = config.mcp.servers.keys().map(String::as_str).collect();
        return Err(usage(format!(
            "MCP server \"{}\" is not in mcp.servers (servers: {})",
            args.name,
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        )));
    };
    let agent = args.agent.clone().unwrap_or_else(|| config.default_agent.clone());
    super::super::agent::require_agent(&config, &agent)?;
    let found = probe(ctx, &args.name, cfg, &agent)?;
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&json!({
            "server": args.name, "transport": cfg.transport_name(), "ok": true,
            "serverInfo": {"name": found.info.name, "version": found.info.version},
            "protocolVersion": found.info.protocol_version, "capabilities": found.info.capabilities,
            "instructions": found.info.instructions,
            "tools": found.tools.iter().map(|t| &t.name).collect::<Vec<_>>(), "ms": found.ms as u64,
        }))?;
        return Ok(Exit::Success);
    }
    let caps: Vec<String> = found
        .info
        .capabilities
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    if v.get("listChanged") == Some(&json!(true)) {
                        format!("{k} (listChanged)")
                    } else {
                        k.clone()
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = format!(
        "{}: ok ({} in {} ms)\n  server:       {} {}\n  protocol:     {}\n  capabilities: {}\n  tools:        {}",
        args.name,
        cfg.transport_name(),
        found.ms,
        found.info.name,
        found.info.version,
        found.info.protocol_version,
        if caps.is_empty() { "none".to_string() } else { caps.join(", ") },
        found.tools.len(),
    );
    if !found.tools.is_empty() {
        let names: Vec<&str> = found.tools.iter().map(|t| t.name.as_str()).collect();
        out.push_str(&format!(" ({})", names.join(", ")));
    }
    println!("{out}");
    Ok(Exit::Success)
}
