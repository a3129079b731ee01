//! `openclaw bind ls`.

use std::io::Write;

use crate::cli::{CmdResult, Ctx, Exit, hinted, table};

/// List the bindings of every agent, or of one
///
/// One row per binding: the agent, the binding's number within that agent (what `bind rm`
/// takes), and the fields it matches on ("-" where a field is not set). Messages that match no
/// binding go to `defaultAgent`. With --json, an array of objects with every field (null when
/// not set).
///
/// Examples:
///   openclaw bind ls
///   openclaw bind ls --agent jarvis
///   openclaw bind ls --json | jq '.[] | select(.channel == "telegram")'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only this agent's bindings
    #[arg(long, value_name = "A")]
    pub agent: Option<String>,
}

/// Lists bindings.
pub fn cmd_ls(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config_readonly()?.loaded;
    let config = &loaded.config;
    if let Some(a) = &args.agent
        && !config.agents.contains_key(a)
    {
        return Err(hinted(
            format!("agent \"{a}\" is not defined in gateway.json5"),
            format!("agents defined: {}", config.agent_ids().join(", ")),
        ));
    }
    let mut items = Vec::new();
    for (id, agent) in &config.agents {
        if args.agent.as_ref().is_some_and(|a| a != id) {
            continue;
        }
        for (i, b) in agent.bindings.iter().enumerate() {
            items.push((id.as_str(), i + 1, b));
        }
    }
    if ctx.printer.json {
        let list: Vec<_> = items.iter().map(|(a, n, b)| super::binding_json(a, *n, b)).collect();
        ctx.printer.json_doc(&list)?;
        return Ok(Exit::Success);
    }
    if items.is_empty() {
        ctx.printer.status(format!("no bindings: every message goes to agent {}", config.default_agent))?;
        return Ok(Exit::Success);
    }
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|(a, n, b)| {
            vec![
                a.to_string(),
                n.to_string(),
                b.channel.clone(),
                dash(&b.account_id),
                dash(&b.peer),
                dash(&b.group),
            ]
        })
        .collect();
    let mut out = ctx.printer.stdout();
    out.write_all(table(&["AGENT", "N", "CHANNEL", "ACCOUNT", "PEER", "GROUP"], &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}
