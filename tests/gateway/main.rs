//! End-to-end tests of `openclaw gateway`: the real binary on a free loopback port, talking to a
//! fake OpenAI-compatible model server in this process.

#[path = "../cli/harness.rs"]
#[allow(dead_code)]
mod harness;

#[path = "../channels/botapi.rs"]
#[allow(dead_code)]
mod botapi;
#[path = "../channels/fake_discord.rs"]
#[allow(dead_code)]
mod fake_discord;
mod fake_llm;
#[path = "../channels/fake_signal.rs"]
#[allow(dead_code)]
mod fake_signal;
mod gateway;
#[path = "../channels/irc_server.rs"]
#[allow(dead_code)]
mod irc_server;

mod api;
mod cron;
mod discord;
mod hardening;
mod irc;
mod lifecycle;
mod openai_sdk;
mod signal;
mod state_files;
mod telegram;
mod ws;
