//! Runtime overhead of an agent turn, in-process, against a zero-latency model server
//! (examples/fake_llm.rs): CPU and wall time per turn, and the cost of one transcript append.
//!
//!     cargo run --release --example bench_turn -- <home> [turns]
//!
//! The home must be configured with a model pointing at the fake server (scripts/bench-turn.sh
//! does this). The turns cycle through 20 sessions, like a small team assistant. CPU time is this process's user+system time (getrusage), so it includes the HTTP
//! client and JSON work of the turn, not the model server's.

use std::time::{Duration, Instant};

use openclaw::agent::turn::{self, Inbound};
use openclaw::home::Home;
use openclaw::session::SessionKey;

/// (user, system) CPU time of this process.
fn cpu_split() -> (Duration, Duration) {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (tv(ru.ru_utime), tv(ru.ru_stime))
}

fn cpu() -> Duration {
    let (u, s) = cpu_split();
    u + s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let home = Home::new(args.next().ok_or("usage: bench_turn <home> [turns]")?);
    let turns: u32 = args.next().map(|n| n.parse()).transpose()?.unwrap_or(200);
    let config = openclaw::config::load(&home.config_path())?.config;
    let options = openclaw::provider::Options::from_config(&config.models);
    let rt = turn::Runtime::new(home.clone(), config, options)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;

    // Warm up (connection pool, page cache).
    for i in 0..5 {
        let inbound = Inbound {
            key: SessionKey::direct("main", Default::default(), "bench", &format!("w{i}")),
            text: "hi".into(),
            from: None,
            channel: "cli".into(),
            inbound_id: None,
        };
        runtime.block_on(turn::run(&rt, inbound, &mut |_| {}))?;
    }
    let (c0, t0, (u0, s0)) = (cpu(), Instant::now(), cpu_split());
    let mut walls = Vec::with_capacity(turns as usize);
    for i in 0..turns {
        let key = SessionKey::direct("main", Default::default(), "bench", &format!("p{}", i % 20));
        let inbound = Inbound { key, text: "hi".into(), from: None, channel: "cli".into(), inbound_id: None };
        let t = Instant::now();
        runtime.block_on(turn::run(&rt, inbound, &mut |_| {}))?;
        walls.push(t.elapsed());
    }
    let (cpu_total, wall_total) = (cpu() - c0, t0.elapsed());
    let (u1, s1) = cpu_split();
    walls.sort();
    let pct = |p: f64| walls[((walls.len() as f64 * p) as usize).min(walls.len() - 1)];
    println!(
        "CPU/turn split: user {:.3} ms, system {:.3} ms (fsyncs, file and socket syscalls)",
        (u1 - u0).as_secs_f64() * 1e3 / turns as f64,
        (s1 - s0).as_secs_f64() * 1e3 / turns as f64,
    );
    println!(
        "turns: {turns}  CPU/turn: {:.3} ms  wall/turn: mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms",
        cpu_total.as_secs_f64() * 1e3 / turns as f64,
        wall_total.as_secs_f64() * 1e3 / turns as f64,
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
    );

    // One transcript line: encode + one O_APPEND write, then the fsync separately.
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("t.jsonl");
    let line = openclaw::session::transcript::Line::Message(openclaw::session::transcript::Message::user(
        "hi there, how are you doing today?",
        None,
    ));
    let n = 2000;
    let mut file = std::fs::OpenOptions::new().append(true).create(true).open(&path)?;
    let t = Instant::now();
    for _ in 0..n {
        let mut buf = serde_json::to_vec(&line)?;
        buf.push(b'\n');
        std::io::Write::write_all(&mut file, &buf)?;
    }
    let write = t.elapsed() / n;
    let t = Instant::now();
    for _ in 0..200 {
        openclaw::store::append_line(&path, &line)?;
    }
    let with_sync = t.elapsed() / 200;
    println!(
        "transcript append: {:.1} µs encode+write, {:.1} µs including fsync (this disk)",
        write.as_secs_f64() * 1e6,
        with_sync.as_secs_f64() * 1e6
    );
    Ok(())
}
