//! The file-era parts of an OpenClaw home other than sessions: workspaces and shared skills
//! (copied byte for byte), approved senders, cron jobs, and the report of what is left over.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::config::Mapped;
use super::{Action, FileFrom, ImportError, Op, Planner};
use crate::channel::access::ApprovedSender;
use crate::home::Home;
use crate::store::{self, IoError, PRIVATE_FILE};

/// Agent ids with a directory under the source's `agents/` that are valid ids here.
pub(crate) fn agent_dirs(src: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(src.join("agents"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|id| crate::agent::validate_id(id).is_ok())
        .collect();
    ids.sort();
    ids
}

/// Whether any agent has a file-era session store.
pub(crate) fn has_file_sessions(src: &Path) -> bool {
    agent_dirs(src)
        .iter()
        .any(|id| src.join("agents").join(id).join("sessions").join("sessions.json").is_file())
}

/// The source workspace of an agent: as configured, else `workspace/` for the default agent and
/// `workspace-<id>/` for the others.
fn workspace_of(p: &mut Planner<'_>, mapped: &Mapped, agent: &super::config::SourceAgent) -> PathBuf {
    if let Some(w) = &agent.workspace {
        return configured_workspace(p, &agent.id, w);
    }
    if agent.id == mapped.default_agent {
        if let Some(w) = &mapped.default_workspace {
            return configured_workspace(p, &agent.id, w);
        }
        return p.src.join("workspace");
    }
    p.src.join(format!("workspace-{}", agent.id))
}

/// A workspace path from the source's config: `~/` is the user's home; a path that is not there
/// but whose folder is in the home being imported (a home copied from another machine or user)
/// is read from there, with a warning that says so.
fn configured_workspace(p: &mut Planner<'_>, agent: &str, configured: &str) -> PathBuf {
    let path = match configured.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map_or_else(|| PathBuf::from(configured), |h| PathBuf::from(h).join(rest)),
        None => PathBuf::from(configured),
    };
    if path.is_dir() {
        return path;
    }
    let here = path.file_name().map(|name| p.src.join(name));
    match here {
        Some(here) if here.is_dir() => {
            p.warn(format!(
                "agent {agent}: the configured workspace {} is not there; read {} instead (the home was moved?)",
                path.display(),
                here.display()
            ));
            here
        }
        _ => path,
    }
}

/// Files under `dir` (relative paths, sorted); symlinks and other non-files are reported.
fn files_under(p: &mut Planner<'_>, dir: &Path, what: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                p.warn(format!("reading {what}: {err}"));
                continue;
            }
        };
        let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
        if e.file_type().is_file() {
            out.push(rel);
        } else if e.file_type().is_symlink() {
            p.unmapped(
                format!("{what}/{}", rel.display()),
                "a symbolic link: not followed (a workspace here may not point outside itself)",
            );
        }
    }
    out
}

pub(crate) fn plan_workspaces(p: &mut Planner<'_>, mapped: &Mapped) {
    let shared_skills = p.src.join("skills");
    for agent in &mapped.agents {
        let dir = workspace_of(p, mapped, agent);
        let target = p.home.workspace(&agent.id);
        if dir.is_dir() {
            let label = dir.display().to_string();
            for rel in files_under(p, &dir, &label) {
                let top_level_template = rel.components().count() == 1;
                p.file("workspace", target.join(&rel), FileFrom::Path(dir.join(&rel)), top_level_template);
            }
            let bootstrap = target.join("BOOTSTRAP.md");
            let ours = std::fs::read(&bootstrap).ok();
            let will_be_template =
                ours.as_ref().is_none_or(|b| crate::agent::workspace::is_pristine("BOOTSTRAP.md", b));
            if !dir.join("BOOTSTRAP.md").exists() && will_be_template {
                p.ops.push(Op::DropBootstrap { agent: agent.id.clone() });
                if ours.is_some() {
                    p.item(
                        Action::Create,
                        "workspace",
                        p.rel(&bootstrap),
                        Some("removed: the first-run bootstrap already happened in OpenClaw".into()),
                    );
                }
            }
        } else {
            p.warn(format!(
                "agent {}: no workspace at {}; it starts with the built-in one",
                agent.id,
                dir.display()
            ));
        }
        // OpenClaw's shared skills: each agent gets its own copy, unless it has one by that name.
        if shared_skills.is_dir() {
            for skill in std::fs::read_dir(&shared_skills).into_iter().flatten().flatten() {
                let name = skill.file_name();
                if !skill.path().is_dir() || dir.join("skills").join(&name).exists() {
                    continue;
                }
                let label = skill.path().display().to_string();
                for rel in files_under(p, &skill.path(), &label) {
                    let to = p.home.skills_dir(&agent.id).join(&name).join(&rel);
                    p.file("workspace", to, FileFrom::Path(skill.path().join(&rel)), false);
                }
            }
        }
    }
}

/// Writes a planned file: a new one atomically, a template of ours replaced atomically.
pub(crate) fn write(path: &Path, from: &FileFrom) -> Result<(), ImportError> {
    let bytes = match from {
        FileFrom::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
        FileFrom::Path(src) => {
            std::borrow::Cow::Owned(std::fs::read(src).map_err(IoError::at("reading", src))?)
        }
    };
    if let Some(dir) = path.parent() {
        store::create_dir_private(dir)?;
    }
    // What is there by now (the home's creation writes starting templates) is replaced only
    // while it is still our untouched template; anything else is left alone.
    if let Ok(have) = std::fs::read(path) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if have != *bytes && crate::agent::workspace::is_pristine(name, &have) {
            store::write_atomic(path, &bytes, PRIVATE_FILE)?;
        }
        return Ok(());
    }
    // Keep a script's executable bit for its owner.
    let mode = match from {
        FileFrom::Path(src) => {
            use std::os::unix::fs::PermissionsExt;
            let m = std::fs::metadata(src).map(|m| m.permissions().mode()).unwrap_or(0);
            PRIVATE_FILE | (m & 0o100)
        }
        FileFrom::Bytes(_) => PRIVATE_FILE,
    };
    store::write_new(path, &bytes, mode)?;
    Ok(())
}

pub(crate) fn drop_bootstrap(home: &Home, agent: &str) -> Result<(), ImportError> {
    let path = home.workspace(agent).join("BOOTSTRAP.md");
    if std::fs::read(&path).is_ok_and(|b| crate::agent::workspace::is_pristine("BOOTSTRAP.md", &b)) {
        std::fs::remove_file(&path).map_err(IoError::at("removing", &path))?;
    }
    Ok(())
}

/// A file's modification time (the epoch when it cannot be read).
pub(crate) fn mtime(path: &Path) -> jiff::Timestamp {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

pub(crate) fn plan_credentials(p: &mut Planner<'_>) {
    let dir = p.src.join("credentials");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let item = format!("credentials/{name}");
        if let Some(stem) = name.strip_suffix("-allowFrom.json") {
            let (channel, account) = match stem.split_once('-') {
                Some((c, a)) => (c.to_string(), Some(a.to_string())),
                None => (stem.to_string(), None),
            };
            let ids = match std::fs::read(&path).map_err(|e| e.to_string()).and_then(|b| {
                serde_json::from_slice::<Value>(&b)
                    .map_err(|e| format!("line {} column {}: {e}", e.line(), e.column()))
            }) {
                Ok(v) => allow_ids(&v),
                Err(e) => {
                    p.warn(format!("{}: {e}; its approved senders are not imported", path.display()));
                    continue;
                }
            };
            let have: Vec<String> = crate::channel::access::approved(p.home, &channel)
                .map(|a| a.into_iter().map(|s| s.id).collect())
                .unwrap_or_default();
            let at = mtime(&path);
            let mut senders = Vec::new();
            for id in ids {
                let action = if have.contains(&id) { Action::Unchanged } else { Action::Create };
                p.item(
                    action,
                    "credentials",
                    format!("{channel}-allowFrom.json"),
                    Some(format!("approved sender {id}")),
                );
                if action == Action::Create {
                    senders.push(ApprovedSender { id, name: None, username: None, approved_at: at });
                }
            }
            if let Some(account) = account {
                p.unmapped(
                    item.clone(),
                    format!(
                        "approvals here are per channel: the senders approved for {channel} account {account:?} may now write to every {channel} account"
                    ),
                );
            }
            if !senders.is_empty() {
                p.ops.push(Op::Approved { channel, senders });
            }
        } else if name.ends_with("-pairing.json") {
            p.unmapped(item, "pending pairing requests are not carried over (their codes expire after an hour; the senders ask again)");
        } else if name == "oauth.json" || name.contains("oauth") {
            p.unmapped(
                item,
                "OAuth logins cannot be carried over: use API keys (\"${VAR}\") under models.providers",
            );
        } else if name == "whatsapp" {
            p.unmapped(
                item,
                "WhatsApp Web (Baileys) credentials: ours uses the WhatsApp Cloud API and cannot use them",
            );
        } else {
            p.unmapped(item, "not imported (secrets are never copied from credential files)");
        }
    }
}

/// Sender ids of an OpenClaw `*-allowFrom.json`: `{allowFrom: [...]}` or a bare list; entries are
/// ids (strings or numbers) or objects with an `id`.
fn allow_ids(v: &Value) -> Vec<String> {
    let list = v.get("allowFrom").or_else(|| v.get("allow")).unwrap_or(v);
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| match e {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Object(o) => o.get("id").map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)),
            _ => None,
        })
        .filter(|s| !s.is_empty() && s != "*")
        .collect()
}

/// A duration in milliseconds as our interval text (`90s`, `30m`, `2h`).
fn every_text(ms: u64) -> String {
    let s = ms / 1000;
    if s > 0 && s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s > 0 && s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{}s", s.max(1))
    }
}

/// One OpenClaw cron job as ours, or why not.
pub(crate) fn map_job(j: &Value, default_agent: &str) -> Result<crate::cron::jobs::Job, String> {
    use crate::cron::jobs::{Action as JobAction, Job, SessionTarget};
    use crate::cron::schedule::Schedule;
    let id = j.get("id").and_then(Value::as_str).ok_or("it has no id")?.to_string();
    let sched = j.get("schedule").ok_or("it has no schedule")?;
    let schedule = match sched.get("kind").and_then(Value::as_str) {
        Some("cron") => Schedule::Cron {
            expr: sched
                .get("expr")
                .and_then(Value::as_str)
                .ok_or("a cron schedule without expr")?
                .to_string(),
            tz: sched.get("tz").and_then(Value::as_str).unwrap_or("local").to_string(),
        },
        Some("every") => Schedule::Every {
            every: every_text(sched.get("everyMs").and_then(Value::as_u64).ok_or("no everyMs")?),
        },
        Some("at") => {
            let at =
                match (sched.get("at").and_then(Value::as_str), sched.get("atMs").and_then(Value::as_i64)) {
                    (Some(a), _) => {
                        a.parse::<jiff::Timestamp>().map_err(|_| format!("unreadable time {a:?}"))?
                    }
                    (None, Some(ms)) => crate::time::from_ms(ms),
                    _ => return Err("an at schedule without a time".into()),
                };
            Schedule::At { at: crate::time::rfc3339_ms(at) }
        }
        other => return Err(format!("schedule kind {:?} has no equivalent", other.unwrap_or("(none)"))),
    };
    schedule.validate().map_err(|e| e.to_string())?;
    let payload = j.get("payload").ok_or("it has no payload")?;
    let message = match payload.get("kind").and_then(Value::as_str) {
        Some("agentTurn") => payload.get("message").and_then(Value::as_str),
        Some("systemEvent") => payload.get("text").and_then(Value::as_str),
        _ => None,
    }
    .ok_or("its payload is neither an agent turn nor a system event with text")?;
    let session = match j.get("sessionTarget").and_then(Value::as_str) {
        Some("main") => SessionTarget::Main,
        _ => SessionTarget::Isolated,
    };
    let delivery = j.get("delivery").or_else(|| payload.get("deliver").filter(|d| d.is_object()));
    let deliver = delivery.and_then(|d| {
        let channel = d.get("channel").and_then(Value::as_str)?;
        let to = d.get("to").and_then(Value::as_str)?;
        Some(format!("{channel}:{to}"))
    });
    let agent = j.get("agentId").and_then(Value::as_str).unwrap_or(default_agent).to_ascii_lowercase();
    let created_at = j
        .get("createdAtMs")
        .and_then(Value::as_i64)
        .map_or(jiff::Timestamp::UNIX_EPOCH, crate::time::from_ms);
    let enabled = j.get("enabled").and_then(Value::as_bool).unwrap_or(true);
    let next_run_at = schedule.next_after(jiff::Timestamp::now()).ok().flatten();
    Ok(Job {
        name: j.get("name").and_then(Value::as_str).unwrap_or(&id).to_string(),
        id,
        agent,
        schedule,
        action: JobAction::Message { message: message.to_string() },
        session,
        deliver,
        enabled,
        created_at,
        last_run_at: None,
        last_status: None,
        next_run_at,
        failures: 0,
        backoff_until: None,
    })
}

/// Plans one OpenClaw job against the jobs the home has.
pub(crate) fn plan_job(
    p: &mut Planner<'_>,
    j: &Value,
    mapped: &Mapped,
    have: &crate::cron::jobs::Jobs,
    label: &str,
) {
    match map_job(j, &mapped.default_agent) {
        Ok(job) if !p.wanted(&job.agent) => {}
        Ok(job) if !mapped.agents.iter().any(|a| a.id == job.agent) => {
            p.unmapped(label, format!("its agent {:?} is not imported", job.agent))
        }
        Ok(job) => {
            let action = match have.get(&job.id) {
                None => Action::Create,
                Some(h) if h.schedule == job.schedule && h.action == job.action && h.agent == job.agent => {
                    Action::Unchanged
                }
                Some(_) => p.differs(),
            };
            p.item(action, "cron", job.id.clone(), Some(format!("{} · {}", job.name, job.schedule)));
            if action == Action::Create {
                p.ops.push(Op::Cron(Box::new(job)));
            }
        }
        Err(why) => p.unmapped(label, why),
    }
}

pub(crate) fn plan_cron(p: &mut Planner<'_>, mapped: &Mapped) {
    let path = p.src.join("cron").join("jobs.json");
    let Ok(bytes) = std::fs::read(&path) else { return };
    let v: Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => {
            p.warn(format!("{}:{}:{}: {e}; no cron job is imported", path.display(), e.line(), e.column()));
            return;
        }
    };
    let have = crate::cron::jobs::load(p.home).unwrap_or_default();
    let list = v.get("jobs").and_then(Value::as_array).cloned().unwrap_or_default();
    for j in &list {
        let name = j.get("name").or_else(|| j.get("id")).and_then(Value::as_str).unwrap_or("?");
        plan_job(p, j, mapped, &have, &format!("cron/jobs.json: {name}"));
    }
    if p.src.join("cron").join("runs").is_dir() {
        p.unmapped("cron/runs/", "run history is not imported (it stays in the source)");
    }
}

/// Top-level entries of the source this importer does not read, with what they are.
pub(crate) fn report_leftovers(p: &mut Planner<'_>) {
    let handled = ["openclaw.json", "agents", "credentials", "cron", "skills", "workspace"];
    let mut names: Vec<String> = std::fs::read_dir(p.src)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !handled.contains(&n.as_str()) && !n.starts_with("workspace-"))
        .collect();
    names.sort();
    for n in names {
        let reason = match n.as_str() {
            ".env" => {
                let vars = env_names(&p.src.join(".env"));
                format!(
                    "variables are not copied; set them in the gateway's environment: {}",
                    vars.join(", ")
                )
            }
            "logs" => "logs are not imported".into(),
            "memory" => "OpenClaw's memory search index; ours is rebuilt from the Markdown files".into(),
            "media" => "media files stay in the source; transcripts reference their images".into(),
            "exec-approvals.json" => {
                "exec approvals match binaries by path; set agents.<id>.tools.exec.allowlist here".into()
            }
            "identity" | "devices" | "nodes" => {
                "device and node pairings cannot be carried over: pair again".into()
            }
            n if n.starts_with("openclaw.json.") => "a backup of openclaw.json".into(),
            n if n.ends_with(".sqlite") || n.ends_with(".sqlite-wal") || n.ends_with(".sqlite-shm") => {
                continue;
            }
            "state" => continue,
            _ => "not used by openclaw (Rust)".into(),
        };
        p.unmapped(n, reason);
    }
    // Per agent: provider logins and model lists kept next to the sessions.
    for id in agent_dirs(p.src) {
        if !p.wanted(&id) {
            continue;
        }
        let agent = p.src.join("agents").join(&id).join("agent");
        let auth = agent.join("auth-profiles.json");
        if let Ok(b) = std::fs::read(&auth) {
            let profiles: Vec<String> = serde_json::from_slice::<Value>(&b)
                .ok()
                .and_then(|v| {
                    v.get("profiles").and_then(Value::as_object).map(|o| o.keys().cloned().collect())
                })
                .unwrap_or_default();
            p.unmapped(
                format!("agents/{id}/agent/auth-profiles.json"),
                format!(
                    "auth profiles ({}) are not copied: give providers an apiKey (\"${{VAR}}\") in gateway.json5",
                    if profiles.is_empty() { "unreadable".to_string() } else { profiles.join(", ") }
                ),
            );
        }
        if agent.join("models.json").is_file() {
            p.unmapped(
                format!("agents/{id}/agent/models.json"),
                "OpenClaw's model catalogue; ours is models.providers",
            );
        }
    }
}

/// Names (never values) of the variables a `.env` file sets.
fn env_names(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("export ").unwrap_or(l.trim());
            let (name, _) = l.split_once('=')?;
            (!name.starts_with('#') && !name.trim().is_empty()).then(|| name.trim().to_string())
        })
        .collect()
}
