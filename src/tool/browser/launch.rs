//! Finding, starting and reaping Chromium.
//!
//! Chromium runs headless with its profile in `agents/<id>/state/browser/profile` (so agents'
//! cookies never mix), in a process group of its own, with a clean environment. On Linux it runs
//! under the same supervisor as `exec` ([`crate::tool::reaper`]): should the gateway die, even by
//! SIGKILL, the supervisor kills every Chromium process. A pid file next to the profile records
//! the group, and [`reap`] kills whatever a dead owner left behind before the next start.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::config::BrowserToolsConfig;

/// Names looked up on `PATH`, in order.
pub const EXECUTABLES: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// What to tell a user who has no Chromium.
pub const INSTALL_HINT: &str = "install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf \
     install chromium; macOS: brew install --cask chromium) or set tools.browser.executablePath or \
     tools.browser.cdpUrl in gateway.json5";

/// How long Chromium gets to open its DevTools port.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The Chromium executable to start: `tools.browser.executablePath`, else the first of
/// [`EXECUTABLES`] on `PATH`.
pub fn find_executable(config: &BrowserToolsConfig) -> Result<PathBuf, String> {
    if let Some(path) = config.executable_path.as_deref().filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if is_executable(&path) {
            Ok(path)
        } else {
            Err(format!("tools.browser.executablePath {} is not an executable file", path.display()))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
    for name in EXECUTABLES {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if is_executable(&candidate) {
                return Ok(candidate);
            }
        }
    }
    Err(format!("no Chromium found on PATH (looked for {}); {INSTALL_HINT}", EXECUTABLES.join(", ")))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Where one agent's browser keeps its things.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `state/browser/`.
    pub dir: PathBuf,
    /// `state/browser/profile/`: cookies, storage, cache.
    pub profile: PathBuf,
    /// `state/browser/chromium.pid`: the process group of the running browser.
    pub pid_file: PathBuf,
    /// `state/browser/chromium.log`: Chromium's own stderr, for the owner.
    pub log: PathBuf,
}

impl Paths {
    /// The paths under an agent's state directory.
    pub fn new(state_dir: &Path) -> Self {
        let dir = state_dir.join("browser");
        Paths {
            profile: dir.join("profile"),
            pid_file: dir.join("chromium.pid"),
            log: dir.join("chromium.log"),
            dir,
        }
    }
}

/// A started Chromium.
#[derive(Debug)]
pub struct Launched {
    /// The browser's DevTools WebSocket URL.
    pub ws_url: String,
    /// The process we spawned (the supervisor on Linux, Chromium elsewhere); its pid is the
    /// process group.
    pub child: tokio::process::Child,
    /// The process group every Chromium process is in.
    pub pgid: i32,
    /// What the sandbox enforces, or why nothing.
    pub sandbox: String,
}

/// Starts Chromium for one agent and waits (bounded) until its DevTools port is open.
pub async fn start(
    exe: &Path,
    paths: &Paths,
    config: &BrowserToolsConfig,
    workspace: &Path,
) -> Result<Launched, String> {
    crate::store::create_dir_private(&paths.profile).map_err(|e| e.to_string())?;
    let tmp = paths.dir.join("tmp");
    crate::store::create_dir_private(&tmp).map_err(|e| e.to_string())?;
    let port_file = paths.profile.join("DevToolsActivePort");
    let _ = std::fs::remove_file(&port_file);
    let log = std::fs::File::create(&paths.log).map_err(|e| format!("{}: {e}", paths.log.display()))?;

    let mut cmd = tokio::process::Command::new(exe);
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-breakpad",
        "--disable-domain-reliability",
        "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
        "--metrics-recording-only",
        "--password-store=basic",
        "--use-mock-keychain",
        "--mute-audio",
        "--hide-scrollbars",
        "--window-size=1280,900",
        // Fewer processes for the same pages: the GPU process (software rendering only in
        // headless mode) runs inside the browser process, and renderers are shared.
        "--in-process-gpu",
        "--renderer-process-limit=2",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
    ])
    .arg(format!("--user-data-dir={}", paths.profile.display()));
    // Chromium's own sandbox needs user namespaces or a setuid helper and refuses root outright.
    if root || config.no_sandbox {
        cmd.arg("--no-sandbox");
    }
    cmd.arg("about:blank")
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", &paths.dir)
        .env("TMPDIR", &tmp)
        .env("LANG", std::env::var_os("LANG").unwrap_or_else(|| "C.UTF-8".into()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .process_group(0)
        .kill_on_drop(false);
    if let Some(tz) = std::env::var_os("TZ") {
        cmd.env("TZ", tz);
    }
    let downloads = workspace.join("browser").join("downloads");
    crate::store::create_dir_private(&downloads).map_err(|e| e.to_string())?;
    let mut sandbox = crate::tool::sandbox::Sandbox::prepare_browser(&[&paths.dir, workspace]);
    let sandbox_note = sandbox.note.clone();
    #[cfg(target_os = "linux")]
    let gateway = std::process::id() as libc::pid_t;
    // SAFETY: `reaper::split` and `Sandbox::apply_in_child` only make system calls (see their
    // documentation); the ruleset was built before the fork.
    unsafe {
        cmd.pre_exec(move || {
            #[cfg(target_os = "linux")]
            crate::tool::reaper::split(gateway)?;
            sandbox.apply_in_child()
        });
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let pgid = child.id().map(|p| p as i32).unwrap_or(0);
    if let Err(e) = std::fs::write(&paths.pid_file, format!("{pgid}\n")) {
        kill_group(pgid);
        return Err(format!("{}: {e}", paths.pid_file.display()));
    }
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&port_file) {
            let mut lines = text.lines();
            if let (Some(port), Some(path)) = (lines.next(), lines.next())
                && port.trim().parse::<u16>().is_ok()
            {
                return Ok(Launched {
                    ws_url: format!("ws://127.0.0.1:{}{}", port.trim(), path.trim()),
                    child,
                    pgid,
                    sandbox: sandbox_note,
                });
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            let _ = std::fs::remove_file(&paths.pid_file);
            return Err(format!(
                "Chromium ({}) exited at start ({status}): {}",
                exe.display(),
                log_tail(&paths.log)
            ));
        }
        if started.elapsed() > START_TIMEOUT {
            kill_group(pgid);
            let _ = child.wait().await;
            let _ = std::fs::remove_file(&paths.pid_file);
            return Err(format!(
                "Chromium ({}) did not open its DevTools port within {}s: {}",
                exe.display(),
                START_TIMEOUT.as_secs(),
                log_tail(&paths.log)
            ));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The last lines of Chromium's log, for an error message.
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(3)..].join(" / ");
    if tail.is_empty() { "it printed nothing".into() } else { tail }
}

/// SIGKILL to a process group.
pub fn kill_group(pgid: i32) {
    if pgid > 1 {
        // SAFETY: kill(2) with a negative pid signals a process group we created.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// Kills what a Chromium left behind when its owner died: the processes still running with this
/// profile. Called (with the profile's lock held, so no live owner exists) before a start and
/// when the gateway starts. Returns how many processes were killed.
pub fn reap(paths: &Paths) -> usize {
    let recorded = std::fs::read_to_string(&paths.pid_file).ok().and_then(|t| t.trim().parse::<i32>().ok());
    let killed = kill_profile_processes(&paths.dir, recorded);
    let _ = std::fs::remove_file(&paths.pid_file);
    killed
}

/// Linux: every process of the browser directory (a reused pid cannot match).
#[cfg(target_os = "linux")]
fn kill_profile_processes(dir: &Path, _recorded: Option<i32>) -> usize {
    let pids = browser_processes(dir);
    for pid in &pids {
        // SAFETY: kill(2) on a process that runs with our profile.
        unsafe {
            libc::kill(*pid, libc::SIGKILL);
        }
    }
    pids.len()
}

/// Elsewhere: the recorded process group, if it still exists.
#[cfg(not(target_os = "linux"))]
fn kill_profile_processes(_dir: &Path, recorded: Option<i32>) -> usize {
    match recorded {
        // SAFETY: kill(2) with signal 0 only checks that the group exists.
        Some(pgid) if pgid > 1 && unsafe { libc::kill(-pgid, 0) } == 0 => {
            kill_group(pgid);
            1
        }
        _ => 0,
    }
}

/// Pids of the Chromium processes of a browser directory (`state/browser/`; Linux; empty
/// elsewhere): those whose command line names a path in it (the browser, its zygotes and
/// renderers name the profile, the crash handlers their database under its `HOME`), and all
/// their descendants (the GPU and utility processes name neither). Chromium rewrites its
/// processes' titles, so the command line is searched as text, not argument by argument.
pub fn browser_processes(dir: &Path) -> Vec<i32> {
    #[cfg(target_os = "linux")]
    {
        let needle = dir.as_os_str().as_encoded_bytes();
        let mut procs: Vec<(i32, i32, bool)> = Vec::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else { continue };
            let Ok(stat) = std::fs::read(entry.path().join("stat")) else { continue };
            let Some(ppid) = parse_ppid(&stat) else { continue };
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            let names = cmdline
                .windows(needle.len() + 1)
                .any(|w| w.starts_with(needle) && matches!(w[needle.len()], b'/' | b'\0' | b' '))
                || cmdline.ends_with(needle);
            procs.push((pid, ppid, names));
        }
        let mut found: Vec<i32> = procs.iter().filter(|p| p.2).map(|p| p.0).collect();
        let mut i = 0;
        while i < found.len() {
            let parent = found[i];
            for p in &procs {
                if p.1 == parent && !found.contains(&p.0) {
                    found.push(p.0);
                }
            }
            i += 1;
        }
        found
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        Vec::new()
    }
}

/// The parent pid in a `/proc/<pid>/stat` line (counted from the last `)`, since the command
/// name may hold spaces and parentheses).
#[cfg(target_os = "linux")]
fn parse_ppid(stat: &[u8]) -> Option<i32> {
    let close = stat.iter().rposition(|b| *b == b')')?;
    let rest = std::str::from_utf8(&stat[close + 1..]).ok()?;
    rest.split_whitespace().nth(1)?.parse().ok()
}
