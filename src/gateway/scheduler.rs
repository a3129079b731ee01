//! The gateway's scheduler: cron jobs (DESIGN §10, `cron/jobs.json`) and agent heartbeats. It
//! wakes at the next due job or heartbeat (at least every 30 s, so jobs added by `openclaw cron
//! add` are seen), runs each due job once — a job missed while the gateway was down runs once at
//! start — and delivers replies through the job's channel. When it starts it recomputes the next
//! run of every cron-expression job, so jobs stored by an older version follow today's rules. A job (or an agent's heartbeat) whose
//! run is still going is never started twice.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;

use super::{Gateway, log, stopped};
use crate::agent::heartbeat;
use crate::agent::turn::Inbound;
use crate::cron::{self, DirectDeliver, InFlight, Status};
use crate::session::SessionKey;

/// Longest sleep between two looks at `cron/jobs.json`.
const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Runs until the gateway shuts down.
pub(crate) async fn run(gw: Arc<Gateway>) {
    recompute_next_runs(&gw);
    let in_flight = InFlight::default();
    let mut beats = Heartbeats::default();
    let mut stop = gw.shutdown_signal();
    loop {
        if gw.state().config().cron.enabled && gw.accepting() {
            start_due(&gw, &in_flight);
        }
        let next_beat = beats.start_due(&gw);
        let wait = match cron::next_due(&gw.home) {
            Ok(Some(next)) => {
                let ms = (next.as_millisecond() - Timestamp::now().as_millisecond()).max(200) as u64;
                Duration::from_millis(ms).min(MAX_SLEEP)
            }
            Ok(None) => MAX_SLEEP,
            Err(e) => {
                log::warning!("cron: {e}");
                MAX_SLEEP
            }
        };
        let wait = next_beat.map_or(wait, |b| b.min(wait)).max(Duration::from_millis(200));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stopped(&mut stop) => return,
        }
    }
}

/// Jobs stored by an older version get the next run today's schedule rules give them, and the
/// log says which moved.
fn recompute_next_runs(gw: &Gateway) {
    let show = |t: Option<Timestamp>, tz: &jiff::tz::TimeZone| match t {
        Some(t) => t.to_zoned_datetime(tz.clone()).strftime("%a %Y-%m-%d %H:%M %Z").to_string(),
        None => "never".to_string(),
    };
    match cron::recompute_next_runs(&gw.home, Timestamp::now()) {
        Ok((moved, warnings)) => {
            for m in moved {
                let tz = m.schedule.time_zone();
                log::info!(
                    "cron: job {} ({}): next run moved from {} to {} (recomputed at start)",
                    m.id,
                    m.schedule,
                    show(m.from, &tz),
                    show(m.to, &tz)
                );
            }
            for w in warnings {
                log::warning!("cron: {w}");
            }
        }
        Err(e) => log::warning!("cron: {e}"),
    }
}

fn start_due(gw: &Arc<Gateway>, in_flight: &InFlight) {
    let now = Timestamp::now();
    let due = match in_flight.claim_due(&gw.home, now) {
        Ok(due) => due,
        Err(e) => {
            log::warning!("cron: {e}");
            return;
        }
    };
    for (job, claim) in due {
        let gw = gw.clone();
        tokio::spawn(async move {
            let state = gw.state();
            let deliver = DirectDeliver { home: gw.home.clone(), config: state.rt.config.clone() };
            log::info!("cron: running job {} ({})", job.id, job.name);
            match cron::run_job(&state.rt, &job, Timestamp::now(), &deliver).await {
                Ok(record) if record.status == Status::Ok => log::info!("cron: job {} finished", job.id),
                Ok(record) => log::warning!(
                    "cron: job {} failed: {}",
                    job.id,
                    record.error.as_deref().unwrap_or("unknown error")
                ),
                Err(e) => log::error!("cron: job {} could not be recorded: {e}", job.id),
            }
            drop(claim);
        });
    }
}

/// When each agent's heartbeat last started, and which are still running.
#[derive(Default)]
struct Heartbeats {
    last: HashMap<String, Timestamp>,
    running: Arc<Mutex<HashSet<String>>>,
}

impl Heartbeats {
    /// Starts the heartbeats that are due; returns how long until the next one.
    fn start_due(&mut self, gw: &Arc<Gateway>) -> Option<Duration> {
        let state = gw.state();
        let config = state.config();
        let tz = config.session.reset.time_zone().unwrap_or(jiff::tz::TimeZone::UTC);
        let now = Timestamp::now();
        let mut next: Option<Duration> = None;
        for (agent, cfg) in &config.agents {
            let Some(hb) = &cfg.heartbeat else { continue };
            let Ok(every) = crate::time::parse_duration(&hb.every) else { continue };
            let every_ms = every.as_millis().max(1000) as i64;
            // The first beat comes one interval after the gateway starts.
            let last = *self.last.entry(agent.clone()).or_insert(now);
            let due_in = last.as_millisecond() + every_ms - now.as_millisecond();
            if due_in > 0 {
                let d = Duration::from_millis(due_in as u64);
                next = Some(next.map_or(d, |n| n.min(d)));
                continue;
            }
            self.last.insert(agent.clone(), now);
            next = Some(next.map_or(Duration::from_millis(every_ms as u64), |n| {
                n.min(Duration::from_millis(every_ms as u64))
            }));
            if !gw.accepting()
                || !heartbeat::within(hb.active_hours.as_deref(), now.to_zoned_datetime(tz.clone()).time())
            {
                continue;
            }
            let Some(text) = heartbeat::message(&gw.home, agent) else {
                log::debug!("heartbeat: {agent}: HEARTBEAT.md is empty; skipped");
                continue;
            };
            if !self.running.lock().unwrap_or_else(|e| e.into_inner()).insert(agent.clone()) {
                continue;
            }
            let (gw, running, agent) = (gw.clone(), self.running.clone(), agent.clone());
            tokio::spawn(async move {
                beat(&gw, &agent, text).await;
                running.lock().unwrap_or_else(|e| e.into_inner()).remove(&agent);
            });
        }
        next
    }
}

/// One heartbeat turn in the agent's main session, and its delivery.
async fn beat(gw: &Arc<Gateway>, agent: &str, text: String) {
    let inbound = Inbound {
        key: SessionKey::main(agent),
        text,
        from: None,
        channel: "heartbeat".into(),
        inbound_id: None,
    };
    let reply = match gw.run_turn(inbound, &mut |_| {}).await {
        Ok(out) => out.reply,
        Err(e) => {
            log::warning!("heartbeat: {agent}: {e}");
            return;
        }
    };
    if heartbeat::is_ok(&reply) {
        log::info!("heartbeat: {agent}: nothing to report");
        return;
    }
    let Some((channel, account, chat)) = heartbeat::last_channel(&gw.home, agent) else {
        log::warning!(
            "heartbeat: {agent}: a reply was not delivered: the agent has not talked on a channel yet"
        );
        return;
    };
    let config = gw.state().rt.config.clone();
    let origin = crate::channel::outbox::Origin::Heartbeat;
    let delivered = crate::channel::deliver::to_chat(
        &gw.home,
        &config.channels,
        &channel,
        account.as_deref(),
        chat,
        &reply,
        origin,
        None,
    );
    match delivered.await {
        Ok(_) => log::info!("heartbeat: {agent}: delivered to {channel}"),
        Err(e) => log::warning!("heartbeat: {agent}: not delivered to {channel}: {e}"),
    }
}
