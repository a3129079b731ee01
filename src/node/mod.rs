//! Nodes (DESIGN §9, issue 17): other machines of the owner — a laptop, a Raspberry Pi, a build
//! box — that dial out to the gateway over a WebSocket and run commands for its agents.
//!
//! This module owns what both ends agree on: the wire protocol ([`ToNode`], [`FromNode`]), the
//! node's Ed25519 identity ([`identity`]), the gateway's record of paired nodes and pending
//! requests ([`pairing`]), and the node process itself ([`host`]). The gateway's side of a live
//! connection lives in `gateway::nodes`, the agents' tool in `tool::nodes`.
//!
//! A connection: the gateway sends a random `challenge`; the node answers `hello` with its name,
//! public key, the capabilities it offers and its signature over [`signed_text`]. A paired key
//! gets `welcome` and from then on `invoke` requests, each answered by a `result` with the same
//! id; an unknown key gets a `pairing` code and waits, holding nothing, until the owner approves
//! it (`welcome`) or rejects it (close code [`CLOSE_REFUSED`]). Either side's silence for longer
//! than [`IDLE`] ends the connection; the node sends `ping` every [`PING_EVERY`].

pub mod host;
pub mod identity;
pub mod pairing;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The path of the node endpoint on the gateway.
pub const ENDPOINT: &str = "/ws/node";
/// The close code of a connection the gateway refuses: rejected, revoked, or a bad signature.
pub const CLOSE_REFUSED: u16 = 4003;
/// The close code when the gateway cannot take another pending request.
pub const CLOSE_BUSY: u16 = 4008;
/// How often the node says it is alive.
pub const PING_EVERY: Duration = Duration::from_secs(25);
/// Silence after which either side drops the connection.
pub const IDLE: Duration = Duration::from_secs(90);
/// `invoke` timeout when none is given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest message either side accepts.
pub const MAX_MESSAGE: usize = 8 << 20;

/// Everything a node can offer, in the order it is listed.
pub const CAPABILITIES: &[&str] = &["system.info", "system.run", "file.read", "file.write", "notify"];

/// A message from the gateway to a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ToNode {
    /// Sign this (hex) to prove the key.
    Challenge {
        /// Random bytes, hex.
        nonce: String,
    },
    /// Not paired yet: the owner approves with this code.
    Pairing {
        /// The one-time code.
        code: String,
    },
    /// Paired: requests follow.
    Welcome {
        /// The name the gateway knows the node by.
        name: String,
    },
    /// Run one command.
    Invoke {
        /// Echoed in the result.
        id: u64,
        /// A capability, e.g. `system.run`.
        command: String,
        /// Its arguments.
        #[serde(default)]
        args: Value,
        /// How long the gateway waits.
        timeout_ms: u64,
    },
    /// The answer to a ping.
    Pong,
}

/// A message from a node to the gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum FromNode {
    /// Who it is, proven by `signature` over [`signed_text`].
    Hello {
        /// The name it asks for.
        name: String,
        /// Ed25519 public key, hex.
        public_key: String,
        /// Signature, hex.
        signature: String,
        /// What it offers.
        capabilities: Vec<String>,
        /// `os/arch`, e.g. `linux/aarch64`.
        #[serde(default)]
        platform: String,
        /// The openclaw version it runs.
        #[serde(default)]
        version: String,
    },
    /// The answer to `invoke` `id`.
    Result {
        /// The request's id.
        id: u64,
        /// False when the node refused or the command failed.
        ok: bool,
        /// Text for the agent.
        content: String,
        /// Structured facts (exit code, duration, …).
        #[serde(default, skip_serializing_if = "Value::is_null")]
        details: Value,
    },
    /// I am alive.
    Ping,
}

/// What a node signs to prove its key: the protocol, the gateway's nonce and its own name and
/// key, so a signature is good for this one connection only.
pub fn signed_text(nonce: &str, name: &str, public_key: &str) -> String {
    format!("openclaw-node-v1\n{nonce}\n{name}\n{public_key}")
}

/// Whether `name` may name a node: `^[a-z0-9][a-z0-9._-]{0,63}$`.
pub fn validate_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.bytes().enumerate().all(|(i, b)| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || (i > 0 && matches!(b, b'.' | b'_' | b'-'))
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\"{name}\" is not a valid node name: use 1-64 lower-case letters, digits, '.', '_' or '-', \
             starting with a letter or digit"
        ))
    }
}

/// A node name made from a host name: lower-cased, other characters as `-`.
pub fn name_from_host(host: &str) -> String {
    let mut name: String = host
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
        .skip_while(|c| !c.is_ascii_alphanumeric())
        .take(64)
        .collect();
    if name.is_empty() {
        name = "node".into();
    }
    name
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hex; `None` when it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// A short, readable fingerprint of a public key (first 16 hex digits of its SHA-256).
pub fn fingerprint(public_key_hex: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, public_key_hex.as_bytes());
    let h = hex(digest.as_ref());
    format!("{}:{}:{}:{}", &h[0..4], &h[4..8], &h[8..12], &h[12..16])
}

/// The node's endpoint for a gateway address the user gave: `ws://host:port` gets
/// [`ENDPOINT`]; an address with a path keeps it (a reverse proxy may map one).
pub fn endpoint_url(given: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(given).map_err(|_| format!("\"{given}\" is not a ws:// or wss:// URL"))?;
    if !matches!(url.scheme(), "ws" | "wss") || url.host_str().is_none() {
        return Err(format!("\"{given}\" is not a ws:// or wss:// URL (e.g. ws://192.168.1.10:18789)"));
    }
    let mut url = url;
    if url.path().is_empty() || url.path() == "/" {
        url.set_path(ENDPOINT);
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hosts() {
        assert!(validate_name("pi").is_ok());
        assert!(validate_name("build-box.2").is_ok());
        for bad in ["", "Pi", "-x", "a b", "../x", &"a".repeat(65)] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(name_from_host("My-Laptop.local"), "my-laptop.local");
        assert_eq!(name_from_host("__weird host"), "weird-host");
        assert_eq!(name_from_host("!!"), "node");
    }

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        assert_eq!(unhex(&hex(&[0, 1, 0xab, 0xff])), Some(vec![0, 1, 0xab, 0xff]));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex("é1"), None);
    }

    #[test]
    fn endpoint_urls() {
        assert_eq!(endpoint_url("ws://10.0.0.2:18789").unwrap(), "ws://10.0.0.2:18789/ws/node");
        assert_eq!(
            endpoint_url("wss://gw.example.com/oc/ws/node").unwrap(),
            "wss://gw.example.com/oc/ws/node"
        );
        assert!(endpoint_url("http://x").is_err());
        assert!(endpoint_url("nonsense").is_err());
    }

    #[test]
    fn protocol_shape() {
        let m = ToNode::Invoke { id: 3, command: "system.info".into(), args: Value::Null, timeout_ms: 5 };
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"type":"invoke","id":3,"command":"system.info","args":null,"timeoutMs":5}"#
        );
        let r: FromNode =
            serde_json::from_str(r#"{"type":"result","id":3,"ok":true,"content":"x"}"#).unwrap();
        assert_eq!(r, FromNode::Result { id: 3, ok: true, content: "x".into(), details: Value::Null });
    }
}
