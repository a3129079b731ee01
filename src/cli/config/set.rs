//! `openclaw config set`.

use crate::cli::{CmdResult, Ctx, Exit, hinted};
use crate::config::{self, ConfigDoc, KeyPath, PathSeg};

/// Set one value in gateway.json5, keeping comments and layout
///
/// The value is read as a JSON5 literal when it is one (`4`, `true`, `null`, `"x"`, `[..]`,
/// `{..}`) and as a string otherwise (`gpt-4o`, `Europe/Amsterdam`). Missing intermediate
/// objects are created. `${VAR}` is written as is, never expanded. The result is validated
/// first: when it would be invalid nothing is written and the command exits 1. A key the
/// schema does not know (a typo: `session.dmScop`), or a channel this build does not have, is
/// refused with the closest known key; --force writes it anyway (for keys of a newer version).
///
/// Examples:
///   openclaw config set session.reset.atHour 5
///   openclaw config set session.dmScope per-peer
///   openclaw config set models.fallbacks '["anthropic/claude-sonnet-4-5"]'
///   openclaw config set models.providers.openai.apiKey '${OPENAI_API_KEY}'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Dotted key path, e.g. session.reset.atHour
    pub path: String,
    /// The new value: a JSON5 literal, or any other text as a string
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// Write a key the schema does not know
    #[arg(long)]
    pub force: bool,
}

/// Sets the value at a key path.
pub fn cmd_set(ctx: &Ctx, args: &Args) -> CmdResult {
    ctx.home.require()?;
    let value =
        config::parse_value(&args.value).unwrap_or_else(|| serde_json::Value::String(args.value.clone()));
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    doc.set(&args.path, value.clone())?;
    if !args.force {
        refuse_unknown_keys(&doc.added_unknown_keys())?;
    }
    let loaded = doc.save()?;
    for w in &loaded.warnings {
        ctx.printer.warn(w);
    }
    // Echo the value without its secrets: `set gateway.token = "***"`.
    let mut shown = serde_json::json!({ "path": args.path, "value": value });
    let last_key = KeyPath::parse(&args.path).ok().and_then(|p| match p.0.last() {
        Some(PathSeg::Key(k)) => Some(k.clone()),
        _ => None,
    });
    if last_key.is_some_and(|k| config::is_secret_key(&k)) && value.is_string() {
        shown["value"] = serde_json::Value::String("***".into());
    }
    config::redact(&mut shown);
    if ctx.printer.json {
        ctx.printer.json_doc(&shown)?;
    } else {
        ctx.printer.status(format!("set {} = {}", args.path, shown["value"]))?;
    }
    Ok(Exit::Success)
}

/// Fails naming the first unknown key an edit would add, and the known key it most likely meant.
pub(crate) fn refuse_unknown_keys(added: &[config::UnknownKey]) -> anyhow::Result<()> {
    let Some(k) = added.first() else { return Ok(()) };
    let hint = match &k.closest {
        Some(c) => format!("did you mean {c}? (--force writes {} anyway)", k.path),
        None => format!("check the spelling; --force writes {} anyway", k.path),
    };
    Err(hinted(format!("{} is not a key openclaw knows; nothing was written", k.path), hint))
}
