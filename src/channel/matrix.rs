//! The Matrix adapter: the Client-Server API v3 over plain HTTPS, `/sync` long polling for what
//! arrives and `PUT /rooms/{roomId}/send` for what goes. No end-to-end encryption: an encrypted
//! room gets one notice saying so, and its messages are not read.
//!
//! Durability (DESIGN §7): the `next_batch` token of a `/sync` answer is written to
//! `credentials/matrix.<account>.sync.json` only after every message of that answer was
//! journaled ([`Inbox::deliver`] returned `Ok`). After a crash the homeserver replays from the
//! previous token; the journal drops repeats by id (`matrix:<account>:<event_id>`). A timeline
//! marked `limited` (more happened than the answer holds) is back-filled with `/messages` from
//! its `prev_batch`, back to the last event journaled for that room (kept in the same file), so
//! a long absence loses nothing. The first start without a token takes the server's current
//! position and answers nothing of the backlog.
//!
//! Rooms: a room listed in the account's `m.direct` is a DM, keyed by the sender's user id
//! (`matrix:peer:@ann:example.org`); invites marked `is_direct` are added to `m.direct` when
//! joined. Every other room is a group (`matrix:channel:!room:example.org`), where the bot
//! answers only when mentioned (`m.mentions.user_ids`, or, from clients that do not send
//! `m.mentions`, its user id, localpart or display name in the text) or replied to. A message in
//! a thread (`m.thread` relation) keys the session `…:thread:<root event id>` and is answered in
//! that thread. Invites are joined when the inviter may talk to the bot (`autoJoin`).
//!
//! Sending: `m.text` with `m.mentions: {}` (model output never pings anyone, not even @room),
//! and a transaction id derived from the outbox's nonce, so a part sent again after a crash is
//! recognised by the homeserver instead of posted twice. `M_LIMIT_EXCEEDED` goes back to the
//! outbox with its `retry_after_ms`; `M_UNKNOWN_TOKEN` stops the account with a health error
//! naming the key to fix (with `password`, the adapter logs in once more first).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use tokio::sync::watch;

use super::cursor::CursorStore;
use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Retry, Sender, Unit, config_error, lock, stopped, transport_error,
};
use crate::net::{Backoff, error_chain};

/// Channel name in the config and in messages.
pub const NAME: &str = "matrix";
/// Our chunk size: an event may hold 64 KiB, but shorter messages read better.
pub const MAX_MESSAGE_LEN: usize = 4000;
/// Pages of `/messages` read to fill one gap before the rest is given up as lost.
const MAX_BACKFILL_PAGES: usize = 10;
/// Our own sent event ids remembered, so a reply to the bot counts as addressing it.
const SENT_REMEMBERED: usize = 512;
/// What an encrypted room is told, once.
pub const E2EE_NOTICE: &str = "I cannot read messages in this room: it is end-to-end encrypted, and openclaw \
     does not support Matrix encryption yet. Please talk to me in an unencrypted room.";

/// The Matrix kind: 4,000 characters a part; Synapse's default message rate is low, so parts
/// are spaced and its `M_LIMIT_EXCEEDED` waits are honoured.
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: MAX_MESSAGE_LEN, unit: Unit::Chars, min_interval: Duration::from_millis(100) },
    token_key: "homeserver",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(MatrixChannel::from_account(account, cx.http.clone(), &cx.home)?) as Arc<dyn Channel>)
    },
};

/// `@user:server` (or `user:@…`) is a DM with that user; `!room:server`, `#alias:server` or
/// `room:…` is a room.
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    let to = to.strip_prefix("user:").unwrap_or(to);
    if to.starts_with('@') {
        return ChatRef { id: to.to_string(), kind: ChatKind::Direct, thread: None };
    }
    let id = to.strip_prefix("room:").or_else(|| to.strip_prefix("channel:")).unwrap_or(to);
    ChatRef { id: id.to_string(), kind: ChatKind::Group, thread: None }
}

/// How the account authenticates.
#[derive(Clone)]
enum Auth {
    /// `accessToken`, used as it is.
    Token(String),
    /// `password`: a login at start, the token kept in `credentials/`.
    Password(String),
}

/// Which invites are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AutoJoin {
    /// From senders the access policy lets in (and DM invites under `dmPolicy: pairing`, so a
    /// stranger can be given a pairing code).
    Allowed,
    /// Every invite.
    Always,
    /// None: the owner joins the bot to rooms by hand.
    Off,
}

/// An account's settings, typed: `homeserver` and `userId` (required), `accessToken` or
/// `password` (one required), `deviceId`, `syncTimeoutSeconds` (default 30), `timelineLimit`
/// (events per room per sync, default 50), `autoJoin` (`allowed` | `always` | `off`).
#[derive(Clone)]
struct Settings {
    homeserver: String,
    user_id: String,
    auth: Auth,
    /// The dotted config path of the secret in use, for error messages.
    auth_key: String,
    device_id: Option<String>,
    sync_timeout: u64,
    timeline_limit: u64,
    auto_join: AutoJoin,
    /// All resolved keys (the access policy reads `dmPolicy` and `allowFrom` from them).
    raw: Map<String, Value>,
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        if a.string("homeserver")?.is_none() {
            return Err(
                a.error("homeserver", "is not set (the homeserver's URL, e.g. \"https://matrix.org\")")
            );
        }
        let homeserver = a.url("homeserver", &["http", "https"], "")?;
        let user_id = match a.string("userId")? {
            Some(u) if valid_user_id(u.trim()) => u.trim().to_string(),
            Some(u) => {
                return Err(a.error(
                    "userId",
                    format_args!("is not a Matrix user id like \"@bot:example.org\": {u:?}"),
                ));
            }
            None => {
                return Err(a.error("userId", "is not set (the bot's user id, e.g. \"@bot:example.org\")"));
            }
        };
        let (auth, auth_key) = if a.get("accessToken").is_some() {
            (Auth::Token(a.secret("accessToken")?), a.dotted("accessToken"))
        } else if a.get("password").is_some() {
            (Auth::Password(a.secret("password")?), a.dotted("password"))
        } else {
            return Err(a.error("accessToken", "is not set (or set password to log in at start)"));
        };
        if let Auth::Token(t) = &auth
            && t.contains(|c: char| c.is_whitespace() || c.is_control())
        {
            return Err(
                a.error("accessToken", "is not an access token (it holds a space or a control character)")
            );
        }
        if a.flag("encryption", false)? {
            return Err(a.error(
                "encryption",
                "is true, but this build does not support Matrix end-to-end encryption; use unencrypted rooms",
            ));
        }
        let auto_join = match a.string("autoJoin")? {
            None | Some("allowed") => AutoJoin::Allowed,
            Some("always") => AutoJoin::Always,
            Some("off") => AutoJoin::Off,
            Some(other) => {
                return Err(a.error(
                    "autoJoin",
                    format_args!("must be \"allowed\", \"always\" or \"off\", not {other:?}"),
                ));
            }
        };
        Ok(Settings {
            homeserver,
            user_id,
            auth,
            auth_key,
            device_id: a.string("deviceId")?.map(str::to_string),
            sync_timeout: a.number("syncTimeoutSeconds", 0..=60, "seconds", 30)?,
            timeline_limit: a.number("timelineLimit", 1..=100, "events", 50)?,
            auto_join,
            raw: a.settings().clone(),
        })
    }
}

/// `@localpart:server`.
fn valid_user_id(u: &str) -> bool {
    u.strip_prefix('@').and_then(|rest| rest.split_once(':')).is_some_and(|(local, server)| {
        !local.is_empty() && !server.is_empty() && !u.contains(char::is_whitespace)
    })
}

/// Where the account resumes, kept in `credentials/matrix.<account>.sync.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyncState {
    /// The `since` of the next `/sync`; `None` before the first.
    #[serde(default)]
    next_batch: Option<String>,
    /// Room id → the last event id journaled (or seen) there: where a gap's backfill stops.
    #[serde(default)]
    last_event: BTreeMap<String, String>,
    /// Rooms told once that they are encrypted.
    #[serde(default)]
    e2ee_noticed: BTreeSet<String>,
}

/// A password login's result, kept in `credentials/matrix.<account>.session.json` (0600) and
/// reused, so each start does not create a new device.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredSession {
    homeserver: String,
    user_id: String,
    access_token: String,
    #[serde(default)]
    device_id: Option<String>,
}

/// One Matrix account.
pub struct MatrixChannel {
    account: String,
    settings: Settings,
    http: reqwest::Client,
    cursor: CursorStore,
    session: CursorStore,
    home: crate::home::Home,
    health: HealthCell,
    token: tokio::sync::Mutex<Option<String>>,
    /// The display name, for mention matching.
    display_name: Mutex<Option<String>>,
    /// DM rooms: room id → the other user; and user → room for sending.
    direct_rooms: Mutex<HashMap<String, String>>,
    direct_users: Mutex<HashMap<String, String>>,
    sent: Mutex<VecDeque<String>>,
}

impl std::fmt::Debug for MatrixChannel {
    /// Without the token or password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixChannel")
            .field("account", &self.account)
            .field("homeserver", &self.settings.homeserver)
            .field("user_id", &self.settings.user_id)
            .finish_non_exhaustive()
    }
}

/// Percent-encodes one path segment (room ids hold `!` and `:`, aliases `#`).
fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What the homeserver answered, before it is turned into a [`ChannelError`].
enum Failure {
    /// `M_UNKNOWN_TOKEN` (or a bare 401): the token is no good.
    UnknownToken(String),
    /// Anything else.
    Other(ChannelError),
}

impl MatrixChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs or sends.
    pub fn from_account(
        account: &AccountConfig,
        http: reqwest::Client,
        home: &crate::home::Home,
    ) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(MatrixChannel {
            account: account.id.clone(),
            settings,
            http,
            cursor: CursorStore::new(home, NAME, &account.id, "sync.json"),
            session: CursorStore::new(home, NAME, &account.id, "session.json"),
            home: home.clone(),
            health: HealthCell::default(),
            token: tokio::sync::Mutex::new(None),
            display_name: Mutex::new(None),
            direct_rooms: Mutex::default(),
            direct_users: Mutex::default(),
            sent: Mutex::default(),
        })
    }

    /// Builds the adapter for `channels.matrix.accounts.<account_id>`; `channel` is the value of
    /// `channels.matrix`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
        home: &crate::home::Home,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http, home)
    }

    fn url(&self, path: &str) -> String {
        format!("{}/_matrix/client/v3{path}", self.settings.homeserver)
    }

    fn rejected(&self, detail: &str) -> ChannelError {
        let hint = match self.settings.auth {
            Auth::Token(_) => "set a valid access token for the bot",
            Auth::Password(_) => "check the bot's password",
        };
        config_error(
            NAME,
            format!("{} was rejected by the homeserver ({detail}); {hint}", self.settings.auth_key),
        )
    }

    /// The access token: the configured one, or the stored login, or a new login.
    async fn token(&self) -> Result<String, ChannelError> {
        let mut slot = self.token.lock().await;
        if let Some(t) = slot.as_ref() {
            return Ok(t.clone());
        }
        let t = match &self.settings.auth {
            Auth::Token(t) => t.clone(),
            Auth::Password(p) => {
                let stored: Option<StoredSession> = self.session.load().unwrap_or(None);
                match stored.filter(|s| {
                    s.homeserver == self.settings.homeserver && s.user_id == self.settings.user_id
                }) {
                    Some(s) => s.access_token,
                    None => self.login(p, None).await?,
                }
            }
        };
        *slot = Some(t.clone());
        Ok(t)
    }

    /// `POST /login` with the password; the token and device are kept for the next start.
    async fn login(&self, password: &str, device: Option<String>) -> Result<String, ChannelError> {
        let localpart = self.settings.user_id.trim_start_matches('@').split(':').next().unwrap_or_default();
        let device = device.or_else(|| self.settings.device_id.clone());
        let mut body = json!({
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": localpart},
            "password": password,
            "initial_device_display_name": "openclaw",
        });
        if let Some(d) = &device {
            body["device_id"] = json!(d);
        }
        let resp = self
            .http
            .post(self.url("/login"))
            .timeout(Duration::from_secs(30))
            .json(&body)
            .send()
            .await
            .map_err(|e| transport_error(NAME, format!("login failed: {}", error_chain(&e.without_url()))))?;
        let status = resp.status();
        let v: Value = resp.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            let code = v.get("errcode").and_then(Value::as_str).unwrap_or("");
            let what = v.get("error").and_then(Value::as_str).unwrap_or("no message");
            return Err(match (status.as_u16(), code) {
                (403, _) | (_, "M_FORBIDDEN" | "M_USER_DEACTIVATED") => {
                    self.rejected(&format!("{code}: {what}"))
                }
                (429, _) => ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("login: rate limited ({what})"),
                    retry_after: Some(retry_secs(&v)),
                },
                (s, _) if s >= 500 => {
                    transport_error(NAME, format!("login: the homeserver answered {status}"))
                }
                _ => ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("login: {status} {code} {what}"),
                    retry_after: None,
                },
            });
        }
        let token = v
            .get("access_token")
            .and_then(Value::as_str)
            .ok_or_else(|| transport_error(NAME, "login: no access_token in the answer"))?
            .to_string();
        let session = StoredSession {
            homeserver: self.settings.homeserver.clone(),
            user_id: self.settings.user_id.clone(),
            access_token: token.clone(),
            device_id: v.get("device_id").and_then(Value::as_str).map(str::to_string).or(device),
        };
        self.session.save(&session)?;
        Ok(token)
    }

    /// One call; after `M_UNKNOWN_TOKEN` a password account logs in once more and repeats it.
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<Value, ChannelError> {
        match self.call_once(method.clone(), path, query, body, timeout).await {
            Ok(v) => Ok(v),
            Err(Failure::Other(e)) => Err(e),
            Err(Failure::UnknownToken(detail)) => {
                let Auth::Password(p) = &self.settings.auth else { return Err(self.rejected(&detail)) };
                let device = self.session.load::<StoredSession>().ok().flatten().and_then(|s| s.device_id);
                let _ = self.session.clear();
                *self.token.lock().await = None;
                let fresh = self.login(p, device).await?;
                *self.token.lock().await = Some(fresh);
                match self.call_once(method, path, query, body, timeout).await {
                    Ok(v) => Ok(v),
                    Err(Failure::Other(e)) => Err(e),
                    Err(Failure::UnknownToken(detail)) => Err(self.rejected(&detail)),
                }
            }
        }
    }

    async fn call_once(
        &self,
        method: reqwest::Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<Value, Failure> {
        let token = self.token().await.map_err(Failure::Other)?;
        let what = path.split('?').next().unwrap_or(path);
        let mut url = reqwest::Url::parse(&self.url(path))
            .map_err(|e| Failure::Other(config_error(NAME, format!("{what}: not a URL: {e}"))))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let mut req = self.http.request(method, url).timeout(timeout).bearer_auth(&token);
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| {
            let why = if e.is_timeout() { "timed out".to_string() } else { error_chain(&e.without_url()) };
            Failure::Other(transport_error(NAME, format!("{what} failed: {why}")))
        })?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| {
            Failure::Other(transport_error(
                NAME,
                format!("{what}: reading the answer: {}", error_chain(&e.without_url())),
            ))
        })?;
        let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(v);
        }
        let code = v.get("errcode").and_then(Value::as_str).unwrap_or("");
        let message =
            v.get("error").and_then(Value::as_str).unwrap_or("no message").replace(&token, "<redacted>");
        if code == "M_UNKNOWN_TOKEN" || (status.as_u16() == 401 && code != "M_LIMIT_EXCEEDED") {
            let code = if code.is_empty() { "401" } else { code };
            return Err(Failure::UnknownToken(format!("{code}: {message}")));
        }
        Err(Failure::Other(if code == "M_LIMIT_EXCEEDED" || status.as_u16() == 429 {
            ChannelError::Api {
                channel: NAME.into(),
                message: format!("{what}: rate limited (M_LIMIT_EXCEEDED)"),
                retry_after: Some(retry_secs(&v)),
            }
        } else if status.is_server_error() {
            transport_error(NAME, format!("{what}: the homeserver answered {status}"))
        } else {
            ChannelError::Api {
                channel: NAME.into(),
                message: format!("{what}: {} {code} {message}", status.as_u16()),
                retry_after: None,
            }
        }))
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, ChannelError> {
        self.call(reqwest::Method::GET, path, query, None, Duration::from_secs(30)).await
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, ChannelError> {
        self.call(reqwest::Method::POST, path, &[], Some(body), Duration::from_secs(30)).await
    }

    async fn put(&self, path: &str, body: &Value) -> Result<Value, ChannelError> {
        self.call(reqwest::Method::PUT, path, &[], Some(body), Duration::from_secs(30)).await
    }

    /// Our `m.direct` account data: user → rooms.
    async fn m_direct(&self) -> Result<Map<String, Value>, ChannelError> {
        let path = format!("/user/{}/account_data/m.direct", enc(&self.settings.user_id));
        match self.get(&path, &[]).await {
            Ok(Value::Object(m)) => Ok(m),
            Ok(_) => Ok(Map::new()),
            Err(ChannelError::Api { message, .. }) if message.contains("M_NOT_FOUND") => Ok(Map::new()),
            Err(e) => Err(e),
        }
    }

    /// Adds `room` as a DM with `user` to our `m.direct` (read, add, write back).
    async fn add_direct(&self, user: &str, room: &str) -> Result<(), ChannelError> {
        self.learn_direct(user, room);
        let mut m = self.m_direct().await?;
        let rooms = m.entry(user.to_string()).or_insert_with(|| json!([]));
        if let Some(list) = rooms.as_array_mut() {
            if list.iter().any(|r| r == room) {
                return Ok(());
            }
            list.push(json!(room));
        } else {
            *rooms = json!([room]);
        }
        let path = format!("/user/{}/account_data/m.direct", enc(&self.settings.user_id));
        self.put(&path, &Value::Object(m)).await.map(drop)
    }

    fn learn_direct(&self, user: &str, room: &str) {
        lock(&self.direct_rooms).insert(room.to_string(), user.to_string());
        lock(&self.direct_users).insert(user.to_string(), room.to_string());
    }

    /// Reads the `m.direct` map (from a sync's account data, or fetched).
    fn load_direct(&self, m: &Map<String, Value>) {
        for (user, rooms) in m {
            for room in rooms.as_array().into_iter().flatten().filter_map(Value::as_str) {
                lock(&self.direct_rooms).insert(room.to_string(), user.clone());
                lock(&self.direct_users).entry(user.clone()).or_insert_with(|| room.to_string());
            }
        }
    }

    /// The room to post `chat` in: the room itself, a resolved alias, or the DM with a user
    /// (found in `m.direct`, or created with an invite).
    async fn room_for(&self, chat: &ChatRef) -> Result<String, ChannelError> {
        if chat.kind != ChatKind::Direct {
            if chat.id.starts_with('#') {
                let v = self.get(&format!("/directory/room/{}", enc(&chat.id)), &[]).await?;
                return v.get("room_id").and_then(Value::as_str).map(str::to_string).ok_or_else(|| {
                    transport_error(NAME, format!("resolving {}: no room_id in the answer", chat.id))
                });
            }
            return Ok(chat.id.clone());
        }
        if let Some(r) = lock(&self.direct_users).get(&chat.id).cloned() {
            return Ok(r);
        }
        let m = self.m_direct().await?;
        if let Some(rooms) = m.get(&chat.id).and_then(Value::as_array) {
            let joined = self.get("/joined_rooms", &[]).await?;
            let joined: Vec<&str> = joined
                .get("joined_rooms")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if let Some(r) = rooms.iter().filter_map(Value::as_str).find(|r| joined.contains(r)) {
                self.learn_direct(&chat.id, r);
                return Ok(r.to_string());
            }
        }
        let created = self
            .post(
                "/createRoom",
                &json!({"is_direct": true, "invite": [chat.id], "preset": "trusted_private_chat"}),
            )
            .await?;
        let room = created
            .get("room_id")
            .and_then(Value::as_str)
            .ok_or_else(|| transport_error(NAME, "createRoom: no room_id in the answer"))?
            .to_string();
        self.add_direct(&chat.id, &room).await?;
        Ok(room)
    }

    /// Sends one event with a stable transaction id; returns its event id.
    async fn send_event(&self, room: &str, txn: &str, content: &Value) -> Result<String, ChannelError> {
        let path = format!("/rooms/{}/send/m.room.message/{}", enc(room), enc(txn));
        let v = self.put(&path, content).await?;
        let id = v.get("event_id").and_then(Value::as_str).unwrap_or_default().to_string();
        let mut sent = lock(&self.sent);
        if sent.len() >= SENT_REMEMBERED {
            sent.pop_front();
        }
        sent.push_back(id.clone());
        Ok(id)
    }

    async fn sync(&self, since: Option<&str>) -> Result<Value, ChannelError> {
        let timeout = if since.is_some() { self.settings.sync_timeout } else { 0 };
        let filter = json!({
            "room": {"timeline": {"limit": self.settings.timeline_limit}, "state": {"lazy_load_members": true}},
            "presence": {"types": []},
        });
        let mut query = vec![
            ("timeout", (timeout * 1000).to_string()),
            ("filter", filter.to_string()),
            ("set_presence", "offline".to_string()),
        ];
        if let Some(s) = since {
            query.push(("since", s.to_string()));
        }
        // The server holds the request up to `timeout`; a silent connection past twice that is dead.
        let limit = Duration::from_secs(timeout * 2 + 30);
        self.call(reqwest::Method::GET, "/sync", &query, None, limit).await
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        let mut state: SyncState = self.cursor.load()?.unwrap_or_default();
        let mut backoff = Backoff::new(Duration::from_millis(500), Duration::from_secs(60));
        // Who we are: the token must belong to the configured user.
        loop {
            let who = tokio::select! {
                r = self.get("/account/whoami", &[]) => r,
                _ = stopped(&mut shutdown) => return Ok(()),
            };
            match who {
                Ok(v) => {
                    let id = v.get("user_id").and_then(Value::as_str).unwrap_or_default();
                    if id != self.settings.user_id {
                        return Err(config_error(
                            NAME,
                            format!(
                                "{} belongs to {id}, but userId says {}",
                                self.settings.auth_key, self.settings.user_id
                            ),
                        ));
                    }
                    break;
                }
                Err(e) => {
                    if self.wait_after(e, &mut backoff, &mut shutdown).await? {
                        return Ok(());
                    }
                }
            }
        }
        let profile = format!("/profile/{}/displayname", enc(&self.settings.user_id));
        if let Ok(v) = self.get(&profile, &[]).await {
            *lock(&self.display_name) = v.get("displayname").and_then(Value::as_str).map(str::to_string);
        }
        if let Ok(m) = self.m_direct().await {
            self.load_direct(&m);
        }
        self.health.set(Health::Ok);
        loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            let answer = tokio::select! {
                r = self.sync(state.next_batch.as_deref()) => r,
                _ = stopped(&mut shutdown) => return Ok(()),
            };
            let batch = match answer {
                Ok(b) => b,
                Err(e) => {
                    if self.wait_after(e, &mut backoff, &mut shutdown).await? {
                        return Ok(());
                    }
                    continue;
                }
            };
            backoff.reset();
            self.health.set(Health::Ok);
            let Some(next) = batch.get("next_batch").and_then(Value::as_str) else {
                self.health
                    .set(Health::Failing { error: "matrix: /sync answered without next_batch".into() });
                if sleep_or_stop(backoff.next_wait(), &mut shutdown).await {
                    return Ok(());
                }
                continue;
            };
            let initial = state.next_batch.is_none();
            match self.take_batch(&batch, initial, &mut state, &inbox, &mut shutdown).await {
                Ok(()) => {}
                // Shutting down: the batch comes again from the old token.
                Err(ChannelError::Closed) => return Ok(()),
                Err(e) => return Err(e),
            }
            // Everything of this batch is journaled: now the homeserver may forget it.
            state.next_batch = Some(next.to_string());
            self.cursor.save(&state)?;
        }
    }

    /// After a failed call: `Err` to stop (a config error), else waits and says whether
    /// shutdown came first.
    async fn wait_after(
        &self,
        e: ChannelError,
        backoff: &mut Backoff,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<bool, ChannelError> {
        let wait = match e.retry() {
            _ if matches!(e, ChannelError::Config { .. }) => {
                self.health.set(Health::Failing { error: e.to_string() });
                return Err(e);
            }
            Retry::After(d) => d,
            Retry::Backoff | Retry::Never => backoff.next_wait(),
        };
        self.health.set(Health::Failing { error: e.to_string() });
        Ok(sleep_or_stop(wait, shutdown).await)
    }

    /// Journals what one `/sync` answer holds for the agent; joins or declines invites.
    async fn take_batch(
        &self,
        batch: &Value,
        initial: bool,
        state: &mut SyncState,
        inbox: &Inbox,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<(), ChannelError> {
        for ev in batch.pointer("/account_data/events").and_then(Value::as_array).into_iter().flatten() {
            if ev.get("type").and_then(Value::as_str) == Some("m.direct")
                && let Some(m) = ev.get("content").and_then(Value::as_object)
            {
                self.load_direct(m);
            }
        }
        if let Some(invites) = batch.pointer("/rooms/invite").and_then(Value::as_object) {
            for (room, invite) in invites {
                self.answer_invite(room, invite).await;
            }
        }
        for room in
            batch.pointer("/rooms/leave").and_then(Value::as_object).into_iter().flat_map(|m| m.keys())
        {
            state.last_event.remove(room);
            state.e2ee_noticed.remove(room);
        }
        let Some(joined) = batch.pointer("/rooms/join").and_then(Value::as_object) else { return Ok(()) };
        for (room, data) in joined {
            let mut events: Vec<Value> =
                data.pointer("/timeline/events").and_then(Value::as_array).cloned().unwrap_or_default();
            let limited = data.pointer("/timeline/limited").and_then(Value::as_bool) == Some(true);
            match state.last_event.get(room) {
                // A room new to us: what was said before the bot joined is history, not for it.
                None => {
                    if let Some(i) = events.iter().rposition(|e| self.is_own_join(e)) {
                        events.drain(..=i);
                    }
                }
                // A gap since the last event journaled here: fill it.
                Some(last) if limited && !initial => {
                    if let Some(prev) = data.pointer("/timeline/prev_batch").and_then(Value::as_str) {
                        let mut older = self.backfill(room, prev, last).await?;
                        older.append(&mut events);
                        events = older;
                    }
                }
                Some(_) => {}
            }
            for ev in &events {
                let Some(event_id) = ev.get("event_id").and_then(Value::as_str) else { continue };
                if !initial {
                    self.take_event(room, ev, state, inbox, shutdown).await?;
                }
                state.last_event.insert(room.clone(), event_id.to_string());
            }
        }
        Ok(())
    }

    /// One timeline event: an encrypted one gets the room its notice; a message is journaled.
    async fn take_event(
        &self,
        room: &str,
        ev: &Value,
        state: &mut SyncState,
        inbox: &Inbox,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<(), ChannelError> {
        let sender = ev.get("sender").and_then(Value::as_str).unwrap_or_default();
        if sender == self.settings.user_id {
            return Ok(());
        }
        if ev.get("type").and_then(Value::as_str) == Some("m.room.encrypted") {
            if !state.e2ee_noticed.contains(room) {
                let content = json!({"msgtype": "m.notice", "body": E2EE_NOTICE, "m.mentions": {}});
                // The same transaction id every time: a notice repeated after a crash is one notice.
                let txn = format!("openclaw-e2ee-{:016x}", fnv(room));
                match self.send_event(room, &txn, &content).await {
                    Ok(_) => {
                        state.e2ee_noticed.insert(room.to_string());
                    }
                    Err(e @ ChannelError::Config { .. }) => return Err(e),
                    // Told next time an encrypted message comes.
                    Err(_) => {}
                }
            }
            return Ok(());
        }
        let Some(msg) = self.to_inbound(room, ev) else { return Ok(()) };
        tokio::select! {
            // An ack that is already there wins over a shutdown that is too.
            biased;
            r = inbox.deliver(msg) => r,
            _ = stopped(shutdown) => Err(ChannelError::Closed),
        }
    }

    /// The events of a gap, oldest first: `/messages` backwards from `prev_batch` until the
    /// last event journaled in the room, or the bot's own join.
    async fn backfill(&self, room: &str, prev_batch: &str, last: &str) -> Result<Vec<Value>, ChannelError> {
        let mut from = prev_batch.to_string();
        let mut older = Vec::new();
        'pages: for _ in 0..MAX_BACKFILL_PAGES {
            let page = self
                .get(
                    &format!("/rooms/{}/messages", enc(room)),
                    &[("dir", "b".to_string()), ("from", from.clone()), ("limit", "100".to_string())],
                )
                .await?;
            let chunk = page.get("chunk").and_then(Value::as_array).cloned().unwrap_or_default();
            for ev in chunk.iter() {
                if ev.get("event_id").and_then(Value::as_str) == Some(last) || self.is_own_join(ev) {
                    break 'pages;
                }
                older.push(ev.clone());
            }
            match page.get("end").and_then(Value::as_str) {
                Some(end) if !chunk.is_empty() && end != from => from = end.to_string(),
                _ => break,
            }
        }
        older.reverse();
        Ok(older)
    }

    /// Whether `ev` is the bot's own join to its room.
    fn is_own_join(&self, ev: &Value) -> bool {
        ev.get("type").and_then(Value::as_str) == Some("m.room.member")
            && ev.get("state_key").and_then(Value::as_str) == Some(self.settings.user_id.as_str())
            && ev.pointer("/content/membership").and_then(Value::as_str) == Some("join")
    }

    /// Joins an invite from someone allowed (recording a DM invite in `m.direct`), declines
    /// the rest. Failures are left for the next sync, which lists the invite again.
    async fn answer_invite(&self, room: &str, invite: &Value) {
        let me = self.settings.user_id.as_str();
        let member =
            invite.pointer("/invite_state/events").and_then(Value::as_array).into_iter().flatten().find(
                |e| {
                    e.get("type").and_then(Value::as_str) == Some("m.room.member")
                        && e.get("state_key").and_then(Value::as_str) == Some(me)
                },
            );
        let inviter = member.and_then(|m| m.get("sender")).and_then(Value::as_str).unwrap_or_default();
        let direct =
            member.and_then(|m| m.pointer("/content/is_direct")).and_then(Value::as_bool) == Some(true);
        if self.may_invite(inviter, direct) {
            if self.post(&format!("/join/{}", enc(room)), &json!({})).await.is_ok() && direct {
                let _ = self.add_direct(inviter, room).await;
            }
        } else {
            let _ = self.post(&format!("/rooms/{}/leave", enc(room)), &json!({})).await;
        }
    }

    /// Whether an invite from `inviter` is joined (see [`AutoJoin`]).
    fn may_invite(&self, inviter: &str, direct: bool) -> bool {
        use super::access::{DmPolicy, Policy};
        match self.settings.auto_join {
            AutoJoin::Always => return true,
            AutoJoin::Off => return false,
            AutoJoin::Allowed => {}
        }
        let Ok(policy) =
            Policy::from_settings(NAME, &self.account, &Value::Object(self.settings.raw.clone()))
        else {
            return false;
        };
        let localpart = inviter.trim_start_matches('@').split(':').next().unwrap_or_default();
        let listed = policy.allow_from.iter().any(|e| {
            let e = e.trim();
            e == "*"
                || e == inviter
                || e.trim_start_matches('@').eq_ignore_ascii_case(localpart) && !e.contains(':')
        }) || super::access::approved(&self.home, NAME)
            .is_ok_and(|a| a.iter().any(|s| s.id == inviter));
        match policy.dm {
            DmPolicy::Open => true,
            DmPolicy::Pairing => listed || direct,
            DmPolicy::Allowlist | DmPolicy::Disabled => listed,
        }
    }

    /// Maps a timeline event; `None` for what is not for the agent: other event types, edits,
    /// notices (bots talk in notices; answering them loops), empty text.
    fn to_inbound(&self, room: &str, ev: &Value) -> Option<InboundMessage> {
        if ev.get("type")?.as_str()? != "m.room.message" {
            return None;
        }
        let event_id = ev.get("event_id")?.as_str()?;
        let sender = ev.get("sender")?.as_str()?;
        let content = ev.get("content")?;
        let msgtype = content.get("msgtype").and_then(Value::as_str).unwrap_or_default();
        if !matches!(msgtype, "m.text" | "m.emote") {
            return None;
        }
        let relates = content.get("m.relates_to");
        let rel_type = relates.and_then(|r| r.get("rel_type")).and_then(Value::as_str);
        if rel_type == Some("m.replace") || content.get("m.new_content").is_some() {
            return None;
        }
        let in_reply_to = relates.and_then(|r| r.pointer("/m.in_reply_to/event_id")).and_then(Value::as_str);
        let body = content.get("body").and_then(Value::as_str).unwrap_or_default();
        let body = if in_reply_to.is_some() { strip_reply_fallback(body) } else { body };
        let me = self.settings.user_id.as_str();
        let localpart = me.trim_start_matches('@').split(':').next().unwrap_or_default();
        let display = lock(&self.display_name).clone();
        let names: Vec<&str> =
            [Some(me), display.as_deref(), Some(localpart)].into_iter().flatten().collect();
        let mentioned = match content.get("m.mentions") {
            Some(m) => m
                .get("user_ids")
                .and_then(Value::as_array)
                .is_some_and(|ids| ids.iter().any(|i| i.as_str() == Some(me))),
            None => names.iter().any(|n| contains_word(body, n)),
        } || in_reply_to.is_some_and(|r| lock(&self.sent).iter().any(|s| s == r));
        let text = strip_mention(body, &names);
        if text.is_empty() {
            return None;
        }
        let direct_peer = lock(&self.direct_rooms).get(room).cloned();
        let chat = match direct_peer {
            Some(_) => {
                self.learn_direct(sender, room);
                ChatRef { id: sender.to_string(), kind: ChatKind::Direct, thread: None }
            }
            None => ChatRef {
                id: room.to_string(),
                kind: ChatKind::Group,
                thread: (rel_type == Some("m.thread"))
                    .then(|| relates.and_then(|r| r.get("event_id")).and_then(Value::as_str))
                    .flatten()
                    .map(str::to_string),
            },
        };
        let sender_local = sender.trim_start_matches('@').split(':').next().unwrap_or_default();
        Some(InboundMessage {
            id: format!("{NAME}:{}:{event_id}", self.account),
            channel: NAME.into(),
            account_id: self.account.clone(),
            addressed: chat.kind == ChatKind::Direct || mentioned,
            chat,
            sender: Sender { id: sender.to_string(), name: None, username: Some(sender_local.to_string()) },
            text,
            message_id: Some(event_id.to_string()),
        })
    }
}

/// FNV-1a: stable across processes, which the std hasher is not.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// `retry_after_ms` of an `M_LIMIT_EXCEEDED` answer, in whole seconds (at least 1).
fn retry_secs(v: &Value) -> u64 {
    let ms = v
        .get("retry_after_ms")
        .or_else(|| v.pointer("/error/retry_after_ms"))
        .and_then(Value::as_u64)
        .unwrap_or(1000);
    ms.div_ceil(1000).clamp(1, 3600)
}

/// Sleeps `d`; `true` when shutdown came first.
async fn sleep_or_stop(d: Duration, shutdown: &mut watch::Receiver<bool>) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(d) => false,
        _ = stopped(shutdown) => true,
    }
}

/// The body of a reply without its quoted fallback (`> <@ann:hs> …` lines and the blank line).
fn strip_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    match body.find("\n\n") {
        Some(i) if body[..i].lines().all(|l| l.starts_with('>')) => &body[i + 2..],
        _ => body,
    }
}

/// Whether `name` occurs in `text` as a word of its own (any case).
fn contains_word(text: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let (text, name) = (text.to_lowercase(), name.to_lowercase());
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(&name)
        .any(|(i, m)| !word(text[..i].chars().next_back()) && !word(text[i + m.len()..].chars().next()))
}

/// Removes a leading mention (`Bot: …`, `@bot:hs …`, as clients write pills) and the bot's user
/// id anywhere.
fn strip_mention(body: &str, names: &[&str]) -> String {
    let mut text = body.trim().to_string();
    for n in names.iter().filter(|n| !n.is_empty()) {
        let lower = text.to_lowercase();
        let n = n.to_lowercase();
        if lower.starts_with(&n) && text.is_char_boundary(n.len()) {
            let rest = &text[n.len()..];
            if rest.starts_with([':', ',']) || rest.starts_with(' ') || rest.is_empty() {
                text = rest.trim_start_matches([':', ',']).to_string();
                break;
            }
        }
    }
    if let Some(me) = names.first() {
        text = text.replace(me, " ");
    }
    text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").trim().to_string()
}

impl Channel for MatrixChannel {
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
            let room = self.room_for(part.chat).await?;
            // `m.mentions: {}`: whatever the model wrote, nobody is pinged.
            let mut content = json!({"msgtype": "m.text", "body": part.text, "m.mentions": {}});
            if let Some(root) = &part.chat.thread {
                content["m.relates_to"] = json!({
                    "rel_type": "m.thread",
                    "event_id": root,
                    "is_falling_back": part.reply_to.is_none(),
                    "m.in_reply_to": {"event_id": part.reply_to.unwrap_or(root)},
                });
            } else if let Some(r) = part.reply_to {
                content["m.relates_to"] = json!({"m.in_reply_to": {"event_id": r}});
            }
            // The nonce is the same for this part across retries and restarts: the homeserver
            // answers a repeated transaction id with the first event instead of a second one.
            self.send_event(&room, &format!("openclaw-{}", part.nonce), &content).await
        })
    }

    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            if let Ok(room) = self.room_for(chat).await {
                let path = format!("/rooms/{}/typing/{}", enc(&room), enc(&self.settings.user_id));
                let _ = self.put(&path, &json!({"typing": true, "timeout": 30000})).await;
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

    fn settings(v: Value) -> Result<Settings, String> {
        Settings::read(&AccountConfig::resolve(&KIND, "ops", &v)).map_err(|e| e.message)
    }

    #[test]
    fn settings_name_their_keys_and_never_the_secret() {
        let hs = "https://matrix.example.org";
        assert_eq!(
            settings(json!({})).err().unwrap(),
            "channels.matrix.accounts.ops.homeserver is not set (the homeserver's URL, e.g. \"https://matrix.org\")"
        );
        assert_eq!(
            settings(json!({"homeserver": hs, "userId": "bot"})).err().unwrap(),
            "channels.matrix.userId is not a Matrix user id like \"@bot:example.org\": \"bot\""
        );
        assert_eq!(
            settings(json!({"homeserver": hs, "userId": "@bot:x"})).err().unwrap(),
            "channels.matrix.accounts.ops.accessToken is not set (or set password to log in at start)"
        );
        let secret = "syt_SE CRET";
        let e = settings(json!({"homeserver": hs, "userId": "@bot:x", "accessToken": secret})).err().unwrap();
        assert!(e.contains("accessToken") && !e.contains("CRET"), "{e}");
        assert!(
            settings(json!({"homeserver": hs, "userId": "@bot:x", "password": "p", "encryption": true}))
                .err()
                .unwrap()
                .contains("encryption")
        );
        let ok =
            settings(json!({"homeserver": "http://127.0.0.1:8008/", "userId": "@bot:x", "password": "p"}))
                .unwrap();
        assert_eq!(ok.homeserver, "http://127.0.0.1:8008");
        assert_eq!(ok.auth_key, "channels.matrix.password");
        assert_eq!((ok.sync_timeout, ok.timeline_limit, ok.auto_join), (30, 50, AutoJoin::Allowed));
    }

    #[test]
    fn targets() {
        assert_eq!(target("@ann:hs"), ChatRef { id: "@ann:hs".into(), kind: ChatKind::Direct, thread: None });
        assert_eq!(target("user:@ann:hs").kind, ChatKind::Direct);
        assert_eq!(target("!r:hs"), ChatRef { id: "!r:hs".into(), kind: ChatKind::Group, thread: None });
        assert_eq!(target("room:#ops:hs").id, "#ops:hs");
        assert_eq!(enc("!AbC:hs.org"), "%21AbC%3Ahs.org");
    }

    #[test]
    fn mentions_and_fallbacks() {
        assert_eq!(strip_reply_fallback("> <@ann:hs> earlier\n> more\n\nnew text"), "new text");
        assert_eq!(strip_reply_fallback("plain"), "plain");
        assert!(contains_word("hey Claw, you there", "claw"));
        assert!(!contains_word("clawing away", "claw"));
        assert!(contains_word("ping @claw:hs please", "@claw:hs"));
        let names = ["@claw:hs", "Claw Bot", "claw"];
        assert_eq!(strip_mention("Claw Bot: what time is it?", &names), "what time is it?");
        assert_eq!(strip_mention("@claw:hs hello", &names), "hello");
        assert_eq!(strip_mention("@claw:hs: hello", &names), "hello");
        assert_eq!(strip_mention("tell claw hi", &names), "tell claw hi");
        assert_eq!(retry_secs(&json!({"errcode": "M_LIMIT_EXCEEDED", "retry_after_ms": 1500})), 2);
    }
}
