//! `openclaw agent new`.

use crate::agent::{self, workspace};
use crate::config::Binding;
use crate::config::ConfigDoc;

use super::super::{CmdResult, Ctx, Exit, usage};

/// Create an agent with its own workspace, state and config entry.
///
/// Writes the workspace bootstrap files (AGENTS.md, SOUL.md, USER.md, IDENTITY.md, TOOLS.md,
/// BOOTSTRAP.md, MEMORY.md, memory/, skills/) and an empty session store under agents/<id>/, and
/// adds the agent to gateway.json5, keeping its comments and layout. On a terminal, without
/// --model or --yes, it asks for the model and a display name; otherwise it never prompts.
///
/// Examples:
///   openclaw agent new jarvis --model anthropic/claude-sonnet-4-5 --bind telegram --yes
///   openclaw agent new support --bind slack:workspace-a --bind discord
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Agent id: lower-case letters, digits, '-' and '_', at most 64
    pub id: String,
    /// Model as provider/model [default: models.default]
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Route a channel (or one account of it) to this agent; repeatable
    #[arg(long = "bind", value_name = "CHANNEL[:ACCOUNT]")]
    pub bind: Vec<String>,
    /// Display name written into IDENTITY.md and SOUL.md [default: from the id]
    #[arg(long)]
    pub name: Option<String>,
    /// Never prompt; take defaults for everything not given
    #[arg(short, long)]
    pub yes: bool,
}

/// Creates the agent: validates everything first, then writes the workspace and the config.
pub fn cmd_new(ctx: &Ctx, args: &Args) -> CmdResult {
    agent::validate_id(&args.id).map_err(|e| usage(e.to_string()))?;
    let bindings = args.bind.iter().map(|b| parse_bind(b)).collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(model) = &args.model {
        check_model(model)?;
    }
    let loaded = ctx.load_config()?;
    let id = args.id.as_str();
    if loaded.config.agents.contains_key(id) {
        anyhow::bail!("agent {id:?} already exists in {}", loaded.path.display());
    }
    let dir = ctx.home.agent_dir(id);
    if dir.exists() {
        return Err(super::super::hinted(
            format!("{} already exists but agent {id:?} is not in gateway.json5", dir.display()),
            "move that directory away, or add the agent back with `openclaw config set agents.<id> {}`",
        ));
    }

    let prompt = ctx.printer.interactive() && !args.yes && args.model.is_none();
    let default_name = args.name.clone().unwrap_or_else(|| workspace::default_name(id));
    let (model, name) = if prompt {
        let default_model = loaded.config.models.default.clone().unwrap_or_default();
        let model: String = dialoguer::Input::new()
            .with_prompt("Model (provider/model)")
            .default(default_model.clone())
            .validate_with(|m: &String| check_model(m).map_err(|e| e.to_string()))
            .interact_text()?;
        let name: String =
            dialoguer::Input::new().with_prompt("Display name").default(default_name).interact_text()?;
        ((model != default_model).then_some(model), name)
    } else {
        (args.model.clone(), default_name)
    };

    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    doc.add_agent(id, model.as_deref(), &bindings)?;
    let shown_model =
        model.clone().or(loaded.config.models.default.clone()).unwrap_or_else(|| "(not set)".into());
    workspace::create(&ctx.home, id, &workspace::Identity { name, model: shown_model.clone() })?;
    if let Err(e) = doc.save() {
        // The config refused the agent: take back the directory we just created.
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e.into());
    }

    let p = &ctx.printer;
    if p.json {
        p.json_doc(&serde_json::json!({
            "id": id,
            "model": shown_model,
            "workspace": ctx.home.workspace(id).display().to_string(),
            "bindings": bindings,
        }))?;
    } else {
        p.status(format!(
            "Created agent {id} ({shown_model})\n  workspace: {}",
            ctx.home.workspace(id).display()
        ))?;
        for b in &bindings {
            let account = b.account_id.as_deref().map(|a| format!(" account {a}")).unwrap_or_default();
            p.status(format!("  bound:     {}{account}", b.channel))?;
        }
    }
    Ok(Exit::Success)
}

/// `telegram` or `slack:workspace-a` → a channel (+ account) binding.
fn parse_bind(spec: &str) -> anyhow::Result<Binding> {
    let (channel, account) = match spec.split_once(':') {
        Some((c, a)) => (c, Some(a)),
        None => (spec, None),
    };
    let valid = |s: &str| !s.is_empty() && !s.chars().any(char::is_whitespace);
    if !valid(channel) || account.is_some_and(|a| !valid(a)) {
        return Err(usage(format!("invalid --bind {spec:?}: expected CHANNEL or CHANNEL:ACCOUNT")));
    }
    Ok(Binding {
        channel: channel.to_ascii_lowercase(),
        account_id: account.map(str::to_string),
        ..Binding::default()
    })
}

fn check_model(model: &str) -> anyhow::Result<()> {
    match model.split_once('/') {
        Some((p, m)) if !p.is_empty() && !m.is_empty() && !model.contains(char::is_whitespace) => Ok(()),
        _ => {
            Err(usage(format!("invalid --model {model:?}: expected provider/model, e.g. openai/gpt-4o-mini")))
        }
    }
}
