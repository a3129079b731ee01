//! `openclaw pairing ls`.

use std::io::Write as _;

use crate::channel::access;
use crate::cli::{CmdResult, Ctx, Exit, table};

/// List pending pairing requests.
///
/// Under `dmPolicy: "pairing"` (the default) a stranger who messages the bot gets a one-time
/// code instead of an agent; the request waits here for an hour. Approve one with
/// `openclaw pairing approve <CHANNEL> <CODE>`. Machines asking to be paired as nodes are listed
/// as channel "node" (`openclaw node approve <CODE>`). --json prints an array of
/// {channel, code, senderId, name, username, accountId, createdAt}.
///
/// Examples:
///   openclaw pairing ls
///   openclaw pairing ls telegram --json | jq -r '.[].code'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only this channel, e.g. telegram
    channel: Option<String>,
}

/// Prints one row per pending request.
pub fn cmd_ls(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let now = jiff::Timestamp::now();
    let mut list = if args.channel.as_deref() == Some("node") {
        Vec::new()
    } else {
        access::pending(&ctx.home, args.channel.as_deref(), now)?
    };
    // Nodes asking to be paired (`openclaw node approve <CODE>`) are listed as channel "node".
    if args.channel.as_deref().is_none_or(|c| c == "node") {
        let nodes = crate::node::pairing::load(&ctx.home, now)?;
        list.extend(nodes.pending.into_iter().map(|r| access::PairingRequest {
            channel: "node".into(),
            code: r.code,
            sender_id: crate::node::fingerprint(&r.public_key),
            name: Some(r.name),
            username: None,
            account_id: String::new(),
            created_at: r.created_at,
        }));
    }
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&list)?;
        return Ok(Exit::Success);
    }
    if list.is_empty() {
        p.status("no pending pairing requests")?;
        return Ok(Exit::Success);
    }
    let rows: Vec<Vec<String>> = list
        .into_iter()
        .map(|r| {
            let name = match (&r.name, &r.username) {
                (Some(n), Some(u)) => format!("{n} (@{u})"),
                (Some(n), None) => n.clone(),
                (None, Some(u)) => format!("@{u}"),
                (None, None) => String::new(),
            };
            let age = crate::time::human_age(now.duration_since(r.created_at));
            vec![r.channel, r.code, r.sender_id, name, age]
        })
        .collect();
    let mut out = p.stdout();
    out.write_all(table(&["CHANNEL", "CODE", "SENDER", "NAME", "AGE"], &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}
