//! The running MCP servers of one process, one instance per (agent, server), each with a
//! supervisor task: connect, list tools, wait for the connection to end or for a list change,
//! restart with backoff. In the gateway the hub follows config reloads ([`Hub::apply`]); a
//! one-off `openclaw send` starts only what its agent uses ([`Hub::tools_for`]) and stops it after
//! the turn ([`Hub::shutdown`]).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::{Notify, watch};

use super::client::{Client, RemoteTool, ServerInfo};
use super::{LogFn, LogKind, McpError, ServerSpec, StderrSink, content, names};
use crate::config::{Config, McpServerConfig};
use crate::home::Home;
use crate::tool::{Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};

/// First wait before a restart; doubles up to [`BACKOFF_MAX`].
const BACKOFF_FIRST: Duration = Duration::from_millis(500);
const BACKOFF_MAX: Duration = Duration::from_secs(60);

/// Where a server stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Connecting (the first time, or again after a failure).
    Starting,
    /// Connected; its tools are offered.
    Ready,
    /// Down; waiting to try again.
    Failing,
    /// Stopped (config removed it, or shutdown).
    Stopped,
}

#[derive(Clone)]
struct Snapshot {
    phase: Phase,
    client: Option<Arc<Client>>,
    tools: Arc<Vec<RemoteTool>>,
    info: Option<ServerInfo>,
    last_error: Option<String>,
    restarts: u64,
    /// Connection attempts finished (successful or not).
    attempts: u64,
}

struct Instance {
    agent: String,
    spec: ServerSpec,
    state: watch::Sender<Snapshot>,
    poke: Notify,
    stop: watch::Sender<bool>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// The state of one server of one agent, for `openclaw mcp ls`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerStatus {
    /// `mcp.servers.<name>`.
    pub server: String,
    /// The agent it runs for.
    pub agent: String,
    /// `stdio`, `streamable-http` or `sse`.
    pub transport: String,
    /// starting, ready, failing, stopped.
    pub state: Phase,
    /// Tools it offers (after `toolFilter`).
    pub tools: usize,
    /// Why it is down, or the last failure.
    pub last_error: Option<String>,
    /// Times it was restarted after a failure.
    pub restarts: u64,
    /// What it said in the handshake.
    pub info: Option<ServerInfo>,
}

/// One tool as an agent sees it, for `openclaw mcp tools`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolInfo {
    /// The name the model calls.
    pub name: String,
    /// The server.
    pub server: String,
    /// The server's own name for it.
    pub tool: String,
    /// Its description.
    pub description: String,
    /// Its argument schema.
    pub input_schema: Value,
}

/// The MCP servers of this process.
pub struct Hub {
    home: Home,
    log: LogFn,
    instances: Mutex<Vec<Arc<Instance>>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.instances.lock().unwrap_or_else(|e| e.into_inner()).len();
        write!(f, "Hub({n} servers)")
    }
}

/// The servers `agent` gets, in `mcp.servers` order: those its `mcp` list names (all when it has
/// none) that are enabled.
pub fn servers_of<'c>(config: &'c Config, agent: &str) -> Vec<(&'c String, &'c McpServerConfig)> {
    let chosen = config.agents.get(agent).and_then(|a| a.mcp.as_ref());
    config
        .mcp
        .servers
        .iter()
        .filter(|(name, s)| s.enabled && chosen.is_none_or(|c| c.contains(name)))
        .collect()
}

impl Hub {
    /// An empty hub; `log` gets server stderr and lifecycle lines.
    pub fn new(home: Home, log: LogFn) -> Arc<Hub> {
        Arc::new(Hub { home, log, instances: Mutex::new(Vec::new()) })
    }

    /// A hub that drops its log lines.
    pub fn quiet(home: Home) -> Arc<Hub> {
        Self::new(home, Arc::new(|_, _, _| {}))
    }

    fn specs(&self, config: &Config, only_agent: Option<&str>) -> Vec<(String, ServerSpec)> {
        let mut out = Vec::new();
        for agent in config.agents.keys() {
            if only_agent.is_some_and(|a| a != agent) {
                continue;
            }
            for (name, cfg) in servers_of(config, agent) {
                let spec = ServerSpec {
                    name: name.clone(),
                    config: cfg.clone(),
                    workspace: self.home.workspace(agent),
                };
                out.push((agent.clone(), spec));
            }
        }
        out
    }

    /// Brings the running servers in line with `config`: starts new ones, stops removed or
    /// disabled ones, restarts those whose settings changed, and leaves the rest running.
    pub fn apply(&self, config: &Config) {
        self.reconcile(self.specs(config, None), true);
    }

    fn reconcile(&self, wanted: Vec<(String, ServerSpec)>, stop_unwanted: bool) {
        let mut instances = self.instances.lock().unwrap_or_else(|e| e.into_inner());
        let mut keep: Vec<Arc<Instance>> = Vec::new();
        for inst in instances.drain(..) {
            let still = wanted.iter().any(|(a, s)| *a == inst.agent && *s == inst.spec);
            if still
                || !stop_unwanted && !wanted.iter().any(|(a, s)| *a == inst.agent && s.name == inst.spec.name)
            {
                keep.push(inst);
            } else {
                let changed = wanted.iter().any(|(a, s)| *a == inst.agent && s.name == inst.spec.name);
                (self.log)(
                    LogKind::Info,
                    &inst.spec.name,
                    &format!(
                        "{} for agent {}",
                        if changed { "settings changed: restarting" } else { "stopping" },
                        inst.agent
                    ),
                );
                stop_instance(inst);
            }
        }
        for (agent, spec) in wanted {
            if keep.iter().any(|i| i.agent == agent && i.spec.name == spec.name) {
                continue;
            }
            keep.push(self.start(agent, spec));
        }
        *instances = keep;
    }

    fn start(&self, agent: String, spec: ServerSpec) -> Arc<Instance> {
        let inst = Arc::new(Instance {
            agent,
            spec,
            state: watch::channel(Snapshot {
                phase: Phase::Starting,
                client: None,
                tools: Arc::new(Vec::new()),
                info: None,
                last_error: None,
                restarts: 0,
                attempts: 0,
            })
            .0,
            poke: Notify::new(),
            stop: watch::channel(false).0,
            task: Mutex::new(None),
        });
        let log = self.log.clone();
        let task = tokio::spawn(supervise(inst.clone(), log));
        *inst.task.lock().unwrap_or_else(|e| e.into_inner()) = Some(task);
        inst
    }

    /// The MCP tools `agent` gets, named and ordered for the model. Starts the agent's servers
    /// if they are not running (a one-off turn) and waits, within each server's connection
    /// timeout, for those still on their first attempt; a server that is down is left out (its
    /// status says why).
    pub async fn tools_for(&self, config: &Config, agent: &str) -> Vec<Arc<dyn Tool>> {
        let infos = Box::pin(self.tool_infos(config, agent)).await;
        let instances = self.instances_of(agent);
        infos
            .into_iter()
            .filter_map(|t| {
                let inst = instances.iter().find(|i| i.spec.name == t.server)?.clone();
                Some(Arc::new(McpTool { info: t, inst }) as Arc<dyn Tool>)
            })
            .collect()
    }

    /// [`Hub::tools_for`] as data: what the model will see.
    pub async fn tool_infos(&self, config: &Config, agent: &str) -> Vec<ToolInfo> {
        self.reconcile(self.specs(config, Some(agent)), false);
        let wanted: Vec<String> = servers_of(config, agent).into_iter().map(|(n, _)| n.clone()).collect();
        // In mcp.servers order whatever order they were (re)started in, so names stay stable.
        let mut instances: Vec<Arc<Instance>> =
            self.instances_of(agent).into_iter().filter(|i| wanted.contains(&i.spec.name)).collect();
        instances.sort_by_key(|i| wanted.iter().position(|w| *w == i.spec.name));
        for inst in &instances {
            settle(inst).await;
        }
        let mut pairs: Vec<(String, RemoteTool)> = Vec::new();
        for inst in &instances {
            let snap = inst.state.borrow().clone();
            if snap.phase == Phase::Ready {
                pairs.extend(snap.tools.iter().map(|t| (inst.spec.name.clone(), t.clone())));
            }
        }
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(s, t)| (s.as_str(), t.name.as_str())).collect();
        let builtin: Vec<String> =
            crate::tool::builtin_tools().iter().map(|t| t.name().to_string()).collect();
        let taken: Vec<&str> = builtin.iter().map(String::as_str).collect();
        let names = names::assign(&refs, &taken);
        pairs
            .into_iter()
            .zip(names)
            .map(|((server, t), name)| ToolInfo {
                name,
                description: if t.description.trim().is_empty() {
                    format!("Tool \"{}\" of MCP server \"{server}\".", t.name)
                } else {
                    t.description
                },
                server,
                tool: t.name,
                input_schema: t.input_schema,
            })
            .collect()
    }

    /// What `agent` will see: [`Hub::tool_infos`] through its `tools.allow`/`deny`.
    pub async fn visible_tools(
        &self,
        config: &Config,
        agent: &str,
    ) -> Result<Vec<ToolInfo>, crate::tool::PolicyError> {
        let tools = config.agents.get(agent).map(|a| a.tools.clone()).unwrap_or_default();
        let policy = crate::tool::ToolPolicy::new(&tools.allow, &tools.deny)?;
        Ok(Box::pin(self.tool_infos(config, agent))
            .await
            .into_iter()
            .filter(|t| policy.allows(&t.name))
            .collect())
    }

    fn instances_of(&self, agent: &str) -> Vec<Arc<Instance>> {
        self.instances
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|i| i.agent == agent)
            .cloned()
            .collect()
    }

    /// Every running server's state; with `settle`, after waiting for first attempts to finish.
    pub async fn status(&self, settle_first: bool) -> Vec<ServerStatus> {
        let all: Vec<Arc<Instance>> = self.instances.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if settle_first {
            for inst in &all {
                settle(inst).await;
            }
        }
        all.iter()
            .map(|inst| {
                let s = inst.state.borrow().clone();
                ServerStatus {
                    server: inst.spec.name.clone(),
                    agent: inst.agent.clone(),
                    transport: inst.spec.config.transport_name().to_string(),
                    state: s.phase,
                    tools: s.tools.len(),
                    last_error: s.last_error.clone(),
                    restarts: s.restarts,
                    info: s.info.clone(),
                }
            })
            .collect()
    }

    /// Stops every server (stdio ones with their whole process group) and waits for them.
    pub async fn shutdown(&self) {
        let all: Vec<Arc<Instance>> =
            std::mem::take(&mut *self.instances.lock().unwrap_or_else(|e| e.into_inner()));
        let mut tasks = Vec::new();
        for inst in all {
            let _ = inst.stop.send(true);
            if let Some(t) = inst.task.lock().unwrap_or_else(|e| e.into_inner()).take() {
                tasks.push(t);
            }
        }
        for t in tasks {
            let _ = tokio::time::timeout(Duration::from_secs(5), t).await;
        }
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        for inst in self.instances.get_mut().unwrap_or_else(|e| e.into_inner()).drain(..) {
            let _ = inst.stop.send(true);
        }
    }
}

/// Resolves once the stop flag is set (or its sender is gone).
async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

fn stop_instance(inst: Arc<Instance>) {
    let _ = inst.stop.send(true);
}

/// Waits until the instance's first connection attempt has finished, within its connection
/// timeout.
async fn settle(inst: &Instance) {
    let limit = Duration::from_millis(inst.spec.config.connection_timeout_ms) + Duration::from_millis(500);
    let mut rx = inst.state.subscribe();
    let _ = tokio::time::timeout(limit, rx.wait_for(|s| s.attempts > 0 || s.phase == Phase::Stopped)).await;
}

/// Tools that pass the server's `toolFilter`.
fn filtered(cfg: &McpServerConfig, tools: Vec<RemoteTool>) -> Vec<RemoteTool> {
    let set = |globs: &[String]| {
        let mut b = globset::GlobSetBuilder::new();
        for g in globs {
            if let Ok(g) = globset::Glob::new(g) {
                b.add(g);
            }
        }
        b.build().unwrap_or_else(|_| globset::GlobSet::empty())
    };
    let include = set(&cfg.tool_filter.include);
    let exclude = set(&cfg.tool_filter.exclude);
    tools
        .into_iter()
        .filter(|t| {
            (cfg.tool_filter.include.is_empty() || include.is_match(&t.name)) && !exclude.is_match(&t.name)
        })
        .collect()
}

/// One instance's life: connect, serve, notice the end, back off, again; until stopped.
async fn supervise(inst: Arc<Instance>, log: LogFn) {
    let name = inst.spec.name.clone();
    let sink: StderrSink = {
        let log = log.clone();
        Arc::new(move |server: &str, line: &str| log(LogKind::Stderr, server, line))
    };
    let mut stop = inst.stop.subscribe();
    let mut backoff = crate::net::Backoff::new(BACKOFF_FIRST, BACKOFF_MAX);
    let mut first = true;
    loop {
        if *stop.borrow_and_update() {
            break;
        }
        if !first {
            inst.state.send_modify(|s| {
                s.phase = Phase::Starting;
                s.restarts += 1;
            });
        }
        first = false;
        let connected = tokio::select! {
            r = connect(&inst.spec, sink.clone()) => r,
            _ = stopped(&mut stop) => break,
        };
        match connected {
            Ok((client, mut notices, tools)) => {
                let client = Arc::new(client);
                log(
                    LogKind::Info,
                    &name,
                    &format!(
                        "connected for agent {} ({} {}, protocol {}, {} tools)",
                        inst.agent,
                        client.info.name,
                        client.info.version,
                        client.info.protocol_version,
                        tools.len()
                    ),
                );
                backoff.reset();
                inst.state.send_modify(|s| {
                    s.phase = Phase::Ready;
                    s.client = Some(client.clone());
                    s.tools = Arc::new(tools);
                    s.info = Some(client.info.clone());
                    s.last_error = None;
                    s.attempts += 1;
                });
                let why = loop {
                    tokio::select! {
                        why = client.wait_closed() => break Some(why),
                        notice = notices.recv() => {
                            let Some(notice) = notice else { continue };
                            if notice.method == "notifications/tools/list_changed" {
                                match client.list_tools().await {
                                    Ok(tools) => {
                                        let tools = filtered(&inst.spec.config, tools);
                                        log(LogKind::Info, &name, &format!("tool list changed: {} tools", tools.len()));
                                        inst.state.send_modify(|s| s.tools = Arc::new(tools));
                                    }
                                    Err(e) => log(LogKind::Warn, &name, &format!("tool list changed, but listing failed: {e}")),
                                }
                            }
                        }
                        _ = stopped(&mut stop) => break None,
                    }
                };
                match why {
                    None => {
                        client.shutdown().await;
                        break;
                    }
                    Some(why) => {
                        log(LogKind::Warn, &name, &format!("stopped unexpectedly: {why}"));
                        client.shutdown().await;
                        inst.state.send_modify(|s| {
                            s.phase = Phase::Failing;
                            s.client = None;
                            s.last_error = Some(why);
                        });
                    }
                }
            }
            Err(e) => {
                log(LogKind::Warn, &name, &format!("cannot connect for agent {}: {e}", inst.agent));
                inst.state.send_modify(|s| {
                    s.phase = Phase::Failing;
                    s.client = None;
                    s.last_error = Some(e.to_string());
                    s.attempts += 1;
                });
            }
        }
        let wait = backoff.next_wait();
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = inst.poke.notified() => {}
            _ = stopped(&mut stop) => break,
        }
    }
    inst.state.send_modify(|s| {
        s.phase = Phase::Stopped;
        s.client = None;
    });
}

async fn connect(
    spec: &ServerSpec,
    sink: StderrSink,
) -> Result<(Client, tokio::sync::mpsc::UnboundedReceiver<super::client::Notice>, Vec<RemoteTool>), McpError>
{
    let (client, notices) = Client::connect(spec, sink).await?;
    match client.list_tools().await {
        Ok(tools) => Ok((client, notices, filtered(&spec.config, tools))),
        Err(e) => {
            client.shutdown().await;
            Err(McpError::Protocol(format!("tools/list failed: {e}")))
        }
    }
}

/// One MCP tool as the agent's [`Tool`].
struct McpTool {
    info: ToolInfo,
    inst: Arc<Instance>,
}

impl McpTool {
    /// The live client; a server found dead is restarted once (within its connection timeout).
    async fn client(&self) -> Result<Arc<Client>, String> {
        let alive = |s: &Snapshot| s.client.as_ref().filter(|c| c.closed().is_none()).cloned();
        let snap = self.inst.state.borrow().clone();
        if let Some(c) = alive(&snap) {
            return Ok(c);
        }
        if snap.phase == Phase::Stopped {
            return Err(format!("MCP server \"{}\" was stopped", self.info.server));
        }
        let seen = snap.attempts;
        self.inst.poke.notify_one();
        let limit =
            Duration::from_millis(self.inst.spec.config.connection_timeout_ms) + Duration::from_secs(1);
        let mut rx = self.inst.state.subscribe();
        let waited = tokio::time::timeout(
            limit,
            rx.wait_for(|s| alive(s).is_some() || s.attempts > seen || s.phase == Phase::Stopped),
        )
        .await;
        let snap = self.inst.state.borrow().clone();
        match (alive(&snap), waited) {
            (Some(c), _) => Ok(c),
            (None, _) => Err(format!(
                "MCP server \"{}\" is not running and did not restart: {}",
                self.info.server,
                snap.last_error.unwrap_or_else(|| "no reason known".into())
            )),
        }
    }
}

impl Tool for McpTool {
    fn name(&self) -> &str {
        &self.info.name
    }

    fn spec(&self) -> ToolSpec {
        let mut parameters = self.info.input_schema.clone();
        if let Some(o) = parameters.as_object_mut() {
            o.entry("type").or_insert_with(|| json!("object"));
        }
        ToolSpec { name: self.info.name.clone(), description: self.info.description.clone(), parameters }
    }

    fn call<'a>(&'a self, _ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let details = |ms: u128| json!({"mcpServer": self.info.server, "mcpTool": self.info.tool, "durationMs": ms as u64});
            let started = std::time::Instant::now();
            let client = match self.client().await {
                Ok(c) => c,
                Err(why) => {
                    return ToolResult::error(why).with_details(details(started.elapsed().as_millis()));
                }
            };
            let args = if args.is_null() { json!({}) } else { args };
            let result = client.call_tool(&self.info.tool, args).await;
            let ms = started.elapsed().as_millis();
            let server = &self.info.server;
            match result {
                Ok(v) => {
                    let (text, is_error) = content::render(&v);
                    ToolResult { content: text, is_error, details: details(ms) }
                }
                Err(McpError::Closed(why)) => {
                    // Its supervisor restarts it; the call is not repeated (it may have acted).
                    self.inst.poke.notify_one();
                    ToolResult::error(format!(
                        "MCP server \"{server}\" stopped during the call ({why}); it is being restarted, the call did not complete"
                    ))
                    .with_details(details(ms))
                }
                Err(e @ McpError::Timeout { .. }) => {
                    ToolResult::error(format!("MCP server \"{server}\": {e}")).with_details(details(ms))
                }
                Err(e) => {
                    ToolResult::error(format!("MCP server \"{server}\": {e}")).with_details(details(ms))
                }
            }
        })
    }
}
