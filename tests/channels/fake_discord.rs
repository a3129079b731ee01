//! A fake Discord on 127.0.0.1 that speaks Gateway v10 (JSON text frames, no compression) and the
//! REST v10 routes a bot needs: login (`/gateway/bot`, `/users/@me`, `/applications/@me`), sending
//! messages (2000-character limit, `nonce` + `enforce_nonce` dedupe, replies), typing, reactions,
//! channel lookups and `GET …/messages` backfill. One shard, one current session with an event
//! log, so RESUME replays what a dropped client missed, as Discord does within its resume window.
//! Scripted gateway faults (drop, op7, op9, close codes, zombie) and REST faults (429, any status),
//! honest rate-limit headers with per-route buckets, and a record of every call.
//!
//! It does not own any adapter logic, and it does not model sharding, voice, ETF or compressed
//! transports (a client asking for `compress` is closed with 4002 rather than silently served
//! plain text). Its fidelity is checked by running the official discord.js client against it
//! (`tests/discordjs/check.mjs`).
//!
//! Behaviour that tests may trip over, all as on the real service:
//! - A client closing with 1000/1001 ends its session: a later RESUME gets op9 `false`.
//! - Without the `GUILD_MESSAGES` / `DIRECT_MESSAGES` intent the session gets no such events, and
//!   without `MESSAGE_CONTENT` guild messages arrive with empty `content` unless they mention the
//!   bot or are the bot's own.
//! - The bot's own successful sends come back as `MESSAGE_CREATE` (see [`FakeOptions`]).
//! - REST calls to a channel the fake has never seen answer 404 `Unknown Channel` (10003): a
//!   channel becomes known through a dispatched message, [`FakeDiscord::add_guild`],
//!   [`FakeDiscord::add_channel`] or `POST /users/@me/channels`.
//! - Events dispatched while the session is invalidated (op9 `false`, close 4007/4009, a client
//!   1000) are not delivered by the gateway; they are still in the REST message store.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use serde_json::{Map, Value, json};
use tokio::sync::{mpsc, watch};

pub const TOKEN: &str = "discord-test-token";
pub const BOT_ID: &str = "900000000000000001";
pub const BOT_NAME: &str = "clawbot";
pub const APPLICATION_ID: &str = "900000000000000001";

/// Gateway intents (bits of Identify `intents`).
pub const GUILDS: u64 = 1 << 0;
pub const GUILD_MEMBERS: u64 = 1 << 1;
pub const GUILD_PRESENCES: u64 = 1 << 8;
pub const GUILD_MESSAGES: u64 = 1 << 9;
pub const GUILD_MESSAGE_REACTIONS: u64 = 1 << 10;
pub const DIRECT_MESSAGES: u64 = 1 << 12;
pub const MESSAGE_CONTENT: u64 = 1 << 15;
/// The intents that need switching on in the developer portal.
pub const PRIVILEGED_INTENTS: u64 = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
const VALID_INTENTS: u64 = ((1 << 17) - 1) | (1 << 20) | (1 << 21) | (1 << 24) | (1 << 25);

/// Discord's epoch (2015-01-01) in Unix milliseconds, the base of snowflakes.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
/// Discord's limit on one client payload; bigger ones close the socket with 4002.
const MAX_PAYLOAD: usize = 4096;
/// Gateway send limit per connection: 120 payloads per 60 s, else close 4008.
const SEND_LIMIT: usize = 120;

/// How the fake behaves; [`FakeDiscord::start`] uses the defaults.
#[derive(Clone, Debug)]
pub struct FakeOptions {
    /// op10 Hello `heartbeat_interval` (Discord: 41250).
    pub heartbeat_interval_ms: u64,
    /// Privileged intents switched on in the "developer portal": an Identify asking for any other
    /// privileged intent is closed with 4014 (Disallowed intents). Default: all of them.
    pub privileged_intents_enabled: u64,
    /// Deliver the bot's own successful sends back as `MESSAGE_CREATE` (Discord does). Default true.
    pub echo_own_messages: bool,
    /// Per-route bucket: `limit` calls per `window`; the next one is answered 429 (scope `user`).
    /// `None`: headers still sent, never enforced. Default: 5 per 5 s, like the message route.
    pub rate_limit: Option<(u32, Duration)>,
    /// READY's `resume_gateway_url` points at `/gateway-resume` instead of `/gateway`, so a test
    /// can check that a resume uses it ([`FakeDiscord::connection_paths`]). Default false.
    pub distinct_resume_url: bool,
}

impl Default for FakeOptions {
    fn default() -> Self {
        FakeOptions {
            heartbeat_interval_ms: 41_250,
            privileged_intents_enabled: PRIVILEGED_INTENTS,
            echo_own_messages: true,
            rate_limit: Some((5, Duration::from_secs(5))),
            distinct_resume_url: false,
        }
    }
}

/// A scripted gateway fault. With a connection open it hits that connection now; with none open
/// it is kept for the next connection and applied when that one sends Identify or Resume, instead
/// of the answer (e.g. `DropSocket` then means "the resume is answered by a dropped socket").
#[derive(Clone, Debug, PartialEq)]
pub enum GatewayFault {
    /// Cut TCP without a close frame (the session stays resumable).
    DropSocket,
    /// Send op7 Reconnect.
    Reconnect,
    /// Send op9 Invalid Session with `d`; `false` discards the session (Identify needed).
    InvalidSession(bool),
    /// Close with this code: 4004 and 4007, 4009, 4010–4014 also discard the session.
    Close(u16),
    /// Never send op11 again on this connection (a zombie).
    StopAckingHeartbeats,
    /// Send op1 (the server asks for a heartbeat now).
    RequestHeartbeat,
}

/// A scripted answer for the next matching REST call.
#[derive(Clone, Debug, PartialEq)]
pub enum RestFault {
    /// 429 with `Retry-After` (whole seconds, rounded up) and the body Discord sends.
    RateLimited { retry_after: f64, global: bool },
    /// This status and JSON body.
    Status(u16, Value),
}

/// A message the bot created with `POST /channels/{id}/messages`.
#[derive(Clone, Debug)]
pub struct SentMessage {
    pub channel_id: String,
    /// The request body.
    pub body: Value,
    pub id: String,
    pub at: Instant,
    /// The message object that was returned.
    pub message: Value,
}

/// One REST request, whatever its answer.
#[derive(Clone, Debug)]
pub struct RestCall {
    pub method: String,
    /// The URL path, e.g. `/api/v10/channels/1/messages` (still percent-encoded).
    pub path: String,
    /// The raw query string ("" when none).
    pub query: String,
    pub auth: Option<String>,
    pub user_agent: Option<String>,
    /// The JSON body (`Null` when empty, a string when not JSON).
    pub body: Value,
    /// The status the fake answered with.
    pub status: u16,
    pub at: Instant,
}

/// A reaction added with `PUT …/reactions/{emoji}/@me` (emoji percent-decoded).
#[derive(Clone, Debug, PartialEq)]
pub struct Reaction {
    pub channel_id: String,
    pub message_id: String,
    pub emoji: String,
}

enum Cmd {
    Frame(String),
    Fault(GatewayFault),
    Drop,
}

struct Session {
    id: String,
    seq: u64,
    intents: u64,
    /// Dispatches (not READY/RESUMED) in `s` order, for replay on RESUME.
    log: Vec<(u64, String)>,
    /// The connection receiving this session's dispatches.
    attached: Option<u64>,
}

struct Bucket {
    start: Instant,
    count: u32,
}

#[derive(Default)]
struct St {
    opts: FakeOptions,
    port: u16,
    session: Option<Session>,
    ever_identified: bool,
    /// Dispatched before the first session; delivered after the first READY.
    pending: Vec<(String, Value)>,
    conns: Vec<(u64, mpsc::UnboundedSender<Cmd>)>,
    next_conn: u64,
    next_faults: VecDeque<GatewayFault>,
    rest_faults: VecDeque<(String, String, RestFault)>,
    identifies: Vec<Value>,
    resumes: Vec<Value>,
    heartbeats: usize,
    connection_paths: Vec<String>,
    close_codes: Vec<u16>,
    rest_calls: Vec<RestCall>,
    sent: Vec<SentMessage>,
    reactions: Vec<Reaction>,
    typing: Vec<String>,
    /// channel id → channel object.
    channels: HashMap<String, Value>,
    /// guild id → guild object (with `channels`), in registration order.
    guilds: Vec<Value>,
    /// channel id → messages in REST shape, in creation order.
    messages: HashMap<String, Vec<Value>>,
    /// user id → user object, from authors seen.
    users: HashMap<String, Value>,
    nonces: HashMap<(String, String), Value>,
    buckets: HashMap<String, Bucket>,
}

#[derive(Clone)]
struct Shared {
    st: Arc<Mutex<St>>,
    shutdown: watch::Receiver<bool>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, St> {
        // A test that panicked while holding the lock must not turn every later call into a panic.
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The fake server; it stops (listener and open sockets) when dropped.
pub struct FakeDiscord {
    pub port: u16,
    shared: Shared,
    stop: watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.server.abort();
    }
}

impl FakeDiscord {
    /// Serves on 127.0.0.1 with a free port and the default options.
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with(FakeOptions::default()).await
    }

    /// Serves on 127.0.0.1 with a free port and these options.
    pub async fn start_with(opts: FakeOptions) -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let (stop, shutdown) = watch::channel(false);
        let st = St { opts, port, ..St::default() };
        let shared = Shared { st: Arc::new(Mutex::new(st)), shutdown };
        let app = axum::Router::new()
            .route("/gateway", get(gateway))
            .route("/gateway/", get(gateway))
            .route("/gateway-resume", get(gateway))
            .route("/gateway-resume/", get(gateway))
            .fallback(rest)
            .with_state(shared.clone());
        let mut until = shared.shutdown.clone();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = until.wait_for(|s| *s).await;
                })
                .await;
        });
        FakeDiscord { port, shared, stop, server }
    }

    /// `http://127.0.0.1:P/api/v10`
    pub fn api_base(&self) -> String {
        format!("http://127.0.0.1:{}/api/v10", self.port)
    }

    /// `ws://127.0.0.1:P/gateway` (also `url` of `GET /gateway/bot`).
    pub fn gateway_url(&self) -> String {
        format!("ws://127.0.0.1:{}/gateway", self.port)
    }

    /// Queue a dispatch (`op` 0) with the next `s` of the current session: delivered now to the
    /// connection holding the session, or kept in the session's log for replay on RESUME. Before
    /// the first Identify, events wait for the first READY. `MESSAGE_CREATE` payloads also go to
    /// the REST message store (for `GET …/messages`) and make their channel and author known.
    pub fn dispatch(&self, event: &str, d: Value) {
        let mut st = self.shared.lock();
        if event == "MESSAGE_CREATE" {
            st.learn_message(&d);
        }
        st.dispatch(event, d);
    }

    /// [`FakeDiscord::dispatch`] of a `MESSAGE_CREATE` (build `d` with [`dm`] or [`guild_message`]).
    pub fn message_create(&self, d: Value) {
        self.dispatch("MESSAGE_CREATE", d)
    }

    /// Inject a gateway fault (see [`GatewayFault`] for when it applies).
    pub fn fault(&self, f: GatewayFault) {
        let mut st = self.shared.lock();
        let live = st.conns.last().map(|(_, tx)| tx.clone());
        match live {
            Some(tx) if tx.send(Cmd::Fault(f.clone())).is_ok() => {}
            _ => st.next_faults.push_back(f),
        }
    }

    /// The next REST call with this method whose path starts with `path_prefix` gets `f`. The
    /// prefix is matched against the path after `/api/v10` (e.g. `/channels/1/messages`), or
    /// against the whole path when it starts with `/api/`. Faults queue up in order.
    pub fn rest_fault(&self, method: &str, path_prefix: &str, f: RestFault) {
        self.shared.lock().rest_faults.push_back((method.to_ascii_uppercase(), path_prefix.to_string(), f));
    }

    /// Registers a guild with text channels (ids): listed as unavailable in READY and sent as
    /// `GUILD_CREATE` right after it, as Discord does (discord.js needs it for guild messages).
    pub fn add_guild(&self, guild_id: &str, name: &str, channel_ids: &[&str]) {
        let mut st = self.shared.lock();
        let channels: Vec<Value> =
            channel_ids.iter().map(|c| guild_channel(c, guild_id, &format!("channel-{c}"))).collect();
        for c in &channels {
            st.channels.insert(c["id"].as_str().unwrap_or_default().to_string(), c.clone());
        }
        let guild = guild_object(guild_id, name, channels);
        st.guilds.push(guild.clone());
        if st.session.is_some() {
            st.dispatch("GUILD_CREATE", guild);
        }
    }

    /// Makes a channel object known (its `id` field names it).
    pub fn add_channel(&self, channel: Value) {
        let id = channel["id"].as_str().unwrap_or_default().to_string();
        self.shared.lock().channels.insert(id, channel);
    }

    /// Messages created by `POST /channels/{id}/messages`, in order (a nonce repeat is not new).
    pub fn sent_messages(&self) -> Vec<SentMessage> {
        self.shared.lock().sent.clone()
    }

    /// Every REST call, in order, whatever its answer.
    pub fn rest_calls(&self) -> Vec<RestCall> {
        self.shared.lock().rest_calls.clone()
    }

    /// op2 `d` payloads received, valid or not.
    pub fn identifies(&self) -> Vec<Value> {
        self.shared.lock().identifies.clone()
    }

    /// op6 `d` payloads received, valid or not.
    pub fn resumes(&self) -> Vec<Value> {
        self.shared.lock().resumes.clone()
    }

    /// op1 heartbeats received, on all connections.
    pub fn heartbeats(&self) -> usize {
        self.shared.lock().heartbeats
    }

    /// WebSocket connections accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.lock().connection_paths.len()
    }

    /// WebSocket connections open right now.
    pub fn open_connections(&self) -> usize {
        self.shared.lock().conns.len()
    }

    /// Path and query of every accepted WebSocket connection, e.g. `/gateway?v=10&encoding=json`.
    pub fn connection_paths(&self) -> Vec<String> {
        self.shared.lock().connection_paths.clone()
    }

    /// Close codes the client sent (1005 for a close frame without a code).
    pub fn close_codes(&self) -> Vec<u16> {
        self.shared.lock().close_codes.clone()
    }

    /// Reactions the bot holds now (added and not removed), in order.
    pub fn reactions(&self) -> Vec<Reaction> {
        self.shared.lock().reactions.clone()
    }

    /// Channel ids of `POST /channels/{id}/typing` calls, in order.
    pub fn typing(&self) -> Vec<String> {
        self.shared.lock().typing.clone()
    }

    /// The current session id, if a session is alive (identified, not invalidated).
    pub fn session_id(&self) -> Option<String> {
        self.shared.lock().session.as_ref().map(|s| s.id.clone())
    }

    /// The last `s` assigned in the current session (0 when none).
    pub fn seq(&self) -> u64 {
        self.shared.lock().session.as_ref().map_or(0, |s| s.seq)
    }
}

/// A fresh snowflake from the current time, rising within the process; the fake's own message
/// ids come from here too, so ids made by a test never collide with them.
pub fn snowflake() -> String {
    static LAST: Mutex<u64> = Mutex::new(0);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    *last = next_snowflake(*last);
    last.to_string()
}

fn next_snowflake(last: u64) -> u64 {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    ((ms.saturating_sub(DISCORD_EPOCH_MS) << 22) | (1 << 17)).max(last + 1)
}

/// The DM channel id [`dm`] uses for a user: a stable snowflake derived from the user id.
pub fn dm_channel_id(author_id: &str) -> String {
    // FNV-1a: the same user always lands in the same DM channel, like Discord.
    let h = author_id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    (800_000_000_000_000_000 + h % 100_000_000_000_000_000).to_string()
}

/// A user object as Discord sends it for a human.
pub fn user(id: &str, name: &str) -> Value {
    json!({"id": id, "username": name, "global_name": name, "discriminator": "0", "avatar": null,
        "public_flags": 0, "flags": 0, "banner": null, "accent_color": null, "avatar_decoration_data": null})
}

/// The bot's user object (READY `user`, `GET /users/@me`).
pub fn bot_user() -> Value {
    json!({"id": BOT_ID, "username": BOT_NAME, "global_name": null, "discriminator": "0", "avatar": null,
        "bot": true, "verified": true, "mfa_enabled": false, "flags": 0, "public_flags": 0,
        "banner": null, "accent_color": null, "email": null, "locale": "en-US"})
}

fn timestamp() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
}

fn member(roles: Vec<Value>) -> Value {
    json!({"roles": roles, "joined_at": "2025-01-01T00:00:00.000000+00:00", "nick": null, "avatar": null,
        "banner": null, "premium_since": null, "deaf": false, "mute": false, "flags": 0, "pending": false,
        "communication_disabled_until": null})
}

fn message_object(id: &str, channel_id: &str, author: Value, content: &str) -> Value {
    json!({"type": 0, "tts": false, "timestamp": timestamp(), "pinned": false, "mentions": [],
        "mention_roles": [], "mention_everyone": false, "id": id, "flags": 0, "embeds": [],
        "edited_timestamp": null, "content": content, "components": [], "channel_id": channel_id,
        "author": author, "attachments": []})
}

/// A `MESSAGE_CREATE` `d` for a direct message from a user to the bot (`channel_type` 1, no
/// `guild_id`, `channel_id` = [`dm_channel_id`]).
pub fn dm(id: &str, author_id: &str, author_name: &str, content: &str) -> Value {
    let mut m = message_object(id, &dm_channel_id(author_id), user(author_id, author_name), content);
    m["channel_type"] = json!(1);
    m
}

/// A `MESSAGE_CREATE` `d` for a message in a guild text channel (`channel_type` 0, with `member`).
/// With `mentions_bot` the content starts with `<@BOT_ID> ` and `mentions` holds the bot.
pub fn guild_message(
    id: &str,
    guild_id: &str,
    channel_id: &str,
    author_id: &str,
    author_name: &str,
    content: &str,
    mentions_bot: bool,
) -> Value {
    let content = if mentions_bot { format!("<@{BOT_ID}> {content}") } else { content.to_string() };
    let mut m = message_object(id, channel_id, user(author_id, author_name), &content);
    if mentions_bot {
        let mut bot = bot_user();
        bot["member"] = member(vec![]);
        m["mentions"] = json!([bot]);
    }
    m["guild_id"] = json!(guild_id);
    m["member"] = member(vec![]);
    m["channel_type"] = json!(0);
    m
}

fn guild_channel(id: &str, guild_id: &str, name: &str) -> Value {
    json!({"id": id, "type": 0, "guild_id": guild_id, "name": name, "position": 0,
        "permission_overwrites": [], "parent_id": null, "nsfw": false, "topic": null,
        "last_message_id": null, "rate_limit_per_user": 0, "flags": 0})
}

fn dm_channel(id: &str, recipient: Value) -> Value {
    json!({"id": id, "type": 1, "last_message_id": null, "flags": 0, "recipients": [recipient]})
}

fn guild_object(id: &str, name: &str, channels: Vec<Value>) -> Value {
    let mut everyone = json!({"id": id, "name": "@everyone", "permissions": "1071698660929", "position": 0,
        "color": 0, "hoist": false, "managed": false, "mentionable": false, "flags": 0, "icon": null,
        "unicode_emoji": null});
    everyone["tags"] = json!({});
    let mut me = member(vec![]);
    me["user"] = bot_user();
    json!({"id": id, "name": name, "icon": null, "splash": null, "discovery_splash": null,
        "owner_id": "900000000000000009", "afk_channel_id": null, "afk_timeout": 300,
        "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
        "roles": [everyone], "emojis": [], "stickers": [], "features": [], "mfa_level": 0,
        "application_id": null, "system_channel_id": null, "system_channel_flags": 0,
        "rules_channel_id": null, "vanity_url_code": null, "description": null, "banner": null,
        "premium_tier": 0, "premium_subscription_count": 0, "preferred_locale": "en-US",
        "public_updates_channel_id": null, "nsfw_level": 0, "premium_progress_bar_enabled": false,
        "joined_at": "2025-01-01T00:00:00.000000+00:00", "large": false, "unavailable": false,
        "member_count": 2, "members": [me], "channels": channels, "threads": [], "presences": [],
        "voice_states": [], "stage_instances": [], "guild_scheduled_events": [],
        "soundboard_sounds": []})
}

fn frame(op: u8, d: Value, s: Option<u64>, t: Option<&str>) -> String {
    json!({"t": t, "s": s, "op": op, "d": d}).to_string()
}

/// What an event looks like to a session with these intents (`None`: not sent to it at all).
fn visible(intents: u64, event: &str, d: &Value) -> Option<Value> {
    let guild = d.get("guild_id").is_some_and(|g| !g.is_null());
    if event.starts_with("MESSAGE_") {
        let need = if guild { GUILD_MESSAGES } else { DIRECT_MESSAGES };
        let need = if event.starts_with("MESSAGE_REACTION") { need << 1 } else { need };
        if intents & need == 0 {
            return None;
        }
        let own = d["author"]["id"] == BOT_ID;
        let mentioned = d["mentions"].as_array().is_some_and(|m| m.iter().any(|u| u["id"] == BOT_ID));
        if (event == "MESSAGE_CREATE" || event == "MESSAGE_UPDATE")
            && guild
            && intents & MESSAGE_CONTENT == 0
            && !own
            && !mentioned
        {
            let mut d = d.clone();
            d["content"] = json!("");
            d["embeds"] = json!([]);
            d["attachments"] = json!([]);
            d["components"] = json!([]);
            if let Some(m) = d.as_object_mut() {
                m.remove("poll");
            }
            return Some(d);
        }
    } else if event.starts_with("GUILD_") && intents & GUILDS == 0 {
        return None;
    }
    Some(d.clone())
}

fn is_new_session_code(code: u16) -> bool {
    matches!(code, 4004 | 4007 | 4009 | 4010..=4014)
}

impl St {
    fn gateway_url(&self) -> String {
        format!("ws://127.0.0.1:{}/gateway", self.port)
    }

    fn resume_url(&self) -> String {
        let path = if self.opts.distinct_resume_url { "gateway-resume" } else { "gateway" };
        format!("ws://127.0.0.1:{}/{path}", self.port)
    }

    fn conn_tx(&self, conn: u64) -> Option<&mpsc::UnboundedSender<Cmd>> {
        self.conns.iter().find(|(id, _)| *id == conn).map(|(_, tx)| tx)
    }

    /// Adds an event to the current session (filtered by its intents) and sends it to the
    /// connection holding it, if any.
    fn dispatch(&mut self, event: &str, d: Value) {
        let Some(session) = self.session.as_mut() else {
            if !self.ever_identified {
                self.pending.push((event.to_string(), d));
            }
            return;
        };
        let Some(d) = visible(session.intents, event, &d) else { return };
        session.seq += 1;
        let f = frame(0, d, Some(session.seq), Some(event));
        session.log.push((session.seq, f.clone()));
        if let Some(conn) = session.attached
            && let Some(tx) = self.conn_tx(conn)
        {
            let _ = tx.send(Cmd::Frame(f));
        }
    }

    /// Stores an inbound message for REST and learns its channel and author.
    fn learn_message(&mut self, d: &Value) {
        let Some(channel_id) = d["channel_id"].as_str().map(str::to_string) else { return };
        if let Some(author_id) = d["author"]["id"].as_str() {
            let mut u = d["author"].clone();
            if let Some(u) = u.as_object_mut() {
                u.remove("member");
            }
            self.users.entry(author_id.to_string()).or_insert(u);
        }
        let guild_id = d["guild_id"].as_str();
        if !self.channels.contains_key(&channel_id) {
            let channel = match guild_id {
                Some(g) => guild_channel(&channel_id, g, &format!("channel-{channel_id}")),
                None => dm_channel(&channel_id, d["author"].clone()),
            };
            self.channels.insert(channel_id.clone(), channel);
        }
        if let Some(c) = self.channels.get_mut(&channel_id) {
            c["last_message_id"] = d["id"].clone();
        }
        let mut m = d.clone();
        if let Some(o) = m.as_object_mut() {
            for k in ["guild_id", "member", "channel_type"] {
                o.remove(k);
            }
        }
        self.messages.entry(channel_id).or_default().push(m);
    }

    fn find_message(&self, channel_id: &str, message_id: &str) -> Option<&Value> {
        self.messages.get(channel_id)?.iter().find(|m| m["id"] == message_id)
    }

    fn drop_session_if(&mut self, conn: u64) {
        if self.session.as_ref().is_some_and(|s| s.attached == Some(conn)) {
            self.session = None;
        }
    }

    /// A fault on this connection ends the session it holds, or the one waiting for a resume.
    fn drop_session_for_fault(&mut self, conn: u64) {
        if self.session.as_ref().is_some_and(|s| s.attached.is_none_or(|a| a == conn)) {
            self.session = None;
        }
    }

    fn detach(&mut self, conn: u64) {
        if let Some(s) = self.session.as_mut()
            && s.attached == Some(conn)
        {
            s.attached = None;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Gateway

/// What a connection does after handling something.
enum Next {
    Stay,
    Close(u16, &'static str),
    Drop,
}

struct Conn {
    id: u64,
    authed: bool,
    zombie: bool,
    sent_at: VecDeque<Instant>,
}

async fn gateway(
    State(sh): State<Shared>,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
    ws: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    let Ok(ws) = ws else {
        return json_response(400, &json!({"message": "400: Bad Request", "code": 0}), &[]);
    };
    // Discord answers a bad version or encoding with a close code after the upgrade.
    let refuse = match (q.get("v").map(String::as_str), q.get("encoding").map(String::as_str)) {
        (Some("10"), None | Some("json")) if !q.contains_key("compress") => None,
        (Some("10"), None | Some("json")) => Some((4002, "compression is not supported by the fake")),
        (Some("10"), Some(_)) => Some((4002, "only encoding=json is supported by the fake")),
        _ => Some((4012, "Invalid API version")),
    };
    let (tx, rx) = mpsc::unbounded_channel();
    let conn = {
        let mut st = sh.lock();
        st.next_conn += 1;
        let id = st.next_conn;
        st.conns.push((id, tx));
        let path = uri.path_and_query().map_or_else(|| uri.path().to_string(), |p| p.to_string());
        st.connection_paths.push(path);
        id
    };
    ws.on_upgrade(move |socket| connection(socket, sh, conn, rx, refuse))
}

async fn connection(
    mut ws: WebSocket,
    sh: Shared,
    id: u64,
    mut rx: mpsc::UnboundedReceiver<Cmd>,
    refuse: Option<(u16, &'static str)>,
) {
    let mut c = Conn { id, authed: false, zombie: false, sent_at: VecDeque::new() };
    let mut shutdown = sh.shutdown.clone();
    let mut client_close = None;
    let next = if let Some((code, reason)) = refuse {
        Next::Close(code, reason)
    } else {
        let interval = sh.lock().opts.heartbeat_interval_ms;
        let hello =
            frame(10, json!({"heartbeat_interval": interval, "_trace": ["[\"fake-gateway\"]"]}), None, None);
        if ws.send(Message::Text(hello.into())).await.is_err() {
            finish(&sh, &c, None);
            return;
        }
        loop {
            let (frames, next) = tokio::select! {
                _ = shutdown.wait_for(|s| *s) => (vec![], Next::Drop),
                cmd = rx.recv() => match cmd {
                    Some(Cmd::Frame(f)) => (vec![f], Next::Stay),
                    Some(Cmd::Fault(f)) => apply_fault(&mut sh.lock(), &mut c, f),
                    Some(Cmd::Drop) | None => (vec![], Next::Drop),
                },
                msg = ws.recv() => match msg {
                    Some(Ok(Message::Text(t))) => on_payload(&sh, &mut c, t.as_bytes()),
                    Some(Ok(Message::Binary(b))) => on_payload(&sh, &mut c, &b),
                    Some(Ok(Message::Close(f))) => {
                        client_close = Some(f.map_or(1005, |f| f.code));
                        (vec![], Next::Drop)
                    }
                    Some(Ok(_)) => (vec![], Next::Stay),
                    Some(Err(_)) | None => (vec![], Next::Drop),
                },
            };
            let mut ok = true;
            for f in frames {
                ok = ok && ws.send(Message::Text(f.into())).await.is_ok();
            }
            match next {
                Next::Stay if ok => continue,
                Next::Stay => break Next::Drop,
                n => break n,
            }
        }
    };
    if let Next::Close(code, reason) = next {
        let close = CloseFrame { code, reason: reason.into() };
        if ws.send(Message::Close(Some(close))).await.is_ok() {
            // Give the client a moment to answer the close handshake; its echo is not recorded.
            let _ = tokio::time::timeout(Duration::from_secs(2), async {
                while let Some(Ok(_)) = ws.recv().await {}
            })
            .await;
        }
    }
    finish(&sh, &c, client_close);
}

/// The connection is gone: forget it, record the client's close code, and end the session when
/// the client closed it normally (1000/1001), as Discord does.
fn finish(sh: &Shared, c: &Conn, client_close: Option<u16>) {
    let mut st = sh.lock();
    st.conns.retain(|(id, _)| *id != c.id);
    if let Some(code) = client_close {
        st.close_codes.push(code);
        if code == 1000 || code == 1001 {
            st.drop_session_if(c.id);
        }
    }
    st.detach(c.id);
}

fn apply_fault(st: &mut St, c: &mut Conn, f: GatewayFault) -> (Vec<String>, Next) {
    match f {
        GatewayFault::DropSocket => (vec![], Next::Drop),
        GatewayFault::Reconnect => (vec![frame(7, Value::Null, None, None)], Next::Stay),
        GatewayFault::InvalidSession(resumable) => {
            if resumable {
                st.detach(c.id);
            } else {
                st.drop_session_for_fault(c.id);
            }
            c.authed = false;
            (vec![frame(9, json!(resumable), None, None)], Next::Stay)
        }
        GatewayFault::Close(code) => {
            if is_new_session_code(code) {
                st.drop_session_for_fault(c.id);
            }
            (vec![], Next::Close(code, close_reason(code)))
        }
        GatewayFault::StopAckingHeartbeats => {
            c.zombie = true;
            (vec![], Next::Stay)
        }
        GatewayFault::RequestHeartbeat => (vec![frame(1, Value::Null, None, None)], Next::Stay),
    }
}

fn close_reason(code: u16) -> &'static str {
    match code {
        4000 => "Unknown error.",
        4001 => "Unknown opcode.",
        4002 => "Error while decoding payload.",
        4003 => "Not authenticated.",
        4004 => "Authentication failed.",
        4005 => "Already authenticated.",
        4007 => "Invalid seq.",
        4008 => "Rate limited.",
        4009 => "Session timed out.",
        4010 => "Invalid shard.",
        4011 => "Sharding required.",
        4012 => "Invalid API version.",
        4013 => "Invalid intent(s).",
        4014 => "Disallowed intent(s).",
        _ => "",
    }
}

fn close(code: u16) -> (Vec<String>, Next) {
    (vec![], Next::Close(code, close_reason(code)))
}

fn token_ok(t: &Value) -> bool {
    t.as_str().is_some_and(|t| t == TOKEN || t.strip_prefix("Bot ") == Some(TOKEN))
}

/// One client payload (a text or binary frame holding JSON).
fn on_payload(sh: &Shared, c: &mut Conn, raw: &[u8]) -> (Vec<String>, Next) {
    let now = Instant::now();
    c.sent_at.push_back(now);
    while c.sent_at.front().is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60)) {
        c.sent_at.pop_front();
    }
    if c.sent_at.len() > SEND_LIMIT {
        return close(4008);
    }
    if raw.len() > MAX_PAYLOAD {
        return close(4002);
    }
    let Ok(p) = serde_json::from_slice::<Value>(raw) else { return close(4002) };
    let Some(op) = p.get("op").and_then(Value::as_u64) else { return close(4002) };
    let d = p.get("d").cloned().unwrap_or(Value::Null);
    let mut st = sh.lock();
    match op {
        1 => {
            if !(d.is_null() || d.is_u64()) {
                return close(4002);
            }
            st.heartbeats += 1;
            if c.zombie {
                (vec![], Next::Stay)
            } else {
                (vec![frame(11, Value::Null, None, None)], Next::Stay)
            }
        }
        2 => identify(&mut st, c, d),
        6 => resume(&mut st, c, d),
        3 | 4 | 8 | 31 if c.authed => (vec![], Next::Stay),
        3 | 4 | 8 | 31 => close(4003),
        _ => close(4001),
    }
}

fn queued_fault(st: &mut St, c: &mut Conn) -> Option<(Vec<String>, Next)> {
    loop {
        match st.next_faults.pop_front()? {
            GatewayFault::StopAckingHeartbeats => c.zombie = true,
            f => return Some(apply_fault(st, c, f)),
        }
    }
}

fn identify(st: &mut St, c: &mut Conn, d: Value) -> (Vec<String>, Next) {
    st.identifies.push(d.clone());
    if c.authed {
        return close(4005);
    }
    if !d["token"].is_string() || !d["properties"].is_object() {
        return close(4002);
    }
    if !token_ok(&d["token"]) {
        return close(4004);
    }
    let Some(intents) = d["intents"].as_u64() else { return close(4013) };
    if intents & !VALID_INTENTS != 0 {
        return close(4013);
    }
    if intents & PRIVILEGED_INTENTS & !st.opts.privileged_intents_enabled != 0 {
        return close(4014);
    }
    if let Some(shard) = d.get("shard").filter(|s| !s.is_null()) {
        match (shard[0].as_u64(), shard[1].as_u64()) {
            (Some(id), Some(count)) if id < count => {}
            _ => return close(4010),
        }
    }
    if d["compress"] == true {
        return (vec![], Next::Close(4002, "payload compression is not supported by the fake"));
    }
    if let Some(answer) = queued_fault(st, c) {
        return answer;
    }
    // A new session: the old one (and what it missed) is gone.
    let session_id = uuid::Uuid::new_v4().simple().to_string();
    st.session =
        Some(Session { id: session_id.clone(), seq: 1, intents, log: Vec::new(), attached: Some(c.id) });
    st.ever_identified = true;
    c.authed = true;
    let guilds: Vec<Value> = st.guilds.iter().map(|g| json!({"id": g["id"], "unavailable": true})).collect();
    let mut ready = json!({"v": 10, "user_settings": {}, "user": bot_user(), "session_type": "normal",
        "session_id": session_id, "resume_gateway_url": st.resume_url(), "relationships": [],
        "private_channels": [], "presences": [], "guilds": guilds, "guild_join_requests": [],
        "geo_ordered_rtc_regions": ["fake"], "auth": {},
        "application": {"id": APPLICATION_ID, "flags": 8_953_856},
        "_trace": ["[\"fake-gateway\"]"]});
    if let Some(shard) = d.get("shard").filter(|s| !s.is_null()) {
        ready["shard"] = shard.clone();
    }
    let mut frames = vec![frame(0, ready, Some(1), Some("READY"))];
    // Frames from here on go through the log; send them now, in order, on this connection.
    let guilds = st.guilds.clone();
    let pending = std::mem::take(&mut st.pending);
    let before = st.session.as_ref().map_or(0, |s| s.log.len());
    if let Some(s) = st.session.as_mut() {
        s.attached = None;
    }
    for g in guilds {
        st.dispatch("GUILD_CREATE", g);
    }
    for (event, d) in pending {
        st.dispatch(&event, d);
    }
    if let Some(s) = st.session.as_mut() {
        frames.extend(s.log[before..].iter().map(|(_, f)| f.clone()));
        s.attached = Some(c.id);
    }
    (frames, Next::Stay)
}

fn resume(st: &mut St, c: &mut Conn, d: Value) -> (Vec<String>, Next) {
    st.resumes.push(d.clone());
    if c.authed {
        return close(4005);
    }
    if !d["session_id"].is_string() {
        return close(4002);
    }
    if !token_ok(&d["token"]) {
        return close(4004);
    }
    if let Some(answer) = queued_fault(st, c) {
        return answer;
    }
    let known = st.session.as_ref().is_some_and(|s| d["session_id"] == s.id.as_str());
    if !known {
        return (vec![frame(9, json!(false), None, None)], Next::Stay);
    }
    let seq = d["seq"].as_u64().unwrap_or(0);
    let Some(s) = st.session.as_mut() else { return (vec![], Next::Stay) };
    if seq > s.seq {
        st.session = None;
        return close(4007);
    }
    // A session lives on one connection: resuming it elsewhere ends the old socket.
    let old = s.attached.replace(c.id);
    let mut frames: Vec<String> = s.log.iter().filter(|(n, _)| *n > seq).map(|(_, f)| f.clone()).collect();
    s.seq += 1;
    frames.push(frame(0, json!({"_trace": ["[\"fake-gateway\"]"]}), Some(s.seq), Some("RESUMED")));
    if let Some(old) = old.filter(|o| *o != c.id)
        && let Some(tx) = st.conn_tx(old)
    {
        let _ = tx.send(Cmd::Drop);
    }
    c.authed = true;
    (frames, Next::Stay)
}

// ---------------------------------------------------------------------------------------------
// REST

fn json_response(status: u16, body: &Value, headers: &[(String, String)]) -> Response {
    let mut r = Response::builder().status(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
    for (k, v) in headers {
        r = r.header(k.as_str(), v.as_str());
    }
    if status == 204 {
        return r.body(Body::empty()).unwrap_or_default();
    }
    r.header("content-type", "application/json").body(Body::from(body.to_string())).unwrap_or_default()
}

fn error(status: u16, code: u32, message: &str) -> (u16, Value) {
    (status, json!({"message": message, "code": code}))
}

fn not_found() -> (u16, Value) {
    error(404, 0, "404: Not Found")
}

fn form_error(field: &str, code: &str, message: &str) -> Value {
    json!({field: {"_errors": [{"code": code, "message": message}]}})
}

fn invalid_form(errors: Map<String, Value>) -> (u16, Value) {
    (400, json!({"message": "Invalid Form Body", "code": 50035, "errors": errors}))
}

fn unix_now() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_snowflake(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())
}

fn id_num(v: &Value) -> u64 {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// The route (with ids other than the major one replaced) and whether it needs a bot token.
fn route_of(method: &Method, segs: &[&str]) -> Option<(String, bool)> {
    let m = method.as_str();
    let known = match segs {
        ["gateway"] => return Some((format!("{m} /gateway"), false)),
        ["gateway", "bot"] | ["users", "@me"] | ["applications", "@me"] => true,
        ["oauth2", "applications", "@me"] | ["users", "@me", "channels"] => true,
        ["channels", c] | ["channels", c, "messages" | "typing"] => {
            return Some((format!("{m} /channels/{c}/{}", segs[2..].join("/")), true));
        }
        ["channels", c, "messages", _] => return Some((format!("{m} /channels/{c}/messages/{{id}}"), true)),
        ["channels", c, "messages", _, "reactions", _, "@me"] => {
            return Some((format!("{m} /channels/{c}/messages/{{id}}/reactions/{{emoji}}/@me"), true));
        }
        _ => false,
    };
    known.then(|| (format!("{m} /{}", segs.join("/")), true))
}

async fn rest(State(sh): State<Shared>, req: Request) -> Response {
    let method = req.method().clone();
    let uri = req.uri().clone();
    let headers = req.headers().clone();
    let bytes = axum::body::to_bytes(req.into_body(), 1 << 24).await.unwrap_or_default();
    let body: Value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
    };
    let path = uri.path().to_string();
    let auth = header(&headers, "authorization");
    let mut st = sh.lock();
    let (status, answer, extra) = answer(&mut st, &method, &uri, auth.as_deref(), &body, bytes.is_empty());
    st.rest_calls.push(RestCall {
        method: method.to_string(),
        path,
        query: uri.query().unwrap_or_default().to_string(),
        auth,
        user_agent: header(&headers, "user-agent"),
        body,
        status,
        at: Instant::now(),
    });
    json_response(status, &answer, &extra)
}

fn rate_limited(retry_after: f64, global: bool) -> (u16, Value, Vec<(String, String)>) {
    let mut h = vec![
        ("retry-after".to_string(), (retry_after.ceil() as u64).to_string()),
        ("x-ratelimit-scope".to_string(), if global { "global" } else { "user" }.to_string()),
    ];
    if global {
        h.push(("x-ratelimit-global".to_string(), "true".to_string()));
    }
    let body =
        json!({"message": "You are being rate limited.", "retry_after": retry_after, "global": global});
    (429, body, h)
}

fn answer(
    st: &mut St,
    method: &Method,
    uri: &Uri,
    auth: Option<&str>,
    body: &Value,
    empty_body: bool,
) -> (u16, Value, Vec<(String, String)>) {
    let Some(rest_path) = uri.path().strip_prefix("/api/v10") else {
        let (s, b) = not_found();
        return (s, b, vec![]);
    };
    let segs: Vec<&str> = rest_path.trim_matches('/').split('/').collect();
    let Some((route, needs_auth)) = route_of(method, &segs) else {
        let (s, b) = not_found();
        return (s, b, vec![]);
    };
    if needs_auth && auth.and_then(|a| a.strip_prefix("Bot ")) != Some(TOKEN) {
        let (s, b) = error(401, 0, "401: Unauthorized");
        return (s, b, vec![]);
    }
    let fault = st.rest_faults.iter().position(|(m, prefix, _)| {
        m == method.as_str()
            && if prefix.starts_with("/api/") { uri.path() } else { rest_path }.starts_with(prefix.as_str())
    });
    if let Some((_, _, f)) = fault.and_then(|i| st.rest_faults.remove(i)) {
        return match f {
            RestFault::RateLimited { retry_after, global } => rate_limited(retry_after, global),
            RestFault::Status(status, body) => (status, body, vec![]),
        };
    }
    // Honest per-route bucket headers; past the limit a real 429.
    let (limit, window, enforce) = match st.opts.rate_limit {
        Some((limit, window)) => (limit, window, true),
        None => (50, Duration::from_secs(1), false),
    };
    let now = Instant::now();
    let b = st.buckets.entry(route.clone()).or_insert(Bucket { start: now, count: 0 });
    if now.duration_since(b.start) >= window {
        *b = Bucket { start: now, count: 0 };
    }
    b.count = b.count.saturating_add(1);
    let count = if enforce { b.count } else { 1 };
    let reset_after = window.saturating_sub(now.duration_since(b.start)).as_secs_f64();
    if count > limit {
        let (s, body, mut h) = rate_limited((reset_after * 1000.0).ceil() / 1000.0, false);
        h.push(("x-ratelimit-bucket".to_string(), bucket_hash(&route)));
        return (s, body, h);
    }
    let extra = vec![
        ("x-ratelimit-limit".to_string(), limit.to_string()),
        ("x-ratelimit-remaining".to_string(), (limit - count).to_string()),
        ("x-ratelimit-reset".to_string(), format!("{:.3}", unix_now() + reset_after)),
        ("x-ratelimit-reset-after".to_string(), format!("{reset_after:.3}")),
        ("x-ratelimit-bucket".to_string(), bucket_hash(&route)),
    ];
    let query = Query::<HashMap<String, String>>::try_from_uri(uri).map(|q| q.0).unwrap_or_default();
    let (status, answer) = route_call(st, method, &segs, body, empty_body, &query);
    (status, answer, extra)
}

fn bucket_hash(route: &str) -> String {
    let h =
        route.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{h:016x}")
}

fn application() -> Value {
    json!({"id": APPLICATION_ID, "name": BOT_NAME, "icon": null, "description": "", "type": null,
        "bot_public": true, "bot_require_code_grant": false, "verify_key": "0".repeat(64),
        "flags": 8_953_856, "bot": bot_user(), "owner": user("900000000000000009", "owner"),
        "team": null, "summary": "", "hook": true, "is_monetized": false,
        "interactions_endpoint_url": null, "approximate_guild_count": 1})
}

fn route_call(
    st: &mut St,
    method: &Method,
    segs: &[&str],
    body: &Value,
    empty_body: bool,
    query: &HashMap<String, String>,
) -> (u16, Value) {
    let get = method == Method::GET;
    let post = method == Method::POST;
    match segs {
        ["gateway"] if get => (200, json!({"url": st.gateway_url()})),
        ["gateway", "bot"] if get => {
            let used = st.identifies.len() as u64;
            (
                200,
                json!({"url": st.gateway_url(), "shards": 1, "session_start_limit":
                {"total": 1000, "remaining": 1000u64.saturating_sub(used + 1), "reset_after": 14_400_000,
                 "max_concurrency": 1}}),
            )
        }
        ["users", "@me"] if get => (200, bot_user()),
        ["applications", "@me"] | ["oauth2", "applications", "@me"] if get => (200, application()),
        ["users", "@me", "channels"] if post => {
            let Some(recipient) = body["recipient_id"].as_str().filter(|r| is_snowflake(r)) else {
                return invalid_form(
                    form_error("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")
                        .as_object()
                        .cloned()
                        .unwrap_or_default(),
                );
            };
            let id = dm_channel_id(recipient);
            let u = st.users.get(recipient).cloned().unwrap_or_else(|| user(recipient, "user"));
            let channel = st.channels.entry(id.clone()).or_insert_with(|| dm_channel(&id, u)).clone();
            (200, channel)
        }
        ["channels", c, rest @ ..] => {
            if !st.channels.contains_key(*c) {
                return error(404, 10003, "Unknown Channel");
            }
            channel_call(st, method, c, rest, body, empty_body, query)
        }
        _ => error(405, 0, "405: Method Not Allowed"),
    }
}

fn channel_call(
    st: &mut St,
    method: &Method,
    channel_id: &str,
    rest: &[&str],
    body: &Value,
    empty_body: bool,
    query: &HashMap<String, String>,
) -> (u16, Value) {
    let m = method.as_str();
    match (m, rest) {
        ("GET", []) => (200, st.channels.get(channel_id).cloned().unwrap_or(Value::Null)),
        ("POST", ["typing"]) => {
            st.typing.push(channel_id.to_string());
            (204, Value::Null)
        }
        ("POST", ["messages"]) => create_message(st, channel_id, body, empty_body),
        ("GET", ["messages"]) => list_messages(st, channel_id, query),
        ("GET", ["messages", mid]) => match st.find_message(channel_id, mid) {
            Some(msg) => (200, msg.clone()),
            None => error(404, 10008, "Unknown Message"),
        },
        ("PUT" | "DELETE", ["messages", mid, "reactions", emoji, "@me"]) => {
            if st.find_message(channel_id, mid).is_none() {
                return error(404, 10008, "Unknown Message");
            }
            let emoji = percent_decode(emoji);
            if emoji.is_empty() || emoji.contains(char::is_whitespace) {
                return error(400, 10014, "Unknown Emoji");
            }
            let r = Reaction { channel_id: channel_id.to_string(), message_id: mid.to_string(), emoji };
            if m == "PUT" {
                st.reactions.push(r);
            } else {
                st.reactions.retain(|x| *x != r);
            }
            (204, Value::Null)
        }
        _ => error(405, 0, "405: Method Not Allowed"),
    }
}

fn list_messages(st: &St, channel_id: &str, query: &HashMap<String, String>) -> (u16, Value) {
    let limit = match query.get("limit").map(|l| l.parse::<u64>()) {
        None => 50,
        Some(Ok(l)) if (1..=100).contains(&l) => l as usize,
        Some(_) => {
            let e = form_error("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
            return invalid_form(e.as_object().cloned().unwrap_or_default());
        }
    };
    let mut all: Vec<&Value> = st.messages.get(channel_id).map(|m| m.iter().collect()).unwrap_or_default();
    all.sort_by_key(|m| id_num(&m["id"]));
    let n = |k: &str| query.get(k).and_then(|v| v.parse::<u64>().ok());
    let picked: Vec<&Value> = if let Some(after) = n("after") {
        // The `limit` messages right after `after` (the oldest ones), newest first.
        all.into_iter().filter(|m| id_num(&m["id"]) > after).take(limit).collect()
    } else if let Some(before) = n("before") {
        let older: Vec<&Value> = all.into_iter().filter(|m| id_num(&m["id"]) < before).collect();
        older[older.len().saturating_sub(limit)..].to_vec()
    } else {
        all[all.len().saturating_sub(limit)..].to_vec()
    };
    (200, Value::Array(picked.into_iter().rev().cloned().collect()))
}

/// `<@id>` and `<@!id>` tokens in `content`.
fn mentioned_ids(content: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = content;
    while let Some(i) = rest.find("<@") {
        rest = &rest[i + 2..];
        let inner = rest.strip_prefix('!').unwrap_or(rest);
        if let Some(end) = inner.find('>')
            && is_snowflake(&inner[..end])
        {
            ids.push(inner[..end].to_string());
        }
    }
    ids
}

fn create_message(st: &mut St, channel_id: &str, body: &Value, empty_body: bool) -> (u16, Value) {
    if empty_body || !body.is_object() {
        return error(400, 50109, "The request body contains invalid JSON.");
    }
    let mut errors = Map::new();
    let content = match &body["content"] {
        Value::Null => "",
        Value::String(s) => s.as_str(),
        _ => {
            errors.extend(
                form_error("content", "BASE_TYPE_STRING", "Could not interpret value as string.")
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            );
            ""
        }
    };
    // Discord counts characters (code points), not bytes.
    if content.chars().count() > 2000 {
        errors.extend(
            form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
                .as_object()
                .cloned()
                .unwrap_or_default(),
        );
    }
    let nonce = match &body["nonce"] {
        Value::Null => None,
        Value::String(s) if s.chars().count() <= 25 => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => {
            errors.extend(
                form_error("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            );
            None
        }
    };
    let reference = &body["message_reference"];
    let mut referenced = None;
    if reference.is_object() {
        let ref_channel = reference["channel_id"].as_str().unwrap_or(channel_id);
        referenced =
            reference["message_id"].as_str().and_then(|mid| st.find_message(ref_channel, mid)).cloned();
        if referenced.is_none() && reference["fail_if_not_exists"] != false {
            errors.extend(
                form_error("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            );
        }
    }
    if !errors.is_empty() {
        return invalid_form(errors);
    }
    let non_empty = |k: &str| body[k].as_array().is_some_and(|a| !a.is_empty());
    if content.is_empty()
        && !["embeds", "sticker_ids", "components", "attachments"].iter().any(|k| non_empty(k))
        && body["poll"].is_null()
    {
        return error(400, 50006, "Cannot send an empty message");
    }
    let enforce = body["enforce_nonce"] == true;
    if enforce
        && let Some(n) = &nonce
        && let Some(earlier) = st.nonces.get(&(channel_id.to_string(), n.clone()))
    {
        return (200, earlier.clone());
    }

    let id = snowflake();
    let mut msg = message_object(&id, channel_id, bot_user(), content);
    let allowed = body.get("allowed_mentions").filter(|a| a.is_object());
    let parses = |what: &str| {
        allowed.is_none_or(|a| a["parse"].as_array().is_some_and(|p| p.iter().any(|x| x == what)))
    };
    let mut mentions: Vec<Value> = mentioned_ids(content)
        .into_iter()
        .filter(|uid| {
            parses("users")
                || allowed.is_some_and(|a| {
                    a["users"].as_array().is_some_and(|u| u.iter().any(|x| x == uid.as_str()))
                })
        })
        .map(|uid| {
            st.users
                .get(&uid)
                .cloned()
                .unwrap_or_else(|| if uid == BOT_ID { bot_user() } else { user(&uid, "user") })
        })
        .collect();
    msg["mention_everyone"] =
        json!((content.contains("@everyone") || content.contains("@here")) && parses("everyone"));
    if let Some(e) = body.get("embeds").filter(|e| e.is_array()) {
        msg["embeds"] = e.clone();
    }
    if let Some(c) = body.get("components").filter(|c| c.is_array()) {
        msg["components"] = c.clone();
    }
    if let Some(n) = body.get("nonce").filter(|n| !n.is_null()) {
        msg["nonce"] = n.clone();
    }
    if body["tts"] == true {
        msg["tts"] = json!(true);
    }
    if let Some(flags) = body["flags"].as_u64() {
        msg["flags"] = json!(flags & ((1 << 2) | (1 << 12) | (1 << 15)));
    }
    let guild_id = st.channels.get(channel_id).and_then(|c| c["guild_id"].as_str()).map(str::to_string);
    if let Some(r) = &referenced {
        msg["type"] = json!(19);
        let mut mr = json!({"type": 0, "channel_id": r["channel_id"], "message_id": r["id"]});
        if let Some(g) = &guild_id {
            mr["guild_id"] = json!(g);
        }
        msg["message_reference"] = mr;
        msg["referenced_message"] = r.clone();
        let ping_author = allowed.is_none_or(|a| a["replied_user"] == true);
        if ping_author && !mentions.iter().any(|m| m["id"] == r["author"]["id"]) {
            mentions.push(r["author"].clone());
        }
    }
    msg["mentions"] = Value::Array(mentions);
    st.messages.entry(channel_id.to_string()).or_default().push(msg.clone());
    if let Some(c) = st.channels.get_mut(channel_id) {
        c["last_message_id"] = json!(id);
    }
    if enforce && let Some(n) = nonce {
        st.nonces.insert((channel_id.to_string(), n), msg.clone());
    }
    st.sent.push(SentMessage {
        channel_id: channel_id.to_string(),
        body: body.clone(),
        id: id.clone(),
        at: Instant::now(),
        message: msg.clone(),
    });
    if st.opts.echo_own_messages {
        let mut d = msg.clone();
        match &guild_id {
            Some(g) => {
                d["guild_id"] = json!(g);
                d["member"] = member(vec![]);
                d["channel_type"] = json!(0);
            }
            None => d["channel_type"] = st.channels.get(channel_id).map_or(json!(1), |c| c["type"].clone()),
        }
        st.dispatch("MESSAGE_CREATE", d);
    }
    (200, msg)
}
