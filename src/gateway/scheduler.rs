//! The gateway's cron scheduler (DESIGN §10, `cron/jobs.json`): wakes at the next due job (at
//! least every 30 s, so jobs added by `openclaw cron add` are seen), runs each due job once —
//! a job missed while the gateway was down runs once at start — and delivers replies through
//! the job's channel. A job whose run is still going is never started twice.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;

use super::{Gateway, log, stopped};
use crate::cron::{self, DirectDeliver, InFlight, Status};

/// Longest sleep between two looks at `cron/jobs.json`.
const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Runs until the gateway shuts down.
pub(crate) async fn run(gw: Arc<Gateway>) {
    let in_flight = InFlight::default();
    let mut stop = gw.shutdown_signal();
    loop {
        if gw.state().config().cron.enabled && gw.accepting() {
            start_due(&gw, &in_flight);
        }
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
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stopped(&mut stop) => return,
        }
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
