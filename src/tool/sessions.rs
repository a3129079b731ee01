//! The session tools (DESIGN §11): `sessions_list` (this agent's sessions, newest first),
//! `sessions_history` (the last messages of a session, long tool outputs cut) and
//! `sessions_send` (a turn in another session, returning its reply).
//!
//! They reach only the calling agent's sessions unless `agents.<id>.tools.agentToAgent` is true.
//! `sessions_send` runs the other turn through a [`TurnRunner`] the turn loop hands in (this
//! module knows nothing of models). A tool runs inside a turn that holds its own session's lock,
//! so sending to the same session is refused, and a session whose lock is held (a turn in
//! progress, or one waiting on this turn, as in A → B → A) is reported busy instead of waited on.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::session::transcript::{self, Entry, Line, Role};
use crate::session::{SessionKey, SessionStore};

/// Characters of a tool output `sessions_history` shows before cutting it.
pub const TOOL_OUTPUT_CAP: usize = 500;
/// Characters of any other message `sessions_history` shows before cutting it.
pub const MESSAGE_CAP: usize = 4000;

/// A boxed future returned by [`TurnRunner::run_turn`].
pub type TurnFuture<'a> = Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;

/// Runs one agent turn in another session and returns its reply (or the error, as a sentence).
/// The turn loop implements it over its runtime; tests implement it with a script.
pub trait TurnRunner: Send + Sync {
    /// Runs a turn in `key` with `text`.
    fn run_turn(&self, key: SessionKey, text: String) -> TurnFuture<'_>;
}

/// The three session tools for a turn in session `caller`; `sessions_send` is left out when
/// there is no `runner`.
pub fn tools(caller: &SessionKey, runner: Option<Arc<dyn TurnRunner>>) -> Vec<Arc<dyn Tool>> {
    let mut out: Vec<Arc<dyn Tool>> = vec![Arc::new(SessionsList), Arc::new(SessionsHistory)];
    if let Some(runner) = runner {
        out.push(Arc::new(SessionsSend { caller: caller.clone(), runner }));
    }
    out
}

macro_rules! try_tool {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return ToolResult::error(e.to_string()),
        }
    };
}

/// Parses `sessionKey` and checks the caller may reach it.
fn target(tool: &str, ctx: &ToolContext, key: &str) -> Result<SessionKey, String> {
    let key = SessionKey::parse(key).map_err(|e| format!("{tool}: {e}"))?;
    if key.agent != ctx.agent && !ctx.config.tools.agent_to_agent {
        return Err(format!(
            "{tool}: {key} belongs to agent \"{}\"; agent \"{}\" reaches only its own sessions \
             (agents.{}.tools.agentToAgent is off)",
            key.agent, ctx.agent, ctx.agent
        ));
    }
    Ok(key)
}

/// Whether the session has an entry or a live transcript.
fn exists(ctx: &ToolContext, key: &SessionKey) -> Result<bool, String> {
    let key_str = key.to_string();
    if ctx.home.transcript_path(&key.agent, &key_str).is_file() {
        return Ok(true);
    }
    let entry = SessionStore::open(&ctx.home, &key.agent).get(&key_str).map_err(|e| e.to_string())?;
    Ok(entry.is_some())
}

/// `sessions_list {limit?}`.
pub struct SessionsList;

impl Tool for SessionsList {
    fn name(&self) -> &str {
        "sessions_list"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "sessions_list".into(),
            description: "List your sessions, most recently active first: key, time since the last \
                          message, message count, channel."
                .into(),
            parameters: json!({"type":"object","properties":{"limit":{"type":"integer"}}}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("sessions_list", args));
            let limit = try_tool!(args.opt_u64("limit")).unwrap_or(20).clamp(1, 200) as usize;
            let raw = try_tool!(SessionStore::open(&ctx.home, &ctx.agent).read_raw());
            let mut rows = try_tool!(raw.summaries());
            if rows.is_empty() {
                return ToolResult::ok("no sessions yet");
            }
            rows.sort_by_key(|r| std::cmp::Reverse(r.1.last_interaction_at));
            let total = rows.len();
            let now = Timestamp::now();
            let mut lines: Vec<String> = rows
                .iter()
                .take(limit)
                .map(|(key, e)| {
                    let age = now.duration_since(crate::time::from_ms(e.last_interaction_at));
                    let channel = e.channel.as_deref().map(|c| format!(", {c}")).unwrap_or_default();
                    format!(
                        "{key} (last message {} ago, {} messages{channel})",
                        crate::time::human_age(age),
                        e.message_count
                    )
                })
                .collect();
            if total > limit {
                lines.push(format!("… {} more; raise limit to see them", total - limit));
            }
            ToolResult::ok(lines.join("\n"))
        })
    }
}

/// `sessions_history {sessionKey, limit?}`.
pub struct SessionsHistory;

impl Tool for SessionsHistory {
    fn name(&self) -> &str {
        "sessions_history"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "sessions_history".into(),
            description: "Read the last messages of one of your sessions (default 20); long tool \
                          outputs are cut."
                .into(),
            parameters: json!({"type":"object","properties":{
                "sessionKey":{"type":"string"},"limit":{"type":"integer"}},"required":["sessionKey"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("sessions_history", args));
            let key = try_tool!(target("sessions_history", ctx, try_tool!(args.str("sessionKey"))));
            let limit = try_tool!(args.opt_u64("limit")).unwrap_or(20).clamp(1, 200) as usize;
            if !try_tool!(exists(ctx, &key)) {
                return ToolResult::error(format!("sessions_history: no session {key}"));
            }
            let t = try_tool!(transcript::read(&ctx.home, &key));
            let messages: Vec<&transcript::Message> = t
                .lines
                .iter()
                .filter_map(|l| match &l.entry {
                    Entry::Known(line) => match line.as_ref() {
                        Line::Message(m) => Some(m),
                        _ => None,
                    },
                    Entry::Other(_) => None,
                })
                .collect();
            if messages.is_empty() {
                return ToolResult::ok(format!("{key} has no messages"));
            }
            let skip = messages.len().saturating_sub(limit);
            let mut out = Vec::with_capacity(limit + 1);
            if skip > 0 {
                out.push(format!("({skip} earlier messages not shown)"));
            }
            out.extend(messages[skip..].iter().map(|m| render(m)));
            ToolResult::ok(out.join("\n"))
        })
    }
}

fn render(m: &transcript::Message) -> String {
    match m.role {
        Role::Tool => {
            let name = m.name.as_deref().unwrap_or("tool");
            let err = if m.is_error == Some(true) { " (error)" } else { "" };
            format!("[tool {name}{err}] {}", cut(&m.content, TOOL_OUTPUT_CAP))
        }
        role => {
            let mut s = format!("[{}] {}", role.as_str(), cut(&m.content, MESSAGE_CAP));
            for c in &m.tool_calls {
                s.push_str(&format!("\n  → {} {}", c.name, cut(&c.arguments.to_string(), TOOL_OUTPUT_CAP)));
            }
            s
        }
    }
}

/// `text` cut to `max` characters with a marker saying how much was left out.
fn cut(text: &str, max: usize) -> String {
    let total = text.chars().count();
    if total <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}… [cut: {} more characters]", total - max)
}

/// `sessions_send {sessionKey, text}`.
pub struct SessionsSend {
    caller: SessionKey,
    runner: Arc<dyn TurnRunner>,
}

impl Tool for SessionsSend {
    fn name(&self) -> &str {
        "sessions_send"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "sessions_send".into(),
            description: "Send a message into another of your sessions; that session's turn runs \
                          now and its reply is returned."
                .into(),
            parameters: json!({"type":"object","properties":{
                "sessionKey":{"type":"string"},"text":{"type":"string"}},"required":["sessionKey","text"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(async move {
            let args = try_tool!(Args::parse("sessions_send", args));
            let key = try_tool!(target("sessions_send", ctx, try_tool!(args.str("sessionKey"))));
            let text = try_tool!(args.str("text"));
            if text.trim().is_empty() {
                return ToolResult::error("sessions_send: text is empty");
            }
            if key == self.caller {
                return ToolResult::error(format!(
                    "sessions_send: {key} is this session; answer here instead of sending to it"
                ));
            }
            // A held turn lock is a turn in progress, possibly one waiting on us (A → B → A):
            // waiting for it could deadlock, so report it instead.
            let lock_target = ctx.home.transcript_path(&key.agent, &key.to_string());
            if lock_target.parent().is_some_and(|d| d.is_dir()) {
                match crate::store::FileLock::try_exclusive(&lock_target) {
                    Ok(Some(probe)) => drop(probe),
                    Ok(None) => {
                        return ToolResult::error(format!(
                            "sessions_send: {key} is busy with another turn right now; try again later"
                        ));
                    }
                    Err(e) => return ToolResult::error(e.to_string()),
                }
            }
            let message = format!("[message from session {}]\n{text}", self.caller);
            match self.runner.run_turn(key.clone(), message).await {
                Ok(reply) => ToolResult::ok(format!("reply from {key}:\n{reply}"))
                    .with_details(json!({"sessionKey": key.to_string()})),
                Err(e) => ToolResult::error(format!("sessions_send to {key} failed: {e}")),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::config::AgentConfig;
    use crate::home::Home;
    use crate::session::SessionEntry;
    use crate::session::transcript::{Message, ToolCall};

    struct Script(Mutex<Vec<(String, String)>>);

    impl TurnRunner for Script {
        fn run_turn(&self, key: SessionKey, text: String) -> TurnFuture<'_> {
            self.0.lock().unwrap().push((key.to_string(), text));
            Box::pin(async move { Ok(format!("done in {key}")) })
        }
    }

    fn setup(agent_to_agent: bool) -> (tempfile::TempDir, ToolContext) {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let mut cfg = AgentConfig::default();
        cfg.tools.agent_to_agent = agent_to_agent;
        let ctx = ToolContext::new(&home, "main", Arc::new(cfg));
        (dir, ctx)
    }

    fn session(ctx: &ToolContext, key: &str, ago_ms: i64, messages: Vec<Message>) {
        let key = SessionKey::parse(key).unwrap();
        let now = Timestamp::now();
        let mut entry = SessionEntry::new(now.as_millisecond() - ago_ms);
        entry.message_count = messages.len() as u64;
        SessionStore::open(&ctx.home, &key.agent).upsert(&key, entry.clone()).unwrap();
        transcript::create(&ctx.home, &key, &entry.session_id, now).unwrap();
        for m in messages {
            transcript::append(&ctx.home, &key, &Line::Message(m)).unwrap();
        }
    }

    fn run(tool: &dyn Tool, ctx: &ToolContext, args: Value) -> ToolResult {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(tool.call(ctx, args))
    }

    #[test]
    fn list_is_newest_first_and_limited() {
        let (_d, ctx) = setup(false);
        assert_eq!(run(&SessionsList, &ctx, json!({})).content, "no sessions yet");
        session(&ctx, "agent:main:main", 3_600_000, vec![Message::user("hi", None)]);
        session(&ctx, "agent:main:telegram:peer:42", 60_000, vec![]);
        session(&ctx, "agent:jarvis:main", 0, vec![]);
        let out = run(&SessionsList, &ctx, json!({})).content;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "only this agent's sessions: {out}");
        assert!(
            lines[0].starts_with("agent:main:telegram:peer:42 (last message 1m ago, 0 messages"),
            "{out}"
        );
        assert!(lines[1].starts_with("agent:main:main (last message 1h ago, 1 messages"), "{out}");
        let out = run(&SessionsList, &ctx, json!({"limit": 1})).content;
        assert!(out.ends_with("… 1 more; raise limit to see them"), "{out}");
    }

    #[test]
    fn history_cuts_tool_output_and_respects_limit() {
        let (_d, ctx) = setup(false);
        let call = ToolCall { id: "c1".into(), name: "exec".into(), arguments: json!({"command": "ls"}) };
        session(
            &ctx,
            "agent:main:telegram:peer:42",
            0,
            vec![
                Message::user("list files", None),
                Message::assistant("", vec![call], None, None),
                Message::tool_result("c1", "exec", "x".repeat(2000), false),
                Message::assistant("there are many files", vec![], None, None),
            ],
        );
        let out = run(&SessionsHistory, &ctx, json!({"sessionKey": "agent:main:telegram:peer:42"}));
        assert!(!out.is_error, "{}", out.content);
        let text = out.content;
        assert!(
            text.starts_with("[user] list files\n[assistant] \n  → exec {\"command\":\"ls\"}\n"),
            "{text}"
        );
        assert!(
            text.contains(&format!("[tool exec] {}… [cut: 1500 more characters]", "x".repeat(500))),
            "{text}"
        );
        assert!(text.ends_with("[assistant] there are many files"), "{text}");
        let last =
            run(&SessionsHistory, &ctx, json!({"sessionKey": "agent:main:telegram:peer:42", "limit": 1}));
        assert_eq!(last.content, "(3 earlier messages not shown)\n[assistant] there are many files");
        let missing = run(&SessionsHistory, &ctx, json!({"sessionKey": "agent:main:peer:nobody"}));
        assert!(missing.is_error && missing.content.contains("no session agent:main:peer:nobody"));
        let bad = run(&SessionsHistory, &ctx, json!({"sessionKey": "not a key"}));
        assert!(bad.is_error && bad.content.contains("invalid session key"), "{}", bad.content);
    }

    #[test]
    fn other_agents_need_agent_to_agent() {
        let (_d, ctx) = setup(false);
        session(&ctx, "agent:jarvis:main", 0, vec![Message::user("secret plans", None)]);
        let out = run(&SessionsHistory, &ctx, json!({"sessionKey": "agent:jarvis:main"}));
        assert!(out.is_error, "{}", out.content);
        assert!(out.content.contains("agents.main.tools.agentToAgent is off"), "{}", out.content);
        assert!(!out.content.contains("secret plans"));
        let runner = Arc::new(Script(Mutex::new(Vec::new())));
        let caller = SessionKey::main("main");
        let send = SessionsSend { caller, runner: runner.clone() };
        let out = run(&send, &ctx, json!({"sessionKey": "agent:jarvis:main", "text": "hi"}));
        assert!(out.is_error && out.content.contains("agentToAgent"), "{}", out.content);
        assert!(runner.0.lock().unwrap().is_empty());

        let (_d2, ctx) = setup(true);
        session(&ctx, "agent:jarvis:main", 0, vec![Message::user("shared plans", None)]);
        let out = run(&SessionsHistory, &ctx, json!({"sessionKey": "agent:jarvis:main"}));
        assert_eq!(out.content, "[user] shared plans");
        let out = run(&send, &ctx, json!({"sessionKey": "agent:jarvis:main", "text": "hi"}));
        assert_eq!(out.content, "reply from agent:jarvis:main:\ndone in agent:jarvis:main");
    }

    #[test]
    fn send_refuses_itself_and_busy_sessions() {
        let (_d, ctx) = setup(false);
        let runner = Arc::new(Script(Mutex::new(Vec::new())));
        let send = SessionsSend { caller: SessionKey::main("main"), runner: runner.clone() };
        let out = run(&send, &ctx, json!({"sessionKey": "agent:main:main", "text": "hi"}));
        assert!(out.is_error && out.content.contains("is this session"), "{}", out.content);

        session(&ctx, "agent:main:peer:bob", 0, vec![]);
        let bob = ctx.home.transcript_path("main", "agent:main:peer:bob");
        let held = crate::store::FileLock::exclusive(&bob).unwrap();
        let out = run(&send, &ctx, json!({"sessionKey": "agent:main:peer:bob", "text": "hi"}));
        assert!(out.is_error && out.content.contains("busy"), "{}", out.content);
        drop(held);

        let out = run(&send, &ctx, json!({"sessionKey": "agent:main:peer:bob", "text": "ping"}));
        assert!(!out.is_error, "{}", out.content);
        assert_eq!(
            runner.0.lock().unwrap().as_slice(),
            &[(
                "agent:main:peer:bob".to_string(),
                "[message from session agent:main:main]\nping".to_string()
            )]
        );
    }
}
