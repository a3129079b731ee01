//! Transport pieces shared by providers and channels, so no channel carries its own: the HTTP
//! client, the WebSocket client, and jittered backoff. Nothing here knows a service.

pub mod ws;

use std::time::Duration;

/// The TLS settings of every outgoing connection: rustls with the *ring* provider and the Mozilla
/// root certificates compiled in (webpki-roots).
///
/// Compiled-in roots cost microseconds; loading the system store costs ~16 ms per client, which
/// would be half the budget of a whole `openclaw send`. The price: a private CA added only to the
/// system store is not trusted (put such endpoints behind plain http on localhost instead).
pub fn tls_config() -> Result<rustls::ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The shared HTTP client: [`tls_config`], a connect timeout and a read-idle timeout.
pub fn http_client(connect: Duration, idle: Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .connect_timeout(connect)
        .read_timeout(idle)
        .tcp_nodelay(true)
        .user_agent(concat!("openclaw/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| error_chain(&e))
}

/// The HTTP client channels use: 5 s to connect, long polls of up to an hour.
pub fn channel_client() -> Result<reqwest::Client, String> {
    http_client(Duration::from_secs(5), Duration::from_secs(3600))
}

/// An error and its causes, `: `-separated, without any URL (a URL may hold a token).
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let t = s.to_string();
        if !text.ends_with(&t) {
            text.push_str(": ");
            text.push_str(&t);
        }
        source = s.source();
    }
    text
}

/// Capped exponential backoff with jitter: each wait is a random point in the upper half of the
/// current step, the step doubles up to `max`, and [`Backoff::reset`] starts over after a success.
#[derive(Debug, Clone)]
pub struct Backoff {
    first: Duration,
    max: Duration,
    step: Duration,
    seed: u64,
}

impl Backoff {
    /// Starts at `first`, never waits longer than `max`.
    pub fn new(first: Duration, max: Duration) -> Self {
        let seed = uuid::Uuid::new_v4().as_u64_pair().0 | 1;
        Backoff { first, max, step: first, seed }
    }

    /// The next wait.
    pub fn next_wait(&mut self) -> Duration {
        // xorshift64: jitter needs spread, not cryptography.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        let frac = (self.seed >> 11) as f64 / (1u64 << 53) as f64;
        let wait = self.step.mul_f64(0.5 + frac / 2.0);
        self.step = (self.step * 2).min(self.max);
        wait
    }

    /// Back to the first step (after a success).
    pub fn reset(&mut self) {
        self.step = self.first;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_jittered_doubling_and_capped() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_secs(1));
        let waits: Vec<Duration> = (0..8).map(|_| b.next_wait()).collect();
        assert!(waits[0] >= Duration::from_millis(50) && waits[0] <= Duration::from_millis(100));
        assert!(waits[3] >= Duration::from_millis(400) && waits[3] <= Duration::from_millis(800));
        assert!(waits.iter().all(|w| *w <= Duration::from_secs(1)));
        assert!(waits[7] >= Duration::from_millis(500));
        b.reset();
        assert!(b.next_wait() <= Duration::from_millis(100));
    }
}
