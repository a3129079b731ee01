//! Sessions (DESIGN §6): keys, the `sessions.json` store, transcripts, the reset policy, resets,
//! archive pruning and consistency checks. Nothing here prints; `cli::session` does.
//!
//! How the rest of the program uses it:
//! - a change: [`SessionStore::open`] → [`SessionStore::update`] (one exclusive lock per batch; or
//!   [`SessionStore::lock`] + [`LockedStore::save`] to do work while holding it);
//! - a turn: [`SessionStore::with_cached`] to read its entry and [`SessionStore::commit_entry`]
//!   to write it (the process-wide copy and group commit of `shared`), [`transcript::create`]
//!   (header, no-op when the live file exists), a [`transcript::Writer`] for its lines and
//!   [`live::lines`] for its history;
//! - staleness: [`Policy::from_config`] once, [`Policy::cutoffs`] per batch, [`Cutoffs::reason`]
//!   per entry (or [`reset::is_stale`] for one entry), then [`reset()`] with [`Target`];
//! - `agent ls/show`: [`count`]; `doctor`: [`check()`] then [`repair()`] for
//!   [`Problem::repairable`] problems.

pub mod archive;
pub mod check;
pub mod key;
pub mod live;
pub mod reset;
mod shared;
pub mod store;
pub mod transcript;

pub use archive::{Archived, prune};
pub use check::{CheckError, Problem, check, repair};
pub use key::{KeyError, Scope, SessionKey};
pub use reset::{
    Cutoffs, Policy, PolicyError, ResetError, ResetOutcome, ResetReason, Target, reset, reset_in_turn,
};
pub use store::{
    ChatType, EntrySummary, LockedStore, RawStore, SessionEntry, SessionStore, Sessions, StoreError,
};

/// Number of sessions of `agent` (for `agent ls/show`); a missing store counts 0.
pub fn count(home: &crate::home::Home, agent: &str) -> Result<usize, StoreError> {
    Ok(SessionStore::open(home, agent).read_raw()?.summaries()?.len())
}
