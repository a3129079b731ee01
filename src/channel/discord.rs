//! The Discord adapter: Gateway v10 over a WebSocket for what arrives, REST v10 for what goes.
//!
//! The connection: HELLO → IDENTIFY (intents: guild messages, DMs, message content) → READY, or
//! RESUME with the session id and sequence number after a drop → the missed events → RESUMED.
//! Heartbeats follow HELLO's interval; a beat without an ACK since the last one means a zombie
//! connection, which is closed (never with 1000/1001, which would end the session) and resumed.
//! Op 7 reconnects and resumes; op 9 resumes when Discord says the session lives, otherwise waits
//! 1–5 s and identifies afresh. Close codes 4004 and 4010–4014 (a bad token, bad intents) stop
//! the account with a health error that says why, instead of a reconnect loop: Discord resets a
//! token after 1,000 identifies a day.
//!
//! Durability (DESIGN §7): Discord has no ack. The session id, resume URL and the sequence number
//! of the last dispatch are kept in `credentials/discord.<account>.cursor.json`, written after a
//! message is journaled. A restarted gateway (even after `kill -9`) RESUMEs from there, and
//! Discord replays what came since; the journal drops repeats by message id
//! (`discord:<account>:<message id>`). Shutting down closes with 4000 so the session stays
//! resumable for the next start.
//!
//! Sending: `POST /channels/{id}/messages` with `allowed_mentions: {parse: []}` (model output can
//! never ping @everyone, a role or a user), a `nonce` with `enforce_nonce` (a retried part is not
//! posted twice), a `message_reference` on the first part only. The REST rate-limit headers are
//! followed per route; a 429's `retry_after` goes back to the outbox, which waits it out.
//!
//! Targets: a DM is keyed by the user id (`discord:peer:<userId>`); the DM channel is learned from
//! the inbound message or opened with `POST /users/@me/channels`. A guild channel is
//! `discord:channel:<channelId>`, a thread `discord:channel:<parentId>:thread:<threadId>`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::watch;

use super::cursor::CursorStore;
use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Sender, Unit, config_error, lock, stopped, transport_error,
};
use crate::net::ws::{Frame, Options, Socket, WsError};
use crate::net::{Backoff, error_chain};

/// Channel name in the config and in messages.
pub const NAME: &str = "discord";
/// Discord's limit for one message's content.
pub const MAX_MESSAGE_LEN: usize = 2000;
const DEFAULT_API_BASE: &str = "https://discord.com/api/v10";
/// GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT.
pub const DEFAULT_INTENTS: u64 = 1 | 512 | 4096 | 32768;
/// Identify afresh after this many resumes in a row that did not take.
const MAX_FAILED_RESUMES: u32 = 3;

/// The Discord kind: 2,000 characters (counted in UTF-16 units, as Discord's client does).
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: MAX_MESSAGE_LEN, unit: Unit::Utf16, min_interval: Duration::from_millis(25) },
    token_key: "token",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(DiscordChannel::from_account(account, cx.http.clone(), &cx.home)?) as Arc<dyn Channel>)
    },
};

/// `user:<id>` (or `@<id>`) is a DM with that user; `channel:<id>` or a bare id is a channel.
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    if let Some(user) = to.strip_prefix("user:").or_else(|| to.strip_prefix('@')) {
        return ChatRef { id: user.to_string(), kind: ChatKind::Direct, thread: None };
    }
    let id = to.strip_prefix("channel:").unwrap_or(to);
    ChatRef { id: id.to_string(), kind: ChatKind::Channel, thread: None }
}

/// An account's settings, typed: `token` (required), `apiBase` (default
/// `https://discord.com/api/v10`), `gatewayUrl` (default: what `GET /gateway/bot` says),
/// `intents` (default 37377), `allowBots` (default false: other bots' messages are ignored).
#[derive(Clone)]
struct Settings {
    token: String,
    token_key: String,
    api_base: String,
    gateway_url: Option<String>,
    intents: u64,
    allow_bots: bool,
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        let token = a.secret("token")?;
        let token = token.strip_prefix("Bot ").unwrap_or(&token).trim().to_string();
        if token.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return Err(a.error("token", "is not a bot token (it holds a space or a control character)"));
        }
        let gateway_url = match a.string("gatewayUrl")? {
            Some(_) => Some(a.url("gatewayUrl", &["ws", "wss"], "")?),
            None => None,
        };
        Ok(Settings {
            token,
            token_key: a.dotted("token"),
            api_base: a.url("apiBase", &["http", "https"], DEFAULT_API_BASE)?,
            gateway_url,
            intents: a.number("intents", 0..=(1 << 26), "intent bits", DEFAULT_INTENTS)?,
            allow_bots: a.flag("allowBots", false)?,
        })
    }
}

/// Where a resumed session picks up, kept on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cursor {
    session_id: String,
    resume_url: String,
    seq: u64,
}

/// One REST route's rate-limit state, from the `X-RateLimit-*` headers.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    remaining: u64,
    reset_at: Instant,
}

/// One Discord bot.
pub struct DiscordChannel {
    account: String,
    settings: Settings,
    http: reqwest::Client,
    cursor: CursorStore,
    health: HealthCell,
    /// The bot's user id, from READY.
    me: Mutex<Option<String>>,
    /// User id → DM channel id.
    dm_channels: Mutex<HashMap<String, String>>,
    /// Thread id → parent channel id.
    threads: Mutex<HashMap<String, String>>,
    buckets: Mutex<HashMap<String, Bucket>>,
    global_until: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for DiscordChannel {
    /// Without the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordChannel")
            .field("account", &self.account)
            .field("api_base", &self.settings.api_base)
            .finish_non_exhaustive()
    }
}

/// How one gateway connection ended.
enum End {
    /// Asked to stop.
    Shutdown,
    /// Connect again; resume when the session lives, identify afresh otherwise.
    Reconnect { resume: bool, why: String },
    /// Do not reconnect: the token or intents are wrong.
    Fatal(String),
}

impl DiscordChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs or sends.
    pub fn from_account(
        account: &AccountConfig,
        http: reqwest::Client,
        home: &crate::home::Home,
    ) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(DiscordChannel {
            account: account.id.clone(),
            settings,
            http,
            cursor: CursorStore::new(home, NAME, &account.id, "cursor.json"),
            health: HealthCell::default(),
            me: Mutex::new(None),
            dm_channels: Mutex::default(),
            threads: Mutex::default(),
            buckets: Mutex::default(),
            global_until: Mutex::new(None),
        })
    }

    /// Builds the adapter for `channels.discord.accounts.<account_id>`; `channel` is the value of
    /// `channels.discord`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
        home: &crate::home::Home,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http, home)
    }

    fn redact(&self, text: &str) -> String {
        text.replace(&self.settings.token, "<redacted>")
    }

    /// One REST call, waiting out the route's bucket when it is empty.
    async fn rest(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ChannelError> {
        let route = route_key(&method, path);
        let wait = {
            let now = Instant::now();
            let global = lock(&self.global_until).filter(|t| *t > now);
            let bucket =
                lock(&self.buckets).get(&route).copied().filter(|b| b.remaining == 0 && b.reset_at > now);
            global.into_iter().chain(bucket.map(|b| b.reset_at)).max()
        };
        if let Some(until) = wait {
            let d = until.saturating_duration_since(Instant::now());
            if d > Duration::from_secs(60) {
                return Err(ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("{route}: rate limited"),
                    retry_after: Some(d.as_secs() + 1),
                });
            }
            tokio::time::sleep(d).await;
        }
        let url = format!("{}{path}", self.settings.api_base);
        let mut req = self
            .http
            .request(method.clone(), &url)
            .timeout(Duration::from_secs(30))
            .header("Authorization", format!("Bot {}", self.settings.token))
            .header(
                "User-Agent",
                concat!("DiscordBot (https://github.com/openclaw, ", env!("CARGO_PKG_VERSION"), ")"),
            );
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| {
            transport_error(NAME, self.redact(&format!("{route} failed: {}", error_chain(&e.without_url()))))
        })?;
        let status = resp.status();
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        if let (Some(rem), Some(after)) = (header("x-ratelimit-remaining"), header("x-ratelimit-reset-after"))
            && let (Ok(remaining), Ok(after)) = (rem.parse::<u64>(), after.parse::<f64>())
            && after.is_finite()
            && after >= 0.0
        {
            let reset_at = Instant::now() + Duration::from_secs_f64(after.min(3600.0));
            lock(&self.buckets).insert(route.clone(), Bucket { remaining, reset_at });
        }
        let bytes = resp.bytes().await.map_err(|e| {
            transport_error(NAME, format!("{route}: reading the answer: {}", error_chain(&e.without_url())))
        })?;
        let value: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        if status.is_success() {
            return Ok(value);
        }
        let message = self.redact(value.get("message").and_then(Value::as_str).unwrap_or("no message"));
        match status.as_u16() {
            429 => {
                let after = value
                    .get("retry_after")
                    .and_then(Value::as_f64)
                    .filter(|f| f.is_finite() && *f >= 0.0)
                    .unwrap_or(1.0);
                if value.get("global").and_then(Value::as_bool) == Some(true) {
                    *lock(&self.global_until) =
                        Some(Instant::now() + Duration::from_secs_f64(after.min(3600.0)));
                }
                Err(ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("{route}: rate limited ({message})"),
                    retry_after: Some(after.ceil().max(1.0) as u64),
                })
            }
            401 => Err(config_error(
                NAME,
                format!(
                    "{} was rejected by Discord (401 {message}); check the bot token in the Developer Portal",
                    self.settings.token_key
                ),
            )),
            500..=599 => Err(transport_error(NAME, format!("{route}: Discord answered {status}"))),
            code => {
                let detail = value
                    .get("code")
                    .and_then(Value::as_u64)
                    .map(|c| format!(" (code {c})"))
                    .unwrap_or_default();
                Err(ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("{route}: {code} {message}{detail}"),
                    retry_after: None,
                })
            }
        }
    }

    /// The channel to post in for `chat`: a thread, a channel, or a user's DM channel.
    async fn channel_for(&self, chat: &ChatRef) -> Result<String, ChannelError> {
        if let Some(t) = &chat.thread {
            return Ok(t.clone());
        }
        if chat.kind != ChatKind::Direct {
            return Ok(chat.id.clone());
        }
        if let Some(c) = lock(&self.dm_channels).get(&chat.id).cloned() {
            return Ok(c);
        }
        let dm = self
            .rest(reqwest::Method::POST, "/users/@me/channels", Some(&json!({"recipient_id": chat.id})))
            .await?;
        let id = dm
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| transport_error(NAME, "opening a DM channel: no id in the answer"))?;
        lock(&self.dm_channels).insert(chat.id.clone(), id.to_string());
        Ok(id.to_string())
    }

    /// The gateway URL: the configured one, or `GET /gateway/bot`'s.
    async fn gateway_url(&self) -> Result<String, ChannelError> {
        if let Some(u) = &self.settings.gateway_url {
            return Ok(u.clone());
        }
        let v = self.rest(reqwest::Method::GET, "/gateway/bot", None).await?;
        v.get("url")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| transport_error(NAME, "GET /gateway/bot: no url in the answer"))
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        let mut resume: Option<Cursor> = self.cursor.load()?;
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        let mut failed_resumes = 0u32;
        let mut fresh_url: Option<String> = None;
        loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            let base = match &resume {
                Some(c) => c.resume_url.clone(),
                None => match &fresh_url {
                    Some(u) => u.clone(),
                    None => match self.gateway_url().await {
                        Ok(u) => {
                            fresh_url = Some(u.clone());
                            u
                        }
                        Err(e @ ChannelError::Config { .. }) => return Err(e),
                        Err(e) => {
                            self.health.set(Health::Failing { error: e.to_string() });
                            let wait = match e.retry() {
                                super::Retry::After(d) => d,
                                _ => backoff.next_wait(),
                            };
                            if sleep_or_stop(wait, &mut shutdown).await {
                                return Ok(());
                            }
                            continue;
                        }
                    },
                },
            };
            let url = with_query(&base);
            let socket = match Socket::connect(
                &url,
                Options { idle_timeout: Duration::from_secs(120), ..Options::default() },
            )
            .await
            {
                Ok(s) => s,
                Err(e) => {
                    self.health.set(Health::Failing { error: format!("gateway: {e}") });
                    if resume.is_some() {
                        failed_resumes += 1;
                        if failed_resumes >= MAX_FAILED_RESUMES {
                            resume = None;
                            fresh_url = None;
                        }
                    }
                    if sleep_or_stop(backoff.next_wait(), &mut shutdown).await {
                        return Ok(());
                    }
                    continue;
                }
            };
            let resuming = resume.is_some();
            match self.connection(socket, &mut resume, &inbox, &mut shutdown, &mut backoff).await {
                End::Shutdown => return Ok(()),
                End::Fatal(why) => {
                    let _ = self.cursor.clear();
                    return Err(config_error(NAME, why));
                }
                End::Reconnect { resume: keep, why } => {
                    self.health.set(Health::Failing { error: why });
                    if !keep {
                        resume = None;
                        let _ = self.cursor.clear();
                    }
                    if resuming && resume.is_some() && self.health.is_failing() {
                        failed_resumes += 1;
                    }
                    if failed_resumes >= MAX_FAILED_RESUMES {
                        failed_resumes = 0;
                        resume = None;
                        let _ = self.cursor.clear();
                    }
                    if sleep_or_stop(backoff.next_wait(), &mut shutdown).await {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// One gateway connection, from HELLO to its end.
    async fn connection(
        &self,
        mut socket: Socket,
        resume: &mut Option<Cursor>,
        inbox: &Inbox,
        shutdown: &mut watch::Receiver<bool>,
        backoff: &mut Backoff,
    ) -> End {
        // HELLO (op 7 may come first: reconnect).
        let interval = loop {
            let frame = tokio::select! {
                f = socket.recv() => f,
                _ = stopped(shutdown) => { socket.close(4000, "shutting down").await; return End::Shutdown }
            };
            match frame.map(|f| decode(&f)) {
                Ok(Decoded::Event(ev)) if ev.op == 10 => {
                    let ms = ev.d.get("heartbeat_interval").and_then(Value::as_u64).unwrap_or(41_250);
                    break Duration::from_millis(ms.clamp(100, 600_000));
                }
                Ok(Decoded::Event(ev)) if ev.op == 7 => {
                    return End::Reconnect { resume: true, why: "Discord asked to reconnect".into() };
                }
                Ok(Decoded::Event(_)) => {}
                Ok(Decoded::Closed(code, reason)) => return self.closed(code, &reason),
                Ok(Decoded::Bad(why)) => {
                    socket.close(4000, "decode error").await;
                    return End::Reconnect { resume: true, why };
                }
                Err(e) => return End::Reconnect { resume: true, why: format!("gateway: {e}") },
            }
        };
        let hello = match resume {
            Some(c) => {
                json!({"op": 6, "d": {"token": self.settings.token, "session_id": c.session_id, "seq": c.seq}})
            }
            None => json!({"op": 2, "d": {
                "token": self.settings.token,
                "intents": self.settings.intents,
                "properties": {"os": std::env::consts::OS, "browser": "openclaw", "device": "openclaw"},
            }}),
        };
        if let Err(e) = socket.send(&hello.to_string()).await {
            return End::Reconnect { resume: true, why: format!("gateway: {e}") };
        }
        let mut seq: Option<u64> = resume.as_ref().map(|c| c.seq);
        // The first beat comes after interval × jitter, then every interval.
        let jitter = Backoff::new(interval, interval).next_wait();
        let mut next_beat = tokio::time::Instant::now() + jitter.saturating_sub(interval / 2) * 2;
        let mut acked = true;
        loop {
            let frame = tokio::select! {
                f = socket.recv() => f,
                _ = tokio::time::sleep_until(next_beat) => {
                    if !acked {
                        // A zombie: no ACK since the last beat. Not 1000/1001, which would end the session.
                        socket.close(4000, "heartbeat not acknowledged").await;
                        return End::Reconnect { resume: true, why: "no heartbeat ACK; reconnecting".into() };
                    }
                    acked = false;
                    next_beat = tokio::time::Instant::now() + interval;
                    if let Err(e) = socket.send(&json!({"op": 1, "d": seq}).to_string()).await {
                        return End::Reconnect { resume: true, why: format!("gateway: {e}") };
                    }
                    continue;
                }
                _ = stopped(shutdown) => {
                    socket.close(4000, "shutting down").await;
                    return End::Shutdown;
                }
            };
            let ev = match frame.map(|f| decode(&f)) {
                Ok(Decoded::Event(ev)) => ev,
                Ok(Decoded::Closed(code, reason)) => return self.closed(code, &reason),
                Ok(Decoded::Bad(why)) => {
                    socket.close(4000, "decode error").await;
                    return End::Reconnect { resume: true, why };
                }
                Err(WsError::Idle(d)) => {
                    return End::Reconnect { resume: true, why: format!("gateway silent for {d:?}") };
                }
                Err(e) => return End::Reconnect { resume: true, why: format!("gateway: {e}") },
            };
            match ev.op {
                0 => {
                    let before = seq;
                    if let Some(s) = ev.s {
                        seq = Some(s);
                    }
                    match self.dispatch(&ev, inbox, resume, seq, backoff).await {
                        Ok(()) => {}
                        Err(ChannelError::Closed) => {
                            socket.close(4000, "shutting down").await;
                            return End::Shutdown;
                        }
                        Err(e) => {
                            // Not journaled: resume from before it, so Discord sends it again.
                            if let (Some(c), Some(b)) = (resume.as_mut(), before) {
                                c.seq = b;
                            }
                            socket.close(4000, "could not journal").await;
                            return End::Reconnect {
                                resume: true,
                                why: format!("message not journaled: {e}"),
                            };
                        }
                    }
                }
                1 => {
                    if let Err(e) = socket.send(&json!({"op": 1, "d": seq}).to_string()).await {
                        return End::Reconnect { resume: true, why: format!("gateway: {e}") };
                    }
                }
                7 => {
                    socket.close(4000, "reconnect requested").await;
                    return End::Reconnect { resume: true, why: "Discord asked to reconnect".into() };
                }
                9 => {
                    let resumable = ev.d.as_bool() == Some(true);
                    socket.close(4000, "invalid session").await;
                    if !resumable {
                        // Discord asks for 1–5 s before a new IDENTIFY.
                        let wait =
                            Backoff::new(Duration::from_secs(2), Duration::from_secs(2)).next_wait() * 2;
                        tokio::time::sleep(wait.max(Duration::from_secs(1))).await;
                    }
                    return End::Reconnect {
                        resume: resumable,
                        why: "Discord invalidated the session".into(),
                    };
                }
                11 => acked = true,
                _ => {}
            }
        }
    }

    /// What a close code means (Discord's table of gateway close codes).
    fn closed(&self, code: Option<u16>, reason: &str) -> End {
        let said = if reason.is_empty() { String::new() } else { format!(": {reason}") };
        match code {
            Some(4004) => End::Fatal(format!(
                "{} was rejected by Discord's gateway (close 4004 authentication failed{said}); check the bot token",
                self.settings.token_key
            )),
            Some(c @ 4010..=4012) => End::Fatal(format!(
                "Discord closed the gateway with {c}{said}; this bot needs sharding or another API version"
            )),
            Some(c @ (4013 | 4014)) => End::Fatal(format!(
                "Discord refused the intents (close {c}{said}); enable the Message Content intent for this bot in the Developer Portal, or set channels.discord.intents"
            )),
            Some(c @ (4007 | 4009)) => End::Reconnect {
                resume: false,
                why: format!("Discord closed the gateway with {c}{said}; identifying afresh"),
            },
            Some(c) => {
                End::Reconnect { resume: true, why: format!("Discord closed the gateway with {c}{said}") }
            }
            None => End::Reconnect { resume: true, why: "the gateway connection closed".into() },
        }
    }

    async fn dispatch(
        &self,
        ev: &Event,
        inbox: &Inbox,
        resume: &mut Option<Cursor>,
        seq: Option<u64>,
        backoff: &mut Backoff,
    ) -> Result<(), ChannelError> {
        match ev.t.as_deref() {
            Some("READY") => {
                let session_id = ev.d.get("session_id").and_then(Value::as_str).unwrap_or_default();
                let resume_url = ev.d.get("resume_gateway_url").and_then(Value::as_str).unwrap_or_default();
                if let Some(id) = ev.d.pointer("/user/id").and_then(Value::as_str) {
                    *lock(&self.me) = Some(id.to_string());
                }
                let c = Cursor {
                    session_id: session_id.into(),
                    resume_url: resume_url.into(),
                    seq: seq.unwrap_or(0),
                };
                self.cursor.save(&c)?;
                *resume = Some(c);
                self.health.set(Health::Ok);
                backoff.reset();
            }
            Some("RESUMED") => {
                self.health.set(Health::Ok);
                backoff.reset();
                self.save_seq(resume, seq)?;
            }
            Some("GUILD_CREATE") => {
                for t in ev.d.get("threads").and_then(Value::as_array).into_iter().flatten() {
                    self.learn_thread(t);
                }
            }
            Some("THREAD_CREATE" | "THREAD_UPDATE" | "CHANNEL_CREATE") => self.learn_thread(&ev.d),
            Some("MESSAGE_CREATE") => {
                if lock(&self.me).is_none() {
                    // A resumed session after a restart: READY is not sent again.
                    if let Ok(me) = self.rest(reqwest::Method::GET, "/users/@me", None).await
                        && let Some(id) = me.get("id").and_then(Value::as_str)
                    {
                        *lock(&self.me) = Some(id.to_string());
                    }
                }
                if let Some(msg) = self.to_inbound(&ev.d).await {
                    inbox.deliver(msg).await?;
                    self.save_seq(resume, seq)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn save_seq(&self, resume: &mut Option<Cursor>, seq: Option<u64>) -> Result<(), ChannelError> {
        if let (Some(c), Some(s)) = (resume.as_mut(), seq) {
            c.seq = s;
            self.cursor.save(c)?;
        }
        Ok(())
    }

    fn learn_thread(&self, channel: &Value) {
        let kind = channel.get("type").and_then(Value::as_u64);
        if let (Some(10..=12), Some(id), Some(parent)) = (
            kind,
            channel.get("id").and_then(Value::as_str),
            channel.get("parent_id").and_then(Value::as_str),
        ) {
            let mut threads = lock(&self.threads);
            if threads.len() > 10_000 {
                threads.clear();
            }
            threads.insert(id.to_string(), parent.to_string());
        }
    }

    /// The parent of thread `id`, asking Discord once when it is not known.
    async fn thread_parent(&self, id: &str) -> Option<String> {
        if let Some(p) = lock(&self.threads).get(id).cloned() {
            return Some(p);
        }
        let ch = self.rest(reqwest::Method::GET, &format!("/channels/{id}"), None).await.ok()?;
        self.learn_thread(&ch);
        lock(&self.threads).get(id).cloned()
    }

    /// Maps a MESSAGE_CREATE; `None` for what is not for the agent (our own messages, other
    /// bots, system messages, messages without text).
    async fn to_inbound(&self, d: &Value) -> Option<InboundMessage> {
        let me = lock(&self.me).clone();
        let id = d.get("id")?.as_str()?;
        let channel_id = d.get("channel_id")?.as_str()?;
        let author = d.get("author")?;
        let author_id = author.get("id")?.as_str()?;
        if me.as_deref() == Some(author_id) || d.get("webhook_id").is_some_and(|w| !w.is_null()) {
            return None;
        }
        if author.get("bot").and_then(Value::as_bool) == Some(true) && !self.settings.allow_bots {
            return None;
        }
        if !matches!(d.get("type").and_then(Value::as_u64).unwrap_or(0), 0 | 19) {
            return None;
        }
        let content = d.get("content").and_then(Value::as_str).unwrap_or_default();
        let guild = d.get("guild_id").and_then(Value::as_str).filter(|g| !g.is_empty());
        let mentioned = me.as_deref().is_some_and(|me| {
            d.get("mentions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|u| u.get("id").and_then(Value::as_str) == Some(me))
                || content.contains(&format!("<@{me}>"))
                || content.contains(&format!("<@!{me}>"))
                || d.pointer("/referenced_message/author/id").and_then(Value::as_str) == Some(me)
        });
        let text = match me.as_deref() {
            Some(me) => strip_mentions(content, me),
            None => content.trim().to_string(),
        };
        if text.is_empty() {
            return None;
        }
        let chat = match guild {
            None => {
                let mut dms = lock(&self.dm_channels);
                if dms.len() > 10_000 {
                    dms.clear();
                }
                dms.insert(author_id.to_string(), channel_id.to_string());
                ChatRef { id: author_id.to_string(), kind: ChatKind::Direct, thread: None }
            }
            Some(_) => {
                let threadish = matches!(d.get("channel_type").and_then(Value::as_u64), Some(10..=12))
                    || lock(&self.threads).contains_key(channel_id);
                match threadish {
                    true => match self.thread_parent(channel_id).await {
                        Some(parent) => ChatRef {
                            id: parent,
                            kind: ChatKind::Channel,
                            thread: Some(channel_id.to_string()),
                        },
                        None => ChatRef { id: channel_id.to_string(), kind: ChatKind::Channel, thread: None },
                    },
                    false => ChatRef { id: channel_id.to_string(), kind: ChatKind::Channel, thread: None },
                }
            }
        };
        let name = d
            .pointer("/member/nick")
            .and_then(Value::as_str)
            .or_else(|| author.get("global_name").and_then(Value::as_str))
            .or_else(|| author.get("username").and_then(Value::as_str));
        Some(InboundMessage {
            id: format!("{NAME}:{}:{id}", self.account),
            channel: NAME.into(),
            account_id: self.account.clone(),
            addressed: guild.is_none() || mentioned,
            chat,
            sender: Sender {
                id: author_id.to_string(),
                name: name.map(str::to_string),
                username: author.get("username").and_then(Value::as_str).map(str::to_string),
            },
            text,
            message_id: Some(id.to_string()),
        })
    }
}

/// Sleeps `d`; `true` when shutdown came first.
async fn sleep_or_stop(d: Duration, shutdown: &mut watch::Receiver<bool>) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(d) => false,
        _ = stopped(shutdown) => true,
    }
}

fn with_query(base: &str) -> String {
    match reqwest::Url::parse(base) {
        Ok(mut u) => {
            u.query_pairs_mut().append_pair("v", "10").append_pair("encoding", "json");
            u.to_string()
        }
        Err(_) => base.to_string(),
    }
}

/// The rate-limit bucket key of a route: the method, and the path with ids kept only for the
/// top-level resource (Discord's "major parameter").
fn route_key(method: &reqwest::Method, path: &str) -> String {
    let mut out = String::new();
    for (i, seg) in path.split('/').filter(|s| !s.is_empty()).enumerate() {
        out.push('/');
        if i >= 2 && seg.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(":id");
        } else {
            out.push_str(seg);
        }
    }
    format!("{method} {out}")
}

/// Removes `<@ID>` and `<@!ID>` mentions of the bot and the spaces they leave.
fn strip_mentions(text: &str, me: &str) -> String {
    let plain = text.replace(&format!("<@{me}>"), " ").replace(&format!("<@!{me}>"), " ");
    plain.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").trim().to_string()
}

#[derive(Debug, Deserialize)]
struct Event {
    op: u8,
    #[serde(default)]
    d: Value,
    #[serde(default)]
    s: Option<u64>,
    #[serde(default)]
    t: Option<String>,
}

enum Decoded {
    Event(Event),
    Closed(Option<u16>, String),
    Bad(String),
}

fn decode(frame: &Frame) -> Decoded {
    match frame {
        Frame::Text(t) => match serde_json::from_str::<Event>(t) {
            Ok(ev) => Decoded::Event(ev),
            Err(e) => Decoded::Bad(format!("gateway sent an unreadable payload: {e}")),
        },
        Frame::Binary(_) => Decoded::Bad("gateway sent a binary frame (compression is not asked for)".into()),
        Frame::Closed { code, reason } => Decoded::Closed(*code, reason.clone()),
    }
}

impl Channel for DiscordChannel {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn account(&self) -> &str {
        &self.account
    }

    fn run(&self, inbox: Inbox, shutdown: watch::Receiver<bool>) -> BoxFuture<'_, Result<(), ChannelError>> {
        Box::pin(super::run_with_health(&self.health, self.run_loop(inbox, shutdown)))
    }

    fn send_part<'a>(&'a self, part: Part<'a>) -> BoxFuture<'a, Result<String, ChannelError>> {
        Box::pin(async move {
            let channel = self.channel_for(part.chat).await?;
            let mut body = json!({
                "content": part.text,
                "nonce": part.nonce,
                "enforce_nonce": true,
                "allowed_mentions": {"parse": [], "replied_user": false},
            });
            if let Some(m) = part.reply_to {
                body["message_reference"] = json!({"message_id": m, "fail_if_not_exists": false});
            }
            let sent = self
                .rest(reqwest::Method::POST, &format!("/channels/{channel}/messages"), Some(&body))
                .await?;
            Ok(sent.get("id").and_then(Value::as_str).unwrap_or_default().to_string())
        })
    }

    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            if let Ok(channel) = self.channel_for(chat).await {
                let _ = self.rest(reqwest::Method::POST, &format!("/channels/{channel}/typing"), None).await;
            }
        })
    }

    fn health(&self) -> Health {
        self.health.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_routes() {
        assert_eq!(target("user:42"), ChatRef { id: "42".into(), kind: ChatKind::Direct, thread: None });
        assert_eq!(target("channel:7"), ChatRef { id: "7".into(), kind: ChatKind::Channel, thread: None });
        assert_eq!(target("7").kind, ChatKind::Channel);
        assert_eq!(
            route_key(&reqwest::Method::POST, "/channels/123/messages"),
            "POST /channels/123/messages"
        );
        assert_eq!(
            route_key(&reqwest::Method::PUT, "/channels/123/messages/456/reactions/x/@me"),
            "PUT /channels/123/messages/:id/reactions/x/@me"
        );
        assert_eq!(with_query("ws://127.0.0.1:9/gateway"), "ws://127.0.0.1:9/gateway?v=10&encoding=json");
        assert_eq!(with_query("wss://gateway.discord.gg"), "wss://gateway.discord.gg/?v=10&encoding=json");
    }

    #[test]
    fn mentions_of_the_bot_are_stripped() {
        assert_eq!(strip_mentions("<@99> hello <@!99>  there", "99"), "hello there");
        assert_eq!(strip_mentions("ask <@12> too", "99"), "ask <@12> too");
    }

    #[test]
    fn settings_name_their_keys_and_never_the_token() {
        let err =
            |v: Value| Settings::read(&AccountConfig::resolve(&KIND, "ops", &v)).err().map(|e| e.message);
        assert_eq!(err(json!({})).unwrap(), "channels.discord.accounts.ops.token is not set");
        assert_eq!(
            err(json!({"accounts": {"ops": {"token": "t", "gatewayUrl": "http://x"}}})).unwrap(),
            "channels.discord.accounts.ops.gatewayUrl is not a ws:// or wss:// URL: \"http://x\""
        );
        let secret = "abc def-SECRET";
        assert!(!err(json!({"token": secret})).unwrap().contains("SECRET"));
        let ok = Settings::read(&AccountConfig::resolve(&KIND, "ops", &json!({"token": "Bot xyz"}))).unwrap();
        assert_eq!((ok.token.as_str(), ok.intents, ok.api_base.as_str()), ("xyz", 37377, DEFAULT_API_BASE));
    }
}
