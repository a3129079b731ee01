//! The page against [`FakeGateway`]: what a user sees for each frame of the chat protocol.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};

use crate::driver::{self, Browser, ENTER, NULL_KEY, SHIFT};
use crate::server::{ERROR_TEXT, FakeGateway, MARKDOWN, TOKEN, TOOL_RESULT, USAGE, XSS};

const WAIT: Duration = Duration::from_secs(10);

/// The last assistant bubble's text (body only, without the model line).
pub const LAST_REPLY: &str =
    "Array.from(document.querySelectorAll('.msg.assistant .body')).map(e => e.textContent).pop() ?? null";

pub fn is(want: &str) -> impl Fn(&Value) -> bool + '_ {
    move |v| v.as_str() == Some(want)
}

pub fn screenshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("webchat-{name}.png"))
}

async fn connected(b: &Browser) {
    b.wait_for(
        "the page to connect",
        "document.getElementById('status').dataset.state",
        WAIT,
        is("connected"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_streams_replies_tools_and_errors_as_text() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let gw = FakeGateway::start().await;
    let b = Browser::launch(&chromium, &chromedriver, 360, 720, &[]).await;
    b.goto(&format!("{}/?token={TOKEN}", gw.url)).await;
    connected(&b).await;

    // The header names the agent and the session key the gateway chose for this browser's id,
    // and the token left the address bar for sessionStorage.
    let seen = b
        .eval(
            "return [document.getElementById('agent').textContent, document.getElementById('session').textContent,
                     location.href, sessionStorage.getItem('openclaw.token'), localStorage.getItem('openclaw.peer'),
                     document.getElementById('send').disabled];",
            json!([]),
        )
        .await;
    let peer = gw.peers().pop().expect("a connection");
    assert_eq!(seen[0], "main");
    assert_eq!(seen[1], format!("agent:main:webchat:peer:{peer}").as_str());
    assert_eq!(seen[2], format!("{}/", gw.url).as_str(), "the token is removed from the address bar");
    assert_eq!(seen[3], TOKEN);
    assert_eq!(seen[4], peer.as_str());
    assert_eq!(seen[5], false, "send is enabled once connected");

    // Shift+Enter is a new line, Enter sends.
    let input = b.find("#input").await;
    b.type_into(&input, &format!("line one{SHIFT}{ENTER}{NULL_KEY}line two")).await;
    let state = b
        .eval(
            "return [document.getElementById('input').value, document.querySelectorAll('.msg').length];",
            json!([]),
        )
        .await;
    assert_eq!(state, json!(["line one\nline two", 0]));
    b.type_into(&input, &ENTER.to_string()).await;
    b.wait_for("the echo reply", LAST_REPLY, WAIT, is("echo: line one\nline two")).await;
    let after = b
        .eval(
            "return [document.querySelector('.msg.user').textContent, document.getElementById('input').value,
                     document.querySelector('.msg.assistant .meta').textContent];",
            json!([]),
        )
        .await;
    // Under the reply: the model and the turn's token use.
    assert_eq!(after, json!(["line one\nline two", "", "fake/model-1 · tokens 1,234 in / 56 out"]));
    assert_eq!(USAGE, (1234, 56));

    // A turn in progress: the first delta shows while the model is still working, with the tool
    // it runs named in the working indicator and shown collapsed in the reply, running; the rest
    // streams in after, and the tool's result goes into its entry.
    b.type_into(&input, &format!("slow please{ENTER}")).await;
    let first_block = "Array.from(document.querySelectorAll('.msg.assistant')).pop()?.querySelector('.body')?.textContent ?? null";
    b.wait_for("the first delta", first_block, WAIT, is("Let me check")).await;
    b.wait_for(
        "the working indicator to name the tool",
        "document.getElementById('working').hidden ? null : document.getElementById('working').textContent",
        WAIT,
        is("working… (exec)"),
    )
    .await;
    let tool = "Array.from(document.querySelectorAll('.msg.assistant')).pop().querySelector('details.tool')";
    let state = format!("{tool}?.querySelector('summary').textContent ?? null");
    b.wait_for("the running tool", &state, WAIT, is("execrunning…")).await;
    gw.release();
    b.wait_for("the rest of the reply", LAST_REPLY, WAIT, is("All done.")).await;
    // In the order it happened: the text, the tool call, the text after it.
    let order = b
        .eval(
            "return Array.from(Array.from(document.querySelectorAll('.msg.assistant')).pop().children)
                 .map(e => e.classList[0] + (e.classList.contains('body') ? ':' + e.textContent : ''));",
            json!([]),
        )
        .await;
    assert_eq!(order, json!(["body:Let me check", "tools", "body:All done.", "meta"]));
    let done = b
        .eval(
            &format!(
                "const d = {tool};
                 return [document.getElementById('working').hidden,
                     Array.from(document.querySelectorAll('.msg.assistant .meta')).pop().textContent,
                     d.open, d.querySelector('summary').textContent, d.querySelector('pre').checkVisibility(),
                     Array.from(d.querySelectorAll('.tool-label, pre')).map(e => e.textContent)];"
            ),
            json!([]),
        )
        .await;
    let details = json!(["Arguments", "{\n  \"command\": \"df -h /\"\n}", "Result", TOOL_RESULT]);
    assert_eq!(
        done,
        json!([true, "fake/model-1", false, "execdone", false, details]),
        "the tool call, collapsed"
    );
    // Opened, it shows its arguments and result.
    b.click(&b.find(".msg.assistant:last-of-type details.tool summary").await).await;
    let open = b
        .eval(&format!("return [{tool}.open, {tool}.querySelector('pre').checkVisibility()];"), json!([]))
        .await;
    assert_eq!(open, json!([true, true]));

    // An error frame is shown inline, in the turn it belongs to.
    b.type_into(&input, &format!("fail now{ENTER}")).await;
    b.wait_for("the error", LAST_REPLY, WAIT, is(ERROR_TEXT)).await;
    let err = b
        .eval(
            "const e = Array.from(document.querySelectorAll('.msg.assistant')).pop();
             return [e.classList.contains('error'), e.getAttribute('role')];",
            json!([]),
        )
        .await;
    assert_eq!(err, json!([true, "alert"]));

    // Model output is text, never markup: HTML shows literally, code blocks are <pre><code>.
    b.type_into(&input, &format!("xss{ENTER}")).await;
    b.wait_for("the HTML-laden reply", LAST_REPLY, WAIT, |v| v.as_str().is_some_and(|s| s.ends_with("bye")))
        .await;
    let html = b
        .eval(
            "const e = Array.from(document.querySelectorAll('.msg.assistant .body')).pop();
             return [document.querySelectorAll('#log img, #log script, #log b').length,
                     e.firstChild.firstChild.textContent, e.querySelector(':not(pre) > code').textContent,
                     e.querySelector('pre > code').textContent];",
            json!([]),
        )
        .await;
    assert_eq!(html, json!([0, format!("{XSS} and "), "<b>inline</b>", "<script>alert(2)</script>"]));

    b.screenshot(&screenshot_path("chat")).await;
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_with_backoff_after_the_socket_drops() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let gw = FakeGateway::start().await;
    let b = Browser::launch(&chromium, &chromedriver, 800, 600, &["--force-dark-mode"]).await;

    // Without a token the page says where to get one and does not try to connect.
    b.goto(&format!("{}/", gw.url)).await;
    b.wait_for("the no-token notice", "document.getElementById('status').textContent", WAIT, is("no token"))
        .await;
    let notice = b.eval("return document.getElementById('notice').textContent;", json!([])).await;
    assert!(notice.as_str().is_some_and(|n| n.contains("openclaw gateway start")), "{notice}");
    assert_eq!(gw.connections(), 0);

    // A wrong token: the gateway refuses the socket, and the page suggests the token is at fault.
    b.goto(&format!("{}/?token=wrong", gw.url)).await;
    b.wait_for("the wrong-token hint", "document.getElementById('notice').textContent", WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("the token may be wrong"))
    })
    .await;
    assert_eq!(gw.connections(), 0);

    b.goto(&format!("{}/?token={TOKEN}", gw.url)).await;
    connected(&b).await;
    let input = b.find("#input").await;

    // The server drops the socket mid-turn and refuses reconnects for now.
    b.type_into(&input, &format!("drop it{ENTER}")).await;
    b.wait_for("the reconnect countdown", "document.getElementById('status').textContent", WAIT, |v| {
        v.as_str().is_some_and(|s| s.starts_with("reconnecting"))
    })
    .await;
    b.wait_for("the lost turn to be marked", LAST_REPLY, WAIT, |v| {
        v.as_str().is_some_and(|s| s.contains("connection to the gateway was lost"))
    })
    .await;
    let banner =
        "document.getElementById('banner').hidden ? null : document.getElementById('banner').textContent";
    let said = b.eval(&format!("return {banner};"), json!([])).await;
    assert_eq!(said, "connection to the gateway lost — reconnecting…", "a dropped socket is not a restart");
    assert_eq!(b.eval("return document.getElementById('send').disabled;", json!([])).await, true);

    // Enter while disconnected keeps the text instead of losing it.
    b.type_into(&input, &format!("hello again{ENTER}")).await;
    let kept = b
        .eval(
            "return [document.getElementById('input').value, document.querySelectorAll('.msg.user').length];",
            json!([]),
        )
        .await;
    assert_eq!(kept, json!(["hello again", 1]));
    tokio::time::sleep(Duration::from_millis(1500)).await; // a refused retry or two
    assert_eq!(gw.connections(), 1);

    gw.accept();
    b.wait_for(
        "the reconnect",
        "document.getElementById('status').dataset.state",
        Duration::from_secs(20),
        is("connected"),
    )
    .await;
    assert_eq!(gw.connections(), 2);
    assert_eq!(b.eval(&format!("return {banner};"), json!([])).await, Value::Null, "the banner goes");
    let peers = gw.peers();
    assert_eq!(peers[0], peers[1], "the browser id survives the reconnect");

    b.click(&b.find("#send").await).await;
    b.wait_for("the reply after reconnecting", LAST_REPLY, WAIT, is("echo: hello again")).await;
    let dark = b.eval("return matchMedia('(prefers-color-scheme: dark)').matches;", json!([])).await;
    assert_eq!(dark, true, "--force-dark-mode gives the dark theme");
    b.screenshot(&screenshot_path("reconnect-dark")).await;
}

/// Whether the page scrolls sideways (it must not, at any width).
const OVERFLOW: &str = "document.documentElement.scrollWidth - document.documentElement.clientWidth";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_tools_and_controls_at_phone_width() {
    let Some((chromium, chromedriver)) = driver::binaries() else { return };
    let gw = FakeGateway::start().await;
    let b = Browser::launch(&chromium, &chromedriver, 390, 760, &[]).await;
    b.goto(&format!("{}/?token={TOKEN}", gw.url)).await;
    connected(&b).await;
    let input = b.find("#input").await;

    // Markdown becomes elements, built from text: the model's HTML stays text and only http(s)
    // links are links.
    b.type_into(&input, &format!("md please{ENTER}")).await;
    b.wait_for("the Markdown reply", LAST_REPLY, WAIT, |v| v.as_str().is_some_and(|s| s.ends_with("ends")))
        .await;
    let shown = b
        .eval(
            "const e = Array.from(document.querySelectorAll('.msg.assistant .body')).pop();
             const q = (css) => Array.from(e.querySelectorAll(css)).map(x => x.textContent);
             return {
               h1: q('h1'), strong: q('strong'), em: q('em'), code: q(':not(pre) > code'),
               links: Array.from(e.querySelectorAll('a')).map(a => [a.textContent, a.getAttribute('href'), a.rel, a.target]),
               items: q(':scope > ul > li'), nested: q('ul ul > li'), ordered: q('ol > li'),
               pre: q('pre > code'), lang: q('.code .lang'),
               unsafe: document.querySelectorAll('#log img, #log script, #log b, #log [onerror], #log [href^=javascript]').length,
               last: e.lastElementChild.textContent,
             };",
            json!([]),
        )
        .await;
    let want = json!({
        "h1": ["Plan"], "strong": ["bold"], "em": ["italic"], "code": ["code"],
        "links": [
            ["good link", "https://example.com/a_b", "noopener noreferrer", "_blank"],
            ["https://example.org/x", "https://example.org/x", "noopener noreferrer", "_blank"],
        ],
        "items": ["first <img src=x onerror=alert(1)>", "secondnested"], "nested": ["nested"],
        "ordered": ["one", "two"],
        "pre": ["echo \"copied <b>text</b>\"\nls -la"], "lang": ["sh"],
        "unsafe": 0,
        "last": "snake_case_name stays, https://example.org/x. ends",
    });
    assert_eq!(shown, want, "the Markdown as rendered");
    let bad = b
        .eval(
            "return Array.from(document.querySelectorAll('.msg.assistant .body p')).map(p => p.textContent)
                .find(t => t.includes('bad link'));",
            json!([]),
        )
        .await;
    assert!(
        bad.as_str().is_some_and(|s| s.contains("and a bad link.")),
        "the javascript: link is text: {bad}"
    );

    // The code block's copy button puts the code on the clipboard and says so.
    b.click(&b.find(".msg.assistant .code .copy").await).await;
    b.wait_for(
        "the copied state",
        "document.querySelector('.msg.assistant .code .copy').dataset.copied ?? null",
        WAIT,
        is("true"),
    )
    .await;
    assert_eq!(
        b.eval("return document.querySelector('.code .copy').textContent;", json!([])).await,
        "Copied"
    );
    b.grant("clipboard-read").await;
    let clip =
        b.eval("return navigator.clipboard.readText().catch(e => 'unreadable: ' + e);", json!([])).await;
    assert_eq!(clip, "echo \"copied <b>text</b>\"\nls -la", "the clipboard holds the code");
    assert!(MARKDOWN.contains("ls -la"));

    // Two agents: the header offers both, with the one this connection is for chosen.
    let picker = "(() => { const p = document.getElementById('agent-pick');
        return [p.hidden, Array.from(p.options).map(o => o.value), p.value,
                document.getElementById('session').textContent]; })()";
    let peer = gw.peers().pop().expect("a connection");
    let main_key = format!("agent:main:webchat:peer:{peer}");
    assert_eq!(
        b.eval(&format!("return {picker};"), json!([])).await,
        json!([false, ["main", "ops"], "main", main_key])
    );
    assert_eq!(b.eval(&format!("return {OVERFLOW};"), json!([])).await, 0, "no sideways scroll at 390 px");
    b.screenshot(&screenshot_path("markdown-phone")).await;

    // Picking the other agent reconnects to it: its session, an empty page, and what is sent
    // goes to it.
    b.eval(
        "const p = document.getElementById('agent-pick'); p.value = 'ops';
         p.dispatchEvent(new Event('change'));",
        json!([]),
    )
    .await;
    let ops_key = format!("agent:ops:webchat:peer:{peer}");
    b.wait_for(
        "the other agent's session",
        "document.getElementById('session').textContent",
        WAIT,
        is(&ops_key),
    )
    .await;
    connected(&b).await;
    assert_eq!(b.eval("return document.querySelectorAll('.msg').length;", json!([])).await, 0);
    b.type_into(&input, &format!("hello ops{ENTER}")).await;
    b.wait_for("the other agent's reply", LAST_REPLY, WAIT, is("echo: hello ops")).await;
    assert_eq!(gw.messages().last(), Some(&("ops".to_string(), "hello ops".to_string())));
    assert_eq!(b.eval("return localStorage.getItem('openclaw.agent');", json!([])).await, "ops");

    // "New" starts a new session: the gateway's reset command, on a cleared page.
    b.click(&b.find("#new").await).await;
    b.wait_for("the new session's note", LAST_REPLY, WAIT, is("Started a new session (s2).")).await;
    let left = b
        .eval("return Array.from(document.querySelectorAll('.msg')).map(m => m.className);", json!([]))
        .await;
    assert_eq!(left, json!(["msg assistant note"]), "the old conversation is cleared");
    assert_eq!(gw.messages().last(), Some(&("ops".to_string(), "/new".to_string())));
    assert_eq!(b.eval(&format!("return {OVERFLOW};"), json!([])).await, 0, "no sideways scroll at 390 px");
    assert_eq!(b.console_errors().await, Vec::<String>::new(), "the page logged errors");
}
