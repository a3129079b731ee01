//! Sessions (DESIGN §6): keys, the `sessions.json` store, transcripts and the reset policy.
