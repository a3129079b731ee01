//! [`ProviderError`]: every way a model call fails, worded so the user knows what to fix.
//!
//! Errors name the provider, the model, the server's host, the HTTP status and the API's own
//! message. They never contain the API key.

use std::fmt;
use std::time::Duration;

/// Which model at which server an error is about: `openai/gpt-4o-mini at api.openai.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Provider name from `models.providers`.
    pub provider: String,
    /// Model name as sent to the API.
    pub model: String,
    /// `host[:port]` of the base URL.
    pub host: String,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} at {}", self.provider, self.model, self.host)
    }
}

/// What went wrong after the response started streaming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFailure {
    /// The connection closed, failed or went idle before the reply was complete.
    EndedEarly,
    /// The server sent something that is not the protocol (bad SSE, bad JSON, bad UTF-8).
    Malformed,
    /// The server sent an error event in the stream.
    Api,
}

/// One model tried by [`super::Models::chat`] and how it failed.
#[derive(Debug)]
pub struct Attempt {
    /// `provider/model` as configured.
    pub model: String,
    /// HTTP requests made for it (retries included).
    pub tries: u32,
    /// The last failure.
    pub error: ProviderError,
}

/// Every way a model call fails.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// Neither the agent nor `models.default` names a model.
    #[error("no model configured: set models.default (or agents.<id>.model) in gateway.json5")]
    NoModel,
    /// A model ref without a `provider/` part.
    #[error("model \"{model}\" must be written provider/model, e.g. openai/gpt-4o-mini")]
    BadModelRef {
        /// The ref as written.
        model: String,
    },
    /// A model ref naming a provider that `models.providers` lacks.
    #[error(
        "model \"{model}\" names provider \"{provider}\", which is not in models.providers (configured: {})",
        list_or_none(configured)
    )]
    UnknownProvider {
        /// The ref as written.
        model: String,
        /// The provider part.
        provider: String,
        /// Provider names that are configured.
        configured: Vec<String>,
    },
    /// `models.providers.<name>.api` is not a protocol we speak.
    #[error(
        "models.providers.{provider}.api is \"{api}\"; expected \"openai\" or \"anthropic\" (gateway.json5)"
    )]
    UnknownApi {
        /// Provider name.
        provider: String,
        /// The value found.
        api: String,
    },
    /// `models.providers.<name>.baseUrl` does not parse.
    #[error("models.providers.{provider}.baseUrl \"{url}\" is not an http(s) URL (gateway.json5)")]
    BadBaseUrl {
        /// Provider name.
        provider: String,
        /// The value found.
        url: String,
    },
    /// The provider needs a key and none is configured.
    #[error("models.providers.{provider}.apiKey is not set (gateway.json5)")]
    MissingKey {
        /// Provider name.
        provider: String,
    },
    /// A well-known provider used by name, without its key in the environment.
    #[error(
        "model \"{model}\" needs an API key for {provider}: set {var} in the gateway's environment, or add models.providers.{provider} with an apiKey to gateway.json5"
    )]
    MissingEnvKey {
        /// The ref as written.
        model: String,
        /// Provider name.
        provider: String,
        /// The environment variable the key is taken from.
        var: String,
    },
    /// The key cannot be sent (control characters, non-ASCII: usually a paste accident).
    #[error(
        "models.providers.{provider}.apiKey contains characters that cannot be sent in an HTTP header (gateway.json5)"
    )]
    BadKey {
        /// Provider name.
        provider: String,
    },
    /// The server answered with a non-success status.
    #[error("{target}: HTTP {status}: {message}{}", key_hint(*.key_missing, &.target.provider))]
    Http {
        /// Where.
        target: Target,
        /// HTTP status code.
        status: u16,
        /// The API's own error message (or the start of the body).
        message: String,
        /// `Retry-After`, when the server sent one in seconds.
        retry_after: Option<Duration>,
        /// No key was configured, which likely explains a 401/403.
        key_missing: bool,
    },
    /// No response arrived: connection refused, DNS, TLS, timeout before the headers.
    #[error("{target}: {detail}")]
    Transport {
        /// Where.
        target: Target,
        /// What happened, e.g. `connection failed: Connection refused (os error 111)`.
        detail: String,
    },
    /// The reply started and then failed. `partial_text` holds the text received so far.
    #[error("{target}: {detail}")]
    Stream {
        /// Where.
        target: Target,
        /// Which kind of failure.
        kind: StreamFailure,
        /// What happened, e.g. `the stream ended early (after 12 bytes of text)`.
        detail: String,
        /// Text deltas received (and passed to `on_text`) before the failure.
        partial_text: String,
        /// Worth another try (an overload or a dropped connection).
        retryable: bool,
    },
    /// The HTTP client could not be built (TLS setup).
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
    /// Every model in the chain failed; one entry per model, in order.
    #[error("every model failed: {}", attempts_text(attempts))]
    AllFailed {
        /// The models tried.
        attempts: Vec<Attempt>,
    },
}

impl ProviderError {
    /// Text the model produced before the failure (already passed to `on_text`); empty if none.
    /// The turn loop records it so the transcript shows what the user saw.
    pub fn partial_text(&self) -> &str {
        match self {
            ProviderError::Stream { partial_text, .. } => partial_text,
            ProviderError::AllFailed { attempts } => attempts.last().map_or("", |a| a.error.partial_text()),
            _ => "",
        }
    }

    /// The HTTP status, when the server answered with an error status.
    pub fn status(&self) -> Option<u16> {
        match self {
            ProviderError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the same request may succeed if sent again: 408, 429, 5xx, transport failures, and
    /// streams that broke off or reported an overload.
    pub fn is_retryable(&self) -> bool {
        match self {
            ProviderError::Http { status, .. } => matches!(status, 408 | 429 | 500..=599),
            ProviderError::Transport { .. } => true,
            ProviderError::Stream { retryable, .. } => *retryable,
            _ => false,
        }
    }

    fn has_target(&self) -> bool {
        matches!(
            self,
            ProviderError::Http { .. } | ProviderError::Transport { .. } | ProviderError::Stream { .. }
        )
    }
}

fn key_hint(missing: bool, provider: &str) -> String {
    if missing { format!(" (hint: models.providers.{provider}.apiKey is not set)") } else { String::new() }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() { "none".to_owned() } else { names.join(", ") }
}

fn attempts_text(attempts: &[Attempt]) -> String {
    let mut out = String::new();
    for (i, a) in attempts.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        if a.error.has_target() {
            out.push_str(&a.error.to_string());
        } else {
            out.push_str(&format!("{}: {}", a.model, a.error));
        }
        if a.tries > 1 {
            out.push_str(&format!(" ({} tries)", a.tries));
        }
    }
    out
}
