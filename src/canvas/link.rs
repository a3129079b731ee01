//! Read-only canvas links: `/canvas/<id>?agent=<agent>&exp=<unix seconds>&sig=<HMAC>`.
//!
//! A link opens one canvas, read-only, until `exp`; it is not the gateway token and grants
//! nothing else. The HMAC-SHA256 covers the agent, the id and the expiry, keyed with
//! `gateway/canvas.key` (32 random bytes, 0600, made on first use): deleting that file revokes
//! every link handed out.

use ring::hmac;

use crate::home::Home;
use crate::store::{self, FileLock, IoError};

/// The key canvas links are signed with.
pub struct LinkKey(hmac::Key);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(…)")
    }
}

/// Why a link is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Its time is up.
    #[error("this canvas link has expired; ask the agent for a new one")]
    Expired,
    /// The signature does not match (altered, forged, or signed with a key since deleted).
    #[error("this canvas link is not valid")]
    Forged,
}

/// The home's link key, made (under a lock, 0600) when there is none yet.
pub fn key(home: &Home) -> Result<LinkKey, IoError> {
    let path = home.canvas_key_path();
    let read = |p: &std::path::Path| -> Result<Option<Vec<u8>>, IoError> {
        Ok(store::read_state_file(p, store::CAP_SMALL)?.and_then(|b| decode_hex(b.trim_ascii())))
    };
    if let Some(k) = read(&path)?.filter(|k| k.len() >= 32) {
        return Ok(LinkKey(hmac::Key::new(hmac::HMAC_SHA256, &k)));
    }
    store::create_dir_private(&home.gateway_dir())?;
    let _lock = FileLock::exclusive(&path)?;
    if let Some(k) = read(&path)?.filter(|k| k.len() >= 32) {
        return Ok(LinkKey(hmac::Key::new(hmac::HMAC_SHA256, &k)));
    }
    let mut k = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut k)
        .map_err(|_| IoError::at("generating a key for", &path)(std::io::Error::other("no randomness")))?;
    let hex: String = k.iter().map(|b| format!("{b:02x}")).collect();
    store::write_atomic(&path, format!("{hex}\n").as_bytes(), store::PRIVATE_FILE)?;
    Ok(LinkKey(hmac::Key::new(hmac::HMAC_SHA256, &k)))
}

fn decode_hex(s: &[u8]) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.chunks(2).map(|c| u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok()).collect()
}

fn message(agent: &str, id: &str, exp: i64) -> String {
    format!("openclaw canvas link v1\n{agent}\n{id}\n{exp}")
}

/// The signature of a link to canvas `id` of `agent` valid until `exp` (unix seconds).
pub fn sign(key: &LinkKey, agent: &str, id: &str, exp: i64) -> String {
    base64url(hmac::sign(&key.0, message(agent, id, exp).as_bytes()).as_ref())
}

/// Checks a link's signature (in constant time), then its expiry against `now`.
pub fn verify(key: &LinkKey, agent: &str, id: &str, exp: i64, sig: &str, now: i64) -> Result<(), LinkError> {
    let sig = decode_base64url(sig).ok_or(LinkError::Forged)?;
    hmac::verify(&key.0, message(agent, id, exp).as_bytes(), &sig).map_err(|_| LinkError::Forged)?;
    if now >= exp {
        return Err(LinkError::Expired);
    }
    Ok(())
}

/// The path and query of a link to canvas `id` of `agent`, valid until `exp`.
pub fn path(key: &LinkKey, agent: &str, id: &str, exp: i64) -> String {
    format!("/canvas/{id}?agent={agent}&exp={exp}&sig={}", sign(key, agent, id, exp))
}

/// Unpadded base64url.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    encode(bytes, ALPHABET, false)
}

/// Standard padded base64 (CSP hashes).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    encode(bytes, ALPHABET, true)
}

fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

fn decode_base64url(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        }))
    };
    if s.len() % 4 == 1 || s.len() > 128 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.as_bytes().chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= val(c)? << (18 - 6 * i);
        }
        out.extend_from_slice(&acc.to_be_bytes()[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_opens_its_canvas_until_it_expires_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let key = key(&home).unwrap();
        let sig = sign(&key, "main", "cv-0123456789abcdef", 1000);
        assert_eq!(verify(&key, "main", "cv-0123456789abcdef", 1000, &sig, 999), Ok(()));
        assert_eq!(verify(&key, "main", "cv-0123456789abcdef", 1000, &sig, 1000), Err(LinkError::Expired));
        // Another canvas, another agent, a later expiry: the signature does not carry over.
        assert_eq!(verify(&key, "main", "cv-0123456789abcdee", 1000, &sig, 0), Err(LinkError::Forged));
        assert_eq!(verify(&key, "ops", "cv-0123456789abcdef", 1000, &sig, 0), Err(LinkError::Forged));
        assert_eq!(verify(&key, "main", "cv-0123456789abcdef", 9000, &sig, 0), Err(LinkError::Forged));
        assert_eq!(verify(&key, "main", "cv-0123456789abcdef", 1000, "AAAA", 0), Err(LinkError::Forged));
        assert_eq!(verify(&key, "main", "cv-0123456789abcdef", 1000, "%%", 0), Err(LinkError::Forged));
        // The key is kept (0600) and read back; deleting it revokes the link.
        let again = super::key(&home).unwrap();
        assert_eq!(verify(&again, "main", "cv-0123456789abcdef", 1000, &sig, 999), Ok(()));
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(home.canvas_key_path()).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
        std::fs::remove_file(home.canvas_key_path()).unwrap();
        let fresh = super::key(&home).unwrap();
        assert_eq!(verify(&fresh, "main", "cv-0123456789abcdef", 1000, &sig, 999), Err(LinkError::Forged));
    }

    #[test]
    fn base64_encodings() {
        assert_eq!(base64(b"hello"), "aGVsbG8=");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode_base64url("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(decode_base64url(&base64url(b"any bytes at all")), Some(b"any bytes at all".to_vec()));
    }
}
