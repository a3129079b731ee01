//! Argument parsing, output formatting and exit codes — nothing else. Each leaf command lives in
//! its own file (a folder per command group) with an `Args` struct whose doc comment is its help
//! and one `cmd_*` function that turns library results into text, JSON and an [`Exit`].

pub mod agent;
pub mod bind;
pub mod canvas;
pub mod channel;
pub mod completions;
pub mod config;
pub mod cron;
pub mod doctor;
pub mod gateway;
pub mod import;
pub mod init;
pub mod mcp;
pub mod memory;
pub mod node;
pub mod onboard;
mod output;
pub mod pairing;
pub mod send;
pub mod session;
pub mod skills;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::{ColorChoice, Printer, human_bytes, table};

use crate::home::Home;

/// Run AI agents on your messaging channels, from plain files.
///
/// Every command reads and writes the same plain-file state under the home directory
/// (`--home`, `$OPENCLAW_HOME`, or `~/.openclaw`), so they combine with shell scripts, cron, grep
/// and jq, and are safe to run while the gateway runs.
#[derive(Debug, Parser)]
#[command(name = "openclaw", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Print one JSON document on stdout (JSON Lines for streams)
    #[arg(long, global = true)]
    pub json: bool,
    /// Print only data and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail on stderr
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// The top-level commands. A leaf command's variant has no doc comment: its `Args` doc is the
/// help, with the examples (a comment here would replace it).
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::Args),
    /// Create, list, inspect and remove agents
    #[command(subcommand)]
    Agent(agent::Command),
    /// Route channels, accounts, peers and groups to agents
    #[command(subcommand)]
    Bind(bind::Command),
    /// List, show, reset and prune sessions
    #[command(subcommand)]
    Session(session::Command),
    Send(send::Args),
    /// Search, show and append to agents' memory
    #[command(subcommand)]
    Memory(memory::Command),
    /// List the skills in an agent's workspace
    #[command(subcommand)]
    Skills(skills::Command),
    /// Schedule agent turns and session resets: add, list, remove, run and inspect jobs
    #[command(subcommand)]
    Cron(cron::Command),
    Onboard(onboard::Args),
    /// Inspect and change gateway.json5
    #[command(subcommand)]
    Config(config::Command),
    Doctor(doctor::Args),
    Completions(completions::Args),
    /// Start, stop and inspect the gateway
    #[command(subcommand)]
    Gateway(gateway::Command),
    /// List and approve senders asking to talk to the agents
    #[command(subcommand)]
    Pairing(pairing::Command),
    /// List channel accounts and their health; list and resend dead letters
    #[command(subcommand)]
    Channel(channel::Command),
    /// List and show the canvases agents presented
    #[command(subcommand)]
    Canvas(canvas::Command),
    /// Pair other machines as nodes and run commands on them; run this machine as a node
    #[command(subcommand)]
    Node(node::Command),
    /// List MCP servers and the tools agents get from them; probe, add and remove servers
    #[command(subcommand)]
    Mcp(mcp::Command),
    /// Bring another runtime's home over (a Node OpenClaw home)
    #[command(subcommand)]
    Import(import::Command),
    #[command(name = "__complete", hide = true)]
    Complete(completions::CompleteArgs),
}

/// What a command hands back besides an error: success, or a quiet failure (exit 1 without a
/// message, like grep finding nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Exit 0.
    Success,
    /// Exit 1, nothing more to say.
    Failure,
}

/// The result of every `cmd_*` function.
pub type CmdResult = anyhow::Result<Exit>;

/// A mistake in how the command was called: exit 2.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    /// One sentence.
    pub message: String,
}

/// Returns a usage error (exit 2) from a command.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError { message: message.into() }.into()
}

/// An error with a hint the user can act on.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Hinted {
    /// One sentence.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// Returns an error (exit 1) that prints `hint: …` under the message.
pub fn hinted(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Hinted { message: message.into(), hint: hint.into() }.into()
}

/// What every command gets: where the home is and how to print.
#[derive(Debug)]
pub struct Ctx {
    /// The resolved home (not necessarily existing).
    pub home: Home,
    /// The printer for this run.
    pub printer: Printer,
}

impl Ctx {
    /// Loads `gateway.json5` for a command that does not use secrets (unset `${VAR}`s are kept
    /// as text, see [`crate::config::load_lenient`]), failing with a hint when the home is
    /// missing; prints its warnings.
    pub fn load_config(&self) -> anyhow::Result<crate::config::Loaded> {
        self.load(crate::config::load_lenient)
    }

    /// Loads `gateway.json5` with every `${VAR}` required to be set.
    pub fn load_config_strict(&self) -> anyhow::Result<crate::config::Loaded> {
        self.load(crate::config::load)
    }

    /// Loads `gateway.json5` for a command that only reads state: when the file has an error,
    /// the error is printed as a warning (with `file:line:col`) and the last config that loaded
    /// (`gateway/last-good.json5`), or else the defaults, is used, so one typo does not lock the
    /// user out of sessions, memory and status. Commands that write the config or act on it use
    /// [`Ctx::load_config`] and refuse instead.
    pub fn load_config_readonly(&self) -> anyhow::Result<crate::config::Recovered> {
        use crate::config::Origin;
        self.home.require()?;
        let got =
            crate::config::load_or_last_good(&self.home.config_path(), &self.home.last_good_config_path());
        for w in &got.loaded.warnings {
            self.printer.warn(w);
        }
        if let Some(e) = &got.error {
            let instead = match got.origin {
                Origin::LastGood => "using the last config that loaded (gateway/last-good.json5)",
                Origin::Defaults | Origin::File => "using the defaults (agent main only)",
            };
            self.printer.warn(format!("{e}; {instead}"));
        }
        Ok(got)
    }

    /// [`Ctx::load_config_strict`] for a command that shows the config: when the file has an
    /// error, its last good copy is shown instead, with the error as a warning; without a copy,
    /// the error.
    pub fn load_config_strict_or_last_good(&self) -> anyhow::Result<crate::config::Loaded> {
        let error = match self.load_config_strict() {
            Ok(loaded) => return Ok(loaded),
            Err(e) => e,
        };
        let got =
            crate::config::load_or_last_good(&self.home.config_path(), &self.home.last_good_config_path());
        match (got.origin, got.error) {
            (crate::config::Origin::LastGood, Some(e)) => {
                self.printer
                    .warn(format!("{e}; showing the last config that loaded (gateway/last-good.json5)"));
                Ok(got.loaded)
            }
            _ => Err(error),
        }
    }

    fn load(
        &self,
        loader: fn(&std::path::Path) -> Result<crate::config::Loaded, crate::config::ConfigError>,
    ) -> anyhow::Result<crate::config::Loaded> {
        self.home.require()?;
        let loaded = loader(&self.home.config_path())?;
        for w in &loaded.warnings {
            self.printer.warn(w);
        }
        Ok(loaded)
    }
}

/// Parses argv, runs the command and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let g = &cli.global;
    let printer = Printer::new(g.json, g.quiet, g.verbose, g.color);
    let home = match Home::resolve(g.home.as_deref()) {
        Ok(home) => home,
        Err(e) => {
            printer.error(&e.to_string(), None);
            return ExitCode::from(1);
        }
    };
    let ctx = Ctx { home, printer };
    match run(&ctx, cli.command) {
        Ok(Exit::Success) => ExitCode::SUCCESS,
        Ok(Exit::Failure) => ExitCode::from(1),
        Err(e) => report(&ctx.printer, &e, &home_secrets(&ctx.home)),
    }
}

/// The values an error printed here must not show: the secrets of this home's configuration
/// (API keys, bot tokens, passwords) and the gateway's token. An error can repeat what a server
/// echoed back, or a value of the config it quotes.
fn home_secrets(home: &Home) -> crate::config::Secrets {
    // A broken file still has the secrets of its last good copy to take out.
    let loaded = crate::config::load_or_last_good(&home.config_path(), &home.last_good_config_path());
    let mut secrets = crate::config::Secrets::of(&loaded.loaded.config);
    let token = home.gateway_dir().join("token");
    if let Ok(Some(bytes)) = crate::store::read_state_file(&token, crate::store::CAP_SMALL) {
        secrets.add(&String::from_utf8_lossy(&bytes));
    }
    secrets
}

fn run(ctx: &Ctx, command: Command) -> CmdResult {
    match command {
        Command::Init(args) => init::cmd_init(ctx, &args),
        Command::Agent(cmd) => agent::run(ctx, cmd),
        Command::Bind(cmd) => bind::run(ctx, cmd),
        Command::Session(cmd) => session::run(ctx, cmd),
        Command::Memory(cmd) => memory::run(ctx, cmd),
        Command::Send(args) => send::cmd_send(ctx, &args),
        Command::Skills(cmd) => skills::run(ctx, cmd),
        Command::Config(cmd) => config::run(ctx, cmd),
        Command::Onboard(args) => onboard::cmd_onboard(ctx, &args),
        Command::Cron(cmd) => cron::run(ctx, cmd),
        Command::Doctor(args) => doctor::cmd_doctor(ctx, &args),
        Command::Completions(args) => completions::cmd_completions(ctx, &args),
        Command::Gateway(cmd) => gateway::run(ctx, cmd),
        Command::Pairing(cmd) => pairing::run(ctx, cmd),
        Command::Channel(cmd) => channel::run(ctx, cmd),
        Command::Canvas(cmd) => canvas::run(ctx, cmd),
        Command::Node(cmd) => node::run(ctx, cmd),
        Command::Mcp(cmd) => mcp::run(ctx, cmd),
        Command::Import(cmd) => import::run(ctx, cmd),
        Command::Complete(args) => completions::cmd_complete(ctx, &args),
    }
}

/// Prints an error as one sentence (plus hint) and picks the exit code; a closed pipe is quiet.
fn report(printer: &Printer, err: &anyhow::Error, secrets: &crate::config::Secrets) -> ExitCode {
    let mut hint = None;
    let mut code = 1;
    for cause in err.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return ExitCode::SUCCESS;
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            code = 2;
        }
        if hint.is_none() {
            hint = cause.downcast_ref::<Hinted>().map(|h| h.hint.clone()).or_else(|| {
                cause.downcast_ref::<crate::config::ConfigError>().and_then(|c| c.hint().map(String::from))
            });
        }
    }
    printer.error(&secrets.redact(&format!("{err:#}")), hint.as_deref());
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        super::Cli::command().debug_assert();
    }

    /// `openclaw <command> --help` ends with examples for every command a user runs.
    #[test]
    fn every_leaf_command_has_examples_in_its_help() {
        fn leaves(cmd: &mut clap::Command, path: String, out: &mut Vec<(String, String)>) {
            let subs: Vec<String> = cmd
                .get_subcommands()
                .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                .map(|s| s.get_name().to_string())
                .collect();
            if subs.is_empty() {
                out.push((path.clone(), cmd.render_long_help().to_string()));
            }
            for name in subs {
                let sub = cmd.find_subcommand_mut(&name).expect("listed");
                leaves(sub, format!("{path} {name}"), out);
            }
        }
        let mut cli = super::Cli::command();
        cli.build();
        let mut all = Vec::new();
        leaves(&mut cli, "openclaw".into(), &mut all);
        assert!(all.len() > 50, "{}", all.len());
        let missing: Vec<&str> = all
            .iter()
            .filter(|(_, help)| !help.contains("Examples:\n  openclaw "))
            .map(|(p, _)| p.as_str())
            .collect();
        assert!(missing.is_empty(), "no examples in the help of: {missing:?}");
    }
}
