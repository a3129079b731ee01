//! Building channel adapters from the config, and sending one message through a channel without
//! the gateway (`openclaw send --channel`, the `message` tool, cron delivery).

use std::sync::Arc;

use crate::config::Config;
use crate::home::Home;

use super::{Channel, ChannelError, ChatKind, ChatRef, Outbound, Sent, telegram};

/// Channels this build can talk to.
pub const SUPPORTED: &[&str] = &[telegram::NAME];

/// The accounts of channel `name` that are enabled in `settings` (`channels.<name>`).
pub fn enabled_accounts(name: &str, settings: &serde_json::Value) -> Vec<String> {
    match name {
        telegram::NAME => telegram::enabled_accounts(settings),
        _ => Vec::new(),
    }
}

/// The adapter for one account of channel `name`; `settings` is the whole `channels.<name>`.
pub fn build(
    name: &str,
    account: &str,
    settings: &serde_json::Value,
    http: reqwest::Client,
    home: &Home,
) -> Result<Arc<dyn Channel>, ChannelError> {
    match name {
        telegram::NAME => {
            Ok(Arc::new(telegram::TelegramChannel::from_config(account, settings, http, home)?))
        }
        _ => Err(ChannelError::Config {
            channel: name.to_string(),
            message: format!("channel \"{name}\" is not supported (supported: {})", SUPPORTED.join(", ")),
        }),
    }
}

/// Sends `text` to `peer` on channel `name` directly. The account is `account`, else `default`
/// when enabled, else the first enabled one.
pub async fn send_direct(
    home: &Home,
    config: &Config,
    name: &str,
    account: Option<&str>,
    peer: &str,
    text: &str,
) -> Result<(String, Sent), ChannelError> {
    let config_error = |message: String| ChannelError::Config { channel: name.to_string(), message };
    let settings = config
        .channels
        .get(name)
        .ok_or_else(|| config_error(format!("channels.{name} is not configured in gateway.json5")))?;
    let enabled = enabled_accounts(name, settings);
    let account = match account {
        Some(a) if enabled.iter().any(|e| e == a) => a.to_string(),
        Some(a) => {
            return Err(config_error(format!("channels.{name}.accounts.{a} is not an enabled account")));
        }
        None => enabled
            .iter()
            .find(|a| *a == "default")
            .or(enabled.first())
            .cloned()
            .ok_or_else(|| config_error(format!("channels.{name} has no enabled account")))?,
    };
    let http = crate::provider::http_client(&crate::provider::Timeouts::default())
        .map_err(|e| ChannelError::Transport { channel: name.to_string(), message: e.to_string() })?;
    let channel = build(name, &account, settings, http, home)?;
    // Negative ids are groups on Telegram; the kind only matters for logs here.
    let kind = if peer.starts_with('-') { ChatKind::Group } else { ChatKind::Direct };
    let out = Outbound {
        chat: ChatRef { id: peer.to_string(), kind, thread: None },
        text: text.to_string(),
        reply_to: None,
    };
    let sent = channel.send(&out).await?;
    Ok((account, sent))
}
