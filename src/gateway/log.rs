//! The gateway's log: one timestamped line per event on standard error (which the detached
//! gateway has redirected to `logs/gateway.log`). Never given secrets or message text at `info`;
//! and since an error can carry what a server echoed back (a provider repeating the API key in
//! its 401 body), every line is also cleared of the configured secret values ([`set_secrets`]).

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

use crate::config::Secrets;

/// How much to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Level {
    /// Failures.
    Error = 0,
    /// Trouble that was survived.
    Warn = 1,
    /// Lifecycle and one line per turn.
    Info = 2,
    /// Detail for debugging.
    Debug = 3,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
        }
    }
}

static MAX: AtomicU8 = AtomicU8::new(Level::Info as u8);

/// Sets the most detailed level written.
pub fn set_level(level: Level) {
    MAX.store(level as u8, Ordering::Relaxed);
}

/// The secret values taken out of every line, and of API error bodies ([`redact`]). Process-wide,
/// as the log is: every place that formats error text reaches it without a handle passed down.
static SECRETS: RwLock<Option<Arc<Secrets>>> = RwLock::new(None);

/// Sets the secret values to take out (at start and on each config reload).
pub fn set_secrets(secrets: Secrets) {
    *SECRETS.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(secrets));
}

/// `text` without the secret values set by [`set_secrets`].
pub fn redact(text: &str) -> String {
    let secrets = SECRETS.read().unwrap_or_else(|e| e.into_inner()).clone();
    match secrets {
        Some(s) => s.redact(text).into_owned(),
        None => text.to_string(),
    }
}

/// Writes one line at `level`, e.g. `2026-11-24T01:02:03.456Z INFO turn finished …`.
pub fn write(level: Level, message: std::fmt::Arguments<'_>) {
    if level as u8 > MAX.load(Ordering::Relaxed) {
        return;
    }
    let message = redact(&message.to_string());
    let line =
        format!("{} {:<5} {}\n", crate::time::rfc3339_ms(jiff::Timestamp::now()), level.as_str(), message);
    // One write per line, so concurrent lines never interleave; a failed log write is not fatal.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Logs at error level.
macro_rules! error { ($($t:tt)*) => { $crate::gateway::log::write($crate::gateway::log::Level::Error, format_args!($($t)*)) } }
/// Logs at warn level.
macro_rules! warning { ($($t:tt)*) => { $crate::gateway::log::write($crate::gateway::log::Level::Warn, format_args!($($t)*)) } }
/// Logs at info level.
macro_rules! info { ($($t:tt)*) => { $crate::gateway::log::write($crate::gateway::log::Level::Info, format_args!($($t)*)) } }
/// Logs at debug level.
macro_rules! debug { ($($t:tt)*) => { $crate::gateway::log::write($crate::gateway::log::Level::Debug, format_args!($($t)*)) } }
pub(crate) use {debug, error, info, warning};
