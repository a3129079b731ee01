//! The iMessage adapter, through a BlueBubbles server on the user's Mac: BlueBubbles' webhooks
//! (`/hooks/imessage/<account>`) and a catch-up query for what arrives, its REST API for what
//! goes.
//!
//! The webhook: BlueBubbles signs nothing, so the URL registered in BlueBubbles carries a shared
//! secret, `?password=<webhookSecret>` (the server `password` when no `webhookSecret` is set),
//! compared in constant time before the body is parsed; anything else is a 401 and nothing is
//! journaled. `new-message` events are journaled (under `imessage:<account>:<guid>`) before the
//! 200; `updated-message` (delivered, read, edited), typing and chat events, tapbacks
//! (`associatedMessageGuid`) and our own messages (`isFromMe`) are ignored. A webhook message
//! older than `maxAgeMinutes` (default 10) is dropped: BlueBubbles replays old webhooks after its
//! own restarts (OpenClaw #12053), and what is really missing comes through the catch-up.
//!
//! The catch-up: BlueBubbles does not retry a webhook that failed (a gateway down or restarting
//! loses it, OpenClaw #66721), so at start and every `catchUpSeconds` (default 60) the adapter
//! asks `POST /api/v1/message/query {after, sort: "ASC"}` for everything since its cursor, the
//! newest `dateCreated` it journaled (`credentials/imessage.<account>.cursor.json`, written after
//! the journal took the messages). The journal drops what the webhook brought already. A first
//! start begins at the current time: old history is not answered.
//!
//! Sending: `POST /api/v1/message/text {chatGuid, tempGuid, message, method}` in parts of at
//! most 4,000 characters. The `tempGuid` is derived from the outbox nonce, so it is the same for
//! a retried part: BlueBubbles refuses a second request with a `tempGuid` still in its send queue,
//! which the adapter takes as "already being sent" instead of sending twice. (Once the first send
//! finished BlueBubbles forgets the `tempGuid`: a gateway killed between a finished send and its
//! record can repeat one part, as on WhatsApp.) A rejected password (401) stops the account with
//! a health error naming the key.
//!
//! Targets: chats by their guid. `iMessage;-;<address>` is a DM (session key by the sender's
//! address), `iMessage;+;chat<digits>` a group (`imessage:channel:<guid>`); `send --to +1555…`
//! means the DM with that address. Groups have no structured mentions without the Private API:
//! a group message addresses the bot when it matches one of `mentionPatterns`.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::watch;

use super::cursor::CursorStore;
use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::webhook::{self, Hook, HookRequest, Stop};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Sender, Unit, config_error, stopped, transport_error,
};
use crate::home::Home;
use crate::net::error_chain;

/// Channel name in the config and in messages.
pub const NAME: &str = "imessage";
/// Our part size (iMessage documents no limit; OpenClaw's default).
pub const MAX_MESSAGE_LEN: usize = 4000;
/// Messages per catch-up page.
const PAGE: usize = 100;
/// Pages per catch-up round (the rest comes in the next round).
const MAX_PAGES: usize = 50;

/// The iMessage kind.
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: MAX_MESSAGE_LEN, unit: Unit::Chars, min_interval: Duration::from_millis(250) },
    token_key: "serverUrl",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(IMessageChannel::from_account(account, cx.http.clone(), &cx.home)?) as Arc<dyn Channel>)
    },
};

/// A chat guid (`iMessage;+;chat…` is a group), or an address (phone or e-mail) for a DM.
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    let to = to.strip_prefix("chat:").unwrap_or(to);
    let kind = if to.contains(";+;") { ChatKind::Group } else { ChatKind::Direct };
    ChatRef { id: to.to_string(), kind, thread: None }
}

/// The chat guid to send to: a guid as it is, an address as its iMessage DM.
fn chat_guid(chat: &ChatRef) -> String {
    if chat.id.contains(';') { chat.id.clone() } else { format!("iMessage;-;{}", chat.id) }
}

/// An account's settings, typed: `serverUrl` and `password` (required), `webhookSecret`
/// (default: the password), `mentionPatterns`, `catchUpSeconds` (default 60), `maxAgeMinutes`
/// (default 10), `privateApi` (default false: send with AppleScript, no typing indicator, no
/// threaded replies).
#[derive(Clone)]
struct Settings {
    server_url: String,
    password: String,
    password_key: String,
    webhook_secret: String,
    mention_patterns: Vec<String>,
    catch_up: Duration,
    max_age_ms: i64,
    private_api: bool,
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        if a.string("serverUrl")?.is_none() {
            return Err(a.error(
                "serverUrl",
                "is not set (the BlueBubbles server's address, e.g. http://mac.local:1234)",
            ));
        }
        let password = a.secret("password")?;
        let webhook_secret = match a.get("webhookSecret") {
            None | Some(Value::Null) => password.clone(),
            Some(_) => a.secret("webhookSecret")?,
        };
        Ok(Settings {
            server_url: a.url("serverUrl", &["http", "https"], "")?,
            password,
            password_key: a.dotted("password"),
            webhook_secret,
            mention_patterns: super::whatsapp::patterns(a)?,
            catch_up: Duration::from_secs(a.number("catchUpSeconds", 1..=86_400, "seconds", 60)?),
            max_age_ms: a.number("maxAgeMinutes", 1..=10_080, "minutes", 10)? as i64 * 60_000,
            private_api: a.flag("privateApi", false)?,
        })
    }
}

/// The catch-up position: the newest `dateCreated` (ms) journaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Cursor {
    after: i64,
}

/// One BlueBubbles server.
pub struct IMessageChannel {
    account: String,
    settings: Settings,
    http: reqwest::Client,
    cursor: CursorStore,
    health: HealthCell,
    stop: Stop,
}

impl std::fmt::Debug for IMessageChannel {
    /// Without the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IMessageChannel")
            .field("account", &self.account)
            .field("server_url", &self.settings.server_url)
            .finish_non_exhaustive()
    }
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

impl IMessageChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs or sends.
    pub fn from_account(
        account: &AccountConfig,
        http: reqwest::Client,
        home: &Home,
    ) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(IMessageChannel {
            account: account.id.clone(),
            settings,
            http,
            cursor: CursorStore::new(home, NAME, &account.id, "cursor.json"),
            health: HealthCell::default(),
            stop: Stop::default(),
        })
    }

    /// Builds the adapter for `channels.imessage.accounts.<account_id>`; `channel` is the value
    /// of `channels.imessage`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
        home: &Home,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http, home)
    }

    fn redact(&self, text: &str) -> String {
        webhook::redact(text, &[&self.settings.password, &self.settings.webhook_secret])
    }

    /// One REST call (`path` under `/api/v1`), the password in the query as BlueBubbles wants it.
    async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ChannelError> {
        if let Some(e) = self.stop.error() {
            return Err(config_error(NAME, e));
        }
        let what = format!("{method} /api/v1/{path}");
        let mut url = reqwest::Url::parse(&format!("{}/api/v1/{path}", self.settings.server_url))
            .map_err(|e| config_error(NAME, format!("{what}: {e}")))?;
        url.query_pairs_mut().append_pair("password", &self.settings.password);
        let mut req = self.http.request(method, url).timeout(Duration::from_secs(60));
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| {
            transport_error(NAME, self.redact(&format!("{what} failed: {}", error_chain(&e.without_url()))))
        })?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| {
            transport_error(NAME, format!("{what}: reading the answer: {}", error_chain(&e.without_url())))
        })?;
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(value);
        }
        let said = value
            .pointer("/error/error")
            .or_else(|| value.pointer("/error/message"))
            .or_else(|| value.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("no message");
        let said = self.redact(said);
        match status.as_u16() {
            401 | 403 => {
                let e = format!(
                    "{} was rejected by the BlueBubbles server at {} ({} {said}); set the server password from the BlueBubbles app",
                    self.settings.password_key,
                    self.settings.server_url,
                    status.as_u16()
                );
                self.stop.stop(&e);
                self.health.set(Health::Failing { error: format!("{NAME}: {e}") });
                Err(config_error(NAME, e))
            }
            s if status.is_server_error() || s == 408 => {
                Err(transport_error(NAME, format!("{what}: BlueBubbles answered {status} ({said})")))
            }
            s => Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!("{what}: {s} {said}"),
                retry_after: None,
            }),
        }
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        // The password is checked at start: a wrong one shows in `channel ls` before any message.
        self.api(reqwest::Method::GET, "server/info", None).await?;
        let mut cursor = match self.cursor.load::<Cursor>()? {
            Some(c) => c,
            None => {
                let c = Cursor { after: now_ms() };
                self.cursor.save(&c)?;
                c
            }
        };
        loop {
            self.catch_up(&inbox, &mut cursor).await?;
            self.health.set(Health::Ok);
            tokio::select! {
                _ = tokio::time::sleep(self.settings.catch_up) => {}
                _ = stopped(&mut shutdown) => return Ok(()),
                e = self.stop.stopped() => return Err(config_error(NAME, e)),
            }
        }
    }

    /// Journals everything BlueBubbles has since `cursor`, oldest first, moving the cursor after
    /// each page the journal took.
    async fn catch_up(&self, inbox: &Inbox, cursor: &mut Cursor) -> Result<(), ChannelError> {
        for page in 0..MAX_PAGES {
            let body = json!({
                // Inclusive: a message in the cursor's millisecond comes again and is dropped
                // as a repeat, instead of being missed.
                "after": cursor.after,
                "sort": "ASC",
                "with": ["chat", "chat.participants", "attachment"],
                "limit": PAGE,
                "offset": page * PAGE,
            });
            let answer = self.api(reqwest::Method::POST, "message/query", Some(&body)).await?;
            let messages = answer.get("data").and_then(Value::as_array).cloned().unwrap_or_default();
            let mut newest = cursor.after;
            for m in &messages {
                newest = newest.max(m.get("dateCreated").and_then(Value::as_i64).unwrap_or(0));
                if let Some(msg) = self.to_inbound(m, None) {
                    inbox.deliver(msg).await?;
                }
            }
            if newest > cursor.after {
                // Paging goes on from the same `after`: the offsets stay valid.
                self.cursor.save(&Cursor { after: newest })?;
            }
            if messages.len() < PAGE {
                cursor.after = newest;
                return Ok(());
            }
        }
        Ok(())
    }

    /// Maps one BlueBubbles message; `None` for what is not for the agent. `now` is set for a
    /// webhook message, which is dropped when older than `maxAgeMinutes`.
    fn to_inbound(&self, m: &Value, now: Option<i64>) -> Option<InboundMessage> {
        let guid = m.get("guid")?.as_str()?;
        if m.get("isFromMe").and_then(Value::as_bool) == Some(true) {
            return None;
        }
        // Tapbacks and other reactions point at the message they react to.
        let associated = |k: &str| m.get(k).is_some_and(|v| !v.is_null() && v != "" && v != 0);
        if associated("associatedMessageGuid") || associated("associatedMessageType") {
            return None;
        }
        // Group events (renames, joins) are not messages.
        if m.get("itemType").and_then(Value::as_i64).unwrap_or(0) != 0 {
            return None;
        }
        if let (Some(now), Some(created)) = (now, m.get("dateCreated").and_then(Value::as_i64))
            && now - created > self.settings.max_age_ms
        {
            return None;
        }
        let text = m.get("text").and_then(Value::as_str).unwrap_or_default().replace('\u{fffc}', "");
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let address = m.pointer("/handle/address").and_then(Value::as_str)?;
        let chat = m.pointer("/chats/0/guid").and_then(Value::as_str).map(str::to_string);
        let chat = chat.unwrap_or_else(|| format!("iMessage;-;{address}"));
        let group = chat.contains(";+;");
        Some(InboundMessage {
            id: format!("{NAME}:{}:{guid}", self.account),
            channel: NAME.into(),
            account_id: self.account.clone(),
            chat: ChatRef {
                id: chat,
                kind: if group { ChatKind::Group } else { ChatKind::Direct },
                thread: None,
            },
            sender: Sender { id: address.to_string(), name: None, username: None },
            text: text.to_string(),
            addressed: !group || webhook::mentions(text, &self.settings.mention_patterns),
            message_id: Some(guid.to_string()),
        })
    }
}

impl Channel for IMessageChannel {
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
            let temp_guid = format!("openclaw-{}", part.nonce);
            let mut body = json!({
                "chatGuid": chat_guid(part.chat),
                "tempGuid": temp_guid,
                "message": part.text,
                "method": if self.settings.private_api { "private-api" } else { "apple-script" },
            });
            if let (true, Some(m)) = (self.settings.private_api, part.reply_to) {
                body["selectedMessageGuid"] = json!(m);
                body["partIndex"] = json!(0);
            }
            match self.api(reqwest::Method::POST, "message/text", Some(&body)).await {
                Ok(sent) => {
                    Ok(sent.pointer("/data/guid").and_then(Value::as_str).unwrap_or(&temp_guid).to_string())
                }
                // The same part is still in BlueBubbles' send queue (an earlier try timed out
                // here but goes on there): it is being sent; sending it again would double it.
                Err(ChannelError::Api { message, .. }) if message.contains("already queued") => Ok(temp_guid),
                Err(e) => Err(e),
            }
        })
    }

    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            // Typing needs BlueBubbles' Private API helper.
            if self.settings.private_api {
                let guid = chat_guid(chat);
                let path = format!("chat/{}/typing", urlencode(&guid));
                let _ = self.api(reqwest::Method::POST, &path, None).await;
            }
        })
    }

    fn health(&self) -> Health {
        self.health.get()
    }

    fn webhook(&self, req: &HookRequest) -> Option<Hook> {
        if req.method != "POST" {
            return Some(Hook::answer(405, "POST only\n"));
        }
        let given = req.param("password").or_else(|| req.param("guid")).or_else(|| req.param("token"));
        if !given.is_some_and(|g| webhook::secret_matches(g, &self.settings.webhook_secret)) {
            let why = if given.is_none() { "no ?password= in the URL" } else { "a wrong ?password=" };
            return Some(Hook::answer(401, format!("refused: {why}\n")));
        }
        let Ok(event) = serde_json::from_slice::<Value>(&req.body) else {
            return Some(Hook::answer(400, "not a BlueBubbles event (not JSON)\n"));
        };
        if event.get("type").and_then(Value::as_str) != Some("new-message") {
            return Some(Hook::accept(Vec::new()));
        }
        let Some(data) = event.get("data") else { return Some(Hook::accept(Vec::new())) };
        let messages = self.to_inbound(data, Some(now_ms())).into_iter().collect();
        Some(Hook::accept(messages))
    }
}

/// A chat guid as one path segment (`;` and `+` kept, as BlueBubbles' own clients send them).
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b';' | b'+' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(v: Value) -> IMessageChannel {
        let dir = std::env::temp_dir();
        let http = crate::net::channel_client().unwrap();
        IMessageChannel::from_config("mac", &v, http, &Home::new(&dir)).unwrap()
    }

    #[test]
    fn targets_and_guids() {
        assert_eq!(target("+15551234567").kind, ChatKind::Direct);
        assert_eq!(chat_guid(&target("+15551234567")), "iMessage;-;+15551234567");
        assert_eq!(target("chat:iMessage;+;chat123").kind, ChatKind::Group);
        assert_eq!(chat_guid(&target("iMessage;+;chat123")), "iMessage;+;chat123");
        assert_eq!(urlencode("iMessage;+;chat 1"), "iMessage;+;chat%201");
    }

    #[test]
    fn tapbacks_own_messages_and_stale_replays_are_not_messages() {
        let ch = channel(
            json!({"serverUrl": "http://127.0.0.1:1", "password": "pw", "mentionPatterns": ["claw"]}),
        );
        let now = 1_800_000_000_000i64;
        let m = |extra: Value| {
            let mut v = json!({"guid": "g1", "text": "hi", "isFromMe": false, "dateCreated": now - 1000,
                "handle": {"address": "+15550001"}, "chats": [{"guid": "iMessage;-;+15550001"}],
                "associatedMessageGuid": null, "associatedMessageType": null, "itemType": 0});
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            v
        };
        let dm = ch.to_inbound(&m(json!({})), Some(now)).unwrap();
        assert_eq!(
            (dm.chat.kind, dm.sender.id.as_str(), dm.addressed),
            (ChatKind::Direct, "+15550001", true)
        );
        assert!(ch.to_inbound(&m(json!({"isFromMe": true})), Some(now)).is_none());
        assert!(
            ch.to_inbound(
                &m(json!({"associatedMessageGuid": "p:0/g0", "associatedMessageType": "love"})),
                Some(now)
            )
            .is_none()
        );
        assert!(
            ch.to_inbound(&m(json!({"dateCreated": now - 3_600_000})), Some(now)).is_none(),
            "a stale webhook"
        );
        assert!(
            ch.to_inbound(&m(json!({"dateCreated": now - 3_600_000})), None).is_some(),
            "the same from the catch-up"
        );
        let group = json!({"chats": [{"guid": "iMessage;+;chat99"}]});
        assert!(!ch.to_inbound(&m(group.clone()), Some(now)).unwrap().addressed);
        let mut called = m(group);
        called["text"] = json!("Claw, what time is it?");
        assert!(ch.to_inbound(&called, Some(now)).unwrap().addressed);
    }
}
