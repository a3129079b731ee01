//! A scripted HTTP server on 127.0.0.1 that records what it receives and answers with real
//! status codes, headers and (chunked, optionally broken-off) bodies.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::serve::ListenerExt;
use futures_util::stream;
use serde_json::Value;

/// One scripted answer.
#[derive(Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    chunks: Vec<Vec<u8>>,
    /// Break the connection after the chunks instead of ending the body.
    drop_after: bool,
    /// Pause before each chunk after the first.
    gap: Duration,
}

impl Reply {
    /// A JSON body with `status`.
    pub fn json(status: u16, body: Value) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            chunks: vec![body.to_string().into_bytes()],
            drop_after: false,
            gap: Duration::ZERO,
        }
    }

    /// An SSE body, one chunk per item (each item is sent as written: include `data: …\n\n`).
    pub fn sse<S: AsRef<str>>(events: &[S]) -> Self {
        Reply {
            status: 200,
            headers: vec![("content-type".into(), "text/event-stream".into())],
            chunks: events.iter().map(|e| e.as_ref().as_bytes().to_vec()).collect(),
            drop_after: false,
            gap: Duration::from_millis(1),
        }
    }

    /// Send these exact byte chunks.
    pub fn raw_chunks(chunks: Vec<Vec<u8>>) -> Self {
        Reply { chunks, ..Reply::sse::<&str>(&[]) }
    }

    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }

    /// Cut the connection after the last chunk (no clean end of the chunked body).
    pub fn dropped(mut self) -> Self {
        self.drop_after = true;
        self
    }

    pub fn gap(mut self, gap: Duration) -> Self {
        self.gap = gap;
        self
    }
}

/// What the server received.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Value,
}

#[derive(Clone, Default)]
struct Shared {
    replies: Arc<Mutex<Vec<Reply>>>,
    received: Arc<Mutex<Vec<Received>>>,
}

pub struct Server {
    pub base: String,
    shared: Shared,
}

impl Server {
    /// Start serving `replies` in order; after the last, every request gets a 500.
    pub async fn start(replies: Vec<Reply>) -> Server {
        let shared = Shared::default();
        *shared.replies.lock().unwrap() = replies.into_iter().rev().collect();
        let app = axum::Router::new().fallback(handle).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        // Like a real API server: small SSE writes go out at once, not after a delayed ACK.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { base: format!("http://{addr}"), shared }
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// The only request received (fails the test if there were more or none).
    pub fn only(&self) -> Received {
        let r = self.received();
        assert_eq!(r.len(), 1, "expected exactly one request");
        r.into_iter().next().unwrap()
    }
}

/// A base URL where nothing listens (connection refused).
pub async fn dead_base() -> String {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

async fn handle(State(shared): State<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 16 << 20).await.unwrap_or_default();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    shared.received.lock().unwrap().push(Received {
        path: parts.uri.path().to_owned(),
        headers: parts.headers,
        body,
    });
    let reply = shared.replies.lock().unwrap().pop();
    let reply = reply.unwrap_or_else(|| {
        Reply::json(500, serde_json::json!({"error": {"message": "no more scripted replies"}}))
    });
    let mut builder = Response::builder().status(StatusCode::from_u16(reply.status).unwrap());
    for (k, v) in &reply.headers {
        builder = builder.header(k, v);
    }
    let gap = reply.gap;
    let drop_after = reply.drop_after;
    let items: Vec<Result<Bytes, std::io::Error>> = reply
        .chunks
        .into_iter()
        .map(|c| Ok(Bytes::from(c)))
        .chain(drop_after.then(|| Err(std::io::Error::other("scripted drop"))))
        .collect();
    let body = stream::unfold((items.into_iter(), true), move |(mut it, first)| async move {
        let item = it.next()?;
        if !first && !gap.is_zero() {
            tokio::time::sleep(gap).await;
        }
        Some((item, (it, false)))
    });
    builder.body(Body::from_stream(body)).unwrap()
}
