//! The three ways to reach an MCP server: a child process speaking newline-delimited JSON-RPC on
//! stdin/stdout (its stderr goes to the [`StderrSink`]), streamable HTTP (POST; the answer comes
//! as JSON or as an event stream; `Mcp-Session-Id` kept; a GET stream for the server's own
//! notifications where it offers one), and the older HTTP+SSE transport (a GET event stream that
//! names a POST endpoint). Each hands every message it receives to [`Peer::dispatch`] and calls
//! [`Peer::close`] with the reason when it ends.

use std::process::Stdio;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin};
use tokio::task::AbortHandle;

use super::client::Peer;
use super::{McpError, ServerSpec, StderrSink};
use crate::provider::sse::{SseEvent, SseParser};

/// Longest message accepted from a server; a runaway one must not make us buffer without bound.
const MAX_MESSAGE: u64 = 32 << 20;
/// The `PATH` a stdio server gets unless its `env` sets one: the same clean one as `exec`.
const CLEAN_PATH: &str = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
/// How long a stdio server gets to exit after its stdin closes, and again after SIGTERM.
const STOP_GRACE: Duration = Duration::from_millis(1500);

/// An open transport; clones share it.
#[derive(Clone)]
pub(crate) struct Transport(Arc<Inner>);

enum Inner {
    Stdio(Stdio_),
    Http(Http),
}

#[allow(non_camel_case_types)]
struct Stdio_ {
    stdin: tokio::sync::Mutex<Option<ChildStdin>>,
    child: tokio::sync::Mutex<Option<Child>>,
    pgid: Option<i32>,
    tasks: Vec<AbortHandle>,
}

struct Http {
    client: reqwest::Client,
    /// Where messages are POSTed (for `sse`, the endpoint the stream named).
    post_url: reqwest::Url,
    /// The server's URL (the GET stream and DELETE go here for streamable HTTP).
    url: reqwest::Url,
    headers: HeaderMap,
    streamable: bool,
    session: Mutex<Option<String>>,
    version: Mutex<Option<String>>,
    peer: Arc<Peer>,
    tasks: Mutex<Vec<AbortHandle>>,
}

impl Drop for Stdio_ {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
        // Whatever happened before, nothing the server started outlives it.
        kill_group(self.pgid, libc::SIGKILL);
    }
}

impl Drop for Http {
    fn drop(&mut self) {
        for t in self.tasks.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            t.abort();
        }
    }
}

fn kill_group(pgid: Option<i32>, signal: i32) {
    if let Some(pgid) = pgid.filter(|p| *p > 1) {
        // SAFETY: signals the process group this transport created for its server.
        unsafe { libc::kill(-pgid, signal) };
    }
}

/// Opens the transport `spec` asks for (not yet initialized).
pub(crate) async fn open(
    spec: &ServerSpec,
    peer: Arc<Peer>,
    stderr: StderrSink,
) -> Result<Transport, McpError> {
    match (&spec.config.command, &spec.config.url) {
        (Some(command), _) => open_stdio(spec, command, peer, stderr),
        (None, Some(url)) => open_http(spec, url, peer).await,
        (None, None) => Err(McpError::Config("neither command nor url is set".into())),
    }
}

fn open_stdio(
    spec: &ServerSpec,
    command: &str,
    peer: Arc<Peer>,
    stderr: StderrSink,
) -> Result<Transport, McpError> {
    let cfg = &spec.config;
    let cwd = match &cfg.cwd {
        Some(dir) => spec.workspace.join(dir),
        None => spec.workspace.clone(),
    };
    if !cwd.is_dir() {
        return Err(McpError::Start(format!("its working directory {} does not exist", cwd.display())));
    }
    let tmp = spec.workspace.join(".tmp");
    let _ = crate::store::create_dir_private(&tmp);
    let mut cmd = tokio::process::Command::new(command);
    cmd.args(&cfg.args)
        .current_dir(&cwd)
        .env_clear()
        .env("PATH", CLEAN_PATH)
        .env("HOME", &spec.workspace)
        .env("TMPDIR", &tmp)
        .env("TERM", "dumb")
        .env("LANG", std::env::var_os("LANG").unwrap_or_else(|| "C.UTF-8".into()));
    if let Some(tz) = std::env::var_os("TZ") {
        cmd.env("TZ", tz);
    }
    cmd.envs(&cfg.env)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    let mut child = cmd.spawn().map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound && !command.contains('/') {
            format!(" (not found on PATH {CLEAN_PATH}; give an absolute path or set env.PATH)")
        } else {
            String::new()
        };
        McpError::Start(format!("cannot start \"{command}\": {e}{hint}"))
    })?;
    let pgid = child.id().map(|p| p as i32);
    let (Some(stdin), Some(stdout), Some(err)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(McpError::Start("its standard streams could not be opened".into()));
    };
    let last_err: Arc<Mutex<String>> = Arc::default();
    let name = spec.name.clone();
    let last = last_err.clone();
    let err_task = tokio::spawn(async move {
        let mut lines = BufReader::new(err).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if !line.trim().is_empty() {
                line.trim().clone_into(&mut last.lock().unwrap_or_else(|e| e.into_inner()));
            }
            stderr(&name, &line);
        }
    });
    let reader_peer = peer.clone();
    let read_task = tokio::spawn(async move {
        let mut reader = BufReader::new(stdout);
        let mut buf = Vec::new();
        let why = loop {
            buf.clear();
            match (&mut reader).take(MAX_MESSAGE).read_until(b'\n', &mut buf).await {
                Ok(0) => break None,
                Ok(_) if !buf.ends_with(b"\n") && buf.len() as u64 >= MAX_MESSAGE => {
                    break Some(format!("the server sent a message longer than {} MiB", MAX_MESSAGE >> 20));
                }
                Ok(_) => {
                    let line = buf.trim_ascii();
                    if line.is_empty() {
                        continue;
                    }
                    match serde_json::from_slice::<Value>(line) {
                        Ok(msg) => reader_peer.dispatch(msg),
                        // Not JSON-RPC: a server printing logs to stdout. Skip the line.
                        Err(_) => continue,
                    }
                }
                Err(e) => break Some(format!("reading its output failed: {e}")),
            }
        };
        // Let stderr catch up so the reason can quote the server's last words.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let last = last_err.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let mut why = why.unwrap_or_else(|| "the server exited".to_string());
        if !last.is_empty() {
            why.push_str(&format!(" (last stderr line: {})", truncate(&last, 300)));
        }
        reader_peer.close(why);
    });
    Ok(Transport(Arc::new(Inner::Stdio(Stdio_ {
        stdin: tokio::sync::Mutex::new(Some(stdin)),
        child: tokio::sync::Mutex::new(Some(child)),
        pgid,
        tasks: vec![err_task.abort_handle(), read_task.abort_handle()],
    }))))
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

async fn open_http(spec: &ServerSpec, url: &str, peer: Arc<Peer>) -> Result<Transport, McpError> {
    let cfg = &spec.config;
    let url = reqwest::Url::parse(url).map_err(|e| McpError::Config(format!("url: {e}")))?;
    let mut headers = HeaderMap::new();
    for (k, v) in &cfg.headers {
        let name = HeaderName::from_bytes(k.as_bytes())
            .map_err(|_| McpError::Config(format!("headers: \"{k}\" is not a valid header name")))?;
        let value = HeaderValue::from_str(v)
            .map_err(|_| McpError::Config(format!("headers.{k}: the value is not a valid header value")))?;
        headers.insert(name, value);
    }
    let connect = Duration::from_millis(cfg.connection_timeout_ms);
    let client = crate::net::http_client(connect, Duration::from_secs(3600)).map_err(McpError::Connect)?;
    let streamable = cfg.transport != Some(crate::config::McpTransport::Sse);
    let post_url =
        if streamable { url.clone() } else { open_sse_stream(&client, &url, &headers, peer.clone()).await? };
    Ok(Transport(Arc::new(Inner::Http(Http {
        client,
        post_url,
        url,
        headers,
        streamable,
        session: Mutex::new(None),
        version: Mutex::new(None),
        peer,
        tasks: Mutex::new(Vec::new()),
    }))))
}

/// The legacy transport: GETs the event stream, waits for its `endpoint` event, then keeps
/// reading it in the background, handing each `message` to the peer.
async fn open_sse_stream(
    client: &reqwest::Client,
    url: &reqwest::Url,
    headers: &HeaderMap,
    peer: Arc<Peer>,
) -> Result<reqwest::Url, McpError> {
    let resp = client
        .get(url.clone())
        .headers(headers.clone())
        .header(ACCEPT, "text/event-stream")
        .send()
        .await
        .map_err(|e| McpError::Connect(crate::net::error_chain(&e.without_url())))?;
    if !resp.status().is_success() {
        return Err(http_error(resp, headers).await);
    }
    let (tx, rx) = tokio::sync::oneshot::channel::<reqwest::Url>();
    let base = url.clone();
    let mut tx = Some(tx);
    let mut body = resp.bytes_stream();
    tokio::spawn(async move {
        let mut parser = SseParser::new();
        let mut events: Vec<SseEvent> = Vec::new();
        let why = loop {
            let Some(chunk) = body.next().await else { break "the event stream ended".to_string() };
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) => {
                    break format!("the event stream failed: {}", crate::net::error_chain(&e.without_url()));
                }
            };
            if let Err(e) = parser.push(&chunk, &mut events) {
                break e.to_string();
            }
            for ev in events.drain(..) {
                if ev.event == "endpoint" {
                    if let (Some(tx), Ok(u)) = (tx.take(), base.join(ev.data.trim())) {
                        let _ = tx.send(u);
                    }
                } else if let Ok(msg) = serde_json::from_str::<Value>(&ev.data) {
                    peer.dispatch(msg);
                }
            }
            if peer.closed_reason().is_some() {
                return;
            }
        };
        peer.close(why);
    });
    rx.await.map_err(|_| McpError::Protocol("the event stream ended before it named its endpoint".into()))
}

/// The status and the start of the body, with the configured header values (tokens) taken out:
/// some servers echo what they were sent.
async fn http_error(resp: reqwest::Response, sent: &HeaderMap) -> McpError {
    let status = resp.status();
    let mut body = resp.text().await.unwrap_or_default().trim().to_string();
    for v in sent.values().filter_map(|v| v.to_str().ok()) {
        for part in std::iter::once(v).chain(v.split_whitespace()).filter(|p| p.len() >= 6) {
            body = body.replace(part, "***");
        }
    }
    let detail = if body.is_empty() { String::new() } else { format!(": {}", truncate(&body, 200)) };
    McpError::Http(format!("HTTP {}{detail}", status.as_u16()))
}

impl Transport {
    /// A handle on the same transport, for answers sent in the background.
    pub(crate) fn sender(&self) -> Transport {
        self.clone()
    }

    /// Writes one message.
    pub(crate) async fn send(&self, msg: Value) -> Result<(), McpError> {
        match &*self.0 {
            Inner::Stdio(s) => {
                let mut line = msg.to_string().into_bytes();
                line.push(b'\n');
                let mut stdin = s.stdin.lock().await;
                let Some(w) = stdin.as_mut() else { return Err(McpError::Closed("stopped".into())) };
                match w.write_all(&line).await {
                    Ok(()) => w
                        .flush()
                        .await
                        .map_err(|e| McpError::Closed(format!("writing to the server failed: {e}"))),
                    Err(e) => Err(McpError::Closed(format!("writing to the server failed: {e}"))),
                }
            }
            // Boxed: one copy of the HTTP request's state machine, not one per caller.
            Inner::Http(h) => Box::pin(h.post(msg)).await,
        }
    }

    /// After `initialize`: streamable HTTP sends the agreed version from now on and opens the
    /// GET stream the server's notifications come on.
    pub(crate) fn after_handshake(&self, version: &str) {
        let Inner::Http(h) = &*self.0 else { return };
        *h.version.lock().unwrap_or_else(|e| e.into_inner()) = Some(version.to_string());
        if h.streamable {
            let weak = Arc::downgrade(&self.0);
            let task = tokio::spawn(listen(weak));
            h.tasks.lock().unwrap_or_else(|e| e.into_inner()).push(task.abort_handle());
        }
    }

    /// Ends it (see [`super::Client::shutdown`]).
    pub(crate) async fn shutdown(&self) {
        match &*self.0 {
            Inner::Stdio(s) => {
                s.stdin.lock().await.take();
                let mut child = s.child.lock().await;
                if let Some(c) = child.as_mut()
                    && tokio::time::timeout(STOP_GRACE, c.wait()).await.is_err()
                {
                    kill_group(s.pgid, libc::SIGTERM);
                    if tokio::time::timeout(STOP_GRACE, c.wait()).await.is_err() {
                        kill_group(s.pgid, libc::SIGKILL);
                        let _ = c.kill().await;
                    }
                }
                // Anything it left behind in its group goes too.
                kill_group(s.pgid, libc::SIGKILL);
                child.take();
            }
            Inner::Http(h) => {
                let session = h.session.lock().unwrap_or_else(|e| e.into_inner()).clone();
                if let (true, Some(id)) = (h.streamable, session) {
                    let _ = h
                        .client
                        .delete(h.url.clone())
                        .headers(h.headers.clone())
                        .header("mcp-session-id", id)
                        .timeout(Duration::from_secs(2))
                        .send()
                        .await;
                }
                for t in h.tasks.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
                    t.abort();
                }
            }
        }
    }
}

impl Http {
    fn request(&self, method: reqwest::Method, url: reqwest::Url) -> reqwest::RequestBuilder {
        let mut req = self.client.request(method, url).headers(self.headers.clone());
        if let Some(id) = self.session.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            req = req.header("mcp-session-id", id);
        }
        if let Some(v) = self.version.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            req = req.header("mcp-protocol-version", v);
        }
        req
    }

    async fn post(&self, msg: Value) -> Result<(), McpError> {
        let resp = self
            .request(reqwest::Method::POST, self.post_url.clone())
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json, text/event-stream")
            .body(msg.to_string())
            .send()
            .await
            .map_err(|e| McpError::Connect(crate::net::error_chain(&e.without_url())))?;
        if let Some(id) = resp.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()) {
            *self.session.lock().unwrap_or_else(|e| e.into_inner()) = Some(id.to_string());
        }
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_FOUND
            && self.session.lock().unwrap_or_else(|e| e.into_inner()).is_some()
        {
            let why = "the server ended the session (HTTP 404)".to_string();
            self.peer.close(why.clone());
            return Err(McpError::Closed(why));
        }
        if !status.is_success() {
            return Err(http_error(resp, &self.headers).await);
        }
        if !self.streamable || status == reqwest::StatusCode::ACCEPTED {
            return Ok(());
        }
        let ctype = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        if ctype.starts_with("text/event-stream") {
            let peer = self.peer.clone();
            let task = tokio::spawn(async move {
                let _ = read_events(resp, &peer).await;
            });
            self.tasks.lock().unwrap_or_else(|e| e.into_inner()).push(task.abort_handle());
        } else if ctype.starts_with("application/json") {
            let bytes = resp
                .bytes()
                .await
                .map_err(|e| McpError::Connect(crate::net::error_chain(&e.without_url())))?;
            if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
                self.peer.dispatch(v);
            }
        }
        Ok(())
    }
}

/// Reads an event stream to its end, handing each message to the peer.
async fn read_events(resp: reqwest::Response, peer: &Peer) -> Result<(), String> {
    let mut body = resp.bytes_stream();
    let mut parser = SseParser::new();
    let mut events = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| crate::net::error_chain(&e.without_url()))?;
        parser.push(&chunk, &mut events).map_err(|e| e.to_string())?;
        for ev in events.drain(..) {
            if let Ok(msg) = serde_json::from_str::<Value>(&ev.data) {
                peer.dispatch(msg);
            }
        }
    }
    Ok(())
}

/// The streamable-HTTP GET stream for the server's own messages (list changes), reopened after
/// it ends while the transport lives; a server that offers none (405) is left alone.
async fn listen(transport: Weak<Inner>) {
    let mut backoff = crate::net::Backoff::new(Duration::from_millis(500), Duration::from_secs(30));
    loop {
        let req = {
            let Some(inner) = transport.upgrade() else { return };
            let Inner::Http(h) = &*inner else { return };
            if h.peer.closed_reason().is_some() {
                return;
            }
            h.request(reqwest::Method::GET, h.url.clone()).header(ACCEPT, "text/event-stream")
        };
        match req.send().await {
            Ok(resp) if resp.status().is_success() => {
                let peer = {
                    let Some(inner) = transport.upgrade() else { return };
                    let Inner::Http(h) = &*inner else { return };
                    h.peer.clone()
                };
                if read_events(resp, &peer).await.is_ok() {
                    backoff.reset();
                }
            }
            Ok(resp) if resp.status() == reqwest::StatusCode::METHOD_NOT_ALLOWED => return,
            Ok(_) | Err(_) => {}
        }
        tokio::time::sleep(backoff.next_wait()).await;
    }
}
