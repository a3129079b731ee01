//! `openclaw.json` mapped onto our `gateway.json5`: which of its settings become which of ours,
//! and, for everything else, why not. Pure: a JSON value in, settings and notes out.
//!
//! Secrets stay what they were: a `${VAR}` reference stays that reference (never expanded), an
//! environment SecretRef (`{source: "env", id: "VAR"}`) becomes `${VAR}`, and a literal value is
//! copied as written (the file it lands in is 0600, as OpenClaw's was). Reports name secrets and
//! never show them.

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use crate::config::{Binding, KeyPath, PathSeg};

/// One setting to write: the key path in `gateway.json5` and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// Where it goes.
    pub path: KeyPath,
    /// What it is.
    pub value: Value,
}

/// Something of the source that has no place here, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unmapped {
    /// What it is, e.g. `openclaw.json: hooks` or `agents/main/sessions/sessions.json: field delivery`.
    pub item: String,
    /// Why it was not brought over, or what to do instead.
    pub reason: String,
}

/// An agent of the source config.
#[derive(Debug, Clone, Default)]
pub struct SourceAgent {
    /// Its id (lower-case, valid here).
    pub id: String,
    /// Whether it is the default agent (`default: true`, or the first).
    pub default: bool,
    /// Its workspace as configured (`~` expanded), when set.
    pub workspace: Option<String>,
}

/// The mapped configuration.
#[derive(Debug, Default)]
pub struct Mapped {
    /// Settings, in the order they should be written.
    pub settings: Vec<Setting>,
    /// Bindings per agent, in file order.
    pub bindings: IndexMap<String, Vec<Binding>>,
    /// The agents, in file order.
    pub agents: Vec<SourceAgent>,
    /// The default agent's id.
    pub default_agent: String,
    /// The default workspace (`agents.defaults.workspace`).
    pub default_workspace: Option<String>,
    /// What was left out.
    pub unmapped: Vec<Unmapped>,
}

fn path(parts: &[&str]) -> KeyPath {
    KeyPath(parts.iter().map(|p| PathSeg::Key((*p).to_string())).collect())
}

const FILE: &str = "openclaw.json";

impl Mapped {
    fn set(&mut self, parts: &[&str], value: Value) {
        self.settings.push(Setting { path: path(parts), value });
    }

    fn skip(&mut self, item: impl Into<String>, reason: impl Into<String>) {
        self.unmapped.push(Unmapped { item: format!("{FILE}: {}", item.into()), reason: reason.into() });
    }
}

/// A secret value as we write it: a `${VAR}` reference stays one; an env SecretRef becomes one;
/// a plain string is kept; anything else (file or exec SecretRefs) is `None`.
fn secret(v: &Value) -> Option<Value> {
    match v {
        Value::String(_) => Some(v.clone()),
        Value::Object(o) if o.get("source").and_then(Value::as_str) == Some("env") => {
            o.get("id").and_then(Value::as_str).map(|id| json!(format!("${{{id}}}")))
        }
        _ => None,
    }
}

/// Maps the whole `openclaw.json` value. `only` limits the agents (empty: all).
pub fn map(cfg: &Value, only: &[String]) -> Mapped {
    let mut m = Mapped { default_agent: "main".into(), ..Mapped::default() };
    let Some(top) = cfg.as_object() else {
        m.skip("(whole file)", "it is not a JSON object");
        return m;
    };
    let wanted = |id: &str| only.is_empty() || only.iter().any(|o| o == id);
    for (key, value) in top {
        match key.as_str() {
            "agents" => map_agents(&mut m, value, top.get("tools"), &wanted),
            "bindings" => map_bindings(&mut m, value, &wanted),
            "channels" => map_channels(&mut m, value),
            "models" => map_models(&mut m, value),
            "session" => map_session(&mut m, value),
            "cron" => {
                if let Some(enabled) = value.get("enabled").and_then(Value::as_bool) {
                    m.set(&["cron", "enabled"], json!(enabled));
                }
                for k in value.as_object().into_iter().flat_map(|o| o.keys()) {
                    if k != "enabled" {
                        m.skip(format!("cron.{k}"), "no equivalent; jobs come from cron/jobs.json");
                    }
                }
            }
            "mcp" => map_mcp(&mut m, value),
            // Applied to each agent in `map_agents`.
            "tools" => {}
            "env" => {
                let names: Vec<String> = env_names(value);
                if !names.is_empty() {
                    m.skip(
                        "env",
                        format!(
                            "variables set in the config ({}) are not copied: set them in the gateway's environment",
                            names.join(", ")
                        ),
                    );
                }
            }
            "gateway" => m.skip(
                "gateway",
                "not imported: ours listens on 127.0.0.1:18789 with its own token (stop the Node gateway before starting ours, or set gateway.listen)",
            ),
            "auth" => m.skip(
                "auth",
                "auth profiles and OAuth logins cannot be carried over: give each provider an apiKey (\"${VAR}\") under models.providers",
            ),
            "meta" | "wizard" | "$schema" | "update" => {}
            other => m.skip(other, "no equivalent in openclaw (Rust)"),
        }
    }
    if !top.contains_key("session") {
        map_session(&mut m, &Value::Null);
    }
    if !top.contains_key("agents") {
        map_agents(&mut m, &Value::Null, top.get("tools"), &wanted);
    }
    if !m.agents.iter().any(|a| a.default)
        && let Some(first) = m.agents.first_mut()
    {
        first.default = true;
    }
    if let Some(d) = m.agents.iter().find(|a| a.default) {
        m.default_agent = d.id.clone();
    }
    if m.default_agent != "main" && wanted(&m.default_agent) {
        m.set(&["defaultAgent"], json!(m.default_agent));
    }
    m
}

fn env_names(value: &Value) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(o) = value.as_object() {
        for (k, v) in o {
            match (k.as_str(), v) {
                ("vars", Value::Object(vars)) => names.extend(vars.keys().cloned()),
                ("shellEnv", _) => {}
                (_, Value::String(_)) => names.push(k.clone()),
                _ => {}
            }
        }
    }
    names
}

/// Expands OpenClaw's tool groups (`group:fs`, …) into our tool names.
fn tool_names(list: &Value) -> Vec<Value> {
    let mut out: Vec<String> = Vec::new();
    for name in list.as_array().into_iter().flatten().filter_map(Value::as_str) {
        let expanded: &[&str] = match name {
            "group:fs" => &["read", "write", "edit"],
            "group:runtime" => &["exec"],
            "group:sessions" => &["sessions_list", "sessions_history", "sessions_send", "sessions_spawn"],
            "group:memory" => &["memory_search", "memory_get", "memory_append"],
            "group:web" => &["web_search", "web_fetch"],
            "group:ui" => &["browser", "canvas"],
            "group:automation" => &["cron"],
            "group:messaging" => &["message"],
            "group:nodes" => &["nodes"],
            "bash" => &["exec"],
            other => {
                out.push(other.to_string());
                continue;
            }
        };
        out.extend(expanded.iter().map(|s| s.to_string()));
    }
    out.dedup();
    out.into_iter().map(Value::String).collect()
}

fn map_tools(m: &mut Mapped, id: &str, tools: &Value, scope: &str) {
    let Some(o) = tools.as_object() else { return };
    for (k, v) in o {
        match k.as_str() {
            "allow" | "deny" => m.set(&["agents", id, "tools", k], Value::Array(tool_names(v))),
            "exec" => {
                for (ek, ev) in v.as_object().into_iter().flatten() {
                    match (ek.as_str(), ev.as_str()) {
                        ("security", Some(s @ ("deny" | "allowlist" | "full"))) => {
                            m.set(&["agents", id, "tools", "exec", "security"], json!(s));
                        }
                        _ => m.skip(
                            format!("{scope}.exec.{ek}"),
                            "no equivalent (exec approvals and hosts are not imported; set tools.exec.allowlist)",
                        ),
                    }
                }
            }
            other => m.skip(format!("{scope}.{other}"), "no equivalent tool setting"),
        }
    }
}

fn model_ref(v: &Value) -> (Option<String>, Vec<Value>) {
    match v {
        Value::String(s) => (Some(s.clone()), Vec::new()),
        Value::Object(o) => (
            o.get("primary").and_then(Value::as_str).map(str::to_string),
            o.get("fallbacks").and_then(Value::as_array).cloned().unwrap_or_default(),
        ),
        _ => (None, Vec::new()),
    }
}

fn expand_home(p: &str) -> String {
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => p.to_string(),
    }
}

fn map_agents(m: &mut Mapped, value: &Value, global_tools: Option<&Value>, wanted: &dyn Fn(&str) -> bool) {
    let empty = Map::new();
    let o = value.as_object().unwrap_or(&empty);
    for (k, v) in o {
        match k.as_str() {
            "defaults" => {
                for (dk, dv) in v.as_object().into_iter().flatten() {
                    match dk.as_str() {
                        "model" => {
                            let (primary, fallbacks) = model_ref(dv);
                            if let Some(p) = primary {
                                m.set(&["models", "default"], json!(p));
                            }
                            if !fallbacks.is_empty() {
                                m.set(&["models", "fallbacks"], Value::Array(fallbacks));
                            }
                        }
                        "workspace" => m.default_workspace = dv.as_str().map(expand_home),
                        other => m.skip(format!("agents.defaults.{other}"), "no equivalent agent default"),
                    }
                }
            }
            "list" => {}
            other => m.skip(format!("agents.{other}"), "no equivalent"),
        }
    }
    let list = o.get("list").and_then(Value::as_array).cloned().unwrap_or_default();
    if list.is_empty() {
        m.agents.push(SourceAgent { id: "main".into(), default: true, workspace: None });
        if let Some(t) = global_tools {
            map_tools(m, "main", t, "tools");
        }
        return;
    }
    for entry in &list {
        let Some(raw_id) = entry.get("id").and_then(Value::as_str) else {
            m.skip("agents.list[]", "an agent without an id");
            continue;
        };
        let id = raw_id.trim().to_ascii_lowercase();
        if crate::agent::validate_id(&id).is_err() {
            m.skip(format!("agents.list[{raw_id}]"), "the id is not a valid agent id here (a-z, 0-9, -, _)");
            continue;
        }
        if !wanted(&id) {
            continue;
        }
        let default = entry.get("default").and_then(Value::as_bool) == Some(true);
        let workspace = entry.get("workspace").and_then(Value::as_str).map(expand_home);
        m.agents.push(SourceAgent { id: id.clone(), default, workspace });
        if let Some(t) = global_tools {
            map_tools(m, &id, t, "tools");
        }
        for (k, v) in entry.as_object().into_iter().flatten() {
            match k.as_str() {
                "id" | "default" | "workspace" | "agentDir" => {}
                "name" => {}
                "model" => {
                    let (primary, fallbacks) = model_ref(v);
                    if let Some(p) = primary {
                        m.set(&["agents", &id, "model"], json!(p));
                    }
                    if !fallbacks.is_empty() {
                        m.skip(
                            format!("agents.list[{id}].model.fallbacks"),
                            "fallbacks are global here (models.fallbacks)",
                        );
                    }
                }
                "tools" => map_tools(m, &id, v, &format!("agents.list[{id}].tools")),
                other => m.skip(format!("agents.list[{id}].{other}"), "no equivalent agent setting"),
            }
        }
    }
}

/// Escapes glob characters, so an exact id keeps matching only itself.
pub fn glob_escape(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            '*' | '?' | '[' | ']' | '{' | '}' | '\\' | '!' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            c => out.push(c),
        }
    }
    out
}

fn map_bindings(m: &mut Mapped, value: &Value, wanted: &dyn Fn(&str) -> bool) {
    for (i, b) in value.as_array().into_iter().flatten().enumerate() {
        let item = format!("bindings[{i}]");
        let Some(agent) = b.get("agentId").and_then(Value::as_str).map(str::to_ascii_lowercase) else {
            m.skip(item, "a binding without agentId");
            continue;
        };
        if !wanted(&agent) {
            continue;
        }
        if let Some(t) = b.get("type").and_then(Value::as_str)
            && t != "route"
        {
            m.skip(item, format!("binding type {t:?} has no equivalent (only routes are imported)"));
            continue;
        }
        let Some(mat) = b.get("match").and_then(Value::as_object) else {
            m.skip(item, "a binding without match");
            continue;
        };
        let Some(channel) = mat.get("channel").and_then(Value::as_str) else {
            m.skip(item, "a binding without match.channel");
            continue;
        };
        // OpenClaw: an omitted accountId matches only the default account, "*" matches any.
        // Here an omitted accountId matches any account.
        let account_id = match mat.get("accountId").and_then(Value::as_str) {
            None | Some("") => Some("default".to_string()),
            Some("*") => None,
            Some(a) => Some(a.to_string()),
        };
        let mut binding = Binding { channel: channel.to_ascii_lowercase(), account_id, ..Binding::default() };
        let mut unsupported = Vec::new();
        for (k, v) in mat {
            match k.as_str() {
                "channel" | "accountId" => {}
                "peer" => {
                    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("direct");
                    let Some(id) = v.get("id").and_then(Value::as_str) else {
                        unsupported.push("peer without id".to_string());
                        continue;
                    };
                    match kind {
                        "direct" | "dm" => binding.peer = Some(glob_escape(id)),
                        _ => binding.group = Some(glob_escape(id)),
                    }
                }
                other => unsupported.push(format!("match.{other}")),
            }
        }
        if !unsupported.is_empty() {
            m.skip(
                item,
                format!(
                    "{} cannot be expressed here (bindings match channel, account, peer and group); the binding is left out",
                    unsupported.join(", ")
                ),
            );
            continue;
        }
        m.bindings.entry(agent).or_default().push(binding);
    }
}

/// Keys of a channel (or account) that mean the same here, per channel kind.
fn channel_keys(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "telegram" => &["botToken"],
        "discord" => &["token"],
        "slack" => &["botToken", "appToken"],
        "signal" => &["account", "httpUrl", "httpHost", "httpPort"],
        "matrix" => &["homeserver", "accessToken", "userId", "password"],
        "irc" => &["host", "port", "nick", "tls", "password", "channels"],
        _ => return None,
    })
}

const COMMON_KEYS: &[&str] = &["enabled", "dmPolicy", "allowFrom", "groupPolicy", "name"];

fn map_channel_object(m: &mut Mapped, kind: &str, prefix: &[&str], o: &Map<String, Value>) {
    let own = channel_keys(kind).unwrap_or(&[]);
    for (k, v) in o {
        let mut p: Vec<&str> = prefix.to_vec();
        p.push(k);
        let dotted = p.join(".");
        if k == "accounts" && prefix.len() == 2 {
            for (acct, av) in v.as_object().into_iter().flatten() {
                let Some(ao) = av.as_object() else { continue };
                let mut ap: Vec<&str> = prefix.to_vec();
                ap.extend(["accounts", acct.as_str()]);
                map_channel_object(m, kind, &ap, ao);
            }
        } else if own.contains(&k.as_str()) || COMMON_KEYS.contains(&k.as_str()) {
            let value = if crate::config::is_secret_key(k) {
                secret(v)
            } else if k == "allowFrom" {
                // Ids may be numbers in OpenClaw (Telegram's); ours are strings.
                let ids = v.as_array().into_iter().flatten();
                Some(Value::Array(
                    ids.map(|i| i.as_str().map_or_else(|| json!(i.to_string()), |s| json!(s))).collect(),
                ))
            } else {
                Some(v.clone())
            };
            match value {
                Some(v) => m.set(&p, v),
                None => m.skip(dotted, "a secret from a file or command source: set it as \"${VAR}\""),
            }
        } else if k == "groups" && o.get("groupPolicy").and_then(Value::as_str) == Some("allowlist") {
            let ids: Vec<Value> = v.as_object().into_iter().flatten().map(|(id, _)| json!(id)).collect();
            let mut gp: Vec<&str> = prefix.to_vec();
            gp.extend(["groups", "allow"]);
            m.set(&gp, Value::Array(ids));
            m.skip(dotted, "per-group settings (mentions, tools, skills) are not imported; the group ids became groups.allow");
        } else {
            m.skip(dotted, format!("no equivalent {kind} setting"));
        }
    }
}

fn map_channels(m: &mut Mapped, value: &Value) {
    for (name, v) in value.as_object().into_iter().flatten() {
        let kind = name.to_ascii_lowercase();
        match (kind.as_str(), v.as_object()) {
            ("whatsapp", _) => m.skip(
                format!("channels.{name}"),
                "OpenClaw's WhatsApp is a WhatsApp Web (Baileys) login; ours uses the WhatsApp Cloud API: set it up anew",
            ),
            ("imessage", _) | ("bluebubbles", _) => m.skip(
                format!("channels.{name}"),
                "iMessage here goes through a BlueBubbles server (channels.imessage.serverUrl): set it up anew",
            ),
            (k, Some(o)) if channel_keys(k).is_some() => map_channel_object(m, k, &["channels", k], o),
            ("defaults", _) => m.skip("channels.defaults", "no equivalent"),
            _ => m.skip(format!("channels.{name}"), "this channel is not supported"),
        }
    }
}

fn map_models(m: &mut Mapped, value: &Value) {
    for (k, v) in value.as_object().into_iter().flatten() {
        if k != "providers" {
            m.skip(format!("models.{k}"), "no equivalent");
            continue;
        }
        for (name, p) in v.as_object().into_iter().flatten() {
            let api = p.get("api").and_then(Value::as_str).unwrap_or("openai-completions");
            let ours = match api {
                "openai-completions" | "openai-responses" | "ollama" => "openai",
                "anthropic-messages" => "anthropic",
                other => {
                    m.skip(
                        format!("models.providers.{name}"),
                        format!("the {other:?} API is not supported here"),
                    );
                    continue;
                }
            };
            let mut out = Map::new();
            out.insert("api".into(), json!(ours));
            for (pk, pv) in p.as_object().into_iter().flatten() {
                match pk.as_str() {
                    "api" => {}
                    "baseUrl" => {
                        let mut url = pv.as_str().unwrap_or_default().trim_end_matches('/').to_string();
                        if api == "ollama" && !url.ends_with("/v1") {
                            url.push_str("/v1");
                        }
                        out.insert("baseUrl".into(), json!(url));
                    }
                    "apiKey" => match secret(pv) {
                        Some(s) => drop(out.insert("apiKey".into(), s)),
                        None => m.skip(
                            format!("models.providers.{name}.apiKey"),
                            "a secret from a file or command source: set apiKey to \"${VAR}\"",
                        ),
                    },
                    "models" => {
                        let list: Vec<Value> = pv
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|model| {
                                let id = model.get("id")?.as_str()?;
                                let mut e = Map::new();
                                e.insert("id".into(), json!(id));
                                if let Some(cw) = model.get("contextWindow").and_then(Value::as_u64) {
                                    e.insert("contextWindow".into(), json!(cw));
                                }
                                Some(Value::Object(e))
                            })
                            .collect();
                        if !list.is_empty() {
                            out.insert("models".into(), Value::Array(list));
                        }
                    }
                    other => {
                        m.skip(format!("models.providers.{name}.{other}"), "no equivalent provider setting")
                    }
                }
            }
            m.set(&["models", "providers", name], Value::Object(out));
        }
    }
}

fn map_session(m: &mut Mapped, value: &Value) {
    let o = value.as_object().cloned().unwrap_or_default();
    // OpenClaw's default scope shares one DM session per agent; ours defaults to per channel and
    // peer, so the scope is always written out.
    let scope = o.get("dmScope").and_then(Value::as_str).unwrap_or("main");
    let ours = match scope {
        "main" | "per-peer" | "per-channel-peer" => scope,
        "per-account-channel-peer" => {
            m.skip(
                "session.dmScope",
                "per-account-channel-peer has no equivalent: per-channel-peer is used (accounts of one channel share a peer's session)",
            );
            "per-channel-peer"
        }
        other => {
            m.skip("session.dmScope", format!("unknown scope {other:?}; ours stays the default"));
            "per-channel-peer"
        }
    };
    m.set(&["session", "dmScope"], json!(ours));
    for (k, v) in &o {
        match k.as_str() {
            "dmScope" => {}
            "reset" => {
                for (rk, rv) in v.as_object().into_iter().flatten() {
                    match rk.as_str() {
                        "mode" | "atHour" | "idleMinutes" => m.set(&["session", "reset", rk], rv.clone()),
                        other => m.skip(format!("session.reset.{other}"), "no equivalent"),
                    }
                }
            }
            "idleMinutes" if !o.contains_key("reset") => {
                m.set(&["session", "reset", "mode"], json!("idle"));
                m.set(&["session", "reset", "idleMinutes"], v.clone());
            }
            "resetTriggers" => m.set(&["session", "resetTriggers"], v.clone()),
            other => m.skip(format!("session.{other}"), "no equivalent session setting"),
        }
    }
}

fn map_mcp(m: &mut Mapped, value: &Value) {
    for (k, v) in value.as_object().into_iter().flatten() {
        if k != "servers" {
            m.skip(format!("mcp.{k}"), "no equivalent");
            continue;
        }
        for (name, s) in v.as_object().into_iter().flatten() {
            let mut out = Map::new();
            for (sk, sv) in s.as_object().into_iter().flatten() {
                match sk.as_str() {
                    "command" | "args" | "cwd" | "url" | "enabled" => {
                        drop(out.insert(sk.clone(), sv.clone()))
                    }
                    "env" | "headers" => drop(out.insert(sk.clone(), sv.clone())),
                    "transport" | "type" => match sv.as_str() {
                        Some("sse") => drop(out.insert("transport".into(), json!("sse"))),
                        Some("http" | "streamable-http" | "streamableHttp") => {
                            drop(out.insert("transport".into(), json!("streamable-http")))
                        }
                        _ => {}
                    },
                    other => m.skip(format!("mcp.servers.{name}.{other}"), "no equivalent MCP setting"),
                }
            }
            m.set(&["mcp", "servers", name], Value::Object(out));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_keep_account_semantics_and_escape_peers() {
        let cfg = json!({
            "agents": {"list": [{"id": "main"}, {"id": "Work", "model": {"primary": "a/b", "fallbacks": ["c/d"]}}]},
            "bindings": [
                {"agentId": "work", "match": {"channel": "telegram"}},
                {"agentId": "work", "match": {"channel": "discord", "accountId": "*", "peer": {"kind": "group", "id": "12"}}},
                {"agentId": "work", "match": {"channel": "slack", "peer": {"kind": "direct", "id": "a*b"}}},
                {"agentId": "work", "match": {"channel": "discord", "guildId": "9"}},
            ],
            "hooks": {},
        });
        let m = map(&cfg, &[]);
        let b = &m.bindings["work"];
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].account_id.as_deref(), Some("default"));
        assert_eq!((b[1].account_id.as_deref(), b[1].group.as_deref()), (None, Some("12")));
        assert_eq!(b[2].peer.as_deref(), Some("a[*]b"));
        assert!(m.unmapped.iter().any(|u| u.item.contains("bindings[3]")));
        assert!(m.unmapped.iter().any(|u| u.item.ends_with("hooks")));
        assert!(m.settings.iter().any(|s| s.path.to_string() == "agents.work.model" && s.value == "a/b"));
        assert_eq!(m.default_agent, "main");
    }

    #[test]
    fn secrets_stay_references() {
        let cfg = json!({
            "channels": {"telegram": {"botToken": "${TG}", "groups": {"*": {}}, "accounts": {"w": {"botToken": {"source": "env", "id": "W"}}}}},
            "models": {"providers": {"o": {"api": "ollama", "baseUrl": "http://h:11434", "apiKey": {"source": "file", "id": "x"}}}},
        });
        let m = map(&cfg, &[]);
        let get = |p: &str| m.settings.iter().find(|s| s.path.to_string() == p).map(|s| s.value.clone());
        assert_eq!(get("channels.telegram.botToken"), Some(json!("${TG}")));
        assert_eq!(get("channels.telegram.accounts.w.botToken"), Some(json!("${W}")));
        assert_eq!(get("models.providers.o"), Some(json!({"api": "openai", "baseUrl": "http://h:11434/v1"})));
        assert_eq!(get("session.dmScope"), Some(json!("main")));
        assert!(m.unmapped.iter().any(|u| u.item.contains("apiKey")));
    }
}
