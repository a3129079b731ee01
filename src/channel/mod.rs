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
pub mod chunk;
pub mod cursor;
pub mod deadletter;
pub mod deliver;
pub mod discord;
pub mod imessage;
pub mod irc;
pub mod kind;
pub mod matrix;
pub mod outbox;
pub mod signal;
pub mod slack;
pub mod telegram;
pub mod webhook;
pub mod whatsapp;

pub use chunk::Unit;
pub use kind::{AccountConfig, Kind, Limits};

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

/// A reply to deliver, whole: the outbox splits it into [`Part`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outbound {
    /// Where to post.
    pub chat: ChatRef,
    /// The text; the outbox splits it at the channel's size limit.
    pub text: String,
    /// Reply to this message id, when the service supports it (only the first part does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

/// One message as the service receives it: already within the channel's limit.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Where to post.
    pub chat: &'a ChatRef,
    /// The text, at most the channel's limit.
    pub text: &'a str,
    /// Reply to this message id (the first part of a reply only).
    pub reply_to: Option<&'a str>,
    /// Unique per part and stable across retries, for services that de-duplicate sends
    /// (Discord's `nonce`); at most 25 characters.
    pub nonce: &'a str,
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

/// What a failed send means for the one who sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Wait this long (the service said so), then try again.
    After(std::time::Duration),
    /// Back off and try again: the service or the network had a transient fault.
    Backoff,
    /// Asking again gives the same answer (4xx, a bad token, …).
    Never,
}

impl ChannelError {
    /// The one retry policy: honour the service's wait, back off on transport faults and 5xx
    /// (adapters report those as [`ChannelError::Transport`]), never repeat a refusal.
    pub fn retry(&self) -> Retry {
        match self {
            ChannelError::Api { retry_after: Some(s), .. } => {
                Retry::After(std::time::Duration::from_secs(*s))
            }
            ChannelError::Transport { .. } => Retry::Backoff,
            ChannelError::Api { retry_after: None, .. }
            | ChannelError::Config { .. }
            | ChannelError::Closed => Retry::Never,
        }
    }
}

/// The id the service gave a sent message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sent {
    /// Message ids of the parts (a long reply is split).
    pub message_ids: Vec<String>,
}

/// One channel account (a Telegram bot, a Discord bot, …).
pub trait Channel: Send + Sync + 'static {
    /// The channel's kind (its name, limits and target syntax).
    fn kind(&self) -> &'static Kind;
    /// Channel name as in the config, e.g. `telegram`.
    fn name(&self) -> &str {
        self.kind().name
    }
    /// Account id within the channel config.
    fn account(&self) -> &str;
    /// The service's limits (message size and unit, send rate), from its [`Kind`].
    fn limits(&self) -> Limits {
        self.kind().limits
    }
    /// Receives until `shutdown` turns true or the service fails; hands each message to `inbox`
    /// and commits its position with the service only after `deliver` returned `Ok`.
    fn run(&self, inbox: Inbox, shutdown: watch::Receiver<bool>) -> BoxFuture<'_, Result<(), ChannelError>>;
    /// Sends one part, once: no splitting and no retries (the [`outbox`] does both, for every
    /// channel alike). Returns the service's id of the sent message.
    fn send_part<'a>(&'a self, part: Part<'a>) -> BoxFuture<'a, Result<String, ChannelError>>;
    /// Shows "typing…" in the chat, best effort.
    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()>;
    /// Current health.
    fn health(&self) -> Health;
    /// Answers a request to this account's webhook (`/hooks/<kind>/<account>`): checks it over
    /// the raw bytes first, then reads its messages ([`webhook`] journals them before the
    /// answer). `None`: this kind has no webhook.
    fn webhook(&self, _req: &webhook::HookRequest) -> Option<webhook::Hook> {
        None
    }
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

/// The health an adapter is left in when its `run` returns `result`.
pub fn health_after(result: &Result<(), ChannelError>) -> Health {
    match result {
        Ok(()) => Health::Stopped,
        Err(e) => Health::Failing { error: e.to_string() },
    }
}

/// An adapter's current [`Health`], set from its receive loop and read by `gateway status`.
#[derive(Debug)]
pub struct HealthCell(std::sync::Mutex<Health>);

impl Default for HealthCell {
    fn default() -> Self {
        HealthCell(std::sync::Mutex::new(Health::Starting))
    }
}

impl HealthCell {
    /// Replaces the health.
    pub fn set(&self, health: Health) {
        *lock(&self.0) = health;
    }

    /// The health now.
    pub fn get(&self) -> Health {
        lock(&self.0).clone()
    }

    /// Whether the adapter reports a failure now.
    pub fn is_failing(&self) -> bool {
        matches!(*lock(&self.0), Health::Failing { .. })
    }
}

/// Runs an adapter's receive loop and leaves `health` as the loop ended it ([`health_after`]):
/// the body of every [`Channel::run`].
pub async fn run_with_health(
    health: &HealthCell,
    run: impl Future<Output = Result<(), ChannelError>>,
) -> Result<(), ChannelError> {
    let result = run.await;
    health.set(health_after(&result));
    result
}

/// Locks `m`, also after a panic elsewhere poisoned it (adapters keep plain data behind locks).
pub fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A [`ChannelError::Config`] of `channel`: the account's configuration is unusable.
pub fn config_error(channel: &str, message: impl Into<String>) -> ChannelError {
    ChannelError::Config { channel: channel.to_string(), message: message.into() }
}

/// A [`ChannelError::Transport`] of `channel`: the service could not be reached (retried).
pub fn transport_error(channel: &str, message: impl Into<String>) -> ChannelError {
    ChannelError::Transport { channel: channel.to_string(), message: message.into() }
}

/// Resolves once shutdown is asked for (or its sender is gone, which means the same).
pub async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Splits `text` into parts of at most `max` bytes (see [`chunk::split`]).
pub fn split_message(text: &str, max: usize) -> Vec<String> {
    chunk::split(text, max, Unit::Bytes)
}
