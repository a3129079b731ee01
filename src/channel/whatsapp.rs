//! The WhatsApp adapter: the Business Cloud API. What arrives comes as a signed webhook on the
//! gateway (`/hooks/whatsapp/<phoneNumberId>`); what goes is `POST /<phoneNumberId>/messages` on
//! the Graph API.
//!
//! The webhook ([`super::webhook`] does the journaling): `GET` is Meta's verification handshake
//! (`hub.mode=subscribe`, `hub.verify_token` compared in constant time with `verifyToken`, the
//! `hub.challenge` echoed); a `POST` must carry `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the
//! raw body under appSecret>`, checked in constant time before the body is parsed. A missing or
//! wrong signature is a 401 and nothing is journaled. Every text message of the POST is
//! journaled before the 200, under `whatsapp:<account>:<wamid>`, so Meta's redeliveries are
//! dropped as repeats. Statuses are read for one thing: a `failed` status of a message this
//! process sent (131047, outside the 24-hour window, arrives that way) becomes a dead letter
//! with Meta's reason.
//!
//! Running the account: `GET /<phoneNumberId>` checks the token at start (and learns the display
//! number, for mentions). Error 190 (a token rejected or expired) stops the account with a
//! health error naming the key, at start or at any send, instead of retrying.
//!
//! Sending: `text.body` parts of at most 4,000 characters, the first one threaded to the message
//! it answers (`context.message_id`). 131047 becomes a dead letter with that reason; 131056
//! (pair rate) and 130429 (throughput) are retried after a wait. Meta has no idempotency key: a
//! crash between a send and its record can repeat one part (channels.md §0).
//!
//! Targets: a DM is the user's `wa_id` (`whatsapp:peer:<wa_id>`); a group (Groups API) is
//! `group:<group_id>`. There is no structured mention of a business number: a group message
//! addresses the bot when it replies to one of its messages, holds `@<display number>`, or
//! matches one of `mentionPatterns`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::watch;

use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::webhook::{self, Hook, HookRequest, Stop};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Sender, Unit, config_error, deadletter, lock, stopped, transport_error,
};
use crate::home::Home;
use crate::net::error_chain;

/// Channel name in the config and in messages.
pub const NAME: &str = "whatsapp";
/// Our part size: Meta takes 4,096 characters of `text.body`.
pub const MAX_MESSAGE_LEN: usize = 4000;
const DEFAULT_API_BASE: &str = "https://graph.facebook.com/v23.0";
/// Sent parts remembered to turn a later `failed` status into a dead letter.
const REMEMBERED: usize = 1000;

/// The WhatsApp kind.
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: MAX_MESSAGE_LEN, unit: Unit::Chars, min_interval: Duration::from_millis(100) },
    token_key: "accessToken",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(WhatsAppChannel::from_account(account, cx.http.clone(), &cx.home)?) as Arc<dyn Channel>)
    },
};

/// `group:<id>` is a group; anything else is a phone number (`+` and spaces dropped).
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    if let Some(g) = to.strip_prefix("group:") {
        return ChatRef { id: g.trim().to_string(), kind: ChatKind::Group, thread: None };
    }
    let number: String =
        to.strip_prefix("peer:").unwrap_or(to).chars().filter(|c| !matches!(c, '+' | ' ' | '-')).collect();
    ChatRef { id: number, kind: ChatKind::Direct, thread: None }
}

/// An account's settings, typed: `accessToken`, `appSecret`, `verifyToken` (all required),
/// `phoneNumberId` (default: the account id), `apiBase` (default Graph v23.0),
/// `mentionPatterns` (default none).
#[derive(Clone)]
struct Settings {
    access_token: String,
    token_key: String,
    app_secret: String,
    verify_token: String,
    phone_number_id: String,
    api_base: String,
    mention_patterns: Vec<String>,
}

/// `mentionPatterns`: a list of strings.
pub(crate) fn patterns(a: &AccountConfig) -> Result<Vec<String>, SettingError> {
    match a.get("mentionPatterns") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| a.error("mentionPatterns", "must be a list of strings")),
        Some(_) => Err(a.error("mentionPatterns", "must be a list of strings")),
    }
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        let phone_number_id = a.string("phoneNumberId")?.unwrap_or(&a.id).trim().to_string();
        if phone_number_id.is_empty() || !phone_number_id.chars().all(|c| c.is_ascii_digit()) {
            return Err(a.error(
                "phoneNumberId",
                format_args!(
                    "must be the phone number ID from the WhatsApp Manager (digits), not {phone_number_id:?}; name the account by it or set phoneNumberId"
                ),
            ));
        }
        let access_token = a.secret("accessToken")?;
        if access_token.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return Err(
                a.error("accessToken", "is not an access token (it holds a space or a control character)")
            );
        }
        Ok(Settings {
            access_token,
            token_key: a.dotted("accessToken"),
            app_secret: a.secret("appSecret")?,
            verify_token: a.secret("verifyToken")?,
            phone_number_id,
            api_base: a.url("apiBase", &["http", "https"], DEFAULT_API_BASE)?,
            mention_patterns: patterns(a)?,
        })
    }
}

/// A part this process sent, kept to explain a later `failed` status.
#[derive(Debug, Clone)]
struct SentPart {
    chat: ChatRef,
    text: String,
}

/// One WhatsApp Business phone number.
pub struct WhatsAppChannel {
    account: String,
    settings: Settings,
    http: reqwest::Client,
    home: Home,
    health: HealthCell,
    stop: Stop,
    /// Our display number, digits only (from `GET /<id>` or a webhook's metadata).
    display: Mutex<Option<String>>,
    /// Chat id → (last inbound wamid, when typing was last shown).
    last_inbound: Mutex<HashMap<String, (String, Option<Instant>)>>,
    /// wamid → the part, newest last, at most [`REMEMBERED`].
    sent: Mutex<indexmap::IndexMap<String, SentPart>>,
}

impl std::fmt::Debug for WhatsAppChannel {
    /// Without the secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WhatsAppChannel")
            .field("account", &self.account)
            .field("api_base", &self.settings.api_base)
            .finish_non_exhaustive()
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

impl WhatsAppChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs or sends.
    pub fn from_account(
        account: &AccountConfig,
        http: reqwest::Client,
        home: &Home,
    ) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(WhatsAppChannel {
            account: account.id.clone(),
            settings,
            http,
            home: home.clone(),
            health: HealthCell::default(),
            stop: Stop::default(),
            display: Mutex::new(None),
            last_inbound: Mutex::default(),
            sent: Mutex::default(),
        })
    }

    /// Builds the adapter for `channels.whatsapp.accounts.<account_id>`; `channel` is the value
    /// of `channels.whatsapp`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
        home: &Home,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http, home)
    }

    fn redact(&self, text: &str) -> String {
        webhook::redact(text, &[&self.settings.access_token, &self.settings.app_secret])
    }

    /// One Graph API call; Meta's error codes turned into the platform's retry policy.
    async fn graph(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ChannelError> {
        if let Some(e) = self.stop.error() {
            return Err(config_error(NAME, e));
        }
        let what = format!("{method} /{path}");
        let mut req = self
            .http
            .request(method, format!("{}/{path}", self.settings.api_base))
            .timeout(Duration::from_secs(30))
            .bearer_auth(&self.settings.access_token);
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
        let err = value.get("error").cloned().unwrap_or(Value::Null);
        let code = err.get("code").and_then(Value::as_u64);
        let message = self.redact(err.get("message").and_then(Value::as_str).unwrap_or("no message"));
        let detail = err
            .pointer("/error_data/details")
            .and_then(Value::as_str)
            .map(|d| format!(" ({})", self.redact(d)));
        let detail = detail.unwrap_or_default();
        match code {
            Some(190) => {
                let e = format!(
                    "{} was rejected by Meta (error 190: {message}); create a permanent System User token in Business Manager (the dashboard's temporary tokens expire)",
                    self.settings.token_key
                );
                self.stop.stop(&e);
                self.health.set(Health::Failing { error: format!("{NAME}: {e}") });
                Err(config_error(NAME, e))
            }
            Some(131047) => Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!(
                    "outside the 24-hour customer-service window (error 131047: {message}){detail}; WhatsApp takes only template messages until the user writes again"
                ),
                retry_after: None,
            }),
            Some(c @ (131056 | 130429 | 80007 | 4)) => Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!("{what}: rate limited (error {c}: {message})"),
                retry_after: Some(if c == 131056 { 6 } else { 30 }),
            }),
            _ if status.is_server_error() || matches!(code, Some(1 | 2 | 131000)) => {
                Err(transport_error(NAME, format!("{what}: Meta answered {status} ({message})")))
            }
            _ => Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!(
                    "{what}: {} {message}{detail}{}",
                    status.as_u16(),
                    code.map(|c| format!(" (error {c})")).unwrap_or_default()
                ),
                retry_after: None,
            }),
        }
    }

    async fn run_loop(&self, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        // The token is checked at start: a wrong one shows in `channel ls` before any message.
        let me = self
            .graph(
                reqwest::Method::GET,
                &format!("{}?fields=display_phone_number,verified_name", self.settings.phone_number_id),
                None,
            )
            .await?;
        if let Some(d) = me.get("display_phone_number").and_then(Value::as_str) {
            *lock(&self.display) = Some(digits(d));
        }
        self.health.set(Health::Ok);
        tokio::select! {
            _ = stopped(&mut shutdown) => Ok(()),
            e = self.stop.stopped() => Err(config_error(NAME, e)),
        }
    }

    /// Meta's verification handshake.
    fn handshake(&self, req: &HookRequest) -> Hook {
        let token = req.param("hub.verify_token").unwrap_or_default();
        match (req.param("hub.mode"), req.param("hub.challenge")) {
            (Some("subscribe"), Some(challenge))
                if webhook::secret_matches(token, &self.settings.verify_token) =>
            {
                Hook::answer(200, challenge)
            }
            _ => Hook::answer(403, "verification failed: hub.mode or hub.verify_token is wrong\n"),
        }
    }

    /// A signed POST: its messages, and dead letters for failed statuses of our sends.
    fn notification(&self, req: &HookRequest) -> Hook {
        let signature = req.header("x-hub-signature-256");
        if !webhook::hmac_sha256_matches(&self.settings.app_secret, &req.body, signature) {
            let why =
                if signature.is_none() { "no X-Hub-Signature-256" } else { "a wrong X-Hub-Signature-256" };
            return Hook::answer(401, format!("refused: {why}\n"));
        }
        let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
            // Signed by Meta but unreadable: a 200, or Meta would send it again for days.
            return Hook::accept(Vec::new()).noting("a signed notification that is not JSON; ignored");
        };
        let mut messages = Vec::new();
        let mut notes = Vec::new();
        for value in body
            .get("entry")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|e| e.get("changes").and_then(Value::as_array).into_iter().flatten())
            .filter(|c| c.get("field").and_then(Value::as_str) == Some("messages"))
            .filter_map(|c| c.get("value"))
        {
            let pnid = value.pointer("/metadata/phone_number_id").and_then(Value::as_str);
            if pnid.is_some_and(|p| p != self.settings.phone_number_id) {
                continue;
            }
            if let Some(d) = value.pointer("/metadata/display_phone_number").and_then(Value::as_str) {
                *lock(&self.display) = Some(digits(d));
            }
            let names: HashMap<&str, &str> = value
                .get("contacts")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| Some((c.get("wa_id")?.as_str()?, c.pointer("/profile/name")?.as_str()?)))
                .collect();
            for m in value.get("messages").and_then(Value::as_array).into_iter().flatten() {
                if let Some(msg) = self.to_inbound(m, &names) {
                    messages.push(msg);
                }
            }
            for s in value.get("statuses").and_then(Value::as_array).into_iter().flatten() {
                notes.extend(self.failed_status(s));
            }
        }
        let hook = Hook::accept(messages);
        if notes.is_empty() { hook } else { hook.noting(notes.join("; ")) }
    }

    /// A `failed` status of a part this process sent becomes a dead letter with Meta's reason.
    /// What the log should say about it.
    fn failed_status(&self, s: &Value) -> Option<String> {
        if s.get("status").and_then(Value::as_str) != Some("failed") {
            return None;
        }
        let id = s.get("id").and_then(Value::as_str)?;
        let Some(part) = lock(&self.sent).shift_remove(id) else {
            return Some(format!(
                "message {id} failed, and it is not one this process sent (sent before a restart?)"
            ));
        };
        let error = s.pointer("/errors/0").cloned().unwrap_or(Value::Null);
        let code = error.get("code").and_then(Value::as_u64);
        let title = error
            .get("title")
            .or_else(|| error.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("no reason given");
        let reason = match code {
            Some(131047) => format!(
                "{NAME}: outside the 24-hour customer-service window (error 131047: {title}); WhatsApp takes only template messages until the user writes again"
            ),
            Some(c) => format!("{NAME}: Meta reported the message failed (error {c}: {title})"),
            None => format!("{NAME}: Meta reported the message failed ({title})"),
        };
        let mut letter = deadletter::blank();
        letter.channel = NAME.into();
        letter.account = self.account.clone();
        letter.chat = part.chat;
        letter.parts = vec![part.text];
        letter.sent_ids = vec![id.to_string()];
        letter.error = reason.clone();
        letter.attempts = 1;
        letter.origin = "reply".into();
        Some(match deadletter::keep(&self.home, letter) {
            Ok(dl) => format!("message {id} failed: {reason}; kept as dead letter {dl}"),
            Err(e) => {
                format!("message {id} failed: {reason}; and it could not be kept as a dead letter: {e}")
            }
        })
    }

    /// Maps one webhook message; `None` for what carries no text for the agent.
    fn to_inbound(&self, m: &Value, names: &HashMap<&str, &str>) -> Option<InboundMessage> {
        let id = m.get("id")?.as_str()?;
        let from = m.get("from")?.as_str()?;
        let text = match m.get("type").and_then(Value::as_str)? {
            "text" => m.pointer("/text/body")?.as_str()?,
            "button" => m.pointer("/button/text")?.as_str()?,
            "interactive" => m
                .pointer("/interactive/button_reply/title")
                .or_else(|| m.pointer("/interactive/list_reply/title"))?
                .as_str()?,
            kind @ ("image" | "video" | "document") => m.pointer(&format!("/{kind}/caption"))?.as_str()?,
            _ => return None,
        };
        let group = m.get("group_id").and_then(Value::as_str).filter(|g| !g.is_empty());
        let display = lock(&self.display).clone();
        let mut text = text.to_string();
        let mut addressed = group.is_none();
        if let Some(me) = display.as_deref().filter(|d| !d.is_empty()) {
            let tag = format!("@{me}");
            if text.contains(&tag) {
                addressed = true;
                text = text.replace(&tag, " ").split_whitespace().collect::<Vec<_>>().join(" ");
            }
            addressed |= m.pointer("/context/from").and_then(Value::as_str).is_some_and(|f| digits(f) == me);
        }
        addressed |= webhook::mentions(&text, &self.settings.mention_patterns);
        let text = text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        let chat = match group {
            Some(g) => ChatRef { id: g.to_string(), kind: ChatKind::Group, thread: None },
            None => ChatRef { id: from.to_string(), kind: ChatKind::Direct, thread: None },
        };
        {
            let mut last = lock(&self.last_inbound);
            if last.len() > 10_000 {
                last.clear();
            }
            last.insert(chat.id.clone(), (id.to_string(), None));
        }
        Some(InboundMessage {
            id: format!("{NAME}:{}:{id}", self.account),
            channel: NAME.into(),
            account_id: self.account.clone(),
            chat,
            sender: Sender {
                id: from.to_string(),
                name: names.get(from).map(|n| n.to_string()),
                username: None,
            },
            text,
            addressed,
            message_id: Some(id.to_string()),
        })
    }
}

impl Channel for WhatsAppChannel {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn account(&self) -> &str {
        &self.account
    }

    fn run(&self, _inbox: Inbox, shutdown: watch::Receiver<bool>) -> BoxFuture<'_, Result<(), ChannelError>> {
        // Messages arrive through the webhook, not here: this only checks the token and waits.
        Box::pin(super::run_with_health(&self.health, self.run_loop(shutdown)))
    }

    fn send_part<'a>(&'a self, part: Part<'a>) -> BoxFuture<'a, Result<String, ChannelError>> {
        Box::pin(async move {
            let group = part.chat.kind != ChatKind::Direct;
            let mut body = json!({
                "messaging_product": "whatsapp",
                "recipient_type": if group { "group" } else { "individual" },
                "to": part.chat.id,
                "type": "text",
                "text": {"preview_url": false, "body": part.text},
            });
            if let Some(m) = part.reply_to {
                body["context"] = json!({"message_id": m});
            }
            let path = format!("{}/messages", self.settings.phone_number_id);
            let sent = self.graph(reqwest::Method::POST, &path, Some(&body)).await?;
            let id = sent.pointer("/messages/0/id").and_then(Value::as_str).unwrap_or_default().to_string();
            if !id.is_empty() {
                let mut remembered = lock(&self.sent);
                remembered
                    .insert(id.clone(), SentPart { chat: part.chat.clone(), text: part.text.to_string() });
                while remembered.len() > REMEMBERED {
                    remembered.shift_remove_index(0);
                }
            }
            Ok(id)
        })
    }

    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            // The indicator needs the message it answers and lasts 25 s: refreshed every 20 s.
            let wamid = {
                let mut last = lock(&self.last_inbound);
                let Some((wamid, shown)) = last.get_mut(&chat.id) else { return };
                if shown.is_some_and(|t| t.elapsed() < Duration::from_secs(20)) {
                    return;
                }
                *shown = Some(Instant::now());
                wamid.clone()
            };
            let body = json!({"messaging_product": "whatsapp", "status": "read", "message_id": wamid,
                "typing_indicator": {"type": "text"}});
            let path = format!("{}/messages", self.settings.phone_number_id);
            let _ = self.graph(reqwest::Method::POST, &path, Some(&body)).await;
        })
    }

    fn health(&self) -> Health {
        self.health.get()
    }

    fn webhook(&self, req: &HookRequest) -> Option<Hook> {
        Some(match req.method.as_str() {
            "GET" => self.handshake(req),
            "POST" => self.notification(req),
            _ => Hook::answer(405, "GET (verification) or POST (notifications) only\n"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            target("+31 6-1234 5678"),
            ChatRef { id: "31612345678".into(), kind: ChatKind::Direct, thread: None }
        );
        assert_eq!(target("group:ABC").kind, ChatKind::Group);
    }

    #[test]
    fn settings_name_their_keys_and_fail_closed() {
        let err =
            |v: Value| Settings::read(&AccountConfig::resolve(&KIND, "1098765", &v)).err().map(|e| e.message);
        let full = json!({"accessToken": "t", "appSecret": "s", "verifyToken": "v"});
        assert!(err(full.clone()).is_none());
        let mut no_secret = full.clone();
        no_secret.as_object_mut().unwrap().remove("appSecret");
        assert_eq!(err(no_secret).unwrap(), "channels.whatsapp.accounts.1098765.appSecret is not set");
        let blank =
            json!({"accessToken": "t", "verifyToken": "v", "accounts": {"1098765": {"appSecret": " "}}});
        assert_eq!(err(blank).unwrap(), "channels.whatsapp.accounts.1098765.appSecret is empty");
        let named = Settings::read(&AccountConfig::resolve(&KIND, "default", &full)).err().unwrap();
        assert!(named.message.contains("phoneNumberId must be the phone number ID"), "{}", named.message);
    }
}
