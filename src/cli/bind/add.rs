//! `openclaw bind add`.

use clap::builder::NonEmptyStringValueParser;

use crate::cli::{CmdResult, Ctx, Exit, hinted, usage};
use crate::config::{self, Binding, ConfigDoc};

/// Add a binding that routes matching messages to an agent
///
/// Appends `{ channel: …, accountId: …, peer: …, group: … }` to `agents.<agent>.bindings` in
/// gateway.json5, keeping every comment and the file's layout, and prints the binding's number.
/// All given fields must match a message. When several bindings match, the most specific wins
/// (peer > group > account > channel only); ties go to the order in the file. The file is
/// validated before it is written, under a lock, so concurrent edits never lose an update. A
/// channel this build does not have (a typo: telegarm) is refused with the closest one;
/// --force adds the binding anyway.
///
/// Examples:
///   openclaw bind add jarvis --channel telegram --peer 'jonas_*'
///   openclaw bind add jarvis --channel whatsapp --account 31612345678
///   openclaw bind add main --channel discord --group 123456789
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The agent that gets the matching messages
    pub agent: String,
    /// Channel name, e.g. telegram, discord, whatsapp
    #[arg(long, value_name = "C", value_parser = NonEmptyStringValueParser::new())]
    pub channel: String,
    /// Channel account id
    #[arg(long, value_name = "A", allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
    pub account: Option<String>,
    /// Glob over the sender id, display name or handle (username), e.g. 'jonas_*'
    #[arg(long, value_name = "GLOB", allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
    pub peer: Option<String>,
    /// Glob over the group or channel id
    #[arg(long, value_name = "GLOB", allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
    pub group: Option<String>,
    /// Add the binding even when this build has no such channel
    #[arg(long)]
    pub force: bool,
}

/// Adds a binding to an agent.
pub fn cmd_add(ctx: &Ctx, args: &Args) -> CmdResult {
    for (flag, glob) in [("--peer", &args.peer), ("--group", &args.group)] {
        if let Some(g) = glob
            && let Err(e) = globset::Glob::new(g)
        {
            return Err(usage(format!("invalid glob {g:?} for {flag}: {}", e.kind())));
        }
    }
    let known = config::channel_names();
    if !args.force && !known.contains(&args.channel.as_str()) {
        let hint = match config::closest_key(&args.channel, &known) {
            Some(c) => format!("did you mean {c}? (--force adds it anyway)"),
            None => format!("channels: {} (--force adds it anyway)", known.join(", ")),
        };
        return Err(hinted(
            format!("no channel called \"{}\" in this build; nothing was written", args.channel),
            hint,
        ));
    }
    ctx.home.require()?;
    let binding = Binding {
        channel: args.channel.clone(),
        account_id: args.account.clone(),
        peer: args.peer.clone(),
        group: args.group.clone(),
    };
    let mut doc = ConfigDoc::open(&ctx.home.config_path())?;
    let n = doc.add_binding(&args.agent, &binding)?;
    let loaded = doc.save()?;
    for w in &loaded.warnings {
        ctx.printer.warn(w);
    }
    if let Some((other, m)) = shadowed_by(&loaded.config, &args.agent, &binding) {
        ctx.printer.warn(format!(
            "agent {other} has the same binding (number {m}) earlier in the file, so this one never wins"
        ));
    }
    if ctx.printer.json {
        ctx.printer.json_doc(&super::binding_json(&args.agent, n, &binding))?;
    } else {
        ctx.printer.status(format!("added binding {n} to {}: {binding}", args.agent))?;
    }
    Ok(Exit::Success)
}

/// An identical binding on an agent that comes earlier in the file.
fn shadowed_by(config: &crate::config::Config, agent: &str, b: &Binding) -> Option<(String, usize)> {
    for (id, a) in &config.agents {
        if id == agent {
            return None;
        }
        if let Some(i) = a.bindings.iter().position(|x| x == b) {
            return Some((id.clone(), i + 1));
        }
    }
    None
}
