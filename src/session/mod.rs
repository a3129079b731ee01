//! Sessions (DESIGN §6): keys, the `sessions.json` store, transcripts, the reset policy, resets,
//! archive pruning and consistency checks. Nothing here prints; `cli::session` does.

pub mod archive;
pub mod check;
pub mod key;
pub mod reset;
pub mod store;
pub mod transcript;

pub use archive::{Archived, prune};
pub use check::{CheckError, Problem, check, repair};
pub use key::{KeyError, Scope, SessionKey};
pub use reset::{Cutoffs, Policy, PolicyError, ResetError, ResetOutcome, ResetReason, Target, reset};
pub use store::{
    ChatType, EntrySummary, LockedStore, RawStore, SessionEntry, SessionStore, Sessions, StoreError,
};

/// Number of sessions of `agent` (for `agent ls/show`); a missing store counts 0.
pub fn count(home: &crate::home::Home, agent: &str) -> Result<usize, StoreError> {
    Ok(SessionStore::open(home, agent).read_raw()?.summaries()?.len())
}
