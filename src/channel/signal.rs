//! The Signal adapter, through signal-cli's HTTP daemon (the way every Signal bot talks to
//! Signal): Server-Sent Events from `GET /api/v1/events` for what arrives, JSON-RPC 2.0 over
//! `POST /api/v1/rpc` for what goes (`send`, `sendTyping`, `getUserStatus`).
//!
//! The daemon is the user's (`httpUrl`, default `http://127.0.0.1:8080`), started as
//!
//! ```text
//! signal-cli -a +31612345678 daemon --http 127.0.0.1:8080 --receive-mode on-connection --no-receive-stdout
//! ```
//!
//! or, with `cliPath`, the gateway starts exactly that itself, waits for `/api/v1/check` (a JVM
//! takes seconds), restarts it with backoff when it exits, and stops it with the account. Why
//! `--receive-mode on-connection`: signal-cli acknowledges a message to Signal's servers as soon
//! as it has received it. In the default mode (`on-start`) it keeps receiving while no SSE client
//! is attached and prints what it got to its stdout, so everything that arrives while the gateway
//! is down or reconnecting is consumed and lost to us. With `on-connection` it receives only while
//! a client is attached, so Signal's servers keep the queue and hand it over at the next connect.
//!
//! Durability: an event is journaled (through [`Inbox::deliver`]) as soon as it is read, so the
//! residual loss window is the time between signal-cli's write and our fsync. Ids are
//! `signal:<account>:<sender>:<timestamp>` (the envelope's (source, timestamp) pair), so a message
//! Signal hands over twice is answered once.
//!
//! Liveness: signal-cli writes a `:` keep-alive comment every 15 s; a stream silent for
//! `keepaliveTimeoutSeconds` (45) is a zombie (OpenClaw #42553) and is reconnected with backoff,
//! as is a dropped one (OpenClaw #425). A daemon that does not serve the configured account
//! (`400` on the events endpoint, or a signal-cli that exits saying the number is not registered)
//! stops the account with a health error saying so, instead of reconnecting in a loop.
//!
//! Mapping: a `dataMessage` with text is a message; `groupInfo` makes it a group message keyed by
//! the base64 group id (case kept), otherwise a DM keyed by the sender's UUID (its number when
//! there is none; numbers can be hidden). In a group it counts as addressed when a `mentions[]`
//! entry is our account (by number, or by the UUID `getUserStatus` gives for it) or it quotes us.
//! Mention placeholders (U+FFFC) become `@name`, and our own is removed. Receipts, typing, sync
//! messages (our own sends from another device), reactions, edits, stories and group updates are
//! ignored.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::watch;

use super::kind::{AccountConfig, Kind, Limits, SettingError};
use super::{
    BoxFuture, Channel, ChannelError, ChatKind, ChatRef, Health, HealthCell, InboundMessage, Inbox, Part,
    Sender, Unit, config_error, lock, stopped, transport_error,
};
use crate::net::{Backoff, error_chain};

/// Channel name in the config and in messages.
pub const NAME: &str = "signal";
const DEFAULT_URL: &str = "http://127.0.0.1:8080";
/// The longest SSE line accepted before the stream is called broken.
const MAX_EVENT: usize = 4 * 1024 * 1024;

/// The Signal kind: 4,000 characters per part (signal-cli sends the first 2,000 bytes inline and
/// the rest as a long-text attachment by itself).
pub static KIND: Kind = Kind {
    name: NAME,
    limits: Limits { max_len: 4000, unit: Unit::Chars, min_interval: Duration::from_millis(100) },
    token_key: "account",
    target,
    check: |account| Settings::read(account).map(drop),
    connect: |account, cx| {
        Ok(Arc::new(SignalChannel::from_account(account, cx.http.clone())?) as Arc<dyn Channel>)
    },
};

/// `group:<id>` is a group; a number (`+31…`), a UUID or `user:<either>` a DM.
fn target(to: &str) -> ChatRef {
    let to = to.trim();
    if let Some(g) = to.strip_prefix("group:").or_else(|| to.strip_prefix("channel:")) {
        return ChatRef { id: g.to_string(), kind: ChatKind::Group, thread: None };
    }
    let id = to.strip_prefix("user:").unwrap_or(to);
    ChatRef { id: id.to_string(), kind: ChatKind::Direct, thread: None }
}

/// An account's settings, typed: `account` (the bot's number, required), `httpUrl` (or
/// OpenClaw's `httpHost` + `httpPort`; default `http://127.0.0.1:8080`), `cliPath` (start and
/// supervise signal-cli), `startupTimeoutSeconds` (90), `keepaliveTimeoutSeconds` (45).
#[derive(Clone, Debug)]
struct Settings {
    account: String,
    account_key: String,
    url: String,
    cli_path: Option<String>,
    startup_timeout: Duration,
    keepalive_timeout: Duration,
}

impl Settings {
    fn read(a: &AccountConfig) -> Result<Settings, SettingError> {
        let account = match a.string("account")? {
            Some(n)
                if n.starts_with('+')
                    && (7..=16).contains(&n.len())
                    && n[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                n.to_string()
            }
            Some(n) => {
                return Err(a.error(
                    "account",
                    format_args!(
                        "is not a phone number in international format (+ and 6 to 15 digits): {n:?}"
                    ),
                ));
            }
            None => {
                return Err(a.error("account", "is not set (the bot's Signal number, e.g. \"+31612345678\")"));
            }
        };
        let url =
            if a.get("httpUrl").is_some() || (a.get("httpHost").is_none() && a.get("httpPort").is_none()) {
                a.url("httpUrl", &["http", "https"], DEFAULT_URL)?
            } else {
                let host = a.string("httpHost")?.unwrap_or("127.0.0.1");
                if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '/') {
                    return Err(a.error("httpHost", format_args!("is not a host name: {host:?}")));
                }
                let port = a.number("httpPort", 1..=65535, "port", 8080)?;
                format!("http://{host}:{port}")
            };
        let cli_path = match a.string("cliPath")? {
            Some(p) if p.trim().is_empty() => return Err(a.error("cliPath", "is empty")),
            Some(p) => {
                let host = reqwest::Url::parse(&url).ok().and_then(|u| u.host_str().map(str::to_string));
                if !matches!(host.as_deref(), Some("127.0.0.1" | "localhost" | "[::1]" | "::1"))
                    || !url.starts_with("http://")
                {
                    return Err(a.error(
                        "httpUrl",
                        format_args!("must be http://127.0.0.1:<port> when cliPath is set (the daemon the gateway starts listens there), not {url:?}"),
                    ));
                }
                Some(p.to_string())
            }
            None => None,
        };
        Ok(Settings {
            account,
            account_key: a.dotted("account"),
            url,
            cli_path,
            startup_timeout: Duration::from_secs(a.number(
                "startupTimeoutSeconds",
                1..=600,
                "seconds",
                90,
            )?),
            keepalive_timeout: Duration::from_secs(a.number(
                "keepaliveTimeoutSeconds",
                1..=3600,
                "seconds",
                45,
            )?),
        })
    }
}

/// One Signal account.
pub struct SignalChannel {
    account_id: String,
    settings: Settings,
    http: reqwest::Client,
    health: HealthCell,
    /// Our own ACI, from `getUserStatus` (mentions name us by it).
    me: Mutex<Option<String>>,
}

impl std::fmt::Debug for SignalChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignalChannel")
            .field("account", &self.account_id)
            .field("url", &self.settings.url)
            .finish_non_exhaustive()
    }
}

/// How one event stream ended.
enum End {
    Shutdown,
    Reconnect(String),
    Fatal(String),
}

/// A signal-cli the gateway started (`cliPath`), killed when dropped.
struct Daemon {
    child: tokio::process::Child,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Daemon {
    /// The last lines it wrote to stderr, for an error message.
    fn said(&self) -> String {
        lock(&self.stderr).join(" | ")
    }
}

/// One SSE event: its type and its data lines joined by newlines.
#[derive(Debug, Default, PartialEq, Eq)]
struct Event {
    event: String,
    data: String,
}

/// An incremental `text/event-stream` reader (the WHATWG rules signal-cli's
/// `ServerSentEventSender` writes to: `event:`, `data:`, `:` comments, a blank line ends one).
#[derive(Debug, Default)]
struct SseReader {
    buf: Vec<u8>,
    current: Event,
    has_data: bool,
}

impl SseReader {
    /// Feeds bytes; returns the events completed by them. `Err` when a line grows past
    /// [`MAX_EVENT`].
    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<Event>, String> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        while let Some(nl) = self.buf.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=nl).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                let ev = std::mem::take(&mut self.current);
                if std::mem::take(&mut self.has_data) {
                    out.push(ev);
                }
                continue;
            }
            if line.starts_with(':') {
                continue;
            }
            let (field, value) = match line.split_once(':') {
                Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
                None => (line, ""),
            };
            match field {
                "event" => self.current.event = value.to_string(),
                "data" => {
                    if self.has_data {
                        self.current.data.push('\n');
                    }
                    self.current.data.push_str(value);
                    self.has_data = true;
                }
                _ => {}
            }
        }
        if self.buf.len() > MAX_EVENT || self.current.data.len() > MAX_EVENT {
            return Err("signal-cli sent an event larger than 4 MiB".into());
        }
        Ok(out)
    }
}

/// Replaces each mention span (UTF-16 offsets, as Signal counts) with `@name`, dropping the ones
/// that name us.
fn render_mentions(text: &str, mentions: &[Value], is_me: impl Fn(&Value) -> bool) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut spans: Vec<(usize, usize, String)> = mentions
        .iter()
        .filter_map(|m| {
            let start = m.get("start")?.as_u64()? as usize;
            let len = m.get("length")?.as_u64()? as usize;
            if start.checked_add(len)? > units.len() {
                return None;
            }
            let name = if is_me(m) {
                String::new()
            } else {
                let who = ["name", "number", "uuid"]
                    .iter()
                    .find_map(|k| m.get(*k).and_then(Value::as_str).filter(|s| !s.is_empty()))
                    .unwrap_or("someone");
                format!("@{who}")
            };
            Some((start, len, name))
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = units;
    let mut last_start = usize::MAX;
    for (start, len, name) in spans {
        if start + len > last_start {
            continue; // overlapping spans: keep the later one
        }
        out.splice(start..start + len, name.encode_utf16());
        last_start = start;
    }
    let s = String::from_utf16_lossy(&out);
    s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").trim().to_string()
}

impl SignalChannel {
    /// Builds the adapter of one resolved account. Nothing is contacted until it runs or sends.
    pub fn from_account(account: &AccountConfig, http: reqwest::Client) -> Result<Self, ChannelError> {
        let settings = Settings::read(account).map_err(|e| config_error(NAME, e.message))?;
        Ok(SignalChannel {
            account_id: account.id.clone(),
            settings,
            http,
            health: HealthCell::default(),
            me: Mutex::new(None),
        })
    }

    /// Builds the adapter for `channels.signal.accounts.<account_id>`; `channel` is the value of
    /// `channels.signal`.
    pub fn from_config(
        account_id: &str,
        channel: &Value,
        http: reqwest::Client,
    ) -> Result<Self, ChannelError> {
        Self::from_account(&AccountConfig::resolve(&KIND, account_id, channel), http)
    }

    /// One JSON-RPC call; the `result`, or the error as signal-cli reported it.
    async fn rpc(&self, method: &str, mut params: Value, id: &str) -> Result<Value, ChannelError> {
        params["account"] = json!(self.settings.account);
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params, "id": id});
        let url = format!("{}/api/v1/rpc", self.settings.url);
        let resp = self
            .http
            .post(&url)
            .timeout(Duration::from_secs(60))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| {
                transport_error(
                    NAME,
                    format!(
                        "{method}: signal-cli at {} unreachable: {}",
                        self.settings.url,
                        error_chain(&e.without_url())
                    ),
                )
            })?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| {
            transport_error(
                NAME,
                format!("{method}: reading signal-cli's answer: {}", error_chain(&e.without_url())),
            )
        })?;
        if status.is_server_error() {
            return Err(transport_error(NAME, format!("{method}: signal-cli answered {status}")));
        }
        if !status.is_success() {
            return Err(ChannelError::Api {
                channel: NAME.into(),
                message: format!("{method}: signal-cli answered {status}"),
                retry_after: None,
            });
        }
        let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if let Some(e) = v.get("error") {
            return Err(self.rpc_error(method, e));
        }
        Ok(v.get("result").cloned().unwrap_or(Value::Null))
    }

    /// A JSON-RPC error object as a [`ChannelError`] (signal-cli's codes: -1 user error, -3 I/O,
    /// -4 untrusted identity, -5 rate limit, -32xxx protocol).
    fn rpc_error(&self, method: &str, e: &Value) -> ChannelError {
        let code = e.get("code").and_then(Value::as_i64).unwrap_or(0);
        let text = e.get("message").and_then(Value::as_str).unwrap_or("no message");
        let message = format!("{method}: {text} (signal-cli error {code})");
        let lower = text.to_ascii_lowercase();
        if lower.contains("authorization failed")
            || lower.contains("not registered") && lower.contains(&self.settings.account)
        {
            return config_error(
                NAME,
                format!(
                    "{} is not usable with signal-cli ({text}); register or link it again",
                    self.settings.account_key
                ),
            );
        }
        match code {
            -5 => {
                let after = e
                    .pointer("/data/response/results")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.get("retryAfterSeconds").and_then(Value::as_u64))
                    .max()
                    .unwrap_or(60);
                ChannelError::Api { channel: NAME.into(), message, retry_after: Some(after.max(1)) }
            }
            -3 => transport_error(NAME, message),
            -32603 => transport_error(NAME, message),
            _ => ChannelError::Api { channel: NAME.into(), message, retry_after: None },
        }
    }

    /// Starts `cliPath … daemon` and waits until it answers `/api/v1/check`.
    async fn start_daemon(
        &self,
        path: &str,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<Option<Daemon>, End> {
        let listen = self.settings.url.trim_start_matches("http://").trim_end_matches('/').to_string();
        let mut cmd = tokio::process::Command::new(path);
        cmd.args([
            "-a",
            &self.settings.account,
            "daemon",
            "--http",
            &listen,
            "--receive-mode",
            "on-connection",
            "--no-receive-stdout",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
        let mut child = cmd.spawn().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                End::Fatal(format!("cannot start signal-cli at {path}: {e}; check channels.signal cliPath"))
            }
            _ => End::Reconnect(format!("cannot start signal-cli at {path}: {e}")),
        })?;
        let stderr = Arc::new(Mutex::new(Vec::new()));
        if let Some(err) = child.stderr.take() {
            let keep = stderr.clone();
            tokio::spawn(async move {
                use tokio::io::AsyncBufReadExt;
                let mut lines = tokio::io::BufReader::new(err).lines();
                while let Ok(Some(l)) = lines.next_line().await {
                    let mut k = lock(&keep);
                    if k.len() >= 5 {
                        k.remove(0);
                    }
                    k.push(l.chars().take(300).collect());
                }
            });
        }
        let mut daemon = Daemon { child, stderr };
        let until = tokio::time::Instant::now() + self.settings.startup_timeout;
        loop {
            if let Ok(Some(status)) = daemon.child.try_wait() {
                // Let the stderr reader catch the last words.
                tokio::time::sleep(Duration::from_millis(100)).await;
                let said = daemon.said();
                let lower = said.to_ascii_lowercase();
                if lower.contains("not registered")
                    || lower.contains("authorization failed")
                    || lower.contains("no local account")
                {
                    return Err(End::Fatal(format!(
                        "signal-cli refuses {} ({said}); register or link the number with signal-cli first",
                        self.settings.account_key
                    )));
                }
                return Err(End::Reconnect(format!(
                    "signal-cli exited ({status}) before it was ready: {said}"
                )));
            }
            let check = self
                .http
                .get(format!("{}/api/v1/check", self.settings.url))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if check.is_ok_and(|r| r.status().is_success()) {
                return Ok(Some(daemon));
            }
            if tokio::time::Instant::now() >= until {
                return Err(End::Reconnect(format!(
                    "signal-cli did not answer on {} within {} s",
                    self.settings.url,
                    self.settings.startup_timeout.as_secs()
                )));
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                _ = stopped(shutdown) => return Err(End::Shutdown),
            }
        }
    }

    async fn run_loop(&self, inbox: Inbox, mut shutdown: watch::Receiver<bool>) -> Result<(), ChannelError> {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        let mut daemon: Option<Daemon> = None;
        loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            if let Some(d) = daemon.as_mut()
                && d.child.try_wait().ok().flatten().is_some()
            {
                daemon = None;
            }
            let end = match (&self.settings.cli_path, daemon.is_some()) {
                (Some(path), false) => match self.start_daemon(path, &mut shutdown).await {
                    Ok(d) => {
                        daemon = d;
                        self.events(&inbox, &mut shutdown, &mut backoff).await
                    }
                    Err(end) => end,
                },
                _ => self.events(&inbox, &mut shutdown, &mut backoff).await,
            };
            match end {
                End::Shutdown => return Ok(()),
                End::Fatal(why) => return Err(config_error(NAME, why)),
                End::Reconnect(why) => {
                    self.health.set(Health::Failing { error: format!("{NAME}: {why}; reconnecting") });
                    tokio::select! {
                        _ = tokio::time::sleep(backoff.next_wait()) => {}
                        _ = stopped(&mut shutdown) => return Ok(()),
                    }
                }
            }
        }
    }

    /// One subscription to the event stream, from connect to its end.
    async fn events(
        &self,
        inbox: &Inbox,
        shutdown: &mut watch::Receiver<bool>,
        backoff: &mut Backoff,
    ) -> End {
        let mut url = match reqwest::Url::parse(&format!("{}/api/v1/events", self.settings.url)) {
            Ok(u) => u,
            Err(e) => return End::Fatal(format!("channels.signal httpUrl: {e}")),
        };
        url.query_pairs_mut().append_pair("account", &self.settings.account);
        let req = self.http.get(url).header("Accept", "text/event-stream");
        let resp = tokio::select! {
            r = tokio::time::timeout(self.settings.keepalive_timeout, req.send()) => r,
            _ = stopped(shutdown) => return End::Shutdown,
        };
        let mut resp = match resp {
            Err(_) => {
                return End::Reconnect(format!(
                    "signal-cli at {} sent no answer within {} s",
                    self.settings.url,
                    self.settings.keepalive_timeout.as_secs()
                ));
            }
            Ok(Err(e)) => {
                return End::Reconnect(format!(
                    "signal-cli at {} unreachable: {}",
                    self.settings.url,
                    error_chain(&e.without_url())
                ));
            }
            Ok(Ok(r)) => r,
        };
        match resp.status().as_u16() {
            200 => {}
            400 => {
                return End::Fatal(format!(
                    "signal-cli at {} does not serve {} = {} (400 on /api/v1/events); register or link that number with signal-cli, or point httpUrl at its daemon",
                    self.settings.url, self.settings.account_key, self.settings.account
                ));
            }
            s => {
                return End::Reconnect(format!(
                    "signal-cli at {} answered {s} on /api/v1/events",
                    self.settings.url
                ));
            }
        }
        self.health.set(Health::Ok);
        backoff.reset();
        self.learn_me().await;
        let mut reader = SseReader::default();
        loop {
            let chunk = tokio::select! {
                c = tokio::time::timeout(self.settings.keepalive_timeout, resp.chunk()) => c,
                _ = stopped(shutdown) => return End::Shutdown,
            };
            let bytes = match chunk {
                Err(_) => {
                    return End::Reconnect(format!(
                        "no keep-alive from signal-cli for {} s; the stream is dead",
                        self.settings.keepalive_timeout.as_secs()
                    ));
                }
                Ok(Err(e)) => {
                    return End::Reconnect(format!(
                        "the event stream broke: {}",
                        error_chain(&e.without_url())
                    ));
                }
                Ok(Ok(None)) => return End::Reconnect("signal-cli closed the event stream".into()),
                Ok(Ok(Some(b))) => b,
            };
            let events = match reader.feed(&bytes) {
                Ok(e) => e,
                Err(why) => return End::Reconnect(why),
            };
            for ev in events {
                if ev.event != "receive" && !ev.event.is_empty() {
                    continue;
                }
                let Ok(v) = serde_json::from_str::<Value>(&ev.data) else { continue };
                let Some(msg) = self.to_inbound(&v) else { continue };
                match inbox.deliver(msg).await {
                    Ok(()) => {}
                    Err(ChannelError::Closed) => return End::Shutdown,
                    // signal-cli acknowledged it to Signal already: it cannot come again.
                    Err(e) => self
                        .health
                        .set(Health::Failing { error: format!("{NAME}: a message was not journaled: {e}") }),
                }
            }
        }
    }

    /// Asks signal-cli for our own UUID (mentions name us by it), once, best effort.
    async fn learn_me(&self) {
        if lock(&self.me).is_some() {
            return;
        }
        let params = json!({"recipient": [self.settings.account]});
        if let Ok(v) = self.rpc("getUserStatus", params, "openclaw-self").await
            && let Some(uuid) = v.get(0).and_then(|s| s.get("uuid")).and_then(Value::as_str)
        {
            *lock(&self.me) = Some(uuid.to_string());
        }
    }

    /// Maps one `receive` event; `None` for what is not a text message for the agent.
    fn to_inbound(&self, v: &Value) -> Option<InboundMessage> {
        let env = v.get("envelope")?;
        if let Some(acct) = v.get("account").and_then(Value::as_str)
            && acct != self.settings.account
        {
            return None;
        }
        let data = env.get("dataMessage")?;
        if env.get("syncMessage").is_some()
            || data.get("reaction").is_some()
            || data.get("remoteDelete").is_some()
        {
            return None;
        }
        let group = data.get("groupInfo");
        if group.and_then(|g| g.get("type")).and_then(Value::as_str) == Some("UPDATE") {
            return None;
        }
        let number = env.get("sourceNumber").and_then(Value::as_str).filter(|s| !s.is_empty());
        let uuid = env.get("sourceUuid").and_then(Value::as_str).filter(|s| !s.is_empty());
        let me = lock(&self.me).clone();
        if number == Some(self.settings.account.as_str()) || (uuid.is_some() && uuid == me.as_deref()) {
            return None;
        }
        let source = uuid.or(number)?;
        let timestamp = env
            .get("timestamp")
            .and_then(Value::as_u64)
            .or_else(|| data.get("timestamp").and_then(Value::as_u64))?;
        let raw = data.get("message").and_then(Value::as_str).unwrap_or_default();
        let is_me = |m: &Value| {
            m.get("number").and_then(Value::as_str) == Some(self.settings.account.as_str())
                || (me.is_some() && m.get("uuid").and_then(Value::as_str) == me.as_deref())
        };
        let mentions: &[Value] = data.get("mentions").and_then(Value::as_array).map_or(&[], Vec::as_slice);
        let mentioned = mentions.iter().any(is_me);
        let quoted_me = data.get("quote").is_some_and(|q| {
            q.get("authorNumber").and_then(Value::as_str) == Some(self.settings.account.as_str())
                || (me.is_some() && q.get("authorUuid").and_then(Value::as_str) == me.as_deref())
        });
        let text = render_mentions(raw, mentions, is_me);
        if text.is_empty() {
            return None;
        }
        let (chat, addressed) = match group.and_then(|g| g.get("groupId")).and_then(Value::as_str) {
            Some(gid) => {
                (ChatRef { id: gid.to_string(), kind: ChatKind::Group, thread: None }, mentioned || quoted_me)
            }
            None => (ChatRef { id: source.to_string(), kind: ChatKind::Direct, thread: None }, true),
        };
        Some(InboundMessage {
            id: format!("{NAME}:{}:{source}:{timestamp}", self.account_id),
            channel: NAME.into(),
            account_id: self.account_id.clone(),
            chat,
            sender: Sender {
                id: source.to_string(),
                name: env
                    .get("sourceName")
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
                username: number.map(str::to_string),
            },
            text,
            addressed,
            message_id: Some(timestamp.to_string()),
        })
    }

    fn recipient(chat: &ChatRef) -> Value {
        match chat.kind {
            ChatKind::Direct => json!({"recipient": [chat.id]}),
            _ => json!({"groupId": chat.id}),
        }
    }
}

impl Channel for SignalChannel {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn account(&self) -> &str {
        &self.account_id
    }

    fn run(&self, inbox: Inbox, shutdown: watch::Receiver<bool>) -> BoxFuture<'_, Result<(), ChannelError>> {
        Box::pin(super::run_with_health(&self.health, self.run_loop(inbox, shutdown)))
    }

    fn send_part<'a>(&'a self, part: Part<'a>) -> BoxFuture<'a, Result<String, ChannelError>> {
        Box::pin(async move {
            let mut params = Self::recipient(part.chat);
            params["message"] = json!(part.text);
            let result = self.rpc("send", params, part.nonce).await?;
            let results = result.get("results").and_then(Value::as_array).cloned().unwrap_or_default();
            let ok = results.is_empty()
                || results.iter().any(|r| r.get("type").and_then(Value::as_str) == Some("SUCCESS"));
            if !ok {
                let kinds: Vec<&str> =
                    results.iter().filter_map(|r| r.get("type").and_then(Value::as_str)).collect();
                return Err(ChannelError::Api {
                    channel: NAME.into(),
                    message: format!("send: not delivered ({})", kinds.join(", ")),
                    retry_after: None,
                });
            }
            Ok(result.get("timestamp").map(|t| t.to_string()).unwrap_or_default())
        })
    }

    fn typing<'a>(&'a self, chat: &'a ChatRef) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let _ = self.rpc("sendTyping", Self::recipient(chat), "openclaw-typing").await;
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
    fn sse_events_are_read_across_chunks_and_comments_are_skipped() {
        let mut r = SseReader::default();
        assert!(r.feed(b":\n").unwrap().is_empty());
        assert!(r.feed(b"event:receive\ndata:{\"a\":").unwrap().is_empty());
        let got = r.feed(b"1}\n\n:\nevent: receive\r\ndata: x\ndata: y\n\n").unwrap();
        assert_eq!(
            got,
            [
                Event { event: "receive".into(), data: "{\"a\":1}".into() },
                Event { event: "receive".into(), data: "x\ny".into() }
            ]
        );
    }

    #[test]
    fn mentions_become_names_and_ours_disappear() {
        let text = "\u{FFFC} ask \u{FFFC} about 🎉 \u{FFFC}";
        let mentions = json!([
            {"number": "+31600000001", "uuid": "me", "start": 0, "length": 1},
            {"name": "+31600000002", "number": "+31600000002", "uuid": "u2", "start": 6, "length": 1},
            {"number": null, "uuid": "u3", "start": 17, "length": 1},
        ]);
        let out = render_mentions(text, mentions.as_array().unwrap(), |m| m["uuid"] == "me");
        assert_eq!(out, "ask @+31600000002 about 🎉 @u3");
    }

    #[test]
    fn json_rpc_errors_follow_the_retry_policy() {
        use crate::channel::Retry;
        let http = crate::net::channel_client().unwrap();
        let ch = SignalChannel::from_config("bot", &json!({"account": "+31612345678"}), http).unwrap();
        let err = |e: Value| ch.rpc_error("send", &e);
        let limited = err(json!({"code": -5, "message": "Failed to send message due to rate limiting",
            "data": {"response": {"timestamp": 1, "results": [{"type": "RATE_LIMIT_FAILURE", "retryAfterSeconds": 7}]}}}));
        assert_eq!(limited.retry(), Retry::After(Duration::from_secs(7)));
        assert_eq!(err(json!({"code": -3, "message": "io"})).retry(), Retry::Backoff);
        assert_eq!(
            err(json!({"code": -1, "message": "The user +31699 is not registered."})).retry(),
            Retry::Never
        );
        let auth =
            err(json!({"code": -32603, "message": "Authorization failed! (AuthorizationFailedException)"}));
        assert!(
            matches!(auth, ChannelError::Config { .. })
                && auth.to_string().contains("channels.signal.account is not usable"),
            "{auth}"
        );
    }

    #[test]
    fn settings_name_their_keys() {
        let err =
            |v: Value| Settings::read(&AccountConfig::resolve(&KIND, "bot", &v)).err().map(|e| e.message);
        assert_eq!(
            err(json!({})).unwrap(),
            "channels.signal.accounts.bot.account is not set (the bot's Signal number, e.g. \"+31612345678\")"
        );
        assert!(err(json!({"account": "0612"})).unwrap().contains("international format"));
        assert!(
            err(json!({"account": "+31612345678", "cliPath": "/x", "httpUrl": "http://10.0.0.1:8080"}))
                .unwrap()
                .contains("httpUrl must be http://127.0.0.1")
        );
        let ok = Settings::read(&AccountConfig::resolve(
            &KIND,
            "bot",
            &json!({"account": "+31612345678", "httpPort": 7000}),
        ))
        .unwrap();
        assert_eq!(ok.url, "http://127.0.0.1:7000");
        let ok = Settings::read(&AccountConfig::resolve(&KIND, "bot", &json!({"account": "+31612345678"})))
            .unwrap();
        assert_eq!((ok.url.as_str(), ok.keepalive_timeout.as_secs()), (DEFAULT_URL, 45));
        assert_eq!(target("group:abc/+=").kind, ChatKind::Group);
        assert_eq!(
            target("+31612345678"),
            ChatRef { id: "+31612345678".into(), kind: ChatKind::Direct, thread: None }
        );
    }
}
