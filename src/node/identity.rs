//! A node's identity: an Ed25519 key pair made on first start and kept in `node/identity.key`
//! (PKCS#8, 0600, in a 0700 directory) in the node's own home. The gateway pairs the public key;
//! the private key never leaves the file.

use std::path::Path;

use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};

use crate::store::{self, IoError, PRIVATE_FILE};

/// Why the identity could not be loaded or made.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// The file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The file is not a key this program wrote.
    #[error(
        "{0} is not an Ed25519 key (PKCS#8); move it away to make a new identity (the node then needs pairing again)"
    )]
    Corrupt(String),
    /// The system's random source failed.
    #[error("the system's random number generator failed")]
    Random,
}

/// The node's key pair.
#[derive(Debug)]
pub struct Identity {
    pair: Ed25519KeyPair,
    public_hex: String,
}

impl Identity {
    /// Loads the key in `path`, or makes one there when there is none.
    pub fn load_or_create(path: &Path) -> Result<Identity, IdentityError> {
        if let Some(dir) = path.parent() {
            store::create_dir_private(dir)?;
        }
        if store::read_state_file(path, store::CAP_SMALL)?.is_none() {
            let doc =
                Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).map_err(|_| IdentityError::Random)?;
            // Never replaces a key another start wrote in the meantime.
            store::write_new(path, doc.as_ref(), PRIVATE_FILE)?;
        }
        let bytes = store::read_state_file(path, store::CAP_SMALL)?
            .ok_or_else(|| IdentityError::Corrupt(path.display().to_string()))?;
        let pair = Ed25519KeyPair::from_pkcs8(&bytes)
            .map_err(|_| IdentityError::Corrupt(path.display().to_string()))?;
        let public_hex = super::hex(pair.public_key().as_ref());
        Ok(Identity { pair, public_hex })
    }

    /// The public key, hex.
    pub fn public_key(&self) -> &str {
        &self.public_hex
    }

    /// The signature over `text`, hex.
    pub fn sign(&self, text: &str) -> String {
        super::hex(self.pair.sign(text.as_bytes()).as_ref())
    }
}

/// Whether `signature_hex` is `public_key_hex`'s signature over `text`.
pub fn verify(public_key_hex: &str, text: &str, signature_hex: &str) -> bool {
    let (Some(key), Some(sig)) = (super::unhex(public_key_hex), super::unhex(signature_hex)) else {
        return false;
    };
    key.len() == 32 && UnparsedPublicKey::new(&ED25519, key).verify(text.as_bytes(), &sig).is_ok()
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_key_is_made_once_kept_private_and_signs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("node/identity.key");
        let a = Identity::load_or_create(&path).unwrap();
        let b = Identity::load_or_create(&path).unwrap();
        assert_eq!(a.public_key(), b.public_key(), "the key survives a restart");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let sig = a.sign("hello");
        assert!(verify(a.public_key(), "hello", &sig));
        assert!(!verify(a.public_key(), "hellO", &sig));
        assert!(!verify(a.public_key(), "hello", "00"));
        assert!(!verify("zz", "hello", &sig));
        std::fs::write(&path, b"junk").unwrap();
        let err = Identity::load_or_create(&path).unwrap_err();
        assert!(err.to_string().contains("is not an Ed25519 key"), "{err}");
    }
}
