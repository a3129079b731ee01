//! Session queues: turns of one session run one at a time in arrival order (a fair mutex per
//! session key), turns of different sessions in parallel up to a global limit.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};

#[derive(Debug, Default)]
struct Slot {
    turn: Arc<tokio::sync::Mutex<()>>,
    /// Turns queued or running.
    depth: AtomicUsize,
}

/// Every session's queue.
#[derive(Debug)]
pub struct Queues {
    slots: Mutex<HashMap<String, Arc<Slot>>>,
    limit: Arc<Semaphore>,
    /// The limit: the semaphore's permits, free and taken, less those `owed`.
    max: Mutex<usize>,
    /// Permits to retire when running turns return them (the limit was lowered).
    owed: AtomicUsize,
}

/// The right to run a turn of one session; the next one in line goes when it is dropped.
#[derive(Debug)]
pub struct Ticket<'q> {
    queues: &'q Queues,
    key: String,
    slot: Arc<Slot>,
    guard: Option<(OwnedMutexGuard<()>, OwnedSemaphorePermit)>,
}

impl Queues {
    /// Queues allowing `max_parallel` turns at once (at least one).
    pub fn new(max_parallel: usize) -> Self {
        let max = max_parallel.max(1);
        Self {
            slots: Mutex::new(HashMap::new()),
            limit: Arc::new(Semaphore::new(max)),
            max: Mutex::new(max),
            owed: AtomicUsize::new(0),
        }
    }

    /// Changes how many turns may run at once (a config reload). A lower limit takes effect as
    /// running turns finish; none is cut short.
    pub fn set_limit(&self, max_parallel: usize) {
        let new = max_parallel.max(1);
        let mut max = self.max.lock().unwrap_or_else(|e| e.into_inner());
        let owed = self.owed.load(Ordering::SeqCst);
        // What the semaphore stands for once the slots still owed are retired.
        let current = *max;
        if new > current {
            // Cancel what is still owed first, then add the rest.
            let cancel = owed.min(new - current);
            self.owed.fetch_sub(cancel, Ordering::SeqCst);
            self.limit.add_permits(new - current - cancel);
        } else if new < current {
            let surplus = current - new;
            let forgotten = self.limit.forget_permits(surplus);
            // The rest are held by running turns: their tickets retire them when dropped.
            self.owed.fetch_add(surplus - forgotten, Ordering::SeqCst);
        }
        *max = new;
    }

    /// Waits for this session's earlier turns and a free slot.
    pub async fn enter(&self, key: &str) -> Ticket<'_> {
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            let slot = slots.entry(key.to_string()).or_default().clone();
            slot.depth.fetch_add(1, Ordering::SeqCst);
            slot
        };
        let mut ticket = Ticket { queues: self, key: key.to_string(), slot, guard: None };
        // The lock is taken before the permit, so arrival order within a session is kept.
        let guard = ticket.slot.turn.clone().lock_owned().await;
        // The semaphore is never closed.
        if let Ok(permit) = self.limit.clone().acquire_owned().await {
            ticket.guard = Some((guard, permit));
        }
        ticket
    }

    /// Sessions with turns queued or running, and how many each.
    pub fn depths(&self) -> Vec<(String, usize)> {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let mut v: Vec<(String, usize)> =
            slots.iter().map(|(k, s)| (k.clone(), s.depth.load(Ordering::SeqCst))).collect();
        v.sort();
        v
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if let Some((guard, permit)) = self.guard.take() {
            let owed = &self.queues.owed;
            if owed.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
                permit.forget();
            }
            drop(guard);
        }
        let mut slots = self.queues.slots.lock().unwrap_or_else(|e| e.into_inner());
        if self.slot.depth.fetch_sub(1, Ordering::SeqCst) == 1 {
            slots.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_parallel_limit_follows_a_reload() {
        let queues = Queues::new(1);
        let a = queues.enter("a").await;
        let blocked = tokio::time::timeout(Duration::from_millis(100), queues.enter("b")).await;
        assert!(blocked.is_err(), "one at a time");
        queues.set_limit(2);
        let b = tokio::time::timeout(Duration::from_secs(5), queues.enter("b")).await.expect("raised to two");
        // Lowered while both run: the third waits, and still waits after one of them finishes.
        queues.set_limit(1);
        drop(a);
        let c = tokio::time::timeout(Duration::from_millis(200), queues.enter("c")).await;
        assert!(c.is_err(), "the freed slot was retired");
        drop(b);
        tokio::time::timeout(Duration::from_secs(5), queues.enter("c")).await.expect("one slot left");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_session_runs_in_arrival_order() {
        let queues = Arc::new(Queues::new(8));
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        let first = queues.enter("a").await;
        for i in 0..20 {
            let (q, o) = (queues.clone(), order.clone());
            let mut turn = Box::pin(async move {
                let _t = q.enter("a").await;
                o.lock().unwrap().push(i);
            });
            // Arrival is the first poll, which puts the turn in line: done here, in order, before
            // the task runs on (on a busy machine a spawned task's first poll can come late).
            std::future::poll_fn(|cx| {
                assert!(turn.as_mut().poll(cx).is_pending(), "turn {i} ran while the session was busy");
                std::task::Poll::Ready(())
            })
            .await;
            assert_eq!(queues.depths().first().map(|d| d.1), Some(i + 2));
            tasks.push(tokio::spawn(turn));
        }
        drop(first);
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), (0..20).collect::<Vec<_>>());
        assert!(queues.depths().is_empty());
    }
}
