//! The gateway's log: one timestamped line per event on standard error (which the detached
//! gateway has redirected to `logs/gateway.log`). Never given secrets or message text at `info`.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};

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

/// Writes one line at `level`, e.g. `2026-11-24T01:02:03.456Z INFO turn finished …`.
pub fn write(level: Level, message: std::fmt::Arguments<'_>) {
    if level as u8 > MAX.load(Ordering::Relaxed) {
        return;
    }
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
