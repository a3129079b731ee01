//! Health checks over a home: layout, permissions, configuration and every agent's state.
//! Finds problems and repairs the safe ones (permissions, missing directories, missing
//! transcripts, temporary files an interrupted atomic write left behind). It never prints and
//! never deletes user data: a leftover temporary file is a copy that was never put in place.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::agent::workspace;
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
            // An unset ${VAR} still lets the rest be checked; a broken file does not.
            match crate::config::load_lenient(&config_path) {
                Ok(loaded) => loaded.config,
                Err(_) => return out,
            }
        }
    };
    for id in config.agents.keys() {
        check_agent(&mut out, home, id);
    }
    for dir in home.agent_dirs() {
        if !config.agents.contains_key(&dir) {
            out.push(warning(
                &home.agent_dir(&dir),
                &format!("directory of agent {dir:?}, which is not in gateway.json5"),
                None,
            ));
        }
    }
    out
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
            std::fs::remove_file(&finding.path).map_err(store::IoError::at("removing", &finding.path))?;
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
        let message = "a temporary file left behind by an interrupted write";
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
