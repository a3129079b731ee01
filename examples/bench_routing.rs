//! Routing throughput: how long `Router::route` takes per message with a realistic-to-large set
//! of bindings. Run with `cargo run --release --example bench_routing [AGENTS] [MESSAGES]`.
//!
//! Each agent gets four bindings (channel + account, peer glob, group glob, peer + account), so
//! the default 50 agents make 200 bindings; messages cycle through DMs and group posts, most of
//! which match nothing and so scan every binding (the worst case).

use std::hint::black_box;
use std::time::Instant;

use openclaw::config::{AgentConfig, Binding, Config};
use openclaw::routing::{Inbound, Peer, Router};

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let agents = args.next().and_then(Result::ok).unwrap_or(50);
    let messages = args.next().and_then(Result::ok).unwrap_or(1_000_000);

    let channels = ["telegram", "discord", "slack", "whatsapp", "signal"];
    let mut config = Config::default();
    for i in 0..agents {
        let channel = channels[i % channels.len()].to_string();
        let b = |account: Option<String>, peer: Option<String>, group: Option<String>| Binding {
            channel: channel.clone(),
            account_id: account,
            peer,
            group,
        };
        let bindings = vec![
            b(Some(format!("bot-{i}")), None, None),
            b(None, Some(format!("user{i}_*")), None),
            b(None, None, Some(format!("-100{i}*"))),
            b(Some(format!("bot-{i}")), Some(format!("{{alice,bob}}{i}")), None),
        ];
        config.agents.insert(format!("agent{i}"), AgentConfig { bindings, ..AgentConfig::default() });
    }

    let started = Instant::now();
    let router = match Router::new(&config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let compile = started.elapsed();

    let ids: Vec<String> = (0..997).map(|i| format!("user{}_x", i * 7)).collect();
    let groups: Vec<String> = (0..991).map(|i| format!("-100{}", i * 13)).collect();
    let mut matched = 0usize;
    let started = Instant::now();
    for n in 0..messages {
        let id = &ids[n % ids.len()];
        let msg = Inbound {
            channel: channels[n % channels.len()],
            account_id: Some("default"),
            peer: Some(Peer { id, name: Some("Some Name"), handle: Some("some_name") }),
            group: if n % 3 == 0 { Some(&groups[n % groups.len()]) } else { None },
            thread: None,
        };
        let route = black_box(router.route(black_box(&msg)));
        matched += usize::from(route.matched.is_some());
    }
    let elapsed = started.elapsed();
    let per = elapsed.as_nanos() as f64 / messages as f64;
    println!(
        "{} bindings compiled in {:.2} ms; {messages} messages routed in {:.3} s: {:.0} ns/message \
         ({:.0} messages/s, {matched} matched a binding)",
        agents * 4,
        compile.as_secs_f64() * 1e3,
        elapsed.as_secs_f64(),
        per,
        1e9 / per,
    );
}
