//! The `nodes` tool: an agent lists the paired machines it may use and invokes a command on one
//! (`system.run`, `system.info`, `file.read`, `file.write`, `notify`). Which nodes an agent may
//! reach is `agents.<id>.nodes` (names or globs; none by default, and then the tool is not
//! offered). The gateway holds the connections ([`NodeLink`]); the node applies its own policy.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use globset::GlobSet;
use serde::Serialize;
use serde_json::{Value, json};

use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::config::AgentConfig;

/// One node as the gateway sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeInfo {
    /// Its paired name.
    pub name: String,
    /// Connected now.
    pub connected: bool,
    /// What it declared it offers.
    pub capabilities: Vec<String>,
    /// `os/arch`.
    pub platform: String,
    /// The last message from it (RFC 3339), when it has talked since the gateway started.
    pub last_seen: Option<String>,
}

/// A node's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeReply {
    /// False when the node refused or the command failed.
    pub ok: bool,
    /// Text for the agent.
    pub content: String,
    /// The node's structured facts.
    pub details: Value,
}

/// The boxed future of [`NodeLink::invoke`].
pub type InvokeFuture<'a> = Pin<Box<dyn Future<Output = Result<NodeReply, String>> + Send + 'a>>;

/// The gateway's connections to its nodes, as a tool needs them.
pub trait NodeLink: Send + Sync + std::fmt::Debug {
    /// Paired nodes, connected or not.
    fn list(&self) -> Vec<NodeInfo>;
    /// Sends one request and waits at most `timeout`; `Err` is a sentence for the model (not
    /// connected, disconnected mid-call, timed out).
    fn invoke<'a>(
        &'a self,
        node: &'a str,
        command: &'a str,
        args: Value,
        timeout: Duration,
    ) -> InvokeFuture<'a>;
}

/// `nodes {action: "list"}` / `nodes {action: "invoke", node, command, args?, timeout?}`.
pub struct NodesTool {
    link: Arc<dyn NodeLink>,
    allowed: GlobSet,
    patterns: Vec<String>,
}

impl NodesTool {
    /// The tool for an agent with `agents.<id>.nodes`, when a gateway holds node connections;
    /// `None` otherwise (or when the globs do not parse; config validation reports those).
    pub fn for_agent(agent: &AgentConfig, link: Option<Arc<dyn NodeLink>>) -> Option<Arc<dyn Tool>> {
        let link = link?;
        if agent.nodes.is_empty() {
            return None;
        }
        let allowed = super::policy::compile("nodes", &agent.nodes).ok()?;
        Some(Arc::new(NodesTool { link, allowed, patterns: agent.nodes.clone() }))
    }
}

impl Tool for NodesTool {
    fn name(&self) -> &str {
        "nodes"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "nodes".into(),
            description: "The owner's paired machines. action \"list\": nodes, what each offers, last seen. \
                          action \"invoke\": run command (system.info, system.run {command}, file.read {path}, \
                          file.write {path, content}, notify {text, title?}) on node with args; timeout: seconds \
                          (default 30)."
                .into(),
            parameters: json!({"type":"object","properties":{
                "action":{"type":"string","enum":["list","invoke"]},
                "node":{"type":"string"},
                "command":{"type":"string"},
                "args":{"type":"object"},
                "timeout":{"type":"integer"}},"required":["action"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = match Args::parse("nodes", args) {
                Ok(a) => a,
                Err(e) => return ToolResult::error(e.to_string()),
            };
            match args.str("action") {
                Ok("list") => self.list(),
                Ok("invoke") => self.invoke(ctx, &args).await,
                Ok(other) => {
                    ToolResult::error(format!("nodes: unknown action \"{other}\"; use list or invoke"))
                }
                Err(e) => ToolResult::error(e.to_string()),
            }
        })
    }
}

impl NodesTool {
    fn list(&self) -> ToolResult {
        let nodes: Vec<NodeInfo> =
            self.link.list().into_iter().filter(|n| self.allowed.is_match(&n.name)).collect();
        if nodes.is_empty() {
            return ToolResult::ok("no paired node is available to this agent");
        }
        ToolResult::ok(serde_json::to_string_pretty(&nodes).unwrap_or_default())
    }

    async fn invoke(&self, ctx: &ToolContext, args: &Args) -> ToolResult {
        let fields = (args.str("node"), args.str("command"), args.opt_u64("timeout"));
        let (node, command, timeout) = match fields {
            (Ok(n), Ok(c), Ok(t)) => (n, c, t),
            (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return ToolResult::error(e.to_string()),
        };
        if !self.allowed.is_match(node) {
            return ToolResult::error(format!(
                "this agent may not use node \"{node}\" (agents.{}.nodes: {})",
                ctx.agent,
                self.patterns.join(", ")
            ));
        }
        // Some models send nested objects as JSON text.
        let node_args = match args.raw("args") {
            Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::String(s.clone())),
            Some(v) => v.clone(),
            None => Value::Null,
        };
        let timeout = match timeout {
            Some(0) | None => crate::node::DEFAULT_TIMEOUT,
            Some(s) => Duration::from_secs(s.min(3600)),
        };
        let started = std::time::Instant::now();
        match self.link.invoke(node, command, node_args, timeout).await {
            Ok(reply) => {
                let details = json!({"node": node, "command": command,
                    "durationMs": started.elapsed().as_millis() as u64, "result": reply.details});
                let result =
                    if reply.ok { ToolResult::ok(reply.content) } else { ToolResult::error(reply.content) };
                result.with_details(details)
            }
            Err(why) => ToolResult::error(why).with_details(json!({"node": node, "command": command})),
        }
    }
}
