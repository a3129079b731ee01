//! Health checks over a home: layout, permissions, configuration and every agent's state.
//! Finds problems and repairs the safe ones (permissions, missing directories, missing
//! transcripts, temporary files an interrupted atomic write left behind). It never prints and
//! never deletes user data: a leftover temporary file is a copy that was never put in place, and
//! a corrupt file that can be started afresh (a pairing file, a channel's offset) or a
//! half-created agent is renamed aside, not removed.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::agent::workspace;
use crate::channel::access;
use crate::home::Home;
use crate::session;
use crate::store::{self, PRIVATE_DIR, PRIVATE_FILE};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is broken.
    Warning,
    /// Something is wrong.
    Error,
}

/// A repair doctor knows how to make safely.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fix {
    /// chmod the path to `mode`.
    Chmod {
        /// Target mode bits.
        mode: u32,
    },
    /// Create the agent's missing directories and bootstrap files (never overwriting).
    CreateAgent {
        /// The agent id.
        agent: String,
    },
    /// Remove a temporary file an atomic write left behind when it was killed (the file it was
    /// to replace is whole: either the old or the new version).
    RemoveLeftover,
    /// Rename the file or directory to `to` (beside it), so what it held is kept but no longer
    /// read.
    SetAside {
        /// The new path.
        to: PathBuf,
    },
    /// Give a session whose transcript is lost, or whose reset was interrupted, a fresh start
    /// (the entry gets a new session id; nothing is deleted).
    RepairSession {
        /// The agent id.
        agent: String,
        /// What is wrong.
        problem: session::Problem,
    },
}

/// One finding.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    /// Warning or error.
    pub severity: Severity,
    /// The file or directory at fault.
    pub path: PathBuf,
    /// One sentence.
    pub message: String,
    /// How `--fix` repairs it, when it can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Runs every check. A missing home is reported as one error finding.
pub fn check(home: &Home) -> Vec<Finding> {
    let mut out = Vec::new();
    if !home.root().is_dir() {
        out.push(error(home.root(), "the home directory does not exist (run `openclaw init`)", None));
        return out;
    }
    check_mode(&mut out, home.root(), PRIVATE_DIR);
    let config_path = home.config_path();
    if !config_path.is_file() {
        out.push(error(&config_path, "gateway.json5 is missing (run `openclaw init`)", None));
        return out;
    }
    check_mode(&mut out, &config_path, PRIVATE_FILE);
    // `config set` and `bind` replace gateway.json5 through a temporary file next to it.
    for entry in std::fs::read_dir(home.root()).into_iter().flatten().flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            check_leftover(&mut out, &entry.path());
        }
    }
    for dir in [home.credentials_dir(), home.gateway_dir()] {
        if dir.is_dir() {
            check_tree_modes(&mut out, &dir);
        }
    }
    let config = match crate::config::load(&config_path) {
        Ok(loaded) => {
            for w in loaded.warnings {
                out.push(warning(&config_path, &w, None));
            }
            loaded.config
        }
        Err(e) => {
            out.push(error(&config_path, &e.to_string(), None));
            let unset = crate::config::unset_variables(&config_path);
            if unset.len() > 1 {
                let message = format!(
                    "{} environment variables the config uses are not set: {}; export them in the gateway's environment",
                    unset.len(),
                    unset.join(", ")
                );
                out.push(error(&config_path, &message, None));
            }
            // An unset ${VAR} still lets the rest be checked, and so does a broken file whose
            // last good copy the gateway kept; the defaults alone would misreport every agent.
            let got = crate::config::load_or_last_good(&config_path, &home.last_good_config_path());
            match got.origin {
                crate::config::Origin::File | crate::config::Origin::LastGood => got.loaded.config,
                crate::config::Origin::Defaults => return out,
            }
        }
    };
    for id in config.agents.keys() {
        check_agent(&mut out, home, id);
    }
    for dir in home.agent_dirs() {
        if config.agents.contains_key(&dir) {
            continue;
        }
        let path = home.agent_dir(&dir);
        if holds_no_user_data(home, &dir) {
            let to = home.agents_dir().join(format!(".{dir}.half-created-{}", stamp()));
            let message = format!(
                "a half-created agent {dir:?} (its creation was interrupted); it blocks `openclaw agent new {dir}` (--fix sets it aside)"
            );
            out.push(error(&path, &message, Some(Fix::SetAside { to })));
        } else {
            out.push(warning(
                &path,
                &format!("directory of agent {dir:?}, which is not in gateway.json5"),
                None,
            ));
        }
    }
    // An agent is built in `agents/.tmp-*` and renamed into place; one left behind was never used.
    for entry in std::fs::read_dir(home.agents_dir()).into_iter().flatten().flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            check_leftover(&mut out, &entry.path());
        }
    }
    check_cron(&mut out, home);
    check_credentials(&mut out, home);
    check_browser(&mut out, home, &config);
    for agent in crate::provider::readiness::check(&config) {
        for note in agent.notes() {
            let message = format!("{}. {}", note.message, note.hint.trim_end_matches('.'));
            out.push(if note.error {
                error(&config_path, &message, None)
            } else {
                warning(&config_path, &message, None)
            });
        }
    }
    out
}

/// Whether the `browser` tool can run for each agent that may use it: `Ok` says which Chromium
/// (or which endpoint it attaches to), `Err` why it is not offered.
pub fn browser_status(config: &crate::config::Config) -> Vec<(String, Result<String, String>)> {
    config
        .agents
        .iter()
        .filter(|(_, a)| {
            crate::tool::ToolPolicy::new(&a.tools.allow, &a.tools.deny).is_ok_and(|p| p.allows("browser"))
                && a.tools.browser.enabled
        })
        .map(|(id, a)| (id.clone(), crate::tool::browser::availability(&a.tools.browser)))
        .collect()
}

/// A browser the owner configured explicitly (`executablePath`) that cannot start is an error;
/// one that is simply not installed is reported by `doctor -v` and `--json`, not as a problem.
fn check_browser(out: &mut Vec<Finding>, home: &Home, config: &crate::config::Config) {
    for (id, agent) in &config.agents {
        let b = &agent.tools.browser;
        if b.enabled
            && b.cdp_url.is_none()
            && b.executable_path.is_some()
            && let Err(e) = crate::tool::browser::launch::find_executable(b)
        {
            out.push(error(&home.config_path(), &format!("agents.{id}: {e}"), None));
        }
    }
}

/// Whether an agent directory holds nothing a user or a conversation wrote: no sessions, no
/// transcripts, no memory logs, no skills, and no workspace file but the bootstrap templates.
fn holds_no_user_data(home: &Home, id: &str) -> bool {
    let empty = |dir: &Path| std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_none());
    let no_sessions = session::SessionStore::open(home, id)
        .read_raw()
        .is_ok_and(|raw| raw.summaries().is_ok_and(|s| s.is_empty()));
    let templates_only = std::fs::read_dir(home.workspace(id)).map_or(true, |d| {
        d.flatten().all(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            (name == "memory" && empty(&home.daily_memory_dir(id)))
                || (name == "skills" && empty(&home.skills_dir(id)))
                || workspace::is_template(&name)
        })
    });
    no_sessions
        && empty(&home.transcripts_dir(id))
        && templates_only
        && std::fs::read_dir(home.agent_dir(id))
            .is_ok_and(|d| d.flatten().all(|e| e.file_name() == "workspace" || e.file_name() == "state"))
}

fn stamp() -> String {
    jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `cron/jobs.json` parses.
fn check_cron(out: &mut Vec<Finding>, home: &Home) {
    if let Err(e) = crate::cron::jobs::load(home) {
        let message = format!(
            "{e}; no job runs until it is repaired: fix it by hand, or move it aside to start with no jobs"
        );
        out.push(error(&crate::cron::jobs::jobs_path(home), &message, None));
    }
}

/// Pairing requests, approved senders, Telegram offsets and other channels' resume positions
/// under `credentials/` parse.
fn check_credentials(out: &mut Vec<Finding>, home: &Home) {
    let mut files: Vec<_> = std::fs::read_dir(home.credentials_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    files.sort();
    let now = jiff::Timestamp::now();
    for name in files {
        let path = home.credentials_dir().join(&name);
        let aside = || Some(Fix::SetAside { to: path.with_file_name(format!("{name}.corrupt-{}", stamp())) });
        let channel = |suffix: &str| name.strip_suffix(suffix).and_then(crate::home::key_from_file_name);
        if let Some(channel) = channel("-pairing.json") {
            if let Err(e) = access::pending(home, Some(&channel), now) {
                let message = format!(
                    "{}; no pairing request of {channel} can be approved until it is repaired (--fix sets it aside; waiting senders then ask again)",
                    cause(&e.to_string(), &path)
                );
                out.push(error(&path, &message, aside()));
            }
        } else if let Some(channel) = channel("-allowFrom.json") {
            if let Err(e) = access::approved(home, &channel) {
                let message = format!(
                    "{}; every approved sender of {channel} is locked out until it is repaired: fix the JSON by hand (the approved ids are in it) or move it aside and approve them again",
                    cause(&e.to_string(), &path)
                );
                out.push(error(&path, &message, None));
            }
        } else if name.starts_with("telegram.") && name.ends_with(".offset") {
            let bytes = store::read_state_file(&path, store::CAP_SMALL);
            let text =
                bytes.as_ref().ok().and_then(|b| b.as_deref()).and_then(|b| std::str::from_utf8(b).ok());
            if text.is_none_or(|t| t.trim().parse::<i64>().is_err()) {
                let why = match &bytes {
                    Err(e) => cause(&e.to_string(), &path),
                    Ok(_) => "does not hold an update offset".to_string(),
                };
                let message = format!(
                    "{why}; the Telegram channel stops until it is repaired (--fix sets it aside; the channel then resumes from the oldest update Telegram still holds)"
                );
                out.push(error(&path, &message, aside()));
            }
        } else if let Some(kind) = cursor_kind(&name) {
            // Every other channel keeps its resume position as a JSON document.
            let bytes = store::read_state_file(&path, store::CAP_SMALL);
            let parsed = bytes
                .as_ref()
                .ok()
                .and_then(|b| b.as_deref())
                .map(serde_json::from_slice::<serde_json::Value>);
            let why = match (&bytes, parsed) {
                (Err(e), _) => Some(cause(&e.to_string(), &path)),
                (Ok(_), Some(Err(e))) => Some(format!("does not hold a resume position ({e})")),
                _ => None,
            };
            if let Some(why) = why {
                let message = format!(
                    "{why}; the {kind} channel stops until it is repaired (--fix sets it aside; the channel then starts from the service's current position)"
                );
                out.push(error(&path, &message, aside()));
            }
        }
    }
}

/// The channel whose resume position `name` is (`<channel>.<account>.cursor.json`).
fn cursor_kind(name: &str) -> Option<&'static str> {
    let (kind, rest) = name.split_once('.')?;
    let kind = crate::channel::kind::find(kind)?;
    rest.ends_with(".json").then_some(kind.name)
}

/// An error's text without the path it starts with (the finding names the file already).
fn cause(message: &str, path: &Path) -> String {
    let shown = path.display().to_string();
    let rest = message.strip_prefix(&format!("{shown}: ")).unwrap_or(message);
    rest.replace(&format!("{shown}: "), "")
}

fn check_agent(out: &mut Vec<Finding>, home: &Home, id: &str) {
    let create = Some(Fix::CreateAgent { agent: id.to_string() });
    if !home.agent_dir(id).is_dir() {
        out.push(error(&home.agent_dir(id), &format!("agent {id:?} has no directory"), create));
        return;
    }
    if !home.workspace(id).is_dir() {
        out.push(error(&home.workspace(id), &format!("agent {id:?} has no workspace"), create.clone()));
    }
    let state = home.state_dir(id);
    if !state.is_dir() || !home.sessions_path(id).is_file() || !home.transcripts_dir(id).is_dir() {
        out.push(error(&state, &format!("agent {id:?} has no complete state directory"), create));
        return;
    }
    check_tree_modes(out, &state);
    check_sessions(out, home, id);
}

/// Session store and transcripts of one agent.
fn check_sessions(out: &mut Vec<Finding>, home: &Home, id: &str) {
    let problems = match session::check(home, id) {
        Ok(problems) => problems,
        Err(e) => {
            out.push(error(&home.sessions_path(id), &e.to_string(), None));
            return;
        }
    };
    for problem in problems {
        let path = match &problem {
            session::Problem::MissingTranscript { path, .. }
            | session::Problem::UnreadableLines { path, .. }
            | session::Problem::OrphanTranscript { path } => path.clone(),
            session::Problem::InterruptedReset { archive, .. } => archive.clone(),
            _ => home.sessions_path(id),
        };
        let message = problem.to_string();
        match &problem {
            session::Problem::UnreadableLines { warnings, .. } => {
                for w in warnings {
                    out.push(warning(&path, w, None));
                }
            }
            session::Problem::OrphanTranscript { .. } => out.push(warning(&path, &message, None)),
            _ if problem.repairable() => {
                let fix = Fix::RepairSession { agent: id.to_string(), problem: problem.clone() };
                out.push(error(&path, &message, Some(fix)));
            }
            _ => out.push(error(&path, &message, None)),
        }
    }
}

/// Why a fix could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// A file operation failed.
    #[error(transparent)]
    Io(#[from] store::IoError),
    /// The session store could not be repaired.
    #[error(transparent)]
    Sessions(#[from] session::StoreError),
}

/// Applies the fix of `finding`, if it has one.
pub fn apply(home: &Home, finding: &Finding) -> Result<(), FixError> {
    match &finding.fix {
        None => Ok(()),
        Some(Fix::Chmod { mode }) => {
            std::fs::set_permissions(&finding.path, std::fs::Permissions::from_mode(*mode))
                .map_err(store::IoError::at("changing permissions of", &finding.path))?;
            Ok(())
        }
        Some(Fix::RemoveLeftover) => {
            let removed = if finding.path.is_dir() {
                std::fs::remove_dir_all(&finding.path)
            } else {
                std::fs::remove_file(&finding.path)
            };
            removed.map_err(store::IoError::at("removing", &finding.path))?;
            Ok(())
        }
        Some(Fix::SetAside { to }) => {
            std::fs::rename(&finding.path, to).map_err(store::IoError::at("setting aside", &finding.path))?;
            Ok(())
        }
        Some(Fix::CreateAgent { agent }) => {
            let identity = workspace::Identity {
                name: workspace::default_name(agent),
                model: "(see gateway.json5)".into(),
            };
            workspace::create(home, agent, &identity)?;
            Ok(())
        }
        Some(Fix::RepairSession { agent, problem }) => {
            session::repair(home, agent, std::slice::from_ref(problem), jiff::Timestamp::now())?;
            Ok(())
        }
    }
}

fn check_tree_modes(out: &mut Vec<Finding>, dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let want = if entry.file_type().is_dir() { PRIVATE_DIR } else { PRIVATE_FILE };
        if entry.file_type().is_dir() || entry.file_type().is_file() {
            check_mode(out, entry.path(), want);
        }
        if entry.file_type().is_file() {
            check_leftover(out, entry.path());
        }
    }
}

/// How old a temporary file must be before it counts as left behind: a write in progress holds
/// one for milliseconds.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// A `.tmp-*` file of `store::write_atomic` that no running write can still own.
fn check_leftover(out: &mut Vec<Finding>, path: &Path) {
    let is_temp = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".tmp-"));
    let old = || {
        let modified = std::fs::symlink_metadata(path).and_then(|m| m.modified());
        modified.is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= LEFTOVER_AGE))
    };
    if is_temp && old() {
        let message = if path.is_dir() {
            "a temporary directory left behind by an interrupted agent creation"
        } else {
            "a temporary file left behind by an interrupted write"
        };
        out.push(warning(path, message, Some(Fix::RemoveLeftover)));
    }
}

fn check_mode(out: &mut Vec<Finding>, path: &Path, want: u32) {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        out.push(error(
            path,
            &format!("permissions are {mode:o}; others can read it (should be {want:o})"),
            Some(Fix::Chmod { mode: want }),
        ));
    }
}

fn error(path: &Path, message: &str, fix: Option<Fix>) -> Finding {
    Finding { severity: Severity::Error, path: path.to_path_buf(), message: message.to_string(), fix }
}

fn warning(path: &Path, message: &str, fix: Option<Fix>) -> Finding {
    Finding { severity: Severity::Warning, path: path.to_path_buf(), message: message.to_string(), fix }
}
