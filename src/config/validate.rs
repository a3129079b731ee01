//! Checks that need more than types: agent ids, references to agents, binding channels and
//! globs, hours, time zones, model references, the listen address. Each error points at the
//! offending key or value in the file.

use super::syntax::{self as ast, Value as Ast};

use super::de::{key_start, start};
use super::{Config, MAIN_AGENT, Problem};

/// Smallest prompt limit that still leaves room for a file's heading and truncation marker.
const MIN_PROMPT_BYTES: usize = 500;

/// Runs every check on a config that deserialized; the first problem found is returned.
pub(crate) fn check(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let Ast::Object(top) = root else { return Ok(()) };
    if let Some(prop) = prop(top, "bindings") {
        return Err(Problem::new(key_start(&prop.name), "a top-level \"bindings\" list is not supported")
            .hint("put each binding under the agent it routes to: agents.<id>.bindings"));
    }
    check_agents(root, config)?;
    check_node(root, config)?;
    check_default_agent(root, config)?;
    check_session(root, config)?;
    check_models(root, config)?;
    check_gateway(root, config)?;
    check_channels(root, config)?;
    check_mcp(root, config)?;
    Ok(())
}

/// `mcp.servers.*`: one transport per server, http(s) URLs, valid globs; and each agent's
/// `mcp` list names servers that exist.
fn check_mcp(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let servers = &config.mcp.servers;
    for (name, s) in servers {
        let at = |key: &str| {
            value_at(root, &["mcp", "servers", name, key])
                .map_or_else(|| pos(root, &["mcp", "servers", name]), start)
        };
        let what = format!("mcp.servers.{name}");
        if name.trim().is_empty() {
            return Err(Problem::new(pos(root, &["mcp", "servers"]), "an MCP server name is empty"));
        }
        match (&s.command, &s.url) {
            (Some(_), Some(_)) => {
                return Err(Problem::new(at("url"), format!("{what} has both \"command\" and \"url\""))
                    .hint("a server is either started here (command, args) or reached over HTTP (url); keep one"));
            }
            (None, None) => {
                return Err(Problem::new(at(""), format!("{what} has neither \"command\" nor \"url\""))
                    .hint("give command (and args) for a stdio server, or url for a remote one"));
            }
            (Some(c), None) => {
                if c.trim().is_empty() {
                    return Err(Problem::new(at("command"), format!("{what}.command is empty")));
                }
                if s.transport.is_some() {
                    return Err(Problem::new(
                        at("transport"),
                        format!("{what}.transport applies to a url; a server with a command speaks stdio"),
                    ));
                }
            }
            (None, Some(url)) => {
                let ok = reqwest::Url::parse(url)
                    .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
                if !ok {
                    return Err(Problem::new(
                        at("url"),
                        format!("{what}.url must be an http:// or https:// URL, not \"{url}\""),
                    )
                    .hint("for example \"https://mcp.example.com/mcp\""));
                }
            }
        }
        for (key, value) in
            [("connectionTimeoutMs", s.connection_timeout_ms), ("requestTimeoutMs", s.request_timeout_ms)]
        {
            if value == 0 {
                return Err(Problem::new(at(key), format!("{what}.{key} must be more than 0 milliseconds")));
            }
        }
        for (list, globs) in [("include", &s.tool_filter.include), ("exclude", &s.tool_filter.exclude)] {
            let node = value_at(root, &["mcp", "servers", name, "toolFilter", list]);
            for (i, g) in globs.iter().enumerate() {
                if let Err(e) = globset::Glob::new(g) {
                    return Err(Problem::new(
                        element(node, i).map_or(0, start),
                        format!("invalid glob \"{g}\" in {what}.toolFilter.{list}: {}", e.kind()),
                    ));
                }
            }
        }
    }
    for (id, agent) in &config.agents {
        let Some(names) = &agent.mcp else { continue };
        let node = value_at(root, &["agents", id, "mcp"]);
        for (i, n) in names.iter().enumerate() {
            if !servers.contains_key(n) {
                let defined: Vec<&str> = servers.keys().map(String::as_str).collect();
                return Err(Problem::new(
                    element(node, i).map_or(0, start),
                    format!("agents.{id}.mcp names MCP server \"{n}\", which is not in mcp.servers"),
                )
                .hint(if defined.is_empty() {
                    "no MCP servers are defined; add one with `openclaw mcp add`".to_string()
                } else {
                    format!("servers defined: {}", defined.join(", "))
                }));
            }
        }
    }
    Ok(())
}

/// Each enabled channel account's settings, read by its kind (the channel layer owns them; the
/// check runs here so a wrong token type or URL fails `config validate` with `file:line:col`,
/// not the first message).
fn check_channels(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    crate::channel::kind::check(&config.channels).map_err(|e| {
        // Point at the key itself, or at the nearest object that holds it.
        let mut path: Vec<&str> = e.path.iter().map(String::as_str).collect();
        while !path.is_empty() && value_at(root, &path).is_none() {
            path.pop();
        }
        Problem::new(pos(root, &path), e.message)
    })
}

/// The last property named `key` (JSON5: the last one counts).
fn prop<'x, 'a>(obj: &'x ast::Object<'a>, key: &str) -> Option<&'x ast::ObjectProp<'a>> {
    obj.properties.iter().rev().find(|p| p.name.as_str() == key)
}

/// The value at `path` (object keys only).
fn value_at<'x, 'a>(root: &'x Ast<'a>, path: &[&str]) -> Option<&'x Ast<'a>> {
    let mut cur = root;
    for key in path {
        let Ast::Object(o) = cur else { return None };
        cur = &prop(o, key)?.value;
    }
    Some(cur)
}

fn pos(root: &Ast<'_>, path: &[&str]) -> usize {
    value_at(root, path).map_or(0, start)
}

fn agents_hint(config: &Config) -> String {
    format!("agents defined: {}", config.agent_ids().join(", "))
}

fn check_agents(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let Some(Ast::Object(agents)) = value_at(root, &["agents"]) else { return Ok(()) };
    let mut seen: Vec<&str> = Vec::new();
    for p in &agents.properties {
        let id = p.name.as_str();
        if let Err(e) = crate::agent::validate_id(id) {
            return Err(Problem::new(key_start(&p.name), e.to_string()));
        }
        if seen.contains(&id) {
            return Err(Problem::new(key_start(&p.name), format!("agent \"{id}\" is defined twice"))
                .hint("merge the two entries into one"));
        }
        seen.push(id);
    }
    for (id, agent) in &config.agents {
        let path = ["agents", id.as_str()];
        if let Some(model) = &agent.model {
            check_model_ref(model, pos(root, &["agents", id, "model"]), &format!("agents.{id}.model"))?;
        }
        for list in ["allow", "deny"] {
            let globs = if list == "allow" { &agent.tools.allow } else { &agent.tools.deny };
            let node = value_at(root, &["agents", id, "tools", list]);
            for (i, g) in globs.iter().enumerate() {
                if let Err(e) = globset::Glob::new(g) {
                    let at = element(node, i).map_or(0, start);
                    return Err(Problem::new(
                        at,
                        format!("invalid glob \"{g}\" in agents.{id}.tools.{list}: {}", e.kind()),
                    ));
                }
            }
        }
        let node = value_at(root, &["agents", id, "nodes"]);
        for (i, g) in agent.nodes.iter().enumerate() {
            if let Err(e) = globset::Glob::new(g) {
                let at = element(node, i).map_or(0, start);
                return Err(Problem::new(
                    at,
                    format!("invalid glob \"{g}\" in agents.{id}.nodes: {}", e.kind()),
                ));
            }
        }
        for (key, value) in
            [("maxFileBytes", agent.prompt.max_file_bytes), ("maxTotalBytes", agent.prompt.max_total_bytes)]
        {
            if value < MIN_PROMPT_BYTES {
                return Err(Problem::new(
                    pos(root, &["agents", id, "prompt", key]),
                    format!(
                        "agents.{id}.prompt.{key} must be at least {MIN_PROMPT_BYTES} bytes, not {value}"
                    ),
                )
                .hint("the defaults are maxFileBytes: 6000 and maxTotalBytes: 20000"));
            }
        }
        if let Some(hb) = &agent.heartbeat {
            if crate::time::parse_duration(&hb.every).map_or(true, |d| d.as_secs() < 1) {
                return Err(Problem::new(
                    pos(root, &["agents", id, "heartbeat", "every"]),
                    format!(
                        "agents.{id}.heartbeat.every must be a duration such as 30m, not \"{}\"",
                        hb.every
                    ),
                ));
            }
            if let Some(hours) = &hb.active_hours
                && crate::agent::heartbeat::parse_hours(hours).is_none()
            {
                return Err(Problem::new(
                    pos(root, &["agents", id, "heartbeat", "activeHours"]),
                    format!("agents.{id}.heartbeat.activeHours must look like 08:00-22:00, not \"{hours}\""),
                ));
            }
        }
        let bindings = value_at(root, &[path[0], path[1], "bindings"]);
        for (i, b) in agent.bindings.iter().enumerate() {
            let node = element(bindings, i);
            let n = i + 1;
            if b.channel.trim().is_empty() {
                let at = node.and_then(|v| field(v, "channel")).or(node).map_or(0, start);
                return Err(Problem::new(at, format!("binding {n} of agent \"{id}\" has no channel")).hint(
                    "every binding names its channel, e.g. { channel: \"telegram\", peer: \"jonas_*\" }",
                ));
            }
            for (key, glob) in [("peer", &b.peer), ("group", &b.group)] {
                let Some(glob) = glob else { continue };
                if let Err(e) = globset::Glob::new(glob) {
                    let at = node.and_then(|v| field(v, key)).map_or(0, start);
                    return Err(Problem::new(
                        at,
                        format!(
                            "invalid {key} glob \"{glob}\" in binding {n} of agent \"{id}\": {}",
                            e.kind()
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// `node.capabilities` names only capabilities a node has; `node.exec.allowlist` holds globs.
fn check_node(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let known = ["system.info", "system.run", "file.read", "file.write", "notify"];
    if let Some(Ast::Object(caps)) = value_at(root, &["node", "capabilities"]) {
        for p in &caps.properties {
            if !known.contains(&p.name.as_str()) {
                return Err(Problem::new(
                    key_start(&p.name),
                    format!("node.capabilities: unknown capability \"{}\"", p.name.as_str()),
                )
                .hint(format!("known: {}", known.join(", "))));
            }
        }
    }
    let list = value_at(root, &["node", "exec", "allowlist"]);
    for (i, g) in config.node.exec.allowlist.iter().enumerate() {
        if let Err(e) = globset::Glob::new(g) {
            let at = element(list, i).map_or(0, start);
            return Err(Problem::new(
                at,
                format!("invalid glob \"{g}\" in node.exec.allowlist: {}", e.kind()),
            ));
        }
    }
    Ok(())
}

fn element<'x, 'a>(list: Option<&'x Ast<'a>>, i: usize) -> Option<&'x Ast<'a>> {
    match list {
        Some(Ast::Array(a)) => a.elements.get(i),
        _ => None,
    }
}

fn field<'x, 'a>(obj: &'x Ast<'a>, key: &str) -> Option<&'x Ast<'a>> {
    match obj {
        Ast::Object(o) => prop(o, key).map(|p| &p.value),
        _ => None,
    }
}

fn check_default_agent(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let id = &config.default_agent;
    if id == MAIN_AGENT || config.agents.contains_key(id) {
        return Ok(());
    }
    Err(Problem::new(
        pos(root, &["defaultAgent"]),
        format!("defaultAgent names agent \"{id}\", which does not exist"),
    )
    .hint(agents_hint(config)))
}

fn check_session(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let reset = &config.session.reset;
    if reset.at_hour > 23 {
        return Err(Problem::new(
            pos(root, &["session", "reset", "atHour"]),
            format!("session.reset.atHour must be an hour from 0 to 23, not {}", reset.at_hour),
        ));
    }
    if reset.time_zone().is_err() {
        return Err(Problem::new(
            pos(root, &["session", "reset", "timezone"]),
            format!("unknown time zone \"{}\" in session.reset.timezone", reset.timezone),
        )
        .hint("use \"local\" or an IANA zone name such as \"Europe/Amsterdam\""));
    }
    let compaction = &config.session.compaction;
    if !(0.1..=0.95).contains(&compaction.threshold) {
        return Err(Problem::new(
            pos(root, &["session", "compaction", "threshold"]),
            format!(
                "session.compaction.threshold must be between 0.1 and 0.95, not {}",
                compaction.threshold
            ),
        ));
    }
    if compaction.context_tokens < 1024 {
        return Err(Problem::new(
            pos(root, &["session", "compaction", "contextTokens"]),
            format!(
                "session.compaction.contextTokens must be at least 1024, not {}",
                compaction.context_tokens
            ),
        ));
    }
    Ok(())
}

fn check_models(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    let models = &config.models;
    if let Some(m) = &models.default {
        check_model_ref(m, pos(root, &["models", "default"]), "models.default")?;
    }
    let fallbacks = value_at(root, &["models", "fallbacks"]);
    for (i, m) in models.fallbacks.iter().enumerate() {
        check_model_ref(m, element(fallbacks, i).map_or(0, start), &format!("models.fallbacks[{i}]"))?;
    }
    for (name, p) in &models.providers {
        if !p.api.is_empty() && p.api != "openai" && p.api != "anthropic" {
            return Err(Problem::new(
                pos(root, &["models", "providers", name, "api"]),
                format!(
                    "models.providers.{name}.api must be one of \"openai\", \"anthropic\", not \"{}\"",
                    p.api
                ),
            ));
        }
        check_window(p.context_window, pos(root, &["models", "providers", name, "contextWindow"]), || {
            format!("models.providers.{name}.contextWindow")
        })?;
        let list = value_at(root, &["models", "providers", name, "models"]);
        for (i, m) in p.models.iter().enumerate() {
            let at = element(list, i).map_or(0, start);
            if m.id.is_empty() {
                return Err(Problem::new(at, format!("models.providers.{name}.models[{i}] needs an \"id\""))
                    .hint("the model id as the provider names it, e.g. { id: \"qwen2.5-1.5b\", contextWindow: 16384 }"));
            }
            check_window(m.context_window, at, || {
                format!("models.providers.{name}.models[{i}].contextWindow")
            })?;
        }
    }
    Ok(())
}

/// A context window, when given, of at least 1024 tokens (as `session.compaction.contextTokens`).
fn check_window(window: Option<u64>, at: usize, what: impl Fn() -> String) -> Result<(), Problem> {
    match window {
        Some(w) if w < 1024 => Err(Problem::new(at, format!("{} must be at least 1024, not {w}", what()))),
        _ => Ok(()),
    }
}

fn check_model_ref(model: &str, at: usize, what: &str) -> Result<(), Problem> {
    match model.split_once('/') {
        Some((provider, name)) if !provider.is_empty() && !name.is_empty() => Ok(()),
        _ => Err(Problem::new(at, format!("{what} must be \"provider/model\", not \"{model}\""))
            .hint("for example \"openai/gpt-4o-mini\" or \"anthropic/claude-sonnet-4-5\"")),
    }
}

fn check_gateway(root: &Ast<'_>, config: &Config) -> Result<(), Problem> {
    if let Some(url) = &config.gateway.public_url {
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        if host.is_none_or(|h| h.is_empty() || h.contains(char::is_whitespace)) || url.contains(['?', '#']) {
            return Err(Problem::new(
                pos(root, &["gateway", "publicUrl"]),
                format!("gateway.publicUrl must be an http(s) address such as \"https://claw.example.com\", not \"{url}\""),
            )
            .hint("the address people reach this gateway at from outside (a reverse proxy or tunnel)"));
        }
    }
    let listen = &config.gateway.listen;
    let ok =
        listen.rsplit_once(':').is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
    if ok {
        return Ok(());
    }
    Err(Problem::new(
        pos(root, &["gateway", "listen"]),
        format!("gateway.listen must be \"host:port\", not \"{listen}\""),
    )
    .hint("for example \"127.0.0.1:18789\""))
}
