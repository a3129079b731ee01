//! `cron/jobs.json` (one object keyed by job id, changed only under its lock and written
//! atomically, 0600) and `cron/runs/<jobId>.jsonl` (one line per run, appended).

use std::path::PathBuf;

use indexmap::IndexMap;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::CronError;
use super::schedule::Schedule;
use crate::home::Home;
use crate::store::{self, FileLock, IoError};

/// What a job does when it fires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Action {
    /// An agent turn with this message.
    Message {
        /// The message.
        message: String,
    },
    /// Reset the agent's stale sessions (the `session.reset` policy).
    ResetStale {
        /// Always true.
        #[serde(rename = "resetStale")]
        reset_stale: bool,
    },
}

/// Which session a message job talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SessionTarget {
    /// The agent's main session, `agent:<id>:main`.
    Main,
    /// A session of its own, `agent:<id>:cron:<jobId>`.
    #[default]
    Isolated,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// It did what it should.
    Ok,
    /// It failed; the run record says why.
    Error,
}

impl Status {
    /// `ok` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Error => "error",
        }
    }
}

/// One scheduled job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    /// Short readable id: the slug of the name and 4 hex digits.
    pub id: String,
    /// The name given at `cron add`.
    pub name: String,
    /// The agent that runs it.
    pub agent: String,
    /// When it runs.
    pub schedule: Schedule,
    /// What it does.
    pub action: Action,
    /// Which session a message goes to.
    #[serde(default)]
    pub session: SessionTarget,
    /// `CHANNEL:PEER` to send the reply to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliver: Option<String>,
    /// Disabled jobs (a one-shot that ran) stay listed but never run.
    pub enabled: bool,
    /// When it was added.
    #[serde(with = "ts")]
    pub created_at: Timestamp,
    /// When it last started.
    #[serde(default, with = "ts_opt", skip_serializing_if = "Option::is_none")]
    pub last_run_at: Option<Timestamp>,
    /// How the last run ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status: Option<Status>,
    /// When it runs next; `None` when it never will again.
    #[serde(default, with = "ts_opt")]
    pub next_run_at: Option<Timestamp>,
    /// Failed runs in a row.
    #[serde(default)]
    pub failures: u32,
    /// After a failure, the job waits until then.
    #[serde(default, with = "ts_opt", skip_serializing_if = "Option::is_none")]
    pub backoff_until: Option<Timestamp>,
}

impl Job {
    /// Whether it should run at `now`: enabled, its time has come (even long ago: a job missed
    /// while nothing ran is due once) and it is not backing off.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.enabled
            && self.next_run_at.is_some_and(|t| t <= now)
            && self.backoff_until.is_none_or(|t| t <= now)
    }

    /// The session key a message job talks to.
    pub fn session_key(&self) -> crate::session::SessionKey {
        match self.session {
            SessionTarget::Main => crate::session::SessionKey::main(&self.agent),
            SessionTarget::Isolated => crate::session::SessionKey::cron(&self.agent, &self.id),
        }
    }

    /// The delivery target, split into channel and peer.
    pub fn deliver_target(&self) -> Option<(&str, &str)> {
        self.deliver.as_deref().and_then(|d| d.split_once(':'))
    }
}

/// The wait after the `failures`-th failure in a row: 2^failures minutes, at most an hour.
pub fn backoff(failures: u32) -> SignedDuration {
    SignedDuration::from_mins(1i64 << failures.min(6)).min(SignedDuration::from_hours(1))
}

/// Usage of a run's turn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunUsage {
    /// Prompt tokens.
    pub input: u64,
    /// Completion tokens.
    pub output: u64,
}

/// What happened to a run's reply on its way to `deliver`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRecord {
    /// `CHANNEL:PEER`.
    pub to: String,
    /// `sent`, `failed` or `skipped`.
    pub status: String,
    /// The channel's message id, its error, or why it was skipped.
    pub detail: String,
}

/// One line of `cron/runs/<jobId>.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    /// The job.
    pub job_id: String,
    /// When it started.
    #[serde(with = "ts")]
    pub started_at: Timestamp,
    /// When it ended.
    #[serde(with = "ts")]
    pub finished_at: Timestamp,
    /// How it ended.
    pub status: Status,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The agent's reply (capped at [`REPLY_CAP`] bytes), or what a reset did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// The session the turn ran in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_key: Option<String>,
    /// Tokens used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<RunUsage>,
    /// Where the reply went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryRecord>,
}

/// Bytes of reply kept in a run record.
pub const REPLY_CAP: usize = 4000;

/// Cuts `text` to [`REPLY_CAP`] bytes on a character boundary, with a marker.
pub fn cap_reply(text: &str) -> String {
    if text.len() <= REPLY_CAP {
        return text.to_string();
    }
    let mut cut = REPLY_CAP;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… [cut, {} bytes more]", &text[..cut], text.len() - cut)
}

/// The jobs, keyed by id, in the order they were added.
pub type Jobs = IndexMap<String, Job>;

/// `cron/jobs.json`.
pub fn jobs_path(home: &Home) -> PathBuf {
    home.cron_dir().join("jobs.json")
}

/// `cron/runs/<jobId>.jsonl`.
pub fn runs_path(home: &Home, id: &str) -> PathBuf {
    home.cron_dir().join("runs").join(format!("{id}.jsonl"))
}

/// Reads every job; a missing file is no jobs.
pub fn load(home: &Home) -> Result<Jobs, CronError> {
    let path = jobs_path(home);
    if !home.cron_dir().is_dir() {
        return Ok(Jobs::new());
    }
    let _lock = FileLock::shared(&path)?;
    read(&path)
}

fn read(path: &std::path::Path) -> Result<Jobs, CronError> {
    let Some(bytes) = store::read_state_file(path, store::CAP_DOCUMENT)? else { return Ok(Jobs::new()) };
    serde_json::from_slice(&bytes).map_err(|e| CronError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: store::excerpt(&e.to_string(), 200),
    })
}

/// Reads the jobs, lets `f` change them, and writes them back atomically, all under the
/// exclusive lock. When `f` fails nothing is written.
pub fn update<T>(home: &Home, f: impl FnOnce(&mut Jobs) -> Result<T, CronError>) -> Result<T, CronError> {
    store::create_dir_private(&home.cron_dir())?;
    let path = jobs_path(home);
    let _lock = FileLock::exclusive(&path)?;
    let mut jobs = read(&path)?;
    let out = f(&mut jobs)?;
    let mut bytes = serde_json::to_vec_pretty(&jobs).map_err(|e| IoError::at("encoding", &path)(e.into()))?;
    bytes.push(b'\n');
    store::write_atomic(&path, &bytes, store::PRIVATE_FILE)?;
    Ok(out)
}

/// The job called `id`, or an error listing the ids that exist.
pub fn get(home: &Home, id: &str) -> Result<Job, CronError> {
    let jobs = load(home)?;
    jobs.get(id).cloned().ok_or_else(|| unknown(id, &jobs))
}

pub(super) fn unknown(id: &str, jobs: &Jobs) -> CronError {
    CronError::Unknown { id: id.to_string(), known: jobs.keys().cloned().collect() }
}

/// Adds `job` under a fresh id made from its name (the id in `job` is replaced) and returns it.
pub fn add(home: &Home, mut job: Job) -> Result<Job, CronError> {
    update(home, |jobs| {
        let slug = slug(&job.name);
        job.id = loop {
            let hex = uuid::Uuid::new_v4().simple().to_string();
            let id = format!("{slug}-{}", &hex[..4]);
            if !jobs.contains_key(&id) {
                break id;
            }
        };
        jobs.insert(job.id.clone(), job.clone());
        Ok(job)
    })
}

/// Removes the job `id` (its run history stays in `cron/runs/`).
pub fn remove(home: &Home, id: &str) -> Result<Job, CronError> {
    update(home, |jobs| jobs.shift_remove(id).ok_or_else(|| unknown(id, jobs)))
}

/// Lower-case letters and digits of `name` joined by `-`, at most 24 characters; `job` when
/// nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 24 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "job".to_string() } else { out.to_string() }
}

/// Appends a run to the job's history.
pub fn append_run(home: &Home, run: &RunRecord) -> Result<(), CronError> {
    let path = runs_path(home, &run.job_id);
    if let Some(dir) = path.parent() {
        store::create_dir_private(dir)?;
    }
    store::append_line(&path, run)?;
    Ok(())
}

/// The last `tail` runs of a job (all with `None`), oldest first, and one warning per line
/// that could not be read.
pub fn runs(home: &Home, id: &str, tail: Option<usize>) -> Result<(Vec<RunRecord>, Vec<String>), CronError> {
    let path = runs_path(home, id);
    let read = match tail {
        Some(n) => store::read_jsonl_tail(&path, n)?,
        None => store::read_jsonl(&path)?,
    };
    let mut warnings = read.warnings;
    let mut out = Vec::with_capacity(read.lines.len());
    for l in read.lines {
        match RunRecord::deserialize(&l.value) {
            Ok(r) => out.push(r),
            Err(e) => warnings.push(format!("{}:{}: skipped a run record ({e})", path.display(), l.line)),
        }
    }
    Ok((out, warnings))
}

/// Timestamps as RFC 3339 strings with milliseconds.
mod ts {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::rfc3339_ms(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

mod ts_opt {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&crate::time::rfc3339_ms(*t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_backoff() {
        assert_eq!(slug("Morning briefing!"), "morning-briefing");
        assert_eq!(slug("  ☀️ "), "job");
        assert_eq!(slug("a very long name that keeps going on"), "a-very-long-name-that-ke");
        assert_eq!(backoff(1), SignedDuration::from_mins(2));
        assert_eq!(backoff(3), SignedDuration::from_mins(8));
        assert_eq!(backoff(6), SignedDuration::from_hours(1));
        assert_eq!(backoff(40), SignedDuration::from_hours(1));
    }

    #[test]
    fn reply_cap_respects_char_boundaries() {
        let long = "é".repeat(REPLY_CAP);
        let capped = cap_reply(&long);
        assert!(capped.len() < REPLY_CAP + 40);
        assert!(capped.contains("[cut,"));
        assert_eq!(cap_reply("short"), "short");
    }
}
