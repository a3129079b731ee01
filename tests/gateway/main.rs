//! End-to-end tests of `openclaw gateway`: the real binary on a free loopback port, talking to a
//! fake OpenAI-compatible model server in this process.

#[path = "../cli/harness.rs"]
#[allow(dead_code)]
mod harness;

#[path = "../channels/botapi.rs"]
#[allow(dead_code)]
mod botapi;
#[path = "../channels/fake_bluebubbles.rs"]
#[allow(dead_code)]
mod fake_bluebubbles;
#[path = "../channels/fake_discord.rs"]
#[allow(dead_code)]
mod fake_discord;
mod fake_llm;
#[path = "../channels/fake_signal.rs"]
#[allow(dead_code)]
mod fake_signal;
#[path = "../channels/fake_slack.rs"]
#[allow(dead_code)]
mod fake_slack;
#[path = "../channels/fake_whatsapp.rs"]
#[allow(dead_code)]
mod fake_whatsapp;
mod gateway;
#[path = "../channels/irc_server.rs"]
#[allow(dead_code)]
mod irc_server;

mod api;
mod cron;
mod discord;
mod hardening;
mod imessage;
mod irc;
mod lifecycle;
mod matrix;
mod nodes;
mod ollama;
mod openai_sdk;
mod signal;
mod slack;
mod state_files;
mod synapse;
mod telegram;
mod whatsapp;
mod ws;
