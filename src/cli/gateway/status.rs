//! `openclaw gateway status`.

use std::io::Write;

use serde_json::Value;

use super::super::{CmdResult, Ctx, Exit, table};

/// Show whether the gateway runs, and how it is doing.
///
/// Asks the running gateway (GET /api/status): pid, uptime, URL, channel accounts with their
/// health, agents, sessions, turns in flight, the queue of each busy session and the paired
/// nodes, and which config it runs on. Exits 1 with "the gateway is not running" when it is not.
///
/// When gateway.json5 has an error, the error is a warning on stderr and the gateway keeps
/// running on the last config that loaded; the config line says so (in --json,
/// `config.lastGood` and `config.fileError`).
///
/// Examples:
///   openclaw gateway status
///   openclaw gateway status --json | jq .channels
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

fn uptime(secs: i64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m {s}s"),
        (0, _, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h"),
    }
}

/// Prints the gateway's status.
pub fn cmd_status(ctx: &Ctx, _args: &Args) -> CmdResult {
    let got = ctx.load_config_readonly()?;
    let loaded = got.loaded;
    let Some(client) = super::Client::find(ctx, &loaded.config) else {
        anyhow::bail!("the gateway is not running");
    };
    let mut s = client.get("/api/status")?;
    // The file's error as this command sees it; the gateway refuses such a file on reload and
    // keeps running on the config it last loaded.
    let file_error =
        got.error.map(|e| e.to_string()).or_else(|| s["config"]["reloadError"].as_str().map(String::from));
    if let Some(config) = s.get_mut("config").and_then(Value::as_object_mut) {
        config.insert("fileError".into(), file_error.clone().into());
        config.insert("lastGood".into(), file_error.is_some().into());
    }
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&s)?;
        return Ok(Exit::Success);
    }
    let str_of = |v: &Value| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
    let mut out = p.stdout();
    writeln!(
        out,
        "gateway running (pid {}, up {})",
        s["pid"],
        uptime(s["uptimeSeconds"].as_i64().unwrap_or(0))
    )?;
    writeln!(out, "  url:       {}", str_of(&s["url"]))?;
    // The link that opens the chat: with the token, as `gateway start` prints it.
    let token = crate::gateway::process::client_token(&ctx.home, &loaded.config).unwrap_or_default();
    let webchat = if s["webchat"].as_bool() == Some(false) {
        "disabled".into()
    } else {
        format!("{}/?token={token}", str_of(&s["url"]))
    };
    writeln!(out, "  web chat:  {webchat}")?;
    let loaded_at = str_of(&s["config"]["loadedAt"]);
    if file_error.is_some() {
        writeln!(
            out,
            "  config:    the last good config, loaded {loaded_at} (gateway.json5 has an error; fix it and the gateway reloads)"
        )?;
    } else {
        writeln!(out, "  config:    gateway.json5, loaded {loaded_at}")?;
    }
    let agents: Vec<String> = s["agents"].as_array().into_iter().flatten().map(str_of).collect();
    writeln!(out, "  agents:    {}", agents.join(", "))?;
    writeln!(out, "  sessions:  {} ({} turns running)", s["sessions"], s["turnsInFlight"])?;
    let channels: Vec<Vec<String>> = s["channels"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let health = str_of(&c["health"]["state"]);
            let error = c["health"]["error"].as_str().map(|e| format!(": {e}")).unwrap_or_default();
            vec![
                format!("{}/{}", str_of(&c["channel"]), str_of(&c["account"])),
                format!("{health}{error}"),
                c["restarts"].to_string(),
            ]
        })
        .collect();
    if channels.is_empty() {
        writeln!(out, "  channels:  none configured")?;
    } else {
        writeln!(out, "\n{}", table(&["CHANNEL", "HEALTH", "RESTARTS"], &channels).trim_end())?;
    }
    let nodes: Vec<Vec<String>> = s["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            let caps: Vec<String> = n["capabilities"].as_array().into_iter().flatten().map(str_of).collect();
            let state = if n["connected"] == true { "connected" } else { "offline" };
            vec![str_of(&n["name"]), state.into(), caps.join(",")]
        })
        .collect();
    if !nodes.is_empty() {
        writeln!(out, "\n{}", table(&["NODE", "STATE", "CAPABILITIES"], &nodes).trim_end())?;
    }
    let queues: Vec<Vec<String>> = s["queues"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| vec![str_of(&q["sessionKey"]), q["depth"].to_string()])
        .collect();
    if !queues.is_empty() {
        writeln!(out, "\n{}", table(&["SESSION", "QUEUED"], &queues).trim_end())?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
