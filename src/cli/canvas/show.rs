//! `openclaw canvas show`.

use std::io::Write as _;

use crate::cli::{CmdResult, Ctx, Exit, hinted, usage};

/// Show one canvas: what it is, and its content as the agent wrote it.
///
/// The content is printed as written (Markdown or HTML) with control characters other than
/// line breaks and tabs replaced, since it is model output. --text prints the plain-text
/// rendering chats without a canvas get instead. --json prints the whole saved canvas.
///
/// Examples:
///   openclaw canvas show cv-3f2a9c1b0d4e5f67
///   openclaw canvas show cv-3f2a9c1b0d4e5f67 --json | jq -r .content > board.html
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The canvas id (cv-…, from `openclaw canvas ls`)
    id: String,
    /// Look only at this agent's canvases [default: every agent's]
    #[arg(long, value_name = "ID")]
    agent: Option<String>,
    /// Print the plain-text rendering instead of the content
    #[arg(long)]
    text: bool,
}

/// Prints the canvas.
pub fn cmd_show(ctx: &Ctx, args: &Args) -> CmdResult {
    if !crate::canvas::valid_id(&args.id) {
        return Err(usage(format!("\"{}\" is not a canvas id (cv- and 16 hex digits)", args.id)));
    }
    let agents = super::agents(ctx, args.agent.as_deref())?;
    let Some(c) = crate::canvas::find(&ctx.home, agents.iter().map(String::as_str), &args.id)? else {
        return Err(hinted(
            format!("no canvas {}", args.id),
            "`openclaw canvas ls` lists the canvases there are",
        ));
    };
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&c)?;
        return Ok(Exit::Success);
    }
    let mut out = p.stdout();
    let body = if args.text { crate::canvas::to_text(&c) } else { c.content.clone() };
    if !p.quiet {
        let state = if c.hidden { "hidden" } else { "shown" };
        writeln!(
            out,
            "canvas {} · {} · agent {} · session {}",
            c.id,
            printable(&c.title),
            c.agent,
            c.session_key
        )?;
        writeln!(
            out,
            "{} · version {} · {state} · via {} · updated {}",
            c.format.as_str(),
            c.version,
            c.shown_via.as_deref().unwrap_or("-"),
            c.updated_at
        )?;
        writeln!(out)?;
    }
    writeln!(out, "{}", printable(body.trim_end()))?;
    out.flush()?;
    Ok(Exit::Success)
}

/// `text` with control characters (terminal escapes included) shown as `�`, except line breaks
/// and tabs.
pub(super) fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{FFFD}' } else { c }).collect()
}
