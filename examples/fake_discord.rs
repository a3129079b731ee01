//! A minimal fake Discord on 127.0.0.1, for benchmarks: just enough REST v10 and Gateway v10
//! (JSON text frames) for the Discord adapter to connect and stay connected, with no traffic.
//! `GET /api/v10/gateway/bot` names the gateway, `GET /api/v10/users/@me` the bot; the gateway
//! at `/gateway` says HELLO, answers IDENTIFY with READY, RESUME with RESUMED and every
//! heartbeat with an ACK. Any token is accepted. The tests' fake (`tests/channels/fake_discord.rs`)
//! is the faithful one; this one only keeps a bench's gateway honest about a live connection.
//!
//!     cargo run --release --example fake_discord -- 127.0.0.1:18081
//!     # gateway.json5: channels.discord = { apiBase: "http://127.0.0.1:18081/api/v10",
//!     #                                     accounts: { default: { token: "bench" } } }

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use serde_json::{Value, json};

/// The gateway's own URL, `ws://<addr>/gateway`.
#[derive(Clone)]
struct Gateway(String);

async fn gateway_bot(State(Gateway(url)): State<Gateway>) -> Json<Value> {
    Json(json!({
        "url": url,
        "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
    }))
}

async fn me() -> Json<Value> {
    Json(json!({"id": "1", "username": "bench", "discriminator": "0", "bot": true}))
}

async fn upgrade(ws: WebSocketUpgrade, State(Gateway(url)): State<Gateway>) -> impl IntoResponse {
    ws.on_upgrade(move |socket| session(socket, url))
}

/// One gateway connection: HELLO, then answers until the client goes away.
async fn session(mut socket: WebSocket, url: String) {
    let send = |v: Value| Message::text(v.to_string());
    if socket.send(send(json!({"op": 10, "d": {"heartbeat_interval": 41_250}}))).await.is_err() {
        return;
    }
    let mut seq: u64 = 0;
    while let Some(Ok(msg)) = socket.recv().await {
        let Message::Text(text) = msg else {
            if matches!(msg, Message::Close(_)) {
                break;
            }
            continue;
        };
        let Ok(frame) = serde_json::from_str::<Value>(text.as_str()) else { continue };
        let reply = match frame["op"].as_u64() {
            Some(1) => json!({"op": 11, "d": null}),
            Some(2) => {
                seq += 1;
                json!({"op": 0, "s": seq, "t": "READY", "d": {
                    "v": 10,
                    "user": {"id": "1", "username": "bench", "bot": true},
                    "guilds": [],
                    "session_id": "s1",
                    "resume_gateway_url": url,
                    "application": {"id": "1"},
                }})
            }
            Some(6) => {
                seq = frame["d"]["seq"].as_u64().unwrap_or(seq) + 1;
                json!({"op": 0, "s": seq, "t": "RESUMED", "d": null})
            }
            _ => continue,
        };
        if socket.send(send(reply)).await.is_err() {
            break;
        }
    }
}

fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:18081".into());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        let local = listener.local_addr()?;
        eprintln!("fake Discord on http://{local}/api/v10");
        let app = Router::new()
            .route("/api/v10/gateway/bot", get(gateway_bot))
            .route("/api/v10/users/@me", get(me))
            .route("/gateway", get(upgrade))
            .with_state(Gateway(format!("ws://{local}/gateway")));
        axum::serve(listener, app).await
    })
}
