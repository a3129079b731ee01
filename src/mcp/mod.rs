//! Tools from Model Context Protocol servers (`mcp.servers.<name>` in gateway.json5).
//!
//! Each enabled server is started (stdio) or reached (streamable HTTP, SSE) once per agent that
//! uses it (`agents.<id>.mcp`, all enabled servers by default), in that agent's workspace with a
//! clean environment, and supervised by the [`Hub`]: restarted with backoff when it dies, its
//! tool list refreshed on `notifications/tools/list_changed`, started, stopped or restarted
//! alone when its config changes. Its tools reach the agent as `<server>__<tool>` ([`names`]),
//! through the agent's `tools.allow`/`deny` like any tool; their results are rendered to text for
//! the model ([`content`]).
//!
//! The protocol client is written here ([`client`], [`transport`]) rather than taken from the
//! `rmcp` crate: rmcp 3.x has no client for the HTTP+SSE transport OpenClaw configs still use
//! (`transport: "sse"`), and what a tools-only client needs (handshake, `tools/list`, `tools/call`,
//! notifications, `ping`) is a few hundred lines over the HTTP and SSE code the crate already has.
//!
//! It knows nothing of sessions, channels or the gateway: its log lines go to a [`LogFn`] the
//! caller gives.

pub mod client;
pub mod content;
mod hub;
pub mod names;
mod transport;

use std::path::PathBuf;
use std::sync::Arc;

pub use client::{Client, RemoteTool, ServerInfo};
pub use hub::{Hub, ServerStatus, ToolInfo};

use crate::config::McpServerConfig;

/// What kind of line a [`LogFn`] gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogKind {
    /// A line the server wrote to its stderr.
    Stderr,
    /// A lifecycle event (started, restarted, stopped).
    Info,
    /// Trouble (failed to start, died).
    Warn,
}

/// Where log lines go: `(kind, server, text)`.
pub type LogFn = Arc<dyn Fn(LogKind, &str, &str) + Send + Sync>;

/// A sink for server stderr: `(server, line)`.
pub type StderrSink = Arc<dyn Fn(&str, &str) + Send + Sync>;

/// One server as one agent runs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerSpec {
    /// `mcp.servers.<name>`.
    pub name: String,
    /// Its settings, `${VAR}`s expanded.
    pub config: McpServerConfig,
    /// The agent's workspace: where a stdio server runs.
    pub workspace: PathBuf,
}

/// Why talking to a server failed; one sentence each.
#[derive(Debug, Clone, thiserror::Error)]
pub enum McpError {
    /// The settings cannot be used.
    #[error("bad settings: {0}")]
    Config(String),
    /// The stdio server could not be started.
    #[error("{0}")]
    Start(String),
    /// The HTTP server could not be reached.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The HTTP server refused.
    #[error("the server answered {0}")]
    Http(String),
    /// The server said something this client cannot use.
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The server answered a request with a JSON-RPC error.
    #[error("the server answered with error {code}: {message}")]
    Rpc {
        /// JSON-RPC error code.
        code: i64,
        /// Its message.
        message: String,
    },
    /// No answer in time.
    #[error("{what} timed out after {ms} ms{}", detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Timeout {
        /// What was waited for.
        what: String,
        /// The limit.
        ms: u64,
        /// What is known of why (the process exited, …).
        detail: Option<String>,
    },
    /// The connection ended.
    #[error("{0}")]
    Closed(String),
}
