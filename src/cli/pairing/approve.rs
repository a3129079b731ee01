//! `openclaw pairing approve`.

use std::io::Write as _;

use serde_json::json;

use crate::channel::access;
use crate::cli::{CmdResult, Ctx, Exit, hinted};

/// Let the sender of a pairing request talk to the agents.
///
/// The sender is added to credentials/<CHANNEL>-allowFrom.json (0600) and their messages reach
/// the agents from then on, under `dmPolicy: "pairing"` and `"allowlist"` alike. Codes are valid
/// for one hour and match without regard to case.
///
/// Examples:
///   openclaw pairing approve telegram K7QMX3PA
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The channel the request came from, e.g. telegram
    channel: String,
    /// The code the sender was given
    code: String,
}

/// Approves one request and says who got in.
pub fn cmd_approve(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    if args.channel == "node" {
        return crate::cli::node::approve_code(ctx, &args.code);
    }
    let approved = match access::approve(&ctx.home, &args.channel, &args.code, jiff::Timestamp::now()) {
        Ok(a) => a,
        Err(e @ access::AccessError::UnknownCode { .. }) => {
            return Err(hinted(e.to_string(), "list the pending codes with: openclaw pairing ls"));
        }
        Err(e) => return Err(e.into()),
    };
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&json!({
            "channel": args.channel,
            "id": approved.id,
            "name": approved.name,
            "username": approved.username,
        }))?;
        return Ok(Exit::Success);
    }
    let who = super::who(&approved.id, approved.name.as_deref(), approved.username.as_deref());
    let mut out = p.stdout();
    writeln!(out, "approved {who} on {}", args.channel)?;
    out.flush()?;
    Ok(Exit::Success)
}
