//! `openclaw bind explain`: which agent would get a message, and why.

use std::io::Write;

use anyhow::Context;
use clap::builder::NonEmptyStringValueParser;
use serde_json::{Value, json};

use crate::cli::{CmdResult, Ctx, Exit};
use crate::config::DmScope;
use crate::routing::{Candidate, Explanation, Inbound, Peer, PeerField, Router, Verdict, display_binding};

/// Show which agent would get a message, through which binding, in which session.
///
/// Describe a message by where it came from; the bindings of gateway.json5 are matched against it
/// exactly as the gateway does: all fields a binding gives must match (peer and group are globs;
/// a peer glob is tried on the sender id, then --peer-name, then --peer-handle), the most specific
/// binding wins (peer > group > accountId > channel only), ties go to file order, and without a
/// match the message goes to defaultAgent. Prints the winner, which of id, name and handle its
/// peer glob matched, why every other binding lost, and the session key under the configured
/// dmScope (built from the sender id, as the gateway does). With --quiet only the agent id.
///
/// Examples:
///   openclaw bind explain --channel telegram --peer 7001 --peer-handle jonas_k
///   openclaw bind explain --channel telegram --peer 7001 --peer-name Jonas --peer-handle jonas_phone
///   openclaw bind explain --channel discord --account bot-token-id --group 123456789 --thread 42
///   openclaw bind explain --channel whatsapp --peer 31612345678 --json | jq -r .sessionKey
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Channel the message arrives on, e.g. telegram
    #[arg(long, value_name = "CHANNEL", value_parser = NonEmptyStringValueParser::new())]
    pub channel: String,
    /// Channel account (bot) that receives it
    #[arg(long, value_name = "ACCOUNT", allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
    pub account: Option<String>,
    /// Sender id, e.g. Telegram's numeric user id (peer globs match it; session keys use it)
    #[arg(long, value_name = "ID", allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
    pub peer: Option<String>,
    /// Sender display name, e.g. Jonas (peer globs match it too)
    #[arg(long, value_name = "NAME", allow_hyphen_values = true, requires = "peer", value_parser = NonEmptyStringValueParser::new())]
    pub peer_name: Option<String>,
    /// Sender handle, e.g. a Telegram username, `@` optional (peer globs match it too)
    #[arg(long, visible_alias = "username", value_name = "HANDLE", allow_hyphen_values = true, requires = "peer", value_parser = NonEmptyStringValueParser::new())]
    pub peer_handle: Option<String>,
    /// Group or channel id the message is posted in (omit for a direct message)
    #[arg(long, value_name = "GROUP", allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
    pub group: Option<String>,
    /// Thread id within the group
    #[arg(long, value_name = "THREAD", allow_hyphen_values = true, requires = "group", value_parser = NonEmptyStringValueParser::new())]
    pub thread: Option<String>,
}

/// Routes the described message and prints the decision.
pub fn cmd_explain(ctx: &Ctx, args: &Args) -> CmdResult {
    let loaded = ctx.load_config()?;
    let router = Router::new(&loaded.config).with_context(|| loaded.path.display().to_string())?;
    let msg = Inbound {
        channel: &args.channel,
        account_id: args.account.as_deref(),
        peer: args.peer.as_deref().map(|id| Peer {
            id,
            name: args.peer_name.as_deref(),
            handle: args.peer_handle.as_deref(),
        }),
        group: args.group.as_deref(),
        thread: args.thread.as_deref(),
    };
    let explanation = router.explain(&msg);
    let scope = dm_scope_name(router.dm_scope());
    if ctx.printer.json {
        ctx.printer.json_doc(&to_json(&explanation, scope))?;
        return Ok(Exit::Success);
    }
    let mut out = ctx.printer.stdout();
    if ctx.printer.quiet {
        writeln!(out, "{}", explanation.route.agent)?;
    } else {
        write_human(&mut out, &explanation, msg.peer, scope)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn write_human(
    out: &mut impl Write,
    e: &Explanation<'_>,
    peer: Option<Peer<'_>>,
    scope: &str,
) -> std::io::Result<()> {
    let route = &e.route;
    writeln!(out, "agent:        {}", route.agent)?;
    match &route.matched {
        Some(m) => {
            writeln!(
                out,
                "binding:      {} #{} {}  ({})",
                m.agent,
                m.n,
                display_binding(m.binding),
                m.specificity
            )?;
            if let (Some(field), Some(peer)) = (m.matched_on, peer) {
                writeln!(out, "matched on:   {field} {:?}", peer.field(field).unwrap_or_default())?;
            }
        }
        None => writeln!(out, "binding:      {}", route.reason())?,
    }
    match &route.session_key {
        Some(key) => writeln!(out, "session key:  {key}  (dmScope: {scope})")?,
        None => {
            writeln!(out, "session key:  none: give --peer (direct message) or --group (dmScope: {scope})")?
        }
    }
    let others: Vec<&Candidate<'_>> = e.candidates.iter().filter(|c| c.verdict != Verdict::Won).collect();
    if e.candidates.is_empty() {
        writeln!(out, "\nNo bindings are configured.")?;
    } else if !others.is_empty() {
        writeln!(out, "\nOther bindings, in file order:")?;
        for c in others {
            writeln!(out, "  {} #{} {}", c.agent, c.n, display_binding(c.binding))?;
            writeln!(out, "      {}", c.verdict)?;
        }
    }
    Ok(())
}

fn to_json(e: &Explanation<'_>, scope: &str) -> Value {
    let route = &e.route;
    let candidates: Vec<Value> = e
        .candidates
        .iter()
        .map(|c| {
            json!({
                "agent": c.agent,
                "n": c.n,
                "binding": c.binding,
                "specificity": c.specificity.to_string(),
                "matched": c.verdict.matched(),
                "matchedOn": c.matched_on.map(PeerField::as_str),
                "won": c.verdict == Verdict::Won,
                "why": c.verdict.to_string(),
            })
        })
        .collect();
    json!({
        "agent": route.agent,
        "matched": route.matched.map(|m| json!({
            "agent": m.agent,
            "n": m.n,
            "binding": m.binding,
            "specificity": m.specificity.to_string(),
            "matchedOn": m.matched_on.map(PeerField::as_str),
        })),
        "reason": route.reason(),
        "sessionKey": route.session_key.as_ref().map(ToString::to_string),
        "dmScope": scope,
        "candidates": candidates,
    })
}

fn dm_scope_name(scope: DmScope) -> &'static str {
    match scope {
        DmScope::Main => "main",
        DmScope::PerPeer => "per-peer",
        DmScope::PerChannelPeer => "per-channel-peer",
    }
}
