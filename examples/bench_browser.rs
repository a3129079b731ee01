//! The `browser` tool with a warm browser: the time of `open` + `snapshot` of a local page, and
//! the memory Chromium adds.
//!
//!     cargo run --release --example bench_browser -- [rounds]
//!
//! Serves a page of about 40 paragraphs, a form and 30 links on 127.0.0.1, starts the agent's
//! browser once (the cold start is reported separately), then times `rounds` rounds of `open`,
//! `snapshot` and `close`. Memory is read from /proc for every Chromium process of the agent's
//! browser: the sum of RSS (shared pages counted in each process) and of PSS (shared pages split
//! between the processes that map them — the fairer "what it adds").

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::config::AgentConfig;
use openclaw::home::Home;
use openclaw::session::SessionKey;
use openclaw::tool::ToolContext;
use openclaw::tool::browser::{BrowserTool, Browsers, launch};
use serde_json::json;

fn page() -> String {
    let mut html = String::from("<!doctype html><title>Bench page</title><h1>Harbour timetable</h1>");
    for i in 0..40 {
        html.push_str(&format!(
            "<p>Paragraph {i}: the ferry to island {i} leaves at {}:{:02} from pier {}.</p>",
            6 + i % 14,
            i * 7 % 60,
            i % 5
        ));
    }
    html.push_str(
        "<form action=/r><label for=q>Search</label><input id=q name=q><button>Go</button></form><ul>",
    );
    for i in 0..30 {
        html.push_str(&format!("<li><a href=/p{i}>Route {i}</a></li>"));
    }
    html + "</ul>"
}

/// (RSS, PSS) in KiB summed over the Chromium processes of the profile's browser.
fn memory(profile: &std::path::Path) -> (u64, u64) {
    let field = |text: &str, name: &str| -> u64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let mut rss = 0;
    let mut pss = 0;
    for pid in launch::browser_processes(profile.parent().unwrap_or(profile)) {
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        rss += field(&rollup, "Rss:");
        pss += field(&rollup, "Pss:");
    }
    (rss, pss)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    let body = page();
    let app = axum::Router::new().fallback(move || {
        let body = body.clone();
        async move { axum::response::Html(body) }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let dir = tempfile::tempdir()?;
    let home = Home::new(dir.path());
    std::fs::create_dir_all(home.workspace("main"))?;
    std::fs::create_dir_all(home.state_dir("main"))?;
    let mut config = AgentConfig::default();
    config.tools.web.allow_private = true;
    let browsers = Browsers::new(home.clone());
    let tool = BrowserTool::for_session(&browsers, &SessionKey::main("main"), &config.tools.browser)
        .ok_or("no Chromium found (install chromium)")?;
    let ctx = ToolContext::new(&home, "main", Arc::new(config));
    let profile = home.state_dir("main").join("browser/profile");

    let call = |args: serde_json::Value| {
        let (tool, ctx) = (tool.clone(), ctx.clone());
        async move {
            let r = tool.call(&ctx, args).await;
            if r.is_error {
                panic!("{}", r.content);
            }
            r.content
        }
    };
    let cold = Instant::now();
    call(json!({"action": "open", "url": url})).await;
    let snapshot = call(json!({"action": "snapshot"})).await;
    let cold = cold.elapsed();
    call(json!({"action": "close"})).await;
    let (rss_idle, pss_idle) = memory(&profile);

    let mut open_ms = Vec::new();
    let mut snap_ms = Vec::new();
    let mut peak = (0, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        call(json!({"action": "open", "url": url})).await;
        let opened = t.elapsed();
        let t = Instant::now();
        call(json!({"action": "snapshot"})).await;
        snap_ms.push(ms(t.elapsed()));
        open_ms.push(ms(opened));
        let m = memory(&profile);
        peak = (peak.0.max(m.0), peak.1.max(m.1));
        call(json!({"action": "close"})).await;
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v[v.len() / 2], v[(v.len() * 9 / 10).min(v.len() - 1)], v[0])
    };
    let (o50, o90, omin) = stats(&mut open_ms);
    let (s50, s90, smin) = stats(&mut snap_ms);
    let mut both: Vec<f64> = open_ms.iter().zip(&snap_ms).map(|(a, b)| a + b).collect();
    let (b50, b90, bmin) = stats(&mut both);
    println!("page: {} bytes of HTML, snapshot {} characters", page().len(), snapshot.len());
    println!("cold start + open + snapshot: {:.0} ms", ms(cold));
    println!(
        "warm open (new tab + load):   p50 {o50:.1} ms, p90 {o90:.1} ms, min {omin:.1} ms ({rounds} rounds)"
    );
    println!("warm snapshot:                p50 {s50:.1} ms, p90 {s90:.1} ms, min {smin:.1} ms");
    println!("warm open + snapshot:         p50 {b50:.1} ms, p90 {b90:.1} ms, min {bmin:.1} ms");
    println!(
        "Chromium memory, no tab open: {} processes, RSS sum {:.0} MB, PSS {:.0} MB",
        launch::browser_processes(&home.state_dir("main").join("browser")).len(),
        rss_idle as f64 / 1024.0,
        pss_idle as f64 / 1024.0
    );
    println!(
        "Chromium memory, one tab open (peak): RSS sum {:.0} MB, PSS {:.0} MB",
        peak.0 as f64 / 1024.0,
        peak.1 as f64 / 1024.0
    );
    browsers.shutdown().await;
    Ok(())
}
