//! One adapter running as a task while the test plays the gateway: it drains the inbox and
//! answers each delivery's ack (or holds it, or refuses it) as the journal would.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::channel::{Channel, ChannelError, Delivery, InboundMessage, Inbox, Outbound, outbox};
use openclaw::home::Home;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub struct Running {
    pub task: JoinHandle<Result<(), ChannelError>>,
    stop: watch::Sender<bool>,
    rx: mpsc::Receiver<Delivery>,
}

/// Starts `ch.run` with a fresh inbox.
pub fn run<C: Channel>(ch: &Arc<C>) -> Running {
    let (inbox, rx) = Inbox::channel(16);
    let (stop, shutdown) = watch::channel(false);
    let ch = ch.clone();
    let task = tokio::spawn(async move { ch.run(inbox, shutdown).await });
    Running { task, stop, rx }
}

impl Running {
    /// The next delivery, not yet answered.
    pub async fn next(&mut self) -> Delivery {
        tokio::time::timeout(Duration::from_secs(15), self.rx.recv())
            .await
            .expect("no message within 15 s")
            .expect("inbox closed")
    }

    /// Receives one message and acknowledges it as journaled.
    pub async fn take(&mut self) -> InboundMessage {
        let d = self.next().await;
        d.ack.send(Ok(())).unwrap();
        d.message
    }

    /// Nothing more arrives within `d` (used after the awaited messages came, to catch repeats).
    pub async fn nothing_within(&mut self, d: Duration) {
        if let Ok(Some(extra)) = tokio::time::timeout(d, self.rx.recv()).await {
            panic!("unexpected extra message: {:?}", extra.message);
        }
    }

    /// Asks it to stop; what `run` returned. Messages still coming in meanwhile are
    /// acknowledged, as the gateway does until the adapter has stopped.
    pub async fn stop(mut self) -> Result<(), ChannelError> {
        self.stop.send(true).unwrap();
        let mut task = self.task;
        let stopped = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                tokio::select! {
                    done = &mut task => return done,
                    Some(d) = self.rx.recv() => { let _ = d.ack.send(Ok(())); }
                }
            }
        });
        stopped.await.expect("run did not stop").unwrap()
    }

    /// Waits (15 s at most) for `run` to end by itself.
    pub async fn ended(self) -> Result<(), ChannelError> {
        tokio::time::timeout(Duration::from_secs(15), self.task).await.expect("run did not end").unwrap()
    }
}

/// Polls `f` every 20 ms for up to 15 s.
pub async fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Sends `out` as a reply through the outbox (split, rate-limited, retried) and `ch`.
pub async fn send<C: Channel>(
    ch: &Arc<C>,
    home: &Home,
    out: Outbound,
) -> Result<Vec<String>, outbox::OutboxError> {
    let adapter: Arc<dyn Channel> = ch.clone();
    let req = outbox::Request {
        channel: adapter.name().to_string(),
        account: None,
        out,
        origin: outbox::Origin::Reply,
        session: None,
        inbound_id: None,
        skip_parts: 0,
    };
    outbox::send_through(home, &adapter, req).await.map(|d| d.message_ids)
}
