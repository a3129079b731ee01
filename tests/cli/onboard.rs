//! `openclaw onboard`: scripted with flags, and answered on a pseudo-terminal, against a fake
//! OpenAI-compatible server and a fake Telegram Bot API on 127.0.0.1; what a failed check and a
//! missing answer do.

use crate::botapi::{self, FakeBot};
use crate::fake_llm::FakeLlm;
use crate::harness::{Env, Run, snapshot_tree};

/// Runs `openclaw <args>` with extra environment variables, off the test's runtime.
async fn run(env: std::sync::Arc<Env>, args: &[&str], vars: &[(&str, &str)]) -> Run {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        env.run_with(&args, &vars)
    })
    .await
    .expect("run")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_line_sets_up_a_provider_that_then_answers_send() {
    let llm = FakeLlm::start(0).await;
    let env = std::sync::Arc::new(Env::new());
    let base = format!("http://127.0.0.1:{}/v1", llm.port);
    let args = [
        "onboard",
        "--yes",
        "--provider",
        "openai",
        "--base-url",
        &base,
        "--api-key-env",
        "X",
        "--model",
        "m",
    ];
    let r = run(env.clone(), &args, &[("X", "sk-onboard-secret")]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(llm.calls(), 1, "one real request checks the key and the model");
    assert!(r.stdout.contains("✓ openai/m answers"), "{}", r.stdout);
    assert!(r.stdout.contains("Next: openclaw gateway start"), "{}", r.stdout);
    let config = env.read("gateway.json5");
    assert!(config.contains("apiKey: \"${X}\""), "{config}");
    assert!(!config.contains("sk-onboard-secret"), "the key itself is never written");
    assert!(config.contains("default: \"openai/m\""), "{config}");
    assert!(config.contains("// The agent that gets every message"), "the template's comments stay");
    // The result answers a send, with the key only in the environment.
    let r = run(env.clone(), &["send", "hello"], &[("X", "sk-onboard-secret")]).await;
    assert_eq!((r.code, r.stdout.as_str()), (0, "echo: hello\n"), "{}", r.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_exits_1_with_the_providers_error_and_writes_nothing() {
    let llm = FakeLlm::unauthorized().await;
    let env = std::sync::Arc::new(Env::init());
    let before = snapshot_tree(&env.home);
    let base = format!("http://127.0.0.1:{}/v1", llm.port);
    let args = [
        "onboard",
        "--yes",
        "--provider",
        "openai",
        "--base-url",
        &base,
        "--api-key-env",
        "X",
        "--model",
        "m",
    ];
    let r = run(env.clone(), &args, &[("X", "sk-wrong-key")]).await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("checking openai/m failed, nothing was written"), "{}", r.stderr);
    assert!(r.stderr.contains("HTTP 401: Incorrect API key provided"), "{}", r.stderr);
    assert!(!r.stderr.contains("sk-wrong-key"), "{}", r.stderr);
    assert_eq!(snapshot_tree(&env.home), before);
    // The key variable unset: said before any request.
    let r = run(env.clone(), &args, &[]).await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("X is not set"), "{}", r.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_telegram_step_checks_the_bot_with_get_me() {
    let llm = FakeLlm::start(0).await;
    let bot = FakeBot::start().await;
    let env = std::sync::Arc::new(Env::new());
    let base = format!("http://127.0.0.1:{}/v1", llm.port);
    let args = [
        "onboard",
        "--yes",
        "--provider",
        "openai",
        "--base-url",
        &base,
        "--api-key-env",
        "X",
        "--model",
        "m",
        "--telegram-token-env",
        "TG",
        "--telegram-api-base",
        &bot.base,
    ];
    let r = run(env.clone(), &args, &[("X", "sk-1"), ("TG", botapi::TOKEN)]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&format!("✓ Telegram bot @{}", botapi::BOT_USERNAME)), "{}", r.stdout);
    assert_eq!(bot.calls("getMe").len(), 1);
    let config = env.read("gateway.json5");
    assert!(config.contains("botToken: \"${TG}\""), "{config}");
    assert!(!config.contains(botapi::TOKEN));
    env_validates(&env, &[("X", "sk-1"), ("TG", botapi::TOKEN)]).await;

    // A token the Bot API refuses: exit 1 with its description, nothing written.
    bot.fail_next(
        "getMe",
        botapi::Fault::Error {
            status: 401,
            body: serde_json::json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
        },
    );
    let fresh = std::sync::Arc::new(Env::new());
    let r = run(fresh.clone(), &args, &[("X", "sk-1"), ("TG", "1:bad")]).await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("checking the Telegram bot failed, nothing was written: HTTP 401: Unauthorized"),
        "{}",
        r.stderr
    );
    assert!(!fresh.path("gateway.json5").exists());
}

async fn env_validates(env: &std::sync::Arc<Env>, vars: &[(&str, &str)]) {
    let r = run(env.clone(), &["config", "validate"], vars).await;
    assert_eq!((r.code, r.stdout.as_str()), (0, "ok\n"), "{}", r.stderr);
}

#[test]
fn without_a_terminal_a_missing_answer_is_a_usage_error_naming_the_flag() {
    let env = Env::new();
    let err = env.fails(&["onboard"], 2);
    assert!(err.contains("missing --provider"), "{err}");
    let err = env.fails(&["onboard", "--provider", "openai"], 2);
    assert!(err.contains("missing --model"), "{err}");
    let err = env.fails(&["onboard", "--yes", "--provider", "acme"], 2);
    assert!(err.contains("missing --base-url"), "{err}");
    assert!(!env.home.exists(), "nothing was created");
}

/// On a terminal onboard asks, and the answers set it up: a pseudo-terminal plays the user,
/// answering each prompt once it is on the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_it_asks_and_the_answers_set_it_up() {
    let llm = FakeLlm::start(0).await;
    let env = std::sync::Arc::new(Env::new());
    let base = format!("http://127.0.0.1:{}/v1", llm.port);
    let script = vec![
        ("Model provider", "\r".to_string()), // the first entry: openai
        ("API root", format!("{base}\r")),
        ("Environment variable holding the API key", "X\r".into()),
        ("Model", "m\r".into()),
        ("Add a Telegram bot?", "n".into()),
        ("Start the gateway now?", "n".into()),
    ];
    let on_tty = env.clone();
    let (code, screen) = tokio::task::spawn_blocking(move || {
        let mut cmd = on_tty.command(&["onboard"]);
        cmd.env("X", "sk-typed").env("TERM", "xterm");
        pty::converse(cmd, &script)
    })
    .await
    .expect("pty");
    assert_eq!(code, 0, "{screen}");
    assert_eq!(llm.calls(), 1, "the answers were checked with one request: {screen}");
    assert!(screen.contains("✓ openai/m answers"), "{screen}");
    let config = env.read("gateway.json5");
    assert!(config.contains(&format!("baseUrl: \"{base}\"")), "{config}");
    assert!(config.contains("apiKey: \"${X}\"") && config.contains("default: \"openai/m\""), "{config}");
    assert!(!config.contains("sk-typed"), "the key itself is never written: {config}");
}

mod pty {
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// Runs `cmd` on a new pseudo-terminal; for each `(prompt, keys)` waits (at most 20 s) until
    /// `prompt` shows after the previous one, then types `keys`. Returns the exit code and all
    /// that was on the screen.
    pub fn converse(mut cmd: Command, script: &[(&str, String)]) -> (i32, String) {
        let (mut master, slave) = open();
        for stdio in 0..3 {
            let fd = slave.try_clone().expect("dup");
            match stdio {
                0 => cmd.stdin(Stdio::from(fd)),
                1 => cmd.stdout(Stdio::from(fd)),
                _ => cmd.stderr(Stdio::from(fd)),
            };
        }
        // Its own session with the terminal as the controlling one, as a login shell has.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("spawn on the pty");
        // Only the child holds the terminal now, so the reader sees its end when it exits.
        drop(cmd);
        drop(slave);
        let screen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().expect("dup master");
        let sink = screen.clone();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends with EIO once the child and its terminal are gone.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            let _ = done.send(());
        });
        let text =
            |screen: &Arc<Mutex<Vec<u8>>>| String::from_utf8_lossy(&screen.lock().unwrap()).into_owned();
        let mut from = 0;
        for (prompt, keys) in script {
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let now = text(&screen);
                if let Some(at) = now.get(from..).and_then(|rest| rest.find(prompt)) {
                    from += at + prompt.len();
                    break;
                }
                if Instant::now() > deadline || child.try_wait().ok().flatten().is_some() {
                    let _ = child.kill();
                    panic!("no {prompt:?} on the screen:\n{now}");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            // The prompt is drawn just before the terminal is switched to reading keys.
            std::thread::sleep(Duration::from_millis(150));
            master.write_all(keys.as_bytes()).expect("type");
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("onboard did not finish:\n{}", text(&screen));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let _ = finished.recv_timeout(Duration::from_secs(5));
        (status.code().unwrap_or(-1), text(&screen))
    }

    /// A pseudo-terminal pair of 24 rows and 100 columns: (master, slave).
    fn open() -> (std::fs::File, OwnedFd) {
        let (mut m, mut s) = (0, 0);
        let mut size = libc::winsize { ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0 };
        let rc = unsafe {
            libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null_mut(), &raw mut size)
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        let master = unsafe { std::fs::File::from_raw_fd(m) };
        let slave = unsafe { OwnedFd::from_raw_fd(s) };
        (master, slave)
    }
}
