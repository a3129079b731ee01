//! Channel adapters against fake servers on 127.0.0.1, driven through the library: the adapter
//! runs as a task, the test plays the gateway by draining the inbox and answering the acks.

mod botapi;
mod deliver;
mod discord;
mod discord_fake;
mod telegram;
// Shared with the adapter tests, which use more of it than the self-tests do.
#[allow(dead_code)]
mod fake_discord;
#[allow(dead_code)]
mod fake_signal;
mod irc;
#[allow(dead_code)]
mod irc_server;
mod running;
mod signal;
mod signal_fake;
