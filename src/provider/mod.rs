//! LLM providers: the OpenAI-compatible chat-completions protocol and Anthropic Messages, both
//! streamed over SSE, and [`Models`], which resolves `provider/model` refs against
//! `models` in `gateway.json5`, retries and fails over.
//!
//! This module owns the wire formats, timeouts, retries and failover. It does not own the
//! conversation (the turn loop in `agent` builds [`ChatRequest`]s and records the results),
//! nor the tools (it only carries their schemas and calls). It never prints.
//!
//! ```no_run
//! # async fn demo(cfg: &openclaw::config::ModelsConfig) -> Result<(), openclaw::provider::ProviderError> {
//! use openclaw::provider::{ChatRequest, Message, Models, Options};
//! let models = Models::new(cfg, Options::default())?;
//! let req = ChatRequest {
//!     model: models.primary(None)?,
//!     system: "You are terse.".into(),
//!     messages: vec![Message::user("hi")],
//!     stream: true,
//!     ..Default::default()
//! };
//! let reply = models.chat(&req, &mut |delta| print!("{delta}")).await?;
//! println!("\n[{} in, {} out]", reply.usage.input, reply.usage.output);
//! # Ok(()) }
//! ```

mod anthropic;
mod error;
pub mod ollama;
mod openai;
pub mod readiness;
pub mod recover;
mod router;
pub mod sse;
mod types;
mod window;

use std::fmt;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::config::ProviderConfig;

pub use error::{Attempt, ProviderError, StreamFailure, Target};
pub use router::{Models, Options, RetryPolicy};
pub use types::{
    ChatRequest, ChatResponse, DEFAULT_MAX_TOKENS, Message, StopReason, ToolCall, ToolSpec, Usage,
};
pub use window::ServerKind;

/// The wire protocol a provider speaks (`models.providers.<name>.api`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// OpenAI chat completions; also OpenRouter, Ollama, vLLM, llama.cpp, LM Studio.
    OpenAi,
    /// Anthropic Messages.
    Anthropic,
}

impl Api {
    /// Parse the config spelling.
    pub fn parse(s: &str) -> Option<Api> {
        match s.to_ascii_lowercase().as_str() {
            "openai" | "openai-completions" | "openai-compatible" => Some(Api::OpenAi),
            "anthropic" | "anthropic-messages" => Some(Api::Anthropic),
            _ => None,
        }
    }

    fn default_base_url(self) -> &'static str {
        match self {
            Api::OpenAi => "https://api.openai.com/v1",
            Api::Anthropic => "https://api.anthropic.com",
        }
    }
}

/// Per-request time limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// TCP + TLS connect.
    pub connect: Duration,
    /// Longest silence between two reads (before the headers, and between stream chunks).
    pub idle: Duration,
    /// The whole request, stream included.
    pub overall: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            idle: Duration::from_secs(120),
            overall: Duration::from_secs(600),
        }
    }
}

/// Build the shared HTTP client: rustls with the *ring* provider and the Mozilla root
/// certificates compiled in (webpki-roots).
///
/// Compiled-in roots cost microseconds; loading the system store costs ~16 ms per client, which
/// would be half the budget of a whole `openclaw send`. The price: a private CA added only to the
/// system store is not trusted (put such endpoints behind plain http on localhost instead).
pub fn http_client(timeouts: &Timeouts) -> Result<reqwest::Client, ProviderError> {
    crate::net::http_client(timeouts.connect, timeouts.idle).map_err(ProviderError::Client)
}

/// One configured endpoint: a name, a protocol, a base URL and (maybe) a key.
#[derive(Clone)]
pub struct Provider {
    name: String,
    api: Api,
    base_url: reqwest::Url,
    api_key: Option<String>,
    http: reqwest::Client,
    timeouts: Timeouts,
    local: bool,
    recover_calls: bool,
}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provider")
            .field("name", &self.name)
            .field("api", &self.api)
            .field("base_url", &self.base_url.as_str())
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("local", &self.local)
            .field("recover_calls", &self.recover_calls)
            .finish_non_exhaustive()
    }
}

impl Provider {
    /// Check `models.providers.<name>` and make a provider that shares `http`'s connection pool.
    pub fn new(
        name: &str,
        cfg: &ProviderConfig,
        http: reqwest::Client,
        timeouts: Timeouts,
    ) -> Result<Self, ProviderError> {
        let (api, base_url, api_key) = Self::check(name, cfg)?;
        let local = cfg.local.unwrap_or_else(|| well_known(name).is_some_and(|w| w.key_var.is_none()));
        let recover_calls = cfg.tool_call_recovery.unwrap_or(local);
        Ok(Self { name: name.to_owned(), api, base_url, api_key, http, timeouts, local, recover_calls })
    }

    /// What [`Provider::new`] checks, without a client: the protocol, the base URL and that a
    /// key is there when the endpoint needs one (and can be sent in a header).
    fn check(name: &str, cfg: &ProviderConfig) -> Result<(Api, reqwest::Url, Option<String>), ProviderError> {
        let api = Api::parse(&cfg.api)
            .ok_or_else(|| ProviderError::UnknownApi { provider: name.to_owned(), api: cfg.api.clone() })?;
        let url_text = cfg.base_url.as_deref().unwrap_or(api.default_base_url());
        let bad_url = || ProviderError::BadBaseUrl { provider: name.to_owned(), url: url_text.to_owned() };
        let base_url = reqwest::Url::parse(url_text.trim_end_matches('/')).map_err(|_| bad_url())?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.host_str().is_none() {
            return Err(bad_url());
        }
        let api_key = cfg.api_key.clone().filter(|k| !k.trim().is_empty());
        if api_key.is_none() && needs_key(api, &base_url) {
            return Err(ProviderError::MissingKey { provider: name.to_owned() });
        }
        if let Some(key) = &api_key {
            secret_header(name, key)?;
        }
        Ok((api, base_url, api_key))
    }

    /// Whether this is a model server of the user's own: `local` in the config, else whether
    /// it is a key-less well-known provider (`ollama`, `local`).
    pub fn is_local(&self) -> bool {
        self.local
    }

    /// Whether a reply that is only a tool call written as JSON text is taken as that call.
    pub fn recovers_tool_calls(&self) -> bool {
        self.recover_calls
    }

    /// The provider's name in `models.providers`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The protocol it speaks.
    pub fn api(&self) -> Api {
        self.api
    }

    /// Send one request for `model` (the bare model name, without `provider/`), once: no retry,
    /// no failover (that is [`Models::chat`]). Text deltas go to `on_text` as they arrive; with
    /// `req.stream == false` the whole text goes there once at the end.
    pub async fn chat(
        &self,
        model: &str,
        req: &ChatRequest,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatResponse, ProviderError> {
        let target = self.target(model);
        // A reply that may be a tool call written as text is not shown until it is known not
        // to be one: the user should not see the JSON of a call that then runs.
        let recover = self.recover_calls && !req.tools.is_empty();
        let mut hold = recover::HoldBack::new(recover);
        let mut pass = |t: &str| hold.push(t, on_text);
        let sent = match self.api {
            Api::OpenAi => openai::call(self, &target, model, req, &mut pass).await,
            Api::Anthropic => anthropic::call(self, &target, model, req, &mut pass).await,
        };
        let mut resp = sent.map_err(|e| self.without_key(e))?;
        resp.model = format!("{}/{}", self.name, model);
        let recovered = match recover && resp.tool_calls.is_empty() {
            true => recover::tool_calls(&resp.text, &req.tools),
            false => None,
        };
        match recovered {
            Some(calls) => {
                resp.tool_calls = calls;
                resp.recovered_from = Some(std::mem::take(&mut resp.text));
                resp.stop_reason = Some(StopReason::ToolUse);
            }
            None => hold.release(on_text),
        }
        Ok(resp)
    }

    /// `e` with this provider's key taken out of the server's words: some servers repeat the
    /// key they were sent in their 401 body, and the error goes on to logs and screens.
    fn without_key(&self, mut e: ProviderError) -> ProviderError {
        let Some(key) = &self.api_key else { return e };
        let mut secrets = crate::config::Secrets::default();
        secrets.add(key);
        match &mut e {
            ProviderError::Http { message: text, .. }
            | ProviderError::Transport { detail: text, .. }
            | ProviderError::Stream { detail: text, .. } => *text = secrets.redact(text).into_owned(),
            _ => {}
        }
        e
    }

    fn target(&self, model: &str) -> Target {
        let host = self.base_url.host_str().unwrap_or("?");
        let host = match self.base_url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_owned(),
        };
        Target { provider: self.name.clone(), model: model.to_owned(), host }
    }

    /// `{baseUrl}/{path}` (the base URL keeps its own path, e.g. `/v1`).
    fn endpoint(&self, path: &str) -> reqwest::Url {
        let mut url = self.base_url.clone();
        let joined = format!("{}/{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    /// POST a JSON body; a non-success status becomes [`ProviderError::Http`]. Returns the
    /// response and when the request started (the overall timeout counts from there).
    async fn post(
        &self,
        target: &Target,
        url: reqwest::Url,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> Result<(reqwest::Response, Instant), ProviderError> {
        let started = Instant::now();
        let resp = self
            .http
            .post(url)
            .headers(headers)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .timeout(self.timeouts.overall)
            .body(body)
            .send()
            .await
            .map_err(|e| ProviderError::Transport {
                target: target.clone(),
                detail: self.transport_detail(&e, started),
            })?;
        let status = resp.status();
        if status.is_success() {
            return Ok((resp, started));
        }
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(Duration::from_secs_f64);
        let body = read_capped(resp, 64 * 1024).await;
        Err(ProviderError::Http {
            target: target.clone(),
            status: status.as_u16(),
            message: api_error_message(&body, status),
            retry_after,
            key_missing: self.api_key.is_none() && matches!(status.as_u16(), 401 | 403),
        })
    }

    fn transport_detail(&self, e: &reqwest::Error, started: Instant) -> String {
        if e.is_timeout() {
            if e.is_connect() {
                format!("could not connect within {}s", self.timeouts.connect.as_secs_f32())
            } else if started.elapsed() >= self.timeouts.overall {
                format!("no complete reply within {}s", self.timeouts.overall.as_secs_f32())
            } else {
                format!("no response for {}s", self.timeouts.idle.as_secs_f32())
            }
        } else if e.is_connect() {
            format!("connection failed: {}", root_cause(e))
        } else {
            format!("request failed: {}", root_cause(e))
        }
    }

    /// The reply to a request sent with [`Provider::post`]: an SSE stream read through `S`, or,
    /// when the request did not stream or the server answered with one JSON body anyway, that
    /// body parsed with `parse`.
    async fn reply<S: StreamState + Default>(
        &self,
        target: &Target,
        resp: (reqwest::Response, Instant),
        stream: bool,
        parse: fn(&str) -> Result<ChatResponse, String>,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatResponse, ProviderError> {
        if stream && !is_json(&resp.0) {
            let mut state = S::default();
            self.drive(target, resp, &mut state, on_text).await?;
            Ok(state.finish())
        } else {
            whole_reply(target, resp.0, parse, on_text).await
        }
    }

    /// Read an SSE body into `state` until it reports completion.
    async fn drive<S: StreamState>(
        &self,
        target: &Target,
        (resp, started): (reqwest::Response, Instant),
        state: &mut S,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<(), ProviderError> {
        let mut body = resp.bytes_stream();
        let mut parser = sse::SseParser::new();
        let mut events = Vec::new();
        let fail = |state: &S, kind: StreamFailure, detail: String, retryable: bool| ProviderError::Stream {
            target: target.clone(),
            kind,
            detail,
            partial_text: state.text().to_owned(),
            retryable,
        };
        loop {
            let chunk = match body.next().await {
                Some(Ok(chunk)) => chunk,
                Some(Err(e)) => {
                    if state.finished() {
                        return Ok(()); // the reply was complete; only the tail (usage) is lost
                    }
                    let why = if e.is_timeout() {
                        if started.elapsed() >= self.timeouts.overall {
                            format!("the reply took longer than {}s", self.timeouts.overall.as_secs_f32())
                        } else {
                            format!("no data for {}s", self.timeouts.idle.as_secs_f32())
                        }
                    } else {
                        root_cause(&e)
                    };
                    let detail = format!("the stream ended early ({why}){}", partial_note(state.text()));
                    return Err(fail(state, StreamFailure::EndedEarly, detail, true));
                }
                None => {
                    if state.finished() {
                        return Ok(());
                    }
                    let detail = format!(
                        "the stream ended early (the server closed it before the reply was complete){}",
                        partial_note(state.text())
                    );
                    return Err(fail(state, StreamFailure::EndedEarly, detail, true));
                }
            };
            if let Err(e) = parser.push(&chunk, &mut events) {
                return Err(fail(state, StreamFailure::Malformed, format!("malformed stream: {e}"), false));
            }
            for ev in events.drain(..) {
                match state.on_event(&ev, on_text) {
                    Ok(Flow::Continue) => {}
                    Ok(Flow::Done) => return Ok(()),
                    Err(EventError::Malformed(why)) => {
                        let detail = format!("malformed stream event: {why}: {}", excerpt(&ev.data));
                        return Err(fail(state, StreamFailure::Malformed, detail, false));
                    }
                    Err(EventError::Api { message, retryable }) => {
                        let detail = format!("error in stream: {message}{}", partial_note(state.text()));
                        return Err(fail(state, StreamFailure::Api, detail, retryable));
                    }
                }
            }
        }
    }
}

/// A server that ignores `stream: true` answers with one JSON document; read it as such.
fn is_json(resp: &reqwest::Response) -> bool {
    resp.headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"))
}

/// Read a whole (non-streamed) reply body and parse it with `parse`.
async fn whole_reply(
    target: &Target,
    resp: reqwest::Response,
    parse: fn(&str) -> Result<ChatResponse, String>,
    on_text: &mut (dyn FnMut(&str) + Send),
) -> Result<ChatResponse, ProviderError> {
    let text = resp.text().await.map_err(|e| ProviderError::Stream {
        target: target.clone(),
        kind: StreamFailure::EndedEarly,
        detail: format!("the reply ended early ({})", root_cause(&e)),
        partial_text: String::new(),
        retryable: true,
    })?;
    let resp = parse(&text).map_err(|why| ProviderError::Stream {
        target: target.clone(),
        kind: StreamFailure::Malformed,
        detail: format!("malformed reply: {why}: {}", excerpt(&text)),
        partial_text: String::new(),
        retryable: false,
    })?;
    if !resp.text.is_empty() {
        on_text(&resp.text);
    }
    Ok(resp)
}

/// An auth header value, marked sensitive so it never shows in debug output.
fn secret_header(provider: &str, value: &str) -> Result<HeaderValue, ProviderError> {
    let mut v =
        HeaderValue::from_str(value).map_err(|_| ProviderError::BadKey { provider: provider.to_owned() })?;
    v.set_sensitive(true);
    Ok(v)
}

/// Official endpoints always need a key; a local server (Ollama, llama.cpp) usually does not.
/// Whether a request to `url` is pointless without a key: the hosted APIs. A local server
/// (llama.cpp, Ollama, an Anthropic-compatible proxy) may well take none.
fn needs_key(_api: Api, url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    matches!(host, "api.openai.com" | "openrouter.ai" | "api.anthropic.com")
}

/// A provider that works by name without a `models.providers` entry: its protocol, its API root
/// and the environment variable its key is usually in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WellKnown {
    /// The name used in model refs (`openai/gpt-4o-mini`).
    pub name: &'static str,
    /// `openai` or `anthropic`.
    pub api: &'static str,
    /// API root.
    pub base_url: &'static str,
    /// Where the key comes from; `None`: a local server that takes no key.
    pub key_var: Option<&'static str>,
    /// The variable that moves the API root, as the vendor's own SDK reads it.
    pub base_var: &'static str,
}

/// The providers known by name: the hosted APIs, Ollama on its default port, and `local`, an
/// OpenAI-compatible server on llama.cpp's default port.
pub const WELL_KNOWN: &[WellKnown] = &[
    WellKnown {
        name: "openai",
        api: "openai",
        base_url: "https://api.openai.com/v1",
        key_var: Some("OPENAI_API_KEY"),
        base_var: "OPENAI_BASE_URL",
    },
    WellKnown {
        name: "anthropic",
        api: "anthropic",
        base_url: "https://api.anthropic.com",
        key_var: Some("ANTHROPIC_API_KEY"),
        base_var: "ANTHROPIC_BASE_URL",
    },
    WellKnown {
        name: "openrouter",
        api: "openai",
        base_url: "https://openrouter.ai/api/v1",
        key_var: Some("OPENROUTER_API_KEY"),
        base_var: "OPENROUTER_BASE_URL",
    },
    WellKnown {
        name: "ollama",
        api: "openai",
        base_url: "http://127.0.0.1:11434/v1",
        key_var: None,
        base_var: "OLLAMA_BASE_URL",
    },
    WellKnown {
        name: "local",
        api: "openai",
        base_url: "http://127.0.0.1:8080/v1",
        key_var: None,
        base_var: "OPENCLAW_LOCAL_BASE_URL",
    },
];

/// The well-known provider called `name`.
pub fn well_known(name: &str) -> Option<&'static WellKnown> {
    WELL_KNOWN.iter().find(|w| w.name == name)
}

impl WellKnown {
    /// The API root: from its variable when set, else the usual one.
    pub fn base_url(&self) -> String {
        self.base_url_from(&|v| std::env::var(v).ok())
    }

    /// [`WellKnown::base_url`] with the environment read through `env`. Ollama's root also
    /// follows `OLLAMA_HOST`, the variable Ollama itself reads (`host`, `host:port` or a URL).
    pub fn base_url_from(&self, env: &dyn Fn(&str) -> Option<String>) -> String {
        let set = |v: &str| env(v).filter(|u| !u.trim().is_empty());
        if let Some(url) = set(self.base_var) {
            return url;
        }
        if self.name == "ollama"
            && let Some(host) = set("OLLAMA_HOST")
        {
            return format!("{}/v1", ollama_root(&host));
        }
        self.base_url.to_owned()
    }
}

/// The server root (`http://host:port`, no path) that an `OLLAMA_HOST` value names. Ollama
/// takes `0.0.0.0` to mean "listen everywhere"; a client reaches that on loopback.
pub fn ollama_root(host: &str) -> String {
    let host = host.trim().trim_end_matches('/');
    let (scheme, rest) = match host.split_once("://") {
        Some((s, r)) => (s, r),
        None => ("http", host),
    };
    let rest = rest.strip_prefix("0.0.0.0").map_or_else(|| rest.to_owned(), |r| format!("127.0.0.1{r}"));
    let has_port = rest.rsplit_once(':').is_some_and(|(h, p)| !h.ends_with(':') && p.parse::<u16>().is_ok());
    if has_port { format!("{scheme}://{rest}") } else { format!("{scheme}://{rest}:11434") }
}

/// The key of the well-known provider `name` from its environment variable, if set.
pub fn key_from_env(name: &str) -> Option<String> {
    let var = well_known(name)?.key_var?;
    std::env::var(var).ok().filter(|k| !k.trim().is_empty())
}

/// What a protocol's stream reader does with each SSE event.
trait StreamState {
    fn on_event(
        &mut self,
        ev: &sse::SseEvent,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Flow, EventError>;
    /// Text accumulated so far.
    fn text(&self) -> &str;
    /// The reply is complete even if the terminator never arrives.
    fn finished(&self) -> bool;
    /// The response the events added up to.
    fn finish(self) -> ChatResponse;
}

enum Flow {
    Continue,
    Done,
}

enum EventError {
    Malformed(String),
    Api { message: String, retryable: bool },
}

fn partial_note(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" after {} characters of text", text.chars().count())
    }
}

/// The first 200 characters of `s`, for error messages.
fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(200).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The innermost cause, which is the readable one (`Connection refused (os error 111)`).
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

async fn read_capped(mut resp: reqwest::Response, cap: usize) -> String {
    let mut buf = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        buf.extend_from_slice(&chunk);
        if buf.len() >= cap {
            buf.truncate(cap);
            break;
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// The API's own words from an error body: `{"error":{"message":…}}` (OpenAI, Anthropic),
/// `{"error":"…"}` (Ollama), `{"message":…}`, else the body's start, else the status text.
fn api_error_message(body: &str, status: reqwest::StatusCode) -> String {
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
        let found = v
            .pointer("/error/message")
            .or_else(|| v.get("error").filter(|e| e.is_string()))
            .or_else(|| v.get("message"))
            .or_else(|| v.get("detail"))
            .and_then(|m| m.as_str());
        if let Some(m) = found {
            return m.to_owned();
        }
    }
    let trimmed = body.trim();
    if trimmed.is_empty() {
        status.canonical_reason().unwrap_or("no message").to_owned()
    } else {
        excerpt(&trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}
