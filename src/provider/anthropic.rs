//! Anthropic Messages: `POST {baseUrl}/v1/messages` with `x-api-key` and `anthropic-version`.
//!
//! The system prompt is top-level; a message's content is a list of blocks (`text`, `tool_use`,
//! `tool_result`); tool results travel in a user message. A streamed reply is a sequence of named
//! events: `message_start` (input tokens), `content_block_start/delta/stop` (text deltas and
//! `input_json_delta` fragments of a tool call's input), `message_delta` (stop reason, output
//! tokens), `message_stop`, plus `ping` and `error`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::types::{DEFAULT_MAX_TOKENS, parse_arguments};
use super::{
    ChatRequest, ChatResponse, EventError, Flow, Message, Provider, ProviderError, StopReason, StreamState,
    Target, ToolCall, Usage, sse,
};

/// The API version this module speaks.
const VERSION: &str = "2023-06-01";

pub(super) async fn call(
    p: &Provider,
    target: &Target,
    model: &str,
    req: &ChatRequest,
    on_text: &mut (dyn FnMut(&str) + Send),
) -> Result<ChatResponse, ProviderError> {
    let body =
        serde_json::to_vec(&request_body(model, req)).map_err(|e| ProviderError::Client(e.to_string()))?;
    let mut headers = HeaderMap::new();
    headers.insert(HeaderName::from_static("anthropic-version"), HeaderValue::from_static(VERSION));
    if let Some(key) = &p.api_key {
        headers.insert(HeaderName::from_static("x-api-key"), super::secret_header(&p.name, key)?);
    }
    // The SDK convention is a base URL without `/v1`; accept one with it too.
    let path =
        if p.base_url.path().trim_end_matches('/').ends_with("/v1") { "messages" } else { "v1/messages" };
    let resp = p.post(target, p.endpoint(path), headers, body).await?;
    p.reply::<Stream>(target, resp, req.stream, parse_message, on_text).await
}

// The request borrows everything from the `ChatRequest`, as the OpenAI one does: no message
// text or tool schema is copied to build it.
#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    max_tokens: u32,
    #[serde(skip_serializing_if = "str::is_empty")]
    system: Cow<'a, str>,
    messages: Vec<WireMessage<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<WireTool<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stream: bool,
}

#[derive(Serialize)]
struct WireMessage<'a> {
    role: &'static str,
    content: Vec<Block<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block<'a> {
    Text {
        text: &'a str,
    },
    ToolUse {
        id: &'a str,
        name: &'a str,
        input: Cow<'a, Value>,
    },
    ToolResult {
        tool_use_id: &'a str,
        content: &'a str,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        is_error: bool,
    },
}

#[derive(Serialize)]
struct WireTool<'a> {
    name: &'a str,
    description: &'a str,
    input_schema: &'a Value,
}

fn request_body<'a>(model: &'a str, req: &'a ChatRequest) -> Body<'a> {
    let mut system = Cow::Borrowed(req.system.as_str());
    let mut messages: Vec<WireMessage<'a>> = Vec::with_capacity(req.messages.len());
    // The API wants user and assistant turns to alternate, and tool results in a user turn:
    // consecutive blocks of the same role are merged into one message.
    let mut push = |role: &'static str, block: Block<'a>| match messages.last_mut() {
        Some(last) if last.role == role => last.content.push(block),
        _ => messages.push(WireMessage { role, content: vec![block] }),
    };
    for m in &req.messages {
        match m {
            // There is no system role inside the conversation; it joins the top-level prompt.
            Message::System { content } => {
                let joined = system.to_mut();
                if !joined.is_empty() {
                    joined.push_str("\n\n");
                }
                joined.push_str(content);
            }
            Message::User { content } => push("user", Block::Text { text: content }),
            Message::Assistant { content, tool_calls } => {
                // Empty text blocks are rejected by the API.
                if !content.is_empty() {
                    push("assistant", Block::Text { text: content });
                }
                for c in tool_calls {
                    let input = if c.arguments.is_object() {
                        Cow::Borrowed(&c.arguments)
                    } else {
                        Cow::Owned(json!({}))
                    };
                    push("assistant", Block::ToolUse { id: &c.id, name: &c.name, input });
                }
            }
            Message::Tool { tool_call_id, content, is_error, .. } => {
                push("user", Block::ToolResult { tool_use_id: tool_call_id, content, is_error: *is_error })
            }
        }
    }
    let tools = req
        .tools
        .iter()
        .map(|t| WireTool { name: &t.name, description: &t.description, input_schema: &t.parameters })
        .collect();
    Body {
        model,
        max_tokens: req.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS),
        system,
        messages,
        tools,
        temperature: req.temperature,
        stream: req.stream,
    }
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(default)]
struct WireUsage {
    input_tokens: Option<u64>,
    output_tokens: Option<u64>,
    cache_creation_input_tokens: Option<u64>,
    cache_read_input_tokens: Option<u64>,
}

impl WireUsage {
    /// The whole prompt: `input_tokens` leaves out what was written to or read from the cache.
    fn input(&self) -> Option<u64> {
        let parts = [self.input_tokens, self.cache_creation_input_tokens, self.cache_read_input_tokens];
        parts.iter().any(Option::is_some).then(|| parts.iter().flatten().sum())
    }
}

// --- non-streaming ---

#[derive(Deserialize)]
struct WireReply {
    #[serde(default)]
    content: Vec<Value>,
    stop_reason: Option<String>,
    #[serde(default)]
    usage: WireUsage,
}

fn parse_message(text: &str) -> Result<ChatResponse, String> {
    let m: WireReply = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut out = String::new();
    let mut tool_calls = Vec::new();
    for block in &m.content {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => out.push_str(block.get("text").and_then(Value::as_str).unwrap_or("")),
            Some("tool_use") => tool_calls.push(ToolCall {
                id: str_field(block, "id"),
                name: str_field(block, "name"),
                arguments: block.get("input").cloned().unwrap_or_else(|| json!({})),
            }),
            _ => {} // thinking and future block types carry nothing we use
        }
    }
    Ok(ChatResponse {
        text: out,
        tool_calls,
        usage: Usage { input: m.usage.input().unwrap_or(0), output: m.usage.output_tokens.unwrap_or(0) },
        stop_reason: m.stop_reason.as_deref().map(StopReason::from_wire),
        model: String::new(),
        recovered_from: None,
    })
}

fn str_field(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

// --- streaming ---

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event {
    MessageStart {
        message: StartMessage,
    },
    ContentBlockStart {
        index: u64,
        content_block: Value,
    },
    ContentBlockDelta {
        index: u64,
        delta: Value,
    },
    ContentBlockStop {},
    MessageDelta {
        #[serde(default)]
        delta: MessageDeltaBody,
        #[serde(default)]
        usage: WireUsage,
    },
    MessageStop {},
    Ping {},
    Error {
        error: Value,
    },
    #[serde(other)]
    Unknown,
}

#[derive(Deserialize)]
struct StartMessage {
    #[serde(default)]
    usage: WireUsage,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MessageDeltaBody {
    stop_reason: Option<String>,
}

struct ToolBlock {
    id: String,
    name: String,
    json: String,
}

#[derive(Default)]
struct Stream {
    text: String,
    tools: BTreeMap<u64, ToolBlock>,
    usage: Usage,
    stop_reason: Option<String>,
}

impl StreamState for Stream {
    fn on_event(
        &mut self,
        ev: &sse::SseEvent,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Flow, EventError> {
        let event: Event =
            serde_json::from_str(&ev.data).map_err(|e| EventError::Malformed(e.to_string()))?;
        match event {
            Event::MessageStart { message } => {
                self.usage.input = message.usage.input().unwrap_or(0);
                self.usage.output = message.usage.output_tokens.unwrap_or(0);
            }
            Event::ContentBlockStart { index, content_block } => {
                match content_block.get("type").and_then(Value::as_str) {
                    Some("tool_use") => {
                        self.tools.insert(
                            index,
                            ToolBlock {
                                id: str_field(&content_block, "id"),
                                name: str_field(&content_block, "name"),
                                json: String::new(),
                            },
                        );
                    }
                    Some("text") => {
                        // The start block is normally empty, but the format allows text in it.
                        let t = content_block.get("text").and_then(Value::as_str).unwrap_or("");
                        if !t.is_empty() {
                            on_text(t);
                            self.text.push_str(t);
                        }
                    }
                    _ => {}
                }
            }
            Event::ContentBlockDelta { index, delta } => {
                match delta.get("type").and_then(Value::as_str) {
                    Some("text_delta") => {
                        let t = delta
                            .get("text")
                            .and_then(Value::as_str)
                            .ok_or_else(|| EventError::Malformed("text_delta without text".into()))?;
                        if !t.is_empty() {
                            on_text(t);
                            self.text.push_str(t);
                        }
                    }
                    Some("input_json_delta") => {
                        let part = delta.get("partial_json").and_then(Value::as_str).unwrap_or("");
                        let block = self.tools.get_mut(&index).ok_or_else(|| {
                            EventError::Malformed(format!(
                                "input_json_delta for block {index}, which is not a tool_use block"
                            ))
                        })?;
                        block.json.push_str(part);
                    }
                    _ => {} // thinking_delta, signature_delta, citations: not used here
                }
            }
            Event::MessageDelta { delta, usage } => {
                if let Some(r) = delta.stop_reason {
                    self.stop_reason = Some(r);
                }
                if let Some(o) = usage.output_tokens {
                    self.usage.output = o;
                }
                if let Some(i) = usage.input() {
                    self.usage.input = i;
                }
            }
            Event::MessageStop {} => return Ok(Flow::Done),
            Event::Error { error } => {
                let kind = error.get("type").and_then(Value::as_str).unwrap_or("error");
                let message = error.get("message").and_then(Value::as_str).unwrap_or("");
                let retryable = matches!(kind, "overloaded_error" | "api_error" | "rate_limit_error");
                return Err(EventError::Api { message: format!("{kind}: {message}"), retryable });
            }
            Event::ContentBlockStop {} | Event::Ping {} | Event::Unknown => {}
        }
        Ok(Flow::Continue)
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn finished(&self) -> bool {
        self.stop_reason.is_some()
    }

    fn finish(self) -> ChatResponse {
        ChatResponse {
            text: self.text,
            tool_calls: self
                .tools
                .into_values()
                .map(|b| ToolCall { id: b.id, name: b.name, arguments: parse_arguments(&b.json) })
                .collect(),
            usage: self.usage,
            stop_reason: self.stop_reason.as_deref().map(StopReason::from_wire),
            model: String::new(),
            recovered_from: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::ToolCall;

    #[test]
    fn every_message_kind_has_the_wire_shape() {
        let call = ToolCall { id: "t1".into(), name: "read".into(), arguments: json!({"path": "a"}) };
        let raw = ToolCall { id: "t2".into(), name: "read".into(), arguments: json!("{not json") };
        let req = ChatRequest {
            system: "be brief".into(),
            messages: vec![
                Message::User { content: "hi".into() },
                Message::System { content: "note".into() },
                Message::Assistant { content: "looking".into(), tool_calls: vec![call, raw] },
                Message::Tool {
                    tool_call_id: "t1".into(),
                    name: "read".into(),
                    content: "x".into(),
                    is_error: false,
                },
                Message::Tool {
                    tool_call_id: "t2".into(),
                    name: "read".into(),
                    content: "bad".into(),
                    is_error: true,
                },
                Message::Assistant { content: String::new(), tool_calls: vec![] },
                Message::Assistant { content: "done".into(), tool_calls: vec![] },
            ],
            tools: vec![crate::provider::ToolSpec {
                name: "read".into(),
                description: "Reads".into(),
                parameters: json!({"type": "object"}),
            }],
            ..Default::default()
        };
        let body = serde_json::to_value(request_body("claude", &req)).unwrap();
        assert_eq!(
            body,
            json!({
                "model": "claude",
                "max_tokens": DEFAULT_MAX_TOKENS,
                "system": "be brief\n\nnote",
                "messages": [
                    {"role": "user", "content": [{"type": "text", "text": "hi"}]},
                    {"role": "assistant", "content": [
                        {"type": "text", "text": "looking"},
                        {"type": "tool_use", "id": "t1", "name": "read", "input": {"path": "a"}},
                        {"type": "tool_use", "id": "t2", "name": "read", "input": {}},
                    ]},
                    {"role": "user", "content": [
                        {"type": "tool_result", "tool_use_id": "t1", "content": "x"},
                        {"type": "tool_result", "tool_use_id": "t2", "content": "bad", "is_error": true},
                    ]},
                    {"role": "assistant", "content": [{"type": "text", "text": "done"}]},
                ],
                "tools": [{"name": "read", "description": "Reads", "input_schema": {"type": "object"}}],
                "stream": true,
            })
        );
    }
}
