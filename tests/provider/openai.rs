//! OpenAI-compatible chat completions: streaming, tools, errors, request shape.

use openclaw::provider::{Message, ProviderError, StopReason, StreamFailure, ToolCall, ToolSpec};
use serde_json::{Value, json};

use crate::server::{Reply, Server};
use crate::{chat, config, hi};

pub fn chunk(delta: Value, finish: Option<&str>) -> String {
    let c = json!({
        "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-test",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    });
    format!("data: {c}\n\n")
}

pub fn text(t: &str) -> String {
    chunk(json!({"content": t}), None)
}

pub fn usage(input: u64, output: u64) -> String {
    let c = json!({"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1,
        "model": "gpt-test", "choices": [],
        "usage": {"prompt_tokens": input, "completion_tokens": output, "total_tokens": input + output}});
    format!("data: {c}\n\n")
}

pub const DONE: &str = "data: [DONE]\n\n";

/// A complete streamed reply saying `words` in order.
pub fn streamed(words: &[&str]) -> Reply {
    let mut ev = vec![chunk(json!({"role": "assistant", "content": ""}), None)];
    ev.extend(words.iter().map(|w| text(w)));
    ev.push(chunk(json!({}), Some("stop")));
    ev.push(usage(12, 5));
    ev.push(DONE.into());
    Reply::sse(&ev)
}

fn openai(server: &Server) -> openclaw::config::ModelsConfig {
    config(
        &[("openai", "openai", &format!("{}/v1", server.base), Some("sk-test-123"))],
        "openai/gpt-test",
        &[],
    )
}

fn read_tool() -> ToolSpec {
    ToolSpec {
        name: "read".into(),
        description: "Read a file in the workspace.".into(),
        parameters: json!({"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}),
    }
}

#[tokio::test]
async fn streamed_reply_arrives_in_order_with_usage_and_the_request_has_the_right_shape() {
    let server = Server::start(vec![streamed(&["Hel", "lo", ", wörld", " 🎉"])]).await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    let resp = result.unwrap();
    assert_eq!(deltas, ["Hel", "lo", ", wörld", " 🎉"]);
    assert_eq!(resp.text, "Hello, wörld 🎉");
    assert_eq!((resp.usage.input, resp.usage.output), (12, 5));
    assert_eq!(resp.stop_reason, Some(StopReason::EndTurn));
    assert_eq!(resp.model, "openai/gpt-test");
    assert!(resp.tool_calls.is_empty());

    let got = server.only();
    assert_eq!(got.path, "/v1/chat/completions");
    assert_eq!(got.headers["authorization"], "Bearer sk-test-123");
    assert_eq!(got.headers["content-type"], "application/json");
    assert_eq!(
        got.body,
        json!({
            "model": "gpt-test",
            "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "user", "content": "hi"},
            ],
            "stream": true,
            "stream_options": {"include_usage": true},
        })
    );
}

#[tokio::test]
async fn non_streamed_reply_passes_the_whole_text_once() {
    let body = json!({
        "id": "chatcmpl-2", "object": "chat.completion", "created": 1, "model": "gpt-test",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello there."},
            "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12},
    });
    let server = Server::start(vec![Reply::json(200, body)]).await;
    let mut req = hi(false);
    req.max_tokens = Some(100);
    req.temperature = Some(0.5);
    let (result, deltas) = chat(&openai(&server), &req).await;
    let resp = result.unwrap();
    assert_eq!(deltas, ["Hello there."]);
    assert_eq!(resp.text, "Hello there.");
    assert_eq!((resp.usage.input, resp.usage.output), (9, 3));
    let body = server.only().body;
    assert_eq!(body["stream"], false);
    assert_eq!(body["max_tokens"], 100);
    assert_eq!(body["temperature"], 0.5);
    assert!(body.get("stream_options").is_none());
}

#[tokio::test]
async fn tool_call_arguments_streamed_in_many_fragments_are_joined_and_parsed() {
    let args = r#"{"path": "notes/ünïcode.md", "limit": 20}"#;
    let mut ev = vec![chunk(
        json!({"role": "assistant", "content": null, "tool_calls": [{"index": 0, "id": "call_abc",
            "type": "function", "function": {"name": "read", "arguments": ""}}]}),
        None,
    )];
    // Two characters per chunk: fragments end in the middle of keys, strings and numbers.
    let chars: Vec<char> = args.chars().collect();
    for piece in chars.chunks(2) {
        let s: String = piece.iter().collect();
        ev.push(chunk(json!({"tool_calls": [{"index": 0, "function": {"arguments": s}}]}), None));
    }
    ev.push(chunk(json!({}), Some("tool_calls")));
    ev.push(usage(30, 15));
    ev.push(DONE.into());
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let mut req = hi(true);
    req.tools = vec![read_tool()];
    let (result, deltas) = chat(&openai(&server), &req).await;
    let resp = result.unwrap();
    assert!(deltas.is_empty());
    assert_eq!(
        resp.tool_calls,
        [ToolCall {
            id: "call_abc".into(),
            name: "read".into(),
            arguments: json!({"path": "notes/ünïcode.md", "limit": 20})
        }]
    );
    assert_eq!(resp.stop_reason, Some(StopReason::ToolUse));
    assert_eq!(
        server.only().body["tools"],
        json!([{"type": "function", "function": {
            "name": "read",
            "description": "Read a file in the workspace.",
            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
        }}])
    );
}

#[tokio::test]
async fn two_parallel_tool_calls_with_interleaved_deltas_keep_their_order() {
    let start = |i: u64, id: &str, name: &str| {
        chunk(
            json!({"tool_calls": [{"index": i, "id": id, "type": "function",
            "function": {"name": name, "arguments": ""}}]}),
            None,
        )
    };
    let arg =
        |i: u64, s: &str| chunk(json!({"tool_calls": [{"index": i, "function": {"arguments": s}}]}), None);
    let ev = vec![
        text("Checking both."),
        start(0, "call_1", "read"),
        arg(0, "{\"path\":"),
        start(1, "call_2", "exec"),
        arg(1, "{\"command\":\"ls"),
        arg(0, "\"a.txt\"}"),
        arg(1, " -l\"}"),
        chunk(json!({}), Some("tool_calls")),
        DONE.into(),
    ];
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    let resp = result.unwrap();
    assert_eq!(deltas, ["Checking both."]);
    assert_eq!(
        resp.tool_calls,
        [
            ToolCall { id: "call_1".into(), name: "read".into(), arguments: json!({"path": "a.txt"}) },
            ToolCall { id: "call_2".into(), name: "exec".into(), arguments: json!({"command": "ls -l"}) },
        ]
    );
}

#[tokio::test]
async fn invalid_tool_arguments_are_kept_as_a_string_not_a_failed_turn() {
    let ev = vec![
        chunk(
            json!({"tool_calls": [{"index": 0, "id": "call_x", "type": "function",
            "function": {"name": "read", "arguments": "{\"path\": \"a"}}]}),
            None,
        ),
        chunk(json!({}), Some("tool_calls")),
        DONE.into(),
    ];
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let resp = chat(&openai(&server), &hi(true)).await.0.unwrap();
    assert_eq!(resp.tool_calls[0].arguments, json!("{\"path\": \"a"));
}

#[tokio::test]
async fn tool_results_round_trip_in_the_request() {
    let server = Server::start(vec![streamed(&["done"])]).await;
    let mut req = hi(true);
    req.messages.push(Message::Assistant {
        content: String::new(),
        tool_calls: vec![ToolCall {
            id: "call_1".into(),
            name: "read".into(),
            arguments: json!({"path": "a.txt"}),
        }],
    });
    req.messages.push(Message::Tool {
        tool_call_id: "call_1".into(),
        name: "read".into(),
        content: "file body".into(),
        is_error: false,
    });
    chat(&openai(&server), &req).await.0.unwrap();
    let body = server.only().body;
    assert_eq!(
        body["messages"][2],
        json!({"role": "assistant", "content": null, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "read", "arguments": "{\"path\":\"a.txt\"}"}}
        ]})
    );
    assert_eq!(
        body["messages"][3],
        json!({"role": "tool", "tool_call_id": "call_1", "content": "file body"})
    );
}

#[tokio::test]
async fn unauthorized_is_not_retried_and_the_error_names_provider_status_and_api_message() {
    let server = Server::start(vec![Reply::json(
        401,
        json!({"error": {"message": "Incorrect API key provided.", "type": "invalid_request_error", "code": "invalid_api_key"}}),
    )])
    .await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    let err = result.unwrap_err();
    assert!(deltas.is_empty());
    assert_eq!(server.received().len(), 1, "a 401 is not retried");
    assert_eq!(err.status(), Some(401));
    let host = server.base.trim_start_matches("http://");
    assert_eq!(err.to_string(), format!("openai/gpt-test at {host}: HTTP 401: Incorrect API key provided."));
    assert!(!format!("{err} {err:?}").contains("sk-test-123"), "the key never shows");
}

/// Some servers repeat the key they were sent; the error, which goes to logs and screens, must not.
#[tokio::test]
async fn a_key_the_server_echoes_in_its_401_body_is_taken_out_of_the_error() {
    let server = Server::start(vec![Reply::json(
        401,
        json!({"error": {"message": "Incorrect API key provided: Bearer sk-test-123."}}),
    )])
    .await;
    let err = chat(&openai(&server), &hi(true)).await.0.unwrap_err();
    assert!(err.to_string().ends_with("HTTP 401: Incorrect API key provided: Bearer ***."), "{err}");
    assert!(!format!("{err} {err:?}").contains("sk-test-123"), "the key never shows");
}

#[tokio::test]
async fn a_local_server_without_key_gets_no_auth_header_and_a_hint_on_401() {
    let server = Server::start(vec![Reply::json(401, json!({"error": "unauthorized"}))]).await;
    let cfg = config(&[("local", "openai", &format!("{}/v1", server.base), None)], "local/llama", &[]);
    let err = chat(&cfg, &hi(true)).await.0.unwrap_err();
    assert!(server.only().headers.get("authorization").is_none());
    assert!(
        err.to_string().ends_with("HTTP 401: unauthorized (hint: models.providers.local.apiKey is not set)"),
        "{err}"
    );
}

#[tokio::test]
async fn rate_limited_with_retry_after_then_success() {
    let server = Server::start(vec![
        Reply::json(429, json!({"error": {"message": "Rate limit reached"}})).header("retry-after", "0"),
        streamed(&["ok"]),
    ])
    .await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    assert_eq!(result.unwrap().text, "ok");
    assert_eq!(deltas, ["ok"]);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn malformed_chunk_is_a_clear_error_with_the_partial_text() {
    let ev = vec![text("Par"), text("tial"), "data: {\"choices\": [oops\n\n".to_owned()];
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    let err = result.unwrap_err();
    assert_eq!(deltas, ["Par", "tial"]);
    assert_eq!(err.partial_text(), "Partial");
    assert!(matches!(err, ProviderError::Stream { kind: StreamFailure::Malformed, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("malformed stream event") && msg.contains("{\"choices\": [oops"), "{msg}");
    assert_eq!(server.received().len(), 1, "text was streamed: no retry");
}

#[tokio::test]
async fn connection_dropped_mid_stream_fails_with_the_partial_text() {
    let ev = vec![text("The answer"), text(" is")];
    let server = Server::start(vec![Reply::sse(&ev).dropped()]).await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    let err = result.unwrap_err();
    assert_eq!(deltas, ["The answer", " is"]);
    assert_eq!(err.partial_text(), "The answer is");
    assert!(matches!(err, ProviderError::Stream { kind: StreamFailure::EndedEarly, .. }), "{err:?}");
    assert!(err.to_string().contains("the stream ended early"), "{err}");
    assert!(err.to_string().ends_with("after 13 characters of text"), "{err}");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn stream_closed_cleanly_without_done_or_finish_is_ended_early() {
    let server = Server::start(vec![Reply::sse(&[text("half")])]).await;
    let err = chat(&openai(&server), &hi(true)).await.0.unwrap_err();
    assert!(err.to_string().contains("the server closed it before the reply was complete"), "{err}");
}

#[tokio::test]
async fn a_stream_that_goes_silent_hits_the_idle_timeout() {
    let server =
        Server::start(vec![Reply::sse(&[text("wait"), text("…")]).gap(std::time::Duration::from_secs(3))])
            .await;
    let err = chat(&openai(&server), &hi(true)).await.0.unwrap_err();
    assert!(err.to_string().contains("no data for 0.5s"), "{err}");
    assert_eq!(err.partial_text(), "wait");
}

#[tokio::test]
async fn error_object_inside_the_stream_is_reported() {
    let ev =
        vec!["data: {\"error\": {\"message\": \"Provider returned error\", \"code\": 400}}\n\n".to_owned()];
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let err = chat(&openai(&server), &hi(true)).await.0.unwrap_err();
    assert!(err.to_string().ends_with("error in stream: Provider returned error"), "{err}");
}

#[tokio::test]
async fn body_chunks_split_mid_line_and_mid_utf8_character_over_http() {
    let mut whole = String::new();
    for w in ["Grüße ", "🎉", " done"] {
        whole.push_str(&text(w));
    }
    whole.push_str(&chunk(json!({}), Some("stop")));
    whole.push_str(DONE);
    let bytes = whole.into_bytes();
    // Cut every 7 bytes: lines, JSON strings and the 4-byte emoji are all split somewhere.
    let pieces: Vec<Vec<u8>> = bytes.chunks(7).map(<[u8]>::to_vec).collect();
    assert!(pieces.iter().any(|p| std::str::from_utf8(p).is_err()), "some cut falls inside a character");
    let server = Server::start(vec![Reply::raw_chunks(pieces)]).await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    assert_eq!(result.unwrap().text, "Grüße 🎉 done");
    assert_eq!(deltas, ["Grüße ", "🎉", " done"]);
}

#[tokio::test]
async fn tool_calls_without_index_are_told_apart_by_id() {
    // Some local servers send each call whole, without `index`, one chunk per call.
    let call = |id: &str, cmd: &str| {
        chunk(
            json!({"tool_calls": [{"id": id, "type": "function",
            "function": {"name": "exec", "arguments": json!({"command": cmd}).to_string()}}]}),
            None,
        )
    };
    let ev = vec![call("c1", "ls"), call("c2", "pwd"), chunk(json!({}), Some("tool_calls")), DONE.into()];
    let server = Server::start(vec![Reply::sse(&ev)]).await;
    let resp = chat(&openai(&server), &hi(true)).await.0.unwrap();
    let got: Vec<(&str, &str, &Value)> =
        resp.tool_calls.iter().map(|c| (c.id.as_str(), c.name.as_str(), &c.arguments)).collect();
    assert_eq!(got, [("c1", "exec", &json!({"command": "ls"})), ("c2", "exec", &json!({"command": "pwd"}))]);
}

#[tokio::test]
async fn https_to_a_plain_http_server_fails_cleanly_through_the_tls_stack() {
    let server = Server::start(vec![]).await;
    let base = server.base.replace("http://", "https://");
    let cfg = config(&[("openai", "openai", &base, Some("k"))], "openai/gpt-test", &[]);
    let err = chat(&cfg, &hi(true)).await.0.unwrap_err();
    assert!(matches!(err, ProviderError::Transport { .. }), "{err:?}");
    let host = base.trim_start_matches("https://");
    assert!(err.to_string().starts_with(&format!("openai/gpt-test at {host}: ")), "{err}");
}

#[tokio::test]
async fn a_key_that_cannot_be_a_header_is_a_config_error() {
    let cfg =
        config(&[("openai", "openai", "http://127.0.0.1:9", Some("sk-abc\ndef"))], "openai/gpt-test", &[]);
    let err = chat(&cfg, &hi(true)).await.0.unwrap_err();
    assert_eq!(
        err.to_string(),
        "models.providers.openai.apiKey contains characters that cannot be sent in an HTTP header (gateway.json5)"
    );
}

#[test]
fn chat_futures_and_errors_can_cross_threads() {
    fn send<T: Send>(_: &T) {}
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<ProviderError>();
    send_sync::<openclaw::provider::Models>();
    let models =
        openclaw::provider::Models::new(&openclaw::config::ModelsConfig::default(), crate::fast()).unwrap();
    let req = hi(true);
    let mut sink = |_: &str| {};
    let fut = models.chat(&req, &mut sink);
    send(&fut);
}

#[tokio::test]
async fn a_server_that_ignores_stream_true_and_answers_json_still_works() {
    let body = json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": "plain"},
        "finish_reason": "stop"}], "usage": {"prompt_tokens": 1, "completion_tokens": 1}});
    let server = Server::start(vec![Reply::json(200, body)]).await;
    let (result, deltas) = chat(&openai(&server), &hi(true)).await;
    assert_eq!(result.unwrap().text, "plain");
    assert_eq!(deltas, ["plain"]);
}

#[tokio::test]
async fn a_200_with_garbage_json_is_a_malformed_reply() {
    let server = Server::start(vec![Reply::json(200, json!({"choices": "nope"}))]).await;
    let err = chat(&openai(&server), &hi(false)).await.0.unwrap_err();
    assert!(matches!(err, ProviderError::Stream { kind: StreamFailure::Malformed, .. }), "{err:?}");
    assert!(err.to_string().contains("malformed reply: invalid type"), "{err}");
    assert_eq!(server.received().len(), 1, "a malformed reply is not retried");
}
