//! A fake model drives the browser through the real binary: `openclaw send` runs a whole task,
//! and a gateway killed with SIGKILL leaves no Chromium behind once it starts again.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::post;
use serde_json::{Value, json};

use crate::harness::Env;
use crate::pages::Site;
use crate::{bounded, chromium, chromium_pids};

/// What the model does next, given the tool results of this turn so far.
type Policy = Arc<dyn Fn(&[String]) -> Step + Send + Sync>;

pub enum Step {
    Call(&'static str, Value),
    Say(String),
}

/// An OpenAI-compatible model that follows a [`Policy`], reading the tool results it is sent.
struct Model {
    port: u16,
    requests: Arc<Mutex<Vec<Value>>>,
}

impl Model {
    async fn start(policy: Policy) -> Model {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let state = (policy, requests.clone());
        let app = Router::new().route("/v1/chat/completions", post(chat)).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Model { port, requests }
    }
}

async fn chat(
    State((policy, requests)): State<(Policy, Arc<Mutex<Vec<Value>>>)>,
    body: Bytes,
) -> impl IntoResponse {
    let req: Value = serde_json::from_slice(&body).unwrap_or_default();
    requests.lock().unwrap().push(req.clone());
    let messages = req["messages"].as_array().cloned().unwrap_or_default();
    let last_user = messages.iter().rposition(|m| m["role"] == "user").unwrap_or(0);
    let results: Vec<String> = messages[last_user..]
        .iter()
        .filter(|m| m["role"] == "tool")
        .map(|m| m["content"].as_str().unwrap_or("").to_string())
        .collect();
    let n = results.len();
    let chunk = |delta: Value, finish: Option<&str>| {
        format!(
            "data: {}\n\n",
            json!({"id": "x", "object": "chat.completion.chunk", "model": "m",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
        )
    };
    let mut sse = String::new();
    match policy(&results) {
        Step::Call(name, args) => {
            sse.push_str(&chunk(
                json!({"role": "assistant", "tool_calls": [{"index": 0, "id": format!("call{n}"), "type": "function",
                    "function": {"name": name, "arguments": args.to_string()}}]}),
                None,
            ));
            sse.push_str(&chunk(json!({}), Some("tool_calls")));
        }
        Step::Say(text) => {
            sse.push_str(&chunk(json!({"role": "assistant", "content": text}), None));
            sse.push_str(&chunk(json!({}), Some("stop")));
        }
    }
    sse.push_str("data: [DONE]\n\n");
    ([(header::CONTENT_TYPE, "text/event-stream")], sse)
}

/// A home after `openclaw init` whose agent `main` may browse 127.0.0.1.
struct Home {
    env: Env,
    path: PathBuf,
}

impl Home {
    fn new(model_port: u16) -> Home {
        let env = Env::init();
        let path = env.home.clone();
        let config = format!(
            r#"{{
  models: {{ default: "fake/m", retry: {{ maxTries: 1 }},
    providers: {{ fake: {{ api: "openai", baseUrl: "http://127.0.0.1:{model_port}/v1", apiKey: "k" }} }} }},
  agents: {{ main: {{ tools: {{ web: {{ allowPrivate: true }} }} }} }},
  gateway: {{ listen: "127.0.0.1:0", shutdownGraceSeconds: 5 }},
}}"#
        );
        std::fs::write(path.join("gateway.json5"), config).unwrap();
        Home { env, path }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        self.env.command(args)
    }

    fn workspace(&self) -> PathBuf {
        self.path.join("agents/main/workspace")
    }

    fn profile(&self) -> PathBuf {
        self.path.join("agents/main/state/browser/profile")
    }
}

/// The ref of the line holding `what` in a snapshot.
fn ref_in(snapshot: &str, what: &str) -> Option<String> {
    let line = snapshot.lines().find(|l| l.contains(what))?;
    Some(line.trim_start_matches('[').split(']').next()?.to_string())
}

#[tokio::test]
async fn a_model_fills_in_a_form_reads_the_result_and_takes_a_screenshot() {
    if !chromium("a_model_fills_in_a_form_reads_the_result_and_takes_a_screenshot") {
        return;
    }
    let site = Site::start().await;
    let form = site.url("/form");
    let policy: Policy = Arc::new(move |results: &[String]| match results.len() {
        0 => Step::Call("browser", json!({"action": "open", "url": form})),
        1 => Step::Call("browser", json!({"action": "snapshot"})),
        2 => match ref_in(&results[1], "textbox \"Species\"") {
            Some(r) => Step::Call(
                "browser",
                json!({"action": "type", "ref": r, "text": "blue whale", "submit": true}),
            ),
            None => Step::Say(format!("no search box in: {}", results[1])),
        },
        3 => Step::Call("browser", json!({"action": "snapshot"})),
        4 => Step::Call("browser", json!({"action": "screenshot"})),
        _ => {
            let found = results[3].lines().find(|l| l.starts_with("Found")).unwrap_or("nothing found");
            Step::Say(format!("{found} Screenshot: {}", results[4]))
        }
    });
    let model = Model::start(policy).await;
    let home = Home::new(model.port);
    let mut cmd = home.cmd(&["send", "Look up blue whales on the whale site"]);
    let out = bounded(tokio::task::spawn_blocking(move || cmd.output().unwrap())).await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Found 3 sightings of blue whale in the Atlantic."), "{stdout}");

    // The tool was offered, and every result went back to the model.
    let requests = model.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 6, "five tool calls and the answer");
    assert!(requests[0]["tools"].as_array().unwrap().iter().any(|t| t["function"]["name"] == "browser"));

    // The screenshot is a PNG in the workspace, named in the reply.
    let shots: Vec<PathBuf> = std::fs::read_dir(home.workspace().join("browser"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    assert_eq!(shots.len(), 1, "{shots:?}");
    let name = shots[0].file_name().unwrap().to_str().unwrap();
    assert!(stdout.contains(&format!("browser/{name}")), "{stdout}");
    let png = std::fs::read(&shots[0]).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert!(w >= 800 && h >= 600, "a real page-sized image, not {w}x{h}");
    assert!(png.len() > 2000, "a rendered page, not an empty image");

    // `send` closed its browser on the way out.
    assert!(chromium_pids(&home.profile()).is_empty());
}

/// `openclaw gateway start --foreground`, until it has written its runtime file.
async fn gateway(home: &Home) -> (std::process::Child, String, String) {
    let mut cmd = home.cmd(&["gateway", "start", "--foreground"]);
    let log = std::fs::File::create(home.path.join("test-gateway.log")).unwrap();
    cmd.stdout(Stdio::null()).stderr(log);
    let mut child = cmd.spawn().unwrap();
    let runtime = home.path.join("gateway/gateway.json");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "the gateway did not start");
        assert!(child.try_wait().unwrap().is_none(), "the gateway exited: {}", gateway_log(home));
        if let Ok(text) = std::fs::read_to_string(&runtime)
            && let Ok(v) = serde_json::from_str::<Value>(&text)
            && v["pid"] == child.id()
        {
            let token = std::fs::read_to_string(home.path.join("gateway/token")).unwrap().trim().to_string();
            return (child, v["url"].as_str().unwrap().to_string(), token);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn gateway_log(home: &Home) -> String {
    std::fs::read_to_string(home.path.join("test-gateway.log")).unwrap_or_default()
}

async fn until_gone(profile: &Path, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if chromium_pids(profile).is_empty() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn a_gateway_killed_with_sigkill_leaves_no_chromium_after_the_next_start() {
    if !chromium("a_gateway_killed_with_sigkill_leaves_no_chromium_after_the_next_start") {
        return;
    }
    let site = Site::start().await;
    let form = site.url("/form");
    let policy: Policy = Arc::new(move |results: &[String]| match results.len() {
        0 => Step::Call("browser", json!({"action": "open", "url": form})),
        _ => Step::Say(results[0].clone()),
    });
    let model = Model::start(policy).await;
    let home = Home::new(model.port);
    let (mut gw, url, token) = gateway(&home).await;
    let http = openclaw::gateway::process::http_client().unwrap();
    let r = bounded(
        http.post(format!("{url}/api/send"))
            .bearer_auth(&token)
            .json(&json!({"text": "open the site"}))
            .send(),
    )
    .await
    .unwrap();
    let body = r.text().await.unwrap();
    assert!(body.contains("Whale search"), "{body}\n{}", gateway_log(&home));
    assert!(!chromium_pids(&home.profile()).is_empty(), "the browser runs after the turn");

    // SIGKILL: the gateway cannot clean up. Its Chromium must not outlive it for long.
    gw.kill().unwrap();
    gw.wait().unwrap();
    assert!(
        until_gone(&home.profile(), Duration::from_secs(10)).await,
        "Chromium outlived the killed gateway"
    );

    // A Chromium on the profile whose supervisor died too (here: started by hand, as an owner
    // without one would have) is found and killed when the gateway starts.
    let exe = openclaw::tool::browser::launch::find_executable(&Default::default()).unwrap();
    let mut stray = Command::new(exe);
    stray
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
        ])
        .arg(format!("--user-data-dir={}", home.profile().display()))
        .env("HOME", home.profile().parent().unwrap())
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    use std::os::unix::process::CommandExt;
    let mut stray = stray.spawn().unwrap();
    std::fs::write(home.path.join("agents/main/state/browser/chromium.pid"), format!("{}\n", stray.id()))
        .unwrap();
    let start = Instant::now();
    while chromium_pids(&home.profile()).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(10), "the stray Chromium did not start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (mut gw, _, _) = gateway(&home).await;
    let gone = until_gone(&home.profile(), Duration::from_secs(10)).await;
    let _ = stray.kill();
    let _ = stray.wait();
    let log = gateway_log(&home);
    let _ = gw.kill();
    let _ = gw.wait();
    assert!(gone, "the gateway's start left the stray Chromium running:\n{log}");
    assert!(log.contains("Chromium processes of agent main left by an earlier gateway"), "{log}");
}

#[test]
fn doctor_says_whether_the_browser_can_run() {
    let env = Env::init();
    // A model that can answer, so the browser is all doctor has to say.
    let doctor = |args: &[&str]| env.run_with(args, &[("OPENAI_API_KEY", "sk-test")]);
    let run = doctor(&["--json", "doctor"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let found = openclaw::tool::browser::launch::find_executable(&Default::default());
    assert_eq!(json["browser"]["main"]["available"], found.is_ok(), "{json}");
    match &found {
        Ok(path) => assert_eq!(json["browser"]["main"]["detail"], path.display().to_string()),
        Err(_) => {
            assert!(json["browser"]["main"]["detail"].as_str().unwrap().contains("apt-get install chromium"))
        }
    }
    let verbose = doctor(&["-v", "doctor"]);
    assert!(verbose.stderr.contains("browser of agent main: "), "{}", verbose.stderr);

    // A Chromium the owner named that is not there is an error, with the key to fix.
    env.write(
        "gateway.json5",
        r#"{ agents: { main: { tools: { browser: { executablePath: "/nope/chromium" } } } } }"#,
    );
    let run = env.run(&["doctor"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("agents.main: tools.browser.executablePath /nope/chromium is not an executable file"),
        "{}",
        run.stderr
    );
}
