//! The browsers of a runtime: one Chromium per agent, started on first use, a tab set per
//! session, closed after `tools.browser.idleMinutes` without use and on shutdown.
//!
//! [`Browsers`] outlives turns (the runtime holds it, and the gateway carries it across config
//! reloads). Each agent's browser holds a lock on its profile, so a second openclaw process (a
//! CLI `send` while the gateway runs) is told the browser is busy instead of handing its work to
//! the other process's Chromium; the lock also tells [`Browsers::reap_all`] that a pid file left
//! behind belongs to a dead owner.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::cdp::{Cdp, Event};
use super::launch::{self, Paths};
use crate::config::BrowserToolsConfig;
use crate::home::Home;
use crate::store::FileLock;
use crate::tool::is_public_ip;

/// Refusals kept for error messages.
const REFUSALS_KEPT: usize = 32;

/// All browsers of one runtime.
pub struct Browsers {
    home: Home,
    agents: Mutex<HashMap<String, Arc<AgentBrowser>>>,
}

impl std::fmt::Debug for Browsers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let agents = self.agents.lock().unwrap_or_else(|e| e.into_inner());
        f.debug_struct("Browsers").field("agents", &agents.keys().collect::<Vec<_>>()).finish()
    }
}

impl Browsers {
    /// No browser running yet.
    pub fn new(home: Home) -> Arc<Self> {
        Arc::new(Browsers { home, agents: Mutex::new(HashMap::new()) })
    }

    /// The browser slot of `agent` (not started until used).
    pub(super) fn agent(&self, agent: &str) -> Arc<AgentBrowser> {
        let mut agents = self.agents.lock().unwrap_or_else(|e| e.into_inner());
        agents
            .entry(agent.to_string())
            .or_insert_with(|| {
                Arc::new(AgentBrowser {
                    agent: agent.to_string(),
                    paths: Paths::new(&self.home.state_dir(agent)),
                    running: tokio::sync::Mutex::new(None),
                })
            })
            .clone()
    }

    /// Closes every browser (gateway shutdown, end of a CLI turn).
    pub async fn shutdown(&self) {
        let all: Vec<Arc<AgentBrowser>> =
            self.agents.lock().unwrap_or_else(|e| e.into_inner()).values().cloned().collect();
        for b in all {
            b.close().await;
        }
    }

    /// Whether `agent`'s browser is running now.
    pub async fn is_running(&self, agent: &str) -> bool {
        let slot = self.agent(agent);
        let running = slot.running.lock().await;
        running.as_ref().is_some_and(|r| r.cdp.is_open())
    }

    /// Kills what crashed or killed owners left behind, for every agent in `agents` whose
    /// profile lock is free. Returns (agent, processes killed) for each agent that had some.
    pub fn reap_all<'a>(home: &Home, agents: impl IntoIterator<Item = &'a String>) -> Vec<(String, usize)> {
        let mut reaped = Vec::new();
        for agent in agents {
            let paths = Paths::new(&home.state_dir(agent));
            if !paths.pid_file.exists() {
                continue;
            }
            let Ok(Some(_lock)) = FileLock::try_exclusive(&paths.profile) else { continue };
            let n = launch::reap(&paths);
            if n > 0 {
                reaped.push((agent.clone(), n));
            }
        }
        reaped
    }
}

/// One agent's browser slot.
pub(super) struct AgentBrowser {
    agent: String,
    paths: Paths,
    running: tokio::sync::Mutex<Option<Arc<Running>>>,
}

/// A connected browser.
pub(super) struct Running {
    pub cdp: Arc<Cdp>,
    /// The spawned process (none when attached at `cdpUrl`).
    child: Mutex<Option<tokio::process::Child>>,
    pgid: Option<i32>,
    /// Attached browsers get a browser context per agent, so agents sharing one never share
    /// cookies.
    pub context: Option<String>,
    /// What confines the browser process (the sandbox note).
    pub sandbox: String,
    /// Tabs by session key.
    pub tabs: Mutex<HashMap<String, Tabs>>,
    last_used: Mutex<Instant>,
    idle: Mutex<Duration>,
    /// The current `tools.web.allowPrivate` of the agent (read by the request guard).
    pub allow_private: Arc<AtomicBool>,
    /// Recent refusals by the request guard: (url, why).
    pub refusals: Arc<Mutex<Vec<(String, String)>>>,
    _lock: Option<FileLock>,
    paths: Paths,
}

/// One session's tabs.
#[derive(Debug, Default, Clone)]
pub struct Tabs {
    /// Open tabs, oldest first.
    pub list: Vec<Tab>,
    /// Index of the current tab.
    pub current: usize,
}

/// One tab.
#[derive(Debug, Clone)]
pub struct Tab {
    /// CDP target id.
    pub target: String,
    /// Flat session id.
    pub session: String,
}

impl Running {
    /// Marks a use (the idle clock starts over) with the agent's current idle limit.
    pub fn touch(&self, idle: Duration) {
        *self.last_used.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
        *self.idle.lock().unwrap_or_else(|e| e.into_inner()) = idle;
    }

    /// The last refusal of a URL starting like `url`, if any.
    pub fn refusal_for(&self, url: &str) -> Option<String> {
        let refusals = self.refusals.lock().unwrap_or_else(|e| e.into_inner());
        refusals
            .iter()
            .rev()
            .find(|(u, _)| u.starts_with(url) || url.starts_with(u.as_str()))
            .map(|(_, w)| w.clone())
    }

    /// The most recent refusal, if any.
    pub fn last_refusal(&self) -> Option<String> {
        self.refusals.lock().unwrap_or_else(|e| e.into_inner()).last().map(|(_, w)| w.clone())
    }
}

/// The idle limit of a config.
pub fn idle_limit(config: &BrowserToolsConfig) -> Duration {
    Duration::from_secs_f64((config.idle_minutes.max(0.001) * 60.0).min(1e9))
}

impl AgentBrowser {
    /// The running browser, started or attached on first use.
    pub async fn get(
        self: &Arc<Self>,
        config: &BrowserToolsConfig,
        workspace: &std::path::Path,
        allow_private: bool,
    ) -> Result<Arc<Running>, String> {
        let mut slot = self.running.lock().await;
        if let Some(r) = slot.as_ref() {
            if r.cdp.is_open() {
                r.allow_private.store(allow_private, Ordering::SeqCst);
                r.touch(idle_limit(config));
                return Ok(r.clone());
            }
            let old = slot.take();
            if let Some(old) = old {
                stop(&old).await;
            }
        }
        let running = Arc::new(self.start(config, workspace, allow_private).await?);
        running.touch(idle_limit(config));
        *slot = Some(running.clone());
        tokio::spawn(watch_idle(Arc::downgrade(self), Arc::downgrade(&running)));
        Ok(running)
    }

    async fn start(
        &self,
        config: &BrowserToolsConfig,
        workspace: &std::path::Path,
        allow_private: bool,
    ) -> Result<Running, String> {
        let (paused_tx, paused_rx) = mpsc::unbounded_channel();
        let allow = Arc::new(AtomicBool::new(allow_private));
        let refusals = Arc::new(Mutex::new(Vec::new()));
        let (cdp, child, pgid, lock, context, sandbox) = match config
            .cdp_url
            .as_deref()
            .filter(|u| !u.is_empty())
        {
            Some(url) => {
                let ws = attach_url(url).await?;
                let cdp = Cdp::connect(&ws, paused_tx).await.map_err(|e| {
                    format!("cannot attach to the browser at tools.browser.cdpUrl {url}: {e}")
                })?;
                let ctx =
                    cdp.call(None, "Target.createBrowserContext", json!({"disposeOnDetach": true})).await?;
                let id = ctx["browserContextId"].as_str().map(str::to_string);
                let note =
                    "none: attached at tools.browser.cdpUrl; that browser is confined by whoever started it";
                (cdp, None, None, None, id, note.to_string())
            }
            None => {
                let exe = launch::find_executable(config)?;
                crate::store::create_dir_private(&self.paths.dir).map_err(|e| e.to_string())?;
                let lock = FileLock::try_exclusive(&self.paths.profile).map_err(|e| e.to_string())?.ok_or_else(|| {
                    format!(
                        "the browser of agent {} is in use by another openclaw process; try again when it \
                         is done",
                        self.agent
                    )
                })?;
                // The lock is ours, so any Chromium still on this profile was left by a dead owner.
                launch::reap(&self.paths);
                let launched = launch::start(&exe, &self.paths, config, workspace).await?;
                let cdp = match Cdp::connect(&launched.ws_url, paused_tx).await {
                    Ok(c) => c,
                    Err(e) => {
                        launch::kill_group(launched.pgid);
                        return Err(format!("cannot connect to Chromium's DevTools port: {e}"));
                    }
                };
                (cdp, Some(launched.child), Some(launched.pgid), Some(lock), None, launched.sandbox)
            }
        };
        let cdp = Arc::new(cdp);
        tokio::spawn(guard(Arc::downgrade(&cdp), paused_rx, allow.clone(), refusals.clone()));
        let running = Running {
            cdp: cdp.clone(),
            child: Mutex::new(child),
            pgid,
            context: context.clone(),
            sandbox,
            tabs: Mutex::new(HashMap::new()),
            last_used: Mutex::new(Instant::now()),
            idle: Mutex::new(idle_limit(config)),
            allow_private: allow,
            refusals,
            _lock: lock,
            paths: self.paths.clone(),
        };
        // Every request of every tab, frame and worker pauses until the guard has checked it.
        let downloads = workspace.join("browser").join("downloads");
        let setup = async {
            cdp.call(
                None,
                "Fetch.enable",
                json!({"patterns": [{"urlPattern": "*", "requestStage": "Request"}]}),
            )
            .await?;
            let mut params = json!({"behavior": "allow", "downloadPath": downloads.display().to_string()});
            if let Some(c) = &context {
                params["browserContextId"] = Value::String(c.clone());
            }
            cdp.call(None, "Browser.setDownloadBehavior", params).await?;
            Ok::<(), String>(())
        };
        if let Err(e) = setup.await {
            stop(&running).await;
            return Err(format!("cannot set up the browser: {e}"));
        }
        Ok(running)
    }

    /// Closes the browser, if running.
    pub async fn close(&self) {
        let old = self.running.lock().await.take();
        if let Some(old) = old {
            stop(&old).await;
        }
    }
}

/// Ends a browser: closes it politely, then kills its process group.
async fn stop(r: &Running) {
    if let Some(ctx) = &r.context {
        let _ = r
            .cdp
            .call_within(
                None,
                "Target.disposeBrowserContext",
                json!({"browserContextId": ctx}),
                Duration::from_secs(3),
            )
            .await;
        return;
    }
    let child = r.child.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(mut child) = child {
        let _ = r.cdp.call_within(None, "Browser.close", json!({}), Duration::from_secs(3)).await;
        if tokio::time::timeout(Duration::from_secs(3), child.wait()).await.is_err() {
            if let Some(pgid) = r.pgid {
                launch::kill_group(pgid);
            }
            let _ = tokio::time::timeout(Duration::from_secs(3), child.wait()).await;
        }
        // Helpers that outlived the main process (none, normally).
        if let Some(pgid) = r.pgid {
            launch::kill_group(pgid);
        }
        let _ = std::fs::remove_file(&r.paths.pid_file);
    }
}

/// Closes the browser once it has been idle for its limit.
async fn watch_idle(slot: Weak<AgentBrowser>, running: Weak<Running>) {
    loop {
        let wait = {
            let Some(r) = running.upgrade() else { return };
            let idle = *r.idle.lock().unwrap_or_else(|e| e.into_inner());
            let since = r.last_used.lock().unwrap_or_else(|e| e.into_inner()).elapsed();
            if since >= idle {
                drop(r);
                let Some(slot) = slot.upgrade() else { return };
                let mut guard = slot.running.lock().await;
                // Still the same browser, and still idle (a call may have come in meanwhile).
                let same = guard.as_ref().zip(running.upgrade()).is_some_and(|(a, b)| Arc::ptr_eq(a, &b));
                let still_idle = running.upgrade().is_some_and(|r| {
                    r.last_used.lock().unwrap_or_else(|e| e.into_inner()).elapsed()
                        >= *r.idle.lock().unwrap_or_else(|e| e.into_inner())
                });
                if same && still_idle {
                    let old = guard.take();
                    drop(guard);
                    if let Some(old) = old {
                        stop(&old).await;
                    }
                    return;
                }
                continue;
            }
            idle - since
        };
        tokio::time::sleep(wait.min(Duration::from_secs(30)) + Duration::from_millis(10)).await;
    }
}

/// The browser's WebSocket URL for `tools.browser.cdpUrl`: a `ws://` URL as is, an `http://`
/// one through its `/json/version`.
async fn attach_url(url: &str) -> Result<String, String> {
    if url.starts_with("ws://") || url.starts_with("wss://") {
        return Ok(url.to_string());
    }
    let version = format!("{}/json/version", url.trim_end_matches('/'));
    let client = crate::net::http_client(Duration::from_secs(5), Duration::from_secs(10))?;
    let v: Value = client
        .get(&version)
        .send()
        .await
        .map_err(|e| format!("tools.browser.cdpUrl {url}: {}", crate::net::error_chain(&e)))?
        .json()
        .await
        .map_err(|e| format!("tools.browser.cdpUrl {url}: {}", crate::net::error_chain(&e)))?;
    v["webSocketDebuggerUrl"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("tools.browser.cdpUrl {url}: /json/version has no webSocketDebuggerUrl"))
}

/// The request guard: answers every paused request, continuing it when its URL may be loaded.
async fn guard(
    cdp: Weak<Cdp>,
    mut paused: mpsc::UnboundedReceiver<Event>,
    allow_private: Arc<AtomicBool>,
    refusals: Arc<Mutex<Vec<(String, String)>>>,
) {
    while let Some(ev) = paused.recv().await {
        let Some(cdp) = cdp.upgrade() else { return };
        let allow = allow_private.load(Ordering::SeqCst);
        let refusals = refusals.clone();
        tokio::spawn(async move {
            let id = ev.params["requestId"].as_str().unwrap_or_default().to_string();
            let url =
                ev.params.pointer("/request/url").and_then(Value::as_str).unwrap_or_default().to_string();
            let session = ev.session.as_deref();
            match check_url(&url, allow).await {
                Ok(()) => cdp.send(session, "Fetch.continueRequest", json!({"requestId": id})),
                Err(why) => {
                    {
                        let mut r = refusals.lock().unwrap_or_else(|e| e.into_inner());
                        r.push((url, why));
                        let excess = r.len().saturating_sub(REFUSALS_KEPT);
                        r.drain(..excess);
                    }
                    cdp.send(
                        session,
                        "Fetch.failRequest",
                        json!({"requestId": id, "errorReason": "BlockedByClient"}),
                    );
                }
            }
        });
    }
}

/// Whether the browser may load `url`: http(s) (and the in-page `data:` and `blob:`) only, and
/// with `allow_private` off only hosts whose every address is public (checked after DNS).
pub async fn check_url(url: &str, allow_private: bool) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|_| format!("refused: {url} is not a valid URL"))?;
    match parsed.scheme() {
        "http" | "https" => {}
        "data" | "blob" | "about" => return Ok(()),
        other => {
            return Err(format!(
                "refused: {other}: URLs cannot be opened in the browser (only http and https)"
            ));
        }
    }
    if allow_private {
        return Ok(());
    }
    let host = parsed.host_str().ok_or_else(|| format!("refused: {url} has no host"))?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let private = "private addresses are blocked (tools.web.allowPrivate is off)";
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return if is_public_ip(ip) {
            Ok(())
        } else {
            Err(format!("refused: {ip} is a non-public address; {private}"))
        };
    }
    let port = parsed.port_or_known_default().unwrap_or(80);
    let addrs = tokio::time::timeout(Duration::from_secs(10), tokio::net::lookup_host((bare, port)))
        .await
        .map_err(|_| format!("refused: looking up {host} took too long"))?
        .map_err(|e| format!("refused: {host} does not resolve: {e}"))?;
    for a in addrs {
        if !is_public_ip(a.ip()) {
            return Err(format!("refused: {host} resolves to the non-public address {}; {private}", a.ip()));
        }
    }
    Ok(())
}
