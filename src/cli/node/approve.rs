//! `openclaw node approve`.

use std::io::Write as _;

use serde_json::json;

use crate::cli::{CmdResult, Ctx, Exit, hinted};
use crate::node::pairing::{self, PairingError};

/// Pair the node that asked with this code.
///
/// The node (`openclaw node run` on the other machine) printed the code; `openclaw node ls`
/// and `openclaw pairing ls` show it too. The node is recorded in credentials/nodes.json under
/// the name it asked for and, when it is connected, starts taking requests at once. Which
/// agents may use it is `agents.<id>.nodes` in gateway.json5. Codes are valid for an hour.
///
/// Examples:
///   openclaw node approve K7QMX3PA
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The code the node printed
    code: String,
}

/// Approves one request.
pub fn cmd_approve(ctx: &Ctx, args: &Args) -> CmdResult {
    approve_code(ctx, &args.code)
}

/// Approves the node request with `code` (also `openclaw pairing approve node <CODE>`).
pub fn approve_code(ctx: &Ctx, code: &str) -> CmdResult {
    ctx.home.require()?;
    let node = match pairing::approve(&ctx.home, code, jiff::Timestamp::now()) {
        Ok(n) => n,
        Err(e @ PairingError::UnknownCode(_)) => {
            return Err(hinted(e.to_string(), "list the pending requests with: openclaw node ls"));
        }
        Err(e) => return Err(e.into()),
    };
    super::tell_gateway(ctx);
    let fingerprint = crate::node::fingerprint(&node.public_key);
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&json!({"name": node.name, "publicKey": node.public_key, "fingerprint": fingerprint}))?;
        return Ok(Exit::Success);
    }
    let mut out = p.stdout();
    writeln!(out, "paired node {} (key {fingerprint})", node.name)?;
    writeln!(out, "  let an agent use it: openclaw config set agents.main.nodes '[\"{}\"]'", node.name)?;
    out.flush()?;
    Ok(Exit::Success)
}
