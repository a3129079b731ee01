//! A load generator for the gateway: POST /api/send over many sessions, reporting messages per
//! second and latency percentiles, plus the same request made straight to the model server so
//! the gateway's added latency can be read off.
//!
//!     cargo run --release --example gateway_load -- <gateway url> <token> [sessions] [messages] [concurrency] [model url]
//!
//! scripts/bench-gateway.sh runs it against a gateway on examples/fake_llm.rs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

async fn post(http: &reqwest::Client, url: &str, token: &str, body: String) -> Result<Duration, String> {
    let t = Instant::now();
    let r = http
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = r.status();
    let text = r.text().await.map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("{status}: {text}"));
    }
    Ok(t.elapsed())
}

fn report(name: &str, mut lat: Vec<Duration>, wall: Duration) {
    lat.sort();
    println!(
        "{name}: {} requests in {:.2} s = {:.0}/s; latency p50 {:.2} ms, p99 {:.2} ms",
        lat.len(),
        wall.as_secs_f64(),
        lat.len() as f64 / wall.as_secs_f64(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:18789".into());
    let token = args.get(2).cloned().unwrap_or_default();
    let sessions: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let messages: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let concurrency: usize = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(64);
    let model = args.get(6).cloned();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    rt.block_on(async move {
        let http = openclaw::gateway::process::http_client().ok_or("no HTTP client")?;
        let send = format!("{url}/api/send");
        // Serial: the latency of one message with nothing else going on.
        if let Some(model) = &model {
            let body = r#"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;
            let mut lat = Vec::new();
            let t = Instant::now();
            for _ in 0..500 {
                lat.push(post(&http, &format!("{model}/chat/completions"), "", body.to_string()).await?);
            }
            report("model alone (serial)", lat, t.elapsed());
        }
        let mut lat = Vec::new();
        let t = Instant::now();
        for i in 0..500 {
            let body = format!(r#"{{"to":"serial{}","text":"hi"}}"#, i % 10);
            lat.push(post(&http, &send, &token, body).await?);
        }
        report("gateway /api/send (serial)", lat, t.elapsed());

        // Throughput: `concurrency` clients over `sessions` sessions.
        let next = Arc::new(AtomicUsize::new(0));
        let t = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let (http, send, token, next) = (http.clone(), send.clone(), token.clone(), next.clone());
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= messages {
                        return Ok::<_, String>(lat);
                    }
                    let body = format!(r#"{{"to":"peer{}","text":"message {i}"}}"#, i % sessions);
                    lat.push(post(&http, &send, &token, body).await?);
                }
            }));
        }
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.map_err(|e| e.to_string())??);
        }
        report(&format!("gateway /api/send ({concurrency} clients, {sessions} sessions)"), all, t.elapsed());
        Ok::<_, Box<dyn std::error::Error>>(())
    })
}
