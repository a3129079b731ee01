//! The `browser` tool in a real headless Chromium, against pages served on 127.0.0.1 by the
//! test itself. `tool` calls the tool directly; `agent` has a fake model drive it through the
//! real `openclaw send` binary and gateway. Without Chromium every test prints why and skips.

mod agent;
#[path = "../cli/harness.rs"]
#[allow(dead_code)]
mod harness;
mod pages;
mod tool;

use std::future::Future;
use std::time::Duration;

/// Whether Chromium is installed; prints the skip reason when not.
pub fn chromium(test: &str) -> bool {
    match openclaw::tool::browser::launch::find_executable(&Default::default()) {
        Ok(_) => true,
        Err(e) => {
            eprintln!("SKIPPED {test}: {e}");
            false
        }
    }
}

/// Bounds a test step: a hung browser fails the test instead of hanging it.
pub async fn bounded<T>(f: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(90), f).await.expect("the step took longer than 90 s")
}

/// The Chromium processes of the browser whose profile this is.
pub fn chromium_pids(profile: &std::path::Path) -> Vec<i32> {
    openclaw::tool::browser::launch::browser_processes(profile.parent().expect("state/browser"))
}
