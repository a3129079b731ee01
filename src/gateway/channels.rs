//! Channel accounts: the supervisor that runs each enabled account's adapter (restarted with
//! backoff), the dispatcher that journals deliveries, and the path of one inbound message:
//! access policy → mention gating → routing → session queue → turn → reply.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indexmap::IndexMap;
use serde::Serialize;
use tokio::sync::{mpsc, watch};

use super::journal::{Journal, Recorded};
use super::{Gateway, RunError, log};
use crate::agent::turn::{Inbound, TurnError};
use crate::channel::{
    Channel, ChannelError, ChatKind, Delivery, Health, InboundMessage, Inbox, Outbound, kind, outbox,
};
use crate::config::Config;
use crate::routing;
use crate::session::transcript::{Line, Origin, Role};

/// What the access policy says about a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Let it through to the agent.
    Allow,
    /// Do not run the agent; send this text instead (e.g. a pairing code).
    Reply(String),
    /// Drop it silently.
    Ignore,
    /// The policy's files could not be read: keep the message in the journal and try later.
    Retry,
}

/// The resolved settings of the account `msg` came in on: its own keys over the channel's.
fn account_settings(config: &Config, msg: &InboundMessage) -> serde_json::Value {
    match (kind::find(&msg.channel), config.channels.get(&msg.channel)) {
        (Some(k), Some(channel)) => serde_json::Value::Object(
            kind::AccountConfig::resolve(k, &msg.account_id, channel).settings().clone(),
        ),
        (_, channel) => channel.cloned().unwrap_or(serde_json::Value::Null),
    }
}

/// The access policy (`dmPolicy`, `groupPolicy`, pairing; see [`crate::channel::access`]) for
/// one message, as the dispatcher acts on it.
pub fn check_access(gw: &Gateway, config: &Config, msg: &InboundMessage) -> Access {
    let settings = account_settings(config, msg);
    match crate::channel::access::check(&gw.home, msg, &settings, jiff::Timestamp::now()) {
        Ok(crate::channel::access::Access::Allow) => Access::Allow,
        Ok(crate::channel::access::Access::Pair { code: _, reply_text }) => {
            log::info!("pairing code sent to {} sender {}", msg.channel, msg.sender.id);
            Access::Reply(reply_text)
        }
        Ok(crate::channel::access::Access::Deny(reason)) => {
            log::info!("message {} not let in: {reason}", msg.id);
            Access::Ignore
        }
        Err(e) => {
            log::error!("access check of message {} failed: {e}", msg.id);
            Access::Retry
        }
    }
}

/// One channel account as `gateway status` and `channel ls` show it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelStatus {
    /// Channel name (its kind).
    pub channel: String,
    /// Account id.
    pub account: String,
    /// Its health.
    pub health: Health,
    /// Restarts since the gateway started.
    pub restarts: u32,
    /// The last error seen, kept after the account recovers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// When that error happened (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error_at: Option<String>,
}

impl ChannelStatus {
    fn new(channel: &str, account: &str) -> Self {
        ChannelStatus {
            channel: channel.to_string(),
            account: account.to_string(),
            health: Health::Starting,
            restarts: 0,
            last_error: None,
            last_error_at: None,
        }
    }

    fn failing(&mut self, error: String) {
        let error = unprefixed(&self.channel, &error).to_string();
        self.last_error = Some(error.clone());
        self.last_error_at = Some(crate::time::rfc3339_ms(jiff::Timestamp::now()));
        self.health = Health::Failing { error };
    }
}

struct Account {
    settings: String,
    adapter: Option<Arc<dyn Channel>>,
    stop: watch::Sender<bool>,
    status: Arc<Mutex<ChannelStatus>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// The running channel accounts, by `channel/account`.
#[derive(Default)]
pub struct Supervisor {
    accounts: Mutex<IndexMap<String, Account>>,
    /// The gateway's inbox, for webhook routes ([`super::hooks`]).
    inbox: std::sync::OnceLock<Inbox>,
}

impl std::fmt::Debug for Supervisor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Supervisor").finish_non_exhaustive()
    }
}

impl Supervisor {
    /// Starts new accounts, restarts changed ones and stops removed ones. Which accounts exist
    /// is [`kind::accounts`]' answer, the same one `send --channel` and `channel ls` get.
    pub fn apply(&self, gw: &Arc<Gateway>, config: &Config, inbox: &Inbox) {
        let _ = self.inbox.set(inbox.clone());
        let wanted = kind::accounts(&config.channels);
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        let mut names: Vec<String> = wanted.enabled.iter().map(|a| a.label()).collect();
        names.extend(wanted.unsupported.iter().map(|c| format!("{c}/*")));
        accounts.retain(|k, acc| {
            let keep = names.contains(k);
            if !keep {
                let _ = acc.stop.send(true);
                if let Some(a) = &acc.adapter {
                    outbox::unregister(a);
                }
                log::info!("channel {k} stopped (removed from the config)");
            }
            keep
        });
        for name in &wanted.unsupported {
            let k = format!("{name}/*");
            if accounts.contains_key(&k) {
                continue;
            }
            let error = format!(
                "channel \"{name}\" is not supported by this build (supported: {})",
                kind::names().join(", ")
            );
            log::warning!("{error}");
            let mut status = ChannelStatus::new(name, "*");
            status.failing(error);
            let (stop, _) = watch::channel(false);
            let status = Arc::new(Mutex::new(status));
            accounts.insert(k, Account { settings: String::new(), adapter: None, stop, status, task: None });
        }
        for account in wanted.enabled {
            let k = account.label();
            // Restart an account only when its resolved settings change.
            let text = serde_json::Value::Object(account.settings().clone()).to_string();
            if accounts.get(&k).is_some_and(|a| a.settings == text) {
                continue;
            }
            if let Some(old) = accounts.shift_remove(&k) {
                let _ = old.stop.send(true);
                if let Some(a) = &old.adapter {
                    outbox::unregister(a);
                }
                log::info!("channel {k} restarting (settings changed)");
            }
            let status = Arc::new(Mutex::new(ChannelStatus::new(account.kind.name, &account.id)));
            let (stop, stop_rx) = watch::channel(false);
            let built = crate::net::channel_client()
                .map_err(|e| ChannelError::Config {
                    channel: account.kind.name.to_string(),
                    message: format!("cannot build an HTTP client: {e}"),
                })
                .and_then(|http| account.connect(&kind::Context { home: gw.home.clone(), http }));
            let (adapter, task) = match built {
                Ok(adapter) => {
                    outbox::register(adapter.clone());
                    let task = tokio::spawn(supervise(
                        adapter.clone(),
                        inbox.clone(),
                        stop_rx,
                        status.clone(),
                        gw.clone(),
                    ));
                    (Some(adapter), Some(task))
                }
                Err(e) => {
                    log::warning!("{e}");
                    lock(&status).failing(e.to_string());
                    (None, None)
                }
            };
            accounts.insert(k, Account { settings: text, adapter, stop, status, task });
        }
    }

    /// The adapter of `channel/account`, if it runs.
    pub fn adapter(&self, channel: &str, account: &str) -> Option<Arc<dyn Channel>> {
        let accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        accounts.get(&format!("{channel}/{account}")).and_then(|a| a.adapter.clone())
    }

    /// The inbox the accounts deliver to, once they were started.
    pub fn inbox(&self) -> Option<Inbox> {
        self.inbox.get().cloned()
    }

    /// Every account's status.
    pub fn status(&self) -> Vec<ChannelStatus> {
        let accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        accounts
            .values()
            .map(|a| {
                let mut s = lock(&a.status).clone();
                if let (Some(adapter), Health::Ok | Health::Starting) = (&a.adapter, &s.health) {
                    s.health = match adapter.health() {
                        Health::Failing { error } => {
                            Health::Failing { error: unprefixed(&s.channel, &error).to_string() }
                        }
                        h => h,
                    };
                    if let Health::Failing { error } = &s.health
                        && s.last_error.as_ref() != Some(error)
                    {
                        s.last_error = Some(error.clone());
                        s.last_error_at = None;
                    }
                }
                s
            })
            .collect()
    }

    /// Stops every adapter and waits (bounded) for their tasks.
    pub async fn stop_all(&self) {
        let tasks: Vec<_> = {
            let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
            accounts
                .values_mut()
                .filter_map(|a| {
                    let _ = a.stop.send(true);
                    a.task.take()
                })
                .collect()
        };
        for t in tasks {
            let _ = tokio::time::timeout(Duration::from_secs(5), t).await;
        }
    }
}

/// `error` without the leading `<channel>: ` (however often it is there): a [`ChannelError`]
/// names its channel, which the status row names already.
fn unprefixed<'a>(channel: &str, mut error: &'a str) -> &'a str {
    while let Some(rest) = error.strip_prefix(channel).and_then(|r| r.strip_prefix(": ")) {
        error = rest;
    }
    error
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs one adapter, restarting it with exponential backoff (1 s → 60 s, back to 1 s after a
/// healthy minute) until it is stopped or its configuration is unusable.
async fn supervise(
    adapter: Arc<dyn Channel>,
    inbox: Inbox,
    mut stop: watch::Receiver<bool>,
    status: Arc<Mutex<ChannelStatus>>,
    gw: Arc<Gateway>,
) {
    let name = format!("{}/{}", adapter.name(), adapter.account());
    let mut backoff = Duration::from_secs(1);
    let mut global = gw.shutdown_signal();
    loop {
        if *stop.borrow() || *global.borrow() {
            break;
        }
        // From here the adapter's own health shows (see `Supervisor::status`).
        lock(&status).health = Health::Ok;
        gw.emit(serde_json::json!({"type": "channel.health", "channel": name, "state": "ok"}));
        let started = Instant::now();
        // The adapter sees one stop signal: its own or the gateway's.
        let (tx, rx) = watch::channel(false);
        let run = adapter.run(inbox.clone(), rx);
        tokio::pin!(run);
        let result = loop {
            tokio::select! {
                r = &mut run => break r,
                _ = stop.changed() => { let _ = tx.send(true); }
                _ = global.changed() => { let _ = tx.send(true); }
            }
        };
        if *stop.borrow() || *global.borrow() {
            break;
        }
        let error = match result {
            Ok(()) => "stopped on its own".to_string(),
            Err(e @ ChannelError::Config { .. }) => {
                log::error!("channel {name}: {e}; not restarting until the config changes");
                lock(&status).failing(e.to_string());
                return;
            }
            Err(e) => e.to_string(),
        };
        if started.elapsed() > Duration::from_secs(60) {
            backoff = Duration::from_secs(1);
        }
        log::warning!("channel {name} failed: {error}; restarting in {} s", backoff.as_secs());
        {
            let mut s = lock(&status);
            s.failing(error);
            s.restarts += 1;
        }
        gw.emit(serde_json::json!({"type": "channel.health", "channel": name, "state": "failing"}));
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = stop.changed() => {}
            _ = global.changed() => {}
        }
        backoff = (backoff * 2).min(Duration::from_secs(60));
    }
    lock(&status).health = Health::Stopped;
}

/// Journals each delivery before acknowledging it, then processes new messages. Until
/// `replayed` turns true (the messages journaled before a restart have been handled, in their
/// order), new messages are journaled and acknowledged but held, so a replayed message is never
/// overtaken by one that came after it.
pub async fn dispatch(
    gw: Arc<Gateway>,
    journal: Arc<Mutex<Journal>>,
    mut rx: mpsc::Receiver<Delivery>,
    mut replayed: watch::Receiver<bool>,
) {
    let mut held: Vec<InboundMessage> = Vec::new();
    loop {
        let Delivery { message, ack } = tokio::select! {
            d = rx.recv() => match d {
                Some(d) => d,
                None => break,
            },
            // (The watch's guard is dropped before the messages start.)
            _ = async { drop(replayed.wait_for(|done| *done).await) }, if !held.is_empty() => {
                for m in held.drain(..) {
                    start(&gw, &journal, m).await;
                }
                continue;
            }
        };
        if !gw.accepting() {
            let _ = ack.send(Err(ChannelError::Closed));
            continue;
        }
        let recorded = lock(&journal).record(&message);
        match recorded {
            Ok(Recorded::New) => {
                let _ = ack.send(Ok(()));
                gw.emit(
                    serde_json::json!({"type": "message.in", "channel": message.channel, "id": message.id}),
                );
                let caught_up = *replayed.borrow();
                if caught_up && held.is_empty() {
                    start(&gw, &journal, message).await;
                } else {
                    held.push(message);
                }
            }
            Ok(Recorded::Duplicate) => {
                log::debug!("duplicate delivery {} acknowledged", message.id);
                let _ = ack.send(Ok(()));
            }
            Err(e) => {
                log::error!("cannot journal message {}: {e}", message.id);
                let _ = ack.send(Err(ChannelError::Transport {
                    channel: message.channel.clone(),
                    message: "the gateway could not journal the message".into(),
                }));
            }
        }
    }
}

/// Starts processing `msg`. Its first steps (mention gating, routing, a place in its session's
/// queue) are pure and run here, so messages of one session take their turns in the order they
/// came; the rest (the access policy's file reads included) runs in a task of its own, so a slow
/// read delays only its own session. Spawned at once, a later message's task could reach the
/// queue first on a busy machine.
async fn start(gw: &Arc<Gateway>, journal: &Arc<Mutex<Journal>>, msg: InboundMessage) {
    let mut job = Box::pin(process(gw.clone(), journal.clone(), msg));
    let done = std::future::poll_fn(|cx| std::task::Poll::Ready(job.as_mut().poll(cx).is_ready())).await;
    if !done {
        tokio::spawn(job);
    }
}

fn mark_done(journal: &Mutex<Journal>, id: &str) {
    if let Err(e) = lock(journal).done(id) {
        log::error!("cannot mark message {id} done in the journal: {e}");
    }
}

/// The path of one journaled message, ending with its `done` mark. Up to its first `await`
/// (the place in the session's queue) it reads no file: [`start`] runs that part in the
/// dispatcher's loop.
pub async fn process(gw: Arc<Gateway>, journal: Arc<Mutex<Journal>>, msg: InboundMessage) {
    let state = gw.state();
    let config = state.config();
    let require_mention = account_settings(config, &msg)
        .pointer("/groups/requireMention")
        .and_then(|v| v.as_bool())
        .unwrap_or(true);
    if msg.chat.kind != ChatKind::Direct && !msg.addressed && require_mention {
        log::debug!("group message {} not addressed to the bot; ignored", msg.id);
        return mark_done(&journal, &msg.id);
    }
    let group = (msg.chat.kind != ChatKind::Direct).then_some(msg.chat.id.as_str());
    let (name, handle) = (msg.sender.name.as_deref(), msg.sender.username.as_deref());
    let route_in = routing::Inbound {
        channel: &msg.channel,
        account_id: Some(&msg.account_id),
        peer: Some(routing::Peer { id: &msg.sender.id, name, handle }),
        group,
        thread: msg.chat.thread.as_deref(),
    };
    let route = state.router.route(&route_in);
    let Some(key) = route.session_key.clone() else {
        log::warning!("message {} has no session under dmScope; dropped", msg.id);
        return mark_done(&journal, &msg.id);
    };
    // Take a place in the session's queue now, in arrival order (a fair lock: the place is kept
    // while this task does other things), then hand the loop back before reading any file.
    let key_text = key.to_string();
    let mut queued = Box::pin(gw.queues.enter(&key_text));
    let reserved = std::future::poll_fn(|cx| std::task::Poll::Ready(queued.as_mut().poll(cx))).await;
    tokio::task::yield_now().await;
    match check_access(&gw, config, &msg) {
        Access::Allow => {}
        Access::Reply(text) => {
            drop((reserved, queued));
            deliver(&gw, &msg, &text, None, 0).await;
            return mark_done(&journal, &msg.id);
        }
        Access::Ignore => return mark_done(&journal, &msg.id),
        // Out of file descriptors, a full disk, a file being repaired: neither let in nor
        // dropped; the message waits in the journal.
        Access::Retry => {
            drop((reserved, queued));
            return retry_later(gw.clone(), journal, msg);
        }
    }
    let ticket = match reserved {
        std::task::Poll::Ready(ticket) => ticket,
        std::task::Poll::Pending => queued.await,
    };
    // A replay of a message whose turn finished before the crash: send its reply again (the
    // crash may have come before the send) instead of running the turn twice. A message taken
    // in but not answered is resumed by the turn without appending it again.
    match already_answered(&gw, &key, &msg.id) {
        Answered::Delivered => {
            log::info!("message {} was answered and delivered before a restart", msg.id);
            return mark_done(&journal, &msg.id);
        }
        Answered::Reply { text, sent } => {
            log::info!(
                "message {} was answered before a restart; sending its reply (parts sent already: {sent})",
                msg.id
            );
            drop(ticket);
            deliver(&gw, &msg, &text, Some(&key), sent).await;
            return mark_done(&journal, &msg.id);
        }
        Answered::No => {}
    }
    let inbound_key = key.clone();
    let inbound = Inbound {
        key,
        text: msg.text.clone(),
        from: Some(Origin {
            channel: msg.channel.clone(),
            account_id: Some(msg.account_id.clone()),
            peer: Some(msg.sender.id.clone()),
            name: name.map(str::to_string),
        }),
        channel: msg.channel.clone(),
        inbound_id: Some(msg.id.clone()),
    };
    let typing = gw.channels.adapter(&msg.channel, &msg.account_id).map(|adapter| {
        let chat = msg.chat.clone();
        tokio::spawn(async move {
            for _ in 0..150 {
                adapter.typing(&chat).await;
                tokio::time::sleep(Duration::from_secs(4)).await;
            }
        })
    });
    let result = gw.run_turn_queued(ticket, inbound, &mut |_| {}).await;
    if let Some(t) = typing {
        t.abort();
    }
    let text = match result {
        Ok(out) => out.reply,
        // Not taken: the journal replays it at the next start.
        Err(RunError::ShuttingDown) => return,
        // The disk failed us (full, out of file descriptors, I/O error): the message stays in
        // the journal, unanswered, and is tried again, instead of being closed with an apology.
        Err(RunError::Turn(TurnError::Store(_) | TurnError::Io(_))) => {
            retry_later(gw.clone(), journal, msg);
            return;
        }
        // The detail is in the log (run_turn wrote it); the chat gets no more than that it failed.
        Err(e) => super::chat_error_text(&e).to_string(),
    };
    if !text.trim().is_empty() {
        deliver(&gw, &msg, &text, Some(&inbound_key), 0).await;
    }
    mark_done(&journal, &msg.id);
}

/// How long a message whose turn hit a storage failure waits before it is tried again.
const STORAGE_RETRY: Duration = Duration::from_secs(30);

/// Processes `msg` again after [`STORAGE_RETRY`], while the gateway runs (else the journal
/// replays it at the next start).
fn retry_later(gw: Arc<Gateway>, journal: Arc<Mutex<Journal>>, msg: InboundMessage) {
    log::warning!("message {} kept in the journal; trying again in {} s", msg.id, STORAGE_RETRY.as_secs());
    tokio::spawn(async move {
        let mut stop = gw.shutdown_signal();
        tokio::select! {
            _ = tokio::time::sleep(STORAGE_RETRY) => {}
            _ = super::stopped(&mut stop) => return,
        }
        // Boxed: `process` and this task call each other.
        Box::pin(process(gw, journal, msg)).await;
    });
}

/// What the transcript says about an inbound message after a restart.
enum Answered {
    /// Not taken in yet, or taken in and not answered: run (or resume) the turn.
    No,
    /// Answered, and `sent` of its parts are recorded as delivered: send the rest.
    Reply {
        /// The reply.
        text: String,
        /// Parts already delivered.
        sent: usize,
    },
    /// Answered and every part was delivered (or the rest kept as a dead letter): nothing to do.
    Delivered,
}

/// Reads the transcript for the user message `inbound_id`, the assistant's reply after it, and
/// the outbox's delivery record of that reply.
fn already_answered(gw: &Gateway, key: &crate::session::SessionKey, inbound_id: &str) -> Answered {
    // The process-wide copy of the transcript, read incrementally: this runs for every message.
    let Ok(lines) = crate::session::live::lines(&gw.home, key) else { return Answered::No };
    // The delivery line may come after a later message of the session (the next turn can start
    // before the reply is sent), so the whole transcript is looked at.
    let (mut found, mut collecting) = (false, false);
    let mut reply = Vec::new();
    let mut sent = 0usize;
    for line in lines.iter() {
        match line {
            Line::Delivery(d) if d.inbound_id.as_deref() == Some(inbound_id) => {
                // A failure was kept as a dead letter: settled. A part: count it.
                let (part, parts) = (d.part.unwrap_or(0) as usize, d.parts.unwrap_or(1) as usize);
                if d.error.is_some() || d.dead_letter.is_some() {
                    return Answered::Delivered;
                }
                sent = sent.max(part + 1);
                if sent >= parts {
                    return Answered::Delivered;
                }
            }
            Line::Message(m) if m.role == Role::User => {
                let this = m.extra.get("inboundId").and_then(|v| v.as_str()) == Some(inbound_id);
                found |= this;
                collecting = this;
            }
            Line::Message(m) if collecting && m.role == Role::Assistant && !m.content.trim().is_empty() => {
                reply.push(m.content.clone());
            }
            _ => {}
        }
    }
    match (found, reply.is_empty()) {
        (true, false) => Answered::Reply { text: reply.join("\n\n"), sent },
        _ => Answered::No,
    }
}

/// Sends `text` to the chat `msg` came from, through the outbox (split once, rate-limited,
/// retried, recorded in the session's transcript, kept as a dead letter when it cannot go).
async fn deliver(
    gw: &Gateway,
    msg: &InboundMessage,
    text: &str,
    session: Option<&crate::session::SessionKey>,
    skip_parts: usize,
) {
    let config = gw.state().rt.config.clone();
    let req = outbox::Request {
        channel: msg.channel.clone(),
        account: Some(msg.account_id.clone()),
        out: Outbound { chat: msg.chat.clone(), text: text.to_string(), reply_to: msg.message_id.clone() },
        origin: outbox::Origin::Reply,
        session: session.cloned(),
        inbound_id: Some(msg.id.clone()),
        skip_parts,
    };
    match outbox::send(&gw.home, &config.channels, req).await {
        Ok(d) => {
            if let Some(note) = d.note {
                log::warning!("{note}");
            }
        }
        Err(e) => log::error!("reply to {} not delivered: {e}", msg.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_error_does_not_repeat_its_channel() {
        assert_eq!(unprefixed("telegram", "telegram: telegram: getMe failed"), "getMe failed");
        assert_eq!(unprefixed("irc", "irc: irc.libera.chat refused"), "irc.libera.chat refused");
        assert_eq!(unprefixed("slack", "gateway: slack: x"), "gateway: slack: x");
        let mut s = ChannelStatus::new("discord", "ops");
        s.failing("discord: channels.discord.accounts.ops.token was rejected".into());
        assert_eq!(s.last_error.as_deref(), Some("channels.discord.accounts.ops.token was rejected"));
        assert_eq!(
            s.health,
            Health::Failing { error: "channels.discord.accounts.ops.token was rejected".into() }
        );
    }
}
