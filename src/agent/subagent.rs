//! Sub-agents (issue 5): the `sessions_spawn` tool starts a background turn in a new session
//! `agent:<id>:subagent:<uuid>` (its entry records the parent's key, a label and its depth) and
//! returns at once. When the child finishes, its result is appended to the parent session as a
//! message — after the parent's running turn, under the parent's turn lock — and announced on the
//! parent's channel when it has one. Children run as tasks of the process that spawned them: the
//! gateway keeps them running; `openclaw send` waits for them before it exits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use jiff::Timestamp;
use serde_json::{Value, json};

use super::turn::{self, Inbound, Runtime};
use crate::session::transcript::{self, Line, Message as TMessage, Origin};
use crate::session::{Scope, SessionEntry, SessionKey, SessionStore};
use crate::store::FileLock;
use crate::tool::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};

/// Deepest nesting: a sub-agent of a sub-agent may not spawn again.
pub const MAX_DEPTH: u64 = 2;
/// Children one parent session may have running at once.
pub const MAX_RUNNING: usize = 4;

/// A running child: its parent and label.
#[derive(Debug, Clone)]
pub struct Running {
    /// The parent session key.
    pub parent: String,
    /// The label given at spawn.
    pub label: Option<String>,
    /// When it started.
    pub started: Timestamp,
}

type Registry =
    Mutex<(HashMap<String, (Running, tokio::task::AbortHandle)>, Vec<tokio::task::JoinHandle<()>>)>;

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(Registry::default)
}

/// The children of `parent` that are still running in this process.
pub fn running(parent: &str) -> Vec<(String, Running)> {
    let reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    let mut out: Vec<_> = reg
        .0
        .iter()
        .filter(|(_, (r, _))| r.parent == parent)
        .map(|(k, (r, _))| (k.clone(), r.clone()))
        .collect();
    out.sort_by_key(|(_, r)| r.started);
    out
}

/// Stops a running child of this process: its task is aborted (a turn cut off mid-way keeps
/// what its transcript already holds) and its entry's `status` becomes `killed`. `Err` names
/// why nothing was stopped.
pub fn kill(home: &crate::home::Home, key: &str) -> Result<Running, String> {
    let (running, abort) = registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .0
        .remove(key)
        .ok_or_else(|| format!("no running sub-agent {key} in this process"))?;
    abort.abort();
    if let Ok(k) = SessionKey::parse(key) {
        let _ = SessionStore::open(home, &k.agent).update(|s| {
            if let Some(e) = s.get_mut(key) {
                e.extra.insert("status".into(), json!("killed"));
            }
        });
    }
    Ok(running)
}

/// `sessions_kill {sessionKey}`: stops a running sub-agent this session started.
pub struct KillTool {
    parent: SessionKey,
}

impl KillTool {
    /// The tool for turns of `parent`.
    pub fn for_session(parent: SessionKey) -> Arc<dyn Tool> {
        Arc::new(KillTool { parent })
    }
}

impl Tool for KillTool {
    fn name(&self) -> &str {
        "sessions_kill"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "sessions_kill".into(),
            description: "Stop a running sub-agent that this session started.".into(),
            parameters: json!({"type":"object","properties":{"sessionKey":{"type":"string"}},"required":["sessionKey"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let key = match Args::parse("sessions_kill", args)
                .and_then(|a| a.str("sessionKey").map(str::to_string))
            {
                Ok(k) => k,
                Err(e) => return ToolResult::error(e.to_string()),
            };
            let parent = self.parent.to_string();
            if !running(&parent).iter().any(|(k, _)| *k == key) {
                return ToolResult::error(format!("{key} is not a running sub-agent of this session"));
            }
            match kill(&ctx.home, &key) {
                Ok(_) => ToolResult::ok(format!("stopped {key}")),
                Err(e) => ToolResult::error(e),
            }
        })
    }
}

/// Waits until every child started in this process has finished and reported (children that
/// spawn children are waited for too).
pub async fn wait_all() {
    loop {
        let handles = std::mem::take(&mut registry().lock().unwrap_or_else(|e| e.into_inner()).1);
        if handles.is_empty() {
            return;
        }
        for h in handles {
            let _ = h.await;
        }
    }
}

/// `sessions_spawn {task, agent?, label?}` for a turn in session `parent`.
pub struct SpawnTool {
    rt: Runtime,
    parent: SessionKey,
}

impl SpawnTool {
    /// The tool for turns of `parent`.
    pub fn for_session(rt: Runtime, parent: SessionKey) -> Arc<dyn Tool> {
        Arc::new(SpawnTool { rt, parent })
    }
}

impl Tool for SpawnTool {
    fn name(&self) -> &str {
        "sessions_spawn"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "sessions_spawn".into(),
            description: "Start a background sub-agent on a task; its result is added to this session later."
                .into(),
            parameters: json!({"type":"object","properties":{
                "task":{"type":"string"},"agent":{"type":"string"},"label":{"type":"string"}},"required":["task"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            match self.spawn(ctx, args) {
                Ok(text) => ToolResult::ok(text),
                Err(text) => ToolResult::error(text),
            }
        })
    }
}

impl SpawnTool {
    fn spawn(&self, ctx: &ToolContext, args: Value) -> Result<String, String> {
        let args = Args::parse("sessions_spawn", args).map_err(|e| e.to_string())?;
        let task = args.str("task").map_err(|e| e.to_string())?.to_string();
        let label = args.opt_str("label").map_err(|e| e.to_string())?.map(str::to_string);
        let agent =
            args.opt_str("agent").map_err(|e| e.to_string())?.unwrap_or(&self.parent.agent).to_string();
        if agent != self.parent.agent && !ctx.config.tools.agent_to_agent {
            return Err(format!(
                "spawning a sub-agent of agent \"{agent}\" needs agents.{}.tools.agentToAgent: true",
                self.parent.agent
            ));
        }
        self.rt.agent(&agent).map_err(|e| e.to_string())?;
        let parent_key = self.parent.to_string();
        let depth = match self.parent.scope {
            Scope::Subagent(_) => SessionStore::open(&self.rt.home, &self.parent.agent)
                .get(&parent_key)
                .ok()
                .flatten()
                .and_then(|e| e.extra.get("depth").and_then(Value::as_u64))
                .unwrap_or(1),
            _ => 0,
        } + 1;
        if depth > MAX_DEPTH {
            return Err(format!(
                "sub-agents may not nest deeper than {MAX_DEPTH} levels; do this task yourself"
            ));
        }
        if running(&parent_key).len() >= MAX_RUNNING {
            return Err(format!(
                "{MAX_RUNNING} sub-agents of this session are still running; wait for their results"
            ));
        }
        let child = SessionKey::subagent(&agent, &uuid::Uuid::new_v4().to_string());
        let child_str = child.to_string();
        let mut entry = SessionEntry::new(Timestamp::now().as_millisecond());
        entry.extra.insert("parentKey".into(), json!(parent_key));
        entry.extra.insert("depth".into(), json!(depth));
        entry.extra.insert("status".into(), json!("running"));
        if let Some(l) = &label {
            entry.extra.insert("label".into(), json!(l));
            entry.display_name = Some(l.clone());
        }
        SessionStore::open(&self.rt.home, &agent).upsert(&child, entry).map_err(|e| e.to_string())?;
        let running_entry =
            Running { parent: parent_key.clone(), label: label.clone(), started: Timestamp::now() };
        let (rt, parent) = (self.rt.clone(), self.parent.clone());
        let key = child.clone();
        let handle = tokio::spawn(async move {
            let inbound = Inbound {
                key: key.clone(),
                text: task,
                from: None,
                channel: "subagent".into(),
                inbound_id: None,
            };
            let result =
                turn::run(&rt, inbound, &mut |_| {}).await.map(|o| o.reply).map_err(|e| e.to_string());
            report(&rt, &parent, &key, label.as_deref(), result).await;
        });
        let mut reg = registry().lock().unwrap_or_else(|e| e.into_inner());
        reg.0.insert(child_str.clone(), (running_entry, handle.abort_handle()));
        reg.1.push(handle);
        Ok(format!(
            "started sub-agent {child_str}; its result will be added to this session when it finishes"
        ))
    }
}

/// Records the child's outcome, appends it to the parent session and announces it.
async fn report(
    rt: &Runtime,
    parent: &SessionKey,
    child: &SessionKey,
    label: Option<&str>,
    result: Result<String, String>,
) {
    let child_str = child.to_string();
    let name = label.map_or_else(|| child_str.clone(), |l| format!("{l} ({child_str})"));
    let (status, text) = match &result {
        Ok(reply) => ("done", format!("[sub-agent {name} finished]\n{reply}")),
        Err(e) => ("failed", format!("[sub-agent {name} failed: {e}]")),
    };
    let _ = SessionStore::open(&rt.home, &child.agent).update(|s| {
        if let Some(e) = s.get_mut(&child_str) {
            e.extra.insert("status".into(), json!(status));
        }
    });
    let (home, parent_key, text2) = (rt.home.clone(), parent.clone(), text.clone());
    // After the parent's running turn: take its turn lock (blocking, so off the async threads).
    let appended = tokio::task::spawn_blocking(move || -> Result<Option<SessionEntry>, String> {
        let path = home.transcript_path(&parent_key.agent, &parent_key.to_string());
        let _lock = FileLock::exclusive(&path).map_err(|e| e.to_string())?;
        let origin = Origin {
            channel: "subagent".into(),
            peer: Some(child_str.clone()),
            account_id: None,
            name: None,
        };
        transcript::append(&home, &parent_key, &Line::Message(TMessage::user(text2, Some(origin))))
            .map_err(|e| e.to_string())?;
        SessionStore::open(&home, &parent_key.agent)
            .update(|s| {
                s.get_mut(&parent_key.to_string()).map(|e| {
                    e.message_count += 1;
                    e.updated_at = Timestamp::now().as_millisecond();
                    e.clone()
                })
            })
            .map_err(|e| e.to_string())
    })
    .await;
    registry().lock().unwrap_or_else(|e| e.into_inner()).0.remove(&child.to_string());
    let parent_entry = match appended {
        Ok(Ok(entry)) => entry,
        Ok(Err(e)) => note_failure(rt, child, &e),
        Err(e) => note_failure(rt, child, &e.to_string()),
    };
    let Some(entry) = parent_entry else { return };
    if let Some(channel) = entry.channel.as_deref()
        && let Some(chat) = super::session_chat(parent, &entry)
        && crate::channel::deliver::can_send(channel)
    {
        // A failure is kept as a dead letter by the outbox (a background delivery).
        let _ = crate::channel::deliver::to_chat(
            &rt.home,
            &rt.config.channels,
            channel,
            entry.account_id.as_deref(),
            chat,
            &text,
            crate::channel::outbox::Origin::Subagent,
            Some(parent.clone()),
        )
        .await;
    }
}

/// Keeps a failed report visible in the child's entry (`reportError`), since nothing here prints.
fn note_failure(rt: &Runtime, child: &SessionKey, error: &str) -> Option<SessionEntry> {
    let key = child.to_string();
    let _ = SessionStore::open(&rt.home, &child.agent).update(|s| {
        if let Some(e) = s.get_mut(&key) {
            e.extra.insert("reportError".into(), json!(error));
        }
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{AgentConfig, Config};
    use crate::home::Home;

    fn runtime(home: &Home) -> Runtime {
        let mut config = Config::default();
        config.agents.insert("main".into(), AgentConfig::default());
        config.agents.insert("other".into(), AgentConfig::default());
        Runtime::new(home.clone(), config, crate::provider::Options::default()).unwrap()
    }

    #[tokio::test]
    async fn spawning_is_refused_past_the_depth_limit_and_across_agents_by_default() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let rt = runtime(&home);
        let ctx = ToolContext::new(&home, "main", Arc::new(AgentConfig::default()));
        // A sub-agent at the deepest level may not spawn again.
        let deep = SessionKey::subagent("main", "deep");
        let mut entry = SessionEntry::new(0);
        entry.extra.insert("depth".into(), json!(MAX_DEPTH));
        SessionStore::open(&home, "main").upsert(&deep, entry).unwrap();
        let r = SpawnTool::for_session(rt.clone(), deep).call(&ctx, json!({"task": "more"})).await;
        assert!(r.is_error && r.content.contains("deeper"), "{}", r.content);
        // Another agent needs tools.agentToAgent.
        let r = SpawnTool::for_session(rt, SessionKey::main("main"))
            .call(&ctx, json!({"task": "x", "agent": "other"}))
            .await;
        assert!(r.is_error && r.content.contains("agentToAgent"), "{}", r.content);
        assert!(running("agent:main:main").is_empty(), "nothing was started");
    }

    #[tokio::test]
    async fn a_running_child_can_be_killed() {
        // A model that accepts the connection and never answers keeps the child turn running.
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/v1", silent.local_addr().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        crate::setup::init(&home).unwrap();
        let mut config = Config::default();
        config.agents.insert("main".into(), AgentConfig::default());
        config.models.default = Some("slow/m".into());
        config.models.providers.insert(
            "slow".into(),
            crate::config::ProviderConfig {
                api: "openai".into(),
                base_url: Some(base),
                ..Default::default()
            },
        );
        let rt = Runtime::new(home.clone(), config, crate::provider::Options::default()).unwrap();
        let ctx = ToolContext::new(&home, "main", Arc::new(AgentConfig::default()));
        let parent = SessionKey::direct("main", crate::config::DmScope::PerPeer, "test", "kill-test");
        let r = SpawnTool::for_session(rt, parent.clone())
            .call(&ctx, json!({"task": "wait", "label": "w"}))
            .await;
        assert!(!r.is_error, "{}", r.content);
        tokio::task::yield_now().await;
        let kids = running(&parent.to_string());
        assert_eq!(kids.len(), 1);
        let child = kids[0].0.clone();
        let killed = KillTool::for_session(parent.clone()).call(&ctx, json!({"sessionKey": child})).await;
        assert!(!killed.is_error, "{}", killed.content);
        assert!(running(&parent.to_string()).is_empty());
        let entry = SessionStore::open(&home, "main").get(&child).unwrap().unwrap();
        assert_eq!(entry.extra["status"], "killed");
        let again = KillTool::for_session(parent).call(&ctx, json!({"sessionKey": child})).await;
        assert!(again.is_error, "a stopped child cannot be stopped twice");
    }
}
