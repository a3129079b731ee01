//! `openclaw send`: one agent turn from the shell.

use std::io::{Read, Write};

use crate::agent::turn::{self, Event, Inbound};
use crate::session::SessionKey;

use super::{CmdResult, Ctx, Exit, usage};

/// Run one agent turn and print the reply
///
/// The reply prints as it streams in. Or deliver a message to a channel instead:
/// with --channel, the text is not given to an agent: it is sent as is to PEER on that channel
/// (the account is --account, else `default`, else the first enabled one) and the channel's
/// message id is printed; a failed delivery is an error naming the channel's answer.
/// Otherwise the message goes to the agent's main session (agent:<id>:main) unless --session names one or
/// --to names a peer (then the session is the peer's, as dmScope decides, on channel "cli").
/// Tools run confined to the agent's workspace; every message lands in the session's
/// transcript. `-` reads the message from standard input, so cron and scripts can pipe into it.
///
/// Examples:
///   openclaw send "what's on my list today?"
///   echo "summarise yesterday's log" | openclaw send --agent jarvis -
///   openclaw send --session agent:main:telegram:peer:jonas_k "follow up on the invoice"
///   openclaw send --json "hi" | jq -r .reply
///   openclaw send --channel telegram --to 123456789 "the backup finished"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The message, or - to read it from standard input
    pub message: String,
    /// The agent to talk to [default: defaultAgent, or the agent of --session]
    #[arg(long)]
    pub agent: Option<String>,
    /// The session to continue, e.g. agent:main:main
    #[arg(long, value_name = "KEY", conflicts_with = "to")]
    pub session: Option<String>,
    /// Talk as this peer (the session is the peer's own); with --channel, the recipient
    #[arg(long, value_name = "PEER")]
    pub to: Option<String>,
    /// Deliver the text to --to on this channel instead of running a turn
    #[arg(long, value_name = "C", requires = "to", conflicts_with_all = ["session", "agent"])]
    pub channel: Option<String>,
    /// The channel account to send from (with --channel)
    #[arg(long, value_name = "A", requires = "channel")]
    pub account: Option<String>,
}

/// Sends `text` to a channel peer and prints the message id: through the running gateway when
/// there is one (one connection per bot, one rate limit per account), else directly.
fn deliver(ctx: &Ctx, channel: &str, account: Option<&str>, peer: &str, text: &str) -> CmdResult {
    let config = ctx.load_config_strict()?.config;
    let (account, ids) = match super::gateway::Client::find(ctx, &config) {
        Some(client) => {
            ctx.printer.verbose(format!("via the gateway at {} (pid {})", client.url, client.pid));
            let body =
                serde_json::json!({"channel": channel, "accountId": account, "to": peer, "text": text});
            let v = client.post("/api/deliver", &body, &mut |_| {})?;
            let ids: Vec<String> = v["messageIds"]
                .as_array()
                .map(|a| a.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            (v["account"].as_str().unwrap_or_default().to_string(), ids)
        }
        None => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let origin = crate::channel::outbox::Origin::Cli;
            let sent = runtime.block_on(crate::channel::deliver::to_target(
                &ctx.home,
                &config.channels,
                channel,
                account,
                peer,
                text,
                origin,
                None,
            ))?;
            (sent.account, sent.message_ids)
        }
    };
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&serde_json::json!({
            "channel": channel, "account": account, "to": peer, "messageIds": ids,
        }))?;
    } else {
        p.status(format!("sent to {channel}:{peer} from account {account} (message id {})", ids.join(", ")))?;
    }
    Ok(Exit::Success)
}

/// Runs the turn through the running gateway, so it queues behind the session's running turn.
fn send_via_gateway(ctx: &Ctx, client: &super::gateway::Client, key: &SessionKey, text: &str) -> CmdResult {
    let p = &ctx.printer;
    p.verbose(format!("via the gateway at {} (pid {})", client.url, client.pid));
    let body = serde_json::json!({"session": key.to_string(), "text": text, "stream": true});
    let stream = !p.json;
    let mut out = std::io::stdout();
    let mut last_byte = b'\n';
    let mut write_err: Option<std::io::Error> = None;
    let mut on_event = |v: &serde_json::Value| match v["type"].as_str() {
        Some("delta") if stream && write_err.is_none() => {
            let t = v["text"].as_str().unwrap_or_default();
            if let Err(e) = out.write_all(t.as_bytes()).and_then(|()| out.flush()) {
                write_err = Some(e);
            }
            if let Some(&b) = t.as_bytes().last() {
                last_byte = b;
            }
        }
        Some("tool") => p.verbose(format!("→ {}", v["name"].as_str().unwrap_or_default())),
        _ => {}
    };
    let mut last = client.post("/api/send", &body, &mut on_event)?;
    if let Some(e) = write_err {
        return Err(e.into());
    }
    if stream && last_byte != b'\n' {
        writeln!(out)?;
    }
    match last["type"].as_str() {
        Some("done") => {}
        Some("error") => anyhow::bail!("{}", last["error"].as_str().unwrap_or("the turn failed")),
        _ => anyhow::bail!("the gateway's answer ended without a result"),
    }
    if p.json {
        if let Some(o) = last.as_object_mut() {
            o.remove("type");
        }
        p.json_doc(&last)?;
    }
    Ok(Exit::Success)
}

/// Runs the turn in-process and prints the reply (streamed) or, with --json, one result object.
pub fn cmd_send(ctx: &Ctx, args: &Args) -> CmdResult {
    let text = if args.message == "-" {
        let mut buf = String::new();
        std::io::stdin().read_to_string(&mut buf)?;
        buf
    } else {
        args.message.clone()
    };
    let text = text.trim_end_matches(['\n', '\r']).to_string();
    if text.trim().is_empty() {
        return Err(usage("the message is empty"));
    }
    if let (Some(channel), Some(peer)) = (&args.channel, &args.to) {
        return deliver(ctx, channel, args.account.as_deref(), peer, &text);
    }
    let loaded = ctx.load_config_strict()?;
    let config = loaded.config;
    let key = match &args.session {
        Some(s) => {
            let key = SessionKey::parse(s).map_err(|e| usage(e.to_string()))?;
            if let Some(agent) = &args.agent
                && agent != &key.agent
            {
                return Err(usage(format!("--agent {agent} does not match the agent of --session {s}")));
            }
            key
        }
        None => {
            let agent = args.agent.clone().unwrap_or_else(|| config.default_agent.clone());
            match &args.to {
                Some(peer) => SessionKey::direct(&agent, config.session.dm_scope, "cli", peer),
                None => SessionKey::main(&agent),
            }
        }
    };
    super::agent::require_agent(&config, &key.agent)?;
    if let Some(client) = super::gateway::Client::find(ctx, &config) {
        return send_via_gateway(ctx, &client, &key, &text);
    }
    let options = crate::provider::Options::from_config(&config.models);
    let rt = turn::Runtime::new(ctx.home.clone(), config, options)?;
    let inbound = Inbound { key, text, from: None, channel: "cli".into(), inbound_id: None };

    let p = &ctx.printer;
    let stream = !p.json;
    let mut out = std::io::stdout();
    let mut last_byte = b'\n';
    let mut write_err: Option<std::io::Error> = None;
    let mut on_event = |event: Event<'_>| match event {
        Event::Text(t) if stream && write_err.is_none() => {
            if let Err(e) = out.write_all(t.as_bytes()).and_then(|()| out.flush()) {
                write_err = Some(e);
            }
            if let Some(&b) = t.as_bytes().last() {
                last_byte = b;
            }
        }
        Event::ToolCall { name, arguments, .. } => p.verbose(format!("→ {name} {arguments}")),
        Event::ToolResult { name, is_error, .. } => {
            p.verbose(format!("← {name}{}", if is_error { " (error)" } else { "" }))
        }
        Event::Compacted { tokens_before } => p.verbose(format!("compacted about {tokens_before} tokens")),
        Event::Text(_) => {}
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let result = runtime.block_on(turn::run(&rt, inbound, &mut on_event));
    if result.is_err() {
        runtime.block_on(rt.mcp.shutdown());
    }
    if let Some(e) = write_err {
        return Err(e.into());
    }
    if stream && last_byte != b'\n' {
        writeln!(out)?;
    }
    let output = match result {
        Ok(output) => output,
        Err(turn::TurnError::Provider(e)) => match crate::provider::readiness::setup_for(&e) {
            Some(setup) => return Err(super::hinted(e.to_string(), setup.fix)),
            None => return Err(turn::TurnError::Provider(e).into()),
        },
        Err(e) => return Err(e.into()),
    };
    if p.json {
        p.json_doc(&output)?;
    }
    // Sub-agents started by the turn run in this process: finish them (their results land in
    // the session) before exiting.
    let children = crate::agent::subagent::running(&output.session_key).len();
    if children > 0 {
        p.verbose(format!("waiting for {children} sub-agent(s) to finish"));
    }
    runtime.block_on(crate::agent::subagent::wait_all());
    runtime.block_on(rt.browsers.shutdown());
    // MCP servers started for this turn stop with it (stdio ones with their process group).
    runtime.block_on(rt.mcp.shutdown());
    Ok(Exit::Success)
}
