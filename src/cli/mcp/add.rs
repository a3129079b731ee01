//! `openclaw mcp add`.

use indexmap::IndexMap;
use serde_json::{Value, json};

use crate::cli::{CmdResult, Ctx, Exit, hinted, usage};
use crate::config::{ConfigDoc, McpServerConfig, McpTransport};

/// Add an MCP server to gateway.json5, after checking that it answers.
///
/// A stdio server is the command after `--`; a remote one is --url (streamable HTTP unless
/// --transport sse). Before anything is written the server is probed (started in the default
/// agent's workspace with the clean environment turns use, handshake, tools/list); when that
/// fails nothing is written, unless --no-probe. The entry goes to mcp.servers.<name>; comments
/// and layout of the rest of the file are kept. A running gateway starts the server within a
/// few seconds, and every agent without its own `mcp` list gets its tools.
///
/// Examples:
///   openclaw mcp add everything -- npx -y @modelcontextprotocol/server-everything
///   openclaw mcp add files --env ROOT=/srv/files -- /usr/local/bin/files-mcp --read-only
///   openclaw mcp add remote --url https://mcp.example.com/mcp --header 'Authorization=Bearer ${MCP_TOKEN}'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The server's name; its tools are called <name>__<tool>
    pub name: String,
    /// The URL of a remote server (http or https)
    #[arg(long, value_name = "URL", conflicts_with = "command")]
    pub url: Option<String>,
    /// How to talk to --url: streamable-http (default) or sse
    #[arg(long, value_name = "T", requires = "url")]
    pub transport: Option<String>,
    /// An HTTP header for --url, NAME=VALUE (repeatable; ${VAR} is kept for the gateway to fill)
    #[arg(long = "header", value_name = "NAME=VALUE", requires = "url")]
    pub headers: Vec<String>,
    /// An environment variable for the stdio server, NAME=VALUE (repeatable)
    #[arg(long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// The stdio server's working directory, relative to the agent's workspace
    #[arg(long, value_name = "DIR")]
    pub cwd: Option<String>,
    /// Save without checking that the server answers
    #[arg(long)]
    pub no_probe: bool,
    /// The stdio server's command and arguments, after --
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

fn pairs(what: &str, items: &[String]) -> anyhow::Result<IndexMap<String, String>> {
    let mut out = IndexMap::new();
    for item in items {
        let Some((k, v)) = item.split_once('=').filter(|(k, _)| !k.trim().is_empty()) else {
            return Err(usage(format!("--{what} \"{item}\" must look like NAME=VALUE")));
        };
        out.insert(k.trim().to_string(), v.to_string());
    }
    Ok(out)
}

/// Probes, then writes mcp.servers.<name>.
pub fn cmd_add(ctx: &Ctx, args: &Args) -> CmdResult {
    let name = &args.name;
    if name.is_empty()
        || name.len() > 64
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(usage(format!(
            "MCP server name \"{name}\" must be 1 to 64 letters, digits, '_' or '-' (it becomes part of tool names)"
        )));
    }
    let transport = match args.transport.as_deref() {
        None => None,
        Some("streamable-http") => Some(McpTransport::StreamableHttp),
        Some("sse") => Some(McpTransport::Sse),
        Some(t) => return Err(usage(format!("--transport must be streamable-http or sse, not \"{t}\""))),
    };
    let env = pairs("env", &args.env)?;
    let headers = pairs("header", &args.headers)?;
    let mut cfg =
        McpServerConfig { env, headers, transport, cwd: args.cwd.clone(), ..McpServerConfig::default() };
    match (&args.url, args.command.split_first()) {
        (Some(url), None) => {
            let ok = reqwest::Url::parse(url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
            if !ok {
                return Err(usage(format!("--url must be an http:// or https:// URL, not \"{url}\"")));
            }
            cfg.url = Some(url.clone());
        }
        (None, Some((command, rest))) => {
            cfg.command = Some(command.clone());
            cfg.args = rest.to_vec();
        }
        _ => {
            return Err(usage(
                "give the server's command after -- (e.g. `-- npx -y some-mcp-server`) or --url URL",
            ));
        }
    }
    let config = ctx.load_config()?.config;
    if config.mcp.servers.contains_key(name) {
        return Err(hinted(
            format!("MCP server \"{name}\" is already in gateway.json5"),
            format!("remove it first with `openclaw mcp rm {name}`, or pick another name"),
        ));
    }
    let probed = if args.no_probe {
        None
    } else {
        let agent = config.default_agent.clone();
        match super::probe::probe(ctx, name, &cfg, &agent) {
            Ok(p) => Some(p),
            Err(e) => {
                return Err(hinted(
                    format!("{e:#}"),
                    "nothing was written; fix the command or URL, or save it anyway with --no-probe",
                ));
            }
        }
    };
    let mut entry = serde_json::Map::new();
    if let Some(c) = &cfg.command {
        entry.insert("command".into(), json!(c));
        entry.insert("args".into(), json!(cfg.args));
    }
    if let Some(u) = &cfg.url {
        entry.insert("url".into(), json!(u));
    }
    if let Some(t) = &args.transport {
        entry.insert("transport".into(), json!(t));
    }
    if let Some(c) = &cfg.cwd {
        entry.insert("cwd".into(), json!(c));
    }
    if !cfg.headers.is_empty() {
        entry.insert("headers".into(), json!(cfg.headers));
    }
    if !cfg.env.is_empty() {
        entry.insert("env".into(), json!(cfg.env));
    }
    ctx.home.require()?;
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    doc.set(&format!("mcp.servers.{name}"), Value::Object(entry))?;
    doc.save()?;
    let p = &ctx.printer;
    let tools: Vec<String> =
        probed.as_ref().map(|p| p.tools.iter().map(|t| t.name.clone()).collect()).unwrap_or_default();
    if p.json {
        p.json_doc(&json!({
            "added": name, "transport": cfg.transport_name(), "probed": probed.is_some(), "tools": tools,
            "serverInfo": probed.as_ref().map(|p| json!({"name": p.info.name, "version": p.info.version})),
        }))?;
        return Ok(Exit::Success);
    }
    match &probed {
        Some(found) => p.status(format!(
            "added MCP server {name} ({}, {} {}, {} tools)",
            cfg.transport_name(),
            found.info.name,
            found.info.version,
            tools.len()
        ))?,
        None => p.status(format!("added MCP server {name} ({}, not probed)", cfg.transport_name()))?,
    }
    p.status(format!("  its tools are named {name}__<tool>; see them with `openclaw mcp tools {name}`"))?;
    Ok(Exit::Success)
}
