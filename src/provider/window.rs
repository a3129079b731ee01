//! The context window a local model server reports for a model: llama.cpp's `GET /props`
//! (`default_generation_settings.n_ctx`, the `-c` it was started with) and Ollama's
//! `POST /api/show` (`num_ctx` of the model's `parameters` when set, else `model_info`'s
//! `<arch>.context_length`).
//!
//! Only local providers are asked (a hosted API has neither endpoint), each question at most
//! once per [`super::Models`] for a found answer and once a minute for a missing one.

use std::time::Duration;

use serde_json::Value;

use super::{Api, Provider};

/// How long one question to the server may take: a local server answers in milliseconds, and
/// a turn should not wait long for a figure that has a fallback.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Where a server's window came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    /// llama.cpp's `GET /props`.
    LlamaCpp,
    /// Ollama's `POST /api/show`.
    Ollama,
}

impl ServerKind {
    /// How `/status` names the source.
    pub fn describe(self) -> &'static str {
        match self {
            ServerKind::LlamaCpp => "the server (llama.cpp GET /props)",
            ServerKind::Ollama => "the server (Ollama POST /api/show)",
        }
    }
}

impl Provider {
    /// The context window the server reports for `model`, when the provider is local and the
    /// server is llama.cpp or Ollama; `None` otherwise (or when it does not answer).
    pub async fn server_context_window(&self, model: &str) -> Option<(u64, ServerKind)> {
        if !self.local || self.api != Api::OpenAi {
            return None;
        }
        let root = self.server_root();
        let props = self.http.get(join(&root, "props")).timeout(PROBE_TIMEOUT).send();
        if let Some(n) = json_of(props.await).await.as_ref().and_then(llama_n_ctx) {
            return Some((n, ServerKind::LlamaCpp));
        }
        let show = self
            .http
            .post(join(&root, "api/show"))
            .json(&serde_json::json!({ "model": model }))
            .timeout(PROBE_TIMEOUT)
            .send();
        json_of(show.await).await.as_ref().and_then(ollama_context).map(|n| (n, ServerKind::Ollama))
    }

    /// The server's root: the base URL without its OpenAI-compatible `/v1`.
    fn server_root(&self) -> reqwest::Url {
        let mut url = self.base_url.clone();
        let path = url.path().trim_end_matches('/');
        let root = path.strip_suffix("/v1").unwrap_or(path).to_owned();
        url.set_path(&root);
        url
    }
}

fn join(root: &reqwest::Url, path: &str) -> reqwest::Url {
    let mut url = root.clone();
    url.set_path(&format!("{}/{path}", root.path().trim_end_matches('/')));
    url
}

/// The JSON body of a successful answer.
async fn json_of(resp: Result<reqwest::Response, reqwest::Error>) -> Option<Value> {
    let resp = resp.ok().filter(|r| r.status().is_success())?;
    resp.json::<Value>().await.ok()
}

/// A plausible window: at least 256 tokens (anything smaller is a misreading).
fn window(n: Option<u64>) -> Option<u64> {
    n.filter(|n| *n >= 256)
}

/// llama.cpp: `default_generation_settings.n_ctx` (older servers: a top-level `n_ctx`).
fn llama_n_ctx(props: &Value) -> Option<u64> {
    window(props.pointer("/default_generation_settings/n_ctx").and_then(Value::as_u64))
        .or_else(|| window(props.get("n_ctx").and_then(Value::as_u64)))
}

/// Ollama: `num_ctx` in `parameters` (a text of `key value` lines) when the model sets it,
/// else the largest `*.context_length` of `model_info`.
fn ollama_context(show: &Value) -> Option<u64> {
    let num_ctx = show.get("parameters").and_then(Value::as_str).and_then(|params| {
        params.lines().find_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some("num_ctx")).then(|| words.next()?.parse::<u64>().ok()).flatten()
        })
    });
    window(num_ctx).or_else(|| {
        let info = show.get("model_info")?.as_object()?;
        window(
            info.iter().filter(|(k, _)| k.ends_with(".context_length")).filter_map(|(_, v)| v.as_u64()).max(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn llama_cpp_and_ollama_answers_are_read() {
        assert_eq!(
            llama_n_ctx(&json!({"default_generation_settings": {"n_ctx": 4096}, "total_slots": 1})),
            Some(4096)
        );
        assert_eq!(llama_n_ctx(&json!({"n_ctx": 8192})), Some(8192));
        assert_eq!(llama_n_ctx(&json!({"error": "not found"})), None);
        assert_eq!(llama_n_ctx(&json!({"default_generation_settings": {"n_ctx": 0}})), None);
        let show = json!({"parameters": "stop \"<|im_end|>\"\nnum_ctx 16384",
            "model_info": {"general.architecture": "qwen2", "qwen2.context_length": 32768}});
        assert_eq!(ollama_context(&show), Some(16384));
        let show =
            json!({"parameters": "stop \"<|im_end|>\"", "model_info": {"qwen2.context_length": 32768}});
        assert_eq!(ollama_context(&show), Some(32768));
        assert_eq!(ollama_context(&json!({"model_info": {"general.architecture": "x"}})), None);
        assert_eq!(ollama_context(&json!({"parameters": "num_ctx lots"})), None);
    }
}
