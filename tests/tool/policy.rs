//! `tools.allow` / `tools.deny` and the tool list sent to the model.

use std::sync::Arc;

use openclaw::config::AgentConfig;
use openclaw::tool::{Tool, ToolContext, ToolFuture, ToolResult, ToolSet, ToolSpec};
use serde_json::{Value, json};

use crate::common::Fixture;

fn config(allow: &[&str], deny: &[&str]) -> AgentConfig {
    let mut c = AgentConfig::default();
    c.tools.allow = allow.iter().map(|s| s.to_string()).collect();
    c.tools.deny = deny.iter().map(|s| s.to_string()).collect();
    c
}

/// A stand-in for a tool another module provides (memory, sessions …).
struct Echo(&'static str);

impl Tool for Echo {
    fn name(&self) -> &str {
        self.0
    }
    fn spec(&self) -> ToolSpec {
        ToolSpec { name: self.0.into(), description: "Echo.".into(), parameters: json!({"type":"object"}) }
    }
    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move { ToolResult::ok(format!("{} {} {args}", self.0, ctx.agent)) })
    }
}

#[test]
fn allow_and_deny_globs_choose_the_tools() {
    let all = ToolSet::for_agent(&config(&[], &[]), []).unwrap();
    assert_eq!(all.names(), ["read", "write", "edit", "exec", "web_fetch", "web_search"]);
    let extras: Vec<Arc<dyn Tool>> = vec![Arc::new(Echo("memory_search")), Arc::new(Echo("memory_append"))];
    let set = ToolSet::for_agent(&config(&["read", "memory_*"], &["memory_append", "exec"]), extras).unwrap();
    assert_eq!(set.names(), ["read", "memory_search"]);
    let set = ToolSet::for_agent(&config(&[], &["web_*", "exec"]), []).unwrap();
    assert_eq!(set.names(), ["read", "write", "edit"]);
    let err = ToolSet::for_agent(&config(&["[oops"], &[]), []).unwrap_err();
    assert!(err.to_string().starts_with("tools.allow: bad glob \"[oops\""), "{err}");
}

#[tokio::test]
async fn calls_outside_the_set_are_refused_and_extras_are_called() {
    let mut fx = Fixture::new();
    fx.config = config(&["read", "memory_*"], &[]);
    let set = ToolSet::for_agent(&fx.config, [Arc::new(Echo("memory_get")) as Arc<dyn Tool>]).unwrap();
    let ctx = fx.ctx();
    let r = set.call(&ctx, "exec", json!({"command": "id"})).await;
    assert!(r.is_error);
    assert_eq!(r.content, "unknown or disallowed tool \"exec\"; available tools: read, memory_get");
    let r = set.call(&ctx, "launch_missiles", json!({})).await;
    assert!(r.is_error);
    let r = set.call(&ctx, "memory_get", json!({"path": "MEMORY.md"})).await;
    assert_eq!(r.content, "memory_get main {\"path\":\"MEMORY.md\"}");
}

#[test]
fn the_tool_list_is_small() {
    let set = ToolSet::for_agent(&AgentConfig::default(), []).unwrap();
    let bytes = serde_json::to_string(&set.specs()).unwrap().len();
    eprintln!("tool specs: {bytes} bytes of JSON for {} tools", set.names().len());
    assert!(bytes < 1500, "{bytes} bytes");
    for spec in set.specs() {
        assert_eq!(spec.parameters["type"], "object", "{}", spec.name);
        assert!(spec.description.len() <= 100, "{}: keep descriptions short", spec.name);
    }
}
