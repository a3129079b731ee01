//! The Telegram adapter: the Bot API over reqwest. Long polling `getUpdates` with offset
//! bookkeeping, `sendMessage` split at 4096 characters, `sendChatAction typing`, DMs and groups
//! with mention detection. It turns updates into [`InboundMessage`]s and knows nothing of access
//! policy, agents or sessions.
//!
//! The update offset is the durability point (DESIGN §7): it is advanced — in memory, with
//! Telegram (through the next `getUpdates`) and in `credentials/telegram.<account>.offset` — only
//! past updates whose [`Inbox::deliver`] returned `Ok`. An update that was not acknowledged comes
//! again with the same [`InboundMessage::id`] (`telegram:<account>:<update_id>`).
//!
//! The bot token is part of every request URL, so every error text that could hold a URL goes
//! through `Api::redact`; no error this module returns contains the token.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::watch;

use super::cursor::CursorStore;
use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Sender, Unit, config_error, stopped,
};
use crate::home::Home;
use crate::store::{self, PRIVATE_FILE};

/// Channel name in the config and in messages.
pub const NAME: &str = "telegram";
/// Telegram's limit for one message's text.
pub const MAX_MESSAGE_LEN: usize = 4096;
const DEFAULT_API_BASE: &str = "https://api.telegram.org";
const DEFAULT_POLL_TIMEOUT: u64 = 25;
/// First wait after a failed poll; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Least time from one `getUpdates` to the next after an empty answer: a Bot API that does not
/// hold the request open (some self-hosted and emulated servers answer at once) would otherwise
/// be polled in a busy loop. A real long poll takes longer than this by itself.
const EMPTY_POLL_FLOOR: Duration = Duration::from_secs(1);
/// Longest `retry_after` we honour in one wait (Telegram asks for seconds, rarely minutes).
const MAX_RETRY_AFTER: u64 = 300;

/// The Telegram kind: 4096 UTF-16 units per message, about 30 messages a second per bot.
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: MAX_MESSAGE_LEN, unit: Unit::Utf16, min_interval: Duration::from_millis(35) },
    token_key: "botToken",
    // Negative ids are groups on Telegram; `@name` is a public channel.
    target: |to| ChatRef {
        id: to.to_string(),
        kind: if to.starts_with('-') || to.starts_with('@') { ChatKind::Group } else { ChatKind::Direct },
        thread: None,
    },
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(TelegramChannel::from_account(account, cx.http.clone(), &cx.home)?) as Arc<dyn Channel>)
    },
};

/// An account's settings, typed: `botToken` (required), `apiBase` (default
/// `https://api.telegram.org`), `pollTimeoutSeconds` (default 25, at most 50).
#[derive(Debug)]
struct Settings {
    token: String,
    token_key: String,
    api_base: String,
    poll_timeout: u64,
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        let token = a.secret("botToken")?;
        if token.contains(['/', '?', '#', ' ']) {
            // Said without the value: it is a secret.
            return Err(a.error("botToken", "is not a bot token (it holds '/', '?', '#' or a space)"));
        }
        Ok(Settings {
            token,
            token_key: a.dotted("botToken"),
            api_base: a.url("apiBase", &["http", "https"], DEFAULT_API_BASE)?,
            poll_timeout: a.number("pollTimeoutSeconds", 0..=50, "seconds", DEFAULT_POLL_TIMEOUT)?,
        })
    }
}

/// One Telegram bot.
pub struct TelegramChannel {
    account: String,
    api: Api,
    poll_timeout: u64,
    offset_path: PathBuf,
    health: HealthCell,
    bot_username: Mutex<Option<String>>,
}

impl std::fmt::Debug for TelegramChannel {
    /// Without the token, so a `{:?}` in a log line cannot leak it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramChannel")
            .field("account", &self.account)
            .field("api", &self.api.redact(&self.api.base))
            .field("poll_timeout", &self.poll_timeout)
            .finish_non_exhaustive()
    }
}

/// The bot's identity from `getMe`.
#[derive(Debug, Clone, Deserialize)]
struct Me {
    id: i64,
    #[serde(default)]
    username: Option<String>,
}

/// Bot API calls for one token.
struct Api {
    http: reqwest::Client,
    /// `<apiBase>/bot<token>/`, ending in a slash.
    base: String,
    token: String,
    /// Config key of the token, for error messages.
    token_key: String,
}

/// The Bot API's envelope.
#[derive(Debug, Deserialize)]
struct Envelope {
    ok: bool,
    #[serde(default)]
    result: Value,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    error_code: Option<u16>,
    #[serde(default)]
    parameters: Option<ResponseParameters>,
}

#[derive(Debug, Deserialize)]
struct ResponseParameters {
    #[serde(default)]
    retry_after: Option<u64>,
}

impl Api {
    fn redact(&self, text: &str) -> String {
        if self.token.is_empty() { text.to_string() } else { text.replace(&self.token, "<redacted>") }
    }

    fn transport(&self, message: String) -> ChannelError {
        ChannelError::Transport { channel: NAME.into(), message: self.redact(&message) }
    }

    /// Calls `method` with a JSON body; `timeout` bounds the whole request.
    async fn call(&self, method: &str, body: &Value, timeout: Duration) -> Result<Value, ChannelError> {
        let url = format!("{}{method}", self.base);
        let response = self
            .http
            .post(url)
            .timeout(timeout)
            .json(body)
            .send()
            .await
            .map_err(|e| self.transport(format!("{method} failed: {}", describe(e))))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| {
            self.transport(format!("{method} failed while reading the answer: {}", describe(e)))
        })?;
        let envelope: Envelope = match serde_json::from_slice(&bytes) {
            Ok(env) => env,
            Err(_) if status.is_server_error() || status.as_u16() == 429 => {
                return Err(self.transport(format!("{method}: Telegram answered {status}")));
            }
            Err(e) => {
                return Err(
                    self.transport(format!("{method}: Telegram answered {status} with unreadable JSON: {e}"))
                );
            }
        };
        if envelope.ok {
            return Ok(envelope.result);
        }
        let code = envelope.error_code.unwrap_or(status.as_u16());
        let description = self.redact(envelope.description.as_deref().unwrap_or("no description"));
        match code {
            401 | 404 => Err(ChannelError::Config {
                channel: NAME.into(),
                message: format!(
                    "{} was rejected by Telegram ({code} {description}); check the bot token from @BotFather",
                    self.token_key
                ),
            }),
            429 => Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!("{method}: rate limited ({description})"),
                retry_after: Some(envelope.parameters.and_then(|p| p.retry_after).unwrap_or(1)),
            }),
            500..=599 => Err(self.transport(format!("{method}: Telegram answered {code} ({description})"))),
            _ => Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!("{method}: {code} {description}"),
                retry_after: None,
            }),
        }
    }
}

/// The message of a reqwest error and its causes, without the URL (which holds the token).
fn describe(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// What a failed call means for the caller.
enum Retry {
    /// Wait this long and try again.
    After(Duration),
    /// Back off and try again.
    Backoff,
    /// Give up.
    Fatal,
}

fn classify(e: &ChannelError) -> Retry {
    match e {
        ChannelError::Api { retry_after: Some(s), .. } => {
            Retry::After(Duration::from_secs((*s).min(MAX_RETRY_AFTER)))
        }
        ChannelError::Api { .. } | ChannelError::Transport { .. } => Retry::Backoff,
        ChannelError::Config { .. } | ChannelError::Closed => Retry::Fatal,
    }
}

impl TelegramChannel {
    /// Builds the adapter for `channels.telegram.accounts.<account_id>` (falling back to keys on
    /// `channels.telegram` itself); `channel` is the value of `channels.telegram`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
        home: &Home,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http, home)
    }

    /// Builds the adapter of one resolved account. Nothing is contacted until [`Channel::run`].
    pub fn from_account(
        account: &AccountConfig,
        http: reqwest::Client,
        home: &Home,
    ) -> Result<Self, ChannelError> {
        let s = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        let offset_path = CursorStore::new(home, NAME, &account.id, "offset").path().to_path_buf();
        Ok(TelegramChannel {
            account: account.id.clone(),
            api: Api {
                http,
                base: format!("{}/bot{}/", s.api_base, s.token),
                token: s.token,
                token_key: s.token_key,
            },
            poll_timeout: s.poll_timeout,
            offset_path,
            health: HealthCell::default(),
            bot_username: Mutex::new(None),
        })
    }

    /// The bot's `@username` once `getMe` answered (for `gateway status`).
    pub fn bot_username(&self) -> Option<String> {
        self.bot_username.lock().ok().and_then(|u| u.clone())
    }

    /// Where the committed offset is kept.
    pub fn offset_path(&self) -> &std::path::Path {
        &self.offset_path
    }

    fn read_offset(&self) -> Result<i64, ChannelError> {
        match store::read_state_file(&self.offset_path, store::CAP_SMALL) {
            Ok(Some(bytes)) => {
                let text = String::from_utf8_lossy(&bytes);
                text.trim().parse().map_err(|_| {
                    config_error(NAME, format!(
                        "{} does not hold an update offset ({:?}); delete it to receive from the oldest pending update",
                        self.offset_path.display(),
                        store::excerpt(text.trim(), 40)
                    ))
                })
            }
            Ok(None) => Ok(0),
            Err(e) => {
                Err(config_error(NAME, format!("{e}; delete it to receive from the oldest pending update")))
            }
        }
    }

    fn write_offset(&self, offset: i64) -> Result<(), ChannelError> {
        let io = |e: store::IoError| ChannelError::Transport { channel: NAME.into(), message: e.to_string() };
        if let Some(dir) = self.offset_path.parent() {
            store::create_dir_private(dir).map_err(io)?;
        }
        store::write_atomic(&self.offset_path, format!("{offset}\n").as_bytes(), PRIVATE_FILE).map_err(io)
    }

    /// After a failed call: gives up on a config error, otherwise waits (`retry_after`, or the
    /// doubling backoff) and returns `Ok(true)` to try again, `Ok(false)` when `shutdown` fired.
    async fn wait_after(
        &self,
        err: ChannelError,
        backoff: &mut Duration,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<bool, ChannelError> {
        let wait = match classify(&err) {
            Retry::Fatal => {
                self.health.set(Health::Failing { error: err.to_string() });
                return Err(err);
            }
            Retry::After(d) => d,
            Retry::Backoff => {
                let d = *backoff;
                *backoff = (*backoff * 2).min(MAX_BACKOFF);
                d
            }
        };
        self.health.set(Health::Failing { error: err.to_string() });
        tokio::select! {
            _ = tokio::time::sleep(wait) => Ok(!*shutdown.borrow()),
            _ = stopped(shutdown) => Ok(false),
        }
    }

    async fn get_me(&self) -> Result<Me, ChannelError> {
        let v = self.api.call("getMe", &json!({}), Duration::from_secs(30)).await?;
        serde_json::from_value(v).map_err(|e| self.api.transport(format!("getMe: unexpected answer: {e}")))
    }

    async fn get_updates(&self, offset: i64) -> Result<Vec<Value>, ChannelError> {
        let body = json!({"offset": offset, "timeout": self.poll_timeout, "allowed_updates": ["message"]});
        let limit = Duration::from_secs(self.poll_timeout + 15);
        match self.api.call("getUpdates", &body, limit).await? {
            Value::Array(items) => Ok(items),
            other => Err(self.api.transport(format!("getUpdates: expected a list of updates, got {other}"))),
        }
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        let mut offset = self.read_offset()?;
        let mut backoff = FIRST_BACKOFF;
        let me = loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            let result = tokio::select! {
                r = self.get_me() => r,
                _ = stopped(&mut shutdown) => return Ok(()),
            };
            match result {
                Ok(me) => {
                    if let Ok(mut u) = self.bot_username.lock() {
                        u.clone_from(&me.username);
                    }
                    // The token works and the API answers: healthy now, not only once the
                    // first long poll returns (up to pollTimeoutSeconds later on a quiet bot).
                    self.health.set(Health::Ok);
                    break me;
                }
                Err(e) => {
                    if !self.wait_after(e, &mut backoff, &mut shutdown).await? {
                        return Ok(());
                    }
                }
            }
        };
        loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            let asked = tokio::time::Instant::now();
            let result = tokio::select! {
                r = self.get_updates(offset) => r,
                _ = stopped(&mut shutdown) => return Ok(()),
            };
            let updates = match result {
                Ok(u) => u,
                Err(e) => {
                    if !self.wait_after(e, &mut backoff, &mut shutdown).await? {
                        return Ok(());
                    }
                    continue;
                }
            };
            backoff = FIRST_BACKOFF;
            self.health.set(Health::Ok);
            if updates.is_empty() {
                tokio::select! {
                    _ = tokio::time::sleep_until(asked + EMPTY_POLL_FLOOR) => {}
                    _ = stopped(&mut shutdown) => return Ok(()),
                }
                continue;
            }
            let mut acked = offset;
            let mut outcome = Ok(());
            for update in &updates {
                let Some(update_id) = update.get("update_id").and_then(Value::as_i64) else { continue };
                if update_id < acked {
                    continue;
                }
                if let Some(msg) = to_inbound(&self.account, &me, update_id, update) {
                    let delivered = tokio::select! {
                        // An ack that is already there wins over a shutdown that is too.
                        biased;
                        r = inbox.deliver(msg) => r,
                        _ = stopped(&mut shutdown) => Err(ChannelError::Closed),
                    };
                    if let Err(e) = delivered {
                        outcome = Err(e);
                        break;
                    }
                }
                acked = update_id + 1;
            }
            if acked != offset {
                offset = acked;
                self.write_offset(offset)?;
            }
            match outcome {
                Ok(()) => {}
                // The gateway stops taking messages: stop quietly; the rest comes again next time.
                Err(ChannelError::Closed) => return Ok(()),
                Err(e) => {
                    self.health.set(Health::Failing { error: e.to_string() });
                    return Err(e);
                }
            }
        }
    }
}

/// Telegram ids are integers; a chat may also be `@channelusername`.
fn chat_id(id: &str) -> Value {
    id.parse::<i64>().map_or_else(|_| Value::from(id), Value::from)
}

fn thread_id(chat: &ChatRef) -> Option<i64> {
    chat.thread.as_deref().and_then(|t| t.parse().ok())
}

impl Channel for TelegramChannel {
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
            let mut body = json!({"chat_id": chat_id(&part.chat.id), "text": part.text});
            if let Some(t) = thread_id(part.chat) {
                body["message_thread_id"] = t.into();
            }
            if let Some(m) = part.reply_to.and_then(|m| m.parse::<i64>().ok()) {
                body["reply_parameters"] = json!({"message_id": m, "allow_sending_without_reply": true});
            }
            let sent = self.api.call("sendMessage", &body, Duration::from_secs(30)).await?;
            Ok(sent.get("message_id").map(|id| id.to_string()).unwrap_or_default())
        })
    }

    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let mut body = json!({"chat_id": chat_id(&chat.id), "action": "typing"});
            if let Some(t) = thread_id(chat) {
                body["message_thread_id"] = t.into();
            }
            let _ = self.api.call("sendChatAction", &body, Duration::from_secs(10)).await;
        })
    }

    fn health(&self) -> Health {
        self.health.get()
    }
}

/// Maps one update to a message; `None` for updates without text (stickers, joins, …), which are
/// acknowledged and skipped.
fn to_inbound(account: &str, me: &Me, update_id: i64, update: &Value) -> Option<InboundMessage> {
    let m = update.get("message")?;
    let text = m.get("text").or_else(|| m.get("caption")).and_then(Value::as_str)?;
    let chat = m.get("chat")?;
    let chat_id = chat.get("id").and_then(Value::as_i64)?;
    let kind = match chat.get("type").and_then(Value::as_str)? {
        "private" => ChatKind::Direct,
        "group" | "supergroup" => ChatKind::Group,
        "channel" => ChatKind::Channel,
        _ => return None,
    };
    let from = m.get("from");
    let sender = match from {
        Some(f) => {
            let first = f.get("first_name").and_then(Value::as_str).unwrap_or_default();
            let last = f.get("last_name").and_then(Value::as_str).unwrap_or_default();
            let name = format!("{first} {last}").trim().to_string();
            Sender {
                id: f.get("id").and_then(Value::as_i64).map(|i| i.to_string()).unwrap_or_default(),
                name: (!name.is_empty()).then_some(name),
                username: f.get("username").and_then(Value::as_str).map(str::to_string),
            }
        }
        // Channel posts have no sender; the chat speaks.
        None => Sender {
            id: chat_id.to_string(),
            name: chat.get("title").and_then(Value::as_str).map(str::to_string),
            username: chat.get("username").and_then(Value::as_str).map(str::to_string),
        },
    };
    let thread = m
        .get("message_thread_id")
        .filter(|_| m.get("is_topic_message").and_then(Value::as_bool) == Some(true))
        .and_then(Value::as_i64)
        .map(|t| t.to_string());
    let reply_to_bot =
        m.pointer("/reply_to_message/from/id").and_then(Value::as_i64).is_some_and(|id| id == me.id);
    let (stripped, mentioned) = match me.username.as_deref() {
        Some(u) if !u.is_empty() => strip_mention(text, u),
        _ => (text.to_string(), false),
    };
    Some(InboundMessage {
        id: format!("telegram:{account}:{update_id}"),
        channel: NAME.into(),
        account_id: account.into(),
        chat: ChatRef { id: chat_id.to_string(), kind, thread },
        sender,
        text: stripped,
        addressed: kind == ChatKind::Direct || mentioned || reply_to_bot,
        message_id: m.get("message_id").and_then(Value::as_i64).map(|i| i.to_string()),
    })
}

/// Removes every `@<bot>` (any case, not followed by a name character) from `text`, which also
/// covers `/command@bot`; says whether there was one.
fn strip_mention(text: &str, bot: &str) -> (String, bool) {
    let needle = format!("@{}", bot.to_ascii_lowercase());
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    let mut i = 0;
    // ASCII lowercasing keeps byte offsets, so positions in `lower` are positions in `text`.
    while let Some(pos) = lower[i..].find(&needle) {
        let start = i + pos;
        let end = start + needle.len();
        let next_is_name = lower[end..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        out.push_str(&text[i..start]);
        if next_is_name {
            out.push_str(&text[start..end]);
        } else {
            found = true;
        }
        i = end;
    }
    out.push_str(&text[i..]);
    if !found {
        return (text.to_string(), false);
    }
    // "hey @bot, what" → "hey, what"; "@bot hi" → "hi".
    let tidy = out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").replace(" ,", ",");
    (tidy.trim().to_string(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_mentions() {
        assert_eq!(strip_mention("@MyBot hello", "mybot"), ("hello".into(), true));
        assert_eq!(strip_mention("hey @mybot, what now", "MyBot"), ("hey, what now".into(), true));
        assert_eq!(strip_mention("/start@mybot", "mybot"), ("/start".into(), true));
        assert_eq!(strip_mention("ask @mybot_fan", "mybot"), ("ask @mybot_fan".into(), false));
        assert_eq!(strip_mention("no mention here", "mybot"), ("no mention here".into(), false));
        assert_eq!(strip_mention("ünï @mybot ✓", "mybot"), ("ünï ✓".into(), true));
    }

    proptest::proptest! {
        #[test]
        fn mentions_are_found_and_removed(a in "[a-zé🎉 ,.]{0,20}", b in "[a-zé🎉 ,.?]{0,20}") {
            let (plain, found) = strip_mention(&format!("{a}{b}"), "claw_bot");
            proptest::prop_assert!(!found);
            proptest::prop_assert_eq!(plain, format!("{a}{b}"));
            let (text, found) = strip_mention(&format!("{a} @Claw_Bot {b}"), "claw_bot");
            proptest::prop_assert!(found);
            proptest::prop_assert!(!text.to_lowercase().contains("@claw_bot"), "{}", text);
            let words = |t: &str| t.split([' ', ',']).filter(|w| !w.is_empty()).map(str::to_string).collect::<Vec<_>>();
            proptest::prop_assert_eq!(words(&text), words(&format!("{a} {b}")));
        }
    }

    #[test]
    fn settings_errors_name_the_key() {
        let home = Home::new("/nonexistent");
        let http = crate::provider::http_client(&Default::default()).unwrap();
        let err = |v: Value| {
            TelegramChannel::from_config("default", &v, http.clone(), &home).err().unwrap().to_string()
        };
        assert_eq!(err(json!({})), "telegram: channels.telegram.accounts.default.botToken is not set");
        assert_eq!(
            err(json!({"accounts": {"default": {"botToken": "1:a", "apiBase": "ftp://x"}}})),
            "telegram: channels.telegram.accounts.default.apiBase is not an http(s) URL: \"ftp://x\""
        );
        assert_eq!(
            err(json!({"botToken": "1:a", "pollTimeoutSeconds": "5"})),
            "telegram: channels.telegram.pollTimeoutSeconds must be a whole number of seconds from 0 to 50"
        );
        let secret = "123:se/cret";
        assert!(!err(json!({"botToken": secret})).contains(secret));
        let ok =
            TelegramChannel::from_config("x", &json!({"botToken": "42:tok"}), http.clone(), &home).unwrap();
        assert_eq!(
            format!("{ok:?}"),
            "TelegramChannel { account: \"x\", api: \"https://api.telegram.org/bot<redacted>/\", poll_timeout: 25, .. }"
        );
        assert_eq!(
            err(json!({"botToken": "${TELEGRAM_BOT_TOKEN}"})),
            "telegram: channels.telegram.botToken is not set: the environment variable in ${TELEGRAM_BOT_TOKEN} is unset"
        );
    }

    #[test]
    fn maps_updates() {
        let me = Me { id: 99, username: Some("mybot".into()) };
        let dm = json!({"update_id": 7, "message": {"message_id": 3, "text": "hi",
            "from": {"id": 42, "first_name": "Ann", "last_name": "Lee", "username": "ann"},
            "chat": {"id": 42, "type": "private"}}});
        let m = to_inbound("default", &me, 7, &dm).unwrap();
        assert_eq!(m.id, "telegram:default:7");
        assert_eq!(m.chat, ChatRef { id: "42".into(), kind: ChatKind::Direct, thread: None });
        assert_eq!(m.sender.name.as_deref(), Some("Ann Lee"));
        assert!(m.addressed);
        let topic_reply = json!({"update_id": 8, "message": {"message_id": 4, "text": "sure",
            "message_thread_id": 12, "is_topic_message": true,
            "reply_to_message": {"message_id": 2, "from": {"id": 99}},
            "from": {"id": 42}, "chat": {"id": -100, "type": "supergroup"}}});
        let m = to_inbound("default", &me, 8, &topic_reply).unwrap();
        assert_eq!(m.chat, ChatRef { id: "-100".into(), kind: ChatKind::Group, thread: Some("12".into()) });
        assert!(m.addressed);
        let sticker =
            json!({"update_id": 9, "message": {"message_id": 5, "chat": {"id": 1, "type": "private"}}});
        assert!(to_inbound("default", &me, 9, &sticker).is_none());
    }
}
