//! Channel adapters against fake servers on 127.0.0.1, driven through the library: the adapter
//! runs as a task, the test plays the gateway by draining the inbox and answering the acks.

mod botapi;
mod deliver;
mod discord;
mod discord_fake;
#[allow(dead_code)]
mod fake_bluebubbles;
mod imessage;
mod telegram;
// Shared with the adapter tests, which use more of it than the self-tests do.
#[allow(dead_code)]
mod fake_discord;
#[allow(dead_code)]
mod fake_signal;
#[allow(dead_code)]
mod fake_slack;
mod irc;
#[allow(dead_code)]
mod irc_server;
mod running;
mod signal;
mod signal_fake;
mod slack;
mod slack_fake;
