//! `openclaw import openclaw`.

use std::path::PathBuf;

use super::super::{CmdResult, Ctx, Exit, hinted};
use crate::import::{Action, ImportError, Options, Report};

/// Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.
///
/// Reads the OpenClaw state directory (never writing to it; safe while the Node gateway runs)
/// and writes into this home: openclaw.json becomes gateway.json5 settings (agents, bindings,
/// channel accounts, providers, session policy, MCP servers; `${VAR}` secrets stay references),
/// sessions keep their keys with converted transcripts (the originals are kept untouched in
/// transcripts/archive/), workspaces and skills are copied byte for byte, approved senders go to
/// credentials/, cron jobs to cron/jobs.json. Everything that has no place here is listed with
/// the reason; secrets are named, never shown.
///
/// Run it with --dry-run first. A real run refuses when this home already holds something
/// different under the same name (an agent setting, a session, a file) unless --merge is given,
/// which keeps what is here and adds the rest. Running it again changes nothing.
///
/// Examples:
///   openclaw import openclaw --dry-run
///   openclaw import openclaw --from /srv/old/.openclaw
///   openclaw import openclaw --agent main --merge --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The OpenClaw state directory [default: $OPENCLAW_STATE_DIR or ~/.openclaw]
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,
    /// Print the full plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import into an agent or session that exists already: what is here is kept, the rest added
    #[arg(long)]
    pub merge: bool,
    /// Only this agent (repeatable)
    #[arg(long = "agent", value_name = "ID", num_args = 1..)]
    pub agents: Vec<String>,
}

/// Runs `import openclaw`.
pub fn cmd_openclaw(ctx: &Ctx, args: &Args) -> CmdResult {
    let from = match &args.from {
        Some(dir) => dir.clone(),
        None => match std::env::var_os("OPENCLAW_STATE_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
                Some(h) => PathBuf::from(h).join(".openclaw"),
                None => return Err(super::super::usage("cannot find the OpenClaw home: pass --from DIR")),
            },
        },
    };
    let agents = args.agents.iter().map(|a| a.to_ascii_lowercase()).collect();
    let opts = Options { from, dry_run: args.dry_run, merge: args.merge, agents };
    let plan = crate::import::plan(&ctx.home, &opts).map_err(explain)?;
    let report = crate::import::apply(&ctx.home, plan).map_err(explain)?;
    print(ctx, &report)?;
    Ok(Exit::Success)
}

fn explain(e: ImportError) -> anyhow::Error {
    match &e {
        ImportError::Conflicts { .. } => {
            hinted(e.to_string(), "see them with --dry-run; --merge keeps what is here and imports the rest")
        }
        ImportError::NoSqlite { .. } => hinted(
            e.to_string(),
            "build openclaw with SQLite import: cargo install --path . --features import-sqlite",
        ),
        ImportError::SameDirectory(_) => {
            hinted(e.to_string(), "pass --home DIR for this home, or --from DIR for the OpenClaw one")
        }
        _ => e.into(),
    }
}

fn print(ctx: &Ctx, r: &Report) -> std::io::Result<()> {
    let p = &ctx.printer;
    if p.json {
        return p.json_doc(r);
    }
    let verb = if r.dry_run { "Plan for importing" } else { "Imported" };
    p.status(format!(
        "{verb} the OpenClaw home {} ({} era) into {}",
        r.source,
        r.eras.join(" + "),
        r.target
    ))?;
    let mut out = String::new();
    for i in &r.items {
        // Unchanged items are many on a second run; they show with -v.
        if i.action == Action::Unchanged && p.verbose == 0 {
            continue;
        }
        let detail = i.detail.as_deref().map(|d| format!("  {d}")).unwrap_or_default();
        out.push_str(&format!("  {:<9} {:<11} {}{detail}\n", i.action.as_str(), i.kind, i.target));
    }
    if !out.is_empty() {
        p.status(out.trim_end())?;
    }
    if !r.unmapped.is_empty() {
        let mut text = format!("Not imported ({}):", r.unmapped.len());
        for u in &r.unmapped {
            text.push_str(&format!("\n  {}: {}", u.item, u.reason));
        }
        p.status(text)?;
    }
    for w in &r.warnings {
        p.warn(w);
    }
    let counts = format!(
        "{} to create, {} to replace (our starting templates), {} unchanged, {} conflicting, {} kept",
        r.count(Action::Create),
        r.count(Action::Replace),
        r.count(Action::Unchanged),
        r.count(Action::Conflict),
        r.count(Action::Kept)
    );
    let summary = if r.dry_run {
        let refuse = if r.count(Action::Conflict) > 0 {
            "; a real run would refuse because of the conflicts (--merge keeps what is here)"
        } else {
            ""
        };
        format!("Dry run, nothing written: {counts}{refuse}.")
    } else if r.changes() == 0 {
        "Nothing to do: everything is already imported.".to_string()
    } else {
        format!("Done: {}.", counts.replace("to create", "created").replace("to replace", "replaced"))
    };
    p.status(summary)
}
