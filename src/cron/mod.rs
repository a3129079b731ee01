//! Scheduled jobs (DESIGN §9, §10): an agent turn or a stale-session reset on a cron expression,
//! an interval or once, with a run history per job. Nothing here prints or loops: the gateway's
//! scheduler (or `openclaw cron run`) asks what is [`due`] and calls [`run_job`] for each.
//!
//! How the gateway uses it, once a tick (every few seconds, or sleeping until [`next_due`]):
//! ```text
//! let in_flight = cron::InFlight::default();               // once
//! for (job, claim) in in_flight.claim_due(&home, Timestamp::now())? {
//!     tokio::spawn(async move {                            // with clones of rt and deliverer
//!         let record = cron::run_job(&rt, &job, Timestamp::now(), &*deliverer).await;
//!         drop(claim);                                     // the job may run again
//!     });
//! }
//! ```
//! [`run_job`] records the run in `cron/runs/<jobId>.jsonl` and updates the job in
//! `cron/jobs.json` (last run, status, failures and back-off, the next run computed from the end
//! of this run, so a job missed while nothing ran fires once, not once per missed slot). A reply
//! goes to the job's `deliver` target through a [`Deliver`] the caller provides; without the
//! gateway, [`NoGateway`] records that the delivery was skipped.

pub mod jobs;
pub mod schedule;

use std::collections::HashSet;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use jiff::Timestamp;

pub use jobs::{
    Action, DeliveryRecord, Job, Jobs, RunRecord, RunUsage, SessionTarget, Status, add, backoff, get, load,
    remove, runs,
};
pub use schedule::{CronExpr, ExprError, Schedule, ScheduleError};

use crate::agent::turn::{self, Inbound, Runtime};
use crate::session;
use crate::store::IoError;

/// Why a cron operation failed (a failing *run* is not an error: it is a [`RunRecord`]).
#[derive(Debug, thiserror::Error)]
pub enum CronError {
    /// A file could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// `jobs.json` is not valid.
    #[error("{}:{line}:{column}: {message}", .path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// No job with this id.
    #[error("no cron job {id:?} (jobs: {})", if known.is_empty() { "none".to_string() } else { known.join(", ") })]
    Unknown {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        known: Vec<String>,
    },
}

/// A boxed future returned by [`Deliver::deliver`].
pub type DeliverFuture<'a> = Pin<Box<dyn Future<Output = Result<String, DeliveryError>> + Send + 'a>>;

/// Why a reply was not delivered.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DeliveryError {
    /// Nothing can deliver here (no gateway, channel not running): the run still counts as ok.
    #[error("{0}")]
    Unavailable(String),
    /// The channel refused or failed: the run counts as failed.
    #[error("{0}")]
    Failed(String),
}

/// Sends a job's reply to a channel peer. The gateway implements it over its running channels.
pub trait Deliver: Send + Sync {
    /// Sends `text` to `peer` on `channel`; returns the channel's message id (or a short
    /// description of what was sent).
    fn deliver<'a>(&'a self, channel: &'a str, peer: &'a str, text: &'a str) -> DeliverFuture<'a>;
}

/// The [`Deliver`] of a run without the gateway: every delivery is skipped, and says why.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoGateway;

impl Deliver for NoGateway {
    fn deliver<'a>(&'a self, _channel: &'a str, _peer: &'a str, _text: &'a str) -> DeliverFuture<'a> {
        Box::pin(async { Err(DeliveryError::Unavailable("delivery needs the running gateway".into())) })
    }
}

/// Cron delivery through the channel outbox: inside the gateway it uses the running account,
/// elsewhere (`openclaw cron run`) it connects for the send. A failed delivery is kept as a dead
/// letter (`openclaw channel dead-letters`).
#[derive(Debug, Clone)]
pub struct DirectDeliver {
    /// The home (channel state such as offsets lives there).
    pub home: crate::home::Home,
    /// The loaded config.
    pub config: Arc<crate::config::Config>,
}

impl Deliver for DirectDeliver {
    fn deliver<'a>(&'a self, channel: &'a str, peer: &'a str, text: &'a str) -> DeliverFuture<'a> {
        Box::pin(async move {
            let origin = crate::channel::outbox::Origin::Cron;
            let channels = &self.config.channels;
            match crate::channel::deliver::to_target(
                &self.home, channels, channel, None, peer, text, origin, None,
            )
            .await
            {
                Ok(sent) => Ok(sent.message_ids.join(",")),
                Err(e) => Err(DeliveryError::Failed(e.to_string())),
            }
        })
    }
}

/// The enabled jobs whose time has come at `now` and that are not backing off, oldest next-run
/// first. A job whose next run is long past (missed while nothing ran) is due once.
pub fn due(home: &crate::home::Home, now: Timestamp) -> Result<Vec<Job>, CronError> {
    let mut out: Vec<Job> = load(home)?.into_values().filter(|j| j.is_due(now)).collect();
    out.sort_by_key(|j| j.next_run_at);
    Ok(out)
}

/// The jobs a long-running scheduler has started and not finished, so a tick never starts a
/// second run of a job whose first run is still going. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct InFlight(Arc<Mutex<HashSet<String>>>);

/// A job claimed from [`InFlight`]; released when dropped (keep it alive for the whole run).
#[derive(Debug)]
pub struct Claim {
    set: InFlight,
    id: String,
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut set) = self.set.0.lock() {
            set.remove(&self.id);
        }
    }
}

impl InFlight {
    /// Claims job `id`; `None` when it is already running.
    pub fn claim(&self, id: &str) -> Option<Claim> {
        let mut set = self.0.lock().ok()?;
        set.insert(id.to_string()).then(|| Claim { set: self.clone(), id: id.to_string() })
    }

    /// The due jobs at `now` that are not running, each claimed.
    pub fn claim_due(
        &self,
        home: &crate::home::Home,
        now: Timestamp,
    ) -> Result<Vec<(Job, Claim)>, CronError> {
        Ok(due(home, now)?.into_iter().filter_map(|j| self.claim(&j.id).map(|c| (j, c))).collect())
    }
}

/// When the scheduler should look again: the earliest time an enabled job becomes due (its
/// next run, or the end of its back-off if later); `None` when no job will run.
pub fn next_due(home: &crate::home::Home) -> Result<Option<Timestamp>, CronError> {
    Ok(load(home)?
        .values()
        .filter(|j| j.enabled)
        .filter_map(|j| j.next_run_at.map(|t| j.backoff_until.map_or(t, |b| b.max(t))))
        .min())
}

/// A job whose stored next run [`recompute_next_runs`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The job.
    pub id: String,
    /// Its schedule (times are shown in its zone).
    pub schedule: Schedule,
    /// The stored next run.
    pub from: Option<Timestamp>,
    /// The next run now.
    pub to: Option<Timestamp>,
}

/// The next run an enabled cron-expression job should have at `now`, given what is stored; the
/// stored value when it is right. A future next run becomes the first match after `now`: an
/// older version matched more days, never fewer, so nothing was due in between. A next run
/// already due stays due if the schedule has a match between the job's last run (or its
/// creation) and `now`, and otherwise moves to the first match after that.
fn recomputed(job: &Job, now: Timestamp) -> Result<Option<Timestamp>, ScheduleError> {
    if !job.enabled || !matches!(job.schedule, Schedule::Cron { .. }) {
        return Ok(job.next_run_at);
    }
    match job.next_run_at {
        None => Ok(None),
        Some(t) if t > now => job.schedule.next_after(now),
        Some(t) => {
            let due = job.schedule.next_after(job.last_run_at.unwrap_or(job.created_at))?;
            Ok(if due.is_some_and(|d| d <= now) { Some(t) } else { due })
        }
    }
}

/// Recomputes the stored next run of every enabled cron-expression job with today's schedule
/// rules, so jobs stored by an older version (which read `*/2` in a day field as `*`) run when
/// they should; the gateway calls it when it starts. Idempotent: a job stored by this version
/// does not move. Returns the jobs that moved, and one warning per job whose schedule no
/// longer parses (those are left as they are). Writes `jobs.json` only when a job moved.
pub fn recompute_next_runs(
    home: &crate::home::Home,
    now: Timestamp,
) -> Result<(Vec<Moved>, Vec<String>), CronError> {
    let mut warnings = Vec::new();
    let stale = |jobs: &Jobs, warnings: &mut Vec<String>| {
        let mut moved = Vec::new();
        for job in jobs.values() {
            match recomputed(job, now) {
                Ok(to) if to != job.next_run_at => moved.push(Moved {
                    id: job.id.clone(),
                    schedule: job.schedule.clone(),
                    from: job.next_run_at,
                    to,
                }),
                Ok(_) => {}
                Err(e) => warnings.push(format!("job {}: {e}", job.id)),
            }
        }
        moved
    };
    if stale(&load(home)?, &mut warnings).is_empty() {
        return Ok((Vec::new(), warnings));
    }
    // Again under the exclusive lock, in case a run finished in between.
    let moved = jobs::update(home, |jobs| {
        let moved = stale(jobs, &mut Vec::new());
        for m in &moved {
            if let Some(job) = jobs.get_mut(&m.id) {
                job.next_run_at = m.to;
            }
        }
        Ok(moved)
    })?;
    Ok((moved, warnings))
}

/// Runs `job` now (`now` is its start time), records the run and updates the job: a message is
/// an agent turn in the job's session, `resetStale` resets the agent's stale sessions. A failure
/// counts in `failures` and backs off (2^failures minutes, at most an hour); success clears
/// both. The next run is computed from the end of the run; a one-shot (`at`) job disables itself.
/// Errors are only about recording; what went wrong in the run is in the returned record.
pub async fn run_job(
    rt: &Runtime,
    job: &Job,
    now: Timestamp,
    deliverer: &dyn Deliver,
) -> Result<RunRecord, CronError> {
    let mut record = RunRecord {
        job_id: job.id.clone(),
        started_at: now,
        finished_at: now,
        status: Status::Ok,
        error: None,
        reply: None,
        session_key: None,
        usage: None,
        delivery: None,
    };
    match &job.action {
        Action::Message { message } => {
            let key = job.session_key();
            record.session_key = Some(key.to_string());
            let inbound =
                Inbound { key, text: message.clone(), from: None, channel: "cron".into(), inbound_id: None };
            match turn::run(rt, inbound, &mut |_| {}).await {
                Ok(out) => {
                    record.usage = Some(RunUsage { input: out.usage.input, output: out.usage.output });
                    record.reply = Some(jobs::cap_reply(&out.reply));
                    if let Some((channel, peer)) = job.deliver_target() {
                        record.delivery =
                            Some(deliver(deliverer, channel, peer, &out.reply, &mut record.error).await);
                    }
                }
                Err(e) => record.error = Some(e.to_string()),
            }
        }
        Action::ResetStale { .. } => match reset_stale(rt, &job.agent, now) {
            Ok(n) => record.reply = Some(format!("reset {n} stale session{}", if n == 1 { "" } else { "s" })),
            Err(e) => record.error = Some(e),
        },
    }
    if record.error.is_some() {
        record.status = Status::Error;
    }
    record.finished_at = Timestamp::now().max(now);
    record_run(&rt.home, job, &record)?;
    Ok(record)
}

async fn deliver(
    deliverer: &dyn Deliver,
    channel: &str,
    peer: &str,
    text: &str,
    error: &mut Option<String>,
) -> DeliveryRecord {
    let to = format!("{channel}:{peer}");
    match deliverer.deliver(channel, peer, text).await {
        Ok(id) => DeliveryRecord { to, status: "sent".into(), detail: id },
        Err(DeliveryError::Unavailable(why)) => DeliveryRecord { to, status: "skipped".into(), detail: why },
        Err(DeliveryError::Failed(why)) => {
            *error = Some(format!("delivery to {to} failed: {why}"));
            DeliveryRecord { to, status: "failed".into(), detail: why }
        }
    }
}

fn reset_stale(rt: &Runtime, agent: &str, now: Timestamp) -> Result<usize, String> {
    rt.agent(agent).map_err(|e| e.to_string())?;
    let policy = session::Policy::from_config(&rt.config.session.reset).map_err(|e| e.to_string())?;
    let target = session::Target::Stale(policy.cutoffs(now));
    session::reset(&rt.home, agent, &target, now, false, &mut |_, _| {})
        .map(|done| done.len())
        .map_err(|e| e.to_string())
}

/// Appends `record` to the job's history and updates the job in `jobs.json` (status, failures,
/// back-off, next run). A job removed while it ran keeps its history and is not re-created.
pub fn record_run(home: &crate::home::Home, job: &Job, record: &RunRecord) -> Result<(), CronError> {
    jobs::append_run(home, record)?;
    jobs::update(home, |all| {
        let Some(stored) = all.get_mut(&job.id) else { return Ok(()) };
        apply(stored, record);
        Ok(())
    })
}

/// The job after `record`: the pure part of [`record_run`].
pub fn apply(job: &mut Job, record: &RunRecord) {
    let end = record.finished_at;
    job.last_run_at = Some(record.started_at);
    job.last_status = Some(record.status);
    match record.status {
        Status::Ok => {
            job.failures = 0;
            job.backoff_until = None;
        }
        Status::Error => {
            job.failures = job.failures.saturating_add(1);
            job.backoff_until = end.checked_add(backoff(job.failures)).ok();
        }
    }
    // A stored schedule that no longer parses stops the job rather than running it in a loop.
    job.next_run_at = job.schedule.next_after(end).ok().flatten();
    if matches!(job.schedule, Schedule::At { .. }) {
        job.enabled = false;
        job.next_run_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn job(schedule: Schedule, next: &str) -> Job {
        Job {
            id: "brief-1a2b".into(),
            name: "brief".into(),
            agent: "main".into(),
            schedule,
            action: Action::Message { message: "hi".into() },
            session: SessionTarget::Isolated,
            deliver: None,
            enabled: true,
            created_at: ts("2026-11-01T00:00:00Z"),
            last_run_at: None,
            last_status: None,
            next_run_at: Some(ts(next)),
            failures: 0,
            backoff_until: None,
        }
    }

    fn record(status: Status, start: &str, end: &str) -> RunRecord {
        RunRecord {
            job_id: "brief-1a2b".into(),
            started_at: ts(start),
            finished_at: ts(end),
            status,
            error: (status == Status::Error).then(|| "boom".into()),
            reply: None,
            session_key: None,
            usage: None,
            delivery: None,
        }
    }

    #[test]
    fn missed_while_down_runs_once_then_from_now() {
        let dir = tempfile::tempdir().unwrap();
        let home = crate::home::Home::new(dir.path());
        let daily = Schedule::Cron { expr: "0 8 * * *".into(), tz: "Europe/Amsterdam".into() };
        // Last computed next run: Monday 08:00; the gateway was down until Thursday 12:00.
        let j = add(&home, job(daily, "2026-11-23T07:00:00Z")).unwrap();
        let now = ts("2026-11-26T11:00:00Z");
        let due_now = due(&home, now).unwrap();
        assert_eq!(due_now.len(), 1, "a missed job is due");
        let done = RunRecord {
            job_id: j.id.clone(),
            ..record(Status::Ok, "2026-11-26T11:00:00Z", "2026-11-26T11:00:05Z")
        };
        record_run(&home, &due_now[0], &done).unwrap();
        assert!(due(&home, now).unwrap().is_empty(), "and only once");
        assert_eq!(next_due(&home).unwrap(), Some(ts("2026-11-27T07:00:00Z")));
        let after = get(&home, &j.id).unwrap();
        assert_eq!(
            after.next_run_at,
            Some(ts("2026-11-27T07:00:00Z")),
            "next is Friday 08:00, not a missed slot"
        );
        assert_eq!(after.last_status, Some(Status::Ok));
        let (history, _) = runs(&home, &j.id, None).unwrap();
        assert_eq!(history, vec![done]);
    }

    #[test]
    fn start_recomputes_next_runs_stored_by_older_versions() {
        let dir = tempfile::tempdir().unwrap();
        let home = crate::home::Home::new(dir.path());
        // Sun, Tue, Thu, Sat at 09:00; the old code read `*/2` as `*`, so it stored any day.
        let odd = Schedule::Cron { expr: "0 9 * * */2".into(), tz: "UTC".into() };
        // Stored for Friday 09:00, a day it must not run.
        let future = add(&home, job(odd.clone(), "2026-11-27T09:00:00Z")).unwrap();
        // Ran on Tuesday, then was stored (and is now due) for Wednesday: not a day of its own.
        let mut wrong_due = job(odd, "2026-11-25T09:00:00Z");
        wrong_due.last_run_at = Some(ts("2026-11-24T09:00:00Z"));
        let wrong_due = add(&home, wrong_due).unwrap();
        // Due for a slot that is right (missed while down): it stays due, and runs once.
        let daily = Schedule::Cron { expr: "0 9 * * *".into(), tz: "UTC".into() };
        let mut daily = job(daily, "2026-11-25T09:00:00Z");
        daily.last_run_at = Some(ts("2026-11-24T09:00:00Z"));
        let daily = add(&home, daily).unwrap();
        let every = add(&home, job(Schedule::Every { every: "1m".into() }, "2030-01-01T00:00:00Z")).unwrap();

        // Thursday 08:00.
        let now = ts("2026-11-26T08:00:00Z");
        let (moved, warnings) = recompute_next_runs(&home, now).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let thursday = Some(ts("2026-11-26T09:00:00Z"));
        assert_eq!(
            moved.iter().map(|m| (m.id.as_str(), m.from, m.to)).collect::<Vec<_>>(),
            [
                (future.id.as_str(), Some(ts("2026-11-27T09:00:00Z")), thursday),
                (wrong_due.id.as_str(), Some(ts("2026-11-25T09:00:00Z")), thursday),
            ]
        );
        assert_eq!(get(&home, &future.id).unwrap().next_run_at, thursday);
        assert_eq!(get(&home, &wrong_due.id).unwrap().next_run_at, thursday);
        assert_eq!(get(&home, &daily.id).unwrap().next_run_at, Some(ts("2026-11-25T09:00:00Z")));
        assert_eq!(get(&home, &every.id).unwrap().next_run_at, Some(ts("2030-01-01T00:00:00Z")));
        let due_now: Vec<String> = due(&home, now).unwrap().into_iter().map(|j| j.id).collect();
        assert_eq!(due_now, [daily.id]);

        // A second start moves nothing and does not rewrite the file.
        let before = std::fs::read(jobs::jobs_path(&home)).unwrap();
        let modified = std::fs::metadata(jobs::jobs_path(&home)).unwrap().modified().unwrap();
        assert!(recompute_next_runs(&home, now).unwrap().0.is_empty());
        assert_eq!(std::fs::read(jobs::jobs_path(&home)).unwrap(), before);
        assert_eq!(std::fs::metadata(jobs::jobs_path(&home)).unwrap().modified().unwrap(), modified);
    }

    #[test]
    fn failures_back_off_and_success_clears() {
        let mut j = job(Schedule::Every { every: "1m".into() }, "2026-11-26T11:00:00Z");
        apply(&mut j, &record(Status::Error, "2026-11-26T11:00:00Z", "2026-11-26T11:00:10Z"));
        assert_eq!(j.failures, 1);
        assert_eq!(j.backoff_until, Some(ts("2026-11-26T11:02:10Z")));
        assert_eq!(j.next_run_at, Some(ts("2026-11-26T11:01:10Z")));
        assert!(!j.is_due(ts("2026-11-26T11:01:30Z")), "backing off");
        assert!(j.is_due(ts("2026-11-26T11:02:10Z")));
        apply(&mut j, &record(Status::Error, "2026-11-26T11:02:10Z", "2026-11-26T11:02:10Z"));
        assert_eq!(j.backoff_until, Some(ts("2026-11-26T11:06:10Z")));
        for _ in 0..10 {
            apply(&mut j, &record(Status::Error, "2026-11-26T11:02:10Z", "2026-11-26T11:02:10Z"));
        }
        assert_eq!(j.backoff_until, Some(ts("2026-11-26T12:02:10Z")), "capped at an hour");
        apply(&mut j, &record(Status::Ok, "2026-11-26T13:00:00Z", "2026-11-26T13:00:01Z"));
        assert_eq!((j.failures, j.backoff_until), (0, None));
    }

    #[test]
    fn in_flight_jobs_are_not_claimed_twice() {
        let dir = tempfile::tempdir().unwrap();
        let home = crate::home::Home::new(dir.path());
        let j = add(&home, job(Schedule::Every { every: "1m".into() }, "2026-11-26T11:00:00Z")).unwrap();
        let now = ts("2026-11-26T11:00:30Z");
        let in_flight = InFlight::default();
        let first = in_flight.claim_due(&home, now).unwrap();
        assert_eq!(first.len(), 1);
        assert!(in_flight.claim_due(&home, now).unwrap().is_empty(), "still running");
        drop(first);
        let again = in_flight.claim_due(&home, now).unwrap();
        assert_eq!(again.first().map(|(j, _)| j.id.clone()), Some(j.id));
    }

    #[test]
    fn one_shot_disables_itself() {
        let mut j = job(Schedule::At { at: "2026-11-26T11:00:00Z".into() }, "2026-11-26T11:00:00Z");
        apply(&mut j, &record(Status::Ok, "2026-11-26T11:00:00Z", "2026-11-26T11:00:01Z"));
        assert!(!j.enabled);
        assert_eq!(j.next_run_at, None);
        assert!(!j.is_due(ts("2030-01-01T00:00:00Z")));
    }
}
