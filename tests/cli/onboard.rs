//! `openclaw onboard`: scripted with flags against a fake OpenAI-compatible server and a fake
//! Telegram Bot API on 127.0.0.1; what a failed check and a missing answer do.

use crate::botapi::{self, FakeBot};
use crate::fake_llm::FakeLlm;
use crate::harness::{Env, Run, snapshot_tree};

/// Runs `openclaw <args>` with extra environment variables, off the test's runtime.
async fn run(env: std::sync::Arc<Env>, args: &[&str], vars: &[(&str, &str)]) -> Run {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut cmd = env.command(&args);
        cmd.envs(vars);
        env.run_cmd(cmd)
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
