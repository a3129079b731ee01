//! Sending text to a target named the way people and the model name one (`--to 123456789`,
//! `--to user:42` on Discord): the target is read by the channel's kind, then the message goes
//! through the [`outbox`](super::outbox) like every other delivery.

use indexmap::IndexMap;

use super::kind;
use super::outbox::{self, Delivered, Origin, OutboxError, Request};
use super::{ChannelError, Outbound};
use crate::home::Home;
use crate::session::SessionKey;

/// Sends `text` to `to` on `channel` (account `account`, else `default`, else the first one).
#[allow(clippy::too_many_arguments)]
pub async fn to_target(
    home: &Home,
    channels: &IndexMap<String, serde_json::Value>,
    channel: &str,
    account: Option<&str>,
    to: &str,
    text: &str,
    origin: Origin,
    session: Option<SessionKey>,
) -> Result<Delivered, OutboxError> {
    let Some(k) = kind::find(channel) else {
        let message = if channels.contains_key(channel) {
            format!(
                "channel \"{channel}\" is not supported by this build (supported: {})",
                kind::names().join(", ")
            )
        } else {
            format!("channels.{channel} is not configured in gateway.json5")
        };
        return Err(ChannelError::Config { channel: channel.to_string(), message }.into());
    };
    let req = Request {
        channel: channel.to_string(),
        account: account.map(str::to_string),
        out: Outbound { chat: (k.target)(to), text: text.to_string(), reply_to: None },
        origin,
        session,
        inbound_id: None,
        skip_parts: 0,
    };
    outbox::send(home, channels, req).await
}

/// Whether this build can send on `channel`.
pub fn can_send(channel: &str) -> bool {
    kind::find(channel).is_some()
}
