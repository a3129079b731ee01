//! Retry and failover across providers.

use openclaw::provider::ProviderError;
use serde_json::json;

use crate::server::{Reply, Server, dead_base};
use crate::{anthropic, chat, config, hi, openai};

fn error_500() -> Reply {
    Reply::json(500, json!({"error": {"message": "boom"}}))
}

#[tokio::test]
async fn server_errors_on_the_primary_fail_over_to_the_fallback_provider() {
    let primary = Server::start(vec![error_500(), error_500(), error_500()]).await;
    let fallback = Server::start(vec![anthropic::streamed(&["from ", "fallback"])]).await;
    let cfg = config(
        &[
            ("openai", "openai", &format!("{}/v1", primary.base), Some("sk-1")),
            ("anthropic", "anthropic", &fallback.base, Some("sk-2")),
        ],
        "openai/gpt-test",
        &["anthropic/claude-test"],
    );
    let (result, deltas) = chat(&cfg, &hi(true)).await;
    let resp = result.unwrap();
    assert_eq!(primary.received().len(), 3, "the primary got max_tries requests");
    assert_eq!(resp.model, "anthropic/claude-test");
    assert_eq!(resp.text, "from fallback");
    assert_eq!(deltas, ["from ", "fallback"]);
    // The same conversation went to the fallback, in its own format.
    assert_eq!(fallback.only().body["system"], "You are terse.");
}

#[tokio::test]
async fn a_500_then_success_is_retried_on_the_same_model() {
    let server = Server::start(vec![error_500(), openai::streamed(&["second try"])]).await;
    let cfg = config(&[("openai", "openai", &server.base, Some("k"))], "openai/gpt-test", &[]);
    assert_eq!(chat(&cfg, &hi(true)).await.0.unwrap().text, "second try");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn unauthorized_is_not_retried_but_fails_over() {
    let primary = Server::start(vec![Reply::json(401, json!({"error": {"message": "bad key"}}))]).await;
    let fallback = Server::start(vec![openai::streamed(&["ok"])]).await;
    let cfg = config(
        &[("a", "openai", &primary.base, Some("k1")), ("b", "openai", &fallback.base, Some("k2"))],
        "a/m1",
        &["b/m2"],
    );
    let resp = chat(&cfg, &hi(true)).await.0.unwrap();
    assert_eq!(resp.model, "b/m2");
    assert_eq!(primary.received().len(), 1);
}

#[tokio::test]
async fn when_every_model_fails_one_error_lists_each_attempt() {
    let primary = Server::start(vec![error_500(), error_500(), error_500()]).await;
    let dead = dead_base().await;
    let mut cfg = config(
        &[
            ("openai", "openai", &format!("{}/v1", primary.base), Some("sk-1")),
            ("anthropic", "anthropic", &dead, Some("sk-2")),
            ("nokey", "anthropic", &dead, None),
        ],
        "openai/gpt-test",
        &["anthropic/claude-test", "nokey/claude-test", "mistral/large"],
    );
    cfg.providers.get_mut("nokey").unwrap().api_key = None;
    let err = chat(&cfg, &hi(true)).await.0.unwrap_err();
    let ProviderError::AllFailed { attempts } = &err else { panic!("{err:?}") };
    assert_eq!(attempts.len(), 4);
    let p = primary.base.trim_start_matches("http://");
    let d = dead.trim_start_matches("http://");
    let text = err.to_string();
    let expected_start = format!(
        "every model failed: openai/gpt-test at {p}: HTTP 500: boom (3 tries); \
         anthropic/claude-test at {d}: connection failed: "
    );
    assert!(text.starts_with(&expected_start), "{text}");
    // A local Anthropic-compatible server without a key is tried like any other.
    assert!(text.contains(&format!("(3 tries); nokey/claude-test at {d}: connection failed: ")), "{text}");
    assert!(
        text.ends_with(
            "(3 tries); mistral/large: model \"mistral/large\" names provider \"mistral\", which is not in \
             models.providers (configured: openai, anthropic, nokey)"
        ),
        "{text}"
    );
    assert!(!text.contains("sk-1") && !text.contains("sk-2"));
}

#[tokio::test]
async fn no_failover_once_text_was_streamed() {
    let primary = Server::start(vec![Reply::sse(&[openai::text("I was say")]).dropped()]).await;
    let fallback = Server::start(vec![openai::streamed(&["other"])]).await;
    let cfg = config(
        &[("a", "openai", &primary.base, Some("k")), ("b", "openai", &fallback.base, Some("k"))],
        "a/m1",
        &["b/m2"],
    );
    let (result, deltas) = chat(&cfg, &hi(true)).await;
    let err = result.unwrap_err();
    assert_eq!(deltas, ["I was say"]);
    assert_eq!(err.partial_text(), "I was say");
    assert!(fallback.received().is_empty(), "the fallback was not asked");
    assert!(err.to_string().contains("the stream ended early"), "{err}");
}

#[tokio::test]
async fn a_drop_before_any_text_is_retried() {
    let server = Server::start(vec![Reply::sse::<&str>(&[]).dropped(), openai::streamed(&["ok"])]).await;
    let cfg = config(&[("openai", "openai", &server.base, Some("k"))], "openai/gpt-test", &[]);
    assert_eq!(chat(&cfg, &hi(true)).await.0.unwrap().text, "ok");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_long_retry_after_moves_on_to_the_fallback_instead_of_waiting() {
    let primary = Server::start(vec![
        Reply::json(429, json!({"error": {"message": "slow down"}})).header("retry-after", "120"),
    ])
    .await;
    let fallback = Server::start(vec![openai::streamed(&["ok"])]).await;
    let cfg = config(
        &[("a", "openai", &primary.base, Some("k")), ("b", "openai", &fallback.base, Some("k"))],
        "a/m1",
        &["b/m2"],
    );
    let started = std::time::Instant::now();
    assert_eq!(chat(&cfg, &hi(true)).await.0.unwrap().model, "b/m2");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(primary.received().len(), 1);
}

#[tokio::test]
async fn agent_override_is_tried_first() {
    let server = Server::start(vec![openai::streamed(&["ok"])]).await;
    let cfg = config(&[("openai", "openai", &server.base, Some("k"))], "openai/default-model", &[]);
    let models = openclaw::provider::Models::new(&cfg, crate::fast()).unwrap();
    let mut req = hi(true);
    req.model = models.primary(Some("openai/agent-model")).unwrap();
    let resp = models.chat(&req, &mut |_| {}).await.unwrap();
    assert_eq!(resp.model, "openai/agent-model");
    assert_eq!(server.only().body["model"], "agent-model");
}
