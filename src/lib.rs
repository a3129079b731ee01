//! `openclaw`: an AI agent runtime that connects large language models to messaging channels.
//!
//! The library holds everything testable; the `openclaw` binary is a thin call into [`cli::main`].
//! Layers, lowest first: [`store`] (durable files) → [`home`] (where files live) → [`config`],
//! [`session`], [`memory`], [`routing`] → [`cli`]. Lower layers never import higher ones and never
//! print.

pub mod agent;
pub mod canvas;
pub mod channel;
pub mod cli;
pub mod config;
pub mod cron;
pub mod doctor;
pub mod gateway;
pub mod home;
pub mod import;
pub mod mcp;
pub mod memory;
pub mod net;
pub mod node;
pub mod provider;
pub mod routing;
pub mod session;
pub mod setup;
pub mod store;
pub mod time;
pub mod tool;
