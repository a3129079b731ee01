//! `openclaw gateway …`: start, stop and inspect the long-running gateway (DESIGN §10), and
//! the client the other commands use to go through a running gateway.

mod install_service;
mod logs;
mod start;
mod status;
mod stop;

use std::time::Duration;

use anyhow::Context as _;
use futures_util::StreamExt as _;

use super::{CmdResult, Ctx};
use crate::gateway::process;

/// Start, stop and inspect the gateway
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Start(start::Args),
    Stop(stop::Args),
    Status(status::Args),
    Logs(logs::Args),
    InstallService(install_service::Args),
}

/// Runs one gateway command.
pub fn run(ctx: &Ctx, cmd: Command) -> CmdResult {
    match cmd {
        Command::Start(args) => start::cmd_start(ctx, &args),
        Command::Stop(args) => stop::cmd_stop(ctx, &args),
        Command::Status(args) => status::cmd_status(ctx, &args),
        Command::Logs(args) => logs::cmd_logs(ctx, &args),
        Command::InstallService(args) => install_service::cmd_install_service(ctx, &args),
    }
}

/// Whether a gateway holds this home's lock (a live process; a crashed one releases it).
pub fn lock_held(ctx: &Ctx) -> bool {
    let path = ctx.home.gateway_dir().join("gateway");
    if !ctx.home.gateway_dir().is_dir() {
        return false;
    }
    matches!(crate::store::FileLock::try_exclusive(&path), Ok(None))
}

/// A running gateway on this home, reached over its control API.
pub struct Client {
    /// Its base URL.
    pub url: String,
    /// Its pid.
    pub pid: u32,
    token: String,
    http: reqwest::Client,
    /// A runtime for the requests.
    pub rt: tokio::runtime::Runtime,
}

impl Client {
    /// The gateway running on this home, if its lock is held and `/healthz` answers.
    pub fn find(ctx: &Ctx, config: &crate::config::Config) -> Option<Client> {
        if !lock_held(ctx) {
            return None;
        }
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
        let http = process::http_client()?;
        let running = rt.block_on(process::find(&ctx.home, &http))?;
        let token = process::client_token(&ctx.home, config)?;
        Some(Client { url: running.info.url, pid: running.info.pid, token, http, rt })
    }

    /// GET `path`, as JSON.
    pub fn get(&self, path: &str) -> anyhow::Result<serde_json::Value> {
        self.rt.block_on(async {
            let resp = self
                .http
                .get(format!("{}{path}", self.url))
                .bearer_auth(&self.token)
                .timeout(Duration::from_secs(10))
                .send()
                .await
                .with_context(|| format!("the gateway at {} did not answer", self.url))?;
            json_of(resp).await
        })
    }

    /// POST `body` to `path`; `on_event` gets each server-sent event's data when the answer is
    /// a stream, and the final JSON document is returned.
    pub fn post(
        &self,
        path: &str,
        body: &serde_json::Value,
        on_event: &mut dyn FnMut(&serde_json::Value),
    ) -> anyhow::Result<serde_json::Value> {
        self.rt.block_on(async {
            let resp = self
                .http
                .post(format!("{}{path}", self.url))
                .bearer_auth(&self.token)
                .header("content-type", "application/json")
                .body(body.to_string())
                .send()
                .await
                .with_context(|| format!("the gateway at {} did not answer", self.url))?;
            let sse = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/event-stream"));
            if !sse {
                return json_of(resp).await;
            }
            let mut buf = String::new();
            let mut last = serde_json::Value::Null;
            let mut stream = resp.bytes_stream();
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.context("the gateway's stream broke off")?;
                buf.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buf.find("\n\n") {
                    let event: String = buf.drain(..end + 2).collect();
                    for data in event.lines().filter_map(|l| l.strip_prefix("data: ")) {
                        if let Ok(v) = serde_json::from_str::<serde_json::Value>(data) {
                            on_event(&v);
                            last = v;
                        }
                    }
                }
            }
            Ok(last)
        })
    }
}

async fn json_of(resp: reqwest::Response) -> anyhow::Result<serde_json::Value> {
    let status = resp.status();
    let text = resp.text().await.context("reading the gateway's answer")?;
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    if !status.is_success() {
        let msg =
            v.get("error").and_then(|e| e.as_str()).map(str::to_string).unwrap_or_else(|| v.to_string());
        anyhow::bail!("{msg}");
    }
    Ok(v)
}
