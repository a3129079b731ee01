//! `exec`: output, exit code, timeout, output cap, clean environment, policy.

use std::time::Instant;

use serde_json::json;

use crate::common::{Fixture, kill_leftovers, processes_with, sleep_marker};

#[tokio::test]
async fn returns_exit_code_stdout_and_stderr() {
    let fx = Fixture::new().full_exec();
    let r = fx.call("exec", json!({"command": "echo out; echo err >&2; exit 3"})).await;
    assert!(!r.is_error);
    assert_eq!(r.content, "exit code 3\nout\n[stderr]\nerr\n");
    assert_eq!(r.details["exitCode"], 3);
    let r = fx.call("exec", json!({"command": "pwd; ls"})).await;
    let ws = fx.ws().canonicalize().unwrap();
    assert_eq!(r.content, format!("exit code 0\n{}\nnotes.md\n", ws.display()));
}

#[tokio::test]
async fn allowlist_runs_matching_commands_and_deny_runs_none() {
    let fx = Fixture::new().allowlist(&["echo *"]);
    let r = fx.call("exec", json!({"command": "echo hello"})).await;
    assert_eq!((r.content.as_str(), r.is_error), ("exit code 0\nhello\n", false));
    let r = fx.call("exec", json!({"command": "ls"})).await;
    assert!(r.is_error);
    assert!(r.content.contains("matches no entry of tools.exec.allowlist (echo *)"), "{}", r.content);

    let mut fx = Fixture::new();
    fx.config.tools.exec.security = openclaw::config::ExecSecurity::Deny;
    let r = fx.call("exec", json!({"command": "echo hello"})).await;
    assert!(r.is_error);
    assert!(r.content.contains("tools.exec.security is \"deny\""));
    // The default: allowlist with nothing on it.
    let r = Fixture::new().call("exec", json!({"command": "echo hello"})).await;
    assert!(r.content.contains("tools.exec.allowlist is empty"), "{}", r.content);
}

#[tokio::test]
async fn environment_holds_no_secrets() {
    // SAFETY: no other test in this binary reads these variables.
    unsafe {
        std::env::set_var("OPENAI_API_KEY", "sk-parent-secret");
        std::env::set_var("OPENCLAW_GATEWAY_TOKEN", "tok-parent-secret");
    }
    let fx = Fixture::new().full_exec();
    let r = fx.call("exec", json!({"command": "env"})).await;
    assert!(!r.content.contains("parent-secret"), "{}", r.content);
    assert!(!r.content.contains("OPENAI_API_KEY"));
    let ws = fx.ws();
    assert!(r.content.contains(&format!("HOME={}\n", ws.display())), "{}", r.content);
    assert!(r.content.contains(&format!("TMPDIR={}\n", ws.join(".tmp").display())));
    let names: Vec<&str> =
        r.content.lines().skip(1).filter_map(|l| l.split_once('=')).map(|(k, _)| k).collect();
    for name in &names {
        assert!(
            ["PATH", "HOME", "TMPDIR", "TERM", "LANG", "TZ", "PWD", "SHLVL", "_", "OLDPWD"].contains(name),
            "unexpected variable {name} in {names:?}"
        );
    }
}

#[tokio::test]
async fn timeout_kills_the_whole_process_group_quickly() {
    let fx = Fixture::new().full_exec();
    let started = Instant::now();
    let r = fx.call("exec", json!({"command": "sleep 100 & sleep 100; echo never", "timeout": 1})).await;
    let took = started.elapsed();
    assert!(r.is_error);
    assert!(r.content.starts_with("timed out after 1s"), "{}", r.content);
    assert!(took.as_secs_f64() < 4.0, "took {took:?}");
    assert_eq!(r.details["timedOut"], true);
}

#[tokio::test]
async fn background_jobs_do_not_hold_the_call() {
    let fx = Fixture::new().full_exec();
    let started = Instant::now();
    let r = fx.call("exec", json!({"command": "sleep 100 & echo started"})).await;
    assert_eq!(r.content, "exit code 0\nstarted\n");
    assert!(started.elapsed().as_secs_f64() < 3.0, "took {:?}", started.elapsed());
}

#[tokio::test]
async fn output_is_capped_with_a_note() {
    let fx = Fixture::new().full_exec();
    let r = fx.call("exec", json!({"command": "head -c 300000 /dev/zero | tr '\\0' a; echo done >&2"})).await;
    assert!(r.content.len() < 64 * 1024 + 200, "{} bytes", r.content.len());
    assert!(r.content.contains("[stdout cut: "), "{}", &r.content[r.content.len() - 200..]);
    assert!(r.content.contains("of 300000 bytes shown]"));
    assert!(r.content.contains("[stderr]\ndone\n"), "stderr survives the cap");
    assert_eq!(r.details["truncated"], true);
    assert_eq!(r.details["stdoutBytes"], 300000);
}

#[tokio::test]
async fn sandbox_status_is_reported() {
    let fx = Fixture::new().full_exec();
    let r = fx.call("exec", json!({"command": "true"})).await;
    let note = r.details["sandbox"].as_str().unwrap_or_default().to_string();
    match openclaw::tool::sandbox::landlock_abi() {
        Ok(abi) => assert!(note.starts_with(&format!("landlock ABI {abi}: writes confined")), "{note}"),
        Err(_) => assert!(note.starts_with("none: "), "{note}"),
    }
    // Ordinary work inside the workspace still runs under the sandbox.
    let r = fx.call("exec", json!({"command": "mkdir -p d && echo hi > d/f && cat d/f && echo x > /dev/null && t=$(mktemp) && echo ok > $t && cat $t && echo via-dev-stdout > /dev/stdout && head -c 9 /proc/cpuinfo | wc -c && git --version | cut -c1-3"})).await;
    assert_eq!(r.content, "exit code 0\nhi\nok\nvia-dev-stdout\n9\ngit\n");
}

#[tokio::test]
async fn no_process_outlives_the_call() {
    let fx = Fixture::new().full_exec();
    let (a, b, c) = (sleep_marker(1), sleep_marker(2), sleep_marker(3));
    // A new session, a double fork out of the shell's reach, and a plain background job.
    let command = format!("setsid sleep {a} & sh -c '(sleep {b} &) &'; sleep {c} & echo started");
    let started = Instant::now();
    let r = fx.call("exec", json!({"command": command})).await;
    assert_eq!(r.content, "exit code 0\nstarted\n");
    assert!(started.elapsed().as_secs_f64() < 3.0, "took {:?}", started.elapsed());
    for marker in [&a, &b, &c] {
        let left = kill_leftovers(marker);
        assert!(left.is_empty(), "still running after the call returned: {left:?}");
    }
}

#[tokio::test]
async fn no_process_outlives_a_timeout() {
    let fx = Fixture::new().full_exec();
    let (a, b, c) = (sleep_marker(4), sleep_marker(5), sleep_marker(6));
    let command = format!("setsid sleep {a} & sh -c '(sleep {b} &) &'; sleep {c}");
    let started = Instant::now();
    let r = fx.call("exec", json!({"command": command, "timeout": 1})).await;
    assert!(r.content.starts_with("timed out after 1s"), "{}", r.content);
    assert!(started.elapsed().as_secs_f64() < 4.0, "took {:?}", started.elapsed());
    for marker in [&a, &b, &c] {
        let left = kill_leftovers(marker);
        assert!(left.is_empty(), "still running after the call timed out: {left:?}");
    }
}

#[tokio::test]
async fn commands_keep_no_capabilities_and_cannot_gain_privileges() {
    // Read from outside: inside the sandbox `/proc/<pid>` is closed, even the command's own.
    let fx = Fixture::new().full_exec();
    let marker = sleep_marker(7).replacen("60.", "2.", 1);
    let call = fx.call("exec", json!({"command": format!("sleep {marker}; echo done")}));
    let inspect = async {
        for _ in 0..100 {
            let sleeper = processes_with(&marker).into_iter().find(|(_, c)| c.starts_with("sleep"));
            if let Some((pid, _)) = sleeper
                && let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            {
                return status;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        String::new()
    };
    let (r, status) = tokio::join!(call, inspect);
    assert_eq!(r.content, "exit code 0\ndone\n");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
            .unwrap_or_else(|| panic!("no {name} in the command's status:\n{status}"))
    };
    assert_eq!(field("NoNewPrivs:"), "1");
    for caps in ["CapInh:", "CapPrm:", "CapEff:", "CapAmb:"] {
        assert_eq!(field(caps), "0000000000000000", "{caps}");
    }
    // SAFETY: geteuid(2) only returns a number.
    if unsafe { libc::geteuid() } == 0 {
        assert_eq!(field("CapBnd:"), "0000000000000000", "root's bounding set is emptied");
    } else {
        eprintln!("not root: CapBnd is left as it is (no_new_privs keeps it from mattering)");
    }
}

#[tokio::test]
async fn an_abandoned_call_leaves_no_process() {
    let fx = Fixture::new().full_exec();
    let (a, b) = (sleep_marker(8), sleep_marker(9));
    let call = fx.call("exec", json!({"command": format!("setsid sleep {a} & sleep {b}")}));
    let dropped = tokio::time::timeout(std::time::Duration::from_millis(500), call).await;
    assert!(dropped.is_err(), "the call should still be running");
    // Dropping the call tells the supervisor to clear up; it does so without being awaited.
    let gone = |m: &str| processes_with(m).is_empty();
    for _ in 0..100 {
        if gone(&a) && gone(&b) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    for marker in [&a, &b] {
        let left = kill_leftovers(marker);
        assert!(left.is_empty(), "still running after the call was dropped: {left:?}");
    }
}
