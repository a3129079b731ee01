//! One agent turn (DESIGN §11): a message goes in, the model is called, the tools it asks for
//! run, every message lands in the transcript as it happens, and the session entry is updated.
//!
//! Order of a turn, under the session's turn lock (a sibling `.lock` of its transcript, so turns
//! of one session never interleave, even across processes):
//! 1. chat commands (`/new`, `/reset`, `/status`, `/compact`, `/model`, `/help`) are answered
//!    here, without the model;
//! 2. a session the reset policy calls stale is reset first;
//! 3. the user message is appended before the model is called; the turn's lines are synced
//!    together before a tool runs and at the end, before the turn is acknowledged (DESIGN §7);
//! 4. when the context passes `session.compaction.threshold`, older messages are compacted;
//! 5. model call → assistant line → tool calls → tool-result lines, until the model answers
//!    without tools or `maxSteps` is reached;
//! 6. the `sessions.json` entry gets counts, tokens, model and times.
//!
//! A failed model call still leaves a whole transcript: whatever text was streamed before the
//! failure is appended as an assistant message marked with the error.

use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use super::history::{self, History};
use super::{commands, compact, prompt};
use crate::config::{AgentConfig, Config};
use crate::home::Home;
use crate::provider::{self, ChatRequest, Models, ProviderError};
use crate::session::transcript::{self, Line, Message as TMessage, Origin};
use crate::session::{self, ResetReason, SessionEntry, SessionKey, SessionStore, StoreError};
use crate::store::{FileLock, IoError};
use crate::tool::{self, ToolContext, ToolSet};

/// Model calls per turn when `agents.<id>.maxSteps` is not set.
pub const DEFAULT_MAX_STEPS: u32 = 16;

/// What a turn needs that outlives it: the home, the config and the model clients.
#[derive(Debug, Clone)]
pub struct Runtime {
    /// The openclaw home.
    pub home: Home,
    /// The loaded configuration.
    pub config: Arc<Config>,
    /// Model clients with retry and failover.
    pub models: Models,
    /// Caps and timeouts for tool calls.
    pub tool_limits: tool::Limits,
    /// The gateway's node connections, for the `nodes` tool (none outside a gateway).
    pub nodes: Option<Arc<dyn tool::nodes::NodeLink>>,
    /// The agents' browsers; they outlive turns (and, in the gateway, config reloads).
    pub browsers: Arc<tool::browser::Browsers>,
    /// The MCP servers whose tools agents get (the gateway's, shared by turns; or this
    /// process's own, started for a one-off turn).
    pub mcp: Arc<crate::mcp::Hub>,
}

impl Runtime {
    /// A runtime over `config` with the given provider options (timeouts, retries).
    pub fn new(home: Home, config: Config, options: provider::Options) -> Result<Self, TurnError> {
        let models = Models::new(&config.models, options)?;
        let browsers = tool::browser::Browsers::new(home.clone());
        let mcp = crate::mcp::Hub::quiet(home.clone());
        Ok(Self {
            home,
            config: Arc::new(config),
            models,
            tool_limits: tool::Limits::default(),
            nodes: None,
            browsers,
            mcp,
        })
    }

    /// The context window of `model` (`provider/model`) and where it came from: the config
    /// (the model's entry, then the provider's `contextWindow`), else what a local llama.cpp or
    /// Ollama server reports (asked once per runtime), else `session.compaction.contextTokens`.
    pub async fn context_window(&self, model: &str) -> Window {
        if let Some((tokens, key)) = self.config.configured_window(model) {
            return Window { tokens, source: format!("gateway.json5 {key}") };
        }
        if let Some((tokens, kind)) = self.models.server_context_window(model).await {
            return Window { tokens, source: kind.describe().to_owned() };
        }
        Window {
            tokens: self.config.session.compaction.context_tokens,
            source: "the default (session.compaction.contextTokens)".to_owned(),
        }
    }

    /// The agent's configuration, or an error naming the agents that exist.
    pub fn agent(&self, id: &str) -> Result<&AgentConfig, TurnError> {
        self.config.agents.get(id).ok_or_else(|| TurnError::UnknownAgent {
            agent: id.to_string(),
            known: self.config.agents.keys().cloned().collect(),
        })
    }
}

/// A model's context window in tokens, and where that figure came from (for `/status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Tokens.
    pub tokens: u64,
    /// `gateway.json5 models.providers.…`, `the server (llama.cpp GET /props)`, `the default …`.
    pub source: String,
}

/// A message for an agent.
#[derive(Debug, Clone)]
pub struct Inbound {
    /// The session it belongs to (its agent runs the turn).
    pub key: SessionKey,
    /// The text.
    pub text: String,
    /// Where it came from; `None` for the command line.
    pub from: Option<Origin>,
    /// Channel name for the prompt's runtime line (`cli` for `openclaw send`).
    pub channel: String,
    /// The gateway journal's id of the inbound message, recorded as `inboundId` on the user line
    /// so a replay after a crash can tell the message was already taken in.
    pub inbound_id: Option<String>,
}

/// Something that happened during a turn, for live output.
#[derive(Debug)]
pub enum Event<'a> {
    /// Reply text as it streams in.
    Text(&'a str),
    /// A tool is about to run.
    ToolCall {
        /// The provider's id of the call, echoed by its [`Event::ToolResult`].
        id: &'a str,
        /// Tool name.
        name: &'a str,
        /// Its arguments.
        arguments: &'a serde_json::Value,
    },
    /// A tool finished.
    ToolResult {
        /// The id of the call it answers.
        id: &'a str,
        /// Tool name.
        name: &'a str,
        /// What the model is given back.
        content: &'a str,
        /// Whether it failed.
        is_error: bool,
    },
    /// Older messages were summarised.
    Compacted {
        /// Estimated tokens before.
        tokens_before: u64,
    },
}

/// Token counts of a turn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Prompt tokens, summed over the model calls.
    pub input: u64,
    /// Completion tokens, summed over the model calls.
    pub output: u64,
}

/// What a turn produced.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnOutput {
    /// The reply text (every assistant text of the turn, joined by blank lines).
    pub reply: String,
    /// The session key.
    pub session_key: String,
    /// The session id after the turn.
    pub session_id: String,
    /// The model that answered last, `provider/model`; `None` for chat commands.
    pub model: Option<String>,
    /// Tokens used.
    pub usage: Usage,
    /// Model calls made.
    pub steps: u32,
    /// Tool calls run.
    pub tool_calls: u32,
    /// The chat command that answered, e.g. `/status`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Whether older messages were compacted during the turn.
    pub compacted: bool,
    /// Whether the turn stopped at `maxSteps` with tool calls left.
    pub stopped_at_max_steps: bool,
}

/// Why a turn failed. Everything that happened before the failure is in the transcript.
#[derive(Debug, thiserror::Error)]
pub enum TurnError {
    /// The agent is not in gateway.json5.
    #[error("agent \"{agent}\" does not exist in gateway.json5 (agents: {})", known.join(", "))]
    UnknownAgent {
        /// The agent asked for.
        agent: String,
        /// The agents that exist.
        known: Vec<String>,
    },
    /// The model could not be reached or answered badly.
    #[error(transparent)]
    Provider(Box<ProviderError>),
    /// The session store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A reset failed.
    #[error(transparent)]
    Reset(#[from] session::ResetError),
    /// A file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The agent's tool policy is invalid.
    #[error(transparent)]
    Policy(#[from] tool::PolicyError),
    /// `session.reset` cannot be applied.
    #[error(transparent)]
    ResetPolicy(#[from] session::PolicyError),
}

impl std::convert::From<ProviderError> for TurnError {
    fn from(e: ProviderError) -> Self {
        TurnError::Provider(Box::new(e))
    }
}

/// Runs one turn. `on_event` sees streamed text and tool activity as it happens.
pub async fn run(
    rt: &Runtime,
    inbound: Inbound,
    on_event: &mut (dyn FnMut(Event<'_>) + Send),
) -> Result<TurnOutput, TurnError> {
    let agent_id = inbound.key.agent.clone();
    let agent = rt.agent(&agent_id)?;
    // An agent added by editing gateway.json5 (not `agent new`) gets its workspace on its first
    // turn, as `agent new` would have made it, so its tools and first-run bootstrap have a home.
    if !rt.home.workspace(&agent_id).is_dir() {
        let identity = crate::agent::workspace::Identity {
            name: crate::agent::workspace::default_name(&agent_id),
            model: agent.model.clone().unwrap_or_else(|| "(the default model, see gateway.json5)".into()),
        };
        crate::agent::workspace::create(&rt.home, &agent_id, &identity)?;
    }
    let key_str = inbound.key.to_string();
    let transcript_path = rt.home.transcript_path(&agent_id, &key_str);
    if let Some(dir) = transcript_path.parent()
        && !dir.is_dir()
    {
        crate::store::create_dir_private(dir)?;
    }
    // One turn at a time per session, across processes.
    let _turn_lock = FileLock::exclusive(&transcript_path)?;
    let mut turn = Turn::begin(rt, inbound).await?;
    if let Some(out) = commands::handle(&mut turn, on_event).await? {
        return Ok(out);
    }
    turn.converse(on_event).await
}

/// The state of one turn in progress.
pub(crate) struct Turn<'r> {
    pub rt: &'r Runtime,
    pub agent: AgentConfig,
    pub key: SessionKey,
    pub key_str: String,
    pub store: SessionStore,
    pub entry: SessionEntry,
    pub inbound: Inbound,
    pub usage: Usage,
    pub steps: u32,
    pub tool_calls: u32,
    pub appended: u64,
    pub compacted: bool,
    pub model_used: Option<String>,
    /// Whether BOOTSTRAP.md goes into the prompt (decided once, at the start of the turn).
    pub first_run: bool,
    /// The transcript, open for this turn's appends; synced before tools run and at the end.
    pub writer: Option<transcript::Writer>,
}

impl<'r> Turn<'r> {
    /// Loads the session entry (resetting it first when the policy says it is stale) and makes
    /// sure its transcript exists.
    async fn begin(rt: &'r Runtime, inbound: Inbound) -> Result<Self, TurnError> {
        let key = inbound.key.clone();
        let key_str = key.to_string();
        let agent = rt.agent(&key.agent)?.clone();
        let store = SessionStore::open(&rt.home, &key.agent);
        let now = Timestamp::now();
        // The process-wide copy of sessions.json: parsed again only when another process wrote it.
        let mut entry = store.with_cached(|s| s.get(&key_str).cloned())?;
        if let Some(e) = &entry {
            let policy = session::Policy::from_config(&rt.config.session.reset)?;
            if let Some(reason) = session::reset::is_stale(e, now, &policy) {
                reset_session(rt, &key, reason)?;
                entry = store.with_cached(|s| s.get(&key_str).cloned())?;
            }
        }
        let first_run = prompt::first_run(&rt.home, &key.agent, &key_str);
        let entry = match entry {
            Some(entry) => entry,
            None => {
                let mut entry = SessionEntry::new(now.as_millisecond());
                describe(&mut entry, &key, inbound.from.as_ref());
                store.commit_entry(key_str.clone(), move || entry, |e| e.clone()).await?
            }
        };
        transcript::create(&rt.home, &key, &entry.session_id, now)?;
        Ok(Self {
            rt,
            agent,
            key,
            key_str,
            store,
            entry,
            inbound,
            usage: Usage::default(),
            steps: 0,
            tool_calls: 0,
            appended: 0,
            compacted: false,
            model_used: None,
            first_run,
            writer: None,
        })
    }

    /// The configured zone (`session.reset.timezone`; validated at load, UTC if it vanished).
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        self.rt.config.session.reset.time_zone().unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The model for this session: `/model` override > agent > `models.default`.
    pub fn model(&self) -> Result<String, ProviderError> {
        let override_ = self.entry.extra.get(commands::MODEL_OVERRIDE).and_then(|v| v.as_str());
        self.rt.models.primary(override_.or(self.agent.model.as_deref()))
    }

    /// Appends one line to the transcript, counting messages. The line is written at once and
    /// made durable by [`Turn::sync`]: before a tool runs and before the turn ends.
    pub fn append(&mut self, line: &Line) -> Result<(), TurnError> {
        let writer = match &mut self.writer {
            Some(w) => w,
            None => self.writer.insert(transcript::Writer::open(&self.rt.home, &self.key)?),
        };
        writer.append(line)?;
        if matches!(line, Line::Message(_)) {
            self.appended += 1;
        }
        Ok(())
    }

    /// Flushes the lines this turn appended to disk.
    pub fn sync(&mut self) -> Result<(), TurnError> {
        if let Some(w) = &mut self.writer {
            w.sync()?;
        }
        Ok(())
    }

    /// The transcript's live file is about to be replaced (a reset): appends reopen it.
    pub fn close_transcript(&mut self) -> Result<(), TurnError> {
        self.sync()?;
        self.writer = None;
        Ok(())
    }

    /// The tools of this agent, its MCP servers' tools included (servers that are down are left
    /// out; `openclaw mcp ls` says why).
    pub async fn all_tools(&self) -> Result<(ToolSet, ToolContext), TurnError> {
        // Boxed: the MCP start-up path stays out of the turn's own future.
        let mcp = Box::pin(self.rt.mcp.tools_for(&self.rt.config, &self.key.agent)).await;
        self.tools_with(mcp)
    }

    /// The tools of this agent, memory and session tools included.
    pub fn tools(&self) -> Result<(ToolSet, ToolContext), TurnError> {
        self.tools_with(Vec::new())
    }

    fn tools_with(&self, mcp: Vec<Arc<dyn tool::Tool>>) -> Result<(ToolSet, ToolContext), TurnError> {
        let tz = self.time_zone();
        let mut extras = tool::memory::tools(tz);
        let runner: Arc<dyn tool::sessions::TurnRunner> = Arc::new(Runner(self.rt.clone()));
        extras.extend(tool::sessions::tools(&self.key, Some(runner)));
        extras.extend(tool::message::MessageTool::for_config(self.rt.config.clone()));
        extras.push(super::subagent::SpawnTool::for_session(self.rt.clone(), self.key.clone()));
        extras.push(super::subagent::KillTool::for_session(self.key.clone()));
        extras.extend(tool::browser::BrowserTool::for_session(
            &self.rt.browsers,
            &self.key,
            &self.agent.tools.browser,
        ));
        extras.push(tool::canvas::CanvasTool::for_session(
            self.rt.config.clone(),
            self.key.clone(),
            &self.inbound.channel,
            self.inbound.from.clone(),
        ));
        extras.extend(tool::nodes::NodesTool::for_agent(&self.agent, self.rt.nodes.clone()));
        extras.extend(mcp);
        let set = ToolSet::for_agent(&self.agent, extras)?;
        let mut ctx = ToolContext::new(&self.rt.home, &self.key.agent, Arc::new(self.agent.clone()));
        ctx.limits = self.rt.tool_limits.clone();
        Ok((set, ctx))
    }

    /// The system prompt for this turn, with the compaction summary (if any) at its end.
    pub fn system_prompt(&self, model: &str, tools: &ToolSet, history: &History) -> String {
        let tz = self.time_zone();
        let now = Timestamp::now().to_zoned_datetime(tz);
        let names = tools.names();
        let input = prompt::PromptInput {
            home: &self.rt.home,
            agent: &self.key.agent,
            model,
            channel: &self.inbound.channel,
            now: &now,
            tools: &names,
            first_run: self.first_run,
            limits: (&self.agent.prompt).into(),
        };
        let prompt = prompt::assemble(&input);
        let mut text = prompt.text;
        // Before the runtime line, which changes every minute: the summary changes only when
        // the history is compacted, and belongs to the prefix a prompt cache reuses.
        if let Some(summary) = &history.summary {
            let block = format!("## Earlier in this conversation (summary)\n{summary}\n\n");
            text.insert_str(prompt.stable_len, &block);
        }
        text
    }

    /// The user message, the model/tool loop, and the entry update.
    async fn converse(
        mut self,
        on_event: &mut (dyn FnMut(Event<'_>) + Send),
    ) -> Result<TurnOutput, TurnError> {
        // A journaled message replayed after a crash may already be in the transcript (the last
        // line, or before other messages replayed with it): answer it without taking it in twice.
        // A message sent again after its turn failed before the model answered is a retry: it
        // is answered where it stands instead of appearing twice.
        let lines = session::live::lines(&self.rt.home, &self.key)?;
        let resumed = match &self.inbound.inbound_id {
            Some(id) => holds_inbound(&lines, id),
            None => false,
        } || ends_unanswered(&lines, &self.inbound.text, self.inbound.from.as_ref());
        drop(lines);
        if !resumed {
            let mut user = TMessage::user(self.inbound.text.clone(), self.inbound.from.clone());
            if let Some(id) = &self.inbound.inbound_id {
                user.extra.insert("inboundId".into(), serde_json::Value::String(id.clone()));
            }
            self.append(&Line::Message(user))?;
        }
        let result = self.model_loop(on_event).await;
        // Counts and times are recorded whether or not the model loop succeeded: the
        // transcript holds what happened either way.
        self.finish().await?;
        let (reply, stopped) = result?;
        Ok(TurnOutput {
            reply,
            session_key: self.key_str.clone(),
            session_id: self.entry.session_id.clone(),
            model: self.model_used.clone(),
            usage: self.usage,
            steps: self.steps,
            tool_calls: self.tool_calls,
            command: None,
            compacted: self.compacted,
            stopped_at_max_steps: stopped,
        })
    }

    async fn model_loop(
        &mut self,
        on_event: &mut (dyn FnMut(Event<'_>) + Send),
    ) -> Result<(String, bool), TurnError> {
        let model = self.model()?;
        let (tools, ctx) = self.all_tools().await?;
        let lines = session::live::lines(&self.rt.home, &self.key)?;
        let mut history = History::from_lines(lines.iter().collect());
        drop(lines);
        let max_steps = self.agent.max_steps.unwrap_or(DEFAULT_MAX_STEPS).max(1);
        let window = self.rt.context_window(&model).await.tokens;
        // A local server's chat template may put the tool schemas after the system text (Qwen's
        // does): the runtime line, new every minute, goes to the newest user turn instead, so
        // the cached prefix runs through the tools and the history.
        let runtime_in_user_turn = self.rt.models.resolve(&model).is_ok_and(|(p, _)| p.is_local());
        let mut replies: Vec<String> = Vec::new();
        let mut emitted = false;
        loop {
            let system = self.system_prompt(&model, &tools, &history);
            if !self.compacted
                && compact::needed(&self.rt.config.session.compaction, window, &system, &history)
            {
                let before = history::estimate_tokens(system.len()) + history.estimate_tokens();
                if compact::compact(self, &model, &mut history).await? {
                    on_event(Event::Compacted { tokens_before: before });
                    continue;
                }
            }
            let mut messages = history.messages.clone();
            let system = match runtime_in_user_turn {
                true => move_runtime_line(system, &mut messages),
                false => system,
            };
            let req = ChatRequest {
                model: model.clone(),
                system,
                messages,
                tools: tools.specs(),
                ..ChatRequest::default()
            };
            self.steps += 1;
            let mut first_delta = true;
            let mut forward = |t: &str| {
                if first_delta && emitted {
                    on_event(Event::Text("\n\n"));
                }
                first_delta = false;
                on_event(Event::Text(t));
            };
            let response = match self.rt.models.chat(&req, &mut forward).await {
                Ok(r) => r,
                Err(e) => {
                    let partial = e.partial_text();
                    if !partial.is_empty() {
                        let mut msg = TMessage::assistant(partial, Vec::new(), Some(model.clone()), None);
                        msg.extra.insert("error".into(), serde_json::Value::String(e.to_string()));
                        self.append(&Line::Message(msg))?;
                    }
                    return Err(e.into());
                }
            };
            emitted |= !response.text.is_empty();
            self.usage.input += response.usage.input;
            self.usage.output += response.usage.output;
            self.model_used = Some(response.model.clone());
            let calls: Vec<transcript::ToolCall> = response
                .tool_calls
                .iter()
                .map(|c| transcript::ToolCall {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    arguments: c.arguments.clone(),
                })
                .collect();
            let usage = transcript::Usage { input: response.usage.input, output: response.usage.output };
            let mut msg =
                TMessage::assistant(response.text.clone(), calls, Some(response.model.clone()), Some(usage));
            if let Some(raw) = &response.recovered_from {
                // The model wrote its tool calls as text; the transcript says so and keeps it.
                msg.extra.insert("toolCallsRecovered".into(), serde_json::Value::Bool(true));
                msg.extra.insert("rawContent".into(), serde_json::Value::String(raw.clone()));
            }
            let msg_id = msg.id.clone();
            self.append(&Line::Message(msg))?;
            history.messages.push(response.to_message());
            history.ids.push(msg_id);
            if !response.text.trim().is_empty() {
                replies.push(response.text.clone());
            }
            if response.tool_calls.is_empty() {
                return Ok((replies.join("\n\n"), false));
            }
            // What the model asked for is on disk before anything it asked for happens.
            self.sync()?;
            for call in &response.tool_calls {
                on_event(Event::ToolCall { id: &call.id, name: &call.name, arguments: &call.arguments });
                let result = tools.call(&ctx, &call.name, call.arguments.clone()).await;
                self.tool_calls += 1;
                on_event(Event::ToolResult {
                    id: &call.id,
                    name: &call.name,
                    content: &result.content,
                    is_error: result.is_error,
                });
                let mut line =
                    TMessage::tool_result(&call.id, &call.name, result.content.clone(), result.is_error);
                if !result.details.is_null() {
                    line.extra.insert("details".into(), result.details.clone());
                }
                let id = line.id.clone();
                self.append(&Line::Message(line))?;
                history.messages.push(provider::Message::Tool {
                    tool_call_id: call.id.clone(),
                    name: call.name.clone(),
                    content: result.content,
                    is_error: result.is_error,
                });
                history.ids.push(id);
            }
            if self.steps >= max_steps {
                let note = format!("[stopped after {max_steps} model calls; tools were still being used]");
                let msg = TMessage { role: transcript::Role::System, ..TMessage::user(note.clone(), None) };
                self.append(&Line::Message(msg))?;
                replies.push(note);
                return Ok((replies.join("\n\n"), true));
            }
        }
    }

    /// Syncs the transcript and writes counts, tokens, model and times into the session entry;
    /// the two flushes run side by side (the sync on the blocking pool), so a turn waits for
    /// one disk round trip instead of two.
    pub(crate) async fn finish(&mut self) -> Result<(), TurnError> {
        let writer = self.writer.take();
        let sync = tokio::task::spawn_blocking(move || {
            let mut writer = writer;
            let synced = writer.as_mut().map_or(Ok(()), transcript::Writer::sync);
            (writer, synced)
        });
        let now = Timestamp::now().as_millisecond();
        let (appended, usage, model) = (self.appended, self.usage, self.model_used.clone());
        let from = self.inbound.from.clone();
        let session_key = self.key.clone();
        let fallback = self.entry.clone();
        // Group-committed: turns finishing together share one write of sessions.json.
        let change = move |entry: &mut SessionEntry| {
            entry.message_count += appended;
            entry.input_tokens += usage.input;
            entry.output_tokens += usage.output;
            if model.is_some() {
                entry.model = model;
            }
            entry.last_interaction_at = now;
            entry.updated_at = now;
            describe(entry, &session_key, from.as_ref());
            entry.clone()
        };
        let updated = self.store.commit_entry(self.key_str.clone(), move || fallback, change).await;
        let (writer, synced) = sync.await.map_err(|e| {
            IoError::at("syncing", self.rt.home.transcript_path(&self.key.agent, &self.key_str))(
                std::io::Error::other(e.to_string()),
            )
        })?;
        self.writer = writer;
        synced?;
        self.entry = updated?;
        Ok(())
    }
}

/// `system` without its last line, the runtime line, which is put in brackets before the text
/// of the newest user message instead. Without a user message, `system` stays whole.
fn move_runtime_line(system: String, messages: &mut [provider::Message]) -> String {
    let newest = messages.iter_mut().rev().find_map(|m| match m {
        provider::Message::User { content } => Some(content),
        _ => None,
    });
    let (Some(content), Some(at)) = (newest, system.rfind("\nRuntime: ")) else { return system };
    let line = system[at + 1..].trim_end();
    *content = format!("[{line}]\n\n{content}");
    system[..at + 1].to_owned()
}

/// Runs `sessions_send` turns: one turn in another session, on the same runtime.
struct Runner(Runtime);

impl tool::sessions::TurnRunner for Runner {
    fn run_turn(&self, key: SessionKey, text: String) -> tool::sessions::TurnFuture<'_> {
        Box::pin(async move {
            let inbound = Inbound { key, text, from: None, channel: "session".into(), inbound_id: None };
            run(&self.0, inbound, &mut |_| {}).await.map(|out| out.reply).map_err(|e| e.to_string())
        })
    }
}

/// Resets one session (archiving its transcript) for `reason`, from inside its own turn.
pub(crate) fn reset_session(rt: &Runtime, key: &SessionKey, reason: ResetReason) -> Result<(), TurnError> {
    match session::reset_in_turn(&rt.home, &key.agent, &key.to_string(), reason, Timestamp::now()) {
        Ok(_) | Err(session::ResetError::Unknown { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Whether the transcript already holds the user message with `inboundId` `id`.
fn holds_inbound(lines: &[Line], id: &str) -> bool {
    lines.iter().rev().any(|l| match l {
        Line::Message(m) => {
            m.role == transcript::Role::User && m.extra.get("inboundId").and_then(|v| v.as_str()) == Some(id)
        }
        _ => false,
    })
}

/// Whether the transcript's last message is this one, from this sender, with no answer after it:
/// what a turn that failed before the model replied (no provider, a refused key, a network
/// error) leaves behind. Turns of one session run one at a time, so no other turn is answering it.
fn ends_unanswered(lines: &[Line], text: &str, from: Option<&Origin>) -> bool {
    let last = lines.iter().rev().find_map(|l| match l {
        Line::Message(m) => Some(m),
        _ => None,
    });
    let sender = |o: Option<&Origin>| o.map(|o| (o.channel.clone(), o.peer.clone()));
    last.is_some_and(|m| {
        m.role == transcript::Role::User && m.content == text && sender(m.from.as_ref()) == sender(from)
    })
}

/// Fills the entry's channel, peer and chat type from the key and the sender.
fn describe(entry: &mut SessionEntry, key: &SessionKey, from: Option<&Origin>) {
    use session::Scope;
    match &key.scope {
        Scope::Peer { channel, peer } => {
            entry.chat_type = Some(session::ChatType::Direct);
            entry.peer = Some(peer.clone());
            if let Some(c) = channel {
                entry.channel = Some(c.clone());
            }
        }
        Scope::Group { channel, .. } => {
            entry.chat_type = Some(session::ChatType::Group);
            entry.channel = Some(channel.clone());
        }
        _ => {}
    }
    if let Some(from) = from {
        entry.channel = Some(from.channel.clone());
        if from.account_id.is_some() {
            entry.account_id = from.account_id.clone();
        }
        if entry.peer.is_none() {
            entry.peer = from.peer.clone();
        }
        if from.name.is_some() {
            entry.display_name = from.name.clone();
        }
    }
}
