//! A Chrome DevTools Protocol client over the shared WebSocket client ([`crate::net::ws`]):
//! numbered commands matched to their answers, events fanned out to subscribers, and flat
//! sessions (`sessionId` on each message) for the tabs.
//!
//! One task owns the socket. [`Cdp::call`] sends a command and waits (bounded) for the answer
//! with its id; events go to [`Cdp::subscribe`]rs, except `Fetch.requestPaused`, which goes to the
//! one request guard that must see every one of them (a lagging broadcast would drop a paused
//! request and hang the page).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{broadcast, mpsc, oneshot};

use crate::net::ws::{Frame, Options, Socket};

/// How long a command may take before the call gives up.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// One event from the browser.
#[derive(Debug, Clone)]
pub struct Event {
    /// The flat session it belongs to (`None`: the browser itself).
    pub session: Option<String>,
    /// e.g. `Page.loadEventFired`.
    pub method: String,
    /// Its parameters.
    pub params: Value,
}

type Pending = Arc<Mutex<HashMap<u64, oneshot::Sender<Result<Value, String>>>>>;

/// A connection to one browser.
#[derive(Debug)]
pub struct Cdp {
    out: mpsc::UnboundedSender<String>,
    pending: Pending,
    events: broadcast::Sender<Event>,
    next_id: AtomicU64,
}

impl Cdp {
    /// Connects to the browser's DevTools WebSocket. `paused` receives every
    /// `Fetch.requestPaused` event.
    pub async fn connect(url: &str, paused: mpsc::UnboundedSender<Event>) -> Result<Cdp, String> {
        let options = Options {
            connect_timeout: Duration::from_secs(10),
            // An idle browser says nothing for as long as nobody uses it; the pool closes it.
            idle_timeout: Duration::from_secs(7 * 24 * 3600),
            // Screenshots and PDFs arrive base64-encoded in one message.
            max_message: 256 << 20,
            keepalive: None,
        };
        let socket = Socket::connect(url, options).await.map_err(|e| e.to_string())?;
        let (out, rx) = mpsc::unbounded_channel();
        let pending: Pending = Arc::default();
        let (events, _) = broadcast::channel(4096);
        tokio::spawn(run(socket, rx, pending.clone(), events.clone(), paused));
        Ok(Cdp { out, pending, events, next_id: AtomicU64::new(1) })
    }

    /// Whether the connection is still up.
    pub fn is_open(&self) -> bool {
        !self.out.is_closed()
    }

    /// Events from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Sends `method` (to `session`, or the browser) and waits for its result.
    pub async fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        self.call_within(session, method, params, CALL_TIMEOUT).await
    }

    /// [`Cdp::call`] with its own time limit.
    pub async fn call_within(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        limit: Duration,
    ) -> Result<Value, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = Value::String(s.to_string());
        }
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).insert(id, tx);
        if self.out.send(msg.to_string()).is_err() {
            self.pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            return Err("the browser connection is closed".into());
        }
        match tokio::time::timeout(limit, rx).await {
            Ok(Ok(result)) => result.map_err(|e| format!("{method}: {e}")),
            Ok(Err(_)) => Err("the browser connection closed".into()),
            Err(_) => {
                self.pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
                Err(format!("{method}: no answer from the browser within {}s", limit.as_secs()))
            }
        }
    }

    /// Sends `method` without waiting for the answer (for answers to paused requests, which
    /// must not hold up the guard).
    pub fn send(&self, session: Option<&str>, method: &str, params: Value) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = Value::String(s.to_string());
        }
        let _ = self.out.send(msg.to_string());
    }
}

async fn run(
    mut socket: Socket,
    mut rx: mpsc::UnboundedReceiver<String>,
    pending: Pending,
    events: broadcast::Sender<Event>,
    paused: mpsc::UnboundedSender<Event>,
) {
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(text) => {
                    if socket.send(&text).await.is_err() {
                        break;
                    }
                }
                None => {
                    socket.close(1000, "bye").await;
                    break;
                }
            },
            frame = socket.recv() => match frame {
                Ok(Frame::Text(text)) => dispatch(&text, &pending, &events, &paused),
                Ok(Frame::Binary(_)) => {}
                Ok(Frame::Closed { .. }) | Err(_) => break,
            },
        }
    }
    // Every caller still waiting learns that the browser is gone.
    pending.lock().unwrap_or_else(|e| e.into_inner()).clear();
    rx.close();
}

fn dispatch(
    text: &str,
    pending: &Pending,
    events: &broadcast::Sender<Event>,
    paused: &mpsc::UnboundedSender<Event>,
) {
    let Ok(mut msg) = serde_json::from_str::<Value>(text) else { return };
    if let Some(id) = msg.get("id").and_then(Value::as_u64) {
        let Some(tx) = pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&id) else { return };
        let result = match msg.get_mut("error") {
            Some(err) => Err(err.get("message").and_then(Value::as_str).unwrap_or("error").to_string()),
            None => Ok(msg.get_mut("result").map(Value::take).unwrap_or(Value::Null)),
        };
        let _ = tx.send(result);
        return;
    }
    let Some(method) = msg.get("method").and_then(Value::as_str).map(str::to_string) else { return };
    let event = Event {
        session: msg.get("sessionId").and_then(Value::as_str).map(str::to_string),
        params: msg.get_mut("params").map(Value::take).unwrap_or(Value::Null),
        method,
    };
    if event.method == "Fetch.requestPaused" {
        let _ = paused.send(event);
    } else {
        let _ = events.send(event);
    }
}
