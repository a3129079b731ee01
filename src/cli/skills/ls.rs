//! `openclaw skills ls`.

use std::io::Write as _;

use crate::agent::skills;
use crate::cli::{CmdResult, Ctx, Exit, table};

/// List an agent's skills with their descriptions.
///
/// A skill is a folder skills/<name>/ in the agent's workspace holding SKILL.md, which opens
/// with front matter:
///
///   ---
///   name: weather
///   description: Current weather and forecasts for a place.
///   ---
///
/// The system prompt lists each skill's name, description and path; the agent reads the file
/// when a task fits. Without front matter the folder name and the file's first line are used.
/// PATH is relative to the workspace. --json prints an array of {name, description, path}.
///
/// Examples:
///   openclaw skills ls
///   openclaw skills ls --agent jarvis --json | jq -r '.[].name'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The agent [default: the config's defaultAgent]
    #[arg(long, value_name = "ID")]
    agent: Option<String>,
}

/// Prints one row per skill.
pub fn cmd_ls(ctx: &Ctx, args: &Args) -> CmdResult {
    let config = ctx.load_config_readonly()?.loaded.config;
    let agent = args.agent.as_deref().unwrap_or(&config.default_agent);
    crate::cli::agent::require_agent(&config, agent)?;
    let list = skills::list(&ctx.home, agent);
    let p = &ctx.printer;
    if p.json {
        p.json_doc(&list)?;
        return Ok(Exit::Success);
    }
    if list.is_empty() {
        let dir = ctx.home.skills_dir(agent);
        p.status(format!("no skills: agent {agent} has no {}/<name>/SKILL.md", dir.display()))?;
        return Ok(Exit::Success);
    }
    let rows: Vec<Vec<String>> = list.into_iter().map(|s| vec![s.name, s.description, s.path]).collect();
    let mut out = p.stdout();
    out.write_all(table(&["NAME", "DESCRIPTION", "PATH"], &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}
