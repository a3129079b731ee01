//! End to end: the real `openclaw gateway start` with a fake OpenAI-compatible model server on
//! 127.0.0.1, and the page in Chromium. Open the link the gateway printed, type, and see the
//! model's reply stream in word by word, a tool turn, and both in the session's transcript.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::Response;
use axum::routing::post;
use serde_json::{Value, json};

use crate::contract::{LAST_REPLY, is, screenshot_path};
use crate::driver::{self, Browser, ENTER};

const WORDS: [&str; 6] = ["Hello ", "from ", "the ", "fake ", "model, ", "streamed."];
const TOOL_ARGS: &str = r#"{"command": "echo tool-output"}"#;
const WAIT: Duration = Duration::from_secs(20);

/// An OpenAI-compatible `/v1/chat/completions` that records each request body and streams its
/// answer 250 ms a chunk (so a half-written reply is on screen long enough to see): [`WORDS`],
/// or — when the user asked to "run" something and no tool result is in the request yet — an
/// `exec` tool call, then a sentence saying whether the tool's output came back.
async fn fake_model() -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    async fn chat(State(seen): State<Arc<Mutex<Vec<Value>>>>, body: Bytes) -> Response {
        let request = serde_json::from_slice::<Value>(&body).unwrap_or_default();
        if let Ok(mut s) = seen.lock() {
            s.push(request.clone());
        }
        let messages = request["messages"].as_array().cloned().unwrap_or_default();
        let asked_to_run =
            messages.iter().any(|m| m["role"] == "user" && m["content"].to_string().contains("run"));
        let tool_result = messages.iter().find(|m| m["role"] == "tool").map(|m| m["content"].to_string());
        let chunk = |delta: Value, finish: Value| {
            let c = json!({"id": "c1", "object": "chat.completion.chunk", "model": "gpt-test",
                           "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
            Ok::<_, std::convert::Infallible>(Bytes::from(format!("data: {c}\n\n")))
        };
        // Each model call used 100 prompt and 6 completion tokens, as OpenAI reports it when
        // asked for `stream_options.include_usage`: a last chunk without choices.
        let usage = json!({"id": "c1", "object": "chat.completion.chunk", "model": "gpt-test", "choices": [],
                           "usage": {"prompt_tokens": 100, "completion_tokens": 6, "total_tokens": 106}});
        let done = Ok(Bytes::from(format!("data: {usage}\n\ndata: [DONE]\n\n")));
        let frames: Vec<_> = match (asked_to_run, tool_result) {
            (true, None) => vec![
                chunk(
                    json!({"role": "assistant", "content": null, "tool_calls": [{"index": 0, "id": "call_1",
                        "type": "function", "function": {"name": "exec", "arguments": ""}}]}),
                    Value::Null,
                ),
                chunk(
                    json!({"tool_calls": [{"index": 0, "function": {"arguments": TOOL_ARGS}}]}),
                    Value::Null,
                ),
                chunk(json!({}), json!("tool_calls")),
                done,
            ],
            (true, Some(result)) => {
                let said = if result.contains("tool-output") {
                    "The command printed tool-output."
                } else {
                    "No output."
                };
                // Word by word: the working indicator stays up long enough to be seen.
                said.split_inclusive(' ')
                    .map(|w| chunk(json!({"content": w}), Value::Null))
                    .chain([chunk(json!({}), json!("stop")), done])
                    .collect()
            }
            (false, _) => WORDS
                .iter()
                .map(|w| chunk(json!({"content": w}), Value::Null))
                .chain([chunk(json!({}), json!("stop")), done])
                .collect(),
        };
        event_stream(Body::from_stream(async_stream(frames.into_iter())))
    }
    let app = Router::new().route("/v1/chat/completions", post(chat)).with_state(seen.clone());
    (serve(app).await, seen)
}

/// A `text/event-stream` response.
pub(crate) fn event_stream(body: Body) -> Response {
    Response::builder().header(header::CONTENT_TYPE, "text/event-stream").body(body).unwrap_or_default()
}

/// Serves `app` on a free loopback port for the rest of the test; its base URL.
pub(crate) async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// The items one at a time, 250 ms apart.
pub(crate) fn async_stream<T: Send + 'static>(
    items: impl Iterator<Item = T> + Send + 'static,
) -> impl futures_util::Stream<Item = T> + Send + 'static {
    futures_util::stream::unfold((items, true), |(mut items, first)| async move {
        if !first {
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        items.next().map(|i| (i, (items, false)))
    })
}

/// A home with a gateway started the way a user starts it: `openclaw gateway start` (detached),
/// whose printed web chat link — token included — is what the browser opens. Stopped on drop
/// with `openclaw gateway stop`, and killed if that fails.
pub(crate) struct Gateway {
    pid: libc::pid_t,
    /// The link `gateway start` printed: `http://127.0.0.1:<port>/?token=<generated token>`.
    pub link: String,
    pub url: String,
    pub home: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let stopped = openclaw(&self.home, &["gateway", "stop"]).status.success();
        if !stopped {
            // SAFETY: a plain syscall on the gateway this test started.
            unsafe {
                libc::kill(self.pid, libc::SIGKILL);
            }
        }
    }
}

pub(crate) fn openclaw(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_openclaw"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .arg("--home")
        .arg(home)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run openclaw")
}

impl Gateway {
    async fn start(models: &str) -> Gateway {
        Self::start_with(models, "", "", "").await
    }

    /// [`Gateway::start`] with more keys in `agents.main.tools`, in `gateway` and at the top of
    /// the config; `{URL}` in `gateway` is the gateway's own address.
    pub(crate) async fn start_with(models: &str, tools: &str, gateway: &str, extra: &str) -> Gateway {
        Self::start_config(models, tools, gateway, extra, "").await
    }

    /// [`Gateway::start_with`], and `agents` (more agents, `id: {…},` each) after `main`.
    async fn start_config(models: &str, tools: &str, gateway: &str, extra: &str, agents: &str) -> Gateway {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().join("home");
        let run = |args: &[&str]| {
            let out = openclaw(&home, args);
            assert!(out.status.success(), "openclaw {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            out
        };
        run(&["init"]);
        let port = StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let gateway = gateway.replace("{URL}", &format!("http://127.0.0.1:{port}"));
        let config = format!(
            r#"{{
  gateway: {{ listen: "127.0.0.1:{port}", {gateway} }},
  models: {{ {models} retry: {{ maxTries: 1, baseDelayMs: 1 }}, timeouts: {{ idleSeconds: 5, requestSeconds: 20 }} }},
  session: {{ reset: {{ timezone: "UTC" }} }},
  agents: {{ main: {{ tools: {{ exec: {{ security: "full" }}, {tools} }} }}, {agents} }},
  {extra}
}}"#
        );
        std::fs::write(home.join("gateway.json5"), config).expect("write config");
        // `gateway start` returns once the gateway answers; --json gives the link it prints.
        let out = run(&["gateway", "start", "--json"]);
        let started: Value = serde_json::from_slice(&out.stdout).expect("gateway start --json");
        let pid = started["pid"].as_i64().and_then(|p| libc::pid_t::try_from(p).ok()).expect("pid");
        let link = started["webchat"].as_str().expect("the web chat link").to_owned();
        let url = format!("http://127.0.0.1:{port}");
        let token = std::fs::read_to_string(home.join("gateway/token")).expect("a generated gateway/token");
        assert_eq!(link, format!("{url}/?token={}", token.trim()));
        Gateway { pid, link, url, home, _dir: dir }
    }

    /// `openclaw gateway start` again after `openclaw gateway stop`: same home, port and token.
    fn start_again(&mut self) {
        let out = openclaw(&self.home, &["gateway", "start", "--json"]);
        assert!(out.status.success(), "gateway start: {}", String::from_utf8_lossy(&out.stderr));
        let started: Value = serde_json::from_slice(&out.stdout).expect("gateway start --json");
        self.pid = started["pid"].as_i64().and_then(|p| libc::pid_t::try_from(p).ok()).expect("pid");
        assert_eq!(started["webchat"], self.link.as_str(), "the same link after a restart");
    }

    /// Every transcript line of every session of `main`, as text.
    fn transcripts(&self) -> String {
        self.transcripts_of("main")
    }

    /// Every transcript line of every session (live and archived) of `agent`, as text.
    fn transcripts_of(&self, agent: &str) -> String {
        let dir = self.home.join(format!("agents/{agent}/state/transcripts"));
        let mut all = String::new();
        for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == "jsonl") {
                all.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        all
    }
}

pub(crate) async fn open(b: &Browser, gw: &Gateway) -> String {
    b.goto(&gw.link).await;
    b.wait_for(
        "the page to connect",
        "document.getElementById('status').dataset.state",
        WAIT,
        is("connected"),
    )
    .await;
    let peer = b.eval("return localStorage.getItem('openclaw.peer');", json!([])).await;
    let peer = peer.as_str().expect("a browser id").to_owned();
    let key = b.eval("return document.getElementById('session').textContent;", json!([])).await;
    assert_eq!(key, format!("agent:main:webchat:peer:{peer}").as_str());
    peer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_streams_the_model_reply_into_the_page() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let (model_url, requests) = fake_model().await;
    let gw = Gateway::start(&format!(
        r#"default: "openai/gpt-test", providers: {{ openai: {{ api: "openai", baseUrl: "{model_url}/v1", apiKey: "sk-test" }} }},"#
    ))
    .await;
    let b = Browser::launch(&chromium, &chromedriver, 480, 800, &[]).await;
    let peer = open(&b, &gw).await;

    let input = b.find("#input").await;
    b.type_into(&input, &format!("hi from the browser{ENTER}")).await;
    let full: String = WORDS.concat();
    // Half-way through, the bubble holds a prefix of the reply: it streams, it is not one block.
    b.wait_for("a partly streamed reply", LAST_REPLY, WAIT, |v| {
        v.as_str().is_some_and(|s| !s.is_empty() && s.len() < full.len() && full.starts_with(s))
    })
    .await;
    b.wait_for("the whole reply", LAST_REPLY, WAIT, is(&full)).await;
    // The turn's end names the model that answered.
    let meta = "document.querySelector('.msg.assistant .meta')?.textContent ?? null";
    b.wait_for("the done frame's model and usage", meta, WAIT, is("openai/gpt-test · tokens 100 in / 6 out"))
        .await;

    let asked = requests.lock().map(|r| r.last().cloned()).ok().flatten().expect("the model was asked");
    assert!(asked.to_string().contains("hi from the browser"), "{asked}");
    let transcripts = gw.transcripts();
    assert!(
        transcripts.contains("hi from the browser") && transcripts.contains("streamed."),
        "{transcripts}"
    );

    // A turn that runs a tool: the working indicator names it while the turn runs.
    b.type_into(&input, &format!("please run it{ENTER}")).await;
    let working =
        "document.getElementById('working').hidden ? null : document.getElementById('working').textContent";
    b.wait_for("the tool in the working indicator", working, WAIT, is("working… (exec)")).await;
    b.wait_for("the reply after the tool", LAST_REPLY, WAIT, is("The command printed tool-output.")).await;
    let meta = "Array.from(document.querySelectorAll('.msg.assistant')).pop().querySelector('.meta')?.textContent ?? null";
    // Two model calls: the usage is the turn's, both summed.
    let tool_meta = "openai/gpt-test · tokens 200 in / 12 out";
    b.wait_for("the model and usage under the reply", meta, WAIT, is(tool_meta)).await;
    // The tool call is in the reply, collapsed, with the arguments the model gave and the output.
    let tool = "Array.from(document.querySelectorAll('.msg.assistant')).pop().querySelector('details.tool')";
    let tool_shown = format!(
        "(() => {{ const d = {tool}; return d && [d.open, d.querySelector('summary').textContent,
            Array.from(d.querySelectorAll('pre')).map(p => p.textContent)]; }})()"
    );
    let want_tool = |v: &Value| {
        v[0] == false
            && v[1] == "execdone"
            && v[2][0] == "{\n  \"command\": \"echo tool-output\"\n}"
            && v[2][1].as_str().is_some_and(|r| r.contains("tool-output"))
    };
    b.wait_for("the tool call with its result", &tool_shown, WAIT, want_tool).await;
    assert_eq!(b.eval("return document.getElementById('working').hidden;", json!([])).await, true);

    b.screenshot(&screenshot_path("gateway")).await;
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");

    // The page took the token out of the address bar; a reload still gets the page and the same
    // session (the token lives on in sessionStorage).
    b.refresh().await;
    let key = "document.getElementById('session')?.textContent ?? document.body.innerText";
    b.wait_for("the same session after a reload", key, WAIT, is(&format!("agent:main:webchat:peer:{peer}")))
        .await;
    // ...and the conversation so far, in order: both messages and both replies.
    let shown = "Array.from(document.querySelectorAll('.msg')).map(m => \
        (m.classList.contains('user') ? 'user: ' : 'assistant: ') + m.querySelector('.body').textContent)";
    let want = json!([
        "user: hi from the browser",
        format!("assistant: {full}"),
        "user: please run it",
        "assistant: The command printed tool-output.",
    ]);
    b.wait_for("the conversation after a reload", shown, WAIT, |v| *v == want).await;
    // ...with the tool call from the transcript, shown as it was live.
    b.wait_for("the tool call in the history", &tool_shown, WAIT, want_tool).await;
    assert_eq!(
        b.eval(&format!("return {meta};"), json!([])).await,
        tool_meta,
        "the usage from the transcript"
    );
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");
}

/// The setup card's parts as the user sees them: [problem, fix, command, button], or null.
const SETUP_CARD: &str = "const c = document.getElementById('setup'); return c ? \
    [c.querySelector('.problem').textContent, c.querySelector('.fix').textContent, \
     c.querySelector('.cmd code').textContent, c.querySelector('.cmd button').textContent] : null;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_without_a_model_shows_what_to_set_up() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let gw = Gateway::start("").await;
    let b = Browser::launch(&chromium, &chromedriver, 480, 800, &[]).await;

    // A wrong token: the page loads (it holds no secret), the gateway refuses its socket, and
    // the page points at the token. No session is shown.
    b.goto(&format!("{}/?token=not-the-token", gw.url)).await;
    b.wait_for("the wrong-token hint", "document.getElementById('notice').textContent", WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("the token may be wrong"))
    })
    .await;
    assert_eq!(b.eval("return document.getElementById('session').textContent;", json!([])).await, "");

    // Connected: before anything is typed, a card says no model is configured and what to run.
    open(&b, &gw).await;
    // The refused sockets above are console errors of their own; what counts comes after.
    let _ = b.console_errors().await;
    let card = b.eval(SETUP_CARD, json!([])).await;
    assert_eq!(card[0], "no model is configured");
    assert!(card[1].as_str().is_some_and(|s| s.contains("models.default")), "{card}");
    assert_eq!(card[2], "openclaw onboard");

    // A message sent anyway fails for that reason: the card again, not an error bubble.
    let input = b.find("#input").await;
    b.type_into(&input, &format!("anyone there?{ENTER}")).await;
    b.wait_for("the turn to end", "document.getElementById('working').hidden", WAIT, |v| *v == json!(true))
        .await;
    let shown = b
        .eval(
            "return [document.querySelectorAll('.msg.assistant').length, document.querySelectorAll('#setup').length,
                     document.querySelector('#log').lastElementChild.id, document.querySelector('.msg.user').textContent];",
            json!([]),
        )
        .await;
    assert_eq!(shown, json!([0, 1, "setup", "anyone there?"]));
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_whose_model_has_no_key_names_the_variable_and_the_command_copies() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    // The template's model, and no OPENAI_API_KEY in the gateway's environment.
    let gw = Gateway::start(r#"default: "openai/gpt-4o-mini","#).await;
    let b = Browser::launch(&chromium, &chromedriver, 480, 800, &[]).await;
    open(&b, &gw).await;
    let card = b.eval(SETUP_CARD, json!([])).await;
    assert_eq!(
        card,
        json!([
            "model openai/gpt-4o-mini needs OPENAI_API_KEY, which is not set",
            "Export OPENAI_API_KEY in the gateway's environment and restart the gateway, or run `openclaw onboard` to set up another provider.",
            "export OPENAI_API_KEY=…",
            "Copy"
        ])
    );
    // Copy puts the command on the clipboard, or, where the page may not write it, selects it.
    let copy = b.find("#setup .cmd button").await;
    b.click(&copy).await;
    let after = "(() => { const b = document.querySelector('#setup .cmd button').textContent; \
        return b === 'Copy' ? null : [b, getSelection().toString()]; })()";
    let copied = b.wait_for("the copy button to answer", after, WAIT, |v| !v.is_null()).await;
    match copied[0].as_str() {
        Some("Copied") => {}
        Some("Press Ctrl+C") => assert_eq!(copied[1], "export OPENAI_API_KEY=…"),
        _ => panic!("unexpected copy outcome {copied}"),
    }
    b.screenshot(&screenshot_path("setup")).await;
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");
}

/// The session id `sessions.json` of `agent` holds for `key`.
fn session_id(gw: &Gateway, agent: &str, key: &str) -> String {
    let path = gw.home.join(format!("agents/{agent}/state/sessions.json"));
    let sessions: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default()).unwrap_or_default();
    sessions[key]["sessionId"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_picks_agents_starts_new_sessions_and_survives_a_restart() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let (model_url, _requests) = fake_model().await;
    let models = format!(
        r#"default: "openai/gpt-test", providers: {{ openai: {{ api: "openai", baseUrl: "{model_url}/v1", apiKey: "sk-test" }} }},"#
    );
    let mut gw =
        Gateway::start_config(&models, "", "", "", r#"ops: { tools: { exec: { security: "full" } } },"#)
            .await;
    // The workspace `openclaw agent new ops` would have made: exec runs in it.
    std::fs::create_dir_all(gw.home.join("agents/ops/workspace")).expect("ops workspace");
    let b = Browser::launch(&chromium, &chromedriver, 390, 800, &[]).await;
    let peer = open(&b, &gw).await;
    let input = b.find("#input").await;

    // The picker offers both agents; choosing `ops` talks to ops, in its own session.
    let options = "Array.from(document.getElementById('agent-pick').options).map(o => o.value)";
    assert_eq!(b.eval(&format!("return {options};"), json!([])).await, json!(["main", "ops"]));
    b.eval(
        "const p = document.getElementById('agent-pick'); p.value = 'ops'; p.dispatchEvent(new Event('change'));",
        json!([]),
    )
    .await;
    let ops_key = format!("agent:ops:webchat:peer:{peer}");
    let key = "document.getElementById('status').dataset.state === 'connected' ? document.getElementById('session').textContent : null";
    b.wait_for("the ops session", key, WAIT, is(&ops_key)).await;
    b.type_into(&input, &format!("hello ops{ENTER}")).await;
    b.wait_for("the reply from ops", LAST_REPLY, WAIT, is(&WORDS.concat())).await;
    assert!(gw.transcripts_of("ops").contains("hello ops"), "the message went to ops");
    assert!(!gw.transcripts_of("main").contains("hello ops"), "and not to main");

    // "New": the page clears, the gateway's answer says a new session started, and it did.
    let before = session_id(&gw, "ops", &ops_key);
    assert!(!before.is_empty(), "ops has a session");
    b.click(&b.find("#new").await).await;
    b.wait_for("the new session's note", LAST_REPLY, WAIT, |v| {
        v.as_str().is_some_and(|s| s.starts_with("Started a new session"))
    })
    .await;
    assert_eq!(b.eval("return document.querySelectorAll('.msg').length;", json!([])).await, 1, "cleared");
    let after = session_id(&gw, "ops", &ops_key);
    assert!(!after.is_empty() && after != before, "a new session: {before} → {after}");

    // A restart while a tool turn is running: the reply still streams to its end, then the page
    // says the gateway is restarting, reconnects and shows the conversation from the transcript.
    b.type_into(&input, &format!("please run it{ENTER}")).await;
    let working =
        "document.getElementById('working').hidden ? null : document.getElementById('working').textContent";
    b.wait_for("the tool turn", working, WAIT, is("working… (exec)")).await;
    let tool = "Array.from(document.querySelectorAll('.msg.assistant')).pop().querySelector('details.tool summary')?.textContent";
    b.wait_for("the tool's result", tool, WAIT, is("execdone")).await;
    let home = gw.home.clone();
    let stopping = tokio::task::spawn_blocking(move || openclaw(&home, &["gateway", "stop"]));
    b.wait_for(
        "the reply, finished before the restart",
        LAST_REPLY,
        WAIT,
        is("The command printed tool-output."),
    )
    .await;
    let banner =
        "document.getElementById('banner').hidden ? null : document.getElementById('banner').textContent";
    b.wait_for("the restart banner", banner, WAIT, is("gateway restarting — reconnecting…")).await;
    let stopped = stopping.await.expect("gateway stop");
    assert!(stopped.status.success(), "gateway stop: {}", String::from_utf8_lossy(&stopped.stderr));
    let errors = "document.querySelectorAll('.msg.error').length";
    assert_eq!(b.eval(&format!("return {errors};"), json!([])).await, 0, "no turn shown as failed");
    gw.start_again();
    b.wait_for("the banner to go", banner, Duration::from_secs(30), |v| v.is_null()).await;
    assert_eq!(
        b.eval("return document.getElementById('session').textContent;", json!([])).await,
        ops_key.as_str()
    );
    let shown = "Array.from(document.querySelectorAll('.msg')).map(m => \
        (m.classList.contains('user') ? 'user: ' : 'assistant: ') + m.querySelector('.body').textContent)";
    let history = b.eval(&format!("return {shown};"), json!([])).await;
    let tail: Vec<&Value> =
        history.as_array().map(|h| h.iter().rev().take(2).rev().collect()).unwrap_or_default();
    assert_eq!(
        tail,
        [&json!("user: please run it"), &json!("assistant: The command printed tool-output.")],
        "the conversation after the restart: {history}"
    );
    assert_eq!(b.eval(&format!("return {tool};"), json!([])).await, "execdone");
    assert_eq!(
        b.eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            json!([])
        )
        .await,
        0
    );
    b.type_into(&input, &format!("still there?{ENTER}")).await;
    // (The fake model answers any later message of a session that ran the tool with its output.)
    let last_meta = "Array.from(document.querySelectorAll('.msg.assistant')).pop().querySelector('.meta')?.textContent ?? null";
    b.wait_for("a reply after the restart", last_meta, WAIT, is("openai/gpt-test · tokens 100 in / 6 out"))
        .await;
    assert_eq!(b.eval("return document.querySelectorAll('.msg.user').length;", json!([])).await, 2);
    b.screenshot(&screenshot_path("restart")).await;
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");
}
