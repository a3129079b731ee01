//! Webhooks: channels whose service calls us (WhatsApp Cloud, BlueBubbles) instead of being
//! polled or streamed. The gateway mounts one route, `/hooks/<kind>/<account>`, for every running
//! account whose adapter answers [`super::Channel::webhook`]; the gateway's bearer token does not
//! apply there, the account's own check does (a signature, a shared secret).
//!
//! The order is fixed here, once, for every kind:
//! 1. the adapter checks the request over the **raw** bytes (signature or secret) and answers
//!    401 before anything is parsed when the check fails; nothing is journaled;
//! 2. it reads the messages out of the body;
//! 3. [`handle`] hands every message to the gateway's inbox, which journals it (fsynced) and drops
//!    repeats by message id, and only when all of them are on disk is the 2xx sent. When the
//!    journal cannot take them (a full disk, a gateway shutting down) the answer is 5xx, so a
//!    service that retries (Meta does) delivers them again.
//!
//! No model work happens before the answer: the turn runs after the acknowledgement, like every
//! other channel's.
//!
//! The gateway itself stays on loopback: a reverse proxy or a tunnel in front publishes
//! `https://<public host>/hooks/<kind>/<account>` (see the README).

use std::sync::Mutex;

use ring::hmac;

use super::{ChannelError, InboundMessage, Inbox};

/// One HTTP request to a webhook, as it arrived: nothing parsed but the query and header names.
#[derive(Debug, Clone, Default)]
pub struct HookRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// Query pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// Headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The body, untouched: signatures are computed over these bytes.
    pub body: Vec<u8>,
}

impl HookRequest {
    /// A request from its parts; `query` is the raw query string (without `?`).
    pub fn new(method: &str, query: Option<&str>, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        let query = match query {
            Some(q) if !q.is_empty() => reqwest::Url::parse(&format!("http://h/?{q}"))
                .map(|u| u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let headers = headers.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
        HookRequest { method: method.to_ascii_uppercase(), query, headers, body }
    }

    /// The first value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The first value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// What an adapter makes of a webhook request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    /// The status to answer once the messages are journaled.
    pub status: u16,
    /// The body to answer with (`text/plain`).
    pub body: String,
    /// The messages in the request, in order; empty for a refusal or a handshake.
    pub messages: Vec<InboundMessage>,
    /// Something the gateway log should say (adapters do not log).
    pub note: Option<String>,
}

impl Hook {
    /// A 200 that carries `messages` (journaled before the answer).
    pub fn accept(messages: Vec<InboundMessage>) -> Hook {
        Hook { status: 200, body: "ok\n".into(), messages, note: None }
    }

    /// An answer without messages (a handshake, a refusal).
    pub fn answer(status: u16, body: impl Into<String>) -> Hook {
        Hook { status, body: body.into(), messages: Vec::new(), note: None }
    }

    /// The same, with a line for the gateway log.
    pub fn noting(mut self, note: impl Into<String>) -> Hook {
        self.note = Some(note.into());
        self
    }
}

/// What the gateway answers, after the messages of `hook` went to the journal.
pub async fn handle(inbox: &Inbox, hook: Hook) -> (u16, String) {
    for message in hook.messages {
        let id = message.id.clone();
        match inbox.deliver(message).await {
            Ok(()) => {}
            Err(ChannelError::Closed) => return (503, "the gateway is shutting down; try again\n".into()),
            Err(e) => {
                return (500, format!("message {id} could not be journaled ({e}); try again\n"));
            }
        }
    }
    (hook.status, hook.body)
}

/// Whether `header` (`sha256=<hex>`, as Meta's `X-Hub-Signature-256`) is the HMAC-SHA256 of
/// `body` under `secret`. Checked in constant time (`ring::hmac::verify`); an empty secret never
/// matches, so a missing secret fails closed.
pub fn hmac_sha256_matches(secret: &str, body: &[u8], header: Option<&str>) -> bool {
    let Some(hex) = header.and_then(|h| h.trim().strip_prefix("sha256=")) else { return false };
    let Some(tag) = decode_hex(hex) else { return false };
    if secret.is_empty() {
        return false;
    }
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    hmac::verify(&key, body, &tag).is_ok()
}

/// `sha256=<hex HMAC-SHA256(secret, body)>`, the header a signed webhook carries.
pub fn hmac_sha256_header(secret: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let tag = hmac::sign(&key, body);
    let hex: String = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// Whether `given` equals `expected`, in time that does not depend on where they differ. An
/// empty `expected` never matches.
pub fn secret_matches(given: &str, expected: &str) -> bool {
    // Compared as HMACs under a fresh key: equal length, and no early exit on the first byte
    // that differs.
    let key = hmac::Key::generate(hmac::HMAC_SHA256, &ring::rand::SystemRandom::new());
    let Ok(key) = key else { return false };
    let tag = hmac::sign(&key, expected.as_bytes());
    !expected.is_empty() && hmac::verify(&key, given.as_bytes(), tag.as_ref()).is_ok()
}

/// `text` with each of `secrets` replaced by `<redacted>`. Secrets shorter than 6 characters are
/// left alone: replacing them would mangle every word that holds them and hide nothing.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    secrets.iter().filter(|s| s.len() >= 6).fold(text.to_string(), |t, s| t.replace(s, "<redacted>"))
}

/// Whether a group message addresses the bot by one of `patterns`: each is matched as a whole
/// word (or words), ignoring case; `@name` and `name,` both count.
pub fn mentions(text: &str, patterns: &[String]) -> bool {
    let lower = text.to_lowercase();
    patterns.iter().map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()).any(|p| {
        lower.match_indices(&p).any(|(at, m)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + m.len()..].chars().next();
            let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
            edge(before) && edge(after)
        })
    })
}

/// An account that stops for good (a rejected token or password): the error, kept for health and
/// for every later send, and a wake-up for the account's `run`, which then returns it so the
/// supervisor stops restarting the account.
#[derive(Debug, Default)]
pub struct Stop {
    error: Mutex<Option<String>>,
    notify: tokio::sync::Notify,
}

impl Stop {
    /// Stops the account with `error` (the first error wins).
    pub fn stop(&self, error: &str) {
        let mut e = self.error.lock().unwrap_or_else(|e| e.into_inner());
        if e.is_none() {
            *e = Some(error.to_string());
        }
        drop(e);
        self.notify.notify_one();
    }

    /// The error the account stopped with.
    pub fn error(&self) -> Option<String> {
        self.error.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Resolves once the account is stopped, with its error.
    pub async fn stopped(&self) -> String {
        loop {
            if let Some(e) = self.error() {
                return e;
            }
            self.notify.notified().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_checked_over_the_raw_bytes() {
        let body = br#"{"object":"whatsapp_business_account"}"#;
        let header = hmac_sha256_header("s3cret", body);
        assert!(hmac_sha256_matches("s3cret", body, Some(&header)));
        assert!(!hmac_sha256_matches("other", body, Some(&header)));
        assert!(!hmac_sha256_matches(
            "s3cret",
            b"{ \"object\":\"whatsapp_business_account\"}",
            Some(&header)
        ));
        assert!(!hmac_sha256_matches("s3cret", body, None));
        assert!(!hmac_sha256_matches("s3cret", body, Some("sha256=zz")));
        assert!(!hmac_sha256_matches("s3cret", body, Some(header.trim_start_matches("sha256="))));
        assert!(!hmac_sha256_matches("", body, Some(&hmac_sha256_header("", body))), "fails closed");
        // RFC 4231 test case 2.
        assert_eq!(
            hmac_sha256_header("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn short_secrets_do_not_mangle_messages() {
        assert_eq!(redact("token abcdef123 in /api/v1", &["abcdef123", "p"]), "token <redacted> in /api/v1");
    }

    #[test]
    fn mentions_are_whole_words() {
        let p = vec!["@claw".to_string(), "Jarvis".to_string()];
        assert!(mentions("hey @Claw, are you there", &p));
        assert!(mentions("jarvis: status?", &p));
        assert!(!mentions("jarvisbot status", &p));
        assert!(!mentions("nothing here", &p));
        assert!(!mentions("anything", &[String::new()]));
    }

    #[test]
    fn queries_and_headers_are_read() {
        let r = HookRequest::new(
            "get",
            Some("hub.mode=subscribe&hub.challenge=a%20b"),
            vec![("X-Hub".into(), "1".into())],
            vec![],
        );
        assert_eq!(
            (r.method.as_str(), r.param("hub.challenge"), r.header("x-hub")),
            ("GET", Some("a b"), Some("1"))
        );
    }
}
