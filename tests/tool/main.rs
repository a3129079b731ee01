//! Tool tests: the real tools against a real temporary home, a real shell and a real HTTP server on
//! 127.0.0.1. Escape attempts live in `escapes.rs`; they must all be refused.

mod common;
mod escapes;
mod exec;
mod files;
mod policy;
mod web;
