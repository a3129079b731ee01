//! Sessions (DESIGN §6): keys, the `sessions.json` store, transcripts and the reset policy.

pub mod key;

pub use key::{KeyError, Scope, SessionKey};
