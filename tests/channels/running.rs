//! One adapter running as a task for a channel test, with the test playing the gateway: it
//! drains the inbox and acknowledges each message as journaled.

use std::sync::Arc;
use std::time::Duration;

use openclaw::channel::{Channel, ChannelError, Delivery, InboundMessage, Inbox};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub struct Running {
    task: JoinHandle<Result<(), ChannelError>>,
    stop: watch::Sender<bool>,
    rx: mpsc::Receiver<Delivery>,
}

/// Runs `ch` until [`Running::stop`].
pub fn run<C: Channel>(ch: &Arc<C>) -> Running {
    let (inbox, rx) = Inbox::channel(16);
    let (stop, shutdown) = watch::channel(false);
    let ch = ch.clone();
    let task = tokio::spawn(async move { ch.run(inbox, shutdown).await });
    Running { task, stop, rx }
}

impl Running {
    /// The next message (within 15 s), acknowledged.
    pub async fn take(&mut self) -> InboundMessage {
        let d = tokio::time::timeout(Duration::from_secs(15), self.rx.recv())
            .await
            .expect("no message within 15 s")
            .expect("inbox closed");
        d.ack.send(Ok(())).unwrap();
        d.message
    }

    /// Asks it to stop; what `run` returned.
    pub async fn stop(self) -> Result<(), ChannelError> {
        self.stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(5), self.task).await.expect("run did not stop").unwrap()
    }

    /// Waits (15 s at most) for `run` to end by itself.
    pub async fn ended(self) -> Result<(), ChannelError> {
        tokio::time::timeout(Duration::from_secs(15), self.task).await.expect("run did not end").unwrap()
    }
}
