//! `openclaw node rm`.

use std::io::Write as _;

use serde_json::json;

use crate::cli::{CmdResult, Ctx, Exit};
use crate::node::pairing::{self, Removed};

/// Revoke a paired node, or reject a pending request.
///
/// Given a node's name, its pairing is revoked and, when it is connected, it is disconnected at
/// once (a running `openclaw node run` then stops). Given a pending request's code, the
/// request is rejected and the waiting node told so. Either way the node must ask again (and
/// be approved again) to come back.
///
/// Examples:
///   openclaw node rm pi
///   openclaw node rm K7QMX3PA
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// A paired node's name, or a pending request's code
    what: String,
}

/// Removes one node or request.
pub fn cmd_rm(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let removed = pairing::remove(&ctx.home, &args.what, jiff::Timestamp::now()).map_err(|e| {
        crate::cli::hinted(e.to_string(), "list nodes and pending requests with: openclaw node ls")
    })?;
    super::tell_gateway(ctx);
    let p = &ctx.printer;
    let (kind, name) = match &removed {
        Removed::Paired(n) => ("revoked", n.name.as_str()),
        Removed::Pending(r) => ("rejected", r.name.as_str()),
    };
    if p.json {
        p.json_doc(&json!({"removed": kind, "name": name}))?;
        return Ok(Exit::Success);
    }
    let mut out = p.stdout();
    match removed {
        Removed::Paired(n) => writeln!(out, "revoked node {}", n.name)?,
        Removed::Pending(r) => writeln!(out, "rejected the pairing request of {} (code {})", r.name, r.code)?,
    }
    out.flush()?;
    Ok(Exit::Success)
}
