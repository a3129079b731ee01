//! `openclaw channel dead-letters [ls|resend|drop]`.

use std::io::Write as _;

use crate::channel::{deadletter, outbox};
use crate::cli::{CmdResult, Ctx, Exit, table, usage};

/// List, resend or drop outbound messages that could not be delivered.
///
/// When a reply, cron result, heartbeat or sub-agent announcement cannot be sent (the service
/// refused it, or kept failing through every retry), the outbox keeps the unsent parts in
/// channels/dead-letters.jsonl with the reason, instead of dropping them. `resend` sends them
/// again (through the running gateway when there is one) and closes the letter when every part
/// went out; `drop` closes it unsent. --json prints the open letters as an array.
///
/// Examples:
///   openclaw channel dead-letters
///   openclaw channel dead-letters resend dl-3f2a9c1b
///   openclaw channel dead-letters resend --all
///   openclaw channel dead-letters drop dl-3f2a9c1b
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// List the open dead letters (the default)
    #[command(
        after_help = "Examples:\n  openclaw channel dead-letters ls\n  openclaw channel dead-letters ls --json | jq -r '.[].id'"
    )]
    Ls,
    /// Send dead letters again
    #[command(
        after_help = "Examples:\n  openclaw channel dead-letters resend dl-3f2a9c1b\n  openclaw channel dead-letters resend --all"
    )]
    Resend {
        /// Letter ids (dl-…)
        ids: Vec<String>,
        /// Every open letter
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
    /// Close dead letters without sending them
    #[command(after_help = "Examples:\n  openclaw channel dead-letters drop dl-3f2a9c1b")]
    Drop {
        /// Letter ids (dl-…)
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

/// Runs the chosen action.
pub fn cmd_dead_letters(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    match &args.action {
        None | Some(Action::Ls) => ls(ctx),
        Some(Action::Resend { ids, all }) => resend(ctx, ids, *all),
        Some(Action::Drop { ids }) => drop_letters(ctx, ids),
    }
}

fn ls(ctx: &Ctx) -> CmdResult {
    let (letters, warnings) = deadletter::open(&ctx.home)?;
    let p = &ctx.printer;
    for w in &warnings {
        p.warn(w);
    }
    if p.json {
        p.json_doc(&letters)?;
        return Ok(Exit::Success);
    }
    if letters.is_empty() {
        p.status("no dead letters")?;
        return Ok(Exit::Success);
    }
    let rows: Vec<Vec<String>> = letters
        .iter()
        .map(|l| {
            let first: String = l.parts.first().map(|t| t.chars().take(40).collect()).unwrap_or_default();
            vec![
                l.id.clone(),
                l.at.chars().take(19).collect::<String>().replace('T', " "),
                format!("{}/{}", l.channel, l.account),
                l.chat.id.clone(),
                l.parts.len().to_string(),
                l.origin.clone(),
                l.error.clone(),
                first.replace('\n', " "),
            ]
        })
        .collect();
    let mut out = p.stdout();
    let header = ["ID", "AT (UTC)", "ACCOUNT", "TO", "PARTS", "ORIGIN", "ERROR", "TEXT"];
    out.write_all(table(&header, &rows).as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}

fn resend(ctx: &Ctx, ids: &[String], all: bool) -> CmdResult {
    let (letters, _) = deadletter::open(&ctx.home)?;
    let ids: Vec<String> = if all { letters.iter().map(|l| l.id.clone()).collect() } else { ids.to_vec() };
    if ids.is_empty() {
        if all {
            ctx.printer.status("no dead letters")?;
            return Ok(Exit::Success);
        }
        return Err(usage("name the letters to resend (dl-…), or --all"));
    }
    let config = ctx.load_config_strict()?.config;
    let client = super::super::gateway::Client::find(ctx, &config);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut failed = 0;
    for id in &ids {
        let result: anyhow::Result<Vec<String>> = match &client {
            Some(c) => {
                c.post("/api/dead-letters/resend", &serde_json::json!({"id": id}), &mut |_| {}).map(|v| {
                    v["messageIds"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
                        .unwrap_or_default()
                })
            }
            None => runtime
                .block_on(outbox::resend(&ctx.home, &config.channels, id))
                .map(|d| d.message_ids)
                .map_err(Into::into),
        };
        match result {
            Ok(sent) => ctx.printer.status(format!("{id}: resent (message id {})", sent.join(", ")))?,
            Err(e) => {
                failed += 1;
                ctx.printer.error(&format!("{id}: not resent: {e:#}"), None);
            }
        }
    }
    Ok(if failed == 0 { Exit::Success } else { Exit::Failure })
}

fn drop_letters(ctx: &Ctx, ids: &[String]) -> CmdResult {
    let _lock = deadletter::lock(&ctx.home)?;
    let (letters, _) = deadletter::open(&ctx.home)?;
    for id in ids {
        if !letters.iter().any(|l| &l.id == id) {
            anyhow::bail!("no open dead letter {id} (see openclaw channel dead-letters)");
        }
    }
    for id in ids {
        deadletter::dropped(&ctx.home, id)?;
        ctx.printer.status(format!("{id}: dropped"))?;
    }
    Ok(Exit::Success)
}
