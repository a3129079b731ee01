//! [`Models`]: `provider/model` refs → providers, with retries and failover.
//!
//! For one call the chain is the requested model, then each of `models.fallbacks` (duplicates
//! skipped). Each model gets up to [`RetryPolicy::max_tries`] requests: 429 (after its
//! `Retry-After`), 408, 5xx, connection failures and broken-off streams are retried with
//! exponential backoff and jitter; other failures (401, 400, a missing key …) move straight on to
//! the next model. Failover stops as soon as any text has reached `on_text`: the caller may have
//! printed it and it cannot be taken back, so the error is returned with the partial text instead.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::{ModelsConfig, ProviderConfig};

use super::{Attempt, ChatRequest, ChatResponse, Provider, ProviderError, ServerKind, Timeouts, http_client};

/// How long a server that gave no context window is left alone before it is asked again.
const WINDOW_RETRY: Duration = Duration::from_secs(60);

/// What local servers said about their context windows, by `provider/model`, and when.
type WindowCache = Arc<Mutex<HashMap<String, (Instant, Option<(u64, ServerKind)>)>>>;

/// How often and how patiently to retry one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Requests per model, the first included (1 = no retry).
    pub max_tries: u32,
    /// Delay before the first retry; doubled each time, with jitter.
    pub base_delay: Duration,
    /// Ceiling of the backoff delay.
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out: the next model is tried instead.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_tries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

/// Knobs for [`Models::new`]; the defaults suit real APIs, tests shrink the delays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Time limits per request.
    pub timeouts: Timeouts,
    /// Retry behaviour per model.
    pub retry: RetryPolicy,
}

impl Options {
    /// The options `models.retry` and `models.timeouts` of gateway.json5 ask for.
    pub fn from_config(cfg: &ModelsConfig) -> Self {
        let t = cfg.timeouts;
        let base = Duration::from_millis(cfg.retry.base_delay_ms);
        Options {
            timeouts: Timeouts {
                connect: Duration::from_secs(t.connect_seconds.max(1)),
                idle: Duration::from_secs(t.idle_seconds.max(1)),
                overall: Duration::from_secs(t.request_seconds.max(1)),
            },
            retry: RetryPolicy {
                max_tries: cfg.retry.max_tries.max(1),
                base_delay: base,
                max_delay: (base * 16).max(base),
                ..RetryPolicy::default()
            },
        }
    }
}

/// The configured models: resolves refs and runs calls with retry and failover.
#[derive(Clone)]
pub struct Models {
    config: ModelsConfig,
    http: reqwest::Client,
    options: Options,
    /// Shared by clones: a gateway asks each server once, not once per turn.
    windows: WindowCache,
}

impl fmt::Debug for Models {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the keys: only names and protocols.
        let providers: Vec<(&String, &String)> =
            self.config.providers.iter().map(|(n, p)| (n, &p.api)).collect();
        f.debug_struct("Models")
            .field("default", &self.config.default)
            .field("fallbacks", &self.config.fallbacks)
            .field("providers", &providers)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Models {
    /// Take `models` from the config. Nothing is checked yet: a bad provider only fails the calls
    /// that reach it, so a broken fallback does not stop a working primary.
    pub fn new(config: &ModelsConfig, options: Options) -> Result<Self, ProviderError> {
        Ok(Self {
            config: config.clone(),
            http: http_client(&options.timeouts)?,
            options,
            windows: WindowCache::default(),
        })
    }

    /// The context window a local server reports for `model_ref` (see
    /// [`Provider::server_context_window`]), asked once per `Models` and its clones; a server
    /// that gave none is asked again after a minute. `None` for providers that are not local.
    pub async fn server_context_window(&self, model_ref: &str) -> Option<(u64, ServerKind)> {
        let cached = self.windows.lock().unwrap_or_else(|e| e.into_inner()).get(model_ref).copied();
        if let Some((at, found)) = cached
            && (found.is_some() || at.elapsed() < WINDOW_RETRY)
        {
            return found;
        }
        let (provider, model) = self.resolve(model_ref).ok()?;
        if !provider.is_local() {
            return None;
        }
        let found = provider.server_context_window(model).await;
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(model_ref.to_owned(), (Instant::now(), found));
        found
    }

    /// The model for an agent: its own `model` if set, else `models.default`.
    pub fn primary(&self, agent_model: Option<&str>) -> Result<String, ProviderError> {
        agent_model
            .filter(|m| !m.trim().is_empty())
            .or(self.config.default.as_deref().filter(|m| !m.trim().is_empty()))
            .map(|m| m.trim().to_owned())
            .ok_or(ProviderError::NoModel)
    }

    /// The refs one call tries, in order: `primary`, then the fallbacks not already listed.
    pub fn chain(&self, primary: &str) -> Vec<String> {
        chain(&self.config, primary)
    }

    /// The provider for a `provider/model` ref, and the bare model name to send it.
    pub fn resolve<'r>(&self, model_ref: &'r str) -> Result<(Provider, &'r str), ProviderError> {
        let (name, cfg, model) = settings(&self.config, model_ref, &|v| std::env::var(v).ok())?;
        let provider = Provider::new(name, &cfg, self.http.clone(), self.options.timeouts)?;
        Ok((provider, model))
    }

    /// Run `req` against `req.model` (or [`Self::primary`]`(None)` when empty), retrying and
    /// failing over as the module doc describes. Text deltas go to `on_text` as they arrive.
    ///
    /// With a single model in the chain its own error is returned; with several,
    /// [`ProviderError::AllFailed`] lists every attempt.
    pub async fn chat(
        &self,
        req: &ChatRequest,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatResponse, ProviderError> {
        let primary = if req.model.trim().is_empty() { self.primary(None)? } else { req.model.clone() };
        let chain = self.chain(&primary);
        let mut attempts = Vec::new();
        for model_ref in &chain {
            let (result, tries, emitted) = self.try_model(model_ref, req, on_text).await;
            match result {
                Ok(resp) => return Ok(resp),
                Err(error) => {
                    attempts.push(Attempt { model: model_ref.clone(), tries, error });
                    if emitted {
                        break;
                    }
                }
            }
        }
        if attempts.len() == 1
            && let Some(a) = attempts.pop()
        {
            return Err(a.error);
        }
        Err(ProviderError::AllFailed { attempts })
    }

    /// All tries of one model: (outcome, requests made, whether text reached the caller).
    async fn try_model(
        &self,
        model_ref: &str,
        req: &ChatRequest,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> (Result<ChatResponse, ProviderError>, u32, bool) {
        let (provider, model) = match self.resolve(model_ref) {
            Ok(found) => found,
            Err(e) => return (Err(e), 0, false),
        };
        let policy = self.options.retry;
        let mut tries = 0;
        loop {
            tries += 1;
            let mut emitted = false;
            let result = {
                let mut track = |delta: &str| {
                    emitted = true;
                    on_text(delta);
                };
                provider.chat(model, req, &mut track).await
            };
            let error = match result {
                Ok(resp) => return (Ok(resp), tries, emitted),
                Err(e) => e,
            };
            if emitted || !error.is_retryable() || tries >= policy.max_tries.max(1) {
                return (Err(error), tries, emitted);
            }
            let delay = match &error {
                ProviderError::Http { retry_after: Some(after), .. } => {
                    if *after > policy.max_retry_after {
                        return (Err(error), tries, false);
                    }
                    *after
                }
                _ => backoff(&policy, tries),
            };
            tokio::time::sleep(delay).await;
        }
    }
}

/// `primary`, then each of `models.fallbacks` not already listed.
pub(super) fn chain(config: &ModelsConfig, primary: &str) -> Vec<String> {
    let mut out = vec![primary.to_owned()];
    for f in &config.fallbacks {
        let f = f.trim();
        if !f.is_empty() && !out.iter().any(|m| m == f) {
            out.push(f.to_owned());
        }
    }
    out
}

/// What a `provider/model` ref stands for before any client exists: the provider's name, its
/// settings (a configured entry, or a well-known provider's, with the key taken from its usual
/// variable through `env` when the entry has none) and the bare model name. Shared by
/// [`Models::resolve`] and the readiness check, so both say the same about a ref.
pub(super) fn settings<'c, 'r>(
    config: &'c ModelsConfig,
    model_ref: &'r str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(&'r str, Cow<'c, ProviderConfig>, &'r str), ProviderError> {
    let (name, model) = model_ref
        .split_once('/')
        .filter(|(p, m)| !p.is_empty() && !m.is_empty())
        .ok_or_else(|| ProviderError::BadModelRef { model: model_ref.to_owned() })?;
    let key_from_env = || {
        let var = super::well_known(name)?.key_var?;
        env(var).filter(|k| !k.trim().is_empty())
    };
    let cfg = match config.providers.get(name) {
        // A configured provider without a key takes it from the usual variable, if it has one.
        Some(cfg) if cfg.api_key.as_deref().is_none_or(|k| k.trim().is_empty()) => {
            let mut cfg = cfg.clone();
            cfg.api_key = key_from_env();
            Cow::Owned(cfg)
        }
        Some(cfg) => Cow::Borrowed(cfg),
        None => {
            let known = super::well_known(name).ok_or_else(|| ProviderError::UnknownProvider {
                model: model_ref.to_owned(),
                provider: name.to_owned(),
                configured: config.providers.keys().cloned().collect(),
            })?;
            let api_key = key_from_env();
            if let (None, Some(var)) = (&api_key, known.key_var) {
                return Err(ProviderError::MissingEnvKey {
                    model: model_ref.to_owned(),
                    provider: name.to_owned(),
                    var: var.to_owned(),
                });
            }
            Cow::Owned(ProviderConfig {
                api: known.api.to_owned(),
                base_url: Some(known.base_url_from(env)),
                api_key,
                ..Default::default()
            })
        }
    };
    Ok((name, cfg, model))
}

/// `base * 2^(n-1)`, capped, then scaled by a random factor in [0.5, 1] so that many clients
/// hitting the same limit do not retry in lockstep.
fn backoff(policy: &RetryPolicy, tries: u32) -> Duration {
    let exp = policy.base_delay.saturating_mul(1u32 << (tries - 1).min(16));
    let capped = exp.min(policy.max_delay);
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    let factor = 0.5 + (random % 1000) as f64 / 2000.0;
    capped.mul_f64(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models() -> Models {
        let mut cfg = ModelsConfig {
            default: Some("openai/gpt-4o-mini".into()),
            fallbacks: vec!["anthropic/claude-x".into(), "openai/gpt-4o-mini".into()],
            ..Default::default()
        };
        cfg.providers.insert(
            "openai".into(),
            ProviderConfig { api: "openai".into(), api_key: Some("sk-SECRET".into()), ..Default::default() },
        );
        cfg.providers
            .insert("anthropic".into(), ProviderConfig { api: "anthropic".into(), ..Default::default() });
        Models::new(&cfg, Options::default()).unwrap()
    }

    #[test]
    fn agent_model_overrides_default_and_chain_skips_duplicates() {
        let m = models();
        assert_eq!(m.primary(None).unwrap(), "openai/gpt-4o-mini");
        assert_eq!(m.primary(Some("anthropic/claude-y")).unwrap(), "anthropic/claude-y");
        assert_eq!(m.chain("openai/gpt-4o-mini"), ["openai/gpt-4o-mini", "anthropic/claude-x"]);
    }

    #[test]
    fn resolve_errors_say_what_to_fix() {
        let m = models();
        let e = m.resolve("gpt-4o").unwrap_err();
        assert_eq!(e.to_string(), "model \"gpt-4o\" must be written provider/model, e.g. openai/gpt-4o-mini");
        let e = m.resolve("mistral/large").unwrap_err();
        assert_eq!(
            e.to_string(),
            "model \"mistral/large\" names provider \"mistral\", which is not in models.providers (configured: openai, anthropic)"
        );
        let e = m.resolve("anthropic/claude-x").unwrap_err();
        assert_eq!(e.to_string(), "models.providers.anthropic.apiKey is not set (gateway.json5)");
        // A model name may itself contain slashes (OpenRouter: openrouter/meta-llama/llama-3).
        let (p, model) = m.resolve("openai/org/model").unwrap();
        assert_eq!((p.name(), model), ("openai", "org/model"));
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let m = models();
        let (p, _) = m.resolve("openai/gpt-4o-mini").unwrap();
        let text = format!("{m:?} {p:?} {:?}", m.config);
        assert!(!text.contains("sk-SECRET"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }

    #[test]
    fn backoff_doubles_within_jitter_and_is_capped() {
        let p = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            ..Default::default()
        };
        for _ in 0..50 {
            let d1 = backoff(&p, 1);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100), "{d1:?}");
            let d2 = backoff(&p, 2);
            assert!(d2 >= Duration::from_millis(100) && d2 <= Duration::from_millis(200), "{d2:?}");
            let d9 = backoff(&p, 9);
            assert!(d9 >= Duration::from_millis(150) && d9 <= Duration::from_millis(300), "{d9:?}");
        }
    }
}
