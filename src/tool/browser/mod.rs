//! `browser {action, …}`: a real headless Chromium the agent drives over the DevTools Protocol.
//!
//! One schema with an `action` keeps the prompt small: `open {url}` (a new tab), `navigate {url}`,
//! `snapshot` (the page as compact text, each interactive element with a ref such as `e12`),
//! `click {ref}`, `type {ref, text, submit?}`, `select {ref, value}`, `press {key}`,
//! `scroll {direction?, ref?}`, `wait {text | ms}`, `back`, `tabs {tab?}`, `close {tab?}`,
//! `screenshot {fullPage?}` and `pdf` (files under the workspace's `browser/`), and
//! `evaluate {js}` (only with `tools.browser.allowEvaluate`).
//!
//! What confines it: every request of every tab, frame and worker is paused by the browser
//! (CDP `Fetch` domain) until [`pool::check_url`] has allowed it — http(s) only, and unless
//! `tools.web.allowPrivate` no host with a private, loopback or link-local address (after DNS),
//! which covers redirects and sub-requests too; downloads go to `<workspace>/browser/downloads`;
//! the profile lives in the agent's state directory. See [`pool`] for the browser's lifetime and
//! [`launch`] for the process.

pub mod cdp;
pub mod launch;
pub mod pool;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::fs::try_tool;
use super::{Args, Tool, ToolContext, ToolFuture, ToolResult, ToolSpec};
use crate::config::BrowserToolsConfig;
use crate::session::SessionKey;
pub use pool::Browsers;
use pool::{Running, Tab};

/// The script behind `snapshot`.
const SNAPSHOT_JS: &str = include_str!("snapshot.js");
/// How long a navigation may take before the action returns without it.
const LOAD_TIMEOUT: Duration = Duration::from_secs(20);
/// How long after a click or key press a navigation may take to begin.
const NAV_START: Duration = Duration::from_millis(400);
/// The longest `wait`.
const WAIT_MAX: Duration = Duration::from_secs(30);
/// Characters of an `evaluate` result returned at most.
const EVALUATE_MAX: usize = 8_000;

/// Whether the browser tool can be offered: enabled, and a Chromium to start or attach to.
/// `Err` says why not (for `doctor`).
pub fn availability(config: &BrowserToolsConfig) -> Result<String, String> {
    if !config.enabled {
        return Err("tools.browser.enabled is false".into());
    }
    if let Some(url) = config.cdp_url.as_deref().filter(|u| !u.is_empty()) {
        return Ok(format!("attaches to {url}"));
    }
    launch::find_executable(config).map(|p| p.display().to_string())
}

/// The `browser` tool of one session.
pub struct BrowserTool {
    browsers: Arc<Browsers>,
    session: String,
}

impl BrowserTool {
    /// The tool for the session `key`, or `None` when no browser is available.
    pub fn for_session(
        browsers: &Arc<Browsers>,
        key: &SessionKey,
        config: &BrowserToolsConfig,
    ) -> Option<Arc<dyn Tool>> {
        availability(config).ok()?;
        Some(Arc::new(BrowserTool { browsers: browsers.clone(), session: key.to_string() }))
    }
}

impl Tool for BrowserTool {
    fn name(&self) -> &str {
        "browser"
    }

    fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: "browser".into(),
            description: "Drive a real web browser. Actions: open {url} (new tab), navigate {url}, \
                snapshot (page text; interactive elements get refs like e12), click {ref}, \
                type {ref, text, submit?}, select {ref, value}, press {key}, scroll {direction?, ref?}, \
                wait {text | ms}, back, tabs {tab?}, close {tab?}, screenshot {fullPage?}, pdf, \
                evaluate {js}. Take a snapshot before using refs."
                .into(),
            parameters: json!({"type": "object", "properties": {
                "action": {"type": "string", "enum": ["open", "navigate", "snapshot", "click", "type",
                    "select", "press", "scroll", "wait", "back", "tabs", "close", "screenshot", "pdf",
                    "evaluate"]},
                "url": {"type": "string"},
                "ref": {"type": "string"},
                "text": {"type": "string"},
                "submit": {"type": "boolean"},
                "value": {"type": "string"},
                "key": {"type": "string"},
                "direction": {"type": "string", "enum": ["down", "up"]},
                "ms": {"type": "integer"},
                "tab": {"type": "integer"},
                "fullPage": {"type": "boolean"},
                "js": {"type": "string"}},
                "required": ["action"]}),
        }
    }

    fn call<'a>(&'a self, ctx: &'a ToolContext, args: Value) -> ToolFuture<'a> {
        Box::pin(self.run(ctx, args))
    }
}

/// One call in progress: the browser, the session's tab, the arguments.
struct Call<'a> {
    ctx: &'a ToolContext,
    args: &'a Args,
    browser: Arc<Running>,
    session: &'a str,
}

impl BrowserTool {
    async fn run(&self, ctx: &ToolContext, args: Value) -> ToolResult {
        let args = try_tool!(Args::parse("browser", args));
        let action = try_tool!(args.str("action")).to_string();
        let config = &ctx.config.tools.browser;
        if action == "evaluate" && !config.allow_evaluate {
            return ToolResult::error(format!(
                "browser evaluate is off for this agent; the owner can set agents.{}.tools.browser.\
                 allowEvaluate: true in gateway.json5. Use snapshot, click and type instead",
                ctx.agent
            ));
        }
        const ACTIONS: &[&str] = &[
            "open",
            "navigate",
            "snapshot",
            "click",
            "type",
            "select",
            "press",
            "scroll",
            "wait",
            "back",
            "tabs",
            "close",
            "screenshot",
            "pdf",
            "evaluate",
        ];
        if !ACTIONS.contains(&action.as_str()) {
            return ToolResult::error(format!(
                "browser: unknown action \"{action}\"; use one of {}",
                ACTIONS.join(", ")
            ));
        }
        let slot = self.browsers.agent(&ctx.agent);
        let allow_private = ctx.config.tools.web.allow_private;
        // Closing when nothing runs needs no browser.
        if matches!(action.as_str(), "close" | "tabs") && !self.browsers.is_running(&ctx.agent).await {
            return ToolResult::ok("no tab is open");
        }
        let browser = match slot.get(config, &ctx.workspace, allow_private).await {
            Ok(b) => b,
            Err(e) => return ToolResult::error(format!("browser: {e}")),
        };
        let call = Call { ctx, args: &args, browser: browser.clone(), session: &self.session };
        let result = call.dispatch(&action).await;
        browser.touch(pool::idle_limit(config));
        match result {
            Ok(r) => r,
            Err(e) => ToolResult::error(format!("browser {action}: {e}")),
        }
    }
}

impl Call<'_> {
    async fn dispatch(&self, action: &str) -> Result<ToolResult, String> {
        match action {
            "open" => self.open().await,
            "navigate" => self.navigate().await,
            "snapshot" => self.snapshot().await,
            "click" => self.click().await,
            "type" => self.type_text().await,
            "select" => self.select().await,
            "press" => self.press().await,
            "scroll" => self.scroll().await,
            "wait" => self.wait().await,
            "back" => self.back().await,
            "tabs" => self.tabs().await,
            "close" => self.close().await,
            "screenshot" => self.screenshot().await,
            "pdf" => self.pdf().await,
            _ => self.evaluate().await,
        }
    }

    fn cdp(&self) -> &cdp::Cdp {
        &self.browser.cdp
    }

    /// The session's current tab, or the advice to open one.
    fn tab(&self) -> Result<Tab, String> {
        let tabs = self.browser.tabs.lock().unwrap_or_else(|e| e.into_inner());
        tabs.get(self.session)
            .and_then(|t| t.list.get(t.current).cloned())
            .ok_or_else(|| "no tab is open in this session; use action \"open\" with a url first".to_string())
    }

    fn url_arg(&self) -> Result<String, String> {
        let raw = self.args.str("url")?.trim();
        let url = reqwest::Url::parse(raw)
            .or_else(|_| reqwest::Url::parse(&format!("https://{raw}")))
            .map_err(|e| format!("bad url \"{raw}\": {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("refused: {}: URLs cannot be opened (only http and https)", url.scheme()));
        }
        Ok(url.to_string())
    }

    async fn open(&self) -> Result<ToolResult, String> {
        let url = self.url_arg()?;
        pool::check_url(&url, self.browser.allow_private.load(std::sync::atomic::Ordering::SeqCst)).await?;
        let mut params = json!({"url": "about:blank"});
        if let Some(c) = &self.browser.context {
            params["browserContextId"] = Value::String(c.clone());
        }
        let created = self.cdp().call(None, "Target.createTarget", params).await?;
        let target = created["targetId"].as_str().ok_or("Target.createTarget gave no targetId")?.to_string();
        let attached = self
            .cdp()
            .call(None, "Target.attachToTarget", json!({"targetId": target, "flatten": true}))
            .await?;
        let session =
            attached["sessionId"].as_str().ok_or("Target.attachToTarget gave no sessionId")?.to_string();
        self.cdp().call(Some(&session), "Page.enable", json!({})).await?;
        let tab = Tab { target, session };
        let index = {
            let mut all = self.browser.tabs.lock().unwrap_or_else(|e| e.into_inner());
            let tabs = all.entry(self.session.to_string()).or_default();
            tabs.list.push(tab.clone());
            tabs.current = tabs.list.len() - 1;
            tabs.current
        };
        let page = self.goto(&tab, &url).await?;
        Ok(ToolResult::ok(format!("opened tab {index}: {page}\nTake a snapshot to read it."))
            .with_details(json!({"sandbox": self.browser.sandbox})))
    }

    async fn navigate(&self) -> Result<ToolResult, String> {
        let url = self.url_arg()?;
        let tab = self.tab()?;
        pool::check_url(&url, self.browser.allow_private.load(std::sync::atomic::Ordering::SeqCst)).await?;
        let page = self.goto(&tab, &url).await?;
        Ok(ToolResult::ok(format!("{page}\nTake a snapshot to read it.")))
    }

    /// Navigates `tab` to `url` and waits (bounded) for the load event.
    async fn goto(&self, tab: &Tab, url: &str) -> Result<String, String> {
        let mut events = self.cdp().subscribe();
        let nav = self.cdp().call(Some(&tab.session), "Page.navigate", json!({"url": url})).await?;
        if let Some(err) = nav["errorText"].as_str().filter(|e| !e.is_empty()) {
            let why =
                self.browser.refusal_for(url).unwrap_or_else(|| format!("the page did not load ({err})"));
            return Err(why);
        }
        wait_for(&mut events, &tab.session, "Page.loadEventFired", LOAD_TIMEOUT).await;
        self.describe(tab).await
    }

    /// `url — "title"` of a tab.
    async fn describe(&self, tab: &Tab) -> Result<String, String> {
        let v = self.eval(tab, "({url: location.href, title: document.title})").await?;
        Ok(format!("{} — \"{}\"", v["url"].as_str().unwrap_or(""), v["title"].as_str().unwrap_or("")))
    }

    /// Evaluates `expr` in the tab and returns its value (JSON).
    async fn eval(&self, tab: &Tab, expr: &str) -> Result<Value, String> {
        let r = self
            .cdp()
            .call(
                Some(&tab.session),
                "Runtime.evaluate",
                json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
            )
            .await?;
        if let Some(ex) = r.get("exceptionDetails") {
            let text = ex.pointer("/exception/description").and_then(Value::as_str).or(ex["text"].as_str());
            return Err(format!("the page threw: {}", text.unwrap_or("an exception")));
        }
        Ok(r.pointer("/result/value").cloned().unwrap_or(Value::Null))
    }

    async fn snapshot(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let max = self.ctx.config.tools.browser.snapshot_max_chars.max(500);
        let v = self.eval(&tab, &SNAPSHOT_JS.replace("__MAX__", &max.to_string())).await?;
        let mut out = format!(
            "Page: {}\nURL: {}\n\n{}",
            v["title"].as_str().unwrap_or(""),
            v["url"].as_str().unwrap_or(""),
            v["text"].as_str().unwrap_or("")
        );
        if v["cut"] == true {
            out.push_str(&format!(
                "\n[snapshot cut at {max} of {} characters; scroll or use wait/click to see more]",
                v["total"].as_u64().unwrap_or(0)
            ));
        }
        Ok(ToolResult::ok(out))
    }

    /// Finds the element of a ref, scrolled into view: `Err` tells the model to snapshot again.
    async fn element(&self, tab: &Tab, expr_on_el: &str) -> Result<Value, String> {
        let r = self.args.str("ref")?.trim().trim_matches(['[', ']']).to_string();
        let js = format!(
            "(() => {{ const st = window[Symbol.for('openclaw.refs')]; const w = st && st.byRef.get({r:?}); \
             const el = w && w.deref(); if (!el || !el.isConnected) return null; \
             el.scrollIntoView({{block: 'center', inline: 'center'}}); {expr_on_el} }})()",
            r = r
        );
        let v = self.eval(tab, &js).await?;
        if v.is_null() {
            return Err(format!(
                "unknown ref \"{r}\": the page changed or the ref is from another page; take a new \
                 snapshot and use a ref from it"
            ));
        }
        Ok(v)
    }

    async fn click(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let mut events = self.cdp().subscribe();
        let v = self
            .element(
                &tab,
                "const r = el.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2; \
                 const hit = document.elementFromPoint(x, y); \
                 if (hit && (hit === el || el.contains(hit))) return {x, y}; el.click(); return {clicked: true};",
            )
            .await?;
        if let (Some(x), Some(y)) = (v["x"].as_f64(), v["y"].as_f64()) {
            for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
                self.cdp()
                    .call(
                        Some(&tab.session),
                        "Input.dispatchMouseEvent",
                        json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
                    )
                    .await?;
            }
        }
        let page = self.settle(&tab, &mut events).await?;
        Ok(ToolResult::ok(format!("clicked; now at {page}")))
    }

    /// After an action that may navigate: waits for a navigation that begins soon after, then
    /// for its load; describes where the tab is.
    async fn settle(
        &self,
        tab: &Tab,
        events: &mut tokio::sync::broadcast::Receiver<cdp::Event>,
    ) -> Result<String, String> {
        if wait_for(events, &tab.session, "Page.frameStartedLoading", NAV_START).await {
            wait_for(events, &tab.session, "Page.loadEventFired", LOAD_TIMEOUT).await;
        }
        let page = self.describe(tab).await?;
        Ok(match self.browser.last_refusal() {
            Some(why) if page.starts_with("chrome-error:") => format!("{page} ({why})"),
            _ => page,
        })
    }

    async fn type_text(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let text = self.args.str("text")?.to_string();
        let submit = self.args.opt_bool("submit")?.unwrap_or(false);
        self.element(
            &tab,
            "el.focus(); if (el.select && 'value' in el) { el.select(); } else if (el.isContentEditable) { \
             const r = document.createRange(); r.selectNodeContents(el); const s = getSelection(); \
             s.removeAllRanges(); s.addRange(r); } return true;",
        )
        .await?;
        if text.is_empty() {
            self.key(&tab, "Delete").await?;
        } else {
            self.cdp().call(Some(&tab.session), "Input.insertText", json!({"text": text})).await?;
        }
        if !submit {
            return Ok(ToolResult::ok(format!("typed {} characters", text.chars().count())));
        }
        let mut events = self.cdp().subscribe();
        self.key(&tab, "Enter").await?;
        let page = self.settle(&tab, &mut events).await?;
        Ok(ToolResult::ok(format!("typed {} characters and submitted; now at {page}", text.chars().count())))
    }

    async fn select(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let value = self.args.str("value")?;
        let js = format!(
            "if (el.tagName !== 'SELECT') return {{error: 'not a select element'}}; const want = {value:?}; \
             const o = Array.from(el.options).find(o => o.value === want || o.textContent.trim() === want); \
             if (!o) return {{error: 'no option ' + JSON.stringify(want) + '; options: ' + \
             Array.from(el.options).map(o => o.textContent.trim()).join(' | ')}}; \
             el.value = o.value; el.dispatchEvent(new Event('input', {{bubbles: true}})); \
             el.dispatchEvent(new Event('change', {{bubbles: true}})); return {{chosen: o.textContent.trim()}};"
        );
        let v = self.element(&tab, &js).await?;
        if let Some(e) = v["error"].as_str() {
            return Err(e.to_string());
        }
        Ok(ToolResult::ok(format!("selected \"{}\"", v["chosen"].as_str().unwrap_or(value))))
    }

    async fn press(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let key = self.args.str("key")?.to_string();
        let mut events = self.cdp().subscribe();
        self.key(&tab, &key).await?;
        let page = self.settle(&tab, &mut events).await?;
        Ok(ToolResult::ok(format!("pressed {key}; now at {page}")))
    }

    /// Presses `spec` (`Enter`, `a`, `Control+a`, …) in the tab.
    async fn key(&self, tab: &Tab, spec: &str) -> Result<(), String> {
        let (modifiers, key) = parse_key(spec)?;
        let mut down = json!({"type": "keyDown", "modifiers": modifiers, "key": key.key,
            "code": key.code, "windowsVirtualKeyCode": key.key_code});
        if let Some(text) = key.text.filter(|_| modifiers & !8 == 0) {
            down["text"] = Value::String(text);
        }
        self.cdp().call(Some(&tab.session), "Input.dispatchKeyEvent", down).await?;
        let up = json!({"type": "keyUp", "modifiers": modifiers, "key": key.key, "code": key.code,
            "windowsVirtualKeyCode": key.key_code});
        self.cdp().call(Some(&tab.session), "Input.dispatchKeyEvent", up).await?;
        Ok(())
    }

    async fn scroll(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        if self.args.opt_str("ref")?.is_some() {
            self.element(&tab, "return true;").await?;
            return Ok(ToolResult::ok("scrolled the element into view"));
        }
        let up = match self.args.opt_str("direction")? {
            None | Some("down") => false,
            Some("up") => true,
            Some(other) => return Err(format!("direction must be \"down\" or \"up\", not \"{other}\"")),
        };
        let sign = if up { "-" } else { "" };
        let v = self
            .eval(
                &tab,
                &format!(
                    "window.scrollBy(0, {sign}Math.round(innerHeight * 0.8)); \
                     ({{y: Math.round(scrollY), height: document.documentElement.scrollHeight, view: innerHeight}})"
                ),
            )
            .await?;
        let (y, h, view) = (
            v["y"].as_u64().unwrap_or(0),
            v["height"].as_u64().unwrap_or(0),
            v["view"].as_u64().unwrap_or(0),
        );
        Ok(ToolResult::ok(format!(
            "scrolled {}; showing {y}–{} of {h} pixels",
            if up { "up" } else { "down" },
            (y + view).min(h)
        )))
    }

    async fn wait(&self) -> Result<ToolResult, String> {
        if let Some(text) = self.args.opt_str("text")? {
            let tab = self.tab()?;
            let deadline = tokio::time::Instant::now() + WAIT_MAX.min(Duration::from_secs(10));
            let js = format!("!!(document.body && document.body.innerText.includes({text:?}))");
            loop {
                if self.eval(&tab, &js).await? == Value::Bool(true) {
                    return Ok(ToolResult::ok(format!("\"{text}\" is on the page")));
                }
                if tokio::time::Instant::now() >= deadline {
                    return Err(format!(
                        "\"{text}\" did not appear within 10 s; take a snapshot to see the page"
                    ));
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        let ms = self.args.opt_u64("ms")?.ok_or("give \"text\" to wait for, or \"ms\"")?;
        let d = Duration::from_millis(ms).min(WAIT_MAX);
        tokio::time::sleep(d).await;
        Ok(ToolResult::ok(format!("waited {} ms", d.as_millis())))
    }

    async fn back(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let h = self.cdp().call(Some(&tab.session), "Page.getNavigationHistory", json!({})).await?;
        let current = h["currentIndex"].as_u64().unwrap_or(0) as usize;
        let Some(entry) = current.checked_sub(1).and_then(|i| h["entries"].get(i)) else {
            return Err("there is no earlier page in this tab".into());
        };
        let mut events = self.cdp().subscribe();
        self.cdp()
            .call(Some(&tab.session), "Page.navigateToHistoryEntry", json!({"entryId": entry["id"]}))
            .await?;
        wait_for(&mut events, &tab.session, "Page.loadEventFired", LOAD_TIMEOUT).await;
        Ok(ToolResult::ok(format!("back at {}", self.describe(&tab).await?)))
    }

    async fn tabs(&self) -> Result<ToolResult, String> {
        let chosen = self.args.opt_u64("tab")?;
        let (list, current) = {
            let mut all = self.browser.tabs.lock().unwrap_or_else(|e| e.into_inner());
            let Some(tabs) = all.get_mut(self.session).filter(|t| !t.list.is_empty()) else {
                return Ok(ToolResult::ok("no tab is open"));
            };
            if let Some(n) = chosen {
                let n = n as usize;
                if n >= tabs.list.len() {
                    return Err(format!("there is no tab {n}; tabs are 0 to {}", tabs.list.len() - 1));
                }
                tabs.current = n;
            }
            (tabs.list.clone(), tabs.current)
        };
        let targets = self.cdp().call(None, "Target.getTargets", json!({})).await?;
        let infos = targets["targetInfos"].as_array().cloned().unwrap_or_default();
        let mut lines = Vec::new();
        for (i, tab) in list.iter().enumerate() {
            let info = infos.iter().find(|t| t["targetId"] == tab.target.as_str());
            let field = |k: &str| info.and_then(|t| t[k].as_str()).unwrap_or("").to_string();
            let mark = if i == current { "* " } else { "  " };
            lines.push(format!("{mark}{i}: {} — {}", field("title"), field("url")));
        }
        Ok(ToolResult::ok(format!(
            "{}\n(* is the current tab; switch with tabs {{tab: N}})",
            lines.join("\n")
        )))
    }

    async fn close(&self) -> Result<ToolResult, String> {
        let chosen = self.args.opt_u64("tab")?;
        let tab = {
            let mut all = self.browser.tabs.lock().unwrap_or_else(|e| e.into_inner());
            let Some(tabs) = all.get_mut(self.session).filter(|t| !t.list.is_empty()) else {
                return Ok(ToolResult::ok("no tab is open"));
            };
            let n = chosen.map_or(tabs.current, |n| n as usize);
            if n >= tabs.list.len() {
                return Err(format!("there is no tab {n}; tabs are 0 to {}", tabs.list.len() - 1));
            }
            let tab = tabs.list.remove(n);
            tabs.current = tabs.current.min(tabs.list.len().saturating_sub(1));
            tab
        };
        let _ = self.cdp().call(None, "Target.closeTarget", json!({"targetId": tab.target})).await;
        Ok(ToolResult::ok("closed the tab"))
    }

    /// Writes `bytes` to `<workspace>/browser/<stem>-<UTC>.<ext>` through the workspace's
    /// no-follow opens (a symlinked `browser/` cannot send it elsewhere); returns the relative path.
    fn save(&self, stem: &str, ext: &str, bytes: &[u8]) -> Result<String, String> {
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.3fZ").to_string();
        let rel = format!("browser/{stem}-{stamp}.{ext}");
        let r = super::resolve_in_workspace(&self.ctx.workspace, &rel, true).map_err(|e| e.to_string())?;
        super::path::write_file(&r, bytes).map_err(|e| format!("cannot write {rel}: {e}"))?;
        Ok(r.display())
    }

    async fn screenshot(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let full = self.args.opt_bool("fullPage")?.unwrap_or(false);
        let v = self
            .cdp()
            .call(
                Some(&tab.session),
                "Page.captureScreenshot",
                json!({"format": "png", "captureBeyondViewport": full}),
            )
            .await?;
        let png = base64_decode(v["data"].as_str().unwrap_or("")).ok_or("the browser sent no image")?;
        let path = self.save("screenshot", "png", &png)?;
        Ok(ToolResult::ok(format!("saved a screenshot to {path} ({} bytes)", png.len()))
            .with_details(json!({"path": path, "bytes": png.len()})))
    }

    async fn pdf(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let v = self
            .cdp()
            .call_within(
                Some(&tab.session),
                "Page.printToPDF",
                json!({"printBackground": true}),
                Duration::from_secs(60),
            )
            .await?;
        let pdf = base64_decode(v["data"].as_str().unwrap_or("")).ok_or("the browser sent no PDF")?;
        let path = self.save("page", "pdf", &pdf)?;
        Ok(ToolResult::ok(format!("saved the page as {path} ({} bytes)", pdf.len()))
            .with_details(json!({"path": path, "bytes": pdf.len()})))
    }

    async fn evaluate(&self) -> Result<ToolResult, String> {
        let tab = self.tab()?;
        let js = self.args.str("js")?;
        let v = self.eval(&tab, js).await?;
        let mut text = match &v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if text.len() > EVALUATE_MAX {
            let cut = super::fs::floor_char_boundary(&text, EVALUATE_MAX);
            let total = text.len();
            text.truncate(cut);
            text.push_str(&format!("\n[cut at {cut} of {total} bytes]"));
        }
        Ok(ToolResult::ok(text))
    }
}

/// Waits up to `limit` for `method` on `session`; whether it came.
async fn wait_for(
    events: &mut tokio::sync::broadcast::Receiver<cdp::Event>,
    session: &str,
    method: &str,
    limit: Duration,
) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Ok(Ok(ev)) if ev.method == method && ev.session.as_deref() == Some(session) => return true,
            Ok(Ok(_)) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {}
            Ok(Err(_)) | Err(_) => return false,
        }
    }
}

/// A key the browser understands.
#[derive(Debug, PartialEq)]
struct Key {
    key: String,
    code: String,
    key_code: u32,
    text: Option<String>,
}

/// `Enter`, `a`, `Shift+Tab`, `Control+a` → (CDP modifier bits, key).
fn parse_key(spec: &str) -> Result<(u32, Key), String> {
    let parts: Vec<&str> = spec.split('+').collect();
    let (name, mods) = match parts.split_last() {
        Some((last, mods)) if !last.is_empty() => (*last, mods),
        _ if spec == "+" => ("+", &[][..]),
        _ => {
            return Err(format!(
                "\"{spec}\" is not a key; use e.g. Enter, Tab, Escape, ArrowDown, a, Control+a"
            ));
        }
    };
    let mut modifiers = 0;
    for m in mods {
        modifiers |= match m.to_ascii_lowercase().as_str() {
            "alt" => 1,
            "control" | "ctrl" => 2,
            "meta" | "cmd" | "command" => 4,
            "shift" => 8,
            other => return Err(format!("unknown modifier \"{other}\"; use Alt, Control, Meta or Shift")),
        };
    }
    let named = |key: &str, code: &str, key_code: u32, text: Option<&str>| Key {
        key: key.into(),
        code: code.into(),
        key_code,
        text: text.map(str::to_string),
    };
    let key = match name.to_ascii_lowercase().as_str() {
        "enter" | "return" => named("Enter", "Enter", 13, Some("\r")),
        "tab" => named("Tab", "Tab", 9, None),
        "escape" | "esc" => named("Escape", "Escape", 27, None),
        "backspace" => named("Backspace", "Backspace", 8, None),
        "delete" | "del" => named("Delete", "Delete", 46, None),
        "space" => named(" ", "Space", 32, Some(" ")),
        "arrowup" | "up" => named("ArrowUp", "ArrowUp", 38, None),
        "arrowdown" | "down" => named("ArrowDown", "ArrowDown", 40, None),
        "arrowleft" | "left" => named("ArrowLeft", "ArrowLeft", 37, None),
        "arrowright" | "right" => named("ArrowRight", "ArrowRight", 39, None),
        "home" => named("Home", "Home", 36, None),
        "end" => named("End", "End", 35, None),
        "pageup" => named("PageUp", "PageUp", 33, None),
        "pagedown" => named("PageDown", "PageDown", 34, None),
        _ if name.chars().count() == 1 => {
            let c = name.chars().next().unwrap_or(' ');
            let upper = c.to_ascii_uppercase();
            let code = if c.is_ascii_alphabetic() {
                format!("Key{upper}")
            } else if c.is_ascii_digit() {
                format!("Digit{c}")
            } else {
                String::new()
            };
            let key_code = if c.is_ascii_alphanumeric() { upper as u32 } else { 0 };
            Key { key: c.to_string(), code, key_code, text: Some(c.to_string()) }
        }
        _ => {
            return Err(format!(
                "unknown key \"{name}\"; use Enter, Tab, Escape, Backspace, Delete, Space, Arrow keys, \
                 Home, End, PageUp, PageDown or one character, with Alt+, Control+, Meta+ or Shift+"
            ));
        }
    };
    Ok((modifiers, key))
}

/// Standard base64 (what CDP sends images and PDFs in); `None` on bad input.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_what_chromium_sends() {
        assert_eq!(base64_decode("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode("iVBORw0KGgo=").as_deref(), Some(&b"\x89PNG\r\n\x1a\n"[..]));
        assert_eq!(base64_decode("a*b"), None);
    }

    #[test]
    fn keys_and_modifiers() {
        let (m, k) = parse_key("Enter").unwrap();
        assert_eq!((m, k.key.as_str(), k.key_code, k.text.as_deref()), (0, "Enter", 13, Some("\r")));
        let (m, k) = parse_key("Control+a").unwrap();
        assert_eq!((m, k.key.as_str(), k.code.as_str()), (2, "a", "KeyA"));
        assert_eq!(parse_key("Shift+Tab").unwrap().0, 8);
        assert!(parse_key("Hyper+x").unwrap_err().contains("modifier"));
        assert!(parse_key("F13").unwrap_err().contains("unknown key"));
    }

    #[tokio::test]
    async fn urls_the_browser_may_not_load() {
        for (url, want) in [
            ("file:///etc/passwd", "file: URLs cannot be opened"),
            ("http://127.0.0.1:9/", "non-public address"),
            ("http://[::1]/", "non-public address"),
            ("http://169.254.169.254/latest/meta-data", "non-public address"),
            ("http://localhost:9/", "resolves to the non-public address"),
            ("chrome://settings", "chrome: URLs cannot be opened"),
        ] {
            let err = pool::check_url(url, false).await.unwrap_err();
            assert!(err.contains(want), "{url}: {err}");
        }
        assert!(pool::check_url("http://127.0.0.1:9/", true).await.is_ok());
        assert!(pool::check_url("http://8.8.8.8/", false).await.is_ok());
        assert!(pool::check_url("data:text/html,hi", false).await.is_ok());
        assert!(pool::check_url("file:///etc/passwd", true).await.is_err(), "file: even with allowPrivate");
    }
}
