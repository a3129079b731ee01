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
use crate::agent::turn::Inbound;
use crate::channel::{Channel, ChannelError, ChatKind, Delivery, Health, InboundMessage, Inbox, Outbound};
use crate::config::Config;
use crate::routing;
use crate::session::transcript::{self, Entry, Line, Origin, Role};

/// What the access policy says about a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Let it through to the agent.
    Allow,
    /// Do not run the agent; send this text instead (e.g. a pairing code).
    Reply(String),
    /// Drop it silently.
    Ignore,
}

/// The access policy (`dmPolicy`, `groupPolicy`, pairing; see [`crate::channel::access`]) for
/// one message, as the dispatcher acts on it.
pub fn check_access(gw: &Gateway, config: &Config, msg: &InboundMessage) -> Access {
    let settings = config.channels.get(&msg.channel).cloned().unwrap_or(serde_json::Value::Null);
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
            Access::Ignore
        }
    }
}

/// Builds the adapter for one channel account (`settings` is the value of `channels.<name>`).
/// Channels without an adapter in this build are reported as not supported.
pub fn build_channel(
    gw: &Gateway,
    name: &str,
    account: &str,
    settings: &serde_json::Value,
) -> Result<Arc<dyn Channel>, ChannelError> {
    match name {
        "telegram" => {
            let http = crate::gateway::process::http_client().ok_or_else(|| ChannelError::Config {
                channel: name.to_string(),
                message: "cannot build an HTTP client".into(),
            })?;
            let ch =
                crate::channel::telegram::TelegramChannel::from_config(account, settings, http, &gw.home)?;
            Ok(Arc::new(ch))
        }
        _ => Err(ChannelError::Config {
            channel: name.to_string(),
            message: format!("channel {name} is not supported yet"),
        }),
    }
}

/// One channel account as `gateway status` shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelStatus {
    /// Channel name.
    pub channel: String,
    /// Account id.
    pub account: String,
    /// Its health.
    pub health: Health,
    /// Restarts since the gateway started.
    pub restarts: u32,
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
}

impl std::fmt::Debug for Supervisor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Supervisor").finish_non_exhaustive()
    }
}

/// `channels.<name>.accounts.<id>` that are enabled, each with its channel's settings (an
/// account's own keys override the channel's, which the adapters resolve).
fn enabled_accounts(config: &Config) -> Vec<(String, String, serde_json::Value)> {
    let mut out = Vec::new();
    for (name, value) in &config.channels {
        if name == "webchat" {
            continue;
        }
        let Some(accounts) = value.get("accounts").and_then(|a| a.as_object()) else { continue };
        for (id, settings) in accounts {
            if settings.get("enabled").and_then(|e| e.as_bool()) == Some(false) {
                continue;
            }
            out.push((name.clone(), id.clone(), value.clone()));
        }
    }
    out
}

impl Supervisor {
    /// Starts new accounts, restarts changed ones and stops removed ones.
    pub fn apply(&self, gw: &Arc<Gateway>, config: &Config, inbox: &Inbox) {
        let wanted = enabled_accounts(config);
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        let names: Vec<String> = wanted.iter().map(|(c, a, _)| format!("{c}/{a}")).collect();
        accounts.retain(|k, acc| {
            let keep = names.contains(k);
            if !keep {
                let _ = acc.stop.send(true);
                log::info!("channel {k} stopped (removed from the config)");
            }
            keep
        });
        for (channel, account, settings) in wanted {
            let k = format!("{channel}/{account}");
            // Restart an account only when its own settings or the channel-wide ones change.
            let mut shared = settings.clone();
            if let Some(o) = shared.as_object_mut() {
                o.remove("accounts");
            }
            let own =
                settings.pointer(&format!("/accounts/{}", account.replace('~', "~0").replace('/', "~1")));
            let text = format!("{shared}{}", own.cloned().unwrap_or_default());
            if accounts.get(&k).is_some_and(|a| a.settings == text) {
                continue;
            }
            if let Some(old) = accounts.shift_remove(&k) {
                let _ = old.stop.send(true);
                log::info!("channel {k} restarting (settings changed)");
            }
            let status = Arc::new(Mutex::new(ChannelStatus {
                channel: channel.clone(),
                account: account.clone(),
                health: Health::Starting,
                restarts: 0,
            }));
            let (stop, stop_rx) = watch::channel(false);
            let (adapter, task) = match build_channel(gw, &channel, &account, &settings) {
                Ok(adapter) => {
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
                    lock(&status).health = Health::Failing { error: e.to_string() };
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

    /// Every account's status.
    pub fn status(&self) -> Vec<ChannelStatus> {
        let accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        accounts
            .values()
            .map(|a| {
                let mut s = lock(&a.status).clone();
                if let (Some(adapter), Health::Ok | Health::Starting) = (&a.adapter, &s.health) {
                    s.health = adapter.health();
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
                lock(&status).health = Health::Failing { error: e.to_string() };
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
            s.health = Health::Failing { error };
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

/// Journals each delivery before acknowledging it, then processes new messages.
pub async fn dispatch(gw: Arc<Gateway>, journal: Arc<Mutex<Journal>>, mut rx: mpsc::Receiver<Delivery>) {
    while let Some(Delivery { message, ack }) = rx.recv().await {
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
                tokio::spawn(process(gw.clone(), journal.clone(), message));
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

fn mark_done(journal: &Mutex<Journal>, id: &str) {
    if let Err(e) = lock(journal).done(id) {
        log::error!("cannot mark message {id} done in the journal: {e}");
    }
}

/// The path of one journaled message, ending with its `done` mark.
pub async fn process(gw: Arc<Gateway>, journal: Arc<Mutex<Journal>>, msg: InboundMessage) {
    let state = gw.state();
    let config = state.config();
    match check_access(&gw, config, &msg) {
        Access::Allow => {}
        Access::Reply(text) => {
            deliver(&gw, &msg, &text).await;
            return mark_done(&journal, &msg.id);
        }
        Access::Ignore => return mark_done(&journal, &msg.id),
    }
    let require_mention = config
        .channels
        .get(&msg.channel)
        .and_then(|c| c.pointer("/groups/requireMention"))
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
    // A replay of a message whose turn finished before the crash: send its reply again (the
    // crash may have come before the send) instead of running the turn twice. A message taken
    // in but not answered is resumed by the turn without appending it again.
    if let Some(Some(reply)) = already_answered(&gw, &key, &msg.id) {
        log::info!("message {} was answered before a restart; sending its reply", msg.id);
        deliver(&gw, &msg, &reply).await;
        return mark_done(&journal, &msg.id);
    }
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
    let result = gw.run_turn(inbound, &mut |_| {}).await;
    if let Some(t) = typing {
        t.abort();
    }
    let text = match result {
        Ok(out) => out.reply,
        // Not taken: the journal replays it at the next start.
        Err(RunError::ShuttingDown) => return,
        Err(RunError::Turn(e)) => format!("Sorry, that did not work ({}).", super::error_class(&e)),
    };
    if !text.trim().is_empty() {
        deliver(&gw, &msg, &text).await;
    }
    mark_done(&journal, &msg.id);
}

/// `Some(reply)` when the transcript already holds the user message `inbound_id` (with the
/// assistant's reply after it, if there was one).
fn already_answered(
    gw: &Gateway,
    key: &crate::session::SessionKey,
    inbound_id: &str,
) -> Option<Option<String>> {
    let t = transcript::read(&gw.home, key).ok()?;
    let mut found = false;
    let mut reply = Vec::new();
    for line in &t.lines {
        let Entry::Known(known) = &line.entry else { continue };
        let Line::Message(m) = known.as_ref() else { continue };
        if !found {
            found =
                m.role == Role::User && m.extra.get("inboundId").and_then(|v| v.as_str()) == Some(inbound_id);
            continue;
        }
        match m.role {
            Role::User => break,
            Role::Assistant if !m.content.trim().is_empty() => reply.push(m.content.clone()),
            _ => {}
        }
    }
    found.then(|| (!reply.is_empty()).then(|| reply.join("\n\n")))
}

/// Sends `text` to the chat `msg` came from, split at the channel's limit, retrying each part
/// with backoff (five tries); a part that cannot be sent is logged as failed.
async fn deliver(gw: &Gateway, msg: &InboundMessage, text: &str) {
    let Some(adapter) = gw.channels.adapter(&msg.channel, &msg.account_id) else {
        log::error!(
            "reply to {} not sent: channel {}/{} is not running",
            msg.id,
            msg.channel,
            msg.account_id
        );
        return;
    };
    for part in crate::channel::split_message(text, adapter.max_message_len()) {
        let out = Outbound { chat: msg.chat.clone(), text: part, reply_to: msg.message_id.clone() };
        let mut delay = Duration::from_secs(1);
        for attempt in 1..=5 {
            match adapter.send(&out).await {
                Ok(_) => break,
                Err(e) if attempt == 5 => {
                    log::error!("reply to {} could not be sent after {attempt} tries: {e}", msg.id);
                }
                Err(e) => {
                    let wait = match &e {
                        ChannelError::Api { retry_after: Some(s), .. } => Duration::from_secs(*s),
                        _ => delay,
                    };
                    log::warning!(
                        "reply to {} failed (try {attempt}): {e}; retrying in {} s",
                        msg.id,
                        wait.as_secs()
                    );
                    tokio::time::sleep(wait.min(Duration::from_secs(60))).await;
                    delay *= 2;
                }
            }
        }
    }
}
