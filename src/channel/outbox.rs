//! The outbox: the one way out to a channel, for every sender (replies, cron, heartbeat,
//! sub-agent announcements, the `message` tool, `POST /api/deliver` behind `send --channel`).
//!
//! - The text is split once, in the channel's unit ([`super::chunk`]), code fences kept whole.
//! - One lane per account: its parts go one at a time, in order, at most one per the channel's
//!   `min_interval`, whoever sends them.
//! - One retry policy ([`ChannelError::retry`]): a service's `retry_after` is waited out (up to
//!   [`MAX_RETRY_AFTER`]), transport faults and 5xx back off with jitter, a refusal (4xx, a bad
//!   token) is never repeated; at most [`TRIES`] tries per part.
//! - Only the first part replies to the original message; every part carries a nonce that stays
//!   the same across its retries (services that de-duplicate use it).
//! - The delivery is recorded in the session's transcript (message ids, or the error).
//! - A background delivery that fails is kept as a dead letter ([`super::deadletter`]) with the
//!   parts not yet sent; nothing is dropped silently. Interactive senders (the CLI, the `message`
//!   tool) get the error instead.
//!
//! Inside the gateway the running adapter of an account is used ([`register`]); elsewhere one
//! is built for the send.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use indexmap::IndexMap;
use serde::Serialize;

use super::{Channel, ChannelError, Outbound, Part, Retry, chunk, deadletter, kind};
use crate::home::Home;
use crate::session::SessionKey;
use crate::session::transcript::{self, Line};

/// Tries of one part before the delivery gives up.
pub const TRIES: u32 = 5;
/// The longest `retry_after` waited out; a longer one fails the delivery (into a dead letter).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Who is sending, which decides what a failure becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The reply to an inbound message.
    Reply,
    /// A cron job's result.
    Cron,
    /// A heartbeat's report.
    Heartbeat,
    /// A sub-agent's announcement to its parent's chat.
    Subagent,
    /// The agent's `message` tool (the model sees the error).
    Message,
    /// `openclaw send --channel` (the user sees the error).
    Cli,
}

impl Origin {
    /// As recorded.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Reply => "reply",
            Origin::Cron => "cron",
            Origin::Heartbeat => "heartbeat",
            Origin::Subagent => "subagent",
            Origin::Message => "message",
            Origin::Cli => "cli",
        }
    }

    /// Whether nobody waits for the answer, so a failure must be kept as a dead letter.
    pub fn is_background(self) -> bool {
        !matches!(self, Origin::Message | Origin::Cli)
    }
}

/// One message to send.
#[derive(Debug, Clone)]
pub struct Request {
    /// Channel name.
    pub channel: String,
    /// Account id; `None` picks `default`, else the first enabled account.
    pub account: Option<String>,
    /// Where, what, and in reply to what.
    pub out: Outbound,
    /// Who sends it.
    pub origin: Origin,
    /// The session whose transcript records the delivery.
    pub session: Option<SessionKey>,
    /// The inbound message this answers.
    pub inbound_id: Option<String>,
    /// Parts of this text already sent (and recorded) before a restart: sending resumes after
    /// them, so a replayed reply never repeats a part.
    pub skip_parts: usize,
}

/// A delivery that went out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivered {
    /// Channel name.
    pub channel: String,
    /// Account id.
    pub account: String,
    /// The service's ids of the parts, in order.
    pub message_ids: Vec<String>,
    /// Something worth logging that did not stop the delivery (the transcript record failed).
    #[serde(skip)]
    pub note: Option<String>,
}

/// A delivery that did not (all) go out.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{error}{}", self.dead_letter.as_ref().map(|d| format!("; kept as dead letter {d}")).unwrap_or_default())]
pub struct OutboxError {
    /// The channel's error.
    pub error: ChannelError,
    /// The dead letter holding the unsent parts (background deliveries).
    pub dead_letter: Option<String>,
    /// Ids of the parts that were sent before the failure.
    pub sent_ids: Vec<String>,
}

impl From<ChannelError> for OutboxError {
    fn from(error: ChannelError) -> Self {
        OutboxError { error, dead_letter: None, sent_ids: Vec::new() }
    }
}

type Adapters = HashMap<String, Arc<dyn Channel>>;
static LIVE: LazyLock<Mutex<Adapters>> = LazyLock::new(Mutex::default);
type Lane = Arc<tokio::sync::Mutex<Option<Instant>>>;
static LANES: LazyLock<Mutex<HashMap<String, Lane>>> = LazyLock::new(Mutex::default);

fn label(channel: &str, account: &str) -> String {
    format!("{channel}/{account}")
}

/// Makes `adapter` the one the outbox sends through for its account (the gateway calls this
/// for each account it runs).
pub fn register(adapter: Arc<dyn Channel>) {
    let k = label(adapter.name(), adapter.account());
    LIVE.lock().unwrap_or_else(|e| e.into_inner()).insert(k, adapter);
}

/// Forgets `adapter`, unless a newer one of the same account replaced it already.
pub fn unregister(adapter: &Arc<dyn Channel>) {
    let k = label(adapter.name(), adapter.account());
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    if live.get(&k).is_some_and(|a| Arc::ptr_eq(a, adapter)) {
        live.remove(&k);
    }
}

/// The running adapter of `channel/account` in this process.
pub fn live(channel: &str, account: &str) -> Option<Arc<dyn Channel>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner()).get(&label(channel, account)).cloned()
}

fn lane(k: &str) -> Lane {
    LANES.lock().unwrap_or_else(|e| e.into_inner()).entry(k.to_string()).or_default().clone()
}

fn config_error(channel: &str, message: String) -> ChannelError {
    ChannelError::Config { channel: channel.to_string(), message }
}

/// The adapter a request goes through: the running one, or one built now.
fn adapter_for(
    home: &Home,
    channels: &IndexMap<String, serde_json::Value>,
    channel: &str,
    account: Option<&str>,
) -> Result<Arc<dyn Channel>, ChannelError> {
    if !channels.contains_key(channel) {
        return Err(config_error(channel, format!("channels.{channel} is not configured in gateway.json5")));
    }
    let accounts = kind::accounts(channels);
    let config = accounts.pick(channel, account).map_err(|m| config_error(channel, m))?;
    if let Some(a) = live(channel, &config.id) {
        return Ok(a);
    }
    (config.kind.check)(config).map_err(|e| config_error(channel, e.message))?;
    let http = crate::net::channel_client().map_err(|e| ChannelError::Transport {
        channel: channel.to_string(),
        message: format!("cannot build an HTTP client: {e}"),
    })?;
    config.connect(&kind::Context { home: home.clone(), http })
}

/// Sends `req`: split, rate-limited, retried, recorded; see the module docs.
pub async fn send(
    home: &Home,
    channels: &IndexMap<String, serde_json::Value>,
    req: Request,
) -> Result<Delivered, OutboxError> {
    let adapter = adapter_for(home, channels, &req.channel, req.account.as_deref())?;
    send_through(home, &adapter, req).await
}

/// Sends `req` through `adapter` (whatever `req.channel` and `req.account` say).
pub async fn send_through(
    home: &Home,
    adapter: &Arc<dyn Channel>,
    req: Request,
) -> Result<Delivered, OutboxError> {
    let limits = adapter.limits();
    let parts = chunk::split(&req.out.text, limits.max_len, limits.unit);
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
    if parts.is_empty() {
        return Err(config_error(&req.channel, "the message is empty".into()).into());
    }
    let total = parts.len();
    let first = req.skip_parts.min(total);
    let reply_to = if first == 0 { req.out.reply_to.clone() } else { None };
    send_parts(home, adapter, &req, &parts[first..], first, total, reply_to).await
}

/// A nonce for part `index`: derived from the inbound message when there is one, so a part sent
/// again after a crash carries the same nonce and a service that de-duplicates drops it.
fn nonce(req: &Request, random: &str, index: usize) -> String {
    let base = match &req.inbound_id {
        Some(id) => {
            // FNV-1a: stable across processes, which the std hasher is not.
            let h = id
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            format!("{h:016x}")
        }
        None => random[..16].to_string(),
    };
    // 25 characters at most (Discord's nonce limit).
    format!("{base}{index:05}")
}

/// Sends `parts` (part `first`.. of `total`) through `adapter`, recording each one in the
/// session's transcript as soon as the service confirmed it.
async fn send_parts(
    home: &Home,
    adapter: &Arc<dyn Channel>,
    req: &Request,
    parts: &[String],
    first: usize,
    total: usize,
    reply_to: Option<String>,
) -> Result<Delivered, OutboxError> {
    let limits = adapter.limits();
    let random = uuid::Uuid::new_v4().simple().to_string();
    let lane = lane(&label(adapter.name(), adapter.account()));
    let mut next_free = lane.lock().await;
    let mut ids = Vec::new();
    let mut note = None;
    for (i, text) in parts.iter().enumerate() {
        let index = first + i;
        let nonce = nonce(req, &random, index);
        let part = Part {
            chat: &req.out.chat,
            text,
            reply_to: if i == 0 { reply_to.as_deref() } else { None },
            nonce: &nonce,
        };
        let mut backoff = crate::net::Backoff::new(FIRST_BACKOFF, MAX_BACKOFF);
        let mut tries = 0;
        let sent = loop {
            if let Some(at) = *next_free {
                tokio::time::sleep_until(at.into()).await;
            }
            tries += 1;
            let result = adapter.send_part(part).await;
            *next_free = Some(Instant::now() + limits.min_interval);
            let err = match result {
                Ok(id) => break Ok(id),
                Err(e) => e,
            };
            let wait = match err.retry() {
                _ if tries >= TRIES => break Err(err),
                Retry::Never => break Err(err),
                Retry::After(d) if d > MAX_RETRY_AFTER => break Err(err),
                Retry::After(d) => d,
                Retry::Backoff => backoff.next_wait(),
            };
            *next_free = Some(Instant::now() + wait);
        };
        match sent {
            Ok(id) => {
                let done = Progress { index, total, error: None, dead_letter: None };
                note = note.or(record(home, adapter, req, std::slice::from_ref(&id), done));
                ids.push(id);
            }
            Err(error) => {
                drop(next_free);
                return Err(fail(home, adapter, req, &parts[i..], (index, total), i == 0, error, tries, ids));
            }
        }
    }
    drop(next_free);
    Ok(Delivered {
        channel: adapter.name().to_string(),
        account: adapter.account().to_string(),
        message_ids: ids,
        note,
    })
}

/// Keeps the unsent rest as a dead letter (background senders) and records the failure.
#[allow(clippy::too_many_arguments)]
fn fail(
    home: &Home,
    adapter: &Arc<dyn Channel>,
    req: &Request,
    rest: &[String],
    (index, total): (usize, usize),
    first: bool,
    error: ChannelError,
    tries: u32,
    sent_ids: Vec<String>,
) -> OutboxError {
    let mut dead = None;
    if req.origin.is_background() {
        let mut letter = deadletter::blank();
        letter.channel = adapter.name().to_string();
        letter.account = adapter.account().to_string();
        letter.chat = req.out.chat.clone();
        letter.parts = rest.to_vec();
        letter.reply_to = if first { req.out.reply_to.clone() } else { None };
        letter.sent_ids = sent_ids.clone();
        letter.error = error.to_string();
        letter.attempts = tries;
        letter.origin = req.origin.as_str().to_string();
        letter.session = req.session.as_ref().map(ToString::to_string);
        dead = deadletter::keep(home, letter).ok();
    }
    let failed = Progress { index, total, error: Some(error.to_string()), dead_letter: dead.clone() };
    let _ = record(home, adapter, req, &[], failed);
    OutboxError { error, dead_letter: dead, sent_ids }
}

/// Where a delivery stands, for its transcript line.
struct Progress {
    index: usize,
    total: usize,
    error: Option<String>,
    dead_letter: Option<String>,
}

/// Appends one part's delivery line (or the failure) to the session's transcript; the error text
/// when that failed.
fn record(
    home: &Home,
    adapter: &Arc<dyn Channel>,
    req: &Request,
    ids: &[String],
    p: Progress,
) -> Option<String> {
    let key = req.session.as_ref()?;
    if !home.transcript_path(&key.agent, &key.to_string()).exists() {
        return None;
    }
    let line = Line::Delivery(transcript::Delivery {
        ts: crate::time::rfc3339_ms(jiff::Timestamp::now()),
        channel: adapter.name().to_string(),
        account_id: adapter.account().to_string(),
        to: req.out.chat.id.clone(),
        message_ids: ids.to_vec(),
        part: Some(p.index as u32),
        parts: Some(p.total as u32),
        error: p.error,
        dead_letter: p.dead_letter,
        inbound_id: req.inbound_id.clone(),
        origin: req.origin.as_str().to_string(),
    });
    transcript::append(home, key, &line).err().map(|e| format!("recording the delivery in {key}: {e}"))
}

/// Sends an open dead letter again (through the running adapter, or a new one); marks it
/// resent when every part went out. Holds the dead-letter lock, so no letter goes twice.
pub async fn resend(
    home: &Home,
    channels: &IndexMap<String, serde_json::Value>,
    id: &str,
) -> Result<Delivered, OutboxError> {
    let lock = deadletter::lock(home)
        .map_err(|e| ChannelError::Transport { channel: "outbox".into(), message: e.to_string() })?;
    let (letters, _) = deadletter::open(home)
        .map_err(|e| ChannelError::Transport { channel: "outbox".into(), message: e.to_string() })?;
    let letter = letters
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| config_error("outbox", format!("no open dead letter {id}")))?;
    let adapter = adapter_for(home, channels, &letter.channel, Some(&letter.account))?;
    let req = Request {
        channel: letter.channel.clone(),
        account: Some(letter.account.clone()),
        out: Outbound { chat: letter.chat.clone(), text: String::new(), reply_to: letter.reply_to.clone() },
        // Interactive: a second failure is reported, the letter stays open as it is.
        origin: Origin::Cli,
        session: letter.session.as_deref().and_then(|s| SessionKey::parse(s).ok()),
        inbound_id: None,
        skip_parts: 0,
    };
    let n = letter.parts.len();
    let delivered = send_parts(home, &adapter, &req, &letter.parts, 0, n, letter.reply_to.clone()).await?;
    let _ = deadletter::resent(home, id, delivered.message_ids.clone());
    drop(lock);
    Ok(delivered)
}
