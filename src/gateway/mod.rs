//! The gateway (DESIGN §10): one long-running process per home that runs the channel adapters,
//! routes their messages through session queues into agent turns, and serves the control API,
//! the OpenAI-compatible endpoint and the web chat.
//!
//! [`serve`] is the whole process; [`process`] holds what the CLI needs to find and talk to a
//! running gateway (runtime file, token, health check).

pub mod api;
pub mod channels;
mod hooks;
mod http;
pub mod journal;
pub mod log;
pub mod nodes;
pub mod process;
pub mod queue;
mod scheduler;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use tokio::sync::{broadcast, watch};

use crate::agent::turn::{self, Event, Inbound, TurnError, TurnOutput};
use crate::config::Config;
use crate::home::Home;
use crate::routing::Router;
use crate::session::transcript::{self, Line, Message, Role};
use crate::session::{self, SessionKey};
use crate::store::{self, FileLock, IoError};

/// Why the gateway could not start or run.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// Another gateway holds this home's lock.
    #[error("the gateway already runs (pid {})", pid.map_or("unknown".to_string(), |p| p.to_string()))]
    AlreadyRunning {
        /// Its pid, from `gateway/gateway.pid`.
        pid: Option<u32>,
    },
    /// `gateway.listen` is not loopback and `gateway.allowRemote` is not set.
    #[error("gateway.listen {0} is not a loopback address; set gateway.allowRemote: true to serve on it")]
    RemoteRefused(String),
    /// `gateway.listen` does not parse or cannot be bound.
    #[error("cannot listen on {addr} (gateway.listen): {message}")]
    Listen {
        /// The address.
        addr: String,
        /// Why.
        message: String,
    },
    /// The config cannot be loaded.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// Routing cannot be built from the config.
    #[error(transparent)]
    Router(#[from] crate::routing::RouterError),
    /// The turn runtime cannot be built (model clients).
    #[error(transparent)]
    Turn(#[from] TurnError),
    /// A file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
}

/// Why a turn the gateway was asked to run did not run or failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The gateway is shutting down and takes no new turns.
    #[error("the gateway is shutting down")]
    ShuttingDown,
    /// The turn failed.
    #[error(transparent)]
    Turn(#[from] TurnError),
}

/// The config-derived part of the gateway, swapped whole on reload.
#[derive(Debug)]
pub struct State {
    /// Config and model clients.
    pub rt: turn::Runtime,
    /// Bindings.
    pub router: Router,
}

impl State {
    /// Loads `gateway.json5` and builds the runtime and router from it.
    ///
    /// The text that loaded is kept as `gateway/last-good.json5`, so read-only commands can go
    /// on while a later edit of the file has an error (the gateway too keeps running on it).
    pub fn load(home: &Home) -> Result<Self, GatewayError> {
        let path = home.config_path();
        let text = std::fs::read_to_string(&path)
            .map_err(|source| crate::config::ConfigError::Read { path: path.clone(), source })?;
        let loaded = crate::config::parse(&path, &text)?;
        for w in &loaded.warnings {
            log::warning!("{w}");
        }
        let state = Self::from_config(home, loaded.config)?;
        let keep = store::create_dir_private(&home.gateway_dir()).and_then(|()| {
            store::write_atomic(&home.last_good_config_path(), text.as_bytes(), store::PRIVATE_FILE)
        });
        if let Err(e) = keep {
            log::warning!("could not keep a copy of the config that loaded: {e}");
        }
        Ok(state)
    }

    /// Builds the runtime and router from `config`.
    pub fn from_config(home: &Home, config: Config) -> Result<Self, GatewayError> {
        let router = Router::new(&config)?;
        let options = crate::provider::Options::from_config(&config.models);
        let rt = turn::Runtime::new(home.clone(), config, options)?;
        Ok(Self { rt, router })
    }

    /// The loaded config.
    pub fn config(&self) -> &Config {
        &self.rt.config
    }
}

/// Everything the gateway's tasks share.
#[derive(Debug)]
pub struct Gateway {
    /// The home.
    pub home: Home,
    state: RwLock<Arc<State>>,
    /// Session queues.
    pub queues: queue::Queues,
    events: broadcast::Sender<String>,
    accepting: AtomicBool,
    /// When it started.
    pub started: Timestamp,
    /// The API token.
    token: String,
    /// The URL it serves on.
    pub url: RwLock<String>,
    in_flight: Mutex<HashMap<u64, SessionKey>>,
    next_turn: AtomicU64,
    /// Channel accounts and their adapters.
    pub channels: channels::Supervisor,
    /// Connected nodes and the requests in flight to them.
    pub nodes: Arc<nodes::Nodes>,
    /// The MCP servers, shared by every turn and kept across config reloads.
    pub mcp: Arc<crate::mcp::Hub>,
    /// Which config runs: when it loaded, and why the last reload was refused.
    config_status: Mutex<ConfigStatus>,
    shutdown: watch::Sender<bool>,
    /// The model found by Ollama autodetection at start, kept across reloads that still need it.
    detected: Mutex<Option<String>>,
    /// Web chat sockets open. The HTTP server stops tracking a connection once it is upgraded,
    /// so the gateway counts these itself and lets them say goodbye before it exits.
    chats: watch::Sender<usize>,
}

/// Counts one open web chat socket while it lives (see [`Gateway::chat_opened`]).
pub(crate) struct ChatOpen(watch::Sender<usize>);

impl Drop for ChatOpen {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// The config the gateway runs on, for `GET /api/status`.
#[derive(Debug, Clone)]
struct ConfigStatus {
    /// When the running config loaded.
    loaded_at: Timestamp,
    /// The error of the last reload attempt, while the file has it (the old config runs).
    reload_error: Option<String>,
}

impl Gateway {
    /// A gateway over `state`, not yet serving.
    pub fn new(home: Home, mut state: State, token: String) -> Arc<Self> {
        let max = state.config().gateway.max_concurrent_turns;
        let nodes = nodes::Nodes::new(home.clone());
        state.rt.nodes = Some(nodes.clone());
        log::set_secrets(secrets(state.config(), &token));
        let (events, _) = broadcast::channel(1024);
        let mcp = state.rt.mcp.clone();
        Arc::new(Self {
            home,
            state: RwLock::new(Arc::new(state)),
            queues: queue::Queues::new(max),
            events,
            accepting: AtomicBool::new(true),
            started: Timestamp::now(),
            token,
            url: RwLock::new(String::new()),
            in_flight: Mutex::new(HashMap::new()),
            next_turn: AtomicU64::new(1),
            channels: channels::Supervisor::default(),
            nodes,
            mcp,
            config_status: Mutex::new(ConfigStatus { loaded_at: Timestamp::now(), reload_error: None }),
            shutdown: watch::channel(false).0,
            detected: Mutex::new(None),
            chats: watch::channel(0).0,
        })
    }

    /// Counts a web chat socket as open until the guard drops.
    pub(crate) fn chat_opened(&self) -> ChatOpen {
        self.chats.send_modify(|n| *n += 1);
        ChatOpen(self.chats.clone())
    }

    /// The current config-derived state.
    pub fn state(&self) -> Arc<State> {
        self.state.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether new turns are taken.
    pub fn accepting(&self) -> bool {
        self.accepting.load(Ordering::SeqCst)
    }

    /// Whether `given` is the API token (constant time).
    pub fn token_matches(&self, given: &str) -> bool {
        process::constant_time_eq(given.as_bytes(), self.token.as_bytes())
    }

    /// Publishes one event to `/api/events` subscribers.
    pub fn emit(&self, event: serde_json::Value) {
        let _ = self.events.send(event.to_string());
    }

    /// A receiver of events (JSON text).
    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.events.subscribe()
    }

    /// Turns running now.
    pub fn turns_in_flight(&self) -> usize {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Runs a turn through its session's queue: after the session's earlier turns, when a
    /// parallel slot is free.
    pub async fn run_turn(
        &self,
        inbound: Inbound,
        on_event: &mut (dyn FnMut(Event<'_>) + Send),
    ) -> Result<TurnOutput, RunError> {
        if !self.accepting() {
            return Err(RunError::ShuttingDown);
        }
        let ticket = self.queues.enter(&inbound.key.to_string()).await;
        self.run_turn_queued(ticket, inbound, on_event).await
    }

    /// Runs a turn whose place in its session's queue was taken already (`ticket`, for
    /// `inbound.key`): the channel dispatcher reserves it in arrival order.
    pub async fn run_turn_queued(
        &self,
        _ticket: queue::Ticket<'_>,
        inbound: Inbound,
        on_event: &mut (dyn FnMut(Event<'_>) + Send),
    ) -> Result<TurnOutput, RunError> {
        if !self.accepting() {
            return Err(RunError::ShuttingDown);
        }
        let key = inbound.key.to_string();
        let id = self.next_turn.fetch_add(1, Ordering::SeqCst);
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner()).insert(id, inbound.key.clone());
        // Out of the count however the turn ends, even when the future running it is dropped.
        let _counted = InFlight { gw: self, id };
        let channel = inbound.channel.clone();
        self.emit(serde_json::json!({"type": "turn.started", "sessionKey": key, "channel": channel}));
        let started = std::time::Instant::now();
        let state = self.state();
        let result = turn::run(&state.rt, inbound, on_event).await;
        drop(_counted);
        let ms = started.elapsed().as_millis();
        match &result {
            Ok(out) => {
                log::info!("turn finished: {key} via {channel} in {ms} ms ({} steps)", out.steps);
                self.emit(
                    serde_json::json!({"type": "turn.finished", "sessionKey": key, "ok": true, "ms": ms}),
                );
            }
            Err(e) => {
                log::warning!("turn failed: {key} via {channel} after {ms} ms: {}", error_class(e));
                self.emit(
                    serde_json::json!({"type": "turn.finished", "sessionKey": key, "ok": false, "ms": ms}),
                );
            }
        }
        Ok(result?)
    }

    /// Resets sessions behind each session's running turn.
    pub async fn reset(
        &self,
        agent: &str,
        target: session::Target,
        keys: &[String],
    ) -> Result<Vec<session::ResetOutcome>, session::ResetError> {
        let mut tickets = Vec::new();
        for k in keys {
            tickets.push(self.queues.enter(k).await);
        }
        let home = self.home.clone();
        let agent = agent.to_string();
        // A turn of another process (a CLI turn) may hold a session: reset waits for it, off the
        // runtime's worker threads.
        let out = tokio::task::spawn_blocking(move || {
            session::reset(&home, &agent, &target, Timestamp::now(), false, &mut |_, _| {})
        })
        .await
        .unwrap_or_else(|e| Err(session::ResetError::Interrupted(e.to_string())));
        drop(tickets);
        out
    }

    /// Stops taking turns and asks channels to stop.
    pub fn begin_shutdown(&self) {
        self.accepting.store(false, Ordering::SeqCst);
        let _ = self.shutdown.send(true);
    }

    /// Turns true when shutdown begins.
    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    /// Records in the transcript of each turn still running that it was cut off.
    fn record_interrupted(&self) {
        let keys: Vec<SessionKey> =
            self.in_flight.lock().unwrap_or_else(|e| e.into_inner()).values().cloned().collect();
        for key in keys {
            let note = Message {
                role: Role::System,
                ..Message::user("[turn interrupted by gateway shutdown]", None)
            };
            match transcript::append(&self.home, &key, &Line::Message(note)) {
                Ok(()) => log::warning!("turn interrupted by shutdown: {key}"),
                Err(e) => log::error!("could not record the interrupted turn of {key}: {e}"),
            }
        }
    }

    /// Loads the config again and swaps it in; an invalid config leaves the old one running.
    pub fn reload(self: &Arc<Self>, inbox: &crate::channel::Inbox) {
        let loaded = State::load(&self.home).and_then(|state| {
            let detected = self.detected.lock().unwrap_or_else(|e| e.into_inner()).clone();
            match detected {
                Some(model)
                    if crate::provider::ollama::wanted(state.config(), &|v| std::env::var(v).ok()) =>
                {
                    let mut config = state.config().clone();
                    config.models.default = Some(model);
                    State::from_config(&self.home, config)
                }
                _ => Ok(state),
            }
        });
        match loaded {
            Ok(mut state) => {
                state.rt.nodes = Some(self.nodes.clone());
                // Running browsers stay with their agents across the reload.
                state.rt.browsers = self.state().rt.browsers.clone();
                state.rt.mcp = self.mcp.clone();
                self.mcp.apply(state.config());
                let state = Arc::new(state);
                log::set_secrets(secrets(state.config(), &self.token));
                *self.state.write().unwrap_or_else(|e| e.into_inner()) = state.clone();
                self.queues.set_limit(state.config().gateway.max_concurrent_turns);
                self.channels.apply(self, state.config(), inbox);
                log::info!("config reloaded: {} agents", state.config().agents.len());
                *self.config_status.lock().unwrap_or_else(|e| e.into_inner()) =
                    ConfigStatus { loaded_at: Timestamp::now(), reload_error: None };
                self.emit(serde_json::json!({"type": "config.reloaded"}));
            }
            Err(e) => {
                log::error!("config not reloaded, the old one keeps running: {e}");
                let error = log::redact(&e.to_string());
                self.config_status.lock().unwrap_or_else(|e| e.into_inner()).reload_error = Some(error);
            }
        }
    }

    /// The running config for `GET /api/status`: when it loaded, and the error that kept the
    /// last reload from replacing it (then it is the last good config, not what the file says).
    pub fn config_status(&self) -> serde_json::Value {
        let s = self.config_status.lock().unwrap_or_else(|e| e.into_inner()).clone();
        serde_json::json!({
            "loadedAt": crate::time::rfc3339_ms(s.loaded_at),
            "reloadError": s.reload_error,
        })
    }
}

/// A turn counted in [`Gateway::turns_in_flight`] until this is dropped.
struct InFlight<'a> {
    gw: &'a Gateway,
    id: u64,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.gw.in_flight.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.id);
    }
}

/// The values the log and the API take out of error text: the config's secrets and the token.
fn secrets(config: &Config, token: &str) -> crate::config::Secrets {
    let mut secrets = crate::config::Secrets::of(config);
    secrets.add(token);
    secrets
}

/// What a chat user is told when their turn failed. No detail: it can hold what a server echoed
/// back (a provider repeating the API key in its 401 body) or paths of this machine; the
/// detail goes to the log, where the owner finds it.
pub fn chat_error_text(e: &RunError) -> &'static str {
    match e {
        RunError::Turn(TurnError::Provider(_)) => {
            "Sorry, the model could not be reached; the owner can see why with `openclaw gateway logs`."
        }
        _ => "Sorry, that did not work; the owner can see why with `openclaw gateway logs`.",
    }
}

/// What the owner has to set up when a turn failed because no model could answer (no model, a
/// missing or refused key, an unknown provider); `None` for other failures.
pub fn setup_for(e: &RunError) -> Option<crate::provider::readiness::Setup> {
    match e {
        RunError::Turn(TurnError::Provider(p)) => crate::provider::readiness::setup_for(p),
        _ => None,
    }
}

/// A short name for what went wrong in a turn, for the log (which takes secrets out).
pub fn error_class(e: &TurnError) -> String {
    match e {
        TurnError::UnknownAgent { agent, .. } => format!("unknown agent {agent}"),
        TurnError::Provider(p) => format!("model error: {p}"),
        TurnError::Store(_) | TurnError::Io(_) => "storage error".into(),
        TurnError::Reset(_) | TurnError::ResetPolicy(_) => "session reset error".into(),
        TurnError::Policy(_) => "tool policy error".into(),
    }
}

/// How the gateway was started.
#[derive(Debug, Clone)]
pub struct Options {
    /// Tell systemd (via `$NOTIFY_SOCKET`) when ready and stopping.
    pub notify: bool,
}

/// The Tokio runtime the gateway runs on. A turn's file work (opening, appending, stat-ing
/// workspace and transcript files) runs on the worker threads and blocks them for the length of
/// each syscall; with one worker per core, the cores sat idle while workers waited on the disk
/// (1.15 of 2 cores busy at 2,200 messages/s). Four workers per core keep them busy.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    tokio::runtime::Builder::new_multi_thread().worker_threads((cores * 4).clamp(4, 64)).enable_all().build()
}

/// Runs the gateway until SIGTERM/SIGINT: takes the home's lock, binds, writes the runtime
/// files, starts channels and the scheduler, serves, and on a signal drains turns in flight.
pub async fn serve(home: Home, options: Options) -> Result<(), GatewayError> {
    crate::store::create_dir_private(&home.gateway_dir())?;
    let Some(_lock) = FileLock::try_exclusive(&home.gateway_dir().join("gateway"))? else {
        return Err(GatewayError::AlreadyRunning { pid: process::read_pid(&home) });
    };
    let mut state = State::load(&home)?;
    // Nothing set up but a local Ollama running: use it (see provider::ollama).
    let mut config = state.config().clone();
    let detected = crate::provider::ollama::autodetect(&mut config).await;
    if let Some(model) = &detected {
        log::info!("no model configured could answer; using {model} from the Ollama found running");
        state = State::from_config(&home, config)?;
    }
    state.rt.mcp = crate::mcp::Hub::new(home.clone(), mcp_log());
    let config = state.config().clone();
    // Chromium left running by a gateway that was killed (kill -9) goes first.
    for (agent, n) in crate::tool::browser::Browsers::reap_all(&home, config.agents.keys()) {
        log::warning!("killed {n} Chromium processes of agent {agent} left by an earlier gateway");
    }
    let addr: SocketAddr = config.gateway.listen.parse().map_err(|_| GatewayError::Listen {
        addr: config.gateway.listen.clone(),
        message: "not an address like 127.0.0.1:18789".into(),
    })?;
    if !addr.ip().is_loopback() && !config.gateway.allow_remote {
        return Err(GatewayError::RemoteRefused(config.gateway.listen.clone()));
    }
    let token = process::token(&home, &config)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| GatewayError::Listen { addr: config.gateway.listen.clone(), message: e.to_string() })?;
    let local = listener
        .local_addr()
        .map_err(|e| GatewayError::Listen { addr: config.gateway.listen.clone(), message: e.to_string() })?;
    // On a terminal (not under systemd or a log file), show the link the web chat needs once.
    let webchat_link = std::io::IsTerminal::is_terminal(&std::io::stderr())
        .then(|| format!("http://{local}/?token={token}"));
    let gw = Gateway::new(home.clone(), state, token);
    *gw.detected.lock().unwrap_or_else(|e| e.into_inner()) = detected;
    let url = format!("http://{local}");
    *gw.url.write().unwrap_or_else(|e| e.into_inner()) = url.clone();

    let (inbox, deliveries) = crate::channel::Inbox::channel(256);
    let journal = journal::Journal::open(&home)?;
    let replay = journal.pending();
    let journal = Arc::new(Mutex::new(journal));
    let (replayed, replayed_rx) = watch::channel(replay.is_empty());
    tokio::spawn(channels::dispatch(gw.clone(), journal.clone(), deliveries, replayed_rx));
    // Adapters first: a replayed message's reply goes out through them.
    gw.channels.apply(&gw, &config, &inbox);
    // One at a time, in journal order, before any message that came later (see `dispatch`).
    let (g, j) = (gw.clone(), journal.clone());
    tokio::spawn(async move {
        for msg in replay {
            log::info!("replaying journaled message {} from {}", msg.id, msg.channel);
            channels::process(g.clone(), j.clone(), msg).await;
        }
        let _ = replayed.send(true);
    });
    gw.mcp.apply(&config);
    tokio::spawn(daily_resets(gw.clone()));
    tokio::spawn(scheduler::run(gw.clone()));
    tokio::spawn(nodes::watch_file(gw.nodes.clone(), gw.shutdown_signal()));

    let app = api::router(gw.clone());
    let limits = http::Limits::from_config(&config.gateway);
    let server = tokio::spawn(http::serve(listener, app, limits, gw.shutdown_signal()));

    process::write_runtime(&home, &url)?;
    log::info!("gateway listening on {url} (pid {})", std::process::id());
    if let Some(link) = webchat_link {
        eprintln!("web chat: {link}");
    }
    if options.notify {
        process::sd_notify("READY=1");
    }

    wait_for_stop(&gw, &inbox).await;
    log::info!("shutting down: no new turns; waiting for {} in flight", gw.turns_in_flight());
    if options.notify {
        process::sd_notify("STOPPING=1");
    }
    gw.begin_shutdown();
    let grace = Duration::from_secs(config.gateway.shutdown_grace_seconds);
    let deadline = tokio::time::Instant::now() + grace;
    while gw.turns_in_flight() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Each web chat socket closes once the replies it streams have ended, telling its page
    // that the gateway restarts (see api::webchat_session).
    let mut chats = gw.chats.subscribe();
    let _ = tokio::time::timeout(Duration::from_secs(2), chats.wait_for(|n| *n == 0)).await;
    gw.record_interrupted();
    gw.channels.stop_all().await;
    gw.state().rt.browsers.shutdown().await;
    gw.mcp.shutdown().await;
    // Open streams (event WebSockets) would hold the server: give it a moment, then go.
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    process::remove_runtime(&home);
    log::info!("gateway stopped");
    Ok(())
}

/// MCP servers' stderr and lifecycle lines, into the gateway log with the server's name.
fn mcp_log() -> crate::mcp::LogFn {
    use crate::mcp::LogKind;
    Arc::new(|kind, server, text| match kind {
        LogKind::Stderr => log::info!("mcp {server}: {text}"),
        LogKind::Info => log::info!("mcp {server}: {text}"),
        LogKind::Warn => log::warning!("mcp {server}: {text}"),
    })
}

/// Waits for SIGTERM or SIGINT, reloading on SIGHUP and when gateway.json5 changes.
async fn wait_for_stop(gw: &Arc<Gateway>, inbox: &crate::channel::Inbox) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int), Ok(mut hup)) =
        (signal(SignalKind::terminate()), signal(SignalKind::interrupt()), signal(SignalKind::hangup()))
    else {
        log::error!("cannot install signal handlers; stopping");
        return;
    };
    let config_path = gw.home.config_path();
    let mtime = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut seen: Option<SystemTime> = mtime(&config_path);
    let mut poll = tokio::time::interval(Duration::from_secs(2));
    loop {
        tokio::select! {
            _ = term.recv() => { log::info!("SIGTERM received"); return; }
            _ = int.recv() => { log::info!("SIGINT received"); return; }
            _ = hup.recv() => { log::info!("SIGHUP received: reloading"); gw.reload(inbox); }
            _ = poll.tick() => {
                let now = mtime(&config_path);
                if now != seen {
                    seen = now;
                    log::info!("gateway.json5 changed: reloading");
                    gw.reload(inbox);
                }
            }
        }
    }
}

/// Resolves once `rx` turns true (or its sender is gone).
pub(crate) async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

/// Applies the daily/idle reset boundary to every agent's stale sessions, once a minute.
async fn daily_resets(gw: Arc<Gateway>) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    let mut stop = gw.shutdown_signal();
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stopped(&mut stop) => return,
        }
        let state = gw.state();
        let policy = match session::Policy::from_config(&state.config().session.reset) {
            Ok(p) => p,
            Err(e) => {
                log::warning!("session.reset: {e}");
                continue;
            }
        };
        let now = Timestamp::now();
        let target = session::Target::Stale(policy.cutoffs(now));
        for agent in state.config().agents.keys() {
            // Waits for a running turn of a stale session: off the runtime's worker threads.
            let (home, id, target) = (gw.home.clone(), agent.clone(), target.clone());
            let done = tokio::task::spawn_blocking(move || {
                session::reset(&home, &id, &target, now, false, &mut |_, _| {})
            })
            .await
            .unwrap_or_else(|e| Err(session::ResetError::Interrupted(e.to_string())));
            match done {
                Ok(done) if !done.is_empty() => log::info!("reset {} stale sessions of {agent}", done.len()),
                Ok(_) => {}
                Err(e) => log::warning!("stale-session reset of {agent} failed: {e}"),
            }
        }
    }
}
