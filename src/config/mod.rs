//! `gateway.json5`: loading (JSON5 → typed [`Config`], `${VAR}` substitution), validation with
//! `file:line:col` in every error, and comment-preserving edits. It does not know where the file
//! lives (ask [`crate::home::Home`]) and never prints: warnings are returned to the caller.

mod model;

pub use model::*;

use std::path::{Path, PathBuf};

/// A loaded configuration and the warnings (unknown keys, …) found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The typed configuration, defaults filled in.
    pub config: Config,
    /// One sentence each, with `file:line:col`.
    pub warnings: Vec<String>,
    /// The file it came from.
    pub path: PathBuf,
}

/// Why a configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("reading {}: {source}", .path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is there but wrong: syntax, a type, a value, a reference.
    #[error("{file}:{line}:{col}: {message}")]
    Invalid {
        /// The config file as the user named it.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// One sentence.
        message: String,
        /// A hint the user can act on.
        hint: Option<String>,
    },
}

impl ConfigError {
    /// The hint that goes with this error, if any.
    pub fn hint(&self) -> Option<&str> {
        match self {
            ConfigError::Invalid { hint, .. } => hint.as_deref(),
            ConfigError::Read { .. } => None,
        }
    }
}

/// Loads and validates the configuration file at `path`.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.into(), source })?;
    parse(path, &text)
}

/// Parses and validates configuration text; `path` is used for messages only.
pub fn parse(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
    // Minimal loader; validation with positions, `${VAR}` and unknown-key warnings come next.
    let config: Config = json5::from_str(text).map_err(|e| {
        let pos = e.position();
        ConfigError::Invalid {
            file: path.display().to_string(),
            line: pos.map_or(1, |p| p.line + 1),
            col: pos.map_or(1, |p| p.column + 1),
            message: e.to_string(),
            hint: None,
        }
    })?;
    Ok(Loaded { config, warnings: Vec::new(), path: path.into() })
}

/// The commented `gateway.json5` that `openclaw init` writes; it documents every section.
pub const TEMPLATE: &str = include_str!("template.json5");

#[cfg(test)]
mod template_tests {
    #[test]
    fn template_loads_without_warnings() {
        let loaded = super::parse(std::path::Path::new("gateway.json5"), super::TEMPLATE).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.config.agents.contains_key("main"));
    }
}
