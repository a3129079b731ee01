//! One integration-test binary: every test runs the real `openclaw` binary against a temporary
//! home with a cleared environment (fixed `TZ`, `COLUMNS`, `NO_COLOR`), one module per command.

mod harness;

#[path = "../channels/botapi.rs"]
#[allow(dead_code)]
mod botapi;
#[path = "../gateway/fake_llm.rs"]
#[allow(dead_code)]
mod fake_llm;

mod agent;
mod bind;
mod completions;
mod config;
mod cron;
mod doctor;
mod explain;
mod gateway_logs;
mod generated;
mod import;
#[cfg(feature = "import-sqlite")]
mod import_sqlite;
mod init;
mod kill;
mod memory;
mod memory_search;
mod onboard;
mod pairing;
mod session;
mod skills;
mod state_files;
