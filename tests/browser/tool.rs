//! The tool called directly, as the turn loop calls it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openclaw::config::AgentConfig;
use openclaw::home::Home;
use openclaw::session::SessionKey;
use openclaw::tool::browser::{BrowserTool, Browsers};
use openclaw::tool::{Tool, ToolContext, ToolResult};
use serde_json::{Value, json};

use crate::pages::Site;
use crate::{bounded, chromium, chromium_pids};

/// One agent of a temporary home, with its browser tool.
struct Agent {
    ctx: ToolContext,
    tool: Arc<dyn Tool>,
    home: Home,
}

fn agent(home: &Home, browsers: &Arc<Browsers>, id: &str, configure: impl FnOnce(&mut AgentConfig)) -> Agent {
    std::fs::create_dir_all(home.workspace(id)).unwrap();
    std::fs::create_dir_all(home.state_dir(id)).unwrap();
    let mut config = AgentConfig::default();
    config.tools.web.allow_private = true;
    configure(&mut config);
    let key = SessionKey::main(id);
    let tool = BrowserTool::for_session(browsers, &key, &config.tools.browser).expect("chromium is there");
    Agent { ctx: ToolContext::new(home, id, Arc::new(config)), tool, home: home.clone() }
}

impl Agent {
    async fn call(&self, args: Value) -> ToolResult {
        bounded(self.tool.call(&self.ctx, args)).await
    }

    async fn ok(&self, args: Value) -> String {
        let r = self.call(args.clone()).await;
        assert!(!r.is_error, "{args} failed: {}", r.content);
        r.content
    }

    fn profile(&self) -> std::path::PathBuf {
        self.home.state_dir(&self.ctx.agent).join("browser/profile")
    }
}

/// The ref the snapshot gives the line containing `what`.
fn ref_of(snapshot: &str, what: &str) -> String {
    let line =
        snapshot.lines().find(|l| l.contains(what)).unwrap_or_else(|| panic!("no {what:?} in:\n{snapshot}"));
    line.trim_start_matches('[').split(']').next().unwrap().to_string()
}

#[tokio::test]
async fn a_form_is_filled_in_and_a_script_written_page_is_read() {
    if !chromium("a_form_is_filled_in_and_a_script_written_page_is_read") {
        return;
    }
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let browsers = Browsers::new(home.clone());
    let a = agent(&home, &browsers, "main", |_| {});

    let r = a.call(json!({"action": "open", "url": site.url("/form")})).await;
    assert!(!r.is_error && r.content.contains("Whale search"), "{}", r.content);
    // Chromium runs like `exec`: no capabilities, no_new_privs, and Landlock where the kernel has it.
    let sandbox = r.details["sandbox"].as_str().unwrap();
    if openclaw::tool::sandbox::landlock_abi().is_ok() {
        assert!(sandbox.starts_with("landlock ABI"), "{sandbox}");
    }
    let pids = chromium_pids(&a.profile());
    assert!(pids.len() > 1, "the browser and its helpers: {pids:?}");
    for pid in pids {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        if status.is_empty() {
            continue;
        }
        assert!(status.contains("NoNewPrivs:\t1"), "{pid}: {status}");
        assert!(status.contains("CapEff:\t0000000000000000"), "{pid}: {status}");
    }
    let snap = a.ok(json!({"action": "snapshot"})).await;
    assert!(snap.contains("# Find a whale"), "{snap}");
    assert!(snap.contains("Type a species and press Go."), "{snap}");
    let species = ref_of(&snap, "textbox \"Species\"");
    let ocean = ref_of(&snap, "select \"Ocean\"");
    assert!(snap.contains(&format!("[{}] button \"Go\"", ref_of(&snap, "button \"Go\""))));
    assert!(snap.contains("link \"Live counts\" -> "), "{snap}");
    // Refs stay put while the page does.
    assert_eq!(ref_of(&a.ok(json!({"action": "snapshot"})).await, "textbox \"Species\""), species);

    // An unknown ref says what to do.
    let r = a.call(json!({"action": "click", "ref": "e999"})).await;
    assert!(r.is_error && r.content.contains("take a new snapshot"), "{}", r.content);

    a.ok(json!({"action": "select", "ref": ocean, "value": "Pacific"})).await;
    let typed = a.ok(json!({"action": "type", "ref": species, "text": "minke", "submit": true})).await;
    assert!(typed.contains("Results"), "{typed}");
    let snap = a.ok(json!({"action": "snapshot"})).await;
    assert!(snap.contains("Found 3 sightings of minke in the Pacific."), "{snap}");
    // The old page's ref is gone with its page.
    let r = a.call(json!({"action": "type", "ref": species, "text": "x"})).await;
    assert!(r.is_error && r.content.contains("unknown ref"), "{}", r.content);

    let back = a.ok(json!({"action": "back"})).await;
    assert!(back.contains("Whale search"), "{back}");

    // A page whose text only its script writes.
    a.ok(json!({"action": "navigate", "url": site.url("/js")})).await;
    a.ok(json!({"action": "wait", "text": "whales today"})).await;
    let snap = a.ok(json!({"action": "snapshot"})).await;
    assert!(snap.contains("Counted 42 whales today"), "{snap}");

    // evaluate is off unless the owner turns it on.
    let r = a.call(json!({"action": "evaluate", "js": "1 + 1"})).await;
    assert!(r.is_error && r.content.contains("allowEvaluate"), "{}", r.content);

    let tabs = a.ok(json!({"action": "tabs"})).await;
    assert!(tabs.contains("* 0: Live"), "{tabs}");
    a.ok(json!({"action": "close"})).await;
    let r = a.call(json!({"action": "snapshot"})).await;
    assert!(r.is_error && r.content.contains("use action \"open\""), "{}", r.content);
    browsers.shutdown().await;
    assert!(chromium_pids(&a.profile()).is_empty(), "shutdown leaves no Chromium");
}

#[tokio::test]
async fn two_agents_never_see_each_others_cookies() {
    if !chromium("two_agents_never_see_each_others_cookies") {
        return;
    }
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let browsers = Browsers::new(home.clone());
    let ana = agent(&home, &browsers, "ana", |_| {});
    let ben = agent(&home, &browsers, "ben", |_| {});

    ana.ok(json!({"action": "open", "url": site.url("/set-cookie?v=ana-secret")})).await;
    ana.ok(json!({"action": "navigate", "url": site.url("/cookie")})).await;
    let mine = ana.ok(json!({"action": "snapshot"})).await;
    assert!(mine.contains("cookie: who=ana-secret"), "{mine}");

    ben.ok(json!({"action": "open", "url": site.url("/cookie")})).await;
    let theirs = ben.ok(json!({"action": "snapshot"})).await;
    assert!(theirs.contains("cookie: none"), "ben must not get ana's cookie:\n{theirs}");

    // Two browsers, each on its own profile under its agent's state directory.
    assert!(!chromium_pids(&ana.profile()).is_empty() && !chromium_pids(&ben.profile()).is_empty());
    assert!(ana.profile().join("Default").is_dir(), "the profile lives in the agent's state dir");
    browsers.shutdown().await;
    assert!(chromium_pids(&ana.profile()).is_empty() && chromium_pids(&ben.profile()).is_empty());
}

#[tokio::test]
async fn private_addresses_and_files_are_refused_unless_allowed() {
    if !chromium("private_addresses_and_files_are_refused_unless_allowed") {
        return;
    }
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let browsers = Browsers::new(home.clone());
    let strict = agent(&home, &browsers, "main", |c| c.tools.web.allow_private = false);

    let r = strict.call(json!({"action": "open", "url": site.url("/form")})).await;
    assert!(r.is_error && r.content.contains("127.0.0.1 is a non-public address"), "{}", r.content);
    assert!(r.content.contains("tools.web.allowPrivate"), "{}", r.content);
    let port = site.base.rsplit(':').next().unwrap();
    let r = strict.call(json!({"action": "open", "url": format!("http://localhost:{port}/form")})).await;
    assert!(
        r.is_error && r.content.contains("localhost resolves to the non-public address"),
        "{}",
        r.content
    );
    let r = strict.call(json!({"action": "open", "url": "file:///etc/passwd"})).await;
    assert!(r.is_error && r.content.contains("only http and https"), "{}", r.content);

    // The browser itself checks every request: a page opened while private addresses were
    // allowed cannot follow a link to one once they are not.
    let lax = agent(&home, &browsers, "main", |_| {});
    lax.ok(json!({"action": "open", "url": site.url("/form")})).await;
    let link = ref_of(&lax.ok(json!({"action": "snapshot"})).await, "link \"Live counts\"");
    let clicked = strict.ok(json!({"action": "click", "ref": link})).await;
    assert!(clicked.contains("non-public address"), "the click must be refused by the guard: {clicked}");
    let snap = strict.ok(json!({"action": "snapshot"})).await;
    assert!(!snap.contains("whales today") && !snap.contains("loading"), "{snap}");
    browsers.shutdown().await;
}

#[tokio::test]
async fn an_idle_browser_is_closed() {
    if !chromium("an_idle_browser_is_closed") {
        return;
    }
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::new(dir.path());
    let browsers = Browsers::new(home.clone());
    // 0.03 minutes: 1.8 seconds without use.
    let a = agent(&home, &browsers, "main", |c| c.tools.browser.idle_minutes = 0.03);
    a.ok(json!({"action": "open", "url": site.url("/form")})).await;
    assert!(browsers.is_running("main").await);
    assert!(!chromium_pids(&a.profile()).is_empty());
    let used = Instant::now();
    let pid_file = home.state_dir("main").join("browser/chromium.pid");
    while browsers.is_running("main").await || !chromium_pids(&a.profile()).is_empty() || pid_file.exists() {
        assert!(used.elapsed() < Duration::from_secs(20), "the idle browser was not closed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(used.elapsed() >= Duration::from_millis(1700), "closed before it was idle");
    // The next use starts a fresh one, with the cookies the profile kept.
    let again = a.ok(json!({"action": "open", "url": site.url("/form")})).await;
    assert!(again.contains("Whale search"), "{again}");
    browsers.shutdown().await;
}
