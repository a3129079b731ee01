//! The registry of channel kinds: the one place that knows which services this build speaks,
//! their limits, how their accounts are read from `gateway.json5`, and how one account connects.
//!
//! The gateway, `send --channel`, the `message` tool, cron, heartbeat and sub-agent delivery all
//! go through [`accounts`] and [`Kind::connect`]; `config validate` goes through [`check`]. A new
//! service is one module with a `KIND` and one line in [`KINDS`].
//!
//! Which accounts exist (the same answer everywhere):
//! - `channels.<name>.enabled: false` turns the whole channel off;
//! - each `channels.<name>.accounts.<id>` is an account unless its own `enabled` is false;
//! - without an `accounts` map, a channel that holds its kind's token key itself (Telegram's
//!   `botToken`, Discord's `token`, Slack's `botToken`) is one account named `default`.
//!
//! An account's settings are the channel's keys overlaid with the account's own (the account's
//! value wins), resolved once into an [`AccountConfig`] that remembers where each key came from,
//! so every error names the exact config path.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::{Channel, ChannelError, Unit, discord, imessage, irc, matrix, signal, slack, telegram, whatsapp};
use crate::home::Home;

/// What a service accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest message, in `unit`.
    pub max_len: usize,
    /// How the service counts `max_len`.
    pub unit: Unit,
    /// The shortest gap between two sends of one account (the service's sustained rate).
    pub min_interval: Duration,
}

/// What connecting an account needs from the process.
#[derive(Debug, Clone)]
pub struct Context {
    /// The home (cursors and offsets live there).
    pub home: Home,
    /// The shared HTTP client ([`crate::net::http_client`]).
    pub http: reqwest::Client,
}

/// What [`Kind::connect`] returns.
pub type Connected = Result<Arc<dyn Channel>, ChannelError>;

/// One kind of channel.
pub struct Kind {
    /// Its name under `channels` and in session keys, e.g. `discord`.
    pub name: &'static str,
    /// Its limits.
    pub limits: Limits,
    /// The key that, set on the channel itself without `accounts`, makes the `default` account.
    pub token_key: &'static str,
    /// Reads one account's typed settings and reports the first problem.
    pub check: fn(&AccountConfig) -> Result<(), SettingError>,
    /// Reads a target as `send --to` and the `message` tool name it.
    pub target: fn(&str) -> super::ChatRef,
    /// Builds the adapter of one account; nothing is contacted until it runs or sends.
    pub connect: fn(&AccountConfig, &Context) -> Connected,
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kind").field("name", &self.name).field("limits", &self.limits).finish_non_exhaustive()
    }
}

/// Every channel kind this build speaks. Adding a service: one module, one line here.
pub static KINDS: &[&Kind] = &[
    &telegram::KIND,
    &discord::KIND,
    &irc::KIND,
    &signal::KIND,
    &whatsapp::KIND,
    &imessage::KIND,
    &slack::KIND,
    &matrix::KIND,
];

/// The kind called `name`.
pub fn find(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

/// The names of the kinds, for messages.
pub fn names() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.name).collect()
}

/// A setting that is wrong, with the config path of the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SettingError {
    /// The keys from the root, e.g. `["channels", "discord", "accounts", "ops", "token"]`.
    pub path: Vec<String>,
    /// One sentence that names the dotted path.
    pub message: String,
}

/// One account of one channel, its settings resolved (the account's keys over the channel's).
#[derive(Debug, Clone)]
pub struct AccountConfig {
    /// The channel kind.
    pub kind: &'static Kind,
    /// The account id (`accounts.<id>`, or `default`).
    pub id: String,
    settings: Map<String, Value>,
    /// Keys set on the account itself (the rest come from the channel).
    own: HashSet<String>,
}

impl AccountConfig {
    /// The account `id` of `channel` (the value of `channels.<kind>`), whether or not it is
    /// enabled. Used by [`accounts`] and by tests that build one adapter.
    pub fn resolve(kind: &'static Kind, id: &str, channel: &Value) -> AccountConfig {
        let mut settings: Map<String, Value> = channel.as_object().cloned().unwrap_or_default();
        settings.remove("accounts");
        let own_value = channel.get("accounts").and_then(|a| a.get(id)).and_then(Value::as_object);
        let mut own = HashSet::new();
        if let Some(o) = own_value {
            for (k, v) in o {
                settings.insert(k.clone(), v.clone());
                own.insert(k.clone());
            }
        }
        AccountConfig { kind, id: id.to_string(), settings, own }
    }

    /// `channel/account`, as logs and `channel ls` name it.
    pub fn label(&self) -> String {
        format!("{}/{}", self.kind.name, self.id)
    }

    /// The resolved value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.settings.get(key)
    }

    /// All resolved settings (access policy keys such as `dmPolicy` read these).
    pub fn settings(&self) -> &Map<String, Value> {
        &self.settings
    }

    /// The config path of `key` for this account: the account's own when it sets the key (or
    /// when nobody sets it), else the channel's.
    pub fn path(&self, key: &str) -> Vec<String> {
        let on_account = self.own.contains(key) || !self.settings.contains_key(key);
        let mut p = vec!["channels".to_string(), self.kind.name.to_string()];
        if on_account {
            p.extend(["accounts".to_string(), self.id.clone()]);
        }
        p.push(key.to_string());
        p
    }

    /// The dotted config path of `key`.
    pub fn dotted(&self, key: &str) -> String {
        self.path(key).join(".")
    }

    /// An error about `key`; `message` follows the dotted path.
    pub fn error(&self, key: &str, message: impl std::fmt::Display) -> SettingError {
        SettingError { path: self.path(key), message: format!("{} {message}", self.dotted(key)) }
    }

    /// A required secret (a token): a non-empty string that is not an unset `${VAR}`. The value
    /// is never put in an error.
    pub fn secret(&self, key: &str) -> Result<String, SettingError> {
        match self.get(key) {
            Some(Value::String(s)) if s.trim().is_empty() => Err(self.error(key, "is empty")),
            Some(Value::String(s)) if s.starts_with("${") && s.ends_with('}') => {
                Err(self.error(key, format_args!("is not set: the environment variable in {s} is unset")))
            }
            Some(Value::String(s)) => Ok(s.trim().to_string()),
            Some(_) => Err(self.error(key, "must be a string")),
            None => Err(self.error(key, "is not set")),
        }
    }

    /// An optional string.
    pub fn string(&self, key: &str) -> Result<Option<&str>, SettingError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.error(key, "must be a string")),
        }
    }

    /// An optional URL with one of `schemes`, without a trailing `/`; `default` when unset.
    pub fn url(&self, key: &str, schemes: &[&str], default: &str) -> Result<String, SettingError> {
        let Some(s) = self.string(key)? else { return Ok(default.to_string()) };
        let ok = reqwest::Url::parse(s).is_ok_and(|u| schemes.contains(&u.scheme()) && u.host().is_some());
        if !ok {
            let want = match schemes {
                ["http", "https"] => "an http(s) URL".to_string(),
                _ => format!(
                    "a {} URL",
                    schemes.iter().map(|s| format!("{s}://")).collect::<Vec<_>>().join(" or ")
                ),
            };
            return Err(self.error(key, format_args!("is not {want}: {s:?}")));
        }
        Ok(s.trim_end_matches('/').to_string())
    }

    /// An optional whole number within `range`; `default` when unset.
    pub fn number(
        &self,
        key: &str,
        range: std::ops::RangeInclusive<u64>,
        what: &str,
        default: u64,
    ) -> Result<u64, SettingError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(default),
            Some(v) => v.as_u64().filter(|n| range.contains(n)).ok_or_else(|| {
                self.error(
                    key,
                    format_args!(
                        "must be a whole number of {what} from {} to {}",
                        range.start(),
                        range.end()
                    ),
                )
            }),
        }
    }

    /// An optional boolean; `default` when unset.
    pub fn flag(&self, key: &str, default: bool) -> Result<bool, SettingError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.error(key, "must be true or false")),
        }
    }

    /// Builds this account's adapter.
    pub fn connect(&self, cx: &Context) -> Result<Arc<dyn Channel>, ChannelError> {
        (self.kind.connect)(self, cx)
    }
}

/// The channels of a config, as the one answer to "which accounts exist".
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    /// Every enabled account, in file order.
    pub enabled: Vec<AccountConfig>,
    /// Channels under `channels` that this build does not speak (and are not disabled).
    pub unsupported: Vec<String>,
}

impl Accounts {
    /// The enabled accounts of channel `name`.
    pub fn of<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a AccountConfig> + 'a {
        let name = name.to_string();
        self.enabled.iter().filter(move |a| a.kind.name == name)
    }

    /// Account `id` of channel `name`; without an id, `default` when enabled, else the first.
    pub fn pick(&self, name: &str, id: Option<&str>) -> Result<&AccountConfig, String> {
        let mut of = self.of(name).peekable();
        if of.peek().is_none() {
            return Err(if self.unsupported.iter().any(|u| u == name) {
                format!(
                    "channel \"{name}\" is not supported by this build (supported: {})",
                    names().join(", ")
                )
            } else {
                format!("channels.{name} has no enabled account")
            });
        }
        match id {
            Some(id) => self
                .of(name)
                .find(|a| a.id == id)
                .ok_or_else(|| format!("channels.{name}.accounts.{id} is not an enabled account")),
            None => Ok(self
                .of(name)
                .find(|a| a.id == "default")
                .or_else(|| self.of(name).next())
                .expect("peeked")),
        }
    }
}

/// The enabled accounts of every channel in `channels` (the config's `channels` map).
pub fn accounts(channels: &IndexMap<String, Value>) -> Accounts {
    let mut out = Accounts::default();
    for (name, value) in channels {
        if name == "webchat" || value.get("enabled") == Some(&Value::Bool(false)) {
            continue;
        }
        let Some(kind) = find(name) else {
            out.unsupported.push(name.clone());
            continue;
        };
        match value.get("accounts").and_then(Value::as_object) {
            Some(listed) => {
                for (id, own) in listed {
                    if own.get("enabled") == Some(&Value::Bool(false)) {
                        continue;
                    }
                    out.enabled.push(AccountConfig::resolve(kind, id, value));
                }
            }
            None if value.get(kind.token_key).is_some() => {
                out.enabled.push(AccountConfig::resolve(kind, "default", value));
            }
            None => {}
        }
    }
    out
}

/// Checks every enabled account's settings; the first problem, with its config path.
pub fn check(channels: &IndexMap<String, Value>) -> Result<(), SettingError> {
    for name in channels.keys() {
        let v = &channels[name];
        if name != "webchat" && !v.is_object() {
            return Err(SettingError {
                path: vec!["channels".into(), name.clone()],
                message: format!("channels.{name} must be an object"),
            });
        }
        if let Some(a) = v.get("accounts")
            && !a.is_object()
        {
            return Err(SettingError {
                path: vec!["channels".into(), name.clone(), "accounts".into()],
                message: format!("channels.{name}.accounts must be an object of accounts by id"),
            });
        }
    }
    for account in accounts(channels).enabled {
        if let Err(e) = (account.kind.check)(&account) {
            // A config loaded leniently (commands that never use secrets) keeps an unset
            // `${VAR}` as its text; that is not this check's business (a strict load reports it).
            let key = e.path.last().map(String::as_str).unwrap_or_default();
            let unset = account
                .get(key)
                .and_then(Value::as_str)
                .is_some_and(|s| s.starts_with("${") && s.ends_with('}'));
            if !unset {
                return Err(e);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn channels(v: Value) -> IndexMap<String, Value> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn one_place_decides_which_accounts_exist() {
        let c = channels(json!({
            "telegram": { "botToken": "1:a" },
            "discord": { "apiBase": "http://127.0.0.1:1/api/v10", "accounts": {
                "ops": { "token": "t1" }, "off": { "token": "t2", "enabled": false } } },
            "icq": { "accounts": { "default": {} } },
            "webchat": { "enabled": true },
        }));
        let a = accounts(&c);
        let labels: Vec<String> = a.enabled.iter().map(AccountConfig::label).collect();
        assert_eq!(labels, ["telegram/default", "discord/ops"]);
        assert_eq!(a.unsupported, ["icq"]);
        // The account inherits the channel's keys.
        assert_eq!(a.enabled[1].get("apiBase"), Some(&json!("http://127.0.0.1:1/api/v10")));
        assert_eq!(a.pick("discord", None).unwrap().id, "ops");
        assert!(a.pick("discord", Some("off")).unwrap_err().contains("accounts.off is not an enabled"));
        assert!(a.pick("icq", None).unwrap_err().contains("not supported by this build"));

        let off = channels(json!({ "telegram": { "enabled": false, "botToken": "1:a",
            "accounts": { "default": { "botToken": "1:b" } } } }));
        assert!(accounts(&off).enabled.is_empty());
    }

    #[test]
    fn errors_name_the_key_where_it_is_or_should_be() {
        let c =
            channels(json!({ "discord": { "token": 5, "accounts": { "ops": { "apiBase": "ftp://x" } } } }));
        let a = accounts(&c);
        let ops = &a.enabled[0];
        assert_eq!(ops.secret("token").unwrap_err().message, "channels.discord.token must be a string");
        assert_eq!(ops.dotted("apiBase"), "channels.discord.accounts.ops.apiBase");
        assert_eq!(ops.dotted("gatewayUrl"), "channels.discord.accounts.ops.gatewayUrl");
        let e = check(&c).unwrap_err();
        assert_eq!(e.path, ["channels", "discord", "token"]);
    }
}
