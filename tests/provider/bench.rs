//! Rough per-call cost of a streamed reply over loopback (client and fake server in one
//! process, so this is an upper bound on the provider layer's own cost).
//! Run: `cargo test --release --test provider bench -- --ignored --nocapture`

use std::time::Instant;

use openclaw::provider::Models;

use crate::server::Server;
use crate::{config, fast, hi, openai};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark; run explicitly"]
async fn bench_streamed_call_over_loopback() {
    const N: usize = 500;
    let words: Vec<String> = (0..20).map(|i| format!("word{i} ")).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let server = Server::start(vec![openai::streamed(&words).gap(std::time::Duration::ZERO); N + 20]).await;
    let cfg = config(&[("openai", "openai", &server.base, Some("k"))], "openai/gpt-test", &[]);
    let t = Instant::now();
    let models = Models::new(&cfg, fast()).unwrap();
    eprintln!("Models::new (HTTP client, TLS roots): {:?}", t.elapsed());
    let t = Instant::now();
    let _again = Models::new(&cfg, fast()).unwrap();
    eprintln!("Models::new again: {:?}", t.elapsed());
    let req = hi(true);
    for _ in 0..20 {
        models.chat(&req, &mut |_| {}).await.unwrap();
    }
    let started = Instant::now();
    let mut deltas = 0;
    for _ in 0..N {
        models.chat(&req, &mut |_| deltas += 1).await.unwrap();
    }
    let per_call = started.elapsed() / N as u32;
    assert_eq!(deltas, N * 20);
    eprintln!("streamed call, 20 deltas, loopback, client+server: {per_call:?} per call");
}
