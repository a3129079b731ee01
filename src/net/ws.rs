//! A WebSocket client for long-lived service connections (Discord's gateway, Slack's Socket
//! Mode, node links): `ws://` or `wss://` (rustls, [`super::tls_config`]), a bounded connect, an
//! idle timeout on every read (a socket that says nothing for longer than the service's own
//! keepalive is dead), bounded frame sizes, and an epoch per connection so a caller that keeps
//! several generations apart can tell a stale socket's events from the live one's.
//!
//! Reconnecting is the caller's loop, with [`super::Backoff`]: what to send after a reconnect
//! (RESUME, IDENTIFY, a fresh URL) is the protocol's business, not the socket's.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self, Message};

/// Anything a WebSocket can run over: plain TCP or TLS.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// How one connection behaves.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// TCP + TLS + upgrade, all together.
    pub connect_timeout: Duration,
    /// The longest silence on a read before the socket counts as dead.
    pub idle_timeout: Duration,
    /// The largest message accepted from the server.
    pub max_message: usize,
    /// Send a ping after this long without data, so a half-open connection (no FIN, no data)
    /// is found by the idle timeout even when the server itself sends no pings. `None`: never.
    pub keepalive: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(90),
            max_message: 16 << 20,
            keepalive: None,
        }
    }
}

/// Why a socket failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WsError {
    /// The URL is not `ws://` or `wss://` with a host.
    #[error("{0} is not a ws:// or wss:// URL")]
    Url(String),
    /// Connecting, the TLS handshake or the upgrade failed or took too long.
    #[error("connecting failed: {0}")]
    Connect(String),
    /// Nothing arrived within the idle timeout.
    #[error("no data for {0:?}; the connection is dead")]
    Idle(Duration),
    /// The connection broke (reset, EOF without a close frame, a protocol error).
    #[error("the connection broke: {0}")]
    Broken(String),
}

/// What a read gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A text message.
    Text(String),
    /// A binary message.
    Binary(Vec<u8>),
    /// The server closed the connection, with its code (none when it sent none).
    Closed {
        /// The close code.
        code: Option<u16>,
        /// Its reason.
        reason: String,
    },
}

static EPOCH: AtomicU64 = AtomicU64::new(1);

/// One open connection.
pub struct Socket {
    inner: WebSocketStream<Box<dyn Io>>,
    epoch: u64,
    idle: Duration,
    keepalive: Option<Duration>,
    /// When data (any frame, pings and pongs included) last arrived.
    last_rx: tokio::time::Instant,
    /// A keepalive ping went out since `last_rx`.
    pinged: bool,
}

impl std::fmt::Debug for Socket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Socket").field("epoch", &self.epoch).finish_non_exhaustive()
    }
}

impl Socket {
    /// Opens `url` (whose query may carry protocol parameters such as `?v=10`).
    pub async fn connect(url: &str, options: Options) -> Result<Socket, WsError> {
        tokio::time::timeout(options.connect_timeout, Self::open(url, options))
            .await
            .map_err(|_| WsError::Connect(format!("no answer within {:?}", options.connect_timeout)))?
    }

    async fn open(url: &str, options: Options) -> Result<Socket, WsError> {
        let parsed = reqwest::Url::parse(url).map_err(|_| WsError::Url(url.to_string()))?;
        let tls = match parsed.scheme() {
            "ws" => false,
            "wss" => true,
            _ => return Err(WsError::Url(url.to_string())),
        };
        let host = parsed.host_str().ok_or_else(|| WsError::Url(url.to_string()))?.to_string();
        let port = parsed.port_or_known_default().unwrap_or(if tls { 443 } else { 80 });
        let tcp = tokio::net::TcpStream::connect((host.trim_matches(['[', ']']), port))
            .await
            .map_err(|e| WsError::Connect(format!("{host}:{port}: {e}")))?;
        let _ = tcp.set_nodelay(true);
        let io: Box<dyn Io> = if tls {
            let config = super::tls_config().map_err(WsError::Connect)?;
            let name = rustls::pki_types::ServerName::try_from(host.clone())
                .map_err(|_| WsError::Url(url.to_string()))?;
            let stream = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
                .connect(name, tcp)
                .await
                .map_err(|e| WsError::Connect(format!("TLS with {host}: {e}")))?;
            Box::new(stream)
        } else {
            Box::new(tcp)
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(options.max_message))
            .max_frame_size(Some(options.max_message));
        let (inner, _response) = tokio_tungstenite::client_async_with_config(url, io, Some(config))
            .await
            .map_err(|e| WsError::Connect(describe(&e)))?;
        Ok(Socket {
            inner,
            epoch: EPOCH.fetch_add(1, Ordering::Relaxed),
            idle: options.idle_timeout,
            keepalive: options.keepalive,
            last_rx: tokio::time::Instant::now(),
            pinged: false,
        })
    }

    /// This connection's epoch, unique in the process and rising.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The next message. Pings are answered and skipped; silence longer than the idle timeout
    /// (counted from the last data, so a caller that cancels and repeats `recv` does not reset
    /// it) is [`WsError::Idle`]. With a keepalive, a ping goes out after that much silence.
    pub async fn recv(&mut self) -> Result<Frame, WsError> {
        loop {
            let dead_at = self.last_rx + self.idle;
            let wake = match self.keepalive {
                Some(k) if !self.pinged => (self.last_rx + k).min(dead_at),
                _ => dead_at,
            };
            // Polls the stream before the deadline: data already there is never called idle.
            let next = match tokio::time::timeout_at(wake, self.inner.next()).await {
                Ok(next) => next,
                Err(_) if wake < dead_at => {
                    self.pinged = true;
                    let ping = self.inner.send(Message::Ping(Default::default()));
                    match tokio::time::timeout_at(dead_at, ping).await {
                        Ok(Ok(())) => continue,
                        Ok(Err(e)) => return Err(WsError::Broken(describe(&e))),
                        Err(_) => return Err(WsError::Idle(self.idle)),
                    }
                }
                Err(_) => return Err(WsError::Idle(self.idle)),
            };
            self.last_rx = tokio::time::Instant::now();
            self.pinged = false;
            match next {
                None => return Err(WsError::Broken("the server went away without a close frame".into())),
                Some(Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed)) => {
                    return Ok(Frame::Closed { code: None, reason: String::new() });
                }
                Some(Err(e)) => return Err(WsError::Broken(describe(&e))),
                Some(Ok(Message::Text(t))) => return Ok(Frame::Text(t.as_str().to_string())),
                Some(Ok(Message::Binary(b))) => return Ok(Frame::Binary(b.to_vec())),
                Some(Ok(Message::Close(frame))) => {
                    return Ok(Frame::Closed {
                        code: frame.as_ref().map(|f| u16::from(f.code)),
                        reason: frame.map(|f| f.reason.as_str().to_string()).unwrap_or_default(),
                    });
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
            }
        }
    }

    /// Sends a text message.
    pub async fn send(&mut self, text: &str) -> Result<(), WsError> {
        tokio::time::timeout(self.idle, self.inner.send(Message::text(text)))
            .await
            .map_err(|_| WsError::Idle(self.idle))?
            .map_err(|e| WsError::Broken(describe(&e)))
    }

    /// Closes with `code` (bounded to two seconds; a dead peer does not hold it up).
    pub async fn close(mut self, code: u16, reason: &str) {
        let frame = CloseFrame { code: CloseCode::from(code), reason: reason.to_string().into() };
        let _ = tokio::time::timeout(Duration::from_secs(2), self.inner.close(Some(frame))).await;
    }
}

fn describe(e: &tungstenite::Error) -> String {
    match e {
        tungstenite::Error::Http(response) => format!("the server answered {}", response.status()),
        other => other.to_string(),
    }
}
