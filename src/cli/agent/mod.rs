//! `openclaw agent …`: create, list, inspect and remove agents.

mod ls;
mod new;
mod rm;
mod show;

use super::{CmdResult, Ctx};

/// Create, list, inspect and remove agents.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    New(new::Args),
    Ls(ls::Args),
    Show(show::Args),
    Rm(rm::Args),
}

/// Runs one agent command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::New(args) => new::cmd_new(ctx, &args),
        Command::Ls(args) => ls::cmd_ls(ctx, &args),
        Command::Show(args) => show::cmd_show(ctx, &args),
        Command::Rm(args) => rm::cmd_rm(ctx, &args),
    }
}

/// Fails with a hint listing the defined agents when `id` is not one of them.
pub(crate) fn require_agent(config: &crate::config::Config, id: &str) -> anyhow::Result<()> {
    if config.agents.contains_key(id) {
        return Ok(());
    }
    let known: Vec<&str> = config.agents.keys().map(String::as_str).collect();
    Err(super::hinted(
        format!("agent {id:?} does not exist in gateway.json5"),
        format!("agents defined: {}", if known.is_empty() { "(none)".into() } else { known.join(", ") }),
    ))
}

/// What `agent ls` and `agent show` report about one agent.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AgentSummary {
    id: String,
    default: bool,
    model: String,
    model_is_default: bool,
    workspace: String,
    state: String,
    bindings: Vec<crate::config::Binding>,
    sessions: usize,
    memory: MemorySize,
}

/// Bytes of long-term memory and of daily logs.
#[derive(Debug, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MemorySize {
    long_bytes: u64,
    daily_logs: usize,
    daily_bytes: u64,
}

impl AgentSummary {
    fn gather(home: &crate::home::Home, config: &crate::config::Config, id: &str) -> Self {
        let agent = config.agents.get(id).cloned().unwrap_or_default();
        let (model, model_is_default) = match agent.model {
            Some(m) => (m, false),
            None => (config.models.default.clone().unwrap_or_else(|| "(not set)".into()), true),
        };
        let mut memory = MemorySize {
            long_bytes: std::fs::metadata(home.long_memory(id)).map(|m| m.len()).unwrap_or(0),
            ..MemorySize::default()
        };
        for entry in std::fs::read_dir(home.daily_memory_dir(id)).into_iter().flatten().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                memory.daily_logs += 1;
                memory.daily_bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
        Self {
            id: id.to_string(),
            default: config.default_agent == id,
            model,
            model_is_default,
            workspace: home.workspace(id).display().to_string(),
            state: home.state_dir(id).display().to_string(),
            bindings: agent.bindings,
            sessions: session_count(home, id),
            memory,
        }
    }
}

/// Sessions of the agent; an unreadable store counts as 0 here (`doctor` reports it).
fn session_count(home: &crate::home::Home, id: &str) -> usize {
    crate::session::count(home, id).unwrap_or(0)
}
