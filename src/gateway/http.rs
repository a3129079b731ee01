//! The HTTP server loop: accepts connections up to `gateway.maxConnections` and serves each with
//! hyper's HTTP/1 (upgrades included, for the WebSockets), closing a connection that takes more
//! than `gateway.headerTimeoutSeconds` to send a request's headers or sits silent that long
//! between requests. `axum::serve` has neither limit: a thousand half-open connections stayed
//! open as long as their clients liked. What is served is [`super::api::router`]'s business.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use super::log;

/// How the server treats its clients.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a request's headers, and to stay idle between requests.
    pub header_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
}

impl Limits {
    /// The limits of `gateway` (a zero is taken as the smallest useful value).
    pub fn from_config(gateway: &crate::config::GatewayConfig) -> Self {
        Limits {
            header_timeout: Duration::from_secs(gateway.header_timeout_seconds.max(1)),
            max_connections: gateway.max_connections.max(1),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` turns true; then stops accepting, lets each
/// connection finish its request in progress, and returns when all are closed (open event
/// streams end on the same signal).
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    accept(&listener, &app, limits, &slots, shutdown).await;
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
}

async fn accept(
    listener: &TcpListener,
    app: &Router,
    limits: Limits,
    slots: &Arc<Semaphore>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        // A slot first: at the limit, clients wait in the kernel's backlog, not in our memory.
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => return,
            },
            _ = super::stopped(&mut shutdown) => return,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    // Answers go out at once: with Nagle's algorithm, a response written in two
                    // parts waited for the client's delayed ACK (40 ms per `openclaw send`).
                    let _ = stream.set_nodelay(true);
                    stream
                }
                Err(e) => {
                    // Out of file descriptors (EMFILE) and the like pass: wait, then go on.
                    log::warning!("cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = super::stopped(&mut shutdown) => return,
        };
        let service = TowerToHyperService::new(app.clone());
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
            let conn = builder.serve_connection(TokioIo::new(stream), service).with_upgrades();
            tokio::pin!(conn);
            tokio::select! {
                r = conn.as_mut() => {
                    if let Err(e) = r {
                        log::debug!("connection closed: {e}");
                    }
                    return;
                }
                _ = super::stopped(&mut stop) => conn.as_mut().graceful_shutdown(),
            }
            let _ = conn.await;
        });
    }
}
