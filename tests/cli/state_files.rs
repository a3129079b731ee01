//! State files that are not what openclaw wrote (a FIFO, a device, a huge file) are refused
//! quickly with an error naming them, instead of hanging or exhausting memory.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::{Env, Run};

fn mkfifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("path");
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

/// Runs `openclaw <args>`, killing it (and failing the test) after `limit`.
fn run_bounded(env: &Env, args: &[&str], limit: Duration) -> Run {
    let mut child = env.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`openclaw {}` still ran after {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_fifo_as_sessions_json_fails_fast_naming_the_file() {
    let env = Env::init();
    let sessions = env.path("agents/main/state/sessions.json");
    let _ = std::fs::remove_file(&sessions);
    mkfifo(&sessions);
    let run = run_bounded(&env, &["session", "ls"], Duration::from_secs(10));
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("sessions.json") && run.stderr.contains("FIFO"), "{}", run.stderr);
}

#[test]
fn an_oversized_cron_jobs_file_is_refused_without_quoting_it() {
    let env = Env::init();
    std::fs::create_dir_all(env.path("cron")).expect("cron dir");
    std::fs::write(env.path("cron/jobs.json"), vec![b'x'; 20 << 20]).expect("jobs.json");
    let run = run_bounded(&env, &["cron", "ls"], Duration::from_secs(10));
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("jobs.json") && run.stderr.contains("MiB"), "{}", run.stderr);
    assert!(run.stderr.len() < 1000, "{} bytes of error", run.stderr.len());
}
