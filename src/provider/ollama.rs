//! Finding a local Ollama by itself: when nothing else is configured (no `models.providers`, no
//! key of a well-known provider in the environment) and the default agent cannot answer, a
//! running Ollama at `OLLAMA_BASE_URL`, `OLLAMA_HOST` or 127.0.0.1:11434 is asked for its models
//! (`GET /api/tags`) and the first one becomes `models.default` for this process.
//!
//! It costs a request, so it runs where a second does not matter: when the gateway starts and
//! in `openclaw onboard`. `send` never probes (it stays under 10 ms); with a gateway running,
//! `send` goes through it and gets the model it found.

use std::time::Duration;

use crate::config::Config;

/// The Ollama server root (`http://host:port`) this environment points at.
pub fn root(env: &dyn Fn(&str) -> Option<String>) -> String {
    let set = |v: &str| env(v).filter(|u| !u.trim().is_empty());
    if let Some(url) = set("OLLAMA_BASE_URL") {
        let url = url.trim().trim_end_matches('/');
        return url.strip_suffix("/v1").unwrap_or(url).to_owned();
    }
    super::ollama_root(&set("OLLAMA_HOST").unwrap_or_else(|| "127.0.0.1:11434".into()))
}

/// Whether `config` leaves the choice to autodetection: no provider configured, no well-known
/// key set, and the default agent's model cannot answer.
pub fn wanted(config: &Config, env: &dyn Fn(&str) -> Option<String>) -> bool {
    let no_keys = super::WELL_KNOWN
        .iter()
        .filter_map(|w| w.key_var)
        .all(|v| env(v).is_none_or(|k| k.trim().is_empty()));
    config.models.providers.is_empty()
        && no_keys
        && !super::readiness::check_agent_with(config, &config.default_agent, env).ready()
}

/// The models a running Ollama at `root` offers, in its order; `None` when nothing answers
/// like Ollama within about a second.
pub async fn models(root: &str) -> Option<Vec<String>> {
    let http = crate::net::http_client(Duration::from_millis(300), Duration::from_secs(1)).ok()?;
    let resp = http.get(format!("{root}/api/tags")).timeout(Duration::from_secs(2)).send().await.ok()?;
    if !resp.status().is_success() {
        return None;
    }
    let v: serde_json::Value = resp.json().await.ok()?;
    let names =
        v.get("models")?.as_array()?.iter().filter_map(|m| m.get("name")?.as_str()).map(str::to_owned);
    Some(names.collect())
}

/// When [`wanted`], asks the local Ollama and sets `models.default` to `ollama/<its first
/// model>`; returns that ref when it did.
pub async fn autodetect(config: &mut Config) -> Option<String> {
    let env = |v: &str| std::env::var(v).ok();
    if !wanted(config, &env) {
        return None;
    }
    let first = models(&root(&env)).await?.into_iter().next()?;
    let model = format!("ollama/{first}");
    config.models.default = Some(model.clone());
    Some(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_follows_ollamas_own_variables() {
        let none = |_: &str| None;
        assert_eq!(root(&none), "http://127.0.0.1:11434");
        assert_eq!(
            root(&|v: &str| (v == "OLLAMA_HOST").then(|| "0.0.0.0:5000".to_string())),
            "http://127.0.0.1:5000"
        );
        assert_eq!(
            root(&|v: &str| (v == "OLLAMA_HOST").then(|| "gpu-box".to_string())),
            "http://gpu-box:11434"
        );
        assert_eq!(
            root(&|v: &str| (v == "OLLAMA_BASE_URL").then(|| "http://127.0.0.1:9/v1/".to_string())),
            "http://127.0.0.1:9"
        );
    }

    #[test]
    fn only_when_nothing_else_is_set_up() {
        let cfg = |t: &str| crate::config::parse_lenient(std::path::Path::new("g.json5"), t).unwrap().config;
        let none = |_: &str| None;
        assert!(wanted(&cfg("{ models: { default: 'openai/gpt-4o-mini' } }"), &none));
        assert!(wanted(&cfg("{}"), &none));
        let key = |v: &str| (v == "ANTHROPIC_API_KEY").then(|| "k".to_string());
        assert!(!wanted(&cfg("{ models: { default: 'openai/gpt-4o-mini' } }"), &key));
        assert!(!wanted(
            &cfg(
                "{ models: { default: 'x/m', providers: { x: { api: 'openai', baseUrl: 'http://127.0.0.1:1/v1' } } } }"
            ),
            &none
        ));
    }
}
