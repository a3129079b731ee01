//! `openclaw init`.

use super::{CmdResult, Ctx, Exit};

/// Create the home with a commented gateway.json5 and the agent `main`
///
/// Safe to run again: existing files are never touched, and a second run says there was nothing
/// to do. The home is `--home DIR`, else `$OPENCLAW_HOME`, else `~/.openclaw`; it is created
/// with mode 0700 and its files 0600.
///
/// Examples:
///   openclaw init
///   openclaw --home /srv/openclaw init
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

/// Creates what is missing of the home and reports it.
pub fn cmd_init(ctx: &Ctx, _args: &Args) -> CmdResult {
    let home = &ctx.home;
    let done = crate::setup::init(home)?;
    for w in &done.warnings {
        ctx.printer.warn(w);
    }
    let created = done.created;
    let main = done.agent;

    let p = &ctx.printer;
    if p.json {
        let paths: Vec<String> = created.iter().map(|c| c.display().to_string()).collect();
        p.json_doc(&serde_json::json!({
            "home": home.root().display().to_string(),
            "created": paths,
        }))?;
    } else if created.is_empty() {
        p.status(format!("{} is already set up; nothing to do", home.root().display()))?;
    } else {
        p.status(format!("Initialised openclaw home at {}", home.root().display()))?;
        for c in &created {
            let rel = c.strip_prefix(home.root()).unwrap_or(c);
            if !rel.as_os_str().is_empty() {
                p.verbose(format!("  created {}", rel.display()));
            }
        }
        p.status(format!(
            "  config:  {}\n  agent:   {main} ({})\n\nNext: `openclaw onboard` sets up a model provider (or edit gateway.json5, then `openclaw config validate`).",
            home.config_path().display(),
            home.workspace(&main).display(),
        ))?;
    }
    Ok(Exit::Success)
}
