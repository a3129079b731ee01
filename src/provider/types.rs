//! The provider-neutral shapes of a chat exchange.
//!
//! They mirror the transcript lines of DESIGN §6 (`role`, `toolCalls`, `toolCallId`, `isError`,
//! `usage {input, output}`), so the turn loop can turn a transcript line into a [`Message`] and a
//! [`ChatResponse`] into an assistant line without a translation table.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One message of the conversation, tagged by `role` like a transcript line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "lowercase", rename_all_fields = "camelCase")]
pub enum Message {
    /// Extra system text inside the conversation (most prompts use [`ChatRequest::system`]).
    System {
        /// The text.
        content: String,
    },
    /// What the user said.
    User {
        /// The text.
        content: String,
    },
    /// What the model answered: text, tool calls, or both.
    Assistant {
        /// The text (may be empty when the model only called tools).
        #[serde(default)]
        content: String,
        /// The tools the model asked to run, in order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tool_calls: Vec<ToolCall>,
    },
    /// The result of one tool call.
    Tool {
        /// The [`ToolCall::id`] this answers.
        tool_call_id: String,
        /// The tool's name.
        name: String,
        /// The result text shown to the model.
        content: String,
        /// True when the tool failed; the model sees the content as an error.
        #[serde(default)]
        is_error: bool,
    },
}

impl Message {
    /// A user message.
    pub fn user(content: impl Into<String>) -> Self {
        Message::User { content: content.into() }
    }

    /// An assistant message with text only.
    pub fn assistant(content: impl Into<String>) -> Self {
        Message::Assistant { content: content.into(), tool_calls: Vec::new() }
    }
}

/// A tool the model asked to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The provider's id for the call; a tool result must quote it.
    pub id: String,
    /// The tool's name.
    pub name: String,
    /// The arguments as the model wrote them: normally a JSON object. When the model produced
    /// arguments that are not valid JSON, this is a JSON *string* holding the raw text, so the
    /// turn loop can answer with an error result instead of failing the turn.
    pub arguments: Value,
}

/// A tool offered to the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolSpec {
    /// Name the model calls it by.
    pub name: String,
    /// One or two sentences for the model.
    pub description: String,
    /// JSON schema of the arguments object.
    pub parameters: Value,
}

/// One request to a model. `Default` is an empty streamed request.
#[derive(Debug, Clone)]
pub struct ChatRequest {
    /// `provider/model` to try first. Empty means "the configured default" when sent through
    /// [`super::Models::chat`]; [`super::Provider::chat`] takes the bare model name separately.
    pub model: String,
    /// The system prompt (Anthropic puts it top-level, OpenAI as the first message).
    pub system: String,
    /// The conversation so far, oldest first.
    pub messages: Vec<Message>,
    /// Tools the model may call.
    pub tools: Vec<ToolSpec>,
    /// Cap on output tokens; Anthropic requires one, so [`DEFAULT_MAX_TOKENS`] is sent there
    /// when this is `None`. OpenAI-compatible servers get no cap unless one is set.
    pub max_tokens: Option<u32>,
    /// Sampling temperature; provider default when `None`.
    pub temperature: Option<f32>,
    /// Ask for a streamed (SSE) reply. Without streaming, `on_text` gets the whole text once.
    pub stream: bool,
}

impl Default for ChatRequest {
    fn default() -> Self {
        Self {
            model: String::new(),
            system: String::new(),
            messages: Vec::new(),
            tools: Vec::new(),
            max_tokens: None,
            temperature: None,
            stream: true,
        }
    }
}

/// Output cap sent to Anthropic when [`ChatRequest::max_tokens`] is `None`.
pub const DEFAULT_MAX_TOKENS: u32 = 4096;

/// Token counts reported by the provider.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Prompt tokens.
    pub input: u64,
    /// Completion tokens.
    pub output: u64,
}

/// Why the model stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopReason {
    /// The model finished its answer.
    EndTurn,
    /// The model wants tool results before it goes on.
    ToolUse,
    /// The output token cap was hit; the text is cut off.
    MaxTokens,
    /// Anything else the provider said (`content_filter`, `stop_sequence`, …), verbatim.
    Other(String),
}

impl StopReason {
    /// Map OpenAI's `finish_reason` / Anthropic's `stop_reason` onto the shared set.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "stop" | "end_turn" => StopReason::EndTurn,
            "tool_calls" | "tool_use" | "function_call" => StopReason::ToolUse,
            "length" | "max_tokens" => StopReason::MaxTokens,
            other => StopReason::Other(other.to_owned()),
        }
    }

    /// A short name for transcripts and status lines: `end_turn`, `tool_use`, `max_tokens`, or
    /// the provider's own word.
    pub fn as_str(&self) -> &str {
        match self {
            StopReason::EndTurn => "end_turn",
            StopReason::ToolUse => "tool_use",
            StopReason::MaxTokens => "max_tokens",
            StopReason::Other(s) => s,
        }
    }
}

/// A complete answer from a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatResponse {
    /// All text the model produced (the concatenation of the streamed deltas).
    pub text: String,
    /// Tools the model asked to run, in the order it listed them.
    pub tool_calls: Vec<ToolCall>,
    /// Token counts (zero when the server reported none).
    pub usage: Usage,
    /// Why it stopped (`None` when the server did not say).
    pub stop_reason: Option<StopReason>,
    /// `provider/model` that answered (after failover this is not the one asked for).
    pub model: String,
    /// When [`Self::tool_calls`] were read from a reply that wrote them as JSON text (see
    /// `models.providers.<name>.toolCallRecovery`): that text. [`Self::text`] is then empty.
    pub recovered_from: Option<String>,
}

impl ChatResponse {
    /// The assistant [`Message`] to append to the history.
    pub fn to_message(&self) -> Message {
        Message::Assistant { content: self.text.clone(), tool_calls: self.tool_calls.clone() }
    }
}

/// Parse accumulated tool-call argument text. Empty text means "no arguments" (`{}`); text that
/// is not JSON is kept as a JSON string (see [`ToolCall::arguments`]).
pub(crate) fn parse_arguments(raw: &str) -> Value {
    if raw.trim().is_empty() {
        return Value::Object(Default::default());
    }
    serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()))
}
