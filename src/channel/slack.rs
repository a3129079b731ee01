//! The Slack adapter: Socket Mode (a WebSocket) for what arrives, the Web API for what goes.
//!
//! The connection: `auth.test` with the bot token (the bot's user id, for mentions and to
//! ignore its own messages) → `apps.connections.open` with the app-level token → a single-use
//! WebSocket URL → `hello` → `events_api` envelopes. A `disconnect` envelope (Slack refreshes
//! connections every few hours) opens the replacement first; the old socket keeps being read and
//! acknowledged until the new one said `hello`, then it is closed. Each connection pings after
//! 30 s of silence and counts as dead after 75 s without data (a half-open socket). `invalid_auth`,
//! `account_inactive` and their kind stop the account with a health error naming the token's
//! config key, instead of a reconnect loop.
//!
//! Durability (DESIGN §7): the ack point is the envelope's `{"envelope_id"}`, sent only after
//! [`Inbox::deliver`] returned, that is after the message is journaled; the model's turn runs
//! afterwards. An envelope that could not be journaled within 2.5 s is not acknowledged: Slack
//! sends it again (`retry_attempt` 1..3). Repeats are recognised by `event_id` (in memory) and by
//! the journal's id `slack:<account>:<channel>:<ts>`, which also folds the `message` and
//! `app_mention` events Slack sends for one channel mention into one.
//!
//! Sending: `chat.postMessage` with plain `text` (no blocks), `&`, `<` and `>` escaped so model
//! output cannot ping `<!channel>` or a user, `thread_ts` for a thread. Errors come as HTTP 200
//! with `ok: false`; `ratelimited` and HTTP 429's `Retry-After` go back to the outbox, which waits
//! them out. Slack has no idempotency key: the outbox records each part's `ts` right after it.
//!
//! Targets and session keys: a DM is `slack:peer:<userId>` and its reply goes to the DM channel
//! (`D…`) it came from; a channel is `slack:channel:<C…>`, a thread in it
//! `slack:channel:<C…>:thread:<thread_ts>`. Slack has no "typing…" for bot tokens, so
//! [`Channel::typing`] does nothing.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, watch};

use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Retry, Sender, Unit, config_error, lock, stopped, transport_error,
};
use crate::net::ws::{Frame, Options, Socket};
use crate::net::{Backoff, error_chain};

/// Channel name in the config and in messages.
pub const NAME: &str = "slack";
/// Slack's advised limit for one message's text (the hard limit is 40,000).
pub const MAX_MESSAGE_LEN: usize = 4000;
const DEFAULT_API_BASE: &str = "https://slack.com/api";
/// Slack wants the ack within 3 s; what is not journaled by then is left for its retry.
const JOURNAL_BUDGET: Duration = Duration::from_millis(2500);
/// A ping after this much silence …
const KEEPALIVE: Duration = Duration::from_secs(30);
/// … and the socket is dead after this much.
const IDLE: Duration = Duration::from_secs(75);
const HELLO_TIMEOUT: Duration = Duration::from_secs(15);
/// Event ids and message ids remembered to drop Slack's retries and the second event of a
/// mention (the journal remembers longer, by message).
const SEEN_EVENTS: usize = 10_000;
/// Slack's `ratelimited` without a `Retry-After`: what its own SDKs wait.
const DEFAULT_RETRY_AFTER: u64 = 30;

/// The Slack kind: 4,000 characters a message, about one message a second.
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: MAX_MESSAGE_LEN, unit: Unit::Chars, min_interval: Duration::from_secs(1) },
    token_key: "botToken",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(SlackChannel::from_account(account, cx.http.clone())?) as Arc<dyn Channel>)
    },
};

/// `user:<U…>` (or `@U…`, or a `U…`/`W…`/`D…` id) is a DM; `channel:<C…>` or another id a
/// channel.
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    let direct = |id: &str| ChatRef { id: id.to_string(), kind: ChatKind::Direct, thread: None };
    if let Some(user) = to.strip_prefix("user:").or_else(|| to.strip_prefix('@')) {
        return direct(user);
    }
    if let Some(channel) = to.strip_prefix("channel:").or_else(|| to.strip_prefix('#')) {
        return ChatRef { id: channel.to_string(), kind: ChatKind::Channel, thread: None };
    }
    match to.chars().next() {
        Some('U' | 'W' | 'D') => direct(to),
        _ => ChatRef { id: to.to_string(), kind: ChatKind::Channel, thread: None },
    }
}

/// An account's settings, typed: `appToken` (`xapp-…`, required), `botToken` (`xoxb-…`,
/// required), `apiBase` (default `https://slack.com/api`), `allowBots` (default false: other
/// bots' messages are ignored), `mode` (only `"socket"`).
#[derive(Clone)]
struct Settings {
    app_token: String,
    app_token_key: String,
    bot_token: String,
    bot_token_key: String,
    api_base: String,
    allow_bots: bool,
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        if let Some(mode) = a.string("mode")?
            && mode != "socket"
        {
            return Err(a.error(
                "mode",
                format_args!("is {mode:?}, but only \"socket\" (Socket Mode) is supported by this build"),
            ));
        }
        let token = |key: &str| -> Result<String, SettingError> {
            let t = a.secret(key)?;
            if t.contains(|c: char| c.is_whitespace() || c.is_control()) {
                return Err(a.error(key, "is not a Slack token (it holds a space or a control character)"));
            }
            Ok(t)
        };
        let app_token = token("appToken")?;
        if app_token.starts_with("xoxb-") || app_token.starts_with("xoxp-") {
            return Err(a.error(
                "appToken",
                "holds a bot or user token (xoxb-/xoxp-); Socket Mode needs the app-level token (xapp-…) from Basic Information → App-Level Tokens",
            ));
        }
        let bot_token = token("botToken")?;
        if bot_token.starts_with("xapp-") {
            return Err(a.error(
                "botToken",
                "holds an app-level token (xapp-…); put the Bot User OAuth Token (xoxb-…) from OAuth & Permissions here",
            ));
        }
        Ok(Settings {
            app_token,
            app_token_key: a.dotted("appToken"),
            bot_token,
            bot_token_key: a.dotted("botToken"),
            api_base: a.url("apiBase", &["http", "https"], DEFAULT_API_BASE)?,
            allow_bots: a.flag("allowBots", false)?,
        })
    }
}

/// Which token a Web API call uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// The app-level token: `apps.connections.open` only.
    App,
    /// The bot token: everything else.
    Bot,
}

/// The bot, from `auth.test`.
#[derive(Debug, Clone, Default)]
struct Me {
    user_id: String,
    bot_id: Option<String>,
}

/// Event ids and message ids already handled, oldest first.
#[derive(Default)]
struct Seen {
    set: HashSet<String>,
    order: VecDeque<String>,
}

impl Seen {
    fn insert(&mut self, id: &str) {
        if id.is_empty() || !self.set.insert(id.to_string()) {
            return;
        }
        self.order.push_back(id.to_string());
        while self.order.len() > SEEN_EVENTS {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
    }
}

/// One Slack app in one workspace.
pub struct SlackChannel {
    account: String,
    settings: Settings,
    http: reqwest::Client,
    health: HealthCell,
    me: Mutex<Option<Me>>,
    seen: Mutex<Seen>,
    /// A token Slack refused during a send: the running account stops with this.
    fatal: Mutex<Option<String>>,
    fatal_now: Notify,
}

impl std::fmt::Debug for SlackChannel {
    /// Without the tokens.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlackChannel")
            .field("account", &self.account)
            .field("api_base", &self.settings.api_base)
            .finish_non_exhaustive()
    }
}

/// How one Socket Mode connection ended.
enum End {
    /// Asked to stop.
    Shutdown,
    /// A newer connection took over; this one was closed on purpose.
    Retired,
    /// Lost (or never opened): connect again, after `wait` when Slack said how long.
    Lost { why: String, wait: Option<Duration> },
    /// Do not reconnect: a token is refused or Socket Mode is off.
    Fatal(String),
}

/// What a connection tells the account's loop.
enum Signal {
    /// Connection `generation` got `hello`: it is the live one now.
    Hello(u64),
    /// Connection `generation` got a `disconnect`: open its replacement.
    Disconnect(u64),
}

/// What to do with an envelope.
enum Ack {
    /// Acknowledge it (journaled, a repeat, or nothing for the agent).
    Now,
    /// Leave it unacknowledged so Slack sends it again.
    Withhold,
    /// The gateway is shutting down.
    Closed,
}

impl SlackChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs or sends.
    pub fn from_account(account: &AccountConfig, http: reqwest::Client) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(SlackChannel {
            account: account.id.clone(),
            settings,
            http,
            health: HealthCell::default(),
            me: Mutex::new(None),
            seen: Mutex::default(),
            fatal: Mutex::new(None),
            fatal_now: Notify::new(),
        })
    }

    /// Builds the adapter for `channels.slack.accounts.<account_id>`; `channel` is the value of
    /// `channels.slack`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http)
    }

    /// One Web API call (`POST <apiBase>/<method>`, JSON body, the token as a Bearer header).
    async fn call(&self, method: &str, token: Token, body: &Value) -> Result<Value, ChannelError> {
        let (secret, key) = match token {
            Token::App => (&self.settings.app_token, &self.settings.app_token_key),
            Token::Bot => (&self.settings.bot_token, &self.settings.bot_token_key),
        };
        let resp = self
            .http
            .post(format!("{}/{method}", self.settings.api_base))
            .timeout(Duration::from_secs(30))
            .bearer_auth(secret)
            .header(reqwest::header::CONTENT_TYPE, "application/json; charset=utf-8")
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| {
                transport_error(NAME, format!("{method} failed: {}", error_chain(&e.without_url())))
            })?;
        let status = resp.status();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let bytes = resp.bytes().await.map_err(|e| {
            transport_error(NAME, format!("{method}: reading the answer: {}", error_chain(&e.without_url())))
        })?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let error = value.get("error").and_then(Value::as_str).unwrap_or_default().to_string();
        let rate_limited = |message: String| ChannelError::Api {
            channel: NAME.into(),
            message,
            retry_after: Some(retry_after.unwrap_or(DEFAULT_RETRY_AFTER).max(1)),
        };
        if status.as_u16() == 429 {
            return Err(rate_limited(format!("{method}: rate limited (HTTP 429)")));
        }
        if status.is_server_error() {
            return Err(transport_error(NAME, format!("{method}: Slack answered {status}")));
        }
        if value.get("ok").and_then(Value::as_bool) == Some(true) {
            return Ok(value);
        }
        if !status.is_success() && error.is_empty() {
            return Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!("{method}: Slack answered {status}"),
                retry_after: None,
            });
        }
        let err = match error.as_str() {
            "ratelimited" => rate_limited(format!("{method}: rate limited (ratelimited)")),
            "invalid_auth"
            | "not_authed"
            | "account_inactive"
            | "token_revoked"
            | "token_expired"
            | "not_allowed_token_type"
            | "ekm_access_denied" => {
                let hint = match (token, error.as_str()) {
                    (_, "account_inactive") => "the app or its workspace was deactivated; reinstall the app",
                    (Token::App, _) => {
                        "use an app-level token (xapp-…) with the connections:write scope, from Basic Information → App-Level Tokens"
                    }
                    (Token::Bot, _) => {
                        "use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, after (re)installing the app"
                    }
                };
                let message = format!("{key} was rejected by Slack ({error}); {hint}");
                if token == Token::Bot {
                    *lock(&self.fatal) = Some(message.clone());
                    self.fatal_now.notify_one();
                }
                config_error(NAME, message)
            }
            "internal_error" | "fatal_error" | "service_unavailable" | "request_timeout" => {
                transport_error(NAME, format!("{method}: Slack answered {error}"))
            }
            _ => {
                let needed = value
                    .get("needed")
                    .and_then(Value::as_str)
                    .map(|n| format!(" (the app needs the {n} scope)"))
                    .unwrap_or_default();
                let error = if error.is_empty() { "no error code".to_string() } else { error };
                ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("{method}: {error}{needed}"),
                    retry_after: None,
                }
            }
        };
        Err(err)
    }

    /// `auth.test`, retried while Slack is unreachable or rate-limits; `None` on shutdown.
    async fn whoami(&self, shutdown: &mut watch::Receiver<bool>) -> Result<Option<Me>, ChannelError> {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        loop {
            let err = match self.call("auth.test", Token::Bot, &json!({})).await {
                Ok(v) => {
                    let user_id = v.get("user_id").and_then(Value::as_str).unwrap_or_default();
                    if user_id.is_empty() {
                        return Err(transport_error(NAME, "auth.test: no user_id in the answer"));
                    }
                    let bot_id = v.get("bot_id").and_then(Value::as_str).map(str::to_string);
                    return Ok(Some(Me { user_id: user_id.to_string(), bot_id }));
                }
                Err(e @ ChannelError::Config { .. }) => return Err(e),
                Err(e) => e,
            };
            self.health.set(Health::Failing { error: err.to_string() });
            let wait = match err.retry() {
                Retry::After(d) => d,
                _ => backoff.next_wait(),
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stopped(shutdown) => return Ok(None),
            }
        }
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        let Some(me) = self.whoami(&mut shutdown).await? else { return Ok(()) };
        *lock(&self.me) = Some(me);
        let (signal_tx, mut signals) = mpsc::unbounded_channel::<Signal>();
        let (newest_tx, newest) = watch::channel(0u64);
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        // Generation of the newest connection (opened or being opened), and of the live one.
        let (mut generation, mut live) = (1u64, 0u64);
        let mut conns = FuturesUnordered::new();
        let start = |generation: u64, delay: Duration| {
            let (inbox, shutdown, newest, signals) =
                (inbox.clone(), shutdown.clone(), newest.clone(), signal_tx.clone());
            async move {
                let end = self.connection(generation, delay, &inbox, shutdown, newest, signals).await;
                (generation, end)
            }
        };
        conns.push(start(generation, Duration::ZERO));
        loop {
            tokio::select! {
                Some((g, end)) = conns.next() => match end {
                    End::Shutdown => {
                        if conns.is_empty() {
                            return Ok(());
                        }
                    }
                    End::Fatal(why) => return Err(config_error(NAME, why)),
                    End::Retired => {}
                    End::Lost { why, wait } => {
                        if *shutdown.borrow() {
                            if conns.is_empty() {
                                return Ok(());
                            }
                        } else if g == generation {
                            // The newest one is gone: nothing else will carry events.
                            self.health.set(Health::Failing { error: why });
                            generation += 1;
                            conns.push(start(generation, wait.unwrap_or_else(|| backoff.next_wait())));
                        }
                    }
                },
                Some(signal) = signals.recv() => match signal {
                    Signal::Hello(g) if g > live => {
                        live = g;
                        let _ = newest_tx.send(g);
                        self.health.set(Health::Ok);
                        backoff.reset();
                    }
                    Signal::Hello(_) => {}
                    Signal::Disconnect(g) if g == generation && !*shutdown.borrow() => {
                        // Open the replacement while the old socket still delivers.
                        generation += 1;
                        conns.push(start(generation, Duration::ZERO));
                    }
                    Signal::Disconnect(_) => {}
                },
                _ = self.fatal_now.notified() => {
                    if let Some(why) = lock(&self.fatal).clone() {
                        return Err(config_error(NAME, why));
                    }
                }
            }
        }
    }

    /// One Socket Mode connection `generation`, from `apps.connections.open` to its end.
    async fn connection(
        &self,
        generation: u64,
        delay: Duration,
        inbox: &Inbox,
        mut shutdown: watch::Receiver<bool>,
        mut newest: watch::Receiver<u64>,
        signals: mpsc::UnboundedSender<Signal>,
    ) -> End {
        if !delay.is_zero() {
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stopped(&mut shutdown) => return End::Shutdown,
            }
        }
        let url = match self.call("apps.connections.open", Token::App, &json!({})).await {
            Ok(v) => match v.get("url").and_then(Value::as_str) {
                Some(u) => u.to_string(),
                None => {
                    return End::Lost {
                        why: "apps.connections.open: no url in the answer".into(),
                        wait: None,
                    };
                }
            },
            Err(ChannelError::Config { message, .. }) => return End::Fatal(message),
            Err(e) => {
                let wait = match e.retry() {
                    Retry::After(d) => Some(d),
                    _ => None,
                };
                return End::Lost { why: e.to_string(), wait };
            }
        };
        let options = Options { idle_timeout: IDLE, keepalive: Some(KEEPALIVE), ..Options::default() };
        let mut socket = match Socket::connect(&url, options).await {
            Ok(s) => s,
            // The URL holds a ticket: it is not repeated in the error.
            Err(e) => return End::Lost { why: format!("Socket Mode: {}", ws_error(&e)), wait: None },
        };
        // `hello` first.
        let hello = tokio::time::timeout(HELLO_TIMEOUT, async {
            loop {
                match socket.recv().await {
                    Ok(Frame::Text(t)) => {
                        let v: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                        match v.get("type").and_then(Value::as_str) {
                            Some("hello") => return None,
                            Some("disconnect") => return Some(disconnected(&v)),
                            _ => {}
                        }
                    }
                    Ok(Frame::Binary(_)) => {}
                    Ok(Frame::Closed { code, reason }) => return Some(closed(code, &reason)),
                    Err(e) => {
                        return Some(End::Lost { why: format!("Socket Mode: {}", ws_error(&e)), wait: None });
                    }
                }
            }
        });
        let hello = tokio::select! {
            h = hello => h,
            _ = stopped(&mut shutdown) => Ok(Some(End::Shutdown)),
        };
        match hello {
            Ok(None) => {}
            Ok(Some(end)) => {
                socket.close(1000, "bye").await;
                return end;
            }
            Err(_) => {
                socket.close(1000, "no hello").await;
                return End::Lost {
                    why: format!("Socket Mode: no hello within {HELLO_TIMEOUT:?}"),
                    wait: None,
                };
            }
        }
        let _ = signals.send(Signal::Hello(generation));
        loop {
            let frame = tokio::select! {
                f = socket.recv() => f,
                _ = superseded(&mut newest, generation) => {
                    socket.close(1000, "replaced by a newer connection").await;
                    return End::Retired;
                }
                _ = stopped(&mut shutdown) => {
                    socket.close(1000, "shutting down").await;
                    return End::Shutdown;
                }
            };
            let text = match frame {
                Ok(Frame::Text(t)) => t,
                Ok(Frame::Binary(_)) => continue,
                Ok(Frame::Closed { code, reason }) => return closed(code, &reason),
                Err(e) => return End::Lost { why: format!("Socket Mode: {}", ws_error(&e)), wait: None },
            };
            let Ok(envelope) = serde_json::from_str::<Value>(&text) else { continue };
            let envelope_id = envelope.get("envelope_id").and_then(Value::as_str).unwrap_or_default();
            let ack = match envelope.get("type").and_then(Value::as_str) {
                Some("events_api") => self.handle(&envelope, inbox).await,
                Some("disconnect") => {
                    if envelope.get("reason").and_then(Value::as_str) == Some("link_disabled") {
                        socket.close(1000, "link disabled").await;
                        return disconnected(&envelope);
                    }
                    let _ = signals.send(Signal::Disconnect(generation));
                    continue;
                }
                // Slash commands and interactions are not this adapter's; acknowledged so Slack
                // does not retry them or show the user an error.
                _ if !envelope_id.is_empty() => Ack::Now,
                _ => continue,
            };
            match ack {
                Ack::Now if !envelope_id.is_empty() => {
                    if let Err(e) = socket.send(&json!({"envelope_id": envelope_id}).to_string()).await {
                        return End::Lost { why: format!("Socket Mode: {}", ws_error(&e)), wait: None };
                    }
                }
                Ack::Now | Ack::Withhold => {}
                Ack::Closed => {
                    socket.close(1000, "shutting down").await;
                    return End::Shutdown;
                }
            }
        }
    }

    /// Journals an `events_api` envelope's message (when it is one for the agent).
    async fn handle(&self, envelope: &Value, inbox: &Inbox) -> Ack {
        let payload = envelope.get("payload").unwrap_or(&Value::Null);
        let event_id = payload.get("event_id").and_then(Value::as_str).unwrap_or_default();
        if !event_id.is_empty() && lock(&self.seen).set.contains(event_id) {
            return Ack::Now;
        }
        let me = lock(&self.me).clone();
        if let Some(msg) = self.to_inbound(payload, me.as_ref()) {
            // A channel mention comes as `message` and as `app_mention`: one message.
            if lock(&self.seen).set.contains(&msg.id) {
                lock(&self.seen).insert(event_id);
                return Ack::Now;
            }
            let id = msg.id.clone();
            match tokio::time::timeout(JOURNAL_BUDGET, inbox.deliver(msg)).await {
                Ok(Ok(())) => {}
                Ok(Err(ChannelError::Closed)) => return Ack::Closed,
                Ok(Err(_)) | Err(_) => return Ack::Withhold,
            }
            lock(&self.seen).insert(&id);
        }
        lock(&self.seen).insert(event_id);
        Ack::Now
    }

    /// Maps an `event_callback`; `None` for what is not for the agent (the bot's own messages,
    /// other bots, edits, joins and other subtypes, messages without text).
    fn to_inbound(&self, payload: &Value, me: Option<&Me>) -> Option<InboundMessage> {
        let ev = payload.get("event")?;
        let kind = ev.get("type")?.as_str()?;
        if kind != "message" && kind != "app_mention" {
            return None;
        }
        let str_of = |k: &str| ev.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
        if !matches!(str_of("subtype"), None | Some("thread_broadcast" | "file_share" | "me_message")) {
            return None;
        }
        let user = str_of("user")?;
        if me.is_some_and(|m| m.user_id == user) {
            return None;
        }
        if let Some(bot) = str_of("bot_id")
            && (!self.settings.allow_bots || me.and_then(|m| m.bot_id.as_deref()) == Some(bot))
        {
            return None;
        }
        let channel = str_of("channel")?;
        let ts = str_of("ts")?;
        let raw = str_of("text").unwrap_or_default();
        // `app_mention` carries no channel_type: the id's first letter tells (D… is a DM).
        let chat_kind = match str_of("channel_type") {
            Some("im") => ChatKind::Direct,
            Some("mpim") => ChatKind::Group,
            Some(_) => ChatKind::Channel,
            None if channel.starts_with('D') => ChatKind::Direct,
            None => ChatKind::Channel,
        };
        let mentioned = kind == "app_mention"
            || me.is_some_and(|m| {
                raw.contains(&format!("<@{}>", m.user_id)) || raw.contains(&format!("<@{}|", m.user_id))
            });
        let text = unescape(&match me {
            Some(m) => strip_mentions(raw, &m.user_id),
            None => raw.trim().to_string(),
        });
        if text.is_empty() {
            return None;
        }
        let thread = str_of("thread_ts").filter(|t| *t != ts).map(str::to_string);
        let profile = ev.get("user_profile");
        let profile_str = |k: &str| {
            profile
                .and_then(|p| p.get(k))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Some(InboundMessage {
            id: format!("{NAME}:{}:{channel}:{ts}", self.account),
            channel: NAME.into(),
            account_id: self.account.clone(),
            chat: ChatRef { id: channel.to_string(), kind: chat_kind, thread },
            sender: Sender {
                id: user.to_string(),
                name: profile_str("display_name").or_else(|| profile_str("real_name")),
                username: profile_str("name"),
            },
            text,
            addressed: chat_kind == ChatKind::Direct || mentioned,
            message_id: Some(ts.to_string()),
        })
    }
}

/// Resolves once a connection newer than `generation` is live.
async fn superseded(newest: &mut watch::Receiver<u64>, generation: u64) {
    // The guard is dropped here, not held across the caller's awaits.
    let _ = newest.wait_for(|n| *n > generation).await.map(drop);
}

/// What a `disconnect` envelope means for the connection that got it.
fn disconnected(v: &Value) -> End {
    match v.get("reason").and_then(Value::as_str).unwrap_or("unknown") {
        "link_disabled" => End::Fatal(
            "Slack disabled the Socket Mode link (link_disabled); turn Socket Mode on in the app's settings".into(),
        ),
        "too_many_websockets" => End::Lost {
            why: "Slack refused the connection: too many Socket Mode connections for this app (at most 10); is another gateway running with this app token?".into(),
            wait: Some(Duration::from_secs(30)),
        },
        reason => End::Lost { why: format!("Slack asked to reconnect ({reason})"), wait: None },
    }
}

fn closed(code: Option<u16>, reason: &str) -> End {
    let said = if reason.is_empty() { String::new() } else { format!(": {reason}") };
    let code = code.map(|c| format!(" with {c}")).unwrap_or_default();
    End::Lost { why: format!("Slack closed the Socket Mode connection{code}{said}"), wait: None }
}

/// A socket error without the URL (it holds a ticket).
fn ws_error(e: &crate::net::ws::WsError) -> String {
    match e {
        crate::net::ws::WsError::Url(_) => "Slack gave a URL that is not ws:// or wss://".into(),
        other => other.to_string(),
    }
}

/// Model output as Slack shows it literally: `&`, `<` and `>` escaped, so `<!channel>`,
/// `<!here>` and `<@U…>` in it are text, not pings.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Slack's escaping undone, for the agent.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Removes `<@ME>` and `<@ME|name>` mentions and the spaces they leave.
fn strip_mentions(text: &str, me: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let open = format!("<@{me}");
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        match after.chars().next() {
            Some('>' | '|') => {
                out.push_str(&rest[..i]);
                out.push(' ');
                rest = after.find('>').map_or("", |j| &after[j + 1..]);
            }
            _ => {
                out.push_str(&rest[..i + open.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").trim().to_string()
}

impl Channel for SlackChannel {
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
            let mut body = json!({
                "channel": part.chat.id,
                "text": escape(part.text),
                "unfurl_links": false,
                "unfurl_media": false,
            });
            if let Some(t) = &part.chat.thread {
                body["thread_ts"] = json!(t);
            }
            let sent = self.call("chat.postMessage", Token::Bot, &body).await?;
            Ok(sent.get("ts").and_then(Value::as_str).unwrap_or_default().to_string())
        })
    }

    fn typing<'a>(&'a self, _chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        // Bot tokens cannot show "typing…" (that is the retired RTM API's).
        Box::pin(async {})
    }

    fn health(&self) -> Health {
        self.health.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(target("user:U1"), ChatRef { id: "U1".into(), kind: ChatKind::Direct, thread: None });
        assert_eq!(target("@U1").kind, ChatKind::Direct);
        assert_eq!(target("D42").kind, ChatKind::Direct);
        assert_eq!(target("channel:C7"), ChatRef { id: "C7".into(), kind: ChatKind::Channel, thread: None });
        assert_eq!(target("C7").kind, ChatKind::Channel);
        assert_eq!(target("#C7").id, "C7");
    }

    #[test]
    fn output_cannot_ping_and_input_is_unescaped() {
        assert_eq!(escape("<!channel> & <@U1> a>b"), "&lt;!channel&gt; &amp; &lt;@U1&gt; a&gt;b");
        assert_eq!(unescape("a &lt;b&gt; &amp;lt;"), "a <b> &lt;");
        assert_eq!(unescape(&escape("x <!here> & y")), "x <!here> & y");
    }

    #[test]
    fn mentions_of_the_bot_are_stripped() {
        assert_eq!(strip_mentions("<@UBOT> hello <@UBOT|claw>  there", "UBOT"), "hello there");
        assert_eq!(strip_mentions("ask <@U12> and <@UBOTX>", "UBOT"), "ask <@U12> and <@UBOTX>");
        assert_eq!(strip_mentions("<@UBOT", "UBOT"), "<@UBOT");
    }

    #[test]
    fn settings_name_their_keys_and_never_the_tokens() {
        let err =
            |v: Value| Settings::read(&AccountConfig::resolve(&KIND, "ops", &v)).err().map(|e| e.message);
        assert_eq!(
            err(json!({"accounts": {"ops": {"botToken": "xoxb-1"}}})).unwrap(),
            "channels.slack.accounts.ops.appToken is not set"
        );
        let swapped = err(json!({"appToken": "xoxb-SECRET", "botToken": "xoxb-2"})).unwrap();
        assert!(swapped.starts_with("channels.slack.appToken holds a bot"), "{swapped}");
        assert!(!swapped.contains("SECRET"));
        let swapped = err(json!({"appToken": "xapp-1", "botToken": "xapp-SECRET"})).unwrap();
        assert!(swapped.starts_with("channels.slack.botToken holds an app-level"), "{swapped}");
        assert_eq!(
            err(json!({"appToken": "xapp-1", "botToken": "xoxb-2", "mode": "http"})).unwrap(),
            "channels.slack.mode is \"http\", but only \"socket\" (Socket Mode) is supported by this build"
        );
        let ok = Settings::read(&AccountConfig::resolve(
            &KIND,
            "ops",
            &json!({"appToken": "xapp-1", "accounts": {"ops": {"botToken": "xoxb-2"}}}),
        ))
        .unwrap();
        assert_eq!((ok.api_base.as_str(), ok.allow_bots), (DEFAULT_API_BASE, false));
        assert_eq!(ok.app_token_key, "channels.slack.appToken");
        assert_eq!(ok.bot_token_key, "channels.slack.accounts.ops.botToken");
    }

    fn channel() -> SlackChannel {
        let a =
            AccountConfig::resolve(&KIND, "default", &json!({"appToken": "xapp-1", "botToken": "xoxb-2"}));
        SlackChannel::from_account(&a, crate::net::channel_client().unwrap()).unwrap()
    }

    #[test]
    fn events_map_to_messages_and_bots_are_ignored() {
        let ch = channel();
        let me = Me { user_id: "UBOT".into(), bot_id: Some("BBOT".into()) };
        let event = |e: Value| ch.to_inbound(&json!({"event_id": "Ev1", "event": e}), Some(&me));
        let dm = event(json!({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
            "text": "hi &amp; bye", "ts": "1.000001", "user_profile": {"display_name": "Ann", "name": "ann"}}))
        .unwrap();
        assert_eq!(dm.chat, ChatRef { id: "D1".into(), kind: ChatKind::Direct, thread: None });
        assert_eq!((dm.id.as_str(), dm.text.as_str()), ("slack:default:D1:1.000001", "hi & bye"));
        assert_eq!((dm.sender.name.as_deref(), dm.sender.username.as_deref()), (Some("Ann"), Some("ann")));
        assert!(dm.addressed);
        let chan = event(json!({"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1",
            "text": "<@UBOT> status?", "ts": "2.0", "thread_ts": "1.5"}))
        .unwrap();
        assert_eq!(
            chan.chat,
            ChatRef { id: "C1".into(), kind: ChatKind::Channel, thread: Some("1.5".into()) }
        );
        assert!(chan.addressed && chan.text == "status?");
        let mention =
            event(json!({"type": "app_mention", "channel": "C1", "user": "U1", "text": "<@UBOT> status?",
            "ts": "2.0", "thread_ts": "2.0"}))
            .unwrap();
        assert_eq!(mention.id, chan.id, "message and app_mention of one post are one message");
        assert_eq!(mention.chat.thread, None, "a thread's parent is not in a thread");
        let plain =
            event(json!({"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1",
            "text": "chatting", "ts": "3.0"}))
            .unwrap();
        assert!(!plain.addressed);
        for ignored in [
            json!({"type": "message", "channel": "D1", "user": "UBOT", "text": "own", "ts": "4.0"}),
            json!({"type": "message", "channel": "D1", "user": "U9", "bot_id": "B9", "text": "bot", "ts": "4.0"}),
            json!({"type": "message", "subtype": "bot_message", "channel": "D1", "text": "bot", "ts": "4.0"}),
            json!({"type": "message", "subtype": "message_changed", "channel": "D1", "ts": "4.0"}),
            json!({"type": "message", "subtype": "channel_join", "channel": "C1", "user": "U1", "text": "joined", "ts": "4.0"}),
            json!({"type": "message", "channel": "C1", "user": "U1", "text": "<@UBOT>", "ts": "4.0"}),
            json!({"type": "reaction_added", "user": "U1", "ts": "4.0"}),
        ] {
            assert_eq!(event(ignored.clone()), None, "{ignored}");
        }
    }
}
