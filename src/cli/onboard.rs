//! `openclaw onboard`: first-run setup of a model provider (and optionally a Telegram bot).

use std::time::Duration;

use serde_json::json;

use crate::config::{ConfigDoc, ProviderConfig};
use crate::provider::{self, ChatRequest, Message, Provider, Timeouts};

use super::{CmdResult, Ctx, Exit, hinted, usage};

/// Set up a model provider (and a Telegram bot) in one step, checked with a real request
///
/// Picks a provider, checks its key and model with a tiny completion, optionally checks a
/// Telegram bot token with getMe, then writes gateway.json5 (keeping its comments) and offers
/// to start the gateway. On a terminal it asks for what the flags do not say; without one it
/// never waits: a missing answer is a usage error (exit 2) naming the flag, and --yes takes the
/// defaults (the provider whose key is set, else a running Ollama; its usual model). Keys are
/// never written to the file: it gets a "${VAR}" reference to the variable that holds the key
/// (--api-key-env, default the provider's usual one, e.g. OPENAI_API_KEY), which must be set in
/// the gateway's environment too. A failed check exits 1 and writes nothing.
///
/// Examples:
///   openclaw onboard
///   openclaw onboard --yes --provider openai --model gpt-4o-mini
///   openclaw onboard --yes --provider ollama
///   openclaw onboard --yes --provider openai --telegram-token-env TELEGRAM_BOT_TOKEN --start
///   openclaw onboard --yes --provider vllm --base-url http://127.0.0.1:8000/v1 --model qwen2.5
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// openai, anthropic, openrouter, ollama, local, or a name of your own with --base-url
    #[arg(long, value_name = "P")]
    pub provider: Option<String>,
    /// The model, as the provider names it (without "provider/")
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// The provider's API root [default: the provider's usual one]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The environment variable holding the API key [default: the provider's usual one]
    #[arg(long, value_name = "VAR")]
    pub api_key_env: Option<String>,
    /// Also set up a Telegram bot whose token is in this environment variable
    #[arg(long, value_name = "VAR")]
    pub telegram_token_env: Option<String>,
    /// The Telegram Bot API root, for a self-hosted Bot API server [default: https://api.telegram.org]
    #[arg(long, value_name = "URL", requires = "telegram_token_env")]
    pub telegram_api_base: Option<String>,
    /// Never prompt; take the defaults for everything not given
    #[arg(short, long)]
    pub yes: bool,
    /// Start the gateway when done (with --yes it is only suggested otherwise)
    #[arg(long)]
    pub start: bool,
}

/// The model --yes picks for a provider when --model is not given.
fn default_model(provider: &str) -> Option<&'static str> {
    match provider {
        "openai" => Some("gpt-4o-mini"),
        "anthropic" => Some("claude-sonnet-4-5"),
        "openrouter" => Some("openai/gpt-4o-mini"),
        _ => None,
    }
}

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.trim().is_empty())
}

fn check_var_name(var: &str, flag: &str) -> anyhow::Result<()> {
    let ok = var.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok { Ok(()) } else { Err(usage(format!("{flag} {var:?} is not an environment variable name"))) }
}

/// The value of `var`, or an error saying to export it.
fn secret(var: &str, what: &str) -> anyhow::Result<String> {
    env(var).ok_or_else(|| {
        hinted(
            format!("{var} is not set; it should hold the {what}"),
            format!("export {var}=… (here and in the gateway's environment), then run this again"),
        )
    })
}

/// A spinner on a terminal, nothing otherwise.
fn spinner(ctx: &Ctx, what: &str) -> indicatif::ProgressBar {
    if !ctx.printer.interactive() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what.to_string());
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// Runs onboarding.
pub fn cmd_onboard(ctx: &Ctx, args: &Args) -> CmdResult {
    let ask = ctx.printer.interactive() && !args.yes;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let ollama_root = provider::ollama::root(&|v| std::env::var(v).ok());

    // 1. The provider.
    let name = match &args.provider {
        Some(p) => p.trim().to_string(),
        None if ask => {
            let names: Vec<&str> = provider::WELL_KNOWN.iter().map(|w| w.name).collect();
            let i =
                dialoguer::Select::new().with_prompt("Model provider").items(&names).default(0).interact()?;
            names[i].to_string()
        }
        None if args.yes => {
            let with_key = provider::WELL_KNOWN.iter().find(|w| w.key_var.is_some_and(|v| env(v).is_some()));
            match with_key {
                Some(w) => w.name.to_string(),
                None if runtime
                    .block_on(provider::ollama::models(&ollama_root))
                    .is_some_and(|m| !m.is_empty()) =>
                {
                    "ollama".to_string()
                }
                None => {
                    return Err(usage(
                        "missing --provider: no provider key is set and no Ollama answers, so --yes has nothing to pick",
                    ));
                }
            }
        }
        None => {
            return Err(usage(
                "missing --provider (no terminal to ask on; or pass --yes to take the defaults)",
            ));
        }
    };
    if crate::agent::validate_id(&name).is_err() {
        return Err(usage(format!("--provider {name:?} is not a provider name (letters, digits, - and _)")));
    }
    let known = provider::well_known(&name);
    if known.is_none() && args.base_url.is_none() {
        let names: Vec<&str> = provider::WELL_KNOWN.iter().map(|w| w.name).collect();
        return Err(usage(format!(
            "missing --base-url: provider {name:?} is not built in ({}), so its API root is needed",
            names.join(", ")
        )));
    }
    let api = known.map_or("openai", |w| w.api);

    // 2. Where it is and which variable holds its key.
    let default_base = known.map(|w| w.base_url());
    let base_url = match (&args.base_url, &default_base) {
        (Some(u), _) => u.trim().to_string(),
        (None, Some(d)) if ask => {
            dialoguer::Input::new().with_prompt("API root").default(d.clone()).interact_text()?
        }
        (None, Some(d)) => d.clone(),
        (None, None) => unreachable!("checked above"),
    };
    let key_var = match (&args.api_key_env, known.and_then(|w| w.key_var)) {
        (Some(v), _) => Some(v.trim().to_string()),
        (None, Some(d)) if ask => Some(
            dialoguer::Input::new()
                .with_prompt("Environment variable holding the API key")
                .default(d.to_string())
                .interact_text()?,
        ),
        (None, d) => d.map(str::to_string),
    };
    if let Some(v) = &key_var {
        check_var_name(v, "--api-key-env")?;
    }

    // 3. The model.
    let model = match &args.model {
        Some(m) => m.trim().to_string(),
        None => {
            let suggested = match default_model(&name) {
                Some(m) => Some(m.to_string()),
                None if name == "ollama" => runtime
                    .block_on(provider::ollama::models(&ollama_root))
                    .and_then(|m| m.into_iter().next()),
                None => None,
            };
            match suggested {
                Some(m) if ask => dialoguer::Input::new().with_prompt("Model").default(m).interact_text()?,
                Some(m) if args.yes => m,
                None if ask => dialoguer::Input::<String>::new().with_prompt("Model").interact_text()?,
                _ => return Err(usage("missing --model (no terminal to ask on)")),
            }
        }
    };
    if model.is_empty() {
        return Err(usage("--model is empty"));
    }
    let model_ref = format!("{name}/{model}");
    let key = key_var.as_deref().map(|v| secret(v, &format!("{name} API key"))).transpose()?;

    // 4. One real request: the key and the model together.
    let cfg = ProviderConfig {
        api: api.to_string(),
        base_url: Some(base_url.clone()),
        api_key: key,
        ..Default::default()
    };
    let timeouts = Timeouts {
        connect: Duration::from_secs(10),
        idle: Duration::from_secs(60),
        overall: Duration::from_secs(90),
    };
    let http = provider::http_client(&timeouts)?;
    let checked = Provider::new(&name, &cfg, http.clone(), timeouts).and_then(|p| {
        let bar = spinner(ctx, &format!("asking {model_ref} for a one-word reply…"));
        let req = ChatRequest {
            model: model.clone(),
            system: "Reply with the single word OK.".into(),
            messages: vec![Message::user("OK?")],
            max_tokens: Some(16),
            stream: false,
            ..Default::default()
        };
        let r = runtime.block_on(p.chat(&model, &req, &mut |_| {}));
        bar.finish_and_clear();
        r
    });
    if let Err(e) = checked {
        anyhow::bail!("checking {model_ref} failed, nothing was written: {e}");
    }
    ctx.printer.status(format!("✓ {model_ref} answers"))?;

    // 5. Telegram, if wanted.
    let telegram_var = match &args.telegram_token_env {
        Some(v) => Some(v.trim().to_string()),
        None if ask
            && dialoguer::Confirm::new().with_prompt("Add a Telegram bot?").default(false).interact()? =>
        {
            Some(
                dialoguer::Input::new()
                    .with_prompt("Environment variable holding the bot token")
                    .default("TELEGRAM_BOT_TOKEN".to_string())
                    .interact_text()?,
            )
        }
        None => None,
    };
    let mut bot = None;
    if let Some(var) = &telegram_var {
        check_var_name(var, "--telegram-token-env")?;
        let token = secret(var, "Telegram bot token")?;
        let api_base =
            args.telegram_api_base.as_deref().unwrap_or("https://api.telegram.org").trim_end_matches('/');
        let bar = spinner(ctx, "asking Telegram who the bot is (getMe)…");
        let me = runtime.block_on(get_me(&http, api_base, &token));
        bar.finish_and_clear();
        let username =
            me.map_err(|e| anyhow::anyhow!("checking the Telegram bot failed, nothing was written: {e}"))?;
        ctx.printer.status(format!("✓ Telegram bot @{username}"))?;
        bot = Some(username);
    }

    // 6. Write gateway.json5, keeping its comments.
    crate::setup::init(&ctx.home)?;
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    let mut entry = json!({ "api": api, "baseUrl": base_url });
    if let Some(v) = &key_var {
        entry["apiKey"] = json!(format!("${{{v}}}"));
    }
    doc.set(&format!("models.providers.{name}"), entry)?;
    doc.set("models.default", json!(model_ref))?;
    if let Some(var) = &telegram_var {
        doc.set("channels.telegram.accounts.default.botToken", json!(format!("${{{var}}}")))?;
        if let Some(base) = &args.telegram_api_base {
            doc.set("channels.telegram.accounts.default.apiBase", json!(base))?;
        }
    }
    doc.save()?;

    let p = &ctx.printer;
    let start = args.start
        || (ask
            && dialoguer::Confirm::new().with_prompt("Start the gateway now?").default(true).interact()?);
    if p.json {
        p.json_doc(&json!({
            "config": ctx.home.config_path(), "model": model_ref, "apiKeyEnv": key_var,
            "telegram": bot, "telegramTokenEnv": telegram_var, "started": start,
        }))?;
    } else {
        p.status(format!("Wrote {} (models.default: {model_ref})", ctx.home.config_path().display()))?;
        if let Some(v) = &key_var {
            p.status(format!("  the key stays in {v}: keep it exported where the gateway runs"))?;
        }
        let running =
            crate::gateway::process::read_pid(&ctx.home).filter(|pid| crate::gateway::process::alive(*pid));
        match running {
            // It reloads the file, but a variable it was started without stays unset for it.
            Some(pid) if !start => p.status(format!(
                "The gateway (pid {pid}) reloads the file; if it was started without the variables above, restart it: openclaw gateway stop && openclaw gateway start"
            ))?,
            None if !start => p.status("Next: openclaw gateway start")?,
            _ => {}
        }
    }
    if start {
        return super::gateway::start::cmd_start(ctx, &super::gateway::start::Args { foreground: false });
    }
    Ok(Exit::Success)
}

/// The bot's username from `getMe`, or the Bot API's description of why not.
async fn get_me(http: &reqwest::Client, api_base: &str, token: &str) -> Result<String, String> {
    let resp = http
        .get(format!("{api_base}/bot{token}/getMe"))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .map_err(|e| format!("{api_base}: {}", e.without_url()))?;
    let status = resp.status();
    let v: serde_json::Value =
        resp.json().await.map_err(|_| format!("{api_base}: HTTP {status}, not a Bot API answer"))?;
    if v["ok"] == true {
        Ok(v["result"]["username"].as_str().unwrap_or("?").to_string())
    } else {
        Err(format!("HTTP {}: {}", status.as_u16(), v["description"].as_str().unwrap_or("no description")))
    }
}
