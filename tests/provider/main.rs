//! Provider tests against real HTTP servers on 127.0.0.1 that speak the OpenAI and Anthropic
//! wire formats (streaming included). Nothing of ours is mocked: requests go through reqwest,
//! replies through our SSE parser.

mod anthropic;
mod bench;
#[path = "../channels/botapi.rs"]
#[allow(dead_code)]
mod botapi;
#[path = "../channels/fake_discord.rs"]
#[allow(dead_code)]
mod fake_discord;
mod openai;
mod router;
mod server;
mod turn;

use std::future::Future;
use std::time::Duration;

use openclaw::config::{ModelsConfig, ProviderConfig};
use openclaw::provider::{ChatRequest, ChatResponse, Models, Options, ProviderError, RetryPolicy, Timeouts};

/// Fast retries and short timeouts so failure paths take milliseconds.
pub fn fast() -> Options {
    Options {
        timeouts: Timeouts {
            connect: Duration::from_secs(2),
            idle: Duration::from_millis(500),
            overall: Duration::from_secs(5),
        },
        retry: RetryPolicy {
            max_tries: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_retry_after: Duration::from_secs(1),
        },
    }
}

/// `models` with the given providers `(name, api, baseUrl, apiKey)`, default and fallbacks.
pub fn config(
    providers: &[(&str, &str, &str, Option<&str>)],
    default: &str,
    fallbacks: &[&str],
) -> ModelsConfig {
    let mut cfg = ModelsConfig {
        default: Some(default.into()),
        fallbacks: fallbacks.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    for (name, api, base, key) in providers {
        cfg.providers.insert(
            name.to_string(),
            ProviderConfig {
                api: api.to_string(),
                base_url: Some(base.to_string()),
                api_key: key.map(str::to_owned),
                ..Default::default()
            },
        );
    }
    cfg
}

/// Run a chat through `Models`, bounded in time, collecting the deltas passed to `on_text`.
pub async fn chat(
    cfg: &ModelsConfig,
    req: &ChatRequest,
) -> (Result<ChatResponse, ProviderError>, Vec<String>) {
    let models = Models::new(cfg, fast()).unwrap();
    let mut deltas = Vec::new();
    let result = bounded(models.chat(req, &mut |d| deltas.push(d.to_owned()))).await;
    (result, deltas)
}

pub async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), f).await.expect("test took longer than 20s")
}

pub fn hi(stream: bool) -> ChatRequest {
    ChatRequest {
        system: "You are terse.".into(),
        messages: vec![openclaw::provider::Message::user("hi")],
        stream,
        ..Default::default()
    }
}
