//! The agent's tools and their policy (DESIGN §11): the [`Tool`] abstraction the turn loop calls,
//! the per-agent allow/deny policy ([`ToolSet`]), workspace confinement of file paths
//! ([`resolve_in_workspace`]) and the core tools `read`, `write`, `edit`, `exec`, `web_fetch` and
//! `web_search`.
//!
//! It does not talk to models, keep transcripts or know about channels: the turn loop turns
//! [`ToolSpec`]s into the provider's wire format and feeds [`ToolResult`]s back. Tools that need
//! other subsystems (memory, messages, sessions) implement [`Tool`] elsewhere and are handed to
//! [`ToolSet::for_agent`] as extras. A tool never panics on the model's arguments: bad input is an
//! `is_error` result naming the field.

mod args;
pub mod browser;
pub mod canvas;
mod exec;
mod fs;
pub mod memory;
pub mod message;
pub mod nodes;
mod path;
mod policy;
#[cfg(target_os = "linux")]
pub(crate) mod reaper;
pub mod sandbox;
pub mod sessions;
mod web;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::config::AgentConfig;
use crate::home::Home;

pub use args::Args;
pub use exec::{ExecTool, check_exec_policy};
pub use fs::{EditTool, ReadTool, WriteTool};
pub use path::{PathError, resolve_in_workspace};
pub use policy::{PolicyError, ToolPolicy};
pub use web::{WebFetchTool, WebSearchTool, html_to_text, is_public_ip};

/// What a tool call returns to the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolResult {
    /// Text for the model.
    pub content: String,
    /// True when the call failed (refused, bad arguments, timeout …); the model sees it as an error.
    pub is_error: bool,
    /// Structured facts for the transcript and logs (exit code, truncation, sandbox status);
    /// not sent to the model.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub details: Value,
}

impl ToolResult {
    /// A successful result.
    pub fn ok(content: impl Into<String>) -> Self {
        Self { content: content.into(), is_error: false, details: Value::Null }
    }

    /// A failed result.
    pub fn error(content: impl Into<String>) -> Self {
        Self { content: content.into(), is_error: true, details: Value::Null }
    }

    /// The same result with `details` attached.
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }
}

/// What the model is told about a tool (the provider's type, so specs go out unchanged).
pub use crate::provider::ToolSpec;

/// A boxed future returned by [`Tool::call`], so tools can live in one list as trait objects.
pub type ToolFuture<'a> = Pin<Box<dyn Future<Output = ToolResult> + Send + 'a>>;

/// One tool the model can call.
pub trait Tool: Send + Sync {
    /// The name the model calls it by.
    fn name(&self) -> &str;
    /// What the model is told about it.
    fn spec(&self) -> ToolSpec;
    /// Runs one call. Never panics on bad `args`: returns an `is_error` result naming the field.
    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a>;
}

/// Caps and timeouts that bound every tool call.
#[derive(Debug, Clone)]
pub struct Limits {
    /// `read` returns at most this many bytes.
    pub read_max_bytes: usize,
    /// `write` and `edit` refuse content larger than this.
    pub write_max_bytes: usize,
    /// `exec` timeout when the model gives none.
    pub exec_timeout: Duration,
    /// Upper bound for the model's `timeout`.
    pub exec_timeout_max: Duration,
    /// Combined stdout + stderr kept from `exec`.
    pub exec_output_max: usize,
    /// Refuse to run `exec` when the Landlock sandbox cannot be enforced.
    pub exec_require_sandbox: bool,
    /// `web_fetch`/`web_search` request timeout.
    pub web_timeout: Duration,
    /// Bytes of body `web_fetch` downloads at most.
    pub web_max_bytes: usize,
    /// Characters of text `web_fetch` returns when the model gives no `maxChars`.
    pub web_max_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            read_max_bytes: 256 * 1024,
            write_max_bytes: 4 * 1024 * 1024,
            exec_timeout: Duration::from_secs(60),
            exec_timeout_max: Duration::from_secs(600),
            exec_output_max: 64 * 1024,
            exec_require_sandbox: false,
            web_timeout: Duration::from_secs(20),
            web_max_bytes: 2 * 1024 * 1024,
            web_max_chars: 20_000,
        }
    }
}

/// Everything a tool call may use: whose call it is, where it may touch files, and its policy.
#[derive(Debug, Clone)]
pub struct ToolContext {
    /// The agent id.
    pub agent: String,
    /// The agent's workspace; file tools and `exec` are confined to it.
    pub workspace: PathBuf,
    /// The openclaw home (memory and session tools find their files through it).
    pub home: Home,
    /// The agent's configuration (`tools.allow/deny/exec/web`).
    pub config: Arc<AgentConfig>,
    /// Caps and timeouts.
    pub limits: Limits,
}

impl ToolContext {
    /// The context for `agent` in `home`, with default limits.
    pub fn new(home: &Home, agent: &str, config: Arc<AgentConfig>) -> Self {
        Self {
            agent: agent.to_string(),
            workspace: home.workspace(agent),
            home: home.clone(),
            config,
            limits: Limits::default(),
        }
    }
}

/// The core tools of this module, in the order they are offered to the model.
pub fn builtin_tools() -> Vec<Arc<dyn Tool>> {
    vec![
        Arc::new(ReadTool),
        Arc::new(WriteTool),
        Arc::new(EditTool),
        Arc::new(ExecTool),
        Arc::new(WebFetchTool),
        Arc::new(WebSearchTool),
    ]
}

/// The tools one agent may use, after `tools.allow`/`tools.deny`.
#[derive(Clone)]
pub struct ToolSet {
    tools: Vec<Arc<dyn Tool>>,
}

impl std::fmt::Debug for ToolSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl ToolSet {
    /// The built-in tools plus `extra` (memory, message, sessions …), filtered by the agent's
    /// policy. A later tool with the same name as an earlier one replaces it.
    pub fn for_agent(
        config: &AgentConfig,
        extra: impl IntoIterator<Item = Arc<dyn Tool>>,
    ) -> Result<Self, PolicyError> {
        let policy = ToolPolicy::new(&config.tools.allow, &config.tools.deny)?;
        let mut tools: Vec<Arc<dyn Tool>> = Vec::new();
        for tool in builtin_tools().into_iter().chain(extra) {
            if !policy.allows(tool.name()) {
                continue;
            }
            match tools.iter().position(|t| t.name() == tool.name()) {
                Some(i) => tools[i] = tool,
                None => tools.push(tool),
            }
        }
        Ok(Self { tools })
    }

    /// Names of the tools in the set, in order.
    pub fn names(&self) -> Vec<&str> {
        self.tools.iter().map(|t| t.name()).collect()
    }

    /// The specs to send to the model.
    pub fn specs(&self) -> Vec<ToolSpec> {
        self.tools.iter().map(|t| t.spec()).collect()
    }

    /// The tool called `name`, when the agent may use it.
    pub fn get(&self, name: &str) -> Option<&Arc<dyn Tool>> {
        self.tools.iter().find(|t| t.name() == name)
    }

    /// Runs a call the model asked for. A name outside the set (denied, or hallucinated) is an
    /// `is_error` result listing the tools that exist.
    pub async fn call(&self, ctx: &ToolContext, name: &str, args: Value) -> ToolResult {
        match self.get(name) {
            Some(tool) => tool.call(ctx, args).await,
            None => ToolResult::error(format!(
                "unknown or disallowed tool \"{name}\"; available tools: {}",
                if self.tools.is_empty() { "none".to_string() } else { self.names().join(", ") }
            )),
        }
    }
}
