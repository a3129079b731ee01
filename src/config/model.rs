//! The typed shape of `gateway.json5` (DESIGN §3), with its defaults.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The whole configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Config {
    /// Gets what no binding matches.
    pub default_agent: String,
    /// LLM providers and model choice.
    pub models: ModelsConfig,
    /// Session scoping and reset policy.
    pub session: SessionConfig,
    /// Agents in file order (order breaks binding ties).
    pub agents: IndexMap<String, AgentConfig>,
    /// Channel settings, kept raw until the channel adapters read them.
    pub channels: IndexMap<String, serde_json::Value>,
    /// The gateway's listener.
    pub gateway: GatewayConfig,
    /// The cron scheduler.
    pub cron: CronConfig,
    /// This machine as a node of another gateway (`openclaw node run`): what it offers.
    pub node: NodeConfig,
    /// Tools from Model Context Protocol servers.
    pub mcp: McpConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            default_agent: "main".into(),
            models: ModelsConfig::default(),
            session: SessionConfig::default(),
            agents: IndexMap::new(),
            channels: IndexMap::new(),
            gateway: GatewayConfig::default(),
            cron: CronConfig::default(),
            node: NodeConfig::default(),
            mcp: McpConfig::default(),
        }
    }
}

impl Config {
    /// The context window in tokens of `model` (`provider/model`): its entry in
    /// `models.providers.<provider>.models`, else the provider's `contextWindow`, else
    /// `session.compaction.contextTokens`.
    pub fn context_window(&self, model: &str) -> u64 {
        self.configured_window(model).map_or(self.session.compaction.context_tokens, |(w, _)| w)
    }

    /// The context window the config gives `model` itself, and the key that gives it: its entry
    /// in `models.providers.<provider>.models`, else the provider's `contextWindow`.
    pub fn configured_window(&self, model: &str) -> Option<(u64, String)> {
        let (provider, id) = model.split_once('/')?;
        let p = self.models.providers.get(provider)?;
        let own = p.models.iter().position(|m| m.id == id && m.context_window.is_some());
        match own {
            Some(i) => Some((
                p.models[i].context_window?,
                format!("models.providers.{provider}.models[{i}].contextWindow"),
            )),
            None => Some((p.context_window?, format!("models.providers.{provider}.contextWindow"))),
        }
    }
}

/// `models`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModelsConfig {
    /// `provider/model` used when an agent names none.
    pub default: Option<String>,
    /// Tried in order when the primary model fails.
    pub fallbacks: Vec<String>,
    /// Providers by name.
    pub providers: IndexMap<String, ProviderConfig>,
    /// Retries per model on 429, 5xx and connection errors.
    pub retry: RetryConfig,
    /// Time limits per model request.
    pub timeouts: TimeoutsConfig,
}

/// `models.retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RetryConfig {
    /// Requests per model, the first included (1 = no retry).
    pub max_tries: u32,
    /// Delay before the first retry in milliseconds; doubled each time, with jitter.
    pub base_delay_ms: u64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self { max_tries: 3, base_delay_ms: 500 }
    }
}

/// `models.timeouts`, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimeoutsConfig {
    /// TCP + TLS connect.
    pub connect_seconds: u64,
    /// Longest silence while waiting for the reply or between stream chunks.
    pub idle_seconds: u64,
    /// A whole request, stream included.
    pub request_seconds: u64,
}

impl Default for TimeoutsConfig {
    fn default() -> Self {
        Self { connect_seconds: 10, idle_seconds: 120, request_seconds: 600 }
    }
}

/// `models.providers.<name>`. Its `Debug` shows whether a key is set, never the key.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProviderConfig {
    /// Wire protocol: `openai` or `anthropic`.
    pub api: String,
    /// API root, e.g. `https://api.openai.com/v1`.
    pub base_url: Option<String>,
    /// Secret; never logged.
    pub api_key: Option<String>,
    /// Context window in tokens of every model of this provider without its own
    /// (`session.compaction.contextTokens` when neither says).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u64>,
    /// Models of this provider with their own settings, as in Node OpenClaw:
    /// `[{ id: "qwen2.5-1.5b", contextWindow: 16384 }]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<ProviderModel>,
    /// A model server of the user's own (llama.cpp, Ollama, vLLM, LM Studio). Unset: true for
    /// the key-less well-known providers `ollama` and `local`. Turns on tool-call recovery and
    /// asking the server for its context window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<bool>,
    /// Take a reply that is nothing but a tool call written as JSON text for that tool call
    /// (small models often answer so). Unset: on for local providers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_call_recovery: Option<bool>,
}

/// `models.providers.<name>.models[]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProviderModel {
    /// The model id as the provider names it (after `provider/`).
    pub id: String,
    /// Its context window in tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u64>,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("api", &self.api)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("context_window", &self.context_window)
            .field("models", &self.models)
            .field("local", &self.local)
            .field("tool_call_recovery", &self.tool_call_recovery)
            .finish()
    }
}

/// `session`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionConfig {
    /// How direct messages map to sessions.
    pub dm_scope: DmScope,
    /// When sessions go stale.
    pub reset: ResetConfig,
    /// Chat messages that reset the session.
    pub reset_triggers: Vec<String>,
    /// When and how long conversations are summarised.
    pub compaction: CompactionConfig,
}

/// `session.compaction`: summarise the older part of a conversation when the context nears the
/// model's window.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompactionConfig {
    /// The model's context window in tokens (estimated as bytes / 4).
    pub context_tokens: u64,
    /// Share of the window (0.1–0.95) at which a turn compacts first.
    pub threshold: f64,
    /// Most recent messages kept verbatim after a compaction.
    pub keep_messages: usize,
    /// Before summarising, let the model write durable notes to today's memory log.
    pub memory_flush: bool,
}

impl Default for CompactionConfig {
    fn default() -> Self {
        Self { context_tokens: 128_000, threshold: 0.8, keep_messages: 8, memory_flush: true }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            dm_scope: DmScope::PerChannelPeer,
            reset: ResetConfig::default(),
            reset_triggers: vec!["/new".into(), "/reset".into()],
            compaction: CompactionConfig::default(),
        }
    }
}

/// `session.dmScope`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DmScope {
    /// One session across all DM channels: `agent:<id>:main`.
    Main,
    /// One session per peer, whatever the channel.
    PerPeer,
    /// One session per channel and peer (the default).
    #[default]
    PerChannelPeer,
}

/// `session.reset`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResetConfig {
    /// `daily`, `idle` or `none`.
    pub mode: ResetMode,
    /// Hour of the daily boundary, 0–23.
    pub at_hour: u8,
    /// `local` or an IANA zone name such as `Europe/Amsterdam`.
    pub timezone: String,
    /// Idle minutes after which a session is stale; 0 turns idle reset off.
    pub idle_minutes: u64,
}

impl Default for ResetConfig {
    fn default() -> Self {
        Self { mode: ResetMode::Daily, at_hour: 4, timezone: "local".into(), idle_minutes: 0 }
    }
}

impl ResetConfig {
    /// The configured time zone; `local` is the system's zone (honouring `TZ`).
    pub fn time_zone(&self) -> Result<jiff::tz::TimeZone, jiff::Error> {
        if self.timezone.eq_ignore_ascii_case("local") {
            Ok(jiff::tz::TimeZone::system())
        } else {
            jiff::tz::TimeZone::get(&self.timezone)
        }
    }
}

/// `session.reset.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResetMode {
    /// Stale after the daily boundary (and after `idleMinutes`, when set).
    #[default]
    Daily,
    /// Stale only after `idleMinutes` without interaction.
    Idle,
    /// Never stale; only manual resets.
    None,
}

/// `agents.<id>`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AgentConfig {
    /// `provider/model`, overriding `models.default`.
    pub model: Option<String>,
    /// Tool policy.
    pub tools: ToolsConfig,
    /// Routing rules, in priority order among equals.
    pub bindings: Vec<Binding>,
    /// Size limits of the system prompt.
    pub prompt: PromptConfig,
    /// Model calls per turn before the loop stops (default 16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_steps: Option<u32>,
    /// A periodic turn that reads HEARTBEAT.md (run by the gateway).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat: Option<HeartbeatConfig>,
    /// The MCP servers (`mcp.servers.<name>`) whose tools this agent gets; all enabled ones
    /// when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcp: Option<Vec<String>>,
    /// Paired nodes (by name, globs allowed) the agent may reach with the `nodes` tool; none
    /// by default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<String>,
}

/// `node`: the policy of this machine when it runs as a node (`openclaw node run`). The node
/// decides what it does; the gateway it serves cannot widen any of this.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeConfig {
    /// The name it asks to be paired under (default: the host name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The gateway's node endpoint, `ws://` or `wss://` (the `--gateway` flag wins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    /// The directory `system.run` and `file.*` are confined to (default `node/workspace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    /// `system.run`'s shell policy: `deny` (default), `allowlist` or `full`.
    pub exec: ExecConfig,
    /// Capabilities switched on (`true`) or off (`false`) by name.
    pub capabilities: IndexMap<String, bool>,
}

impl Default for NodeConfig {
    fn default() -> Self {
        Self {
            name: None,
            gateway: None,
            workspace: None,
            exec: ExecConfig { security: ExecSecurity::Deny, allowlist: Vec::new() },
            capabilities: IndexMap::new(),
        }
    }
}

/// `agents.<id>.heartbeat`: every `every`, within `activeHours` (in `session.reset.timezone`),
/// the gateway gives HEARTBEAT.md to the agent; a reply of `HEARTBEAT_OK` is dropped, anything
/// else goes to the agent's last channel. An empty HEARTBEAT.md skips the run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HeartbeatConfig {
    /// How often, e.g. `30m`.
    pub every: String,
    /// `HH:MM-HH:MM` (may wrap midnight); all day when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_hours: Option<String>,
}

/// `agents.<id>.prompt`: how much of the workspace goes into each turn's system prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PromptConfig {
    /// Bytes of one workspace file (AGENTS.md, MEMORY.md, …) before it is cut with a marker.
    pub max_file_bytes: usize,
    /// Bytes of the whole system prompt; the files last in order are cut first.
    pub max_total_bytes: usize,
}

impl Default for PromptConfig {
    fn default() -> Self {
        Self { max_file_bytes: 6_000, max_total_bytes: 20_000 }
    }
}

/// `agents.<id>.tools`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ToolsConfig {
    /// Tool name globs the agent may use (empty: all).
    pub allow: Vec<String>,
    /// Tool name globs the agent may not use; deny wins.
    pub deny: Vec<String>,
    /// Shell policy.
    pub exec: ExecConfig,
    /// `web_fetch` and `web_search` settings.
    pub web: WebToolsConfig,
    /// Lets `sessions_history` and `sessions_send` reach other agents' sessions (off by default).
    pub agent_to_agent: bool,
    /// The `browser` tool (a headless Chromium).
    pub browser: BrowserToolsConfig,
    /// The `canvas` tool.
    pub canvas: CanvasToolConfig,
}

/// `agents.<id>.tools.browser`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BrowserToolsConfig {
    /// Offer the tool when a Chromium is there (default true).
    pub enabled: bool,
    /// The Chromium to start; the first of chromium, chromium-browser, google-chrome on `PATH`
    /// when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executable_path: Option<String>,
    /// Attach to a running browser's DevTools endpoint (`http://host:9222` or a `ws://` URL)
    /// instead of starting one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdp_url: Option<String>,
    /// Minutes without use before the browser is closed (default 10).
    pub idle_minutes: f64,
    /// Lets the model run JavaScript in the page (`evaluate`; off by default).
    pub allow_evaluate: bool,
    /// Start Chromium with `--no-sandbox` even when not running as root (where its own sandbox
    /// cannot work, such as some containers).
    pub no_sandbox: bool,
    /// Characters of a `snapshot` before it is cut with a marker (default 12000).
    pub snapshot_max_chars: usize,
}

impl Default for BrowserToolsConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            executable_path: None,
            cdp_url: None,
            idle_minutes: 10.0,
            allow_evaluate: false,
            no_sandbox: false,
            snapshot_max_chars: 12_000,
        }
    }
}

/// `agents.<id>.tools.canvas`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CanvasToolConfig {
    /// Lets the canvas run the agent's own scripts (off: only openclaw's button/form bridge runs).
    pub allow_scripts: bool,
    /// Minutes a canvas link sent to a chat stays valid.
    pub link_ttl_minutes: u64,
}

impl Default for CanvasToolConfig {
    fn default() -> Self {
        Self { allow_scripts: false, link_ttl_minutes: 24 * 60 }
    }
}

/// `agents.<id>.tools.web`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WebToolsConfig {
    /// Lets `web_fetch` reach private, loopback and link-local addresses (off by default).
    pub allow_private: bool,
    /// The `web_search` endpoint; `web_search` says it is not configured when absent.
    pub search: Option<WebSearchConfig>,
}

/// `agents.<id>.tools.web.search`: a Brave- or SearXNG-style JSON search API.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WebSearchConfig {
    /// Endpoint URL; `q` and `count` are added to its query string.
    pub url: String,
    /// Sent as `X-Subscription-Token` (Brave) when set; never logged.
    #[serde(skip_serializing)]
    pub api_key: Option<String>,
}

/// `agents.<id>.tools.exec`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExecConfig {
    /// `deny`, `allowlist` (default) or `full`.
    pub security: ExecSecurity,
    /// Command globs allowed under `allowlist`.
    pub allowlist: Vec<String>,
}

/// `agents.<id>.tools.exec.security`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExecSecurity {
    /// No shell at all.
    Deny,
    /// Only commands matching the allowlist (empty by default).
    #[default]
    Allowlist,
    /// Any command.
    Full,
}

/// One routing rule: all given fields must match (DESIGN §5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Binding {
    /// Channel name, e.g. `telegram` (required).
    pub channel: String,
    /// Channel account id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Glob over the sender id, display name or handle (username).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    /// Glob over the group/channel id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl Binding {
    /// The binding as it is written in `gateway.json5`: `{ channel: "telegram", peer: "jonas_*" }`.
    pub fn to_json5(&self) -> String {
        let mut parts = vec![format!("channel: {}", quote(&self.channel))];
        for (key, value) in [("accountId", &self.account_id), ("peer", &self.peer), ("group", &self.group)] {
            if let Some(v) = value {
                parts.push(format!("{key}: {}", quote(v)));
            }
        }
        format!("{{ {} }}", parts.join(", "))
    }
}

impl std::fmt::Display for Binding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_json5())
    }
}

fn quote(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// `gateway`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GatewayConfig {
    /// Listen address; loopback by default.
    pub listen: String,
    /// Bearer token for the API; generated on first start when absent. A secret: printed only
    /// through [`Config::to_json`] with `show_secrets`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Turns of different sessions that may run at once.
    pub max_concurrent_turns: usize,
    /// Allow `listen` on a non-loopback address (the token is then all that protects it).
    pub allow_remote: bool,
    /// Seconds a shutdown waits for turns in flight before cutting them off.
    pub shutdown_grace_seconds: u64,
    /// Seconds a client has to send a request's headers, and may stay connected and silent
    /// between requests, before its connection is closed.
    pub header_timeout_seconds: u64,
    /// HTTP connections served at once; further clients wait in the listen backlog.
    pub max_connections: usize,
    /// The address people outside this machine reach the gateway at (a reverse proxy, a tunnel):
    /// canvas links sent to chats start with it. Unset: chats get a text rendering instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// Seconds a streamed answer (`/v1/chat/completions`, `/api/send`) may stay silent before
    /// the gateway sends an SSE keep-alive comment, so proxies with an idle timeout keep it open.
    pub sse_keep_alive_seconds: f64,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:18789".into(),
            token: None,
            max_concurrent_turns: 8,
            allow_remote: false,
            shutdown_grace_seconds: 20,
            header_timeout_seconds: 10,
            max_connections: 256,
            public_url: None,
            sse_keep_alive_seconds: 10.0,
        }
    }
}

/// `cron`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CronConfig {
    /// Whether the gateway runs scheduled jobs.
    pub enabled: bool,
}

impl Default for CronConfig {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `mcp`: Model Context Protocol servers whose tools the agents get (`<server>__<tool>`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct McpConfig {
    /// Servers by name, in file order (the order their tools are offered in).
    pub servers: IndexMap<String, McpServerConfig>,
}

/// `mcp.servers.<name>`: a stdio server (`command`) or a remote one (`url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct McpServerConfig {
    /// The program of a stdio server (found on the clean `PATH` unless absolute).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Its arguments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    /// Its working directory; relative to the agent's workspace (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cwd: Option<String>,
    /// Its environment, on top of the clean one `exec` gets (nothing of the gateway's leaks in).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub env: IndexMap<String, String>,
    /// The endpoint of a remote server (http or https).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How to talk to `url`: `streamable-http` (the default) or `sse`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport: Option<McpTransport>,
    /// HTTP headers sent to `url` (e.g. `Authorization`); values may use `${VAR}`.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// Whether agents get it.
    pub enabled: bool,
    /// How long connecting and the handshake may take.
    pub connection_timeout_ms: u64,
    /// How long one request (a tool call) may take.
    pub request_timeout_ms: u64,
    /// Which of its tools are offered (globs over the server's own tool names).
    pub tool_filter: McpToolFilter,
}

impl Default for McpServerConfig {
    fn default() -> Self {
        Self {
            command: None,
            args: Vec::new(),
            cwd: None,
            env: IndexMap::new(),
            url: None,
            transport: None,
            headers: IndexMap::new(),
            enabled: true,
            connection_timeout_ms: 30_000,
            request_timeout_ms: 60_000,
            tool_filter: McpToolFilter::default(),
        }
    }
}

impl McpServerConfig {
    /// `stdio`, `streamable-http` or `sse`.
    pub fn transport_name(&self) -> &'static str {
        match (&self.command, self.transport) {
            (Some(_), _) => "stdio",
            (None, Some(McpTransport::Sse)) => "sse",
            (None, _) => "streamable-http",
        }
    }
}

/// `mcp.servers.<name>.transport`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum McpTransport {
    /// MCP's HTTP transport (2025-03-26 and later): POST, answers as JSON or an event stream.
    StreamableHttp,
    /// The older HTTP+SSE transport: a GET event stream and a POST endpoint it names.
    Sse,
}

/// `mcp.servers.<name>.toolFilter`: `include` (empty: all) then `exclude`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct McpToolFilter {
    /// Tool name globs offered (empty: every tool).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Tool name globs never offered; wins over `include`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}
