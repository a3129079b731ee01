//! Sending text to a target named the way people and the model name one (`--to 123456789`,
//! `--to user:42` on Discord): the target is read by the channel's kind, then the message goes
//! through the [`outbox`](super::outbox) like every other delivery.

use indexmap::IndexMap;

use super::kind;
use super::outbox::{self, Delivered, Origin, OutboxError, Request};
use super::{ChannelError, ChatRef, Outbound};
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
    let chat = (kind_of(channels, channel)?.target)(to);
    to_chat(home, channels, channel, account, chat, text, origin, session).await
}

/// Sends `text` into `chat` on `channel`, a chat as the channel itself named it (a session's
/// own conversation), so nothing is guessed from how the id looks.
#[allow(clippy::too_many_arguments)]
pub async fn to_chat(
    home: &Home,
    channels: &IndexMap<String, serde_json::Value>,
    channel: &str,
    account: Option<&str>,
    chat: ChatRef,
    text: &str,
    origin: Origin,
    session: Option<SessionKey>,
) -> Result<Delivered, OutboxError> {
    kind_of(channels, channel)?;
    let req = Request {
        channel: channel.to_string(),
        account: account.map(str::to_string),
        out: Outbound { chat, text: text.to_string(), reply_to: None },
        origin,
        session,
        inbound_id: None,
        skip_parts: 0,
    };
    outbox::send(home, channels, req).await
}

/// The kind of `channel`, or why this build cannot send on it.
fn kind_of(
    channels: &IndexMap<String, serde_json::Value>,
    channel: &str,
) -> Result<&'static kind::Kind, OutboxError> {
    kind::find(channel).ok_or_else(|| {
        let message = if channels.contains_key(channel) {
            format!(
                "channel \"{channel}\" is not supported by this build (supported: {})",
                kind::names().join(", ")
            )
        } else {
            format!("channels.{channel} is not configured in gateway.json5")
        };
        ChannelError::Config { channel: channel.to_string(), message }.into()
    })
}

/// Whether this build can send on `channel`.
pub fn can_send(channel: &str) -> bool {
    kind::find(channel).is_some()
}
