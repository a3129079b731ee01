//! Channels (DESIGN §10): one adapter per messaging service behind one trait. An adapter turns the
//! service's updates into [`InboundMessage`]s handed to an [`Inbox`], and sends [`Outbound`]
//! replies. It knows nothing of agents, sessions or routing — the gateway wires those in.
//!
//! Durability contract (DESIGN §7): an adapter commits its position with the service (Telegram's
//! update offset, …) only after [`Inbox::deliver`] returned `Ok`, which the gateway answers once
//! the message is journaled on disk. Kill the process at any point and the message is either
//! journaled (and will be answered) or not yet acknowledged (and the service sends it again);
//! the journal drops duplicates by [`InboundMessage::id`].

pub mod access;
pub mod deliver;
pub mod telegram;

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot, watch};

/// A boxed future, so adapters can live in one list as trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What kind of conversation a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatKind {
    /// A one-to-one conversation with the sender.
    Direct,
    /// A group chat.
    Group,
    /// A broadcast channel / server channel.
    Channel,
}

/// Where a message was posted, and where its reply goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatRef {
    /// The service's chat id (for a DM usually the sender's id).
    pub id: String,
    /// Direct, group or channel.
    pub kind: ChatKind,
    /// Thread / topic within the chat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
}

/// Who sent a message.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    /// Stable id on the service.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Handle, e.g. a Telegram username (peer globs match id, name and username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// One message from a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundMessage {
    /// Unique per channel account, stable across redeliveries (e.g. `tg:<update_id>`): the
    /// journal's de-duplication key.
    pub id: String,
    /// Channel name, e.g. `telegram`.
    pub channel: String,
    /// Account id within the channel config, e.g. `default`.
    pub account_id: String,
    /// Where it was posted.
    pub chat: ChatRef,
    /// Who sent it.
    pub sender: Sender,
    /// The text.
    pub text: String,
    /// Whether the bot was addressed (mention, reply to the bot, or a DM): group messages that
    /// do not address the bot are not answered unless the channel is configured so.
    pub addressed: bool,
    /// The service's id of the message, for threading replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

/// A reply to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbound {
    /// Where to post.
    pub chat: ChatRef,
    /// The text; the adapter splits it at its size limit.
    pub text: String,
    /// Reply to this message id, when the service supports it.
    pub reply_to: Option<String>,
}

/// How an adapter is doing, for `gateway status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum Health {
    /// Not started yet.
    Starting,
    /// Receiving and sending.
    Ok,
    /// Failing; the supervisor restarts it with backoff.
    Failing {
        /// The last error, one sentence.
        error: String,
    },
    /// Stopped on purpose.
    Stopped,
}

/// Why a channel operation failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ChannelError {
    /// The service answered with an error; `retry_after` when it asked us to wait.
    #[error("{channel}: {message}")]
    Api {
        /// Channel name.
        channel: String,
        /// The service's own words.
        message: String,
        /// Seconds to wait before retrying, when the service said.
        retry_after: Option<u64>,
    },
    /// The service could not be reached.
    #[error("{channel}: {message}")]
    Transport {
        /// Channel name.
        channel: String,
        /// What went wrong.
        message: String,
    },
    /// The channel's configuration is unusable (missing token, …); restarting will not help.
    #[error("{channel}: {message}")]
    Config {
        /// Channel name.
        channel: String,
        /// What to fix, naming the config key.
        message: String,
    },
    /// The gateway is shutting down and takes no more messages.
    #[error("the gateway is shutting down")]
    Closed,
}

/// The id the service gave a sent message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sent {
    /// Message ids of the parts (a long reply is split).
    pub message_ids: Vec<String>,
}

/// One channel account (a Telegram bot, a Discord bot, …).
pub trait Channel: Send + Sync + 'static {
    /// Channel name as in the config, e.g. `telegram`.
    fn name(&self) -> &str;
    /// Account id within the channel config.
    fn account(&self) -> &str;
    /// Longest text one message may hold; replies are split to it.
    fn max_message_len(&self) -> usize;
    /// Receives until `shutdown` turns true or the service fails; hands each message to `inbox`
    /// and commits its position with the service only after `deliver` returned `Ok`.
    fn run(&self, inbox: Inbox, shutdown: watch::Receiver<bool>) -> BoxFuture<'_, Result<(), ChannelError>>;
    /// Sends a reply (split at [`Channel::max_message_len`]).
    fn send<'a>(&'a self, out: &'a Outbound) -> BoxFuture<'a, Result<Sent, ChannelError>>;
    /// Shows "typing…" in the chat, best effort.
    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()>;
    /// Current health.
    fn health(&self) -> Health;
}

/// A message on its way into the gateway, with the acknowledgement the adapter waits for.
#[derive(Debug)]
pub struct Delivery {
    /// The message.
    pub message: InboundMessage,
    /// Answered once the message is journaled (or refused).
    pub ack: oneshot::Sender<Result<(), ChannelError>>,
}

/// The adapters' way into the gateway.
#[derive(Debug, Clone)]
pub struct Inbox {
    tx: mpsc::Sender<Delivery>,
}

impl Inbox {
    /// An inbox and the receiving end the gateway drains.
    pub fn channel(capacity: usize) -> (Inbox, mpsc::Receiver<Delivery>) {
        let (tx, rx) = mpsc::channel(capacity);
        (Inbox { tx }, rx)
    }

    /// Hands over a message and waits until it is durably journaled.
    pub async fn deliver(&self, message: InboundMessage) -> Result<(), ChannelError> {
        let (ack, done) = oneshot::channel();
        self.tx.send(Delivery { message, ack }).await.map_err(|_| ChannelError::Closed)?;
        done.await.map_err(|_| ChannelError::Closed)?
    }
}

/// Splits `text` into parts of at most `max` bytes, preferring paragraph, then line, then word
/// breaks, never inside a UTF-8 character.
pub fn split_message(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while rest.len() > max {
        let mut end = max;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let window = &rest[..end];
        let cut = ["\n\n", "\n", " "]
            .iter()
            .filter_map(|sep| window.rfind(sep).filter(|&i| i >= max / 2))
            .next()
            .unwrap_or(end);
        let cut = if cut == 0 { end.max(rest.chars().next().map_or(1, char::len_utf8)) } else { cut };
        parts.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_at_paragraphs_then_lines_then_words() {
        let text = format!("{}\n\n{}", "a".repeat(30), "b".repeat(30));
        assert_eq!(split_message(&text, 40), vec!["a".repeat(30), "b".repeat(30)]);
        assert_eq!(split_message("one two three four", 9), vec!["one two", "three", "four"]);
        assert_eq!(split_message("short", 4096), vec!["short"]);
    }

    proptest! {
        #[test]
        fn parts_fit_and_keep_every_word(text in "[a-zé🎉 \n]{0,300}", max in 4usize..60) {
            let parts = split_message(&text, max);
            for p in &parts {
                prop_assert!(p.len() <= max, "{p:?} longer than {max}");
            }
            let words: Vec<&str> = text.split_whitespace().collect();
            let joined = parts.join(" ");
            let back: Vec<&str> = joined.split_whitespace().collect();
            // Words longer than max are cut, so compare the concatenation without spaces.
            prop_assert_eq!(words.concat(), back.concat());
        }
    }
}
