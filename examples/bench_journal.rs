//! Cost of one inbound message in the gateway's journal (`gateway/inbox.jsonl`) when the file
//! already holds a long history: CPU time and bytes written per message (journaled, then marked
//! done), averaged over a run. Run with `scripts/bench-journal.sh` or
//! `cargo run --release --example bench_journal [HISTORY_LINES] [MESSAGES]`.
//!
//! The history is half messages, half their `done` markers, as a gateway leaves it.

use std::time::Duration;

use openclaw::channel::{ChatKind, ChatRef, InboundMessage, Sender};
use openclaw::gateway::journal::Journal;
use openclaw::home::Home;

fn msg(n: usize) -> InboundMessage {
    InboundMessage {
        id: format!("telegram:default:{n}"),
        channel: "telegram".into(),
        account_id: "default".into(),
        chat: ChatRef { id: "111".into(), kind: ChatKind::Direct, thread: None },
        sender: Sender { id: "111".into(), name: Some("P".into()), username: Some("p111".into()) },
        text: "a message of about the length people type in a chat".into(),
        addressed: true,
        message_id: Some(n.to_string()),
    }
}

/// User + system CPU time of this process.
fn cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Bytes this process handed to `write` so far (`wchar` of /proc/self/io).
fn written() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    io.lines().find_map(|l| l.strip_prefix("wchar: ")).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let history = args.next().and_then(Result::ok).unwrap_or(100_000);
    let messages = args.next().and_then(Result::ok).unwrap_or(1_000);

    let dir = tempfile::tempdir()?;
    let home = Home::new(dir.path());
    std::fs::create_dir_all(home.gateway_dir())?;
    let mut text = String::new();
    for n in 0..history / 2 {
        text.push_str(&serde_json::to_string(&msg(n))?);
        text.push('\n');
        text.push_str(&format!("{{\"done\":\"telegram:default:{n}\"}}\n"));
    }
    let path = home.gateway_dir().join("inbox.jsonl");
    std::fs::write(&path, text)?;

    let mut journal = Journal::open(&home)?;
    let (cpu0, bytes0) = (cpu(), written());
    for n in history..history + messages {
        journal.record(&msg(n))?;
        journal.done(&msg(n).id)?;
    }
    let (cpu1, bytes1) = (cpu(), written());
    let lines = std::fs::read_to_string(&path)?.lines().count();
    println!(
        "{history} lines of history, {messages} messages: {:.2} ms CPU and {:.1} KiB written per message; the journal ends at {lines} lines",
        (cpu1 - cpu0).as_secs_f64() * 1000.0 / messages as f64,
        (bytes1 - bytes0) as f64 / 1024.0 / messages as f64,
    );
    Ok(())
}
