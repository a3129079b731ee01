//! The reset policy (DESIGN §6) and the reset itself.
//!
//! The policy part is pure: [`last_daily_boundary`] and [`Policy::cutoffs`] turn `session.reset`
//! and a clock into two cut-off instants, and [`Cutoffs::reason`] says whether a session is stale.
//! [`reset`] applies resets: under ONE exclusive lock on `sessions.json` for the whole batch it
//! moves each live transcript to `transcripts/archive/<key>.<UTC stamp>.jsonl` and gives the entry
//! a new `sessionId`, `sessionStartedAt` and `resetReason`. Nothing is ever deleted.
//! A session whose turn is running (it holds the turn lock on its transcript) is reset after
//! the turn, never in the middle of it.
//!
//! Crash safety: the transcript is renamed *before* the store is written. A `kill -9` between the
//! two leaves the entry with its old `sessionId` and no live transcript, while the newest archive
//! of that key starts with a header carrying that same id. Nothing is lost and no context leaks
//! into the new session; [`super::check()`] reports it as an interrupted reset and
//! [`super::repair()`] finishes it. (The other order could leave a new `sessionId` pointing at the
//! old conversation, which would silently carry context across a reset.)
//!
//! The new live transcript is created lazily: the next turn calls [`super::transcript::create`],
//! which writes the header with the entry's new id. Writing 10,000 header files (each fsynced)
//! in a cron batch would cost seconds for no benefit.

use std::path::PathBuf;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::archive::archive_stamp;
use super::store::{SessionStore, StoreError};
use crate::config::{ResetConfig, ResetMode};
use crate::home::Home;
use crate::store::{self, FileLock, IoError};

/// Why a session was (or would be) reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResetReason {
    /// The daily boundary passed since the session started.
    Daily,
    /// No interaction for longer than `idleMinutes`.
    Idle,
    /// A user asked (`/new`, `/reset`, `openclaw session reset <key>`).
    Manual,
    /// `openclaw doctor --fix` restarted a session whose transcript was lost.
    Repair,
}

impl ResetReason {
    /// The word stored in `resetReason`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResetReason::Daily => "daily",
            ResetReason::Idle => "idle",
            ResetReason::Manual => "manual",
            ResetReason::Repair => "repair",
        }
    }
}

impl std::fmt::Display for ResetReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `session.reset` section that cannot be applied.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// `atHour` outside 0–23.
    #[error("session.reset.atHour is {0}: use an hour from 0 to 23")]
    Hour(u8),
    /// The time zone is not known.
    #[error("session.reset.timezone {name:?} is not a known time zone: {source}")]
    Zone {
        /// As configured.
        name: String,
        /// From jiff.
        source: jiff::Error,
    },
}

/// The reset policy, validated and ready to evaluate.
#[derive(Debug, Clone)]
pub struct Policy {
    /// `daily`, `idle` or `none`.
    pub mode: ResetMode,
    /// Local hour of the daily boundary.
    pub at_hour: i8,
    /// Zone the hour is in.
    pub tz: TimeZone,
    /// Idle limit; `None` when `idleMinutes` is 0.
    pub idle: Option<SignedDuration>,
}

impl Policy {
    /// Validates `session.reset`.
    pub fn from_config(cfg: &ResetConfig) -> Result<Self, PolicyError> {
        let at_hour =
            i8::try_from(cfg.at_hour).ok().filter(|h| *h <= 23).ok_or(PolicyError::Hour(cfg.at_hour))?;
        let tz =
            cfg.time_zone().map_err(|source| PolicyError::Zone { name: cfg.timezone.clone(), source })?;
        let idle = (cfg.idle_minutes > 0).then(|| {
            SignedDuration::from_mins(
                i64::try_from(cfg.idle_minutes).unwrap_or(i64::MAX / 60 / 1_000_000_000),
            )
        });
        Ok(Self { mode: cfg.mode, at_hour, tz, idle })
    }

    /// The cut-offs in force at `now`; compute once per batch, then test each entry cheaply.
    pub fn cutoffs(&self, now: Timestamp) -> Cutoffs {
        let daily = match self.mode {
            ResetMode::Daily => Some(last_daily_boundary(now, self.at_hour, &self.tz).as_millisecond()),
            ResetMode::Idle | ResetMode::None => None,
        };
        let idle = match self.mode {
            ResetMode::Daily | ResetMode::Idle => {
                self.idle.map(|d| now.as_millisecond().saturating_sub(d.as_millis() as i64))
            }
            ResetMode::None => None,
        };
        Cutoffs { daily, idle }
    }
}

/// Instants (epoch ms) before which a session is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cutoffs {
    /// A session started before this boundary is stale (`daily`).
    pub daily: Option<i64>,
    /// A session last used before this instant is stale (`idle`).
    pub idle: Option<i64>,
}

impl Cutoffs {
    /// Why a session with these times is stale, or `None` when it is fresh. Daily wins over idle.
    pub fn reason(&self, session_started_at: i64, last_interaction_at: i64) -> Option<ResetReason> {
        if self.daily.is_some_and(|b| session_started_at < b) {
            return Some(ResetReason::Daily);
        }
        // Idle counts from the last interaction or the session's start, whichever is later, so
        // a session just reset for idleness is not stale again before anyone speaks.
        if self.idle.is_some_and(|c| last_interaction_at.max(session_started_at) < c) {
            return Some(ResetReason::Idle);
        }
        None
    }
}

/// Why `entry` would be reset at `now` under `policy`, or `None`.
pub fn is_stale(entry: &super::SessionEntry, now: Timestamp, policy: &Policy) -> Option<ResetReason> {
    policy.cutoffs(now).reason(entry.session_started_at, entry.last_interaction_at)
}

/// The most recent instant `<= now` at which the local clock in `tz` read `at_hour`:00.
///
/// When that local time does not exist (a spring-forward gap, e.g. 02:00 in Europe/Amsterdam on
/// the last Sunday of March), the boundary is the instant the clocks jump to (03:00 local), which
/// is jiff's "compatible" disambiguation. When it exists twice (a fall-back fold), the boundary is
/// the first of the two. Days that would give a boundary after `now` (zones that skipped a whole
/// day) fall back to the day before.
pub fn last_daily_boundary(now: Timestamp, at_hour: i8, tz: &TimeZone) -> Timestamp {
    let at_hour = at_hour.clamp(0, 23);
    let mut day: Date = now.to_zoned_datetime(tz.clone()).date();
    for _ in 0..4 {
        if let Ok(b) = day.at(at_hour, 0, 0, 0).to_zoned_datetime(tz.clone()).map(|z| z.timestamp())
            && b <= now
        {
            return b;
        }
        match day.yesterday() {
            Ok(d) => day = d,
            Err(_) => break,
        }
    }
    // Only reachable at the very edge of the representable range.
    now
}

/// What to reset.
#[derive(Debug, Clone)]
pub enum Target {
    /// These canonical keys, for the given reason (`manual` from the CLI and `/new`; the
    /// gateway passes `daily`/`idle` when it resets a stale session before its next message).
    Keys(Vec<String>, ResetReason),
    /// Every session of the agent, `manual`.
    All,
    /// Sessions stale at the given cut-offs, with the policy's reason.
    Stale(Cutoffs),
}

/// One session that was (or, in a dry run, would be) reset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetOutcome {
    /// Canonical session key.
    pub key: String,
    /// The agent.
    pub agent: String,
    /// Why.
    pub reason: ResetReason,
    /// Where the transcript went; `None` when there was no live transcript.
    pub archived_to: Option<PathBuf>,
}

/// Why a reset could not be done; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be moved.
    #[error(transparent)]
    Io(#[from] IoError),
    /// A key that has neither an entry nor a transcript.
    #[error("no session {key} in {}", .store.display())]
    Unknown {
        /// The key asked for.
        key: String,
        /// The agent's sessions.json.
        store: PathBuf,
    },
    /// The reset's thread ended before it finished (the gateway is shutting down).
    #[error("the reset was interrupted: {0}")]
    Interrupted(String),
}

/// Resets the sessions of `agent` selected by `target`, under one exclusive lock.
///
/// With `dry_run` it only reports what it would do (under a shared lock; nothing changes).
/// `progress` is called with the number of sessions handled so far. Explicit keys that have
/// neither an entry nor a live transcript fail the whole batch before anything is changed.
pub fn reset(
    home: &Home,
    agent: &str,
    target: &Target,
    now: Timestamp,
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ResetOutcome>, ResetError> {
    apply(home, agent, target, now, dry_run, progress, None)
}

/// Resets session `key` of `agent` from inside its own turn (`/new`, a reset due when the turn
/// begins): the caller holds the session's turn lock, so this does not wait for it.
pub fn reset_in_turn(
    home: &Home,
    agent: &str,
    key: &str,
    reason: ResetReason,
    now: Timestamp,
) -> Result<Vec<ResetOutcome>, ResetError> {
    let target = Target::Keys(vec![key.to_string()], reason);
    apply(home, agent, &target, now, false, &mut |_, _| {}, Some(key))
}

/// [`reset`], where `held` names a session whose turn lock the caller already holds.
fn apply(
    home: &Home,
    agent: &str,
    target: &Target,
    now: Timestamp,
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
    held: Option<&str>,
) -> Result<Vec<ResetOutcome>, ResetError> {
    let store = SessionStore::open(home, agent);
    // Plan under the shared lock first: a dry run stops here, and an empty plan never takes the
    // exclusive lock (which would create the state directory of an agent that has none).
    let sessions = store.load()?;
    let planned = plan(home, &store, &sessions, target)?;
    drop(sessions);
    if dry_run || planned.is_empty() {
        return Ok(planned
            .into_iter()
            .map(|(key, reason)| {
                let live = home.transcript_path(agent, &key);
                let archived_to = live.is_file().then(|| home.archive_path(agent, &key, &archive_stamp(now)));
                ResetOutcome { key, agent: agent.to_string(), reason, archived_to }
            })
            .collect());
    }
    let mut out = Vec::with_capacity(planned.len());
    let mut ctx = Apply { home, agent, now, archive_ready: false };
    let mut busy = Vec::new();
    {
        let mut locked = store.lock()?;
        let plan = plan(home, &store, &locked.sessions, target)?;
        let total = plan.len();
        for (i, (key, reason)) in plan.into_iter().enumerate() {
            // A turn appends to the live transcript under this lock; moving the transcript (and
            // changing the session id) in the middle of a turn would leave its next lines in a
            // new file without a header. Waiting for it here, while holding sessions.json, would
            // deadlock with the turn's own store update: a busy session is done afterwards.
            let turn = if held == Some(key.as_str()) {
                Some(None)
            } else {
                try_turn_lock(&home.transcript_path(agent, &key))?
            };
            let Some(_turn) = turn else {
                busy.push(key);
                continue;
            };
            out.push(ctx.reset_one(&mut locked.sessions, key, reason)?);
            progress(i + 1, total);
        }
        ctx.sync()?;
        if !out.is_empty() {
            locked.save()?;
        }
    }
    // Sessions with a turn in progress: wait for the turn, then take the store, in the turn's
    // own lock order (transcript, then sessions.json); still due, they are reset.
    for key in busy {
        let _turn = FileLock::exclusive(&home.transcript_path(agent, &key))?;
        let mut locked = store.lock()?;
        let Some((key, reason)) =
            plan(home, &store, &locked.sessions, target)?.into_iter().find(|(k, _)| *k == key)
        else {
            continue;
        };
        out.push(ctx.reset_one(&mut locked.sessions, key, reason)?);
        ctx.sync()?;
        locked.save()?;
    }
    Ok(out)
}

/// The turn lock of the session whose live transcript is `live`, when no turn holds it: `None`
/// when a turn runs. A session without a transcripts directory has no turn to wait for.
fn try_turn_lock(live: &std::path::Path) -> Result<Option<Option<FileLock>>, IoError> {
    if !live.parent().is_some_and(std::path::Path::is_dir) {
        return Ok(Some(None));
    }
    Ok(FileLock::try_exclusive(live)?.map(Some))
}

/// What applying resets needs across sessions.
struct Apply<'a> {
    home: &'a Home,
    agent: &'a str,
    now: Timestamp,
    archive_ready: bool,
}

impl Apply<'_> {
    /// Archives the live transcript of `key` (if any) and restarts its entry; the caller holds
    /// the store's lock and the session's turn lock.
    fn reset_one(
        &mut self,
        sessions: &mut super::Sessions,
        key: String,
        reason: ResetReason,
    ) -> Result<ResetOutcome, ResetError> {
        let (home, agent) = (self.home, self.agent);
        let live = home.transcript_path(agent, &key);
        let archived_to = if live.is_file() {
            if !self.archive_ready {
                store::create_dir_private(&home.archive_dir(agent))?;
                self.archive_ready = true;
            }
            let dest = free_archive_path(home, agent, &key, self.now);
            std::fs::rename(&live, &dest).map_err(IoError::at("archiving", live.clone()))?;
            Some(dest)
        } else {
            None
        };
        if let Some(entry) = sessions.get_mut(&key) {
            entry.restart(reason, self.now.as_millisecond());
        }
        Ok(ResetOutcome { key, agent: agent.to_string(), reason, archived_to })
    }

    /// Makes the renames durable before the store that records them is written.
    fn sync(&self) -> Result<(), ResetError> {
        if self.archive_ready {
            super::archive::sync_dir(&self.home.archive_dir(self.agent))?;
            super::archive::sync_dir(&self.home.transcripts_dir(self.agent))?;
        }
        Ok(())
    }
}

fn plan(
    home: &Home,
    store: &SessionStore,
    sessions: &super::Sessions,
    target: &Target,
) -> Result<Vec<(String, ResetReason)>, ResetError> {
    Ok(match target {
        Target::Keys(keys, reason) => {
            let mut out = Vec::with_capacity(keys.len());
            for key in keys {
                if !sessions.contains_key(key) && !home.transcript_path(store.agent(), key).is_file() {
                    return Err(ResetError::Unknown { key: key.clone(), store: store.path().to_path_buf() });
                }
                if !out.iter().any(|(k, _)| k == key) {
                    out.push((key.clone(), *reason));
                }
            }
            out
        }
        Target::All => sessions.keys().map(|k| (k.clone(), ResetReason::Manual)).collect(),
        Target::Stale(cutoffs) => sessions
            .iter()
            .filter_map(|(k, e)| {
                cutoffs.reason(e.session_started_at, e.last_interaction_at).map(|r| (k.clone(), r))
            })
            .collect(),
    })
}

/// An archive path for `key` at `now` that does not exist yet (bumping the stamp by a
/// millisecond when the same key was archived within the same millisecond).
fn free_archive_path(home: &Home, agent: &str, key: &str, now: Timestamp) -> PathBuf {
    let mut at = now;
    loop {
        let p = home.archive_path(agent, key, &archive_stamp(at));
        if !p.exists() {
            return p;
        }
        at = at.saturating_add(SignedDuration::from_millis(1)).unwrap_or(at);
        if at == now {
            return p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn tz(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    fn at(name: &str, y: i16, m: i8, d: i8, h: i8, min: i8) -> Timestamp {
        date(y, m, d).at(h, min, 0, 0).to_zoned_datetime(tz(name)).unwrap().timestamp()
    }

    #[test]
    fn boundary_is_today_after_the_hour_and_yesterday_before() {
        let z = tz("Europe/Amsterdam");
        let b = last_daily_boundary(at("Europe/Amsterdam", 2026, 11, 24, 10, 0), 4, &z);
        assert_eq!(b, at("Europe/Amsterdam", 2026, 11, 24, 4, 0));
        let b = last_daily_boundary(at("Europe/Amsterdam", 2026, 11, 24, 3, 59), 4, &z);
        assert_eq!(b, at("Europe/Amsterdam", 2026, 11, 23, 4, 0));
        // Exactly at the boundary counts as passed.
        let b = last_daily_boundary(at("Europe/Amsterdam", 2026, 11, 24, 4, 0), 4, &z);
        assert_eq!(b, at("Europe/Amsterdam", 2026, 11, 24, 4, 0));
    }

    #[test]
    fn spring_forward_gap_uses_the_instant_clocks_jump_to() {
        // 2026-03-29 Europe/Amsterdam: 02:00 CET jumps to 03:00 CEST; 02:00 does not exist.
        let z = tz("Europe/Amsterdam");
        let now: Timestamp = "2026-03-29T08:00:00Z".parse().unwrap();
        let b = last_daily_boundary(now, 2, &z);
        assert_eq!(b.to_string(), "2026-03-29T01:00:00Z"); // 03:00 CEST
        // 2026-03-08 America/New_York: 02:00 EST jumps to 03:00 EDT.
        let z = tz("America/New_York");
        let now: Timestamp = "2026-03-08T12:00:00Z".parse().unwrap();
        assert_eq!(last_daily_boundary(now, 2, &z).to_string(), "2026-03-08T07:00:00Z"); // 03:00 EDT
        // And a normal hour on that day is just that hour in the new offset.
        assert_eq!(last_daily_boundary(now, 4, &z).to_string(), "2026-03-08T08:00:00Z"); // 04:00 EDT
    }

    #[test]
    fn fall_back_fold_uses_the_first_occurrence() {
        // 2026-11-01 America/New_York: 01:00–02:00 happens twice (EDT, then EST).
        let z = tz("America/New_York");
        let now: Timestamp = "2026-11-01T12:00:00Z".parse().unwrap();
        assert_eq!(last_daily_boundary(now, 1, &z).to_string(), "2026-11-01T05:00:00Z"); // 01:00 EDT
        // 2026-10-25 Europe/Amsterdam: 02:00–03:00 twice.
        let z = tz("Europe/Amsterdam");
        let now: Timestamp = "2026-10-25T12:00:00Z".parse().unwrap();
        assert_eq!(last_daily_boundary(now, 2, &z).to_string(), "2026-10-25T00:00:00Z"); // 02:00 CEST
        // Between the fold's two 02:30s the boundary is already today's first 02:00.
        let now: Timestamp = "2026-10-25T01:30:00Z".parse().unwrap(); // 02:30 CET (second)
        assert_eq!(last_daily_boundary(now, 2, &z).to_string(), "2026-10-25T00:00:00Z");
    }

    #[test]
    fn zone_that_skipped_a_day() {
        // Pacific/Apia skipped 2011-12-30 entirely; a 04:00 boundary on the 31st before 04:00
        // must fall back to the 29th, not land in the future.
        let z = tz("Pacific/Apia");
        let now = at("Pacific/Apia", 2011, 12, 31, 1, 0);
        let b = last_daily_boundary(now, 4, &z);
        assert!(b <= now);
        assert_eq!(b, at("Pacific/Apia", 2011, 12, 29, 4, 0));
    }

    #[test]
    fn cutoffs_follow_the_mode() {
        let now: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let utc = TimeZone::UTC;
        let p = |mode, idle| Policy { mode, at_hour: 4, tz: utc.clone(), idle };
        let boundary = "2026-11-24T04:00:00Z".parse::<Timestamp>().unwrap().as_millisecond();
        let n = now.as_millisecond();
        let c = p(ResetMode::Daily, None).cutoffs(now);
        assert_eq!(c.reason(boundary - 1, n), Some(ResetReason::Daily));
        assert_eq!(c.reason(boundary, 0), None);
        let c = p(ResetMode::Daily, Some(SignedDuration::from_mins(30))).cutoffs(now);
        assert_eq!(c.reason(boundary, n - 31 * 60_000), Some(ResetReason::Idle));
        assert_eq!(c.reason(boundary, n - 29 * 60_000), None);
        let c = p(ResetMode::Idle, Some(SignedDuration::from_mins(30))).cutoffs(now);
        assert_eq!(c.reason(0, n - 29 * 60_000), None);
        assert_eq!(c.reason(0, n - 31 * 60_000), Some(ResetReason::Idle));
        // Just reset (started now), not spoken since: not idle.
        assert_eq!(c.reason(n, n - 31 * 60_000), None);
        assert_eq!(p(ResetMode::Idle, None).cutoffs(now), Cutoffs::default());
        assert_eq!(p(ResetMode::None, Some(SignedDuration::from_mins(1))).cutoffs(now), Cutoffs::default());
    }

    #[test]
    fn config_is_validated() {
        let mut cfg = ResetConfig { timezone: "Mars/Olympus".into(), ..ResetConfig::default() };
        assert!(Policy::from_config(&cfg).unwrap_err().to_string().contains("Mars/Olympus"));
        cfg.timezone = "UTC".into();
        cfg.at_hour = 24;
        assert!(Policy::from_config(&cfg).unwrap_err().to_string().contains("24"));
    }

    #[test]
    fn a_reset_waits_for_the_turn_in_progress() {
        use crate::session::transcript::{Line, Message, append, create};
        use crate::session::{SessionEntry, SessionKey};
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let key = SessionKey::main("main");
        SessionStore::open(&home, "main").upsert(&key, SessionEntry::new(1)).unwrap();
        let now: Timestamp = "2026-11-24T04:00:00Z".parse().unwrap();
        create(&home, &key, "sid", now).unwrap();
        let live = home.transcript_path("main", &key.to_string());
        // A turn in progress holds its lock while it appends the user's line, then the reply.
        let turn = crate::store::FileLock::exclusive(&live).unwrap();
        append(&home, &key, &Line::Message(Message::user("question", None))).unwrap();
        std::thread::scope(|s| {
            let resetting = s.spawn(|| {
                let target = Target::Keys(vec![key.to_string()], ResetReason::Manual);
                reset(&home, "main", &target, now, false, &mut |_, _| {}).unwrap()
            });
            std::thread::sleep(std::time::Duration::from_millis(300));
            assert!(live.is_file(), "the transcript was moved in the middle of a turn");
            append(&home, &key, &Line::Message(Message::user("the reply", None))).unwrap();
            drop(turn);
            let out = resetting.join().unwrap();
            let archived = std::fs::read_to_string(out[0].archived_to.as_ref().unwrap()).unwrap();
            assert_eq!(archived.lines().count(), 3, "header, question and reply together: {archived}");
            assert!(!live.exists());
        });
    }

    #[test]
    fn resets_in_the_same_millisecond_get_distinct_archives() {
        use crate::session::transcript::{Line, Message, create};
        use crate::session::{SessionEntry, SessionKey};
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        let key = SessionKey::main("main");
        SessionStore::open(&home, "main").upsert(&key, SessionEntry::new(1)).unwrap();
        let now: Timestamp = "2026-11-24T04:00:00Z".parse().unwrap();
        let target = Target::Keys(vec![key.to_string()], ResetReason::Daily);
        for round in 0..2 {
            create(&home, &key, "sid", now).unwrap();
            crate::session::transcript::append(
                &home,
                &key,
                &Line::Message(Message::user(format!("{round}"), None)),
            )
            .unwrap();
            let out = reset(&home, "main", &target, now, false, &mut |_, _| {}).unwrap();
            assert_eq!(out[0].reason, ResetReason::Daily);
        }
        let names: Vec<String> = crate::session::archive::list(&home, "main")
            .unwrap()
            .iter()
            .map(|a| a.path.display().to_string())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].ends_with("agent:main:main.20261124T040000.000Z.jsonl"), "{names:?}");
        assert!(names[1].ends_with("agent:main:main.20261124T040000.001Z.jsonl"), "{names:?}");
        let e = SessionStore::open(&home, "main").get("agent:main:main").unwrap().unwrap();
        assert_eq!((e.session_started_at, e.reset_reason), (now.as_millisecond(), Some(ResetReason::Daily)));
    }

    const ZONES: &[&str] = &[
        "UTC",
        "Europe/Amsterdam",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "America/Sao_Paulo",
    ];

    proptest! {
        #[test]
        fn boundary_is_recent_past_at_the_local_hour(
            secs in 1_600_000_000i64..2_000_000_000,
            hour in 0i8..24,
            zone in proptest::sample::select(ZONES),
        ) {
            let z = tz(zone);
            let now = Timestamp::from_second(secs).unwrap();
            let b = last_daily_boundary(now, hour, &z);
            prop_assert!(b <= now);
            // A day is at most 25 hours long across a DST change.
            prop_assert!(now.duration_since(b) < SignedDuration::from_hours(25));
            let local = b.to_zoned_datetime(z.clone());
            // At the configured hour, unless that hour fell in a gap (then just after it).
            let gap = date_hour_missing(&z, local.date(), hour);
            prop_assert!(local.minute() == 0 || gap, "{local}");
            prop_assert!(local.hour() == hour || gap, "{local} hour {hour}");
            // And no later boundary fits: the next day's boundary is after now.
            if let Ok(next) = local.date().tomorrow() {
                let nb = next.at(hour, 0, 0, 0).to_zoned_datetime(z.clone()).unwrap().timestamp();
                prop_assert!(nb > now);
            }
        }
    }

    proptest! {
        #[test]
        fn stale_stays_stale_and_fresh_sessions_are_fresh(
            now_s in 1_600_000_000i64..2_000_000_000,
            later_s in 0i64..200_000,
            started_ago in 0i64..300_000,
            idle_ago in 0i64..300_000,
            hour in 0i8..24,
            idle_min in proptest::option::of(1i64..3000),
            daily in any::<bool>(),
            zone in proptest::sample::select(ZONES),
        ) {
            let policy = Policy {
                mode: if daily { ResetMode::Daily } else { ResetMode::Idle },
                at_hour: hour,
                tz: tz(zone),
                idle: idle_min.map(SignedDuration::from_mins),
            };
            let now = Timestamp::from_second(now_s).unwrap();
            let later = Timestamp::from_second(now_s + later_s).unwrap();
            let started = (now_s - started_ago) * 1000;
            let last = (now_s - idle_ago) * 1000;
            let at_now = policy.cutoffs(now).reason(started, last);
            if at_now.is_some() {
                // Time only moves sessions towards staleness.
                prop_assert!(policy.cutoffs(later).reason(started, last).is_some());
            }
            // A session that starts (is reset) now is never stale now.
            prop_assert_eq!(policy.cutoffs(now).reason(now_s * 1000, now_s * 1000), None);
        }
    }

    fn date_hour_missing(z: &TimeZone, d: Date, hour: i8) -> bool {
        matches!(
            z.to_ambiguous_zoned_datetime(d.at(hour, 0, 0, 0)).offset(),
            jiff::tz::AmbiguousOffset::Gap { .. }
        )
    }
}
