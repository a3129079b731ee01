//! Anthropic Messages: streaming events, tool use, errors, request shape.

use openclaw::provider::{Message, ProviderError, StopReason, StreamFailure, ToolCall, ToolSpec};
use serde_json::{Value, json};

use crate::server::{Reply, Server};
use crate::{chat, config, hi};

pub fn event(name: &str, data: Value) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn start(input: u64) -> String {
    event(
        "message_start",
        json!({"type": "message_start", "message": {
        "id": "msg_1", "type": "message", "role": "assistant", "content": [], "model": "claude-test",
        "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": input, "output_tokens": 1}}}),
    )
}

fn text_block(index: u64) -> String {
    event(
        "content_block_start",
        json!({"type": "content_block_start", "index": index,
        "content_block": {"type": "text", "text": ""}}),
    )
}

fn text_delta(index: u64, t: &str) -> String {
    event(
        "content_block_delta",
        json!({"type": "content_block_delta", "index": index,
        "delta": {"type": "text_delta", "text": t}}),
    )
}

fn tool_block(index: u64, id: &str, name: &str) -> String {
    event(
        "content_block_start",
        json!({"type": "content_block_start", "index": index,
        "content_block": {"type": "tool_use", "id": id, "name": name, "input": {}}}),
    )
}

fn json_delta(index: u64, part: &str) -> String {
    event(
        "content_block_delta",
        json!({"type": "content_block_delta", "index": index,
        "delta": {"type": "input_json_delta", "partial_json": part}}),
    )
}

fn stop_block(index: u64) -> String {
    event("content_block_stop", json!({"type": "content_block_stop", "index": index}))
}

fn end(reason: &str, output: u64) -> Vec<String> {
    vec![
        event(
            "message_delta",
            json!({"type": "message_delta",
            "delta": {"stop_reason": reason, "stop_sequence": null}, "usage": {"output_tokens": output}}),
        ),
        event("message_stop", json!({"type": "message_stop"})),
    ]
}

fn ping() -> String {
    event("ping", json!({"type": "ping"}))
}

/// A complete streamed text reply.
pub fn streamed(words: &[&str]) -> Reply {
    let mut ev = vec![start(25), text_block(0), ping()];
    ev.extend(words.iter().map(|w| text_delta(0, w)));
    ev.push(stop_block(0));
    ev.extend(end("end_turn", 15));
    Reply::sse(&ev)
}

fn anthropic(server: &Server) -> openclaw::config::ModelsConfig {
    config(&[("anthropic", "anthropic", &server.base, Some("sk-ant-test"))], "anthropic/claude-test", &[])
}

#[tokio::test]
async fn streamed_reply_with_ping_and_usage_and_the_request_shape() {
    let server = Server::start(vec![streamed(&["Hi", " there", " — ok"])]).await;
    let (result, deltas) = chat(&anthropic(&server), &hi(true)).await;
    let resp = result.unwrap();
    assert_eq!(deltas, ["Hi", " there", " — ok"]);
    assert_eq!(resp.text, "Hi there — ok");
    assert_eq!((resp.usage.input, resp.usage.output), (25, 15));
    assert_eq!(resp.stop_reason, Some(StopReason::EndTurn));
    assert_eq!(resp.model, "anthropic/claude-test");

    let got = server.only();
    assert_eq!(got.path, "/v1/messages");
    assert_eq!(got.headers["x-api-key"], "sk-ant-test");
    assert_eq!(got.headers["anthropic-version"], "2023-06-01");
    assert!(got.headers.get("authorization").is_none());
    assert_eq!(
        got.body,
        json!({
            "model": "claude-test",
            "max_tokens": 4096,
            "system": "You are terse.",
            "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
            "stream": true,
        })
    );
}

#[tokio::test]
async fn non_streamed_reply_with_text_and_tool_use() {
    let body = json!({
        "id": "msg_2", "type": "message", "role": "assistant", "model": "claude-test",
        "content": [
            {"type": "text", "text": "Let me look."},
            {"type": "tool_use", "id": "toolu_1", "name": "read", "input": {"path": "a.txt"}},
        ],
        "stop_reason": "tool_use", "stop_sequence": null,
        "usage": {"input_tokens": 40, "cache_read_input_tokens": 100, "output_tokens": 20},
    });
    let server = Server::start(vec![Reply::json(200, body)]).await;
    let (result, deltas) = chat(&anthropic(&server), &hi(false)).await;
    let resp = result.unwrap();
    assert_eq!(deltas, ["Let me look."]);
    assert_eq!(resp.stop_reason, Some(StopReason::ToolUse));
    assert_eq!(
        resp.tool_calls,
        [ToolCall { id: "toolu_1".into(), name: "read".into(), arguments: json!({"path": "a.txt"}) }]
    );
    // Cached prompt tokens count: the usage is the size of the whole prompt.
    assert_eq!((resp.usage.input, resp.usage.output), (140, 20));
    assert!(server.only().body.get("stream").is_none());
}

#[tokio::test]
async fn text_then_two_tool_use_blocks_with_split_input_json() {
    let mut ev = vec![start(50), text_block(0), text_delta(0, "Reading both."), stop_block(0)];
    ev.push(tool_block(1, "toolu_a", "read"));
    for part in ["", "{\"pa", "th\": \"a", ".txt\"", "}"] {
        ev.push(json_delta(1, part));
    }
    ev.push(stop_block(1));
    ev.push(tool_block(2, "toolu_b", "memory_search"));
    for part in ["{\"query\":", " \"café", "\", \"maxResults\": 3}"] {
        ev.push(json_delta(2, part));
    }
    ev.push(stop_block(2));
    ev.extend(end("tool_use", 60));
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let mut req = hi(true);
    req.tools = vec![ToolSpec {
        name: "read".into(),
        description: "Read a file.".into(),
        parameters: json!({"type": "object", "properties": {"path": {"type": "string"}}}),
    }];
    let (result, deltas) = chat(&anthropic(&server), &req).await;
    let resp = result.unwrap();
    assert_eq!(deltas, ["Reading both."]);
    assert_eq!(resp.stop_reason, Some(StopReason::ToolUse));
    assert_eq!(
        resp.tool_calls,
        [
            ToolCall { id: "toolu_a".into(), name: "read".into(), arguments: json!({"path": "a.txt"}) },
            ToolCall {
                id: "toolu_b".into(),
                name: "memory_search".into(),
                arguments: json!({"query": "café", "maxResults": 3}),
            },
        ]
    );
    assert_eq!(
        server.only().body["tools"],
        json!([{"name": "read", "description": "Read a file.",
            "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}}])
    );
}

#[tokio::test]
async fn tool_results_go_back_in_one_user_message_and_system_stays_top_level() {
    let server = Server::start(vec![streamed(&["ok"])]).await;
    let mut req = hi(true);
    req.messages.push(Message::Assistant {
        content: "Reading.".into(),
        tool_calls: vec![
            ToolCall { id: "toolu_a".into(), name: "read".into(), arguments: json!({"path": "a.txt"}) },
            ToolCall { id: "toolu_b".into(), name: "read".into(), arguments: json!({"path": "b.txt"}) },
        ],
    });
    for (id, content, is_error) in [("toolu_a", "A", false), ("toolu_b", "no such file: b.txt", true)] {
        req.messages.push(Message::Tool {
            tool_call_id: id.into(),
            name: "read".into(),
            content: content.into(),
            is_error,
        });
    }
    req.messages.push(Message::user("and now?"));
    chat(&anthropic(&server), &req).await.0.unwrap();
    let body = server.only().body;
    assert_eq!(body["system"], "You are terse.");
    assert_eq!(
        body["messages"],
        json!([
            {"role": "user", "content": [{"type": "text", "text": "hi"}]},
            {"role": "assistant", "content": [
                {"type": "text", "text": "Reading."},
                {"type": "tool_use", "id": "toolu_a", "name": "read", "input": {"path": "a.txt"}},
                {"type": "tool_use", "id": "toolu_b", "name": "read", "input": {"path": "b.txt"}},
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "toolu_a", "content": "A"},
                {"type": "tool_result", "tool_use_id": "toolu_b", "content": "no such file: b.txt", "is_error": true},
                {"type": "text", "text": "and now?"},
            ]},
        ])
    );
}

#[tokio::test]
async fn error_event_mid_stream_keeps_the_partial_text() {
    let ev = vec![
        start(10),
        text_block(0),
        text_delta(0, "Start"),
        event(
            "error",
            json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
        ),
    ];
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let (result, deltas) = chat(&anthropic(&server), &hi(true)).await;
    let err = result.unwrap_err();
    assert_eq!(deltas, ["Start"]);
    assert_eq!(err.partial_text(), "Start");
    assert!(matches!(err, ProviderError::Stream { kind: StreamFailure::Api, .. }));
    assert!(err.to_string().contains("error in stream: overloaded_error: Overloaded"), "{err}");
    assert_eq!(server.received().len(), 1, "text was shown: no retry");
}

#[tokio::test]
async fn overloaded_before_any_text_is_retried() {
    let overloaded = vec![
        start(10),
        event(
            "error",
            json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
        ),
    ];
    let server = Server::start(vec![Reply::sse(&overloaded), streamed(&["fine"])]).await;
    let (result, deltas) = chat(&anthropic(&server), &hi(true)).await;
    assert_eq!(result.unwrap().text, "fine");
    assert_eq!(deltas, ["fine"]);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn dropped_mid_stream_is_ended_early() {
    let ev = vec![start(10), text_block(0), text_delta(0, "Half an ans")];
    let server = Server::start(vec![Reply::sse(&ev).dropped()]).await;
    let err = chat(&anthropic(&server), &hi(true)).await.0.unwrap_err();
    assert!(matches!(err, ProviderError::Stream { kind: StreamFailure::EndedEarly, .. }), "{err:?}");
    assert_eq!(err.partial_text(), "Half an ans");
}

#[tokio::test]
async fn authentication_error_uses_the_api_message() {
    let server = Server::start(vec![Reply::json(
        401,
        json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}),
    )])
    .await;
    let err = chat(&anthropic(&server), &hi(true)).await.0.unwrap_err();
    let host = server.base.trim_start_matches("http://");
    assert_eq!(err.to_string(), format!("anthropic/claude-test at {host}: HTTP 401: invalid x-api-key"));
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn base_url_with_v1_is_not_doubled() {
    let server = Server::start(vec![streamed(&["ok"])]).await;
    let cfg = config(
        &[("anthropic", "anthropic", &format!("{}/v1/", server.base), Some("k"))],
        "anthropic/claude-test",
        &[],
    );
    chat(&cfg, &hi(true)).await.0.unwrap();
    assert_eq!(server.only().path, "/v1/messages");
}
