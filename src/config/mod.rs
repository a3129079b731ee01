//! `gateway.json5`: loading (JSON5 → typed [`Config`], `${VAR}` substitution), validation with
//! `file:line:col` in every error, and comment-preserving edits ([`ConfigDoc`]). It does not know
//! where the file lives (ask [`crate::home::Home`]) and never prints: warnings are returned to the
//! caller.
//!
//! Decisions the design left open:
//! - `${VAR}` is replaced in every string value (not in keys); `$${` writes a literal `${`. A lone
//!   `$` is kept as is. An unset variable is an error; a variable set to "" is an empty string.
//! - Agent `main` always exists: when `agents` does not declare it, it is added with defaults.
//!   `defaultAgent` must name a declared agent (or `main`).
//! - Bindings live only in `agents.<id>.bindings`; a top-level `bindings` list is an error (it
//!   would otherwise be ignored silently and messages would go to the wrong agent).
//! - Duplicate keys in a typed section are errors; unknown keys are warnings; `channels.*` is
//!   free-form and never warned about.
//! - The file is exactly JSON5 1.0.0 ([`syntax`] reads it; see there why not `jsonc-parser`). So a
//!   file with no value at all (empty, or only comments) is an error, not `{}`: JSON5 has no empty
//!   document. The editor still adds to such a file, since what it writes is a valid document.

mod de;
mod edit;
mod env;
mod model;
mod path;
mod source;
mod syntax;
mod validate;

pub use edit::ConfigDoc;
pub use model::*;
pub use path::{KeyPath, PathSeg};

use std::path::{Path, PathBuf};

/// The agent that always exists and gets what no binding matches by default.
pub const MAIN_AGENT: &str = "main";

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

/// Why a configuration could not be loaded or changed.
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
    /// An edit that cannot be made (an agent that exists already, a binding that does not, …).
    #[error("{message}")]
    Edit {
        /// One sentence naming the agent, binding or key.
        message: String,
        /// A hint the user can act on.
        hint: Option<String>,
    },
    /// Locking or writing the file failed.
    #[error(transparent)]
    Store(#[from] crate::store::IoError),
}

impl ConfigError {
    /// The hint that goes with this error, if any.
    pub fn hint(&self) -> Option<&str> {
        match self {
            ConfigError::Invalid { hint, .. } | ConfigError::Edit { hint, .. } => hint.as_deref(),
            ConfigError::Read { .. } | ConfigError::Store(_) => None,
        }
    }

    fn edit(message: impl Into<String>, hint: Option<String>) -> Self {
        ConfigError::Edit { message: message.into(), hint }
    }
}

/// Loads and validates the configuration file at `path`, expanding `${VAR}` from the environment.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.into(), source })?;
    parse(path, &text)
}

/// Loads the configuration for a command that never uses secret values (session, memory, bind,
/// agent maintenance): an unset `${VAR}` is kept as the literal text `${VAR}` instead of failing.
///
/// A departure from DESIGN §3, on purpose: cron runs `openclaw session reset --stale --all` with a
/// minimal environment, and it must not fail because `TELEGRAM_BOT_TOKEN` lives only in the
/// gateway's environment. Everything else is validated exactly as by [`load`]; `config validate`,
/// `config show/get`, `doctor` and whatever talks to a provider or channel use [`load`].
pub fn load_lenient(path: &Path) -> Result<Loaded, ConfigError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.into(), source })?;
    parse_lenient(path, &text)
}

/// Where the configuration a read-only command uses came from (see [`load_or_last_good`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `gateway.json5` itself.
    File,
    /// The last copy of the file that loaded (the gateway keeps it when it loads one).
    LastGood,
    /// The defaults (agent `main` only): the file has an error and no good copy was kept.
    Defaults,
}

/// A configuration for a command that only reads, and the file's error when it has one.
#[derive(Debug)]
pub struct Recovered {
    /// The configuration to use.
    pub loaded: Loaded,
    /// Where it came from.
    pub origin: Origin,
    /// Why `gateway.json5` itself could not be used; `None` when it loaded.
    pub error: Option<ConfigError>,
}

/// Loads `path` as [`load_lenient`] does; when that fails, uses the last good copy at
/// `last_good` (a file that once loaded), or the defaults when there is none, and hands the
/// error back beside it. For commands that only look (list sessions, grep memory, show the
/// gateway's status): one typo must not lock the user out of their state, while commands that
/// write the config or act on it still refuse.
pub fn load_or_last_good(path: &Path, last_good: &Path) -> Recovered {
    let error = match load_lenient(path) {
        Ok(loaded) => return Recovered { loaded, origin: Origin::File, error: None },
        Err(e) => e,
    };
    if let Ok(text) = std::fs::read_to_string(last_good)
        && let Ok(mut loaded) = parse_lenient(last_good, &text)
    {
        // The copy's own warnings were already shown when it was the file.
        loaded.warnings.clear();
        return Recovered { loaded, origin: Origin::LastGood, error: Some(error) };
    }
    let mut config = Config::default();
    config.agents.insert(MAIN_AGENT.to_string(), AgentConfig::default());
    let loaded = Loaded { config, warnings: Vec::new(), path: path.into() };
    Recovered { loaded, origin: Origin::Defaults, error: Some(error) }
}

/// The `${VAR}` names the config at `path` uses that the environment does not set, in the order
/// they appear. [`load`] stops at the first; `doctor` names them all, so a freshly imported or
/// copied config is fixed in one go.
pub fn unset_variables(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    let missing = std::cell::RefCell::new(Vec::<String>::new());
    let lookup = |name: &str| {
        std::env::var(name).ok().or_else(|| {
            let mut missing = missing.borrow_mut();
            if !missing.iter().any(|n| n == name) {
                missing.push(name.to_string());
            }
            Some(format!("${{{name}}}"))
        })
    };
    let _ = parse_with_env(path, &text, &lookup);
    missing.into_inner()
}

/// [`parse`] with unset variables kept as their `${VAR}` text (see [`load_lenient`]).
pub fn parse_lenient(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
    parse_with_env(path, text, &|name| Some(std::env::var(name).unwrap_or_else(|_| format!("${{{name}}}"))))
}

/// Parses and validates configuration text; `path` is used for messages only.
pub fn parse(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
    parse_with_env(path, text, &|name| std::env::var(name).ok())
}

/// [`parse`] with `${VAR}` looked up through `env` instead of the process environment.
pub fn parse_with_env(
    path: &Path,
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Loaded, ConfigError> {
    let file = path.display().to_string();
    let src = source::Source::new(text);
    let root = src.parse_document().map_err(|e| src.error(&file, e))?;
    let cx = de::Cx::new(src.text(), env);
    let mut config: Config = de::from_ast(&root, &cx).map_err(|e| src.error(&file, e.into_located()))?;
    let mut problems = cx.into_warnings();
    if !config.agents.contains_key(MAIN_AGENT) {
        config.agents.shift_insert(0, MAIN_AGENT.to_string(), AgentConfig::default());
    }
    validate::check(&root, &config).map_err(|e| src.error(&file, e))?;
    problems.sort_by_key(|p| p.at);
    let warnings = problems.into_iter().map(|p| src.format(&file, &p)).collect();
    Ok(Loaded { config, warnings, path: path.into() })
}

/// A key that no typed section of the configuration knows, or a `channels.<kind>` this build has
/// no channel for (below the kind, `channels.*` is free-form), with the key it most likely meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// The dotted path of the key, e.g. `session.dmScop`.
    pub path: String,
    /// The dotted path of the closest known key, e.g. `session.dmScope`.
    pub closest: Option<String>,
}

/// The unknown keys of configuration `text`, in file order (none when it does not parse).
pub fn unknown_keys(text: &str) -> Vec<UnknownKey> {
    let src = source::Source::new(text);
    let Ok(root) = src.parse_document() else { return Vec::new() };
    let keep = |name: &str| Some(format!("${{{name}}}"));
    let cx = de::Cx::new(src.text(), &keep);
    let config = de::from_ast::<Config>(&root, &cx);
    let mut unknown = cx.unknown_keys();
    // `channels.*` is free-form below the kind, but the kind itself must be one this build has.
    let kinds = channel_names();
    for name in config.iter().flat_map(|c| c.channels.keys()) {
        if !kinds.contains(&name.as_str()) {
            let at =
                |k: &str| KeyPath(vec![PathSeg::Key("channels".into()), PathSeg::Key(k.into())]).to_string();
            unknown.push(UnknownKey { path: at(name), closest: closest_key(name, &kinds).map(at) });
        }
    }
    unknown
}

/// The channel names a binding or a `channels.<name>` section can use: every channel kind of
/// this build, and `webchat`.
pub fn channel_names() -> Vec<&'static str> {
    let mut names = crate::channel::kind::names();
    names.push("webchat");
    names
}

/// Reads `text` as one JSON5 value (`4`, `true`, `"x"`, `'x'`, `[1, 2]`, `{ a: 1 }`); `None` when
/// it is not one, e.g. a bare word such as `gpt-4o`.
pub fn parse_value(text: &str) -> Option<serde_json::Value> {
    syntax::parse(text).ok()?.as_ref().map(edit::ast_json)
}

/// Reads a whole JSON5 document (any JSON5 file, not only ours) as a JSON value; an error names
/// `file:line:col`. `path` is used for messages only.
pub fn parse_json5(path: &Path, text: &str) -> Result<serde_json::Value, ConfigError> {
    let file = path.display().to_string();
    let src = source::Source::new(text);
    let root = src.parse_document().map_err(|e| src.error(&file, e))?;
    Ok(edit::ast_json(&root))
}

/// A problem at a byte offset of the text, before it is turned into `file:line:col`.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Byte offset in the text.
    pub at: usize,
    /// One sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Problem {
    pub(crate) fn new(at: usize, message: impl Into<String>) -> Self {
        Self { at, message: message.into(), hint: None }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The candidate a misspelled key most likely meant, if one is close enough.
pub fn closest_key<'c>(key: &str, candidates: &[&'c str]) -> Option<&'c str> {
    de::closest(key, candidates)
}

/// Whether a key names a secret whose value must not be printed (`apiKey`, `token`, `botToken`,
/// `appToken`, `password`, `clientSecret`, …).
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.ends_with("token")
        || k.ends_with("apikey")
        || k.ends_with("secret")
        || k.ends_with("password")
        || k == "privatekey"
        // MCP server headers (`Authorization: Bearer …`) and env (`GITHUB_API_KEY`).
        || k == "authorization"
        || k.ends_with("_key")
}

/// Replaces every non-empty string under a secret key with `"***"`, in place.
pub fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_key(k) && v.as_str().is_some_and(|s| !s.is_empty()) {
                    *v = serde_json::Value::String("***".into());
                } else {
                    redact(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// The secret values of a configuration (every non-empty string under a key
/// [`is_secret_key`] names), to take out of text that leaves the process: error messages, log
/// lines, API answers. A provider that echoes its key in an error body must not put it in a
/// chat reply or a log.
#[derive(Clone, Default)]
pub struct Secrets(Vec<String>);

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} values)", self.0.len())
    }
}

impl Secrets {
    /// Values shorter than this are not taken out: replacing `k` in every sentence would make
    /// the text unreadable, and no real key or token is that short.
    pub const MIN_LEN: usize = 6;

    /// The secret values of `config`.
    pub fn of(config: &Config) -> Self {
        fn walk(value: &serde_json::Value, secret: bool, out: &mut Secrets) {
            match value {
                serde_json::Value::Object(map) => {
                    map.iter().for_each(|(k, v)| walk(v, is_secret_key(k), out));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, secret, out)),
                serde_json::Value::String(s) if secret => out.add(s),
                _ => {}
            }
        }
        let mut out = Secrets::default();
        walk(&config.to_json(true), false, &mut out);
        // Keys the well-known providers take from the environment.
        for known in crate::provider::WELL_KNOWN {
            if let Some(key) = crate::provider::key_from_env(known.name) {
                out.add(&key);
            }
        }
        out
    }

    /// Adds one value (e.g. a generated token that is not in the file).
    pub fn add(&mut self, value: &str) {
        let value = value.trim();
        if value.len() >= Self::MIN_LEN && !self.0.iter().any(|v| v == value) {
            self.0.push(value.to_string());
            // Longest first, so a secret that contains another is replaced whole.
            self.0.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// `text` with every secret value replaced by `***`.
    pub fn redact<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let mut out = std::borrow::Cow::Borrowed(text);
        for v in &self.0 {
            if out.contains(v.as_str()) {
                out = std::borrow::Cow::Owned(out.replace(v.as_str(), "***"));
            }
        }
        out
    }
}

impl Config {
    /// The configuration as JSON (camelCase keys, defaults filled in); secrets are `"***"` unless
    /// `show_secrets`.
    pub fn to_json(&self, show_secrets: bool) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if !show_secrets {
            redact(&mut value);
        }
        value
    }

    /// Agent ids in file order (`main` included).
    pub fn agent_ids(&self) -> Vec<&str> {
        self.agents.keys().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests;

/// The commented `gateway.json5` that `openclaw init` writes; it documents every section.
pub const TEMPLATE: &str = include_str!("template.json5");

#[cfg(test)]
mod template_tests {
    #[test]
    fn template_loads_without_warnings() {
        let loaded = super::parse(std::path::Path::new("gateway.json5"), super::TEMPLATE).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.config.agents.contains_key("main"));
        assert_eq!(super::unknown_keys(super::TEMPLATE), vec![]);
    }

    /// Comment lines of the template that read like `key: value` but are prose.
    const PROSE: &[&str] = &[r#"// api: "openai" speaks the OpenAI chat-completions protocol"#];

    /// Every commented-out example in the template (`// key: value`, possibly continued on the
    /// next comment lines), uncommented on its own, loads without an error or a warning: the
    /// template advertises only keys, channels and values this build has.
    #[test]
    fn every_example_in_the_template_is_known_to_this_build() {
        let lines: Vec<&str> = super::TEMPLATE.lines().collect();
        let example = |l: &str| -> bool {
            let Some((key, _)) = l.trim_start().strip_prefix("// ").and_then(|b| b.split_once(':')) else {
                return false;
            };
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        let mut checked = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if !example(line) || PROSE.iter().any(|p| line.trim_start().starts_with(p)) {
                continue;
            }
            // Uncomment the line and up to three continuation lines until the file parses.
            let mut result = None;
            for extra in 0..4 {
                let mut copy: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                for l in &mut copy[i..=(i + extra).min(lines.len() - 1)] {
                    *l = l.replacen("//", "  ", 1);
                }
                let last = &mut copy[(i + extra).min(lines.len() - 1)];
                if !last.trim_end().ends_with(',') {
                    last.push(',');
                }
                let text = copy.join("\n");
                match super::parse_lenient(std::path::Path::new("gateway.json5"), &text) {
                    Ok(loaded) => {
                        result = Some((loaded.warnings, super::unknown_keys(&text)));
                        break;
                    }
                    Err(e) => result.get_or_insert((vec![e.to_string()], vec![])),
                };
            }
            let (warnings, unknown) = result.expect("tried");
            assert!(
                warnings.is_empty() && unknown.is_empty(),
                "template line {}: {line}\n{warnings:?} {unknown:?}",
                i + 1
            );
            checked.push(i + 1);
        }
        // The examples this test must have found (providers, retry, timeouts, compaction, agent
        // keys, channels, token): if it finds far fewer, it has stopped reading the template.
        assert!(checked.len() >= 15, "checked only template lines {checked:?}");
    }
}
