//! `openclaw gateway …`: start, stop and inspect the long-running gateway (DESIGN §10), and
//! the client the other commands use to go through a running gateway.

mod install_service;
mod logs;
pub mod start;
mod status;
mod stop;

use std::time::Duration;

use anyhow::Context as _;
use futures_util::StreamExt as _;

pub(crate) use install_service::{quote, write_user_unit};
pub(crate) use start::{exited_at_start, spawn_detached};

use super::{CmdResult, Ctx};
use crate::gateway::process;
use crate::provider::sse::{SseError, SseEvent, SseParser};

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
            let mut events = JsonEvents::default();
            let mut stream = resp.bytes_stream();
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.context("the gateway's stream broke off")?;
                events.push(&chunk, on_event).context("reading the gateway's stream")?;
            }
            Ok(events.last)
        })
    }
}

/// The JSON documents in the `data:` fields of a server-sent event stream, read chunk by chunk.
///
/// Network chunks end anywhere, also inside a multi-byte character, so bytes are split into
/// lines by the SSE parser and only a whole line is decoded; events whose data is not JSON
/// (`[DONE]`) are skipped.
#[derive(Debug, Default)]
struct JsonEvents {
    parser: SseParser,
    scratch: Vec<SseEvent>,
    /// The last document seen.
    last: serde_json::Value,
}

impl JsonEvents {
    /// Feeds one chunk; `on_event` gets every document it completes.
    fn push(&mut self, chunk: &[u8], on_event: &mut dyn FnMut(&serde_json::Value)) -> Result<(), SseError> {
        self.parser.push(chunk, &mut self.scratch)?;
        for event in self.scratch.drain(..) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&event.data) {
                on_event(&v);
                self.last = v;
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    use super::*;

    /// A one-request HTTP server on 127.0.0.1 that answers with `chunks` as separate HTTP/1.1
    /// chunks, pausing between them so the client sees them as separate reads.
    fn serve_chunks(chunks: Vec<Vec<u8>>) -> (String, std::thread::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).expect("request line");
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().expect("length");
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            reader.read_exact(&mut vec![0; length]).expect("body");
            let mut out = stream;
            out.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n",
            )
            .expect("head");
            for chunk in chunks {
                out.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).expect("size");
                out.write_all(&chunk).expect("chunk");
                out.write_all(b"\r\n").expect("crlf");
                out.flush().expect("flush");
                std::thread::sleep(Duration::from_millis(50));
            }
            out.write_all(b"0\r\n\r\n").expect("end");
        });
        (url, server)
    }

    #[test]
    fn events_survive_any_split_point() {
        let stream = "data: {\"type\":\"delta\",\"text\":\"ß → 🎉\"}\r\n\r\n: keep-alive\n\ndata: [DONE]\n\n\
                      data: {\"type\":\"done\",\"reply\":\"é\"}\n\n";
        let bytes = stream.as_bytes();
        for cut in 0..=bytes.len() {
            let mut events = JsonEvents::default();
            let mut seen = Vec::new();
            for piece in [&bytes[..cut], &bytes[cut..]] {
                events.push(piece, &mut |v| seen.push(v.clone())).expect("valid stream");
            }
            assert_eq!(seen.len(), 2, "split at byte {cut}");
            assert_eq!(seen[0]["text"], "ß → 🎉", "split at byte {cut}");
            assert_eq!(events.last, serde_json::json!({"type": "done", "reply": "é"}), "split at byte {cut}");
        }
    }

    #[test]
    fn a_stream_that_is_not_utf8_is_an_error_not_mojibake() {
        let mut events = JsonEvents::default();
        let err = events.push(b"data: {\"text\":\"\xff\"}\n\n", &mut |_| {}).unwrap_err();
        assert_eq!(err.to_string(), "event stream line 1 is not valid UTF-8");
    }

    #[test]
    fn a_character_split_across_network_chunks_arrives_whole() {
        let stream = "data: {\"type\":\"delta\",\"text\":\"héllo 🎉\"}\n\ndata: {\"type\":\"done\"}\n\n";
        let bytes = stream.as_bytes();
        let cut = stream.find('🎉').expect("emoji") + 2; // inside the four bytes of 🎉
        let (url, server) = serve_chunks(vec![bytes[..cut].to_vec(), bytes[cut..].to_vec()]);
        let client = Client {
            url,
            pid: 0,
            token: "t".into(),
            http: process::http_client().expect("http client"),
            rt: tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"),
        };
        let mut text = String::new();
        let last = client
            .post("/api/send", &serde_json::json!({}), &mut |v| {
                text.push_str(v["text"].as_str().unwrap_or_default());
            })
            .expect("post");
        server.join().expect("server");
        assert_eq!(text, "héllo 🎉");
        assert_eq!(last["type"], "done");
    }
}
