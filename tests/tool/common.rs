//! A temporary openclaw home with two agents, a secret-holding config and a small HTTP server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use openclaw::config::{AgentConfig, ExecSecurity};
use openclaw::home::Home;
use openclaw::tool::{ToolContext, ToolResult, ToolSet};
use serde_json::Value;

/// Secret text written into `gateway.json5` and the sibling agent's files.
pub const SECRET: &str = "sk-SECRET-do-not-leak";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub home: Home,
    pub config: AgentConfig,
}

#[allow(dead_code)]
impl Fixture {
    /// Home with agents `main` (the caller) and `other` (a sibling with a secret file).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::new(dir.path().join("home"));
        std::fs::create_dir_all(home.workspace("main")).unwrap();
        std::fs::create_dir_all(home.workspace("other")).unwrap();
        std::fs::write(home.config_path(), format!("{{ apiKey: \"{SECRET}\" }}\n")).unwrap();
        std::fs::write(home.workspace("other").join("secret.txt"), SECRET).unwrap();
        std::fs::write(home.workspace("main").join("notes.md"), "line 1\nline 2\nline 3\n").unwrap();
        Fixture { dir, home, config: AgentConfig::default() }
    }

    pub fn ws(&self) -> PathBuf {
        self.home.workspace("main")
    }

    pub fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    pub fn full_exec(mut self) -> Self {
        self.config.tools.exec.security = ExecSecurity::Full;
        self
    }

    pub fn allowlist(mut self, globs: &[&str]) -> Self {
        self.config.tools.exec.security = ExecSecurity::Allowlist;
        self.config.tools.exec.allowlist = globs.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn ctx(&self) -> ToolContext {
        ToolContext::new(&self.home, "main", Arc::new(self.config.clone()))
    }

    pub async fn call(&self, tool: &str, args: Value) -> ToolResult {
        let set = ToolSet::for_agent(&self.config, []).expect("policy compiles");
        set.call(&self.ctx(), tool, args).await
    }

    /// Calls and asserts the result is a refusal (an error that did not leak the secret).
    pub async fn refused(&self, tool: &str, args: Value) -> ToolResult {
        let r = self.call(tool, args.clone()).await;
        assert!(r.is_error, "{tool} {args} should be refused, got: {}", r.content);
        assert!(!r.content.contains(SECRET), "{tool} {args} leaked the secret: {}", r.content);
        r
    }
}

/// Landlock enforced here? Prints why a sandbox test is skipped when it is not.
pub fn landlock_or_skip(test: &str) -> bool {
    match openclaw::tool::sandbox::landlock_abi() {
        Ok(_) => true,
        Err(why) => {
            eprintln!("SKIP {test}: {why}");
            false
        }
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1: `routes` maps a path to (status line, content type, body).
/// Returns the base URL.
pub fn http_server(routes: Vec<(&'static str, &'static str, &'static str, String)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h == "\r\n" || h.is_empty() {
                    break;
                }
            }
            let target = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let path = target.split('?').next().unwrap_or("/").to_string();
            let (status, ctype, body) = routes
                .iter()
                .find(|r| r.0 == path)
                .map(|r| (r.1, r.2, r.3.replace("{query}", &target)))
                .unwrap_or(("404 Not Found", "text/plain", "not found".into()));
            // A 30x route's body is its Location.
            let location =
                if status.starts_with("30") { format!("Location: {body}\r\n") } else { String::new() };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{location}Content-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}")
}

pub fn exists(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

/// Running as root? Prints why a root-only test is skipped when not.
pub fn root_or_skip(test: &str) -> bool {
    // SAFETY: geteuid(2) only returns a number.
    if unsafe { libc::geteuid() } == 0 {
        true
    } else {
        eprintln!("SKIP {test}: only meaningful when the gateway runs as root (this test does not)");
        false
    }
}

/// A string unique to this test process and `tag`, usable as a `sleep` argument: `60.<digits>`.
pub fn sleep_marker(tag: u32) -> String {
    format!("60.{}{:03}", std::process::id(), tag)
}

/// Processes whose command line contains `marker`, as (pid, command line).
pub fn processes_with(marker: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else { return found };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(raw) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let cmdline = String::from_utf8_lossy(&raw).replace('\0', " ");
        if cmdline.contains(marker) {
            found.push((pid, cmdline.trim_end().to_string()));
        }
    }
    found
}

/// Kills what a failed test left behind, so one failure does not leave sleepers on the machine.
pub fn kill_leftovers(marker: &str) -> Vec<(u32, String)> {
    let left = processes_with(marker);
    for (pid, _) in &left {
        // SAFETY: kill(2) on a pid we just found by its unique marker.
        unsafe {
            libc::kill(*pid as i32, libc::SIGKILL);
        }
    }
    left
}
