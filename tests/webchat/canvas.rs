//! The `canvas` tool end to end: the real gateway, a fake model that calls the tool, the web chat
//! in Chromium (the canvas beside the chat, updated live, its clicks and forms coming back as
//! session messages, its scripts shut out of the page), and a chat without a canvas (the fake
//! Telegram Bot API) that gets a signed read-only link, or a text rendering without
//! `gateway.publicUrl`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde_json::{Value, json};

use crate::botapi::{FakeBot, TOKEN as BOT_TOKEN, dm};
use crate::contract::{LAST_REPLY, is, screenshot_path};
use crate::driver::{self, Browser, ENTER};
use crate::gateway::{Gateway, event_stream, open, openclaw, serve};

const WAIT: Duration = Duration::from_secs(20);
/// The last cell of the disks table in the canvas.
const LAST_CELL: &str = "document.querySelector('#disks tr:last-child td:last-child')?.textContent ?? null";

const TABLE_V1: &str = r#"<h3>Disks</h3>
<table id="disks"><tr><th>Mount</th><th>Use</th></tr><tr><td>/</td><td>41%</td></tr></table>
<button id="refresh" data-action="refresh">Refresh</button>
<form data-action="resize"><input name="mount" value="/home"><button id="go">Resize</button></form>
<a id="away" href="https://example.com/">elsewhere</a>
<script>document.body.dataset.ran = "the agent's script ran";</script>"#;

const TABLE_V2: &str = r#"<h3>Disks</h3>
<table id="disks"><tr><th>Mount</th><th>Use</th></tr><tr><td>/</td><td>97%</td></tr></table>"#;

/// Tries everything a hostile canvas script might, and writes down what it got.
const PROBE: &str = r#"<pre id="probe"></pre><pre id="net">pending</pre>
<script>
const r = {};
const t = (k, f) => { try { r[k] = String(f()); } catch (e) { r[k] = "blocked: " + e.name; } };
t("parentToken", () => parent.sessionStorage.getItem("openclaw.token"));
t("parentCookie", () => parent.document.cookie);
t("parentChat", () => parent.document.getElementById("log").textContent);
t("topHref", () => top.location.href);
t("cookie", () => document.cookie);
t("storage", () => sessionStorage.getItem("openclaw.token"));
t("local", () => localStorage.getItem("openclaw.peer"));
t("origin", () => self.origin);
document.getElementById("probe").textContent = JSON.stringify(r);
fetch("/healthz").then(() => "fetched", (e) => "blocked: " + e.name)
  .then((s) => { document.getElementById("net").textContent = s; });
</script>"#;

/// An OpenAI-compatible model that answers by the last message: a tool result is quoted back
/// (`canvas said: …`); `show disks`, `update disks`, `probe` and `hide it` call the canvas
/// tool; a canvas action is answered `You pressed it: <message>`; anything else gets `ok`.
async fn fake_model() -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    async fn chat(State(seen): State<Arc<Mutex<Vec<Value>>>>, body: Bytes) -> Response {
        let request = serde_json::from_slice::<Value>(&body).unwrap_or_default();
        if let Ok(mut s) = seen.lock() {
            s.push(request.clone());
        }
        let last = request["messages"].as_array().and_then(|m| m.last()).cloned().unwrap_or_default();
        let content = last["content"].as_str().unwrap_or_default().to_string();
        let call = |args: Value| tool_call("canvas", &args);
        let frames = if last["role"] == "tool" {
            text(&format!("canvas said: {content}"))
        } else if content.starts_with("[canvas ") {
            text(&format!("You pressed it: {content}"))
        } else if content == "show disks" {
            call(json!({"action": "present", "title": "Disks", "format": "html", "content": TABLE_V1}))
        } else if content == "update disks" {
            call(json!({"action": "update", "content": TABLE_V2}))
        } else if content == "probe" {
            call(json!({"action": "present", "title": "Probe", "format": "html", "content": PROBE}))
        } else if content == "hide it" {
            call(json!({"action": "hide"}))
        } else {
            text("ok")
        };
        let body: String =
            frames.into_iter().map(|f| format!("data: {f}\n\n")).collect::<String>() + "data: [DONE]\n\n";
        event_stream(Body::from(body))
    }
    let app = Router::new().route("/v1/chat/completions", post(chat)).with_state(seen.clone());
    (serve(app).await, seen)
}

fn chunk(delta: Value, finish: Value) -> Value {
    json!({"id": "c1", "object": "chat.completion.chunk", "model": "gpt-test",
           "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
}

fn text(t: &str) -> Vec<Value> {
    vec![chunk(json!({"role": "assistant", "content": t}), Value::Null), chunk(json!({}), json!("stop"))]
}

fn tool_call(name: &str, args: &Value) -> Vec<Value> {
    vec![
        chunk(
            json!({"role": "assistant", "content": null, "tool_calls": [{"index": 0, "id": "call_1",
                "type": "function", "function": {"name": name, "arguments": args.to_string()}}]}),
            Value::Null,
        ),
        chunk(json!({}), json!("tool_calls")),
    ]
}

fn models(url: &str) -> String {
    format!(
        r#"default: "openai/gpt-test", providers: {{ openai: {{ api: "openai", baseUrl: "{url}/v1", apiKey: "sk-test" }} }},"#
    )
}

/// The value of `expr` evaluated inside the canvas frame, once `ok` accepts it.
async fn in_canvas(b: &Browser, what: &str, expr: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let frame = b.find("#canvas-frame").await;
    b.enter_frame(&frame).await;
    let v = b.wait_for(what, expr, WAIT, ok).await;
    b.leave_frame().await;
    v
}

/// Clicks the element `css` inside the canvas frame.
async fn click_in_canvas(b: &Browser, css: &str) {
    let frame = b.find("#canvas-frame").await;
    b.enter_frame(&frame).await;
    let el = b.find(css).await;
    b.click(&el).await;
    b.leave_frame().await;
}

const REPLIES: &str =
    "Array.from(document.querySelectorAll('.msg.assistant .body')).map(e => e.textContent).join('\\n')";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_canvas_shows_beside_the_chat_updates_live_and_sends_clicks_back() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let (model_url, requests) = fake_model().await;
    let gw = Gateway::start_with(&models(&model_url), "", "", "").await;
    let b = Browser::launch(&chromium, &chromedriver, 1200, 800, &[]).await;
    open(&b, &gw).await;
    let input = b.find("#input").await;

    b.type_into(&input, &format!("show disks{ENTER}")).await;
    b.wait_for("the canvas panel", "!document.getElementById('canvas').hidden", WAIT, |v| *v == json!(true))
        .await;
    b.wait_for("the tool result in the reply", LAST_REPLY, WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("is shown in the web chat beside the conversation"))
    })
    .await;
    assert_eq!(
        b.eval("return document.getElementById('canvas-title').textContent;", json!([])).await,
        "Disks"
    );
    // Beside the conversation: to its right, sharing its rows.
    let rects = b
        .eval(
            "const c = document.getElementById('canvas').getBoundingClientRect(),
                   l = document.getElementById('log').getBoundingClientRect();
             return [c.left >= l.right - 1, c.top < l.bottom && l.top < c.bottom, c.width > 300];",
            json!([]),
        )
        .await;
    assert_eq!(rects, json!([true, true, true]), "the canvas is not beside the chat");
    // The table, in an opaque origin, and the agent's own <script> did not run (no allowScripts).
    in_canvas(&b, "the table", LAST_CELL, is("41%")).await;
    in_canvas(&b, "the frame's origin", "self.origin", is("null")).await;
    in_canvas(&b, "the agent's script not run", "document.body.dataset.ran ?? 'not run'", is("not run"))
        .await;
    b.screenshot(&screenshot_path("canvas-wide")).await;

    // A link in the canvas does not take the frame away.
    click_in_canvas(&b, "#away").await;
    // A button with data-action becomes a message in the session, and the agent answers it.
    click_in_canvas(&b, "#refresh").await;
    let said = b
        .wait_for("the answer to the click", LAST_REPLY, WAIT, |v| {
            v.as_str().is_some_and(|s| s.starts_with("You pressed it:"))
        })
        .await;
    let said = said.as_str().unwrap_or_default().to_string();
    assert!(said.contains(r#""Disks"] action: refresh"#) && said.contains("[canvas cv-"), "{said}");
    let bubbles = "Array.from(document.querySelectorAll('.msg.user')).map(e => e.textContent)";
    b.wait_for("the click as a user bubble", bubbles, WAIT, |v| {
        v.as_array().is_some_and(|a| a.iter().any(|x| x == "▸ refresh"))
    })
    .await;
    in_canvas(&b, "the table still there", "location.pathname.startsWith('/canvas/')", |v| *v == json!(true))
        .await;
    let asked = requests.lock().map(|r| r.last().cloned()).ok().flatten().expect("the model was asked");
    assert!(asked.to_string().contains("action: refresh"), "{asked}");

    // A form submit sends its fields (at most one action a second).
    tokio::time::sleep(Duration::from_millis(1100)).await;
    click_in_canvas(&b, "#go").await;
    b.wait_for("the answer to the form", LAST_REPLY, WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains(r#"action: resize"#) && s.contains(r#"{"mount":"/home"}"#))
    })
    .await;

    // An update replaces the canvas in place, without reloading the page.
    b.eval("window.stillThisPage = true; return null;", json!([])).await;
    b.type_into(&input, &format!("update disks{ENTER}")).await;
    in_canvas(&b, "the updated table", LAST_CELL, is("97%")).await;
    assert_eq!(b.eval("return window.stillThisPage === true;", json!([])).await, true);
    b.wait_for("the update's tool result", LAST_REPLY, WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("(version 2) is shown in the web chat"))
    })
    .await;

    // It survives a reload, and `hide` takes it down live.
    b.refresh().await;
    b.wait_for("the canvas after a reload", "!document.getElementById('canvas').hidden", WAIT, |v| {
        *v == json!(true)
    })
    .await;
    in_canvas(&b, "the table after a reload", LAST_CELL, is("97%")).await;
    let input = b.find("#input").await;
    b.type_into(&input, &format!("hide it{ENTER}")).await;
    b.wait_for("the canvas gone", "document.getElementById('canvas').hidden", WAIT, |v| *v == json!(true))
        .await;
    assert_eq!(b.eval("return getComputedStyle(document.body).display;", json!([])).await, "flex");
    let replies = b.eval(&format!("return {REPLIES};"), json!([])).await;
    assert!(replies.as_str().is_some_and(|s| s.contains("hidden; its links no longer open")), "{replies}");

    // Saved in the agent's state, and listed.
    let out = openclaw(&gw.home, &["canvas", "ls", "--json"]);
    let list: Value = serde_json::from_slice(&out.stdout).expect("canvas ls --json");
    assert_eq!(list[0]["title"], "Disks");
    assert_eq!(list[0]["version"], 2);
    assert_eq!(list[0]["hidden"], true);
    assert_eq!(list[0]["shownVia"], "webchat");
    // The only console errors are the CSP refusing the agent's inline script.
    let errors = b.console_errors().await;
    assert!(errors.iter().all(|e| e.contains("Content Security Policy")), "{errors:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_canvas_script_cannot_reach_the_token_cookies_chat_or_network() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let (model_url, _) = fake_model().await;
    let gw = Gateway::start_with(&models(&model_url), "canvas: { allowScripts: true }", "", "").await;
    // A phone: the canvas goes above the conversation.
    let b = Browser::launch(&chromium, &chromedriver, 400, 800, &[]).await;
    open(&b, &gw).await;
    let token = b.eval("return sessionStorage.getItem('openclaw.token');", json!([])).await;
    let token = token.as_str().expect("the page keeps its token").to_string();
    b.eval("document.cookie = 'oc_probe=secret-cookie; path=/'; return document.cookie;", json!([])).await;
    let input = b.find("#input").await;
    b.type_into(&input, &format!("probe{ENTER}")).await;
    let probe =
        in_canvas(&b, "the probe's findings", "document.getElementById('probe')?.textContent || null", |v| {
            v.as_str().is_some_and(|s| s.starts_with('{'))
        })
        .await;
    let found: Value = serde_json::from_str(probe.as_str().unwrap_or_default()).expect("probe JSON");
    eprintln!("what a canvas script could reach: {found}");
    let text = found.to_string();
    assert!(!text.contains(&token) && !text.contains("secret-cookie"), "{found}");
    assert_eq!(found["origin"], "null", "{found}");
    for k in ["parentToken", "parentCookie", "parentChat", "topHref", "cookie", "storage", "local"] {
        assert!(found[k].as_str().is_some_and(|s| s.starts_with("blocked: ")), "{k}: {found}");
    }
    in_canvas(&b, "the probe's fetch", "document.getElementById('net').textContent", |v| {
        v.as_str().is_some_and(|s| s.starts_with("blocked: "))
    })
    .await;
    let rects = b
        .eval(
            "const c = document.getElementById('canvas').getBoundingClientRect(),
                   l = document.getElementById('log').getBoundingClientRect();
             return [c.bottom <= l.top + 1, c.height > 150, c.width > 350];",
            json!([]),
        )
        .await;
    assert_eq!(rects, json!([true, true, true]), "the canvas is not above the chat on a phone");
    b.screenshot(&screenshot_path("canvas-phone")).await;
}

fn telegram(bot: &FakeBot) -> String {
    format!(
        r#"channels: {{ telegram: {{ dmPolicy: "open", accounts: {{ default: {{ botToken: "{BOT_TOKEN}", apiBase: "{}", pollTimeoutSeconds: 1 }} }} }} }},"#,
        bot.base
    )
}

/// The texts the bot sent, once there are `n`.
async fn sent(bot: &FakeBot, n: usize) -> Vec<String> {
    for _ in 0..400 {
        let texts: Vec<String> = bot
            .calls("sendMessage")
            .into_iter()
            .map(|c| c.body["text"].as_str().unwrap_or_default().to_string())
            .collect();
        if texts.len() >= n {
            return texts;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the bot did not send {n} messages: {:?}", bot.calls("sendMessage"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_gets_a_read_only_link_and_forged_or_expired_links_are_refused() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let (model_url, _) = fake_model().await;
    let bot = FakeBot::start().await;
    let gw = Gateway::start_with(&models(&model_url), "", r#"publicUrl: "{URL}""#, &telegram(&bot)).await;
    bot.push(dm(1, 111, "show disks"));
    let texts = sent(&bot, 2).await;
    let (link_msg, reply) = (&texts[0], &texts[1]);
    let url = link_msg.lines().nth(1).unwrap_or_default().to_string();
    assert!(
        link_msg.starts_with("Disks\n") && url.starts_with(&format!("{}/canvas/cv-", gw.url)),
        "{link_msg}"
    );
    assert!(reply.contains("sent the telegram chat a read-only link, valid until"), "{reply}");
    assert_eq!(bot.calls("sendMessage")[0].body["chat_id"], 111);

    let b = Browser::launch(&chromium, &chromedriver, 900, 700, &[]).await;
    b.goto(&url).await;
    b.wait_for("the table from the link", LAST_CELL, WAIT, is("41%")).await;
    let bar = b.eval("return document.querySelector('.oc-bar').textContent;", json!([])).await;
    assert!(bar.as_str().is_some_and(|s| s.starts_with("Disks") && s.contains("read-only")), "{bar}");
    // Read-only and sandboxed even on its own: an opaque origin, no script but the bridge.
    assert_eq!(
        b.eval("return [self.origin, document.body.dataset.ran ?? 'not run'];", json!([])).await,
        json!(["null", "not run"])
    );
    b.screenshot(&screenshot_path("canvas-link")).await;

    // A forged signature, the same signature on another canvas, and an expired link.
    let timeouts = openclaw::provider::Timeouts {
        connect: Duration::from_secs(5),
        idle: Duration::from_secs(20),
        overall: Duration::from_secs(20),
    };
    let http = openclaw::provider::http_client(&timeouts).expect("http client");
    let status = |u: String| {
        let http = http.clone();
        async move {
            let r = http.get(&u).send().await.expect("GET canvas");
            (r.status().as_u16(), r.text().await.unwrap_or_default())
        }
    };
    let (sig_at, _) = url.match_indices("&sig=").next().expect("a signature");
    let forged = format!("{}&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &url[..sig_at]);
    let (code, body) = status(forged.clone()).await;
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("this canvas link is not valid"), "{body}");
    let later = url.replace("&exp=", "&exp=9");
    assert_eq!(status(later).await.0, 403, "a longer expiry is not signed");
    let resp = http.get(&url).send().await.expect("GET the link");
    let csp =
        resp.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(
        csp.starts_with("default-src 'none'; script-src 'sha256-")
            && csp.contains("sandbox allow-scripts allow-forms"),
        "{csp}"
    );
    let id = url.split("/canvas/").nth(1).and_then(|r| r.split('?').next()).expect("id").to_string();
    let key =
        openclaw::canvas::link::key(&openclaw::home::Home::new(&gw.home)).expect("the gateway's link key");
    let expired = format!(
        "{}{}",
        gw.url,
        openclaw::canvas::link::path(&key, "main", &id, jiff::Timestamp::now().as_second() - 5)
    );
    let (code, body) = status(expired.clone()).await;
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("expired"), "{body}");
    b.goto(&expired).await;
    b.wait_for("the refusal in the browser", "document.body.innerText", WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("this canvas link has expired"))
    })
    .await;
    b.goto(&forged).await;
    b.wait_for("the forged link refused", "document.body.innerText", WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("this canvas link is not valid"))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_public_url_telegram_gets_the_canvas_as_text() {
    let (model_url, _) = fake_model().await;
    let bot = FakeBot::start().await;
    let gw = Gateway::start_with(&models(&model_url), "", "", &telegram(&bot)).await;
    bot.push(dm(1, 111, "show disks"));
    let texts = sent(&bot, 2).await;
    assert!(texts[0].starts_with("Disks\n\nDisks\nMount | Use\n/ | 41%"), "{}", texts[0]);
    assert!(!texts[0].contains("/canvas/"), "{}", texts[0]);
    assert!(
        texts[1].contains("sent to the telegram chat as text") && texts[1].contains("gateway.publicUrl"),
        "{}",
        texts[1]
    );

    let out = openclaw(&gw.home, &["canvas", "ls"]);
    let table = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success() && table.contains("Disks") && table.contains(" text "), "{table}");
    let id = table.lines().nth(1).and_then(|l| l.split_whitespace().next()).expect("a row").to_string();
    let out = openclaw(&gw.home, &["canvas", "show", &id, "--text"]);
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        shown.contains(&format!("canvas {id} · Disks · agent main · session agent:main:telegram:peer:111")),
        "{shown}"
    );
    assert!(shown.contains("/ | 41%"), "{shown}");
    let out = openclaw(&gw.home, &["canvas", "show", "cv-0000000000000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no canvas cv-0000000000000000"));
    let out = openclaw(&gw.home, &["canvas", "show", "../etc"]);
    assert_eq!(out.status.code(), Some(2));
}
