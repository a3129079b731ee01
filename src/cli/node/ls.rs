//! `openclaw node ls`.

use std::io::Write as _;

use serde_json::{Value, json};

use crate::cli::{CmdResult, Ctx, Exit, table};
use crate::node::pairing;

/// List paired nodes and pending pairing requests.
///
/// Reads credentials/nodes.json; when the gateway runs, also whether each node is connected,
/// what it offers and when it was last heard from. A pending request shows its code, for
/// `openclaw node approve <CODE>` (or `openclaw node rm <CODE>` to reject it). --json prints
/// {paired: [{name, fingerprint, approvedAt, connected, capabilities, platform, lastSeen}],
/// pending: [{code, name, fingerprint, address, platform, createdAt}]}.
///
/// Examples:
///   openclaw node ls
///   openclaw node ls --json | jq -r '.pending[].code'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Prints the nodes.
pub fn cmd_ls(ctx: &Ctx, _args: &Args) -> CmdResult {
    ctx.home.require()?;
    let now = jiff::Timestamp::now();
    let file = pairing::load(&ctx.home, now)?;
    let config = crate::config::load_lenient(&ctx.home.config_path()).map(|l| l.config).unwrap_or_default();
    let live: Vec<Value> = crate::cli::gateway::Client::find(ctx, &config)
        .and_then(|c| c.get("/api/nodes").ok())
        .and_then(|v| v["nodes"].as_array().cloned())
        .unwrap_or_default();
    let running = crate::cli::gateway::lock_held(ctx);
    let paired: Vec<Value> = file
        .paired
        .iter()
        .map(|n| {
            let l = live.iter().find(|l| l["name"] == n.name.as_str());
            json!({
                "name": n.name,
                "fingerprint": crate::node::fingerprint(&n.public_key),
                "approvedAt": crate::time::rfc3339_ms(n.approved_at),
                "connected": l.is_some_and(|l| l["connected"] == true),
                "capabilities": l.map_or(json!([]), |l| l["capabilities"].clone()),
                "platform": l.map_or(Value::Null, |l| l["platform"].clone()),
                "lastSeen": l.map_or(Value::Null, |l| l["lastSeen"].clone()),
            })
        })
        .collect();
    let pending: Vec<Value> = file
        .pending
        .iter()
        .map(|r| {
            json!({"code": r.code, "name": r.name, "fingerprint": crate::node::fingerprint(&r.public_key),
                "address": r.address, "platform": r.platform, "createdAt": crate::time::rfc3339_ms(r.created_at)})
        })
        .collect();
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&json!({"paired": paired, "pending": pending}))?;
        return Ok(Exit::Success);
    }
    if paired.is_empty() && pending.is_empty() {
        p.status("no nodes paired and none waiting; on another machine run: openclaw node run --gateway ws://HOST:PORT")?;
        return Ok(Exit::Success);
    }
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let mut rows: Vec<Vec<String>> = paired
        .iter()
        .map(|n| {
            let state = match (running, n["connected"] == true) {
                (_, true) => "connected",
                (true, false) => "offline",
                (false, false) => "paired",
            };
            let caps: Vec<String> = n["capabilities"].as_array().into_iter().flatten().map(text).collect();
            vec![
                text(&n["name"]),
                state.into(),
                caps.join(","),
                text(&n["lastSeen"]),
                text(&n["fingerprint"]),
            ]
        })
        .collect();
    rows.extend(pending.iter().map(|r| {
        let age = r["createdAt"]
            .as_str()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| format!("asked {} ago", crate::time::human_age(now.duration_since(t))))
            .unwrap_or_default();
        vec![
            text(&r["name"]),
            format!("pending {}", text(&r["code"])),
            String::new(),
            age,
            text(&r["fingerprint"]),
        ]
    }));
    let mut out = p.stdout();
    out.write_all(table(&["NAME", "STATE", "CAPABILITIES", "LAST SEEN", "KEY"], &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}
