//! `openclaw session kill`.

use super::super::{CmdResult, Ctx, Exit, hinted, usage};
use crate::session::{Scope, SessionKey, SessionStore};

/// Stop a running sub-agent.
///
/// Sub-agents run inside the process that started them: the gateway, or the `openclaw send`
/// whose turn spawned them (which waits for them). This asks the running gateway to stop the
/// sub-agent's turn; the session keeps what its transcript already holds and its entry's status
/// becomes "killed".
///
/// Examples:
///   openclaw session kill agent:main:subagent:5f0c7a5e-1b9e-4bb1-9d8c-8e2d4c1d0a11
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The sub-agent's session key
    pub key: String,
}

/// Asks the gateway to stop the sub-agent.
pub fn cmd_kill(ctx: &Ctx, args: &Args) -> CmdResult {
    let key = SessionKey::parse(&args.key).map_err(|e| usage(e.to_string()))?;
    if !matches!(key.scope, Scope::Subagent(_)) {
        return Err(usage(format!("{} is not a sub-agent session (agent:<id>:subagent:<uuid>)", args.key)));
    }
    let loaded = ctx.load_config()?;
    let key_str = key.to_string();
    let entry = SessionStore::open(&ctx.home, &key.agent).get(&key_str)?;
    let Some(entry) = entry else {
        anyhow::bail!("no session {key_str} in {}", ctx.home.sessions_path(&key.agent).display());
    };
    let status = entry.extra.get("status").and_then(|s| s.as_str()).unwrap_or("unknown").to_string();
    if status != "running" {
        anyhow::bail!("sub-agent {key_str} is not running (status: {status})");
    }
    let Some(client) = super::super::gateway::Client::find(ctx, &loaded.config) else {
        return Err(hinted(
            format!("sub-agent {key_str} is marked running, but no gateway runs on this home to stop it"),
            "it ran in a process that has ended; `openclaw doctor` shows the home's state",
        ));
    };
    let answer = client.post("/api/sessions/kill", &serde_json::json!({"key": key_str}), &mut |_| {})?;
    if let Some(e) = answer.get("error").and_then(|e| e.as_str()) {
        anyhow::bail!("{e}");
    }
    if ctx.printer.json {
        ctx.printer.json_doc(&answer)?;
    } else {
        ctx.printer.status(format!("stopped {key_str}"))?;
    }
    Ok(Exit::Success)
}
