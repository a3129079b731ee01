//! The OpenAI-compatible chat-completions protocol: `POST {baseUrl}/chat/completions`.
//!
//! Streamed replies are `data: {chunk}` events ending with `data: [DONE]`; tool calls arrive as
//! deltas keyed by `index` (id and name first, then `arguments` fragments to concatenate).

use std::collections::BTreeMap;

use reqwest::header::{AUTHORIZATION, HeaderMap};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::types::parse_arguments;
use super::{
    ChatRequest, ChatResponse, EventError, Flow, Message, Provider, ProviderError, StopReason, StreamState,
    Target, ToolCall, Usage, sse,
};

pub(super) async fn call(
    p: &Provider,
    target: &Target,
    model: &str,
    req: &ChatRequest,
    on_text: &mut (dyn FnMut(&str) + Send),
) -> Result<ChatResponse, ProviderError> {
    // api.openai.com rejects `max_tokens` for its reasoning models; other servers only know it.
    let official = p.base_url.host_str() == Some("api.openai.com");
    let body = serde_json::to_vec(&request_body(model, req, official))
        .map_err(|e| ProviderError::Client(e.to_string()))?;
    let mut headers = HeaderMap::new();
    if let Some(key) = &p.api_key {
        headers.insert(AUTHORIZATION, super::secret_header(&p.name, &format!("Bearer {key}"))?);
    }
    let resp = p.post(target, p.endpoint("chat/completions"), headers, body).await?;
    p.reply::<Stream>(target, resp, req.stream, parse_completion, on_text).await
}

// The request borrows everything from the `ChatRequest`: building it as `json!` values copied
// every message and tool schema on every model call.
#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    messages: Vec<WireMessage<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<WireTool<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f32>,
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_options: Option<StreamOptions>,
}

#[derive(Serialize)]
#[serde(tag = "role", rename_all = "lowercase")]
enum WireMessage<'a> {
    System {
        content: &'a str,
    },
    User {
        content: &'a str,
    },
    Assistant {
        /// `null` when a message with tool calls has no text.
        content: Option<&'a str>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tool_calls: Vec<WireCall<'a>>,
    },
    // The protocol has no error flag for tool results; the text has to say it.
    Tool {
        tool_call_id: &'a str,
        content: &'a str,
    },
}

#[derive(Serialize)]
struct WireCall<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    function: CallFunction<'a>,
}

#[derive(Serialize)]
struct CallFunction<'a> {
    name: &'a str,
    arguments: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct WireTool<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    function: WireToolFunction<'a>,
}

#[derive(Serialize)]
struct WireToolFunction<'a> {
    name: &'a str,
    description: &'a str,
    parameters: &'a Value,
}

#[derive(Serialize)]
struct StreamOptions {
    include_usage: bool,
}

fn request_body<'a>(model: &'a str, req: &'a ChatRequest, official: bool) -> Body<'a> {
    let mut messages = Vec::with_capacity(req.messages.len() + 1);
    if !req.system.is_empty() {
        messages.push(WireMessage::System { content: &req.system });
    }
    for m in &req.messages {
        messages.push(match m {
            Message::System { content } => WireMessage::System { content },
            Message::User { content } => WireMessage::User { content },
            Message::Assistant { content, tool_calls } => WireMessage::Assistant {
                content: (!content.is_empty() || tool_calls.is_empty()).then_some(content.as_str()),
                tool_calls: tool_calls
                    .iter()
                    .map(|c| WireCall {
                        id: &c.id,
                        kind: "function",
                        function: CallFunction { name: &c.name, arguments: arguments_text(&c.arguments) },
                    })
                    .collect(),
            },
            Message::Tool { tool_call_id, content, .. } => WireMessage::Tool { tool_call_id, content },
        });
    }
    let tools = req
        .tools
        .iter()
        .map(|t| WireTool {
            kind: "function",
            function: WireToolFunction {
                name: &t.name,
                description: &t.description,
                parameters: &t.parameters,
            },
        })
        .collect();
    Body {
        model,
        messages,
        tools,
        max_tokens: req.max_tokens.filter(|_| !official),
        max_completion_tokens: req.max_tokens.filter(|_| official),
        temperature: req.temperature,
        stream: req.stream,
        stream_options: req.stream.then_some(StreamOptions { include_usage: true }),
    }
}

/// Arguments go over the wire as a JSON string; a raw (unparsable) string is sent back as is.
fn arguments_text(args: &Value) -> std::borrow::Cow<'_, str> {
    match args {
        Value::String(raw) => raw.as_str().into(),
        other => other.to_string().into(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireUsage {
    prompt_tokens: u64,
    completion_tokens: u64,
}

impl From<WireUsage> for Usage {
    fn from(u: WireUsage) -> Self {
        Usage { input: u.prompt_tokens, output: u.completion_tokens }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireFunction {
    name: Option<String>,
    arguments: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireToolCall {
    index: Option<u64>,
    id: Option<String>,
    function: WireFunction,
}

// --- non-streaming ---

#[derive(Deserialize)]
struct Completion {
    #[serde(default)]
    choices: Vec<CompletionChoice>,
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct CompletionChoice {
    message: CompletionMessage,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct CompletionMessage {
    content: Option<String>,
    #[serde(default)]
    tool_calls: Vec<WireToolCall>,
}

fn parse_completion(text: &str) -> Result<ChatResponse, String> {
    let c: Completion = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let choice = c.choices.into_iter().next().ok_or("no choices in the reply")?;
    let tool_calls = choice
        .message
        .tool_calls
        .into_iter()
        .map(|t| ToolCall {
            id: t.id.unwrap_or_default(),
            name: t.function.name.unwrap_or_default(),
            arguments: parse_arguments(t.function.arguments.as_deref().unwrap_or("")),
        })
        .collect();
    Ok(ChatResponse {
        text: choice.message.content.unwrap_or_default(),
        tool_calls,
        usage: c.usage.map(Usage::from).unwrap_or_default(),
        stop_reason: choice.finish_reason.as_deref().map(StopReason::from_wire),
        model: String::new(),
        recovered_from: None,
    })
}

// --- streaming ---

#[derive(Deserialize)]
struct Chunk {
    #[serde(default, deserialize_with = "null_as_default")]
    choices: Vec<ChunkChoice>,
    usage: Option<WireUsage>,
    error: Option<Value>,
}

#[derive(Deserialize)]
struct ChunkChoice {
    #[serde(default)]
    delta: Delta,
    finish_reason: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Delta {
    content: Option<String>,
    #[serde(deserialize_with = "null_as_default")]
    tool_calls: Vec<WireToolCall>,
}

fn null_as_default<'de, D: serde::Deserializer<'de>, T: Default + Deserialize<'de>>(
    d: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[derive(Default)]
struct PartialCall {
    id: String,
    name: String,
    arguments: String,
}

#[derive(Default)]
struct Stream {
    text: String,
    calls: BTreeMap<u64, PartialCall>,
    usage: Usage,
    finish: Option<String>,
}

impl StreamState for Stream {
    fn on_event(
        &mut self,
        ev: &sse::SseEvent,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Flow, EventError> {
        let data = ev.data.trim();
        if data == "[DONE]" {
            return Ok(Flow::Done);
        }
        let chunk: Chunk = serde_json::from_str(data).map_err(|e| EventError::Malformed(e.to_string()))?;
        if let Some(err) = chunk.error {
            // OpenRouter and vLLM report failures mid-stream this way.
            let message = err
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| err.to_string());
            let code = err.get("code").and_then(Value::as_u64);
            let retryable = matches!(code, Some(429 | 500..=599));
            return Err(EventError::Api { message, retryable });
        }
        if let Some(u) = chunk.usage {
            self.usage = u.into();
        }
        // Only the first choice matters: we never ask for n > 1.
        if let Some(choice) = chunk.choices.into_iter().next() {
            if let Some(t) = choice.delta.content.filter(|t| !t.is_empty()) {
                on_text(&t);
                self.text.push_str(&t);
            }
            for tc in choice.delta.tool_calls {
                let id = tc.id.filter(|s| !s.is_empty());
                let idx = match tc.index {
                    Some(i) => i,
                    // Servers that omit `index`: a delta with an id opens a new call, one
                    // without continues the last.
                    None => {
                        let last = self.calls.keys().next_back().copied();
                        match (last, &id) {
                            (Some(l), Some(id)) if self.calls[&l].id != *id => l + 1,
                            (Some(l), _) => l,
                            (None, _) => 0,
                        }
                    }
                };
                let call = self.calls.entry(idx).or_default();
                if let Some(id) = id {
                    call.id = id;
                }
                // The name normally comes whole in the first delta; some servers repeat it.
                if let Some(name) = tc.function.name.filter(|s| !s.is_empty() && **s != call.name) {
                    call.name.push_str(&name);
                }
                if let Some(args) = tc.function.arguments {
                    call.arguments.push_str(&args);
                }
            }
            if let Some(f) = choice.finish_reason {
                self.finish = Some(f);
            }
        }
        Ok(Flow::Continue)
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn finished(&self) -> bool {
        self.finish.is_some()
    }

    fn finish(self) -> ChatResponse {
        let tool_calls = self
            .calls
            .into_values()
            .enumerate()
            .map(|(i, c)| ToolCall {
                // Some local servers send no id; the tool result still needs one to refer to.
                id: if c.id.is_empty() { format!("call_{i}") } else { c.id },
                name: c.name,
                arguments: parse_arguments(&c.arguments),
            })
            .collect();
        ChatResponse {
            text: self.text,
            tool_calls,
            usage: self.usage,
            stop_reason: self.finish.as_deref().map(StopReason::from_wire),
            model: String::new(),
            recovered_from: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_message_kind_has_the_wire_shape() {
        let call = ToolCall { id: "c1".into(), name: "read".into(), arguments: json!({"path": "a"}) };
        let raw = ToolCall { id: "c2".into(), name: "read".into(), arguments: json!("{not json") };
        let req = ChatRequest {
            system: "be brief".into(),
            messages: vec![
                Message::User { content: "hi".into() },
                Message::Assistant { content: String::new(), tool_calls: vec![call, raw] },
                Message::Tool {
                    tool_call_id: "c1".into(),
                    name: "read".into(),
                    content: "x".into(),
                    is_error: false,
                },
                Message::Assistant { content: "done".into(), tool_calls: vec![] },
                Message::Assistant { content: String::new(), tool_calls: vec![] },
                Message::System { content: "note".into() },
            ],
            tools: vec![crate::provider::ToolSpec {
                name: "read".into(),
                description: "Reads".into(),
                parameters: json!({"type": "object"}),
            }],
            ..Default::default()
        };
        let body = serde_json::to_value(request_body("m", &req, false)).unwrap();
        assert_eq!(
            body,
            json!({
                "model": "m",
                "messages": [
                    {"role": "system", "content": "be brief"},
                    {"role": "user", "content": "hi"},
                    {"role": "assistant", "content": null, "tool_calls": [
                        {"id": "c1", "type": "function", "function": {"name": "read", "arguments": "{\"path\":\"a\"}"}},
                        {"id": "c2", "type": "function", "function": {"name": "read", "arguments": "{not json"}},
                    ]},
                    {"role": "tool", "tool_call_id": "c1", "content": "x"},
                    {"role": "assistant", "content": "done"},
                    {"role": "assistant", "content": ""},
                    {"role": "system", "content": "note"},
                ],
                "tools": [{"type": "function", "function": {"name": "read", "description": "Reads", "parameters": {"type": "object"}}}],
                "stream": true,
                "stream_options": {"include_usage": true},
            })
        );
    }

    #[test]
    fn the_output_cap_is_max_completion_tokens_only_for_api_openai_com() {
        let req = ChatRequest { max_tokens: Some(64), ..Default::default() };
        let official = serde_json::to_value(request_body("gpt-5", &req, true)).unwrap();
        assert_eq!(official["max_completion_tokens"], 64);
        assert!(official.get("max_tokens").is_none());
        let local = serde_json::to_value(request_body("llama", &req, false)).unwrap();
        assert_eq!(local["max_tokens"], 64);
        assert!(local.get("max_completion_tokens").is_none());
    }
}
