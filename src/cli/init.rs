//! `openclaw init`.

use crate::agent::workspace::{self, Identity};
use crate::store::{self, PRIVATE_DIR, PRIVATE_FILE};

use super::{CmdResult, Ctx, Exit};

/// Create the home with a commented gateway.json5 and the agent `main`.
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
    let mut created = Vec::new();
    if !home.root().is_dir() {
        store::create_dir_private(home.root())?;
        created.push(home.root().to_path_buf());
    }
    // A pre-existing home directory created by someone else may be group/world readable.
    tighten(home.root())?;
    let config = home.config_path();
    if store::write_new(&config, crate::config::TEMPLATE.as_bytes(), PRIVATE_FILE)? {
        created.push(config);
    }
    for dir in
        [home.agents_dir(), home.credentials_dir(), home.cron_dir(), home.gateway_dir(), home.logs_dir()]
    {
        if !dir.is_dir() {
            store::create_dir_private(&dir)?;
            created.push(dir);
        }
    }
    let loaded = ctx.load_config()?;
    let main = loaded.config.default_agent.clone();
    let model = loaded.config.agents.get(&main).and_then(|a| a.model.clone());
    let identity = Identity {
        name: workspace::default_name(&main),
        model: model.or(loaded.config.models.default.clone()).unwrap_or_else(|| "(not set)".into()),
    };
    created.extend(workspace::create(home, &main, &identity)?);

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
            "  config:  {}\n  agent:   {main} ({})\n\nNext: set a model provider in gateway.json5, then `openclaw config validate`.",
            home.config_path().display(),
            home.workspace(&main).display(),
        ))?;
    }
    Ok(Exit::Success)
}

fn tighten(dir: &std::path::Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(dir)?;
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(PRIVATE_DIR))?;
    }
    Ok(())
}
