//! `openclaw canvas ls`.

use std::io::Write as _;

use crate::cli::{CmdResult, Ctx, Exit, table};

/// List the canvases agents presented, newest change first.
///
/// One row per canvas: its id, agent, title, format, version (1 when presented, one more per
/// update), whether it is shown or hidden, how it last reached the user (webchat, link, text,
/// saved), its last change (UTC) and its session. --json prints an array of canvases with their
/// content.
///
/// Examples:
///   openclaw canvas ls
///   openclaw canvas ls --agent jarvis --json | jq -r '.[] | select(.hidden | not) | .id'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only this agent's canvases [default: every agent's]
    #[arg(long, value_name = "ID")]
    agent: Option<String>,
}

/// Prints one row per canvas.
pub fn cmd_ls(ctx: &Ctx, args: &Args) -> CmdResult {
    let mut all = Vec::new();
    for agent in super::agents(ctx, args.agent.as_deref())? {
        all.extend(crate::canvas::list(&ctx.home, &agent)?);
    }
    all.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&all)?;
        return Ok(Exit::Success);
    }
    if all.is_empty() {
        p.status("no canvases yet (an agent presents one with its canvas tool)")?;
        return Ok(Exit::Success);
    }
    let rows: Vec<Vec<String>> = all
        .into_iter()
        .map(|c| {
            vec![
                c.id,
                c.agent,
                super::show::printable(&c.title),
                c.format.as_str().to_string(),
                c.version.to_string(),
                if c.hidden { "hidden" } else { "shown" }.to_string(),
                c.shown_via.unwrap_or_else(|| "-".into()),
                c.updated_at.get(..19).unwrap_or(&c.updated_at).replace('T', " "),
                c.session_key,
            ]
        })
        .collect();
    let header = ["ID", "AGENT", "TITLE", "FORMAT", "VERSION", "STATE", "VIA", "UPDATED (UTC)", "SESSION"];
    let mut out = p.stdout();
    out.write_all(table(&header, &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}
