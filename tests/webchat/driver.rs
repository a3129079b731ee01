//! A minimal W3C WebDriver client for Debian's `chromedriver` + headless `chromium`.
//!
//! Why WebDriver and not the DevTools protocol: WebDriver is plain JSON over HTTP, so reqwest
//! (already a dependency) is the whole client — no WebSocket client crate, no CDP event plumbing —
//! and "Element Send Keys" types through real key events, so Enter and Shift+Enter exercise the
//! page's own keydown handling exactly as a user's keyboard would.
//!
//! Chromedriver runs in its own process group; dropping the [`Browser`] kills the whole group
//! (chromedriver, chromium and its helpers), so a failing test leaves no browser behind.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use openclaw::provider::{Timeouts, http_client};
use serde_json::{Value, json};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// WebDriver's key codes (the W3C spec's "normalised key values").
pub const ENTER: char = '\u{E007}';
pub const SHIFT: char = '\u{E008}';
/// Releases held modifiers.
pub const NULL_KEY: char = '\u{E000}';

/// The browser binaries, or `None` (with a printed reason) when they are not installed: the
/// tests then skip instead of failing. `.ci/run` installs them, so CI always runs the tests.
pub fn binaries() -> Option<(PathBuf, PathBuf)> {
    let find = |name: &str| -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
    };
    let chromium = std::env::var_os("OPENCLAW_TEST_CHROMIUM").map(PathBuf::from).or_else(|| find("chromium"));
    match (chromium, find("chromedriver")) {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            // Straight to stderr, past the test harness's capture, so a skip is never silent.
            let _ = writeln!(
                std::io::stderr(),
                "skipping: chromium and chromedriver are not installed \
                 (apt-get install chromium chromium-driver; .ci/run does this)"
            );
            None
        }
    }
}

/// One headless Chromium session driven through chromedriver.
pub struct Browser {
    driver: Child,
    http: reqwest::Client,
    base: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Kill the whole process group: chromedriver and every Chromium process it started.
        let pid = self.driver.id() as libc::pid_t;
        // SAFETY: plain syscall on a process group we created; no memory is involved.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
        let _ = self.driver.wait();
    }
}

/// A found element (its WebDriver reference).
pub struct Element(String);

impl Browser {
    /// Start chromedriver on a free port and open one headless Chromium window.
    pub async fn launch(
        chromium: &Path,
        chromedriver: &Path,
        width: u32,
        height: u32,
        extra: &[&str],
    ) -> Browser {
        use std::os::unix::process::CommandExt;
        let mut driver = Command::new(chromedriver)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let stdout = driver.stdout.take().expect("chromedriver stdout");
        // chromedriver prints "ChromeDriver was started successfully on port N." once it listens.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("started successfully on port ").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port);
                }
            }
        });
        let profile = tempfile::tempdir().expect("profile dir");
        let mut browser = Browser {
            driver,
            http: http_client(&Timeouts {
                connect: Duration::from_secs(5),
                idle: Duration::from_secs(60),
                overall: Duration::from_secs(60),
            })
            .expect("http client"),
            base: String::new(),
            _profile: profile,
        };
        let port = rx.recv_timeout(Duration::from_secs(20)).expect("chromedriver did not start within 20 s");
        let mut args = json!([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", browser._profile.path().display()),
        ]);
        if let Some(list) = args.as_array_mut() {
            list.extend(extra.iter().map(|a| json!(a)));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            // Device metrics rather than a window size: headless windows are never narrower than
            // 500 px, and a phone is.
            "goog:chromeOptions": {"binary": chromium, "args": args, "mobileEmulation": {
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 1, "touch": false}}},
            "timeouts": {"script": 10_000, "pageLoad": 20_000, "implicit": 0},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let session = post(&browser.http, &format!("http://127.0.0.1:{port}/session"), caps).await;
        let id = session["sessionId"].as_str().expect("session id").to_owned();
        browser.base = format!("http://127.0.0.1:{port}/session/{id}");
        browser
    }

    async fn cmd(&self, path: &str, body: Value) -> Value {
        post(&self.http, &format!("{}{path}", self.base), body).await
    }

    pub async fn goto(&self, url: &str) {
        self.cmd("/url", json!({ "url": url })).await;
    }

    /// Reload the current page (the address bar no longer holds the token by then).
    pub async fn refresh(&self) {
        self.cmd("/refresh", json!({})).await;
    }

    /// Run `script` (a function body; `arguments` holds `args`) in the page and return its value.
    pub async fn eval(&self, script: &str, args: Value) -> Value {
        self.cmd("/execute/sync", json!({ "script": script, "args": args })).await
    }

    /// Evaluate the expression `expr` until `ok` accepts its value; panics after `timeout` with the
    /// last value and the page's text, so a failure says what the page showed instead.
    pub async fn wait_for(
        &self,
        what: &str,
        expr: &str,
        timeout: Duration,
        ok: impl Fn(&Value) -> bool,
    ) -> Value {
        let start = Instant::now();
        loop {
            let v = self.eval(&format!("return {expr};"), json!([])).await;
            if ok(&v) {
                return v;
            }
            if start.elapsed() > timeout {
                let page = self.eval("return document.body.innerText;", json!([])).await;
                let console = self.console_errors().await.join("\n");
                panic!(
                    "timed out after {timeout:?} waiting for {what}: `{expr}` = {v}\n\
                     page text:\n{page}\nconsole errors:\n{console}"
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        let v = self.cmd("/element", json!({ "using": "css selector", "value": css })).await;
        Element(v[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_owned())
    }

    /// Type `text` into an element through real key events (see [`ENTER`], [`SHIFT`]).
    pub async fn type_into(&self, el: &Element, text: &str) {
        self.cmd(&format!("/element/{}/value", el.0), json!({ "text": text })).await;
    }

    /// Run later commands inside the iframe `el` (until [`Browser::leave_frame`]).
    pub async fn enter_frame(&self, el: &Element) {
        self.cmd("/frame", json!({ "id": { ELEMENT_KEY: el.0 } })).await;
    }

    /// Back to the top-level page.
    pub async fn leave_frame(&self) {
        self.cmd("/frame", json!({ "id": null })).await;
    }

    /// Grant the page a permission (`clipboard-read`, …) through WebDriver's Permissions extension.
    pub async fn grant(&self, permission: &str) {
        self.cmd("/permissions", json!({ "descriptor": { "name": permission }, "state": "granted" })).await;
    }

    pub async fn click(&self, el: &Element) {
        self.cmd(&format!("/element/{}/click", el.0), json!({})).await;
    }

    /// The browser console's errors since the last call (chromedriver's log endpoint).
    pub async fn console_errors(&self) -> Vec<String> {
        let v = self.cmd("/se/log", json!({ "type": "browser" })).await;
        let entries = v.as_array().cloned().unwrap_or_default();
        entries
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// A PNG of the viewport, written to `path`.
    pub async fn screenshot(&self, path: &Path) {
        let resp =
            self.http.get(format!("{}/screenshot", self.base)).send().await.expect("screenshot request");
        let v: Value = resp.json().await.expect("screenshot json");
        let png = base64_decode(v["value"].as_str().expect("screenshot data"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot dir");
        }
        std::fs::write(path, png).expect("write screenshot");
    }
}

async fn post(http: &reqwest::Client, url: &str, body: Value) -> Value {
    let resp = http.post(url).json(&body).send().await.unwrap_or_else(|e| panic!("POST {url}: {e}"));
    let status = resp.status();
    let v: Value = resp.json().await.unwrap_or_else(|e| panic!("POST {url}: body: {e}"));
    assert!(status.is_success(), "POST {url} {body}: {status}: {v}");
    v["value"].clone()
}

/// Standard base64 (screenshots only; not worth a dependency).
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("bad base64 byte {c}"),
    };
    let bytes: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= u32::from(val(c)) << (18 - 6 * i);
        }
        out.extend_from_slice(&acc.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn base64_round_trip() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGVsbG8h"), b"hello!");
    assert_eq!(base64_decode("aA=="), b"h");
}
